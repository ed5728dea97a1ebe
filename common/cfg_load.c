/* Loading a libconfig file or string into a struct cfg: size, type and
 * encoding checks on the file, then the guards (cfg_guard.c), then libconfig. */
#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libconfig.h>

#include "common/cfg.h"
#include "common/cfg_internal.h"
#include "common/err.h"

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
			    cfg_include_name(text, eline, inc, sizeof(inc)), cf->dir);
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
	cfg_scan_big_ints(cf, text);
	if ((cf->nbig > 0 && cfg_check_big_ints(cf, config_root_setting(&cf->c),
	    e) == -1) || cfg_check_utf8(cf, config_root_setting(&cf->c), e) == -1) {
		cfg_free(cf);
		return NULL;
	}
	return cf;
}

struct cfg *
cfg_load_string(const char *text, const char *name, const char *dir,
    struct err *e)
{
	return cfg_load_string_flags(text, name, dir, 0, e);
}

struct cfg *
cfg_load_string_flags(const char *text, const char *name, const char *dir,
    unsigned flags, struct err *e)
{
	if (cfg_includes_ok(text, name, NULL, dir != NULL ? dir : ".", flags,
	    e) == -1)
		return NULL;
	return parse(text, name, dir, e);
}

struct cfg *
cfg_load_file(const char *path, struct err *e)
{
	return cfg_load_file_flags(path, 0, e);
}

struct cfg *
cfg_load_file_flags(const char *path, unsigned flags, struct err *e)
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
	if (cfg_includes_ok(text, path, path, dir, flags, e) == -1)
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
