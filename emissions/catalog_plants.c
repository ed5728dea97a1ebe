/* emissions/plants.cfg: plant types and machines, their controls, the
 * zero-emission technologies, which of them stands for each resource-mix
 * fuel (grid_fuels, applied by emis_catalogs_link()), and the fuel supply
 * chain factor of natural gas. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/cfg.h"
#include "common/err.h"
#include "common/unc.h"
#include "common/units.h"
#include "emissions/catalog_internal.h"
#include "emissions/emissions.h"

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
	if (!cfg_is_group(g) ||
	    catalog_get_str(cf, g, "id", 1, c->id, sizeof(c->id), e) == -1)
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

/* A machine: a named model of a plant type ("base"), with its own name,
 * sources and (optionally) heat rate; fuel, factors, F-factor, water and
 * controls come from the base in resolve_machine(). heat_rate is NAN when
 * the machine keeps the base's. */
static int
load_machine(const struct cfg *cf, const cfg_node *g, struct emis_plant *pl,
    struct err *e)
{
	static const char *const known[] = { "id", "base", "name",
	    "heat_rate_mmbtu_per_mwh", "note", "sources", NULL };
	int	 rc;

	if (cfg_check_known(cf, g, known, e) == -1 ||
	    catalog_get_str(cf, g, "base", 1, pl->base, sizeof(pl->base), e) == -1 ||
	    catalog_get_str(cf, g, "name", 1, pl->name, sizeof(pl->name), e) == -1 ||
	    catalog_sources(cf, g, pl->source, sizeof(pl->source), pl->sources,
	    sizeof(pl->sources), e) == -1 ||
	    (rc = cfg_get_number(cf, g, "heat_rate_mmbtu_per_mwh", 0, 3.412,
	    30.0, &pl->heat_rate_mmbtu_per_mwh, e)) == -1)
		return -1;
	if (rc == 0)
		pl->heat_rate_mmbtu_per_mwh = NAN;
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
	int		 i, j, rc;

	memset(pl, 0, sizeof(*pl));
	pl->line = cfg_node_line(g);
	if (!cfg_is_group(g))
		return cfg_fail(cf, g, e, "expected a plant group { id; ... }");
	if (catalog_get_str(cf, g, "id", 1, pl->id, sizeof(pl->id), e) == -1)
		return -1;
	if (cfg_member(g, "base") != NULL)
		return load_machine(cf, g, pl, e);
	if (cfg_check_known(cf, g, known, e) == -1 ||
	    catalog_get_str(cf, g, "name", 1, pl->name, sizeof(pl->name), e) == -1 ||
	    catalog_get_str(cf, g, "fuel", 1, pl->fuel, sizeof(pl->fuel), e) == -1 ||
	    cfg_get_number(cf, g, "heat_rate_mmbtu_per_mwh", 1, 3.412, 30.0,
	    &pl->heat_rate_mmbtu_per_mwh, e) == -1 ||
	    cfg_get_number(cf, g, "water_gal_per_mwh", 1, 0.0, 1.0e5, &gal, e) == -1 ||
	    catalog_sources(cf, g, pl->source, sizeof(pl->source), pl->sources,
	    sizeof(pl->sources), e) == -1)
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
		for (i = 0; i < cfg_count(l); i++) {
			if (load_control(cf, cfg_elem(l, i), &pl->controls[i], e) == -1)
				return -1;
			/* a second row of one control would never be used */
			for (j = 0; j < i; j++)
				if (strcmp(pl->controls[j].id, pl->controls[i].id) == 0)
					return cfg_fail(cf, cfg_elem(l, i), e,
					    "duplicate control \"%s\"",
					    pl->controls[i].id);
		}
		pl->ncontrols = (size_t)cfg_count(l);
	}
	return 0;
}

/* Machine "pl" (node "g") takes everything but its id, name, sources and
 * heat rate from its base, a plant type of the same file. */
static int
resolve_machine(const struct cfg *cf, const cfg_node *g,
    struct emis_catalogs *c, struct emis_plant *pl, struct err *e)
{
	const struct emis_plant *b = emis_plant_find(c, pl->base);
	struct emis_plant own = *pl;
	size_t	 len;
	int	 k;

	if (b == NULL)
		return cfg_fail(cf, cfg_member(g, "base"), e, "unknown plant \"%s\"",
		    pl->base);
	if (b->base[0] != '\0')
		return cfg_fail(cf, cfg_member(g, "base"), e, "\"%s\" is itself a "
		    "machine (based on \"%s\"); name a plant type", b->id, b->base);
	*pl = *b;
	memcpy(pl->id, own.id, sizeof(pl->id));
	memcpy(pl->name, own.name, sizeof(pl->name));
	memcpy(pl->base, own.base, sizeof(pl->base));
	memcpy(pl->source, own.source, sizeof(pl->source));
	pl->line = own.line;
	if (!isnan(own.heat_rate_mmbtu_per_mwh))
		pl->heat_rate_mmbtu_per_mwh = own.heat_rate_mmbtu_per_mwh;
	/* the machine's own sources, then those of what it inherits */
	len = strlen(own.sources);
	k = snprintf(own.sources + len, sizeof(own.sources) - len,
	    " | factors, controls%s as %s: %s",
	    isnan(own.heat_rate_mmbtu_per_mwh) ? ", heat rate" : "", b->id,
	    b->sources);
	if (k < 0 || (size_t)k >= sizeof(own.sources) - len)
		return cfg_fail(cf, cfg_member(g, "sources"), e, "sources: with "
		    "those of \"%s\", longer than %zu characters", b->id,
		    sizeof(own.sources) - 1);
	memcpy(pl->sources, own.sources, sizeof(pl->sources));
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
	    catalog_get_str(cf, g, "id", 1, t->id, sizeof(t->id), e) == -1 ||
	    catalog_get_str(cf, g, "name", 1, t->name, sizeof(t->name), e) == -1 ||
	    cfg_get_number(cf, g, "water_gal_per_mwh", 1, 0.0, 1.0e5, &gal, e) == -1 ||
	    catalog_sources(cf, g, src, sizeof(src), NULL, 0, e) == -1)
		return -1;
	t->water_m3_per_mwh = unit_gal_to_m3(gal);
	return 0;
}

/* grid_fuels: the id standing for each resource-mix fuel, kept with its
 * line for emis_catalogs_link(), which resolves it. */
static int
load_grid_fuels(const struct cfg *cf, struct emis_catalogs *c, struct err *e)
{
	const cfg_node	*g = cfg_member(cfg_root(cf), "grid_fuels");
	int		 f;

	if (g == NULL || !cfg_is_group(g))
		return cfg_fail(cf, g != NULL ? g : cfg_root(cf), e, "grid_fuels: "
		    "expected a group mapping each mix fuel to a plant or technology");
	if (cfg_check_known(cf, g, catalog_fuel_keys_null, e) == -1)
		return -1;
	for (f = 0; f < EMIS_NFUEL; f++) {
		if (catalog_get_str(cf, g, emis_fuel_keys[f], 1, c->grid_fuel_id[f],
		    sizeof(c->grid_fuel_id[f]), e) == -1)
			return -1;
		c->grid_fuel_line[f] = cfg_node_line(cfg_member(g,
		    emis_fuel_keys[f]));
	}
	catalog_copy(c->plants_file, sizeof(c->plants_file), cfg_name(cf));
	return 0;
}

/* The values an uncertain number of kind u->kind uses, into v[]; count. */
static int
unc_values(const struct unc *u, double v[3])
{
	switch (u->kind) {
	case UNC_TRIANGULAR:
		v[0] = u->a, v[1] = u->b, v[2] = u->c;
		return 3;
	case UNC_UNIFORM:
		v[0] = u->a, v[1] = u->c;
		return 2;
	case UNC_NORMAL:
	case UNC_FIXED:
	default:
		v[0] = u->a;
		return 1;
	}
}

/* fuel_supply.gas: upstream CO2e of natural gas per MMBtu burned, stated
 * with the methane leakage rate L, the CH4 per MMBtu m and the GWP behind
 * it. Each stated value must equal L / (1 - L) x m x GWP within 2 % (the
 * rounding of a figure written to 0.1 kg), so the file cannot state a
 * leakage rate that is not the one its factor uses. */
static int
load_fuel_supply(const struct cfg *cf, struct emis_catalogs *c, struct err *e)
{
	static const char *const known[] = { "gas", NULL };
	static const char *const known_gas[] = { "co2e_kg_per_mmbtu", "leakage",
	    "ch4_kg_per_mmbtu", "gwp_ch4", "note", "sources", NULL };
	const cfg_node	*g, *gas, *n;
	double		 m, vc[3], vl[3], want;
	char		 first[8];
	int		 i, nv;

	if ((g = catalog_root_group(cf, "fuel_supply", known, e)) == NULL)
		return -1;
	if ((gas = cfg_member(g, "gas")) == NULL)
		return cfg_fail(cf, g, e, "gas: missing required setting");
	if (!cfg_is_group(gas))
		return cfg_fail(cf, gas, e, "expected a group { co2e_kg_per_mmbtu; "
		    "leakage; ch4_kg_per_mmbtu; gwp_ch4; sources; }");
	if (cfg_check_known(cf, gas, known_gas, e) == -1 ||
	    cfg_get_unc(cf, gas, "co2e_kg_per_mmbtu", 1, 0.0, 1000.0,
	    &c->gas_supply_co2e_kg_per_mmbtu, e) == -1 ||
	    cfg_get_unc(cf, gas, "leakage", 1, 0.0, 0.5,
	    &c->gas_supply_leakage_frac, e) == -1 ||
	    cfg_get_number(cf, gas, "ch4_kg_per_mmbtu", 1, 1.0, 30.0, &m, e) == -1 ||
	    cfg_get_number(cf, gas, "gwp_ch4", 1, 1.0, 1000.0,
	    &c->gas_supply_gwp_ch4, e) == -1 ||
	    catalog_sources(cf, gas, first, sizeof(first), c->gas_supply_source,
	    sizeof(c->gas_supply_source), e) == -1)
		return -1;
	n = cfg_member(gas, "co2e_kg_per_mmbtu");
	if (c->gas_supply_co2e_kg_per_mmbtu.kind != c->gas_supply_leakage_frac.kind)
		return cfg_fail(cf, n, e, "expected the same form as leakage "
		    "(both a number, { min; mode; max }, { min; max } or "
		    "{ mean; sd })");
	nv = unc_values(&c->gas_supply_co2e_kg_per_mmbtu, vc);
	unc_values(&c->gas_supply_leakage_frac, vl);
	for (i = 0; i < nv; i++) {
		want = vl[i] / (1.0 - vl[i]) * m * c->gas_supply_gwp_ch4;
		if (fabs(vc[i] - want) > 0.02 * want)
			return cfg_fail(cf, n, e, "%g disagrees with leakage %g: "
			    "%g / (1 - %g) x %g kg CH4/MMBtu x GWP %g = %.2f "
			    "(expected within 2 %%)", vc[i], vl[i], vl[i], vl[i],
			    m, c->gas_supply_gwp_ch4, want);
	}
	return 0;
}

int
catalog_load_plants(struct emis_catalogs *c, const char *path, struct err *e)
{
	static const char *const known[] = { "plants", "technologies",
	    "grid_fuels", "fuel_supply", NULL };
	struct cfg	*cf;
	const cfg_node	*l, *t;
	size_t		 i, j;
	int		 rc = -1;

	if ((cf = cfg_load_file(path, e)) == NULL)
		return -1;
	if (cfg_check_known(cf, cfg_root(cf), known, e) == -1 ||
	    (l = catalog_root_list(cf, "plants", e)) == NULL ||
	    (t = catalog_root_list(cf, "technologies", e)) == NULL)
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
	/* machines after every plant type is read, so a base may come later
	 * in the file */
	for (i = 0; i < c->nplants; i++)
		if (c->plants[i].base[0] != '\0' && resolve_machine(cf,
		    cfg_elem(l, (int)i), c, &c->plants[i], e) == -1)
			goto out;
	for (i = 0; i < (size_t)cfg_count(t); i++, c->ntechs++) {
		if (load_tech(cf, cfg_elem(t, (int)i), &c->techs[i], e) == -1)
			goto out;
		for (j = 0; j < i; j++)
			if (strcmp(c->techs[j].id, c->techs[i].id) == 0) {
				cfg_fail(cf, cfg_elem(t, (int)i), e, "duplicate "
				    "technology id \"%s\"", c->techs[i].id);
				goto out;
			}
	}
	if (load_grid_fuels(cf, c, e) == -1 || load_fuel_supply(cf, c, e) == -1)
		goto out;
	rc = 0;
out:
	cfg_free(cf);
	return rc;
}
