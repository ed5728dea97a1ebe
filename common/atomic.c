#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/atomic.h"
#include "common/err.h"

int
atomic_open(struct atomic_file *f, const char *path, struct err *e)
{
	struct stat	 st;
	char		 dir[1024];
	const char	*slash, *base;
	int		 fd;

	memset(f, 0, sizeof(*f));
	snprintf(f->final, sizeof(f->final), "%s", path);
	if (strcmp(path, "-") == 0) {
		f->direct = 1;
		f->fp = stdout;
		return 0;
	}
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return err_set(e, ERR_IO, path, 0, "is a directory");
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		f->direct = 1;
		if ((f->fp = fopen(path, "wb")) == NULL)
			return err_set(e, ERR_IO, path, 0, "cannot write: %s",
			    strerror(errno));
		return 0;
	}
	slash = strrchr(path, '/');
	base = slash != NULL ? slash + 1 : path;
	if (slash == path)
		snprintf(dir, sizeof(dir), "/");
	else if (slash != NULL)
		snprintf(dir, sizeof(dir), "%.*s", (int)(slash - path), path);
	else
		snprintf(dir, sizeof(dir), ".");
	if (stat(dir, &st) == -1 || !S_ISDIR(st.st_mode))
		return err_set(e, ERR_IO, path, 0, "cannot write: folder %s does "
		    "not exist", dir);
	snprintf(f->tmp, sizeof(f->tmp), "%s/.%s.XXXXXX", dir, base);
	if ((fd = mkstemp(f->tmp)) == -1)
		return err_set(e, ERR_IO, path, 0, "cannot write in folder %s: %s",
		    dir, strerror(errno));
	/* mkstemp makes 0600; give the file the usual 0666 less the umask */
	{
		mode_t	 mask = umask(0);

		umask(mask);
		fchmod(fd, 0666 & ~mask);
	}
	if ((f->fp = fdopen(fd, "wb")) == NULL) {
		close(fd);
		unlink(f->tmp);
		return err_set(e, ERR_IO, path, 0, "cannot write: %s",
		    strerror(errno));
	}
	return 0;
}

int
atomic_commit(struct atomic_file *f, struct err *e)
{
	int	 rc = 0;

	if (f->fp == NULL)
		return 0;
	if (ferror(f->fp) && f->werr == 0)
		f->werr = EIO;
	if (fflush(f->fp) != 0 && f->werr == 0)
		f->werr = errno;
	if (!f->direct && f->werr == 0 && fsync(fileno(f->fp)) != 0)
		f->werr = errno;
	if (f->fp != stdout && fclose(f->fp) != 0 && f->werr == 0)
		f->werr = errno;
	f->fp = NULL;
	if (f->werr != 0)
		rc = err_set(e, ERR_IO, f->final, 0, "cannot write: %s",
		    strerror(f->werr));
	else if (!f->direct && rename(f->tmp, f->final) != 0)
		rc = err_set(e, ERR_IO, f->final, 0, "cannot rename into place: %s",
		    strerror(errno));
	if (rc == -1 && !f->direct)
		unlink(f->tmp);
	return rc;
}

void
atomic_discard(struct atomic_file *f)
{
	if (f->fp != NULL && f->fp != stdout)
		fclose(f->fp);
	f->fp = NULL;
	if (!f->direct && f->tmp[0] != '\0')
		unlink(f->tmp);
}
