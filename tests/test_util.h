/* Helpers for the cmocka suites (cmocka 1.1.5 has no double assert). */
#ifndef TESTS_TEST_UTIL_H
#define TESTS_TEST_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <math.h>
#include <cmocka.h>

#define assert_close(a, x, tol) test_assert_close((a), (x), (tol), #a, __FILE__, __LINE__)

static inline void
test_assert_close(double a, double x, double tol, const char *expr,
    const char *file, int line)
{
	if (isfinite(a) && isfinite(x) && fabs(a - x) <= tol * fmax(fabs(a), fabs(x)))
		return;
	if (a == x)	/* both exactly zero */
		return;
	print_error("%s = %.17g, expected %.17g (rel_tol %g)\n", expr, a, x, tol);
	_fail(file, line);
}

#endif
