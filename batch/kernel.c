/* The scenario kernel of one site: inputs as a flat array, the draws of a
 * block in structure-of-arrays form, the model on each scenario. */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "batch/internal.h"

int
batch_input_slot(const struct site *s, const char *path, const char **why)
{
	static const struct { const char *key; unsigned slot; } top[] = {
		{ "hardware.utilization", EST_IN_UTILIZATION },
		{ "hardware.overhead", EST_IN_OVERHEAD },
		{ "hardware.load_factor", EST_IN_LOAD_FACTOR },
		{ "hardware.rack.peak_kw", EST_IN_PEAK_KW },
		{ "hardware.rack.idle_fraction", EST_IN_IDLE },
		{ "hardware.rack.h100_per_accelerator", EST_IN_H100 },
		{ "cooling.pue", EST_IN_PUE },
		{ "cooling.wue_l_per_kwh", EST_IN_WUE },
		{ "backup.units", EST_IN_BACKUP_UNITS },
		{ "backup.unit_mw", EST_IN_BACKUP_UNIT_MW },
		{ "backup.test_hours_per_year", EST_IN_BACKUP_HOURS },
	};
	static const struct { const char *key; unsigned field; } sup[] = {
		{ "capacity_factor", EST_SUP_CAPACITY_FACTOR },
		{ "hours", EST_SUP_HOURS },
		{ "units", EST_SUP_UNITS },
		{ "unit_mw", EST_SUP_UNIT_MW },
		{ "capacity_mw", EST_SUP_CAPACITY_MW },
		{ "share", EST_SUP_SHARE },
		{ "nox_ppm", EST_SUP_NOX_PPM },
	};
	size_t	 i;
	int	 idx, used;
	char	 rest[64];

	*why = "no such setting";
	if (strcmp(path, site_sizing_key(s->sizing)) == 0)
		return EST_IN_SIZE;
	for (i = 0; i < 4; i++)
		if (strcmp(path, site_sizing_key((enum site_sizing)i)) == 0) {
			*why = "the site is sized by another setting";
			return -1;
		}
	for (i = 0; i < sizeof(top) / sizeof(top[0]); i++) {
		if (strcmp(path, top[i].key) != 0)
			continue;
		if (top[i].slot == EST_IN_UTILIZATION && s->has_load_factor) {
			*why = "the site uses a load factor";
			return -1;
		}
		if (top[i].slot == EST_IN_LOAD_FACTOR && !s->has_load_factor) {
			*why = "the site uses utilization, not a load factor";
			return -1;
		}
		if (top[i].slot == EST_IN_PUE && s->pue_monthly) {
			*why = "the site gives 12 monthly PUE values";
			return -1;
		}
		if (strncmp(path, "backup.", 7) == 0 && !s->backup.present) {
			*why = "the site has no backup";
			return -1;
		}
		return (int)top[i].slot;
	}
	used = 0;
	if (sscanf(path, "supply[%d].%63s%n", &idx, rest, &used) != 2 ||
	    path[used] != '\0')
		return -1;
	if (idx < 0 || (size_t)idx >= s->nsupply) {
		*why = "no such supply entry";
		return -1;
	}
	for (i = 0; i < sizeof(sup) / sizeof(sup[0]); i++)
		if (strcmp(rest, sup[i].key) == 0)
			return EST_IN_SUPPLY(idx, (int)sup[i].field);
	return -1;
}

int
batch_kernel_init(struct batch_kernel *k, const struct batch *b, size_t site,
    struct err *e)
{
	const struct batch_site *bs = &b->sites[site];
	const struct unc *u[EST_NIN];
	const char	*why;
	size_t		 i;
	unsigned	 slot;
	int		 s, varied;

	memset(k, 0, sizeof(*k));
	assert(emis_nmetrics <= BATCH_MAX_METRICS);
	k->b = b;
	k->site = site;
	k->nvary = b->nvary;
	for (i = 0; i < b->nvary; i++) {
		if ((s = batch_input_slot(bs->site, b->vary[i].path, &why)) < 0)
			return err_set(e, ERR_CONFIG, NULL, b->vary[i].line,
			    "vary: \"%s\" names no number in %s (%s)",
			    b->vary[i].path, bs->site->file, why);
		k->vary_slot[i] = (unsigned)s;
	}
	est_inputs_central(bs->site, &bs->rack, b->year, k->x0, u);
	/* drawn: every uncertain number the model reads, unless varied, or a
	 * catalog rack's without catalog_uncertainty */
	for (slot = 0; b->monte_carlo && slot < EST_NIN; slot++) {
		if (u[slot] == NULL || u[slot]->kind == UNC_FIXED)
			continue;
		if (bs->rack_from_catalog && !b->catalog_uncertainty &&
		    est_input_is_rack(bs->site, slot))
			continue;
		for (i = 0, varied = 0; i < b->nvary; i++)
			varied |= k->vary_slot[i] == slot;
		if (varied)
			continue;
		k->draw_slot[k->ndraw] = slot;
		k->draw_unc[k->ndraw++] = u[slot];
	}
	return 0;
}

struct batch_kernel *
batch_kernel_new(const struct batch *b, size_t site, struct err *e)
{
	struct batch_kernel *k;

	if ((k = malloc(sizeof(*k))) == NULL) {
		err_set(e, ERR_NOMEM, NULL, 0, "out of memory");
		return NULL;
	}
	if (batch_kernel_init(k, b, site, e) == -1) {
		free(k);
		return NULL;
	}
	return k;
}

void
batch_kernel_free(struct batch_kernel *k)
{
	free(k);
}

/* The random stream of draw "draw" of the kernel's site: the same draws
 * at every grid point (common random numbers). */
static inline uint64_t
draw_stream(const struct batch_kernel *k, uint64_t draw)
{
	return batch_stream(k->b->seed, (uint64_t)k->site * k->b->per_point +
	    draw);
}

void
batch_kernel_inputs(const struct batch_kernel *k, const double *varied,
    uint64_t draw, double x[EST_NIN])
{
	uint64_t stream = draw_stream(k, draw);
	size_t	 j;

	memcpy(x, k->x0, sizeof(k->x0));
	for (j = 0; j < k->ndraw; j++)
		x[k->draw_slot[j]] = unc_quantile(k->draw_unc[j],
		    batch_uniform(stream, k->draw_slot[j]));
	for (j = 0; j < k->nvary; j++)
		x[k->vary_slot[j]] = varied[j];
}

void
batch_kernel_eval(const struct batch_kernel *k, const double *x, double *out)
{
	const struct batch *b = k->b;
	const struct batch_site *bs = &b->sites[k->site];
	struct est_params p;
	struct emis_result r;
	size_t		 m;

	est_params_from_inputs(bs->site, &bs->rack, b->year, x, &p);
	p.annual_only = 1;
	est_run(&p, &r.est);
	emis_run(b->cats, &bs->refs, &p, &r.est, &b->eopts, &r);
	for (m = 0; m < emis_nmetrics; m++)
		out[m] = emis_metric_value(&emis_metrics[m], &r);
}

void
batch_kernel_eval_block(const struct batch_kernel *k, const double *varied,
    uint64_t draw0, size_t n, double *out)
{
	uint64_t	 stream[BATCH_KERNEL_BLOCK];
	double		 u[BATCH_KERNEL_BLOCK], x[EST_NIN];
	double		 d[EST_NIN][BATCH_KERNEL_BLOCK];
	size_t		 i, j;

	assert(n <= BATCH_KERNEL_BLOCK);
	/* streams and uniforms: one lane a scenario, no branches */
	for (i = 0; i < n; i++)
		stream[i] = draw_stream(k, draw0 + i);
	for (j = 0; j < k->ndraw; j++) {
		for (i = 0; i < n; i++)
			u[i] = batch_uniform(stream[i], k->draw_slot[j]);
		for (i = 0; i < n; i++)
			d[j][i] = unc_quantile(k->draw_unc[j], u[i]);
	}
	for (i = 0; i < n; i++) {
		memcpy(x, k->x0, sizeof(x));
		for (j = 0; j < k->ndraw; j++)
			x[k->draw_slot[j]] = d[j][i];
		for (j = 0; j < k->nvary; j++)
			x[k->vary_slot[j]] = varied[j];
		batch_kernel_eval(k, x, out + i * emis_nmetrics);
	}
}
