/* libFuzzer harness: site_load_string() on arbitrary bytes.
 *
 * The input becomes a NUL-terminated string (libconfig reads up to the
 * first NUL, as cfg_load_file() would refuse the file). A site that loads
 * is then run through the pipeline the `estimate` command uses (rack,
 * catalog references, power model, emissions) with the real catalogs,
 * loaded once: validated input must never reach UB there. Build with
 * -DFUZZ_SITE_LOAD_ONLY to fuzz loading alone.
 *
 * @include resolves against the working directory (site_load_string()
 * passes no folder), so LLVMFuzzerInitialize() moves into a scratch folder
 * holding copies of the include files of tests/data (as inc/) and nothing
 * else; the paths among libFuzzer's arguments are made absolute first. */
#include <sys/stat.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/err.h"
#include "emissions/emissions.h"
#include "estimator/estimator.h"
#include "fuzz/fuzz_util.c"	/* static helpers, included */
#include "sites/site.h"

int	 LLVMFuzzerInitialize(int *, char ***);
int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#ifndef FUZZ_SITE_LOAD_ONLY
static struct est_racks		 racks;
static struct emis_catalogs	 cats;
static int			 have_cats;
#endif

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char	 root[1024], dir[1100], src[1200], dst[1200];

	fuzz_absolute_args(argc, argv);	/* before the chdir() below */
	fuzz_root(root, sizeof(root));
#ifndef FUZZ_SITE_LOAD_ONLY
	{
		struct err	 e;

		snprintf(src, sizeof(src), "%s/estimator/racks.cfg", root);
		snprintf(dir, sizeof(dir), "%s/emissions", root);
		if (est_racks_load(src, &racks, &e) == 0 &&
		    emis_catalogs_load_dir(&cats, dir, &e) == 0)
			have_cats = 1;
		else
			fprintf(stderr, "fuzz_site: catalogs not loaded (%s: %s); "
			    "fuzzing loading only\n", e.file, e.msg);
	}
#endif
	fuzz_scratch_dir(dir, sizeof(dir));
	/* the include folders of tests/data (inc/ beside the sites) */
	snprintf(dst, sizeof(dst), "%s/inc", dir);
	mkdir(dst, 0700);
	snprintf(src, sizeof(src), "%s/tests/data/inc", root);
	fuzz_copy_cfgs(src, dst);
	snprintf(src, sizeof(src), "%s/tests/data/good/inc", root);
	fuzz_copy_cfgs(src, dst);
	snprintf(src, sizeof(src), "%s/tests/data/bad/inc", root);
	fuzz_copy_cfgs(src, dst);
	if (chdir(dir) == -1) {
		perror(dir);
		exit(1);
	}
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct site	*s;
	struct err	 e;
	char		*text;

	if (fuzz_skip_include(data, size))
		return 0;
	if ((text = fuzz_strndup(data, size)) == NULL)
		return 0;
	err_clear(&e);
	s = site_load_string(text, "fuzz.cfg", &e);
	if (s == NULL) {
		/* every failure must say something */
		if (e.code == ERR_OK || e.msg[0] == '\0')
			fuzz_die("site_load_string failed without a message");
	} else {
		(void)site_size_for_year(s, 2030);
#ifndef FUZZ_SITE_LOAD_ONLY
		if (have_cats) {
			struct site_rack	 rack;
			struct emis_refs	 refs;
			struct est_params	 p;
			struct est_result	 est;
			struct emis_result	 res;
			struct emis_options	 eo;

			memset(&eo, 0, sizeof(eo));
			eo.gwp = emis_gwp_find(&cats, "ar6");
			if (est_site_rack(&racks, s, &rack, &e) == 0 &&
			    emis_resolve(&cats, s, &refs, &e) == 0) {
				est_params_from_site(s, &rack, 0, est_pick_central,
				    NULL, &p);
				est_run(&p, &est);
				emis_run(&cats, &refs, &p, &est, &eo, &res);
				est_params_from_site(s, &rack, 2027,
				    est_pick_central, NULL, &p);
				est_run(&p, &est);
				eo.basis = EMIS_BASIS_EGRID_NONBASELOAD;
				emis_run(&cats, &refs, &p, &est, &eo, &res);
			}
		}
#endif
	}
	site_free(s);
	free(text);
	return 0;
}
