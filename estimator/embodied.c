/* Embodied emissions: the catalog (estimator/embodied.cfg) and the
 * build-out's purchases of racks and buildings, spread over their lives. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "common/cfg.h"
#include "common/err.h"
#include "common/units.h"
#include "estimator/embodied.h"

/* Draw slots after the supply entries' (16 + SITE_MAX_SUPPLY x 8 = 144). */
enum { PICK_EMB_ACCEL = 150, PICK_EMB_OTHER, PICK_EMB_LIFE, PICK_EMB_BUILDING,
	PICK_EMB_BUILDING_LIFE };

static int
get_text(const struct cfg *cf, const cfg_node *g, const char *key, char *dst,
    size_t n, struct err *e)
{
	const char	*s;
	int		 rc;

	if ((rc = cfg_get_string(cf, g, key, 1, &s, e)) != 1)
		return -1;
	snprintf(dst, n, "%s", s);
	return 0;
}

/* Append "fmt" to buf (length *len of n), silently cut at the end. */
static void
append(char *buf, size_t n, size_t *len, const char *text)
{
	size_t	 k = strlen(text);

	if (*len + 1 >= n)
		return;
	if (k > n - 1 - *len)
		k = n - 1 - *len;
	memcpy(buf + *len, text, k);
	*len += k;
	buf[*len] = '\0';
}

/* A sum of parts: each bound the sum of the parts' bounds (every part at
 * its low, or its high, together: a wide envelope), the mode the sum of
 * the modes. */
static void
unc_add(struct unc *sum, const struct unc *u, double count)
{
	double	 lo = u->a;
	double	 mode = unc_central(u);
	double	 hi = u->kind == UNC_FIXED ? u->a : u->c;

	sum->kind = UNC_TRIANGULAR;
	sum->a += count * lo;
	sum->b += count * mode;
	sum->c += count * hi;
	sum->lo = 0.0;
	sum->hi = HUGE_VAL;
}

static int
parse_rack(const struct cfg *cf, const cfg_node *g, struct est_racks *cat,
    struct err *e)
{
	static const char *const known[] = { "rack", "parts", "note", NULL };
	static const char *const pknown[] = { "name", "count", "kg",
	    "accelerators", "source", NULL };
	const cfg_node	*l;
	const char	*id;
	struct site_rack *r = NULL;
	struct site_embodied *m;
	char		 buf[600];
	size_t		 i, len = 0;
	int		 k;

	if (!cfg_is_group(g))
		return cfg_fail(cf, g, e, "expected a group { rack; parts; }");
	if (cfg_check_known(cf, g, known, e) == -1 ||
	    cfg_get_string(cf, g, "rack", 1, &id, e) == -1)
		return -1;
	for (i = 0; i < cat->nracks; i++)
		if (strcmp(cat->racks[i].id, id) == 0)
			r = &cat->racks[i];
	if (r == NULL)
		return cfg_fail(cf, cfg_member(g, "rack"), e, "unknown rack \"%s\" "
		    "(expected an id of racks.cfg)", id);
	m = &r->emb;
	if (m->has_rack)
		return cfg_fail(cf, cfg_member(g, "rack"), e, "rack \"%s\" given "
		    "twice", id);
	l = cfg_member(g, "parts");
	if (l == NULL || !cfg_is_aggregate(l) || cfg_count(l) == 0)
		return cfg_fail(cf, l != NULL ? l : g, e, "parts: expected a "
		    "non-empty list of part groups");
	memset(&m->rack_kg, 0, sizeof(m->rack_kg));
	memset(&m->accel_kg, 0, sizeof(m->accel_kg));
	memset(&m->other_kg, 0, sizeof(m->other_kg));
	for (k = 0; k < cfg_count(l); k++) {
		const cfg_node	*p = cfg_elem(l, k);
		const char	*name, *src;
		struct unc	 u;
		double		 count;
		int		 accel = 0;

		if (!cfg_is_group(p))
			return cfg_fail(cf, p, e, "expected a part group { name; "
			    "count; kg; source; }");
		if (cfg_check_known(cf, p, pknown, e) == -1 ||
		    cfg_get_string(cf, p, "name", 1, &name, e) == -1 ||
		    cfg_get_number(cf, p, "count", 1, 1.0, 1.0e4, &count, e) == -1 ||
		    cfg_get_unc(cf, p, "kg", 1, 0.01, 1.0e7, &u, e) == -1 ||
		    cfg_get_string(cf, p, "source", 1, &src, e) == -1 ||
		    cfg_get_bool(cf, p, "accelerators", &accel, e) == -1)
			return -1;
		if (u.kind != UNC_TRIANGULAR && u.kind != UNC_FIXED)
			return cfg_fail(cf, cfg_member(p, "kg"), e, "expected "
			    "{ min; mode; max } or a number");
		unc_add(&m->rack_kg, &u, count);
		unc_add(accel ? &m->accel_kg : &m->other_kg, &u, count);
		m->has_accel |= accel;
		snprintf(buf, sizeof(buf), "%s%g x %s, %.0f kg (%.0f-%.0f): %s",
		    k ? "; " : "", count, name, unc_central(&u),
		    u.a,
		    u.kind == UNC_FIXED ? u.a : u.c, src);
		append(m->rack_source, sizeof(m->rack_source), &len, buf);
	}
	m->has_rack = 1;
	return 0;
}

int
est_embodied_load(const char *path, struct est_racks *cat, struct err *e)
{
	static const char *const known[] = { "hardware", "buildings", "plants",
	    "manufacturing", "racks", NULL };
	static const char *const hknown[] = { "lifetime_years", "source", NULL };
	static const char *const bknown[] = { "kg_per_mw_it", "lifetime_years",
	    "source", NULL };
	struct site_embodied *w = &cat->emb;
	struct cfg	*cf;
	const cfg_node	*root, *g, *l;
	size_t		 i;
	int		 k, rc = -1;

	snprintf(cat->emb_file, sizeof(cat->emb_file), "%s", path);
	if ((cf = cfg_load_file(path, e)) == NULL)
		return -1;
	root = cfg_root(cf);
	if (cfg_check_known(cf, root, known, e) == -1)
		goto out;
	if ((g = cfg_member(root, "hardware")) == NULL || !cfg_is_group(g)) {
		cfg_fail(cf, g != NULL ? g : root, e, "hardware: expected a group "
		    "{ lifetime_years; source; }");
		goto out;
	}
	if (cfg_check_known(cf, g, hknown, e) == -1 ||
	    cfg_get_unc(cf, g, "lifetime_years", 1, 0.5, 50.0, &w->hw_life_years,
	    e) == -1 ||
	    get_text(cf, g, "source", w->hw_life_source,
	    sizeof(w->hw_life_source), e) == -1)
		goto out;
	if ((g = cfg_member(root, "buildings")) == NULL || !cfg_is_group(g)) {
		cfg_fail(cf, g != NULL ? g : root, e, "buildings: expected a group "
		    "{ kg_per_mw_it; lifetime_years; source; }");
		goto out;
	}
	if (cfg_check_known(cf, g, bknown, e) == -1 ||
	    cfg_get_unc(cf, g, "kg_per_mw_it", 1, 0.0, 1.0e8,
	    &w->building_kg_per_mw, e) == -1 ||
	    cfg_get_unc(cf, g, "lifetime_years", 1, 1.0, 200.0,
	    &w->building_life_years, e) == -1 ||
	    get_text(cf, g, "source", w->building_source,
	    sizeof(w->building_source), e) == -1 ||
	    get_text(cf, root, "plants", w->plants_note, sizeof(w->plants_note),
	    e) == -1 ||
	    get_text(cf, root, "manufacturing", w->manufacturing_note,
	    sizeof(w->manufacturing_note), e) == -1)
		goto out;
	w->has_catalog = 1;
	l = cfg_member(root, "racks");
	if (l == NULL || !cfg_is_aggregate(l)) {
		cfg_fail(cf, l != NULL ? l : root, e, "racks: expected a list of "
		    "rack groups { rack; parts; }");
		goto out;
	}
	for (k = 0; k < cfg_count(l); k++)
		if (parse_rack(cf, cfg_elem(l, k), cat, e) == -1)
			goto out;
	/* the catalog-wide figures travel with each rack */
	for (i = 0; i < cat->nracks; i++) {
		struct site_embodied *m = &cat->racks[i].emb;

		m->has_catalog = 1;
		m->hw_life_years = w->hw_life_years;
		m->building_kg_per_mw = w->building_kg_per_mw;
		m->building_life_years = w->building_life_years;
		memcpy(m->hw_life_source, w->hw_life_source,
		    sizeof(m->hw_life_source));
		memcpy(m->building_source, w->building_source,
		    sizeof(m->building_source));
		memcpy(m->plants_note, w->plants_note, sizeof(m->plants_note));
		memcpy(m->manufacturing_note, w->manufacturing_note,
		    sizeof(m->manufacturing_note));
	}
	rc = 0;
out:
	cfg_free(cf);
	return rc;
}

static double
pick_or_nan(int has, const struct unc *u, unsigned k, est_pick_fn pick,
    void *ctx)
{
	return has ? pick(u, k, ctx) : (double)NAN;
}

void
est_embodied_params_from_site(const struct site *s,
    const struct site_rack *rack, int year, est_pick_fn pick, void *ctx,
    struct est_params *p)
{
	const struct site_embodied *m = &rack->emb;
	struct est_embodied_params *o = &p->emb;
	size_t	 i;

	memset(o, 0, sizeof(*o));
	/* the accelerators and the rest drawn apart, so that the part is
	 * never more than the whole */
	o->accel_kg = m->has_rack && m->has_accel ?
	    pick(&m->accel_kg, PICK_EMB_ACCEL, ctx) : (double)NAN;
	o->rack_kg = m->has_rack ? pick(&m->other_kg, PICK_EMB_OTHER, ctx) +
	    (m->has_accel ? o->accel_kg : 0.0) : (double)NAN;
	o->hw_life_from_site = s->has_lifetime;
	o->hw_life_years = s->has_lifetime ?
	    pick(&s->lifetime_years, PICK_EMB_LIFE, ctx) :
	    pick_or_nan(m->has_catalog, &m->hw_life_years, PICK_EMB_LIFE, pick,
	    ctx);
	o->building_kg_per_mw = pick_or_nan(m->has_catalog,
	    &m->building_kg_per_mw, PICK_EMB_BUILDING, pick, ctx);
	o->building_life_years = pick_or_nan(m->has_catalog,
	    &m->building_life_years, PICK_EMB_BUILDING_LIFE, pick, ctx);
	/* purchases: each phase in force by "year" (the last at p->size, as
	 * drawn), then at the build-out the top-level size */
	for (i = 0; i < s->nphases && (year == 0 || s->phases[i].year <= year);
	    i++) {
		o->buy_size[o->nbuys] = unc_central(&s->phases[i].size);
		o->buy_year[o->nbuys++] = s->phases[i].year;
	}
	if (year == 0 || o->nbuys == 0) {
		o->buy_size[o->nbuys] = p->size;
		o->buy_year[o->nbuys++] = year;
	} else {
		o->buy_size[o->nbuys - 1] = p->size;
	}
}

void
est_embodied_parts(const struct est_params *p, const struct est_result *est,
    struct est_embodied_parts *out)
{
	const struct est_embodied_params *m = &p->emb;
	double		 racks[SITE_MAX_PHASES + 1], it_mw[SITE_MAX_PHASES + 1];
	struct est_params q;
	struct est_result r;
	size_t		 i;

	/* the earlier purchases' racks and IT power, then the same sums */
	for (i = 0; i + 1 < m->nbuys; i++) {
		q = *p;
		q.size = m->buy_size[i];
		q.annual_only = 1;
		est_run(&q, &r);
		racks[i] = r.racks;
		it_mw[i] = r.it_mw;
	}
	est_embodied_parts_given(p, est, racks, it_mw, out);
}

void
est_embodied_parts_given(const struct est_params *p,
    const struct est_result *est, const double *buy_racks,
    const double *buy_it_mw, struct est_embodied_parts *out)
{
	const struct est_embodied_params *m = &p->emb;
	double		 prev = 0.0, racks, it_mw;
	size_t		 i;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < m->nbuys; i++) {
		if (i + 1 == m->nbuys) {
			racks = est->racks;
			it_mw = est->it_mw;
		} else {
			racks = buy_racks[i];
			it_mw = buy_it_mw[i];
		}
		/* a phase buys the racks it adds; a smaller phase buys none
		 * (and its racks stay counted as bought) */
		if (racks > prev) {
			out->racks_bought += racks - prev;
			prev = racks;
		}
		if (it_mw > out->it_mw_built)
			out->it_mw_built = it_mw;
	}
	out->accel_kg = out->racks_bought * m->accel_kg;
	out->hardware_kg = out->racks_bought * m->rack_kg;
	out->building_kg = out->it_mw_built * m->building_kg_per_mw;
	out->hardware_kg_per_year = out->hardware_kg / m->hw_life_years;
	out->building_kg_per_year = out->building_kg / m->building_life_years;
	out->total_kg = out->hardware_kg + out->building_kg;
	out->kg_per_year = out->hardware_kg_per_year + out->building_kg_per_year;
}
