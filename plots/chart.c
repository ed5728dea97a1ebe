/* Charts on any cairo_t: ticks, panels, bars, legends (after kplot). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plots/internal.h"

#define TITLE_PT	11.0
#define LABEL_PT	8.0
#define SOURCE_PT	6.5

void
plot_ticks(double lo, double hi, int maxn, double *t0, double *step, int *n)
{
	static const double mult[] = { 1.0, 2.0, 5.0, 10.0 };
	double	 span = hi - lo, mag, s = 1.0;
	size_t	 i;

	if (!(span > 0.0) || !isfinite(span)) {
		*t0 = lo;
		*step = 1.0;
		*n = 1;
		return;
	}
	mag = pow(10.0, floor(log10(span / maxn)));
	for (i = 0; i < sizeof(mult) / sizeof(mult[0]); i++) {
		s = mult[i] * mag;
		if (span / s <= maxn + 1e-9)
			break;
	}
	*step = s;
	*t0 = floor(lo / s + 1e-9) * s;
	*n = (int)ceil(hi / s - 1e-9) - (int)floor(lo / s + 1e-9) + 1;
}

struct plot_box
plot_panel(cairo_t *cr, struct plot_box b, const char *title, const char *source)
{
	double	 th = 0.0, sh = 0.0;

	plot_set_rgb(cr, PLOT_INK);
	if (title != NULL)
		th = plot_text(cr, b.x, b.y, TITLE_PT, PLOT_BOLD, PLOT_LEFT, b.w,
		    title) + 6.0;
	if (source != NULL) {
		plot_text_extent(cr, SOURCE_PT, PLOT_ITALIC, b.w, source, NULL, &sh);
		plot_set_rgb(cr, PLOT_MUTED);
		plot_text(cr, b.x, b.y + b.h - sh, SOURCE_PT, PLOT_ITALIC, PLOT_LEFT,
		    b.w, source);
		sh += 4.0;
	}
	b.y += th;
	b.h -= th + sh;
	return b;
}

double
plot_legend(cairo_t *cr, double x, double y, double w, int n,
    const char *const *names, int color0)
{
	double	 cx = x, cy = y, tw, th = LABEL_PT * 1.3;
	int	 i;

	for (i = 0; i < n; i++) {
		plot_text_extent(cr, LABEL_PT, 0, 0.0, names[i], &tw, NULL);
		if (cx > x && cx + 14.0 + tw > x + w) {
			cx = x;
			cy += th + 2.0;
		}
		plot_set_color(cr, color0 + i);
		cairo_rectangle(cr, cx, cy + 1.5, 9.0, 9.0);
		cairo_fill(cr);
		plot_set_rgb(cr, PLOT_INK);
		plot_text(cr, cx + 12.0, cy, LABEL_PT, 0, PLOT_LEFT, 0.0, names[i]);
		cx += 12.0 + tw + 12.0;
	}
	return cy - y + th + 4.0;
}

/* Largest end of any bar (or error bar) */
static double
bars_max(const struct plot_bars *b)
{
	double	 m = 0.0, sum;
	int	 c, s;

	for (c = 0; c < b->ncat; c++) {
		sum = 0.0;
		for (s = 0; s < b->nser; s++) {
			double v = b->ser[s].values[c];

			if (!isfinite(v))
				continue;
			if (b->ser[s].hi != NULL && isfinite(b->ser[s].hi[c]))
				v = fmax(v, b->ser[s].hi[c]);
			if (b->stacked)
				sum += v;
			else
				m = fmax(m, v);
		}
		m = fmax(m, sum);
		if (b->stacked && b->total_hi != NULL && isfinite(b->total_hi[c]))
			m = fmax(m, b->total_hi[c]);
	}
	return m;
}

/* Is anything known besides zeros (a country grid's pollutants are NAN,
 * the absent on-site plants' 0)? */
static int
any_known(const struct plot_bars *b)
{
	int	 c, s, unknown = 0;

	for (s = 0; s < b->nser; s++)
		for (c = 0; c < b->ncat; c++) {
			if (isnan(b->ser[s].values[c]))
				unknown = 1;
			else if (b->ser[s].values[c] > 0.0)
				return 1;
		}
	return !unknown;
}

/* The axis: ticks and grid lines across "area" for values [0, vmax]. */
static double
value_axis(cairo_t *cr, struct plot_box a, double vmax, const struct plot_bars *b,
    int vertical, double *scale)
{
	double	 t0, step, v, pos, top, tw;
	char	 buf[64];
	int	 n, i, maxn = 5;

	if (!vertical) {
		/* as many ticks as their labels allow side by side */
		plot_fmt_si((vmax > 0.0 ? vmax : 1.0) * 1.2 * b->to_base, b->unit,
		    buf, sizeof(buf));
		plot_text_extent(cr, LABEL_PT - 1.0, 0, 0.0, buf, &tw, NULL);
		/* 1.5 labels an interval: the last label is right-aligned */
		maxn = (int)fmax(2.0, fmin(a.w / 70.0, a.w / (1.5 * tw + 14.0)));
	}

	plot_ticks(0.0, vmax > 0.0 ? vmax : 1.0, maxn, &t0, &step, &n);
	top = t0 + step * (n - 1);
	*scale = (vertical ? a.h : a.w) / top;
	cairo_set_line_width(cr, 0.5);
	for (i = 0; i < n; i++) {
		v = t0 + step * i;
		plot_fmt_si(v * b->to_base, b->unit, buf, sizeof(buf));
		plot_set_rgb(cr, PLOT_GRID);
		if (vertical) {
			pos = a.y + a.h - v * *scale;
			cairo_move_to(cr, a.x, pos);
			cairo_line_to(cr, a.x + a.w, pos);
			cairo_stroke(cr);
			plot_set_rgb(cr, PLOT_MUTED);
			plot_text(cr, a.x - 3.0, pos - LABEL_PT * 0.65, LABEL_PT - 1.0, 0,
			    PLOT_RIGHT, 0.0, buf);
		} else {
			pos = a.x + v * *scale;
			cairo_move_to(cr, pos, a.y);
			cairo_line_to(cr, pos, a.y + a.h);
			cairo_stroke(cr);
			plot_set_rgb(cr, PLOT_MUTED);
			plot_text(cr, pos, a.y + a.h + 2.0, LABEL_PT - 1.0, 0,
			    i == n - 1 ? PLOT_RIGHT : i == 0 ? PLOT_LEFT : PLOT_CENTER,
			    0.0, buf);
		}
	}
	return top;
}

static void
error_bar(cairo_t *cr, double a, double b, double mid, double half, int vertical)
{
	plot_set_rgb(cr, PLOT_INK);
	cairo_set_line_width(cr, 0.8);
	if (vertical) {
		cairo_move_to(cr, mid, a);
		cairo_line_to(cr, mid, b);
		cairo_move_to(cr, mid - half, a);
		cairo_line_to(cr, mid + half, a);
		cairo_move_to(cr, mid - half, b);
		cairo_line_to(cr, mid + half, b);
	} else {
		cairo_move_to(cr, a, mid);
		cairo_line_to(cr, b, mid);
		cairo_move_to(cr, a, mid - half);
		cairo_line_to(cr, a, mid + half);
		cairo_move_to(cr, b, mid - half);
		cairo_line_to(cr, b, mid + half);
	}
	cairo_stroke(cr);
}

static int
desc(const void *a, const void *b)
{
	double	 x = *(const double *)a, y = *(const double *)b;

	return x < y ? 1 : x > y ? -1 : 0;
}

/* When a few bars dwarf the rest (a 250 GW fleet beside 0.3 GW campuses),
 * the axis stops above the largest of the others and the big bars are cut,
 * marked and labelled with their value. Returns the axis maximum. */
static double
axis_cut(const struct plot_bars *b, double vmax, int *cut)
{
	double	 m[256], sum;
	int	 c, s, n = b->ncat < 256 ? b->ncat : 256, k, best = -1;

	*cut = 0;
	for (c = 0; c < n; c++) {
		m[c] = 0.0;
		for (sum = 0.0, s = 0; s < b->nser; s++) {
			double v = b->ser[s].values[c];

			if (!isfinite(v))
				continue;
			if (b->ser[s].hi != NULL && isfinite(b->ser[s].hi[c]))
				v = fmax(v, b->ser[s].hi[c]);
			sum += v;
			m[c] = fmax(m[c], v);
		}
		if (b->stacked)
			m[c] = sum;
	}
	/* with few bars the reader compares them directly: never cut */
	if (n < 5)
		return vmax;
	qsort(m, (size_t)n, sizeof(m[0]), desc);
	/* at most one bar in five is cut (1 of 5-9, 2 of 10-14, ...): never
	 * a third of the chart */
	for (k = 0; k < n / 5; k++)
		if (m[k + 1] > 0.0 && m[k] > 4.0 * m[k + 1])
			best = k;
	if (best < 0)
		return vmax;
	*cut = 1;
	return m[best + 1] * 1.25;
}

/* Two white slashes across a cut bar near its end. */
static void
break_mark(cairo_t *cr, double x, double y, double h)
{
	cairo_save(cr);
	plot_set_rgb(cr, 0xffffffu);
	cairo_set_line_width(cr, 1.6);
	cairo_move_to(cr, x - 9.0, y + h + 1.0);
	cairo_line_to(cr, x - 5.0, y - 1.0);
	cairo_move_to(cr, x - 5.0, y + h + 1.0);
	cairo_line_to(cr, x - 1.0, y - 1.0);
	cairo_stroke(cr);
	cairo_restore(cr);
}

void
plot_hbars(cairo_t *cr, struct plot_box a, const struct plot_bars *b)
{
	plot_hbars_split(cr, a, b, b->ncat, NULL);
}

/* The sum of a stacked category's known, positive parts. */
static double
stack_total(const struct plot_bars *b, int c)
{
	double	 t = 0.0;
	int	 s;

	for (s = 0; s < b->nser; s++)
		if (isfinite(b->ser[s].values[c]) && b->ser[s].values[c] > 0.0)
			t += b->ser[s].values[c];
	return t;
}

void
plot_hbars_split(cairo_t *cr, struct plot_box a, const struct plot_bars *b,
    int nsplit, const char *head)
{
	double	 lw = 0.0, w, row, bar, scale, x, y, v, vmax, lab_pt;
	char	 buf[64];
	double	 top, vis, note_h = 0.0, shrink;
	int	 c, s, groups, cut, thin, nrows, rc;

	if (b->ncat == 0)
		return;
	if (nsplit >= b->ncat || head == NULL)
		nsplit = b->ncat;
	nrows = b->ncat + (nsplit < b->ncat);
	/* the category labels take what they need, at most 30 % */
	row = a.h / nrows;
	lab_pt = fmin(LABEL_PT, fmax(6.0, row * 0.55));
	for (c = 0; c < b->ncat; c++) {
		plot_text_extent(cr, lab_pt, 0, 0.0, b->cats[c], &w, NULL);
		lw = fmax(lw, w);
	}
	lw = fmin(lw, a.w * 0.3) + 6.0;
	a.x += lw;
	a.w -= lw + 44.0;	/* room for the last value label */
	a.h -= LABEL_PT + 4.0;	/* tick labels below */
	vmax = axis_cut(b, bars_max(b), &cut);
	if (cut) {
		note_h = LABEL_PT + 4.0;
		a.h -= note_h;
	}
	row = a.h / nrows;
	if (any_known(b)) {
		top = value_axis(cr, a, vmax, b, 0, &scale);
	} else {
		/* nothing but unknowns and zeros: no axis of made-up
		 * values */
		top = 1.0;
		scale = a.w;
	}
	if (cut) {
		plot_set_rgb(cr, PLOT_MUTED);
		plot_text(cr, a.x, a.y + a.h + LABEL_PT + 5.0, LABEL_PT - 1.5,
		    PLOT_ITALIC, PLOT_LEFT, a.w + 40.0, "Bars marked // are cut to "
		    "keep the others readable; their values are printed.");
	}
	groups = b->stacked ? 1 : b->nser;
	bar = fmin(row * 0.75 / groups, 18.0);
	/* a label a bar needs 7 pt of bar: else one label a row */
	thin = groups > 1 && bar < 7.0;
	if (nsplit < b->ncat) {
		/* the heading row of the set-apart categories */
		double	 hy = a.y + row * nsplit;

		cairo_save(cr);
		plot_set_rgb(cr, PLOT_MUTED);
		cairo_set_line_width(cr, 0.6);
		cairo_set_dash(cr, (const double[]){ 3.0, 2.0 }, 2, 0.0);
		cairo_move_to(cr, a.x - lw, hy + row / 2.0);
		cairo_line_to(cr, a.x + a.w + 40.0, hy + row / 2.0);
		cairo_stroke(cr);
		cairo_restore(cr);
		plot_text_extent(cr, fmin(lab_pt, 7.0), PLOT_ITALIC, 0.0, head, &w,
		    NULL);
		plot_set_rgb(cr, 0xffffffu);
		cairo_rectangle(cr, a.x - lw, hy + row / 2.0 - 5.0, w + 6.0, 10.0);
		cairo_fill(cr);
		plot_set_rgb(cr, PLOT_MUTED);
		plot_text(cr, a.x - lw, hy + row / 2.0 - fmin(lab_pt, 7.0) * 0.62,
		    fmin(lab_pt, 7.0), PLOT_ITALIC, PLOT_LEFT, 0.0, head);
	}
	for (c = 0; c < b->ncat; c++) {
		char	 row_label[160] = "";
		size_t	 len = 0;
		double	 row_end = a.x;

		rc = c + (c >= nsplit);		/* the row, past the heading */
		y = a.y + row * rc + (row - bar * groups) / 2.0;
		plot_set_rgb(cr, PLOT_INK);
		plot_text(cr, a.x - 4.0, a.y + row * rc + row / 2.0 - lab_pt * 0.65,
		    lab_pt, PLOT_ELLIPSIZE, PLOT_RIGHT, lw - 6.0, b->cats[c]);
		x = a.x;
		/* a stacked bar past the axis keeps its parts in proportion:
		 * all shrink alike, and the cut is marked at the end */
		shrink = 1.0;
		if (b->stacked && stack_total(b, c) > top)
			shrink = top / stack_total(b, c);
		for (s = 0; s < b->nser; s++) {
			v = b->ser[s].values[c];
			if (!isfinite(v) || v < 0.0)
				v = 0.0;
			/* what fits before the axis end */
			vis = b->stacked ? v * shrink : fmin(v, top - (x - a.x) / scale);
			plot_set_color(cr, b->color0 + s);
			cairo_rectangle(cr, x, y, vis * scale, bar);
			cairo_fill(cr);
			if (!b->stacked && vis < v)
				break_mark(cr, x + vis * scale, y, bar);
			if (b->stacked && v > 0.0) {
				/* white seams keep stacked parts apart in grey */
				plot_set_rgb(cr, 0xffffffu);
				cairo_set_line_width(cr, 0.6);
				cairo_move_to(cr, x + vis * scale, y);
				cairo_line_to(cr, x + vis * scale, y + bar);
				cairo_stroke(cr);
			}
			if (b->ser[s].lo != NULL && b->ser[s].hi != NULL &&
			    isfinite(b->ser[s].lo[c]) && isfinite(b->ser[s].hi[c]) &&
			    b->ser[s].hi[c] <= top)
				error_bar(cr, x + b->ser[s].lo[c] * scale,
				    x + b->ser[s].hi[c] * scale, y + bar / 2.0,
				    bar * 0.3, 0);
			if (!b->stacked && thin) {
				/* too thin to label each bar: one label a row */
				double	 reach = vis * scale;

				len += (size_t)snprintf(row_label + len,
				    sizeof(row_label) - len, "%s", s ? " / " : "");
				if (isnan(b->ser[s].values[c]))
					snprintf(buf, sizeof(buf), "not available");
				else
					plot_fmt_si(b->ser[s].values[c] *
					    b->to_base, b->unit, buf, sizeof(buf));
				len += (size_t)snprintf(row_label + len,
				    sizeof(row_label) - len, "%s", buf);
				row_end = fmax(row_end, x + reach);
				y += bar;
			} else if (!b->stacked && isnan(b->ser[s].values[c])) {
				/* unknown, not zero: said in words */
				if (b->nser > 1 && b->ser[s].name != NULL)
					snprintf(buf, sizeof(buf), "%s: not available",
					    b->ser[s].name);
				else
					snprintf(buf, sizeof(buf), "not available");
				plot_set_rgb(cr, PLOT_MUTED);
				plot_text(cr, x + 3.0, y + bar / 2.0 -
				    fmin(bar, LABEL_PT) * 0.62,
				    fmin(LABEL_PT - 0.5, fmax(6.5, bar * 0.85)),
				    PLOT_ITALIC, PLOT_LEFT, 0.0, buf);
				y += bar;
			} else if (!b->stacked) {
				plot_fmt_si(b->ser[s].values[c] * b->to_base, b->unit,
				    buf, sizeof(buf));
				plot_set_rgb(cr, PLOT_INK);
				plot_text(cr, x + vis * scale + 3.0 +
				    (b->ser[s].hi != NULL && isfinite(b->ser[s].hi[c]) &&
				    b->ser[s].hi[c] <= top ?
				    (b->ser[s].hi[c] - v) * scale : 0.0),
				    y + bar / 2.0 - fmin(bar, LABEL_PT) * 0.62,
				    fmin(LABEL_PT - 0.5, fmax(6.5, bar * 0.85)), 0,
				    PLOT_LEFT, 0.0, buf);
				y += bar;
			} else {
				x += vis * scale;
			}
		}
		if (b->stacked && shrink < 1.0)
			break_mark(cr, x, y, bar);
		if (!b->stacked && thin) {
			double	 lp = fmin(LABEL_PT - 0.5, fmax(6.5, row * 0.7));
			double	 lx = row_end + 3.0, ly, tw, th;

			plot_text_extent(cr, lp, 0, 0.0, row_label, &tw, &th);
			ly = a.y + row * rc + row / 2.0 - lp * 0.62;
			if (lx + tw > a.x + a.w + 42.0) {
				/* past the box (a cut bar): over the bar's end,
				 * on white */
				lx = a.x + a.w + 42.0 - tw;
				plot_set_rgb(cr, 0xffffffu);
				cairo_rectangle(cr, lx - 2.0, ly, tw + 4.0, th);
				cairo_fill(cr);
			}
			plot_set_rgb(cr, PLOT_INK);
			plot_text(cr, lx, ly, lp, 0, PLOT_LEFT, 0.0, row_label);
		}
		if (b->stacked) {
			double	 total = 0.0, lab_x = x + 3.0;
			int	 unknown = 0;

			for (s = 0; s < b->nser; s++)
				if (isfinite(b->ser[s].values[c]))
					total += b->ser[s].values[c];
				else
					unknown = 1;
			if (b->total_lo != NULL && isfinite(b->total_lo[c]) &&
			    isfinite(b->total_hi[c]) && b->total_hi[c] <= top) {
				error_bar(cr, a.x + b->total_lo[c] * scale,
				    a.x + b->total_hi[c] * scale, y + bar / 2.0,
				    bar * 0.3, 0);
				lab_x = fmax(lab_x, a.x + b->total_hi[c] * scale + 3.0);
			}
			/* a part unknown (a country grid's NOx): no total */
			if (unknown && total > 0.0) {
				size_t	 m;

				plot_fmt_si(total * b->to_base, b->unit, buf,
				    sizeof(buf));
				m = strlen(buf);
				snprintf(buf + m, sizeof(buf) - m, " + not available");
			} else if (unknown) {
				snprintf(buf, sizeof(buf), "not available");
			} else {
				plot_fmt_si(total * b->to_base, b->unit, buf,
				    sizeof(buf));
			}
			plot_set_rgb(cr, unknown ? PLOT_MUTED : PLOT_INK);
			plot_text(cr, lab_x, y + bar / 2.0 - LABEL_PT * 0.62,
			    LABEL_PT - 0.5, unknown ? PLOT_ITALIC : 0, PLOT_LEFT,
			    0.0, buf);
		}
	}
	/* the zero line */
	plot_set_rgb(cr, PLOT_INK);
	cairo_set_line_width(cr, 0.8);
	cairo_move_to(cr, a.x, a.y);
	cairo_line_to(cr, a.x, a.y + a.h);
	cairo_stroke(cr);
}

void
plot_month_bars(cairo_t *cr, struct plot_box a, const struct plot_bars *b)
{
	static const char *const months[] = { "Jan", "Feb", "Mar", "Apr", "May",
	    "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	double	 col, bar, scale, y, v, tw;
	char	 buf[64];
	int	 c, s;

	/* room for the axis labels at the left and the month names below */
	plot_fmt_si(bars_max(b) * b->to_base, b->unit, buf, sizeof(buf));
	plot_text_extent(cr, LABEL_PT - 1.0, 0, 0.0, buf, &tw, NULL);
	a.x += tw + 8.0;
	a.w -= tw + 8.0;
	a.h -= LABEL_PT + 6.0;
	a.y += 4.0;
	a.h -= 4.0;
	value_axis(cr, a, bars_max(b), b, 1, &scale);
	col = a.w / b->ncat;
	bar = col * 0.7;
	for (c = 0; c < b->ncat; c++) {
		y = a.y + a.h;
		for (s = 0; s < b->nser; s++) {
			v = b->ser[s].values[c];
			if (!isfinite(v) || v < 0.0)
				v = 0.0;
			plot_set_color(cr, b->color0 + s);
			cairo_rectangle(cr, a.x + col * c + (col - bar) / 2.0,
			    y - v * scale, bar, v * scale);
			cairo_fill(cr);
			y -= v * scale;
			if (b->ser[s].lo != NULL && b->ser[s].hi != NULL &&
			    isfinite(b->ser[s].lo[c]) && isfinite(b->ser[s].hi[c]))
				error_bar(cr, a.y + a.h - b->ser[s].lo[c] * scale,
				    a.y + a.h - b->ser[s].hi[c] * scale,
				    a.x + col * c + col / 2.0, bar * 0.2, 1);
		}
		plot_set_rgb(cr, PLOT_MUTED);
		plot_text(cr, a.x + col * c + col / 2.0, a.y + a.h + 2.0,
		    LABEL_PT - 1.0, 0, PLOT_CENTER, 0.0,
		    b->ncat == 12 ? months[c] : b->cats[c]);
	}
	plot_set_rgb(cr, PLOT_INK);
	cairo_set_line_width(cr, 0.8);
	cairo_move_to(cr, a.x, a.y + a.h);
	cairo_line_to(cr, a.x + a.w, a.y + a.h);
	cairo_stroke(cr);
}
