/* A validated site definition (docs/design.md §4) as plain data. libconfig stays
 * behind common/cfg; the catalogs (racks, plants, grids) are resolved by
 * estimator/ and emissions/, which report unknown ids at the lines kept here. */
#ifndef SITES_SITE_H
#define SITES_SITE_H

#include <stddef.h>

#include "common/unc.h"

struct err;
struct cfg;
typedef struct config_setting_t cfg_node;

#define SITE_MONTHS		12
#define SITE_MAX_PHASES		16
#define SITE_MAX_SUPPLY		16
#define SITE_MAX_SOURCES	32

enum site_sizing {
	SITE_SIZE_CAPACITY,	/* capacity_mw: facility design power */
	SITE_SIZE_RACKS,
	SITE_SIZE_ACCELERATORS,
	SITE_SIZE_H100E
};

/* Component shares of a rack's peak power (kW). */
enum site_component {
	SITE_COMP_ACCELERATORS,
	SITE_COMP_CPUS,
	SITE_COMP_MEMORY_OTHER,
	SITE_COMP_SWITCHES,
	SITE_COMP_COOLING_CONVERSION,
	SITE_NCOMP
};

/* Embodied (cradle-to-gate) figures a rack type carries: its own from
 * estimator/embodied.cfg (or an inline rack's "embodied_kg"), and the
 * catalog-wide ones (buildings, lifetimes) that est_site_rack() copies in.
 * Masses in kg CO2e; "has_*" 0 means unknown (never 0 kg). */
struct site_embodied {
	int		 has_rack;
	struct unc	 rack_kg;		/* per rack */
	int		 has_accel;
	struct unc	 accel_kg;		/* its accelerator boards/GPUs */
	struct unc	 other_kg;		/* the rest (all of an inline
						 * rack's embodied_kg) */
	char		 rack_source[2048];	/* parts and sources, in words */
	int		 has_catalog;		/* the figures below are set */
	struct unc	 hw_life_years;		/* default hardware lifetime */
	struct unc	 building_kg_per_mw;	/* per MW of IT capacity */
	struct unc	 building_life_years;
	char		 hw_life_source[512];
	char		 building_source[1024];
	char		 plants_note[512];	/* on-site plants: none found */
	char		 manufacturing_note[512];
};

/* A rack type, from estimator/racks.cfg or written inline in a site. */
struct site_rack {
	char		 id[64];
	char		 name[128];
	char		 accelerator[64];
	struct unc	 peak_kw;
	struct unc	 idle_frac;
	double		 accelerators_count;	/* per rack */
	double		 accelerator_w;
	double		 cpus_count;
	double		 cpu_w;
	struct unc	 h100_per_accelerator;	/* dense BF16 vs H100 SXM */
	int		 has_components;
	double		 components_kw[SITE_NCOMP];
	struct site_embodied emb;
	int		 line;
};

struct site_phase {
	int		 year;
	struct unc	 size;		/* same unit as the site's sizing */
	int		 line;
};

enum site_supply_kind { SITE_SUPPLY_GRID, SITE_SUPPLY_ONSITE, SITE_SUPPLY_PPA };

/* On-site emission controls (a set). */
#define SITE_CTRL_WATER_INJECTION	0x1u
#define SITE_CTRL_DLN			0x2u
#define SITE_CTRL_SCR			0x4u
#define SITE_CTRL_OXCAT			0x8u

/* Pollutants a permit or a site factor may name, in the order of
 * emissions/emissions.h's enum emis_pollutant. */
#define SITE_NPOLL	9
extern const char *const site_pollutant_keys[SITE_NPOLL];	/* "co2", ... */

struct site_supply {
	enum site_supply_kind kind;
	char		 name[128];
	char		 ref[64];	/* plant id, PPA technology or grid region */
	int		 ref_line;
	int		 line;
	int		 has_share;	/* share replaces the capacity */
	struct unc	 share;
	struct unc	 units;		/* onsite */
	struct unc	 unit_mw;	/* onsite */
	struct unc	 capacity_mw;	/* ppa */
	int		 has_hours;	/* hours replaces capacity_factor */
	struct unc	 capacity_factor;
	struct unc	 hours;
	unsigned	 controls;
	int		 has_nox_ppm;
	struct unc	 nox_ppm;	/* stack NOx, ppmvd at 15 % O2 */
	double		 stack_height_m;	/* onsite; 0: ground level */
	int		 has_heat_rate;	/* replaces the plant's */
	struct unc	 heat_rate;	/* MMBtu per MWh (HHV) */
	int		 heat_rate_line;
	/* ef_lb_per_mmbtu: factors from the permit, replacing the catalog's
	 * after controls; < 0 where none */
	double		 ef_lb_per_mmbtu[SITE_NPOLL];
	/* permit_tpy: permitted caps, US short tons per year; < 0 none */
	double		 permit_tpy[SITE_NPOLL];
	int		 permit_line;
};

struct site_backup {
	int		 present;
	char		 plant[64];
	int		 plant_line;
	struct unc	 units;
	struct unc	 unit_mw;
	struct unc	 test_hours;
};

struct site {
	char		 file[512];
	char		 name[128];
	char		 operator_name[128];
	char		 place[256];
	char		 state[8];
	char		 country[8];
	int		 country_line;
	double		 lat_deg;
	double		 lon_deg;
	int		 scenario;	/* scenario = true: a what-if (a fleet,
					 * a nominal module), drawn apart and
					 * left out of totals */
	/* grid_regions overrides ("": from the coordinates) */
	char		 avert_region[16];
	int		 avert_line;
	char		 cambium_gea[32];
	int		 cambium_line;

	enum site_sizing sizing;
	struct unc	 size;		/* MW, racks, accelerators or H100e */
	int		 size_line;
	struct site_phase phases[SITE_MAX_PHASES];
	size_t		 nphases;

	int		 rack_inline;	/* 1: "rack" holds everything */
	struct site_rack rack;		/* id only (rack.line set) unless inline */
	struct unc	 utilization_frac;
	struct unc	 overhead_frac;
	int		 has_load_factor;
	struct unc	 load_factor;
	int		 has_lifetime;	/* hardware.lifetime_years given */
	struct unc	 lifetime_years;
	int		 lifetime_line;
	char		 manufacturing_grid[16];	/* "": not given */
	int		 manufacturing_grid_line;

	int		 pue_monthly;	/* 1: pue_by_month holds 12 values */
	struct unc	 pue;
	double		 pue_by_month[SITE_MONTHS];
	struct unc	 wue_l_per_kwh;

	struct site_supply supply[SITE_MAX_SUPPLY];
	size_t		 nsupply;
	size_t		 grid_index;	/* the one grid entry */
	struct site_backup backup;

	char		*sources[SITE_MAX_SOURCES];
	size_t		 nsources;
	char		 note[1024];
};

/* Load and validate the site in "path". Returns NULL with "e" filled
 * (ERR_CONFIG, FILE:LINE and the setting's name). Free with site_free(). */
struct site	*site_load_file(const char *path, struct err *e);
/* The same with cfg_load_file_flags' "flags" (CFG_INCLUDE_OUTSIDE). */
struct site	*site_load_file_flags(const char *path, unsigned flags,
		    struct err *e);

/* The same from text; "name" names it in messages. */
struct site	*site_load_string(const char *text, const char *name,
		    struct err *e);
void		 site_free(struct site *);

/* The setting name of a sizing ("capacity_mw", "racks", ...). */
const char	*site_sizing_key(enum site_sizing);
const char	*site_supply_kind_name(enum site_supply_kind);

/* Parse a rack group (catalog entry when "inline_rack" is 0, a site's inline
 * rack when 1). Used by site loading and by estimator/ for racks.cfg. */
int		 site_rack_parse(const struct cfg *, const cfg_node *group,
		    int inline_rack, struct site_rack *out, struct err *e);

/* The central value of the site's sizing for calendar "year" (0: the
 * top-level, full build-out value). Before the first phase: 0. */
double		 site_size_for_year(const struct site *, int year);

#endif
