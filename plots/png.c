/* PNG pages written with libpng at a fast zlib setting. cairo 1.16's own
 * writer compresses at zlib's default level (6); a chart page is mostly
 * flat colour, which level 1 packs as small in half the CPU time. Of the
 * filters at level 1, none is the fastest and the smallest on these pages
 * (the 8-site comparison at 150 dpi: none 2.51 MB in 116 ms of encoding,
 * up 2.77 MB in 138 ms, sub 2.87 MB in 137 ms; Z_RLE: 5.8-6.5 MB and
 * slower; level 2: 2.70 MB, as slow as level 1 with up).
 *
 * A page of at most 256 colours (the sources pages: text in two greys) is
 * written with a palette, one byte a pixel instead of three: the same
 * pixels, half the size, in half the time. A page of more stops the count
 * at the 257th, after a small part of the page. */
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <png.h>

#include "plots/internal.h"

struct png_sink {
	cairo_write_func_t	 write;
	void			*closure;
};

static void
sink_write(png_structp png, png_bytep data, png_size_t len)
{
	struct png_sink	*k = png_get_io_ptr(png);

	/* cairo's callbacks take unsigned int lengths: libpng's are row or
	 * zlib buffer sized */
	if (k->write(k->closure, data, (unsigned int)len) != CAIRO_STATUS_SUCCESS)
		png_error(png, "write error");
}

static void
sink_flush(png_structp png)
{
	(void)png;
}

/* The colours of a page, at most 256, in the order first seen, with a
 * hash of them for their index. */
#define PAL_SLOTS	1024	/* a power of 2, 4 times 256: short probes */
struct palette {
	int		 n;
	uint32_t	 rgb[256];
	uint32_t	 key[PAL_SLOTS];	/* colour + 1; 0: an empty slot */
	unsigned char	 idx[PAL_SLOTS];
};

static unsigned
pal_slot(const struct palette *p, uint32_t rgb)
{
	unsigned	 h = (unsigned)((rgb * 2654435761u) >> 22) & (PAL_SLOTS - 1);

	while (p->key[h] != 0 && p->key[h] != rgb + 1)
		h = (h + 1) & (PAL_SLOTS - 1);
	return h;
}

/* Fill "p" with the colours of the RGB24 pixels; 0, or -1 past 256. */
static int
palette_of(struct palette *p, const unsigned char *data, int w, int h,
    int stride)
{
	uint32_t	 last = 0xffffffffu;
	int		 x, y;

	memset(p, 0, sizeof(*p));
	for (y = 0; y < h; y++) {
		const uint32_t *px = (const uint32_t *)(const void *)(data +
		    (size_t)y * (size_t)stride);

		for (x = 0; x < w; x++) {
			uint32_t rgb = px[x] & 0xffffffu;
			unsigned s;

			if (rgb == last)
				continue;
			last = rgb;
			if (p->key[s = pal_slot(p, rgb)] != 0)
				continue;
			if (p->n == 256)
				return -1;
			p->key[s] = rgb + 1;
			p->idx[s] = (unsigned char)p->n;
			p->rgb[p->n++] = rgb;
		}
	}
	return 0;
}

int
plot_png_write(cairo_surface_t *img, cairo_write_func_t write, void *closure)
{
	struct png_sink	 k = { write, closure };
	png_structp	 png;
	png_infop	 info = NULL;
	unsigned char	*volatile row = NULL;
	struct palette	*volatile pal = NULL;
	const struct palette *pp;
	png_color	 plte[256];
	const unsigned char *data;
	int		 w, h, stride, x, y, i;
	volatile int	 rc = -1;

	cairo_surface_flush(img);
	if (cairo_image_surface_get_format(img) != CAIRO_FORMAT_RGB24)
		return -1;
	w = cairo_image_surface_get_width(img);
	h = cairo_image_surface_get_height(img);
	stride = cairo_image_surface_get_stride(img);
	data = cairo_image_surface_get_data(img);
	if (data == NULL || w <= 0 || h <= 0)
		return -1;
	if ((png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL,
	    NULL)) == NULL)
		return -1;
	if ((info = png_create_info_struct(png)) == NULL ||
	    (row = malloc((size_t)w * 3)) == NULL ||
	    (pal = malloc(sizeof(*pal))) == NULL)
		goto out;
	if (palette_of(pal, data, w, h, stride) == -1) {
		free(pal);
		pal = NULL;
	}
	if (setjmp(png_jmpbuf(png)))
		goto out;
	png_set_write_fn(png, &k, sink_write, sink_flush);
	png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, 8,
	    pal != NULL ? PNG_COLOR_TYPE_PALETTE : PNG_COLOR_TYPE_RGB,
	    PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
	    PNG_FILTER_TYPE_DEFAULT);
	if (pal != NULL) {
		for (i = 0; i < pal->n; i++) {
			plte[i].red = (png_byte)(pal->rgb[i] >> 16);
			plte[i].green = (png_byte)(pal->rgb[i] >> 8);
			plte[i].blue = (png_byte)pal->rgb[i];
		}
		png_set_PLTE(png, info, plte, pal->n);
	}
	png_set_compression_level(png, 1);
	png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
	png_write_info(png, info);
	pp = pal;
	for (y = 0; y < h; y++) {
		const uint32_t *px = (const uint32_t *)(const void *)(data +
		    (size_t)y * (size_t)stride);

		/* RGB24: 0x00RRGGBB in native byte order */
		if (pp != NULL) {
			uint32_t last = 0xffffffffu;
			unsigned char li = 0;

			for (x = 0; x < w; x++) {
				uint32_t rgb = px[x] & 0xffffffu;

				if (rgb != last) {
					last = rgb;
					li = pp->idx[pal_slot(pp, rgb)];
				}
				row[x] = li;
			}
		} else {
			for (x = 0; x < w; x++) {
				row[3 * x] = (unsigned char)(px[x] >> 16);
				row[3 * x + 1] = (unsigned char)(px[x] >> 8);
				row[3 * x + 2] = (unsigned char)px[x];
			}
		}
		png_write_row(png, row);
	}
	png_write_end(png, info);
	rc = 0;
out:
	png_destroy_write_struct(&png, info != NULL ? &info : NULL);
	free(row);
	free(pal);
	return rc;
}
