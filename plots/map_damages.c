/* Map layer: EASIUR's ground-level damage surfaces ($ per tonne emitted in
 * each 36 km cell, Heo et al. 2016), scaled as the estimates scale their
 * site's cell, drawn cell by cell as projected quadrilaterals. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cairo.h>

#include "common/data.h"
#include "common/err.h"
#include "emissions/easiur.h"
#include "geo/geo.h"
#include "geo/lookup.h"
#include "plots/internal.h"

static const struct {
	const char		*name;
	enum easiur_species	 species;
} layers[] = {
	{ "damages-pm25", EASIUR_PEC },
	{ "damages-so2", EASIUR_SO2 },
	{ "damages-nox", EASIUR_NOX },
};
#define NLAYERS	(sizeof(layers) / sizeof(layers[0]))

/* Corners (nodes) of the grid: one more than the cells each way. */
#define NODE_NX	(EASIUR_NX + 1)
#define NODE_NY	(EASIUR_NY + 1)

int
map_damage_species(const char *name)
{
	size_t	 i;

	for (i = 0; i < NLAYERS; i++)
		if (strcmp(name, layers[i].name) == 0)
			return (int)layers[i].species;
	return -1;
}

void
map_surface_free(struct map_surface *sf)
{
	free(sf->usd_per_t);
	free(sf->node_xy);
	free(sf->node_lon);
	memset(sf, 0, sizeof(*sf));
}

/* The health year the sites were valued for: the estimate's own, else the
 * map's year, else this year (the estimate's default). */
static int
health_year(const struct plot_site *ps, int n, const struct plot_opts *o)
{
	struct tm	 tm;
	time_t		 now;
	int		 i;

	for (i = 0; i < n; i++)
		if (ps[i].refs != NULL && ps[i].refs->health.health_year != 0)
			return ps[i].refs->health.health_year;
	if (o != NULL && o->year != 0)
		return o->year;
	now = time(NULL);
	if (gmtime_r(&now, &tm) == NULL)
		return 2025;
	return tm.tm_year + 1900;
}

/* Every cell corner from the EASIUR CRS to lon/lat (NAD83, as the cell
 * lookup uses) and on to the map. */
static int
project_nodes(struct map_surface *sf, const struct geo_proj *to_map,
    struct err *e)
{
	struct geo_proj	*grid;
	double		 lon, lat, *xy;
	size_t		 i, j, k;

	if ((grid = geo_proj_new("EPSG:4269", GEO_EASIUR_CRS, e)) == NULL)
		return -1;
	sf->node_xy = malloc(NODE_NX * NODE_NY * 2 * sizeof(double));
	sf->node_lon = malloc(NODE_NX * NODE_NY * sizeof(double));
	if (sf->node_xy == NULL || sf->node_lon == NULL) {
		geo_proj_free(grid);
		return err_set(e, ERR_NOMEM, NULL, 0, "out of memory");
	}
	for (j = 0; j < NODE_NY; j++)
		for (i = 0; i < NODE_NX; i++) {
			k = j * NODE_NX + i;
			xy = sf->node_xy + 2 * k;
			xy[0] = xy[1] = sf->node_lon[k] = (double)NAN;
			if (geo_inv(grid, (double)i * GEO_EASIUR_CELL_M,
			    (double)j * GEO_EASIUR_CELL_M, &lon, &lat) == -1)
				continue;
			sf->node_lon[k] = lon;
			if (geo_fwd(to_map, lon, lat, &xy[0], &xy[1]) == -1)
				xy[0] = xy[1] = (double)NAN;
		}
	geo_proj_free(grid);
	return 0;
}

int
map_surface_load(struct map_surface *sf, const char *name,
    const struct plot_site *ps, int n, const struct plot_opts *o,
    const struct geo_proj *to_map, struct err *e)
{
	struct easiur_scaling *sc = NULL;
	char		 path[1024];
	double		 lo = HUGE_VAL, hi = 0.0;
	size_t		 i;
	int		 sp, year, rc = -1;

	memset(sf, 0, sizeof(*sf));
	if ((sp = map_damage_species(name)) == -1)
		return err_set(e, ERR_USAGE, NULL, 0, "layer \"%s\": not a "
		    "known layer (known: %s)", name, MAP_DAMAGE_NAMES);
	sf->name = name;
	sf->species = (enum easiur_species)sp;
	if ((sc = malloc(sizeof(*sc))) == NULL ||
	    (sf->usd_per_t = malloc(EASIUR_NX * EASIUR_NY *
	    sizeof(double))) == NULL) {
		err_set(e, ERR_NOMEM, NULL, 0, "out of memory");
		goto out;
	}
	if (easiur_scaling_load(data_path("emissions/easiur.cfg", path,
	    sizeof(path)), sc, e) == -1)
		goto out;
	/* the years the estimate's easiur_usd_per_t() is given */
	year = health_year(ps, n, o);
	sf->pop_year = easiur_population_year(sc, year);
	sf->income_year = easiur_income_year(sc, year);
	sf->dollar_year = easiur_dollar_year(sc);
	if (easiur_surface(sc, sf->species, EASIUR_GROUND, sf->pop_year,
	    sf->income_year, sf->dollar_year, sf->usd_per_t, e) == -1)
		goto out;
	for (i = 0; i < (size_t)EASIUR_NX * EASIUR_NY; i++)
		if (sf->usd_per_t[i] > 0.0) {
			lo = fmin(lo, sf->usd_per_t[i]);
			hi = fmax(hi, sf->usd_per_t[i]);
		}
	if (!(hi > 0.0)) {
		err_set(e, ERR_CONFIG, sc->dir, 0, "EASIUR %s table: no "
		    "positive value", easiur_species_names[sp]);
		goto out;
	}
	/* round ends (1, 2 or 5 x 10^k) around every cell */
	sf->lo = map_nice_num(lo, 0);
	sf->hi = map_nice_num(hi, 1);
	if (!(sf->hi > sf->lo))
		sf->hi = 10.0 * sf->lo;
	if (to_map != NULL && project_nodes(sf, to_map, e) == -1)
		goto out;
	rc = 0;
out:
	free(sc);
	if (rc == -1)
		map_surface_free(sf);
	return rc;
}

/* ColorBrewer OrRd, 9 classes (Brewer, colorbrewer2.org, Apache 2.0),
 * interpolated: cream for the lowest damages to dark red for the highest;
 * sequential, a hue family apart from the sites' viridis. */
void
map_set_damage(cairo_t *cr, const struct map_surface *sf, double usd_per_t)
{
	static const unsigned stops[] = {
		0xfff7ecu, 0xfee8c8u, 0xfdd49eu, 0xfdbb84u, 0xfc8d59u,
		0xef6548u, 0xd7301fu, 0xb30000u, 0x7f0000u
	};
	double		 c[3];

	if (!(usd_per_t > 0.0)) {
		cairo_set_source_rgb(cr, 0.85, 0.85, 0.85);
		return;
	}
	map_ramp_rgb(stops, (int)(sizeof(stops) / sizeof(stops[0])),
	    log(usd_per_t / sf->lo) / log(sf->hi / sf->lo), c);
	cairo_set_source_rgb(cr, c[0], c[1], c[2]);
}

void
map_draw_surface(cairo_t *cr, const struct map *m)
{
	const struct map_surface *sf = &m->surf;
	static const int corner[4][2] = { { 0, 0 }, { 1, 0 }, { 1, 1 },
	    { 0, 1 } };
	double	 seam, px, py, d, dmin, dmax, lw;
	size_t	 x, y, k;
	int	 c, ok;

	if (sf->name == NULL || sf->node_xy == NULL)
		return;
	seam = geo_seam_deg(m->proj);
	/* each cell is filled and stroked in its own colour, so that
	 * neighbours meet without the hairline gaps of antialiased edges;
	 * the stroke is thin against the cell (tiny on world maps) */
	lw = fmin(0.5, 0.3 * GEO_EASIUR_CELL_M * m->k);
	cairo_save(cr);
	cairo_set_line_width(cr, lw);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
	for (y = 0; y < EASIUR_NY; y++)
		for (x = 0; x < EASIUR_NX; x++) {
			ok = 1;
			dmin = 360.0;
			dmax = -360.0;
			for (c = 0; c < 4 && ok; c++) {
				k = (y + (size_t)corner[c][1]) * NODE_NX + x +
				    (size_t)corner[c][0];
				if (isnan(sf->node_xy[2 * k]))
					ok = 0;
				d = remainder(sf->node_lon[k] - seam, 360.0);
				dmin = fmin(dmin, d);
				dmax = fmax(dmax, d);
			}
			/* a cell across the projection's seam would be
			 * drawn across the whole map */
			if (!ok || (dmin < 0.0 && dmax > 0.0 &&
			    dmax - dmin < 180.0))
				continue;
			cairo_new_path(cr);
			for (c = 0; c < 4; c++) {
				k = (y + (size_t)corner[c][1]) * NODE_NX + x +
				    (size_t)corner[c][0];
				px = m->bx + m->bw / 2.0 + (sf->node_xy[2 * k] -
				    m->cx_m) * m->k;
				py = m->by + m->bh / 2.0 - (sf->node_xy[2 * k +
				    1] - m->cy_m) * m->k;
				if (c == 0)
					cairo_move_to(cr, px, py);
				else
					cairo_line_to(cr, px, py);
			}
			cairo_close_path(cr);
			map_set_damage(cr, sf,
			    sf->usd_per_t[y * EASIUR_NX + x]);
			cairo_fill_preserve(cr);
			cairo_stroke(cr);
		}
	cairo_restore(cr);
}
