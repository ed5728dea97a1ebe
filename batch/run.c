/* Running scenarios on every core: fixed blocks taken by workers as they
 * go, rows written in scenario order, statistics merged exactly. */
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/err.h"
#include "common/fmt.h"
#include "batch/internal.h"

#define BLOCK	4096		/* scenarios per block, fixed: results do not
				 * depend on the thread count */
/* a varied grid setting's quoted name (grid basis keys and Cambium
 * scenario names are shorter) */
#define LABEL_MAX	64
/* a row: id, quoted name (<= 6 x 127 + 2 in JSON, 2 x 127 + 2 in CSV),
 * a comma and a number (FMT_SIG6_MAX) or a name a varied value, a comma
 * and a number an output */
#define ROW_MAX	(24 + 260 + (LABEL_MAX + 1) * SWEEP_MAX_VARY + \
	    (FMT_SIG6_MAX + 1) * BATCH_MAX_METRICS)

static double
now_s(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
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

_Static_assert(BATCH_KERNEL_BLOCK <= FMT_CELLS_MAX,
    "a kernel block's column fits fmt_sig6_cells()");

/* A finished block waiting to be written: its rows. */
struct slot {
	uint64_t	 block;
	int		 full;
	char		*buf;
	size_t		 len;
};

/*
 * Workers take blocks in order. With rows, a block's rows are written in
 * order by whichever worker finds it next to write (one at a time, most
 * often the worker that made it, while its rows are still in its cache),
 * and a worker may run at most "nslots" blocks ahead of the writing, so
 * memory is fixed; "written" counts the blocks written, or without rows
 * the blocks done. Taken blocks are always finished and written, so after
 * a stop blocks [0, next) are complete, rows and statistics alike.
 */
struct queue {
	pthread_mutex_t	 mu;
	pthread_cond_t	 cv;
	uint64_t	 next, written, nblocks;
	int		 stop;
	int		 running;	/* workers not ended */
	int		 writing;	/* a worker is writing rows */
	int		 werrno;	/* a write failed: its errno */
	struct slot	*slots;
	uint64_t	 nslots;
	FILE		*out;
};

struct worker {
	pthread_t		 tid;
	int			 started;
	const struct batch	*b;
	const struct batch_run_opts *o;
	const char *const	*names;		/* CSV-quoted site names */
	struct batch_stats	*stats;
	struct queue		*q;
	double			 out[BATCH_KERNEL_BLOCK * BATCH_MAX_METRICS];
	/* a block's numbers as text, a column at a time (write_rows) */
	char	 cell[BATCH_MAX_METRICS][BATCH_KERNEL_BLOCK][FMT_CELL];
	unsigned char	 cell_len[BATCH_MAX_METRICS][BATCH_KERNEL_BLOCK];
};

/* The rows of scenarios [id, id + n) into sl->buf, their outputs "out"
 * metric-major (out[m * BATCH_KERNEL_BLOCK + i]); "constant" marks the
 * outputs equal in every lane. Numbers are laid out a column at a time
 * (fmt_sig6_cells), a constant one and the varied values once, then
 * copied into the rows. */
static void
write_rows(struct worker *w, struct slot *sl, uint64_t id, size_t n,
    size_t site, const double *varied, const double *out, uint64_t constant)
{
	const struct batch *b = w->b;
	const char *label;
	char		 vary[SWEEP_MAX_VARY * (LABEL_MAX + 1)], ids[24], *p;
	size_t		 i, k, m, q, vlen, idl, len = strlen(w->names[site]);

	p = vary;
	for (k = 0; k < b->nvary; k++) {
		*p++ = ',';
		if ((label = batch_vary_label(b->cats, b->vary[k].kind,
		    varied[k])) != NULL) {
			/* truncated, as snprintf, if ever too long */
			q = fmt_quote(p, LABEL_MAX, label, FMT_CSV);
			p += q < LABEL_MAX ? q : LABEL_MAX - 1;
		} else
			p += fmt_sig6(varied[k], p);
	}
	vlen = (size_t)(p - vary);
	for (m = 0; m < emis_nmetrics; m++)
		fmt_sig6_cells(out + m * BATCH_KERNEL_BLOCK,
		    constant >> m & 1 ? 1 : n, w->cell[m], w->cell_len[m]);
	/* the id as text, counted up in decimal a row at a time */
	memset(ids, '0', sizeof(ids));
	idl = (size_t)fmt_u64(id, ids);
	p = sl->buf + sl->len;
	for (i = 0; i < n; i++) {
		memcpy(p, ids, sizeof(ids));
		p += idl;
		for (q = idl; q-- > 0 && ids[q] == '9';)
			ids[q] = '0';
		if (q == (size_t)-1) {
			/* 99...9 + 1: a digit more (the zeros are there) */
			ids[0] = '1';
			ids[idl++] = '0';
		} else
			ids[q]++;
		*p++ = ',';
		memcpy(p, w->names[site], len);
		p += len;
		memcpy(p, vary, vlen);
		p += vlen;
		for (m = 0; m < emis_nmetrics; m++) {
			k = constant >> m & 1 ? 0 : i;
			*p++ = ',';
			/* the whole cell: the bytes past its length are
			 * overwritten next, and ROW_MAX leaves room */
			memcpy(p, w->cell[m][k], FMT_CELL);
			p += w->cell_len[m][k];
		}
		*p++ = '\n';
	}
	sl->len = (size_t)(p - sl->buf);
}

/* A block: runs of consecutive draws of one site and grid point, each
 * evaluated BATCH_KERNEL_BLOCK at a time by the site's kernel. */
static void
run_block(struct worker *w, uint64_t block, struct slot *sl)
{
	const struct batch *b = w->b;
	double		 varied[SWEEP_MAX_VARY];
	const struct batch_kernel *kern;
	struct batch_id	 at;
	uint64_t	 id, b0 = w->o->start + block * BLOCK, b1 = b0 + BLOCK;
	size_t		 n;

	if (b1 > w->o->end)
		b1 = w->o->end;
	if (sl != NULL)
		sl->len = 0;
	batch_id_split(b, b0, &at);
	for (id = b0; id < b1; id += n) {
		n = BATCH_KERNEL_BLOCK;
		if (n > b1 - id)
			n = (size_t)(b1 - id);
		if (n > b->per_point - at.draw)
			n = (size_t)(b->per_point - at.draw);
		kern = batch_point(b, at.site, at.point, varied);
		batch_kernel_eval_cols(kern, varied, at.draw, n, w->out);
		stats_add_block(w->stats, at.site, at.point, w->out, n,
		    kern->const_cols);
		if (w->o->rows)
			write_rows(w, sl, id, n, at.site, varied, w->out,
			    kern->const_cols);
		/* n draws on: the next grid point (or site) when at its end */
		at.draw += n - 1;
		batch_id_next(b, &at);
	}
}

/* With q->mu held: write the blocks that are next in order and ready,
 * unless another worker is at it (it will take them). */
static void
write_ready(struct queue *q)
{
	struct slot	*sl;
	int		 failed;

	if (q->writing)
		return;
	q->writing = 1;
	while (q->werrno == 0 && q->written < q->nblocks &&
	    (sl = &q->slots[q->written % q->nslots])->full &&
	    sl->block == q->written) {
		pthread_mutex_unlock(&q->mu);
		errno = 0;
		failed = sl->len > 0 &&
		    fwrite(sl->buf, 1, sl->len, q->out) != sl->len;
		failed = failed ? (errno != 0 ? errno : EIO) : 0;
		pthread_mutex_lock(&q->mu);
		if (failed) {
			q->werrno = failed;
			q->stop = 1;
		} else
			q->written++;
		sl->full = 0;
		pthread_cond_broadcast(&q->cv);
	}
	q->writing = 0;
}

static void *
worker_main(void *arg)
{
	struct worker	*w = arg;
	struct queue	*q = w->q;
	struct slot	*sl = NULL;
	uint64_t	 blk;

	pthread_mutex_lock(&q->mu);
	for (;;) {
		while (w->o->rows && !q->stop && q->next < q->nblocks &&
		    q->next - q->written >= q->nslots)
			pthread_cond_wait(&q->cv, &q->mu);
		if (q->stop || q->next >= q->nblocks)
			break;
		blk = q->next++;
		if (w->o->rows)
			sl = &q->slots[blk % q->nslots];
		pthread_mutex_unlock(&q->mu);
		run_block(w, blk, sl);
		pthread_mutex_lock(&q->mu);
		if (sl == NULL) {
			q->written++;
			continue;
		}
		sl->block = blk;
		sl->full = 1;
		write_ready(q);
	}
	if (--q->running == 0)
		pthread_cond_broadcast(&q->cv);
	pthread_mutex_unlock(&q->mu);
	return NULL;
}

/* The caller's side: progress and the stop hook looked at ten times a
 * second (a stop reaches the workers as q->stop, under the lock), until
 * every worker has ended; returns whether a stop came. */
static int
queue_wait(struct queue *q, const struct batch_hooks *hk, uint64_t start,
    uint64_t end)
{
	struct timespec	 ts;
	uint64_t	 done;
	int		 stopped;

	pthread_mutex_lock(&q->mu);
	while (q->running > 0) {
		clock_gettime(CLOCK_MONOTONIC, &ts);
		ts.tv_nsec += 100000000L;
		if (ts.tv_nsec >= 1000000000L) {
			ts.tv_sec++;
			ts.tv_nsec -= 1000000000L;
		}
		pthread_cond_timedwait(&q->cv, &q->mu, &ts);
		if (hk != NULL && hk->stop != NULL && *hk->stop && !q->stop) {
			q->stop = 1;
			pthread_cond_broadcast(&q->cv);
		}
		done = start + q->written * BLOCK;
		if (hk != NULL && hk->progress != NULL && q->running > 0) {
			pthread_mutex_unlock(&q->mu);
			hk->progress(hk->arg, done < end ? done : end);
			pthread_mutex_lock(&q->mu);
		}
	}
	stopped = q->stop && q->werrno == 0;
	pthread_mutex_unlock(&q->mu);
	return stopped;
}

/* A fingerprint of everything that shapes the outputs besides the sweep
 * file (GWP, grid basis, catalogs): FNV-1a of the outputs of the first and
 * the last scenario, which every shard can compute. */
static uint64_t
outputs_check(const struct batch *b)
{
	double		 out[BATCH_MAX_METRICS];
	double		 varied[SWEEP_MAX_VARY], v;
	uint64_t	 h = 0xcbf29ce484222325ULL, ids[2] = { 0, b->total - 1 }, bits;
	size_t		 site, m;
	int		 i, k;

	for (i = 0; i < 2; i++) {
		batch_eval(b, ids[i], &site, varied, out);
		for (m = 0; m < emis_nmetrics; m++) {
			v = out[m];
			memcpy(&bits, &v, sizeof(bits));
			for (k = 0; k < 8; k++, bits >>= 8) {
				h ^= bits & 0xff;
				h *= 0x100000001b3ULL;
			}
		}
	}
	return h;
}

int
batch_run(const struct batch *b, const struct batch_run_opts *o,
    struct batch_result *res, struct err *e)
{
	const struct batch_hooks *hk = o->hooks;
	struct worker	*w = NULL;
	struct queue	 q;
	pthread_condattr_t ca;
	char		*names[SWEEP_MAX_SITES] = { 0 };
	double		 t0 = now_s();
	size_t		 i, k, len;
	uint64_t	 s;
	int		 T = o->threads < 1 ? 1 : o->threads, t, rc = -1, stopped = 0;

	memset(res, 0, sizeof(*res));
	memset(&q, 0, sizeof(q));
	res->done_until = o->start;
	q.nslots = 2 * (uint64_t)T;
	q.nblocks = o->end > o->start ? (o->end - o->start + BLOCK - 1) / BLOCK : 0;
	pthread_mutex_init(&q.mu, NULL);
	/* the polling's clock: not moved by changes of the time of day */
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&q.cv, &ca);
	pthread_condattr_destroy(&ca);
	if ((w = calloc((size_t)T, sizeof(*w))) == NULL ||
	    (q.slots = calloc(q.nslots, sizeof(*q.slots))) == NULL ||
	    (res->stats = stats_new(b)) == NULL)
		goto nomem;
	res->stats->check = outputs_check(b);
	for (s = 0; o->rows && s < q.nslots; s++)
		if ((q.slots[s].buf = malloc((size_t)BLOCK * ROW_MAX)) == NULL)
			goto nomem;
	for (i = 0; i < b->nsites; i++) {
		len = fmt_quote(NULL, 0, b->sites[i].site->name, FMT_CSV);
		if ((names[i] = malloc(len + 1)) == NULL)
			goto nomem;
		fmt_quote(names[i], len + 1, b->sites[i].site->name, FMT_CSV);
	}
	for (t = 0; t < T; t++) {
		w[t].b = b;
		w[t].o = o;
		w[t].names = (const char *const *)names;
		w[t].q = &q;
		if ((w[t].stats = stats_new(b)) == NULL)
			goto nomem;
	}
	/* the header belongs to the output that starts at id 0 and has rows */
	if (o->header && o->rows && o->end > o->start) {
		fputs("scenario,site", o->out);
		for (k = 0; k < b->nvary; k++)
			fprintf(o->out, ",%s", b->vary[k].column);
		for (k = 0; k < emis_nmetrics; k++)
			fprintf(o->out, ",%s", emis_metrics[k].key);
		fputc('\n', o->out);
	}
	q.out = o->out;
	rc = 0;
	for (t = 0; t < T; t++) {
		pthread_mutex_lock(&q.mu);
		q.running++;
		pthread_mutex_unlock(&q.mu);
		if (pthread_create(&w[t].tid, NULL, worker_main, &w[t]) != 0) {
			pthread_mutex_lock(&q.mu);
			q.running--;
			q.stop = 1;
			pthread_mutex_unlock(&q.mu);
			rc = err_set(e, ERR_NOMEM, NULL, 0, "cannot start %d threads", T);
			break;
		}
		w[t].started = 1;
	}
	stopped = queue_wait(&q, hk, o->start, o->end);
	for (t = 0; t < T; t++)
		if (w[t].started)
			pthread_join(w[t].tid, NULL);
	res->done_until = o->start + q.written * BLOCK;
	if (res->done_until > o->end)
		res->done_until = o->end;
	if (rc == 0 && q.werrno != 0)
		rc = err_set(e, ERR_IO, o->out_name, 0, "cannot write: %s",
		    strerror(q.werrno));
	if (rc != 0)
		goto out;
	res->interrupted = stopped && res->done_until < o->end;
	/* counts and exact sums: the same for any -j and any order */
	for (t = 0; t < T; t++)
		if (w[t].stats->nomem || stats_merge_into(res->stats, w[t].stats) == -1)
			goto nomem;
	if (stats_cover(res->stats, o->start, res->done_until) == -1)
		goto nomem;
	res->seconds = now_s() - t0;
	goto out;
nomem:
	rc = err_set(e, ERR_NOMEM, NULL, 0, "out of memory");
out:
	for (t = 0; w != NULL && t < T; t++)
		batch_stats_free(w[t].stats);
	for (s = 0; q.slots != NULL && s < q.nslots; s++)
		free(q.slots[s].buf);
	free(q.slots);
	for (i = 0; i < b->nsites; i++)
		free(names[i]);
	free(w);
	pthread_cond_destroy(&q.cv);
	pthread_mutex_destroy(&q.mu);
	if (rc == -1) {
		batch_stats_free(res->stats);
		res->stats = NULL;
	}
	return rc;
}
