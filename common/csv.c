/* Comma-separated data files read whole (common/csv.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/csv.h"
#include "common/err.h"

char *
csv_read_file(const char *path, size_t *len, struct err *e)
{
	FILE	*f;
	char	*buf = NULL, *nbuf;
	size_t	 cap = 0, n = 0, got;

	if ((f = fopen(path, "rb")) == NULL) {
		err_set(e, ERR_IO, path, 0, "cannot open: %s", strerror(errno));
		return NULL;
	}
	for (;;) {
		if (cap - n < 65536) {
			cap = cap == 0 ? 1 << 18 : cap * 2;
			if ((nbuf = realloc(buf, cap + 1)) == NULL) {
				err_set(e, ERR_NOMEM, path, 0, "out of memory");
				goto fail;
			}
			buf = nbuf;
		}
		got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		err_set(e, ERR_IO, path, 0, "read error");
		goto fail;
	}
	fclose(f);
	buf[n] = '\0';
	*len = n;
	return buf;
fail:
	fclose(f);
	free(buf);
	return NULL;
}

char *
csv_next_line(char **pp, char *end)
{
	char	*line = *pp, *nl;
	size_t	 len;

	if (line >= end)
		return NULL;
	nl = memchr(line, '\n', (size_t)(end - line));
	if (nl == NULL)
		nl = end;
	*pp = nl < end ? nl + 1 : end;
	len = (size_t)(nl - line);
	if (len > 0 && line[len - 1] == '\r')
		len--;
	line[len] = '\0';
	return line;
}

int
csv_next_row(char **pp, char *end, int *lineno, char **f, size_t ncols,
    size_t max, const char *path, struct err *e)
{
	char	*line;
	size_t	 nf;

	if ((line = csv_next_line(pp, end)) == NULL)
		return 0;
	++*lineno;
	if (line[0] == '\0' && *pp >= end)
		return 0;
	if ((nf = csv_split(line, f, max)) != ncols) {
		err_set(e, ERR_CONFIG, path, *lineno,
		    "malformed row: %zu fields, header has %zu",
		    nf > max ? max : nf, ncols);
		return -1;
	}
	return 1;
}

size_t
csv_split(char *line, char **f, size_t max)
{
	size_t	 n = 0;
	char	*c;

	for (;;) {
		if (n == max)
			return max + 1;
		f[n++] = line;
		if ((c = strchr(line, ',')) == NULL)
			return n;
		*c = '\0';
		line = c + 1;
	}
}

int
csv_col_find(char **f, size_t n, const char *name)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (strcmp(f[i], name) == 0)
			return (int)i;
	return -1;
}
