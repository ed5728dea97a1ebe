/* Grid accounting bases (docs/design.md §5): which emission rates the energy drawn
 * from the grid is multiplied by. Included by emissions/emissions.h, after
 * its pollutant enum. */
#ifndef EMISSIONS_GRIDBASIS_H
#define EMISSIONS_GRIDBASIS_H

#include "emissions/avert.h"
#include "emissions/cambium.h"

enum emis_grid_basis {
	EMIS_BASIS_EGRID_AVERAGE,	/* eGRID2023 annual output rates */
	EMIS_BASIS_EGRID_NONBASELOAD,	/* eGRID2023 non-baseload rates */
	EMIS_BASIS_AVERT,		/* AVERT 2023 hourly marginal, load-weighted */
	EMIS_BASIS_CAMBIUM_AER,		/* Cambium 2024 average of load */
	EMIS_BASIS_CAMBIUM_LRMER,	/* Cambium long-run marginal */
	EMIS_BASIS_CAMBIUM_SRMER,	/* Cambium short-run marginal */
	EMIS_NBASES
};

/* "egrid-average", "egrid-nonbaseload", "avert-marginal", "cambium-average",
 * "cambium-lrmer", "cambium-srmer"; and the short key used in output column
 * names ("egrid_average", ...). */
extern const char *const emis_basis_keys[EMIS_NBASES];
extern const char *const emis_basis_cols[EMIS_NBASES];
/* What each basis is and covers, one sentence, for every output. */
extern const char *const emis_basis_notes[EMIS_NBASES];

/* The basis named "key", or -1. */
int	 emis_basis_find(const char *key);

/* Where a site's grid sits in the AVERT and Cambium data, resolved once. */
struct emis_grid_place {
	int		 avert_region;		/* -1: none (outside CONUS) */
	int		 cambium_gea;		/* -1: none */
	int		 cambium_scenario;
	int		 year;			/* the grid year asked */
	struct cambium_rate cambium[3];		/* AER, LRMER, SRMER in "year" */
	int		 available[EMIS_NBASES];
};

/* The rates of one basis for energy drawn from the grid. */
struct emis_grid_rates {
	double		 t_per_mwh[EMIS_NPOLL];	/* NAN unknown */
	double		 gross;			/* energy multiplier: 1/(1-loss)
						 * for rates per MWh generated */
	int		 scope2;		/* eGRID: CO2e on consumed energy,
						 * the losses' share apart */
	int		 co2e_override;		/* Cambium: CO2e from below */
	double		 co2e_t_per_mwh;	/* combustion */
	double		 precomb_t_per_mwh;	/* fuel supply chain (Cambium) */
	int		 fallback;		/* basis not available: eGRID
						 * average used */
};

#endif
