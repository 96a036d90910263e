/* eval.c - measuring the tagger and the parser on a treebank, the way the
 * CoNLL 2018 shared task counts: on the treebank's own words (gold
 * tokenisation), with predicted tags, punctuation included, LAS on the
 * universal part of the relations. */
#include "syntax/syntax_conllu.h"

#include <string.h>

static void score_sentence(const syn_model *m, const syn_csent *s, const syn_tree *t,
                           syn_eval_result *r)
{
    for (size_t j = 0; j < s->n; j++) {
        const syn_cword *w = &s->w[j];
        r->upos += t->upos[j] == w->upos;
        r->xpos += strcmp(syn_tag_name(m, t->tag[j]), w->xpos) == 0;
        if (t->head[j] == w->head) {
            r->uas++;
            r->las += syn_rel_universal(t->rel[j]) == syn_rel_universal(w->rel);
        }
    }
    r->tokens += (long)s->n;
    r->sentences++;
}

/* Contract in syntax.h. */
int syn_eval_conllu(const syn_model *m, const char *path, syn_eval_result *r, dy_err *err)
{
    memset(r, 0, sizeof *r);
    dy_arena *a = dy_arena_new(), *scratch = dy_arena_new();
    if (!a || !scratch) {
        dy_arena_free(a);
        dy_arena_free(scratch);
        return dy_err_set(err, DY_ENOMEM, path, 0, -1, "out of memory");
    }
    syn_csent *s;
    size_t n;
    int rc = syn_conllu_read(path, a, &s, &n, err);
    for (size_t i = 0; !rc && i < n; i++) {
        dy_arena_reset(scratch);
        txt_token *toks;
        syn_tree t;
        if (syn_gold_tokens(&s[i], scratch, &toks)) {
            rc = dy_err_set(err, DY_ENOMEM, path, s[i].line, -1, "out of memory");
            break;
        }
        rc = syn_parse(m, toks, s[i].n, scratch, &t, err);
        if (rc == DY_ELIMIT) { /* too long to parse: every word counts as wrong */
            rc = 0;
            r->tokens += (long)s[i].n;
            r->sentences++;
            continue;
        }
        if (!rc)
            score_sentence(m, &s[i], &t, r);
    }
    dy_arena_free(scratch);
    dy_arena_free(a);
    return rc;
}
