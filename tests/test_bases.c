/* Grid bases in the model: AVERT weighted by a site's monthly load, Cambium
 * per MWh at the meter, the fallback where a basis is not available, and
 * the grid_regions override. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "emissions/emissions.h"
#include "tests/test_util.h"

static struct emis_catalogs cats;

static int
setup(void **state)
{
	struct err	 e;

	(void)state;
	if (emis_catalogs_load_dir(&cats, "emissions", &e) == -1 ||
	    emis_grid_data_load(&cats, &e) == -1) {
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

/* 4 racks of 250 kW at full idle share: a flat 1 MW of IT power, all from
 * the SRTV grid, in Memphis (AVERT TN, Cambium SERTP); "pue" is either one
 * number or 12 monthly values. */
#define SITE "name = \"T\";\n" \
	"location = { lat = 35.06; lon = -90.14; country = \"US\"; state = \"TN\"; };\n" \
	"racks = 4;\nhardware = { rack = { name = \"r\"; peak_kw = 250.0; idle_fraction = 1.0;\n" \
	"  accelerators = 1; accelerator_w = 1000; h100_per_accelerator = 1.0; }; utilization = 0.0; };\n" \
	"cooling = { pue = %s; wue_l_per_kwh = 0.5; };\n" \
	"supply = ( { kind = \"grid\"; region = \"SRTV\"; } );\n%s"

static void
run(const char *pue, const char *extra, enum emis_grid_basis b, int year,
    struct emis_refs *r, struct emis_result *out, struct err *e, int *rc)
{
	struct emis_options o = { emis_gwp_find(&cats, "ar6"), b, year,
	    cambium_scenario_find(cats.cambium, "MidCase"), EMIS_HEALTH_EPA_BPT,
	    year };
	struct est_params p;
	struct est_result est;
	char		 text[2048];
	struct site	*s;

	snprintf(text, sizeof(text), SITE, pue, extra);
	if ((s = site_load_string(text, "t.cfg", e)) == NULL)
		print_error("%s:%d: %s\n", e->file, e->line, e->msg);
	assert_non_null(s);
	assert_int_equal(emis_resolve(&cats, s, r, e), 0);
	*rc = emis_grid_resolve(&cats, s, "TN", "SERTP", &o, r, e);
	if (*rc == 0) {
		est_params_from_site(s, &s->rack, year, est_pick_central, NULL, &p);
		est_run(&p, &est);
		emis_run(&cats, r, &p, &est, &o, out);
	}
	site_free(s);
}

/*
 * A PUE of 1.0 in the first half of the year and 2.0 in the second: the
 * site draws 1 MW x hours in January-June and 2 MW x hours in July-December
 * (2023 is not a leap year: 4,344 h and 4,416 h). The AVERT NOx rate of the
 * grid energy is then sum_m E_m x mean_m / sum_m E_m, with E_m = P_m x h_m:
 * each month's mean weighted by its energy, not by its hours; and the
 * site's grid NOx is that rate x energy: AVERT's rates are per MWh at the
 * meter, losses inside (EPA's AVERT emission rates workbook, README), so
 * no eGRID gross-up.
 */
static void
test_avert_weights_months_by_energy(void **state)
{
	struct emis_refs r;
	struct emis_result a, flat;
	struct err	 e;
	double	 num = 0.0, den = 0.0, w, rate, gross;
	int	 m, rc, tn = avert_region_find(cats.avert, "TN");

	(void)state;
	run("[ 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 2.0, 2.0, 2.0, 2.0, 2.0, 2.0 ]", "",
	    EMIS_BASIS_AVERT, 2023, &r, &a, &e, &rc);
	assert_int_equal(rc, 0);
	assert_int_equal(r.gplace.avert_region, tn);
	for (m = 1; m <= 12; m++) {
		w = (m <= 6 ? 1.0 : 2.0) * (double)avert_month_hours(cats.avert, m);
		num += w * avert_month_mean_t_per_mwh(cats.avert, tn, AVERT_NOX, m);
		den += w;
	}
	rate = num / den;
	assert_close(a.est.energy_mwh, den, 1e-12);	/* 4,344 + 2 x 4,416 MWh */
	assert_close(a.est.energy_mwh, 4344.0 + 2.0 * 4416.0, 1e-12);
	assert_close(a.total.mass_t[EMIS_NOX], rate * den, 1e-12);
	assert_close(a.basis_t[EMIS_BASIS_AVERT][1], rate * den, 1e-12);
	/* CH4 stays at eGRID's average rate, per MWh generated */
	gross = 1.0 / (1.0 - r.grid->loss_frac);
	assert_close(a.total.mass_t[EMIS_CH4], den * gross *
	    r.grid->rate_t_per_mwh[EMIS_CH4], 1e-12);
	/* a flat load gives the 8,760-hour mean */
	run("1.0", "", EMIS_BASIS_AVERT, 2023, &r, &flat, &e, &rc);
	assert_close(flat.total.mass_t[EMIS_NOX] / flat.est.energy_mwh,
	    avert_annual_mean_t_per_mwh(cats.avert, tn, AVERT_NOX), 1e-12);
}

/*
 * Cambium, MidCase, SERTP: in 2027 the rate is 40 % of the way from 2025 to
 * 2030; the CO2e of 8,760 MWh at the meter is 8,760 x rate / 1000 t with
 * no loss gross-up (Cambium's rates are per MWh of end-use load), and the
 * fuel supply chain is its own figure.
 */
static void
test_cambium_year_and_meter(void **state)
{
	struct cambium_rate r25, r30;
	struct emis_refs r;
	struct emis_result a;
	struct err	 e;
	int	 sc = cambium_scenario_find(cats.cambium, "MidCase");
	int	 gea = cambium_gea_find(cats.cambium, "SERTP"), rc;
	double	 want;

	(void)state;
	assert_int_equal(cambium_rate(cats.cambium, sc, gea, CAMBIUM_LRMER, 2025, &r25), 0);
	assert_int_equal(cambium_rate(cats.cambium, sc, gea, CAMBIUM_LRMER, 2030, &r30), 0);
	run("1.0", "", EMIS_BASIS_CAMBIUM_LRMER, 2027, &r, &a, &e, &rc);
	assert_int_equal(rc, 0);
	want = r25.combustion_kg_per_mwh + 0.4 * (r30.combustion_kg_per_mwh -
	    r25.combustion_kg_per_mwh);
	assert_close(a.total.co2e_t, 8760.0 * want / 1000.0, 1e-12);
	assert_close(a.basis_t[EMIS_BASIS_CAMBIUM_LRMER][0], 8760.0 * want / 1000.0,
	    1e-12);
	want = r25.precombustion_kg_per_mwh + 0.4 * (r30.precombustion_kg_per_mwh -
	    r25.precombustion_kg_per_mwh);
	assert_close(a.co2e_grid_precombustion_t, 8760.0 * want / 1000.0, 1e-12);
	assert_false(a.basis_fallback);
	/* before 2025: 2025's rates, clamped */
	run("1.0", "", EMIS_BASIS_CAMBIUM_LRMER, 2020, &r, &a, &e, &rc);
	assert_int_equal(r.gplace.cambium[1].clamped, -1);
	assert_close(a.total.co2e_t, 8784.0 * r25.combustion_kg_per_mwh / 1000.0,
	    1e-12);	/* 2020 is a leap year: 8,784 h */
}

static void
test_override_and_unknown(void **state)
{
	struct emis_refs r;
	struct emis_result a;
	struct err	 e;
	int	 rc;

	(void)state;
	run("1.0", "grid_regions = { avert = \"SE\"; cambium = \"MISO_South\"; };\n",
	    EMIS_BASIS_AVERT, 2025, &r, &a, &e, &rc);
	assert_int_equal(rc, 0);
	assert_int_equal(r.gplace.avert_region, avert_region_find(cats.avert, "SE"));
	assert_int_equal(r.gplace.cambium_gea, cambium_gea_find(cats.cambium,
	    "MISO_South"));
	run("1.0", "grid_regions = { cambium = \"Atlantis\"; };\n",
	    EMIS_BASIS_AVERT, 2025, &r, &a, &e, &rc);
	assert_int_equal(rc, -1);
	assert_int_equal(e.line, 8);	/* the line after supply */
	assert_non_null(strstr(e.msg, "grid_regions.cambium: unknown Cambium GEA \"Atlantis\""));
	assert_non_null(strstr(e.msg, "SERTP"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_avert_weights_months_by_energy),
		cmocka_unit_test(test_cambium_year_and_meter),
		cmocka_unit_test(test_override_and_unknown),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
