/* fixture_cues.h - the cmocka group fixture of the tests that read the
 * coder's real cue table (test_args.c, test_pronoun.c, test_modality.c,
 * test_evdate.c): data/coder/cues.txt loaded once into `cues` for the whole
 * group. Included by one test file each (its functions are static); the
 * includer defines DYAD_SRCDIR. */
#ifndef DYAD_FIXTURE_CUES_H
#define DYAD_FIXTURE_CUES_H

#include <stdio.h>

#include "code/code.h"

static code_cues *cues;

/* Load the cue table; -1 (the group fails) when it cannot be read. */
static int group_setup(void **state)
{
    (void)state;
    dy_err e;
    if (code_cues_load(DYAD_SRCDIR "/data/coder/cues.txt", &cues, &e)) {
        fprintf(stderr, "cues: %s\n", e.msg);
        return -1;
    }
    return 0;
}

static int group_teardown(void **state)
{
    (void)state;
    code_cues_free(cues);
    return 0;
}

#endif
