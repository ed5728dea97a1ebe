/* Totals over many sites: the "All sites" row of a comparison. Sums of
 * extensive figures; the CO2e intensity as total CO2e over total energy,
 * never an average of the sites' intensities. */
#include <math.h>
#include <stddef.h>

#include "emissions/emissions.h"

double
emis_intensity_kg_per_mwh(double co2e_t, double energy_mwh)
{
	if (!isfinite(co2e_t) || !isfinite(energy_mwh) || !(energy_mwh > 0.0))
		return (double)NAN;
	return co2e_t * 1000.0 / energy_mwh;	/* t -> kg */
}

double
emis_metric_total(const struct emis_metric *m,
    const struct emis_result *const *r, size_t n)
{
	const struct emis_metric *co2e, *mwh;
	double	 sum = 0.0, v;
	size_t	 i;

	switch (m->kind) {
	case EMIS_K_INTENSITY:
		co2e = emis_metric_find("co2e_t");
		mwh = emis_metric_find("energy_mwh");
		return emis_intensity_kg_per_mwh(emis_metric_total(co2e, r, n),
		    emis_metric_total(mwh, r, n));
	case EMIS_K_RATIO:
	case EMIS_K_USD_PER_T:
		return (double)NAN;	/* no meaningful sum */
	default:
		break;
	}
	for (i = 0; i < n; i++) {
		v = emis_metric_value(m, r[i]);
		if (isnan(v))
			return (double)NAN;	/* a part unknown: unknown */
		sum += v;
	}
	return sum;
}
