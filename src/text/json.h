/* json.h - a small strict JSON reader for JSON-lines records (internal to
 * the text stage). It validates a whole record and hands back the top-level
 * fields of an object as spans of the input, without building a tree: one
 * pass, no allocation. jansson remains the tool for anything richer
 * (JSON-LD in web pages). */
#ifndef DY_TEXT_JSON_H
#define DY_TEXT_JSON_H

#include <stddef.h>

enum {
    TXT_J_STRING = 1,
    TXT_J_NUMBER,
    TXT_J_TRUE,
    TXT_J_FALSE,
    TXT_J_NULL,
    TXT_J_OBJECT,
    TXT_J_ARRAY
};

typedef struct txt_jfield {
    const char *key;    /* raw key (between the quotes, escapes not decoded) */
    size_t keylen;
    int type;           /* TXT_J_* */
    const char *val;    /* strings: between the quotes; others: the token */
    size_t vallen;
    int escaped;        /* a string value contains backslash escapes */
} txt_jfield;

/* Parse s[0..n) as one JSON value followed only by white space. When it is
 * an object, its top-level fields (at most max; later ones are validated and
 * dropped) go to f[0..*nf); *type is the value's type. Returns 0, or -1 with
 * *errpos (byte offset) and *errmsg (static string) describing the first
 * error. Nesting deeper than 1000 levels is an error. */
int txt_json_parse(const char *s, size_t n, int *type, txt_jfield *f, size_t max, size_t *nf,
                   size_t *errpos, const char **errmsg);

/* Decode the raw contents of a JSON string (validated by txt_json_parse)
 * into out, which must hold n + 1 bytes; returns the decoded length and
 * NUL-terminates. \u0000 decodes to a NUL byte and sets *had_nul (the
 * text cleaner then replaces and reports it). Lone surrogates decode to
 * U+FFFD. */
size_t txt_json_unescape(const char *raw, size_t n, char *out, int *had_nul);

/* Is the raw key equal to the C string k (keys with escapes never are)? */
int txt_json_key_is(const txt_jfield *f, const char *k);

#endif
