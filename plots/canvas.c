/* Documents on cairo surfaces, each file written atomically (common/atomic). */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <cairo.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>

#include "common/atomic.h"
#include "common/err.h"
#include "plots/internal.h"

#define MAX_PAGES 64

struct plot_canvas {
	enum plot_format format;
	double		 w_pt, h_pt, scale;
	int		 npages, page;
	struct plot_meta meta;
	cairo_surface_t	*surf;
	cairo_t		*cr;
	struct atomic_file files[MAX_PAGES];
	int		 nfiles;
	char		 date[32];
};

int
plot_format_of(const char *path, enum plot_format *out, struct err *e)
{
	const char	*dot = strrchr(path, '.');

	if (dot != NULL && strcasecmp(dot, ".pdf") == 0)
		*out = PLOT_PDF;
	else if (dot != NULL && strcasecmp(dot, ".png") == 0)
		*out = PLOT_PNG;
	else if (dot != NULL && strcasecmp(dot, ".svg") == 0)
		*out = PLOT_SVG;
	else
		return err_set(e, ERR_USAGE, path, 0, "unknown output type (expected "
		    "a name ending in .pdf, .png or .svg)");
	return 0;
}

static cairo_status_t
write_cb(void *closure, const unsigned char *data, unsigned int len)
{
	struct atomic_file *f = closure;

	if (f->werr == 0 && fwrite(data, 1, len, f->fp) != len)
		f->werr = errno != 0 ? errno : EIO;
	return f->werr == 0 ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

/* The name of page "i" (1-based) of "path": OUT-i.ext when many pages. */
static void
page_name(const char *path, int i, int npages, char *buf, size_t n)
{
	const char	*dot = strrchr(path, '.');

	if (npages <= 1)
		snprintf(buf, n, "%s", path);
	else
		snprintf(buf, n, "%.*s-%d%s", (int)(dot - path), path, i, dot);
}

struct plot_canvas *
plot_canvas_open(const char *path, double w_pt, double h_pt, int npages,
    double dpi, const struct plot_meta *meta, struct err *e)
{
	struct plot_canvas *c;
	const char	*sde = getenv("SOURCE_DATE_EPOCH");
	char		 name[1024];
	int		 i;

	if ((c = calloc(1, sizeof(*c))) == NULL) {
		err_set(e, ERR_NOMEM, path, 0, "out of memory");
		return NULL;
	}
	if (plot_format_of(path, &c->format, e) == -1 || npages < 1 ||
	    npages > MAX_PAGES) {
		free(c);
		return NULL;
	}
	c->w_pt = w_pt;
	c->h_pt = h_pt;
	c->npages = npages;
	c->scale = dpi / 72.0;
	c->meta = *meta;
	if (sde != NULL && sde[0] != '\0') {
		time_t	 t = (time_t)strtoll(sde, NULL, 10);
		struct tm tm;

		if (gmtime_r(&t, &tm) != NULL)
			strftime(c->date, sizeof(c->date), "%Y-%m-%dT%H:%M:%SZ", &tm);
	}
	c->nfiles = c->format == PLOT_PDF ? 1 : npages;
	for (i = 0; i < c->nfiles; i++) {
		page_name(path, i + 1, c->format == PLOT_PDF ? 1 : npages, name,
		    sizeof(name));
		if (atomic_open(&c->files[i], name, e) == -1) {
			while (--i >= 0)
				atomic_discard(&c->files[i]);
			free(c);
			return NULL;
		}
	}
	return c;
}

/* Finish the page on the current PNG or SVG surface. */
static void
end_page(struct plot_canvas *c)
{
	struct atomic_file *f;

	if (c->cr == NULL)
		return;
	f = &c->files[c->page - 1];
	/* a drawing error (e.g. text cairo refused) fails the page */
	if (cairo_status(c->cr) != CAIRO_STATUS_SUCCESS && f->werr == 0)
		f->werr = EIO;
	cairo_destroy(c->cr);
	c->cr = NULL;
	if (c->format == PLOT_PNG) {
		if (plot_png_write(c->surf, write_cb, f) == -1 && f->werr == 0)
			f->werr = EIO;
	} else if (c->format == PLOT_SVG) {
		cairo_surface_finish(c->surf);
		if (cairo_surface_status(c->surf) != CAIRO_STATUS_SUCCESS &&
		    f->werr == 0)
			f->werr = EIO;
	}
	cairo_surface_destroy(c->surf);
	c->surf = NULL;
}

cairo_t *
plot_canvas_page(struct plot_canvas *c)
{
	if (c->format == PLOT_PDF) {
		if (c->surf == NULL) {
			c->surf = cairo_pdf_surface_create_for_stream(write_cb,
			    &c->files[0], c->w_pt, c->h_pt);
			cairo_pdf_surface_set_metadata(c->surf,
			    CAIRO_PDF_METADATA_TITLE, c->meta.title);
			cairo_pdf_surface_set_metadata(c->surf,
			    CAIRO_PDF_METADATA_SUBJECT, c->meta.subject);
			cairo_pdf_surface_set_metadata(c->surf,
			    CAIRO_PDF_METADATA_CREATOR, "dcimpact " DCIMPACT_VERSION);
			if (c->date[0] != '\0')
				cairo_pdf_surface_set_metadata(c->surf,
				    CAIRO_PDF_METADATA_CREATE_DATE, c->date);
			c->cr = cairo_create(c->surf);
		} else {
			cairo_show_page(c->cr);
		}
		c->page++;
	} else {
		end_page(c);
		c->page++;
		if (c->format == PLOT_PNG)
			c->surf = cairo_image_surface_create(CAIRO_FORMAT_RGB24,
			    (int)(c->w_pt * c->scale + 0.5),
			    (int)(c->h_pt * c->scale + 0.5));
		else
			c->surf = cairo_svg_surface_create_for_stream(write_cb,
			    &c->files[c->page - 1], c->w_pt, c->h_pt);
		c->cr = cairo_create(c->surf);
		if (c->format == PLOT_PNG)
			cairo_scale(c->cr, c->scale, c->scale);
	}
	cairo_save(c->cr);
	cairo_set_source_rgb(c->cr, 1.0, 1.0, 1.0);
	cairo_paint(c->cr);
	cairo_restore(c->cr);
	return c->cr;
}

/* A run of n pages after one of more: remove OUT-(n+1).ext and on, the old
 * set's extra pages, once the new set is in place. */
static void
remove_old_pages(const struct plot_canvas *c)
{
	char	 path[1024], name[1100];
	const char *dash;
	int	 i;

	/* files[0] is OUT-1.ext: OUT.ext back from it */
	snprintf(path, sizeof(path), "%s", c->files[0].final);
	if ((dash = strrchr(path, '-')) == NULL)
		return;
	snprintf(path + (dash - path), sizeof(path) - (size_t)(dash - path), "%s",
	    strrchr(c->files[0].final, '.'));
	for (i = c->nfiles + 1; i <= MAX_PAGES; i++) {
		page_name(path, i, MAX_PAGES, name, sizeof(name));
		unlink(name);
	}
}

int
plot_canvas_close(struct plot_canvas *c, struct err *e)
{
	int	 i, rc = 0;

	if (c == NULL)
		return 0;
	if (c->format == PLOT_PDF && c->surf != NULL) {
		if (cairo_status(c->cr) != CAIRO_STATUS_SUCCESS &&
		    c->files[0].werr == 0)
			c->files[0].werr = EIO;
		cairo_destroy(c->cr);
		c->cr = NULL;
		cairo_surface_finish(c->surf);
		if (cairo_surface_status(c->surf) != CAIRO_STATUS_SUCCESS &&
		    c->files[0].werr == 0)
			c->files[0].werr = EIO;
		cairo_surface_destroy(c->surf);
		c->surf = NULL;
	} else {
		end_page(c);
	}
	/* write all, then rename all: a failure leaves no page behind, and
	 * a document with fewer pages than announced (a caller's error path)
	 * is never renamed into place */
	for (i = 0; i < c->nfiles && rc == 0; i++)
		if (c->files[i].werr != 0 || c->page < (c->format == PLOT_PDF ?
		    c->npages : i + 1))
			rc = err_set(e, ERR_IO, c->files[i].final, 0, "cannot write: %s",
			    strerror(c->files[i].werr != 0 ? c->files[i].werr : EIO));
	c->files[0].pages = c->format == PLOT_PDF ? c->npages : -c->nfiles;
	for (i = 0; i < c->nfiles; i++) {
		if (rc == -1)
			atomic_discard(&c->files[i]);
		else if (atomic_commit(&c->files[i], e) == -1)
			rc = -1;
	}
	if (rc == 0 && c->nfiles > 1)
		remove_old_pages(c);
	free(c);
	return rc;
}
