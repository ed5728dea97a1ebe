/* The single-site report: headlines, power and energy, emissions. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "common/units.h"
#include "plots/internal.h"
#include "plots/page.h"

/* ---------------------------------------------------------------- report */

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
		    page_si(s->res->health_onsite_usd, PLOT_U_USD, a, sizeof(a)),
		    page_si(s->res->health_grid_usd, PLOT_U_USD, b, sizeof(b)));
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
		    "(%s): a tonne of PM2.5 here costs %.2fx, SO2 %.2fx, NOx "
		    "%.2fx the national value; grid tonnes at %s. %d dollars "
		    "(%s), population %d, income %d. Ozone from NOx and "
		    "non-PM2.5 effects are not included.", h->easiur_x,
		    h->easiur_y, c->easiur.edition, site[EMIS_PM25] /
		    nat[EMIS_PM25], site[EMIS_SO2] / nat[EMIS_SO2], site[EMIS_NOX] /
		    nat[EMIS_NOX], c->health_edition, h->dollar_year,
		    c->easiur.deflator_name, h->population_year, h->income_year);
}

static void
report_headlines(cairo_t *cr, struct plot_box b, const struct plot_site *s,
    const struct emis_catalogs *c)
{
	const struct emis_result *r = s->res;
	const struct est_result *e = &r->est;
	char	 big[96], ctx[200], x1[48], x2[48], x3[48], lab[160];
	double	 tw = (b.w - 8.0) / 2.0, y = b.y;

	snprintf(big, sizeof(big), "%s peak", page_si(e->facility_mw * 1e6, PLOT_U_W, x1, sizeof(x1)));
	snprintf(ctx, sizeof(ctx), "%s average; IT %s peak",
	    page_si(e->facility_avg_mw * 1e6, PLOT_U_W, x2, sizeof(x2)),
	    page_si(e->it_mw * 1e6, PLOT_U_W, x3, sizeof(x3)));
	page_tile(cr, b.x, y, tw, "FACILITY POWER", big,
	    page_range_text(s, "average", "facility_avg_mw", PLOT_U_W, 1e6, lab, sizeof(lab)), ctx);
	snprintf(big, sizeof(big), "%s racks", page_si(e->racks, PLOT_U_NONE, x1, sizeof(x1)));
	snprintf(ctx, sizeof(ctx), "%s accelerators, %s H100-equivalents; %s",
	    page_si(e->accelerators, PLOT_U_NONE, x2, sizeof(x2)),
	    page_si(e->h100_equivalents, PLOT_U_NONE, x3, sizeof(x3)), s->rack->name);
	page_tile(cr, b.x + tw + 8.0, y, tw, "HARDWARE", big, NULL, ctx);
	y += TILE_H + 10.0;
	snprintf(big, sizeof(big), "%s per year", page_si(e->energy_mwh * 1e6, PLOT_U_WH, x1, sizeof(x1)));
	if (isfinite(r->state_share) && s->refs->state != NULL)
		snprintf(ctx, sizeof(ctx), "as much as %s US homes; %.1f %% of %s's "
		    "consumption (%d)", page_si(r->homes_equivalent, PLOT_U_NONE, x2,
		    sizeof(x2)), 100.0 * r->state_share, s->refs->state->name,
		    s->refs->state->year);
	else
		snprintf(ctx, sizeof(ctx), "as much as %s US homes (EIA, %d)",
		    page_si(r->homes_equivalent, PLOT_U_NONE, x2, sizeof(x2)), c->home_year);
	page_tile(cr, b.x, y, tw, "ENERGY", big,
	    page_range_text(s, NULL, "energy_mwh", PLOT_U_WH, 1e6, lab, sizeof(lab)), ctx);
	snprintf(big, sizeof(big), "%s CO2e", page_si(r->total.co2e_t, PLOT_U_T, x1, sizeof(x1)));
	snprintf(ctx, sizeof(ctx), "location-based; market-based %s; like %s cars",
	    page_si(r->co2e_market_t, PLOT_U_T, x2, sizeof(x2)),
	    page_si(r->cars_equivalent, PLOT_U_NONE, x3, sizeof(x3)));
	page_tile(cr, b.x + tw + 8.0, y, tw, "CO2e PER YEAR", big,
	    page_range_text(s, NULL, "co2e_t", PLOT_U_T, 1.0, lab, sizeof(lab)), ctx);
	y += TILE_H + 10.0;
	snprintf(big, sizeof(big), "%s NOx", page_si(r->total.mass_t[EMIS_NOX], PLOT_U_T, x1, sizeof(x1)));
	snprintf(ctx, sizeof(ctx), "%s SO2, %s PM2.5 (%.0f / %.0f / %.0f short tons)",
	    page_si(r->total.mass_t[EMIS_SO2], PLOT_U_T, x2, sizeof(x2)),
	    page_si(r->total.mass_t[EMIS_PM25], PLOT_U_T, x3, sizeof(x3)),
	    unit_t_to_short_tons(r->total.mass_t[EMIS_NOX]),
	    unit_t_to_short_tons(r->total.mass_t[EMIS_SO2]),
	    unit_t_to_short_tons(r->total.mass_t[EMIS_PM25]));
	if (isnan(r->total.mass_t[EMIS_NOX])) {
		/* a country grid: CO2e per MWh is all its source gives */
		snprintf(big, sizeof(big), "not available");
		snprintf(ctx, sizeof(ctx), "the %s grid's source gives no NOx, "
		    "SO2 or PM2.5 rates", s->refs->grid->id);
	}
	page_tile(cr, b.x, y, tw, "AIR POLLUTANTS", big,
	    page_range_text(s, "NOx", "nox_t", PLOT_U_T, 1.0, lab, sizeof(lab)), ctx);
	snprintf(big, sizeof(big), "%s", isnan(r->total.health_usd) ?
	    "not available" : page_si(r->total.health_usd, PLOT_U_USD, x1, sizeof(x1)));
	health_context(s, ctx, sizeof(ctx));
	if (isnan(r->total.health_usd))
		snprintf(ctx, sizeof(ctx), "no tonnes of PM2.5, SO2 or NOx to "
		    "value for the %s grid", s->refs->grid->id);
	page_tile(cr, b.x + tw + 8.0, y, tw, "HEALTH DAMAGES", big,
	    page_range_text(s, NULL, "health_usd", PLOT_U_USD, 1.0, lab, sizeof(lab)), ctx);
	y += TILE_H + 10.0;
	snprintf(big, sizeof(big), "%s", page_si(r->water_site_m3, PLOT_U_M3, x1, sizeof(x1)));
	if (isnan(r->water_upstream_m3))
		snprintf(ctx, sizeof(ctx), "upstream at the power plants: not "
		    "available");
	else
		snprintf(ctx, sizeof(ctx), "%s upstream, at the power plants",
		    page_si(r->water_upstream_m3, PLOT_U_M3, x2, sizeof(x2)));
	page_tile(cr, b.x, y, tw, "WATER ON SITE PER YEAR", big,
	    page_range_text(s, NULL, "water_site_m3", PLOT_U_M3, 1.0, lab, sizeof(lab)), ctx);
	snprintf(big, sizeof(big), "%.0f kg CO2e/MWh", r->intensity_kg_per_mwh);
	snprintf(ctx, sizeof(ctx), "grid %s %s: %s of the energy from the grid",
	    s->refs->grid->id, s->refs->grid->name,
	    e->energy_mwh > 0.0 ? (snprintf(x1, sizeof(x1), "%.0f %%", 100.0 *
	    e->energy_grid_mwh / e->energy_mwh), x1) : "none");
	page_tile(cr, b.x + tw + 8.0, y, tw, "CARBON INTENSITY", big,
	    page_range_text(s, NULL, "intensity_kg_per_mwh", PLOT_U_KG_PER_MWH, 1.0, lab, sizeof(lab)), ctx);
}

/* The supply entries (and the backup) as chart series: one series each
 * up to PLOT_NCOLORS, so no two share a colour; beyond that the grid, the
 * backup and the largest entries by energy keep their own series and the
 * smallest are summed into one "other" series. Names through
 * emis_source_label(): a PPA's row is the grid's energy matched by it. */
#define GROUP_MAX	PLOT_NCOLORS
struct groups {
	int		 n;
	const char	*names[GROUP_MAX];
	char		 lab[GROUP_MAX][160];
	int		 of[SITE_MAX_SUPPLY + 1];	/* source -> series */
	int		 nsrc;				/* supply + backup */
};

struct energy_rank {
	double	 mwh;
	int	 i;
};

static int
by_energy(const void *a, const void *b)
{
	const struct energy_rank *x = a, *y = b;

	if (x->mwh < y->mwh)
		return 1;
	if (x->mwh > y->mwh)
		return -1;
	return x->i - y->i;
}

static void
source_groups(const struct plot_site *s, struct groups *g)
{
	const struct site *st = s->site;
	struct energy_rank rank[SITE_MAX_SUPPLY];
	int	 ns = (int)st->nsupply, i, k, keep, nrank = 0, nother;

	g->nsrc = ns + (st->backup.present ? 1 : 0);
	g->n = 0;
	if (g->nsrc <= GROUP_MAX) {
		for (i = 0; i < ns; i++) {
			emis_source_label(st, s->refs, (size_t)i, g->lab[g->n],
			    sizeof(g->lab[0]));
			g->of[i] = g->n++;
		}
	} else {
		/* the grid first, then the largest entries; the backup and
		 * "other" take the last two series */
		keep = GROUP_MAX - 1 - (st->backup.present ? 1 : 0);
		for (i = 0; i < ns; i++)
			if (st->supply[i].kind != SITE_SUPPLY_GRID)
				rank[nrank++] = (struct energy_rank){
				    s->res->est.supply_mwh[i], i };
		qsort(rank, (size_t)nrank, sizeof(rank[0]), by_energy);
		emis_source_label(st, s->refs, st->grid_index, g->lab[0],
		    sizeof(g->lab[0]));
		g->of[st->grid_index] = 0;
		g->n = 1;
		for (k = 0; k < nrank; k++) {
			if (g->n < keep) {
				emis_source_label(st, s->refs, (size_t)rank[k].i,
				    g->lab[g->n], sizeof(g->lab[0]));
				g->of[rank[k].i] = g->n++;
			} else {
				g->of[rank[k].i] = keep;
			}
		}
		nother = nrank - (keep - 1);
		snprintf(g->lab[keep], sizeof(g->lab[0]), "%d other entries "
		    "(on-site and PPA)", nother);
		g->n = keep + 1;
	}
	if (st->backup.present) {
		snprintf(g->lab[g->n], sizeof(g->lab[0]), "backup test runs");
		g->of[ns] = g->n++;
	}
	for (k = 0; k < g->n; k++)
		g->names[k] = g->lab[k];
}

/* v[series][c] = the sum over the sources of series "series" of
 * src[source * stride + c]; unknown (NAN) when a part is. */
static void
group_sum(const struct groups *g, const double *src, int ncat, int stride,
    double v[][SITE_MONTHS > 6 ? SITE_MONTHS : 6])
{
	int	 i, k, c;

	for (k = 0; k < g->n; k++)
		for (c = 0; c < ncat; c++)
			v[k][c] = 0.0;
	for (i = 0; i < g->nsrc; i++) {
		k = g->of[i];
		for (c = 0; c < ncat; c++)
			v[k][c] += src[i * stride + c];
	}
}

#define GCOLS	(SITE_MONTHS > 6 ? SITE_MONTHS : 6)

/* Page 1: where the energy comes from, one stacked bar. */
static void
report_supply_bar(cairo_t *cr, struct plot_box b, const struct plot_site *s,
    const struct groups *g)
{
	static const char *const cat[] = { "Energy" };
	double		 src[SITE_MAX_SUPPLY + 1], v[GROUP_MAX][GCOLS];
	double		 tlo[1], thi[1];
	struct plot_series ser[GROUP_MAX];
	struct plot_bars bars;
	struct plot_box	 p;
	int		 i;
	double		 lh;

	for (i = 0; i < (int)s->site->nsupply; i++)
		src[i] = s->res->est.supply_mwh[i];
	if (s->site->backup.present)
		src[s->site->nsupply] = 0.0;	/* not in the demand */
	group_sum(g, src, 1, 1, v);
	for (i = 0; i < g->n; i++) {
		ser[i].name = g->names[i];
		ser[i].values = v[i];
		ser[i].lo = ser[i].hi = NULL;
	}
	/* the backup's test runs are not part of this bar */
	bars = page_bars_of(1, cat, g->n - (s->site->backup.present ? 1 : 0),
	    ser, 1, PLOT_U_WH, 1e6);
	if (page_ranges_of(s, (const char *const[]){ "energy_mwh" }, 1, tlo, thi)) {
		bars.total_lo = tlo;
		bars.total_hi = thi;
	}
	p = plot_panel(cr, (struct plot_box){ b.x, b.y, b.w, b.h },
	    "Where the energy comes from", "Estimates from the site file and the "
	    "sourced catalogs; every factor and source is on the last page. "
	    "Figures are location-based unless marked market-based.");
	lh = plot_legend(cr, p.x, p.y, p.w, bars.nser, g->names, 0);
	p.y += lh;
	p.h -= lh;
	if (p.h > 90.0) {
		/* a bar, not a slab */
		p.y += (p.h - 90.0) / 2.0;
		p.h = 90.0;
	}
	plot_hbars(cr, p, &bars);
}

static void
report_power_energy(cairo_t *cr, struct plot_box b, const struct plot_site *s,
    const struct groups *g)
{
	static const char *const parts[EST_NPARTS] = { "Accelerators", "CPUs",
	    "Memory, NICs, other", "Rack switches", "Fans, pumps, conversion",
	    "Storage, network (overhead)", "Cooling, power losses (PUE)" };
	const struct est_result *e = &s->res->est;
	double		 src[(SITE_MAX_SUPPLY + 1) * SITE_MONTHS];
	double		 v[GROUP_MAX][GCOLS], energy[GROUP_MAX];
	struct plot_series ser[GROUP_MAX], one;
	struct plot_bars bars;
	struct plot_box	 p;
	int		 i, m, ns = (int)s->site->nsupply;
	double		 half = (b.w - 24.0) / 2.0, lh;

	/* power breakdown at peak */
	one.name = "MW";
	one.values = e->part_mw;
	one.lo = one.hi = NULL;
	bars = page_bars_of(EST_NPARTS, parts, 1, &one, 0, PLOT_U_W, 1e6);
	p = plot_panel(cr, (struct plot_box){ b.x, b.y, half, b.h * 0.48 },
	    "Power at peak, by part", "Rack components from estimator/racks.cfg "
	    "x racks; overhead from the site file; cooling = facility - IT (PUE).");
	plot_hbars(cr, p, &bars);

	/* energy by supply source (series of the groups) */
	for (i = 0; i < ns; i++)
		src[i] = e->supply_mwh[i];
	if (s->site->backup.present)
		src[ns] = e->energy_backup_mwh;
	group_sum(g, src, 1, 1, v);
	for (i = 0; i < g->n; i++)
		energy[i] = v[i][0];
	one.values = energy;
	bars = page_bars_of(g->n, g->names, 1, &one, 0, PLOT_U_WH, 1e6);
	p = plot_panel(cr, (struct plot_box){ b.x + half + 24.0, b.y, half, b.h * 0.48 },
	    "Energy per year, by supply source", "On-site plants first, then "
	    "PPAs, each capped by demand; the grid takes the rest. Backup test "
	    "runs come on top.");
	plot_hbars(cr, p, &bars);

	/* energy by month, stacked by source */
	for (i = 0; i < ns; i++)
		for (m = 0; m < SITE_MONTHS; m++)
			src[i * SITE_MONTHS + m] = e->supply_by_month_mwh[i][m];
	if (s->site->backup.present)
		for (m = 0; m < SITE_MONTHS; m++)
			src[ns * SITE_MONTHS + m] = 0.0;
	group_sum(g, src, SITE_MONTHS, SITE_MONTHS, v);
	for (i = 0; i < g->n; i++) {
		ser[i].name = g->names[i];
		ser[i].values = v[i];
		ser[i].lo = ser[i].hi = NULL;
	}
	bars = page_bars_of(SITE_MONTHS, NULL, g->n - (s->site->backup.present ?
	    1 : 0), ser, 1, PLOT_U_WH, 1e6);
	p = plot_panel(cr, (struct plot_box){ b.x, b.y + b.h * 0.52, b.w, b.h * 0.48 },
	    "Energy by month and supply source", "Monthly hours x average "
	    "facility power (monthly PUE when the site gives 12 values).");
	lh = plot_legend(cr, p.x, p.y, p.w, bars.nser, g->names, 0);
	p.y += lh;
	p.h -= lh;
	plot_month_bars(cr, p, &bars);
}

static void
report_emissions(cairo_t *cr, struct plot_box b, const struct plot_site *s,
    const struct emis_catalogs *c, const struct groups *g)
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
	double		 src[(SITE_MAX_SUPPLY + 1) * 6], v[GROUP_MAX][GCOLS];
	double		 gv[GROUP_MAX][GCOLS];
	static const enum emis_pollutant hpols[] = { EMIS_PM25, EMIS_SO2,
	    EMIS_NOX };
	static const char *const hlegend[] = { "on site and backup", "grid" };
	double		 h[2][3], water[2];
	struct plot_series ser[GROUP_MAX], one, hser[2];
	struct plot_bars bars;
	struct plot_box	 p;
	int		 n = g->nsrc, i, k;
	double		 half = (b.w - 24.0) / 2.0, lh;
	char		 src_txt[900];
	static const char *const wnames[] = { "On site (WUE x IT energy)",
	    "Upstream (power plants)" };

	for (i = 0; i < n; i++) {
		const struct emis_amounts *a = i < (int)s->site->nsupply ?
		    &r->source[i] : &r->backup;

		for (k = 0; k < 6; k++)
			src[i * 6 + k] = a->mass_t[pols[k]];
	}
	group_sum(g, src, 6, 6, v);
	for (i = 0; i < g->n; i++) {
		ser[i].name = g->names[i];
		ser[i].values = v[i];
		ser[i].lo = ser[i].hi = NULL;
	}
	bars = page_bars_of(6, pol_names, g->n, ser, 1, PLOT_U_T, 1.0);
	if (page_ranges_of(s, pol_keys, 6, plo, phi)) {
		bars.total_lo = plo;
		bars.total_hi = phi;
	}
	snprintf(src_txt, sizeof(src_txt), "On site: the plant catalog's "
	    "factors x heat rate, after controls (emissions/plants.cfg; sources "
	    "on the last page). Grid: %s rates%s; a PPA's row is grid energy "
	    "matched by the PPA.", s->refs->grid->edition,
	    s->refs->grid->derived ? "; PM2.5, CO, VOC, formaldehyde derived "
	    "from its resource mix" : "");
	p = plot_panel(cr, (struct plot_box){ b.x, b.y, b.w, b.h * 0.5 },
	    "Air pollutants per year, by supply source (tonnes)", src_txt);
	lh = plot_legend(cr, p.x, p.y, p.w, g->n, g->names, 0);
	p.y += lh;
	p.h -= lh;
	plot_hbars(cr, p, &bars);

	/* CO2e: location- and market-based, stacked by source */
	for (i = 0; i < n; i++) {
		const struct emis_amounts *a = i < (int)s->site->nsupply ?
		    &r->source[i] : &r->backup;
		int	 ppa = i < (int)s->site->nsupply &&
		    s->site->supply[i].kind == SITE_SUPPLY_PPA;

		src[i * 2] = a->co2e_t;
		src[i * 2 + 1] = ppa ? 0.0 : a->co2e_t;
	}
	group_sum(g, src, 2, 2, gv);
	for (i = 0; i < g->n; i++)
		ser[i].values = gv[i];
	bars.ncat = 2;
	bars.cats = acct;
	bars.total_lo = bars.total_hi = NULL;
	if (page_ranges_of(s, acct_keys, 2, alo, ahi)) {
		bars.total_lo = alo;
		bars.total_hi = ahi;
	}
	snprintf(src_txt, sizeof(src_txt), "GHG Protocol Scope 2: PPA energy "
	    "counts in location-based at the grid's rates, as zero in "
	    "market-based. GWP100 from emissions/context.cfg (last page).");
	p = plot_panel(cr, (struct plot_box){ b.x, b.y + b.h * 0.54, half, b.h * 0.22 },
	    "CO2e per year, two accountings", src_txt);
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
	bars = page_bars_of(3, hnames, 2, hser, 1, PLOT_U_USD, 1.0);
	bars.color0 = 3;
	health_caption(s, c, src_txt, sizeof(src_txt));
	p = plot_panel(cr, (struct plot_box){ b.x + half + 24.0, b.y + b.h * 0.54,
	    half, b.h * 0.22 }, "Health damages per year", src_txt);
	lh = plot_legend(cr, p.x, p.y, p.w, 2, hlegend, 3);
	p.y += lh;
	p.h -= lh;
	plot_hbars(cr, p, &bars);
	one.name = "m3";
	one.lo = one.hi = NULL;
	water[0] = r->water_site_m3;
	water[1] = r->water_upstream_m3;
	one.values = water;
	if (page_ranges_of(s, water_keys, 2, wlo, whi)) {
		one.lo = wlo;
		one.hi = whi;
	}
	bars = page_bars_of(2, wnames, 1, &one, 0, PLOT_U_M3, 1.0);
	bars.color0 = 4;
	p = plot_panel(cr, (struct plot_box){ b.x + half + 24.0, b.y + b.h * 0.78,
	    half, b.h * 0.22 }, "Water consumed per year", "Upstream: water per "
	    "MWh of each fuel from the plant catalog (sources on the last page) "
	    "x the grid's resource mix and the on-site plants.");
	plot_hbars(cr, p, &bars);
}

int
plot_report(const struct plot_site *s, const struct emis_catalogs *c,
    const struct plot_opts *o, const char *out, struct err *e)
{
	struct plot_meta meta;
	struct plot_canvas *cv;
	struct plot_box	 b;
	struct page	 pg;
	char		 title[200], sub[SUB_MAX], foot[512];
	struct groups	 g;
	struct plot_text_check chk;
	cairo_t		*cr;
	int		 rc = 0;

	snprintf(title, sizeof(title), "%s: energy and environmental impact",
	    s->site->name);
	meta.title = title;
	meta.subject = "Estimated power, energy, emissions, water and health "
	    "damages of an AI data center (dcimpact)";
	page_size(o, &pg.w, &pg.h);
	pg.chk = NULL;
	pg.foot = page_path(s->site->file, foot, sizeof(foot));
	source_groups(s, &g);
	page_subtitle(o, s, 1, c, sub);
	pg.n = 5;
	pg.of = 0;		/* not known yet: the dry run's footers are discarded */
	pg.of = 4 + sources_page_count(&pg, s, 1, c, o, sub);
	if ((cv = plot_canvas_open(out, pg.w, pg.h, pg.of, o->dpi, &meta, e)) == NULL)
		return -1;

	pg.n = 1;
	pg.chk = page_check_new(&chk);
	cr = plot_canvas_page(cv);
	b = page_frame(cr, &pg, s->site->name, sub);
	report_headlines(cr, (struct plot_box){ b.x, b.y, b.w * 0.52, b.h }, s, c);
	rc = plot_map_draw(cr, b.x + b.w * 0.55, b.y, b.w * 0.45, b.h * 0.58, s, 1,
	    o, 1, e);
	if (rc == 0) {
		report_supply_bar(cr, (struct plot_box){ b.x + b.w * 0.55,
		    b.y + b.h * 0.62, b.w * 0.45, b.h * 0.38 }, s, &g);
		pg.n = 2;
		cr = plot_canvas_page(cv);
		b = page_frame(cr, &pg, "Power and energy", sub);
		report_power_energy(cr, b, s, &g);
		pg.n = 3;
		cr = plot_canvas_page(cv);
		b = page_frame(cr, &pg, "Emissions, health and water", sub);
		report_emissions(cr, b, s, c, &g);
		report_embodied_panel(cr, (struct plot_box){ b.x, b.y + b.h * 0.78,
		    (b.w - 24.0) / 2.0, b.h * 0.22 }, s, o);
		pg.n = 4;
		cr = plot_canvas_page(cv);
		b = page_frame(cr, &pg, "Grid bases and years", sub);
		report_grid_page(cr, b, s, c, o);
		sources_pages_draw(cv, &pg, s, 1, c, o, sub);
		rc = page_check_done(pg.chk, out, e);
	}
	if (rc == -1) {
		struct err ignored;

		plot_canvas_close(cv, &ignored);	/* partial: removed */
		return -1;
	}
	return plot_canvas_close(cv, e);
}
