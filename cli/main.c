/* dcimpact: energy and environmental impact of AI data centers. */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "common/atomic.h"

static const char usage[] =
"usage: dcimpact COMMAND [OPTIONS] FILE...\n"
"\n"
"  estimate SITE.cfg...         energy, emissions, water, health (text, csv, json)\n"
"  report   SITE.cfg -o OUT     one site's report (pdf, png, svg)\n"
"  compare  SITE.cfg... -o OUT  up to 64 sites side by side\n"
"  map      SITE.cfg... -o OUT  up to 64 sites on a map\n"
"  batch    SWEEP.cfg -o OUT.csv  a sweep's scenarios and their statistics\n"
"  merge    SUMMARY... -o OUT   shard summaries into one\n"
"  export   SITE.cfg --format cobra -o OUT.csv  on-site emissions for EPA COBRA\n"
"  check    FILE.cfg...         validate sites, sweeps and catalogs\n"
"  racks | grids | plants       list the catalogs\n"
"  help [COMMAND]               this, or COMMAND's options (also COMMAND --help)\n"
"\n"
"Limits: 64 sites a command or sweep, 16 supply entries, 16 phases and\n"
"32 sources a site, 8 varied settings of 4,096 values a sweep, 64 pages.\n"
"Exit status: 0 ok, 1 could not complete (e.g. an output could not be\n"
"written), 2 bad input or usage. Data files: $DCIMPACT_DATA, else beside\n"
"the program, else the installed share directory. See dcimpact(1).\n";

/* Every option, in the words of `COMMAND --help` and dcimpact.1. */
static const struct {
	const char	*name, *arg, *help;
} options[] = {
	{ "output", "OUT", "the output file (- for standard output where "
	    "the format is text); .pdf, .png or .svg for drawings (PNG and SVG: "
	    "OUT-1.png, OUT-2.png, ... one a page)" },
	{ "year", "Y", "the phase in force in year Y (1990-2100) and its hours; "
	    "default: full build-out, 8,760 h" },
	{ "format", "F", "text, csv or json (export: cobra)" },
	{ "gwp", "ar5|ar6", "GWP100 of CH4 and N2O (default ar6)" },
	{ "grid-basis", "B", "egrid-average (default), egrid-nonbaseload, "
	    "avert-marginal, cambium-average, cambium-lrmer, cambium-srmer" },
	{ "grid-factors", "average|marginal", "0.1's names of the two eGRID "
	    "bases" },
	{ "grid-scenario", "S", "the Cambium 2024 scenario (default MidCase)" },
	{ "timeline", "FROM:TO:STEP", "energy and CO2e per year and grid basis "
	    "(text or csv; at most 32 steps)" },
	{ "health", "easiur|epa-bpt", "health damages per tonne: EASIUR by "
	    "place (default) or EPA benefit-per-ton" },
	{ "health-year", "Y", "population and income year of health damages "
	    "(default: --year, else this year)" },
	{ "samples", "N", "Monte Carlo draws of the uncertain numbers: P5 to "
	    "P95 beside each figure (batch: draws at each grid point)" },
	{ "seed", "S", "seed of the draws (default 1; batch: the sweep's)" },
	{ "jobs", "N", "threads, 1 to 256 (default 1)" },
	{ "catalog-uncertainty", NULL, "also draw the catalog racks' ranges" },
	{ "dpi", "N", "PNG resolution, 36 to 1200 (default 150)" },
	{ "paper", "a4|letter", "page size (default a4)" },
	{ "sort", "KEY", "order sites by an output column, largest first "
	    "(co2e_t, energy_mwh, ...)" },
	{ "projection", "CRS", "the map's projection (EPSG:5070, ...; default: "
	    "chosen from the sites)" },
	{ "layer", "F", "a GeoJSON file or a named layer (damages-pm25, "
	    "damages-so2, damages-nox) under the sites; at most 8" },
	{ "shard", "K/N", "run the K-th of N contiguous parts of the scenarios" },
	{ "summary", "OUT", "n, mean, P5, P50, P95, min, max per site and grid "
	    "point (.json or .csv, with a .sketch sidecar)" },
	{ "no-rows", NULL, "write no rows, only --summary" },
	{ "start", "ID", "resume an interrupted run at scenario ID" },
	{ "allow-include-outside", NULL, "let @include read files outside "
	    "the site file's folder" },
	{ "quiet", NULL, "no \"wrote ...\" lines and no warnings on "
	    "standard error, only errors" },
	{ "help", NULL, "this help" },
};

/* Each command: its operands and its options (those cli_parse accepts
 * for it; tests/cli.sh checks the two agree). */
static const struct {
	const char	*name, *synopsis, *what, *opts;
} helps[] = {
	{ "estimate", "SITE.cfg...", "Estimate each site: power, energy, "
	    "emissions, water and health damages.", " year format gwp "
	    "grid-basis grid-factors grid-scenario timeline health health-year "
	    "samples seed jobs catalog-uncertainty allow-include-outside " },
	{ "report", "SITE.cfg -o OUT.pdf|png|svg", "One site's report: "
	    "headlines and map, power and energy, emissions, grid bases, "
	    "sources.", " output year gwp grid-basis grid-factors grid-scenario "
	    "health health-year samples seed jobs catalog-uncertainty dpi paper "
	    "projection layer allow-include-outside " },
	{ "compare", "SITE.cfg... -o OUT.pdf|png|svg", "Up to 64 sites side "
	    "by side.", " output year gwp grid-basis grid-factors grid-scenario "
	    "health health-year samples seed jobs catalog-uncertainty dpi paper "
	    "sort projection layer allow-include-outside " },
	{ "map", "SITE.cfg... -o OUT.pdf|png|svg", "Up to 64 sites on a "
	    "projected map.", " output year gwp grid-basis grid-factors "
	    "grid-scenario health health-year dpi paper projection layer "
	    "allow-include-outside " },
	{ "batch", "SWEEP.cfg -o OUT.csv | --no-rows --summary OUT", "A "
	    "sweep's scenarios as CSV rows, and their statistics.", " output "
	    "jobs samples seed shard summary no-rows start catalog-uncertainty "
	    "gwp grid-basis grid-factors grid-scenario health health-year "
	    "allow-include-outside " },
	{ "merge", "SUMMARY... -o OUT.json|csv", "Shard summaries (their "
	    ".sketch sidecars) into the summary of one run.", " output " },
	{ "export", "SITE.cfg --format cobra -o OUT.csv", "On-site emissions "
	    "by county for EPA COBRA.", " output format year "
	    "allow-include-outside " },
	{ "check", "FILE.cfg...", "Validate sites, sweeps and catalogs "
	    "(racks.cfg, grids.cfg, plants.cfg, ...).", " allow-include-outside " },
	{ "racks", "", "List the rack catalog.", " format " },
	{ "grids", "", "List the grid catalog.", " format " },
	{ "plants", "", "List the plant catalog.", " format " },
};

/* "  LEFT  text" with the text wrapped at 79 columns under column 30. */
static void
print_wrapped(FILE *fp, const char *left, const char *text)
{
	const char	*p = text, *sp;
	int		 col, len;

	col = fprintf(fp, "  %s", left);
	if (col > 28) {
		fputc('\n', fp);
		col = 0;
	}
	fprintf(fp, "%*s", 30 - col, "");
	col = 30;
	while (*p != '\0') {
		sp = strchr(p, ' ');
		len = sp != NULL ? (int)(sp - p) : (int)strlen(p);
		if (col > 30 && col + 1 + len > 79) {
			fprintf(fp, "\n%30s", "");
			col = 30;
		} else if (col > 30) {
			fputc(' ', fp);
			col++;
		}
		fprintf(fp, "%.*s", len, p);
		col += len;
		p += len;
		while (*p == ' ')
			p++;
	}
	fputc('\n', fp);
}

/* COMMAND's usage and every option it takes, on "fp"; -1: no such command. */
static int
command_help(FILE *fp, const char *cmd)
{
	char	 want[40], left[64];
	size_t	 i, j;

	for (i = 0; i < sizeof(helps) / sizeof(helps[0]); i++)
		if (strcmp(helps[i].name, cmd) == 0)
			break;
	if (i == sizeof(helps) / sizeof(helps[0]))
		return -1;
	fprintf(fp, "usage: dcimpact %s %s%s[OPTIONS]\n\n%s\n\noptions:\n",
	    cmd, helps[i].synopsis, helps[i].synopsis[0] ? " " : "",
	    helps[i].what);
	for (j = 0; j < sizeof(options) / sizeof(options[0]); j++) {
		snprintf(want, sizeof(want), " %s ", options[j].name);
		if (strstr(helps[i].opts, want) == NULL &&
		    strcmp(options[j].name, "help") != 0 &&
		    strcmp(options[j].name, "quiet") != 0)
			continue;
		snprintf(left, sizeof(left), "%s--%s%s%s",
		    strcmp(options[j].name, "output") == 0 ? "-o, " :
		    strcmp(options[j].name, "jobs") == 0 ? "-j, " :
		    strcmp(options[j].name, "help") == 0 ? "-h, " :
		    strcmp(options[j].name, "quiet") == 0 ? "-q, " : "",
		    options[j].name, options[j].arg != NULL ? " " : "",
		    options[j].arg != NULL ? options[j].arg : "");
		print_wrapped(fp, left, options[j].help);
	}
	fputs("\nExit status: 0 ok, 1 could not complete, 2 bad input or usage.\n",
	    fp);
	return 0;
}

/* "wrote OUT (N pages)" for each file written, on stderr unless -q. */
static void
say_written(void)
{
	const char	*path, *last;
	int		 i, pages, k;

	for (i = 0; !cli_quiet && atomic_written(i, &path, &pages) == 0; i++) {
		if (pages < -1 && atomic_written(i - pages - 1, &last, &k) == 0) {
			fprintf(stderr, "%s: wrote %s to %s (%d pages)\n",
			    cli_progname, path, last, -pages);
			i += -pages - 1;
		} else if (pages != 0) {
			fprintf(stderr, "%s: wrote %s (%d page%s)\n", cli_progname,
			    path, pages < 0 ? -pages : pages,
			    pages == 1 || pages == -1 ? "" : "s");
		} else {
			fprintf(stderr, "%s: wrote %s\n", cli_progname, path);
		}
	}
}

/* --help or -h among "argv" (before a "--"). */
static int
wants_help(int argc, char **argv)
{
	int	 i;

	for (i = 1; i < argc && strcmp(argv[i], "--") != 0; i++)
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			return 1;
	return 0;
}

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
	    (strcmp(argv[1], "help") == 0 && argc == 2)) {
		fputs(usage, stdout);
		return CLI_OK;
	}
	if (strcmp(argv[1], "help") == 0) {
		if (argc > 3 || command_help(stdout, argv[2]) == -1) {
			fprintf(stderr, "%s help: expected one command name (got "
			    "%s)\n%s", cli_progname, argv[2], usage);
			return CLI_BAD_INPUT;
		}
		return CLI_OK;
	}
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
		printf("dcimpact %s\n", DCIMPACT_VERSION);
		return CLI_OK;
	}
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(argv[1], commands[i].name) == 0) {
			int	 rc;

			if (wants_help(argc - 1, argv + 1)) {
				command_help(stdout, argv[1]);
				return fflush(stdout) == 0 ? CLI_OK : CLI_FAIL;
			}
			rc = commands[i].fn(argc - 1, argv + 1);
			if (rc == CLI_OK)
				say_written();

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
