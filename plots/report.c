/* Report (one site) and comparison (many sites) layouts. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "common/units.h"
#include "plots/internal.h"

#define MARGIN		34.0
#define A4_W		841.89	/* landscape, points */
#define A4_H		595.28
#define LETTER_W	792.0
#define LETTER_H	612.0

struct page {
	double		 w, h;
	int		 n, of;
	const char	*foot;
};

/* Title band and footer; returns the box left for content. */
static struct plot_box
frame(cairo_t *cr, const struct page *pg, const char *title, const char *sub)
{
	struct plot_box	 b = { MARGIN, MARGIN, pg->w - 2 * MARGIN, pg->h - 2 * MARGIN };
	char		 buf[300];
	double		 th;

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

#define TILE_H	76.0

/* A headline figure: label, big number, context (two lines at most). */
static double
tile(cairo_t *cr, double x, double y, double w, const char *label,
    const char *big, const char *context)
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
	plot_set_rgb(cr, PLOT_MUTED);
	plot_text(cr, x + 9.0, y + 5.0 + h + 1.0, 7.0, PLOT_TWO_LINES, PLOT_LEFT,
	    w - 12.0, context);
	return TILE_H;
}

static const char *
si(double v, enum plot_unit u, char *buf, size_t n)
{
	return plot_fmt_si(v, u, buf, n);
}

static size_t
metric_index(const char *key)
{
	return (size_t)(emis_metric_find(key) - emis_metrics);
}

/* P5 and P95 of the metrics "keys" (n of them) into lo and hi; 0 when the
 * site has no ranges. */
static int
ranges_of(const struct plot_site *s, const char *const *keys, int n,
    double *lo, double *hi)
{
	int	 i;

	if (s->p5 == NULL)
		return 0;
	for (i = 0; i < n; i++) {
		lo[i] = s->p5[metric_index(keys[i])];
		hi[i] = s->p95[metric_index(keys[i])];
	}
	return 1;
}

/* "LABEL" or "LABEL  P5-P95 a-b" when the site has ranges (--samples). */
static const char *
label_range(const struct plot_site *s, const char *label, const char *key,
    enum plot_unit u, double to_base, char *buf, size_t n)
{
	char	 a[48], b[48];
	size_t	 m = metric_index(key);

	if (s->p5 == NULL || !isfinite(s->p5[m]))
		return label;
	snprintf(buf, n, "%s  \xc2\xb7  P5\xe2\x80\x93P95: %s to %s", label,
	    si(s->p5[m] * to_base, u, a, sizeof(a)),
	    si(s->p95[m] * to_base, u, b, sizeof(b)));
	return buf;
}

#define SUB_MAX 1200

/* The subtitle of every page: one site's (nsites 1) or the comparison's,
 * with the grid basis in words. */
static void
subtitle(const struct plot_opts *o, const struct plot_site *s, int nsites,
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
static struct plot_bars
bars_of(int ncat, const char *const *cats, int nser,
    const struct plot_series *ser, int stacked, enum plot_unit unit,
    double to_base)
{
	struct plot_bars b = { ncat, cats, nser, ser, stacked, unit, to_base, 0,
	    NULL, NULL };

	return b;
}

/* ---------------------------------------------------------------- report */

static int	 source_names(const struct plot_site *, const char **);

/* The health tile's context line: how the tonnes were valued. */
static void
health_context(const struct plot_site *s, char *buf, size_t n)
{
	const struct emis_health *h = &s->refs->health;
	char	 a[32], b[32];

	if (h->method == EMIS_HEALTH_EPA_BPT || h->fallback)
		snprintf(buf, n, "per year, %d dollars: EPA national value for "
		    "every tonne%s", h->dollar_year, h->fallback ?
		    " (outside the EASIUR grid)" : "");
	else
		snprintf(buf, n, "per year, %d dollars: %s on site (EASIUR), %s "
		    "grid (national)", h->dollar_year,
		    si(s->res->health_onsite_usd, PLOT_U_USD, a, sizeof(a)),
		    si(s->res->health_grid_usd, PLOT_U_USD, b, sizeof(b)));
}

/* The health panel's caption: method, per-tonne values at the site beside
 * the national ones, dollar year, what is left out. */
static void
health_caption(const struct plot_site *s, const struct emis_catalogs *c,
    char *buf, size_t n)
{
	const struct emis_health *h = &s->refs->health;
	const double	*site = h->site_usd_per_t[EASIUR_GROUND];
	const double	*nat = h->national_usd_per_t;

	if (h->method == EMIS_HEALTH_EPA_BPT || h->fallback)
		snprintf(buf, n, "Every tonne at %s%s; %d dollars. Ozone from NOx "
		    "and non-PM2.5 health effects are not included.",
		    c->health_edition, h->fallback ? " (the site is outside the "
		    "EASIUR grid)" : "", h->dollar_year);
	else
		snprintf(buf, n, "On-site and backup tonnes at EASIUR cell (%d, %d) "
		    "(Heo et al. 2016): a tonne of PM2.5 here costs %.2fx, SO2 "
		    "%.2fx, NOx %.2fx the national value; grid tonnes at EPA's "
		    "national EGU benefit-per-ton. %d dollars (BEA deflator), "
		    "population %d, income %d. Ozone from NOx and non-PM2.5 "
		    "effects are not included.", h->easiur_x, h->easiur_y,
		    site[EMIS_PM25] / nat[EMIS_PM25], site[EMIS_SO2] /
		    nat[EMIS_SO2], site[EMIS_NOX] / nat[EMIS_NOX], h->dollar_year,
		    h->population_year, h->income_year);
}

static void
report_headlines(cairo_t *cr, struct plot_box b, const struct plot_site *s,
    const struct emis_catalogs *c)
{
	const struct emis_result *r = s->res;
	const struct est_result *e = &r->est;
	char	 big[96], ctx[200], x1[48], x2[48], x3[48], lab[160];
	double	 tw = (b.w - 8.0) / 2.0, y = b.y;

	snprintf(big, sizeof(big), "%s peak", si(e->facility_mw * 1e6, PLOT_U_W, x1, sizeof(x1)));
	snprintf(ctx, sizeof(ctx), "%s average; IT %s peak",
	    si(e->facility_avg_mw * 1e6, PLOT_U_W, x2, sizeof(x2)),
	    si(e->it_mw * 1e6, PLOT_U_W, x3, sizeof(x3)));
	tile(cr, b.x, y, tw, label_range(s, "FACILITY POWER", "facility_avg_mw",
	    PLOT_U_W, 1e6, lab, sizeof(lab)), big, ctx);
	snprintf(big, sizeof(big), "%s racks", si(e->racks, PLOT_U_NONE, x1, sizeof(x1)));
	snprintf(ctx, sizeof(ctx), "%s accelerators, %s H100-equivalents; %s",
	    si(e->accelerators, PLOT_U_NONE, x2, sizeof(x2)),
	    si(e->h100_equivalents, PLOT_U_NONE, x3, sizeof(x3)), s->rack->name);
	tile(cr, b.x + tw + 8.0, y, tw, "HARDWARE", big, ctx);
	y += TILE_H + 10.0;
	snprintf(big, sizeof(big), "%s per year", si(e->energy_mwh * 1e6, PLOT_U_WH, x1, sizeof(x1)));
	if (isfinite(r->state_share) && s->refs->state != NULL)
		snprintf(ctx, sizeof(ctx), "as much as %s US homes; %.1f %% of %s's "
		    "consumption (%d)", si(r->homes_equivalent, PLOT_U_NONE, x2,
		    sizeof(x2)), 100.0 * r->state_share, s->refs->state->name,
		    s->refs->state->year);
	else
		snprintf(ctx, sizeof(ctx), "as much as %s US homes (EIA, %d)",
		    si(r->homes_equivalent, PLOT_U_NONE, x2, sizeof(x2)), c->home_year);
	tile(cr, b.x, y, tw, label_range(s, "ENERGY", "energy_mwh", PLOT_U_WH,
	    1e6, lab, sizeof(lab)), big, ctx);
	snprintf(big, sizeof(big), "%s CO2e", si(r->total.co2e_t, PLOT_U_T, x1, sizeof(x1)));
	snprintf(ctx, sizeof(ctx), "location-based; market-based %s; like %s cars",
	    si(r->co2e_market_t, PLOT_U_T, x2, sizeof(x2)),
	    si(r->cars_equivalent, PLOT_U_NONE, x3, sizeof(x3)));
	tile(cr, b.x + tw + 8.0, y, tw, label_range(s, "CO2e PER YEAR", "co2e_t",
	    PLOT_U_T, 1.0, lab, sizeof(lab)), big, ctx);
	y += TILE_H + 10.0;
	snprintf(big, sizeof(big), "%s NOx", si(r->total.mass_t[EMIS_NOX], PLOT_U_T, x1, sizeof(x1)));
	snprintf(ctx, sizeof(ctx), "%s SO2, %s PM2.5 (%.0f / %.0f / %.0f short tons)",
	    si(r->total.mass_t[EMIS_SO2], PLOT_U_T, x2, sizeof(x2)),
	    si(r->total.mass_t[EMIS_PM25], PLOT_U_T, x3, sizeof(x3)),
	    unit_t_to_short_tons(r->total.mass_t[EMIS_NOX]),
	    unit_t_to_short_tons(r->total.mass_t[EMIS_SO2]),
	    unit_t_to_short_tons(r->total.mass_t[EMIS_PM25]));
	if (isnan(r->total.mass_t[EMIS_NOX])) {
		/* a country grid: CO2e per MWh is all its source gives */
		snprintf(big, sizeof(big), "not available");
		snprintf(ctx, sizeof(ctx), "the %s grid's source gives no NOx, "
		    "SO2 or PM2.5 rates", s->refs->grid->id);
	}
	tile(cr, b.x, y, tw, label_range(s, "AIR POLLUTANTS", "nox_t", PLOT_U_T,
	    1.0, lab, sizeof(lab)), big, ctx);
	snprintf(big, sizeof(big), "%s", isnan(r->total.health_usd) ?
	    "not available" : si(r->total.health_usd, PLOT_U_USD, x1, sizeof(x1)));
	health_context(s, ctx, sizeof(ctx));
	if (isnan(r->total.health_usd))
		snprintf(ctx, sizeof(ctx), "no tonnes of PM2.5, SO2 or NOx to "
		    "value for the %s grid", s->refs->grid->id);
	tile(cr, b.x + tw + 8.0, y, tw, label_range(s, "HEALTH DAMAGES",
	    "health_usd", PLOT_U_USD, 1.0, lab, sizeof(lab)), big, ctx);
	y += TILE_H + 10.0;
	snprintf(big, sizeof(big), "%s", si(r->water_site_m3, PLOT_U_M3, x1, sizeof(x1)));
	if (isnan(r->water_upstream_m3))
		snprintf(ctx, sizeof(ctx), "upstream at the power plants: not "
		    "available");
	else
		snprintf(ctx, sizeof(ctx), "%s upstream, at the power plants",
		    si(r->water_upstream_m3, PLOT_U_M3, x2, sizeof(x2)));
	tile(cr, b.x, y, tw, label_range(s, "WATER ON SITE PER YEAR",
	    "water_site_m3", PLOT_U_M3, 1.0, lab, sizeof(lab)), big, ctx);
	snprintf(big, sizeof(big), "%.0f kg CO2e/MWh", r->intensity_kg_per_mwh);
	snprintf(ctx, sizeof(ctx), "grid %s %s: %s of the energy from the grid",
	    s->refs->grid->id, s->refs->grid->name,
	    e->energy_mwh > 0.0 ? (snprintf(x1, sizeof(x1), "%.0f %%", 100.0 *
	    e->energy_grid_mwh / e->energy_mwh), x1) : "none");
	tile(cr, b.x + tw + 8.0, y, tw, label_range(s, "CARBON INTENSITY",
	    "intensity_kg_per_mwh", PLOT_U_KG_PER_MWH, 1.0, lab, sizeof(lab)),
	    big, ctx);
}

/* Names of the supply entries (and the backup) as chart series. */
static int
source_names(const struct plot_site *s, const char **names)
{
	size_t	 i;
	int	 n = 0;

	for (i = 0; i < s->site->nsupply; i++)
		names[n++] = s->site->supply[i].name;
	if (s->site->backup.present)
		names[n++] = "backup test runs";
	return n;
}

/* Page 1: where the energy comes from, one stacked bar. */
static void
report_supply_bar(cairo_t *cr, struct plot_box b, const struct plot_site *s)
{
	static const char *const cat[] = { "Energy" };
	const char	*names[SITE_MAX_SUPPLY + 1];
	double		 v[SITE_MAX_SUPPLY], tlo[1], thi[1];
	struct plot_series ser[SITE_MAX_SUPPLY];
	struct plot_bars bars;
	struct plot_box	 p;
	int		 i, n = (int)s->site->nsupply;
	double		 lh;

	source_names(s, names);
	for (i = 0; i < n; i++) {
		v[i] = s->res->est.supply_mwh[i];
		ser[i].name = names[i];
		ser[i].values = &v[i];
		ser[i].lo = ser[i].hi = NULL;
	}
	bars = bars_of(1, cat, n, ser, 1, PLOT_U_WH, 1e6);
	if (ranges_of(s, (const char *const[]){ "energy_mwh" }, 1, tlo, thi)) {
		bars.total_lo = tlo;
		bars.total_hi = thi;
	}
	p = plot_panel(cr, (struct plot_box){ b.x, b.y, b.w, fmin(b.h, 150.0) },
	    "Where the energy comes from", "Estimates from the site file and the "
	    "sourced catalogs; every factor and source is on the last page. "
	    "Figures are location-based unless marked market-based.");
	lh = plot_legend(cr, p.x, p.y, p.w, n, names, 0);
	p.y += lh;
	p.h -= lh;
	plot_hbars(cr, p, &bars);
}

static void
report_power_energy(cairo_t *cr, struct plot_box b, const struct plot_site *s)
{
	static const char *const parts[EST_NPARTS] = { "Accelerators", "CPUs",
	    "Memory, NICs, other", "Rack switches", "Fans, pumps, conversion",
	    "Storage, network (overhead)", "Cooling, power losses (PUE)" };
	const struct est_result *e = &s->res->est;
	const char	*names[SITE_MAX_SUPPLY + 1];
	double		 energy[SITE_MAX_SUPPLY + 1], month[SITE_MAX_SUPPLY][SITE_MONTHS];
	struct plot_series ser[SITE_MAX_SUPPLY + 1], one;
	struct plot_bars bars;
	struct plot_box	 p;
	int		 n = source_names(s, names), i, m;
	double		 half = (b.w - 24.0) / 2.0;

	/* power breakdown at peak */
	one.name = "MW";
	one.values = e->part_mw;
	one.lo = one.hi = NULL;
	bars = bars_of(EST_NPARTS, parts, 1, &one, 0, PLOT_U_W, 1e6);
	p = plot_panel(cr, (struct plot_box){ b.x, b.y, half, b.h * 0.48 },
	    "Power at peak, by part", "Rack components from estimator/racks.cfg "
	    "x racks; overhead from the site file; cooling = facility - IT (PUE).");
	plot_hbars(cr, p, &bars);

	/* energy by supply source */
	for (i = 0; i < n; i++) {
		energy[i] = i < (int)s->site->nsupply ? e->supply_mwh[i] :
		    e->energy_backup_mwh;
		ser[i].name = names[i];
		ser[i].lo = ser[i].hi = NULL;
	}
	one.values = energy;
	bars.ncat = n;
	bars.cats = names;
	bars.unit = PLOT_U_WH;
	p = plot_panel(cr, (struct plot_box){ b.x + half + 24.0, b.y, half, b.h * 0.48 },
	    "Energy per year, by supply source", "On-site plants first, then "
	    "PPAs, each capped by demand; the grid takes the rest. Backup test "
	    "runs come on top.");
	bars.color0 = 0;
	plot_hbars(cr, p, &bars);

	/* energy by month, stacked by source */
	for (i = 0; i < (int)s->site->nsupply; i++) {
		for (m = 0; m < SITE_MONTHS; m++)
			month[i][m] = e->supply_by_month_mwh[i][m];
		ser[i].values = month[i];
	}
	bars = bars_of(SITE_MONTHS, NULL, (int)s->site->nsupply, ser, 1, PLOT_U_WH, 1e6);
	p = plot_panel(cr, (struct plot_box){ b.x, b.y + b.h * 0.52, b.w, b.h * 0.48 },
	    "Energy by month and supply source", "Monthly hours x average "
	    "facility power (monthly PUE when the site gives 12 values).");
	p.h -= plot_legend(cr, p.x, p.y, p.w, bars.nser, names, 0);
	p.y += 16.0;
	plot_month_bars(cr, p, &bars);
}

static void
report_emissions(cairo_t *cr, struct plot_box b, const struct plot_site *s,
    const struct emis_catalogs *c)
{
	static const enum emis_pollutant pols[] = { EMIS_NOX, EMIS_SO2, EMIS_PM25,
	    EMIS_CO, EMIS_VOC, EMIS_HCHO };
	static const char *const pol_names[] = { "NOx", "SO2", "PM2.5", "CO",
	    "VOC", "Formaldehyde" };
	static const char *const acct[] = { "Location-based", "Market-based" };
	static const char *const pol_keys[] = { "nox_t", "so2_t", "pm25_t", "co_t",
	    "voc_t", "hcho_t" };
	static const char *const acct_keys[] = { "co2e_t", "co2e_market_t" };
	static const char *const water_keys[] = { "water_site_m3",
	    "water_upstream_m3" };
	double		 plo[6], phi[6], alo[2], ahi[2], wlo[2], whi[2];
	static const char *const hnames[] = { "PM2.5", "SO2", "NOx" };
	const struct emis_result *r = s->res;
	const char	*names[SITE_MAX_SUPPLY + 1];
	double		 v[SITE_MAX_SUPPLY + 1][6], g[SITE_MAX_SUPPLY + 1][2];
	static const enum emis_pollutant hpols[] = { EMIS_PM25, EMIS_SO2,
	    EMIS_NOX };
	static const char *const hlegend[] = { "on site and backup", "grid" };
	double		 h[2][3], water[2];
	struct plot_series ser[SITE_MAX_SUPPLY + 1], one, hser[2];
	struct plot_bars bars;
	struct plot_box	 p;
	int		 n = source_names(s, names), i, k;
	double		 half = (b.w - 24.0) / 2.0, lh;
	char		 src[600];
	static const char *const wnames[] = { "On site (WUE x IT energy)",
	    "Upstream (power plants)" };

	for (i = 0; i < n; i++) {
		const struct emis_amounts *a = i < (int)s->site->nsupply ?
		    &r->source[i] : &r->backup;
		int	 ppa = i < (int)s->site->nsupply &&
		    s->site->supply[i].kind == SITE_SUPPLY_PPA;

		for (k = 0; k < 6; k++)
			v[i][k] = a->mass_t[pols[k]];
		g[i][0] = a->co2e_t;
		g[i][1] = ppa ? 0.0 : a->co2e_t;
		ser[i].name = names[i];
		ser[i].values = v[i];
		ser[i].lo = ser[i].hi = NULL;
	}
	bars = bars_of(6, pol_names, n, ser, 1, PLOT_U_T, 1.0);
	if (ranges_of(s, pol_keys, 6, plo, phi)) {
		bars.total_lo = plo;
		bars.total_hi = phi;
	}
	snprintf(src, sizeof(src), "On site: AP-42 factors x heat rate, after "
	    "controls (emissions/plants.cfg). Grid: %s rates%s.", s->refs->grid->edition,
	    s->refs->grid->derived ? "; PM2.5, CO, VOC, formaldehyde derived from "
	    "its resource mix" : "");
	p = plot_panel(cr, (struct plot_box){ b.x, b.y, b.w, b.h * 0.5 },
	    "Air pollutants per year, by supply source (tonnes)", src);
	lh = plot_legend(cr, p.x, p.y, p.w, n, names, 0);
	p.y += lh;
	p.h -= lh;
	plot_hbars(cr, p, &bars);

	/* CO2e: location- and market-based, stacked by source */
	for (i = 0; i < n; i++)
		ser[i].values = g[i];
	bars.ncat = 2;
	bars.cats = acct;
	bars.total_lo = bars.total_hi = NULL;
	if (ranges_of(s, acct_keys, 2, alo, ahi)) {
		bars.total_lo = alo;
		bars.total_hi = ahi;
	}
	p = plot_panel(cr, (struct plot_box){ b.x, b.y + b.h * 0.54, half, b.h * 0.46 },
	    "CO2e per year, two accountings", "GHG Protocol Scope 2: PPA energy "
	    "counts in location-based, not in market-based. GWP100 from "
	    "emissions/context.cfg.");
	plot_hbars(cr, p, &bars);

	/* health damages by pollutant, on site and from the grid, and water */
	for (k = 0; k < 3; k++) {
		h[0][k] = r->health_by_pollutant_usd[0][hpols[k]];
		h[1][k] = r->health_by_pollutant_usd[1][hpols[k]];
	}
	hser[0].name = "on site and backup";
	hser[1].name = "grid";
	for (k = 0; k < 2; k++) {
		hser[k].values = h[k];
		hser[k].lo = hser[k].hi = NULL;
	}
	bars = bars_of(3, hnames, 2, hser, 1, PLOT_U_USD, 1.0);
	bars.color0 = 3;
	health_caption(s, c, src, sizeof(src));
	p = plot_panel(cr, (struct plot_box){ b.x + half + 24.0, b.y + b.h * 0.54,
	    half, b.h * 0.22 }, "Health damages per year", src);
	lh = plot_legend(cr, p.x, p.y, p.w, 2, hlegend, 3);
	p.y += lh;
	p.h -= lh;
	plot_hbars(cr, p, &bars);
	one.name = "m3";
	one.lo = one.hi = NULL;
	water[0] = r->water_site_m3;
	water[1] = r->water_upstream_m3;
	one.values = water;
	if (ranges_of(s, water_keys, 2, wlo, whi)) {
		one.lo = wlo;
		one.hi = whi;
	}
	bars = bars_of(2, wnames, 1, &one, 0, PLOT_U_M3, 1.0);
	bars.color0 = 4;
	p = plot_panel(cr, (struct plot_box){ b.x + half + 24.0, b.y + b.h * 0.78,
	    half, b.h * 0.22 }, "Water consumed per year", "Upstream: Macknick et "
	    "al. 2012 medians by fuel x the grid's resource mix and on-site plants.");
	plot_hbars(cr, p, &bars);
}

/* --------------------------------------------------------------- sources */

/* Text flowing down three columns, page after page. */
struct flow {
	cairo_t		*cr;
	struct plot_box	 box;
	double		 colw, x, y;
	int		 col, ncols;
	/* a new page: the real one, or a count in a dry run */
	void		(*next_page)(struct flow *);
	void		*ctx;
	int		 pages;		/* pages begun after the first */
};

static void
flow_line(struct flow *f, double pt, int flags, const char *text)
{
	double	 h;

	plot_text_extent(f->cr, pt, flags, f->colw, text, NULL, &h);
	if (f->y + h > f->box.y + f->box.h) {
		if (++f->col >= f->ncols) {
			f->col = 0;
			f->pages++;
			f->next_page(f);
		}
		f->x = f->box.x + f->col * (f->colw + 14.0);
		f->y = f->box.y;
	}
	plot_set_rgb(f->cr, flags & PLOT_BOLD ? PLOT_INK : PLOT_MUTED);
	f->y += plot_text(f->cr, f->x, f->y, pt, flags, PLOT_LEFT, f->colw, text) + 1.0;
}

static void
unc_text(const struct unc *u, double scale, char *buf, size_t n)
{
	switch (u->kind) {
	case UNC_TRIANGULAR:
		snprintf(buf, n, "%g (triangular %g-%g)", u->b * scale, u->a * scale,
		    u->c * scale);
		break;
	case UNC_UNIFORM:
		snprintf(buf, n, "%g (uniform %g-%g)", 0.5 * (u->a + u->c) * scale,
		    u->a * scale, u->c * scale);
		break;
	case UNC_NORMAL:
		snprintf(buf, n, "%g (normal, sd %g)", u->a * scale, u->b * scale);
		break;
	case UNC_FIXED:
	default:
		snprintf(buf, n, "%g", u->a * scale);
		break;
	}
}

static void
sources_site(struct flow *f, const struct plot_site *s)
{
	const struct site *st = s->site;
	char	 line[1400], a[96], b[96], c2[96];
	size_t	 i;

	snprintf(line, sizeof(line), "%s (%s)", st->name, st->file);
	flow_line(f, 8.0, PLOT_BOLD, line);
	unc_text(&st->utilization_frac, 1.0, a, sizeof(a));
	unc_text(&st->pue, 1.0, b, sizeof(b));
	unc_text(&st->wue_l_per_kwh, 1.0, c2, sizeof(c2));
	snprintf(line, sizeof(line), "Rack %s: %s, %g kW peak, idle %g, %g x %s "
	    "at %g W, %g H100e each. %s %s; overhead %g; PUE %s%s; WUE %s L/kWh.",
	    s->rack->id, s->rack->name, unc_central(&s->rack->peak_kw),
	    unc_central(&s->rack->idle_frac), s->rack->accelerators_count,
	    s->rack->accelerator[0] ? s->rack->accelerator : "accelerators",
	    s->rack->accelerator_w, unc_central(&s->rack->h100_per_accelerator),
	    st->has_load_factor ? "Load factor" : "Utilization",
	    st->has_load_factor ? (unc_text(&st->load_factor, 1.0, c2, sizeof(c2)), c2) : a,
	    unc_central(&st->overhead_frac), st->pue_monthly ? "monthly, peak " : "",
	    b, (unc_text(&st->wue_l_per_kwh, 1.0, c2, sizeof(c2)), c2));
	flow_line(f, 6.5, 0, line);
	for (i = 0; i < st->nsupply; i++) {
		const struct site_supply *p = &st->supply[i];

		if (p->kind == SITE_SUPPLY_GRID)
			snprintf(line, sizeof(line), "Grid %s (%s): %s. Source: %s",
			    s->refs->grid->id, s->refs->grid->name,
			    s->refs->grid->edition, s->refs->grid->source);
		else if (p->kind == SITE_SUPPLY_ONSITE)
			snprintf(line, sizeof(line), "On-site \"%s\": plant %s, heat "
			    "rate %g MMBtu/MWh. Source: %s", p->name, s->refs->plant[i]->id,
			    s->refs->plant[i]->heat_rate_mmbtu_per_mwh,
			    s->refs->plant[i]->source);
		else
			snprintf(line, sizeof(line), "PPA \"%s\": %s (location-based "
			    "at grid rates; zero in market-based).", p->name, p->ref);
		flow_line(f, 6.5, 0, line);
	}
	for (i = 0; i < st->nsources; i++) {
		snprintf(line, sizeof(line), "\xe2\x80\xa2 %s", st->sources[i]);
		flow_line(f, 6.0, 0, line);
	}
	if (st->note[0] != '\0') {
		snprintf(line, sizeof(line), "Note: %s", st->note);
		flow_line(f, 6.0, PLOT_ITALIC, line);
	}
	f->y += 4.0;
}

/* Write the sources and assumptions from page "b" on; "next_page" begins
 * each further page. Returns the number of pages used. */
static int
sources_flow(cairo_t *cr, struct plot_box b, const struct plot_site *s, int n,
    const struct emis_catalogs *c, const struct plot_opts *o,
    void (*next_page)(struct flow *), void *ctx)
{
	struct flow	 f = { cr, b, (b.w - 28.0) / 3.0, b.x, b.y, 0, 3,
	    next_page, ctx, 0 };
	const struct emis_gwp *g = emis_gwp_find(c, o->gwp_id);
	char		 line[900];
	int		 i;

	flow_line(&f, 8.0, PLOT_BOLD, "The model (README, DESIGN \xc2\xa7" "5)");
	flow_line(&f, 6.5, 0, "Rack power P = P_peak (i + (1 - i) u); IT = racks x "
	    "P x (1 + overhead); facility = IT x PUE(month); energy = sum of "
	    "monthly power x hours (8,760 h a year; 8,784 in a leap --year). "
	    "Sized by capacity: racks = floor(MW / (P_peak (1 + overhead) "
	    "PUE_peak)); with a load factor, energy = MW x load factor x hours.");
	flow_line(&f, 6.5, 0, "On site: fuel = energy x heat rate; mass = fuel x "
	    "factor after controls (SCR NOx from ppm by EPA Method 19). Grid: "
	    "energy / (1 - grid loss) x eGRID rate. CO2e = CO2 + GWP(CH4) CH4 + "
	    "GWP(N2O) N2O. Health = tonnes x $ per tonne: on-site and backup "
	    "tonnes at the site's EASIUR cell, grid tonnes at EPA's national "
	    "value (--health epa-bpt: every tonne at EPA's national value).");
	snprintf(line, sizeof(line), "GWP100 %s: CH4 %g, N2O %g. %s", g->id,
	    g->ch4, g->n2o, g->source);
	flow_line(&f, 6.5, 0, line);
	snprintf(line, sizeof(line), "Health, national: %s; %d dollars; PM2.5 "
	    "$%.0f, SO2 $%.0f, NOx $%.0f per short ton.", c->health_edition,
	    c->health_dollar_year, c->health_usd_per_t[EMIS_PM25] *
	    UNIT_KG_PER_SHORT_TON / 1000.0, c->health_usd_per_t[EMIS_SO2] *
	    UNIT_KG_PER_SHORT_TON / 1000.0, c->health_usd_per_t[EMIS_NOX] *
	    UNIT_KG_PER_SHORT_TON / 1000.0);
	flow_line(&f, 6.5, 0, line);
	snprintf(line, sizeof(line), "Health, at the site: %s. Scaled to a "
	    "population year (x growth^(year - 2005), held at 2040), an income "
	    "year (%s, to %d) and %d dollars (%s). Ozone from NOx and non-PM2.5 "
	    "effects are left out.", c->easiur.edition, c->easiur.income_source,
	    c->easiur.income_first_year + c->easiur.nincome - 1,
	    easiur_dollar_year(&c->easiur), c->easiur.deflator_name);
	flow_line(&f, 6.5, 0, line);
	snprintf(line, sizeof(line), "Context: a US home uses %.0f kWh a year "
	    "(EIA, %d); a typical car emits %g t CO2 a year (EPA, %d); state "
	    "consumption: EIA retail sales (emissions/context.cfg).",
	    c->home_mwh_per_year * 1000.0, c->home_year, c->car_t_co2_per_year,
	    c->car_year);
	flow_line(&f, 6.5, 0, line);
	f.y += 4.0;
	for (i = 0; i < n; i++)
		sources_site(&f, &s[i]);
	return 1 + f.pages;
}

/* A dry run: nothing drawn that is kept. */
static void
no_page(struct flow *f)
{
	(void)f;
}

/* Pages the sources need, laid out on a recording surface. */
static int
sources_pages(const struct page *pg, const struct plot_site *s, int n,
    const struct emis_catalogs *c, const struct plot_opts *o, const char *sub)
{
	cairo_surface_t	*rs = cairo_recording_surface_create(
	    CAIRO_CONTENT_COLOR_ALPHA, NULL);
	cairo_t		*cr = cairo_create(rs);
	struct plot_box	 b;
	int		 pages;

	b = frame(cr, pg, "Sources and assumptions", sub);
	pages = sources_flow(cr, b, s, n, c, o, no_page, NULL);
	cairo_destroy(cr);
	cairo_surface_destroy(rs);
	return pages;
}

struct page_ctx {
	struct plot_canvas	*cv;
	struct page		*pg;
	const char		*sub;
};

/* The real next page of sources: a new canvas page with its frame. */
static void
real_page(struct flow *f)
{
	struct page_ctx	*pc = f->ctx;

	pc->pg->n++;
	f->cr = plot_canvas_page(pc->cv);
	f->box = frame(f->cr, pc->pg, "Sources and assumptions (continued)",
	    pc->sub);
}

static void
sources_pages_draw(struct plot_canvas *cv, struct page *pg,
    const struct plot_site *s, int n, const struct emis_catalogs *c,
    const struct plot_opts *o, const char *sub)
{
	struct page_ctx	 pc = { cv, pg, sub };
	cairo_t		*cr;
	struct plot_box	 b;

	pg->n++;
	cr = plot_canvas_page(cv);
	b = frame(cr, pg, "Sources and assumptions", sub);
	sources_flow(cr, b, s, n, c, o, real_page, &pc);
}

static void
page_size(const struct plot_opts *o, double *w, double *h)
{
	*w = o->letter ? LETTER_W : A4_W;
	*h = o->letter ? LETTER_H : A4_H;
}

int
plot_report(const struct plot_site *s, const struct emis_catalogs *c,
    const struct plot_opts *o, const char *out, struct err *e)
{
	struct plot_meta meta;
	struct plot_canvas *cv;
	struct plot_box	 b;
	struct page	 pg;
	char		 title[200], sub[SUB_MAX];
	cairo_t		*cr;
	int		 rc = 0;

	snprintf(title, sizeof(title), "%s: energy and environmental impact",
	    s->site->name);
	meta.title = title;
	meta.subject = "Estimated power, energy, emissions, water and health "
	    "damages of an AI data center (dcimpact)";
	page_size(o, &pg.w, &pg.h);
	pg.foot = s->site->file;
	subtitle(o, s, 1, c, sub);
	pg.n = 5;
	pg.of = 0;		/* not known yet: the dry run's footers are discarded */
	pg.of = 4 + sources_pages(&pg, s, 1, c, o, sub);
	if ((cv = plot_canvas_open(out, pg.w, pg.h, pg.of, o->dpi, &meta, e)) == NULL)
		return -1;

	pg.n = 1;
	cr = plot_canvas_page(cv);
	b = frame(cr, &pg, s->site->name, sub);
	report_headlines(cr, (struct plot_box){ b.x, b.y, b.w * 0.52, b.h }, s, c);
	rc = plot_map_draw(cr, b.x + b.w * 0.55, b.y, b.w * 0.45, b.h * 0.58, s, 1,
	    o, 1, e);
	if (rc == 0) {
		report_supply_bar(cr, (struct plot_box){ b.x + b.w * 0.55,
		    b.y + b.h * 0.62, b.w * 0.45, b.h * 0.38 }, s);
		pg.n = 2;
		cr = plot_canvas_page(cv);
		b = frame(cr, &pg, "Power and energy", sub);
		report_power_energy(cr, b, s);
		pg.n = 3;
		cr = plot_canvas_page(cv);
		b = frame(cr, &pg, "Emissions, health and water", sub);
		report_emissions(cr, b, s, c);
		pg.n = 4;
		cr = plot_canvas_page(cv);
		b = frame(cr, &pg, "Grid bases and years", sub);
		report_grid_page(cr, b, s, c, o);
		sources_pages_draw(cv, &pg, s, 1, c, o, sub);
	}
	if (rc == -1) {
		struct err ignored;

		plot_canvas_close(cv, &ignored);	/* partial: removed */
		return -1;
	}
	return plot_canvas_close(cv, e);
}

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
	size_t		 m1 = metric_index(key), m2 = key2 != NULL ? metric_index(key2) : 0;
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
	bars = bars_of(n, cats, key2 != NULL ? 2 : 1, ser, 0, u, to_base);
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
	subtitle(o, s, n, c, sub);
	pg.n = 2 + 8 / panels + 2;
	pg.of = 0;		/* not known yet: the dry run's footers are discarded */
	pg.of = 3 + 8 / panels + sources_pages(&pg, s, n, c, o, sub);
	if ((cv = plot_canvas_open(out, pg.w, pg.h, pg.of, o->dpi, &meta, e)) == NULL)
		goto out;
	snprintf(title, sizeof(title), "%d AI data centers compared", n);

	pg.n = 1;
	cr = plot_canvas_page(cv);
	b = frame(cr, &pg, title, sub);
	if (plot_map_draw(cr, b.x, b.y, b.w, b.h, s, n, o, 1, e) == -1)
		goto out;
	pg.n = 2;
	cr = plot_canvas_page(cv);
	b = frame(cr, &pg, "Side by side", sub);
	compare_table(cr, b, s, n);

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
			b = frame(cr, &pg, i < 4 ? "Energy, carbon and health" :
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
	b = frame(cr, &pg, "Grid bases: average and marginal", sub);
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
