/* Inside batch/: histograms and number formatting. */
#ifndef BATCH_INTERNAL_H
#define BATCH_INTERNAL_H

#include "batch/batch.h"

/* 2,048 bins across twice the pilot's span: a bin is 1/1,024 of the span
 * the pilot saw; with linear interpolation inside a bin the quantile error
 * is well below one bin width for smooth distributions. */
#define HIST_BINS	2048
#define PILOT_PER_SITE	2048

struct hist {
	double		 lo, hi;	/* bin range */
	double		 per_unit;	/* bins per unit of the metric */
	double		 min, max, sum;
	uint64_t	 n, under, over;
	uint64_t	 bins[HIST_BINS];
};

struct batch_stats {
	size_t		 nsites;
	struct hist	*h;		/* nsites x emis_nmetrics */
};

struct batch_stats *stats_new(size_t nsites);
void	 stats_range(struct batch_stats *, const struct batch_stats *pilot);
/* Count the outputs of one scenario of "site"; add them to "sums" too
 * (the block's sums, nsites x emis_nmetrics). */
void	 stats_add(struct batch_stats *, size_t site, const struct emis_result *,
	    double *sums);
void	 stats_merge(struct batch_stats *, const struct batch_stats *);
void	 stats_clear_counts(struct batch_stats *);

#endif
