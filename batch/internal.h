/* Inside batch/: the quantile sketch and the statistics table. */
#ifndef BATCH_INTERNAL_H
#define BATCH_INTERNAL_H

#include "batch/batch.h"

/*
 * A log-linear sketch of one metric. A non-zero finite |v| falls in the
 * bucket given by its top 21 bits (sign cleared): 11 exponent bits and the
 * top 9 mantissa bits, so 512 buckets per power of two, each 2^-9 of its
 * binade wide; the bucket's midpoint is within 2^-10 of any value in it,
 * relative. Counts live in two dense stores (|v| of negative and positive
 * values) that grow to the range seen; zeros are counted apart. The sum
 * is exact (XSUM_CHUNKS 32-bit chunks of 2^-1074 upwards, in int64 with
 * headroom for 2^31 additions between normalisations), so merging in any
 * order gives the same mean to the last bit.
 */
#define SKETCH_SHIFT	43		/* 52 mantissa bits - 9 kept */
#define XSUM_CHUNKS	67
#define XSUM_NORM_EVERY	(1ULL << 30)

struct sketch_store {
	int32_t		 lo;		/* bucket index of c[0] */
	uint32_t	 len;
	uint64_t	*c;
};

struct sketch {
	uint64_t	 n, zeros;
	double		 min, max;
	struct sketch_store pos, neg;
	int64_t		 sum[XSUM_CHUNKS];
};

void	 sketch_free(struct sketch *);
/* Count "v" (finite). Returns -1 when a store could not grow. */
int	 sketch_add(struct sketch *, double v);
/* Add "b" into "a"; -1 when out of memory. */
int	 sketch_merge(struct sketch *a, const struct sketch *b);
/* Add "count" to bucket "idx" of "st"; -1 when it could not grow. */
int	 sketch_store_add(struct sketch_store *st, int32_t idx, uint64_t count);
/* The sample value of rank floor(pct (n - 1) / 100), within 2^-10; NaN
 * when empty. */
double	 sketch_quantile(const struct sketch *, unsigned pct);
double	 sketch_mean(const struct sketch *);
/* Normalise the exact sum: chunks 0..XSUM_CHUNKS-2 in [0, 2^32). */
void	 xsum_norm(int64_t *sum);

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
/* The outputs of one scenario of "site" at grid point "point". */
void	 stats_add(struct batch_stats *, size_t site, uint64_t point,
	    const struct emis_result *);
/* Add the sketches of "src" (the same sweep) into "dst"; -1 out of
 * memory. Ranges are left alone. */
int	 stats_merge_into(struct batch_stats *dst, const struct batch_stats *src);
/* Mark ids [a, b) covered (appended; "a" at or after the last range). */
int	 stats_cover(struct batch_stats *, uint64_t a, uint64_t b);

#endif
