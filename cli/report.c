/* dcimpact report and dcimpact compare, and the loading every drawing
 * command shares. */
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "common/err.h"
#include "plots/plots.h"

int
cli_draw_sites(int argc, char **argv, const char *cmd, const char *allowed,
    int max_sites, cli_draw_fn draw)
{
	struct cli_opts	 o;
	struct cli_env	 env;
	struct cli_site	*sites = NULL;
	struct plot_site *ps = NULL;
	struct plot_timeline *tl = NULL;
	struct plot_opts po;
	struct err	 e;
	int		 first, n, i, rc;

	if ((first = cli_parse(argc, argv, cmd, allowed, &o)) == -1)
		return CLI_BAD_INPUT;
	n = argc - first;
	if (n < 1 || n > max_sites) {
		fprintf(stderr, "%s %s: expected %s (got %d)\n", cli_progname, cmd,
		    max_sites == 1 ? "one SITE.cfg" : "one or more SITE.cfg files, "
		    "at most 64", n);
		return CLI_BAD_INPUT;
	}
	if (o.out_path == NULL) {
		fprintf(stderr, "%s %s: -o OUT.pdf|png|svg is required\n",
		    cli_progname, cmd);
		return CLI_BAD_INPUT;
	}
	err_clear(&e);
	if (cli_env_load(&env, &o, &e) == -1)
		return cli_report(&e);
	sites = calloc((size_t)n, sizeof(*sites));
	ps = calloc((size_t)n, sizeof(*ps));
	tl = calloc((size_t)n, sizeof(*tl));
	if (sites == NULL || ps == NULL || tl == NULL) {
		rc = CLI_FAIL;
		fprintf(stderr, "%s: out of memory\n", cli_progname);
		goto out;
	}
	if (cli_sites_run(&env, &o, argv + first, n, sites, &e) == -1) {
		rc = cli_report(&e);
		goto out;
	}
	for (i = 0; i < n; i++) {
		ps[i].site = sites[i].site;
		ps[i].rack = &sites[i].rack;
		ps[i].res = &sites[i].res;
		ps[i].refs = &sites[i].refs;
		ps[i].p5 = sites[i].p5;
		ps[i].p95 = sites[i].p95;
		if (cli_timeline_build(&env, &sites[i], &tl[i]))
			ps[i].timeline = &tl[i];
	}
	po.dpi = o.dpi;
	po.letter = o.paper[0] == 'l';
	po.year = o.year;
	po.gwp_id = o.gwp_id;
	po.grid_factors = emis_basis_keys[o.basis];
	po.sort_key = o.sort_key;
	po.projection = o.projection;
	po.layers = o.layers;
	po.nlayers = o.nlayers;
	rc = draw(ps, n, &env, &po, o.out_path, &e) == -1 ? cli_report(&e) : CLI_OK;
	cli_sites_free(sites, n);
out:
	free(sites);
	free(ps);
	free(tl);
	cli_env_free(&env);
	return rc;
}

static int
draw_report(const struct plot_site *s, int n, const struct cli_env *env,
    const struct plot_opts *o, const char *out, struct err *e)
{
	(void)n;
	return plot_report(s, &env->cats, o, out, e);
}

static int
draw_compare(const struct plot_site *s, int n, const struct cli_env *env,
    const struct plot_opts *o, const char *out, struct err *e)
{
	return plot_compare(s, n, &env->cats, o, out, e);
}

int
cli_cmd_report(int argc, char **argv)
{
	return cli_draw_sites(argc, argv, "report", " output year gwp grid-factors grid-basis grid-scenario health health-year "
	    "dpi paper projection layer samples seed jobs catalog-uncertainty allow-include-outside ",
	    1, draw_report);
}

int
cli_cmd_compare(int argc, char **argv)
{
	return cli_draw_sites(argc, argv, "compare", " output year gwp grid-factors grid-basis grid-scenario health health-year "
	    "dpi paper sort projection layer samples seed jobs "
	    "catalog-uncertainty allow-include-outside ", 64, draw_compare);
}
