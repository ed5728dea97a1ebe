/* The scenario kernel of one site: inputs as a flat array, the draws of a
 * block in structure-of-arrays form, the model on each scenario. */
#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "common/units.h"
#include "emissions/embodied.h"
#include "batch/internal.h"

/* The slots est_run's racks and IT MW depend on besides the size. */
static int
buys_slot(unsigned slot)
{
	return slot == EST_IN_PEAK_KW || slot == EST_IN_OVERHEAD ||
	    slot == EST_IN_PUE || slot == EST_IN_H100;
}

/* est_run()'s racks and IT MW (peak) of "p" at size "size": the same
 * operations in the same order (min/max without NaN handling, as there). */
static void
buy_racks_it(const struct est_params *p, double size, double *racks,
    double *it_mw)
{
	double	 pue_peak = 0.0, rack_it_kw, per_rack, n;
	int	 m;

	for (m = 0; m < SITE_MONTHS; m++)
		pue_peak = pue_peak > p->pue_by_month[m] ? pue_peak :
		    p->pue_by_month[m];
	rack_it_kw = p->rack_peak_kw * (1.0 + p->overhead_frac);
	if (!(size > 0.0))
		n = 0.0;
	else
		switch (p->sizing) {
		case SITE_SIZE_CAPACITY:
			n = floor(size * 1000.0 / (rack_it_kw * pue_peak) + 1e-9);
			break;
		case SITE_SIZE_ACCELERATORS:
			n = ceil(size / p->accelerators_per_rack - 1e-9);
			break;
		case SITE_SIZE_H100E:
			per_rack = p->accelerators_per_rack *
			    p->h100_per_accelerator;
			n = ceil(size / per_rack - 1e-9);
			break;
		case SITE_SIZE_RACKS:
		default:
			n = size;
			break;
		}
	*racks = n;
	*it_mw = n * rack_it_kw / 1000.0;
}

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
	/* the embodied part's earlier purchases, once, when nothing drawn
	 * or varied moves them (est_embodied_parts() runs est_run on each) */
	k->buys_fixed = 1;
	for (i = 0; i < k->ndraw; i++)
		k->buys_fixed &= !buys_slot(k->draw_slot[i]);
	for (i = 0; i < k->nvary; i++)
		k->buys_fixed &= !buys_slot(k->vary_slot[i]);
	if (k->buys_fixed) {
		struct est_params p, q;
		struct est_result *r;

		if ((r = malloc(sizeof(*r))) == NULL)
			return err_set(e, ERR_NOMEM, NULL, 0, "out of memory");
		est_params_from_inputs(bs->site, &bs->rack, b->year, k->x0, &p);
		for (i = 0; i + 1 < p.emb.nbuys; i++) {
			q = p;
			q.size = p.emb.buy_size[i];
			q.annual_only = 1;
			est_run(&q, r);
			k->buy_racks[i] = r->racks;
			k->buy_it_mw[i] = r->it_mw;
		}
		free(r);
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
	struct est_embodied_parts parts;
	double		 racks[SITE_MAX_PHASES + 1], it_mw[SITE_MAX_PHASES + 1];
	size_t		 m, nbuys;

	est_params_from_inputs(bs->site, &bs->rack, b->year, x, &p);
	p.annual_only = 1;
	est_run(&p, &r.est);
	/* emis_run's embodied part without the earlier purchases (each an
	 * est_run), then the whole of it from the racks resolved here: what
	 * emis_embodied() computes */
	nbuys = p.emb.nbuys;
	p.emb.nbuys = 1;
	emis_run(b->cats, &bs->refs, &p, &r.est, &b->eopts, &r);
	if (nbuys > 1) {
		p.emb.nbuys = nbuys;
		if (k->buys_fixed) {
			memcpy(racks, k->buy_racks, sizeof(racks));
			memcpy(it_mw, k->buy_it_mw, sizeof(it_mw));
		} else
			for (m = 0; m + 1 < nbuys; m++)
				buy_racks_it(&p, p.emb.buy_size[m], &racks[m],
				    &it_mw[m]);
		est_embodied_parts_given(&p, &r.est, racks, it_mw, &parts);
		r.embodied_co2e_t = parts.total_kg / UNIT_KG_PER_TONNE;
		r.embodied_co2e_t_per_year = parts.kg_per_year /
		    UNIT_KG_PER_TONNE;
		r.embodied_share = emis_embodied_share(&parts, r.total.co2e_t);
	}
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
