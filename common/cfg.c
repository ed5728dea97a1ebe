#include <sys/stat.h>

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libconfig.h>

#include "common/cfg.h"
#include "common/err.h"
#include "common/unc.h"

#define MAX_BIG_INTS	16
#define MAX_INCLUDE_DEPTH 8

static int include_outside_ok;

void
cfg_allow_include_outside(int allow)
{
	include_outside_ok = allow;
}

struct cfg {
	config_t	 c;
	char		 name[512];	/* the path or name as given */
	char		 dir[512];	/* folder of "name": includes resolve here */
	int		 big_lines[MAX_BIG_INTS];	/* lines with 32-bit overflow */
	int		 big_wrapped[MAX_BIG_INTS];	/* what libconfig read */
	char		 big_text[MAX_BIG_INTS][32];
	int		 nbig;
};

static void
dir_of(const char *path, char *dir, size_t n)
{
	const char	*slash = strrchr(path, '/');

	if (slash == NULL)
		snprintf(dir, n, ".");
	else if (slash == path)
		snprintf(dir, n, "/");
	else
		snprintf(dir, n, "%.*s", (int)(slash - path), path);
}

static int
count_lines(const char *text)
{
	int	 n = 1;

	for (; *text != '\0'; text++)
		if (*text == '\n' && text[1] != '\0')
			n++;
	return n;
}

/*
 * libconfig 1.5 silently wraps integer literals past 32 bits (3000000000
 * reads as -1294967296). Find such literals in the text, outside strings and
 * comments, so that the settings holding them can be reported.
 */
static void
scan_big_ints(struct cfg *cf, const char *s)
{
	int	 line = 1;
	size_t	 i, j;

	for (i = 0; s[i] != '\0'; i++) {
		if (s[i] == '\n') {
			line++;
		} else if (s[i] == '"') {
			for (i++; s[i] != '\0' && s[i] != '"'; i++) {
				if (s[i] == '\\' && s[i + 1] != '\0')
					i++;
				else if (s[i] == '\n')
					line++;
			}
			if (s[i] == '\0')
				return;
		} else if (s[i] == '#' || (s[i] == '/' && s[i + 1] == '/')) {
			while (s[i + 1] != '\0' && s[i + 1] != '\n')
				i++;
		} else if (s[i] == '/' && s[i + 1] == '*') {
			for (i += 2; s[i] != '\0' && !(s[i] == '*' && s[i + 1] == '/'); i++)
				if (s[i] == '\n')
					line++;
			if (s[i] == '\0')
				return;
			i++;
		} else if ((s[i] >= '0' && s[i] <= '9') &&
		    (i == 0 || !(s[i - 1] == '_' || s[i - 1] == '.' ||
		    (s[i - 1] >= 'a' && s[i - 1] <= 'z') ||
		    (s[i - 1] >= 'A' && s[i - 1] <= 'Z') ||
		    (s[i - 1] >= '0' && s[i - 1] <= '9')))) {
			int	 hex = s[i] == '0' && (s[i + 1] == 'x' || s[i + 1] == 'X');
			int	 big;

			j = hex ? i + 2 : i;
			while ((s[j] >= '0' && s[j] <= '9') || (hex &&
			    ((s[j] >= 'a' && s[j] <= 'f') || (s[j] >= 'A' && s[j] <= 'F'))))
				j++;
			if (!hex && (s[j] == '.' || s[j] == 'e' || s[j] == 'E')) {
				i = j;		/* a float: skip its digits */
				while (s[i + 1] != '\0' && strchr("0123456789eE+-.", s[i + 1]))
					i++;
				continue;
			}
			if (s[j] == 'L') {
				i = j;
				continue;
			}
			if (hex) {
				const char *p = s + i + 2;

				while (*p == '0' && p + 1 < s + j)
					p++;
				big = (s + j) - p > 8 || ((s + j) - p == 8 && *p >= '8');
			} else {
				const char *p = s + i;
				size_t	 len;

				while (*p == '0' && p + 1 < s + j)
					p++;
				len = (size_t)((s + j) - p);
				big = len > 10 || (len == 10 && strncmp(p, "2147483647", 10) > 0);
			}
			if (big && cf->nbig < MAX_BIG_INTS) {
				int	 neg = i > 0 && s[i - 1] == '-';
				unsigned long long u = strtoull(s + i, NULL, hex ? 16 : 10);

				/* the value libconfig keeps: the low 32 bits */
				cf->big_wrapped[cf->nbig] = (int)(unsigned)
				    ((neg ? 0ULL - u : u) & 0xffffffffULL);
				cf->big_lines[cf->nbig] = line;
				snprintf(cf->big_text[cf->nbig], sizeof(cf->big_text[0]),
				    "%s%.*s%s", neg ? "-" : "", (int)(j - i > 24 ? 24 : j - i),
				    s + i, j - i > 24 ? "..." : "");
				cf->nbig++;
			}
			i = j - 1;
		}
	}
}

/* Report the first setting that holds an overflowed integer literal. */
static int
check_big_ints(const struct cfg *cf, const cfg_node *n, struct err *e)
{
	int	 i, k, line;

	if (config_setting_is_aggregate(n)) {
		for (i = 0; i < config_setting_length(n); i++)
			if (check_big_ints(cf, config_setting_get_elem(n, (unsigned)i), e) == -1)
				return -1;
		return 0;
	}
	if (config_setting_type(n) != CONFIG_TYPE_INT)
		return 0;
	line = (int)config_setting_source_line(n);
	for (k = 0; k < cf->nbig; k++)
		if (cf->big_lines[k] == line &&
		    config_setting_get_int(n) == cf->big_wrapped[k])
			return cfg_fail(cf, n, e, "integer %s does not fit in 32 bits "
			    "(got %s; expected -2147483648 to 2147483647: write it as a "
			    "decimal float such as 3.0e9, or with an L suffix)",
			    cf->big_text[k], cf->big_text[k]);
	return 0;
}

/* The quoted name on line "line" of "text" (an @include), for messages. */
static const char *
include_name(const char *text, int line, char *buf, size_t n)
{
	const char	*p = text, *q;

	for (; line > 1 && p != NULL; line--)
		if ((p = strchr(p, '\n')) != NULL)
			p++;
	snprintf(buf, n, "(unnamed)");
	if (p == NULL || (p = strstr(p, "@include")) == NULL ||
	    (p = strchr(p, '"')) == NULL || (q = strchr(p + 1, '"')) == NULL)
		return buf;
	snprintf(buf, n, "\"%.*s\"", (int)(q - p - 1), p + 1);
	return buf;
}

static struct cfg *
parse(const char *text, const char *name, const char *dir, struct err *e)
{
	struct cfg	*cf;
	const char	*efile, *etext;
	char		 where[600], inc[300];
	int		 eline, nlines;

	if ((cf = calloc(1, sizeof(*cf))) == NULL) {
		err_set(e, ERR_NOMEM, name, 0, "out of memory");
		return NULL;
	}
	snprintf(cf->name, sizeof(cf->name), "%s", name);
	snprintf(cf->dir, sizeof(cf->dir), "%s", dir != NULL ? dir : ".");
	config_init(&cf->c);
	config_set_include_dir(&cf->c, cf->dir);
	if (config_read_string(&cf->c, text) != CONFIG_TRUE) {
		efile = config_error_file(&cf->c);
		etext = config_error_text(&cf->c);
		eline = config_error_line(&cf->c);
		if (efile == NULL) {
			snprintf(where, sizeof(where), "%s", name);
			/* the scanner may stop past the last line (unterminated string) */
			nlines = count_lines(text);
			if (eline > nlines)
				eline = nlines;
		} else if (efile[0] == '/') {
			snprintf(where, sizeof(where), "%s", efile);
		} else {
			snprintf(where, sizeof(where), "%s/%s", cf->dir, efile);
		}
		if (eline < 1)
			eline = 1;
		if (etext != NULL && strstr(etext, "cannot open include") != NULL &&
		    efile == NULL)
			err_set(e, ERR_CONFIG, where, eline, "cannot open include file "
			    "%s (includes are read relative to %s/)",
			    include_name(text, eline, inc, sizeof(inc)), cf->dir);
		else if (etext != NULL && strstr(etext, "mismatched element type") != NULL)
			err_set(e, ERR_CONFIG, where, eline, "%s (an array [ ] must "
			    "hold one type: write 1.0, not 1, among floats, or use a "
			    "list ( ) instead)", etext);
		else
			err_set(e, ERR_CONFIG, where, eline, "%s", etext != NULL ?
			    etext : "syntax error");
		cfg_free(cf);
		return NULL;
	}
	scan_big_ints(cf, text);
	if (cf->nbig > 0 && check_big_ints(cf, config_root_setting(&cf->c), e) == -1) {
		cfg_free(cf);
		return NULL;
	}
	return cf;
}

/*
 * Follow the @include lines of "text" (from "name", line by line) before
 * libconfig does: each must stay inside "root" (unless allowed), exist, and
 * not include itself again (a loop). libconfig resolves every include
 * relative to "dir", the top file's folder, and so does this.
 */
static int
check_includes(const char *text, const char *name, const char *dir,
    const char *root, const char **chain, int depth, struct err *e)
{
	const char	*p = text, *q, *r;
	char		 inc[1024], path[1100], real[4096];
	struct stat	 st;
	FILE		*fp;
	char		*buf;
	long		 size;
	int		 line = 1, i, rc;

	/* libconfig 1.5's scanner: ^[ \t]*@include[ \t]+\"name\" */
	for (; *p != '\0'; p++) {
		if (p != text) {
			if (p[-1] != '\n')
				continue;
			line++;
		}
		for (q = p; *q == ' ' || *q == '\t'; q++)
			;
		if (strncmp(q, "@include", 8) != 0 || (q[8] != ' ' && q[8] != '\t'))
			continue;
		for (q += 8; *q == ' ' || *q == '\t'; q++)
			;
		if (*q != '"')
			continue;	/* libconfig reports the syntax */
		for (r = q + 1; *r != '\0' && *r != '"' && *r != '\n'; r++)
			if (*r == '\\')
				return err_set(e, ERR_CONFIG, name, line, "include "
				    "names may not contain a backslash");
		if (*r != '"')
			continue;
		snprintf(inc, sizeof(inc), "%.*s", (int)(r - q - 1), q + 1);
		if (inc[0] == '/')
			snprintf(path, sizeof(path), "%s", inc);
		else
			snprintf(path, sizeof(path), "%s/%s", dir, inc);
		if (realpath(path, real) == NULL)
			return err_set(e, ERR_CONFIG, name, line, "cannot open include "
			    "file \"%s\" (includes are read relative to %s/): %s",
			    inc, dir, strerror(errno));
		if (!include_outside_ok && (strncmp(real, root, strlen(root)) != 0 ||
		    (real[strlen(root)] != '/' && strcmp(root, "/") != 0)))
			return err_set(e, ERR_CONFIG, name, line, "include \"%s\" is "
			    "outside the folder of the site file (%s/); refused unless "
			    "--allow-include-outside", inc, dir);
		for (i = 0; i < depth; i++)
			if (strcmp(chain[i], real) == 0)
				return err_set(e, ERR_CONFIG, name, line, "include loop: "
				    "\"%s\" includes itself", inc);
		if (depth + 1 >= MAX_INCLUDE_DEPTH)
			return err_set(e, ERR_CONFIG, name, line, "includes nested "
			    "deeper than %d", MAX_INCLUDE_DEPTH);
		/* a directory, FIFO or device: libconfig would block or abort */
		if (stat(real, &st) == -1 || !S_ISREG(st.st_mode))
			return err_set(e, ERR_CONFIG, name, line, "include \"%s\" is "
			    "not a regular file", inc);
		if ((fp = fopen(real, "rb")) == NULL)
			return err_set(e, ERR_CONFIG, name, line, "cannot open include "
			    "file \"%s\": %s", inc, strerror(errno));
		if (fseek(fp, 0, SEEK_END) != 0 || (size = ftell(fp)) < 0 ||
		    size > (long)CFG_MAX_BYTES || fseek(fp, 0, SEEK_SET) != 0 ||
		    (buf = malloc((size_t)size + 1)) == NULL) {
			fclose(fp);
			return err_set(e, ERR_CONFIG, name, line, "include \"%s\": "
			    "not a readable file of at most %u bytes", inc, CFG_MAX_BYTES);
		}
		buf[fread(buf, 1, (size_t)size, fp)] = '\0';
		fclose(fp);
		chain[depth] = real;
		rc = check_includes(buf, path, dir, root, chain, depth + 1, e);
		free(buf);
		if (rc == -1)
			return -1;
	}
	return 0;
}

/* The include checks for "text" from file "self" (NULL for a string)
 * whose includes resolve in "dir". */
static int
includes_ok(const char *text, const char *name, const char *self,
    const char *dir, struct err *e)
{
	char		 root[4096], real_self[4096];
	const char	*chain[MAX_INCLUDE_DEPTH];

	if (strstr(text, "@include") == NULL)
		return 0;
	if (realpath(dir, root) == NULL ||
	    (self != NULL && realpath(self, real_self) == NULL))
		return err_set(e, ERR_CONFIG, name, 0, "cannot resolve: %s",
		    strerror(errno));
	chain[0] = self != NULL ? real_self : "";
	return check_includes(text, name, dir, root, chain, 1, e);
}

struct cfg *
cfg_load_string(const char *text, const char *name, const char *dir,
    struct err *e)
{
	if (includes_ok(text, name, NULL, dir != NULL ? dir : ".", e) == -1)
		return NULL;
	return parse(text, name, dir, e);
}

struct cfg *
cfg_load_file(const char *path, struct err *e)
{
	struct stat	 st;
	struct cfg	*cf = NULL;
	FILE		*fp = NULL;
	char		*buf = NULL, dir[512];
	const char	*text;
	size_t		 n;

	if (stat(path, &st) == -1) {
		err_set(e, ERR_CONFIG, path, 0, "cannot open: %s", strerror(errno));
		return NULL;
	}
	if (S_ISDIR(st.st_mode)) {
		err_set(e, ERR_CONFIG, path, 0, "is a directory, not a file");
		return NULL;
	}
	if (!S_ISREG(st.st_mode)) {
		err_set(e, ERR_CONFIG, path, 0, "not a regular file (a FIFO, "
		    "socket or device); give a file");
		return NULL;
	}
	if ((unsigned long long)st.st_size > CFG_MAX_BYTES) {
		err_set(e, ERR_CONFIG, path, 0, "file too large (got %lld bytes; "
		    "expected at most %u)", (long long)st.st_size, CFG_MAX_BYTES);
		return NULL;
	}
	if ((fp = fopen(path, "rb")) == NULL) {
		err_set(e, ERR_CONFIG, path, 0, "cannot open: %s", strerror(errno));
		return NULL;
	}
	if ((buf = malloc((size_t)st.st_size + 1)) == NULL) {
		err_set(e, ERR_NOMEM, path, 0, "out of memory");
		goto out;
	}
	n = fread(buf, 1, (size_t)st.st_size, fp);
	if (ferror(fp)) {
		err_set(e, ERR_CONFIG, path, 0, "read error: %s", strerror(errno));
		goto out;
	}
	buf[n] = '\0';
	text = buf;
	/* accept a UTF-8 byte-order mark, which libconfig 1.5 calls a syntax error */
	if (n >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		text += 3;
	if (memchr(text, '\0', n - (size_t)(text - buf)) != NULL) {
		err_set(e, ERR_CONFIG, path, 1, "binary data (a NUL byte at offset "
		    "%zu); expected a text file", (size_t)((char *)memchr(text, '\0',
		    n) - buf));
		goto out;
	}
	if (strspn(text, " \t\r\n") == strlen(text)) {
		err_set(e, ERR_CONFIG, path, 1, "empty file; expected settings "
		    "such as name = \"...\";");
		goto out;
	}
	dir_of(path, dir, sizeof(dir));
	if (includes_ok(text, path, path, dir, e) == -1)
		goto out;
	cf = parse(text, path, dir, e);
out:
	free(buf);
	fclose(fp);
	return cf;
}

void
cfg_free(struct cfg *cf)
{
	if (cf == NULL)
		return;
	config_destroy(&cf->c);
	free(cf);
}

const cfg_node *
cfg_root(const struct cfg *cf)
{
	return config_root_setting(&cf->c);
}

const char *
cfg_name(const struct cfg *cf)
{
	return cf->name;
}

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
