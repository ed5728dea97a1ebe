/* Embodied emissions of a site: the manufacturing of its hardware and the
 * construction of its buildings and plants, amortised over their lives. */
#include <math.h>

#include "emissions/emissions.h"

void
emis_embodied(const struct emis_catalogs *c, const struct emis_refs *r,
    const struct est_params *p, const struct est_result *est,
    struct emis_result *out)
{
	(void)c;
	(void)r;
	(void)p;
	(void)est;
	/* not modelled yet */
	out->embodied_co2e_t = (double)NAN;
	out->embodied_co2e_t_per_year = (double)NAN;
	out->embodied_share = (double)NAN;
}
