/* Health damages by place: the EASIUR cell of a point, the tables' values,
 * their scaling, and the split of a site's damages into on-site and grid
 * parts; the county and regions of every bundled US site. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "emissions/emissions.h"
#include "geo/lookup.h"
#include "tests/test_util.h"

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

/*
 * The EASIUR cells, by hand with cs2cs (PROJ 9.1.1), lat lon in:
 *   echo "LAT LON" | cs2cs EPSG:4269 +to +proj=lcc +a=6370000.0 +b=6370000.0
 *     +lon_0=97w +lat_0=40n +lat_1=33n +lat_2=45n +x_0=2736000.0
 *     +y_0=2088000.0 +units=m -f %.3f
 * Memphis (35.06, -90.14):     3357784.106 1564907.943
 *   x = 3357784.106 / 36000 + 1 = 94.27 -> 94; y = 1564907.943 / 36000 + 1 = 44.47 -> 44
 * rural Nevada (39.5, -116.5): 1085013.774 2210526.142 -> 31.14, 62.40 -> (31, 62)
 * Manhattan (40.78, -73.97):   4644446.674 2417388.073 -> 130.01, 68.15 -> (130, 68)
 * And the CSV cells (data row y, column x of *_annual_area.csv, 2010$):
 *   awk -F, -v x=94 -v y=44 'NR==y+1{print $(x+1)}' PEC_annual_area.csv
 */
static const struct {
	const char	*name;
	double		 lat, lon;
	int		 x, y;
	double		 pec_area, so2_area, nox_area, pec_p150;
} places[] = {
	{ "Memphis", 35.06, -90.14, 94, 44, 110083.9687, 16696.73961,
	  5058.821655, 64611.64456 },
	{ "rural Nevada", 39.5, -116.5, 31, 62, 13973.41614, 6531.13173,
	  729.8015783, 11401.79129 },
	{ "Manhattan", 40.78, -73.97, 130, 68, 1007762.552, 33490.16332,
	  45187.00616, 396287.2545 },
};

static void
test_cells_and_values(void **state)
{
	struct easiur_cell c;
	struct err	 e;
	size_t		 i;
	int		 x, y;

	(void)state;
	for (i = 0; i < sizeof(places) / sizeof(places[0]); i++) {
		assert_int_equal(geo_easiur_cell(places[i].lon, places[i].lat, &x,
		    &y, &e), 1);
		assert_int_equal(x, places[i].x);
		assert_int_equal(y, places[i].y);
		assert_int_equal(easiur_cell_read(cats.easiur.dir, x, y, &c, &e), 0);
		assert_close(c.usd_per_t[EASIUR_GROUND][EASIUR_PEC],
		    places[i].pec_area, 1e-12);
		assert_close(c.usd_per_t[EASIUR_GROUND][EASIUR_SO2],
		    places[i].so2_area, 1e-12);
		assert_close(c.usd_per_t[EASIUR_GROUND][EASIUR_NOX],
		    places[i].nox_area, 1e-12);
		assert_close(c.usd_per_t[EASIUR_P150][EASIUR_PEC],
		    places[i].pec_p150, 1e-12);
	}
}

static void
test_outside_the_grid(void **state)
{
	struct err	 e;
	int		 x = -1, y = -1;

	(void)state;
	/* Anchorage, Paris, Honolulu: no cell */
	assert_int_equal(geo_easiur_cell(-149.9, 61.2, &x, &y, &e), 0);
	assert_int_equal(geo_easiur_cell(2.35, 48.85, &x, &y, &e), 0);
	assert_int_equal(geo_easiur_cell(-157.86, 21.31, &x, &y, &e), 0);
	assert_int_equal(x, -1);
	assert_int_equal(easiur_cell_read(cats.easiur.dir, 0, 44, NULL, &e), -1);
	assert_non_null(strstr(e.msg, "outside"));
}

/*
 * Scaling of the Memphis cell (94, 44), PEC at ground level, to population
 * 2026, income 2024, 2025 dollars:
 *   growth g = 1.0042685714648418 (PEC_growth_rate_..._area.csv, row 44, col 94)
 *   110083.9687 x g^(2026 - 2005) x (1.232790 / 1.068587) x (128.986 / 89.632)
 *   = 110083.9687 x 1.0935826 x 1.1536639 x 1.4390620 = 199861.93
 * (python3: 110083.9687*1.0042685714648418**21*(1.232790/1.068587)*(128.986/89.632))
 * Income 2030 is held at 2024, the table's last; population 2050 at 2040.
 */
static void
test_scaling_by_hand(void **state)
{
	struct easiur_cell c;
	struct err	 e;
	const struct easiur_scaling *s = &cats.easiur;

	(void)state;
	assert_int_equal(easiur_cell_read(s->dir, 94, 44, &c, &e), 0);
	assert_close(c.growth[EASIUR_GROUND][EASIUR_PEC], 1.0042685714648418, 1e-15);
	assert_int_equal(easiur_dollar_year(s), 2025);
	assert_int_equal(easiur_income_year(s, 2030), 2024);
	assert_int_equal(easiur_population_year(s, 2050), 2040);
	assert_int_equal(easiur_population_year(s, 2000), 2005);
	assert_close(easiur_usd_per_t(s, &c, EASIUR_PEC, EASIUR_GROUND, 2026,
	    2024, 2025), 199861.93, 1e-7);
	/* the tables' own years give the table value */
	assert_close(easiur_usd_per_t(s, &c, EASIUR_PEC, EASIUR_GROUND, 2005,
	    2005, 2010), 110083.9687, 1e-12);
	/* 2015 dollars: x 97.316 / 89.632 = 1.0857283 */
	assert_close(easiur_deflate(s, 2010, 2015), 97.316 / 89.632, 1e-12);
}

#define SITE "name = \"T\";\n" \
	"location = { lat = 35.06; lon = -90.14; country = \"US\"; state = \"TN\"; };\n" \
	"racks = 4;\nhardware = { rack = { name = \"r\"; peak_kw = 250.0; idle_fraction = 1.0;\n" \
	"  accelerators = 1; accelerator_w = 1000; h100_per_accelerator = 1.0; }; utilization = 0.0; };\n" \
	"cooling = { pue = 1.0; wue_l_per_kwh = 0.5; };\n" \
	"supply = ( { kind = \"onsite\"; plant = \"sc-aero\"; units = 1; unit_mw = 0.5;\n" \
	"             capacity_factor = 1.0; %s },\n" \
	"           { kind = \"grid\"; region = \"SRTV\"; } );\n"

static void
run_site(const char *stack, enum emis_health_method m, struct emis_refs *r,
    struct emis_result *out)
{
	struct emis_options o = { emis_gwp_find(&cats, "ar6"), EMIS_BASIS_EGRID_AVERAGE, 0, 0,
	    m, 2026 };
	struct est_params p;
	struct est_result est;
	struct err	 e;
	char		 text[1024];
	struct site	*s;

	snprintf(text, sizeof(text), SITE, stack);
	if ((s = site_load_string(text, "t.cfg", &e)) == NULL)
		print_error("%s:%d: %s\n", e.file, e.line, e.msg);
	assert_non_null(s);
	assert_int_equal(emis_resolve(&cats, s, r, &e), 0);
	assert_int_equal(emis_health_resolve(&cats, s, 94, 44, &o, r, &e), 0);
	est_params_from_site(s, &s->rack, 0, est_pick_central, NULL, &p);
	est_run(&p, &est);
	emis_run(&cats, r, &p, &est, &o, out);
	site_free(s);
}

/*
 * A flat 1 MW, half from one 0.5 MW turbine at full output, half from the
 * grid: on-site tonnes at the Memphis cell, grid tonnes at EPA's national
 * value in 2025 dollars (x 128.986 / 97.316 from 2015$).
 */
static void
test_onsite_and_grid_parts(void **state)
{
	struct emis_refs r, r75;
	struct emis_result a, b, c;
	const struct emis_amounts *on, *grid;
	double	 nat_pm, site_pm, expect_on, expect_grid, w;

	(void)state;
	run_site("", EMIS_HEALTH_EASIUR, &r, &a);
	on = &a.source[0];
	grid = &a.source[1];
	assert_string_equal(emis_health_method_name(&r.health), "easiur");
	nat_pm = cats.health_usd_per_t[EMIS_PM25] * 128.986 / 97.316;
	assert_close(r.health.national_usd_per_t[EMIS_PM25], nat_pm, 1e-12);
	site_pm = r.health.site_usd_per_t[EASIUR_GROUND][EMIS_PM25];
	assert_close(site_pm, 199861.93, 1e-7);
	expect_on = on->mass_t[EMIS_PM25] * site_pm +
	    on->mass_t[EMIS_SO2] * r.health.site_usd_per_t[EASIUR_GROUND][EMIS_SO2] +
	    on->mass_t[EMIS_NOX] * r.health.site_usd_per_t[EASIUR_GROUND][EMIS_NOX];
	expect_grid = grid->mass_t[EMIS_PM25] * nat_pm +
	    grid->mass_t[EMIS_SO2] * r.health.national_usd_per_t[EMIS_SO2] +
	    grid->mass_t[EMIS_NOX] * r.health.national_usd_per_t[EMIS_NOX];
	assert_true(expect_on > 0.0 && expect_grid > 0.0);
	assert_close(a.health_onsite_usd, expect_on, 1e-12);
	assert_close(a.health_grid_usd, expect_grid, 1e-12);
	assert_close(a.total.health_usd, expect_on + expect_grid, 1e-12);
	assert_close(a.damage_usd_per_t[EMIS_PM25], site_pm, 1e-15);

	/* a 75 m stack: halfway between the ground-level and 150 m values,
	 * as EASIUR's sample code interpolates (w = 75 / 150) */
	run_site("stack_height_m = 75.0;", EMIS_HEALTH_EASIUR, &r75, &b);
	w = 0.5;
	assert_close(r75.health.usd_per_t[0][EMIS_PM25], (1.0 - w) *
	    r75.health.site_usd_per_t[EASIUR_GROUND][EMIS_PM25] +
	    w * r75.health.site_usd_per_t[EASIUR_P150][EMIS_PM25], 1e-12);
	assert_true(b.health_onsite_usd < a.health_onsite_usd);
	assert_close(b.health_grid_usd, a.health_grid_usd, 1e-12);

	/* --health epa-bpt: every tonne at the national value in 2015$ */
	run_site("", EMIS_HEALTH_EPA_BPT, &r, &c);
	assert_string_equal(emis_health_method_name(&r.health), "epa-bpt");
	assert_int_equal(r.health.dollar_year, 2015);
	assert_close(c.total.health_usd,
	    c.total.mass_t[EMIS_PM25] * cats.health_usd_per_t[EMIS_PM25] +
	    c.total.mass_t[EMIS_SO2] * cats.health_usd_per_t[EMIS_SO2] +
	    c.total.mass_t[EMIS_NOX] * cats.health_usd_per_t[EMIS_NOX], 1e-12);
}

/* County, AVERT region and Cambium GEA of each bundled US site, by hand
 * from the Census county outlines, the AVERT map and the Cambium
 * crosswalk (geo/data/PROVENANCE.md). */
static void
test_bundled_sites_places(void **state)
{
	static const struct {
		const char *file, *fips, *county, *state, *avert, *gea;
	} want[] = {
		{ "sites/colossus-1.cfg", "47157", "Shelby", "TN", "TN", "SERTP" },
		{ "sites/colossus-2.cfg", "47157", "Shelby", "TN", "TN", "SERTP" },
		{ "sites/hyperion.cfg", "22083", "Richland", "LA", "MIDW", "MISO_South" },
		{ "sites/stargate-abilene.cfg", "48441", "Taylor", "TX", "TE", "ERCOT" },
		{ "sites/fairwater.cfg", "55101", "Racine", "WI", "MIDW", "MISO_North" },
		{ "sites/prometheus.cfg", "39049", "Franklin", "OH", "MIDA", "PJM_East" },
		{ "sites/rainier.cfg", "18141", "St. Joseph", "IN", "MIDW", "MISO_Central" },
		{ "sites/ai-cloud-gigafactory.cfg", "20183", "Smith", "KS", "CENT", "SPP_South" },
		{ "sites/xai-50m-h100e.cfg", "47157", "Shelby", "TN", "TN", "SERTP" },
		{ "sites/openai-100m-chips.cfg", "48441", "Taylor", "TX", "TE", "ERCOT" },
	};
	struct geo_places *g;
	struct geo_place pl;
	struct err	 e;
	struct site	*s;
	size_t		 i;

	(void)state;
	g = geo_places_load(&e);
	if (g == NULL)
		print_error("%s: %s\n", e.file, e.msg);
	assert_non_null(g);
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		s = site_load_file(want[i].file, &e);
		if (s == NULL)
			print_error("%s:%d: %s\n", e.file, e.line, e.msg);
		assert_non_null(s);
		assert_int_equal(geo_place_find(g, s->lon_deg, s->lat_deg, &pl, &e), 0);
		assert_string_equal(pl.county_fips, want[i].fips);
		assert_string_equal(pl.county_name, want[i].county);
		assert_string_equal(pl.county_state, want[i].state);
		assert_string_equal(pl.avert, want[i].avert);
		assert_string_equal(pl.gea, want[i].gea);
		assert_true(pl.easiur_x > 0 && pl.easiur_y > 0);
		site_free(s);
	}
	/* Paris: no county, no region, no cell */
	assert_int_equal(geo_place_find(g, 2.35, 48.85, &pl, &e), 0);
	assert_string_equal(pl.county_fips, "");
	assert_string_equal(pl.avert, "");
	assert_int_equal(pl.easiur_x, 0);
	geo_places_free(g);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cells_and_values),
		cmocka_unit_test(test_outside_the_grid),
		cmocka_unit_test(test_scaling_by_hand),
		cmocka_unit_test(test_onsite_and_grid_parts),
		cmocka_unit_test(test_bundled_sites_places),
	};

	setenv("DCIMPACT_DATA", ".", 0);
	return cmocka_run_group_tests(tests, setup, teardown);
}
