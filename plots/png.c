/* PNG pages written with zlib at a fast setting. cairo 1.16's own writer
 * compresses at zlib's default level (6); a chart page is mostly flat
 * colour, which level 1 packs as small in half the CPU time. Of the
 * filters at level 1, none is the fastest and the smallest on these pages
 * (the 8-site comparison at 150 dpi: none 2.51 MB in 116 ms of encoding,
 * up 2.77 MB in 138 ms, sub 2.87 MB in 137 ms; Z_RLE: 5.8-6.5 MB and
 * slower; level 2: 2.70 MB, as slow as level 1 with up). zlib's memory
 * level 5 instead of 8 (a hash table of 4k entries, not 32k, that stays
 * in the cache) encodes its first 5 pages and a report 12-15 % faster and
 * a little smaller; a palette page is fastest at 8.
 *
 * A page of at most 256 colours (the sources pages: text in two greys) is
 * written with a palette, one byte a pixel instead of three: the same
 * pixels, half the size, in half the time. A page of more stops the count
 * at the 257th, after a small part of the page.
 *
 * The file is put together here (signature, IHDR, PLTE, IDAT, IEND; PNG
 * 1.2, ISO/IEC 15948) around a raw deflate stream, so that the zlib
 * stream's Adler-32 can be summed 16 bytes at a time with SSE2 on x86-64:
 * zlib 1.2's byte-at-a-time sum was a tenth of the encoding time. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "plots/internal.h"

#define ADLER_BASE	65521u	/* the largest prime below 2^16 */
#define ADLER_NMAX	5552	/* bytes before the sums must be reduced */

/* Adler-32 (RFC 1950) of "len" bytes from "p", continuing "adler". */
static uint32_t
adler32_sum(uint32_t adler, const unsigned char *p, size_t len)
{
	uint32_t	 a = adler & 0xffffu, b = adler >> 16;

#if defined(__SSE2__)
	/* 16 bytes a step: a += the bytes (psadbw); b += 16 a before the
	 * step, plus the bytes weighted 16 down to 1 (pmaddwd) */
	const __m128i	 zero = _mm_setzero_si128();
	const __m128i	 w_hi = _mm_setr_epi16(16, 15, 14, 13, 12, 11, 10, 9);
	const __m128i	 w_lo = _mm_setr_epi16(8, 7, 6, 5, 4, 3, 2, 1);

	while (len >= 16) {
		size_t	 n = (len < ADLER_NMAX ? len : ADLER_NMAX) / 16, i;
		__m128i	 va = zero, vb = zero, vs = zero;
		uint32_t t[4];
		uint64_t sa, sb, ss;

		len -= n * 16;
		for (i = 0; i < n; i++, p += 16) {
			__m128i	 d = _mm_loadu_si128((const __m128i *)(const
			    void *)p);

			vs = _mm_add_epi32(vs, va);
			va = _mm_add_epi32(va, _mm_sad_epu8(d, zero));
			vb = _mm_add_epi32(vb, _mm_add_epi32(
			    _mm_madd_epi16(_mm_unpacklo_epi8(d, zero), w_hi),
			    _mm_madd_epi16(_mm_unpackhi_epi8(d, zero), w_lo)));
		}
		_mm_storeu_si128((__m128i *)(void *)t, va);
		sa = (uint64_t)t[0] + t[2];
		_mm_storeu_si128((__m128i *)(void *)t, vs);
		ss = (uint64_t)t[0] + t[2];
		_mm_storeu_si128((__m128i *)(void *)t, vb);
		sb = (uint64_t)t[0] + t[1] + t[2] + t[3];
		b = (uint32_t)((b + (uint64_t)n * 16 * a + 16 * ss + sb) %
		    ADLER_BASE);
		a = (uint32_t)((a + sa) % ADLER_BASE);
	}
#endif
	while (len > 0) {
		size_t	 n = len < ADLER_NMAX ? len : ADLER_NMAX;

		len -= n;
		while (n-- > 0) {
			a += *p++;
			b += a;
		}
		a %= ADLER_BASE;
		b %= ADLER_BASE;
	}
	return b << 16 | a;
}

/* The file: written through cairo's callback, failing for good at the
 * first error. */
struct png_out {
	cairo_write_func_t	 write;
	void			*closure;
	int			 err;
};

static void
put(struct png_out *o, const void *p, size_t n)
{
	if (o->err == 0 && n > 0 && o->write(o->closure, p, (unsigned int)n) !=
	    CAIRO_STATUS_SUCCESS)
		o->err = 1;
}

static void
be32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

/* A chunk: length, type, data, CRC-32 of type and data. */
static void
chunk(struct png_out *o, const char *type, const unsigned char *data,
    size_t n)
{
	unsigned char	 b[8];
	uLong		 crc = crc32(0L, (const Bytef *)type, 4);

	be32(b, (uint32_t)n);
	memcpy(b + 4, type, 4);
	put(o, b, 8);
	put(o, data, n);
	if (n > 0)
		crc = crc32(crc, data, (uInt)n);
	be32(b, (uint32_t)crc);
	put(o, b, 4);
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

/* Row "y" as PNG scanline bytes: filter type 0 (none), then RGB or the
 * palette index of each pixel. */
static void
scanline(const unsigned char *data, int w, int y, int stride,
    const struct palette *pal, unsigned char *out)
{
	const uint32_t	*px = (const uint32_t *)(const void *)(data +
	    (size_t)y * (size_t)stride);
	int		 x;

	*out++ = 0;
	if (pal != NULL) {
		uint32_t	 last = 0xffffffffu;
		unsigned char	 li = 0;

		for (x = 0; x < w; x++) {
			uint32_t rgb = px[x] & 0xffffffu;

			if (rgb != last) {
				last = rgb;
				li = pal->idx[pal_slot(pal, rgb)];
			}
			out[x] = li;
		}
		return;
	}
	/* RGB24: 0x00RRGGBB in native byte order */
	for (x = 0; x < w; x++) {
		out[3 * x] = (unsigned char)(px[x] >> 16);
		out[3 * x + 1] = (unsigned char)(px[x] >> 8);
		out[3 * x + 2] = (unsigned char)px[x];
	}
}

#define ROWS_A_STEP	16		/* scanlines handed to deflate at once */
#define IDAT_BYTES	65536		/* an IDAT chunk's data, at most */

int
plot_png_write(cairo_surface_t *img, cairo_write_func_t write, void *closure)
{
	static const unsigned char sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n',
	    0x1a, '\n' };
	struct png_out	 o = { write, closure, 0 };
	struct palette	*pal;
	z_stream	 z;
	unsigned char	 hdr[13], *rows = NULL, *buf = NULL, *plte = NULL;
	const unsigned char *data;
	uint32_t	 adler = 1;
	size_t		 rowlen;
	int		 w, h, stride, y, i, zrc = Z_OK, rc = -1;

	cairo_surface_flush(img);
	if (cairo_image_surface_get_format(img) != CAIRO_FORMAT_RGB24)
		return -1;
	w = cairo_image_surface_get_width(img);
	h = cairo_image_surface_get_height(img);
	stride = cairo_image_surface_get_stride(img);
	data = cairo_image_surface_get_data(img);
	if (data == NULL || w <= 0 || h <= 0)
		return -1;
	if ((pal = malloc(sizeof(*pal))) == NULL)
		return -1;
	if (palette_of(pal, data, w, h, stride) == -1) {
		free(pal);
		pal = NULL;
	}
	rowlen = 1 + (size_t)w * (pal != NULL ? 1 : 3);
	memset(&z, 0, sizeof(z));
	/* raw deflate (window 2^15): the zlib header and Adler-32 are ours */
	if ((rows = malloc(rowlen * ROWS_A_STEP)) == NULL ||
	    (buf = malloc(IDAT_BYTES + 2)) == NULL ||
	    (plte = malloc(3 * 256)) == NULL ||
	    deflateInit2(&z, 1, Z_DEFLATED, -15, pal != NULL ? 8 : 5,
	    Z_DEFAULT_STRATEGY) != Z_OK) {
		free(rows);
		free(buf);
		free(plte);
		free(pal);
		return -1;
	}

	put(&o, sig, sizeof(sig));
	be32(hdr, (uint32_t)w);
	be32(hdr + 4, (uint32_t)h);
	hdr[8] = 8;				/* bits a sample or index */
	hdr[9] = pal != NULL ? 3 : 2;		/* palette, or RGB */
	hdr[10] = hdr[11] = hdr[12] = 0;	/* deflate, filters, no interlace */
	chunk(&o, "IHDR", hdr, sizeof(hdr));
	if (pal != NULL) {
		for (i = 0; i < pal->n; i++) {
			plte[3 * i] = (unsigned char)(pal->rgb[i] >> 16);
			plte[3 * i + 1] = (unsigned char)(pal->rgb[i] >> 8);
			plte[3 * i + 2] = (unsigned char)pal->rgb[i];
		}
		chunk(&o, "PLTE", plte, 3 * (size_t)pal->n);
	}

	/* the zlib header: deflate, 32 kB window, fastest; a multiple of 31 */
	buf[0] = 0x78;
	buf[1] = 0x01;
	z.next_out = buf + 2;
	z.avail_out = IDAT_BYTES - 2;
	for (y = 0; y < h && zrc == Z_OK && o.err == 0; ) {
		int	 n = h - y < ROWS_A_STEP ? h - y : ROWS_A_STEP, k;

		for (k = 0; k < n; k++)
			scanline(data, w, y + k, stride, pal, rows + k * rowlen);
		y += n;
		adler = adler32_sum(adler, rows, rowlen * (size_t)n);
		z.next_in = rows;
		z.avail_in = (uInt)(rowlen * (size_t)n);
		do {
			zrc = deflate(&z, y == h ? Z_FINISH : Z_NO_FLUSH);
			if (z.avail_out == 0 || zrc == Z_STREAM_END) {
				size_t	 len = (size_t)(z.next_out - buf);

				if (zrc == Z_STREAM_END) {
					/* the Adler-32, in this chunk or the next */
					if (IDAT_BYTES - len < 4) {
						chunk(&o, "IDAT", buf, len);
						len = 0;
					}
					be32(buf + len, adler);
					len += 4;
				}
				chunk(&o, "IDAT", buf, len);
				z.next_out = buf;
				z.avail_out = IDAT_BYTES;
			}
		} while ((z.avail_in > 0 || (y == h && zrc == Z_OK)) &&
		    (zrc == Z_OK || zrc == Z_BUF_ERROR) && o.err == 0);
		if (zrc == Z_BUF_ERROR)
			zrc = Z_OK;
	}
	if (zrc == Z_STREAM_END && o.err == 0) {
		chunk(&o, "IEND", NULL, 0);
		rc = o.err == 0 ? 0 : -1;
	}
	deflateEnd(&z);
	free(rows);
	free(buf);
	free(plte);
	free(pal);
	return rc;
}
