/* A mergeable log-linear quantile sketch with an exact sum (see
 * batch/internal.h): deterministic, needs no bounds, merges exactly. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "batch/internal.h"

void
sketch_free(struct sketch *k)
{
	if (k == NULL)
		return;
	free(k->pos.c);
	free(k->neg.c);
	k->pos.c = k->neg.c = NULL;
}

/* Make room in "st" for buckets [a, b]: the current range plus slack on
 * the side that grows, so a metric's values grow the store O(log) times. */
static int
store_reserve(struct sketch_store *st, int32_t a, int32_t b)
{
	int32_t		 lo, hi, pad;
	uint64_t	*c;

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
	if ((c = calloc((size_t)(hi - lo + 1), sizeof(*c))) == NULL)
		return -1;
	if (st->len > 0)
		memcpy(c + (st->lo - lo), st->c, st->len * sizeof(*c));
	free(st->c);
	st->c = c;
	st->lo = lo;
	st->len = (uint32_t)(hi - lo + 1);
	return 0;
}

static inline int
store_add(struct sketch_store *st, int32_t idx, uint64_t count)
{
	uint32_t off = (uint32_t)(idx - st->lo);

	if (off >= st->len) {
		if (store_reserve(st, idx, idx) == -1)
			return -1;
		off = (uint32_t)(idx - st->lo);
	}
	st->c[off] += count;
	return 0;
}

int
sketch_store_add(struct sketch_store *st, int32_t idx, uint64_t count)
{
	return store_add(st, idx, count);
}

/* Add the finite non-zero |v| (its bits "abs") to the exact sum,
 * negated when "neg": the 53-bit significand shifted to its place spans
 * three 32-bit chunks. */
static inline void
xsum_add(int64_t *sum, uint64_t abs, int neg)
{
	int	 ef = (int)(abs >> 52), p, i, s;
	uint64_t mant = abs & ((1ULL << 52) - 1), lo, hi;

	if (ef > 0)
		mant |= 1ULL << 52;
	p = ef > 0 ? ef - 1 : 0;	/* bit of mant's unit above 2^-1074 */
	i = p >> 5;
	s = p & 31;
	lo = mant << s;
	hi = s > 0 ? mant >> (64 - s) : 0;
	if (neg) {
		sum[i] -= (int64_t)(lo & 0xffffffffULL);
		sum[i + 1] -= (int64_t)(lo >> 32);
		sum[i + 2] -= (int64_t)hi;
	} else {
		sum[i] += (int64_t)(lo & 0xffffffffULL);
		sum[i + 1] += (int64_t)(lo >> 32);
		sum[i + 2] += (int64_t)hi;
	}
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

int
sketch_add(struct sketch *k, double v)
{
	uint64_t bits, abs;

	memcpy(&bits, &v, sizeof(bits));
	abs = bits & ~(1ULL << 63);
	if (abs == 0)
		v = 0.0;	/* -0 and 0 alike: min and max do not depend on order */
	if (k->n == 0) {
		k->min = k->max = v;
	} else {
		if (v < k->min)
			k->min = v;
		if (v > k->max)
			k->max = v;
	}
	k->n++;
	if (abs == 0) {
		k->zeros++;
		return 0;
	}
	xsum_add(k->sum, abs, (int)(bits >> 63));
	if (k->n % XSUM_NORM_EVERY == 0)
		xsum_norm(k->sum);
	return store_add(bits >> 63 ? &k->neg : &k->pos,
	    (int32_t)(abs >> SKETCH_SHIFT), 1);
}

static int
store_merge(struct sketch_store *a, const struct sketch_store *b)
{
	uint32_t i, first, last;

	for (first = 0; first < b->len && b->c[first] == 0; first++)
		;
	if (first == b->len)
		return 0;
	for (last = b->len - 1; b->c[last] == 0; last--)
		;
	if (a->len == 0 || b->lo + (int32_t)first < a->lo ||
	    b->lo + (int32_t)last > a->lo + (int32_t)a->len - 1)
		if (store_reserve(a, b->lo + (int32_t)first,
		    b->lo + (int32_t)last) == -1)
			return -1;
	for (i = first; i <= last; i++)
		a->c[b->lo + (int32_t)i - a->lo] += b->c[i];
	return 0;
}

int
sketch_merge(struct sketch *a, const struct sketch *b)
{
	int64_t	 t[XSUM_CHUNKS];
	int	 j;

	if (b->n == 0)
		return 0;
	if (a->n == 0) {
		a->min = b->min;
		a->max = b->max;
	} else {
		if (b->min < a->min)
			a->min = b->min;
		if (b->max > a->max)
			a->max = b->max;
	}
	a->n += b->n;
	a->zeros += b->zeros;
	memcpy(t, b->sum, sizeof(t));
	xsum_norm(t);
	xsum_norm(a->sum);
	for (j = 0; j < XSUM_CHUNKS; j++)
		a->sum[j] += t[j];
	xsum_norm(a->sum);
	if (store_merge(&a->pos, &b->pos) == -1 ||
	    store_merge(&a->neg, &b->neg) == -1)
		return -1;
	return 0;
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
	return k->n > 0 ? xsum_value(k->sum) / (double)k->n : (double)NAN;
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
	uint64_t rank, cum = 0;
	double	 q = NAN;
	uint32_t i;

	if (k->n == 0)
		return NAN;
	/* floor(pct (n - 1) / 100) without overflow */
	rank = (k->n - 1) / 100 * pct + (k->n - 1) % 100 * pct / 100;
	for (i = k->neg.len; i-- > 0;)
		if ((cum += k->neg.c[i]) > rank) {
			q = -bucket_mid(k->neg.lo + (int32_t)i);
			goto found;
		}
	if ((cum += k->zeros) > rank) {
		q = 0.0;
		goto found;
	}
	for (i = 0; i < k->pos.len; i++)
		if ((cum += k->pos.c[i]) > rank) {
			q = bucket_mid(k->pos.lo + (int32_t)i);
			goto found;
		}
	return k->max;
found:
	return fmin(fmax(q, k->min), k->max);
}
