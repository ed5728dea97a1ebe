/* EPA AVERT hourly marginal emission rates -> monthly and annual means,
 * from the hourly files (avert_load) or from the file of those means that
 * scripts/make-avert-monthly writes (avert_load_monthly, at run time).
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

#include "common/csv.h"
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

	if ((buf = csv_read_file(path, &len, e)) == NULL)
		return -1;
	cur = buf;
	end = buf + len;
	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
		cur += 3;	/* UTF-8 byte order mark */
	if ((line = csv_next_line(&cur, end)) == NULL) {
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
	while ((line = csv_next_line(&cur, end)) != NULL) {
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

/* One row of the monthly file. */
struct mrow {
	size_t	 region;
	int	 p;
	int	 month;		/* 1..12; 0 for the annual row */
	double	 mean;
	long	 hours;
};

/* The pollutant named "s" as in the hourly file names, or -1. */
static int
pollutant_find(const char *s, size_t n)
{
	static const char *const names[AVERT_NPOLLUTANTS] = { "CO2", "NOx",
	    "SO2", "PM25" };

	for (int p = 0; p < AVERT_NPOLLUTANTS; p++)
		if (strlen(names[p]) == n && memcmp(names[p], s, n) == 0)
			return p;
	return -1;
}

/* Parse one row "region,pollutant,month,mean,hours" into *row; the
 * region is added to a->codes when new. */
static int
monthly_row(struct avert *a, char *line, struct mrow *row, const char *path,
    int lineno, struct err *e)
{
	char	*f = line, *comma, *stop;
	size_t	 n, r;
	long	 month;

	if ((comma = strchr(f, ',')) == NULL || (n = (size_t)(comma - f)) == 0 ||
	    n >= CODE_MAX)
		return err_set(e, ERR_CONFIG, path, lineno, "expected region,"
		    "pollutant,month,mean_t_per_mwh,hours (a region code of 1 "
		    "to %d characters first)", CODE_MAX - 1);
	for (r = 0; r < a->nregions; r++)
		if (strlen(a->codes[r]) == n && memcmp(a->codes[r], f, n) == 0)
			break;
	if (r == a->nregions) {
		void	*p = realloc(a->codes, (r + 1) * sizeof(*a->codes));

		if (p == NULL)
			return err_set(e, ERR_NOMEM, path, lineno,
			    "out of memory");
		a->codes = p;
		memcpy(a->codes[r], f, n);
		a->codes[r][n] = '\0';
		a->nregions++;
	}
	row->region = r;
	f = comma + 1;
	if ((comma = strchr(f, ',')) == NULL ||
	    (row->p = pollutant_find(f, (size_t)(comma - f))) < 0)
		return err_set(e, ERR_CONFIG, path, lineno,
		    "pollutant must be CO2, NOx, SO2 or PM25");
	f = comma + 1;
	if (strncmp(f, "annual,", 7) == 0) {
		row->month = 0;
		f += 7;
	} else if (int_field(&f, &month) == -1 || month < 1 ||
	    month > NMONTHS || *f == '\0')
		return err_set(e, ERR_CONFIG, path, lineno,
		    "month must be 1..12 or annual");
	else
		row->month = (int)month;
	errno = 0;
	row->mean = strtod(f, &stop);
	if (stop == f || *stop != ',' || !isfinite(row->mean))
		return err_set(e, ERR_CONFIG, path, lineno,
		    "mean_t_per_mwh must be a finite number");
	f = stop + 1;
	if (int_field(&f, &row->hours) == -1 || *f != '\0' || row->hours < 1 ||
	    row->hours > NHOURS ||
	    (row->month == 0) != (row->hours == NHOURS))
		return err_set(e, ERR_CONFIG, path, lineno, "hours must be the "
		    "hours of the month (%d for the annual row)", NHOURS);
	return 0;
}

int
avert_load_monthly(const char *path, struct avert **out, struct err *e)
{
	static const char header[] = "region,pollutant,month,mean_t_per_mwh,hours";
	struct avert	*a;
	struct mrow	*rows = NULL, *np;
	char		*buf, *cur, *end, *line;
	unsigned char	*seen = NULL;
	size_t		 len, nrows = 0, cap = 0, i, nr, sum = 0;
	int		 lineno = 1, rc = -1;

	*out = NULL;
	if ((a = calloc(1, sizeof(*a))) == NULL)
		return err_set(e, ERR_NOMEM, path, 0, "out of memory");
	if ((buf = csv_read_file(path, &len, e)) == NULL) {
		free(a);
		return -1;
	}
	cur = buf;
	end = buf + len;
	if ((line = csv_next_line(&cur, end)) == NULL || strcmp(line, header) != 0) {
		err_set(e, ERR_CONFIG, path, 1, "header must be %s", header);
		goto out;
	}
	while ((line = csv_next_line(&cur, end)) != NULL) {
		lineno++;
		if (line[0] == '\0' && cur >= end)
			break;		/* blank last line */
		if (nrows == cap) {
			cap = cap ? 2 * cap : 1024;
			if ((np = realloc(rows, cap * sizeof(*rows))) == NULL) {
				err_set(e, ERR_NOMEM, path, lineno,
				    "out of memory");
				goto out;
			}
			rows = np;
		}
		if (monthly_row(a, line, &rows[nrows], path, lineno, e) == -1)
			goto out;
		nrows++;
	}
	nr = a->nregions;
	if (nr == 0) {
		err_set(e, ERR_CONFIG, path, lineno, "no rows");
		goto out;
	}
	a->month_mean = calloc(AVERT_NPOLLUTANTS * nr * NMONTHS,
	    sizeof(*a->month_mean));
	a->annual_mean = calloc(AVERT_NPOLLUTANTS * nr,
	    sizeof(*a->annual_mean));
	seen = calloc(AVERT_NPOLLUTANTS * nr * (NMONTHS + 1), 1);
	if (a->month_mean == NULL || a->annual_mean == NULL || seen == NULL) {
		err_set(e, ERR_NOMEM, path, 0, "out of memory");
		goto out;
	}
	for (i = 0; i < nrows; i++) {
		const struct mrow *w = &rows[i];
		size_t	 k = ((size_t)w->p * nr + w->region) * (NMONTHS + 1) +
			    (size_t)w->month;

		if (seen[k]++) {
			err_set(e, ERR_CONFIG, path, (int)i + 2, "%s %s month "
			    "%d given twice", a->codes[w->region],
			    file_names[w->p], w->month);
			goto out;
		}
		if (w->month == 0) {
			a->annual_mean[(size_t)w->p * nr + w->region] = w->mean;
			continue;
		}
		if (a->month_hours[w->month - 1] == 0)
			a->month_hours[w->month - 1] = (size_t)w->hours;
		else if (a->month_hours[w->month - 1] != (size_t)w->hours) {
			err_set(e, ERR_CONFIG, path, (int)i + 2, "month %d has "
			    "%ld hours here, %zu above", w->month, w->hours,
			    a->month_hours[w->month - 1]);
			goto out;
		}
		a->month_mean[((size_t)w->p * nr + w->region) * NMONTHS +
		    (size_t)(w->month - 1)] = w->mean;
	}
	if (nrows != AVERT_NPOLLUTANTS * nr * (NMONTHS + 1)) {
		err_set(e, ERR_CONFIG, path, 0, "%zu rows; %d pollutants x %zu "
		    "regions x (12 months + annual) make %zu", nrows,
		    AVERT_NPOLLUTANTS, nr, AVERT_NPOLLUTANTS * nr * (NMONTHS + 1));
		goto out;
	}
	for (int m = 0; m < NMONTHS; m++)
		sum += a->month_hours[m];
	if (sum != NHOURS) {
		err_set(e, ERR_CONFIG, path, 0, "the months have %zu hours, not "
		    "%d", sum, NHOURS);
		goto out;
	}
	rc = 0;
out:
	free(seen);
	free(rows);
	free(buf);
	if (rc == 0)
		*out = a;
	else
		avert_free(a);
	return rc;
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
