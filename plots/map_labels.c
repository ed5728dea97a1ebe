/* Map labels: greedy placement around the circles (pure: place_labels
 * needs no cairo), then the labels and their leader lines drawn. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include <cairo.h>

#include "plots/internal.h"
#include "sites/site.h"

static int
rect_hit(const struct map_rect *a, const struct map_rect *b)
{
	return a->x0 < b->x1 && b->x0 < a->x1 && a->y0 < b->y1 && b->y0 < a->y1;
}

/* How far a circle reaches into a rectangle, pt (0: apart). */
static double
circle_in_rect(const struct map_rect *a, double cx, double cy, double r)
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
 * frame and off the scale bar. */
void
map_place_labels(const struct map *m, struct map_label *lab, const int *order,
    const struct map_rect *avoid)
{
	static const double dirs[] = { 0, 180, 90, 270, 45, 135, 315, 225 };
	struct map_rect	 frame = { m->bx + 2.0, m->by + 2.0, m->bx + m->bw - 2.0,
	    m->by + m->bh - 2.0 };
	int		 oi, i, j, ring, d, nd;

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
				    r.x1 > frame.x1 || r.y1 > frame.y1 ||
				    rect_hit(&r, avoid))
					continue;
				for (j = 0; j < m->n; j++) {
					if (lab[j].placed && rect_hit(&r, &lab[j].box))
						break;
					if (j == i || !m->s[j].ok)
						continue;
					/* never cover another marker's centre */
					if (circle_in_rect(&r, m->s[j].px,
					    m->s[j].py, 2.0) > 0.0)
						break;
					cost += circle_in_rect(&r, m->s[j].px,
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
		 * another); map_draw_labels() says how many */
	}
}

void
map_draw_labels(cairo_t *cr, const struct map *m, const struct plot_site *ps,
    const struct map_rect *avoid)
{
	struct map_label	*lab;
	int		*order, i, j, t;
	char		 pw[32];
	double		 maxw = 0.5 * m->bw;
	double		 pad = 1.5;
	int		 unlabelled = 0;

	lab = calloc((size_t)m->n + 1, sizeof(*lab));
	order = calloc((size_t)m->n + 1, sizeof(*order));
	if (lab == NULL || order == NULL)
		goto out;
	for (i = 0; i < m->n; i++) {
		if (m->s[i].capped)
			snprintf(lab[i].text, sizeof(lab[i].text), "%s (%s)",
			    ps[i].site->name, plot_fmt_si(m->s[i].mw * 1e6,
			    PLOT_U_W, pw, sizeof(pw)));
		else
			snprintf(lab[i].text, sizeof(lab[i].text), "%s",
			    ps[i].site->name);
		/* a long name wraps to two lines rather than being cut */
		plot_text_extent(cr, m->label_pt, PLOT_TWO_LINES, maxw,
		    lab[i].text, &lab[i].w, &lab[i].h);
		lab[i].w += 2.0 * pad;
		lab[i].h += 2.0 * pad;
		order[i] = i;
	}
	/* biggest circles first: they have the least room near them */
	for (i = 1; i < m->n; i++)
		for (j = i; j > 0 && m->s[order[j]].r > m->s[order[j - 1]].r;
		    j--) {
			t = order[j];
			order[j] = order[j - 1];
			order[j - 1] = t;
		}
	map_place_labels(m, lab, order, avoid);

	cairo_save(cr);
	for (i = 0; i < m->n; i++) {
		if (!m->s[i].ok || !lab[i].leader)
			continue;
		cairo_move_to(cr, lab[i].ex, lab[i].ey);
		cairo_line_to(cr, lab[i].ax, lab[i].ay);
	}
	plot_set_rgb(cr, PLOT_MUTED);
	cairo_set_line_width(cr, 0.5);
	cairo_stroke(cr);
	for (i = 0; i < m->n; i++) {
		if (!m->s[i].ok)
			continue;
		if (!lab[i].placed) {
			unlabelled++;
			continue;
		}
		cairo_rectangle(cr, lab[i].box.x0, lab[i].box.y0, lab[i].w,
		    lab[i].h);
		cairo_set_source_rgba(cr, 1.0, 1.0, 1.0, 0.75);
		cairo_fill(cr);
		plot_set_rgb(cr, PLOT_INK);
		plot_text(cr, lab[i].box.x0 + pad, lab[i].box.y0 + pad,
		    m->label_pt, PLOT_TWO_LINES, PLOT_LEFT, maxw, lab[i].text);
	}
	if (unlabelled > 0) {
		char	 note[96];
		double	 tw, th;

		snprintf(note, sizeof(note), "%d site%s not labelled (no room "
		    "free of other labels)", unlabelled, unlabelled > 1 ? "s" : "");
		plot_text_extent(cr, m->label_pt, PLOT_ITALIC, 0.0, note, &tw, &th);
		cairo_rectangle(cr, m->bx + m->bw - tw - 6.0, m->by + 2.0,
		    tw + 4.0, th);
		cairo_set_source_rgba(cr, 1.0, 1.0, 1.0, 0.85);
		cairo_fill(cr);
		plot_set_rgb(cr, PLOT_MUTED);
		plot_text(cr, m->bx + m->bw - 4.0, m->by + 2.0, m->label_pt,
		    PLOT_ITALIC, PLOT_RIGHT, 0.0, note);
	}
	cairo_restore(cr);
out:
	free(lab);
	free(order);
}
