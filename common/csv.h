/* Reading comma-separated data files whole: the file into one buffer, then
 * lines and fields cut out of it in place (the AVERT, Cambium and county
 * crosswalk loaders). */
#ifndef COMMON_CSV_H
#define COMMON_CSV_H

#include <stddef.h>

struct err;

/* All of "path" in a NUL-terminated buffer (caller frees), its length in
 * *len. NULL with "e" (ERR_IO naming the path, or ERR_NOMEM). */
char	*csv_read_file(const char *path, size_t *len, struct err *e);

/* Cut the next line out of *pp (in place: its '\r'/'\n' becomes '\0') and
 * return it, or NULL at "end". */
char	*csv_next_line(char **pp, char *end);

/* Split "line" in place at commas into f[0..max-1]; returns the count, or
 * max + 1 if there are more fields than that. */
size_t	 csv_split(char *line, char **f, size_t max);

/* The next data row of a file whose header has "ncols" fields (ncols <=
 * max): its line cut from *pp, counted in *lineno, split into f[]. 1 for
 * a row, 0 at the end (a last empty line is no row), -1 with "e"
 * (ERR_CONFIG at path:lineno) when the row has another number of
 * fields. */
int	 csv_next_row(char **pp, char *end, int *lineno, char **f,
	    size_t ncols, size_t max, const char *path, struct err *e);

/* Index of the field equal to "name" among f[0..n-1], or -1. */
int	 csv_col_find(char **f, size_t n, const char *name);

#endif
