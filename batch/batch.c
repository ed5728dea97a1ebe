/* Scenarios: grid points x Monte Carlo draws of each base site. */
#include <string.h>

#include "common/err.h"
#include "batch/internal.h"

int
batch_init(struct batch *b, const struct emis_catalogs *cats,
    const struct emis_options *eopts, const struct batch_site *sites, size_t n,
    const struct sweep_vary *vary, size_t nvary, uint64_t samples,
    uint64_t seed, int year, int catalog_uncertainty, struct err *e)
{
	const char	*why;
	double		 lo, hi;
	size_t		 i, k;

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
	for (i = 0; i < n; i++) {
		b->sites[i] = sites[i];
		for (k = 0; k < nvary; k++) {
			/* the address of the number inside this copy */
			b->sites[i].vary[k] = site_number((struct site *)b->sites[i].site,
			    &b->sites[i].rack, vary[k].path, &lo, &hi, &why);
			if (b->sites[i].vary[k] == NULL)
				return err_set(e, ERR_CONFIG, NULL, vary[k].line,
				    "vary: \"%s\" names no number in %s (%s)",
				    vary[k].path, sites[i].site->file, why);
		}
	}
	return 0;
}

struct pick_ctx {
	const struct batch	*b;
	const struct batch_site	*bs;
	const double		*varied;
	uint64_t		 stream;	/* batch_stream() of the draw */
};

/* A varied setting takes its grid value; an uncertain number its draw
 * (inverse CDF of a counter-based uniform); anything else its central value. */
static double
pick(const struct unc *u, unsigned k, void *vctx)
{
	const struct pick_ctx *c = vctx;
	const struct batch *b = c->b;
	size_t	 i;

	for (i = 0; i < b->nvary; i++)
		if (u == c->bs->vary[i])
			return c->varied[i];
	if (!b->monte_carlo || u->kind == UNC_FIXED)
		return unc_central(u);
	if (c->bs->rack_from_catalog && !b->catalog_uncertainty &&
	    (const char *)u >= (const char *)&c->bs->rack &&
	    (const char *)u < (const char *)(&c->bs->rack + 1))
		return unc_central(u);
	return unc_quantile(u, batch_uniform(c->stream, k));
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
    double *varied, struct emis_result *out)
{
	struct est_params p;
	struct pick_ctx	 c;
	uint64_t	 point = at->point;
	size_t		 k;

	/* the grid point, last vary fastest */
	for (k = b->nvary; k-- > 0;) {
		varied[k] = b->vary[k].values[point % b->vary[k].nvalues];
		point /= b->vary[k].nvalues;
	}
	c.b = b;
	c.bs = &b->sites[at->site];
	c.varied = varied;
	/* the same draws at every grid point: common random numbers */
	c.stream = batch_stream(b->seed, (uint64_t)at->site * b->per_point +
	    at->draw);
	est_params_from_site(c.bs->site, &c.bs->rack, b->year, pick, &c, &p);
	p.annual_only = 1;
	est_run(&p, &out->est);
	emis_run(b->cats, &c.bs->refs, &p, &out->est, &b->eopts, out);
}

void
batch_eval(const struct batch *b, uint64_t id, size_t *site, double *varied,
    struct emis_result *out)
{
	struct batch_id	 at;

	batch_id_split(b, id, &at);
	*site = at.site;
	batch_eval_at(b, &at, varied, out);
}
