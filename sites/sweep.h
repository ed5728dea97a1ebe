/* Sweep files: base sites, a Cartesian grid of settings to vary, and Monte
 * Carlo samples over every uncertain number (docs/design.md §3). */
#ifndef SITES_SWEEP_H
#define SITES_SWEEP_H

#include <stddef.h>
#include <stdint.h>

#include "sites/site.h"

struct err;

#define SWEEP_MAX_SITES		64
#define SWEEP_MAX_VARY		8
#define SWEEP_MAX_VALUES	4096

/* What a vary path names. */
enum sweep_kind {
	SWEEP_SITE,		/* a number of every site (sites/settings.h) */
	SWEEP_GRID_BASIS,	/* "grid_basis": grid basis names */
	SWEEP_GRID_SCENARIO,	/* "grid_scenario": Cambium scenario names */
	SWEEP_YEAR		/* "year": calendar years (the site's phase,
				 * the grid's year, the health year) */
};

struct sweep_vary {
	char		 path[96];	/* e.g. "cooling.pue", "supply[0].capacity_factor" */
	char		 column[96];	/* its column in the batch rows: the
					 * path, or e.g. racks_input where an
					 * output has the path's name */
	enum sweep_kind	 kind;
	int		 line;		/* of the group */
	int		 values_line;	/* of its values (or from) */
	double		*values;
	/* SWEEP_GRID_BASIS and SWEEP_GRID_SCENARIO: the nvalues names as
	 * written, which sites/ cannot check; values[] is 0 until the caller
	 * resolves each name against the data (its index there). NULL for
	 * the other kinds. */
	char		**names;
	size_t		 nvalues;
};

struct sweep {
	char		 file[512];
	struct site	*sites[SWEEP_MAX_SITES];
	size_t		 nsites;
	struct sweep_vary vary[SWEEP_MAX_VARY];
	size_t		 nvary;
	uint64_t	 samples;	/* Monte Carlo draws per grid point; 0: none */
	uint64_t	 seed;
	int		 year;		/* 0: full build-out */
	int		 catalog_uncertainty;	/* sample catalog racks' ranges too */
};

/* Load "path" and the sites it names (relative to its folder). Every
 * vary path must name a number in every site (sites/settings.h), and every
 * value must lie in that setting's range; or be "grid_basis" or
 * "grid_scenario" with a list of names (checked by the caller), or "year"
 * with whole years (then the sweep may not also set year). NULL with "e"
 * filled (FILE:LINE: setting: ...). */
struct sweep	*sweep_load_file(const char *path, struct err *e);
/* The same with cfg_load_file_flags' "flags" (CFG_INCLUDE_OUTSIDE). */
struct sweep	*sweep_load_file_flags(const char *path, unsigned flags,
		    struct err *e);
void		 sweep_free(struct sweep *);

/* Grid points: the product of the vary lists' lengths (1 without vary). */
uint64_t	 sweep_grid_points(const struct sweep *);

/* The uncertain number a setting path names in site "s" (or its rack
 * "rack" for hardware.rack.*), with the setting's limits; NULL when the
 * path names no number of this site (and "why" says why). */
struct unc	*site_number(struct site *s, struct site_rack *rack,
		    const char *path, double *lo, double *hi, const char **why);

#endif
