/* Maps: sites as circles (area = facility power, colour = CO2e intensity)
 * on a projected basemap. GeoJSON through json-c, projection through PROJ
 * (EPSG:4326 normalised to lon, lat), drawing through cairo. */
#include <sys/stat.h>

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>

#include "common/data.h"
#include "common/err.h"
#include "geo/geo.h"
#include "geo/lookup.h"
#include "plots/internal.h"
#include "plots/map.h"
#include "sites/site.h"

#define TITLE		"AI data centers: facility power and CO2e intensity"
#define NO_RGB		0x1000000u	/* draw_polygons(): no fill, line */

static void
map_free(struct map *m)
{
	int	 i;

	geo_proj_free(m->proj);
	m->proj = NULL;
	geo_shapes_free(&m->base);
	geo_shapes_free(&m->sphere);
	for (i = 0; i < MAP_MAX_LAYERS; i++)	/* a layer that failed half-read */
		geo_shapes_free(&m->layers[i]);
	map_surface_free(&m->surf);
	free(m->s);
	m->s = NULL;
}

/* The automatic CRS (geo_auto_crs()) for the sites. */
static const char *
auto_crs(const struct plot_site *ps, int n)
{
	int	 i;

	for (i = 0; i < n; i++)
		if (!geo_in_conus(ps[i].site->lat_deg, ps[i].site->lon_deg))
			return GEO_CRS_WORLD;
	return GEO_CRS_US;
}

/* A GeoJSON file projected into "sh"; ERR_CONFIG with the path. */
static int
load_shapes(const char *path, const struct geo_proj *p, struct geo_shapes *sh,
    struct err *e)
{
	struct geo_layer layer;
	int		 rc = -1;

	if (geo_layer_load(path, NULL, NULL, &layer, e) == -1)
		goto out;
	if (geo_shapes_add_layer(sh, p, &layer, e) == -1)
		goto out;
	rc = 0;
out:
	geo_layer_free(&layer);
	return rc;
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
		m->cap_mw = map_nice_num(top, 1);
	}
	free(p);
	for (i = 0; i < m->n; i++) {
		struct map_site	*s = &m->s[i];

		if (!(isfinite(s->mw) && s->mw > 0.0))
			s->r = m->rmin;
		else if (s->mw > m->cap_mw * (1.0 + 1e-9)) {
			s->capped = 1;
			s->r = 1.2 * m->rmax;
		} else
			s->r = fmax(m->rmin, m->rmax * sqrt(s->mw / m->cap_mw));
	}
}

/* One --layer value: a damage surface by name (MAP_DAMAGE_NAMES) or a
 * GeoJSON file. A value that is neither is bad usage, with the names. */
static int
add_layer(struct map *m, const char *layer, const struct plot_site *ps,
    int n, const struct plot_opts *o, struct err *e)
{
	struct stat	 st;

	if (map_damage_species(layer) != -1) {
		if (m->surf.name != NULL)
			return err_set(e, ERR_USAGE, NULL, 0, "--layer %s: one "
			    "damage layer at a time (%s given already)", layer,
			    m->surf.name);
		return map_surface_load(&m->surf, layer, ps, n, o, m->proj, e);
	}
	if (stat(layer, &st) == -1 && errno == ENOENT)
		return err_set(e, ERR_USAGE, NULL, 0, "--layer \"%s\": no such "
		    "file, and not a known layer name (known: %s)", layer,
		    MAP_DAMAGE_NAMES);
	if (m->nlayers == MAP_MAX_LAYERS)
		return err_set(e, ERR_USAGE, NULL, 0, "at most %d GeoJSON "
		    "layers", MAP_MAX_LAYERS);
	if (load_shapes(layer, m->proj, &m->layers[m->nlayers], e) == -1)
		return -1;
	m->nlayers++;
	return 0;
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
	int		 i, pass;

	memset(m, 0, sizeof(*m));
	geo_shapes_init(&m->base);
	geo_shapes_init(&m->sphere);
	for (i = 0; i < MAP_MAX_LAYERS; i++)
		geo_shapes_init(&m->layers[i]);
	m->n = n;
	m->compact = compact;
	m->world = strcmp(auto_crs(ps, n), GEO_CRS_WORLD) == 0;
	crs = o != NULL && o->projection != NULL && o->projection[0] != '\0' ?
	    o->projection : m->world ? GEO_CRS_WORLD : GEO_CRS_US;
	if ((m->proj = geo_proj_new(GEO_CRS_LONLAT, crs, e)) == NULL)
		return -1;
	/* a regional CRS asked for sites outside its area of use would
	 * smear the land across the map: refused, with the area named */
	for (i = 0; crs == (o != NULL ? o->projection : NULL) && i < n; i++) {
		double	 a[4];
		const char *an = "";

		if (geo_proj_in_area(m->proj, ps[i].site->lon_deg,
		    ps[i].site->lat_deg, 5.0) ||
		    !geo_proj_area_of_use(m->proj, a, &an))
			continue;
		return err_set(e, ERR_PROJ, NULL, 0, "projection \"%s\": site "
		    "\"%s\" (%.2f, %.2f) is outside its area of use, %s (lon "
		    "%.1f to %.1f, lat %.1f to %.1f); use a world projection "
		    "such as %s", crs, ps[i].site->name, ps[i].site->lat_deg,
		    ps[i].site->lon_deg, an, a[0], a[2], a[1], a[3],
		    GEO_CRS_WORLD);
	}
	data_path(m->world ? "plots/basemap/world-countries.geojson" :
	    "plots/basemap/us-states.geojson", path, sizeof(path));
	if (load_shapes(path, m->proj, &m->base, e) == -1)
		return -1;
	if (m->world && geo_globe_outline(&m->sphere, m->proj, e) == -1)
		return -1;
	for (i = 0; o != NULL && i < o->nlayers; i++)
		if (add_layer(m, o->layers[i], ps, n, o, e) == -1)
			return -1;
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
		struct map_site	*s = &m->s[i];

		s->mw = ps[i].res->est.facility_mw;
		s->intensity = ps[i].res->intensity_kg_per_mwh;
		if (isfinite(s->intensity) && s->intensity > m->imax)
			m->imax = ceil(s->intensity / 250.0) * 250.0;
		if (geo_fwd(m->proj, ps[i].site->lon_deg, ps[i].site->lat_deg,
		    &s->x_m, &s->y_m) == -1)
			continue;
		s->ok = 1;
		m->nshown++;
		bx0 = fmin(bx0, s->x_m);
		bx1 = fmax(bx1, s->x_m);
		by0 = fmin(by0, s->y_m);
		by1 = fmax(by1, s->y_m);
	}
	for (i = 0; i < n; i++) {
		int	 cx, cy, in;

		m->s[i].damage_usd_per_t = (double)NAN;
		if (m->surf.name == NULL)
			continue;
		if ((in = geo_easiur_cell(ps[i].site->lon_deg,
		    ps[i].site->lat_deg, &cx, &cy, e)) == -1)
			return -1;
		if (in == 1)
			m->s[i].damage_usd_per_t = m->surf.usd_per_t[
			    (size_t)(cy - 1) * EASIUR_NX + (size_t)(cx - 1)];
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
	if (m->surf.name != NULL)	/* the surface's credit line */
		credits += compact ? 16.0 : 10.0;
	gap = compact ? 8.0 : 14.0;
	m->lw = compact ? fmin(118.0, 0.3 * w) : fmin(160.0, 0.3 * w);
	aw = w - m->lw - gap;
	ah = h - top - credits;
	/* the frame, then the circles; a circle that would reach past the
	 * frame (a site at the basemap's edge, a polar site) widens the
	 * extent on that side, and the layout is made again */
	for (pass = 0; pass < 4; pass++) {
		double	 grow[4] = { 0.0, 0.0, 0.0, 0.0 };	/* l r t b */

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
			m->s[i].px = m->bx + m->bw / 2.0 + (m->s[i].x_m -
			    m->cx_m) * m->k;
			m->s[i].py = m->by + m->bh / 2.0 - (m->s[i].y_m -
			    m->cy_m) * m->k;
		}
		size_symbols(m);
		for (i = 0; i < n; i++) {
			const struct map_site *s = &m->s[i];

			if (!s->ok)
				continue;
			grow[0] = fmax(grow[0], m->bx - (s->px - s->r) + 2.0);
			grow[1] = fmax(grow[1], s->px + s->r - (m->bx + m->bw) +
			    2.0);
			grow[2] = fmax(grow[2], m->by - (s->py - s->r) + 2.0);
			grow[3] = fmax(grow[3], s->py + s->r - (m->by + m->bh) +
			    2.0);
		}
		if (grow[0] <= 0.0 && grow[1] <= 0.0 && grow[2] <= 0.0 &&
		    grow[3] <= 0.0)
			break;
		bx0 -= fmax(grow[0], 0.0) / m->k;
		bx1 += fmax(grow[1], 0.0) / m->k;
		by1 += fmax(grow[2], 0.0) / m->k;
		by0 -= fmax(grow[3], 0.0) / m->k;
	}
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

/* Polygons filled (even-odd, holes cut) and/or outlined (NO_RGB: not);
 * lines stroked; points as small squares. */
static void
path_parts(cairo_t *cr, const struct map *m, const struct geo_shapes *sh,
    size_t from, size_t to)
{
	size_t	 i, k;
	double	 px, py;

	for (i = from; i < to; i++) {
		const struct geo_part *pt = &sh->parts[i];
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
		if (pt->kind == GEO_PART_OUTER || pt->kind == GEO_PART_HOLE)
			cairo_close_path(cr);
	}
}

static void
draw_polygons(cairo_t *cr, const struct map *m, const struct geo_shapes *sh,
    unsigned fill, unsigned line, double lw)
{
	size_t	 i, j;

	cairo_save(cr);
	cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
	cairo_set_line_width(cr, lw);
	/* one path per polygon (outer ring + its holes) */
	for (i = 0; i < sh->npart; i = j) {
		for (j = i + 1; j < sh->npart && sh->parts[j].kind == GEO_PART_HOLE;
		    j++)
			continue;
		if (sh->parts[i].kind != GEO_PART_OUTER)
			continue;
		path_parts(cr, m, sh, i, j);
		if (fill != NO_RGB) {
			plot_set_rgb(cr, fill);
			cairo_fill_preserve(cr);
		}
		if (line != NO_RGB) {
			plot_set_rgb(cr, line);
			cairo_stroke(cr);
		}
		cairo_new_path(cr);
	}
	cairo_restore(cr);
}

/* A user layer: outlines, lines and point marks, in one dark colour. */
static void
draw_layer(cairo_t *cr, const struct map *m, const struct geo_shapes *sh)
{
	size_t	 i;
	double	 px, py;

	cairo_save(cr);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
	cairo_set_line_width(cr, m->compact ? 0.6 : 0.8);
	plot_set_rgb(cr, 0x0072b2u);
	for (i = 0; i < sh->npart; i++) {
		if (sh->parts[i].kind == GEO_PART_POINT) {
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
	lon0 = m->world ? geo_seam_deg(m->proj) - 360.0 + 1e-7 : -130.0;
	lon1 = m->world ? geo_seam_deg(m->proj) - 1e-7 : -60.0;
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
			    geo_seam_deg(m->proj), 360.0)) < 1e-6)
				continue;	/* the seam is the outline */
			pen = 0;
			for (t = b0; t <= b1 + 1e-9; t += db) {
				if (geo_fwd(m->proj, dir == 0 ? v : t,
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

static void
draw_circle(cairo_t *cr, const struct map *m, double x, double y, double r,
    double kg_per_mwh, int dashed)
{
	static const double dash[] = { 2.5, 1.5 };

	cairo_save(cr);
	cairo_new_path(cr);
	cairo_arc(cr, x, y, r, 0.0, 2.0 * M_PI);
	/* opaque over a damage surface: a see-through circle would take
	 * the surface's colour and misstate the site's intensity */
	map_set_intensity(cr, m, kg_per_mwh, m->surf.name != NULL ? 1.0 : 0.78);
	cairo_fill_preserve(cr);
	plot_set_rgb(cr, PLOT_INK);
	cairo_set_line_width(cr, m->compact ? 0.6 : 0.8);
	if (dashed)
		cairo_set_dash(cr, dash, 2, 0.0);
	cairo_stroke(cr);
	cairo_restore(cr);
}

/* "PM2.5" (primary, EASIUR's PEC), "SO2", "NOx". */
static const char *
damage_label(const struct map_surface *sf)
{
	return sf->species == EASIUR_PEC ? "PM2.5" : sf->species == EASIUR_SO2 ?
	    "SO\xe2\x82\x82" : "NO\xe2\x82\x93";
}

/* The layout check (DCIMPACT_CHECK_TEXT set, as for reports): a box drawn
 * over the circles (the scale bar, the note, a label) must leave every
 * marker visible: none may reach into a circle (the bar, the note) or
 * cover a marker's centre (a label: labels may touch other circles). A
 * circle must also lie inside the frame. -1 with "e" (ERR_IO) naming the
 * first marker hidden. */
static int
map_check(const struct map *m, const struct plot_site *ps,
    const struct map_overlays *ov, struct err *e)
{
	int	 i, j;

	if (getenv("DCIMPACT_CHECK_TEXT") == NULL || ov->lab == NULL)
		return 0;
	for (i = 0; i < m->n; i++) {
		const struct map_site *s = &m->s[i];
		const char *what = NULL;

		if (!s->ok)
			continue;
		if (s->px - s->r < m->bx - 0.5 || s->px + s->r > m->bx +
		    m->bw + 0.5 || s->py - s->r < m->by - 0.5 ||
		    s->py + s->r > m->by + m->bh + 0.5)
			what = "leaves the map frame";
		else if (ov->bar.ok && !ov->bar_under &&
		    map_circle_in_rect(&ov->bar_box, s->px, s->py, s->r) > 0.0)
			what = "is under the scale bar";
		else if (ov->unlabelled > 0 && !ov->note_under &&
		    map_circle_in_rect(&ov->note_box, s->px, s->py, s->r) > 0.0)
			what = "is under the note on unlabelled sites";
		for (j = 0; what == NULL && j < m->n; j++)
			if (j != i && ov->lab[j].placed && map_circle_in_rect(
			    &ov->lab[j].box, s->px, s->py, 1.0) > 0.0)
				what = "has its centre under another site's "
				    "label";
		if (what != NULL)
			return err_set(e, ERR_IO, NULL, 0, "layout: the marker "
			    "of \"%s\" (%.1f, %.1f pt, radius %.1f) %s",
			    ps[i].site->name, s->px, s->py, s->r, what);
	}
	return 0;
}

/* The scale bar's corner and the labels, before any drawing, measured on
 * a recording surface (text metrics are the same on every surface), then
 * the layout check. 0, or -1 with "e"; map_overlays_free() either way. */
static int
map_lay_out(struct map *m, const struct plot_site *ps,
    struct map_overlays *ov, struct err *e)
{
	cairo_surface_t	*rec;
	cairo_t		*dry;
	int		 rc;

	rec = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, NULL);
	dry = cairo_create(rec);
	cairo_surface_destroy(rec);
	rc = map_overlays_layout(dry, m, ps, ov);
	cairo_destroy(dry);
	if (rc == -1)
		return err_set(e, ERR_NOMEM, NULL, 0, "out of memory");
	return map_check(m, ps, ov, e);
}

/* Draw the map laid out in "ov": a box that hides a marker wherever it
 * goes (no corner free) is drawn under the circles. */
static void
map_render(cairo_t *cr, struct map *m, const struct plot_opts *o,
    const struct map_overlays *ov)
{
	char	 buf[600], sub[300], when[32];
	int	*order, i, j, t;
	size_t	 k;
	double	 fs = m->compact ? 6.5 : 7.0, th;

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
		if (m->surf.name != NULL) {
			size_t	 l = strlen(sub);

			snprintf(sub + l, sizeof(sub) - l, "; shaded: %s "
			    "health damages per tonne", damage_label(&m->surf));
		}
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
	if (m->surf.name != NULL) {
		/* land, the surface over it, then the borders over both */
		draw_polygons(cr, m, &m->base, 0xe2e2e0u, NO_RGB, 0.0);
		map_draw_surface(cr, m);
		draw_polygons(cr, m, &m->base, NO_RGB, 0x4d4d4du, m->world ?
		    0.25 : 0.45);
	} else
		draw_polygons(cr, m, &m->base, 0xe2e2e0u, 0xffffffu, m->world ?
		    0.3 : 0.7);
	draw_graticule(cr, m);
	for (i = 0; i < m->nlayers; i++)
		draw_layer(cr, m, &m->layers[i]);
	map_overlays_draw(cr, m, ov, 1);
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
			const struct map_site *s = &m->s[order[k]];

			if (s->ok)
				draw_circle(cr, m, s->px, s->py, s->r,
				    s->intensity, s->capped);
		}
		free(order);
	}
	map_overlays_draw(cr, m, ov, 0);
	cairo_restore(cr);

	plot_set_rgb(cr, 0x9a9a9au);
	cairo_set_line_width(cr, 0.6);
	cairo_rectangle(cr, m->bx, m->by, m->bw, m->bh);
	cairo_stroke(cr);
	map_draw_legend(cr, m);

	snprintf(buf, sizeof(buf), "Basemap: US Census Bureau (us-atlas) / "
	    "Natural Earth (world-atlas), public domain; projection %s%s%s%s",
	    geo_proj_crs(m->proj), geo_proj_name(m->proj)[0] != '\0' ? " (" :
	    "", geo_proj_name(m->proj), geo_proj_name(m->proj)[0] != '\0' ?
	    ")" : "");
	plot_set_rgb(cr, PLOT_MUTED);
	/* under the map frame only: the legend column may run deeper */
	th = plot_text(cr, m->bx, m->by + m->bh + 3.0, fs, 0, PLOT_LEFT, m->bw,
	    buf);
	if (m->surf.name != NULL) {
		snprintf(buf, sizeof(buf), m->compact ? "Shading: %s $/t at "
		    "ground level, EASIUR (Heo et al. 2016); population %d, "
		    "income %d, %d dollars" : "Shading: %s damages per tonne "
		    "emitted at ground level, EASIUR (Heo et al. 2016), 36 km "
		    "cells; population %d, income %d (BenMAP), %d dollars (BEA "
		    "GDP deflator)", damage_label(&m->surf), m->surf.pop_year,
		    m->surf.income_year, m->surf.dollar_year);
		plot_text(cr, m->bx, m->by + m->bh + 3.0 + th, fs,
		    PLOT_TWO_LINES, PLOT_LEFT, m->bw, buf);
	}
	cairo_restore(cr);
}

int
plot_map_draw(cairo_t *cr, double x, double y, double w, double h,
    const struct plot_site *ps, int n, const struct plot_opts *o, int compact,
    struct err *e)
{
	struct map	 m;
	struct map_overlays ov = { 0 };
	int		 rc = -1;

	if (map_prepare(&m, ps, n, o, x, y, w, h, compact, e) == -1)
		goto out;
	if (map_lay_out(&m, ps, &ov, e) == -1)
		goto out;
	map_render(cr, &m, o, &ov);
	if (cairo_status(cr) != CAIRO_STATUS_SUCCESS) {
		err_set(e, ERR_CAIRO, NULL, 0, "drawing the map: %s",
		    cairo_status_to_string(cairo_status(cr)));
		goto out;
	}
	rc = 0;
out:
	map_overlays_free(&ov);
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
	struct map_overlays ov = { 0 };
	enum plot_format fmt;
	struct map	 m;
	cairo_t		*cr;
	double		 pw = o->letter ? 792.0 : 841.89;
	double		 ph = o->letter ? 612.0 : 595.28;
	int		 rc = -1;

	/* everything that can fail on input comes before the file is opened:
	 * a bad projection or layer, or a failed layout check, leaves no
	 * file behind */
	if (plot_format_of(out, &fmt, e) == -1)
		return -1;
	if (map_prepare(&m, ps, n, o, 30.0, 24.0, pw - 60.0, ph - 48.0, 0,
	    e) == -1)
		goto out;
	if (map_lay_out(&m, ps, &ov, e) == -1)
		goto out;
	if ((cv = plot_canvas_open(out, pw, ph, 1, o->dpi > 0.0 ? o->dpi :
	    150.0, &meta, e)) == NULL)
		goto out;
	cr = plot_canvas_page(cv);
	map_render(cr, &m, o, &ov);
	rc = plot_canvas_close(cv, e);
out:
	map_overlays_free(&ov);
	map_free(&m);
	return rc;
}

/* ------------------------------------------------------------------ */

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
