/*
 * ips-client - job seekers: their profile, status history and jobs, and
 * erasure on request.  Options and operands here; the work is in
 * lib/client.c and lib/job.c.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ips.h"

static const char usage_text[] =
"usage: ips-client add NAME [--FIELD VALUE...]\n"
"       ips-client list [--specialist H] [--status S] [--area A]\n"
"           [--idle SPAN] [--search TEXT] [--pseudonymize] [REF... | -]\n"
"       ips-client show [--pseudonymize] REF... | -\n"
"       ips-client set REF --FIELD VALUE...\n"
"       ips-client edit REF\n"
"       ips-client status REF [STATUS] [--on D] [--reason TEXT]\n"
"           [--pseudonymize]\n"
"       ips-client job add REF --employer E --title T --start D\n"
"           [--job-type T] [--hours N] [--wage X] [--competitive yes|no]\n"
"           [--opening O]\n"
"       ips-client job end JREF --end D --end-reason R\n"
"       ips-client job list [--client C] [--employer E] [--current] [PERIOD]\n"
"           [REF... | -]\n"
"       ips-client match [--top N | --all] [--pseudonymize] [REF... | -]\n"
"       ips-client import [-f FORMAT] [-n] [FILE | -]\n"
"       ips-client export [--pseudonymize]\n"
"       ips-client erase REF --yes\n"
"FIELD: name, specialist, enrolled, status, phone, email, area, goal,\n"
"       job-types, hours-wanted, education, experience, interests,\n"
"       disclosure, benefits-planning, note\n"
"PERIOD: --week W, --month M, --quarter Q, --year Y, --from D, --to D,\n"
"        --since D\n"
"common options: -d FILE, -u HANDLE, -o FORMAT, -H, -h, --version\n";

enum {
	OPT_SPECIALIST = 0x200, OPT_STATUS, OPT_AREA, OPT_IDLE, OPT_SEARCH,
	OPT_ON, OPT_REASON, OPT_CLIENT, OPT_EMPLOYER, OPT_CURRENT, OPT_END,
	OPT_END_REASON, OPT_TOP, OPT_ALL,
};

#define DONE(rc) ((rc) < 0 ? 0 : (rc))
#define FIELD(c) ((c) >= IPS_FIELD_OPT && (c) < IPS_FIELD_OPT + IPS_MAXFIELDS)


static int
usage(ips *h, const char *synopsis)
{
	return ips_fail(h, IPS_EUSAGE, "usage: ips-client %s", synopsis);
}

/* Parses --FIELD options of kind k into v; the operands are left at
 * argv[optind...].  Returns -1 after help. */
static int
field_options(ips *h, int argc, char **argv, const struct ips_kind *k,
    int for_set, struct ips_values *v)
{
	struct option *lo;
	int c, rc = 0;

	memset(v, 0, sizeof *v);
	if ((lo = ips_field_options(k, for_set)) == NULL)
		return ips_fail(h, IPS_EIO, "out of memory");
	while ((c = ips_getopt(h, argc, argv, "", lo, 0)) != -1) {
		if (!FIELD(c)) {
			rc = ips_getopt_end(h, c);
			break;
		}
		v->v[c - IPS_FIELD_OPT] = optarg;
	}
	free(lo);
	return rc;
}

static int
cmd_add(ips *h, int argc, char **argv)
{
	struct ips_values v;
	ips_id id;
	int rc, name = ips_field_index(&ips_kind_client, "name");

	if ((rc = field_options(h, argc, argv, &ips_kind_client, 0, &v)) != 0)
		return DONE(rc);
	/* The name as the operand, or as --name: one of them. */
	if (argc - optind > 1 || (argc - optind == 1) == (v.v[name] != NULL))
		return usage(h, "add NAME [--FIELD VALUE...]");
	if (argc - optind == 1)
		v.v[name] = argv[optind];
	if ((rc = ips_client_add(h, &v, &id)) != 0)
		return rc;
	printf("c%lld\n", (long long)id);
	return 0;
}

static int
cmd_list(ips *h, int argc, char **argv)
{
	static const struct option lo[] = {
		{ "specialist", required_argument, NULL, OPT_SPECIALIST },
		{ "status", required_argument, NULL, OPT_STATUS },
		{ "area", required_argument, NULL, OPT_AREA },
		{ "idle", required_argument, NULL, OPT_IDLE },
		{ "search", required_argument, NULL, OPT_SEARCH },
		{ NULL, 0, NULL, 0 },
	};
	struct ips_client_filter f;
	int c;

	memset(&f, 0, sizeof f);
	while ((c = ips_getopt(h, argc, argv, "", lo, IPS_OPT_PSEUDO)) != -1) {
		switch (c) {
		case OPT_SPECIALIST:
			f.specialist = optarg;
			break;
		case OPT_STATUS:
			f.status = optarg;
			break;
		case OPT_AREA:
			f.area = optarg;
			break;
		case OPT_IDLE:
			f.idle = optarg;
			break;
		case OPT_SEARCH:
			f.search = optarg;
			break;
		default:
			return DONE(ips_getopt_end(h, c));
		}
	}
	return ips_client_list(h, stdout, &f, argc - optind, argv + optind);
}

static int
cmd_show(ips *h, int argc, char **argv)
{
	int c;

	while ((c = ips_getopt(h, argc, argv, "", NULL, IPS_OPT_PSEUDO)) != -1)
		return DONE(ips_getopt_end(h, c));
	/* Nothing named and nothing piped in is a mistake, not "none". */
	if (ips_refs_source(argc - optind, argv + optind) == IPS_REFS_NONE)
		return usage(h, "show [--pseudonymize] REF... | -");
	return ips_client_show(h, stdout, argc - optind, argv + optind);
}

static int
cmd_set(ips *h, int argc, char **argv)
{
	struct ips_values v;
	int i, rc, any = 0;

	if ((rc = field_options(h, argc, argv, &ips_kind_client, 1, &v)) != 0)
		return DONE(rc);
	for (i = 0; i < IPS_MAXFIELDS; i++)
		any |= v.v[i] != NULL;
	if (argc - optind != 1 || !any)
		return usage(h, "set REF --FIELD VALUE...");
	return ips_client_set(h, argv[optind], &v);
}

static int
cmd_edit(ips *h, int argc, char **argv)
{
	const char *tmpdir;
	int c, rc, result;

	while ((c = ips_getopt(h, argc, argv, "", NULL, 0)) != -1)
		return DONE(ips_getopt_end(h, c));
	if (argc - optind != 1)
		return usage(h, "edit REF");
	if ((tmpdir = getenv("TMPDIR")) == NULL || tmpdir[0] == '\0')
		tmpdir = "/tmp";
	if ((rc = ips_client_edit(h, argv[optind], tmpdir, &result)) != 0)
		return rc;
	/* As git commit: an emptied file is a change of mind. */
	if (result == IPS_EDIT_ABORTED)
		fputs("ips-client: edit aborted: empty file\n", stderr);
	else if (result == IPS_EDIT_UNCHANGED)
		fputs("ips-client: nothing changed\n", stderr);
	return 0;
}

static int
cmd_status(ips *h, int argc, char **argv)
{
	static const struct option lo[] = {
		{ "on", required_argument, NULL, OPT_ON },
		{ "reason", required_argument, NULL, OPT_REASON },
		{ NULL, 0, NULL, 0 },
	};
	const char *on = NULL, *reason = NULL;
	int c, n;

	while ((c = ips_getopt(h, argc, argv, "", lo, IPS_OPT_PSEUDO)) != -1) {
		if (c == OPT_ON)
			on = optarg;
		else if (c == OPT_REASON)
			reason = optarg;
		else
			return DONE(ips_getopt_end(h, c));
	}
	n = argc - optind;
	if (n < 1 || n > 2 || (n == 1 && reason != NULL))
		return usage(h, "status REF [STATUS] [--on D] [--reason TEXT]");
	if (n == 2)
		return ips_client_status(h, argv[optind], argv[optind + 1], on,
		    reason);
	if (on != NULL)
		return ips_client_status_on(h, stdout, argv[optind], on);
	return ips_client_history(h, stdout, argv[optind]);
}

static int
job_add(ips *h, int argc, char **argv)
{
	struct ips_values v;
	const char *client;
	ips_id id;
	int rc, ci = ips_field_index(&ips_kind_job, "client");

	if ((rc = field_options(h, argc, argv, &ips_kind_job, 0, &v)) != 0)
		return DONE(rc);
	if (argc - optind > 1 || (argc - optind == 1) == (v.v[ci] != NULL))
		return usage(h, "job add REF --employer E --title T --start D "
		    "[...]");
	client = argc - optind == 1 ? argv[optind] : v.v[ci];
	if ((rc = ips_job_add(h, client, &v, &id)) != 0)
		return rc;
	printf("j%lld\n", (long long)id);
	return 0;
}

static int
job_end(ips *h, int argc, char **argv)
{
	static const struct option lo[] = {
		{ "end", required_argument, NULL, OPT_END },
		{ "end-reason", required_argument, NULL, OPT_END_REASON },
		{ NULL, 0, NULL, 0 },
	};
	const char *end = NULL, *reason = NULL;
	int c;

	while ((c = ips_getopt(h, argc, argv, "", lo, 0)) != -1) {
		if (c == OPT_END)
			end = optarg;
		else if (c == OPT_END_REASON)
			reason = optarg;
		else
			return DONE(ips_getopt_end(h, c));
	}
	if (argc - optind != 1 || end == NULL || reason == NULL)
		return usage(h, "job end JREF --end D --end-reason R");
	return ips_job_end(h, argv[optind], end, reason);
}

static int
job_list(ips *h, int argc, char **argv)
{
	static const struct option lo[] = {
		{ "client", required_argument, NULL, OPT_CLIENT },
		{ "employer", required_argument, NULL, OPT_EMPLOYER },
		{ "current", no_argument, NULL, OPT_CURRENT },
		{ NULL, 0, NULL, 0 },
	};
	struct ips_job_filter f;
	int c;

	memset(&f, 0, sizeof f);
	while ((c = ips_getopt(h, argc, argv, "", lo, IPS_OPT_PERIOD |
	    IPS_OPT_PSEUDO)) != -1) {
		if (c == OPT_CLIENT)
			f.client = optarg;
		else if (c == OPT_EMPLOYER)
			f.employer = optarg;
		else if (c == OPT_CURRENT)
			f.current = 1;
		else
			return DONE(ips_getopt_end(h, c));
	}
	return ips_job_list(h, stdout, &f, argc - optind, argv + optind);
}

static int
cmd_job(ips *h, int argc, char **argv)
{
	if (argc >= 2 && (strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "--help") == 0)) {
		fputs(usage_text, stdout);
		return 0;
	}
	if (argc < 2)
		return usage(h, "job add|end|list ...");
	if (strcmp(argv[1], "add") == 0)
		return job_add(h, argc - 1, argv + 1);
	if (strcmp(argv[1], "end") == 0)
		return job_end(h, argc - 1, argv + 1);
	if (strcmp(argv[1], "list") == 0)
		return job_list(h, argc - 1, argv + 1);
	return ips_fail(h, IPS_EUSAGE, "unknown command 'job %.40s' (see "
	    "'ips-client --help')", argv[1]);
}

/* match lives in lib/match.c (ips-report's side of the toolkit). */
static int
cmd_match(ips *h, int argc, char **argv)
{
	static const struct option lo[] = {
		{ "top", required_argument, NULL, OPT_TOP },
		{ "all", no_argument, NULL, OPT_ALL },
		{ NULL, 0, NULL, 0 },
	};
	long long top = IPS_MATCH_TOP;
	int c, rc;

	while ((c = ips_getopt(h, argc, argv, "", lo, IPS_OPT_PSEUDO)) != -1) {
		if (c == OPT_TOP) {
			if ((rc = ips_check_int(h, "top", optarg, 1, 1000000,
			    &top)) != 0)
				return rc;
		} else if (c == OPT_ALL)
			top = 0;
		else
			return DONE(ips_getopt_end(h, c));
	}
	return ips_match_top(h, stdout, (int)top, argc - optind,
	    argv + optind);
}

static int
cmd_export(ips *h, int argc, char **argv)
{
	int c;

	while ((c = ips_getopt(h, argc, argv, "", NULL, IPS_OPT_PSEUDO)) != -1)
		return DONE(ips_getopt_end(h, c));
	if (argc != optind)
		return usage(h, "export [--pseudonymize]");
	return ips_client_export(h, stdout);
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
		return usage(h, "import [-f FORMAT] [-n] [FILE | -]");
	return ips_client_import(h, argc > optind ? argv[optind] : "-",
	    format);
}

static int
cmd_erase(ips *h, int argc, char **argv)
{
	int c;

	while ((c = ips_getopt(h, argc, argv, "", NULL, IPS_OPT_YES)) != -1)
		return DONE(ips_getopt_end(h, c));
	if (argc - optind != 1)
		return usage(h, "erase REF --yes");
	if (!ips_yes(h))
		return ips_fail(h, IPS_EUSAGE, "erase removes the client's "
		    "personal data for good: add --yes to go ahead");
	return ips_client_erase(h, argv[optind]);
}

static const struct ips_cmd cmds[] = {
	{ "add", cmd_add },
	{ "list", cmd_list },
	{ "show", cmd_show },
	{ "set", cmd_set },
	{ "edit", cmd_edit },
	{ "status", cmd_status },
	{ "job", cmd_job },
	{ "export", cmd_export },
	{ "import", cmd_import },
	{ "match", cmd_match },
	{ "erase", cmd_erase },
	{ NULL, NULL },
};

int
main(int argc, char **argv)
{
	return ips_main("ips-client", cmds, usage_text, argc, argv);
}
