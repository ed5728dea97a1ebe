/* dcimpact map: sites on a projected basemap, written to PDF, PNG or SVG. */
#include <stddef.h>

#include "cli/cli.h"
#include "common/err.h"
#include "plots/plots.h"

static int
draw_map(const struct plot_site *s, int n, const struct cli_env *env,
    const struct plot_opts *o, const char *out, struct err *e)
{
	(void)env;
	if (plot_map_file(s, n, o, out, e) == -1) {
		/* a CRS the user named is bad input (exit 2); the automatic
		 * ones failing means PROJ's data is missing (exit 1) */
		if (e->code == ERR_PROJ && o->projection != NULL)
			e->code = ERR_USAGE;
		return -1;
	}
	return 0;
}

int
cli_cmd_map(int argc, char **argv)
{
	return cli_draw_sites(argc, argv, "map", " output year gwp grid-factors grid-basis grid-scenario health health-year "
	    "dpi projection layer paper allow-include-outside ", 64, draw_map);
}
