/* County -> Cambium GEA crosswalk: a sorted table of 5-digit FIPS codes. */
#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/csv.h"
#include "common/err.h"
#include "geo/gea.h"

#define NAME_LEN	64
#define MAX_COLS	64

struct county {
	char	 fips[6];	/* "12011" */
	size_t	 gea;		/* index into names */
	int	 line;
};

struct geo_gea {
	size_t		  ncounties;
	struct county	 *counties;	/* sorted by fips */
	size_t		  nnames;
	char		(*names)[NAME_LEN];
};

/* A whole decimal integer field in lo..hi, or -1. */
static long
int_field(const char *s, long lo, long hi)
{
	char	*end;
	long	 v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (end == s || *end != '\0' || errno != 0 || v < lo || v > hi)
		return -1;
	return v;
}

static int
cmp_county(const void *a, const void *b)
{
	return strcmp(((const struct county *)a)->fips,
	    ((const struct county *)b)->fips);
}

int
geo_gea_load(const char *path, struct geo_gea **out, struct err *e)
{
	struct geo_gea	*g = NULL;
	struct county	*ct;
	char		*buf, *cur, *end, *line, *f[MAX_COLS + 1];
	size_t		 len, ncols, cap = 0, i;
	int		 lineno = 1, nrow, cs, cc, cg, rc = -1;
	long		 st, co;
	void		*p;

	*out = NULL;
	if ((buf = csv_read_file(path, &len, e)) == NULL)
		return -1;
	if ((g = calloc(1, sizeof(*g))) == NULL) {
		err_set(e, ERR_NOMEM, path, 0, "out of memory");
		goto out;
	}
	cur = buf;
	end = buf + len;
	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
		cur += 3;
	if ((line = csv_next_line(&cur, end)) == NULL) {
		err_set(e, ERR_CONFIG, path, 1, "empty file");
		goto out;
	}
	ncols = csv_split(line, f, MAX_COLS);
	cs = ncols <= MAX_COLS ? csv_col_find(f, ncols, "State FIPS") : -1;
	cc = ncols <= MAX_COLS ? csv_col_find(f, ncols, "County FIPS") : -1;
	cg = ncols <= MAX_COLS ? csv_col_find(f, ncols, "Cambium GEA") : -1;
	if (cs < 0 || cc < 0 || cg < 0) {
		err_set(e, ERR_CONFIG, path, 1, "header lacks \"State FIPS\", "
		    "\"County FIPS\" or \"Cambium GEA\"");
		goto out;
	}
	while ((nrow = csv_next_row(&cur, end, &lineno, f, ncols, MAX_COLS,
	    path, e)) != 0) {
		if (nrow < 0)
			goto out;
		if ((st = int_field(f[cs], 1, 99)) < 0 ||
		    (co = int_field(f[cc], 1, 999)) < 0) {
			err_set(e, ERR_CONFIG, path, lineno,
			    "State FIPS must be 1..99 and County FIPS 1..999 "
			    "(got \"%.8s\", \"%.8s\")", f[cs], f[cc]);
			goto out;
		}
		if (f[cg][0] == '\0' || strlen(f[cg]) >= NAME_LEN) {
			err_set(e, ERR_CONFIG, path, lineno,
			    "Cambium GEA is empty or longer than %d characters",
			    NAME_LEN - 1);
			goto out;
		}
		if (g->ncounties == cap) {
			cap = cap == 0 ? 4096 : cap * 2;
			if ((p = realloc(g->counties, cap *
			    sizeof(*g->counties))) == NULL) {
				err_set(e, ERR_NOMEM, path, lineno,
				    "out of memory");
				goto out;
			}
			g->counties = p;
		}
		ct = &g->counties[g->ncounties++];
		/* state 1..99 and county 1..999 checked above: 5 digits */
		ct->fips[0] = (char)('0' + st / 10);
		ct->fips[1] = (char)('0' + st % 10);
		ct->fips[2] = (char)('0' + co / 100);
		ct->fips[3] = (char)('0' + co / 10 % 10);
		ct->fips[4] = (char)('0' + co % 10);
		ct->fips[5] = '\0';
		ct->line = lineno;
		for (i = 0; i < g->nnames; i++)
			if (strcmp(g->names[i], f[cg]) == 0)
				break;
		if (i == g->nnames) {
			if ((p = realloc(g->names, (i + 1) *
			    sizeof(*g->names))) == NULL) {
				err_set(e, ERR_NOMEM, path, lineno,
				    "out of memory");
				goto out;
			}
			g->names = p;
			snprintf(g->names[i], NAME_LEN, "%s", f[cg]);
			g->nnames++;
		}
		ct->gea = i;
	}
	if (g->ncounties == 0) {
		err_set(e, ERR_CONFIG, path, lineno, "no counties");
		goto out;
	}
	qsort(g->counties, g->ncounties, sizeof(*g->counties), cmp_county);
	for (i = 1; i < g->ncounties; i++)
		if (strcmp(g->counties[i - 1].fips, g->counties[i].fips) == 0) {
			int	 a = g->counties[i - 1].line;
			int	 b = g->counties[i].line;

			/* qsort leaves ties in any order: report the later */
			err_set(e, ERR_CONFIG, path, a > b ? a : b,
			    "county %s listed twice (also line %d)",
			    g->counties[i].fips, a < b ? a : b);
			goto out;
		}
	*out = g;
	g = NULL;
	rc = 0;
out:
	geo_gea_free(g);
	free(buf);
	return rc;
}

void
geo_gea_free(struct geo_gea *g)
{
	if (g == NULL)
		return;
	free(g->counties);
	free(g->names);
	free(g);
}

const char *
geo_gea_for_county(const struct geo_gea *g, const char *fips5)
{
	struct county	 key;
	const struct county *hit;

	for (int i = 0; i < 5; i++)
		if (fips5[i] < '0' || fips5[i] > '9')
			return NULL;
	if (fips5[5] != '\0')
		return NULL;
	memcpy(key.fips, fips5, 6);
	hit = bsearch(&key, g->counties, g->ncounties, sizeof(*g->counties),
	    cmp_county);
	return hit != NULL ? g->names[hit->gea] : NULL;
}

size_t
geo_gea_ncounties(const struct geo_gea *g)
{
	return g->ncounties;
}

size_t
geo_gea_ngeas(const struct geo_gea *g)
{
	return g->nnames;
}

const char *
geo_gea_name(const struct geo_gea *g, size_t i)
{
	assert(i < g->nnames);
	return g->names[i];
}
