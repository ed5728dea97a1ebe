/* Estimates as text, CSV and JSON. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "common/fmt.h"
#include "common/units.h"

const char *
cli_fmt_num(double v, char *buf, size_t n)
{
	char	 raw[64], *dot;
	size_t	 len, i, j, intlen, lead;

	if (isnan(v)) {
		snprintf(buf, n, "n/a");
		return buf;
	}
	if (fabs(v) >= 1000.0)
		snprintf(raw, sizeof(raw), "%.0f", v);
	else if (fabs(v) >= 10.0)
		snprintf(raw, sizeof(raw), "%.1f", v);
	else if (fabs(v) >= 1.0)
		snprintf(raw, sizeof(raw), "%.2f", v);
	else if (fpclassify(v) == FP_ZERO)	/* exact zero only */
		snprintf(raw, sizeof(raw), "0");
	else
		snprintf(raw, sizeof(raw), "%.3g", v);
	if (strchr(raw, 'e') != NULL) {
		snprintf(buf, n, "%s", raw);
		return buf;
	}
	/* thousands separators in the integer part */
	len = strlen(raw);
	dot = strchr(raw, '.');
	lead = raw[0] == '-';
	intlen = (dot != NULL ? (size_t)(dot - raw) : len) - lead;
	for (i = 0, j = 0; i < len && j + 2 < n; i++) {
		buf[j++] = raw[i];
		if (i >= lead && i < lead + intlen - 1 &&
		    (lead + intlen - 1 - i) % 3 == 0)
			buf[j++] = ',';
	}
	buf[j] = '\0';
	return buf;
}

static const char *
unit_of(enum emis_metric_kind k)
{
	switch (k) {
	case EMIS_K_POWER_MW:
		return "MW";
	case EMIS_K_ENERGY_MWH:
		return "MWh";
	case EMIS_K_MASS_T:
		return "t";
	case EMIS_K_WATER_M3:
		return "m3";
	case EMIS_K_USD:
		return "USD";
	case EMIS_K_INTENSITY:
		return "kg/MWh";
	case EMIS_K_RATIO:
		return "%";
	case EMIS_K_USD_PER_T:
		return "USD/t";
	case EMIS_K_COUNT:
	default:
		return "";
	}
}

/* 1 when metric "key" (e.g. "pm25_t") of grid "g" comes from its mix. */
static int
derived_key(const struct emis_grid *g, const char *key)
{
	int	 p;

	for (p = 0; p < EMIS_NPOLL; p++)
		if (strncmp(key, emis_pollutant_keys[p], strlen(emis_pollutant_keys[p])) == 0 &&
		    strcmp(key + strlen(emis_pollutant_keys[p]), "_t") == 0)
			return (g->derived >> p) & 1u;
	return 0;
}

static void	 text_permits(FILE *, const struct cli_site *);

/* What a grid's CO2e covers: eGRID's rates are combustion at the plant;
 * Ember's country factors are lifecycle CO2e (with upstream methane and
 * manufacturing), never to be added to combustion figures silently. */
static const char *
grid_scope(const struct emis_grid *g)
{
	return g->co2e_only ? "lifecycle" : "combustion";
}

/* Where the site is and how its tonnes are valued. */
/* The national $/t beside a damage_<pollutant>_usd_per_t metric. */
static double
national_of(const struct emis_health *h, const char *key)
{
	int	 p;

	for (p = 0; p < EMIS_NPOLL; p++)
		if (strncmp(key + 7, emis_pollutant_keys[p],
		    strlen(emis_pollutant_keys[p])) == 0 &&
		    key[7 + strlen(emis_pollutant_keys[p])] == '_')
			return h->national_usd_per_t[p];
	return (double)NAN;
}

static void
text_place(FILE *fp, const struct cli_site *cs)
{
	const struct geo_place *pl = &cs->place;
	const struct emis_health *h = &cs->refs.health;

	if (pl->county_fips[0] != '\0')
		fprintf(fp, "  county %s, %s (FIPS %s); AVERT region %s; Cambium "
		    "GEA %s\n", pl->county_name, pl->county_state,
		    pl->county_fips, pl->avert[0] ? pl->avert : "n/a",
		    pl->gea[0] ? pl->gea : "n/a");
	if (h->method == EMIS_HEALTH_EPA_BPT)
		fprintf(fp, "  health: EPA national benefit-per-ton for every tonne "
		    "(%d dollars)\n", h->dollar_year);
	else if (h->fallback)
		fprintf(fp, "  health: national fallback: the site is outside the "
		    "EASIUR grid (contiguous US), so every tonne is valued at EPA's "
		    "national power-sector value (%d dollars)\n", h->dollar_year);
	else
		fprintf(fp, "  health: EASIUR cell (%d, %d) for on-site and backup "
		    "tonnes, EPA national value for grid tonnes; population %d, "
		    "income %d, %d dollars\n", h->easiur_x, h->easiur_y,
		    h->population_year, h->income_year, h->dollar_year);
}

/* Every grid basis side by side: the site's CO2e and pollutants. */
static void
text_bases(FILE *fp, const struct cli_env *env, const struct cli_site *cs)
{
	const struct emis_result *r = &cs->res;
	const struct emis_grid_place *gp = &cs->refs.gplace;
	char	 a[5][32];
	int	 b, k;

	fprintf(fp, "\n  grid basis (site total)     CO2e t (grid fuel supply)       "
	    "NOx t      SO2 t    PM2.5 t\n");
	for (b = 0; b < EMIS_NBASES; b++) {
		if (!gp->available[b]) {
			fprintf(fp, "  %-22s  not available%s\n", emis_basis_keys[b],
			    b >= EMIS_BASIS_AVERT ? " (outside the contiguous US "
			    "or a national grid)" : " (no published rates)");
			continue;
		}
		for (k = 0; k < 4; k++)
			cli_fmt_num(r->basis_t[b][k], a[k], sizeof(a[k]));
		if (isnan(r->basis_precomb_t[b]))
			snprintf(a[4], sizeof(a[4]), "-");
		else
			cli_fmt_num(r->basis_precomb_t[b], a[4], sizeof(a[4]));
		fprintf(fp, "  %-22s %14s %14s %10s %10s %10s\n",
		    emis_basis_keys[b], a[0], a[4], a[1], a[2], a[3]);
	}
	if (gp->avert_region >= 0 || gp->cambium_gea >= 0)
		fprintf(fp, "  AVERT region %s; Cambium GEA %s, scenario %s, year %d%s; "
		    "Cambium bases: CO2e only, pollutants at eGRID average "
		    "rates\n", gp->avert_region >= 0 ?
		    avert_region_code(env->cats.avert, (size_t)gp->avert_region) :
		    "n/a", gp->cambium_gea >= 0 ?
		    cambium_gea_name(env->cats.cambium, (size_t)gp->cambium_gea) :
		    "n/a", cambium_scenario_name(env->cats.cambium,
		    (size_t)gp->cambium_scenario), gp->year,
		    gp->cambium[0].clamped < 0 ? " (before 2025: 2025 used, a "
		    "projection)" : gp->cambium[0].clamped > 0 ? " (after 2050: "
		    "2050 used)" : " (a projection)");
}

static void
text_site(FILE *fp, const struct cli_env *env, const struct cli_opts *o,
    const struct cli_site *cs)
{
	const struct site *s = cs->site;
	const struct emis_result *r = &cs->res;
	const struct emis_grid *g = cs->refs.grid;
	char	 a[64], b[64], c[64], d[64], f[64], lab[200];
	double	 v;
	size_t	 i;

	fprintf(fp, "%s%s%s\n", s->name, s->operator_name[0] ? " -- " : "",
	    s->operator_name);
	fprintf(fp, "  %s (%.4f, %.4f)  [%s]\n", s->place[0] ? s->place :
	    s->country, s->lat_deg, s->lon_deg, s->file);
	fprintf(fp, "  rack %s; grid %s (%s); GWP100 %s; grid basis %s%s\n",
	    s->rack_inline ? "inline" : s->rack.id, g->id, g->edition,
	    env->eopts.gwp->id, emis_basis_keys[o->basis],
	    r->basis_fallback ? " (not available here: egrid-average used)" : "");
	if (g->co2e_only)
		fprintf(fp, "  grid %s gives only lifecycle CO2e per kWh (%s): its CO2, "
		    "CH4, N2O, pollutants and water are n/a\n", g->id, g->edition);
	text_place(fp, cs);
	if (cs->has_ranges)
		fprintf(fp, "  [P5 to P95] of %lld Monte Carlo samples (seed %lld)\n",
		    o->samples, o->seed >= 0 ? o->seed : 1LL);
	if (o->year != 0)
		fprintf(fp, "  year %d (%s h)\n", o->year,
		    cli_fmt_num(r->est.hours, a, sizeof(a)));
	else
		fprintf(fp, "  full build-out, a year of %s h\n",
		    cli_fmt_num(r->est.hours, a, sizeof(a)));
	fputc('\n', fp);
	for (i = 0; i < emis_nmetrics; i++) {
		const struct emis_metric *m = &emis_metrics[i];

		v = emis_metric_value(m, r);
		if (m->kind == EMIS_K_RATIO && !isnan(v))
			v *= 100.0;
		fprintf(fp, "  %-30s %18s %-6s", m->label,
		    cli_fmt_num(v, a, sizeof(a)), unit_of(m->kind));
		if (cs->has_ranges) {
			double	 k = m->kind == EMIS_K_RATIO ? 100.0 : 1.0;

			fprintf(fp, " [%s to %s]", cli_fmt_num(cs->p5[i] * k, b,
			    sizeof(b)), cli_fmt_num(cs->p95[i] * k, c, sizeof(c)));
		}
		if (m->kind == EMIS_K_MASS_T && (strcmp(m->key, "nox_t") == 0 ||
		    strcmp(m->key, "so2_t") == 0 || strcmp(m->key, "pm25_t") == 0))
			fprintf(fp, " (%s short tons)",
			    cli_fmt_num(unit_t_to_short_tons(v), b, sizeof(b)));
		if (m->kind == EMIS_K_MASS_T && derived_key(g, m->key))
			fprintf(fp, " grid part derived from %s's resource mix", g->id);
		if (strcmp(m->key, "health_usd") == 0)
			fprintf(fp, " (%d dollars)", cs->refs.health.dollar_year);
		if (m->kind == EMIS_K_USD_PER_T && !isnan(v))
			fprintf(fp, " (%.2fx the national value)", v /
			    national_of(&cs->refs.health, m->key));
		if (strcmp(m->key, "state_share") == 0 && cs->refs.state != NULL)
			fprintf(fp, " of %s, %d", cs->refs.state->name,
			    cs->refs.state->year);
		fputc('\n', fp);
	}
	text_bases(fp, env, cs);
	fprintf(fp, "\n  %-38s %-7s %14s %12s %10s %10s %10s\n", "supply", "kind",
	    "energy MWh", "CO2e t", "NOx t", "SO2 t", "PM2.5 t");
	for (i = 0; i <= s->nsupply; i++) {
		const struct emis_amounts *x = i < s->nsupply ? &r->source[i] :
		    &r->backup;
		double	 e = i < s->nsupply ? x->energy_mwh : r->est.energy_backup_mwh;

		if (i == s->nsupply && !s->backup.present)
			break;
		fprintf(fp, "  %-38.38s %-7s %14s %12s %10s %10s %10s\n",
		    i < s->nsupply ? emis_source_label(s, &cs->refs, i, lab,
		    sizeof(lab)) : "backup test runs",
		    i < s->nsupply ? site_supply_kind_name(s->supply[i].kind) :
		    "backup", cli_fmt_num(e, a, sizeof(a)),
		    cli_fmt_num(x->co2e_t, b, sizeof(b)),
		    cli_fmt_num(x->mass_t[EMIS_NOX], c, sizeof(c)),
		    cli_fmt_num(x->mass_t[EMIS_SO2], d, sizeof(d)),
		    cli_fmt_num(x->mass_t[EMIS_PM25], f, sizeof(f)));
	}
	text_permits(fp, cs);
}

/* Each permitted cap beside the estimate; a cap exceeded is flagged. */
static void
text_permits(FILE *fp, const struct cli_site *cs)
{
	const struct site *s = cs->site;
	double	 est, cap;
	size_t	 i;
	int	 p, head = 0;

	for (i = 0; i < s->nsupply; i++)
		for (p = 0; p < EMIS_NPOLL; p++) {
			if (!emis_permit(s, &cs->res, i, p, &est, &cap))
				continue;
			if (!head++)
				fprintf(fp, "\n  permit (US short tons per year)    "
				    "pollutant   permitted    estimate\n");
			fprintf(fp, "  %-34.34s %-9s %11.1f %11.1f%s\n",
			    s->supply[i].name, emis_pollutant_names[p], cap, est,
			    est > cap ? "  ABOVE THE PERMIT" : "");
		}
}

void
cli_print_text(FILE *fp, const struct cli_env *env, const struct cli_opts *o,
    const struct cli_site *s, int n)
{
	int	 i;

	for (i = 0; i < n; i++) {
		if (i > 0)
			fputs("\n\n", fp);
		text_site(fp, env, o, &s[i]);
	}
	fprintf(fp, "\nPPA energy counts against market-based CO2 only; "
	    "pollutants, water and health are location-based.\n"
	    "Sources of every factor: `dcimpact grids`, `dcimpact plants`, "
	    "`dcimpact racks`, and the README.\n");
}

static void
csv_str(FILE *fp, const char *s)
{
	fmt_quote_file(fp, s, FMT_CSV);
}

void
cli_print_csv(FILE *fp, const struct cli_opts *o, const struct cli_site *s, int n)
{
	size_t	 i;
	int	 k, b, j;
	double	 v;

	fputs("site,file,year,grid,gwp,grid_basis,grid_basis_used,grid_scope,"
	    "health_method,health_dollar_year,easiur_cell,county_fips", fp);
	for (i = 0; i < emis_nmetrics; i++)
		fprintf(fp, ",%s", emis_metrics[i].key);
	for (i = 0; n > 0 && s[0].has_ranges && i < emis_nmetrics; i++)
		fprintf(fp, ",%s_p5,%s_p50,%s_p95", emis_metrics[i].key,
		    emis_metrics[i].key, emis_metrics[i].key);
	for (b = 0; b < EMIS_NBASES; b++)
		fprintf(fp, ",co2e_%s_t,nox_%s_t,so2_%s_t,pm25_%s_t,"
		    "co2e_fuel_supply_%s_t", emis_basis_cols[b], emis_basis_cols[b],
		    emis_basis_cols[b], emis_basis_cols[b], emis_basis_cols[b]);
	fputc('\n', fp);
	for (k = 0; k < n; k++) {
		csv_str(fp, s[k].site->name);
		fputc(',', fp);
		csv_str(fp, s[k].site->file);
		if (o->year != 0)
			fprintf(fp, ",%d", o->year);
		else
			fputs(",", fp);
		fprintf(fp, ",%s,%s,%s,%s,%s,%s,%d,", s[k].refs.grid->id, o->gwp_id,
		    emis_basis_keys[o->basis], emis_basis_keys[s[k].res.basis_fallback ?
		    EMIS_BASIS_EGRID_AVERAGE : o->basis],
		    grid_scope(s[k].refs.grid),
		    emis_health_method_name(&s[k].refs.health),
		    s[k].refs.health.dollar_year);
		if (s[k].refs.health.easiur_x > 0)
			fprintf(fp, "%d:%d", s[k].refs.health.easiur_x,
			    s[k].refs.health.easiur_y);
		fprintf(fp, ",%s", s[k].place.county_fips);
		for (i = 0; i < emis_nmetrics; i++) {
			v = emis_metric_value(&emis_metrics[i], &s[k].res);
			if (isnan(v))
				fputs(",", fp);
			else
				fprintf(fp, ",%.10g", v);
		}
		for (i = 0; s[k].has_ranges && i < emis_nmetrics; i++) {
			double	 q[3] = { s[k].p5[i], s[k].p50[i], s[k].p95[i] };

			for (j = 0; j < 3; j++)
				if (isnan(q[j]))
					fputs(",", fp);
				else
					fprintf(fp, ",%.10g", q[j]);
		}
		for (b = 0; b < EMIS_NBASES; b++) {
			for (j = 0; j < 5; j++) {
				v = j < 4 ? s[k].res.basis_t[b][j] :
				    s[k].res.basis_precomb_t[b];
				if (isnan(v))
					fputs(",", fp);
				else
					fprintf(fp, ",%.10g", v);
			}
		}
		fputc('\n', fp);
	}
}

void
cli_json_str(FILE *fp, const char *s)
{
	fmt_quote_file(fp, s, FMT_JSON);
}

void
cli_json_num(FILE *fp, double v)
{
	if (isfinite(v))
		fprintf(fp, "%.10g", v);
	else
		fputs("null", fp);
}

static void
json_amounts(FILE *fp, const struct emis_amounts *a, double energy_mwh)
{
	int	 p;

	fputs("\"energy_mwh\": ", fp);
	cli_json_num(fp, energy_mwh);
	for (p = 0; p < EMIS_NPOLL; p++) {
		fprintf(fp, ", \"%s_t\": ", emis_pollutant_keys[p]);
		cli_json_num(fp, a->mass_t[p]);
	}
	fputs(", \"co2e_t\": ", fp);
	cli_json_num(fp, a->co2e_t);
	fputs(", \"water_m3\": ", fp);
	cli_json_num(fp, a->water_m3);
	fputs(", \"health_usd\": ", fp);
	cli_json_num(fp, a->health_usd);
}

static void
json_rates(FILE *fp, const char *name, const double *usd_per_t)
{
	fprintf(fp, "\"%s\": {\"pm25\": ", name);
	cli_json_num(fp, usd_per_t[EMIS_PM25]);
	fputs(", \"so2\": ", fp);
	cli_json_num(fp, usd_per_t[EMIS_SO2]);
	fputs(", \"nox\": ", fp);
	cli_json_num(fp, usd_per_t[EMIS_NOX]);
	fputc('}', fp);
}

/* The permitted caps of supply entry "i" beside the estimate, US short
 * tons per year, and the pollutants above their cap. */
static void
json_permit(FILE *fp, const struct cli_site *cs, size_t i)
{
	double	 est[EMIS_NPOLL], cap[EMIS_NPOLL];
	int	 p, has[EMIS_NPOLL], n = 0, m = 0;

	for (p = 0; p < EMIS_NPOLL; p++)
		n += has[p] = emis_permit(cs->site, &cs->res, i, p, &est[p],
		    &cap[p]);
	if (n == 0)
		return;
	fputs(", \"permit_tpy\": {", fp);
	for (p = 0, m = 0; p < EMIS_NPOLL; p++)
		if (has[p])
			fprintf(fp, "%s\"%s\": %.10g", m++ ? ", " : "",
			    emis_pollutant_keys[p], cap[p]);
	fputs("}, \"estimate_tpy\": {", fp);
	for (p = 0, m = 0; p < EMIS_NPOLL; p++)
		if (has[p])
			fprintf(fp, "%s\"%s\": %.10g", m++ ? ", " : "",
			    emis_pollutant_keys[p], est[p]);
	fputs("}, \"above_permit\": [", fp);
	for (p = 0, m = 0; p < EMIS_NPOLL; p++)
		if (has[p] && est[p] > cap[p])
			fprintf(fp, "%s\"%s\"", m++ ? ", " : "",
			    emis_pollutant_keys[p]);
	fputc(']', fp);
}

/* Every grid basis: available or not, what it covers, the site's totals. */
static void
json_bases(FILE *fp, const struct cli_env *env, const struct cli_site *cs)
{
	static const char *const keys[4] = { "co2e_t", "nox_t", "so2_t", "pm25_t" };
	const struct emis_grid_place *gp = &cs->refs.gplace;
	int	 b, k;

	fprintf(fp, "\"grid_year\": %d, \"grid_scenario\": ", gp->year);
	cli_json_str(fp, cambium_scenario_name(env->cats.cambium,
	    (size_t)gp->cambium_scenario));
	fputs(",\n   \"bases\": {", fp);
	for (b = 0; b < EMIS_NBASES; b++) {
		fprintf(fp, "%s\n    \"%s\": {\"available\": %s", b ? "," : "",
		    emis_basis_keys[b], gp->available[b] ? "true" : "false");
		for (k = 0; k < 4; k++) {
			fprintf(fp, ", \"%s\": ", keys[k]);
			cli_json_num(fp, cs->res.basis_t[b][k]);
		}
		fputs(", \"co2e_fuel_supply_t\": ", fp);
		cli_json_num(fp, cs->res.basis_precomb_t[b]);
		if (b >= EMIS_BASIS_CAMBIUM_AER && gp->available[b])
			fprintf(fp, ", \"year_used\": %d, \"projection\": true",
			    gp->cambium[b - EMIS_BASIS_CAMBIUM_AER].year_used);
		fputs(", \"covers\": ", fp);
		cli_json_str(fp, emis_basis_notes[b]);
		fputc('}', fp);
	}
	fputs("},\n   ", fp);
}

/* The site's place and how its health damages were valued. */
static void
json_place(FILE *fp, const struct cli_site *cs)
{
	const struct geo_place *pl = &cs->place;
	const struct emis_health *h = &cs->refs.health;

	fputs("\"county_fips\": ", fp);
	cli_json_str(fp, pl->county_fips);
	fputs(", \"county\": ", fp);
	cli_json_str(fp, pl->county_name);
	fputs(", \"avert_region\": ", fp);
	cli_json_str(fp, pl->avert);
	fputs(", \"cambium_gea\": ", fp);
	cli_json_str(fp, pl->gea);
	fprintf(fp, ",\n   \"health_method\": \"%s\", \"health_dollar_year\": %d, "
	    "\"health_year\": %d, ", emis_health_method_name(h), h->dollar_year,
	    h->health_year);
	if (h->method == EMIS_HEALTH_EASIUR && !h->fallback)
		fprintf(fp, "\"health_population_year\": %d, \"health_income_year\": "
		    "%d, \"easiur_cell\": [%d, %d],\n   ", h->population_year,
		    h->income_year, h->easiur_x, h->easiur_y);
	else
		fputs("\"easiur_cell\": null,\n   ", fp);
	fputs("\"damage_usd_per_t\": {", fp);
	json_rates(fp, "site_ground", h->site_usd_per_t[EASIUR_GROUND]);
	fputs(", ", fp);
	json_rates(fp, "site_150m", h->site_usd_per_t[EASIUR_P150]);
	fputs(", ", fp);
	json_rates(fp, "national", h->national_usd_per_t);
	fputs("},\n   ", fp);
}

void
cli_print_json(FILE *fp, const struct cli_env *env, const struct cli_opts *o,
    const struct cli_site *s, int n)
{
	char	 lab[200];
	size_t	 i;
	int	 k, m;

	fputs("[\n", fp);
	for (k = 0; k < n; k++) {
		const struct site *st = s[k].site;
		const struct emis_result *r = &s[k].res;

		fputs("  {\"site\": ", fp);
		cli_json_str(fp, st->name);
		fputs(", \"operator\": ", fp);
		cli_json_str(fp, st->operator_name);
		fputs(", \"file\": ", fp);
		cli_json_str(fp, st->file);
		fprintf(fp, ", \"lat\": %.6f, \"lon\": %.6f, \"state\": ",
		    st->lat_deg, st->lon_deg);
		cli_json_str(fp, st->state);
		fputs(", \"country\": ", fp);
		cli_json_str(fp, st->country);
		fputs(", \"rack\": ", fp);
		cli_json_str(fp, st->rack_inline ? "inline" : st->rack.id);
		fputs(", \"grid\": ", fp);
		cli_json_str(fp, s[k].refs.grid->id);
		fputs(", \"grid_edition\": ", fp);
		cli_json_str(fp, s[k].refs.grid->edition);
		fputs(", \"grid_derived_from_mix\": [", fp);
		for (m = 0, i = 0; m < EMIS_NPOLL; m++)
			if ((s[k].refs.grid->derived >> m) & 1u)
				fprintf(fp, "%s\"%s\"", i++ ? ", " : "",
				    emis_pollutant_keys[m]);
		fputc(']', fp);
		if (o->year != 0)
			fprintf(fp, ", \"year\": %d", o->year);
		else
			fputs(", \"year\": null", fp);
		fprintf(fp, ", \"hours\": %.0f, \"gwp\": \"%s\", \"grid_basis\": "
		    "\"%s\", \"grid_basis_used\": \"%s\", \"grid_basis_fallback\": "
		    "%s, \"grid_scope\": \"%s\",\n   ", r->est.hours,
		    env->eopts.gwp->id, emis_basis_keys[o->basis],
		    emis_basis_keys[r->basis_fallback ? EMIS_BASIS_EGRID_AVERAGE :
		    o->basis], r->basis_fallback ? "true" : "false",
		    grid_scope(s[k].refs.grid));
		json_bases(fp, env, &s[k]);
		json_place(fp, &s[k]);
		for (i = 0; i < emis_nmetrics; i++) {
			fprintf(fp, "\"%s\": ", emis_metrics[i].key);
			cli_json_num(fp, emis_metric_value(&emis_metrics[i], r));
			fputs(i % 4 == 3 ? ",\n   " : ", ", fp);
		}
		if (s[k].has_ranges) {
			fprintf(fp, "\"samples\": %lld, \"ranges\": {", o->samples);
			for (i = 0; i < emis_nmetrics; i++) {
				fprintf(fp, "%s\"%s\": {\"p5\": ", i ? ", " : "",
				    emis_metrics[i].key);
				cli_json_num(fp, s[k].p5[i]);
				fputs(", \"p50\": ", fp);
				cli_json_num(fp, s[k].p50[i]);
				fputs(", \"p95\": ", fp);
				cli_json_num(fp, s[k].p95[i]);
				fputc('}', fp);
			}
			fputs("},\n   ", fp);
		}
		fputs("\"energy_by_month_mwh\": [", fp);
		for (m = 0; m < SITE_MONTHS; m++) {
			cli_json_num(fp, r->est.energy_by_month_mwh[m]);
			fputs(m < SITE_MONTHS - 1 ? ", " : "],\n", fp);
		}
		fputs("   \"by_source\": [\n", fp);
		for (i = 0; i < st->nsupply; i++) {
			fputs("     {\"name\": ", fp);
			cli_json_str(fp, st->supply[i].name);
			fputs(", \"label\": ", fp);
			cli_json_str(fp, emis_source_label(st, &s[k].refs, i, lab,
			    sizeof(lab)));
			json_permit(fp, &s[k], i);
			fprintf(fp, ", \"kind\": \"%s\", \"ref\": ",
			    site_supply_kind_name(st->supply[i].kind));
			cli_json_str(fp, st->supply[i].ref);
			fputs(", ", fp);
			json_amounts(fp, &r->source[i], r->est.supply_mwh[i]);
			fputs(i + 1 < st->nsupply || st->backup.present ? "},\n" :
			    "}\n", fp);
		}
		if (st->backup.present) {
			fputs("     {\"name\": \"backup test runs\", \"kind\": "
			    "\"backup\", \"ref\": ", fp);
			cli_json_str(fp, st->backup.plant);
			fputs(", ", fp);
			json_amounts(fp, &r->backup, r->est.energy_backup_mwh);
			fputs("}\n", fp);
		}
		fprintf(fp, "   ]}%s\n", k + 1 < n ? "," : "");
	}
	fputs("]\n", fp);
}
