/* EASIUR marginal damages at a place (Heo, Adams and Gao 2016): the
 * per-cell tables of emissions/data/easiur/ and the scaling of
 * emissions/easiur.cfg (population growth, BenMAP income growth, a price
 * index for the dollar year). See emissions/data/PROVENANCE.md. */
#ifndef EMISSIONS_EASIUR_H
#define EMISSIONS_EASIUR_H

struct err;

/* The grid: 148 x 112 cells of 36 km, 1-based (x west to east, y south
 * to north), as in EASIUR's own sample code. */
#define EASIUR_NX	148
#define EASIUR_NY	112

/* EASIUR's species: primary PM2.5 (as elemental carbon, "PEC"), SO2, NOx. */
enum easiur_species { EASIUR_PEC, EASIUR_SO2, EASIUR_NOX, EASIUR_NSPECIES };
/* Release height: ground level ("area") or a 150 m stack ("p150"). */
enum easiur_release { EASIUR_GROUND, EASIUR_P150, EASIUR_NRELEASE };

extern const char *const easiur_species_names[EASIUR_NSPECIES];	/* "PEC" */
extern const char *const easiur_release_names[EASIUR_NRELEASE];	/* "area" */

/* One cell as published: $ per metric tonne in the tables' dollar,
 * population and income years (2010$, 2005, 2005), and the yearly
 * population growth factor of 2005-2040. */
struct easiur_cell {
	int		 x, y;
	double		 usd_per_t[EASIUR_NRELEASE][EASIUR_NSPECIES];
	double		 growth[EASIUR_NRELEASE][EASIUR_NSPECIES];
};

/* Read cell (x, y) of the twelve CSV files in "dir" (damages and growth
 * for the three species and two heights). Returns 0, or -1 with "e"
 * naming the file (and line for a malformed row). */
int	 easiur_cell_read(const char *dir, int x, int y, struct easiur_cell *out,
	    struct err *e);

/* A whole damage table, row-major [y - 1][x - 1], for maps. "out" holds
 * EASIUR_NX * EASIUR_NY doubles. */
int	 easiur_table_read(const char *dir, enum easiur_species,
	    enum easiur_release, double *out, struct err *e);

/* The scaling catalog (emissions/easiur.cfg). */
struct easiur_scaling {
	char		 edition[200];
	int		 table_dollar_year;	/* 2010 */
	int		 table_population_year;	/* 2005 */
	int		 table_income_year;	/* 2005 */
	int		 growth_last_year;	/* 2040: growth rates end there */
	double		 p150_height_m;		/* the elevated table's height */
	int		 income_first_year;
	int		 nincome;
	double		 income_adj[64];	/* BenMAP mortality income growth */
	char		 income_source[300];
	int		 deflator_first_year;
	int		 ndeflator;
	double		 deflator[64];		/* price index, any base */
	char		 deflator_name[200];
	char		 deflator_source[300];
	char		 dir[1024];		/* folder of the CSV tables */
};

/* Load "path" (emissions/easiur.cfg); the tables are looked for in
 * "<folder of path>/data/easiur". Returns 0, or -1 with "e" filled. */
int	 easiur_scaling_load(const char *path, struct easiur_scaling *out,
	    struct err *e);

/* The price index ratio index[to] / index[from]; NAN when a year is not
 * in the table. */
double	 easiur_deflate(const struct easiur_scaling *, int from_year, int to_year);

/* The years actually used for a requested health year: population year
 * clamped to [table year, growth_last_year], income year clamped to the
 * income table. */
int	 easiur_population_year(const struct easiur_scaling *, int year);
int	 easiur_income_year(const struct easiur_scaling *, int year);
/* The last year of the price index: the dollar year of every output. */
int	 easiur_dollar_year(const struct easiur_scaling *);

/* $ per metric tonne of cell "c" for (species, release), scaled as
 * EASIUR's sample code does: x growth^(pop_year - 2005) x
 * income_adj[income_year] / income_adj[2005] x deflator[dollar_year] /
 * deflator[2010]. */
double	 easiur_usd_per_t(const struct easiur_scaling *, const struct easiur_cell *c,
	    enum easiur_species, enum easiur_release, int pop_year,
	    int income_year, int dollar_year);

/* The whole damage surface of (species, release) for maps: every cell's
 * $ per metric tonne scaled exactly as easiur_usd_per_t() scales one cell
 * (each cell's own population growth, the national income and price
 * factors), into "out", EASIUR_NX * EASIUR_NY doubles, row-major
 * [y - 1][x - 1]. Reads the damage and growth tables of s->dir. Returns
 * 0, or -1 with "e" (a table that cannot be read, or an income or dollar
 * year outside the scaling's series). */
int	 easiur_surface(const struct easiur_scaling *, enum easiur_species,
	    enum easiur_release, int pop_year, int income_year,
	    int dollar_year, double *out, struct err *e);

#endif
