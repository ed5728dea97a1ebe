/* Where the sweep's paths and the kernel's slots land: the input slot of
 * a varied path, and what a slot's value makes of the parameters. */
#include <stdio.h>
#include <string.h>

#include "batch/internal.h"

/* est_params_from_site()'s work for one slot (batch/internal.h) */
int
batch_patch_slot(const struct site *s, double hours_year, const double *x,
    unsigned slot, struct est_params *p)
{
	const struct site_supply *in;
	struct est_supply_params *out;
	unsigned k, f;
	size_t	 i;
	int	 m;

	switch (slot) {
	case EST_IN_PEAK_KW:
		p->rack_peak_kw = x[slot];
		return 0;
	case EST_IN_IDLE:
		p->idle_frac = x[slot];
		return 0;
	case EST_IN_H100:
		p->h100_per_accelerator = x[slot];
		return 0;
	case EST_IN_UTILIZATION:
		if (!s->has_load_factor)
			p->utilization_frac = x[slot];
		return 0;
	case EST_IN_OVERHEAD:
		p->overhead_frac = x[slot];
		return 0;
	case EST_IN_LOAD_FACTOR:
		if (s->has_load_factor)
			p->load_factor = x[slot];
		return 0;
	case EST_IN_PUE:
		if (!s->pue_monthly)
			for (m = 0; m < SITE_MONTHS; m++)
				p->pue_by_month[m] = x[slot];
		return 0;
	case EST_IN_WUE:
		p->wue_l_per_kwh = x[slot];
		return 0;
	case EST_IN_BACKUP_UNITS:
	case EST_IN_BACKUP_UNIT_MW:
		if (s->backup.present)
			p->backup_mw = x[EST_IN_BACKUP_UNITS] *
			    x[EST_IN_BACKUP_UNIT_MW];
		return 0;
	case EST_IN_BACKUP_HOURS:
		if (s->backup.present)
			p->backup_hours = x[slot];
		return 0;
	default:
		break;
	}
	if (slot < EST_IN_SUPPLY0)
		return slot == EST_IN_SIZE ? -1 : 0;
	if (slot >= EST_IN_EMB_ACCEL)
		return -1;
	i = (slot - EST_IN_SUPPLY0) / EST_PICKS_PER_SUPPLY;
	f = (slot - EST_IN_SUPPLY0) % EST_PICKS_PER_SUPPLY;
	if (i >= s->nsupply)
		return 0;
	in = &s->supply[i];
	out = &p->supply[i];
	k = EST_IN_SUPPLY((unsigned)i, 0u);
	switch (f) {
	case EST_SUP_NOX_PPM:
		if (in->has_nox_ppm)
			out->nox_ppm = x[slot];
		return 0;
	case EST_SUP_HEAT_RATE:
		if (in->has_heat_rate)
			out->heat_rate = x[slot];
		return 0;
	default:
		break;
	}
	if (in->kind == SITE_SUPPLY_GRID)
		return 0;
	if (in->has_share) {
		if (f == EST_SUP_SHARE)
			out->share_frac = x[slot];
		return 0;
	}
	switch (f) {
	case EST_SUP_UNITS:
	case EST_SUP_UNIT_MW:
	case EST_SUP_CAPACITY_MW:
		out->capacity_mw = in->kind == SITE_SUPPLY_ONSITE ?
		    x[k + EST_SUP_UNITS] * x[k + EST_SUP_UNIT_MW] :
		    x[k + EST_SUP_CAPACITY_MW];
		return 0;
	case EST_SUP_HOURS:
	case EST_SUP_CAPACITY_FACTOR:
		/* est_params_from_site()'s MIN() */
		out->capacity_factor = in->has_hours ?
		    (x[k + EST_SUP_HOURS] / hours_year < 1.0 ?
		    x[k + EST_SUP_HOURS] / hours_year : 1.0) :
		    x[k + EST_SUP_CAPACITY_FACTOR];
		return 0;
	default:
		return 0;
	}
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
