/* import_petrarch.c - PETRARCH2/Phoenix dictionaries: actors and agents
 * (import_actors.c) and the verb dictionary (CAMEO.2.0.txt), converted to
 * dyad's format. docs/import.md describes the mapping. */
#include "dict/import_internal.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "core/vec.h"

typedef struct pverb {
    uint32_t id;
    long line;
    char lemma[64];
    char particle[128];
    char code[8];
    size_t forms_off, forms_len;   /* into block.text */
} pverb;

typedef struct ppat {
    uint32_t id;
    long line;
    char code[8];
    size_t off, len;               /* into block.text */
} ppat;

typedef struct block {
    char code[8];                  /* block default code, "" when none */
    pverb *v;
    size_t nv, capv;
    ppat *p;
    size_t np, capp;
    imp_buf text;
} block;

/* Strip a '#' comment; returns the new length. */
static size_t uncomment(char *s, size_t n)
{
    char *h = memchr(s, '#', n);
    if (h)
        n = (size_t)(h - s);
    s[n] = '\0';
    return n;
}

/* Write the block's verbs, each with every pattern of the block (PETRARCH2
 * applies a block's patterns to all its verbs), then empty the block. */
static void flush_block(imp_ctx *c, block *b)
{
    if (b->nv == 0)
        for (size_t k = 0; k < b->np; k++)
            imp_fail(c, b->p[k].id, b->p[k].line, "pattern in a block without verbs");
    const char *tx = b->text.s ? b->text.s : "";
    for (size_t i = 0; i < b->nv; i++) {
        pverb *v = &b->v[i];
        if (c->ent[v->id].failed)
            continue;
        imp_buf h = {0};
        imp_buf forms = {0};
        imp_buf_add(&forms, tx + v->forms_off, v->forms_len);
        uint32_t npat = 0;
        imp_verb_head(&h, c, v->line, v->lemma, v->particle, forms.s,
                      v->code[0] ? v->code : b->code, &npat);
        imp_emit(c, v->id, 0, npat, &h);
        imp_buf_free(&h);
        imp_buf_free(&forms);
        for (size_t k = 0; k < b->np; k++) {
            ppat *p = &b->p[k];
            if (c->ent[p->id].failed)
                continue;
            imp_buf x = {0};
            imp_buf_addf(&x, "  %s ", p->code);
            size_t base = x.n;
            imp_buf el = {0};
            const char *why =
                imp_pattern(c, IMP_SYN_PETRARCH, tx + p->off, p->len, v->particle, &el);
            if (why) {
                imp_fail(c, p->id, p->line, "%s: \"%.*s\"", why, (int)p->len, tx + p->off);
            } else {
                imp_buf_add(&x, el.s, el.n);
                (void)base;
                imp_emit(c, p->id, v->id, 1, &x);
            }
            imp_buf_free(&el);
            imp_buf_free(&x);
        }
    }
    b->nv = b->np = 0;
    b->text.n = 0;
    b->code[0] = '\0';
}

/* A verb line of a block: "[+]WORD[_WORD] [{FORMS}] [[CODE]]". */
static void verb_line(imp_ctx *c, block *b, const char *t, size_t n)
{
    uint32_t id = imp_entry_new(c, c->lineno);
    if (!id)
        return;
    if (dy_vec_grow(&b->v, &b->capv, b->nv, sizeof *b->v)) {
        c->oom = 1;
        return;
    }
    pverb v = {.id = id, .line = c->lineno};
    const char *cu = memchr(t, '{', n);
    const char *br = memchr(t, '[', n);
    size_t pn = n;
    if (cu)
        pn = (size_t)(cu - t);
    if (br && (size_t)(br - t) < pn)
        pn = (size_t)(br - t);
    if (imp_verb_phrase(t, pn, v.lemma, sizeof v.lemma, v.particle, sizeof v.particle)) {
        imp_fail(c, id, c->lineno, "verb is not a plain word or phrase: \"%.*s\"", (int)pn, t);
        return;
    }
    if (br) {
        const char *e = memchr(br, ']', n - (size_t)(br - t));
        if (!e || imp_event_code(br + 1, (size_t)(e - br - 1), v.code)) {
            imp_fail(c, id, c->lineno, "bad verb code: \"%.*s\"", (int)(n - (size_t)(br - t)), br);
            return;
        }
    }
    v.forms_off = b->text.n;
    if (cu && (!br || cu < br)) {
        const char *e = memchr(cu, '}', n - (size_t)(cu - t));
        if (!e) {
            imp_fail(c, id, c->lineno, "missing '}' after verb forms");
            return;
        }
        const char *p = cu + 1;
        int k = 0;
        while (p < e) {
            while (p < e && (isspace((unsigned char)*p) || *p == '+'))
                p++;
            const char *q = p;
            while (q < e && !isspace((unsigned char)*q) && *q != '_')
                q++;
            if (q > p) {
                char w[64];
                size_t l = (size_t)(q - p);
                int ok = l < sizeof w;
                for (size_t j = 0; ok && j < l; j++) {
                    unsigned char ch = (unsigned char)p[j];
                    ok = isalpha(ch) || ch == '\'' || ch == '-';
                    w[j] = (char)tolower(ch);
                }
                if (ok) {
                    w[l] = '\0';
                    if (strcmp(w, v.lemma) != 0) {
                        if (k++)
                            imp_buf_adds(&b->text, " | ");
                        imp_buf_adds(&b->text, w);
                    }
                }
            }
            while (q < e && !isspace((unsigned char)*q))
                q++;
            p = q;
        }
    }
    v.forms_len = b->text.n - v.forms_off;
    b->v[b->nv++] = v;
}

/* A pattern line "- PATTERN [CODE]". */
static void pattern_line(imp_ctx *c, block *b, const char *t, size_t n)
{
    uint32_t id = imp_entry_new(c, c->lineno);
    if (!id)
        return;
    const char *br = NULL;
    for (size_t i = n; i-- > 0;)
        if (t[i] == '[') {
            br = t + i;
            break;
        }
    char code[8];
    const char *e = br ? memchr(br, ']', n - (size_t)(br - t)) : NULL;
    if (!br || !e) {
        imp_fail(c, id, c->lineno, "pattern without [CODE]");
        return;
    }
    if (br[1] == ':') {
        imp_fail(c, id, c->lineno,
                 "passive-only code [%.*s]: dyad's patterns are written in the active voice",
                 (int)(e - br - 1), br + 1);
        return;
    }
    if (imp_event_code(br + 1, (size_t)(e - br - 1), code)) {
        imp_fail(c, id, c->lineno, "bad event code [%.*s]", (int)(e - br - 1), br + 1);
        return;
    }
    if (dy_vec_grow(&b->p, &b->capp, b->np, sizeof *b->p)) {
        c->oom = 1;
        return;
    }
    ppat p = {.id = id, .line = c->lineno, .off = b->text.n};
    memcpy(p.code, code, sizeof code);
    imp_buf_add(&b->text, t + 1, (size_t)(br - t) - 1);
    p.len = b->text.n - p.off;
    b->p[b->np++] = p;
}

/* Emit a finished synset as a word class. */
static void finish_synset(imp_ctx *c, uint32_t id, const char *name, imp_buf *members, int nm)
{
    if (!id)
        return;
    if (nm == 0) {
        imp_fail(c, id, c->ent[id].line, "synset %s has no usable member", name);
    } else if (imp_class_add(c, name)) {
        c->oom = 1;
    } else {
        imp_buf b = {0};
        imp_class_line(&b, name, members);
        imp_emit(c, id, 0, 0, &b);
        imp_buf_free(&b);
    }
    members->n = 0;
}

/* CAMEO.2.0.txt and files like it. */
static int petrarch_verbs(imp_ctx *c)
{
    block b = {0};
    imp_buf members = {0};
    char sname[64] = "";
    uint32_t sid = 0;
    int nm = 0, inblock = 0;
    imp_buf hdr = {0};
    imp_buf_addf(&hdr, "# Verbs converted by `dyad dict import petrarch` from %s.\n"
                       "# Third-party data: see the source's license before sharing.\n\n",
                 c->path);
    imp_emit(c, 0, 0, 0, &hdr);
    imp_buf_free(&hdr);
    while (!c->oom && imp_next_line(c)) {
        char *s = c->line.s;
        size_t n = uncomment(s, c->line.n);
        const char *t = imp_trim(s, &n);
        if (n == 0)
            continue;
        if (sid && t[0] != '+') {
            finish_synset(c, sid, sname, &members, nm);
            sid = 0;
        }
        if (t[0] == '&') {
            imp_class_name(t + 1, n - 1, sname, sizeof sname);
            sid = imp_entry_new(c, c->lineno);
            nm = 0;
            if (!sname[0]) {
                imp_fail(c, sid, c->lineno, "synset without a name");
                sid = 0;
            }
            continue;
        }
        if (sid) {
            imp_buf w = {0};
            if (imp_member(t + 1, n - 1, &w) == 0) {
                imp_buf_add(&members, w.s, w.n);
                imp_buf_addc(&members, '\n');
                nm++;
            } else {
                imp_fail_line(c, c->lineno, "synset member with pattern syntax: \"%.*s\"", (int)n,
                              t);
            }
            imp_buf_free(&w);
            continue;
        }
        if (n >= 3 && memcmp(t, "---", 3) == 0 && memchr(t, '[', n)) {
            flush_block(c, &b);
            inblock = 1;
            const char *br = memchr(t, '[', n);
            const char *e = memchr(br, ']', n - (size_t)(br - t));
            char code[8];
            if (e && imp_event_code(br + 1, (size_t)(e - br - 1), code) == 0)
                memcpy(b.code, code, sizeof code);
            continue;
        }
        if (t[0] == '~') {
            imp_fail_line(c, c->lineno, "transformation rules have no equivalent in dyad");
            continue;
        }
        if (!inblock) {
            imp_fail_line(c, c->lineno, "unexpected line before the first verb block");
            continue;
        }
        if (t[0] == '-' && n > 1 && isspace((unsigned char)t[1]))
            pattern_line(c, &b, t, n);
        else if (t[0] == '-')
            imp_fail_line(c, c->lineno, "malformed pattern line (expected \"- PATTERN [CODE]\")");
        else
            verb_line(c, &b, t, n);
    }
    if (sid)
        finish_synset(c, sid, sname, &members, nm);
    flush_block(c, &b);
    dy_free(b.v);
    dy_free(b.p);
    imp_buf_free(&b.text);
    imp_buf_free(&members);
    if (c->oom || b.text.oom)
        return dy_err_set(c->err, DY_ENOMEM, c->path, c->lineno, -1, "out of memory");
    return 0;
}

/* See import_internal.h. */
int dict_import_petrarch(const char *path, const char *outdir, dict_report_fn report, void *ud,
                         dict_import_stats *st, dy_err *err)
{
    imp_ctx c;
    int rc = imp_open(&c, "petrarch", path, report, ud, err);
    if (rc)
        return rc;
    int kind = imp_detect(&c);
    if (kind == IMP_KIND_VERBS)
        rc = petrarch_verbs(&c);
    else if (kind == IMP_KIND_AGENTS)
        rc = imp_convert_agents(&c, 0);
    else
        rc = imp_convert_actors(&c, 0);
    if (!rc)
        rc = imp_finish(&c, kind == IMP_KIND_VERBS ? IMP_OUT_VERBS : IMP_OUT_ACTORS, outdir, st);
    imp_close(&c);
    return rc;
}
