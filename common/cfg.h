/* libconfig behind one door: loading with file:line errors, numbers written
 * 5 or 5.0, uncertain numbers, and unknown settings rejected. */
#ifndef COMMON_CFG_H
#define COMMON_CFG_H

#include <stddef.h>

struct err;
struct unc;
struct config_setting_t;

struct cfg;					/* opaque: a parsed file */
typedef struct config_setting_t cfg_node;	/* a setting inside it */

/* Files larger than this are refused before parsing. */
#define CFG_MAX_BYTES	(16u * 1024u * 1024u)

/* Flags of the loaders. By default an @include may not leave the folder of
 * the file being loaded (a site file must not read /etc/passwd);
 * CFG_INCLUDE_OUTSIDE lifts that (--allow-include-outside). */
#define CFG_INCLUDE_OUTSIDE	0x1u

/* Parse "path"; @include is resolved relative to the including file's folder.
 * A UTF-8 BOM is skipped; directories, FIFOs, empty, huge and binary files are
 * refused, and so is a string setting that is not valid UTF-8 (at its
 * FILE:LINE). Returns NULL with "e" filled (ERR_CONFIG). cfg_load_file is
 * cfg_load_file_flags with no flags. */
struct cfg	*cfg_load_file(const char *path, struct err *e);
struct cfg	*cfg_load_file_flags(const char *path, unsigned flags,
		    struct err *e);

/* Parse "text"; "name" is used in messages; includes relative to "dir"
 * (may be NULL for the working directory). */
struct cfg	*cfg_load_string(const char *text, const char *name,
		    const char *dir, struct err *e);
struct cfg	*cfg_load_string_flags(const char *text, const char *name,
		    const char *dir, unsigned flags, struct err *e);
void		 cfg_free(struct cfg *);

const cfg_node	*cfg_root(const struct cfg *);
const char	*cfg_name(const struct cfg *);	/* path as given */

/* The line of a setting (0 for the root). */
int		 cfg_node_line(const cfg_node *);
/* Dotted path of a setting, e.g. "supply[1].unit_mw". */
void		 cfg_node_path(const cfg_node *, char *buf, size_t n);

const cfg_node	*cfg_member(const cfg_node *group, const char *name);
int		 cfg_count(const cfg_node *);		/* elements of a group/list/array */
const cfg_node	*cfg_elem(const cfg_node *, int i);
const char	*cfg_key(const cfg_node *);		/* NULL for list elements */
int		 cfg_is_group(const cfg_node *);
int		 cfg_is_aggregate(const cfg_node *);	/* list or array */
int		 cfg_is_string(const cfg_node *);
int		 cfg_is_number(const cfg_node *);
const char	*cfg_string(const cfg_node *);		/* NULL unless a string */

/* Fill "e" with "FILE:LINE: path: msg" for node "n" and return -1. */
int		 cfg_fail(const struct cfg *, const cfg_node *n, struct err *e,
		    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Reject any member of "group" not in the NULL-terminated list "known". */
int		 cfg_check_known(const struct cfg *, const cfg_node *group,
		    const char *const *known, struct err *e);

/* The number in "n" (int, int64 or float), finite and within [lo, hi]. */
int		 cfg_number(const struct cfg *, const cfg_node *n, double lo,
		    double hi, double *out, struct err *e);

/* Member "name" of "group": returns 1 found, 0 absent and optional, -1 error
 * (absent and required, wrong type, out of range). */
int		 cfg_get_number(const struct cfg *, const cfg_node *group,
		    const char *name, int required, double lo, double hi,
		    double *out, struct err *e);
int		 cfg_get_int(const struct cfg *, const cfg_node *group,
		    const char *name, int required, long lo, long hi, long *out,
		    struct err *e);
int		 cfg_get_bool(const struct cfg *, const cfg_node *group,
		    const char *name, int *out, struct err *e);
int		 cfg_get_string(const struct cfg *, const cfg_node *group,
		    const char *name, int required, const char **out,
		    struct err *e);

/* An uncertain number from node "n": a number, { min; mode; max },
 * { min; max } or { mean; sd }, every value within [lo, hi]. */
int		 cfg_unc(const struct cfg *, const cfg_node *n, double lo,
		    double hi, struct unc *out, struct err *e);
int		 cfg_get_unc(const struct cfg *, const cfg_node *group,
		    const char *name, int required, double lo, double hi,
		    struct unc *out, struct err *e);

#endif
