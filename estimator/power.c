/* Racks -> IT -> facility power by month, and energy by supply source. */
#include <math.h>
#include <stddef.h>
#include <string.h>

#include "common/units.h"
#include "estimator/estimator.h"

double
est_pick_central(const struct unc *u, unsigned k, void *ctx)
{
	(void)k;
	(void)ctx;
	return unc_central(u);
}

static int
is_leap(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

/* Hours of each month: 365- and 366-day years. */
static const double month_h[2][SITE_MONTHS] = {
	{ 744, 672, 744, 720, 744, 720, 744, 744, 720, 744, 720, 744 },
	{ 744, 696, 744, 720, 744, 720, 744, 744, 720, 744, 720, 744 },
};

double
est_month_hours(int year, double hours[SITE_MONTHS])
{
	int	 leap = year != 0 && is_leap(year);

	memcpy(hours, month_h[leap], sizeof(month_h[leap]));
	return leap ? UNIT_H_PER_LEAP_YEAR : UNIT_H_PER_YEAR;
}

/* min and max without libm's NaN handling: inputs are validated numbers */
#define MIN(a, b)	((a) < (b) ? (a) : (b))
#define MAX(a, b)	((a) > (b) ? (a) : (b))

/* the supply slots end before the embodied ones (estimator/embodied.c) */
_Static_assert(EST_IN_SUPPLY(SITE_MAX_SUPPLY, 0) <= EST_IN_EMB_ACCEL,
    "supply input slots overlap the embodied ones");

static const struct unc *
size_unc(const struct site *s, int year)
{
	const struct unc *u = NULL;
	size_t	 i;

	if (year == 0 || s->nphases == 0)
		return &s->size;
	for (i = 0; i < s->nphases && s->phases[i].year <= year; i++)
		u = &s->phases[i].size;
	return u;		/* NULL: before the first phase */
}

void
est_params_from_site(const struct site *s, const struct site_rack *rack,
    int year, est_pick_fn pick, void *ctx, struct est_params *p)
{
	const struct unc *su;
	double		 hours[SITE_MONTHS], hours_year, pue;
	size_t		 i;
	int		 m;

	memset(p, 0, sizeof(*p));
	hours_year = est_month_hours(year, hours);
	p->year = year;
	p->sizing = s->sizing;
	su = size_unc(s, year);
	p->size = su != NULL ? pick(su, EST_IN_SIZE, ctx) : 0.0;
	p->rack_peak_kw = pick(&rack->peak_kw, EST_IN_PEAK_KW, ctx);
	p->idle_frac = pick(&rack->idle_frac, EST_IN_IDLE, ctx);
	p->accelerators_per_rack = rack->accelerators_count;
	p->h100_per_accelerator = pick(&rack->h100_per_accelerator, EST_IN_H100,
	    ctx);
	p->has_components = rack->has_components;
	memcpy(p->components_kw, rack->components_kw, sizeof(p->components_kw));
	p->utilization_frac = s->has_load_factor ? 0.0 :
	    pick(&s->utilization_frac, EST_IN_UTILIZATION, ctx);
	p->overhead_frac = pick(&s->overhead_frac, EST_IN_OVERHEAD, ctx);
	p->load_factor = s->has_load_factor ?
	    pick(&s->load_factor, EST_IN_LOAD_FACTOR, ctx) : -1.0;
	pue = s->pue_monthly ? 0.0 : pick(&s->pue, EST_IN_PUE, ctx);
	for (m = 0; m < SITE_MONTHS; m++)
		p->pue_by_month[m] = s->pue_monthly ? s->pue_by_month[m] : pue;
	p->wue_l_per_kwh = pick(&s->wue_l_per_kwh, EST_IN_WUE, ctx);
	p->nsupply = s->nsupply;
	for (i = 0; i < s->nsupply; i++) {
		const struct site_supply *in = &s->supply[i];
		struct est_supply_params *out = &p->supply[i];
		unsigned k = EST_IN_SUPPLY((unsigned)i, 0u);

		out->kind = in->kind;
		out->controls = in->controls;
		out->nox_ppm = in->has_nox_ppm ? pick(&in->nox_ppm,
		    k + EST_SUP_NOX_PPM, ctx) : -1.0;
		out->heat_rate = in->has_heat_rate ?
		    pick(&in->heat_rate, k + EST_SUP_HEAT_RATE, ctx) : -1.0;
		if (in->kind == SITE_SUPPLY_GRID)
			continue;
		if (in->has_share) {
			out->by_share = 1;
			out->share_frac = pick(&in->share, k + EST_SUP_SHARE, ctx);
			continue;
		}
		out->capacity_mw = in->kind == SITE_SUPPLY_ONSITE ?
		    pick(&in->units, k + EST_SUP_UNITS, ctx) *
		    pick(&in->unit_mw, k + EST_SUP_UNIT_MW, ctx) :
		    pick(&in->capacity_mw, k + EST_SUP_CAPACITY_MW, ctx);
		out->capacity_factor = in->has_hours ?
		    MIN(pick(&in->hours, k + EST_SUP_HOURS, ctx) / hours_year, 1.0) :
		    pick(&in->capacity_factor,
		    k + EST_SUP_CAPACITY_FACTOR, ctx);
	}
	if (s->backup.present) {
		p->backup_mw = pick(&s->backup.units, EST_IN_BACKUP_UNITS, ctx) *
		    pick(&s->backup.unit_mw, EST_IN_BACKUP_UNIT_MW, ctx);
		p->backup_hours = pick(&s->backup.test_hours, EST_IN_BACKUP_HOURS,
		    ctx);
	}
	est_embodied_params_from_site(s, rack, year, pick, ctx, p);
}

int
est_input_is_rack(const struct site *s, unsigned k)
{
	switch (k) {
	case EST_IN_PEAK_KW:
	case EST_IN_IDLE:
	case EST_IN_H100:
	case EST_IN_EMB_ACCEL:
	case EST_IN_EMB_OTHER:
	case EST_IN_EMB_BUILDING:
	case EST_IN_EMB_BUILDING_LIFE:
		return 1;
	case EST_IN_EMB_LIFE:
		return !s->has_lifetime;	/* else hardware.lifetime_years */
	default:
		return 0;
	}
}

struct record {
	double		*x;
	const struct unc **u;
};

/* est_pick_fn: slot k's central value and its number, recorded */
static double
record_pick(const struct unc *u, unsigned k, void *ctx)
{
	struct record	*r = ctx;
	double		 v = unc_central(u);

	if (k < EST_NIN) {
		r->x[k] = v;
		if (r->u != NULL)
			r->u[k] = u;
	}
	return v;
}

void
est_inputs_central(const struct site *s, const struct site_rack *rack,
    int year, double x[EST_NIN], const struct unc *u[EST_NIN])
{
	struct est_params p;
	struct record	 r;
	unsigned	 k;

	for (k = 0; k < EST_NIN; k++) {
		x[k] = 0.0;
		if (u != NULL)
			u[k] = NULL;
	}
	r.x = x;
	r.u = u;
	est_params_from_site(s, rack, year, record_pick, &r, &p);
}

/* est_pick_fn: slot k of the array "ctx" */
static double
input_pick(const struct unc *u, unsigned k, void *ctx)
{
	(void)u;
	return ((const double *)ctx)[k];
}

void
est_params_from_inputs(const struct site *s, const struct site_rack *rack,
    int year, const double x[EST_NIN], struct est_params *p)
{
	/* the array is only read: the callback's context is not const */
	union { const double *c; void *v; } ctx = { .c = x };

	est_params_from_site(s, rack, year, input_pick, ctx.v, p);
}

static double
racks_for(const struct est_params *p, double rack_it_kw, double pue_peak)
{
	double	 per_rack;

	switch (p->sizing) {
	case SITE_SIZE_CAPACITY:
		return floor(p->size * 1000.0 / (rack_it_kw * pue_peak) + 1e-9);
	case SITE_SIZE_ACCELERATORS:
		return ceil(p->size / p->accelerators_per_rack - 1e-9);
	case SITE_SIZE_H100E:
		per_rack = p->accelerators_per_rack * p->h100_per_accelerator;
		return ceil(p->size / per_rack - 1e-9);
	case SITE_SIZE_RACKS:
	default:
		return p->size;
	}
}

/* Non-grid entries deliver up to what they can, on-site first, then PPAs,
 * each in file order; the grid entry takes the rest. Month by month. */
static void
dispatch(const struct est_params *p, struct est_result *r)
{
	static const enum site_supply_kind order[] = { SITE_SUPPLY_ONSITE,
	    SITE_SUPPLY_PPA };
	double	 left[SITE_MONTHS], avail;
	size_t	 i, o, grid = 0;
	int	 m;

	for (m = 0; m < SITE_MONTHS; m++)
		left[m] = r->energy_by_month_mwh[m];
	for (o = 0; o < 2; o++)
		for (i = 0; i < p->nsupply; i++) {
			const struct est_supply_params *sp = &p->supply[i];

			if (sp->kind != order[o])
				continue;
			for (m = 0; m < SITE_MONTHS; m++) {
				avail = sp->by_share ?
				    sp->share_frac * r->energy_by_month_mwh[m] :
				    sp->capacity_mw * sp->capacity_factor *
				    r->hours_by_month[m];
				avail = MIN(avail, left[m]);
				left[m] -= avail;
				r->supply_by_month_mwh[i][m] = avail;
				r->supply_mwh[i] += avail;
			}
			if (sp->kind == SITE_SUPPLY_ONSITE)
				r->energy_onsite_mwh += r->supply_mwh[i];
			else
				r->energy_ppa_mwh += r->supply_mwh[i];
		}
	for (i = 0; i < p->nsupply; i++)
		if (p->supply[i].kind == SITE_SUPPLY_GRID)
			grid = i;
	for (m = 0; m < SITE_MONTHS; m++) {
		r->supply_by_month_mwh[grid][m] = left[m];
		r->supply_mwh[grid] += left[m];
	}
	r->energy_grid_mwh = r->supply_mwh[grid];
}

/* The same on yearly totals: with one PUE, demand and every source's
 * availability are proportional to each month's hours, so the monthly
 * minimums add up to the yearly one. */
static void
dispatch_year(const struct est_params *p, struct est_result *r)
{
	static const enum site_supply_kind order[] = { SITE_SUPPLY_ONSITE,
	    SITE_SUPPLY_PPA };
	double	 left = r->energy_mwh, avail;
	size_t	 i, o, grid = 0;

	for (o = 0; o < 2; o++)
		for (i = 0; i < p->nsupply; i++) {
			const struct est_supply_params *sp = &p->supply[i];

			if (sp->kind != order[o])
				continue;
			avail = sp->by_share ? sp->share_frac * r->energy_mwh :
			    sp->capacity_mw * sp->capacity_factor * r->hours;
			avail = MIN(avail, left);
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
}

void
est_run(const struct est_params *p, struct est_result *r)
{
	double	 pue_peak = 0.0, pue_mean = 0.0, rack_it_kw, rack_avg_kw;
	double	 fac_mw;
	int	 m, c, flat;

	/* zero all but the per-source months, which dispatch() writes */
	memset(r, 0, offsetof(struct est_result, supply_by_month_mwh));
	memset(&r->energy_onsite_mwh, 0, sizeof(*r) -
	    offsetof(struct est_result, energy_onsite_mwh));
	r->hours = est_month_hours(p->year, r->hours_by_month);
	for (m = 0; m < SITE_MONTHS; m++) {
		pue_peak = MAX(pue_peak, p->pue_by_month[m]);
		pue_mean += p->pue_by_month[m] * r->hours_by_month[m] / r->hours;
	}
	rack_it_kw = p->rack_peak_kw * (1.0 + p->overhead_frac);
	r->racks = p->size > 0.0 ? racks_for(p, rack_it_kw, pue_peak) : 0.0;
	r->accelerators = r->racks * p->accelerators_per_rack;
	r->h100_equivalents = r->accelerators * p->h100_per_accelerator;
	r->it_mw = r->racks * rack_it_kw / 1000.0;
	r->facility_mw = p->sizing == SITE_SIZE_CAPACITY ? p->size :
	    r->it_mw * pue_peak;

	/* P_rack = P_peak * (i + (1 - i) * u) */
	rack_avg_kw = p->rack_peak_kw * (p->idle_frac +
	    (1.0 - p->idle_frac) * p->utilization_frac);
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

	if (p->has_components) {
		for (c = 0; c < SITE_NCOMP; c++)
			r->part_mw[c] = r->racks * p->components_kw[c] / 1000.0;
	} else {
		r->part_mw[EST_PART_ACCELERATORS] = r->racks * p->rack_peak_kw / 1000.0;
	}
	r->part_mw[EST_PART_OVERHEAD] = r->racks * p->rack_peak_kw *
	    p->overhead_frac / 1000.0;
	r->part_mw[EST_PART_COOLING] = MAX(r->facility_mw - r->it_mw, 0.0);

	for (m = 1, flat = 1; m < SITE_MONTHS; m++)
		flat &= !(p->pue_by_month[m] < p->pue_by_month[0] ||
		    p->pue_by_month[m] > p->pue_by_month[0]);
	if (p->annual_only && flat)
		dispatch_year(p, r);
	else
		dispatch(p, r);
	r->energy_backup_mwh = p->backup_mw * p->backup_hours;
}
