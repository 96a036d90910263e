/* hash.h - the one string hash of dyad: 64-bit FNV-1a.
 *
 * Token hashes (txt_hash), dictionary keys, content hashes of stored
 * documents and the slots of every hash table are FNV-1a over bytes. Its
 * top bits hardly differ between short strings: tables index with the low
 * bits, filters mix the hash first (dict's DICT_FILTER_BIT).
 */
#ifndef DY_HASH_H
#define DY_HASH_H

#include <stddef.h>
#include <stdint.h>

#define DY_FNV_OFFSET 14695981039346656037ull /* FNV-1a 64-bit offset basis */
#define DY_FNV_PRIME 1099511628211ull         /* FNV-1a 64-bit prime */

/* One byte into hash h: hot loops that hash as they go (the tokenizer
 * hashes its norm while writing it) use this. */
static inline uint64_t dy_fnv1a_step(uint64_t h, unsigned char c)
{
    return (h ^ c) * DY_FNV_PRIME;
}

/* Hash h continued over p[0..n) (start with DY_FNV_OFFSET). */
static inline uint64_t dy_fnv1a_more(uint64_t h, const void *p, size_t n)
{
    const unsigned char *s = p;
    for (size_t i = 0; i < n; i++)
        h = dy_fnv1a_step(h, s[i]);
    return h;
}

/* FNV-1a of p[0..n). */
static inline uint64_t dy_fnv1a(const void *p, size_t n)
{
    return dy_fnv1a_more(DY_FNV_OFFSET, p, n);
}

/* FNV-1a of the NUL-terminated s. */
static inline uint64_t dy_fnv1a_str(const char *s)
{
    uint64_t h = DY_FNV_OFFSET;
    for (; *s; s++)
        h = dy_fnv1a_step(h, (unsigned char)*s);
    return h;
}

/* The shard (0 .. n-1) of the document whose id is the NUL-terminated id,
 * among n >= 1 (`--shard K/N`, docs/scale.md): FNV-1a of the id, mixed by
 * the splitmix64 finaliser (so that the low bits a modulo reads depend on
 * every byte), modulo n. A pure function of the id's bytes: the same on
 * every run, machine and build, so N processes each keeping one shard
 * cover every document exactly once. */
static inline uint32_t dy_shard_of(const char *id, uint32_t n)
{
    uint64_t h = dy_fnv1a_str(id);
    h ^= h >> 30;
    h *= 0xbf58476d1ce4e5b9ull;
    h ^= h >> 27;
    h *= 0x94d049bb133111ebull;
    h ^= h >> 31;
    return n > 1 ? (uint32_t)(h % n) : 0;
}

#endif
