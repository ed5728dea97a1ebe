/* Output files written atomically: to a temporary file in the target's
 * folder, flushed, synced and renamed into place on commit. A failure
 * leaves nothing behind and never clobbers an older file. Devices and
 * FIFOs (/dev/stdout, /dev/full) are written in place. */
#ifndef COMMON_ATOMIC_H
#define COMMON_ATOMIC_H

#include <stdio.h>

struct err;

struct atomic_file {
	char		 final[1024];
	char		 tmp[2200];
	FILE		*fp;
	int		 direct;	/* written in place */
	int		 werr;		/* errno of the first failed write */
};

/* Open "path" ("-": standard output). Fills "e" (ERR_IO) naming the path
 * (a missing folder is named too). */
int	 atomic_open(struct atomic_file *, const char *path, struct err *e);
/* Flush, sync, close and rename. -1 with "e" (ERR_IO) on any failure, after
 * removing the temporary file. */
int	 atomic_commit(struct atomic_file *, struct err *e);
/* Close and remove the temporary file. */
void	 atomic_discard(struct atomic_file *);

#endif
