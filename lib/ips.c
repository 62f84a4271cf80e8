/*
 * ips.c - the handle every call takes, and its last error.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

ips *
ips_new(const char *tool)
{
	ips *h;

	if ((h = calloc(1, sizeof *h)) == NULL)
		return NULL;
	h->tool = tool;
	h->format = -1;
	h->period.from = h->period.to = IPS_DAY_NONE;
	return h;
}

void
ips_free(ips *h)
{
	if (h == NULL)
		return;
	ips_db_close(h);
	free(h->db_path);
	ips_config_clear(&h->cfg);
	free(h);
}

const char *
ips_tool(const ips *h)
{
	return h->tool;
}

const char *
ips_errmsg(const ips *h)
{
	return h->err[0] ? h->err : "unknown error";
}

int
ips_status(const ips *h)
{
	return h->status;
}

/*
 * A message is one line on a terminal, whatever it quotes: a newline in
 * a typed value would make two, and an escape sequence would reach the
 * terminal.  Control characters become '?', and so does every byte of
 * a message that is not UTF-8 but its ASCII.
 */
static void
make_safe(char *s)
{
	int bad = ips_utf8_valid(s, strlen(s)) != 0;

	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f ||
		    (bad && (unsigned char)*s >= 0x80))
			*s = '?';
}

int
ips_fail(ips *h, int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(h->err, sizeof h->err, fmt, ap);
	va_end(ap);
	make_safe(h->err);
	h->status = status;
	return status;
}

int
ips_fail_lines(ips *h, int status, const char *text)
{
	snprintf(h->err, sizeof h->err, "%s", text);
	h->status = status;
	return status;
}

int
ips_nomem(ips *h)
{
	return ips_fail(h, IPS_EIO, "out of memory");
}
