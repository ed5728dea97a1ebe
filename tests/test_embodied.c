/* Embodied emissions: the catalog (estimator/embodied.cfg), purchases by
 * phase, lifetimes and the share of a year's CO2e. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "common/err.h"
#include "emissions/embodied.h"
#include "tests/test_util.h"

#define HEAD "name = \"T\";\nlocation = { lat = 32.4; lon = -91.7; country = \"US\"; };\n"
#define COOL "cooling = { pue = 1.0; wue_l_per_kwh = 0.0; };\n" \
	"supply = ( { kind = \"grid\"; region = \"US\"; } );\n"

static struct emis_catalogs cats;
static struct est_racks racks;

static int
setup(void **state)
{
	struct err	 e;

	(void)state;
	if (est_racks_load("estimator/racks.cfg", &racks, &e) == -1 ||
	    emis_catalogs_load_dir(&cats, "emissions", &e) == -1) {
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
	est_racks_free(&racks);
	return 0;
}

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

/* The site of "text" in "year" (0: build-out), central values. */
static void
estimate(const char *text, int year, struct est_embodied_parts *parts,
    struct emis_result *out)
{
	struct emis_options o = { emis_gwp_find(&cats, "ar6"),
	    EMIS_BASIS_EGRID_AVERAGE, 0, 0, EMIS_HEALTH_EPA_BPT, 0 };
	struct emis_refs r;
	struct est_params p;
	struct est_result est;
	struct site_rack rack;
	struct err	 e;
	struct site	*s = load(text);

	assert_int_equal(est_site_rack(&racks, s, &rack, &e), 0);
	assert_int_equal(emis_resolve(&cats, s, &r, &e), 0);
	est_params_from_site(s, &rack, year, est_pick_central, NULL, &p);
	est_run(&p, &est);
	est_embodied_parts(&p, &est, parts);
	emis_run(&cats, &r, &p, &est, &o, out);
	site_free(s);
}

#define DGX100 HEAD "racks = 100;\nhardware = { rack = \"dgx-h100\"; " \
	"utilization = 0.5; };\n" COOL

static void
test_embodied_dgx_h100_accelerators_are_boards_times_pcf(void **state)
{
	struct est_embodied_parts pt;
	struct emis_result r;

	(void)state;
	estimate(DGX100, 0, &pt, &r);
	/* 100 DGX H100 systems, one HGX H100 board each, 1,312 kg per board
	 * (NVIDIA HGX H100 PCF): 100 x 1,312 = 131,200 kg */
	assert_close(pt.racks_bought, 100.0, 0.0);
	assert_close(pt.accel_kg, 100.0 * 1312.0, 1e-12);
	/* the system: board 1,312 + host 2,381 = 3,693 kg; x 100 = 369,300 */
	assert_close(pt.hardware_kg, 369300.0, 1e-12);
	/* buildings: IT 100 x 10.2 kW = 1.02 MW (no overhead) x 692,045 kg
	 * per MW = 705,885.9 kg */
	assert_close(pt.it_mw_built, 1.02, 1e-12);
	assert_close(pt.building_kg, 1.02 * 692045.0, 1e-12);
	/* annualised: hardware over 5 years (catalog mode), buildings 20:
	 * 369,300 / 5 = 73,860; 705,885.9 / 20 = 35,294.295 kg a year */
	assert_close(pt.hardware_kg_per_year, 73860.0, 1e-12);
	assert_close(pt.building_kg_per_year, 1.02 * 692045.0 / 20.0, 1e-12);
	assert_close(r.embodied_co2e_t, (369300.0 + 1.02 * 692045.0) / 1000.0,
	    1e-12);
	assert_close(r.embodied_co2e_t_per_year,
	    (73860.0 + 1.02 * 692045.0 / 20.0) / 1000.0, 1e-12);
	/* share = per year / (per year + the location-based CO2e) */
	assert_close(r.embodied_share, r.embodied_co2e_t_per_year /
	    (r.embodied_co2e_t_per_year + r.total.co2e_t), 1e-12);
	assert_true(r.embodied_share > 0.0 && r.embodied_share < 1.0);
}

static void
test_embodied_lifetime_from_site_divides_hardware(void **state)
{
	struct est_embodied_parts pt;
	struct emis_result r;

	(void)state;
	estimate(HEAD "racks = 100;\nhardware = { rack = \"dgx-h100\"; "
	    "utilization = 0.5; lifetime_years = 4; manufacturing_grid = \"AZNM\"; };\n"
	    COOL, 0, &pt, &r);
	/* 369,300 kg / 4 years = 92,325 kg a year; buildings keep 20 years;
	 * the manufacturing grid changes no figure */
	assert_close(pt.hardware_kg, 369300.0, 1e-12);
	assert_close(pt.hardware_kg_per_year, 92325.0, 1e-12);
	assert_close(pt.building_kg_per_year, 1.02 * 692045.0 / 20.0, 1e-12);
	assert_close(pt.kg_per_year, 92325.0 + 1.02 * 692045.0 / 20.0, 1e-12);
}

#define PHASED HEAD "racks = 100;\nphases = ( { year = 2026; racks = 60; },\n" \
	"  { year = 2027; racks = 40; }, { year = 2028; racks = 100; } );\n" \
	"hardware = { rack = \"dgx-h100\"; utilization = 0.5; };\n" COOL

static void
test_embodied_phases_buy_what_each_adds(void **state)
{
	struct est_embodied_parts pt;
	struct emis_result r;

	(void)state;
	/* 2025: before the first phase, nothing is built */
	estimate(PHASED, 2025, &pt, &r);
	assert_close(pt.racks_bought, 0.0, 0.0);
	assert_close(r.embodied_co2e_t, 0.0, 0.0);
	/* 2026: 60 bought; 60 x 3,693 = 221,580 kg */
	estimate(PHASED, 2026, &pt, &r);
	assert_close(pt.racks_bought, 60.0, 0.0);
	assert_close(pt.hardware_kg, 221580.0, 1e-12);
	/* 2027: the phase shrinks to 40; nothing bought, the 60 stay counted,
	 * buildings for the 60 racks' 0.612 MW */
	estimate(PHASED, 2027, &pt, &r);
	assert_close(pt.racks_bought, 60.0, 0.0);
	assert_close(pt.it_mw_built, 0.612, 1e-12);
	/* 2028: 40 more to reach 100: 60 + 40 = 100 bought */
	estimate(PHASED, 2028, &pt, &r);
	assert_close(pt.racks_bought, 100.0, 0.0);
	assert_close(pt.hardware_kg, 369300.0, 1e-12);
	/* build-out: the phases, then the top-level 100: still 100 */
	estimate(PHASED, 0, &pt, &r);
	assert_close(pt.racks_bought, 100.0, 0.0);
	assert_close(pt.hardware_kg_per_year, 369300.0 / 5.0, 1e-12);
}

#define INLINE(extra) HEAD "racks = 10;\nhardware = { rack = { name = \"r\"; " \
	"peak_kw = 100.0; idle_fraction = 0.2; accelerators = 8; " \
	"accelerator_w = 1000; h100_per_accelerator = 1.0; " extra " }; " \
	"utilization = 0.5; };\n" COOL

static void
test_embodied_inline_rack_unknown_without_figure(void **state)
{
	struct est_embodied_parts pt;
	struct emis_result r;

	(void)state;
	estimate(INLINE(""), 0, &pt, &r);
	/* unknown, never 0 */
	assert_true(isnan(r.embodied_co2e_t));
	assert_true(isnan(r.embodied_co2e_t_per_year));
	assert_true(isnan(r.embodied_share));
	/* embodied_kg = 5000: 10 x 5,000 = 50,000 kg of hardware, buildings
	 * for 1 MW of IT: 692,045 kg */
	estimate(INLINE("embodied_kg = 5000;"), 0, &pt, &r);
	assert_close(pt.hardware_kg, 50000.0, 1e-12);
	assert_true(isnan(pt.accel_kg));
	assert_close(r.embodied_co2e_t, (50000.0 + 692045.0) / 1000.0, 1e-12);
	assert_close(r.embodied_co2e_t_per_year,
	    (10000.0 + 692045.0 / 20.0) / 1000.0, 1e-12);
}

static void
test_embodied_share_by_hand(void **state)
{
	struct est_embodied_parts pt;

	(void)state;
	memset(&pt, 0, sizeof(pt));
	pt.kg_per_year = 1000.0;	/* 1 t a year beside 3 t: 1 / 4 */
	assert_close(emis_embodied_share(&pt, 3.0), 0.25, 1e-15);
	pt.kg_per_year = 0.0;
	assert_true(isnan(emis_embodied_share(&pt, 0.0)));
	pt.kg_per_year = (double)NAN;
	assert_true(isnan(emis_embodied_share(&pt, 3.0)));
}

static void
test_embodied_catalog_racks_all_have_figures(void **state)
{
	size_t	 i;
	const struct site_rack *r;

	(void)state;
	assert_true(racks.emb.has_catalog);
	for (i = 0; i < racks.nracks; i++) {
		r = &racks.racks[i];
		assert_true(r->emb.has_rack);
		assert_true(r->emb.has_accel);
		/* min <= mode <= max, the accelerators a part of the whole */
		assert_true(r->emb.rack_kg.a <= r->emb.rack_kg.b);
		assert_true(r->emb.rack_kg.b <= r->emb.rack_kg.c);
		assert_true(r->emb.accel_kg.b < r->emb.rack_kg.b);
		assert_true(r->emb.rack_source[0] != '\0');
	}
	/* gb200-nvl72: 72 x 293.54 + 9,828 + 18 x 288.88 + 9 x 244.9 +
	 * 48 x 72.66 + 4,976.64 + 108 x 20 + 2,500 = 51,491.4 kg */
	r = est_racks_find(&racks, "gb200-nvl72");
	assert_non_null(r);
	assert_close(r->emb.rack_kg.b, 72 * 293.54 + 9828.0 + 18 * 288.88 +
	    9 * 244.9 + 48 * 72.66 + 4976.64 + 108 * 20.0 + 2500.0, 1e-12);
}

static void
test_embodied_bad_settings_give_file_and_line(void **state)
{
	static const struct { const char *text; int line; const char *needle; } cases[] = {
		{ HEAD "racks = 1;\nhardware = { rack = \"dgx-h100\"; utilization = 0.5;\n"
		    "  lifetime_years = 0; };\n" COOL, 5, "lifetime_years" },
		{ HEAD "racks = 1;\nhardware = { rack = \"dgx-h100\"; utilization = 0.5;\n"
		    "  manufacturing_grid = \"arizona\"; };\n" COOL, 5, "manufacturing_grid" },
		{ HEAD "racks = 1;\nhardware = { rack = { name = \"r\"; peak_kw = 10.0;\n"
		    "  idle_fraction = 0.2; accelerators = 8; accelerator_w = 100;\n"
		    "  h100_per_accelerator = 1.0; embodied_kg = -5; };\n"
		    "  utilization = 0.5; };\n" COOL, 6, "embodied_kg" },
	};
	struct err	 e;
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_null(site_load_string(cases[i].text, "t.cfg", &e));
		assert_int_equal(e.code, ERR_CONFIG);
		assert_string_equal(e.file, "t.cfg");
		assert_int_equal(e.line, cases[i].line);
		assert_non_null(strstr(e.msg, cases[i].needle));
	}
}

static void
test_embodied_unknown_manufacturing_grid(void **state)
{
	struct site	*s;
	struct err	 e;

	(void)state;
	s = load(HEAD "racks = 1;\nhardware = { rack = \"dgx-h100\"; utilization = 0.5;\n"
	    "  manufacturing_grid = \"XXXX\"; };\n" COOL);
	assert_int_equal(emis_embodied_resolve(&cats, s, &e), -1);
	assert_int_equal(e.line, 5);
	assert_non_null(strstr(e.msg, "manufacturing_grid"));
	assert_non_null(strstr(e.msg, "XXXX"));
	site_free(s);
	s = load(HEAD "racks = 1;\nhardware = { rack = \"dgx-h100\"; utilization = 0.5;\n"
	    "  manufacturing_grid = \"AZNM\"; };\n" COOL);
	assert_int_equal(emis_embodied_resolve(&cats, s, &e), 0);
	site_free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_embodied_dgx_h100_accelerators_are_boards_times_pcf),
		cmocka_unit_test(test_embodied_lifetime_from_site_divides_hardware),
		cmocka_unit_test(test_embodied_phases_buy_what_each_adds),
		cmocka_unit_test(test_embodied_inline_rack_unknown_without_figure),
		cmocka_unit_test(test_embodied_share_by_hand),
		cmocka_unit_test(test_embodied_catalog_racks_all_have_figures),
		cmocka_unit_test(test_embodied_bad_settings_give_file_and_line),
		cmocka_unit_test(test_embodied_unknown_manufacturing_grid),
	};

	return cmocka_run_group_tests_name("embodied", tests, setup, teardown);
}
