/* check.c - semantic checks of a loaded dictionary set (`dyad dict check`). */
#include "dict/dict_internal.h"
#include "core/alloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct fkey {
    char *key;          /* normalised form, tokens joined by spaces */
    const dict_form *form;
} fkey;

static int cmp_fkey(const void *a, const void *b)
{
    const fkey *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    if (c)
        return c;
    return (x->form > y->form) - (x->form < y->form);
}

static void report(dict_report_fn fn, void *ud, long *n, const dict_set *ds, uint32_t file,
                   long line, const char *fmt, const char *a, const char *b)
{
    dy_err e;
    dy_err_set(&e, DY_EPARSE, ds->files[file], line, -1, fmt, a, b);
    (*n)++;
    if (fn)
        fn(ud, &e);
}

static void check_periods(const dict_set *ds, const dict_entry *e, dict_report_fn fn, void *ud,
                          long *n)
{
    for (uint32_t i = 0; i < e->ncodes; i++) {
        const dict_code *c = &e->codes[i];
        if (c->from && c->to && c->from > c->to)
            report(fn, ud, n, ds, e->file, c->line, "inverted period for code %s%s", c->code, "");
        if (!c->from && !c->to)
            continue;
        for (uint32_t j = i + 1; j < e->ncodes; j++) {
            const dict_code *d = &e->codes[j];
            if (!d->from && !d->to)
                continue;
            int32_t a0 = c->from ? c->from : INT32_MIN, a1 = c->to ? c->to : INT32_MAX;
            int32_t b0 = d->from ? d->from : INT32_MIN, b1 = d->to ? d->to : INT32_MAX;
            if (a0 <= b1 && b0 <= a1 && strcmp(c->code, d->code) != 0) {
                char other[64];
                snprintf(other, sizeof other, " (line %u)", d->line);
                report(fn, ud, n, ds, e->file, c->line,
                       "period of code %s overlaps the period of a different code%s", c->code,
                       other);
            }
        }
    }
}

long dict_check(const dict_set *ds, dict_report_fn fn, void *ud)
{
    long n = 0;
    for (size_t i = 0; i < ds->nnotes; i++) {
        dy_err e;
        dy_err_set(&e, DY_EPARSE, ds->notes[i].file, ds->notes[i].line, -1, "%s",
                   ds->notes[i].msg);
        n++;
        if (fn)
            fn(ud, &e);
    }
    for (size_t i = 0; i < ds->nentries; i++) {
        const dict_entry *e = ds->entries[i];
        check_periods(ds, e, fn, ud, &n);
        if (e->kind == DICT_AGENT && !dict_role_known(e->role))
            report(fn, ud, &n, ds, e->file, e->line, "unknown role code \"%s\"%s", e->role, "");
    }
    /* Forms that normalise alike but lead to different codes. */
    fkey *keys = dy_calloc(ds->nforms ? ds->nforms : 1, sizeof *keys);
    dy_arena *tmp = dy_arena_new();
    if (!keys || !tmp) {
        dy_free(keys);
        dy_arena_free(tmp);
        return n;
    }
    size_t nk = 0;
    for (size_t i = 0; i < ds->nforms; i++) {
        const dict_form *f = &ds->forms[i];
        txt_token *tk;
        size_t nt;
        if (txt_tokenize(f->text, strlen(f->text), tmp, &tk, &nt, NULL) != 0)
            break;
        size_t len = 0, words = 0;
        for (size_t j = 0; j < nt; j++)
            len += tk[j].norm_len + 1;
        char *k = dy_arena_alloc(tmp, len + 1);
        if (!k)
            break;
        char *p = k;
        for (size_t j = 0; j < nt; j++) {
            if (tk[j].flags & TXT_TOK_HYPHEN)
                continue;
            if (p == k && nt > 1 && strcmp(tk[j].norm, "the") == 0 && !(tk[j].flags & TXT_TOK_CAP))
                continue; /* as the matcher: "The" is part of the name */
            if (p != k)
                *p++ = ' ';
            memcpy(p, tk[j].norm, tk[j].norm_len);
            p += tk[j].norm_len;
            words++;
        }
        *p = '\0';
        if (words > 32)
            report(fn, ud, &n, ds, f->entry->file, f->line,
                   "form \"%s\" has more than 32 words%s", f->text, "");
        if (words == 0)
            report(fn, ud, &n, ds, f->entry->file, f->line, "form \"%s\" has no words%s",
                   f->text, "");
        keys[nk].key = k;
        keys[nk].form = f;
        nk++;
    }
    qsort(keys, nk, sizeof *keys, cmp_fkey);
    for (size_t i = 1; i < nk; i++) {
        if (strcmp(keys[i].key, keys[i - 1].key) != 0)
            continue;
        const dict_form *a = keys[i - 1].form, *b = keys[i].form;
        if (a->entry == b->entry || a->entry->kind == DICT_AGENT || b->entry->kind == DICT_AGENT)
            continue;
        char ca[32], cb[32];
        dict_entry_code_at(a->entry, 0, ca);
        dict_entry_code_at(b->entry, 0, cb);
        /* Same text, same case pattern and different codes: the later one
         * can never match. Differently cased forms ("US"/"us") are fine. */
        if (strcmp(ca, cb) != 0 && strcmp(a->text, b->text) == 0) {
            char msg[700];
            snprintf(msg, sizeof msg, "%s (%s) conflicts with %s at %s", b->text, cb, ca,
                     a->entry->ref);
            report(fn, ud, &n, ds, b->entry->file, b->line, "duplicate form: %s%s", msg, "");
        }
    }
    dy_free(keys);
    dy_arena_free(tmp);
    return n;
}
