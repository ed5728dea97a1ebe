#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/data.h"

#ifndef DCIMPACT_DATADIR
#define DCIMPACT_DATADIR "/usr/local/share/dcimpact"
#endif

static int
exists(const char *path)
{
	return access(path, R_OK) == 0;
}

const char *
data_path(const char *rel, char *buf, size_t n)
{
	const char	*env = getenv("DCIMPACT_DATA");
	char		 exe[PATH_MAX];
	ssize_t		 len;
	char		*slash;
	int		 up;

	if (env != NULL && env[0] != '\0') {
		snprintf(buf, n, "%s/%s", env, rel);
		return buf;
	}
	len = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (len > 0) {
		exe[len] = '\0';
		for (up = 0; up < 2; up++) {
			if ((slash = strrchr(exe, '/')) == NULL)
				break;
			*slash = '\0';
			snprintf(buf, n, "%s/%s", exe, rel);
			if (exists(buf))
				return buf;
		}
	}
	snprintf(buf, n, "%s/%s", DCIMPACT_DATADIR, rel);
	return buf;
}
