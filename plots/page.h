/* Inside plots/: the page frame that reports and comparisons share
 * (plots/page.c), and the sources pages (plots/sources.c). */
#ifndef PLOTS_PAGE_H
#define PLOTS_PAGE_H

#include <stddef.h>

#include "plots/internal.h"

/* A page being drawn: its size in points, its number "n" of "of", and the
 * footer's text (a site's file as page_path() shows it, or "10 sites"). */
struct page {
	double		 w, h;
	int		 n, of;
	const char	*foot;
	struct plot_text_check *chk;	/* page_frame() attaches it; NULL */
};

/* The layout check of a document: "chk" when DCIMPACT_CHECK_TEXT is set,
 * else NULL; and after drawing, -1 with "e" (ERR_IO, "out" named) when a
 * text box left a page. */
struct plot_text_check *page_check_new(struct plot_text_check *chk);
int	 page_check_done(const struct plot_text_check *chk, const char *out,
	    struct err *e);

#define TILE_H	76.0	/* a headline tile: label, big number, 2 lines */
#define SUB_MAX	1200	/* a subtitle */

/* The page size of o->paper (landscape A4 or US Letter), points. */
void	 page_size(const struct plot_opts *o, double *w_pt, double *h_pt);
/* Title band and footer; returns the box left for content. */
struct plot_box page_frame(cairo_t *, const struct page *, const char *title,
	    const char *sub);
/* A headline figure in a TILE_H box: label, big number, a range line
 * ("" or NULL: none) and the context (wrapped, two lines at most). */
double	 page_tile(cairo_t *, double x, double y, double w, const char *label,
	    const char *big, const char *range, const char *context);
const char *page_si(double v, enum plot_unit u, char *buf, size_t n);
/* The index in emis_metrics of "key" (which must exist). */
size_t	 page_metric_index(const char *key);
/* P5 and P95 of the metrics "keys" (n of them) into lo and hi; 0 when the
 * site has no ranges. */
int	 page_ranges_of(const struct plot_site *s, const char *const *keys,
	    int n, double *lo, double *hi);
/* "P5–P95: a to b" of metric "key" (prefixed by "what" when not NULL),
 * or "" when the site has no ranges (--samples). Returns buf. */
const char *page_range_text(const struct plot_site *s, const char *what,
	    const char *key, enum plot_unit u, double to_base, char *buf,
	    size_t n);
/* The subtitle of every page: one site's (nsites 1) or the comparison's,
 * with the grid basis in words. */
void	 page_subtitle(const struct plot_opts *o, const struct plot_site *s,
	    int nsites, const struct emis_catalogs *c, char buf[SUB_MAX]);
/* A bar chart's settings; colours from the palette's start. */
struct plot_bars page_bars_of(int ncat, const char *const *cats, int nser,
	    const struct plot_series *ser, int stacked, enum plot_unit unit,
	    double to_base);
/* The site's file as a published page may show it: relative to the
 * working directory when it lies below it, else its base name (no
 * absolute path of the machine). Returns buf. */
const char *page_path(const char *file, char *buf, size_t n);

/* Sources pages (plots/sources.c): how many pages the sources of the "n"
 * sites take (a dry run on a recording surface), and drawing them as the
 * next pages of "cv", pg->n counting on. */
struct plot_canvas;
int	 sources_page_count(const struct page *pg, const struct plot_site *s,
	    int n, const struct emis_catalogs *c, const struct plot_opts *o,
	    const char *sub);
void	 sources_pages_draw(struct plot_canvas *cv, struct page *pg,
	    const struct plot_site *s, int n, const struct emis_catalogs *c,
	    const struct plot_opts *o, const char *sub);

#endif
