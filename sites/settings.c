/* The table of site settings: paths, where the number lives, ranges. */
#include <stdio.h>
#include <string.h>

#include "sites/settings.h"
#include "sites/site.h"

#define S(f)	SITE_IN_SITE, offsetof(struct site, f)
#define R(f)	SITE_IN_RACK, offsetof(struct site_rack, f)
#define P(f)	SITE_IN_SUPPLY, offsetof(struct site_supply, f)

const struct site_setting site_settings[SITE_NSETTINGS] = {
	/* sizing (racks, accelerators and H100e are also output columns):
	 * upper limits far above any plan (a fleet of 10^10 accelerators
	 * draws ~15 TW), which catch typos and overflow, not ambition */
	[SITE_SET_CAPACITY_MW] = { "capacity_mw", "capacity_mw", S(size),
	    0.001, 1.0e6, "MW", "capacity_mw" },
	[SITE_SET_RACKS] = { "racks", "racks", S(size), 1.0, 1.0e9, "count",
	    "racks_input" },
	[SITE_SET_ACCELERATORS] = { "accelerators", "accelerators", S(size),
	    1.0, 1.0e10, "count", "accelerators_input" },
	[SITE_SET_H100E] = { "h100_equivalents", "h100_equivalents", S(size),
	    1.0, 1.0e11, "count", "h100_equivalents_input" },
	[SITE_SET_UTILIZATION] = { "hardware.utilization", "utilization",
	    S(utilization_frac), 0.0, 1.0, "fraction", "hardware.utilization" },
	[SITE_SET_OVERHEAD] = { "hardware.overhead", "overhead",
	    S(overhead_frac), 0.0, 2.0, "fraction", "hardware.overhead" },
	[SITE_SET_LOAD_FACTOR] = { "hardware.load_factor", "load_factor",
	    S(load_factor), 0.0, 1.0, "fraction", "hardware.load_factor" },
	[SITE_SET_PUE] = { "cooling.pue", "pue", S(pue), 1.0, 5.0, "ratio",
	    "cooling.pue" },
	[SITE_SET_WUE] = { "cooling.wue_l_per_kwh", "wue_l_per_kwh",
	    S(wue_l_per_kwh), 0.0, 20.0, "l/kWh", "cooling.wue_l_per_kwh" },
	[SITE_SET_BACKUP_UNITS] = { "backup.units", "units", S(backup.units),
	    0.0, 1.0e5, "count", "backup.units" },
	[SITE_SET_BACKUP_UNIT_MW] = { "backup.unit_mw", "unit_mw",
	    S(backup.unit_mw), 0.001, 100.0, "MW", "backup.unit_mw" },
	[SITE_SET_BACKUP_TEST_HOURS] = { "backup.test_hours_per_year",
	    "test_hours_per_year", S(backup.test_hours), 0.0, 8784.0, "h",
	    "backup.test_hours_per_year" },
	[SITE_SET_RACK_PEAK_KW] = { "hardware.rack.peak_kw", "peak_kw",
	    R(peak_kw), 0.1, 1.0e4, "kW", "hardware.rack.peak_kw" },
	[SITE_SET_RACK_IDLE] = { "hardware.rack.idle_fraction", "idle_fraction",
	    R(idle_frac), 0.0, 1.0, "fraction", "hardware.rack.idle_fraction" },
	[SITE_SET_RACK_H100] = { "hardware.rack.h100_per_accelerator",
	    "h100_per_accelerator", R(h100_per_accelerator), 0.01, 100.0,
	    "ratio", "hardware.rack.h100_per_accelerator" },
	[SITE_SET_SUPPLY_CAPACITY_FACTOR] = { "supply[].capacity_factor",
	    "capacity_factor", P(capacity_factor), 0.0, 1.0, "fraction", NULL },
	[SITE_SET_SUPPLY_HOURS] = { "supply[].hours", "hours", P(hours), 0.0,
	    8784.0, "h", NULL },
	[SITE_SET_SUPPLY_UNITS] = { "supply[].units", "units", P(units), 1.0,
	    1.0e5, "count", NULL },
	[SITE_SET_SUPPLY_UNIT_MW] = { "supply[].unit_mw", "unit_mw", P(unit_mw),
	    0.001, 1.0e4, "MW", NULL },
	[SITE_SET_SUPPLY_CAPACITY_MW] = { "supply[].capacity_mw", "capacity_mw",
	    P(capacity_mw), 0.001, 1.0e6, "MW", NULL },
	[SITE_SET_SUPPLY_SHARE] = { "supply[].share", "share", P(share), 0.0,
	    1.0, "fraction", NULL },
	[SITE_SET_SUPPLY_NOX_PPM] = { "supply[].nox_ppm", "nox_ppm", P(nox_ppm),
	    0.0, 1000.0, "ppm", NULL },
};

const struct site_setting *
site_setting_find(const char *path, int *index)
{
	char	 rest[64];
	int	 idx, used = 0;
	size_t	 i;

	*index = -1;
	if (strncmp(path, "supply[", 7) == 0) {
		/* supply[N].key: N plain decimal digits */
		if (path[7] < '0' || path[7] > '9' ||
		    sscanf(path, "supply[%d].%63[a-z_]%n", &idx, rest, &used) != 2 ||
		    path[used] != '\0' || idx < 0)
			return NULL;
		for (i = 0; i < SITE_NSETTINGS; i++)
			if (site_settings[i].in == SITE_IN_SUPPLY &&
			    strcmp(site_settings[i].key, rest) == 0) {
				*index = idx;
				return &site_settings[i];
			}
		return NULL;
	}
	for (i = 0; i < SITE_NSETTINGS; i++)
		if (site_settings[i].in != SITE_IN_SUPPLY &&
		    strcmp(site_settings[i].path, path) == 0)
			return &site_settings[i];
	return NULL;
}
