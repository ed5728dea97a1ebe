/* libFuzzer harness: the GeoJSON reader of plots/map.c (map layers and
 * basemaps). Its entry point, gj_load(), is static and reads a path, so
 * this file includes plots/map.c itself and writes each input to a file
 * in a scratch folder. The projection (EPSG:8857, the world map's) is
 * opened once; every position then goes through PROJ as in a real map.
 *
 * If plots/map.c renames gj_load(), mproj_open() or the shapes helpers,
 * update the calls below. */
#include <stdint.h>
#include <unistd.h>

#include "plots/map.c"
#include "fuzz/fuzz_util.c"	/* static helpers, included */

int	 LLVMFuzzerInitialize(int *, char ***);
int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct mproj	 fz_proj;
static char		 fz_path[700];

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct err	 e;
	char		 dir[600];

	(void)argc;
	(void)argv;
	if (mproj_open(&fz_proj, MAP_CRS_WORLD, &e) == -1) {
		fprintf(stderr, "fuzz_geojson: %s\n", e.msg);
		exit(1);
	}
	fuzz_scratch_dir(dir, sizeof(dir));
	snprintf(fz_path, sizeof(fz_path), "%s/layer.geojson", dir);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct shapes	 sh;
	struct err	 e;
	size_t		 i;

	fuzz_write_file(fz_path, data, size);
	shapes_init(&sh);
	err_clear(&e);
	if (gj_load(fz_path, &fz_proj, &sh, &e) == -1) {
		if (e.code == ERR_OK || e.msg[0] == '\0')
			fuzz_die("gj_load failed without a message");
	} else {
		/* parts must lie inside the points */
		for (i = 0; i < sh.npart; i++)
			if (sh.parts[i].start + sh.parts[i].len > sh.npt)
				fuzz_die("gj_load: part past the points");
	}
	shapes_free(&sh);
	return 0;
}
