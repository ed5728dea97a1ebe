/* libFuzzer harness: sweep_load_file() (sites/sweep.h) on arbitrary bytes.
 *
 * sweep_load_file() reads a path and the site files it names, relative to
 * its folder, so the input is written to <scratch>/sweeps/sweep.cfg beside
 * copies of the bundled sites (in <scratch>/, as "../hyperion.cfg" finds
 * them) and of the .cfg files of tests/data/good (in <scratch>/sweeps/good/). A sweep
 * that loads must report a grid size equal to the product of its value
 * counts (no silent wrap of the 64-bit count). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "common/err.h"
#include "fuzz/fuzz_util.c"	/* static helpers, included */
#include "sites/sweep.h"

int	 LLVMFuzzerInitialize(int *, char ***);
int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static char	 fz_path[700];

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char	 root[1024], dir[600], from[1100], to[1100];

	(void)argc;
	(void)argv;
	fuzz_root(root, sizeof(root));
	fuzz_scratch_dir(dir, sizeof(dir));
	snprintf(from, sizeof(from), "%s/sites", root);
	fuzz_copy_cfgs(from, dir);
	snprintf(to, sizeof(to), "%s/sweeps", dir);
	mkdir(to, 0700);
	snprintf(to, sizeof(to), "%s/sweeps/good", dir);
	mkdir(to, 0700);
	snprintf(from, sizeof(from), "%s/tests/data/good", root);
	fuzz_copy_cfgs(from, to);
	snprintf(to, sizeof(to), "%s/sweeps/inc", dir);
	mkdir(to, 0700);
	snprintf(from, sizeof(from), "%s/tests/data/inc", root);
	fuzz_copy_cfgs(from, to);
	snprintf(to, sizeof(to), "%s/sweeps/good/inc", dir);
	mkdir(to, 0700);
	snprintf(from, sizeof(from), "%s/tests/data/good/inc", root);
	fuzz_copy_cfgs(from, to);
	snprintf(fz_path, sizeof(fz_path), "%s/sweeps/sweep.cfg", dir);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sweep	*sw;
	struct err	 e;
	long double	 points = 1.0L;
	size_t		 i;

	if (fuzz_skip_include(data, size))
		return 0;
	fuzz_write_file(fz_path, data, size);
	err_clear(&e);
	if ((sw = sweep_load_file(fz_path, &e)) == NULL) {
		if (e.code == ERR_OK || e.msg[0] == '\0')
			fuzz_die("sweep_load_file failed without a message");
		return 0;
	}
	if (sw->nsites < 1 || sw->nsites > SWEEP_MAX_SITES ||
	    sw->nvary > SWEEP_MAX_VARY)
		fuzz_die("sweep: counts out of range");
	for (i = 0; i < sw->nvary; i++) {
		if (sw->vary[i].nvalues < 1 ||
		    sw->vary[i].nvalues > SWEEP_MAX_VALUES)
			fuzz_die("sweep: value count out of range");
		points *= (long double)sw->vary[i].nvalues;
	}
	if ((long double)sweep_grid_points(sw) != points)
		fuzz_die("sweep_grid_points: the 64-bit product wrapped");
	sweep_free(sw);
	return 0;
}
