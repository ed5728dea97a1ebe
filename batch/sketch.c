/* A mergeable log-linear quantile sketch with an exact sum (see
 * batch/internal.h): deterministic, needs no bounds, merges exactly. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "batch/internal.h"

void
sketch_init(struct sketch *k)
{
	memset(k, 0, sizeof(*k));
	k->min = INFINITY;
	k->max = -INFINITY;
}

void
sketch_free(struct sketch *k)
{
	if (k == NULL)
		return;
	free(k->st[0].n);
	free(k->st[1].n);
	k->st[0].n = k->st[1].n = NULL;
}

/* Make room in "st" for buckets [a, b]: the current range plus slack on
 * the side that grows, so a metric's values grow the store O(log) times. */
static int
store_reserve(struct sketch_store *st, int32_t a, int32_t b)
{
	uint64_t	*nb;
	int32_t		 lo, hi, pad;

	if (st->len == 0) {
		lo = a - 32;
		hi = b + 32;
	} else {
		lo = st->lo;
		hi = st->lo + (int32_t)st->len - 1;
		pad = (int32_t)(st->len / 2) + 32;
		if (a < lo)
			lo = a - pad;
		if (b > hi)
			hi = b + pad;
	}
	if ((nb = calloc((size_t)(hi - lo + 1), sizeof(*nb))) == NULL)
		return -1;
	if (st->len > 0)
		memcpy(nb + (st->lo - lo), st->n, st->len * sizeof(*nb));
	free(st->n);
	st->n = nb;
	st->lo = lo;
	st->len = (uint32_t)(hi - lo + 1);
	return 0;
}

int
sketch_store_add(struct sketch_store *st, int32_t idx, uint64_t count)
{
	uint32_t off = (uint32_t)(idx - st->lo);

	if (off >= st->len) {
		if (store_reserve(st, idx, idx) == -1)
			return -1;
		off = (uint32_t)(idx - st->lo);
	}
	st->n[off] += count;
	return 0;
}

void
xsum_norm(int64_t *sum)
{
	int64_t	 t, low, carry = 0;
	int	 j;

	for (j = 0; j < XSUM_CHUNKS - 1; j++) {
		t = sum[j] + carry;
		low = (int64_t)((uint64_t)t & 0xffffffffULL);
		carry = (t - low) / 4294967296LL;	/* exact */
		sum[j] = low;
	}
	sum[XSUM_CHUNKS - 1] += carry;
}

/* Bucket "idx": the unit of its values' low bits (2^(p - 1074)) and the
 * common top of their significands, base x 2^SKETCH_SHIFT units. */
static void
bucket_parts(int32_t idx, int *p, uint64_t *base)
{
	int	 ef = idx >> 9;

	*p = sketch_low_unit((uint64_t)ef);
	*base = (uint64_t)(idx & 511) | (ef > 0 ? 512u : 0u);
}

uint64_t
sketch_count(const struct sketch *k)
{
	uint64_t n = k->zeros;
	uint32_t i;
	int	 s;

	for (s = 0; s < 2; s++)
		for (i = 0; i < k->st[s].len; i++)
			n += k->st[s].n[i];
	return n;
}

void
sketch_flush(struct sketch *k)
{
	xsum_norm(k->sum);
	k->pending = 0;
}

int
sketch_add_n(struct sketch *k, double v, size_t n)
{
	struct sketch_store *st;
	uint64_t	 bits, abs;
	uint32_t	 off;
	int32_t		 idx;

	memcpy(&bits, &v, sizeof(bits));
	abs = bits & ~(1ULL << 63);
	if (n == 0 || abs - 1 >= 0x7ff0000000000000ULL - 1) {
		if (n == 0 || abs != 0)
			return 0;	/* NaN or infinite: left out */
		k->zeros += n;
		k->min = k->min > 0.0 ? 0.0 : k->min;
		k->max = k->max < 0.0 ? 0.0 : k->max;
		return 0;
	}
	k->min = v < k->min ? v : k->min;
	k->max = v > k->max ? v : k->max;
	st = &k->st[bits >> 63];
	idx = (int32_t)(abs >> SKETCH_SHIFT);
	if ((uint32_t)(idx - st->lo) >= st->len &&
	    sketch_store_add(st, idx, 0) == -1)
		return -1;
	/* as sketch_add_block()'s constant block (n x 2^43 < 2^64) */
	if (k->pending + n >= SKETCH_FLUSH)
		sketch_flush(k);
	k->pending += n;
	off = (uint32_t)(idx - st->lo);
	st->n[off] += n;
	xsum_add_shifted(k->sum, n * (abs & ((1ULL << SKETCH_SHIFT) - 1)),
	    sketch_low_unit(abs >> 52), (int)(bits >> 63));
	return 0;
}

/* The block add vectorises with 64-bit unsigned compares and min/max,
 * which plain x86-64 lacks: SIMD_CLONES (integer work: the same result
 * on each). */

/* The offsets of the buckets of v[0 .. n - 1] (by stride) in "st". */
static inline __attribute__((always_inline)) void
block_offsets(const struct sketch_store *st, const double *v, size_t stride,
    size_t n, uint32_t *o)
{
	uint64_t const	 mag = ~(1ULL << 63);
	uint64_t	 x;
	size_t		 i;

	for (i = 0; i < n; i++) {
		memcpy(&x, &v[i * stride], sizeof(x));
		o[i] = (uint32_t)((int32_t)((x & mag) >> SKETCH_SHIFT) - st->lo);
	}
}

/* The low bits of v[0 .. n - 1] summed in the unit of exponent field
 * "eu" (each value's shifted by its exponent field less eu; 0 where that
 * is out of range, which the caller's check of the range rules out). */
static inline __attribute__((always_inline)) uint64_t
block_lowsum(const double *v, size_t stride, size_t n, uint64_t eu)
{
	uint64_t const	 mag = ~(1ULL << 63);
	uint64_t	 x, sh, lsum = 0;
	size_t		 i;

	for (i = 0; i < n; i++) {
		memcpy(&x, &v[i * stride], sizeof(x));
		sh = ((x & mag) >> 52) - eu;
		lsum += sh < 64 ? (x & ((1ULL << SKETCH_SHIFT) - 1)) << sh : 0;
	}
	return lsum;
}

/*
 * sketch_add_block()'s work, inlined twice: for a full block of
 * consecutive values (the batch's case: constant trip counts the compiler
 * unrolls into straight vector code, no remainders) and for any other.
 * One pass over the values finds the smallest and largest bits (as signed
 * integers: those of one sign are in the order of their magnitudes, a
 * negative's being its magnitude - 2^63, so the two tell the signs, the
 * magnitudes' range and whether every value is the same), the buckets'
 * offsets from the positive store's first bucket and the low bits summed
 * in the unit of binade k->eunit (the smallest binade of the last block
 * that did not fit the one before). The offsets are taken again when the
 * store they belong to starts elsewhere (a negative block, a store that
 * grew), the sum when the block starts below that binade or spans more
 * than SKETCH_SPAN binades above it.
 */
static inline __attribute__((always_inline)) int
block_add(struct sketch *k, const double *v, size_t stride, size_t n)
{
	struct sketch_store *st = &k->st[0];
	uint64_t	*c;
	int64_t		 r, smin = INT64_MAX, smax = INT64_MIN;
	uint32_t	 o[SKETCH_BLOCK_MAX];
	uint64_t	 amin, amax, x, lowbits, lsum = 0, emin, eu = k->eunit;
	uint64_t const	 mag = ~(1ULL << 63);
	double		 vmin, vmax;
	uint32_t	 off;
	int32_t		 ilo, ihi, lo = st->lo;
	size_t		 i;
	int		 neg;

	if (n == 0)
		return 0;
	lowbits = (1ULL << SKETCH_SHIFT) - 1;
	for (i = 0; i < n; i++) {
		memcpy(&r, &v[i * stride], sizeof(r));
		smin = r < smin ? r : smin;
		smax = r > smax ? r : smax;
		x = (uint64_t)r & mag;
		o[i] = (uint32_t)((int32_t)(x >> SKETCH_SHIFT) - lo);
		x = (x >> 52) - eu;	/* the shift: below 64, or no sum */
		lsum += x < 64 ? ((uint64_t)r & lowbits) << x : 0;
	}
	amin = (uint64_t)smin & mag;
	amax = (uint64_t)smax & mag;
	if ((smin ^ smax) < 0 || amin == 0 || amax >= 0x7ff0000000000000ULL) {
		/* mixed signs, a zero, NaN or infinity: one at a time (or all
		 * zeros of one sign at once) */
		if (smin == smax && amin == 0) {
			k->zeros += n;
			k->min = k->min > 0.0 ? 0.0 : k->min;
			k->max = k->max < 0.0 ? 0.0 : k->max;
			return 0;
		}
		for (i = 0; i < n; i++)
			if (sketch_add(k, v[i * stride]) == -1)
				return -1;
		return 0;
	}
	/* finite, non-zero, one sign: the smallest and largest magnitude
	 * give min and max (equal values have equal bits) */
	neg = smin < 0;
	x = (uint64_t)(neg ? smax : smin);
	memcpy(&vmin, &x, sizeof(vmin));
	x = (uint64_t)(neg ? smin : smax);
	memcpy(&vmax, &x, sizeof(vmax));
	k->min = vmin < k->min ? vmin : k->min;
	k->max = vmax > k->max ? vmax : k->max;
	st = &k->st[neg];
	ilo = (int32_t)(amin >> SKETCH_SHIFT);
	ihi = (int32_t)(amax >> SKETCH_SHIFT);
	if ((uint32_t)(ilo - st->lo) >= st->len ||
	    (uint32_t)(ihi - st->lo) >= st->len)
		if (sketch_store_add(st, ilo, 0) == -1 ||
		    sketch_store_add(st, ihi, 0) == -1)
			return -1;
	if (k->pending + n >= SKETCH_FLUSH)
		sketch_flush(k);
	k->pending += n;
	if (smin == smax) {
		/* a constant: one bucket, n values (n x 2^43 < 2^64) */
		off = (uint32_t)(ilo - st->lo);
		st->n[off] += n;
		xsum_add_shifted(k->sum, n * (amin & lowbits),
		    sketch_low_unit(amin >> 52), neg);
		return 0;
	}
	if (st->lo != lo)
		block_offsets(st, v, stride, n, o);
	/* the low bits summed in the unit of binade eu (64 x 2^43 x 2^14 <
	 * 2^64), the smallest magnitude's when the guess did not hold, or
	 * one by one when the block spans more binades or holds subnormals
	 * (whose unit is the lowest binade's) */
	emin = amin >> 52;
	if (emin > 0 && (amax >> 52) - emin <= SKETCH_SPAN) {
		if (eu == 0 || emin < eu || (amax >> 52) - eu > SKETCH_SPAN) {
			k->eunit = eu = emin;
			lsum = block_lowsum(v, stride, n, eu);
		}
		xsum_add_shifted(k->sum, lsum, sketch_low_unit(eu), neg);
	} else
		for (i = 0; i < n; i++) {
			memcpy(&x, &v[i * stride], sizeof(x));
			x &= mag;
			xsum_add_shifted(k->sum, x & lowbits,
			    sketch_low_unit(x >> 52), neg);
		}
	/* then the counts one by one (neighbours may share a bucket) */
	c = st->n;
#pragma GCC unroll 4
	for (i = 0; i < n; i++)
		c[o[i]]++;
	return 0;
}

SIMD_CLONES int
sketch_add_block(struct sketch *k, const double *v, size_t stride, size_t n)
{
	if (n == SKETCH_BLOCK_MAX && stride == 1)
		return block_add(k, v, 1, SKETCH_BLOCK_MAX);
	return block_add(k, v, stride, n);
}

SIMD_CLONES int
sketch_add_cols(struct sketch *k, const double *v, size_t cstride, size_t n,
    size_t ncols, uint64_t constant)
{
	size_t	 m;
	int	 rc = 0;

	for (m = 0; m < ncols; m++, k++, v += cstride)
		if (constant >> m & 1) {
			if (sketch_add_n(k, v[0], n) == -1)
				rc = -1;
		} else if (n == SKETCH_BLOCK_MAX) {
			if (block_add(k, v, 1, SKETCH_BLOCK_MAX) == -1)
				rc = -1;
		} else if (block_add(k, v, 1, n) == -1)
			rc = -1;
	return rc;
}

void
sketch_sum_rest(const struct sketch *k, int64_t *out)
{
	memcpy(out, k->sum, XSUM_CHUNKS * sizeof(*out));
	xsum_norm(out);
}

/* The counts of "b" into "a" (the sum is the caller's). */
static int
store_merge(struct sketch_store *a, const struct sketch_store *b)
{
	uint32_t i, first, last;

	for (first = 0; first < b->len && b->n[first] == 0; first++)
		;
	if (first == b->len)
		return 0;
	for (last = b->len - 1; b->n[last] == 0; last--)
		;
	if (a->len == 0 || b->lo + (int32_t)first < a->lo ||
	    b->lo + (int32_t)last > a->lo + (int32_t)a->len - 1)
		if (store_reserve(a, b->lo + (int32_t)first,
		    b->lo + (int32_t)last) == -1)
			return -1;
	for (i = first; i <= last; i++)
		a->n[b->lo + (int32_t)i - a->lo] += b->n[i];
	return 0;
}

int
sketch_merge(struct sketch *a, const struct sketch *b)
{
	int64_t	 t[XSUM_CHUNKS];
	int	 j;

	if (sketch_count(b) == 0)
		return 0;
	if (b->min < a->min)
		a->min = b->min;
	if (b->max > a->max)
		a->max = b->max;
	a->zeros += b->zeros;
	sketch_sum_rest(b, t);
	for (j = 0; j < XSUM_CHUNKS; j++)
		a->sum[j] += t[j];
	sketch_flush(a);
	if (store_merge(&a->st[0], &b->st[0]) == -1 ||
	    store_merge(&a->st[1], &b->st[1]) == -1)
		return -1;
	return 0;
}

/* The counts times their buckets' common tops, added to "sum". */
static void
bases_add(int64_t *sum, const struct sketch_store *st, int neg)
{
	uint64_t base, n;
	uint32_t i;
	int	 p;

	for (i = 0; i < st->len; i++)
		if ((n = st->n[i]) != 0) {
			bucket_parts(st->lo + (int32_t)i, &p, &base);
			/* n x base x 2^43 in two halves of n: below 2^42 each */
			xsum_add_shifted(sum, (n & 0xffffffffULL) * base,
			    p + SKETCH_SHIFT, neg);
			xsum_add_shifted(sum, (n >> 32) * base,
			    p + SKETCH_SHIFT + 32, neg);
		}
}

/* The exact sum, rounded (deterministically, to about 1e-16) to a double. */
static double
xsum_value(const int64_t *sum)
{
	int64_t	 t[XSUM_CHUNKS];
	double	 v;
	int	 j, neg;

	memcpy(t, sum, sizeof(t));
	xsum_norm(t);
	if ((neg = t[XSUM_CHUNKS - 1] < 0)) {
		for (j = 0; j < XSUM_CHUNKS; j++)
			t[j] = -t[j];
		xsum_norm(t);
	}
	for (j = XSUM_CHUNKS - 1; j > 0 && t[j] == 0; j--)
		;
	/* the top three chunks: 64 bits and more of the magnitude */
	v = ldexp((double)t[j], 32 * j - 1074);
	if (j >= 1)
		v += ldexp((double)t[j - 1], 32 * (j - 1) - 1074);
	if (j >= 2)
		v += ldexp((double)t[j - 2], 32 * (j - 2) - 1074);
	return neg ? -v : v;
}

double
sketch_mean(const struct sketch *k)
{
	int64_t	 t[XSUM_CHUNKS];
	uint64_t n;

	if ((n = sketch_count(k)) == 0)
		return NAN;
	sketch_sum_rest(k, t);
	bases_add(t, &k->st[0], 0);
	bases_add(t, &k->st[1], 1);
	return xsum_value(t) / (double)n;
}

/* The midpoint of bucket "idx": within 2^-10 of its values, relative. */
static double
bucket_mid(int32_t idx)
{
	uint64_t b0 = (uint64_t)idx << SKETCH_SHIFT, b1 = b0 + (1ULL << SKETCH_SHIFT);
	double	 lo, hi;

	memcpy(&lo, &b0, sizeof(lo));
	memcpy(&hi, &b1, sizeof(hi));
	return lo + (hi - lo) * 0.5;
}

double
sketch_quantile(const struct sketch *k, unsigned pct)
{
	uint64_t rank, cum = 0, n;
	double	 q = NAN;
	uint32_t i;

	if ((n = sketch_count(k)) == 0)
		return NAN;
	/* floor(pct (n - 1) / 100) without overflow */
	rank = (n - 1) / 100 * pct + (n - 1) % 100 * pct / 100;
	for (i = k->st[1].len; i-- > 0;)
		if ((cum += k->st[1].n[i]) > rank) {
			q = -bucket_mid(k->st[1].lo + (int32_t)i);
			goto found;
		}
	if ((cum += k->zeros) > rank) {
		q = 0.0;
		goto found;
	}
	for (i = 0; i < k->st[0].len; i++)
		if ((cum += k->st[0].n[i]) > rank) {
			q = bucket_mid(k->st[0].lo + (int32_t)i);
			goto found;
		}
	return k->max;
found:
	return fmin(fmax(q, k->min), k->max);
}
