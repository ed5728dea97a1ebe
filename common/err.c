#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "common/err.h"

int
err_set(struct err *e, enum err_code code, const char *file, int line,
    const char *fmt, ...)
{
	va_list	 ap;

	if (e == NULL)
		return -1;
	e->code = code;
	e->line = line;
	snprintf(e->file, sizeof(e->file), "%s", file != NULL ? file : "");
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
	return -1;
}

void
err_clear(struct err *e)
{
	memset(e, 0, sizeof(*e));
}

void
err_format(const struct err *e, char *buf, unsigned long n)
{
	if (e->file[0] != '\0' && e->line > 0)
		snprintf(buf, n, "%s:%d: %s", e->file, e->line, e->msg);
	else if (e->file[0] != '\0')
		snprintf(buf, n, "%s: %s", e->file, e->msg);
	else
		snprintf(buf, n, "%s", e->msg);
}
