/* The emissions arithmetic of docs/design.md §5. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "common/err.h"
#include "common/units.h"
#include "emissions/embodied.h"
#include "emissions/emissions.h"

/* EPA Method 19 (40 CFR 60 App. A-7), Table 19-1: 1 ppm of NOx (as NO2)
 * is 1.194e-7 lb/dscf; Eq. 19-1 corrects to the 15 % O2 reference with
 * 20.9 / (20.9 - 15). */
#define NOX_LB_PER_DSCF_PPM	1.194e-7
#define O2_AMBIENT_PCT		20.9
#define O2_REFERENCE_PCT	15.0

double
emis_nox_ppm_to_lb_per_mmbtu(double ppm, double fd_dscf_per_mmbtu)
{
	return ppm * NOX_LB_PER_DSCF_PPM * fd_dscf_per_mmbtu *
	    O2_AMBIENT_PCT / (O2_AMBIENT_PCT - O2_REFERENCE_PCT);
}

static const struct emis_control *
control_find(const struct emis_plant *pl, const char *id)
{
	size_t	 i;

	for (i = 0; i < pl->ncontrols; i++)
		if (strcmp(pl->controls[i].id, id) == 0)
			return &pl->controls[i];
	return NULL;
}

static const char *const control_ids[] = { "water-injection", "dln", "scr",
	"oxidation-catalyst" };
static const unsigned control_bits[] = { SITE_CTRL_WATER_INJECTION,
	SITE_CTRL_DLN, SITE_CTRL_SCR, SITE_CTRL_OXCAT };

static void	 plant_factors(const struct emis_plant *,
		    const struct emis_control *const *, double, double,
		    const double *, double *);

int
emis_resolve(const struct emis_catalogs *c, const struct site *s,
    struct emis_refs *r, struct err *e)
{
	const struct site_supply *sp;
	size_t	 i, k;

	memset(r, 0, sizeof(*r));
	for (i = 0; i < s->nsupply; i++) {
		sp = &s->supply[i];
		switch (sp->kind) {
		case SITE_SUPPLY_GRID:
			if ((r->grid = emis_grid_find(c, sp->ref)) == NULL)
			{
				char	 key[40];

				if (sp->ref_line > 0)
					snprintf(key, sizeof(key), "supply[%zu].region", i);
				else
					snprintf(key, sizeof(key), "location.country");
				return err_set(e, ERR_CONFIG, s->file,
				    sp->ref_line > 0 ? sp->ref_line : s->country_line,
				    "%s: unknown grid \"%s\" (expected an eGRID "
				    "subregion such as SRMV, \"US\", or a country "
				    "listed by `dcimpact grids`)", key, sp->ref);
			}
			break;
		case SITE_SUPPLY_ONSITE:
			if ((r->plant[i] = emis_plant_find(c, sp->ref)) == NULL)
				return err_set(e, ERR_CONFIG, s->file, sp->ref_line,
				    "supply[%zu].plant: unknown plant \"%s\" (expected "
				    "an id listed by `dcimpact plants`)", i, sp->ref);
			for (k = 0; k < 4; k++) {
				if (!(sp->controls & control_bits[k]))
					continue;
				r->ctl[i][k] = control_find(r->plant[i], control_ids[k]);
				if (r->ctl[i][k] == NULL)
					return err_set(e, ERR_CONFIG, s->file, sp->line,
					    "supply[%zu].controls: plant \"%s\" has no "
					    "\"%s\" control in the catalog", i, sp->ref,
					    control_ids[k]);
			}
			if (((sp->controls & SITE_CTRL_SCR) || sp->has_nox_ppm) &&
			    isnan(r->plant[i]->f_factor_dscf_per_mmbtu))
				return err_set(e, ERR_CONFIG, s->file, sp->line,
				    "supply[%zu].%s: plant \"%s\" has no F-factor "
				    "for the ppm conversion", i, sp->has_nox_ppm ?
				    "nox_ppm" : "controls", sp->ref);
			break;
		case SITE_SUPPLY_PPA:
			if ((r->tech[i] = emis_tech_find(c, sp->ref)) == NULL)
				return err_set(e, ERR_CONFIG, s->file, sp->ref_line,
				    "supply[%zu].technology: unknown technology \"%s\" "
				    "(expected solar, wind, nuclear, hydro or "
				    "geothermal)", i, sp->ref);
			break;
		}
	}
	for (i = 0; i < s->nsupply; i++) {
		if (s->supply[i].kind != SITE_SUPPLY_ONSITE)
			continue;
		r->ppm[i] = s->supply[i].has_nox_ppm ?
		    unc_central(&s->supply[i].nox_ppm) : -1.0;
		r->heat_rate[i] = s->supply[i].has_heat_rate ?
		    unc_central(&s->supply[i].heat_rate) : -1.0;
		memcpy(r->ef_lb_per_mmbtu[i], s->supply[i].ef_lb_per_mmbtu,
		    sizeof(r->ef_lb_per_mmbtu[i]));
		plant_factors(r->plant[i], r->ctl[i], r->ppm[i], r->heat_rate[i],
		    r->ef_lb_per_mmbtu[i], r->t_per_mwh[i]);
	}
	if (s->backup.present &&
	    (r->backup = emis_plant_find(c, s->backup.plant)) == NULL)
		return err_set(e, ERR_CONFIG, s->file, s->backup.plant_line,
		    "backup.plant: unknown plant \"%s\" (expected an id listed by "
		    "`dcimpact plants`)", s->backup.plant);
	if (r->backup != NULL)
		plant_factors(r->backup, NULL, -1.0, -1.0, NULL,
		    r->backup_t_per_mwh);
	if (emis_embodied_resolve(c, s, e) == -1)
		return -1;
	emis_health_national(c, &r->health);
	/* eGRID's bases until emis_grid_resolve() adds AVERT and Cambium */
	r->gplace.avert_region = r->gplace.cambium_gea = -1;
	r->gplace.available[EMIS_BASIS_EGRID_AVERAGE] = 1;
	r->gplace.available[EMIS_BASIS_EGRID_NONBASELOAD] = r->grid->has_nonbaseload;
	r->state = s->state[0] != '\0' ? emis_state_find(c, s->state) : NULL;
	/* a US site that names no state is compared with the nation */
	if (r->state == NULL && s->state[0] == '\0')
		r->state = emis_state_find(c, s->country);
	return 0;
}

/* CO2e from the gases; damages at "usd_per_t" (the source's place). */
static void
add_health_co2e(const double *usd_per_t, const struct emis_options *o,
    struct emis_amounts *a)
{
	a->co2e_t = a->mass_t[EMIS_CO2] + o->gwp->ch4 * a->mass_t[EMIS_CH4] +
	    o->gwp->n2o * a->mass_t[EMIS_N2O];
	a->health_usd = a->mass_t[EMIS_PM25] * usd_per_t[EMIS_PM25] +
	    a->mass_t[EMIS_SO2] * usd_per_t[EMIS_SO2] +
	    a->mass_t[EMIS_NOX] * usd_per_t[EMIS_NOX];
}

/* The factors of plant "pl" after its controls "ctls" (NULL: none), in
 * t per MWh of electricity: heat rate x lb/MMBtu. NOx from the stack ppm
 * when one is given (EPA Method 19; whatever the controls: a permit states
 * ppm for DLN and water injection too), else the SCR control's default
 * ppm; "heat_rate" >= 0 replaces the plant's; "ef" (NULL, or < 0 where
 * none) replaces a factor after controls, as a permit states it. */
static void
plant_factors(const struct emis_plant *pl, const struct emis_control *const *ctls,
    double nox_ppm, double heat_rate, const double *ef, double *t_per_mwh)
{
	const struct emis_control *ctl;
	double	 lb[EMIS_NPOLL], hr = heat_rate >= 0.0 ? heat_rate :
	    pl->heat_rate_mmbtu_per_mwh;
	size_t	 k;
	int	 p;

	memcpy(lb, pl->factor_lb_per_mmbtu, sizeof(lb));
	for (k = 0; ctls != NULL && k < 4; k++) {
		if ((ctl = ctls[k]) == NULL)
			continue;
		for (p = 0; p < EMIS_NPOLL; p++) {
			if (!isnan(ctl->lb_per_mmbtu[p]))
				lb[p] = ctl->lb_per_mmbtu[p];
			lb[p] *= 1.0 - ctl->reduction_frac[p];
		}
		if (control_bits[k] == SITE_CTRL_SCR && nox_ppm < 0.0)
			lb[EMIS_NOX] = emis_nox_ppm_to_lb_per_mmbtu(ctl->nox_ppm,
			    pl->f_factor_dscf_per_mmbtu);
	}
	if (nox_ppm >= 0.0)
		lb[EMIS_NOX] = emis_nox_ppm_to_lb_per_mmbtu(nox_ppm,
		    pl->f_factor_dscf_per_mmbtu);
	for (p = 0; ef != NULL && p < EMIS_NPOLL; p++)
		if (ef[p] >= 0.0)
			lb[p] = ef[p];
	for (p = 0; p < EMIS_NPOLL; p++)
		t_per_mwh[p] = unit_lb_to_t(hr * lb[p]);
}

/* Fuel burnt on site: F = E * heat_rate; m_p = F * EF_p after controls,
 * with the factors of "t_per_mwh". */
static void
combustion(const double *usd_per_t, const struct emis_plant *pl,
    const double t_per_mwh[EMIS_NPOLL], double energy_mwh,
    const struct emis_options *o, struct emis_amounts *a)
{
	int	 p;

	a->energy_mwh = energy_mwh;
	for (p = 0; p < EMIS_NPOLL; p++)
		a->mass_t[p] = energy_mwh * t_per_mwh[p];
	a->water_m3 = energy_mwh * pl->water_m3_per_mwh;
	add_health_co2e(usd_per_t, o, a);
}

/* Energy drawn from the grid at the rates of one basis: grossed up to MWh
 * generated where the rates are per MWh generated; Cambium's CO2e is per
 * MWh at the meter. */
static void
from_grid(const double *usd_per_t, const struct emis_grid *g,
    const struct emis_grid_rates *gr, double energy_mwh,
    const struct emis_options *o, struct emis_amounts *a)
{
	double	 gen_mwh = energy_mwh * gr->gross;
	int	 p;

	a->energy_mwh = energy_mwh;
	for (p = 0; p < EMIS_NPOLL; p++)
		a->mass_t[p] = gen_mwh * gr->t_per_mwh[p];	/* NAN where unknown */
	a->water_m3 = gen_mwh * g->water_m3_per_mwh;
	add_health_co2e(usd_per_t, o, a);
	a->co2e_td_losses_t = 0.0;
	if (gr->co2e_override)
		a->co2e_t = energy_mwh * gr->co2e_t_per_mwh;
	else if (g->co2e_only)
		a->co2e_t = gen_mwh * g->co2e_t_per_mwh;
	else if (gr->scope2) {
		/* GHG Protocol Scope 2: the energy consumed at the output
		 * rate; the losses' share is its own line (Scope 3 cat. 3) */
		a->co2e_td_losses_t = a->co2e_t * (1.0 - 1.0 / gr->gross);
		a->co2e_t -= a->co2e_td_losses_t;
	}
}

/* Upstream emissions of the gas burnt on site (production, processing,
 * transmission): MMBtu x the catalog's factor (central value), its own
 * line beside the combustion CO2e. */
static void
fuel_supply(const struct emis_catalogs *c, const struct emis_refs *r,
    const struct est_params *p, const struct est_result *est,
    struct emis_result *out)
{
	double	 k = unc_central(&c->gas_supply_co2e_kg_per_mmbtu) /
	    UNIT_KG_PER_TONNE, hr, mmbtu = 0.0;
	size_t	 i;

	for (i = 0; i < p->nsupply; i++) {
		if (p->supply[i].kind != SITE_SUPPLY_ONSITE ||
		    strcmp(r->plant[i]->fuel, "gas") != 0)
			continue;
		hr = p->supply[i].heat_rate >= 0.0 ? p->supply[i].heat_rate :
		    r->plant[i]->heat_rate_mmbtu_per_mwh;
		mmbtu += est->supply_mwh[i] * hr;
	}
	out->co2e_fuel_supply_t = mmbtu * k;
	out->co2e_incl_fuel_supply_t = out->total.co2e_t + out->co2e_fuel_supply_t;
}

/* Add the CO2e, NOx, SO2 and PM2.5 of "a" to "site". */
static void
site_part(double site[4], const struct emis_amounts *a)
{
	site[0] += a->co2e_t;
	site[1] += a->mass_t[EMIS_NOX];
	site[2] += a->mass_t[EMIS_SO2];
	site[3] += a->mass_t[EMIS_PM25];
}

/* Every basis side by side: the on-site part "site" (CO2e, NOx, SO2,
 * PM2.5) plus the grid part of "grid_mwh" at each basis. */
static void
all_bases(const struct emis_catalogs *c, const struct emis_refs *r,
    const struct est_result *est, const struct emis_options *o,
    const double site[4], double grid_mwh, struct emis_result *out)
{
	static const enum emis_pollutant cols[4] = { EMIS_CO2, EMIS_NOX,
	    EMIS_SO2, EMIS_PM25 };
	static const double zero[EMIS_NPOLL];
	struct emis_grid_rates gr;
	struct emis_amounts a;
	int	 b, k;

	for (b = 0; b < EMIS_NBASES; b++) {
		if (!r->gplace.available[b]) {
			for (k = 0; k < 4; k++)
				out->basis_t[b][k] = (double)NAN;
			out->basis_precomb_t[b] = (double)NAN;
			continue;
		}
		emis_grid_rates(r, c, est, (enum emis_grid_basis)b, &gr);
		from_grid(zero, r->grid, &gr, grid_mwh, o, &a);
		out->basis_t[b][0] = site[0] + a.co2e_t + a.co2e_td_losses_t;
		for (k = 1; k < 4; k++)
			out->basis_t[b][k] = site[k] + a.mass_t[cols[k]];
		out->basis_precomb_t[b] = gr.co2e_override ?
		    grid_mwh * gr.precomb_t_per_mwh : (double)NAN;
	}
}

static void
add(struct emis_amounts *sum, const struct emis_amounts *a)
{
	int	 p;

	sum->energy_mwh += a->energy_mwh;
	for (p = 0; p < EMIS_NPOLL; p++)
		sum->mass_t[p] += a->mass_t[p];
	sum->co2e_t += a->co2e_t;
	sum->co2e_td_losses_t += a->co2e_td_losses_t;
	sum->water_m3 += a->water_m3;
	sum->health_usd += a->health_usd;
}

/* The damages of "a" at "usd_per_t" by pollutant, into part "k" (0 on
 * site, 1 grid) of out->health_by_pollutant_usd. */
static void
add_health_parts(struct emis_result *out, int k, const double *usd_per_t,
    const struct emis_amounts *a)
{
	static const enum emis_pollutant valued[] = { EMIS_PM25, EMIS_SO2,
	    EMIS_NOX };
	size_t	 i;

	for (i = 0; i < sizeof(valued) / sizeof(valued[0]); i++)
		out->health_by_pollutant_usd[k][valued[i]] +=
		    a->mass_t[valued[i]] * usd_per_t[valued[i]];
}

void
emis_run(const struct emis_catalogs *c, const struct emis_refs *r,
    const struct est_params *p, const struct est_result *est,
    const struct emis_options *o, struct emis_result *out)
{
	const struct emis_grid *g = r->grid;
	struct emis_grid_rates gr;
	double		 site[4] = { 0.0, 0.0, 0.0, 0.0 };
	size_t		 i;

	/* zero all but the energy part, which may be "est" itself */
	memset((char *)out + sizeof(out->est), 0, sizeof(*out) - sizeof(out->est));
	if (est != &out->est)
		out->est = *est;
	emis_grid_rates(r, c, est, o->basis, &gr);
	out->basis_fallback = gr.fallback;
	for (i = 0; i < p->nsupply; i++) {
		struct emis_amounts *a = &out->source[i];

		if (p->supply[i].kind == SITE_SUPPLY_ONSITE) {
			double	 t[EMIS_NPOLL];
			const double *f = r->t_per_mwh[i];

			/* a sampled or varied ppm or heat rate: the factors anew */
			if (p->supply[i].nox_ppm < r->ppm[i] ||
			    p->supply[i].nox_ppm > r->ppm[i] ||
			    p->supply[i].heat_rate < r->heat_rate[i] ||
			    p->supply[i].heat_rate > r->heat_rate[i]) {
				plant_factors(r->plant[i], r->ctl[i],
				    p->supply[i].nox_ppm, p->supply[i].heat_rate,
				    r->ef_lb_per_mmbtu[i], t);
				f = t;
			}
			combustion(r->health.usd_per_t[i], r->plant[i], f,
			    est->supply_mwh[i], o, a);
			out->health_onsite_usd += a->health_usd;
		} else {
			from_grid(r->health.usd_per_t[i], g, &gr,
			    est->supply_mwh[i], o, a);
			out->health_grid_usd += a->health_usd;
		}
		add(&out->total, a);
		add_health_parts(out, p->supply[i].kind == SITE_SUPPLY_ONSITE ? 0 : 1,
		    r->health.usd_per_t[i], a);
		if (p->supply[i].kind != SITE_SUPPLY_PPA) {
			/* Scope 2 for the grid: the CO2 of the energy consumed */
			out->co2_market_t += p->supply[i].kind == SITE_SUPPLY_GRID &&
			    gr.scope2 && !g->co2e_only ?
			    a->mass_t[EMIS_CO2] / gr.gross : a->mass_t[EMIS_CO2];
			out->co2e_market_t += a->co2e_t;
		}
	}
	if (r->backup != NULL) {
		combustion(r->health.usd_per_t[SITE_MAX_SUPPLY], r->backup,
		    r->backup_t_per_mwh, est->energy_backup_mwh, o, &out->backup);
		out->health_onsite_usd += out->backup.health_usd;
		add_health_parts(out, 0, r->health.usd_per_t[SITE_MAX_SUPPLY],
		    &out->backup);
		out->backup.energy_mwh = 0.0;	/* on top of demand, not part of it */
		add(&out->total, &out->backup);
		out->co2_market_t += out->backup.mass_t[EMIS_CO2];
		out->co2e_market_t += out->backup.co2e_t;
	}
	out->grid_generated_mwh = (est->energy_grid_mwh + est->energy_ppa_mwh) *
	    gr.gross;
	out->co2e_incl_td_losses_t = out->total.co2e_t +
	    out->total.co2e_td_losses_t;
	fuel_supply(c, r, p, est, out);
	emis_embodied(c, r, p, est, out);
	out->co2e_grid_precombustion_t = gr.co2e_override ?
	    (est->energy_grid_mwh + est->energy_ppa_mwh) * gr.precomb_t_per_mwh :
	    (double)NAN;
	for (i = 0; i < p->nsupply; i++)
		if (p->supply[i].kind == SITE_SUPPLY_ONSITE)
			site_part(site, &out->source[i]);
	site_part(site, &out->backup);
	all_bases(c, r, est, o, site, est->energy_grid_mwh + est->energy_ppa_mwh,
	    out);
	/* WUE is litres per kWh of IT energy: L/kWh x MWh = m3 */
	out->water_site_m3 = p->wue_l_per_kwh * est->it_energy_mwh;
	out->water_upstream_m3 = out->total.water_m3;
	out->intensity_kg_per_mwh = est->energy_mwh > 0.0 ?
	    out->total.co2e_t * UNIT_KG_PER_TONNE / est->energy_mwh : 0.0;
	out->homes_equivalent = est->energy_mwh / c->home_mwh_per_year;
	out->cars_equivalent = out->total.co2e_t / c->car_t_co2_per_year;
	memcpy(out->damage_usd_per_t, r->health.site_usd_per_t[EASIUR_GROUND],
	    sizeof(out->damage_usd_per_t));
	out->state_share = r->state != NULL ?
	    est->energy_mwh / r->state->consumption_mwh : (double)NAN;
}
