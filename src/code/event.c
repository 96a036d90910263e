/* event.c - the event contract: writing events as JSON lines or TSV.
 * docs/formats.md documents every field. This is the one event writer:
 * the coder's events and the store's (web stage) both go through
 * code_event_rec_write.
 *
 * A record is written straight into the output buffer through a cursor:
 * each field first checks that its largest size (every escaped byte takes
 * at most six) fits before the end of the buffer's room, which grows when
 * it does not, and is then copied without further checks. A call per field
 * through dy_buf (length, capacity and terminator each time) cost several
 * thousand instructions per event, as much as finding the event. */
#include "code/code.h"
#include "code/code_export.h"
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

/* A cursor over the room of a dy_buf: p is where the next byte goes, end
 * the end of the room (the terminator's byte excluded). */
typedef struct wr {
    dy_buf *b;
    size_t start;   /* b->len when the record began */
    char *p, *end;
    int oom;        /* set once room could not be made; writes stop */
} wr;

/* Grow the room to at least n bytes past p, keeping what was written.
 * Returns 0, or DY_ENOMEM with w->oom set. */
static int grow(wr *w, size_t n)
{
    if (w->oom)
        return DY_ENOMEM;
    dy_buf *b = w->b;
    b->len = w->p ? (size_t)(w->p - b->data) : b->len;
    /* Twice what is asked: one growth covers the next few fields. */
    char *q = n <= SIZE_MAX / 2 ? dy_buf_reserve(b, 2 * n) : NULL;
    if (!q) {
        b->oom = 1;
        w->oom = 1;
        return DY_ENOMEM;
    }
    w->p = q;
    w->end = b->data + b->cap - 1;
    return 0;
}

/* Room for n more bytes at w->p: 0, or DY_ENOMEM (then writes are skipped). */
static inline int room(wr *w, size_t n)
{
    if (w->oom || !w->p || (size_t)(w->end - w->p) < n)
        return grow(w, n);
    return 0;
}

/* Start a record at the end of b's contents. */
static void wr_open(wr *w, dy_buf *b)
{
    *w = (wr){.b = b, .start = b->len};
    if (b->oom) {
        w->oom = 1;
        return;
    }
    if (b->data && b->cap > b->len + 1) {
        w->p = b->data + b->len;
        w->end = b->data + b->cap - 1;
    }
}

/* Close the record: length and terminator, or, after a failure, drop what
 * was written of it. Returns 0 or DY_ENOMEM. */
static int wr_close(wr *w)
{
    dy_buf *b = w->b;
    if (w->oom) {
        b->len = w->start;
        if (b->data)
            b->data[b->len] = '\0';
        return DY_ENOMEM;
    }
    if (!w->p)
        return 0; /* nothing written */
    b->len = (size_t)(w->p - b->data);
    b->data[b->len] = '\0';
    return 0;
}

static void put(wr *w, const char *s, size_t n)
{
    if (room(w, n))
        return;
    memcpy(w->p, s, n);
    w->p += n;
}

static void putc1(wr *w, char c)
{
    if (room(w, 1))
        return;
    *w->p++ = c;
}

/* String literals only: their size is known at compile time. */
#define PUTL(w, lit) put((w), (lit), sizeof(lit) - 1)

static void puts0(wr *w, const char *s) { put(w, s, strlen(s)); }

/* Digits are counted first and written backwards in place: no scratch
 * copy for the three spans and the sentence number of every event. */
static void put_u(wr *w, unsigned long long u)
{
    size_t n = 1;
    for (unsigned long long t = u; t >= 10; t /= 10)
        n++;
    if (room(w, n))
        return;
    char *e = w->p + n;
    do {
        *--e = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    w->p += n;
}

static void put_i(wr *w, long long v)
{
    if (v < 0) {
        putc1(w, '-');
        put_u(w, 0ull - (unsigned long long)v);
        return;
    }
    put_u(w, (unsigned long long)v);
}

/* One decimal, rounded half away from zero (as dy_buf_addf1, which the
 * JSON output has always used). */
static void put_f1(wr *w, double v)
{
    long long t = (long long)(v * 10.0 + (v < 0 ? -0.5 : 0.5));
    if (t < 0) {
        putc1(w, '-');
        t = -t;
    }
    put_i(w, t / 10);
    char frac[2] = {'.', (char)('0' + t % 10)};
    put(w, frac, 2);
}

/* printf's "%.1f", as the TSV output has always written it: put_f1 when
 * v is a one-decimal number (then both agree), snprintf otherwise. */
static void put_printf_f1(wr *w, double v)
{
    if (fabs(v) < 1e15) {
        long long t = (long long)(v * 10.0 + (v < 0 ? -0.5 : 0.5));
        if ((double)t / 10.0 == v && !(t == 0 && signbit(v))) {
            put_f1(w, v);
            return;
        }
    }
    char tmp[64];
    int n = snprintf(tmp, sizeof tmp, "%.1f", v);
    put(w, tmp, n > 0 ? (size_t)n : 0);
}

/* The JSON escape of one byte that needs one (see plain()); the caller
 * made room for six bytes. */
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
        memcpy(p, "u00", 3);
        p += 3;
        *p++ = hex[c >> 4];
        *p++ = hex[c & 15];
    }
    return p;
}

/* Bytes written as they are in a JSON string: not '"', '\\', DEL nor a
 * control character. */
static int plain(unsigned char c) { return c >= 0x20 && c != '"' && c != '\\' && c != 0x7f; }

/* s[0..n) as a JSON string literal with its quotes, in room made for the
 * largest, 6n + 2 bytes. Vectors are stored only while sixteen source
 * bytes remain, so a store never reaches past that room. */
static void put_json(wr *w, const char *s, size_t n)
{
    if (n > (SIZE_MAX - 2) / 6) {
        w->oom = w->b->oom = 1;
        return;
    }
    if (room(w, 6 * n + 2))
        return;
    char *p = w->p;
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
    w->p = p;
}

/* A NUL-terminated string as JSON, or null. */
static void put_json_or_null(wr *w, const char *s)
{
    if (s)
        put_json(w, s, strlen(s));
    else
        PUTL(w, "null");
}

/* s[0..n) for a TSV field: tabs, newlines and CRs become spaces; a cell a
 * spreadsheet would read as a formula starts with an apostrophe. */
static void put_tsv(wr *w, const char *s, size_t n)
{
    if (room(w, n + 1))
        return;
    char *p = w->p;
    if (dy_cell_formula(s, n))
        *p++ = '\'';
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        p[i] = c == '\t' || c == '\n' || c == '\r' ? ' ' : c;
    }
    w->p = p + n;
}

/* A NUL-terminated TSV field; nothing for NULL. */
static void put_tsv0(wr *w, const char *s)
{
    if (s)
        put_tsv(w, s, strlen(s));
}

/* "key":[start,end] or "key":null; key is a literal without quotes. */
static void put_span(wr *w, const char *key, size_t keyn, code_span s)
{
    putc1(w, '"');
    put(w, key, keyn);
    PUTL(w, "\":");
    if (s.start < 0) {
        PUTL(w, "null");
        return;
    }
    putc1(w, '[');
    put_i(w, s.start);
    putc1(w, ',');
    put_i(w, s.end);
    putc1(w, ']');
}
#define PUT_SPAN(w, key, s) put_span((w), (key), sizeof(key) - 1, (s))

/* "key":[begin,end] of a token range, or null when empty. */
static void put_tok(wr *w, const char *key, size_t keyn, const uint32_t t[2])
{
    putc1(w, '"');
    put(w, key, keyn);
    PUTL(w, "\":");
    if (t[0] == t[1]) {
        PUTL(w, "null");
        return;
    }
    putc1(w, '[');
    put_u(w, t[0]);
    putc1(w, ',');
    put_u(w, t[1]);
    putc1(w, ']');
}
#define PUT_TOK(w, key, t) put_tok((w), (key), sizeof(key) - 1, (t))

/* The "explain" object of a record. */
static void put_explain_json(wr *w, const code_event_rec *r)
{
    PUTL(w, ",\"explain\":{\"pattern\":");
    put_json_or_null(w, r->pattern);
    if (r->explain == CODE_EXPLAIN_CODED) {
        PUTL(w, ",\"pattern_text\":");
        put_json_or_null(w, r->pattern_text);
    }
    PUTL(w, ",\"source_entry\":");
    put_json_or_null(w, r->source_entry);
    PUTL(w, ",\"target_entry\":");
    put_json_or_null(w, r->target_entry);
    if (r->explain == CODE_EXPLAIN_STORED) {
        PUTL(w, ",\"dict_version\":");
        put_json_or_null(w, r->dict_version);
        putc1(w, '}');
        return;
    }
    const code_explain *x = r->why;
    static const code_explain none = {0};
    if (!x)
        x = &none;
    PUTL(w, ",\"tokens\":{");
    PUT_TOK(w, "source", x->src_tok);
    putc1(w, ',');
    PUT_TOK(w, "verb", x->verb_tok);
    putc1(w, ',');
    PUT_TOK(w, "target", x->tgt_tok);
    PUTL(w, "},\"relations\":{\"source\":");
    put_json_or_null(w, x->src_rel);
    PUTL(w, ",\"target\":");
    put_json_or_null(w, x->tgt_rel);
    PUTL(w, "},\"modality_cue\":");
    if (x->modality_cue) {
        PUTL(w, "{\"text\":");
        put_json(w, x->modality_cue, strlen(x->modality_cue));
        putc1(w, ',');
        PUT_SPAN(w, "span", x->cue);
        putc1(w, '}');
    } else {
        PUTL(w, "null");
    }
    PUTL(w, ",\"time\":");
    if (r->time_text) {
        PUTL(w, "{\"text\":");
        put_json(w, r->time_text, r->time_len);
        PUTL(w, ",\"span\":[");
        put_u(w, r->time_start);
        putc1(w, ',');
        put_u(w, r->time_end);
        PUTL(w, "],\"precision\":\"");
        puts0(w, r->time_prec ? r->time_prec : "");
        PUTL(w, "\"}");
    } else if (r->doc_dated) {
        PUTL(w, "\"document date\"");
    } else {
        PUTL(w, "null");
    }
    putc1(w, '}');
}

/* ,"geo":{name, country, lat, lon, precision, source}, or ,"geo":null when
 * the event is not placed (docs/exports.md). */
static void put_geo_json(wr *w, const code_event_rec *r)
{
    if (!r->geo_prec) {
        PUTL(w, ",\"geo\":null");
        return;
    }
    PUTL(w, ",\"geo\":{\"name\":");
    put_json(w, r->geo_name ? r->geo_name : "", r->geo_name ? strlen(r->geo_name) : 0);
    PUTL(w, ",\"country\":");
    put_json(w, r->geo_country ? r->geo_country : "", r->geo_country ? strlen(r->geo_country) : 0);
    char num[80];
    int n = snprintf(num, sizeof num, ",\"lat\":%.4f,\"lon\":%.4f", r->geo_lat, r->geo_lon);
    put(w, num, n > 0 && (size_t)n < sizeof num ? (size_t)n : 0);
    PUTL(w, ",\"precision\":");
    put_json(w, r->geo_prec, strlen(r->geo_prec));
    PUTL(w, ",\"source\":");
    put_json(w, r->geo_src ? r->geo_src : "", r->geo_src ? strlen(r->geo_src) : 0);
    putc1(w, '}');
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
static void put_tsv_span(wr *w, code_span s)
{
    if (s.start < 0)
        return;
    put_i(w, s.start);
    putc1(w, '-');
    put_i(w, s.end);
}

/* The TSV columns of a record (code_event_write_tsv_header). */
static void put_rec_tsv(wr *w, const code_event_rec *r)
{
    put_tsv(w, r->doc, r->doc_len);
    putc1(w, '\t');
    put_i(w, r->sent);
    putc1(w, '\t');
    if (r->date)
        puts0(w, r->date);
    putc1(w, '\t');
    put(w, r->source, r->source_len);
    putc1(w, '\t');
    put(w, r->target, r->target_len);
    putc1(w, '\t');
    put(w, r->code, r->code_len);
    putc1(w, '\t');
    put(w, r->root, r->root_len);
    putc1(w, '\t');
    if (r->has_quad) {
        put_i(w, r->quad);
        putc1(w, '\t');
        put_printf_f1(w, r->goldstein);
    } else {
        putc1(w, '\t');
    }
    putc1(w, '\t');
    if (r->modality)
        puts0(w, r->modality);
    putc1(w, '\t');
    put_tsv(w, r->text, r->text_len);
    putc1(w, '\t');
    put_tsv_span(w, r->src);
    putc1(w, '\t');
    put_tsv_span(w, r->verb);
    putc1(w, '\t');
    put_tsv_span(w, r->tgt);
    if (r->explain) {
        const char *cols[3] = {r->pattern, r->source_entry, r->target_entry};
        for (int i = 0; i < 3; i++) {
            putc1(w, '\t');
            put_tsv0(w, cols[i]);
        }
        const code_explain *x = r->why;
        putc1(w, '\t');
        put_tsv0(w, x ? x->modality_cue : NULL);
        putc1(w, '\t');
        if (r->time_text)
            put_tsv(w, r->time_text, r->time_len);
        putc1(w, '\t');
        put_tsv0(w, x ? x->src_rel : NULL);
        putc1(w, '\t');
        put_tsv0(w, x ? x->tgt_rel : NULL);
    }
}

/* The JSON object of a record. */
static void put_rec_json(wr *w, const code_event_rec *r)
{
    if (r->has_id) {
        PUTL(w, "{\"id\":");
        put_i(w, r->id);
        PUTL(w, ",\"doc\":");
    } else {
        PUTL(w, "{\"doc\":");
    }
    put_json(w, r->doc, r->doc_len);
    PUTL(w, ",\"sent\":");
    put_i(w, r->sent);
    PUTL(w, ",\"date\":");
    put_json_or_null(w, r->date);
    PUTL(w, ",\"source\":");
    put_json(w, r->source, r->source_len);
    PUTL(w, ",\"target\":");
    put_json(w, r->target, r->target_len);
    if (r->source_name) {
        PUTL(w, ",\"source_name\":");
        put_json(w, r->source_name, strlen(r->source_name));
    }
    if (r->target_name) {
        PUTL(w, ",\"target_name\":");
        put_json(w, r->target_name, strlen(r->target_name));
    }
    PUTL(w, ",\"code\":");
    put_json(w, r->code, r->code_len);
    PUTL(w, ",\"root\":");
    put_json(w, r->root, r->root_len);
    if (r->has_quad) {
        PUTL(w, ",\"quad\":");
        put_i(w, r->quad);
        PUTL(w, ",\"goldstein\":");
        put_f1(w, r->goldstein);
    } else {
        PUTL(w, ",\"quad\":null,\"goldstein\":null");
    }
    PUTL(w, ",\"modality\":");
    put_json_or_null(w, r->modality);
    PUTL(w, ",\"text\":");
    put_json(w, r->text, r->text_len);
    PUTL(w, ",\"spans\":{");
    PUT_SPAN(w, "source", r->src);
    putc1(w, ',');
    PUT_SPAN(w, "verb", r->verb);
    putc1(w, ',');
    PUT_SPAN(w, "target", r->tgt);
    putc1(w, '}');
    if (r->has_geo)
        put_geo_json(w, r);
    if (r->explain)
        put_explain_json(w, r);
    if (r->has_support) {
        PUTL(w, ",\"support\":");
        put_i(w, r->support);
    }
    putc1(w, '}');
}

int code_event_rec_write(dy_buf *b, int format, const code_event_rec *r, int newline)
{
    wr w;
    wr_open(&w, b);
    if (format == CODE_OUT_TSV)
        put_rec_tsv(&w, r);
    else
        put_rec_json(&w, r);
    if (newline)
        putc1(&w, '\n');
    return wr_close(&w);
}

int code_event_write(dy_buf *b, int format, const txt_doc *doc,
                     const txt_analysis *an, const code_event *ev,
                     const code_cameo *cam, const dict_names *names, int explain)
{
    const code_cameo_entry *ce = cam ? code_cameo_get(cam, ev->code) : NULL;
    char sn[160], tn[160];
    char date[11];
    int datelen = txt_date_format(&ev->date, date);
    code_event_rec r = {
        .doc = doc->id,
        .doc_len = strlen(doc->id),
        .sent = ev->sent,
        .date = datelen > 0 ? date : NULL,
        .source = ev->source,
        .source_len = strnlen(ev->source, sizeof ev->source),
        .target = ev->target,
        .target_len = strnlen(ev->target, sizeof ev->target),
        .code = ev->code,
        .code_len = strnlen(ev->code, sizeof ev->code),
        .root = ev->code,
        .has_quad = ce != NULL,
        .quad = ce ? ce->quad : 0,
        .goldstein = ce ? ce->goldstein : 0.0,
        .modality = code_modality_name(ev->modality),
        .text = "",
        .src = ev->src,
        .verb = ev->verb,
        .tgt = ev->tgt,
        .source_name = names ? dict_names_get(names, ev->source, sn, sizeof sn) : NULL,
        .target_name = names ? dict_names_get(names, ev->target, tn, sizeof tn) : NULL,
    };
    /* The root is the code's first two characters, fewer if it is shorter. */
    r.root_len = r.code_len < 2 ? r.code_len : 2;
    const code_geo *g = &ev->geo;
    char gc[4];
    r.has_geo = 1;
    if (g->prec) {
        memcpy(gc, g->country, 3);
        gc[3] = '\0';
        r.geo_name = g->name;
        r.geo_country = gc;
        r.geo_lat = g->lat;
        r.geo_lon = g->lon;
        r.geo_prec = code_geo_prec_name(g->prec);
        r.geo_src = code_geo_src_name(g->src);
    }
    /* The sentence; an event always comes from one, this only guards the
     * writer against an index out of range. */
    if (an && ev->sent < an->nsent) {
        const txt_sentence *st = &an->sents[ev->sent];
        r.text = doc->text + st->start;
        r.text_len = st->end - st->start;
    }
    if (explain) {
        const code_explain *x = &ev->why;
        r.explain = CODE_EXPLAIN_CODED;
        r.pattern = x->pattern;
        r.pattern_text = x->pattern_text;
        r.source_entry = x->source_entry;
        r.target_entry = x->target_entry;
        r.why = x;
        /* The event's time expression, unless it has the document date. */
        int32_t t = x->timex;
        if (an && t >= 0 && (size_t)t < an->ntimex) {
            const txt_timex *tx = &an->timex[t];
            r.time_text = doc->text + tx->start;
            r.time_len = tx->end - tx->start;
            r.time_start = tx->start;
            r.time_end = tx->end;
            r.time_prec = txt_prec_name(tx->date.prec);
        } else {
            r.doc_dated = ev->date.prec != 0;
        }
    }
    return code_event_rec_write(b, format, &r, 1);
}
