/* EPA AVERT hourly marginal emission rates -> monthly and annual means.
 *
 * The rates are lb per kWh of load change; we keep metric tonnes per MWh:
 * 1 lb/kWh = 0.45359237 kg/kWh (UNIT_KG_PER_LB, exact since 1959)
 *          = 0.45359237 t/MWh (kg/kWh and t/MWh are the same ratio, both
 *            numerator and denominator scale by 1000). */
#include <assert.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "common/units.h"
#include "emissions/avert.h"

#define NHOURS		8760		/* 2023, no leap day */
#define NMONTHS		12
#define CODE_MAX	32

static const char *const file_names[AVERT_NPOLLUTANTS] = {
	"AVERT_2023_CO2_lb_per_kwh.csv",
	"AVERT_2023_NOx_lb_per_kwh.csv",
	"AVERT_2023_SO2_lb_per_kwh.csv",
	"AVERT_2023_PM25_lb_per_kwh.csv",
};

struct avert {
	size_t	  nregions;
	char	(*codes)[CODE_MAX];
	size_t	  month_hours[NMONTHS];
	double	 *month_mean;	/* [p][region][month], t/MWh */
	double	 *annual_mean;	/* [p][region], t/MWh */
};

/* Read all of "path" into a NUL-terminated buffer (caller frees). */
static char *
slurp(const char *path, size_t *len, struct err *e)
{
	FILE	*f;
	char	*buf = NULL, *nbuf;
	size_t	 cap = 0, n = 0, got;

	if ((f = fopen(path, "rb")) == NULL) {
		err_set(e, ERR_IO, path, 0, "cannot open: %s", strerror(errno));
		return NULL;
	}
	for (;;) {
		if (cap - n < 65536) {
			cap = cap == 0 ? 1 << 20 : cap * 2;
			if ((nbuf = realloc(buf, cap + 1)) == NULL) {
				err_set(e, ERR_NOMEM, path, 0, "out of memory");
				goto fail;
			}
			buf = nbuf;
		}
		got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		err_set(e, ERR_IO, path, 0, "read error");
		goto fail;
	}
	fclose(f);
	buf[n] = '\0';
	*len = n;
	return buf;
fail:
	fclose(f);
	free(buf);
	return NULL;
}

/* Cut the next line out of *pp (in place: its '\r'/'\n' becomes '\0') and
 * return it, or NULL at the end of the buffer. */
static char *
next_line(char **pp, char *end)
{
	char	*line = *pp, *nl;
	size_t	 len;

	if (line >= end)
		return NULL;
	nl = memchr(line, '\n', (size_t)(end - line));
	if (nl == NULL)
		nl = end;
	*pp = nl < end ? nl + 1 : end;
	len = (size_t)(nl - line);
	if (len > 0 && line[len - 1] == '\r')
		len--;
	line[len] = '\0';
	return line;
}

/* Parse a whole integer field at *pp; advance past it and its comma. */
static int
int_field(char **pp, long *v)
{
	char	*end;

	errno = 0;
	*v = strtol(*pp, &end, 10);
	if (end == *pp || errno != 0 || (*end != ',' && *end != '\0'))
		return -1;
	*pp = *end == ',' ? end + 1 : end;
	return 0;
}

static int
parse_header(struct avert *a, char *line, int first, const char *path,
    struct err *e)
{
	size_t	 i = 0, n;
	char	*field, *comma;

	if (strncmp(line, "Month,Timestamp,", 16) != 0)
		return err_set(e, ERR_CONFIG, path, 1,
		    "header must start with Month,Timestamp, (got \"%.40s\")",
		    line);
	for (field = line + 16; ; field = comma + 1, i++) {
		comma = strchr(field, ',');
		n = comma != NULL ? (size_t)(comma - field) : strlen(field);
		if (n == 0 || n >= CODE_MAX)
			return err_set(e, ERR_CONFIG, path, 1,
			    "region code %zu is empty or longer than %d "
			    "characters", i + 1, CODE_MAX - 1);
		if (first) {
			void	*p = realloc(a->codes, (i + 1) * sizeof(*a->codes));

			if (p == NULL)
				return err_set(e, ERR_NOMEM, path, 1,
				    "out of memory");
			a->codes = p;
			memcpy(a->codes[i], field, n);
			a->codes[i][n] = '\0';
			for (size_t j = 0; j < i; j++)
				if (strcmp(a->codes[j], a->codes[i]) == 0)
					return err_set(e, ERR_CONFIG, path, 1,
					    "region %s appears twice",
					    a->codes[i]);
		} else if (i >= a->nregions || strlen(a->codes[i]) != n ||
		    memcmp(a->codes[i], field, n) != 0)
			return err_set(e, ERR_CONFIG, path, 1,
			    "regions differ from %s (column %zu)",
			    file_names[0], i + 3);
		if (comma == NULL)
			break;
	}
	i++;
	if (first)
		a->nregions = i;
	else if (i != a->nregions)
		return err_set(e, ERR_CONFIG, path, 1,
		    "%zu regions, %s has %zu", i, file_names[0], a->nregions);
	return 0;
}

/* One file: pollutant "p" from "path"; the first file sets the regions. */
static int
load_file(struct avert *a, enum avert_pollutant p, const char *path,
    struct err *e)
{
	char	*buf, *cur, *end, *line, *f, *stop;
	size_t	 len, nr, r, hours[NMONTHS] = { 0 }, row = 0;
	double	*msum = NULL, *asum = NULL, v;
	long	 month, ts, prev_month = 1;
	int	 lineno = 1, rc = -1;

	if ((buf = slurp(path, &len, e)) == NULL)
		return -1;
	cur = buf;
	end = buf + len;
	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
		cur += 3;	/* UTF-8 byte order mark */
	if ((line = next_line(&cur, end)) == NULL) {
		err_set(e, ERR_CONFIG, path, 1, "empty file");
		goto out;
	}
	if (parse_header(a, line, p == 0, path, e) == -1)
		goto out;
	nr = a->nregions;
	msum = calloc(NMONTHS * nr, sizeof(*msum));
	asum = calloc(nr, sizeof(*asum));
	if (msum == NULL || asum == NULL) {
		err_set(e, ERR_NOMEM, path, 0, "out of memory");
		goto out;
	}
	while ((line = next_line(&cur, end)) != NULL) {
		lineno++;
		if (line[0] == '\0' && cur >= end)
			break;		/* blank last line */
		f = line;
		if (int_field(&f, &month) == -1 || month < prev_month ||
		    month > NMONTHS) {
			err_set(e, ERR_CONFIG, path, lineno,
			    "Month must be an integer 1..12, not decreasing");
			goto out;
		}
		if (int_field(&f, &ts) == -1 || ts != (long)row) {
			err_set(e, ERR_CONFIG, path, lineno,
			    "Timestamp must be %zu (hours in order from 0)",
			    row);
			goto out;
		}
		if (row >= NHOURS) {
			err_set(e, ERR_CONFIG, path, lineno,
			    "more than %d hourly rows", NHOURS);
			goto out;
		}
		for (r = 0; r < nr; r++) {
			v = strtod(f, &stop);
			if (stop == f || (*stop != ',' && *stop != '\0') ||
			    (*stop == ',') != (r + 1 < nr)) {
				err_set(e, ERR_CONFIG, path, lineno,
				    "malformed row: expected %zu numbers, "
				    "problem at region %s", nr, a->codes[r]);
				goto out;
			}
			if (!isfinite(v)) {
				err_set(e, ERR_CONFIG, path, lineno,
				    "non-finite value for region %s",
				    a->codes[r]);
				goto out;
			}
			msum[(size_t)(month - 1) * nr + r] += v;
			asum[r] += v;
			f = *stop == ',' ? stop + 1 : stop;
		}
		hours[month - 1]++;
		prev_month = month;
		row++;
	}
	if (row != NHOURS) {
		err_set(e, ERR_CONFIG, path, lineno,
		    "expected %d hourly rows, found %zu", NHOURS, row);
		goto out;
	}
	for (int m = 0; m < NMONTHS; m++) {
		if (hours[m] == 0) {
			err_set(e, ERR_CONFIG, path, 0, "no hours for month %d",
			    m + 1);
			goto out;
		}
		if (p != 0 && hours[m] != a->month_hours[m]) {
			err_set(e, ERR_CONFIG, path, 0,
			    "month %d has %zu hours, %s has %zu", m + 1,
			    hours[m], file_names[0], a->month_hours[m]);
			goto out;
		}
		a->month_hours[m] = hours[m];
	}
	if (p == 0) {
		a->month_mean = calloc(AVERT_NPOLLUTANTS * nr * NMONTHS,
		    sizeof(*a->month_mean));
		a->annual_mean = calloc(AVERT_NPOLLUTANTS * nr,
		    sizeof(*a->annual_mean));
		if (a->month_mean == NULL || a->annual_mean == NULL) {
			err_set(e, ERR_NOMEM, path, 0, "out of memory");
			goto out;
		}
	}
	/* lb/kWh x 0.45359237 = t/MWh (see the top of this file) */
	for (r = 0; r < nr; r++) {
		for (int m = 0; m < NMONTHS; m++)
			a->month_mean[((size_t)p * nr + r) * NMONTHS + (size_t)m] =
			    msum[(size_t)m * nr + r] / (double)hours[m] *
			    UNIT_KG_PER_LB;
		a->annual_mean[(size_t)p * nr + r] =
		    asum[r] / (double)NHOURS * UNIT_KG_PER_LB;
	}
	rc = 0;
out:
	free(msum);
	free(asum);
	free(buf);
	return rc;
}

int
avert_load(const char *dir, struct avert **out, struct err *e)
{
	struct avert	*a;
	char		 path[4096];
	int		 p;

	*out = NULL;
	if ((a = calloc(1, sizeof(*a))) == NULL)
		return err_set(e, ERR_NOMEM, dir, 0, "out of memory");
	for (p = 0; p < AVERT_NPOLLUTANTS; p++) {
		if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir,
		    file_names[p]) >= sizeof(path)) {
			avert_free(a);
			return err_set(e, ERR_IO, dir, 0, "path too long");
		}
		if (load_file(a, (enum avert_pollutant)p, path, e) == -1) {
			avert_free(a);
			return -1;
		}
	}
	*out = a;
	return 0;
}

void
avert_free(struct avert *a)
{
	if (a == NULL)
		return;
	free(a->codes);
	free(a->month_mean);
	free(a->annual_mean);
	free(a);
}

size_t
avert_nregions(const struct avert *a)
{
	return a->nregions;
}

const char *
avert_region_code(const struct avert *a, size_t i)
{
	assert(i < a->nregions);
	return a->codes[i];
}

int
avert_region_find(const struct avert *a, const char *code)
{
	for (size_t i = 0; i < a->nregions; i++)
		if (strcmp(a->codes[i], code) == 0)
			return (int)i;
	return -1;
}

size_t
avert_month_hours(const struct avert *a, int month)
{
	assert(month >= 1 && month <= NMONTHS);
	return a->month_hours[month - 1];
}

double
avert_month_mean_t_per_mwh(const struct avert *a, int region,
    enum avert_pollutant p, int month)
{
	assert(region >= 0 && (size_t)region < a->nregions);
	assert(p >= 0 && p < AVERT_NPOLLUTANTS);
	assert(month >= 1 && month <= NMONTHS);
	return a->month_mean[((size_t)p * a->nregions + (size_t)region) *
	    NMONTHS + (size_t)(month - 1)];
}

double
avert_annual_mean_t_per_mwh(const struct avert *a, int region,
    enum avert_pollutant p)
{
	assert(region >= 0 && (size_t)region < a->nregions);
	assert(p >= 0 && p < AVERT_NPOLLUTANTS);
	return a->annual_mean[(size_t)p * a->nregions + (size_t)region];
}

/*
 * Why a flat load gives the 8,760-hour mean exactly. Let x_h be the hourly
 * rates, H_m the n_m hours of month m (sum_m n_m = 8760) and
 * mean_m = (1/n_m) sum_{h in H_m} x_h. A load of constant power P has month
 * energies E_m = P n_m, so
 *   sum_m E_m mean_m / sum_m E_m
 *     = sum_m P n_m (1/n_m) sum_{h in H_m} x_h / (P sum_m n_m)
 *     = sum_h x_h / 8760,
 * the annual mean. "Flat" means equal energy per *hour*, not per month:
 * twelve equal E_m would overweight February's 672 hours against the 744 of
 * a 31-day month. Within a month the site's hourly shape is assumed flat
 * (the hourly correlation between load and rate is dropped); with floating
 * point the identity holds to rounding (test_gridbases.c checks 1e-12).
 */
double
avert_rate_t_per_mwh(const struct avert *a, int region,
    enum avert_pollutant p, const double energy_mwh[12])
{
	double	 num = 0.0, den = 0.0;

	for (int m = 1; m <= NMONTHS; m++) {
		assert(energy_mwh[m - 1] >= 0.0);
		num += energy_mwh[m - 1] *
		    avert_month_mean_t_per_mwh(a, region, p, m);
		den += energy_mwh[m - 1];
	}
	if (!(den > 0.0))
		return avert_annual_mean_t_per_mwh(a, region, p);
	return num / den;
}
