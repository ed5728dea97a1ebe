/* Places: the automatic map CRS, and lookups of a point in a layer (the
 * feature containing it, or the nearest one for a point just off a coast). */
#include <math.h>
#include <stddef.h>

#include "geo/geo.h"

/* Contiguous US, as the automatic projection sees it. */
#define CONUS_LAT_MIN	24.0
#define CONUS_LAT_MAX	50.0
#define CONUS_LON_MIN	-125.0
#define CONUS_LON_MAX	-66.0

/* Mean Earth radius R1 (IUGG), km: for the local distance approximation */
#define EARTH_R_KM	6371.0088
#define KM_PER_DEG	(EARTH_R_KM * M_PI / 180.0)

int
geo_in_conus(double lat_deg, double lon_deg)
{
	return lat_deg >= CONUS_LAT_MIN && lat_deg <= CONUS_LAT_MAX &&
	    lon_deg >= CONUS_LON_MIN && lon_deg <= CONUS_LON_MAX;
}

const char *
geo_auto_crs(const double *lonlat_deg, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (!geo_in_conus(lonlat_deg[2 * i + 1], lonlat_deg[2 * i]))
			return GEO_CRS_WORLD;
	return GEO_CRS_US;
}

/* Even-odd test of (x, y) against one ring (closed or not). */
static int
in_ring(const double *ll, size_t n, double x, double y)
{
	size_t	 i, j;
	int	 in = 0;

	if (n < 3)
		return 0;
	for (i = 0, j = n - 1; i < n; j = i++) {
		double	 xi = ll[2 * i], yi = ll[2 * i + 1];
		double	 xj = ll[2 * j], yj = ll[2 * j + 1];

		if ((yi > y) != (yj > y) &&
		    x < (xj - xi) * (y - yi) / (yj - yi) + xi)
			in = !in;
	}
	return in;
}

/* Even-odd over every ring of the feature: holes and the parts of a
 * multipolygon fall out of the parity. */
static int
feature_contains(const struct geo_layer *l, const struct geo_feature *f,
    double lon, double lat)
{
	const struct geo_part *pt;
	size_t	 i;
	int	 in = 0;

	if (!f->polygon || lon < f->bbox[0] || lon > f->bbox[2] ||
	    lat < f->bbox[1] || lat > f->bbox[3])
		return 0;
	for (i = 0; i < f->nparts; i++) {
		pt = &l->parts[f->part0 + i];
		if (pt->kind != GEO_PART_OUTER && pt->kind != GEO_PART_HOLE)
			continue;
		if (in_ring(l->lonlat + 2 * pt->start, pt->len, lon, lat))
			in = !in;
	}
	return in;
}

long
geo_layer_find(const struct geo_layer *l, double lon_deg, double lat_deg)
{
	size_t	 i;

	for (i = 0; i < l->nfeatures; i++)
		if (feature_contains(l, &l->features[i], lon_deg, lat_deg))
			return (long)i;
	return -1;
}

/* Longitude difference a - b in (-180, 180]. */
static double
dlon(double a, double b)
{
	return remainder(a - b, 360.0);
}

/* Could the feature's bbox come within (mlat, mlon) degrees of the point? */
static int
bbox_near(const struct geo_feature *f, double lon, double lat, double mlat,
    double mlon)
{
	if (lat < f->bbox[1] - mlat || lat > f->bbox[3] + mlat)
		return 0;
	if (mlon >= 180.0 || (lon >= f->bbox[0] && lon <= f->bbox[2]))
		return 1;
	return fabs(dlon(lon, f->bbox[0])) <= mlon ||
	    fabs(dlon(lon, f->bbox[2])) <= mlon;
}

/* Squared distance (km^2) from the point to segment AB in a local
 * equirectangular frame (x scaled by the cosine of the mean latitude of
 * the point and the segment); the nearest point's lon/lat in *qlon, *qlat. */
static double
seg_dist2(double lon, double lat, const double *a, const double *b,
    double *qlon, double *qlat)
{
	double	 mid_deg = (lat + (a[1] + b[1]) / 2.0) / 2.0;
	double	 c = cos(mid_deg * M_PI / 180.0);
	double	 ax = dlon(a[0], lon) * c * KM_PER_DEG;
	double	 ay = (a[1] - lat) * KM_PER_DEG;
	double	 bx = dlon(b[0], lon) * c * KM_PER_DEG;
	double	 by = (b[1] - lat) * KM_PER_DEG;
	double	 dx = bx - ax, dy = by - ay, t = 0.0;
	double	 len2 = dx * dx + dy * dy;
	double	 px, py;

	if (len2 > 0.0)
		t = fmin(1.0, fmax(0.0, -(ax * dx + ay * dy) / len2));
	px = ax + t * dx;
	py = ay + t * dy;
	*qlon = a[0] + t * dlon(b[0], a[0]);
	*qlat = a[1] + t * (b[1] - a[1]);
	return px * px + py * py;
}

long
geo_layer_nearest(const struct geo_layer *l, double lon_deg, double lat_deg,
    double max_km, double *dist_km)
{
	const struct geo_feature *f;
	const struct geo_part *pt;
	double	 mlat, mlon, c, d2, best2 = (double)INFINITY, qlon, qlat;
	double	 blon = lon_deg, blat = lat_deg, d_km;
	size_t	 i, j, k;
	long	 best = -1;

	if (!(max_km >= 0.0))
		return -1;
	/* a margin in degrees, generous (the frame is only local) */
	mlat = 1.05 * max_km / KM_PER_DEG + 1e-9;
	c = cos(fmin(89.0, fabs(lat_deg) + mlat) * M_PI / 180.0);
	mlon = c > 1e-3 ? mlat / c : 360.0;
	for (i = 0; i < l->nfeatures; i++) {
		f = &l->features[i];
		if (!f->polygon || !bbox_near(f, lon_deg, lat_deg, mlat, mlon))
			continue;
		if (feature_contains(l, f, lon_deg, lat_deg)) {
			if (dist_km != NULL)
				*dist_km = 0.0;
			return (long)i;
		}
		for (j = 0; j < f->nparts; j++) {
			pt = &l->parts[f->part0 + j];
			if (pt->kind != GEO_PART_OUTER &&
			    pt->kind != GEO_PART_HOLE)
				continue;
			for (k = 0; k < pt->len; k++) {
				const double *a = l->lonlat +
				    2 * (pt->start + k);
				const double *b = l->lonlat +
				    2 * (pt->start + (k + 1) % pt->len);

				d2 = seg_dist2(lon_deg, lat_deg, a, b, &qlon,
				    &qlat);
				if (d2 < best2) {
					best2 = d2;
					best = (long)i;
					blon = qlon;
					blat = qlat;
				}
			}
		}
	}
	if (best == -1)
		return -1;
	/* the distance itself: the geodesic to the nearest point found */
	d_km = geo_distance_m(lat_deg, lon_deg, blat, blon) / 1000.0;
	if (!(d_km <= max_km))
		return -1;
	if (dist_km != NULL)
		*dist_km = d_km;
	return best;
}
