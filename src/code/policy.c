/* policy.c - the coder's precision policy and code derivations
 * (code_policy.h; docs/coder.md). */
#include "code/code_policy.h"
#include "code/code.h"

#include <assert.h>
#include <string.h>

/* Contract in code_policy.h. */
int code_policy_political_source(const char *code, int root)
{
    assert(code);
    if (code_actor_role_only(code))
        return 0;
    size_t n = strlen(code);
    if (n < 6 || strncmp(code, "IGO", 3) == 0 || strncmp(code, "NGO", 3) == 0 ||
        strncmp(code, "IMG", 3) == 0)
        return 1;
    static const char *const never[] = {"MED", "BUS", "EDU", "HLH", "AGR", "ENV", "DEV", "REF",
                                        "SET", "AMN"};
    for (size_t i = 0; i < sizeof never / sizeof *never; i++)
        if (strncmp(code + 3, never[i], 3) == 0)
            return 0;
    if (strncmp(code + 3, "CVL", 3) == 0 || strncmp(code + 3, "CRM", 3) == 0)
        return root == 14 || root >= 18;
    return 1;
}

/* Contract in code_policy.h. */
int code_policy_mutual(const char *code, int root)
{
    static const char *const mutual_codes[] = {"019", "030", "031", "032", "036", "037", "040", "041",
                                               "044", "046", "050", "054", "057", "084", "087",
                                               "0356"};
    /* A ceasefire or an easing of tensions is between sides; a
     * demobilisation or a retreat is one side's: "the Netherlands, Portugal
     * and the Czech Republic announced their withdrawal" withdraw from
     * Iraq, not from each other. */
    if (strncmp(code, "0873", 4) == 0 || strncmp(code, "0874", 4) == 0)
        return 0;
    if (root == 6 || root == 19)
        return 1;
    for (size_t i = 0; i < sizeof mutual_codes / sizeof *mutual_codes; i++)
        if (strncmp(code, mutual_codes[i], strlen(mutual_codes[i])) == 0)
            return 1;
    return 0;
}

/* Is target code t (a bare country, "GBR") the country of every source,
 * for an act between states (meetings, diplomatic and material
 * cooperation, reduced relations, fighting)? Then it is a misreading ("the
 * prime minister visits Manchester", "Britain's chaotic asylum system"),
 * a government's warning to its own people ("the State Department renewed
 * its warning to Americans not to travel to Iran" is no threat), except
 * violence and threats by armed groups against their own state ("rebels
 * attacked Colombia"). Domestic appeals, reforms, concessions and coercion
 * ("declared a state of siege in Haiti") keep their country. */
static int own_country(const char *t, const dict_mention **srcs, size_t nsrc, int root)
{
    if (strlen(t) != 3 || nsrc == 0 ||
        !(root == 1 || root == 4 || root == 5 || root == 6 || root == 10 || root == 13 || root == 16 ||
          root == 19))
        return 0;
    for (size_t i = 0; i < nsrc; i++) {
        const char *c = srcs[i]->code;
        if (strncmp(c, t, 3) != 0)
            return 0;
        /* a demand of one's own country is policy when the state or its
         * government makes it ("Lula said Brazil must do more"), and so is
         * its concern, denial or confidence about it ("the official said
         * Washington was concerned", root 01); its opposition's or its
         * people's is a demand, a view of the government */
        if ((root == 10 || root == 1) && strlen(c) != 3 &&
            !(strlen(c) >= 6 && strncmp(c + 3, "GOV", 3) == 0))
            return 0;
        static const char *const armed[] = {"REB", "INS", "UAF", "RAD"};
        for (size_t k = 0; (root == 13 || root >= 18) && strlen(c) >= 6 &&
                           k < sizeof armed / sizeof *armed;
             k++)
            if (strncmp(c + 3, armed[k], 3) == 0)
                return 0;
    }
    return 1;
}

/* Contract in code_policy.h. */
int code_policy_relevant(const dict_mention **srcs, size_t *nsrc, const dict_mention **tgts,
                         size_t *ntgt, int root, const char *code, int each_other)
{
    size_t k = 0;
    for (size_t i = 0; i < *nsrc; i++)
        if (code_policy_political_source(srcs[i]->code, root))
            srcs[k++] = srcs[i];
    *nsrc = k;
    k = 0;
    /* Meetings, visits and calls are between political actors (business
     * leaders too): speaking to the press is an interview, meeting voters
     * campaigning. */
    for (size_t i = 0; i < *ntgt; i++) {
        const char *t = tgts[i]->code;
        if (!code_actor_role_only(t) && !own_country(t, srcs, *nsrc, root) &&
            (root != 4 || code_policy_political_source(t, root) ||
             (strlen(t) >= 6 && strncmp(t + 3, "BUS", 3) == 0)))
            tgts[k++] = tgts[i];
    }
    *ntgt = k;
    if (*nsrc == 0)
        return 0;
    if (*ntgt == 0 && (*nsrc < 2 || !(code_policy_mutual(code, root) || each_other)))
        return 0;
    return 1;
}

/* Contract in code_policy.h. */
int code_policy_self_directed(const char *code, const dict_mention **srcs, size_t nsrc,
                              const dict_mention **tgts, size_t ntgt)
{
    if (code[0] != '1' || (code[1] != '0' && code[1] != '3') || nsrc == 0 || ntgt == 0)
        return 0;
    int root = code[1] == '0' ? 10 : 13;
    for (size_t j = 0; j < ntgt; j++)
        if (!own_country(tgts[j]->code, srcs, nsrc, root))
            return 0;
    return 1;
}

/* Contract in code_policy.h. */
size_t code_policy_drop_teams(const dict_mention **v, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (strlen(v[i]->code) > 3)
            v[k++] = v[i];
    return k;
}

typedef struct derive {
    const char *act, *to;
} derive;

/* Look up code in a derivation table ordered so that longer prefixes come
 * before their root; NULL when no entry applies. */
static const char *derive_code(const derive *map, size_t n, const char *code)
{
    for (size_t i = 0; i < n; i++)
        if (strncmp(code, map[i].act, strlen(map[i].act)) == 0)
            return map[i].to;
    return NULL;
}

/* A planned or promised cooperative act is an intent (03x). */
static const derive intent_map[] = {
    {"045", "039"}, {"04", "036"}, {"05", "032"},
    {"061", "0311"}, {"062", "0312"}, {"063", "0313"}, {"064", "0314"}, {"06", "031"},
    {"071", "0331"}, {"072", "0332"}, {"073", "0333"}, {"074", "0334"}, {"07", "033"},
    {"081", "0351"}, {"082", "0352"}, {"0831", "0341"}, {"0832", "0342"}, {"0833", "0343"},
    {"0834", "0344"}, {"083", "034"}, {"084", "0353"}, {"085", "0354"}, {"086", "0355"},
    {"087", "0356"}, {"08", "035"}};

/* An announced conflictual act is a threat (13x). */
static const derive threat_map[] = {
    {"161", "1313"}, {"162", "1311"}, {"163", "1312"}, {"164", "134"}, {"165", "135"},
    {"166", "136"}, {"16", "131"}, {"1721", "1321"}, {"1722", "1322"}, {"1723", "1323"},
    {"1724", "1324"}, {"172", "132"}, {"17", "137"}, {"18", "1383"}, {"191", "1381"},
    {"192", "1382"}, {"19", "1384"}, {"20", "1385"}, {"15", "138"}, {"14", "133"}};

/* An act that someone "must" do, in reported speech, is demanded (10x). */
static const derive demand_map[] = {
    {"061", "1011"}, {"062", "1012"}, {"063", "1013"}, {"064", "1014"}, {"06", "101"},
    {"071", "1031"}, {"072", "1032"}, {"073", "1033"}, {"074", "1034"}, {"07", "103"},
    {"0831", "1041"}, {"0832", "1042"}, {"0833", "1043"}, {"0834", "1044"}, {"083", "104"},
    {"081", "1051"}, {"082", "1052"}, {"084", "1053"}, {"085", "1054"}, {"086", "1055"},
    {"087", "1056"}, {"08", "105"}, {"045", "108"}, {"04", "106"}, {"057", "107"},
    {"05", "102"}, {"0", "100"}};

/* A refused cooperative act ("will not end their strike", "refused to
 * release the prisoners") is a rejection (12x). */
static const derive refusal_map[] = {
    {"061", "1211"}, {"062", "1212"}, {"063", "1213"}, {"064", "1214"}, {"06", "121"},
    {"071", "1221"}, {"072", "1222"}, {"073", "1223"}, {"074", "1224"}, {"07", "122"},
    {"0831", "1231"}, {"0832", "1232"}, {"0833", "1233"}, {"0834", "1234"}, {"083", "123"},
    {"081", "1241"}, {"082", "1242"}, {"084", "1243"}, {"085", "1244"}, {"086", "1245"},
    {"087", "1246"}, {"08", "124"}, {"045", "126"}, {"04", "125"}, {"057", "127"},
    {"05", "120"}};


/* Contract in code_policy.h. */
const char *code_policy_derive(code_derive_kind kind, const char *code)
{
    switch (kind) {
    case CODE_DERIVE_INTENT:
        return derive_code(intent_map, sizeof intent_map / sizeof *intent_map, code);
    case CODE_DERIVE_THREAT:
        return derive_code(threat_map, sizeof threat_map / sizeof *threat_map, code);
    case CODE_DERIVE_DEMAND:
        return derive_code(demand_map, sizeof demand_map / sizeof *demand_map, code);
    case CODE_DERIVE_REFUSAL:
        return derive_code(refusal_map, sizeof refusal_map / sizeof *refusal_map, code);
    }
    return NULL;
}

/* Contract in code_policy.h. */
int code_policy_unarmed(const char *code)
{
    static const char *const roles[] = {"GOV", "LEG", "JUD", "PTY", "OPP", "ELI", "MED"};
    if (strlen(code) < 6 || code_actor_role_only(code) || strncmp(code, "IGO", 3) == 0 ||
        strncmp(code, "NGO", 3) == 0 || strncmp(code, "IMG", 3) == 0)
        return 0;
    for (size_t i = 0; i < sizeof roles / sizeof *roles; i++)
        if (strncmp(code + 3, roles[i], 3) == 0)
            return 1;
    return 0;
}

/* Is every code of v[0..n) (n > 0) a country's actor of one of roles? */
static int all_roles(const dict_mention **v, size_t n, const char *const *roles, size_t nroles)
{
    if (n == 0)
        return 0;
    for (size_t i = 0; i < n; i++) {
        const char *c = v[i]->code;
        int hit = 0;
        if (strlen(c) >= 6 && !code_actor_role_only(c) && strncmp(c, "IGO", 3) != 0 &&
            strncmp(c, "NGO", 3) != 0 && strncmp(c, "IMG", 3) != 0)
            for (size_t k = 0; k < nroles && !hit; k++)
                hit = strncmp(c + 3, roles[k], 3) == 0;
        if (!hit)
            return 0;
    }
    return 1;
}

/* Contract in code_policy.h. */
const char *code_policy_street_force(const char *code, const dict_mention **srcs, size_t nsrc,
                                     const dict_mention **tgts, size_t ntgt)
{
    static const char *const people[] = {"OPP", "CVL", "LAB", "EDU"};
    static const char *const force[] = {"COP", "MIL", "SPY"};
    /* (force on civilians is often a killing, not the breaking up of a
     * crowd: only protesters, strikers and students count there) */
    static const char *const crowd[] = {"OPP", "LAB", "EDU"};
    if (strcmp(code, "190") != 0)
        return NULL;
    if (all_roles(srcs, nsrc, people, 4))
        return "145";
    if (all_roles(srcs, nsrc, force, 3) && all_roles(tgts, ntgt, crowd, 3))
        return "175";
    return NULL;
}

/* Contract in code_policy.h. */
const char *code_policy_reverse(const char *code)
{
    static const char *const pairs[][2] = {{"040", "040"}, {"041", "041"}, {"044", "044"},
                                           {"046", "046"}, {"057", "057"}, {"042", "043"},
                                           {"043", "042"}};
    for (size_t i = 0; i < sizeof pairs / sizeof *pairs; i++)
        if (strcmp(code, pairs[i][0]) == 0)
            return pairs[i][1];
    return NULL;
}

/* Contract in code_policy.h. */
int code_policy_standing(const char *code, int is_object)
{
    assert(code && code[0] && code[1]);
    if (code[0] != '0')
        return 0;
    return code[1] == '5' || code[1] == '6' || code[1] == '7' || (code[1] == '3' && !is_object);
}
