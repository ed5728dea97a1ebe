/* Power and energy: the rack catalog, racks -> IT -> facility power by
 * month, and energy by supply source (docs/design.md §5). */
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

/*
 * The model's inputs as a flat array: every number a scenario may draw or
 * vary has a fixed slot, and "k" of est_pick_fn is that slot, so a
 * scenario's k-th draw always feeds the same setting whatever else the
 * site holds (batch/ keys its random streams by slot). Supply entry i owns
 * EST_IN_SUPPLY(i, EST_SUP_*); the embodied slots come after every supply
 * entry's (estimator/embodied.c picks them).
 */
enum est_in {
	EST_IN_SIZE,			/* sizing key of the year's phase */
	EST_IN_PEAK_KW,			/* rack */
	EST_IN_IDLE,			/* rack */
	EST_IN_H100,			/* rack */
	EST_IN_UTILIZATION,
	EST_IN_OVERHEAD,
	EST_IN_LOAD_FACTOR,
	EST_IN_PUE,			/* one PUE (not with monthly values) */
	EST_IN_WUE,
	EST_IN_BACKUP_UNITS,
	EST_IN_BACKUP_UNIT_MW,
	EST_IN_BACKUP_HOURS,
	EST_IN_SUPPLY0 = 16,
	EST_IN_EMB_ACCEL = 150,		/* rack: accelerators' kg CO2e */
	EST_IN_EMB_OTHER,		/* rack: the rest */
	EST_IN_EMB_LIFE,		/* hardware life: site, else catalog */
	EST_IN_EMB_BUILDING,		/* catalog: kg per MW of IT */
	EST_IN_EMB_BUILDING_LIFE,	/* catalog */
	EST_NIN
};
/* The fields of one supply entry, EST_IN_SUPPLY(i, f). */
enum est_sup {
	EST_SUP_SHARE, EST_SUP_UNITS, EST_SUP_UNIT_MW, EST_SUP_CAPACITY_MW,
	EST_SUP_CAPACITY_FACTOR, EST_SUP_HOURS, EST_SUP_NOX_PPM,
	EST_SUP_HEAT_RATE, EST_PICKS_PER_SUPPLY
};
#define EST_IN_SUPPLY(i, f)	(EST_IN_SUPPLY0 + (i) * EST_PICKS_PER_SUPPLY + (f))

struct est_params;

/* Whether slot "k" of "site" holds a number of its rack type (the rack's
 * power and throughput, its embodied figures and the catalog-wide ones
 * that travel with it): a catalog rack's ranges are drawn only when asked. */
int	 est_input_is_rack(const struct site *, unsigned k);

/* Every input slot of "site" (rack "rack") in calendar "year" at its
 * central value into x[EST_NIN]; when "u" is not NULL, u[k] the uncertain
 * number behind slot k (borrowed from the site or rack; NULL for a slot
 * the site does not use, whose x[k] is 0). */
void	 est_inputs_central(const struct site *, const struct site_rack *rack,
	    int year, double x[EST_NIN], const struct unc *u[EST_NIN]);
/* est_params_from_site() with slot k taking x[k]. Never fails. */
void	 est_params_from_inputs(const struct site *,
	    const struct site_rack *rack, int year, const double x[EST_NIN],
	    struct est_params *out);

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

/* The model of docs/design.md §5 on resolved numbers. Pure arithmetic. */
void	 est_run(const struct est_params *, struct est_result *out);

/* Hours in each month of "year" (0: a 365-day year). Returns the total. */
double	 est_month_hours(int year, double hours[SITE_MONTHS]);

#endif
