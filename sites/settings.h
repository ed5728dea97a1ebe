/* The numbers of a site that a site file sets and a sweep may vary, with
 * their accepted ranges: one table for the site parser (sites/site.c) and
 * the sweep's path lookup (site_number() in sites/sweep.c). */
#ifndef SITES_SETTINGS_H
#define SITES_SETTINGS_H

#include <stddef.h>

/* Calendar years accepted by phases, a sweep's year and a varied year. */
#define SITE_YEAR_MIN	1990
#define SITE_YEAR_MAX	2100

/* The first four follow enum site_sizing: SITE_SET_CAPACITY_MW + sizing. */
enum site_setting_id {
	SITE_SET_CAPACITY_MW,
	SITE_SET_RACKS,
	SITE_SET_ACCELERATORS,
	SITE_SET_H100E,
	SITE_SET_UTILIZATION,
	SITE_SET_OVERHEAD,
	SITE_SET_LOAD_FACTOR,
	SITE_SET_PUE,
	SITE_SET_WUE,
	SITE_SET_BACKUP_UNITS,
	SITE_SET_BACKUP_UNIT_MW,
	SITE_SET_BACKUP_TEST_HOURS,
	SITE_SET_RACK_PEAK_KW,
	SITE_SET_RACK_IDLE,
	SITE_SET_RACK_H100,
	SITE_SET_SUPPLY_CAPACITY_FACTOR,
	SITE_SET_SUPPLY_HOURS,
	SITE_SET_SUPPLY_UNITS,
	SITE_SET_SUPPLY_UNIT_MW,
	SITE_SET_SUPPLY_CAPACITY_MW,
	SITE_SET_SUPPLY_SHARE,
	SITE_SET_SUPPLY_NOX_PPM,
	SITE_NSETTINGS
};

/* Which struct "offset" is in. */
enum site_setting_in {
	SITE_IN_SITE,		/* struct site */
	SITE_IN_RACK,		/* struct site_rack (the site's rack) */
	SITE_IN_SUPPLY		/* struct site_supply (every supply[i]) */
};

struct site_setting {
	const char	*path;		/* "cooling.pue"; "supply[].share"
					 * stands for every supply[i].share */
	const char	*key;		/* its key inside its group: "pue" */
	enum site_setting_in in;
	size_t		 offset;	/* of its struct unc */
	double		 lo, hi;	/* accepted values, in the file's unit */
	const char	*unit;		/* "MW", "kW", "h", "fraction", "count" */
	const char	*column;	/* the batch rows' column when a sweep
					 * varies it: the path, or path_input
					 * where an output column has that name;
					 * NULL: the path as written
					 * (supply[2].share) */
};

/* Indexed by enum site_setting_id. */
extern const struct site_setting site_settings[SITE_NSETTINGS];

/* The setting a sweep path names: "cooling.pue", "racks",
 * "hardware.rack.peak_kw", "supply[2].share" (then *index = 2; else -1).
 * NULL when the path names no setting (a malformed supply index too). */
const struct site_setting *site_setting_find(const char *path, int *index);

#endif
