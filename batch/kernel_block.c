/*
 * The model over a whole block in structure-of-arrays form: one lane a
 * scenario, each statement of kernel_est_run(), kernel_emis_run() and the
 * embodied part (batch/kernel.c, estimator/embodied.c) a loop over the
 * lanes with the same IEEE operations in the same order, so every lane
 * has the bits of the scalar model (tests/test_kernel.c holds them side by
 * side). What is fixed for a kernel (the supply entries and their kinds,
 * the sizing, the rates) is resolved once by batch_kernel_soa_init(); a
 * number no drawn slot moves is the same in every lane, broadcast once a
 * block.
 */
#include <math.h>
#include <stddef.h>
#include <string.h>

#include "common/units.h"
#include "batch/internal.h"

#define NB	BATCH_KERNEL_BLOCK

/* The per-scenario numbers of struct est_params the model reads: lanes. */
enum { L_PEAK, L_IDLE, L_H100, L_UTIL, L_OVER, L_LF, L_PUE, L_WUE, L_BKH,
	L_SUP0 };
/* ... and of each supply entry */
enum { S_CF, S_NOX, S_HR, S_SHARE, S_N };
#define L_SUP(i, f)	(L_SUP0 + (i) * S_N + (f))
#define NLANES		L_SUP(SITE_MAX_SUPPLY, 0)
_Static_assert(NLANES <= BATCH_SOA_LANES, "kernel.h's lane count");

/* The outputs the block writes, one column each (emis_metrics order is
 * looked up once: soa_col). */
enum { Q_RACKS, Q_ACCEL, Q_H100E, Q_IT_MW, Q_FAC_MW, Q_FAC_AVG, Q_ENERGY,
	Q_ONSITE, Q_PPA, Q_GRID, Q_BACKUP, Q_CO2E, Q_TD, Q_INCL_TD, Q_FUEL,
	Q_INCL_FUEL, Q_CO2_MKT, Q_CO2E_MKT, Q_EMB, Q_EMB_YEAR, Q_EMB_SHARE,
	Q_WATER_SITE, Q_WATER_UP, Q_HEALTH, Q_HEALTH_ONSITE, Q_HEALTH_GRID,
	Q_INTENSITY, Q_HOMES, Q_CARS, Q_STATE,
	Q_DAMAGE,			/* PM2.5, SO2, NOx at the site */
	Q_MASS = Q_DAMAGE + 3,		/* the total of each pollutant */
	NQ = Q_MASS + EMIS_NPOLL };

/* the pollutants of the damage columns */
static const int damage_poll[3] = { EMIS_PM25, EMIS_SO2, EMIS_NOX };

#if defined(__GNUC__)
#define SOA_INLINE	static inline __attribute__((always_inline))
#else
#define SOA_INLINE	static inline
#endif

/* the byte offset in struct est_params of lane "l" (PUE: January's; the
 * kernel takes only sites with one PUE, where every month is the same) */
static size_t
lane_offset(unsigned l)
{
	size_t	 sup;

	switch (l) {
	case L_PEAK:
		return offsetof(struct est_params, rack_peak_kw);
	case L_IDLE:
		return offsetof(struct est_params, idle_frac);
	case L_H100:
		return offsetof(struct est_params, h100_per_accelerator);
	case L_UTIL:
		return offsetof(struct est_params, utilization_frac);
	case L_OVER:
		return offsetof(struct est_params, overhead_frac);
	case L_LF:
		return offsetof(struct est_params, load_factor);
	case L_PUE:
		return offsetof(struct est_params, pue_by_month);
	case L_WUE:
		return offsetof(struct est_params, wue_l_per_kwh);
	case L_BKH:
		return offsetof(struct est_params, backup_hours);
	default:
		break;
	}
	sup = offsetof(struct est_params, supply) +
	    (l - L_SUP0) / S_N * sizeof(struct est_supply_params);
	switch ((l - L_SUP0) % S_N) {
	case S_CF:
		return sup + offsetof(struct est_supply_params, capacity_factor);
	case S_NOX:
		return sup + offsetof(struct est_supply_params, nox_ppm);
	case S_HR:
		return sup + offsetof(struct est_supply_params, heat_rate);
	default:
		return sup + offsetof(struct est_supply_params, share_frac);
	}
}

/* The offset in struct emis_result of what column "q" holds. */
static size_t
q_offset(unsigned q)
{
	static const size_t off[Q_DAMAGE] = {
		offsetof(struct emis_result, est.racks),
		offsetof(struct emis_result, est.accelerators),
		offsetof(struct emis_result, est.h100_equivalents),
		offsetof(struct emis_result, est.it_mw),
		offsetof(struct emis_result, est.facility_mw),
		offsetof(struct emis_result, est.facility_avg_mw),
		offsetof(struct emis_result, est.energy_mwh),
		offsetof(struct emis_result, est.energy_onsite_mwh),
		offsetof(struct emis_result, est.energy_ppa_mwh),
		offsetof(struct emis_result, est.energy_grid_mwh),
		offsetof(struct emis_result, est.energy_backup_mwh),
		offsetof(struct emis_result, total.co2e_t),
		offsetof(struct emis_result, total.co2e_td_losses_t),
		offsetof(struct emis_result, co2e_incl_td_losses_t),
		offsetof(struct emis_result, co2e_fuel_supply_t),
		offsetof(struct emis_result, co2e_incl_fuel_supply_t),
		offsetof(struct emis_result, co2_market_t),
		offsetof(struct emis_result, co2e_market_t),
		offsetof(struct emis_result, embodied_co2e_t),
		offsetof(struct emis_result, embodied_co2e_t_per_year),
		offsetof(struct emis_result, embodied_share),
		offsetof(struct emis_result, water_site_m3),
		offsetof(struct emis_result, water_upstream_m3),
		offsetof(struct emis_result, total.health_usd),
		offsetof(struct emis_result, health_onsite_usd),
		offsetof(struct emis_result, health_grid_usd),
		offsetof(struct emis_result, intensity_kg_per_mwh),
		offsetof(struct emis_result, homes_equivalent),
		offsetof(struct emis_result, cars_equivalent),
		offsetof(struct emis_result, state_share),
	};

	if (q < Q_DAMAGE)
		return off[q];
	if (q < Q_MASS)
		return offsetof(struct emis_result, damage_usd_per_t) +
		    (size_t)damage_poll[q - Q_DAMAGE] * sizeof(double);
	return offsetof(struct emis_result, total.mass_t) +
	    (q - Q_MASS) * sizeof(double);
}

/* emis_nox_ppm_to_lb_per_mmbtu() written out, so that it vectorises; its
 * constants (EPA Method 19) in its order. batch_kernel_soa_init() checks
 * it against the function and keeps the scalar path if they ever differ. */
static inline double
nox_lb(double ppm, double fd)
{
	return ppm * 1.194e-7 * fd * 20.9 / (20.9 - 15.0);
}

static int
nox_lb_matches(double fd, double ppm0)
{
	static const double ppm[] = { 0.0, 1.5, 2.0, 2.5, 3.7, 5.0, 9.0, 25.0 };
	double	 a, b;
	size_t	 i;

	for (i = 0; i <= sizeof(ppm) / sizeof(ppm[0]); i++) {
		a = nox_lb(i < sizeof(ppm) / sizeof(ppm[0]) ? ppm[i] : ppm0, fd);
		b = emis_nox_ppm_to_lb_per_mmbtu(i < sizeof(ppm) /
		    sizeof(ppm[0]) ? ppm[i] : ppm0, fd);
		if (memcmp(&a, &b, sizeof(a)) != 0)
			return 0;
	}
	return 1;
}

void
batch_kernel_soa_init(struct batch_kernel *k)
{
	const struct site *s = k->b->sites[k->site].site;
	const struct est_params *p = &k->p0;
	int	 drawn[NLANES];
	unsigned l, q, racks_move;
	size_t	 i, j, m, off;

	k->soa = 0;
	k->const_cols = 0;
	memset(drawn, 0, sizeof(drawn));
	if (!k->params_patch || !k->est_fast || k->rates_live[k->eopts.basis] ||
	    p->nsupply > SITE_MAX_SUPPLY || p->emb.nbuys < 1 ||
	    p->sizing > SITE_SIZE_H100E || emis_nmetrics != NQ)
		return;
	for (m = 1; m < SITE_MONTHS; m++)
		if (memcmp(&p->pue_by_month[m], &p->pue_by_month[0],
		    sizeof(double)) != 0)
			return;
	for (i = 0; i < p->nsupply; i++)
		if (p->supply[i].kind == SITE_SUPPLY_ONSITE &&
		    !nox_lb_matches(k->refs.plant[i]->f_factor_dscf_per_mmbtu,
		    p->supply[i].nox_ppm))
			return;
	/* each drawn value is one lane */
	for (j = 0; j < k->ndraw; j++) {
		if (k->draw_slot[j] == EST_IN_PUE && !s->pue_monthly)
			l = L_PUE;
		else if (k->draw_off[j] < 0)
			return;
		else {
			off = (size_t)k->draw_off[j];
			for (l = 0; l < L_SUP(p->nsupply, 0); l++)
				if (lane_offset(l) == off)
					break;
			if (l == L_SUP(p->nsupply, 0))
				return;
		}
		k->soa_lane[j] = (unsigned char)l;
		drawn[l] = 1;
	}
	/* each column by where emis_metric_value() reads it */
	for (q = 0; q < NQ; q++) {
		for (m = 0; m < emis_nmetrics; m++)
			if (emis_metrics[m].offset == q_offset(q))
				break;
		if (m == emis_nmetrics)
			return;
		k->soa_col[q] = (unsigned char)m;
	}
	k->soa_lf_drawn = drawn[L_LF];
	/* the distinct numbers of hours of the months (bit for bit) */
	k->soa_nh = 0;
	for (m = 0; m < SITE_MONTHS; m++) {
		for (j = 0; j < k->soa_nh; j++)
			if (memcmp(&k->soa_h[j], &k->hours_by_month[m],
			    sizeof(double)) == 0)
				break;
		if (j == k->soa_nh)
			k->soa_h[k->soa_nh++] = k->hours_by_month[m];
		k->soa_hidx[m] = (unsigned char)j;
	}
	/* The columns the same in every lane of a block: the grid point's
	 * and the kernel's alone. Without draws, all of them; else the
	 * site's damage values, backup runs unless their hours are drawn,
	 * and the sizes (peak, embodied) when neither the rack's power,
	 * the overhead, the PUE nor the H100 ratio is drawn. */
	racks_move = (unsigned)(drawn[L_PEAK] | drawn[L_OVER] | drawn[L_PUE] |
	    drawn[L_H100]);
	for (q = 0; q < NQ; q++) {
		int	 fixed = k->ndraw == 0;

		if (q >= Q_DAMAGE && q < Q_MASS)
			fixed = 1;
		if (q == Q_BACKUP)
			fixed = !drawn[L_BKH];
		if ((q == Q_RACKS || q == Q_ACCEL || q == Q_H100E ||
		    q == Q_IT_MW ||
		    q == Q_EMB || q == Q_EMB_YEAR) && !racks_move)
			fixed = 1;
		if (q == Q_FAC_MW && (p->sizing == SITE_SIZE_CAPACITY ||
		    !racks_move))
			fixed = 1;
		if (fixed)
			k->const_cols |= 1ULL << k->soa_col[q];
	}
	/* the lanes the block reads that no draw fills: broadcast */
	k->soa_nbcast = 0;
	for (l = 0; l < L_SUP0; l++)
		if (!drawn[l])
			k->soa_bcast[k->soa_nbcast++] = (unsigned char)l;
	for (i = 0; i < p->nsupply; i++) {
		const struct est_supply_params *sp = &p->supply[i];
		unsigned need[S_N] = { 0 };

		if (sp->kind != SITE_SUPPLY_GRID) {
			need[S_SHARE] = (unsigned)sp->by_share;
			need[S_CF] = (unsigned)!sp->by_share;
		}
		need[S_NOX] = need[S_HR] = sp->kind == SITE_SUPPLY_ONSITE;
		for (l = 0; l < S_N; l++)
			if (need[l] && !drawn[L_SUP(i, l)])
				k->soa_bcast[k->soa_nbcast++] =
				    (unsigned char)L_SUP(i, l);
	}
	k->soa = 1;
}

/* every loop over the lanes: the columns and lanes are distinct arrays
 * (GCC would otherwise check, or give up on, their overlaps) */
#define FOR	_Pragma("GCC ivdep") for (i = 0; i < n; i++)

/*
 * floor(x), exactly, in operations GCC vectorises (it keeps floor()
 * scalar unless FP exceptions are ignored): below 2^52 the nearest
 * integer to |x| (adding and taking away 2^52, in the default rounding),
 * signed as x, less one when above it; from 2^52 up, infinities and NaN
 * are their own floor. Zeros keep their sign, as floor() does.
 */
SOA_INLINE double
lane_floor(double x)
{
	double	 a = fabs(x), r;

	r = copysign((a + 0x1p52) - 0x1p52, x);
	r = r > x ? r - 1.0 : r;
	return a < 0x1p52 ? r : x;
}

/* buy_racks_it() (batch/kernel.c) at size "size" in every lane */
SOA_INLINE void
lanes_racks(const struct est_params *p, double size,
    const double *restrict peak, const double *restrict over,
    const double *restrict pk, const double *restrict h100, size_t n,
    double *restrict racks, double *restrict it_mw)
{
	double	 apr = p->accelerators_per_rack, rik, nr;
	size_t	 i;

	if (!(size > 0.0)) {
		FOR {
			rik = peak[i] * (1.0 + over[i]);
			racks[i] = 0.0;
			it_mw[i] = 0.0 * rik / 1000.0;
		}
		return;
	}
	switch (p->sizing) {
	case SITE_SIZE_CAPACITY:
		FOR {
			rik = peak[i] * (1.0 + over[i]);
			nr = lane_floor(size * 1000.0 / (rik * pk[i]) + 1e-9);
			racks[i] = nr;
			it_mw[i] = nr * rik / 1000.0;
		}
		break;
	case SITE_SIZE_ACCELERATORS:
		nr = ceil(size / apr - 1e-9);
		FOR {
			rik = peak[i] * (1.0 + over[i]);
			racks[i] = nr;
			it_mw[i] = nr * rik / 1000.0;
		}
		break;
	case SITE_SIZE_H100E:
		FOR {
			rik = peak[i] * (1.0 + over[i]);
			nr = ceil(size / (apr * h100[i]) - 1e-9);
			racks[i] = nr;
			it_mw[i] = nr * rik / 1000.0;
		}
		break;
	case SITE_SIZE_RACKS:
	default:
		FOR {
			rik = peak[i] * (1.0 + over[i]);
			racks[i] = size;
			it_mw[i] = size * rik / 1000.0;
		}
		break;
	}
}

/* Where an entry's masses come from: the backup generators, an on-site
 * plant (its NOx from the drawn ppm where given, or not), the grid (or a
 * PPA, as the grid). */
enum { ENTRY_BACKUP, ENTRY_PLANT, ENTRY_PLANT_PPM, ENTRY_GRID };
/* How a grid entry's CO2e is found (from_grid()): from its masses, the
 * override's or the region's CO2e rate, or net of T&D losses (Scope 2). */
enum { TAIL_PLAIN, TAIL_OVERRIDE, TAIL_CO2E_ONLY, TAIL_SCOPE2 };

/* What one supply entry (or the backup) reads, fixed for the block. */
struct entry {
	const double	*mwh;		/* its energy (the backup's: lanes) */
	const double	*hrl, *nox;	/* a plant's drawn heat rate, NOx */
	const double	*usd;		/* damages a tonne */
	double		 t_per[EMIS_NPOLL];	/* t/MWh (backup, grid) or
						 * lb/MMBtu after controls */
	double		 water_per_mwh, phr, fd, gross;
};

/*
 * combustion()/plant_t() or from_grid(), then add_health_co2e() and add()
 * of one entry, in one loop: each pollutant's mass into its total, its
 * CO2e (by "mode") and damages, then each total's addition in the scalar
 * model's order. "onsite": the damages count as on site; "mkt": 0 (a PPA)
 * adds nothing to the market-based totals, 1 its CO2, 2 its CO2 net of
 * T&D losses. Constant "kind", "mode", "onsite" and "mkt" at each call:
 * GCC keeps one branch-free loop a case.
 */
SOA_INLINE void
lanes_entry(double *const *col, const struct entry *en, double gch4,
    double gn2o, const struct emis_grid_rates *gr, const struct emis_grid *g,
    size_t n, int kind, int mode, int onsite, int mkt)
{
	const double *restrict mwh = en->mwh;
	double	*restrict hcol = col[onsite ? Q_HEALTH_ONSITE : Q_HEALTH_GRID];
	double	 mass[EMIS_NPOLL], ce, he, td, w, hr, lb, nlb;
	size_t	 i;
	int	 pl;

	FOR {
		if (kind == ENTRY_PLANT || kind == ENTRY_PLANT_PPM) {
			hr = en->hrl[i] >= 0.0 ? en->hrl[i] : en->phr;
			for (pl = 0; pl < EMIS_NPOLL; pl++)
				mass[pl] = mwh[i] * unit_lb_to_t(hr *
				    en->t_per[pl]);
			/* NOx from ppm where drawn: taken in every lane, kept
			 * in those (a conditional product would keep GCC
			 * from vectorising the loop) */
			if (kind == ENTRY_PLANT_PPM) {
				nlb = nox_lb(en->nox[i], en->fd);
				lb = en->nox[i] >= 0.0 ? nlb :
				    en->t_per[EMIS_NOX];
				mass[EMIS_NOX] = mwh[i] * unit_lb_to_t(hr * lb);
			}
			w = mwh[i] * en->water_per_mwh;
		} else if (kind == ENTRY_GRID) {
			for (pl = 0; pl < EMIS_NPOLL; pl++)
				mass[pl] = mwh[i] * en->gross * en->t_per[pl];
			w = mwh[i] * en->gross * en->water_per_mwh;
		} else {
			for (pl = 0; pl < EMIS_NPOLL; pl++)
				mass[pl] = mwh[i] * en->t_per[pl];
			w = mwh[i] * en->water_per_mwh;
		}
		for (pl = 0; pl < EMIS_NPOLL; pl++)
			col[Q_MASS + pl][i] += mass[pl];
		ce = mass[EMIS_CO2] + gch4 * mass[EMIS_CH4] +
		    gn2o * mass[EMIS_N2O];
		he = mass[EMIS_PM25] * en->usd[EMIS_PM25] +
		    mass[EMIS_SO2] * en->usd[EMIS_SO2] +
		    mass[EMIS_NOX] * en->usd[EMIS_NOX];
		td = 0.0;
		if (mode == TAIL_OVERRIDE)
			ce = mwh[i] * gr->co2e_t_per_mwh;
		else if (mode == TAIL_CO2E_ONLY)
			ce = mwh[i] * gr->gross * g->co2e_t_per_mwh;
		else if (mode == TAIL_SCOPE2) {
			td = ce * (1.0 - 1.0 / gr->gross);
			ce -= td;
		}
		hcol[i] += he;
		col[Q_CO2E][i] += ce;
		col[Q_TD][i] += td;
		col[Q_WATER_UP][i] += w;
		col[Q_HEALTH][i] += he;
		if (mkt == 2)
			col[Q_CO2_MKT][i] += mass[EMIS_CO2] / gr->gross;
		else if (mkt == 1)
			col[Q_CO2_MKT][i] += mass[EMIS_CO2];
		if (mkt != 0)
			col[Q_CO2E_MKT][i] += ce;
	}
}

/* The block's model (batch_kernel_soa(), below): "L" the lanes. */
SOA_INLINE void
soa_model(const struct batch_kernel *k, const struct est_params *p,
    const double *const *L, size_t n, double *out)
{
	const struct emis_refs *r = &k->refs;
	const struct emis_catalogs *c = k->b->cats;
	const struct emis_options *o = &k->eopts;
	const struct emis_grid *g = r->grid;
	const struct emis_grid_rates *gr = &k->rates[o->basis];
	const double *restrict peak = L[L_PEAK], *restrict idle = L[L_IDLE];
	const double *restrict h100 = L[L_H100], *restrict util = L[L_UTIL];
	const double *restrict over = L[L_OVER], *restrict lf = L[L_LF];
	const double *restrict pue = L[L_PUE], *restrict wue = L[L_WUE];
	const double *restrict bkh = L[L_BKH];
	double	*col[NQ];
	double	 pk[NB], pmean[NB], ravg[NB], ite[NB], left[NB];
	double	 smwh[SITE_MAX_SUPPLY][NB], mmbtu[NB];
	double	 prev[NB], rb[NB], itb[NB], br[NB], bit[NB];
	double	 hq[SITE_MONTHS][NB], hit[SITE_MONTHS][NB], fac[NB];
	double	 hours = k->hours_year, size = p->size, avail;
	double	 gch4 = o->gwp->ch4, gn2o = o->gwp->n2o;
	size_t	 i, s, grid = 0, b, h, nbuys = p->emb.nbuys;
	unsigned q;
	int	 m, pl, ord;

	for (q = 0; q < NQ; q++)
		col[q] = out + (size_t)k->soa_col[q] * NB;
#define ENTRY(kind, mode, on, mkt) \
	lanes_entry(col, &en, gch4, gn2o, gr, g, n, kind, mode, on, mkt)
	/* kernel_est_run(): every month has the lane's PUE, so the peak is
	 * the first step of the maximum (the others keep it) */
	FOR {
		pk[i] = 0.0 > pue[i] ? 0.0 : pue[i];
		pmean[i] = 0.0;
	}
	/* a month's share of the mean and its energy depend on its hours
	 * alone (every month has the lane's PUE): one division for each
	 * distinct number of hours, then the sums in the months' order */
	for (h = 0; h < k->soa_nh; h++)
		FOR
			hq[h][i] = pue[i] * k->soa_h[h] / hours;
	{
		const double *restrict t[SITE_MONTHS];

		for (m = 0; m < SITE_MONTHS; m++)
			t[m] = hq[k->soa_hidx[m]];
		/* a lane's sum in a register, the months in order */
		FOR {
			double	 sum = pmean[i];

#pragma GCC unroll 12
			for (m = 0; m < SITE_MONTHS; m++)
				sum += t[m][i];
			pmean[i] = sum;
		}
	}
	lanes_racks(p, size, peak, over, pk, h100, n, col[Q_RACKS],
	    col[Q_IT_MW]);
	FOR {
		double *racks = col[Q_RACKS];

		col[Q_ACCEL][i] = racks[i] * p->accelerators_per_rack;
		col[Q_H100E][i] = col[Q_ACCEL][i] * h100[i];
		col[Q_FAC_MW][i] = p->sizing == SITE_SIZE_CAPACITY ? size :
		    col[Q_IT_MW][i] * pk[i];
		ravg[i] = peak[i] * (idle[i] + (1.0 - idle[i]) * util[i]);
		col[Q_ENERGY][i] = ite[i] = 0.0;
	}
	/* the facility's power is the same every month (one PUE) */
	{
		double	*e = col[Q_ENERGY], *racks = col[Q_RACKS];
		double	*fmw = col[Q_FAC_MW];

		if (k->soa_lf_drawn)
			FOR
				fac[i] = lf[i] >= 0.0 ?
				    fmw[i] * lf[i] * pue[i] / pmean[i] :
				    racks[i] * ravg[i] * (1.0 + over[i]) *
				    pue[i] / 1000.0;
		else if (p->load_factor >= 0.0)
			FOR
				fac[i] = fmw[i] * p->load_factor * pue[i] / pmean[i];
		else
			FOR
				fac[i] = racks[i] * ravg[i] * (1.0 + over[i]) *
				    pue[i] / 1000.0;
		for (h = 0; h < k->soa_nh; h++)
			FOR {
				hq[h][i] = fac[i] * k->soa_h[h];
				hit[h][i] = hq[h][i] / pue[i];
			}
		const double *restrict em[SITE_MONTHS];
		const double *restrict im[SITE_MONTHS];

		for (m = 0; m < SITE_MONTHS; m++) {
			em[m] = hq[k->soa_hidx[m]];
			im[m] = hit[k->soa_hidx[m]];
		}
		FOR {
			double	 se = e[i], si = ite[i];

#pragma GCC unroll 12
			for (m = 0; m < SITE_MONTHS; m++) {
				se += em[m][i];
				si += im[m][i];
			}
			e[i] = se;
			ite[i] = si;
		}
	}
	FOR {
		col[Q_FAC_AVG][i] = col[Q_ENERGY][i] / hours;
		left[i] = col[Q_ENERGY][i];
		col[Q_ONSITE][i] = col[Q_PPA][i] = 0.0;
	}
	/* dispatch_year() */
	for (s = 0; s < p->nsupply; s++)
		FOR
			smwh[s][i] = 0.0;
	for (ord = 0; ord < 2; ord++)
		for (s = 0; s < p->nsupply; s++) {
			const struct est_supply_params *sp = &p->supply[s];
			const double *restrict cf = L[L_SUP(s, S_CF)];
			const double *restrict sh = L[L_SUP(s, S_SHARE)];
			double	*e = col[Q_ENERGY], *to = col[sp->kind ==
			    SITE_SUPPLY_ONSITE ? Q_ONSITE : Q_PPA];

			if (sp->kind != (ord == 0 ? SITE_SUPPLY_ONSITE :
			    SITE_SUPPLY_PPA))
				continue;
			if (sp->by_share)
				FOR {
					avail = sh[i] * e[i];
					avail = avail < left[i] ? avail : left[i];
					left[i] -= avail;
					smwh[s][i] = avail;
					to[i] += avail;
				}
			else
				FOR {
					avail = sp->capacity_mw * cf[i] * hours;
					avail = avail < left[i] ? avail : left[i];
					left[i] -= avail;
					smwh[s][i] = avail;
					to[i] += avail;
				}
		}
	for (s = 0; s < p->nsupply; s++)
		if (p->supply[s].kind == SITE_SUPPLY_GRID)
			grid = s;
	FOR {
		smwh[grid][i] = left[i];
		col[Q_GRID][i] = left[i];
		col[Q_BACKUP][i] = p->backup_mw * bkh[i];
	}

	/* kernel_emis_run(): the totals start at 0, as its memset */
	for (pl = 0; pl < EMIS_NPOLL; pl++)
		FOR
			col[Q_MASS + pl][i] = 0.0;
	FOR {
		col[Q_CO2E][i] = col[Q_TD][i] = col[Q_WATER_UP][i] = 0.0;
		col[Q_HEALTH][i] = col[Q_CO2_MKT][i] = col[Q_CO2E_MKT][i] = 0.0;
		col[Q_HEALTH_ONSITE][i] = col[Q_HEALTH_GRID][i] = 0.0;
	}
	for (s = 0; s <= p->nsupply; s++) {
		struct entry en;

		memset(&en, 0, sizeof(en));
		if (s == p->nsupply) {
			/* backup: combustion() on top of demand, its energy
			 * left out of the total */
			if (r->backup == NULL)
				break;
			en.mwh = col[Q_BACKUP];
			en.usd = r->health.usd_per_t[SITE_MAX_SUPPLY];
			memcpy(en.t_per, r->backup_t_per_mwh, sizeof(en.t_per));
			en.water_per_mwh = r->backup->water_m3_per_mwh;
			ENTRY(ENTRY_BACKUP, TAIL_PLAIN, 1, 1);
			continue;
		}
		en.mwh = smwh[s];
		en.usd = r->health.usd_per_t[s];
		if (p->supply[s].kind == SITE_SUPPLY_ONSITE) {
			/* plant_t() and combustion() */
			const struct emis_plant *plt = r->plant[s];

			en.hrl = L[L_SUP(s, S_HR)];
			en.nox = L[L_SUP(s, S_NOX)];
			en.phr = plt->heat_rate_mmbtu_per_mwh;
			en.fd = plt->f_factor_dscf_per_mmbtu;
			memcpy(en.t_per, k->lb_ctl[s], sizeof(en.t_per));
			en.water_per_mwh = plt->water_m3_per_mwh;
			if (r->ef_lb_per_mmbtu[s][EMIS_NOX] >= 0.0)
				ENTRY(ENTRY_PLANT, TAIL_PLAIN, 1, 1);
			else
				ENTRY(ENTRY_PLANT_PPM, TAIL_PLAIN, 1, 1);
		} else {
			/* from_grid() */
			int	 kind = (int)p->supply[s].kind;
			int	 mode = gr->co2e_override ? TAIL_OVERRIDE :
			    g->co2e_only ? TAIL_CO2E_ONLY : gr->scope2 ?
			    TAIL_SCOPE2 : TAIL_PLAIN;
			int	 mkt = kind == SITE_SUPPLY_PPA ? 0 :
			    kind == SITE_SUPPLY_GRID && gr->scope2 &&
			    !g->co2e_only ? 2 : 1;

			en.gross = gr->gross;
			memcpy(en.t_per, gr->t_per_mwh, sizeof(en.t_per));
			en.water_per_mwh = g->water_m3_per_mwh;
			/* each case its own loop, its branches gone */
			switch (mode * 3 + mkt) {
			case 0: ENTRY(ENTRY_GRID, 0, 0, 0); break;
			case 1: ENTRY(ENTRY_GRID, 0, 0, 1); break;
			case 2: ENTRY(ENTRY_GRID, 0, 0, 2); break;
			case 3: ENTRY(ENTRY_GRID, 1, 0, 0); break;
			case 4: ENTRY(ENTRY_GRID, 1, 0, 1); break;
			case 5: ENTRY(ENTRY_GRID, 1, 0, 2); break;
			case 6: ENTRY(ENTRY_GRID, 2, 0, 0); break;
			case 7: ENTRY(ENTRY_GRID, 2, 0, 1); break;
			case 8: ENTRY(ENTRY_GRID, 2, 0, 2); break;
			case 9: ENTRY(ENTRY_GRID, 3, 0, 0); break;
			case 10: ENTRY(ENTRY_GRID, 3, 0, 1); break;
			default: ENTRY(ENTRY_GRID, 3, 0, 2); break;
			}
		}
	}
	/* fuel_supply(): the sum starts at 0 */
	FOR
		mmbtu[i] = 0.0;
	for (s = 0; s < p->nsupply; s++) {
		const double *restrict hrl = L[L_SUP(s, S_HR)];
		double	 phr;

		if (p->supply[s].kind != SITE_SUPPLY_ONSITE || !k->is_gas[s])
			continue;
		phr = r->plant[s]->heat_rate_mmbtu_per_mwh;
		FOR
			mmbtu[i] += smwh[s][i] * (hrl[i] >= 0.0 ? hrl[i] : phr);
	}
	FOR {
		double	 e = col[Q_ENERGY][i], t = col[Q_CO2E][i];

		col[Q_INCL_TD][i] = t + col[Q_TD][i];
		col[Q_FUEL][i] = mmbtu[i] * k->gas_t_per_mmbtu;
		col[Q_INCL_FUEL][i] = t + col[Q_FUEL][i];
		col[Q_WATER_SITE][i] = wue[i] * ite[i];
		col[Q_INTENSITY][i] = e > 0.0 ? t * UNIT_KG_PER_TONNE / e : 0.0;
		col[Q_HOMES][i] = e / c->home_mwh_per_year;
		col[Q_CARS][i] = t / c->car_t_co2_per_year;
		col[Q_STATE][i] = r->state != NULL ?
		    e / r->state->consumption_mwh : (double)NAN;
	}
	for (pl = 0; pl < 3; pl++) {
		double	 v = r->health.site_usd_per_t[EASIUR_GROUND][damage_poll[pl]];

		FOR
			col[Q_DAMAGE + pl][i] = v;
	}

	/* est_embodied_parts_given(): the purchases before the last at
	 * their sizes, the last the scenario's */
	FOR
		prev[i] = rb[i] = itb[i] = 0.0;
	for (b = 0; b < nbuys; b++) {
		const double *restrict rr = br, *restrict ri = bit;

		if (b + 1 == nbuys) {
			rr = col[Q_RACKS];
			ri = col[Q_IT_MW];
		} else if (k->buys_fixed)
			FOR {
				br[i] = k->buy_racks[b];
				bit[i] = k->buy_it_mw[b];
			}
		else
			lanes_racks(p, p->emb.buy_size[b], peak, over, pk, h100,
			    n, br, bit);
		FOR {
			int	 more = rr[i] > prev[i];

			rb[i] = more ? rb[i] + (rr[i] - prev[i]) : rb[i];
			prev[i] = more ? rr[i] : prev[i];
			itb[i] = ri[i] > itb[i] ? ri[i] : itb[i];
		}
	}
	FOR {
		double	 hw = rb[i] * p->emb.rack_kg;
		double	 bu = itb[i] * p->emb.building_kg_per_mw;
		double	 kgy = hw / p->emb.hw_life_years +
		    bu / p->emb.building_life_years;
		double	 yt = kgy / UNIT_KG_PER_TONNE, sum;

		col[Q_EMB][i] = (hw + bu) / UNIT_KG_PER_TONNE;
		col[Q_EMB_YEAR][i] = yt;
		sum = yt + col[Q_CO2E][i];
		col[Q_EMB_SHARE][i] = sum > 0.0 ? yt / sum : (double)NAN;
	}
}

SIMD_CLONES void
batch_kernel_soa(const struct batch_kernel *k, const double *varied,
    uint64_t draw0, size_t n, double *out)
{
	const struct batch_site *bs = &k->b->sites[k->site];
	double		 x[EST_NIN];
	double		 d[EST_NIN][NB];
	double		 bc[NLANES][NB];
	const double	*L[NLANES];
	struct est_params p;
	double		 v;
	size_t		 i, j;
	unsigned	 l;

	batch_kernel_draws(k, draw0, n, d);
	for (l = 0; l < NLANES; l++)
		L[l] = NULL;		/* lanes the kernel's model never reads */
	/* the grid point's values patched in once (a drawn slot is never
	 * varied, and a field both set has the same value from each) */
	p = k->p0;
	if (k->nvary > 0) {
		memcpy(x, k->x0, sizeof(x));
		for (j = 0; j < k->nvary; j++)
			x[k->vary_slot[j]] = varied[k->vary_at[j]];
		for (j = 0; j < k->nvary; j++)
			(void)batch_patch_slot(bs->site, k->hours_year, x,
			    k->vary_slot[j], &p);
	}
	for (j = 0; j < k->soa_nbcast; j++) {
		l = k->soa_bcast[j];
		memcpy(&v, (const char *)&p + lane_offset(l), sizeof(v));
		for (i = 0; i < n; i++)
			bc[l][i] = v;
		L[l] = bc[l];
	}
	for (j = 0; j < k->ndraw; j++)
		L[k->soa_lane[j]] = d[j];
	soa_model(k, &p, L, n, out);
}
