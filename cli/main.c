/* dcimpact: energy and environmental impact of AI data centers. */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "common/atomic.h"

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

/* SIGINT, SIGTERM, SIGHUP: remove the temporary output files, then end
 * as the signal would have (the handler is reset to the default first).
 * `batch` installs its own handler while it writes rows: it stops after
 * complete rows and keeps them. */
static void
on_fatal_signal(int sig)
{
	atomic_unlink_all();
	raise(sig);
}

static void
catch_signals(void)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
	struct sigaction sa, old;
	size_t		 i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_fatal_signal;
	sa.sa_flags = (int)SA_RESETHAND;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		/* a signal ignored by the parent (nohup) stays ignored */
		if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
			continue;
		sigaction(sigs[i], &sa, NULL);
	}
}

int
main(int argc, char **argv)
{
	size_t	 i;

	catch_signals();

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
