/* emissions/: grid and on-site arithmetic, CO2e, health, accounting. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/err.h"
#include "common/units.h"
#include "emissions/emissions.h"
#include "tests/test_util.h"

#define HEAD "name = \"T\";\nlocation = { lat = 32.4; lon = -91.7; country = \"US\"; state = \"LA\"; };\n"
/* a flat 1 MW of facility power: 4 racks of 250 kW at full idle share */
#define FLAT_1MW "racks = 4;\nhardware = { rack = { name = \"r\"; peak_kw = 250.0; idle_fraction = 1.0;\n" \
	"  accelerators = 1; accelerator_w = 1000; h100_per_accelerator = 1.0; }; utilization = 0.0; };\n" \
	"cooling = { pue = 1.0; wue_l_per_kwh = 0.5; };\n"

static struct emis_catalogs cats;

static int
setup(void **state)
{
	struct err	 e;

	(void)state;
	if (emis_catalogs_load_dir(&cats, "emissions", &e) == -1) {
		print_error("%s:%d: %s\n", e.file, e.line, e.msg);
		return -1;
	}
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	emis_catalogs_free(&cats);
	return 0;
}

static void
estimate(const char *text, const char *gwp, struct emis_result *out)
{
	struct emis_options o = { emis_gwp_find(&cats, gwp), EMIS_BASIS_EGRID_AVERAGE, 0, 0,
	    EMIS_HEALTH_EPA_BPT, 0 };
	struct emis_refs r;
	struct est_params p;
	struct est_result est;
	struct err	 e;
	struct site	*s = site_load_string(text, "t.cfg", &e);

	if (s == NULL)
		print_error("%s:%d: %s\n", e.file, e.line, e.msg);
	assert_non_null(s);
	assert_int_equal(emis_resolve(&cats, s, &r, &e), 0);
	est_params_from_site(s, &s->rack, 0, est_pick_central, NULL, &p);
	est_run(&p, &est);
	emis_run(&cats, &r, &p, &est, &o, out);
	site_free(s);
}

static void
test_grid_mass_is_energy_times_rate_grossed_up(void **state)
{
	struct emis_result r;

	(void)state;
	estimate(HEAD FLAT_1MW "supply = ( { kind = \"grid\"; region = \"US\"; } );\n",
	    "ar5", &r);
	/* 8,760 MWh drawn; eGRID rates are per MWh generated, US loss 4.2 %:
	 * 8760 / (1 - 0.042) = 9,144.05 MWh generated.
	 * NOx 0.455 lb/MWh: 9144.05 x 0.455 x 0.45359237 / 1000 = 1.88721 t
	 * CO2 767.209 lb/MWh: 9144.05 x 767.209 x 0.45359237e-3 = 3,182.18 t */
	assert_close(r.est.energy_mwh, 8760.0, 1e-12);
	assert_close(r.grid_generated_mwh, 8760.0 / (1.0 - 0.042), 1e-12);
	assert_close(r.total.mass_t[EMIS_NOX],
	    8760.0 / 0.958 * 0.455 * 0.45359237 / 1000.0, 1e-12);
	assert_close(r.total.mass_t[EMIS_CO2],
	    8760.0 / 0.958 * 767.209 * 0.45359237 / 1000.0, 1e-12);
	/* water on site: WUE 0.5 L/kWh x 8,760 MWh of IT = 4,380 m3 */
	assert_close(r.water_site_m3, 4380.0, 1e-12);
	/* Scope 2 (GHG Protocol, location-based) is on the 8,760 MWh
	 * consumed at the output rate: CO2e = 8760 x (CO2 + 28 CH4 + 265 N2O)
	 * (AR5); the losses line is the rest: x (1 / 0.958 - 1) */
	{
		const struct emis_grid *us = emis_grid_find(&cats, "US");
		double	 s2 = 8760.0 * (us->rate_t_per_mwh[EMIS_CO2] +
		    28.0 * us->rate_t_per_mwh[EMIS_CH4] +
		    265.0 * us->rate_t_per_mwh[EMIS_N2O]);

		assert_close(r.total.co2e_t, s2, 1e-12);
		assert_close(r.total.co2e_td_losses_t, s2 * (1.0 / 0.958 - 1.0), 1e-12);
		assert_close(r.co2e_incl_td_losses_t, s2 / 0.958, 1e-12);
		assert_close(r.co2e_market_t, s2, 1e-12);
	}
}

static void
test_turbine_mass_heat_rate_factor_control(void **state)
{
	struct emis_result r;

	(void)state;
	estimate(HEAD FLAT_1MW "supply = ( { kind = \"onsite\"; plant = \"ngcc\"; units = 1; unit_mw = 1.0;\n"
	    "  capacity_factor = 1.0; controls = \"dln\"; }, { kind = \"grid\"; region = \"US\"; } );\n",
	    "ar5", &r);
	/* all 8,760 MWh on site; fuel = 8760 x 6.654 MMBtu/MWh = 58,289.04 MMBtu.
	 * DLN replaces NOx with 0.099 lb/MMBtu (AP-42 Table 3.1-1):
	 * 58,289.04 x 0.099 = 5,770.61 lb = 2.61753 t.
	 * PM2.5 is not controlled: 58,289.04 x 0.0066 lb = 0.174502 t */
	assert_close(r.est.energy_onsite_mwh, 8760.0, 1e-12);
	assert_close(r.total.mass_t[EMIS_NOX], 8760.0 * 6.654 * 0.099 * 0.45359237e-3, 1e-12);
	assert_close(r.total.mass_t[EMIS_PM25], 8760.0 * 6.654 * 0.0066 * 0.45359237e-3, 1e-12);
	/* SCR at 2 ppm and an oxidation catalyst (CO reduced 90 %) */
	estimate(HEAD FLAT_1MW "supply = ( { kind = \"onsite\"; plant = \"ngcc\"; units = 1; unit_mw = 1.0;\n"
	    "  capacity_factor = 1.0; controls = [ \"scr\", \"oxidation-catalyst\" ]; nox_ppm = 2.0; },\n"
	    "  { kind = \"grid\"; region = \"US\"; } );\n", "ar5", &r);
	assert_close(r.total.mass_t[EMIS_NOX], 8760.0 * 6.654 *
	    emis_nox_ppm_to_lb_per_mmbtu(2.0, 8710.0) * 0.45359237e-3, 1e-12);
	/* CO 0.082 lb/MMBtu x (1 - 0.9) */
	assert_close(r.total.mass_t[EMIS_CO], 8760.0 * 6.654 * 0.082 * 0.1 * 0.45359237e-3, 1e-9);
}

static void
test_nox_ppm_conversion(void **state)
{
	(void)state;
	/* EPA Method 19: ppm x 1.194e-7 lb/dscf-ppm x 8,710 dscf/MMBtu x
	 * 20.9 / (20.9 - 15) = 0.0036840 x ppm for natural gas:
	 * 25 ppm -> 0.092100 lb/MMBtu, 2 ppm -> 0.0073680 */
	assert_close(emis_nox_ppm_to_lb_per_mmbtu(25.0, 8710.0),
	    25.0 * 1.194e-7 * 8710.0 * 20.9 / 5.9, 1e-15);
	assert_close(emis_nox_ppm_to_lb_per_mmbtu(25.0, 8710.0), 0.092100, 1e-4);
	assert_close(emis_nox_ppm_to_lb_per_mmbtu(2.0, 8710.0), 0.0073680, 1e-4);
}

static void
test_co2e_matches_egrid_us_under_ar5(void **state)
{
	const struct emis_grid *us = emis_grid_find(&cats, "US");
	const struct emis_gwp *ar5 = emis_gwp_find(&cats, "ar5");
	double	 co2e_lb;

	(void)state;
	assert_non_null(us);
	/* eGRID2023 rev2 US: CO2 767.209, CH4 0.057, N2O 0.008 lb/MWh and its
	 * own CO2e 770.884 (AR5): 767.209 + 28 x 0.057 + 265 x 0.008 = 770.925,
	 * 0.005 % above eGRID's (its CH4 and N2O are rounded to 3 decimals) */
	co2e_lb = (us->rate_t_per_mwh[EMIS_CO2] + ar5->ch4 * us->rate_t_per_mwh[EMIS_CH4] +
	    ar5->n2o * us->rate_t_per_mwh[EMIS_N2O]) * 1000.0 / UNIT_KG_PER_LB;
	assert_close(co2e_lb, 770.884, 0.001);
}

static void
test_gwp_switch_changes_only_ch4_n2o(void **state)
{
	struct emis_result a5, a6;
	const struct emis_gwp *g5 = emis_gwp_find(&cats, "ar5"), *g6 = emis_gwp_find(&cats, "ar6");

	(void)state;
	estimate(HEAD FLAT_1MW "supply = ( { kind = \"onsite\"; plant = \"sc-aero\"; units = 1; unit_mw = 0.5;\n"
	    "  capacity_factor = 1.0; }, { kind = \"grid\"; region = \"SRMV\"; } );\n", "ar5", &a5);
	estimate(HEAD FLAT_1MW "supply = ( { kind = \"onsite\"; plant = \"sc-aero\"; units = 1; unit_mw = 0.5;\n"
	    "  capacity_factor = 1.0; }, { kind = \"grid\"; region = \"SRMV\"; } );\n", "ar6", &a6);
	/* the masses include the grid losses: compare with the total that
	 * includes them too */
	assert_close(a6.co2e_incl_td_losses_t - a5.co2e_incl_td_losses_t,
	    (g6->ch4 - g5->ch4) * a5.total.mass_t[EMIS_CH4] +
	    (g6->n2o - g5->n2o) * a5.total.mass_t[EMIS_N2O], 1e-9);
	assert_close(a6.total.mass_t[EMIS_CO2], a5.total.mass_t[EMIS_CO2], 0.0);
}

static void
test_health_is_tonnes_times_value(void **state)
{
	struct emis_result r;
	double	 usd;

	(void)state;
	estimate(HEAD FLAT_1MW "supply = ( { kind = \"grid\"; region = \"SRMV\"; } );\n", "ar6", &r);
	/* EPA EGU benefit-per-ton (2015$): PM2.5 140,000, SO2 40,000, NOx 6,000
	 * $ per short ton = 907.18474 kg */
	usd = (r.total.mass_t[EMIS_PM25] * 140000.0 + r.total.mass_t[EMIS_SO2] * 40000.0 +
	    r.total.mass_t[EMIS_NOX] * 6000.0) * 1000.0 / 907.18474;
	assert_close(r.total.health_usd, usd, 1e-12);
	assert_true(r.total.health_usd > 0.0);
}

static void
test_ppa_counts_only_market_based(void **state)
{
	struct emis_result r;
	double	 gen_per_mwh = 1.0 / (1.0 - 0.0421);		/* SRMV loss 4.21 % */
	double	 co2_t_per_mwh = 739.72 * 0.45359237e-3;	/* rev2 SRMV */

	(void)state;
	estimate(HEAD FLAT_1MW "supply = ( { kind = \"ppa\"; technology = \"solar\"; capacity_mw = 1.0;\n"
	    "  capacity_factor = 0.25; }, { kind = \"grid\"; region = \"SRMV\"; } );\n", "ar6", &r);
	/* PPA: 1 MW x 0.25 x 8760 = 2,190 MWh; grid 6,570 MWh.
	 * location-based: all 8,760 MWh at the grid rate; market-based: 6,570 */
	assert_close(r.est.energy_ppa_mwh, 2190.0, 1e-12);
	assert_close(r.est.energy_grid_mwh, 6570.0, 1e-12);
	assert_close(r.total.mass_t[EMIS_CO2], 8760.0 * gen_per_mwh * co2_t_per_mwh, 1e-12);
	/* market-based is Scope 2: the 6,570 MWh consumed at the output rate,
	 * without the losses' share; the PPA row emits nothing market-based */
	assert_close(r.co2_market_t, 6570.0 * co2_t_per_mwh, 1e-12);
	assert_close(r.co2e_market_t, r.source[1].co2e_t, 1e-15);
	{
		char	 lab[200];
		struct site *s = site_load_string(HEAD FLAT_1MW "supply = ( { kind = "
		    "\"ppa\"; name = \"Solar PPA\"; technology = \"solar\"; capacity_mw = 1.0;\n"
		    "  capacity_factor = 0.25; }, { kind = \"grid\"; region = \"SRMV\"; } );\n",
		    "t.cfg", NULL);
		struct emis_refs rf;

		assert_non_null(s);
		assert_int_equal(emis_resolve(&cats, s, &rf, NULL), 0);
		assert_string_equal(emis_source_label(s, &rf, 0, lab, sizeof(lab)),
		    "SRMV grid (matched by Solar PPA)");
		site_free(s);
	}
	/* Louisiana 95.1 TWh (EIA SEDS 2022) */
	assert_close(r.state_share, 8760.0 / 95.1e6, 1e-12);
}

static void
write_file(const char *path, const char *text)
{
	FILE	*fp = fopen(path, "w");

	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

static void
copy_file(const char *from, const char *to)
{
	char	 buf[8192];
	size_t	 n;
	FILE	*in = fopen(from, "r"), *out = fopen(to, "w");

	assert_non_null(in);
	assert_non_null(out);
	while ((n = fread(buf, 1, sizeof(buf), in)) > 0)
		fwrite(buf, 1, n, out);
	fclose(in);
	fclose(out);
}

static void
test_catalog_bad_row_rejected_with_line(void **state)
{
	char	 dir[] = "/tmp/dcimpact-test-XXXXXX", path[256], b[256];
	struct emis_catalogs c;
	struct err e;
	static const char *const names[] = { "plants.cfg", "health.cfg", "context.cfg" };
	size_t	 i;

	(void)state;
	assert_non_null(mkdtemp(dir));
	for (i = 0; i < 3; i++) {
		snprintf(path, sizeof(path), "emissions/%s", names[i]);
		snprintf(b, sizeof(b), "%s/%s", dir, names[i]);
		copy_file(path, b);
	}
	snprintf(path, sizeof(path), "%s/grids.cfg", dir);
	write_file(path, "grids = (\n"
	    "  { id = \"XX\"; name = \"x\"; country = \"US\"; edition = \"e\"; year = 2023;\n"
	    "    co2_lb_per_mwh = 700.0; ch4_lb_per_mwh = 0.05;\n"
	    "    n2o_lb_per_mwh = -0.01;\n"
	    "    sources = ( \"s\" ); }\n);\n");
	assert_int_equal(emis_catalogs_load_dir(&c, dir, &e), -1);
	assert_int_equal(e.line, 4);
	assert_string_equal(e.file, path);
	assert_non_null(strstr(e.msg, "n2o_lb_per_mwh: out of range"));
	/* a mix that does not sum to 100 % */
	write_file(path, "grids = (\n"
	    "  { id = \"XX\"; name = \"x\"; country = \"US\"; edition = \"e\"; year = 2023;\n"
	    "    co2_lb_per_mwh = 700.0; ch4_lb_per_mwh = 0.05; n2o_lb_per_mwh = 0.01;\n"
	    "    mix_pct = { coal = 50.0; oil = 0.0; gas = 0.0; other_fossil = 0.0; nuclear = 0.0; hydro = 0.0;\n"
	    "      biomass = 0.0; wind = 0.0; solar = 0.0; geothermal = 0.0; other = 0.0; };\n"
	    "    sources = ( \"s\" ); }\n);\n");
	assert_int_equal(emis_catalogs_load_dir(&c, dir, &e), -1);
	assert_int_equal(e.line, 4);
	assert_non_null(strstr(e.msg, "sum to 50.00 %"));
	for (i = 0; i < 3; i++) {
		snprintf(b, sizeof(b), "%s/%s", dir, names[i]);
		unlink(b);
	}
	unlink(path);
	rmdir(dir);
}

static void
test_every_bundled_grid_has_finite_rates(void **state)
{
	size_t	 i;

	(void)state;
	assert_true(cats.ngrids >= 28 + 40);
	for (i = 0; i < cats.ngrids; i++) {
		const struct emis_grid *g = &cats.grids[i];

		if (g->co2e_only) {
			assert_true(g->co2e_t_per_mwh >= 0.0);
			continue;
		}
		for (int p = 0; p < EMIS_NPOLL; p++)
			if (!(g->rate_t_per_mwh[p] >= 0.0)) {
				print_error("grid %s pollutant %s: %g\n", g->id,
				    emis_pollutant_keys[p], g->rate_t_per_mwh[p]);
				fail();
			}
	}
}


/* Issue 12: a permit's ppm under DLN, a permit cap, the gas supply chain. */
static void
test_dln_ppm_permit_and_fuel_supply(void **state)
{
	struct emis_result r;
	struct site	*s;
	struct err	 e;
	double	 est, cap, fuel, ppm25;

	(void)state;
	/* DLN with the permit's 25 ppm: NOx follows the ppm (Method 19),
	 * 8,760 MWh x 6.654 MMBtu/MWh x 0.092100 lb/MMBtu x 0.45359237e-3 */
	estimate(HEAD FLAT_1MW "supply = ( { kind = \"onsite\"; plant = \"ngcc\"; units = 1; unit_mw = 1.0;\n"
	    "  capacity_factor = 1.0; controls = \"dln\"; nox_ppm = 25.0;\n"
	    "  permit_tpy = { nox = 1.0; co = 100.0; }; },\n"
	    "  { kind = \"grid\"; region = \"US\"; } );\n", "ar6", &r);
	ppm25 = emis_nox_ppm_to_lb_per_mmbtu(25.0, 8710.0);
	assert_close(ppm25, 0.092100, 1e-4);
	assert_close(r.total.mass_t[EMIS_NOX], 8760.0 * 6.654 * ppm25 *
	    0.45359237e-3, 1e-12);
	/* the cap: NOx 2.4 t = 2.67 short tons > 1.0 permitted (flagged);
	 * CO below its cap */
	s = site_load_string(HEAD FLAT_1MW "supply = ( { kind = \"onsite\"; plant = \"ngcc\"; units = 1; unit_mw = 1.0;\n"
	    "  capacity_factor = 1.0; controls = \"dln\"; nox_ppm = 25.0;\n"
	    "  permit_tpy = { nox = 1.0; co = 100.0; }; },\n"
	    "  { kind = \"grid\"; region = \"US\"; } );\n", "t.cfg", &e);
	assert_non_null(s);
	assert_int_equal(emis_permit(s, &r, 0, EMIS_NOX, &est, &cap), 1);
	assert_close(cap, 1.0, 0.0);
	assert_close(est, r.source[0].mass_t[EMIS_NOX] / 0.90718474, 1e-12);
	assert_true(est > cap);
	assert_int_equal(emis_permit(s, &r, 0, EMIS_CO, &est, &cap), 1);
	assert_true(est < cap);
	assert_int_equal(emis_permit(s, &r, 0, EMIS_SO2, &est, &cap), 0);
	assert_int_equal(emis_permit(s, &r, 1, EMIS_NOX, &est, &cap), 0);
	site_free(s);
	/* fuel supply chain = MMBtu burnt x the catalog's factor:
	 * 8,760 MWh x 6.654 MMBtu/MWh = 58,289.04 MMBtu x 11.9 kg / 1000 */
	fuel = 8760.0 * 6.654;
	assert_close(unc_central(&cats.gas_supply_co2e_kg_per_mmbtu), 11.9, 1e-9);
	assert_close(r.co2e_fuel_supply_t, fuel * 11.9 / 1000.0, 1e-12);
	assert_close(r.co2e_incl_fuel_supply_t, r.total.co2e_t + fuel * 11.9 / 1000.0,
	    1e-12);
	/* a per-supply heat rate moves fuel, CO2 and the supply chain in
	 * proportion: 7.0 / 6.654 */
	{
		struct emis_result h;

		estimate(HEAD FLAT_1MW "supply = ( { kind = \"onsite\"; plant = \"ngcc\"; units = 1; unit_mw = 1.0;\n"
		    "  capacity_factor = 1.0; controls = \"dln\"; nox_ppm = 25.0;\n"
		    "  heat_rate_mmbtu_per_mwh = 7.0; },\n"
		    "  { kind = \"grid\"; region = \"US\"; } );\n", "ar6", &h);
		assert_close(h.total.mass_t[EMIS_CO2], r.total.mass_t[EMIS_CO2] *
		    7.0 / 6.654, 1e-12);
		assert_close(h.co2e_fuel_supply_t, r.co2e_fuel_supply_t * 7.0 / 6.654,
		    1e-12);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_grid_mass_is_energy_times_rate_grossed_up),
		cmocka_unit_test(test_turbine_mass_heat_rate_factor_control),
		cmocka_unit_test(test_nox_ppm_conversion),
		cmocka_unit_test(test_co2e_matches_egrid_us_under_ar5),
		cmocka_unit_test(test_gwp_switch_changes_only_ch4_n2o),
		cmocka_unit_test(test_health_is_tonnes_times_value),
		cmocka_unit_test(test_ppa_counts_only_market_based),
		cmocka_unit_test(test_dln_ppm_permit_and_fuel_supply),
		cmocka_unit_test(test_catalog_bad_row_rejected_with_line),
		cmocka_unit_test(test_every_bundled_grid_has_finite_rates),
	};

	return cmocka_run_group_tests_name("emissions", tests, setup, teardown);
}
