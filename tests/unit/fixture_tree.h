/* fixture_tree.h - a dependency tree written by hand, for the tests of the
 * coder's rule modules that read a parse (test_pronoun.c,
 * test_modality.c). Included by one test file each (its functions are
 * static). */
#ifndef DYAD_FIXTURE_TREE_H
#define DYAD_FIXTURE_TREE_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "syntax/syntax.h"
#include "text/text.h"

/* Tokens a fixture sentence may have. */
#define FIXTURE_TREE_MAX 48

/* A tree and the arrays it points into. */
typedef struct fixture_tree {
    uint8_t tag[FIXTURE_TREE_MAX], upos[FIXTURE_TREE_MAX], xpos[FIXTURE_TREE_MAX];
    uint8_t rel[FIXTURE_TREE_MAX];
    int32_t head[FIXTURE_TREE_MAX];
    syn_tree tree;
} fixture_tree;

/* Read the tree of the sentence of tokens [tb, te) of tk (over text) into
 * ft->tree: one row per token "FORM UPOS HEAD DEPREL" (HEAD 1-based in the
 * sentence, 0 for the root), rows split by '|'. Each FORM must be its
 * token's text, and every token must have its row (the test fails). */
static void fixture_tree_read(fixture_tree *ft, const char *rows, const char *text,
                              const txt_token *tk, uint32_t tb, uint32_t te)
{
    char buf[1024];
    snprintf(buf, sizeof buf, "%s", rows);
    uint32_t n = 0;
    char *save = NULL;
    for (char *row = strtok_r(buf, "|", &save); row; row = strtok_r(NULL, "|", &save), n++) {
        char form[64], up[16], rel[32];
        int head;
        assert_int_equal(sscanf(row, "%63s %15s %d %31s", form, up, &head, rel), 4);
        assert_true(tb + n < te && n < FIXTURE_TREE_MAX);
        const txt_token *k = &tk[tb + n];
        assert_true(strlen(form) == k->end - k->start &&
                    !memcmp(text + k->start, form, strlen(form)));
        int u = syn_upos_lookup(up, strlen(up)), r = syn_rel_lookup(rel, strlen(rel));
        assert_true(u >= 0 && r >= 0);
        ft->upos[n] = (uint8_t)u;
        ft->rel[n] = (uint8_t)r;
        ft->head[n] = head - 1;
    }
    assert_int_equal(n, te - tb);
    ft->tree = (syn_tree){.n = n, .tag = ft->tag, .upos = ft->upos, .xpos = ft->xpos,
                          .head = ft->head, .rel = ft->rel};
}

#endif
