/* import_verbs.c - pieces shared by the PETRARCH2 and TABARI verb
 * converters: patterns, codes, verb phrases, word classes. */
#include "dict/import_internal.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

/* A plain word for a pattern or class: letters, digits, ', -, . and UTF-8
 * (and '/' when slash: "F/A-18" in a class). */
static int plain_word2(const char *s, size_t n, int slash)
{
    int alnum = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (isalnum(ch) || ch >= 0x80)
            alnum = 1;
        else if (ch != '\'' && ch != '-' && ch != '.' && !(slash && ch == '/'))
            return 0;
    }
    return alnum;
}

static int plain_word(const char *s, size_t n) { return plain_word2(s, n, 0); }

static void add_lower(imp_buf *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        imp_buf_addc(b, (char)tolower((unsigned char)s[i]));
}

/* See import_internal.h. */
int imp_member(const char *s, size_t n, imp_buf *out)
{
    size_t i = 0;
    int nw = 0;
    while (i < n) {
        while (i < n && (s[i] == '_' || isspace((unsigned char)s[i])))
            i++;
        size_t st = i;
        while (i < n && s[i] != '_' && !isspace((unsigned char)s[i]))
            i++;
        if (i == st)
            break;
        if (!plain_word2(s + st, i - st, 1))
            return -1;
        if (nw++)
            imp_buf_addc(out, ' ');
        add_lower(out, s + st, i - st);
    }
    return nw ? 0 : -1;
}

typedef struct pstate {
    imp_buf *out;
    int nel, verbs, src, tgt;
    int adj;          /* the next element follows without a gap */
    int last_elem;    /* an element was written since the last separator */
} pstate;

/* Write one element (with a pending '_' adjacency mark). */
static void elem(pstate *p, const char *s, size_t n)
{
    if (p->out->n)
        imp_buf_addc(p->out, ' ');
    if (p->adj && p->nel)
        imp_buf_adds(p->out, "_ ");
    imp_buf_add(p->out, s, n);
    p->adj = 0;
    p->nel++;
}

/* One '_'-free part of a source word. */
static const char *part(const imp_ctx *c, pstate *p, const char *s, size_t n, const char *particle)
{
    if (n == 1 && s[0] == '*') {
        elem(p, "*", 1);
        p->verbs++;
        if (particle && *particle) {
            const char *q = particle;
            while (*q) {
                const char *sp = strchr(q, ' ');
                size_t l = sp ? (size_t)(sp - q) : strlen(q);
                p->adj = 1;
                elem(p, q, l);
                q += l + (sp ? 1 : 0);
            }
        }
        return NULL;
    }
    if (n == 1 && (s[0] == '$' || s[0] == '+')) {
        elem(p, s, 1);
        if (s[0] == '$')
            p->src++;
        else
            p->tgt++;
        return NULL;
    }
    if (n == 1 && s[0] == '^') {
        p->adj = 0; /* a skipped phrase: dyad allows gaps anyway */
        return NULL;
    }
    if (memchr(s, '%', n))
        return "compound actor '%' has no equivalent in dyad's patterns";
    if (s[0] == '&') {
        char name[64];
        imp_class_name(s + 1, n - 1, name, sizeof name);
        if (!name[0] || !imp_class_known(c, name))
            return "unknown synset (&NAME)";
        elem(p, name, strlen(name));
        return NULL;
    }
    if (memchr(s, '/', n)) {
        /* "BY/WITH": one of the words */
        imp_buf g = {0};
        imp_buf_addc(&g, '{');
        size_t i = 0, k = 0;
        while (i <= n) {
            size_t st = i;
            while (i < n && s[i] != '/')
                i++;
            if (i == st || !plain_word(s + st, i - st)) {
                imp_buf_free(&g);
                return "word with symbols dyad's patterns cannot hold";
            }
            if (k++)
                imp_buf_adds(&g, " | ");
            add_lower(&g, s + st, i - st);
            i++;
        }
        imp_buf_addc(&g, '}');
        elem(p, g.s, g.n);
        imp_buf_free(&g);
        return NULL;
    }
    if (!plain_word(s, n))
        return "word with symbols dyad's patterns cannot hold";
    imp_buf w = {0};
    add_lower(&w, s, n);
    elem(p, w.s ? w.s : "", w.n);
    imp_buf_free(&w);
    return NULL;
}

/* A source word: parts joined by '_' follow each other without a gap; a
 * trailing '_' (TABARI: exact word) adds nothing. */
static const char *word(const imp_ctx *c, pstate *p, const char *s, size_t n, const char *particle)
{
    size_t i = 0;
    int first = 1;
    while (i <= n) {
        size_t st = i;
        while (i < n && s[i] != '_')
            i++;
        if (i > st) {
            if (!first)
                p->adj = 1;
            const char *why = part(c, p, s + st, i - st, particle);
            if (why)
                return why;
            first = 0;
        }
        i++;
    }
    return NULL;
}

/* TABARI "{ A | B_C }" alternatives. */
static const char *alts(pstate *p, const char *s, size_t n)
{
    imp_buf b = {0};
    size_t i = 0, na = 0;
    while (i <= n) {
        size_t st = i;
        while (i < n && s[i] != '|')
            i++;
        imp_buf a = {0};
        if (imp_member(s + st, i - st, &a)) {
            imp_buf_free(&a);
            imp_buf_free(&b);
            return "alternative holding a slot, synset or symbol";
        }
        if (na++)
            imp_buf_adds(&b, " | ");
        imp_buf_add(&b, a.s, a.n);
        imp_buf_free(&a);
        i++;
    }
    if (na == 1) {
        elem(p, b.s, b.n);
    } else {
        imp_buf g = {0};
        imp_buf_addc(&g, '{');
        imp_buf_add(&g, b.s, b.n);
        imp_buf_addc(&g, '}');
        elem(p, g.s, g.n);
        imp_buf_free(&g);
    }
    imp_buf_free(&b);
    return NULL;
}

/* See import_internal.h. */
const char *imp_pattern(const imp_ctx *c, int syntax, const char *s, size_t n,
                        const char *particle, imp_buf *out)
{
    pstate p = {.out = out};
    size_t i = 0;
    while (i < n) {
        unsigned char ch = (unsigned char)s[i];
        if (isspace(ch)) {
            p.adj = 0;
            i++;
            continue;
        }
        if (syntax == IMP_SYN_PETRARCH && (ch == '(' || ch == ')' || ch == '{' || ch == '}')) {
            /* noun and prepositional phrase brackets: the words stay in order */
            p.adj = 0;
            i++;
            continue;
        }
        if (syntax == IMP_SYN_TABARI && ch == '{') {
            const char *e = memchr(s + i, '}', n - i);
            if (!e)
                return "missing '}'";
            const char *why = alts(&p, s + i + 1, (size_t)(e - (s + i + 1)));
            if (why)
                return why;
            i = (size_t)(e - s) + 1;
            continue;
        }
        if (ch == '{' || ch == '}' || ch == '(' || ch == ')' || ch == '|' || ch == '[' ||
            ch == ']')
            return "unexpected bracket or '|'";
        size_t st = i;
        while (i < n && !isspace((unsigned char)s[i]) && !strchr("(){}|[]", s[i]))
            i++;
        const char *why = word(c, &p, s + st, i - st, particle);
        if (why)
            return why;
        p.adj = 0;
    }
    if (p.verbs == 0)
        return "pattern has no '*'";
    if (p.verbs > 1)
        return "pattern has more than one '*'";
    if (p.src > 1 || p.tgt > 1)
        return "more than one '$' or '+' in a pattern";
    if (p.nel > 60)
        return "pattern too long";
    return NULL;
}

/* See import_internal.h. */
int imp_event_code(const char *s, size_t n, char *out)
{
    s = imp_trim(s, &n);
    const char *colon = memchr(s, ':', n);
    if (colon)
        n = (size_t)(colon - s);
    s = imp_trim(s, &n);
    /* TABARI writes "###" for patterns that code nothing. */
    if (n == 3 && (memcmp(s, "---", 3) == 0 || memcmp(s, "###", 3) == 0)) {
        memcpy(out, "---", 4);
        return 0;
    }
    if (n < 2 || n > 4)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)s[i]))
            return -1;
    memcpy(out, s, n);
    out[n] = '\0';
    return 0;
}

/* See import_internal.h. */
int imp_verb_phrase(const char *s, size_t n, char *lemma, size_t lcap, char *particle,
                    size_t pcap)
{
    s = imp_trim(s, &n);
    while (n && s[0] == '+')
        s++, n--;
    size_t i = 0;
    while (i < n && s[i] != '_' && !isspace((unsigned char)s[i]))
        i++;
    if (i == 0 || i >= lcap || !plain_word(s, i))
        return -1;
    for (size_t k = 0; k < i; k++)
        lemma[k] = (char)tolower((unsigned char)s[k]);
    lemma[i] = '\0';
    imp_buf p = {0};
    int rest = 0;
    for (size_t k = i; k < n; k++)
        rest |= s[k] != '_' && !isspace((unsigned char)s[k]);
    if (rest && imp_member(s + i, n - i, &p) != 0) {
        imp_buf_free(&p);
        return -1;
    }
    if (p.n >= pcap) {
        imp_buf_free(&p);
        return -1;
    }
    memcpy(particle, p.s ? p.s : "", p.n);
    particle[p.n] = '\0';
    imp_buf_free(&p);
    return 0;
}

/* See import_internal.h. */
void imp_verb_head(imp_buf *b, const imp_ctx *c, long line, const char *lemma,
                   const char *particle, const char *forms, const char *code, uint32_t *npat)
{
    imp_buf_addf(b, "# %s:%ld\nverb %s\n", imp_base(c->path), line, lemma);
    if (forms && *forms)
        imp_buf_addf(b, "  forms %s\n", forms);
    if (code && *code && strcmp(code, "---") != 0) {
        if (particle && *particle) {
            imp_buf_addf(b, "  %s *", code);
            const char *q = particle;
            while (*q) {
                const char *sp = strchr(q, ' ');
                size_t l = sp ? (size_t)(sp - q) : strlen(q);
                imp_buf_addf(b, " _ %.*s", (int)l, q);
                q += l + (sp ? 1 : 0);
            }
            imp_buf_addc(b, '\n');
            (*npat)++;
        } else {
            imp_buf_addf(b, "  code %s\n", code);
        }
    }
}

/* See import_internal.h. */
void imp_class_line(imp_buf *b, const char *name, const imp_buf *members)
{
    imp_buf_addf(b, "class %s ", name);
    size_t i = 0, k = 0;
    while (i < members->n) {
        const char *e = memchr(members->s + i, '\n', members->n - i);
        size_t l = (size_t)(e - (members->s + i));
        if (k++)
            imp_buf_adds(b, " | ");
        imp_buf_add(b, members->s + i, l);
        i += l + 1;
    }
    imp_buf_addc(b, '\n');
}
