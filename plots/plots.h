/* Results -> pictures: reports, comparisons and maps in PDF, PNG or SVG. */
#ifndef PLOTS_PLOTS_H
#define PLOTS_PLOTS_H

#include "emissions/emissions.h"

struct err;

/* CO2e by year under each Cambium scenario, with today's eGRID figure as
 * a point: the report's timeline (cli/timeline.c fills it). */
#define PLOT_TL_MAXYEARS	32
#define PLOT_TL_MAXSCEN		8
struct plot_timeline {
	int		 nyears;
	int		 years[PLOT_TL_MAXYEARS];
	int		 nscen;
	const char	*scenario[PLOT_TL_MAXSCEN];	/* "MidCase", ... */
	int		 midcase;			/* index, or -1 */
	/* the site's location-based CO2e, t, grid part at Cambium's average
	 * emission rate of load (combustion) in that year and scenario */
	double		 co2e_t[PLOT_TL_MAXSCEN][PLOT_TL_MAXYEARS];
	double		 egrid_today_t;		/* the estimate (full build-out or
						 * --year) at eGRID average rates */
	int		 egrid_year;		/* 2023 */
};

/* One estimated site, as the commands hand it over (borrowed). */
struct plot_site {
	const struct site		*site;
	const struct site_rack		*rack;
	const struct emis_result	*res;
	const struct emis_refs		*refs;
	const double			*p5, *p95;	/* --samples: per
							 * emis_metrics entry, or NULL */
	const struct plot_timeline	*timeline;	/* NULL: no Cambium
							 * data for the site */
};

struct plot_opts {
	double		 dpi;		/* PNG resolution */
	int		 letter;	/* 1: US Letter, else A4 */
	int		 year;		/* 0: full build-out */
	const char	*gwp_id;
	const char	*grid_factors;	/* "average" or "marginal" */
	const char	*sort_key;	/* compare: a metric key, or NULL */
	const char	*projection;	/* maps: any CRS PROJ accepts, or NULL */
	const char *const *layers;	/* maps: extra GeoJSON files */
	int		 nlayers;
};

/* Each writes "out" (.pdf, .png or .svg) atomically: on failure nothing
 * is left and an older file is untouched. ERR_IO: the file could not be
 * written (exit 1); ERR_CONFIG/ERR_USAGE/ERR_PROJ: bad input (exit 2). */
int	 plot_report(const struct plot_site *, const struct emis_catalogs *,
	    const struct plot_opts *, const char *out, struct err *e);
int	 plot_compare(const struct plot_site *, int n,
	    const struct emis_catalogs *, const struct plot_opts *,
	    const char *out, struct err *e);
int	 plot_map_file(const struct plot_site *, int n, const struct plot_opts *,
	    const char *out, struct err *e);

#endif
