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

/* A line of a table for dy_each_table_line: ud as given, the line
 * (NUL-terminated, writable), the table's name and the line's number. */
typedef int (*dy_line_fn)(void *ud, char *line, const char *name, long ln, dy_err *err);

/* Walk the lines of a tab-separated table in text (NUL-terminated, changed
 * in place: each line is cut at its end, a trailing CR removed). Empty
 * lines and lines starting with '#' are skipped; the first other line must
 * start with header (else DY_EPARSE "expected the header"), each later one
 * goes to fn. Stops at the first non-zero return of fn and returns it.
 * *lines (may be NULL) receives the number of lines read. Returns 0,
 * DY_EPARSE or fn's code. */
int dy_each_table_line(char *text, const char *name, const char *header, dy_line_fn fn,
                       void *ud, long *lines, dy_err *err);

#endif
