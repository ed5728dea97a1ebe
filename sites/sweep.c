/* Loading sweep files. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/cfg.h"
#include "common/err.h"
#include "sites/settings.h"
#include "sites/sweep.h"

struct unc *
site_number(struct site *s, struct site_rack *rack, const char *path,
    double *lo, double *hi, const char **why)
{
	const struct site_setting *t;
	struct site_supply *p;
	const char	*key;
	int		 idx;

	*why = "no such setting";
	if ((t = site_setting_find(path, &idx)) == NULL)
		return NULL;
	*lo = t->lo;
	*hi = t->hi;
	key = t->key;
	switch (t->in) {
	case SITE_IN_SITE:
		break;
	case SITE_IN_RACK:
		return (struct unc *)((char *)rack + t->offset);
	case SITE_IN_SUPPLY:
		if ((size_t)idx >= s->nsupply) {
			*why = "the site has fewer supply entries";
			return NULL;
		}
		p = &s->supply[idx];
		if (p->kind == SITE_SUPPLY_GRID ||
		    (strcmp(key, "share") == 0) != p->has_share ||
		    (strcmp(key, "hours") == 0 && !p->has_hours) ||
		    (strcmp(key, "capacity_factor") == 0 && p->has_hours) ||
		    (strcmp(key, "nox_ppm") == 0 && !p->has_nox_ppm) ||
		    ((strcmp(key, "units") == 0 || strcmp(key, "unit_mw") == 0) &&
		    p->kind != SITE_SUPPLY_ONSITE) ||
		    (strcmp(key, "capacity_mw") == 0 && p->kind != SITE_SUPPLY_PPA)) {
			*why = "that supply entry does not have this setting";
			return NULL;
		}
		return (struct unc *)((char *)p + t->offset);
	}
	if (t <= &site_settings[SITE_SET_H100E]) {
		if (t != &site_settings[SITE_SET_CAPACITY_MW + s->sizing]) {
			*why = "the site is sized by another setting";
			return NULL;
		}
	} else if (t == &site_settings[SITE_SET_UTILIZATION] ||
	    t == &site_settings[SITE_SET_LOAD_FACTOR]) {
		if ((t == &site_settings[SITE_SET_LOAD_FACTOR]) != s->has_load_factor) {
			*why = s->has_load_factor ? "the site uses a load factor" :
			    "the site uses utilization, not a load factor";
			return NULL;
		}
	} else if (t == &site_settings[SITE_SET_PUE] && s->pue_monthly) {
		*why = "the site gives 12 monthly PUE values";
		return NULL;
	} else if (strncmp(path, "backup.", 7) == 0 && !s->backup.present) {
		*why = "the site has no backup";
		return NULL;
	}
	return (struct unc *)((char *)s + t->offset);
}

/* The node holding the values of vary group "g", for messages. */
static const cfg_node *
values_node(const cfg_node *g)
{
	if (cfg_member(g, "values") != NULL)
		return cfg_member(g, "values");
	return cfg_member(g, "from") != NULL ? cfg_member(g, "from") : g;
}

/* The kind of "path" and its column name. */
static void
vary_kind(struct sweep_vary *v)
{
	const struct site_setting *t;
	int	 idx;

	v->kind = SWEEP_SITE;
	if (strcmp(v->path, "grid_basis") == 0)
		v->kind = SWEEP_GRID_BASIS;
	else if (strcmp(v->path, "grid_scenario") == 0)
		v->kind = SWEEP_GRID_SCENARIO;
	else if (strcmp(v->path, "year") == 0)
		v->kind = SWEEP_YEAR;
	t = v->kind == SWEEP_SITE ? site_setting_find(v->path, &idx) : NULL;
	snprintf(v->column, sizeof(v->column), "%s", t != NULL &&
	    t->column != NULL ? t->column : v->path);
}

/* A list of names for grid_basis and grid_scenario. */
static int
load_names(const struct cfg *cf, const cfg_node *l, struct sweep_vary *v,
    struct err *e)
{
	const char	*s;
	size_t		 i, k;

	if (!cfg_is_aggregate(l) || cfg_count(l) < 1 ||
	    cfg_count(l) > SWEEP_MAX_VALUES)
		return cfg_fail(cf, l, e, "%s: expected a list of 1 to %d names "
		    "[ \"...\", ... ]", v->path, SWEEP_MAX_VALUES);
	v->nvalues = (size_t)cfg_count(l);
	if ((v->values = calloc(v->nvalues, sizeof(double))) == NULL ||
	    (v->names = calloc(v->nvalues, sizeof(char *))) == NULL)
		return err_set(e, ERR_NOMEM, NULL, 0, "out of memory");
	for (i = 0; i < v->nvalues; i++) {
		if ((s = cfg_string(cfg_elem(l, (int)i))) == NULL)
			return cfg_fail(cf, cfg_elem(l, (int)i), e, "%s: expected a "
			    "name string such as \"%s\"", v->path,
			    v->kind == SWEEP_GRID_BASIS ? "egrid-average" : "MidCase");
		for (k = 0; k < i; k++)
			if (strcmp(v->names[k], s) == 0)
				return cfg_fail(cf, l, e, "%s: \"%s\" listed twice",
				    v->path, s);
		if ((v->names[i] = strdup(s)) == NULL)
			return err_set(e, ERR_NOMEM, NULL, 0, "out of memory");
	}
	return 0;
}

static int
load_values(const struct cfg *cf, const cfg_node *g, struct sweep_vary *v,
    struct err *e)
{
	const cfg_node	*l = cfg_member(g, "values");
	double		 from, to, steps;
	int		 i;

	v->values_line = cfg_node_line(values_node(g));
	if (l != NULL && cfg_member(g, "from") != NULL)
		return cfg_fail(cf, l, e, "give values or from/to/steps, not both");
	if (v->kind == SWEEP_GRID_BASIS || v->kind == SWEEP_GRID_SCENARIO) {
		if (l == NULL)
			return cfg_fail(cf, g, e, "%s: expected values = [ \"...\", "
			    "... ] (names, not from/to/steps)", v->path);
		return load_names(cf, l, v, e);
	}
	if (l != NULL) {
		if (!cfg_is_aggregate(l) || cfg_count(l) < 1 ||
		    cfg_count(l) > SWEEP_MAX_VALUES)
			return cfg_fail(cf, l, e, "expected a list of 1 to %d numbers",
			    SWEEP_MAX_VALUES);
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
	if (islessgreater(steps, floor(steps)))
		return cfg_fail(cf, cfg_member(g, "steps"), e, "expected a whole "
		    "number (got %g)", steps);
	v->nvalues = (size_t)steps;
	if ((v->values = calloc(v->nvalues, sizeof(double))) == NULL)
		return err_set(e, ERR_NOMEM, NULL, 0, "out of memory");
	for (i = 0; i < (int)v->nvalues; i++)
		v->values[i] = from + (to - from) * i / (steps - 1.0);
	return 0;
}

/* Varied years: whole, in range, each once. */
static int
check_years(const struct cfg *cf, const cfg_node *g, struct sweep_vary *v,
    struct err *e)
{
	size_t	 k, j;

	for (k = 0; k < v->nvalues; k++) {
		if (!(v->values[k] >= SITE_YEAR_MIN && v->values[k] <= SITE_YEAR_MAX) ||
		    islessgreater(v->values[k], floor(v->values[k])))
			return cfg_fail(cf, values_node(g), e,
			    "year: expected whole years %d to %d (got %g)",
			    SITE_YEAR_MIN, SITE_YEAR_MAX, v->values[k]);
		for (j = 0; j < k; j++)
			if ((long)v->values[j] == (long)v->values[k])
				return cfg_fail(cf, values_node(g), e,
				    "year: %g listed twice",
				    v->values[k]);
	}
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

	if (v->kind == SWEEP_YEAR)
		return check_years(cf, g, v, e);
	if (v->kind != SWEEP_SITE)
		return 0;
	memset(&rack, 0, sizeof(rack));
	for (i = 0; i < sw->nsites; i++) {
		if (site_number(sw->sites[i], &rack, v->path, &lo, &hi, &why) == NULL)
			return cfg_fail(cf, cfg_member(g, "path"), e, "\"%s\" names no "
			    "number in %s (%s)", v->path, sw->sites[i]->file, why);
		for (k = 0; k < v->nvalues; k++)
			if (!(v->values[k] >= lo && v->values[k] <= hi))
				return cfg_fail(cf, values_node(g), e, "out of range "
				    "for %s (got %g; expected %g to %g)", v->path,
				    v->values[k], lo, hi);
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
	if (rc == 1 && islessgreater(v, floor(v))) {
		cfg_fail(cf, cfg_member(root, "samples"), e, "expected a whole number "
		    "(got %g)", v);
		goto fail;
	}
	sw->samples = rc == 1 ? (uint64_t)v : 0;
	if ((rc = cfg_get_number(cf, root, "seed", 0, 0.0, 1.8e19, &v, e)) == -1)
		goto fail;
	sw->seed = rc == 1 ? (uint64_t)v : 1;
	if ((rc = cfg_get_int(cf, root, "year", 0, SITE_YEAR_MIN, SITE_YEAR_MAX,
	    &year, e)) == -1)
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
			vary_kind(vv);
			if (vv->kind == SWEEP_YEAR && sw->year != 0) {
				cfg_fail(cf, cfg_member(g, "path"), e, "year is "
				    "varied here and set to %d on line %d: drop one",
				    sw->year, cfg_node_line(cfg_member(root, "year")));
				goto fail;
			}
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
	for (i = 0; i < sw->nvary; i++) {
		free(sw->vary[i].values);
		for (size_t k = 0; sw->vary[i].names != NULL &&
		    k < sw->vary[i].nvalues; k++)
			free(sw->vary[i].names[k]);
		free(sw->vary[i].names);
	}
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
