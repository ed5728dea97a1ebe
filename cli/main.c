/* dcimpact: energy and environmental impact of AI data centers. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

static const char usage[] =
"usage: dcimpact COMMAND [OPTIONS] FILE...\n"
"\n"
"  estimate SITE.cfg... [--year Y] [--format text|csv|json]\n"
"                       [--gwp ar5|ar6] [--grid-factors average|marginal]\n"
"                       [--health easiur|epa-bpt] [--health-year Y]\n"
"  compare  SITE.cfg... -o OUT.pdf|png|svg [--sort KEY] [--year Y] [--dpi N]\n"
"  report   SITE.cfg    -o OUT.pdf|png|svg [--year Y] [--dpi N]\n"
"  map      SITE.cfg... -o OUT.pdf|png|svg [--projection CRS] [--layer F.geojson]\n"
"  batch    SWEEP.cfg -o OUT.csv [-j N] [--samples N] [--seed S] [--shard K/N]\n"
"           [--summary OUT.json|csv] [--no-rows] [--start ID] [--catalog-uncertainty]\n"
"  export   SITE.cfg --format cobra -o OUT.csv   on-site emissions for EPA COBRA\n"
"  check    FILE.cfg...        validate sites and catalogs\n"
"  racks | grids | plants     list the catalogs [--format text|csv|json]\n"
"\n"
"Exit status: 0 ok, 1 could not complete (e.g. an output could not be\n"
"written), 2 bad input or usage. Data files: $DCIMPACT_DATA, else beside\n"
"the program, else the installed share directory.\n";

static const struct {
	const char	*name;
	int		(*fn)(int, char **);
} commands[] = {
	{ "estimate", cli_cmd_estimate },
	{ "check", cli_cmd_check },
	{ "racks", cli_cmd_racks },
	{ "grids", cli_cmd_grids },
	{ "plants", cli_cmd_plants },
	{ "report", cli_cmd_report },
	{ "compare", cli_cmd_compare },
	{ "batch", cli_cmd_batch },
	{ "merge", cli_cmd_merge },
	{ "map", cli_cmd_map },
	{ "export", cli_cmd_export },
};

int
main(int argc, char **argv)
{
	size_t	 i;

	if (argc < 2) {
		fputs(usage, stderr);
		return CLI_BAD_INPUT;
	}
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		fputs(usage, stdout);
		return CLI_OK;
	}
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
		printf("dcimpact %s\n", DCIMPACT_VERSION);
		return CLI_OK;
	}
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(argv[1], commands[i].name) == 0) {
			int	 rc = commands[i].fn(argc - 1, argv + 1);

			/* a full disk or closed pipe on stdout is a failure */
			if (fflush(stdout) != 0 || ferror(stdout)) {
				fprintf(stderr, "%s: cannot write to standard output\n",
				    cli_progname);
				return CLI_FAIL;
			}
			return rc;
		}
	fprintf(stderr, "%s: unknown command \"%s\"\n%s", cli_progname, argv[1],
	    usage);
	return CLI_BAD_INPUT;
}
