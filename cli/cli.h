/* The command line: one file per command, shared options and outputs. */
#ifndef CLI_CLI_H
#define CLI_CLI_H

#include <stdio.h>

#include "emissions/emissions.h"
#include "geo/lookup.h"

enum cli_exit { CLI_OK = 0, CLI_FAIL = 1, CLI_BAD_INPUT = 2 };

enum cli_format { CLI_TEXT, CLI_CSV, CLI_JSON, CLI_COBRA };	/* cobra: export */

struct cli_opts {
	int		 year;		/* 0: full build-out, 8,760 h */
	enum cli_format	 format;
	const char	*gwp_id;	/* "ar6" */
	enum emis_grid_basis basis;	/* --grid-basis (--grid-factors) */
	const char	*grid_scenario;	/* --grid-scenario; NULL: MidCase */
	const char	*out_path;	/* -o */
	double		 dpi;
	const char	*sort_key;
	const char	*projection;
	const char	*layers[8];
	int		 nlayers;
	const char	*paper;		/* "a4" or "letter" */
	int		 threads;	/* -j */
	long long	 samples;	/* --samples; -1: not given */
	long long	 seed;		/* --seed; -1: not given */
	long		 shard_k, shard_n;	/* --shard K/N; 0: none */
	const char	*summary_path;	/* --summary */
	int		 no_rows;	/* --no-rows */
	long long	 start;		/* --start; -1: not given */
	int		 catalog_uncertainty;
	int		 allow_include_outside;
	int		 tl_from, tl_to, tl_step;	/* --timeline; 0: none */
	enum emis_health_method health;	/* --health */
	int		 health_year;	/* --health-year; 0: not given */
};

/* The catalogs every command needs, loaded once. */
struct cli_env {
	struct est_racks	 racks;
	struct emis_catalogs	 cats;
	struct emis_options	 eopts;
	struct geo_places	*places;	/* counties, regions */
};

/* One site, estimated. */
struct cli_site {
	struct site		*site;
	struct site_rack	 rack;
	struct est_params	 params;
	struct emis_refs	 refs;
	struct geo_place	 place;
	struct emis_result	 res;
	int			 has_ranges;	/* --samples: P5, P50, P95 */
	double			*p5, *p50, *p95;	/* per emis_metrics entry */
};

int	 cli_env_load(struct cli_env *, const struct cli_opts *, struct err *e);
void	 cli_env_free(struct cli_env *);

/* Load, resolve and estimate each of "paths" into "out" (n of them). On
 * failure, frees what it made and fills "e". */
int	 cli_sites_run(const struct cli_env *, const struct cli_opts *,
	    char *const *paths, int n, struct cli_site *out, struct err *e);
void	 cli_sites_free(struct cli_site *, int n);

/* --timeline FROM:TO:STEP: 0, or -1 when malformed. */
int	 cli_timeline_parse(const char *spec, int *from, int *to, int *step);
/* CO2e per year and grid basis of each site (text or CSV). */
int	 cli_print_timeline(FILE *, const struct cli_env *, const struct cli_opts *,
	    const struct cli_site *, int n);
/* The report's timeline of site "cs": 1 filled, 0 no Cambium data. */
struct plot_timeline;
int	 cli_timeline_build(const struct cli_env *, const struct cli_site *cs,
	    struct plot_timeline *tl);

/* The place of site "s" (county, regions, EASIUR cell; empty outside the
 * US) and the health values of its sources, into "place" and "refs". */
int	 cli_site_place(const struct cli_env *, const struct site *s,
	    struct geo_place *place, struct emis_refs *refs, struct err *e);
/* The grid rates and health values of site "s" at "place" under options
 * "o" (its grid year, Cambium scenario, health year) into "refs". */
int	 cli_site_refs(const struct cli_env *, const struct site *s,
	    const struct geo_place *place, const struct emis_options *o,
	    struct emis_refs *refs, struct err *e);

/* The names of the grid settings sweep "sw" varies (grid_basis,
 * grid_scenario) resolved against the data into their values; an unknown
 * one is an error at the line of its values, naming the valid ones. */
struct sweep;
int	 cli_sweep_grid_names(struct sweep *sw, const struct emis_catalogs *cats,
	    struct err *e);

/* Print "prog: FILE:LINE: msg" to stderr; return the exit code for "e". */
int	 cli_report(const struct err *e);

/* Output of estimates. */
void	 cli_print_text(FILE *, const struct cli_env *, const struct cli_opts *,
	    const struct cli_site *, int n);
void	 cli_print_csv(FILE *, const struct cli_opts *, const struct cli_site *, int n);
void	 cli_print_json(FILE *, const struct cli_env *, const struct cli_opts *,
	    const struct cli_site *, int n);

/* JSON: a quoted, escaped string; a number or null when not finite. */
void	 cli_json_str(FILE *, const char *);
void	 cli_json_num(FILE *, double);

/* A number with thousands separators and sensible decimals into buf. */
const char *cli_fmt_num(double v, char *buf, size_t n);

/* Commands. argc/argv start after the command name. */
int	 cli_cmd_estimate(int argc, char **argv);
int	 cli_cmd_check(int argc, char **argv);
int	 cli_cmd_racks(int argc, char **argv);
int	 cli_cmd_grids(int argc, char **argv);
int	 cli_cmd_plants(int argc, char **argv);
int	 cli_cmd_report(int argc, char **argv);
int	 cli_cmd_compare(int argc, char **argv);
int	 cli_cmd_map(int argc, char **argv);
int	 cli_cmd_export(int argc, char **argv);
int	 cli_cmd_batch(int argc, char **argv);
/* dcimpact merge SUMMARY... -o OUT: shard summaries (their .sketch
 * sidecars) into the summary one run would have written. */
int	 cli_cmd_merge(int argc, char **argv);

/* Drawing commands: parse, load and estimate the sites of the operands
 * (at most "max_sites"), then "draw" them to -o. */
struct plot_site;
struct plot_opts;
typedef int (*cli_draw_fn)(const struct plot_site *, int n,
    const struct cli_env *, const struct plot_opts *, const char *out,
    struct err *);
int	 cli_draw_sites(int argc, char **argv, const char *cmd,
	    const char *allowed, int max_sites, cli_draw_fn draw);

/* Parse options shared by the commands; "allowed" lists the long option
 * names this command takes. Returns the index of the first operand, or -1
 * after printing a usage error. */
int	 cli_parse(int argc, char **argv, const char *cmd, const char *allowed,
	    struct cli_opts *o);
/* The loaders' flags (common/cfg.h) of the options "o". */
unsigned cli_cfg_flags(const struct cli_opts *o);

extern const char *cli_progname;
extern int cli_quiet;		/* -q, --quiet: no "wrote" lines, no warnings */

#endif
