/* dcimpact estimate and dcimpact check. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "common/cfg.h"
#include "sites/sweep.h"
#include "common/err.h"

int
cli_cmd_estimate(int argc, char **argv)
{
	struct cli_opts	 o;
	struct cli_env	 env;
	struct cli_site	*sites;
	struct err	 e;
	int		 first, n, rc;

	if ((first = cli_parse(argc, argv, "estimate",
	    " year format gwp grid-factors grid-basis grid-scenario samples seed jobs catalog-uncertainty allow-include-outside health health-year timeline ",
	    &o)) == -1)
		return CLI_BAD_INPUT;
	if ((n = argc - first) < 1) {
		fprintf(stderr, "%s estimate: expected one or more SITE.cfg files\n",
		    cli_progname);
		return CLI_BAD_INPUT;
	}
	if (o.tl_step > 0 && (o.format == CLI_JSON || o.samples > 0)) {
		fprintf(stderr, "%s estimate: --timeline writes text or CSV, of "
		    "central values\n", cli_progname);
		return CLI_BAD_INPUT;
	}
	err_clear(&e);
	if (cli_env_load(&env, &o, &e) == -1)
		return cli_report(&e);
	if ((sites = calloc((size_t)n, sizeof(*sites))) == NULL) {
		cli_env_free(&env);
		fprintf(stderr, "%s: out of memory\n", cli_progname);
		return CLI_FAIL;
	}
	/* every site is loaded before anything is printed: a bad one prints
	 * nothing on stdout */
	if (cli_sites_run(&env, &o, argv + first, n, sites, &e) == -1) {
		rc = cli_report(&e);
	} else {
		if (o.tl_step > 0)
			cli_print_timeline(stdout, &env, &o, sites, n);
		else if (o.format == CLI_JSON)
			cli_print_json(stdout, &env, &o, sites, n);
		else if (o.format == CLI_CSV)
			cli_print_csv(stdout, &o, sites, n);
		else
			cli_print_text(stdout, &env, &o, sites, n);
		rc = fflush(stdout) == 0 && !ferror(stdout) ? CLI_OK : CLI_FAIL;
		if (rc != CLI_OK)
			fprintf(stderr, "%s: cannot write to standard output\n",
			    cli_progname);
	}
	cli_sites_free(sites, n);
	free(sites);
	cli_env_free(&env);
	return rc;
}

static const char *
base_name(const char *path)
{
	const char	*s = strrchr(path, '/');

	return s != NULL ? s + 1 : path;
}

/* A sweep names its sites in a root "sites" list; a site has no such
 * setting. Unreadable files are left to the site loader's messages. */
static int
is_sweep(const char *path, unsigned flags)
{
	struct err	 e;
	struct cfg	*cf = cfg_load_file_flags(path, flags, &e);
	int		 yes = cf != NULL && cfg_member(cfg_root(cf), "sites") != NULL;

	cfg_free(cf);
	return yes;
}

/* A catalog file by its name, a sweep by its content, else a site. */
static int
check_one(const struct cli_env *env, const struct cli_opts *o, char *path,
    struct err *e)
{
	const char	*b = base_name(path);
	struct est_racks racks;
	struct emis_catalogs cats;
	struct cli_site	 cs;
	char		 dir[1024], *slash;

	/* embodied.cfg is read with the rack catalog beside it */
	if (strcmp(b, "racks.cfg") == 0 || strcmp(b, "embodied.cfg") == 0) {
		if (strcmp(b, "embodied.cfg") == 0) {
			snprintf(dir, sizeof(dir), "%s", path);
			if ((slash = strrchr(dir, '/')) != NULL)
				snprintf(slash + 1, sizeof(dir) - (size_t)(slash + 1 - dir),
				    "racks.cfg");
			else
				snprintf(dir, sizeof(dir), "racks.cfg");
			path = dir;
		}
		if (est_racks_load(path, &racks, e) == -1)
			return -1;
		est_racks_free(&racks);
		return 0;
	}
	if (strcmp(b, "grids.cfg") == 0 || strcmp(b, "plants.cfg") == 0 ||
	    strcmp(b, "health.cfg") == 0 || strcmp(b, "context.cfg") == 0 ||
	    strcmp(b, "easiur.cfg") == 0) {
		snprintf(dir, sizeof(dir), "%s", path);
		if ((slash = strrchr(dir, '/')) != NULL)
			*slash = '\0';
		else
			snprintf(dir, sizeof(dir), ".");
		if (emis_catalogs_load_dir(&cats, dir, e) == -1)
			return -1;
		emis_catalogs_free(&cats);
		return 0;
	}
	if (is_sweep(path, cli_cfg_flags(o))) {
		struct sweep *sw = sweep_load_file_flags(path, cli_cfg_flags(o), e);

		int	 rc;

		if (sw == NULL)
			return -1;
		rc = cli_sweep_grid_names(sw, &env->cats, e);
		sweep_free(sw);
		return rc;
	}
	if (cli_sites_run(env, o, &path, 1, &cs, e) == -1)
		return -1;
	cli_sites_free(&cs, 1);
	return 0;
}

int
cli_cmd_check(int argc, char **argv)
{
	struct cli_opts	 o;
	struct cli_env	 env;
	struct err	 e;
	int		 first, i, bad = 0, rc = CLI_OK;

	if ((first = cli_parse(argc, argv, "check", " allow-include-outside ", &o)) == -1)
		return CLI_BAD_INPUT;
	if (first >= argc) {
		fprintf(stderr, "%s check: expected one or more FILE.cfg\n",
		    cli_progname);
		return CLI_BAD_INPUT;
	}
	err_clear(&e);
	if (cli_env_load(&env, &o, &e) == -1)
		return cli_report(&e);
	for (i = first; i < argc; i++) {
		err_clear(&e);
		if (check_one(&env, &o, argv[i], &e) == -1) {
			rc = cli_report(&e);
			bad++;
		}
	}
	if (bad == 0)
		for (i = first; i < argc; i++)
			printf("%s: ok\n", argv[i]);
	cli_env_free(&env);
	return rc;
}
