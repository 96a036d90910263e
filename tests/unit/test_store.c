/* test_store.c - the SQLite store: put/replace/skip documents, event
 * queries and filters, the dedup aggregate, schema migration from versions
 * 1 and 2, refusal of a newer schema, corrupt and locked files. (The same
 * behaviour against PostgreSQL is covered by tests/cli/cases/60_store.sh.) */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/alloc.h"
#include "store/store.h"
#include "store/store_internal.h"

static char dir[256];

static const char *path(const char *name)
{
    static char p[512];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    return p;
}

static int setup(void **st)
{
    (void)st;
    snprintf(dir, sizeof dir, "/tmp/dyad-test-store-XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **st)
{
    (void)st;
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static code_cameo *cameo(void)
{
    code_cameo *c = NULL;
    dy_err e;
    assert_int_equal(code_cameo_load(DYAD_SRCDIR "/data/cameo/codes.tsv", &c, &e), 0);
    return c;
}

typedef struct coded {
    txt_doc doc;
    dy_arena *a;
    txt_analysis an;
    code_event ev[4];
    size_t nev;
} coded;

/* A document with text, analysed; events added with add_event. */
static void make_doc(coded *c, const char *id, const char *date, const char *text)
{
    memset(c, 0, sizeof *c);
    c->doc.id = (char *)id;
    c->doc.text = (char *)text;
    c->doc.len = strlen(text);
    c->doc.path = (char *)"test";
    if (date)
        assert_int_equal(txt_date_parse(date, strlen(date), &c->doc.date), 0);
    c->a = dy_arena_new();
    dy_err e;
    assert_int_equal(txt_analyze(&c->doc, c->a, &c->an, &e), 0);
}

static void add_event(coded *c, uint32_t sent, const char *date, const char *src,
                      const char *tgt, const char *code, int modality)
{
    code_event *ev = &c->ev[c->nev++];
    memset(ev, 0, sizeof *ev);
    ev->sent = sent;
    if (date)
        assert_int_equal(txt_date_parse(date, strlen(date), &ev->date), 0);
    snprintf(ev->source, sizeof ev->source, "%s", src);
    snprintf(ev->target, sizeof ev->target, "%s", tgt);
    snprintf(ev->code, sizeof ev->code, "%s", code);
    ev->modality = modality;
    ev->src = (code_span){0, 6};
    ev->verb = (code_span){7, 16};
    ev->tgt = (code_span){-1, -1};
    ev->why.pattern = "verbs.txt:12";
    ev->why.timex = -1;
}

static int put(store *s, coded *c, const code_cameo *cam, const char *dv)
{
    int status = -1;
    dy_err e;
    /* the default events first: here, as before the flag, the asserted ones */
    size_t nd = 0;
    for (size_t i = 0; i < c->nev; i++)
        if (c->ev[i].modality == CODE_MOD_ASSERTED) {
            code_event t = c->ev[nd];
            c->ev[nd++] = c->ev[i];
            c->ev[i] = t;
        }
    int rc = store_put_document(s, &c->doc, &c->an, c->ev, c->nev, nd, cam, dv, &status, &e);
    if (rc)
        print_error("put: %s\n", e.msg);
    assert_int_equal(rc, 0);
    return status;
}

typedef struct seen {
    int n;
    char rows[16][160];
} seen;

static int collect(void *ud, const store_event *e)
{
    seen *s = ud;
    if (s->n < 16)
        snprintf(s->rows[s->n], sizeof s->rows[0], "%s/%d/%s/%s>%s/%s/%s/q%d/%.1f/%ld/%s",
                 e->doc, e->sent, e->date ? e->date : "-", e->source, e->target, e->code,
                 e->modality, e->quad, e->goldstein, e->support, e->text);
    s->n++;
    return 0;
}

static seen query(store *s, const store_filter *f)
{
    seen out = {0};
    dy_err e;
    int rc = store_query_events(s, f, collect, &out, &e);
    if (rc)
        print_error("query: %s\n", e.msg);
    assert_int_equal(rc, 0);
    return out;
}

static void test_put_and_query(void **st)
{
    (void)st;
    code_cameo *cam = cameo();
    store *s;
    dy_err e;
    assert_int_equal(store_open(path("a.db"), STORE_WRITE, &s, &e), 0);
    assert_string_equal(store_backend(s), "sqlite");
    coded a, b;
    make_doc(&a, "a", "2023-09-15", "Russia condemned Japan. Russia praised China.");
    add_event(&a, 0, "2023-09-15", "RUSGOV", "JPN", "111", CODE_MOD_ASSERTED);
    add_event(&a, 1, "2023-09", "RUS", "CHN", "051", CODE_MOD_ASSERTED);
    add_event(&a, 1, "2023-09-15", "RUS", "CHN", "051", CODE_MOD_NEGATED);
    make_doc(&b, "b", "2024-01-02", "Russia condemned Japan again. Iran met Iraq.");
    add_event(&b, 0, "2023-09-15", "RUSGOV", "JPN", "111", CODE_MOD_ASSERTED);
    add_event(&b, 1, NULL, "IRN", "IRQ", "040", CODE_MOD_ASSERTED);
    assert_int_equal(put(s, &a, cam, "v1"), STORE_DOC_NEW);
    assert_int_equal(put(s, &b, cam, "v1"), STORE_DOC_NEW);
    assert_int_equal(put(s, &a, cam, "v1"), STORE_DOC_SAME);

    long d, se, ev;
    assert_int_equal(store_counts(s, &d, &se, &ev, &e), 0);
    assert_int_equal(d, 2);
    assert_int_equal(se, 4);
    assert_int_equal(ev, 5);

    store_filter f = {0};
    seen r = query(s, &f); /* asserted only, by date (month before day), doc, sent */
    assert_int_equal(r.n, 4);
    assert_string_equal(r.rows[0], "a/1/2023-09/RUS>CHN/051/asserted/q1/3.4/1/Russia praised China.");
    assert_string_equal(r.rows[1], "a/0/2023-09-15/RUSGOV>JPN/111/asserted/q3/-2.0/1/Russia condemned Japan.");
    assert_string_equal(r.rows[3], "b/1/-/IRN>IRQ/040/asserted/q1/1.0/1/Iran met Iraq.");

    f.modalities = "all";
    assert_int_equal(query(s, &f).n, 5);
    f.modalities = "negated";
    r = query(s, &f);
    assert_int_equal(r.n, 1);
    f.modalities = NULL;

    f.dyad[0] = "JPN";
    f.dyad[1] = "RUS";
    assert_int_equal(query(s, &f).n, 2);
    f.dyad[0] = f.dyad[1] = NULL;
    f.actor = "RUSGOV";
    assert_int_equal(query(s, &f).n, 2);
    f.actor = "IR"; /* a prefix shorter than a country */
    assert_int_equal(query(s, &f).n, 1);
    f.actor = NULL;
    assert_int_equal(txt_date_parse("2023-09", 7, &f.from), 0);
    assert_int_equal(txt_date_parse("2023-09-14", 10, &f.to), 0);
    r = query(s, &f); /* the month-precision event starts on 2023-09-01 */
    assert_int_equal(r.n, 1);
    assert_string_equal(r.rows[0], "a/1/2023-09/RUS>CHN/051/asserted/q1/3.4/1/Russia praised China.");
    f.from.prec = f.to.prec = TXT_PREC_NONE;
    f.roots = "11,04";
    assert_int_equal(query(s, &f).n, 3);
    f.roots = NULL;
    f.codes = "051";
    f.quad = 1;
    assert_int_equal(query(s, &f).n, 1);
    f.codes = NULL;
    f.quad = 0;
    f.dedup = 1;
    r = query(s, &f);
    assert_int_equal(r.n, 3);
    assert_string_equal(r.rows[1], "a/0/2023-09-15/RUSGOV>JPN/111/asserted/q3/-2.0/2/Russia condemned Japan.");
    f.dedup = 0;
    f.doc = "b";
    assert_int_equal(query(s, &f).n, 2);
    f.doc = NULL;

    /* A changed document replaces its sentences and events. */
    coded a2;
    make_doc(&a2, "a", "2023-09-15", "Russia praised China.");
    add_event(&a2, 0, "2023-09-16", "RUS", "CHN", "051", CODE_MOD_ASSERTED);
    assert_int_equal(put(s, &a2, cam, "v1"), STORE_DOC_CHANGED);
    assert_int_equal(store_counts(s, &d, &se, &ev, &e), 0);
    assert_int_equal(d, 2);
    assert_int_equal(se, 3);
    assert_int_equal(ev, 3);
    /* A new dictionary version re-codes (replaces) an unchanged text. */
    assert_int_equal(put(s, &a2, cam, "v2"), STORE_DOC_CHANGED);
    assert_int_equal(put(s, &a2, cam, "v2"), STORE_DOC_SAME);

    dy_arena_free(a.a);
    dy_arena_free(b.a);
    dy_arena_free(a2.a);
    store_close(s);
    code_cameo_free(cam);
}

typedef struct aggs {
    int n;
    char rows[16][96];
} aggs;

static int agg_row(void *ud, const store_agg *a)
{
    aggs *x = ud;
    if (x->n < 16)
        snprintf(x->rows[x->n], sizeof x->rows[0], "%s %s>%s %ld %ld/%ld/%ld/%ld %.1f", a->window,
                 a->source, a->target, a->events, a->quad[1], a->quad[2], a->quad[3], a->quad[4],
                 a->goldstein);
    x->n++;
    return 0;
}

/* A batch is stored as one document at a time would be: statuses, counts,
 * the last content of an id that comes twice, events of each document. */
static void test_put_batch(void **st)
{
    (void)st;
    code_cameo *cam = cameo();
    store *s;
    dy_err e;
    assert_int_equal(store_open(path("batch.db"), STORE_WRITE, &s, &e), 0);
    coded a, b, a2, c;
    make_doc(&a, "a", "2023-09-15", "Russia condemned Japan. Russia praised China.");
    add_event(&a, 0, "2023-09-15", "RUSGOV", "JPN", "111", CODE_MOD_ASSERTED);
    make_doc(&b, "b", "2024-01-02", "Iran met Iraq.");
    add_event(&b, 0, NULL, "IRN", "IRQ", "040", CODE_MOD_ASSERTED);
    add_event(&b, 0, NULL, "IRQ", "IRN", "040", CODE_MOD_ASSERTED);
    make_doc(&a2, "a", "2023-09-16", "Russia praised Japan.");
    add_event(&a2, 0, "2023-09-16", "RUS", "JPN", "051", CODE_MOD_ASSERTED);
    make_doc(&c, "c", NULL, "Nothing happened.");
    assert_int_equal(put(s, &b, cam, "v1"), STORE_DOC_NEW); /* b stored before */

    store_doc_in in[4] = {{&a.doc, &a.an, a.ev, a.nev, a.nev},
                          {&b.doc, &b.an, b.ev, b.nev, b.nev},
                          {&a2.doc, &a2.an, a2.ev, a2.nev, a2.nev},
                          {&c.doc, &c.an, c.ev, c.nev, c.nev}};
    int status[4] = {-1, -1, -1, -1};
    assert_int_equal(store_put_documents(s, in, 4, cam, "v1", status, &e), 0);
    assert_int_equal(status[0], STORE_DOC_NEW);
    assert_int_equal(status[1], STORE_DOC_SAME);
    assert_int_equal(status[2], STORE_DOC_CHANGED); /* a again, other content */
    assert_int_equal(status[3], STORE_DOC_NEW);
    long d, se, ev;
    assert_int_equal(store_counts(s, &d, &se, &ev, &e), 0);
    assert_int_equal(d, 3);
    assert_int_equal(se, 3); /* a2: 1, b: 1, c: 1 */
    assert_int_equal(ev, 3); /* a2: 1, b: 2 */
    store_filter f = {0};
    f.doc = "a";
    seen r = query(s, &f);
    assert_int_equal(r.n, 1);
    assert_string_equal(r.rows[0], "a/0/2023-09-16/RUS>JPN/051/asserted/q1/3.4/1/Russia praised Japan.");

    /* again: nothing changes; with another dictionary version every
     * document is replaced */
    assert_int_equal(store_put_documents(s, in + 1, 3, cam, "v1", status, &e), 0);
    assert_true(status[0] == STORE_DOC_SAME && status[1] == STORE_DOC_SAME &&
                status[2] == STORE_DOC_SAME);
    assert_int_equal(store_put_documents(s, in + 1, 3, cam, "v2", status, &e), 0);
    assert_true(status[0] == STORE_DOC_CHANGED && status[1] == STORE_DOC_CHANGED &&
                status[2] == STORE_DOC_CHANGED);
    assert_int_equal(store_counts(s, &d, &se, &ev, &e), 0);
    assert_int_equal(d, 3);
    assert_int_equal(ev, 3);
    assert_int_equal(store_put_documents(s, in, 0, cam, "v2", status, &e), 0);
    store_close(s);

    /* read-only: refused */
    assert_int_equal(store_open(path("batch.db"), STORE_READ, &s, &e), 0);
    assert_int_not_equal(store_put_documents(s, in, 1, cam, "v3", status, &e), 0);
    assert_false(store_retryable(s));
    store_close(s);
    dy_arena_free(a.a);
    dy_arena_free(b.a);
    dy_arena_free(a2.a);
    dy_arena_free(c.a);
    code_cameo_free(cam);
}

static void test_aggregate(void **st)
{
    (void)st;
    code_cameo *cam = cameo();
    store *s;
    dy_err e;
    assert_int_equal(store_open(path("agg.db"), STORE_WRITE, &s, &e), 0);
    coded a, b;
    make_doc(&a, "a", "2023-01-15", "Russia condemned Japan. Russia praised China.");
    add_event(&a, 0, "2023-01-15", "RUSGOV", "JPNGOV", "111", CODE_MOD_ASSERTED);
    add_event(&a, 1, "2023-05-02", "RUS", "CHN", "051", CODE_MOD_ASSERTED);
    add_event(&a, 1, "2023", "RUS", "CHN", "051", CODE_MOD_ASSERTED);
    add_event(&a, 1, "2023-05-02", "RUS", "", "051", CODE_MOD_ASSERTED);
    make_doc(&b, "b", "2023-01-15", "Russia condemned Japan.");
    add_event(&b, 0, "2023-01-15", "RUSGOV", "JPNGOV", "111", CODE_MOD_ASSERTED);
    add_event(&b, 0, "2023-01-15", "RUSMIL", "JPN", "111", CODE_MOD_ASSERTED);
    put(s, &a, cam, "v");
    put(s, &b, cam, "v");
    aggs x = {0};
    assert_int_equal(store_aggregate(s, NULL, STORE_WIN_QUARTER, STORE_LEVEL_COUNTRY, agg_row, &x,
                                     &e),
                     0);
    /* RUSGOV>JPNGOV twice on one day is one event (dedup); RUSMIL>JPN is
     * another; the year-only event has no quarter; no target: not counted. */
    assert_int_equal(x.n, 2);
    assert_string_equal(x.rows[0], "2023-Q1 RUS>JPN 2 0/0/2/0 -4.0");
    assert_string_equal(x.rows[1], "2023-Q2 RUS>CHN 1 1/0/0/0 3.4");
    memset(&x, 0, sizeof x);
    assert_int_equal(
        store_aggregate(s, NULL, STORE_WIN_YEAR, STORE_LEVEL_ACTOR, agg_row, &x, &e), 0);
    assert_int_equal(x.n, 3);
    assert_string_equal(x.rows[0], "2023 RUS>CHN 2 2/0/0/0 6.8");
    assert_string_equal(x.rows[1], "2023 RUSGOV>JPNGOV 1 0/0/1/0 -2.0");
    memset(&x, 0, sizeof x);
    assert_int_equal(store_aggregate(s, NULL, STORE_WIN_ALL, STORE_LEVEL_COUNTRY, agg_row, &x, &e),
                     0);
    assert_int_equal(x.n, 2);
    assert_string_equal(x.rows[0], " RUS>CHN 2 2/0/0/0 6.8");
    /* limit and offset count aggregate records, in (window, source,
     * target) order. */
    store_filter f = {0};
    f.limit = 1;
    f.offset = 1;
    memset(&x, 0, sizeof x);
    assert_int_equal(store_aggregate(s, &f, STORE_WIN_YEAR, STORE_LEVEL_ACTOR, agg_row, &x, &e),
                     0);
    assert_int_equal(x.n, 1);
    assert_string_equal(x.rows[0], "2023 RUSGOV>JPNGOV 1 0/0/1/0 -2.0");
    dy_arena_free(a.a);
    dy_arena_free(b.a);
    store_close(s);
    code_cameo_free(cam);
}

static void sql(const char *db, const char *q);

typedef struct explained {
    char row[256];
} explained;

static int collect_explain(void *ud, const store_event *e)
{
    explained *x = ud;
    snprintf(x->row, sizeof x->row, "%s %s %s", e->pattern ? e->pattern : "-",
             e->source_entry ? e->source_entry : "-", e->target_entry ? e->target_entry : "-");
    return 0;
}

/* Processes creating one new SQLite store at the same moment: each must
 * wait its turn (one used to fail at once with "database is locked").
 * Four children released together by closing a pipe, 25 new files. */
static void test_concurrent_create(void **st)
{
    (void)st;
    int failed = 0;
    char msg[256] = "";
    for (int round = 0; round < 25; round++) {
        char db[300];
        snprintf(db, sizeof db, "%s/race%d.db", dir, round);
        int gate[2], rep[2];
        assert_int_equal(pipe(gate), 0);
        assert_int_equal(pipe(rep), 0);
        pid_t kids[4];
        for (int k = 0; k < 4; k++) {
            kids[k] = fork();
            assert_true(kids[k] >= 0);
            if (kids[k] == 0) {
                close(gate[1]);
                char c;
                while (read(gate[0], &c, 1) > 0) {
                }
                store *s;
                dy_err e;
                int rc = store_open(db, STORE_WRITE, &s, &e);
                if (rc) {
                    ssize_t w = write(rep[1], e.msg, strlen(e.msg) < 200 ? strlen(e.msg) : 200);
                    (void)w;
                } else {
                    store_close(s);
                }
                _exit(rc ? 1 : 0);
            }
        }
        close(gate[0]);
        close(gate[1]); /* releases every child at once */
        close(rep[1]);
        for (int k = 0; k < 4; k++) {
            int status = 0;
            waitpid(kids[k], &status, 0);
            if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
                failed++;
        }
        ssize_t n = read(rep[0], msg, sizeof msg - 1);
        if (n > 0)
            msg[n] = '\0';
        close(rep[0]);
    }
    if (failed)
        fail_msg("%d of 100 concurrent creations failed: %s", failed, msg);
}

/* Passwords never shown: in the user part (also with unencoded '@', '/',
 * '?' in them) and in a password= parameter (and what follows it). */
static void test_mask_url(void **st)
{
    (void)st;
    static const char *const t[][2] = {
        {"events.db", "events.db"},
        {"postgresql://host/db", "postgresql://host/db"},
        {"postgresql://user@host:5432/db", "postgresql://user@host:5432/db"},
        {"postgresql://user:pw@host:5432/db", "postgresql://user:***@host:5432/db"},
        {"postgres://user:pw@host/db?sslmode=require", "postgres://user:***@host/db?sslmode=require"},
        {"postgresql://user:p@ss@host/db", "postgresql://user:***@host/db"},
        {"postgresql://user:p/a?s@host/db", "postgresql://user:***@host/db"},
        {"postgresql://host/db?sslmode=disable&password=s3cr3t", "postgresql://host/db?sslmode=disable&password=***"},
        {"postgresql://host/db?password=s3c@r3t&user=u", "postgresql://host/db?password=***"},
        {"postgresql://host/db?password=s3c&r3t", "postgresql://host/db?password=***"},
        {"postgresql://u:a@host/db?password=b", "postgresql://u:***@host/db?password=***"},
        {"postgresql://u:a@b@host/db?options=x@y", "postgresql://u:***@y"},
        {"postgresql://host/db?mypassword=x", "postgresql://host/db?mypassword=x"},
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        char out[128];
        assert_string_equal(store_mask_url(t[i][0], out, sizeof out), t[i][1]);
    }
    char small[8];
    assert_string_equal(store_mask_url("postgresql://u:pw@h/d", small, sizeof small), "postgre");
    assert_int_equal(store_url_secret_in("postgresql://u:p@ss@h/d", "host \"ss@h\" unknown"), 1);
    assert_int_equal(store_url_secret_in("postgresql://u:p/abc@h/d", "port \"abc@h\" bad"), 1);
    assert_int_equal(store_url_secret_in("postgresql://h/d?password=ab&cd", "\"cd\": bad"), 1);
    assert_int_equal(store_url_secret_in("postgresql://u:secret@h/d", "refused"), 0);
    assert_int_equal(store_url_secret_in("events.db", "events.db"), 0);
}

/* References stored as absolute paths by earlier versions are shown from
 * their dictionary folder on, so that no answer reveals a server's paths. */
static void test_relative_refs(void **st)
{
    (void)st;
    code_cameo *cam = cameo();
    store *s;
    dy_err e;
    assert_int_equal(store_open(path("refs.db"), STORE_WRITE, &s, &e), 0);
    coded b;
    make_doc(&b, "old", "2020-01-01", "Russia condemned Japan.");
    add_event(&b, 0, "2020-01-01", "RUS", "JPN", "111", CODE_MOD_ASSERTED);
    b.ev[0].why.pattern = "/home/someone/dyad/data/verbs/11_disapprove.txt:54";
    b.ev[0].why.source_entry = "/opt/x/actors/states.txt:3";
    b.ev[0].why.target_entry = "/opt/other/file.txt:9";
    put(s, &b, cam, "v");
    explained x = {0};
    assert_int_equal(store_query_events(s, &(store_filter){0}, collect_explain, &x, &e), 0);
    assert_string_equal(x.row, "verbs/11_disapprove.txt:54 actors/states.txt:3 file.txt:9");
    dy_arena_free(b.a);
    store_close(s);
    code_cameo_free(cam);
}

/* An event date outside years 1..9999 is stored undated; a key out of that
 * range left by an older dyad is left out of windowed aggregates instead of
 * making every windowed view fail ('bad window label'). */
static void test_date_range(void **st)
{
    (void)st;
    code_cameo *cam = cameo();
    store *s;
    dy_err e;
    assert_int_equal(store_open(path("range.db"), STORE_WRITE, &s, &e), 0);
    coded a;
    make_doc(&a, "far", "9999-12-31", "Russia condemned Japan. Russia praised China.");
    add_event(&a, 0, "9999-12-31", "RUS", "JPN", "111", CODE_MOD_ASSERTED);
    add_event(&a, 1, NULL, "RUS", "CHN", "051", CODE_MOD_ASSERTED);
    a.ev[1].date = (txt_date){10000, 1, 1, TXT_PREC_DAY};
    put(s, &a, cam, "v");
    seen q = query(s, &(store_filter){0});
    assert_int_equal(q.n, 2);
    assert_string_equal(q.rows[0], "far/0/9999-12-31/RUS>JPN/111/asserted/q3/-2.0/1/Russia condemned Japan.");
    assert_string_equal(q.rows[1], "far/1/-/RUS>CHN/051/asserted/q1/3.4/1/Russia praised China.");
    store_close(s);
    /* as an older version stored it */
    sql(path("range.db"), "UPDATE events SET date = '9999-01-01', date_prec = 1, "
                          "dkey = 100000101 WHERE sent = 1");
    assert_int_equal(store_open(path("range.db"), STORE_READ, &s, &e), 0);
    static const int wins[] = {STORE_WIN_YEAR, STORE_WIN_QUARTER, STORE_WIN_MONTH};
    static const char *const want[] = {"9999 RUS>JPN", "9999-Q4 RUS>JPN", "9999-12 RUS>JPN"};
    for (int i = 0; i < 3; i++) {
        aggs x = {0};
        int rc = store_aggregate(s, NULL, wins[i], STORE_LEVEL_COUNTRY, agg_row, &x, &e);
        if (rc)
            fail_msg("aggregate: %s", e.msg);
        assert_int_equal(x.n, 1);
        assert_memory_equal(x.rows[0], want[i], strlen(want[i]));
    }
    aggs x = {0};
    assert_int_equal(store_aggregate(s, NULL, STORE_WIN_ALL, STORE_LEVEL_COUNTRY, agg_row, &x, &e),
                     0);
    assert_int_equal(x.n, 2);
    store_close(s);
    dy_arena_free(a.a);
    code_cameo_free(cam);
}

static void sql(const char *db, const char *q)
{
    sqlite3 *h;
    assert_int_equal(sqlite3_open(db, &h), SQLITE_OK);
    char *msg = NULL;
    int rc = sqlite3_exec(h, q, NULL, NULL, &msg);
    if (rc)
        print_error("sql: %s\n", msg);
    assert_int_equal(rc, SQLITE_OK);
    sqlite3_close(h);
}

/* Schema version 1 as dyad 0.1 wrote it, with one document and event. */
static const char v1[] =
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "CREATE TABLE documents (id INTEGER PRIMARY KEY, doc TEXT NOT NULL UNIQUE, hash TEXT NOT "
    "NULL, date TEXT, date_prec INTEGER NOT NULL DEFAULT 0, title TEXT, url TEXT, source TEXT, "
    "text TEXT NOT NULL);"
    "CREATE TABLE sentences (doc_id INTEGER NOT NULL REFERENCES documents(id), idx INTEGER NOT "
    "NULL, bstart INTEGER NOT NULL, bend INTEGER NOT NULL, headline INTEGER NOT NULL DEFAULT 0, "
    "timex TEXT, PRIMARY KEY (doc_id, idx));"
    "CREATE TABLE events (id INTEGER PRIMARY KEY, doc_id INTEGER NOT NULL REFERENCES "
    "documents(id), sent INTEGER NOT NULL, date TEXT, date_prec INTEGER NOT NULL DEFAULT 0, "
    "dkey INTEGER, source TEXT NOT NULL, target TEXT NOT NULL, code TEXT NOT NULL, root TEXT NOT "
    "NULL, quad INTEGER, goldstein REAL, modality TEXT NOT NULL, src_start INTEGER, src_end "
    "INTEGER, verb_start INTEGER, verb_end INTEGER, tgt_start INTEGER, tgt_end INTEGER, pattern "
    "TEXT, source_entry TEXT, target_entry TEXT, dict_version TEXT);"
    "CREATE INDEX events_doc ON events (doc_id, sent);"
    "CREATE INDEX events_date ON events (dkey);"
    "CREATE INDEX events_code ON events (code, dkey);"
    "INSERT INTO meta VALUES ('schema_version', '1');"
    "INSERT INTO documents (doc, hash, date, date_prec, text) VALUES ('old', 'x', "
    "'2019-06-20', 1, 'Iran shot down a US drone.');"
    "INSERT INTO sentences VALUES (1, 0, 0, 26, 0, NULL);"
    "INSERT INTO events (doc_id, sent, date, date_prec, dkey, source, target, code, root, quad, "
    "goldstein, modality, dict_version) VALUES (1, 0, '2019-06-20', 1, 20190620, 'IGOUNOUNO', "
    "'USA', '190', '19', 4, -10, 'asserted', 'old');";

static void test_migration(void **st)
{
    (void)st;
    const char *db = path("v1.db");
    sql(db, v1);
    store *s;
    dy_err e;
    assert_int_equal(store_open(db, STORE_READ, &s, &e), DY_EINVAL);
    assert_non_null(strstr(e.msg, "schema version 1 is older"));
    assert_int_equal(store_open(db, STORE_WRITE, &s, &e), 0);
    store_filter f = {0};
    f.dyad[0] = "USA";
    f.dyad[1] = "IGOUNO";
    seen r = query(s, &f);
    assert_int_equal(r.n, 1);
    assert_string_equal(r.rows[0],
                        "old/0/2019-06-20/IGOUNOUNO>USA/190/asserted/q4/-10.0/1/Iran shot down a US drone.");
    store_close(s);
    assert_int_equal(store_open(db, STORE_READ, &s, &e), 0); /* migrated for good */
    store_close(s);

    sql(db, "UPDATE meta SET value = '6' WHERE key = 'schema_version'");
    assert_int_equal(store_open(db, STORE_WRITE, &s, &e), DY_EINVAL);
    assert_non_null(strstr(e.msg, "schema version 6 is newer than this dyad supports (5)"));
}

/* The v1 -> v2 migration as dyad 0.1 ran it: a version 2 store. */
static const char v2[] =
    "ALTER TABLE documents ADD COLUMN dict_version TEXT;"
    "ALTER TABLE events ADD COLUMN scountry TEXT;"
    "ALTER TABLE events ADD COLUMN tcountry TEXT;"
    "UPDATE events SET scountry = CASE WHEN length(source) >= 6 AND substr(source, 1, 3) IN "
    "('IGO', 'NGO') THEN substr(source, 1, 6) ELSE substr(source, 1, 3) END, "
    "tcountry = CASE WHEN length(target) >= 6 AND substr(target, 1, 3) IN ('IGO', 'NGO') "
    "THEN substr(target, 1, 6) ELSE substr(target, 1, 3) END;"
    "UPDATE documents SET dict_version = 'old';"
    "CREATE INDEX events_dyad ON events (scountry, tcountry, dkey);"
    "CREATE INDEX events_tdyad ON events (tcountry, dkey);"
    "CREATE VIEW events_dedup AS SELECT min(id) AS id, date, source, target, code, "
    "count(DISTINCT doc_id) AS support, count(*) AS mentions FROM events WHERE "
    "modality = 'asserted' GROUP BY date, source, target, code;"
    "UPDATE meta SET value = '2' WHERE key = 'schema_version';"
    /* A second mention of the event (dedup) and another event. */
    "INSERT INTO documents (doc, hash, date, date_prec, text, dict_version) VALUES ('old2', "
    "'y', '2019-06-20', 1, 'Iran shot down a US drone.', 'old');"
    "INSERT INTO events (doc_id, sent, date, date_prec, dkey, source, target, code, root, quad, "
    "goldstein, modality, dict_version, scountry, tcountry) VALUES (2, 0, '2019-06-20', 1, "
    "20190620, 'IGOUNOUNO', 'USA', '190', '19', 4, -10, 'asserted', 'old', 'IGOUNO', 'USA'), "
    "(2, 0, '2019-06-21', 1, 20190621, 'IGOUNOUNO', 'USA', '042', '04', 1, 1.9, 'asserted', "
    "'old', 'IGOUNO', 'USA');";

static int count_row(void *ud, int n, char **v, char **c)
{
    (void)n;
    (void)v;
    (void)c;
    ++*(int *)ud;
    return 0;
}

static void test_migration_v2(void **st)
{
    (void)st;
    const char *db = path("v2.db");
    sql(db, v1);
    sql(db, v2);
    store *s;
    dy_err e;
    assert_int_equal(store_open(db, STORE_READ, &s, &e), DY_EINVAL);
    assert_non_null(strstr(e.msg, "schema version 2 is older"));
    assert_int_equal(store_open(db, STORE_WRITE, &s, &e), 0);
    store_close(s);
    /* The aggregate index exists and the version is the current one (5). */
    sqlite3 *h;
    assert_int_equal(sqlite3_open(db, &h), SQLITE_OK);
    int n = 0;
    assert_int_equal(sqlite3_exec(h, "SELECT 1 FROM sqlite_master WHERE type = 'index' AND "
                                     "name = 'events_agg' UNION ALL SELECT 1 FROM meta WHERE "
                                     "key = 'schema_version' AND value = '5'",
                                  count_row, &n, NULL),
                     SQLITE_OK);
    sqlite3_close(h);
    assert_int_equal(n, 2);
    /* The old events are aggregated, deduplicated. */
    assert_int_equal(store_open(db, STORE_READ, &s, &e), 0);
    aggs x = {0};
    assert_int_equal(store_aggregate(s, NULL, STORE_WIN_MONTH, STORE_LEVEL_COUNTRY, agg_row, &x,
                                     &e),
                     0);
    assert_int_equal(x.n, 1);
    assert_string_equal(x.rows[0], "2019-06 IGOUNO>USA 2 1/0/0/1 -8.1");
    store_close(s);
}

/* v3 -> v4 on a version 3 store with old country columns: NGM codes get
 * six-letter parts (core/actor_code.h) and the default events are the
 * asserted ones stored before the flag existed. */
static void test_migration_v3(void **st)
{
    (void)st;
    const char *db = path("v3.db");
    sql(db, v1);
    sql(db, v2);
    sql(db, "CREATE INDEX events_agg ON events (dkey, date, source, target, code, quad, "
            "goldstein, date_prec, scountry, tcountry, modality);"
            "UPDATE meta SET value = '3' WHERE key = 'schema_version';"
            "INSERT INTO events (doc_id, sent, date, date_prec, dkey, source, target, code, root, "
            "quad, goldstein, modality, dict_version, scountry, tcountry) VALUES "
            "(2, 0, '2019-06-22', 1, 20190622, 'NGMENVGRP', 'USA', '112', '11', 3, -2, "
            "'asserted', 'old', 'NGM', 'USA'), "
            "(2, 0, '2019-06-23', 1, 20190623, 'USA', 'IRN', '190', '19', 4, -10, 'negated', "
            "'old', 'USA', 'IRN');");
    store *s;
    dy_err e;
    assert_int_equal(store_open(db, STORE_WRITE, &s, &e), 0);
    store_filter f = {0};
    f.actor = "NGMENV";
    assert_int_equal(query(s, &f).n, 1); /* found through the recomputed column */
    f.actor = "IRN";
    assert_int_equal(query(s, &f).n, 0); /* negated: not a default event */
    f.modalities = "negated";
    assert_int_equal(query(s, &f).n, 1);
    store_close(s);
}

/* The filters every command and the API check (store_filter_check). */
static void test_filter_check(void **st)
{
    (void)st;
    dy_err e;
    store_filter f = {0};
    assert_int_equal(store_filter_check(&f, &e), 0);
    f.actor = "RUSGOV";
    f.roots = "04,19";
    f.codes = "042,1031";
    f.modalities = "asserted,negated";
    f.quad = 4;
    txt_date_parse("2019", 4, &f.from);
    txt_date_parse("2019-12", 7, &f.to);
    assert_int_equal(store_filter_check(&f, &e), 0);
    f.modalities = "all";
    assert_int_equal(store_filter_check(&f, &e), 0);
    struct {
        store_filter f;
        const char *msg;
    } bad[] = {
        {{.actor = "rus"}, "actor code 'rus'"},
        {{.dyad = {"RUS", "P-K"}}, "actor code 'P-K'"},
        {{.actor = ""}, "actor code ''"},
        {{.roots = "99"}, "'99' is not a CAMEO root"},
        {{.roots = "04,"}, "'' is not a CAMEO root"},
        {{.roots = "4"}, "'4' is not a CAMEO root"},
        {{.codes = "00"}, "'00' is not a CAMEO code"},
        {{.codes = "0421x"}, "'0421x' is not a CAMEO code"},
        {{.modalities = "fact"}, "'fact' is not a modality"},
        {{.modalities = "asserted,all"}, "'all' is not a modality"},
        {{.quad = 5}, "quad class 5"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        dy_err_clear(&e);
        assert_int_equal(store_filter_check(&bad[i].f, &e), DY_EINVAL);
        if (!strstr(e.msg, bad[i].msg))
            print_error("%zu: '%s' lacks '%s'\n", i, e.msg, bad[i].msg);
        assert_non_null(strstr(e.msg, bad[i].msg));
    }
    store_filter r = {0};
    txt_date_parse("2020", 4, &r.from);
    txt_date_parse("2019", 4, &r.to);
    assert_int_equal(store_filter_check(&r, &e), DY_EINVAL);
    assert_non_null(strstr(e.msg, "from is after to"));
    txt_date_parse("2020-01-01", 10, &r.to); /* one day: not empty */
    assert_int_equal(store_filter_check(&r, &e), 0);
}

static void test_bad_files(void **st)
{
    (void)st;
    store *s;
    dy_err e;
    FILE *f = fopen(path("junk.db"), "w");
    for (int i = 0; i < 100; i++)
        fputs("not a database at all ", f);
    fclose(f);
    assert_int_equal(store_open(path("junk.db"), STORE_WRITE, &s, &e), DY_EIO);
    assert_non_null(strstr(e.msg, "not a dyad store or corrupt"));
    assert_int_equal(store_open(path("missing.db"), STORE_READ, &s, &e), DY_EIO);
    assert_non_null(strstr(e.msg, "no such store"));
    sql(path("other.db"), "CREATE TABLE documents (x)");
    assert_int_equal(store_open(path("other.db"), STORE_WRITE, &s, &e), DY_EINVAL);
    assert_non_null(strstr(e.msg, "not a dyad store"));

    /* A database with tables of its own is not a store: refused unchanged
     * (tables and journal mode) unless STORE_INIT. */
    sql(path("foreign.db"), "CREATE TABLE people (name TEXT); INSERT INTO people VALUES ('x')");
    assert_int_equal(store_open(path("foreign.db"), STORE_WRITE, &s, &e), DY_EINVAL);
    assert_non_null(strstr(e.msg, "not a dyad store: the database has 1 table of its own"));
    assert_non_null(strstr(e.msg, "--init"));
    assert_int_equal(store_open(path("foreign.db"), STORE_READ, &s, &e), DY_EINVAL);
    {
        sqlite3 *h;
        assert_int_equal(sqlite3_open(path("foreign.db"), &h), SQLITE_OK);
        int n = 0;
        assert_int_equal(sqlite3_exec(h, "SELECT name FROM sqlite_master", count_row, &n, NULL),
                         SQLITE_OK);
        assert_int_equal(n, 1);
        char *mode = NULL;
        sqlite3_stmt *q;
        assert_int_equal(sqlite3_prepare_v2(h, "PRAGMA journal_mode", -1, &q, NULL), SQLITE_OK);
        assert_int_equal(sqlite3_step(q), SQLITE_ROW);
        mode = sqlite3_mprintf("%s", sqlite3_column_text(q, 0));
        assert_string_equal(mode, "delete");
        sqlite3_free(mode);
        sqlite3_finalize(q);
        sqlite3_close(h);
    }
    assert_int_equal(store_open(path("foreign.db"), STORE_WRITE | STORE_INIT, &s, &e), 0);
    store_close(s);
    assert_int_equal(store_open(path("foreign.db"), STORE_READ, &s, &e), 0);
    store_close(s);
    /* An empty file is a new store. */
    fclose(fopen(path("empty.db"), "w"));
    assert_int_equal(store_open(path("empty.db"), STORE_WRITE, &s, &e), 0);
    store_close(s);

    /* A corrupt schema version is refused for reading and writing alike,
     * without advising to migrate (which failed: 'meta already exists'). */
    static const char *const corrupt[][2] = {
        {"UPDATE meta SET value = 'abc' WHERE key = 'schema_version'", "is 'abc', not a number"},
        {"UPDATE meta SET value = '' WHERE key = 'schema_version'", "is '', not a number"},
        {"UPDATE meta SET value = '0' WHERE key = 'schema_version'", "is '0', not a number"},
        {"DELETE FROM meta", "is missing, not a number"},
    };
    for (size_t i = 0; i < sizeof corrupt / sizeof corrupt[0]; i++) {
        char name[32];
        snprintf(name, sizeof name, "corrupt%zu.db", i);
        assert_int_equal(store_open(path(name), STORE_WRITE, &s, &e), 0);
        store_close(s);
        sql(path(name), corrupt[i][0]);
        for (int w = 0; w < 2; w++) {
            assert_int_equal(store_open(path(name), w ? STORE_WRITE : STORE_READ, &s, &e),
                             DY_EINVAL);
            if (!strstr(e.msg, corrupt[i][1]) || !strstr(e.msg, "corrupt store") ||
                strstr(e.msg, "open it once for writing"))
                fail_msg("%s: %s", corrupt[i][0], e.msg);
        }
    }

    /* Locked: another connection holds an exclusive lock. */
    const char *db = path("locked.db");
    assert_int_equal(store_open(db, STORE_WRITE, &s, &e), 0);
    store_close(s);
    sqlite3 *h;
    assert_int_equal(sqlite3_open(db, &h), SQLITE_OK);
    assert_int_equal(sqlite3_exec(h, "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; "
                                     "INSERT INTO meta VALUES ('k', 'v');",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    int rc = store_open(db, STORE_WRITE, &s, &e);
    if (rc == 0) {
        rc = store_begin(s, &e);
        store_close(s);
    }
    assert_int_equal(rc, DY_EIO);
    assert_non_null(strstr(e.msg, "locked"));
    sqlite3_exec(h, "ROLLBACK", NULL, NULL, NULL);
    sqlite3_close(h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_put_and_query),
        cmocka_unit_test(test_put_batch),
        cmocka_unit_test(test_aggregate),
        cmocka_unit_test(test_date_range),
        cmocka_unit_test(test_mask_url),
        cmocka_unit_test(test_relative_refs),
        cmocka_unit_test(test_concurrent_create),
        cmocka_unit_test(test_migration),
        cmocka_unit_test(test_migration_v2),
        cmocka_unit_test(test_migration_v3),
        cmocka_unit_test(test_filter_check),
        cmocka_unit_test(test_bad_files),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
