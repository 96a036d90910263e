/* lexicon.c - the tagger's word-class lexicon: for a word form, which open
 * classes it can belong to (noun, plural noun, verb base, -s, -ed, -ing,
 * adjective, adverb).
 *
 * The treebanks are small (50,000 words): a fifth of the words of news
 * text never occur in them, and for those the tagger has only affixes and
 * shape to go by. The lexicon is built once, at training time, from
 * WordNet 3.0's index and exception files (Debian package wordnet-base;
 * Princeton's WordNet licence, docs/syntax.md), with regular English
 * inflection, and stored in the model file: dyad needs no WordNet at run
 * time.
 */
#include "syntax/syntax_internal.h"
#include "core/alloc.h"

#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- lookup ---------------------------------------------------------- */

/* The home slot of form hash h: txt_hash (FNV-1a) hardly varies in its
 * high bits between short words, so it is mixed first. */
static inline uint32_t home(const syn_lexicon *x, uint64_t h)
{
    return (uint32_t)((h * 0x9E3779B97F4A7C15ull) >> 32) & x->mask;
}

/* Contract in syntax_internal.h. */
uint16_t syn_lexicon_get(const syn_lexicon *x, uint64_t h)
{
    if (!x->keys)
        return 0;
    uint32_t slot = home(x, h);
    for (;;) {
        uint64_t k = x->keys[slot];
        if (k == h)
            return x->cls[slot];
        if (k == 0)
            return 0;
        slot = (slot + 1) & x->mask;
    }
}

/* Contract in syntax_internal.h. */
int syn_lexicon_add(syn_lexicon *x, uint64_t h, uint16_t cls)
{
    if (h == 0)
        h = 1;
    if (!x->keys || 2 * (x->n + 1) > x->mask) {
        uint32_t mask = x->keys ? 2 * x->mask + 1 : (1u << 12) - 1;
        uint64_t *keys = dy_calloc((size_t)mask + 1, sizeof *keys);
        uint16_t *c = dy_calloc((size_t)mask + 1, sizeof *c);
        if (!keys || !c) {
            dy_free(keys);
            dy_free(c);
            return DY_ENOMEM;
        }
        for (uint32_t i = 0; x->keys && i <= x->mask; i++) {
            if (!x->keys[i])
                continue;
            uint32_t s = (uint32_t)((x->keys[i] * 0x9E3779B97F4A7C15ull) >> 32) & mask;
            while (keys[s])
                s = (s + 1) & mask;
            keys[s] = x->keys[i];
            c[s] = x->cls[i];
        }
        dy_free(x->keys);
        dy_free(x->cls);
        x->keys = keys;
        x->cls = c;
        x->mask = mask;
    }
    uint32_t slot = home(x, h);
    while (x->keys[slot] && x->keys[slot] != h)
        slot = (slot + 1) & x->mask;
    if (!x->keys[slot])
        x->n++;
    x->keys[slot] = h;
    x->cls[slot] |= cls;
    return 0;
}

/* Contract in syntax_internal.h. */
int syn_lexicon_reserve(syn_lexicon *x, uint32_t n)
{
    assert(x->keys == NULL);
    uint32_t mask = (1u << 12) - 1;
    while (2 * (uint64_t)(n + 1) > mask)
        mask = 2 * mask + 1;
    x->keys = dy_calloc((size_t)mask + 1, sizeof *x->keys);
    x->cls = dy_calloc((size_t)mask + 1, sizeof *x->cls);
    x->mask = mask;
    if (!x->keys || !x->cls) {
        syn_lexicon_free(x);
        return DY_ENOMEM;
    }
    return 0;
}

void syn_lexicon_free(syn_lexicon *x)
{
    dy_free(x->keys);
    dy_free(x->cls);
    memset(x, 0, sizeof *x);
}

/* ---- building from WordNet ------------------------------------------- */

static int add_form(syn_lexicon *x, const char *s, size_t n, uint8_t cls)
{
    return syn_lexicon_add(x, txt_hash(s, n), cls);
}

static int is_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

static int ends(const char *s, size_t n, const char *suf)
{
    size_t k = strlen(suf);
    return n >= k && memcmp(s + n - k, suf, k) == 0;
}

/* Add stem[0..n) + suffix. */
static int add_suffixed(syn_lexicon *x, const char *stem, size_t n, const char *suf, uint8_t cls)
{
    char buf[96];
    size_t k = strlen(suf);
    if (n + k >= sizeof buf)
        return 0;
    memcpy(buf, stem, n);
    memcpy(buf + n, suf, k);
    return add_form(x, buf, n + k, cls);
}

/* "-s" of a noun or verb: churches, flies, cats. */
static int add_s(syn_lexicon *x, const char *s, size_t n, uint8_t cls)
{
    if (ends(s, n, "s") || ends(s, n, "x") || ends(s, n, "z") || ends(s, n, "ch") ||
        ends(s, n, "sh"))
        return add_suffixed(x, s, n, "es", cls);
    if (n >= 2 && s[n - 1] == 'y' && !is_vowel(s[n - 2]))
        return add_suffixed(x, s, n - 1, "ies", cls);
    return add_suffixed(x, s, n, "s", cls);
}

/* A short verb ending in consonant-vowel-consonant may double its last
 * letter (stop -> stopped); rules cannot tell when, so both are added. */
static int cvc(const char *s, size_t n)
{
    return n >= 3 && !is_vowel(s[n - 1]) && is_vowel(s[n - 2]) && !is_vowel(s[n - 3]) &&
           s[n - 1] != 'w' && s[n - 1] != 'x' && s[n - 1] != 'y';
}

static int add_verb(syn_lexicon *x, const char *s, size_t n)
{
    int rc = add_form(x, s, n, SYN_LEX_V) || add_s(x, s, n, SYN_LEX_VZ);
    char dbl[96];
    if (rc)
        return DY_ENOMEM;
    if (ends(s, n, "e")) {
        rc = add_suffixed(x, s, n, "d", SYN_LEX_VD) ||
             add_suffixed(x, s, ends(s, n, "ee") || ends(s, n, "ye") || ends(s, n, "oe")
                                   ? n
                                   : n - 1,
                          "ing", SYN_LEX_VG);
    } else if (n >= 2 && s[n - 1] == 'y' && !is_vowel(s[n - 2])) {
        rc = add_suffixed(x, s, n - 1, "ied", SYN_LEX_VD) || add_suffixed(x, s, n, "ing", SYN_LEX_VG);
    } else {
        rc = add_suffixed(x, s, n, "ed", SYN_LEX_VD) || add_suffixed(x, s, n, "ing", SYN_LEX_VG);
        if (!rc && cvc(s, n) && n + 1 < sizeof dbl) {
            memcpy(dbl, s, n);
            dbl[n] = s[n - 1];
            rc = add_suffixed(x, dbl, n + 1, "ed", SYN_LEX_VD) ||
                 add_suffixed(x, dbl, n + 1, "ing", SYN_LEX_VG);
        }
    }
    return rc ? DY_ENOMEM : 0;
}

/* Only single plain words: dyad splits hyphens, and multiword entries
 * (with '_') are not tokens. */
static int plain_word(const char *s, size_t n)
{
    if (n == 0 || n > 40)
        return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (!((c >= 'a' && c <= 'z') || c == '\'' || c == '.'))
            return 0;
    }
    return 1;
}

/* Words of an index file ("lemma pos ..."; licence lines start with a
 * space). */
static int read_index(syn_lexicon *x, const char *dir, const char *name, uint8_t cls,
                      dy_err *err)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "r");
    if (!f)
        return dy_err_set(err, DY_EIO, path, 0, -1, "cannot open WordNet file: %s",
                          strerror(errno));
    char line[4096];
    int rc = 0;
    while (!rc && fgets(line, sizeof line, f)) {
        if (line[0] == ' ')
            continue;
        size_t n = strcspn(line, " ");
        if (!plain_word(line, n))
            continue;
        if (cls == SYN_LEX_N)
            rc = add_form(x, line, n, SYN_LEX_N) || add_s(x, line, n, SYN_LEX_NS);
        else if (cls == SYN_LEX_V)
            rc = add_verb(x, line, n);
        else
            rc = add_form(x, line, n, cls);
    }
    fclose(f);
    return rc ? dy_err_set(err, DY_ENOMEM, path, 0, -1, "out of memory") : 0;
}

/* Irregular forms of an exception file ("inflected lemma ..."). */
static int read_exc(syn_lexicon *x, const char *dir, const char *name, uint8_t cls,
                    dy_err *err)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "r");
    if (!f)
        return dy_err_set(err, DY_EIO, path, 0, -1, "cannot open WordNet file: %s",
                          strerror(errno));
    char line[1024];
    int rc = 0;
    while (!rc && fgets(line, sizeof line, f)) {
        size_t n = strcspn(line, " \n");
        if (!plain_word(line, n))
            continue;
        uint8_t c = cls;
        if (cls == SYN_LEX_VD && ends(line, n, "ing"))
            c = SYN_LEX_VG;
        else if (cls == SYN_LEX_VD && ends(line, n, "s") && !ends(line, n, "ss"))
            c = SYN_LEX_VZ;
        rc = add_form(x, line, n, c);
    }
    fclose(f);
    return rc ? dy_err_set(err, DY_ENOMEM, path, 0, -1, "out of memory") : 0;
}

/* Contract in syntax_internal.h. */
int syn_lexicon_from_wordnet(const char *dir, syn_lexicon *x, dy_err *err)
{
    int rc = read_index(x, dir, "index.noun", SYN_LEX_N, err);
    if (!rc)
        rc = read_index(x, dir, "index.verb", SYN_LEX_V, err);
    if (!rc)
        rc = read_index(x, dir, "index.adj", SYN_LEX_A, err);
    if (!rc)
        rc = read_index(x, dir, "index.adv", SYN_LEX_R, err);
    if (!rc)
        rc = read_exc(x, dir, "noun.exc", SYN_LEX_NS, err);
    if (!rc)
        rc = read_exc(x, dir, "verb.exc", SYN_LEX_VD, err);
    if (!rc)
        rc = read_exc(x, dir, "adj.exc", SYN_LEX_A, err);
    return rc;
}
