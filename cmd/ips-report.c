/*
 * ips-report - the numbers a team lead acts on: the weekly report, the
 * fidelity evidence, outcomes, caseloads and the openings funnel.
 */
#include <getopt.h>
#include <stdio.h>

#include "ips.h"

static const char usage_text[] =
"usage: ips-report weekly [--week W] [--specialist H] [--team T] [--check]\n"
"       ips-report fidelity [PERIOD] [--specialist H] [--team T]\n"
"       ips-report outcomes [PERIOD] [--specialist H] [--team T]\n"
"       ips-report caseload [--on D | PERIOD] [--specialist H] [--team T]\n"
"       ips-report openings [PERIOD] [--specialist H] [--team T]\n"
"common options: -d FILE, -u HANDLE, -o FORMAT, -H, -h, --version\n";

enum { OPT_SPECIALIST = 0x200, OPT_TEAM, OPT_CHECK, OPT_ON };

/* What a report accepts besides the filters. */
enum { WITH_CHECK = 1, WITH_ON = 2 };

/* Parses the options of one report; -1 when it printed help. */
static int
options(ips *h, int argc, char **argv, int extra,
    struct ips_report_opts *o)
{
	static const struct option lo[] = {
		{ "specialist", required_argument, NULL, OPT_SPECIALIST },
		{ "team", required_argument, NULL, OPT_TEAM },
		{ "check", no_argument, NULL, OPT_CHECK },
		{ "on", required_argument, NULL, OPT_ON },
		{ NULL, 0, NULL, 0 },
	};
	int c, rc;

	o->specialist = o->team = NULL;
	o->check = 0;
	o->on = IPS_DAY_NONE;
	while ((c = ips_getopt(h, argc, argv, "", lo, IPS_OPT_PERIOD |
	    IPS_OPT_PSEUDO)) != -1) {
		switch (c) {
		case OPT_SPECIALIST:
			o->specialist = optarg;
			break;
		case OPT_TEAM:
			o->team = optarg;
			break;
		case OPT_CHECK:
			if (!(extra & WITH_CHECK))
				return ips_fail(h, IPS_EUSAGE, "--check is "
				    "an option of weekly only");
			o->check = 1;
			break;
		case OPT_ON:
			if (!(extra & WITH_ON))
				return ips_fail(h, IPS_EUSAGE, "--on is an "
				    "option of caseload only");
			if ((rc = ips_date_parse(h, "on", optarg, &o->on)) != 0)
				return rc;
			break;
		default:
			return ips_getopt_end(h, c);
		}
	}
	if (optind < argc)
		return ips_fail(h, IPS_EUSAGE, "unexpected argument '%.40s' "
		    "(see 'ips-report --help')", argv[optind]);
	return 0;
}

#define REPORT(name, extra, fn) \
static int \
cmd_##name(ips *h, int argc, char **argv) \
{ \
	struct ips_report_opts o; \
	int rc; \
	if ((rc = options(h, argc, argv, extra, &o)) != 0) \
		return rc < 0 ? 0 : rc; \
	return fn(h, stdout, &o); \
}

REPORT(weekly, WITH_CHECK, ips_report_weekly)
REPORT(fidelity, 0, ips_report_fidelity)
REPORT(outcomes, 0, ips_report_outcomes)
REPORT(caseload, WITH_ON, ips_report_caseload)
REPORT(openings, 0, ips_report_openings)

static const struct ips_cmd cmds[] = {
	{ "weekly", cmd_weekly },
	{ "fidelity", cmd_fidelity },
	{ "outcomes", cmd_outcomes },
	{ "caseload", cmd_caseload },
	{ "openings", cmd_openings },
	{ NULL, NULL },
};

int
main(int argc, char **argv)
{
	return ips_main("ips-report", cmds, usage_text, argc, argv);
}
