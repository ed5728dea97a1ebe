/* The site year by year: the phase in force and the grid of that year
 * (Cambium's projections move; eGRID and AVERT stay at their data year). */
#include <string.h>

#include "emissions/emissions.h"

int
emis_year(const struct emis_catalogs *c, const struct emis_refs *r0,
    const struct site *s, const struct site_rack *rack,
    const struct emis_options *o, int year, int scenario,
    struct emis_result *out)
{
	static const enum cambium_metric metrics[3] = { CAMBIUM_AER,
	    CAMBIUM_LRMER, CAMBIUM_SRMER };
	struct emis_options oy = *o;
	struct emis_refs r = *r0;
	struct est_params p;
	int	 k;

	oy.grid_year = r.gplace.year = year;
	oy.cambium_scenario = r.gplace.cambium_scenario = scenario;
	for (k = 0; k < 3; k++)
		if (r.gplace.cambium_gea >= 0 && c->cambium != NULL)
			r.gplace.available[EMIS_BASIS_CAMBIUM_AER + k] =
			    cambium_rate(c->cambium, scenario, r.gplace.cambium_gea,
			    metrics[k], year, &r.gplace.cambium[k]) == 0;
	est_params_from_site(s, rack, year, est_pick_central, NULL, &p);
	est_run(&p, &out->est);
	emis_run(c, &r, &p, &out->est, &oy, out);
	return 0;
}
