/* The report's page of grid bases and years: CO2e by year under the NREL
 * Cambium 2024 scenarios, and every grid basis side by side; the basis in
 * words for every subtitle. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "plots/internal.h"

const char *const report_basis_names[EMIS_NBASES] = {
	"eGRID2023 average",
	"eGRID2023 non-baseload",
	"AVERT 2023 marginal",
	"Cambium 2024 average",
	"Cambium 2024 long-run marginal",
	"Cambium 2024 short-run marginal",
};

static int
is_cambium(int b)
{
	return b == EMIS_BASIS_CAMBIUM_AER || b == EMIS_BASIS_CAMBIUM_LRMER ||
	    b == EMIS_BASIS_CAMBIUM_SRMER;
}

/* Cambium's scenario of site "s", or "" when it has none loaded. */
static const char *
scenario_of(const struct plot_site *s, const struct emis_catalogs *c)
{
	int	 k = s->refs->gplace.cambium_scenario;

	if (c->cambium == NULL || k < 0 ||
	    (size_t)k >= cambium_nscenarios(c->cambium))
		return "";
	return cambium_scenario_name(c->cambium, (size_t)k);
}

const char *
report_basis_label(const struct plot_opts *o, const struct plot_site *s, int n,
    const struct emis_catalogs *c, char *buf, size_t len)
{
	int	 b = emis_basis_find(o->grid_factors), i, nfall = 0;
	size_t	 m;

	if (b < 0) {
		snprintf(buf, len, "grid basis %s", o->grid_factors);
		return buf;
	}
	if (b == EMIS_BASIS_EGRID_AVERAGE && n == 1 && s->refs->grid->co2e_only)
		m = (size_t)snprintf(buf, len, "grid basis: the %s grid's average "
		    "rate", s->refs->grid->id);
	else
		m = (size_t)snprintf(buf, len, "grid basis: %s",
		    report_basis_names[b]);
	if (is_cambium(b) && n > 0 && m < len)
		m += (size_t)snprintf(buf + m, len - m, ", %s, %d",
		    scenario_of(s, c), s->refs->gplace.year);
	for (i = 0; i < n; i++)
		nfall += s[i].res->basis_fallback;
	if (nfall > 0 && m < len) {
		if (n == 1)
			snprintf(buf + m, len - m, " (not available here: %s "
			    "used)", s->refs->grid->co2e_only ? "the grid's "
			    "average" : report_basis_names[0]);
		else
			snprintf(buf + m, len - m, " (%d of %d sites without it: "
			    "their grid's average)", nfall, n);
	}
	return buf;
}

/* Why site "s" has no data of basis "b", for a table cell. */
static const char *
why_not(const struct plot_site *s, int b, char *buf, size_t len)
{
	const struct emis_grid *g = s->refs->grid;

	if (b == EMIS_BASIS_EGRID_NONBASELOAD)
		snprintf(buf, len, "not available: the %s grid has no "
		    "non-baseload rate", g->id);
	else if (strcmp(g->country, "US") != 0)
		snprintf(buf, len, "not available: %s covers the contiguous US "
		    "only", b == EMIS_BASIS_AVERT ? "AVERT" : "Cambium");
	else if (strcmp(g->id, "US") == 0)
		snprintf(buf, len, "not available: the site is modelled on the "
		    "national US grid, not a region");
	else
		snprintf(buf, len, "not available: no %s at this location",
		    b == EMIS_BASIS_AVERT ? "AVERT region" : "Cambium region");
	return buf;
}

/* The timeline chart, or one line saying why there is none. Returns the
 * height used. */
static double
timeline_panel(cairo_t *cr, struct plot_box b, const struct plot_site *s,
    const struct emis_catalogs *c, const struct plot_opts *o)
{
	static const char *const title = "CO2e by year under NREL Cambium 2024 "
	    "scenarios";
	const struct plot_timeline *tl = s->timeline;
	struct plot_line ser[PLOT_TL_MAXSCEN];
	double		 x[PLOT_TL_MAXYEARS], v[PLOT_TL_MAXSCEN][PLOT_TL_MAXYEARS];
	struct plot_lines l;
	struct plot_box	 p;
	char		 src[900], phases[120], load[80], gea[80], why[200];
	int		 i, k, other = 0;

	if (tl == NULL || tl->nyears < 2 || tl->nscen < 1) {
		const struct emis_grid *g = s->refs->grid;

		if (strcmp(g->country, "US") != 0)
			snprintf(why, sizeof(why), "No chart: NREL Cambium 2024 "
			    "covers the contiguous United States only, and this "
			    "site is in %s (grid %s).", s->site->country, g->id);
		else if (strcmp(g->id, "US") == 0)
			snprintf(why, sizeof(why), "No chart: the site is "
			    "modelled on the national US grid, and NREL Cambium "
			    "2024 projects regions (GEAs), not the nation.");
		else
			snprintf(why, sizeof(why), "No chart: the site has no "
			    "NREL Cambium 2024 region (GEA) at its location.");
		plot_set_rgb(cr, PLOT_INK);
		p.h = plot_text(cr, b.x, b.y, 11.0, PLOT_BOLD, PLOT_LEFT, b.w,
		    title) + 6.0;
		plot_set_rgb(cr, PLOT_MUTED);
		p.h += plot_text(cr, b.x, b.y + p.h, 8.0, 0, PLOT_LEFT, b.w, why);
		return p.h + 14.0;
	}
	for (k = 0; k < tl->nscen; k++) {
		ser[k].name = tl->scenario[k];
		ser[k].values = v[k];
		for (i = 0; i < tl->nyears; i++)
			v[k][i] = tl->co2e_t[k][i];
		if (k == tl->midcase) {
			ser[k].color = 0;
			ser[k].dash = 0;
		} else {
			/* five solid colours after MidCase's blue, then dashed */
			ser[k].color = 1 + other % 5;
			ser[k].dash = other >= 5;
			other++;
		}
	}
	for (i = 0; i < tl->nyears; i++)
		x[i] = tl->years[i];
	if (s->site->nphases > 0)
		snprintf(phases, sizeof(phases), "the site's phases move with the "
		    "year (nothing before its first phase in %d)",
		    s->site->phases[0].year);
	else
		snprintf(phases, sizeof(phases), "the site is the same every "
		    "year; only the grid changes");
	if (o->year != 0)
		snprintf(load, sizeof(load), "the site in %d", o->year);
	else
		snprintf(load, sizeof(load), "the site at full build-out");
	k = s->refs->gplace.cambium_gea;
	snprintf(gea, sizeof(gea), "%s", c->cambium != NULL && k >= 0 ?
	    cambium_gea_name(c->cambium, (size_t)k) : "?");
	snprintf(src, sizeof(src), "Lines (projection): the site's CO2e per "
	    "year with its grid energy at NREL Cambium 2024's average emission "
	    "rate of load (aer_load_co2e, combustion only; the fuel supply chain "
	    "is excluded), GEA %s, one line per scenario, MidCase thick; on-site "
	    "plants as in the site file; %s. Point (today's data): eGRID2023 "
	    "average rates x %s. Cambium scenarios are "
	    "what-ifs, not forecasts.", gea, phases, load);
	memset(&l, 0, sizeof(l));
	l.nx = tl->nyears;
	l.x = x;
	l.nser = tl->nscen;
	l.ser = ser;
	l.highlight = tl->midcase;
	l.unit = PLOT_U_T;
	l.to_base = 1.0;
	l.y_title = "CO2e per year, location-based";
	l.point_x = (double)tl->egrid_year;
	l.point_y = s->res->basis_t[EMIS_BASIS_EGRID_AVERAGE][0];
	if (!isfinite(l.point_y))
		l.point_x = (double)NAN;
	l.point_label = "eGRID2023 average (today's data)";
	l.point_rgb = PLOT_INK;
	l.shade_from = x[0];
	l.shade_label = "projection: NREL Cambium 2024 scenarios";
	l.before_label = "today";
	p = plot_panel(cr, b, title, src);
	plot_lines(cr, p, &l);
	return b.h + 12.0;
}

#define NCOL 6

/* Every basis side by side: a table of the site's figures. */
static void
bases_table(cairo_t *cr, struct plot_box b, const struct plot_site *s,
    const struct emis_catalogs *c, const struct plot_opts *o)
{
	static const char *const head[NCOL] = { "Data", "CO2e", "Fuel supply "
	    "CO2e", "NOx", "SO2", "PM2.5" };
	const struct emis_result *r = s->res;
	int	 head_b = emis_basis_find(o->grid_factors), bb, k;
	double	 namew = b.w * 0.27, colw = (b.w - namew) / NCOL, y, rowh;
	double	 pt = 7.5;
	char	 buf[200], title[260];

	snprintf(title, sizeof(title), "Every grid basis side by side (%s, "
	    "per year)", o->year != 0 ? (snprintf(buf, sizeof(buf), "the site "
	    "in %d", o->year), buf) : "full build-out");
	b = plot_panel(cr, b, title, "CO2e: the site's location-based CO2e with "
	    "its grid energy at that basis (on-site plants unchanged), "
	    "combustion. Fuel supply: Cambium's upstream CO2e of the same grid "
	    "energy, not included in CO2e. Cambium gives CO2e only: its NOx, "
	    "SO2 and PM2.5 come from eGRID2023 average rates. AVERT and Cambium "
	    "rates are per MWh at the meter; eGRID's are grossed up by the grid "
	    "loss. \xe2\x80\x93: no figure in the source for this grid.");
	rowh = fmin(16.0, b.h / (EMIS_NBASES + 1));
	y = b.y;
	plot_set_rgb(cr, PLOT_INK);
	plot_text(cr, b.x + 3.0, y, pt, PLOT_BOLD, PLOT_LEFT, 0.0, "Basis");
	for (k = 0; k < NCOL; k++)
		plot_text(cr, b.x + namew + colw * (k + 1) - 4.0, y, pt,
		    PLOT_BOLD, PLOT_RIGHT, colw - 6.0, head[k]);
	y += rowh;
	for (bb = 0; bb < EMIS_NBASES; bb++) {
		int	 flags = bb == head_b ? PLOT_BOLD : 0;
		double	 ty = y + (rowh - pt * 1.25) / 2.0;

		if (bb == head_b || bb % 2 == 0) {
			plot_set_rgb(cr, bb == head_b ? 0xe4ecf5u : PLOT_PANEL);
			cairo_rectangle(cr, b.x, y, b.w, rowh);
			cairo_fill(cr);
		}
		plot_set_rgb(cr, PLOT_INK);
		snprintf(buf, sizeof(buf), "%s%s",
		    bb == EMIS_BASIS_EGRID_AVERAGE && s->refs->grid->co2e_only ?
		    "Grid average (country)" : report_basis_names[bb],
		    bb == head_b ? " (headline)" : "");
		plot_text(cr, b.x + 3.0, ty, pt, flags | PLOT_ELLIPSIZE, PLOT_LEFT,
		    namew - 6.0, buf);
		if (!s->refs->gplace.available[bb]) {
			plot_set_rgb(cr, PLOT_MUTED);
			plot_text(cr, b.x + namew + 4.0, ty, pt, PLOT_ITALIC |
			    PLOT_ELLIPSIZE, PLOT_LEFT, b.w - namew - 8.0,
			    why_not(s, bb, buf, sizeof(buf)));
			y += rowh;
			continue;
		}
		for (k = 0; k < NCOL; k++) {
			double	 v;

			if (k == 0) {
				if (is_cambium(bb))
					snprintf(buf, sizeof(buf), "%s %d",
					    scenario_of(s, c),
					    s->refs->gplace.year);
				else if (s->refs->grid->co2e_only)
					snprintf(buf, sizeof(buf), "%d",
					    s->refs->grid->year);
				else
					snprintf(buf, sizeof(buf), "2023");
			} else {
				v = k == 2 ? r->basis_precomb_t[bb] :
				    r->basis_t[bb][k == 1 ? 0 : k - 2];
				if (isfinite(v))
					plot_fmt_si(v, PLOT_U_T, buf, sizeof(buf));
				else
					snprintf(buf, sizeof(buf), "\xe2\x80\x93");
			}
			plot_text(cr, b.x + namew + colw * (k + 1) - 4.0, ty, pt,
			    flags | PLOT_ELLIPSIZE, PLOT_RIGHT, colw - 6.0, buf);
		}
		y += rowh;
	}
}

void
report_grid_page(cairo_t *cr, struct plot_box b, const struct plot_site *s,
    const struct emis_catalogs *c, const struct plot_opts *o)
{
	double	 h, th = fmin(b.h * 0.36, 170.0);

	h = timeline_panel(cr, (struct plot_box){ b.x, b.y, b.w,
	    b.h - th - 12.0 }, s, c, o);
	bases_table(cr, (struct plot_box){ b.x, b.y + h, b.w,
	    fmin(th, b.h - h) }, s, c, o);
}
