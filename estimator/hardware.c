/* The rack catalog, estimator/racks.cfg. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/cfg.h"
#include "common/err.h"
#include "estimator/embodied.h"

int
est_racks_load(const char *path, struct est_racks *cat, struct err *e)
{
	static const char *const known[] = { "racks", NULL };
	struct cfg	*cf;
	const cfg_node	*l;
	int		 i, j, rc = -1;

	memset(cat, 0, sizeof(*cat));
	snprintf(cat->file, sizeof(cat->file), "%s", path);
	if ((cf = cfg_load_file(path, e)) == NULL)
		return -1;
	if (cfg_check_known(cf, cfg_root(cf), known, e) == -1)
		goto out;
	l = cfg_member(cfg_root(cf), "racks");
	if (l == NULL || !cfg_is_aggregate(l) || cfg_count(l) == 0) {
		cfg_fail(cf, l != NULL ? l : cfg_root(cf), e, "racks: expected a "
		    "non-empty list of rack groups");
		goto out;
	}
	cat->racks = calloc((size_t)cfg_count(l), sizeof(*cat->racks));
	if (cat->racks == NULL) {
		err_set(e, ERR_NOMEM, path, 0, "out of memory");
		goto out;
	}
	for (i = 0; i < cfg_count(l); i++) {
		if (site_rack_parse(cf, cfg_elem(l, i), 0, &cat->racks[i], e) == -1)
			goto out;
		for (j = 0; j < i; j++)
			if (strcmp(cat->racks[j].id, cat->racks[i].id) == 0) {
				cfg_fail(cf, cfg_elem(l, i), e, "duplicate rack id "
				    "\"%s\" (first on line %d)", cat->racks[i].id,
				    cat->racks[j].line);
				goto out;
			}
		cat->nracks++;
	}
	/* the embodied figures beside the catalog, when there */
	{
		char	 emb[sizeof(cat->emb_file)];
		const char *slash = strrchr(path, '/');
		int	 dirlen = slash != NULL ? (int)(slash - path) + 1 : 0;

		snprintf(emb, sizeof(emb), "%.*sembodied.cfg", dirlen, path);
		if (access(emb, R_OK) == 0 &&
		    est_embodied_load(emb, cat, e) == -1)
			goto out;
	}
	rc = 0;
out:
	if (rc == -1)
		est_racks_free(cat);
	cfg_free(cf);
	return rc;
}

void
est_racks_free(struct est_racks *cat)
{
	if (cat == NULL)
		return;
	free(cat->racks);
	cat->racks = NULL;
	cat->nracks = 0;
}

const struct site_rack *
est_racks_find(const struct est_racks *cat, const char *id)
{
	size_t	 i;

	for (i = 0; i < cat->nracks; i++)
		if (strcmp(cat->racks[i].id, id) == 0)
			return &cat->racks[i];
	return NULL;
}

int
est_site_rack(const struct est_racks *cat, const struct site *s,
    struct site_rack *out, struct err *e)
{
	const struct site_rack *r;
	char		 ids[400];
	size_t		 i, len = 0;

	if (s->rack_inline) {
		*out = s->rack;
		/* its own embodied_kg (or none), the catalog's buildings and
		 * lifetimes */
		if (cat->emb.has_catalog) {
			struct site_embodied own = out->emb;

			out->emb = cat->emb;
			out->emb.has_rack = own.has_rack;
			out->emb.rack_kg = own.rack_kg;
			out->emb.other_kg = own.other_kg;
			out->emb.has_accel = 0;
			memcpy(out->emb.rack_source, own.rack_source,
			    sizeof(own.rack_source));
		}
		return 0;
	}
	if ((r = est_racks_find(cat, s->rack.id)) != NULL) {
		*out = *r;
		return 0;
	}
	ids[0] = '\0';
	for (i = 0; i < cat->nracks && len < sizeof(ids); i++)
		len += (size_t)snprintf(ids + len, sizeof(ids) - len, "%s%s",
		    i ? ", " : "", cat->racks[i].id);
	return err_set(e, ERR_CONFIG, s->file, s->rack.line, "hardware.rack: "
	    "unknown rack \"%s\" (expected one of: %s; or an inline rack group)",
	    s->rack.id, ids);
}
