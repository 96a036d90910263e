/* test_export.c - the CAMEO -> PLOVER mapping (the shipped table against
 * every CAMEO code, and the checks that refuse a bad table), the PLOVER
 * record, the gazetteer and the rules that place events. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "code/code_export.h"
#include "core/alloc.h"
#include "core/arena.h"
#include "core/buf.h"

#ifndef DYAD_SRCDIR
#define DYAD_SRCDIR "."
#endif

static code_cameo *cameo(void)
{
    code_cameo *cam;
    dy_err e;
    assert_int_equal(code_cameo_load(DYAD_SRCDIR "/data/cameo/codes.tsv", &cam, &e), 0);
    return cam;
}

/* The shipped table maps every code of the CAMEO codebook list kept with
 * the evaluation data (../shared/eval/cameo_codes.tsv) and of dyad's own
 * CAMEO table: statements (01) and appeals (02) to no type, every other
 * code to one of the sixteen types. */
static void test_table_covers_cameo(void **st)
{
    (void)st;
    code_cameo *cam = cameo();
    code_plover *p;
    dy_err e;
    int rc = code_plover_load(DYAD_SRCDIR "/data/plover/cameo_plover.tsv", cam, &p, &e);
    if (rc)
        fail_msg("%s:%ld: %s", e.file, e.line, e.msg);
    assert_true(code_plover_count(p) >= code_cameo_count(cam));
    FILE *f = fopen(DYAD_SRCDIR "/../shared/eval/cameo_codes.tsv", "r");
    if (!f)
        f = fopen(DYAD_SRCDIR "/data/cameo/codes.tsv", "r"); /* dyad runs without ../shared */
    assert_non_null(f);
    char line[4096];
    int n = 0, dropped = 0;
    while (fgets(line, sizeof line, f)) {
        if (line[0] < '0' || line[0] > '9')
            continue;
        line[strcspn(line, "\t\n")] = '\0';
        const code_plover_entry *pe = code_plover_get(p, line);
        if (!pe)
            fail_msg("CAMEO code %s has no PLOVER row", line);
        int statement = line[0] == '0' && (line[1] == '1' || line[1] == '2');
        if (statement != (pe->event_type == NULL))
            fail_msg("CAMEO code %s: PLOVER type %s", line, pe->event_type ? pe->event_type : "-");
        dropped += statement;
        n++;
    }
    fclose(f);
    assert_true(n >= 300);
    assert_true(dropped >= 30);
    /* what the specification says of a few codes */
    const code_plover_entry *a = code_plover_get(p, "173");
    assert_string_equal(a->event_type, "COERCE");
    assert_string_equal(a->mode, "arrest");
    a = code_plover_get(p, "0841");
    assert_string_equal(a->event_type, "RETREAT");
    assert_string_equal(a->mode, "release");
    a = code_plover_get(p, "082");
    assert_string_equal(a->event_type, "CONCEDE");
    assert_string_equal(code_plover_get(p, "116")->event_type, "SANCTION");
    assert_string_equal(code_plover_get(p, "195")->mode, "heavy-weapons");
    assert_string_equal(code_plover_get(p, "093")->event_type, "ACCUSE");
    assert_int_equal(code_plover_get(p, "043")->swap, 1);
    assert_int_equal(code_plover_get(p, "042")->swap, 0);
    code_plover_free(p);
    code_cameo_free(cam);
}

/* A table error names its line and what was wrong. */
static void test_table_checks(void **st)
{
    (void)st;
    static const char *const bad[][2] = {
        {"code\tevent_type\tmode\tcontext\troles\n173\tARREST\t-\t-\tsame\n", "not a PLOVER event type"},
        {"code\tevent_type\tmode\tcontext\troles\n173\tCOERCE\tvisit\t-\tsame\n", "not a mode of COERCE"},
        {"code\tevent_type\tmode\tcontext\troles\n173\tCOERCE\t-\tlegal,weather\tsame\n",
         "'weather' is not a PLOVER context"},
        {"code\tevent_type\tmode\tcontext\troles\n173\tCOERCE\t-\t-\tsame\n173\tCOERCE\t-\t-\tsame\n",
         "mapped twice"},
        {"code\tevent_type\tmode\tcontext\troles\n17a\tCOERCE\t-\t-\tsame\n", "CAMEO code of 2 to 4"},
        {"code\tevent_type\tmode\tcontext\troles\n173\tCOERCE\t-\t-\tboth\n", "same or swap"},
        {"code\tevent_type\tmode\tcontext\troles\n173\tCOERCE\t-\n", "5 tab-separated"},
        {"code\tevent\n173\tCOERCE\t-\t-\tsame\n", "expected the header"},
        {"code\tevent_type\tmode\tcontext\troles\n010\t-\t-\tlegal\tsame\n", "no context"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        code_plover *p = NULL;
        dy_err e;
        dy_err_clear(&e);
        assert_int_equal(code_plover_load_string("t.tsv", bad[i][0], strlen(bad[i][0]), NULL, &p, &e),
                         DY_EPARSE);
        assert_null(p);
        if (!strstr(e.msg, bad[i][1]))
            fail_msg("case %zu: '%s' lacks '%s'", i, e.msg, bad[i][1]);
        assert_string_equal(e.file, "t.tsv");
        assert_true(e.line == 2 || e.line == 3 || e.line == 1);
    }
    /* with the CAMEO table, a code without a row is refused */
    code_cameo *cam = cameo();
    static const char one[] = "code\tevent_type\tmode\tcontext\troles\n173\tCOERCE\tarrest\tlegal\tsame\n";
    code_plover *p = NULL;
    dy_err e;
    assert_int_equal(code_plover_load_string("t.tsv", one, strlen(one), cam, &p, &e), DY_EPARSE);
    assert_non_null(strstr(e.msg, "has no PLOVER row"));
    assert_int_equal(code_plover_load_string("t.tsv", one, strlen(one), NULL, &p, &e), 0);
    code_plover_free(p);
    code_cameo_free(cam);
}

static const char COUNTRIES[] = "# test\niso3\tiso2\tname\tlat\tlon\tnum\n"
                                "ISR\tIL\tIsrael\t32.09\t34.95\t376\n"
                                "IRQ\tIQ\tIraq\t33.30\t44.00\t368\n"
                                "USA\tUS\tUnited States of America\t37.41\t-93.43\t840\n"
                                "GEO\tGE\tGeorgia\t41.90\t44.00\t268\n"
                                "ATA\tAQ\tAntarctica\t-\t-\t010\n";
static const char PLACES[] = "name\tiso3\tlat\tlon\tpopulation\n"
                             "Haifa\tISR\t32.82\t34.99\t267300\n"
                             "Baghdad\tIRQ\t33.34\t44.40\t7216000\n"
                             "Georgia\tUSA\t33.00\t-83.50\t10000000\n"
                             "Haifa\tUSA\t40.00\t-75.00\t900000\n";

static code_gazetteer *small(void)
{
    code_gazetteer *g;
    dy_err e;
    int rc = code_gazetteer_load_strings(COUNTRIES, strlen(COUNTRIES), PLACES, strlen(PLACES), 0,
                                         &g, &e);
    if (rc)
        fail_msg("%s:%ld: %s", e.file, e.line, e.msg);
    return g;
}

static void test_gazetteer(void **st)
{
    (void)st;
    code_gazetteer *g = small();
    assert_int_equal(code_gazetteer_count(g), 9);
    /* the most populous of a name, unless a country is preferred */
    const code_place *p = code_gazetteer_find(g, "HAIFA", 5, NULL);
    assert_string_equal(p->country, "USA");
    p = code_gazetteer_find(g, "haifa", 5, "ISR");
    assert_string_equal(p->country, "ISR");
    assert_false(p->is_country);
    /* a country wins over a place of its name */
    p = code_gazetteer_find(g, "Georgia", 7, NULL);
    assert_true(p->is_country);
    assert_string_equal(p->country, "GEO");
    assert_string_equal(code_gazetteer_find(g, "Georgia", 7, "USA")->country, "USA");
    assert_null(code_gazetteer_find(g, "Atlantis", 8, NULL));
    assert_null(code_gazetteer_find(g, "Antarctica", 10, NULL)); /* no point */
    assert_null(code_gazetteer_country(g, "ATA"));
    assert_true(fabs(code_gazetteer_country(g, "IRQ")->lat - 33.30) < 1e-4);
    code_gazetteer_free(g);

    /* bad files: one line with file:line */
    static const char *const bad[][2] = {
        {"iso3\tiso2\tname\tlat\tlon\tnum\nISR\tIL\tIsrael\t95\t34\t376\n", "latitude"},
        {"iso3\tiso2\tname\tlat\tlon\tnum\nisr\tIL\tIsrael\t32\t34\t376\n", "alpha-3"},
        {"iso3\tiso2\tname\tlat\tlon\tnum\nISR\tIL\tIsrael\t32\t34\t37\n", "numeric"},
        {"iso3\tiso2\tname\tlat\tlon\tnum\nISR\tIL\tIsrael\t32\t34\t376\nISR\tIL\tIsrael\t32\t34\t376\n", "twice"},
        {"iso3\tname\n", "header"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        dy_err e;
        g = NULL;
        assert_int_equal(code_gazetteer_load_strings(bad[i][0], strlen(bad[i][0]), NULL, 0, 0, &g, &e),
                         DY_EPARSE);
        assert_null(g);
        if (!strstr(e.msg, bad[i][1]))
            fail_msg("case %zu: '%s'", i, e.msg);
    }
    static const char badplace[] = "name\tiso3\tlat\tlon\tpopulation\nMoon\tXXX\t1\t1\t1\n";
    dy_err e;
    assert_int_equal(code_gazetteer_load_strings(COUNTRIES, strlen(COUNTRIES), badplace,
                                                 strlen(badplace), 0, &g, &e),
                     DY_EPARSE);
    assert_non_null(strstr(e.msg, "unknown country code 'XXX'"));
    assert_string_equal(e.file, "places.tsv");
    assert_int_equal(e.line, 2);
}

/* Place events of a document made of text: one event per sentence, with
 * the given source and target. */
static void place(const code_gazetteer *g, const char *text, const char *src, const char *tgt,
                  code_event *ev, size_t *nev)
{
    static txt_doc doc;
    static txt_analysis an;
    static dy_arena *a;
    if (!a)
        a = dy_arena_new();
    dy_arena_reset(a);
    memset(&doc, 0, sizeof doc);
    doc.id = (char *)"t";
    doc.text = (char *)text;
    doc.len = strlen(text);
    dy_err e;
    assert_int_equal(txt_analyze(&doc, a, &an, &e), 0);
    *nev = an.nsent < 8 ? an.nsent : 8;
    for (size_t i = 0; i < *nev; i++) {
        memset(&ev[i], 0, sizeof ev[i]);
        ev[i].sent = (uint32_t)i;
        snprintf(ev[i].source, sizeof ev[i].source, "%s", src);
        snprintf(ev[i].target, sizeof ev[i].target, "%s", tgt);
    }
    code_geo_locate(g, &doc, &an, ev, *nev);
}

static void test_locate(void **st)
{
    (void)st;
    code_gazetteer *g = small();
    code_event ev[8];
    size_t n;
    const char *t = "Israeli police arrested dozens of protesters in Haifa on Sunday.";
    place(g, t, "ISRCOP", "ISROPP", ev, &n);
    assert_int_equal(n, 1);
    assert_int_equal(ev[0].geo.prec, CODE_GEO_CITY);
    assert_int_equal(ev[0].geo.src, CODE_GEO_SRC_SENTENCE);
    assert_string_equal(ev[0].geo.name, "Haifa");
    assert_string_equal(ev[0].geo.country, "ISR"); /* the actors' Haifa, not the larger one */
    assert_int_equal(ev[0].geo.span.start, (int32_t)(strstr(t, "Haifa") - t));
    assert_int_equal(ev[0].geo.span.end, ev[0].geo.span.start + 5);
    /* without a preference, the most populous; months are not places */
    place(g, "Protesters gathered in Haifa in March.", "", "", ev, &n);
    assert_string_equal(ev[0].geo.country, "USA");
    place(g, "Talks were held in March.", "IRQ", "USA", ev, &n);
    assert_int_equal(ev[0].geo.prec, CODE_GEO_COUNTRY);
    assert_int_equal(ev[0].geo.src, CODE_GEO_SRC_ACTOR);
    assert_string_equal(ev[0].geo.country, "USA"); /* the target's country */
    /* words between the preposition and the name */
    place(g, "Troops fought in the northern city of Baghdad.", "USAMIL", "", ev, &n);
    assert_string_equal(ev[0].geo.name, "Baghdad");
    /* a country named in the sentence: precision country, source sentence */
    place(g, "The minister met rebels in Iraq.", "USAGOV", "IRQREB", ev, &n);
    assert_int_equal(ev[0].geo.prec, CODE_GEO_COUNTRY);
    assert_int_equal(ev[0].geo.src, CODE_GEO_SRC_SENTENCE);
    /* the dateline places every event of the document */
    place(g, "BAGHDAD \xe2\x80\x94 Iraqi forces attacked militants.\nThe United States condemned "
             "the attack.",
          "USA", "IRQ", ev, &n);
    assert_int_equal(n, 2);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(ev[i].geo.src, CODE_GEO_SRC_DOCUMENT);
        assert_string_equal(ev[i].geo.name, "Baghdad");
        assert_int_equal(ev[i].geo.span.start, 0);
    }
    /* capitals without a dash are a headline, not a dateline */
    place(g, "BAGHDAD TALKS END\nIraq condemned the United States.", "IRQ", "", ev, &n);
    assert_int_equal(ev[n - 1].geo.src, CODE_GEO_SRC_ACTOR);
    /* an acronym is not a place ("Un" would be a town of that name) */
    place(g, "Iraq spoke in the IRAQ Council.", "USA", "", ev, &n);
    assert_int_equal(ev[0].geo.src, CODE_GEO_SRC_ACTOR);
    /* an actor without a country: not placed */
    place(g, "The rebels attacked.", "IGOUNO", "", ev, &n);
    assert_int_equal(ev[0].geo.prec, CODE_GEO_NONE);
    code_gazetteer_free(g);
}

/* The shipped gazetteer: GeoNames cities through libgeonames with dyad's
 * countries and places. */
static void test_shipped_gazetteer(void **st)
{
    (void)st;
    code_gazetteer *g;
    dy_err e;
    int rc = code_gazetteer_load(DYAD_SRCDIR "/data/geo/countries.tsv",
                                 DYAD_SRCDIR "/data/geo/places.tsv", &g, &e);
    if (rc)
        fail_msg("%s:%ld: %s", e.file, e.line, e.msg);
    assert_true(code_gazetteer_count(g) > 20000);
    const code_place *p = code_gazetteer_find(g, "Haifa", 5, NULL);
    assert_non_null(p);
    assert_true(fabs(p->lat - 32.8) < 0.1 && fabs(p->lon - 35.0) < 0.1);
    p = code_gazetteer_find(g, "Washington", 10, NULL);
    assert_true(fabs(p->lat - 38.9) < 0.1); /* the capital, not a small namesake */
    p = code_gazetteer_find(g, "Pyongyang", 9, NULL);
    assert_string_equal(p->country, "PRK");
    assert_non_null(code_gazetteer_find(g, "Kobani", 6, NULL));
    assert_non_null(code_gazetteer_country(g, "RUS"));
    code_gazetteer_free(g);
    /* a missing file is one message naming it */
    assert_int_equal(code_gazetteer_load("/nonexistent/countries.tsv", NULL, &g, &e), DY_EIO);
    assert_string_equal(e.file, "/nonexistent/countries.tsv");
}

static void test_km(void **st)
{
    (void)st;
    /* London - Paris, about 344 km */
    double d = code_geo_km(51.5074, -0.1278, 48.8566, 2.3522);
    assert_true(d > 340 && d < 348);
    assert_true(fabs(code_geo_km(48.8566, 2.3522, 51.5074, -0.1278) - d) < 1e-9);
    assert_true(code_geo_km(10, 20, 10, 20) < 1e-9);
}

/* The PLOVER record: the mapped fields, roles swapped for a host, modality
 * as context, an unmapped code written as nothing. */
static void test_plover_record(void **st)
{
    (void)st;
    code_cameo *cam = cameo();
    code_plover *p;
    dy_err e;
    assert_int_equal(code_plover_load(DYAD_SRCDIR "/data/plover/cameo_plover.tsv", cam, &p, &e), 0);
    code_plover_rec r = {0};
    r.id = "d#0";
    r.doc = "d";
    r.code = "173";
    r.source = "ISRCOP";
    r.target = "ISROPP";
    r.source_text = "Israeli police";
    r.source_text_len = 14;
    r.modality = "future";
    r.text = "x";
    r.text_len = 1;
    r.src[0] = 0, r.src[1] = 14, r.verb[0] = r.verb[1] = r.tgt[0] = r.tgt[1] = -1;
    r.geo_name = "Haifa";
    r.geo_country = "ISR";
    r.geo_lat = 32.8184;
    r.geo_lon = 34.9885;
    r.geo_prec = "city";
    r.geo_src = "sentence";
    dy_buf b = {0};
    assert_int_equal(code_plover_write(&b, p, &r), 0);
    assert_non_null(strstr(b.data, "\"event_type\":\"COERCE\",\"mode\":\"arrest\","
                                    "\"context\":[\"legal\",\"future\"],\"actor\":\"ISRCOP\","
                                    "\"actor_country\":\"ISR\",\"actor_text\":\"Israeli police\","
                                    "\"recipient\":\"ISROPP\""));
    assert_non_null(strstr(b.data, "\"location\":{\"name\":\"Haifa\",\"cc3\":\"ISR\","
                                    "\"latitude\":32.8184,\"longitude\":34.9885,"
                                    "\"precision\":\"city\",\"source\":\"sentence\"}"));
    assert_non_null(strstr(b.data, "\"cameo\":{\"code\":\"173\""));
    assert_int_equal(b.data[b.len - 1], '\n');
    dy_buf_reset(&b);
    r.code = "043"; /* host a visit: the visitor is PLOVER's actor */
    r.geo_prec = NULL;
    assert_int_equal(code_plover_write(&b, p, &r), 0);
    assert_non_null(strstr(b.data, "\"mode\":\"visit\""));
    assert_non_null(strstr(b.data, "\"actor\":\"ISROPP\""));
    assert_non_null(strstr(b.data, "\"recipient\":\"ISRCOP\",\"recipient_country\":\"ISR\","
                                    "\"recipient_text\":\"Israeli police\""));
    assert_non_null(strstr(b.data, "\"location\":null"));
    dy_buf_reset(&b);
    r.code = "010";
    assert_int_equal(code_plover_write(&b, p, &r), 1);
    assert_int_equal(b.len, 0);
    dy_buf_free(&b);
    code_plover_free(p);
    code_cameo_free(cam);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table_covers_cameo), cmocka_unit_test(test_table_checks),
        cmocka_unit_test(test_gazetteer),          cmocka_unit_test(test_locate),
        cmocka_unit_test(test_shipped_gazetteer),  cmocka_unit_test(test_km),
        cmocka_unit_test(test_plover_record),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
