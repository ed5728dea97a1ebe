/* dcimpact map: sites on a projected basemap, written to PDF, PNG or SVG. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "common/err.h"
#include "plots/plots.h"

int
cli_cmd_map(int argc, char **argv)
{
	struct cli_opts	 o;
	struct cli_env	 env;
	struct cli_site	*sites = NULL;
	struct plot_site *ps = NULL;
	struct plot_opts po;
	struct err	 e;
	int		 first, n, i, rc;

	if ((first = cli_parse(argc, argv, "map", " output year gwp "
	    "grid-factors dpi projection layer paper allow-include-outside ", &o)) == -1)
		return CLI_BAD_INPUT;
	if ((n = argc - first) < 1) {
		fprintf(stderr, "%s map: expected one or more SITE.cfg files\n",
		    cli_progname);
		return CLI_BAD_INPUT;
	}
	if (o.out_path == NULL) {
		fprintf(stderr, "%s map: -o OUT.pdf|png|svg is required\n",
		    cli_progname);
		return CLI_BAD_INPUT;
	}
	err_clear(&e);
	if (cli_env_load(&env, &o, &e) == -1)
		return cli_report(&e);
	sites = calloc((size_t)n, sizeof(*sites));
	ps = calloc((size_t)n, sizeof(*ps));
	if (sites == NULL || ps == NULL) {
		fprintf(stderr, "%s: out of memory\n", cli_progname);
		free(sites);
		free(ps);
		cli_env_free(&env);
		return CLI_FAIL;
	}
	if (cli_sites_run(&env, &o, argv + first, n, sites, &e) == -1) {
		rc = cli_report(&e);
		goto out;
	}
	for (i = 0; i < n; i++) {
		ps[i].site = sites[i].site;
		ps[i].res = &sites[i].res;
		ps[i].refs = &sites[i].refs;
	}
	memset(&po, 0, sizeof(po));
	po.dpi = o.dpi;
	po.letter = o.paper != NULL && strcmp(o.paper, "letter") == 0;
	po.year = o.year;
	po.gwp_id = o.gwp_id;
	po.grid_factors = o.grid_factors == EMIS_GRID_MARGINAL ? "marginal" :
	    "average";
	po.projection = o.projection;
	po.layers = o.layers;
	po.nlayers = o.nlayers;
	rc = CLI_OK;
	if (plot_map_file(ps, n, &po, o.out_path, &e) == -1) {
		rc = cli_report(&e);
		/* a CRS the user named is bad input; the automatic ones
		 * failing means PROJ's data is missing (exit 1) */
		if (e.code == ERR_PROJ && o.projection != NULL)
			rc = CLI_BAD_INPUT;
	}
	cli_sites_free(sites, n);
out:
	free(sites);
	free(ps);
	cli_env_free(&env);
	return rc;
}
