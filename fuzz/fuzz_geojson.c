/* libFuzzer harness: the GeoJSON reader of geo/ (map layers, basemaps,
 * county and region outlines) through its public entry point,
 * geo_layer_load(), which reads a path: each input is written to a file in
 * a scratch folder. A loaded layer is then projected into EPSG:8857 (the
 * world map's projection, opened once) as a map draws it, and looked up
 * with geo_layer_find() and geo_layer_nearest(). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "common/err.h"
#include "geo/geo.h"
#include "fuzz/fuzz_util.c"	/* static helpers, included */

int	 LLVMFuzzerInitialize(int *, char ***);
int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct geo_proj	*fz_proj;
static char		 fz_path[700];

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct err	 e;
	char		 dir[600];

	(void)argc;
	(void)argv;
	err_clear(&e);
	if ((fz_proj = geo_proj_new(GEO_CRS_LONLAT, GEO_CRS_WORLD, &e)) ==
	    NULL) {
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
	struct geo_layer layer;
	struct geo_shapes sh;
	struct err	 e;
	size_t		 i;
	double		 d;

	fuzz_write_file(fz_path, data, size);
	geo_shapes_init(&sh);
	err_clear(&e);
	if (geo_layer_load(fz_path, "id", "name", &layer, &e) == -1) {
		if (e.code == ERR_OK || e.msg[0] == '\0')
			fuzz_die("geo_layer_load failed without a message");
		goto out;
	}
	/* features' parts lie inside the parts, parts inside the points */
	for (i = 0; i < layer.nfeatures; i++)
		if (layer.features[i].part0 + layer.features[i].nparts >
		    layer.nparts)
			fuzz_die("geo_layer_load: feature past the parts");
	for (i = 0; i < layer.nparts; i++)
		if (layer.parts[i].start + layer.parts[i].len > layer.npoints)
			fuzz_die("geo_layer_load: part past the points");
	(void)geo_layer_find(&layer, -90.0, 35.0);
	(void)geo_layer_nearest(&layer, -90.0, 35.0, 100.0, &d);
	err_clear(&e);
	if (geo_shapes_add_layer(&sh, fz_proj, &layer, &e) == -1) {
		if (e.code == ERR_OK || e.msg[0] == '\0')
			fuzz_die("geo_shapes_add_layer failed without a "
			    "message");
	} else {
		for (i = 0; i < sh.npart; i++)
			if (sh.parts[i].start + sh.parts[i].len > sh.npt)
				fuzz_die("geo_shapes: part past the points");
	}
out:
	geo_shapes_free(&sh);
	geo_layer_free(&layer);
	return 0;
}
