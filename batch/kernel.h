/* The scenario kernel of one site: the model's inputs as a flat array
 * (estimator.h's EST_IN_* slots), resolved once per site and shared,
 * read-only, by every worker. Included by batch/batch.h. */
#ifndef BATCH_KERNEL_H
#define BATCH_KERNEL_H

#include <stddef.h>
#include <stdint.h>

#include "emissions/emissions.h"
#include "estimator/estimator.h"
#include "sites/sweep.h"

struct batch;
struct err;

/* Output columns per scenario: emis_nmetrics, at most this. */
#define BATCH_MAX_METRICS	64
/* Scenarios a block evaluation takes at once (structure of arrays). */
#define BATCH_KERNEL_BLOCK	64
/* The per-scenario numbers of the block path: 9 + 4 a supply entry. */
#define BATCH_SOA_LANES		(9 + 4 * SITE_MAX_SUPPLY)

/*
 * What does not change between the draws of a site: the central value of
 * every slot, the slot each varied setting writes, and the slots drawn
 * with their uncertain numbers, in slot order (the draw of slot k is the
 * inverse CDF of batch_uniform(stream, k): the keys of version 1, so rows
 * are unchanged). Plain data: immutable once made, shared by the workers.
 */
/*
 * A grid context: the settings a sweep may vary that are not numbers of a
 * site (grid_basis, grid_scenario, year: sites/sweep.h), as the options
 * and the site's year they make, and the site's references resolved under
 * them (its Cambium rates and health values move with the year).
 */
struct batch_ctx {
	struct emis_options eopts;
	int		 year;			/* the phase; 0: full build-out */
	const struct emis_refs *refs;		/* copied by the kernel */
};

struct batch_kernel {
	const struct batch *b;			/* borrowed */
	size_t		 site;
	struct emis_options eopts;		/* of its grid context */
	int		 year;
	struct emis_refs refs;
	double		 x0[EST_NIN];		/* central values */
	/* the varied numbers: slot vary_slot[j] takes varied[vary_at[j]]
	 * (the grid settings among the varied values make the context) */
	unsigned	 vary_slot[SWEEP_MAX_VARY];
	unsigned	 vary_at[SWEEP_MAX_VARY];
	size_t		 nvary;
	unsigned	 draw_slot[EST_NIN];
	const struct unc *draw_unc[EST_NIN];	/* borrowed from the site */
	size_t		 ndraw;
	/* the byte offset in struct est_params of the one double that drawn
	 * slot j sets to its value, or -1: patched as any slot */
	int		 draw_off[EST_NIN];
	/* the racks and IT MW of each purchase before the last (embodied),
	 * resolved here when no drawn or varied slot changes them */
	int		 buys_fixed;
	double		 buy_racks[SITE_MAX_PHASES + 1];
	double		 buy_it_mw[SITE_MAX_PHASES + 1];
	/* the emissions part resolved for the site: each basis's rates
	 * (AVERT's, weighted by the months' load, per scenario when
	 * rates_live), each on-site entry's lb/MMBtu after controls and the
	 * permit's factors (the SCR default ppm in; a drawn ppm replaces it),
	 * its fuel, the gas supply chain's t CO2e per MMBtu */
	struct emis_grid_rates rates[EMIS_NBASES];
	int		 rates_live[EMIS_NBASES];
	double		 lb_ctl[SITE_MAX_SUPPLY][EMIS_NPOLL];
	int		 is_gas[SITE_MAX_SUPPLY];
	double		 gas_t_per_mmbtu;
	/* the parameters at the central values, and whether a scenario's
	 * are these with its drawn and varied slots patched in (else
	 * est_params_from_inputs() on every scenario) */
	int		 params_patch;
	int		 est_fast;		/* one PUE: kernel_est_run() */
	double		 hours_year;
	double		 hours_by_month[SITE_MONTHS];
	struct est_params p0;
	/* the block in structure-of-arrays form (batch/kernel_block.c):
	 * whether it applies; the lane of each drawn value; the lanes
	 * broadcast from the parameters; the column of each output; the
	 * columns the same in every lane of a block (bit m: column m), which
	 * the statistics add once */
	int		 soa;
	int		 soa_lf_drawn;
	unsigned char	 soa_lane[EST_NIN];
	unsigned char	 soa_bcast[BATCH_SOA_LANES];
	size_t		 soa_nbcast;
	unsigned char	 soa_col[BATCH_MAX_METRICS];
	uint64_t	 const_cols;
	double		 soa_h[SITE_MONTHS];	/* the months' distinct hours */
	size_t		 soa_nh;
	unsigned char	 soa_hidx[SITE_MONTHS];	/* month m has soa_h[hidx[m]] */
};

/* The input slot that sweep path "path" sets in site "s", or -1 with
 * "*why" saying why not (the paths of README "Batch studies"). The
 * sizing key sets the size in force in the sweep's year (its phase). */
int	 batch_input_slot(const struct site *s, const char *path,
	    const char **why);

/* Fill "k" for site "site" of "b" (which it borrows: "b" must outlive it)
 * in grid context "ctx"; batch_init() does this for every site and
 * context. Fails (ERR_CONFIG at the vary's line) when a varied path names
 * no number of the site. */
int	 batch_kernel_init(struct batch_kernel *k, const struct batch *b,
	    size_t site, const struct batch_ctx *ctx, struct err *e);
/* The same, allocated; NULL with "e" on failure. Free with
 * batch_kernel_free() (NULL: no-op). */
struct batch_kernel *batch_kernel_new(const struct batch *b, size_t site,
	    const struct batch_ctx *ctx, struct err *e);
void	 batch_kernel_free(struct batch_kernel *);

/* The inputs of the draw "draw" (0 .. per_point - 1) of the kernel's site
 * at the varied values "varied" (all the sweep's, b->nvary of them) into
 * x[EST_NIN]. */
void	 batch_kernel_inputs(const struct batch_kernel *k,
	    const double *varied, uint64_t draw, double x[EST_NIN]);

/* The outputs of the scenario whose inputs are "x" into out[emis_nmetrics],
 * in emis_metrics order. Pure; thread-safe. */
void	 batch_kernel_eval(const struct batch_kernel *k, const double *x,
	    double *out);

/* "n" (<= BATCH_KERNEL_BLOCK) consecutive draws draw0 .. draw0 + n - 1 at
 * the varied values "varied": the draws in structure-of-arrays form, then
 * each scenario's outputs into out[i * emis_nmetrics + m]. The same values
 * as batch_kernel_inputs() and batch_kernel_eval() one by one. */
void	 batch_kernel_eval_block(const struct batch_kernel *k,
	    const double *varied, uint64_t draw0, size_t n, double *out);
/* The same, metric-major: scenario i's metric m into
 * out[m * BATCH_KERNEL_BLOCK + i] (what the statistics read a metric at a
 * time). */
void	 batch_kernel_eval_cols(const struct batch_kernel *k,
	    const double *varied, uint64_t draw0, size_t n, double *out);

#endif
