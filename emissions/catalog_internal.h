/* Shared by the catalog loaders (emissions/catalog*.c), and by tests that
 * load the catalogs one file at a time. Not part of the public header. */
#ifndef EMISSIONS_CATALOG_INTERNAL_H
#define EMISSIONS_CATALOG_INTERNAL_H

#include <stddef.h>

#include "common/cfg.h"

struct emis_catalogs;
struct err;

/* The eleven resource-mix fuel keys, NULL-terminated (cfg_check_known). */
extern const char *const catalog_fuel_keys_null[];

/* "src" (NULL: "") into dst[n], truncated like snprintf. */
void	 catalog_copy(char *dst, size_t n, const char *src);
/* String member "key" of "g" into dst[n] (truncated like snprintf): 1
 * found, 0 absent and optional, -1 with "e". */
int	 catalog_get_str(const struct cfg *, const cfg_node *g, const char *key,
	    int required, char *dst, size_t n, struct err *e);
/* The non-empty list of strings "sources" of "g": its first element into
 * first[nfirst] and, when "all" is not NULL, every element joined by
 * " | " into all[nall]. 0, or -1 with "e" (a list too long to hold is an
 * error). */
int	 catalog_sources(const struct cfg *, const cfg_node *g, char *first,
	    size_t nfirst, char *all, size_t nall, struct err *e);
/* The non-empty list of groups "key" at the root; NULL with "e". */
const cfg_node *catalog_root_list(const struct cfg *, const char *key,
	    struct err *e);
/* The group "key" at the root, all of whose settings are in "known";
 * NULL with "e". */
const cfg_node *catalog_root_group(const struct cfg *, const char *key,
	    const char *const *known, struct err *e);

/* One file each, into "c" (which owns what they allocate; on failure
 * emis_catalogs_free(c) releases it). None reads another catalog:
 * emis_catalogs_link() joins them afterwards, so they load in any order.
 * Return 0, or -1 with "e" naming the file and line. */
int	 catalog_load_grids(struct emis_catalogs *c, const char *path,
	    struct err *e);
int	 catalog_load_plants(struct emis_catalogs *c, const char *path,
	    struct err *e);
int	 catalog_load_health(struct emis_catalogs *c, const char *path,
	    struct err *e);
int	 catalog_load_context(struct emis_catalogs *c, const char *path,
	    struct err *e);

#endif
