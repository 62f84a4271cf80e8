/*
 * ips - the front door: the database, the staff, and the other tools.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ips.h"

static const char usage_text[] =
"usage: ips init\n"
"       ips staff add HANDLE NAME [--team T] [--fte F]\n"
"       ips staff list [--pseudonymize]\n"
"       ips staff leave HANDLE --on D\n"
"       ips check\n"
"       ips backup [-f] FILE\n"
"       ips info\n"
"       ips log [--since D] [--pseudonymize] [REF]\n"
"       ips sql QUERY\n"
"       ips version\n"
"       ips client|employer|meet|report ...\n"
"common options: -d FILE, -u HANDLE, -o FORMAT, -H, -h, --version\n";


/* Parses a command that takes only the common options (and groups). */
static int
no_options(ips *h, int argc, char **argv, int groups, int nargs)
{
	int c, rc;

	while ((c = ips_getopt(h, argc, argv, "", NULL, groups)) != -1)
		if ((rc = ips_getopt_end(h, c)) != 0)
			return rc;
	if (argc - optind != nargs)
		return ips_fail(h, IPS_EUSAGE, "wrong number of arguments "
		    "(see 'ips --help')");
	return 0;
}

#define DONE(rc) ((rc) < 0 ? 0 : (rc))

static int
cmd_init(ips *h, int argc, char **argv)
{
	int rc;

	if ((rc = no_options(h, argc, argv, 0, 0)) != 0)
		return DONE(rc);
	if ((rc = ips_init(h)) != 0)
		return rc;
	printf("%s\n", ips_db_path(h));
	return 0;
}

static int
staff_add(ips *h, int argc, char **argv)
{
	static const struct option lo[] = {
		{ "team", required_argument, NULL, 't' },
		{ "fte", required_argument, NULL, 'F' },
		{ NULL, 0, NULL, 0 },
	};
	struct ips_staff s = { NULL, NULL, NULL, 0 };
	int c, rc;

	while ((c = ips_getopt(h, argc, argv, "", lo, 0)) != -1) {
		switch (c) {
		case 't':
			s.team = optarg;
			break;
		case 'F':
			if ((rc = ips_check_real(h, "fte", optarg, 0.01, 1,
			    &s.fte)) != 0)
				return rc;
			break;
		default:
			return DONE(ips_getopt_end(h, c));
		}
	}
	if (argc - optind != 2)
		return ips_fail(h, IPS_EUSAGE, "usage: ips staff add HANDLE "
		    "NAME [--team T] [--fte F]");
	s.handle = argv[optind];
	s.name = argv[optind + 1];
	return ips_staff_add(h, &s);
}

static int
staff_leave(ips *h, int argc, char **argv)
{
	static const struct option lo[] = {
		{ "on", required_argument, NULL, 'O' },
		{ NULL, 0, NULL, 0 },
	};
	const char *on = NULL;
	ips_day day;
	int c, rc;

	while ((c = ips_getopt(h, argc, argv, "", lo, 0)) != -1) {
		if (c == 'O')
			on = optarg;
		else
			return DONE(ips_getopt_end(h, c));
	}
	if (argc - optind != 1 || on == NULL)
		return ips_fail(h, IPS_EUSAGE, "usage: ips staff leave HANDLE "
		    "--on D");
	if ((rc = ips_date_parse(h, "on", on, &day)) != 0)
		return rc;
	return ips_staff_leave(h, argv[optind], day);
}

static int
cmd_staff(ips *h, int argc, char **argv)
{
	int rc;

	if (argc >= 2 && (strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "--help") == 0)) {
		fputs(usage_text, stdout);
		return 0;
	}
	if (argc < 2)
		return ips_fail(h, IPS_EUSAGE, "usage: ips staff add|list|"
		    "leave ...");
	if (strcmp(argv[1], "add") == 0)
		return staff_add(h, argc - 1, argv + 1);
	if (strcmp(argv[1], "leave") == 0)
		return staff_leave(h, argc - 1, argv + 1);
	if (strcmp(argv[1], "list") == 0) {
		if ((rc = no_options(h, argc - 1, argv + 1, IPS_OPT_PSEUDO,
		    0)) != 0)
			return DONE(rc);
		return ips_staff_list(h, stdout);
	}
	return ips_fail(h, IPS_EUSAGE, "unknown command 'staff %.40s'",
	    argv[1]);
}

static int
cmd_check(ips *h, int argc, char **argv)
{
	int rc;

	if ((rc = no_options(h, argc, argv, 0, 0)) != 0)
		return DONE(rc);
	return ips_check(h, stdout);
}

static int
cmd_backup(ips *h, int argc, char **argv)
{
	int rc;

	if ((rc = no_options(h, argc, argv, IPS_OPT_FORCE, 1)) != 0)
		return DONE(rc);
	return ips_backup(h, argv[optind]);
}

static int
cmd_info(ips *h, int argc, char **argv)
{
	int rc;

	if ((rc = no_options(h, argc, argv, 0, 0)) != 0)
		return DONE(rc);
	return ips_info(h, stdout);
}

static int
cmd_log(ips *h, int argc, char **argv)
{
	static const struct option lo[] = {
		{ "since", required_argument, NULL, 'S' },
		{ NULL, 0, NULL, 0 },
	};
	ips_day since = IPS_DAY_NONE;
	int c, rc;

	while ((c = ips_getopt(h, argc, argv, "", lo, IPS_OPT_PSEUDO)) != -1) {
		if (c != 'S')
			return DONE(ips_getopt_end(h, c));
		if ((rc = ips_span_parse(h, "since", optarg, &since)) != 0)
			return rc;
	}
	if (argc - optind > 1)
		return ips_fail(h, IPS_EUSAGE, "usage: ips log [--since D] "
		    "[REF]");
	return ips_log(h, stdout, since, argc > optind ? argv[optind] : NULL);
}

static int
cmd_sql(ips *h, int argc, char **argv)
{
	int rc;

	if ((rc = no_options(h, argc, argv, 0, 1)) != 0)
		return DONE(rc);
	return ips_sql(h, stdout, argv[optind]);
}

static int
cmd_version(ips *h, int argc, char **argv)
{
	int rc;

	if ((rc = no_options(h, argc, argv, 0, 0)) != 0)
		return DONE(rc);
	printf("ips %s (schema %d, SQLite %s)\n", IPS_VERSION,
	    ips_schema_version(), ips_sqlite_version());
	return 0;
}

/* ips client ... runs ips-client ..., from ips's own folder first. */
static int
run_tool(ips *h, const char *self, char **argv)
{
	char path[PATH_MAX], name[64];
	const char *slash;

	snprintf(name, sizeof name, "ips-%s", argv[0]);
	if ((slash = strrchr(self, '/')) != NULL) {
		snprintf(path, sizeof path, "%.*s/%s", (int)(slash - self),
		    self, name);
		argv[0] = path;
		execv(path, argv);
	}
	argv[0] = name;
	execvp(name, argv);
	return ips_fail(h, errno == ENOENT ? IPS_EUSAGE : IPS_EIO,
	    "cannot run '%s': %s", name, strerror(errno));
}

/* The index of the first argument after the common options that may come
 * before a command (-d F, -u H, -o FMT, -H, and their long forms). */
static int
skip_leading(int argc, char **argv)
{
	static const char *const with_arg[] = { "-d", "-u", "-o", "--db",
		"--as", "--format", NULL };
	int i, k;

	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		for (k = 0; with_arg[k] != NULL; k++)
			if (strcmp(argv[i], with_arg[k]) == 0)
				break;
		if (with_arg[k] != NULL)
			i++;
		else if (strcmp(argv[i], "-H") != 0 &&
		    strcmp(argv[i], "--no-header") != 0 &&
		    strncmp(argv[i], "--db=", 5) != 0 &&
		    strncmp(argv[i], "--as=", 5) != 0 &&
		    strncmp(argv[i], "--format=", 9) != 0 &&
		    !(strchr("duo", argv[i][1]) && argv[i][2] != '\0'))
			break;
	}
	return i;
}

static const struct ips_cmd cmds[] = {
	{ "init", cmd_init },
	{ "staff", cmd_staff },
	{ "check", cmd_check },
	{ "backup", cmd_backup },
	{ "info", cmd_info },
	{ "log", cmd_log },
	{ "sql", cmd_sql },
	{ "version", cmd_version },
	{ NULL, NULL },
};

int
main(int argc, char **argv)
{
	static const char *const tools[] = { "client", "employer", "meet",
		"report", NULL };
	ips *h;
	int i, k, rc;

	signal(SIGPIPE, SIG_IGN);
	if ((h = ips_new("ips")) == NULL) {
		fputs("ips: out of memory\n", stderr);
		return IPS_EIO;
	}
	k = skip_leading(argc, argv);
	for (i = 0; k < argc && tools[i] != NULL; i++)
		if (strcmp(argv[k], tools[i]) == 0) {
			/* ips -d x client list: ips-client -d x list */
			char *tool = argv[k];

			memmove(argv + 2, argv + 1, (k - 1) * sizeof *argv);
			argv[1] = tool;
			rc = run_tool(h, argv[0], argv + 1);
			rc = ips_finish(h, rc);
			ips_free(h);
			return rc;
		}
	rc = ips_run(h, cmds, usage_text, argc, argv);
	rc = ips_finish(h, rc);
	ips_free(h);
	return rc;
}
