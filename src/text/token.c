/* token.c - tokeniser for English news text, and the decision which
 * punctuation ends a sentence (TXT_TOK_SENT_END).
 *
 * The sentence-end decision lives here rather than in segment.c because
 * txt_segment only reads the tokens (const): the flag has to be final when
 * txt_tokenize returns. segment.c adds the line-based rules (paragraphs,
 * headlines, bullets) on top. See docs/segmentation.md for the rules.
 *
 * Speed matters: this is the hot path of the whole program. ASCII text never
 * touches utf8proc, and no allocation happens per token (tokens and norms
 * live in arena chunks that grow geometrically).
 */
#include "core/hash.h"
#include "text/text.h"
#include "text/text_internal.h"

#include <string.h>
#include <utf8proc.h>

/* ---- hashing ------------------------------------------------------------ */

/* FNV-1a, 64 bit (core/hash.h). Contract in text.h; pure function. */
uint64_t txt_hash(const char *s, size_t n) { return dy_fnv1a(s, n); }

/* ---- character classes -------------------------------------------------- */

enum {
    C_SPACE = 1,  /* white space other than a line break */
    C_NL,         /* line break */
    C_ALPHA,      /* letter (or letter-like number such as "½") */
    C_DIGIT,      /* decimal digit */
    C_MARK,       /* combining mark or format character: continues a word */
    C_APOS,       /* ' or U+2019 or U+02BC: apostrophe or single quote */
    C_QUOTE,      /* any other quotation mark */
    C_HYPHEN,     /* '-', U+2010, U+2011 */
    C_PUNCT       /* everything else */
};

/* Classes of ASCII bytes (CR counts as a space: clean text has none). */
#define SP C_SPACE
#define NL C_NL
#define AL C_ALPHA
#define DG C_DIGIT
#define AP C_APOS
#define QU C_QUOTE
#define HY C_HYPHEN
#define PU C_PUNCT
static const unsigned char ascii_class[128] = {
    SP, SP, SP, SP, SP, SP, SP, SP,
    SP, SP, NL, NL, NL, SP, SP, SP,
    SP, SP, SP, SP, SP, SP, SP, SP,
    SP, SP, SP, SP, SP, SP, SP, SP,
    SP, PU, QU, PU, PU, PU, PU, AP,
    PU, PU, PU, PU, PU, HY, PU, PU,
    DG, DG, DG, DG, DG, DG, DG, DG,
    DG, DG, PU, PU, PU, PU, PU, PU,
    PU, AL, AL, AL, AL, AL, AL, AL,
    AL, AL, AL, AL, AL, AL, AL, AL,
    AL, AL, AL, AL, AL, AL, AL, AL,
    AL, AL, AL, PU, PU, PU, PU, PU,
    QU, AL, AL, AL, AL, AL, AL, AL,
    AL, AL, AL, AL, AL, AL, AL, AL,
    AL, AL, AL, AL, AL, AL, AL, AL,
    AL, AL, AL, PU, PU, PU, PU, SP,
};
#undef SP
#undef NL
#undef AL
#undef DG
#undef AP
#undef QU
#undef HY
#undef PU

/* Per-byte facts for the loops that touch every byte of a token (emit,
 * scan_word): one table load replaces several range comparisons. B_UP is
 * bit 0 so that (bits & B_UP) << 5 is the 0x20 that lower-cases an ASCII
 * capital. Bytes >= 0x80 are B_HI: they take the Unicode path. */
enum { B_UP = 1, B_LO = 2, B_DG = 4, B_HI = 8, B_CONT = 16, B_OTH = 32 };
#define B_WORD (B_UP | B_LO | B_DG)
#define X8(v) v, v, v, v, v, v, v, v
#define X16(v) X8(v), X8(v)
#define O B_OTH
/* B_CONT: '\'', ',', '.' and ':', after which scan_word has rules that may
 * continue or split the word; after any other ASCII byte a word just ends.
 * B_OTH: the other ASCII bytes, so that the union of a token's bits tells
 * whether it is made of ASCII letters only (see the alpha array). */
static const unsigned char byte_bits[256] = {
    X16(O), X16(O),                               /* 0x00-0x1F */
    O, O, O, O, O, O, O, B_CONT,                  /* 0x20-0x27 */
    O, O, O, O, B_CONT, O, B_CONT, O,             /* 0x28-0x2F */
    X8(B_DG), B_DG, B_DG, B_CONT, O, O, O, O, O,  /* 0x30-0x3F */
    O, X8(B_UP), X8(B_UP), X8(B_UP), B_UP, B_UP, O, O, O, O, O, /* 0x40-0x5F */
    O, X8(B_LO), X8(B_LO), X8(B_LO), B_LO, B_LO, O, O, O, O, O, /* 0x60-0x7F */
    X16(B_HI), X16(B_HI), X16(B_HI), X16(B_HI),
    X16(B_HI), X16(B_HI), X16(B_HI), X16(B_HI),
};
#undef O
/* ASCII lower case of a byte (other bytes unchanged). */
#define L8(b) b, b + 1, b + 2, b + 3, b + 4, b + 5, b + 6, b + 7
static const unsigned char ascii_lower[256] = {
    L8(0x00), L8(0x08), L8(0x10), L8(0x18), L8(0x20), L8(0x28), L8(0x30), L8(0x38),
    0x40, L8(0x61), L8(0x69), L8(0x71), 0x79, 0x7A, 0x5B, 0x5C, 0x5D, 0x5E, 0x5F,
    L8(0x60), L8(0x68), L8(0x70), L8(0x78),
    L8(0x80), L8(0x88), L8(0x90), L8(0x98), L8(0xA0), L8(0xA8), L8(0xB0), L8(0xB8),
    L8(0xC0), L8(0xC8), L8(0xD0), L8(0xD8), L8(0xE0), L8(0xE8), L8(0xF0), L8(0xF8),
};
#undef L8
#undef X8
#undef X16

/* Decode one code point at s[i] (i < n). Invalid or truncated sequences
 * decode as U+FFFD of length 1 so that any byte string is safe. Sets *len. */
static int32_t decode(const unsigned char *s, size_t n, size_t i, size_t *len)
{
    unsigned c = s[i];
    if (c < 0x80) {
        *len = 1;
        return (int32_t)c;
    }
    size_t need;
    int32_t cp, min;
    if (c >= 0xC2 && c <= 0xDF) {
        need = 1; cp = c & 0x1F; min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 2; cp = c & 0x0F; min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 3; cp = c & 0x07; min = 0x10000;
    } else {
        *len = 1;
        return 0xFFFD;
    }
    if (i + need >= n) {
        *len = 1;
        return 0xFFFD;
    }
    for (size_t k = 1; k <= need; k++) {
        unsigned b = s[i + k];
        if ((b & 0xC0) != 0x80) {
            *len = 1;
            return 0xFFFD;
        }
        cp = (cp << 6) | (int32_t)(b & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        *len = 1;
        return 0xFFFD;
    }
    *len = need + 1;
    return cp;
}

/* Class of a non-ASCII code point. */
static int uclass(int32_t cp)
{
    switch (cp) {
    case 0x00A0: case 0x1680: case 0x202F: case 0x205F: case 0x3000:
    case 0xFEFF: case 0x200B:
        return C_SPACE;
    case 0x0085: case 0x2028: case 0x2029:
        return C_NL;
    case 0x2019: case 0x02BC:
        return C_APOS;
    case 0x2018: case 0x201A: case 0x201B: case 0x201C: case 0x201D:
    case 0x201E: case 0x201F: case 0x00AB: case 0x00BB: case 0x2039:
    case 0x203A:
        return C_QUOTE;
    case 0x2010: case 0x2011:
        return C_HYPHEN;
    default:
        break;
    }
    if (cp >= 0x2000 && cp <= 0x200A)
        return C_SPACE;
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
        return C_ALPHA;
    case UTF8PROC_CATEGORY_ND:
        return C_DIGIT;
    case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME: case UTF8PROC_CATEGORY_CF:
        return C_MARK;
    case UTF8PROC_CATEGORY_ZS: case UTF8PROC_CATEGORY_CC:
        return C_SPACE;
    case UTF8PROC_CATEGORY_ZL: case UTF8PROC_CATEGORY_ZP:
        return C_NL;
    default:
        return C_PUNCT;
    }
}

/* Class of the character at s[i] (i < n); *len gets its byte length. */
static inline int cls_at(const unsigned char *s, size_t n, size_t i, size_t *len)
{
    if (s[i] < 0x80) {
        *len = 1;
        return ascii_class[s[i]];
    }
    return uclass(decode(s, n, i, len));
}

/* Class at i, or 0 past the end. */
static inline int cls_or0(const unsigned char *s, size_t n, size_t i)
{
    size_t l;
    return i < n ? cls_at(s, n, i, &l) : 0;
}

/* One bit test instead of three comparisons: runs for every byte of every
 * word. */
#define WORD_CLASSES ((1u << C_ALPHA) | (1u << C_DIGIT) | (1u << C_MARK))
static inline int is_wordc(int c) { return (WORD_CLASSES >> c) & 1u; }
static inline int is_ascii_alpha(unsigned c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
static inline int is_ascii_digit(unsigned c) { return c >= '0' && c <= '9'; }

/* ---- abbreviations ------------------------------------------------------ */

enum {
    AB_NONE = 0,
    AB_PLAIN,    /* may end a sentence (months, "Inc.", "St.", states) */
    AB_TITLE,    /* precedes a name or number: never ends a sentence */
    AB_NUMBER,   /* "No." : an abbreviation only before a number */
    AB_COMMA,    /* "Mass.", "Ill.": a word too, abbreviation after ", " */
    AB_INITIAL,  /* single upper-case letter: "F." */
    AB_DOTTED    /* "U.S.", "a.m.", "Ph.D." */
};

/* Case-sensitive: "Gen." is a title, "gen." is not an abbreviation. Kept
 * small and specific to English news; dotted forms and initials are found
 * by shape, not by this list: titles and ranks, months and days, company
 * and address words, US states and Canadian provinces.
 *
 * Grouped by first byte so that a lookup only walks the few entries sharing
 * it (it runs for every word before a period). Each group is a list of
 * "word=K" items, K being the kind: T title (AB_TITLE), N before a number
 * (AB_NUMBER), C after a comma (AB_COMMA, states that are words too), P
 * plain (AB_PLAIN: may end a sentence). */
static const char *const abbr_by_first[128] = {
    ['A'] = "Adm=T Amb=T Atty=T Art=N Apr=P Aug=P Ave=P Assn=P Ala=P Ariz=P "
            "Ark=P Alta=P",
    ['B'] = "Brig=T Bros=P Blvd=P",
    ['C'] = "Col=T Capt=T Cpt=T Cpl=T Cmdr=T Cdr=T Co=P Cos=P Corp=P Calif=P "
            "Colo=P Conn=P",
    ['D'] = "Dr=T Det=T Dec=P Dept=P Del=C",
    ['F'] = "Fr=T Ft=T Fig=N Feb=P Fri=P Fla=P",
    ['G'] = "Gen=T Gens=T Gov=T Govs=T Ga=P",
    ['H'] = "Hon=T",
    ['I'] = "Insp=T Inc=P Ill=C Ind=C",
    ['J'] = "Jan=P Jun=P Jul=P Jr=P",
    ['K'] = "Kan=P Kans=P Ky=P",
    ['L'] = "Lt=T Ltd=P La=C",
    ['M'] = "Mr=T Mrs=T Ms=T Messrs=T Mme=T Mlle=T Maj=T Msgr=T Mt=T Mar=P "
            "Mon=P Mass=C Miss=C Mo=C Me=C Md=C Mich=P Minn=P Mont=P",
    ['N'] = "Nos=N No=N Nov=P Neb=P Nev=P",
    ['O'] = "Oct=P Ore=C Okla=P Ont=P",
    ['P'] = "Pvt=T Prof=T Pres=T Pty=P Ph=P Pa=C",
    ['Q'] = "Que=P",
    ['R'] = "Rep=T Reps=T Rev=T Rd=P",
    ['S'] = "Sgt=T Sen=T Sens=T Supt=T Sec=T Sep=P Sept=P Sr=P St=P",
    ['T'] = "Tue=P Tues=P Thu=P Thur=P Thurs=P Tenn=P Tex=P",
    ['U'] = "Univ=P",
    ['V'] = "Vs=T Vol=N Va=P Vt=P",
    ['W'] = "Wash=C Wis=P Wyo=P",
    ['a'] = "approx=P al=P",
    ['c'] = "cf=T",
    ['e'] = "etc=P",
    ['n'] = "no=N",
    ['p'] = "pp=N",
    ['v'] = "vs=T",
};

/* Kind of the word s[0..n) (without its period) from the list. */
static int abbr_lookup(const unsigned char *s, size_t n)
{
    if (n == 0 || n > 6 || s[0] >= 0x80 || !abbr_by_first[s[0]])
        return AB_NONE;
    for (const char *p = abbr_by_first[s[0]]; *p;) {
        size_t m = 0;
        while (p[m] != '=')
            m++;
        if (m == n && memcmp(p, s, n) == 0) {
            switch (p[m + 1]) {
            case 'T': return AB_TITLE;
            case 'N': return AB_NUMBER;
            case 'C': return AB_COMMA;
            default: return AB_PLAIN;
            }
        }
        p += m + 2;
        if (*p == ' ')
            p++;
    }
    return AB_NONE;
}

/* Kind of an ABBR token text s[0..n) including its final period. */
static int abbr_kind_of_token(const unsigned char *s, size_t n)
{
    if (n >= 1 && s[n - 1] == '.')
        n--;
    if (memchr(s, '.', n))
        return AB_DOTTED;
    size_t l;
    if (n == 1 || (s[0] >= 0x80 && decode(s, n, 0, &l) && l == n))
        return AB_INITIAL;
    int k = abbr_lookup(s, n);
    return k == AB_NONE ? AB_PLAIN : k;
}

/* ---- tokenizer state ---------------------------------------------------- */

typedef struct {
    const unsigned char *s;
    size_t n;
    dy_arena *a;
    txt_token *toks;
    uint8_t *alpha;  /* per token: 1 when made of ASCII letters only */
    size_t ntok, cap;
    char *nb;      /* norm chunk: next free byte */
    size_t nleft;  /* bytes left in the chunk */
    int oom;
} tk;

/* Reserve m bytes for a norm; NULL when out of memory. */
static char *norm_reserve(tk *t, size_t m)
{
    if (t->nleft < m) {
        size_t want = t->n / 2 + 256;
        if (want < m)
            want = m;
        char *p = dy_arena_alloc(t->a, want);
        if (!p)
            return NULL;
        t->nb = p;
        t->nleft = want;
    }
    return t->nb;
}

static void norm_commit(tk *t, size_t m)
{
    t->nb += m;
    t->nleft -= m;
}

/* Typographic punctuation folded to ASCII in norms; 0 = no mapping. */
static int32_t typo_ascii(int32_t cp)
{
    switch (cp) {
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x02BC:
    case 0x2039: case 0x203A: case 0x2032:
        return '\'';
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x00AB:
    case 0x00BB: case 0x2033:
        return '"';
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014:
    case 0x2015: case 0x2212: case 0x00AD:
        return '-';
    default:
        return 0;
    }
}

/* utf8proc custom mapping: typographic punctuation to ASCII before folding. */
static utf8proc_int32_t map_typo(utf8proc_int32_t cp, void *ud)
{
    (void)ud;
    int32_t m = typo_ascii(cp);
    return m ? m : cp;
}

/* Norm of a token containing non-ASCII bytes. Flags (letters, case) are
 * also computed here. Returns 0 or DY_ENOMEM. */
static int norm_unicode(tk *t, txt_token *k, const unsigned char *p, size_t m)
{
    uint32_t f = 0;
    int first_letter = 1, any_lower = 0, any_upper = 0;
    for (size_t i = 0; i < m;) {
        size_t l;
        int32_t cp = decode(p, m, i, &l);
        utf8proc_category_t c = utf8proc_category(cp);
        int letter = c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
        if (letter) {
            f |= TXT_TOK_WORD;
            int up = c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
            if (first_letter && up)
                f |= TXT_TOK_CAP;
            first_letter = 0;
            any_upper |= up;
            any_lower |= c == UTF8PROC_CATEGORY_LL;
        }
        i += l;
    }
    if (any_upper && !any_lower)
        f |= TXT_TOK_UPPER;
    k->flags |= f;

    /* An ellipsis character normalises to three periods like "...". */
    if (m == 3 && p[0] == 0xE2 && p[1] == 0x80 && p[2] == 0xA6) {
        char *d = norm_reserve(t, 4);
        if (!d)
            return DY_ENOMEM;
        memcpy(d, "...", 4);
        k->norm = d;
        k->norm_len = 3;
        k->hash = txt_hash(d, 3);
        norm_commit(t, 4);
        return 0;
    }

    utf8proc_int32_t stackbuf[64];
    utf8proc_int32_t *buf = stackbuf;
    const utf8proc_option_t opt = UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK |
                                  UTF8PROC_COMPOSE | UTF8PROC_IGNORE;
    utf8proc_ssize_t cap = 63, r;
    for (;;) {
        r = utf8proc_decompose_custom(p, (utf8proc_ssize_t)m, buf, cap, opt,
                                      map_typo, NULL);
        if (r < 0 || r <= cap)
            break;
        /* Rare: a long non-ASCII token. One retry with the exact size. */
        buf = dy_arena_alloc(t->a, ((size_t)r + 1) * sizeof *buf);
        if (!buf)
            return DY_ENOMEM;
        cap = r;
    }
    const unsigned char *src = p;
    size_t outn = m;
    if (r > 0) {
        utf8proc_ssize_t b = utf8proc_reencode(buf, r, opt);
        if (b > 0) {
            src = (const unsigned char *)buf;
            outn = (size_t)b;
        }
    }
    /* Empty results (a lone combining mark) or errors keep the raw bytes so
     * that every token has a non-empty norm. */
    char *d = norm_reserve(t, outn + 1);
    if (!d)
        return DY_ENOMEM;
    memcpy(d, src, outn);
    d[outn] = '\0';
    k->norm = d;
    k->norm_len = (uint32_t)outn;
    k->hash = txt_hash(d, outn);
    norm_commit(t, outn + 1);
    return 0;
}

/* Make room for more tokens (the token and alpha arrays grow together).
 * Rare: the first allocation is sized for typical text. Returns 0 or
 * DY_ENOMEM. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static int toks_grow(tk *t)
{
    size_t nc = t->cap * 2 + 64;
    txt_token *nt = dy_arena_grow(t->a, t->toks, t->ntok, nc, sizeof *nt);
    uint8_t *na = nt ? dy_arena_grow(t->a, t->alpha, t->ntok, nc, 1) : NULL;
    if (!na)
        return DY_ENOMEM;
    t->toks = nt;
    t->alpha = na;
    t->cap = nc;
    return 0;
}

/* Append the token s[b..e) with the given flags, computing its norm, hash
 * and letter/case flags. Returns 0 or DY_ENOMEM. */
static int emit(tk *t, size_t b, size_t e, uint32_t flags)
{
    if (t->ntok == t->cap && toks_grow(t))
        return DY_ENOMEM;
    t->alpha[t->ntok] = 0;
    txt_token *k = &t->toks[t->ntok++];
    k->start = (uint32_t)b;
    k->end = (uint32_t)e;
    k->flags = flags;
    const unsigned char *p = t->s + b;
    size_t m = e - b;
    if (is_ascii_digit(p[0]))
        k->flags |= TXT_TOK_NUM;

    char *d = norm_reserve(t, m + 1);
    if (!d)
        return DY_ENOMEM;
    /* One pass copies the lower-cased bytes, hashes them (txt_hash of the
     * norm) and gathers the letter classes; a byte >= 0x80 sends the token
     * to norm_unicode, which redoes it all. */
    uint64_t h = DY_FNV_OFFSET;
    unsigned acc = 0;
    for (size_t i = 0; i < m; i++) {
        unsigned c = p[i], bits = byte_bits[c];
        acc |= bits;
        c |= (bits & B_UP) << 5;
        d[i] = (char)c;
        h = dy_fnv1a_step(h, (unsigned char)c);
    }
    if (!(acc & B_HI)) {
        d[m] = '\0';
        k->norm = d;
        k->norm_len = (uint32_t)m;
        k->hash = h;
        norm_commit(t, m + 1);
        if (acc & (B_UP | B_LO)) {
            t->alpha[k - t->toks] = !(acc & (B_DG | B_CONT | B_OTH));
            k->flags |= TXT_TOK_WORD;
            size_t i = 0;
            while (!(byte_bits[p[i]] & (B_UP | B_LO)))
                i++;
            if (byte_bits[p[i]] & B_UP)
                k->flags |= TXT_TOK_CAP;
            if (!(acc & B_LO))
                k->flags |= TXT_TOK_UPPER;
        }
        return 0;
    }
    return norm_unicode(t, k, p, m);
}

/* Norm, hash and letter classes of a token prefix s[b..end), computed by
 * scan_word while it scans the word: the lower-cased bytes already sit at
 * t->nb (the next free norm byte), h is txt_hash of them, acc the union of
 * their byte_bits. */
typedef struct {
    size_t end;
    uint64_t h;
    unsigned acc;
} prefix;

/* Append the token s[b..e) whose norm is the precomputed prefix f
 * (f->end == e): its norm is already in place and only the token is filled
 * in. Nothing may have been written to the norm chunk since the prefix was
 * computed. Returns 0 or DY_ENOMEM. */
static inline int emit_prefix(tk *t, size_t b, size_t e, uint32_t flags, const prefix *f)
{
    if (t->ntok == t->cap && toks_grow(t))
        return DY_ENOMEM;
    /* The prefix is ASCII letters and digits. */
    t->alpha[t->ntok] = !(f->acc & B_DG);
    txt_token *k = &t->toks[t->ntok++];
    const unsigned char *p = t->s + b;
    size_t m = e - b;
    char *d = t->nb;
    d[m] = '\0';
    unsigned acc = f->acc, first = byte_bits[p[0]];
    if (first & B_DG)
        flags |= TXT_TOK_NUM;
    if (acc & (B_UP | B_LO)) {
        flags |= TXT_TOK_WORD;
        /* Case of the first letter: usually the first byte. */
        if (!(first & (B_UP | B_LO))) {
            size_t i = 1;
            while (!(byte_bits[p[i]] & (B_UP | B_LO)))
                i++;
            first = byte_bits[p[i]];
        }
        if (first & B_UP)
            flags |= TXT_TOK_CAP;
        if (!(acc & B_LO))
            flags |= TXT_TOK_UPPER;
    }
    k->start = (uint32_t)b;
    k->end = (uint32_t)e;
    k->flags = flags;
    k->norm = d;
    k->norm_len = (uint32_t)m;
    k->hash = f->h;
    norm_commit(t, m + 1);
    return 0;
}

/* emit() for a token that is one ASCII byte other than a letter or digit
 * (most punctuation): its norm is the byte itself and it has no letter
 * flags. Returns 0 or DY_ENOMEM. */
static inline int emit_punct1(tk *t, size_t b, uint32_t flags)
{
    if (t->ntok == t->cap || t->nleft < 2)
        return emit(t, b, b + 1, flags);
    unsigned c = t->s[b];
    t->alpha[t->ntok] = 0;
    txt_token *k = &t->toks[t->ntok++];
    char *d = t->nb;
    d[0] = (char)c;
    d[1] = '\0';
    k->start = (uint32_t)b;
    k->end = (uint32_t)b + 1;
    k->flags = flags;
    k->norm = d;
    k->norm_len = 1;
    k->hash = dy_fnv1a_step(DY_FNV_OFFSET, (unsigned char)c);
    norm_commit(t, 2);
    return 0;
}

/* A punctuation token s[b..e): the one-byte ASCII case without emit(). */
static inline int emit_punct(tk *t, size_t b, size_t e, uint32_t flags)
{
    if (e == b + 1 && t->s[b] < 0x80)
        return emit_punct1(t, b, flags);
    return emit(t, b, e, flags);
}

/* emit() for the first token of a scan_word call: the precomputed prefix
 * when the token is exactly that. Returns 0 or DY_ENOMEM. */
static int emit_first(tk *t, size_t b, size_t e, uint32_t flags, const prefix *f)
{
    return e == f->end ? emit_prefix(t, b, e, flags, f) : emit(t, b, e, flags);
}

/* True when s[i..] begins with a clitic that we split off after an
 * apostrophe: s, ll, re, ve, d, m (any case) followed by a non-word char.
 * Sets *cl to the clitic's length after the apostrophe. */
static int clitic_after(const unsigned char *s, size_t n, size_t i, size_t *cl)
{
    size_t j = i;
    while (j < n && is_ascii_alpha(s[j]) && j - i < 3)
        j++;
    size_t m = j - i;
    if (m == 0 || m > 2 || is_wordc(cls_or0(s, n, j)))
        return 0;
    char w[3] = {0, 0, 0};
    for (size_t k = 0; k < m; k++)
        w[k] = (char)(s[i + k] | 0x20);
    if ((m == 1 && (w[0] == 's' || w[0] == 'd' || w[0] == 'm')) ||
        (m == 2 && (!strcmp(w, "ll") || !strcmp(w, "re") || !strcmp(w, "ve")))) {
        *cl = m;
        return 1;
    }
    return 0;
}

/* Length in bytes of the apostrophe at s[i], 0 if none. */
static size_t apos_len(const unsigned char *s, size_t n, size_t i)
{
    if (i >= n)
        return 0;
    if (s[i] == '\'')
        return 1;
    if (i + 2 < n && s[i] == 0xE2 && s[i + 1] == 0x80 && s[i + 2] == 0x99)
        return 3;
    if (i + 1 < n && s[i] == 0xCA && s[i + 1] == 0xBC)
        return 2;
    return 0;
}

/* The rest of scan_word, when the word does not simply end after its first
 * run of ASCII letters and digits: start is where the word began, j where
 * that run ended, h and acc the hash and byte bits of its precomputed norm
 * (see prefix). */
/* Kept out of line so that the common path of scan_word stays small enough
 * to be inlined into the main loop; the prefix comes in registers, not
 * through memory the common path would have to fill. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static size_t scan_word_rest(tk *t, size_t start, size_t j, uint32_t ws, uint64_t h,
                             unsigned acc)
{
    const prefix prefix_ = {j, h, acc}, *pre = &prefix_;
    const unsigned char *s = t->s;
    size_t n = t->n;
    int number = is_ascii_digit(s[start]);
    size_t seg = start;  /* start of the current alphanumeric run */

    /* A word before a comma or colon: no rule below applies. */
    if (!number && (s[j] == ',' || s[j] == ':')) {
        if (emit_prefix(t, start, j, ws, pre))  /* j == pre->end */
            goto oom;
        return j;
    }

    for (;;) {
        /* ASCII letters and digits by table; other bytes below 0x80 end
         * the run; only non-ASCII characters need decoding. */
        while (j < n) {
            unsigned b = s[j];
            if (byte_bits[b] & B_WORD) {
                j++;
                continue;
            }
            size_t l;
            if (b < 0x80 || !is_wordc(uclass(decode(s, n, j, &l))))
                break;
            j += l;
        }
        if (j >= n)
            break;
        unsigned c = s[j];
        /* Most words end at a space or at punctuation other than these
         * four, where none of the rules below applies. */
        if (c < 0x80 && c != '.' && c != ',' && c != ':' && c != '\'')
            break;
        /* Numbers keep decimal points, thousands separators and times. */
        if (number && j + 1 < n && is_ascii_digit(s[j + 1]) && is_ascii_digit(s[j - 1])) {
            if (c == '.') {
                j++; seg = j;
                continue;
            }
            if (c == ',' && j + 3 < n + 0 && is_ascii_digit(s[j + 2]) &&
                is_ascii_digit(s[j + 3]) && (j + 4 >= n || !is_ascii_digit(s[j + 4]))) {
                j++; seg = j;
                continue;
            }
            if (c == ':' && j - seg <= 2 && j + 2 < n && is_ascii_digit(s[j + 2]) &&
                (j + 3 >= n || !is_ascii_digit(s[j + 3]))) {
                j++; seg = j;
                continue;
            }
        }
        size_t al = apos_len(s, n, j);
        if (al && is_wordc(cls_or0(s, n, j + al))) {
            size_t cl;
            if (clitic_after(s, n, j + al, &cl)) {
                if (emit_first(t, start, j, ws, pre)) goto oom;
                if (emit(t, j, j + al + cl, TXT_TOK_CLITIC)) goto oom;
                return j + al + cl;
            }
            /* "n't": the n belongs to the clitic ("don't" -> do n't). */
            if ((s[j + al] | 0x20) == 't' && !is_wordc(cls_or0(s, n, j + al + 1)) &&
                j - start >= 2 && (s[j - 1] | 0x20) == 'n' && is_wordc(cls_or0(s, n, j - 2))) {
                if (emit_first(t, start, j - 1, ws, pre)) goto oom;
                if (emit(t, j - 1, j + al + 1, TXT_TOK_CLITIC)) goto oom;
                return j + al + 1;
            }
            /* Internal apostrophe: O'Neill, d'Ivoire. */
            j += al;
            seg = j;
            continue;
        }
        if (al && (s[j - 1] | 0x20) == 's' && !number && j + al + 1 < n &&
            (s[j + al] == ' ') && s[j + al + 1] >= 'a' && s[j + al + 1] <= 'z') {
            /* Plural possessive: "the states' rights". */
            if (emit_first(t, start, j, ws, pre)) goto oom;
            if (emit(t, j, j + al, TXT_TOK_CLITIC)) goto oom;
            return j + al;
        }
        if (c == '.' && !number) {
            size_t runlen = j - seg;
            int ascii_run = 1;
            for (size_t k = seg; k < j; k++)
                if (!is_ascii_alpha(s[k])) { ascii_run = 0; break; }
            /* Dotted acronyms: U.S., a.m., Ph.D., U.S.A. */
            if (ascii_run && seg == start && runlen <= 2 && j + 1 < n && is_ascii_alpha(s[j + 1])) {
                size_t p = j + 1, groups = 0, end = 0;
                for (;;) {
                    size_t q = p;
                    while (q < n && is_ascii_alpha(s[q]) && q - p < 3)
                        q++;
                    if (q == p || q - p > 2)
                        break;
                    if (q < n && s[q] == '.') {
                        groups++;
                        p = q + 1;
                        end = p;
                        continue;
                    }
                    /* "U.S-led": a last group without its period. */
                    if (q - p == 1 && groups > 0 && !is_wordc(cls_or0(s, n, q))) {
                        end = q;
                        groups++;
                    }
                    break;
                }
                if (groups > 0 && end && !is_wordc(cls_or0(s, n, end))) {
                    if (emit_first(t, start, end, ws | TXT_TOK_ABBR, pre)) goto oom;
                    return end;
                }
            }
            /* Web addresses: reuters.com, bbc.co.uk. */
            if (runlen >= 2 && j + 1 < n && s[j + 1] >= 'a' && s[j + 1] <= 'z') {
                size_t q = j + 1;
                while (q < n && s[q] >= 'a' && s[q] <= 'z')
                    q++;
                if (q - j - 1 >= 2 && (q >= n || !is_wordc(cls_or0(s, n, q)))) {
                    j = q;
                    seg = j;
                    continue;
                }
            }
            if (seg == start) {
                int kind = AB_NONE;
                size_t l1;
                if (runlen == 1 && s[start] >= 'A' && s[start] <= 'Z')
                    kind = AB_INITIAL;
                else if (cls_at(s, n, start, &l1) == C_ALPHA && l1 == runlen && s[start] >= 0x80 &&
                         utf8proc_category(decode(s, n, start, &l1)) == UTF8PROC_CATEGORY_LU)
                    kind = AB_INITIAL;
                else if (ascii_run)
                    kind = abbr_lookup(s + start, runlen);
                if (kind == AB_NUMBER) {
                    size_t q = j + 1;
                    while (q < n && s[q] == ' ')
                        q++;
                    if (q >= n || !is_ascii_digit(s[q]))
                        kind = AB_NONE;
                } else if (kind == AB_COMMA) {
                    if (!(start >= 2 && s[start - 1] == ' ' && s[start - 2] == ','))
                        kind = AB_NONE;
                }
                if (kind != AB_NONE) {
                    if (emit_first(t, start, j + 1, ws | TXT_TOK_ABBR, pre)) goto oom;
                    return j + 1;
                }
            }
        }
        break;
    }
    if (emit_first(t, start, j, ws, pre)) goto oom;
    return j;
oom:
    t->oom = 1;
    return 0;
}


/* Scan a word or number starting at i (an ASCII letter or digit) and emit
 * it (with a split-off clitic when there is one). ws: whitespace flags for
 * the first token. Returns the position after the scanned text, or 0 with
 * t->oom set.
 *
 * The first run of ASCII letters and digits is lower-cased into the norm
 * chunk and hashed while it is scanned (as far as the chunk has room): most
 * tokens are exactly that run, followed by a space or plain punctuation,
 * and are emitted here with nothing left to compute. */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline size_t scan_word(tk *t, size_t i, uint32_t ws)
{
    const unsigned char *s = t->s;
    size_t n = t->n;
    size_t room = t->nleft ? t->nleft - 1 : 0;
    size_t mlim = n - i < room ? n - i : room, m = 0;
    const unsigned char *q = s + i;
    unsigned char *dp = (unsigned char *)t->nb;
    uint64_t h = DY_FNV_OFFSET;
    unsigned acc = 0;
    /* One byte of the run at q[m + k]: lower-case, store, hash; leaves the
     * loop at the first byte that is no ASCII letter or digit. Unrolled by
     * eight while eight bytes fit, which saves the bound check per byte. */
#define RUN_BYTE(k)                                      \
    do {                                                 \
        unsigned c_ = q[m + (k)], bits_ = byte_bits[c_]; \
        if (!(bits_ & B_WORD)) {                         \
            m += (k);                                    \
            goto run_end;                                \
        }                                                \
        acc |= bits_;                                    \
        c_ = ascii_lower[c_];                            \
        dp[m + (k)] = (unsigned char)c_;                 \
        h = dy_fnv1a_step(h, (unsigned char)c_);        \
    } while (0)
    while (mlim - m >= 8) {
        RUN_BYTE(0); RUN_BYTE(1); RUN_BYTE(2); RUN_BYTE(3);
        RUN_BYTE(4); RUN_BYTE(5); RUN_BYTE(6); RUN_BYTE(7);
        m += 8;
    }
    while (m < mlim) {
        RUN_BYTE(0);
        m++;
    }
#undef RUN_BYTE
run_end:;
    size_t j = i + m;
    if (j < n && (byte_bits[s[j]] & (B_WORD | B_HI | B_CONT)))
        return scan_word_rest(t, i, j, ws, h, acc);
    prefix pre = {j, h, acc};
    if (emit_prefix(t, i, j, ws, &pre)) {
        t->oom = 1;
        return 0;
    }
    return j;
}

/* ---- sentence ends ------------------------------------------------------ */

/* Sentence-final punctuation: . ! ? and ellipses. */
static int is_term(const txt_token *k)
{
    if (!(k->flags & TXT_TOK_PUNCT))
        return 0;
    const char *p = k->norm;
    return (k->norm_len == 1 && (p[0] == '.' || p[0] == '!' || p[0] == '?')) ||
           (k->norm_len >= 2 && p[0] == '.' && p[1] == '.');
}

/* Closing punctuation that stays with the sentence before it. */
static int is_closer(const txt_token *k)
{
    if (k->flags & TXT_TOK_QUOTE)
        return 1;
    return k->norm_len == 1 && (k->norm[0] == ')' || k->norm[0] == ']' ||
                                k->norm[0] == '}');
}

static int is_opener(const txt_token *k)
{
    if (k->flags & TXT_TOK_QUOTE)
        return 1;
    return k->norm_len == 1 && (k->norm[0] == '(' || k->norm[0] == '[');
}

/* Closed-class words that begin sentences and rarely follow an abbreviation
 * inside one. Used only after abbreviations that can also end a sentence. */
static const char *const starters[] = {
    "the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "this",
    "that", "these", "those", "there", "their", "his", "her", "its", "our",
    "in", "on", "at", "but", "and", "however", "meanwhile", "also", "after",
    "before", "when", "while", "if", "as", "some", "many", "most", "all",
    "both", "each", "for", "with", "under", "since", "during", "although",
    "though", "yet", "so", "what", "why", "how", "who", "where", "earlier",
    "later", "then", "still", "such", "another", "according", "despite",
    "now", "today", "yesterday", "officials", "analysts", "police", "other",
    "one", "not", "no", "by", "last", "on", "from", "to", "until", "only",
};

static int is_starter(const txt_token *k)
{
    if (!(k->flags & TXT_TOK_CAP) || k->norm_len > 10)
        return 0;
    for (size_t i = 0; i < sizeof starters / sizeof starters[0]; i++)
        if (starters[i][0] == k->norm[0] && strlen(starters[i]) == k->norm_len &&
            memcmp(starters[i], k->norm, k->norm_len) == 0)
            return 1;
    return 0;
}

/* Does token u look like the beginning of a sentence? */
static int starts_sentence(const txt_token *toks, size_t ntok, size_t u)
{
    const txt_token *k = &toks[u];
    if (k->flags & (TXT_TOK_CAP | TXT_TOK_NUM))
        return 1;
    if (is_opener(k)) {
        if (u + 1 >= ntok)
            return 0;
        const txt_token *x = &toks[u + 1];
        return (x->flags & (TXT_TOK_CAP | TXT_TOK_NUM | TXT_TOK_QUOTE)) != 0;
    }
    /* Bullets and dashes at the start of a line. */
    if ((k->flags & TXT_TOK_NL_BEFORE) && (k->flags & TXT_TOK_PUNCT))
        return 1;
    /* Scripts without case. */
    if ((k->flags & TXT_TOK_WORD) && k->norm_len && (unsigned char)k->norm[0] >= 0x80 &&
        !(k->flags & TXT_TOK_UPPER)) {
        return 0;
    }
    return 0;
}

/* Set TXT_TOK_SENT_END on the punctuation (or abbreviation) ending each
 * sentence. A candidate ends a sentence when, after closing quotes and
 * brackets glued to it, white space and a sentence start follow (or the
 * text ends). Abbreviations need more evidence: see docs/segmentation.md. */
static void mark_sentence_ends(tk *t)
{
    txt_token *toks = t->toks;
    size_t n = t->ntok;
    const uint32_t cand = TXT_TOK_PUNCT | TXT_TOK_ABBR;
    for (size_t i = 0; i < n; i++) {
        /* Only punctuation and abbreviations can end a sentence; words come
         * in runs, passed over four at a time. */
        while (n - i >= 4 && !((toks[i].flags | toks[i + 1].flags | toks[i + 2].flags |
                                toks[i + 3].flags) & cand))
            i += 4;
        while (i < n && !(toks[i].flags & cand))
            i++;
        if (i == n)
            break;
        txt_token *k = &toks[i];
        int abbr = (k->flags & TXT_TOK_ABBR) && t->s[k->end - 1] == '.';
        if (!abbr && !is_term(k))
            continue;
        size_t u = i + 1;
        int later_term = 0;
        while (u < n && !(toks[u].flags & (TXT_TOK_SPACE_BEFORE))) {
            if (is_term(&toks[u])) {
                later_term = 1;
                break;
            }
            if (!is_closer(&toks[u]))
                break;
            u++;
        }
        if (later_term)
            continue;
        if (u >= n) {
            k->flags |= TXT_TOK_SENT_END;
            continue;
        }
        if (!(toks[u].flags & TXT_TOK_SPACE_BEFORE))
            continue;
        if (!starts_sentence(toks, n, u))
            continue;
        if (!abbr) {
            /* "1." enumerating at the start of a line is not a sentence. */
            if (k->norm_len == 1 && k->norm[0] == '.' && i > 0 &&
                (toks[i - 1].flags & TXT_TOK_NUM) &&
                !(k->flags & TXT_TOK_SPACE_BEFORE) &&
                (i == 1 || (toks[i - 1].flags & TXT_TOK_NL_BEFORE)))
                continue;
            k->flags |= TXT_TOK_SENT_END;
            continue;
        }
        int kind = abbr_kind_of_token(t->s + k->start, k->end - k->start);
        if (kind == AB_TITLE || kind == AB_NUMBER)
            continue;
        const txt_token *x = &toks[u];
        if (is_opener(x) && !(toks[u].flags & TXT_TOK_NL_BEFORE)) {
            k->flags |= TXT_TOK_SENT_END;
            continue;
        }
        if (is_starter(x)) {
            /* An initial after a capitalised word is part of a name. */
            if (kind == AB_INITIAL && i > 0 && (toks[i - 1].flags & TXT_TOK_CAP))
                continue;
            k->flags |= TXT_TOK_SENT_END;
        }
    }
}

/* ---- main loop ---------------------------------------------------------- */

/* Contract in text_internal.h (and text.h for the rest). Tokens, norms and
 * the alpha array are allocated in a; on DY_ENOMEM the arena may hold
 * partial data (released with the arena) and *toks, *ntok, *alpha are left
 * 0/NULL. Offsets are 32-bit: texts of 4 GiB or more are DY_ELIMIT. */
int txt_tokenize_alpha(const char *text, size_t len, dy_arena *a, txt_token **toks,
                       size_t *ntok, const uint8_t **alpha, dy_err *err)
{
    *toks = NULL;
    *ntok = 0;
    *alpha = NULL;
    if (len >= UINT32_MAX)
        return dy_err_set(err, DY_ELIMIT, NULL, 0, -1,
                          "text of %zu bytes exceeds the 4 GiB token offset limit", len);
    tk t = {.s = (const unsigned char *)text, .n = len, .a = a};
    /* Average English news token plus its space is about 5.5 bytes. */
    t.cap = len / 5 + 16;
    /* One allocation for both arrays: the alpha bytes follow the tokens. */
    t.toks = dy_arena_alloc(a, t.cap * (sizeof *t.toks + 1));
    if (!t.toks)
        goto oom;
    t.alpha = (uint8_t *)(t.toks + t.cap);
    const unsigned char *s = t.s;
    size_t i = 0;
    uint32_t ws = 0;
    int nls = 0;
    while (i < len) {
        /* The two commonest cases first: a space, a word or number. */
        unsigned b0 = s[i];
        if (b0 == ' ') {
            ws |= TXT_TOK_SPACE_BEFORE;
            i++;
            continue;
        }
        if (byte_bits[b0] & B_WORD) {
            /* 0 only when out of memory: a token ends after position 0. */
            i = scan_word(&t, i, ws);
            if (!i)
                goto oom;
            ws = 0;
            nls = 0;
            /* The space after a word, without a turn of the loop. */
            if (i < len && s[i] == ' ') {
                ws = TXT_TOK_SPACE_BEFORE;
                i++;
            }
            continue;
        }
        size_t l;
        int c = cls_at(s, len, i, &l);
        if (c == C_SPACE) {
            ws |= TXT_TOK_SPACE_BEFORE;
            i += l;
            continue;
        }
        if (c == C_NL) {
            ws |= TXT_TOK_SPACE_BEFORE | TXT_TOK_NL_BEFORE;
            if (++nls >= 2)
                ws |= TXT_TOK_PARA_BEFORE;
            i += l;
            continue;
        }
        size_t next;
        if (is_wordc(c)) {
            next = scan_word(&t, i, ws);
            if (!next)
                goto oom;
        } else if (c == C_APOS || c == C_QUOTE) {
            next = i + l;
            if (emit_punct(&t, i, next, ws | TXT_TOK_PUNCT | TXT_TOK_QUOTE))
                goto oom;
        } else if (c == C_HYPHEN) {
            next = i + l;
            uint32_t f = ws | TXT_TOK_PUNCT;
            if (s[i] == '-' && i + 1 < len && s[i + 1] == '-') {
                while (next < len && s[next] == '-')
                    next++;
            } else if (!ws && t.ntok > 0 && t.toks[t.ntok - 1].end == i &&
                       (t.toks[t.ntok - 1].flags & (TXT_TOK_WORD | TXT_TOK_NUM)) &&
                       is_wordc(cls_or0(s, len, next))) {
                f |= TXT_TOK_HYPHEN;
            }
            if (emit_punct(&t, i, next, f))
                goto oom;
        } else if (s[i] == '.') {
            next = i + 1;
            while (next < len && s[next] == '.')
                next++;
            if (emit_punct(&t, i, next, ws | TXT_TOK_PUNCT))
                goto oom;
        } else {
            next = i + l;
            if (emit_punct(&t, i, next, ws | TXT_TOK_PUNCT))
                goto oom;
        }
        i = next;
        ws = 0;
        nls = 0;
    }
    mark_sentence_ends(&t);
    *toks = t.toks;
    *ntok = t.ntok;
    *alpha = t.alpha;
    return 0;
oom:
    return dy_err_set(err, DY_ENOMEM, NULL, 0, -1, "out of memory while tokenizing");
}

/* Contract in text.h: txt_tokenize_alpha without the alpha array (which
 * stays in the arena unused). */
int txt_tokenize(const char *text, size_t len, dy_arena *a, txt_token **toks,
                 size_t *ntok, dy_err *err)
{
    const uint8_t *alpha;
    return txt_tokenize_alpha(text, len, a, toks, ntok, &alpha, err);
}
