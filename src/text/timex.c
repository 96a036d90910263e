/* timex.c - finding and resolving time expressions ("September 13, 2023",
 * "last week", "the 1990s") in the sentences of a document.
 *
 * Works on the bytes of each sentence, independently of the tokenizer: a
 * small lexer cuts the sentence into words, numbers and punctuation and looks
 * each short ASCII word up in a keyword table; only numbers and a few
 * keywords (months, weekdays, "yesterday", "last", "the", ...) start a parse,
 * so most tokens cost one table probe. See docs/timex.md for what is
 * recognised and how it resolves.
 */
#include "core/invariant.h"
#include "text/text.h"
#include "text/text_internal.h"

#include <pthread.h>
#include <string.h>
#include <strings.h>

/* ---- tokens ----------------------------------------------------------- */

enum { TK_END = 0, TK_WORD, TK_NUM, TK_PUNCT };

enum {
    F_CAP = 1,    /* word: first letter upper case */
    F_GLUED = 2,  /* touches digits/letters/currency: "A320", "1,500", "$20" */
    F_ORD = 4,    /* number with an ordinal suffix: "13th" */
    F_DECS = 8,   /* number followed by "s": "1990s", "90s" */
    F_POSS = 16   /* number followed by "'s": "1990's" */
};

enum {
    KW_NONE = 0, KW_MONTH, KW_MONABBR, KW_WDAY, KW_YESTERDAY, KW_TODAY,
    KW_TOMORROW, KW_TONIGHT, KW_LAST, KW_THIS, KW_NEXT, KW_YEAR, KW_MONTHW,
    KW_WEEK, KW_DAY, KW_PART, KW_BEFORE, KW_AFTER, KW_EARLY, KW_LATE, KW_MID,
    KW_THE, KW_OF, KW_AND, KW_OR, KW_TO, KW_THROUGH, KW_UNTIL, KW_FROM,
    KW_BETWEEN, KW_TRIG, KW_DECADE, KW_FUNC
};

/* Keywords that can start an expression: the pre-filter of the scan. */
#define KWBIT(k) (1ull << (k))
static const unsigned long long ANCHORS =
    KWBIT(KW_MONTH) | KWBIT(KW_MONABBR) | KWBIT(KW_WDAY) | KWBIT(KW_YESTERDAY) |
    KWBIT(KW_TODAY) | KWBIT(KW_TOMORROW) | KWBIT(KW_TONIGHT) | KWBIT(KW_LAST) |
    KWBIT(KW_THIS) | KWBIT(KW_NEXT) | KWBIT(KW_EARLY) | KWBIT(KW_LATE) |
    KWBIT(KW_MID) | KWBIT(KW_THE);
/* Words without which no expression parses: every parser below succeeds
 * only with one of these words, a number of exactly four digits (a year,
 * "1990s", ISO dates) or a two-digit number right after an apostrophe
 * ("'90s") among its tokens. Numbers of one or two digits are days, which
 * need a month. txt_timex_scan_tokens skips sentences that have none of the
 * three; keep this list in step with the parsers. */
static const unsigned long long ESSENTIAL =
    KWBIT(KW_MONTH) | KWBIT(KW_MONABBR) | KWBIT(KW_WDAY) | KWBIT(KW_YESTERDAY) |
    KWBIT(KW_TODAY) | KWBIT(KW_TOMORROW) | KWBIT(KW_TONIGHT) | KWBIT(KW_YEAR) |
    KWBIT(KW_MONTHW) | KWBIT(KW_WEEK) | KWBIT(KW_PART) | KWBIT(KW_DECADE);
/* Of those, the words the parsers take only right after "last", "this" or
 * "next" (RELWORDS): after a weekday, "yesterday" & co. or a month too, but
 * these are essential themselves. */
static const unsigned long long AFTER_REL =
    KWBIT(KW_YEAR) | KWBIT(KW_MONTHW) | KWBIT(KW_WEEK) | KWBIT(KW_PART);
static const unsigned long long RELWORDS = KWBIT(KW_LAST) | KWBIT(KW_THIS) | KWBIT(KW_NEXT);
/* Words after which a bare year or month is clearly a date ("in 2019"). */
static const unsigned long long TRIGGERS =
    KWBIT(KW_TRIG) | KWBIT(KW_BEFORE) | KWBIT(KW_AFTER) | KWBIT(KW_OF) |
    KWBIT(KW_FROM) | KWBIT(KW_UNTIL) | KWBIT(KW_THROUGH) | KWBIT(KW_EARLY) |
    KWBIT(KW_LATE) | KWBIT(KW_MID) | KWBIT(KW_BETWEEN);

typedef struct tok {
    uint32_t s, e;  /* bytes [s, e) in the document */
    uint8_t type;   /* TK_* */
    uint8_t kw;     /* KW_* for words */
    uint8_t flags;  /* F_* */
    uint8_t nd;     /* digits of a number (capped at 255) */
    int32_t val;    /* number value, month 1-12, weekday 0-6, decade, char */
} tok;

typedef struct kwent {
    const char *w;
    uint8_t n, kw;
    int16_t val;
} kwent;

#define K(w, kw, v) {w, sizeof(w) - 1, kw, v}
static const kwent kw_a[] = {
    K("a", KW_FUNC, 0), K("an", KW_FUNC, 0), K("as", KW_FUNC, 0),
    K("at", KW_FUNC, 0), K("and", KW_AND, 0), K("apr", KW_MONABBR, 4),
    K("are", KW_FUNC, 0), K("aug", KW_MONABBR, 8), K("also", KW_FUNC, 0),
    K("amid", KW_FUNC, 0), K("after", KW_AFTER, 0), K("april", KW_MONTH, 4),
    K("august", KW_MONTH, 8), K("against", KW_FUNC, 0),
    K("afternoon", KW_PART, 0)};
static const kwent kw_b[] = {
    K("by", KW_TRIG, 0), K("but", KW_FUNC, 0), K("before", KW_BEFORE, 0),
    K("because", KW_FUNC, 0), K("between", KW_BETWEEN, 0)};
static const kwent kw_c[] = {
    K("compared", KW_FUNC, 0)};
static const kwent kw_d[] = {
    K("day", KW_DAY, 0), K("dec", KW_MONABBR, 12), K("during", KW_TRIG, 0),
    K("december", KW_MONTH, 12)};
static const kwent kw_e[] = {
    K("early", KW_EARLY, 0), K("evening", KW_PART, 0),
    K("eighties", KW_DECADE, 1980)};
static const kwent kw_f[] = {
    K("feb", KW_MONABBR, 2), K("for", KW_FUNC, 0), K("from", KW_FROM, 0),
    K("friday", KW_WDAY, 4), K("fifties", KW_DECADE, 1950),
    K("forties", KW_DECADE, 1940), K("february", KW_MONTH, 2),
    K("following", KW_FUNC, 0)};
static const kwent kw_h[] = {
    K("he", KW_FUNC, 0), K("had", KW_FUNC, 0), K("has", KW_FUNC, 0),
    K("her", KW_FUNC, 0), K("his", KW_FUNC, 0), K("have", KW_FUNC, 0)};
static const kwent kw_i[] = {
    K("i", KW_FUNC, 0), K("if", KW_FUNC, 0), K("in", KW_TRIG, 0),
    K("is", KW_FUNC, 0), K("it", KW_FUNC, 0), K("its", KW_FUNC, 0)};
static const kwent kw_j[] = {
    K("jan", KW_MONABBR, 1), K("jul", KW_MONABBR, 7), K("jun", KW_MONABBR, 6),
    K("july", KW_MONTH, 7), K("june", KW_MONTH, 6), K("january", KW_MONTH, 1)};
static const kwent kw_l[] = {
    K("last", KW_LAST, 0), K("late", KW_LATE, 0)};
static const kwent kw_m[] = {
    K("mar", KW_MONABBR, 3), K("may", KW_MONTH, 5), K("mid", KW_MID, 0),
    K("march", KW_MONTH, 3), K("month", KW_MONTHW, 0), K("monday", KW_WDAY, 0),
    K("morning", KW_PART, 0)};
static const kwent kw_n[] = {
    K("not", KW_FUNC, 0), K("nov", KW_MONABBR, 11), K("next", KW_NEXT, 0),
    K("night", KW_PART, 1), K("nineties", KW_DECADE, 1990),
    K("november", KW_MONTH, 11)};
static const kwent kw_o[] = {
    K("of", KW_OF, 0), K("on", KW_FUNC, 0), K("or", KW_OR, 0),
    K("oct", KW_MONABBR, 10), K("our", KW_FUNC, 0), K("october", KW_MONTH, 10)};
static const kwent kw_s[] = {
    K("so", KW_FUNC, 0), K("sep", KW_MONABBR, 9), K("she", KW_FUNC, 0),
    K("sept", KW_MONABBR, 9), K("since", KW_TRIG, 0), K("sunday", KW_WDAY, 6),
    K("sixties", KW_DECADE, 1960), K("saturday", KW_WDAY, 5),
    K("september", KW_MONTH, 9), K("seventies", KW_DECADE, 1970)};
static const kwent kw_t[] = {
    K("to", KW_TO, 0), K("the", KW_THE, 0), K("than", KW_FUNC, 0),
    K("that", KW_FUNC, 0), K("they", KW_FUNC, 0), K("this", KW_THIS, 0),
    K("till", KW_UNTIL, 0), K("their", KW_FUNC, 0), K("there", KW_FUNC, 0),
    K("these", KW_FUNC, 0), K("those", KW_FUNC, 0), K("today", KW_TODAY, 0),
    K("through", KW_THROUGH, 0), K("tonight", KW_TONIGHT, 0),
    K("tuesday", KW_WDAY, 1), K("thirties", KW_DECADE, 1930),
    K("thursday", KW_WDAY, 3), K("tomorrow", KW_TOMORROW, 0),
    K("twenties", KW_DECADE, 1920), K("throughout", KW_TRIG, 0)};
static const kwent kw_u[] = {
    K("until", KW_UNTIL, 0)};
static const kwent kw_w[] = {
    K("we", KW_FUNC, 0), K("was", KW_FUNC, 0), K("who", KW_FUNC, 0),
    K("week", KW_WEEK, 0), K("were", KW_FUNC, 0), K("when", KW_FUNC, 0),
    K("with", KW_FUNC, 0), K("where", KW_FUNC, 0), K("which", KW_FUNC, 0),
    K("while", KW_FUNC, 0), K("wednesday", KW_WDAY, 2)};
static const kwent kw_y[] = {
    K("you", KW_FUNC, 0), K("year", KW_YEAR, 0),
    K("yesterday", KW_YESTERDAY, 0)};
#undef K

#define NELEM(x) (sizeof(x) / sizeof((x)[0]))
static const struct {
    const kwent *e;
    size_t n;
} kw_index[26] = {
    {kw_a, NELEM(kw_a)}, {kw_b, NELEM(kw_b)}, {kw_c, NELEM(kw_c)},
    {kw_d, NELEM(kw_d)}, {kw_e, NELEM(kw_e)}, {kw_f, NELEM(kw_f)},
    {NULL, 0},           {kw_h, NELEM(kw_h)}, {kw_i, NELEM(kw_i)},
    {kw_j, NELEM(kw_j)}, {NULL, 0},           {kw_l, NELEM(kw_l)},
    {kw_m, NELEM(kw_m)}, {kw_n, NELEM(kw_n)}, {kw_o, NELEM(kw_o)},
    {NULL, 0},           {NULL, 0},           {NULL, 0},
    {kw_s, NELEM(kw_s)}, {kw_t, NELEM(kw_t)}, {kw_u, NELEM(kw_u)},
    {NULL, 0},           {kw_w, NELEM(kw_w)}, {NULL, 0},
    {kw_y, NELEM(kw_y)}, {NULL, 0}};

static int is_alpha(unsigned c) { return ((c | 32u) - 'a') < 26u; }

/* ASCII letters, for the lexer's word loop (every byte of every word of
 * every sentence goes through it). */
#define X8(v) v, v, v, v, v, v, v, v
static const unsigned char ascii_letter[256] = {
    X8(0), X8(0), X8(0), X8(0), X8(0), X8(0), X8(0), X8(0), /* 0x00-0x3F */
    0, X8(1), X8(1), X8(1), 1, 1, 0, 0, 0, 0, 0,            /* 0x40-0x5F */
    0, X8(1), X8(1), X8(1), 1, 1, 0, 0, 0, 0, 0,            /* 0x60-0x7F */
};
#undef X8
static int is_digit(unsigned c) { return (c - '0') < 10u; }

/* Keyword lookup. Runs for most words of every sentence, so the lists
 * above are loaded once into an open-addressing hash table keyed by the
 * word's lower-cased bytes packed into integers: a lookup is a multiply and
 * usually one probe, whatever the word. Keywords have at most 10 letters:
 * key holds bytes 0-7 (little-endian, zero-padded), key2 bytes 8-9. */
typedef struct kwslot {
    uint64_t key;
    uint16_t key2;
    uint8_t n;   /* 0 = empty slot */
    uint8_t kw;
    int16_t val;
} kwslot;

enum { KW_BITS = 9, KW_SLOTS = 1 << KW_BITS };
static kwslot kw_table[KW_SLOTS];
/* Bit n of kw_lens[l] is set when some keyword of n letters starts with
 * letter l: rules most words out before their key is made. */
static uint16_t kw_lens[26];
/* The ESSENTIAL keywords and "last", "this", "next" by txt_hash, for the
 * sentence filter: open addressing on the top bits (kw 0 = empty slot), and
 * a bitmap on other bits that turns most words away with one test. */
enum { ESS_BITS = 8, ESS_SLOTS = 1 << ESS_BITS, ESS_BLOOM = 1024 };
static struct {
    uint64_t h;
    uint8_t kw;
    int16_t val;
} ess_tab[ESS_SLOTS];
static uint64_t ess_bloom[ESS_BLOOM / 64];
static pthread_once_t kw_once = PTHREAD_ONCE_INIT;

static unsigned kw_slot(uint64_t key, uint16_t key2)
{
    return (unsigned)(((key ^ ((uint64_t)key2 << 48)) * 0x9E3779B97F4A7C15ull) >>
                      (64 - KW_BITS));
}

/* Packed key of the lower-cased word w[0..n), 1 <= n <= 10, byte by byte. */
static uint64_t kw_pack(const unsigned char *w, size_t n, uint16_t *key2)
{
    uint64_t k = 0;
    for (size_t i = 0; i < n && i < 8; i++)
        k |= (uint64_t)(w[i] | 32u) << (8 * i);
    *key2 = 0;
    for (size_t i = 8; i < n; i++)
        *key2 |= (uint16_t)((w[i] | 32u) << (8 * (i - 8)));
    return k;
}

static void kw_build(void)
{
    for (size_t li = 0; li < 26; li++) {
        for (size_t i = 0; i < kw_index[li].n; i++) {
            const kwent *e = &kw_index[li].e[i];
            uint16_t k2;
            uint64_t k = kw_pack((const unsigned char *)e->w, e->n, &k2);
            unsigned h = kw_slot(k, k2);
            while (kw_table[h].n)
                h = (h + 1) & (KW_SLOTS - 1);
            kw_table[h] = (kwslot){k, k2, e->n, e->kw, e->val};
            kw_lens[li] |= (uint16_t)(1u << e->n);
            if ((ESSENTIAL | RELWORDS) & KWBIT(e->kw)) {
                uint64_t eh = txt_hash(e->w, e->n);
                unsigned j = (unsigned)(eh >> (64 - ESS_BITS));
                while (ess_tab[j].kw)
                    j = (j + 1) & (ESS_SLOTS - 1);
                ess_tab[j].h = eh;
                ess_tab[j].kw = e->kw;
                ess_tab[j].val = e->val;
                ess_bloom[(eh % ESS_BLOOM) / 64] |= 1ull << (eh % 64);
            }
        }
    }
}

/* Keyword of the packed word (key, key2); sets *val. */
static int kw_find(uint64_t key, uint16_t key2, int32_t *val)
{
    unsigned h = kw_slot(key, key2);
    for (;;) {
        const kwslot *e = &kw_table[h];
        if (!e->n)
            return KW_NONE;
        if (e->key == key && e->key2 == key2) {
            *val = e->val;
            return e->kw;
        }
        h = (h + 1) & (KW_SLOTS - 1);
    }
}

/* Low n bytes of a little-endian 64-bit word, n = 0..8. */
static const uint64_t low_bytes[9] = {
    0, 0xFFull, 0xFFFFull, 0xFFFFFFull, 0xFFFFFFFFull, 0xFFFFFFFFFFull,
    0xFFFFFFFFFFFFull, 0xFFFFFFFFFFFFFFull, ~0ull};

/* Keyword of the ASCII-letter word w[0..n) (letters only, as the lexer
 * calls it), case-insensitively; sets *val.
 * lim is the end of the readable text: when 8 bytes are readable at w the
 * key is one load. */
static int kw_lookup(const unsigned char *w, size_t n, const unsigned char *lim,
                     int32_t *val)
{
    /* w[0] is a letter: the index is 0..25. */
    if (n == 0 || n > 10 || !((kw_lens[(w[0] | 32u) - 'a'] >> n) & 1))
        return KW_NONE;
    uint16_t k2 = 0;
    uint64_t k;
    if (lim - w >= 8) {
        memcpy(&k, w, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
        k = __builtin_bswap64(k);
#endif
        if (n < 8) {
            k = (k | 0x2020202020202020ull) & low_bytes[n];
        } else {
            k |= 0x2020202020202020ull;
            if (n > 8)
                k2 = (uint16_t)((w[8] | 32u) | (n > 9 ? (w[9] | 32u) << 8 : 0));
        }
    } else {
        k = kw_pack(w, n, &k2);
    }
    return kw_find(k, k2, val);
}

/* Keyword (ESSENTIAL or RELWORDS) whose txt_hash is h, or KW_NONE; sets
 * *val. */
static int ess_find(uint64_t h, int *val)
{
    if (!((ess_bloom[(h % ESS_BLOOM) / 64] >> (h % 64)) & 1))
        return KW_NONE;
    unsigned j = (unsigned)(h >> (64 - ESS_BITS));
    while (ess_tab[j].kw) {
        if (ess_tab[j].h == h) {
            *val = ess_tab[j].val;
            return ess_tab[j].kw;
        }
        j = (j + 1) & (ESS_SLOTS - 1);
    }
    return KW_NONE;
}

static int is_alnum(unsigned c) { return ascii_letter[c] || is_digit(c); }

/* Do the bytes of [b, e), widened to whole runs of ASCII letters and digits
 * within the sentence [lo, hi), hold what an expression needs (see
 * ESSENTIAL): an essential keyword as a run of ASCII letters, four digits in
 * a row, or an apostrophe (ASCII or U+2018/U+2019) before a digit? Runs are
 * cut at every byte the lexer cuts at, and at more (non-ASCII letters), so
 * that every keyword the lexer can see is seen here too. */
static int bytes_essential(const unsigned char *t, const unsigned char *tend, size_t lo,
                           size_t hi, size_t b, size_t e)
{
    while (b > lo && is_alnum(t[b - 1]))
        b--;
    while (e < hi && is_alnum(t[e]))
        e++;
    for (size_t p = b; p < e;) {
        unsigned c = t[p];
        size_t q = p + 1;
        if (ascii_letter[c]) {
            while (q < e && ascii_letter[t[q]])
                q++;
            int32_t v;
            if (ESSENTIAL & KWBIT(kw_lookup(t + p, q - p, tend, &v)))
                return 1;
        } else if (is_digit(c)) {
            while (q < e && is_digit(t[q]))
                q++;
            if (q - p >= 4)
                return 1;
        } else if (c == '\'') {
            if (q < hi && is_digit(t[q]))
                return 1;
        } else if (c == 0xE2 && p + 3 < hi && t[p + 1] == 0x80 &&
                   (t[p + 2] == 0x98 || t[p + 2] == 0x99) && is_digit(t[p + 3])) {
            return 1;
        }
        p = q;
    }
    return 0;
}

/* May sentence st (bytes [lo, hi)) hold a time expression? A cheap test on
 * the tokenizer's tokens, exact in one direction: it says no only when the
 * lexer would find none of the ESSENTIAL words, no four-digit number and no
 * apostrophe before a digit, so no parse can succeed; closer for tokens of
 * ASCII letters only, where month_at's capital and the "last" before "year"
 * are checked too. Such a token is one lexer word (its neighbours are
 * spaces, punctuation, or a token that is not letters only, whose widened
 * bytes cover the word; the previous word is the previous token, or absent
 * when spaces the lexer reads as letters join them) and is looked up by its
 * hash; other tokens by their bytes. */
static int sent_may_have_timex(const unsigned char *t, const unsigned char *tend,
                               const txt_token *toks, const uint8_t *alpha,
                               const txt_sentence *st, size_t lo, size_t hi)
{
    int rel = 0; /* the lexer's previous word may be "last", "this", "next" */
    for (size_t k = st->tok_begin; k < st->tok_end; k++) {
        const txt_token *x = &toks[k];
        if (alpha[k]) {
            int val = 0, kw = ess_find(x->hash, &val);
            if (kw == KW_MONTH || kw == KW_MONABBR) {
                /* month_at: abbreviations, "May" and "March" capitalised */
                if ((kw == KW_MONTH && val != 3 && val != 5) || (x->flags & TXT_TOK_CAP))
                    return 1;
            } else if (AFTER_REL & KWBIT(kw)) {
                if (rel)
                    return 1;
            } else if (ESSENTIAL & KWBIT(kw)) {
                return 1;
            }
            rel = (RELWORDS & KWBIT(kw)) != 0;
            continue;
        }
        unsigned c = t[x->start];
        /* Most punctuation: one ASCII byte that no rule looks at. */
        if (x->end - x->start == 1 && !is_digit(c) && c != '\'') {
            rel = 0;
            continue;
        }
        if (bytes_essential(t, tend, lo, hi, x->start, x->end))
            return 1;
        /* Its bytes may end in one of the three words. */
        rel = 1;
    }
    return 0;
}

/* Non-ASCII sequences that behave as space or punctuation in news text
 * (no-break and thin spaces, dashes, curly quotes): returns the sequence
 * length and its ASCII stand-in in *cls, or 0 for anything else, which the
 * lexer treats as part of a word so that "Mayé" never reads as "May". */
static size_t u8_punct(const unsigned char *p, const unsigned char *end, char *cls)
{
    if (end - p >= 2 && p[0] == 0xC2 && p[1] == 0xA0) {
        *cls = ' ';
        return 2;
    }
    if (end - p >= 3 && p[0] == 0xE2) {
        unsigned c = p[2];
        if (p[1] == 0x80) {
            if (c >= 0x90 && c <= 0x95) {
                *cls = '-';
                return 3;
            }
            if (c == 0x98 || c == 0x99) {
                *cls = '\'';
                return 3;
            }
            if (c == 0x9C || c == 0x9D) {
                *cls = '"';
                return 3;
            }
            if (c <= 0x8B || c == 0xAF || c == 0xA8 || c == 0xA9) {
                *cls = ' ';
                return 3;
            }
            if (c == 0xA6) {
                *cls = '.';
                return 3;
            }
        } else if (p[1] == 0x88 && c == 0x92) { /* minus sign */
            *cls = '-';
            return 3;
        }
    }
    return 0;
}

/* ---- scanner state ---------------------------------------------------- */

typedef struct scan {
    const unsigned char *t;  /* document text */
    const unsigned char *tend; /* t + len: end of the readable text */
    tok *tk;                 /* tokens of the current sentence (arena) */
    uint32_t *anc;           /* indices of the tokens that pass anchor() */
    size_t n, na, cap;       /* tokens, anchors, capacity of both arrays */
    tok end;                 /* sentinel returned past either end */
    txt_date docv;           /* sanitised document date */
    const txt_date *doc;     /* &docv, or NULL when unknown */
    int ctx_year;            /* nearest preceding explicit year, 0 = none */
    uint32_t ctx_sent;       /* the sentence it was written in */
    dy_arena *a;
    txt_timex *out;
    size_t nout, outcap;
    uint32_t sent;
} scan;

/* (Re)allocate the token and anchor arrays for nc tokens, keeping their
 * contents. One arena allocation holds both. Returns 0 or DY_ENOMEM. */
static int toks_resize(scan *s, size_t nc)
{
    if (nc > SIZE_MAX / (sizeof(tok) + sizeof(uint32_t)))
        return DY_ENOMEM;
    tok *g = dy_arena_alloc(s->a, nc * (sizeof(tok) + sizeof(uint32_t)));
    if (!g)
        return DY_ENOMEM;
    uint32_t *an = (uint32_t *)(void *)(g + nc);
    if (s->n)
        memcpy(g, s->tk, s->n * sizeof *g);
    if (s->na)
        memcpy(an, s->anc, s->na * sizeof *an);
    s->tk = g;
    s->anc = an;
    s->cap = nc;
    return 0;
}

/* Is token t worth a parse attempt? The cheap pre-filter, applied by the
 * lexer so that the scan only visits these tokens. */
static int anchor(const tok *t)
{
    switch (t->type) {
    case TK_NUM:
        return !(t->flags & F_GLUED);
    case TK_PUNCT:
        return t->val == '\'';
    case TK_WORD:
        return !(t->flags & F_GLUED) && (ANCHORS & KWBIT(t->kw)) != 0;
    default:
        return 0;
    }
}

/* Was the byte before p (inside the document) something that makes a number
 * part of a code or an amount ("A320", "$2019", "#2019", "£20")? */
static int glued_before(const unsigned char *base, const unsigned char *p)
{
    if (p == base)
        return 0;
    unsigned b = p[-1];
    if (is_alpha(b) || b == '$' || b == '#' || b == '+' || b == '@' || b == '_')
        return 1;
    if ((b == 0xA3 || b == 0xA5) && p - base >= 2 && p[-2] == 0xC2)
        return 1; /* pound, yen */
    if (b == 0xAC && p - base >= 3 && p[-2] == 0x82 && p[-3] == 0xE2)
        return 1; /* euro */
    if ((b == '.' || b == ',' || b == ':' || b == '/') && p - base >= 2 &&
        is_digit(p[-2]))
        return 1;
    return 0;
}

/* Cut text[lo, hi) into s->tk, listing the anchors in s->anc. Every field
 * of every token is written. Returns 0 or DY_ENOMEM. */
static int lex(scan *s, uint32_t lo, uint32_t hi)
{
    const unsigned char *base = s->t, *p = s->t + lo, *end = s->t + hi;
    size_t n = 0, na = 0;
    s->n = s->na = 0;
    while (p < end) {
        unsigned c = *p;
        if (c <= ' ') {
            p++;
            continue;
        }
        if (n == s->cap) {
            s->n = n;
            s->na = na;
            if (toks_resize(s, s->cap ? s->cap * 2 : 256))
                return DY_ENOMEM;
        }
        tok *t = &s->tk[n];
        t->s = (uint32_t)(p - base);
        t->kw = 0;
        t->nd = 0;
        if (ascii_letter[c]) {
            /* A word: ASCII letters, and non-ASCII bytes that are not space
             * or punctuation. */
            const unsigned char *q = p + 1;
            int ascii = 1;
            /* ASCII letters eight at a time while eight bytes fit: saves
             * the bound check per byte of the commonest case. */
            while (end - q >= 8) {
                if (!ascii_letter[q[0]]) break;
                if (!ascii_letter[q[1]]) { q += 1; break; }
                if (!ascii_letter[q[2]]) { q += 2; break; }
                if (!ascii_letter[q[3]]) { q += 3; break; }
                if (!ascii_letter[q[4]]) { q += 4; break; }
                if (!ascii_letter[q[5]]) { q += 5; break; }
                if (!ascii_letter[q[6]]) { q += 6; break; }
                if (!ascii_letter[q[7]]) { q += 7; break; }
                q += 8;
            }
            while (q < end) {
                if (ascii_letter[*q]) {
                    q++;
                    continue;
                }
                if (*q < 0x80) {
                    break;
                } else {
                    char k2;
                    if (u8_punct(q, end, &k2))
                        break;
                    ascii = 0;
                }
                q++;
            }
            uint8_t f = c <= 'Z' ? F_CAP : 0;
            if ((q < end && is_digit(*q)) || (p > base && is_digit(p[-1])))
                f |= F_GLUED;
            t->type = TK_WORD;
            t->flags = f;
            t->val = 0;
            if (ascii)
                t->kw = (uint8_t)kw_lookup(p, (size_t)(q - p), s->tend, &t->val);
            t->e = (uint32_t)(q - base);
            p = q;
            n++;
            if (!(f & F_GLUED) && (ANCHORS & KWBIT(t->kw)))
                s->anc[na++] = (uint32_t)(n - 1);
            continue;
        }
        t->flags = 0;
        if (is_digit(c)) {
            const unsigned char *q = p;
            int32_t v = 0;
            unsigned nd = 0;
            while (q < end && is_digit(*q)) {
                if (nd < 9)
                    v = v * 10 + (int32_t)(*q - '0');
                nd++;
                q++;
            }
            if (glued_before(base, p))
                t->flags |= F_GLUED;
            /* "1,500", "2.5", "10:30", "13/09/2023": one opaque number. */
            while (end - q >= 2 && (*q == ',' || *q == '.' || *q == ':' || *q == '/') &&
                   is_digit(q[1])) {
                t->flags |= F_GLUED;
                q++;
                while (q < end && is_digit(*q))
                    q++;
            }
            if (q < end && is_alpha(*q)) {
                size_t k = 0;
                while (q + k < end && is_alpha(q[k]))
                    k++;
                unsigned a = q[0] | 32u, b = k > 1 ? (q[1] | 32u) : 0;
                int next_ok = q + k == end || (!is_digit(q[k]) && q[k] < 0x80);
                if (k == 2 && next_ok &&
                    ((a == 's' && b == 't') || (a == 'n' && b == 'd') ||
                     (a == 'r' && b == 'd') || (a == 't' && b == 'h'))) {
                    t->flags |= F_ORD;
                    q += 2;
                } else if (k == 1 && a == 's' && next_ok) {
                    t->flags |= F_DECS;
                    q += 1;
                } else {
                    t->flags |= F_GLUED;
                }
            } else if (end - q >= 2 && q[0] == '\'' && (q[1] | 32u) == 's' &&
                       (end - q == 2 || !is_alpha(q[2]))) {
                t->flags |= F_POSS;
                q += 2;
            } else if (end - q >= 4 && q[0] == 0xE2 && q[1] == 0x80 && q[2] == 0x99 &&
                       (q[3] | 32u) == 's' && (end - q == 4 || !is_alpha(q[4]))) {
                t->flags |= F_POSS;
                q += 4;
            } else if (q < end && (*q == '%' || *q >= 0x80)) {
                /* "20%", and digits run into a non-ASCII letter */
                char cls;
                if (*q == '%' || !u8_punct(q, end, &cls))
                    t->flags |= F_GLUED;
            }
            t->type = TK_NUM;
            t->val = nd > 9 ? INT32_MAX : v;
            t->nd = (uint8_t)(nd > 255 ? 255 : nd);
            t->e = (uint32_t)(q - base);
            p = q;
        } else if (c < 0x80) {
            t->type = TK_PUNCT;
            t->val = (int32_t)c;
            t->e = t->s + 1;
            p++;
        } else {
            char cls = 0;
            size_t ul = u8_punct(p, end, &cls);
            if (ul) {
                p += ul;
                if (cls == ' ')
                    continue;
                t->type = TK_PUNCT;
                t->val = cls;
                t->e = (uint32_t)(p - base);
            } else {
                /* A word starting with a non-ASCII letter: never a keyword. */
                const unsigned char *q = p;
                while (q < end) {
                    if (ascii_letter[*q]) {
                        q++;
                        continue;
                    }
                    if (*q < 0x80) {
                        break;
                    } else {
                        char k2;
                        if (u8_punct(q, end, &k2))
                            break;
                    }
                    q++;
                }
                t->type = TK_WORD;
                if ((q < end && is_digit(*q)) || (p > base && is_digit(p[-1])))
                    t->flags |= F_GLUED;
                t->val = 0;
                t->e = (uint32_t)(q - base);
                p = q;
            }
        }
        n++;
        if (anchor(t))
            s->anc[na++] = (uint32_t)(n - 1);
    }
    s->n = n;
    s->na = na;
    return 0;
}

/* ---- token predicates ------------------------------------------------- */

/* Token k, or the sentinel past the end. */
static const tok *T(const scan *s, size_t k) { return k < s->n ? &s->tk[k] : &s->end; }
/* Token before k, or the sentinel at the start. */
static const tok *P(const scan *s, size_t k) { return k > 0 && k <= s->n ? &s->tk[k - 1] : &s->end; }

static int is_kw(const scan *s, size_t k, int kw)
{
    const tok *t = T(s, k);
    return t->type == TK_WORD && t->kw == kw && !(t->flags & F_GLUED);
}

static int is_p(const scan *s, size_t k, int c)
{
    const tok *t = T(s, k);
    return t->type == TK_PUNCT && t->val == c;
}

/* Does token k touch token k + 1 (no space between)? */
static int touches(const scan *s, size_t k) { return k + 1 < s->n && s->tk[k].e == s->tk[k + 1].s; }

/* A day of the month (1-31, at most two digits, "13th" allowed) or 0. */
static int day_num(const scan *s, size_t k)
{
    const tok *t = T(s, k);
    if (t->type != TK_NUM || (t->flags & (F_GLUED | F_DECS | F_POSS)) || t->nd > 2 ||
        t->val < 1 || t->val > 31)
        return 0;
    return t->val;
}

/* A four-digit year in [lo, hi] or 0. */
static int year_num(const scan *s, size_t k, int lo, int hi)
{
    const tok *t = T(s, k);
    if (t->type != TK_NUM || (t->flags & (F_GLUED | F_ORD | F_DECS)) || t->nd != 4 ||
        t->val < lo || t->val > hi)
        return 0;
    return t->val;
}

/* A capitalised word that is no keyword: a name ("Theresa May", "Bloody
 * Sunday", "Black September"), which makes the next month or weekday part
 * of the name. */
static int name_before(const scan *s, size_t k)
{
    const tok *p = P(s, k);
    return p->type == TK_WORD && (p->flags & F_CAP) && p->kw == KW_NONE;
}

/* Month 1-12 named by token k, or 0. Sets *abbr for "Sept", "Jan", ...
 * Abbreviations and the ambiguous "May" and "March" must be capitalised
 * (the modal verb, the walk). */
static int month_at(const scan *s, size_t k, int *abbr)
{
    const tok *t = T(s, k);
    if (t->type != TK_WORD || (t->kw != KW_MONTH && t->kw != KW_MONABBR) ||
        (t->flags & F_GLUED))
        return 0;
    int m = t->val, ab = t->kw == KW_MONABBR;
    if ((ab || m == 3 || m == 5) && !(t->flags & F_CAP))
        return 0;
    if (name_before(s, k))
        return 0;
    *abbr = ab;
    return m;
}

/* Index after a month word and, for an abbreviation, its period. */
static size_t after_month(const scan *s, size_t k, int abbr)
{
    return abbr && is_p(s, k + 1, '.') && touches(s, k) ? k + 2 : k + 1;
}

static int between_before(const scan *s, size_t k)
{
    const tok *p = P(s, k);
    return p->type == TK_WORD && p->kw == KW_BETWEEN;
}

/* Is token k preceded by a word that makes a bare year or month a date
 * ("in", "since", "early", "mid-", ...)? */
static int trigger_before(const scan *s, size_t k)
{
    const tok *p = P(s, k);
    if (p->type == TK_WORD && !(p->flags & F_GLUED) && (TRIGGERS & KWBIT(p->kw)))
        return 1;
    return p->type == TK_PUNCT && p->val == '-' && k >= 2 && is_kw(s, k - 2, KW_MID) &&
           touches(s, k - 2);
}

/* After a bare year, a lower-case word that is no function word reads as a
 * quantity ("in 1990 people", "of 2000 troops"). */
static int year_follow_ok(const scan *s, size_t k)
{
    const tok *t = T(s, k);
    if (t->type == TK_NUM)
        return 0;
    return !(t->type == TK_WORD && !(t->flags & F_CAP) && t->kw == KW_NONE);
}

/* Range separator at k: "-", "to", "through", "until", "till", and "and"
 * after "between". Returns the tokens it takes (0 or 1). */
static size_t range_sep(const scan *s, size_t k, int between)
{
    if (is_p(s, k, '-') || is_kw(s, k, KW_TO) || is_kw(s, k, KW_THROUGH) ||
        is_kw(s, k, KW_UNTIL))
        return 1;
    return between && is_kw(s, k, KW_AND) ? 1 : 0;
}

/* List separator at k: ",", "and", "or", ", and", ", or". Returns the
 * tokens it takes. */
static size_t list_sep(const scan *s, size_t k)
{
    if (is_p(s, k, ','))
        return is_kw(s, k + 1, KW_AND) || is_kw(s, k + 1, KW_OR) ? 2 : 1;
    return is_kw(s, k, KW_AND) || is_kw(s, k, KW_OR) ? 1 : 0;
}

/* ---- expressions ------------------------------------------------------ */

enum { X_ABS = 1, X_REL, X_DEC };
enum { ALLOW_BARE = 1 };  /* a bare month/year is acceptable here */

typedef struct expr {
    size_t i0, i1;       /* tokens [i0, i1) of the span */
    int kind;            /* X_* */
    int y, m, d;         /* X_ABS: parts written in the text, 0 = missing */
    int range;           /* X_ABS: y2/m2/d2 end the range */
    int y2, m2, d2;
    int yexp;            /* y came from the text */
    int yrel;            /* y came from "last year" & co. */
    int skip;            /* recognised but unresolvable: no document date */
    txt_date date, end;  /* X_REL, X_DEC: resolved */
    uint32_t flags;      /* TXT_TIMEX_* */
} expr;

/* Is the document date known to precision p (or finer)? Marks x skipped
 * otherwise, so that the words are consumed but nothing is emitted. */
static int need(const scan *s, expr *x, int p)
{
    if (s->doc && s->doc->prec <= p)
        return 1;
    x->skip = 1;
    return 0;
}

static int shape(const expr *x) { return x->d ? 2 : x->m ? 1 : 0; }

static txt_date mkdate(int y, int m, int d)
{
    txt_date r = {y, m, d, d ? TXT_PREC_DAY : m ? TXT_PREC_MONTH : TXT_PREC_YEAR};
    return r;
}

/* "[of] last|this|next year" at k after a yearless date: resolves x's year
 * against the document and returns the tokens taken, else 0. */
static size_t relyear_suffix(const scan *s, size_t k, expr *x)
{
    size_t j = k;
    int dir;
    if (is_kw(s, j, KW_OF))
        j++;
    if (is_kw(s, j, KW_LAST))
        dir = -1;
    else if (is_kw(s, j, KW_THIS))
        dir = 0;
    else if (is_kw(s, j, KW_NEXT))
        dir = 1;
    else
        return 0;
    if (!is_kw(s, j + 1, KW_YEAR))
        return 0;
    if (need(s, x, TXT_PREC_YEAR)) {
        x->y = s->doc->year + dir;
        x->yrel = 1;
        x->flags |= TXT_TIMEX_RELATIVE;
    }
    return j + 2 - k;
}

/* "Month [D[-D2]] [,] [YYYY]" at i. Returns the end or 0. */
static size_t month_first(const scan *s, size_t i, int fl, expr *x)
{
    int ab;
    int m = month_at(s, i, &ab);
    if (!m)
        return 0;
    size_t j = after_month(s, i, ab);
    x->kind = X_ABS;
    x->i0 = i;
    x->m = m;
    int d = day_num(s, j);
    if (d) {
        x->d = d;
        j++;
        size_t r = range_sep(s, j, between_before(s, i));
        int d2 = r ? day_num(s, j + r) : 0;
        int ab2;
        if (d2 > d && !month_at(s, j + r + 1, &ab2)) {
            x->range = 1;
            x->m2 = m;
            x->d2 = d2;
            j += r + 1;
        }
        size_t k = is_p(s, j, ',') ? j + 1 : j;
        int y = year_num(s, k, 1000, 2999);
        if (y) {
            x->y = y;
            x->yexp = 1;
            j = k + 1;
        }
    } else {
        /* "July 2022", and "July, 1986" as older wire copy writes it */
        size_t k = is_p(s, j, ',') ? j + 1 : j;
        int y = year_num(s, k, 1000, 2999);
        if (y && year_follow_ok(s, k + 1)) {
            x->y = y;
            x->yexp = 1;
            j = k + 1;
        } else {
            if (ab)
                return 0;
            size_t n = relyear_suffix(s, j, x);
            if (n) {
                x->i1 = j + n;
                return x->i1;
            }
            if (!(fl & ALLOW_BARE) && !trigger_before(s, i)) {
                /* "March and April 2023": the year at the end of a list of
                 * months vouches for all of them. */
                size_t q = j, sep;
                int ok = 0;
                for (int guard = 0; guard < 12 && (sep = list_sep(s, q)); guard++) {
                    int ab3;
                    if (!month_at(s, q + sep, &ab3))
                        break;
                    q = after_month(s, q + sep, ab3);
                    if (year_num(s, is_p(s, q, ',') ? q + 1 : q, 1000, 2999)) {
                        ok = 1;
                        break;
                    }
                }
                if (!ok)
                    return 0;
            }
        }
    }
    if (!x->y)
        j += relyear_suffix(s, j, x);
    x->i1 = j;
    return j;
}

/* "D[-D2] [of] Month [,] [YYYY]" at i; need_ord: only "13th". */
static size_t day_first(const scan *s, size_t i, int need_ord, expr *x)
{
    int d = day_num(s, i);
    int ord = (T(s, i)->flags & F_ORD) != 0;
    if (!d || (need_ord && !ord))
        return 0;
    size_t j = i + 1;
    int d2 = 0;
    size_t r = range_sep(s, j, between_before(s, i));
    if (r) {
        int dd = day_num(s, j + r);
        if (dd > d) {
            d2 = dd;
            j += r + 1;
        }
    }
    if (is_kw(s, j, KW_OF)) {
        if (!ord)
            return 0;
        j++;
    }
    int ab;
    int m = month_at(s, j, &ab);
    if (!m)
        return 0;
    j = after_month(s, j, ab);
    x->kind = X_ABS;
    x->i0 = i;
    x->m = m;
    x->d = d;
    if (d2) {
        x->range = 1;
        x->m2 = m;
        x->d2 = d2;
    }
    size_t k = is_p(s, j, ',') ? j + 1 : j;
    int y = year_num(s, k, 1000, 2999);
    if (y) {
        x->y = y;
        x->yexp = 1;
        j = k + 1;
    } else {
        j += relyear_suffix(s, j, x);
    }
    x->i1 = j;
    return j;
}

/* ISO "YYYY-MM-DD" (optionally followed by "T10:00..."), all touching. */
static size_t iso_date(const scan *s, size_t i, expr *x)
{
    const tok *a = T(s, i), *h1 = T(s, i + 1), *b = T(s, i + 2), *h2 = T(s, i + 3),
              *c = T(s, i + 4);
    if (a->type != TK_NUM || a->nd != 4 || (a->flags & (F_GLUED | F_ORD | F_DECS | F_POSS)))
        return 0;
    if (!(h1->type == TK_PUNCT && h1->val == '-' && a->e == h1->s && h1->e == b->s &&
          b->type == TK_NUM && b->nd == 2 && !b->flags && b->e == h2->s &&
          h2->type == TK_PUNCT && h2->val == '-' && h2->e == c->s && c->type == TK_NUM &&
          c->nd == 2 && !(c->flags & (F_ORD | F_DECS | F_POSS))))
        return 0;
    if (c->flags & F_GLUED) {
        /* only a timestamp may follow: "2023-09-13T10:00" */
        const unsigned char *q = s->t + c->e, *lim = s->t + s->end.s;
        if (!(lim - q >= 2 && (*q == 'T' || *q == 't') && is_digit(q[1])))
            return 0;
    }
    if (a->val < 1000 || a->val > 2999 || b->val < 1 || b->val > 12 || c->val < 1 ||
        c->val > txt_days_in_month(a->val, b->val))
        return 0;
    x->kind = X_ABS;
    x->i0 = i;
    x->i1 = i + 5;
    x->y = a->val;
    x->m = b->val;
    x->d = c->val;
    x->yexp = 1;
    return x->i1;
}

/* Is the four-digit number at i, followed by token j, a clock time
 * ("1800 UTC", "from 1930 GMT", "at 0600 hours")? A time-zone or "hours"
 * word after it says so; the number must be a valid 24-hour time. */
static int clock_time(const scan *s, size_t i, size_t j)
{
    const tok *n = T(s, i), *w = T(s, j);
    if (n->nd != 4 || n->val % 100 > 59 || n->val / 100 > 23 || w->type != TK_WORD)
        return 0;
    static const char *const zones[] = {"gmt", "utc", "hrs", "hours", "local", "bst", "cet",
                                        "cest", "est", "edt", "pst", "pdt", "ist", "msk"};
    size_t len = w->e - w->s;
    for (size_t k = 0; k < sizeof zones / sizeof *zones; k++)
        if (strlen(zones[k]) == len && strncasecmp((const char *)s->t + w->s, zones[k], len) == 0)
            return 1;
    return 0;
}

/* A bare year "2019" (or "2019-2020", "2019-20") where it is clearly one. */
static size_t bare_year(const scan *s, size_t i, int fl, expr *x)
{
    int y = year_num(s, i, 1900, 2099);
    if (!y || (!(fl & ALLOW_BARE) && !trigger_before(s, i)))
        return 0;
    size_t j = i + 1;
    x->kind = X_ABS;
    x->i0 = i;
    x->y = y;
    x->yexp = 1;
    if (is_p(s, j, '-') && touches(s, i) && touches(s, j)) {
        const tok *b = T(s, j + 1);
        int y2 = 0;
        if (b->type == TK_NUM && !(b->flags & (F_GLUED | F_ORD | F_DECS | F_POSS))) {
            if (b->nd == 4)
                y2 = b->val;
            else if (b->nd == 2)
                y2 = y / 100 * 100 + b->val;
        }
        if (y2 > y && y2 <= 2099) {
            x->range = 1;
            x->y2 = y2;
            j += 2;
        }
    }
    if (!year_follow_ok(s, j) || clock_time(s, i, j))
        return 0;
    x->i1 = j;
    return j;
}

/* Any absolute date starting at i. */
static size_t parse_abs(const scan *s, size_t i, int fl, expr *x)
{
    memset(x, 0, sizeof *x);
    const tok *t = T(s, i);
    if (t->type == TK_WORD)
        return month_first(s, i, fl, x);
    if (t->type != TK_NUM || (t->flags & F_GLUED))
        return iso_date(s, i, x);
    size_t e;
    if ((e = iso_date(s, i, x)) || (e = day_first(s, i, 0, x)))
        return e;
    memset(x, 0, sizeof *x);
    return bare_year(s, i, fl, x);
}

static int two_digit_decade(int v) { return v >= 20 ? 1900 + v : 2000 + v; }

/* "1990s", "'90s", and after "the" also "1990's", "nineties". A two-digit
 * decade needs its apostrophe: "the 40s" is as often a temperature or a
 * price ("the mid 30s") as a decade, and "in their 60s" an age. */
static size_t parse_decade(const scan *s, size_t i, int the, expr *x)
{
    const tok *t = T(s, i);
    int dec = 0;
    size_t e = i + 1;
    if (t->type == TK_PUNCT && t->val == '\'') {
        const tok *u = T(s, i + 1);
        if (u->type != TK_NUM || u->nd != 2 || !(u->flags & F_DECS) ||
            (u->flags & F_GLUED) || u->val % 10 || t->e != u->s)
            return 0;
        dec = two_digit_decade(u->val);
        e = i + 2;
    } else if (t->type == TK_NUM) {
        if ((t->flags & F_GLUED) || t->val % 10)
            return 0;
        if (t->nd == 4 && ((t->flags & F_DECS) || ((t->flags & F_POSS) && the)) &&
            t->val >= 1800 && t->val <= 2090)
            dec = t->val;
        else
            return 0;
    } else if (t->type == TK_WORD && t->kw == KW_DECADE && the) {
        dec = t->val;
    } else {
        return 0;
    }
    memset(x, 0, sizeof *x);
    x->kind = X_DEC;
    x->i0 = i;
    x->i1 = e;
    x->date = (txt_date){dec, 0, 0, TXT_PREC_DECADE};
    return e;
}

enum { W_PLAIN, W_LAST, W_THIS, W_NEXT };

/* The weekday wd (0 = Monday) relative to the document date: plain = on or
 * before it (news report past events), last = in the previous
 * Monday-to-Sunday week (on a Friday, "last Thursday" is eight days back:
 * the day before would be "on Thursday"), next = strictly after, this = in
 * the same week. */
static txt_date weekday_date(const txt_date *doc, int wd, int how)
{
    int cur = txt_weekday(doc->year, doc->month, doc->day), off;
    switch (how) {
    case W_LAST:
        off = wd - cur - 7;
        break;
    case W_NEXT:
        off = (wd - cur + 7) % 7;
        if (off == 0)
            off = 7;
        break;
    case W_THIS:
        off = wd - cur;
        break;
    default:
        off = -((cur - wd + 7) % 7);
        break;
    }
    return txt_date_add_days(*doc, off);
}

/* A day relative to the document date, offset off days. */
static void rel_day(const scan *s, expr *x, int off)
{
    x->kind = X_REL;
    x->flags |= TXT_TIMEX_RELATIVE;
    if (need(s, x, TXT_PREC_DAY))
        x->date = txt_date_add_days(*s->doc, off);
}

/* "yesterday [morning]", "today", "tomorrow", "tonight". */
static size_t parse_dayword(const scan *s, size_t i, expr *x)
{
    int kw = T(s, i)->kw;
    int off = kw == KW_YESTERDAY ? -1 : kw == KW_TOMORROW ? 1 : 0;
    memset(x, 0, sizeof *x);
    x->i0 = i;
    size_t j = i + 1;
    if (kw != KW_TONIGHT && is_kw(s, j, KW_PART))
        j++;
    rel_day(s, x, off);
    x->i1 = j;
    return j;
}

/* "last|this|next year|month|week|Monday|September|night". */
static size_t parse_lastnext(const scan *s, size_t i, expr *x)
{
    int kw = T(s, i)->kw;
    int dir = kw == KW_LAST ? -1 : kw == KW_THIS ? 0 : 1;
    /* "the next day", "the last year of his term": narrative, not dated */
    if (i > 0 && is_kw(s, i - 1, KW_THE))
        return 0;
    memset(x, 0, sizeof *x);
    x->kind = X_REL;
    x->flags = TXT_TIMEX_RELATIVE;
    x->i0 = i;
    size_t j = i + 1;
    const tok *u = T(s, j);
    int ab;
    if (u->type != TK_WORD || (u->flags & F_GLUED))
        return 0;
    switch (u->kw) {
    case KW_YEAR:
        if (need(s, x, TXT_PREC_YEAR))
            x->date = mkdate(s->doc->year + dir, 0, 0);
        break;
    case KW_MONTHW:
        if (need(s, x, TXT_PREC_MONTH)) {
            int m0 = s->doc->year * 12 + s->doc->month - 1 + dir;
            x->date = mkdate(m0 / 12, m0 % 12 + 1, 0);
        }
        break;
    case KW_WEEK:
        if (need(s, x, TXT_PREC_DAY)) {
            int cur = txt_weekday(s->doc->year, s->doc->month, s->doc->day);
            x->date = txt_date_add_days(*s->doc, -cur + 7 * dir);
            x->end = txt_date_add_days(x->date, 6);
            x->flags |= TXT_TIMEX_RANGE;
        }
        break;
    case KW_WDAY:
        if (need(s, x, TXT_PREC_DAY))
            x->date = weekday_date(s->doc, u->val, dir < 0 ? W_LAST : dir ? W_NEXT : W_THIS);
        if (is_kw(s, j + 1, KW_PART))
            j++;
        break;
    case KW_PART:
        if (dir > 0) /* "next morning" is narrative */
            return 0;
        rel_day(s, x, dir);
        break;
    case KW_MONTH: {
        int m = month_at(s, j, &ab);
        if (!m)
            return 0;
        if (need(s, x, dir ? TXT_PREC_MONTH : TXT_PREC_YEAR)) {
            int y = s->doc->year;
            if (dir < 0 && m >= s->doc->month)
                y--;
            else if (dir > 0 && m <= s->doc->month)
                y++;
            x->date = mkdate(y, m, 0);
        }
        break;
    }
    default:
        return 0;
    }
    x->i1 = j + 1;
    return x->i1;
}

static size_t parse_abs_or_rel(const scan *s, size_t i, int the, expr *x);
static size_t parse_wday(const scan *s, size_t i, expr *x);

/* "early|late|mid[-]" before a date, decade or relative expression: same
 * date as without it, the span includes the modifier. */
static size_t parse_mod(const scan *s, size_t i, int the, expr *x)
{
    size_t j = i + 1;
    if (is_p(s, j, '-') && touches(s, i))
        j++;
    size_t e = parse_abs_or_rel(s, j, the, x);
    if (!e)
        return 0;
    x->i0 = i;
    return e;
}

/* A decade, "last ...", a weekday, "yesterday" & co. or an absolute date
 * at j (after a modifier). */
static size_t parse_abs_or_rel(const scan *s, size_t j, int the, expr *x)
{
    size_t e = parse_decade(s, j, the, x);
    if (e)
        return e;
    const tok *u = T(s, j);
    if (u->type == TK_WORD && !(u->flags & F_GLUED)) {
        switch (u->kw) {
        case KW_LAST:
        case KW_THIS:
        case KW_NEXT:
            return parse_lastnext(s, j, x);
        case KW_WDAY:
            return parse_wday(s, j, x);
        case KW_YESTERDAY:
        case KW_TODAY:
        case KW_TOMORROW:
        case KW_TONIGHT:
            return parse_dayword(s, j, x);
        default:
            break;
        }
    }
    return parse_abs(s, j, 0, x);
}

/* Forms that start with "the". */
static size_t parse_the(const scan *s, size_t i, expr *x)
{
    size_t j = i + 1, e;
    const tok *u = T(s, j);
    if (u->type == TK_WORD && u->kw == KW_DAY) {
        int off = 0;
        if (is_kw(s, j + 1, KW_BEFORE) && is_kw(s, j + 2, KW_YESTERDAY))
            off = -2;
        else if (is_kw(s, j + 1, KW_AFTER) && is_kw(s, j + 2, KW_TOMORROW))
            off = 2;
        if (!off)
            return 0;
        memset(x, 0, sizeof *x);
        rel_day(s, x, off);
        x->i0 = i;
        x->i1 = j + 3;
        return x->i1;
    }
    if (u->type == TK_NUM && (u->flags & F_ORD)) {
        memset(x, 0, sizeof *x);
        e = day_first(s, j, 1, x);
    } else if (u->type == TK_WORD &&
               (u->kw == KW_EARLY || u->kw == KW_LATE || u->kw == KW_MID)) {
        e = parse_mod(s, j, 1, x);
        if (e && x->kind != X_DEC)
            e = 0;
    } else {
        e = parse_decade(s, j, 1, x);
    }
    if (!e)
        return 0;
    x->i0 = i;
    return e;
}

/* "Monday [night]" (relative) or "Friday, January 4, 2019" (absolute). */
static size_t parse_wday(const scan *s, size_t i, expr *x)
{
    if (name_before(s, i))
        return 0;
    size_t j = is_p(s, i + 1, ',') ? i + 2 : i + 1;
    size_t e = parse_abs(s, j, 0, x);
    if (e && x->d) {
        x->i0 = i;
        return e;
    }
    memset(x, 0, sizeof *x);
    x->kind = X_REL;
    x->flags = TXT_TIMEX_RELATIVE;
    x->i0 = i;
    if (need(s, x, TXT_PREC_DAY))
        x->date = weekday_date(s->doc, T(s, i)->val, W_PLAIN);
    x->i1 = is_kw(s, i + 1, KW_PART) ? i + 2 : i + 1;
    return x->i1;
}

/* One expression starting at token i (no ranges or lists), or 0. */
static size_t parse_expr(const scan *s, size_t i, expr *x)
{
    const tok *t = T(s, i);
    size_t e;
    if (t->type == TK_NUM)
        return (e = parse_decade(s, i, 0, x)) ? e : parse_abs(s, i, 0, x);
    if (t->type == TK_PUNCT)
        return t->val == '\'' ? parse_decade(s, i, 0, x) : 0;
    if (t->type != TK_WORD || (t->flags & F_GLUED))
        return 0;
    switch (t->kw) {
    case KW_MONTH:
    case KW_MONABBR:
        return parse_abs(s, i, 0, x);
    case KW_THE:
        return parse_the(s, i, x);
    case KW_EARLY:
    case KW_LATE:
    case KW_MID:
        return parse_mod(s, i, 0, x);
    case KW_LAST:
    case KW_THIS:
    case KW_NEXT:
        return parse_lastnext(s, i, x);
    case KW_YESTERDAY:
    case KW_TODAY:
    case KW_TOMORROW:
    case KW_TONIGHT:
        return parse_dayword(s, i, x);
    case KW_WDAY:
        return parse_wday(s, i, x);
    default:
        return 0;
    }
}

/* Compare (m1, d1) with (m2, d2) within a year. */
static int md_cmp(int m1, int d1, int m2, int d2)
{
    int a = m1 * 32 + d1, b = m2 * 32 + d2;
    return (a > b) - (a < b);
}

/* Join x and a following date of the same shape into a range ("March 3 to
 * March 5, 2022", "from 2019 to 2021"). Returns the new end. */
static size_t try_range(const scan *s, expr *x, size_t e)
{
    if (x->kind != X_ABS || x->range || x->skip || x->yrel)
        return e;
    size_t r = range_sep(s, e, between_before(s, x->i0));
    expr y;
    if (!r)
        return e;
    size_t e2 = parse_abs(s, e + r, ALLOW_BARE, &y);
    if (!e2 || y.range || y.skip || shape(&y) != shape(x))
        return e;
    if (shape(x) == 0 && y.y <= x->y)
        return e;
    if (!x->y && y.y) {
        x->y = y.y - (md_cmp(x->m, x->d, y.m, y.d) > 0);
        x->yexp = y.yexp;
        x->yrel = y.yrel;
        x->flags |= y.flags & TXT_TIMEX_RELATIVE;
    }
    x->range = 1;
    x->y2 = y.y;
    x->m2 = y.m;
    x->d2 = y.d;
    x->i1 = e2;
    return e2;
}

/* The year of a day and month written without one ("February 10") in a
 * document dated doc, when no year was written nearby: the one that puts
 * it nearest the document date, a date after it counting three times its
 * distance (news reports what happened more than what is planned): in a
 * story of 2020-05-14, February 10 is 2020-02-10, December 20 2019-12-20,
 * June 5 2020-06-05. */
static int nearest_year(const txt_date *doc, int m, int d)
{
    int best = doc->year;
    long bestcost = -1;
    for (int y = doc->year - 1; y <= doc->year + 1; y++) {
        if (y < 1 || y > 9999)
            continue;
        int dd = d ? d : 1;
        if (dd > txt_days_in_month(y, m))
            dd = txt_days_in_month(y, m);
        txt_date a = {y, m, dd, TXT_PREC_DAY};
        long days = 0; /* distance in days, by month arithmetic (close enough) */
        days = ((long)a.year - doc->year) * 365 + ((long)a.month - doc->month) * 30 +
               ((long)a.day - doc->day);
        long cost = days < 0 ? -days : 3 * days;
        if (bestcost < 0 || cost < bestcost) {
            bestcost = cost;
            best = y;
        }
    }
    return best;
}

/* Resolve an absolute expression: fill in a missing year from the context
 * and check the calendar. Returns 1 when x is a valid date. */
static int resolve_abs(scan *s, const expr *x, txt_date *d, txt_date *end, uint32_t *flags)
{
    int y = x->y, y2 = x->y2;
    uint32_t f = x->flags;
    if (!y) {
        if (s->ctx_year && s->sent <= s->ctx_sent + 1)
            y = s->ctx_year;
        else if (s->doc && s->doc->prec == TXT_PREC_DAY && x->m && x->d)
            y = nearest_year(s->doc, x->m, x->d);
        else if (s->ctx_year)
            y = s->ctx_year;
        else if (s->doc && s->doc->prec <= TXT_PREC_YEAR)
            y = s->doc->year;
        else
            return 0;
        f |= TXT_TIMEX_IMPLICIT_YEAR;
    }
    if (x->m && x->d > txt_days_in_month(y, x->m))
        return 0;
    *d = mkdate(y, x->m, x->d);
    end->prec = TXT_PREC_NONE;
    end->year = end->month = end->day = 0;
    if (x->range) {
        if (!y2)
            y2 = y + (md_cmp(x->m2, x->d2, x->m, x->d) < 0);
        if (x->m2 && x->d2 > txt_days_in_month(y2, x->m2))
            return 0;
        *end = mkdate(y2, x->m2, x->d2);
        if (txt_date_cmp(end, d) < 0)
            return 0;
        f |= TXT_TIMEX_RANGE;
    }
    if (x->yexp && !x->yrel) {
        s->ctx_year = x->range ? y2 : y;
        s->ctx_sent = s->sent;
    }
    *flags = f;
    return 1;
}

/* Append one time expression. Returns 0 or DY_ENOMEM. */
static int emit(scan *s, const expr *x, const txt_date *d, const txt_date *end,
                uint32_t flags, int32_t list)
{
    if (s->nout == s->outcap) {
        size_t nc = s->outcap ? s->outcap * 2 : 16;
        txt_timex *g = dy_arena_grow(s->a, s->out, s->nout, nc, sizeof *g);
        if (!g)
            return DY_ENOMEM;
        s->out = g;
        s->outcap = nc;
    }
    txt_timex *o = &s->out[s->nout++];
    o->start = s->tk[x->i0].s;
    o->end = s->tk[x->i1 - 1].e;
    o->sent = s->sent;
    o->date = *d;
    o->end_date = *end;
    o->list = list;
    o->flags = flags;
    return 0;
}

enum { MAX_LIST = 16 };

/* Do a resolved date and its range end (prec TXT_PREC_NONE: none) lie in
 * the supported years? "tomorrow" in a document of 9999-12-31 does not: it
 * is consumed but not emitted, as an expression without a document date. */
static int in_range(const txt_date *d, const txt_date *end)
{
    return txt_date_valid(d) && (end->prec == TXT_PREC_NONE || txt_date_valid(end));
}

/* Parse the expression at i with any range and list continuing it, resolve
 * and emit it. *next is where scanning goes on (i + 1 when nothing was
 * found). Returns 0 or DY_ENOMEM. */
static int scan_at(scan *s, size_t i, size_t *next)
{
    expr mem[MAX_LIST];
    size_t e = parse_expr(s, i, &mem[0]);
    if (!e) {
        *next = i + 1;
        return 0;
    }
    if (mem[0].kind != X_ABS) {
        *next = e;
        if (mem[0].skip || !in_range(&mem[0].date, &mem[0].end))
            return 0;
        return emit(s, &mem[0], &mem[0].date, &mem[0].end, mem[0].flags, -1);
    }
    size_t nm = 1;
    e = try_range(s, &mem[0], e);
    while (nm < MAX_LIST && !mem[0].skip) {
        size_t sep = list_sep(s, e), e2;
        if (!sep)
            break;
        expr *y = &mem[nm];
        e2 = parse_abs(s, e + sep, ALLOW_BARE, y);
        if (!e2 || y->skip || shape(y) != shape(&mem[0]))
            break;
        e = try_range(s, y, e2);
        nm++;
    }
    *next = e;
    /* "March and April 2023": a later member's year serves the earlier. */
    for (size_t k = nm - 1; k-- > 0;) {
        if (!mem[k].y && mem[k + 1].y) {
            mem[k].y = mem[k + 1].y;
            mem[k].yexp = mem[k + 1].yexp;
            mem[k].yrel = mem[k + 1].yrel;
            mem[k].flags |= mem[k + 1].flags & TXT_TIMEX_RELATIVE;
        }
    }
    txt_date d[MAX_LIST], en[MAX_LIST];
    uint32_t fl[MAX_LIST];
    int ok[MAX_LIST], nok = 0;
    for (size_t k = 0; k < nm; k++) {
        ok[k] = !mem[k].skip && resolve_abs(s, &mem[k], &d[k], &en[k], &fl[k]) &&
                in_range(&d[k], &en[k]);
        nok += ok[k];
    }
    int32_t first = -1;
    for (size_t k = 0; k < nm; k++) {
        if (!ok[k])
            continue;
        if (nok > 1) {
            if (first < 0)
                first = (int32_t)s->nout;
            fl[k] |= TXT_TIMEX_LIST;
        }
        if (emit(s, &mem[k], &d[k], &en[k], fl[k], nok > 1 ? first : -1))
            return DY_ENOMEM;
    }
    return 0;
}

/* The document date as usable for resolution: its precision lowered to what
 * is valid in it. */
static txt_date sane_doc(const txt_date *d)
{
    txt_date r = {0, 0, 0, TXT_PREC_NONE};
    if (!d || d->prec == TXT_PREC_NONE || d->prec > TXT_PREC_DECADE || d->year < 1 ||
        d->year > 9999)
        return r;
    r.year = d->year;
    r.prec = d->prec == TXT_PREC_DECADE ? TXT_PREC_DECADE : TXT_PREC_YEAR;
    if (d->prec <= TXT_PREC_MONTH && d->month >= 1 && d->month <= 12) {
        r.month = d->month;
        r.prec = TXT_PREC_MONTH;
        if (d->prec == TXT_PREC_DAY && d->day >= 1 &&
            d->day <= txt_days_in_month(d->year, d->month)) {
            r.day = d->day;
            r.prec = TXT_PREC_DAY;
        }
    }
    return r;
}

/* The scan of txt_timex_scan and txt_timex_scan_tokens: toks and alpha are
 * NULL for the former, which then scans every sentence. */
static int scan_doc(const char *text, size_t len, const txt_token *toks,
                    const uint8_t *alpha, txt_sentence *sents, size_t nsent,
                    const txt_date *doc_date, dy_arena *a, txt_timex **out,
                    size_t *nout, dy_err *err)
{
    scan s;
    memset(&s, 0, sizeof s);
    s.t = (const unsigned char *)text;
    s.tend = s.t + len;
    s.a = a;
    s.docv = sane_doc(doc_date);
    s.doc = s.docv.prec != TXT_PREC_NONE ? &s.docv : NULL;
    *out = NULL;
    *nout = 0;
    /* One token buffer for all sentences, sized for the longest one at a
     * typical 4 bytes per token, so that it rarely has to grow. */
    size_t maxlen = 0;
    for (size_t si = 0; si < nsent; si++) {
        if (sents[si].end > sents[si].start && sents[si].end - sents[si].start > maxlen)
            maxlen = sents[si].end - sents[si].start;
    }
    if (maxlen > len)
        maxlen = len;
    if (maxlen && toks_resize(&s, maxlen / 4 + 16))
        goto oom;
    pthread_once(&kw_once, kw_build);
    for (size_t si = 0; si < nsent; si++) {
        uint32_t lo = sents[si].start, hi = sents[si].end;
        if (hi > len)
            hi = (uint32_t)len;
        if (lo > hi)
            lo = hi;
        sents[si].timex_begin = (uint32_t)s.nout;
        s.sent = (uint32_t)si;
        if (toks && !sent_may_have_timex(s.t, s.tend, toks, alpha, &sents[si], lo, hi)) {
            sents[si].timex_end = (uint32_t)s.nout;
            continue;
        }
        if (lex(&s, lo, hi))
            goto oom;
        s.end.s = s.end.e = hi;
        /* Tokens before i were consumed by an expression. */
        size_t i = 0;
        for (size_t ai = 0; ai < s.na; ai++) {
            size_t k = s.anc[ai], next;
            if (k < i)
                continue;
            if (scan_at(&s, k, &next))
                goto oom;
            i = next > k ? next : k + 1;
        }
        sents[si].timex_end = (uint32_t)s.nout;
    }
    /* Ordered by position (text.h), which the coder's nearest-expression
     * search relies on. */
    for (size_t k = 1; k < s.nout; k++)
        DY_ASSERT(s.out[k - 1].start <= s.out[k].start);
    *out = s.out;
    *nout = s.nout;
    return 0;
oom:
    return dy_err_set(err, DY_ENOMEM, NULL, 0, -1, "out of memory finding time expressions");
}

/* Contract in text.h. */
int txt_timex_scan(const char *text, size_t len, txt_sentence *sents, size_t nsent,
                   const txt_date *doc_date, dy_arena *a, txt_timex **out,
                   size_t *nout, dy_err *err)
{
    return scan_doc(text, len, NULL, NULL, sents, nsent, doc_date, a, out, nout, err);
}

/* Contract in text_internal.h. */
int txt_timex_scan_tokens(const char *text, size_t len, const txt_token *toks,
                          const uint8_t *alpha, txt_sentence *sents, size_t nsent,
                          const txt_date *doc_date, dy_arena *a, txt_timex **out,
                          size_t *nout, dy_err *err)
{
    return scan_doc(text, len, toks, alpha, sents, nsent, doc_date, a, out, nout, err);
}
