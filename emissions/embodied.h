/* Embodied emissions beside the operating ones (emissions/embodied.c). */
#ifndef EMISSIONS_EMBODIED_H
#define EMISSIONS_EMBODIED_H

#include "emissions/emissions.h"
#include "estimator/embodied.h"

struct err;

/* Check the site's hardware.manufacturing_grid (if any) against the grid
 * catalog: an unknown id fails with the site's file and the setting's
 * line. The footprints are used as published wherever the hardware is
 * made (no source gives the electricity share of their assembly and
 * test), so a known grid changes no figure. Returns 0 or -1. */
int	 emis_embodied_resolve(const struct emis_catalogs *c,
	    const struct site *s, struct err *e);

/* The embodied share of a year's CO2e: parts->kg_per_year over itself
 * plus "operating_t" (location-based, t); NAN when either is unknown or
 * both are 0. */
double	 emis_embodied_share(const struct est_embodied_parts *parts,
	    double operating_t);

#endif
