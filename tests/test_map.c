/* plots/map*.c and the geo/ calls they make: projections against PROJ's
 * command-line tools, marker positions on the page, the automatic
 * projection, the scale bar against geod, label placement, and bad GeoJSON
 * layers and projections. Run from the repository root (fixtures in
 * tests/data/map, sites in sites/). */
#include <sys/stat.h>

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cairo.h>

#include "tests/test_util.h"

#include "common/err.h"
#include "estimator/estimator.h"
#include "geo/geo.h"
#include "geo/lookup.h"
#include "plots/internal.h"
#include "sites/site.h"


#define assert_within(a, x, tol) do {					\
	double	 a_ = (a), x_ = (x);					\
	if (!(fabs(a_ - x_) <= (tol))) {				\
		print_error("%s = %.6f, expected %.6f (+-%g)\n", #a, a_, x_, \
		    (double)(tol));					\
		fail();							\
	}								\
} while (0)

/* A site from a file with a made-up result: facility power and CO2e
 * intensity are all a map needs. */
struct tsite {
	struct site		*site;
	struct emis_result	 res;
};

static void
tsite_load(struct tsite *t, const char *path, double mw, double kg_per_mwh)
{
	struct err	 e;

	err_clear(&e);
	memset(t, 0, sizeof(*t));
	t->site = site_load_file(path, &e);
	if (t->site == NULL)
		print_error("%s: %s\n", path, e.msg);
	assert_non_null(t->site);
	t->res.est.facility_mw = mw;
	t->res.intensity_kg_per_mwh = kg_per_mwh;
}

static void
to_plot(struct tsite *t, int n, struct plot_site *ps)
{
	int	 i;

	for (i = 0; i < n; i++) {
		ps[i].site = t[i].site;
		ps[i].res = &t[i].res;
		ps[i].refs = NULL;
	}
}

static void
tsites_free(struct tsite *t, int n)
{
	int	 i;

	for (i = 0; i < n; i++)
		site_free(t[i].site);
}

/* One point (lon, lat in degrees) projected into "crs" as a map does it;
 * -1 with "e" when the CRS is rejected or the point falls outside. */
static int
project(const char *crs, double lon_deg, double lat_deg, double *x_m,
    double *y_m, struct err *e)
{
	struct geo_proj	*p;
	int		 rc = -1;

	if ((p = geo_proj_new(GEO_CRS_LONLAT, crs, e)) == NULL)
		return -1;
	if (geo_fwd(p, lon_deg, lat_deg, x_m, y_m) == -1)
		err_set(e, ERR_PROJ, NULL, 0, "projection \"%s\": (%g, %g) is "
		    "outside its domain", crs, lon_deg, lat_deg);
	else
		rc = 0;
	geo_proj_free(p);
	return rc;
}

/* The automatic CRS for the sites of "ps". */
static const char *
auto_crs(const struct plot_site *ps, int n)
{
	double	 ll[2 * 8];
	int	 i;

	assert_true(n <= 8);
	for (i = 0; i < n; i++) {
		ll[2 * i] = ps[i].site->lon_deg;
		ll[2 * i + 1] = ps[i].site->lat_deg;
	}
	return geo_auto_crs(ll, (size_t)n);
}

static void
default_opts(struct plot_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->dpi = 72.0;
	o->gwp_id = "ar6";
	o->grid_factors = "average";
}

/* Every bundled site in EPSG:5070 matches cs2cs within 1 m (the two
 * agree to the mm; 1 m is far below a printed map's resolution). */
static void
test_project_sites_match_cs2cs(void **state)
{
	FILE	*fp = fopen("tests/data/map/cs2cs-5070.txt", "r");
	char	 line[512], name[128], path[256];
	double	 xr, yr, zr, lat, lon, x, y;
	struct site *s;
	struct err e;
	int	 n = 0;

	(void)state;
	assert_non_null(fp);
	while (fgets(line, sizeof(line), fp) != NULL) {
		if (line[0] == '#')
			continue;
		assert_int_equal(sscanf(line, "%lf %lf %lf %127s %lf %lf", &xr,
		    &yr, &zr, name, &lat, &lon), 6);
		snprintf(path, sizeof(path), "sites/%s.cfg", name);
		err_clear(&e);
		s = site_load_file(path, &e);
		assert_non_null(s);
		/* the fixture was made from the same coordinates */
		assert_within(s->lat_deg, lat, 1e-9);
		assert_within(s->lon_deg, lon, 1e-9);
		assert_int_equal(project("EPSG:5070", s->lon_deg, s->lat_deg,
		    &x, &y, &e), 0);
		assert_within(x, xr, 1.0);
		assert_within(y, yr, 1.0);
		site_free(s);
		n++;
	}
	fclose(fp);
	assert_int_equal(n, 10);
}

static void
test_project_world_match_cs2cs(void **state)
{
	FILE	*fp = fopen("tests/data/map/cs2cs-world.txt", "r");
	char	 line[512], crs[64], place[64];
	double	 xr, yr, zr, lat, lon, x, y;
	struct err e;
	int	 n = 0;

	(void)state;
	assert_non_null(fp);
	while (fgets(line, sizeof(line), fp) != NULL) {
		if (line[0] == '#')
			continue;
		assert_int_equal(sscanf(line, "%63s %lf %lf %lf %63s %lf %lf",
		    crs, &xr, &yr, &zr, place, &lat, &lon), 7);
		err_clear(&e);
		assert_int_equal(project(crs, lon, lat, &x, &y, &e), 0);
		assert_within(x, xr, 1.0);
		assert_within(y, yr, 1.0);
		n++;
	}
	fclose(fp);
	assert_int_equal(n, 4);
}

/* Markers sit where the projection puts them: one scale for x and y (y
 * flipped), so a third site is predicted from two within 1 pt. */
static void
test_marker_position_follows_projection(void **state)
{
	static const char *const names[3] = { "hyperion", "colossus-1",
	    "prometheus" };
	struct tsite	 t[3];
	struct plot_site ps[3];
	struct plot_opts o;
	struct err	 e;
	char		 path[128];
	double		 px[3], py[3], x[3], y[3], kx, ky;
	int		 i;

	(void)state;
	for (i = 0; i < 3; i++) {
		snprintf(path, sizeof(path), "sites/%s.cfg", names[i]);
		tsite_load(&t[i], path, 1000.0, 400.0);
		assert_int_equal(project("EPSG:5070", t[i].site->lon_deg,
		    t[i].site->lat_deg, &x[i], &y[i], &e), 0);
	}
	to_plot(t, 3, ps);
	default_opts(&o);
	err_clear(&e);
	assert_int_equal(map_site_xy(ps, 3, &o, 30.0, 24.0, 780.0, 547.0, 0,
	    px, py, &e), 0);
	kx = (px[1] - px[0]) / (x[1] - x[0]);
	ky = -(py[1] - py[0]) / (y[1] - y[0]);
	assert_close(kx, ky, 1e-9);
	assert_true(kx > 0.0);
	assert_within(px[2], px[0] + (x[2] - x[0]) * kx, 1.0);
	assert_within(py[2], py[0] - (y[2] - y[0]) * kx, 1.0);
	/* Memphis is east and north of Richland Parish */
	assert_true(px[1] > px[0] && py[1] < py[0]);
	for (i = 0; i < 3; i++) {
		assert_true(px[i] > 30.0 && px[i] < 810.0);
		assert_true(py[i] > 24.0 && py[i] < 571.0);
	}
	tsites_free(t, 3);
}

static int
coloured(const unsigned char *data, int stride, int x, int y)
{
	uint32_t	 p;
	int		 r, g, b, hi, lo;

	memcpy(&p, data + (size_t)y * (size_t)stride + 4 * (size_t)x, 4);
	r = (int)((p >> 16) & 0xffu);
	g = (int)((p >> 8) & 0xffu);
	b = (int)(p & 0xffu);
	hi = r > g ? (r > b ? r : b) : (g > b ? g : b);
	lo = r < g ? (r < b ? r : b) : (g < b ? g : b);
	return hi - lo > 40;	/* the basemap and the ink are grey */
}

/* The drawn circle is centred on the computed marker position, within
 * 1 px at 144 dpi. */
static void
test_marker_drawn_at_position(void **state)
{
	struct tsite	 t;
	struct plot_site ps;
	struct plot_opts o;
	struct err	 e;
	cairo_surface_t	*surf;
	cairo_t		*cr;
	const unsigned char *data;
	double		 px, py, scale = 2.0;
	int		 stride, cx, cy, a, b;

	(void)state;
	tsite_load(&t, "sites/hyperion.cfg", 1000.0, 500.0);
	to_plot(&t, 1, &ps);
	default_opts(&o);
	err_clear(&e);
	assert_int_equal(map_site_xy(&ps, 1, &o, 0.0, 0.0, 800.0, 500.0, 0,
	    &px, &py, &e), 0);
	surf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 1600, 1000);
	cr = cairo_create(surf);
	cairo_scale(cr, scale, scale);
	cairo_set_source_rgb(cr, 1.0, 1.0, 1.0);
	cairo_paint(cr);
	assert_int_equal(plot_map_draw(cr, 0.0, 0.0, 800.0, 500.0, &ps, 1, &o,
	    0, &e), 0);
	cairo_surface_flush(surf);
	data = cairo_image_surface_get_data(surf);
	stride = cairo_image_surface_get_stride(surf);
	cx = (int)floor(px * scale);
	cy = (int)floor(py * scale);
	assert_true(coloured(data, stride, cx, cy));
	for (a = cx; a > 0 && coloured(data, stride, a - 1, cy); a--)
		continue;
	for (b = cx; b < 1599 && coloured(data, stride, b + 1, cy); b++)
		continue;
	assert_within((a + b + 1) / 2.0, px * scale, 1.0);
	assert_true(b - a > 8);
	for (a = cy; a > 0 && coloured(data, stride, cx, a - 1); a--)
		continue;
	for (b = cy; b < 999 && coloured(data, stride, cx, b + 1); b++)
		continue;
	assert_within((a + b + 1) / 2.0, py * scale, 1.0);
	cairo_destroy(cr);
	cairo_surface_destroy(surf);
	tsites_free(&t, 1);
}

static void
test_auto_crs_us_or_world(void **state)
{
	struct tsite	 t[3];
	struct plot_site ps[3];

	(void)state;
	tsite_load(&t[0], "sites/hyperion.cfg", 5000.0, 400.0);
	tsite_load(&t[1], "sites/fairwater.cfg", 1800.0, 600.0);
	tsite_load(&t[2], "tests/data/map/paris.cfg", 1000.0, 30.0);
	to_plot(t, 3, ps);
	assert_string_equal(auto_crs(ps, 2), "EPSG:5070");
	assert_string_equal(auto_crs(ps, 3), "EPSG:8857");
	assert_string_equal(auto_crs(ps + 2, 1), "EPSG:8857");
	/* just outside CONUS (Anchorage) */
	t[1].site->lat_deg = 61.2;
	t[1].site->lon_deg = -149.9;
	assert_string_equal(auto_crs(ps, 2), "EPSG:8857");
	tsites_free(t, 3);
}

/* The bar's ends are dist_m apart on the ellipsoid (fixture checked with
 * cs2cs -I and geod; 1 m on 500 km is far below a line's width). */
static void
test_scalebar_matches_geod(void **state)
{
	FILE	*fp = fopen("tests/data/map/scalebar.txt", "r");
	char	 line[512], crs[64];
	double	 cx, cy, dist, len_ref, len;
	struct geo_proj *p;
	struct err e;
	int	 n = 0;

	(void)state;
	assert_non_null(fp);
	while (fgets(line, sizeof(line), fp) != NULL) {
		if (line[0] == '#')
			continue;
		assert_int_equal(sscanf(line, "%63s %lf %lf %lf %lf", crs, &cx,
		    &cy, &dist, &len_ref), 5);
		err_clear(&e);
		assert_non_null(p = geo_proj_new(GEO_CRS_LONLAT, crs, &e));
		len = geo_scalebar_len(p, cx, cy, dist);
		geo_proj_free(p);
		assert_within(len, len_ref, 1.0);
		n++;
	}
	fclose(fp);
	assert_int_equal(n, 2);
}

static int
draw_with(const struct plot_opts *o, struct err *e)
{
	struct tsite	 t;
	struct plot_site ps;
	cairo_surface_t	*surf;
	cairo_t		*cr;
	int		 rc;

	tsite_load(&t, "sites/hyperion.cfg", 5000.0, 400.0);
	to_plot(&t, 1, &ps);
	surf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 400, 300);
	cr = cairo_create(surf);
	err_clear(e);
	rc = plot_map_draw(cr, 0.0, 0.0, 400.0, 300.0, &ps, 1, o, 1, e);
	cairo_destroy(cr);
	cairo_surface_destroy(surf);
	tsites_free(&t, 1);
	return rc;
}

static void
test_layer_good_draws(void **state)
{
	static const char *const layers[] = { "tests/data/map/layer-ok.geojson" };
	struct plot_opts o;
	struct err	 e;

	(void)state;
	default_opts(&o);
	o.layers = layers;
	o.nlayers = 1;
	assert_int_equal(draw_with(&o, &e), 0);
}

/* Bad layers: the file, the line (JSON syntax) and a key phrase. */
static const struct {
	const char	*file;
	int		 line;
	const char	*needle;
} bad_layers[] = {
	{ "tests/data/map/bad-json.geojson", 3, "invalid JSON" },
	{ "tests/data/map/empty.geojson", 0, "empty" },
	{ "tests/data/map/bad-type.geojson", 0,
	    "feature 2: geometry type \"Circle\"" },
	{ "tests/data/map/empty-coords.geojson", 0,
	    "Polygon: empty coordinates" },
	{ "tests/data/map/no-features.geojson", 0, "no features" },
	{ "tests/data/map/not-geojson.geojson", 0, "not GeoJSON" },
	{ "tests/data/map/projected.geojson", 0, "not longitude, latitude" },
	{ "tests/data/map/no-such-file.geojson", 0, "cannot read" },
};

static void
check_bad_layer(size_t i, const struct err *e)
{
	assert_int_equal(e->code, ERR_CONFIG);
	assert_string_equal(e->file, bad_layers[i].file);
	if (e->line != bad_layers[i].line ||
	    strstr(e->msg, bad_layers[i].needle) == NULL)
		print_error("%s: line %d \"%s\" lacks line %d \"%s\"\n",
		    bad_layers[i].file, e->line, e->msg, bad_layers[i].line,
		    bad_layers[i].needle);
	assert_int_equal(e->line, bad_layers[i].line);
	assert_non_null(strstr(e->msg, bad_layers[i].needle));
}

/* The reader alone reports each error, with no map drawn. */
static void
test_layer_bad_geojson_reported_by_loader(void **state)
{
	struct geo_layer l;
	struct err	 e;
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof(bad_layers) / sizeof(bad_layers[0]); i++) {
		err_clear(&e);
		assert_int_equal(geo_layer_load(bad_layers[i].file, NULL, NULL,
		    &l, &e), -1);
		check_bad_layer(i, &e);
		geo_layer_free(&l);
	}
}

/* ... and a map given the layer passes the same error up. */
static void
test_layer_bad_geojson_fails_clearly(void **state)
{
	const char	*layers[1];
	struct plot_opts o;
	struct err	 e;
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof(bad_layers) / sizeof(bad_layers[0]); i++) {
		default_opts(&o);
		layers[0] = bad_layers[i].file;
		o.layers = layers;
		o.nlayers = 1;
		assert_int_equal(draw_with(&o, &e), -1);
		if (access(bad_layers[i].file, F_OK) != 0) {
			/* no such file: maybe a misspelt layer name */
			assert_int_equal(e.code, ERR_USAGE);
			assert_non_null(strstr(e.msg, bad_layers[i].file));
			assert_non_null(strstr(e.msg, MAP_DAMAGE_NAMES));
			continue;
		}
		check_bad_layer(i, &e);
	}
}

/* --layer damages-pm25 and its kin draw (US and world maps); a name that
 * is neither a file nor a known layer, or two damage layers, fail as
 * usage errors that name the known layers. */
static void
test_layer_damages_by_name(void **state)
{
	static const struct {
		const char	*layers[2];
		int		 n, rc;
		const char	*projection, *needle;
	} cases[] = {
		{ { "damages-pm25", NULL }, 1, 0, NULL, NULL },
		{ { "damages-so2", NULL }, 1, 0, "EPSG:8857", NULL },
		{ { "damages-nox", "tests/data/map/layer-ok.geojson" }, 2, 0,
		    "+proj=ortho +lat_0=35 +lon_0=-95", NULL },
		{ { "damages-pm10", NULL }, 1, -1, NULL,
		    "\"damages-pm10\": no such file, and not a known layer "
		    "name (known: " MAP_DAMAGE_NAMES ")" },
		{ { "damages-pm25", "damages-nox" }, 2, -1, NULL,
		    "one damage layer at a time" },
	};
	struct plot_opts o;
	struct err	 e;
	size_t		 i;
	int		 rc;

	(void)state;
	assert_int_equal(map_damage_species("damages-pm25"), EASIUR_PEC);
	assert_int_equal(map_damage_species("damages-so2"), EASIUR_SO2);
	assert_int_equal(map_damage_species("damages-nox"), EASIUR_NOX);
	assert_int_equal(map_damage_species("damages"), -1);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		default_opts(&o);
		o.layers = cases[i].layers;
		o.nlayers = cases[i].n;
		o.projection = cases[i].projection;
		rc = draw_with(&o, &e);
		if (rc != cases[i].rc)
			print_error("case %zu: %s\n", i, e.msg);
		assert_int_equal(rc, cases[i].rc);
		if (cases[i].rc == 0)
			continue;
		assert_int_equal(e.code, ERR_USAGE);
		if (strstr(e.msg, cases[i].needle) == NULL)
			print_error("\"%s\" lacks \"%s\"\n", e.msg,
			    cases[i].needle);
		assert_non_null(strstr(e.msg, cases[i].needle));
	}
}

/*
 * The surface the map shades is the estimate's own number: at Colossus 1's
 * cell, Memphis (94, 44), the PM2.5 surface equals the estimate's
 * damage_pm25_usd_per_t at the same years (health year 2026: population
 * 2026, income 2024, the BenMAP series' last, 2025 dollars), the
 * 199,861.93 $/t worked by hand in tests/test_health.c. The same
 * arithmetic runs on the same doubles, so the tolerance is a rounding.
 */
static void
test_damage_surface_matches_estimate(void **state)
{
	struct emis_catalogs cats;
	struct emis_options eo;
	struct est_racks racks;
	struct site_rack rack;
	struct emis_refs refs;
	struct emis_result res;
	struct est_params p;
	struct map_surface sf;
	struct plot_site ps;
	struct site	*s;
	struct err	 e;
	double		*v;
	int		 x, y;

	(void)state;
	err_clear(&e);
	memset(&ps, 0, sizeof(ps));
	if (emis_catalogs_load_dir(&cats, "emissions", &e) == -1 ||
	    est_racks_load("estimator/racks.cfg", &racks, &e) == -1)
		print_error("%s:%d: %s\n", e.file, e.line, e.msg);
	assert_int_equal(e.code, ERR_OK);
	assert_non_null(s = site_load_file("sites/colossus-1.cfg", &e));
	assert_int_equal(est_site_rack(&racks, s, &rack, &e), 0);
	assert_int_equal(geo_easiur_cell(s->lon_deg, s->lat_deg, &x, &y, &e),
	    1);
	assert_int_equal(x, 94);
	assert_int_equal(y, 44);
	memset(&eo, 0, sizeof(eo));
	eo.gwp = emis_gwp_find(&cats, "ar6");
	eo.basis = EMIS_BASIS_EGRID_AVERAGE;
	eo.health = EMIS_HEALTH_EASIUR;
	eo.health_year = 2026;
	assert_int_equal(emis_resolve(&cats, s, &refs, &e), 0);
	assert_int_equal(emis_health_resolve(&cats, s, x, y, &eo, &refs, &e),
	    0);
	est_params_from_site(s, &rack, 0, est_pick_central, NULL, &p);
	est_run(&p, &res.est);
	emis_run(&cats, &refs, &p, &res.est, &eo, &res);

	ps.site = s;
	ps.rack = &rack;
	ps.res = &res;
	ps.refs = &refs;
	assert_int_equal(map_surface_load(&sf, "damages-pm25", &ps, 1, NULL,
	    NULL, &e), 0);
	assert_int_equal(sf.pop_year, 2026);
	assert_int_equal(sf.income_year, 2024);
	assert_int_equal(sf.dollar_year, 2025);
	v = &sf.usd_per_t[(size_t)(y - 1) * EASIUR_NX + (size_t)(x - 1)];
	assert_close(*v, res.damage_usd_per_t[EMIS_PM25], 1e-15);
	assert_close(*v, 199861.93, 1e-7);
	/* the colour bar's round ends hold every cell: 2010$ 1,151 to
	 * 1,070,786 $/t, about x 2 scaled */
	assert_true(sf.lo <= *v && *v <= sf.hi);
	assert_close(sf.lo, 2e3, 1e-12);
	assert_close(sf.hi, 5e6, 1e-12);
	map_surface_free(&sf);

	/* easiur_surface() alone, at the tables' own years: the table */
	assert_non_null(v = malloc(EASIUR_NX * EASIUR_NY * sizeof(*v)));
	assert_int_equal(easiur_surface(&cats.easiur, EASIUR_PEC, EASIUR_GROUND,
	    2005, 2005, 2010, v, &e), 0);
	assert_close(v[43 * EASIUR_NX + 93], 110083.9687, 1e-12);
	/* a year outside the series is refused */
	assert_int_equal(easiur_surface(&cats.easiur, EASIUR_PEC, EASIUR_GROUND,
	    2026, 2024, 2031, v, &e), -1);
	assert_non_null(strstr(e.msg, "2031"));
	free(v);
	site_free(s);
	est_racks_free(&racks);
	emis_catalogs_free(&cats);
}

/* Labels placed without cairo: each beside its circle, inside the frame,
 * apart from one another and off the area to avoid. */
static void
test_labels_placed_apart(void **state)
{
	struct map_site	 s[3];
	struct map_label lab[3];
	struct map	 m;
	struct map_rect	 avoid = { 0.0, 180.0, 100.0, 200.0 };
	int		 order[3] = { 0, 1, 2 }, i, j;

	(void)state;
	memset(&m, 0, sizeof(m));
	memset(s, 0, sizeof(s));
	memset(lab, 0, sizeof(lab));
	m.bx = m.by = 0.0;
	m.bw = 300.0;
	m.bh = 200.0;
	m.s = s;
	m.n = 3;
	/* three circles close together in the middle */
	for (i = 0; i < 3; i++) {
		s[i].px = 150.0 + 6.0 * i;
		s[i].py = 100.0;
		s[i].r = 5.0;
		s[i].ok = 1;
		lab[i].w = 60.0;
		lab[i].h = 12.0;
	}
	map_place_labels(&m, lab, order, &avoid);
	for (i = 0; i < 3; i++) {
		const struct map_rect *b = &lab[i].box;

		assert_true(lab[i].placed);
		assert_true(b->x0 >= 2.0 && b->y0 >= 2.0 && b->x1 <= 298.0 &&
		    b->y1 <= 198.0);
		assert_false(b->x0 < avoid.x1 && avoid.x0 < b->x1 &&
		    b->y0 < avoid.y1 && avoid.y0 < b->y1);
		/* near its own circle: within a few label heights */
		assert_true(hypot((b->x0 + b->x1) / 2.0 - s[i].px,
		    (b->y0 + b->y1) / 2.0 - s[i].py) < 100.0);
		for (j = 0; j < i; j++)
			assert_false(b->x0 < lab[j].box.x1 &&
			    lab[j].box.x0 < b->x1 && b->y0 < lab[j].box.y1 &&
			    lab[j].box.y0 < b->y1);
	}
}

static void
test_bad_projection_fails_clearly(void **state)
{
	static const struct {
		const char	*crs;
		const char	*needle;
	} cases[] = {
		{ "EPSG:999999", "crs not found" },
		{ "+proj=nosuch", "nknown projection" },
		{ "not a crs", "unrecognized format" },
		{ "EPSG:4978", "not a projected or geographic CRS" },
	};
	struct plot_opts o;
	struct err	 e;
	double		 x, y;
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		default_opts(&o);
		o.projection = cases[i].crs;
		assert_int_equal(draw_with(&o, &e), -1);
		assert_int_equal(e.code, ERR_PROJ);
		if (strstr(e.msg, cases[i].needle) == NULL ||
		    strstr(e.msg, cases[i].crs) == NULL)
			print_error("\"%s\" lacks \"%s\" or the CRS\n", e.msg,
			    cases[i].needle);
		assert_non_null(strstr(e.msg, cases[i].needle));
		assert_non_null(strstr(e.msg, cases[i].crs));
		err_clear(&e);
		assert_int_equal(project(cases[i].crs, 0.0, 0.0, &x, &y,
		    &e), -1);
		assert_int_equal(e.code, ERR_PROJ);
	}
	/* a custom projection PROJ accepts works */
	default_opts(&o);
	o.projection = "+proj=robin";
	assert_int_equal(draw_with(&o, &e), 0);
}

/* A bad projection leaves no file; a good map is a PNG of the page size
 * (Letter at 72 dpi: 792 x 612). */
static void
test_map_file_atomic_and_sized(void **state)
{
	struct tsite	 t[2];
	struct plot_site ps[2];
	struct plot_opts o;
	struct err	 e;
	struct stat	 st;
	char		 dir[] = "/tmp/dcimpact-map.XXXXXX", path[128];
	unsigned char	 head[24];
	FILE		*fp;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/map.png", dir);
	tsite_load(&t[0], "sites/hyperion.cfg", 5000.0, 400.0);
	tsite_load(&t[1], "tests/data/map/paris.cfg", 1000.0, 30.0);
	to_plot(t, 2, ps);
	default_opts(&o);
	o.projection = "EPSG:999999";
	err_clear(&e);
	assert_int_equal(plot_map_file(ps, 2, &o, path, &e), -1);
	assert_int_equal(e.code, ERR_PROJ);
	assert_int_equal(stat(path, &st), -1);
	o.projection = "ESRI:54030";
	o.letter = 1;
	err_clear(&e);
	assert_int_equal(plot_map_file(ps, 2, &o, path, &e), 0);
	assert_non_null(fp = fopen(path, "rb"));
	assert_int_equal(fread(head, 1, sizeof(head), fp), sizeof(head));
	fclose(fp);
	assert_memory_equal(head, "\x89PNG", 4);
	/* IHDR width and height, big-endian */
	assert_int_equal((head[16] << 24 | head[17] << 16 | head[18] << 8 |
	    head[19]), 792);
	assert_int_equal((head[20] << 24 | head[21] << 16 | head[22] << 8 |
	    head[23]), 612);
	unlink(path);
	rmdir(dir);
	tsites_free(t, 2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_project_sites_match_cs2cs),
		cmocka_unit_test(test_project_world_match_cs2cs),
		cmocka_unit_test(test_marker_position_follows_projection),
		cmocka_unit_test(test_marker_drawn_at_position),
		cmocka_unit_test(test_auto_crs_us_or_world),
		cmocka_unit_test(test_scalebar_matches_geod),
		cmocka_unit_test(test_layer_good_draws),
		cmocka_unit_test(test_layer_bad_geojson_reported_by_loader),
		cmocka_unit_test(test_layer_bad_geojson_fails_clearly),
		cmocka_unit_test(test_layer_damages_by_name),
		cmocka_unit_test(test_damage_surface_matches_estimate),
		cmocka_unit_test(test_labels_placed_apart),
		cmocka_unit_test(test_bad_projection_fails_clearly),
		cmocka_unit_test(test_map_file_atomic_and_sized),
	};

	/* the basemaps are found from the repository root */
	setenv("DCIMPACT_DATA", ".", 0);
	return cmocka_run_group_tests_name("map", tests, NULL, NULL);
}
