/* Typed getters over a parsed file: numbers written 5 or 5.0, uncertain
 * numbers, strings, unknown settings rejected, errors at FILE:LINE. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <libconfig.h>

#include "common/cfg.h"
#include "common/cfg_internal.h"
#include "common/err.h"
#include "common/unc.h"

static void
node_file(const struct cfg *cf, const cfg_node *n, char *buf, size_t sz)
{
	const char	*src = config_setting_source_file(n);

	if (src == NULL || strcmp(src, cf->name) == 0)
		snprintf(buf, sz, "%s", cf->name);
	else if (src[0] == '/')
		snprintf(buf, sz, "%s", src);
	else
		snprintf(buf, sz, "%s/%s", cf->dir, src);
}

int
cfg_node_line(const cfg_node *n)
{
	return (int)config_setting_source_line(n);
}

void
cfg_node_path(const cfg_node *n, char *buf, size_t sz)
{
	const cfg_node	*chain[32];
	int		 depth = 0, i;
	size_t		 len = 0;

	buf[0] = '\0';
	for (; n != NULL && config_setting_parent(n) != NULL && depth < 32;
	    n = config_setting_parent(n))
		chain[depth++] = n;
	for (i = depth - 1; i >= 0 && len < sz; i--) {
		const char *name = config_setting_name(chain[i]);

		if (name != NULL)
			len += (size_t)snprintf(buf + len, sz - len, "%s%s",
			    len > 0 ? "." : "", name);
		else
			len += (size_t)snprintf(buf + len, sz - len, "[%d]",
			    config_setting_index(chain[i]));
	}
}

int
cfg_fail(const struct cfg *cf, const cfg_node *n, struct err *e,
    const char *fmt, ...)
{
	char	 file[600], path[200], msg[400];
	int	 line;
	va_list	 ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	node_file(cf, n, file, sizeof(file));
	cfg_node_path(n, path, sizeof(path));
	line = cfg_node_line(n);
	if (line < 1)
		line = 1;	/* the root: point at the file's start */
	if (path[0] == '\0')
		return err_set(e, ERR_CONFIG, file, line, "%s", msg);
	return err_set(e, ERR_CONFIG, file, line, "%s: %s", path, msg);
}

/* Report "name" missing from "group", at the group's line. */
static int
fail_missing(const struct cfg *cf, const cfg_node *group, const char *name,
    struct err *e)
{
	char	 file[600], path[200];
	int	 line = cfg_node_line(group);

	node_file(cf, group, file, sizeof(file));
	cfg_node_path(group, path, sizeof(path));
	return err_set(e, ERR_CONFIG, file, line < 1 ? 1 : line,
	    "%s%s%s: missing required setting", path, path[0] ? "." : "", name);
}

const cfg_node *
cfg_member(const cfg_node *group, const char *name)
{
	if (group == NULL || !config_setting_is_group(group))
		return NULL;
	return config_setting_get_member(group, name);
}

int
cfg_count(const cfg_node *n)
{
	return n == NULL ? 0 : config_setting_length(n);
}

const cfg_node *
cfg_elem(const cfg_node *n, int i)
{
	return config_setting_get_elem(n, (unsigned)i);
}

const char *
cfg_key(const cfg_node *n)
{
	return config_setting_name(n);
}

int
cfg_is_group(const cfg_node *n)
{
	return n != NULL && config_setting_is_group(n);
}

int
cfg_is_aggregate(const cfg_node *n)
{
	return n != NULL && (config_setting_is_list(n) || config_setting_is_array(n));
}

int
cfg_is_string(const cfg_node *n)
{
	return n != NULL && config_setting_type(n) == CONFIG_TYPE_STRING;
}

int
cfg_is_number(const cfg_node *n)
{
	return n != NULL && config_setting_is_number(n);
}

const char *
cfg_string(const cfg_node *n)
{
	return cfg_is_string(n) ? config_setting_get_string(n) : NULL;
}

int
cfg_check_known(const struct cfg *cf, const cfg_node *group,
    const char *const *known, struct err *e)
{
	const char *const *k;
	char		 list[300];
	size_t		 len;
	int		 i;

	for (i = 0; i < cfg_count(group); i++) {
		const cfg_node	*m = cfg_elem(group, i);
		const char	*name = cfg_key(m);

		for (k = known; *k != NULL; k++)
			if (name != NULL && strcmp(*k, name) == 0)
				break;
		if (*k != NULL)
			continue;
		list[0] = '\0';
		for (k = known, len = 0; *k != NULL && len < sizeof(list); k++)
			len += (size_t)snprintf(list + len, sizeof(list) - len,
			    "%s%s", k == known ? "" : ", ", *k);
		return cfg_fail(cf, m, e, "unknown setting (expected one of: %s)", list);
	}
	return 0;
}

static const char *
type_name(const cfg_node *n)
{
	switch (config_setting_type(n)) {
	case CONFIG_TYPE_GROUP:
		return "a group { }";
	case CONFIG_TYPE_INT:
	case CONFIG_TYPE_INT64:
		return "an integer";
	case CONFIG_TYPE_FLOAT:
		return "a number";
	case CONFIG_TYPE_STRING:
		return "a string";
	case CONFIG_TYPE_BOOL:
		return "a boolean";
	case CONFIG_TYPE_ARRAY:
		return "an array [ ]";
	case CONFIG_TYPE_LIST:
		return "a list ( )";
	default:
		return "something else";
	}
}

static void
range_text(double lo, double hi, char *buf, size_t n)
{
	if (isinf(hi) && isinf(lo))
		snprintf(buf, n, "a finite number");
	else if (isinf(hi))
		snprintf(buf, n, "at least %g", lo);
	else if (isinf(lo))
		snprintf(buf, n, "at most %g", hi);
	else
		snprintf(buf, n, "%g to %g", lo, hi);
}

int
cfg_number(const struct cfg *cf, const cfg_node *n, double lo, double hi,
    double *out, struct err *e)
{
	double	 v;
	char	 range[80];

	switch (config_setting_type(n)) {
	case CONFIG_TYPE_INT:
		v = config_setting_get_int(n);
		break;
	case CONFIG_TYPE_INT64:
		v = (double)config_setting_get_int64(n);
		break;
	case CONFIG_TYPE_FLOAT:
		v = config_setting_get_float(n);
		break;
	default:
		return cfg_fail(cf, n, e, "expected a number (got %s)", type_name(n));
	}
	if (!isfinite(v) || v < lo || v > hi) {
		range_text(lo, hi, range, sizeof(range));
		return cfg_fail(cf, n, e, "%s (got %g; expected %s)", isfinite(v) ?
		    "out of range" : "not a finite number", v, range);
	}
	*out = v + 0.0;		/* turn -0 into 0 */
	return 0;
}

int
cfg_get_number(const struct cfg *cf, const cfg_node *group, const char *name,
    int required, double lo, double hi, double *out, struct err *e)
{
	const cfg_node	*n = cfg_member(group, name);

	if (n == NULL)
		return required ? fail_missing(cf, group, name, e) : 0;
	return cfg_number(cf, n, lo, hi, out, e) == -1 ? -1 : 1;
}

int
cfg_get_int(const struct cfg *cf, const cfg_node *group, const char *name,
    int required, long lo, long hi, long *out, struct err *e)
{
	const cfg_node	*n = cfg_member(group, name);
	long long	 v;

	if (n == NULL)
		return required ? fail_missing(cf, group, name, e) : 0;
	if (config_setting_type(n) == CONFIG_TYPE_INT)
		v = config_setting_get_int(n);
	else if (config_setting_type(n) == CONFIG_TYPE_INT64)
		v = config_setting_get_int64(n);
	else
		return cfg_fail(cf, n, e, "expected an integer (got %s)", type_name(n));
	if (v < lo || v > hi)
		return cfg_fail(cf, n, e, "out of range (got %lld; expected %ld "
		    "to %ld)", v, lo, hi);
	*out = (long)v;
	return 1;
}

/* Optional boolean member: 1 found, 0 absent, -1 not a boolean. */
int
cfg_get_bool(const struct cfg *cf, const cfg_node *group, const char *name,
    int *out, struct err *e)
{
	const cfg_node	*n = cfg_member(group, name);

	if (n == NULL)
		return 0;
	if (config_setting_type(n) != CONFIG_TYPE_BOOL)
		return cfg_fail(cf, n, e, "expected true or false (got %s)",
		    type_name(n));
	*out = config_setting_get_bool(n);
	return 1;
}

int
cfg_get_string(const struct cfg *cf, const cfg_node *group, const char *name,
    int required, const char **out, struct err *e)
{
	const cfg_node	*n = cfg_member(group, name);

	if (n == NULL)
		return required ? fail_missing(cf, group, name, e) : 0;
	if (config_setting_type(n) != CONFIG_TYPE_STRING)
		return cfg_fail(cf, n, e, "expected a string in double quotes "
		    "(got %s)", type_name(n));
	*out = config_setting_get_string(n);
	return 1;
}

int
cfg_unc(const struct cfg *cf, const cfg_node *n, double lo, double hi,
    struct unc *out, struct err *e)
{
	static const char *const known[] = { "min", "mode", "max", "mean", "sd", NULL };
	const cfg_node	*mn, *md, *mx, *me, *sd;
	double		 v;

	if (!config_setting_is_group(n)) {
		if (cfg_number(cf, n, lo, hi, &v, e) == -1)
			return -1;
		*out = unc_fixed(v);
		out->lo = lo;
		out->hi = hi;
		return 0;
	}
	if (cfg_check_known(cf, n, known, e) == -1)
		return -1;
	mn = cfg_member(n, "min");
	md = cfg_member(n, "mode");
	mx = cfg_member(n, "max");
	me = cfg_member(n, "mean");
	sd = cfg_member(n, "sd");
	memset(out, 0, sizeof(*out));
	out->lo = lo;
	out->hi = hi;
	if (me != NULL || sd != NULL) {
		if (me == NULL || sd == NULL || mn != NULL || md != NULL || mx != NULL)
			return cfg_fail(cf, n, e, "a normal uncertain number takes "
			    "exactly mean and sd (got %d settings)", cfg_count(n));
		out->kind = UNC_NORMAL;
		if (cfg_number(cf, me, lo, hi, &out->a, e) == -1 ||
		    cfg_number(cf, sd, 0.0, INFINITY, &out->b, e) == -1)
			return -1;
		if (!(out->b > 0.0))
			return cfg_fail(cf, sd, e, "must be positive (got %g)", out->b);
		out->c = out->a;
		return 0;
	}
	if (mn == NULL || mx == NULL)
		return cfg_fail(cf, n, e, "an uncertain number is { min; mode; max }, "
		    "{ min; max } or { mean; sd } (min or max missing)");
	if (cfg_number(cf, mn, lo, hi, &out->a, e) == -1 ||
	    cfg_number(cf, mx, lo, hi, &out->c, e) == -1)
		return -1;
	if (!(out->a < out->c))
		return cfg_fail(cf, n, e, "min must be below max (got min %g, "
		    "max %g)", out->a, out->c);
	if (md != NULL) {
		out->kind = UNC_TRIANGULAR;
		if (cfg_number(cf, md, lo, hi, &out->b, e) == -1)
			return -1;
		if (out->b < out->a || out->b > out->c)
			return cfg_fail(cf, md, e, "mode must lie between min and max "
			    "(got min %g, mode %g, max %g)", out->a, out->b, out->c);
	} else {
		out->kind = UNC_UNIFORM;
		out->b = 0.5 * (out->a + out->c);
	}
	return 0;
}

int
cfg_get_unc(const struct cfg *cf, const cfg_node *group, const char *name,
    int required, double lo, double hi, struct unc *out, struct err *e)
{
	const cfg_node	*n = cfg_member(group, name);

	if (n == NULL)
		return required ? fail_missing(cf, group, name, e) : 0;
	return cfg_unc(cf, n, lo, hi, out, e) == -1 ? -1 : 1;
}
