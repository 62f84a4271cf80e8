/*
 * ips-meet - (being written)
 */
#include <signal.h>
#include <stdio.h>

#include "ips.h"

static const char usage_text[] =
"usage: ips-meet COMMAND [OPTIONS]\n";

static const struct ips_cmd cmds[] = {
	{ NULL, NULL },
};

int
main(int argc, char **argv)
{
	ips *h;
	int rc;

	signal(SIGPIPE, SIG_IGN);
	if ((h = ips_new("ips-meet")) == NULL) {
		fputs("ips-meet: out of memory\n", stderr);
		return IPS_EIO;
	}
	rc = ips_finish(h, ips_run(h, cmds, usage_text, argc, argv));
	ips_free(h);
	return rc;
}
