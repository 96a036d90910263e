/* load.c - parse actor dictionary files (docs/dictionaries.md) into a set. */
#include "dict/dict_internal.h"
#include "core/alloc.h"
#include "core/file.h"
#include "core/vec.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

const char *dict_kind_name(int k)
{
    static const char *names[] = {"state", "org", "group", "person", "agent"};
    return k >= 0 && k <= DICT_AGENT ? names[k] : "unknown";
}

int dict_role_known(const char *role)
{
    /* CAMEO 1.1b3 actor codebook: primary and secondary role codes. */
    static const char *roles[] = {"GOV", "MIL", "COP", "REB", "OPP", "JUD", "LEG", "SPY",
                                  "MED", "BUS", "CVL", "REF", "ELI", "EDU", "HLH", "HRI",
                                  "LAB", "AGR", "RAD", "CRM", "IGO", "NGO", "MOD", "UAF",
                                  "SEP", "INS", "PTY", "ENV", "DEV", "SET", "IMG", "AMN", NULL};
    for (int i = 0; roles[i]; i++)
        if (strcmp(roles[i], role) == 0)
            return 1;
    return 0;
}

dict_set *dict_set_new(void)
{
    dict_set *ds = dy_calloc(1, sizeof *ds);
    if (!ds)
        return NULL;
    ds->arena = dy_arena_new();
    if (!ds->arena) {
        dy_free(ds);
        return NULL;
    }
    return ds;
}

void dict_set_free(dict_set *ds)
{
    if (!ds)
        return;
    dict_free_verbs(ds); /* before the arena: lexemes live in it */
    dy_arena_free(ds->arena);
    dy_free(ds->files);
    dy_free(ds->notes);
    dy_free(ds->entries);
    dy_free(ds->forms);
    dy_free(ds->node_term);
    dy_free(ds->terms);
    dy_free(ds->edges);
    dy_free(ds);
}

size_t dict_entry_count(const dict_set *ds) { return ds->nentries; }
size_t dict_form_count(const dict_set *ds) { return ds->nforms; }
const char *dict_entry_ref(const dict_entry *e) { return e->ref; }
const char *dict_entry_name(const dict_entry *e) { return e->name; }
int dict_entry_kind(const dict_entry *e) { return e->kind; }

void dict_code_cat(char out[32], const char *a, const char *b)
{
    size_t n = 0;
    for (; *a && n < 31; a++)
        out[n++] = *a;
    for (; b && *b && n < 31; b++)
        out[n++] = *b;
    out[n] = '\0';
}

void dict_code_cat3(char out[32], const char *country, const char *role)
{
    size_t n = 0;
    for (; n < 3 && country[n]; n++)
        out[n] = country[n];
    for (; *role && n < 31; role++)
        out[n++] = *role;
    out[n] = '\0';
}

int dict_parse_pdate(const char *s, size_t n, int is_end, int32_t *out)
{
    txt_date d;
    if (txt_date_parse(s, n, &d) != 0)
        return -1;
    int m = d.month, day = d.day;
    if (d.prec == TXT_PREC_YEAR)
        m = is_end ? 12 : 1;
    if (d.prec != TXT_PREC_DAY)
        day = is_end ? txt_days_in_month(d.year, m) : 1;
    *out = d.year * 10000 + m * 100 + day;
    return 0;
}

int32_t dict_date_key(const txt_date *d)
{
    if (!d || d->prec == TXT_PREC_NONE)
        return 0;
    return d->year * 10000 + (d->month ? d->month : 1) * 100 + (d->day ? d->day : 1);
}

static int valid_code(const char *s, size_t n)
{
    if (n < 2 || n >= 32)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!(isupper((unsigned char)s[i]) || isdigit((unsigned char)s[i])))
            return 0;
    return 1;
}

typedef struct parser {
    dict_set *ds;
    const char *file;
    uint32_t file_id;
    long line;
    dict_entry *cur;
    dict_code *codes;  /* codes of cur, collected before copying to the arena */
    size_t ncodes, capcodes;
    dy_err *err;
} parser;

static int finish_entry(parser *p)
{
    dict_entry *e = p->cur;
    if (!e)
        return 0;
    if (e->kind == DICT_AGENT && !e->role[0])
        return dy_err_set(p->err, DY_EPARSE, p->file, e->line, -1,
                          "agent \"%s\" has no role line", e->name);
    if (e->kind != DICT_AGENT && p->ncodes == 0)
        return dy_err_set(p->err, DY_EPARSE, p->file, e->line, -1,
                          "%s \"%s\" has no code line", dict_kind_name(e->kind), e->name);
    if (p->ncodes) {
        e->codes = dy_arena_calloc(p->ds->arena, p->ncodes, sizeof *e->codes);
        if (!e->codes)
            return dy_err_set(p->err, DY_ENOMEM, p->file, p->line, -1, "out of memory");
        memcpy(e->codes, p->codes, p->ncodes * sizeof *e->codes);
        e->ncodes = (uint32_t)p->ncodes;
    }
    p->cur = NULL;
    p->ncodes = 0;
    return 0;
}

static int start_entry(parser *p, int kind, const char *name, size_t n)
{
    int rc = finish_entry(p);
    if (rc)
        return rc;
    dict_set *ds = p->ds;
    if (n == 0)
        return dy_err_set(p->err, DY_EPARSE, p->file, p->line, -1,
                          "expected a name after \"%s\"", dict_kind_name(kind));
    if (dy_vec_grow(&ds->entries, &ds->capentries, ds->nentries, sizeof *ds->entries))
        return dy_err_set(p->err, DY_ENOMEM, p->file, p->line, -1, "out of memory");
    dict_entry *e = dy_arena_calloc(ds->arena, 1, sizeof *e);
    char ref[600];
    int rn = dict_make_ref(ref, sizeof ref, dict_ref_name(ds, p->file), p->line);
    if (!e || !(e->name = dy_arena_strndup(ds->arena, name, n)) ||
        !(e->ref = dy_arena_strndup(ds->arena, ref, (size_t)rn)))
        return dy_err_set(p->err, DY_ENOMEM, p->file, p->line, -1, "out of memory");
    e->kind = kind;
    e->file = p->file_id;
    e->line = (uint32_t)p->line;
    e->index = (uint32_t)ds->nentries;
    ds->entries[ds->nentries++] = e;
    p->cur = e;
    return 0;
}

/* "code CODE [FROM..TO]" */
static int parse_code(parser *p, const char *a, size_t n)
{
    if (!p->cur || p->cur->kind == DICT_AGENT)
        return dy_err_set(p->err, DY_EPARSE, p->file, p->line, -1,
                          "\"code\" must follow a state, org, group or person line");
    size_t i = 0;
    while (i < n && !isspace((unsigned char)a[i]))
        i++;
    if (!valid_code(a, i))
        return dy_err_set(p->err, DY_EPARSE, p->file, p->line, -1,
                          "expected a CAMEO code of capitals and digits, got \"%.*s\"", (int)i, a);
    dict_code c = {.line = (uint32_t)p->line};
    memcpy(c.code, a, i);
    while (i < n && isspace((unsigned char)a[i]))
        i++;
    if (i < n) {
        const char *per = a + i;
        size_t pn = n - i;
        const char *dots = NULL;
        for (size_t k = 0; k + 1 < pn; k++)
            if (per[k] == '.' && per[k + 1] == '.') {
                dots = per + k;
                break;
            }
        if (!dots)
            return dy_err_set(p->err, DY_EPARSE, p->file, p->line, -1,
                              "expected a period FROM..TO after the code, got \"%.*s\"", (int)pn, per);
        size_t fn = (size_t)(dots - per);
        const char *to = dots + 2;
        size_t tn = pn - fn - 2;
        if ((fn && dict_parse_pdate(per, fn, 0, &c.from)) ||
            (tn && dict_parse_pdate(to, tn, 1, &c.to)))
            return dy_err_set(p->err, DY_EPARSE, p->file, p->line, -1,
                              "bad period \"%.*s\": expected FROM..TO with YYYY[-MM[-DD]] dates",
                              (int)pn, per);
        if (!fn && !tn)
            return dy_err_set(p->err, DY_EPARSE, p->file, p->line, -1,
                              "empty period \"..\": leave the period out instead");
    }
    if (dy_vec_grow(&p->codes, &p->capcodes, p->ncodes, sizeof *p->codes))
        return dy_err_set(p->err, DY_ENOMEM, p->file, p->line, -1, "out of memory");
    p->codes[p->ncodes++] = c;
    return 0;
}

static int add_form(parser *p, int type, const char *s, size_t n)
{
    dict_set *ds = p->ds;
    while (n && isspace((unsigned char)*s))
        s++, n--;
    while (n && isspace((unsigned char)s[n - 1]))
        n--;
    if (n == 0)
        return dy_err_set(p->err, DY_EPARSE, p->file, p->line, -1,
                          "empty form (check the '|' separators)");
    if (dy_vec_grow(&ds->forms, &ds->capforms, ds->nforms, sizeof *ds->forms))
        return dy_err_set(p->err, DY_ENOMEM, p->file, p->line, -1, "out of memory");
    dict_form *f = &ds->forms[ds->nforms];
    f->entry = p->cur;
    f->type = (uint8_t)type;
    f->line = (uint32_t)p->line;
    f->text = dy_arena_strndup(ds->arena, s, n);
    if (!f->text)
        return dy_err_set(p->err, DY_ENOMEM, p->file, p->line, -1, "out of memory");
    ds->nforms++;
    return 0;
}

static int parse_forms(parser *p, const char *kw, int type, const char *a, size_t n)
{
    if (!p->cur)
        return dy_err_set(p->err, DY_EPARSE, p->file, p->line, -1,
                          "\"%s\" outside an entry: start one with state, org, group, person or agent", kw);
    if ((type == DICT_FORM_SEAT || type == DICT_FORM_PLACE) && p->cur->kind != DICT_STATE)
        return dy_err_set(p->err, DY_EPARSE, p->file, p->line, -1,
                          "\"%s\" is only allowed in state entries", kw);
    if (type == DICT_FORM_ADJ && (p->cur->kind == DICT_PERSON || p->cur->kind == DICT_AGENT))
        return dy_err_set(p->err, DY_EPARSE, p->file, p->line, -1,
                          "\"adj\" is only allowed in state, org and group entries");
    if (n == 0)
        return dy_err_set(p->err, DY_EPARSE, p->file, p->line, -1,
                          "expected forms after \"%s\"", kw);
    size_t st = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i == n || a[i] == '|') {
            int rc = add_form(p, type, a + st, i - st);
            if (rc)
                return rc;
            st = i + 1;
        }
    }
    return 0;
}

int dict_split_line(const char *s, size_t n, const char **kw, size_t *kn, const char **arg,
                    size_t *an)
{
    /* Strip a comment: '#' at the start or after white space. */
    for (size_t i = 0; i < n; i++)
        if (s[i] == '#' && (i == 0 || isspace((unsigned char)s[i - 1]))) {
            n = i;
            break;
        }
    while (n && isspace((unsigned char)s[n - 1]))
        n--;
    size_t i = 0;
    while (i < n && isspace((unsigned char)s[i]))
        i++;
    if (i == n)
        return 0;
    *kw = s + i;
    *kn = 0;
    while (i < n && !isspace((unsigned char)s[i]))
        i++, (*kn)++;
    while (i < n && isspace((unsigned char)s[i]))
        i++;
    *arg = s + i;
    *an = n - i;
    return 1;
}

/* "prefix former | ex" in an agent entry: one-word forms, letters only,
 * kept as the hashes of their lower-case text (what a token's hash is). */
static int parse_prefix(parser *p, const char *a, size_t n)
{
    dict_entry *e = p->cur;
    if (!e || e->kind != DICT_AGENT)
        return dy_err_set(p->err, DY_EPARSE, p->file, p->line, -1,
                          "\"prefix\" must follow an agent line");
    if (e->nprefix == 0 && p->ds->nprefixed == sizeof p->ds->prefixed / sizeof *p->ds->prefixed)
        return dy_err_set(p->err, DY_EPARSE, p->file, p->line, -1,
                          "at most %zu agents may have prefix words",
                          sizeof p->ds->prefixed / sizeof *p->ds->prefixed);
    size_t st = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i < n && a[i] != '|')
            continue;
        const char *w = a + st;
        size_t k = i - st;
        while (k && isspace((unsigned char)*w))
            w++, k--;
        while (k && isspace((unsigned char)w[k - 1]))
            k--;
        char low[32];
        int ok = k > 0 && k < sizeof low;
        for (size_t j = 0; ok && j < k; j++) {
            ok = isalpha((unsigned char)w[j]) != 0;
            low[j] = (char)tolower((unsigned char)w[j]);
        }
        if (!ok || e->nprefix == sizeof e->prefix / sizeof *e->prefix)
            return dy_err_set(p->err, DY_EPARSE, p->file, p->line, -1,
                              "expected up to 4 words of letters after \"prefix\", got \"%.*s\"",
                              (int)n, a);
        if (e->nprefix == 0)
            p->ds->prefixed[p->ds->nprefixed++] = e;
        e->prefix[e->nprefix++] = txt_hash(low, k);
        st = i + 1;
    }
    return 0;
}

static int parse_line(parser *p, char *s, size_t n)
{
    const char *kw, *arg;
    size_t kn, an;
    if (!dict_split_line(s, n, &kw, &kn, &arg, &an))
        return 0;
#define KW(x) (kn == sizeof(x) - 1 && memcmp(kw, x, kn) == 0)
    if (KW("state"))
        return start_entry(p, DICT_STATE, arg, an);
    if (KW("org"))
        return start_entry(p, DICT_ORG, arg, an);
    if (KW("group"))
        return start_entry(p, DICT_GROUP, arg, an);
    if (KW("person"))
        return start_entry(p, DICT_PERSON, arg, an);
    if (KW("agent"))
        return start_entry(p, DICT_AGENT, arg, an);
    if (KW("code"))
        return parse_code(p, arg, an);
    if (KW("name"))
        return parse_forms(p, "name", DICT_FORM_NAME, arg, an);
    if (KW("adj"))
        return parse_forms(p, "adj", DICT_FORM_ADJ, arg, an);
    if (KW("seat"))
        return parse_forms(p, "seat", DICT_FORM_SEAT, arg, an);
    if (KW("place"))
        return parse_forms(p, "place", DICT_FORM_PLACE, arg, an);
    if (KW("people")) {
        if (!p->cur || p->cur->kind != DICT_STATE)
            return dy_err_set(p->err, DY_EPARSE, p->file, p->line, -1,
                              "\"people\" is only allowed in state entries");
        if (!valid_code(arg, an) || an >= sizeof p->cur->people)
            return dy_err_set(p->err, DY_EPARSE, p->file, p->line, -1,
                              "expected a CAMEO code after \"people\", got \"%.*s\"", (int)an, arg);
        memcpy(p->cur->people, arg, an);
        p->cur->people[an] = '\0';
        return 0;
    }
    if (KW("role")) {
        if (!p->cur || p->cur->kind != DICT_AGENT)
            return dy_err_set(p->err, DY_EPARSE, p->file, p->line, -1,
                              "\"role\" must follow an agent line");
        if (!valid_code(arg, an) || an >= sizeof p->cur->role)
            return dy_err_set(p->err, DY_EPARSE, p->file, p->line, -1,
                              "expected a role code such as GOV or MIL, got \"%.*s\"", (int)an, arg);
        memcpy(p->cur->role, arg, an);
        p->cur->role[an] = '\0';
        return 0;
    }
    if (KW("prefix"))
        return parse_prefix(p, arg, an);
    if (KW("generic")) {
        if (!p->cur || p->cur->kind != DICT_AGENT || an != 0)
            return dy_err_set(p->err, DY_EPARSE, p->file, p->line, -1,
                              "\"generic\" takes no argument and must follow an agent line");
        p->cur->generic = 1;
        return 0;
    }
#undef KW
    return dy_err_set(p->err, DY_EPARSE, p->file, p->line, -1,
                      "unknown keyword \"%.*s\": expected state, org, group, person, agent, "
                      "code, role, generic, prefix, name, adj, seat, place or people", (int)kn,
                      kw);
}

static int add_file(dict_set *ds, const char *name, uint32_t *id)
{
    if (dy_vec_grow(&ds->files, &ds->capfiles, ds->nfiles, sizeof *ds->files))
        return DY_ENOMEM;
    ds->files[ds->nfiles] = dy_arena_strndup(ds->arena, name, strlen(name));
    if (!ds->files[ds->nfiles])
        return DY_ENOMEM;
    *id = (uint32_t)ds->nfiles++;
    return 0;
}

int dict_each_line(const char *file, const char *text, size_t len, long *lineno,
                   int (*fn)(void *ud, char *line, size_t n), void *ud, dy_err *err)
{
    char *line = NULL;
    size_t cap = 0, pos = 0;
    int rc = 0;
    while (!rc && pos < len) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - (text + pos)) : len - pos;
        size_t adv = n + (nl ? 1 : 0);
        (*lineno)++;
        if (memchr(text + pos, '\0', n)) {
            rc = dy_err_set(err, DY_EPARSE, file, *lineno, -1, "NUL byte in dictionary line");
            break;
        }
        if (n + 1 > cap) {
            char *nb = dy_realloc(line, n + 1);
            if (!nb) {
                rc = dy_err_set(err, DY_ENOMEM, file, *lineno, -1, "out of memory");
                break;
            }
            line = nb;
            cap = n + 1;
        }
        memcpy(line, text + pos, n);
        line[n] = '\0';
        if (n && line[n - 1] == '\r')
            line[--n] = '\0';
        rc = fn(ud, line, n);
        pos += adv;
    }
    dy_free(line);
    return rc;
}

static int actor_line(void *ud, char *line, size_t n) { return parse_line(ud, line, n); }

int dict_load_string(dict_set *ds, const char *name, const char *text, size_t len,
                     dy_err *err)
{
    if (ds->compiled)
        return dy_err_set(err, DY_EINVAL, name, 0, -1, "dictionary set already compiled");
    parser p = {.ds = ds, .err = err};
    if (add_file(ds, name, &p.file_id) || dict_note_utf8(ds, name, text, len))
        return dy_err_set(err, DY_ENOMEM, name, 0, -1, "out of memory");
    p.file = ds->files[p.file_id];
    int rc = dict_each_line(p.file, text, len, &p.line, actor_line, &p, err);
    if (!rc)
        rc = finish_entry(&p);
    dy_free(p.codes);
    return rc;
}

/* Contract: see dict_internal.h. */
int dict_note(dict_set *ds, const char *file, long line, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (dy_vec_grow(&ds->notes, &ds->capnotes, ds->nnotes, sizeof *ds->notes))
        return DY_ENOMEM;
    struct dict_note *n = &ds->notes[ds->nnotes];
    n->file = dy_arena_strndup(ds->arena, file, strlen(file));
    n->msg = dy_arena_strndup(ds->arena, msg, strlen(msg));
    n->line = line;
    if (!n->file || !n->msg)
        return DY_ENOMEM;
    ds->nnotes++;
    return 0;
}

/* Contract: see dict_internal.h. */
int dict_note_utf8(dict_set *ds, const char *file, const char *text, size_t len)
{
    long line = 1;
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)text[i];
        if (c < 0x80) {
            line += c == '\n';
            i++;
            continue;
        }
        size_t k = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3
                 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
        int ok = k && i + k <= len;
        for (size_t j = 1; ok && j < k; j++)
            ok = ((unsigned char)text[i + j] & 0xC0) == 0x80;
        if (ok && k == 3) { /* no overlong forms, no surrogates */
            unsigned char d = (unsigned char)text[i + 1];
            ok = !(c == 0xE0 && d < 0xA0) && !(c == 0xED && d >= 0xA0);
        } else if (ok && k == 4) {
            unsigned char d = (unsigned char)text[i + 1];
            ok = !(c == 0xF0 && d < 0x90) && !(c == 0xF4 && d >= 0x90);
        }
        if (!ok)
            return dict_note(ds, file, line, "invalid UTF-8 (byte 0x%02x at offset %zu): "
                                             "dictionaries must be UTF-8", c, i);
        i += k;
    }
    return 0;
}

/* Contract: see dict_internal.h. */
const char *dict_ref_name(const dict_set *ds, const char *file)
{
    if (ds->ref_base) {
        size_t n = strlen(ds->ref_base);
        while (n > 1 && ds->ref_base[n - 1] == '/')
            n--;
        if (strncmp(file, ds->ref_base, n) == 0 && file[n] == '/') {
            file += n;
            while (*file == '/')
                file++;
            return file;
        }
    }
    if (file[0] != '/')
        return file;
    const char *slash = strrchr(file, '/');
    return slash[1] ? slash + 1 : file;
}

int dict_make_ref(char *out, size_t cap, const char *file, long line)
{
    size_t n = strlen(file);
    if (n + 22 > cap)
        n = cap > 22 ? cap - 22 : 0;
    memcpy(out, file, n);
    out[n++] = ':';
    char tmp[20];
    int k = 0;
    unsigned long v = line < 0 ? 0 : (unsigned long)line;
    do {
        tmp[k++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (k)
        out[n++] = tmp[--k];
    out[n] = '\0';
    return (int)n;
}

int dict_load_file(dict_set *ds, const char *path, dy_err *err)
{
    char *buf;
    size_t n;
    int rc = dy_read_file(path, "dictionary", 0, &buf, &n, err);
    if (!rc)
        rc = dict_load_string(ds, path, buf, n, err);
    dy_free(buf);
    return rc;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Load every *.txt file of dir (sorted by name) with fn. Returns 0, the
 * first error, or DY_EIO when the directory cannot be read; *count is the
 * number of files loaded. */
static int load_files(dict_set *ds, const char *d, int (*fn)(dict_set *, const char *, dy_err *),
                      size_t *count, dy_err *err)
{
    DIR *dp = opendir(d);
    if (!dp)
        return dy_err_set(err, DY_EIO, d, 0, -1, "cannot open dictionary directory: %s",
                          strerror(errno));
    char **names = NULL;
    size_t n = 0, cap = 0;
    int rc = 0;
    struct dirent *de;
    while ((de = readdir(dp))) {
        size_t len = strlen(de->d_name);
        if (de->d_name[0] == '.' || len < 5 || strcmp(de->d_name + len - 4, ".txt") != 0)
            continue;
        if (dy_vec_grow(&names, &cap, n, sizeof *names) ||
            !(names[n] = dy_strdup(de->d_name))) {
            rc = dy_err_set(err, DY_ENOMEM, d, 0, -1, "out of memory");
            break;
        }
        n++;
    }
    closedir(dp);
    if (!rc && n)
        qsort(names, n, sizeof *names, cmp_str);
    for (size_t i = 0; i < n; i++) {
        if (!rc) {
            char path[4096 + 256];
            snprintf(path, sizeof path, "%s/%s", d, names[i]);
            rc = fn(ds, path, err);
            (*count)++;
        }
        dy_free(names[i]);
    }
    dy_free(names);
    return rc;
}

static int is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

int dict_load_dir(dict_set *ds, const char *dir, dy_err *err)
{
    char sub[4096];
    size_t count = 0;
    int rc = 0, any = 0;
    if (!is_dir(dir))
        return dy_err_set(err, DY_EIO, dir, 0, -1, "not a dictionary directory");
    /* explanations name files relative to dir (dict_ref_name) */
    const char *outer = ds->ref_base;
    ds->ref_base = dir;
    snprintf(sub, sizeof sub, "%s/actors", dir);
    if (is_dir(sub)) {
        any = 1;
        rc = load_files(ds, sub, dict_load_file, &count, err);
    }
    snprintf(sub, sizeof sub, "%s/verbs", dir);
    if (!rc && is_dir(sub)) {
        any = 1;
        rc = load_files(ds, sub, dict_load_verbs_file, &count, err);
    }
    /* A flat directory (e.g. an importer's output) holds actor files. */
    if (!rc && !any)
        rc = load_files(ds, dir, dict_load_file, &count, err);
    if (!rc && count == 0)
        rc = dy_err_set(err, DY_EIO, dir, 0, -1, "no dictionary files (*.txt) found");
    ds->ref_base = outer;
    return rc;
}

/* A day count for a yyyymmdd key that grows by one per day within a month
 * and by about a month per month: enough to tell the nearer of two periods
 * ("2000-01-15" is nearer to 1999-12-31 than to 2000-02-01). */
static int32_t approx_days(int32_t key)
{
    return (key / 10000) * 372 + ((key / 100) % 100) * 31 + key % 100;
}

const char *dict_entry_code_at(const dict_entry *e, int32_t key, char out[32])
{
    const dict_code *undated = NULL, *best = NULL, *latest = NULL;
    int32_t bestdist = INT32_MAX;
    for (uint32_t i = 0; i < e->ncodes; i++) {
        const dict_code *c = &e->codes[i];
        if (!c->from && !c->to) {
            if (!undated)
                undated = c;
            continue;
        }
        if (!latest || (c->to == 0 ? INT32_MAX : c->to) > (latest->to == 0 ? INT32_MAX : latest->to))
            latest = c;
        if (!key)
            continue;
        if ((!c->from || key >= c->from) && (!c->to || key <= c->to)) {
            dict_code_cat(out, c->code, NULL);
            return out;
        }
        int32_t dist = c->from && key < c->from ? approx_days(c->from) - approx_days(key)
                                                  : approx_days(key) - approx_days(c->to);
        if (dist < bestdist) {
            bestdist = dist;
            best = c;
        }
    }
    if (undated) {
        dict_code_cat(out, undated->code, NULL);
        return out;
    }
    if (!key || !best)
        best = latest;
    if (!best) {
        out[0] = '\0';
        return out;
    }
    if (e->kind == DICT_PERSON && key) {
        /* A person outside every term is a former (or future) official:
         * the country of the nearest term plus ELI, per the codebook. */
        if (strncmp(best->code, "IGO", 3) == 0 || strncmp(best->code, "NGO", 3) == 0)
            dict_code_cat(out, best->code, NULL);
        else
            dict_code_cat3(out, best->code, "ELI");
        return out;
    }
    dict_code_cat(out, best->code, NULL);
    return out;
}
