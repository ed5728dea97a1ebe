/* Health damages by place (docs/design.md §5): the $ per tonne each source's
 * tonnes are valued at. */
#include <math.h>
#include <string.h>

#include "common/err.h"
#include "emissions/emissions.h"

/* EASIUR's species for each pollutant valued: primary PM2.5 as PEC. */
static const struct {
	enum emis_pollutant	 pollutant;
	enum easiur_species	 species;
} valued[] = {
	{ EMIS_PM25, EASIUR_PEC }, { EMIS_SO2, EASIUR_SO2 }, { EMIS_NOX, EASIUR_NOX },
};
#define NVALUED	(sizeof(valued) / sizeof(valued[0]))

static void
fill_all(struct emis_health *h, const double *usd_per_t)
{
	size_t	 i;

	for (i = 0; i < SITE_MAX_SUPPLY + 1; i++)
		memcpy(h->usd_per_t[i], usd_per_t, sizeof(h->usd_per_t[i]));
}

const char *
emis_health_method_name(const struct emis_health *h)
{
	if (h->method == EMIS_HEALTH_EPA_BPT)
		return "epa-bpt";
	return h->fallback ? "national-fallback" : "easiur";
}

void
emis_health_national(const struct emis_catalogs *c, struct emis_health *h)
{
	int	 r, p;

	memset(h, 0, sizeof(*h));
	h->method = EMIS_HEALTH_EPA_BPT;
	h->dollar_year = c->health_dollar_year;
	for (r = 0; r < EASIUR_NRELEASE; r++)
		for (p = 0; p < EMIS_NPOLL; p++)
			h->site_usd_per_t[r][p] = (double)NAN;
	memcpy(h->national_usd_per_t, c->health_usd_per_t,
	    sizeof(h->national_usd_per_t));
	fill_all(h, h->national_usd_per_t);
}

int
emis_health_resolve(const struct emis_catalogs *c, const struct site *s,
    int x, int y, const struct emis_options *o, struct emis_refs *r,
    struct err *e)
{
	const struct easiur_scaling *sc = &c->easiur;
	struct emis_health *h = &r->health;
	struct easiur_cell cell;
	double	 k;
	size_t	 i, v;
	int	 rl, p;

	emis_health_national(c, h);
	h->health_year = o->health_year;
	if (o->health == EMIS_HEALTH_EPA_BPT)
		return 0;
	h->method = EMIS_HEALTH_EASIUR;
	h->dollar_year = easiur_dollar_year(sc);
	h->population_year = easiur_population_year(sc, o->health_year);
	h->income_year = easiur_income_year(sc, o->health_year);
	/* the national values: only their dollars move (they are EPA's
	 * estimates for their own analysis year) */
	if (isnan(k = easiur_deflate(sc, c->health_dollar_year, h->dollar_year)))
		return err_set(e, ERR_CONFIG, NULL, 0, "emissions/easiur.cfg: "
		    "deflator: no value for %d, the dollar year of health.cfg",
		    c->health_dollar_year);
	for (p = 0; p < EMIS_NPOLL; p++)
		h->national_usd_per_t[p] *= k;
	fill_all(h, h->national_usd_per_t);
	if (x == 0 || y == 0) {
		h->fallback = 1;
		return 0;
	}
	if (easiur_cell_read(sc->dir, x, y, &cell, e) == -1)
		return -1;
	h->easiur_x = x;
	h->easiur_y = y;
	for (rl = 0; rl < EASIUR_NRELEASE; rl++)
		for (v = 0; v < NVALUED; v++)
			h->site_usd_per_t[rl][valued[v].pollutant] =
			    easiur_usd_per_t(sc, &cell, valued[v].species,
			    (enum easiur_release)rl, h->population_year,
			    h->income_year, h->dollar_year);
	/* on-site plants at the cell, between the ground-level and 150 m
	 * values by the stack's physical height as EASIUR's sample code does
	 * (get_avg_plume_stack; no stated height: ground level, the higher
	 * damages); the backup generators at ground level; grid and
	 * PPA-matched energy at the national value */
	for (i = 0; i < s->nsupply; i++) {
		double	 w;

		if (s->supply[i].kind != SITE_SUPPLY_ONSITE)
			continue;
		w = s->supply[i].stack_height_m / sc->p150_height_m;
		h->stack_weight[i] = w = w > 1.0 ? 1.0 : w;
		for (v = 0; v < NVALUED; v++) {
			p = valued[v].pollutant;
			h->usd_per_t[i][p] = (1.0 - w) *
			    h->site_usd_per_t[EASIUR_GROUND][p] +
			    w * h->site_usd_per_t[EASIUR_P150][p];
		}
	}
	for (v = 0; v < NVALUED; v++)
		h->usd_per_t[SITE_MAX_SUPPLY][valued[v].pollutant] =
		    h->site_usd_per_t[EASIUR_GROUND][valued[v].pollutant];
	return 0;
}
