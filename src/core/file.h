/* file.h - reading a whole file.
 *
 * Dictionaries, gold files, cue and syntax model files are read whole into
 * memory with dy_read_file: one place that checks read errors (a directory
 * opens but does not read), sizes and allocation.
 */
#ifndef DY_FILE_H
#define DY_FILE_H

#include <stddef.h>

#include "core/err.h"

/* Read the file at path into *out (heap, caller frees with dy_free; a NUL
 * byte follows the contents, not counted in *n). what names the file in
 * messages ("cannot open dictionary: ..."; NULL: "cannot open: ...").
 * limit > 0: a larger file is DY_ELIMIT. Returns 0, DY_EIO (err: path and
 * the system's reason), DY_ELIMIT or DY_ENOMEM; *out is NULL and *n 0 on
 * failure. */
int dy_read_file(const char *path, const char *what, size_t limit, char **out, size_t *n,
                 dy_err *err);

#endif
