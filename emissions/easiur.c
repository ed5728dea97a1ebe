/* EASIUR tables and their scaling (emissions/easiur.h). */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/cfg.h"
#include "common/err.h"
#include "emissions/easiur.h"

const char *const easiur_species_names[EASIUR_NSPECIES] = { "PEC", "SO2", "NOx" };
const char *const easiur_release_names[EASIUR_NRELEASE] = { "area", "p150" };

/* Parse the comma-separated numbers of "line" into v[0..n-1]; returns how
 * many were read, or -1 on a field that is not a finite number. */
static int
parse_row(char *line, double *v, int n)
{
	char	*p = line, *end;
	int	 k = 0;

	while (k < n) {
		errno = 0;
		v[k] = strtod(p, &end);
		if (end == p || errno != 0 || !isfinite(v[k]))
			return -1;
		k++;
		while (*end == ' ' || *end == '\r' || *end == '\n')
			end++;
		if (*end != ',')
			break;
		p = end + 1;
	}
	return k;
}

/* Read the file of (species, release, kind) into "out" (row-major
 * [y - 1][x - 1]); kind 0: damages (a header row, a y label first in each
 * row), 1: growth rates (no header, no label). With only_y > 0 only that
 * row is parsed (the others are counted). */
static int
read_table(const char *dir, enum easiur_species sp, enum easiur_release rl,
    int kind, int only_y, double *out, struct err *e)
{
	char	 path[1200];
	char	*line = NULL;
	size_t	 cap = 0;
	double	 v[EASIUR_NX + 1];
	FILE	*fp;
	int	 lineno = 0, y = 0, want = kind == 0 ? EASIUR_NX + 1 : EASIUR_NX;
	int	 rc = -1;

	snprintf(path, sizeof(path), kind == 0 ? "%s/%s_annual_%s.csv" :
	    "%s/%s_growth_rate_pop2005_pop2040_%s.csv", dir,
	    easiur_species_names[sp], easiur_release_names[rl]);
	if ((fp = fopen(path, "r")) == NULL)
		return err_set(e, ERR_IO, path, 0, "cannot read: %s", strerror(errno));
	while (getline(&line, &cap, fp) != -1) {
		lineno++;
		if (kind == 0 && lineno == 1)
			continue;		/* "Column: x, Row: y",1,...,148 */
		if (y == EASIUR_NY) {
			err_set(e, ERR_CONFIG, path, lineno, "more than %d rows",
			    EASIUR_NY);
			goto out;
		}
		if (only_y > 0 && y + 1 != only_y) {
			y++;
			continue;
		}
		if (parse_row(line, v, want) != want ||
		    (kind == 0 && (islessgreater(v[0], (double)(y + 1)) ||
		    isnan(v[0])))) {
			err_set(e, ERR_CONFIG, path, lineno, "expected %s%d numbers",
			    kind == 0 ? "the row number and " : "", EASIUR_NX);
			goto out;
		}
		memcpy(out + (size_t)y * EASIUR_NX, v + (kind == 0), EASIUR_NX *
		    sizeof(double));
		y++;
	}
	if (y != EASIUR_NY) {
		err_set(e, ERR_CONFIG, path, lineno, "expected %d rows, got %d",
		    EASIUR_NY, y);
		goto out;
	}
	rc = 0;
out:
	free(line);
	fclose(fp);
	return rc;
}

int
easiur_table_read(const char *dir, enum easiur_species sp,
    enum easiur_release rl, double *out, struct err *e)
{
	return read_table(dir, sp, rl, 0, 0, out, e);
}

int
easiur_cell_read(const char *dir, int x, int y, struct easiur_cell *c,
    struct err *e)
{
	double	*t;
	int	 s, r, kind, rc = -1;

	if (x < 1 || x > EASIUR_NX || y < 1 || y > EASIUR_NY)
		return err_set(e, ERR_CONFIG, NULL, 0, "EASIUR cell (%d, %d) is "
		    "outside the %d x %d grid", x, y, EASIUR_NX, EASIUR_NY);
	if ((t = malloc(EASIUR_NX * EASIUR_NY * sizeof(*t))) == NULL)
		return err_set(e, ERR_NOMEM, NULL, 0, "out of memory");
	c->x = x;
	c->y = y;
	for (s = 0; s < EASIUR_NSPECIES; s++)
		for (r = 0; r < EASIUR_NRELEASE; r++)
			for (kind = 0; kind < 2; kind++) {
				if (read_table(dir, (enum easiur_species)s,
				    (enum easiur_release)r, kind, y, t, e) == -1)
					goto out;
				(kind == 0 ? c->usd_per_t : c->growth)[r][s] =
				    t[(size_t)(y - 1) * EASIUR_NX + (size_t)(x - 1)];
			}
	rc = 0;
out:
	free(t);
	return rc;
}

/* A list of numbers "name" of group "g" into v (at most max). */
static int
get_series(const struct cfg *cf, const cfg_node *g, const char *name,
    double *v, int max, int *n, struct err *e)
{
	const cfg_node	*l = cfg_member(g, name);
	int		 i;

	if (l == NULL || !cfg_is_aggregate(l))
		return cfg_fail(cf, l != NULL ? l : g, e, "%s: expected a list "
		    "of numbers, one a year", name);
	if ((*n = cfg_count(l)) < 1 || *n > max)
		return cfg_fail(cf, l, e, "expected 1 to %d values (got %d)", max,
		    *n);
	for (i = 0; i < *n; i++)
		if (cfg_number(cf, cfg_elem(l, i), 1e-9, 1e9, &v[i], e) == -1)
			return -1;
	return 0;
}

static int
copy_str(const struct cfg *cf, const cfg_node *g, const char *name, char *buf,
    size_t n, struct err *e)
{
	const char	*s;

	if (cfg_get_string(cf, g, name, 1, &s, e) == -1)
		return -1;
	snprintf(buf, n, "%s", s);
	return 0;
}

int
easiur_scaling_load(const char *path, struct easiur_scaling *o, struct err *e)
{
	static const char *const known_root[] = { "easiur", "income_adjustment",
	    "deflator", NULL };
	static const char *const known_e[] = { "edition", "dollar_year",
	    "population_year", "income_year", "growth_last_year",
	    "p150_height_m", "sources", "note", NULL };
	static const char *const known_s[] = { "name", "first_year", "values",
	    "source", "note", NULL };
	const cfg_node	*ge, *gi, *gd;
	struct cfg	*cf;
	const char	*slash;
	long		 v[5];
	int		 rc = -1;

	memset(o, 0, sizeof(*o));
	if ((cf = cfg_load_file(path, e)) == NULL)
		return -1;
	ge = cfg_member(cfg_root(cf), "easiur");
	gi = cfg_member(cfg_root(cf), "income_adjustment");
	gd = cfg_member(cfg_root(cf), "deflator");
	if (cfg_check_known(cf, cfg_root(cf), known_root, e) == -1)
		goto out;
	if (ge == NULL || gi == NULL || gd == NULL || !cfg_is_group(ge) ||
	    !cfg_is_group(gi) || !cfg_is_group(gd)) {
		err_set(e, ERR_CONFIG, path, 0, "expected the groups easiur, "
		    "income_adjustment and deflator");
		goto out;
	}
	if (cfg_check_known(cf, ge, known_e, e) == -1 ||
	    cfg_check_known(cf, gi, known_s, e) == -1 ||
	    cfg_check_known(cf, gd, known_s, e) == -1 ||
	    copy_str(cf, ge, "edition", o->edition, sizeof(o->edition), e) == -1 ||
	    cfg_get_int(cf, ge, "dollar_year", 1, 1990, 2100, &v[0], e) == -1 ||
	    cfg_get_int(cf, ge, "population_year", 1, 1990, 2100, &v[1], e) == -1 ||
	    cfg_get_int(cf, ge, "income_year", 1, 1990, 2100, &v[2], e) == -1 ||
	    cfg_get_int(cf, ge, "growth_last_year", 1, 1990, 2100, &v[3], e) == -1 ||
	    cfg_get_number(cf, ge, "p150_height_m", 1, 1.0, 1000.0,
	    &o->p150_height_m, e) == -1 ||
	    cfg_get_int(cf, gi, "first_year", 1, 1900, 2100, &v[4], e) == -1 ||
	    get_series(cf, gi, "values", o->income_adj, 64, &o->nincome, e) == -1 ||
	    copy_str(cf, gi, "source", o->income_source,
	    sizeof(o->income_source), e) == -1)
		goto out;
	o->table_dollar_year = (int)v[0];
	o->table_population_year = (int)v[1];
	o->table_income_year = (int)v[2];
	o->growth_last_year = (int)v[3];
	o->income_first_year = (int)v[4];
	if (cfg_get_int(cf, gd, "first_year", 1, 1900, 2100, &v[4], e) == -1 ||
	    get_series(cf, gd, "values", o->deflator, 64, &o->ndeflator, e) == -1 ||
	    copy_str(cf, gd, "name", o->deflator_name,
	    sizeof(o->deflator_name), e) == -1 ||
	    copy_str(cf, gd, "source", o->deflator_source,
	    sizeof(o->deflator_source), e) == -1)
		goto out;
	o->deflator_first_year = (int)v[4];
	if (o->table_income_year < o->income_first_year ||
	    o->table_income_year >= o->income_first_year + o->nincome ||
	    o->table_dollar_year < o->deflator_first_year ||
	    o->table_dollar_year >= o->deflator_first_year + o->ndeflator) {
		err_set(e, ERR_CONFIG, path, cfg_node_line(gi), "the tables' income "
		    "year %d and dollar year %d must be in the income and "
		    "deflator series", o->table_income_year, o->table_dollar_year);
		goto out;
	}
	slash = strrchr(path, '/');
	snprintf(o->dir, sizeof(o->dir), "%.*s%sdata/easiur",
	    slash != NULL ? (int)(slash - path) : 0, path, slash != NULL ? "/" : "");
	rc = 0;
out:
	cfg_free(cf);
	return rc;
}

double
easiur_deflate(const struct easiur_scaling *s, int from, int to)
{
	int	 a = from - s->deflator_first_year, b = to - s->deflator_first_year;

	if (a < 0 || b < 0 || a >= s->ndeflator || b >= s->ndeflator)
		return (double)NAN;
	return s->deflator[b] / s->deflator[a];
}

int
easiur_population_year(const struct easiur_scaling *s, int year)
{
	if (year < s->table_population_year)
		return s->table_population_year;
	return year > s->growth_last_year ? s->growth_last_year : year;
}

int
easiur_income_year(const struct easiur_scaling *s, int year)
{
	int	 last = s->income_first_year + s->nincome - 1;

	if (year < s->income_first_year)
		return s->income_first_year;
	return year > last ? last : year;
}

int
easiur_dollar_year(const struct easiur_scaling *s)
{
	return s->deflator_first_year + s->ndeflator - 1;
}

double
easiur_usd_per_t(const struct easiur_scaling *s, const struct easiur_cell *c,
    enum easiur_species sp, enum easiur_release rl, int pop_year,
    int income_year, int dollar_year)
{
	double	 pop = pow(c->growth[rl][sp], pop_year - s->table_population_year);
	double	 inc = s->income_adj[income_year - s->income_first_year] /
	    s->income_adj[s->table_income_year - s->income_first_year];

	return c->usd_per_t[rl][sp] * pop * inc *
	    easiur_deflate(s, s->table_dollar_year, dollar_year);
}

int
easiur_surface(const struct easiur_scaling *s, enum easiur_species sp,
    enum easiur_release rl, int pop_year, int income_year, int dollar_year,
    double *out, struct err *e)
{
	struct easiur_cell c;
	double	*growth = NULL;
	size_t	 i;
	int	 rc = -1;

	if (income_year < s->income_first_year ||
	    income_year >= s->income_first_year + s->nincome)
		return err_set(e, ERR_CONFIG, NULL, 0, "EASIUR: no income "
		    "adjustment for %d (the series runs %d-%d)", income_year,
		    s->income_first_year,
		    s->income_first_year + s->nincome - 1);
	if (isnan(easiur_deflate(s, s->table_dollar_year, dollar_year)))
		return err_set(e, ERR_CONFIG, NULL, 0, "EASIUR: no price index "
		    "for %d", dollar_year);
	if ((growth = malloc(EASIUR_NX * EASIUR_NY * sizeof(*growth))) == NULL)
		return err_set(e, ERR_NOMEM, NULL, 0, "out of memory");
	if (read_table(s->dir, sp, rl, 0, 0, out, e) == -1 ||
	    read_table(s->dir, sp, rl, 1, 0, growth, e) == -1)
		goto out;
	/* through easiur_usd_per_t() itself, so that a map's cell and the
	 * estimate at that cell are the same number */
	memset(&c, 0, sizeof(c));
	for (i = 0; i < (size_t)EASIUR_NX * EASIUR_NY; i++) {
		c.usd_per_t[rl][sp] = out[i];
		c.growth[rl][sp] = growth[i];
		out[i] = easiur_usd_per_t(s, &c, sp, rl, pop_year, income_year,
		    dollar_year);
	}
	rc = 0;
out:
	free(growth);
	return rc;
}
