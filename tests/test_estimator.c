/* estimator/: racks -> IT -> facility power, months, supply dispatch. */
#include <stdio.h>
#include <string.h>

#include "common/err.h"
#include "estimator/estimator.h"
#include "tests/test_util.h"

#define HEAD "name = \"T\";\nlocation = { lat = 32.4; lon = -91.7; country = \"US\"; };\n"

static struct site *
load(const char *text)
{
	struct err	 e;
	struct site	*s = site_load_string(text, "t.cfg", &e);

	if (s == NULL)
		print_error("%s:%d: %s\n", e.file, e.line, e.msg);
	assert_non_null(s);
	return s;
}

static void
run_site(const struct site *s, int year, struct est_params *p, struct est_result *r)
{
	struct est_racks cat;
	struct site_rack rack;
	struct err	 e;

	assert_int_equal(est_racks_load("estimator/racks.cfg", &cat, &e), 0);
	assert_int_equal(est_site_rack(&cat, s, &rack, &e), 0);
	est_params_from_site(s, &rack, year, est_pick_central, NULL, p);
	est_run(p, r);
	est_racks_free(&cat);
}

static void
test_energy_inline_racks_by_hand(void **state)
{
	struct site	*s = load(HEAD "racks = 100;\n"
	    "hardware = { rack = { name = \"r\"; peak_kw = 100.0; idle_fraction = 0.2;\n"
	    "  accelerators = 8; accelerator_w = 1000; h100_per_accelerator = 1.0; };\n"
	    "  utilization = 0.5; overhead = 0.1; };\n"
	    "cooling = { pue = 1.25; wue_l_per_kwh = 0.0; };\n");
	struct est_params p;
	struct est_result r;

	(void)state;
	run_site(s, 0, &p, &r);
	/* 100 racks x 100 kW x (0.2 + 0.8 x 0.5) x 1.1 x 1.25 x 8760 h / 1000
	 * = 72,270 MWh; facility peak 100 x 100 x 1.1 x 1.25 / 1000 = 13.75 MW */
	assert_close(r.energy_mwh, 72270.0, 1e-9);
	assert_close(r.facility_mw, 13.75, 1e-12);
	assert_close(r.it_mw, 11.0, 1e-12);
	assert_close(r.facility_avg_mw, 72270.0 / 8760.0, 1e-12);
	/* IT energy = facility / PUE = 57,816 MWh */
	assert_close(r.it_energy_mwh, 57816.0, 1e-9);
	assert_close(r.accelerators, 800.0, 0.0);
	/* the grid takes all of it */
	assert_close(r.energy_grid_mwh, 72270.0, 1e-9);
	site_free(s);
}

static void
test_energy_load_factor_and_leap_year(void **state)
{
	struct site	*s = load(HEAD "capacity_mw = 1000;\n"
	    "hardware = { rack = \"gb200-nvl72\"; load_factor = 0.8; };\n"
	    "cooling = { pue = 1.2; wue_l_per_kwh = 0.2; };\n");
	struct est_params p;
	struct est_result r;

	(void)state;
	run_site(s, 0, &p, &r);
	/* 1000 MW x 0.8 x 8760 h = 7,008,000 MWh */
	assert_close(r.energy_mwh, 7008000.0, 1e-9);
	run_site(s, 2028, &p, &r);
	/* 2028 is a leap year: 8784 h -> 7,027,200 MWh; February 696 h */
	assert_close(r.hours, 8784.0, 0.0);
	assert_close(r.hours_by_month[1], 696.0, 0.0);
	assert_close(r.energy_mwh, 7027200.0, 1e-9);
	run_site(s, 2027, &p, &r);
	assert_close(r.energy_mwh, 7008000.0, 1e-9);
	site_free(s);
}

static void
test_sizing_capacity_accelerators_h100e(void **state)
{
	struct est_params p;
	struct est_result r;

	(void)state;
	memset(&p, 0, sizeof(p));
	p.rack_peak_kw = 132.0;
	p.idle_frac = 0.25;
	p.accelerators_per_rack = 72.0;
	p.h100_per_accelerator = 2.5;
	p.utilization_frac = 1.0;
	p.load_factor = -1.0;
	for (int m = 0; m < SITE_MONTHS; m++)
		p.pue_by_month[m] = 1.25;
	p.nsupply = 1;
	/* capacity: floor(100,000 kW / (132 kW x 1.25)) = floor(606.06) = 606 */
	p.sizing = SITE_SIZE_CAPACITY;
	p.size = 100.0;
	est_run(&p, &r);
	assert_close(r.racks, 606.0, 0.0);
	assert_close(r.facility_mw, 100.0, 0.0);	/* the design power */
	/* accelerators: ceil(1000 / 72) = ceil(13.9) = 14 racks */
	p.sizing = SITE_SIZE_ACCELERATORS;
	p.size = 1000.0;
	est_run(&p, &r);
	assert_close(r.racks, 14.0, 0.0);
	/* H100e: ceil(1e6 / (72 x 2.5)) = ceil(5555.6) = 5556 racks */
	p.sizing = SITE_SIZE_H100E;
	p.size = 1.0e6;
	est_run(&p, &r);
	assert_close(r.racks, 5556.0, 0.0);
	assert_close(r.h100_equivalents, 5556.0 * 72.0 * 2.5, 1e-12);
}

static void
test_dispatch_caps_by_demand_onsite_first(void **state)
{
	struct site	*s = load(HEAD "racks = 4;\n"
	    "hardware = { rack = { name = \"r\"; peak_kw = 10000.0; idle_fraction = 1.0;\n"
	    "  accelerators = 1; accelerator_w = 1000; h100_per_accelerator = 1.0; };\n"
	    "  utilization = 0.0; };\n"
	    "cooling = { pue = 1.0; wue_l_per_kwh = 0.0; };\n"
	    "supply = ( { kind = \"ppa\"; technology = \"solar\"; capacity_mw = 100.0; capacity_factor = 0.25; },\n"
	    "  { kind = \"onsite\"; plant = \"ngcc\"; units = 1; unit_mw = 30.0; capacity_factor = 1.0; },\n"
	    "  { kind = \"grid\"; region = \"US\"; } );\n");
	struct est_params p;
	struct est_result r;

	(void)state;
	run_site(s, 0, &p, &r);
	/* 4 racks x 10 MW at idle fraction 1: a flat 40 MW, 350,400 MWh. On-site first: 30 MW x 8760 h =
	 * 262,800; the PPA could give 100 x 0.25 x 8760 = 219,000 but only
	 * 87,600 is left; the grid gets 0. */
	assert_close(r.energy_mwh, 350400.0, 1e-12);
	assert_close(r.supply_mwh[1], 262800.0, 1e-12);
	assert_close(r.supply_mwh[0], 87600.0, 1e-12);
	assert_close(r.energy_grid_mwh, 0.0, 0.0);
	assert_close(r.energy_onsite_mwh + r.energy_ppa_mwh + r.energy_grid_mwh,
	    r.energy_mwh, 1e-12);
	site_free(s);
}

static void
test_phases_before_first_is_zero(void **state)
{
	struct site	*s = load(HEAD "capacity_mw = 5000.0;\n"
	    "phases = ( { year = 2028; capacity_mw = 2000.0; }, { year = 2030; capacity_mw = 5000.0; } );\n"
	    "hardware = { rack = \"gb200-nvl72\"; load_factor = 0.5; };\n"
	    "cooling = { pue = 1.2; wue_l_per_kwh = 0.2; };\n");
	struct est_params p;
	struct est_result r;

	(void)state;
	run_site(s, 2026, &p, &r);
	assert_close(r.energy_mwh, 0.0, 0.0);
	assert_close(r.racks, 0.0, 0.0);
	run_site(s, 2029, &p, &r);
	/* 2,000 MW x 0.5 x 8760 h = 8,760,000 MWh */
	assert_close(r.energy_mwh, 8760000.0, 1e-12);
	site_free(s);
}

static void
test_monthly_pue_energy(void **state)
{
	struct site	*s = load(HEAD "racks = 10;\n"
	    "hardware = { rack = { name = \"r\"; peak_kw = 100.0; idle_fraction = 0.0;\n"
	    "  accelerators = 1; accelerator_w = 1000; h100_per_accelerator = 1.0; };\n"
	    "  utilization = 1.0; };\n"
	    "cooling = { pue = [ 1.0, 1.0, 1.0, 1.0, 1.0, 1.5, 1.5, 1.5, 1.0, 1.0, 1.0, 1.0 ]; wue_l_per_kwh = 0.0; };\n");
	struct est_params p;
	struct est_result r;

	(void)state;
	run_site(s, 0, &p, &r);
	/* 1 MW of IT; June-August (30+31+31 = 92 days = 2208 h) at PUE 1.5:
	 * 1 x (8760 - 2208) + 1.5 x 2208 = 6552 + 3312 = 9,864 MWh */
	assert_close(r.energy_mwh, 9864.0, 1e-12);
	assert_close(r.energy_by_month_mwh[6], 1.5 * 744.0, 1e-12);
	/* facility peak uses the highest PUE: 1 MW x 1.5 */
	assert_close(r.facility_mw, 1.5, 1e-12);
	site_free(s);
}

static void
test_rack_catalog(void **state)
{
	static const char *const ids[] = { "gb200-nvl72", "gb300-nvl72", "dgx-h100",
	    "dgx-h200", "dgx-b200", "hgx-b300", "mi300x-8", "mi355x-8" };
	struct est_racks cat;
	struct err	 e;
	const struct site_rack *r;
	double		 sum;
	size_t		 i;
	int		 c;

	(void)state;
	assert_int_equal(est_racks_load("estimator/racks.cfg", &cat, &e), 0);
	for (i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		assert_non_null(r = est_racks_find(&cat, ids[i]));
		for (sum = 0.0, c = 0; c < SITE_NCOMP; c++)
			sum += r->components_kw[c];
		assert_close(sum, unc_central(&r->peak_kw), 0.005);
		/* accelerators_kw = count x watts */
		assert_close(r->components_kw[SITE_COMP_ACCELERATORS],
		    r->accelerators_count * r->accelerator_w / 1000.0, 1e-9);
	}
	/* DGX H100: 8 x 700 W, 10.2 kW system */
	r = est_racks_find(&cat, "dgx-h100");
	assert_close(unc_central(&r->peak_kw), 10.2, 1e-12);
	est_racks_free(&cat);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_energy_inline_racks_by_hand),
		cmocka_unit_test(test_energy_load_factor_and_leap_year),
		cmocka_unit_test(test_sizing_capacity_accelerators_h100e),
		cmocka_unit_test(test_dispatch_caps_by_demand_onsite_first),
		cmocka_unit_test(test_phases_before_first_is_zero),
		cmocka_unit_test(test_monthly_pue_energy),
		cmocka_unit_test(test_rack_catalog),
	};

	return cmocka_run_group_tests_name("estimator", tests, NULL, NULL);
}
