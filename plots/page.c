/* The page frame shared by reports and comparisons: title band, footer,
 * headline tiles, subtitles, and small helpers for bar charts of metrics. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/err.h"
#include "common/units.h"
#include "plots/internal.h"
#include "plots/page.h"

#define MARGIN		34.0
#define A4_W		841.89	/* landscape, points */
#define A4_H		595.28
#define LETTER_W	792.0
#define LETTER_H	612.0

/* Title band and footer; returns the box left for content. */
struct plot_box
page_frame(cairo_t *cr, const struct page *pg, const char *title, const char *sub)
{
	struct plot_box	 b = { MARGIN, MARGIN, pg->w - 2 * MARGIN, pg->h - 2 * MARGIN };
	char		 buf[300];
	double		 th;

	if (pg->chk != NULL)
		plot_text_check_attach(cr, pg->chk, pg->w, pg->h, pg->n);
	plot_set_rgb(cr, PLOT_INK);
	th = plot_text(cr, b.x, b.y, 17.0, PLOT_BOLD, PLOT_LEFT, b.w * 0.98, title);
	if (sub != NULL) {
		plot_set_rgb(cr, PLOT_MUTED);
		th += plot_text(cr, b.x, b.y + th + 1.0, 8.5, 0, PLOT_LEFT, b.w, sub) + 1.0;
	}
	plot_set_color(cr, 0);
	cairo_rectangle(cr, b.x, b.y + th + 4.0, b.w, 1.5);
	cairo_fill(cr);
	snprintf(buf, sizeof(buf), "dcimpact %s  \xc2\xb7  %s  \xc2\xb7  page %d of %d",
	    DCIMPACT_VERSION, pg->foot, pg->n, pg->of);
	plot_set_rgb(cr, PLOT_MUTED);
	plot_text(cr, b.x, pg->h - MARGIN + 8.0, 6.5, 0, PLOT_LEFT, b.w, buf);
	b.y += th + 14.0;
	b.h -= th + 14.0;
	return b;
}

double
page_tile(cairo_t *cr, double x, double y, double w, const char *label,
    const char *big, const char *range, const char *context)
{
	double	 h = 0.0;

	plot_set_rgb(cr, PLOT_PANEL);
	cairo_rectangle(cr, x, y, w, TILE_H);
	cairo_fill(cr);
	plot_set_color(cr, 0);
	cairo_rectangle(cr, x, y, 3.0, TILE_H);
	cairo_fill(cr);
	plot_set_rgb(cr, PLOT_MUTED);
	h += plot_text(cr, x + 9.0, y + 5.0, 7.0, PLOT_BOLD | PLOT_ELLIPSIZE,
	    PLOT_LEFT, w - 12.0, label);
	plot_set_rgb(cr, PLOT_INK);
	h += plot_text(cr, x + 9.0, y + 5.0 + h, 15.0, PLOT_BOLD | PLOT_ELLIPSIZE,
	    PLOT_LEFT, w - 12.0, big);
	if (range != NULL && range[0] != '\0') {
		/* the P5-P95 range on its own line: never cut */
		plot_set_rgb(cr, PLOT_INK);
		h += plot_text(cr, x + 9.0, y + 5.0 + h + 1.0, 7.0, 0,
		    PLOT_LEFT, w - 12.0, range) + 1.0;
	}
	plot_set_rgb(cr, PLOT_MUTED);
	plot_text(cr, x + 9.0, y + 5.0 + h + 1.0, 7.0, PLOT_TWO_LINES, PLOT_LEFT,
	    w - 12.0, context);
	return TILE_H;
}

const char *
page_si(double v, enum plot_unit u, char *buf, size_t n)
{
	return plot_fmt_si(v, u, buf, n);
}

size_t
page_metric_index(const char *key)
{
	return (size_t)(emis_metric_find(key) - emis_metrics);
}

/* P5 and P95 of the metrics "keys" (n of them) into lo and hi; 0 when the
 * site has no ranges. */
int
page_ranges_of(const struct plot_site *s, const char *const *keys, int n,
    double *lo, double *hi)
{
	int	 i;

	if (s->p5 == NULL)
		return 0;
	for (i = 0; i < n; i++) {
		lo[i] = s->p5[page_metric_index(keys[i])];
		hi[i] = s->p95[page_metric_index(keys[i])];
	}
	return 1;
}

const char *
page_range_text(const struct plot_site *s, const char *what, const char *key,
    enum plot_unit u, double to_base, char *buf, size_t n)
{
	char	 a[48], b[48];
	size_t	 m = page_metric_index(key);

	if (s->p5 == NULL || !isfinite(s->p5[m]) || !isfinite(s->p95[m])) {
		snprintf(buf, n, "%s", "");
		return buf;
	}
	snprintf(buf, n, "%s%sP5\xe2\x80\x93P95: %s to %s", what != NULL ? what :
	    "", what != NULL ? " " : "",
	    page_si(s->p5[m] * to_base, u, a, sizeof(a)),
	    page_si(s->p95[m] * to_base, u, b, sizeof(b)));
	return buf;
}

const char *
page_path(const char *file, char *buf, size_t n)
{
	char		 cwd[1024];
	const char	*base = strrchr(file, '/');
	size_t		 len;

	base = base != NULL ? base + 1 : file;
	if (file[0] != '/') {
		/* as typed, unless it climbs out of the working folder */
		if (strncmp(file, "../", 3) == 0 || strstr(file, "/../") != NULL)
			snprintf(buf, n, "%s", base);
		else
			snprintf(buf, n, "%s", file[0] == '.' && file[1] == '/' ?
			    file + 2 : file);
		return buf;
	}
	if (getcwd(cwd, sizeof(cwd)) != NULL && (len = strlen(cwd)) > 1 &&
	    strncmp(file, cwd, len) == 0 && file[len] == '/' &&
	    strstr(file + len, "/../") == NULL) {
		snprintf(buf, n, "%s", file + len + 1);
		return buf;
	}
	snprintf(buf, n, "%s", base);
	return buf;
}

/* The subtitle of every page: one site's (nsites 1) or the comparison's,
 * with the grid basis in words. */
void
page_subtitle(const struct plot_opts *o, const struct plot_site *s, int nsites,
    const struct emis_catalogs *c, char buf[SUB_MAX])
{
	const size_t	 n = SUB_MAX;
	char	 when[40], basis[300];

	if (o->year != 0)
		snprintf(when, sizeof(when), "year %d", o->year);
	else
		snprintf(when, sizeof(when), "full build-out");
	report_basis_label(o, s, nsites, c, basis, sizeof(basis));
	if (nsites == 1)
		snprintf(buf, n, "%s%s%s  \xc2\xb7  %s  \xc2\xb7  grid %s (%s)  \xc2\xb7  "
		    "GWP100 %s  \xc2\xb7  %s",
		    s->site->operator_name, s->site->operator_name[0] ? "  \xc2\xb7  " : "",
		    s->site->place[0] ? s->site->place : s->site->country, when,
		    s->refs->grid->id, s->refs->grid->name, o->gwp_id, basis);
	else
		snprintf(buf, n, "%s  \xc2\xb7  GWP100 %s  \xc2\xb7  %s  "
		    "\xc2\xb7  location-based unless marked market-based", when,
		    o->gwp_id, basis);
}

/* A bar chart's settings; colours from the palette's start. */
struct plot_bars
page_bars_of(int ncat, const char *const *cats, int nser,
    const struct plot_series *ser, int stacked, enum plot_unit unit,
    double to_base)
{
	struct plot_bars b = { ncat, cats, nser, ser, stacked, unit, to_base, 0,
	    NULL, NULL };

	return b;
}


void
page_size(const struct plot_opts *o, double *w, double *h)
{
	*w = o->letter ? LETTER_W : A4_W;
	*h = o->letter ? LETTER_H : A4_H;
}

struct plot_text_check *
page_check_new(struct plot_text_check *chk)
{
	if (getenv("DCIMPACT_CHECK_TEXT") == NULL)
		return NULL;
	memset(chk, 0, sizeof(*chk));
	return chk;
}

int
page_check_done(const struct plot_text_check *chk, const char *out,
    struct err *e)
{
	if (chk == NULL || chk->nout == 0)
		return 0;
	return err_set(e, ERR_IO, out, 0, "layout: %d text box%s outside the "
	    "page; first on %s", chk->nout, chk->nout > 1 ? "es" : "",
	    chk->first);
}
