/* view.c - the cue cache behind code_view (code_view.h). */
#include "code/code_view.h"
#include "core/invariant.h"

#include <stdint.h>

/* Contract in code_view.h. */
code_cue_mask code_cues_cached(const code_cues *c, const txt_token *tk, uint32_t tb, uint32_t t,
                               code_cue_mask *cmask, uint32_t (*cstart)[CODE_CUE_KINDS])
{
    DY_ASSERT(t >= tb);
    code_cue_mask *m = &cmask[t - tb];
    if (*m == UINT64_MAX)
        *m = code_cues_at(c, tk, tb, t, cstart[t - tb]);
    return *m;
}

/* Contract in code_view.h. */
code_cue_mask code_view_cues_at(const code_view *v, uint32_t t)
{
    DY_ASSERT(t >= v->s.tb && t < v->s.te);
    return code_cues_cached(v->s.cues, v->s.tk, v->s.tb, t, v->cmask, v->cstart);
}

/* Contract in code_view.h. */
int code_view_has_cue(const code_view *v, uint32_t t, int kind)
{
    return (code_view_cues_at(v, t) >> kind) & 1u;
}
