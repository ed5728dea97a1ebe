/* Numbers with six exact significant digits, and CSV/JSON quoting
 * (common/fmt.h). */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/clones.h"
#include "common/fmt.h"

/* "00" to "99" as two characters in the low 16 bits, first digit lowest */
#define PAIR(n)	(uint16_t)(('0' + (n) / 10) | ('0' + (n) % 10) << 8)
#define PAIRS(t) PAIR(t##0), PAIR(t##1), PAIR(t##2), PAIR(t##3), PAIR(t##4), \
	PAIR(t##5), PAIR(t##6), PAIR(t##7), PAIR(t##8), PAIR(t##9)
static const uint16_t pairs[100] = {
	PAIR(0), PAIR(1), PAIR(2), PAIR(3), PAIR(4), PAIR(5), PAIR(6), PAIR(7),
	PAIR(8), PAIR(9), PAIRS(1), PAIRS(2), PAIRS(3), PAIRS(4), PAIRS(5),
	PAIRS(6), PAIRS(7), PAIRS(8), PAIRS(9)
};

/* Eight characters held in a word, the first lowest, stored at "p". */
static inline void
put8(char *p, uint64_t w)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	memcpy(p, &w, 8);
#else
	int i;

	for (i = 0; i < 8; i++, w >>= 8)
		p[i] = (char)(w & 0xff);
#endif
}

#define ZEROS8		0x3030303030303030ULL	/* "00000000" */
#define ZERO_POINT	0x3030303030302e30ULL	/* "0.000000" */

/*
 * Write six digits (m = d0d1...d5, 100000 <= m <= 999999) times 10^(e - 5)
 * in fmt_sig6()'s layout; returns the length. The digits are held in a
 * word (d0 to d5, then "00") and stored whole, eight bytes at a time, so
 * up to 15 bytes at "p" may be written: those beyond the length returned
 * are scratch the caller does not read.
 */
static int
layout(uint32_t m, int e, char *p)
{
	uint32_t	 hi = m / 10000, mid = m / 100 % 100, lo = m % 100;
	uint64_t	 d;
	int		 nd, z;

	d = (uint64_t)pairs[hi] | (uint64_t)pairs[mid] << 16 |
	    (uint64_t)pairs[lo] << 32 | ZEROS8 << 48;
	/* significant digits: six less the trailing zeros */
	if (lo != 0)
		nd = 6 - (lo % 10 == 0);
	else if (mid != 0)
		nd = 4 - (mid % 10 == 0);
	else
		nd = 2 - (hi % 10 == 0);
	if (e >= 5 && e < 15) {
		/* 123456 to 123456000000000: the digits, then zeros */
		put8(p, d);
		put8(p + 7, ZEROS8);
		return e + 1;
	}
	if (e >= 0 && e < 5) {
		/* 1.23456 to 12345.6: a point after e + 1 digits, if any
		 * digit follows */
		put8(p, d);
		if (nd <= e + 1)
			return e + 1;
		p[e + 1] = '.';
		put8(p + e + 2, d >> 8 * (e + 1));
		return nd + 1;
	}
	if (e < 0 && e >= -5) {
		/* 0.123456 to 0.0000123456: "0.", -e - 1 zeros, the digits */
		z = -e - 1;
		put8(p, ZERO_POINT);
		put8(p + 2 + z, d);
		return 2 + z + nd;
	}
	/* d.ddddde+XX */
	z = 1;
	put8(p, d);
	if (nd > 1) {
		p[1] = '.';
		put8(p + 2, d >> 8);
		z = nd + 1;
	}
	p[z++] = 'e';
	p[z++] = e < 0 ? '-' : '+';
	if (e < 0)
		e = -e;
	if (e >= 100)
		p[z++] = (char)('0' + e / 100);
	p[z++] = (char)('0' + e / 10 % 10);
	p[z++] = (char)('0' + e % 10);
	return z;
}

/* 10^k for k = -22 to 22 at [k + 22], each the nearest double (exact
 * for k >= 0) */
static const double pow10_k[45] = {
	1e-22, 1e-21, 1e-20, 1e-19, 1e-18, 1e-17, 1e-16, 1e-15, 1e-14, 1e-13,
	1e-12, 1e-11, 1e-10, 1e-9, 1e-8, 1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2,
	1e-1, 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
	1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22
};

/* c ? a : b on the bits: an integer select, which the vectoriser takes
 * where it would not take a floating-point one */
static inline double
select_bits(int64_t c, double a, double b)
{
	uint64_t ab, bb, mask = 0 - (uint64_t)c;
	double	 r;

	memcpy(&ab, &a, sizeof(ab));
	memcpy(&bb, &b, sizeof(bb));
	ab = (ab & mask) | (bb & ~mask);
	memcpy(&r, &ab, sizeof(r));
	return r;
}

/*
 * The six digits m (100000 <= m <= 999999) and decimal exponent "ex" of
 * the value whose magnitude has the bits "a", or non-zero when they must
 * come from snprintf. For 1e-17 < v < 6e26, x = v x 10^(5 - E) with an
 * exact power of ten (E <= 5), or v x 10^-(E - 5) rounded (E > 5), is
 * within 1.5 ulp of the exact scaled value: below 2^20, that is 2^-31.
 * Rounding x to the nearest integer is then certain unless its fraction
 * lies within 1e-9 of one half (an error near a whole number moves the
 * floor and the fraction together, and the sum is the same); those values
 * (among them every exact tie, such as 123456.5), zeros and the rest of
 * the range go to snprintf's %.5e, which rounds the exact binary value.
 * E = floor(log10 v) is the guess from the binary exponent or one more:
 * x is taken with the guess and with the next exponent, the second kept
 * when the first reaches 10^6; the rare miss of the guess goes to
 * snprintf. No branch, every lane 64 bits: a loop over values vectorises.
 */
static inline int64_t
sig6_digits(uint64_t a, int64_t *m, int64_t *ex)
{
	double	 av, x, x1, fr;
	int64_t	 e2, e, k, up, mi, sl;

	memcpy(&av, &a, sizeof(av));
	e2 = (int64_t)(a >> 52) - 1023;
	/* 78913 / 2^18 is log10 2 to 1e-6 */
	e = e2 >= 0 ? (e2 * 78913) >> 18 : -((-e2 * 78913 + 262143) >> 18);
	k = 5 - e;
	k = k > 22 ? 22 : k < -21 ? -21 : k;	/* within the table */
	x = av * pow10_k[k + 22];
	x1 = av * pow10_k[k - 1 + 22];
	up = x >= 1e6;
	x = select_bits(up, x1, x);
	e = 5 - k + up;
	/* x in [1e5, 1e6), its floor exact, and not near a tie */
	sl = (a == 0) | (e2 < -56) | (e2 > 88) | (x < 1e5) | !(x < 1e6);
	x = select_bits(sl, 1e5, x);
	mi = (int64_t)x;
	fr = x - (double)mi;
	sl |= (fr > 0.5 - 1e-9) & (fr < 0.5 + 1e-9);
	mi += fr > 0.5;
	up = mi == 1000000;
	*m = up ? 100000 : mi;
	*ex = e + up;
	return sl;
}

int
fmt_sig6(double v, char *p)
{
	char		*s = p, buf[40], *end;
	uint64_t	 bits;
	int64_t		 m, e;
	int		 k;

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
	if (sig6_digits(bits, &m, &e) == 0)
		return (int)(p - s) + layout((uint32_t)m, (int)e, p);
	/* "d.ddddde+XX": the digits and exponent of the exact binary value */
	snprintf(buf, sizeof(buf), "%.5e", v);
	m = buf[0] - '0';
	for (k = 2; k < 7; k++)
		m = m * 10 + (buf[k] - '0');
	e = strtol(buf + 8, &end, 10);
	return (int)(p - s) + layout((uint32_t)m, (int)e, p);
}

/*
 * fmt_sig6() of up to FMT_CELLS_MAX values at once, in two passes: the
 * digits and exponents of all (sig6_digits(), vectorised), then the text
 * of each (fmt_sig6() for those sig6_digits() leaves to snprintf): a
 * column's values take the same branches one after another, where the
 * numbers of a row, each of another column, would not.
 */
SIMD_CLONES void
fmt_sig6_cells(const double *v, size_t n, char (*cell)[FMT_CELL],
    unsigned char *len)
{
	int64_t		 m[FMT_CELLS_MAX], ex[FMT_CELLS_MAX], slow[FMT_CELLS_MAX];
	uint64_t	 bits;
	double		 vi;
	size_t		 i;
	char		*p;

	if (n > FMT_CELLS_MAX)
		n = FMT_CELLS_MAX;
	for (i = 0; i < n; i++) {
		vi = v[i];
		memcpy(&bits, &vi, sizeof(bits));
		slow[i] = sig6_digits(bits & ~(1ULL << 63), &m[i], &ex[i]);
	}
	for (i = 0; i < n; i++) {
		if (slow[i]) {
			len[i] = (unsigned char)fmt_sig6(v[i], cell[i]);
			continue;
		}
		p = cell[i];
		*p = '-';
		p += v[i] < 0.0;
		len[i] = (unsigned char)((p - cell[i]) +
		    layout((uint32_t)m[i], (int)ex[i], p));
	}
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
