/* clean.c - raw bytes to valid NFC UTF-8 with LF line ends.
 *
 * Every offset dyad stores points into the cleaned text, so cleaning happens
 * once, on input, and must be total: any byte string comes out as valid
 * UTF-8. Invalid sequences are replaced following the Unicode "maximal
 * subpart" practice (one U+FFFD per maximal ill-formed subsequence), which is
 * what browsers and most libraries do, so replacement counts match theirs.
 */
#include "text/read_internal.h"

#include <stdint.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <utf8proc.h>

#include "core/alloc.h"

static const char REPLACEMENT[3] = {'\xEF', '\xBF', '\xBD'};

/* Report one invalid sequence of len bytes at in-offset off, honouring the
 * per-document warning limit. */
static void report(txt_clean_ctx *c, size_t *nrep, size_t *unreported,
                   size_t off, size_t len, const char *kind)
{
    c->nbad += len;
    if (++*nrep > TXT_MAX_BYTE_WARNINGS) {
        *unreported += len;
        return;
    }
    if (!c->warn)
        return;
    dy_err w;
    long at = (long)(c->base + (long long)off);
    if (c->field)
        dy_err_set(&w, DY_EPARSE, c->name, c->line, at,
                   "%s in \"%s\" at byte %zu of its value: replaced by U+FFFD",
                   kind, c->field, off);
    else
        dy_err_set(&w, DY_EPARSE, c->name, c->line, at,
                   "%s at byte %ld: replaced by U+FFFD", kind, at);
    c->warn(c->ud, &w);
}

/* Code points that are NFC_Quick_Check=Yes, have combining class 0 and are
 * never the second half of a canonical composition, so text made only of
 * them is already NFC and the (slow) normaliser can be skipped. Ranges are
 * whole script blocks minus their exceptions (Greek singletons, Cyrillic
 * combining marks, kana voicing marks, CJK tone marks); test_clean checks
 * every code point against utf8proc. Anything else goes through utf8proc. */
static int nfc_safe(uint32_t cp)
{
    if (cp < 0x300)
        return 1;
    if (cp < 0x2000)
        return (cp >= 0x370 && cp <= 0x3FF && cp != 0x374 && cp != 0x37E && cp != 0x387) ||
               (cp >= 0x400 && cp <= 0x4FF && (cp < 0x483 || cp > 0x489)) ||
               (cp >= 0x1E00 && cp <= 0x1EFF);
    if (cp < 0x3000)
        return (cp >= 0x2002 && cp <= 0x206F) || (cp >= 0x20A0 && cp <= 0x20BF) ||
               (cp >= 0x2500 && cp <= 0x25FF);
    if (cp < 0x10000)
        return (cp <= 0x303F && (cp < 0x302A || cp > 0x302F)) ||
               (cp >= 0x3040 && cp <= 0x30FF && cp != 0x3099 && cp != 0x309A) ||
               (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
               (cp >= 0xFF01 && cp <= 0xFFEF) || (cp >= 0xFFF9 && cp <= 0xFFFD);
    return cp >= 0x1F300 && cp <= 0x1FAFF;
}

/* NFC of valid UTF-8 s[0..n) via utf8proc, using our own allocator for the
 * buffers (utf8proc_map would malloc behind dy_malloc's back). On success
 * *out is a new dy_malloc'ed string. Returns 0, DY_ENOMEM, or DY_EPARSE if
 * utf8proc refuses the input (cannot happen for valid UTF-8; the caller
 * then keeps the unnormalised text). */
static int nfc(const char *s, size_t n, char **out, size_t *outn)
{
    const utf8proc_option_t opt = UTF8PROC_STABLE | UTF8PROC_COMPOSE;
    utf8proc_ssize_t m =
        utf8proc_decompose((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, NULL, 0, opt);
    if (m < 0)
        return DY_EPARSE;
    /* reencode writes UTF-8 (at most 4 bytes per code point) plus a NUL
     * into the same buffer, hence the extra byte. */
    utf8proc_int32_t *buf = dy_malloc((size_t)m * sizeof *buf + 1);
    if (!buf)
        return DY_ENOMEM;
    utf8proc_ssize_t m2 =
        utf8proc_decompose((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, buf, m, opt);
    if (m2 < 0 || m2 > m) {
        dy_free(buf);
        return DY_EPARSE;
    }
    utf8proc_ssize_t r = utf8proc_reencode(buf, m2, opt);
    if (r < 0) {
        dy_free(buf);
        return DY_EPARSE;
    }
    *out = (char *)buf;
    *outn = (size_t)r;
    return 0;
}

/* See read_internal.h. Eight bytes at a time: a byte is special when its
 * high bit is set, when it is NUL, or (unless scrub_only) when it is CR. */
int txt_clean_needed(const char *in, size_t n, int scrub_only)
{
    const uint64_t lo = 0x0101010101010101ull, hi = 0x8080808080808080ull;
    const uint64_t cr = 0x0d0d0d0d0d0d0d0dull;
    size_t i = 0;
#ifdef __SSE2__
    {
        const __m128i zero = _mm_setzero_si128(), crv = _mm_set1_epi8('\r');
        for (; i + 16 <= n; i += 16) {
            __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(in + i));
            __m128i m = _mm_or_si128(v, _mm_cmpeq_epi8(v, zero)); /* high bit or NUL */
            if (!scrub_only)
                m = _mm_or_si128(m, _mm_cmpeq_epi8(v, crv));
            if (_mm_movemask_epi8(m))
                return 1;
        }
    }
#endif
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, in + i, 8);
        uint64_t x = w ^ cr;
        uint64_t bad = w | ((w - lo) & ~w);
        if (!scrub_only)
            bad |= (x - lo) & ~x;
        if (bad & hi)
            return 1;
    }
    for (; i < n; i++) {
        unsigned char b = (unsigned char)in[i];
        if (b >= 0x80 || b == 0 || (b == '\r' && !scrub_only))
            return 1;
    }
    return 0;
}

/* See read_internal.h. The common case (ASCII without CR or NUL) is a single
 * counting pass and a memcpy, because every document goes through here. */
int txt_clean_ex(const char *in, size_t n, txt_clean_ctx *c, char **out,
                 size_t *outn)
{
    const unsigned char *s = (const unsigned char *)in;
    size_t special = 0;
    c->nbad = 0;
    if (!txt_clean_needed(in, n, c->scrub_only)) {
        char *d = dy_malloc(n + 1);
        if (!d)
            return DY_ENOMEM;
        if (n)
            memcpy(d, in, n);
        d[n] = '\0';
        *out = d;
        *outn = n;
        return 0;
    }

    for (size_t i = 0; i < n; i++) {
        special += (s[i] >= 0x80) | (s[i] == 0);
    }
    /* Each special byte grows by at most 2 (one byte -> U+FFFD). */
    char *d = dy_malloc(n + 2 * special + 1);
    if (!d)
        return DY_ENOMEM;
    size_t o = 0, i = 0, nrep = 0, unreported = 0;
    int need_nfc = 0;
    if (!c->scrub_only && n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
        i = 3;
    while (i < n) {
        unsigned char b = s[i];
        if (b < 0x80) {
            if (b == 0) {
                report(c, &nrep, &unreported, i, 1, "NUL byte");
                memcpy(d + o, REPLACEMENT, 3);
                o += 3;
                i++;
            } else if (b == '\r' && !c->scrub_only) {
                d[o++] = '\n';
                i += (i + 1 < n && s[i + 1] == '\n') ? 2 : 1;
            } else {
                d[o++] = (char)b;
                i++;
            }
            continue;
        }
        /* Well-formed sequences per Unicode Table 3-7: the lead byte fixes
         * the length and the allowed range of the second byte. */
        size_t need;
        unsigned lo = 0x80, hi = 0xBF;
        if (b >= 0xC2 && b <= 0xDF)
            need = 1;
        else if (b == 0xE0)
            need = 2, lo = 0xA0;
        else if (b == 0xED)
            need = 2, hi = 0x9F;
        else if (b >= 0xE1 && b <= 0xEF)
            need = 2;
        else if (b == 0xF0)
            need = 3, lo = 0x90;
        else if (b >= 0xF1 && b <= 0xF3)
            need = 3;
        else if (b == 0xF4)
            need = 3, hi = 0x8F;
        else {
            const char *kind = b < 0xC0   ? "invalid UTF-8 (unexpected continuation byte)"
                               : b < 0xC2 ? "invalid UTF-8 (overlong encoding)"
                               : b < 0xF8 ? "invalid UTF-8 (code point above U+10FFFF)"
                                          : "invalid UTF-8 (byte never used in UTF-8)";
            report(c, &nrep, &unreported, i, 1, kind);
            memcpy(d + o, REPLACEMENT, 3);
            o += 3;
            i++;
            continue;
        }
        size_t k = 1;
        for (; k <= need; k++) {
            if (i + k >= n)
                break;
            unsigned c2 = s[i + k];
            if (c2 < (k == 1 ? lo : 0x80u) || c2 > (k == 1 ? hi : 0xBFu))
                break;
        }
        if (k > need) {
            if (b >= 0xCC && !need_nfc) {
                uint32_t cp;
                if (need == 1)
                    cp = (uint32_t)(b & 0x1F) << 6 | (s[i + 1] & 0x3F);
                else if (need == 2)
                    cp = (uint32_t)(b & 0x0F) << 12 | (uint32_t)(s[i + 1] & 0x3F) << 6 |
                         (s[i + 2] & 0x3F);
                else
                    cp = (uint32_t)(b & 0x07) << 18 | (uint32_t)(s[i + 1] & 0x3F) << 12 |
                         (uint32_t)(s[i + 2] & 0x3F) << 6 | (s[i + 3] & 0x3F);
                need_nfc = !nfc_safe(cp);
            }
            memcpy(d + o, s + i, need + 1);
            o += need + 1;
            i += need + 1;
            continue;
        }
        const char *kind;
        if (i + k >= n)
            kind = "invalid UTF-8 (truncated sequence at end of input)";
        else if (k == 1 && s[i + 1] >= 0x80 && s[i + 1] <= 0xBF)
            kind = b == 0xED   ? "invalid UTF-8 (surrogate code point)"
                   : b == 0xF4 ? "invalid UTF-8 (code point above U+10FFFF)"
                               : "invalid UTF-8 (overlong encoding)";
        else
            kind = "invalid UTF-8 (truncated sequence)";
        report(c, &nrep, &unreported, i, k, kind);
        memcpy(d + o, REPLACEMENT, 3);
        o += 3;
        i += k;
    }
    d[o] = '\0';

    if (unreported && c->warn) {
        dy_err w;
        dy_err_set(&w, DY_EPARSE, c->name, c->line, -1,
                   "%zu more invalid bytes replaced by U+FFFD (only the first %d "
                   "problems are reported)",
                   unreported, TXT_MAX_BYTE_WARNINGS);
        c->warn(c->ud, &w);
    }

    if (need_nfc && !c->scrub_only) {
        char *nd;
        size_t nn;
        int rc = nfc(d, o, &nd, &nn);
        if (rc == DY_ENOMEM) {
            dy_free(d);
            return DY_ENOMEM;
        }
        if (rc == 0) {
            dy_free(d);
            d = nd;
            o = nn;
        }
    }
    *out = d;
    *outn = o;
    return 0;
}

/* Public entry point: see text.h. Offsets in warnings are offsets in in. */
int txt_clean_utf8(const char *in, size_t n, const char *name, txt_warn_fn warn,
                   void *ud, char **out, size_t *outn)
{
    txt_clean_ctx c = {0};
    c.name = name;
    c.warn = warn;
    c.ud = ud;
    return txt_clean_ex(in, n, &c, out, outn);
}

/* Silent cleaning of a short metadata string; see read_internal.h. */
char *txt_clean_str(const char *s, size_t n)
{
    txt_clean_ctx c = {0};
    char *out = NULL;
    size_t on;
    if (txt_clean_ex(s, n, &c, &out, &on))
        return NULL;
    return out;
}
