/* Inside batch/: the quantile sketch and the statistics table. */
#ifndef BATCH_INTERNAL_H
#define BATCH_INTERNAL_H

#include <string.h>

#include "batch/batch.h"
#include "common/clones.h"
#include "common/rng.h"

/*
 * A log-linear sketch of one metric. A non-zero finite |v| falls in the
 * bucket given by its top 21 bits (sign cleared): 11 exponent bits and the
 * top 9 mantissa bits, so 512 buckets per power of two, each 2^-9 of its
 * binade wide; the bucket's midpoint is within 2^-10 of any value in it,
 * relative. Buckets live in two dense stores (|v| of negative and positive
 * values) that grow to the range seen; zeros are counted apart. A bucket
 * is its count alone (8 bytes: the stores of 42 metrics are what a batch
 * worker's statistics touch at random, the less the better).
 *
 * The sum is exact. The values of a bucket share their top 21 bits, so
 * the exact total is count x the buckets' common top bits (which the
 * counts give) plus the values' low 43 bits, each in units of its binade
 * (2^(e - 1075), e the exponent field, 2^-1074 for subnormals). Those go
 * straight into "sum", 32-bit chunks above 2^-1074 in int64s (XSUM_CHUNKS
 * of them): a block's low bits summed at once (those of neighbouring
 * binades shifted to the lowest one's unit), or a value's alone. The
 * chunks are normalised every SKETCH_FLUSH values, before any could
 * overflow; integer additions, so merging in any order gives the same
 * mean to the last bit.
 */
#define SKETCH_SHIFT	43		/* 52 mantissa bits - 9 kept */
#define SKETCH_FLUSH	(1ULL << 20)	/* 2^20 additions below 2^32 a chunk */
#define SKETCH_SPAN	14		/* binades a block's low bits sum over */
#define XSUM_CHUNKS	72		/* 2^-1074 to 2^1230: room for n x 2^1024 */

struct sketch_store {
	int32_t		 lo;		/* bucket index of n[0] */
	uint32_t	 len;
	uint64_t	*n;		/* values in each bucket */
};

struct sketch {
	uint64_t	 zeros;		/* the count n is zeros + the buckets' */
	uint64_t	 pending;	/* values whose low bits went into sum
					 * since sketch_flush(): below
					 * SKETCH_FLUSH */
	double		 min, max;	/* +inf and -inf while n = 0 */
	struct sketch_store st[2];	/* |v| of positive, negative values */
	uint64_t	 eunit;		/* the exponent field a block's low
					 * bits were last summed in (0: none);
					 * a guess for the next block */
	int64_t		 sum[XSUM_CHUNKS];
};

void	 sketch_init(struct sketch *);
/* Values counted: zeros and every bucket's. */
uint64_t sketch_count(const struct sketch *);
void	 sketch_free(struct sketch *);
/* Add "count" to bucket "idx" of "st", growing it; -1 when it could not. */
int	 sketch_store_add(struct sketch_store *st, int32_t idx, uint64_t count);
/* Normalise the chunks of the sum (pending = 0). */
void	 sketch_flush(struct sketch *);
/* Add "b" into "a"; -1 when out of memory. */
int	 sketch_merge(struct sketch *a, const struct sketch *b);
/* The sample value of rank floor(pct (n - 1) / 100), within 2^-10; NaN
 * when empty. */
double	 sketch_quantile(const struct sketch *, unsigned pct);
double	 sketch_mean(const struct sketch *);
/* The sum less the buckets' common tops, normalised, into "out": what the
 * sidecar keeps of the sum (the rest follows from the counts). */
void	 sketch_sum_rest(const struct sketch *, int64_t *out);
/* Normalise chunks: 0..XSUM_CHUNKS-2 in [0, 2^32). */
void	 xsum_norm(int64_t *sum);

/* Add (or subtract, "neg") x 2^(p - 1074) to "sum": three pieces below
 * 2^32 each. Chunks must have room for them (normalise now and then). */
static inline void
xsum_add_shifted(int64_t *sum, uint64_t x, int p, int neg)
{
	int	 i = p >> 5, sh = p & 31;
	uint64_t c0, c1, c2;

	c0 = (x << sh) & 0xffffffffULL;
	c1 = sh > 0 ? (x >> (32 - sh)) & 0xffffffffULL : (x >> 32);
	c2 = sh > 0 ? x >> (64 - sh) : 0;
	if (neg) {
		sum[i] -= (int64_t)c0;
		sum[i + 1] -= (int64_t)c1;
		sum[i + 2] -= (int64_t)c2;
	} else {
		sum[i] += (int64_t)c0;
		sum[i + 1] += (int64_t)c1;
		sum[i + 2] += (int64_t)c2;
	}
}

/* The unit of the low bits of a value of exponent field "e": 2^(p -
 * 1074), subnormals (e = 0) as e = 1. */
static inline int
sketch_low_unit(uint64_t e)
{
	return (int)e - (e > 0);
}

/* Most values sketch_add_block() takes at once. */
#define SKETCH_BLOCK_MAX	64

/* sketch_add() of v[0], v[stride], ... v[(n - 1) x stride] (n <=
 * SKETCH_BLOCK_MAX), in that order, with the same result: one bounds
 * check and one min and max for the block, one bucket update when every
 * value has the same bits. */
int	 sketch_add_block(struct sketch *, const double *v, size_t stride,
	    size_t n);
/* Count "v" "n" times (n <= SKETCH_BLOCK_MAX): a column the kernel knows
 * to be constant over a block, without the scan. NaN and infinities are
 * left out. Returns -1 when a store could not grow. */
int	 sketch_add_n(struct sketch *, double v, size_t n);
static inline int
sketch_add(struct sketch *k, double v)
{
	return sketch_add_n(k, v, 1);
}
/* A block of "ncols" (<= 64) columns of "n" (<= SKETCH_BLOCK_MAX)
 * consecutive values, column m at v[m x cstride], into k[m]:
 * sketch_add_n() of its first value when bit m of "constant" is set, else
 * sketch_add_block(). -1 when a store could not grow (the other columns
 * are added all the same). */
int	 sketch_add_cols(struct sketch *k, const double *v, size_t cstride,
	    size_t n, size_t ncols, uint64_t constant);

/* rng_uniform(seed, key, k) in two steps: the stream of scenario "key"
 * once, then each draw "k" from it (one mix a draw instead of three). The
 * same bits: tests/test_batch.c checks it against rng_uniform(). */
static inline uint64_t
batch_stream(uint64_t seed, uint64_t key)
{
	return rng_mix64(seed ^ rng_mix64(key));
}

static inline double
batch_uniform(uint64_t stream, uint32_t k)
{
	uint64_t h = rng_mix64(stream + k);

	return ((double)(h >> 11) + 0.5) * (1.0 / 9007199254740992.0);
}


/* The drawn values of draws draw0 .. draw0 + n - 1 (n <=
 * BATCH_KERNEL_BLOCK) of the kernel's site: d[j][i] is slot
 * k->draw_slot[j] of draw draw0 + i, the value batch_kernel_inputs()
 * gives (batch/kernel_draw.c). */
void	 batch_kernel_draws(const struct batch_kernel *k, uint64_t draw0,
	    size_t n, double d[][BATCH_KERNEL_BLOCK]);

/* The block path of a kernel (batch/kernel_block.c): whether it applies
 * (k->soa), the lanes and columns, and the columns constant over a block
 * (k->const_cols); batch_kernel_init() calls it last. */
void	 batch_kernel_soa_init(struct batch_kernel *k);
/* batch_kernel_eval_cols() when k->soa: the model a statement at a time
 * over the block's lanes. */
void	 batch_kernel_soa(const struct batch_kernel *k, const double *varied,
	    uint64_t draw0, size_t n, double *out);

/* Where batch_patch_slot() puts slot "slot" of site "s" when
 * it is one double of struct est_params set to x[slot]: its offsetof;
 * else -1 (every slot patch_slot() treats otherwise). */
int	 batch_patch_offset(const struct site *s, unsigned slot);

/*
 * What est_params_from_site() makes of slot "slot" of "x", written into
 * "p" (the rest of "p" from the same site and year): 0 when done, or when
 * the site does not read the slot; -1 for slots this does not patch (the
 * size, which also sets the last purchase, and the embodied figures)
 * (batch/slots.c).
 */
int	 batch_patch_slot(const struct site *s, double hours_year,
	    const double *x, unsigned slot, struct est_params *p);

/* batch_eval() of the scenario at "at" (consecutive ids step it with
 * batch_id_next() without dividing). */
void	 batch_eval_at(const struct batch *, const struct batch_id *at,
	    double *varied, double *out);

static inline void
batch_id_next(const struct batch *b, struct batch_id *at)
{
	if (++at->draw < b->per_point)
		return;
	at->draw = 0;
	if (++at->point < b->grid_points)
		return;
	at->point = 0;
	at->site++;
}

struct batch_stats {
	size_t		 nsites, nvary;
	uint64_t	 ncells;	/* grid points with their own sketches
					 * per site: grid_points or 1 */
	uint64_t	 grid_points, per_point, total, seed;
	int		 year, catalog_uncertainty;
	uint64_t	 check;		/* hash of the outputs of the first and
					 * last scenarios: options and data */
	char		 names[SWEEP_MAX_SITES][128];
	char		 paths[SWEEP_MAX_VARY][96];
	double		*values[SWEEP_MAX_VARY];
	size_t		 nvalues[SWEEP_MAX_VARY];
	uint64_t	*ranges;	/* [a, b) pairs, sorted, disjoint */
	size_t		 nranges;
	struct sketch	*sk;		/* nsites x ncells x emis_nmetrics */
	int		 nomem;		/* a store could not grow */
};

/* Empty statistics for the sweep of "b" ("check" left 0: batch_run()
 * sets it). NULL when out of memory. */
struct batch_stats *stats_new(const struct batch *b);
/* The outputs of one scenario of "site" at grid point "point":
 * out[emis_nmetrics] in emis_metrics order. */
void	 stats_add(struct batch_stats *, size_t site, uint64_t point,
	    const double *out);
/* stats_add() of "n" (<= SKETCH_BLOCK_MAX) scenarios, metric-major:
 * scenario i's metric m in out[m * BATCH_KERNEL_BLOCK + i]; the metrics
 * of the bits of "const_cols" are the same in all "n" (the kernel's
 * const_cols), added at once. */
void	 stats_add_block(struct batch_stats *, size_t site, uint64_t point,
	    const double *out, size_t n, uint64_t const_cols);
/* Add the sketches of "src" (the same sweep) into "dst"; -1 out of
 * memory. Ranges are left alone. */
int	 stats_merge_into(struct batch_stats *dst, const struct batch_stats *src);
/* Mark ids [a, b) covered (appended; "a" at or after the last range). */
int	 stats_cover(struct batch_stats *, uint64_t a, uint64_t b);

#endif
