/* test_policy.c - the coder's precision policy and code derivations
 * (src/code/policy.c, code/code_policy.h): political sources by role and
 * root, mutual acts, the relevance rule on mention lists, teams of sports
 * reports, and the intent, threat, demand and refusal derivations. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "code/code_policy.h"

static void test_political_source(void **st)
{
    (void)st;
    static const struct {
        const char *code;
        int root, want;
    } cases[] = {
        {"RUS", 4, 1},       {"RUSGOV", 11, 1},   {"RUSMIL", 19, 1},   {"USALEG", 11, 1},
        {"GBROPP", 12, 1},   {"IGOUNO", 2, 1},    {"NGOHRIAMN", 11, 1}, {"IMGMOSALQ", 18, 1},
        {"USAMED", 1, 0},    {"USABUS", 4, 0},    {"GBREDU", 11, 0},   {"FRAHLH", 7, 0},
        {"USACVL", 11, 0},   {"USACVL", 14, 1},   {"USACVL", 18, 1},   {"MEXCRM", 4, 0},
        {"MEXCRM", 19, 1},   {"GOV", 4, 0},       {"MIL", 19, 0},      {"CVL", 14, 0},
        {"RUSREF", 2, 0},    {"ISRSET", 14, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        if (code_policy_political_source(cases[i].code, cases[i].root) != cases[i].want)
            fail_msg("%s root %d: want %d", cases[i].code, cases[i].root, cases[i].want);
    }
}

/* Written both ways: meetings, calls, third-place meetings, talks, signed
 * agreements, visits (as hosting) and hostings (as visits); not aid,
 * fighting (the attacker is one side) or a code that only starts like one. */
static void test_reverse(void **st)
{
    (void)st;
    static const char *const same[] = {"040", "041", "044", "046", "057"};
    static const char *const no[] = {"045", "0311", "190", "111", "0571", "04", "", "0421"};
    for (size_t i = 0; i < sizeof same / sizeof *same; i++)
        assert_string_equal(code_policy_reverse(same[i]), same[i]);
    assert_string_equal(code_policy_reverse("042"), "043");
    assert_string_equal(code_policy_reverse("043"), "042");
    for (size_t i = 0; i < sizeof no / sizeof *no; i++)
        assert_null(code_policy_reverse(no[i]));
}

/* Nouns of agreement, material cooperation and aid name standing relations
 * whatever their place; intent only when not the object of a verb;
 * meetings, force and the other roots never. */
static void test_standing(void **st)
{
    (void)st;
    static const char *const always[] = {"057", "050", "061", "064", "070", "0711"};
    static const char *const never[] = {"040", "042", "046", "190", "111", "130", "010"};
    for (size_t i = 0; i < sizeof always / sizeof *always; i++) {
        assert_int_equal(code_policy_standing(always[i], 0), 1);
        assert_int_equal(code_policy_standing(always[i], 1), 1);
    }
    for (size_t i = 0; i < sizeof never / sizeof *never; i++) {
        assert_int_equal(code_policy_standing(never[i], 0), 0);
        assert_int_equal(code_policy_standing(never[i], 1), 0);
    }
    assert_int_equal(code_policy_standing("030", 0), 1);
    assert_int_equal(code_policy_standing("0311", 0), 1);
    assert_int_equal(code_policy_standing("030", 1), 0);
}

static void test_mutual(void **st)
{
    (void)st;
    static const struct {
        const char *code;
        int want;
    } cases[] = {
        {"040", 1},  {"036", 1}, {"046", 1}, {"057", 1}, {"0311", 1}, {"061", 1}, {"064", 1},
        {"190", 1},  {"193", 1}, {"042", 0}, {"043", 0}, {"045", 0},  {"070", 0}, {"111", 0},
        {"112", 0},  {"100", 0}, {"130", 0}, {"0841", 1}, {"0871", 1}, {"0874", 0}, {"087", 1},
        {"054", 1},  {"051", 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const char *c = cases[i].code;
        int root = (c[0] - '0') * 10 + (c[1] - '0');
        if (code_policy_mutual(c, root) != cases[i].want)
            fail_msg("%s: want %d", c, cases[i].want);
    }
}

/* A mention with just a code, as the policy sees it. */
static dict_mention men(const char *code)
{
    dict_mention m;
    memset(&m, 0, sizeof m);
    strcpy(m.code, code);
    m.list = -1;
    return m;
}

static void test_relevant(void **st)
{
    (void)st;
    dict_mention rus = men("RUS"), chn = men("CHN"), med = men("USAMED"), gov = men("GOV"),
                 cvl = men("UKRCVL"), ukr = men("UKR");
    const dict_mention *s[4], *t[4];
    size_t ns, nt;

    /* a state acting on a state */
    s[0] = &rus, t[0] = &ukr, ns = 1, nt = 1;
    assert_int_equal(code_policy_relevant(s, &ns, t, &nt, 19, "190", 0), 1);
    assert_int_equal(ns, 1);
    assert_int_equal(nt, 1);
    /* media do not act: the source goes, so does the event */
    s[0] = &med, t[0] = &ukr, ns = 1, nt = 1;
    assert_int_equal(code_policy_relevant(s, &ns, t, &nt, 11, "111", 0), 0);
    assert_int_equal(ns, 0);
    /* a role with no country is no target; without one the act needs a
     * compound source and a mutual act */
    s[0] = &rus, t[0] = &gov, ns = 1, nt = 1;
    assert_int_equal(code_policy_relevant(s, &ns, t, &nt, 11, "112", 0), 0);
    assert_int_equal(nt, 0);
    s[0] = &rus, s[1] = &chn, ns = 2, nt = 0;
    assert_int_equal(code_policy_relevant(s, &ns, t, &nt, 4, "040", 0), 1);
    s[0] = &rus, s[1] = &chn, ns = 2, nt = 0;
    assert_int_equal(code_policy_relevant(s, &ns, t, &nt, 11, "112", 0), 0);
    s[0] = &rus, s[1] = &chn, ns = 2, nt = 0;
    assert_int_equal(code_policy_relevant(s, &ns, t, &nt, 11, "112", 1), 1);
    /* civilians: only protest and force */
    s[0] = &cvl, t[0] = &rus, ns = 1, nt = 1;
    assert_int_equal(code_policy_relevant(s, &ns, t, &nt, 11, "111", 0), 0);
    s[0] = &cvl, t[0] = &rus, ns = 1, nt = 1;
    assert_int_equal(code_policy_relevant(s, &ns, t, &nt, 14, "141", 0), 1);
    /* a mixed compound keeps its political members */
    s[0] = &med, s[1] = &rus, t[0] = &ukr, ns = 2, nt = 1;
    assert_int_equal(code_policy_relevant(s, &ns, t, &nt, 11, "111", 0), 1);
    assert_int_equal(ns, 1);
    assert_ptr_equal(s[0], &rus);
    /* meetings are with political actors or business, not the press or
     * voters; other acts may target them; rebels fight their own state */
    dict_mention rusreb = men("RUSREB"), bare = men("RUS");
    s[0] = &rusreb, t[0] = &bare, ns = 1, nt = 1;
    assert_int_equal(code_policy_relevant(s, &ns, t, &nt, 19, "190", 0), 1);
    s[0] = &rusreb, t[0] = &bare, ns = 1, nt = 1;
    assert_int_equal(code_policy_relevant(s, &ns, t, &nt, 13, "138", 0), 1);
    static const struct {
        const char *tgt, *code;
        int root, want;
    } meet[] = {{"USAMED", "040", 4, 0}, {"USACVL", "042", 4, 0}, {"USABUS", "040", 4, 1},
                {"USAMED", "111", 11, 1}, {"RUS", "042", 4, 0}, {"RUS", "190", 19, 0},
                {"RUS", "173", 17, 1}, {"RUS", "130", 13, 0}, {"RUS", "100", 10, 0}};
    /* (the last four: a state's own country, for acts between states and
     * threats only) */
    for (size_t i = 0; i < sizeof meet / sizeof *meet; i++) {
        dict_mention tm = men(meet[i].tgt);
        s[0] = &rus, t[0] = &tm, ns = 1, nt = 1;
        assert_int_equal(code_policy_relevant(s, &ns, t, &nt, meet[i].root, meet[i].code, 0),
                         meet[i].want);
    }
}

/* A state's or its government's demand of its own country is policy; its
 * opposition's is a demand. A threat to one's own country is none either,
 * unless armed groups make it. */
static void test_self_directed(void **st)
{
    (void)st;
    dict_mention gov = men("BRAGOV"), opp = men("BRAOPP"), bra = men("BRA"), arg = men("ARG"),
                 reb = men("BRAREB");
    static const struct {
        const char *code;
        int src, tgt, want; /* 0 gov, 1 opp, 2 reb; 0 BRA, 1 ARG */
    } cases[] = {{"100", 0, 0, 1}, {"111", 0, 0, 0}, {"100", 1, 0, 0}, {"100", 0, 1, 0},
                 {"137", 0, 0, 1}, {"130", 0, 0, 1}, {"130", 2, 0, 0}, {"137", 0, 1, 0}};
    const dict_mention *srcs[] = {&gov, &opp, &reb}, *tgts[] = {&bra, &arg};
    const dict_mention *s[1], *t[1];
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        s[0] = srcs[cases[i].src], t[0] = tgts[cases[i].tgt];
        if (code_policy_self_directed(cases[i].code, s, 1, t, 1) != cases[i].want)
            fail_msg("case %zu (%s): want %d", i, cases[i].code, cases[i].want);
    }

    /* a government's concern about its own country is no comment on an
     * actor; its opposition's is one */
    size_t ns = 1, nt = 1;
    s[0] = &gov, t[0] = &bra;
    assert_int_equal(code_policy_relevant(s, &ns, t, &nt, 1, "012", 0), 0);
    ns = 1, nt = 1;
    s[0] = &opp, t[0] = &bra;
    assert_int_equal(code_policy_relevant(s, &ns, t, &nt, 1, "012", 0), 1);
    assert_int_equal(nt, 1);
}

static void test_drop_teams(void **st)
{
    (void)st;
    dict_mention irl = men("IRL"), gov = men("IRLGOV"), igo = men("IGOFIFA");
    const dict_mention *v[3] = {&irl, &gov, &igo};
    assert_int_equal(code_policy_drop_teams(v, 3), 2);
    assert_ptr_equal(v[0], &gov);
    assert_ptr_equal(v[1], &igo);
    assert_int_equal(code_policy_drop_teams(v, 0), 0);
}

static void test_unarmed(void **st)
{
    (void)st;
    static const struct {
        const char *code;
        int want;
    } cases[] = {
        {"USAGOV", 1}, {"GBROPP", 1}, {"USALEG", 1}, {"USAELI", 1}, {"FRAJUD", 1},
        {"DEUPTY", 1}, {"RUSMED", 1}, {"USA", 0},    {"RUSMIL", 0}, {"GBRCOP", 0},
        {"SYRREB", 0}, {"AFGINS", 0}, {"GOV", 0},    {"IGOUNO", 0}, {"USACVL", 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        if (code_policy_unarmed(cases[i].code) != cases[i].want)
            fail_msg("%s: want %d", cases[i].code, cases[i].want);
}

/* Force in the street: people's is a violent protest, force on them
 * repression; between forces, or on a state, it stays force. */
static void test_street_force(void **st)
{
    (void)st;
    dict_mention opp = men("KOROPP"), cvl = men("KORCVL"), cop = men("KORCOP"),
                 mil = men("PRKMIL"), kor = men("KOR"), bare = men("CVL");
    static const struct {
        const char *code;
        int src, tgt;
        const char *want; /* indexes into v below; NULL: unchanged */
    } cases[] = {
        {"190", 0, 2, "145"}, {"190", 1, 2, "145"}, {"190", 2, 0, "175"}, {"190", 3, 0, "175"},
        {"190", 3, 1, NULL},
        {"190", 3, 2, NULL},  {"190", 2, 4, NULL},  {"193", 0, 2, NULL},  {"111", 0, 2, NULL},
        {"190", 5, 2, NULL},  {"190", 4, 2, NULL},
    };
    const dict_mention *v[] = {&opp, &cvl, &cop, &mil, &kor, &bare};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const dict_mention *s[1] = {v[cases[i].src]}, *t[1] = {v[cases[i].tgt]};
        const char *got = code_policy_street_force(cases[i].code, s, 1, t, 1);
        if (cases[i].want ? !got || strcmp(got, cases[i].want) != 0 : got != NULL)
            fail_msg("case %zu: got %s, want %s", i, got ? got : "NULL",
                     cases[i].want ? cases[i].want : "NULL");
    }
    /* every source must be one: police and protesters together stay */
    const dict_mention *two[2] = {&opp, &cop}, *t1[1] = {&cop};
    assert_null(code_policy_street_force("190", two, 2, t1, 1));
    assert_null(code_policy_street_force("190", two, 0, t1, 1));
}

static void test_derive(void **st)
{
    (void)st;
    static const struct {
        code_derive_kind kind;
        const char *code, *want; /* want NULL: does not apply */
    } cases[] = {
        {CODE_DERIVE_INTENT, "042", "036"},    {CODE_DERIVE_INTENT, "045", "039"},
        {CODE_DERIVE_INTENT, "057", "032"},    {CODE_DERIVE_INTENT, "0831", "0341"},
        {CODE_DERIVE_INTENT, "083", "034"},    {CODE_DERIVE_INTENT, "072", "0332"},
        {CODE_DERIVE_INTENT, "190", NULL},     {CODE_DERIVE_INTENT, "111", NULL},
        {CODE_DERIVE_THREAT, "163", "1312"},   {CODE_DERIVE_THREAT, "1724", "1324"},
        {CODE_DERIVE_THREAT, "172", "132"},    {CODE_DERIVE_THREAT, "190", "1384"},
        {CODE_DERIVE_THREAT, "193", "1384"},   {CODE_DERIVE_THREAT, "150", "138"},
        {CODE_DERIVE_THREAT, "042", NULL},     {CODE_DERIVE_DEMAND, "0831", "1041"},
        {CODE_DERIVE_DEMAND, "084", "1053"},   {CODE_DERIVE_DEMAND, "046", "106"},
        {CODE_DERIVE_DEMAND, "010", "100"},    {CODE_DERIVE_DEMAND, "190", NULL},
        {CODE_DERIVE_REFUSAL, "057", "127"},   {CODE_DERIVE_REFUSAL, "0831", "1231"},
        {CODE_DERIVE_REFUSAL, "042", "125"},   {CODE_DERIVE_REFUSAL, "111", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const char *got = code_policy_derive(cases[i].kind, cases[i].code);
        if (!cases[i].want ? got != NULL : !got || strcmp(got, cases[i].want) != 0)
            fail_msg("kind %d %s: got %s, want %s", (int)cases[i].kind, cases[i].code,
                     got ? got : "NULL", cases[i].want ? cases[i].want : "NULL");
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_political_source), cmocka_unit_test(test_mutual),
        cmocka_unit_test(test_reverse),          cmocka_unit_test(test_standing),
        cmocka_unit_test(test_relevant),         cmocka_unit_test(test_self_directed),
        cmocka_unit_test(test_drop_teams),
        cmocka_unit_test(test_unarmed),          cmocka_unit_test(test_street_force),          cmocka_unit_test(test_derive),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
