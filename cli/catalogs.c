/* dcimpact racks | grids | plants: list the catalogs. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "common/err.h"
#include "common/fmt.h"
#include "common/unc.h"
#include "common/units.h"

static int
load(int argc, char **argv, const char *cmd, struct cli_opts *o,
    struct cli_env *env)
{
	struct err	 e;

	int	 first;

	if ((first = cli_parse(argc, argv, cmd, " format ", o)) == -1)
		return CLI_BAD_INPUT;
	if (first < argc) {
		fprintf(stderr, "%s %s: takes no files (got %s)\n", cli_progname,
		    cmd, argv[first]);
		return CLI_BAD_INPUT;
	}
	err_clear(&e);
	if (cli_env_load(env, o, &e) == -1)
		return cli_report(&e);
	return CLI_OK;
}

int
cli_cmd_racks(int argc, char **argv)
{
	struct cli_opts	 o;
	struct cli_env	 env;
	size_t		 i;
	int		 rc;

	if ((rc = load(argc, argv, "racks", &o, &env)) != CLI_OK)
		return rc;
	if (o.format == CLI_CSV)
		printf("id,name,peak_kw,idle_fraction,accelerators,accelerator,"
		    "accelerator_w,cpus,cpu_w,h100_per_accelerator,"
		    "embodied_kg_min,embodied_kg_mode,embodied_kg_max,"
		    "embodied_source\n");
	else if (o.format == CLI_JSON)
		printf("[\n");
	else
		printf("%-13s %-28s %8s %5s %6s %-8s %7s %9s %21s\n", "id", "name",
		    "peak kW", "idle", "accel", "type", "accel W", "H100e/acc",
		    "embodied t CO2e");
	for (i = 0; i < env.racks.nracks; i++) {
		const struct site_rack *r = &env.racks.racks[i];
		double	 pk = unc_central(&r->peak_kw), idle = unc_central(&r->idle_frac);
		double	 h = unc_central(&r->h100_per_accelerator);

		/* cradle-to-gate kg CO2e per rack (estimator/embodied.cfg) */
		const struct unc *ek = &r->emb.rack_kg;
		char	 emb[48];

		if (r->emb.has_rack)
			snprintf(emb, sizeof(emb), "%.1f (%.1f-%.1f)",
			    unc_central(ek) / 1000.0, ek->a / 1000.0, ek->c / 1000.0);
		else
			snprintf(emb, sizeof(emb), "unknown");
		if (o.format == CLI_CSV) {
			printf("%s,\"%s\",%g,%g,%g,%s,%g,%g,%g,%g,", r->id, r->name,
			    pk, idle, r->accelerators_count, r->accelerator,
			    r->accelerator_w, r->cpus_count, r->cpu_w, h);
			if (r->emb.has_rack)
				printf("%g,%g,%g,", ek->a, unc_central(ek), ek->c);
			else
				printf(",,,");
			fmt_quote_file(stdout, r->emb.rack_source, FMT_CSV);
			printf("\n");
		}
		else if (o.format == CLI_JSON) {
			printf("  {\"id\": ");
			cli_json_str(stdout, r->id);
			printf(", \"name\": ");
			cli_json_str(stdout, r->name);
			printf(", \"peak_kw\": %g, \"idle_fraction\": %g, "
			    "\"accelerators\": %g, \"accelerator\": ", pk, idle,
			    r->accelerators_count);
			cli_json_str(stdout, r->accelerator);
			printf(", \"accelerator_w\": %g, \"cpus\": %g, \"cpu_w\": %g, "
			    "\"h100_per_accelerator\": %g, ", r->accelerator_w,
			    r->cpus_count, r->cpu_w, h);
			if (r->emb.has_rack)
				printf("\"embodied_kg\": {\"min\": %g, \"mode\": %g, "
				    "\"max\": %g}, ", ek->a, unc_central(ek), ek->c);
			else
				printf("\"embodied_kg\": null, ");
			printf("\"embodied_source\": ");
			cli_json_str(stdout, r->emb.rack_source);
			printf("}%s\n", i + 1 < env.racks.nracks ? "," : "");
		}
		else
			printf("%-13s %-28.28s %8.1f %5.2f %6g %-8s %7g %9.3f %21s\n",
			    r->id, r->name, pk, idle, r->accelerators_count,
			    r->accelerator, r->accelerator_w, h, emb);
	}
	if (o.format == CLI_JSON)
		printf("]\n");
	else if (o.format == CLI_TEXT) {
		printf("\nSources: %s (beside every figure).\n", env.racks.file);
		printf("\nEmbodied CO2e per rack, mode (min-max), cradle-to-gate "
		    "(use phase, end of life and transport to the site excluded): "
		    "%s\n", env.racks.emb.has_catalog ? env.racks.emb_file :
		    "no estimator/embodied.cfg found");
		for (i = 0; i < env.racks.nracks; i++)
			if (env.racks.racks[i].emb.has_rack)
				printf("  %s: %s\n", env.racks.racks[i].id,
				    env.racks.racks[i].emb.rack_source);
		if (env.racks.emb.has_catalog)
			printf("  %s\n", env.racks.emb.manufacturing_note);
	}
	cli_env_free(&env);
	return CLI_OK;
}

/* kg per MWh from t per MWh, for display */
static double
kg(double t_per_mwh)
{
	return t_per_mwh * UNIT_KG_PER_TONNE;
}

int
cli_cmd_grids(int argc, char **argv)
{
	struct cli_opts	 o;
	struct cli_env	 env;
	size_t		 i;
	int		 rc;

	if ((rc = load(argc, argv, "grids", &o, &env)) != CLI_OK)
		return rc;
	if (o.format == CLI_CSV)
		printf("id,name,year,co2_kg_per_mwh,co2e_kg_per_mwh,"
		    "nox_kg_per_mwh,so2_kg_per_mwh,pm25_kg_per_mwh,loss_frac,"
		    "pm25_derived,edition,source\n");
	else if (o.format == CLI_TEXT)
		printf("%-5s %-28s %4s %9s %9s %7s %7s %7s %7s  %s\n", "id", "name",
		    "year", "CO2", "CO2e", "NOx", "SO2", "PM2.5", "loss", "edition");
	else
		printf("[\n");
	for (i = 0; i < env.cats.ngrids; i++) {
		const struct emis_grid *g = &env.cats.grids[i];
		const double *r = g->rate_t_per_mwh;
		double	 co2e = g->co2e_only ? g->co2e_t_per_mwh :
		    r[EMIS_CO2] + env.eopts.gwp->ch4 * r[EMIS_CH4] +
		    env.eopts.gwp->n2o * r[EMIS_N2O];
		double	 col[6] = { kg(r[EMIS_CO2]), kg(co2e), kg(r[EMIS_NOX]),
		    kg(r[EMIS_SO2]), kg(r[EMIS_PM25]),
		    g->has_loss ? g->loss_frac : (double)NAN };
		static const char *const keys[6] = { "co2_kg_per_mwh",
		    "co2e_kg_per_mwh", "nox_kg_per_mwh", "so2_kg_per_mwh",
		    "pm25_kg_per_mwh", "loss_frac" };
		char	 buf[32];
		int	 k;

		if (o.format == CLI_JSON) {
			printf("  {\"id\": ");
			cli_json_str(stdout, g->id);
			printf(", \"name\": ");
			cli_json_str(stdout, g->name);
			printf(", \"year\": %d", g->year);
			for (k = 0; k < 6; k++) {
				printf(", \"%s\": ", keys[k]);
				cli_json_num(stdout, col[k]);
			}
			printf(", \"pm25_derived\": %s, \"edition\": ",
			    (g->derived >> EMIS_PM25) & 1u ? "true" : "false");
			cli_json_str(stdout, g->edition);
			printf(", \"source\": ");
			cli_json_str(stdout, g->source);
			printf("}%s\n", i + 1 < env.cats.ngrids ? "," : "");
		} else if (o.format == CLI_CSV) {
			printf("%s,\"%s\",%d", g->id, g->name, g->year);
			for (k = 0; k < 6; k++)
				if (isnan(col[k]))
					printf(",");
				else
					printf(",%.5g", col[k]);
			printf(",%d,\"%s\",\"%s\"\n", (int)((g->derived >> EMIS_PM25) & 1u),
			    g->edition, g->source);
		} else {
			printf("%-5s %-28.28s %4d", g->id, g->name, g->year);
			for (k = 0; k < 6; k++) {
				if (isnan(col[k]))
					snprintf(buf, sizeof(buf), "n/a");
				else if (k == 5)
					snprintf(buf, sizeof(buf), "%.1f%%", 100.0 * col[k]);
				else
					snprintf(buf, sizeof(buf), k < 2 ? "%.1f" : "%.4f", col[k]);
				printf(" %*s", k < 2 ? 9 : 7, buf);
			}
			printf("  %.60s\n", g->edition);
		}
	}
	if (o.format == CLI_JSON)
		printf("]\n");
	else if (o.format == CLI_TEXT)
		printf("\nkg per MWh generated; CO2e with GWP100 %s. n/a: not "
		    "published for that grid. PM2.5 of eGRID subregions is derived "
		    "from the resource mix and emissions/plants.cfg. Sources: "
		    "emissions/grids.cfg.\n", env.eopts.gwp->id);
	cli_env_free(&env);
	return CLI_OK;
}

/* Text: the table, then every entry's sources (a machine's own, then its
 * base's), then the gas supply-chain factor. CSV and JSON: one row or
 * object per plant with its base and sources. */
int
cli_cmd_plants(int argc, char **argv)
{
	struct cli_opts	 o;
	struct cli_env	 env;
	size_t		 i, k;
	int		 rc, p;

	if ((rc = load(argc, argv, "plants", &o, &env)) != CLI_OK)
		return rc;
	if (o.format == CLI_CSV) {
		printf("id,name,base,fuel,heat_rate_mmbtu_per_mwh");
		for (p = 0; p < EMIS_NPOLL; p++)
			printf(",%s_lb_per_mmbtu", emis_pollutant_keys[p]);
		printf(",controls,sources\n");
	} else if (o.format == CLI_TEXT) {
		printf("%-19s %-8s %-7s %6s %7s %7s %7s %8s %7s  %s\n", "id",
		    "base", "fuel", "HR", "CO2", "NOx", "CO", "PM2.5", "SO2",
		    "controls");
	} else {
		printf("[\n");
	}
	for (i = 0; i < env.cats.nplants; i++) {
		const struct emis_plant *pl = &env.cats.plants[i];
		const double *f = pl->factor_lb_per_mmbtu;
		char	 ctl[200] = "";
		size_t	 len = 0;

		for (k = 0; k < pl->ncontrols; k++)
			len += (size_t)snprintf(ctl + len, sizeof(ctl) - len, "%s%s",
			    k ? " " : "", pl->controls[k].id);
		if (o.format == CLI_CSV) {
			printf("%s,", pl->id);
			fmt_quote_file(stdout, pl->name, FMT_CSV);
			printf(",%s,%s,%g", pl->base, pl->fuel,
			    pl->heat_rate_mmbtu_per_mwh);
			for (p = 0; p < EMIS_NPOLL; p++)
				printf(",%g", f[p]);
			printf(",");
			fmt_quote_file(stdout, ctl, FMT_CSV);
			printf(",");
			fmt_quote_file(stdout, pl->sources, FMT_CSV);
			printf("\n");
		} else if (o.format == CLI_JSON) {
			printf("  {\"id\": ");
			cli_json_str(stdout, pl->id);
			printf(", \"name\": ");
			cli_json_str(stdout, pl->name);
			printf(", \"base\": ");
			cli_json_str(stdout, pl->base);
			printf(", \"fuel\": ");
			cli_json_str(stdout, pl->fuel);
			printf(", \"heat_rate_mmbtu_per_mwh\": %g", pl->heat_rate_mmbtu_per_mwh);
			for (p = 0; p < EMIS_NPOLL; p++)
				printf(", \"%s_lb_per_mmbtu\": %g", emis_pollutant_keys[p], f[p]);
			printf(", \"controls\": ");
			cli_json_str(stdout, ctl);
			printf(", \"sources\": ");
			cli_json_str(stdout, pl->sources);
			printf("}%s\n", i + 1 < env.cats.nplants ? "," : "");
		} else {
			printf("%-19s %-8s %-7s %6.3f %7.2f %7.4f %7.4f %8.5f %7.5f  %s\n",
			    pl->id, pl->base[0] ? pl->base : "-", pl->fuel,
			    pl->heat_rate_mmbtu_per_mwh, f[EMIS_CO2], f[EMIS_NOX],
			    f[EMIS_CO], f[EMIS_PM25], f[EMIS_SO2], ctl);
		}
	}
	if (o.format == CLI_JSON)
		printf("]\n");
	else if (o.format == CLI_TEXT) {
		const struct unc *u = &env.cats.gas_supply_co2e_kg_per_mmbtu;
		const struct unc *l = &env.cats.gas_supply_leakage_frac;

		printf("\nHR: heat rate, MMBtu/MWh (HHV); factors in lb/MMBtu "
		    "before the listed controls (the diesel tiers: at the EPA "
		    "limits). A machine (base) takes its base's factors and "
		    "controls with its own heat rate.\n");
		printf("\nGas supply chain (upstream CH4): %.1f kg CO2e/MMBtu "
		    "(range %.1f to %.1f), at methane leakage %.2f %% (%.2f to "
		    "%.2f %%) and GWP100 CH4 %g.\n", unc_central(u), u->a, u->c,
		    100.0 * unc_central(l), 100.0 * l->a, 100.0 * l->c,
		    env.cats.gas_supply_gwp_ch4);
		printf("  sources: %s\n", env.cats.gas_supply_source);
		printf("\nSources of each entry (emissions/plants.cfg, a source "
		    "beside every figure; \"unverified\": not checked against the "
		    "primary table):\n");
		for (i = 0; i < env.cats.nplants; i++)
			printf("  %s: %s\n", env.cats.plants[i].id,
			    env.cats.plants[i].sources);
	}
	cli_env_free(&env);
	return CLI_OK;
}
