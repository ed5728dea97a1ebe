/* emissions/catalog*.c: machines and their bases, the diesel tiers from the
 * standards, the gas supply-chain factor, rows that must be rejected, and
 * the link step in any load order. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/err.h"
#include "common/units.h"
#include "emissions/catalog_internal.h"
#include "emissions/emissions.h"
#include "tests/test_util.h"

#define HEAD "name = \"T\";\nlocation = { lat = 32.4; lon = -91.7; country = \"US\"; state = \"LA\"; };\n"
/* a flat 1 MW of facility power: 4 racks of 250 kW at full idle share */
#define FLAT_1MW "racks = 4;\nhardware = { rack = { name = \"r\"; peak_kw = 250.0; idle_fraction = 1.0;\n" \
	"  accelerators = 1; accelerator_w = 1000; h100_per_accelerator = 1.0; }; utilization = 0.0; };\n" \
	"cooling = { pue = 1.0; wue_l_per_kwh = 0.5; };\n"

static struct emis_catalogs cats;
static char	 tmpdir[64];

static int
setup(void **state)
{
	struct err	 e;

	(void)state;
	if (emis_catalogs_load_dir(&cats, "emissions", &e) == -1) {
		print_error("%s:%d: %s\n", e.file, e.line, e.msg);
		return -1;
	}
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/dcimpact-cat-XXXXXX");
	return mkdtemp(tmpdir) == NULL ? -1 : 0;
}

static const char *const copied[] = { "grids.cfg", "plants.cfg",
	"health.cfg", "easiur.cfg", "context.cfg" };

static int
teardown(void **state)
{
	char	 path[128];
	size_t	 i;

	(void)state;
	emis_catalogs_free(&cats);
	for (i = 0; i < sizeof(copied) / sizeof(copied[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", tmpdir, copied[i]);
		unlink(path);
	}
	rmdir(tmpdir);
	return 0;
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
estimate(const char *text, struct emis_result *out)
{
	struct emis_options o = { emis_gwp_find(&cats, "ar5"),
	    EMIS_BASIS_EGRID_AVERAGE, 0, 0, EMIS_HEALTH_EPA_BPT, 0 };
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

/* A machine has its base's factors, F-factor, water and controls, its own
 * heat rate, and so fuel and CO2 in proportion to that heat rate. */
static void
test_machine_inherits_base_with_own_heat_rate(void **state)
{
	const struct emis_plant *b = emis_plant_find(&cats, "sc-aero");
	const struct emis_plant *m = emis_plant_find(&cats, "titan-130");
	struct emis_result rb, rm;
	size_t	 k;
	int	 p;

	(void)state;
	assert_non_null(b);
	assert_non_null(m);
	assert_string_equal(m->base, "sc-aero");
	assert_string_equal(b->base, "");
	assert_string_equal(m->fuel, b->fuel);
	/* 9,630 Btu/kWh LHV x 1.107 = 10,660 Btu/kWh HHV */
	assert_close(m->heat_rate_mmbtu_per_mwh, 10.66, 1e-12);
	assert_close(b->heat_rate_mmbtu_per_mwh, 10.7, 1e-12);
	for (p = 0; p < EMIS_NPOLL; p++)
		assert_close(m->factor_lb_per_mmbtu[p], b->factor_lb_per_mmbtu[p], 0.0);
	assert_close(m->f_factor_dscf_per_mmbtu, b->f_factor_dscf_per_mmbtu, 0.0);
	assert_int_equal(m->ncontrols, b->ncontrols);
	for (k = 0; k < m->ncontrols; k++)
		assert_string_equal(m->controls[k].id, b->controls[k].id);
	/* its own sources first, then the base's */
	assert_non_null(strstr(m->sources, "Titan 130"));
	assert_non_null(strstr(m->sources, b->sources));

	/* 0.5 MW all year on site: 4,380 MWh. Fuel 4,380 x 10.66 =
	 * 46,690.8 MMBtu; CO2 46,690.8 x 116.98 lb = 5,461,890 lb =
	 * 2,477.47 t. The base burns 4,380 x 10.7: CO2 and every other mass
	 * scale by 10.66 / 10.7. */
	estimate(HEAD FLAT_1MW "supply = ( { kind = \"onsite\"; plant = \"titan-130\"; units = 1;\n"
	    "  unit_mw = 0.5; capacity_factor = 1.0; }, { kind = \"grid\"; region = \"US\"; } );\n", &rm);
	estimate(HEAD FLAT_1MW "supply = ( { kind = \"onsite\"; plant = \"sc-aero\"; units = 1;\n"
	    "  unit_mw = 0.5; capacity_factor = 1.0; }, { kind = \"grid\"; region = \"US\"; } );\n", &rb);
	assert_close(rm.source[0].energy_mwh, 4380.0, 1e-12);
	assert_close(rm.source[0].mass_t[EMIS_CO2],
	    4380.0 * 10.66 * 116.98 * 0.45359237e-3, 1e-12);
	assert_close(rm.source[0].mass_t[EMIS_CO2], 2477.47, 1e-5);
	for (p = 0; p < EMIS_NPOLL; p++)
		assert_close(rm.source[0].mass_t[p],
		    rb.source[0].mass_t[p] * 10.66 / 10.7, 1e-12);
}

/* diesel-tier2's NOx is the Tier 2 NOx+NMHC limit, 6.4 g/kW-hr, at 7,000
 * Btu/hp-hr: 6.4 / 453.592 g/lb / (7,000 / 0.7457 Btu/kWh / 1e6) =
 * 1.503075 lb/MMBtu; Tier 4 NOx 0.67 g/kW-hr likewise. The AP-42 entry
 * keeps its own id. */
static void
test_diesel_tiers_from_the_standards(void **state)
{
	const struct emis_plant *t2 = emis_plant_find(&cats, "diesel-tier2");
	const struct emis_plant *t4 = emis_plant_find(&cats, "diesel-tier4");
	const struct emis_plant *u = emis_plant_find(&cats, "diesel-uncontrolled");
	double	 k = 1.0 / 453.592 / (7000.0 / 0.7457 * 1e-6);

	(void)state;
	assert_non_null(t2);
	assert_non_null(t4);
	assert_non_null(u);
	assert_close(k, 0.234855, 1e-5);
	/* the file writes six significant digits: 1e-5 covers the rounding */
	assert_close(t2->factor_lb_per_mmbtu[EMIS_NOX], 6.4 * k, 1e-5);
	assert_close(t2->factor_lb_per_mmbtu[EMIS_CO], 3.5 * k, 1e-5);
	assert_close(t2->factor_lb_per_mmbtu[EMIS_PM25], 0.20 * k, 1e-5);
	assert_close(t4->factor_lb_per_mmbtu[EMIS_NOX], 0.67 * k, 1e-4);
	assert_close(t4->factor_lb_per_mmbtu[EMIS_PM25], 0.03 * k, 1e-4);
	assert_close(t4->factor_lb_per_mmbtu[EMIS_VOC], 0.19 * k, 1e-4);
	/* uncontrolled AP-42 3.4 is about twice the Tier 2 limit */
	assert_close(u->factor_lb_per_mmbtu[EMIS_NOX], 3.2, 1e-12);
	assert_true(u->factor_lb_per_mmbtu[EMIS_NOX] >
	    2.0 * t2->factor_lb_per_mmbtu[EMIS_NOX]);
	/* 7,000 / 0.7457 / 0.95 generator efficiency = 9,881 Btu/kWh */
	assert_close(t2->heat_rate_mmbtu_per_mwh, 7000.0 / 0.7457 / 0.95 * 1e-3, 1e-4);
}

/* Upstream CO2e of gas = L / (1 - L) x 18 kg CH4/MMBtu x GWP 28 at each
 * point of the triangle: 1.43 %, 2.3 %, 2.67 %. */
static void
test_gas_supply_factor(void **state)
{
	const struct unc *u = &cats.gas_supply_co2e_kg_per_mmbtu;
	const struct unc *l = &cats.gas_supply_leakage_frac;

	(void)state;
	assert_int_equal(u->kind, UNC_TRIANGULAR);
	assert_close(u->b, 11.9, 1e-12);
	assert_close(u->b, 0.023 / 0.977 * 18.0 * 28.0, 0.01);	/* 11.865 */
	assert_close(u->a, 0.0143 / 0.9857 * 18.0 * 28.0, 0.01);	/* 7.312 */
	assert_close(u->c, 0.0267 / 0.9733 * 18.0 * 28.0, 0.01);	/* 13.826 */
	assert_close(l->b, 0.023, 1e-12);
	assert_close(cats.gas_supply_gwp_ch4, 28.0, 1e-12);
	assert_non_null(strstr(cats.gas_supply_source, "Alvarez"));
}

/* A minimal plants.cfg: one plant type "p", then "extra" (plants), then
 * the rest; "fs" replaces the fuel_supply group. */
static void
plants_text(char *buf, size_t n, const char *extra, const char *fs)
{
	snprintf(buf, n,
	    "plants = (\n"
	    "  { id = \"p\"; name = \"P\"; fuel = \"gas\"; heat_rate_mmbtu_per_mwh = 10.0;\n"
	    "    factors_lb_per_mmbtu = { co2 = 100.0; ch4 = 0.0; n2o = 0.0; nox = 0.1; co = 0.1;\n"
	    "      voc = 0.0; pm25 = 0.0; so2 = 0.0; hcho = 0.0; };\n"
	    "    water_gal_per_mwh = 0.0; sources = ( \"s\" ); }%s\n"
	    ");\n"
	    "technologies = ( { id = \"solar\"; name = \"PV\"; water_gal_per_mwh = 1.0; sources = ( \"s\" ); } );\n"
	    "grid_fuels = { coal = \"p\"; oil = \"p\"; gas = \"p\"; other_fossil = \"p\"; nuclear = \"solar\";\n"
	    "  hydro = \"solar\"; biomass = \"p\"; wind = \"solar\"; solar = \"solar\"; geothermal = \"solar\"; other = \"p\"; };\n"
	    "%s\n",
	    extra, fs != NULL ? fs : "fuel_supply = { gas = { leakage = 0.023; "
	    "ch4_kg_per_mmbtu = 18.0; gwp_ch4 = 28.0; co2e_kg_per_mmbtu = 11.9; sources = ( \"s\" ); }; };");
}

/* Bad rows of plants.cfg: each rejected at its line, with a key word. */
static void
test_plants_bad_rows_rejected_with_line(void **state)
{
	static const struct { const char *extra, *fs; int line; const char *needle; } cases[] = {
		{ ",\n  { id = \"m\"; base = \"q\"; name = \"M\"; sources = ( \"s\" ); }", NULL, 6,
		    "unknown plant \"q\"" },
		{ ",\n  { id = \"m\"; base = \"p\"; name = \"M\"; sources = ( \"s\" ); },\n"
		    "  { id = \"n\"; base = \"m\"; name = \"N\"; sources = ( \"s\" ); }", NULL, 7,
		    "is itself a machine" },
		{ ",\n  { id = \"m\"; base = \"p\"; name = \"M\"; fuel = \"oil\"; sources = ( \"s\" ); }", NULL, 6,
		    "unknown setting" },
		{ ",\n  { id = \"m\"; base = \"p\"; name = \"M\"; heat_rate_mmbtu_per_mwh = 1.0;\n"
		    "    sources = ( \"s\" ); }", NULL, 6, "heat_rate_mmbtu_per_mwh" },
		{ ",\n  { id = \"p\"; base = \"p\"; name = \"M\"; sources = ( \"s\" ); }", NULL, 6,
		    "duplicate plant id" },
		/* 0.03 / 0.97 x 18 x 28 = 15.59, not 11.9 */
		{ "", "fuel_supply = { gas = { leakage = 0.03; ch4_kg_per_mmbtu = 18.0; gwp_ch4 = 28.0;\n"
		    "  co2e_kg_per_mmbtu = 11.9; sources = ( \"s\" ); }; };", 11, "disagrees with leakage" },
		{ "", "fuel_supply = { gas = { leakage = { min = 0.01; mode = 0.023; max = 0.03; };\n"
		    "  ch4_kg_per_mmbtu = 18.0; gwp_ch4 = 28.0; co2e_kg_per_mmbtu = 11.9; sources = ( \"s\" ); }; };",
		    11, "same form as leakage" },
		{ "", "", 1, "fuel_supply" },
	};
	char	 text[4096], path[128];
	struct emis_catalogs c;
	struct err e;
	size_t	 i;

	(void)state;
	snprintf(path, sizeof(path), "%s/plants.cfg", tmpdir);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		plants_text(text, sizeof(text), cases[i].extra, cases[i].fs);
		write_file(path, text);
		memset(&c, 0, sizeof(c));
		err_clear(&e);
		if (catalog_load_plants(&c, path, &e) != -1 ||
		    e.line != cases[i].line || strstr(e.msg, cases[i].needle) == NULL) {
			print_error("case %zu: %s:%d: %s\n", i, e.file, e.line, e.msg);
			fail();
		}
		assert_string_equal(e.file, path);
		emis_catalogs_free(&c);
	}
	/* the minimal file itself loads, and a machine may omit its heat rate */
	plants_text(text, sizeof(text), ",\n  { id = \"m\"; base = \"p\"; name = \"M\"; "
	    "sources = ( \"t\" ); }", NULL);
	write_file(path, text);
	memset(&c, 0, sizeof(c));
	assert_int_equal(catalog_load_plants(&c, path, &e), 0);
	assert_close(emis_plant_find(&c, "m")->heat_rate_mmbtu_per_mwh, 10.0, 0.0);
	assert_string_equal(emis_plant_find(&c, "m")->sources,
	    "t | factors, controls, heat rate as p: s");
	emis_catalogs_free(&c);
}

/* A fifth GWP row does not fit: rejected at its own line, not dropped. */
static void
test_fifth_gwp_row_rejected_with_line(void **state)
{
	char	 path[128], from[128];
	struct emis_catalogs c;
	struct err e;
	size_t	 i;

	(void)state;
	for (i = 0; i < sizeof(copied) / sizeof(copied[0]); i++) {
		snprintf(from, sizeof(from), "emissions/%s", copied[i]);
		snprintf(path, sizeof(path), "%s/%s", tmpdir, copied[i]);
		copy_file(from, path);
	}
	write_file(path, "context = { home_kwh_per_year = 10000.0; home_year = 2023;\n"
	    "  car_co2_t_per_year = 4.6; car_year = 2023; sources = ( \"s\" ); };\n"
	    "states = ( { id = \"LA\"; name = \"Louisiana\"; consumption_twh = 90.0; year = 2023; source = \"s\"; } );\n"
	    "gwp = (\n"
	    "  { id = \"ar5\"; ch4 = 28.0; n2o = 265.0; source = \"s\"; },\n"
	    "  { id = \"ar6\"; ch4 = 27.9; n2o = 273.0; source = \"s\"; },\n"
	    "  { id = \"ar4\"; ch4 = 25.0; n2o = 298.0; source = \"s\"; },\n"
	    "  { id = \"sar\"; ch4 = 21.0; n2o = 310.0; source = \"s\"; },\n"
	    "  { id = \"x\"; ch4 = 30.0; n2o = 300.0; source = \"s\"; }\n"
	    ");\n");
	assert_int_equal(emis_catalogs_load_dir(&c, tmpdir, &e), -1);
	assert_string_equal(e.file, path);
	assert_int_equal(e.line, 9);
	assert_non_null(strstr(e.msg, "at most 4 gwp entries"));
	/* four load; a repeated id is rejected too */
	write_file(path, "context = { home_kwh_per_year = 10000.0; home_year = 2023;\n"
	    "  car_co2_t_per_year = 4.6; car_year = 2023; sources = ( \"s\" ); };\n"
	    "states = ( { id = \"LA\"; name = \"Louisiana\"; consumption_twh = 90.0; year = 2023; source = \"s\"; } );\n"
	    "gwp = (\n"
	    "  { id = \"ar5\"; ch4 = 28.0; n2o = 265.0; source = \"s\"; },\n"
	    "  { id = \"ar6\"; ch4 = 27.9; n2o = 273.0; source = \"s\"; },\n"
	    "  { id = \"ar6\"; ch4 = 29.8; n2o = 273.0; source = \"s\"; }\n"
	    ");\n");
	assert_int_equal(emis_catalogs_load_dir(&c, tmpdir, &e), -1);
	assert_int_equal(e.line, 7);
	assert_non_null(strstr(e.msg, "duplicate gwp id"));
	copy_file("emissions/context.cfg", path);
	assert_int_equal(emis_catalogs_load_dir(&c, tmpdir, &e), 0);
	assert_int_equal(c.ngwp, cats.ngwp);
	emis_catalogs_free(&c);
}

/* Plants before grids, then the link step: the same grids as the folder
 * load (grids first); linking again changes nothing; an unknown
 * grid_fuels id is reported at its line by the link step. */
static void
test_link_independent_of_load_order(void **state)
{
	struct emis_catalogs c;
	struct err e;
	size_t	 i;
	int	 p;

	(void)state;
	memset(&c, 0, sizeof(c));
	assert_int_equal(catalog_load_plants(&c, "emissions/plants.cfg", &e), 0);
	assert_int_equal(catalog_load_grids(&c, "emissions/grids.cfg", &e), 0);
	/* nothing derived before the link */
	for (i = 0; i < c.ngrids; i++)
		assert_int_equal(c.grids[i].derived, 0);
	assert_int_equal(emis_catalogs_link(&c, &e), 0);
	assert_int_equal(emis_catalogs_link(&c, &e), 0);
	assert_int_equal(c.ngrids, cats.ngrids);
	for (i = 0; i < c.ngrids; i++) {
		const struct emis_grid *a = &c.grids[i], *b = &cats.grids[i];

		assert_string_equal(a->id, b->id);
		assert_int_equal(a->derived, b->derived);
		for (p = 0; p < EMIS_NPOLL; p++)
			if (!(isnan(a->rate_t_per_mwh[p]) && isnan(b->rate_t_per_mwh[p])))
				assert_close(a->rate_t_per_mwh[p], b->rate_t_per_mwh[p], 0.0);
		if (!(isnan(a->water_m3_per_mwh) && isnan(b->water_m3_per_mwh)))
			assert_close(a->water_m3_per_mwh, b->water_m3_per_mwh, 0.0);
	}
	/* SRMV's PM2.5 comes from its mix: some bit is set */
	assert_true((emis_grid_find(&c, "SRMV")->derived >> EMIS_PM25) & 1u);
	snprintf(c.grid_fuel_id[EMIS_F_GAS], sizeof(c.grid_fuel_id[0]), "nope");
	assert_int_equal(emis_catalogs_link(&c, &e), -1);
	assert_string_equal(e.file, "emissions/plants.cfg");
	assert_int_equal(e.line, c.grid_fuel_line[EMIS_F_GAS]);
	assert_true(e.line > 1);
	assert_non_null(strstr(e.msg, "grid_fuels.gas: unknown plant or technology \"nope\""));
	emis_catalogs_free(&c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_machine_inherits_base_with_own_heat_rate),
		cmocka_unit_test(test_diesel_tiers_from_the_standards),
		cmocka_unit_test(test_gas_supply_factor),
		cmocka_unit_test(test_plants_bad_rows_rejected_with_line),
		cmocka_unit_test(test_fifth_gwp_row_rejected_with_line),
		cmocka_unit_test(test_link_independent_of_load_order),
	};

	return cmocka_run_group_tests_name("catalogs", tests, setup, teardown);
}
