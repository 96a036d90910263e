/* walk.c - command-line paths to the list of files to read.
 *
 * Directory contents are sorted by name so that a run over a tree is
 * reproducible (readdir order depends on the file system). Symbolic links to
 * directories are not followed, which rules out cycles; links to files are.
 */
#include "text/text.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/alloc.h"
#include "core/vec.h"

typedef struct plist {
    char **v;
    size_t n, cap;
} plist;

/* Append a path (taking ownership of s). Returns 0 or DY_ENOMEM (s freed). */
static int plist_add(plist *l, char *s)
{
    if (dy_vec_grow(&l->v, &l->cap, l->n, sizeof *l->v)) {
            dy_free(s);
            return DY_ENOMEM;
        }
    l->v[l->n++] = s;
    return 0;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* "dir/name" without doubling a trailing slash; NULL when out of memory. */
static char *join(const char *dir, const char *name)
{
    size_t dl = strlen(dir), nl = strlen(name);
    int slash = dl > 0 && dir[dl - 1] != '/';
    char *p = dy_malloc(dl + (size_t)slash + nl + 1);
    if (!p)
        return NULL;
    memcpy(p, dir, dl);
    if (slash)
        p[dl] = '/';
    memcpy(p + dl + (size_t)slash, name, nl + 1);
    return p;
}

/* Add the regular files under directory dir, recursively, sorted by name
 * at each level. Returns 0, DY_EIO or DY_ENOMEM (err filled). */
static int walk_dir(const char *dir, plist *l, dy_err *err)
{
    DIR *d = opendir(dir);
    if (!d)
        return dy_err_set(err, DY_EIO, dir, 0, -1, "cannot read directory: %s",
                          strerror(errno));
    plist names = {0};
    int rc = 0;
    struct dirent *e;
    errno = 0;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        char *s = dy_strdup(e->d_name);
        if (!s || plist_add(&names, s)) {
            rc = dy_err_set(err, DY_ENOMEM, dir, 0, -1, "out of memory");
            break;
        }
    }
    closedir(d);
    if (!rc && names.n)
        qsort(names.v, names.n, sizeof *names.v, cmp_names);
    for (size_t i = 0; !rc && i < names.n; i++) {
        char *p = join(dir, names.v[i]);
        if (!p) {
            rc = dy_err_set(err, DY_ENOMEM, dir, 0, -1, "out of memory");
            break;
        }
        struct stat st, lst;
        if (lstat(p, &lst) != 0 || stat(p, &st) != 0) {
            /* A dangling link or a file removed while walking: nothing to
             * read, and not the user's typo, so leave it out silently. */
            dy_free(p);
            continue;
        }
        if (S_ISDIR(st.st_mode)) {
            if (!S_ISLNK(lst.st_mode))
                rc = walk_dir(p, l, err);
            dy_free(p);
        } else if (S_ISREG(st.st_mode)) {
            if (plist_add(l, p))
                rc = dy_err_set(err, DY_ENOMEM, dir, 0, -1, "out of memory");
        } else {
            dy_free(p);
        }
    }
    for (size_t i = 0; i < names.n; i++)
        dy_free(names.v[i]);
    dy_free(names.v);
    return rc;
}

/* See text.h. Paths named explicitly are kept even when they are not regular
 * files (a FIFO, /dev/stdin): the user asked for them. */
int txt_expand_paths(const char *const *paths, size_t n, char ***out,
                     size_t *nout, dy_err *err)
{
    *out = NULL;
    *nout = 0;
    plist l = {0};
    int rc = 0;
    for (size_t i = 0; !rc && i < n; i++) {
        const char *p = paths[i];
        struct stat st;
        if (strcmp(p, "-") != 0) {
            if (stat(p, &st) != 0) {
                rc = dy_err_set(err, DY_EIO, p, 0, -1, "cannot open: %s", strerror(errno));
                break;
            }
            if (S_ISDIR(st.st_mode)) {
                rc = walk_dir(p, &l, err);
                continue;
            }
        }
        char *s = dy_strdup(p);
        if (!s || plist_add(&l, s))
            rc = dy_err_set(err, DY_ENOMEM, p, 0, -1, "out of memory");
    }
    if (rc) {
        txt_paths_free(l.v, l.n);
        return rc;
    }
    *out = l.v;
    *nout = l.n;
    return 0;
}

/* Release the result of txt_expand_paths; NULL allowed. */
void txt_paths_free(char **paths, size_t n)
{
    if (!paths)
        return;
    for (size_t i = 0; i < n; i++)
        dy_free(paths[i]);
    dy_free(paths);
}
