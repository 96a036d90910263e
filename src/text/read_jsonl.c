/* read_jsonl.c - one JSON-lines record to a document.
 *
 * A record is {"id", "text", "date"?, "title"?, "url"?, "source"?}; other
 * keys are ignored so that corpora with extra metadata load as they are.
 * A record that cannot be used is skipped with a message naming the file,
 * the line and what was expected, and reading goes on with the next line.
 */
#include "text/read_internal.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"

/* Name of a JSON value's type, for "expected X, got Y" messages. */
static const char *json_type_name(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT: return "an object";
    case JSON_ARRAY: return "an array";
    case JSON_STRING: return "a string";
    case JSON_INTEGER: return "an integer";
    case JSON_REAL: return "a number";
    case JSON_TRUE:
    case JSON_FALSE: return "a boolean";
    case JSON_NULL: return "null";
    }
    return "an unknown value";
}

/* Optional string field: a cleaned copy in *out, or NULL when absent, null,
 * empty or not a string (metadata is best effort, never a reason to lose
 * the text). Returns 0 or DY_ENOMEM. */
static int opt_string(json_t *obj, const char *key, char **out)
{
    *out = NULL;
    json_t *v = json_object_get(obj, key);
    if (!json_is_string(v) || json_string_length(v) == 0)
        return 0;
    *out = txt_clean_str(json_string_value(v), json_string_length(v));
    return *out ? 0 : DY_ENOMEM;
}

/* See read_internal.h. \u0000 escapes are accepted (JSON_ALLOW_NUL) and then
 * become U+FFFD with a warning, like raw NUL bytes in other formats, rather
 * than costing the whole record. */
int txt_jsonl_parse_line(const char *line, size_t n, const char *path,
                         long lineno, long long off, const txt_read_opts *o,
                         txt_doc **out, dy_err *err)
{
    *out = NULL;
    json_error_t je;
    json_t *root = json_loadb(line, n, JSON_ALLOW_NUL, &je);
    if (!root)
        return dy_err_set(err, DY_ESKIP, path, lineno, (long)(off + je.position),
                          "invalid JSON: %s (column %d): record skipped", je.text,
                          je.column);
    int rc;
    txt_doc *d = NULL;
    char idbuf[64];
    const char *id = NULL;
    size_t idlen = 0;
    if (!json_is_object(root)) {
        rc = dy_err_set(err, DY_ESKIP, path, lineno, (long)off,
                        "expected a JSON object {\"id\", \"text\", ...}, got %s: "
                        "record skipped",
                        json_type_name(root));
        goto done;
    }
    json_t *text = json_object_get(root, "text");
    if (!text) {
        rc = dy_err_set(err, DY_ESKIP, path, lineno, (long)off,
                        "missing \"text\" (expected a string): record skipped");
        goto done;
    }
    if (!json_is_string(text)) {
        rc = dy_err_set(err, DY_ESKIP, path, lineno, (long)off,
                        "\"text\" must be a string, got %s: record skipped",
                        json_type_name(text));
        goto done;
    }
    if (json_string_length(text) > o->max_doc_bytes) {
        rc = dy_err_set(err, DY_ESKIP, path, lineno, (long)off,
                        "\"text\" of %zu bytes is larger than the limit of %zu bytes "
                        "(max_doc_bytes): record skipped",
                        json_string_length(text), o->max_doc_bytes);
        goto done;
    }

    json_t *jid = json_object_get(root, "id");
    if (json_is_string(jid)) {
        id = json_string_value(jid);
        idlen = json_string_length(jid);
    } else if (json_is_integer(jid)) {
        idlen = (size_t)snprintf(idbuf, sizeof idbuf, "%" JSON_INTEGER_FORMAT,
                                 json_integer_value(jid));
        id = idbuf;
    } else if (json_is_real(jid)) {
        idlen = (size_t)snprintf(idbuf, sizeof idbuf, "%.17g", json_real_value(jid));
        id = idbuf;
    } else if (jid && !json_is_null(jid)) {
        rc = dy_err_set(err, DY_ESKIP, path, lineno, (long)off,
                        "\"id\" must be a string or a number, got %s: record skipped",
                        json_type_name(jid));
        goto done;
    }
    if (idlen == 0) {
        /* No usable id: the record's position identifies it. */
        snprintf(idbuf, sizeof idbuf, ":%ld", lineno);
        id = NULL;
    }

    txt_date date = o->default_date;
    json_t *jd = json_object_get(root, "date");
    if (json_is_string(jd) && json_string_length(jd) > 0) {
        const char *ds = json_string_value(jd);
        size_t dn = json_string_length(jd);
        /* Surrounding blanks are common in scraped metadata and harmless. */
        while (dn && (*ds == ' ' || *ds == '\t'))
            ds++, dn--;
        while (dn && (ds[dn - 1] == ' ' || ds[dn - 1] == '\t'))
            dn--;
        if (txt_date_parse(ds, dn, &date)) {
            rc = dy_err_set(err, DY_ESKIP, path, lineno, (long)off,
                            "bad date \"%.64s\": expected YYYY-MM-DD or ISO 8601: "
                            "record skipped",
                            json_string_value(jd));
            goto done;
        }
    } else if (jd && !json_is_null(jd) && !json_is_string(jd)) {
        rc = dy_err_set(err, DY_ESKIP, path, lineno, (long)off,
                        "bad date: expected a string YYYY-MM-DD or ISO 8601, got %s: "
                        "record skipped",
                        json_type_name(jd));
        goto done;
    }

    if (id) {
        char *cid = txt_clean_str(id, idlen);
        if (!cid) {
            rc = dy_err_set(err, DY_ENOMEM, path, lineno, (long)off, "out of memory");
            goto done;
        }
        d = txt_doc_new(cid, path);
        dy_free(cid);
    } else {
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

    txt_clean_ctx c = {0};
    c.name = path;
    c.line = lineno;
    c.base = 0;
    c.field = "text";
    c.warn = o->warn;
    c.ud = o->warn_ud;
    if (txt_clean_ex(json_string_value(text), json_string_length(text), &c, &d->text,
                     &d->len) ||
        opt_string(root, "title", &d->title) || opt_string(root, "url", &d->url) ||
        opt_string(root, "source", &d->source)) {
        rc = dy_err_set(err, DY_ENOMEM, path, lineno, (long)off, "out of memory");
        goto done;
    }
    *out = d;
    d = NULL;
    rc = 1;
done:
    txt_doc_free(d);
    json_decref(root);
    return rc;
}
