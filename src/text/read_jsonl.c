/* read_jsonl.c - one JSON-lines record to a document.
 *
 * A record is {"id", "text", "date"?, "title"?, "url"?, "source"?}; other
 * keys are ignored so that corpora with extra metadata load as they are.
 * A record that cannot be used is skipped with a message naming the file,
 * the line and what was expected, and reading goes on with the next line.
 * Records are read with the one-pass reader of json.c: reading is on the hot
 * path of every corpus, and a tree per line is not needed.
 */
#include "text/read_internal.h"
#include "text/json.h"

#include <stdio.h>
#include <string.h>

#include "core/alloc.h"

/* Name of a JSON value's type, for "expected X, got Y" messages. */
static const char *jtype_name(const txt_jfield *f)
{
    int t = f->type;
    if (t == TXT_J_NUMBER)
        return memchr(f->val, '.', f->vallen) || memchr(f->val, 'e', f->vallen) ||
                       memchr(f->val, 'E', f->vallen)
                   ? "a number"
                   : "an integer";
    switch (t) {
    case TXT_J_OBJECT: return "an object";
    case TXT_J_ARRAY: return "an array";
    case TXT_J_STRING: return "a string";
    case TXT_J_NUMBER: return "a number";
    case TXT_J_TRUE:
    case TXT_J_FALSE: return "a boolean";
    case TXT_J_NULL: return "null";
    default: return "nothing";
    }
}

/* The fields a record may use; each the last of its name (JSON objects may
 * repeat keys; the last wins, as in most readers), or NULL. */
typedef struct rec_fields {
    const txt_jfield *text, *id, *date, *title, *url, *source;
} rec_fields;

/* Find the known fields in one pass over f[0..n), by length first: this
 * runs once per record. Raw keys are compared, so keys with escapes never
 * match (as txt_json_key_is). */
static void pick_fields(const txt_jfield *f, size_t n, rec_fields *r)
{
    memset(r, 0, sizeof *r);
    for (size_t i = 0; i < n; i++) {
        const char *k = f[i].key;
        switch (f[i].keylen) {
        case 2:
            if (memcmp(k, "id", 2) == 0)
                r->id = &f[i];
            break;
        case 3:
            if (memcmp(k, "url", 3) == 0)
                r->url = &f[i];
            break;
        case 4:
            if (memcmp(k, "text", 4) == 0)
                r->text = &f[i];
            else if (memcmp(k, "date", 4) == 0)
                r->date = &f[i];
            break;
        case 5:
            if (memcmp(k, "title", 5) == 0)
                r->title = &f[i];
            break;
        case 6:
            if (memcmp(k, "source", 6) == 0)
                r->source = &f[i];
            break;
        default:
            break;
        }
    }
}

/* Decoded copy of a string field (caller-owned, dy_free), or NULL when out
 * of memory. */
static char *decode(const txt_jfield *f, size_t *len, int *had_nul)
{
    char *s = dy_malloc(f->vallen + 1);
    if (!s)
        return NULL;
    if (f->escaped) {
        *len = txt_json_unescape(f->val, f->vallen, s, had_nul);
    } else {
        memcpy(s, f->val, f->vallen);
        s[f->vallen] = '\0';
        *len = f->vallen;
    }
    return s;
}

/* Clean the decoded string raw[0..n) (taking ownership of it) into *out,
 * *outn: the same text as txt_clean_ex gives, but raw itself is kept when
 * it needs no cleaning, as almost every string does, instead of being
 * copied. Returns 0 or DY_ENOMEM (raw is released either way). */
static int own_clean(char *raw, size_t n, txt_clean_ctx *c, char **out, size_t *outn)
{
    if (!txt_clean_needed(raw, n, c->scrub_only)) {
        c->nbad = 0;
        *out = raw;
        *outn = n;
        return 0;
    }
    int rc = txt_clean_ex(raw, n, c, out, outn);
    dy_free(raw);
    return rc;
}

/* Optional string field v: a cleaned copy in *out, or NULL when absent,
 * null, empty or not a string. Returns 0 or DY_ENOMEM. */
static int opt_string(const txt_jfield *v, char **out)
{
    *out = NULL;
    if (!v || v->type != TXT_J_STRING || v->vallen == 0)
        return 0;
    size_t len;
    int nul = 0;
    char *raw = decode(v, &len, &nul);
    if (!raw)
        return DY_ENOMEM;
    txt_clean_ctx c = {0};
    return own_clean(raw, len, &c, out, &len);
}

/* See read_internal.h. \u0000 escapes are accepted and become U+FFFD with a
 * warning, like raw NUL bytes in other formats, rather than costing the
 * whole record. */
int txt_jsonl_parse_line(const char *line, size_t n, const char *path,
                         long lineno, long long off, const txt_read_opts *o,
                         txt_doc **out, dy_err *err)
{
    *out = NULL;
    txt_jfield f[64];
    size_t nf, epos;
    int type;
    const char *emsg;
    if (txt_json_parse(line, n, &type, f, sizeof f / sizeof *f, &nf, &epos, &emsg))
        return dy_err_set(err, DY_ESKIP, path, lineno, (long)(off + (long long)epos),
                          "invalid JSON: %s (column %zu): record skipped", emsg, epos + 1);
    if (type != TXT_J_OBJECT)
        return dy_err_set(err, DY_ESKIP, path, lineno, (long)off,
                          "expected a JSON object {\"id\", \"text\", ...}, got %s: "
                          "record skipped",
                          type == TXT_J_ARRAY ? "an array" : type == TXT_J_STRING ? "a string"
                          : type == TXT_J_NUMBER ? "a number" : type == TXT_J_NULL ? "null"
                          : "a boolean");
    rec_fields rf;
    pick_fields(f, nf, &rf);
    const txt_jfield *text = rf.text;
    if (!text)
        return dy_err_set(err, DY_ESKIP, path, lineno, (long)off,
                          "missing \"text\" (expected a string): record skipped");
    if (text->type != TXT_J_STRING)
        return dy_err_set(err, DY_ESKIP, path, lineno, (long)off,
                          "\"text\" must be a string, got %s: record skipped",
                          jtype_name(text));
    if (text->vallen > o->max_doc_bytes)
        return dy_err_set(err, DY_ESKIP, path, lineno, (long)off,
                          "\"text\" of %zu bytes is larger than the limit of %zu bytes "
                          "(max_doc_bytes): record skipped",
                          text->vallen, o->max_doc_bytes);

    char idbuf[64];
    char *idstr = NULL;
    size_t idlen = 0;
    const txt_jfield *jid = rf.id;
    if (jid && jid->type == TXT_J_STRING) {
        int nul = 0;
        idstr = decode(jid, &idlen, &nul);
        if (!idstr)
            return dy_err_set(err, DY_ENOMEM, path, lineno, (long)off, "out of memory");
    } else if (jid && jid->type == TXT_J_NUMBER) {
        idlen = jid->vallen < sizeof idbuf - 1 ? jid->vallen : sizeof idbuf - 1;
        memcpy(idbuf, jid->val, idlen);
        idbuf[idlen] = '\0';
        idstr = dy_strdup(idbuf);
        if (!idstr)
            return dy_err_set(err, DY_ENOMEM, path, lineno, (long)off, "out of memory");
    } else if (jid && jid->type != TXT_J_NULL) {
        return dy_err_set(err, DY_ESKIP, path, lineno, (long)off,
                          "\"id\" must be a string or a number, got %s: record skipped",
                          jtype_name(jid));
    }

    int rc;
    txt_doc *d = NULL;
    char *raw = NULL;
    txt_date date = o->default_date;
    const txt_jfield *jd = rf.date;
    if (jd && jd->type == TXT_J_STRING && jd->vallen > 0) {
        const char *ds = jd->val;
        size_t dn = jd->vallen;
        /* Surrounding blanks are common in scraped metadata and harmless. */
        while (dn && (*ds == ' ' || *ds == '\t'))
            ds++, dn--;
        while (dn && (ds[dn - 1] == ' ' || ds[dn - 1] == '\t'))
            dn--;
        if (jd->escaped || txt_date_parse(ds, dn, &date)) {
            rc = dy_err_set(err, DY_ESKIP, path, lineno, (long)off,
                            "bad date \"%.*s\": expected YYYY-MM-DD or ISO 8601: "
                            "record skipped",
                            (int)(jd->vallen < 64 ? jd->vallen : 64), jd->val);
            goto done;
        }
    } else if (jd && jd->type != TXT_J_NULL && jd->type != TXT_J_STRING) {
        rc = dy_err_set(err, DY_ESKIP, path, lineno, (long)off,
                        "bad date: expected a string YYYY-MM-DD or ISO 8601, got %s: "
                        "record skipped",
                        jtype_name(jd));
        goto done;
    }

    if (idlen) {
        char *cid;
        size_t cn;
        txt_clean_ctx ic = {0};
        int crc = own_clean(idstr, idlen, &ic, &cid, &cn);
        idstr = NULL;
        if (crc) {
            rc = dy_err_set(err, DY_ENOMEM, path, lineno, (long)off, "out of memory");
            goto done;
        }
        d = txt_doc_new(cid, path);
        dy_free(cid);
    } else {
        /* No usable id: the record's position identifies it. */
        snprintf(idbuf, sizeof idbuf, ":%ld", lineno);
        size_t pl = strlen(path);
        char *gen = dy_malloc(pl + strlen(idbuf) + 1);
        if (gen) {
            memcpy(gen, path, pl);
            strcpy(gen + pl, idbuf);
            d = txt_doc_new(gen, path);
            dy_free(gen);
        }
    }
    if (!d) {
        rc = dy_err_set(err, DY_ENOMEM, path, lineno, (long)off, "out of memory");
        goto done;
    }
    d->line = lineno;
    d->date = date;

    size_t tlen;
    int had_nul = 0;
    raw = decode(text, &tlen, &had_nul);
    if (!raw) {
        rc = dy_err_set(err, DY_ENOMEM, path, lineno, (long)off, "out of memory");
        goto done;
    }
    txt_clean_ctx c = {0};
    c.name = path;
    c.line = lineno;
    c.base = 0;
    c.field = "text";
    c.warn = o->warn;
    c.ud = o->warn_ud;
    int trc = own_clean(raw, tlen, &c, &d->text, &d->len);
    raw = NULL;
    if (trc || opt_string(rf.title, &d->title) || opt_string(rf.url, &d->url) ||
        opt_string(rf.source, &d->source)) {
        rc = dy_err_set(err, DY_ENOMEM, path, lineno, (long)off, "out of memory");
        goto done;
    }
    *out = d;
    d = NULL;
    rc = 1;
done:
    dy_free(raw);
    dy_free(idstr);
    txt_doc_free(d);
    return rc;
}
