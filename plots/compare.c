/* The comparison of many sites: a map, the table side by side, a bar panel
 * a metric, the grid bases and the sources. Sites marked as scenarios
 * (what-ifs: fleets, nominal modules) come after the real ones, set apart
 * under their own heading, and are left out of the "All sites" totals. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "common/units.h"
#include "plots/internal.h"
#include "plots/page.h"

#define SCEN_HEAD	"Scenarios (what-ifs, not in the totals)"

struct metric_col {
	const char	*key;
	const char	*head;
	enum plot_unit	 unit;
	double		 to_base;
	int		 fixed;		/* 1: one unit for the whole column */
};

static const struct metric_col table_cols[] = {
	{ "facility_mw", "Facility peak", PLOT_U_W, 1e6, 0 },
	{ "energy_mwh", "Energy /yr", PLOT_U_WH, 1e6, 0 },
	{ "co2e_t", "CO2e loc.", PLOT_U_T, 1.0, 0 },
	{ "co2e_market_t", "CO2e market", PLOT_U_T, 1.0, 0 },
	{ "nox_t", "NOx", PLOT_U_T, 1.0, 0 },
	{ "so2_t", "SO2", PLOT_U_T, 1.0, 0 },
	{ "pm25_t", "PM2.5", PLOT_U_T, 1.0, 0 },
	{ "water_site_m3", "Water site", PLOT_U_M3, 1.0, 1 },
	{ "water_upstream_m3", "Water upstream", PLOT_U_M3, 1.0, 1 },
	{ "health_usd", "Health damages", PLOT_U_USD, 1.0, 0 },
	{ "intensity_kg_per_mwh", "kg CO2e per MWh", PLOT_U_SHORT, 1.0, 0 },
};
#define NCOLS ((int)(sizeof(table_cols) / sizeof(table_cols[0])))

/* The table's rows, at least this tall; the rows of one page. */
#define ROW_MIN_PT	13.0
#define ROW_MAX_PT	22.0

static double
metric(const struct plot_site *s, const char *key)
{
	return emis_metric_value(emis_metric_find(key), s->res);
}

/* The "All sites" figure of "key": the real sites only (emissions/). */
static double
total_of(const struct plot_site *s, int nreal, const char *key)
{
	const struct emis_result *r[64];
	int	 i;

	for (i = 0; i < nreal && i < 64; i++)
		r[i] = s[i].res;
	return emis_metric_total(emis_metric_find(key), r, (size_t)i);
}

/* One unit for a whole column: the power of 1000 of its largest value. */
static int
column_k(const struct plot_site *s, int n, const char *key)
{
	double	 m = 0.0, v;
	int	 i, k = 0;

	for (i = 0; i < n; i++)
		if (isfinite(v = metric(&s[i], key)))
			m = fmax(m, fabs(v));
	while (m >= 999.5 && k < 3) {
		m /= 1000.0;
		k++;
	}
	return k;
}

static void
fmt_fixed(double v, int k, char *buf, size_t n)
{
	double	 a;

	if (isnan(v)) {
		snprintf(buf, n, "n/a");
		return;
	}
	a = fabs(v /= pow(1000.0, k));
	snprintf(buf, n, a >= 100.0 || fpclassify(a) == FP_ZERO ? "%.0f" : a >= 10.0 ? "%.1f" :
	    "%.2f", v);
}

/* Rows of the table: sites, the total, the scenarios' heading, scenarios. */
enum row_kind { ROW_SITE, ROW_TOTAL, ROW_HEAD };
struct row {
	enum row_kind	 kind;
	int		 site;
};

static int
table_rows(int n, int nreal, struct row *rows)
{
	int	 i, m = 0;

	for (i = 0; i < nreal; i++)
		rows[m++] = (struct row){ ROW_SITE, i };
	rows[m++] = (struct row){ ROW_TOTAL, -1 };
	if (nreal < n)
		rows[m++] = (struct row){ ROW_HEAD, -1 };
	for (i = nreal; i < n; i++)
		rows[m++] = (struct row){ ROW_SITE, i };
	return m;
}

/* How many rows fit in a table of height h. */
static int
rows_fitting(double h)
{
	return (int)fmax(1.0, floor((h - 60.0) / ROW_MIN_PT));
}

/* Rows [from, to) of the table in box b. */
static void
compare_table(cairo_t *cr, struct plot_box b, const struct plot_site *s, int n,
    int nreal, const struct row *rows, int from, int to, int last)
{
	double	 namew = b.w * 0.2, colw = (b.w - namew) / NCOLS;
	double	 rowh = fmin(ROW_MAX_PT, (b.h - 60.0) / (to - from));
	double	 pt = fmin(8.0, fmax(6.5, rowh * 0.55)), y = b.y, v;
	char	 buf[64], head[96];
	int	 i, k, kk[NCOLS];
	static const char *const m3[] = { "m\xc2\xb3", "thousand m\xc2\xb3",
	    "million m\xc2\xb3", "billion m\xc2\xb3" };

	plot_set_rgb(cr, PLOT_INK);
	for (k = 0; k < NCOLS; k++) {
		kk[k] = table_cols[k].fixed ? column_k(s, n, table_cols[k].key) : 0;
		if (table_cols[k].fixed)
			snprintf(head, sizeof(head), "%s, %s", table_cols[k].head,
			    m3[kk[k]]);
		else
			snprintf(head, sizeof(head), "%s", table_cols[k].head);
		plot_text(cr, b.x + namew + colw * (k + 1) - 4.0, y, 7.0, PLOT_BOLD,
		    PLOT_RIGHT, colw - 6.0, head);
	}
	y += 24.0;
	for (i = from; i < to; i++) {
		const struct row *rw = &rows[i];
		int	 bold = rw->kind != ROW_SITE;

		if (rw->kind == ROW_HEAD) {
			plot_set_rgb(cr, PLOT_MUTED);
			plot_text(cr, b.x + 3.0, y + rowh - pt * 1.3, pt,
			    PLOT_ITALIC | PLOT_BOLD, PLOT_LEFT, b.w, SCEN_HEAD);
			plot_set_rgb(cr, PLOT_GRID);
			cairo_rectangle(cr, b.x, y + rowh - 0.8, b.w, 0.8);
			cairo_fill(cr);
			y += rowh;
			continue;
		}
		if (rw->kind == ROW_TOTAL || i % 2 == 0) {
			plot_set_rgb(cr, rw->kind == ROW_TOTAL ? 0xe4ecf5u : PLOT_PANEL);
			cairo_rectangle(cr, b.x, y, b.w, rowh);
			cairo_fill(cr);
		}
		if (rw->kind == ROW_TOTAL)
			snprintf(head, sizeof(head), "All sites (%d)", nreal);
		plot_set_rgb(cr, PLOT_INK);
		plot_text(cr, b.x + 3.0, y + (rowh - pt * 1.25) / 2.0, pt,
		    PLOT_ELLIPSIZE | (bold ? PLOT_BOLD : 0), PLOT_LEFT, namew - 6.0,
		    rw->kind == ROW_SITE ? s[rw->site].site->name : head);
		for (k = 0; k < NCOLS; k++) {
			v = rw->kind == ROW_SITE ? metric(&s[rw->site],
			    table_cols[k].key) : total_of(s, nreal, table_cols[k].key);
			if (table_cols[k].fixed)
				fmt_fixed(v, kk[k], buf, sizeof(buf));
			else
				plot_fmt_si(v * table_cols[k].to_base,
				    table_cols[k].unit, buf, sizeof(buf));
			plot_text(cr, b.x + namew + colw * (k + 1) - 4.0,
			    y + (rowh - pt * 1.25) / 2.0, pt, bold ? PLOT_BOLD : 0,
			    PLOT_RIGHT, 0.0, buf);
		}
		y += rowh;
	}
	if (!last)
		return;
	plot_set_rgb(cr, PLOT_MUTED);
	plot_text(cr, b.x, y + 6.0, 6.5, PLOT_ITALIC, PLOT_LEFT, b.w, "Per year at "
	    "full build-out unless a --year is given. Tonnes are metric; CO2e "
	    "location-based unless marked market-based; water consumed; health "
	    "damages in the dollars of the values on the last page; n/a: not "
	    "available. All sites: the sum of the real sites (intensity: their "
	    "total CO2e over their total energy); scenarios are not added.");
}

/* A bar panel: metric "k1" (and "k2" as a second series). */
struct panel {
	const char	*topic;		/* in the page's title */
	const char	*title;
	const char	*k1, *k2, *n1, *n2;
	enum plot_unit	 u;
	double		 to_base;
	int		 color0;
	int		 pair;		/* rows hold two bars */
};

static const struct panel panels[] = {
	{ "Energy", "Energy per year", "energy_mwh", NULL, "energy", NULL,
	    PLOT_U_WH, 1e6, 0, 0 },
	{ "CO2e", "CO2e per year", "co2e_t", "co2e_market_t", "location-based",
	    "market-based", PLOT_U_T, 1.0, 0, 1 },
	{ "carbon intensity", "Carbon intensity", "intensity_kg_per_mwh", NULL,
	    "intensity", NULL, PLOT_U_KG_PER_MWH, 1.0, 2, 0 },
	{ "health damages", "Health damages per year", "health_onsite_usd",
	    "health_grid_usd", "on site and backup (EASIUR at the site)",
	    "grid (national value)", PLOT_U_USD, 1.0, 3, 1 },
	{ "NOx", "NOx per year", "nox_t", NULL, "NOx", NULL, PLOT_U_T, 1.0, 1, 0 },
	{ "SO2", "SO2 per year", "so2_t", NULL, "SO2", NULL, PLOT_U_T, 1.0, 5, 0 },
	{ "PM2.5", "PM2.5 per year", "pm25_t", NULL, "PM2.5", NULL, PLOT_U_T,
	    1.0, 3, 0 },
	{ "water", "Water consumed per year", "water_site_m3",
	    "water_upstream_m3", "on site", "upstream", PLOT_U_M3, 1.0, 4, 1 },
};
#define NPANELS ((int)(sizeof(panels) / sizeof(panels[0])))

/* The caption of panel "i", from the catalogs the sites use. */
static void
panel_source(int i, const struct plot_site *s, int n,
    const struct emis_catalogs *c, char *buf, size_t len)
{
	char	 grids[400] = "";
	size_t	 m = 0;
	int	 j, k, seen;

	/* the grids' editions, each once */
	for (j = 0; j < n && m + 2 < sizeof(grids); j++) {
		for (seen = 0, k = 0; k < j; k++)
			if (strcmp(s[k].refs->grid->edition,
			    s[j].refs->grid->edition) == 0)
				seen = 1;
		if (!seen)
			m += (size_t)snprintf(grids + m, sizeof(grids) - m, "%s%s",
			    m ? "; " : "", s[j].refs->grid->edition);
	}
	switch (i) {
	case 0:
		snprintf(buf, len, "Facility energy at the meter, PUE included.");
		break;
	case 1:
		snprintf(buf, len, "GHG Protocol Scope 2: location-based counts PPA "
		    "energy at the grid's rates; market-based counts it as zero.");
		break;
	case 2:
		snprintf(buf, len, "kg CO2e per MWh consumed, location-based.");
		break;
	case 3:
		snprintf(buf, len, "PM2.5 + SO2 + NOx, %d dollars. On-site and "
		    "backup tonnes valued at each site's cell: %s; grid tonnes at "
		    "the national value: %s. Ozone and non-PM2.5 effects left out.",
		    easiur_dollar_year(&c->easiur), c->easiur.edition,
		    c->health_edition);
		break;
	case 7:
		snprintf(buf, len, "On site: WUE x IT energy; upstream: water per "
		    "MWh of each fuel (plant catalog, last page) x the grid's mix.");
		break;
	default:
		snprintf(buf, len, "On site: the plant catalog's factors after "
		    "controls (last page). Grid: %s.", grids);
		break;
	}
}

/* Order of the categories of one panel: the sites as the pages order them,
 * or, when more than "fit" rows are needed, the largest fit - 1 real sites
 * by "key", one row for the others, then the scenarios. */
struct kv {
	double	 v;
	int	 i;
};

static int
kv_desc(const void *a, const void *b)
{
	const struct kv	*x = a, *y = b;

	if (isnan(x->v) != isnan(y->v))
		return isnan(x->v) ? 1 : -1;
	if (x->v < y->v)
		return 1;
	if (x->v > y->v)
		return -1;
	return x->i - y->i;
}

static void
compare_panel(cairo_t *cr, struct plot_box b, const struct plot_site *s, int n,
    int nreal, const struct emis_catalogs *c, const struct panel *P, int pi)
{
	const char	**cats = calloc((size_t)n + 1, sizeof(*cats));
	double		*v1 = calloc((size_t)n + 1, sizeof(*v1));
	double		*v2 = calloc((size_t)n + 1, sizeof(*v2));
	double		*r = calloc(4 * ((size_t)n + 1), sizeof(*r));
	struct kv	*kv = calloc((size_t)n + 1, sizeof(*kv));
	int		*idx = calloc((size_t)n + 1, sizeof(*idx));
	const struct emis_result **rest = calloc((size_t)n + 1, sizeof(*rest));
	struct plot_series ser[2] = { { P->n1, v1, NULL, NULL },
	    { P->n2, v2, NULL, NULL } };
	size_t		 m1 = page_metric_index(P->k1);
	size_t		 m2 = P->k2 != NULL ? page_metric_index(P->k2) : 0;
	const char	*names[2] = { P->n1, P->n2 };
	char		 src[700], other[64];
	struct plot_bars bars;
	struct plot_box	 p;
	int		 i, ncat = 0, fit, nother = 0, real_shown, nsplit;
	double		 lh = 0.0, row_pt = P->pair ? 12.0 : 9.0;

	if (cats == NULL || v1 == NULL || v2 == NULL || r == NULL || kv == NULL ||
	    idx == NULL || rest == NULL)
		goto out;
	panel_source(pi, s, n, c, src, sizeof(src));
	if (s[0].p5 != NULL)
		snprintf(src + strlen(src), sizeof(src) - strlen(src), " Error "
		    "bars: P5 to P95 of the Monte Carlo samples (--samples).");
	p = plot_panel(cr, b, P->title, src);
	if (P->k2 != NULL) {
		lh = plot_legend(cr, p.x, p.y, p.w, 2, names, P->color0);
		p.y += lh;
		p.h -= lh;
	}
	/* rows that fit at a readable size; the rest grouped as "other" */
	fit = (int)fmax(3.0, floor((p.h - 24.0) / row_pt)) -
	    (nreal < n ? 1 : 0);
	real_shown = nreal;
	if (n > fit && nreal > 3) {
		/* at least 3 sites in "other": grouping 1 or 2 hides more
		 * than it saves */
		real_shown = fit - (n - nreal) - 1;
		if (real_shown < 1)
			real_shown = 1;
		if (real_shown > nreal - 3)
			real_shown = nreal;
		nother = nreal - real_shown;
	}
	if (nother > 0) {
		for (i = 0; i < nreal; i++)
			kv[i] = (struct kv){ metric(&s[i], P->k1), i };
		qsort(kv, (size_t)nreal, sizeof(*kv), kv_desc);
		for (i = 0; i < real_shown; i++)
			idx[ncat++] = kv[i].i;
		for (i = 0; i < nother; i++)
			rest[i] = s[kv[real_shown + i].i].res;
	} else {
		for (i = 0; i < nreal; i++)
			idx[ncat++] = i;
	}
	for (i = 0; i < ncat; i++) {
		int	 j = idx[i];

		cats[i] = s[j].site->name;
		v1[i] = metric(&s[j], P->k1);
		v2[i] = P->k2 != NULL ? metric(&s[j], P->k2) : 0.0;
		r[i] = s[j].p5 != NULL ? s[j].p5[m1] : (double)NAN;
		r[n + 1 + i] = s[j].p95 != NULL ? s[j].p95[m1] : (double)NAN;
		r[2 * (n + 1) + i] = s[j].p5 != NULL && P->k2 != NULL ?
		    s[j].p5[m2] : (double)NAN;
		r[3 * (n + 1) + i] = s[j].p95 != NULL && P->k2 != NULL ?
		    s[j].p95[m2] : (double)NAN;
	}
	if (nother > 0) {
		snprintf(other, sizeof(other), "%d other sites", nother);
		cats[ncat] = other;
		v1[ncat] = emis_metric_total(&emis_metrics[m1], rest,
		    (size_t)nother);
		v2[ncat] = P->k2 != NULL ? emis_metric_total(&emis_metrics[m2],
		    rest, (size_t)nother) : 0.0;
		r[ncat] = r[n + 1 + ncat] = r[2 * (n + 1) + ncat] =
		    r[3 * (n + 1) + ncat] = (double)NAN;
		ncat++;
	}
	nsplit = ncat;
	for (i = nreal; i < n; i++) {
		cats[ncat] = s[i].site->name;
		v1[ncat] = metric(&s[i], P->k1);
		v2[ncat] = P->k2 != NULL ? metric(&s[i], P->k2) : 0.0;
		r[ncat] = s[i].p5 != NULL ? s[i].p5[m1] : (double)NAN;
		r[n + 1 + ncat] = s[i].p95 != NULL ? s[i].p95[m1] : (double)NAN;
		r[2 * (n + 1) + ncat] = s[i].p5 != NULL && P->k2 != NULL ?
		    s[i].p5[m2] : (double)NAN;
		r[3 * (n + 1) + ncat] = s[i].p95 != NULL && P->k2 != NULL ?
		    s[i].p95[m2] : (double)NAN;
		ncat++;
	}
	if (s[0].p5 != NULL) {
		ser[0].lo = r;
		ser[0].hi = r + n + 1;
		ser[1].lo = r + 2 * (n + 1);
		ser[1].hi = r + 3 * (n + 1);
	}
	bars = page_bars_of(ncat, cats, P->k2 != NULL ? 2 : 1, ser, 0, P->u,
	    P->to_base);
	bars.color0 = P->color0;
	plot_hbars_split(cr, p, &bars, nsplit, nsplit < ncat ? SCEN_HEAD : NULL);
out:
	free(cats);
	free(v1);
	free(v2);
	free(r);
	free(kv);
	free(idx);
	free(rest);
}

/* The pages' order: real sites first, then scenarios; within each, by
 * o->sort_key (largest first) when given, else as named. */
struct order_key {
	int	 scenario;
	double	 key;
	int	 i;
};

static int
by_order_key(const void *a, const void *b)
{
	const struct order_key *x = a, *y = b;

	if (x->scenario != y->scenario)
		return x->scenario - y->scenario;
	if (x->key < y->key)
		return 1;
	if (x->key > y->key)
		return -1;
	return x->i - y->i;
}

/* Panels a page holds: fewer, taller panels as the sites grow. */
static int
panels_per_page(int n)
{
	return n <= 8 ? 4 : n <= 20 ? 2 : 1;
}

/* The title of the page holding panels [i, i + k): its panels' topics. */
static void
panel_page_title(int i, int k, char *buf, size_t len)
{
	size_t	 m = 0;
	int	 j;

	for (j = i; j < i + k && j < NPANELS; j++)
		m += (size_t)snprintf(buf + m, len - m, "%s%s", j == i ? "" :
		    j == i + k - 1 || j == NPANELS - 1 ? " and " : ", ",
		    panels[j].topic);
	if (m > 0 && buf[0] >= 'a' && buf[0] <= 'z')
		buf[0] = (char)(buf[0] - 'a' + 'A');
}

int
plot_compare(const struct plot_site *in, int n, const struct emis_catalogs *c,
    const struct plot_opts *o, const char *out, struct err *e)
{
	struct plot_meta meta = { "AI data centers compared: energy and "
	    "environmental impact", "Estimated power, energy, emissions, water "
	    "and health damages of AI data centers side by side (dcimpact)" };
	struct plot_canvas *cv = NULL;
	struct plot_site *s;
	struct order_key *ok;
	struct row	*rows;
	struct plot_box	 b, q;
	struct page	 pg;
	struct plot_text_check chk;
	char		 title[120], sub[SUB_MAX], foot[80];
	cairo_t		*cr;
	int		 i, rc = -1, per = panels_per_page(n), nreal = 0, nrows;
	int		 small, rpp, tpages, ppages, from;
	double		 hw, hh, bw, bh;
	const struct emis_metric *sortm = NULL;

	if (o->sort_key != NULL && (sortm = emis_metric_find(o->sort_key)) == NULL)
		return err_set(e, ERR_USAGE, NULL, 0, "--sort: unknown key \"%s\" "
		    "(expected a column of `dcimpact estimate --format csv`, e.g. "
		    "co2e_t)", o->sort_key);
	s = calloc((size_t)n, sizeof(*s));
	ok = calloc((size_t)n, sizeof(*ok));
	rows = calloc((size_t)n + 2, sizeof(*rows));
	if (s == NULL || ok == NULL || rows == NULL) {
		err_set(e, ERR_NOMEM, out, 0, "out of memory");
		goto out;
	}
	/* precomputed keys: no globals behind qsort */
	for (i = 0; i < n; i++) {
		ok[i].scenario = in[i].site->scenario != 0;
		ok[i].key = sortm != NULL ? emis_metric_value(sortm, in[i].res) : 0.0;
		if (isnan(ok[i].key))
			ok[i].key = -HUGE_VAL;
		ok[i].i = i;
		nreal += !ok[i].scenario;
	}
	qsort(ok, (size_t)n, sizeof(*ok), by_order_key);
	for (i = 0; i < n; i++)
		s[i] = in[ok[i].i];
	nrows = table_rows(n, nreal, rows);

	page_size(o, &pg.w, &pg.h);
	pg.chk = NULL;
	snprintf(foot, sizeof(foot), "%d sites", n);
	pg.foot = foot;
	page_subtitle(o, s, n, c, sub);
	/* the content box of a page, as page_frame() leaves it */
	pg.n = pg.of = 0;
	{
		cairo_surface_t	*rs = cairo_recording_surface_create(
		    CAIRO_CONTENT_COLOR_ALPHA, NULL);
		cairo_t		*rcr = cairo_create(rs);

		b = page_frame(rcr, &pg, "x", sub);
		cairo_destroy(rcr);
		cairo_surface_destroy(rs);
	}
	bw = b.w;
	bh = b.h;
	(void)bw;
	/* the table: with the embodied chart under it while it is short */
	small = n <= 12 && nrows <= rows_fitting(bh * 0.56);
	rpp = small ? nrows : rows_fitting(bh);
	tpages = (nrows + rpp - 1) / rpp;
	ppages = (NPANELS + per - 1) / per;
	pg.n = 1 + tpages + ppages + 2;
	pg.of = 0;		/* not known yet: the dry run's footers are discarded */
	pg.of = 1 + tpages + ppages + 1 + sources_page_count(&pg, s, n, c, o, sub);
	if ((cv = plot_canvas_open(out, pg.w, pg.h, pg.of, o->dpi, &meta, e)) == NULL)
		goto out;
	snprintf(title, sizeof(title), "%d AI data centers compared", n);
	pg.chk = page_check_new(&chk);

	pg.n = 1;
	cr = plot_canvas_page(cv);
	b = page_frame(cr, &pg, title, sub);
	if (plot_map_draw(cr, b.x, b.y, b.w, b.h, s, n, o, 1, e) == -1)
		goto out;
	for (from = 0; from < nrows; from += rpp) {
		int	 to = from + rpp < nrows ? from + rpp : nrows;

		pg.n++;
		cr = plot_canvas_page(cv);
		b = page_frame(cr, &pg, from == 0 ? "Side by side" :
		    "Side by side (continued)", sub);
		compare_table(cr, small ? (struct plot_box){ b.x, b.y, b.w,
		    b.h * 0.56 } : b, s, n, nreal, rows, from, to, to == nrows);
		if (small)
			compare_embodied_panel(cr, (struct plot_box){ b.x,
			    b.y + b.h * 0.62, b.w, b.h * 0.38 }, s, n, o);
	}
	hw = per == 4 ? (b.w - 24.0) / 2.0 : b.w;
	hh = per == 1 ? b.h : (b.h - 16.0) / 2.0;
	for (i = 0; i < NPANELS; i++) {
		int	 slot = i % per;

		if (slot == 0) {
			pg.n++;
			cr = plot_canvas_page(cv);
			panel_page_title(i, per, title, sizeof(title));
			b = page_frame(cr, &pg, title, sub);
		}
		q.x = b.x + (per == 4 ? (slot % 2) * (hw + 24.0) : 0.0);
		q.y = b.y + (per == 4 ? slot / 2 : slot) * (hh + 16.0);
		q.w = hw;
		q.h = hh;
		compare_panel(cr, q, s, n, nreal, c, &panels[i], i);
	}
	pg.n++;
	cr = plot_canvas_page(cv);
	b = page_frame(cr, &pg, "Grid bases: average and marginal", sub);
	compare_bases_page(cr, b, s, n, c);
	sources_pages_draw(cv, &pg, s, n, c, o, sub);
	rc = page_check_done(pg.chk, out, e);
out:
	if (cv != NULL) {
		if (rc == 0) {
			rc = plot_canvas_close(cv, e);
		} else {
			struct err ignored;

			plot_canvas_close(cv, &ignored);
		}
	}
	free(s);
	free(ok);
	free(rows);
	return rc;
}
