/* Batch studies: scenarios of a sweep (grid x Monte Carlo), evaluated on
 * every core, streamed as CSV rows in scenario order, summarised by
 * mergeable quantile sketches. Output is identical for any thread count
 * and any sharding. batch/ neither prints nor handles signals: progress
 * and stop requests come through struct batch_hooks. */
#ifndef BATCH_BATCH_H
#define BATCH_BATCH_H

#include <signal.h>
#include <stdint.h>
#include <stdio.h>

#include "emissions/emissions.h"
#include "sites/sweep.h"
#include "batch/kernel.h"

struct err;

struct batch_site {
	const struct site *site;		/* borrowed */
	struct site_rack rack;			/* resolved; its uncertain numbers
						 * are drawn per scenario */
	struct emis_refs refs;
	/* when the sweep varies grid settings: the references under each
	 * grid context (batch_ncontexts() of them, batch_context()'s
	 * options), borrowed; NULL: "refs" in the only one */
	const struct emis_refs *ctx_refs;
	int		 rack_from_catalog;
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
	/* grid contexts: the combinations of the varied grid settings */
	size_t		 nctx;
	/* nsites x nctx, site by site, made by batch_init(): what stays
	 * fixed between the draws (batch/kernel.h); batch_fini() */
	struct batch_kernel *kern;
};

/* Kernels a sweep may need at most (sites x grid contexts): about 12 kB
 * each. */
#define BATCH_MAX_KERNELS	4096

/* The grid contexts of a sweep: the product of the lengths of its vary
 * lists over grid_basis, grid_scenario and year (1 when none is varied).
 * Context c takes their values as a grid point does, the last fastest. */
size_t	 batch_ncontexts(const struct sweep_vary *vary, size_t nvary);
/* Context "c"'s options and site year: "base" and "base_year" with the
 * context's grid basis, Cambium scenario (values resolved to indexes) and
 * year (which also sets the grid year; the health year is the caller's:
 * it follows the year unless the user fixed it). */
void	 batch_context(const struct emis_options *base, int base_year,
	    const struct sweep_vary *vary, size_t nvary, size_t c,
	    struct emis_options *o, int *year);
/* The name behind varied value "v" of a setting of kind "kind": the grid
 * basis' key, the Cambium scenario's name, or NULL for a number. */
const char *batch_vary_label(const struct emis_catalogs *cats,
	    enum sweep_kind kind, double v);
/* The kernel of "site" at grid point "point", its varied values into
 * varied[nvary]. */
const struct batch_kernel *batch_point(const struct batch *b, size_t site,
	    uint64_t point, double *varied);

/* Prepare "b" for "sites" (n of them, with their racks and refs resolved
 * by the caller, per grid context when grid settings are varied), the
 * grid "vary" and "samples" Monte Carlo draws per grid point (0: central
 * values). "b" keeps pointers to "cats", the sites and "vary": they must
 * outlive it. Fails (FILE:LINE) when a vary path is not a number of some
 * site, or with more than BATCH_MAX_KERNELS kernels. Release with
 * batch_fini() (also after a failure). */
int	 batch_init(struct batch *b, const struct emis_catalogs *,
	    const struct emis_options *, const struct batch_site *sites, size_t n,
	    const struct sweep_vary *vary, size_t nvary, uint64_t samples,
	    uint64_t seed, int year, int catalog_uncertainty, struct err *e);
/* Free what batch_init() allocated (not "b"); "b" may then be made
 * again by batch_init(). */
void	 batch_fini(struct batch *b);

/* Where scenario "id" (0 <= id < total) sits: ids run site by site, grid
 * point by grid point, draw by draw. */
struct batch_id {
	size_t		 site;
	uint64_t	 point;		/* 0 .. grid_points - 1 */
	uint64_t	 draw;		/* 0 .. per_point - 1 */
};
void	 batch_id_split(const struct batch *, uint64_t id, struct batch_id *out);

/* Scenario "id" (0 <= id < total): its site index, the varied values
 * (nvary of them) and its outputs, out[emis_nmetrics] in emis_metrics
 * order. */
void	 batch_eval(const struct batch *, uint64_t id, size_t *site,
	    double *varied, double *out);

/* Statistics of every output metric per site, per grid point and per
 * site over the whole sweep: exact n, mean, min and max, and P5/P50/P95
 * from a mergeable log-linear quantile sketch (batch/sketch.c). */
struct batch_stats;
struct batch_quant {
	uint64_t	 n;
	double		 mean, p5, p50, p95, min, max;
};

/* The sketch's quantiles are the sample values of rank floor(p (n - 1))
 * (0-based, ascending) to within this relative error, 2^-10 (0.098 %). */
#define BATCH_SKETCH_REL_ACCURACY	0.0009765625
#define BATCH_SKETCH_METHOD \
	"log-linear quantile sketch (512 buckets per power of two, from the " \
	"top 9 mantissa bits of the double, as HdrHistogram and DDSketch; " \
	"negative values in their own store, zeros counted exactly); P5, P50 " \
	"and P95 are the sample values of rank floor(p (n - 1)) within a " \
	"relative error of 2^-10 (0.098 %); n, min and max are exact and the " \
	"mean comes from an exact sum, so summaries merge exactly"

/* Per grid point statistics are kept when sites x grid points is at most
 * this (memory grows with it, not with the number of draws). */
#define BATCH_MAX_CELLS		1024

/* What the caller hears from a run: "progress" (may be NULL) is called
 * from the calling thread about ten times a second with the scenarios done
 * so far (start + whole blocks written, or without rows finished; blocks
 * finish out of order, so it is a count, not a resume point); a non-zero
 * "*stop" (may be NULL; set it from a signal handler), which the calling
 * thread reads as often, ends the run after the blocks already started,
 * all written. */
struct batch_hooks {
	void		(*progress)(void *arg, uint64_t done);
	void		*arg;
	volatile sig_atomic_t *stop;
};

struct batch_run_opts {
	uint64_t	 start, end;	/* scenario ids [start, end) */
	int		 threads;
	int		 rows;		/* write CSV rows */
	int		 header;	/* write the header line */
	FILE		*out;		/* rows go here */
	const char	*out_name;	/* for messages */
	const struct batch_hooks *hooks;	/* NULL: none */
};

struct batch_result {
	uint64_t	 done_until;	/* ids [start, done_until) are complete */
	int		 interrupted;
	struct batch_stats *stats;	/* exactly the scenarios written */
	double		 seconds;
};

/* Run scenarios [start, end): rows in id order, statistics of the same
 * scenarios. A stop request ends after complete rows. Returns 0, or -1
 * with "e" (ERR_IO) when writing failed, ERR_NOMEM. The caller frees
 * out->stats with batch_stats_free(). */
int	 batch_run(const struct batch *, const struct batch_run_opts *,
	    struct batch_result *out, struct err *e);

/* Statistics of metric "m" (index into emis_metrics) of site "s" over
 * every scenario covered. */
void	 batch_stats_get(const struct batch_stats *, size_t s, size_t m,
	    struct batch_quant *out);
/* The same for grid point "point" (0 <= point < batch_stats_npoints()). */
void	 batch_stats_get_point(const struct batch_stats *, size_t s,
	    uint64_t point, size_t m, struct batch_quant *out);

/* What the statistics describe. Strings are borrowed from "st". */
size_t	 batch_stats_nsites(const struct batch_stats *st);
const char *batch_stats_site_name(const struct batch_stats *st, size_t s);
size_t	 batch_stats_nvary(const struct batch_stats *st);
const char *batch_stats_vary_path(const struct batch_stats *st, size_t k);
/* Grid points with their own statistics: the sweep's grid points, or 0
 * when there is no vary or more than BATCH_MAX_CELLS cells. */
uint64_t batch_stats_npoints(const struct batch_stats *st);
uint64_t batch_stats_grid_points(const struct batch_stats *st);
/* The varied values of grid point "point" into "values" (nvary). */
void	 batch_stats_point_values(const struct batch_stats *st,
	    uint64_t point, double *values);
/* Scenarios covered (= rows written) and in the whole sweep. */
uint64_t batch_stats_covered(const struct batch_stats *st);
uint64_t batch_stats_total(const struct batch_stats *st);

/* The sketches and everything a summary needs, as text (the summary's
 * sidecar file) to "fp"; read back by batch_stats_load(). Returns 0, or -1
 * with ERR_IO when "fp" is in error ("name" for messages). */
int	 batch_stats_save(FILE *fp, const char *name,
	    const struct batch_stats *st, struct err *e);
/* Read what batch_stats_save() wrote. NULL with "e" (ERR_CONFIG with
 * FILE:LINE, or ERR_NOMEM) on failure. */
struct batch_stats *batch_stats_load(FILE *fp, const char *name,
	    struct err *e);
/* Add "src" into "dst": same sweep (else ERR_CONFIG naming "src_name")
 * and disjoint scenarios (else ERR_CONFIG). Exact: any order of merging
 * gives the same statistics, byte for byte. */
int	 batch_stats_merge(struct batch_stats *dst,
	    const struct batch_stats *src, const char *src_name, struct err *e);
void	 batch_stats_free(struct batch_stats *);

#endif
