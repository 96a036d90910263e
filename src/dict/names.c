/* names.c - display names of actor codes, from the actor dictionaries
 * (dict.h: dict_names). A small reader of the dictionary format of
 * docs/dictionaries.md: it needs only each entry's kind, canonical name and
 * codes, not the matcher's compiled forms. */
#include "dict/dict.h"

#include "core/actor_code.h"
#include "core/alloc.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct name_ent {
    char code[32];
    char *name;
    int rank;             /* lower wins: kind, then an open (current) period */
} name_ent;

struct dict_names {
    name_ent *v;
    size_t n, cap;
};

/* CAMEO role and sector codes, in words (codebook 1.1b3). */
static const char *const roles[][2] = {
    {"AGR", "agriculture"},   {"AMN", "amnesty"},       {"BUS", "business"},
    {"COP", "police"},        {"CRM", "criminals"},     {"CVL", "civilians"},
    {"DEV", "development"},   {"EDU", "education"},     {"ELI", "elites"},
    {"ENV", "environment"},   {"GOV", "government"},    {"HLH", "health"},
    {"HRI", "human rights"},  {"IGO", "intergovernmental organisations"},
    {"IMG", "militarised group"},                       {"INS", "insurgents"},
    {"JUD", "judiciary"},     {"LAB", "labour"},        {"LEG", "legislature"},
    {"MED", "media"},         {"MIL", "military"},      {"MNC", "multinational companies"},
    {"MOD", "moderates"},     {"NGM", "non-governmental movements"},
    {"NGO", "non-governmental organisations"},          {"OPP", "opposition"},
    {"PTY", "party"},         {"RAD", "radicals"},      {"REB", "rebels"},
    {"REF", "refugees"},      {"SEP", "separatists"},   {"SET", "settlers"},
    {"SPY", "intelligence"},  {"UAF", "armed forces"},
};

/* The words of role code s[0..3), or NULL. */
static const char *role_words(const char *s)
{
    for (size_t i = 0; i < sizeof roles / sizeof *roles; i++)
        if (strncmp(roles[i][0], s, 3) == 0)
            return roles[i][1];
    return NULL;
}

/* Remember code -> name unless a better-ranked name is known. */
static int put(dict_names *t, const char *code, size_t n, const char *name, int rank)
{
    if (n == 0 || n >= sizeof t->v[0].code)
        return 0;
    for (size_t i = 0; i < t->n; i++)
        if (strlen(t->v[i].code) == n && strncmp(t->v[i].code, code, n) == 0) {
            if (rank < t->v[i].rank) {
                char *c = dy_strdup(name);
                if (!c)
                    return DY_ENOMEM;
                dy_free(t->v[i].name);
                t->v[i].name = c;
                t->v[i].rank = rank;
            }
            return 0;
        }
    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 512;
        name_ent *v = dy_realloc(t->v, cap * sizeof *v);
        if (!v)
            return DY_ENOMEM;
        t->v = v;
        t->cap = cap;
    }
    name_ent *e = &t->v[t->n];
    memcpy(e->code, code, n);
    e->code[n] = '\0';
    if (!(e->name = dy_strdup(name)))
        return DY_ENOMEM;
    e->rank = rank;
    t->n++;
    return 0;
}

/* Rank of an entry kind: states name their codes before organisations,
 * organisations before groups; other kinds (persons, agents) name none. */
static int kind_rank(const char *line)
{
    static const char *const kinds[] = {"state ", "org ", "group "};
    for (int k = 0; k < 3; k++)
        if (strncmp(line, kinds[k], strlen(kinds[k])) == 0)
            return k;
    return -1;
}

/* The codes of one dictionary entry, put when the entry ends. */
typedef struct entry_codes {
    char name[256];
    int kind;             /* kind_rank, -1 = an entry that names nothing */
    char code[16][32];
    int closed[16];
    int n;
} entry_codes;

/* Put the codes of x. Rank: kind, then a code the entry holds today before
 * one it held in a period that ended, and for such a past code an entry of
 * one code before an entry of several (Russia holds USR until 1991; the
 * Soviet Union only USR); else the first entry (Russia before Chechnya). */
static int flush_entry(dict_names *t, entry_codes *x)
{
    int rc = 0;
    for (int i = 0; !rc && x->kind >= 0 && i < x->n; i++)
        rc = put(t, x->code[i], strlen(x->code[i]), x->name,
                 x->kind * 4 + (x->closed[i] ? 2 + (x->n > 1) : 0));
    x->n = 0;
    return rc;
}

/* Add the code of a "  code X [PERIOD]" line to x. */
static void add_code(entry_codes *x, const char *c)
{
    size_t n = strcspn(c, " \t#");
    if (x->n == 16 || n == 0 || n >= sizeof x->code[0])
        return;
    memcpy(x->code[x->n], c, n);
    x->code[x->n][n] = '\0';
    /* a period that ends ("..1991-12-25", "2006..2007") */
    const char *per = c + n + strspn(c + n, " \t");
    size_t pl = strcspn(per, " \t#");
    x->closed[x->n] = pl > 2 && !(per[pl - 2] == '.' && per[pl - 1] == '.');
    x->n++;
}

/* Read one dictionary file into t. */
static int read_file(dict_names *t, const char *path, dy_err *err)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return dy_err_set(err, DY_EIO, path, 0, -1, "cannot open: %s", strerror(errno));
    char line[4096];
    entry_codes x = {.kind = -1};
    int rc = 0;
    while (!rc && fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        if (line[0] && line[0] != ' ' && line[0] != '#') {
            rc = flush_entry(t, &x);
            x.kind = kind_rank(line);
            if (x.kind >= 0)
                snprintf(x.name, sizeof x.name, "%s", strchr(line, ' ') + 1);
        } else if (x.kind >= 0 && strncmp(line, "  code ", 7) == 0) {
            add_code(&x, line + 7);
        }
    }
    if (!rc)
        rc = flush_entry(t, &x);
    if (!rc && ferror(f))
        rc = dy_err_set(err, DY_EIO, path, 0, -1, "read error");
    fclose(f);
    return rc == DY_ENOMEM ? dy_err_set(err, DY_ENOMEM, NULL, 0, -1, "out of memory") : rc;
}

/* qsort/bsearch comparator of entries by code. */
static int cmp_ent(const void *a, const void *b)
{
    return strcmp(((const name_ent *)a)->code, ((const name_ent *)b)->code);
}

/* qsort comparator over strings. */
static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* File names of dir ending in ".txt", sorted (the dictionaries' load
 * order) into *out (owned by the caller). Returns the count, DY_EIO when
 * dir cannot be read, or DY_ENOMEM. */
static long txt_files(const char *dir, char ***out)
{
    DIR *d = opendir(dir);
    if (!d)
        return DY_EIO;
    char **v = NULL;
    size_t n = 0, cap = 0;
    int oom = 0;
    struct dirent *de;
    while (!oom && (de = readdir(d))) {
        size_t l = strlen(de->d_name);
        if (l < 5 || strcmp(de->d_name + l - 4, ".txt") != 0)
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            char **w = dy_realloc(v, cap * sizeof *w);
            if (!w) {
                oom = 1;
                break;
            }
            v = w;
        }
        if (!(v[n] = dy_strdup(de->d_name)))
            oom = 1;
        else
            n++;
    }
    closedir(d);
    if (n)
        qsort(v, n, sizeof *v, cmp_str);
    *out = v;
    if (oom) {
        while (n)
            dy_free(v[--n]);
        dy_free(v);
        *out = NULL;
        return DY_ENOMEM;
    }
    return (long)n;
}

/* Read every dictionary file of dir into t. */
static int read_dir(dict_names *t, const char *dir, dy_err *err)
{
    char **files = NULL;
    long n = txt_files(dir, &files);
    if (n < 0)
        return n == DY_EIO ? dy_err_set(err, DY_EIO, dir, 0, -1, "cannot read the directory")
                           : dy_err_set(err, DY_ENOMEM, NULL, 0, -1, "out of memory");
    int rc = 0;
    char path[4096];
    for (long i = 0; i < n; i++) {
        int w = snprintf(path, sizeof path, "%s/%s", dir, files[i]);
        if (!rc && (w < 0 || (size_t)w >= sizeof path))
            rc = dy_err_set(err, DY_EINVAL, dir, 0, -1, "path too long");
        if (!rc)
            rc = read_file(t, path, err);
        dy_free(files[i]);
    }
    dy_free(files);
    return rc;
}

/* Read one directory's actor files into t (dict_names_load). */
static int load_dir(dict_names *t, const char *dir, dy_err *err)
{
    char sub[4096];
    int w = snprintf(sub, sizeof sub, "%s/actors", dir);
    if (w < 0 || (size_t)w >= sizeof sub)
        return dy_err_set(err, DY_EINVAL, dir, 0, -1, "path too long");
    DIR *d = opendir(sub);
    if (d)
        closedir(d);
    return read_dir(t, d ? sub : dir, err);
}

/* Contract in dict.h. */
int dict_names_load(const char *const *dirs, size_t n, dict_names **out, dy_err *err)
{
    *out = NULL;
    dict_names *t = dy_calloc(1, sizeof *t);
    if (!t)
        return dy_err_set(err, DY_ENOMEM, NULL, 0, -1, "out of memory");
    int rc = 0;
    for (size_t i = 0; i < n && !rc; i++)
        rc = load_dir(t, dirs[i], err);
    if (!rc && t->n)
        qsort(t->v, t->n, sizeof *t->v, cmp_ent);
    if (rc) {
        dict_names_free(t);
        return rc;
    }
    *out = t;
    return 0;
}

void dict_names_free(dict_names *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->n; i++)
        dy_free(t->v[i].name);
    dy_free(t->v);
    dy_free(t);
}

/* The dictionary name of exactly code, or NULL (t is sorted by code). */
static const char *exact(const dict_names *t, const char *code)
{
    if (!t || !t->n || strlen(code) >= sizeof t->v[0].code)
        return NULL;
    name_ent key;
    snprintf(key.code, sizeof key.code, "%s", code);
    const name_ent *e = bsearch(&key, t->v, t->n, sizeof *t->v, cmp_ent);
    return e ? e->name : NULL;
}

/* Contract in dict.h. A code made of a country and role codes is named
 * by its parts ("Russia: government, military") even when a dictionary
 * entry holds it: such entries name one body of the state ("Pentagon"),
 * not the role. */
const char *dict_names_get(const dict_names *t, const char *code, char *out, size_t n)
{
    char c[DY_ACTOR_COUNTRY_MAX];
    size_t k = dy_actor_country(code, c), len = strlen(code);
    const char *whole = exact(t, code);
    int roles_only = k == 3 && dy_actor_is_state(code) && len > k && len % 3 == 0;
    for (size_t i = k; roles_only && i < len; i += 3)
        roles_only = role_words(code + i) != NULL;
    const char *head = exact(t, c);
    char org[64] = "";
    if (k == 6 && len == 6) {
        /* IGOBUS, IGOEUR: a country-level organisation part stands for every
         * body of its sector or region, so it is named by that */
        const char *what = role_words(c + 3);
        char part[4] = {c[3], c[4], c[5], 0};
        if (!what && strcmp(part, "UNO") != 0)
            what = exact(t, part);
        if (what) {
            snprintf(org, sizeof org, "%.3s: %s", c, what);
            whole = head = org;
        }
    }
    if (whole && !(roles_only && head)) {
        snprintf(out, n, "%s", whole);
        return out;
    }
    if (!head && k == 6) {
        /* IGOBUS, IGOEUR: an organisation part named by its sector or region */
        const char *what = role_words(c + 3);
        char part[4] = {c[3], c[4], c[5], 0};
        if (!what)
            what = exact(t, part);
        if (what)
            snprintf(org, sizeof org, "%.3s: %s", c, what);
        head = what ? org : NULL;
    }
    if (!head && k == 3)
        head = role_words(c); /* CVL: civilians, of no country */
    if (!head) {
        snprintf(out, n, "%s", code);
        return out;
    }
    int w = snprintf(out, n, "%s", head);
    for (size_t i = k; roles_only && i < len && w >= 0 && (size_t)w < n; i += 3)
        w += snprintf(out + w, n - (size_t)w, "%s%s", i == k ? ": " : ", ", role_words(code + i));
    if (!roles_only && len > k && w >= 0 && (size_t)w < n)
        snprintf(out + w, n - (size_t)w, " (%s)", code);
    return out;
}
