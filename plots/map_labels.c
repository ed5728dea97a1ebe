/* Map labels: greedy placement around the circles (pure: place_labels
 * needs no cairo); the corners of the scale bar and of the note on
 * unlabelled sites, chosen clear of the markers and labels; then the
 * labels, their leader lines and those boxes drawn. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>

#include "plots/internal.h"
#include "plots/map.h"
#include "sites/site.h"

static int
rect_hit(const struct map_rect *a, const struct map_rect *b)
{
	return a->x0 < b->x1 && b->x0 < a->x1 && a->y0 < b->y1 && b->y0 < a->y1;
}

/* How far a circle reaches into a rectangle, pt (0: apart). */
double
map_circle_in_rect(const struct map_rect *a, double cx, double cy, double r)
{
	double	 nx = fmin(fmax(cx, a->x0), a->x1);
	double	 ny = fmin(fmax(cy, a->y0), a->y1);
	double	 d = hypot(cx - nx, cy - ny);

	if (cx >= a->x0 && cx <= a->x1 && cy >= a->y0 && cy <= a->y1)
		return r + fmin(fmin(cx - a->x0, a->x1 - cx),
		    fmin(cy - a->y0, a->y1 - cy));
	return d < r ? r - d : 0.0;
}

/* Greedy placement: each label tries positions around its circle (right,
 * left, above, below, the diagonals), then farther out with a leader line;
 * the first that touches no placed label, no marker and no other circle
 * wins, else the one that overlaps circles least. Labels stay in the map
 * frame and off the boxes to avoid (the scale bar, the note). */
void
map_place_labels_off(const struct map *m, struct map_label *lab,
    const int *order, const struct map_rect *avoid, int navoid)
{
	static const double dirs[] = { 0, 180, 90, 270, 45, 135, 315, 225 };
	struct map_rect	 frame = { m->bx + 2.0, m->by + 2.0, m->bx + m->bw - 2.0,
	    m->by + m->bh - 2.0 };
	int		 oi, i, j, k, ring, d, nd;

	for (i = 0; i < m->n; i++)
		lab[i].placed = lab[i].leader = 0;
	for (oi = 0; oi < m->n; oi++) {
		const struct map_site *s;
		struct map_label	*L;
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
				struct map_rect r;
				double	 cost = 0.0;

				r.x0 = ax + (fx - 1.0) * L->w / 2.0;
				r.y0 = ay - (fy + 1.0) * L->h / 2.0;
				r.x1 = r.x0 + L->w;
				r.y1 = r.y0 + L->h;
				if (r.x0 < frame.x0 || r.y0 < frame.y0 ||
				    r.x1 > frame.x1 || r.y1 > frame.y1)
					continue;
				for (k = 0; k < navoid &&
				    !rect_hit(&r, &avoid[k]); k++)
					continue;
				if (k < navoid)
					continue;
				for (j = 0; j < m->n; j++) {
					if (j != i && lab[j].placed &&
					    rect_hit(&r, &lab[j].box))
						break;
					if (j == i || !m->s[j].ok)
						continue;
					/* never cover another marker's centre */
					if (map_circle_in_rect(&r, m->s[j].px,
					    m->s[j].py, 2.0) > 0.0)
						break;
					cost += map_circle_in_rect(&r, m->s[j].px,
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
		/* nowhere free: the label is left out (never piled on
		 * another); the note of map_overlays_draw() says how many */
	}
}

void
map_place_labels(const struct map *m, struct map_label *lab, const int *order,
    const struct map_rect *avoid)
{
	map_place_labels_off(m, lab, order, avoid, 1);
}

#define LABEL_PAD	1.5
#define BAR_INSET	6.0	/* the scale bar from the frame's sides */
#define NOTE_INSET	2.0

/* How far the circles reach into "r", pt summed over the markers. */
static double
markers_in(const struct map *m, const struct map_rect *r)
{
	double	 d = 0.0;
	int	 i;

	for (i = 0; i < m->n; i++)
		if (m->s[i].ok)
			d += map_circle_in_rect(r, m->s[i].px, m->s[i].py,
			    m->s[i].r + 1.0);
	return d;
}

/* Place the labels with the scale bar in corner "c": the note's corner
 * when some label finds no room, and the cost of the whole (markers under
 * the boxes first, then labels left out, then leader lines). */
static double
try_corner(const struct map *m, struct map_overlays *ov, enum map_corner c)
{
	static const enum map_corner note_pref[] = { MAP_UPPER_RIGHT,
	    MAP_UPPER_LEFT, MAP_LOWER_RIGHT, MAP_LOWER_LEFT };
	struct map_rect	 avoid[2];
	double		 under, best = (double)INFINITY, d;
	int		 navoid = 0, i, k, nleader = 0;

	ov->bar_corner = c;
	if (ov->bar.ok) {
		ov->bar_box = map_corner_box(m, c, ov->bar.w, ov->bar.h,
		    BAR_INSET);
		avoid[navoid++] = ov->bar_box;
	}
	under = ov->bar.ok ? markers_in(m, &ov->bar_box) : 0.0;
	map_place_labels_off(m, ov->lab, ov->order, avoid, navoid);
	ov->unlabelled = 0;
	for (i = 0; i < m->n; i++)
		ov->unlabelled += m->s[i].ok && !ov->lab[i].placed;
	if (ov->unlabelled > 0) {
		/* the note in the free corner nearest the upper right */
		for (k = 0; k < MAP_NCORNERS; k++) {
			struct map_rect	 r;

			if (ov->bar.ok && note_pref[k] == c)
				continue;
			r = map_corner_box(m, note_pref[k], ov->note_w + 4.0,
			    ov->note_h, NOTE_INSET);
			if ((d = markers_in(m, &r)) < best) {
				best = d;
				ov->note_box = r;
			}
		}
		under += best;
		avoid[navoid++] = ov->note_box;
		map_place_labels_off(m, ov->lab, ov->order, avoid, navoid);
		ov->unlabelled = 0;
		for (i = 0; i < m->n; i++)
			ov->unlabelled += m->s[i].ok && !ov->lab[i].placed;
	}
	for (i = 0; i < m->n; i++)
		nleader += ov->lab[i].placed && ov->lab[i].leader;
	return 1e4 * under + 100.0 * ov->unlabelled + nleader;
}

int
map_overlays_layout(cairo_t *cr, const struct map *m,
    const struct plot_site *ps, struct map_overlays *ov)
{
	char		 pw[32];
	double		 maxw = 0.5 * m->bw, cost, best = (double)INFINITY;
	int		 i, j, t, c, bestc = MAP_LOWER_LEFT;

	memset(ov, 0, sizeof(*ov));
	ov->lab = calloc((size_t)m->n + 1, sizeof(*ov->lab));
	ov->order = calloc((size_t)m->n + 1, sizeof(*ov->order));
	if (ov->lab == NULL || ov->order == NULL) {
		map_overlays_free(ov);
		return -1;
	}
	for (i = 0; i < m->n; i++) {
		struct map_label *L = &ov->lab[i];

		if (m->s[i].capped)
			snprintf(L->text, sizeof(L->text), "%s (%s)",
			    ps[i].site->name, plot_fmt_si(m->s[i].mw * 1e6,
			    PLOT_U_W, pw, sizeof(pw)));
		else
			snprintf(L->text, sizeof(L->text), "%s",
			    ps[i].site->name);
		/* a long name wraps to two lines rather than being cut */
		plot_text_extent(cr, m->label_pt, PLOT_TWO_LINES, maxw,
		    L->text, &L->w, &L->h);
		L->w += 2.0 * LABEL_PAD;
		L->h += 2.0 * LABEL_PAD;
		ov->order[i] = i;
	}
	/* biggest circles first: they have the least room near them */
	for (i = 1; i < m->n; i++)
		for (j = i; j > 0 && m->s[ov->order[j]].r >
		    m->s[ov->order[j - 1]].r; j--) {
			t = ov->order[j];
			ov->order[j] = ov->order[j - 1];
			ov->order[j - 1] = t;
		}
	/* the note at its widest (every site unlabelled) */
	snprintf(ov->note, sizeof(ov->note), "%d sites not labelled (no room "
	    "free of other labels)", m->n);
	plot_text_extent(cr, m->label_pt, PLOT_ITALIC, 0.0, ov->note,
	    &ov->note_w, &ov->note_h);
	map_scalebar_measure(cr, m, &ov->bar);
	for (c = 0; c < (ov->bar.ok ? MAP_NCORNERS : 1); c++)
		if ((cost = try_corner(m, ov, (enum map_corner)c)) < best) {
			best = cost;
			bestc = c;
		}
	try_corner(m, ov, (enum map_corner)bestc);
	/* a box no corner keeps clear of the markers goes under them */
	ov->bar_under = ov->bar.ok && markers_in(m, &ov->bar_box) > 0.0;
	ov->note_under = ov->unlabelled > 0 && markers_in(m,
	    &ov->note_box) > 0.0;
	snprintf(ov->note, sizeof(ov->note), "%d site%s not labelled (no room "
	    "free of other labels)", ov->unlabelled, ov->unlabelled > 1 ?
	    "s" : "");
	return 0;
}

static void
draw_note(cairo_t *cr, const struct map *m, const struct map_overlays *ov)
{
	double	 tw, th;

	plot_text_extent(cr, m->label_pt, PLOT_ITALIC, 0.0, ov->note, &tw, &th);
	cairo_rectangle(cr, ov->note_box.x1 - tw - 4.0, ov->note_box.y0,
	    tw + 4.0, th);
	cairo_set_source_rgba(cr, 1.0, 1.0, 1.0, 0.85);
	cairo_fill(cr);
	plot_set_rgb(cr, PLOT_MUTED);
	plot_text(cr, ov->note_box.x1 - 2.0, ov->note_box.y0, m->label_pt,
	    PLOT_ITALIC, PLOT_RIGHT, 0.0, ov->note);
}

void
map_overlays_draw(cairo_t *cr, const struct map *m,
    const struct map_overlays *ov, int under)
{
	const struct map_label *lab = ov->lab;
	double		 maxw = 0.5 * m->bw;
	int		 i;

	if (lab == NULL)
		return;
	cairo_save(cr);
	if (ov->bar.ok && ov->bar_under == under)
		map_scalebar_draw(cr, &ov->bar, &ov->bar_box);
	if (ov->unlabelled > 0 && ov->note_under && under)
		draw_note(cr, m, ov);
	if (under) {
		cairo_restore(cr);
		return;
	}
	for (i = 0; i < m->n; i++) {
		if (!m->s[i].ok || !lab[i].placed || !lab[i].leader)
			continue;
		cairo_move_to(cr, lab[i].ex, lab[i].ey);
		cairo_line_to(cr, lab[i].ax, lab[i].ay);
	}
	plot_set_rgb(cr, PLOT_MUTED);
	cairo_set_line_width(cr, 0.5);
	cairo_stroke(cr);
	for (i = 0; i < m->n; i++) {
		if (!m->s[i].ok || !lab[i].placed)
			continue;
		cairo_rectangle(cr, lab[i].box.x0, lab[i].box.y0, lab[i].w,
		    lab[i].h);
		cairo_set_source_rgba(cr, 1.0, 1.0, 1.0, 0.75);
		cairo_fill(cr);
		plot_set_rgb(cr, PLOT_INK);
		plot_text(cr, lab[i].box.x0 + LABEL_PAD, lab[i].box.y0 +
		    LABEL_PAD, m->label_pt, PLOT_TWO_LINES, PLOT_LEFT, maxw,
		    lab[i].text);
	}
	if (ov->unlabelled > 0 && !ov->note_under)
		draw_note(cr, m, ov);
	cairo_restore(cr);
}

void
map_overlays_free(struct map_overlays *ov)
{
	free(ov->lab);
	free(ov->order);
	ov->lab = NULL;
	ov->order = NULL;
}
