/* test_token.c - tokenizer: offsets, flags, norms, clitics, hyphens,
 * abbreviations, numbers, UTF-8 folding, hashing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "core/alloc.h"
#include "text/text.h"

/* Expected tokens are written as their surface text; `norms` (optional)
 * gives the expected norms in the same order. */
typedef struct {
    const char *text;
    const char *surf[24];
    const char *norms[24];
} tok_case;

static const tok_case cases[] = {
    {"Russia's troops", {"Russia", "'s", "troops"}, {"russia", "'s", "troops"}},
    {"don't won't can't", {"do", "n't", "wo", "n't", "ca", "n't"}, {0}},
    {"they'll we're I've she'd I'm", {"they", "'ll", "we", "'re", "I", "'ve", "she", "'d", "I", "'m"}, {0}},
    {"Russia\xE2\x80\x99s don\xE2\x80\x99t", {"Russia", "\xE2\x80\x99s", "do", "n\xE2\x80\x99t"},
     {"russia", "'s", "do", "n't"}},
    {"O'Neill's plan", {"O'Neill", "'s", "plan"}, {"o'neill", "'s", "plan"}},
    {"Kim Jong-un", {"Kim", "Jong", "-", "un"}, {"kim", "jong", "-", "un"}},
    {"a well - known - fact", {"a", "well", "-", "known", "-", "fact"}, {0}},
    {"U.S.-led forces", {"U.S.", "-", "led", "forces"}, {"u.s.", "-", "led", "forces"}},
    {"The U.S. and U.N. met.", {"The", "U.S.", "and", "U.N.", "met", "."}, {0}},
    {"Gen. Smith, Mr. Jones and Sept. 11", {"Gen.", "Smith", ",", "Mr.", "Jones", "and", "Sept.", "11"}, {0}},
    {"No. 10 said no.", {"No.", "10", "said", "no", "."}, {0}},
    {"Acme Inc. and Beta Co. Ltd.", {"Acme", "Inc.", "and", "Beta", "Co.", "Ltd."}, {0}},
    {"John F. Kennedy", {"John", "F.", "Kennedy"}, {"john", "f.", "kennedy"}},
    {"at 3 p.m. today, e.g. now", {"at", "3", "p.m.", "today", ",", "e.g.", "now"}, {0}},
    {"Boston, Mass. is cold. Mass. protests", {"Boston", ",", "Mass.", "is", "cold", ".", "Mass", ".", "protests"}, {0}},
    {"2.5 percent of 1,500 rose 3.5% to $1,234.56", {"2.5", "percent", "of", "1,500", "rose", "3.5", "%", "to", "$", "1,234.56"}, {0}},
    {"on 15-17 March, the 1st and 21st; 1980s", {"on", "15", "-", "17", "March", ",", "the", "1st", "and", "21st", ";", "1980s"}, {0}},
    {"1,2 and 10:30 and 1,5000", {"1", ",", "2", "and", "10:30", "and", "1", ",", "5000"}, {0}},
    {"\"Yes,\" he said (twice)...", {"\"", "Yes", ",", "\"", "he", "said", "(", "twice", ")", "..."}, {0}},
    {"\xE2\x80\x9CNo\xE2\x80\x9D \xE2\x80\x94 wait\xE2\x80\xA6", {"\xE2\x80\x9C", "No", "\xE2\x80\x9D", "\xE2\x80\x94", "wait", "\xE2\x80\xA6"},
     {"\"", "no", "\"", "-", "wait", "..."}},
    {"C\xC3\xB4te d\xE2\x80\x99Ivoire", {"C\xC3\xB4te", "d\xE2\x80\x99Ivoire"}, {"cote", "d'ivoire"}},
    {"S\xC3\xA3o Paulo, Z\xC3\xBCRICH, Stra\xC3\x9F" "e", {"S\xC3\xA3o", "Paulo", ",", "Z\xC3\xBCRICH", ",", "Stra\xC3\x9F" "e"},
     {"sao", "paulo", ",", "zurich", ",", "strasse"}},
    {"reuters.com reported", {"reuters.com", "reported"}, {0}},
    {"the states' rights", {"the", "states", "'", "rights"}, {0}},
    {"'90s rock--roll", {"'", "90s", "rock", "--", "roll"}, {0}},
    {"Ph.D. holders", {"Ph.D.", "holders"}, {"ph.d.", "holders"}},
    {"AT&T/Verizon", {"AT", "&", "T", "/", "Verizon"}, {0}},
    {"", {0}, {0}},
    {"   \n\n  ", {0}, {0}},
};

static void check_case(const tok_case *c)
{
    dy_arena *a = dy_arena_new();
    assert_non_null(a);
    txt_token *t;
    size_t n;
    dy_err e;
    assert_int_equal(txt_tokenize(c->text, strlen(c->text), a, &t, &n, &e), 0);
    size_t want = 0;
    while (c->surf[want])
        want++;
    if (n != want) {
        for (size_t i = 0; i < n; i++)
            print_error("  got [%.*s]\n", (int)(t[i].end - t[i].start), c->text + t[i].start);
        fail_msg("\"%s\": %zu tokens, expected %zu", c->text, n, want);
    }
    for (size_t i = 0; i < n; i++) {
        size_t m = t[i].end - t[i].start;
        if (strlen(c->surf[i]) != m || memcmp(c->surf[i], c->text + t[i].start, m) != 0)
            fail_msg("\"%s\" token %zu: got [%.*s], expected [%s]", c->text, i, (int)m,
                     c->text + t[i].start, c->surf[i]);
        if (c->norms[0])
            assert_string_equal(t[i].norm, c->norms[i]);
        assert_int_equal(strlen(t[i].norm), t[i].norm_len);
        assert_true(t[i].hash == txt_hash(t[i].norm, t[i].norm_len));
    }
    dy_arena_free(a);
}

static void test_token_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        check_case(&cases[i]);
}

/* Find the first token with surface s. */
static const txt_token *find(const char *text, const txt_token *t, size_t n, const char *s)
{
    for (size_t i = 0; i < n; i++)
        if (t[i].end - t[i].start == strlen(s) && !memcmp(text + t[i].start, s, strlen(s)))
            return &t[i];
    fail_msg("token [%s] not found", s);
    return NULL;
}

static void test_token_flags(void **state)
{
    (void)state;
    const char *text = "NATO's chief, Mr. Stoltenberg,\nsaid 2.5 \"kept\"\n\n  Kim Jong-un U.S. ok";
    dy_arena *a = dy_arena_new();
    txt_token *t;
    size_t n;
    dy_err e;
    assert_int_equal(txt_tokenize(text, strlen(text), a, &t, &n, &e), 0);
    const txt_token *k = find(text, t, n, "NATO");
    assert_int_equal(k->start, 0);
    assert_int_equal(k->end, 4);
    assert_int_equal(k->flags, TXT_TOK_WORD | TXT_TOK_CAP | TXT_TOK_UPPER);
    k = find(text, t, n, "'s");
    assert_int_equal(k->flags, TXT_TOK_WORD | TXT_TOK_CLITIC);
    k = find(text, t, n, "chief");
    assert_int_equal(k->flags, TXT_TOK_WORD | TXT_TOK_SPACE_BEFORE);
    k = find(text, t, n, "Mr.");
    assert_int_equal(k->flags, TXT_TOK_WORD | TXT_TOK_CAP | TXT_TOK_ABBR | TXT_TOK_SPACE_BEFORE);
    k = find(text, t, n, "said");
    assert_int_equal(k->flags, TXT_TOK_WORD | TXT_TOK_SPACE_BEFORE | TXT_TOK_NL_BEFORE);
    k = find(text, t, n, "2.5");
    assert_int_equal(k->flags, TXT_TOK_NUM | TXT_TOK_SPACE_BEFORE);
    k = find(text, t, n, "\"");
    assert_int_equal(k->flags, TXT_TOK_PUNCT | TXT_TOK_QUOTE | TXT_TOK_SPACE_BEFORE);
    k = find(text, t, n, "Kim");
    assert_int_equal(k->flags, TXT_TOK_WORD | TXT_TOK_CAP | TXT_TOK_SPACE_BEFORE |
                                   TXT_TOK_NL_BEFORE | TXT_TOK_PARA_BEFORE);
    k = find(text, t, n, "-");
    assert_int_equal(k->flags, TXT_TOK_PUNCT | TXT_TOK_HYPHEN);
    k = find(text, t, n, "U.S.");
    assert_true(k->flags & TXT_TOK_ABBR);
    assert_true(k->flags & TXT_TOK_UPPER);
    assert_false(k->flags & TXT_TOK_SENT_END);
    k = find(text, t, n, ",");
    assert_int_equal(k->flags, TXT_TOK_PUNCT);
    dy_arena_free(a);
}

static void test_token_sent_end(void **state)
{
    (void)state;
    const char *text = "He left the U.S. The talks failed. \"Why?\" he asked! Jan. 5 was cold...";
    dy_arena *a = dy_arena_new();
    txt_token *t;
    size_t n;
    dy_err e;
    assert_int_equal(txt_tokenize(text, strlen(text), a, &t, &n, &e), 0);
    const char *ends[] = {"U.S.", "failed", "!", "..."};
    size_t nend = 0;
    for (size_t i = 0; i < n; i++) {
        if (!(t[i].flags & TXT_TOK_SENT_END))
            continue;
        assert_true(nend < 4);
        /* The flag sits on the abbreviation or on the punctuation. */
        const char *want = ends[nend++];
        size_t m = t[i].end - t[i].start;
        if (strcmp(want, "failed") == 0) {
            assert_int_equal(m, 1);
            assert_int_equal(text[t[i].start], '.');
            assert_memory_equal(text + t[i - 1].start, "failed", 6);
        } else {
            assert_int_equal(m, strlen(want));
            assert_memory_equal(text + t[i].start, want, m);
        }
    }
    assert_int_equal(nend, 4);
    dy_arena_free(a);
}

static void test_token_hash(void **state)
{
    (void)state;
    /* Published FNV-1a 64 test vectors. */
    assert_true(txt_hash("", 0) == 0xcbf29ce484222325ull);
    assert_true(txt_hash("a", 1) == 0xaf63dc4c8601ec8cull);
    assert_true(txt_hash("foobar", 6) == 0x85944171f73967e8ull);
}

static void test_token_oom(void **state)
{
    (void)state;
    const char *text = "The U.S. said on Monday that C\xC3\xB4te d'Ivoire's talks failed.";
    /* Every allocation failure point must yield DY_ENOMEM, never a crash. */
    for (long k = 0; k < 6; k++) {
        dy_arena *a = dy_arena_new();
        assert_non_null(a);
        txt_token *t = (txt_token *)1;
        size_t n = 99;
        dy_err e;
        dy_alloc_fail_after(k);
        int rc = txt_tokenize(text, strlen(text), a, &t, &n, &e);
        dy_alloc_fail_after(-1);
        if (rc == 0) {
            assert_true(n > 5);
        } else {
            assert_int_equal(rc, DY_ENOMEM);
            assert_int_equal(e.code, DY_ENOMEM);
            assert_null(t);
            assert_int_equal(n, 0);
        }
        dy_arena_free(a);
    }
}

static void test_token_long_unicode(void **state)
{
    (void)state;
    /* A token longer than the stack buffer for folding. */
    char text[400];
    size_t m = 0;
    for (int i = 0; i < 100; i++) {
        text[m++] = (char)0xC3;
        text[m++] = (char)0x89; /* É */
    }
    text[m] = 0;
    dy_arena *a = dy_arena_new();
    txt_token *t;
    size_t n;
    dy_err e;
    assert_int_equal(txt_tokenize(text, m, a, &t, &n, &e), 0);
    assert_int_equal(n, 1);
    assert_int_equal(t[0].norm_len, 100);
    for (int i = 0; i < 100; i++)
        assert_int_equal(t[0].norm[i], 'e');
    assert_int_equal(t[0].flags, TXT_TOK_WORD | TXT_TOK_CAP | TXT_TOK_UPPER);
    dy_arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_token_table),
        cmocka_unit_test(test_token_flags),
        cmocka_unit_test(test_token_sent_end),
        cmocka_unit_test(test_token_hash),
        cmocka_unit_test(test_token_oom),
        cmocka_unit_test(test_token_long_unicode),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
