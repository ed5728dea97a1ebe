/* Embodied emissions of a build-out: the catalog (estimator/embodied.cfg)
 * and the arithmetic on a scenario's resolved numbers. */
#ifndef ESTIMATOR_EMBODIED_H
#define ESTIMATOR_EMBODIED_H

#include "estimator/estimator.h"

struct err;

/* Read "path" (estimator/embodied.cfg) into cat->emb and the racks'
 * racks[i].emb (every catalog-wide figure copied into each rack). A rack
 * of the file that racks.cfg lacks, or one given twice, fails with the
 * file and line. Returns 0, or -1 with "e". */
int	 est_embodied_load(const char *path, struct est_racks *cat,
	    struct err *e);

/* The embodied CO2e of one scenario, in kg and years (NAN: unknown). */
struct est_embodied_parts {
	double		 racks_bought;		/* over the purchases */
	double		 it_mw_built;		/* the largest IT capacity */
	double		 accel_kg;		/* accelerators of those racks */
	double		 hardware_kg;		/* the racks, accelerators in */
	double		 building_kg;
	double		 hardware_kg_per_year;	/* hardware_kg / its life */
	double		 building_kg_per_year;
	double		 total_kg;
	double		 kg_per_year;
};

/* The build-out of "p" ("est" its result at p->size): the racks bought at
 * each purchase of p->emb (a purchase buys the racks it adds; none when a
 * phase shrinks), the buildings for the largest IT capacity, each part
 * spread over its life. Pure arithmetic (est_run once per earlier phase). */
void	 est_embodied_parts(const struct est_params *p,
	    const struct est_result *est, struct est_embodied_parts *out);
/* The same with the racks and IT MW of every purchase but the last (the
 * racks[] and it_mw[] of est_run() at p->emb.buy_size[i], i < nbuys - 1)
 * given, e.g. resolved once per site by a batch kernel. */
void	 est_embodied_parts_given(const struct est_params *p,
	    const struct est_result *est, const double *buy_racks,
	    const double *buy_it_mw, struct est_embodied_parts *out);

#endif
