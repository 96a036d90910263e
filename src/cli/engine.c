/* engine.c - load what coding needs (dictionaries, cues, CAMEO table) once
 * per run, from --dict directories or the data directory. */
#include "cli/engine.h"
#include "core/alloc.h"
#include "core/hash.h"

#include <limits.h>
#include <stdint.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cli_engine_open(cli_ctx *c, const cli_input *in, const code_opts *o, cli_engine *e)
{
    memset(e, 0, sizeof *e);
    dy_err err;
    dy_err_clear(&err);
    char path[PATH_MAX];
    if (!c->data_dir && in->ndicts == 0) {
        cli_errorf("cannot find dyad's data directory; set DYAD_DATA or use --dict DIR");
        return CLI_EXIT_FAIL;
    }
    e->ds = dict_set_new();
    if (!e->ds) {
        cli_errorf("out of memory");
        return CLI_EXIT_FAIL;
    }
    int rc = 0;
    if (in->ndicts == 0) {
        rc = dict_load_dir(e->ds, c->data_dir, &err);
    } else {
        for (size_t i = 0; i < in->ndicts && !rc; i++)
            rc = dict_load_dir(e->ds, in->dicts[i], &err);
    }
    if (!rc)
        rc = dict_compile(e->ds, &err);
    if (!rc && c->data_dir)
        rc = code_cues_load(cli_data_path(c, "coder/cues.txt", path, sizeof path), &e->cues, &err);
    if (!rc && c->data_dir)
        rc = code_cameo_load(cli_data_path(c, "cameo/codes.tsv", path, sizeof path), &e->cam, &err);
    if (!rc && c->data_dir)
        rc = code_plover_load(cli_data_path(c, "plover/cameo_plover.tsv", path, sizeof path),
                              e->cam, &e->plover, &err);
    /* The gazetteer only where events are coded (o given). */
    if (!rc && o && c->data_dir) {
        char places[PATH_MAX];
        rc = code_gazetteer_load(cli_data_path(c, "geo/countries.tsv", path, sizeof path),
                                 cli_data_path(c, "geo/places.tsv", places, sizeof places),
                                 &e->geo, &err);
    }
    /* Names from the dictionaries that code: an event's names and codes
     * come from the same entries. */
    if (!rc && o)
        rc = in->ndicts ? dict_names_load(in->dicts, in->ndicts, &e->names, &err)
                        : dict_names_load(&c->data_dir, 1, &e->names, &err);
    if (!rc && !e->cues)
        rc = dy_err_set(&err, DY_EIO, NULL, 0, -1,
                        "cannot find coder/cues.txt: set DYAD_DATA to dyad's data directory");
    code_opts co = o ? *o : (code_opts){0};
    /* The syntax model only where events are coded (o given). */
    if (!rc && o && c->data_dir && !in->no_syntax) {
        rc = syn_model_load(cli_data_path(c, "syntax/en.model", path, sizeof path), &e->syn, &err);
        co.syntax = e->syn;
    }
    if (!rc)
        rc = code_coder_new(e->ds, e->cues, &co, &e->coder, &err);
    if (rc) {
        cli_print_err(&err);
        cli_engine_close(e);
        return CLI_EXIT_FAIL;
    }
    return 0;
}

/* Where to cut text[off..len) so that the piece holds at most max bytes:
 * after the last paragraph break in its second half, else line break, else
 * sentence end (". "), else space, else at a UTF-8 character boundary. */
static size_t cut_at(const char *text, size_t off, size_t len, size_t max)
{
    if (len - off <= max)
        return len;
    size_t hi = off + max, lo = off + max / 2;
    static const char *const seps[] = {"\n\n", "\n", ". ", " "};
    for (size_t k = 0; k < sizeof seps / sizeof seps[0]; k++) {
        size_t sl = strlen(seps[k]);
        for (size_t i = hi - sl; i > lo; i--)
            if (memcmp(text + i, seps[k], sl) == 0)
                return i + sl;
    }
    size_t i = hi;
    while (i > lo && ((unsigned char)text[i] & 0xC0) == 0x80)
        i--;
    return i;
}

typedef struct merged {
    txt_sentence *s;
    txt_timex *x;
    code_event *e;
    size_t ns, nx, ne, caps, capx, cape;
} merged;

static int grow_to(void **p, size_t *cap, size_t need, size_t sz)
{
    if (need <= *cap)
        return 0;
    size_t c = *cap ? *cap : 64;
    while (c < need)
        c *= 2;
    void *q = dy_reallocarray(*p, c, sz);
    if (!q)
        return -1;
    *p = q;
    *cap = c;
    return 0;
}

static void shift_span(code_span *s, uint32_t off)
{
    if (s->start >= 0) {
        s->start += (int32_t)off;
        s->end += (int32_t)off;
    }
}

static void shift_toks(uint32_t t[2], uint32_t base)
{
    if (t[0] || t[1]) {
        t[0] += base;
        t[1] += base;
    }
}

/* Copy n items of sz bytes from p into a (NULL when n is 0). */
static void *to_arena(dy_arena *a, const void *p, size_t n, size_t sz, int *oom)
{
    if (!n)
        return NULL;
    void *q = dy_arena_alloc(a, n * sz);
    if (!q)
        *oom = 1;
    else
        memcpy(q, p, n * sz);
    return q;
}

/* cli_code_doc without the geolocation of its events. With trees (a
 * document coded in one piece) the syntax trees are kept in *trees
 * (created in a when NULL) or taken from it. */
static int code_doc(const cli_engine *e, const txt_doc *doc, dy_arena *a, txt_analysis *an,
                    code_trees **trees, code_event **ev, size_t *nev, dy_err *err)
{
    if (doc->len <= CLI_CHUNK_BYTES) {
        int rc = txt_analyze(doc, a, an, err);
        if (rc || !ev)
            return rc;
        if (trees && !*trees && !(*trees = code_trees_new(a, an->nsent)))
            return dy_err_set(err, DY_ENOMEM, NULL, 0, -1, "out of memory");
        return code_document_trees(e->coder, an, trees ? *trees : NULL, a, ev, nev, err);
    }
    memset(an, 0, sizeof *an);
    an->doc = doc;
    merged m = {0};
    dy_arena *scratch = dy_arena_new();
    char *piece = dy_malloc(CLI_CHUNK_BYTES + 1);
    int rc = scratch && piece ? 0 : DY_ENOMEM;
    uint32_t ntok = 0;
    for (size_t off = 0; !rc && off < doc->len;) {
        size_t end = cut_at(doc->text, off, doc->len, CLI_CHUNK_BYTES);
        /* a NUL-terminated copy: the text stage reads text[len] */
        memcpy(piece, doc->text + off, end - off);
        piece[end - off] = '\0';
        txt_doc sub = *doc;
        sub.text = piece;
        sub.len = end - off;
        txt_analysis pa;
        code_event *pe = NULL;
        size_t pn = 0;
        dy_arena_reset(scratch);
        rc = txt_analyze(&sub, scratch, &pa, err);
        if (!rc && ev)
            rc = code_document(e->coder, &pa, scratch, &pe, &pn, err);
        if (!rc && (grow_to((void **)&m.s, &m.caps, m.ns + pa.nsent, sizeof *m.s) ||
                    grow_to((void **)&m.x, &m.capx, m.nx + pa.ntimex, sizeof *m.x) ||
                    grow_to((void **)&m.e, &m.cape, m.ne + pn, sizeof *m.e)))
            rc = DY_ENOMEM;
        if (rc)
            break;
        uint32_t o = (uint32_t)off, sb = (uint32_t)m.ns, xb = (uint32_t)m.nx;
        for (size_t i = 0; i < pa.nsent; i++) {
            txt_sentence t = pa.sents[i];
            t.start += o;
            t.end += o;
            t.tok_begin += ntok;
            t.tok_end += ntok;
            t.timex_begin += xb;
            t.timex_end += xb;
            m.s[m.ns++] = t;
        }
        for (size_t i = 0; i < pa.ntimex; i++) {
            txt_timex t = pa.timex[i];
            t.start += o;
            t.end += o;
            t.sent += sb;
            if (t.list >= 0)
                t.list += (int32_t)xb;
            m.x[m.nx++] = t;
        }
        for (size_t i = 0; !rc && i < pn; i++) {
            code_event t = pe[i];
            t.sent += sb;
            shift_span(&t.src, o);
            shift_span(&t.verb, o);
            shift_span(&t.tgt, o);
            shift_span(&t.why.cue, o);
            shift_toks(t.why.src_tok, ntok);
            shift_toks(t.why.verb_tok, ntok);
            shift_toks(t.why.tgt_tok, ntok);
            if (t.why.timex >= 0)
                t.why.timex += (int32_t)xb;
            /* the cue's words live in the scratch arena */
            if (t.why.modality_cue &&
                !(t.why.modality_cue = dy_arena_strndup(a, t.why.modality_cue,
                                                        strlen(t.why.modality_cue))))
                rc = DY_ENOMEM;
            m.e[m.ne++] = t;
        }
        ntok += (uint32_t)pa.ntok;
        off = end;
    }
    int oom = rc == DY_ENOMEM;
    if (!rc) {
        an->sents = to_arena(a, m.s, m.ns, sizeof *m.s, &oom);
        an->nsent = m.ns;
        an->timex = to_arena(a, m.x, m.nx, sizeof *m.x, &oom);
        an->ntimex = m.nx;
        if (ev) {
            *ev = to_arena(a, m.e, m.ne, sizeof *m.e, &oom);
            *nev = m.ne;
        }
    }
    dy_free(m.s);
    dy_free(m.x);
    dy_free(m.e);
    dy_free(piece);
    dy_arena_free(scratch);
    if (oom)
        return dy_err_set(err, DY_ENOMEM, NULL, 0, -1, "out of memory");
    return rc;
}

/* Contract: see engine.h. Events are placed (code_geo_locate) once the
 * whole document is coded, so a dateline reaches every piece. */
/* cli_code_doc with the trees of code_doc. */
static int code_doc_placed(const cli_engine *e, const txt_doc *doc, dy_arena *a,
                           txt_analysis *an, code_trees **trees, code_event **ev, size_t *nev,
                           dy_err *err)
{
    int rc = code_doc(e, doc, a, an, trees, ev, nev, err);
    if (!rc && ev && e->geo)
        code_geo_locate(e->geo, doc, an, *ev, *nev);
    return rc;
}

int cli_code_doc(const cli_engine *e, const txt_doc *doc, dy_arena *a, txt_analysis *an,
                 code_event **ev, size_t *nev, dy_err *err)
{
    return code_doc_placed(e, doc, a, an, NULL, ev, nev, err);
}

/* Contract: see engine.h. */
int cli_engine_split(cli_engine *e)
{
    code_opts co = {.all_modalities = 1, .syntax = e->syn};
    dy_err err;
    dy_err_clear(&err);
    if (code_coder_new(e->ds, e->cues, &co, &e->coder_all, &err) != 0) {
        cli_print_err(&err);
        return CLI_EXIT_FAIL;
    }
    return 0;
}

/* Is x among v[0..n) (the same reading: sentence, spans, codes, date)? */
static int same_event(const code_event *v, size_t n, const code_event *x)
{
    for (size_t i = 0; i < n; i++)
        if (v[i].sent == x->sent && v[i].verb.start == x->verb.start &&
            v[i].modality == x->modality && strcmp(v[i].code, x->code) == 0 &&
            strcmp(v[i].source, x->source) == 0 && strcmp(v[i].target, x->target) == 0 &&
            txt_date_cmp(&v[i].date, &x->date) == 0)
            return 1;
    return 0;
}

/* Contract: see engine.h. The two codings are separate runs because the
 * coder's choices depend on what it keeps: a negated reading kept with
 * every modality can displace the asserted one that `dyad code` writes. */
int cli_code_doc_split(const cli_engine *e, const txt_doc *doc, dy_arena *a, txt_analysis *an,
                       code_event **ev, size_t *nev, size_t *ndflt, dy_err *err)
{
    /* The second coding reads the same analysis: it reuses the first's
     * trees instead of tagging and parsing again. */
    code_trees *trees = NULL;
    int rc = code_doc_placed(e, doc, a, an, e->coder_all ? &trees : NULL, ev, nev, err);
    *ndflt = rc ? 0 : *nev;
    if (rc || !e->coder_all)
        return rc;
    cli_engine all = *e;
    all.coder = e->coder_all;
    txt_analysis an2;
    code_event *ev2 = NULL;
    size_t n2 = 0;
    if ((rc = code_doc_placed(&all, doc, a, &an2, &trees, &ev2, &n2, err)))
        return rc;
    code_event *v = n2 ? dy_arena_alloc(a, (*nev + n2) * sizeof *v) : *ev;
    if (n2 && !v)
        return dy_err_set(err, DY_ENOMEM, NULL, 0, -1, "out of memory");
    if (n2 && *nev)
        memcpy(v, *ev, *nev * sizeof *v);
    size_t n = *nev;
    for (size_t i = 0; i < n2; i++)
        if (!same_event(v, *ndflt, &ev2[i]))
            v[n++] = ev2[i];
    *ev = v;
    *nev = n;
    return 0;
}

void cli_engine_close(cli_engine *e)
{
    code_coder_free(e->coder_all);
    code_plover_free(e->plover);
    code_gazetteer_free(e->geo);
    code_coder_free(e->coder);
    syn_model_free(e->syn);
    code_cameo_free(e->cam);
    code_cues_free(e->cues);
    dict_names_free(e->names);
    dict_set_free(e->ds);
    memset(e, 0, sizeof *e);
}

static uint64_t fnv_bytes(uint64_t h, const char *s, size_t n) { return dy_fnv1a_more(h, s, n); }

/* Hash the files under dir (recursively, sorted) into *h. */
static int hash_tree(const char *dir, uint64_t *h, dy_err *err)
{
    struct stat st;
    if (stat(dir, &st) != 0)
        return 0; /* an absent part of a set (no verbs/) changes nothing */
    const char *p[1] = {dir};
    char **files = NULL;
    size_t n = 0;
    int rc = txt_expand_paths(p, 1, &files, &n, err);
    size_t dl = strlen(dir);
    char buf[65536];
    for (size_t i = 0; !rc && i < n; i++) {
        const char *rel = strncmp(files[i], dir, dl) == 0 ? files[i] + dl : files[i];
        *h = fnv_bytes(*h, rel, strlen(rel) + 1);
        FILE *f = fopen(files[i], "rb");
        if (!f) {
            rc = dy_err_set(err, DY_EIO, files[i], 0, -1, "cannot read");
            break;
        }
        size_t k;
        while ((k = fread(buf, 1, sizeof buf, f)) > 0)
            *h = fnv_bytes(*h, buf, k);
        fclose(f);
    }
    txt_paths_free(files, n);
    return rc;
}

int cli_dict_version(cli_ctx *c, const cli_input *in, char out[17])
{
    uint64_t h = DY_FNV_OFFSET;
    dy_err err;
    dy_err_clear(&err);
    char path[PATH_MAX];
    int rc = 0;
    if (in->ndicts == 0 && c->data_dir) {
        rc = hash_tree(cli_data_path(c, "actors", path, sizeof path), &h, &err);
        if (!rc)
            rc = hash_tree(cli_data_path(c, "verbs", path, sizeof path), &h, &err);
    }
    for (size_t i = 0; !rc && i < in->ndicts; i++)
        rc = hash_tree(in->dicts[i], &h, &err);
    if (!rc && c->data_dir)
        rc = hash_tree(cli_data_path(c, "coder/cues.txt", path, sizeof path), &h, &err);
    if (!rc && c->data_dir)
        rc = hash_tree(cli_data_path(c, "cameo/codes.tsv", path, sizeof path), &h, &err);
    if (rc) {
        cli_print_err(&err);
        return CLI_EXIT_FAIL;
    }
    snprintf(out, 17, "%016llx", (unsigned long long)h);
    return 0;
}
