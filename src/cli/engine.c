/* engine.c - load what coding needs (dictionaries, cues, CAMEO table) once
 * per run, from --dict directories or the data directory. */
#include "cli/engine.h"
#include "core/alloc.h"

#include <limits.h>
#include <stdint.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cli_engine_open(cli_ctx *c, const cli_input *in, const code_opts *o, cli_engine *e)
{
    memset(e, 0, sizeof *e);
    dy_err err;
    dy_err_clear(&err);
    char path[PATH_MAX];
    if (!c->data_dir && in->ndicts == 0) {
        cli_errorf("cannot find dyad's data directory; set DYAD_DATA or use --dict DIR");
        return CLI_EXIT_FAIL;
    }
    e->ds = dict_set_new();
    if (!e->ds) {
        cli_errorf("out of memory");
        return CLI_EXIT_FAIL;
    }
    int rc = 0;
    if (in->ndicts == 0) {
        rc = dict_load_dir(e->ds, c->data_dir, &err);
    } else {
        for (size_t i = 0; i < in->ndicts && !rc; i++)
            rc = dict_load_dir(e->ds, in->dicts[i], &err);
    }
    if (!rc)
        rc = dict_compile(e->ds, &err);
    if (!rc && c->data_dir)
        rc = code_cues_load(cli_data_path(c, "coder/cues.txt", path, sizeof path), &e->cues, &err);
    if (!rc && c->data_dir)
        rc = code_cameo_load(cli_data_path(c, "cameo/codes.tsv", path, sizeof path), &e->cam, &err);
    if (!rc && !e->cues)
        rc = dy_err_set(&err, DY_EIO, NULL, 0, -1,
                        "cannot find coder/cues.txt: set DYAD_DATA to dyad's data directory");
    code_opts co = *o;
    if (!rc && c->data_dir && !getenv("DYAD_NO_SYNTAX")) {
        rc = syn_model_load(cli_data_path(c, "syntax/en.model", path, sizeof path), &e->syn, &err);
        co.syntax = e->syn;
    }
    if (!rc)
        rc = code_coder_new(e->ds, e->cues, &co, &e->coder, &err);
    if (rc) {
        cli_print_err(&err);
        cli_engine_close(e);
        return CLI_EXIT_FAIL;
    }
    return 0;
}

void cli_engine_close(cli_engine *e)
{
    code_coder_free(e->coder);
    syn_model_free(e->syn);
    code_cameo_free(e->cam);
    code_cues_free(e->cues);
    dict_set_free(e->ds);
    memset(e, 0, sizeof *e);
}

int cli_engine_code(const cli_engine *e, const txt_doc *doc, dy_arena *a, txt_analysis *an,
                    code_event **ev, size_t *nev, dy_err *err)
{
    *ev = NULL;
    *nev = 0;
    int rc = txt_analyze(doc, a, an, err);
    return rc ? rc : code_document(e->coder, an, a, ev, nev, err);
}

static uint64_t fnv_bytes(uint64_t h, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

/* Hash the files under dir (recursively, sorted) into *h. */
static int hash_tree(const char *dir, uint64_t *h, dy_err *err)
{
    struct stat st;
    if (stat(dir, &st) != 0)
        return 0; /* an absent part of a set (no verbs/) changes nothing */
    const char *p[1] = {dir};
    char **files = NULL;
    size_t n = 0;
    int rc = txt_expand_paths(p, 1, &files, &n, err);
    size_t dl = strlen(dir);
    char buf[65536];
    for (size_t i = 0; !rc && i < n; i++) {
        const char *rel = strncmp(files[i], dir, dl) == 0 ? files[i] + dl : files[i];
        *h = fnv_bytes(*h, rel, strlen(rel) + 1);
        FILE *f = fopen(files[i], "rb");
        if (!f) {
            rc = dy_err_set(err, DY_EIO, files[i], 0, -1, "cannot read");
            break;
        }
        size_t k;
        while ((k = fread(buf, 1, sizeof buf, f)) > 0)
            *h = fnv_bytes(*h, buf, k);
        fclose(f);
    }
    txt_paths_free(files, n);
    return rc;
}

int cli_dict_version(cli_ctx *c, const cli_input *in, char out[17])
{
    uint64_t h = 0xcbf29ce484222325ULL;
    dy_err err;
    dy_err_clear(&err);
    char path[PATH_MAX];
    int rc = 0;
    if (in->ndicts == 0 && c->data_dir) {
        rc = hash_tree(cli_data_path(c, "actors", path, sizeof path), &h, &err);
        if (!rc)
            rc = hash_tree(cli_data_path(c, "verbs", path, sizeof path), &h, &err);
    }
    for (size_t i = 0; !rc && i < in->ndicts; i++)
        rc = hash_tree(in->dicts[i], &h, &err);
    if (!rc && c->data_dir)
        rc = hash_tree(cli_data_path(c, "coder/cues.txt", path, sizeof path), &h, &err);
    if (!rc && c->data_dir)
        rc = hash_tree(cli_data_path(c, "cameo/codes.tsv", path, sizeof path), &h, &err);
    if (rc) {
        cli_print_err(&err);
        return CLI_EXIT_FAIL;
    }
    snprintf(out, 17, "%016llx", (unsigned long long)h);
    return 0;
}
