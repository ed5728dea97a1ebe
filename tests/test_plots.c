/* plots/: ticks, number formats, text fitting, files and their failures. */
#include <sys/stat.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/err.h"
#include "plots/internal.h"
#include "tests/test_util.h"

static void
test_ticks_one_two_five(void **state)
{
	double	 t0, step;
	int	 n;

	(void)state;
	/* [0, 7.3] in at most 5 intervals: 7.3 / 5 = 1.46 -> step 2, 0..8 */
	plot_ticks(0.0, 7.3, 5, &t0, &step, &n);
	assert_close(step, 2.0, 1e-12);
	assert_close(t0, 0.0, 0.0);
	assert_int_equal(n, 5);
	/* [0, 33.3e6]: 6.66e6 -> 10^6 x 10 = 1e7, ticks 0..4e7 */
	plot_ticks(0.0, 33.3e6, 5, &t0, &step, &n);
	assert_close(step, 1.0e7, 1e-12);
	assert_int_equal(n, 5);
	/* [0, 0.42] in 4: 0.105 -> 0.2, 0 0.2 0.4 0.6 */
	plot_ticks(0.0, 0.42, 4, &t0, &step, &n);
	assert_close(step, 0.2, 1e-12);
	assert_int_equal(n, 4);
	/* exactly on a step: [0, 100] in 5 -> step 20, 6 ticks, last = 100 */
	plot_ticks(0.0, 100.0, 5, &t0, &step, &n);
	assert_close(step, 20.0, 1e-12);
	assert_int_equal(n, 6);
}

static void
test_si_prefixes(void **state)
{
	char	 b[64];

	(void)state;
	assert_string_equal(plot_fmt_si(5.0e9, PLOT_U_W, b, sizeof(b)), "5.00 GW");
	assert_string_equal(plot_fmt_si(344.2e6, PLOT_U_W, b, sizeof(b)), "344 MW");
	assert_string_equal(plot_fmt_si(11.7e6, PLOT_U_T, b, sizeof(b)), "11.7 Mt");
	assert_string_equal(plot_fmt_si(862.3, PLOT_U_T, b, sizeof(b)), "862 t");
	assert_string_equal(plot_fmt_si(296.6e6, PLOT_U_USD, b, sizeof(b)), "$297M");
	assert_string_equal(plot_fmt_si(2.5e9, PLOT_U_USD, b, sizeof(b)), "$2.50B");
	assert_string_equal(plot_fmt_si(33.29e12, PLOT_U_WH, b, sizeof(b)), "33.3 TWh");
	assert_string_equal(plot_fmt_si(0.0, PLOT_U_T, b, sizeof(b)), "0 t");
	/* 999.6 rounds to 1000: move to the next prefix instead */
	assert_string_equal(plot_fmt_si(999.6e3, PLOT_U_T, b, sizeof(b)), "1.00 Mt");
	assert_string_equal(plot_fmt_si(1.1e6, PLOT_U_M3, b, sizeof(b)), "1.10 million m\xc2\xb3");
}

static void
test_text_fits_its_width(void **state)
{
	cairo_surface_t	*s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 200, 100);
	cairo_t		*cr = cairo_create(s);
	double		 w, h, w1, h1;

	(void)state;
	plot_text_extent(cr, 8.0, 0, 0.0, "Project Rainier (New Carlisle, Indiana)", &w1, &h1);
	assert_true(w1 > 60.0);
	/* ellipsized to 60 pt: one line, no wider */
	plot_text_extent(cr, 8.0, PLOT_ELLIPSIZE, 60.0,
	    "Project Rainier (New Carlisle, Indiana)", &w, &h);
	assert_true(w <= 60.0 + 0.5);
	assert_close(h, h1, 1e-9);
	/* wrapped to 60 pt: taller, no wider */
	plot_text_extent(cr, 8.0, 0, 60.0, "Project Rainier (New Carlisle, Indiana)", &w, &h);
	assert_true(w <= 60.0 + 0.5);
	assert_true(h > 1.5 * h1);
	cairo_destroy(cr);
	cairo_surface_destroy(s);
}

static long
file_size(const char *path)
{
	struct stat	 st;

	return stat(path, &st) == 0 ? (long)st.st_size : -1;
}

static int
count_pdf_pages(const char *path)
{
	FILE	*fp = fopen(path, "rb");
	char	 buf[4096];
	size_t	 n, i;
	int	 pages = 0;

	if (fp == NULL)
		return -1;
	/* "/Type /Page" not followed by "s"; cairo writes one per page */
	while ((n = fread(buf, 1, sizeof(buf) - 1, fp)) > 0) {
		buf[n] = '\0';
		for (i = 0; i + 11 <= n; i++)
			if (memcmp(buf + i, "/Type /Page", 11) == 0 &&
			    (i + 11 == n || buf[i + 11] != 's'))
				pages++;
		if (n == sizeof(buf) - 1)
			fseek(fp, -16, SEEK_CUR);
	}
	fclose(fp);
	return pages;
}

/* Draw "npages" pages of a small picture into "path". */
static int
draw(const char *path, int npages, struct err *e)
{
	struct plot_meta meta = { "test", "subject" };
	struct plot_canvas *c = plot_canvas_open(path, 200.0, 100.0, npages, 72.0,
	    &meta, e);
	int	 i;

	if (c == NULL)
		return -1;
	for (i = 0; i < npages; i++) {
		cairo_t *cr = plot_canvas_page(c);

		plot_set_color(cr, i);
		cairo_rectangle(cr, 10, 10, 50 + 20 * i, 30);
		cairo_fill(cr);
		plot_text(cr, 10, 60, 10, 0, PLOT_LEFT, 0, "Colossus 1");
	}
	return plot_canvas_close(c, e);
}

static int
same_bytes(const char *a, const char *b)
{
	FILE	*fa = fopen(a, "rb"), *fb = fopen(b, "rb");
	int	 ca = 0, cb = 1, same = 0;

	if (fa != NULL && fb != NULL) {
		do {
			ca = fgetc(fa);
			cb = fgetc(fb);
		} while (ca == cb && ca != EOF);
		same = ca == cb;
	}
	if (fa != NULL)
		fclose(fa);
	if (fb != NULL)
		fclose(fb);
	return same;
}

static void
test_files_valid_and_reproducible(void **state)
{
	char	 dir[] = "/tmp/dcimpact-plots-XXXXXX", p[256], q[256];
	unsigned char sig[8];
	struct err e;
	FILE	*fp;

	(void)state;
	setenv("SOURCE_DATE_EPOCH", "1767225600", 1);	/* 2026-01-01 */
	assert_non_null(mkdtemp(dir));
	/* PDF: three pages in one file */
	snprintf(p, sizeof(p), "%s/a.pdf", dir);
	assert_int_equal(draw(p, 3, &e), 0);
	assert_int_equal(count_pdf_pages(p), 3);
	snprintf(q, sizeof(q), "%s/b.pdf", dir);
	assert_int_equal(draw(q, 3, &e), 0);
	assert_true(same_bytes(p, q));
	unlink(p);
	unlink(q);
	/* PNG: one file per page, OUT-1.png, OUT-2.png; 200 x 100 pt at 72 dpi */
	snprintf(p, sizeof(p), "%s/a.png", dir);
	assert_int_equal(draw(p, 2, &e), 0);
	assert_int_equal(file_size(p), -1);
	snprintf(p, sizeof(p), "%s/a-2.png", dir);
	assert_non_null(fp = fopen(p, "rb"));
	assert_int_equal(fread(sig, 1, 8, fp), 8);
	fclose(fp);
	assert_memory_equal(sig, "\x89PNG\r\n\x1a\n", 8);
	snprintf(q, sizeof(q), "%s/b.png", dir);
	assert_int_equal(draw(q, 2, &e), 0);
	snprintf(q, sizeof(q), "%s/b-2.png", dir);
	assert_true(same_bytes(p, q));
	unlink(p);
	unlink(q);
	snprintf(p, sizeof(p), "%s/a-1.png", dir);
	unlink(p);
	snprintf(p, sizeof(p), "%s/b-1.png", dir);
	unlink(p);
	/* SVG: one page, the name as given. (cairo numbers SVG glyphs per
	 * process, so byte-identity is checked across runs in tests/cli.sh.) */
	snprintf(p, sizeof(p), "%s/a.svg", dir);
	assert_int_equal(draw(p, 1, &e), 0);
	assert_non_null(fp = fopen(p, "rb"));
	assert_int_equal(fread(sig, 1, 5, fp), 5);
	fclose(fp);
	assert_memory_equal(sig, "<?xml", 5);
	unlink(p);
	assert_int_equal(rmdir(dir), 0);	/* no temporary left behind */
}

/* A layout kept by plots/text.c and handed out again draws as a new one
 * would: the same paragraph centred, left-aligned and right-aligned, then
 * measured, on one image; and on another with the kept layouts dropped
 * before each call. */
static void
test_text_layouts_kept(void **state)
{
	static const enum plot_align al[] = { PLOT_CENTER, PLOT_LEFT,
	    PLOT_RIGHT, PLOT_LEFT };
	const char	*t = "Sources and assumptions: a paragraph long enough "
	    "to wrap over three or four lines of the box";
	cairo_surface_t	*img[2];
	double		 h[2][4], w[2], hh[2];
	int		 k, i, y;

	(void)state;
	for (k = 0; k < 2; k++) {
		cairo_t	*cr;

		img[k] = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 400, 300);
		cr = cairo_create(img[k]);
		cairo_scale(cr, 1.5, 1.5);
		cairo_set_source_rgb(cr, 1.0, 1.0, 1.0);
		cairo_paint(cr);
		plot_set_rgb(cr, PLOT_INK);
		for (i = 0; i < 4; i++) {
			if (k == 1)
				plot_text_cache_clear();
			h[k][i] = plot_text(cr, al[i] == PLOT_LEFT ? 10 : al[i] ==
			    PLOT_CENTER ? 75 : 140, 5 + 48 * i, 8, 0, al[i], 130, t);
		}
		if (k == 1)
			plot_text_cache_clear();
		plot_text_extent(cr, 8, 0, 130, t, &w[k], &hh[k]);
		cairo_destroy(cr);
		cairo_surface_flush(img[k]);
	}
	for (i = 0; i < 4; i++)
		assert_memory_equal(&h[0][i], &h[1][i], sizeof(double));
	assert_memory_equal(&w[0], &w[1], sizeof(double));
	assert_memory_equal(&hh[0], &hh[1], sizeof(double));
	for (y = 0; y < 300; y++)
		if (memcmp(cairo_image_surface_get_data(img[0]) + (size_t)y *
		    (size_t)cairo_image_surface_get_stride(img[0]),
		    cairo_image_surface_get_data(img[1]) + (size_t)y *
		    (size_t)cairo_image_surface_get_stride(img[1]), 400 * 4) != 0)
			fail_msg("row %d differs with kept layouts", y);
	cairo_surface_destroy(img[0]);
	cairo_surface_destroy(img[1]);
	plot_text_cache_clear();
}

/* PNG bytes in memory, for plot_png_write(): written, then read back. */
struct membuf {
	unsigned char	*p;
	size_t		 n, cap, pos;
	int		 fail;		/* refuse every write */
};

static cairo_status_t
mem_write(void *closure, const unsigned char *data, unsigned int len)
{
	struct membuf	*m = closure;

	if (m->fail)
		return CAIRO_STATUS_WRITE_ERROR;
	if (m->n + len > m->cap) {
		size_t	 cap = (m->n + len) * 2;
		unsigned char *q = realloc(m->p, cap);

		if (q == NULL)
			return CAIRO_STATUS_NO_MEMORY;
		m->p = q;
		m->cap = cap;
	}
	memcpy(m->p + m->n, data, len);
	m->n += len;
	return CAIRO_STATUS_SUCCESS;
}

static cairo_status_t
mem_read(void *closure, unsigned char *data, unsigned int len)
{
	struct membuf	*m = closure;

	if (m->pos + len > m->n)
		return CAIRO_STATUS_READ_ERROR;
	memcpy(data, m->p + m->pos, len);
	m->pos += len;
	return CAIRO_STATUS_SUCCESS;
}

/* An RGB24 image of w x h: "ncol" colours in a pattern (0: a different
 * pseudo-random colour at nearly every pixel). */
static cairo_surface_t *
test_image(int w, int h, int ncol)
{
	cairo_surface_t	*img = cairo_image_surface_create(CAIRO_FORMAT_RGB24,
	    w, h);
	unsigned char	*d = cairo_image_surface_get_data(img);
	int		 st = cairo_image_surface_get_stride(img), x, y;
	uint32_t	 r = 12345u;

	cairo_surface_flush(img);
	for (y = 0; y < h; y++)
		for (x = 0; x < w; x++) {
			uint32_t c;

			r = r * 1103515245u + 12345u;
			c = ncol > 0 ? (uint32_t)((x * 7 + y * 13) % ncol) *
			    2654435761u : r >> 4;
			((uint32_t *)(void *)(d + (size_t)y * (size_t)st))[x] =
			    c & 0xffffffu;
		}
	cairo_surface_mark_dirty(img);
	return img;
}

/* Encode "img", check the colour type in IHDR, read it back with cairo's
 * PNG reader (libpng: CRCs and the zlib check value verified) and compare
 * every pixel. */
static void
png_round_trip(cairo_surface_t *img, int want_type)
{
	struct membuf	 m = { NULL, 0, 0, 0, 0 };
	cairo_surface_t	*back;
	int		 w = cairo_image_surface_get_width(img);
	int		 h = cairo_image_surface_get_height(img), x, y;

	assert_int_equal(plot_png_write(img, mem_write, &m), 0);
	assert_true(m.n > 33);
	assert_memory_equal(m.p, "\x89PNG\r\n\x1a\n", 8);
	assert_memory_equal(m.p + 12, "IHDR", 4);
	assert_int_equal(m.p[24], 8);		/* bit depth */
	assert_int_equal(m.p[25], want_type);	/* 2 RGB, 3 palette */
	assert_memory_equal(m.p + m.n - 8, "IEND", 4);
	back = cairo_image_surface_create_from_png_stream(mem_read, &m);
	assert_int_equal(cairo_surface_status(back), CAIRO_STATUS_SUCCESS);
	assert_int_equal(cairo_image_surface_get_width(back), w);
	assert_int_equal(cairo_image_surface_get_height(back), h);
	cairo_surface_flush(back);
	for (y = 0; y < h; y++) {
		const uint32_t *a = (const uint32_t *)(const void *)(
		    cairo_image_surface_get_data(img) + (size_t)y *
		    (size_t)cairo_image_surface_get_stride(img));
		const uint32_t *b = (const uint32_t *)(const void *)(
		    cairo_image_surface_get_data(back) + (size_t)y *
		    (size_t)cairo_image_surface_get_stride(back));

		for (x = 0; x < w; x++)
			if ((a[x] & 0xffffffu) != (b[x] & 0xffffffu))
				fail_msg("pixel (%d, %d): %06x written, %06x "
				    "read", x, y, (unsigned)(a[x] & 0xffffffu),
				    (unsigned)(b[x] & 0xffffffu));
	}
	cairo_surface_destroy(back);
	free(m.p);
}

static void
test_png_pixels_kept(void **state)
{
	static const struct {
		int	 w, h, ncol, type;
	} c[] = {
		{ 1, 1, 1, 3 },
		{ 40, 30, 3, 3 },
		{ 64, 8, 256, 3 },	/* 256 colours: a palette */
		{ 64, 8, 257, 2 },	/* 257: RGB */
		{ 333, 77, 0, 2 },	/* rows of 1,000 bytes: sums' tails */
		{ 600, 400, 0, 2 },	/* 720 kB: many IDAT chunks */
		{ 1754, 40, 0, 2 },
	};
	struct membuf	 m = { NULL, 0, 0, 0, 1 };
	cairo_surface_t	*img;
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		img = test_image(c[i].w, c[i].h, c[i].ncol);
		png_round_trip(img, c[i].type);
		cairo_surface_destroy(img);
	}
	/* a write that fails fails the image */
	img = test_image(50, 50, 0);
	assert_int_equal(plot_png_write(img, mem_write, &m), -1);
	cairo_surface_destroy(img);
	img = test_image(50, 50, 4);
	assert_int_equal(plot_png_write(img, mem_write, &m), -1);
	cairo_surface_destroy(img);
}

/* Page "k" of a test document: bars, text and, on odd pages, a gradient
 * of more than 256 colours (an RGB page; the others have a palette). */
static void
draw_test_page(cairo_t *cr, int k)
{
	cairo_pattern_t	*g;
	int		 i;

	for (i = 0; i < 12; i++) {
		plot_set_color(cr, i + k);
		cairo_rectangle(cr, 20, 20 + 30 * i, 40 + 37 * ((i * 5 + k) % 13),
		    20);
		cairo_fill(cr);
	}
	plot_set_rgb(cr, PLOT_INK);
	plot_text(cr, 320, 20, 9.0, 0, PLOT_LEFT, 250, "Sources and assumptions: "
	    "rack power P = P_peak (i + (1 - i) u); IT = racks x P x (1 + "
	    "overhead); facility = IT x PUE(month).");
	if (k % 2 == 1) {
		g = cairo_pattern_create_linear(0, 0, 600, 400);
		cairo_pattern_add_color_stop_rgb(g, 0, 0.1, 0.3, 0.9);
		cairo_pattern_add_color_stop_rgb(g, 1, 0.9, 0.6, 0.1);
		cairo_set_source(cr, g);
		cairo_rectangle(cr, 320, 150, 260, 230);
		cairo_fill(cr);
		cairo_pattern_destroy(g);
	}
}

/* Pages "from" to "to" (0-based, inclusive) of the test document as a
 * document of their own at "path", 600 x 400 pt at 150 dpi. */
static int
draw_pages(const char *path, int from, int to, struct err *e)
{
	struct plot_meta meta = { "test", "subject" };
	struct plot_canvas *c = plot_canvas_open(path, 600.0, 400.0, to - from +
	    1, 150.0, &meta, e);
	int	 k;

	if (c == NULL)
		return -1;
	for (k = from; k <= to; k++)
		draw_test_page(plot_canvas_page(c), k);
	return plot_canvas_close(c, e);
}

/* The pages of a PNG set are encoded in a second thread while the next
 * draw, on images used again: each page's bytes are those of the same
 * page written alone (no thread, a new image), and nothing else is left. */
static void
test_png_pages_threaded(void **state)
{
	char	 dir[] = "/tmp/dcimpact-plots-XXXXXX", p[256], q[256];
	struct err e;
	int	 k;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(p, sizeof(p), "%s/set.png", dir);
	assert_int_equal(draw_pages(p, 0, 6, &e), 0);
	for (k = 0; k <= 6; k++) {
		snprintf(p, sizeof(p), "%s/set-%d.png", dir, k + 1);
		snprintf(q, sizeof(q), "%s/one.png", dir);
		assert_int_equal(draw_pages(q, k, k, &e), 0);
		if (!same_bytes(p, q))
			fail_msg("page %d of the set differs from the page alone",
			    k + 1);
		unlink(p);
		unlink(q);
	}
	assert_int_equal(rmdir(dir), 0);	/* no temporary, no extra page */
}

static void
test_failures_leave_nothing(void **state)
{
	char	 dir[] = "/tmp/dcimpact-plots-XXXXXX", p[256], q[256];
	struct err e;
	FILE	*fp;
	int	 i;

	(void)state;
	assert_non_null(mkdtemp(dir));
	/* a missing folder is named */
	snprintf(p, sizeof(p), "%s/missing/x.pdf", dir);
	err_clear(&e);
	assert_int_equal(draw(p, 1, &e), -1);
	assert_int_equal(e.code, ERR_IO);
	assert_non_null(strstr(e.msg, "does not exist"));
	/* a full disk: /dev/full behind a name with an extension (written in
	 * place, as a device) fails with ERR_IO naming the path, exit 1 */
	snprintf(p, sizeof(p), "%s/full.pdf", dir);
	assert_int_equal(symlink("/dev/full", p), 0);
	err_clear(&e);
	assert_int_equal(draw(p, 1, &e), -1);
	assert_int_equal(e.code, ERR_IO);
	assert_string_equal(e.file, p);
	unlink(p);
	/* an unknown extension */
	snprintf(p, sizeof(p), "%s/x.jpg", dir);
	err_clear(&e);
	assert_int_equal(draw(p, 1, &e), -1);
	assert_int_equal(e.code, ERR_USAGE);
	/* an old file survives a failed run: a drawing error (text cairo
	 * refuses), and a document with fewer pages than announced (a
	 * caller's error path), in PDF and PNG; no temporary is left */
	snprintf(p, sizeof(p), "%s/old.pdf", dir);
	assert_non_null(fp = fopen(p, "w"));
	fputs("old", fp);
	fclose(fp);
	for (i = 0; i < 2; i++) {
		struct plot_meta meta = { "test", "subject" };
		struct plot_canvas *c;
		cairo_t	*cr;

		snprintf(q, sizeof(q), "%s/old.%s", dir, i == 0 ? "pdf" : "png");
		assert_non_null(c = plot_canvas_open(q, 200.0, 100.0, 2, 72.0,
		    &meta, &e));
		cr = plot_canvas_page(c);
		cairo_move_to(cr, 10, 10);
		cairo_show_text(cr, "bad \xff\xfe UTF-8");
		cr = plot_canvas_page(c);
		err_clear(&e);
		assert_int_equal(plot_canvas_close(c, &e), -1);
		assert_int_equal(e.code, ERR_IO);
		assert_non_null(c = plot_canvas_open(q, 200.0, 100.0, 3, 72.0,
		    &meta, &e));
		(void)plot_canvas_page(c);
		assert_int_equal(plot_canvas_close(c, &e), -1);
	}
	/* a document with more pages than announced: the page past the
	 * last has no file; the run fails and leaves nothing (PNG, SVG and
	 * PDF) */
	for (i = 0; i < 3; i++) {
		static const char *const ext[] = { "png", "svg", "pdf" };
		struct plot_meta meta = { "test", "subject" };
		struct plot_canvas *c;
		int	 k;

		snprintf(q, sizeof(q), "%s/more.%s", dir, ext[i]);
		assert_non_null(c = plot_canvas_open(q, 200.0, 100.0, 2, 72.0,
		    &meta, &e));
		for (k = 0; k < 3; k++)
			plot_text(plot_canvas_page(c), 10, 10, 10, 0, PLOT_LEFT,
			    0, "a page");
		err_clear(&e);
		assert_int_equal(plot_canvas_close(c, &e), -1);
		assert_int_equal(e.code, ERR_IO);
		assert_int_equal(file_size(q), -1);
		snprintf(q, sizeof(q), "%s/more-1.%s", dir, ext[i]);
		assert_int_equal(file_size(q), -1);
	}
	assert_int_equal(file_size(p), 3);	/* "old", untouched */
	snprintf(q, sizeof(q), "%s/old-1.png", dir);
	assert_int_equal(file_size(q), -1);
	assert_int_equal(draw(p, 1, &e), 0);	/* a good run replaces it */
	assert_true(file_size(p) > 3);
	unlink(p);
	assert_int_equal(rmdir(dir), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ticks_one_two_five),
		cmocka_unit_test(test_si_prefixes),
		cmocka_unit_test(test_text_fits_its_width),
		cmocka_unit_test(test_files_valid_and_reproducible),
		cmocka_unit_test(test_failures_leave_nothing),
		cmocka_unit_test(test_text_layouts_kept),
		cmocka_unit_test(test_png_pixels_kept),
		cmocka_unit_test(test_png_pages_threaded),
	};

	return cmocka_run_group_tests_name("plots", tests, NULL, NULL);
}
