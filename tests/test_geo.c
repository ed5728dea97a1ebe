/* geo/: point in polygon and the nearest polygon on a small layer whose
 * answers can be checked by hand (tests/data/geo/layer.geojson), GeoJSON
 * errors with their file and line, projections against PROJ's cs2cs and
 * distances against geod. Run from the repository root. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "tests/test_util.h"

#include "common/err.h"
#include "geo/geo.h"

#define LAYER	"tests/data/geo/layer.geojson"

/* The fixture, feature by feature (0-based):
 *   0  Polygon 0..10 x 0..10 (lon x lat) with a hole 4..6 x 4..6; GEOID is
 *      the JSON integer 47157
 *   1  MultiPolygon: 20..22 x 0..2 and 30..32 x 0..2; no GEOID, but the
 *      Feature's own "id" member is "m2"
 *   2  LineString through the hole (not a polygon: never found)
 *   3  null geometry
 *   4  Polygon 4.5..5.5 x 4.5..5.5, an island inside feature 0's hole;
 *      GEOID 2.5, NAME null */
static void
load(struct geo_layer *l)
{
	struct err	 e;

	err_clear(&e);
	if (geo_layer_load(LAYER, "GEOID", "NAME", l, &e) == -1)
		print_error("%s: %s\n", LAYER, e.msg);
	assert_int_equal(e.code, ERR_OK);
	assert_int_equal(l->nfeatures, 5);
}

static void
test_layer_load_features_and_properties(void **state)
{
	struct geo_layer l;
	struct err	 e;

	(void)state;
	load(&l);
	assert_string_equal(l.features[0].id, "47157");
	assert_string_equal(l.features[0].name, "square with a hole");
	assert_string_equal(l.features[1].id, "");	/* no GEOID */
	assert_string_equal(l.features[1].name, "two squares");
	assert_string_equal(l.features[3].id, "N1");
	assert_int_equal(l.features[3].nparts, 0);
	assert_string_equal(l.features[4].id, "2.5");
	assert_string_equal(l.features[4].name, "");
	/* 2 + 2 rings, 1 line, 1 ring */
	assert_int_equal(l.nparts, 6);
	assert_int_equal(l.features[1].nparts, 2);
	assert_true(l.features[0].polygon && l.features[1].polygon &&
	    !l.features[2].polygon && !l.features[3].polygon);
	assert_close(l.features[1].bbox[0], 20.0, 1e-12);
	assert_close(l.features[1].bbox[2], 32.0, 1e-12);
	assert_close(l.features[1].bbox[3], 2.0, 1e-12);
	geo_layer_free(&l);
	geo_layer_free(&l);	/* emptied: a second free is harmless */
	/* "id" is no property here: the Feature's own member (RFC 7946) */
	err_clear(&e);
	assert_int_equal(geo_layer_load(LAYER, "id", NULL, &l, &e), 0);
	assert_string_equal(l.features[0].id, "");
	assert_string_equal(l.features[1].id, "m2");
	assert_string_equal(l.features[1].name, "");
	geo_layer_free(&l);
}

static void
test_layer_find_holes_multipolygons_and_misses(void **state)
{
	static const struct {
		double	 lon, lat;
		long	 want;
	} cases[] = {
		{ 1.0, 1.0, 0 },	/* in the square */
		{ 9.9, 5.0, 0 },
		{ 4.2, 5.0, -1 },	/* in the hole, off the island */
		{ 5.0, 5.0, 4 },	/* on the island in the hole */
		{ 21.0, 1.0, 1 },	/* first part of the multipolygon */
		{ 31.0, 1.5, 1 },	/* second part */
		{ 25.0, 1.0, -1 },	/* between the parts (inside the bbox) */
		{ 5.0, 12.0, -1 },	/* on the line only */
		{ -50.0, 40.0, -1 },	/* on no feature */
	};
	struct geo_layer l;
	size_t		 i;

	(void)state;
	load(&l);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		long	 got;

		got = geo_layer_find(&l, cases[i].lon, cases[i].lat);

		if (got != cases[i].want)
			print_error("(%g, %g): feature %ld, expected %ld\n",
			    cases[i].lon, cases[i].lat, got, cases[i].want);
		assert_int_equal(got, cases[i].want);
	}
	geo_layer_free(&l);
}

/* geod +ellps=WGS84 -I +units=m (PROJ 9.1.1):
 *   "1 23 1 22"   -> 111302.649 m  (1 degree of longitude at 1 N)
 *   "5 5 4 5"     -> 110581.139 m  (1 degree of latitude at 4.5 N)
 *   "5 10.1 5 10" -> 11089.871 m
 * The nearest search works in a local frame on a sphere, so it may pick
 * a point a little farther than the true nearest: 1 % tolerance. */
static void
test_layer_nearest_within_max(void **state)
{
	struct geo_layer l;
	double		 d = -1.0;

	(void)state;
	load(&l);
	/* just east of the square: 0.1 degree of longitude at 5 N */
	assert_int_equal(geo_layer_nearest(&l, 10.1, 5.0, 50.0, &d), 0);
	assert_close(d, 11.089871, 1e-3);
	assert_int_equal(geo_layer_nearest(&l, 10.1, 5.0, 10.0, &d), -1);
	/* east of the multipolygon's first part: 1 degree at 1 N */
	assert_int_equal(geo_layer_nearest(&l, 23.0, 1.0, 200.0, &d), 1);
	assert_close(d, 111.302649, 1e-3);
	assert_int_equal(geo_layer_nearest(&l, 23.0, 1.0, 100.0, NULL), -1);
	/* inside a polygon: that polygon, at 0 km */
	assert_int_equal(geo_layer_nearest(&l, 1.0, 1.0, 1.0, &d), 0);
	assert_close(d + 1.0, 1.0, 1e-12);
	/* in the hole (4.2, 4.2): the island is 0.3 degree away, the hole's
	 * rim 0.2 degree: the square */
	assert_int_equal(geo_layer_nearest(&l, 4.2, 4.2, 100.0, &d), 0);
	assert_true(d > 21.0 && d < 23.0);
	/* across the antimeridian: nothing near */
	assert_int_equal(geo_layer_nearest(&l, 179.9, 0.0, 500.0, &d), -1);
	geo_layer_free(&l);
}

static void
test_distance_matches_geod(void **state)
{
	(void)state;
	/* geod: see above; 1 mm */
	assert_close(geo_distance_m(1.0, 23.0, 1.0, 22.0), 111302.649, 1e-8);
	assert_close(geo_distance_m(5.0, 5.0, 4.0, 5.0), 110581.139, 1e-8);
}

/* A GeoJSON error names the file, the line for JSON syntax and the
 * feature's number for bad content; nothing is drawn. */
static void
test_layer_load_errors_name_file_and_line(void **state)
{
	static const struct {
		const char	*file;
		int		 line;
		const char	*needle;
	} cases[] = {
		{ "tests/data/geo/bad-line.geojson", 4, "invalid JSON" },
		{ "tests/data/geo/bad-feature.geojson", 0,
		    "feature 2: Polygon ring: 3 positions (needs at least 4)" },
		{ "tests/data/map/bad-json.geojson", 3, "invalid JSON" },
		{ "tests/data/map/empty.geojson", 0, "empty" },
		{ "tests/data/map/not-geojson.geojson", 0, "not GeoJSON" },
		{ "tests/data/geo/no-such-file.geojson", 0, "cannot read" },
		{ "tests/data/geo", 0, "not a regular file" },
	};
	struct geo_layer l;
	struct err	 e;
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		err_clear(&e);
		assert_int_equal(geo_layer_load(cases[i].file, "id", NULL, &l,
		    &e), -1);
		if (e.line != cases[i].line ||
		    strstr(e.msg, cases[i].needle) == NULL)
			print_error("%s: line %d \"%s\", expected line %d "
			    "\"%s\"\n", cases[i].file, e.line, e.msg,
			    cases[i].line, cases[i].needle);
		assert_int_equal(e.code, ERR_CONFIG);
		assert_string_equal(e.file, cases[i].file);
		assert_int_equal(e.line, cases[i].line);
		assert_non_null(strstr(e.msg, cases[i].needle));
		geo_layer_free(&l);
	}
}

static void
test_proj_bad_crs_fails_with_message(void **state)
{
	static const struct {
		const char	*from, *to, *needle;
	} cases[] = {
		{ GEO_CRS_LONLAT, "EPSG:999999", "projection \"EPSG:999999\": "
		    "crs not found" },
		{ GEO_CRS_LONLAT, "+proj=nosuch", "nknown projection" },
		{ GEO_CRS_LONLAT, "EPSG:4978", "not a projected or geographic" },
		{ "EPSG:999998", GEO_CRS_US, "transformation \"EPSG:999998\" "
		    "-> \"EPSG:5070\": crs not found" },
	};
	struct geo_proj	*p;
	struct err	 e;
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		err_clear(&e);
		p = geo_proj_new(cases[i].from, cases[i].to, &e);
		assert_null(p);
		if (strstr(e.msg, cases[i].needle) == NULL)
			print_error("\"%s\" lacks \"%s\"\n", e.msg,
			    cases[i].needle);
		assert_int_equal(e.code, ERR_PROJ);
		assert_non_null(strstr(e.msg, cases[i].needle));
	}
	geo_proj_free(NULL);
}

/* echo "35.0 -90.0" | cs2cs -f %.4f EPSG:4326 EPSG:5070   (PROJ 9.1.1)
 *   -> 542742.2706 1343939.7319
 * (cs2cs reads EPSG:4326 as lat, lon; geo_ takes lon, lat). 1 mm. */
static void
test_proj_fwd_inv_match_cs2cs(void **state)
{
	struct geo_proj	*p;
	struct err	 e;
	double		 x, y, lon, lat;

	(void)state;
	err_clear(&e);
	p = geo_proj_new(GEO_CRS_LONLAT, GEO_CRS_US, &e);
	assert_non_null(p);
	assert_string_equal(geo_proj_crs(p), "EPSG:5070");
	assert_non_null(strstr(geo_proj_name(p), "Albers"));
	assert_int_equal(geo_fwd(p, -90.0, 35.0, &x, &y), 0);
	assert_true(fabs(x - 542742.2706) < 1e-3);
	assert_true(fabs(y - 1343939.7319) < 1e-3);
	assert_int_equal(geo_inv(p, 542742.2706, 1343939.7319, &lon, &lat), 0);
	assert_true(fabs(lon + 90.0) < 1e-8 && fabs(lat - 35.0) < 1e-8);
	/* outside the projection: not finite */
	assert_int_equal(geo_inv(p, 1e300, 1e300, &lon, &lat), -1);
	/* Conus Albers has lon_0 = -96: its seam is at 84 E */
	assert_close(geo_seam_deg(p), 84.0, 1e-6);
	geo_proj_free(p);
}

static void
test_auto_crs_and_conus(void **state)
{
	static const double us[] = { -91.76, 32.43, -90.03, 35.06 };
	static const double mixed[] = { -91.76, 32.43, 2.35, 48.85 };

	(void)state;
	assert_string_equal(geo_auto_crs(us, 2), GEO_CRS_US);
	assert_string_equal(geo_auto_crs(mixed, 2), GEO_CRS_WORLD);
	assert_string_equal(geo_auto_crs(NULL, 0), GEO_CRS_US);
	assert_true(geo_in_conus(24.0, -125.0));
	assert_false(geo_in_conus(61.2, -149.9));	/* Anchorage */
}

/* A layer projected into shapes keeps its parts in order; a ring across
 * Equal Earth's seam (180) is cut into two pieces of one polygon. */
static void
test_shapes_from_layer_and_seam(void **state)
{
	static const double across[] = { 170.0, -10.0, -170.0, -10.0,
	    -170.0, 10.0, 170.0, 10.0, 170.0, -10.0 };
	struct geo_layer l;
	struct geo_shapes sh;
	struct geo_proj	*p;
	struct err	 e;

	(void)state;
	load(&l);
	err_clear(&e);
	assert_non_null(p = geo_proj_new(GEO_CRS_LONLAT, GEO_CRS_WORLD, &e));
	geo_shapes_init(&sh);
	assert_int_equal(geo_shapes_add_layer(&sh, p, &l, &e), 0);
	assert_int_equal(sh.npart, l.nparts);
	assert_int_equal(sh.npt, l.npoints);
	assert_int_equal(sh.parts[1].kind, GEO_PART_HOLE);
	geo_shapes_free(&sh);
	assert_int_equal(geo_shapes_add_lonlat(&sh, p, across, 5,
	    GEO_PART_OUTER, &e), 0);
	assert_int_equal(sh.npart, 2);
	assert_int_equal(sh.parts[0].kind, GEO_PART_OUTER);
	assert_int_equal(sh.parts[1].kind, GEO_PART_HOLE);
	assert_true(sh.minx < -1.5e7 && sh.maxx > 1.5e7);
	geo_shapes_free(&sh);
	assert_int_equal(geo_globe_outline(&sh, p, &e), 0);
	assert_int_equal(sh.npart, 1);
	assert_int_equal(sh.npt, 720);
	geo_shapes_free(&sh);
	geo_proj_free(p);
	geo_layer_free(&l);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_layer_load_features_and_properties),
		cmocka_unit_test(test_layer_find_holes_multipolygons_and_misses),
		cmocka_unit_test(test_layer_nearest_within_max),
		cmocka_unit_test(test_distance_matches_geod),
		cmocka_unit_test(test_layer_load_errors_name_file_and_line),
		cmocka_unit_test(test_proj_bad_crs_fails_with_message),
		cmocka_unit_test(test_proj_fwd_inv_match_cs2cs),
		cmocka_unit_test(test_auto_crs_and_conus),
		cmocka_unit_test(test_shapes_from_layer_and_seam),
	};

	return cmocka_run_group_tests_name("geo", tests, NULL, NULL);
}
