/* The scenario kernel against the general model: scenarios picked at
 * random from bundled and hand-made sites (monthly PUE, backup, PPAs,
 * shares, hours, drawn SCR ppm and heat rates, a load factor, phases, an
 * inline rack), every output column compared bit for bit with
 * est_params_from_site() + est_run() + emis_run() on the draws of
 * version 1 (slot k drawn from batch_uniform(stream, k)). */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch/internal.h"
#include "common/err.h"
#include "tests/test_util.h"

static struct emis_catalogs cats;
static struct est_racks racks;

static int
setup(void **state)
{
	struct err	 e;

	(void)state;
	if (est_racks_load("estimator/racks.cfg", &racks, &e) == -1 ||
	    emis_catalogs_load_dir(&cats, "emissions", &e) == -1 ||
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
	est_racks_free(&racks);
	return 0;
}

/* Monthly PUE, backup generators, a share and an hours entry, a drawn heat
 * rate and NOx ppm under SCR, an inline rack (drawn in full). */
static const char monthly_site[] =
	"name = \"Monthly\";\n"
	"location = { lat = 35.06; lon = -90.14; country = \"US\"; state = \"TN\"; };\n"
	"capacity_mw = 300.0;\n"
	"hardware = { rack = { name = \"r\"; peak_kw = { min = 100.0; mode = 120.0; max = 140.0; };\n"
	"  idle_fraction = { min = 0.2; max = 0.3; }; accelerators = 72; accelerator_w = 1200;\n"
	"  h100_per_accelerator = { min = 2.0; mode = 2.3; max = 2.5; }; };\n"
	"  utilization = { mean = 0.6; sd = 0.1; }; overhead = 0.08; };\n"
	"cooling = { pue = ( 1.10, 1.10, 1.12, 1.15, 1.2, 1.3, 1.35, 1.35, 1.25, 1.15, 1.1, 1.1 );\n"
	"  wue_l_per_kwh = { min = 0.1; max = 0.4; }; };\n"
	"supply = (\n"
	"  { kind = \"onsite\"; plant = \"sc-aero\"; units = { min = 4.0; max = 10.0; };\n"
	"    unit_mw = 16.0; capacity_factor = { min = 0.3; mode = 0.5; max = 0.8; };\n"
	"    controls = [ \"scr\" ]; nox_ppm = { min = 2.0; mode = 5.0; max = 9.0; };\n"
	"    heat_rate_mmbtu_per_mwh = { min = 9.5; mode = 10.5; max = 12.0; }; },\n"
	"  { kind = \"onsite\"; plant = \"recip-gas\"; units = 4; unit_mw = 5.0;\n"
	"    hours = { min = 500.0; max = 3000.0; }; },\n"
	"  { kind = \"ppa\"; technology = \"wind\"; share = { min = 0.1; max = 0.3; }; },\n"
	"  { kind = \"grid\"; region = \"SRTV\"; } );\n"
	"backup = { plant = \"diesel-tier2\"; units = { min = 20.0; max = 40.0; }; unit_mw = 2.5;\n"
	"  test_hours_per_year = { min = 6.0; mode = 12.0; max = 24.0; }; };\n";

/* A load factor, phases, a PPA by capacity. */
static const char lf_site[] =
	"name = \"Load factor\";\n"
	"location = { lat = 32.4; lon = -99.7; country = \"US\"; state = \"TX\"; };\n"
	"capacity_mw = 1200.0;\n"
	"phases = ( { year = 2026; capacity_mw = 200.0; }, { year = 2028; capacity_mw = 1200.0; } );\n"
	"hardware = { rack = \"gb200-nvl72\"; load_factor = { min = 0.6; mode = 0.8; max = 0.95; };\n"
	"  overhead = { min = 0.05; max = 0.1; }; };\n"
	"cooling = { pue = { min = 1.1; mode = 1.2; max = 1.4; }; wue_l_per_kwh = 0.3; };\n"
	"supply = (\n"
	"  { kind = \"ppa\"; technology = \"solar\"; capacity_mw = { min = 100.0; max = 400.0; };\n"
	"    capacity_factor = 0.25; },\n"
	"  { kind = \"grid\"; region = \"ERCT\"; } );\n";

/* Phases under a fixed PUE and overhead (the earlier purchases resolved
 * once per site), permit factors over a drawn ppm (NOx) and beside it
 * (CO), a drawn heat rate under DLN, an accelerator count; drawn units,
 * unit size and hours (past the year's: capped), a share, a PPA's
 * capacity, backup (a catalog rack: the parameters patched per draw). */
static const char permit_site[] =
	"name = \"Permit\";\n"
	"location = { lat = 35.06; lon = -90.14; country = \"US\"; state = \"TN\"; };\n"
	"accelerators = 400000.0;\n"
	"phases = ( { year = 2026; accelerators = 100000.0; },\n"
	"  { year = 2027; accelerators = 50000.0; },\n"
	"  { year = 2029; accelerators = 400000.0; } );\n"
	"hardware = { rack = \"gb200-nvl72\"; utilization = { min = 0.4; max = 0.9; };\n"
	"  overhead = 0.07; };\n"
	"cooling = { pue = 1.2; wue_l_per_kwh = { min = 0.1; max = 0.4; }; };\n"
	"supply = (\n"
	"  { kind = \"onsite\"; plant = \"ngcc\"; units = 2; unit_mw = 300.0;\n"
	"    capacity_factor = { min = 0.3; mode = 0.5; max = 0.8; };\n"
	"    controls = [ \"scr\", \"oxidation-catalyst\" ]; nox_ppm = { min = 2.0; max = 9.0; };\n"
	"    ef_lb_per_mmbtu = { nox = 0.011; co = 0.002; }; },\n"
	"  { kind = \"onsite\"; plant = \"sc-aero\"; units = 3; unit_mw = 40.0;\n"
	"    capacity_factor = 0.2; controls = [ \"dln\" ];\n"
	"    heat_rate_mmbtu_per_mwh = { min = 9.0; max = 11.0; };\n"
	"    ef_lb_per_mmbtu = { pm25 = 0.004; }; },\n"
	"  { kind = \"onsite\"; plant = \"recip-gas\"; units = { min = 2.0; max = 6.0; };\n"
	"    unit_mw = { min = 4.0; max = 6.0; }; hours = { min = 7000.0; max = 8784.0; }; },\n"
	"  { kind = \"ppa\"; technology = \"wind\"; share = { min = 0.05; max = 0.2; }; },\n"
	"  { kind = \"ppa\"; technology = \"solar\"; capacity_mw = { min = 50.0; max = 150.0; };\n"
	"    capacity_factor = { min = 0.2; max = 0.3; }; },\n"
	"  { kind = \"grid\"; region = \"SRTV\"; } );\n"
	"backup = { plant = \"diesel-tier2\"; units = { min = 20.0; max = 40.0; };\n"
	"  unit_mw = { min = 2.0; max = 3.0; }; test_hours_per_year = { min = 6.0; max = 24.0; }; };\n";

struct fixture {
	struct site	*sites[9];
	struct batch_site bs[9];
	size_t		 n;
	struct emis_options o;
};

static void
add_site(struct fixture *f, struct site *s)
{
	struct batch_site *bs = &f->bs[f->n];
	struct err	 e;

	if (s == NULL)
		fail_msg("site: %s", "not loaded");
	f->sites[f->n++] = s;
	memset(bs, 0, sizeof(*bs));
	bs->site = s;
	bs->rack_from_catalog = !s->rack_inline;
	if (est_site_rack(&racks, s, &bs->rack, &e) == -1 ||
	    emis_resolve(&cats, s, &bs->refs, &e) == -1 ||
	    emis_grid_resolve(&cats, s, "TN", "SERTP", &f->o, &bs->refs,
	    &e) == -1)
		fail_msg("%s:%d: %s", e.file, e.line, e.msg);
}

static void
fixture_load(struct fixture *f, int year)
{
	static const char *const files[] = { "sites/hyperion.cfg",
	    "sites/colossus-1.cfg", "sites/stargate-abilene.cfg",
	    "sites/prometheus.cfg", "sites/fairwater.cfg" };
	struct err	 e;
	size_t		 i;

	memset(f, 0, sizeof(*f));
	f->o.gwp = emis_gwp_find(&cats, "ar6");
	f->o.basis = EMIS_BASIS_AVERT;
	f->o.grid_year = year > 0 ? year : 2030;
	f->o.cambium_scenario = cambium_scenario_find(cats.cambium, "MidCase");
	f->o.health = EMIS_HEALTH_EPA_BPT;
	f->o.health_year = 2026;
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		struct site *s = site_load_file(files[i], &e);

		if (s == NULL)
			fail_msg("%s:%d: %s", e.file, e.line, e.msg);
		add_site(f, s);
	}
	add_site(f, site_load_string(monthly_site, "monthly.cfg", &e));
	add_site(f, site_load_string(lf_site, "lf.cfg", &e));
	add_site(f, site_load_string(permit_site, "permit.cfg", &e));
}

static void
fixture_free(struct fixture *f)
{
	size_t	 i;

	for (i = 0; i < f->n; i++)
		site_free(f->sites[i]);
}

/* The general model's pick, written from the rules of version 1: a varied
 * setting takes its grid value, an uncertain number its draw of slot k,
 * anything else (fixed, central run, a catalog rack's number without
 * catalog_uncertainty) its central value. */
struct ref_ctx {
	const struct batch *b;
	size_t		 site;
	const double	*varied;
	const int	*vslot;
	uint64_t	 key;		/* site x per_point + draw */
};

static double
ref_pick(const struct unc *u, unsigned k, void *vctx)
{
	const struct ref_ctx *c = vctx;
	const struct batch *b = c->b;
	const struct batch_site *bs = &b->sites[c->site];
	size_t	 i;

	for (i = 0; i < b->nvary; i++)
		if (c->vslot[i] == (int)k)
			return c->varied[i];
	if (!b->monte_carlo || u->kind == UNC_FIXED)
		return unc_central(u);
	if (bs->rack_from_catalog && !b->catalog_uncertainty &&
	    est_input_is_rack(bs->site, k))
		return unc_central(u);
	return unc_quantile(u, rng_uniform(b->seed, c->key, k));
}

/* Scenario "id" through the general model into out[emis_nmetrics]. */
static void
reference(const struct batch *b, uint64_t id, double *out)
{
	struct emis_result *r = malloc(sizeof(*r));
	struct est_params p;
	struct batch_id	 at;
	struct emis_refs *refs = malloc(sizeof(*refs));
	struct emis_options o = b->eopts;
	struct ref_ctx	 c;
	struct err	 e;
	double		 varied[SWEEP_MAX_VARY];
	int		 vslot[SWEEP_MAX_VARY], year = b->year, grid = 0;
	uint64_t	 point;
	const char	*why;
	size_t		 k, m;

	assert_non_null(r);
	assert_non_null(refs);
	batch_id_split(b, id, &at);
	*refs = b->sites[at.site].refs;
	for (k = b->nvary, point = at.point; k-- > 0;) {
		varied[k] = b->vary[k].values[point % b->vary[k].nvalues];
		point /= b->vary[k].nvalues;
		vslot[k] = -1;
		/* a grid setting: estimate's --grid-basis, --grid-scenario,
		 * --year, with the site's Cambium rates for them */
		switch (b->vary[k].kind) {
		case SWEEP_GRID_BASIS:
			o.basis = (enum emis_grid_basis)varied[k];
			grid = 1;
			break;
		case SWEEP_GRID_SCENARIO:
			o.cambium_scenario = (int)varied[k];
			grid = 1;
			break;
		case SWEEP_YEAR:
			year = o.grid_year = (int)varied[k];
			grid = 1;
			break;
		default:
			vslot[k] = batch_input_slot(b->sites[at.site].site,
			    b->vary[k].path, &why);
			break;
		}
	}
	if (grid && emis_grid_resolve(&cats, b->sites[at.site].site, "TN",
	    "SERTP", &o, refs, &e) == -1)
		fail_msg("%s:%d: %s", e.file, e.line, e.msg);
	c.b = b;
	c.site = at.site;
	c.varied = varied;
	c.vslot = vslot;
	c.key = (uint64_t)at.site * b->per_point + at.draw;
	est_params_from_site(b->sites[at.site].site, &b->sites[at.site].rack,
	    year, ref_pick, &c, &p);
	p.annual_only = 1;
	est_run(&p, &r->est);
	emis_run(b->cats, refs, &p, &r->est, &o, r);
	for (m = 0; m < emis_nmetrics; m++)
		out[m] = emis_metric_value(&emis_metrics[m], r);
	free(refs);
	free(r);
}

/* The same bits (NaN included). */
static void
assert_same(double got, double want, uint64_t id, size_t m)
{
	if (memcmp(&got, &want, sizeof(got)) == 0)
		return;
	fail_msg("scenario %llu, %s: kernel %.17g, general model %.17g",
	    (unsigned long long)id, emis_metrics[m].key, got, want);
}

/* scenarios checked on the block path in structure-of-arrays form */
static uint64_t nsoa;

/* "count" random scenarios of "b": the kernel's block evaluation (the
 * path of batch_run) and its one-scenario path against the reference. */
static void
check_random(const struct batch *b, uint64_t count, uint64_t seed)
{
	double		 want[BATCH_MAX_METRICS], one[BATCH_MAX_METRICS];
	double		*blk = malloc(sizeof(double) * BATCH_KERNEL_BLOCK *
	    BATCH_MAX_METRICS);
	double		 varied[SWEEP_MAX_VARY];
	const struct batch_kernel *kern;
	struct batch_id	 at;
	uint64_t	 i, id, s = seed;
	size_t		 m, n, j, site;

	assert_non_null(blk);
	for (i = 0; i < count; i++) {
		id = rng_mix64(s++) % b->total;
		batch_id_split(b, id, &at);
		reference(b, id, want);
		batch_eval(b, id, &site, varied, one);
		assert_int_equal(site, at.site);
		kern = batch_point(b, at.site, at.point, varied);
		/* a block that starts a few draws before this one */
		n = (size_t)(at.draw % 7) + 1;
		if (n > BATCH_KERNEL_BLOCK)
			n = BATCH_KERNEL_BLOCK;
		batch_kernel_eval_block(kern, varied, at.draw - (n - 1), n, blk);
		for (m = 0; m < emis_nmetrics; m++) {
			assert_same(one[m], want[m], id, m);
			assert_same(blk[(n - 1) * emis_nmetrics + m], want[m], id, m);
		}
		/* metric-major, up to a whole block: the path of batch_run;
		 * a column the kernel calls constant has one value */
		n = (size_t)(at.draw % BATCH_KERNEL_BLOCK) + 1;
		batch_kernel_eval_cols(kern, varied, at.draw - (n - 1), n, blk);
		nsoa += kern->soa != 0;
		for (m = 0; m < emis_nmetrics; m++) {
			assert_same(blk[m * BATCH_KERNEL_BLOCK + n - 1], want[m],
			    id, m);
			if (!(kern->const_cols >> m & 1))
				continue;
			for (j = 0; j < n; j++)
				assert_same(blk[m * BATCH_KERNEL_BLOCK + j],
				    blk[m * BATCH_KERNEL_BLOCK], id, m);
		}
	}
	free(blk);
}

static void
test_kernel_equals_general_model_monte_carlo(void **state)
{
	struct fixture	 f;
	struct batch	*b = malloc(sizeof(*b));
	struct err	 e;

	(void)state;
	assert_non_null(b);
	fixture_load(&f, 0);
	assert_int_equal(batch_init(b, &cats, &f.o, f.bs, f.n, NULL, 0, 100000,
	    7, 0, 0, &e), 0);
	nsoa = 0;
	check_random(b, 2000, 1);
	batch_fini(b);
	/* the catalog racks' ranges drawn too */
	assert_int_equal(batch_init(b, &cats, &f.o, f.bs, f.n, NULL, 0, 1000,
	    8, 0, 1, &e), 0);
	check_random(b, 1000, 2);
	batch_fini(b);
	/* headline bases other than AVERT: their rates resolved per site */
	f.o.basis = EMIS_BASIS_CAMBIUM_AER;
	assert_int_equal(batch_init(b, &cats, &f.o, f.bs, f.n, NULL, 0, 1000,
	    9, 0, 0, &e), 0);
	check_random(b, 1000, 3);
	batch_fini(b);
	f.o.basis = EMIS_BASIS_EGRID_NONBASELOAD;
	assert_int_equal(batch_init(b, &cats, &f.o, f.bs, f.n, NULL, 0, 1000,
	    10, 0, 0, &e), 0);
	check_random(b, 1000, 4);
	batch_fini(b);
	/* under bases with rates fixed for the site, the bundled sites take
	 * the structure-of-arrays path (not AVERT's monthly weights, not
	 * monthly PUE values) */
	assert_true(nsoa > 1000);
	free(b);
	fixture_free(&f);
}

/* vary[k]: "path" of "kind" over values[0 .. n - 1] */
static void
set_vary(struct sweep_vary *v, const char *path, enum sweep_kind kind,
    double *values, size_t n)
{
	snprintf(v->path, sizeof(v->path), "%s", path);
	v->kind = kind;
	v->values = values;
	v->nvalues = n;
}

static void
test_kernel_equals_general_model_sweep_and_year(void **state)
{
	static double	 ovh[] = { 0.05, 0.1 }, cf[] = { 0.5, 0.9 };
	struct sweep_vary vary[2];
	struct fixture	 f;
	struct batch	*b = malloc(sizeof(*b));
	struct err	 e;
	int		 year;

	(void)state;
	assert_non_null(b);
	memset(vary, 0, sizeof(vary));
	set_vary(&vary[0], "hardware.overhead", SWEEP_SITE, ovh, 2);
	set_vary(&vary[1], "supply[0].capacity_factor", SWEEP_SITE, cf, 2);
	for (year = 0; year <= 2029; year += 2029) {
		fixture_load(&f, year);
		/* the monthly site's first entry has a capacity factor; the
		 * load-factor site's is a PPA's */
		assert_int_equal(batch_init(b, &cats, &f.o, f.bs, f.n, vary, 2,
		    5000, 3, year, 0, &e), 0);
		check_random(b, 1500, 10 + (uint64_t)year);
		batch_fini(b);
		/* central values at every grid point */
		assert_int_equal(batch_init(b, &cats, &f.o, f.bs, f.n, vary, 2, 0,
		    3, year, 0, &e), 0);
		check_random(b, 200, 20);
		batch_fini(b);
		fixture_free(&f);
	}
	free(b);
}

/* A sweep over grid settings: a kernel per site and grid context, each
 * scenario as estimate computes it under that basis, scenario and year
 * (the reference resolves the site's Cambium rates for them itself). */
static void
test_kernel_equals_general_model_grid_contexts(void **state)
{
	static double	 basis[] = { EMIS_BASIS_AVERT, EMIS_BASIS_CAMBIUM_LRMER,
	    EMIS_BASIS_EGRID_AVERAGE }, years[] = { 2026, 2029 }, pue[] =
	    { 1.1, 1.3 }, scen[2];
	struct sweep_vary vary[4];
	struct emis_refs *ctx[9];
	struct emis_options o;
	struct fixture	 f;
	struct batch	*b = malloc(sizeof(*b));
	struct err	 e;
	size_t		 i, c, nctx;
	int		 year;

	(void)state;
	assert_non_null(b);
	scen[0] = cambium_scenario_find(cats.cambium, "MidCase");
	scen[1] = cambium_scenario_find(cats.cambium, "HighRECost");
	assert_true(scen[0] >= 0 && scen[1] > scen[0]);
	memset(vary, 0, sizeof(vary));
	set_vary(&vary[0], "grid_basis", SWEEP_GRID_BASIS, basis, 3);
	set_vary(&vary[1], "cooling.pue", SWEEP_SITE, pue, 2);
	set_vary(&vary[2], "year", SWEEP_YEAR, years, 2);
	set_vary(&vary[3], "grid_scenario", SWEEP_GRID_SCENARIO, scen, 2);
	/* 3 bases x 2 years x 2 scenarios */
	nctx = batch_ncontexts(vary, 4);
	assert_int_equal(nctx, 12);
	fixture_load(&f, 0);
	/* context 7 = basis 1, year 1, scenario 1 (7 = 1 x 4 + 1 x 2 + 1) */
	batch_context(&f.o, 0, vary, 4, 7, &o, &year);
	assert_int_equal(o.basis, EMIS_BASIS_CAMBIUM_LRMER);
	assert_int_equal(year, 2029);
	assert_int_equal(o.grid_year, 2029);
	assert_int_equal(o.cambium_scenario, (int)scen[1]);
	/* the monthly-PUE site cannot vary cooling.pue: the others */
	for (i = 0; i < f.n; i++) {
		assert_non_null(ctx[i] = calloc(nctx, sizeof(*ctx[i])));
		for (c = 0; c < nctx; c++) {
			batch_context(&f.o, 0, vary, 4, c, &o, &year);
			ctx[i][c] = f.bs[i].refs;
			if (emis_grid_resolve(&cats, f.bs[i].site, "TN", "SERTP",
			    &o, &ctx[i][c], &e) == -1)
				fail_msg("%s:%d: %s", e.file, e.line, e.msg);
		}
		f.bs[i].ctx_refs = ctx[i];
	}
	for (i = 0; i < f.n && !f.bs[i].site->pue_monthly; i++)
		;
	memmove(&f.bs[i], &f.bs[i + 1], (f.n - i - 1) * sizeof(f.bs[0]));
	f.n--;
	assert_int_equal(batch_init(b, &cats, &f.o, f.bs, f.n, vary, 4, 300,
	    11, 0, 0, &e), 0);
	assert_int_equal(b->nctx, 12);
	check_random(b, 1500, 30);
	batch_fini(b);
	/* without the references per context: refused */
	f.bs[0].ctx_refs = NULL;
	assert_int_equal(batch_init(b, &cats, &f.o, f.bs, f.n, vary, 4, 300,
	    11, 0, 0, &e), -1);
	assert_non_null(strstr(e.msg, "varies grid settings"));
	batch_fini(b);
	f.n++;
	for (i = 0; i < f.n; i++)
		free(ctx[i]);
	fixture_free(&f);
	free(b);
}

/* The slots embodied.c picks are the ones estimator.h names. */
static void
test_inputs_name_the_rack_numbers(void **state)
{
	struct fixture	 f;
	const struct unc *u[EST_NIN];
	double		 x[EST_NIN];

	(void)state;
	fixture_load(&f, 0);
	est_inputs_central(f.bs[0].site, &f.bs[0].rack, 0, x, u);
	assert_ptr_equal(u[EST_IN_PEAK_KW], &f.bs[0].rack.peak_kw);
	assert_ptr_equal(u[EST_IN_PUE], &f.sites[0]->pue);
	assert_ptr_equal(u[EST_IN_SUPPLY(1, EST_SUP_NOX_PPM)],
	    &f.sites[0]->supply[1].nox_ppm);
	assert_ptr_equal(u[EST_IN_EMB_ACCEL], &f.bs[0].rack.emb.accel_kg);
	assert_ptr_equal(u[EST_IN_EMB_OTHER], &f.bs[0].rack.emb.other_kg);
	assert_ptr_equal(u[EST_IN_EMB_LIFE], &f.bs[0].rack.emb.hw_life_years);
	assert_ptr_equal(u[EST_IN_EMB_BUILDING],
	    &f.bs[0].rack.emb.building_kg_per_mw);
	assert_ptr_equal(u[EST_IN_EMB_BUILDING_LIFE],
	    &f.bs[0].rack.emb.building_life_years);
	assert_null(u[EST_IN_LOAD_FACTOR]);
	assert_true(x[EST_IN_SIZE] > 4999.0 && x[EST_IN_SIZE] < 5001.0);
	fixture_free(&f);
}

static void
test_input_slot_paths(void **state)
{
	struct fixture	 f;
	const char	*why;

	(void)state;
	fixture_load(&f, 0);
	assert_int_equal(batch_input_slot(f.sites[0], "capacity_mw", &why),
	    EST_IN_SIZE);
	assert_int_equal(batch_input_slot(f.sites[0], "racks", &why), -1);
	assert_int_equal(batch_input_slot(f.sites[0],
	    "supply[2].capacity_factor", &why),
	    EST_IN_SUPPLY(2, EST_SUP_CAPACITY_FACTOR));
	assert_int_equal(batch_input_slot(f.sites[0], "supply[9].units", &why), -1);
	assert_int_equal(batch_input_slot(f.sites[0], "backup.units", &why), -1);
	assert_int_equal(batch_input_slot(f.sites[5], "cooling.pue", &why), -1);
	assert_int_equal(batch_input_slot(f.sites[6], "hardware.utilization",
	    &why), -1);
	assert_int_equal(batch_input_slot(f.sites[6], "hardware.load_factor",
	    &why), EST_IN_LOAD_FACTOR);
	fixture_free(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kernel_equals_general_model_monte_carlo),
		cmocka_unit_test(test_kernel_equals_general_model_sweep_and_year),
		cmocka_unit_test(test_kernel_equals_general_model_grid_contexts),
		cmocka_unit_test(test_inputs_name_the_rack_numbers),
		cmocka_unit_test(test_input_slot_paths),
	};

	return cmocka_run_group_tests_name("kernel", tests, setup, teardown);
}
