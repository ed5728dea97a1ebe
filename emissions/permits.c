/* What the permit allows beside what the estimate says, and the labels of
 * supply rows (a PPA's energy is grid energy matched by the PPA). */
#include <stdio.h>
#include <string.h>

#include "common/units.h"
#include "emissions/emissions.h"

_Static_assert(SITE_NPOLL == EMIS_NPOLL, "site and emissions pollutants differ");

int
emis_permit(const struct site *s, const struct emis_result *r, size_t i,
    int p, double *est_tpy, double *cap_tpy)
{
	const struct site_supply *sp = &s->supply[i];

	if (i >= s->nsupply || sp->kind != SITE_SUPPLY_ONSITE ||
	    sp->permit_tpy[p] < 0.0)
		return 0;
	*cap_tpy = sp->permit_tpy[p];
	*est_tpy = unit_t_to_short_tons(r->source[i].mass_t[p]);
	return 1;
}

const char *
emis_source_label(const struct site *s, const struct emis_refs *r, size_t i,
    char *buf, size_t n)
{
	const struct site_supply *sp = &s->supply[i];

	if (sp->kind == SITE_SUPPLY_PPA)
		snprintf(buf, n, "%s grid (matched by %s)", r->grid->id, sp->name);
	else
		snprintf(buf, n, "%s", sp->name);
	return buf;
}
