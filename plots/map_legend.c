/* Map legend: the colour ramp for CO2e intensity, reference circles for
 * facility power, and the scale bar. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <cairo.h>

#include "geo/geo.h"
#include "plots/internal.h"
#include "plots/map.h"


/* A round number 1, 2 or 5 x 10^k: the smallest >= v (up) or the largest
 * <= v (down). */
double
map_nice_num(double v, int up)
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

void
map_ramp_rgb(const unsigned *stops, int nstops, double t, double rgb[3])
{
	double		 f;
	int		 i, k;
	unsigned	 a, c;

	t = fmin(1.0, fmax(0.0, t)) * (nstops - 1);
	i = (int)floor(t);
	if (i >= nstops - 1)
		i = nstops - 2;
	f = t - i;
	a = stops[i];
	c = stops[i + 1];
	for (k = 0; k < 3; k++)
		rgb[k] = (((a >> (16 - 8 * k)) & 0xffu) * (1.0 - f) +
		    ((c >> (16 - 8 * k)) & 0xffu) * f) / 255.0;
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
	double		 rgb[3];

	map_ramp_rgb(stops, (int)(sizeof(stops) / sizeof(stops[0])), t, rgb);
	*r = rgb[0];
	*g = rgb[1];
	*b = rgb[2];
}

void
map_set_intensity(cairo_t *cr, const struct map *m, double kg_per_mwh,
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

/* A bar of a round length (from the geodesic on WGS 84 at the map's
 * centre), about a fifth of the frame's width, and its label. */
void
map_scalebar_measure(cairo_t *cr, const struct map *m,
    struct map_scalebar *sb)
{
	double	 target_m, m_per_pt, dist_m, len_m;

	memset(sb, 0, sizeof(*sb));
	sb->fs = m->compact ? 6.5 : 7.5;
	len_m = geo_scalebar_len(m->proj, m->cx_m, m->cy_m, 100000.0);
	if (!isfinite(len_m) || !(len_m > 0.0))
		return;
	m_per_pt = 100000.0 / (len_m * m->k);
	target_m = 0.2 * m->bw * m_per_pt;
	dist_m = map_nice_num(target_m, 0);
	len_m = geo_scalebar_len(m->proj, m->cx_m, m->cy_m, dist_m);
	if (!isfinite(len_m))
		return;
	sb->len_pt = len_m * m->k;
	snprintf(sb->lab, sizeof(sb->lab), "%.0f km%s", dist_m / 1000.0,
	    m->world ? " (true at the map centre)" : "");
	plot_text_extent(cr, sb->fs, 0, 0.0, sb->lab, &sb->tw, &sb->th);
	/* 4 pt of backing around the bar, 4 between bar and label */
	sb->w = sb->len_pt + sb->tw + 12.0;
	sb->h = sb->th + 4.0;
	sb->ok = 1;
}

struct map_rect
map_corner_box(const struct map *m, enum map_corner c, double w, double h,
    double inset)
{
	struct map_rect	 r;

	r.x0 = c == MAP_LOWER_LEFT || c == MAP_UPPER_LEFT ? m->bx + inset :
	    m->bx + m->bw - inset - w;
	r.y0 = c == MAP_UPPER_LEFT || c == MAP_UPPER_RIGHT ? m->by + inset :
	    m->by + m->bh - inset - h;
	r.x1 = r.x0 + w;
	r.y1 = r.y0 + h;
	return r;
}

/* The bar, alternately dark and white quarters, on its white backing. */
void
map_scalebar_draw(cairo_t *cr, const struct map_scalebar *sb,
    const struct map_rect *box)
{
	double	 x0 = box->x0 + 4.0, y0 = (box->y0 + box->y1) / 2.0;
	int	 i;

	if (!sb->ok)
		return;
	cairo_save(cr);
	cairo_set_source_rgba(cr, 1.0, 1.0, 1.0, 0.75);
	cairo_rectangle(cr, box->x0, box->y0, box->x1 - box->x0,
	    box->y1 - box->y0);
	cairo_fill(cr);
	cairo_set_line_width(cr, 0.4);
	for (i = 0; i < 4; i++) {
		cairo_rectangle(cr, x0 + i * sb->len_pt / 4.0, y0 - 1.5,
		    sb->len_pt / 4.0, 3.0);
		if (i % 2 == 0)
			plot_set_rgb(cr, PLOT_INK);
		else
			cairo_set_source_rgb(cr, 1.0, 1.0, 1.0);
		cairo_fill_preserve(cr);
		plot_set_rgb(cr, PLOT_INK);
		cairo_stroke(cr);
	}
	plot_text(cr, x0 + sb->len_pt + 4.0, y0 - sb->th / 2.0, sb->fs, 0,
	    PLOT_LEFT, 0.0, sb->lab);
	cairo_restore(cr);
}

/* "$2k", "$10k", "$1M": a round $ per tonne for the log bar. */
static const char *
fmt_usd(double v, char *buf, size_t n)
{
	if (v >= 1e6 * (1.0 - 1e-9))
		snprintf(buf, n, "$%gM", v / 1e6);
	else if (v >= 1e3 * (1.0 - 1e-9))
		snprintf(buf, n, "$%gk", v / 1e3);
	else
		snprintf(buf, n, "$%g", v);
	return buf;
}

/* The damage surface's colour bar (log scale, ticks on the decades and
 * at the ends, the sites' cells marked) from y down; returns the y below
 * it. */
static double
damage_legend(cairo_t *cr, const struct map *m, double x, double y,
    double barh, double barw, double fs, double hs)
{
	const struct map_surface *sf = &m->surf;
	double	 span = log10(sf->hi / sf->lo), v, ty, d;
	double	 tv[18], tyv[18], placed[18];
	char	 buf[160], lab[32];
	int	 i, j, k, nt, nl;

	plot_set_rgb(cr, PLOT_INK);
	snprintf(buf, sizeof(buf), "%s health damages", sf->species ==
	    EASIUR_PEC ? "PM2.5" : sf->species == EASIUR_SO2 ?
	    "SO\xe2\x82\x82" : "NO\xe2\x82\x93");
	y += plot_text(cr, x, y, hs, PLOT_BOLD, PLOT_LEFT, m->lw, buf);
	plot_set_rgb(cr, PLOT_MUTED);
	snprintf(buf, sizeof(buf), "$ per tonne emitted at ground level "
	    "(EASIUR), %d dollars; log scale", sf->dollar_year);
	y += plot_text(cr, x, y, fs, 0, PLOT_LEFT, m->lw, buf) + 4.0;
	for (i = 0; i < 64; i++) {
		v = sf->lo * pow(10.0, span * (1.0 - (i + 0.5) / 64.0));
		map_set_damage(cr, sf, v);
		cairo_rectangle(cr, x, y + i * barh / 64.0, barw,
		    barh / 64.0 + 0.3);
		cairo_fill(cr);
	}
	plot_set_rgb(cr, PLOT_INK);
	cairo_set_line_width(cr, 0.5);
	cairo_rectangle(cr, x, y, barw, barh);
	cairo_stroke(cr);
	/* ticks on the decades and at both ends; labels on the decades
	 * first, then the ends, each left out when it would touch one
	 * already placed */
	nt = 0;
	for (k = (int)ceil(log10(sf->lo) - 1e-9);
	    k <= (int)floor(log10(sf->hi) + 1e-9) && nt < 16; k++)
		tv[nt++] = pow(10.0, k);
	tv[nt++] = sf->hi;
	tv[nt++] = sf->lo;
	for (i = 0; i < nt; i++) {
		tyv[i] = y + barh * (1.0 - log10(tv[i] / sf->lo) / span);
		cairo_move_to(cr, x + barw, tyv[i]);
		cairo_line_to(cr, x + barw + 3.0, tyv[i]);
	}
	cairo_stroke(cr);
	for (i = 0, nl = 0; i < nt; i++) {
		for (j = 0; j < nl && fabs(tyv[i] - placed[j]) >= fs * 1.15;
		    j++)
			continue;
		if (j < nl)
			continue;
		placed[nl++] = tyv[i];
		plot_text(cr, x + barw + 5.0, tyv[i] - fs * 0.62, fs, 0,
		    PLOT_LEFT, 0.0, fmt_usd(tv[i], lab, sizeof(lab)));
	}
	for (i = 0; i < m->n; i++) {
		if (!m->s[i].ok || !(m->s[i].damage_usd_per_t > 0.0))
			continue;
		d = log10(fmin(fmax(m->s[i].damage_usd_per_t, sf->lo), sf->hi) /
		    sf->lo) / span;
		ty = y + barh * (1.0 - d);
		cairo_move_to(cr, x - 3.0, ty);
		cairo_line_to(cr, x + barw, ty);
	}
	cairo_set_line_width(cr, 0.7);
	cairo_stroke(cr);
	return y + barh + 4.0;
}

/* The legend column with colour bars "barh" pt tall: colour ramp with
 * ticks, then reference circles, then the damage surface's colour bar
 * when there is one. Returns the y below it. */
static double
legend_column(cairo_t *cr, const struct map *m, double barh)
{
	double	 x = m->lx, y = m->ly, fs = m->compact ? 7.0 : 8.0;
	double	 hs = m->compact ? 7.5 : 9.0, barw = 11.0, v, t, r;
	double	 refs[3], cy, base, ly, prev_ly = -1e9, prev_ty = 1e9;
	char	 buf[64];
	int	 i, nref, capped = 0, notshown = m->n - m->nshown;

	plot_set_rgb(cr, PLOT_INK);
	y += plot_text(cr, x, y, hs, PLOT_BOLD, PLOT_LEFT, m->lw,
	    "CO\xe2\x82\x82" "e intensity");
	plot_set_rgb(cr, PLOT_MUTED);
	y += plot_text(cr, x, y, fs, 0, PLOT_LEFT, m->lw,
	    "kg CO\xe2\x82\x82" "e per MWh used, location-based") + 4.0;
	for (i = 0; i < 64; i++) {
		t = 1.0 - (i + 0.5) / 64.0;
		map_set_intensity(cr, m, t * m->imax, 1.0);
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
		if (prev_ty - ty < fs * 1.1)
			continue;	/* a short bar: every other label */
		prev_ty = ty;
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
	refs[1] = map_nice_num(m->cap_mw / 4.0, 0);
	refs[2] = map_nice_num(m->cap_mw / 20.0, 0);
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
		y += plot_text(cr, x, y, fs, 0, PLOT_LEFT, m->lw, note) + 2.0;
	}
	if (m->surf.name != NULL) {
		y = damage_legend(cr, m, x, y + (m->compact ? 6.0 : 10.0), barh,
		    barw, fs, hs);
		plot_set_rgb(cr, PLOT_MUTED);
		y += plot_text(cr, x, y, fs, 0, PLOT_LEFT, m->lw,
		    "Lines across the bar: the sites' cells.");
	}
	return y;
}

void
map_draw_legend(cairo_t *cr, const struct map *m)
{
	cairo_surface_t	*rec;
	cairo_t		*dry;
	double		 barh, over;

	barh = fmin(m->compact ? 70.0 : 110.0, 0.32 * m->bh);
	if (m->surf.name != NULL) {
		/* two bars share the column: shorten both until the column
		 * ends in the map's box (a dry run measures it) */
		barh = fmin(m->compact ? 60.0 : 90.0, 0.25 * m->bh);
		rec = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA,
		    NULL);
		dry = cairo_create(rec);
		cairo_surface_destroy(rec);
		over = legend_column(dry, m, barh) - (m->y + m->h);
		cairo_destroy(dry);
		if (over > 0.0)
			barh = fmax(m->compact ? 24.0 : 40.0,
			    barh - over / 2.0);
	}
	legend_column(cr, m, barh);
}

