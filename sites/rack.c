/* Parsing a rack type: a catalog entry (estimator/racks.cfg) or a site's
 * inline rack, with the same settings. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "common/cfg.h"
#include "common/err.h"
#include "sites/site.h"

static const char *const comp_keys[SITE_NCOMP] = {
	"accelerators_kw", "cpus_kw", "memory_other_kw", "switches_kw",
	"cooling_conversion_kw"
};

static int
parse_components(const struct cfg *cf, const cfg_node *g, struct site_rack *r,
    struct err *e)
{
	static const char *const known[] = { "accelerators_kw", "cpus_kw",
	    "memory_other_kw", "switches_kw", "cooling_conversion_kw", NULL };
	double	 sum_kw = 0.0, peak_kw = unc_central(&r->peak_kw);
	int	 i;

	if (!cfg_is_group(g))
		return cfg_fail(cf, g, e, "expected a group { accelerators_kw; ... }");
	if (cfg_check_known(cf, g, known, e) == -1)
		return -1;
	for (i = 0; i < SITE_NCOMP; i++) {
		if (cfg_get_number(cf, g, comp_keys[i], 1, 0.0, 1.0e4,
		    &r->components_kw[i], e) == -1)
			return -1;
		sum_kw += r->components_kw[i];
	}
	/* the breakdown must account for the rack's peak power (0.5 % slack for
	 * rounded published figures) */
	if (fabs(sum_kw - peak_kw) > 0.005 * peak_kw)
		return cfg_fail(cf, g, e, "components sum to %.3f kW (got %.3f kW; "
		    "expected peak_kw = %.3f kW within 0.5 %%)", sum_kw, sum_kw,
		    peak_kw);
	r->has_components = 1;
	return 0;
}

int
site_rack_parse(const struct cfg *cf, const cfg_node *g, int inline_rack,
    struct site_rack *r, struct err *e)
{
	static const char *const known[] = { "id", "name", "peak_kw",
	    "idle_fraction", "accelerators", "accelerator", "accelerator_w",
	    "cpus", "cpu_w", "h100_per_accelerator", "components", "sources",
	    "note", "embodied_kg", NULL };
	const char	*s;
	const cfg_node	*n;
	int		 rc, i;

	memset(r, 0, sizeof(*r));
	r->line = cfg_node_line(g);
	if (!cfg_is_group(g))
		return cfg_fail(cf, g, e, "expected a rack group { peak_kw; ... }");
	if (cfg_check_known(cf, g, known, e) == -1)
		return -1;
	if ((rc = cfg_get_string(cf, g, "id", !inline_rack, &s, e)) == -1)
		return -1;
	snprintf(r->id, sizeof(r->id), "%s", rc == 1 ? s : "inline");
	if ((rc = cfg_get_string(cf, g, "name", 1, &s, e)) == -1)
		return -1;
	snprintf(r->name, sizeof(r->name), "%s", s);
	if (cfg_get_unc(cf, g, "peak_kw", 1, 0.1, 1.0e4, &r->peak_kw, e) == -1 ||
	    cfg_get_unc(cf, g, "idle_fraction", 1, 0.0, 1.0, &r->idle_frac, e) == -1 ||
	    cfg_get_number(cf, g, "accelerators", 1, 1.0, 1.0e4,
	    &r->accelerators_count, e) == -1 ||
	    cfg_get_number(cf, g, "accelerator_w", 1, 1.0, 1.0e5,
	    &r->accelerator_w, e) == -1 ||
	    cfg_get_number(cf, g, "cpus", !inline_rack, 0.0, 1.0e4,
	    &r->cpus_count, e) == -1 ||
	    cfg_get_number(cf, g, "cpu_w", !inline_rack, 0.0, 1.0e5,
	    &r->cpu_w, e) == -1 ||
	    cfg_get_unc(cf, g, "h100_per_accelerator", 1, 0.01, 100.0,
	    &r->h100_per_accelerator, e) == -1)
		return -1;
	if ((rc = cfg_get_string(cf, g, "accelerator", !inline_rack, &s, e)) == -1)
		return -1;
	snprintf(r->accelerator, sizeof(r->accelerator), "%s", rc == 1 ? s : "");
	/* accelerators alone must fit in the rack's peak */
	if (r->accelerators_count * r->accelerator_w / 1000.0 >
	    unc_central(&r->peak_kw) * 1.0001) {
		n = cfg_member(g, "accelerator_w");
		return cfg_fail(cf, n, e, "%g accelerators x %g W = %g kW exceed "
		    "peak_kw (got %g kW; expected at most %g kW)",
		    r->accelerators_count, r->accelerator_w,
		    r->accelerators_count * r->accelerator_w / 1000.0,
		    r->accelerators_count * r->accelerator_w / 1000.0,
		    unc_central(&r->peak_kw));
	}
	/* an inline rack's cradle-to-gate kg CO2e; a catalog rack's figures
	 * are in estimator/embodied.cfg */
	if ((n = cfg_member(g, "embodied_kg")) != NULL && !inline_rack)
		return cfg_fail(cf, n, e, "unknown setting in a catalog rack "
		    "(embodied figures belong in estimator/embodied.cfg)");
	if ((rc = cfg_get_unc(cf, g, "embodied_kg", 0, 1.0, 1.0e8,
	    &r->emb.rack_kg, e)) == -1)
		return -1;
	if (rc == 1) {
		r->emb.has_rack = 1;
		r->emb.other_kg = r->emb.rack_kg;
		snprintf(r->emb.rack_source, sizeof(r->emb.rack_source),
		    "embodied_kg of the site's inline rack");
	}
	if ((n = cfg_member(g, "components")) != NULL) {
		if (parse_components(cf, n, r, e) == -1)
			return -1;
	} else if (!inline_rack) {
		return cfg_fail(cf, g, e, "components: missing required setting");
	}
	if ((n = cfg_member(g, "sources")) != NULL) {
		if (!cfg_is_aggregate(n))
			return cfg_fail(cf, n, e, "expected a list of strings ( \"...\" )");
		for (i = 0; i < cfg_count(n); i++)
			if (!cfg_is_string(cfg_elem(n, i)))
				return cfg_fail(cf, cfg_elem(n, i), e, "expected a string");
	} else if (!inline_rack) {
		return cfg_fail(cf, g, e, "sources: missing required setting");
	}
	return 0;
}
