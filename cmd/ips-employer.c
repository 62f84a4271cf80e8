/*
 * ips-employer - employers, the persons to contact there, and the
 * openings found with them.  Options and operands here; the work is in
 * lib/employer.c and lib/opening.c.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ips.h"

static const char usage_text[] =
"usage: ips-employer add NAME [--business-id ID] [--sector L] [--industry T]\n"
"           [--size N] [--area A] [--address T] [--website URL] [--status S]\n"
"           [--owner H] [--note T]\n"
"       ips-employer list [--sector L] [--area A] [--status S] [--owner H]\n"
"           [--idle PERIOD] [--search TEXT] [--pseudonymize]\n"
"       ips-employer show [--pseudonymize] [REF...]\n"
"       ips-employer set REF --FIELD VALUE...\n"
"       ips-employer edit REF\n"
"       ips-employer contact add EMPLOYER NAME [--role R] [--phone P]\n"
"           [--email E]\n"
"       ips-employer contact list [--pseudonymize] [EMPLOYER...]\n"
"       ips-employer contact set PREF --FIELD VALUE...\n"
"       ips-employer opening add EMPLOYER TITLE [--job-type T] [--positions N]\n"
"           [--hours H] [--requirements R] [--hidden yes|no] [--found D]\n"
"           [--found-by H]\n"
"       ips-employer opening close OREF (--filled-by CREF | --reason R)\n"
"           [--on D]\n"
"       ips-employer opening set OREF --FIELD VALUE...\n"
"       ips-employer openings [--open] [--hidden] [--no-candidates]\n"
"           [--pseudonymize] [EMPLOYER...]\n"
"       ips-employer import [--contacts | --openings] [-f FORMAT] [-n]\n"
"           [FILE | -]\n"
"       ips-employer export [--contacts | --openings] [--pseudonymize]\n"
"common options: -d FILE, -u HANDLE, -o FORMAT, -H, -h, --version\n";

#define DONE(rc) ((rc) < 0 ? 0 : (rc))


static int
usage(ips *h, const char *synopsis)
{
	return ips_fail(h, IPS_EUSAGE, "usage: ips-employer %s", synopsis);
}

/*
 * The --FIELD options of kind k followed by the command's own; *fields
 * keeps the names they point to.  Both are freed by the caller.
 */
static struct option *
options(const struct ips_kind *k, int for_set, const struct option *own,
    struct option **fields)
{
	struct option *all;
	size_t nf = 0, no = 0;

	if ((*fields = ips_field_options(k, for_set)) == NULL)
		return NULL;
	while ((*fields)[nf].name != NULL)
		nf++;
	while (own != NULL && own[no].name != NULL)
		no++;
	if ((all = calloc(nf + no + 1, sizeof *all)) == NULL)
		return NULL;
	memcpy(all, *fields, nf * sizeof *all);
	if (no > 0)
		memcpy(all + nf, own, no * sizeof *all);
	return all;
}

/* Operands into the named fields; --FIELD may stand for one of them. */
static int
operands(ips *h, const struct ips_kind *k, struct ips_values *v, int argc,
    char **argv, const char *const *names, const char *synopsis)
{
	int i, j, n = 0;

	for (i = 0; names[i] != NULL; i++) {
		j = ips_field_index(k, names[i]);
		if (v->v[j] != NULL)
			continue;
		if (n >= argc)
			return usage(h, synopsis);
		v->v[j] = argv[n++];
	}
	if (n != argc)
		return usage(h, synopsis);
	return 0;
}

/* Parses field options and operands of an add, then adds. */
static int
add(ips *h, const struct ips_kind *k, int argc, char **argv,
    const char *const *names, const char *synopsis,
    int (*fn)(ips *, struct ips_values *, ips_id *))
{
	struct ips_values v;
	struct option *lo, *fo = NULL;
	ips_id id;
	int c, rc = 0, status = ips_field_index(k, "status");

	memset(&v, 0, sizeof v);
	if ((lo = options(k, 0, NULL, &fo)) == NULL) {
		free(fo);
		return ips_nomem(h);
	}
	while ((c = ips_getopt(h, argc, argv, "", lo, 0)) != -1) {
		if (c >= IPS_FIELD_OPT) {
			v.v[c - IPS_FIELD_OPT] = optarg;
			continue;
		}
		rc = DONE(ips_getopt_end(h, c));
		goto out;
	}
	/* An opening's status changes by opening close only. */
	if (k == &ips_kind_opening && v.v[status] != NULL) {
		rc = ips_fail(h, IPS_EUSAGE, "unknown option '--status' (see "
		    "'opening close')");
		goto out;
	}
	if ((rc = operands(h, k, &v, argc - optind, argv + optind, names,
	    synopsis)) != 0 || (rc = fn(h, &v, &id)) != 0)
		goto out;
	printf("%c%lld\n", k == &ips_kind_employer ? 'e' : k ==
	    &ips_kind_contact ? 'p' : 'o', (long long)id);
out:
	free(lo);
	free(fo);
	return rc;
}

static int
cmd_add(ips *h, int argc, char **argv)
{
	static const char *const names[] = { "name", NULL };

	return add(h, &ips_kind_employer, argc, argv, names,
	    "add NAME [--FIELD VALUE...]", ips_employer_add);
}

static int
cmd_list(ips *h, int argc, char **argv)
{
	static const struct option lo[] = {
		{ "area", required_argument, NULL, 'A' },
		{ "idle", required_argument, NULL, 'I' },
		{ "owner", required_argument, NULL, 'O' },
		{ "search", required_argument, NULL, 'Q' },
		{ "sector", required_argument, NULL, 'S' },
		{ "status", required_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 },
	};
	struct ips_employer_filter f;
	int c;

	memset(&f, 0, sizeof f);
	while ((c = ips_getopt(h, argc, argv, "", lo, IPS_OPT_PSEUDO)) != -1) {
		switch (c) {
		case 'A':
			f.area = optarg;
			break;
		case 'I':
			f.idle = optarg;
			break;
		case 'O':
			f.owner = optarg;
			break;
		case 'Q':
			f.search = optarg;
			break;
		case 'S':
			f.sector = optarg;
			break;
		case 's':
			f.status = optarg;
			break;
		default:
			return DONE(ips_getopt_end(h, c));
		}
	}
	if (optind != argc)
		return usage(h, "list [--sector L] [--area A] [--status S] "
		    "[--owner H] [--idle PERIOD] [--search TEXT]");
	return ips_employer_list(h, stdout, &f);
}

static int
cmd_show(ips *h, int argc, char **argv)
{
	int c;

	while ((c = ips_getopt(h, argc, argv, "", NULL, IPS_OPT_PSEUDO)) != -1)
		return DONE(ips_getopt_end(h, c));
	return ips_employer_show(h, stdout, argc - optind, argv + optind);
}

/* set, contact set, opening set: one reference, some fields. */
static int
set(ips *h, const struct ips_kind *k, int argc, char **argv,
    const char *synopsis,
    int (*fn)(ips *, const char *, const struct ips_values *))
{
	struct ips_values v;
	struct option *lo, *fo = NULL;
	int c, i, n = 0, rc = 0;

	memset(&v, 0, sizeof v);
	if ((lo = options(k, 1, NULL, &fo)) == NULL) {
		free(fo);
		return ips_nomem(h);
	}
	while ((c = ips_getopt(h, argc, argv, "", lo, 0)) != -1) {
		if (c >= IPS_FIELD_OPT) {
			v.v[c - IPS_FIELD_OPT] = optarg;
			continue;
		}
		rc = DONE(ips_getopt_end(h, c));
		goto out;
	}
	for (i = 0; i < IPS_MAXFIELDS; i++)
		n += v.v[i] != NULL;
	if (argc - optind != 1 || n == 0)
		rc = usage(h, synopsis);
	else
		rc = fn(h, argv[optind], &v);
out:
	free(lo);
	free(fo);
	return rc;
}

static int
cmd_set(ips *h, int argc, char **argv)
{
	return set(h, &ips_kind_employer, argc, argv,
	    "set REF --FIELD VALUE...", ips_employer_set);
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
	if ((rc = ips_employer_edit(h, argv[optind], tmpdir, &result)) != 0)
		return rc;
	/* Like git commit: an emptied file is a change of mind. */
	if (result == IPS_EDIT_ABORTED)
		fputs("ips-employer: edit aborted: empty file\n", stderr);
	else if (result == IPS_EDIT_UNCHANGED)
		fprintf(stderr, "ips-employer: %s: nothing changed\n",
		    argv[optind]);
	return 0;
}

static int
contact_add(ips *h, int argc, char **argv)
{
	static const char *const names[] = { "employer", "name", NULL };

	return add(h, &ips_kind_contact, argc, argv, names,
	    "contact add EMPLOYER NAME [--role R] [--phone P] [--email E]",
	    ips_contact_add);
}

static int
contact_list(ips *h, int argc, char **argv)
{
	int c;

	while ((c = ips_getopt(h, argc, argv, "", NULL, IPS_OPT_PSEUDO)) != -1)
		return DONE(ips_getopt_end(h, c));
	return ips_contact_list(h, stdout, argc - optind, argv + optind);
}

static int
cmd_contact(ips *h, int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "add") == 0)
		return contact_add(h, argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "list") == 0)
		return contact_list(h, argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "set") == 0)
		return set(h, &ips_kind_contact, argc - 1, argv + 1,
		    "contact set PREF --FIELD VALUE...", ips_contact_set);
	if (argc >= 2 && (strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "--help") == 0))
		return DONE(ips_getopt_end(h, 'h'));
	return usage(h, "contact add|list|set ...");
}

static int
opening_add(ips *h, int argc, char **argv)
{
	static const char *const names[] = { "employer", "title", NULL };

	return add(h, &ips_kind_opening, argc, argv, names,
	    "opening add EMPLOYER TITLE [--FIELD VALUE...]", ips_opening_add);
}

static int
opening_close(ips *h, int argc, char **argv)
{
	static const struct option lo[] = {
		{ "filled-by", required_argument, NULL, 'F' },
		{ "on", required_argument, NULL, 'O' },
		{ "reason", required_argument, NULL, 'R' },
		{ NULL, 0, NULL, 0 },
	};
	struct ips_opening_end e = { NULL, NULL, NULL };
	int c;

	while ((c = ips_getopt(h, argc, argv, "", lo, 0)) != -1) {
		switch (c) {
		case 'F':
			e.filled_by = optarg;
			break;
		case 'O':
			e.on = optarg;
			break;
		case 'R':
			e.reason = optarg;
			break;
		default:
			return DONE(ips_getopt_end(h, c));
		}
	}
	if (argc - optind != 1 || (e.filled_by == NULL) == (e.reason == NULL))
		return usage(h, "opening close OREF (--filled-by CREF | "
		    "--reason R) [--on D]");
	return ips_opening_close(h, argv[optind], &e);
}

static int
cmd_opening(ips *h, int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "add") == 0)
		return opening_add(h, argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "close") == 0)
		return opening_close(h, argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "set") == 0)
		return set(h, &ips_kind_opening, argc - 1, argv + 1,
		    "opening set OREF --FIELD VALUE...", ips_opening_set);
	if (argc >= 2 && (strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "--help") == 0))
		return DONE(ips_getopt_end(h, 'h'));
	return usage(h, "opening add|close|set ...");
}

static int
cmd_openings(ips *h, int argc, char **argv)
{
	static const struct option lo[] = {
		{ "hidden", no_argument, NULL, 'X' },
		{ "no-candidates", no_argument, NULL, 'N' },
		{ "open", no_argument, NULL, 'P' },
		{ NULL, 0, NULL, 0 },
	};
	int c, flags = 0;

	while ((c = ips_getopt(h, argc, argv, "", lo, IPS_OPT_PSEUDO)) != -1) {
		switch (c) {
		case 'X':
			flags |= IPS_OPENINGS_HIDDEN;
			break;
		case 'N':
			flags |= IPS_OPENINGS_NO_CANDIDATES;
			break;
		case 'P':
			flags |= IPS_OPENINGS_OPEN;
			break;
		default:
			return DONE(ips_getopt_end(h, c));
		}
	}
	return ips_openings_list(h, stdout, flags, argc - optind,
	    argv + optind);
}

/* --contacts and --openings of import and export. */
static int
which_kind(ips *h, int c, const struct ips_kind **k)
{
	const struct ips_kind *want = c == 'C' ? &ips_kind_contact :
	    &ips_kind_opening;

	if (*k != &ips_kind_employer && *k != want)
		return ips_fail(h, IPS_EUSAGE, "--contacts and --openings "
		    "exclude each other");
	*k = want;
	return 0;
}

static const struct option kind_options[] = {
	{ "contacts", no_argument, NULL, 'C' },
	{ "openings", no_argument, NULL, 'P' },
	{ NULL, 0, NULL, 0 },
};

static int
cmd_import(ips *h, int argc, char **argv)
{
	const struct ips_kind *k = &ips_kind_employer;
	const char *format = NULL;
	int c, rc;

	while ((c = ips_getopt(h, argc, argv, "f:", kind_options,
	    IPS_OPT_DRYRUN)) != -1) {
		if (c == 'f')
			format = optarg;
		else if (c == 'C' || c == 'P') {
			if ((rc = which_kind(h, c, &k)) != 0)
				return rc;
		} else
			return DONE(ips_getopt_end(h, c));
	}
	if (argc - optind > 1)
		return usage(h, "import [--contacts | --openings] [-f FORMAT] "
		    "[-n] [FILE | -]");
	return ips_employer_import(h, k, argc > optind ? argv[optind] : "-",
	    format);
}

static int
cmd_export(ips *h, int argc, char **argv)
{
	const struct ips_kind *k = &ips_kind_employer;
	int c, rc;

	while ((c = ips_getopt(h, argc, argv, "", kind_options,
	    IPS_OPT_PSEUDO)) != -1) {
		if (c != 'C' && c != 'P')
			return DONE(ips_getopt_end(h, c));
		if ((rc = which_kind(h, c, &k)) != 0)
			return rc;
	}
	if (argc != optind)
		return usage(h, "export [--contacts | --openings]");
	return ips_employer_export(h, stdout, k);
}

static const struct ips_cmd cmds[] = {
	{ "add", cmd_add },
	{ "list", cmd_list },
	{ "show", cmd_show },
	{ "set", cmd_set },
	{ "edit", cmd_edit },
	{ "contact", cmd_contact },
	{ "opening", cmd_opening },
	{ "openings", cmd_openings },
	{ "import", cmd_import },
	{ "export", cmd_export },
	{ NULL, NULL },
};

int
main(int argc, char **argv)
{
	return ips_main("ips-employer", cmds, usage_text, argc, argv);
}
