/* actor_code.c - country part and level of CAMEO actor codes
 * (core/actor_code.h). */
#include "core/actor_code.h"

#include <stdlib.h>
#include <string.h>

/* The country codes of data/actors/states.txt (its sections of ISO 3166-1
 * states and of successor and predecessor states), sorted for bsearch.
 * Peoples (KUR), regions (EUR, AFR, WST ...) and breakaway entities (coded
 * as a state's rebels) are not states. */
static const char states[][4] = {
    "ABW", "AFG", "AGO", "AIA", "ALA", "ALB", "AND", "ARE", "ARG", "ARM", "ASM", "ATA",
    "ATF", "ATG", "AUS", "AUT", "AZE", "BDI", "BEL", "BEN", "BES", "BFA", "BGD", "BGR",
    "BHR", "BHS", "BIH", "BLM", "BLR", "BLZ", "BMU", "BOL", "BRA", "BRB", "BRN", "BTN",
    "BVT", "BWA", "CAF", "CAN", "CCK", "CHE", "CHL", "CHN", "CIV", "CMR", "COD", "COG",
    "COK", "COL", "COM", "CPV", "CRI", "CUB", "CUW", "CXR", "CYM", "CYP", "CZA", "CZE",
    "DEU", "DJI", "DMA", "DNK", "DOM", "DZA", "ECU", "EGY", "ERI", "ESH", "ESP", "EST",
    "ETH", "FIN", "FJI", "FLK", "FRA", "FRO", "FRY", "FSM", "GAB", "GBR", "GEO", "GGY",
    "GHA", "GIB", "GIN", "GLP", "GMB", "GME", "GMW", "GNB", "GNQ", "GRC", "GRD", "GRL",
    "GTM", "GUF", "GUM", "GUY", "HKG", "HMD", "HND", "HRV", "HTI", "HUN", "IDN", "IMN",
    "IND", "IOT", "IRL", "IRN", "IRQ", "ISL", "ISR", "ITA", "JAM", "JEY", "JOR", "JPN",
    "KAZ", "KEN", "KGZ", "KHM", "KIR", "KNA", "KOR", "KWT", "LAO", "LBN", "LBR", "LBY",
    "LCA", "LIE", "LKA", "LSO", "LTU", "LUX", "LVA", "MAC", "MAF", "MAR", "MCO", "MDA",
    "MDG", "MDV", "MEX", "MHL", "MKD", "MLI", "MLT", "MMR", "MNE", "MNG", "MNP", "MOZ",
    "MRT", "MSR", "MTQ", "MUS", "MWI", "MYS", "MYT", "NAM", "NCL", "NER", "NFK", "NGA",
    "NIC", "NIU", "NLD", "NOR", "NPL", "NRU", "NZL", "OMN", "PAK", "PAL", "PAN", "PCN",
    "PER", "PHL", "PLW", "PNG", "POL", "PRI", "PRK", "PRT", "PRY", "PSE", "PYF", "QAT",
    "REU", "ROM", "RUS", "RWA", "SAU", "SCG", "SDN", "SEN", "SGP", "SGS", "SHN", "SJM",
    "SLB", "SLE", "SLV", "SMR", "SOM", "SPM", "SRB", "SSD", "STP", "SUR", "SVK", "SVN",
    "SWE", "SWZ", "SXM", "SYC", "SYR", "TCA", "TCD", "TGO", "THA", "TJK", "TKL", "TKM",
    "TMP", "TON", "TTO", "TUN", "TUR", "TUV", "TWN", "TZA", "UGA", "UKR", "UMI", "URY",
    "USA", "USR", "UZB", "VAT", "VCT", "VEN", "VGB", "VIR", "VNM", "VUT", "WLF", "WSM",
    "YEM", "YMD", "YUG", "ZAF", "ZMB", "ZWE",
};

/* bsearch comparator over 3-letter keys. */
static int cmp3(const void *a, const void *b) { return memcmp(a, b, 3); }

int dy_actor_org_prefix(const char *code)
{
    static const char org[][4] = {"IGO", "NGO", "NGM", "MNC"};
    if (!code)
        return 0;
    for (size_t i = 0; i < sizeof org / sizeof *org; i++)
        if (strncmp(code, org[i], 3) == 0)
            return 1;
    return 0;
}

size_t dy_actor_country(const char *code, char out[static DY_ACTOR_COUNTRY_MAX])
{
    size_t n = code ? strnlen(code, 6) : 0;
    size_t k = n >= 6 && dy_actor_org_prefix(code) ? 6 : (n < 3 ? n : 3);
    if (k)
        memcpy(out, code, k);
    out[k] = '\0';
    return k;
}

int dy_actor_is_state(const char *code)
{
    if (!code || strnlen(code, 3) < 3 || dy_actor_org_prefix(code))
        return 0;
    return bsearch(code, states, sizeof states / sizeof *states, sizeof *states, cmp3) != NULL;
}

int dy_actor_level(const char *code)
{
    if (dy_actor_is_state(code))
        return DY_ACTOR_STATE;
    /* companies (MNC) are not actors of international relations; bare
     * IGO/NGO codes name no organisation */
    if (code && strnlen(code, 6) == 6 && dy_actor_org_prefix(code) && strncmp(code, "MNC", 3))
        return DY_ACTOR_ORG;
    return DY_ACTOR_OTHER;
}
