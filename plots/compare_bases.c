/* The comparison's grid-basis page: every site's CO2e under the eGRID
 * average, AVERT marginal and Cambium long-run marginal rates. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "plots/internal.h"

void
compare_bases_page(cairo_t *cr, struct plot_box b, const struct plot_site *s,
    int n, const struct emis_catalogs *c)
{
	static const int bases[3] = { EMIS_BASIS_EGRID_AVERAGE, EMIS_BASIS_AVERT,
	    EMIS_BASIS_CAMBIUM_LRMER };
	const char	**cats = calloc((size_t)n, sizeof(*cats));
	double		*v = calloc(3 * (size_t)n, sizeof(*v));
	struct plot_series ser[3];
	const char	*names[3];
	char		 lrmer[120], src[1000];
	struct plot_bars bars;
	struct plot_box	 p;
	int		 i, k, nna = 0, scen;
	double		 lh;

	if (cats == NULL || v == NULL)
		goto out;
	for (i = 0; i < n; i++) {
		cats[i] = s[i].site->name;
		for (k = 0; k < 3; k++) {
			/* NAN, never 0, where the site has no such basis: the
			 * bars print "not available" */
			v[k * n + i] = s[i].refs->gplace.available[bases[k]] ?
			    s[i].res->basis_t[bases[k]][0] : (double)NAN;
			if (!isfinite(v[k * n + i]))
				nna++;
		}
	}
	scen = s[0].refs->gplace.cambium_scenario;
	snprintf(lrmer, sizeof(lrmer), "Cambium 2024 LRMER, %s %d",
	    c->cambium != NULL && scen >= 0 &&
	    (size_t)scen < cambium_nscenarios(c->cambium) ?
	    cambium_scenario_name(c->cambium, (size_t)scen) : "",
	    s[0].refs->gplace.year);
	names[0] = report_basis_names[EMIS_BASIS_EGRID_AVERAGE];
	names[1] = report_basis_names[EMIS_BASIS_AVERT];
	names[2] = lrmer;
	for (k = 0; k < 3; k++) {
		ser[k].name = names[k];
		ser[k].values = v + k * n;
		ser[k].lo = ser[k].hi = NULL;
	}
	snprintf(src, sizeof(src), "Only the grid part changes; on-site plants "
	    "as in the site files; combustion CO2e, location-based. eGRID2023 "
	    "average: all generation of the subregion in 2023 (today's data). "
	    "AVERT 2023 marginal: the plants that ramp up for extra load today, "
	    "hour by hour, weighted by the site's load. Cambium 2024 LRMER: "
	    "the long-run marginal rate, new plants included, for the site's "
	    "GEA (a projection; fuel supply chain excluded).%s",
	    nna > 0 ? " Not available: sites outside the contiguous US or on "
	    "the national grid (fleet scenarios) have no AVERT region or "
	    "Cambium GEA." : "");
	bars.ncat = n;
	bars.cats = cats;
	bars.nser = 3;
	bars.ser = ser;
	bars.stacked = 0;
	bars.unit = PLOT_U_T;
	bars.to_base = 1.0;
	bars.color0 = 0;
	bars.total_lo = bars.total_hi = NULL;
	p = plot_panel(cr, b, "CO2e per year: average vs marginal grid rates",
	    src);
	lh = plot_legend(cr, p.x, p.y, p.w, 3, names, 0);
	p.y += lh;
	p.h -= lh;
	plot_hbars(cr, p, &bars);
out:
	free(cats);
	free(v);
}
