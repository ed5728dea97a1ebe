/* County -> NREL Cambium GEA region crosswalk (Cambium 2023 mapping, the
 * same 18 GEAs as Cambium 2024). Plain C; no PROJ. */
#ifndef GEO_GEA_H
#define GEO_GEA_H

#include <stddef.h>

struct err;
struct geo_gea;			/* opaque */

/* Load the crosswalk CSV at "path" (geo/data/county-gea.csv): a header row
 * naming at least "State FIPS", "County FIPS" and "Cambium GEA" (found by
 * name; an optional UTF-8 BOM and CRLF lines are accepted), then one row
 * per county with the FIPS codes as integers ("12", "11"; leading zeros
 * optional). A county listed twice is an error. On success *out owns the
 * table (geo_gea_free()) and 0 is returned; on failure *out is NULL, -1 is
 * returned and "e" says why: ERR_IO (missing or unreadable), ERR_CONFIG
 * (malformed row, FIPS out of range, duplicate; e->file and e->line locate
 * it), ERR_NOMEM. */
int		 geo_gea_load(const char *path, struct geo_gea **out,
		    struct err *e);

/* Free "g"; NULL is a no-op. */
void		 geo_gea_free(struct geo_gea *g);

/* The GEA name ("MISO_South") of the county with 5-digit FIPS code "fips5"
 * (2-digit state + 3-digit county, "12011" for Broward, FL), or NULL if the
 * county is not in the table or fips5 is not 5 digits. The string is owned
 * by "g". */
const char	*geo_gea_for_county(const struct geo_gea *g, const char *fips5);

/* Number of counties, and of distinct GEA names with the i-th name
 * (0 <= i < geo_gea_ngeas(), in order of first appearance). */
size_t		 geo_gea_ncounties(const struct geo_gea *g);
size_t		 geo_gea_ngeas(const struct geo_gea *g);
const char	*geo_gea_name(const struct geo_gea *g, size_t i);

#endif
