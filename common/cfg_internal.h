/* Inside common/cfg_*.c: the parsed file and what the three parts share. */
#ifndef COMMON_CFG_INTERNAL_H
#define COMMON_CFG_INTERNAL_H

#include <libconfig.h>

#define MAX_BIG_INTS	16

struct cfg {
	config_t	 c;
	char		 name[512];	/* the path or name as given */
	char		 dir[512];	/* folder of "name": includes resolve here */
	int		 big_lines[MAX_BIG_INTS];	/* lines with 32-bit overflow */
	int		 big_wrapped[MAX_BIG_INTS];	/* what libconfig read */
	char		 big_text[MAX_BIG_INTS][32];
	int		 nbig;
};

/* cfg_guard.c */
/* Record in "cf" the integer literals of "s" that libconfig wraps. */
void		 cfg_scan_big_ints(struct cfg *cf, const char *s);
/* Report the first setting under "n" holding a wrapped literal. */
int		 cfg_check_big_ints(const struct cfg *, const cfg_node *n,
		    struct err *e);
/* The quoted name on line "line" of "text" (an @include), for messages. */
const char	*cfg_include_name(const char *text, int line, char *buf, size_t n);
/* The @include checks for "text" from file "self" (NULL for a string)
 * whose includes resolve in "dir"; "flags" as in cfg_load_file_flags. */
int		 cfg_includes_ok(const char *text, const char *name,
		    const char *self, const char *dir, unsigned flags,
		    struct err *e);
/* Report the first string setting under "n" that is not valid UTF-8. */
int		 cfg_check_utf8(const struct cfg *, const cfg_node *n,
		    struct err *e);

#endif
