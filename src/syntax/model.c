/* model.c - the syntax model: tag and relation names, the weight tables,
 * and the model file (reading with every offset checked, writing).
 *
 * File layout (little-endian; docs/syntax.md):
 *   "DYADSYN\n"  u32 version  u32 ntags
 *   ntags x { u8 upos, u8 len, len bytes of the XPOS name }
 *   u32 nlex, nlex x { u64 form hash, u16 classes }   (the lexicon)
 *   3 x weights { u32 nclass, u32 nfeat, u32 npairs,
 *                 nfeat x { u64 key, u8 len }, npairs x u8 class,
 *                 npairs x i16 weight }   (tagger passes 1 and 2, parser)
 *   u64 FNV-1a of every byte before it
 */
/* madvise(MADV_HUGEPAGE) is Linux's, outside POSIX. */
#define _DEFAULT_SOURCE 1
#include "syntax/syntax_internal.h"
#include "core/alloc.h"
#include "core/hash.h"
#include "core/buf.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>

/* ---- names ----------------------------------------------------------- */

static const char *const upos_names[SYN_UPOS_COUNT] = {
    "X", "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN",
    "NUM", "PART", "PRON", "PROPN", "PUNCT", "SCONJ", "SYM", "VERB"};

const char *syn_upos_name(int upos)
{
    return upos >= 0 && upos < SYN_UPOS_COUNT ? upos_names[upos] : "X";
}

int syn_upos_lookup(const char *name, size_t n)
{
    for (int i = 0; i < SYN_UPOS_COUNT; i++)
        if (strlen(upos_names[i]) == n && memcmp(upos_names[i], name, n) == 0)
            return i;
    return -1;
}

#define SYN_REL_NAME(id, name) name,
static const char *const rel_names[SYN_REL_COUNT] = {SYN_RELATIONS(SYN_REL_NAME)};
#undef SYN_REL_NAME

const char *syn_rel_name(int rel)
{
    return rel >= 0 && rel < SYN_REL_COUNT ? rel_names[rel] : "dep";
}

static int rel_exact(const char *name, size_t n)
{
    for (int i = 0; i < SYN_REL_COUNT; i++)
        if (strlen(rel_names[i]) == n && memcmp(rel_names[i], name, n) == 0)
            return i;
    return -1;
}

int syn_rel_lookup(const char *name, size_t n)
{
    int r = rel_exact(name, n);
    if (r >= 0)
        return r;
    const char *colon = memchr(name, ':', n);
    return colon ? rel_exact(name, (size_t)(colon - name)) : -1;
}

int syn_rel_universal(int rel)
{
    const char *name = syn_rel_name(rel);
    const char *colon = strchr(name, ':');
    return colon ? rel_exact(name, (size_t)(colon - name)) : rel;
}

static const char *const xpos_names[SYN_XPOS_COUNT] = {
    "", "VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "MD", "NNS", "NNPS", "POS"};

int syn_xpos_of(const char *xpos)
{
    for (int i = 1; i < SYN_XPOS_COUNT; i++)
        if (strcmp(xpos_names[i], xpos) == 0)
            return i;
    return SYN_XPOS_OTHER;
}

const char *syn_tag_name(const syn_model *m, int tag)
{
    return tag >= 0 && (uint32_t)tag < m->ntags ? m->tag_name[tag] : "_";
}

int syn_model_tag_find(const syn_model *m, int upos, const char *xpos)
{
    for (uint32_t i = 0; i < m->ntags; i++)
        if (m->tag_upos[i] == upos && strcmp(m->tag_name[i], xpos) == 0)
            return (int)i;
    return -1;
}

/* ---- weights --------------------------------------------------------- */

/* Ask for huge pages for a large table before it is first touched: the
 * parser's lookups go all over tens of megabytes, and with 4 KiB pages
 * nearly every one of them also misses the TLB. Only a hint. */
static void huge_pages(void *p, size_t n)
{
#ifdef MADV_HUGEPAGE
    const uintptr_t huge = (uintptr_t)2 << 20;
    uintptr_t a = ((uintptr_t)p + huge - 1) & ~(huge - 1);
    uintptr_t e = ((uintptr_t)p + n) & ~(huge - 1);
    if (e > a)
        (void)madvise((void *)a, e - a, MADV_HUGEPAGE);
#else
    (void)p;
    (void)n;
#endif
}

/* Contract in syntax_internal.h. Load factor at most 2/3: the probes of
 * a miss mostly stay in one cache line of four slots. */
int syn_weights_alloc(syn_weights *w, uint32_t nclass, size_t nfeat, size_t npairs,
                      int keep_keys)
{
    memset(w, 0, sizeof *w);
    if (npairs >= (1u << 24) || nfeat >= (1u << 24))
        return DY_ENOMEM;
    uint32_t slots = 16;
    while (slots < nfeat + nfeat / 2 + 1)
        slots <<= 1;
    w->nclass = nclass;
    w->mask = slots - 1;
    w->slots = dy_calloc(slots, sizeof *w->slots);
    w->pairs = dy_calloc(npairs ? npairs : 1, sizeof *w->pairs);
    if (keep_keys)
        w->keys = dy_calloc(slots, sizeof *w->keys);
    if (!w->slots || !w->pairs || (keep_keys && !w->keys)) {
        syn_weights_free(w);
        return DY_ENOMEM;
    }
    huge_pages(w->slots, (size_t)slots * sizeof *w->slots);
    huge_pages(w->pairs, (npairs ? npairs : 1) * sizeof *w->pairs);
    return 0;
}

static inline uint32_t home(const syn_weights *w, uint64_t key)
{
    return (uint32_t)key & w->mask;
}

/* Contract in syntax_internal.h. */
int syn_weights_insert(syn_weights *w, uint64_t key, uint32_t row, uint32_t len)
{
    assert(key != 0 && w->nfeat < w->mask && row < (1u << 24) && len < 256);
    uint32_t slot = home(w, key), fp = syn_fp(key);
    while (w->slots[slot].fp) {
        if (w->slots[slot].fp == fp)
            return -1;
        slot = (slot + 1) & w->mask;
    }
    w->slots[slot] = (syn_wslot){fp, row << 8 | len};
    if (w->keys)
        w->keys[slot] = key;
    w->nfeat++;
    return 0;
}

#define SYN_SCORE_BATCH 64

/* Contract in syntax_internal.h. Three passes over a batch of features:
 * prefetch their home slots, find them (prefetching their rows), add the
 * rows. */
/* One dense row into the scores: a loop the compiler vectorises (restrict
 * and a local count: scores could otherwise alias the table's fields),
 * with AVX2 where the processor has it (chosen once, at load time of the
 * binary) and SSE2 elsewhere. */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__SANITIZE_ADDRESS__) && \
    !defined(__clang__)
__attribute__((target_clones("avx2", "default")))
#endif
static void add_dense(int32_t *restrict scores, const int16_t *restrict d, uint32_t n)
{
    for (uint32_t c = 0; c < n; c++)
        scores[c] += d[c];
}

void syn_weights_score(const syn_weights *w, const uint64_t *f, size_t nf, int32_t *scores)
{
    const uint32_t nclass = w->nclass;
    while (nf > 0) {
        size_t n = nf < SYN_SCORE_BATCH ? nf : SYN_SCORE_BATCH;
        uint32_t hit[SYN_SCORE_BATCH];
        size_t nh = 0;
        for (size_t i = 0; i < n; i++)
            __builtin_prefetch(&w->slots[home(w, f[i])]);
        for (size_t i = 0; i < n; i++) {
            uint32_t slot = home(w, f[i]), fp = syn_fp(f[i]);
            for (;;) {
                const syn_wslot *x = &w->slots[slot];
                if (x->fp == fp) {
                    if (x->rowlen & 0xFFu)
                        __builtin_prefetch(&w->pairs[x->rowlen >> 8]);
                    hit[nh++] = x->rowlen;
                    break;
                }
                if (x->fp == 0)
                    break;
                slot = (slot + 1) & w->mask;
            }
        }
        for (size_t i = 0; i < nh; i++) {
            uint32_t row = hit[i] >> 8, len = hit[i] & 0xFFu;
            if (len == 0) {
                add_dense(scores, w->dense + (size_t)row * nclass, nclass);
                continue;
            }
            const syn_wpair *p = &w->pairs[row], *e = p + len;
            for (; p < e; p++)
                scores[p->cls] += p->w;
        }
        f += n;
        nf -= n;
    }
}

/* Contract in syntax_internal.h. */
int syn_weights_densify(syn_weights *w)
{
    uint32_t n = 0;
    for (uint32_t i = 0; i <= w->mask; i++)
        n += w->slots[i].fp && (w->slots[i].rowlen & 0xFFu) * 4 > w->nclass;
    if (n == 0)
        return 0;
    w->dense = dy_calloc((size_t)n * w->nclass, sizeof *w->dense);
    if (!w->dense)
        return DY_ENOMEM;
    huge_pages(w->dense, (size_t)n * w->nclass * sizeof *w->dense);
    for (uint32_t i = 0; i <= w->mask; i++) {
        syn_wslot *x = &w->slots[i];
        uint32_t row = x->rowlen >> 8, len = x->rowlen & 0xFFu;
        if (!x->fp || len * 4 <= w->nclass)
            continue;
        int16_t *d = w->dense + (size_t)w->ndense * w->nclass;
        for (uint32_t r = row; r < row + len; r++)
            d[w->pairs[r].cls] = w->pairs[r].w;
        x->rowlen = w->ndense++ << 8;
    }
    return 0;
}

void syn_weights_free(syn_weights *w)
{
    dy_free(w->slots);
    dy_free(w->keys);
    dy_free(w->pairs);
    dy_free(w->dense);
    memset(w, 0, sizeof *w);
}

/* ---- reading --------------------------------------------------------- */

typedef struct reader {
    const unsigned char *p;
    size_t n, off;
    const char *name;
    dy_err *err;
} reader;

static int need(reader *r, size_t k)
{
    if (r->n - r->off < k)
        return dy_err_set(r->err, DY_EPARSE, r->name, 0, (long)r->off,
                          "truncated syntax model (%zu more bytes expected at offset %zu)", k,
                          r->off);
    return 0;
}

static uint64_t get(reader *r, int bytes)
{
    const unsigned char *p = r->p + r->off;
    uint64_t v = 0;
    switch (bytes) { /* little-endian, whatever the host */
    case 8: v |= (uint64_t)p[7] << 56 | (uint64_t)p[6] << 48 | (uint64_t)p[5] << 40 |
                 (uint64_t)p[4] << 32; /* fall through */
    case 4: v |= (uint64_t)p[3] << 24 | (uint64_t)p[2] << 16; /* fall through */
    case 2: v |= (uint64_t)p[1] << 8; /* fall through */
    case 1: v |= p[0]; break;
    default: assert(0);
    }
    r->off += (size_t)bytes;
    return v;
}

static int bad(reader *r, const char *what)
{
    return dy_err_set(r->err, DY_EPARSE, r->name, 0, (long)r->off, "bad syntax model: %s", what);
}

static uint64_t fnv(const unsigned char *p, size_t n) { return dy_fnv1a(p, n); }

/* Read one weight table and build its hash index. */
static int read_weights(reader *r, syn_weights *w, uint32_t max_class)
{
    if (need(r, 12))
        return DY_EPARSE;
    uint32_t nclass = (uint32_t)get(r, 4);
    uint32_t nfeat = (uint32_t)get(r, 4);
    size_t npairs = (uint32_t)get(r, 4);
    if (nclass == 0 || nclass > max_class)
        return bad(r, "class count out of range");
    if (nfeat > (1u << 26) || npairs > (size_t)nfeat * nclass)
        return bad(r, "feature count out of range");
    if (need(r, (size_t)nfeat * 9 + npairs * 3))
        return DY_EPARSE;
    if (syn_weights_alloc(w, nclass, nfeat, npairs, 0))
        return dy_err_set(r->err, DY_ENOMEM, r->name, 0, -1, "out of memory");
    w->npairs = npairs;
    size_t pair = 0;
    for (uint32_t i = 0; i < nfeat; i++) {
        uint64_t key = get(r, 8);
        uint32_t len = (uint32_t)get(r, 1);
        if (key == 0 || len == 0 || len > nclass || pair + len > npairs)
            return bad(r, "feature row out of range");
        if (syn_weights_insert(w, key, (uint32_t)pair, len))
            return bad(r, "feature stored twice");
        pair += len;
    }
    if (pair != npairs)
        return bad(r, "pair count does not match the rows");
    for (size_t i = 0; i < npairs; i++) {
        w->pairs[i].cls = (uint8_t)get(r, 1);
        if (w->pairs[i].cls >= nclass)
            return bad(r, "class out of range");
    }
    for (size_t i = 0; i < npairs; i++)
        w->pairs[i].w = (int16_t)(uint16_t)get(r, 2);
    if (syn_weights_densify(w))
        return dy_err_set(r->err, DY_ENOMEM, r->name, 0, -1, "out of memory");
    return 0;
}

static int read_tags(reader *r, syn_model *m)
{
    if (need(r, 4))
        return DY_EPARSE;
    m->ntags = (uint32_t)get(r, 4);
    if (m->ntags == 0 || m->ntags > SYN_MAX_TAGS)
        return bad(r, "tag count out of range");
    m->punct_tag = 0;
    for (uint32_t i = 0; i < m->ntags; i++) {
        if (need(r, 2))
            return DY_EPARSE;
        uint32_t upos = (uint32_t)get(r, 1), len = (uint32_t)get(r, 1);
        if (upos >= SYN_UPOS_COUNT || len == 0 || len > 15)
            return bad(r, "tag out of range");
        if (need(r, len))
            return DY_EPARSE;
        char *name = m->tag_store[i];
        memcpy(name, r->p + r->off, len);
        name[len] = '\0';
        r->off += len;
        m->tag_name[i] = name;
        m->tag_upos[i] = (uint8_t)upos;
        m->tag_xpos[i] = (uint8_t)syn_xpos_of(name);
        if (upos == SYN_PUNCT && !m->punct_tag)
            m->punct_tag = (uint8_t)i;
        if (upos == SYN_VERB && strcmp(name, "VBD") == 0)
            m->vbd_tag = (uint8_t)i;
    }
    return 0;
}

static int read_lexicon(reader *r, syn_model *m)
{
    if (need(r, 4))
        return DY_EPARSE;
    uint32_t n = (uint32_t)get(r, 4);
    if (n > (1u << 24))
        return bad(r, "lexicon size out of range");
    if (need(r, (size_t)n * 10))
        return DY_EPARSE;
    if (syn_lexicon_reserve(&m->lex, n))
        return dy_err_set(r->err, DY_ENOMEM, r->name, 0, -1, "out of memory");
    for (uint32_t i = 0; i < n; i++) {
        uint64_t key = get(r, 8);
        uint16_t cls = (uint16_t)get(r, 2);
        if (key == 0 || cls == 0)
            return bad(r, "lexicon entry out of range");
        if (syn_lexicon_add(&m->lex, key, cls))
            return dy_err_set(r->err, DY_ENOMEM, r->name, 0, -1, "out of memory");
    }
    return 0;
}

static int parse_file(syn_model *m, const unsigned char *p, size_t n, const char *name,
                      dy_err *err)
{
    reader r = {.p = p, .n = n, .name = name, .err = err};
    if (n < 8 || memcmp(p, SYN_MAGIC, 8) != 0)
        return dy_err_set(err, DY_EPARSE, name, 0, 0, "not a dyad syntax model");
    r.off = 8;
    if (need(&r, 4 + 8))
        return DY_EPARSE;
    uint32_t version = (uint32_t)get(&r, 4);
    if (version != SYN_FORMAT_VERSION)
        return dy_err_set(err, DY_EPARSE, name, 0, 8,
                          "syntax model format %u, this dyad reads format %u (retrain with "
                          "`dyad train`)",
                          version, SYN_FORMAT_VERSION);
    /* The checksum first: a damaged file is reported as such rather than by
     * whatever field the damage happens to hit. */
    uint64_t want = 0;
    for (int i = 0; i < 8; i++)
        want |= (uint64_t)p[n - 8 + (size_t)i] << (8 * i);
    r.n = n - 8;
    if (fnv(p, r.n) != want)
        return dy_err_set(err, DY_EPARSE, name, 0, (long)r.n,
                          "syntax model checksum mismatch: the file is damaged or truncated");
    int rc = read_tags(&r, m);
    if (!rc)
        rc = read_lexicon(&r, m);
    if (!rc)
        rc = read_weights(&r, &m->tagger, m->ntags);
    if (!rc)
        rc = read_weights(&r, &m->tagger2, m->ntags);
    if (!rc)
        rc = read_weights(&r, &m->parser, SYN_NMOVES);
    if (!rc && r.off != r.n)
        rc = bad(&r, "trailing bytes before the checksum");
    return rc;
}

/* Contract in syntax.h. The tables are built from the bytes; the bytes
 * themselves are not kept. */
int syn_model_load_mem(const void *p, size_t n, const char *name, syn_model **out,
                       dy_err *err)
{
    *out = NULL;
    syn_model *m = dy_calloc(1, sizeof *m);
    if (!m)
        return dy_err_set(err, DY_ENOMEM, name, 0, -1, "out of memory");
    int rc = parse_file(m, p, n, name, err);
    if (rc) {
        syn_model_free(m);
        return rc;
    }
    m->bytes = sizeof *m;
    const syn_weights *ws[3] = {&m->tagger, &m->tagger2, &m->parser};
    m->bytes += (size_t)(m->lex.mask + 1) * 10;
    for (int i = 0; i < 3; i++)
        m->bytes += (size_t)(ws[i]->mask + 1) * sizeof(syn_wslot) +
                    ws[i]->npairs * sizeof(syn_wpair) +
                    (size_t)ws[i]->ndense * ws[i]->nclass * sizeof(int16_t);
    *out = m;
    return 0;
}

/* Contract in syntax.h. */
int syn_model_load(const char *path, syn_model **out, dy_err *err)
{
    *out = NULL;
    FILE *f = fopen(path, "rb");
    if (!f)
        return dy_err_set(err, DY_EIO, path, 0, -1, "cannot open syntax model: %s",
                          strerror(errno));
    /* One read of the whole file: it is tens of megabytes, and growing a
     * buffer chunk by chunk copied it several times. */
    struct stat st;
    if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode) || st.st_size < 0) {
        fclose(f);
        return dy_err_set(err, DY_EIO, path, 0, -1, "not a regular file");
    }
    size_t n = (size_t)st.st_size;
    char *buf = dy_malloc(n ? n : 1);
    if (!buf) {
        fclose(f);
        return dy_err_set(err, DY_ENOMEM, path, 0, -1, "out of memory");
    }
    size_t got = fread(buf, 1, n, f);
    int rd = ferror(f) || got != n;
    fclose(f);
    if (rd) {
        dy_free(buf);
        return dy_err_set(err, DY_EIO, path, 0, -1, "cannot read syntax model");
    }
    int rc = syn_model_load_mem(buf, n, path, out, err);
    dy_free(buf);
    return rc;
}

void syn_model_free(syn_model *m)
{
    if (!m)
        return;
    syn_lexicon_free(&m->lex);
    syn_weights_free(&m->tagger);
    syn_weights_free(&m->tagger2);
    syn_weights_free(&m->parser);
    dy_free(m);
}

size_t syn_model_bytes(const syn_model *m)
{
    return m->bytes;
}
