/* The comparison of many sites: map, table, bar panels. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "common/units.h"
#include "plots/internal.h"
#include "plots/page.h"

/* --------------------------------------------------------------- compare */

struct metric_col {
	const char	*key;
	const char	*head;
	enum plot_unit	 unit;
	double		 to_base;
};

static const struct metric_col table_cols[] = {
	{ "facility_mw", "Facility peak", PLOT_U_W, 1e6 },
	{ "energy_mwh", "Energy /yr", PLOT_U_WH, 1e6 },
	{ "co2e_t", "CO2e loc.", PLOT_U_T, 1.0 },
	{ "co2e_market_t", "CO2e market", PLOT_U_T, 1.0 },
	{ "nox_t", "NOx", PLOT_U_T, 1.0 },
	{ "so2_t", "SO2", PLOT_U_T, 1.0 },
	{ "pm25_t", "PM2.5", PLOT_U_T, 1.0 },
	{ "water_site_m3", "Water site, m\xc2\xb3", PLOT_U_SHORT, 1.0 },
	{ "water_upstream_m3", "Water upstream, m\xc2\xb3", PLOT_U_SHORT, 1.0 },
	{ "health_usd", "Health damages", PLOT_U_USD, 1.0 },
	{ "intensity_kg_per_mwh", "kg CO2e per MWh", PLOT_U_SHORT, 1.0 },
};
#define NCOLS ((int)(sizeof(table_cols) / sizeof(table_cols[0])))

static double
metric(const struct plot_site *s, const char *key)
{
	return emis_metric_value(emis_metric_find(key), s->res);
}

static void
compare_table(cairo_t *cr, struct plot_box b, const struct plot_site *s, int n)
{
	double	 namew = b.w * 0.2, colw = (b.w - namew) / NCOLS;
	double	 rowh = fmin(22.0, (b.h - 30.0) / (n + 2)), pt = fmin(8.0, rowh * 0.55);
	double	 y = b.y, sum;
	char	 buf[64];
	int	 i, k;

	plot_set_rgb(cr, PLOT_INK);
	for (k = 0; k < NCOLS; k++)
		plot_text(cr, b.x + namew + colw * (k + 1) - 4.0, y, 7.0, PLOT_BOLD,
		    PLOT_RIGHT, colw - 6.0, table_cols[k].head);
	y += 22.0;
	for (i = 0; i <= n; i++) {
		if (i % 2 == 0 || i == n) {
			plot_set_rgb(cr, i == n ? 0xe4ecf5u : PLOT_PANEL);
			cairo_rectangle(cr, b.x, y, b.w, rowh);
			cairo_fill(cr);
		}
		plot_set_rgb(cr, PLOT_INK);
		plot_text(cr, b.x + 3.0, y + (rowh - pt * 1.25) / 2.0, pt,
		    PLOT_ELLIPSIZE | (i == n ? PLOT_BOLD : 0), PLOT_LEFT, namew - 6.0,
		    i < n ? s[i].site->name : "All sites");
		for (k = 0; k < NCOLS; k++) {
			if (i < n) {
				sum = metric(&s[i], table_cols[k].key);
			} else if (strcmp(table_cols[k].key, "intensity_kg_per_mwh") == 0) {
				double co2e = 0.0, mwh = 0.0;
				int	 j;

				for (j = 0; j < n; j++) {
					co2e += metric(&s[j], "co2e_t");
					mwh += metric(&s[j], "energy_mwh");
				}
				sum = mwh > 0.0 ? co2e * 1000.0 / mwh : 0.0;
			} else {
				int	 j;

				for (sum = 0.0, j = 0; j < n; j++)
					sum += metric(&s[j], table_cols[k].key);
			}
			plot_fmt_si(sum * table_cols[k].to_base, table_cols[k].unit,
			    buf, sizeof(buf));
			plot_text(cr, b.x + namew + colw * (k + 1) - 4.0,
			    y + (rowh - pt * 1.25) / 2.0, pt, i == n ? PLOT_BOLD : 0,
			    PLOT_RIGHT, 0.0, buf);
		}
		y += rowh;
	}
	plot_set_rgb(cr, PLOT_MUTED);
	plot_text(cr, b.x, y + 6.0, 6.5, PLOT_ITALIC, PLOT_LEFT, b.w, "Per year at "
	    "full build-out unless a --year is given. Tonnes are metric; CO2e "
	    "location-based unless marked market-based; water consumed; health "
	    "damages in the dollars of the EPA values (last page).");
}

/* One bar panel of metric "key" (and "key2" as a second series). */
static void
compare_panel(cairo_t *cr, struct plot_box b, const struct plot_site *s, int n,
    const char *title, const char *src, const char *key, const char *key2,
    const char *name1, const char *name2, enum plot_unit u, double to_base,
    int color0)
{
	const char	**cats = calloc((size_t)n, sizeof(*cats));
	double		*v1 = calloc((size_t)n, sizeof(*v1));
	double		*v2 = calloc((size_t)n, sizeof(*v2));
	double		*r = calloc(4 * (size_t)n, sizeof(*r));
	struct plot_series ser[2] = { { name1, v1, NULL, NULL },
	    { name2, v2, NULL, NULL } };
	size_t		 m1 = page_metric_index(key), m2 = key2 != NULL ? page_metric_index(key2) : 0;
	const char	*names[2] = { name1, name2 };
	struct plot_bars bars;
	struct plot_box	 p;
	int		 i;

	if (cats == NULL || v1 == NULL || v2 == NULL || r == NULL)
		goto out;
	for (i = 0; i < n; i++) {
		cats[i] = s[i].site->name;
		v1[i] = metric(&s[i], key);
		v2[i] = key2 != NULL ? metric(&s[i], key2) : 0.0;
		/* error bars P5-P95 when the sites carry ranges */
		r[i] = s[i].p5 != NULL ? s[i].p5[m1] : (double)NAN;
		r[n + i] = s[i].p95 != NULL ? s[i].p95[m1] : (double)NAN;
		r[2 * n + i] = s[i].p5 != NULL && key2 != NULL ? s[i].p5[m2] : (double)NAN;
		r[3 * n + i] = s[i].p95 != NULL && key2 != NULL ? s[i].p95[m2] : (double)NAN;
	}
	if (s[0].p5 != NULL) {
		ser[0].lo = r;
		ser[0].hi = r + n;
		ser[1].lo = r + 2 * n;
		ser[1].hi = r + 3 * n;
		src = "Error bars: P5 to P95 of the Monte Carlo samples (--samples).";
	}
	bars = page_bars_of(n, cats, key2 != NULL ? 2 : 1, ser, 0, u, to_base);
	bars.color0 = color0;
	p = plot_panel(cr, b, title, src);
	if (key2 != NULL) {
		double lh = plot_legend(cr, p.x, p.y, p.w, 2, names, color0);

		p.y += lh;
		p.h -= lh;
	}
	plot_hbars(cr, p, &bars);
out:
	free(cats);
	free(v1);
	free(v2);
	free(r);
}

static const struct plot_site *sort_sites;
static const char *sort_key;

static int
by_metric(const void *a, const void *b)
{
	double	 x = metric(&sort_sites[*(const int *)a], sort_key);
	double	 y = metric(&sort_sites[*(const int *)b], sort_key);

	return x < y ? 1 : x > y ? -1 : *(const int *)a - *(const int *)b;
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
	struct plot_box	 b, q;
	struct page	 pg;
	char		 title[120], sub[SUB_MAX], foot[80];
	cairo_t		*cr;
	int		*order, i, rc = -1, panels = n <= 8 ? 4 : 2;
	double		 hw, hh;

	if (o->sort_key != NULL && emis_metric_find(o->sort_key) == NULL)
		return err_set(e, ERR_USAGE, NULL, 0, "--sort: unknown key \"%s\" "
		    "(expected a column of `dcimpact estimate --format csv`, e.g. "
		    "co2e_t)", o->sort_key);
	s = calloc((size_t)n, sizeof(*s));
	order = calloc((size_t)n, sizeof(*order));
	if (s == NULL || order == NULL) {
		err_set(e, ERR_NOMEM, out, 0, "out of memory");
		goto out;
	}
	for (i = 0; i < n; i++)
		order[i] = i;
	if (o->sort_key != NULL) {
		sort_sites = in;
		sort_key = o->sort_key;
		qsort(order, (size_t)n, sizeof(*order), by_metric);
	}
	for (i = 0; i < n; i++)
		s[i] = in[order[i]];
	page_size(o, &pg.w, &pg.h);
	snprintf(foot, sizeof(foot), "%d sites", n);
	pg.foot = foot;
	page_subtitle(o, s, n, c, sub);
	pg.n = 2 + 8 / panels + 2;
	pg.of = 0;		/* not known yet: the dry run's footers are discarded */
	pg.of = 3 + 8 / panels + sources_page_count(&pg, s, n, c, o, sub);
	if ((cv = plot_canvas_open(out, pg.w, pg.h, pg.of, o->dpi, &meta, e)) == NULL)
		goto out;
	snprintf(title, sizeof(title), "%d AI data centers compared", n);

	pg.n = 1;
	cr = plot_canvas_page(cv);
	b = page_frame(cr, &pg, title, sub);
	if (plot_map_draw(cr, b.x, b.y, b.w, b.h, s, n, o, 1, e) == -1)
		goto out;
	pg.n = 2;
	cr = plot_canvas_page(cv);
	b = page_frame(cr, &pg, "Side by side", sub);
	/* up to 12 sites, the embodied chart under the table */
	compare_table(cr, n <= 12 ? (struct plot_box){ b.x, b.y, b.w,
	    b.h * 0.56 } : b, s, n);
	if (n <= 12)
		compare_embodied_panel(cr, (struct plot_box){ b.x, b.y + b.h * 0.62,
		    b.w, b.h * 0.38 }, s, n, o);

	hw = panels == 4 ? (b.w - 24.0) / 2.0 : b.w;
	hh = (b.h - 16.0) / 2.0;
	for (i = 0; i < 8; i++) {
		static const struct {
			const char *title, *src, *k1, *k2, *n1, *n2;
			enum plot_unit u;
			double to_base;
			int color0;
		} P[8] = {
			{ "Energy per year", "Facility energy at the meter, PUE included.",
			    "energy_mwh", NULL, "energy", NULL, PLOT_U_WH, 1e6, 0 },
			{ "CO2e per year", "GHG Protocol Scope 2: PPAs count only in "
			    "market-based.", "co2e_t", "co2e_market_t", "location-based",
			    "market-based", PLOT_U_T, 1.0, 0 },
			{ "Carbon intensity", "kg CO2e per MWh consumed, location-based.",
			    "intensity_kg_per_mwh", NULL, "intensity", NULL,
			    PLOT_U_KG_PER_MWH, 1.0, 2 },
			{ "Health damages per year", "EPA benefit-per-ton (EGUs), "
			    "PM2.5 + SO2 + NOx.", "health_usd", NULL, "damages", NULL,
			    PLOT_U_USD, 1.0, 3 },
			{ "NOx per year", "On-site AP-42 and permits; grid eGRID2023 "
			    "(AVERT 2023 under avert-marginal).",
			    "nox_t", NULL, "NOx", NULL, PLOT_U_T, 1.0, 1 },
			{ "SO2 per year", "On-site AP-42; grid eGRID2023 (AVERT "
			    "2023 under avert-marginal).", "so2_t",
			    NULL, "SO2", NULL, PLOT_U_T, 1.0, 5 },
			{ "PM2.5 per year", "On-site AP-42; grid derived from its "
			    "resource mix.", "pm25_t", NULL, "PM2.5", NULL, PLOT_U_T,
			    1.0, 3 },
			{ "Water consumed per year", "On site: WUE x IT energy; "
			    "upstream: Macknick et al. 2012.", "water_site_m3",
			    "water_upstream_m3", "on site", "upstream", PLOT_U_M3, 1.0, 4 },
		};
		int	 slot = i % panels;

		if (slot == 0) {
			pg.n++;
			cr = plot_canvas_page(cv);
			b = page_frame(cr, &pg, i < 4 ? "Energy, carbon and health" :
			    "Air pollutants and water", sub);
		}
		q.x = b.x + (panels == 4 ? (slot % 2) * (hw + 24.0) : 0.0);
		q.y = b.y + (panels == 4 ? slot / 2 : slot) * (hh + 16.0);
		q.w = hw;
		q.h = hh;
		compare_panel(cr, q, s, n, P[i].title, P[i].src, P[i].k1, P[i].k2,
		    P[i].n1, P[i].n2, P[i].u, P[i].to_base, P[i].color0);
	}
	pg.n++;
	cr = plot_canvas_page(cv);
	b = page_frame(cr, &pg, "Grid bases: average and marginal", sub);
	compare_bases_page(cr, b, s, n, c);
	sources_pages_draw(cv, &pg, s, n, c, o, sub);
	rc = 0;
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
	free(order);
	return rc;
}
