/* Grid accounting bases: eGRID average and non-baseload, AVERT marginal,
 * Cambium average / long-run / short-run marginal (emissions/gridbasis.h). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "common/err.h"
#include "common/units.h"
#include "emissions/emissions.h"

const char *const emis_basis_keys[EMIS_NBASES] = { "egrid-average",
	"egrid-nonbaseload", "avert-marginal", "cambium-average",
	"cambium-lrmer", "cambium-srmer" };
const char *const emis_basis_cols[EMIS_NBASES] = { "egrid_average",
	"egrid_nonbaseload", "avert", "cambium_aer", "cambium_lrmer",
	"cambium_srmer" };
const char *const emis_basis_notes[EMIS_NBASES] = {
	"EPA eGRID2023 annual output emission rates of the subregion (average "
	"of all generation, data year 2023), grossed up by the eGRID grid loss",
	"EPA eGRID2023 non-baseload output rates (generation that follows load); "
	"EPA says these are not marginal rates and points to AVERT for "
	"displaced emissions; eGRID grid loss applied; PM2.5, CO, VOC and HCHO "
	"from the average rates",
	"EPA AVERT v4.3 (data year 2023) hourly short-run marginal rates of the "
	"AVERT region, weighted by the site's load in each month (flat within "
	"the month), for CO2, NOx, SO2 and PM2.5, per MWh at the meter (T&D "
	"losses inside the rates); CH4, N2O, CO, VOC and HCHO from eGRID "
	"average rates with the eGRID grid loss",
	"NREL Cambium 2024 average emission rate of load (aer_load_co2e) for the "
	"GEA, scenario and year: CO2e only, per MWh at the meter (losses "
	"inside the rate); pollutants from eGRID average rates",
	"NREL Cambium 2024 long-run marginal emission rate (lrmer_co2e): "
	"CO2e only, per MWh at the meter; pollutants from eGRID average rates",
	"NREL Cambium 2024 short-run marginal emission rate (srmer_co2e): "
	"CO2e only, per MWh at the meter; pollutants from eGRID average rates",
};

int
emis_basis_find(const char *key)
{
	int	 b;

	for (b = 0; b < EMIS_NBASES; b++)
		if (strcmp(emis_basis_keys[b], key) == 0)
			return b;
	return -1;
}

int
emis_grid_data_load(struct emis_catalogs *c, struct err *e)
{
	char	 path[1200];

	if (c->avert != NULL)
		return 0;
	/* the monthly means only (scripts/make-avert-monthly): the hourly
	 * files of the same folder reduce to the same doubles */
	snprintf(path, sizeof(path), "%s/data/avert/avert-2023-monthly.csv",
	    c->dir);
	if (avert_load_monthly(path, &c->avert, e) == -1)
		return -1;
	snprintf(path, sizeof(path), "%s/data/cambium/"
	    "cambium24_allScenarios_annual_gea.csv", c->dir);
	if (cambium_load(path, &c->cambium, e) == -1) {
		avert_free(c->avert);
		c->avert = NULL;
		return -1;
	}
	return 0;
}

int
emis_grid_resolve(const struct emis_catalogs *c, const struct site *s,
    const char *avert, const char *gea, const struct emis_options *o,
    struct emis_refs *r, struct err *e)
{
	struct emis_grid_place *g = &r->gplace;
	static const enum cambium_metric metrics[3] = { CAMBIUM_AER,
	    CAMBIUM_LRMER, CAMBIUM_SRMER };
	char	 list[400];
	int	 k;

	memset(g, 0, sizeof(*g));
	g->avert_region = g->cambium_gea = -1;
	g->cambium_scenario = o->cambium_scenario;
	g->year = o->grid_year;
	g->available[EMIS_BASIS_EGRID_AVERAGE] = 1;
	g->available[EMIS_BASIS_EGRID_NONBASELOAD] = r->grid->has_nonbaseload;
	if (c->avert == NULL || c->cambium == NULL)
		return 0;
	if (s->avert_region[0] != '\0') {
		if ((g->avert_region = avert_region_find(c->avert,
		    s->avert_region)) < 0) {
			size_t	 i, n = 0;

			for (i = 0; i < avert_nregions(c->avert) && n < sizeof(list); i++)
				n += (size_t)snprintf(list + n, sizeof(list) - n, "%s%s",
				    i ? ", " : "", avert_region_code(c->avert, i));
			return err_set(e, ERR_CONFIG, s->file, s->avert_line,
			    "grid_regions.avert: unknown AVERT region \"%s\" "
			    "(expected one of %s)", s->avert_region, list);
		}
	} else if (avert != NULL && avert[0] != '\0')
		g->avert_region = avert_region_find(c->avert, avert);
	if (s->cambium_gea[0] != '\0') {
		if ((g->cambium_gea = cambium_gea_find(c->cambium,
		    s->cambium_gea)) < 0) {
			size_t	 i, n = 0;

			for (i = 0; i < cambium_ngeas(c->cambium) && n < sizeof(list); i++)
				n += (size_t)snprintf(list + n, sizeof(list) - n, "%s%s",
				    i ? ", " : "", cambium_gea_name(c->cambium, i));
			return err_set(e, ERR_CONFIG, s->file, s->cambium_line,
			    "grid_regions.cambium: unknown Cambium GEA \"%s\" "
			    "(expected one of %s)", s->cambium_gea, list);
		}
	} else if (gea != NULL && gea[0] != '\0')
		g->cambium_gea = cambium_gea_find(c->cambium, gea);
	/* eGRID's US total or a country: no region's marginal data apply */
	if (strcmp(r->grid->country, "US") != 0 || strcmp(r->grid->id, "US") == 0) {
		if (s->avert_region[0] == '\0')
			g->avert_region = -1;
		if (s->cambium_gea[0] == '\0')
			g->cambium_gea = -1;
	}
	g->available[EMIS_BASIS_AVERT] = g->avert_region >= 0;
	if (g->cambium_gea >= 0)
		for (k = 0; k < 3; k++)
			g->available[EMIS_BASIS_CAMBIUM_AER + k] =
			    cambium_rate(c->cambium, g->cambium_scenario,
			    g->cambium_gea, metrics[k], g->year, &g->cambium[k]) == 0;
	return 0;
}

void
emis_grid_rates(const struct emis_refs *r, const struct emis_catalogs *c,
    const struct est_result *est, enum emis_grid_basis b,
    struct emis_grid_rates *out)
{
	static const struct { enum emis_pollutant p; enum avert_pollutant a; }
	    avert_of[] = { { EMIS_CO2, AVERT_CO2 }, { EMIS_NOX, AVERT_NOX },
	    { EMIS_SO2, AVERT_SO2 }, { EMIS_PM25, AVERT_PM25 } };
	const struct emis_grid *g = r->grid;
	const struct emis_grid_place *gp = &r->gplace;
	const struct cambium_rate *cr;
	size_t	 i;
	int	 q;

	memset(out, 0, sizeof(*out));
	memcpy(out->t_per_mwh, g->rate_t_per_mwh, sizeof(out->t_per_mwh));
	out->gross = 1.0 / (1.0 - (g->has_loss ? g->loss_frac : 0.0));
	out->scope2 = b == EMIS_BASIS_EGRID_AVERAGE ||
	    b == EMIS_BASIS_EGRID_NONBASELOAD || !gp->available[b];
	if (!gp->available[b]) {
		out->fallback = b != EMIS_BASIS_EGRID_AVERAGE;
		return;
	}
	switch (b) {
	case EMIS_BASIS_EGRID_AVERAGE:
		break;
	case EMIS_BASIS_EGRID_NONBASELOAD:
		for (q = 0; q < EMIS_NPOLL; q++)
			if (!isnan(g->nb_rate_t_per_mwh[q]) &&
			    !(g->derived & (1u << q)))
				out->t_per_mwh[q] = g->nb_rate_t_per_mwh[q];
		break;
	case EMIS_BASIS_AVERT:
		out->scope2 = 0;
		/* AVERT's rates are per MWh at the meter, T&D losses inside
		 * ("already adjusted to account for transmission and
		 * distribution (T&D) losses", EPA AVERT avoided emission rates
		 * workbook, April 2024, README): divided here by the eGRID
		 * gross-up that from_grid() applies to every rate */
		for (i = 0; i < sizeof(avert_of) / sizeof(avert_of[0]); i++)
			out->t_per_mwh[avert_of[i].p] = avert_rate_t_per_mwh(
			    c->avert, gp->avert_region, avert_of[i].a,
			    est->energy_by_month_mwh) / out->gross;
		break;
	case EMIS_BASIS_CAMBIUM_AER:
	case EMIS_BASIS_CAMBIUM_LRMER:
	case EMIS_BASIS_CAMBIUM_SRMER:
		/* per MWh at the meter, losses inside the rate (Cambium 2024
		 * documentation, 5.1 and 5.4): no gross-up */
		cr = &gp->cambium[b - EMIS_BASIS_CAMBIUM_AER];
		out->co2e_override = 1;
		out->co2e_t_per_mwh = cr->combustion_kg_per_mwh / UNIT_KG_PER_TONNE;
		out->precomb_t_per_mwh = cr->precombustion_kg_per_mwh /
		    UNIT_KG_PER_TONNE;
		break;
	case EMIS_NBASES:
		break;
	}
}
