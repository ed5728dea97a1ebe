/* The emission-factor catalogs: key tables, helpers shared by the loaders,
 * loading a folder, the cross-catalog link step, freeing and finding.
 * One file per catalog: catalog_grids.c, catalog_plants.c,
 * catalog_context.c (health values and context). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/cfg.h"
#include "common/data.h"
#include "common/err.h"
#include "common/units.h"
#include "emissions/catalog_internal.h"
#include "emissions/emissions.h"

const char *const emis_pollutant_keys[EMIS_NPOLL] = {
	"co2", "ch4", "n2o", "nox", "co", "voc", "pm25", "so2", "hcho"
};
const char *const emis_pollutant_names[EMIS_NPOLL] = {
	"CO2", "CH4", "N2O", "NOx", "CO", "VOC", "PM2.5", "SO2", "formaldehyde"
};
const char *const emis_fuel_keys[EMIS_NFUEL] = {
	"coal", "oil", "gas", "other_fossil", "nuclear", "hydro", "biomass",
	"wind", "solar", "geothermal", "other"
};

const char *const catalog_fuel_keys_null[] = { "coal", "oil", "gas",
	"other_fossil", "nuclear", "hydro", "biomass", "wind", "solar",
	"geothermal", "other", NULL };

void
catalog_copy(char *dst, size_t n, const char *src)
{
	snprintf(dst, n, "%s", src != NULL ? src : "");
}

int
catalog_get_str(const struct cfg *cf, const cfg_node *g, const char *key,
    int required, char *dst, size_t n, struct err *e)
{
	const char	*s = NULL;
	int		 rc = cfg_get_string(cf, g, key, required, &s, e);

	if (rc == 1)
		catalog_copy(dst, n, s);
	return rc;
}

int
catalog_sources(const struct cfg *cf, const cfg_node *g, char *first,
    size_t nfirst, char *all, size_t nall, struct err *e)
{
	const cfg_node	*l = cfg_member(g, "sources");
	size_t		 len = 0;
	int		 i, k;

	if (l == NULL || !cfg_is_aggregate(l) || cfg_count(l) == 0)
		return cfg_fail(cf, l != NULL ? l : g, e, "sources: expected a "
		    "non-empty list of strings (title, year, URL)");
	for (i = 0; i < cfg_count(l); i++)
		if (!cfg_is_string(cfg_elem(l, i)))
			return cfg_fail(cf, cfg_elem(l, i), e, "expected a string");
	catalog_copy(first, nfirst, cfg_string(cfg_elem(l, 0)));
	if (all == NULL)
		return 0;
	all[0] = '\0';
	for (i = 0; i < cfg_count(l); i++) {
		k = snprintf(all + len, nall - len, "%s%s", i ? " | " : "",
		    cfg_string(cfg_elem(l, i)));
		if (k < 0 || (size_t)k >= nall - len)
			return cfg_fail(cf, cfg_elem(l, i), e, "sources: longer "
			    "than %zu characters together", nall - 1);
		len += (size_t)k;
	}
	return 0;
}

const cfg_node *
catalog_root_list(const struct cfg *cf, const char *key, struct err *e)
{
	const cfg_node	*l = cfg_member(cfg_root(cf), key);

	if (l == NULL || !cfg_is_aggregate(l) || cfg_count(l) == 0) {
		cfg_fail(cf, l != NULL ? l : cfg_root(cf), e, "%s: expected a "
		    "non-empty list of groups", key);
		return NULL;
	}
	return l;
}

const cfg_node *
catalog_root_group(const struct cfg *cf, const char *key,
    const char *const *known, struct err *e)
{
	const cfg_node	*g = cfg_member(cfg_root(cf), key);

	if (g == NULL || !cfg_is_group(g)) {
		cfg_fail(cf, g != NULL ? g : cfg_root(cf), e, "%s: expected a group "
		    "{ ... }", key);
		return NULL;
	}
	return cfg_check_known(cf, g, known, e) == -1 ? NULL : g;
}

/* A grid's water per MWh, and each pollutant its catalog row lacks (eGRID
 * publishes no PM2.5, CO, VOC or formaldehyde rates), from its resource mix:
 * sum over fuels of share x the fuel's plant rate. Rates the row states (or
 * an earlier link derived) are kept, so linking twice changes nothing. */
static void
derive_from_mix(struct emis_grid *g, double fuel_t[EMIS_NFUEL][EMIS_NPOLL],
    const double water[EMIS_NFUEL])
{
	int	 f, p;

	g->water_m3_per_mwh = g->has_mix ? 0.0 : (double)NAN;
	if (!g->has_mix)
		return;
	for (f = 0; f < EMIS_NFUEL; f++)
		g->water_m3_per_mwh += g->mix_frac[f] * water[f];
	for (p = 0; p < EMIS_NPOLL; p++) {
		if (!isnan(g->rate_t_per_mwh[p]) && !((g->derived >> p) & 1u))
			continue;
		g->rate_t_per_mwh[p] = 0.0;
		for (f = 0; f < EMIS_NFUEL; f++)
			g->rate_t_per_mwh[p] += g->mix_frac[f] * fuel_t[f][p];
		g->derived |= 1u << p;
	}
}

int
emis_catalogs_link(struct emis_catalogs *c, struct err *e)
{
	double	 fuel_t[EMIS_NFUEL][EMIS_NPOLL], water[EMIS_NFUEL];
	const struct emis_plant *pl;
	const struct emis_tech *t;
	const char *id;
	size_t	 i;
	int	 f, p;

	/* per-MWh emissions (t) and water of each resource-mix fuel, from
	 * the plant or technology that stands for it */
	for (f = 0; f < EMIS_NFUEL; f++) {
		id = c->grid_fuel_id[f];
		if ((pl = emis_plant_find(c, id)) != NULL) {
			for (p = 0; p < EMIS_NPOLL; p++)
				fuel_t[f][p] = unit_lb_to_t(
				    pl->heat_rate_mmbtu_per_mwh *
				    pl->factor_lb_per_mmbtu[p]);
			water[f] = pl->water_m3_per_mwh;
		} else if ((t = emis_tech_find(c, id)) != NULL) {
			for (p = 0; p < EMIS_NPOLL; p++)
				fuel_t[f][p] = 0.0;
			water[f] = t->water_m3_per_mwh;
		} else {
			return err_set(e, ERR_CONFIG, c->plants_file,
			    c->grid_fuel_line[f], "grid_fuels.%s: unknown plant "
			    "or technology \"%s\"", emis_fuel_keys[f], id);
		}
	}
	for (i = 0; i < c->ngrids; i++)
		derive_from_mix(&c->grids[i], fuel_t, water);
	return 0;
}

int
emis_catalogs_load_dir(struct emis_catalogs *c, const char *dir, struct err *e)
{
	char	 path[1024];

	memset(c, 0, sizeof(*c));
	snprintf(c->dir, sizeof(c->dir), "%s", dir);
	/* each file on its own; the order does not matter (the link step
	 * joins them), grids first only because a bad one fails fastest */
	snprintf(path, sizeof(path), "%s/grids.cfg", dir);
	if (catalog_load_grids(c, path, e) == -1)
		goto fail;
	snprintf(path, sizeof(path), "%s/plants.cfg", dir);
	if (catalog_load_plants(c, path, e) == -1)
		goto fail;
	snprintf(path, sizeof(path), "%s/health.cfg", dir);
	if (catalog_load_health(c, path, e) == -1)
		goto fail;
	snprintf(path, sizeof(path), "%s/easiur.cfg", dir);
	if (easiur_scaling_load(path, &c->easiur, e) == -1)
		goto fail;
	snprintf(path, sizeof(path), "%s/context.cfg", dir);
	if (catalog_load_context(c, path, e) == -1)
		goto fail;
	if (emis_gwp_find(c, "ar5") == NULL || emis_gwp_find(c, "ar6") == NULL) {
		err_set(e, ERR_CONFIG, path, 0, "gwp: expected entries ar5 and ar6");
		goto fail;
	}
	if (emis_catalogs_link(c, e) == -1)
		goto fail;
	return 0;
fail:
	emis_catalogs_free(c);
	return -1;
}

int
emis_catalogs_load(struct emis_catalogs *c, struct err *e)
{
	char	 dir[1024], *slash;

	data_path("emissions/grids.cfg", dir, sizeof(dir));
	if ((slash = strrchr(dir, '/')) != NULL)
		*slash = '\0';
	return emis_catalogs_load_dir(c, dir, e);
}

void
emis_catalogs_free(struct emis_catalogs *c)
{
	if (c == NULL)
		return;
	free(c->grids);
	free(c->plants);
	free(c->techs);
	free(c->states);
	avert_free(c->avert);
	cambium_free(c->cambium);
	memset(c, 0, sizeof(*c));
}

#define FINDER(fn, type, arr, n)					\
const struct type *							\
fn(const struct emis_catalogs *c, const char *id)			\
{									\
	size_t	 i;							\
									\
	for (i = 0; i < c->n; i++)					\
		if (strcmp(c->arr[i].id, id) == 0)			\
			return &c->arr[i];				\
	return NULL;							\
}
FINDER(emis_grid_find, emis_grid, grids, ngrids)
FINDER(emis_plant_find, emis_plant, plants, nplants)
FINDER(emis_tech_find, emis_tech, techs, ntechs)
FINDER(emis_gwp_find, emis_gwp, gwp, ngwp)
FINDER(emis_state_find, emis_state, states, nstates)
