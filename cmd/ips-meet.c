/*
 * ips-meet - the log of meetings: employer contacts and client meetings,
 * and the follow-ups that are due.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ips.h"

static const char usage_text[] =
"usage: ips-meet add (--employer E | --client C) [--on D] [--at HH:MM]\n"
"           [--how H] [--where W] [--minutes N] [--purpose P]\n"
"           [--for CREF,...] [--outcome O] [--next D] [--contact P]\n"
"           [--note TEXT] [--specialist H]\n"
"       ips-meet list [PERIOD] [--specialist H] [--how H] [--purpose P]\n"
"           [--employer E] [--client C] [--pseudonymize] [REF... | -]\n"
"       ips-meet show [--pseudonymize] REF...\n"
"       ips-meet set REF --FIELD VALUE...\n"
"       ips-meet rm REF...\n"
"       ips-meet due [--specialist H] [--on D] [--pseudonymize]\n"
"       ips-meet import [-f FORMAT] [-n] [FILE | -]\n"
"       ips-meet export [PERIOD] [--specialist H] [--how H] [--purpose P]\n"
"           [--employer E] [--client C] [--pseudonymize]\n"
"PERIOD: --week W, --month M, --quarter Q, --year Y, --from D, --to D,\n"
"        --since D\n"
"common options: -d FILE, -u HANDLE, -o FORMAT, -H, -h, --version\n";


#define DONE(rc) ((rc) < 0 ? 0 : (rc))
#define FIELD(c) ((c) >= IPS_FIELD_OPT && (c) < IPS_FIELD_OPT + IPS_MAXFIELDS)

/* The --FIELD options of add (for_set 0) or set into v. */
static int
field_options(ips *h, int argc, char **argv, int for_set,
    struct ips_values *v)
{
	struct option *lo;
	int c, rc = 0;

	memset(v, 0, sizeof *v);
	if ((lo = ips_field_options(&ips_kind_meeting, for_set)) == NULL)
		return ips_nomem(h);
	while ((c = ips_getopt(h, argc, argv, "", lo, 0)) != -1) {
		if (FIELD(c))
			v->v[c - IPS_FIELD_OPT] = optarg;
		else if ((rc = ips_getopt_end(h, c)) != 0)
			break;
	}
	free(lo);
	return rc;
}

static int
cmd_add(ips *h, int argc, char **argv)
{
	struct ips_values v;
	ips_id id;
	int rc;

	if ((rc = field_options(h, argc, argv, 0, &v)) != 0)
		return DONE(rc);
	if (optind != argc)
		return ips_fail(h, IPS_EUSAGE, "add takes options only, not "
		    "'%.40s' (see 'ips-meet --help')", argv[optind]);
	if ((rc = ips_meet_add(h, &v, &id)) != 0)
		return rc;
	printf("m%lld\n", (long long)id);
	return 0;
}

static int
cmd_set(ips *h, int argc, char **argv)
{
	struct ips_values v;
	int rc;

	if ((rc = field_options(h, argc, argv, 1, &v)) != 0)
		return DONE(rc);
	if (argc - optind != 1)
		return ips_fail(h, IPS_EUSAGE, "usage: ips-meet set REF "
		    "--FIELD VALUE...");
	return ips_meet_set(h, argv[optind], &v);
}

/* Above the values ips_getopt uses for the common options. */
enum {
	O_SPECIALIST = 0x1000, O_HOW, O_PURPOSE, O_EMPLOYER, O_CLIENT, O_ON,
};

/* The filters of list and export. */
static int
filter_options(ips *h, int argc, char **argv, struct ips_meet_filter *f)
{
	static const struct option lo[] = {
		{ "client", required_argument, NULL, O_CLIENT },
		{ "employer", required_argument, NULL, O_EMPLOYER },
		{ "how", required_argument, NULL, O_HOW },
		{ "purpose", required_argument, NULL, O_PURPOSE },
		{ "specialist", required_argument, NULL, O_SPECIALIST },
		{ NULL, 0, NULL, 0 },
	};
	int c, rc;

	memset(f, 0, sizeof *f);
	while ((c = ips_getopt(h, argc, argv, "", lo, IPS_OPT_PERIOD |
	    IPS_OPT_PSEUDO)) != -1) {
		switch (c) {
		case O_CLIENT:
			f->client = optarg;
			break;
		case O_EMPLOYER:
			f->employer = optarg;
			break;
		case O_HOW:
			f->how = optarg;
			break;
		case O_PURPOSE:
			f->purpose = optarg;
			break;
		case O_SPECIALIST:
			f->specialist = optarg;
			break;
		default:
			if ((rc = ips_getopt_end(h, c)) != 0)
				return rc;
		}
	}
	return 0;
}

static int
cmd_list(ips *h, int argc, char **argv)
{
	struct ips_meet_filter f;
	int rc;

	if ((rc = filter_options(h, argc, argv, &f)) != 0)
		return DONE(rc);
	return ips_meet_list(h, stdout, &f, argc - optind, argv + optind);
}

static int
cmd_export(ips *h, int argc, char **argv)
{
	struct ips_meet_filter f;
	int rc;

	if ((rc = filter_options(h, argc, argv, &f)) != 0)
		return DONE(rc);
	if (optind != argc)
		return ips_fail(h, IPS_EUSAGE, "export takes no references "
		    "(see 'ips-meet --help')");
	return ips_meet_export(h, stdout, &f);
}

/* Commands that take only the common options and references. */
static int
refs_only(ips *h, int argc, char **argv, int groups)
{
	int c, rc;

	while ((c = ips_getopt(h, argc, argv, "", NULL, groups)) != -1)
		if ((rc = ips_getopt_end(h, c)) != 0)
			return rc;
	return 0;
}

static int
cmd_show(ips *h, int argc, char **argv)
{
	int rc;

	if ((rc = refs_only(h, argc, argv, IPS_OPT_PSEUDO)) != 0)
		return DONE(rc);
	return ips_meet_show(h, stdout, argc - optind, argv + optind);
}

static int
cmd_rm(ips *h, int argc, char **argv)
{
	int rc;

	if ((rc = refs_only(h, argc, argv, 0)) != 0)
		return DONE(rc);
	return ips_meet_rm(h, argc - optind, argv + optind);
}

static int
cmd_due(ips *h, int argc, char **argv)
{
	static const struct option lo[] = {
		{ "on", required_argument, NULL, O_ON },
		{ "specialist", required_argument, NULL, O_SPECIALIST },
		{ NULL, 0, NULL, 0 },
	};
	const char *specialist = NULL;
	ips_day on = IPS_DAY_NONE;
	int c, rc;

	while ((c = ips_getopt(h, argc, argv, "", lo, IPS_OPT_PSEUDO)) != -1) {
		if (c == O_SPECIALIST)
			specialist = optarg;
		else if (c == O_ON) {
			if ((rc = ips_date_parse(h, "on", optarg, &on)) != 0)
				return rc;
		} else if ((rc = ips_getopt_end(h, c)) != 0)
			return DONE(rc);
	}
	if (optind != argc)
		return ips_fail(h, IPS_EUSAGE, "due takes no arguments "
		    "(see 'ips-meet --help')");
	return ips_meet_due(h, stdout, specialist, on);
}

static int
cmd_import(ips *h, int argc, char **argv)
{
	const char *format = NULL;
	int c, rc;

	while ((c = ips_getopt(h, argc, argv, "f:", NULL, IPS_OPT_DRYRUN)) !=
	    -1) {
		if (c == 'f')
			format = optarg;
		else if ((rc = ips_getopt_end(h, c)) != 0)
			return DONE(rc);
	}
	if (argc - optind > 1)
		return ips_fail(h, IPS_EUSAGE, "usage: ips-meet import "
		    "[-f FORMAT] [-n] [FILE | -]");
	return ips_meet_import(h, argc > optind ? argv[optind] : "-", format);
}

static const struct ips_cmd cmds[] = {
	{ "add", cmd_add },
	{ "due", cmd_due },
	{ "export", cmd_export },
	{ "import", cmd_import },
	{ "list", cmd_list },
	{ "rm", cmd_rm },
	{ "set", cmd_set },
	{ "show", cmd_show },
	{ NULL, NULL },
};

int
main(int argc, char **argv)
{
	return ips_main("ips-meet", cmds, usage_text, argc, argv);
}
