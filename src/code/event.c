/* event.c - the event contract: writing events as JSON lines or TSV.
 * docs/formats.md documents every field; keep the two in step.
 *
 * One event line is written straight into the output buffer: its size is
 * bounded up front (every escaped byte takes at most six), the buffer is
 * grown once, and the fields are then copied without further checks. A
 * call per field through dy_buf (length, capacity and terminator each
 * time) cost several thousand instructions per event, as much as finding
 * the event. */
#include "code/code.h"
#include "core/alloc.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

const char *code_modality_name(int m)
{
    switch (m) {
    case CODE_MOD_ASSERTED: return "asserted";
    case CODE_MOD_NEGATED: return "negated";
    case CODE_MOD_FUTURE: return "future";
    case CODE_MOD_HYPOTHETICAL: return "hypothetical";
    case CODE_MOD_ALLEGED: return "alleged";
    default: return "unknown";
    }
}

enum { FIXED_BOUND = 1024 };

/* Close a line written by hand from dy_buf_reserve(): length and terminator. */
static int done(dy_buf *b, char *p)
{
    b->len = (size_t)(p - b->data);
    b->data[b->len] = '\0';
    return 0;
}

static char *put(char *p, const char *s, size_t n)
{
    memcpy(p, s, n);
    return p + n;
}

/* String literals only: their size is known at compile time. */
#define PUTL(p, lit) put((p), (lit), sizeof(lit) - 1)

static char *puts0(char *p, const char *s) { return put(p, s, strlen(s)); }

/* Digits are counted first and written backwards in place: no scratch
 * copy for the three spans and the sentence number of every event. */
static char *put_u(char *p, unsigned long long u)
{
    size_t n = 1;
    for (unsigned long long t = u; t >= 10; t /= 10)
        n++;
    char *e = p + n;
    do {
        *--e = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    return p + n;
}

static char *put_i(char *p, long long v)
{
    if (v < 0) {
        *p++ = '-';
        return put_u(p, 0ull - (unsigned long long)v);
    }
    return put_u(p, (unsigned long long)v);
}

/* One decimal, rounded half away from zero (as dy_buf_addf1, which the
 * JSON output has always used). */
static char *put_f1(char *p, double v)
{
    long long t = (long long)(v * 10.0 + (v < 0 ? -0.5 : 0.5));
    if (t < 0) {
        *p++ = '-';
        t = -t;
    }
    p = put_i(p, t / 10);
    *p++ = '.';
    *p++ = (char)('0' + t % 10);
    return p;
}

/* printf's "%.1f", as the TSV output has always written it: put_f1 when
 * v is a one-decimal number (then both agree), snprintf otherwise. */
static char *put_printf_f1(char *p, double v)
{
    if (fabs(v) < 1e15) {
        long long t = (long long)(v * 10.0 + (v < 0 ? -0.5 : 0.5));
        if ((double)t / 10.0 == v && !(t == 0 && signbit(v)))
            return put_f1(p, v);
    }
    char tmp[64];
    int n = snprintf(tmp, sizeof tmp, "%.1f", v);
    return put(p, tmp, n > 0 ? (size_t)n : 0);
}

/* The JSON escape of one byte that needs one (see plain()). */
static char *put_esc(char *p, unsigned char c)
{
    static const char hex[] = "0123456789abcdef";
    *p++ = '\\';
    switch (c) {
    case '"': *p++ = '"'; break;
    case '\\': *p++ = '\\'; break;
    case '\n': *p++ = 'n'; break;
    case '\r': *p++ = 'r'; break;
    case '\t': *p++ = 't'; break;
    default:
        p = PUTL(p, "u00");
        *p++ = hex[c >> 4];
        *p++ = hex[c & 15];
    }
    return p;
}

/* Bytes written as they are in a JSON string: not '"', '\\', DEL nor a
 * control character. */
static int plain(unsigned char c) { return c >= 0x20 && c != '"' && c != '\\' && c != 0x7f; }

/* s[0..n) as a JSON string literal with its quotes, at most 6n + 2 bytes.
 * Vectors are stored only while sixteen source bytes remain, so a store
 * never reaches past the end of the string's own output. */
static char *put_json(char *p, const char *s, size_t n)
{
    *p++ = '"';
    size_t i = 0;
#ifdef __SSE2__
    /* Sixteen bytes are stored before they are looked at: plain runs (most
     * of an event's text) then cost one load and one store per vector. */
    const __m128i quote = _mm_set1_epi8('"'), bsl = _mm_set1_epi8('\\');
    const __m128i del = _mm_set1_epi8(0x7f), ctl = _mm_set1_epi8(0x1f);
    while (i + 16 <= n) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        _mm_storeu_si128((__m128i *)(void *)p, v);
        __m128i m = _mm_or_si128(
            _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, bsl)),
            _mm_or_si128(_mm_cmpeq_epi8(v, del), _mm_cmpeq_epi8(_mm_min_epu8(v, ctl), v)));
        unsigned mask = (unsigned)_mm_movemask_epi8(m);
        if (!mask) {
            i += 16;
            p += 16;
            continue;
        }
        unsigned k = (unsigned)__builtin_ctz(mask);
        i += k;
        p += k;
        p = put_esc(p, (unsigned char)s[i++]);
    }
#endif
    for (; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (plain(c))
            *p++ = (char)c;
        else
            p = put_esc(p, c);
    }
    *p++ = '"';
    return p;
}

/* A NUL-terminated string as JSON, or null. */
static char *put_json_or_null(char *p, const char *s)
{
    return s ? put_json(p, s, strlen(s)) : PUTL(p, "null");
}

/* s[0..n) for a TSV field: tabs, newlines and CRs become spaces; a cell a
 * spreadsheet would read as a formula starts with an apostrophe (one byte
 * more, within the reserve of six per byte). */
static char *put_tsv(char *p, const char *s, size_t n)
{
    if (dy_cell_formula(s, n))
        *p++ = '\'';
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        p[i] = c == '\t' || c == '\n' || c == '\r' ? ' ' : c;
    }
    return p + n;
}

/* "key":[start,end] or "key":null; key is a literal without quotes. */
static char *put_span(char *p, const char *key, size_t keyn, code_span s)
{
    *p++ = '"';
    p = put(p, key, keyn);
    p = PUTL(p, "\":");
    if (s.start < 0)
        return PUTL(p, "null");
    *p++ = '[';
    p = put_i(p, s.start);
    *p++ = ',';
    p = put_i(p, s.end);
    *p++ = ']';
    return p;
}
#define PUT_SPAN(p, key, s) put_span((p), (key), sizeof(key) - 1, (s))

/* "key":[begin,end] of a token range, or null when empty. */
static char *put_tok(char *p, const char *key, size_t keyn, const uint32_t t[2])
{
    *p++ = '"';
    p = put(p, key, keyn);
    p = PUTL(p, "\":");
    if (t[0] == t[1])
        return PUTL(p, "null");
    *p++ = '[';
    p = put_u(p, t[0]);
    *p++ = ',';
    p = put_u(p, t[1]);
    *p++ = ']';
    return p;
}
#define PUT_TOK(p, key, t) put_tok((p), (key), sizeof(key) - 1, (t))

/* The sentence of ev, or an empty span when the index is out of range (an
 * event always comes from a sentence; this only guards the writer). */
static void sentence_bytes(const txt_doc *doc, const txt_analysis *an,
                           const code_event *ev, const char **s, size_t *n)
{
    *s = "";
    *n = 0;
    if (an && ev->sent < an->nsent) {
        const txt_sentence *st = &an->sents[ev->sent];
        *s = doc->text + st->start;
        *n = st->end - st->start;
    }
}

/* The event's time expression, or NULL when it has the document date. */
static const txt_timex *event_timex(const txt_analysis *an, const code_event *ev)
{
    int32_t t = ev->why.timex;
    return an && t >= 0 && (size_t)t < an->ntimex ? &an->timex[t] : NULL;
}

static size_t slen(const char *s) { return s ? strlen(s) : 0; }

/* The "explain" object; room for it was counted by the caller. */
static char *put_explain_json(char *p, const txt_doc *doc, const txt_analysis *an,
                              const code_event *ev)
{
    const code_explain *w = &ev->why;
    p = PUTL(p, ",\"explain\":{\"pattern\":");
    p = put_json_or_null(p, w->pattern);
    p = PUTL(p, ",\"pattern_text\":");
    p = put_json_or_null(p, w->pattern_text);
    p = PUTL(p, ",\"source_entry\":");
    p = put_json_or_null(p, w->source_entry);
    p = PUTL(p, ",\"target_entry\":");
    p = put_json_or_null(p, w->target_entry);
    p = PUTL(p, ",\"tokens\":{");
    p = PUT_TOK(p, "source", w->src_tok);
    *p++ = ',';
    p = PUT_TOK(p, "verb", w->verb_tok);
    *p++ = ',';
    p = PUT_TOK(p, "target", w->tgt_tok);
    p = PUTL(p, "},\"relations\":{\"source\":");
    p = put_json_or_null(p, w->src_rel);
    p = PUTL(p, ",\"target\":");
    p = put_json_or_null(p, w->tgt_rel);
    p = PUTL(p, "},\"modality_cue\":");
    if (w->modality_cue) {
        p = PUTL(p, "{\"text\":");
        p = put_json(p, w->modality_cue, strlen(w->modality_cue));
        *p++ = ',';
        p = PUT_SPAN(p, "span", w->cue);
        *p++ = '}';
    } else {
        p = PUTL(p, "null");
    }
    p = PUTL(p, ",\"time\":");
    const txt_timex *tx = event_timex(an, ev);
    if (tx) {
        p = PUTL(p, "{\"text\":");
        p = put_json(p, doc->text + tx->start, tx->end - tx->start);
        p = PUTL(p, ",\"span\":[");
        p = put_u(p, (unsigned)tx->start);
        *p++ = ',';
        p = put_u(p, (unsigned)tx->end);
        p = PUTL(p, "],\"precision\":\"");
        p = puts0(p, txt_prec_name(tx->date.prec));
        p = PUTL(p, "\"}");
    } else if (ev->date.prec) {
        p = PUTL(p, "\"document date\"");
    } else {
        p = PUTL(p, "null");
    }
    *p++ = '}';
    return p;
}

/* ,"geo":{name, country, lat, lon, precision, source} or ,"geo":null
 * (docs/exports.md); room for it was counted by the caller. */
static char *put_geo_json(char *p, const code_geo *g)
{
    if (!g->prec)
        return PUTL(p, ",\"geo\":null");
    p = PUTL(p, ",\"geo\":{\"name\":");
    p = put_json(p, g->name ? g->name : "", slen(g->name));
    p = PUTL(p, ",\"country\":");
    p = put_json(p, g->country, strnlen(g->country, sizeof g->country));
    char num[64];
    int n = snprintf(num, sizeof num, ",\"lat\":%.4f,\"lon\":%.4f", (double)g->lat,
                     (double)g->lon);
    p = put(p, num, n > 0 ? (size_t)n : 0);
    p = PUTL(p, ",\"precision\":\"");
    p = puts0(p, g->prec == CODE_GEO_CITY ? "city" : "country");
    p = PUTL(p, "\",\"source\":\"");
    p = puts0(p, g->src == CODE_GEO_SRC_SENTENCE   ? "sentence"
                 : g->src == CODE_GEO_SRC_DOCUMENT ? "document"
                                                   : "actor");
    return PUTL(p, "\"}");
}

int code_event_write_tsv_header(dy_buf *b, int explain)
{
    dy_buf_adds(b, "doc\tsent\tdate\tsource\ttarget\tcode\troot\tquad\tgoldstein\tmodality"
                   "\ttext\tsource_span\tverb_span\ttarget_span");
    if (explain)
        dy_buf_adds(b, "\tpattern\tsource_entry\ttarget_entry\tmodality_cue\ttime"
                       "\tsource_relation\ttarget_relation");
    return dy_buf_addc(b, '\n');
}

/* A TSV span column "start-end", empty when absent. */
static char *put_tsv_span(char *p, code_span s)
{
    if (s.start < 0)
        return p;
    p = put_i(p, s.start);
    *p++ = '-';
    return put_i(p, s.end);
}

int code_event_write(dy_buf *b, int format, const txt_doc *doc,
                     const txt_analysis *an, const code_event *ev,
                     const code_cameo *cam, int explain)
{
    const code_cameo_entry *ce = cam ? code_cameo_get(cam, ev->code) : NULL;
    char date[11];
    int datelen = txt_date_format(&ev->date, date);
    const char *sent;
    size_t sentn;
    sentence_bytes(doc, an, ev, &sent, &sentn);
    /* The root is the code's first two characters, fewer if it is shorter. */
    size_t rootn = ev->code[0] ? (ev->code[1] ? 2 : 1) : 0;
    size_t idn = strlen(doc->id), srcn = strnlen(ev->source, sizeof ev->source),
           tgtn = strnlen(ev->target, sizeof ev->target),
           coden = strnlen(ev->code, sizeof ev->code);
    const code_explain *w = &ev->why;
    const txt_timex *tx = event_timex(an, ev);

    /* Strings that may be escaped (six bytes each at most), then the fixed
     * text, numbers and names, which FIXED_BOUND covers many times over. */
    size_t var = idn + srcn + tgtn + coden + sentn + (ev->geo.prec ? slen(ev->geo.name) : 0);
    if (explain)
        var += slen(w->pattern) + slen(w->pattern_text) + slen(w->source_entry) +
               slen(w->target_entry) + slen(w->modality_cue) + slen(w->src_rel) +
               slen(w->tgt_rel) +
               (tx ? tx->end - tx->start : 0);
    if (var > (SIZE_MAX - FIXED_BOUND) / 6) {
        b->oom = 1;
        return DY_ENOMEM;
    }
    char *p = dy_buf_reserve(b, var * 6 + FIXED_BOUND);
    if (!p)
        return DY_ENOMEM;

    if (format == CODE_OUT_TSV) {
        p = put_tsv(p, doc->id, idn);
        *p++ = '\t';
        p = put_u(p, ev->sent);
        *p++ = '\t';
        if (datelen > 0)
            p = put(p, date, (size_t)datelen);
        *p++ = '\t';
        p = put(p, ev->source, srcn);
        *p++ = '\t';
        p = put(p, ev->target, tgtn);
        *p++ = '\t';
        p = put(p, ev->code, coden);
        *p++ = '\t';
        p = put(p, ev->code, rootn);
        *p++ = '\t';
        if (ce) {
            p = put_i(p, ce->quad);
            *p++ = '\t';
            p = put_printf_f1(p, ce->goldstein);
        } else {
            *p++ = '\t';
        }
        *p++ = '\t';
        p = puts0(p, code_modality_name(ev->modality));
        *p++ = '\t';
        p = put_tsv(p, sent, sentn);
        *p++ = '\t';
        p = put_tsv_span(p, ev->src);
        *p++ = '\t';
        p = put_tsv_span(p, ev->verb);
        *p++ = '\t';
        p = put_tsv_span(p, ev->tgt);
        if (explain) {
            const char *cols[4] = {w->pattern, w->source_entry, w->target_entry, w->modality_cue};
            for (int i = 0; i < 4; i++) {
                *p++ = '\t';
                if (cols[i])
                    p = put_tsv(p, cols[i], strlen(cols[i]));
            }
            *p++ = '\t';
            if (tx)
                p = put_tsv(p, doc->text + tx->start, tx->end - tx->start);
            const char *rels[2] = {w->src_rel, w->tgt_rel};
            for (int i = 0; i < 2; i++) {
                *p++ = '\t';
                if (rels[i])
                    p = put_tsv(p, rels[i], strlen(rels[i]));
            }
        }
        *p++ = '\n';
        return done(b, p);
    }

    p = PUTL(p, "{\"doc\":");
    p = put_json(p, doc->id, idn);
    p = PUTL(p, ",\"sent\":");
    p = put_u(p, ev->sent);
    p = PUTL(p, ",\"date\":");
    if (datelen > 0) {
        *p++ = '"';
        p = put(p, date, (size_t)datelen);
        *p++ = '"';
    } else {
        p = PUTL(p, "null");
    }
    p = PUTL(p, ",\"source\":");
    p = put_json(p, ev->source, srcn);
    p = PUTL(p, ",\"target\":");
    p = put_json(p, ev->target, tgtn);
    p = PUTL(p, ",\"code\":\"");
    p = put(p, ev->code, coden);
    p = PUTL(p, "\",\"root\":\"");
    p = put(p, ev->code, rootn);
    p = PUTL(p, "\",");
    if (ce) {
        p = PUTL(p, "\"quad\":");
        p = put_i(p, ce->quad);
        p = PUTL(p, ",\"goldstein\":");
        p = put_f1(p, ce->goldstein);
    } else {
        p = PUTL(p, "\"quad\":null,\"goldstein\":null");
    }
    p = PUTL(p, ",\"modality\":\"");
    p = puts0(p, code_modality_name(ev->modality));
    p = PUTL(p, "\",\"text\":");
    p = put_json(p, sent, sentn);
    p = PUTL(p, ",\"spans\":{");
    p = PUT_SPAN(p, "source", ev->src);
    *p++ = ',';
    p = PUT_SPAN(p, "verb", ev->verb);
    *p++ = ',';
    p = PUT_SPAN(p, "target", ev->tgt);
    *p++ = '}';
    p = put_geo_json(p, &ev->geo);
    if (explain)
        p = put_explain_json(p, doc, an, ev);
    p = PUTL(p, "}\n");
    return done(b, p);
}
