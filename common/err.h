/* Errors that carry the location of the input that caused them. */
#ifndef COMMON_ERR_H
#define COMMON_ERR_H

enum err_code {
	ERR_OK,
	ERR_NOMEM,
	ERR_IO,		/* an output could not be written (exit 1) */
	ERR_CONFIG,	/* bad input file or value (exit 2) */
	ERR_USAGE,	/* bad command line (exit 2) */
	ERR_PROJ,
	ERR_CAIRO
};

struct err {			/* caller-owned, usually on the stack */
	enum err_code	 code;
	int		 line;		/* line in the input file; 0 if unknown */
	char		 file[256];	/* input or output path; "" if none */
	char		 msg[512];	/* lower case, no final period */
};

/* Fill "e" (which may be NULL) and return -1. "file" may be NULL. */
int	 err_set(struct err *e, enum err_code code, const char *file, int line,
	    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Reset "e" to ERR_OK. */
void	 err_clear(struct err *e);

/* "FILE:LINE: msg", "FILE: msg" or "msg" into buf (size n). */
void	 err_format(const struct err *e, char *buf, unsigned long n);

#endif
