/* Text output shared by every command: numbers as printf's %.6g writes
 * them (without printf), and the one routine that quotes a string for CSV
 * or JSON. */
#ifndef COMMON_FMT_H
#define COMMON_FMT_H

#include <stddef.h>
#include <stdio.h>

/* Longest fmt_g6() output: "-1.23457e-308" is 13 characters. */
#define FMT_G6_MAX	16

/* "v" exactly as snprintf("%.6g") writes it in the C locale (six
 * significant digits rounded from the exact binary value, ties to even;
 * fixed notation for decimal exponents -4 to 5, else d.ddddde+XX; trailing
 * zeros dropped; "-0" for negative zero). Writes at most FMT_G6_MAX
 * characters to "p", no NUL, and returns their count; NaN and infinities
 * write nothing and return 0 (an empty CSV field). Never fails. */
int	 fmt_g6(double v, char *p);

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
