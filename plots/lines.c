/* Line charts on any cairo_t: values over years, one line per series, an
 * optional highlighted series, an optional point and a shaded region. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "plots/internal.h"

#define LABEL_PT	7.5
#define TICK_PT		7.0
#define SWATCH_W	20.0	/* a legend entry's line sample */
#define ENTRY_H		11.0
#define LINE_W		1.3
#define HIGH_W		3.0

/* The legend: series in the order of their last value (top line first),
 * the point after them. */
struct legend {
	int		 order[PLOT_LINES_MAX];
	int		 n;		/* entries, the point included */
	double		 w;		/* widest entry, pt */
	int		 column;	/* 1: a column right of the plot */
	double		 x, y, h;
};

static int
has_point(const struct plot_lines *l)
{
	return isfinite(l->point_x) && isfinite(l->point_y);
}

static double
last_value(const struct plot_lines *l, int s)
{
	int	 i;

	for (i = l->nx - 1; i >= 0; i--)
		if (isfinite(l->ser[s].values[i]))
			return l->ser[s].values[i];
	return -HUGE_VAL;
}

static void
set_dash(cairo_t *cr, int dash)
{
	static const double dashed[] = { 5.0, 2.5 };
	static const double dotted[] = { 1.2, 2.0 };

	if (dash == 1)
		cairo_set_dash(cr, dashed, 2, 0.0);
	else if (dash == 2)
		cairo_set_dash(cr, dotted, 2, 0.0);
	else
		cairo_set_dash(cr, NULL, 0, 0.0);
}

static void
set_series_style(cairo_t *cr, const struct plot_lines *l, int s)
{
	plot_set_color(cr, l->ser[s].color);
	cairo_set_line_width(cr, s == l->highlight ? HIGH_W : LINE_W);
	set_dash(cr, l->ser[s].dash);
}

static const char *
entry_name(const struct plot_lines *l, int k)
{
	return k < l->nser ? l->ser[k].name : l->point_label;
}

/* Lay the legend out: a column right of the plot when it takes at most a
 * third of the width and fits the height, else rows above the plot. Sets
 * lg and shrinks *a to what is left for the plot. */
static void
legend_layout(cairo_t *cr, struct plot_box *a, const struct plot_lines *l,
    struct legend *lg)
{
	double	 tw, x = 0.0, rows = 1.0;
	int	 i, j, k;

	lg->n = 0;
	for (i = 0; i < l->nser && lg->n < PLOT_LINES_MAX; i++)
		lg->order[lg->n++] = i;
	/* insertion sort by last value, descending; stable */
	for (i = 1; i < lg->n; i++)
		for (j = i; j > 0 && last_value(l, lg->order[j]) >
		    last_value(l, lg->order[j - 1]); j--) {
			k = lg->order[j];
			lg->order[j] = lg->order[j - 1];
			lg->order[j - 1] = k;
		}
	if (has_point(l) && l->point_label != NULL && lg->n < PLOT_LINES_MAX)
		lg->order[lg->n++] = l->nser;
	lg->w = 0.0;
	for (i = 0; i < lg->n; i++) {
		k = lg->order[i];
		plot_text_extent(cr, LABEL_PT, k == l->highlight ? PLOT_BOLD : 0,
		    0.0, entry_name(l, k), &tw, NULL);
		lg->w = fmax(lg->w, tw);
	}
	lg->w += SWATCH_W + 5.0;
	if (lg->w + 12.0 <= a->w / 3.0 && lg->n * ENTRY_H <= a->h) {
		lg->column = 1;
		lg->x = a->x + a->w - lg->w;
		lg->y = a->y + 14.0;	/* level with the plot's top */
		lg->h = lg->n * ENTRY_H;
		a->w -= lg->w + 12.0;
		return;
	}
	/* rows: entries side by side, wrapped at the box's width */
	lg->column = 0;
	for (i = 0; i < lg->n; i++) {
		k = lg->order[i];
		plot_text_extent(cr, LABEL_PT, k == l->highlight ? PLOT_BOLD : 0,
		    0.0, entry_name(l, k), &tw, NULL);
		tw += SWATCH_W + 5.0 + 12.0;
		if (x > 0.0 && x + tw > a->w) {
			rows += 1.0;
			x = 0.0;
		}
		x += tw;
	}
	lg->x = a->x;
	lg->y = a->y;
	lg->h = rows * ENTRY_H + 4.0;
	a->y += lg->h;
	a->h -= lg->h;
}

static void
point_marker(cairo_t *cr, double x, double y, unsigned rgb)
{
	cairo_set_dash(cr, NULL, 0, 0.0);
	cairo_arc(cr, x, y, 4.2, 0.0, 2.0 * M_PI);
	plot_set_rgb(cr, 0xffffffu);
	cairo_fill(cr);
	cairo_arc(cr, x, y, 3.2, 0.0, 2.0 * M_PI);
	plot_set_rgb(cr, rgb);
	cairo_fill(cr);
}

static void
legend_draw(cairo_t *cr, const struct plot_lines *l, const struct legend *lg,
    double right)
{
	double	 x = lg->x, y = lg->y, tw;
	int	 i, k, flags;

	for (i = 0; i < lg->n; i++) {
		k = lg->order[i];
		flags = k == l->highlight ? PLOT_BOLD : 0;
		plot_text_extent(cr, LABEL_PT, flags, 0.0, entry_name(l, k), &tw,
		    NULL);
		if (!lg->column && x > lg->x && x + SWATCH_W + 5.0 + tw > right) {
			x = lg->x;
			y += ENTRY_H;
		}
		if (k < l->nser) {
			cairo_save(cr);
			set_series_style(cr, l, k);
			cairo_move_to(cr, x, y + ENTRY_H / 2.0);
			cairo_line_to(cr, x + SWATCH_W, y + ENTRY_H / 2.0);
			cairo_stroke(cr);
			cairo_restore(cr);
		} else {
			point_marker(cr, x + SWATCH_W / 2.0, y + ENTRY_H / 2.0,
			    l->point_rgb);
		}
		plot_set_rgb(cr, PLOT_INK);
		plot_text(cr, x + SWATCH_W + 5.0, y + (ENTRY_H - LABEL_PT * 1.2) /
		    2.0, LABEL_PT, flags, PLOT_LEFT, 0.0, entry_name(l, k));
		if (lg->column)
			y += ENTRY_H;
		else
			x += SWATCH_W + 5.0 + tw + 12.0;
	}
}

/* Does the rectangle r (x0, y0, x1, y1) touch any drawn line? Each
 * segment is sampled every 2 pt, which is finer than any label. */
static int
hits_lines(int nser, int nx, const double *px, const double *py,
    const double r[4])
{
	int	 s, i, k, m;

	for (s = 0; s < nser; s++)
		for (i = 0; i + 1 < nx; i++) {
			const double *a = py + s * nx;
			double	 dx, dy;

			if (!isfinite(a[i]) || !isfinite(a[i + 1]))
				continue;
			dx = px[i + 1] - px[i];
			dy = a[i + 1] - a[i];
			m = 1 + (int)(sqrt(dx * dx + dy * dy) / 2.0);
			for (k = 0; k <= m; k++) {
				double x = px[i] + dx * k / m;
				double y = a[i] + dy * k / m;

				if (x >= r[0] && x <= r[2] && y >= r[1] &&
				    y <= r[3])
					return 1;
			}
		}
	return 0;
}

void
plot_lines(cairo_t *cr, struct plot_box a, const struct plot_lines *l)
{
	double	 px[PLOT_LINES_MAXX], py[PLOT_LINES_MAX * PLOT_LINES_MAXX];
	double	 xlo, xhi, vmax = 0.0, t0, step, top, tw, th, sx, sy, v, span;
	double	 right = a.x + a.w;
	char	 buf[64];
	struct legend lg;
	int	 i, s, n, nx = l->nx < PLOT_LINES_MAXX ? l->nx : PLOT_LINES_MAXX;
	int	 nser = l->nser < PLOT_LINES_MAX ? l->nser : PLOT_LINES_MAX;

	if (nx < 1)
		return;
	legend_layout(cr, &a, l, &lg);
	for (s = 0; s < nser; s++)
		for (i = 0; i < nx; i++)
			if (isfinite(l->ser[s].values[i]))
				vmax = fmax(vmax, l->ser[s].values[i]);
	xlo = l->x[0];
	xhi = l->x[nx - 1];
	if (has_point(l)) {
		vmax = fmax(vmax, l->point_y);
		xlo = fmin(xlo, l->point_x);
		xhi = fmax(xhi, l->point_x);
	}
	span = xhi > xlo ? xhi - xlo : 1.0;
	xlo -= span * 0.04;	/* the first point off the value axis */
	xhi += span * 0.01;

	/* the value axis: labels at the left, a title beside them */
	plot_ticks(0.0, vmax > 0.0 ? vmax * 1.04 : 1.0,
	    (int)fmax(2.0, fmin(8.0, a.h / 38.0)), &t0, &step, &n);
	top = t0 + step * (n - 1);
	plot_fmt_si(top * l->to_base, l->unit, buf, sizeof(buf));
	plot_text_extent(cr, TICK_PT, 0, 0.0, buf, &tw, &th);
	if (l->y_title != NULL) {
		plot_set_rgb(cr, PLOT_MUTED);
		plot_text_vertical(cr, a.x + TICK_PT * 0.7, a.y + 14.0 +
		    (a.h - 14.0 - TICK_PT - 6.0) / 2.0, TICK_PT, 0, l->y_title);
		a.x += TICK_PT * 1.6;
		a.w -= TICK_PT * 1.6;
	}
	a.x += tw + 6.0;
	a.w -= tw + 6.0;
	a.y += 14.0;		/* the regions' labels above the plot */
	a.h -= 14.0 + TICK_PT + 6.0;	/* the years below */
	sx = a.w / (xhi - xlo);
	sy = a.h / top;
#define X(u)	(a.x + ((u) - xlo) * sx)
#define Y(v)	(a.y + a.h - (v) * sy)

	/* the projection region, shaded, with its label above the plot */
	if (isfinite(l->shade_from) && l->shade_from < xhi) {
		double	 x0 = X(fmax(l->shade_from, xlo));

		plot_set_rgb(cr, PLOT_PANEL);
		cairo_rectangle(cr, x0, a.y, a.x + a.w - x0, a.h);
		cairo_fill(cr);
		plot_set_rgb(cr, PLOT_MUTED);
		cairo_set_line_width(cr, 0.8);
		set_dash(cr, 1);
		cairo_move_to(cr, x0, a.y - 12.0);
		cairo_line_to(cr, x0, a.y + a.h);
		cairo_stroke(cr);
		set_dash(cr, 0);
		if (l->shade_label != NULL)
			plot_text(cr, x0 + 4.0, a.y - 12.0, TICK_PT, PLOT_ITALIC,
			    PLOT_LEFT, a.x + a.w - x0 - 4.0, l->shade_label);
		if (l->before_label != NULL) {
			plot_text_extent(cr, TICK_PT, PLOT_ITALIC, 0.0,
			    l->before_label, &tw, NULL);
			if (tw + 6.0 <= x0 - a.x)
				plot_text(cr, x0 - 4.0, a.y - 12.0, TICK_PT,
				    PLOT_ITALIC, PLOT_RIGHT, 0.0, l->before_label);
		}
	}

	/* value grid and labels */
	cairo_set_line_width(cr, 0.5);
	for (i = 0; i < n; i++) {
		v = t0 + step * i;
		plot_set_rgb(cr, PLOT_GRID);
		cairo_move_to(cr, a.x, Y(v));
		cairo_line_to(cr, a.x + a.w, Y(v));
		cairo_stroke(cr);
		plot_set_rgb(cr, PLOT_MUTED);
		plot_text(cr, a.x - 4.0, Y(v) - TICK_PT * 0.62, TICK_PT, 0,
		    PLOT_RIGHT, 0.0, plot_fmt_si(v * l->to_base, l->unit, buf,
		    sizeof(buf)));
	}

	/* years: round ticks, and the point's year when there is room */
	plot_ticks(xlo, xhi, (int)fmax(2.0, fmin(12.0, a.w / 48.0)), &t0, &step,
	    &n);
	for (i = 0; i < n; i++) {
		v = t0 + step * i;
		if (v < xlo - 1e-9 || v > xhi + 1e-9)
			continue;
		snprintf(buf, sizeof(buf), "%.0f", v);
		plot_set_rgb(cr, PLOT_INK);
		cairo_set_line_width(cr, 0.8);
		cairo_move_to(cr, X(v), a.y + a.h);
		cairo_line_to(cr, X(v), a.y + a.h + 3.0);
		cairo_stroke(cr);
		plot_set_rgb(cr, PLOT_MUTED);
		plot_text(cr, X(v), a.y + a.h + 4.0, TICK_PT, 0, PLOT_CENTER, 0.0,
		    buf);
	}
	if (has_point(l)) {
		double	 k = (l->point_x - t0) / step;

		if (fabs(k - floor(k + 0.5)) * step * sx >= 30.0) {
			snprintf(buf, sizeof(buf), "%.0f", l->point_x);
			plot_set_rgb(cr, PLOT_MUTED);
			plot_text(cr, X(l->point_x), a.y + a.h + 4.0, TICK_PT,
			    0, PLOT_CENTER, 0.0, buf);
		}
	}

	/* the lines, the highlighted one last (on top) */
	for (i = 0; i < nx; i++)
		px[i] = X(l->x[i]);
	for (s = 0; s < nser; s++)
		for (i = 0; i < nx; i++)
			py[s * nx + i] = isfinite(l->ser[s].values[i]) ?
			    Y(l->ser[s].values[i]) : (double)NAN;
	cairo_save(cr);
	cairo_rectangle(cr, a.x - HIGH_W, a.y - HIGH_W, a.w + 2 * HIGH_W,
	    a.h + 2 * HIGH_W);
	cairo_clip(cr);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
	for (s = 0; s <= nser; s++) {
		int	 k = s < nser ? s : l->highlight, pen = 0;

		if (k < 0 || k >= nser || (s < nser && s == l->highlight))
			continue;
		set_series_style(cr, l, k);
		for (i = 0; i < nx; i++) {
			if (!isfinite(py[k * nx + i])) {
				pen = 0;
				continue;
			}
			if (pen)
				cairo_line_to(cr, px[i], py[k * nx + i]);
			else
				cairo_move_to(cr, px[i], py[k * nx + i]);
			pen = 1;
		}
		cairo_stroke(cr);
	}
	cairo_restore(cr);
	set_dash(cr, 0);

	/* the axis line */
	plot_set_rgb(cr, PLOT_INK);
	cairo_set_line_width(cr, 0.8);
	cairo_move_to(cr, a.x, a.y + a.h);
	cairo_line_to(cr, a.x + a.w, a.y + a.h);
	cairo_stroke(cr);

	/* the point, its value beside it where no line passes */
	if (has_point(l)) {
		double	 cx = X(l->point_x), cy = Y(l->point_y), r[4];
		int	 c;

		point_marker(cr, cx, cy, l->point_rgb);
		plot_fmt_si(l->point_y * l->to_base, l->unit, buf, sizeof(buf));
		plot_text_extent(cr, LABEL_PT, PLOT_BOLD, 0.0, buf, &tw, &th);
		for (c = 0; c < 4; c++) {
			/* left, above, below, right */
			double	 x0 = c == 0 ? cx - 7.0 - tw : c == 3 ? cx + 7.0 :
			    cx - tw / 2.0;
			double	 y0 = c == 1 ? cy - 6.0 - th : c == 2 ? cy + 6.0 :
			    cy - th / 2.0;

			r[0] = x0;
			r[1] = y0;
			r[2] = x0 + tw;
			r[3] = y0 + th;
			if (r[0] >= a.x + 2.0 && r[2] <= a.x + a.w &&
			    r[1] >= a.y && r[3] <= a.y + a.h &&
			    !hits_lines(nser, nx, px, py, r))
				break;
		}
		if (c == 4) {
			/* nowhere free: above, kept inside the plot */
			r[0] = fmax(a.x + 2.0, cx - tw / 2.0);
			r[1] = fmax(a.y, cy - 6.0 - th);
		}
		{
			plot_set_rgb(cr, l->point_rgb);
			plot_text(cr, r[0], r[1], LABEL_PT, PLOT_BOLD, PLOT_LEFT,
			    0.0, buf);
		}
	}
#undef X
#undef Y
	legend_draw(cr, l, &lg, right);
}
