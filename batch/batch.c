/* Scenarios: grid points x Monte Carlo draws of each base site. */
#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "emissions/cambium.h"
#include "batch/internal.h"

int
batch_init(struct batch *b, const struct emis_catalogs *cats,
    const struct emis_options *eopts, const struct batch_site *sites, size_t n,
    const struct sweep_vary *vary, size_t nvary, uint64_t samples,
    uint64_t seed, int year, int catalog_uncertainty, struct err *e)
{
	struct batch_ctx ctx;
	size_t		 i, k, c;

	memset(b, 0, sizeof(*b));
	b->cats = cats;
	b->eopts = *eopts;
	b->nsites = n;
	b->vary = vary;
	b->nvary = nvary;
	b->monte_carlo = samples > 0;
	b->per_point = samples > 0 ? samples : 1;
	b->seed = seed;
	b->year = year;
	b->catalog_uncertainty = catalog_uncertainty;
	b->grid_points = 1;
	for (k = 0; k < nvary; k++)
		b->grid_points *= vary[k].nvalues;
	b->per_site = b->grid_points * b->per_point;
	b->total = b->per_site * n;
	if (n > 0 && (b->per_site / b->per_point != b->grid_points ||
	    b->total / n != b->per_site))
		return err_set(e, ERR_USAGE, NULL, 0, "too many scenarios: the count "
		    "overflows 64 bits");
	for (i = 0; i < n; i++)
		b->sites[i] = sites[i];
	b->nctx = batch_ncontexts(vary, nvary);
	if (n > 0 && b->nctx > BATCH_MAX_KERNELS / n) {
		for (k = 0; k < nvary && vary[k].kind == SWEEP_SITE; k++)
			;
		return err_set(e, ERR_CONFIG, NULL, k < nvary ? vary[k].line : 0,
		    "vary: %zu combinations of grid settings x %zu site(s) "
		    "need %zu kernels (at most %d): vary fewer grid settings, "
		    "or split the sweep", b->nctx, n, n * b->nctx,
		    BATCH_MAX_KERNELS);
	}
	if (b->nctx > 1)
		for (i = 0; i < n; i++)
			if (sites[i].ctx_refs == NULL)
				return err_set(e, ERR_USAGE, NULL, 0, "the sweep "
				    "varies grid settings: the references of %s "
				    "are needed under each", sites[i].site->file);
	if (n > 0 && (b->kern = calloc(n * b->nctx, sizeof(*b->kern))) == NULL)
		return err_set(e, ERR_NOMEM, NULL, 0, "out of memory");
	for (i = 0; i < n; i++)
		for (c = 0; c < b->nctx; c++) {
			batch_context(eopts, year, vary, nvary, c, &ctx.eopts,
			    &ctx.year);
			ctx.refs = b->nctx > 1 ? &sites[i].ctx_refs[c] :
			    &sites[i].refs;
			if (batch_kernel_init(&b->kern[i * b->nctx + c], b, i,
			    &ctx, e) == -1)
				return -1;
		}
	return 0;
}

void
batch_fini(struct batch *b)
{
	free(b->kern);
	b->kern = NULL;
}

static int
is_grid_setting(const struct sweep_vary *v)
{
	return v->kind == SWEEP_GRID_BASIS || v->kind == SWEEP_GRID_SCENARIO ||
	    v->kind == SWEEP_YEAR;
}

size_t
batch_ncontexts(const struct sweep_vary *vary, size_t nvary)
{
	size_t	 k, n = 1;

	for (k = 0; k < nvary; k++)
		if (is_grid_setting(&vary[k]))
			n *= vary[k].nvalues;
	return n;
}

void
batch_context(const struct emis_options *base, int base_year,
    const struct sweep_vary *vary, size_t nvary, size_t c,
    struct emis_options *o, int *year)
{
	size_t	 k;
	int	 v;

	*o = *base;
	*year = base_year;
	/* the last grid setting fastest, as in a grid point */
	for (k = nvary; k-- > 0;) {
		if (!is_grid_setting(&vary[k]))
			continue;
		v = (int)vary[k].values[c % vary[k].nvalues];
		c /= vary[k].nvalues;
		if (vary[k].kind == SWEEP_GRID_BASIS)
			o->basis = (enum emis_grid_basis)v;
		else if (vary[k].kind == SWEEP_GRID_SCENARIO)
			o->cambium_scenario = v;
		else {
			*year = v;
			o->grid_year = v;
		}
	}
}

const char *
batch_vary_label(const struct emis_catalogs *cats, enum sweep_kind kind,
    double v)
{
	if (kind == SWEEP_GRID_BASIS && v >= 0 && v < EMIS_NBASES)
		return emis_basis_keys[(int)v];
	if (kind == SWEEP_GRID_SCENARIO && cats != NULL &&
	    cats->cambium != NULL && v >= 0 &&
	    v < (double)cambium_nscenarios(cats->cambium))
		return cambium_scenario_name(cats->cambium, (size_t)v);
	return NULL;
}

const struct batch_kernel *
batch_point(const struct batch *b, size_t site, uint64_t point, double *varied)
{
	uint64_t	 j;
	size_t		 k, c = 0, radix = 1;

	/* the grid point, last vary fastest; the context from the digits of
	 * the grid settings among them */
	for (k = b->nvary; k-- > 0;) {
		j = point % b->vary[k].nvalues;
		point /= b->vary[k].nvalues;
		varied[k] = b->vary[k].values[j];
		if (is_grid_setting(&b->vary[k])) {
			c += (size_t)j * radix;
			radix *= b->vary[k].nvalues;
		}
	}
	return &b->kern[site * b->nctx + c];
}

void
batch_id_split(const struct batch *b, uint64_t id, struct batch_id *out)
{
	uint64_t in_site = id % b->per_site;

	out->site = (size_t)(id / b->per_site);
	out->point = in_site / b->per_point;
	out->draw = in_site % b->per_point;
}

void
batch_eval_at(const struct batch *b, const struct batch_id *at,
    double *varied, double *out)
{
	const struct batch_kernel *k = batch_point(b, at->site, at->point, varied);
	double		 x[EST_NIN];

	batch_kernel_inputs(k, varied, at->draw, x);
	batch_kernel_eval(k, x, out);
}

void
batch_eval(const struct batch *b, uint64_t id, size_t *site, double *varied,
    double *out)
{
	struct batch_id	 at;

	batch_id_split(b, id, &at);
	*site = at.site;
	batch_eval_at(b, &at, varied, out);
}
