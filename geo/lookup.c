/* A site's county, AVERT region, Cambium GEA and EASIUR cell. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/data.h"
#include "common/err.h"
#include "geo/geo.h"
#include "geo/gea.h"
#include "geo/lookup.h"

struct geo_places {
	struct geo_layer	 counties;	/* id: fips, name: county name */
	struct geo_layer	 avert;		/* id: region code */
	struct geo_gea		*gea;
};

/* ANSI/FIPS state codes (US Census Bureau, "State FIPS codes", FIPS 5-2;
 * https://www.census.gov/library/reference/code-lists/ansi.html). */
static const struct { const char *fips, *postal; } states[] = {
	{ "01", "AL" }, { "02", "AK" }, { "04", "AZ" }, { "05", "AR" },
	{ "06", "CA" }, { "08", "CO" }, { "09", "CT" }, { "10", "DE" },
	{ "11", "DC" }, { "12", "FL" }, { "13", "GA" }, { "15", "HI" },
	{ "16", "ID" }, { "17", "IL" }, { "18", "IN" }, { "19", "IA" },
	{ "20", "KS" }, { "21", "KY" }, { "22", "LA" }, { "23", "ME" },
	{ "24", "MD" }, { "25", "MA" }, { "26", "MI" }, { "27", "MN" },
	{ "28", "MS" }, { "29", "MO" }, { "30", "MT" }, { "31", "NE" },
	{ "32", "NV" }, { "33", "NH" }, { "34", "NJ" }, { "35", "NM" },
	{ "36", "NY" }, { "37", "NC" }, { "38", "ND" }, { "39", "OH" },
	{ "40", "OK" }, { "41", "OR" }, { "42", "PA" }, { "44", "RI" },
	{ "45", "SC" }, { "46", "SD" }, { "47", "TN" }, { "48", "TX" },
	{ "49", "UT" }, { "50", "VT" }, { "51", "VA" }, { "53", "WA" },
	{ "54", "WV" }, { "55", "WI" }, { "56", "WY" }, { "72", "PR" },
};

const char *
geo_state_postal(const char *fips2)
{
	size_t	 i;

	for (i = 0; i < sizeof(states) / sizeof(states[0]); i++)
		if (strncmp(states[i].fips, fips2, 2) == 0)
			return states[i].postal;
	return NULL;
}

struct geo_places *
geo_places_load(struct err *e)
{
	struct geo_places *g;
	char	 path[1024];

	if ((g = calloc(1, sizeof(*g))) == NULL) {
		err_set(e, ERR_NOMEM, NULL, 0, "out of memory");
		return NULL;
	}
	data_path("geo/data/us-counties.geojson", path, sizeof(path));
	if (geo_layer_load(path, "fips", "name", &g->counties, e) == -1)
		goto fail;
	data_path("geo/data/avert-regions.geojson", path, sizeof(path));
	if (geo_layer_load(path, "avert", "name", &g->avert, e) == -1)
		goto fail;
	data_path("geo/data/county-gea.csv", path, sizeof(path));
	if (geo_gea_load(path, &g->gea, e) == -1)
		goto fail;
	return g;
fail:
	geo_places_free(g);
	return NULL;
}

void
geo_places_free(struct geo_places *g)
{
	if (g == NULL)
		return;
	geo_layer_free(&g->counties);
	geo_layer_free(&g->avert);
	geo_gea_free(g->gea);
	free(g);
}

int
geo_easiur_cell(double lon, double lat, int *x, int *y, struct err *e)
{
	struct geo_proj	*p;
	double		 xm, ym, cx, cy;
	int		 rc;

	if ((p = geo_proj_new("EPSG:4269", GEO_EASIUR_CRS, e)) == NULL)
		return -1;
	rc = geo_fwd(p, lon, lat, &xm, &ym);
	geo_proj_free(p);
	if (rc == -1)
		return 0;
	/* EASIUR's sample code: continuous grid coordinates x_m / 36 km + 1
	 * from the domain's south-west corner; the cell is their floor */
	cx = floor(xm / GEO_EASIUR_CELL_M + 1.0);
	cy = floor(ym / GEO_EASIUR_CELL_M + 1.0);
	if (cx < 1.0 || cx > GEO_EASIUR_NX || cy < 1.0 || cy > GEO_EASIUR_NY)
		return 0;
	*x = (int)cx;
	*y = (int)cy;
	return 1;
}

int
geo_place_find(const struct geo_places *g, double lon, double lat,
    struct geo_place *out, struct err *e)
{
	const struct geo_feature *f;
	const char	*st, *gea;
	long		 k;
	int		 rc;

	memset(out, 0, sizeof(*out));
	if ((k = geo_layer_find(&g->counties, lon, lat)) >= 0) {
		f = &g->counties.features[k];
		snprintf(out->county_fips, sizeof(out->county_fips), "%s", f->id);
		snprintf(out->county_name, sizeof(out->county_name), "%s", f->name);
		if ((st = geo_state_postal(f->id)) != NULL)
			snprintf(out->county_state, sizeof(out->county_state),
			    "%s", st);
		/* the Cambium crosswalk keeps Shannon County, SD (46113),
		 * renamed Oglala Lakota (46102) in 2015 (Census Bureau,
		 * "Substantial Changes to Counties", 2015) */
		gea = geo_gea_for_county(g->gea, strcmp(f->id, "46102") == 0 ?
		    "46113" : f->id);
		if (gea != NULL)
			snprintf(out->gea, sizeof(out->gea), "%s", gea);
	}
	if ((k = geo_layer_nearest(&g->avert, lon, lat, GEO_AVERT_NEAREST_KM,
	    &out->avert_dist_km)) >= 0)
		snprintf(out->avert, sizeof(out->avert), "%s",
		    g->avert.features[k].id);
	if ((rc = geo_easiur_cell(lon, lat, &out->easiur_x, &out->easiur_y,
	    e)) == -1)
		return -1;
	return 0;
}
