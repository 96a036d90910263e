/* buf.c - growable byte buffer. */
#include "core/buf.h"
#include "core/alloc.h"
#include "core/err.h"
#include "core/invariant.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

void dy_buf_free(dy_buf *b)
{
    dy_free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
    b->oom = 0;
}

void dy_buf_reset(dy_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

static int reserve(dy_buf *b, size_t extra)
{
    if (b->oom)
        return DY_ENOMEM;
    if (extra > SIZE_MAX - b->len - 1)
        goto fail;
    size_t need = b->len + extra + 1;
    if (need <= b->cap) {
        DY_ASSERT(b->data != NULL);
        return 0;
    }
    size_t cap = b->cap ? b->cap : 256;
    while (cap < need)
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    char *d = dy_realloc(b->data, cap);
    if (!d)
        goto fail;
    b->data = d;
    b->cap = cap;
    /* Writers (code/event.c) fill up to cap - 1 and terminate. */
    DY_ASSERT(b->len + extra < b->cap);
    return 0;
fail:
    b->oom = 1;
    return DY_ENOMEM;
}

/* Contract in buf.h. */
char *dy_buf_reserve(dy_buf *b, size_t n)
{
    return reserve(b, n) ? NULL : b->data + b->len;
}

int dy_buf_add(dy_buf *b, const void *p, size_t n)
{
    if (reserve(b, n))
        return DY_ENOMEM;
    if (n)
        memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
    return 0;
}

int dy_buf_adds(dy_buf *b, const char *s) { return dy_buf_add(b, s, strlen(s)); }

int dy_buf_addc(dy_buf *b, char c) { return dy_buf_add(b, &c, 1); }

int dy_buf_vprintf(dy_buf *b, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0)
        return DY_EINVAL;
    if (reserve(b, (size_t)n))
        return DY_ENOMEM;
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
    return 0;
}

int dy_buf_printf(dy_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = dy_buf_vprintf(b, fmt, ap);
    va_end(ap);
    return rc;
}

int dy_buf_addi(dy_buf *b, long long v)
{
    char tmp[24];
    int n = 0;
    unsigned long long u = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
    do {
        tmp[n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        tmp[n++] = '-';
    char out[24];
    for (int i = 0; i < n; i++)
        out[i] = tmp[n - 1 - i];
    return dy_buf_add(b, out, (size_t)n);
}

int dy_buf_addf1(dy_buf *b, double v)
{
    long long t = (long long)(v * 10.0 + (v < 0 ? -0.5 : 0.5));
    if (t < 0) {
        dy_buf_addc(b, '-');
        t = -t;
    }
    dy_buf_addi(b, t / 10);
    char frac[2] = {'.', (char)('0' + t % 10)};
    return dy_buf_add(b, frac, 2);
}

int dy_buf_json_str(dy_buf *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    if (reserve(b, n + 2))
        return DY_ENOMEM;
    dy_buf_addc(b, '"');
    size_t run = 0; /* start of a run of bytes that need no escaping */
    for (size_t i = 0; i < n; i++) {
#ifdef __SSE2__
        {
            /* Sixteen plain bytes at a time: the event text is most of the
             * output. Plain: not '"', '\\', DEL, nor below 0x20. */
            const __m128i quote = _mm_set1_epi8('"'), bsl = _mm_set1_epi8('\\');
            const __m128i del = _mm_set1_epi8(0x7f), ctl = _mm_set1_epi8(0x1f);
            while (i + 16 <= n) {
                __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
                __m128i m = _mm_or_si128(
                    _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, bsl)),
                    _mm_or_si128(_mm_cmpeq_epi8(v, del), _mm_cmpeq_epi8(_mm_min_epu8(v, ctl), v)));
                int mask = _mm_movemask_epi8(m);
                if (mask) {
                    i += (size_t)__builtin_ctz((unsigned)mask);
                    break;
                }
                i += 16;
            }
        }
#endif
        /* Eight plain bytes at a time: no quote, backslash, control
         * character or DEL among them. */
        while (i + 8 <= n) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            const uint64_t lo = 0x0101010101010101ull, hi = 0x8080808080808080ull;
            uint64_t q = w ^ 0x2222222222222222ull, bs = w ^ 0x5c5c5c5c5c5c5c5cull,
                     del = w ^ 0x7f7f7f7f7f7f7f7full;
            uint64_t sp = ((q - lo) & ~q) | ((bs - lo) & ~bs) | ((del - lo) & ~del) |
                          ((w - 0x2020202020202020ull) & ~w);
            if (sp & hi)
                break;
            i += 8;
        }
        if (i >= n)
            break;
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\' && c != 0x7f)
            continue;
        dy_buf_add(b, s + run, i - run);
        run = i + 1;
        char esc[7] = {'\\', 0, 0, 0, 0, 0, 0};
        switch (c) {
        case '"': esc[1] = '"'; dy_buf_add(b, esc, 2); break;
        case '\\': esc[1] = '\\'; dy_buf_add(b, esc, 2); break;
        case '\n': esc[1] = 'n'; dy_buf_add(b, esc, 2); break;
        case '\r': esc[1] = 'r'; dy_buf_add(b, esc, 2); break;
        case '\t': esc[1] = 't'; dy_buf_add(b, esc, 2); break;
        default:
            esc[1] = 'u'; esc[2] = '0'; esc[3] = '0';
            esc[4] = hex[c >> 4]; esc[5] = hex[c & 15];
            dy_buf_add(b, esc, 6);
        }
    }
    dy_buf_add(b, s + run, n - run);
    return dy_buf_addc(b, '"');
}

int dy_buf_tsv_str(dy_buf *b, const char *s, size_t n)
{
    if (reserve(b, n))
        return DY_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '\t' || c == '\n' || c == '\r')
            c = ' ';
        b->data[b->len++] = c;
    }
    b->data[b->len] = '\0';
    return 0;
}

/* Contract: see buf.h. */
int dy_cell_formula(const char *s, size_t n)
{
    if (!n || !strchr("=+-@\t\r", s[0]) || !s[0])
        return 0;
    /* a plain number: [+-] digits [. digits] [e [+-] digits], nothing else */
    size_t i = s[0] == '+' || s[0] == '-', d = 0;
    while (i < n && s[i] >= '0' && s[i] <= '9')
        i++, d++;
    if (i < n && s[i] == '.')
        for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++)
            d++;
    if (d && i < n && (s[i] == 'e' || s[i] == 'E')) {
        size_t k = i + 1 + (i + 1 < n && (s[i + 1] == '+' || s[i + 1] == '-')), e = 0;
        while (k < n && s[k] >= '0' && s[k] <= '9')
            k++, e++;
        if (e)
            i = k;
    }
    return !(d && i == n);
}

char *dy_buf_take(dy_buf *b)
{
    char *d = b->data;
    b->data = NULL;
    b->len = b->cap = 0;
    return d;
}
