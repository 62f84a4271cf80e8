/*
 * cli.c - what the five tools share on the command line: the common
 * options, the subcommand table, and the end of a run.
 */
#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

enum {
	OPT_VERSION = 0x100, OPT_PSEUDO, OPT_YES, OPT_WEEK, OPT_MONTH,
	OPT_QUARTER, OPT_YEAR, OPT_FROM, OPT_TO, OPT_SINCE,
};

static const struct option common_long[] = {
	{ "db", required_argument, NULL, 'd' },
	{ "as", required_argument, NULL, 'u' },
	{ "format", required_argument, NULL, 'o' },
	{ "no-header", no_argument, NULL, 'H' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, OPT_VERSION },
};
static const struct option period_long[] = {
	{ "week", required_argument, NULL, OPT_WEEK },
	{ "month", required_argument, NULL, OPT_MONTH },
	{ "quarter", required_argument, NULL, OPT_QUARTER },
	{ "year", required_argument, NULL, OPT_YEAR },
	{ "from", required_argument, NULL, OPT_FROM },
	{ "to", required_argument, NULL, OPT_TO },
	{ "since", required_argument, NULL, OPT_SINCE },
};
static const struct option pseudo_long = {
	"pseudonymize", no_argument, NULL, OPT_PSEUDO };
static const struct option dryrun_long = {
	"dry-run", no_argument, NULL, 'n' };
static const struct option force_long = {
	"force", no_argument, NULL, 'f' };
static const struct option yes_long = {
	"yes", no_argument, NULL, OPT_YES };

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static size_t
count_long(const struct option *lo)
{
	size_t n = 0;

	while (lo != NULL && lo[n].name != NULL)
		n++;
	return n;
}

/* The command's options and the groups it takes, in one table. */
static struct option *
merge_long(const struct option *own, int groups)
{
	struct option *all, *p;
	size_t n = count_long(own);

	all = calloc(n + NELEM(common_long) + NELEM(period_long) + 5,
	    sizeof *all);
	if (all == NULL)
		return NULL;
	p = all;
	memcpy(p, common_long, sizeof common_long);
	p += NELEM(common_long);
	if (groups & IPS_OPT_PERIOD) {
		memcpy(p, period_long, sizeof period_long);
		p += NELEM(period_long);
	}
	if (groups & IPS_OPT_PSEUDO)
		*p++ = pseudo_long;
	if (groups & IPS_OPT_DRYRUN)
		*p++ = dryrun_long;
	if (groups & IPS_OPT_FORCE)
		*p++ = force_long;
	if (groups & IPS_OPT_YES)
		*p++ = yes_long;
	if (n > 0)
		memcpy(p, own, n * sizeof *own);
	return all;
}

static const char *
period_name(int c)
{
	return period_long[c - OPT_WEEK].name;
}

/* Describes the option getopt stopped at. */
static int
bad_option(ips *h, char **argv, int c)
{
	const char *arg = argv[optind - 1];

	if (c == ':')
		return ips_fail(h, IPS_EUSAGE, "option '%.40s' needs an "
		    "argument", arg);
	if (optopt != 0 && optopt < 0x80)
		return ips_fail(h, IPS_EUSAGE, "unknown option '-%c'", optopt);
	return ips_fail(h, IPS_EUSAGE, "unknown option '%.40s'", arg);
}

/* -d "" names no file: a slip (an unset variable), not a database. */
static int
db_option(ips *h, const char *opt, const char *val)
{
	if (val[0] == '\0')
		return ips_fail(h, IPS_EUSAGE, "option '%s' needs a file name",
		    opt);
	return 0;
}

int
ips_getopt(ips *h, int argc, char **argv, const char *shortopts,
    const struct option *longopts, int groups)
{
	char optstring[128];
	struct option *all;
	int c, rc;

	snprintf(optstring, sizeof optstring, ":d:u:o:Hh%s%s%s",
	    groups & IPS_OPT_DRYRUN ? "n" : "", groups & IPS_OPT_FORCE ? "f" :
	    "", shortopts ? shortopts : "");
	if ((all = merge_long(longopts, groups)) == NULL) {
		ips_nomem(h);
		return '?';
	}
	for (;;) {
		c = getopt_long(argc, argv, optstring, all, NULL);
		rc = 0;
		switch (c) {
		case 'd':
			if ((rc = db_option(h, "-d/--db", optarg)) != 0)
				break;
			h->opt_db = optarg;
			if ((rc = ips_config_options(h)) != 0)
				break;
			continue;
		case 'u':
			h->opt_user = optarg;
			if ((rc = ips_config_options(h)) != 0)
				break;
			continue;
		case 'o':
			if ((rc = ips_format_parse(h, optarg,
			    strcmp(h->tool, "ips-report") == 0,
			    (enum ips_format *)&h->format)) == 0)
				continue;
			break;
		case 'H':
			h->no_header = 1;
			continue;
		case 'n':
			if (!(groups & IPS_OPT_DRYRUN))
				break;
			h->dry_run = 1;
			continue;
		case 'f':
			if (!(groups & IPS_OPT_FORCE))
				break;
			h->force = 1;
			continue;
		case OPT_PSEUDO:
			h->pseudonymize = 1;
			continue;
		case OPT_YES:
			h->yes = 1;
			continue;
		case OPT_VERSION:
			c = IPS_GETOPT_VERSION;
			break;
		case OPT_WEEK: case OPT_MONTH: case OPT_QUARTER:
		case OPT_YEAR: case OPT_FROM: case OPT_TO: case OPT_SINCE:
			rc = ips_period_option(h, &h->period, period_name(c),
			    optarg);
			break;
		case '?':
		case ':':
			bad_option(h, argv, c);
			c = '?';
			break;
		}
		if (rc != 0)
			c = '?';
		else if (c >= OPT_WEEK && c <= OPT_SINCE)
			continue;
		break;
	}
	free(all);
	return c;
}

int
ips_dry_run(const ips *h)
{
	return h->dry_run;
}

int
ips_force(const ips *h)
{
	return h->force;
}

int
ips_yes(const ips *h)
{
	return h->yes;
}

int
ips_pseudonymize(const ips *h)
{
	return h->pseudonymize;
}

/*
 * Common options before the command, as in `ips -d x.db staff list`:
 * the forms -d FILE, -dFILE, --db FILE, --db=FILE.  Returns how many
 * arguments they took, or -1.
 */
static int
leading_options(ips *h, int argc, char **argv)
{
	static const struct {
		char s;
		const char *l;
	} opts[] = { { 'd', "db" }, { 'u', "as" }, { 'o', "format" } };
	const char *val;
	size_t i, n;
	int k = 1;

	while (k < argc && argv[k][0] == '-' && argv[k][1] != '\0') {
		const char *a = argv[k];

		if (strcmp(a, "-H") == 0 || strcmp(a, "--no-header") == 0) {
			h->no_header = 1;
			k++;
			continue;
		}
		for (i = 0; i < sizeof opts / sizeof opts[0]; i++) {
			n = strlen(opts[i].l);
			val = NULL;
			if (a[1] == opts[i].s)
				val = a[2] ? a + 2 : argv[k + 1];
			else if (a[1] == '-' && strncmp(a + 2, opts[i].l, n) == 0
			    && (a[2 + n] == '=' || a[2 + n] == '\0'))
				val = a[2 + n] ? a + 3 + n : argv[k + 1];
			else
				continue;
			if (val == NULL) {
				ips_fail(h, IPS_EUSAGE, "option '%.40s' needs "
				    "an argument", a);
				return -1;
			}
			k += val == argv[k + 1] ? 2 : 1;
			if (opts[i].s == 'd') {
				if (db_option(h, "-d/--db", val) != 0)
					return -1;
				h->opt_db = val;
			}
			else if (opts[i].s == 'u')
				h->opt_user = val;
			else if (ips_format_parse(h, val,
			    strcmp(h->tool, "ips-report") == 0,
			    (enum ips_format *)&h->format) != 0)
				return -1;
			break;
		}
		if (i == sizeof opts / sizeof opts[0])
			break;
	}
	return k - 1;
}

int
ips_run(ips *h, const struct ips_cmd *cmds, const char *usage, int argc,
    char **argv)
{
	const struct ips_cmd *c;
	const char *name;
	int k;

	h->usage = usage;
	/* Progress of long work, for a person watching only (SPEC 2). */
	h->progress = isatty(STDERR_FILENO) ? stderr : NULL;
	if ((k = leading_options(h, argc, argv)) < 0)
		return h->status;
	argc -= k;
	argv += k;

	if (argc < 2) {
		fputs(usage, stderr);
		return ips_fail(h, IPS_EUSAGE, "a command is needed");
	}
	name = argv[1];
	if (strcmp(name, "-h") == 0 || strcmp(name, "--help") == 0 ||
	    strcmp(name, "help") == 0) {
		fputs(usage, stdout);
		return 0;
	}
	if (strcmp(name, "--version") == 0) {
		printf("%s %s\n", h->tool, IPS_VERSION);
		return 0;
	}
	for (c = cmds; c->name != NULL; c++)
		if (strcmp(c->name, name) == 0) {
			optind = 0;
			return c->fn(h, argc - 1, argv + 1);
		}
	return ips_fail(h, IPS_EUSAGE, "unknown command '%.40s' (see '%s "
	    "--help')", name, h->tool);
}

int
ips_getopt_end(ips *h, int c)
{
	if (c == 'h') {
		fputs(h->usage ? h->usage : "", stdout);
		return -1;
	}
	if (c == IPS_GETOPT_VERSION) {
		printf("%s %s\n", h->tool, IPS_VERSION);
		return -1;
	}
	if (c == '?')
		return h->status;
	return ips_fail(h, IPS_EUSAGE, "unexpected option");
}

int
ips_main(const char *tool, const struct ips_cmd *cmds, const char *usage,
    int argc, char **argv)
{
	ips *h;
	int rc;

	/* A closed pipe is an error to report (74), not a signal to die of. */
	signal(SIGPIPE, SIG_IGN);
	if ((h = ips_new(tool)) == NULL) {
		fprintf(stderr, "%s: out of memory\n", tool);
		return IPS_EIO;
	}
	rc = ips_finish(h, ips_run(h, cmds, usage, argc, argv));
	ips_free(h);
	return rc;
}

/* Whether stdout is a pipe or socket that its reader has closed. */
static int
reader_gone(void)
{
	struct pollfd p = { STDOUT_FILENO, POLLOUT, 0 };

	return poll(&p, 1, 0) == 1 && (p.revents & POLLERR);
}

int
ips_finish(ips *h, int status)
{
	int failed;

	failed = fflush(stdout) != 0 || ferror(stdout);
	/* A reader that stopped early (| head) is no news. */
	if ((failed || status == IPS_EIO) && reader_gone())
		return IPS_EIO;
	if (failed && status == 0)
		status = ips_fail(h, IPS_EIO, "cannot write output: %s",
		    strerror(errno));
	/* A report below target (--check) says so in its output alone. */
	if (status == 0 || (status == IPS_BELOW && h->status != IPS_BELOW))
		return status;
	fprintf(stderr, "%s: %s\n", h->tool, h->status == status ?
	    ips_errmsg(h) : "failed");
	return status;
}
