/* The place lookup of geo/lookup.c, which reads the text outlines
 * (geo/data/us-counties.txt, avert-regions.txt), against the GeoJSON
 * layers they are written with (geo_layer_find, geo_layer_nearest): the
 * same county and AVERT region, and the same distance, on grids over the
 * 50 states and Puerto Rico and at points around every AVERT coast; the
 * EASIUR cell's lon/lat CRS against EPSG:4269; the files read on the first
 * lookup, and their errors. Run from the repository root. */
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/data.h"
#include "common/err.h"
#include "geo/geo.h"
#include "geo/lookup.h"
#include "tests/test_util.h"

static struct geo_layer	 counties, avert;
static struct geo_places *places;

static int
setup(void **state)
{
	struct err	 e;
	char		 path[1024];

	(void)state;
	err_clear(&e);
	data_path("geo/data/us-counties.geojson", path, sizeof(path));
	if (geo_layer_load(path, "fips", "name", &counties, &e) == -1)
		goto fail;
	data_path("geo/data/avert-regions.geojson", path, sizeof(path));
	if (geo_layer_load(path, "avert", "name", &avert, &e) == -1)
		goto fail;
	if ((places = geo_places_load(&e)) == NULL)
		goto fail;
	return 0;
fail:
	print_error("%s:%d: %s\n", e.file, e.line, e.msg);
	return -1;
}

static int
teardown(void **state)
{
	(void)state;
	geo_layer_free(&counties);
	geo_layer_free(&avert);
	geo_places_free(places);
	return 0;
}

struct tally {
	size_t	 points, in_county, in_region, near_region;
};

/* The text lookup and the GeoJSON layers agree at (lon, lat). */
static void
agree(double lon, double lat, struct tally *t)
{
	struct geo_place pl;
	struct err	 e;
	const char	*fips = "", *name = "", *code = "";
	double		 d = 0.0;
	long		 k;

	err_clear(&e);
	if (geo_place_find_regions(places, lon, lat, &pl, &e) == -1)
		fail_msg("(%g, %g): %s:%d: %s", lon, lat, e.file, e.line, e.msg);
	if ((k = geo_layer_find(&counties, lon, lat)) >= 0) {
		fips = counties.features[k].id;
		name = counties.features[k].name;
		t->in_county++;
	}
	if ((k = geo_layer_nearest(&avert, lon, lat, GEO_AVERT_NEAREST_KM,
	    &d)) >= 0) {
		code = avert.features[k].id;
		if (d > 0.0)
			t->near_region++;
		else
			t->in_region++;
	} else
		d = 0.0;
	t->points++;
	if (strcmp(pl.county_fips, fips) != 0 ||
	    strcmp(pl.county_name, name) != 0 || strcmp(pl.avert, code) != 0 ||
	    memcmp(&pl.avert_dist_km, &d, sizeof(d)) != 0)
		fail_msg("(%.17g, %.17g): text lookup county \"%s\" region "
		    "\"%s\" at %.17g km, GeoJSON county \"%s\" region \"%s\" at "
		    "%.17g km", lon, lat, pl.county_fips, pl.avert,
		    pl.avert_dist_km, fips, code, d);
}

/* Every "step" degrees over lon0..lon1, lat0..lat1 (ends included). */
static void
grid(double lon0, double lon1, double lat0, double lat1, double step,
    struct tally *t)
{
	int	 i, j;

	for (i = 0; lon0 + i * step <= lon1; i++)
		for (j = 0; lat0 + j * step <= lat1; j++)
			agree(lon0 + i * step, lat0 + j * step, t);
}

static void
test_text_lookup_equals_geojson_on_grids(void **state)
{
	struct tally	 t = { 0 };

	(void)state;
	grid(-125.0, -66.5, 24.0, 49.5, 0.5, &t);	/* lower 48 */
	grid(-180.0, -130.0, 51.0, 71.0, 1.0, &t);	/* Alaska */
	grid(172.0, 180.0, 51.0, 54.0, 1.0, &t);	/* western Aleutians */
	grid(-160.5, -154.5, 18.5, 22.5, 0.25, &t);	/* Hawaii */
	grid(-67.5, -65.0, 17.75, 18.75, 0.25, &t);	/* Puerto Rico */
	/* the grids reach every kind of answer */
	print_message("grids: %zu points, %zu in a county, %zu in an AVERT "
	    "region, %zu within %g km of one\n", t.points, t.in_county,
	    t.in_region, t.near_region, GEO_AVERT_NEAREST_KM);
	/* not a number: nowhere, as in the layers */
	agree((double)NAN, 35.0, &t);
	agree(-90.0, (double)INFINITY, &t);
	assert_true(t.in_county > 3000);
	assert_true(t.in_region > 3000);
	assert_true(t.points > t.in_county + 1000);
}

/* Points about 1.5, 6 and 20 km off vertices of every AVERT ring, in four
 * directions: inside and outside the coasts and the borders, where the
 * nearest-region fallback answers, and beyond its reach. */
static void
test_text_lookup_equals_geojson_at_coasts(void **state)
{
	static const double off[] = { 0.015, 0.06, 0.2 };
	struct tally	 t = { 0 };
	size_t		 p, i, o;

	(void)state;
	for (p = 0; p < avert.nparts; p++) {
		const struct geo_part *pt = &avert.parts[p];

		for (i = 0; i < pt->len; i += 331) {
			const double *ll = avert.lonlat + 2 * (pt->start + i);

			for (o = 0; o < sizeof(off) / sizeof(off[0]); o++) {
				agree(ll[0] + off[o], ll[1], &t);
				agree(ll[0] - off[o], ll[1], &t);
				agree(ll[0], ll[1] + off[o], &t);
				agree(ll[0], ll[1] - off[o], &t);
			}
		}
	}
	print_message("coasts: %zu points, %zu in a county, %zu in an AVERT "
	    "region, %zu within %g km of one\n", t.points, t.in_county,
	    t.in_region, t.near_region, GEO_AVERT_NEAREST_KM);
	assert_true(t.in_region > 100);
	assert_true(t.near_region > 100);
	assert_true(t.points > t.in_region + t.near_region + 100);
}

/* GEO_EASIUR_LONLAT -> GEO_EASIUR_CRS gives the metres of EPSG:4269 ->
 * GEO_EASIUR_CRS, bit for bit, over the grid's domain and beyond, and so
 * the same cells. */
static void
test_easiur_lonlat_same_as_nad83(void **state)
{
	struct geo_proj	*a, *b;
	struct err	 e;
	double		 lon, lat, xa, ya, xb, yb;
	int		 ra, rb, cx, cy;
	size_t		 n = 0, cells = 0;

	(void)state;
	err_clear(&e);
	a = geo_proj_new(GEO_EASIUR_LONLAT, GEO_EASIUR_CRS, &e);
	b = geo_proj_new("EPSG:4269", GEO_EASIUR_CRS, &e);
	if (a == NULL || b == NULL)
		fail_msg("%s", e.msg);
	for (lon = -140.0; lon <= -50.0; lon += 0.137)
		for (lat = 15.0; lat <= 60.0; lat += 0.113) {
			ra = geo_fwd(a, lon, lat, &xa, &ya);
			rb = geo_fwd(b, lon, lat, &xb, &yb);
			assert_int_equal(ra, rb);
			if (ra == 0 && (memcmp(&xa, &xb, sizeof(xa)) != 0 ||
			    memcmp(&ya, &yb, sizeof(ya)) != 0))
				fail_msg("(%g, %g): %.17g %.17g vs EPSG:4269 "
				    "%.17g %.17g", lon, lat, xa, ya, xb, yb);
			n++;
		}
	assert_true(n > 200000);
	/* and a place's cell is that of geo_easiur_cell() */
	for (lon = -124.0; lon <= -67.0; lon += 3.1)
		for (lat = 25.0; lat <= 49.0; lat += 2.3) {
			struct geo_place pl;

			assert_int_equal(geo_place_find(places, lon, lat, &pl,
			    &e), 0);
			cx = cy = 0;
			assert_true(geo_easiur_cell(lon, lat, &cx, &cy, &e) >= 0);
			assert_int_equal(pl.easiur_x, cx);
			assert_int_equal(pl.easiur_y, cy);
			cells += cx > 0;
		}
	assert_true(cells > 100);
	geo_proj_free(a);
	geo_proj_free(b);
}

static void
write_file(const char *path, const char *text)
{
	FILE	*f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* Nothing is read until the first lookup; a missing or malformed file is
 * then an error naming it (and the line), on every lookup. */
static void
test_files_read_on_first_lookup(void **state)
{
	static const struct {
		const char	*counties;
		int		 line;
		const char	*needle;
	} bad[] = {
		{ "# c\n01001\tA\t0 0 1 1\tO 0 0 1 0 1 1 0 0\nx\n", 3, "id and a name" },
		{ "01001\tA\t0 0 1\tO 0 0 1 0 1 1 0 0\n", 1, "bounding box" },
		{ "01001\tA\t0 0 1 1\tO 0 0 1 0 1 1 0 0", 0, "newline" },
		{ "01001\tA\t0 0 1 1\tX 0 0 1 0 1 1 0 0\n", 1, "\"O \"" },
		{ "01001\tA\t0 0 1 1\tO 0 0 1 0 1 1 0\n", 1, "lon lat pairs" },
		{ "01001\tA\t0 0 1 1\tO 0 0 1 0 0 0\n", 1, "at least 4" },
		{ "01001\tA\t0 0 2 1\tO 0 0 1 0 1 1 0 0\n", 1, "bounding box" },
	};
	char		 dir[] = "/tmp/test_lookup.XXXXXX", sub[256], path[300];
	const char	*old = getenv("DCIMPACT_DATA");
	char		 saved[1024];
	struct geo_places *g;
	struct geo_place pl;
	struct err	 e;
	size_t		 i;

	(void)state;
	snprintf(saved, sizeof(saved), "%s", old != NULL ? old : ".");
	assert_non_null(mkdtemp(dir));
	setenv("DCIMPACT_DATA", dir, 1);
	/* no files: loading succeeds, the lookup fails, twice the same */
	err_clear(&e);
	assert_non_null(g = geo_places_load(&e));
	assert_int_equal(geo_place_find(g, -90.0, 35.0, &pl, &e), -1);
	assert_int_equal(e.code, ERR_IO);
	assert_non_null(strstr(e.file, "geo/data/us-counties.txt"));
	err_clear(&e);
	assert_int_equal(geo_place_find(g, -90.0, 35.0, &pl, &e), -1);
	assert_non_null(strstr(e.file, "geo/data/us-counties.txt"));
	geo_places_free(g);

	snprintf(sub, sizeof(sub), "%s/geo", dir);
	assert_int_equal(mkdir(sub, 0700), 0);
	snprintf(sub, sizeof(sub), "%s/geo/data", dir);
	assert_int_equal(mkdir(sub, 0700), 0);
	snprintf(path, sizeof(path), "%s/avert-regions.txt", sub);
	write_file(path, "TN\tTennessee\t0 0 1 1\tO 0 0 1 0 1 1 0 0\n");
	snprintf(path, sizeof(path), "%s/county-gea.csv", sub);
	write_file(path, "State FIPS,County FIPS,County,State Abbr,State,"
	    "ReEDS BA,Cambium GEA\n1,1,A,AL,Alabama,p1,SERTP\n");
	snprintf(path, sizeof(path), "%s/us-counties.txt", sub);
	/* a good pair of files first: a square county with a square hole */
	write_file(path, "01001\tA\t0 0 4 4\tO 0 0 4 0 4 4 0 4 0 0\t"
	    "H 1 1 1 2 2 2 2 1 1 1\n");
	assert_non_null(g = geo_places_load(&e));
	assert_int_equal(geo_place_find_regions(g, 0.5, 0.5, &pl, &e), 0);
	assert_string_equal(pl.county_fips, "01001");
	assert_string_equal(pl.county_state, "AL");
	assert_string_equal(pl.gea, "SERTP");
	assert_string_equal(pl.avert, "TN");
	assert_int_equal(geo_place_find_regions(g, 1.5, 1.5, &pl, &e), 0);
	assert_string_equal(pl.county_fips, "");	/* in the hole */
	assert_int_equal(geo_place_find_regions(g, 1.05, 0.5, &pl, &e), 0);
	assert_string_equal(pl.avert, "TN");		/* within 10 km */
	assert_true(pl.avert_dist_km > 0.0 && pl.avert_dist_km < 10.0);
	geo_places_free(g);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		write_file(path, bad[i].counties);
		err_clear(&e);
		assert_non_null(g = geo_places_load(&e));
		/* (0.5, 0.5): inside every box, so the rings are read */
		if (geo_place_find_regions(g, 0.5, 0.5, &pl, &e) != -1 ||
		    e.code != ERR_CONFIG || e.line != bad[i].line ||
		    strstr(e.msg, bad[i].needle) == NULL ||
		    strcmp(e.file, path) != 0)
			fail_msg("case %zu: code %d, %s:%d: %s", i, (int)e.code,
			    e.file, e.line, e.msg);
		geo_places_free(g);
	}
	unlink(path);
	snprintf(path, sizeof(path), "%s/avert-regions.txt", sub);
	unlink(path);
	snprintf(path, sizeof(path), "%s/county-gea.csv", sub);
	unlink(path);
	rmdir(sub);
	snprintf(sub, sizeof(sub), "%s/geo", dir);
	rmdir(sub);
	rmdir(dir);
	setenv("DCIMPACT_DATA", saved, 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text_lookup_equals_geojson_on_grids),
		cmocka_unit_test(test_text_lookup_equals_geojson_at_coasts),
		cmocka_unit_test(test_easiur_lonlat_same_as_nad83),
		cmocka_unit_test(test_files_read_on_first_lookup),
	};

	setenv("DCIMPACT_DATA", ".", 0);
	return cmocka_run_group_tests(tests, setup, teardown);
}
