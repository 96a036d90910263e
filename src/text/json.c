/* json.c - strict one-pass JSON validation with top-level field spans.
 * RFC 8259 grammar; the input is already valid UTF-8 (cleaned by the reader),
 * so only control characters inside strings need checking here. */
#include "text/json.h"

#include <stdint.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

typedef struct jp {
    const char *s;
    size_t n, i;
    const char *err;
} jp;

static void ws(jp *p)
{
    while (p->i < p->n) {
        char c = p->s[p->i];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            break;
        p->i++;
    }
}

static int fail(jp *p, const char *msg)
{
    if (!p->err)
        p->err = msg;
    return -1;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* A string starting at the opening quote; sets [*b, *e) to its contents.
 * On failure p->i is the offset the error message points at: the control
 * character, the escape's letter, or the end of input when unterminated.
 * Escapes are checked inline and the scan goes straight back to whole
 * vectors: JSON-lines texts carry a "\n" every line or so, and a library
 * call per escape cost more than the bytes between them. */
static int string(jp *p, size_t *b, size_t *e, int *escaped)
{
    const char *s = p->s;
    const size_t n = p->n;
    size_t i = p->i + 1; /* after the opening quote */
    *b = i;
    *escaped = 0;
#ifdef __SSE2__
    const __m128i quote = _mm_set1_epi8('"'), bsl = _mm_set1_epi8('\\');
    const __m128i ctl = _mm_set1_epi8(0x1f);
#endif
    for (;;) {
#ifdef __SSE2__
        /* Sixteen bytes at a time: string bodies are most of every
         * JSON-lines corpus. Special: '"', '\\' and control bytes
         * (unsigned v <= 0x1f, i.e. min(v, 0x1f) == v). */
        while (i + 16 <= n) {
            __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
            __m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, bsl)),
                                     _mm_cmpeq_epi8(_mm_min_epu8(v, ctl), v));
            unsigned mask = (unsigned)_mm_movemask_epi8(m);
            if (mask) {
                i += (size_t)__builtin_ctz(mask);
                goto special;
            }
            i += 16;
        }
#endif
        /* The last bytes of the input (or all of them without SSE2). */
        while (i < n) {
            unsigned char c = (unsigned char)s[i];
            if (c == '"' || c == '\\' || c < 0x20)
                break;
            i++;
        }
        if (i >= n)
            break;
#ifdef __SSE2__
    special:
#endif
        {
            unsigned char c = (unsigned char)s[i];
            if (c == '"') {
                *e = i;
                p->i = i + 1;
                return 0;
            }
            if (c < 0x20) {
                p->i = i;
                return fail(p, "control character in string");
            }
            /* a backslash */
            *escaped = 1;
            if (++i >= n)
                break;
            switch (s[i]) {
            case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
                i++;
                continue;
            case 'u':
                p->i = i;
                if (i + 4 >= n)
                    return fail(p, "truncated \\u escape");
                for (int k = 1; k <= 4; k++)
                    if (hexval(s[i + k]) < 0)
                        return fail(p, "invalid \\u escape");
                i += 5;
                continue;
            default:
                p->i = i;
                return fail(p, "invalid escape in string");
            }
        }
    }
    p->i = n;
    return fail(p, "unterminated string");
}

static int number(jp *p)
{
    const char *s = p->s;
    size_t i = p->i;
    if (i < p->n && s[i] == '-')
        i++;
    if (i >= p->n)
        return fail(p, "invalid number");
    if (s[i] == '0') {
        i++;
    } else if (s[i] >= '1' && s[i] <= '9') {
        while (i < p->n && s[i] >= '0' && s[i] <= '9')
            i++;
    } else {
        return fail(p, "invalid number");
    }
    if (i < p->n && s[i] == '.') {
        i++;
        if (i >= p->n || s[i] < '0' || s[i] > '9')
            return fail(p, "invalid number");
        while (i < p->n && s[i] >= '0' && s[i] <= '9')
            i++;
    }
    if (i < p->n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < p->n && (s[i] == '+' || s[i] == '-'))
            i++;
        if (i >= p->n || s[i] < '0' || s[i] > '9')
            return fail(p, "invalid number");
        while (i < p->n && s[i] >= '0' && s[i] <= '9')
            i++;
    }
    p->i = i;
    return 0;
}

static int literal(jp *p, const char *w)
{
    size_t k = strlen(w);
    if (p->n - p->i < k || memcmp(p->s + p->i, w, k) != 0)
        return fail(p, "invalid literal (expected true, false or null)");
    p->i += k;
    return 0;
}

/* Any value; nested objects and arrays are walked with an explicit depth
 * count and a small stack of bracket kinds, so hostile nesting cannot
 * exhaust the C stack. */
static int value(jp *p, int *type)
{
    enum { MAXD = 1000 };
    char stack[MAXD];
    int depth = 0;
    int top = 1;
    for (;;) {
        ws(p);
        if (p->i >= p->n)
            return fail(p, "unexpected end of input");
        char c = p->s[p->i];
        int t;
        size_t b, e;
        int esc;
        switch (c) {
        case '{':
        case '[':
            if (depth == MAXD)
                return fail(p, "nesting too deep");
            if (top)
                *type = c == '{' ? TXT_J_OBJECT : TXT_J_ARRAY;
            stack[depth++] = c;
            p->i++;
            ws(p);
            if (p->i < p->n && p->s[p->i] == (c == '{' ? '}' : ']')) {
                p->i++;
                depth--;
                goto after_value;
            }
            if (c == '{')
                goto key;
            top = 0;
            continue;
        case '"':
            t = TXT_J_STRING;
            if (string(p, &b, &e, &esc))
                return -1;
            break;
        case 't': t = TXT_J_TRUE; if (literal(p, "true")) return -1; break;
        case 'f': t = TXT_J_FALSE; if (literal(p, "false")) return -1; break;
        case 'n': t = TXT_J_NULL; if (literal(p, "null")) return -1; break;
        default:
            t = TXT_J_NUMBER;
            if (c != '-' && (c < '0' || c > '9'))
                return fail(p, "unexpected character (expected a value)");
            if (number(p))
                return -1;
        }
        if (top)
            *type = t;
    after_value:
        top = 0;
        if (depth == 0)
            return 0;
        ws(p);
        if (p->i >= p->n)
            return fail(p, "unexpected end of input");
        c = p->s[p->i];
        if (c == ',') {
            p->i++;
            if (stack[depth - 1] == '{')
                goto key;
            continue;
        }
        if ((c == '}' && stack[depth - 1] == '{') || (c == ']' && stack[depth - 1] == '[')) {
            p->i++;
            depth--;
            goto after_value;
        }
        return fail(p, stack[depth - 1] == '{' ? "expected ',' or '}'" : "expected ',' or ']'");
    key:
        ws(p);
        if (p->i >= p->n || p->s[p->i] != '"')
            return fail(p, "expected a string key");
        if (string(p, &b, &e, &esc))
            return -1;
        ws(p);
        if (p->i >= p->n || p->s[p->i] != ':')
            return fail(p, "expected ':' after key");
        p->i++;
        top = 0;
    }
}

int txt_json_parse(const char *s, size_t n, int *type, txt_jfield *f, size_t max, size_t *nf,
                   size_t *errpos, const char **errmsg)
{
    jp p = {s, n, 0, NULL};
    *nf = 0;
    *type = 0;
    ws(&p);
    if (p.i < n && s[p.i] == '{') {
        /* Top-level object: record each field's span, validating values with
         * value(). */
        *type = TXT_J_OBJECT;
        p.i++;
        ws(&p);
        if (p.i < n && s[p.i] == '}') {
            p.i++;
            goto end;
        }
        for (;;) {
            ws(&p);
            size_t kb, ke, vb, ve;
            int kesc, vesc = 0, vt;
            if (p.i >= n || s[p.i] != '"') {
                fail(&p, "expected a string key");
                goto err;
            }
            if (string(&p, &kb, &ke, &kesc))
                goto err;
            ws(&p);
            if (p.i >= n || s[p.i] != ':') {
                fail(&p, "expected ':' after key");
                goto err;
            }
            p.i++;
            ws(&p);
            if (p.i < n && s[p.i] == '"') {
                vt = TXT_J_STRING;
                if (string(&p, &vb, &ve, &vesc))
                    goto err;
            } else {
                vb = p.i;
                if (value(&p, &vt))
                    goto err;
                ve = p.i;
            }
            if (*nf < max)
                f[(*nf)++] = (txt_jfield){s + kb, ke - kb, vt, s + vb, ve - vb, vesc || kesc};
            ws(&p);
            if (p.i < n && s[p.i] == ',') {
                p.i++;
                continue;
            }
            if (p.i < n && s[p.i] == '}') {
                p.i++;
                break;
            }
            fail(&p, "expected ',' or '}'");
            goto err;
        }
    } else if (value(&p, type)) {
        goto err;
    }
end:
    ws(&p);
    if (p.i != n) {
        fail(&p, "unexpected text after the JSON value");
        goto err;
    }
    return 0;
err:
    *errpos = p.i;
    *errmsg = p.err;
    return -1;
}

static size_t put_utf8(char *o, unsigned cp)
{
    if (cp < 0x80) {
        o[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (char)(0xC0 | (cp >> 6));
        o[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (char)(0xE0 | (cp >> 12));
        o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | (cp >> 18));
    o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

static unsigned hex4(const char *s)
{
    return (unsigned)(hexval(s[0]) << 12 | hexval(s[1]) << 8 | hexval(s[2]) << 4 | hexval(s[3]));
}

/* Runs between escapes are copied sixteen bytes at a time, each vector
 * stored before it is searched for a backslash: a "\n" every line made
 * one memchr and one memcpy call per line of text. Decoding never makes
 * the output longer than the input read so far (o <= i), so a vector
 * stored at out + o while sixteen input bytes remain stays inside the
 * n + 1 bytes of out. */
size_t txt_json_unescape(const char *raw, size_t n, char *out, int *had_nul)
{
    size_t o = 0;
    for (size_t i = 0; i < n;) {
#ifdef __SSE2__
        const __m128i bsl = _mm_set1_epi8('\\');
        unsigned mask = 0;
        while (i + 16 <= n) {
            __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(raw + i));
            _mm_storeu_si128((__m128i *)(void *)(out + o), v);
            mask = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, bsl));
            if (mask)
                break;
            i += 16;
            o += 16;
        }
        if (mask) {
            size_t k = (size_t)__builtin_ctz(mask);
            i += k;
            o += k;
        } else
#endif
        {
            while (i < n && raw[i] != '\\')
                out[o++] = raw[i++];
            if (i >= n)
                break;
        }
        char x = raw[i + 1];
        i += 2;
        switch (x) {
        case 'b': out[o++] = '\b'; break;
        case 'f': out[o++] = '\f'; break;
        case 'n': out[o++] = '\n'; break;
        case 'r': out[o++] = '\r'; break;
        case 't': out[o++] = '\t'; break;
        case 'u': {
            unsigned cp = hex4(raw + i);
            i += 4;
            if (cp >= 0xD800 && cp <= 0xDBFF && i + 6 <= n && raw[i] == '\\' && raw[i + 1] == 'u') {
                unsigned lo = hex4(raw + i + 2);
                if (lo >= 0xDC00 && lo <= 0xDFFF) {
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    i += 6;
                }
            }
            if (cp >= 0xD800 && cp <= 0xDFFF)
                cp = 0xFFFD;
            if (cp == 0)
                *had_nul = 1; /* kept as a NUL byte: the cleaner reports it */
            o += put_utf8(out + o, cp);
            break;
        }
        default: out[o++] = x; break; /* \" \\ \/ */
        }
    }
    out[o] = '\0';
    return o;
}

int txt_json_key_is(const txt_jfield *f, const char *k)
{
    size_t n = strlen(k);
    return f->keylen == n && memcmp(f->key, k, n) == 0;
}
