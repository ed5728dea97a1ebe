/* Text output shared by every command: numbers with six exact
 * significant digits (without printf), and the one routine that quotes a
 * string for CSV or JSON. */
#ifndef COMMON_FMT_H
#define COMMON_FMT_H

#include <stddef.h>
#include <stdio.h>

/* Longest fmt_sig6() output: "-123457000000000" is 16 characters. */
#define FMT_SIG6_MAX	16

/* "v" with six significant digits, exactly: the digits of printf's %.6g
 * (rounded from the exact binary value, ties to even), so strtod() of the
 * text equals strtod() of %.6g's. Written without an exponent when the
 * decimal exponent after rounding is -5 to 14 (0.0000123457 to
 * 123457000000000), else as d.ddddde+XX; trailing zeros dropped; both
 * zeros as "0". Writes at most FMT_SIG6_MAX bytes to "p", no NUL, and
 * returns the count of characters (the bytes after them are scratch);
 * NaN and infinities write nothing and return 0 (an empty CSV field).
 * Never fails; about 18 ns a number of the batch rows taken a row at a
 * time (snprintf's %.6g: about 175 ns). */
int	 fmt_sig6(double v, char *p);

/* fmt_sig6() of v[0 .. n - 1] (n <= FMT_CELLS_MAX), a cell each: cell[i]
 * starts with len[i] characters, the same as fmt_sig6(v[i]) writes; the
 * rest of the cell is scratch. About 7.5 ns a number of the batch rows,
 * taken a column of 64 at a time (AVX-512 machine). */
#define FMT_CELL	FMT_SIG6_MAX
#define FMT_CELLS_MAX	64
void	 fmt_sig6_cells(const double *v, size_t n, char (*cell)[FMT_CELL],
	    unsigned char *len);

enum fmt_quoting {
	FMT_CSV,	/* "..." with " doubled (RFC 4180) */
	FMT_JSON	/* "..." with \" \\ \n and \u00XX for other controls */
};

/* "s" quoted for "how" into "dst" ("size" bytes, NUL-terminated,
 * truncated like snprintf when too small). Returns the length the whole
 * quoted string needs, without the NUL. */
size_t	 fmt_quote(char *dst, size_t size, const char *s, enum fmt_quoting how);

/* The same, written to "fp". */
void	 fmt_quote_file(FILE *fp, const char *s, enum fmt_quoting how);

#endif
