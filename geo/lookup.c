/* A site's county, AVERT region, Cambium GEA and EASIUR cell.
 *
 * The outlines are read from geo/data/us-counties.txt and avert-regions.txt
 * (one feature a line: id, name, bounding box, rings; written with the
 * GeoJSON files by scripts/make-geodata), not from the GeoJSON: a lookup
 * reads every feature's box and parses the rings of the few features whose
 * box holds the point, then tests them with geo_layer_find() or
 * geo_layer_nearest() (geo/place.c), so the answer is the one the GeoJSON
 * layers give (tests/test_lookup.c checks this on a grid over the US). */
#include <sys/mman.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/data.h"
#include "common/err.h"
#include "geo/geo.h"
#include "geo/gea.h"
#include "geo/lookup.h"

/* One line of a text layer: its id, name and box, its rings unparsed. */
struct tfeature {
	char		 id[32];
	char		 name[96];
	double		 bbox[4];	/* lon_min, lat_min, lon_max, lat_max */
	const char	*rings;		/* the ring fields, up to the '\n' */
	int		 line;		/* in the file, for messages */
};

struct tlayer {
	char		 path[1024];
	const char	*map;		/* the file, mapped (read-only) */
	size_t		 len;
	struct tfeature	*f;
	size_t		 n;
};

struct geo_places {
	pthread_mutex_t	 lock;
	int		 state;		/* 0 not loaded, 1 loaded, -1 failed */
	struct err	 err;		/* the failure, when state is -1 */
	struct tlayer	 counties;	/* id: fips, name: county name */
	struct tlayer	 avert;		/* id: region code */
	struct geo_gea	*gea;
	struct geo_proj	*easiur;	/* lon/lat -> EASIUR grid metres */
};

/* ANSI/FIPS state codes (US Census Bureau, "State FIPS codes", FIPS 5-2;
 * https://www.census.gov/library/reference/code-lists/ansi.html). */
static const struct { const char *fips, *postal; } states[] = {
	{ "01", "AL" }, { "02", "AK" }, { "04", "AZ" }, { "05", "AR" },
	{ "06", "CA" }, { "08", "CO" }, { "09", "CT" }, { "10", "DE" },
	{ "11", "DC" }, { "12", "FL" }, { "13", "GA" }, { "15", "HI" },
	{ "16", "ID" }, { "17", "IL" }, { "18", "IN" }, { "19", "IA" },
	{ "20", "KS" }, { "21", "KY" }, { "22", "LA" }, { "23", "ME" },
	{ "24", "MD" }, { "25", "MA" }, { "26", "MI" }, { "27", "MN" },
	{ "28", "MS" }, { "29", "MO" }, { "30", "MT" }, { "31", "NE" },
	{ "32", "NV" }, { "33", "NH" }, { "34", "NJ" }, { "35", "NM" },
	{ "36", "NY" }, { "37", "NC" }, { "38", "ND" }, { "39", "OH" },
	{ "40", "OK" }, { "41", "OR" }, { "42", "PA" }, { "44", "RI" },
	{ "45", "SC" }, { "46", "SD" }, { "47", "TN" }, { "48", "TX" },
	{ "49", "UT" }, { "50", "VT" }, { "51", "VA" }, { "53", "WA" },
	{ "54", "WV" }, { "55", "WI" }, { "56", "WY" }, { "72", "PR" },
};

const char *
geo_state_postal(const char *fips2)
{
	size_t	 i;

	for (i = 0; i < sizeof(states) / sizeof(states[0]); i++)
		if (strncmp(states[i].fips, fips2, 2) == 0)
			return states[i].postal;
	return NULL;
}

/* ------------------------------------------------------------------ */
/* Text layers */

/* Powers of ten that are exact doubles. */
static const double pow10s[] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7,
	1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15 };

/* The number at "s", as strtod() reads it; *end just past it (== s when
 * there is none). A plain decimal of at most 15 digits is m / 10^k with
 * m and 10^k exact doubles, and IEEE division rounds m / 10^k correctly,
 * as strtod() rounds the decimal: the same double, without strtod()'s
 * cost. Anything else (exponents, "inf", long digit strings) goes to
 * strtod(). */
static double
num(const char *s, const char **end)
{
	const char	*p = s;
	uint64_t	 m = 0;
	int		 nd = 0, frac = -1;
	double		 v;
	char		*e;

	if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
		*end = s;	/* strtod() would skip to the next line */
		return 0.0;
	}
	if (*p == '-')
		p++;
	for (;; p++) {
		if (*p >= '0' && *p <= '9') {
			if (nd == 15)
				goto slow;
			m = m * 10 + (uint64_t)(*p - '0');
			nd++;
			if (frac >= 0)
				frac++;
		} else if (*p == '.' && frac < 0)
			frac = 0;
		else
			break;
	}
	if (nd == 0 || *p == 'e' || *p == 'E')
		goto slow;
	v = (double)m;
	if (frac > 0)
		v /= pow10s[frac];
	*end = p;
	return *s == '-' ? -v : v;
slow:
	v = strtod(s, &e);
	*end = e;
	return v;
}

/* Map the file: only the pages a lookup touches are read, and none is
 * copied (reading 2 MB into fresh memory costs more in page faults than
 * the lookup itself). */
static int
map_file(struct tlayer *t, struct err *e)
{
	struct stat	 st;
	void		*m;
	int		 fd;

	if ((fd = open(t->path, O_RDONLY | O_CLOEXEC)) == -1)
		return err_set(e, ERR_IO, t->path, 0, "cannot read: %s",
		    strerror(errno));
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode) || st.st_size == 0) {
		close(fd);
		return err_set(e, ERR_IO, t->path, 0, "cannot read: %s",
		    errno != 0 ? strerror(errno) : "not a regular file");
	}
	m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (m == MAP_FAILED)
		return err_set(e, ERR_IO, t->path, 0, "cannot read: %s",
		    strerror(errno));
	t->map = m;
	t->len = (size_t)st.st_size;
	/* every scan below stops at a '\n' */
	if (t->map[t->len - 1] != '\n')
		return err_set(e, ERR_CONFIG, t->path, 0, "the last line does "
		    "not end with a newline");
	return 0;
}

/* Copy the field at *pp up to the next tab (before "end") into buf (size
 * n) and step past the tab; -1 when there is no tab or the field is empty
 * or long. */
static int
field(const char **pp, const char *end, char *buf, size_t n)
{
	const char *t = memchr(*pp, '\t', (size_t)(end - *pp));
	size_t	 len;

	if (t == NULL || (len = (size_t)(t - *pp)) == 0 || len >= n)
		return -1;
	memcpy(buf, *pp, len);
	buf[len] = '\0';
	*pp = t + 1;
	return 0;
}

/* Read the layer's lines: id, name and box of each feature. */
static int
tlayer_load(struct tlayer *t, const char *rel, struct err *e)
{
	struct tfeature	*f;
	const char	*p, *line, *nl, *end, *stop = NULL;
	size_t		 cap = 0;
	int		 lineno = 0, k;

	data_path(rel, t->path, sizeof(t->path));
	if (map_file(t, e) == -1)
		return -1;
	stop = t->map + t->len;
	for (p = t->map; p < stop; p = nl + 1) {
		line = p;
		lineno++;
		nl = memchr(p, '\n', (size_t)(stop - p));	/* not NULL */
		if (line[0] == '#' || line == nl)
			continue;
		if (t->n == cap) {
			cap = cap ? 2 * cap : 4096;
			if ((f = realloc(t->f, cap * sizeof(*f))) == NULL)
				return err_set(e, ERR_NOMEM, t->path, 0,
				    "out of memory");
			t->f = f;
		}
		f = &t->f[t->n++];
		f->line = lineno;
		if (field(&line, nl, f->id, sizeof(f->id)) == -1 ||
		    field(&line, nl, f->name, sizeof(f->name)) == -1)
			return err_set(e, ERR_CONFIG, t->path, lineno,
			    "expected an id and a name, each followed by a tab");
		for (k = 0; k < 4; k++) {
			f->bbox[k] = num(line, &end);
			if (end == line || (*end != (k < 3 ? ' ' : '\t') &&
			    !(k == 3 && *end == '\n')) || isnan(f->bbox[k]))
				return err_set(e, ERR_CONFIG, t->path, lineno,
				    "expected a bounding box \"lon_min lat_min "
				    "lon_max lat_max\" after the name");
			line = end + 1;
		}
		f->rings = *end == '\n' ? end : line;
	}
	if (t->n == 0)
		return err_set(e, ERR_CONFIG, t->path, 0, "no features");
	return 0;
}

static void
tlayer_free(struct tlayer *t)
{
	if (t->map != NULL)
		munmap((void *)(uintptr_t)t->map, t->len);
	free(t->f);
	memset(t, 0, sizeof(*t));
}

/* "p" with room for element n (of "size" bytes, capacity *cap), or NULL
 * when memory runs out ("p" untouched). */
static void *
grow(void *p, size_t n, size_t *cap, size_t size)
{
	void	*np;
	size_t	 c;

	if (n < *cap)
		return p;
	c = *cap ? 2 * *cap : 64;
	if ((np = realloc(p, c * size)) == NULL)
		return NULL;
	*cap = c;
	return np;
}

/* A layer of a few features parsed from the text, for geo/place.c. */
struct sub {
	struct geo_layer l;
	size_t		 capf, capp, capll, capi;
	size_t		*index;		/* sub feature i is text feature index[i] */
};

static void
sub_free(struct sub *s)
{
	geo_layer_free(&s->l);
	free(s->index);
}

/* Append text feature "i" of "t" with its rings, as geo_layer_load() reads
 * a polygon (the box from the points, as geojson.c's point_add() makes
 * it; it must equal the box in the file). */
static int
sub_add(struct sub *s, const struct tlayer *t, size_t i, struct err *e)
{
	const struct tfeature *tf = &t->f[i];
	struct geo_feature *f;
	struct geo_part	*pt;
	const char	*p = tf->rings, *end;
	double		 lon, lat, *ll;
	size_t		*ix;

	if ((f = grow(s->l.features, s->l.nfeatures, &s->capf,
	    sizeof(*f))) == NULL)
		return err_set(e, ERR_NOMEM, NULL, 0, "out of memory");
	s->l.features = f;
	if ((ix = grow(s->index, s->l.nfeatures, &s->capi,
	    sizeof(*ix))) == NULL)
		return err_set(e, ERR_NOMEM, NULL, 0, "out of memory");
	s->index = ix;
	s->index[s->l.nfeatures] = i;
	f = &s->l.features[s->l.nfeatures++];
	memset(f, 0, sizeof(*f));
	snprintf(f->id, sizeof(f->id), "%s", tf->id);
	snprintf(f->name, sizeof(f->name), "%s", tf->name);
	f->bbox[0] = f->bbox[1] = (double)INFINITY;
	f->bbox[2] = f->bbox[3] = -(double)INFINITY;
	f->part0 = s->l.nparts;
	while (*p != '\n') {
		if ((p[0] != 'O' && p[0] != 'H') || p[1] != ' ')
			return err_set(e, ERR_CONFIG, t->path, tf->line,
			    "feature %s: a ring must start with \"O \" or "
			    "\"H \"", tf->id);
		if ((pt = grow(s->l.parts, s->l.nparts, &s->capp,
		    sizeof(*pt))) == NULL)
			return err_set(e, ERR_NOMEM, NULL, 0, "out of memory");
		s->l.parts = pt;
		pt = &s->l.parts[s->l.nparts++];
		pt->kind = p[0] == 'O' ? GEO_PART_OUTER : GEO_PART_HOLE;
		pt->start = s->l.npoints;
		pt->len = 0;
		f->nparts++;
		if (pt->kind == GEO_PART_OUTER)
			f->polygon = 1;
		p += 2;
		for (;;) {
			lon = num(p, &end);
			if (end == p || *end != ' ')
				goto bad;
			p = end + 1;
			lat = num(p, &end);
			if (end == p || !isfinite(lon) || !isfinite(lat))
				goto bad;
			if ((ll = grow(s->l.lonlat, s->l.npoints, &s->capll,
			    2 * sizeof(*ll))) == NULL)
				return err_set(e, ERR_NOMEM, NULL, 0,
				    "out of memory");
			s->l.lonlat = ll;
			s->l.lonlat[2 * s->l.npoints] = lon;
			s->l.lonlat[2 * s->l.npoints + 1] = lat;
			s->l.npoints++;
			pt->len++;
			f->bbox[0] = fmin(f->bbox[0], lon);
			f->bbox[1] = fmin(f->bbox[1], lat);
			f->bbox[2] = fmax(f->bbox[2], lon);
			f->bbox[3] = fmax(f->bbox[3], lat);
			p = end;
			if (*p == ' ') {
				p++;
				continue;
			}
			if (*p == '\t')
				p++;
			else if (*p != '\n')
				goto bad;
			break;
		}
		if (pt->len < 4)
			return err_set(e, ERR_CONFIG, t->path, tf->line,
			    "feature %s: a ring of %zu points (needs at least "
			    "4)", tf->id, pt->len);
	}
	if (memcmp(f->bbox, tf->bbox, sizeof(f->bbox)) != 0)
		return err_set(e, ERR_CONFIG, t->path, tf->line, "feature %s: "
		    "the bounding box is not that of the rings", tf->id);
	return 0;
bad:
	return err_set(e, ERR_CONFIG, t->path, tf->line, "feature %s: a ring "
	    "must be lon lat pairs of numbers separated by spaces", tf->id);
}

/* The index of the first feature of "t" containing (lon, lat), or -1 (-2
 * with "e" on a parse failure): geo_layer_find() over the features whose
 * box holds the point (it tests the box first, so the others would not
 * be found anyway). */
static long
tlayer_find(const struct tlayer *t, double lon, double lat, struct err *e)
{
	struct sub	 s;
	size_t		 i;
	long		 k = -1;

	if (!isfinite(lon) || !isfinite(lat))
		return -1;	/* in no polygon; and no box would skip it */
	memset(&s, 0, sizeof(s));
	for (i = 0; i < t->n; i++) {
		const double *b = t->f[i].bbox;

		if (lon < b[0] || lon > b[2] || lat < b[1] || lat > b[3])
			continue;
		if (sub_add(&s, t, i, e) == -1) {
			k = -2;
			goto out;
		}
	}
	if (s.l.nfeatures > 0 && (k = geo_layer_find(&s.l, lon, lat)) >= 0)
		k = (long)s.index[k];
out:
	sub_free(&s);
	return k;
}

/* The feature of "t" nearest to (lon, lat) within max_km, as
 * geo_layer_nearest() finds it in the whole layer: the first feature
 * containing the point (at 0 km) when there is one, else the nearest of
 * those whose box comes near the point. The margin here is wider than
 * geo_layer_nearest()'s own box test (1.05 x max_km), so every feature it
 * would look at is passed to it, in the same order. -1 when none, -2 with
 * "e" on a parse failure. */
static long
tlayer_nearest(const struct tlayer *t, double lon, double lat, double max_km,
    double *dist_km, struct err *e)
{
	struct sub	 s;
	double		 mlat, mlon, c;
	size_t		 i;
	long		 k;

	if (!(max_km >= 0.0) || !isfinite(lon) || !isfinite(lat))
		return -1;
	if ((k = tlayer_find(t, lon, lat, e)) != -1) {
		if (k >= 0)
			*dist_km = 0.0;
		return k;
	}
	mlat = 2.0 * max_km / 110.0 + 0.01;	/* km per degree > 110 */
	c = cos(fmin(89.0, fabs(lat) + mlat) * M_PI / 180.0);
	mlon = c > 1e-3 ? mlat / c : 360.0;
	memset(&s, 0, sizeof(s));
	for (i = 0; i < t->n; i++) {
		const double *b = t->f[i].bbox;

		if (!(b[0] <= b[2]) || lat < b[1] - mlat || lat > b[3] + mlat)
			continue;
		if (mlon < 180.0 && (lon < b[0] || lon > b[2]) &&
		    fabs(remainder(lon - b[0], 360.0)) > mlon &&
		    fabs(remainder(lon - b[2], 360.0)) > mlon)
			continue;
		if (sub_add(&s, t, i, e) == -1) {
			sub_free(&s);
			return -2;
		}
	}
	k = -1;
	if (s.l.nfeatures > 0 && (k = geo_layer_nearest(&s.l, lon, lat,
	    max_km, dist_km)) >= 0)
		k = (long)s.index[k];
	sub_free(&s);
	return k;
}

/* ------------------------------------------------------------------ */
/* Places */

struct geo_places *
geo_places_load(struct err *e)
{
	struct geo_places *g;

	if ((g = calloc(1, sizeof(*g))) == NULL) {
		err_set(e, ERR_NOMEM, NULL, 0, "out of memory");
		return NULL;
	}
	if (pthread_mutex_init(&g->lock, NULL) != 0) {
		free(g);
		err_set(e, ERR_NOMEM, NULL, 0, "cannot create a mutex");
		return NULL;
	}
	return g;
}

/* The files, read on the first lookup (under g->lock). */
static int
places_read(struct geo_places *g, struct err *e)
{
	char	 path[1024];

	if (tlayer_load(&g->counties, "geo/data/us-counties.txt", e) == -1 ||
	    tlayer_load(&g->avert, "geo/data/avert-regions.txt", e) == -1)
		return -1;
	data_path("geo/data/county-gea.csv", path, sizeof(path));
	return geo_gea_load(path, &g->gea, e);
}

static int
places_ready(struct geo_places *g, struct err *e)
{
	int	 state;

	pthread_mutex_lock(&g->lock);
	if (g->state == 0) {
		err_clear(&g->err);
		g->state = places_read(g, &g->err) == 0 ? 1 : -1;
	}
	state = g->state;
	pthread_mutex_unlock(&g->lock);
	if (state == 1)
		return 0;
	*e = g->err;
	return -1;
}

void
geo_places_free(struct geo_places *g)
{
	if (g == NULL)
		return;
	tlayer_free(&g->counties);
	tlayer_free(&g->avert);
	geo_gea_free(g->gea);
	geo_proj_free(g->easiur);
	pthread_mutex_destroy(&g->lock);
	free(g);
}

/* The cell of (lon, lat) through "p" (GEO_EASIUR_LONLAT -> GEO_EASIUR_CRS):
 * 1 inside the grid, else 0. */
static int
easiur_cell(const struct geo_proj *p, double lon, double lat, int *x, int *y)
{
	double		 xm, ym, cx, cy;

	if (geo_fwd(p, lon, lat, &xm, &ym) == -1)
		return 0;
	/* EASIUR's sample code: continuous grid coordinates x_m / 36 km + 1
	 * from the domain's south-west corner; the cell is their floor */
	cx = floor(xm / GEO_EASIUR_CELL_M + 1.0);
	cy = floor(ym / GEO_EASIUR_CELL_M + 1.0);
	if (cx < 1.0 || cx > GEO_EASIUR_NX || cy < 1.0 || cy > GEO_EASIUR_NY)
		return 0;
	*x = (int)cx;
	*y = (int)cy;
	return 1;
}

int
geo_easiur_cell(double lon, double lat, int *x, int *y, struct err *e)
{
	struct geo_proj	*p;
	int		 rc;

	if ((p = geo_proj_new(GEO_EASIUR_LONLAT, GEO_EASIUR_CRS, e)) == NULL)
		return -1;
	rc = easiur_cell(p, lon, lat, x, y);
	geo_proj_free(p);
	return rc;
}

int
geo_place_find_regions(struct geo_places *g, double lon, double lat,
    struct geo_place *out, struct err *e)
{
	const struct tfeature *f;
	const char	*st, *gea;
	long		 k;

	memset(out, 0, sizeof(*out));
	if (places_ready(g, e) == -1)
		return -1;
	if ((k = tlayer_find(&g->counties, lon, lat, e)) == -2)
		return -1;
	if (k >= 0) {
		f = &g->counties.f[k];
		snprintf(out->county_fips, sizeof(out->county_fips), "%s", f->id);
		snprintf(out->county_name, sizeof(out->county_name), "%s", f->name);
		if ((st = geo_state_postal(f->id)) != NULL)
			snprintf(out->county_state, sizeof(out->county_state),
			    "%s", st);
		/* the Cambium crosswalk keeps Shannon County, SD (46113),
		 * renamed Oglala Lakota (46102) in 2015 (Census Bureau,
		 * "Substantial Changes to Counties", 2015) */
		gea = geo_gea_for_county(g->gea, strcmp(f->id, "46102") == 0 ?
		    "46113" : f->id);
		if (gea != NULL)
			snprintf(out->gea, sizeof(out->gea), "%s", gea);
	}
	if ((k = tlayer_nearest(&g->avert, lon, lat, GEO_AVERT_NEAREST_KM,
	    &out->avert_dist_km, e)) == -2)
		return -1;
	if (k >= 0)
		snprintf(out->avert, sizeof(out->avert), "%s",
		    g->avert.f[k].id);
	return 0;
}

int
geo_place_find(struct geo_places *g, double lon, double lat,
    struct geo_place *out, struct err *e)
{
	struct geo_proj	*p;

	if (geo_place_find_regions(g, lon, lat, out, e) == -1)
		return -1;
	/* the projection once per geo_places (PROJ's set-up costs more than
	 * all the rest of a lookup) */
	pthread_mutex_lock(&g->lock);
	if (g->easiur == NULL)
		g->easiur = geo_proj_new(GEO_EASIUR_LONLAT, GEO_EASIUR_CRS, e);
	p = g->easiur;
	pthread_mutex_unlock(&g->lock);
	if (p == NULL)
		return -1;
	easiur_cell(p, lon, lat, &out->easiur_x, &out->easiur_y);
	return 0;
}
