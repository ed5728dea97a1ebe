/* The emission-factor catalogs: grids, plants, health values, context. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/cfg.h"
#include "common/data.h"
#include "common/err.h"
#include "common/units.h"
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

static const char *const fuel_keys_null[] = { "coal", "oil", "gas",
	"other_fossil", "nuclear", "hydro", "biomass", "wind", "solar",
	"geothermal", "other", NULL };

static void
copy(char *dst, size_t n, const char *src)
{
	snprintf(dst, n, "%s", src != NULL ? src : "");
}

static int
get_str(const struct cfg *cf, const cfg_node *g, const char *key, int required,
    char *dst, size_t n, struct err *e)
{
	const char	*s = NULL;
	int		 rc = cfg_get_string(cf, g, key, required, &s, e);

	if (rc == 1)
		copy(dst, n, s);
	return rc;
}

static int
first_source(const struct cfg *cf, const cfg_node *g, char *dst, size_t n,
    struct err *e)
{
	const cfg_node	*l = cfg_member(g, "sources");
	int		 i;

	if (l == NULL || !cfg_is_aggregate(l) || cfg_count(l) == 0)
		return cfg_fail(cf, l != NULL ? l : g, e, "sources: expected a "
		    "non-empty list of strings (title, year, URL)");
	for (i = 0; i < cfg_count(l); i++)
		if (!cfg_is_string(cfg_elem(l, i)))
			return cfg_fail(cf, cfg_elem(l, i), e, "expected a string");
	copy(dst, n, cfg_string(cfg_elem(l, 0)));
	return 0;
}

/* A list "key" at the root of "cf", each element a group. */
static const cfg_node *
root_list(const struct cfg *cf, const char *key, struct err *e)
{
	const cfg_node	*l = cfg_member(cfg_root(cf), key);

	if (l == NULL || !cfg_is_aggregate(l) || cfg_count(l) == 0) {
		cfg_fail(cf, l != NULL ? l : cfg_root(cf), e, "%s: expected a "
		    "non-empty list of groups", key);
		return NULL;
	}
	return l;
}

/* The group "key" at the root of "cf", whose settings are all in "known". */
static const cfg_node *
root_group(const struct cfg *cf, const char *key, const char *const *known,
    struct err *e)
{
	const cfg_node	*g = cfg_member(cfg_root(cf), key);

	if (g == NULL || !cfg_is_group(g)) {
		cfg_fail(cf, g != NULL ? g : cfg_root(cf), e, "%s: expected a group "
		    "{ ... }", key);
		return NULL;
	}
	return cfg_check_known(cf, g, known, e) == -1 ? NULL : g;
}

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
	    get_str(cf, g, "id", 1, gr->id, sizeof(gr->id), e) == -1 ||
	    get_str(cf, g, "name", 1, gr->name, sizeof(gr->name), e) == -1 ||
	    get_str(cf, g, "country", 1, gr->country, sizeof(gr->country), e) == -1 ||
	    get_str(cf, g, "edition", 1, gr->edition, sizeof(gr->edition), e) == -1 ||
	    get_str(cf, g, "note", 0, gr->note, sizeof(gr->note), e) == -1 ||
	    cfg_get_int(cf, g, "year", 1, 1990, 2100, &year, e) == -1 ||
	    first_source(cf, g, gr->source, sizeof(gr->source), e) == -1 ||
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
	if ((n = cfg_member(g, "mix_pct")) != NULL) {
		if (!cfg_is_group(n))
			return cfg_fail(cf, n, e, "expected a group { coal; gas; ... }");
		if (cfg_check_known(cf, n, fuel_keys_null, e) == -1)
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

static int
load_control(const struct cfg *cf, const cfg_node *g, struct emis_control *c,
    struct err *e)
{
	static const char *const ids[] = { "water-injection", "dln", "scr",
	    "oxidation-catalyst", NULL };
	const cfg_node	*m;
	const char	*key;
	char		 want[48];
	double		 v;
	int		 i, p;

	memset(c, 0, sizeof(*c));
	c->nox_ppm = NAN;
	for (p = 0; p < EMIS_NPOLL; p++)
		c->lb_per_mmbtu[p] = NAN;
	if (!cfg_is_group(g) || get_str(cf, g, "id", 1, c->id, sizeof(c->id), e) == -1)
		return cfg_is_group(g) ? -1 :
		    cfg_fail(cf, g, e, "expected a control group { id; ... }");
	for (i = 0; ids[i] != NULL && strcmp(ids[i], c->id) != 0; i++)
		;
	if (ids[i] == NULL)
		return cfg_fail(cf, cfg_member(g, "id"), e, "unknown control \"%s\" "
		    "(expected water-injection, dln, scr, oxidation-catalyst)", c->id);
	for (i = 0; i < cfg_count(g); i++) {
		m = cfg_elem(g, i);
		key = cfg_key(m);
		if (strcmp(key, "id") == 0 || strcmp(key, "note") == 0)
			continue;
		if (strcmp(key, "nox_ppm") == 0) {
			if (cfg_number(cf, m, 0.0, 1000.0, &c->nox_ppm, e) == -1)
				return -1;
			continue;
		}
		for (p = 0; p < EMIS_NPOLL; p++) {
			snprintf(want, sizeof(want), "%s_lb_per_mmbtu", emis_pollutant_keys[p]);
			if (strcmp(key, want) == 0) {
				if (cfg_number(cf, m, 0.0, 1.0e4, &v, e) == -1)
					return -1;
				c->lb_per_mmbtu[p] = v;
				break;
			}
			snprintf(want, sizeof(want), "%s_reduction", emis_pollutant_keys[p]);
			if (strcmp(key, want) == 0) {
				if (cfg_number(cf, m, 0.0, 1.0, &v, e) == -1)
					return -1;
				c->reduction_frac[p] = v;
				break;
			}
		}
		if (p == EMIS_NPOLL)
			return cfg_fail(cf, m, e, "unknown setting (expected id, note, "
			    "nox_ppm, <pollutant>_lb_per_mmbtu or <pollutant>_reduction)");
	}
	if (strcmp(c->id, "scr") == 0 && isnan(c->nox_ppm))
		return cfg_fail(cf, g, e, "nox_ppm: missing required setting (the "
		    "default SCR outlet concentration)");
	return 0;
}

static int
load_plant(const struct cfg *cf, const cfg_node *g, struct emis_plant *pl,
    struct err *e)
{
	static const char *const known[] = { "id", "name", "fuel",
	    "heat_rate_mmbtu_per_mwh", "factors_lb_per_mmbtu",
	    "f_factor_dscf_per_mmbtu", "water_gal_per_mwh", "controls", "note",
	    "sources", NULL };
	const cfg_node	*f, *l;
	double		 gal;
	int		 i, rc;

	memset(pl, 0, sizeof(*pl));
	if (!cfg_is_group(g))
		return cfg_fail(cf, g, e, "expected a plant group { id; ... }");
	if (cfg_check_known(cf, g, known, e) == -1 ||
	    get_str(cf, g, "id", 1, pl->id, sizeof(pl->id), e) == -1 ||
	    get_str(cf, g, "name", 1, pl->name, sizeof(pl->name), e) == -1 ||
	    get_str(cf, g, "fuel", 1, pl->fuel, sizeof(pl->fuel), e) == -1 ||
	    cfg_get_number(cf, g, "heat_rate_mmbtu_per_mwh", 1, 3.412, 30.0,
	    &pl->heat_rate_mmbtu_per_mwh, e) == -1 ||
	    cfg_get_number(cf, g, "water_gal_per_mwh", 1, 0.0, 1.0e5, &gal, e) == -1 ||
	    first_source(cf, g, pl->source, sizeof(pl->source), e) == -1)
		return -1;
	pl->water_m3_per_mwh = unit_gal_to_m3(gal);
	if ((rc = cfg_get_number(cf, g, "f_factor_dscf_per_mmbtu", 0, 1000.0,
	    5.0e4, &pl->f_factor_dscf_per_mmbtu, e)) == -1)
		return -1;
	if (rc == 0)
		pl->f_factor_dscf_per_mmbtu = NAN;
	if ((f = cfg_member(g, "factors_lb_per_mmbtu")) == NULL)
		return cfg_fail(cf, g, e, "factors_lb_per_mmbtu: missing required "
		    "setting");
	if (!cfg_is_group(f))
		return cfg_fail(cf, f, e, "expected a group { co2; ch4; ... }");
	for (i = 0; i < EMIS_NPOLL; i++)
		if (cfg_get_number(cf, f, emis_pollutant_keys[i], 1, 0.0, 1.0e4,
		    &pl->factor_lb_per_mmbtu[i], e) == -1)
			return -1;
	if (cfg_count(f) != EMIS_NPOLL)
		return cfg_fail(cf, f, e, "expected exactly the nine pollutants "
		    "co2 ch4 n2o nox co voc pm25 so2 hcho (got %d settings)",
		    cfg_count(f));
	if ((l = cfg_member(g, "controls")) != NULL) {
		if (!cfg_is_aggregate(l) || cfg_count(l) > EMIS_MAX_CONTROLS)
			return cfg_fail(cf, l, e, "expected a list of at most %d "
			    "control groups", EMIS_MAX_CONTROLS);
		for (i = 0; i < cfg_count(l); i++)
			if (load_control(cf, cfg_elem(l, i), &pl->controls[i], e) == -1)
				return -1;
		pl->ncontrols = (size_t)cfg_count(l);
	}
	return 0;
}

static int
load_tech(const struct cfg *cf, const cfg_node *g, struct emis_tech *t,
    struct err *e)
{
	static const char *const known[] = { "id", "name", "water_gal_per_mwh",
	    "note", "sources", NULL };
	char	 src[8];
	double	 gal;

	memset(t, 0, sizeof(*t));
	if (!cfg_is_group(g))
		return cfg_fail(cf, g, e, "expected a technology group { id; ... }");
	if (cfg_check_known(cf, g, known, e) == -1 ||
	    get_str(cf, g, "id", 1, t->id, sizeof(t->id), e) == -1 ||
	    get_str(cf, g, "name", 1, t->name, sizeof(t->name), e) == -1 ||
	    cfg_get_number(cf, g, "water_gal_per_mwh", 1, 0.0, 1.0e5, &gal, e) == -1 ||
	    first_source(cf, g, src, sizeof(src), e) == -1)
		return -1;
	t->water_m3_per_mwh = unit_gal_to_m3(gal);
	return 0;
}

/* Per-MWh emissions (t) and water of each resource-mix fuel, from
 * grid_fuels: the plant or technology that stands for it. */
static int
load_grid_fuels(const struct cfg *cf, struct emis_catalogs *c,
    double fuel_t_per_mwh[EMIS_NFUEL][EMIS_NPOLL],
    double water_m3_per_mwh[EMIS_NFUEL], struct err *e)
{
	const cfg_node	*g = cfg_member(cfg_root(cf), "grid_fuels"), *m;
	const struct emis_plant *pl;
	const struct emis_tech *t;
	const char	*id;
	int		 f, p;

	if (g == NULL || !cfg_is_group(g))
		return cfg_fail(cf, g != NULL ? g : cfg_root(cf), e, "grid_fuels: "
		    "expected a group mapping each mix fuel to a plant or technology");
	if (cfg_check_known(cf, g, fuel_keys_null, e) == -1)
		return -1;
	for (f = 0; f < EMIS_NFUEL; f++) {
		if (cfg_get_string(cf, g, emis_fuel_keys[f], 1, &id, e) == -1)
			return -1;
		m = cfg_member(g, emis_fuel_keys[f]);
		if ((pl = emis_plant_find(c, id)) != NULL) {
			for (p = 0; p < EMIS_NPOLL; p++)
				fuel_t_per_mwh[f][p] = unit_lb_to_t(
				    pl->heat_rate_mmbtu_per_mwh *
				    pl->factor_lb_per_mmbtu[p]);
			water_m3_per_mwh[f] = pl->water_m3_per_mwh;
		} else if ((t = emis_tech_find(c, id)) != NULL) {
			for (p = 0; p < EMIS_NPOLL; p++)
				fuel_t_per_mwh[f][p] = 0.0;
			water_m3_per_mwh[f] = t->water_m3_per_mwh;
		} else {
			return cfg_fail(cf, m, e, "unknown plant or technology \"%s\"", id);
		}
	}
	return 0;
}

/* A grid's water per MWh, and each pollutant its catalog row lacks (eGRID
 * publishes no PM2.5, CO, VOC or formaldehyde rates), from its resource mix:
 * sum over fuels of share x the fuel's plant rate. */
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
		if (!isnan(g->rate_t_per_mwh[p]))
			continue;
		g->rate_t_per_mwh[p] = 0.0;
		for (f = 0; f < EMIS_NFUEL; f++)
			g->rate_t_per_mwh[p] += g->mix_frac[f] * fuel_t[f][p];
		g->derived |= 1u << p;
	}
}

static int
load_plants(struct emis_catalogs *c, const char *path, struct err *e)
{
	static const char *const known[] = { "plants", "technologies",
	    "grid_fuels", NULL };
	double		 fuel_t[EMIS_NFUEL][EMIS_NPOLL], water[EMIS_NFUEL];
	struct cfg	*cf;
	const cfg_node	*l, *t;
	size_t		 i, j;
	int		 rc = -1;

	if ((cf = cfg_load_file(path, e)) == NULL)
		return -1;
	if (cfg_check_known(cf, cfg_root(cf), known, e) == -1 ||
	    (l = root_list(cf, "plants", e)) == NULL ||
	    (t = root_list(cf, "technologies", e)) == NULL)
		goto out;
	c->plants = calloc((size_t)cfg_count(l), sizeof(*c->plants));
	c->techs = calloc((size_t)cfg_count(t), sizeof(*c->techs));
	if (c->plants == NULL || c->techs == NULL) {
		err_set(e, ERR_NOMEM, path, 0, "out of memory");
		goto out;
	}
	for (i = 0; i < (size_t)cfg_count(l); i++, c->nplants++) {
		if (load_plant(cf, cfg_elem(l, (int)i), &c->plants[i], e) == -1)
			goto out;
		for (j = 0; j < i; j++)
			if (strcmp(c->plants[j].id, c->plants[i].id) == 0) {
				cfg_fail(cf, cfg_elem(l, (int)i), e, "duplicate plant "
				    "id \"%s\"", c->plants[i].id);
				goto out;
			}
	}
	for (i = 0; i < (size_t)cfg_count(t); i++, c->ntechs++)
		if (load_tech(cf, cfg_elem(t, (int)i), &c->techs[i], e) == -1)
			goto out;
	if (load_grid_fuels(cf, c, fuel_t, water, e) == -1)
		goto out;
	for (i = 0; i < c->ngrids; i++)
		derive_from_mix(&c->grids[i], fuel_t, water);
	rc = 0;
out:
	cfg_free(cf);
	return rc;
}

static int
load_grids(struct emis_catalogs *c, const char *path, struct err *e)
{
	static const char *const known[] = { "grids", NULL };
	struct cfg	*cf;
	const cfg_node	*l;
	size_t		 i, j;
	int		 rc = -1;

	if ((cf = cfg_load_file(path, e)) == NULL)
		return -1;
	if (cfg_check_known(cf, cfg_root(cf), known, e) == -1 ||
	    (l = root_list(cf, "grids", e)) == NULL)
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

static int
load_health(struct emis_catalogs *c, const char *path, struct err *e)
{
	static const char *const known_root[] = { "health", NULL };
	static const char *const known[] = { "edition", "dollar_year",
	    "discount_rate", "analysis_year", "sector",
	    "pm25_usd_per_short_ton", "so2_usd_per_short_ton",
	    "nox_usd_per_short_ton", "note", "sources", NULL };
	static const enum emis_pollutant pols[] = { EMIS_PM25, EMIS_SO2, EMIS_NOX };
	struct cfg	*cf;
	const cfg_node	*g;
	char		 key[40], src[8];
	double		 v;
	long		 year;
	size_t		 i;
	int		 rc = -1;

	if ((cf = cfg_load_file(path, e)) == NULL)
		return -1;
	if (cfg_check_known(cf, cfg_root(cf), known_root, e) == -1 ||
	    (g = root_group(cf, "health", known, e)) == NULL ||
	    get_str(cf, g, "edition", 1, c->health_edition,
	    sizeof(c->health_edition), e) == -1 ||
	    cfg_get_int(cf, g, "dollar_year", 1, 1990, 2100, &year, e) == -1 ||
	    cfg_get_number(cf, g, "discount_rate", 1, 0.0, 0.2,
	    &c->health_discount_rate, e) == -1 ||
	    first_source(cf, g, src, sizeof(src), e) == -1)
		goto out;
	c->health_dollar_year = (int)year;
	for (i = 0; i < sizeof(pols) / sizeof(pols[0]); i++) {
		snprintf(key, sizeof(key), "%s_usd_per_short_ton",
		    emis_pollutant_keys[pols[i]]);
		if (cfg_get_number(cf, g, key, 1, 0.0, 1.0e8, &v, e) == -1)
			goto out;
		/* $ per short ton -> $ per metric tonne */
		c->health_usd_per_t[pols[i]] = v * UNIT_KG_PER_TONNE / UNIT_KG_PER_SHORT_TON;
	}
	rc = 0;
out:
	cfg_free(cf);
	return rc;
}

static int
load_context(struct emis_catalogs *c, const char *path, struct err *e)
{
	static const char *const known_root[] = { "context", "states", "gwp", NULL };
	static const char *const known_ctx[] = { "home_kwh_per_year", "home_year",
	    "car_co2_t_per_year", "car_year", "sources", NULL };
	static const char *const known_state[] = { "id", "name",
	    "consumption_twh", "year", "source", NULL };
	static const char *const known_gwp[] = { "id", "ch4", "n2o", "source", NULL };
	struct cfg	*cf;
	const cfg_node	*g, *l, *el;
	const char	*source;
	char		 src[8];
	double		 kwh, twh;
	long		 year;
	size_t		 i;
	int		 rc = -1;

	if ((cf = cfg_load_file(path, e)) == NULL)
		return -1;
	if (cfg_check_known(cf, cfg_root(cf), known_root, e) == -1 ||
	    (g = root_group(cf, "context", known_ctx, e)) == NULL ||
	    cfg_get_number(cf, g, "home_kwh_per_year", 1, 100.0, 1.0e5, &kwh, e) == -1 ||
	    cfg_get_int(cf, g, "home_year", 1, 1990, 2100, &year, e) == -1)
		goto out;
	c->home_mwh_per_year = kwh / UNIT_KWH_PER_MWH;
	c->home_year = (int)year;
	if (cfg_get_number(cf, g, "car_co2_t_per_year", 1, 0.1, 100.0,
	    &c->car_t_co2_per_year, e) == -1 ||
	    cfg_get_int(cf, g, "car_year", 1, 1990, 2100, &year, e) == -1 ||
	    first_source(cf, g, src, sizeof(src), e) == -1)
		goto out;
	c->car_year = (int)year;
	if ((l = root_list(cf, "states", e)) == NULL)
		goto out;
	if ((c->states = calloc((size_t)cfg_count(l), sizeof(*c->states))) == NULL) {
		err_set(e, ERR_NOMEM, path, 0, "out of memory");
		goto out;
	}
	for (i = 0; i < (size_t)cfg_count(l); i++, c->nstates++) {
		struct emis_state *st = &c->states[i];

		el = cfg_elem(l, (int)i);
		if (!cfg_is_group(el)) {
			cfg_fail(cf, el, e, "expected a state group { id; ... }");
			goto out;
		}
		if (cfg_check_known(cf, el, known_state, e) == -1 ||
		    get_str(cf, el, "id", 1, st->id, sizeof(st->id), e) == -1 ||
		    get_str(cf, el, "name", 1, st->name, sizeof(st->name), e) == -1 ||
		    cfg_get_number(cf, el, "consumption_twh", 1, 0.1, 1.0e4, &twh, e) == -1 ||
		    cfg_get_int(cf, el, "year", 1, 1990, 2100, &year, e) == -1 ||
		    cfg_get_string(cf, el, "source", 1, &source, e) == -1)
			goto out;
		st->consumption_mwh = twh * UNIT_MWH_PER_TWH;
		st->year = (int)year;
	}
	if ((l = root_list(cf, "gwp", e)) == NULL)
		goto out;
	for (i = 0; i < (size_t)cfg_count(l) && i < 4; i++, c->ngwp++) {
		struct emis_gwp *gw = &c->gwp[i];

		el = cfg_elem(l, (int)i);
		if (!cfg_is_group(el)) {
			cfg_fail(cf, el, e, "expected a gwp group { id; ch4; n2o; }");
			goto out;
		}
		if (cfg_check_known(cf, el, known_gwp, e) == -1 ||
		    get_str(cf, el, "id", 1, gw->id, sizeof(gw->id), e) == -1 ||
		    cfg_get_number(cf, el, "ch4", 1, 1.0, 1.0e3, &gw->ch4, e) == -1 ||
		    cfg_get_number(cf, el, "n2o", 1, 1.0, 1.0e4, &gw->n2o, e) == -1 ||
		    get_str(cf, el, "source", 1, gw->source, sizeof(gw->source), e) == -1)
			goto out;
	}
	rc = 0;
out:
	cfg_free(cf);
	return rc;
}

int
emis_catalogs_load_dir(struct emis_catalogs *c, const char *dir, struct err *e)
{
	char	 path[1024];

	memset(c, 0, sizeof(*c));
	snprintf(c->dir, sizeof(c->dir), "%s", dir);
	snprintf(path, sizeof(path), "%s/grids.cfg", dir);
	if (load_grids(c, path, e) == -1)
		goto fail;
	snprintf(path, sizeof(path), "%s/plants.cfg", dir);
	if (load_plants(c, path, e) == -1)
		goto fail;
	snprintf(path, sizeof(path), "%s/health.cfg", dir);
	if (load_health(c, path, e) == -1)
		goto fail;
	snprintf(path, sizeof(path), "%s/easiur.cfg", dir);
	if (easiur_scaling_load(path, &c->easiur, e) == -1)
		goto fail;
	snprintf(path, sizeof(path), "%s/context.cfg", dir);
	if (load_context(c, path, e) == -1)
		goto fail;
	if (emis_gwp_find(c, "ar5") == NULL || emis_gwp_find(c, "ar6") == NULL) {
		err_set(e, ERR_CONFIG, path, 0, "gwp: expected entries ar5 and ar6");
		goto fail;
	}
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
