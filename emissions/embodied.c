/* Embodied emissions of a site: the manufacturing of its hardware and the
 * construction of its buildings, amortised over their lives. On-site
 * plants have no sourced figure (estimator/embodied.cfg) and are left out. */
#include <math.h>

#include "common/err.h"
#include "common/units.h"
#include "emissions/embodied.h"

int
emis_embodied_resolve(const struct emis_catalogs *c, const struct site *s,
    struct err *e)
{
	if (s->manufacturing_grid[0] == '\0' ||
	    emis_grid_find(c, s->manufacturing_grid) != NULL)
		return 0;
	return err_set(e, ERR_CONFIG, s->file, s->manufacturing_grid_line,
	    "hardware.manufacturing_grid: unknown grid \"%s\" (expected an "
	    "eGRID subregion such as AZNM, \"US\", or a country listed by "
	    "`dcimpact grids`)", s->manufacturing_grid);
}

double
emis_embodied_share(const struct est_embodied_parts *parts,
    double operating_t)
{
	double	 per_year_t = parts->kg_per_year / UNIT_KG_PER_TONNE;
	double	 sum = per_year_t + operating_t;

	return sum > 0.0 ? per_year_t / sum : (double)NAN;
}

void
emis_embodied(const struct emis_catalogs *c, const struct emis_refs *r,
    const struct est_params *p, const struct est_result *est,
    struct emis_result *out)
{
	struct est_embodied_parts parts;

	(void)c;
	(void)r;
	est_embodied_parts(p, est, &parts);
	out->embodied_co2e_t = parts.total_kg / UNIT_KG_PER_TONNE;
	out->embodied_co2e_t_per_year = parts.kg_per_year / UNIT_KG_PER_TONNE;
	/* of the location-based total, as every headline CO2e */
	out->embodied_share = emis_embodied_share(&parts, out->total.co2e_t);
}
