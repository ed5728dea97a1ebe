/* Helpers for the cmocka suites (cmocka 1.1.5 has no double assert). */
#ifndef TESTS_TEST_UTIL_H
#define TESTS_TEST_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <math.h>
#include <string.h>
#include <cmocka.h>

/* The same double, bit for bit (-Wfloat-equal: what == would say, and
 * stricter on -0 and NaN). */
#define assert_same_double(a, b) assert_true(test_same_double((a), (b)))

static inline int
test_same_double(double a, double b)
{
	return memcmp(&a, &b, sizeof(a)) == 0;
}

#define assert_close(a, x, tol) test_assert_close((a), (x), (tol), #a, __FILE__, __LINE__)

static inline void
test_assert_close(double a, double x, double tol, const char *expr,
    const char *file, int line)
{
	if (isfinite(a) && isfinite(x) && fabs(a - x) <= tol * fmax(fabs(a), fabs(x)))
		return;
	if (!islessgreater(a, x) && !isunordered(a, x))	/* both exactly zero */
		return;
	print_error("%s = %.17g, expected %.17g (rel_tol %g)\n", expr, a, x, tol);
	_fail(file, line);
}

#endif
