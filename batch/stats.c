/* Statistics of a sweep: one sketch per site, grid point and metric; the
 * scenario ranges they cover; the sidecar text that carries them to
 * `dcimpact merge`. */
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "common/fmt.h"
#include "batch/internal.h"

#define SIDECAR_MAGIC	"dcimpact-summary-sketch 1"

static struct batch_stats *
stats_alloc(size_t nsites, uint64_t ncells)
{
	struct batch_stats *st;
	size_t		 i;

	if ((st = calloc(1, sizeof(*st))) == NULL)
		return NULL;
	st->nsites = nsites;
	st->ncells = ncells;
	if ((st->sk = calloc(nsites * ncells * emis_nmetrics,
	    sizeof(*st->sk))) == NULL) {
		free(st);
		return NULL;
	}
	for (i = 0; i < nsites * ncells * emis_nmetrics; i++)
		sketch_init(&st->sk[i]);
	return st;
}

struct batch_stats *
stats_new(const struct batch *b)
{
	struct batch_stats *st;
	uint64_t	 cells = 1;
	size_t		 i, k;

	if (b->nvary > 0 && b->grid_points > 1 &&
	    b->grid_points <= BATCH_MAX_CELLS / b->nsites)
		cells = b->grid_points;
	if ((st = stats_alloc(b->nsites, cells)) == NULL)
		return NULL;
	st->nvary = b->nvary;
	st->grid_points = b->grid_points;
	st->per_point = b->per_point;
	st->total = b->total;
	st->seed = b->seed;
	st->year = b->year;
	st->catalog_uncertainty = b->catalog_uncertainty;
	for (i = 0; i < b->nsites; i++)
		snprintf(st->names[i], sizeof(st->names[i]), "%s",
		    b->sites[i].site->name);
	for (k = 0; k < b->nvary; k++) {
		snprintf(st->paths[k], sizeof(st->paths[k]), "%s", b->vary[k].path);
		st->nvalues[k] = b->vary[k].nvalues;
		if ((st->values[k] = malloc(b->vary[k].nvalues *
		    sizeof(double))) == NULL) {
			batch_stats_free(st);
			return NULL;
		}
		memcpy(st->values[k], b->vary[k].values,
		    b->vary[k].nvalues * sizeof(double));
	}
	return st;
}

void
batch_stats_free(struct batch_stats *st)
{
	size_t	 i;

	if (st == NULL)
		return;
	for (i = 0; st->sk != NULL && i < st->nsites * st->ncells *
	    emis_nmetrics; i++)
		sketch_free(&st->sk[i]);
	for (i = 0; i < SWEEP_MAX_VARY; i++)
		free(st->values[i]);
	free(st->ranges);
	free(st->sk);
	free(st);
}

void
stats_add(struct batch_stats *st, size_t site, uint64_t point,
    const double *out)
{
	struct sketch	*k;
	size_t		 m;

	k = &st->sk[(site * st->ncells + (st->ncells > 1 ? point : 0)) *
	    emis_nmetrics];
	for (m = 0; m < emis_nmetrics; m++, k++)
		if (sketch_add(k, out[m]) == -1)
			st->nomem = 1;
}

void
stats_add_block(struct batch_stats *st, size_t site, uint64_t point,
    const double *out, size_t n, uint64_t const_cols)
{
	struct sketch	*k;

	k = &st->sk[(site * st->ncells + (st->ncells > 1 ? point : 0)) *
	    emis_nmetrics];
	if (sketch_add_cols(k, out, BATCH_KERNEL_BLOCK, n, emis_nmetrics,
	    const_cols) == -1)
		st->nomem = 1;
}

/* Insert [a, b) into the sorted disjoint ranges, joining neighbours.
 * Returns 1 when it overlaps a range already there, -1 out of memory. */
static int
cover(struct batch_stats *st, uint64_t a, uint64_t b)
{
	uint64_t	*r;
	size_t		 i, j;

	if (a >= b)
		return 0;
	for (i = 0; i < st->nranges; i++) {
		if (a < st->ranges[2 * i + 1] && st->ranges[2 * i] < b)
			return 1;
		if (st->ranges[2 * i] >= b)
			break;
	}
	if ((r = realloc(st->ranges, (st->nranges + 1) * 2 *
	    sizeof(*r))) == NULL)
		return -1;
	st->ranges = r;
	memmove(r + 2 * i + 2, r + 2 * i, (st->nranges - i) * 2 * sizeof(*r));
	r[2 * i] = a;
	r[2 * i + 1] = b;
	st->nranges++;
	/* join touching neighbours */
	for (i = 0, j = 0; i < st->nranges; i++) {
		if (j > 0 && r[2 * j - 1] == r[2 * i]) {
			r[2 * j - 1] = r[2 * i + 1];
			continue;
		}
		r[2 * j] = r[2 * i];
		r[2 * j + 1] = r[2 * i + 1];
		j++;
	}
	st->nranges = j;
	return 0;
}

int
stats_cover(struct batch_stats *st, uint64_t a, uint64_t b)
{
	return cover(st, a, b) == 0 ? 0 : -1;
}

static void
quant(const struct sketch *k, struct batch_quant *q)
{
	q->n = sketch_count(k);
	q->mean = sketch_mean(k);
	q->min = q->n > 0 ? k->min : (double)NAN;
	q->max = q->n > 0 ? k->max : (double)NAN;
	q->p5 = sketch_quantile(k, 5);
	q->p50 = sketch_quantile(k, 50);
	q->p95 = sketch_quantile(k, 95);
}

void
batch_stats_get(const struct batch_stats *st, size_t s, size_t m,
    struct batch_quant *q)
{
	struct sketch	 all;
	uint64_t	 c;

	if (st->ncells == 1) {
		quant(&st->sk[s * emis_nmetrics + m], q);
		return;
	}
	sketch_init(&all);
	for (c = 0; c < st->ncells; c++)
		if (sketch_merge(&all, &st->sk[(s * st->ncells + c) *
		    emis_nmetrics + m]) == -1) {
			/* out of memory: say nothing rather than something wrong */
			memset(q, 0, sizeof(*q));
			q->mean = q->p5 = q->p50 = q->p95 = q->min = q->max = NAN;
			sketch_free(&all);
			return;
		}
	quant(&all, q);
	sketch_free(&all);
}

void
batch_stats_get_point(const struct batch_stats *st, size_t s,
    uint64_t point, size_t m, struct batch_quant *q)
{
	quant(&st->sk[(s * st->ncells + point) * emis_nmetrics + m], q);
}

size_t
batch_stats_nsites(const struct batch_stats *st)
{
	return st->nsites;
}

const char *
batch_stats_site_name(const struct batch_stats *st, size_t s)
{
	return st->names[s];
}

size_t
batch_stats_nvary(const struct batch_stats *st)
{
	return st->nvary;
}

const char *
batch_stats_vary_path(const struct batch_stats *st, size_t k)
{
	return st->paths[k];
}

uint64_t
batch_stats_npoints(const struct batch_stats *st)
{
	return st->ncells > 1 ? st->ncells : 0;
}

uint64_t
batch_stats_grid_points(const struct batch_stats *st)
{
	return st->grid_points;
}

void
batch_stats_point_values(const struct batch_stats *st, uint64_t point,
    double *values)
{
	size_t	 k;

	/* last vary fastest, as scenario ids run */
	for (k = st->nvary; k-- > 0;) {
		values[k] = st->values[k][point % st->nvalues[k]];
		point /= st->nvalues[k];
	}
}

uint64_t
batch_stats_covered(const struct batch_stats *st)
{
	uint64_t n = 0;
	size_t	 i;

	for (i = 0; i < st->nranges; i++)
		n += st->ranges[2 * i + 1] - st->ranges[2 * i];
	return n;
}

uint64_t
batch_stats_total(const struct batch_stats *st)
{
	return st->total;
}

/*
 * The sidecar: a header that names the sweep (two files merge only when
 * their headers are equal), the covered ranges, one line per non-empty
 * sketch, and "end". Numbers that must come back exactly are written with
 * %.17g; counts are dense from the first to the last non-empty bucket, so
 * the text is canonical: equal statistics, equal bytes.
 */
static void
header_write(FILE *fp, const struct batch_stats *st)
{
	size_t	 i, k;

	fprintf(fp, "%s\nmetrics %zu", SIDECAR_MAGIC, emis_nmetrics);
	for (i = 0; i < emis_nmetrics; i++)
		fprintf(fp, " %s", emis_metrics[i].key);
	fprintf(fp, "\nsweep total=%" PRIu64 " grid_points=%" PRIu64
	    " per_point=%" PRIu64 " cells=%" PRIu64 " seed=%" PRIu64
	    " year=%d catalog_uncertainty=%d check=%016" PRIx64 "\nsites %zu\n",
	    st->total, st->grid_points, st->per_point, st->ncells, st->seed,
	    st->year, st->catalog_uncertainty, st->check, st->nsites);
	for (i = 0; i < st->nsites; i++) {
		fputs("site ", fp);
		fmt_quote_file(fp, st->names[i], FMT_JSON);
		fputc('\n', fp);
	}
	fprintf(fp, "vary %zu\n", st->nvary);
	for (k = 0; k < st->nvary; k++) {
		fputs("path ", fp);
		fmt_quote_file(fp, st->paths[k], FMT_JSON);
		fprintf(fp, " %zu", st->nvalues[k]);
		for (i = 0; i < st->nvalues[k]; i++)
			fprintf(fp, " %.17g", st->values[k][i]);
		fputc('\n', fp);
	}
}

static void
store_write(FILE *fp, const char *tag, const struct sketch_store *s)
{
	uint32_t first, last, i;

	for (first = 0; first < s->len && s->n[first] == 0; first++)
		;
	if (first == s->len)
		return;
	for (last = s->len - 1; s->n[last] == 0; last--)
		;
	fprintf(fp, " %s=%" PRId32 ":", tag, s->lo + (int32_t)first);
	for (i = first; i <= last; i++)
		fprintf(fp, i > first ? ",%" PRIu64 : "%" PRIu64, s->n[i]);
}

int
batch_stats_save(FILE *fp, const char *name, const struct batch_stats *st,
    struct err *e)
{
	const struct sketch *k;
	int64_t		 t[XSUM_CHUNKS];
	size_t		 i, s, m;
	uint64_t	 c, n;
	int		 j, any;

	header_write(fp, st);
	fprintf(fp, "ranges %zu", st->nranges);
	for (i = 0; i < st->nranges; i++)
		fprintf(fp, " %" PRIu64 " %" PRIu64, st->ranges[2 * i],
		    st->ranges[2 * i + 1]);
	fputc('\n', fp);
	for (s = 0; s < st->nsites; s++)
		for (c = 0; c < st->ncells; c++)
			for (m = 0; m < emis_nmetrics; m++) {
				k = &st->sk[(s * st->ncells + c) * emis_nmetrics + m];
				if ((n = sketch_count(k)) == 0)
					continue;
				fprintf(fp, "k %zu %" PRIu64 " %zu %" PRIu64 " %" PRIu64
				    " %.17g %.17g s=", s, c, m, n, k->zeros,
				    k->min, k->max);
				sketch_sum_rest(k, t);
				for (j = 0, any = 0; j < XSUM_CHUNKS; j++)
					if (t[j] != 0) {
						fprintf(fp, "%s%d:%" PRId64, any ? "," : "",
						    j, t[j]);
						any = 1;
					}
				if (!any)
					fputc('0', fp);
				store_write(fp, "p", &k->st[0]);
				store_write(fp, "q", &k->st[1]);
				fputc('\n', fp);
			}
	fputs("end\n", fp);
	if (fflush(fp) != 0 || ferror(fp))
		return err_set(e, ERR_IO, name, 0, "cannot write: %s",
		    strerror(errno));
	return 0;
}

/* Reading: one line at a time with its number for messages. */
struct rd {
	FILE		*fp;
	const char	*name;
	char		*line;
	size_t		 cap;
	int		 lineno;
	struct err	*e;
};

static int
rd_line(struct rd *r)
{
	ssize_t	 n;

	if ((n = getline(&r->line, &r->cap, r->fp)) <= 0)
		return err_set(r->e, ERR_CONFIG, r->name, r->lineno + 1,
		    "summary sketch: unexpected end of file");
	r->lineno++;
	if (r->line[n - 1] == '\n')
		r->line[n - 1] = '\0';
	return 0;
}

static int
rd_bad(struct rd *r, const char *what)
{
	return err_set(r->e, ERR_CONFIG, r->name, r->lineno,
	    "summary sketch: %s", what);
}

/* A JSON-quoted string at *pp (as fmt_quote writes it) into "out". */
static int
unquote(const char **pp, char *out, size_t size)
{
	const char	*p = *pp;
	size_t		 n = 0;
	unsigned	 u;

	if (*p++ != '"')
		return -1;
	for (; *p != '"'; p++) {
		char	 ch = *p;

		if (ch == '\0')
			return -1;
		if (ch == '\\') {
			p++;
			if (*p == 'n')
				ch = '\n';
			else if (*p == 'u' && sscanf(p + 1, "%4x", &u) == 1 &&
			    u > 0 && u < 0x20) {
				ch = (char)u;
				p += 4;
			} else if (*p == '"' || *p == '\\')
				ch = *p;
			else
				return -1;
		}
		if (n + 1 >= size)
			return -1;
		out[n++] = ch;
	}
	out[n] = '\0';
	*pp = p + 1;
	return 0;
}

static int
parse_u64(const char **pp, uint64_t *v)
{
	char	*end;

	errno = 0;
	if (**pp < '0' || **pp > '9')
		return -1;
	*v = strtoull(*pp, &end, 10);
	if (errno != 0)
		return -1;
	*pp = end;
	return 0;
}

static int
store_read(const char **pp, struct sketch_store *st)
{
	const char	*p = *pp;
	char		*end;
	long		 lo;
	uint64_t	 v;
	int32_t		 idx;

	errno = 0;
	lo = strtol(p, &end, 10);
	if (errno != 0 || end == p || *end != ':' || lo < 0 || lo > (1L << 21))
		return -1;
	p = end + 1;
	for (idx = (int32_t)lo;; idx++) {
		if (parse_u64(&p, &v) == -1 || idx > (1 << 21))
			return -1;
		if (v > 0 && sketch_store_add(st, idx, v) == -1)
			return -1;
		if (*p != ',')
			break;
		p++;
	}
	*pp = p;
	return 0;
}

static int
sketch_read(struct rd *r, struct batch_stats *st, const char *p)
{
	struct sketch	*k;
	uint64_t	 s, c, m, j, n, bucketed = 0;
	char		*end;
	int64_t		 v;
	uint32_t	 i;

	if (parse_u64(&p, &s) == -1 || *p++ != ' ' ||
	    parse_u64(&p, &c) == -1 || *p++ != ' ' ||
	    parse_u64(&p, &m) == -1 || *p++ != ' ' ||
	    s >= st->nsites || c >= st->ncells || m >= emis_nmetrics)
		return rd_bad(r, "bad sketch line");
	k = &st->sk[(s * st->ncells + c) * emis_nmetrics + m];
	if (sketch_count(k) != 0)
		return rd_bad(r, "a sketch given twice");
	if (parse_u64(&p, &n) == -1 || *p++ != ' ' || n == 0 ||
	    parse_u64(&p, &k->zeros) == -1 || *p++ != ' ' || k->zeros > n)
		return rd_bad(r, "bad counts");
	errno = 0;
	k->min = strtod(p, &end);
	if (end == p || *end != ' ' || !isfinite(k->min))
		return rd_bad(r, "bad minimum");
	p = end + 1;
	k->max = strtod(p, &end);
	if (end == p || strncmp(end, " s=", 3) != 0 || !isfinite(k->max) ||
	    k->max < k->min)
		return rd_bad(r, "bad maximum");
	p = end + 3;
	for (;;) {
		if (parse_u64(&p, &j) == -1 || j >= XSUM_CHUNKS)
			return rd_bad(r, "bad sum");
		if (*p == ':') {
			p++;
			v = strtoll(p, &end, 10);
			if (end == p)
				return rd_bad(r, "bad sum");
			k->sum[j] = v;
			p = end;
		} else if (j != 0)
			return rd_bad(r, "bad sum");
		if (*p != ',')
			break;
		p++;
	}
	if (strncmp(p, " p=", 3) == 0) {
		p += 3;
		if (store_read(&p, &k->st[0]) == -1)
			return rd_bad(r, "bad buckets");
	}
	if (strncmp(p, " q=", 3) == 0) {
		p += 3;
		if (store_read(&p, &k->st[1]) == -1)
			return rd_bad(r, "bad buckets");
	}
	if (*p != '\0')
		return rd_bad(r, "trailing text");
	for (i = 0; i < k->st[0].len; i++)
		bucketed += k->st[0].n[i];
	for (i = 0; i < k->st[1].len; i++)
		bucketed += k->st[1].n[i];
	if (bucketed + k->zeros != n)
		return rd_bad(r, "bucket counts do not add up to n");
	return 0;
}

struct batch_stats *
batch_stats_load(FILE *fp, const char *name, struct err *e)
{
	struct batch_stats *st = NULL;
	struct rd	 r;
	const char	*p;
	char		*end, key[128];
	uint64_t	 check, total, gp, pp, cells, seed, nr, a, b;
	size_t		 nsites, nvary, i, k, nm;
	int		 year, cu, n;

	memset(&r, 0, sizeof(r));
	r.fp = fp;
	r.name = name;
	r.e = e;
	if (rd_line(&r) == -1)
		goto fail;
	if (strcmp(r.line, SIDECAR_MAGIC) != 0) {
		rd_bad(&r, "not a summary sketch file (first line \""
		    SIDECAR_MAGIC "\" expected)");
		goto fail;
	}
	if (rd_line(&r) == -1)
		goto fail;
	p = r.line;
	if (sscanf(p, "metrics %zu%n", &nm, &n) != 1 || nm != emis_nmetrics) {
		rd_bad(&r, "written by another version of dcimpact (metrics "
		    "differ)");
		goto fail;
	}
	p += n;
	for (i = 0; i < nm; i++) {
		if (sscanf(p, " %127s%n", key, &n) != 1 ||
		    strcmp(key, emis_metrics[i].key) != 0) {
			rd_bad(&r, "written by another version of dcimpact "
			    "(metrics differ)");
			goto fail;
		}
		p += n;
	}
	if (rd_line(&r) == -1)
		goto fail;
	if (sscanf(r.line, "sweep total=%" SCNu64 " grid_points=%" SCNu64
	    " per_point=%" SCNu64 " cells=%" SCNu64 " seed=%" SCNu64
	    " year=%d catalog_uncertainty=%d check=%" SCNx64 "%n", &total, &gp,
	    &pp, &cells, &seed, &year, &cu, &check, &n) != 8 || cells < 1 ||
	    cells > BATCH_MAX_CELLS || r.line[n] != '\0') {
		rd_bad(&r, "bad sweep line");
		goto fail;
	}
	if (rd_line(&r) == -1)
		goto fail;
	if (sscanf(r.line, "sites %zu", &nsites) != 1 || nsites < 1 ||
	    nsites > SWEEP_MAX_SITES || cells * nsites > BATCH_MAX_CELLS * 2) {
		rd_bad(&r, "bad sites line");
		goto fail;
	}
	if ((st = stats_alloc(nsites, cells)) == NULL) {
		err_set(e, ERR_NOMEM, NULL, 0, "out of memory");
		goto fail;
	}
	st->total = total;
	st->grid_points = gp;
	st->per_point = pp;
	st->seed = seed;
	st->year = year;
	st->catalog_uncertainty = cu;
	st->check = check;
	for (i = 0; i < nsites; i++) {
		if (rd_line(&r) == -1)
			goto fail;
		p = r.line;
		if (strncmp(p, "site ", 5) != 0 || (p += 5, unquote(&p,
		    st->names[i], sizeof(st->names[i]))) == -1 || *p != '\0') {
			rd_bad(&r, "bad site line");
			goto fail;
		}
	}
	if (rd_line(&r) == -1)
		goto fail;
	if (sscanf(r.line, "vary %zu", &nvary) != 1 || nvary > SWEEP_MAX_VARY) {
		rd_bad(&r, "bad vary line");
		goto fail;
	}
	st->nvary = nvary;
	for (k = 0; k < nvary; k++) {
		uint64_t nv;

		if (rd_line(&r) == -1)
			goto fail;
		p = r.line;
		if (strncmp(p, "path ", 5) != 0 || (p += 5, unquote(&p,
		    st->paths[k], sizeof(st->paths[k]))) == -1 || *p++ != ' ' ||
		    parse_u64(&p, &nv) == -1 || nv < 1 ||
		    nv > SWEEP_MAX_VALUES) {
			rd_bad(&r, "bad path line");
			goto fail;
		}
		st->nvalues[k] = (size_t)nv;
		if ((st->values[k] = malloc(nv * sizeof(double))) == NULL) {
			err_set(e, ERR_NOMEM, NULL, 0, "out of memory");
			goto fail;
		}
		for (i = 0; i < nv; i++) {
			if (*p++ != ' ' || (st->values[k][i] = strtod(p, &end),
			    end == p)) {
				rd_bad(&r, "bad path line");
				goto fail;
			}
			p = end;
		}
	}
	if (rd_line(&r) == -1)
		goto fail;
	p = r.line;
	if (strncmp(p, "ranges ", 7) != 0 || (p += 7, parse_u64(&p, &nr)) == -1) {
		rd_bad(&r, "bad ranges line");
		goto fail;
	}
	for (i = 0; i < nr; i++) {
		if (*p++ != ' ' || parse_u64(&p, &a) == -1 || *p++ != ' ' ||
		    parse_u64(&p, &b) == -1 || a >= b || b > total ||
		    cover(st, a, b) != 0) {
			rd_bad(&r, "bad ranges line");
			goto fail;
		}
	}
	for (;;) {
		if (rd_line(&r) == -1)
			goto fail;
		if (strcmp(r.line, "end") == 0)
			break;
		if (strncmp(r.line, "k ", 2) != 0) {
			rd_bad(&r, "expected a sketch line or end");
			goto fail;
		}
		if (sketch_read(&r, st, r.line + 2) == -1)
			goto fail;
	}
	free(r.line);
	return st;
fail:
	free(r.line);
	batch_stats_free(st);
	return NULL;
}

int
stats_merge_into(struct batch_stats *dst, const struct batch_stats *src)
{
	size_t	 i;

	for (i = 0; i < dst->nsites * dst->ncells * emis_nmetrics; i++)
		if (sketch_merge(&dst->sk[i], &src->sk[i]) == -1)
			return -1;
	return 0;
}

/* The header as text, to compare two statistics' sweeps. */
static char *
header_text(const struct batch_stats *st)
{
	char	*buf = NULL;
	size_t	 len = 0;
	FILE	*fp;

	if ((fp = open_memstream(&buf, &len)) == NULL)
		return NULL;
	header_write(fp, st);
	if (fclose(fp) != 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

int
batch_stats_merge(struct batch_stats *dst, const struct batch_stats *src,
    const char *src_name, struct err *e)
{
	char	*h1 = header_text(dst), *h2 = header_text(src);
	size_t	 i;
	int	 rc = -1, c;

	if (h1 == NULL || h2 == NULL) {
		err_set(e, ERR_NOMEM, NULL, 0, "out of memory");
		goto out;
	}
	if (strcmp(h1, h2) != 0) {
		err_set(e, ERR_CONFIG, src_name, 0, "not a summary of the same "
		    "sweep (sites, vary, samples, seed, options or data differ)");
		goto out;
	}
	for (i = 0; i < src->nranges; i++)
		if ((c = cover(dst, src->ranges[2 * i],
		    src->ranges[2 * i + 1])) != 0) {
			if (c == 1)
				err_set(e, ERR_CONFIG, src_name, 0, "scenarios %"
				    PRIu64 " to %" PRIu64 " are already in another "
				    "summary", src->ranges[2 * i],
				    src->ranges[2 * i + 1] - 1);
			else
				err_set(e, ERR_NOMEM, NULL, 0, "out of memory");
			goto out;
		}
	if (stats_merge_into(dst, src) == -1) {
		err_set(e, ERR_NOMEM, NULL, 0, "out of memory");
		goto out;
	}
	rc = 0;
out:
	free(h1);
	free(h2);
	return rc;
}
