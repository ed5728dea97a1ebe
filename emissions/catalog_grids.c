/* emissions/grids.cfg: eGRID subregions and countries, their rates, losses
 * and resource mix. What the mix implies is filled in later by
 * emis_catalogs_link(). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/cfg.h"
#include "common/err.h"
#include "common/units.h"
#include "emissions/catalog_internal.h"
#include "emissions/emissions.h"

/* Five lb/MWh rates (co2 ch4 n2o nox so2 [pm25]) into t/MWh; NAN if absent. */
static int
grid_rates(const struct cfg *cf, const cfg_node *g, double *rate, struct err *e)
{
	static const enum emis_pollutant pols[] = { EMIS_CO2, EMIS_CH4, EMIS_N2O,
	    EMIS_NOX, EMIS_SO2, EMIS_PM25 };
	char	 key[40];
	double	 v;
	size_t	 i;
	int	 rc;

	for (i = 0; i < EMIS_NPOLL; i++)
		rate[i] = NAN;
	for (i = 0; i < sizeof(pols) / sizeof(pols[0]); i++) {
		snprintf(key, sizeof(key), "%s_lb_per_mwh", emis_pollutant_keys[pols[i]]);
		if ((rc = cfg_get_number(cf, g, key, 0, 0.0, 1.0e5, &v, e)) == -1)
			return -1;
		if (rc == 1)
			rate[pols[i]] = unit_lb_to_t(v);
	}
	return 0;
}

static int
load_grid(const struct cfg *cf, const cfg_node *g, struct emis_grid *gr,
    struct err *e)
{
	static const char *const known[] = { "id", "name", "country", "edition",
	    "year", "co2_lb_per_mwh", "ch4_lb_per_mwh", "n2o_lb_per_mwh",
	    "nox_lb_per_mwh", "so2_lb_per_mwh", "pm25_lb_per_mwh",
	    "co2e_g_per_kwh", "nonbaseload", "loss_frac", "mix_pct", "note",
	    "sources", NULL };
	static const char *const known_nb[] = { "co2_lb_per_mwh",
	    "ch4_lb_per_mwh", "n2o_lb_per_mwh", "nox_lb_per_mwh",
	    "so2_lb_per_mwh", NULL };
	const cfg_node	*n;
	double		 v, sum = 0.0;
	long		 year = 0;
	int		 rc, f;

	memset(gr, 0, sizeof(*gr));
	gr->line = cfg_node_line(g);
	if (!cfg_is_group(g))
		return cfg_fail(cf, g, e, "expected a grid group { id; ... }");
	if (cfg_check_known(cf, g, known, e) == -1 ||
	    catalog_get_str(cf, g, "id", 1, gr->id, sizeof(gr->id), e) == -1 ||
	    catalog_get_str(cf, g, "name", 1, gr->name, sizeof(gr->name), e) == -1 ||
	    catalog_get_str(cf, g, "country", 1, gr->country,
	    sizeof(gr->country), e) == -1 ||
	    catalog_get_str(cf, g, "edition", 1, gr->edition,
	    sizeof(gr->edition), e) == -1 ||
	    catalog_get_str(cf, g, "note", 0, gr->note, sizeof(gr->note), e) == -1 ||
	    cfg_get_int(cf, g, "year", 1, 1990, 2100, &year, e) == -1 ||
	    catalog_sources(cf, g, gr->source, sizeof(gr->source), NULL, 0,
	    e) == -1 ||
	    grid_rates(cf, g, gr->rate_t_per_mwh, e) == -1)
		return -1;
	gr->year = (int)year;
	if ((rc = cfg_get_number(cf, g, "co2e_g_per_kwh", 0, 0.0, 5000.0, &v, e)) == -1)
		return -1;
	if (rc == 1) {
		gr->co2e_only = isnan(gr->rate_t_per_mwh[EMIS_CO2]);
		gr->co2e_t_per_mwh = unit_g_per_kwh_to_t_per_mwh(v);
	} else if (isnan(gr->rate_t_per_mwh[EMIS_CO2]) ||
	    isnan(gr->rate_t_per_mwh[EMIS_CH4]) || isnan(gr->rate_t_per_mwh[EMIS_N2O])) {
		return cfg_fail(cf, g, e, "expected co2_lb_per_mwh, ch4_lb_per_mwh "
		    "and n2o_lb_per_mwh, or co2e_g_per_kwh");
	}
	if ((n = cfg_member(g, "nonbaseload")) != NULL) {
		if (!cfg_is_group(n) || cfg_check_known(cf, n, known_nb, e) == -1 ||
		    grid_rates(cf, n, gr->nb_rate_t_per_mwh, e) == -1)
			return cfg_is_group(n) ? -1 :
			    cfg_fail(cf, n, e, "expected a group of lb/MWh rates");
		gr->has_nonbaseload = 1;
	}
	if ((rc = cfg_get_number(cf, g, "loss_frac", 0, 0.0, 0.5, &gr->loss_frac,
	    e)) == -1)
		return -1;
	gr->has_loss = rc;
	/* NAN until emis_catalogs_link() derives it from the mix */
	gr->water_m3_per_mwh = NAN;
	if ((n = cfg_member(g, "mix_pct")) != NULL) {
		if (!cfg_is_group(n))
			return cfg_fail(cf, n, e, "expected a group { coal; gas; ... }");
		if (cfg_check_known(cf, n, catalog_fuel_keys_null, e) == -1)
			return -1;
		for (f = 0; f < EMIS_NFUEL; f++) {
			if (cfg_get_number(cf, n, emis_fuel_keys[f], 1, 0.0, 100.0,
			    &v, e) == -1)
				return -1;
			gr->mix_frac[f] = v / 100.0;
			sum += v;
		}
		if (fabs(sum - 100.0) > 0.5)
			return cfg_fail(cf, n, e, "shares sum to %.2f %% (got %.2f; "
			    "expected 100 within 0.5)", sum, sum);
		gr->has_mix = 1;
	}
	return 0;
}

int
catalog_load_grids(struct emis_catalogs *c, const char *path, struct err *e)
{
	static const char *const known[] = { "grids", NULL };
	struct cfg	*cf;
	const cfg_node	*l;
	size_t		 i, j;
	int		 rc = -1;

	if ((cf = cfg_load_file(path, e)) == NULL)
		return -1;
	if (cfg_check_known(cf, cfg_root(cf), known, e) == -1 ||
	    (l = catalog_root_list(cf, "grids", e)) == NULL)
		goto out;
	if ((c->grids = calloc((size_t)cfg_count(l), sizeof(*c->grids))) == NULL) {
		err_set(e, ERR_NOMEM, path, 0, "out of memory");
		goto out;
	}
	for (i = 0; i < (size_t)cfg_count(l); i++, c->ngrids++) {
		if (load_grid(cf, cfg_elem(l, (int)i), &c->grids[i], e) == -1)
			goto out;
		for (j = 0; j < i; j++)
			if (strcmp(c->grids[j].id, c->grids[i].id) == 0) {
				cfg_fail(cf, cfg_elem(l, (int)i), e, "duplicate grid "
				    "id \"%s\" (first on line %d)", c->grids[i].id,
				    c->grids[j].line);
				goto out;
			}
	}
	rc = 0;
out:
	cfg_free(cf);
	return rc;
}
