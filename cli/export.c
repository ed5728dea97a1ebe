/* dcimpact export SITE.cfg --format cobra -o OUT.csv: the site's on-site
 * and backup emissions in its county, in the layout of an EPA COBRA
 * emissions file (baseline or control), short tons per year. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "common/atomic.h"
#include "common/data.h"
#include "common/err.h"
#include "common/units.h"

/*
 * COBRA's emissions file: the columns of Core_EmissionsRecord (USEPA/COBRA,
 * CobraDesktopApplication/cobra_console/units/EmissionsRecord.cs, read by
 * name by Dataloader.loadfileintoemissions; commit 6f19ea5f, 2025-06-04).
 * typeindx: 1 AREA, 2 LOW, 3 MEDIUM, 4 HIGH (MainGUI.cs "typenames").
 * sourceindx: COBRA's county index (geo/data/cobra-counties.csv); stid and
 * cyid: state and county FIPS. Tiers from COBRA's tier dictionary
 * (SYS_Tiers): 1-3-1 Fuel Combustion: Electric Utility / Gas / Natural;
 * 1-5-99 Electric Utility / Internal Combustion / Other; 2-5-99 Industrial
 * / Internal Combustion / Other. Values in tons (COBRA's " [ tons ] "
 * label; AVERT's COBRA export divides pounds by 2,000: short tons).
 */
#define COBRA_HEADER	"typeindx,sourceindx,stid,cyid,TIER1,TIER2,TIER3," \
	"NOx,SO2,NH3,PM25,VOC"
/* assumption: COBRA's height classes are not documented in any source
 * found; on-site turbines and engines have short stacks (no stated height
 * reaches EASIUR's 150 m), so every row is LOW, as third-party COBRA
 * inputs for gas units use */
#define COBRA_TYPE_LOW	2

struct tier {
	int	 t1, t2, t3;
	const char *name;
};

/* The tier of an on-site plant or the backup generators. */
static struct tier
tier_of(const struct emis_plant *pl, int backup)
{
	static const struct tier gas_turbine = { 1, 3, 1,
	    "Fuel Combustion: Electric Utility / Gas / Natural" };
	static const struct tier eu_engine = { 1, 5, 99,
	    "Fuel Combustion: Electric Utility / Internal Combustion / Other" };
	static const struct tier ind_engine = { 2, 5, 99,
	    "Fuel Combustion: Industrial / Internal Combustion / Other" };
	static const struct tier eu_other = { 1, 4, 99,
	    "Fuel Combustion: Electric Utility / Other / Other" };

	/* assumption: emergency diesel generators at a data center are
	 * on-site (industrial) engines, not utility generation; no source
	 * says which tier COBRA or EPA's NEI assigns them */
	if (backup || strcmp(pl->fuel, "diesel") == 0)
		return ind_engine;
	if (strcmp(pl->fuel, "gas") == 0)
		return strncmp(pl->id, "recip", 5) == 0 ? eu_engine : gas_turbine;
	return eu_other;
}

/* COBRA's county index of 5-digit FIPS "fips"; 0 when absent. */
static int
cobra_index(const char *fips, struct err *e)
{
	char	 path[1024], line[256];
	FILE	*fp;
	int	 idx = 0, lineno = 0;

	data_path("geo/data/cobra-counties.csv", path, sizeof(path));
	if ((fp = fopen(path, "r")) == NULL)
		return err_set(e, ERR_IO, path, 0, "data file not found");
	while (fgets(line, sizeof(line), fp) != NULL) {
		char	*comma = strchr(line, ',');

		if (++lineno == 1 || comma == NULL)
			continue;
		if (strncmp(comma + 1, fips, 5) == 0 && comma[6] == ',') {
			idx = atoi(line);
			break;
		}
	}
	fclose(fp);
	return idx;
}

static void
row(FILE *fp, int src, const char *fips, struct tier t, const struct emis_amounts *a)
{
	fprintf(fp, "%d,%d,%d,%d,%d,%d,%d,%.6f,%.6f,0,%.6f,%.6f\n", COBRA_TYPE_LOW,
	    src, atoi(fips) / 1000, atoi(fips) % 1000, t.t1, t.t2, t.t3,
	    unit_t_to_short_tons(a->mass_t[EMIS_NOX]),
	    unit_t_to_short_tons(a->mass_t[EMIS_SO2]),
	    unit_t_to_short_tons(a->mass_t[EMIS_PM25]),
	    unit_t_to_short_tons(a->mass_t[EMIS_VOC]));
}

static void
write_cobra(FILE *fp, const struct cli_site *cs, const struct cli_opts *o,
    int src)
{
	const struct site *s = cs->site;
	const char	*fips = cs->place.county_fips;
	size_t		 i;

	fprintf(fp, "# dcimpact %s: %s, on-site and backup emissions for EPA COBRA\n"
	    "# county %s, %s (FIPS %s; COBRA sourceindx %d); %s; short tons "
	    "per year\n", DCIMPACT_VERSION, s->name, cs->place.county_name,
	    cs->place.county_state, fips, src, o->year != 0 ?
	    "the phase in force in the year asked" : "full build-out");
	fputs("# Each row is one on-site plant or the backup generators; add them "
	    "to a COBRA control scenario.\n"
	    "# Grid emissions are not here: the plants that serve the extra load "
	    "are not known from a site file.\n"
	    "# Run the grid energy through EPA AVERT (its COBRA export places the "
	    "displaced emissions by county).\n"
	    "# NH3 is 0: no NH3 factor in dcimpact's plant catalog (SCR ammonia "
	    "slip is not modelled).\n"
	    "# Remove these # lines if your COBRA version rejects comments.\n", fp);
	fputs(COBRA_HEADER "\n", fp);
	for (i = 0; i < s->nsupply; i++)
		if (s->supply[i].kind == SITE_SUPPLY_ONSITE)
			row(fp, src, fips, tier_of(cs->refs.plant[i], 0),
			    &cs->res.source[i]);
	if (cs->refs.backup != NULL)
		row(fp, src, fips, tier_of(cs->refs.backup, 1), &cs->res.backup);
}

int
cli_cmd_export(int argc, char **argv)
{
	struct cli_opts	 o;
	struct cli_env	 env;
	struct cli_site	 cs;
	struct atomic_file af;
	struct err	 e;
	int		 first, src, rc = CLI_BAD_INPUT;

	err_clear(&e);
	if ((first = cli_parse(argc, argv, "export", " output format year "
	    "allow-include-outside ", &o)) == -1)
		return CLI_BAD_INPUT;
	if (o.format != CLI_COBRA || o.out_path == NULL || argc - first != 1) {
		fprintf(stderr, "%s export: expected one SITE.cfg, --format cobra "
		    "and -o OUT.csv\n", cli_progname);
		return CLI_BAD_INPUT;
	}
	if (cli_env_load(&env, &o, &e) == -1)
		return cli_report(&e);
	if (cli_sites_run(&env, &o, argv + first, 1, &cs, &e) == -1) {
		rc = cli_report(&e);
		goto out_env;
	}
	if (cs.place.county_fips[0] == '\0') {
		err_set(&e, ERR_CONFIG, cs.site->file, cs.site->country_line,
		    "location: not in a US county (COBRA covers the contiguous US)");
		rc = cli_report(&e);
		goto out;
	}
	if ((src = cobra_index(cs.place.county_fips, &e)) <= 0) {
		if (src == 0)
			err_set(&e, ERR_CONFIG, cs.site->file, cs.site->country_line,
			    "location: county %s (%s) is not among COBRA's counties "
			    "(the contiguous US)", cs.place.county_fips,
			    cs.place.county_name);
		rc = cli_report(&e);
		goto out;
	}
	if (atomic_open(&af, o.out_path, &e) == -1) {
		rc = cli_report(&e);
		goto out;
	}
	write_cobra(af.fp, &cs, &o, src);
	rc = atomic_commit(&af, &e) == -1 ? cli_report(&e) : CLI_OK;
out:
	cli_sites_free(&cs, 1);
out_env:
	cli_env_free(&env);
	return rc;
}
