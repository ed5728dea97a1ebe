/* Batch studies: scenarios of a sweep (grid x Monte Carlo), evaluated on
 * every core, streamed as CSV rows in scenario order, summarised by
 * deterministic histograms. Output is identical for any thread count and
 * any sharding. */
#ifndef BATCH_BATCH_H
#define BATCH_BATCH_H

#include <stdint.h>
#include <stdio.h>

#include "emissions/emissions.h"
#include "sites/sweep.h"

struct err;

struct batch_site {
	const struct site *site;		/* borrowed */
	struct site_rack rack;			/* resolved, sampled in place */
	struct emis_refs refs;
	int		 rack_from_catalog;
	const struct unc *vary[SWEEP_MAX_VARY];	/* the varied numbers */
};

struct batch {
	const struct emis_catalogs *cats;
	struct emis_options eopts;
	struct batch_site sites[SWEEP_MAX_SITES];
	size_t		 nsites;
	const struct sweep_vary *vary;
	size_t		 nvary;
	uint64_t	 grid_points;
	uint64_t	 per_point;	/* Monte Carlo draws per point (>= 1) */
	uint64_t	 per_site;	/* grid_points x per_point */
	uint64_t	 total;
	int		 monte_carlo;
	int		 catalog_uncertainty;
	uint64_t	 seed;
	int		 year;
};

/* Prepare "b" for "sites" (n of them, with their racks and refs resolved
 * by the caller), the grid "vary" and "samples" Monte Carlo draws per grid
 * point (0: central values). Fails (FILE:LINE) when a vary path is not a
 * number of some site. */
int	 batch_init(struct batch *b, const struct emis_catalogs *,
	    const struct emis_options *, const struct batch_site *sites, size_t n,
	    const struct sweep_vary *vary, size_t nvary, uint64_t samples,
	    uint64_t seed, int year, int catalog_uncertainty, struct err *e);

/* Scenario "id" (0 <= id < total): its site index, the varied values
 * (nvary of them) and its results. */
void	 batch_eval(const struct batch *, uint64_t id, size_t *site,
	    double *varied, struct emis_result *out);

/* Streaming statistics of every output metric per site. */
struct batch_stats;
struct batch_quant {
	uint64_t	 n;
	double		 mean, p5, p50, p95, min, max;
};

struct batch_run_opts {
	uint64_t	 start, end;	/* scenario ids [start, end) */
	int		 threads;
	int		 rows;		/* write CSV rows */
	int		 header;	/* write the header line */
	int		 progress;	/* a progress bar on stderr */
	FILE		*out;		/* rows go here */
	const char	*out_name;	/* for messages */
};

struct batch_result {
	uint64_t	 done_until;	/* ids [start, done_until) are complete */
	int		 interrupted;
	struct batch_stats *stats;	/* per site and metric */
	double		 seconds;
};

/* Run scenarios [start, end): rows in id order, statistics. Ctrl-C (or
 * SIGTERM) ends after complete rows. Returns 0, or -1 with "e" (ERR_IO)
 * when writing failed. */
int	 batch_run(const struct batch *, const struct batch_run_opts *,
	    struct batch_result *out, struct err *e);

/* Quantiles of metric "m" (index into emis_metrics) of site "s". */
void	 batch_stats_get(const struct batch_stats *, size_t s, size_t m,
	    struct batch_quant *out);
void	 batch_stats_free(struct batch_stats *);

/* Write the summary as JSON or CSV (by extension) to "fp". */
void	 batch_summary_write(FILE *fp, int json, const struct batch *,
	    const struct batch_stats *);

/* Shortest of %.6g-like formats, fast and locale-free: returns the length
 * written to "p" (no NUL; 0 for NaN/inf, written as nothing). */
int	 batch_fmt(double v, char *p);

#endif
