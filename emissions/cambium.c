/* NREL Cambium 2024 annual GEA file -> CO2e rates by scenario, GEA, year.
 *
 * Units are read from the file's units row (line 5), not assumed. In the
 * bundled file every *_co2e, *_co2e_c and *_co2e_p column says kg/MWh
 * (only the CH4 and N2O columns are g/MWh), and test_gridbases.c checks
 * that c + p equals the total to the file's rounding for every row. */
#include <assert.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/csv.h"
#include "common/err.h"
#include "emissions/cambium.h"

#define NAME_MAX_LEN	64
#define UNITS_LINE	5
#define HEADER_LINE	6
#define NMETRICS	3
#define NPARTS		3		/* combustion, precombustion, total */
#define V_LOSS_AVG	(NMETRICS * NPARTS)
#define V_LOSS_MARG	(V_LOSS_AVG + 1)
#define NVALS		(V_LOSS_MARG + 1)
#define MAX_COLS	1024

static const char *const metric_cols[NMETRICS] = {
	"aer_load_co2e", "lrmer_co2e", "srmer_co2e"
};
static const char *const part_suffix[NPARTS] = { "_c", "_p", "" };

struct names {
	size_t	  n;
	char	(*s)[NAME_MAX_LEN];
};

struct rec {
	double	 v[NVALS];
	int	 line;		/* 0 if no row gave it */
};

struct cambium {
	struct names	 scen, gea;
	size_t		 nyears;
	int		*years;
	struct rec	*recs;	/* [scenario][gea][year] */
};

struct row {
	size_t	 s, g;
	int	 year, line;
	double	 v[NVALS];
};

static int
names_find(const struct names *nm, const char *s)
{
	for (size_t i = 0; i < nm->n; i++)
		if (strcmp(nm->s[i], s) == 0)
			return (int)i;
	return -1;
}

/* Index of "s" in nm, added if new; -1 on error (e filled). */
static int
names_intern(struct names *nm, const char *s, const char *what,
    const char *path, int line, struct err *e)
{
	int	 i;
	void	*p;

	if ((i = names_find(nm, s)) >= 0)
		return i;
	if (s[0] == '\0' || strlen(s) >= NAME_MAX_LEN)
		return err_set(e, ERR_CONFIG, path, line,
		    "%s name is empty or longer than %d characters", what,
		    NAME_MAX_LEN - 1);
	if ((p = realloc(nm->s, (nm->n + 1) * sizeof(*nm->s))) == NULL)
		return err_set(e, ERR_NOMEM, path, line, "out of memory");
	nm->s = p;
	snprintf(nm->s[nm->n], NAME_MAX_LEN, "%s", s);
	return (int)nm->n++;
}

/* kg per unit of the CO2e value, from the units row; -1 if unknown. */
static double
kg_per_mwh_factor(const char *unit)
{
	if (strcmp(unit, "kg/MWh") == 0)
		return 1.0;
	if (strcmp(unit, "g/MWh") == 0)
		return 1.0e-3;
	return -1.0;
}

static int
cmp_int(const void *a, const void *b)
{
	int	 x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

int
cambium_load(const char *path, struct cambium **out, struct err *e)
{
	struct cambium	*c = NULL;
	struct row	*rows = NULL, *r;
	char		*buf = NULL, *cur, *end, *line = NULL, *stop;
	char		*f[MAX_COLS + 1], units[MAX_COLS][32];
	size_t		 len, nf, ncols = 0, nrows = 0, caprows = 0, i, k;
	int		 lineno = 0, row, col_s, col_g, col_t, col_v[NVALS];
	double		 factor[NVALS];
	char		 name[NAME_MAX_LEN + 8];
	long		 t;
	int		 rc = -1;

	*out = NULL;
	if ((buf = csv_read_file(path, &len, e)) == NULL)
		return -1;
	if ((c = calloc(1, sizeof(*c))) == NULL) {
		err_set(e, ERR_NOMEM, path, 0, "out of memory");
		goto out;
	}
	cur = buf;
	end = buf + len;
	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
		cur += 3;

	/* banner lines 1-4; line 5 the units; line 6 the column names (the
	 * loop runs HEADER_LINE times: "line" is set) */
	while (lineno < HEADER_LINE) {
		if ((line = csv_next_line(&cur, end)) == NULL) {
			err_set(e, ERR_CONFIG, path, lineno + 1,
			    "file ends before the header on line %d",
			    HEADER_LINE);
			goto out;
		}
		lineno++;
		if (lineno == UNITS_LINE) {
			ncols = csv_split(line, f, MAX_COLS);
			if (ncols > MAX_COLS) {
				err_set(e, ERR_CONFIG, path, lineno,
				    "more than %d columns", MAX_COLS);
				goto out;
			}
			for (i = 0; i < ncols; i++)
				snprintf(units[i], sizeof(units[i]), "%s",
				    f[i]);
		}
	}
	nf = csv_split(line, f, MAX_COLS);
	if (nf != ncols) {
		err_set(e, ERR_CONFIG, path, HEADER_LINE,
		    "header has %zu columns, units row (line %d) has %zu", nf,
		    UNITS_LINE, ncols);
		goto out;
	}
	col_s = csv_col_find(f, nf, "scenario");
	col_g = csv_col_find(f, nf, "gea");
	col_t = csv_col_find(f, nf, "t");
	if (col_s < 0 || col_g < 0 || col_t < 0) {
		err_set(e, ERR_CONFIG, path, HEADER_LINE,
		    "header lacks scenario, gea or t");
		goto out;
	}
	for (k = 0; k < NVALS; k++) {
		if (k < V_LOSS_AVG)
			snprintf(name, sizeof(name), "%s%s",
			    metric_cols[k / NPARTS], part_suffix[k % NPARTS]);
		else
			snprintf(name, sizeof(name), "%s", k == V_LOSS_AVG ?
			    "distloss_rate_avg" : "distloss_rate_marg");
		if ((col_v[k] = csv_col_find(f, nf, name)) < 0) {
			err_set(e, ERR_CONFIG, path, HEADER_LINE,
			    "no column %s", name);
			goto out;
		}
		if (k < V_LOSS_AVG)
			factor[k] = kg_per_mwh_factor(units[col_v[k]]);
		else
			factor[k] = strcmp(units[col_v[k]], "MWh/MWh") == 0 ?
			    1.0 : -1.0;
		if (factor[k] < 0.0) {
			err_set(e, ERR_CONFIG, path, UNITS_LINE,
			    "unit of %s is \"%s\", expected %s", name,
			    units[col_v[k]], k < V_LOSS_AVG ?
			    "kg/MWh or g/MWh" : "MWh/MWh");
			goto out;
		}
	}

	/* data rows, one pass; placed into the table afterwards */
	while ((row = csv_next_row(&cur, end, &lineno, f, ncols, MAX_COLS,
	    path, e)) != 0) {
		if (row < 0)
			goto out;
		if (nrows == caprows) {
			void	*p;

			caprows = caprows == 0 ? 1024 : caprows * 2;
			if ((p = realloc(rows, caprows * sizeof(*rows))) ==
			    NULL) {
				err_set(e, ERR_NOMEM, path, lineno,
				    "out of memory");
				goto out;
			}
			rows = p;
		}
		r = &rows[nrows];
		r->line = lineno;
		{
			int	 si, gi;

			if ((si = names_intern(&c->scen, f[col_s], "scenario",
			    path, lineno, e)) < 0 ||
			    (gi = names_intern(&c->gea, f[col_g], "gea",
			    path, lineno, e)) < 0)
				goto out;
			r->s = (size_t)si;
			r->g = (size_t)gi;
		}
		errno = 0;
		t = strtol(f[col_t], &stop, 10);
		if (stop == f[col_t] || *stop != '\0' || errno != 0 ||
		    t < 1900 || t > 2200) {
			err_set(e, ERR_CONFIG, path, lineno,
			    "t must be a year 1900..2200 (got \"%.20s\")",
			    f[col_t]);
			goto out;
		}
		r->year = (int)t;
		for (k = 0; k < NVALS; k++) {
			const char	*s = f[col_v[k]];

			r->v[k] = strtod(s, &stop);
			if (stop == s || *stop != '\0') {
				err_set(e, ERR_CONFIG, path, lineno,
				    "malformed number \"%.20s\" in column %d",
				    s, col_v[k] + 1);
				goto out;
			}
			if (!isfinite(r->v[k])) {
				err_set(e, ERR_CONFIG, path, lineno,
				    "non-finite value in column %d",
				    col_v[k] + 1);
				goto out;
			}
			r->v[k] *= factor[k];
		}
		nrows++;
	}
	if (nrows == 0) {
		err_set(e, ERR_CONFIG, path, lineno, "no data rows");
		goto out;
	}

	/* distinct years, ascending */
	if ((c->years = malloc(nrows * sizeof(*c->years))) == NULL) {
		err_set(e, ERR_NOMEM, path, 0, "out of memory");
		goto out;
	}
	for (i = 0; i < nrows; i++)
		c->years[i] = rows[i].year;
	qsort(c->years, nrows, sizeof(*c->years), cmp_int);
	for (i = 0; i < nrows; i++)
		if (c->nyears == 0 || c->years[c->nyears - 1] != c->years[i])
			c->years[c->nyears++] = c->years[i];

	c->recs = calloc(c->scen.n * c->gea.n * c->nyears, sizeof(*c->recs));
	if (c->recs == NULL) {
		err_set(e, ERR_NOMEM, path, 0, "out of memory");
		goto out;
	}
	for (i = 0; i < nrows; i++) {
		const int	*y;
		struct rec	*rec;

		r = &rows[i];
		y = bsearch(&r->year, c->years, c->nyears, sizeof(int),
		    cmp_int);
		assert(y != NULL);
		rec = &c->recs[(r->s * c->gea.n + r->g) * c->nyears +
		    (size_t)(y - c->years)];
		if (rec->line != 0) {
			err_set(e, ERR_CONFIG, path, r->line,
			    "%s %s %d repeats line %d", c->scen.s[r->s],
			    c->gea.s[r->g], r->year, rec->line);
			goto out;
		}
		memcpy(rec->v, r->v, sizeof(rec->v));
		rec->line = r->line;
	}
	for (i = 0; i < c->scen.n * c->gea.n * c->nyears; i++)
		if (c->recs[i].line == 0) {
			k = i / c->nyears;
			err_set(e, ERR_CONFIG, path, 0,
			    "no row for scenario %s, gea %s, year %d",
			    c->scen.s[k / c->gea.n], c->gea.s[k % c->gea.n],
			    c->years[i % c->nyears]);
			goto out;
		}
	*out = c;
	c = NULL;
	rc = 0;
out:
	cambium_free(c);
	free(rows);
	free(buf);
	return rc;
}

void
cambium_free(struct cambium *c)
{
	if (c == NULL)
		return;
	free(c->scen.s);
	free(c->gea.s);
	free(c->years);
	free(c->recs);
	free(c);
}

size_t
cambium_nscenarios(const struct cambium *c)
{
	return c->scen.n;
}

const char *
cambium_scenario_name(const struct cambium *c, size_t i)
{
	assert(i < c->scen.n);
	return c->scen.s[i];
}

int
cambium_scenario_find(const struct cambium *c, const char *name)
{
	return names_find(&c->scen, name);
}

size_t
cambium_ngeas(const struct cambium *c)
{
	return c->gea.n;
}

const char *
cambium_gea_name(const struct cambium *c, size_t i)
{
	assert(i < c->gea.n);
	return c->gea.s[i];
}

int
cambium_gea_find(const struct cambium *c, const char *name)
{
	return names_find(&c->gea, name);
}

const char *
cambium_scenario_list(const struct cambium *c, char *buf, size_t n)
{
	size_t	 used = 0;
	int	 w;

	if (n == 0)
		return buf;
	buf[0] = '\0';
	for (size_t i = 0; i < c->scen.n && used < n; i++) {
		w = snprintf(buf + used, n - used, "%s%s", i > 0 ? ", " : "",
		    c->scen.s[i]);
		if (w < 0)
			break;
		used += (size_t)w;
	}
	return buf;
}

size_t
cambium_nyears(const struct cambium *c)
{
	return c->nyears;
}

int
cambium_year(const struct cambium *c, size_t i)
{
	assert(i < c->nyears);
	return c->years[i];
}

int
cambium_rate(const struct cambium *c, int scenario, int gea,
    enum cambium_metric metric, int year, struct cambium_rate *out)
{
	const struct rec	*base, *a, *b;
	size_t			 k, ny = c->nyears, lo;
	int			 m = (int)metric, loss;
	double			 w;

	if (scenario < 0 || (size_t)scenario >= c->scen.n || gea < 0 ||
	    (size_t)gea >= c->gea.n)
		return -1;
	assert(m >= 0 && m < NMETRICS);
	base = &c->recs[((size_t)scenario * c->gea.n + (size_t)gea) * ny];
	out->clamped = 0;
	out->year_used = year;
	if (year <= c->years[0]) {
		a = b = &base[0];
		w = 0.0;
		if (year < c->years[0]) {
			out->clamped = -1;
			out->year_used = c->years[0];
		}
	} else if (year >= c->years[ny - 1]) {
		a = b = &base[ny - 1];
		w = 0.0;
		if (year > c->years[ny - 1]) {
			out->clamped = 1;
			out->year_used = c->years[ny - 1];
		}
	} else {
		for (lo = 0; c->years[lo + 1] <= year; lo++)
			;
		a = &base[lo];
		b = &base[lo + 1];
		/* 2027 between 2025 and 2030: w = 2 / 5 = 0.4 */
		w = (double)(year - c->years[lo]) /
		    (double)(c->years[lo + 1] - c->years[lo]);
	}
	k = (size_t)m * NPARTS;
	out->combustion_kg_per_mwh = a->v[k] + w * (b->v[k] - a->v[k]);
	out->precombustion_kg_per_mwh = a->v[k + 1] +
	    w * (b->v[k + 1] - a->v[k + 1]);
	out->total_kg_per_mwh = a->v[k + 2] + w * (b->v[k + 2] - a->v[k + 2]);
	/* section 5.4: SRMER uses the marginal loss rate, AER/LRMER average */
	loss = metric == CAMBIUM_SRMER ? V_LOSS_MARG : V_LOSS_AVG;
	out->distloss_frac = a->v[loss] + w * (b->v[loss] - a->v[loss]);
	return 0;
}
