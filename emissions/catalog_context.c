/* emissions/health.cfg (EPA benefit-per-ton values) and
 * emissions/context.cfg (homes, cars, state consumption, GWP sets). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/cfg.h"
#include "common/err.h"
#include "common/units.h"
#include "emissions/catalog_internal.h"
#include "emissions/emissions.h"

int
catalog_load_health(struct emis_catalogs *c, const char *path, struct err *e)
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
	    (g = catalog_root_group(cf, "health", known, e)) == NULL ||
	    catalog_get_str(cf, g, "edition", 1, c->health_edition,
	    sizeof(c->health_edition), e) == -1 ||
	    cfg_get_int(cf, g, "dollar_year", 1, 1990, 2100, &year, e) == -1 ||
	    cfg_get_number(cf, g, "discount_rate", 1, 0.0, 0.2,
	    &c->health_discount_rate, e) == -1 ||
	    catalog_sources(cf, g, src, sizeof(src), NULL, 0, e) == -1)
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
load_states(const struct cfg *cf, struct emis_catalogs *c, const char *path,
    struct err *e)
{
	static const char *const known_state[] = { "id", "name",
	    "consumption_twh", "year", "source", NULL };
	const cfg_node	*l, *el;
	const char	*source;
	double		 twh;
	long		 year;
	size_t		 i, j;

	if ((l = catalog_root_list(cf, "states", e)) == NULL)
		return -1;
	if ((c->states = calloc((size_t)cfg_count(l), sizeof(*c->states))) == NULL)
		return err_set(e, ERR_NOMEM, path, 0, "out of memory");
	for (i = 0; i < (size_t)cfg_count(l); i++, c->nstates++) {
		struct emis_state *st = &c->states[i];

		el = cfg_elem(l, (int)i);
		if (!cfg_is_group(el))
			return cfg_fail(cf, el, e, "expected a state group { id; ... }");
		if (cfg_check_known(cf, el, known_state, e) == -1 ||
		    catalog_get_str(cf, el, "id", 1, st->id, sizeof(st->id), e) == -1 ||
		    catalog_get_str(cf, el, "name", 1, st->name, sizeof(st->name),
		    e) == -1 ||
		    cfg_get_number(cf, el, "consumption_twh", 1, 0.1, 1.0e4, &twh,
		    e) == -1 ||
		    cfg_get_int(cf, el, "year", 1, 1990, 2100, &year, e) == -1 ||
		    cfg_get_string(cf, el, "source", 1, &source, e) == -1)
			return -1;
		st->consumption_mwh = twh * UNIT_MWH_PER_TWH;
		st->year = (int)year;
		for (j = 0; j < i; j++)
			if (strcmp(c->states[j].id, st->id) == 0)
				return cfg_fail(cf, el, e, "duplicate state id "
				    "\"%s\"", st->id);
	}
	return 0;
}

/* The GWP sets: at most as many as struct emis_catalogs holds. A row past
 * that is rejected at its line, not dropped. */
static int
load_gwp(const struct cfg *cf, struct emis_catalogs *c, struct err *e)
{
	static const char *const known_gwp[] = { "id", "ch4", "n2o", "source", NULL };
	const size_t	 max = sizeof(c->gwp) / sizeof(c->gwp[0]);
	const cfg_node	*l, *el;
	size_t		 i, j;

	if ((l = catalog_root_list(cf, "gwp", e)) == NULL)
		return -1;
	for (i = 0; i < (size_t)cfg_count(l); i++, c->ngwp++) {
		struct emis_gwp *gw;

		el = cfg_elem(l, (int)i);
		if (i >= max)
			return cfg_fail(cf, el, e, "at most %zu gwp entries "
			    "(this is entry %zu); remove one", max, i + 1);
		gw = &c->gwp[i];
		if (!cfg_is_group(el))
			return cfg_fail(cf, el, e, "expected a gwp group { id; ch4; n2o; }");
		if (cfg_check_known(cf, el, known_gwp, e) == -1 ||
		    catalog_get_str(cf, el, "id", 1, gw->id, sizeof(gw->id), e) == -1 ||
		    cfg_get_number(cf, el, "ch4", 1, 1.0, 1.0e3, &gw->ch4, e) == -1 ||
		    cfg_get_number(cf, el, "n2o", 1, 1.0, 1.0e4, &gw->n2o, e) == -1 ||
		    catalog_get_str(cf, el, "source", 1, gw->source,
		    sizeof(gw->source), e) == -1)
			return -1;
		for (j = 0; j < i; j++)
			if (strcmp(c->gwp[j].id, gw->id) == 0)
				return cfg_fail(cf, el, e, "duplicate gwp id "
				    "\"%s\"", gw->id);
	}
	return 0;
}

int
catalog_load_context(struct emis_catalogs *c, const char *path, struct err *e)
{
	static const char *const known_root[] = { "context", "states", "gwp", NULL };
	static const char *const known_ctx[] = { "home_kwh_per_year", "home_year",
	    "car_co2_t_per_year", "car_year", "sources", NULL };
	struct cfg	*cf;
	const cfg_node	*g;
	char		 src[8];
	double		 kwh;
	long		 year;
	int		 rc = -1;

	if ((cf = cfg_load_file(path, e)) == NULL)
		return -1;
	if (cfg_check_known(cf, cfg_root(cf), known_root, e) == -1 ||
	    (g = catalog_root_group(cf, "context", known_ctx, e)) == NULL ||
	    cfg_get_number(cf, g, "home_kwh_per_year", 1, 100.0, 1.0e5, &kwh, e) == -1 ||
	    cfg_get_int(cf, g, "home_year", 1, 1990, 2100, &year, e) == -1)
		goto out;
	c->home_mwh_per_year = kwh / UNIT_KWH_PER_MWH;
	c->home_year = (int)year;
	if (cfg_get_number(cf, g, "car_co2_t_per_year", 1, 0.1, 100.0,
	    &c->car_t_co2_per_year, e) == -1 ||
	    cfg_get_int(cf, g, "car_year", 1, 1990, 2100, &year, e) == -1 ||
	    catalog_sources(cf, g, src, sizeof(src), NULL, 0, e) == -1)
		goto out;
	c->car_year = (int)year;
	if (load_states(cf, c, path, e) == -1 || load_gwp(cf, c, e) == -1)
		goto out;
	rc = 0;
out:
	cfg_free(cf);
	return rc;
}
