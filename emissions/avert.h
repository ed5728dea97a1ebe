/* EPA AVERT hourly marginal emission rates (v4.3, data year 2023), reduced
 * to monthly and annual means per region and pollutant. See
 * emissions/data/PROVENANCE.md for the files and their origin. */
#ifndef EMISSIONS_AVERT_H
#define EMISSIONS_AVERT_H

#include <stddef.h>

struct err;
struct avert;			/* opaque */

enum avert_pollutant {
	AVERT_CO2,
	AVERT_NOX,
	AVERT_SO2,
	AVERT_PM25,
	AVERT_NPOLLUTANTS
};

/* Load AVERT_2023_{CO2,NOx,SO2,PM25}_lb_per_kwh.csv from folder "dir".
 * Each file: a header "Month,Timestamp,<region>,..." (an optional UTF-8 BOM,
 * LF or CRLF lines, the last newline optional), then 8,760 rows, one per hour
 * of 2023 in order (Timestamp 0..8759, Month 1..12 non-decreasing); the four
 * files must name the same regions in the same order. Negative rates are
 * valid and kept. On success *out owns the data (avert_free()) and 0 is
 * returned. On failure *out is NULL, -1 is returned and "e" says why:
 * ERR_IO (file missing or unreadable; e->file is the path), ERR_CONFIG
 * (malformed row, non-finite value, wrong row count or header; e->file and
 * e->line locate it), ERR_NOMEM. */
int		 avert_load(const char *dir, struct avert **out, struct err *e);

/* Load the same data from the file of monthly means (emissions/data/avert/
 * avert-2023-monthly.csv, written from the hourly files by
 * scripts/make-avert-monthly): a header
 * "region,pollutant,month,mean_t_per_mwh,hours", then one row per
 * pollutant (CO2, NOx, SO2, PM25), region and month 1..12 or "annual", the
 * mean in t/MWh as avert_load() computes it (printed with %.17g, so it
 * reads back as the same double) and the hours of the month (8760 for
 * "annual"). Regions are numbered in order of first appearance, as the
 * columns of the hourly files. Every row must be there once, and a month
 * must have the same hours in every row. Returns and errors as
 * avert_load(); "e" locates a bad row by its line. */
int		 avert_load_monthly(const char *path, struct avert **out,
		    struct err *e);

/* Free "a"; NULL is a no-op. */
void		 avert_free(struct avert *a);

/* Number of regions, and the code of region i (0 <= i < avert_nregions()),
 * as the files spell it ("TN", "MIDA", ...). The string is owned by "a". */
size_t		 avert_nregions(const struct avert *a);
const char	*avert_region_code(const struct avert *a, size_t i);

/* Index of the region whose code equals "code" (case-sensitive), or -1. */
int		 avert_region_find(const struct avert *a, const char *code);

/* Hours of month "month" (1..12) in the files: 744, 672, ... (2023, no leap
 * day); they sum to 8,760. Multiply by a flat power in MW to get the month
 * energy of a flat load in MWh. */
size_t		 avert_month_hours(const struct avert *a, int month);

/* Mean of the hourly rates of month "month" (1..12), and of all 8,760 hours,
 * for "region" (a valid index) and pollutant "p", in metric tonnes per MWh
 * of load. Never fails (asserts valid arguments). */
double		 avert_month_mean_t_per_mwh(const struct avert *a, int region,
		    enum avert_pollutant p, int month);
double		 avert_annual_mean_t_per_mwh(const struct avert *a, int region,
		    enum avert_pollutant p);

/* Load-weighted annual marginal rate, t/MWh, for a site whose load is flat
 * within each month and whose month energies are energy_mwh[0..11] (January
 * first; each >= 0): sum_m E_m * mean_m / sum_m E_m. A load flat over the
 * whole year (E_m proportional to avert_month_hours()) gives exactly the
 * mean of the 8,760 hours. If every E_m is 0, the 8,760-hour mean is
 * returned (the flat-load rate), so rate x energy is still 0. "region" must
 * be a valid index; never fails. */
double		 avert_rate_t_per_mwh(const struct avert *a, int region,
		    enum avert_pollutant p, const double energy_mwh[12]);

#endif
