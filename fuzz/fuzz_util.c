/* Helpers shared by the libFuzzer harnesses. Not compiled on its own:
 * each fuzz_*.c includes this file (every function is static), so that a
 * harness stays one translation unit plus the library sources it needs. */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef FUZZ_FUZZ_UTIL_C
#define FUZZ_FUZZ_UTIL_C

static char	 fuzz_scratch[512];

/* FUZZ_SKIP_INCLUDES=1 in the environment: inputs holding "@include" are
 * skipped, to fuzz past a known include bug while it is open. */
static int
fuzz_skip_include(const uint8_t *data, size_t size)
{
	static int	 skip = -1;
	const char	*env;
	size_t		 i;

	if (skip == -1)
		skip = (env = getenv("FUZZ_SKIP_INCLUDES")) != NULL &&
		    env[0] == '1';
	if (skip)
		for (i = 0; i + 8 <= size; i++)
			if (memcmp(data + i, "@include", 8) == 0)
				return 1;
	return 0;
}

/* A copy of the input with a NUL at the end. */
static char *
fuzz_strndup(const uint8_t *data, size_t size)
{
	char	*s = malloc(size + 1);

	if (s == NULL)
		return NULL;
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

/* An invariant the code under test broke: abort, so libFuzzer keeps the
 * input as a crash. */
static void __attribute__((noreturn))
fuzz_die(const char *what)
{
	fprintf(stderr, "fuzz: %s\n", what);
	abort();
}

/* The project's root: $DCIMPACT_DATA, else the folder above the one
 * holding the harness (build-fuzz/fuzz_x -> .), else ".". */
static void
fuzz_root(char *buf, size_t n)
{
	const char	*env = getenv("DCIMPACT_DATA");
	char		 exe[1024], *slash;
	ssize_t		 len;

	if (env != NULL && env[0] != '\0') {
		snprintf(buf, n, "%s", env);
		return;
	}
	len = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (len > 0) {
		exe[len] = '\0';
		if ((slash = strrchr(exe, '/')) != NULL) {
			*slash = '\0';
			if ((slash = strrchr(exe, '/')) != NULL) {
				*slash = '\0';
				snprintf(buf, n, "%s", exe);
				return;
			}
		}
	}
	snprintf(buf, n, ".");
}

static void
fuzz_rm_scratch(void)
{
	char	 cmd[600];

	if (fuzz_scratch[0] == '\0' || strstr(fuzz_scratch, "/dcimpact-fuzz-") == NULL ||
	    strchr(fuzz_scratch, '\'') != NULL)
		return;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", fuzz_scratch);
	if (system(cmd) != 0)
		return;
}

/* A fresh folder under $TMPDIR (or /tmp), removed at exit. */
static const char *
fuzz_scratch_dir(char *buf, size_t n)
{
	const char	*tmp = getenv("TMPDIR");

	if (fuzz_scratch[0] == '\0') {
		if (tmp == NULL || tmp[0] == '\0')
			tmp = "/tmp";
		snprintf(fuzz_scratch, sizeof(fuzz_scratch),
		    "%s/dcimpact-fuzz-XXXXXX", tmp);
		if (mkdtemp(fuzz_scratch) == NULL) {
			perror(fuzz_scratch);
			exit(1);
		}
		atexit(fuzz_rm_scratch);
	}
	snprintf(buf, n, "%s", fuzz_scratch);
	return buf;
}

/* Write "size" bytes to "path" (truncating). Exits on failure: a harness
 * that cannot write its input fuzzes nothing. */
static void
fuzz_write_file(const char *path, const void *data, size_t size)
{
	FILE	*fp = fopen(path, "wb");

	if (fp == NULL || (size > 0 && fwrite(data, 1, size, fp) != size) ||
	    fclose(fp) != 0) {
		fprintf(stderr, "fuzz: cannot write %s: %s\n", path,
		    strerror(errno));
		exit(1);
	}
}

static void
fuzz_copy_file(const char *src, const char *dst)
{
	FILE	*fp = fopen(src, "rb");
	char	*buf = NULL;
	long	 len;

	if (fp == NULL || fseek(fp, 0, SEEK_END) != 0 || (len = ftell(fp)) < 0 ||
	    fseek(fp, 0, SEEK_SET) != 0 ||
	    (buf = malloc((size_t)len + 1)) == NULL ||
	    fread(buf, 1, (size_t)len, fp) != (size_t)len) {
		fprintf(stderr, "fuzz: cannot read %s: %s\n", src,
		    strerror(errno));
		exit(1);
	}
	fclose(fp);
	fuzz_write_file(dst, buf, (size_t)len);
	free(buf);
}

/* Copy every .cfg file of folder "from" into "to" (none if "from" is
 * missing). */
static void
fuzz_copy_cfgs(const char *from, const char *to)
{
	DIR		*d;
	struct dirent	*de;
	char		 src[1400], dst[1400];
	size_t		 n;

	if ((d = opendir(from)) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		n = strlen(de->d_name);
		if (n < 5 || strcmp(de->d_name + n - 4, ".cfg") != 0)
			continue;
		snprintf(src, sizeof(src), "%s/%s", from, de->d_name);
		snprintf(dst, sizeof(dst), "%s/%s", to, de->d_name);
		fuzz_copy_file(src, dst);
	}
	closedir(d);
}

/* Make the paths among libFuzzer's arguments absolute, and give it an
 * absolute -artifact_prefix (the working directory) when none is set, so
 * that a harness may chdir() into its scratch folder afterwards. Called
 * from LLVMFuzzerInitialize(), which runs before libFuzzer reads its flags. */
static void
fuzz_absolute_args(int *argc, char ***argv)
{
	static const char *const path_flags[] = { "-artifact_prefix=",
	    "-exact_artifact_path=", "-dict=", "-seed_inputs=",
	    "-merge_control_file=", "-features_dir=", NULL };
	const char *const *f;
	char	 cwd[1024], **nv, *a;
	int	 i, have_prefix = 0;
	size_t	 len;

	if (getcwd(cwd, sizeof(cwd)) == NULL)
		return;
	if ((nv = calloc((size_t)*argc + 2, sizeof(*nv))) == NULL)
		return;
	for (i = 0; i < *argc; i++) {
		a = (*argv)[i];
		nv[i] = a;
		if (i == 0)
			continue;
		if (a[0] != '-') {
			if (a[0] != '/') {
				len = strlen(cwd) + strlen(a) + 2;
				if ((nv[i] = malloc(len)) != NULL)
					snprintf(nv[i], len, "%s/%s", cwd, a);
				else
					nv[i] = a;
			}
			continue;
		}
		for (f = path_flags; *f != NULL; f++) {
			size_t	 fl = strlen(*f);

			if (strncmp(a, *f, fl) != 0)
				continue;
			if (strcmp(*f, "-artifact_prefix=") == 0 ||
			    strcmp(*f, "-exact_artifact_path=") == 0)
				have_prefix = 1;
			if (a[fl] != '/' && a[fl] != '\0') {
				len = strlen(cwd) + strlen(a) + 2;
				if ((nv[i] = malloc(len)) != NULL)
					snprintf(nv[i], len, "%.*s%s/%s", (int)fl, a,
					    cwd, a + fl);
				else
					nv[i] = a;
			}
			break;
		}
	}
	if (!have_prefix) {
		len = strlen(cwd) + 20;
		if ((a = malloc(len)) != NULL) {
			snprintf(a, len, "-artifact_prefix=%s/", cwd);
			nv[(*argc)++] = a;
		}
	}
	nv[*argc] = NULL;
	*argv = nv;	/* kept for the life of the process */
}

#endif
