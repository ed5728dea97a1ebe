/* Shared by the commands: options, catalogs, running sites, errors. */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "batch/batch.h"
#include "cli/cli.h"
#include "common/cfg.h"
#include "common/data.h"
#include "common/err.h"

const char *cli_progname = "dcimpact";
int cli_quiet;

int
cli_report(const struct err *e)
{
	char	 buf[1400];

	err_format(e, buf, sizeof(buf));
	fprintf(stderr, "%s: %s\n", cli_progname, buf);
	return e->code == ERR_CONFIG || e->code == ERR_USAGE ? CLI_BAD_INPUT :
	    CLI_FAIL;
}

static int __attribute__((format(printf, 2, 3)))
usage_error(const char *cmd, const char *fmt, ...)
{
	va_list	 ap;

	fprintf(stderr, "%s %s: ", cli_progname, cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n(see `%s %s --help`)\n", cli_progname, cmd);
	return -1;
}

static int
parse_long(const char *s, long lo, long hi, long *out)
{
	char	*end;
	long	 v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v < lo || v > hi)
		return -1;
	*out = v;
	return 0;
}

int
cli_parse(int argc, char **argv, const char *cmd, const char *allowed,
    struct cli_opts *o)
{
	static const struct option longopts[] = {
		{ "year", required_argument, NULL, 'y' },
		{ "format", required_argument, NULL, 'f' },
		{ "gwp", required_argument, NULL, 'g' },
		{ "grid-factors", required_argument, NULL, 'G' },
		{ "grid-basis", required_argument, NULL, 'B' },
		{ "grid-scenario", required_argument, NULL, 'C' },
		{ "timeline", required_argument, NULL, 'T' },
		{ "output", required_argument, NULL, 'o' },
		{ "dpi", required_argument, NULL, 'd' },
		{ "sort", required_argument, NULL, 's' },
		{ "projection", required_argument, NULL, 'p' },
		{ "layer", required_argument, NULL, 'l' },
		{ "paper", required_argument, NULL, 'P' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "samples", required_argument, NULL, 'S' },
		{ "seed", required_argument, NULL, 'e' },
		{ "shard", required_argument, NULL, 'k' },
		{ "summary", required_argument, NULL, 'u' },
		{ "no-rows", no_argument, NULL, 'n' },
		{ "start", required_argument, NULL, 't' },
		{ "catalog-uncertainty", no_argument, NULL, 'c' },
		{ "allow-include-outside", no_argument, NULL, 'A' },
		{ "health", required_argument, NULL, 'H' },
		{ "health-year", required_argument, NULL, 'Y' },
		{ "quiet", no_argument, NULL, 'q' },
		{ NULL, 0, NULL, 0 }
	};
	char	 want[40];
	long	 v;
	int	 c, idx;

	memset(o, 0, sizeof(*o));
	o->gwp_id = "ar6";
	o->dpi = 150.0;
	o->paper = "a4";
	o->threads = 1;
	o->samples = o->seed = o->start = -1;
	optind = 0;		/* 0: glibc's full reset between calls */
	opterr = 0;
	while ((c = getopt_long(argc, argv, "o:j:q", longopts, &idx)) != -1) {
		if (c == '?' || c == ':') {
			if (optopt != 0)
				usage_error(cmd, "unknown option or missing value: -%c",
				    optopt);
			else
				usage_error(cmd, "unknown option or missing value: %s",
				    argv[optind - 1]);
			return -1;
		}
		if (c == 'q') {		/* every command: say nothing but errors */
			cli_quiet = 1;
			continue;
		}
		if (c == 'o' || c == 'j')
			for (idx = 0; longopts[idx].val != c; idx++)
				;
		snprintf(want, sizeof(want), " %s ", longopts[idx].name);
		if (strstr(allowed, want) == NULL) {
			usage_error(cmd, "--%s is not an option of this command",
			    longopts[idx].name);
			return -1;
		}
		switch (c) {
		case 'y':
			if (parse_long(optarg, 1990, 2100, &v) == -1)
				return usage_error(cmd, "--year: expected a year from "
				    "1990 to 2100 (got %s)", optarg);
			o->year = (int)v;
			break;
		case 'f':
			if (strcmp(optarg, "text") == 0)
				o->format = CLI_TEXT;
			else if (strcmp(optarg, "csv") == 0)
				o->format = CLI_CSV;
			else if (strcmp(optarg, "json") == 0)
				o->format = CLI_JSON;
			else if (strcmp(cmd, "export") == 0 &&
			    strcmp(optarg, "cobra") == 0)
				o->format = CLI_COBRA;
			else if (strcmp(cmd, "export") == 0)
				return usage_error(cmd, "--format: expected cobra "
				    "(got %s)", optarg);
			else
				return usage_error(cmd, "--format: expected text, csv "
				    "or json (got %s)", optarg);
			break;
		case 'g':
			if (strcmp(optarg, "ar5") != 0 && strcmp(optarg, "ar6") != 0)
				return usage_error(cmd, "--gwp: expected ar5 or ar6 "
				    "(got %s)", optarg);
			o->gwp_id = optarg;
			break;
		case 'G':	/* 0.1's names for the two eGRID bases */
			if (strcmp(optarg, "average") == 0)
				o->basis = EMIS_BASIS_EGRID_AVERAGE;
			else if (strcmp(optarg, "marginal") == 0)
				o->basis = EMIS_BASIS_EGRID_NONBASELOAD;
			else
				return usage_error(cmd, "--grid-factors: expected "
				    "average or marginal (got %s)", optarg);
			break;
		case 'B':
			if ((v = emis_basis_find(optarg)) < 0)
				return usage_error(cmd, "--grid-basis: expected "
				    "egrid-average, egrid-nonbaseload, avert-marginal, "
				    "cambium-average, cambium-lrmer or cambium-srmer "
				    "(got %s)", optarg);
			o->basis = (enum emis_grid_basis)v;
			break;
		case 'C':
			o->grid_scenario = optarg;
			break;
		case 'T':
			if (cli_timeline_parse(optarg, &o->tl_from, &o->tl_to,
			    &o->tl_step) == -1)
				return usage_error(cmd, "--timeline: expected "
				    "FROM:TO:STEP, years 1990 to 2100, at most 32 "
				    "steps (got %s)", optarg);
			break;
		case 'o':
			o->out_path = optarg;
			break;
		case 'd':
			if (parse_long(optarg, 36, 1200, &v) == -1)
				return usage_error(cmd, "--dpi: expected 36 to 1200 "
				    "(got %s)", optarg);
			o->dpi = (double)v;
			break;
		case 's':
			o->sort_key = optarg;
			break;
		case 'p':
			o->projection = optarg;
			break;
		case 'l':
			if (o->nlayers == 8)
				return usage_error(cmd, "--layer: at most 8 layers");
			o->layers[o->nlayers++] = optarg;
			break;
		case 'P':
			if (strcmp(optarg, "a4") != 0 && strcmp(optarg, "letter") != 0)
				return usage_error(cmd, "--paper: expected a4 or letter "
				    "(got %s)", optarg);
			o->paper = optarg;
			break;
		case 'j':
			if (parse_long(optarg, 1, 256, &v) == -1)
				return usage_error(cmd, "-j: expected 1 to 256 threads "
				    "(got %s)", optarg);
			o->threads = (int)v;
			break;
		case 'S':
		case 'e':
		case 't': {
			char	*end;
			unsigned long long u;

			errno = 0;
			u = strtoull(optarg, &end, 10);
			if (errno != 0 || end == optarg || *end != '\0' ||
			    optarg[0] == '-' || u > (1ULL << 62))
				return usage_error(cmd, "--%s: expected a whole number "
				    "from 0 to 2^62 (got %s)", longopts[idx].name, optarg);
			if (c == 'S')
				o->samples = (long long)u;
			else if (c == 'e')
				o->seed = (long long)u;
			else
				o->start = (long long)u;
			break;
		}
		case 'k':
			if (sscanf(optarg, "%ld/%ld", &o->shard_k, &o->shard_n) != 2 ||
			    o->shard_n < 1 || o->shard_k < 1 || o->shard_k > o->shard_n ||
			    o->shard_n > 1000000)
				return usage_error(cmd, "--shard: expected K/N with "
				    "1 <= K <= N (got %s)", optarg);
			break;
		case 'u':
			o->summary_path = optarg;
			break;
		case 'n':
			o->no_rows = 1;
			break;
		case 'c':
			o->catalog_uncertainty = 1;
			break;
		case 'H':
			if (strcmp(optarg, "easiur") == 0)
				o->health = EMIS_HEALTH_EASIUR;
			else if (strcmp(optarg, "epa-bpt") == 0)
				o->health = EMIS_HEALTH_EPA_BPT;
			else
				return usage_error(cmd, "--health: expected easiur or "
				    "epa-bpt (got %s)", optarg);
			break;
		case 'Y':
			if (parse_long(optarg, 1990, 2100, &v) == -1)
				return usage_error(cmd, "--health-year: expected a year "
				    "from 1990 to 2100 (got %s)", optarg);
			o->health_year = (int)v;
			break;
		case 'A':
			o->allow_include_outside = 1;
			break;
		default:
			return -1;
		}
	}
	return optind;
}

unsigned
cli_cfg_flags(const struct cli_opts *o)
{
	return o->allow_include_outside ? CFG_INCLUDE_OUTSIDE : 0u;
}

/* The calendar year of SOURCE_DATE_EPOCH, else of the clock: the default
 * population and income year of health damages. */
static int
current_year(void)
{
	const char	*sde = getenv("SOURCE_DATE_EPOCH");
	struct tm	 tm;
	time_t		 t = time(NULL);
	char		*end;
	long long	 v;

	if (sde != NULL && *sde != '\0') {
		errno = 0;
		v = strtoll(sde, &end, 10);
		if (errno == 0 && *end == '\0' && v >= 0)
			t = (time_t)v;
	}
	if (gmtime_r(&t, &tm) == NULL)
		return 2025;
	return tm.tm_year + 1900;
}

int
cli_env_load(struct cli_env *env, const struct cli_opts *o, struct err *e)
{
	const char *scenario;
	char	 path[1024];
	int	 v;

	memset(env, 0, sizeof(*env));
	if (access(data_path("estimator/racks.cfg", path, sizeof(path)), R_OK) != 0)
		return err_set(e, ERR_IO, path, 0, "data file not found: install "
		    "dcimpact (make install) or set DCIMPACT_DATA to the folder "
		    "holding estimator/ and emissions/");
	if (est_racks_load(path, &env->racks, e) == -1)
		return -1;
	if (emis_catalogs_load(&env->cats, e) == -1) {
		est_racks_free(&env->racks);
		return -1;
	}
	if ((env->places = geo_places_load(e)) == NULL) {
		cli_env_free(env);
		return -1;
	}
	env->eopts.gwp = emis_gwp_find(&env->cats, o->gwp_id);
	env->eopts.basis = o->basis;
	env->eopts.grid_year = o->year != 0 ? o->year : current_year();
	if (emis_grid_data_load(&env->cats, e) == -1) {
		cli_env_free(env);
		return -1;
	}
	scenario = o->grid_scenario != NULL ? o->grid_scenario : "MidCase";
	if ((v = cambium_scenario_find(env->cats.cambium, scenario)) < 0) {
		char	 list[400];

		err_set(e, ERR_USAGE, NULL, 0, "--grid-scenario: unknown Cambium "
		    "scenario \"%s\" (expected one of %s)", scenario,
		    cambium_scenario_list(env->cats.cambium, list, sizeof(list)));
		cli_env_free(env);
		return -1;
	}
	env->eopts.cambium_scenario = v;
	env->eopts.health = o->health;
	env->eopts.health_year = o->health_year != 0 ? o->health_year :
	    o->year != 0 ? o->year : current_year();
	return 0;
}

void
cli_env_free(struct cli_env *env)
{
	est_racks_free(&env->racks);
	emis_catalogs_free(&env->cats);
	geo_places_free(env->places);
	env->places = NULL;
}

int
cli_site_place(const struct cli_env *env, const struct site *s,
    struct geo_place *place, struct emis_refs *refs, struct err *e)
{
	memset(place, 0, sizeof(*place));
	if (strcmp(s->country, "US") == 0 && geo_place_find(env->places,
	    s->lon_deg, s->lat_deg, place, e) == -1)
		return -1;
	return cli_site_refs(env, s, place, &env->eopts, refs, e);
}

int
cli_site_refs(const struct cli_env *env, const struct site *s,
    const struct geo_place *place, const struct emis_options *o,
    struct emis_refs *refs, struct err *e)
{
	if (emis_grid_resolve(&env->cats, s, place->avert, place->gea, o, refs,
	    e) == -1)
		return -1;
	/* the cell is 0, 0 outside the US (memset by cli_site_place) */
	return emis_health_resolve(&env->cats, s, place->easiur_x,
	    place->easiur_y, o, refs, e);
}

/* --samples N: Monte Carlo over the site's uncertain numbers, quantiles of
 * every output. The same engine as `dcimpact batch`. */
static int
site_ranges(const struct cli_env *env, const struct cli_opts *o,
    struct cli_site *cs, struct err *e)
{
	struct batch	*b;
	struct batch_site bs;
	struct batch_run_opts ro;
	struct batch_result res;
	struct batch_quant q;
	size_t		 m;
	int		 rc = -1;

	if ((b = malloc(sizeof(*b))) == NULL ||
	    (cs->p5 = calloc(emis_nmetrics, sizeof(double))) == NULL ||
	    (cs->p50 = calloc(emis_nmetrics, sizeof(double))) == NULL ||
	    (cs->p95 = calloc(emis_nmetrics, sizeof(double))) == NULL) {
		free(b);
		return err_set(e, ERR_NOMEM, NULL, 0, "out of memory");
	}
	memset(&bs, 0, sizeof(bs));
	bs.site = cs->site;
	bs.rack = cs->rack;
	bs.refs = cs->refs;
	bs.rack_from_catalog = !cs->site->rack_inline;
	if (batch_init(b, &env->cats, &env->eopts, &bs, 1, NULL, 0,
	    (uint64_t)o->samples, o->seed >= 0 ? (uint64_t)o->seed : 1, o->year,
	    o->catalog_uncertainty, e) == -1)
		goto out;
	memset(&ro, 0, sizeof(ro));
	ro.start = 0;
	ro.end = b->total;
	ro.threads = o->threads;
	if (batch_run(b, &ro, &res, e) == -1)
		goto out;
	for (m = 0; m < emis_nmetrics; m++) {
		batch_stats_get(res.stats, 0, m, &q);
		cs->p5[m] = q.p5;
		cs->p50[m] = q.p50;
		cs->p95[m] = q.p95;
	}
	batch_stats_free(res.stats);
	cs->has_ranges = 1;
	rc = 0;
out:
	batch_fini(b);
	free(b);
	return rc;
}

/* Results that are almost certainly a mistake, on stderr unless -q. */
static void __attribute__((format(printf, 3, 4)))
warn_at(const char *file, int line, const char *fmt, ...)
{
	va_list	 ap;

	if (cli_quiet)
		return;
	if (line > 0)
		fprintf(stderr, "%s: warning: %s:%d: ", cli_progname, file, line);
	else
		fprintf(stderr, "%s: warning: %s: ", cli_progname, file);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static void
site_warnings(const struct cli_opts *o, const struct site *s,
    const struct est_result *est)
{
	size_t	 i;

	if (o->year != 0 && s->nphases > 0 && o->year < s->phases[0].year)
		warn_at(s->file, s->phases[0].line, "--year %d is before the "
		    "first phase (%d): the site is not built yet", o->year,
		    s->phases[0].year);
	else if (est->racks < 1.0)
		warn_at(s->file, s->size_line, "%s gives %.3g racks, less than "
		    "one: every figure is about nothing (is the unit right?)",
		    site_sizing_key(s->sizing), est->racks);
	if (strcmp(s->country, "US") != 0)
		return;
	/* no supply list: the grid of the country, the US average */
	for (i = 0; i < s->nsupply; i++)
		if (s->supply[i].kind == SITE_SUPPLY_GRID &&
		    s->supply[i].ref_line == 0)
			warn_at(s->file, s->country_line, "no grid region: the US "
			    "average is used%s%s%s; name the eGRID subregion of "
			    "the site in supply = ( { kind = \"grid\"; region = "
			    "\"SRMV\"; } ) (`dcimpact grids` lists them), or "
			    "region = \"US\" to keep the average",
			    s->state[0] != '\0' ? " (state " : "", s->state,
			    s->state[0] != '\0' ? " has no grid of its own)" : "");
}

int
cli_sites_run(const struct cli_env *env, const struct cli_opts *o,
    char *const *paths, int n, struct cli_site *out, struct err *e)
{
	int		 i;

	memset(out, 0, (size_t)n * sizeof(*out));
	for (i = 0; i < n; i++) {
		struct cli_site *cs = &out[i];
		struct est_result est;

		if ((cs->site = site_load_file_flags(paths[i],
		    cli_cfg_flags(o), e)) == NULL ||
		    est_site_rack(&env->racks, cs->site, &cs->rack, e) == -1 ||
		    emis_resolve(&env->cats, cs->site, &cs->refs, e) == -1 ||
		    cli_site_place(env, cs->site, &cs->place, &cs->refs, e) == -1) {
			cli_sites_free(out, n);
			return -1;
		}
		est_params_from_site(cs->site, &cs->rack, o->year, est_pick_central,
		    NULL, &cs->params);
		est_run(&cs->params, &est);
		site_warnings(o, cs->site, &est);
		emis_run(&env->cats, &cs->refs, &cs->params, &est, &env->eopts,
		    &cs->res);
		if (o->samples > 0 && site_ranges(env, o, cs, e) == -1) {
			cli_sites_free(out, n);
			return -1;
		}
	}
	return 0;
}

void
cli_sites_free(struct cli_site *s, int n)
{
	int	 i;

	for (i = 0; i < n; i++) {
		site_free(s[i].site);
		free(s[i].p5);
		free(s[i].p50);
		free(s[i].p95);
		s[i].site = NULL;
		s[i].p5 = s[i].p50 = s[i].p95 = NULL;
	}
}
