/* Inside the map files (map.c, map_labels.c, map_legend.c): the boxes
 * drawn over the map frame (the scale bar, the note on unlabelled sites)
 * and where they go, besides what plots/internal.h declares. */
#ifndef PLOTS_MAP_H
#define PLOTS_MAP_H

#include <stddef.h>

#include "plots/internal.h"

/* The frame's corners, in the order a tie is broken: a scale bar goes
 * lower left unless another corner overlaps fewer markers and labels. */
enum map_corner {
	MAP_LOWER_LEFT, MAP_LOWER_RIGHT, MAP_UPPER_LEFT, MAP_UPPER_RIGHT,
	MAP_NCORNERS
};

/* The scale bar, measured: a bar len_pt long and its label, on a white
 * backing w x h pt. ok 0: the projection gives no length (no bar). */
struct map_scalebar {
	int		 ok;
	double		 len_pt, tw, th, fs;
	double		 w, h;
	char		 lab[64];
};

/* What is drawn over the frame besides the circles, laid out: the labels
 * (lab, in placement order "order"), the scale bar's box and the note's
 * ("N sites not labelled"). A box that could find no corner free of
 * markers is drawn under the circles (*_under), so it hides no marker. */
struct map_overlays {
	struct map_label *lab;
	int		*order;
	struct map_scalebar bar;
	struct map_rect	 bar_box;
	enum map_corner	 bar_corner;
	int		 bar_under;
	char		 note[96];
	double		 note_w, note_h;	/* the longest note's size */
	struct map_rect	 note_box;
	int		 note_under;
	int		 unlabelled;		/* 0: no note */
};

/* map_legend.c. Measure the scale bar; the box w x h in corner "c" of the
 * frame, "inset" pt from its sides; draw the bar in its box. */
void	 map_scalebar_measure(cairo_t *, const struct map *,
	    struct map_scalebar *);
struct map_rect map_corner_box(const struct map *, enum map_corner c,
	    double w, double h, double inset);
void	 map_scalebar_draw(cairo_t *, const struct map_scalebar *,
	    const struct map_rect *box);

/* map_labels.c. How far a circle reaches into a rectangle, pt (0: apart).
 * Labels placed off every rectangle of avoid[0..navoid). */
double	 map_circle_in_rect(const struct map_rect *, double cx, double cy,
	    double r);
void	 map_place_labels_off(const struct map *, struct map_label *lab,
	    const int *order, const struct map_rect *avoid, int navoid);
/* Measure the labels, choose the scale bar's corner (the one whose box
 * overlaps the fewest markers, then leaves the fewest labels out, then
 * needs the fewest leader lines; ties in enum map_corner's order) and the
 * note's, and place the labels off both. 0, or -1 out of memory (then
 * nothing is drawn over the map). map_overlays_free() either way. */
int	 map_overlays_layout(cairo_t *, const struct map *,
	    const struct plot_site *, struct map_overlays *);
/* Draw the boxes that go under the circles (under 1) or over them, with
 * the labels (under 0). */
void	 map_overlays_draw(cairo_t *, const struct map *,
	    const struct map_overlays *, int under);
void	 map_overlays_free(struct map_overlays *);

#endif
