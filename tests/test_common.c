/* common/: libconfig helpers, uncertain numbers, errors. */
#include <stdio.h>
#include <string.h>

#include "common/cfg.h"
#include "common/err.h"
#include "common/rng.h"
#include "common/unc.h"
#include "tests/test_util.h"

static struct cfg *
parse(const char *text, struct err *e)
{
	err_clear(e);
	return cfg_load_string(text, "t.cfg", NULL, e);
}

static void
test_cfg_number_int_and_float(void **state)
{
	struct err	 e;
	struct cfg	*cf = parse("a = 5;\nb = 5.0;\nc = 3000000000L;\n", &e);
	double		 v;

	(void)state;
	assert_non_null(cf);
	assert_int_equal(cfg_get_number(cf, cfg_root(cf), "a", 1, 0, 10, &v, &e), 1);
	assert_close(v, 5.0, 0.0);
	assert_int_equal(cfg_get_number(cf, cfg_root(cf), "b", 1, 0, 10, &v, &e), 1);
	assert_close(v, 5.0, 0.0);
	/* an L-suffixed 64-bit integer is a number too */
	assert_int_equal(cfg_get_number(cf, cfg_root(cf), "c", 1, 0, 1e10, &v, &e), 1);
	assert_close(v, 3.0e9, 0.0);
	cfg_free(cf);
}

static void
test_cfg_number_out_of_range_names_line(void **state)
{
	struct err	 e;
	struct cfg	*cf = parse("a = 1;\npue = 0.9;\n", &e);
	double		 v;

	(void)state;
	assert_int_equal(cfg_get_number(cf, cfg_root(cf), "pue", 1, 1.0, 5.0, &v, &e), -1);
	assert_int_equal(e.code, ERR_CONFIG);
	assert_int_equal(e.line, 2);
	assert_string_equal(e.file, "t.cfg");
	assert_non_null(strstr(e.msg, "pue: out of range (got 0.9; expected 1 to 5)"));
	cfg_free(cf);
}

static void
test_cfg_int_overflow_caught(void **state)
{
	struct err	 e;
	struct cfg	*cf = parse("name = \"x\";\n# 9999999999 in a comment is fine\n"
	    "racks = 3000000000;\n", &e);

	(void)state;
	/* libconfig 1.5 would read -1294967296 */
	assert_null(cf);
	assert_int_equal(e.line, 3);
	assert_non_null(strstr(e.msg, "racks: integer 3000000000 does not fit"));
}

static void
test_cfg_mixed_array_hint(void **state)
{
	struct err	 e;
	struct cfg	*cf = parse("x = 1;\npue = [ 1.2, 1.25, 1 ];\n", &e);

	(void)state;
	assert_null(cf);
	assert_int_equal(e.line, 2);
	assert_non_null(strstr(e.msg, "write 1.0, not 1"));
}

static void
test_cfg_unknown_setting(void **state)
{
	static const char *const known[] = { "name", "pue", NULL };
	struct err	 e;
	struct cfg	*cf = parse("name = \"x\";\n\npeu = 1.2;\n", &e);

	(void)state;
	assert_int_equal(cfg_check_known(cf, cfg_root(cf), known, &e), -1);
	assert_int_equal(e.line, 3);
	assert_non_null(strstr(e.msg, "peu: unknown setting (expected one of: name, pue)"));
	cfg_free(cf);
}

static void
test_cfg_unc_forms(void **state)
{
	struct err	 e;
	struct cfg	*cf = parse("t = { min = 0.5; mode = 0.7; max = 0.9; };\n"
	    "u = { min = 1; max = 3; };\nn = { mean = 0.6; sd = 0.1; };\n"
	    "bad = { min = 0.9; max = 0.5; };\nsd0 = { mean = 1.0; sd = 0; };\n", &e);
	struct unc	 u;

	(void)state;
	assert_int_equal(cfg_get_unc(cf, cfg_root(cf), "t", 1, 0, 1, &u, &e), 1);
	assert_int_equal(u.kind, UNC_TRIANGULAR);
	assert_close(unc_central(&u), 0.7, 0.0);
	assert_int_equal(cfg_get_unc(cf, cfg_root(cf), "u", 1, 0, 10, &u, &e), 1);
	assert_close(unc_central(&u), 2.0, 0.0);		/* midpoint */
	assert_int_equal(cfg_get_unc(cf, cfg_root(cf), "n", 1, 0, 1, &u, &e), 1);
	assert_close(unc_central(&u), 0.6, 0.0);		/* mean */
	assert_int_equal(cfg_get_unc(cf, cfg_root(cf), "bad", 1, 0, 1, &u, &e), -1);
	assert_int_equal(e.line, 4);
	assert_non_null(strstr(e.msg, "bad: min must be below max"));
	assert_int_equal(cfg_get_unc(cf, cfg_root(cf), "sd0", 1, 0, 10, &u, &e), -1);
	assert_int_equal(e.line, 5);
	cfg_free(cf);
}

static void
test_unc_triangular_quantiles(void **state)
{
	/* triangular (1, 2, 4): F(2) = (2-1)/(4-1) = 1/3.
	 * p = 0.05 < 1/3: x = 1 + sqrt(0.05 * 3 * 1) = 1.3872983346
	 * p = 0.50 > 1/3: x = 4 - sqrt(0.5 * 3 * 2) = 2.2679491924
	 * p = 0.95:       x = 4 - sqrt(0.05 * 3 * 2) = 3.4522774424 */
	struct unc u = { UNC_TRIANGULAR, 1.0, 2.0, 4.0, 0.0, 10.0 };

	(void)state;
	assert_close(unc_quantile(&u, 0.05), 1.3872983346207417, 1e-12);
	assert_close(unc_quantile(&u, 0.50), 2.2679491924311228, 1e-12);
	assert_close(unc_quantile(&u, 0.95), 3.4522774424948339, 1e-12);
}

static void
test_unc_normal_inverse(void **state)
{
	(void)state;
	/* standard normal quantiles: z(0.975) = 1.959963984540054 */
	assert_close(unc_norm_inv(0.975), 1.959963984540054, 1e-12);
	assert_close(unc_norm_inv(0.05), -1.6448536269514722, 1e-12);
	assert_close(unc_norm_inv(1e-10), -6.3613409024040557, 1e-10);
}

static void
test_rng_is_a_function_of_the_counter(void **state)
{
	double	 a = rng_uniform(42, 7, 3), b = rng_uniform(42, 7, 3);

	(void)state;
	assert_same_double(a, b);		/* same (seed, id, k): same draw */
	assert_true(a > 0.0 && a < 1.0);
	assert_false(test_same_double(a, rng_uniform(43, 7, 3)));
	assert_false(test_same_double(a, rng_uniform(42, 8, 3)));
	assert_false(test_same_double(a, rng_uniform(42, 7, 4)));
}

static void
test_err_format(void **state)
{
	struct err	 e;
	char		 buf[200];

	(void)state;
	err_set(&e, ERR_CONFIG, "sites/a.cfg", 12, "pue must be >= 1 (got %g)", 0.9);
	err_format(&e, buf, sizeof(buf));
	assert_string_equal(buf, "sites/a.cfg:12: pue must be >= 1 (got 0.9)");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cfg_number_int_and_float),
		cmocka_unit_test(test_cfg_number_out_of_range_names_line),
		cmocka_unit_test(test_cfg_int_overflow_caught),
		cmocka_unit_test(test_cfg_mixed_array_hint),
		cmocka_unit_test(test_cfg_unknown_setting),
		cmocka_unit_test(test_cfg_unc_forms),
		cmocka_unit_test(test_unc_triangular_quantiles),
		cmocka_unit_test(test_unc_normal_inverse),
		cmocka_unit_test(test_rng_is_a_function_of_the_counter),
		cmocka_unit_test(test_err_format),
	};

	return cmocka_run_group_tests_name("common", tests, NULL, NULL);
}
