/* fuzz_syntax.c - libFuzzer harness for the syntax model loader
 * (syn_model_load_mem) and the tagger and parser that run on what it
 * loads. The first byte chooses how the rest is read:
 *   0  a model file as it is (magic, format version, checksum, tables);
 *   1  the body of a model file: the harness adds the header and the
 *      checksum, so that every input reaches the checks of the tables;
 *   2  choices for a well-formed model that the harness writes (tag set,
 *      lexicon, and weights for features that fire on the sentence below):
 *      it must load, and the fuzzer steers the tagger and the parser;
 *      then, when the input asks for them, a few bytes of that model
 *      changed (checksum made right again), to damage a model whose
 *      features do fire.
 * A model that loads tags and parses a fixed sentence: every tag must be
 * in the model's tag set and the tree must have one root and no cycle. A
 * refused model must be DY_EPARSE naming the input (or DY_ENOMEM). Inputs
 * are small, so each run is cheap; nothing is written to disk. Built by
 * `make fuzz`, run briefly by `make check-fuzz`. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/err.h"
#include "syntax/syntax_internal.h"
#include "text/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Short: the cost of a run is mostly tagging and parsing it. */
static const char SENTENCE[] = "Diplomats were expelled by Germany, Iran said.";

/* Set up once: the sentence's tokens, and feature keys that fire on it
 * whatever the model (word features; tag features with every tag 0). */
static dy_arena *keep, *work; /* work: the parses', reset after each */
static txt_token *toks;
static size_t ntoks;
static uint64_t *pool;
static size_t npool;

static int key_cmp(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static void setup(void)
{
    dy_err e;
    keep = dy_arena_new();
    work = dy_arena_new();
    if (!keep || !work || txt_tokenize(SENTENCE, sizeof SENTENCE - 1, keep, &toks, &ntoks, &e))
        abort();
    static syn_model none; /* one tag, 0: X */
    none.ntags = 1;
    syn_word *w = dy_arena_calloc(keep, ntoks, sizeof *w);
    uint8_t *tags = dy_arena_calloc(keep, ntoks, 1);
    size_t cap = ntoks * (2 * SYN_TAG_MAX_FEATS + 2 * SYN_PARSE_MAX_FEATS);
    pool = dy_arena_alloc(keep, cap * sizeof *pool);
    if (!w || !tags || !pool)
        abort();
    syn_words_prepare(NULL, toks, ntoks, w);
    for (size_t i = 0; i < ntoks; i++) {
        npool += syn_tag_features(&none, w, ntoks, i, tags, NULL, pool + npool);
        npool += syn_tag_features(&none, w, ntoks, i, tags, tags, pool + npool);
    }
    /* the configurations of shifting everything and attaching right */
    syn_state s;
    if (syn_state_init(&s, (int)ntoks, keep))
        abort();
    while (!syn_state_terminal(&s)) {
        npool += syn_parse_features(&s, w, tags, none.tag_upos, pool + npool);
        int c = syn_move_legal(&s, 0) ? 0 : syn_move(SYN_RIGHT, SYN_REL_DEP);
        if (!syn_move_legal(&s, c))
            c = syn_move(SYN_RIGHT, SYN_REL_ROOT);
        syn_state_apply(&s, c);
    }
    /* distinct keys with distinct fingerprints (the loader tells keys
     * apart by fingerprint and slot) */
    qsort(pool, npool, sizeof *pool, key_cmp);
    size_t k = 0;
    for (size_t i = 0; i < npool; i++) {
        int dup = 0;
        for (size_t j = 0; j < k && !dup; j++)
            dup = syn_fp(pool[j]) == syn_fp(pool[i]);
        if (!dup)
            pool[k++] = pool[i];
    }
    npool = k;
}

/* ---- writing model files ------------------------------------------------ */

typedef struct out {
    unsigned char *p;
    size_t n, cap;
} out;

static void put(out *o, uint64_t v, int bytes)
{
    for (int i = 0; i < bytes && o->n < o->cap; i++)
        o->p[o->n++] = (unsigned char)(v >> (8 * i));
}

static void put_checksum(out *o)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < o->n; i++) {
        h ^= o->p[i];
        h *= 0x100000001b3ULL;
    }
    put(o, h, 8);
}

/* The input's choices, 0 once they run out. */
typedef struct in {
    const uint8_t *p;
    size_t n;
} in;

static unsigned next(in *x)
{
    if (x->n == 0)
        return 0;
    x->n--;
    return *x->p++;
}

static void gen_weights(out *o, in *x, uint32_t maxclass)
{
    uint32_t nclass = 1 + next(x) % maxclass;
    uint32_t nfeat = next(x) % 24;
    uint32_t len[24];
    size_t idx = next(x), npairs = 0;
    uint32_t n = 0;
    uint64_t keys[24];
    for (; n < nfeat && idx < npool; n++, idx += 1 + next(x) % 64) {
        keys[n] = pool[idx];
        len[n] = 1 + next(x) % (nclass < 4 ? nclass : 4);
        npairs += len[n];
    }
    put(o, nclass, 4);
    put(o, n, 4);
    put(o, npairs, 4);
    for (uint32_t i = 0; i < n; i++) {
        put(o, keys[i], 8);
        put(o, len[i], 1);
    }
    for (size_t i = 0; i < npairs; i++)
        put(o, next(x) % nclass, 1);
    for (size_t i = 0; i < npairs; i++) {
        unsigned lo = next(x);
        put(o, (uint16_t)(next(x) << 8 | lo), 2);
    }
}

static const char *const TAGS[] = {"NN", "NNS", "NNP", "NNPS", "VB", "VBD", "VBN", "VBG",
                                   "VBZ", "VBP", "MD", "POS", "IN", "DT", ".", ",", "JJ",
                                   "RB", "PRP", "CD", "TO", "CC", "HYPH", "_"};

static size_t gen_model(out *o, in *x)
{
    memcpy(o->p, SYN_MAGIC, 8);
    o->n = 8;
    put(o, SYN_FORMAT_VERSION, 4);
    uint32_t ntags = 1 + next(x) % 24;
    put(o, ntags, 4);
    for (uint32_t i = 0; i < ntags; i++) {
        const char *name = TAGS[next(x) % (sizeof TAGS / sizeof *TAGS)];
        put(o, next(x) % SYN_UPOS_COUNT, 1);
        put(o, strlen(name), 1);
        for (const char *c = name; *c; c++)
            put(o, (unsigned char)*c, 1);
    }
    uint32_t nlex = next(x) % 6;
    put(o, nlex, 4);
    for (uint32_t i = 0; i < nlex; i++) {
        uint64_t h = toks[next(x) % ntoks].hash;
        put(o, h ? h : 1, 8);
        unsigned lo = next(x);
        put(o, 1 + (next(x) << 8 | lo) % 0x1FF, 2);
    }
    gen_weights(o, x, ntags);
    gen_weights(o, x, ntags);
    gen_weights(o, x, SYN_NMOVES);
    put_checksum(o);
    return o->n;
}

/* ---- running a model ------------------------------------------------------ */

static void parse_with(const syn_model *m)
{
    dy_arena *a = work;
    syn_tree t;
    dy_err e;
    if (syn_parse(m, toks, ntoks, a, &t, &e) == 0) {
        if (t.n != ntoks)
            abort();
        int roots = 0;
        for (uint32_t i = 0; i < t.n; i++) {
            if (t.tag[i] >= m->ntags || t.upos[i] != m->tag_upos[t.tag[i]] ||
                t.head[i] < -1 || t.head[i] >= (int32_t)t.n || t.rel[i] >= SYN_REL_COUNT)
                abort();
            roots += t.head[i] < 0;
            int32_t h = (int32_t)i;
            for (uint32_t steps = 0; h >= 0; steps++) {
                if (steps > t.n)
                    abort(); /* a cycle */
                h = t.head[h];
            }
        }
        if (roots != 1)
            abort();
    }
    if (syn_tag(m, toks, ntoks, a, &t, &e) == 0 && t.head)
        abort();
    dy_arena_reset(a);
}

static int load_and_run(const unsigned char *p, size_t n, int must_load)
{
    syn_model *m = NULL;
    dy_err e;
    int rc = syn_model_load_mem(p, n, "fuzz.model", &m, &e);
    if (rc == 0) {
        if (!m || syn_model_bytes(m) == 0)
            abort();
        parse_with(m);
        syn_model_free(m);
        return 0;
    }
    if (m || (rc != DY_EPARSE && rc != DY_ENOMEM))
        abort();
    if (rc == DY_EPARSE && (strcmp(e.file, "fuzz.model") != 0 || e.msg[0] == '\0'))
        abort();
    if (must_load && rc == DY_EPARSE) {
        fprintf(stderr, "a well-formed model was refused: %s (offset %ld)\n", e.msg, e.offset);
        abort();
    }
    return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!keep)
        setup();
    if (size == 0 || size > 1 << 16)
        return 0;
    unsigned mode = data[0] % 3;
    data++;
    size--;
    if (mode == 0) {
        load_and_run(data, size, 0);
        return 0;
    }
    size_t cap = mode == 1 ? size + 20 : 4096;
    out o = {malloc(cap), 0, cap};
    if (!o.p)
        return 0;
    if (mode == 1) {
        memcpy(o.p, SYN_MAGIC, 8);
        o.n = 8;
        put(&o, SYN_FORMAT_VERSION, 4);
        memcpy(o.p + o.n, data, size);
        o.n += size;
        put_checksum(&o);
        load_and_run(o.p, o.n, 0);
    } else {
        in x = {data, size};
        size_t n = gen_model(&o, &x);
        if (n < o.cap) /* it fits: it must load */
            load_and_run(o.p, n, 1);
        unsigned edits = next(&x) % 4;
        for (unsigned i = 0; i < edits && n > 20; i++) {
            unsigned hi = next(&x), lo = next(&x);
            o.p[12 + (hi << 8 | lo) % (n - 20)] = (unsigned char)next(&x);
        }
        if (edits && n > 20) {
            o.n = n - 8;
            put_checksum(&o);
            load_and_run(o.p, n, 0);
        }
    }
    free(o.p);
    return 0;
}
