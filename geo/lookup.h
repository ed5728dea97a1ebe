/* A site's place: its US county, EPA AVERT region, NREL Cambium GEA and
 * EASIUR grid cell, from its coordinates and the outline data of geo/data/
 * (see geo/data/PROVENANCE.md). */
#ifndef GEO_LOOKUP_H
#define GEO_LOOKUP_H

struct err;
struct geo_places;		/* the outline layers, loaded once */

/* How far (km) outside every AVERT polygon a point may be and still take
 * the nearest region: the polygons follow a generalised coastline. */
#define GEO_AVERT_NEAREST_KM	10.0

/* The EASIUR grid (Heo et al. 2016): 36 km cells, Lambert conformal conic
 * on a sphere of radius 6,370 km, from NAD83 geographic coordinates. */
#define GEO_EASIUR_CRS	"+proj=lcc +a=6370000.0 +b=6370000.0 +lon_0=97w " \
	"+lat_0=40n +lat_1=33n +lat_2=45n +x_0=2736000.0 +y_0=2088000.0 +units=m"
/* The lon/lat the grid is computed from: taken as they are on the grid's
 * own sphere, as EASIUR's sample code takes NAD83 lon/lat. (PROJ's
 * transformation from EPSG:4269 to GEO_EASIUR_CRS is the same pipeline,
 * a ballpark datum change that changes nothing, but finding it costs a
 * search of PROJ's database; tests/test_lookup.c checks that both give
 * the same metres.) */
#define GEO_EASIUR_LONLAT	"+proj=longlat +a=6370000.0 +b=6370000.0 " \
	"+no_defs +type=crs"
#define GEO_EASIUR_CELL_M	36000.0
#define GEO_EASIUR_NX		148
#define GEO_EASIUR_NY		112

struct geo_place {
	char	 county_fips[32];	/* "47157"; "" outside the US layer */
	char	 county_name[96];	/* "Shelby" */
	char	 county_state[4];	/* "TN" */
	char	 avert[32];		/* "TN"; "" when none */
	double	 avert_dist_km;		/* 0 inside its polygon */
	char	 gea[32];		/* Cambium GEA of the county; "" */
	int	 easiur_x, easiur_y;	/* 1-based cell; 0 outside the grid */
};

/* The outline layers of data_path("geo/data/..."): us-counties.txt,
 * avert-regions.txt (the features of the .geojson files of the same name
 * as text, one a line; see geo/data/PROVENANCE.md) and county-gea.csv.
 * Nothing is read here: the files are read on the first lookup, so a
 * command that looks up no place pays nothing. NULL with "e" filled only
 * when memory runs out. Lookups may come from several threads. */
struct geo_places *geo_places_load(struct err *e);
void	 geo_places_free(struct geo_places *);

/* The place of (lon, lat) in degrees (WGS 84 / NAD83: the two differ by
 * about a metre, far below the data's resolution). Fields that do not
 * apply are left empty or 0. The county is the first feature of
 * us-counties.geojson that geo_layer_find() gives, the AVERT region the
 * one geo_layer_nearest() gives within GEO_AVERT_NEAREST_KM (the text
 * files give the same answers; tests/test_lookup.c checks a grid of
 * points). Returns 0, or -1 with "e" (a data file missing or malformed,
 * the same error on every call; a PROJ failure). */
int	 geo_place_find(struct geo_places *, double lon_deg, double lat_deg,
	    struct geo_place *out, struct err *e);

/* geo_place_find() without the EASIUR cell (easiur_x, easiur_y left 0):
 * the county, its GEA and the AVERT region only, without PROJ. */
int	 geo_place_find_regions(struct geo_places *, double lon_deg,
	    double lat_deg, struct geo_place *out, struct err *e);

/* The EASIUR cell of (lon, lat): 1 inside the grid (x, y set), 0 outside,
 * -1 with "e" on a PROJ failure. */
int	 geo_easiur_cell(double lon_deg, double lat_deg, int *x, int *y,
	    struct err *e);

/* The postal code of a two-digit state FIPS code ("47" -> "TN"); NULL when
 * unknown. */
const char *geo_state_postal(const char *fips2);

#endif
