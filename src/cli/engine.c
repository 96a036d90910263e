/* engine.c - load what coding needs (dictionaries, cues, CAMEO table) once
 * per run, from --dict directories or the data directory. */
#include "cli/engine.h"
#include "core/alloc.h"

#include <limits.h>
#include <stdio.h>
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
    if (!rc)
        rc = code_coder_new(e->ds, e->cues, o, &e->coder, &err);
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
    code_cameo_free(e->cam);
    code_cues_free(e->cues);
    dict_set_free(e->ds);
    memset(e, 0, sizeof *e);
}
