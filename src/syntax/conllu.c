/* conllu.c - reading CoNLL-U treebanks (universaldependencies.org/format)
 * for training and measuring: words with their tags, heads and relations,
 * the sentence text and each word's byte span in it.
 *
 * Multiword tokens ("don't" = do + n't) give their words consecutive parts
 * of the token's span when the words spell the token, else the whole span.
 * Empty nodes (ids like 8.1) are skipped: they take no part in the basic
 * tree. When a sentence has no "# text" line, or its words cannot be found
 * in that text in order, the text is rebuilt from the words and their
 * SpaceAfter=No marks.
 */
#include "syntax/syntax_conllu.h"
#include "core/buf.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct unit {
    const char *form;      /* surface form (a word, or a multiword token) */
    uint32_t first, last;  /* words it covers, 0-based */
    int space_after;
} unit;

typedef struct cl_reader {
    const char *path;
    dy_arena *a;
    dy_err *err;
    long line;
    /* the sentence being read */
    const char *text;
    syn_cword *w;
    size_t nw, capw;
    unit *u;
    size_t nu, capu;
    long first_line;
    size_t skip_to;        /* words inside the current multiword token */
    /* the sentences so far */
    syn_csent *s;
    size_t ns, caps;
} cl_reader;

static int cl_bad(cl_reader *r, const char *what)
{
    return dy_err_set(r->err, DY_EPARSE, r->path, r->line, -1, "%s", what);
}

/* Split line into its ten tab-separated columns (in place). */
static int columns(char *line, char *col[10])
{
    int k = 0;
    col[k++] = line;
    for (char *p = line; *p; p++) {
        if (*p == '\t') {
            *p = '\0';
            if (k == 10)
                return -1;
            col[k++] = p + 1;
        }
    }
    return k == 10 ? 0 : -1;
}

static int push_unit(cl_reader *r, const char *form, uint32_t first, uint32_t last, int sp)
{
    if (r->nu == r->capu) {
        size_t cap = r->capu ? 2 * r->capu : 64;
        unit *u = dy_arena_grow(r->a, r->u, r->nu, cap, sizeof *u);
        if (!u)
            return DY_ENOMEM;
        r->u = u;
        r->capu = cap;
    }
    r->u[r->nu++] = (unit){form, first, last, sp};
    return 0;
}

static int space_after(const char *misc)
{
    return strstr(misc, "SpaceAfter=No") == NULL;
}

/* A word line (id "N"). */
static int word_line(cl_reader *r, char *col[10])
{
    char *end;
    long id = strtol(col[0], &end, 10);
    if (*end || id != (long)r->nw + 1)
        return cl_bad(r, "word ids must count 1, 2, 3, ... within a sentence");
    long head = strtol(col[6], &end, 10);
    if (*end || head < 0)
        return cl_bad(r, "HEAD must be a number (0 for the root)");
    int upos = syn_upos_lookup(col[3], strlen(col[3]));
    if (upos < 0)
        return cl_bad(r, "unknown UPOS tag");
    int rel = syn_rel_lookup(col[7], strlen(col[7]));
    if (r->nw == r->capw) {
        size_t cap = r->capw ? 2 * r->capw : 64;
        syn_cword *w = dy_arena_grow(r->a, r->w, r->nw, cap, sizeof *w);
        if (!w)
            return DY_ENOMEM;
        r->w = w;
        r->capw = cap;
    }
    syn_cword *w = &r->w[r->nw];
    memset(w, 0, sizeof *w);
    w->form = dy_arena_strndup(r->a, col[1], strlen(col[1]));
    w->xpos = dy_arena_strndup(r->a, col[4], strlen(col[4]));
    if (!w->form || !w->xpos)
        return DY_ENOMEM;
    w->upos = upos;
    w->head = (int)head - 1;
    w->rel = rel < 0 ? SYN_REL_DEP : rel;
    r->nw++;
    if (r->skip_to >= r->nw)
        return 0; /* part of a multiword token: the token is the unit */
    return push_unit(r, w->form, (uint32_t)(r->nw - 1), (uint32_t)(r->nw - 1),
                     space_after(col[9]));
}

/* A multiword token line (id "N-M"). */
static int range_line(cl_reader *r, char *col[10])
{
    char *end;
    long a = strtol(col[0], &end, 10);
    if (*end != '-')
        return cl_bad(r, "bad multiword token id");
    long b = strtol(end + 1, &end, 10);
    if (*end || a != (long)r->nw + 1 || b < a)
        return cl_bad(r, "bad multiword token range");
    r->skip_to = (size_t)b;
    char *form = dy_arena_strndup(r->a, col[1], strlen(col[1]));
    if (!form)
        return DY_ENOMEM;
    return push_unit(r, form, (uint32_t)(a - 1), (uint32_t)(b - 1), space_after(col[9]));
}

/* Give the words of unit u the span [s, e) of the text. */
static void set_unit_span(cl_reader *r, const unit *u, uint32_t s, uint32_t e)
{
    uint32_t pos = s;
    int spelled = 1;
    for (uint32_t i = u->first; i <= u->last; i++) {
        size_t k = strlen(r->w[i].form);
        if (pos + k > e || strncasecmp(r->text + pos, r->w[i].form, k) != 0) {
            spelled = 0;
            break;
        }
        pos += (uint32_t)k;
    }
    spelled = spelled && pos == e;
    pos = s;
    for (uint32_t i = u->first; i <= u->last; i++) {
        uint32_t k = (uint32_t)strlen(r->w[i].form);
        r->w[i].start = spelled ? pos : s;
        r->w[i].end = spelled ? pos + k : e;
        pos += spelled ? k : 0;
    }
}

/* Find every unit's form in the text, in order. Returns 0 when all were
 * found. */
static int find_spans(cl_reader *r, size_t len)
{
    size_t pos = 0;
    for (size_t i = 0; i < r->nu; i++) {
        const unit *u = &r->u[i];
        size_t k = strlen(u->form);
        while (pos < len && isspace((unsigned char)r->text[pos]))
            pos++;
        if (pos + k > len || memcmp(r->text + pos, u->form, k) != 0)
            return -1;
        set_unit_span(r, u, (uint32_t)pos, (uint32_t)(pos + k));
        pos += k;
    }
    return 0;
}

/* Rebuild the text from the units. */
static int rebuild_text(cl_reader *r)
{
    dy_buf b = {0};
    for (size_t i = 0; i < r->nu; i++) {
        dy_buf_adds(&b, r->u[i].form);
        if (r->u[i].space_after && i + 1 < r->nu)
            dy_buf_addc(&b, ' ');
    }
    if (b.oom) {
        dy_buf_free(&b);
        return DY_ENOMEM;
    }
    r->text = dy_arena_strndup(r->a, b.data ? b.data : "", b.len);
    dy_buf_free(&b);
    return r->text ? 0 : DY_ENOMEM;
}

static int end_sentence(cl_reader *r)
{
    if (r->nw == 0) {
        r->text = NULL;
        r->nu = 0;
        return 0;
    }
    for (size_t i = 0; i < r->nw; i++)
        if (r->w[i].head >= (int)r->nw || r->w[i].head == (int)i) {
            r->line = r->first_line;
            return cl_bad(r, "a HEAD points outside its sentence or to its own word");
        }
    if (!r->text || find_spans(r, strlen(r->text)) != 0) {
        int rc = rebuild_text(r);
        if (rc)
            return rc;
        if (find_spans(r, strlen(r->text)) != 0)
            return cl_bad(r, "cannot place the words of the sentence in its text");
    }
    if (r->ns == r->caps) {
        size_t cap = r->caps ? 2 * r->caps : 256;
        syn_csent *s = dy_arena_grow(r->a, r->s, r->ns, cap, sizeof *s);
        if (!s)
            return DY_ENOMEM;
        r->s = s;
        r->caps = cap;
    }
    r->s[r->ns++] = (syn_csent){r->text, strlen(r->text), r->w, r->nw, r->first_line};
    r->text = NULL;
    r->w = NULL;
    r->nw = r->capw = 0;
    r->nu = 0;
    r->skip_to = 0;
    return 0;
}

static int one_line(cl_reader *r, char *line)
{
    size_t n = strlen(line);
    while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
        line[--n] = '\0';
    if (n == 0)
        return end_sentence(r);
    if (r->nw == 0 && r->nu == 0 && !r->text)
        r->first_line = r->line;
    if (line[0] == '#') {
        if (strncmp(line, "# text = ", 9) == 0 &&
            !(r->text = dy_arena_strndup(r->a, line + 9, n - 9)))
            return DY_ENOMEM;
        return 0;
    }
    char *col[10];
    if (columns(line, col))
        return cl_bad(r, "expected 10 tab-separated columns");
    if (strchr(col[0], '.'))
        return 0; /* empty node */
    if (strchr(col[0], '-'))
        return range_line(r, col);
    return word_line(r, col);
}

/* Contract in syntax_conllu.h. */
int syn_conllu_read(const char *path, dy_arena *a, syn_csent **out, size_t *nout,
                    dy_err *err)
{
    *out = NULL;
    *nout = 0;
    FILE *f = fopen(path, "rb");
    if (!f)
        return dy_err_set(err, DY_EIO, path, 0, -1, "cannot open: %s", strerror(errno));
    cl_reader r = {.path = path, .a = a, .err = err};
    char *line = NULL;
    size_t cap = 0;
    int rc = 0;
    while (!rc && getline(&line, &cap, f) >= 0) {
        r.line++;
        rc = one_line(&r, line);
        if (rc == DY_ENOMEM)
            dy_err_set(err, DY_ENOMEM, path, r.line, -1, "out of memory");
    }
    if (!rc && ferror(f))
        rc = dy_err_set(err, DY_EIO, path, r.line, -1, "read error");
    if (!rc)
        rc = end_sentence(&r);
    free(line);
    fclose(f);
    if (rc)
        return rc;
    *out = r.s;
    *nout = r.ns;
    return 0;
}
