/* NREL Cambium 2024 annual CO2e emission rates by scenario, GEA region and
 * year (2025-2050 in 5-year steps). See emissions/data/PROVENANCE.md. */
#ifndef EMISSIONS_CAMBIUM_H
#define EMISSIONS_CAMBIUM_H

#include <stddef.h>

struct err;
struct cambium;			/* opaque */

enum cambium_metric {
	CAMBIUM_AER,		/* aer_load_co2e*: average rate of load */
	CAMBIUM_LRMER,		/* lrmer_co2e*: long-run marginal */
	CAMBIUM_SRMER		/* srmer_co2e*: short-run marginal */
};

/*
 * A rate per MWh of *end-use* load (what the site's meter reads). The
 * distribution losses between busbar and meter are already inside it:
 * Cambium 2024 Documentation (Gagnon et al., NREL/TP-6A40-93005), section
 * 5.1 "Busbar and End-Use Values" and section 5.4 (aer_load_*, srmer_*,
 * lrmer_* are "per MWh of end-use load"; AER and LRMER use the average loss
 * rate, SRMER the marginal one), and section 6.4 step 5 (LRMER "inflated by
 * the average distribution loss rate to report LRMER per MWh of end-use
 * load"). So do NOT divide the site's energy by (1 - distloss_frac) before
 * applying these rates. distloss_frac is Cambium's alpha = losses / busbar
 * load for end use (section 5.8, unit MWh/MWh); the losses caused by 1 MWh
 * at the meter are alpha / (1 - alpha) MWh, for showing losses as energy;
 * their emissions are already counted in the rate.
 */
struct cambium_rate {
	/* kg CO2e (GWP100, AR6) per MWh of end-use load */
	double	 combustion_kg_per_mwh;		/* *_co2e_c */
	double	 precombustion_kg_per_mwh;	/* *_co2e_p: fuel supply */
	double	 total_kg_per_mwh;		/* *_co2e as the file has it:
						   c + p to its 0.1 rounding */
	double	 distloss_frac;	/* avg for AER/LRMER, marg for SRMER */
	int	 year_used;	/* = year, or the end year if clamped */
	int	 clamped;	/* -1 before first year, +1 after last, or 0 */
};

/* Load the Cambium 2024 annual GEA CSV at "path" (all scenarios stacked):
 * a 5-line banner whose line 5 holds the units, the column header on line
 * 6, then one row per scenario, gea and year t. Columns are found by name;
 * every CO2e value is converted to kg/MWh from the unit its units-row entry
 * states (kg/MWh or g/MWh; anything else is an error), and the loss rates
 * must be MWh/MWh. Every scenario x gea x year must appear exactly once.
 * On success *out owns the data (cambium_free()) and 0 is returned; on
 * failure *out is NULL, -1 is returned and "e" says why: ERR_IO (missing or
 * unreadable), ERR_CONFIG (malformed row, non-finite value, missing column,
 * unknown unit, duplicate or missing combination; e->file and e->line
 * locate it), ERR_NOMEM. */
int		 cambium_load(const char *path, struct cambium **out,
		    struct err *e);

/* Free "c"; NULL is a no-op. */
void		 cambium_free(struct cambium *c);

/* Scenarios and GEA regions in file order, named exactly as in the file
 * ("MidCase", "MISO_South"). Strings are owned by "c". find returns the
 * index of the exact (case-sensitive) name, or -1. */
size_t		 cambium_nscenarios(const struct cambium *c);
const char	*cambium_scenario_name(const struct cambium *c, size_t i);
int		 cambium_scenario_find(const struct cambium *c, const char *name);
size_t		 cambium_ngeas(const struct cambium *c);
const char	*cambium_gea_name(const struct cambium *c, size_t i);
int		 cambium_gea_find(const struct cambium *c, const char *name);

/* Write the scenario names, comma-separated ("MidCase, LowRECost, ..."),
 * into buf (size n, truncated like snprintf) for error messages; returns
 * buf. */
const char	*cambium_scenario_list(const struct cambium *c, char *buf,
		    size_t n);

/* The years in the file, ascending (2025, 2030, ..., 2050). */
size_t		 cambium_nyears(const struct cambium *c);
int		 cambium_year(const struct cambium *c, size_t i);

/* Rate of "metric" for "scenario" and "gea" (indices from the find
 * functions) in "year": linear interpolation between the file's years
 * (2027 = v2025 + 0.4 x (v2030 - v2025)); before the first year the first
 * year's values with clamped = -1, after the last the last year's with
 * clamped = +1. Returns 0, or -1 (out untouched) if scenario or gea is not
 * a valid index (e.g. -1 from a failed find). */
int		 cambium_rate(const struct cambium *c, int scenario, int gea,
		    enum cambium_metric metric, int year,
		    struct cambium_rate *out);

#endif
