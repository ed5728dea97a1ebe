/* libFuzzer harness: the catalog loaders, from files as they are read.
 *
 * The first byte chooses the catalog (even: racks.cfg, odd: grids.cfg; the
 * seeds start with 'r' or 'g'); the rest is the file. racks.cfg goes
 * through est_racks_load(); grids.cfg is written into a scratch folder
 * beside copies of the real plants.cfg, health.cfg, easiur.cfg and
 * context.cfg and goes through emis_catalogs_load_dir() (grids load first,
 * so a bad grids file costs no more parsing; the link step then derives
 * each grid's missing rates from its mix). Going through files covers cfg_load_file()'s own
 * checks too (BOM, NUL bytes, empty files). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "emissions/emissions.h"
#include "estimator/estimator.h"
#include "fuzz/fuzz_util.c"	/* static helpers, included */

int	 LLVMFuzzerInitialize(int *, char ***);
int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static char	 dir[600];
static char	 racks_path[700];
static char	 grids_path[700];

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static const char *const keep[] = { "plants.cfg", "health.cfg",
	    "easiur.cfg", "context.cfg" };
	char	 root[1024], src[1200], dst[1200];
	size_t	 i;

	(void)argc;
	(void)argv;
	fuzz_root(root, sizeof(root));
	fuzz_scratch_dir(dir, sizeof(dir));
	for (i = 0; i < sizeof(keep) / sizeof(keep[0]); i++) {
		snprintf(src, sizeof(src), "%s/emissions/%s", root, keep[i]);
		snprintf(dst, sizeof(dst), "%s/%s", dir, keep[i]);
		fuzz_copy_file(src, dst);
	}
	snprintf(racks_path, sizeof(racks_path), "%s/racks.cfg", dir);
	snprintf(grids_path, sizeof(grids_path), "%s/grids.cfg", dir);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct err	 e;

	if (fuzz_skip_include(data, size))
		return 0;
	if (size < 1)
		return 0;
	err_clear(&e);
	if ((data[0] & 1) == 0) {
		struct est_racks	 cat;

		fuzz_write_file(racks_path, data + 1, size - 1);
		if (est_racks_load(racks_path, &cat, &e) == 0) {
			size_t	 i;

			/* every entry must be findable by its own id */
			for (i = 0; i < cat.nracks; i++)
				if (est_racks_find(&cat, cat.racks[i].id) !=
				    &cat.racks[i])
					fuzz_die("est_racks_find: duplicate id");
			est_racks_free(&cat);
		} else if (e.code == ERR_OK || e.msg[0] == '\0') {
			fuzz_die("est_racks_load failed without a message");
		}
		est_racks_free(&cat);	/* must be safe twice */
	} else {
		struct emis_catalogs	 cats;

		fuzz_write_file(grids_path, data + 1, size - 1);
		if (emis_catalogs_load_dir(&cats, dir, &e) == 0) {
			size_t	 i;

			for (i = 0; i < cats.ngrids; i++)
				if (emis_grid_find(&cats, cats.grids[i].id) !=
				    &cats.grids[i])
					fuzz_die("emis_grid_find: duplicate id");
			emis_catalogs_free(&cats);
		} else if (e.code == ERR_OK || e.msg[0] == '\0') {
			fuzz_die("emis_catalogs_load_dir failed without a "
			    "message");
		}
		emis_catalogs_free(&cats);
	}
	return 0;
}
