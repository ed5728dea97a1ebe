/* Text through pango (DejaVu Sans), the palette, and SI-prefixed numbers. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "plots/internal.h"

static PangoLayout *
layout_for(cairo_t *cr, double size_pt, int flags, double wrap_w,
    const char *text)
{
	PangoLayout		*l = pango_cairo_create_layout(cr);
	PangoFontDescription	*fd = pango_font_description_new();
	cairo_font_options_t	*fo = cairo_font_options_create();

	/* the same metrics on every surface: PDF, PNG and SVG lay out alike */
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(pango_layout_get_context(l), fo);
	pango_layout_context_changed(l);
	cairo_font_options_destroy(fo);
	pango_font_description_set_family(fd, "DejaVu Sans");
	pango_font_description_set_absolute_size(fd, size_pt * PANGO_SCALE);
	if (flags & PLOT_BOLD)
		pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
	if (flags & PLOT_ITALIC)
		pango_font_description_set_style(fd, PANGO_STYLE_ITALIC);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	if (wrap_w > 0.0) {
		pango_layout_set_width(l, (int)(wrap_w * PANGO_SCALE));
		if (flags & PLOT_TWO_LINES) {
			pango_layout_set_wrap(l, PANGO_WRAP_WORD);
			pango_layout_set_height(l, -2);
			pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
		} else if (flags & PLOT_ELLIPSIZE)
			pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
		else
			pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	}
	pango_layout_set_text(l, text, -1);
	return l;
}

void
plot_text_extent(cairo_t *cr, double size_pt, int flags, double wrap_w,
    const char *text, double *w, double *h)
{
	plot_layout_free(plot_layout_new(cr, size_pt, flags, wrap_w, text, w, h));
}

/*
 * Layouts made before, for the same text laid out again on a cairo_t
 * like the one it was made on: a label measured and then drawn, the
 * subtitle of every page, a source cited by several sites. Pango lays a
 * text out the same from the same settings, so a layout is kept with all
 * that goes into it: the text, size, flags and width, the matrix (pango
 * reads it from the cairo_t), and the surface's type and font options;
 * what drawing changes (the alignment) is set again each time. A hash
 * table, one layout a slot, the newest kept; emptied when a document is
 * closed. Drawing is single-threaded: the PNG encoder never lays out.
 */
#define LAYOUT_SLOTS	1024	/* a power of 2 */
struct layout_key {
	double		 size_pt, wrap_w;
	double		 m[6];		/* cairo_get_matrix() */
	int		 flags;
	int		 surface;	/* cairo_surface_type_t */
};
static struct layout_slot {
	struct layout_key key;
	cairo_font_options_t *options;	/* the surface's */
	char		*text;
	PangoLayout	*l;
} layout_slots[LAYOUT_SLOTS];

static void
layout_key_of(cairo_t *cr, double size_pt, int flags, double wrap_w,
    struct layout_key *k)
{
	cairo_matrix_t	 m;

	memset(k, 0, sizeof(*k));	/* padding too: keys compare whole */
	cairo_get_matrix(cr, &m);
	k->size_pt = size_pt;
	k->wrap_w = wrap_w;
	k->m[0] = m.xx;
	k->m[1] = m.yx;
	k->m[2] = m.xy;
	k->m[3] = m.yy;
	k->m[4] = m.x0;
	k->m[5] = m.y0;
	k->flags = flags;
	k->surface = (int)cairo_surface_get_type(cairo_get_target(cr));
}

/* FNV-1a over the key's bytes and the text. */
static unsigned
layout_hash(const struct layout_key *k, const char *text)
{
	const unsigned char *p = (const unsigned char *)k;
	uint32_t	 h = 2166136261u;
	size_t		 i;

	for (i = 0; i < sizeof(*k); i++)
		h = (h ^ p[i]) * 16777619u;
	for (p = (const unsigned char *)text; *p != '\0'; p++)
		h = (h ^ *p) * 16777619u;
	return (unsigned)(h ^ h >> 16) & (LAYOUT_SLOTS - 1);
}

static void
layout_slot_clear(struct layout_slot *sl)
{
	if (sl->l != NULL)
		g_object_unref(sl->l);
	if (sl->options != NULL)
		cairo_font_options_destroy(sl->options);
	free(sl->text);
	memset(sl, 0, sizeof(*sl));
}

void
plot_text_cache_clear(void)
{
	size_t	 i;

	for (i = 0; i < LAYOUT_SLOTS; i++)
		layout_slot_clear(&layout_slots[i]);
}

/* A layout of "text" on "cr": the one kept, or a new one, then kept. */
static PangoLayout *
layout_get(cairo_t *cr, double size_pt, int flags, double wrap_w,
    const char *text)
{
	struct layout_key k;
	struct layout_slot *sl;
	cairo_font_options_t *fo = cairo_font_options_create();
	PangoLayout	*l;

	layout_key_of(cr, size_pt, flags, wrap_w, &k);
	cairo_surface_get_font_options(cairo_get_target(cr), fo);
	sl = &layout_slots[layout_hash(&k, text)];
	if (sl->l != NULL && memcmp(&sl->key, &k, sizeof(k)) == 0 &&
	    cairo_font_options_equal(sl->options, fo) &&
	    strcmp(sl->text, text) == 0) {
		cairo_font_options_destroy(fo);
		l = g_object_ref(sl->l);
		pango_layout_set_alignment(l, PANGO_ALIGN_LEFT);
		return l;
	}
	l = layout_for(cr, size_pt, flags, wrap_w, text);
	layout_slot_clear(sl);
	if (cairo_font_options_status(fo) == CAIRO_STATUS_SUCCESS &&
	    (sl->text = strdup(text)) != NULL) {
		sl->key = k;
		sl->options = fo;
		sl->l = g_object_ref(l);
	} else {
		cairo_font_options_destroy(fo);
	}
	return l;
}

/* A struct plot_layout is a PangoLayout. */
static PangoLayout *
pango_of(struct plot_layout *pl)
{
	return (PangoLayout *)(void *)pl;
}

struct plot_layout *
plot_layout_new(cairo_t *cr, double size_pt, int flags, double wrap_w,
    const char *text, double *w, double *h)
{
	PangoLayout	*l = layout_get(cr, size_pt, flags, wrap_w, text);
	PangoRectangle	 logical;

	pango_layout_get_extents(l, NULL, &logical);
	if (w != NULL)
		*w = (double)logical.width / PANGO_SCALE;
	if (h != NULL)
		*h = (double)logical.height / PANGO_SCALE;
	return (struct plot_layout *)(void *)l;
}

void
plot_layout_free(struct plot_layout *pl)
{
	if (pl != NULL)
		g_object_unref(pango_of(pl));
}

static const cairo_user_data_key_t check_key;

void
plot_text_check_attach(cairo_t *cr, struct plot_text_check *chk, double w_pt,
    double h_pt, int page)
{
	if (chk != NULL) {
		double	 x0 = 0.0, y0 = 0.0;

		cairo_user_to_device(cr, &x0, &y0);
		cairo_user_to_device(cr, &w_pt, &h_pt);
		chk->w = w_pt - x0;
		chk->h = h_pt - y0;
		chk->page = page;
	}
	cairo_set_user_data(cr, &check_key, chk, NULL);
}

/* Record the box (x0, y0, w, h) in user units when it leaves the page. */
static void
check_box(cairo_t *cr, double x0, double y0, double w, double h,
    const char *text)
{
	struct plot_text_check *chk = cairo_get_user_data(cr, &check_key);
	double	 xs[4] = { x0, x0 + w, x0, x0 + w };
	double	 ys[4] = { y0, y0, y0 + h, y0 + h };
	double	 past = 0.0, tol = 0.5;
	const char *edge = "";
	int	 i;

	if (chk == NULL || text[0] == '\0')
		return;
	for (i = 0; i < 4; i++) {
		cairo_user_to_device(cr, &xs[i], &ys[i]);
		if (-xs[i] > past + tol)
			past = -xs[i], edge = "left";
		if (xs[i] - chk->w > past + tol)
			past = xs[i] - chk->w, edge = "right";
		if (-ys[i] > past + tol)
			past = -ys[i], edge = "top";
		if (ys[i] - chk->h > past + tol)
			past = ys[i] - chk->h, edge = "bottom";
	}
	if (edge[0] == '\0')
		return;
	if (chk->nout++ == 0)
		snprintf(chk->first, sizeof(chk->first), "page %d: \"%.80s\" %.1f "
		    "units past the %s edge", chk->page, text, past, edge);
}

double
plot_layout_show(cairo_t *cr, struct plot_layout *pl, double x, double y,
    enum plot_align align, double wrap_w, const char *text)
{
	PangoLayout	*l = pango_of(pl);
	PangoRectangle	 logical;
	double		 w, h, x0 = x;

	pango_layout_get_extents(l, NULL, &logical);
	w = (double)logical.width / PANGO_SCALE;
	h = (double)logical.height / PANGO_SCALE;
	/* set every time (a kept layout is shared): left, as a new layout
	 * is, unless the text wraps and is centred or right-aligned */
	pango_layout_set_alignment(l, wrap_w > 0.0 && align != PLOT_LEFT ?
	    (align == PLOT_CENTER ? PANGO_ALIGN_CENTER : PANGO_ALIGN_RIGHT) :
	    PANGO_ALIGN_LEFT);
	if (wrap_w > 0.0 && align != PLOT_LEFT) {
		x0 = align == PLOT_CENTER ? x - wrap_w / 2.0 : x - wrap_w;
	} else if (align == PLOT_CENTER) {
		x0 = x - w / 2.0;
	} else if (align == PLOT_RIGHT) {
		x0 = x - w;
	}
	check_box(cr, wrap_w > 0.0 && align != PLOT_LEFT ? x0 + (align ==
	    PLOT_CENTER ? (wrap_w - w) / 2.0 : wrap_w - w) : x0, y, w, h, text);
	cairo_move_to(cr, x0, y);
	pango_cairo_show_layout(cr, l);
	cairo_new_path(cr);
	return h;
}

double
plot_text(cairo_t *cr, double x, double y, double size_pt, int flags,
    enum plot_align align, double wrap_w, const char *text)
{
	struct plot_layout *pl = plot_layout_new(cr, size_pt, flags, wrap_w,
	    text, NULL, NULL);
	double		 h = plot_layout_show(cr, pl, x, y, align, wrap_w, text);

	plot_layout_free(pl);
	return h;
}

void
plot_text_vertical(cairo_t *cr, double x, double y, double size_pt, int flags,
    const char *text)
{
	double	 w, h;

	plot_text_extent(cr, size_pt, flags, 0.0, text, &w, &h);
	cairo_save(cr);
	cairo_translate(cr, x, y);
	cairo_rotate(cr, -M_PI / 2.0);
	plot_text(cr, 0.0, -h / 2.0, size_pt, flags, PLOT_CENTER, 0.0, text);
	cairo_restore(cr);
}

/* Okabe, M. and Ito, K. (2008), "Color Universal Design: how to make
 * figures and presentations that are friendly to colorblind people",
 * https://jfly.uni-koeln.de/color/ -- blue, orange, bluish green, vermillion,
 * sky blue, reddish purple, yellow. */
static const unsigned palette[PLOT_NCOLORS] = {
	0x0072b2u, 0xe69f00u, 0x009e73u, 0xd55e00u, 0x56b4e9u, 0xcc79a7u, 0xf0e442u
};

void
plot_set_rgb(cairo_t *cr, unsigned rgb)
{
	cairo_set_source_rgb(cr, ((rgb >> 16) & 0xffu) / 255.0,
	    ((rgb >> 8) & 0xffu) / 255.0, (rgb & 0xffu) / 255.0);
}

void
plot_set_color(cairo_t *cr, int i)
{
	plot_set_rgb(cr, palette[((i % PLOT_NCOLORS) + PLOT_NCOLORS) % PLOT_NCOLORS]);
}

const char *
plot_fmt_si(double v, enum plot_unit u, char *buf, size_t n)
{
	static const char *const prefix[] = { "", "k", "M", "G", "T", "P" };
	const char	*unit;
	double		 a = fabs(v);
	int		 k = 0;

	if (isnan(v)) {
		snprintf(buf, n, "n/a");
		return buf;
	}
	switch (u) {
	case PLOT_U_PCT:
		snprintf(buf, n, a >= 10.0 ? "%.0f %%" : a >= 1.0 ? "%.1f %%" :
		    "%.2f %%", v);
		return buf;
	case PLOT_U_KG_PER_MWH:
		snprintf(buf, n, "%.0f kg/MWh", v);
		return buf;
	case PLOT_U_W:
		unit = "W";
		break;
	case PLOT_U_WH:
		unit = "Wh";
		break;
	case PLOT_U_T:
		unit = "t";
		break;
	case PLOT_U_M3:
		unit = "m\xc2\xb3";
		break;
	case PLOT_U_USD:
		unit = "$";
		break;
	case PLOT_U_NONE:
	default:
		unit = "";
		break;
	}
	while (a >= 999.5 && k < 5) {
		a /= 1000.0;
		v /= 1000.0;
		k++;
	}
	if (u == PLOT_U_USD) {
		/* $ with k, M, B (billion), as US readers write money */
		static const char *const money[] = { "", "k", "M", "B", "T", "P" };

		snprintf(buf, n, a >= 100.0 || k == 0 ? "$%.0f%s" : a >= 10.0 ?
		    "$%.1f%s" : "$%.2f%s", v, money[k]);
		return buf;
	}
	if (u == PLOT_U_SHORT) {
		static const char *const sh[] = { "", "k", "M", "B", "T", "P" };

		snprintf(buf, n, a >= 100.0 || k == 0 ? "%.0f%s" : a >= 10.0 ?
		    "%.1f%s" : "%.2f%s", v, sh[k]);
		return buf;
	}
	if ((u == PLOT_U_NONE || u == PLOT_U_M3) && k > 0) {
		static const char *const count[] = { "", " thousand", " million",
		    " billion", " trillion", " quadrillion" };

		snprintf(buf, n, a >= 100.0 ? "%.0f%s%s" : a >= 10.0 ? "%.1f%s%s" :
		    "%.2f%s%s", v, count[k], u == PLOT_U_M3 ? " m\xc2\xb3" : "");
		return buf;
	}
	/* a bare count has no unit: no trailing space ("631 racks") */
	snprintf(buf, n, a >= 100.0 || (k == 0 && !isnan(a) &&
	    !islessgreater(a, floor(a))) ? "%.0f%s%s%s" :
	    a >= 10.0 ? "%.1f%s%s%s" : "%.2f%s%s%s", v, prefix[k][0] != '\0' ||
	    unit[0] != '\0' ? " " : "", prefix[k], unit);
	return buf;
}
