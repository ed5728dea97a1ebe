/* The libconfig 1.5 guards: integer literals past 32 bits (which it wraps
 * silently), @include lines checked before it follows them (folder, loops,
 * depth, FIFOs), and strings that are not UTF-8 (which it passes through). */
#include <sys/stat.h>

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libconfig.h>

#include "common/cfg.h"
#include "common/cfg_internal.h"
#include "common/err.h"

#define MAX_INCLUDE_DEPTH 8

/*
 * libconfig 1.5 silently wraps integer literals past 32 bits (3000000000
 * reads as -1294967296). Find such literals in the text, outside strings and
 * comments, so that the settings holding them can be reported.
 */
void
cfg_scan_big_ints(struct cfg *cf, const char *s)
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

int
cfg_check_big_ints(const struct cfg *cf, const cfg_node *n, struct err *e)
{
	int	 i, k, line;

	if (config_setting_is_aggregate(n)) {
		for (i = 0; i < config_setting_length(n); i++)
			if (cfg_check_big_ints(cf, config_setting_get_elem(n, (unsigned)i), e) == -1)
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

const char *
cfg_include_name(const char *text, int line, char *buf, size_t n)
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


/*
 * Follow the @include lines of "text" (from "name", line by line) before
 * libconfig does: each must stay inside "root" (unless allowed), exist, and
 * not include itself again (a loop). libconfig resolves every include
 * relative to "dir", the top file's folder, and so does this.
 */
static int
check_includes(const char *text, const char *name, const char *dir,
    const char *root, unsigned flags, const char **chain, int depth,
    struct err *e)
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
		if (!(flags & CFG_INCLUDE_OUTSIDE) && (strncmp(real, root, strlen(root)) != 0 ||
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
		rc = check_includes(buf, path, dir, root, flags, chain, depth + 1, e);
		free(buf);
		if (rc == -1)
			return -1;
	}
	return 0;
}

int
cfg_includes_ok(const char *text, const char *name, const char *self,
    const char *dir, unsigned flags, struct err *e)
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
	return check_includes(text, name, dir, root, flags, chain, 1, e);
}

/* The length of the UTF-8 sequence at "s" (1 to 4), or 0 when it is not
 * one: overlong forms, surrogates and code points past U+10FFFF are not. */
static size_t
utf8_len(const unsigned char *s)
{
	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		return (s[1] & 0xc0) == 0x80 ? 2 : 0;
	if (s[0] >= 0xe0 && s[0] <= 0xef) {
		if ((s[1] & 0xc0) != 0x80 || (s[2] & 0xc0) != 0x80 ||
		    (s[0] == 0xe0 && s[1] < 0xa0) || (s[0] == 0xed && s[1] > 0x9f))
			return 0;
		return 3;
	}
	if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		if ((s[1] & 0xc0) != 0x80 || (s[2] & 0xc0) != 0x80 ||
		    (s[3] & 0xc0) != 0x80 || (s[0] == 0xf0 && s[1] < 0x90) ||
		    (s[0] == 0xf4 && s[1] > 0x8f))
			return 0;
		return 4;
	}
	return 0;
}

int
cfg_check_utf8(const struct cfg *cf, const cfg_node *n, struct err *e)
{
	const unsigned char *s, *p;
	size_t		 k;
	int		 i;

	if (config_setting_is_aggregate(n) || config_setting_is_group(n)) {
		for (i = 0; i < config_setting_length(n); i++)
			if (cfg_check_utf8(cf, config_setting_get_elem(n,
			    (unsigned)i), e) == -1)
				return -1;
		return 0;
	}
	if (config_setting_type(n) != CONFIG_TYPE_STRING)
		return 0;
	s = (const unsigned char *)config_setting_get_string(n);
	for (p = s; p != NULL && *p != '\0'; p += k)
		if ((k = utf8_len(p)) == 0)
			return cfg_fail(cf, n, e, "not valid UTF-8 text (byte 0x%02x "
			    "at offset %zu of the string); save the file as UTF-8",
			    *p, (size_t)(p - s));
	return 0;
}
