/* The draws of a block of scenarios in structure-of-arrays form: one lane
 * a scenario, no branches, so the compiler vectorises the counter-based
 * generator and the triangular inverse CDF; and where a drawn value goes
 * in the model's parameters. */
#include <math.h>
#include <stddef.h>
#include <string.h>

#include "batch/internal.h"

/* 64-bit multiplies (rng_mix64) vectorise with AVX-512 (vpmullq); AVX2
 * and plain x86-64 emulate them (SIMD_CLONES). */

/*
 * unc_quantile() of the triangular "u" (span > 0) at p[0 .. n-1]: both
 * sides computed, one kept, each the operations of common/unc.c in their
 * order. Neither square root sees a negative number (0 < p < 1).
 */
static void
triangular(const struct unc *u, const double *p, size_t n, double *out)
{
	double	 a = u->a, b = u->b, c = u->c, span = c - a;
	double	 fc = (b - a) / span, lo, hi, r;
	uint64_t bl, bh, mask;
	size_t	 i;

	for (i = 0; i < n; i++) {
		lo = p[i] * span * (b - a);
		hi = (1.0 - p[i]) * span * (c - b);
		/* the side picked on the bits: GCC would otherwise take both
		 * square roots again, masked */
		memcpy(&bl, &lo, sizeof(bl));
		memcpy(&bh, &hi, sizeof(bh));
		mask = 0 - (uint64_t)(p[i] < fc);
		bl = (bl & mask) | (bh & ~mask);
		memcpy(&r, &bl, sizeof(r));
		r = sqrt(r);
		out[i] = p[i] < fc ? a + r : c - r;
	}
}

SIMD_CLONES void
batch_kernel_draws(const struct batch_kernel *k, uint64_t draw0, size_t n,
    double d[][BATCH_KERNEL_BLOCK])
{
	const struct unc *u;
	uint64_t	 stream[BATCH_KERNEL_BLOCK], h, key0, seed = k->b->seed;
	double		 p[BATCH_KERNEL_BLOCK];
	uint32_t	 slot;
	size_t		 i, j;

	/* draw_stream() of each scenario: common random numbers across the
	 * grid points */
	key0 = (uint64_t)k->site * k->b->per_point + draw0;
	for (i = 0; i < n; i++)
		stream[i] = batch_stream(seed, key0 + i);
	for (j = 0; j < k->ndraw; j++) {
		slot = k->draw_slot[j];
		u = k->draw_unc[j];
		/* batch_uniform(): h >> 11 < 2^53 converts exactly either way */
		for (i = 0; i < n; i++) {
			h = rng_mix64(stream[i] + slot);
			p[i] = ((double)(int64_t)(h >> 11) + 0.5) *
			    (1.0 / 9007199254740992.0);
		}
		if (u->kind == UNC_TRIANGULAR && u->c - u->a > 0.0)
			triangular(u, p, n, d[j]);
		else
			for (i = 0; i < n; i++)
				d[j][i] = unc_quantile(u, p[i]);
	}
}

int
batch_patch_offset(const struct site *s, unsigned slot)
{
	const struct site_supply *in;
	size_t	 i;
	unsigned f;

	switch (slot) {
	case EST_IN_PEAK_KW:
		return (int)offsetof(struct est_params, rack_peak_kw);
	case EST_IN_IDLE:
		return (int)offsetof(struct est_params, idle_frac);
	case EST_IN_H100:
		return (int)offsetof(struct est_params, h100_per_accelerator);
	case EST_IN_UTILIZATION:
		return s->has_load_factor ? -1 :
		    (int)offsetof(struct est_params, utilization_frac);
	case EST_IN_OVERHEAD:
		return (int)offsetof(struct est_params, overhead_frac);
	case EST_IN_LOAD_FACTOR:
		return s->has_load_factor ?
		    (int)offsetof(struct est_params, load_factor) : -1;
	case EST_IN_WUE:
		return (int)offsetof(struct est_params, wue_l_per_kwh);
	case EST_IN_BACKUP_HOURS:
		return s->backup.present ?
		    (int)offsetof(struct est_params, backup_hours) : -1;
	default:
		break;
	}
	if (slot < EST_IN_SUPPLY0 || slot >= EST_IN_EMB_ACCEL)
		return -1;
	i = (slot - EST_IN_SUPPLY0) / EST_PICKS_PER_SUPPLY;
	f = (slot - EST_IN_SUPPLY0) % EST_PICKS_PER_SUPPLY;
	if (i >= s->nsupply)
		return -1;
	in = &s->supply[i];
	if (f == EST_SUP_NOX_PPM && in->has_nox_ppm)
		return (int)(offsetof(struct est_params, supply) +
		    i * sizeof(struct est_supply_params) +
		    offsetof(struct est_supply_params, nox_ppm));
	if (f == EST_SUP_HEAT_RATE && in->has_heat_rate)
		return (int)(offsetof(struct est_params, supply) +
		    i * sizeof(struct est_supply_params) +
		    offsetof(struct est_supply_params, heat_rate));
	if (f == EST_SUP_SHARE && in->kind != SITE_SUPPLY_GRID && in->has_share)
		return (int)(offsetof(struct est_params, supply) +
		    i * sizeof(struct est_supply_params) +
		    offsetof(struct est_supply_params, share_frac));
	if (f == EST_SUP_CAPACITY_FACTOR && in->kind != SITE_SUPPLY_GRID &&
	    !in->has_share && !in->has_hours)
		return (int)(offsetof(struct est_params, supply) +
		    i * sizeof(struct est_supply_params) +
		    offsetof(struct est_supply_params, capacity_factor));
	return -1;
}
