/*
 * job.c - the jobs clients hold: starting one (which makes the client
 * working, and may fill the opening it came from), ending one, listing.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static int
field(const char *name)
{
	return ips_field_index(&ips_kind_job, name);
}

/* What adding a job learns on the way, and copies of the opening's texts
 * that fill in what was left out. */
struct job_add {
	struct ips_client_row client;
	ips_id opening;			/* 0: none */
	ips_id opening_employer;
	char opening_ref[24];
	char opening_found[11];
	char employer[24];
	char title[4 * IPS_NAME_MAX + 1];
	char job_type[4 * IPS_NAME_MAX + 1];
	char hours[32];
	char start[11];
};

static void
copy_column(sqlite3_stmt *st, int col, char *buf, size_t n,
    const char **slot)
{
	const char *s;

	if (*slot != NULL || sqlite3_column_type(st, col) == SQLITE_NULL ||
	    (s = (const char *)sqlite3_column_text(st, col)) == NULL)
		return;
	snprintf(buf, n, "%s", s);
	*slot = buf;
}

/* The opening a job comes from: still open, and what it says fills in the
 * employer, title, job type and hours left out. */
static int
opening_load(ips *h, struct ips_values *v, struct job_add *a)
{
	sqlite3_stmt *st;
	const char *s;
	int rc;

	if ((rc = ips_resolve(h, IPS_REF_OPENING, v->v[field("opening")],
	    &a->opening)) != 0)
		return rc;
	snprintf(a->opening_ref, sizeof a->opening_ref, "o%lld",
	    (long long)a->opening);
	if ((rc = ips_prepare(h, "SELECT employer_id, title, job_type, hours, "
	    "status, found_on FROM opening WHERE id = ?", &st)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, a->opening);
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		sqlite3_finalize(st);
		return ips_db_fail(h, rc == SQLITE_DONE ? SQLITE_CORRUPT : rc);
	}
	a->opening_employer = sqlite3_column_int64(st, 0);
	s = (const char *)sqlite3_column_text(st, 4);
	if (s == NULL || strcmp(s, "open") != 0) {
		rc = ips_fail(h, IPS_EDATA, "opening: %s is %s, not open",
		    a->opening_ref, s ? s : "closed");
		sqlite3_finalize(st);
		return rc;
	}
	snprintf(a->opening_found, sizeof a->opening_found, "%s",
	    (const char *)sqlite3_column_text(st, 5));
	snprintf(a->employer, sizeof a->employer, "e%lld",
	    (long long)a->opening_employer);
	if (v->v[field("employer")] == NULL)
		v->v[field("employer")] = a->employer;
	copy_column(st, 1, a->title, sizeof a->title, &v->v[field("title")]);
	copy_column(st, 2, a->job_type, sizeof a->job_type,
	    &v->v[field("job_type")]);
	if (v->v[field("hours")] == NULL &&
	    sqlite3_column_type(st, 3) != SQLITE_NULL) {
		snprintf(a->hours, sizeof a->hours, "%g",
		    sqlite3_column_double(st, 3));
		v->v[field("hours")] = a->hours;
	}
	sqlite3_finalize(st);
	return 0;
}

static int
job_defaults(ips *h, struct ips_values *v, void *arg)
{
	struct job_add *a = arg;
	int rc;

	if ((rc = ips_client_get(h, v->v[field("client")], &a->client)) != 0)
		return rc;
	if (a->client.erased)
		return ips_fail(h, IPS_EDATA, "%s: erased", a->client.ref);
	if (v->v[field("opening")] != NULL && v->v[field("opening")][0] != '\0')
		return opening_load(h, v, a);
	return 0;
}

static int
job_check(ips *h, const struct ips_values *v, void *arg)
{
	struct job_add *a = arg;
	const char *s;
	ips_day day;
	ips_id emp;
	int rc;

	if ((s = v->v[field("start")]) == NULL || s[0] == '\0')
		return ips_fail(h, IPS_EDATA, "start: missing");
	if ((rc = ips_date_parse(h, "start", s, &day)) != 0)
		return rc;
	ips_day_format(day, a->start);
	/* A job before enrolment is not one the service helped to find. */
	if (strcmp(a->start, a->client.enrolled) < 0)
		return ips_fail(h, IPS_EDATA, "%s: job start before the "
		    "client's enrolment", a->client.ref);
	if (a->opening == 0)
		return 0;
	if ((s = v->v[field("employer")]) == NULL || s[0] == '\0')
		return ips_fail(h, IPS_EDATA, "employer: missing");
	if ((rc = ips_resolve(h, IPS_REF_EMPLOYER, s, &emp)) != 0)
		return ips_fail_field(h, rc, "employer");
	if (emp != a->opening_employer)
		return ips_fail(h, IPS_EDATA, "opening: %s is at %s, not at "
		    "e%lld", a->opening_ref, a->employer, (long long)emp);
	/* The job would fill the opening before it was found: the found
	 * date is the one to put right (opening set --found). */
	if (strcmp(a->start, a->opening_found) < 0)
		return ips_fail(h, IPS_EDATA, "opening: %s was found on %s, "
		    "after the start", a->opening_ref, a->opening_found);
	return 0;
}

/* A job start makes the client working from that day, unless the history
 * says working on that day already. */
static int
start_working(ips *h, struct job_add *a)
{
	sqlite3_stmt *st;
	const char *s;
	int rc, working;

	if ((rc = ips_prepare(h, "SELECT status FROM client_status WHERE "
	    "client_id = ? AND on_date <= ? ORDER BY on_date DESC, id DESC "
	    "LIMIT 1", &st)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, a->client.id);
	ips_bind_text(st, 2, a->start);
	rc = sqlite3_step(st);
	s = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : NULL;
	working = s != NULL && strcmp(s, "working") == 0;
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return ips_db_fail(h, rc);
	if (working)
		return 0;
	if ((rc = ips_client_status_append(h, a->client.id, "working",
	    a->start, NULL)) != 0)
		return rc;
	return ips_audit(h, "status", a->client.ref, "status");
}

/* Once the jobs from an opening take all its positions, it is filled: on
 * the start day, by this client. */
static int
fill_opening(ips *h, struct job_add *a)
{
	sqlite3_stmt *st;
	int rc, full;

	if ((rc = ips_prepare(h, "SELECT (SELECT count(*) FROM job WHERE "
	    "opening_id = ?1) >= positions FROM opening WHERE id = ?1",
	    &st)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, a->opening);
	rc = sqlite3_step(st);
	full = rc == SQLITE_ROW && sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return ips_db_fail(h, rc);
	if (!full)
		return 0;
	if ((rc = ips_prepare(h, "UPDATE opening SET status = 'filled', "
	    "closed_on = ?1, filled_by_id = ?2 WHERE id = ?3", &st)) != 0)
		return rc;
	ips_bind_text(st, 1, a->start);
	sqlite3_bind_int64(st, 2, a->client.id);
	sqlite3_bind_int64(st, 3, a->opening);
	if ((rc = ips_step_done(h, st)) != 0)
		return rc;
	return ips_audit(h, "fill", a->opening_ref, "status,closed,filled_by");
}

int
ips_job_add(ips *h, const char *client, struct ips_values *v, ips_id *id)
{
	struct job_add *a;
	struct ips_add_ops ops = { &ips_kind_job, job_defaults, job_check,
	    NULL, NULL, 1 };
	int rc;

	if ((a = calloc(1, sizeof *a)) == NULL)
		return ips_nomem(h);
	ops.arg = a;
	v->v[field("client")] = client;
	if ((rc = ips_update_begin(h)) != 0) {
		free(a);
		return rc;
	}
	if ((rc = ips_record_add(h, &ops, v, id)) != 0 ||
	    (rc = start_working(h, a)) != 0 ||
	    (a->opening != 0 && (rc = fill_opening(h, a)) != 0)) {
		ips_rollback(h);
		free(a);
		return rc;
	}
	free(a);
	return ips_commit(h);
}

int
ips_job_end(ips *h, const char *ref, const char *end, const char *reason)
{
	struct ips_values v;
	struct ips_ref r;
	sqlite3_stmt *st;
	char date[11], jref[24];
	const char *start;
	ips_day day;
	ips_id id;
	int rc, before;

	memset(&v, 0, sizeof v);
	v.v[field("end")] = end;
	v.v[field("end_reason")] = reason;
	if ((rc = ips_date_parse(h, "end", end, &day)) != 0 ||
	    (rc = ips_check_text(h, "end_reason", reason, IPS_NAME_MAX, 0)) !=
	    0)
		return rc;
	ips_day_format(day, date);
	if ((rc = ips_update_begin(h)) != 0)
		return rc;
	if ((rc = ips_resolve(h, IPS_REF_JOB, ref, &id)) != 0)
		goto fail;
	r.type = IPS_REF_JOB;
	r.id = id;
	ips_ref_format(r, jref, sizeof jref);
	if ((rc = ips_prepare(h, "SELECT start_on FROM job WHERE id = ?",
	    &st)) != 0)
		goto fail;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	start = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) :
	    NULL;
	before = start != NULL && strcmp(date, start) < 0;
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW) {
		rc = ips_db_fail(h, rc);
		goto fail;
	}
	if (before) {
		rc = ips_fail(h, IPS_EDATA, "end: before the start of %s",
		    jref);
		goto fail;
	}
	if ((rc = ips_record_update(h, &ips_kind_job, id, &v)) != 0 ||
	    (rc = ips_audit(h, "end", jref, "end,end_reason")) != 0)
		goto fail;
	return ips_commit(h);
fail:
	ips_rollback(h);
	return rc;
}

struct list_args {
	ips_id client, employer;
	int current;
	char today[11], from[11], to[11];
	int refs;
};

static int
bind_list(ips *h, sqlite3_stmt *st, void *arg)
{
	struct list_args *a = arg;

	(void)h;
	if (a->client != 0)
		sqlite3_bind_int64(st, 1, a->client);
	if (a->employer != 0)
		sqlite3_bind_int64(st, 2, a->employer);
	if (a->current)
		ips_bind_text(st, 3, a->today);
	ips_bind_text(st, 4, a->from[0] ? a->from : NULL);
	ips_bind_text(st, 5, a->to[0] ? a->to : NULL);
	sqlite3_bind_int(st, 6, a->refs);
	return 0;
}

int
ips_job_list(ips *h, FILE *fp, const struct ips_job_filter *f, int argc,
    char **argv)
{
	/* A job is in a period when it was held on any day of it. */
	static const char rest[] =
	    "WHERE (?1 IS NULL OR t.client_id = ?1) "
	    "AND (?2 IS NULL OR t.employer_id = ?2) "
	    "AND (?3 IS NULL OR (t.start_on <= ?3 AND (t.end_on IS NULL OR "
	    "t.end_on >= ?3))) "
	    "AND (?4 IS NULL OR t.end_on IS NULL OR t.end_on >= ?4) "
	    "AND (?5 IS NULL OR t.start_on <= ?5) "
	    "AND (?6 = 0 OR t.id IN (SELECT id FROM temp.refs WHERE type = 16) "
	    "OR t.client_id IN (SELECT id FROM temp.refs WHERE type = 1) "
	    "OR t.employer_id IN (SELECT id FROM temp.refs WHERE type = 2)) "
	    "ORDER BY t.start_on, t.id";
	struct ips_period *p = ips_period(h);
	struct list_args a;
	long n;
	int rc;

	memset(&a, 0, sizeof a);
	a.current = f->current;
	ips_day_format(ips_today(h), a.today);
	if ((rc = ips_period_finish(h, p, IPS_PERIOD_NONE)) != 0)
		return rc;
	if (p->from != IPS_DAY_NONE)
		ips_day_format(p->from, a.from);
	if (p->to != IPS_DAY_NONE)
		ips_day_format(p->to, a.to);
	if ((rc = ips_open(h, IPS_READ)) != 0 ||
	    (f->client != NULL && (rc = ips_resolve(h, IPS_REF_CLIENT,
	    f->client, &a.client)) != 0) ||
	    (f->employer != NULL && (rc = ips_resolve(h, IPS_REF_EMPLOYER,
	    f->employer, &a.employer)) != 0) ||
	    (rc = ips_refs_load(h, argc, argv, IPS_REF_JOB | IPS_REF_CLIENT |
	    IPS_REF_EMPLOYER, &n)) != 0 ||
	    (rc = ips_refs_check(h)) != 0)
		return rc;
	a.refs = ips_refs_source(argc, argv) != IPS_REFS_NONE;
	return ips_record_list(h, fp, &ips_kind_job, rest, bind_list, &a);
}
