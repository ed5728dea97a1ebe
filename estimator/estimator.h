/* Power and energy: the rack catalog, racks -> IT -> facility power by
 * month, and energy by supply source (DESIGN §5). */
#ifndef ESTIMATOR_ESTIMATOR_H
#define ESTIMATOR_ESTIMATOR_H

#include <stddef.h>

#include "sites/site.h"

struct err;

/* The rack catalog (estimator/racks.cfg). */
struct est_racks {
	struct site_rack *racks;
	size_t		  nracks;
	char		  file[512];
	/* estimator/embodied.cfg beside racks.cfg (estimator/embodied.c):
	 * the catalog-wide embodied figures, each rack's in racks[i].emb;
	 * emb.has_catalog 0 when the file is absent */
	struct site_embodied emb;
	char		  emb_file[512];
};

/* Load "path" into "cat". Returns 0, or -1 with "e" filled (FILE:LINE). */
int	 est_racks_load(const char *path, struct est_racks *cat, struct err *e);
void	 est_racks_free(struct est_racks *cat);
const struct site_rack *est_racks_find(const struct est_racks *, const char *id);

/* The rack type of "site": its inline rack, or the catalog entry it names.
 * An unknown id fails with the site's file and the line of hardware.rack. */
int	 est_site_rack(const struct est_racks *, const struct site *,
	    struct site_rack *out, struct err *e);

/* Chooses the value of each uncertain number: central, or a Monte Carlo
 * draw. "k" numbers the draws of one scenario in a fixed order. */
typedef double (*est_pick_fn)(const struct unc *u, unsigned k, void *ctx);
double	 est_pick_central(const struct unc *u, unsigned k, void *ctx);

#define EST_PICKS_PER_SUPPLY	8	/* draws reserved per supply entry */

/* Every number of one scenario, resolved. */
struct est_supply_params {
	enum site_supply_kind kind;
	int		 by_share;
	double		 share_frac;
	double		 capacity_mw;		/* units x unit_mw, or PPA capacity */
	double		 capacity_factor;	/* or hours / hours of the year */
	unsigned	 controls;		/* SITE_CTRL_* */
	double		 nox_ppm;		/* < 0: none given */
	double		 heat_rate;		/* MMBtu/MWh; < 0: the plant's */
};

/* The embodied figures of one scenario (kg CO2e, years; NAN unknown) and
 * the sizes in force at each purchase: the phases up to the year (the
 * last one the year's, p->size), or the size alone without phases. */
struct est_embodied_params {
	double		 accel_kg;		/* per rack: accelerators */
	double		 rack_kg;		/* per rack: all of it */
	double		 hw_life_years;
	int		 hw_life_from_site;	/* hardware.lifetime_years */
	double		 building_kg_per_mw;	/* of IT capacity */
	double		 building_life_years;
	size_t		 nbuys;
	double		 buy_size[SITE_MAX_PHASES + 1];
	int		 buy_year[SITE_MAX_PHASES + 1];	/* 0: the build-out */
};

struct est_params {
	int		 year;			/* 0: a standard 8,760-hour year */
	enum site_sizing sizing;
	double		 size;			/* of the year's phase */
	double		 rack_peak_kw;
	double		 idle_frac;
	double		 accelerators_per_rack;
	double		 h100_per_accelerator;
	double		 components_kw[SITE_NCOMP];
	int		 has_components;
	double		 utilization_frac;
	double		 overhead_frac;
	double		 load_factor;		/* < 0: utilization model */
	double		 pue_by_month[SITE_MONTHS];
	double		 wue_l_per_kwh;
	struct est_supply_params supply[SITE_MAX_SUPPLY];
	size_t		 nsupply;
	double		 backup_mw;
	double		 backup_hours;
	/* batch runs: skip supply_by_month_mwh when every month is alike
	 * (one PUE), where the yearly dispatch equals the monthly one */
	int		 annual_only;
	struct est_embodied_params emb;
};

/* Resolve "site" (with its rack "rack") for calendar "year" (0: full
 * build-out, 8,760 h), each uncertain number through "pick". Never fails. */
void	 est_params_from_site(const struct site *, const struct site_rack *rack,
	    int year, est_pick_fn pick, void *ctx, struct est_params *out);

/* p->emb from site "s" and its rack (estimator/embodied.c), called by
 * est_params_from_site() once p->size is set. Never fails. */
void	 est_embodied_params_from_site(const struct site *s,
	    const struct site_rack *rack, int year, est_pick_fn pick, void *ctx,
	    struct est_params *p);

/* Power breakdown at peak (MW). */
enum est_part {
	EST_PART_ACCELERATORS,
	EST_PART_CPUS,
	EST_PART_MEMORY_OTHER,
	EST_PART_SWITCHES,
	EST_PART_CONVERSION,
	EST_PART_OVERHEAD,	/* storage, network, management outside racks */
	EST_PART_COOLING,	/* facility minus IT: cooling, power losses */
	EST_NPARTS
};

struct est_result {
	double		 racks;
	double		 accelerators;
	double		 h100_equivalents;
	double		 it_mw;			/* peak (design) */
	double		 facility_mw;		/* peak (design) */
	double		 facility_avg_mw;
	double		 it_avg_mw;
	double		 hours;
	double		 energy_mwh;
	double		 it_energy_mwh;
	double		 energy_by_month_mwh[SITE_MONTHS];
	double		 hours_by_month[SITE_MONTHS];
	double		 part_mw[EST_NPARTS];
	/* energy each supply entry delivers; the grid entry takes the rest */
	double		 supply_mwh[SITE_MAX_SUPPLY];
	double		 supply_by_month_mwh[SITE_MAX_SUPPLY][SITE_MONTHS];
	double		 energy_onsite_mwh;
	double		 energy_ppa_mwh;
	double		 energy_grid_mwh;
	double		 energy_backup_mwh;	/* test runs, on top of demand */
};

/* The model of DESIGN §5 on resolved numbers. Pure arithmetic. */
void	 est_run(const struct est_params *, struct est_result *out);

/* Hours in each month of "year" (0: a 365-day year). Returns the total. */
double	 est_month_hours(int year, double hours[SITE_MONTHS]);

#endif
