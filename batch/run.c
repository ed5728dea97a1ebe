/* Running scenarios on every core: fixed blocks taken by workers as they
 * go, rows written in scenario order, statistics merged in block order. */
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

/* floor(log10(v)) for v > 0: from the binary exponent (log10 2 is about
 * 78913 / 2^18), corrected by one table comparison; log10() outside
 * the table. */
static int
exp10_of(double v)
{
	uint64_t bits;
	int	 e2, e;

	if (!(v >= 1e-21 && v < 1e21))
		return (int)floor(log10(v));
	memcpy(&bits, &v, sizeof(bits));
	e2 = (int)((bits >> 52) & 0x7ff) - 1023;
	e = (e2 * 78913) >> 18;		/* floor(e2 log10 2), e2 may be < 0 */
	if (v >= pow10_tab[e + 1 + 22])
		e++;
	else if (v < pow10_tab[e + 22])
		e--;
	return e;
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
	e = exp10_of(v);
	m = (uint64_t)(v * pow10i(5 - e) + 0.5);	/* six digits */
	if (m >= 1000000) {
		m = (m + 5) / 10;
		e++;
	} else if (m < 100000) {
		m = (uint64_t)(v * pow10i(6 - e) + 0.5);
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

/* A finished block waiting to be written: rows and sums. */
struct slot {
	uint64_t	 block;
	int		 full;
	char		*buf;
	size_t		 len;
	double		*bsum;		/* the block's sums per site and metric */
};

/* Workers take blocks in order; the writer writes them in order. A worker
 * may run at most "nslots" blocks ahead of the writer, so memory is fixed. */
struct queue {
	pthread_mutex_t	 mu;
	pthread_cond_t	 cv;
	uint64_t	 next, written, nblocks;
	int		 stop;
	struct slot	*slots;
	uint64_t	 nslots;
};

struct worker {
	pthread_t		 tid;
	int			 started;
	const struct batch	*b;
	const struct batch_run_opts *o;
	const char *const	*names;		/* CSV-quoted site names */
	struct batch_stats	*stats;
	struct queue		*q;
};

static void
run_block(struct worker *w, uint64_t block, struct slot *sl)
{
	const struct batch *b = w->b;
	struct emis_result r;
	double		 varied[SWEEP_MAX_VARY];
	size_t		 site, k, m;
	uint64_t	 id, b0 = w->o->start + block * BLOCK, b1 = b0 + BLOCK;
	char		*p;

	if (b1 > w->o->end)
		b1 = w->o->end;
	sl->len = 0;
	memset(sl->bsum, 0, b->nsites * emis_nmetrics * sizeof(double));
	for (id = b0; id < b1; id++) {
		batch_eval(b, id, &site, varied, &r);
		stats_add(w->stats, site, &r, sl->bsum);
		if (!w->o->rows)
			continue;
		p = sl->buf + sl->len;
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
		sl->len = (size_t)(p - sl->buf);
	}
}

static void *
worker_main(void *arg)
{
	struct worker	*w = arg;
	struct queue	*q = w->q;
	struct slot	*sl;
	uint64_t	 blk;

	pthread_mutex_lock(&q->mu);
	for (;;) {
		while (!q->stop && q->next < q->nblocks &&
		    q->next - q->written >= q->nslots)
			pthread_cond_wait(&q->cv, &q->mu);
		if (q->stop || q->next >= q->nblocks)
			break;
		blk = q->next++;
		sl = &q->slots[blk % q->nslots];
		pthread_mutex_unlock(&q->mu);
		run_block(w, blk, sl);
		pthread_mutex_lock(&q->mu);
		sl->block = blk;
		sl->full = 1;
		pthread_cond_broadcast(&q->cv);
	}
	pthread_mutex_unlock(&q->mu);
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
	struct queue	 q;
	struct sigaction sa, old_int, old_term;
	char		*names[SWEEP_MAX_SITES] = { 0 };
	double		*sums = NULL, t0 = now_s(), last = 0.0;
	size_t		 i, k, nsum = b->nsites * emis_nmetrics;
	uint64_t	 blk, s;
	int		 T = o->threads < 1 ? 1 : o->threads, t, rc = -1;

	memset(res, 0, sizeof(*res));
	memset(&q, 0, sizeof(q));
	res->done_until = o->start;
	q.nslots = 2 * (uint64_t)T;
	q.nblocks = (o->end - o->start + BLOCK - 1) / BLOCK;
	pthread_mutex_init(&q.mu, NULL);
	pthread_cond_init(&q.cv, NULL);
	if ((w = calloc((size_t)T, sizeof(*w))) == NULL ||
	    (q.slots = calloc(q.nslots, sizeof(*q.slots))) == NULL ||
	    (sums = calloc(nsum, sizeof(double))) == NULL ||
	    (res->stats = stats_new(b->nsites)) == NULL ||
	    (pil = stats_new(b->nsites)) == NULL)
		goto nomem;
	for (s = 0; s < q.nslots; s++)
		if ((q.slots[s].bsum = calloc(nsum, sizeof(double))) == NULL ||
		    (o->rows && (q.slots[s].buf = malloc((size_t)BLOCK * ROW_MAX)) == NULL))
			goto nomem;
	for (i = 0; i < b->nsites; i++)
		if ((names[i] = csv_quote(b->sites[i].site->name)) == NULL)
			goto nomem;
	if (pilot(b, o, pil) == -1)
		goto nomem;
	stats_range(res->stats, pil);
	for (t = 0; t < T; t++) {
		w[t].b = b;
		w[t].o = o;
		w[t].names = (const char *const *)names;
		w[t].q = &q;
		if ((w[t].stats = stats_new(b->nsites)) == NULL)
			goto nomem;
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
	stop_flag = 0;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, &old_int);
	sigaction(SIGTERM, &sa, &old_term);
	rc = 0;
	for (t = 0; t < T; t++) {
		if (pthread_create(&w[t].tid, NULL, worker_main, &w[t]) != 0) {
			rc = err_set(e, ERR_NOMEM, NULL, 0, "cannot start %d threads", T);
			break;
		}
		w[t].started = 1;
	}
	/* the writer: blocks in order, as soon as each is ready */
	for (blk = 0; blk < q.nblocks && rc == 0; blk++) {
		struct slot *sl = &q.slots[blk % q.nslots];

		pthread_mutex_lock(&q.mu);
		while (!(sl->full && sl->block == blk))
			pthread_cond_wait(&q.cv, &q.mu);
		pthread_mutex_unlock(&q.mu);
		if (o->rows && sl->len > 0 &&
		    fwrite(sl->buf, 1, sl->len, o->out) != sl->len)
			rc = err_set(e, ERR_IO, o->out_name, 0, "cannot write: %s",
			    strerror(errno));
		for (k = 0; k < nsum; k++)
			sums[k] += sl->bsum[k];
		if (rc == 0) {
			res->done_until = o->start + (blk + 1) * BLOCK;
			if (res->done_until > o->end)
				res->done_until = o->end;
		}
		pthread_mutex_lock(&q.mu);
		sl->full = 0;
		q.written = blk + 1;
		if (stop_flag || rc != 0)
			q.stop = 1;
		pthread_cond_broadcast(&q.cv);
		pthread_mutex_unlock(&q.mu);
		if (q.stop)
			break;
		if (o->progress && now_s() - last > 0.2) {
			progress(o, res->done_until, t0, 0);
			last = now_s();
		}
	}
	pthread_mutex_lock(&q.mu);
	q.stop = 1;
	pthread_cond_broadcast(&q.cv);
	pthread_mutex_unlock(&q.mu);
	for (t = 0; t < T; t++)
		if (w[t].started)
			pthread_join(w[t].tid, NULL);
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGTERM, &old_term, NULL);
	res->interrupted = stop_flag && res->done_until < o->end;
	if (o->progress)
		progress(o, res->done_until, t0, 1);
	for (t = 0; t < T; t++)
		stats_merge(res->stats, w[t].stats);
	/* means from sums added in block order: the same for any -j */
	for (k = 0; k < nsum; k++)
		res->stats->h[k].sum = sums[k];
	res->seconds = now_s() - t0;
	goto out;
nomem:
	rc = err_set(e, ERR_NOMEM, NULL, 0, "out of memory");
out:
	for (t = 0; w != NULL && t < T; t++)
		batch_stats_free(w[t].stats);
	for (s = 0; q.slots != NULL && s < q.nslots; s++) {
		free(q.slots[s].buf);
		free(q.slots[s].bsum);
	}
	free(q.slots);
	for (i = 0; i < b->nsites; i++)
		free(names[i]);
	free(w);
	free(sums);
	batch_stats_free(pil);
	pthread_cond_destroy(&q.cv);
	pthread_mutex_destroy(&q.mu);
	if (rc == -1) {
		batch_stats_free(res->stats);
		res->stats = NULL;
	}
	return rc;
}
