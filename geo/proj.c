/* PROJ behind one process-wide context: transformations between any two
 * CRSs PROJ knows, axis order normalised for visualisation; the seam of a
 * projection; geodesic distances and scale-bar lengths (geodesic.h). */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <geodesic.h>
#include <proj.h>

#include "common/err.h"
#include "geo/geo.h"

#define WGS84_A_M	6378137.0
#define WGS84_F		(1.0 / 298.257223563)

struct geo_proj {
	PJ		*pj;		/* from -> to, normalised */
	char		 crs[256];	/* the target CRS as given */
	char		 name[160];	/* the target CRS's name */
	double		 seam_deg;	/* the antimeridian of the projection */
	int		 src_geographic;	/* the source is lon/lat */
	int		 dst_geographic;	/* the target is lon/lat */
	int		 has_area;	/* PROJ knows the target's area of use */
	double		 area[4];	/* west, south, east, north, degrees */
	char		 area_name[160];
};

/* The one context. PROJ contexts and PJ objects are not safe for
 * concurrent use, so every PROJ call below holds "mtx"; PROJ's messages go
 * to "plog" (under the same mutex), never to stderr. The context lives
 * until the process ends. */
static pthread_once_t	 ctx_once = PTHREAD_ONCE_INIT;
static pthread_mutex_t	 mtx = PTHREAD_MUTEX_INITIALIZER;
static PJ_CONTEXT	*ctx;
static char		 plog[400];	/* PROJ's last error message */

static void
log_cb(void *data, int level, const char *msg)
{
	(void)data;
	if (level <= PJ_LOG_ERROR && msg != NULL)
		snprintf(plog, sizeof(plog), "%s", msg);
}

static void
ctx_create(void)
{
	if ((ctx = proj_context_create()) != NULL)
		proj_log_func(ctx, NULL, log_cb);
}

static int
is_geographic(PJ_TYPE type)
{
	return type == PJ_TYPE_GEOGRAPHIC_2D_CRS ||
	    type == PJ_TYPE_GEOGRAPHIC_3D_CRS || type == PJ_TYPE_GEOGRAPHIC_CRS;
}

/* One transformation; 0 when the result is finite and sane. */
static int
trans(const struct geo_proj *p, PJ_DIRECTION dir, double x, double y,
    double *xo, double *yo)
{
	PJ_COORD	 c;
	int		 geog;

	pthread_mutex_lock(&mtx);
	c = proj_trans(p->pj, dir, proj_coord(x, y, 0.0, 0.0));
	pthread_mutex_unlock(&mtx);
	*xo = c.xy.x;
	*yo = c.xy.y;
	if (!isfinite(*xo) || !isfinite(*yo) || !(fabs(*xo) < 1e15) ||
	    !(fabs(*yo) < 1e15))
		return -1;
	geog = dir == PJ_FWD ? p->dst_geographic : p->src_geographic;
	return geog && fabs(*yo) > 90.0 ? -1 : 0;
}

int
geo_fwd(const struct geo_proj *p, double x_in, double y_in, double *x_out,
    double *y_out)
{
	return trans(p, PJ_FWD, x_in, y_in, x_out, y_out);
}

int
geo_inv(const struct geo_proj *p, double x_in, double y_in, double *x_out,
    double *y_out)
{
	return trans(p, PJ_INV, x_in, y_in, x_out, y_out);
}

/* Points along the equator jump from one edge of the map to the other at
 * the seam; 180 when there is no such jump (lon_0 = 0, or the projection
 * cannot show the whole equator). */
static double
find_seam(const struct geo_proj *p)
{
	double	 x0, y0, x1, y1, d, dmax = 0.0, sum = 0.0, lo, hi, mid;
	double	 xa, ya, xm, ym, xb, yb;
	int	 i, at = -1, k;

	if (geo_fwd(p, -180.0, 0.0, &x0, &y0) == -1)
		return 180.0;
	for (i = 1; i <= 360; i++) {
		if (geo_fwd(p, -180.0 + i, 0.0, &x1, &y1) == -1)
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
		if (geo_fwd(p, lo, 0.0, &xa, &ya) == -1 ||
		    geo_fwd(p, mid, 0.0, &xm, &ym) == -1 ||
		    geo_fwd(p, hi, 0.0, &xb, &yb) == -1)
			break;
		if (hypot(xm - xa, ym - ya) > hypot(xb - xm, yb - ym))
			hi = mid;
		else
			lo = mid;
	}
	return (lo + hi) / 2.0;
}

struct geo_proj *
geo_proj_new(const char *from_crs, const char *to_crs, struct err *e)
{
	struct geo_proj	*p = NULL;
	PJ		*raw = NULL, *tgt = NULL, *src = NULL;
	PJ_TYPE		 type;
	const char	*why, *name;
	char		 what[600];
	int		 rc = -1, locked = 0;

	/* the message names the target alone for the usual lon/lat source */
	if (strcmp(from_crs, GEO_CRS_LONLAT) == 0)
		snprintf(what, sizeof(what), "projection \"%s\"", to_crs);
	else
		snprintf(what, sizeof(what), "transformation \"%s\" -> \"%s\"",
		    from_crs, to_crs);
	if ((p = calloc(1, sizeof(*p))) == NULL) {
		err_set(e, ERR_NOMEM, NULL, 0, "out of memory");
		goto out;
	}
	snprintf(p->crs, sizeof(p->crs), "%s", to_crs);
	p->seam_deg = 180.0;
	pthread_once(&ctx_once, ctx_create);
	if (ctx == NULL) {
		err_set(e, ERR_NOMEM, NULL, 0, "out of memory (PROJ context)");
		goto out;
	}
	pthread_mutex_lock(&mtx);
	locked = 1;
	plog[0] = '\0';
	if ((raw = proj_create_crs_to_crs(ctx, from_crs, to_crs, NULL)) ==
	    NULL) {
		why = plog[0] != '\0' ? plog :
		    proj_context_errno_string(ctx, proj_context_errno(ctx));
		if (why != NULL && strncmp(why, "proj_create: ", 13) == 0)
			why += 13;
		err_set(e, ERR_PROJ, NULL, 0, "%s: %s", what,
		    why != NULL ? why : "not a CRS PROJ knows");
		goto out;
	}
	if ((tgt = proj_get_target_crs(ctx, raw)) != NULL) {
		type = proj_get_type(tgt);
		if (type != PJ_TYPE_PROJECTED_CRS && !is_geographic(type) &&
		    type != PJ_TYPE_COMPOUND_CRS && type != PJ_TYPE_BOUND_CRS) {
			err_set(e, ERR_PROJ, NULL, 0, "%s: not a projected or "
			    "geographic CRS", what);
			goto out;
		}
		p->dst_geographic = is_geographic(type);
		name = proj_get_name(tgt);
		if (name != NULL && strcmp(name, "unknown") != 0)
			snprintf(p->name, sizeof(p->name), "%s", name);
		/* the area of use (-1000 where PROJ has none) */
		if (proj_get_area_of_use(ctx, tgt, &p->area[0], &p->area[1],
		    &p->area[2], &p->area[3], &name) && p->area[0] > -999.0) {
			p->has_area = 1;
			char	*cut;

			snprintf(p->area_name, sizeof(p->area_name), "%s",
			    name != NULL ? name : "");
			/* "United States (USA) - CONUS onshore - Alabama;
			 * Arizona; ...": the region, not the list */
			if ((cut = strchr(p->area_name, ';')) != NULL) {
				*cut = '\0';
				if ((cut = strrchr(p->area_name, '-')) != NULL &&
				    cut > p->area_name && cut[-1] == ' ')
					cut[-1] = '\0';
			}
		}
	}
	if ((src = proj_get_source_crs(ctx, raw)) != NULL)
		p->src_geographic = is_geographic(proj_get_type(src));
	if ((p->pj = proj_normalize_for_visualization(ctx, raw)) == NULL) {
		err_set(e, ERR_PROJ, NULL, 0, "%s: %s", what,
		    plog[0] != '\0' ? plog : "cannot use it for a map");
		goto out;
	}
	rc = 0;
out:
	if (locked) {
		proj_destroy(src);
		proj_destroy(tgt);
		proj_destroy(raw);
		pthread_mutex_unlock(&mtx);
	}
	if (rc == -1) {
		geo_proj_free(p);
		return NULL;
	}
	/* outside the lock: geo_fwd() takes it */
	if (p->src_geographic)
		p->seam_deg = find_seam(p);
	return p;
}

void
geo_proj_free(struct geo_proj *p)
{
	if (p == NULL)
		return;
	if (p->pj != NULL) {
		pthread_mutex_lock(&mtx);
		proj_destroy(p->pj);
		pthread_mutex_unlock(&mtx);
	}
	free(p);
}

const char *
geo_proj_crs(const struct geo_proj *p)
{
	return p->crs;
}

const char *
geo_proj_name(const struct geo_proj *p)
{
	return p->name;
}

double
geo_seam_deg(const struct geo_proj *p)
{
	return p->seam_deg;
}

double
geo_distance_m(double lat1_deg, double lon1_deg, double lat2_deg,
    double lon2_deg)
{
	struct geod_geodesic g;
	double		 s12, azi1, azi2;

	geod_init(&g, WGS84_A_M, WGS84_F);
	geod_inverse(&g, lat1_deg, lon1_deg, lat2_deg, lon2_deg, &s12, &azi1,
	    &azi2);
	return s12;
}

double
geo_scalebar_len(const struct geo_proj *p, double cx, double cy,
    double dist_m)
{
	double	 lon0, lat0, lon1, lat1, lon2, lat2, d, len;
	int	 i;

	if (geo_inv(p, cx, cy, &lon0, &lat0) == -1)
		return (double)NAN;
	/* half-length d in map units: start from 1 unit (a metre, or a
	 * degree for a geographic CRS), then rescale on the full bar until
	 * its ends are dist_m apart */
	d = 1.0;
	for (i = 0; i < 6; i++) {
		if (geo_inv(p, cx - d, cy, &lon1, &lat1) == -1 ||
		    geo_inv(p, cx + d, cy, &lon2, &lat2) == -1)
			return (double)NAN;
		len = geo_distance_m(lat1, lon1, lat2, lon2);
		if (!(len > 0.0))
			return (double)NAN;
		d *= dist_m / len;
	}
	return 2.0 * d;
}

int
geo_proj_area_of_use(const struct geo_proj *p, double bbox_deg[4],
    const char **name)
{
	int	 i;

	if (!p->has_area)
		return 0;
	for (i = 0; i < 4; i++)
		bbox_deg[i] = p->area[i];
	if (name != NULL)
		*name = p->area_name;
	return 1;
}

int
geo_proj_in_area(const struct geo_proj *p, double lon_deg, double lat_deg,
    double margin_deg)
{
	double	 w, e;

	if (!p->has_area)
		return 1;
	if (lat_deg < p->area[1] - margin_deg || lat_deg > p->area[3] + margin_deg)
		return 0;
	w = p->area[0] - margin_deg;
	e = p->area[2] + margin_deg;
	if (p->area[0] <= p->area[2])
		return lon_deg >= w && lon_deg <= e;
	return lon_deg >= w || lon_deg <= e;	/* across the antimeridian */
}
