/* Embodied beside operating CO2e: the report's panel, the comparison's
 * chart and the lines of the sources page. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/units.h"
#include "estimator/embodied.h"
#include "plots/internal.h"

/* The embodied parts of site "s" at central values in o->year. */
static void
parts_of(const struct plot_site *s, int year, struct est_embodied_parts *pt,
    struct est_params *p)
{
	struct est_result est;

	est_params_from_site(s->site, s->rack, year, est_pick_central, NULL, p);
	est_run(p, &est);
	est_embodied_parts(p, &est, pt);
}

/* "over 5 years (catalog: triangular 3-6)" or "(hardware.lifetime_years)" */
static void
life_text(const struct plot_site *s, const struct est_params *p, char *buf,
    size_t n)
{
	const struct unc *u = s->site->has_lifetime ? &s->site->lifetime_years :
	    &s->rack->emb.hw_life_years;

	if (u->kind == UNC_TRIANGULAR)
		snprintf(buf, n, "%g years (%s, triangular %g-%g)",
		    p->emb.hw_life_years, s->site->has_lifetime ?
		    "hardware.lifetime_years" : "catalog default", u->a, u->c);
	else
		snprintf(buf, n, "%g years (%s)", p->emb.hw_life_years,
		    s->site->has_lifetime ? "hardware.lifetime_years" :
		    "catalog default");
}

void
report_embodied_panel(cairo_t *cr, struct plot_box b,
    const struct plot_site *s, const struct plot_opts *o)
{
	static const char *const cats[] = { "Location-based", "Market-based" };
	static const char *const names[] = { "operating",
	    "embodied: hardware", "embodied: buildings" };
	const struct emis_result *r = s->res;
	struct est_embodied_parts pt;
	struct est_params p;
	struct plot_series ser[3];
	struct plot_bars bars;
	struct plot_box	 q;
	double		 op[2], hw[2], bl[2], lh;
	char		 src[900], life[120], share[48];
	int		 i;

	parts_of(s, o->year, &pt, &p);
	op[0] = r->total.co2e_t;
	op[1] = r->co2e_market_t;
	for (i = 0; i < 2; i++) {
		hw[i] = pt.hardware_kg_per_year / UNIT_KG_PER_TONNE;
		bl[i] = pt.building_kg_per_year / UNIT_KG_PER_TONNE;
	}
	ser[0] = (struct plot_series){ names[0], op, NULL, NULL };
	ser[1] = (struct plot_series){ names[1], hw, NULL, NULL };
	ser[2] = (struct plot_series){ names[2], bl, NULL, NULL };
	memset(&bars, 0, sizeof(bars));
	bars.ncat = 2;
	bars.cats = cats;
	bars.nser = 3;
	bars.ser = ser;
	bars.stacked = 1;
	bars.unit = PLOT_U_T;
	bars.to_base = 1.0;
	life_text(s, &p, life, sizeof(life));
	if (isfinite(r->embodied_share))
		snprintf(share, sizeof(share), "%.1f %%", 100.0 *
		    r->embodied_share);
	else
		snprintf(share, sizeof(share), "not available");
	if (s->rack->emb.has_rack) {
		char	 a[32], h[32], k[32], t[32];

		snprintf(src, sizeof(src), "Embodied %s a year (hardware %s, "
		    "buildings %s), %s of location-based CO2e; build-out total %s. "
		    "Cradle-to-gate, use phase and end of life excluded; racks over "
		    "a life of %s, buildings %g years. On-site plants left out (no "
		    "sourced figure); footprints as published%s%s.",
		    plot_fmt_si(r->embodied_co2e_t_per_year, PLOT_U_T, a, sizeof(a)),
		    plot_fmt_si(hw[0], PLOT_U_T, h, sizeof(h)),
		    plot_fmt_si(bl[0], PLOT_U_T, k, sizeof(k)), share,
		    plot_fmt_si(r->embodied_co2e_t, PLOT_U_T, t, sizeof(t)), life,
		    p.emb.building_life_years,
		    s->site->manufacturing_grid[0] ? " wherever made, here " : "",
		    s->site->manufacturing_grid);
	} else {
		snprintf(src, sizeof(src), "Hardware: not available, the rack "
		    "\"%s\" has no embodied figure (an inline rack may give "
		    "embodied_kg); buildings over %g years. Cradle-to-gate, use "
		    "phase excluded.", s->rack->id, p.emb.building_life_years);
	}
	q = plot_panel(cr, b, "Operating and embodied CO2e per year", src);
	lh = plot_legend(cr, q.x, q.y, q.w, 3, names, 0);
	q.y += lh;
	q.h -= lh;
	plot_hbars(cr, q, &bars);
}

void
compare_embodied_panel(cairo_t *cr, struct plot_box b,
    const struct plot_site *s, int n, const struct plot_opts *o)
{
	static const char *const names[] = { "operating (location-based)",
	    "embodied (amortised)" };
	const char	**cats = calloc((size_t)n, sizeof(*cats));
	double		*v = calloc(2 * (size_t)n, sizeof(*v));
	struct plot_series ser[2];
	struct plot_bars bars;
	struct plot_box	 q;
	double		 lh;
	const struct site_embodied *m = &s[0].rack->emb;
	int		 i;
	size_t		 len;
	char		 src[1200];

	(void)o;
	if (cats == NULL || v == NULL)
		goto out;
	for (i = 0; i < n; i++) {
		cats[i] = s[i].site->name;
		v[i] = s[i].res->total.co2e_t;
		v[n + i] = s[i].res->embodied_co2e_t_per_year;
	}
	ser[0] = (struct plot_series){ names[0], v, NULL, NULL };
	ser[1] = (struct plot_series){ names[1], v + n, NULL, NULL };
	memset(&bars, 0, sizeof(bars));
	bars.ncat = n;
	bars.cats = cats;
	bars.nser = 2;
	bars.ser = ser;
	bars.stacked = 1;
	bars.unit = PLOT_U_T;
	bars.to_base = 1.0;
	/* every embodied figure with its boundary: the comparison's sources
	 * pages leave them to this caption */
	len = (size_t)snprintf(src, sizeof(src), "Embodied, cradle-to-gate (use "
	    "phase, end of life and transport to the site excluded), per rack:");
	for (i = 0; i < n && len < sizeof(src); i++) {
		const struct site_rack *r = s[i].rack;
		int	 j, seen = 0;

		for (j = 0; j < i; j++)
			seen |= strcmp(s[j].rack->id, r->id) == 0 &&
			    !s[j].site->rack_inline && !s[i].site->rack_inline;
		if (seen)
			continue;
		if (r->emb.has_rack)
			len += (size_t)snprintf(src + len, sizeof(src) - len,
			    " %s %.1f t (%.1f-%.1f);", r->id,
			    unc_central(&r->emb.rack_kg) / 1000.0,
			    r->emb.rack_kg.a / 1000.0, r->emb.rack_kg.c / 1000.0);
		else
			len += (size_t)snprintf(src + len, sizeof(src) - len,
			    " %s (%s) not available;", r->id, s[i].site->name);
	}
	if (len < sizeof(src) && m->has_catalog)
		snprintf(src + len, sizeof(src) - len, " buildings %.0f t per MW "
		    "of IT (%.0f-%.0f; Data4/APL LCA 2026, Google TPU LCA 2025) "
		    "over %g years; racks over %g years (%g-%g; hyperscaler server "
		    "lives) unless a site says. On-site plants: none found, left "
		    "out. Footprints as published (parts and sources: dcimpact "
		    "racks).", unc_central(&m->building_kg_per_mw) / 1000.0,
		    m->building_kg_per_mw.a / 1000.0,
		    m->building_kg_per_mw.c / 1000.0,
		    unc_central(&m->building_life_years),
		    unc_central(&m->hw_life_years), m->hw_life_years.a,
		    m->hw_life_years.c);
	q = plot_panel(cr, b, "Operating and embodied CO2e per year", src);
	lh = plot_legend(cr, q.x, q.y, q.w, 2, names, 0);
	q.y += lh;
	q.h -= lh;
	plot_hbars(cr, q, &bars);
out:
	free(cats);
	free(v);
}

void
report_embodied_sources(const struct plot_site *s, int n,
    void (*line)(void *ctx, double pt, int flags, const char *text), void *ctx)
{
	const struct site_embodied *m;
	char		 buf[2600];
	int		 i, j, seen;

	/* a comparison's sources pages are full: its embodied figures are
	 * listed in the caption of its chart (compare_embodied_panel) */
	if (n != 1)
		return;
	m = &s[0].rack->emb;
	line(ctx, 8.0, PLOT_BOLD, "Embodied emissions (estimator/embodied.cfg)");
	line(ctx, 6.5, 0, "Boundary of every figure: cradle-to-gate "
		    "(materials, components, assembly). Use phase and end of life "
		    "are excluded, and transport to the site: do not add them to a "
		    "life-cycle grid factor. Total = racks bought (each phase buys "
		    "the racks it adds) x CO2e per rack + largest IT MW x buildings "
		    "per MW; per year = each part / its lifetime (a rack replaced "
		    "like for like at the end of its life); share = per year / (per "
		    "year + location-based CO2e).");
	if (!m->has_catalog) {
		line(ctx, 6.5, 0, "No embodied catalog found: buildings and "
		    "lifetimes unknown.");
		return;
	}
	for (i = 0; i < n; i++) {
		const struct site_rack *r = s[i].rack;

		for (seen = 0, j = 0; j < i; j++)
			seen |= strcmp(s[j].rack->id, r->id) == 0 &&
			    !s[j].site->rack_inline && !s[i].site->rack_inline;
		if (seen)
			continue;
		if (r->emb.has_rack)
			snprintf(buf, sizeof(buf), "Rack %s: %.1f t CO2e (%.1f-%.1f) "
			    "per rack. %s", r->id, unc_central(&r->emb.rack_kg) /
			    1000.0, r->emb.rack_kg.a / 1000.0, r->emb.rack_kg.c /
			    1000.0, r->emb.rack_source);
		else
			snprintf(buf, sizeof(buf), "Rack %s (%s): no embodied "
			    "figure; hardware not available.", r->id,
			    s[i].site->name);
		line(ctx, 6.0, 0, buf);
	}
	snprintf(buf, sizeof(buf), "Buildings and their electrical and "
	    "mechanical plant: %.0f t CO2e per MW of IT (%.0f-%.0f), life %g "
	    "years (%g-%g). %s", unc_central(&m->building_kg_per_mw) / 1000.0,
	    m->building_kg_per_mw.a / 1000.0, m->building_kg_per_mw.c / 1000.0,
	    unc_central(&m->building_life_years), m->building_life_years.a,
	    m->building_life_years.c, m->building_source);
	line(ctx, 6.0, 0, buf);
	snprintf(buf, sizeof(buf), "Hardware life: %s", m->hw_life_source);
	line(ctx, 6.0, 0, buf);
	snprintf(buf, sizeof(buf), "%s %s Left out: end of life, network "
	    "switches and cabling outside the racks (no footprint found).",
	    m->plants_note, m->manufacturing_note);
	line(ctx, 6.0, 0, buf);
}
