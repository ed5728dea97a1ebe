/* Streaming quantiles: a histogram per site and metric over a range set by
 * a pilot run. Histograms merge by adding counts, so the result does not
 * depend on the number of threads. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch/internal.h"

struct batch_stats *
stats_new(size_t nsites)
{
	struct batch_stats *s = calloc(1, sizeof(*s));

	if (s == NULL)
		return NULL;
	s->nsites = nsites;
	s->h = calloc(nsites * emis_nmetrics, sizeof(*s->h));
	if (s->h == NULL) {
		free(s);
		return NULL;
	}
	return s;
}

void
batch_stats_free(struct batch_stats *s)
{
	if (s == NULL)
		return;
	free(s->h);
	free(s);
}

void
stats_range(struct batch_stats *s, const struct batch_stats *pilot)
{
	size_t	 i;

	for (i = 0; i < s->nsites * emis_nmetrics; i++) {
		const struct hist *p = &pilot->h[i];
		struct hist *h = &s->h[i];
		double	 span = p->n > 0 ? p->max - p->min : 0.0;
		double	 pad = span > 0.0 ? 0.5 * span : fmax(fabs(p->min) * 0.01, 1e-9);

		if (p->n == 0) {
			h->lo = 0.0;
			h->hi = 1.0;
			h->per_unit = HIST_BINS;
			continue;
		}
		h->lo = p->min - pad;
		h->hi = p->max + pad;
		h->per_unit = HIST_BINS / (h->hi - h->lo);
	}
}

void
stats_add(struct batch_stats *s, size_t site, const struct emis_result *r,
    double *sums)
{
	struct hist	*h = &s->h[site * emis_nmetrics];
	size_t		 m;
	double		 v, x;

	sums += site * emis_nmetrics;
	for (m = 0; m < emis_nmetrics; m++, h++) {
		v = emis_metric_value(&emis_metrics[m], r);
		if (!isfinite(v))
			continue;
		sums[m] += v;
		if (h->n == 0 || v < h->min)
			h->min = v;
		if (h->n == 0 || v > h->max)
			h->max = v;
		h->n++;
		x = (v - h->lo) * h->per_unit;
		if (x < 0.0)
			h->under++;
		else if (x >= HIST_BINS)
			h->over++;
		else
			h->bins[(long)x]++;
	}
}

/* Add "b" into "a": counts, extremes; sums in the caller's (fixed) order. */
void
stats_merge(struct batch_stats *a, const struct batch_stats *b)
{
	size_t	 i;
	int	 k;

	for (i = 0; i < a->nsites * emis_nmetrics; i++) {
		struct hist *x = &a->h[i];
		const struct hist *y = &b->h[i];

		if (y->n == 0)
			continue;
		if (x->n == 0 || y->min < x->min)
			x->min = y->min;
		if (x->n == 0 || y->max > x->max)
			x->max = y->max;
		x->n += y->n;
		x->sum += y->sum;
		x->under += y->under;
		x->over += y->over;
		for (k = 0; k < HIST_BINS; k++)
			x->bins[k] += y->bins[k];
	}
}

void
stats_clear_counts(struct batch_stats *s)
{
	size_t	 i;

	for (i = 0; i < s->nsites * emis_nmetrics; i++) {
		double	 lo = s->h[i].lo, hi = s->h[i].hi;

		double	 pu = s->h[i].per_unit;

		memset(&s->h[i], 0, sizeof(s->h[i]));
		s->h[i].lo = lo;
		s->h[i].hi = hi;
		s->h[i].per_unit = pu;
	}
}

/* The value below which a share "p" of the counts lies, interpolated
 * linearly inside its bin; clamped to the observed extremes. */
static double
quantile(const struct hist *h, double p)
{
	double	 target = p * (double)h->n, cum = (double)h->under, w;
	int	 k;

	if (h->n == 0)
		return NAN;
	if (target <= cum || !(h->hi > h->lo))
		return h->min;
	w = (h->hi - h->lo) / HIST_BINS;
	for (k = 0; k < HIST_BINS; k++) {
		if (cum + (double)h->bins[k] >= target && h->bins[k] > 0)
			return fmin(fmax(h->lo + w * (k + (target - cum) /
			    (double)h->bins[k]), h->min), h->max);
		cum += (double)h->bins[k];
	}
	return h->max;
}

void
batch_stats_get(const struct batch_stats *s, size_t site, size_t m,
    struct batch_quant *q)
{
	const struct hist *h = &s->h[site * emis_nmetrics + m];

	q->n = h->n;
	q->mean = h->n > 0 ? h->sum / (double)h->n : (double)NAN;
	q->min = h->n > 0 ? h->min : (double)NAN;
	q->max = h->n > 0 ? h->max : (double)NAN;
	q->p5 = quantile(h, 0.05);
	q->p50 = quantile(h, 0.50);
	q->p95 = quantile(h, 0.95);
}

void
batch_summary_write(FILE *fp, int json, const struct batch *b,
    const struct batch_stats *s)
{
	struct batch_quant q;
	size_t	 i, m;
	char	 v[6][40];
	int	 k;

	if (json)
		fputs("[\n", fp);
	else
		fputs("site,metric,n,mean,p5,p50,p95,min,max\n", fp);
	for (i = 0; i < b->nsites; i++)
		for (m = 0; m < emis_nmetrics; m++) {
			batch_stats_get(s, i, m, &q);
			{
				double	 x[6] = { q.mean, q.p5, q.p50, q.p95, q.min, q.max };

				for (k = 0; k < 6; k++) {
					int	 len = batch_fmt(x[k], v[k]);

					if (len == 0 && json)
						len = snprintf(v[k], sizeof(v[k]), "null");
					v[k][len] = '\0';
				}
			}
			if (json)
				fprintf(fp, "  {\"site\": \"%s\", \"metric\": \"%s\", \"n\": "
				    "%llu, \"mean\": %s, \"p5\": %s, \"p50\": %s, \"p95\": %s, "
				    "\"min\": %s, \"max\": %s}%s\n", b->sites[i].site->name,
				    emis_metrics[m].key, (unsigned long long)q.n, v[0], v[1],
				    v[2], v[3], v[4], v[5], i + 1 == b->nsites &&
				    m + 1 == emis_nmetrics ? "" : ",");
			else
				fprintf(fp, "\"%s\",%s,%llu,%s,%s,%s,%s,%s,%s\n",
				    b->sites[i].site->name, emis_metrics[m].key,
				    (unsigned long long)q.n, v[0], v[1], v[2], v[3], v[4], v[5]);
		}
	if (json)
		fputs("]\n", fp);
}
