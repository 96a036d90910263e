/* event.c - the event contract: writing events as JSON lines or TSV.
 * docs/formats.md documents every field; keep the two in step. */
#include "code/code.h"

#include <string.h>

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

static void json_span(dy_buf *b, const char *key, code_span s)
{
    dy_buf_addc(b, '"');
    dy_buf_adds(b, key);
    dy_buf_adds(b, "\":");
    if (s.start < 0) {
        dy_buf_adds(b, "null");
        return;
    }
    dy_buf_addc(b, '[');
    dy_buf_addi(b, s.start);
    dy_buf_addc(b, ',');
    dy_buf_addi(b, s.end);
    dy_buf_addc(b, ']');
}

static void json_str_or_null(dy_buf *b, const char *s)
{
    if (s)
        dy_buf_json_str(b, s, strlen(s));
    else
        dy_buf_adds(b, "null");
}

static void json_tok(dy_buf *b, const char *key, const uint32_t t[2])
{
    dy_buf_printf(b, "\"%s\":", key);
    if (t[0] == t[1])
        dy_buf_adds(b, "null");
    else
        dy_buf_printf(b, "[%u,%u]", (unsigned)t[0], (unsigned)t[1]);
}

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

static void write_explain_json(dy_buf *b, const txt_doc *doc, const txt_analysis *an,
                               const code_event *ev)
{
    const code_explain *w = &ev->why;
    dy_buf_adds(b, ",\"explain\":{\"pattern\":");
    json_str_or_null(b, w->pattern);
    dy_buf_adds(b, ",\"pattern_text\":");
    json_str_or_null(b, w->pattern_text);
    dy_buf_adds(b, ",\"source_entry\":");
    json_str_or_null(b, w->source_entry);
    dy_buf_adds(b, ",\"target_entry\":");
    json_str_or_null(b, w->target_entry);
    dy_buf_adds(b, ",\"tokens\":{");
    json_tok(b, "source", w->src_tok);
    dy_buf_addc(b, ',');
    json_tok(b, "verb", w->verb_tok);
    dy_buf_addc(b, ',');
    json_tok(b, "target", w->tgt_tok);
    dy_buf_adds(b, "},\"modality_cue\":");
    if (w->modality_cue) {
        dy_buf_adds(b, "{\"text\":");
        dy_buf_json_str(b, w->modality_cue, strlen(w->modality_cue));
        dy_buf_addc(b, ',');
        json_span(b, "span", w->cue);
        dy_buf_addc(b, '}');
    } else {
        dy_buf_adds(b, "null");
    }
    dy_buf_adds(b, ",\"time\":");
    if (an && w->timex >= 0 && (size_t)w->timex < an->ntimex) {
        const txt_timex *tx = &an->timex[w->timex];
        dy_buf_adds(b, "{\"text\":");
        dy_buf_json_str(b, doc->text + tx->start, tx->end - tx->start);
        dy_buf_printf(b, ",\"span\":[%u,%u],\"precision\":\"%s\"}", (unsigned)tx->start,
                      (unsigned)tx->end, txt_prec_name(tx->date.prec));
    } else {
        dy_buf_adds(b, ev->date.prec ? "\"document date\"" : "null");
    }
    dy_buf_addc(b, '}');
}

static void tsv_span(dy_buf *b, code_span s)
{
    if (s.start >= 0)
        dy_buf_printf(b, "%d-%d", (int)s.start, (int)s.end);
}

int code_event_write_tsv_header(dy_buf *b, int explain)
{
    dy_buf_adds(b, "doc\tsent\tdate\tsource\ttarget\tcode\troot\tquad\tgoldstein\tmodality"
                   "\ttext\tsource_span\tverb_span\ttarget_span");
    if (explain)
        dy_buf_adds(b, "\tpattern\tsource_entry\ttarget_entry\tmodality_cue\ttime");
    return dy_buf_addc(b, '\n');
}

int code_event_write(dy_buf *b, int format, const txt_doc *doc,
                     const txt_analysis *an, const code_event *ev,
                     const code_cameo *cam, int explain)
{
    const code_cameo_entry *ce = cam ? code_cameo_get(cam, ev->code) : NULL;
    char date[11];
    int has_date = txt_date_format(&ev->date, date) > 0;
    const char *sent;
    size_t sentn;
    sentence_bytes(doc, an, ev, &sent, &sentn);
    char root[3] = {ev->code[0], ev->code[1], '\0'};

    if (format == CODE_OUT_TSV) {
        dy_buf_tsv_str(b, doc->id, strlen(doc->id));
        dy_buf_printf(b, "\t%u\t%s\t%s\t%s\t%s\t%s\t", (unsigned)ev->sent,
                      has_date ? date : "", ev->source, ev->target, ev->code, root);
        if (ce)
            dy_buf_printf(b, "%d\t%.1f", ce->quad, ce->goldstein);
        else
            dy_buf_addc(b, '\t');
        dy_buf_printf(b, "\t%s\t", code_modality_name(ev->modality));
        dy_buf_tsv_str(b, sent, sentn);
        dy_buf_addc(b, '\t');
        tsv_span(b, ev->src);
        dy_buf_addc(b, '\t');
        tsv_span(b, ev->verb);
        dy_buf_addc(b, '\t');
        tsv_span(b, ev->tgt);
        if (explain) {
            const code_explain *w = &ev->why;
            const char *cols[4] = {w->pattern, w->source_entry, w->target_entry, w->modality_cue};
            for (int i = 0; i < 4; i++) {
                dy_buf_addc(b, '\t');
                if (cols[i])
                    dy_buf_tsv_str(b, cols[i], strlen(cols[i]));
            }
            dy_buf_addc(b, '\t');
            if (an && w->timex >= 0 && (size_t)w->timex < an->ntimex)
                dy_buf_tsv_str(b, doc->text + an->timex[w->timex].start,
                               an->timex[w->timex].end - an->timex[w->timex].start);
        }
        return dy_buf_addc(b, '\n');
    }

    dy_buf_adds(b, "{\"doc\":");
    dy_buf_json_str(b, doc->id, strlen(doc->id));
    dy_buf_adds(b, ",\"sent\":");
    dy_buf_addi(b, ev->sent);
    dy_buf_adds(b, ",\"date\":");
    if (has_date) {
        dy_buf_addc(b, '"');
        dy_buf_adds(b, date);
        dy_buf_addc(b, '"');
    } else {
        dy_buf_adds(b, "null");
    }
    dy_buf_adds(b, ",\"source\":");
    dy_buf_json_str(b, ev->source, strlen(ev->source));
    dy_buf_adds(b, ",\"target\":");
    dy_buf_json_str(b, ev->target, strlen(ev->target));
    dy_buf_adds(b, ",\"code\":\"");
    dy_buf_adds(b, ev->code);
    dy_buf_adds(b, "\",\"root\":\"");
    dy_buf_adds(b, root);
    dy_buf_adds(b, "\",");
    if (ce) {
        dy_buf_adds(b, "\"quad\":");
        dy_buf_addi(b, ce->quad);
        dy_buf_adds(b, ",\"goldstein\":");
        dy_buf_addf1(b, ce->goldstein);
    } else {
        dy_buf_adds(b, "\"quad\":null,\"goldstein\":null");
    }
    dy_buf_adds(b, ",\"modality\":\"");
    dy_buf_adds(b, code_modality_name(ev->modality));
    dy_buf_adds(b, "\",\"text\":");
    dy_buf_json_str(b, sent, sentn);
    dy_buf_adds(b, ",\"spans\":{");
    json_span(b, "source", ev->src);
    dy_buf_addc(b, ',');
    json_span(b, "verb", ev->verb);
    dy_buf_addc(b, ',');
    json_span(b, "target", ev->tgt);
    dy_buf_addc(b, '}');
    if (explain)
        write_explain_json(b, doc, an, ev);
    dy_buf_adds(b, "}\n");
    return b->oom ? DY_ENOMEM : 0;
}
