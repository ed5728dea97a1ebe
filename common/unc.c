#include <math.h>

#include "common/unc.h"

struct unc
unc_fixed(double v)
{
	struct unc u = { UNC_FIXED, v, v, v, -INFINITY, INFINITY };

	return u;
}

int
unc_is_uncertain(const struct unc *u)
{
	return u->kind != UNC_FIXED;
}

double
unc_norm_cdf(double x)
{
	return 0.5 * erfc(-x / sqrt(2.0));
}

double
unc_norm_inv(double p)
{
	/* P. J. Acklam, "An algorithm for computing the inverse normal
	 * cumulative distribution function", 2003 (coefficients as published). */
	static const double a[] = { -3.969683028665376e+01, 2.209460984245205e+02,
	    -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01,
	    2.506628277459239e+00 };
	static const double b[] = { -5.447609879822406e+01, 1.615858368580409e+02,
	    -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01 };
	static const double c[] = { -7.784894002430293e-03, -3.223964580411365e-01,
	    -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00,
	    2.938163982698783e+00 };
	static const double d[] = { 7.784695709041462e-03, 3.224671290700398e-01,
	    2.445134137142996e+00, 3.754408661907416e+00 };
	double	 q, r, x, e, u;

	if (p <= 0.0)
		return -INFINITY;
	if (p >= 1.0)
		return INFINITY;
	if (p < 0.02425) {
		q = sqrt(-2.0 * log(p));
		x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
		    ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1.0);
	} else if (p <= 1.0 - 0.02425) {
		q = p - 0.5;
		r = q * q;
		x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
		    (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1.0);
	} else {
		q = sqrt(-2.0 * log(1.0 - p));
		x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
		    ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1.0);
	}
	/* one step of Halley's method */
	e = unc_norm_cdf(x) - p;
	u = e * sqrt(2.0 * M_PI) * exp(x * x / 2.0);
	return x - u / (1.0 + x * u / 2.0);
}

double
unc_quantile(const struct unc *u, double p)
{
	double	 span, fc, plo, phi;

	switch (u->kind) {
	case UNC_TRIANGULAR:
		span = u->c - u->a;
		if (span <= 0.0)
			return u->b;
		fc = (u->b - u->a) / span;
		if (p < fc)
			return u->a + sqrt(p * span * (u->b - u->a));
		return u->c - sqrt((1.0 - p) * span * (u->c - u->b));
	case UNC_UNIFORM:
		return u->a + p * (u->c - u->a);
	case UNC_NORMAL:
		if (u->b <= 0.0)
			return unc_central(u);
		/* truncated normal by inversion: map p into [F(lo), F(hi)] */
		plo = unc_norm_cdf((u->lo - u->a) / u->b);
		phi = unc_norm_cdf((u->hi - u->a) / u->b);
		return fmin(fmax(u->a + u->b * unc_norm_inv(plo + p * (phi - plo)),
		    u->lo), u->hi);
	case UNC_FIXED:
	default:
		return u->a;
	}
}
