/* Running scenarios on every core: rounds of fixed blocks, rows written in
 * scenario order, statistics merged in block order. */
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "common/err.h"
#include "batch/internal.h"

#define BLOCK	4096		/* scenarios per block, fixed: results do not
				 * depend on the thread count */
/* a row: id, quoted name (<= 2 x 127 + 2), 14 characters a number */
#define ROW_MAX	(24 + 260 + 16 * (SWEEP_MAX_VARY + 40))

static volatile sig_atomic_t stop_flag;

static void
on_signal(int sig)
{
	(void)sig;
	stop_flag = 1;
}

static double
now_s(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static const double pow10_tab[] = {
	1e-22, 1e-21, 1e-20, 1e-19, 1e-18, 1e-17, 1e-16, 1e-15, 1e-14, 1e-13,
	1e-12, 1e-11, 1e-10, 1e-9, 1e-8, 1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2,
	1e-1, 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
	1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22
};

static double
pow10i(int k)
{
	return k >= -22 && k <= 22 ? pow10_tab[k + 22] : pow(10.0, k);
}

int
batch_fmt(double v, char *p)
{
	char		*s = p, d[6];
	uint64_t	 m;
	int		 e, nd, i;

	if (!isfinite(v))
		return 0;
	if (v == 0.0) {
		*p = '0';
		return 1;
	}
	if (v < 0.0) {
		*p++ = '-';
		v = -v;
	}
	e = (int)floor(log10(v));
	m = (uint64_t)llround(v * pow10i(5 - e));
	if (m >= 1000000) {
		m = (m + 5) / 10;
		e++;
	} else if (m < 100000) {
		m = (uint64_t)llround(v * pow10i(6 - e));
		e--;
	}
	for (i = 5; i >= 0; i--, m /= 10)
		d[i] = (char)('0' + m % 10);
	for (nd = 6; nd > 1 && d[nd - 1] == '0'; nd--)
		;
	if (e >= -5 && e < 15) {
		if (e < 0) {
			*p++ = '0';
			*p++ = '.';
			for (i = -1; i > e; i--)
				*p++ = '0';
			for (i = 0; i < nd; i++)
				*p++ = d[i];
		} else {
			for (i = 0; i <= e; i++)
				*p++ = i < nd ? d[i] : '0';
			if (nd > e + 1) {
				*p++ = '.';
				for (i = e + 1; i < nd; i++)
					*p++ = d[i];
			}
		}
	} else {
		*p++ = d[0];
		if (nd > 1) {
			*p++ = '.';
			for (i = 1; i < nd; i++)
				*p++ = d[i];
		}
		p += sprintf(p, "e%+03d", e);
	}
	return (int)(p - s);
}

static int
fmt_u64(uint64_t v, char *p)
{
	char	 t[24];
	int	 n = 0, i;

	do {
		t[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v > 0);
	for (i = 0; i < n; i++)
		p[i] = t[n - 1 - i];
	return n;
}

struct worker {
	pthread_t		 tid;
	const struct batch	*b;
	const struct batch_run_opts *o;
	const char *const	*names;		/* CSV-quoted site names */
	struct batch_stats	*stats;
	double			*bsum;		/* this block's sums */
	char			*buf;
	size_t			 len;
	uint64_t		 b0, b1;
	pthread_barrier_t	*go, *done;
	int			 quit;
};

static void
run_block(struct worker *w)
{
	const struct batch *b = w->b;
	struct emis_result r;
	double		 varied[SWEEP_MAX_VARY];
	size_t		 site, k, m;
	uint64_t	 id;
	char		*p;

	w->len = 0;
	memset(w->bsum, 0, b->nsites * emis_nmetrics * sizeof(double));
	for (id = w->b0; id < w->b1; id++) {
		batch_eval(b, id, &site, varied, &r);
		stats_add(w->stats, site, &r, w->bsum);
		if (!w->o->rows)
			continue;
		p = w->buf + w->len;
		p += fmt_u64(id, p);
		*p++ = ',';
		k = strlen(w->names[site]);
		memcpy(p, w->names[site], k);
		p += k;
		for (k = 0; k < b->nvary; k++) {
			*p++ = ',';
			p += batch_fmt(varied[k], p);
		}
		for (m = 0; m < emis_nmetrics; m++) {
			*p++ = ',';
			p += batch_fmt(emis_metric_value(&emis_metrics[m], &r), p);
		}
		*p++ = '\n';
		w->len = (size_t)(p - w->buf);
	}
}

static void *
worker_main(void *arg)
{
	struct worker	*w = arg;

	for (;;) {
		pthread_barrier_wait(w->go);
		if (w->quit)
			break;
		run_block(w);
		pthread_barrier_wait(w->done);
	}
	return NULL;
}

static void
progress(const struct batch_run_opts *o, uint64_t done, double t0, int final)
{
	double	 el = now_s() - t0, rate = el > 0 ? (double)(done - o->start) / el : 0;
	double	 frac = o->end > o->start ? (double)(done - o->start) /
	    (double)(o->end - o->start) : 1.0;
	char	 bar[31];
	int	 i, fill = (int)(frac * 30);

	for (i = 0; i < 30; i++)
		bar[i] = i < fill ? '#' : '.';
	bar[30] = '\0';
	fprintf(stderr, "\r[%s] %llu/%llu scenarios  %.3g/s  ETA %.0f s   %s",
	    bar, (unsigned long long)(done - o->start),
	    (unsigned long long)(o->end - o->start), rate,
	    rate > 0 ? (double)(o->end - done) / rate : 0.0, final ? "\n" : "");
}

/* Pilot: the first scenarios of each site set the histogram ranges. */
static int
pilot(const struct batch *b, const struct batch_run_opts *o,
    struct batch_stats *pil)
{
	struct emis_result r;
	double		 varied[SWEEP_MAX_VARY], *sums;
	size_t		 s, site;
	uint64_t	 id, a, z;

	if ((sums = calloc(b->nsites * emis_nmetrics, sizeof(double))) == NULL)
		return -1;

	for (s = 0; s < b->nsites; s++) {
		a = s * b->per_site;
		z = a + (b->per_site < PILOT_PER_SITE ? b->per_site : PILOT_PER_SITE);
		a = a > o->start ? a : o->start;
		z = z < o->end ? z : o->end;
		for (id = a; id < z; id++) {
			batch_eval(b, id, &site, varied, &r);
			stats_add(pil, site, &r, sums);
		}
	}
	free(sums);
	return 0;
}

static char *
csv_quote(const char *s)
{
	size_t	 n = strlen(s), i, j;
	char	*q = malloc(2 * n + 3);

	if (q == NULL)
		return NULL;
	q[0] = '"';
	for (i = 0, j = 1; i < n; i++) {
		if (s[i] == '"')
			q[j++] = '"';
		q[j++] = s[i];
	}
	q[j++] = '"';
	q[j] = '\0';
	return q;
}

int
batch_run(const struct batch *b, const struct batch_run_opts *o,
    struct batch_result *res, struct err *e)
{
	struct worker	*w = NULL;
	struct batch_stats *pil = NULL;
	pthread_barrier_t go, done;
	struct sigaction sa, old_int, old_term;
	char		*names[SWEEP_MAX_SITES] = { 0 };
	double		*sums = NULL, t0 = now_s(), last = 0.0;
	uint64_t	 next = o->start;
	size_t		 i, k;
	int		 T = o->threads < 1 ? 1 : o->threads, t, rc = -1, started = 0;

	memset(res, 0, sizeof(*res));
	res->done_until = o->start;
	if ((w = calloc((size_t)T, sizeof(*w))) == NULL ||
	    (sums = calloc(b->nsites * emis_nmetrics, sizeof(double))) == NULL ||
	    (res->stats = stats_new(b->nsites)) == NULL ||
	    (pil = stats_new(b->nsites)) == NULL) {
		err_set(e, ERR_NOMEM, NULL, 0, "out of memory");
		goto out;
	}
	for (i = 0; i < b->nsites; i++)
		if ((names[i] = csv_quote(b->sites[i].site->name)) == NULL) {
			err_set(e, ERR_NOMEM, NULL, 0, "out of memory");
			goto out;
		}
	if (pilot(b, o, pil) == -1) {
		err_set(e, ERR_NOMEM, NULL, 0, "out of memory");
		goto out;
	}
	stats_range(res->stats, pil);
	for (t = 0; t < T; t++) {
		w[t].b = b;
		w[t].o = o;
		w[t].names = (const char *const *)names;
		w[t].go = &go;
		w[t].done = &done;
		if ((w[t].stats = stats_new(b->nsites)) == NULL ||
		    (w[t].bsum = calloc(b->nsites * emis_nmetrics, sizeof(double))) == NULL ||
		    (o->rows && (w[t].buf = malloc((size_t)BLOCK * ROW_MAX)) == NULL)) {
			err_set(e, ERR_NOMEM, NULL, 0, "out of memory");
			goto out;
		}
		stats_range(w[t].stats, pil);
	}
	if (o->header && o->rows) {
		fputs("scenario,site", o->out);
		for (k = 0; k < b->nvary; k++)
			fprintf(o->out, ",%s", b->vary[k].path);
		for (k = 0; k < emis_nmetrics; k++)
			fprintf(o->out, ",%s", emis_metrics[k].key);
		fputc('\n', o->out);
	}
	pthread_barrier_init(&go, NULL, (unsigned)T);
	pthread_barrier_init(&done, NULL, (unsigned)T);
	for (t = 1; t < T; t++)
		if (pthread_create(&w[t].tid, NULL, worker_main, &w[t]) != 0) {
			/* the threads started wait at the barrier for ever; the
			 * process ends with this error */
			err_set(e, ERR_NOMEM, NULL, 0, "cannot start %d threads", T);
			goto out;
		}
	started = T;
	stop_flag = 0;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, &old_int);
	sigaction(SIGTERM, &sa, &old_term);
	rc = 0;
	while (next < o->end && !stop_flag && rc == 0) {
		for (t = 0; t < T; t++) {
			w[t].b0 = next + (uint64_t)t * BLOCK;
			w[t].b1 = w[t].b0 + BLOCK;
			if (w[t].b0 > o->end)
				w[t].b0 = o->end;
			if (w[t].b1 > o->end)
				w[t].b1 = o->end;
		}
		pthread_barrier_wait(&go);
		run_block(&w[0]);		/* an empty block clears its buffers */
		pthread_barrier_wait(&done);
		for (t = 0; t < T && rc == 0; t++) {
			if (o->rows && w[t].len > 0 &&
			    fwrite(w[t].buf, 1, w[t].len, o->out) != w[t].len)
				rc = err_set(e, ERR_IO, o->out_name, 0, "cannot write: %s",
				    strerror(errno));
			for (k = 0; k < b->nsites * emis_nmetrics; k++)
				sums[k] += w[t].bsum[k];
		}
		next = w[T - 1].b1;
		if (rc == 0)
			res->done_until = next;
		if (o->progress && now_s() - last > 0.2) {
			progress(o, next, t0, 0);
			last = now_s();
		}
	}
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGTERM, &old_term, NULL);
	res->interrupted = stop_flag && next < o->end;
	if (o->progress)
		progress(o, res->done_until, t0, 1);
	for (t = 1; t < T; t++)
		w[t].quit = 1;
	if (started > 1) {
		pthread_barrier_wait(&go);
		for (t = 1; t < started; t++)
			pthread_join(w[t].tid, NULL);
	}
	pthread_barrier_destroy(&go);
	pthread_barrier_destroy(&done);
	for (t = 0; t < started; t++)
		stats_merge(res->stats, w[t].stats);
	/* means from sums added in block order */
	for (k = 0; k < b->nsites * emis_nmetrics; k++)
		res->stats->h[k].sum = sums[k];
	res->seconds = now_s() - t0;
out:
	for (t = 0; w != NULL && t < T; t++) {
		if (t > 0 && started == 0 && w[t].tid != 0)
			continue;	/* blocked in the barrier: keep its memory */
		batch_stats_free(w[t].stats);
		free(w[t].bsum);
		free(w[t].buf);
	}
	for (i = 0; i < b->nsites; i++)
		free(names[i]);
	free(w);
	free(sums);
	batch_stats_free(pil);
	if (rc == -1) {
		batch_stats_free(res->stats);
		res->stats = NULL;
	}
	return rc;
}
