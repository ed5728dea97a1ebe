/* Loading and validating a site definition (docs/design.md §4). */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/cfg.h"
#include "common/err.h"
#include "sites/settings.h"
#include "sites/site.h"

static const char *const sizing_keys[] = {
	"capacity_mw", "racks", "accelerators", "h100_equivalents"
};

/* Setting "id" of group "g" (sites/settings.c: its key and range). */
static int
get_setting(const struct cfg *cf, const cfg_node *g, enum site_setting_id id,
    int required, struct unc *out, struct err *e)
{
	const struct site_setting *t = &site_settings[id];

	return cfg_get_unc(cf, g, t->key, required, t->lo, t->hi, out, e);
}

const char *
site_sizing_key(enum site_sizing s)
{
	return sizing_keys[s];
}

const char *
site_supply_kind_name(enum site_supply_kind k)
{
	switch (k) {
	case SITE_SUPPLY_ONSITE:
		return "onsite";
	case SITE_SUPPLY_PPA:
		return "ppa";
	case SITE_SUPPLY_GRID:
	default:
		return "grid";
	}
}

static int
copy_string(const struct cfg *cf, const cfg_node *g, const char *key,
    int required, char *dst, size_t n, struct err *e)
{
	const char	*s;
	int		 rc;

	if ((rc = cfg_get_string(cf, g, key, required, &s, e)) != 1)
		return rc;
	if (strlen(s) >= n)
		return cfg_fail(cf, cfg_member(g, key), e, "too long (got %zu "
		    "characters; expected at most %zu)", strlen(s), n - 1);
	snprintf(dst, n, "%s", s);
	return 1;
}

static int
need_group(const struct cfg *cf, const cfg_node *n, const char *what,
    struct err *e)
{
	if (!cfg_is_group(n))
		return cfg_fail(cf, n, e, "expected a group { %s }", what);
	return 0;
}

static int
parse_location(const struct cfg *cf, const cfg_node *root, struct site *s,
    struct err *e)
{
	static const char *const known[] = { "lat", "lon", "place", "state",
	    "country", NULL };
	const cfg_node	*g = cfg_member(root, "location");
	size_t		 i;

	if (g == NULL)
		return cfg_fail(cf, root, e, "location: missing required setting "
		    "(location = { lat; lon; country; })");
	if (need_group(cf, g, "lat; lon; country; ...", e) == -1 ||
	    cfg_check_known(cf, g, known, e) == -1 ||
	    cfg_get_number(cf, g, "lat", 1, -90.0, 90.0, &s->lat_deg, e) == -1 ||
	    cfg_get_number(cf, g, "lon", 1, -180.0, 180.0, &s->lon_deg, e) == -1 ||
	    copy_string(cf, g, "place", 0, s->place, sizeof(s->place), e) == -1 ||
	    copy_string(cf, g, "state", 0, s->state, sizeof(s->state), e) == -1 ||
	    copy_string(cf, g, "country", 1, s->country, sizeof(s->country), e) == -1)
		return -1;
	s->country_line = cfg_node_line(cfg_member(g, "country"));
	if (strlen(s->country) != 2 || !isupper((unsigned char)s->country[0]) ||
	    !isupper((unsigned char)s->country[1]))
		return cfg_fail(cf, cfg_member(g, "country"), e, "expected an ISO "
		    "3166 two-letter code such as \"US\" (got \"%s\")", s->country);
	for (i = 0; s->state[i] != '\0'; i++)
		if (!isupper((unsigned char)s->state[i]))
			return cfg_fail(cf, cfg_member(g, "state"), e, "expected a "
			    "postal code such as \"LA\" (got \"%s\")", s->state);
	return 0;
}

static int
parse_sizing(const struct cfg *cf, const cfg_node *root, struct site *s,
    struct err *e)
{
	const cfg_node	*first = NULL, *n;
	int		 i, found = -1;

	for (i = 0; i < 4; i++) {
		if ((n = cfg_member(root, sizing_keys[i])) == NULL)
			continue;
		if (first != NULL)
			return cfg_fail(cf, n, e, "two sizings given (%s on line %d "
			    "and %s); expected exactly one of capacity_mw, racks, "
			    "accelerators, h100_equivalents", sizing_keys[found],
			    cfg_node_line(first), sizing_keys[i]);
		first = n;
		found = i;
	}
	if (first == NULL)
		return cfg_fail(cf, root, e, "no sizing given; expected exactly one "
		    "of capacity_mw, racks, accelerators, h100_equivalents");
	s->sizing = (enum site_sizing)found;
	s->size_line = cfg_node_line(first);
	if (cfg_unc(cf, first, site_settings[SITE_SET_CAPACITY_MW + found].lo,
	    site_settings[SITE_SET_CAPACITY_MW + found].hi, &s->size, e) == -1)
		return -1;
	return 0;
}

static int
parse_phases(const struct cfg *cf, const cfg_node *root, struct site *s,
    struct err *e)
{
	const cfg_node	*l = cfg_member(root, "phases"), *g;
	const char	*key = sizing_keys[s->sizing];
	const char	*known[] = { "year", key, NULL };
	long		 year;
	int		 i;

	if (l == NULL)
		return 0;
	if (!cfg_is_aggregate(l))
		return cfg_fail(cf, l, e, "expected a list ( { year; %s; }, ... )", key);
	if (cfg_count(l) > SITE_MAX_PHASES)
		return cfg_fail(cf, l, e, "too many phases (got %d; expected at "
		    "most %d)", cfg_count(l), SITE_MAX_PHASES);
	for (i = 0; i < cfg_count(l); i++) {
		struct site_phase *p = &s->phases[i];

		g = cfg_elem(l, i);
		if (need_group(cf, g, "year; ...", e) == -1 ||
		    cfg_check_known(cf, g, known, e) == -1 ||
		    cfg_get_int(cf, g, "year", 1, SITE_YEAR_MIN, SITE_YEAR_MAX,
		    &year, e) == -1 ||
		    cfg_get_unc(cf, g, key, 1, 0.0, site_settings[SITE_SET_CAPACITY_MW
		    + s->sizing].hi, &p->size, e) == -1)
			return -1;
		p->year = (int)year;
		p->line = cfg_node_line(g);
		if (i > 0 && p->year <= s->phases[i - 1].year)
			return cfg_fail(cf, cfg_member(g, "year"), e, "phase years "
			    "must increase (got %d after %d)", p->year,
			    s->phases[i - 1].year);
	}
	s->nphases = (size_t)cfg_count(l);
	return 0;
}

/* hardware.lifetime_years (the service life over which the racks'
 * embodied CO2e is spread) and hardware.manufacturing_grid (a grid id such
 * as "AZNM" or "TW"; emissions/ checks it against the grid catalog). */
static int
parse_embodied_settings(const struct cfg *cf, const cfg_node *g,
    struct site *s, struct err *e)
{
	const cfg_node	*n;
	size_t		 i;
	int		 rc;

	if ((rc = cfg_get_unc(cf, g, "lifetime_years", 0, 0.5, 50.0,
	    &s->lifetime_years, e)) == -1)
		return -1;
	s->has_lifetime = rc;
	if (rc == 1)
		s->lifetime_line = cfg_node_line(cfg_member(g, "lifetime_years"));
	if ((n = cfg_member(g, "manufacturing_grid")) == NULL)
		return 0;
	if (copy_string(cf, g, "manufacturing_grid", 1, s->manufacturing_grid,
	    sizeof(s->manufacturing_grid), e) == -1)
		return -1;
	s->manufacturing_grid_line = cfg_node_line(n);
	for (i = 0; s->manufacturing_grid[i] != '\0'; i++)
		if (!((s->manufacturing_grid[i] >= 'A' &&
		    s->manufacturing_grid[i] <= 'Z') ||
		    (s->manufacturing_grid[i] >= '0' &&
		    s->manufacturing_grid[i] <= '9')))
			break;
	if (i < 2 || s->manufacturing_grid[i] != '\0')
		return cfg_fail(cf, n, e, "expected a grid id in capitals such as "
		    "\"AZNM\" or a country code such as \"TW\" (got \"%s\")",
		    s->manufacturing_grid);
	return 0;
}

static int
parse_hardware(const struct cfg *cf, const cfg_node *root, struct site *s,
    struct err *e)
{
	static const char *const known[] = { "rack", "utilization", "overhead",
	    "load_factor", "lifetime_years", "manufacturing_grid", NULL };
	const cfg_node	*g = cfg_member(root, "hardware"), *r;
	int		 rc;

	if (g == NULL)
		return cfg_fail(cf, root, e, "hardware: missing required setting "
		    "(hardware = { rack; utilization; })");
	if (need_group(cf, g, "rack; utilization; ...", e) == -1 ||
	    cfg_check_known(cf, g, known, e) == -1)
		return -1;
	if ((r = cfg_member(g, "rack")) == NULL)
		return cfg_fail(cf, g, e, "hardware.rack: missing required setting");
	if (cfg_is_string(r)) {
		if (copy_string(cf, g, "rack", 1, s->rack.id, sizeof(s->rack.id),
		    e) == -1)
			return -1;
		s->rack.line = cfg_node_line(r);
	} else if (cfg_is_group(r)) {
		if (site_rack_parse(cf, r, 1, &s->rack, e) == -1)
			return -1;
		s->rack_inline = 1;
	} else {
		return cfg_fail(cf, r, e, "expected a rack id such as "
		    "\"gb200-nvl72\" or an inline rack group { peak_kw; ... }");
	}
	if ((rc = get_setting(cf, g, SITE_SET_LOAD_FACTOR, 0, &s->load_factor,
	    e)) == -1)
		return -1;
	s->has_load_factor = rc;
	if (get_setting(cf, g, SITE_SET_UTILIZATION, !s->has_load_factor,
	    &s->utilization_frac, e) == -1)
		return -1;
	if (s->has_load_factor && cfg_member(g, "utilization") != NULL)
		return cfg_fail(cf, cfg_member(g, "utilization"), e, "give "
		    "utilization or load_factor, not both (load_factor replaces "
		    "the utilization model)");
	s->overhead_frac = unc_fixed(0.0);
	if (get_setting(cf, g, SITE_SET_OVERHEAD, 0, &s->overhead_frac, e) == -1)
		return -1;
	return parse_embodied_settings(cf, g, s, e);
}

static int
parse_cooling(const struct cfg *cf, const cfg_node *root, struct site *s,
    struct err *e)
{
	static const char *const known[] = { "pue", "wue_l_per_kwh", NULL };
	const cfg_node	*g = cfg_member(root, "cooling"), *p;
	int		 i;

	if (g == NULL)
		return cfg_fail(cf, root, e, "cooling: missing required setting "
		    "(cooling = { pue; wue_l_per_kwh; })");
	if (need_group(cf, g, "pue; wue_l_per_kwh;", e) == -1 ||
	    cfg_check_known(cf, g, known, e) == -1)
		return -1;
	if ((p = cfg_member(g, "pue")) == NULL)
		return cfg_fail(cf, g, e, "cooling.pue: missing required setting");
	if (cfg_is_aggregate(p)) {
		if (cfg_count(p) != SITE_MONTHS)
			return cfg_fail(cf, p, e, "monthly PUE needs 12 values "
			    "(got %d; expected 12, January to December)", cfg_count(p));
		for (i = 0; i < SITE_MONTHS; i++)
			if (cfg_number(cf, cfg_elem(p, i),
			    site_settings[SITE_SET_PUE].lo,
			    site_settings[SITE_SET_PUE].hi, &s->pue_by_month[i],
			    e) == -1)
				return -1;
		s->pue_monthly = 1;
		s->pue = unc_fixed(s->pue_by_month[0]);
	} else if (cfg_unc(cf, p, site_settings[SITE_SET_PUE].lo,
	    site_settings[SITE_SET_PUE].hi, &s->pue, e) == -1) {
		return -1;
	}
	if (get_setting(cf, g, SITE_SET_WUE, 1, &s->wue_l_per_kwh, e) == -1)
		return -1;
	return 0;
}

static int
parse_controls(const struct cfg *cf, const cfg_node *n, unsigned *out,
    struct err *e)
{
	static const struct { const char *id; unsigned bit; } ids[] = {
		{ "none", 0 }, { "water-injection", SITE_CTRL_WATER_INJECTION },
		{ "dln", SITE_CTRL_DLN }, { "scr", SITE_CTRL_SCR },
		{ "oxidation-catalyst", SITE_CTRL_OXCAT },
	};
	const cfg_node	*el;
	const char	*s;
	int		 i, count = cfg_is_aggregate(n) ? cfg_count(n) : 1;
	size_t		 k;

	*out = 0;
	if (!cfg_is_aggregate(n) && !cfg_is_string(n))
		return cfg_fail(cf, n, e, "expected a control id or a list of them");
	for (i = 0; i < count; i++) {
		el = cfg_is_aggregate(n) ? cfg_elem(n, i) : n;
		if (!cfg_is_string(el))
			return cfg_fail(cf, el, e, "expected a control id string");
		s = cfg_string(el);
		for (k = 0; k < sizeof(ids) / sizeof(ids[0]); k++)
			if (strcmp(s, ids[k].id) == 0)
				break;
		if (k == sizeof(ids) / sizeof(ids[0]))
			return cfg_fail(cf, el, e, "unknown control \"%s\" (expected "
			    "none, water-injection, dln, scr, oxidation-catalyst)", s);
		*out |= ids[k].bit;
	}
	if ((*out & SITE_CTRL_WATER_INJECTION) && (*out & SITE_CTRL_DLN))
		return cfg_fail(cf, n, e, "water-injection and dln are alternative "
		    "combustion controls; give one");
	return 0;
}

/* capacity_factor or hours (operating hours per year) */
static int
parse_running(const struct cfg *cf, const cfg_node *g, struct site_supply *p,
    struct err *e)
{
	int	 cf_rc, h_rc;

	if ((cf_rc = get_setting(cf, g, SITE_SET_SUPPLY_CAPACITY_FACTOR, 0,
	    &p->capacity_factor, e)) == -1 ||
	    (h_rc = get_setting(cf, g, SITE_SET_SUPPLY_HOURS, 0, &p->hours,
	    e)) == -1)
		return -1;
	if (cf_rc && h_rc)
		return cfg_fail(cf, g, e, "give capacity_factor or hours, not both");
	if (!cf_rc && !h_rc)
		return cfg_fail(cf, g, e, "capacity_factor: missing required setting "
		    "(or hours per year)");
	p->has_hours = h_rc;
	return 0;
}

const char *const site_pollutant_keys[SITE_NPOLL] = { "co2", "ch4", "n2o",
	"nox", "co", "voc", "pm25", "so2", "hcho" };
static const char *const pollutant_known[SITE_NPOLL + 1] = { "co2", "ch4",
	"n2o", "nox", "co", "voc", "pm25", "so2", "hcho", NULL };

/* A group "name" of numbers by pollutant key, each 0..max, into v (left at
 * -1 where absent). */
static int
parse_pollutants(const struct cfg *cf, const cfg_node *g, const char *name,
    double max, double v[SITE_NPOLL], struct err *e)
{
	const cfg_node	*n = cfg_member(g, name);
	int		 i;

	if (n == NULL)
		return 0;
	if (need_group(cf, n, "nox = 87.0; ...", e) == -1 ||
	    cfg_check_known(cf, n, pollutant_known, e) == -1)
		return -1;
	for (i = 0; i < SITE_NPOLL; i++)
		if (cfg_get_number(cf, n, site_pollutant_keys[i], 0, 0.0, max,
		    &v[i], e) == -1)
			return -1;
	return 0;
}

static int
parse_supply_entry(const struct cfg *cf, const cfg_node *g,
    struct site_supply *p, struct err *e)
{
	static const char *const k_grid[] = { "kind", "name", "region", NULL };
	static const char *const k_onsite[] = { "kind", "name", "plant", "units",
	    "unit_mw", "capacity_factor", "hours", "controls", "nox_ppm", "share",
	    "stack_height_m", "heat_rate_mmbtu_per_mwh", "ef_lb_per_mmbtu",
	    "permit_tpy", NULL };
	static const char *const k_ppa[] = { "kind", "name", "technology",
	    "capacity_mw", "capacity_factor", "hours", "share", NULL };
	const cfg_node	*n;
	const char	*kind, *refkey;
	int		 rc, i;

	memset(p, 0, sizeof(*p));
	for (i = 0; i < SITE_NPOLL; i++)
		p->ef_lb_per_mmbtu[i] = p->permit_tpy[i] = -1.0;
	p->line = cfg_node_line(g);
	if (need_group(cf, g, "kind; ...", e) == -1 ||
	    cfg_get_string(cf, g, "kind", 1, &kind, e) == -1)
		return -1;
	if (strcmp(kind, "grid") == 0)
		p->kind = SITE_SUPPLY_GRID;
	else if (strcmp(kind, "onsite") == 0)
		p->kind = SITE_SUPPLY_ONSITE;
	else if (strcmp(kind, "ppa") == 0)
		p->kind = SITE_SUPPLY_PPA;
	else
		return cfg_fail(cf, cfg_member(g, "kind"), e, "unknown supply kind "
		    "\"%s\" (expected grid, onsite or ppa)", kind);
	if (cfg_check_known(cf, g, p->kind == SITE_SUPPLY_GRID ? k_grid :
	    p->kind == SITE_SUPPLY_ONSITE ? k_onsite : k_ppa, e) == -1)
		return -1;
	refkey = p->kind == SITE_SUPPLY_GRID ? "region" :
	    p->kind == SITE_SUPPLY_ONSITE ? "plant" : "technology";
	if (copy_string(cf, g, refkey, 1, p->ref, sizeof(p->ref), e) == -1 ||
	    (rc = copy_string(cf, g, "name", 0, p->name, sizeof(p->name), e)) == -1)
		return -1;
	p->ref_line = cfg_node_line(cfg_member(g, refkey));
	if (rc == 0) {
		char	 name[sizeof(p->name)];

		snprintf(name, sizeof(name), "%s %s", p->ref,
		    p->kind == SITE_SUPPLY_GRID ? "grid" :
		    p->kind == SITE_SUPPLY_ONSITE ? "on-site" : "PPA");
		memcpy(p->name, name, sizeof(name));
	}
	if (p->kind == SITE_SUPPLY_GRID)
		return 0;

	if ((rc = get_setting(cf, g, SITE_SET_SUPPLY_SHARE, 0, &p->share, e)) == -1)
		return -1;
	p->has_share = rc;
	if (p->has_share) {
		const char *const sized[] = { "units", "unit_mw", "capacity_mw",
		    "capacity_factor", "hours", NULL };
		const char *const *k;

		for (k = sized; *k != NULL; k++)
			if ((n = cfg_member(g, *k)) != NULL)
				return cfg_fail(cf, n, e, "share replaces capacities; "
				    "give share or %s, not both", *k);
	} else if (p->kind == SITE_SUPPLY_ONSITE) {
		if (get_setting(cf, g, SITE_SET_SUPPLY_UNITS, 1, &p->units, e) == -1 ||
		    get_setting(cf, g, SITE_SET_SUPPLY_UNIT_MW, 1, &p->unit_mw,
		    e) == -1 ||
		    parse_running(cf, g, p, e) == -1)
			return -1;
	} else {
		if (get_setting(cf, g, SITE_SET_SUPPLY_CAPACITY_MW, 1,
		    &p->capacity_mw, e) == -1 || parse_running(cf, g, p, e) == -1)
			return -1;
	}
	if (p->kind == SITE_SUPPLY_ONSITE) {
		if ((n = cfg_member(g, "controls")) != NULL &&
		    parse_controls(cf, n, &p->controls, e) == -1)
			return -1;
		if ((rc = get_setting(cf, g, SITE_SET_SUPPLY_NOX_PPM, 0, &p->nox_ppm,
		    e)) == -1)
			return -1;
		p->has_nox_ppm = rc;
		if (cfg_get_number(cf, g, "stack_height_m", 0, 0.0, 500.0,
		    &p->stack_height_m, e) == -1)
			return -1;
		if ((rc = cfg_get_unc(cf, g, "heat_rate_mmbtu_per_mwh", 0, 3.0,
		    30.0, &p->heat_rate, e)) == -1)
			return -1;
		p->has_heat_rate = rc;
		if (rc == 1)
			p->heat_rate_line = cfg_node_line(cfg_member(g,
			    "heat_rate_mmbtu_per_mwh"));
		if (parse_pollutants(cf, g, "ef_lb_per_mmbtu", 100.0,
		    p->ef_lb_per_mmbtu, e) == -1 ||
		    parse_pollutants(cf, g, "permit_tpy", 1.0e7, p->permit_tpy,
		    e) == -1)
			return -1;
		if ((n = cfg_member(g, "permit_tpy")) != NULL)
			p->permit_line = cfg_node_line(n);
	}
	return 0;
}

static int
parse_supply(const struct cfg *cf, const cfg_node *root, struct site *s,
    struct err *e)
{
	const cfg_node	*l = cfg_member(root, "supply");
	double		 shares = 0.0;
	int		 i, ngrid = 0;

	if (l == NULL) {
		/* no supply list: all from the grid of the country */
		s->nsupply = 1;
		s->grid_index = 0;
		s->supply[0].kind = SITE_SUPPLY_GRID;
		snprintf(s->supply[0].ref, sizeof(s->supply[0].ref), "%s", s->country);
		snprintf(s->supply[0].name, sizeof(s->supply[0].name), "%s grid",
		    s->country);
		return 0;
	}
	if (!cfg_is_aggregate(l))
		return cfg_fail(cf, l, e, "expected a list ( { kind = \"grid\"; "
		    "region = \"...\"; }, ... )");
	if (cfg_count(l) > SITE_MAX_SUPPLY)
		return cfg_fail(cf, l, e, "too many supply entries (got %d; "
		    "expected at most %d)", cfg_count(l), SITE_MAX_SUPPLY);
	for (i = 0; i < cfg_count(l); i++) {
		struct site_supply *p = &s->supply[i];

		if (parse_supply_entry(cf, cfg_elem(l, i), p, e) == -1)
			return -1;
		if (p->kind == SITE_SUPPLY_GRID) {
			if (ngrid++ > 0)
				return cfg_fail(cf, cfg_elem(l, i), e, "a second grid "
				    "entry; expected exactly one (it takes what the "
				    "other sources leave)");
			s->grid_index = (size_t)i;
		}
		if (p->has_share)
			shares += unc_central(&p->share);
	}
	if (ngrid == 0)
		return cfg_fail(cf, l, e, "no grid entry; expected exactly one "
		    "{ kind = \"grid\"; region = \"...\"; }");
	if (shares > 1.0 + 1e-9)
		return cfg_fail(cf, l, e, "shares sum to more than 1 (got %g; "
		    "expected at most 1, the grid takes the rest)", shares);
	s->nsupply = (size_t)cfg_count(l);
	return 0;
}

static int
parse_backup(const struct cfg *cf, const cfg_node *root, struct site *s,
    struct err *e)
{
	static const char *const known[] = { "plant", "units", "unit_mw",
	    "test_hours_per_year", NULL };
	const cfg_node	*g = cfg_member(root, "backup");
	struct site_backup *b = &s->backup;

	if (g == NULL)
		return 0;
	if (need_group(cf, g, "plant; units; unit_mw; test_hours_per_year;", e) == -1 ||
	    cfg_check_known(cf, g, known, e) == -1 ||
	    copy_string(cf, g, "plant", 1, b->plant, sizeof(b->plant), e) == -1 ||
	    get_setting(cf, g, SITE_SET_BACKUP_UNITS, 1, &b->units, e) == -1 ||
	    get_setting(cf, g, SITE_SET_BACKUP_UNIT_MW, 1, &b->unit_mw, e) == -1 ||
	    get_setting(cf, g, SITE_SET_BACKUP_TEST_HOURS, 1, &b->test_hours,
	    e) == -1)
		return -1;
	b->plant_line = cfg_node_line(cfg_member(g, "plant"));
	b->present = 1;
	return 0;
}

static int
parse_sources(const struct cfg *cf, const cfg_node *root, struct site *s,
    struct err *e)
{
	const cfg_node	*l = cfg_member(root, "sources"), *el;
	int		 i;

	if (l == NULL)
		return 0;
	if (!cfg_is_aggregate(l))
		return cfg_fail(cf, l, e, "expected a list of strings ( \"...\" )");
	if (cfg_count(l) > SITE_MAX_SOURCES)
		return cfg_fail(cf, l, e, "too many sources (got %d; expected at "
		    "most %d)", cfg_count(l), SITE_MAX_SOURCES);
	for (i = 0; i < cfg_count(l); i++) {
		el = cfg_elem(l, i);
		if (!cfg_is_string(el))
			return cfg_fail(cf, el, e, "expected a string");
		if ((s->sources[i] = strdup(cfg_string(el))) == NULL)
			return err_set(e, ERR_NOMEM, NULL, 0, "out of memory");
		s->nsources++;
	}
	return 0;
}

/* grid_regions = { avert = "TN"; cambium = "SERTP"; }: overrides of the
 * regions found from the coordinates; the names are checked against the
 * data when the site is resolved (emissions/gridbasis.c). */
static int
parse_grid_regions(const struct cfg *cf, const cfg_node *root, struct site *s,
    struct err *e)
{
	static const char *const known[] = { "avert", "cambium", NULL };
	const cfg_node	*g = cfg_member(root, "grid_regions");
	int		 rc;

	if (g == NULL)
		return 0;
	if (need_group(cf, g, "avert = \"TN\"; cambium = \"SERTP\";", e) == -1 ||
	    cfg_check_known(cf, g, known, e) == -1 ||
	    (rc = copy_string(cf, g, "avert", 0, s->avert_region,
	    sizeof(s->avert_region), e)) == -1)
		return -1;
	if (rc == 1)
		s->avert_line = cfg_node_line(cfg_member(g, "avert"));
	if ((rc = copy_string(cf, g, "cambium", 0, s->cambium_gea,
	    sizeof(s->cambium_gea), e)) == -1)
		return -1;
	if (rc == 1)
		s->cambium_line = cfg_node_line(cfg_member(g, "cambium"));
	return 0;
}

static struct site *
build(const struct cfg *cf, struct err *e)
{
	static const char *const known[] = { "name", "operator", "location",
	    "capacity_mw", "racks", "accelerators", "h100_equivalents", "phases",
	    "hardware", "cooling", "supply", "backup", "sources", "note",
	    "grid_regions", "scenario", NULL };
	const cfg_node	*root = cfg_root(cf);
	struct site	*s;

	if ((s = calloc(1, sizeof(*s))) == NULL) {
		err_set(e, ERR_NOMEM, cfg_name(cf), 0, "out of memory");
		return NULL;
	}
	snprintf(s->file, sizeof(s->file), "%s", cfg_name(cf));
	if (cfg_check_known(cf, root, known, e) == -1 ||
	    copy_string(cf, root, "name", 1, s->name, sizeof(s->name), e) == -1 ||
	    copy_string(cf, root, "operator", 0, s->operator_name,
	    sizeof(s->operator_name), e) == -1 ||
	    copy_string(cf, root, "note", 0, s->note, sizeof(s->note), e) == -1 ||
	    parse_location(cf, root, s, e) == -1 ||
	    parse_sizing(cf, root, s, e) == -1 ||
	    parse_phases(cf, root, s, e) == -1 ||
	    parse_hardware(cf, root, s, e) == -1 ||
	    parse_cooling(cf, root, s, e) == -1 ||
	    parse_supply(cf, root, s, e) == -1 ||
	    parse_backup(cf, root, s, e) == -1 ||
	    parse_grid_regions(cf, root, s, e) == -1 ||
	    cfg_get_bool(cf, root, "scenario", &s->scenario, e) == -1 ||
	    parse_sources(cf, root, s, e) == -1) {
		site_free(s);
		return NULL;
	}
	return s;
}

struct site *
site_load_file(const char *path, struct err *e)
{
	return site_load_file_flags(path, 0, e);
}

struct site *
site_load_file_flags(const char *path, unsigned flags, struct err *e)
{
	struct cfg	*cf;
	struct site	*s;

	if ((cf = cfg_load_file_flags(path, flags, e)) == NULL)
		return NULL;
	s = build(cf, e);
	cfg_free(cf);
	return s;
}

struct site *
site_load_string(const char *text, const char *name, struct err *e)
{
	struct cfg	*cf;
	struct site	*s;

	if ((cf = cfg_load_string(text, name, NULL, e)) == NULL)
		return NULL;
	s = build(cf, e);
	cfg_free(cf);
	return s;
}

void
site_free(struct site *s)
{
	size_t	 i;

	if (s == NULL)
		return;
	for (i = 0; i < s->nsources; i++)
		free(s->sources[i]);
	free(s);
}

double
site_size_for_year(const struct site *s, int year)
{
	double	 v = 0.0;
	size_t	 i;

	if (year == 0 || s->nphases == 0)
		return unc_central(&s->size);
	for (i = 0; i < s->nphases && s->phases[i].year <= year; i++)
		v = unc_central(&s->phases[i].size);
	return v;
}
