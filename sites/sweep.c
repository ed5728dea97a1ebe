/* Loading sweep files. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/cfg.h"
#include "common/err.h"
#include "sites/sweep.h"

struct unc *
site_number(struct site *s, struct site_rack *rack, const char *path,
    double *lo, double *hi, const char **why)
{
	static const struct { const char *key; size_t off; double lo, hi; } top[] = {
		{ "hardware.utilization", offsetof(struct site, utilization_frac), 0.0, 1.0 },
		{ "hardware.overhead", offsetof(struct site, overhead_frac), 0.0, 2.0 },
		{ "hardware.load_factor", offsetof(struct site, load_factor), 0.0, 1.0 },
		{ "cooling.pue", offsetof(struct site, pue), 1.0, 5.0 },
		{ "cooling.wue_l_per_kwh", offsetof(struct site, wue_l_per_kwh), 0.0, 20.0 },
		{ "backup.units", offsetof(struct site, backup.units), 0.0, 1.0e5 },
		{ "backup.unit_mw", offsetof(struct site, backup.unit_mw), 0.001, 100.0 },
		{ "backup.test_hours_per_year", offsetof(struct site, backup.test_hours), 0.0, 8784.0 },
	};
	static const struct { const char *key; size_t off; double lo, hi; } sup[] = {
		{ "capacity_factor", offsetof(struct site_supply, capacity_factor), 0.0, 1.0 },
		{ "hours", offsetof(struct site_supply, hours), 0.0, 8784.0 },
		{ "units", offsetof(struct site_supply, units), 1.0, 1.0e5 },
		{ "unit_mw", offsetof(struct site_supply, unit_mw), 0.001, 1.0e4 },
		{ "capacity_mw", offsetof(struct site_supply, capacity_mw), 0.001, 1.0e6 },
		{ "share", offsetof(struct site_supply, share), 0.0, 1.0 },
		{ "nox_ppm", offsetof(struct site_supply, nox_ppm), 0.0, 1000.0 },
	};
	size_t	 i;
	int	 idx, used;
	char	 rest[64];

	*why = "no such setting";
	if (strcmp(path, site_sizing_key(s->sizing)) == 0) {
		*lo = s->sizing == SITE_SIZE_CAPACITY ? 0.001 : 1.0;
		*hi = 1.0e11;
		return &s->size;
	}
	for (i = 0; i < 4; i++)
		if (strcmp(path, site_sizing_key((enum site_sizing)i)) == 0) {
			*why = "the site is sized by another setting";
			return NULL;
		}
	for (i = 0; i < sizeof(top) / sizeof(top[0]); i++) {
		if (strcmp(path, top[i].key) != 0)
			continue;
		if ((strcmp(path, "hardware.load_factor") == 0) != s->has_load_factor &&
		    strncmp(path, "hardware.", 9) == 0 && strcmp(path,
		    "hardware.overhead") != 0) {
			*why = s->has_load_factor ? "the site uses a load factor" :
			    "the site uses utilization, not a load factor";
			return NULL;
		}
		if (strcmp(path, "cooling.pue") == 0 && s->pue_monthly) {
			*why = "the site gives 12 monthly PUE values";
			return NULL;
		}
		if (strncmp(path, "backup.", 7) == 0 && !s->backup.present) {
			*why = "the site has no backup";
			return NULL;
		}
		*lo = top[i].lo;
		*hi = top[i].hi;
		return (struct unc *)((char *)s + top[i].off);
	}
	if (strncmp(path, "hardware.rack.", 14) == 0) {
		*lo = 0.0;
		if (strcmp(path + 14, "peak_kw") == 0) {
			*lo = 0.1;
			*hi = 1.0e4;
			return &rack->peak_kw;
		}
		if (strcmp(path + 14, "idle_fraction") == 0) {
			*hi = 1.0;
			return &rack->idle_frac;
		}
		if (strcmp(path + 14, "h100_per_accelerator") == 0) {
			*lo = 0.01;
			*hi = 100.0;
			return &rack->h100_per_accelerator;
		}
		return NULL;
	}
	if (sscanf(path, "supply[%d].%63s%n", &idx, rest, &used) != 2 ||
	    path[used] != '\0')
		return NULL;
	if (idx < 0 || (size_t)idx >= s->nsupply) {
		*why = "the site has fewer supply entries";
		return NULL;
	}
	for (i = 0; i < sizeof(sup) / sizeof(sup[0]); i++) {
		struct site_supply *p = &s->supply[idx];

		if (strcmp(rest, sup[i].key) != 0)
			continue;
		if (p->kind == SITE_SUPPLY_GRID ||
		    (strcmp(rest, "share") == 0) != p->has_share ||
		    (strcmp(rest, "hours") == 0 && !p->has_hours) ||
		    (strcmp(rest, "capacity_factor") == 0 && p->has_hours) ||
		    (strcmp(rest, "nox_ppm") == 0 && !p->has_nox_ppm) ||
		    ((strcmp(rest, "units") == 0 || strcmp(rest, "unit_mw") == 0) &&
		    p->kind != SITE_SUPPLY_ONSITE) ||
		    (strcmp(rest, "capacity_mw") == 0 && p->kind != SITE_SUPPLY_PPA)) {
			*why = "that supply entry does not have this setting";
			return NULL;
		}
		*lo = sup[i].lo;
		*hi = sup[i].hi;
		return (struct unc *)((char *)p + sup[i].off);
	}
	return NULL;
}

static int
load_values(const struct cfg *cf, const cfg_node *g, struct sweep_vary *v,
    struct err *e)
{
	const cfg_node	*l = cfg_member(g, "values");
	double		 from, to, steps;
	int		 i;

	if (l != NULL) {
		if (!cfg_is_aggregate(l) || cfg_count(l) < 1 ||
		    cfg_count(l) > SWEEP_MAX_VALUES)
			return cfg_fail(cf, l, e, "expected a list of 1 to %d numbers",
			    SWEEP_MAX_VALUES);
		if (cfg_member(g, "from") != NULL)
			return cfg_fail(cf, l, e, "give values or from/to/steps, not both");
		v->nvalues = (size_t)cfg_count(l);
		if ((v->values = calloc(v->nvalues, sizeof(double))) == NULL)
			return err_set(e, ERR_NOMEM, NULL, 0, "out of memory");
		for (i = 0; i < cfg_count(l); i++)
			if (cfg_number(cf, cfg_elem(l, i), -1.0e12, 1.0e12,
			    &v->values[i], e) == -1)
				return -1;
		return 0;
	}
	if (cfg_get_number(cf, g, "from", 1, -1.0e12, 1.0e12, &from, e) == -1 ||
	    cfg_get_number(cf, g, "to", 1, -1.0e12, 1.0e12, &to, e) == -1 ||
	    cfg_get_number(cf, g, "steps", 1, 2.0, SWEEP_MAX_VALUES, &steps, e) == -1)
		return -1;
	if (steps != floor(steps))
		return cfg_fail(cf, cfg_member(g, "steps"), e, "expected a whole "
		    "number (got %g)", steps);
	v->nvalues = (size_t)steps;
	if ((v->values = calloc(v->nvalues, sizeof(double))) == NULL)
		return err_set(e, ERR_NOMEM, NULL, 0, "out of memory");
	for (i = 0; i < (int)v->nvalues; i++)
		v->values[i] = from + (to - from) * i / (steps - 1.0);
	return 0;
}

/* Every vary path must name a number of every site; values in range. */
static int
check_vary(const struct cfg *cf, const cfg_node *g, struct sweep *sw,
    struct sweep_vary *v, struct err *e)
{
	struct site_rack rack;
	const char	*why;
	double		 lo, hi;
	size_t		 i, k;

	memset(&rack, 0, sizeof(rack));
	for (i = 0; i < sw->nsites; i++) {
		if (site_number(sw->sites[i], &rack, v->path, &lo, &hi, &why) == NULL)
			return cfg_fail(cf, cfg_member(g, "path"), e, "\"%s\" names no "
			    "number in %s (%s)", v->path, sw->sites[i]->file, why);
		for (k = 0; k < v->nvalues; k++)
			if (!(v->values[k] >= lo && v->values[k] <= hi))
				return cfg_fail(cf, g, e, "value %g out of range for %s "
				    "(expected %g to %g)", v->values[k], v->path, lo, hi);
	}
	return 0;
}

struct sweep *
sweep_load_file(const char *path, struct err *e)
{
	return sweep_load_file_flags(path, 0, e);
}

struct sweep *
sweep_load_file_flags(const char *path, unsigned flags, struct err *e)
{
	static const char *const known[] = { "sites", "vary", "samples", "seed",
	    "year", "catalog_uncertainty", NULL };
	static const char *const known_v[] = { "path", "values", "from", "to",
	    "steps", NULL };
	struct cfg	*cf;
	struct sweep	*sw = NULL;
	const cfg_node	*root, *l, *g;
	const char	*s;
	char		 dir[512], site_path[1100], *slash;
	double		 v;
	long		 year;
	int		 i, rc;

	if ((cf = cfg_load_file_flags(path, flags, e)) == NULL)
		return NULL;
	root = cfg_root(cf);
	if ((sw = calloc(1, sizeof(*sw))) == NULL) {
		err_set(e, ERR_NOMEM, path, 0, "out of memory");
		goto fail;
	}
	snprintf(sw->file, sizeof(sw->file), "%s", path);
	snprintf(dir, sizeof(dir), "%s", path);
	if ((slash = strrchr(dir, '/')) != NULL)
		*slash = '\0';
	else
		snprintf(dir, sizeof(dir), ".");
	if (cfg_check_known(cf, root, known, e) == -1)
		goto fail;
	l = cfg_member(root, "sites");
	if (l == NULL || !cfg_is_aggregate(l) || cfg_count(l) < 1 ||
	    cfg_count(l) > SWEEP_MAX_SITES) {
		cfg_fail(cf, l != NULL ? l : root, e, "sites: expected a list of 1 to "
		    "%d site files ( \"hyperion.cfg\", ... ), relative to this file",
		    SWEEP_MAX_SITES);
		goto fail;
	}
	for (i = 0; i < cfg_count(l); i++) {
		if ((s = cfg_string(cfg_elem(l, i))) == NULL) {
			cfg_fail(cf, cfg_elem(l, i), e, "expected a file name string");
			goto fail;
		}
		if (s[0] == '/')
			snprintf(site_path, sizeof(site_path), "%s", s);
		else
			snprintf(site_path, sizeof(site_path), "%s/%s", dir, s);
		if ((sw->sites[i] = site_load_file_flags(site_path, flags,
		    e)) == NULL)
			goto fail;
		sw->nsites++;
	}
	if ((rc = cfg_get_number(cf, root, "samples", 0, 0.0, 1.0e15, &v, e)) == -1)
		goto fail;
	if (rc == 1 && v != floor(v)) {
		cfg_fail(cf, cfg_member(root, "samples"), e, "expected a whole number "
		    "(got %g)", v);
		goto fail;
	}
	sw->samples = rc == 1 ? (uint64_t)v : 0;
	if ((rc = cfg_get_number(cf, root, "seed", 0, 0.0, 1.8e19, &v, e)) == -1)
		goto fail;
	sw->seed = rc == 1 ? (uint64_t)v : 1;
	if ((rc = cfg_get_int(cf, root, "year", 0, 1990, 2100, &year, e)) == -1)
		goto fail;
	sw->year = rc == 1 ? (int)year : 0;
	if (cfg_get_bool(cf, root, "catalog_uncertainty",
	    &sw->catalog_uncertainty, e) == -1)
		goto fail;
	if ((l = cfg_member(root, "vary")) != NULL) {
		if (!cfg_is_aggregate(l) || cfg_count(l) > SWEEP_MAX_VARY) {
			cfg_fail(cf, l, e, "expected a list of at most %d groups "
			    "{ path; values; } or { path; from; to; steps; }",
			    SWEEP_MAX_VARY);
			goto fail;
		}
		for (i = 0; i < cfg_count(l); i++) {
			struct sweep_vary *vv = &sw->vary[i];

			g = cfg_elem(l, i);
			vv->line = cfg_node_line(g);
			if (!cfg_is_group(g)) {
				cfg_fail(cf, g, e, "expected a group { path; values; }");
				goto fail;
			}
			sw->nvary++;
			if (cfg_check_known(cf, g, known_v, e) == -1 ||
			    cfg_get_string(cf, g, "path", 1, &s, e) == -1)
				goto fail;
			snprintf(vv->path, sizeof(vv->path), "%s", s);
			for (size_t k = 0; k + 1 < sw->nvary; k++)
				if (strcmp(sw->vary[k].path, vv->path) == 0) {
					cfg_fail(cf, cfg_member(g, "path"), e, "\"%s\" "
					    "varied twice (first on line %d)", vv->path,
					    sw->vary[k].line);
					goto fail;
				}
			if (load_values(cf, g, vv, e) == -1 ||
			    check_vary(cf, g, sw, vv, e) == -1)
				goto fail;
			/* the grid's size must stay a sane count */
			if (sweep_grid_points(sw) > (1ULL << 40)) {
				cfg_fail(cf, g, e, "the grid has more than 2^40 points "
				    "(the product of the vary lists' lengths)");
				goto fail;
			}
		}
	}
	cfg_free(cf);
	return sw;
fail:
	cfg_free(cf);
	sweep_free(sw);
	return NULL;
}

void
sweep_free(struct sweep *sw)
{
	size_t	 i;

	if (sw == NULL)
		return;
	for (i = 0; i < sw->nsites; i++)
		site_free(sw->sites[i]);
	for (i = 0; i < sw->nvary; i++)
		free(sw->vary[i].values);
	free(sw);
}

uint64_t
sweep_grid_points(const struct sweep *sw)
{
	uint64_t n = 1;
	size_t	 i;

	/* saturates instead of wrapping */
	for (i = 0; i < sw->nvary; i++)
		n = n > UINT64_MAX / (sw->vary[i].nvalues ? sw->vary[i].nvalues : 1) ?
		    UINT64_MAX : n * sw->vary[i].nvalues;
	return n;
}
