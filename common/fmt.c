/* Numbers with six exact significant digits, and CSV/JSON quoting
 * (common/fmt.h). */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/fmt.h"

/* 10^0 to 10^22: every one is exact in a double */
static const double pow10_tab[] = {
	1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
	1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22
};

/* Write six digits "d" (m = d0d1...d5, 100000 <= m <= 999999) times
 * 10^(e - 5) in fmt_sig6()'s layout; returns the length. */
static int
layout(uint64_t m, int e, char *p)
{
	char	*s = p, d[6];
	int	 nd, i;

	for (i = 5; i >= 0; i--, m /= 10)
		d[i] = (char)('0' + m % 10);
	for (nd = 6; nd > 1 && d[nd - 1] == '0'; nd--)
		;
	if (e >= 0 && e < 15) {
		for (i = 0; i <= e; i++)
			*p++ = i < nd ? d[i] : '0';
		if (nd > e + 1) {
			*p++ = '.';
			for (i = e + 1; i < nd; i++)
				*p++ = d[i];
		}
	} else if (e < 0 && e >= -5) {
		*p++ = '0';
		*p++ = '.';
		for (i = -1; i > e; i--)
			*p++ = '0';
		for (i = 0; i < nd; i++)
			*p++ = d[i];
	} else {
		*p++ = d[0];
		if (nd > 1) {
			*p++ = '.';
			for (i = 1; i < nd; i++)
				*p++ = d[i];
		}
		*p++ = 'e';
		*p++ = e < 0 ? '-' : '+';
		if (e < 0)
			e = -e;
		if (e >= 100)
			*p++ = (char)('0' + e / 100);
		*p++ = (char)('0' + e / 10 % 10);
		*p++ = (char)('0' + e % 10);
	}
	return (int)(p - s);
}

/*
 * Fast path: for 1e-17 < v < 6e26, x = v * 10^(5 - E) (or v / 10^(E - 5))
 * with an exact power of ten is the scaled value rounded once, so it is
 * within half an ulp of the exact product: below 2^20, that is 2^-34.
 * Rounding x to an integer is then certain unless its fraction lies within
 * 1e-9 of one half; those values (among them every exact tie, such as
 * 123456.5) and the rest of the range take their digits from snprintf's
 * %.5e, which rounds the exact binary value. A wrong guess of E only moves
 * x past 10^5 or 10^6, where the six-digit rounding is not near a tie, so
 * the loop corrects it.
 */
int
fmt_sig6(double v, char *p)
{
	char		*s = p, buf[40], *end;
	uint64_t	 bits, m;
	double		 x, fr;
	int		 e2, e, k, tries;

	if (!isfinite(v))
		return 0;
	if (fpclassify(v) == FP_ZERO || isnan(v)) {
		*p = '0';	/* -0 too */
		return 1;
	}
	if (v < 0.0) {
		*p++ = '-';
		v = -v;
	}
	memcpy(&bits, &v, sizeof(bits));
	e2 = (int)((bits >> 52) & 0x7ff) - 1023;
	if (e2 < -56 || e2 > 88)
		goto slow;
	/* floor(log10 v) is e or e + 1 (78913 / 2^18 is log10 2 to 1e-6) */
	e = e2 >= 0 ? (e2 * 78913) >> 18 : -((-e2 * 78913 + 262143) >> 18);
	for (tries = 0;; tries++) {
		k = 5 - e;
		if (k > 22 || k < -22 || tries > 2)
			goto slow;
		x = k >= 0 ? v * pow10_tab[k] : v / pow10_tab[-k];
		if (x >= 1e6)
			e++;
		else if (x < 1e5)
			e--;
		else
			break;
	}
	m = (uint64_t)x;		/* x > 0: truncation is floor */
	fr = x - (double)m;
	if (fabs(fr - 0.5) < 1e-9)
		goto slow;
	m += fr > 0.5;
	if (m == 1000000) {
		m = 100000;
		e++;
	}
	return (int)(p - s) + layout(m, e, p);
slow:
	/* "d.ddddde+XX": the digits and exponent of the exact binary value */
	snprintf(buf, sizeof(buf), "%.5e", v);
	m = (uint64_t)(buf[0] - '0');
	for (k = 2; k < 7; k++)
		m = m * 10 + (uint64_t)(buf[k] - '0');
	e = (int)strtol(buf + 8, &end, 10);
	return (int)(p - s) + layout(m, e, p);
}

/* The quoted form of one character into "out" (at most 6 bytes); its
 * length. */
static size_t
quote_char(unsigned char ch, enum fmt_quoting how, char *out)
{
	static const char hex[] = "0123456789abcdef";

	if (how == FMT_CSV) {
		out[0] = (char)ch;
		if (ch != '"')
			return 1;
		out[1] = '"';
		return 2;
	}
	if (ch == '"' || ch == '\\') {
		out[0] = '\\';
		out[1] = (char)ch;
		return 2;
	}
	if (ch == '\n') {
		out[0] = '\\';
		out[1] = 'n';
		return 2;
	}
	if (ch < 0x20) {
		memcpy(out, "\\u00", 4);
		out[4] = hex[ch >> 4];
		out[5] = hex[ch & 15];
		return 6;
	}
	out[0] = (char)ch;
	return 1;
}

/* Append "k" bytes of "c" to "dst" at *len while they fit (leaving room
 * for the NUL); count them either way. */
static void
put(char *dst, size_t size, size_t *len, const char *c, size_t k)
{
	size_t	 i;

	for (i = 0; i < k; i++, (*len)++)
		if (*len + 1 < size)
			dst[*len] = c[i];
}

size_t
fmt_quote(char *dst, size_t size, const char *s, enum fmt_quoting how)
{
	char	 c[8];
	size_t	 len = 0;

	put(dst, size, &len, "\"", 1);
	for (; *s != '\0'; s++)
		put(dst, size, &len, c, quote_char((unsigned char)*s, how, c));
	put(dst, size, &len, "\"", 1);
	if (size > 0)
		dst[len < size ? len : size - 1] = '\0';
	return len;
}

void
fmt_quote_file(FILE *fp, const char *s, enum fmt_quoting how)
{
	char	 c[8];
	size_t	 k;

	fputc('"', fp);
	for (; *s != '\0'; s++) {
		k = quote_char((unsigned char)*s, how, c);
		fwrite(c, 1, k, fp);
	}
	fputc('"', fp);
}
