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

/*
 * The emissions of one scenario: emis_run() (emissions/emissions.c) with
 * what does not change between draws resolved by batch_kernel_init(): the
 * rates of every basis but AVERT's (weighted by the scenario's months, so
 * computed per scenario, and only when it is the headline basis), the
 * on-site factors up to the drawn ppm and heat rate, the fuels. The
 * same operations in the same order as there, so the same bits
 * (tests/test_kernel.c holds the two side by side).
 */

/* the control of ctl[i][k] that is SCR (emis_resolve()'s order) */
#define CTL_SCR	2

/* plant_factors()'s lb/MMBtu of entry "i" up to the heat rate, with the
 * SCR default ppm (a stack ppm >= 0 replaces it, below the permit's). */
static void
resolve_lb(const struct emis_refs *r, size_t i, double lb[EMIS_NPOLL])
{
	const struct emis_plant *pl = r->plant[i];
	const struct emis_control *ctl;
	const double *ef = r->ef_lb_per_mmbtu[i];
	size_t	 k;
	int	 p;

	memcpy(lb, pl->factor_lb_per_mmbtu, sizeof(double) * EMIS_NPOLL);
	for (k = 0; k < 4; k++) {
		if ((ctl = r->ctl[i][k]) == NULL)
			continue;
		for (p = 0; p < EMIS_NPOLL; p++) {
			if (!isnan(ctl->lb_per_mmbtu[p]))
				lb[p] = ctl->lb_per_mmbtu[p];
			lb[p] *= 1.0 - ctl->reduction_frac[p];
		}
		if (k == CTL_SCR)
			lb[EMIS_NOX] = emis_nox_ppm_to_lb_per_mmbtu(ctl->nox_ppm,
			    pl->f_factor_dscf_per_mmbtu);
	}
	for (p = 0; p < EMIS_NPOLL; p++)
		if (ef[p] >= 0.0)
			lb[p] = ef[p];
}

static void
resolve_emissions(struct batch_kernel *k, const struct batch *b,
    const struct batch_site *bs)
{
	const struct emis_refs *r = &k->refs;
	struct est_result *none = NULL;
	size_t	 i;
	int	 q;

	for (q = 0; q < EMIS_NBASES; q++) {
		k->rates_live[q] = q == EMIS_BASIS_AVERT &&
		    r->gplace.available[q];
		/* every basis but a live AVERT reads no month of "est" */
		if (!k->rates_live[q])
			emis_grid_rates(r, b->cats, none,
			    (enum emis_grid_basis)q, &k->rates[q]);
	}
	for (i = 0; i < bs->site->nsupply; i++) {
		if (bs->site->supply[i].kind != SITE_SUPPLY_ONSITE)
			continue;
		resolve_lb(r, i, k->lb_ctl[i]);
		k->is_gas[i] = strcmp(r->plant[i]->fuel, "gas") == 0;
	}
	k->gas_t_per_mmbtu = unc_central(&b->cats->gas_supply_co2e_kg_per_mmbtu) /
	    UNIT_KG_PER_TONNE;
}

/* plant_factors() at the scenario's ppm and heat rate */
static void
plant_t(const struct batch_kernel *k, const struct emis_refs *r, size_t i,
    const struct est_supply_params *sp, double t_per_mwh[EMIS_NPOLL])
{
	const struct emis_plant *pl = r->plant[i];
	double	 lb[EMIS_NPOLL], hr = sp->heat_rate >= 0.0 ? sp->heat_rate :
	    pl->heat_rate_mmbtu_per_mwh;
	int	 p;

	memcpy(lb, k->lb_ctl[i], sizeof(lb));
	if (sp->nox_ppm >= 0.0 && !(r->ef_lb_per_mmbtu[i][EMIS_NOX] >= 0.0))
		lb[EMIS_NOX] = emis_nox_ppm_to_lb_per_mmbtu(sp->nox_ppm,
		    pl->f_factor_dscf_per_mmbtu);
	for (p = 0; p < EMIS_NPOLL; p++)
		t_per_mwh[p] = unit_lb_to_t(hr * lb[p]);
}

static void
add_health_co2e(const double *usd_per_t, const struct emis_options *o,
    struct emis_amounts *a)
{
	a->co2e_t = a->mass_t[EMIS_CO2] + o->gwp->ch4 * a->mass_t[EMIS_CH4] +
	    o->gwp->n2o * a->mass_t[EMIS_N2O];
	a->health_usd = a->mass_t[EMIS_PM25] * usd_per_t[EMIS_PM25] +
	    a->mass_t[EMIS_SO2] * usd_per_t[EMIS_SO2] +
	    a->mass_t[EMIS_NOX] * usd_per_t[EMIS_NOX];
}

static void
combustion(const double *usd_per_t, const struct emis_plant *pl,
    const double t_per_mwh[EMIS_NPOLL], double energy_mwh,
    const struct emis_options *o, struct emis_amounts *a)
{
	int	 p;

	a->energy_mwh = energy_mwh;
	for (p = 0; p < EMIS_NPOLL; p++)
		a->mass_t[p] = energy_mwh * t_per_mwh[p];
	a->water_m3 = energy_mwh * pl->water_m3_per_mwh;
	add_health_co2e(usd_per_t, o, a);
}

static void
from_grid(const double *usd_per_t, const struct emis_grid *g,
    const struct emis_grid_rates *gr, double energy_mwh,
    const struct emis_options *o, struct emis_amounts *a)
{
	double	 gen_mwh = energy_mwh * gr->gross;
	int	 p;

	a->energy_mwh = energy_mwh;
	for (p = 0; p < EMIS_NPOLL; p++)
		a->mass_t[p] = gen_mwh * gr->t_per_mwh[p];
	a->water_m3 = gen_mwh * g->water_m3_per_mwh;
	add_health_co2e(usd_per_t, o, a);
	a->co2e_td_losses_t = 0.0;
	if (gr->co2e_override)
		a->co2e_t = energy_mwh * gr->co2e_t_per_mwh;
	else if (g->co2e_only)
		a->co2e_t = gen_mwh * g->co2e_t_per_mwh;
	else if (gr->scope2) {
		a->co2e_td_losses_t = a->co2e_t * (1.0 - 1.0 / gr->gross);
		a->co2e_t -= a->co2e_td_losses_t;
	}
}

static void
add(struct emis_amounts *sum, const struct emis_amounts *a)
{
	int	 p;

	sum->energy_mwh += a->energy_mwh;
	for (p = 0; p < EMIS_NPOLL; p++)
		sum->mass_t[p] += a->mass_t[p];
	sum->co2e_t += a->co2e_t;
	sum->co2e_td_losses_t += a->co2e_td_losses_t;
	sum->water_m3 += a->water_m3;
	sum->health_usd += a->health_usd;
}

/* emis_run() less emis_embodied(), which the caller adds, and less what
 * no output column (emis_metrics) reads: the sources one by one, the
 * bases side by side, health by pollutant, the grid's generation and
 * precombustion. "est" is &out->est, filled; the fields of "out" the
 * columns read are set, the others left as they were. */
static void
kernel_emis_run(const struct batch_kernel *k, const struct emis_refs *r,
    const struct est_params *p, struct emis_result *out)
{
	const struct emis_catalogs *c = k->b->cats;
	const struct emis_options *o = &k->eopts;
	const struct est_result *est = &out->est;
	const struct emis_grid *g = r->grid;
	const struct emis_grid_rates *gr = &k->rates[o->basis];
	struct emis_grid_rates live;
	struct emis_amounts a;
	double		 hr, mmbtu = 0.0;
	size_t		 i;

	memset(&out->total, 0, sizeof(out->total));
	out->co2_market_t = out->co2e_market_t = 0.0;
	out->health_onsite_usd = out->health_grid_usd = 0.0;
	if (k->rates_live[o->basis]) {
		emis_grid_rates(r, c, est, o->basis, &live);
		gr = &live;
	}
	for (i = 0; i < p->nsupply; i++) {
		/* combustion() and from_grid() set every other field of "a" */
		a.co2e_td_losses_t = 0.0;
		if (p->supply[i].kind == SITE_SUPPLY_ONSITE) {
			double	 t[EMIS_NPOLL];

			plant_t(k, r, i, &p->supply[i], t);
			combustion(r->health.usd_per_t[i], r->plant[i], t,
			    est->supply_mwh[i], o, &a);
			out->health_onsite_usd += a.health_usd;
		} else {
			from_grid(r->health.usd_per_t[i], g, gr,
			    est->supply_mwh[i], o, &a);
			out->health_grid_usd += a.health_usd;
		}
		add(&out->total, &a);
		if (p->supply[i].kind != SITE_SUPPLY_PPA) {
			/* Scope 2 for the grid: the CO2 of the energy consumed */
			out->co2_market_t += p->supply[i].kind == SITE_SUPPLY_GRID &&
			    gr->scope2 && !g->co2e_only ?
			    a.mass_t[EMIS_CO2] / gr->gross : a.mass_t[EMIS_CO2];
			out->co2e_market_t += a.co2e_t;
		}
	}
	if (r->backup != NULL) {
		memset(&a, 0, sizeof(a));
		combustion(r->health.usd_per_t[SITE_MAX_SUPPLY], r->backup,
		    r->backup_t_per_mwh, est->energy_backup_mwh, o, &a);
		out->health_onsite_usd += a.health_usd;
		a.energy_mwh = 0.0;	/* on top of demand, not part of it */
		add(&out->total, &a);
		out->co2_market_t += a.mass_t[EMIS_CO2];
		out->co2e_market_t += a.co2e_t;
	}
	out->co2e_incl_td_losses_t = out->total.co2e_t +
	    out->total.co2e_td_losses_t;
	/* fuel_supply() */
	for (i = 0; i < p->nsupply; i++) {
		if (p->supply[i].kind != SITE_SUPPLY_ONSITE || !k->is_gas[i])
			continue;
		hr = p->supply[i].heat_rate >= 0.0 ? p->supply[i].heat_rate :
		    r->plant[i]->heat_rate_mmbtu_per_mwh;
		mmbtu += est->supply_mwh[i] * hr;
	}
	out->co2e_fuel_supply_t = mmbtu * k->gas_t_per_mmbtu;
	out->co2e_incl_fuel_supply_t = out->total.co2e_t + out->co2e_fuel_supply_t;
	/* WUE is litres per kWh of IT energy: L/kWh x MWh = m3 */
	out->water_site_m3 = p->wue_l_per_kwh * est->it_energy_mwh;
	out->water_upstream_m3 = out->total.water_m3;
	out->intensity_kg_per_mwh = est->energy_mwh > 0.0 ?
	    out->total.co2e_t * UNIT_KG_PER_TONNE / est->energy_mwh : 0.0;
	out->homes_equivalent = est->energy_mwh / c->home_mwh_per_year;
	out->cars_equivalent = out->total.co2e_t / c->car_t_co2_per_year;
	memcpy(out->damage_usd_per_t, r->health.site_usd_per_t[EASIUR_GROUND],
	    sizeof(out->damage_usd_per_t));
	out->state_share = r->state != NULL ?
	    est->energy_mwh / r->state->consumption_mwh : (double)NAN;
}

/*
 * est_run() on "p" for a site with one PUE (est_params.annual_only: the
 * yearly dispatch), writing what the kernel reads: the sizes, the months'
 * energy and hours, the energy by source, backup. The same operations in
 * the same order as estimator/power.c; a site with monthly PUE values
 * takes est_run() itself.
 */
static void
kernel_est_run(const struct batch_kernel *k, const struct est_params *p,
    struct est_result *r)
{
	static const enum site_supply_kind order[] = { SITE_SUPPLY_ONSITE,
	    SITE_SUPPLY_PPA };
	double	 pue_mean = 0.0, pue_peak = 0.0, rack_avg_kw;
	double	 fac_mw, left, avail;
	size_t	 i, o, grid = 0;
	int	 m;

	if (!k->est_fast) {
		est_run(p, r);
		return;
	}
	r->hours = k->hours_year;
	memcpy(r->hours_by_month, k->hours_by_month, sizeof(r->hours_by_month));
	for (m = 0; m < SITE_MONTHS; m++) {
		pue_peak = pue_peak > p->pue_by_month[m] ? pue_peak :
		    p->pue_by_month[m];
		pue_mean += p->pue_by_month[m] * r->hours_by_month[m] / r->hours;
	}
	buy_racks_it(p, p->size, &r->racks, &r->it_mw);
	r->accelerators = r->racks * p->accelerators_per_rack;
	r->h100_equivalents = r->accelerators * p->h100_per_accelerator;
	r->facility_mw = p->sizing == SITE_SIZE_CAPACITY ? p->size :
	    r->it_mw * pue_peak;
	rack_avg_kw = p->rack_peak_kw * (p->idle_frac +
	    (1.0 - p->idle_frac) * p->utilization_frac);
	r->energy_mwh = r->it_energy_mwh = 0.0;
	for (m = 0; m < SITE_MONTHS; m++) {
		if (p->load_factor >= 0.0)
			fac_mw = r->facility_mw * p->load_factor *
			    p->pue_by_month[m] / pue_mean;
		else
			fac_mw = r->racks * rack_avg_kw * (1.0 + p->overhead_frac) *
			    p->pue_by_month[m] / 1000.0;
		r->energy_by_month_mwh[m] = fac_mw * r->hours_by_month[m];
		r->energy_mwh += r->energy_by_month_mwh[m];
		r->it_energy_mwh += r->energy_by_month_mwh[m] / p->pue_by_month[m];
	}
	r->facility_avg_mw = r->energy_mwh / r->hours;
	r->it_avg_mw = r->it_energy_mwh / r->hours;
	/* dispatch_year() */
	left = r->energy_mwh;
	r->energy_onsite_mwh = r->energy_ppa_mwh = 0.0;
	for (i = 0; i < p->nsupply; i++)
		r->supply_mwh[i] = 0.0;
	for (o = 0; o < 2; o++)
		for (i = 0; i < p->nsupply; i++) {
			const struct est_supply_params *sp = &p->supply[i];

			if (sp->kind != order[o])
				continue;
			avail = sp->by_share ? sp->share_frac * r->energy_mwh :
			    sp->capacity_mw * sp->capacity_factor * r->hours;
			avail = avail < left ? avail : left;
			left -= avail;
			r->supply_mwh[i] = avail;
			if (sp->kind == SITE_SUPPLY_ONSITE)
				r->energy_onsite_mwh += avail;
			else
				r->energy_ppa_mwh += avail;
		}
	for (i = 0; i < p->nsupply; i++)
		if (p->supply[i].kind == SITE_SUPPLY_GRID)
			grid = i;
	r->supply_mwh[grid] = left;
	r->energy_grid_mwh = left;
	r->energy_backup_mwh = p->backup_mw * p->backup_hours;
}

/* The parameters of the scenario whose inputs are "x". */
static void
kernel_params(const struct batch_kernel *k, const double *x,
    struct est_params *p)
{
	const struct batch_site *bs = &k->b->sites[k->site];
	size_t	 j;

	if (!k->params_patch) {
		est_params_from_inputs(bs->site, &bs->rack, k->year, x, p);
		return;
	}
	*p = k->p0;
	for (j = 0; j < k->ndraw; j++)
		(void)batch_patch_slot(bs->site, k->hours_year, x, k->draw_slot[j], p);
	for (j = 0; j < k->nvary; j++)
		(void)batch_patch_slot(bs->site, k->hours_year, x, k->vary_slot[j], p);
}

int
batch_kernel_init(struct batch_kernel *k, const struct batch *b, size_t site,
    const struct batch_ctx *ctx, struct err *e)
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
	k->eopts = ctx->eopts;
	k->year = ctx->year;
	k->refs = *ctx->refs;
	for (i = 0; i < b->nvary; i++) {
		if (b->vary[i].kind != SWEEP_SITE)
			continue;	/* the context's */
		if ((s = batch_input_slot(bs->site, b->vary[i].path, &why)) < 0)
			return err_set(e, ERR_CONFIG, NULL, b->vary[i].line,
			    "vary: \"%s\" names no number in %s (%s)",
			    b->vary[i].path, bs->site->file, why);
		k->vary_at[k->nvary] = (unsigned)i;
		k->vary_slot[k->nvary++] = (unsigned)s;
	}
	est_inputs_central(bs->site, &bs->rack, k->year, k->x0, u);
	/* drawn: every uncertain number the model reads, unless varied, or a
	 * catalog rack's without catalog_uncertainty */
	for (slot = 0; b->monte_carlo && slot < EST_NIN; slot++) {
		if (u[slot] == NULL || u[slot]->kind == UNC_FIXED)
			continue;
		if (bs->rack_from_catalog && !b->catalog_uncertainty &&
		    est_input_is_rack(bs->site, slot))
			continue;
		for (i = 0, varied = 0; i < k->nvary; i++)
			varied |= k->vary_slot[i] == slot;
		if (varied)
			continue;
		k->draw_slot[k->ndraw] = slot;
		k->draw_off[k->ndraw] = batch_patch_offset(bs->site, slot);
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
		est_params_from_inputs(bs->site, &bs->rack, k->year, k->x0, &p);
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
	resolve_emissions(k, b, bs);
	/* the parameters: the central ones patched when every slot that
	 * moves can be */
	{
		double	 hours[SITE_MONTHS];
		struct est_params *scratch;

		if ((scratch = malloc(sizeof(*scratch))) == NULL)
			return err_set(e, ERR_NOMEM, NULL, 0, "out of memory");
		k->hours_year = est_month_hours(k->year, hours);
		memcpy(k->hours_by_month, hours, sizeof(hours));
		/* one PUE: est_run's yearly dispatch, which the kernel's
		 * copy of it does */
		k->est_fast = !bs->site->pue_monthly;
		est_params_from_inputs(bs->site, &bs->rack, k->year, k->x0,
		    &k->p0);
		k->params_patch = 1;
		for (i = 0; i < k->ndraw; i++)
			k->params_patch &= batch_patch_slot(bs->site, k->hours_year,
			    k->x0, k->draw_slot[i], scratch) == 0;
		for (i = 0; i < k->nvary; i++)
			k->params_patch &= batch_patch_slot(bs->site, k->hours_year,
			    k->x0, k->vary_slot[i], scratch) == 0;
		free(scratch);
	}
	batch_kernel_soa_init(k);
	return 0;
}

struct batch_kernel *
batch_kernel_new(const struct batch *b, size_t site,
    const struct batch_ctx *ctx, struct err *e)
{
	struct batch_kernel *k;

	if ((k = malloc(sizeof(*k))) == NULL) {
		err_set(e, ERR_NOMEM, NULL, 0, "out of memory");
		return NULL;
	}
	if (batch_kernel_init(k, b, site, ctx, e) == -1) {
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
		x[k->vary_slot[j]] = varied[k->vary_at[j]];
}

/* The outputs of the scenario whose parameters are "p" (annual_only):
 * metric m into out[m x stride]. */
static void
kernel_eval_params(const struct batch_kernel *k, const struct est_params *p,
    double *out, size_t stride)
{
	struct emis_result r;
	struct est_embodied_parts parts;
	double		 racks[SITE_MAX_PHASES + 1], it_mw[SITE_MAX_PHASES + 1];
	size_t		 m, nbuys;

	kernel_est_run(k, p, &r.est);
	/* emis_run() with the site's constants resolved, then
	 * emis_embodied() with the earlier purchases resolved */
	kernel_emis_run(k, &k->refs, p, &r);
	nbuys = p->emb.nbuys;
	if (k->buys_fixed) {
		memcpy(racks, k->buy_racks, sizeof(racks));
		memcpy(it_mw, k->buy_it_mw, sizeof(it_mw));
	} else
		for (m = 0; m + 1 < nbuys; m++)
			buy_racks_it(p, p->emb.buy_size[m], &racks[m], &it_mw[m]);
	est_embodied_parts_given(p, &r.est, racks, it_mw, &parts);
	r.embodied_co2e_t = parts.total_kg / UNIT_KG_PER_TONNE;
	r.embodied_co2e_t_per_year = parts.kg_per_year / UNIT_KG_PER_TONNE;
	/* of the location-based total, as every headline CO2e */
	r.embodied_share = emis_embodied_share(&parts, r.total.co2e_t);
	/* 42 loads and stores: unrolled, the loop costs less than they do */
#pragma GCC unroll 8
	for (m = 0; m < emis_nmetrics; m++)
		out[m * stride] = emis_metric_value(&emis_metrics[m], &r);
}

/* batch_kernel_eval() with the outputs "stride" apart */
static void
kernel_eval_x(const struct batch_kernel *k, const double *x, double *out,
    size_t stride)
{
	struct est_params p;

	kernel_params(k, x, &p);
	p.annual_only = 1;
	kernel_eval_params(k, &p, out, stride);
}

void
batch_kernel_eval(const struct batch_kernel *k, const double *x, double *out)
{
	kernel_eval_x(k, x, out, 1);
}

/* The block of batch_kernel_eval_block(): scenario i's metric m into
 * out[i x istride + m x mstride]. */
static void
kernel_eval_block(const struct batch_kernel *k, const double *varied,
    uint64_t draw0, size_t n, double *out, size_t istride, size_t mstride)
{
	const struct batch_site *bs = &k->b->sites[k->site];
	double		 x[EST_NIN];
	double		 d[EST_NIN][BATCH_KERNEL_BLOCK];
	struct est_params p;
	size_t		 i, j;

	assert(n <= BATCH_KERNEL_BLOCK);
	if (k->soa) {
		double	 cols[BATCH_MAX_METRICS * BATCH_KERNEL_BLOCK];
		size_t	 m;

		if (istride == 1 && mstride == BATCH_KERNEL_BLOCK) {
			batch_kernel_soa(k, varied, draw0, n, out);
			return;
		}
		batch_kernel_soa(k, varied, draw0, n, cols);
		for (i = 0; i < n; i++)
			for (m = 0; m < emis_nmetrics; m++)
				out[i * istride + m * mstride] =
				    cols[m * BATCH_KERNEL_BLOCK + i];
		return;
	}
	batch_kernel_draws(k, draw0, n, d);
	/* every scenario writes the same slots of "x" and, patching, the
	 * same fields of "p" (from "x" alone): both start once a block */
	memcpy(x, k->x0, sizeof(x));
	for (j = 0; j < k->nvary; j++)
		x[k->vary_slot[j]] = varied[k->vary_at[j]];
	if (k->params_patch)
		p = k->p0;
	for (i = 0; i < n; i++) {
		for (j = 0; j < k->ndraw; j++)
			x[k->draw_slot[j]] = d[j][i];
		if (!k->params_patch) {
			kernel_eval_x(k, x, out + i * istride, mstride);
			continue;
		}
		/* kernel_params() without the copy of p0; a field that several
		 * slots set gets the same function of "x" from each, so the
		 * order does not matter */
		for (j = 0; j < k->ndraw; j++)
			if (k->draw_off[j] >= 0)
				memcpy((char *)&p + k->draw_off[j], &d[j][i],
				    sizeof(double));
			else
				(void)batch_patch_slot(bs->site, k->hours_year, x,
				    k->draw_slot[j], &p);
		for (j = 0; j < k->nvary; j++)
			(void)batch_patch_slot(bs->site, k->hours_year, x,
			    k->vary_slot[j], &p);
		p.annual_only = 1;
		kernel_eval_params(k, &p, out + i * istride, mstride);
	}
}

void
batch_kernel_eval_block(const struct batch_kernel *k, const double *varied,
    uint64_t draw0, size_t n, double *out)
{
	kernel_eval_block(k, varied, draw0, n, out, emis_nmetrics, 1);
}

void
batch_kernel_eval_cols(const struct batch_kernel *k, const double *varied,
    uint64_t draw0, size_t n, double *out)
{
	kernel_eval_block(k, varied, draw0, n, out, 1, BATCH_KERNEL_BLOCK);
}
