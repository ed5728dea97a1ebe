/* Results -> pictures: reports, comparisons and maps in PDF, PNG or SVG. */
#ifndef PLOTS_PLOTS_H
#define PLOTS_PLOTS_H

#include "emissions/emissions.h"

struct err;

/* One estimated site, as the commands hand it over (borrowed). */
struct plot_site {
	const struct site		*site;
	const struct site_rack		*rack;
	const struct emis_result	*res;
	const struct emis_refs		*refs;
	const double			*p5, *p95;	/* --samples: per
							 * emis_metrics entry, or NULL */
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
