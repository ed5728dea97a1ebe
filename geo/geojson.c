/* GeoJSON (RFC 7946) through json-c into a layer kept in lon/lat degrees:
 * features in file order, each with its parts (rings, lines, points), its
 * bounding box and two string properties the caller names. */
#include <sys/stat.h>

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "common/err.h"
#include "geo/geo.h"

#define GEOJSON_MAX_BYTES (64 * 1024 * 1024)	/* a layer; the basemaps are < 1 MB */

struct gj {
	const char		*path;
	struct geo_layer	*l;
	const char		*id_prop, *name_prop;
	size_t			 capfeat, cappart, cappt;
	size_t			 feature;	/* 1-based; 0 outside a collection */
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

/* "p" with room for element n (of "size" bytes; capacity *cap, first
 * allocation "first"), or NULL when memory runs out ("p" untouched). */
static void *
grow(void *p, size_t n, size_t *cap, size_t size, size_t first)
{
	void	*np;
	size_t	 c;

	if (n < *cap)
		return p;
	c = *cap ? 2 * *cap : first;
	if (c > ((size_t)-1) / size || (np = realloc(p, c * size)) == NULL)
		return NULL;
	*cap = c;
	return np;
}

static int
feature_begin(struct gj *g, struct err *e)
{
	struct geo_feature *f;

	if ((f = grow(g->l->features, g->l->nfeatures, &g->capfeat,
	    sizeof(*f), 64)) == NULL)
		return err_set(e, ERR_NOMEM, NULL, 0, "out of memory");
	g->l->features = f;
	f = &g->l->features[g->l->nfeatures++];
	memset(f, 0, sizeof(*f));
	f->bbox[0] = f->bbox[1] = (double)INFINITY;
	f->bbox[2] = f->bbox[3] = -(double)INFINITY;
	f->part0 = g->l->nparts;
	return 0;
}

static int
part_begin(struct gj *g, enum geo_part_kind kind, struct err *e)
{
	struct geo_feature *f = &g->l->features[g->l->nfeatures - 1];
	struct geo_part	*pt;

	if ((pt = grow(g->l->parts, g->l->nparts, &g->cappart, sizeof(*pt),
	    256)) == NULL)
		return err_set(e, ERR_NOMEM, NULL, 0, "out of memory");
	g->l->parts = pt;
	pt = &g->l->parts[g->l->nparts++];
	pt->start = g->l->npoints;
	pt->len = 0;
	pt->kind = kind;
	f->nparts++;
	if (kind == GEO_PART_OUTER)
		f->polygon = 1;
	return 0;
}

static int
point_add(struct gj *g, double lon, double lat, struct err *e)
{
	struct geo_feature *f = &g->l->features[g->l->nfeatures - 1];
	double		*ll;

	if ((ll = grow(g->l->lonlat, g->l->npoints, &g->cappt,
	    2 * sizeof(*ll), 4096)) == NULL)
		return err_set(e, ERR_NOMEM, NULL, 0, "out of memory");
	g->l->lonlat = ll;
	g->l->lonlat[2 * g->l->npoints] = lon;
	g->l->lonlat[2 * g->l->npoints + 1] = lat;
	g->l->npoints++;
	g->l->parts[g->l->nparts - 1].len++;
	f->bbox[0] = fmin(f->bbox[0], lon);
	f->bbox[1] = fmin(f->bbox[1], lat);
	f->bbox[2] = fmax(f->bbox[2], lon);
	f->bbox[3] = fmax(f->bbox[3], lat);
	return 0;
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

/* One position [lon, lat, ...] appended to the current part. */
static int
gj_position(struct gj *g, json_object *pos, const char *what, struct err *e)
{
	double	 lon, lat;

	if (!is_array(pos) || json_object_array_length(pos) < 2 ||
	    !is_number(json_object_array_get_idx(pos, 0)) ||
	    !is_number(json_object_array_get_idx(pos, 1)))
		return gj_fail(g, e, "%s: a position must be an array "
		    "[longitude, latitude] of numbers", what);
	lon = json_object_get_double(json_object_array_get_idx(pos, 0));
	lat = json_object_get_double(json_object_array_get_idx(pos, 1));
	if (!isfinite(lon) || !isfinite(lat) || fabs(lon) > 360.0 ||
	    fabs(lat) > 90.0)
		return gj_fail(g, e, "%s: position (%g, %g) is not longitude, "
		    "latitude in degrees (GeoJSON uses WGS 84 lon/lat)", what,
		    lon, lat);
	return point_add(g, lon, lat, e);
}

/* An array of positions as one part. */
static int
gj_positions(struct gj *g, json_object *arr, enum geo_part_kind kind,
    size_t minpos, const char *what, struct err *e)
{
	size_t	 i, n;

	if (!is_array(arr))
		return gj_fail(g, e, "%s: coordinates must be an array of "
		    "positions", what);
	if ((n = json_object_array_length(arr)) == 0)
		return gj_fail(g, e, "%s: empty coordinates", what);
	if (n < minpos)
		return gj_fail(g, e, "%s: %zu positions (needs at least %zu)",
		    what, n, minpos);
	if (part_begin(g, kind, e) == -1)
		return -1;
	for (i = 0; i < n; i++)
		if (gj_position(g, json_object_array_get_idx(arr, i), what,
		    e) == -1)
			return -1;
	return 0;
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
		    i == 0 ? GEO_PART_OUTER : GEO_PART_HOLE, 4, "Polygon ring",
		    e) == -1)
			return -1;
	return 0;
}

/* A point (of a Point or MultiPoint): a part of length 1. */
static int
gj_point(struct gj *g, json_object *pos, const char *what, struct err *e)
{
	if (part_begin(g, GEO_PART_POINT, e) == -1)
		return -1;
	return gj_position(g, pos, what, e);
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
	if (strcmp(type, "Point") == 0)
		return gj_point(g, co, "Point", e);
	if (strcmp(type, "MultiPoint") == 0) {
		if (!is_array(co) || json_object_array_length(co) == 0)
			return gj_fail(g, e, "MultiPoint: empty coordinates");
		n = json_object_array_length(co);
		for (i = 0; i < n; i++)
			if (gj_point(g, json_object_array_get_idx(co, i),
			    "MultiPoint", e) == -1)
				return -1;
		return 0;
	}
	if (strcmp(type, "LineString") == 0)
		return gj_positions(g, co, GEO_PART_LINE, 2, "LineString", e);
	if (strcmp(type, "Polygon") == 0)
		return gj_polygon(g, co, e);
	/* MultiLineString, MultiPolygon: an array of the single kind */
	if (!is_array(co) || (n = json_object_array_length(co)) == 0)
		return gj_fail(g, e, "%s: empty coordinates", type);
	for (i = 0; i < n; i++) {
		json_object	*c = json_object_array_get_idx(co, i);

		if (strcmp(type, "MultiLineString") == 0 ?
		    gj_positions(g, c, GEO_PART_LINE, 2, "MultiLineString", e) :
		    gj_polygon(g, c, e))
			return -1;
	}
	return 0;
}

/* The value of property "name" as text into buf (size n): strings as
 * they are, integral numbers as digits, "" when absent or null. A name
 * missing from "properties" is looked up among the Feature's members. */
static void
prop_copy(json_object *f, const char *name, char *buf, size_t n)
{
	json_object	*props, *v = NULL;
	double		 d;

	buf[0] = '\0';
	if (name == NULL)
		return;
	if (!json_object_object_get_ex(f, "properties", &props) ||
	    !json_object_is_type(props, json_type_object) ||
	    !json_object_object_get_ex(props, name, &v))
		v = NULL;
	if (v == NULL && !json_object_object_get_ex(f, name, &v))
		v = NULL;
	switch (json_object_get_type(v)) {
	case json_type_string:
		snprintf(buf, n, "%s", json_object_get_string(v));
		break;
	case json_type_int:
		snprintf(buf, n, "%lld", (long long)json_object_get_int64(v));
		break;
	case json_type_double:
		d = json_object_get_double(v);
		if (isfinite(d) && !(fabs(d - floor(d)) > 0.0) && fabs(d) < 1e15)
			snprintf(buf, n, "%.0f", d);
		else
			snprintf(buf, n, "%.15g", d);
		break;
	case json_type_boolean:
		snprintf(buf, n, "%s", json_object_get_boolean(v) ? "true" :
		    "false");
		break;
	default:	/* null, absent, object, array */
		break;
	}
}

static int
gj_feature(struct gj *g, json_object *f, struct err *e)
{
	struct geo_feature *feat;
	json_object	*t, *geom;

	if (!json_object_is_type(f, json_type_object) ||
	    !json_object_object_get_ex(f, "type", &t) ||
	    !json_object_is_type(t, json_type_string) ||
	    strcmp(json_object_get_string(t), "Feature") != 0)
		return gj_fail(g, e, "not a Feature object");
	if (!json_object_object_get_ex(f, "geometry", &geom))
		return gj_fail(g, e, "Feature without a \"geometry\"");
	if (feature_begin(g, e) == -1)
		return -1;
	feat = &g->l->features[g->l->nfeatures - 1];
	prop_copy(f, g->id_prop, feat->id, sizeof(feat->id));
	prop_copy(f, g->name_prop, feat->name, sizeof(feat->name));
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

int
geo_layer_load(const char *path, const char *id_prop, const char *name_prop,
    struct geo_layer *out, struct err *e)
{
	struct gj	 g;
	json_object	*root, *t, *feats;
	const char	*type;
	size_t		 i, n;
	int		 rc = -1;

	memset(out, 0, sizeof(*out));
	memset(&g, 0, sizeof(g));
	g.path = path;
	g.l = out;
	g.id_prop = id_prop;
	g.name_prop = name_prop;
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
	} else if (feature_begin(&g, e) == -1 ||
	    gj_geometry(&g, root, 0, e) == -1) {
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

void
geo_layer_free(struct geo_layer *l)
{
	if (l == NULL)
		return;
	free(l->features);
	free(l->parts);
	free(l->lonlat);
	memset(l, 0, sizeof(*l));
}
