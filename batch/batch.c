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
	for (i = 0; i < n; i++)
		b->sites[i] = sites[i];
	for (i = 0; i < n; i++)
		if (batch_kernel_init(&b->kern[i], b, i, e) == -1)
			return -1;
	return 0;
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
	double		 x[EST_NIN];
	uint64_t	 point = at->point;
	size_t		 k;

	/* the grid point, last vary fastest */
	for (k = b->nvary; k-- > 0;) {
		varied[k] = b->vary[k].values[point % b->vary[k].nvalues];
		point /= b->vary[k].nvalues;
	}
	batch_kernel_inputs(&b->kern[at->site], varied, at->draw, x);
	batch_kernel_eval(&b->kern[at->site], x, out);
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
