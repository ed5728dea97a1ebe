/* sites/: loading and validating a site definition. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/err.h"
#include "sites/settings.h"
#include "sites/site.h"
#include "sites/sweep.h"
#include "tests/test_util.h"

#define HEAD "name = \"T\";\nlocation = { lat = 32.4; lon = -91.7; country = \"US\"; state = \"LA\"; };\n"
#define HW "hardware = { rack = \"gb200-nvl72\"; utilization = 0.7; };\n"
#define COOL "cooling = { pue = 1.2; wue_l_per_kwh = 0.3; };\n"

static void
test_site_minimal_loads_with_defaults(void **state)
{
	struct err	 e;
	struct site	*s = site_load_string(HEAD "capacity_mw = 1000;\n" HW COOL,
	    "t.cfg", &e);

	(void)state;
	assert_non_null(s);
	assert_int_equal(s->sizing, SITE_SIZE_CAPACITY);
	assert_close(unc_central(&s->size), 1000.0, 0.0);
	assert_string_equal(s->rack.id, "gb200-nvl72");
	assert_int_equal(s->rack.line, 4);
	assert_close(unc_central(&s->overhead_frac), 0.0, 0.0);	/* default */
	/* no supply list: the whole demand from the country's grid */
	assert_int_equal(s->nsupply, 1);
	assert_string_equal(s->supply[0].ref, "US");
	site_free(s);
}

static void
test_site_supply_and_phases(void **state)
{
	struct err	 e;
	struct site	*s = site_load_string(HEAD "capacity_mw = 5000.0;\n"
	    "phases = ( { year = 2028; capacity_mw = 2000.0; }, { year = 2030; capacity_mw = 5000.0; } );\n"
	    HW COOL
	    "supply = ( { kind = \"onsite\"; plant = \"ngcc\"; units = 3; unit_mw = 754.0;\n"
	    "  capacity_factor = 0.85; controls = [ \"scr\", \"oxidation-catalyst\" ]; nox_ppm = 2.0; },\n"
	    "  { kind = \"ppa\"; technology = \"solar\"; capacity_mw = 1500.0; capacity_factor = 0.25; },\n"
	    "  { kind = \"grid\"; region = \"SRMV\"; } );\n"
	    "backup = { plant = \"diesel-tier2\"; units = 200; unit_mw = 3.0; test_hours_per_year = 12.0; };\n",
	    "t.cfg", &e);

	(void)state;
	assert_non_null(s);
	assert_int_equal(s->nsupply, 3);
	assert_int_equal(s->grid_index, 2);
	assert_int_equal(s->supply[0].controls, SITE_CTRL_SCR | SITE_CTRL_OXCAT);
	assert_string_equal(s->supply[2].ref, "SRMV");
	assert_int_equal(s->supply[2].ref_line, 10);
	assert_true(s->backup.present);
	/* phases: before the first, between, after */
	assert_close(site_size_for_year(s, 2027), 0.0, 0.0);
	assert_close(site_size_for_year(s, 2029), 2000.0, 0.0);
	assert_close(site_size_for_year(s, 2031), 5000.0, 0.0);
	assert_close(site_size_for_year(s, 0), 5000.0, 0.0);
	site_free(s);
}

static void
test_site_monthly_pue(void **state)
{
	struct err	 e;
	struct site	*s = site_load_string(HEAD "racks = 10;\n" HW
	    "cooling = { pue = ( 1.1, 1.1, 1.15, 1.2, 1.25, 1.3, 1.35, 1.35, 1.3, 1.2, 1.15, 1 ); wue_l_per_kwh = 0.2; };\n",
	    "t.cfg", &e);

	(void)state;
	assert_non_null(s);
	assert_true(s->pue_monthly);
	assert_close(s->pue_by_month[6], 1.35, 0.0);
	assert_close(s->pue_by_month[11], 1.0, 0.0);	/* an integer in a list */
	site_free(s);
}

static void
test_site_inline_rack(void **state)
{
	struct err	 e;
	struct site	*s = site_load_string(HEAD "racks = 100;\n"
	    "hardware = { rack = { name = \"test\"; peak_kw = 100; idle_fraction = 0.2;\n"
	    "  accelerators = 8; accelerator_w = 1000; h100_per_accelerator = 1; };\n"
	    "  utilization = 0.5; overhead = 0.1; };\n" COOL, "t.cfg", &e);

	(void)state;
	assert_non_null(s);
	assert_true(s->rack_inline);
	assert_close(unc_central(&s->rack.peak_kw), 100.0, 0.0);
	assert_false(s->rack.has_components);
	site_free(s);
}

/* Bad sites: the line and a key word of each message (libssh's table). */
static void
test_site_bad_inputs(void **state)
{
	static const struct { const char *text; int line; const char *needle; } cases[] = {
		{ HEAD "capacity_mw = 10;\n" HW COOL "extra = 1;\n", 6, "extra: unknown setting" },
		{ HEAD HW COOL, 1, "no sizing" },
		{ HEAD "capacity_mw = 10;\nracks = 5;\n" HW COOL, 4, "two sizings" },
		{ HEAD "capacity_mw = 10;\n" HW "cooling = { pue = 0.9; wue_l_per_kwh = 0.3; };\n", 5,
		    "cooling.pue: out of range (got 0.9" },
		{ HEAD "capacity_mw = 10;\n" HW "cooling = { pue = \"low\"; wue_l_per_kwh = 0.3; };\n", 5,
		    "expected a number (got a string)" },
		{ HEAD "capacity_mw = 10;\nhardware = { rack = \"x\"; utilization = { min = 0.5; mode = 0.95; max = 0.9; }; };\n" COOL,
		    4, "mode must lie between min and max" },
		{ HEAD "capacity_mw = 10;\nhardware = { rack = \"x\"; };\n" COOL, 4, "hardware.utilization: missing" },
		{ HEAD "capacity_mw = 10;\nhardware = { rack = \"x\"; utilization = 0.5; load_factor = 0.8; };\n" COOL,
		    4, "not both" },
		{ HEAD "capacity_mw = 10;\n" HW "cooling = { pue = ( 1.1, 1.1, 1.1, 1.1, 1.1, 1.1, 1.1, 1.1, 1.1, 1.1, 1.1, 1.1, 1.1 ); wue_l_per_kwh = 0.3; };\n",
		    5, "needs 12 values (got 13" },
		{ HEAD "capacity_mw = 10;\nphases = ( { year = 2030; capacity_mw = 5.0; },\n { year = 2028; capacity_mw = 10.0; } );\n" HW COOL,
		    5, "phase years must increase (got 2028 after 2030)" },
		{ HEAD "capacity_mw = 10;\nphases = ( { year = 2030; racks = 5; } );\n" HW COOL, 4, "racks: unknown setting" },
		{ HEAD "capacity_mw = 10;\n" HW COOL "supply = ( { kind = \"onsite\"; plant = \"ngcc\"; units = 1; unit_mw = 10.0; capacity_factor = 0.5; heat_rate_mmbtu_per_mwh = 2.0; },\n { kind = \"grid\"; region = \"US\"; } );\n",
		    6, "heat_rate_mmbtu_per_mwh: out of range" },
		{ HEAD "capacity_mw = 10;\n" HW COOL "supply = ( { kind = \"ppa\"; technology = \"solar\"; capacity_mw = 5.0; capacity_factor = 0.2; } );\n",
		    6, "no grid entry" },
		{ HEAD "capacity_mw = 10;\n" HW COOL "supply = ( { kind = \"grid\"; region = \"US\"; },\n { kind = \"grid\"; region = \"SRMV\"; } );\n",
		    7, "a second grid entry" },
		{ HEAD "capacity_mw = 10;\n" HW COOL "supply = ( { kind = \"nuclear\"; } );\n", 6, "unknown supply kind" },
		{ HEAD "capacity_mw = 10;\n" HW COOL "supply = ( { kind = \"onsite\"; plant = \"ngcc\"; units = 1; unit_mw = 10.0; capacity_factor = 0.5; hours = 100.0; },\n { kind = \"grid\"; region = \"US\"; } );\n",
		    6, "capacity_factor or hours, not both" },
		{ HEAD "capacity_mw = 10;\n" HW COOL "supply = ( { kind = \"onsite\"; plant = \"ngcc\"; share = 0.7; },\n { kind = \"ppa\"; technology = \"solar\"; share = 0.5; },\n { kind = \"grid\"; region = \"US\"; } );\n",
		    6, "shares sum to more than 1" },
		{ "name = \"T\";\nlocation = { lat = 95.0; lon = 0.0; country = \"US\"; };\ncapacity_mw = 1.0;\n" HW COOL,
		    2, "location.lat: out of range" },
		{ "name = \"T\";\nlocation = { lat = 5.0; lon = 0.0; country = \"usa\"; };\ncapacity_mw = 1.0;\n" HW COOL,
		    2, "two-letter code" },
		{ "name = \"T\";\ncapacity_mw = 1.0;\n" HW COOL, 1, "location: missing" },
		{ HEAD "capacity_mw = 1e400;\n" HW COOL, 3, "capacity_mw" },
		{ HEAD "capacity_mw = 10;\n" HW COOL "supply = ( { kind = \"onsite\"; plant = \"ngcc\"; units = 1; unit_mw = 10.0; capacity_factor = 0.5; controls = \"catalytic\"; },\n { kind = \"grid\"; region = \"US\"; } );\n",
		    6, "unknown control \"catalytic\"" },
		{ HEAD "capacity_mw = 10;\nhardware = { rack = { name = \"r\"; peak_kw = 10; idle_fraction = 0.2; accelerators = 8; accelerator_w = 2000; h100_per_accelerator = 1; }; utilization = 0.5; };\n" COOL,
		    4, "exceed peak_kw" },
	};
	struct err	 e;
	struct site	*s;
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		err_clear(&e);
		s = site_load_string(cases[i].text, "bad.cfg", &e);
		if (s != NULL || e.line != cases[i].line ||
		    strstr(e.msg, cases[i].needle) == NULL ||
		    strcmp(e.file, "bad.cfg") != 0) {
			print_error("case %zu: got line %d msg \"%s\"; expected line "
			    "%d with \"%s\"\n", i, e.line, e.msg, cases[i].line,
			    cases[i].needle);
			site_free(s);
			fail();
		}
	}
}

/* The ranges of sites/settings.c are the parser's: one past each sizing
 * limit is refused by the site loader with the table's range. */
static void
test_settings_ranges_are_the_parsers(void **state)
{
	static const enum site_setting_id sizes[] = { SITE_SET_CAPACITY_MW,
	    SITE_SET_RACKS, SITE_SET_ACCELERATORS, SITE_SET_H100E };
	struct err	 e;
	struct site	*s;
	char		 text[1024], want[128];
	size_t		 i;

	(void)state;
	for (i = 0; i < 4; i++) {
		const struct site_setting *t = &site_settings[sizes[i]];

		snprintf(text, sizeof(text), HEAD "%s = %g;\n" HW COOL, t->key,
		    t->hi * 10.0);
		err_clear(&e);
		s = site_load_string(text, "t.cfg", &e);
		assert_null(s);
		assert_int_equal(e.line, 3);
		snprintf(want, sizeof(want), "%s: out of range (got %g; expected "
		    "%g to %g)", t->key, t->hi * 10.0, t->lo, t->hi);
		assert_non_null(strstr(e.msg, want));
		/* the upper limit itself is accepted */
		snprintf(text, sizeof(text), HEAD "%s = %g;\n" HW COOL, t->key,
		    t->hi);
		s = site_load_string(text, "t.cfg", &e);
		assert_non_null(s);
		site_free(s);
	}
	/* a supply setting through the table too */
	err_clear(&e);
	s = site_load_string(HEAD "capacity_mw = 10;\n" HW COOL "supply = ( { "
	    "kind = \"onsite\"; plant = \"ngcc\"; units = 1; unit_mw = 2e4; "
	    "capacity_factor = 0.5; },\n { kind = \"grid\"; region = \"US\"; "
	    "} );\n", "t.cfg", &e);
	assert_null(s);
	assert_int_equal(e.line, 6);
	assert_non_null(strstr(e.msg, "unit_mw: out of range (got 20000; "
	    "expected 0.001 to 10000)"));
}

static void
test_settings_find_paths(void **state)
{
	int	 idx;

	(void)state;
	assert_ptr_equal(site_setting_find("cooling.pue", &idx),
	    &site_settings[SITE_SET_PUE]);
	assert_int_equal(idx, -1);
	assert_ptr_equal(site_setting_find("supply[2].share", &idx),
	    &site_settings[SITE_SET_SUPPLY_SHARE]);
	assert_int_equal(idx, 2);
	assert_ptr_equal(site_setting_find("hardware.rack.peak_kw", &idx),
	    &site_settings[SITE_SET_RACK_PEAK_KW]);
	assert_null(site_setting_find("supply[-1].share", &idx));
	assert_null(site_setting_find("supply[x].share", &idx));
	assert_null(site_setting_find("supply[0].share2", &idx));
	assert_null(site_setting_find("supply[0].share ", &idx));
	assert_null(site_setting_find("supply[].share", &idx));
	assert_null(site_setting_find("cooling", &idx));
	assert_null(site_setting_find("grid_basis", &idx));
}

/* A sweep in a fresh folder beside site t.cfg (sized by racks). */
struct sweep_dir {
	char	 dir[256], site[300], sweep[300];
};

static void
sweep_dir_make(struct sweep_dir *d)
{
	const char *tmp = getenv("TMPDIR");
	FILE	*fp;

	snprintf(d->dir, sizeof(d->dir), "%s/test-sweep.XXXXXX",
	    tmp != NULL && tmp[0] != '\0' ? tmp : "/tmp");
	assert_non_null(mkdtemp(d->dir));
	snprintf(d->site, sizeof(d->site), "%s/t.cfg", d->dir);
	snprintf(d->sweep, sizeof(d->sweep), "%s/s.cfg", d->dir);
	assert_non_null(fp = fopen(d->site, "w"));
	fputs(HEAD "racks = 100;\n" HW COOL, fp);
	fclose(fp);
}

static struct sweep *
sweep_try(const struct sweep_dir *d, const char *text, struct err *e)
{
	FILE	*fp;

	assert_non_null(fp = fopen(d->sweep, "w"));
	fputs(text, fp);
	fclose(fp);
	err_clear(e);
	return sweep_load_file(d->sweep, e);
}

static void
sweep_dir_remove(struct sweep_dir *d)
{
	unlink(d->site);
	unlink(d->sweep);
	rmdir(d->dir);
}

/* racks = 5e10 is refused in a sweep as `check` refuses it in a site
 * file: at its line, with the range of sites/settings.c. */
static void
test_sweep_racks_range_is_checks(void **state)
{
	struct sweep_dir d;
	struct sweep	*sw;
	struct err	 e;

	(void)state;
	sweep_dir_make(&d);
	sw = sweep_try(&d, "sites = ( \"t.cfg\" );\nvary = (\n { path = "
	    "\"racks\";\n   values = [ 100.0, 5e10 ]; } );\n", &e);
	assert_null(sw);
	assert_string_equal(e.file, d.sweep);
	assert_int_equal(e.line, 4);
	assert_non_null(strstr(e.msg, "out of range for racks (got 5e+10; "
	    "expected 1 to 1e+09)"));
	/* in range: loads, and its column is not the racks output's */
	sw = sweep_try(&d, "sites = ( \"t.cfg\" );\nvary = ( { path = "
	    "\"racks\"; values = [ 100.0, 1e9 ]; } );\n", &e);
	assert_non_null(sw);
	assert_int_equal(sw->vary[0].kind, SWEEP_SITE);
	assert_string_equal(sw->vary[0].column, "racks_input");
	sweep_free(sw);
	sweep_dir_remove(&d);
}

static void
test_sweep_grid_settings(void **state)
{
	static const struct { const char *vary; int line; const char *needle; }
	    bad[] = {
		{ "{ path = \"grid_basis\";\n values = [ 1, 2 ]; }", 3,
		    "grid_basis: expected a name string" },
		{ "{ path = \"grid_basis\"; from = 1; to = 2; steps = 2; }", 2,
		    "grid_basis: expected values" },
		{ "{ path = \"grid_scenario\";\n values = [ \"MidCase\", "
		    "\"MidCase\" ]; }", 3, "\"MidCase\" listed twice" },
		{ "{ path = \"year\";\n values = [ 2026.5 ]; }", 3,
		    "expected whole years 1990 to 2100 (got 2026.5)" },
		{ "{ path = \"year\";\n values = [ 2030, 2030 ]; }", 3,
		    "2030 listed twice" },
		{ "{ path = \"year\"; values = [ \"2030\" ]; }", 2,
		    "expected a number" },
	};
	struct sweep_dir d;
	struct sweep	*sw;
	struct err	 e;
	char		 text[512];
	size_t		 i;

	(void)state;
	sweep_dir_make(&d);
	sw = sweep_try(&d, "sites = ( \"t.cfg\" );\nvary = (\n"
	    " { path = \"grid_basis\"; values = [ \"egrid-average\", "
	    "\"cambium-lrmer\" ]; },\n"
	    " { path = \"grid_scenario\"; values = [ \"MidCase\" ]; },\n"
	    " { path = \"year\"; from = 2025; to = 2035; steps = 3; } );\n", &e);
	assert_non_null(sw);
	assert_int_equal(sw->nvary, 3);
	assert_int_equal(sw->vary[0].kind, SWEEP_GRID_BASIS);
	assert_int_equal(sw->vary[0].nvalues, 2);
	assert_string_equal(sw->vary[0].names[1], "cambium-lrmer");
	assert_string_equal(sw->vary[0].column, "grid_basis");
	assert_int_equal(sw->vary[0].values_line, 3);
	assert_int_equal(sw->vary[1].kind, SWEEP_GRID_SCENARIO);
	assert_int_equal(sw->vary[2].kind, SWEEP_YEAR);
	assert_null(sw->vary[2].names);
	assert_close(sw->vary[2].values[1], 2030.0, 0.0);
	sweep_free(sw);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(text, sizeof(text), "sites = ( \"t.cfg\" );\nvary = ( "
		    "%s );\n", bad[i].vary);
		sw = sweep_try(&d, text, &e);
		if (sw != NULL || e.line != bad[i].line ||
		    strstr(e.msg, bad[i].needle) == NULL) {
			print_error("case %zu: got line %d msg \"%s\"; expected "
			    "line %d with \"%s\"\n", i, e.line, e.msg, bad[i].line,
			    bad[i].needle);
			sweep_free(sw);
			fail();
		}
	}
	/* the sweep's year and a varied year: one or the other */
	sw = sweep_try(&d, "sites = ( \"t.cfg\" );\nyear = 2028;\nvary = ( "
	    "{ path = \"year\"; values = [ 2030 ]; } );\n", &e);
	assert_null(sw);
	assert_int_equal(e.line, 3);
	assert_non_null(strstr(e.msg, "set to 2028 on line 2"));
	sweep_dir_remove(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_site_minimal_loads_with_defaults),
		cmocka_unit_test(test_site_supply_and_phases),
		cmocka_unit_test(test_site_monthly_pue),
		cmocka_unit_test(test_site_inline_rack),
		cmocka_unit_test(test_site_bad_inputs),
		cmocka_unit_test(test_settings_ranges_are_the_parsers),
		cmocka_unit_test(test_settings_find_paths),
		cmocka_unit_test(test_sweep_racks_range_is_checks),
		cmocka_unit_test(test_sweep_grid_settings),
	};

	return cmocka_run_group_tests_name("sites", tests, NULL, NULL);
}
