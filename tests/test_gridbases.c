/* Grid bases: AVERT monthly marginal rates, Cambium 2024 annual rates, the
 * county -> GEA crosswalk. Run from the repository root (as tests/run.sh
 * does): the data are read from their bundled paths. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/err.h"
#include "common/units.h"
#include "emissions/avert.h"
#include "emissions/cambium.h"
#include "geo/gea.h"
#include "tests/test_util.h"

#define AVERT_DIR	"emissions/data/avert"
#define AVERT_MONTHLY	AVERT_DIR "/avert-2023-monthly.csv"
#define CAMBIUM_CSV	"emissions/data/cambium/cambium24_allScenarios_annual_gea.csv"
#define GEA_CSV		"geo/data/county-gea.csv"
#define FIXTURES	"tests/data/gridbases"

/* The sums run over 8,760 doubles: rounding stays far below 1e-12. */
#define TOL_SUM		1e-12

static struct avert	*av;
static struct cambium	*cb;

static int
setup(void **state)
{
	struct err	 e;

	(void)state;
	err_clear(&e);
	if (avert_load(AVERT_DIR, &av, &e) == -1 ||
	    cambium_load(CAMBIUM_CSV, &cb, &e) == -1) {
		print_error("%s:%d: %s\n", e.file, e.line, e.msg);
		return -1;
	}
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	avert_free(av);
	cambium_free(cb);
	return 0;
}

/* Mean of column "col" (0-based, Month = 0) of an AVERT CSV over the rows
 * whose Month is "month" (0: all rows), in lb/kWh, read with plain stdio:
 * an independent check of the loader. */
static double
column_mean_lb_per_kwh(const char *path, int col, int month)
{
	FILE	*f = fopen(path, "r");
	char	 line[1024], *tok, *save;
	double	 sum = 0.0;
	long	 n = 0;
	int	 i;

	assert_non_null(f);
	assert_non_null(fgets(line, sizeof(line), f));	/* header */
	while (fgets(line, sizeof(line), f) != NULL) {
		tok = strtok_r(line, ",", &save);
		if (month != 0 && atoi(tok) != month)
			continue;
		for (i = 0; i < col; i++)
			tok = strtok_r(NULL, ",", &save);
		assert_non_null(tok);
		sum += strtod(tok, NULL);
		n++;
	}
	fclose(f);
	assert_true(n > 0);
	return sum / (double)n;
}

static void
test_avert_regions_listed_in_file_order(void **state)
{
	(void)state;
	assert_int_equal(avert_nregions(av), 17);
	assert_string_equal(avert_region_code(av, 0), "CA");
	assert_int_equal(avert_region_find(av, "TN"), 13);
	assert_int_equal(avert_region_find(av, "HIOA"), 16);
	assert_int_equal(avert_region_find(av, "tn"), -1);
	assert_int_equal(avert_region_find(av, "SRTV"), -1);
	/* 2023: 31 x 24 = 744, 28 x 24 = 672, 30 x 24 = 720 */
	assert_int_equal(avert_month_hours(av, 1), 744);
	assert_int_equal(avert_month_hours(av, 2), 672);
	assert_int_equal(avert_month_hours(av, 4), 720);
}

/*
 * A flat load: E_m = P x hours_m (P = 100 MW). The load-weighted rate must be
 * the mean of TN's 8,760 hourly CO2 rates (proof in emissions/avert.c):
 *   awk -F, 'NR>1{s+=$16;n++} END{printf "%.10f %d\n", s/n, n}' \
 *       emissions/data/avert/AVERT_2023_CO2_lb_per_kwh.csv
 *   -> 1.3317454338 lb/kWh over 8760 h
 *   x 0.45359237 (t/MWh per lb/kWh) = 0.60406... t/MWh.
 * The awk figure has 10 decimals (relative error < 4e-11): tolerance 1e-10.
 */
static void
test_avert_tn_flat_load_is_annual_mean(void **state)
{
	double	 e_mwh[12], rate, mean_lb;
	int	 tn = avert_region_find(av, "TN");

	(void)state;
	assert_true(tn >= 0);
	for (int m = 1; m <= 12; m++)
		e_mwh[m - 1] = 100.0 * (double)avert_month_hours(av, m);
	rate = avert_rate_t_per_mwh(av, tn, AVERT_CO2, e_mwh);
	assert_close(rate, avert_annual_mean_t_per_mwh(av, tn, AVERT_CO2),
	    TOL_SUM);
	/* TN is column 15 counting Month as 0 (awk's $16) */
	mean_lb = column_mean_lb_per_kwh(AVERT_DIR
	    "/AVERT_2023_CO2_lb_per_kwh.csv", 15, 0);
	assert_close(rate, mean_lb * 0.45359237, TOL_SUM);
	assert_close(rate, 1.3317454338 * 0.45359237, 1e-10);
}

/*
 * All energy in January: the rate is January's mean.
 *   awk -F, 'NR>1 && $1==1{s+=$16;n++} END{printf "%.10f %d\n", s/n, n}' ...
 *   -> 1.3315322581 lb/kWh over 744 h; x 0.45359237 t/MWh per lb/kWh.
 */
static void
test_avert_january_only_load_gives_january_mean(void **state)
{
	double	 e_mwh[12] = { 5000.0 };
	int	 tn = avert_region_find(av, "TN");

	(void)state;
	assert_close(avert_rate_t_per_mwh(av, tn, AVERT_CO2, e_mwh),
	    1.3315322581 * 0.45359237, 1e-10);
	assert_close(avert_rate_t_per_mwh(av, tn, AVERT_CO2, e_mwh),
	    column_mean_lb_per_kwh(AVERT_DIR "/AVERT_2023_CO2_lb_per_kwh.csv",
	    15, 1) * UNIT_KG_PER_LB, TOL_SUM);
}

/* With no energy at all the flat-load (8,760-hour) rate is returned. */
static void
test_avert_zero_energy_gives_annual_mean(void **state)
{
	double	 zero[12] = { 0 };
	int	 ne = avert_region_find(av, "NE");

	(void)state;
	assert_close(avert_rate_t_per_mwh(av, ne, AVERT_NOX, zero),
	    avert_annual_mean_t_per_mwh(av, ne, AVERT_NOX), 0.0);
}

/* Other pollutants go through the same path: PM2.5 of TN, flat load, equals
 * the column mean read independently (values like 7.3E-04, some < 0). */
static void
test_avert_pm25_flat_load_is_annual_mean(void **state)
{
	double	 e_mwh[12];
	int	 tn = avert_region_find(av, "TN");

	(void)state;
	for (int m = 1; m <= 12; m++)
		e_mwh[m - 1] = (double)avert_month_hours(av, m);
	assert_close(avert_rate_t_per_mwh(av, tn, AVERT_PM25, e_mwh),
	    column_mean_lb_per_kwh(AVERT_DIR "/AVERT_2023_PM25_lb_per_kwh.csv",
	    15, 0) * UNIT_KG_PER_LB, TOL_SUM);
}

/* Hand-made files, 8,760 hours, one region whose rate is (month - 2) lb/kWh:
 * January -1 (negative rates are kept), February 0, December 10. */
static void
test_avert_negative_rates_kept(void **state)
{
	static const char *const names[] = { "CO2", "NOx", "SO2", "PM25" };
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	char		 dir[] = "/tmp/test_gridbases.XXXXXX", path[256];
	struct avert	*a = NULL;
	struct err	 e;
	double		 e_mwh[12] = { 0 }, want;
	FILE		*f;
	int		 h, m, d, i;

	(void)state;
	assert_non_null(mkdtemp(dir));
	for (i = 0; i < 4; i++) {
		snprintf(path, sizeof(path), "%s/AVERT_2023_%s_lb_per_kwh.csv",
		    dir, names[i]);
		assert_non_null(f = fopen(path, "w"));
		fputs("Month,Timestamp,X\n", f);
		for (m = 1, h = 0; m <= 12; m++)
			for (d = 0; d < days[m - 1] * 24; d++, h++)
				fprintf(f, "%d,%d,%d\n", m, h, m - 2);
		fclose(f);
	}
	err_clear(&e);
	assert_int_equal(avert_load(dir, &a, &e), 0);
	assert_close(avert_month_mean_t_per_mwh(a, 0, AVERT_SO2, 1),
	    -0.45359237, 1e-15);
	/* annual: sum_m (m - 2) x hours_m / 8760 lb/kWh; sum_m m x hours_m =
	 * 24 x (1x31 + 2x28 + 3x31 + 4x30 + 5x31 + 6x30 + 7x31 + 8x31 + 9x30
	 * + 10x31 + 11x30 + 12x31) = 24 x 2382 = 57168; minus 2 x 8760 =
	 * 39648; / 8760 = 4.526027... lb/kWh */
	want = 39648.0 / 8760.0 * 0.45359237;
	assert_close(avert_annual_mean_t_per_mwh(a, 0, AVERT_CO2), want, 1e-14);
	for (m = 1; m <= 12; m++)
		e_mwh[m - 1] = 2.0 * (double)avert_month_hours(a, m);
	assert_close(avert_rate_t_per_mwh(a, 0, AVERT_PM25, e_mwh), want,
	    1e-14);
	/* half the energy in January (-1), half in February (0): -0.5 */
	memset(e_mwh, 0, sizeof(e_mwh));
	e_mwh[0] = e_mwh[1] = 1.0;
	assert_close(avert_rate_t_per_mwh(a, 0, AVERT_NOX, e_mwh),
	    -0.5 * 0.45359237, 1e-15);
	avert_free(a);
	for (i = 0; i < 4; i++) {
		snprintf(path, sizeof(path), "%s/AVERT_2023_%s_lb_per_kwh.csv",
		    dir, names[i]);
		unlink(path);
	}
	rmdir(dir);
}

/* The run-time file of monthly means (scripts/make-avert-monthly) holds
 * the very doubles avert_load() computes from the hourly files: the same
 * regions in the same order, hours, monthly and annual means, bit for bit
 * (printed with %.17g, they read back exactly). If this fails, the hourly
 * files or the reduction changed: run scripts/make-avert-monthly. */
static void
test_avert_monthly_file_equals_hourly_reduction(void **state)
{
	struct avert	*m = NULL;
	struct err	 e;
	size_t		 r;
	int		 p, mo, bad = 0;

	(void)state;
	err_clear(&e);
	if (avert_load_monthly(AVERT_MONTHLY, &m, &e) == -1)
		fail_msg("%s:%d: %s", e.file, e.line, e.msg);
	assert_int_equal(avert_nregions(m), avert_nregions(av));
	for (r = 0; r < avert_nregions(av); r++)
		assert_string_equal(avert_region_code(m, r),
		    avert_region_code(av, r));
	for (mo = 1; mo <= 12; mo++)
		assert_int_equal(avert_month_hours(m, mo),
		    avert_month_hours(av, mo));
	for (p = 0; p < AVERT_NPOLLUTANTS; p++)
		for (r = 0; r < avert_nregions(av); r++) {
			for (mo = 1; mo <= 12; mo++) {
				double	 a = avert_month_mean_t_per_mwh(av,
					    (int)r, (enum avert_pollutant)p, mo);
				double	 b = avert_month_mean_t_per_mwh(m,
					    (int)r, (enum avert_pollutant)p, mo);

				if (memcmp(&a, &b, sizeof(a)) != 0) {
					print_error("%s pollutant %d month %d: "
					    "hourly %.17g, monthly file %.17g\n",
					    avert_region_code(av, r), p, mo, a, b);
					bad++;
				}
			}
			double	 a = avert_annual_mean_t_per_mwh(av, (int)r,
				    (enum avert_pollutant)p);
			double	 b = avert_annual_mean_t_per_mwh(m, (int)r,
				    (enum avert_pollutant)p);

			if (memcmp(&a, &b, sizeof(a)) != 0) {
				print_error("%s pollutant %d annual: hourly "
				    "%.17g, monthly file %.17g\n",
				    avert_region_code(av, r), p, a, b);
				bad++;
			}
		}
	assert_int_equal(bad, 0);
	avert_free(m);
}

/* A malformed monthly file: named by file and line. */
static void
test_avert_monthly_bad_rows(void **state)
{
	static const struct {
		const char	*text;
		int		 line;
		const char	*needle;
	} cases[] = {
		{ "region,pollutant,month,mean\n", 1, "header" },
		{ "region,pollutant,month,mean_t_per_mwh,hours\n"
		    "TN,CO3,1,0.5,744\n", 2, "pollutant" },
		{ "region,pollutant,month,mean_t_per_mwh,hours\n"
		    "TN,CO2,13,0.5,744\n", 2, "month" },
		{ "region,pollutant,month,mean_t_per_mwh,hours\n"
		    "TN,CO2,1,nan,744\n", 2, "finite" },
		{ "region,pollutant,month,mean_t_per_mwh,hours\n"
		    "TN,CO2,annual,0.5,744\n", 2, "hours" },
		{ "region,pollutant,month,mean_t_per_mwh,hours\n"
		    "TN,CO2,1,0.5,744\nTN,CO2,1,0.5,744\n", 3, "twice" },
		{ "region,pollutant,month,mean_t_per_mwh,hours\n"
		    "TN,CO2,1,0.5,744\n", 0, "rows" },
	};
	char		 path[] = "/tmp/test_gridbases_monthly.XXXXXX";
	struct avert	*a;
	struct err	 e;
	size_t		 i;
	FILE		*f;
	int		 fd, rc;

	(void)state;
	assert_true((fd = mkstemp(path)) != -1);
	close(fd);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_non_null(f = fopen(path, "w"));
		fputs(cases[i].text, f);
		fclose(f);
		a = NULL;
		err_clear(&e);
		rc = avert_load_monthly(path, &a, &e);
		assert_null(a);
		if (rc != -1 || e.code != ERR_CONFIG || e.line != cases[i].line ||
		    strstr(e.msg, cases[i].needle) == NULL ||
		    strcmp(e.file, path) != 0)
			fail_msg("case %zu: rc %d, code %d, %s:%d: %s", i, rc,
			    (int)e.code, e.file, e.line, e.msg);
	}
	unlink(path);
	err_clear(&e);
	assert_int_equal(avert_load_monthly("no/such/file.csv", &a, &e), -1);
	assert_int_equal(e.code, ERR_IO);
}

static void
test_cambium_scenarios_geas_years(void **state)
{
	char	 buf[512];

	(void)state;
	assert_int_equal(cambium_nscenarios(cb), 8);
	assert_int_equal(cambium_ngeas(cb), 18);
	assert_int_equal(cambium_nyears(cb), 6);
	assert_int_equal(cambium_year(cb, 0), 2025);
	assert_int_equal(cambium_year(cb, 5), 2050);
	assert_string_equal(cambium_scenario_name(cb, 0), "MidCase");
	assert_int_equal(cambium_scenario_find(cb, "HighNGPrice"), 5);
	assert_true(cambium_gea_find(cb, "ERCOT") >= 0);
	cambium_scenario_list(cb, buf, sizeof(buf));
	assert_string_equal(buf, "MidCase, LowRECost, HighRECost, "
	    "HighDemandGrowth, LowNGPrice, HighNGPrice, LowRECost_HighNGPrice, "
	    "HighRECost_LowNGPrice");
	cambium_scenario_list(cb, buf, 12);	/* truncated, terminated */
	assert_string_equal(buf, "MidCase, Lo");
}

static void
test_cambium_unknown_scenario_is_minus_one(void **state)
{
	struct cambium_rate	 r;

	(void)state;
	assert_int_equal(cambium_scenario_find(cb, "Midcase"), -1);
	assert_int_equal(cambium_scenario_find(cb, "Mid_Case"), -1);
	assert_int_equal(cambium_gea_find(cb, "SPP"), -1);
	assert_int_equal(cambium_rate(cb, -1, 0, CAMBIUM_AER, 2030, &r), -1);
	assert_int_equal(cambium_rate(cb, 0, -1, CAMBIUM_AER, 2030, &r), -1);
	assert_int_equal(cambium_rate(cb, 8, 0, CAMBIUM_AER, 2030, &r), -1);
}

/*
 * Units: the units row says kg/MWh for every *_co2e, *_co2e_c, *_co2e_p
 * column (NOTES.md's quoted code comment calls the parts g/MWh; the file
 * disagrees). If the parts were g/MWh, c + p would be ~1000x the total.
 * Each value is rounded to 0.1 kg/MWh, so c + p - total is within
 * 3 x 0.05 = 0.15 kg/MWh; awk over the file finds at most 0.1.
 */
static void
test_cambium_parts_sum_to_total_in_kg(void **state)
{
	static const enum cambium_metric metrics[] = { CAMBIUM_AER,
	    CAMBIUM_LRMER, CAMBIUM_SRMER };
	struct cambium_rate	 r;
	size_t			 s, g, y, k, n = 0;

	(void)state;
	for (s = 0; s < cambium_nscenarios(cb); s++)
		for (g = 0; g < cambium_ngeas(cb); g++)
			for (y = 0; y < cambium_nyears(cb); y++)
				for (k = 0; k < 3; k++) {
					assert_int_equal(cambium_rate(cb,
					    (int)s, (int)g, metrics[k],
					    cambium_year(cb, y), &r), 0);
					assert_true(fabs(r.combustion_kg_per_mwh +
					    r.precombustion_kg_per_mwh -
					    r.total_kg_per_mwh) <= 0.15 + 1e-9);
					n++;
				}
	assert_int_equal(n, 8 * 18 * 6 * 3);
}

/*
 * MidCase, ERCOT, lrmer_co2e (file lines with t = 2025 and 2030):
 *   _c 410.1 -> 151.5, _p 137.2 -> 45.5, total 547.3 -> 197.0 kg/MWh,
 *   distloss_rate_avg 0.0359 both years.
 * 2027 is 2/5 = 40 % of the way from 2025 to 2030 (weights 0.6 and 0.4):
 *   c = 410.1 + 0.4 x (151.5 - 410.1) = 410.1 - 103.44 = 306.66
 *     = 0.6 x 410.1 + 0.4 x 151.5 = 246.06 + 60.60
 *   p = 137.2 + 0.4 x (45.5 - 137.2) = 137.2 - 36.68 = 100.52
 *   total = 547.3 + 0.4 x (197.0 - 547.3) = 547.3 - 140.12 = 407.18
 * Tolerance 1e-12: the only error is double rounding of these decimals.
 */
static void
test_cambium_2027_interpolates_40_percent(void **state)
{
	struct cambium_rate	 r;
	int			 s = cambium_scenario_find(cb, "MidCase");
	int			 g = cambium_gea_find(cb, "ERCOT");

	(void)state;
	assert_int_equal(cambium_rate(cb, s, g, CAMBIUM_LRMER, 2027, &r), 0);
	assert_close(r.combustion_kg_per_mwh, 306.66, 1e-12);
	assert_close(r.precombustion_kg_per_mwh, 100.52, 1e-12);
	assert_close(r.total_kg_per_mwh, 407.18, 1e-12);
	assert_close(r.distloss_frac, 0.0359, 1e-12);
	assert_int_equal(r.year_used, 2027);
	assert_int_equal(r.clamped, 0);
	/* a file year is taken as is: srmer_co2e_c 2030 = 399.3, marginal
	 * loss rate 0.0539 */
	assert_int_equal(cambium_rate(cb, s, g, CAMBIUM_SRMER, 2030, &r), 0);
	assert_close(r.combustion_kg_per_mwh, 399.3, 1e-12);
	assert_close(r.distloss_frac, 0.0539, 1e-12);
	assert_int_equal(r.clamped, 0);
}

/* Before 2025: 2025's values (lrmer_co2e_c 410.1), clamped -1; after 2050:
 * 2050's (56.7), clamped +1. 2025 and 2050 themselves are not clamped. */
static void
test_cambium_outside_years_clamps(void **state)
{
	struct cambium_rate	 r;
	int			 s = cambium_scenario_find(cb, "MidCase");
	int			 g = cambium_gea_find(cb, "ERCOT");

	(void)state;
	assert_int_equal(cambium_rate(cb, s, g, CAMBIUM_LRMER, 2024, &r), 0);
	assert_close(r.combustion_kg_per_mwh, 410.1, 1e-12);
	assert_int_equal(r.year_used, 2025);
	assert_int_equal(r.clamped, -1);
	assert_int_equal(cambium_rate(cb, s, g, CAMBIUM_LRMER, 2025, &r), 0);
	assert_int_equal(r.clamped, 0);
	assert_int_equal(cambium_rate(cb, s, g, CAMBIUM_LRMER, 2061, &r), 0);
	assert_close(r.combustion_kg_per_mwh, 56.7, 1e-12);
	assert_int_equal(r.year_used, 2050);
	assert_int_equal(r.clamped, 1);
}

/* cambium-small.csv gives aer_load_co2e_c/_p in g/MWh (units row):
 * 300000 g/MWh = 300 kg/MWh, 100000 g/MWh = 100 kg/MWh, total 400 kg/MWh. */
static void
test_cambium_g_per_mwh_converted(void **state)
{
	struct cambium		*c = NULL;
	struct cambium_rate	 r;
	struct err		 e;

	(void)state;
	err_clear(&e);
	assert_int_equal(cambium_load(FIXTURES "/cambium-small.csv", &c, &e),
	    0);
	assert_int_equal(cambium_rate(c, 0, 0, CAMBIUM_AER, 2025, &r), 0);
	assert_close(r.combustion_kg_per_mwh, 300.0, 1e-15);
	assert_close(r.precombustion_kg_per_mwh, 100.0, 1e-15);
	assert_close(r.total_kg_per_mwh, 400.0, 1e-15);
	/* 2026: 300 + 0.2 x (200 - 300) = 280 */
	assert_int_equal(cambium_rate(c, 0, 0, CAMBIUM_AER, 2026, &r), 0);
	assert_close(r.combustion_kg_per_mwh, 280.0, 1e-12);
	cambium_free(c);
}

/* Every GEA the crosswalk names exists in the Cambium file. */
static void
test_gea_crosswalk_names_exist_in_cambium(void **state)
{
	struct geo_gea	*g = NULL;
	struct err	 e;

	(void)state;
	err_clear(&e);
	if (geo_gea_load(GEA_CSV, &g, &e) == -1) {
		print_error("%s:%d: %s\n", e.file, e.line, e.msg);
		fail();
	}
	assert_int_equal(geo_gea_ncounties(g), 3109);
	assert_int_equal(geo_gea_ngeas(g), 18);
	for (size_t i = 0; i < geo_gea_ngeas(g); i++)
		if (cambium_gea_find(cb, geo_gea_name(g, i)) < 0)
			fail_msg("GEA %s not in %s", geo_gea_name(g, i),
			    CAMBIUM_CSV);
	/* rows "12,11,Broward,...,FRCC" and "28,55,Issaquena,...,MISO_South";
	 * Shelby County, TN (Memphis) is 47157 */
	assert_string_equal(geo_gea_for_county(g, "12011"), "FRCC");
	assert_string_equal(geo_gea_for_county(g, "28055"), "MISO_South");
	assert_non_null(geo_gea_for_county(g, "47157"));
	assert_null(geo_gea_for_county(g, "99999"));
	assert_null(geo_gea_for_county(g, "1201"));
	assert_null(geo_gea_for_county(g, "120110"));
	assert_null(geo_gea_for_county(g, "12a11"));
	geo_gea_free(g);
}

/* Bad inputs: code, file, line and a key word of the message. */
static void
test_gridbases_bad_inputs_name_file_and_line(void **state)
{
	enum kind { AVERT, CAMBIUM, GEA };
	static const struct {
		enum kind	 kind;
		const char	*path;		/* under FIXTURES */
		const char	*file;		/* e->file ends with this */
		enum err_code	 code;
		int		 line;
		const char	*needle;
	} cases[] = {
		{ AVERT, "avert-malformed", "AVERT_2023_CO2_lb_per_kwh.csv",
		    ERR_CONFIG, 3, "malformed" },
		{ AVERT, "avert-nonfinite", "AVERT_2023_CO2_lb_per_kwh.csv",
		    ERR_CONFIG, 4, "non-finite" },
		{ AVERT, "no-such-folder", "AVERT_2023_CO2_lb_per_kwh.csv",
		    ERR_IO, 0, "cannot open" },
		{ CAMBIUM, "cambium-malformed.csv", "cambium-malformed.csv",
		    ERR_CONFIG, 8, "malformed" },
		{ CAMBIUM, "cambium-unit.csv", "cambium-unit.csv",
		    ERR_CONFIG, 5, "lb/MWh" },
		{ CAMBIUM, "cambium-duplicate.csv", "cambium-duplicate.csv",
		    ERR_CONFIG, 8, "repeats line 7" },
		{ CAMBIUM, "no-such-file.csv", "no-such-file.csv",
		    ERR_IO, 0, "cannot open" },
		{ GEA, "county-gea-malformed.csv", "county-gea-malformed.csv",
		    ERR_CONFIG, 3, "County FIPS" },
		{ GEA, "county-gea-duplicate.csv", "county-gea-duplicate.csv",
		    ERR_CONFIG, 4, "12011 listed twice (also line 2)" },
	};
	char		 path[256];
	struct err	 e;
	size_t		 i, fl, nl;
	int		 rc;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct avert	*a = NULL;
		struct cambium	*c = NULL;
		struct geo_gea	*g = NULL;

		snprintf(path, sizeof(path), "%s/%s", FIXTURES, cases[i].path);
		err_clear(&e);
		switch (cases[i].kind) {
		case AVERT:
			rc = avert_load(path, &a, &e);
			assert_null(a);
			break;
		case CAMBIUM:
			rc = cambium_load(path, &c, &e);
			assert_null(c);
			break;
		case GEA:
			rc = geo_gea_load(path, &g, &e);
			assert_null(g);
			break;
		}
		if (rc != -1 || e.code != cases[i].code ||
		    e.line != cases[i].line ||
		    strstr(e.msg, cases[i].needle) == NULL)
			fail_msg("case %s: rc %d, code %d, %s:%d: %s", path, rc,
			    (int)e.code, e.file, e.line, e.msg);
		fl = strlen(e.file);
		nl = strlen(cases[i].file);
		if (fl < nl || strcmp(e.file + fl - nl, cases[i].file) != 0)
			fail_msg("case %s: file \"%s\"", path, e.file);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_avert_regions_listed_in_file_order),
		cmocka_unit_test(test_avert_tn_flat_load_is_annual_mean),
		cmocka_unit_test(test_avert_january_only_load_gives_january_mean),
		cmocka_unit_test(test_avert_zero_energy_gives_annual_mean),
		cmocka_unit_test(test_avert_pm25_flat_load_is_annual_mean),
		cmocka_unit_test(test_avert_negative_rates_kept),
		cmocka_unit_test(test_avert_monthly_file_equals_hourly_reduction),
		cmocka_unit_test(test_avert_monthly_bad_rows),
		cmocka_unit_test(test_cambium_scenarios_geas_years),
		cmocka_unit_test(test_cambium_unknown_scenario_is_minus_one),
		cmocka_unit_test(test_cambium_parts_sum_to_total_in_kg),
		cmocka_unit_test(test_cambium_2027_interpolates_40_percent),
		cmocka_unit_test(test_cambium_outside_years_clamps),
		cmocka_unit_test(test_cambium_g_per_mwh_converted),
		cmocka_unit_test(test_gea_crosswalk_names_exist_in_cambium),
		cmocka_unit_test(test_gridbases_bad_inputs_name_file_and_line),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
