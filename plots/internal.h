/* Inside plots/: the canvas (cairo surfaces, pages, atomic files), text
 * through pango, the palette, and chart and map drawing on a cairo_t. */
#ifndef PLOTS_INTERNAL_H
#define PLOTS_INTERNAL_H

#include <cairo.h>

#include "plots/plots.h"

struct err;

enum plot_format { PLOT_PDF, PLOT_PNG, PLOT_SVG };

/* A document of one or more pages written to "path" atomically. */
struct plot_canvas;

struct plot_meta {
	const char	*title;
	const char	*subject;
};

/* The format of "path" from its extension, or -1 with "e" filled. */
int	 plot_format_of(const char *path, enum plot_format *out, struct err *e);

/* Open a document of "npages" pages (PNG and SVG write one file per page,
 * OUT-1.png ... when npages > 1). Page size in points; PNG at "dpi". */
struct plot_canvas *plot_canvas_open(const char *path, double w_pt, double h_pt,
	    int npages, double dpi, const struct plot_meta *, struct err *e);
/* Begin the next page: a white page, units in points, origin top left. */
cairo_t	*plot_canvas_page(struct plot_canvas *);
/* Finish every file and rename it into place. On failure, nothing is left
 * behind and "e" names the path (ERR_IO). Frees the canvas either way. */
int	 plot_canvas_close(struct plot_canvas *, struct err *e);

/* Write the RGB24 image surface "img" as a PNG through "write" (plots/
 * png.c: zlib level 1, no filter, 8-bit RGB, or a palette when the page
 * has 256 colours or fewer: fast for charts).
 * 0, or -1 when zlib or "write" fails. */
int	 plot_png_write(cairo_surface_t *img, cairo_write_func_t write,
	    void *closure);

/* Text. Sizes in points; DejaVu Sans; wrap_w <= 0: one line. */
enum plot_align { PLOT_LEFT, PLOT_CENTER, PLOT_RIGHT };
#define PLOT_BOLD	0x1
#define PLOT_ITALIC	0x2
#define PLOT_ELLIPSIZE	0x4	/* one line, cut with an ellipsis at wrap_w */
#define PLOT_TWO_LINES	0x8	/* wrap, at most two lines, then an ellipsis */
/* Draw with the top of the text at y and x at its left/centre/right edge.
 * Returns the height drawn. */
double	 plot_text(cairo_t *, double x, double y, double size_pt, int flags,
	    enum plot_align, double wrap_w, const char *text);
void	 plot_text_extent(cairo_t *, double size_pt, int flags, double wrap_w,
	    const char *text, double *w, double *h);
/* Text laid out once, to be measured and then drawn: plot_text() in two
 * steps. plot_layout_new() lays "text" out on "cr" and gives its extent
 * (w or h may be NULL); plot_layout_show() draws it on a cairo_t with the
 * same transformation and surface type (the same page or the next) and
 * returns its height, as plot_text() would with the same arguments ("text"
 * is the layout's, for the layout check); plot_layout_free() (NULL: no-op)
 * after. Layouts are kept for the same text laid out again in the same
 * settings on a like surface (plots/text.c) until plot_text_cache_clear(),
 * which plot_canvas_close() calls. Text is drawn from one thread. */
struct plot_layout;
struct plot_layout *plot_layout_new(cairo_t *, double size_pt, int flags,
	    double wrap_w, const char *text, double *w, double *h);
double	 plot_layout_show(cairo_t *, struct plot_layout *, double x, double y,
	    enum plot_align, double wrap_w, const char *text);
void	 plot_layout_free(struct plot_layout *);
void	 plot_text_cache_clear(void);
/* Text rotated 90 degrees counter-clockwise, centred on (x, y). */
void	 plot_text_vertical(cairo_t *, double x, double y, double size_pt,
	    int flags, const char *text);

/* Layout check: every text box plot_text() draws on a cairo_t with a
 * check attached is measured against the page; boxes that leave it are
 * counted and the first is described. Reports and comparisons attach one
 * to every page when DCIMPACT_CHECK_TEXT is set in the environment and
 * then fail (ERR_IO, nothing written) naming that box: tests render with
 * it. */
struct plot_text_check {
	double		 w, h;		/* the page, device units */
	int		 page;
	int		 nout;		/* boxes outside */
	char		 first[200];	/* page 3: "text" 12.5 past the right edge */
};
/* Attach "chk" to "cr" for a page of w_pt x h_pt points in the current
 * user units; NULL detaches. */
void	 plot_text_check_attach(cairo_t *, struct plot_text_check *chk,
	    double w_pt, double h_pt, int page);

/* Colours: Okabe & Ito (2008) colour-blind-safe palette, ordered so that
 * neighbours differ in lightness (greyscale printing). */
#define PLOT_NCOLORS 7
void	 plot_set_color(cairo_t *, int i);
void	 plot_set_rgb(cairo_t *, unsigned rgb);
#define PLOT_INK	0x222222u
#define PLOT_MUTED	0x5a5a5au
#define PLOT_GRID	0xd9d9d9u
#define PLOT_PANEL	0xf4f4f4u

/* SI-prefixed value with unit: 1.2 GW, 340 kt, 5.6 M$ ("kind" picks the
 * unit family). */
enum plot_unit { PLOT_U_NONE, PLOT_U_W, PLOT_U_WH, PLOT_U_T, PLOT_U_M3,
	PLOT_U_USD, PLOT_U_KG_PER_MWH, PLOT_U_PCT, PLOT_U_SHORT };
/* PLOT_U_SHORT: a bare count with k, M, B, T (for tables). */
const char *plot_fmt_si(double v_base, enum plot_unit u, char *buf, size_t n);

/* Charts (plots/chart.c). A box in points, origin top left. */
struct plot_box {
	double		 x, y, w, h;
};

/* Round axis ticks in steps of 1, 2 or 5 x 10^k covering [lo, hi] with at
 * most "maxn" intervals: first tick *t0, step *step, *n ticks. */
void	 plot_ticks(double lo, double hi, int maxn, double *t0, double *step,
	    int *n);

/* A panel: a bold title above, a source line below; returns the room left
 * for the chart. */
struct plot_box plot_panel(cairo_t *, struct plot_box, const char *title,
	    const char *source);

struct plot_series {
	const char	*name;
	const double	*values;	/* one per category */
	const double	*lo, *hi;	/* error bars (P5, P95), or NULL */
};

/* Horizontal bars: one row per category, series grouped or stacked. Values
 * times "to_base" are in the base unit of "unit" (W, Wh, t, m3, $). */
struct plot_bars {
	int		 ncat;
	const char *const *cats;
	int		 nser;
	const struct plot_series *ser;
	int		 stacked;
	enum plot_unit	 unit;
	double		 to_base;
	int		 color0;	/* palette index of the first series */
	const double	*total_lo, *total_hi;	/* stacked: P5, P95 of each
						 * category's total, or NULL */
};
void	 plot_hbars(cairo_t *, struct plot_box, const struct plot_bars *);
/* The same with categories [nsplit, ncat) set apart below a heading row
 * "head" (scenarios under "Scenarios ..."); nsplit >= ncat: none. */
void	 plot_hbars_split(cairo_t *, struct plot_box, const struct plot_bars *,
	    int nsplit, const char *head);

/* Vertical bars for 12 months, series stacked. */
void	 plot_month_bars(cairo_t *, struct plot_box, const struct plot_bars *);

/* A one-row legend; returns its height. */
double	 plot_legend(cairo_t *, double x, double y, double w, int n,
	    const char *const *names, int color0);

/* Lines over x (years), plots/lines.c: one line per series (NAN values
 * leave gaps), the "highlight" series thicker, an optional point with its
 * own legend entry and value label, and x >= shade_from shaded and
 * labelled. The legend sits right of the plot or in rows above it, never
 * on the lines. Values times "to_base" are in the base unit of "unit". */
#define PLOT_LINES_MAX	12
#define PLOT_LINES_MAXX	64
struct plot_line {
	const char	*name;
	const double	*values;	/* one per x */
	int		 color;		/* palette index */
	int		 dash;		/* 0 solid, 1 dashed, 2 dotted */
};
struct plot_lines {
	int		 nx;		/* at most PLOT_LINES_MAXX */
	const double	*x;		/* ascending */
	int		 nser;		/* at most PLOT_LINES_MAX */
	const struct plot_line *ser;
	int		 highlight;	/* series index, or -1 */
	enum plot_unit	 unit;
	double		 to_base;
	const char	*y_title;	/* beside the value axis, or NULL */
	double		 point_x, point_y;	/* NAN: no point */
	const char	*point_label;	/* its legend entry */
	unsigned	 point_rgb;
	double		 shade_from;	/* NAN: no shaded region */
	const char	*shade_label;	/* above the shaded region */
	const char	*before_label;	/* above the region before it */
};
void	 plot_lines(cairo_t *, struct plot_box, const struct plot_lines *);

/* Grid bases in reports and comparisons (plots/report_grid.c,
 * plots/compare_bases.c). Each basis in words ("AVERT 2023 marginal"). The
 * headline basis o->grid_factors in words for
 * subtitles ("grid basis: Cambium 2024 LRMER, MidCase, 2030"); "s" (or the
 * first of "n" sites) names the scenario and year and any site where the
 * basis is not available. Returns buf. */
extern const char *const report_basis_names[EMIS_NBASES];
const char *report_basis_label(const struct plot_opts *,
	    const struct plot_site *s, int n, const struct emis_catalogs *,
	    char *buf, size_t len);
/* The report's page of grid bases and years for site "s" in box "b": CO2e
 * by year under every Cambium scenario (or one line saying why there is
 * none) and every basis side by side. */
void	 report_grid_page(cairo_t *, struct plot_box b,
	    const struct plot_site *s, const struct emis_catalogs *,
	    const struct plot_opts *);
/* The comparison's page: every site's CO2e under eGRID average, AVERT
 * marginal and Cambium LRMER side by side, "not available" where a site
 * has no such basis. */
void	 compare_bases_page(cairo_t *, struct plot_box b,
	    const struct plot_site *s, int n, const struct emis_catalogs *);

/* Embodied beside operating CO2e (plots/report_embodied.c): the report's
 * panel for site "s" (stacked per year, the lifetimes stated), the
 * comparison's chart of "n" sites, and the sources page's lines, each
 * handed to "line" with its size in points and PLOT_* flags. */
void	 report_embodied_panel(cairo_t *, struct plot_box b,
	    const struct plot_site *s, const struct plot_opts *o);
void	 compare_embodied_panel(cairo_t *, struct plot_box b,
	    const struct plot_site *s, int n, const struct plot_opts *o);
void	 report_embodied_sources(const struct plot_site *s, int n,
	    void (*line)(void *ctx, double pt, int flags, const char *text),
	    void *ctx);

/* Maps (plots/map.c): sites on a projected basemap inside the box
 * (x, y, w, h) in points. "compact" drops the title and shrinks labels for
 * a map embedded in a report page. Returns 0, or -1 with "e" filled
 * (ERR_PROJ for a CRS PROJ rejects, ERR_CONFIG for a bad GeoJSON layer). */
int	 plot_map_draw(cairo_t *, double x, double y, double w, double h,
	    const struct plot_site *, int n, const struct plot_opts *,
	    int compact, struct err *e);

/* Tests: where the markers' centres fall (pt) when plot_map_draw() draws
 * in the box (x, y, w, h); NAN for a site that cannot be projected. */
int	 map_site_xy(const struct plot_site *, int n, const struct plot_opts *,
	    double x, double y, double w, double h, int compact,
	    double *px_pt, double *py_pt, struct err *e);

/* Inside the map files (map.c, map_labels.c, map_legend.c): a map
 * prepared (projected, laid out) before any drawing. Projections and
 * shapes come from geo/. */
#include "geo/geo.h"

#define MAP_MAX_LAYERS	8

/* The layer names --layer knows besides GeoJSON files: EASIUR's
 * ground-level damage surfaces (map_damages.c). */
#define MAP_DAMAGE_NAMES	"damages-pm25, damages-so2, damages-nox"

/* A damage surface: EASIUR's ground-level $ per metric tonne in every
 * cell, scaled to the estimate's population, income and dollar years. */
struct map_surface {
	const char	*name;		/* "damages-pm25"; NULL: none */
	enum easiur_species species;
	double		*usd_per_t;	/* EASIUR_NX * EASIUR_NY, [y-1][x-1] */
	double		*node_xy;	/* cell corners in the map CRS,
					 * (NX + 1) * (NY + 1) x, y pairs;
					 * NAN where not projected */
	double		*node_lon;	/* their longitudes, degrees */
	double		 lo, hi;	/* the colour bar's ends, $/t (log) */
	int		 pop_year, income_year, dollar_year;
};

struct map_site {
	double		 x_m, y_m;	/* projected */
	double		 px, py, r;	/* on the page, pt */
	double		 mw, intensity;
	double		 damage_usd_per_t;	/* on the surface; NAN: none */
	int		 ok;		/* projected */
	int		 capped;	/* drawn at the cap, not to scale */
};

struct map {
	struct geo_proj	*proj;		/* EPSG:4326 (lon, lat) -> the map */
	int		 world;		/* 1: world basemap, else CONUS */
	int		 compact;
	struct geo_shapes base;
	struct geo_shapes sphere;	/* world: the globe's outline */
	struct geo_shapes layers[MAP_MAX_LAYERS];
	int		 nlayers;
	struct map_surface surf;	/* --layer damages-*: shaded under all */
	struct map_site	*s;
	int		 n, nshown;
	/* layout, pt */
	double		 x, y, w, h;	/* the whole box */
	double		 bx, by, bw, bh;	/* map frame */
	double		 lx, ly, lw;	/* legend column */
	double		 ty;		/* title top */
	double		 cx_m, cy_m, k;	/* centre of the frame, pt per m */
	double		 cap_mw, rmax, rmin;
	double		 imax;		/* top of the colour ramp, kg/MWh */
	double		 label_pt;
};

/* A rectangle on the page, pt. */
struct map_rect {
	double	 x0, y0, x1, y1;
};

struct map_label {
	char		 text[200];
	double		 w, h;		/* with padding */
	struct map_rect	 box;
	double		 ax, ay, ex, ey;	/* leader line: anchor, circle edge */
	int		 leader;
	int		 placed;
};

/* map_labels.c. Place the labels lab[0..m->n) (text, w and h filled) in
 * the order "order" (indices), around their circles, inside the frame and
 * off "avoid"; pure. A label with no free place stays unplaced (placed 0):
 * many sites degrade to the biggest labelled. */
void	 map_place_labels(const struct map *, struct map_label *lab,
	    const int *order, const struct map_rect *avoid);

/* map_legend.c. A round number 1, 2 or 5 x 10^k: the smallest >= v (up)
 * or the largest <= v (down). The colour of a CO2e intensity; the legend
 * column. */
double	 map_nice_num(double v, int up);
void	 map_set_intensity(cairo_t *, const struct map *, double kg_per_mwh,
	    double alpha);
void	 map_draw_legend(cairo_t *, const struct map *);

/* map_damages.c. The species of a damage layer's name, or -1 when "name"
 * is not one of MAP_DAMAGE_NAMES. */
int	 map_damage_species(const char *name);
/* Fill "sf" for layer "name" (map_damage_species() >= 0): the surface in
 * the years the sites' estimates use (their health year, clamped as the
 * estimate clamps it; without one, o->year or the current year), and,
 * when "to_map" (lon/lat -> the map) is not NULL, the cell corners
 * projected. Reads emissions/easiur.cfg and the tables through
 * data_path(). 0, or -1 with "e"; map_surface_free() either way. */
int	 map_surface_load(struct map_surface *sf, const char *name,
	    const struct plot_site *, int n, const struct plot_opts *,
	    const struct geo_proj *to_map, struct err *e);
void	 map_surface_free(struct map_surface *);
/* The colour at "t" (0 to 1, clamped) of the ramp through "nstops"
 * 0xRRGGBB stops, linear between them, into rgb[3] (0 to 1). */
void	 map_ramp_rgb(const unsigned *stops, int nstops, double t,
	    double rgb[3]);
/* The colour of "usd_per_t" on the surface's log ramp. */
void	 map_set_damage(cairo_t *, const struct map_surface *,
	    double usd_per_t);
/* The cells as projected quadrilaterals (inside the caller's clip). */
void	 map_draw_surface(cairo_t *, const struct map *);

#endif
