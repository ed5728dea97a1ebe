/* Maps: sites as circles (area = facility power, colour = CO2e intensity)
 * on a projected basemap. GeoJSON through json-c, projection through PROJ
 * (EPSG:4326 normalised to lon, lat), drawing through cairo. */
#include <sys/stat.h>

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <geodesic.h>
#include <json-c/json.h>
#include <proj.h>

#include "common/data.h"
#include "common/err.h"
#include "plots/internal.h"
#include "sites/site.h"

#define GEOJSON_MAX_BYTES (64 * 1024 * 1024)	/* a layer; the basemaps are < 1 MB */
#define MAP_CRS_US	"EPSG:5070"	/* NAD83 / Conus Albers */
#define MAP_CRS_WORLD	"EPSG:8857"	/* WGS 84 / Equal Earth Greenwich */
#define WGS84_A_M	6378137.0
#define WGS84_F		(1.0 / 298.257223563)

#define TITLE		"AI data centers: facility power and CO2e intensity"

/* Contiguous US, as the automatic projection sees it. */
#define CONUS_LAT_MIN	24.0
#define CONUS_LAT_MAX	50.0
#define CONUS_LON_MIN	-125.0
#define CONUS_LON_MAX	-66.0

/* ------------------------------------------------------------------ */
/* PROJ */

struct mproj {
	PJ_CONTEXT	*ctx;
	PJ		*pj;		/* EPSG:4326 (lon, lat) -> crs */
	char		 crs[256];
	char		 name[160];	/* the target CRS's name */
	char		 log[400];	/* PROJ's last error message */
	double		 seam_deg;	/* the antimeridian of the projection */
};

static void
proj_log_cb(void *data, int level, const char *msg)
{
	struct mproj	*p = data;

	if (level <= PJ_LOG_ERROR && msg != NULL)
		snprintf(p->log, sizeof(p->log), "%s", msg);
}

static double	 find_seam(const struct mproj *);

static void
mproj_close(struct mproj *p)
{
	proj_destroy(p->pj);
	p->pj = NULL;
	if (p->ctx != NULL)
		proj_context_destroy(p->ctx);
	p->ctx = NULL;
}

/* A transform from lon/lat degrees to "crs", or -1 with "e" (ERR_PROJ)
 * holding PROJ's own message and the CRS. */
static int
mproj_open(struct mproj *p, const char *crs, struct err *e)
{
	PJ		*raw = NULL, *tgt = NULL;
	PJ_TYPE		 type;
	const char	*why, *name;
	int		 rc = -1;

	memset(p, 0, sizeof(*p));
	snprintf(p->crs, sizeof(p->crs), "%s", crs);
	if ((p->ctx = proj_context_create()) == NULL) {
		err_set(e, ERR_NOMEM, NULL, 0, "out of memory (PROJ context)");
		goto out;
	}
	/* PROJ's messages go to "log", never to stderr */
	proj_log_func(p->ctx, p, proj_log_cb);
	if ((raw = proj_create_crs_to_crs(p->ctx, "EPSG:4326", crs,
	    NULL)) == NULL) {
		why = p->log[0] != '\0' ? p->log :
		    proj_context_errno_string(p->ctx, proj_context_errno(p->ctx));
		if (strncmp(why, "proj_create: ", 13) == 0)
			why += 13;
		err_set(e, ERR_PROJ, NULL, 0, "projection \"%s\": %s", crs,
		    why != NULL ? why : "not a CRS PROJ knows");
		goto out;
	}
	if ((tgt = proj_get_target_crs(p->ctx, raw)) != NULL) {
		type = proj_get_type(tgt);
		if (type != PJ_TYPE_PROJECTED_CRS &&
		    type != PJ_TYPE_GEOGRAPHIC_2D_CRS &&
		    type != PJ_TYPE_GEOGRAPHIC_3D_CRS &&
		    type != PJ_TYPE_GEOGRAPHIC_CRS &&
		    type != PJ_TYPE_COMPOUND_CRS && type != PJ_TYPE_BOUND_CRS) {
			err_set(e, ERR_PROJ, NULL, 0, "projection \"%s\": not a "
			    "projected or geographic CRS", crs);
			goto out;
		}
		name = proj_get_name(tgt);
		if (name != NULL && strcmp(name, "unknown") != 0)
			snprintf(p->name, sizeof(p->name), "%s", name);
	}
	if ((p->pj = proj_normalize_for_visualization(p->ctx, raw)) == NULL) {
		err_set(e, ERR_PROJ, NULL, 0, "projection \"%s\": %s", crs,
		    p->log[0] != '\0' ? p->log : "cannot use it for a map");
		goto out;
	}
	p->seam_deg = find_seam(p);
	rc = 0;
out:
	proj_destroy(tgt);
	proj_destroy(raw);
	if (rc == -1)
		mproj_close(p);
	return rc;
}

/* Forward: 0 when the result is finite (PROJ gives HUGE_VAL on failure). */
static int
mproj_fwd(const struct mproj *p, double lon_deg, double lat_deg, double *x,
    double *y)
{
	PJ_COORD	 c;

	c = proj_trans(p->pj, PJ_FWD, proj_coord(lon_deg, lat_deg, 0.0, 0.0));
	*x = c.xy.x;
	*y = c.xy.y;
	return isfinite(*x) && isfinite(*y) && fabs(*x) < 1e15 &&
	    fabs(*y) < 1e15 ? 0 : -1;
}

/* The longitude where the projection cuts the globe (its antimeridian,
 * lon_0 + 180): where points along the equator jump from one edge of the
 * map to the other. 180 when there is no such jump (lon_0 = 0, or the
 * projection cannot show the whole equator). */
static double
find_seam(const struct mproj *p)
{
	double	 x0, y0, x1, y1, d, dmax = 0.0, sum = 0.0, lo, hi, mid;
	double	 xa, ya, xm, ym, xb, yb;
	int	 i, at = -1, k;

	if (mproj_fwd(p, -180.0, 0.0, &x0, &y0) == -1)
		return 180.0;
	for (i = 1; i <= 360; i++) {
		if (mproj_fwd(p, -180.0 + i, 0.0, &x1, &y1) == -1)
			return 180.0;
		d = hypot(x1 - x0, y1 - y0);
		sum += d;
		if (d > dmax) {
			dmax = d;
			at = i;
		}
		x0 = x1;
		y0 = y1;
	}
	/* a jump is many times a one-degree step */
	if (at < 0 || !(dmax > 20.0 * (sum - dmax) / 359.0))
		return 180.0;
	lo = -180.0 + at - 1;
	hi = -180.0 + at;
	for (k = 0; k < 48; k++) {
		mid = (lo + hi) / 2.0;
		if (mproj_fwd(p, lo, 0.0, &xa, &ya) == -1 ||
		    mproj_fwd(p, mid, 0.0, &xm, &ym) == -1 ||
		    mproj_fwd(p, hi, 0.0, &xb, &yb) == -1)
			break;
		if (hypot(xm - xa, ym - ya) > hypot(xb - xm, yb - ym))
			hi = mid;
		else
			lo = mid;
	}
	return (lo + hi) / 2.0;
}

static int
mproj_inv(const struct mproj *p, double x, double y, double *lon_deg,
    double *lat_deg)
{
	PJ_COORD	 c;

	c = proj_trans(p->pj, PJ_INV, proj_coord(x, y, 0.0, 0.0));
	*lon_deg = c.lp.lam;
	*lat_deg = c.lp.phi;
	return isfinite(*lon_deg) && isfinite(*lat_deg) &&
	    fabs(*lat_deg) <= 90.0 ? 0 : -1;
}

static double
geodesic_m(double lat1, double lon1, double lat2, double lon2)
{
	struct geod_geodesic g;
	double		 s12, azi1, azi2;

	geod_init(&g, WGS84_A_M, WGS84_F);
	geod_inverse(&g, lat1, lon1, lat2, lon2, &s12, &azi1, &azi2);
	return s12;
}

/* Length in map units of an east-west bar centred on (cx, cy) whose ends
 * are "dist_m" apart on the WGS 84 ellipsoid (geodesic). NAN when the
 * centre cannot be inverse-projected. */
static double
bar_len(const struct mproj *p, double cx, double cy, double dist_m)
{
	double	 lon0, lat0, lon1, lat1, lon2, lat2, d, len;
	int	 i;

	if (mproj_inv(p, cx, cy, &lon0, &lat0) == -1)
		return (double)NAN;
	/* half-length d in map units: start from 1 unit (a metre, or a
	 * degree for a geographic CRS), then rescale on the full bar until
	 * its ends are dist_m apart */
	d = 1.0;
	for (i = 0; i < 6; i++) {
		if (mproj_inv(p, cx - d, cy, &lon1, &lat1) == -1 ||
		    mproj_inv(p, cx + d, cy, &lon2, &lat2) == -1)
			return (double)NAN;
		len = geodesic_m(lat1, lon1, lat2, lon2);
		if (!(len > 0.0))
			return (double)NAN;
		d *= dist_m / len;
	}
	return 2.0 * d;
}

/* ------------------------------------------------------------------ */
/* Projected shapes */

enum part_kind { PART_OUTER, PART_HOLE, PART_LINE, PART_POINT };

struct part {
	size_t		 start, len;	/* in points of "xy" */
	enum part_kind	 kind;
};

struct shapes {
	double		*xy;
	size_t		 npt, cappt;
	struct part	*parts;
	size_t		 npart, cappart;
	double		 minx, miny, maxx, maxy;
};

static void
shapes_init(struct shapes *s)
{
	memset(s, 0, sizeof(*s));
	s->minx = s->miny = (double)INFINITY;
	s->maxx = s->maxy = -(double)INFINITY;
}

static void
shapes_free(struct shapes *s)
{
	free(s->xy);
	free(s->parts);
	shapes_init(s);
}

static int
shapes_begin(struct shapes *s, enum part_kind kind, struct err *e)
{
	struct part	*np;
	size_t		 cap;

	if (s->npart == s->cappart) {
		cap = s->cappart ? 2 * s->cappart : 256;
		if ((np = realloc(s->parts, cap * sizeof(*np))) == NULL)
			return err_set(e, ERR_NOMEM, NULL, 0, "out of memory");
		s->parts = np;
		s->cappart = cap;
	}
	s->parts[s->npart].start = s->npt;
	s->parts[s->npart].len = 0;
	s->parts[s->npart].kind = kind;
	s->npart++;
	return 0;
}

static int
shapes_add(struct shapes *s, double x, double y, struct err *e)
{
	double	*nxy;
	size_t	 cap;

	if (s->npt == s->cappt) {
		cap = s->cappt ? 2 * s->cappt : 4096;
		if ((nxy = realloc(s->xy, 2 * cap * sizeof(*nxy))) == NULL)
			return err_set(e, ERR_NOMEM, NULL, 0, "out of memory");
		s->xy = nxy;
		s->cappt = cap;
	}
	s->xy[2 * s->npt] = x;
	s->xy[2 * s->npt + 1] = y;
	s->npt++;
	s->parts[s->npart - 1].len++;
	s->minx = fmin(s->minx, x);
	s->maxx = fmax(s->maxx, x);
	s->miny = fmin(s->miny, y);
	s->maxy = fmax(s->maxy, y);
	return 0;
}

/* Project a ring, line or point set given as lon/lat pairs into "sh".
 * Rings that cross the projection's seam are clipped (in unwrapped
 * longitude) into the pieces on either side, each drawn with its polygon;
 * lines are broken at the seam. Otherwise the seam would draw as a streak
 * across the whole map. */
static int
add_lonlat(struct shapes *sh, const struct mproj *p, const double *ll,
    size_t n, enum part_kind kind, struct err *e)
{
	const double	 eps = 1e-7, s_hi = p->seam_deg, s_lo = p->seam_deg - 360.0;
	double		*u = NULL, *a = NULL, *b = NULL, umin, umax, x, y;
	double		 prev = 0.0;
	size_t		 i, na, nb, cap = 2 * n + 8;
	int		 k, rc = -1, first = 1;

	if (kind == PART_POINT || kind == PART_LINE) {
		if (shapes_begin(sh, kind, e) == -1)
			return -1;
		for (i = 0; i < n; i++) {
			double	 l = ll[2 * i];

			/* longitude relative to the seam, in (s_lo, s_hi] */
			l = s_hi - fmod(fmod(s_hi - l, 360.0) + 360.0, 360.0);
			if (kind == PART_LINE && i > 0 && fabs(l - prev) > 180.0 &&
			    shapes_begin(sh, kind, e) == -1)
				return -1;
			prev = l;
			if (mproj_fwd(p, fmin(fmax(l, s_lo + eps), s_hi - eps),
			    ll[2 * i + 1], &x, &y) == 0 &&
			    shapes_add(sh, x, y, e) == -1)
				return -1;
		}
		return 0;
	}
	u = malloc(2 * n * sizeof(*u));
	a = malloc(2 * cap * sizeof(*a));
	b = malloc(2 * cap * sizeof(*b));
	if (u == NULL || a == NULL || b == NULL) {
		err_set(e, ERR_NOMEM, NULL, 0, "out of memory");
		goto out;
	}
	/* unwrap: continuous longitudes starting in (s_lo, s_hi] */
	u[0] = s_hi - fmod(fmod(s_hi - ll[0], 360.0) + 360.0, 360.0);
	u[1] = ll[1];
	umin = umax = u[0];
	for (i = 1; i < n; i++) {
		u[2 * i] = u[2 * i - 2] + remainder(ll[2 * i] - ll[2 * i - 2],
		    360.0);
		u[2 * i + 1] = ll[2 * i + 1];
		umin = fmin(umin, u[2 * i]);
		umax = fmax(umax, u[2 * i]);
	}
	for (k = -1; k <= 1; k++) {
		double	 lo = s_lo + 360.0 * k, hi = s_hi + 360.0 * k;
		int	 side;

		if (umax <= lo || umin >= hi)
			continue;
		/* Sutherland-Hodgman against x <= hi, then x >= lo */
		memcpy(a, u, 2 * n * sizeof(*a));
		na = n;
		for (side = 0; side < 2; side++) {
			double	 bound = side == 0 ? hi : lo;

			nb = 0;
			for (i = 0; i < na; i++) {
				const double *P = a + 2 * ((i + na - 1) % na);
				const double *Q = a + 2 * i;
				int	 pin = side == 0 ? P[0] <= bound : P[0] >= bound;
				int	 qin = side == 0 ? Q[0] <= bound : Q[0] >= bound;

				if (pin != qin && nb < cap) {
					double	 t = (bound - P[0]) / (Q[0] - P[0]);

					b[2 * nb] = bound;
					b[2 * nb + 1] = P[1] + t * (Q[1] - P[1]);
					nb++;
				}
				if (qin && nb < cap) {
					b[2 * nb] = Q[0];
					b[2 * nb + 1] = Q[1];
					nb++;
				}
			}
			memcpy(a, b, 2 * nb * sizeof(*a));
			na = nb;
		}
		if (na < 3)
			continue;
		/* the first piece starts the polygon, the others join it */
		if (shapes_begin(sh, first ? kind : PART_HOLE, e) == -1)
			goto out;
		first = 0;
		for (i = 0; i < na; i++) {
			double	 l = a[2 * i] - 360.0 * k;

			l = fmin(fmax(l, s_lo + eps), s_hi - eps);
			if (mproj_fwd(p, l, a[2 * i + 1], &x, &y) == 0 &&
			    shapes_add(sh, x, y, e) == -1)
				goto out;
		}
	}
	rc = 0;
out:
	free(u);
	free(a);
	free(b);
	return rc;
}

/* ------------------------------------------------------------------ */
/* GeoJSON (RFC 7946) */

struct gj {
	const char		*path;
	const struct mproj	*proj;
	struct shapes		*sh;
	size_t			 feature;	/* 1-based; 0 outside features */
	size_t			 ngeom;		/* non-null geometries read */
};

static int __attribute__((format(printf, 3, 4)))
gj_fail(const struct gj *g, struct err *e, const char *fmt, ...)
{
	char	 msg[400];
	va_list	 ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (g->feature > 0)
		return err_set(e, ERR_CONFIG, g->path, 0, "feature %zu: %s",
		    g->feature, msg);
	return err_set(e, ERR_CONFIG, g->path, 0, "%s", msg);
}

static int
is_number(json_object *o)
{
	return json_object_is_type(o, json_type_double) ||
	    json_object_is_type(o, json_type_int);
}

static int
is_array(json_object *o)
{
	return json_object_is_type(o, json_type_array);
}

/* An array of positions as one part (points outside the projection's
 * domain are left out). */
static int
gj_positions(struct gj *g, json_object *arr, enum part_kind kind,
    size_t minpos, const char *what, struct err *e)
{
	json_object	*pos;
	double		 lon, lat, *ll = NULL;
	size_t		 i, n;
	int		 rc = -1;

	if (!is_array(arr))
		return gj_fail(g, e, "%s: coordinates must be an array of "
		    "positions", what);
	if ((n = json_object_array_length(arr)) == 0)
		return gj_fail(g, e, "%s: empty coordinates", what);
	if (n < minpos)
		return gj_fail(g, e, "%s: %zu positions (needs at least %zu)",
		    what, n, minpos);
	if ((ll = malloc(2 * n * sizeof(*ll))) == NULL)
		return err_set(e, ERR_NOMEM, NULL, 0, "out of memory");
	for (i = 0; i < n; i++) {
		pos = json_object_array_get_idx(arr, i);
		if (!is_array(pos) || json_object_array_length(pos) < 2 ||
		    !is_number(json_object_array_get_idx(pos, 0)) ||
		    !is_number(json_object_array_get_idx(pos, 1))) {
			gj_fail(g, e, "%s: a position must be an array "
			    "[longitude, latitude] of numbers", what);
			goto out;
		}
		lon = json_object_get_double(json_object_array_get_idx(pos, 0));
		lat = json_object_get_double(json_object_array_get_idx(pos, 1));
		if (!isfinite(lon) || !isfinite(lat) || fabs(lon) > 360.0 ||
		    fabs(lat) > 90.0) {
			gj_fail(g, e, "%s: position (%g, %g) is not "
			    "longitude, latitude in degrees (GeoJSON uses WGS 84 "
			    "lon/lat)", what, lon, lat);
			goto out;
		}
		ll[2 * i] = lon;
		ll[2 * i + 1] = lat;
	}
	rc = add_lonlat(g->sh, g->proj, ll, n, kind, e);
out:
	free(ll);
	return rc;
}

/* Rings of one polygon: the first outer, the others holes. */
static int
gj_polygon(struct gj *g, json_object *rings, struct err *e)
{
	size_t	 i, n;

	if (!is_array(rings))
		return gj_fail(g, e, "Polygon: coordinates must be an array "
		    "of rings");
	if ((n = json_object_array_length(rings)) == 0)
		return gj_fail(g, e, "Polygon: empty coordinates");
	for (i = 0; i < n; i++)
		if (gj_positions(g, json_object_array_get_idx(rings, i),
		    i == 0 ? PART_OUTER : PART_HOLE, 4, "Polygon ring", e) == -1)
			return -1;
	return 0;
}

static int
gj_geometry(struct gj *g, json_object *geom, int depth, struct err *e)
{
	json_object	*t, *co, *list;
	const char	*type;
	size_t		 i, n;

	if (!json_object_is_type(geom, json_type_object))
		return gj_fail(g, e, "a geometry must be a JSON object");
	if (!json_object_object_get_ex(geom, "type", &t) ||
	    !json_object_is_type(t, json_type_string))
		return gj_fail(g, e, "geometry without a \"type\"");
	type = json_object_get_string(t);
	g->ngeom++;
	if (strcmp(type, "GeometryCollection") == 0) {
		if (depth > 4)
			return gj_fail(g, e, "GeometryCollection nested too "
			    "deeply");
		if (!json_object_object_get_ex(geom, "geometries", &list) ||
		    !is_array(list))
			return gj_fail(g, e, "GeometryCollection without a "
			    "\"geometries\" array");
		n = json_object_array_length(list);
		if (n == 0)
			return gj_fail(g, e, "GeometryCollection: no geometries");
		for (i = 0; i < n; i++)
			if (gj_geometry(g, json_object_array_get_idx(list, i),
			    depth + 1, e) == -1)
				return -1;
		return 0;
	}
	if (strcmp(type, "Point") != 0 && strcmp(type, "MultiPoint") != 0 &&
	    strcmp(type, "LineString") != 0 &&
	    strcmp(type, "MultiLineString") != 0 &&
	    strcmp(type, "Polygon") != 0 && strcmp(type, "MultiPolygon") != 0)
		return gj_fail(g, e, "geometry type \"%s\" is not one of Point, "
		    "MultiPoint, LineString, MultiLineString, Polygon, "
		    "MultiPolygon, GeometryCollection", type);
	if (!json_object_object_get_ex(geom, "coordinates", &co) ||
	    json_object_is_type(co, json_type_null))
		return gj_fail(g, e, "%s without \"coordinates\"", type);
	if (strcmp(type, "Point") == 0) {
		/* one position: wrap it as a part of length 1 */
		json_object	*one = json_object_new_array();
		int		 rc;

		if (one == NULL)
			return err_set(e, ERR_NOMEM, NULL, 0, "out of memory");
		json_object_array_add(one, json_object_get(co));
		rc = gj_positions(g, one, PART_POINT, 1, "Point", e);
		json_object_put(one);
		return rc;
	}
	if (strcmp(type, "MultiPoint") == 0) {
		if (!is_array(co) || json_object_array_length(co) == 0)
			return gj_fail(g, e, "MultiPoint: empty coordinates");
		n = json_object_array_length(co);
		for (i = 0; i < n; i++) {
			json_object	*one = json_object_new_array();
			int		 rc;

			if (one == NULL)
				return err_set(e, ERR_NOMEM, NULL, 0,
				    "out of memory");
			json_object_array_add(one, json_object_get(
			    json_object_array_get_idx(co, i)));
			rc = gj_positions(g, one, PART_POINT, 1, "MultiPoint", e);
			json_object_put(one);
			if (rc == -1)
				return -1;
		}
		return 0;
	}
	if (strcmp(type, "LineString") == 0)
		return gj_positions(g, co, PART_LINE, 2, "LineString", e);
	if (strcmp(type, "Polygon") == 0)
		return gj_polygon(g, co, e);
	/* MultiLineString, MultiPolygon: an array of the single kind */
	if (!is_array(co) || (n = json_object_array_length(co)) == 0)
		return gj_fail(g, e, "%s: empty coordinates", type);
	for (i = 0; i < n; i++) {
		json_object	*c = json_object_array_get_idx(co, i);

		if (strcmp(type, "MultiLineString") == 0 ?
		    gj_positions(g, c, PART_LINE, 2, "MultiLineString", e) :
		    gj_polygon(g, c, e))
			return -1;
	}
	return 0;
}

static int
gj_feature(struct gj *g, json_object *f, struct err *e)
{
	json_object	*t, *geom;

	if (!json_object_is_type(f, json_type_object) ||
	    !json_object_object_get_ex(f, "type", &t) ||
	    !json_object_is_type(t, json_type_string) ||
	    strcmp(json_object_get_string(t), "Feature") != 0)
		return gj_fail(g, e, "not a Feature object");
	if (!json_object_object_get_ex(f, "geometry", &geom))
		return gj_fail(g, e, "Feature without a \"geometry\"");
	if (json_object_is_type(geom, json_type_null))
		return 0;	/* unlocated feature (RFC 7946 3.2) */
	return gj_geometry(g, geom, 0, e);
}

/* The file's text, parsed; syntax errors carry their line. */
static json_object *
gj_parse(const char *path, struct err *e)
{
	FILE		*fp = NULL;
	json_tokener	*tok = NULL;
	json_object	*root = NULL;
	enum json_tokener_error jerr;
	char		*buf = NULL, *nb;
	size_t		 len = 0, cap = 0, got, off, i;
	struct stat	 st;
	int		 line;

	/* a FIFO would block, a huge file would fill memory */
	if (stat(path, &st) == -1) {
		err_set(e, ERR_CONFIG, path, 0, "cannot read: %s", strerror(errno));
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		err_set(e, ERR_CONFIG, path, 0, "not a regular file");
		goto out;
	}
	if (st.st_size > GEOJSON_MAX_BYTES) {
		err_set(e, ERR_CONFIG, path, 0, "file too large (got %lld bytes; "
		    "expected at most %d)", (long long)st.st_size, GEOJSON_MAX_BYTES);
		goto out;
	}
	if ((fp = fopen(path, "rb")) == NULL) {
		err_set(e, ERR_CONFIG, path, 0, "cannot read: %s",
		    strerror(errno));
		goto out;
	}
	for (;;) {
		if (len == cap) {
			cap = cap ? 2 * cap : 65536;
			if (cap > 0x7fffffffu || (nb = realloc(buf, cap)) == NULL) {
				err_set(e, ERR_NOMEM, path, 0, "out of memory "
				    "(or file too big)");
				goto out;
			}
			buf = nb;
		}
		if ((got = fread(buf + len, 1, cap - len, fp)) == 0)
			break;
		len += got;
	}
	if (ferror(fp)) {
		err_set(e, ERR_CONFIG, path, 0, "cannot read: %s",
		    strerror(errno));
		goto out;
	}
	for (off = 0; off < len && buf[off] != '\0' &&
	    strchr(" \t\r\n", buf[off]) != NULL; off++)
		continue;
	if (off == len) {
		err_set(e, ERR_CONFIG, path, 0, "invalid JSON: the file is "
		    "empty");
		goto out;
	}
	if ((tok = json_tokener_new()) == NULL) {
		err_set(e, ERR_NOMEM, path, 0, "out of memory");
		goto out;
	}
	root = json_tokener_parse_ex(tok, buf, (int)len);
	jerr = json_tokener_get_error(tok);
	off = json_tokener_get_parse_end(tok);
	if (root != NULL && jerr == json_tokener_success)
		while (off < len && buf[off] != '\0' &&
		    strchr(" \t\r\n", buf[off]) != NULL)
			off++;
	if (root == NULL || jerr != json_tokener_success || off < len) {
		for (line = 1, i = 0; i < off && i < len; i++)
			if (buf[i] == '\n')
				line++;
		err_set(e, ERR_CONFIG, path, line, "invalid JSON: %s",
		    root != NULL && jerr == json_tokener_success ?
		    "text after the end of the document" :
		    jerr == json_tokener_continue ? "unexpected end of file" :
		    json_tokener_error_desc(jerr));
		json_object_put(root);
		root = NULL;
	}
out:
	if (tok != NULL)
		json_tokener_free(tok);
	free(buf);
	if (fp != NULL)
		fclose(fp);
	return root;
}

/* Read a GeoJSON FeatureCollection, Feature or bare geometry from "path"
 * and project it into "sh". ERR_CONFIG with the path on bad input. */
static int
gj_load(const char *path, const struct mproj *proj, struct shapes *sh,
    struct err *e)
{
	struct gj	 g = { path, proj, sh, 0, 0 };
	json_object	*root, *t, *feats;
	const char	*type;
	size_t		 i, n;
	int		 rc = -1;

	if ((root = gj_parse(path, e)) == NULL)
		return -1;
	if (!json_object_is_type(root, json_type_object) ||
	    !json_object_object_get_ex(root, "type", &t) ||
	    !json_object_is_type(t, json_type_string)) {
		gj_fail(&g, e, "not GeoJSON: expected an object with a \"type\" "
		    "(FeatureCollection, Feature or a geometry)");
		goto out;
	}
	type = json_object_get_string(t);
	if (strcmp(type, "FeatureCollection") == 0) {
		if (!json_object_object_get_ex(root, "features", &feats) ||
		    !is_array(feats)) {
			gj_fail(&g, e, "FeatureCollection without a \"features\" "
			    "array");
			goto out;
		}
		if ((n = json_object_array_length(feats)) == 0) {
			gj_fail(&g, e, "FeatureCollection has no features");
			goto out;
		}
		for (i = 0; i < n; i++) {
			g.feature = i + 1;
			if (gj_feature(&g, json_object_array_get_idx(feats, i),
			    e) == -1)
				goto out;
		}
		g.feature = 0;
	} else if (strcmp(type, "Feature") == 0) {
		if (gj_feature(&g, root, e) == -1)
			goto out;
	} else if (gj_geometry(&g, root, 0, e) == -1) {
		goto out;
	}
	if (g.ngeom == 0) {
		gj_fail(&g, e, "no geometry to draw (every feature's geometry "
		    "is null)");
		goto out;
	}
	rc = 0;
out:
	json_object_put(root);
	return rc;
}

/* ------------------------------------------------------------------ */
/* The map: projection, data and layout */

struct msite {
	double		 x_m, y_m;	/* projected */
	double		 px, py, r;	/* on the page, pt */
	double		 mw, intensity;
	int		 ok;		/* projected */
	int		 capped;	/* drawn at the cap, not to scale */
};

struct map {
	struct mproj	 proj;
	int		 world;		/* 1: world basemap, else CONUS */
	int		 compact;
	struct shapes	 base;
	struct shapes	 sphere;	/* world: the globe's outline */
	struct shapes	 layers[8];
	int		 nlayers;
	struct msite	*s;
	int		 n, nshown;
	/* layout, pt */
	double		 x, y, w, h;	/* the whole box */
	double		 bx, by, bw, bh;	/* map frame */
	double		 lx, ly, lw;	/* legend column */
	double		 ty;		/* title top */
	double		 cx_m, cy_m, k;	/* centre of the frame, pt per m */
	double		 cap_mw, rmax, rmin;
	double		 imax;		/* top of the colour ramp, kg/MWh */
	double		 label_pt;
};

static int
in_conus(const struct site *s)
{
	return s->lat_deg >= CONUS_LAT_MIN && s->lat_deg <= CONUS_LAT_MAX &&
	    s->lon_deg >= CONUS_LON_MIN && s->lon_deg <= CONUS_LON_MAX;
}

/* EPSG:5070 (CONUS Albers) when every site is in the contiguous US,
 * else EPSG:8857 (Equal Earth). */
const char *
map_auto_crs(const struct plot_site *ps, int n)
{
	int	 i;

	for (i = 0; i < n; i++)
		if (!in_conus(ps[i].site))
			return MAP_CRS_WORLD;
	return MAP_CRS_US;
}

static void
map_free(struct map *m)
{
	int	 i;

	mproj_close(&m->proj);
	shapes_free(&m->base);
	shapes_free(&m->sphere);
	for (i = 0; i < 8; i++)	/* a layer that failed half-read, too */
		shapes_free(&m->layers[i]);
	free(m->s);
	m->s = NULL;
}

/* The globe's outline (meridians +-180, the poles), densified. */
static int
make_sphere(struct map *m, struct err *e)
{
	double	 x, y, lon, lat, w0, w1;
	int	 i, bad = 0;

	if (shapes_begin(&m->sphere, PART_OUTER, e) == -1)
		return -1;
	w0 = m->proj.seam_deg - 360.0 + 1e-7;
	w1 = m->proj.seam_deg - 1e-7;
	for (i = 0; i < 4 * 180; i++) {
		if (i < 180) {
			lon = w0;
			lat = -90.0 + i;
		} else if (i < 360) {
			lon = w0 + (w1 - w0) * (i - 180) / 180.0;
			lat = 90.0;
		} else if (i < 540) {
			lon = w1;
			lat = 90.0 - (i - 360);
		} else {
			lon = w1 - (w1 - w0) * (i - 540) / 180.0;
			lat = -90.0;
		}
		if (mproj_fwd(&m->proj, lon, lat, &x, &y) == -1)
			bad++;
		else if (shapes_add(&m->sphere, x, y, e) == -1)
			return -1;
	}
	if (bad > 0)	/* the globe does not fit this projection: no outline */
		shapes_free(&m->sphere);
	return 0;
}

/* A round number 1, 2 or 5 x 10^k: the smallest >= v (up) or the largest
 * <= v (down). */
static double
nice_num(double v, int up)
{
	static const double steps[] = { 1.0, 2.0, 5.0, 10.0 };
	double	 p = pow(10.0, floor(log10(v)));
	int	 i;

	if (up) {
		for (i = 0; i < 4; i++)
			if (steps[i] * p >= v * (1.0 - 1e-9))
				return steps[i] * p;
		return 10.0 * p;
	}
	for (i = 3; i >= 0; i--)
		if (steps[i] * p <= v * (1.0 + 1e-9))
			return steps[i] * p;
	return p;
}

/* A round power for the legend: "5 GW", "200 MW", "2.5 GW". */
static const char *
fmt_mw(double mw, char *buf, size_t n)
{
	if (mw >= 1000.0)
		snprintf(buf, n, "%g GW", mw / 1000.0);
	else if (mw >= 1.0)
		snprintf(buf, n, "%g MW", mw);
	else
		snprintf(buf, n, "%g kW", mw * 1000.0);
	return buf;
}

static int
cmp_double(const void *a, const void *b)
{
	double	 x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y ? 1 : 0;
}

/* Circle sizes: area proportional to facility power up to "cap_mw".
 * Fleet scenarios can be 100 times a real campus; when the biggest site is
 * more than 10 times the median, the cap is set by the biggest of the
 * others and the giants are drawn a little larger, dashed, not to scale. */
static void
size_symbols(struct map *m)
{
	double	*p, lim, top = 0.0, med;
	int	 i, np = 0;

	m->cap_mw = 1000.0;
	if ((p = calloc((size_t)m->n + 1, sizeof(*p))) == NULL)
		return;
	for (i = 0; i < m->n; i++)
		if (m->s[i].ok && isfinite(m->s[i].mw) && m->s[i].mw > 0.0)
			p[np++] = m->s[i].mw;
	if (np > 0) {
		qsort(p, (size_t)np, sizeof(*p), cmp_double);
		med = p[(np - 1) / 2];
		lim = 10.0 * med;
		for (i = 0; i < np; i++)
			if (p[i] <= lim)
				top = p[i];
		m->cap_mw = nice_num(top, 1);
	}
	free(p);
	for (i = 0; i < m->n; i++) {
		struct msite	*s = &m->s[i];

		if (!(isfinite(s->mw) && s->mw > 0.0))
			s->r = m->rmin;
		else if (s->mw > m->cap_mw * (1.0 + 1e-9)) {
			s->capped = 1;
			s->r = 1.2 * m->rmax;
		} else
			s->r = fmax(m->rmin, m->rmax * sqrt(s->mw / m->cap_mw));
	}
}

/* Everything that can fail, before any drawing: projection, basemap,
 * layers, sites; then the layout in the box (x, y, w, h). */
static int
map_prepare(struct map *m, const struct plot_site *ps, int n,
    const struct plot_opts *o, double x, double y, double w, double h,
    int compact, struct err *e)
{
	char		 path[1024];
	const char	*crs;
	double		 bx0, by0, bx1, by1, mx, my, aw, ah, top, credits;
	double		 gap, total;
	int		 i;

	memset(m, 0, sizeof(*m));
	shapes_init(&m->base);
	shapes_init(&m->sphere);
	for (i = 0; i < 8; i++)
		shapes_init(&m->layers[i]);
	m->n = n;
	m->compact = compact;
	m->world = strcmp(map_auto_crs(ps, n), MAP_CRS_WORLD) == 0;
	crs = o != NULL && o->projection != NULL && o->projection[0] != '\0' ?
	    o->projection : m->world ? MAP_CRS_WORLD : MAP_CRS_US;
	if (mproj_open(&m->proj, crs, e) == -1)
		return -1;
	data_path(m->world ? "plots/basemap/world-countries.geojson" :
	    "plots/basemap/us-states.geojson", path, sizeof(path));
	if (gj_load(path, &m->proj, &m->base, e) == -1)
		return -1;
	if (m->world && make_sphere(m, e) == -1)
		return -1;
	if (o != NULL)
		for (i = 0; i < o->nlayers && i < 8; i++) {
			if (gj_load(o->layers[i], &m->proj, &m->layers[i], e) == -1)
				return -1;
			m->nlayers++;
		}
	if (o != NULL && o->nlayers > 8)
		return err_set(e, ERR_USAGE, NULL, 0, "at most 8 layers");
	if (n > 0 && (m->s = calloc((size_t)n, sizeof(*m->s))) == NULL)
		return err_set(e, ERR_NOMEM, NULL, 0, "out of memory");

	/* extent: the basemap (the globe for world maps) and the sites */
	if (m->sphere.npt > 0) {
		bx0 = m->sphere.minx;
		by0 = m->sphere.miny;
		bx1 = m->sphere.maxx;
		by1 = m->sphere.maxy;
	} else {
		bx0 = m->base.minx;
		by0 = m->base.miny;
		bx1 = m->base.maxx;
		by1 = m->base.maxy;
	}
	m->imax = 1000.0;
	for (i = 0; i < n; i++) {
		struct msite	*s = &m->s[i];

		s->mw = ps[i].res->est.facility_mw;
		s->intensity = ps[i].res->intensity_kg_per_mwh;
		if (isfinite(s->intensity) && s->intensity > m->imax)
			m->imax = ceil(s->intensity / 250.0) * 250.0;
		if (mproj_fwd(&m->proj, ps[i].site->lon_deg, ps[i].site->lat_deg,
		    &s->x_m, &s->y_m) == -1)
			continue;
		s->ok = 1;
		m->nshown++;
		bx0 = fmin(bx0, s->x_m);
		bx1 = fmax(bx1, s->x_m);
		by0 = fmin(by0, s->y_m);
		by1 = fmax(by1, s->y_m);
	}
	if (!(bx1 > bx0) || !(by1 > by0))
		return err_set(e, ERR_PROJ, NULL, 0, "projection \"%s\": the "
		    "map has no extent (nothing could be projected)", crs);
	mx = 0.03 * (bx1 - bx0);
	my = 0.03 * (by1 - by0);
	bx0 -= mx;
	bx1 += mx;
	by0 -= my;
	by1 += my;

	/* layout: title, map + legend column, credits */
	m->x = x;
	m->y = y;
	m->w = w;
	m->h = h;
	m->label_pt = compact ? 7.0 : 9.0;
	top = compact ? 0.0 : 42.0;
	credits = compact ? 30.0 : 24.0;
	gap = compact ? 8.0 : 14.0;
	m->lw = compact ? fmin(118.0, 0.3 * w) : fmin(160.0, 0.3 * w);
	aw = w - m->lw - gap;
	ah = h - top - credits;
	m->k = fmin(aw / (bx1 - bx0), ah / (by1 - by0));
	m->bw = (bx1 - bx0) * m->k;
	m->bh = (by1 - by0) * m->k;
	total = m->bw + gap + m->lw;
	m->bx = x + (w - total) / 2.0;
	m->ty = y + (h - (top + m->bh + credits)) / 2.0;
	m->by = m->ty + top;
	m->lx = m->bx + m->bw + gap;
	m->ly = m->by;
	m->cx_m = (bx0 + bx1) / 2.0;
	m->cy_m = (by0 + by1) / 2.0;
	m->rmax = fmax(8.0, 0.06 * fmin(m->bw, m->bh));
	m->rmin = compact ? 2.0 : 2.5;
	for (i = 0; i < n; i++) {
		m->s[i].px = m->bx + m->bw / 2.0 + (m->s[i].x_m - m->cx_m) * m->k;
		m->s[i].py = m->by + m->bh / 2.0 - (m->s[i].y_m - m->cy_m) * m->k;
	}
	size_symbols(m);
	return 0;
}

/* ------------------------------------------------------------------ */
/* Drawing */

static void
to_page(const struct map *m, double x_m, double y_m, double *px, double *py)
{
	*px = m->bx + m->bw / 2.0 + (x_m - m->cx_m) * m->k;
	*py = m->by + m->bh / 2.0 - (y_m - m->cy_m) * m->k;
}

/* Polygons filled (even-odd, holes cut) and/or outlined; lines stroked;
 * points as small squares. */
static void
path_parts(cairo_t *cr, const struct map *m, const struct shapes *sh,
    size_t from, size_t to)
{
	size_t	 i, k;
	double	 px, py;

	for (i = from; i < to; i++) {
		const struct part *pt = &sh->parts[i];
		const double	*xy = sh->xy + 2 * pt->start;

		if (pt->len == 0)
			continue;
		for (k = 0; k < pt->len; k++) {
			to_page(m, xy[2 * k], xy[2 * k + 1], &px, &py);
			if (k == 0)
				cairo_move_to(cr, px, py);
			else
				cairo_line_to(cr, px, py);
		}
		if (pt->kind == PART_OUTER || pt->kind == PART_HOLE)
			cairo_close_path(cr);
	}
}

static void
draw_polygons(cairo_t *cr, const struct map *m, const struct shapes *sh,
    unsigned fill, unsigned line, double lw)
{
	size_t	 i, j;

	cairo_save(cr);
	cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
	cairo_set_line_width(cr, lw);
	/* one path per polygon (outer ring + its holes) */
	for (i = 0; i < sh->npart; i = j) {
		for (j = i + 1; j < sh->npart && sh->parts[j].kind == PART_HOLE;
		    j++)
			continue;
		if (sh->parts[i].kind != PART_OUTER)
			continue;
		path_parts(cr, m, sh, i, j);
		plot_set_rgb(cr, fill);
		cairo_fill_preserve(cr);
		plot_set_rgb(cr, line);
		cairo_stroke(cr);
	}
	cairo_restore(cr);
}

/* A user layer: outlines, lines and point marks, in one dark colour. */
static void
draw_layer(cairo_t *cr, const struct map *m, const struct shapes *sh)
{
	size_t	 i;
	double	 px, py;

	cairo_save(cr);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
	cairo_set_line_width(cr, m->compact ? 0.6 : 0.8);
	plot_set_rgb(cr, 0x0072b2u);
	for (i = 0; i < sh->npart; i++) {
		if (sh->parts[i].kind == PART_POINT) {
			if (sh->parts[i].len == 0)
				continue;
			to_page(m, sh->xy[2 * sh->parts[i].start],
			    sh->xy[2 * sh->parts[i].start + 1], &px, &py);
			cairo_rectangle(cr, px - 1.5, py - 1.5, 3.0, 3.0);
			cairo_fill(cr);
			continue;
		}
		path_parts(cr, m, sh, i, i + 1);
		cairo_stroke(cr);
	}
	cairo_restore(cr);
}

/* Meridians and parallels every "step" degrees, densified; a line breaks
 * where a point cannot be projected. */
static void
draw_graticule(cairo_t *cr, const struct map *m)
{
	double	 step = m->world ? 30.0 : 10.0, lon0, lon1, lat0, lat1, v, t;
	double	 x, y, px, py;
	int	 pen, dir;

	/* whole world: from seam to seam (the seam itself is the outline) */
	lon0 = m->world ? m->proj.seam_deg - 360.0 + 1e-7 : -130.0;
	lon1 = m->world ? m->proj.seam_deg - 1e-7 : -60.0;
	lat0 = m->world ? -90.0 : 10.0;
	lat1 = m->world ? 90.0 : 60.0;
	cairo_save(cr);
	cairo_set_line_width(cr, 0.35);
	cairo_set_source_rgba(cr, 0.45, 0.45, 0.5, 0.35);
	for (dir = 0; dir < 2; dir++) {
		double	 a0 = dir == 0 ? lon0 : lat0, a1 = dir == 0 ? lon1 : lat1;
		double	 b0 = dir == 0 ? lat0 : lon0, b1 = dir == 0 ? lat1 : lon1;
		double	 db = (b1 - b0) / ceil((b1 - b0) / 0.5);

		/* meridians on whole multiples of the step */
		if (dir == 0 && m->world)
			a0 = ceil(a0 / step) * step;
		for (v = a0; v <= a1 + 1e-9; v += step) {
			if (dir == 1 && fabs(v) > 89.0)
				continue;	/* the poles are points */
			if (dir == 0 && m->world && fabs(remainder(v -
			    m->proj.seam_deg, 360.0)) < 1e-6)
				continue;	/* the seam is the outline */
			pen = 0;
			for (t = b0; t <= b1 + 1e-9; t += db) {
				if (mproj_fwd(&m->proj, dir == 0 ? v : t,
				    dir == 0 ? t : v, &x, &y) == -1) {
					pen = 0;
					continue;
				}
				to_page(m, x, y, &px, &py);
				if (pen)
					cairo_line_to(cr, px, py);
				else
					cairo_move_to(cr, px, py);
				pen = 1;
			}
		}
	}
	cairo_stroke(cr);
	cairo_restore(cr);
}

/* Reversed viridis (van der Walt & Smith, matplotlib, CC0): light yellow
 * for low CO2e intensity to dark purple for high; perceptually uniform
 * and readable with the common forms of colour blindness. */
static void
ramp_rgb(double t, double *r, double *g, double *b)
{
	static const unsigned stops[] = {
		0xfde725u, 0xaadc32u, 0x5ec962u, 0x27ad81u, 0x21918cu,
		0x2c728eu, 0x3b528bu, 0x472d7bu, 0x440154u
	};
	const int	 ns = (int)(sizeof(stops) / sizeof(stops[0]));
	double		 f;
	int		 i;
	unsigned	 a, c;

	t = fmin(1.0, fmax(0.0, t)) * (ns - 1);
	i = (int)floor(t);
	if (i >= ns - 1)
		i = ns - 2;
	f = t - i;
	a = stops[i];
	c = stops[i + 1];
	*r = (((a >> 16) & 0xffu) * (1.0 - f) + ((c >> 16) & 0xffu) * f) / 255.0;
	*g = (((a >> 8) & 0xffu) * (1.0 - f) + ((c >> 8) & 0xffu) * f) / 255.0;
	*b = ((a & 0xffu) * (1.0 - f) + (c & 0xffu) * f) / 255.0;
}

static void
set_intensity(cairo_t *cr, const struct map *m, double kg_per_mwh,
    double alpha)
{
	double	 r, g, b;

	if (!isfinite(kg_per_mwh)) {
		cairo_set_source_rgba(cr, 0.6, 0.6, 0.6, alpha);
		return;
	}
	ramp_rgb(kg_per_mwh / m->imax, &r, &g, &b);
	cairo_set_source_rgba(cr, r, g, b, alpha);
}

static void
draw_circle(cairo_t *cr, const struct map *m, double x, double y, double r,
    double kg_per_mwh, int dashed)
{
	static const double dash[] = { 2.5, 1.5 };

	cairo_save(cr);
	cairo_new_path(cr);
	cairo_arc(cr, x, y, r, 0.0, 2.0 * M_PI);
	set_intensity(cr, m, kg_per_mwh, 0.78);
	cairo_fill_preserve(cr);
	plot_set_rgb(cr, PLOT_INK);
	cairo_set_line_width(cr, m->compact ? 0.6 : 0.8);
	if (dashed)
		cairo_set_dash(cr, dash, 2, 0.0);
	cairo_stroke(cr);
	cairo_restore(cr);
}

struct rect {
	double	 x0, y0, x1, y1;
};

static int
rect_hit(const struct rect *a, const struct rect *b)
{
	return a->x0 < b->x1 && b->x0 < a->x1 && a->y0 < b->y1 && b->y0 < a->y1;
}

/* How far a circle reaches into a rectangle, pt (0: apart). */
static double
circle_in_rect(const struct rect *a, double cx, double cy, double r)
{
	double	 nx = fmin(fmax(cx, a->x0), a->x1);
	double	 ny = fmin(fmax(cy, a->y0), a->y1);
	double	 d = hypot(cx - nx, cy - ny);

	if (cx >= a->x0 && cx <= a->x1 && cy >= a->y0 && cy <= a->y1)
		return r + fmin(fmin(cx - a->x0, a->x1 - cx),
		    fmin(cy - a->y0, a->y1 - cy));
	return d < r ? r - d : 0.0;
}

struct label {
	char		 text[200];
	double		 w, h;		/* with padding */
	struct rect	 box;
	double		 ax, ay, ex, ey;	/* leader line: anchor, circle edge */
	int		 leader;
	int		 placed;
};

/* Greedy placement: each label tries positions around its circle (right,
 * left, above, below, the diagonals), then farther out with a leader line;
 * the first that touches no placed label, no marker and no other circle
 * wins, else the one that overlaps circles least. Labels stay in the map
 * frame and off the scale bar. */
static void
place_labels(const struct map *m, struct label *lab, const int *order,
    const struct rect *avoid)
{
	static const double dirs[] = { 0, 180, 90, 270, 45, 135, 315, 225 };
	struct rect	 frame = { m->bx + 2.0, m->by + 2.0, m->bx + m->bw - 2.0,
	    m->by + m->bh - 2.0 };
	int		 oi, i, j, ring, d, nd;

	for (oi = 0; oi < m->n; oi++) {
		const struct msite *s;
		struct label	*L;
		double		 best = (double)INFINITY;

		i = order[oi];
		s = &m->s[i];
		L = &lab[i];
		if (!s->ok)
			continue;
		for (ring = 0; ring < 7 && best > 0.0; ring++) {
			double	 dist = s->r + 1.5 + ring * (L->h + 2.0);

			nd = ring == 0 ? 8 : 16;
			for (d = 0; d < nd && best > 0.0; d++) {
				double	 th = (ring == 0 ? dirs[d] : d * 22.5) *
				    M_PI / 180.0;
				double	 c = cos(th), sn = sin(th);
				double	 ax = s->px + dist * c, ay = s->py - dist * sn;
				double	 fx = fmin(1.0, fmax(-1.0, 1.6 * c));
				double	 fy = fmin(1.0, fmax(-1.0, 1.6 * sn));
				struct rect r;
				double	 cost = 0.0;

				r.x0 = ax + (fx - 1.0) * L->w / 2.0;
				r.y0 = ay - (fy + 1.0) * L->h / 2.0;
				r.x1 = r.x0 + L->w;
				r.y1 = r.y0 + L->h;
				if (r.x0 < frame.x0 || r.y0 < frame.y0 ||
				    r.x1 > frame.x1 || r.y1 > frame.y1 ||
				    rect_hit(&r, avoid))
					continue;
				for (j = 0; j < m->n; j++) {
					if (lab[j].placed && rect_hit(&r, &lab[j].box))
						break;
					if (j == i || !m->s[j].ok)
						continue;
					/* never cover another marker's centre */
					if (circle_in_rect(&r, m->s[j].px,
					    m->s[j].py, 2.0) > 0.0)
						break;
					cost += circle_in_rect(&r, m->s[j].px,
					    m->s[j].py, m->s[j].r);
				}
				if (j < m->n)
					continue;
				cost += 0.02 * ring;
				if (ring == 0 && cost < 0.02)
					cost = 0.0;
				if (cost < best) {
					best = cost;
					L->box = r;
					L->ax = ax;
					L->ay = ay;
					L->ex = s->px + s->r * c;
					L->ey = s->py - s->r * sn;
					L->leader = ring > 0;
					L->placed = 1;
				}
			}
		}
		if (!L->placed) {
			/* nowhere free: right of the circle, kept in the frame */
			L->box.x0 = fmin(s->px + s->r + 1.5, frame.x1 - L->w);
			L->box.x0 = fmax(L->box.x0, frame.x0);
			L->box.y0 = fmin(fmax(s->py - L->h / 2.0, frame.y0),
			    frame.y1 - L->h);
			L->box.x1 = L->box.x0 + L->w;
			L->box.y1 = L->box.y0 + L->h;
			L->placed = 1;
		}
	}
}

static void
draw_labels(cairo_t *cr, const struct map *m, const struct plot_site *ps,
    const struct rect *bar)
{
	struct label	*lab;
	int		*order, i, j, t;
	char		 pw[32];
	double		 maxw = 0.5 * m->bw;
	double		 pad = 1.5;

	lab = calloc((size_t)m->n + 1, sizeof(*lab));
	order = calloc((size_t)m->n + 1, sizeof(*order));
	if (lab == NULL || order == NULL)
		goto out;
	for (i = 0; i < m->n; i++) {
		if (m->s[i].capped)
			snprintf(lab[i].text, sizeof(lab[i].text), "%s (%s)",
			    ps[i].site->name, plot_fmt_si(m->s[i].mw * 1e6,
			    PLOT_U_W, pw, sizeof(pw)));
		else
			snprintf(lab[i].text, sizeof(lab[i].text), "%s",
			    ps[i].site->name);
		plot_text_extent(cr, m->label_pt, PLOT_ELLIPSIZE, maxw,
		    lab[i].text, &lab[i].w, &lab[i].h);
		lab[i].w += 2.0 * pad;
		lab[i].h += 2.0 * pad;
		order[i] = i;
	}
	/* biggest circles first: they have the least room near them */
	for (i = 1; i < m->n; i++)
		for (j = i; j > 0 && m->s[order[j]].r > m->s[order[j - 1]].r;
		    j--) {
			t = order[j];
			order[j] = order[j - 1];
			order[j - 1] = t;
		}
	place_labels(m, lab, order, bar);

	cairo_save(cr);
	for (i = 0; i < m->n; i++) {
		if (!m->s[i].ok || !lab[i].leader)
			continue;
		cairo_move_to(cr, lab[i].ex, lab[i].ey);
		cairo_line_to(cr, lab[i].ax, lab[i].ay);
	}
	plot_set_rgb(cr, PLOT_MUTED);
	cairo_set_line_width(cr, 0.5);
	cairo_stroke(cr);
	for (i = 0; i < m->n; i++) {
		if (!m->s[i].ok)
			continue;
		cairo_rectangle(cr, lab[i].box.x0, lab[i].box.y0, lab[i].w,
		    lab[i].h);
		cairo_set_source_rgba(cr, 1.0, 1.0, 1.0, 0.75);
		cairo_fill(cr);
		plot_set_rgb(cr, PLOT_INK);
		plot_text(cr, lab[i].box.x0 + pad, lab[i].box.y0 + pad,
		    m->label_pt, PLOT_ELLIPSIZE, PLOT_LEFT, maxw, lab[i].text);
	}
	cairo_restore(cr);
out:
	free(lab);
	free(order);
}

/* A bar of a round length (from the geodesic on WGS 84 at the map's
 * centre), in the lower left corner. */
static void
draw_scalebar(cairo_t *cr, const struct map *m, struct rect *used)
{
	double	 x0 = m->bx + 10.0, y0 = m->by + m->bh - (m->compact ? 10.0 :
	    12.0), target_m, m_per_pt, dist_m, len_pt, len_m;
	double	 fs = m->compact ? 6.5 : 7.5, tw, th;
	char	 lab[64];
	int	 i;

	/* about a fifth of the frame's width */
	len_m = bar_len(&m->proj, m->cx_m, m->cy_m, 100000.0);
	if (!isfinite(len_m) || !(len_m > 0.0))
		return;
	m_per_pt = 100000.0 / (len_m * m->k);
	target_m = 0.2 * m->bw * m_per_pt;
	dist_m = nice_num(target_m, 0);
	len_m = bar_len(&m->proj, m->cx_m, m->cy_m, dist_m);
	if (!isfinite(len_m))
		return;
	len_pt = len_m * m->k;
	snprintf(lab, sizeof(lab), "%.0f km%s", dist_m / 1000.0,
	    m->world ? " (true at the map centre)" : "");
	plot_text_extent(cr, fs, 0, 0.0, lab, &tw, &th);
	cairo_save(cr);
	cairo_set_source_rgba(cr, 1.0, 1.0, 1.0, 0.75);
	used->x0 = x0 - 4.0;
	used->y0 = y0 - th / 2.0 - 2.0;
	used->x1 = used->x0 + len_pt + tw + 12.0;
	used->y1 = used->y0 + th + 4.0;
	cairo_rectangle(cr, used->x0, used->y0, used->x1 - used->x0,
	    used->y1 - used->y0);
	cairo_fill(cr);
	cairo_set_line_width(cr, 0.4);
	for (i = 0; i < 4; i++) {
		cairo_rectangle(cr, x0 + i * len_pt / 4.0, y0 - 1.5,
		    len_pt / 4.0, 3.0);
		if (i % 2 == 0)
			plot_set_rgb(cr, PLOT_INK);
		else
			cairo_set_source_rgb(cr, 1.0, 1.0, 1.0);
		cairo_fill_preserve(cr);
		plot_set_rgb(cr, PLOT_INK);
		cairo_stroke(cr);
	}
	plot_text(cr, x0 + len_pt + 4.0, y0 - th / 2.0, fs, 0, PLOT_LEFT, 0.0,
	    lab);
	cairo_restore(cr);
}

/* The legend column: colour ramp with ticks, then reference circles. */
static void
draw_legend(cairo_t *cr, const struct map *m)
{
	double	 x = m->lx, y = m->ly, fs = m->compact ? 7.0 : 8.0;
	double	 hs = m->compact ? 7.5 : 9.0, barh, barw = 11.0, v, t, r;
	double	 refs[3], cy, base, ly, prev_ly = -1e9;
	char	 buf[64];
	int	 i, nref, capped = 0, notshown = m->n - m->nshown;

	plot_set_rgb(cr, PLOT_INK);
	y += plot_text(cr, x, y, hs, PLOT_BOLD, PLOT_LEFT, m->lw,
	    "CO\xe2\x82\x82" "e intensity");
	plot_set_rgb(cr, PLOT_MUTED);
	y += plot_text(cr, x, y, fs, 0, PLOT_LEFT, m->lw,
	    "kg CO\xe2\x82\x82" "e per MWh used, location-based") + 4.0;
	barh = fmin(m->compact ? 70.0 : 110.0, 0.32 * m->bh);
	for (i = 0; i < 64; i++) {
		t = 1.0 - (i + 0.5) / 64.0;
		set_intensity(cr, m, t * m->imax, 1.0);
		cairo_rectangle(cr, x, y + i * barh / 64.0, barw,
		    barh / 64.0 + 0.3);
		cairo_fill(cr);
	}
	plot_set_rgb(cr, PLOT_INK);
	cairo_set_line_width(cr, 0.5);
	cairo_rectangle(cr, x, y, barw, barh);
	cairo_stroke(cr);
	for (v = 0.0; v <= m->imax + 1e-9; v += m->imax > 1000.0 ? 500.0 :
	    250.0) {
		double	 ty = y + barh * (1.0 - v / m->imax);

		cairo_move_to(cr, x + barw, ty);
		cairo_line_to(cr, x + barw + 3.0, ty);
		cairo_stroke(cr);
		snprintf(buf, sizeof(buf), "%.0f", v);
		plot_text(cr, x + barw + 5.0, ty - fs * 0.62, fs, 0, PLOT_LEFT,
		    0.0, buf);
	}
	/* the sites' values, as marks across the bar */
	for (i = 0; i < m->n; i++) {
		double	 ty;

		if (!m->s[i].ok || !isfinite(m->s[i].intensity))
			continue;
		ty = y + barh * (1.0 - fmin(m->s[i].intensity, m->imax) / m->imax);
		cairo_move_to(cr, x - 3.0, ty);
		cairo_line_to(cr, x + barw, ty);
	}
	cairo_set_line_width(cr, 0.7);
	cairo_stroke(cr);
	y += barh + 4.0;
	plot_set_rgb(cr, PLOT_MUTED);
	y += plot_text(cr, x, y, fs, 0, PLOT_LEFT, m->lw,
	    "Lines across the bar: the sites.");
	y += m->compact ? 8.0 : 12.0;

	/* sizes */
	plot_set_rgb(cr, PLOT_INK);
	y += plot_text(cr, x, y, hs, PLOT_BOLD, PLOT_LEFT, m->lw,
	    "Facility power");
	plot_set_rgb(cr, PLOT_MUTED);
	y += plot_text(cr, x, y, fs, 0, PLOT_LEFT, m->lw,
	    "peak design power; circle area to scale") + 4.0;
	refs[0] = m->cap_mw;
	refs[1] = nice_num(m->cap_mw / 4.0, 0);
	refs[2] = nice_num(m->cap_mw / 20.0, 0);
	nref = 3;
	/* nested circles on a common baseline, labels to the right */
	base = y + 2.0 * m->rmax;
	cairo_set_line_width(cr, 0.6);
	for (i = 0; i < nref; i++) {
		r = fmax(m->rmin, m->rmax * sqrt(refs[i] / m->cap_mw));
		cy = base - r;
		cairo_new_path(cr);
		cairo_arc(cr, x + m->rmax, cy, r, 0.0, 2.0 * M_PI);
		cairo_set_source_rgba(cr, 0.75, 0.75, 0.75, 0.25);
		cairo_fill_preserve(cr);
		plot_set_rgb(cr, PLOT_INK);
		cairo_stroke(cr);
		/* labels at the circles' tops, pushed apart when they crowd */
		ly = fmax(cy - r, prev_ly + fs * 1.25);
		prev_ly = ly;
		cairo_move_to(cr, x + m->rmax, cy - r);
		cairo_line_to(cr, x + 2.0 * m->rmax + 3.0, cy - r);
		cairo_line_to(cr, x + 2.0 * m->rmax + 6.0, ly);
		plot_set_rgb(cr, PLOT_MUTED);
		cairo_set_line_width(cr, 0.4);
		cairo_stroke(cr);
		cairo_set_line_width(cr, 0.6);
		plot_set_rgb(cr, PLOT_INK);
		plot_text(cr, x + 2.0 * m->rmax + 8.0, ly - fs * 0.62, fs, 0,
		    PLOT_LEFT, 0.0, fmt_mw(refs[i], buf, sizeof(buf)));
	}
	y = fmax(base, prev_ly + fs * 0.8) + 6.0;
	for (i = 0; i < m->n; i++)
		capped += m->s[i].capped;
	plot_set_rgb(cr, PLOT_MUTED);
	if (capped > 0) {
		char	 note[200];

		snprintf(note, sizeof(note), "Dashed: above %s, not to scale "
		    "(power in the label).", fmt_mw(m->cap_mw, buf,
		    sizeof(buf)));
		y += plot_text(cr, x, y, fs, 0, PLOT_LEFT, m->lw, note) + 2.0;
	}
	if (!m->compact) {
		snprintf(buf, sizeof(buf), "Smallest circle: %.1f pt radius.",
		    m->rmin);
		y += plot_text(cr, x, y, fs, 0, PLOT_LEFT, m->lw, buf) + 2.0;
	}
	if (notshown > 0) {
		char	 note[120];

		snprintf(note, sizeof(note), "%d site%s outside the "
		    "projection's domain, not shown.", notshown,
		    notshown == 1 ? "" : "s");
		plot_text(cr, x, y, fs, 0, PLOT_LEFT, m->lw, note);
	}
}

static void
map_render(cairo_t *cr, struct map *m, const struct plot_site *ps,
    const struct plot_opts *o)
{
	char	 buf[600], sub[300], when[32];
	struct rect bar = { 0.0, 0.0, 0.0, 0.0 };
	int	*order, i, j, t;
	size_t	 k;
	double	 fs = m->compact ? 6.5 : 7.0;

	cairo_save(cr);
	if (!m->compact) {
		plot_set_rgb(cr, PLOT_INK);
		plot_text(cr, m->bx, m->ty, 15.0, PLOT_BOLD, PLOT_LEFT,
		    m->bw + m->lw + 14.0, TITLE);
		if (o != NULL && o->year != 0)
			snprintf(when, sizeof(when), "year %d", o->year);
		else
			snprintf(when, sizeof(when), "full build-out");
		snprintf(sub, sizeof(sub), "%d site%s, %s; CO\xe2\x82\x82" "e "
		    "with %s GWP100, location-based, %s grid factors", m->n,
		    m->n == 1 ? "" : "s", when, o != NULL && o->gwp_id != NULL &&
		    strcmp(o->gwp_id, "ar5") == 0 ? "AR5" : "AR6", o != NULL &&
		    o->grid_factors != NULL ? o->grid_factors : "average");
		plot_set_rgb(cr, PLOT_MUTED);
		plot_text(cr, m->bx, m->ty + 21.0, 9.0, 0, PLOT_LEFT,
		    m->bw + m->lw + 14.0, sub);
	}

	/* inside the frame */
	cairo_save(cr);
	cairo_rectangle(cr, m->bx, m->by, m->bw, m->bh);
	cairo_clip(cr);
	if (m->sphere.npt > 0)
		draw_polygons(cr, m, &m->sphere, 0xeef3f8u, 0xb8c4d0u, 0.6);
	draw_polygons(cr, m, &m->base, 0xe2e2e0u, 0xffffffu, m->world ? 0.3 :
	    0.7);
	draw_graticule(cr, m);
	for (i = 0; i < m->nlayers; i++)
		draw_layer(cr, m, &m->layers[i]);
	if ((order = calloc((size_t)m->n + 1, sizeof(*order))) != NULL) {
		for (i = 0; i < m->n; i++)
			order[i] = i;
		/* big circles under small ones */
		for (i = 1; i < m->n; i++)
			for (j = i; j > 0 && m->s[order[j]].r >
			    m->s[order[j - 1]].r; j--) {
				t = order[j];
				order[j] = order[j - 1];
				order[j - 1] = t;
			}
		for (k = 0; k < (size_t)m->n; k++) {
			const struct msite *s = &m->s[order[k]];

			if (s->ok)
				draw_circle(cr, m, s->px, s->py, s->r,
				    s->intensity, s->capped);
		}
		free(order);
	}
	draw_scalebar(cr, m, &bar);
	draw_labels(cr, m, ps, &bar);
	cairo_restore(cr);

	plot_set_rgb(cr, 0x9a9a9au);
	cairo_set_line_width(cr, 0.6);
	cairo_rectangle(cr, m->bx, m->by, m->bw, m->bh);
	cairo_stroke(cr);
	draw_legend(cr, m);

	snprintf(buf, sizeof(buf), "Basemap: US Census Bureau (us-atlas) / "
	    "Natural Earth (world-atlas), public domain; projection %s%s%s%s",
	    m->proj.crs, m->proj.name[0] != '\0' ? " (" : "", m->proj.name,
	    m->proj.name[0] != '\0' ? ")" : "");
	plot_set_rgb(cr, PLOT_MUTED);
	/* under the map frame only: the legend column may run deeper */
	plot_text(cr, m->bx, m->by + m->bh + 3.0, fs, 0, PLOT_LEFT, m->bw, buf);
	cairo_restore(cr);
}

int
plot_map_draw(cairo_t *cr, double x, double y, double w, double h,
    const struct plot_site *ps, int n, const struct plot_opts *o, int compact,
    struct err *e)
{
	struct map	 m;
	int		 rc = -1;

	if (map_prepare(&m, ps, n, o, x, y, w, h, compact, e) == -1)
		goto out;
	map_render(cr, &m, ps, o);
	if (cairo_status(cr) != CAIRO_STATUS_SUCCESS) {
		err_set(e, ERR_CAIRO, NULL, 0, "drawing the map: %s",
		    cairo_status_to_string(cairo_status(cr)));
		goto out;
	}
	rc = 0;
out:
	map_free(&m);
	return rc;
}

int
plot_map_file(const struct plot_site *ps, int n, const struct plot_opts *o,
    const char *out, struct err *e)
{
	struct plot_meta meta = { TITLE, "Sites, facility power and CO2e "
	    "intensity on a map" };
	struct plot_canvas *cv = NULL;
	enum plot_format fmt;
	struct map	 m;
	cairo_t		*cr;
	double		 pw = o->letter ? 792.0 : 841.89;
	double		 ph = o->letter ? 612.0 : 595.28;
	int		 rc = -1;

	/* everything that can fail on input comes before the file is opened:
	 * a bad projection or layer leaves no file behind */
	if (plot_format_of(out, &fmt, e) == -1)
		return -1;
	if (map_prepare(&m, ps, n, o, 30.0, 24.0, pw - 60.0, ph - 48.0, 0,
	    e) == -1)
		goto out;
	if ((cv = plot_canvas_open(out, pw, ph, 1, o->dpi > 0.0 ? o->dpi :
	    150.0, &meta, e)) == NULL)
		goto out;
	cr = plot_canvas_page(cv);
	map_render(cr, &m, ps, o);
	rc = plot_canvas_close(cv, e);
out:
	map_free(&m);
	return rc;
}

/* ------------------------------------------------------------------ */
/* For the tests */

/* Project one point (lon, lat in degrees) into "crs"; -1 with "e" when the
 * CRS is rejected or the point falls outside its domain. */
int
map_project(const char *crs, double lon_deg, double lat_deg, double *x_m,
    double *y_m, struct err *e)
{
	struct mproj	 p;
	int		 rc = -1;

	if (mproj_open(&p, crs, e) == -1)
		return -1;
	if (mproj_fwd(&p, lon_deg, lat_deg, x_m, y_m) == -1)
		err_set(e, ERR_PROJ, NULL, 0, "projection \"%s\": (%g, %g) is "
		    "outside its domain", crs, lon_deg, lat_deg);
	else
		rc = 0;
	mproj_close(&p);
	return rc;
}

/* The projected length (map units) of the scale bar for "dist_m" centred
 * on (cx, cy), as draw_scalebar() computes it. */
int
map_scalebar_len(const char *crs, double cx_m, double cy_m, double dist_m,
    double *len_m, struct err *e)
{
	struct mproj	 p;
	int		 rc = -1;

	if (mproj_open(&p, crs, e) == -1)
		return -1;
	*len_m = bar_len(&p, cx_m, cy_m, dist_m);
	if (!isfinite(*len_m))
		err_set(e, ERR_PROJ, NULL, 0, "projection \"%s\": no scale at "
		    "(%g, %g)", crs, cx_m, cy_m);
	else
		rc = 0;
	mproj_close(&p);
	return rc;
}

/* Where the markers' centres fall (pt) when plot_map_draw() draws in the
 * box (x, y, w, h); NAN for a site that cannot be projected. */
int
map_site_xy(const struct plot_site *ps, int n, const struct plot_opts *o,
    double x, double y, double w, double h, int compact, double *px_pt,
    double *py_pt, struct err *e)
{
	struct map	 m;
	int		 i, rc = -1;

	if (map_prepare(&m, ps, n, o, x, y, w, h, compact, e) == -1)
		goto out;
	for (i = 0; i < n; i++) {
		px_pt[i] = m.s[i].ok ? m.s[i].px : (double)(double)NAN;
		py_pt[i] = m.s[i].ok ? m.s[i].py : (double)(double)NAN;
	}
	rc = 0;
out:
	map_free(&m);
	return rc;
}
