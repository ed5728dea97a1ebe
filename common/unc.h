/* Uncertain numbers: a fixed value or a distribution, as a site file writes them. */
#ifndef COMMON_UNC_H
#define COMMON_UNC_H

enum unc_kind {
	UNC_FIXED,	/* a: the value */
	UNC_TRIANGULAR,	/* a: min, b: mode, c: max */
	UNC_UNIFORM,	/* a: min, c: max */
	UNC_NORMAL	/* a: mean, b: sd; truncated to [lo, hi] */
};

struct unc {
	enum unc_kind	 kind;
	double		 a, b, c;
	double		 lo, hi;	/* physical limits (normal truncation) */
};

/* A fixed value. */
struct unc	 unc_fixed(double v);

/* The value a single estimate uses: the value, mode, midpoint or mean
 * (a normal's mean clamped to its limits). */
static inline double
unc_central(const struct unc *u)
{
	switch (u->kind) {
	case UNC_TRIANGULAR:
		return u->b;
	case UNC_UNIFORM:
		return 0.5 * (u->a + u->c);
	case UNC_NORMAL:
		return u->a < u->lo ? u->lo : u->a > u->hi ? u->hi : u->a;
	case UNC_FIXED:
	default:
		return u->a;
	}
}

/* 1 when the number varies (anything but UNC_FIXED). */
int		 unc_is_uncertain(const struct unc *u);

/* The quantile at p (0 < p < 1): inverse CDF, so a uniform p gives a sample. */
double		 unc_quantile(const struct unc *u, double p);

/* Standard normal inverse CDF (Acklam's rational approximation refined by
 * one Halley step; relative error below 1e-15 over (0, 1)). */
double		 unc_norm_inv(double p);

/* Standard normal CDF. */
double		 unc_norm_cdf(double x);

#endif
