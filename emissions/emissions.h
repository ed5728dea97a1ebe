/* Energy by supply source -> CO2, CO2e, air pollutants, water and health
 * damages (docs/design.md §5), with the factor catalogs behind them. */
#ifndef EMISSIONS_EMISSIONS_H
#define EMISSIONS_EMISSIONS_H

#include <stddef.h>

#include "estimator/estimator.h"
#include "emissions/easiur.h"

struct err;

enum emis_pollutant {
	EMIS_CO2, EMIS_CH4, EMIS_N2O, EMIS_NOX, EMIS_CO, EMIS_VOC, EMIS_PM25,
	EMIS_SO2, EMIS_HCHO, EMIS_NPOLL
};

/* Resource-mix fuels, in eGRID's order. */
enum emis_fuel {
	EMIS_F_COAL, EMIS_F_OIL, EMIS_F_GAS, EMIS_F_OTHER_FOSSIL, EMIS_F_NUCLEAR,
	EMIS_F_HYDRO, EMIS_F_BIOMASS, EMIS_F_WIND, EMIS_F_SOLAR,
	EMIS_F_GEOTHERMAL, EMIS_F_OTHER, EMIS_NFUEL
};

#include "emissions/gridbasis.h"

extern const char *const emis_pollutant_keys[EMIS_NPOLL];	/* "co2", ... */
extern const char *const emis_pollutant_names[EMIS_NPOLL];	/* "CO2", ... */
extern const char *const emis_fuel_keys[EMIS_NFUEL];

struct emis_grid {
	char		 id[16];
	char		 name[96];
	char		 country[8];
	char		 edition[160];
	char		 note[512];
	char		 source[600];		/* first of its sources */
	int		 year;
	int		 line;
	int		 co2e_only;		/* a country: only CO2e per MWh known */
	double		 co2e_t_per_mwh;	/* co2e_only grids */
	double		 rate_t_per_mwh[EMIS_NPOLL];	/* NAN where unknown */
	int		 has_nonbaseload;
	double		 nb_rate_t_per_mwh[EMIS_NPOLL];
	unsigned	 derived;		/* bit p: pollutant p from the mix */
	double		 loss_frac;		/* 0 when unknown */
	int		 has_loss;
	int		 has_mix;
	double		 mix_frac[EMIS_NFUEL];
	double		 water_m3_per_mwh;	/* from the mix; NAN unknown */
};

struct emis_control {
	char		 id[32];
	double		 lb_per_mmbtu[EMIS_NPOLL];	/* NAN: not replaced */
	double		 reduction_frac[EMIS_NPOLL];	/* 0: none */
	double		 nox_ppm;			/* NAN unless scr */
};

#define EMIS_MAX_CONTROLS 8

struct emis_plant {
	char		 id[32];
	char		 name[128];
	char		 fuel[32];
	char		 source[600];
	double		 heat_rate_mmbtu_per_mwh;
	double		 factor_lb_per_mmbtu[EMIS_NPOLL];
	double		 f_factor_dscf_per_mmbtu;	/* NAN when not given */
	double		 water_m3_per_mwh;
	struct emis_control controls[EMIS_MAX_CONTROLS];
	size_t		 ncontrols;
	char		 base[32];	/* a machine: the plant whose fuel,
					 * factors and controls it takes; "" */
	char		 sources[4096];	/* all of them, joined by " | " */
	int		 line;		/* in plants.cfg */
};

struct emis_tech {
	char		 id[32];
	char		 name[96];
	double		 water_m3_per_mwh;
};

struct emis_state {
	char		 id[4];
	char		 name[48];
	double		 consumption_mwh;
	int		 year;
};

struct emis_gwp {
	char		 id[8];
	double		 ch4;
	double		 n2o;
	char		 source[200];
};

struct emis_catalogs {
	struct emis_grid *grids;
	size_t		  ngrids;
	struct emis_plant *plants;
	size_t		  nplants;
	struct emis_tech *techs;
	size_t		  ntechs;
	/* health: $ per metric tonne, EPA benefit-per-ton */
	double		  health_usd_per_t[EMIS_NPOLL];
	char		  health_edition[200];
	int		  health_dollar_year;
	double		  health_discount_rate;
	double		  home_mwh_per_year;
	int		  home_year;
	double		  car_t_co2_per_year;
	int		  car_year;
	struct emis_state *states;
	size_t		  nstates;
	struct emis_gwp	  gwp[4];
	size_t		  ngwp;
	struct easiur_scaling easiur;	/* emissions/easiur.cfg */
	char		  dir[1024];	/* the catalogs' folder */
	struct avert	 *avert;	/* emis_grid_data_load(), or NULL */
	struct cambium	 *cambium;
	/* upstream (production, processing, transmission and storage)
	 * emissions of natural gas, kg CO2e per MMBtu burned (HHV), with the
	 * methane leakage rate and CH4 GWP behind them (plants.cfg
	 * fuel_supply.gas) */
	struct unc	  gas_supply_co2e_kg_per_mmbtu;
	struct unc	  gas_supply_leakage_frac;
	double		  gas_supply_gwp_ch4;
	char		  gas_supply_source[1024];
	/* plants.cfg grid_fuels: the plant or technology standing for each
	 * resource-mix fuel and its line, resolved by emis_catalogs_link() */
	char		  grid_fuel_id[EMIS_NFUEL][32];
	int		  grid_fuel_line[EMIS_NFUEL];
	char		  plants_file[1024];
};

/* Load emissions/{grids,plants,health,context}.cfg found through
 * data_path(). Returns 0, or -1 with "e" naming the file and line. */
int	 emis_catalogs_load(struct emis_catalogs *, struct err *e);
/* The same from one folder holding those four files. */
int	 emis_catalogs_load_dir(struct emis_catalogs *, const char *dir,
	    struct err *e);
void	 emis_catalogs_free(struct emis_catalogs *);
/* The cross-catalog step, once every file is read (emis_catalogs_load_dir
 * calls it): each resource-mix fuel of grid_fuels resolved to a plant or
 * technology, then each grid's water and the pollutant rates its row lacks
 * derived from its mix. Returns 0, or -1 with "e" at the grid_fuels line
 * of an unknown id. */
int	 emis_catalogs_link(struct emis_catalogs *, struct err *e);

const struct emis_grid	*emis_grid_find(const struct emis_catalogs *, const char *id);
const struct emis_plant	*emis_plant_find(const struct emis_catalogs *, const char *id);
const struct emis_tech	*emis_tech_find(const struct emis_catalogs *, const char *id);
const struct emis_gwp	*emis_gwp_find(const struct emis_catalogs *, const char *id);
const struct emis_state	*emis_state_find(const struct emis_catalogs *, const char *id);

/* NOx in lb/MMBtu at "ppm" (dry, 15 % O2) for F-factor "fd" (dscf/MMBtu):
 * EPA Method 19. */
double	 emis_nox_ppm_to_lb_per_mmbtu(double ppm, double fd_dscf_per_mmbtu);

/* AVERT's hourly rates and Cambium's projections (emissions/data/): into
 * c->avert and c->cambium. 0, or -1 with "e". */
int	 emis_grid_data_load(struct emis_catalogs *c, struct err *e);

/* How health damages are valued: EASIUR at the site's cell for on-site
 * and backup emissions (the default), or EPA's national benefit-per-ton
 * for every tonne (version 0.1's figures, for comparison). */
enum emis_health_method { EMIS_HEALTH_EASIUR, EMIS_HEALTH_EPA_BPT };

/* $ per metric tonne applied to each source, resolved once per site. */
struct emis_health {
	enum emis_health_method method;	/* what was applied */
	int		 fallback;	/* EASIUR asked, site outside its grid */
	int		 easiur_x, easiur_y;	/* 0: none */
	int		 health_year;	/* asked for */
	int		 population_year, income_year;	/* used (clamped) */
	int		 dollar_year;
	/* at the site: [ground level, 150 m stack]; NAN without EASIUR */
	double		 site_usd_per_t[EASIUR_NRELEASE][EMIS_NPOLL];
	/* EPA's national power-sector value in the same dollar year: grid
	 * emissions, and the reference beside the site's values */
	double		 national_usd_per_t[EMIS_NPOLL];
	/* what each source uses: supply entries, then the backup */
	double		 usd_per_t[SITE_MAX_SUPPLY + 1][EMIS_NPOLL];
	/* on-site entries: 0 ground level .. 1 the 150 m table */
	double		 stack_weight[SITE_MAX_SUPPLY];
};
struct emis_options {
	const struct emis_gwp	*gwp;		/* AR6 by default */
	enum emis_grid_basis	 basis;		/* the headline figures */
	int			 grid_year;	/* Cambium's year */
	int			 cambium_scenario;	/* index; MidCase */
	enum emis_health_method	 health;
	int			 health_year;	/* population and income */
};

/* A site's catalog entries, resolved once; unknown ids fail with the
 * site's file and the line of the setting. */
struct emis_refs {
	const struct emis_grid	*grid;
	const struct emis_plant	*plant[SITE_MAX_SUPPLY];	/* onsite */
	/* the controls each on-site entry uses, in the order applied */
	const struct emis_control *ctl[SITE_MAX_SUPPLY][4];
	const struct emis_tech	*tech[SITE_MAX_SUPPLY];		/* ppa */
	const struct emis_plant	*backup;
	const struct emis_state	*state;				/* may be NULL */
	/* on-site factors after controls, t per MWh, at the SCR ppm "ppm" */
	double			 t_per_mwh[SITE_MAX_SUPPLY][EMIS_NPOLL];
	double			 ppm[SITE_MAX_SUPPLY];
	double			 heat_rate[SITE_MAX_SUPPLY];	/* < 0: plant's */
	double			 ef_lb_per_mmbtu[SITE_MAX_SUPPLY][EMIS_NPOLL];
	double			 backup_t_per_mwh[EMIS_NPOLL];
	struct emis_health	 health;	/* EPA BPT until emis_health_resolve */
	struct emis_grid_place	 gplace;	/* eGRID only until emis_grid_resolve */
};
int	 emis_resolve(const struct emis_catalogs *, const struct site *,
	    struct emis_refs *out, struct err *e);

/* Value the site's tonnes where they are emitted (emissions/health.c):
 * with o->health EASIUR and the site's EASIUR cell (x, y; 0, 0 when it is
 * outside the grid or not in the contiguous US: the national values are
 * used and r->health.fallback says so), on-site and backup tonnes at the
 * cell (between the ground-level and 150 m tables by the entry's
 * stack_height_m, as EASIUR's sample code interpolates; backup generators
 * at ground level), grid tonnes at the national value,
 * all in the price index's last year. Reads the cell from the EASIUR
 * tables. Returns 0, or -1 with "e". */
/* The AVERT region and Cambium GEA of site "s" (its grid_regions override,
 * else "avert" and "gea" found from its coordinates; "" for none), and the
 * Cambium rates of o->cambium_scenario in o->grid_year, into r->gplace.
 * Outside the contiguous US only the eGRID bases are available. An unknown
 * override fails with the site's file and line. Returns 0 or -1. */
int	 emis_grid_resolve(const struct emis_catalogs *, const struct site *s,
	    const char *avert, const char *gea, const struct emis_options *o,
	    struct emis_refs *r, struct err *e);
/* The rates of basis "b" for the site of "r" whose load by month is "est"
 * (AVERT weights its months by it). An unavailable basis gives the eGRID
 * average with out->fallback set. */
void	 emis_grid_rates(const struct emis_refs *r, const struct emis_catalogs *c,
	    const struct est_result *est, enum emis_grid_basis b,
	    struct emis_grid_rates *out);

/* "easiur", "epa-bpt", or "national-fallback" (EASIUR asked for a site
 * outside its grid: EPA's national values, in the EASIUR dollar year). */
const char *emis_health_method_name(const struct emis_health *);
/* EPA's national values (the catalog's dollar year) for every source:
 * what emis_resolve() sets. */
void	 emis_health_national(const struct emis_catalogs *, struct emis_health *);
int	 emis_health_resolve(const struct emis_catalogs *, const struct site *,
	    int easiur_x, int easiur_y, const struct emis_options *o,
	    struct emis_refs *r, struct err *e);

/* What one source (or the whole site) puts out. NAN where the grid's
 * catalog has no figure (a country grid's NOx, say). */
struct emis_amounts {
	double		 energy_mwh;
	double		 mass_t[EMIS_NPOLL];
	double		 co2e_t;		/* Scope 2 for grid energy */
	double		 co2e_td_losses_t;	/* the grid losses' share */
	double		 water_m3;
	double		 health_usd;
};

struct emis_result {
	struct est_result est;
	struct emis_amounts source[SITE_MAX_SUPPLY];	/* location-based */
	struct emis_amounts backup;
	struct emis_amounts total;			/* location-based */
	double		 co2_market_t;
	double		 co2e_market_t;
	double		 water_site_m3;
	double		 water_upstream_m3;
	double		 intensity_kg_per_mwh;		/* CO2e, location */
	double		 homes_equivalent;
	double		 cars_equivalent;
	double		 state_share;			/* NAN: state unknown */
	double		 grid_generated_mwh;		/* grid+PPA / (1-loss) */
	double		 health_onsite_usd;		/* on-site and backup */
	double		 health_grid_usd;		/* grid and PPA-matched */
	double		 damage_usd_per_t[EMIS_NPOLL];	/* at the site, ground */
	/* health damages by pollutant: [0] on-site and backup, [1] grid */
	double		 health_by_pollutant_usd[2][EMIS_NPOLL];
	int		 basis_fallback;	/* the basis asked is not available:
						 * eGRID average used */
	double		 co2e_grid_precombustion_t;	/* Cambium bases only */
	double		 co2e_incl_td_losses_t;	/* total.co2e_t + its losses line */
	/* every basis side by side: the site's location-based CO2e (grid
	 * part at that basis, combustion), NOx, SO2, PM2.5, and the grid's
	 * fuel supply chain CO2e (Cambium); NAN when not available */
	double		 basis_t[EMIS_NBASES][4];
	double		 basis_precomb_t[EMIS_NBASES];
	/* embodied emissions (emissions/embodied.c): cradle-to-gate CO2e of
	 * the hardware, buildings and plants of the build-out, and its share
	 * of a year amortised over their lifetimes */
	double		 embodied_co2e_t;
	double		 embodied_co2e_t_per_year;
	double		 embodied_share;		/* of operating + embodied */
	/* fuel supply chain of on-site gas (Scope 3 cat. 3), t CO2e */
	double		 co2e_fuel_supply_t;
	double		 co2e_incl_fuel_supply_t;	/* co2e_t + the line above */
};

/* Emissions of a site whose energy is "est" (which may be &out->est: then
 * it is not copied). Pure arithmetic. */
void	 emis_run(const struct emis_catalogs *, const struct emis_refs *,
	    const struct est_params *, const struct est_result *est,
	    const struct emis_options *, struct emis_result *out);

/* Site "s" (rack "rack", resolved into "r0") in calendar "year": the
 * phase in force, a year of 8,760 or 8,784 h, and Cambium's rates of
 * "scenario" (an index) in that year (emissions/timeline.c). Central
 * values. Returns 0. */
int	 emis_year(const struct emis_catalogs *c, const struct emis_refs *r0,
	    const struct site *s, const struct site_rack *rack,
	    const struct emis_options *o, int year, int scenario,
	    struct emis_result *out);

/* The embodied emissions of the site of "est" into out->embodied_*
 * (emissions/embodied.c). */
void	 emis_embodied(const struct emis_catalogs *c, const struct emis_refs *r,
	    const struct est_params *p, const struct est_result *est,
	    struct emis_result *out);

/* Permit of supply entry "i" for pollutant "p" (emissions/permits.c): 1
 * with the estimate and the cap in US short tons per year, 0 when the site
 * states no cap for it. */
int	 emis_permit(const struct site *s, const struct emis_result *r, size_t i,
	    int p, double *est_tpy, double *cap_tpy);
/* The row label of supply entry "i": its name, or for a PPA "SRMV grid
 * (matched by Solar PPAs)": location-based, a PPA's energy is grid energy. */
const char *emis_source_label(const struct site *s, const struct emis_refs *r,
	    size_t i, char *buf, size_t n);

/* The output columns (docs/design.md §7): key with its unit, label, kind. */
enum emis_metric_kind { EMIS_K_COUNT, EMIS_K_POWER_MW, EMIS_K_ENERGY_MWH,
	EMIS_K_MASS_T, EMIS_K_WATER_M3, EMIS_K_USD, EMIS_K_INTENSITY,
	EMIS_K_RATIO, EMIS_K_USD_PER_T };
struct emis_metric {
	const char	*key;		/* "co2e_t" */
	const char	*label;		/* "CO2e (location-based)" */
	enum emis_metric_kind kind;
	size_t		 offset;	/* of a double in struct emis_result */
};
extern const struct emis_metric emis_metrics[];
extern const size_t emis_nmetrics;
/* The value of metric "m" in "r" (inline: batch runs read 30 a scenario). */
static inline double
emis_metric_value(const struct emis_metric *m, const struct emis_result *r)
{
	return *(const double *)(const void *)((const char *)r + m->offset);
}
const struct emis_metric *emis_metric_find(const char *key);

/* Totals over "n" sites (emissions/totals.c), for a comparison's "All
 * sites" row: the sum of metric "m" over the results r[0..n) (NAN when any
 * part is unknown, or for ratios and per-tonne values, which do not add);
 * for the CO2e intensity, the total CO2e over the total energy. The
 * caller chooses which sites count (scenarios are left out). */
double	 emis_metric_total(const struct emis_metric *m,
	    const struct emis_result *const *r, size_t n);
/* kg CO2e per MWh of "co2e_t" over "energy_mwh"; NAN without energy. */
double	 emis_intensity_kg_per_mwh(double co2e_t, double energy_mwh);

#endif
