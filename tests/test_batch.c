/* batch/: scenario ids, the quantile sketch against exact quantiles,
 * merges that give the same bytes in any order, the sidecar round trip;
 * common/fmt: six exact digits without printf, CSV/JSON quoting. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "batch/internal.h"
#include "common/err.h"
#include "common/fmt.h"
#include "tests/test_util.h"

/* splitmix64: a reproducible stream for the tests */
static uint64_t
next_u64(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static double
next_unit(uint64_t *s)
{
	return (double)(next_u64(s) >> 11) * 0x1p-53;
}

static int
cmp_double(const void *a, const void *b)
{
	double	 x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* ---------------------------------------------------------------- ids */

static void
test_id_split_site_point_draw(void **state)
{
	static double	 v0[] = { 1.1, 1.2, 1.3 }, v1[] = { 0.5, 0.9 };
	struct sweep_vary vary[2];
	struct batch	*b = calloc(1, sizeof(*b));
	struct batch_id	 at;

	(void)state;
	assert_non_null(b);
	memset(vary, 0, sizeof(vary));
	vary[0].values = v0;
	vary[0].nvalues = 3;
	vary[1].values = v1;
	vary[1].nvalues = 2;
	/* 2 sites x 6 grid points x 10 draws = 120 scenarios */
	b->nsites = 2;
	b->vary = vary;
	b->nvary = 2;
	b->grid_points = 6;
	b->per_point = 10;
	b->per_site = 60;
	b->total = 120;
	batch_id_split(b, 0, &at);
	assert_int_equal(at.site, 0);
	assert_int_equal(at.point, 0);
	assert_int_equal(at.draw, 0);
	/* 73 = site 1, then 13 = point 1, draw 3 */
	batch_id_split(b, 73, &at);
	assert_int_equal(at.site, 1);
	assert_int_equal(at.point, 1);
	assert_int_equal(at.draw, 3);
	batch_id_split(b, 119, &at);
	assert_int_equal(at.site, 1);
	assert_int_equal(at.point, 5);
	assert_int_equal(at.draw, 9);
	free(b);
}

/* batch_id_next() steps through ids as batch_id_split() finds them. */
static void
test_id_next_walks_like_split(void **state)
{
	struct batch	*b = calloc(1, sizeof(*b));
	struct batch_id	 at, want;
	uint64_t	 id;

	(void)state;
	assert_non_null(b);
	b->nsites = 3;
	b->grid_points = 4;
	b->per_point = 5;
	b->per_site = 20;
	b->total = 60;
	batch_id_split(b, 7, &at);
	for (id = 7; id < 60; id++, batch_id_next(b, &at)) {
		batch_id_split(b, id, &want);
		assert_int_equal(at.site, want.site);
		assert_int_equal(at.point, want.point);
		assert_int_equal(at.draw, want.draw);
	}
	free(b);
}

/* The draws of a scenario, its stream computed once, are rng_uniform()'s. */
static void
test_uniform_stream_equals_rng_uniform(void **state)
{
	uint64_t s = 3, seed, key, stream;
	uint32_t k;
	int	 i;

	(void)state;
	for (i = 0; i < 10000; i++) {
		seed = next_u64(&s);
		key = next_u64(&s) >> (i % 64);
		stream = batch_stream(seed, key);
		for (k = 0; k < 40; k += 3)
			assert_same_double(batch_uniform(stream, k),
			    rng_uniform(seed, key, k));
	}
}

/* ------------------------------------------------------------- sketch */

/* Every percentile of "x" (n values, sorted here) from the sketch is
 * within 2^-10 of the sample value of rank floor(p (n - 1)). */
static void
check_quantiles(double *x, size_t n)
{
	struct sketch	 k;
	size_t		 i, rank;
	unsigned	 p;
	double		 got, want;

	sketch_init(&k);
	for (i = 0; i < n; i++)
		assert_int_equal(sketch_add(&k, x[i]), 0);
	qsort(x, n, sizeof(*x), cmp_double);
	assert_int_equal(sketch_count(&k), n);
	assert_same_double(k.min, x[0]);
	assert_same_double(k.max, x[n - 1]);
	for (p = 0; p <= 100; p++) {
		rank = (n - 1) * p / 100;
		got = sketch_quantile(&k, p);
		want = x[rank];
		if (fabs(got - want) > BATCH_SKETCH_REL_ACCURACY * fabs(want)) {
			print_error("P%u = %.17g, exact %.17g\n", p, got, want);
			fail();
		}
	}
	sketch_free(&k);
}

static void
test_sketch_quantiles_within_accuracy(void **state)
{
	uint64_t s = 42;
	size_t	 n = 100000, i;
	double	*x = malloc(n * sizeof(*x));

	(void)state;
	assert_non_null(x);
	/* 1, 2, ..., n: hand-checkable, P50 of 1..100000 is 50000 */
	for (i = 0; i < n; i++)
		x[i] = (double)(i + 1);
	check_quantiles(x, n);
	/* log-uniform over 12 decades */
	for (i = 0; i < n; i++)
		x[i] = pow(10.0, -6.0 + 12.0 * next_unit(&s));
	check_quantiles(x, n);
	/* a third negative, a tenth zero, the rest positive */
	for (i = 0; i < n; i++) {
		double	 u = next_unit(&s);

		x[i] = u < 0.1 ? 0.0 : u < 0.43 ? -1e3 * next_unit(&s) :
		    5.0 + next_unit(&s);
	}
	check_quantiles(x, n);
	/* one value: every percentile is that value, exactly */
	x[0] = 123.456;
	check_quantiles(x, 1);
	free(x);
}

static void
test_sketch_mean_is_exact(void **state)
{
	struct sketch	 k;

	(void)state;
	sketch_init(&k);
	/* a naive sum gives 0 here: 1e100 + 1 - 1e100 */
	sketch_add(&k, 1e100);
	sketch_add(&k, 1.0);
	sketch_add(&k, -1e100);
	assert_same_double(sketch_mean(&k), 1.0 / 3.0);
	sketch_free(&k);
	sketch_init(&k);
	sketch_add(&k, -2.5);
	sketch_add(&k, 0x1p-1074);	/* the smallest subnormal */
	sketch_add(&k, -0.0);
	assert_same_double(sketch_mean(&k), -2.5 / 3.0);
	/* -0 counts as a zero, and the minimum is -2.5 */
	assert_int_equal(k.zeros, 1);
	assert_same_double(k.min, -2.5);
	sketch_free(&k);
}

/* 2.5 million values in one bucket: the sum is normalised twice (every
 * 2^20 values); one sketch and a merge of two give the same sum, bit for
 * bit, and the mean is the value to rounding. */
static void
test_sketch_sum_survives_flushes_and_merges(void **state)
{
	struct sketch	 one, a, b;
	int64_t		 s1[XSUM_CHUNKS], s2[XSUM_CHUNKS];
	long		 i;

	(void)state;
	sketch_init(&one);
	sketch_init(&a);
	sketch_init(&b);
	for (i = 0; i < 2500000; i++) {
		assert_int_equal(sketch_add(&one, i % 2 ? 1.1 : -3.3e-3), 0);
		assert_int_equal(sketch_add(i < 1000000 ? &a : &b,
		    i % 2 ? 1.1 : -3.3e-3), 0);
	}
	assert_int_equal(sketch_merge(&a, &b), 0);
	sketch_sum_rest(&one, s1);
	sketch_sum_rest(&a, s2);
	assert_memory_equal(s1, s2, sizeof(s1));
	assert_same_double(sketch_mean(&one), sketch_mean(&a));
	assert_close(sketch_mean(&one), (1.1 - 3.3e-3) / 2, 1e-15);
	sketch_free(&one);
	sketch_free(&a);
	sketch_free(&b);
}

/* Counts, zeros, min, max, sum and percentiles of "a" and "b" agree. */
static void
assert_same_sketch(const struct sketch *a, const struct sketch *b)
{
	int64_t		 s1[XSUM_CHUNKS], s2[XSUM_CHUNKS];
	unsigned	 p;

	assert_int_equal(sketch_count(a), sketch_count(b));
	assert_int_equal(a->zeros, b->zeros);
	assert_same_double(a->min, b->min);
	assert_same_double(a->max, b->max);
	sketch_sum_rest(a, s1);
	sketch_sum_rest(b, s2);
	assert_memory_equal(s1, s2, sizeof(s1));
	for (p = 0; p <= 100; p += 5)
		assert_same_double(sketch_quantile(a, p), sketch_quantile(b, p));
}

/* Blocks of one shape each (constant, zeros, one sign, mixed signs, NaN
 * and infinities, subnormals, wide and narrow ranges), strided and
 * contiguous (full contiguous blocks take their own path): whichever,
 * sketch_add_block() leaves the sketch as sketch_add() one value at a time
 * does (counts, min, max, zeros, sum), across the 2^20-value flushes. */
static void
test_sketch_add_block_equals_one_by_one(void **state)
{
	struct sketch	 one, blk, con;
	double		 v[SKETCH_BLOCK_MAX * 3], w[SKETCH_BLOCK_MAX];
	uint64_t	 rs = 7;
	size_t		 i, n, round;

	(void)state;
	sketch_init(&one);
	sketch_init(&blk);
	sketch_init(&con);
	for (round = 0; round < 40000; round++) {
		n = 1 + round % SKETCH_BLOCK_MAX;
		for (i = 0; i < n; i++) {
			double u = (double)(next_u64(&rs) >> 11) * 0x1p-53;

			switch (round % 10) {
			case 0: v[3 * i] = 2.5e6; break;
			case 1: v[3 * i] = i % 2 ? 0.0 : -0.0; break;
			case 2: v[3 * i] = 341.0 + 7.0 * u; break;
			case 3: v[3 * i] = i == 5 && round % 4 == 3 ?
			    -(double)NAN : -(1e-3 + u); break;	/* NaN, sign set */
			case 4: v[3 * i] = u - 0.5; break;
			case 5: v[3 * i] = i == n / 2 ? (double)NAN :
			    i == 0 ? (double)INFINITY : 1.0 + u; break;
			case 6: v[3 * i] = (i % 2 ? 0x1p-1070 : 0x1p-1020) * u;
				break;	/* subnormals and the lowest binades */
			case 7: v[3 * i] = ldexp(1.0 + u, (int)(i * 13 % 200) - 100);
				break;
			case 8:	/* all-ones low bits over 13 to 15 binades: the
				 * widest block whose low bits sum at once */
				v[3 * i] = -ldexp(2.0 - 0x1p-52 * (double)(i % 3),
				    (int)(i % (14 + round / 10 % 3)));
				break;
			default: v[3 * i] = i == 3 ? 0.0 : 4.0e7 * u; break;
			}
		}
		for (i = 0; i < n; i++) {
			assert_int_equal(sketch_add(&one, v[3 * i]), 0);
			w[i] = v[3 * i];
		}
		assert_int_equal(sketch_add_block(&blk, v, 3, n), 0);
		/* contiguous (and full blocks: the batch's fast path) */
		assert_int_equal(sketch_add_block(&con, w, 1, n), 0);
	}
	assert_true(sketch_count(&one) > SKETCH_FLUSH);
	assert_same_sketch(&one, &blk);
	assert_same_sketch(&one, &con);
	assert_same_double(sketch_mean(&one), sketch_mean(&blk));
	sketch_free(&one);
	sketch_free(&blk);
	sketch_free(&con);
}

/* sketch_add_n() (a column constant over a block) leaves the sketch as
 * "n" sketch_add() do: zeros of both signs, NaN, infinities, subnormals,
 * both signs, across the flushes. */
static void
test_sketch_add_n_equals_one_by_one(void **state)
{
	static const double cv[] = { 2.5e6, -3.25, 0.0, -0.0, 0x1p-1070,
	    -7.0e-300, 1.0e300, 341.5 };
	struct sketch	 one, blk;
	double		 v;
	size_t		 i, n, round;

	(void)state;
	sketch_init(&one);
	sketch_init(&blk);
	for (round = 0; round < 60000; round++) {
		n = 1 + round % SKETCH_BLOCK_MAX;
		v = round % 101 == 0 ? (double)NAN : round % 103 == 0 ?
		    -(double)INFINITY : cv[round % (sizeof(cv) / sizeof(cv[0]))];
		for (i = 0; i < n; i++)
			assert_int_equal(sketch_add(&one, v), 0);
		assert_int_equal(sketch_add_n(&blk, v, n), 0);
	}
	assert_true(sketch_count(&one) > SKETCH_FLUSH);
	assert_same_sketch(&one, &blk);
	assert_same_double(sketch_mean(&one), sketch_mean(&blk));
	sketch_free(&one);
	sketch_free(&blk);
}

/* sketch_add_cols() (the batch's blocks: columns of consecutive values,
 * some constant) leaves each column's sketch as sketch_add() does, full
 * blocks and short ones. */
static void
test_sketch_add_cols_equals_one_by_one(void **state)
{
	struct sketch	 one[4], cols[4];
	double		 v[4 * SKETCH_BLOCK_MAX], u;
	uint64_t	 rs = 11;
	size_t		 i, m, n, round;

	(void)state;
	for (m = 0; m < 4; m++) {
		sketch_init(&one[m]);
		sketch_init(&cols[m]);
	}
	for (round = 0; round < 20000; round++) {
		n = round % 7 == 0 ? 1 + round % SKETCH_BLOCK_MAX :
		    SKETCH_BLOCK_MAX;
		for (i = 0; i < n; i++) {
			u = (double)(next_u64(&rs) >> 11) * 0x1p-53;
			v[i] = 3.0e5 * (1.0 + u);
			v[SKETCH_BLOCK_MAX + i] = u - 0.5;
			v[2 * SKETCH_BLOCK_MAX + i] = -42.5;	/* constant */
			v[3 * SKETCH_BLOCK_MAX + i] = -(7.0 + 1e-3 * u);
			for (m = 0; m < 4; m++)
				assert_int_equal(sketch_add(&one[m],
				    v[m * SKETCH_BLOCK_MAX + i]), 0);
		}
		assert_int_equal(sketch_add_cols(cols, v, SKETCH_BLOCK_MAX, n,
		    4, 1u << 2), 0);
	}
	for (m = 0; m < 4; m++) {
		assert_same_sketch(&one[m], &cols[m]);
		sketch_free(&one[m]);
		sketch_free(&cols[m]);
	}
}

/* ------------------------------------------------------- merge, sidecar */

struct fake {
	struct batch	*b;
	struct site	*sites;
	struct sweep_vary vary[1];
	double		 values[3];
};

/* 2 sites named with quotes and commas, 3 grid points, 100 draws. */
static void
fake_init(struct fake *f)
{
	size_t	 i;

	memset(f, 0, sizeof(*f));
	f->b = calloc(1, sizeof(*f->b));
	f->sites = calloc(2, sizeof(*f->sites));
	assert_non_null(f->b);
	assert_non_null(f->sites);
	snprintf(f->sites[0].name, sizeof(f->sites[0].name), "Say \"Hi\", x");
	snprintf(f->sites[1].name, sizeof(f->sites[1].name), "B\\n");
	f->values[0] = 1.1;
	f->values[1] = 1.25;
	f->values[2] = 1.4;
	snprintf(f->vary[0].path, sizeof(f->vary[0].path), "cooling.pue");
	f->vary[0].values = f->values;
	f->vary[0].nvalues = 3;
	f->b->nsites = 2;
	for (i = 0; i < 2; i++)
		f->b->sites[i].site = &f->sites[i];
	f->b->vary = f->vary;
	f->b->nvary = 1;
	f->b->grid_points = 3;
	f->b->per_point = 100;
	f->b->per_site = 300;
	f->b->total = 600;
	f->b->seed = 9;
}

static void
fake_free(struct fake *f)
{
	free(f->b);
	free(f->sites);
}

/* Deterministic outputs of scenario "id": spread, signed, some zeros. */
static void
fake_eval(uint64_t id, double *out)
{
	uint64_t s = id * 7919 + 1;
	size_t	 m;

	for (m = 0; m < emis_nmetrics; m++) {
		double	 v = (next_unit(&s) - 0.2) * pow(10.0, (double)(m % 7) - 2);

		if (m % 5 == 4 && id % 3 == 0)
			v = 0.0;
		if (m % 11 == 10)
			v = NAN;	/* a figure the catalog does not have */
		out[m] = v;
	}
}

/* Statistics of ids [a, b) of the fake sweep. */
static struct batch_stats *
fake_run(const struct fake *f, uint64_t a, uint64_t b)
{
	struct batch_stats *st = stats_new(f->b);
	double		*r = calloc(emis_nmetrics, sizeof(*r));
	struct batch_id	 at;
	uint64_t	 id;

	assert_non_null(st);
	assert_non_null(r);
	for (id = a; id < b; id++) {
		batch_id_split(f->b, id, &at);
		fake_eval(id, r);
		stats_add(st, at.site, at.point, r);
	}
	assert_int_equal(stats_cover(st, a, b), 0);
	free(r);
	return st;
}

/* The sidecar text of "st" (caller frees). */
static char *
saved(const struct batch_stats *st)
{
	struct err	 e;
	char		*buf = NULL;
	size_t		 len = 0;
	FILE		*fp = open_memstream(&buf, &len);

	assert_non_null(fp);
	assert_int_equal(batch_stats_save(fp, "mem", st, &e), 0);
	fclose(fp);
	return buf;
}

static void
test_merge_any_split_any_order_same_bytes(void **state)
{
	static const uint64_t cuts[][5] = {
		{ 0, 600, 600, 600, 600 },	/* one run */
		{ 0, 150, 300, 450, 600 },	/* four shards */
		{ 0, 1, 299, 301, 600 },	/* ragged, across sites */
	};
	struct fake	 f;
	struct err	 e;
	char		*want = NULL, *got;
	size_t		 c, i;

	(void)state;
	fake_init(&f);
	for (c = 0; c < sizeof(cuts) / sizeof(cuts[0]); c++) {
		struct batch_stats *acc = fake_run(&f, 0, 0), *part;

		/* merged last to first */
		for (i = 4; i-- > 0;) {
			part = fake_run(&f, cuts[c][i], cuts[c][i + 1]);
			assert_int_equal(batch_stats_merge(acc, part, "part", &e), 0);
			batch_stats_free(part);
		}
		assert_int_equal(batch_stats_covered(acc), 600);
		got = saved(acc);
		if (want == NULL)
			want = got;
		else {
			assert_string_equal(got, want);
			free(got);
		}
		batch_stats_free(acc);
	}
	free(want);
	fake_free(&f);
}

static void
test_merge_refuses_overlap_and_other_sweeps(void **state)
{
	struct fake	 f;
	struct batch_stats *a, *b2, *c;
	struct err	 e;

	(void)state;
	fake_init(&f);
	a = fake_run(&f, 0, 300);
	b2 = fake_run(&f, 200, 400);
	err_clear(&e);
	assert_int_equal(batch_stats_merge(a, b2, "b.json", &e), -1);
	assert_int_equal(e.code, ERR_CONFIG);
	assert_non_null(strstr(e.msg, "200"));
	f.b->seed = 10;
	c = fake_run(&f, 300, 600);
	err_clear(&e);
	assert_int_equal(batch_stats_merge(a, c, "c.json", &e), -1);
	assert_non_null(strstr(e.msg, "same sweep"));
	assert_string_equal(e.file, "c.json");
	batch_stats_free(a);
	batch_stats_free(b2);
	batch_stats_free(c);
	fake_free(&f);
}

static void
test_sidecar_round_trip(void **state)
{
	struct fake	 f;
	struct batch_stats *st, *back;
	struct batch_quant q1, q2;
	struct err	 e;
	char		*text, *again;
	FILE		*fp;

	(void)state;
	fake_init(&f);
	st = fake_run(&f, 17, 555);
	text = saved(st);
	fp = fmemopen(text, strlen(text), "r");
	assert_non_null(fp);
	back = batch_stats_load(fp, "mem", &e);
	fclose(fp);
	assert_non_null(back);
	again = saved(back);
	assert_string_equal(again, text);
	assert_string_equal(batch_stats_site_name(back, 0), "Say \"Hi\", x");
	assert_string_equal(batch_stats_site_name(back, 1), "B\\n");
	assert_int_equal(batch_stats_npoints(back), 3);
	assert_int_equal(batch_stats_covered(back), 555 - 17);
	batch_stats_get(st, 1, 3, &q1);
	batch_stats_get(back, 1, 3, &q2);
	assert_memory_equal(&q1, &q2, sizeof(q1));
	free(text);
	free(again);
	batch_stats_free(st);
	batch_stats_free(back);
	fake_free(&f);
}

static void
test_sidecar_bad_input_names_line(void **state)
{
	static const struct { const char *text; int line; const char *needle; } cases[] = {
		{ "hello\n", 1, "not a summary sketch" },
		{ "dcimpact-summary-sketch 1\nmetrics 2 a b\n", 2, "another version" },
		{ "dcimpact-summary-sketch 1\n", 2, "end of file" },
	};
	struct batch_stats *st;
	struct err	 e;
	size_t		 i;
	FILE		*fp;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		fp = fmemopen((void *)(uintptr_t)cases[i].text,
		    strlen(cases[i].text), "r");
		assert_non_null(fp);
		err_clear(&e);
		st = batch_stats_load(fp, "x.sketch", &e);
		fclose(fp);
		assert_null(st);
		assert_int_equal(e.code, ERR_CONFIG);
		assert_int_equal(e.line, cases[i].line);
		assert_string_equal(e.file, "x.sketch");
		assert_non_null(strstr(e.msg, cases[i].needle));
	}
}

/* ---------------------------------------------------------------- fmt */

/* fmt_sig6(v) against snprintf("%.6g"): the same value (strtod), the
 * same bytes where %.6g writes no exponent (decimal exponent -4 to 5), an
 * exponent exactly outside -5 to 14, no trailing zero. */
static void
check_sig6(double v)
{
	char	 want[64], got[FMT_SIG6_MAX + 1], *e;
	int	 n = fmt_sig6(v, got), x;

	got[n] = '\0';
	snprintf(want, sizeof(want), "%.6g", v);
	if (islessgreater(strtod(got, NULL), strtod(want, NULL)))
		goto bad;
	if (strchr(want, 'e') == NULL && strcmp(got, want) != 0 &&
	    !(fpclassify(v) == FP_ZERO && strcmp(got, "0") == 0))
		goto bad;
	x = (e = strchr(want, 'e')) != NULL ? atoi(e + 1) : 0;
	if ((strchr(got, 'e') != NULL) != (x < -5 || x > 14))
		goto bad;
	if (strchr(got, '.') != NULL && strchr(got, 'e') == NULL &&
	    got[n - 1] == '0')
		goto bad;
	return;
bad:
	print_error("fmt_sig6(%a) = \"%s\", %%.6g gives \"%s\"\n", v, got, want);
	fail();
}

static void
test_fmt_sig6_table_of_halfway_cases(void **state)
{
	static const struct { double v; const char *want; } cases[] = {
		{ 123456.5, "123456" },		/* exact tie: to even */
		{ 123457.5, "123458" },
		{ 99999.95, "99999.9" },	/* the double is below the tie */
		{ 999999.5, "1000000" },	/* tie, even: 1.00000e+06 */
		{ 0.5, "0.5" },
		{ 2.5e-5, "0.000025" },
		{ 1.234565e-6, "1.23457e-06" },	/* above the tie in binary */
		{ 0.0001, "0.0001" },
		{ 123456, "123456" },
		{ 1234567, "1234570" },
		{ 30659150.0, "30659200" },	/* tie, even: 3.06592e+07 */
		{ 1e15, "1e+15" },
		{ 999999500000000.0, "1e+15" },	/* rounds up past 14 */
		{ -0.0, "0" },
		{ 0.0, "0" },
		{ 1.0000005, "1" },		/* below the tie in binary */
		{ 8.5, "8.5" },
		{ 1e-300, "1e-300" },
		{ 1.7976931348623157e308, "1.79769e+308" },
		{ 4.9406564584124654e-324, "4.94066e-324" },
		{ 100000.5, "100000" },		/* tie, even */
		{ 100001.5, "100002" },
	};
	char	 got[FMT_SIG6_MAX + 1];
	size_t	 i;
	int	 n;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		n = fmt_sig6(cases[i].v, got);
		got[n] = '\0';
		assert_string_equal(got, cases[i].want);
		check_sig6(cases[i].v);
		check_sig6(-cases[i].v);
	}
	assert_int_equal(fmt_sig6(NAN, got), 0);
	assert_int_equal(fmt_sig6(-INFINITY, got), 0);
}

static void
test_fmt_sig6_equals_printf_on_random_doubles(void **state)
{
	uint64_t s = 7, bits;
	double	 v;
	long	 i, k;

	(void)state;
	for (i = 0; i < 3000000; i++) {
		switch (i % 4) {
		case 0:		/* any finite bit pattern */
			do {
				bits = next_u64(&s);
				memcpy(&v, &bits, sizeof(v));
			} while (!isfinite(v));
			break;
		case 1:		/* the outputs' range, 1e-6 to 1e12 */
			v = pow(10.0, -6.0 + 18.0 * next_unit(&s));
			break;
		case 2:		/* near six-digit ties: d.ddddd5 x 10^k */
			k = (long)(next_u64(&s) % 30) - 15;
			v = ((double)(100000 + next_u64(&s) % 900000) + 0.5) *
			    pow(10.0, (double)k);
			break;
		default:	/* short decimals, as grid values are */
			v = (double)(next_u64(&s) % 100000) / 1000.0;
			break;
		}
		check_sig6(v);
	}
}

/* fmt_sig6_cells() against fmt_sig6() one value at a time: the same
 * length and bytes in every cell, for blocks of every size 1 to 64 of
 * the random values above, the halfway table, both zeros, NaN, the
 * infinities, subnormals, the ends of the range and the doubles next to
 * each power of ten (where the exponent's guess is one short). */
static void
test_fmt_sig6_cells_equal_fmt_sig6(void **state)
{
	static const double special[] = {
		0.0, -0.0, NAN, INFINITY, -INFINITY, 4.9406564584124654e-324,
		-2.2250738585072009e-308, 1.7976931348623157e308, 1e-300,
		123456.5, 99999.95, 999999.5, 30659150.0, 999999500000000.0,
		1.0000005, 100000.5, 2.5e-5, 1e15, 1e-17, 6e26, 1e27, 1e-18
	};
	double	 v[FMT_CELLS_MAX], p10;
	char	 cell[FMT_CELLS_MAX][FMT_CELL], want[FMT_SIG6_MAX];
	unsigned char len[FMT_CELLS_MAX];
	uint64_t s = 11, bits;
	size_t	 i, n, nv, round;
	int	 k, w;

	(void)state;
	for (round = 0; round < 40000; round++) {
		n = 1 + round % FMT_CELLS_MAX;
		for (i = 0; i < n; i++) {
			switch ((round + i) % 5) {
			case 0:
				do {
					bits = next_u64(&s);
					memcpy(&v[i], &bits, sizeof(v[i]));
				} while (!isfinite(v[i]));
				break;
			case 1:
				v[i] = pow(10.0, -6.0 + 18.0 * next_unit(&s));
				break;
			case 2:
				k = (int)(next_u64(&s) % 30) - 15;
				v[i] = ((double)(100000 + next_u64(&s) % 900000) +
				    0.5) * pow(10.0, (double)k);
				break;
			case 3:		/* next to a power of ten */
				k = (int)(next_u64(&s) % 60) - 25;
				p10 = pow(10.0, (double)k);
				v[i] = next_u64(&s) & 1 ? nextafter(p10, 0.0) :
				    nextafter(p10, INFINITY);
				break;
			default:
				v[i] = special[next_u64(&s) %
				    (sizeof(special) / sizeof(special[0]))];
				break;
			}
			if (next_u64(&s) & 1)
				v[i] = -v[i];
		}
		nv = n;
		fmt_sig6_cells(v, nv, cell, len);
		for (i = 0; i < n; i++) {
			w = fmt_sig6(v[i], want);
			if (len[i] != w || memcmp(cell[i], want, (size_t)w) != 0) {
				print_error("fmt_sig6_cells(%a) = \"%.*s\", "
				    "fmt_sig6 \"%.*s\"\n", v[i], len[i], cell[i],
				    w, want);
				fail();
			}
		}
	}
}

static void
test_fmt_quote_csv_and_json(void **state)
{
	char	 buf[64];
	size_t	 n;

	(void)state;
	n = fmt_quote(buf, sizeof(buf), "Say \"Hi\", x", FMT_CSV);
	assert_string_equal(buf, "\"Say \"\"Hi\"\", x\"");
	assert_int_equal(n, strlen(buf));
	fmt_quote(buf, sizeof(buf), "Say \"Hi\", x\\\n\t", FMT_JSON);
	assert_string_equal(buf, "\"Say \\\"Hi\\\", x\\\\\\n\\u0009\"");
	/* too small: truncated like snprintf, the full length returned */
	n = fmt_quote(buf, 5, "abcdef", FMT_CSV);
	assert_int_equal(n, 8);
	assert_string_equal(buf, "\"abc");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_id_split_site_point_draw),
		cmocka_unit_test(test_sketch_quantiles_within_accuracy),
		cmocka_unit_test(test_sketch_mean_is_exact),
		cmocka_unit_test(test_sketch_sum_survives_flushes_and_merges),
		cmocka_unit_test(test_sketch_add_block_equals_one_by_one),
		cmocka_unit_test(test_sketch_add_n_equals_one_by_one),
		cmocka_unit_test(test_sketch_add_cols_equals_one_by_one),
		cmocka_unit_test(test_id_next_walks_like_split),
		cmocka_unit_test(test_uniform_stream_equals_rng_uniform),
		cmocka_unit_test(test_merge_any_split_any_order_same_bytes),
		cmocka_unit_test(test_merge_refuses_overlap_and_other_sweeps),
		cmocka_unit_test(test_sidecar_round_trip),
		cmocka_unit_test(test_sidecar_bad_input_names_line),
		cmocka_unit_test(test_fmt_sig6_table_of_halfway_cases),
		cmocka_unit_test(test_fmt_sig6_equals_printf_on_random_doubles),
		cmocka_unit_test(test_fmt_sig6_cells_equal_fmt_sig6),
		cmocka_unit_test(test_fmt_quote_csv_and_json),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
