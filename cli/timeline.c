/* Year by year: `estimate --timeline FROM:TO:STEP` and the report's
 * timeline of CO2e under the Cambium scenarios. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "common/err.h"
#include "common/fmt.h"
#include "plots/plots.h"

/* The eGRID data year of the bundled rates (emissions/grids.cfg edition:
 * eGRID2023). */
#define EGRID_DATA_YEAR	2023

int
cli_timeline_parse(const char *spec, int *from, int *to, int *step)
{
	char	 tail;

	if (sscanf(spec, "%d:%d:%d%c", from, to, step, &tail) != 3 ||
	    *from < 1990 || *to > 2100 || *from > *to || *step < 1 ||
	    (*to - *from) / *step >= PLOT_TL_MAXYEARS)
		return -1;
	return 0;
}

static void
csv_row(FILE *fp, const struct cli_site *cs, int year, int b,
    const struct emis_result *r)
{
	fmt_quote_file(fp, cs->site->name, FMT_CSV);
	fprintf(fp, ",%d,%.10g,%s,", year, r->est.energy_mwh, emis_basis_keys[b]);
	if (isnan(r->basis_t[b][0]))
		fputs(",", fp);
	else
		fprintf(fp, "%.10g,", r->basis_t[b][0]);
	if (!isnan(r->basis_precomb_t[b]))
		fprintf(fp, "%.10g", r->basis_precomb_t[b]);
	fprintf(fp, ",%d,%s\n", b >= EMIS_BASIS_CAMBIUM_AER ? year : b ==
	    EMIS_BASIS_AVERT ? 2023 : EGRID_DATA_YEAR,
	    b >= EMIS_BASIS_CAMBIUM_AER ? "projection" : "today");
}

int
cli_print_timeline(FILE *fp, const struct cli_env *env, const struct cli_opts *o,
    const struct cli_site *s, int n)
{
	struct emis_result r;
	int	 k, y, b;

	if (o->format == CLI_CSV)
		fputs("site,year,energy_mwh,grid_basis,co2e_t,co2e_fuel_supply_t,"
		    "data_year,kind\n", fp);
	for (k = 0; k < n; k++) {
		if (o->format != CLI_CSV)
			fprintf(fp, "%s%s: location-based CO2e (t) by year and grid "
			    "basis; Cambium %s, a projection; eGRID and AVERT stay "
			    "at their data year\n  %-6s %14s", k ? "\n" : "",
			    s[k].site->name, cambium_scenario_name(env->cats.cambium,
			    (size_t)env->eopts.cambium_scenario), "year", "energy MWh");
		for (b = 0; o->format != CLI_CSV && b < EMIS_NBASES; b++)
			fprintf(fp, " %17s", emis_basis_keys[b]);
		if (o->format != CLI_CSV)
			fputc('\n', fp);
		for (y = o->tl_from; y <= o->tl_to; y += o->tl_step) {
			emis_year(&env->cats, &s[k].refs, s[k].site, &s[k].rack,
			    &env->eopts, y, env->eopts.cambium_scenario, &r);
			if (o->format == CLI_CSV) {
				for (b = 0; b < EMIS_NBASES; b++)
					csv_row(fp, &s[k], y, b, &r);
				continue;
			}
			fprintf(fp, "  %-6d %14.0f", y, r.est.energy_mwh);
			for (b = 0; b < EMIS_NBASES; b++) {
				if (isnan(r.basis_t[b][0]))
					fprintf(fp, " %17s", "n/a");
				else
					fprintf(fp, " %17.0f", r.basis_t[b][0]);
			}
			fputc('\n', fp);
		}
	}
	return 0;
}

int
cli_timeline_build(const struct cli_env *env, const struct cli_site *cs,
    struct plot_timeline *tl)
{
	const struct cambium *c = env->cats.cambium;
	struct emis_result r;
	size_t	 k;
	int	 y;

	memset(tl, 0, sizeof(*tl));
	if (c == NULL || cs->refs.gplace.cambium_gea < 0)
		return 0;
	for (y = 2025; y <= 2050 && tl->nyears < PLOT_TL_MAXYEARS; y++)
		tl->years[tl->nyears++] = y;
	tl->midcase = cambium_scenario_find(c, "MidCase");
	for (k = 0; k < cambium_nscenarios(c) && k < PLOT_TL_MAXSCEN; k++) {
		tl->scenario[tl->nscen] = cambium_scenario_name(c, k);
		for (y = 0; y < tl->nyears; y++) {
			emis_year(&env->cats, &cs->refs, cs->site, &cs->rack,
			    &env->eopts, tl->years[y], (int)k, &r);
			tl->co2e_t[tl->nscen][y] =
			    r.basis_t[EMIS_BASIS_CAMBIUM_AER][0];
		}
		tl->nscen++;
	}
	/* the estimate as asked (full build-out, or --year) at eGRID's rates
	 * of their data year: today's data beside the projection */
	tl->egrid_today_t = cs->res.basis_t[EMIS_BASIS_EGRID_AVERAGE][0];
	tl->egrid_year = EGRID_DATA_YEAR;
	return 1;
}
