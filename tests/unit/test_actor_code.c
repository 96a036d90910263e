/* test_actor_code.c - the one rule for the country part of an actor code
 * and its level (core/actor_code.h), and the display names of codes read
 * from actor dictionaries (dict_names). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/actor_code.h"
#include "model/model.h"

#ifndef DYAD_SRCDIR
#define DYAD_SRCDIR "."
#endif

static const char *country(const char *code)
{
    static char out[DY_ACTOR_COUNTRY_MAX];
    dy_actor_country(code, out);
    return out;
}

static void test_country(void **st)
{
    (void)st;
    assert_string_equal(country("RUSGOV"), "RUS");
    assert_string_equal(country("RUS"), "RUS");
    assert_string_equal(country("IGOUNO"), "IGOUNO");
    assert_string_equal(country("IGOWSTNAT"), "IGOWST");
    assert_string_equal(country("NGOHRIAMN"), "NGOHRI");
    /* NGM and MNC codes have six-letter parts too (they once had three in
     * the store and six in the importer) */
    assert_string_equal(country("NGMENVGRP"), "NGMENV");
    assert_string_equal(country("MNCUSAMED"), "MNCUSA");
    assert_string_equal(country("IGO"), "IGO");
    assert_string_equal(country("IGOUN"), "IGO");
    assert_string_equal(country("CVL"), "CVL");
    assert_string_equal(country("US"), "US");
    assert_string_equal(country(""), "");
    assert_string_equal(country(NULL), "");
}

static void test_level(void **st)
{
    (void)st;
    assert_int_equal(dy_actor_level("RUS"), DY_ACTOR_STATE);
    assert_int_equal(dy_actor_level("RUSGOV"), DY_ACTOR_STATE);
    assert_int_equal(dy_actor_level("USR"), DY_ACTOR_STATE);  /* historical */
    assert_int_equal(dy_actor_level("ROM"), DY_ACTOR_STATE);  /* CAMEO's Romania */
    assert_int_equal(dy_actor_level("ZWE"), DY_ACTOR_STATE);  /* last of the table */
    assert_int_equal(dy_actor_level("ABW"), DY_ACTOR_STATE);  /* first */
    assert_int_equal(dy_actor_level("IGOUNO"), DY_ACTOR_ORG);
    assert_int_equal(dy_actor_level("NGOHRI"), DY_ACTOR_ORG);
    assert_int_equal(dy_actor_level("NGMENV"), DY_ACTOR_ORG);
    /* roles, regions, religions, peoples, companies, bare prefixes */
    static const char *const other[] = {"CVL", "GOV", "MED", "BUS", "EUR", "AFR", "WST", "MOS",
                                        "KUR", "IMG", "UAF", "NGO", "IGO", "MNCUSA", "ELI",
                                        "XYZ", "", "RU"};
    for (size_t i = 0; i < sizeof other / sizeof *other; i++) {
        if (dy_actor_level(other[i]) != DY_ACTOR_OTHER)
            print_error("%s is not a state or organisation\n", other[i]);
        assert_int_equal(dy_actor_level(other[i]), DY_ACTOR_OTHER);
    }
    assert_int_equal(dy_actor_level(NULL), DY_ACTOR_OTHER);
    assert_true(dy_actor_org_prefix("MNCUSA"));
    assert_false(dy_actor_is_state("IGOUSA"));
}

static const char *name(const dict_names *t, const char *code)
{
    static char out[160];
    return dict_names_get(t, code, out, sizeof out);
}

/* A dictionary written for the test: ranking of entries and composition. */
static void test_names_rules(void **st)
{
    (void)st;
    char dir[] = "/tmp/dyad-names-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256];
    snprintf(path, sizeof path, "%s/a.txt", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("# test\n"
          "state Russia\n  code USR ..1991-12-25\n  code RUS 1991-12-26..\n  name Russia\n\n"
          "state Soviet Union\n  code USR ..1991-12-25\n\n"
          "state Chechnya\n  code RUS\n\n"
          "group Hamas\n  code PSEREB\n\n"
          "state Palestine\n  code PSE\n\n"
          "org United Nations\n  code IGOUNO\n\n"
          "org UN Security Council\n  code IGOUNO\n\n"
          "state Europe\n  code EUR\n\n"
          "person Vladimir Putin\n  code RUSGOV\n",
          f);
    fclose(f);
    dict_names *t = NULL;
    dy_err e;
    const char *dirs[] = {dir};
    assert_int_equal(dict_names_load(dirs, 1, &t, &e), 0);
    assert_string_equal(name(t, "RUS"), "Russia");        /* the first entry */
    assert_string_equal(name(t, "USR"), "Soviet Union");  /* only its code */
    assert_string_equal(name(t, "IGOUNO"), "United Nations");
    assert_string_equal(name(t, "RUSGOV"), "Russia: government"); /* persons name nothing */
    assert_string_equal(name(t, "RUSMILSPY"), "Russia: military, intelligence");
    assert_string_equal(name(t, "PSEREB"), "Palestine: rebels");
    assert_string_equal(name(t, "IGOEUR"), "IGO: Europe");
    assert_string_equal(name(t, "IGOBUS"), "IGO: business");
    assert_string_equal(name(t, "CVL"), "civilians");
    assert_string_equal(name(t, "XYZ"), "XYZ");
    assert_string_equal(name(t, "RUSXYZ"), "Russia (RUSXYZ)");
    assert_string_equal(name(NULL, "RUS"), "RUS");
    char small[8];
    assert_string_equal(dict_names_get(t, "RUSGOV", small, sizeof small), "Russia:");
    dict_names_free(t);
    unlink(path);
    rmdir(dir);
    const char *none[] = {"/nonexistent/dyad"};
    assert_int_equal(dict_names_load(none, 1, &t, &e), DY_EIO);
    assert_null(t);
}

/* Several directories, as `dyad code --dict A --dict B` loads them: each
 * adds its codes; on a tie of rank the first directory's name stays. */
static void test_names_dirs(void **st)
{
    (void)st;
    char a[] = "/tmp/dyad-names-a-XXXXXX", b[] = "/tmp/dyad-names-b-XXXXXX";
    assert_non_null(mkdtemp(a));
    assert_non_null(mkdtemp(b));
    char pa[256], pb[256];
    snprintf(pa, sizeof pa, "%s/x.txt", a);
    snprintf(pb, sizeof pb, "%s/y.txt", b);
    FILE *f = fopen(pa, "w");
    assert_non_null(f);
    fputs("state Ruritania\n  code RUR\n", f);
    fclose(f);
    f = fopen(pb, "w");
    assert_non_null(f);
    fputs("state Ruritanian Republic\n  code RUR\n\nstate Liechtenstein\n  code LIE\n", f);
    fclose(f);
    const char *dirs[] = {a, b};
    dict_names *t = NULL;
    dy_err e;
    assert_int_equal(dict_names_load(dirs, 2, &t, &e), 0);
    assert_string_equal(name(t, "RUR"), "Ruritania");
    assert_string_equal(name(t, "LIE"), "Liechtenstein");
    assert_string_equal(name(t, "LIEGOV"), "Liechtenstein: government");
    dict_names_free(t);
    /* no directory: an empty table, every code its own name */
    assert_int_equal(dict_names_load(NULL, 0, &t, &e), 0);
    assert_string_equal(name(t, "RUR"), "RUR");
    dict_names_free(t);
    unlink(pa);
    unlink(pb);
    rmdir(a);
    rmdir(b);
}

/* The default dictionaries name the codes the dashboard shows. */
static void test_names_default(void **st)
{
    (void)st;
    dict_names *t = NULL;
    dy_err e;
    const char *dirs[] = {DYAD_SRCDIR "/data"};
    assert_int_equal(dict_names_load(dirs, 1, &t, &e), 0);
    assert_string_equal(name(t, "IRN"), "Iran");
    assert_string_equal(name(t, "USA"), "United States");
    assert_string_equal(name(t, "RUS"), "Russia");
    assert_string_equal(name(t, "USR"), "Soviet Union");
    assert_string_equal(name(t, "PRK"), "North Korea");
    assert_string_equal(name(t, "IGOUNO"), "United Nations");
    assert_string_equal(name(t, "IGOEUREEC"), "European Union");
    assert_string_equal(name(t, "USAGOV"), "United States: government");
    dict_names_free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_country),
        cmocka_unit_test(test_level),
        cmocka_unit_test(test_names_rules),
        cmocka_unit_test(test_names_dirs),
        cmocka_unit_test(test_names_default),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
