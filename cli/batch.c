/* dcimpact batch: a sweep's scenarios as CSV rows and a summary. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "batch/batch.h"
#include "cli/cli.h"
#include "common/atomic.h"
#include "common/err.h"

/* Beyond this many rows the output would be terabytes: refuse. */
#define MAX_ROWS	4000000000ULL

static int
write_summary(const char *path, const struct batch *b,
    const struct batch_stats *s, struct err *e)
{
	struct atomic_file f;
	const char	*dot = strrchr(path, '.');

	if (atomic_open(&f, path, e) == -1)
		return -1;
	batch_summary_write(f.fp, dot != NULL && strcmp(dot, ".json") == 0, b, s);
	return atomic_commit(&f, e);
}

int
cli_cmd_batch(int argc, char **argv)
{
	struct cli_opts	 o;
	struct cli_env	 env;
	struct sweep	*sw = NULL;
	struct batch	*b = NULL;
	struct batch_site bs[SWEEP_MAX_SITES];
	struct batch_run_opts ro;
	struct batch_result res;
	struct atomic_file out;
	struct err	 e;
	uint64_t	 samples, lo, hi;
	size_t		 i;
	int		 first, rc = CLI_BAD_INPUT, have_env = 0, opened = 0;

	memset(&res, 0, sizeof(res));
	if ((first = cli_parse(argc, argv, "batch", " output jobs samples seed "
	    "shard summary no-rows start catalog-uncertainty gwp grid-factors "
	    "allow-include-outside ",
	    &o)) == -1)
		return CLI_BAD_INPUT;
	if (argc - first != 1 || (o.out_path == NULL && !o.no_rows)) {
		fprintf(stderr, "%s batch: expected one SWEEP.cfg and -o OUT.csv "
		    "(or --no-rows with --summary)\n", cli_progname);
		return CLI_BAD_INPUT;
	}
	err_clear(&e);
	if (cli_env_load(&env, &o, &e) == -1)
		return cli_report(&e);
	have_env = 1;
	if ((sw = sweep_load_file(argv[first], &e)) == NULL)
		goto fail;
	memset(bs, 0, sizeof(bs));
	for (i = 0; i < sw->nsites; i++) {
		bs[i].site = sw->sites[i];
		bs[i].rack_from_catalog = !sw->sites[i]->rack_inline;
		if (est_site_rack(&env.racks, sw->sites[i], &bs[i].rack, &e) == -1 ||
		    emis_resolve(&env.cats, sw->sites[i], &bs[i].refs, &e) == -1)
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
	/* one header: in the first shard, not when resuming */
	ro.header = ro.start == 0;
	ro.progress = isatty(2);
	if (ro.rows) {
		if (atomic_open(&out, o.out_path, &e) == -1) {
			rc = CLI_FAIL;
			goto fail_io;
		}
		opened = 1;
		ro.out = out.fp;
		ro.out_name = o.out_path;
	}
	if (batch_run(b, &ro, &res, &e) == -1) {
		if (opened)
			atomic_discard(&out);
		rc = e.code == ERR_IO ? CLI_FAIL : CLI_BAD_INPUT;
		goto fail_io;
	}
	if (opened && atomic_commit(&out, &e) == -1) {
		rc = CLI_FAIL;
		goto fail_io;
	}
	if (o.summary_path != NULL &&
	    write_summary(o.summary_path, b, res.stats, &e) == -1) {
		rc = CLI_FAIL;
		goto fail_io;
	}
	if (res.interrupted) {
		fprintf(stderr, "%s batch: interrupted; %llu complete rows written. "
		    "Resume with: --start %llu (and join the outputs with cat)\n",
		    cli_progname, (unsigned long long)(res.done_until - ro.start),
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
	free(b);
	sweep_free(sw);
	if (have_env)
		cli_env_free(&env);
	return rc;
}
