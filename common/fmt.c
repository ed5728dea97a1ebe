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

/* "00" to "99" */
static const char digits2[] =
	"00010203040506070809101112131415161718192021222324252627282930313233343536373839"
	"40414243444546474849505152535455565758596061626364656667686970717273747576777879"
	"8081828384858687888990919293949596979899";

/*
 * Write six digits (m = d0d1...d5, 100000 <= m <= 999999) times 10^(e - 5)
 * in fmt_sig6()'s layout; returns the length. Pieces are copied in fixed
 * sizes (single moves), so up to FMT_SIG6_MAX - 1 bytes at "p" may be
 * written beyond the length returned: scratch the caller does not read.
 */
static int
layout(uint32_t m, int e, char *p)
{
	char		 d[16];
	uint32_t	 hi = m / 10000, mid = m / 100 % 100, lo = m % 100;
	int		 nd, z;

	memcpy(d, digits2 + 2 * hi, 2);
	memcpy(d + 2, digits2 + 2 * mid, 2);
	memcpy(d + 4, digits2 + 2 * lo, 2);
	memset(d + 6, '0', sizeof(d) - 6);
	/* significant digits: six less the trailing zeros */
	if (lo != 0)
		nd = 6 - (lo % 10 == 0);
	else if (mid != 0)
		nd = 4 - (mid % 10 == 0);
	else
		nd = 2 - (hi % 10 == 0);
	if (e >= 5 && e < 15) {
		/* 123456 to 123456000000000: the digits, then zeros */
		memcpy(p, d, 15);
		return e + 1;
	}
	if (e >= 0 && e < 5) {
		/* 1.23456 to 12345.6: a point after e + 1 digits, if any
		 * digit follows */
		memcpy(p, d, 6);
		if (nd <= e + 1)
			return e + 1;
		p[e + 1] = '.';
		memcpy(p + e + 2, d + e + 1, 5);
		return nd + 1;
	}
	if (e < 0 && e >= -5) {
		/* 0.123456 to 0.0000123456: "0.", -e - 1 zeros, the digits */
		z = -e - 1;
		memcpy(p, "0.0000", 6);
		memcpy(p + 2 + z, d, 6);
		return 2 + z + nd;
	}
	/* d.ddddde+XX */
	z = 0;
	p[z++] = d[0];
	if (nd > 1) {
		p[z++] = '.';
		memcpy(p + z, d + 1, 5);
		z += nd - 1;
	}
	p[z++] = 'e';
	p[z++] = e < 0 ? '-' : '+';
	if (e < 0)
		e = -e;
	if (e >= 100)
		p[z++] = (char)('0' + e / 100);
	memcpy(p + z, digits2 + 2 * (e % 100), 2);
	return z + 2;
}

/* 10^-1 to 10^-22, each rounded to the nearest double */
static const double pow10_neg[] = {
	1e0, 1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-7, 1e-8, 1e-9, 1e-10,
	1e-11, 1e-12, 1e-13, 1e-14, 1e-15, 1e-16, 1e-17, 1e-18, 1e-19, 1e-20,
	1e-21, 1e-22
};

/*
 * Fast path: for 1e-17 < v < 6e26, x = v x 10^(5 - E) with an exact power
 * of ten (E <= 5), or v x 10^-(E - 5) rounded (E > 5), is within 1.5 ulp
 * of the exact scaled value: below 2^20, that is 2^-31. Rounding x to the
 * nearest integer is then certain unless its fraction lies within 1e-9 of
 * one half (an error near a whole number moves the floor and the fraction
 * together, and the sum is the same); those values (among them every
 * exact tie, such as 123456.5) and the rest of the range take their digits
 * from snprintf's %.5e, which rounds the exact binary value. A wrong guess
 * of E only moves x past 10^5 or 10^6, where the six-digit rounding is not
 * near a tie, so the loop corrects it.
 */
int
fmt_sig6(double v, char *p)
{
	char		*s = p, buf[40], *end;
	uint64_t	 bits;
	uint32_t	 m;
	double		 x, fr;
	int		 e2, e, k, tries;

	memcpy(&bits, &v, sizeof(bits));
	if ((bits & ~(1ULL << 63)) == 0) {
		*p = '0';	/* -0 too */
		return 1;
	}
	if (!isfinite(v))
		return 0;
	if (bits >> 63) {
		*p++ = '-';
		v = -v;
		bits &= ~(1ULL << 63);
	}
	e2 = (int)(bits >> 52) - 1023;
	if (e2 < -56 || e2 > 88)
		goto slow;
	/* floor(log10 v) is e or e + 1 (78913 / 2^18 is log10 2 to 1e-6) */
	e = e2 >= 0 ? (e2 * 78913) >> 18 : -((-e2 * 78913 + 262143) >> 18);
	for (tries = 0;; tries++) {
		k = 5 - e;
		if (k > 22 || k < -22 || tries > 2)
			goto slow;
		x = k >= 0 ? v * pow10_tab[k] : v * pow10_neg[-k];
		if (x >= 1e6)
			e++;
		else if (x < 1e5)
			e--;
		else
			break;
	}
	m = (uint32_t)x;		/* x > 0: truncation is floor */
	fr = x - (double)m;
	if (fr > 0.5 - 1e-9 && fr < 0.5 + 1e-9)
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
	m = (uint32_t)(buf[0] - '0');
	for (k = 2; k < 7; k++)
		m = m * 10 + (uint32_t)(buf[k] - '0');
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
