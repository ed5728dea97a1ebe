/* dcimpact batch: a sweep's scenarios as CSV rows and a summary;
 * dcimpact merge: shard summaries into the summary of one run. The
 * progress bar and the Ctrl-C handling live here: batch/ only takes hooks. */
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "batch/batch.h"
#include "cli/cli.h"
#include "common/atomic.h"
#include "common/err.h"
#include "common/fmt.h"

/* Beyond this many rows the output would be terabytes: refuse. */
#define MAX_ROWS	4000000000ULL
#define SIDECAR_EXT	".sketch"

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

/* The progress bar on stderr: done/total, rate, ETA, at most 5 a second. */
struct progress {
	uint64_t	 start, end;
	double		 t0, last;
	int		 shown;
};

static void
progress_show(struct progress *pr, uint64_t done, int final)
{
	double	 el = now_s() - pr->t0;
	double	 rate = el > 0 ? (double)(done - pr->start) / el : 0;
	double	 frac = pr->end > pr->start ? (double)(done - pr->start) /
	    (double)(pr->end - pr->start) : 1.0;
	char	 bar[31];
	int	 i, fill = (int)(frac * 30);

	for (i = 0; i < 30; i++)
		bar[i] = i < fill ? '#' : '.';
	bar[30] = '\0';
	fprintf(stderr, "\r[%s] %llu/%llu scenarios  %.3g/s  ETA %.0f s   %s",
	    bar, (unsigned long long)(done - pr->start),
	    (unsigned long long)(pr->end - pr->start), rate,
	    rate > 0 ? (double)(pr->end - done) / rate : 0.0, final ? "\n" : "");
	pr->shown = 1;
}

static void
on_progress(void *arg, uint64_t done)
{
	struct progress	*pr = arg;
	double		 t = now_s();

	if (t - pr->last > 0.2) {
		progress_show(pr, done, 0);
		pr->last = t;
	}
}

/* Six significant digits, or "null" (JSON) / nothing (CSV). */
static void
put_num(FILE *fp, double v, int json)
{
	char	 buf[FMT_SIG6_MAX + 1];
	int	 n = fmt_sig6(v, buf);

	if (n == 0 && json)
		fputs("null", fp);
	else
		fwrite(buf, 1, (size_t)n, fp);
}

/* The name behind varied value "v" of a setting named by names
 * (grid_basis, grid_scenario: the index resolved by cli_sweep_grid_names()), or
 * NULL for a number. "cats" may be NULL when no scenario is varied. */
static const char *
vary_name(const struct emis_catalogs *cats, const char *path, double v)
{
	if (strcmp(path, "grid_basis") == 0)
		return batch_vary_label(cats, SWEEP_GRID_BASIS, v);
	if (strcmp(path, "grid_scenario") == 0)
		return batch_vary_label(cats, SWEEP_GRID_SCENARIO, v);
	return NULL;
}

/* A varied value: its name quoted, or the number. */
static void
put_varied(FILE *fp, const struct emis_catalogs *cats, const char *path,
    double v, int json)
{
	const char *name = vary_name(cats, path, v);

	if (name != NULL)
		fmt_quote_file(fp, name, json ? FMT_JSON : FMT_CSV);
	else
		put_num(fp, v, json);
}

/* The names of the grid settings a sweep varies, resolved against the
 * data into their values (the basis' and the Cambium scenario's index):
 * sites/ cannot see emissions/. An unknown name is an error at the line
 * of its values, naming the valid ones. */
int
cli_sweep_grid_names(struct sweep *sw, const struct emis_catalogs *cats,
    struct err *e)
{
	char	 list[400];
	size_t	 k, j, n;
	int	 v;

	for (k = 0; k < sw->nvary; k++) {
		struct sweep_vary *vv = &sw->vary[k];

		for (j = 0; vv->names != NULL && j < vv->nvalues; j++) {
			if (vv->kind == SWEEP_GRID_BASIS) {
				if ((v = emis_basis_find(vv->names[j])) >= 0) {
					vv->values[j] = v;
					continue;
				}
				for (v = 0, n = 0; v < EMIS_NBASES && n < sizeof(list); v++)
					n += (size_t)snprintf(list + n, sizeof(list) - n,
					    "%s%s", v ? ", " : "", emis_basis_keys[v]);
				return err_set(e, ERR_CONFIG, sw->file, vv->values_line,
				    "vary[%zu].values: unknown grid basis \"%s\" "
				    "(expected one of %s)", k, vv->names[j], list);
			}
			if ((v = cambium_scenario_find(cats->cambium,
			    vv->names[j])) >= 0) {
				vv->values[j] = v;
				continue;
			}
			return err_set(e, ERR_CONFIG, sw->file, vv->values_line,
			    "vary[%zu].values: unknown Cambium scenario \"%s\" "
			    "(expected one of %s)", k, vv->names[j],
			    cambium_scenario_list(cats->cambium, list, sizeof(list)));
		}
	}
	return 0;
}

/* One summary row: site, the varied values (NULL: every grid point),
 * metric and statistics. */
static void
summary_row(FILE *fp, int json, const struct batch_stats *st,
    const struct emis_catalogs *cats, size_t s, const double *varied,
    size_t m, const struct batch_quant *q, int first)
{
	const double	 x[6] = { q->mean, q->p5, q->p50, q->p95, q->min, q->max };
	static const char *const keys[6] = { "mean", "p5", "p50", "p95", "min",
	    "max" };
	size_t		 k, nvary = batch_stats_nvary(st);

	if (json) {
		fputs(first ? "    {\"site\": " : ",\n    {\"site\": ", fp);
		fmt_quote_file(fp, batch_stats_site_name(st, s), FMT_JSON);
		for (k = 0; k < nvary; k++) {
			fputs(", ", fp);
			fmt_quote_file(fp, batch_stats_vary_path(st, k), FMT_JSON);
			fputs(": ", fp);
			if (varied != NULL)
				put_varied(fp, cats, batch_stats_vary_path(st, k),
				    varied[k], 1);
			else
				fputs("null", fp);
		}
		fprintf(fp, ", \"metric\": \"%s\", \"n\": %" PRIu64,
		    emis_metrics[m].key, q->n);
		for (k = 0; k < 6; k++) {
			fprintf(fp, ", \"%s\": ", keys[k]);
			put_num(fp, x[k], 1);
		}
		fputc('}', fp);
		return;
	}
	fmt_quote_file(fp, batch_stats_site_name(st, s), FMT_CSV);
	for (k = 0; k < nvary; k++) {
		fputc(',', fp);
		if (varied != NULL)
			put_varied(fp, cats, batch_stats_vary_path(st, k),
			    varied[k], 0);
	}
	fprintf(fp, ",%s,%" PRIu64, emis_metrics[m].key, q->n);
	for (k = 0; k < 6; k++) {
		fputc(',', fp);
		put_num(fp, x[k], 0);
	}
	fputc('\n', fp);
}

/*
 * The summary: per site over every scenario covered (varied values empty
 * or null), then per site and grid point. CSV starts with comment rows
 * (#) that state the coverage and the method; JSON has them as fields.
 * Everything comes from "st", so a merge writes the same bytes as one run.
 */
static void
summary_write(FILE *fp, int json, const struct batch_stats *st,
    const struct emis_catalogs *cats)
{
	struct batch_quant q;
	double		 varied[SWEEP_MAX_VARY];
	uint64_t	 covered = batch_stats_covered(st);
	uint64_t	 total = batch_stats_total(st), p;
	uint64_t	 npoints = batch_stats_npoints(st);
	size_t		 s, m, k, nvary = batch_stats_nvary(st);
	int		 first = 1, dropped = nvary > 0 && npoints == 0;

	if (json) {
		fprintf(fp, "{\n  \"scenarios\": %" PRIu64 ",\n  \"total\": %"
		    PRIu64 ",\n  \"partial\": %s,\n  \"method\": \"%s\",\n"
		    "  \"relative_accuracy\": ", covered, total,
		    covered < total ? "true" : "false", BATCH_SKETCH_METHOD);
		put_num(fp, BATCH_SKETCH_REL_ACCURACY, 1);
		fputs(",\n  \"vary\": [", fp);
		for (k = 0; k < nvary; k++) {
			if (k > 0)
				fputs(", ", fp);
			fmt_quote_file(fp, batch_stats_vary_path(st, k), FMT_JSON);
		}
		fprintf(fp, "],\n  \"per_grid_point\": %s,\n  \"rows\": [\n",
		    npoints > 0 ? "true" : "false");
	} else {
		fprintf(fp, "# dcimpact batch summary: %" PRIu64 " of %" PRIu64
		    " scenarios%s\n# quantiles: %s\n", covered, total,
		    covered < total ? " (partial)" : "", BATCH_SKETCH_METHOD);
		if (dropped)
			fprintf(fp, "# per grid point: not kept (sites x grid "
			    "points > %d)\n", BATCH_MAX_CELLS);
		fputs("site", fp);
		for (k = 0; k < nvary; k++) {
			fputc(',', fp);
			fputs(batch_stats_vary_path(st, k), fp);
		}
		fputs(",metric,n,mean,p5,p50,p95,min,max\n", fp);
	}
	for (s = 0; s < batch_stats_nsites(st); s++) {
		for (m = 0; m < emis_nmetrics; m++, first = 0) {
			batch_stats_get(st, s, m, &q);
			summary_row(fp, json, st, cats, s, NULL, m, &q, first);
		}
		for (p = 0; p < npoints; p++) {
			batch_stats_point_values(st, p, varied);
			for (m = 0; m < emis_nmetrics; m++) {
				batch_stats_get_point(st, s, p, m, &q);
				summary_row(fp, json, st, cats, s, varied, m, &q, 0);
			}
		}
	}
	if (json)
		fputs("\n  ]\n}\n", fp);
}

/* The summary at "path" (JSON when it ends in .json, else CSV) and, unless
 * it goes to standard output, its sketches at "path.sketch". "cats" names
 * varied Cambium scenarios (may be NULL when none is varied). */
static int
summary_save(const char *path, const struct batch_stats *st,
    const struct emis_catalogs *cats, struct err *e)
{
	struct atomic_file f;
	const char	*dot = strrchr(path, '.');
	char		 side[1024];

	if (strcmp(path, "-") != 0) {
		if (snprintf(side, sizeof(side), "%s%s", path, SIDECAR_EXT) >=
		    (int)sizeof(side))
			return err_set(e, ERR_USAGE, path, 0, "path too long");
		if (atomic_open(&f, side, e) == -1)
			return -1;
		if (batch_stats_save(f.fp, side, st, e) == -1) {
			atomic_discard(&f);
			return -1;
		}
		if (atomic_commit(&f, e) == -1)
			return -1;
	}
	if (atomic_open(&f, path, e) == -1)
		return -1;
	summary_write(f.fp, dot != NULL && strcasecmp(dot, ".json") == 0, st,
	    cats);
	return atomic_commit(&f, e);
}

/* When the sweep varies grid settings: the references of site "bs"
 * (made for the command line's options) under each grid context, from its
 * place found once, into *out (the caller frees it). The health year follows a varied year unless
 * --health-year fixed it, as estimate --year does. */
static int
context_refs(const struct cli_env *env, const struct cli_opts *o,
    const struct sweep *sw, const struct geo_place *place,
    struct batch_site *bs, struct emis_refs **out, struct err *e)
{
	struct emis_options eo;
	struct emis_refs *r;
	size_t		 c, n = batch_ncontexts(sw->vary, sw->nvary);
	int		 year;

	/* none, or too many: batch_init() says so */
	if (n <= 1 || sw->nsites == 0 || n > BATCH_MAX_KERNELS / sw->nsites)
		return 0;
	if ((r = calloc(n, sizeof(*r))) == NULL)
		return err_set(e, ERR_NOMEM, NULL, 0, "out of memory");
	*out = r;
	bs->ctx_refs = r;
	for (c = 0; c < n; c++) {
		batch_context(&env->eopts, sw->year, sw->vary, sw->nvary, c, &eo,
		    &year);
		if (o->health_year == 0 && year != 0)
			eo.health_year = year;
		r[c] = bs->refs;
		if (cli_site_refs(env, bs->site, place, &eo, &r[c], e) == -1)
			return -1;
	}
	return 0;
}

static int
ends_with(const char *s, const char *tail)
{
	size_t	 n = strlen(s), k = strlen(tail);

	return n >= k && strcasecmp(s + n - k, tail) == 0;
}

static int
usage(const char *msg)
{
	fprintf(stderr, "%s batch: %s\n", cli_progname, msg);
	return CLI_BAD_INPUT;
}

int
cli_cmd_batch(int argc, char **argv)
{
	struct cli_opts	 o;
	struct cli_env	 env;
	struct sweep	*sw = NULL;
	struct batch	*b = NULL;
	struct batch_site bs[SWEEP_MAX_SITES];
	struct emis_refs *ctx_refs[SWEEP_MAX_SITES];	/* bs[i].ctx_refs */
	struct batch_run_opts ro;
	struct batch_hooks hooks;
	struct progress	 pr;
	struct batch_result res;
	struct atomic_file out;
	struct sigaction sa, old_int, old_term;
	struct err	 e;
	uint64_t	 samples, lo, hi;
	size_t		 i;
	int		 first, rc = CLI_BAD_INPUT, have_env = 0, opened = 0, failed;

	memset(&res, 0, sizeof(res));
	memset(bs, 0, sizeof(bs));
	memset(ctx_refs, 0, sizeof(ctx_refs));
	if ((first = cli_parse(argc, argv, "batch", " output jobs samples seed "
	    "shard summary no-rows start catalog-uncertainty gwp grid-factors "
	    "grid-basis grid-scenario health health-year allow-include-outside ",
	    &o)) == -1)
		return CLI_BAD_INPUT;
	if (argc - first != 1)
		return usage("expected one SWEEP.cfg and -o OUT.csv (or "
		    "--no-rows with --summary OUT.json|csv)");
	if (o.no_rows && o.summary_path == NULL)
		return usage("--no-rows without --summary would write nothing: "
		    "add --summary OUT.json|csv");
	if (o.no_rows && o.out_path != NULL)
		return usage("-o names the rows' file, and --no-rows writes no "
		    "rows: drop one of them");
	if (!o.no_rows && o.out_path == NULL)
		return usage("expected -o OUT.csv (or --no-rows with --summary "
		    "OUT.json|csv)");
	if (o.out_path != NULL && ends_with(o.out_path, ".json"))
		return usage("rows are written as CSV only: use -o OUT.csv "
		    "(for a JSON summary, --summary OUT.json)");
	err_clear(&e);
	if (cli_env_load(&env, &o, &e) == -1)
		return cli_report(&e);
	have_env = 1;
	if ((sw = sweep_load_file_flags(argv[first], cli_cfg_flags(&o),
	    &e)) == NULL || cli_sweep_grid_names(sw, &env.cats, &e) == -1)
		goto fail;
	/* the sweep's year is estimate's --year: the phase, Cambium's year
	 * and the health year */
	if (sw->year != 0) {
		env.eopts.grid_year = sw->year;
		if (o.health_year == 0)
			env.eopts.health_year = sw->year;
	}
	for (i = 0; i < sw->nsites; i++) {
		struct geo_place place;

		bs[i].site = sw->sites[i];
		bs[i].rack_from_catalog = !sw->sites[i]->rack_inline;
		if (est_site_rack(&env.racks, sw->sites[i], &bs[i].rack, &e) == -1 ||
		    emis_resolve(&env.cats, sw->sites[i], &bs[i].refs, &e) == -1 ||
		    cli_site_place(&env, sw->sites[i], &place, &bs[i].refs,
		    &e) == -1 ||
		    context_refs(&env, &o, sw, &place, &bs[i], &ctx_refs[i],
		    &e) == -1)
			goto fail;
	}
	samples = o.samples >= 0 ? (uint64_t)o.samples : sw->samples;
	if ((b = malloc(sizeof(*b))) == NULL) {
		err_set(&e, ERR_NOMEM, NULL, 0, "out of memory");
		goto fail;
	}
	if (batch_init(b, &env.cats, &env.eopts, bs, sw->nsites, sw->vary,
	    sw->nvary, samples, o.seed >= 0 ? (uint64_t)o.seed : sw->seed,
	    sw->year, o.catalog_uncertainty || sw->catalog_uncertainty, &e) == -1) {
		if (e.file[0] == '\0')
			snprintf(e.file, sizeof(e.file), "%s", argv[first]);
		goto fail;
	}
	/* the shard's ids: contiguous, so the shards joined in order are the
	 * whole output */
	lo = 0;
	hi = b->total;
	if (o.shard_n > 0) {
		/* floor(total x k / n) without overflow: q n k + r k, r < n */
		uint64_t n = (uint64_t)o.shard_n, q = b->total / n, r = b->total % n;

		lo = q * (uint64_t)(o.shard_k - 1) + r * (uint64_t)(o.shard_k - 1) / n;
		hi = q * (uint64_t)o.shard_k + r * (uint64_t)o.shard_k / n;
		if (lo == hi)
			fprintf(stderr, "%s batch: shard %ld/%ld has no scenarios "
			    "(the sweep has %llu for %ld shards); its output is "
			    "empty\n", cli_progname, o.shard_k, o.shard_n,
			    (unsigned long long)b->total, o.shard_n);
	}
	memset(&ro, 0, sizeof(ro));
	ro.start = lo;
	ro.end = hi;
	if (o.start >= 0) {
		if ((uint64_t)o.start < lo || (uint64_t)o.start > hi) {
			err_set(&e, ERR_USAGE, NULL, 0, "--start %lld is outside the "
			    "scenarios of this run (%llu to %llu)", o.start,
			    (unsigned long long)lo, (unsigned long long)hi);
			goto fail;
		}
		ro.start = (uint64_t)o.start;
	}
	if (!o.no_rows && ro.end - ro.start > MAX_ROWS) {
		err_set(&e, ERR_USAGE, argv[first], 0, "%llu scenarios would write "
		    "%llu CSV rows (about %.0f GB at 250 bytes a row); use --no-rows "
		    "with --summary "
		    "for statistics, or --shard K/N to split the rows",
		    (unsigned long long)b->total, (unsigned long long)(ro.end - ro.start),
		    (double)(ro.end - ro.start) * 250.0 / 1e9);
		goto fail;
	}
	ro.threads = o.threads;
	ro.rows = !o.no_rows;
	/* one header: in the first shard with rows, not when resuming */
	ro.header = ro.start == 0;
	memset(&pr, 0, sizeof(pr));
	pr.start = ro.start;
	pr.end = ro.end;
	pr.t0 = now_s();
	memset(&hooks, 0, sizeof(hooks));
	hooks.progress = isatty(2) ? on_progress : NULL;
	hooks.arg = &pr;
	hooks.stop = &stop_flag;
	ro.hooks = &hooks;
	if (ro.rows) {
		if (atomic_open(&out, o.out_path, &e) == -1) {
			rc = CLI_FAIL;
			goto fail_io;
		}
		opened = 1;
		/* rows are a stream: 356 MB a million, more than this disk
		 * persists in the run's time; the rename still makes the file
		 * appear whole, and `sync FILE` waits for the disk if asked */
		out.nosync = 1;
		ro.out = out.fp;
		ro.out_name = o.out_path;
	}
	/* Ctrl-C or SIGTERM: stop after complete rows, keep them */
	stop_flag = 0;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, &old_int);
	sigaction(SIGTERM, &sa, &old_term);
	failed = batch_run(b, &ro, &res, &e) == -1;
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGTERM, &old_term, NULL);
	if (pr.shown)
		progress_show(&pr, res.done_until, 1);
	if (failed) {
		if (opened)
			atomic_discard(&out);
		rc = e.code == ERR_IO ? CLI_FAIL : CLI_BAD_INPUT;
		goto fail_io;
	}
	if (opened && atomic_commit(&out, &e) == -1) {
		rc = CLI_FAIL;
		goto fail_io;
	}
	/* an interrupted run's summary covers exactly the rows written */
	if (o.summary_path != NULL &&
	    summary_save(o.summary_path, res.stats, &env.cats, &e) == -1) {
		rc = CLI_FAIL;
		goto fail_io;
	}
	if (res.interrupted) {
		if (ro.rows)
			fprintf(stderr, "%s batch: interrupted; %llu complete rows "
			    "written%s. Resume with: --start %llu (and join the "
			    "outputs with cat%s)\n", cli_progname,
			    (unsigned long long)(res.done_until - ro.start),
			    o.summary_path != NULL ? " (the summary covers them and "
			    "says partial)" : "", (unsigned long long)res.done_until,
			    o.summary_path != NULL ? ", the summaries with dcimpact "
			    "merge" : "");
		else
			fprintf(stderr, "%s batch: interrupted; the summary covers "
			    "%llu scenarios and says partial. Resume with: --start "
			    "%llu (and join the summaries with dcimpact merge)\n",
			    cli_progname,
			    (unsigned long long)(res.done_until - ro.start),
			    (unsigned long long)res.done_until);
		rc = CLI_FAIL;
	} else {
		rc = CLI_OK;
	}
	goto done;
fail_io:
	cli_report(&e);
	goto done;
fail:
	rc = cli_report(&e);
done:
	batch_stats_free(res.stats);
	if (b != NULL)
		batch_fini(b);
	free(b);
	for (i = 0; i < SWEEP_MAX_SITES; i++)
		free(ctx_refs[i]);
	sweep_free(sw);
	if (have_env)
		cli_env_free(&env);
	return rc;
}

/* The sketches of summary "path": path.sketch, or path itself when it
 * ends in .sketch. */
static struct batch_stats *
sidecar_load(const char *path, struct err *e)
{
	struct batch_stats *st;
	char		 side[1024];
	FILE		*fp;

	if (snprintf(side, sizeof(side), "%s%s", path, ends_with(path,
	    SIDECAR_EXT) ? "" : SIDECAR_EXT) >= (int)sizeof(side)) {
		err_set(e, ERR_USAGE, path, 0, "path too long");
		return NULL;
	}
	if ((fp = fopen(side, "r")) == NULL) {
		err_set(e, ERR_CONFIG, side, 0, "cannot read the summary's "
		    "sketches: %s (dcimpact batch --summary writes them beside "
		    "the summary)", strerror(errno));
		return NULL;
	}
	st = batch_stats_load(fp, side, e);
	fclose(fp);
	return st;
}

int
cli_cmd_merge(int argc, char **argv)
{
	struct cli_opts	 o;
	struct cli_env	 env;
	struct batch_stats *acc = NULL, *st;
	struct err	 e;
	uint64_t	 covered, total;
	size_t		 k;
	int		 first, i, rc, have_env = 0;

	if ((first = cli_parse(argc, argv, "merge", " output ", &o)) == -1)
		return CLI_BAD_INPUT;
	if (argc - first < 1 || o.out_path == NULL) {
		fprintf(stderr, "%s merge: expected SUMMARY... -o OUT.json|csv\n",
		    cli_progname);
		return CLI_BAD_INPUT;
	}
	err_clear(&e);
	for (i = first; i < argc; i++) {
		if ((st = sidecar_load(argv[i], &e)) == NULL)
			goto fail;
		if (acc == NULL) {
			acc = st;
			continue;
		}
		if (batch_stats_merge(acc, st, argv[i], &e) == -1) {
			batch_stats_free(st);
			goto fail;
		}
		batch_stats_free(st);
	}
	/* the names of varied Cambium scenarios come from the data */
	for (k = 0; k < batch_stats_nvary(acc) && !have_env; k++)
		if (strcmp(batch_stats_vary_path(acc, k), "grid_scenario") == 0) {
			if (cli_env_load(&env, &o, &e) == -1)
				goto fail;
			have_env = 1;
		}
	if (summary_save(o.out_path, acc, have_env ? &env.cats : NULL, &e) == -1)
		goto fail;
	covered = batch_stats_covered(acc);
	total = batch_stats_total(acc);
	if (covered < total)
		fprintf(stderr, "%s merge: the summaries cover %llu of the "
		    "sweep's %llu scenarios: %s says partial\n", cli_progname,
		    (unsigned long long)covered, (unsigned long long)total,
		    o.out_path);
	batch_stats_free(acc);
	if (have_env)
		cli_env_free(&env);
	return CLI_OK;
fail:
	rc = cli_report(&e);
	batch_stats_free(acc);
	if (have_env)
		cli_env_free(&env);
	return rc;
}
