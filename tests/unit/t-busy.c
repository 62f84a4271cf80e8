/*
 * t-busy.c - a database that turns busy between opening it and reading
 * it: every read of libips then fails with IPS_EBUSY (exit 75, "try
 * again"), never with another status, a half answer or success.
 *
 * The CLI tests cannot take a lock at that moment.  Here another
 * connection does: the file is put in rollback-journal mode, where a
 * reader holds no lock between statements, so that the other
 * connection's BEGIN EXCLUSIVE turns every later read away.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"
#include "tap.h"

static char dir[64];
static char db[96];

/* A small database with one of everything, written through libips. */
static int
setup(void)
{
	struct ips_staff ana = { "ana", "Ana Virtanen", NULL, 0 };
	struct ips_values v;
	ips_id id;
	ips *w;
	int rc;

	if ((w = ips_new("t-busy")) == NULL)
		return -1;
	rc = ips_staff_add(w, &ana);
	memset(&v, 0, sizeof v);
	v.v[ips_field_index(&ips_kind_client, "name")] = "Aino Kärkkäinen";
	v.v[ips_field_index(&ips_kind_client, "specialist")] = "ana";
	if (rc == 0)
		rc = ips_client_add(w, &v, &id);
	memset(&v, 0, sizeof v);
	v.v[ips_field_index(&ips_kind_employer, "name")] = "Kespro Oy";
	if (rc == 0)
		rc = ips_employer_add(w, &v, &id);
	memset(&v, 0, sizeof v);
	v.v[ips_field_index(&ips_kind_meeting, "specialist")] = "ana";
	v.v[ips_field_index(&ips_kind_meeting, "employer")] = "e1";
	v.v[ips_field_index(&ips_kind_meeting, "for")] = "c1";
	if (rc == 0)
		rc = ips_meet_add(w, &v, &id);
	if (rc != 0)
		printf("# setup: %s\n", ips_errmsg(w));
	ips_free(w);
	return rc;
}

static FILE *null;

/* Each read, by name; 0 or a status. */
static int
run(ips *h, int i, const char **name)
{
	static const struct ips_report_opts ro = { NULL, NULL, 0,
		IPS_DAY_NONE };
	static const struct ips_client_filter cf;
	static const struct ips_employer_filter ef;
	static const struct ips_job_filter jf;
	static char *c1[] = { "c1", NULL }, *e1[] = { "e1", NULL };
	static char *m1[] = { "m1", NULL };

	h->pseudonymize = 0;
	h->format = IPS_FMT_TSV;
	switch (i) {
	case 0:
		*name = "client list --pseudonymize";
		h->pseudonymize = 1;
		return ips_client_list(h, null, &cf, 0, NULL);
	case 1:
		*name = "employer export --pseudonymize";
		h->pseudonymize = 1;
		return ips_employer_export(h, null, &ips_kind_employer);
	case 2:
		*name = "client list";
		return ips_client_list(h, null, &cf, 0, NULL);
	case 3:
		*name = "client show (table)";
		h->format = IPS_FMT_TABLE;
		return ips_client_show(h, null, 1, c1);
	case 4:
		*name = "client history";
		return ips_client_history(h, null, "c1");
	case 5:
		*name = "client export";
		return ips_client_export(h, null);
	case 6:
		*name = "job list";
		return ips_job_list(h, null, &jf, 0, NULL);
	case 7:
		*name = "client match";
		return ips_match(h, null, 0, NULL);
	case 8:
		*name = "employer list";
		return ips_employer_list(h, null, &ef);
	case 9:
		*name = "employer show (table)";
		h->format = IPS_FMT_TABLE;
		return ips_employer_show(h, null, 1, e1);
	case 10:
		*name = "employer contact list";
		return ips_contact_list(h, null, 0, NULL);
	case 11:
		*name = "employer openings";
		return ips_openings_list(h, null, 0, 0, NULL);
	case 12:
		*name = "meet list";
		return ips_meet_list(h, null, NULL, 0, NULL);
	case 13:
		*name = "meet show";
		return ips_meet_show(h, null, 1, m1);
	case 14:
		*name = "meet due";
		return ips_meet_due(h, null, NULL, IPS_DAY_NONE);
	case 15:
		*name = "report weekly";
		return ips_report_weekly(h, null, &ro);
	case 16:
		*name = "report fidelity";
		return ips_report_fidelity(h, null, &ro);
	case 17:
		*name = "report outcomes";
		return ips_report_outcomes(h, null, &ro);
	case 18:
		*name = "report caseload";
		return ips_report_caseload(h, null, &ro);
	case 19:
		*name = "report openings";
		return ips_report_openings(h, null, &ro);
	case 20:
		*name = "staff list";
		return ips_staff_list(h, null);
	case 21:
		*name = "ips check";
		return ips_check(h, null);
	case 22:
		*name = "ips info";
		return ips_info(h, null);
	case 23:
		*name = "ips log";
		return ips_log(h, null, IPS_DAY_NONE, NULL);
	case 24:
		*name = "ips sql";
		return ips_sql(h, null, "SELECT count(*) FROM client");
	default:
		return -1;
	}
}

int
main(void)
{
	const char *name;
	sqlite3 *other = NULL;
	ips *h;
	int i, rc;

	snprintf(dir, sizeof dir, "%s/t-busy.XXXXXX",
	    getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (mkdtemp(dir) == NULL) {
		printf("Bail out! cannot make a scratch folder\n");
		return 1;
	}
	snprintf(db, sizeof db, "%s/ips.db", dir);
	setenv("IPS_DB", db, 1);
	unsetenv("IPS_USER");
	unsetenv("IPS_CONFIG");
	setenv("XDG_CONFIG_HOME", dir, 1);
	setenv("IPS_TODAY", "2026-11-23", 1);
	/* Every read below waits this long, then gives up. */
	setenv("IPS_BUSY_TIMEOUT", "20", 1);
	if ((null = fopen("/dev/null", "w")) == NULL || setup() != 0 ||
	    sqlite3_open(db, &other) != SQLITE_OK ||
	    sqlite3_exec(other, "PRAGMA journal_mode = DELETE", NULL, NULL,
	    NULL) != SQLITE_OK) {
		printf("Bail out! cannot set up the database\n");
		return 1;
	}

	/* Opened while the file is free; locked before any read. */
	if ((h = ips_new("t-busy")) == NULL)
		return 1;
	is_int(ips_open(h, IPS_READ), 0, "the database opens for reading");
	is_int(sqlite3_exec(other, "BEGIN EXCLUSIVE", NULL, NULL, NULL),
	    SQLITE_OK, "another connection takes the file");
	for (i = 0; (rc = run(h, i, &name)) != -1; i++) {
		char what[96];

		snprintf(what, sizeof what, "%s: busy (75)", name);
		is_int(rc, IPS_EBUSY, what);
		if (rc != IPS_EBUSY)
			printf("#   message: %s\n", ips_errmsg(h));
	}

	run(h, 0, &name);
	is_str(ips_errmsg(h), "database is busy: try again",
	    "the message says so, not that the pseudonym key is missing");

	/* Free again: the same reads answer, whatever ran before. */
	is_int(sqlite3_exec(other, "ROLLBACK", NULL, NULL, NULL), SQLITE_OK,
	    "the other connection lets go");
	for (i = 0; (rc = run(h, i, &name)) != -1; i++) {
		char what[96];

		snprintf(what, sizeof what, "%s: then answers", name);
		is_int(rc, 0, what);
		if (rc != 0)
			printf("#   message: %s\n", ips_errmsg(h));
	}
	is_int(ips_sql(h, null, "SELECT 1"), 0, "ips sql");
	h->pseudonymize = 1;
	is_int(ips_client_list(h, null, &(struct ips_client_filter){ 0 }, 0,
	    NULL), 0, "ips sql leaves no guard behind: the pseudonym key reads");

	ips_free(h);
	sqlite3_close(other);
	fclose(null);
	{
		char cmd[128];

		snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
		if (system(cmd) != 0)
			printf("# cannot remove %s\n", dir);
	}
	return tap_done();
}
