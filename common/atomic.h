/* Output files written atomically: to a temporary file in the target's
 * folder, flushed, synced and renamed into place on commit. A failure
 * leaves nothing behind and never clobbers an older file. Devices and
 * FIFOs (/dev/stdout, /dev/full) are written in place.
 *
 * A temporary file is named .NAME.dcimpact-tmp.PID.XXXXXX beside NAME. The
 * open ones are kept in a fixed table, so that a signal handler can remove
 * them (atomic_unlink_all); those of a process that died without that
 * chance (SIGKILL, a crash) are removed by the next atomic_open in the
 * same folder, once their PID is no longer running. */
#ifndef COMMON_ATOMIC_H
#define COMMON_ATOMIC_H

#include <stdio.h>

struct err;

/* At most this many temporary files open at once in a process. */
#define ATOMIC_MAX_OPEN	80

/* The marker in a temporary file's name. */
#define ATOMIC_TMP_TAG	".dcimpact-tmp."

struct atomic_file {
	char		 final[1024];
	char		 tmp[2200];
	FILE		*fp;
	int		 direct;	/* written in place */
	/* the caller's choice after atomic_open: rename without fsync (a
	 * stream of rows larger than the disk persists in its run time;
	 * the kernel writes it back within its usual delay) */
	int		 nosync;
	int		 werr;		/* errno of the first failed write */
	int		 slot;		/* in the table; -1: none */
	/* for atomic_written: the pages of a document (0: not one), or
	 * -N for page 1 of N files written one page a file */
	int		 pages;
};

/* Open "path" ("-": standard output). Fills "e" (ERR_IO) naming the path
 * (a missing folder is named too). Removes stale temporary files of dead
 * processes from the folder first. */
int	 atomic_open(struct atomic_file *, const char *path, struct err *e);
/* Flush, sync (unless nosync), close and rename. -1 with "e" (ERR_IO) on any failure, after
 * removing the temporary file. Only a run that succeeded calls this; every
 * error path calls atomic_discard instead. */
int	 atomic_commit(struct atomic_file *, struct err *e);
/* Close and remove the temporary file. */
void	 atomic_discard(struct atomic_file *);

/* The files committed so far, in order (at most ATOMIC_MAX_OPEN): entry
 * "i" into "path" and "pages" (as set in struct atomic_file); -1 past the
 * last. Standard output and devices are not listed. */
int	 atomic_written(int i, const char **path, int *pages);

/* Remove every temporary file still open. Async-signal-safe (unlink only):
 * for a SIGINT/SIGTERM handler that then ends the process. */
void	 atomic_unlink_all(void);

/* Remove the temporary files in folder "dir" left by processes that are no
 * longer running. Returns how many were removed. */
int	 atomic_clean_stale(const char *dir);

#endif
