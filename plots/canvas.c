/* Documents on cairo surfaces, each file written atomically (common/atomic).
 *
 * The PNG pages of a document of several pages are encoded in a second
 * thread while the next pages draw (pages are independent, and encoding a
 * page takes about as long as drawing it): two drawn pages at most are
 * queued or encoding; the main thread encodes a queued page itself when
 * it would otherwise wait for room, and its share at close; and
 * encoded images are drawn on again. Each page is encoded whole by one
 * thread, so the bytes do not depend on which. The files are committed or
 * discarded together at close, after the thread has ended. */

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>

#include <cairo.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>

#include "common/atomic.h"
#include "common/err.h"
#include "plots/internal.h"

#define MAX_PAGES 64

/* The encoder of PNG pages: a queue of pages drawn, taken in turn by the
 * thread, and at close by the main thread too. Two pages at most are
 * queued or being encoded, so three images at most are out (8.7 MB each
 * at 150 dpi). The 8-site comparison to PNG: 300 ms wall and 65 MB peak
 * RSS with two in flight, 300 ms and 69 MB with three, 320 ms and 59 MB
 * with one. */
#define ENC_QUEUE	2		/* pages queued or encoding, at most */
#define ENC_QUEUE_BYTES	(48 << 20)	/* ... and their images' bytes */
struct png_job {
	cairo_surface_t	*img;
	struct atomic_file *file;
};
struct png_encoder {
	pthread_t	 th;
	pthread_mutex_t	 mu;
	pthread_cond_t	 cv;		/* the queue or the spares changed */
	struct png_job	 q[ENC_QUEUE + 1];	/* + the last page, at close */
	int		 head, n, max;	/* max: ENC_QUEUE, fewer for big pages */
	int		 busy;		/* pages being encoded */
	/* encoded images to draw on again: as many as can be out at once,
	 * the one drawn and those queued or encoding */
	cairo_surface_t	*spare[ENC_QUEUE + 2];
	int		 nspare;
	int		 quit;
	int		 w, h, npre;	/* images to make ahead, w x h px */
};
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
	struct png_encoder enc;
	int		 threaded;	/* enc.th runs */
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

static cairo_surface_t *page_image(int w, int h);

/* Encode "img" into "f"; a failure is the file's write error. */
static void
encode_page(cairo_surface_t *img, struct atomic_file *f)
{
	if (plot_png_write(img, write_cb, f) == -1 && f->werr == 0)
		f->werr = EIO;
}

/* Take the next page to encode, waiting for one unless the canvas is
 * closing; 0 when there is none. Called with enc->mu held. */
static int
encoder_take(struct png_encoder *enc, struct png_job *job)
{
	while (enc->n == 0 && !enc->quit)
		pthread_cond_wait(&enc->cv, &enc->mu);
	if (enc->n == 0)
		return 0;
	*job = enc->q[enc->head];
	enc->head = (enc->head + 1) % (ENC_QUEUE + 1);
	enc->n--;
	enc->busy++;
	pthread_cond_broadcast(&enc->cv);
	return 1;
}

/* Encode the job's page, then keep its image to draw on again. Called
 * with enc->mu held, which it releases while encoding. */
static void
encoder_run(struct png_encoder *enc, const struct png_job *job)
{
	pthread_mutex_unlock(&enc->mu);
	encode_page(job->img, job->file);
	pthread_mutex_lock(&enc->mu);
	enc->busy--;
	if (enc->nspare < (int)(sizeof(enc->spare) / sizeof(enc->spare[0])))
		enc->spare[enc->nspare++] = job->img;
	else
		cairo_surface_destroy(job->img);
	pthread_cond_broadcast(&enc->cv);
}

static void *
encoder_main(void *arg)
{
	struct png_encoder *enc = arg;
	struct png_job	 job;
	int		 i, busy;

	/* while the first page draws, the images of the next ones, their
	 * memory faulted in (painted white) here rather than while drawing */
	for (i = 0; i < enc->npre; i++) {
		cairo_surface_t	*img = page_image(enc->w, enc->h);
		cairo_t		*cr = cairo_create(img);

		cairo_set_source_rgb(cr, 1.0, 1.0, 1.0);
		cairo_paint(cr);
		cairo_destroy(cr);
		pthread_mutex_lock(&enc->mu);
		if (enc->nspare < (int)(sizeof(enc->spare) /
		    sizeof(enc->spare[0])) && !enc->quit) {
			enc->spare[enc->nspare++] = img;
			img = NULL;
		}
		busy = enc->n > 0 || enc->quit;
		pthread_mutex_unlock(&enc->mu);
		if (img != NULL)
			cairo_surface_destroy(img);
		if (busy)	/* a page to encode, or the canvas closing */
			break;
	}
	pthread_mutex_lock(&enc->mu);
	while (encoder_take(enc, &job))
		encoder_run(enc, &job);
	pthread_mutex_unlock(&enc->mu);
	return NULL;
}

/* Start the encoder for pages of w x h pixels; without it (a thread
 * refused) pages encode in turn. Signals stay with the main thread: its
 * handler removes the temporary files. */
static void
encoder_start(struct plot_canvas *c, int w, int h)
{
	sigset_t	 all, old;

	c->enc.max = 4.0 * w * h * ENC_QUEUE > ENC_QUEUE_BYTES ? 1 : ENC_QUEUE;
	c->enc.w = w;
	c->enc.h = h;
	c->enc.npre = c->npages - 1 < c->enc.max ? c->npages - 1 : c->enc.max;
	if (pthread_mutex_init(&c->enc.mu, NULL) != 0)
		return;
	if (pthread_cond_init(&c->enc.cv, NULL) != 0) {
		pthread_mutex_destroy(&c->enc.mu);
		return;
	}
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	c->threaded = pthread_create(&c->enc.th, NULL, encoder_main,
	    &c->enc) == 0;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (!c->threaded) {
		pthread_cond_destroy(&c->enc.cv);
		pthread_mutex_destroy(&c->enc.mu);
	}
}

/* Queue "img" for file "f", once there is room; while there is none,
 * encode a queued page here rather than wait. The last page ("last": no
 * page is drawn after it) is queued at once, for the thread to take while
 * the main thread encodes what was queued before it. */
static void
encoder_put(struct png_encoder *enc, cairo_surface_t *img,
    struct atomic_file *f, int last)
{
	struct png_job	 job;
	int		 i;

	pthread_mutex_lock(&enc->mu);
	while (!last && enc->n + enc->busy >= enc->max) {
		if (enc->n > 0 && encoder_take(enc, &job))
			encoder_run(enc, &job);
		else
			pthread_cond_wait(&enc->cv, &enc->mu);
	}
	i = (enc->head + enc->n) % (ENC_QUEUE + 1);
	enc->q[i].img = img;
	enc->q[i].file = f;
	enc->n++;
	pthread_cond_broadcast(&enc->cv);
	pthread_mutex_unlock(&enc->mu);
}

/* An encoded image to draw on, or NULL. */
static cairo_surface_t *
encoder_spare(struct png_encoder *enc)
{
	cairo_surface_t	*img = NULL;

	pthread_mutex_lock(&enc->mu);
	if (enc->nspare > 0)
		img = enc->spare[--enc->nspare];
	pthread_mutex_unlock(&enc->mu);
	return img;
}

/* Encode what is left, the main thread taking its share, and end the
 * thread: every file is then complete. */
static void
encoder_stop(struct plot_canvas *c)
{
	struct png_job	 job;

	if (!c->threaded)
		return;
	pthread_mutex_lock(&c->enc.mu);
	c->enc.quit = 1;
	pthread_cond_broadcast(&c->enc.cv);
	while (encoder_take(&c->enc, &job))
		encoder_run(&c->enc, &job);
	pthread_mutex_unlock(&c->enc.mu);
	pthread_join(c->enc.th, NULL);
	pthread_cond_destroy(&c->enc.cv);
	pthread_mutex_destroy(&c->enc.mu);
	while (c->enc.nspare > 0)
		cairo_surface_destroy(c->enc.spare[--c->enc.nspare]);
	c->threaded = 0;
}

/* The pixels of a PNG page. A new image's memory is faulted in as the page
 * is first painted: 2,000 faults of 4 kB for a page at 150 dpi, 25 ms on
 * a virtual machine. Mapped with transparent huge pages where the kernel
 * offers them (madvise), it takes 5. */
struct page_pixels {
	void	*map;
	size_t	 len;
};

static const cairo_user_data_key_t pixels_key;

static void
pixels_free(void *arg)
{
	struct page_pixels *px = arg;

	munmap(px->map, px->len);
	free(px);
}

static cairo_surface_t *
page_image(int w, int h)
{
	const size_t	 huge = (size_t)2 << 20;
	struct page_pixels *px;
	cairo_surface_t	*img;
	unsigned char	*data;
	int		 stride = cairo_format_stride_for_width(CAIRO_FORMAT_RGB24, w);

	if (stride <= 0 || h <= 0 || (px = malloc(sizeof(*px))) == NULL)
		return cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
	px->len = (size_t)stride * (size_t)h + huge;
	px->map = mmap(NULL, px->len, PROT_READ | PROT_WRITE, MAP_PRIVATE |
	    MAP_ANONYMOUS, -1, 0);
	if (px->map == MAP_FAILED) {
		free(px);
		return cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
	}
	/* from a 2 MB boundary, so that every huge page is whole */
	data = (unsigned char *)px->map + ((huge - (uintptr_t)px->map % huge) %
	    huge);
#ifdef MADV_HUGEPAGE
	madvise(data, px->len - (size_t)(data - (unsigned char *)px->map),
	    MADV_HUGEPAGE);
#endif
	img = cairo_image_surface_create_for_data(data, CAIRO_FORMAT_RGB24, w,
	    h, stride);
	if (cairo_surface_set_user_data(img, &pixels_key, px, pixels_free) !=
	    CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(img);
		pixels_free(px);
		return cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
	}
	return img;
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
	if (c->format == PLOT_PNG && npages > 1)
		encoder_start(c, (int)(w_pt * c->scale + 0.5),
		    (int)(h_pt * c->scale + 0.5));
	return c;
}

/* Finish the page on the current PNG or SVG surface ("last": the
 * document's last). */
static void
end_page(struct plot_canvas *c, int last)
{
	struct atomic_file *f;

	if (c->cr == NULL)
		return;
	if (c->page > c->nfiles) {
		cairo_destroy(c->cr);
		cairo_surface_destroy(c->surf);
		c->cr = NULL;
		c->surf = NULL;
		return;
	}
	f = &c->files[c->page - 1];
	/* a drawing error (e.g. text cairo refused) fails the page */
	if (cairo_status(c->cr) != CAIRO_STATUS_SUCCESS && f->werr == 0)
		f->werr = EIO;
	cairo_destroy(c->cr);
	c->cr = NULL;
	if (c->format == PLOT_PNG) {
		if (c->threaded) {
			/* the encoder's now */
			encoder_put(&c->enc, c->surf, f, last);
			c->surf = NULL;
			return;
		}
		encode_page(c->surf, f);
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
		end_page(c, 0);
		c->page++;
		if (c->page > c->nfiles) {
			/* a page more than announced has no file: drawn on a
			 * scratch pixel and lost, and the document fails */
			c->surf = cairo_image_surface_create(CAIRO_FORMAT_RGB24,
			    1, 1);
		} else if (c->format == PLOT_PNG) {
			/* an image the encoder has finished with, else a new
			 * one; painted white below either way */
			c->surf = c->threaded ? encoder_spare(&c->enc) : NULL;
			if (c->surf == NULL)
				c->surf = page_image(
				    (int)(c->w_pt * c->scale + 0.5),
				    (int)(c->h_pt * c->scale + 0.5));
		} else {
			c->surf = cairo_svg_surface_create_for_stream(write_cb,
			    &c->files[c->page - 1], c->w_pt, c->h_pt);
		}
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
	plot_text_cache_clear();	/* the document's layouts */
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
		end_page(c, 1);
		encoder_stop(c);
	}
	/* write all, then rename all: a failure leaves no page behind, and
	 * a document with fewer pages than announced (a caller's error path)
	 * or more (a caller's error) is never renamed into place */
	for (i = 0; i < c->nfiles && rc == 0; i++)
		if (c->files[i].werr != 0 || c->page < (c->format == PLOT_PDF ?
		    c->npages : i + 1) || c->page > c->npages)
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
