/* events.c - events as the scorers see them: made from the coder's events,
 * copied into a scorer's arena. */
#include "eval/eval_internal.h"

#include <string.h>

/* NUL-terminated copy of a fixed-size char array that may fill it. */
static const char *fixed(char *dst, size_t dstn, const char *src, size_t srcn)
{
    size_t n = strnlen(src, srcn);
    if (n >= dstn)
        n = dstn - 1;
    memcpy(dst, src, n);
    dst[n] = '\0';
    return dst;
}

void eval_event_from_code(eval_event *ev, eval_event_store *st, const txt_doc *doc,
                          const txt_analysis *an, const code_event *e)
{
    memset(ev, 0, sizeof *ev);
    ev->doc = doc->id;
    ev->sent = (long)e->sent;
    ev->src = e->src;
    ev->verb = e->verb;
    ev->tgt = e->tgt;
    if (an && e->sent < an->nsent) {
        const txt_sentence *s = &an->sents[e->sent];
        ev->text = doc->text + s->start;
        ev->text_len = s->end - s->start;
    }
    ev->code = fixed(st->code, sizeof st->code, e->code, sizeof e->code);
    ev->source = fixed(st->source, sizeof st->source, e->source, sizeof e->source);
    ev->target = fixed(st->target, sizeof st->target, e->target, sizeof e->target);
    ev->date = txt_date_format(&e->date, st->date) > 0 ? st->date : NULL;
    ev->modality = code_modality_name(e->modality);
    ev->pattern = e->why.pattern;
    ev->pattern_text = e->why.pattern_text;
    ev->source_entry = e->why.source_entry;
    ev->target_entry = e->why.target_entry;
    ev->modality_cue = e->why.modality_cue;
}

/* Arena copy of s (NULL stays NULL); sets *fail when out of memory. */
static const char *dup(dy_arena *a, const char *s, int *fail)
{
    if (!s)
        return NULL;
    char *c = dy_arena_strndup(a, s, strlen(s));
    if (!c)
        *fail = 1;
    return c;
}

int eval_event_copy(dy_arena *a, eval_event *dst, const eval_event *src)
{
    int fail = 0;
    *dst = *src;
    dst->doc = dup(a, src->doc ? src->doc : "", &fail);
    dst->text = NULL;
    dst->text_len = 0;
    if (src->text) {
        dst->text = dy_arena_strndup(a, src->text, src->text_len);
        dst->text_len = src->text_len;
        fail |= dst->text == NULL;
    }
    dst->code = dup(a, src->code ? src->code : "", &fail);
    dst->source = dup(a, src->source ? src->source : "", &fail);
    dst->target = dup(a, src->target ? src->target : "", &fail);
    dst->date = dup(a, src->date, &fail);
    dst->modality = dup(a, src->modality, &fail);
    dst->pattern = dup(a, src->pattern, &fail);
    dst->pattern_text = dup(a, src->pattern_text, &fail);
    dst->source_entry = dup(a, src->source_entry, &fail);
    dst->target_entry = dup(a, src->target_entry, &fail);
    dst->modality_cue = dup(a, src->modality_cue, &fail);
    return fail ? DY_ENOMEM : 0;
}
