/*
 * fidelity.c - the evidence for an IPS-25 fidelity review: the ten
 * items the records can measure, scored by the scale's anchors, with the
 * counts each was computed from; then the fifteen items only reviewers
 * can rate, so that the page covers the whole scale.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"

enum unit { U_PER_FTE, U_DAYS, U_PER_WEEK, U_PERCENT };

/*
 * The anchors of each item, as in DOMAIN.md, and nowhere else.  For an
 * item where more is better, a value scores 5 when it reaches cut[0],
 * 4 when it reaches cut[1], and so on down to 1; where less is better,
 * 5 when it is at most cut[0], and so on.  The value is rounded as it
 * is printed before it is scored, so the two always agree.
 */
static const struct item {
	const char *key;
	int less_is_better;
	double cut[4];
	enum unit unit;
} items[] = {
	{ "caseload_size", 1, { 20, 25, 30, 40 }, U_PER_FTE },
	{ "rapid_job_search", 1, { 30, 60, 150, 270 }, U_DAYS },
	{ "employer_contacts", 0, { 6, 5, 4, 2 }, U_PER_WEEK },
	{ "individualized_job_search", 0, { 90, 75, 50, 25 }, U_PERCENT },
	{ "job_type_diversity", 0, { 85, 70, 60, 50 }, U_PERCENT },
	{ "employer_diversity", 0, { 85, 70, 60, 50 }, U_PERCENT },
	{ "competitive_jobs", 0, { 95, 85, 75, 64 }, U_PERCENT },
	{ "time_unlimited_follow_along", 0, { 90, 75, 50, 25 }, U_PERCENT },
	{ "community_based_services", 0, { 65, 50, 40, 30 }, U_PERCENT },
	{ "benefits_planning", 0, { 90, 75, 50, 25 }, U_PERCENT },
};
enum {
	I_CASELOAD, I_RAPID, I_CONTACTS, I_INDIVIDUAL, I_JOB_TYPES,
	I_EMPLOYERS, I_COMPETITIVE, I_FOLLOW_ALONG, I_COMMUNITY, I_BENEFITS,
	NITEMS
};

/* The items of the scale that the records cannot show, in its order. */
static const char *const reviewer_items[] = {
	"vocational_services_staff",
	"vocational_generalists",
	"integration_team_assignment",
	"integration_team_contact",
	"collaboration_with_vocational_rehabilitation",
	"vocational_unit",
	"role_of_employment_supervisor",
	"zero_exclusion_criteria",
	"agency_focus_on_competitive_employment",
	"executive_team_support",
	"disclosure",
	"ongoing_work_based_assessment",
	"quality_of_employer_contact",
	"individualized_follow_along_supports",
	"assertive_engagement_and_outreach",
};
#define NREVIEWER 15

static const struct ips_col fidelity_cols[] = {
	{ "item", IPS_COL_TEXT },
	{ "value", IPS_COL_TEXT },
	{ "score", IPS_COL_INT },
	{ "evidence", IPS_COL_TEXT },
};

/* One measured item: the value, or no data with the reason. */
struct measure {
	int have;
	double value;
	char evidence[160];
};

struct fidelity {
	struct rpt r;
	struct rpt_list staff;		/* on staff in the period */
	double weeks;
	struct measure m[NITEMS];
};

static int
decimals(enum unit u)
{
	return u == U_PERCENT ? 0 : 1;
}

static int
score(const struct item *it, double v)
{
	int i;

	v = rpt_round(v, decimals(it->unit));
	for (i = 0; i < 4; i++)
		if (it->less_is_better ? v <= it->cut[i] : v >= it->cut[i])
			return 5 - i;
	return 1;
}

static void
format_value(char *buf, size_t n, const struct item *it, double v)
{
	char num[32];

	rpt_real(num, v, decimals(it->unit));
	switch (it->unit) {
	case U_DAYS:
		snprintf(buf, n, "%s days", num);
		break;
	case U_PERCENT:
		snprintf(buf, n, "%s%%", num);
		break;
	default:
		snprintf(buf, n, "%s", num);
		break;
	}
}

static void set(struct measure *m, int have, double value, const char *fmt,
    ...) __attribute__((format(printf, 4, 5)));

/* The value of an item and the counts behind it (or why there is none). */
static void
set(struct measure *m, int have, double value, const char *fmt, ...)
{
	va_list ap;

	m->have = have;
	m->value = value;
	va_start(ap, fmt);
	vsnprintf(m->evidence, sizeof m->evidence, fmt, ap);
	va_end(ap);
}

/* Runs a query of one row into v[0..n-1]. */
static int
one_row(struct fidelity *f, const char *sql, double *v, int n)
{
	sqlite3_stmt *st;
	int i, rc;

	if ((rc = ips_prepare(f->r.h, sql, &st)) != 0)
		return rc;
	rpt_bind(&f->r, st);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_finalize(st);
		return ips_db_fail(f->r.h, rc == SQLITE_DONE ? SQLITE_ERROR :
		    rc);
	}
	for (i = 0; i < n; i++)
		v[i] = sqlite3_column_double(st, i);
	sqlite3_finalize(st);
	return 0;
}

/* A face-to-face employer contact, as a condition on meeting m. */
#define F2F "m.employer_id IS NOT NULL AND m.how = 'in-person'"

/*
 * Clients on the caseload per FTE on the period's last day.  Without a
 * filter every client is a candidate: they are read in the table's order,
 * each one's history from the covering index on client_status in the same
 * order, not specialist by specialist, which would visit the client table
 * at random.  With a filter, the specialists' few clients come first.
 */
#define CASELOAD_SQL(FROM) \
"SELECT (SELECT count(*) FROM " FROM \
" WHERE (s.left_on IS NULL OR s.left_on >= ?2) AND " RPT_STAFF_FILTER \
" AND " RPT_STATUS_ON("?2") " <> 'closed')," \
" (SELECT total(s.fte) FROM specialist s" \
" WHERE (s.left_on IS NULL OR s.left_on >= ?2) AND " RPT_STAFF_FILTER ")"
static const char caseload_all_sql[] = CASELOAD_SQL("client c NOT INDEXED"
    " CROSS JOIN specialist s ON s.id = c.specialist_id");
static const char caseload_some_sql[] = CASELOAD_SQL("specialist s"
    " CROSS JOIN client c ON c.specialist_id = s.id");

/*
 * The two items counted from the period's employer contacts on a client's
 * behalf: the meeting's own client, or one it was for.  The meetings_for
 * of the period are looked up once (one step into meeting_for for each
 * employer contact) and serve both; the contacts with a client of their
 * own come from meeting_employer_client, which holds only those.
 *
 * rapid_job_search: days from enrolment to the first face-to-face
 * employer contact on the client's behalf, for the clients whose first
 * one was in the period.  The candidates are the period's; a client met
 * before is ruled out by one step into meeting_f2f_client, which holds
 * only such contacts, and then by a look at each meeting it was for.
 *
 * individualized_job_search: employer contacts (any kind) on behalf of a
 * client with job types, and of them those at an employer with an opening
 * or a job of one of the client's types.  They are counted per client and
 * employer first, so that each pair is matched once: its client read in
 * the client table's order, its employer's openings and jobs (from the
 * covering indexes on employer and job type) in employer order, the jobs
 * only when no opening matched.
 */
static const char behalf_sql[] =
"WITH for_rows(cid, eid, sid, held_on, f2f) AS MATERIALIZED ("
" SELECT f.client_id, m.employer_id, m.specialist_id, m.held_on,"
" m.how = 'in-person' FROM meeting m JOIN meeting_for f ON f.meeting_id = m.id"
" WHERE m.held_on BETWEEN ?1 AND ?2 AND m.employer_id IS NOT NULL"
" AND (m.client_id IS NULL OR f.client_id <> m.client_id)),"
" cand(cid, held_on) AS ("
" SELECT m.client_id, m.held_on FROM meeting m"
" WHERE m.held_on BETWEEN ?1 AND ?2 AND m.client_id IS NOT NULL AND " F2F
" UNION ALL SELECT cid, held_on FROM for_rows WHERE f2f),"
" firsts(cid, first_on) AS (SELECT cid, min(held_on) FROM cand GROUP BY cid),"
" rapid(n, days) AS (SELECT count(*),"
" total(julianday(x.first_on) - julianday(c.enrolled))"
" FROM firsts x JOIN client c ON c.id = x.cid"
" LEFT JOIN specialist s ON s.id = c.specialist_id"
" WHERE " RPT_STAFF_FILTER
" AND NOT EXISTS (SELECT 1 FROM meeting m WHERE m.client_id = c.id"
" AND m.held_on < ?1 AND " F2F ")"
" AND NOT EXISTS (SELECT 1 FROM meeting_for f"
" JOIN meeting m ON m.id = f.meeting_id WHERE f.client_id = c.id"
" AND m.held_on < ?1 AND " F2F ")),"
" pairs(cid, eid) AS ("
" SELECT m.client_id, m.employer_id FROM specialist s"
" JOIN meeting m ON m.specialist_id = s.id AND m.held_on BETWEEN ?1 AND ?2"
" WHERE m.employer_id IS NOT NULL AND m.client_id IS NOT NULL"
" AND " RPT_STAFF_FILTER
" UNION ALL SELECT r.cid, r.eid FROM for_rows r"
" JOIN specialist s ON s.id = r.sid WHERE " RPT_STAFF_FILTER "),"
" per_client(cid, eid, n) AS MATERIALIZED (SELECT cid, eid, count(*)"
" FROM pairs GROUP BY cid, eid),"
" wants(eid, n, types) AS MATERIALIZED (SELECT p.eid, p.n,"
" ',' || replace(lower(c.job_types), ', ', ',') || ','"
" FROM per_client p JOIN client c ON c.id = p.cid"
" WHERE c.job_types IS NOT NULL AND c.job_types <> ''),"
" individual(n, matched) AS (SELECT total(w.n), total(CASE"
" WHEN EXISTS (SELECT 1 FROM opening o WHERE o.employer_id = w.eid"
" AND instr(w.types, ',' || lower(trim(o.job_type)) || ',') > 0) THEN w.n"
" WHEN EXISTS (SELECT 1 FROM job j WHERE j.employer_id = w.eid"
" AND instr(w.types, ',' || lower(trim(j.job_type)) || ',') > 0) THEN w.n"
" ELSE 0 END)"
" FROM (SELECT eid, n, types FROM wants ORDER BY eid) w)"
" SELECT rapid.n, rapid.days, individual.n, individual.matched"
" FROM rapid, individual";

/* Face-to-face employer contacts and minutes out of the office: both
 * only of meetings in person, which leaves the others out before their
 * specialist is looked up. */
static const char contacts_sql[] =
"SELECT count(m.employer_id),"
" total(CASE WHEN m.place <> 'office' THEN m.minutes END)"
" FROM specialist s JOIN meeting m ON m.specialist_id = s.id"
" AND m.held_on BETWEEN ?1 AND ?2 AND m.how = 'in-person'"
" WHERE (s.left_on IS NULL OR s.left_on >= ?1) AND " RPT_STAFF_FILTER;

/*
 * The period's job starts: with a job type, distinct types, distinct
 * employers, competitive, and followed up within three days by a meeting
 * with the client or the employer (a probe of an index each) or on the
 * client's behalf (a look at each of the client's meetings_for), tried in
 * that order and only until one is found.
 */
#define WITHIN_3_DAYS "m.held_on BETWEEN j.start_on AND " \
	"date(j.start_on, '+3 days')"
static const char starts_sql[] =
"SELECT count(*), count(j.job_type), count(DISTINCT lower(trim(j.job_type))),"
" count(DISTINCT j.employer_id), total(j.competitive), total(CASE"
" WHEN EXISTS (SELECT 1 FROM meeting m WHERE m.client_id = j.client_id"
" AND " WITHIN_3_DAYS ") THEN 1"
" WHEN EXISTS (SELECT 1 FROM meeting m WHERE m.employer_id = j.employer_id"
" AND " WITHIN_3_DAYS ") THEN 1"
" WHEN EXISTS (SELECT 1 FROM meeting_for f JOIN meeting m"
" ON m.id = f.meeting_id WHERE f.client_id = j.client_id"
" AND " WITHIN_3_DAYS ") THEN 1 ELSE 0 END)"
" FROM job j JOIN client c ON c.id = j.client_id"
" LEFT JOIN specialist s ON s.id = c.specialist_id"
" WHERE j.start_on BETWEEN ?1 AND ?2 AND " RPT_STAFF_FILTER;

/* Clients with a job start, and those planned for on or before the
 * first start of the period. */
static const char benefits_sql[] =
"SELECT count(*), total(c.benefits_planning IS NOT NULL"
" AND c.benefits_planning <= x.first_on)"
" FROM (SELECT j.client_id, min(j.start_on) AS first_on FROM job j"
" WHERE j.start_on BETWEEN ?1 AND ?2 GROUP BY j.client_id) x"
" JOIN client c ON c.id = x.client_id"
" LEFT JOIN specialist s ON s.id = c.specialist_id"
" WHERE " RPT_STAFF_FILTER;

static double
pct(double part, double whole)
{
	return 100 * part / whole;
}

/* One of the items computed from the job starts. */
static void
from_starts(struct measure *m, double part, double whole, const char *what,
    const char *none)
{
	if (whole > 0)
		set(m, 1, pct(part, whole), "%.0f %s / %.0f job starts", part,
		    what, whole);
	else
		set(m, 0, 0, "%s", none);
}

static int
measure(struct fidelity *f)
{
	struct measure *m = f->m;
	double v[6], fte = 0, contracted;
	char a[32], b[32];
	size_t i, n = f->staff.n;
	int rc;

	for (i = 0; i < n; i++)
		fte += f->staff.v[i].fte;

	if ((rc = one_row(f, f->r.o->specialist != NULL ||
	    f->r.o->team != NULL ? caseload_some_sql : caseload_all_sql, v,
	    2)) != 0)
		return rc;
	if (v[1] > 0)
		set(&m[I_CASELOAD], 1, v[0] / v[1], "%.0f clients / %s FTE on "
		    "%s", v[0], rpt_num(a, v[1]), f->r.to);
	else
		set(&m[I_CASELOAD], 0, 0, "no specialists on staff on %s",
		    f->r.to);

	if ((rc = one_row(f, behalf_sql, v, 4)) != 0)
		return rc;
	if (v[0] > 0)
		set(&m[I_RAPID], 1, v[1] / v[0], "mean of %.0f client%s with "
		    "a first face-to-face employer contact in the period",
		    v[0], v[0] == 1 ? "" : "s");
	else
		set(&m[I_RAPID], 0, 0, "no client had a first face-to-face "
		    "employer contact in the period");
	if (v[2] > 0)
		set(&m[I_INDIVIDUAL], 1, pct(v[3], v[2]), "%.0f of %.0f "
		    "contacts for clients at employers with a job of their "
		    "types", v[3], v[2]);
	else
		set(&m[I_INDIVIDUAL], 0, 0, "no employer contacts on behalf "
		    "of clients with job types in the period");

	if ((rc = one_row(f, contacts_sql, v, 2)) != 0)
		return rc;
	rpt_real(b, f->weeks, 1);
	if (n > 0)
		set(&m[I_CONTACTS], 1, v[0] / n / f->weeks, "%.0f contacts / "
		    "%zu specialist%s / %s weeks", v[0], n, n == 1 ? "" : "s",
		    b);
	else
		set(&m[I_CONTACTS], 0, 0, "no specialists on staff in the "
		    "period");
	contracted = fte * f->r.cfg->hours_per_week * 60 * f->weeks;
	if (contracted > 0)
		set(&m[I_COMMUNITY], 1, pct(v[1], contracted), "%.0f of %.0f "
		    "scheduled minutes (%s FTE, %s weeks)", v[1], contracted,
		    rpt_num(a, fte), b);
	else
		set(&m[I_COMMUNITY], 0, 0, "no specialists on staff in the "
		    "period");

	if ((rc = one_row(f, starts_sql, v, 6)) != 0)
		return rc;
	from_starts(&m[I_JOB_TYPES], v[2], v[1], "job types", v[0] > 0 ?
	    "no job starts with a job type in the period" :
	    "no job starts in the period");
	from_starts(&m[I_EMPLOYERS], v[3], v[0], "employers",
	    "no job starts in the period");
	from_starts(&m[I_COMPETITIVE], v[4], v[0], "competitive",
	    "no job starts in the period");
	if (v[0] > 0)
		set(&m[I_FOLLOW_ALONG], 1, pct(v[5], v[0]), "%.0f of %.0f job "
		    "starts with a meeting within 3 days", v[5], v[0]);
	else
		set(&m[I_FOLLOW_ALONG], 0, 0, "no job starts in the period");

	if ((rc = one_row(f, benefits_sql, v, 2)) != 0)
		return rc;
	if (v[0] > 0)
		set(&m[I_BENEFITS], 1, pct(v[1], v[0]), "%.0f of %.0f clients "
		    "with a job start", v[1], v[0]);
	else
		set(&m[I_BENEFITS], 0, 0, "no job starts in the period");
	return 0;
}

static int
put_items(struct fidelity *f, int *subtotal, int *scored)
{
	const char *v[4];
	char value[48], sc[32];
	ips_out *o;
	int i, s, rc = 0;

	if ((o = ips_out_new(f->r.fp, f->r.fmt, f->r.header, fidelity_cols,
	    4)) == NULL)
		return ips_nomem(f->r.h);
	for (i = 0; i < NITEMS && rc == 0; i++) {
		v[0] = items[i].key;
		v[1] = v[2] = NULL;
		if (f->m[i].have) {
			format_value(value, sizeof value, &items[i],
			    f->m[i].value);
			s = score(&items[i], f->m[i].value);
			*subtotal += s;
			(*scored)++;
			v[1] = value;
			v[2] = rpt_int(sc, s);
		}
		v[3] = f->m[i].evidence;
		if (ips_out_row(o, v, 0) != 0)
			rc = ips_fail(f->r.h, IPS_EIO, "write error");
	}
	for (i = 0; i < NREVIEWER && rc == 0; i++) {
		v[0] = reviewer_items[i];
		v[1] = v[2] = NULL;
		v[3] = "rated by reviewers";
		if (ips_out_row(o, v, 0) != 0)
			rc = ips_fail(f->r.h, IPS_EIO, "write error");
	}
	if (rc != 0) {
		ips_out_free(o);
		return rc;
	}
	return ips_out_end(o) != 0 ? ips_fail(f->r.h, IPS_EIO,
	    "write error") : 0;
}

int
ips_report_fidelity(ips *h, FILE *fp, const struct ips_report_opts *o)
{
	struct fidelity f;
	char note[400];
	ips_day today;
	int rc, subtotal = 0, scored = 0;

	memset(&f, 0, sizeof f);
	if ((rc = rpt_start(&f.r, h, fp, o, IPS_PERIOD_QUARTER)) != 0)
		return rc;
	/* A quarter still under way is measured to date: its weeks to come
	 * would count as weeks without contacts, and the caseload is
	 * today's. */
	if ((today = ips_today(h)) < f.r.p->to && today >= f.r.p->from) {
		size_t n = strlen(f.r.p->label);

		f.r.p->to = today;
		ips_day_format(today, f.r.to);
		snprintf(f.r.p->label + n, sizeof f.r.p->label - n,
		    " (to date)");
	}
	f.weeks = (f.r.p->to - f.r.p->from + 1) / 7.0;
	if ((rc = rpt_staff_load(&f.r, f.r.from, &f.staff)) != 0 ||
	    (rc = measure(&f)) != 0)
		goto done;
	rpt_title(&f.r, "Fidelity evidence (IPS-25)", NULL);
	if ((rc = put_items(&f, &subtotal, &scored)) != 0)
		goto done;
	if (rpt_human(&f.r)) {
		snprintf(note, sizeof note, "Computed subtotal: %d from %d of "
		    "the 25 items (at most %d); the reviewers' ratings of the "
		    "other items complete the total.  Scale: 115\xe2\x80\x93"
		    "125 exemplary, 100\xe2\x80\x93" "114 good, 74\xe2\x80\x93"
		    "99 fair, \xe2\x89\xa4" "73 not IPS.", subtotal, scored,
		    5 * scored);
		rpt_note(&f.r, note);
	}
	rc = rpt_end(&f.r, 0);
done:
	rpt_staff_free(&f.staff);
	return rc;
}
