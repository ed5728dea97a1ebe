/* Places: projections through PROJ (one context per process), geodesic
 * distances, GeoJSON layers kept in lon/lat degrees, point in polygon, and
 * layers projected into shapes (seam clipping) for the maps. PROJ,
 * geodesic.h and json-c are used in geo/ only. */
#ifndef GEO_GEO_H
#define GEO_GEO_H

#include <stddef.h>

struct err;				/* common/err.h */

#define GEO_CRS_US	"EPSG:5070"	/* NAD83 / Conus Albers */
#define GEO_CRS_WORLD	"EPSG:8857"	/* WGS 84 / Equal Earth Greenwich */
#define GEO_CRS_LONLAT	"EPSG:4326"	/* WGS 84, normalised to lon, lat */

/* ------------------------------------------------------------------ */
/* Projections (geo/proj.c) */

struct geo_proj;			/* opaque */

/* A transformation from_crs -> to_crs (any PROJ string: "EPSG:4326",
 * "+proj=lcc ..."), axis order normalised for visualisation (x = lon,
 * y = lat in degrees for geographic CRSs). The target must be a projected
 * or geographic CRS. Uses the process's one PROJ context (created on first
 * use); every PROJ call is serialised by one mutex, so geo_proj objects may
 * be used from any thread. NULL with "e" (ERR_PROJ, PROJ's own message and
 * the CRS: projection "EPSG:999999": crs not found) on failure. */
struct geo_proj	*geo_proj_new(const char *from_crs, const char *to_crs,
		    struct err *e);
void		 geo_proj_free(struct geo_proj *);

/* Forward (from -> to) and inverse (to -> from): 0, or -1 when the result
 * is not finite (the point is outside the projection), beyond 1e15, or,
 * for a geographic result, beyond +-90 degrees of latitude. */
int		 geo_fwd(const struct geo_proj *, double x_in, double y_in,
		    double *x_out, double *y_out);
int		 geo_inv(const struct geo_proj *, double x_in, double y_in,
		    double *x_out, double *y_out);

/* The target CRS as given, and its name from PROJ ("" when it has none). */
const char	*geo_proj_crs(const struct geo_proj *);
const char	*geo_proj_name(const struct geo_proj *);

/* The target CRS's area of use as PROJ states it (EPSG:5070: the
 * contiguous US): west, south, east, north in degrees (west > east when it
 * crosses the antimeridian) and its name. 1, or 0 when PROJ gives none (a
 * +proj string). */
int		 geo_proj_area_of_use(const struct geo_proj *, double bbox_deg[4],
		    const char **name);
/* 1 when (lon, lat) lies within the area of use widened by margin_deg, or
 * when there is no stated area; else 0. */
int		 geo_proj_in_area(const struct geo_proj *, double lon_deg,
		    double lat_deg, double margin_deg);

/* The longitude (degrees) where the projection cuts the globe, lon_0 + 180:
 * where points along the equator jump from one edge of the map to the
 * other; 180 when there is no such jump or the source is not lon/lat. */
double		 geo_seam_deg(const struct geo_proj *);

/* Geodesic distance on WGS84, metres (geodesic.h, Karney 2013). */
double		 geo_distance_m(double lat1_deg, double lon1_deg,
		    double lat2_deg, double lon2_deg);

/* Length in target-CRS units of an east-west bar centred on (cx, cy) whose
 * ends are "dist_m" apart on the WGS 84 ellipsoid (geodesic); the source
 * must be lon/lat. NAN when the centre cannot be inverse-projected. */
double		 geo_scalebar_len(const struct geo_proj *, double cx,
		    double cy, double dist_m);

/* ------------------------------------------------------------------ */
/* GeoJSON layers (geo/geojson.c; lookups in geo/place.c) */

/* A ring, line or point set: "len" positions from "start". In a layer they
 * index geo_layer.lonlat (lon, lat pairs in degrees); in geo_shapes,
 * geo_shapes.xy (projected). A polygon is an OUTER part followed by its
 * HOLE parts. */
enum geo_part_kind { GEO_PART_OUTER, GEO_PART_HOLE, GEO_PART_LINE,
	GEO_PART_POINT };

struct geo_part {
	size_t			 start, len;
	enum geo_part_kind	 kind;
};

/* One feature of the file, in file order (a FeatureCollection's feature
 * i + 1 of the error messages is features[i]; a Feature or bare geometry
 * is one feature). A feature with a null geometry has no parts. */
struct geo_feature {
	char		 id[32];	/* the caller's id property ("" when
					 * absent); integers print as digits */
	char		 name[96];	/* the caller's name property */
	double		 bbox[4];	/* lon_min, lat_min, lon_max, lat_max;
					 * +inf, +inf, -inf, -inf when empty */
	size_t		 part0, nparts;	/* its parts: layer.parts[part0...] */
	int		 polygon;	/* 1: it has polygon rings */
};

struct geo_layer {
	struct geo_feature	*features;
	size_t			 nfeatures;
	struct geo_part		*parts;
	size_t			 nparts;
	double			*lonlat;	/* lon, lat pairs, degrees */
	size_t			 npoints;
};

/* Load a GeoJSON file (RFC 7946: FeatureCollection, Feature or a geometry;
 * Point, MultiPoint, LineString, MultiLineString, Polygon, MultiPolygon,
 * GeometryCollection) into "out" (which geo_layer_free() releases, even
 * after a failure). id_prop / name_prop name string or number properties
 * to copy (NULL: none); a property missing from "properties" is looked up
 * among the Feature's own members (RFC 7946 "id"). Regular files of at most
 * 64 MB only. 0, or -1 with "e" naming the file (ERR_CONFIG; a JSON syntax
 * error carries its line; a bad feature is named by its 1-based number). */
int		 geo_layer_load(const char *path, const char *id_prop,
		    const char *name_prop, struct geo_layer *out,
		    struct err *e);
void		 geo_layer_free(struct geo_layer *);

/* Index of the first polygon feature containing (lon, lat) in degrees:
 * bbox test first, then even-odd over all its rings (holes respected).
 * -1 when none. */
long		 geo_layer_find(const struct geo_layer *, double lon_deg,
		    double lat_deg);

/* Index of the polygon feature whose boundary is nearest to (lon, lat)
 * within max_km (a feature containing the point is at 0 km), -1 when none;
 * *dist_km set when not NULL and a feature is found. Distances to vertices
 * and segments in a local equirectangular frame on a sphere of the mean
 * Earth radius (well under 1 % off the geodesic within 100 km). For
 * coastal points just outside every polygon. */
long		 geo_layer_nearest(const struct geo_layer *, double lon_deg,
		    double lat_deg, double max_km, double *dist_km);

/* ------------------------------------------------------------------ */
/* Places (geo/place.c) */

/* 1 when (lat, lon) lies in the contiguous US box the automatic CRS uses
 * (24..50 N, 125..66 W). */
int		 geo_in_conus(double lat_deg, double lon_deg);

/* GEO_CRS_US (CONUS Albers) when every one of the n (lon, lat) pairs is
 * in the contiguous US, else GEO_CRS_WORLD (Equal Earth). */
const char	*geo_auto_crs(const double *lonlat_deg, size_t n);

/* ------------------------------------------------------------------ */
/* Projected shapes (geo/shapes.c) */

struct geo_shapes {
	double		*xy;		/* x, y pairs in target-CRS units */
	size_t		 npt, cappt;
	struct geo_part	*parts;
	size_t		 npart, cappart;
	double		 minx, miny, maxx, maxy;	/* +-inf when empty */
};

/* Empty shapes; geo_shapes_free() releases and empties them again. */
void		 geo_shapes_init(struct geo_shapes *);
void		 geo_shapes_free(struct geo_shapes *);

/* Start a part of "kind", then add projected points to it. -1 with "e"
 * (ERR_NOMEM) when memory runs out. */
int		 geo_shapes_begin(struct geo_shapes *, enum geo_part_kind,
		    struct err *e);
int		 geo_shapes_add(struct geo_shapes *, double x, double y,
		    struct err *e);

/* Project n lon/lat pairs (degrees) of one part through "p" (lon/lat ->
 * map) into "sh". Rings that cross the projection's seam are clipped (in
 * unwrapped longitude) into the pieces on either side, the first an OUTER
 * (or HOLE) part and the others HOLE parts joining its polygon; lines are
 * broken at the seam; points outside the projection are left out. */
int		 geo_shapes_add_lonlat(struct geo_shapes *sh,
		    const struct geo_proj *p, const double *lonlat, size_t n,
		    enum geo_part_kind kind, struct err *e);

/* Every part of "layer", in order, through geo_shapes_add_lonlat(). */
int		 geo_shapes_add_layer(struct geo_shapes *sh,
		    const struct geo_proj *p, const struct geo_layer *layer,
		    struct err *e);

/* The globe's outline (meridians at the seam, the poles), densified, as
 * one OUTER part; nothing when the globe does not fit the projection. */
int		 geo_globe_outline(struct geo_shapes *sh,
		    const struct geo_proj *p, struct err *e);

#endif
