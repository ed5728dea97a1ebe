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
		x = v * pow10_k[k + 22];
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
 * fmt_sig6() of up to FMT_CELLS_MAX values at once, in two passes. The
 * first finds every value's six digits and exponent as fmt_sig6()'s fast
 * path does, with the same multiplications but without a branch (every
 * lane 64 bits wide, which AVX-512 vectorises; elsewhere it runs as plain
 * code); values its checks do not clear (zeros, NaN, infinities, near
 * ties, the far ranges, the rare misses of the exponent's guess) are
 * marked and given to fmt_sig6() in the second pass, which lays the text
 * out: a column's values take the same branches one after another, where
 * the numbers of a row, each of another column, would not.
 */
SIMD_CLONES void
fmt_sig6_cells(const double *v, size_t n, char (*cell)[FMT_CELL],
    unsigned char *len)
{
	int64_t		 m[FMT_CELLS_MAX], ex[FMT_CELLS_MAX], slow[FMT_CELLS_MAX];
	uint64_t	 bits, a;
	double		 vi, av, x, x1, fr;
	int64_t		 e2, e, k, up, mi, sl;
	size_t		 i;
	char		*p;

	if (n > FMT_CELLS_MAX)
		n = FMT_CELLS_MAX;
	for (i = 0; i < n; i++) {
		vi = v[i];
		memcpy(&bits, &vi, sizeof(bits));
		a = bits & ~(1ULL << 63);
		memcpy(&av, &a, sizeof(av));
		e2 = (int64_t)(a >> 52) - 1023;
		e = e2 >= 0 ? (e2 * 78913) >> 18 : -((-e2 * 78913 + 262143) >> 18);
		/* the guess of fmt_sig6(), then the next exponent when x
		 * reaches 10^6 (k kept within the table for any input) */
		k = 5 - e;
		k = k > 22 ? 22 : k < -21 ? -21 : k;
		x = av * pow10_k[k + 22];
		x1 = av * pow10_k[k - 1 + 22];
		up = x >= 1e6;
		x = select_bits(up, x1, x);
		e = 5 - k + up;
		/* x in [1e5, 1e6) and not near a tie, or fmt_sig6() */
		sl = (a == 0) | (e2 < -56) | (e2 > 88) | (x < 1e5) | !(x < 1e6);
		x = select_bits(sl, 1e5, x);
		mi = (int64_t)x;
		fr = x - (double)mi;
		sl |= (fr > 0.5 - 1e-9) & (fr < 0.5 + 1e-9);
		slow[i] = sl;
		mi += fr > 0.5;
		up = mi == 1000000;
		m[i] = up ? 100000 : mi;
		ex[i] = e + up;
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
