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

/* Index of the field equal to "name" among f[0..n-1], or -1. */
int	 csv_col_find(char **f, size_t n, const char *name);

#endif
