/* Projected shapes: rings, lines and points in map units, clipped at the
 * projection's seam, and the globe's outline. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "geo/geo.h"

void
geo_shapes_init(struct geo_shapes *s)
{
	memset(s, 0, sizeof(*s));
	s->minx = s->miny = (double)INFINITY;
	s->maxx = s->maxy = -(double)INFINITY;
}

void
geo_shapes_free(struct geo_shapes *s)
{
	free(s->xy);
	free(s->parts);
	geo_shapes_init(s);
}

int
geo_shapes_begin(struct geo_shapes *s, enum geo_part_kind kind, struct err *e)
{
	struct geo_part	*np;
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

int
geo_shapes_add(struct geo_shapes *s, double x, double y, struct err *e)
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

/* Lines and points: longitudes brought into the seam's window; a line
 * breaks where it jumps across the seam. Otherwise the seam would draw
 * as a streak across the whole map. */
static int
add_open(struct geo_shapes *sh, const struct geo_proj *p, const double *ll,
    size_t n, enum geo_part_kind kind, struct err *e)
{
	const double	 eps = 1e-7, s_hi = geo_seam_deg(p);
	const double	 s_lo = s_hi - 360.0;
	double		 prev = 0.0, x, y, l;
	size_t		 i;

	if (geo_shapes_begin(sh, kind, e) == -1)
		return -1;
	for (i = 0; i < n; i++) {
		/* longitude relative to the seam, in (s_lo, s_hi] */
		l = s_hi - fmod(fmod(s_hi - ll[2 * i], 360.0) + 360.0, 360.0);
		if (kind == GEO_PART_LINE && i > 0 && fabs(l - prev) > 180.0 &&
		    geo_shapes_begin(sh, kind, e) == -1)
			return -1;
		prev = l;
		if (geo_fwd(p, fmin(fmax(l, s_lo + eps), s_hi - eps),
		    ll[2 * i + 1], &x, &y) == 0 &&
		    geo_shapes_add(sh, x, y, e) == -1)
			return -1;
	}
	return 0;
}

int
geo_shapes_add_lonlat(struct geo_shapes *sh, const struct geo_proj *p,
    const double *ll, size_t n, enum geo_part_kind kind, struct err *e)
{
	const double	 eps = 1e-7, s_hi = geo_seam_deg(p);
	const double	 s_lo = s_hi - 360.0;
	double		*u = NULL, *a = NULL, *b = NULL, umin, umax, x, y;
	size_t		 i, na, nb, cap = 2 * n + 8;
	int		 k, rc = -1, first = 1;

	if (kind == GEO_PART_POINT || kind == GEO_PART_LINE)
		return add_open(sh, p, ll, n, kind, e);
	if (n == 0)
		return 0;
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
		if (geo_shapes_begin(sh, first ? kind : GEO_PART_HOLE, e) == -1)
			goto out;
		first = 0;
		for (i = 0; i < na; i++) {
			double	 l = a[2 * i] - 360.0 * k;

			l = fmin(fmax(l, s_lo + eps), s_hi - eps);
			if (geo_fwd(p, l, a[2 * i + 1], &x, &y) == 0 &&
			    geo_shapes_add(sh, x, y, e) == -1)
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

int
geo_shapes_add_layer(struct geo_shapes *sh, const struct geo_proj *p,
    const struct geo_layer *layer, struct err *e)
{
	const struct geo_part *pt;
	size_t		 i;

	for (i = 0; i < layer->nparts; i++) {
		pt = &layer->parts[i];
		if (geo_shapes_add_lonlat(sh, p, layer->lonlat + 2 * pt->start,
		    pt->len, pt->kind, e) == -1)
			return -1;
	}
	return 0;
}

int
geo_globe_outline(struct geo_shapes *sh, const struct geo_proj *p,
    struct err *e)
{
	struct geo_shapes g;
	double		 x, y, lon, lat, w0, w1;
	int		 i, bad = 0, rc = -1;

	/* built aside, so that a globe that does not fit leaves "sh" as is */
	geo_shapes_init(&g);
	if (geo_shapes_begin(&g, GEO_PART_OUTER, e) == -1)
		goto out;
	w0 = geo_seam_deg(p) - 360.0 + 1e-7;
	w1 = geo_seam_deg(p) - 1e-7;
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
		if (geo_fwd(p, lon, lat, &x, &y) == -1)
			bad++;
		else if (geo_shapes_add(&g, x, y, e) == -1)
			goto out;
	}
	rc = 0;
	if (bad > 0)	/* the globe does not fit this projection: no outline */
		goto out;
	if (sh->npart == 0 && sh->xy == NULL) {
		geo_shapes_free(sh);
		*sh = g;
		geo_shapes_init(&g);
		goto out;
	}
	/* append to shapes that already hold something */
	if (geo_shapes_begin(sh, GEO_PART_OUTER, e) == -1) {
		rc = -1;
		goto out;
	}
	for (i = 0; (size_t)i < g.npt; i++)
		if (geo_shapes_add(sh, g.xy[2 * i], g.xy[2 * i + 1], e) == -1) {
			rc = -1;
			goto out;
		}
out:
	geo_shapes_free(&g);
	return rc;
}
