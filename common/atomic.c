#include <sys/stat.h>
#include <sys/types.h>

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/atomic.h"
#include "common/err.h"

/*
 * The open temporary files, for atomic_unlink_all in a signal handler: a
 * slot's path is written while "used" is 0 and signals are blocked, and
 * "used" is cleared before the file is renamed or removed.
 */
static char tmp_paths[ATOMIC_MAX_OPEN][2200];
static volatile sig_atomic_t tmp_used[ATOMIC_MAX_OPEN];

/* What was committed, for "wrote ..." messages. */
static struct {
	char	 path[1024];
	int	 pages;
} written[ATOMIC_MAX_OPEN];
static int nwritten;

int
atomic_written(int i, const char **path, int *pages)
{
	if (i < 0 || i >= nwritten)
		return -1;
	*path = written[i].path;
	*pages = written[i].pages;
	return 0;
}

void
atomic_unlink_all(void)
{
	int	 i;

	for (i = 0; i < ATOMIC_MAX_OPEN; i++)
		if (tmp_used[i])
			unlink(tmp_paths[i]);
}

static void
block_signals(sigset_t *old)
{
	sigset_t	 all;

	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, old);
}

static void
unregister(struct atomic_file *f)
{
	if (f->slot >= 0)
		tmp_used[f->slot] = 0;
	f->slot = -1;
}

/* A temporary file of ours: .NAME.dcimpact-tmp.PID.XXXXXX; its PID. */
static long
tmp_pid(const char *name)
{
	const char	*p = strstr(name, ATOMIC_TMP_TAG);
	char		*end;
	long		 pid;

	if (name[0] != '.' || p == NULL)
		return -1;
	p += strlen(ATOMIC_TMP_TAG);
	errno = 0;
	pid = strtol(p, &end, 10);
	if (errno != 0 || end == p || pid < 1 || *end != '.' ||
	    strlen(end + 1) != 6)
		return -1;
	return pid;
}

int
atomic_clean_stale(const char *dir)
{
	DIR		*d;
	struct dirent	*de;
	struct stat	 st;
	char		 path[4200];
	long		 pid;
	int		 n = 0;

	if ((d = opendir(dir)) == NULL)
		return 0;
	while ((de = readdir(d)) != NULL) {
		if ((pid = tmp_pid(de->d_name)) == -1 || pid == (long)getpid())
			continue;
		/* EPERM: alive, someone else's */
		if (kill((pid_t)pid, 0) == 0 || errno != ESRCH)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		if (lstat(path, &st) == 0 && S_ISREG(st.st_mode) &&
		    st.st_uid == getuid() && unlink(path) == 0)
			n++;
	}
	closedir(d);
	return n;
}

int
atomic_open(struct atomic_file *f, const char *path, struct err *e)
{
	struct stat	 st;
	sigset_t	 old;
	char		 dir[1024];
	const char	*slash, *base;
	int		 fd, i;

	memset(f, 0, sizeof(*f));
	f->slot = -1;
	snprintf(f->final, sizeof(f->final), "%s", path);
	if (strcmp(path, "-") == 0) {
		f->direct = 1;
		f->fp = stdout;
		return 0;
	}
	/* a folder named as the output is a usage error (exit 2) */
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return err_set(e, ERR_USAGE, path, 0, "is a directory: name a file "
		    "in it");
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
	atomic_clean_stale(dir);
	snprintf(f->tmp, sizeof(f->tmp), "%s/.%s" ATOMIC_TMP_TAG "%ld.XXXXXX",
	    dir, base, (long)getpid());
	block_signals(&old);
	for (i = 0; i < ATOMIC_MAX_OPEN && tmp_used[i]; i++)
		;
	if (i == ATOMIC_MAX_OPEN) {
		sigprocmask(SIG_SETMASK, &old, NULL);
		return err_set(e, ERR_IO, path, 0, "more than %d output files "
		    "open at once", ATOMIC_MAX_OPEN);
	}
	if ((fd = mkstemp(f->tmp)) == -1) {
		sigprocmask(SIG_SETMASK, &old, NULL);
		return err_set(e, ERR_IO, path, 0, "cannot write in folder %s: %s",
		    dir, strerror(errno));
	}
	memcpy(tmp_paths[i], f->tmp, sizeof(f->tmp));
	tmp_used[i] = 1;
	f->slot = i;
	sigprocmask(SIG_SETMASK, &old, NULL);
	/* mkstemp makes 0600; give the file the usual 0666 less the umask */
	{
		mode_t	 mask = umask(0);

		umask(mask);
		fchmod(fd, 0666 & ~mask);
	}
	if ((f->fp = fdopen(fd, "wb")) == NULL) {
		close(fd);
		unregister(f);
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
	if (!f->direct && !f->nosync && f->werr == 0 &&
	    fsync(fileno(f->fp)) != 0)
		f->werr = errno;
	if (f->fp != stdout && fclose(f->fp) != 0 && f->werr == 0)
		f->werr = errno;
	f->fp = NULL;
	if (f->werr != 0)
		rc = err_set(e, ERR_IO, f->final, 0, "cannot write: %s",
		    strerror(f->werr));
	if (rc == 0 && !f->direct) {
		sigset_t	 old;

		/* renamed and out of the table together: a signal now
		 * removes neither the new file nor a temporary twice */
		block_signals(&old);
		if (rename(f->tmp, f->final) != 0)
			rc = err_set(e, ERR_IO, f->final, 0, "cannot rename into "
			    "place: %s", strerror(errno));
		else
			unregister(f);
		sigprocmask(SIG_SETMASK, &old, NULL);
		if (rc == 0 && nwritten < ATOMIC_MAX_OPEN) {
			snprintf(written[nwritten].path, sizeof(written[0].path),
			    "%s", f->final);
			written[nwritten++].pages = f->pages;
		}
	}
	if (rc == -1 && !f->direct) {
		unregister(f);
		unlink(f->tmp);
	}
	return rc;
}

void
atomic_discard(struct atomic_file *f)
{
	if (f->fp != NULL && f->fp != stdout)
		fclose(f->fp);
	f->fp = NULL;
	unregister(f);
	if (!f->direct && f->tmp[0] != '\0')
		unlink(f->tmp);
	f->tmp[0] = '\0';
}
