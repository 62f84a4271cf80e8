/*
 * meet-list.c - reading the meeting log: list, export, show, the
 * follow-ups that are due, and the last meetings for the other tools'
 * show commands.  Writing is in meet.c.
 */
#include <string.h>

#include "internal.h"

/*
 * Listing.  Each form starts where an index can: the period (meeting_held),
 * one employer (meeting_employer), one client or the references given
 * (meeting_client, meeting_for_client, meeting_employer); the rest of the
 * filters are the same tail.  An open end of the period is bound as a
 * date before or after every other.
 */
#define LIST_TAIL \
	" AND t.held_on BETWEEN ?1 AND ?2" \
	" AND (?3 IS NULL OR t.specialist_id = ?3)" \
	" AND (?4 IS NULL OR t.how = ?4)" \
	" AND (?5 IS NULL OR t.purpose = ?5)" \
	" AND (?6 IS NULL OR t.employer_id = ?6)" \
	" AND (?7 IS NULL OR t.client_id = ?7 OR EXISTS (SELECT 1 FROM " \
	"meeting_for f WHERE f.meeting_id = t.id AND f.client_id = ?7))" \
	" ORDER BY t.held_on, t.at, t.id"

static const char list_all[] = "WHERE 1" LIST_TAIL;
static const char list_employer[] = "WHERE t.employer_id = ?6" LIST_TAIL;
static const char list_client[] = "WHERE t.id IN (SELECT m.id FROM "
    "meeting m WHERE m.client_id = ?7 AND m.held_on BETWEEN ?1 AND ?2 "
    "UNION SELECT f.meeting_id FROM meeting_for f WHERE f.client_id = ?7)"
    LIST_TAIL;
static const char list_refs[] = "WHERE t.id IN ("
    "SELECT m.id FROM temp.refs r JOIN meeting m ON m.client_id = r.id "
    "WHERE r.type = ?8 AND m.held_on BETWEEN ?1 AND ?2 "
    "UNION SELECT f.meeting_id FROM temp.refs r JOIN meeting_for f "
    "ON f.client_id = r.id WHERE r.type = ?8 "
    "UNION SELECT m.id FROM temp.refs r JOIN meeting m "
    "ON m.employer_id = r.id WHERE r.type = ?9 "
    "AND m.held_on BETWEEN ?1 AND ?2)" LIST_TAIL;

struct list_args {
	char from[11], to[11];
	ips_id specialist, employer, client;
	const char *how, *purpose;
};

static int
bind_list(ips *h, sqlite3_stmt *st, void *arg)
{
	struct list_args *a = arg;

	(void)h;
	ips_bind_text(st, 1, a->from);
	ips_bind_text(st, 2, a->to);
	if (a->specialist)
		sqlite3_bind_int64(st, 3, a->specialist);
	ips_bind_text(st, 4, a->how);
	ips_bind_text(st, 5, a->purpose);
	if (a->employer)
		sqlite3_bind_int64(st, 6, a->employer);
	if (a->client)
		sqlite3_bind_int64(st, 7, a->client);
	/* Only list_refs has these. */
	if (sqlite3_bind_parameter_count(st) >= 9) {
		sqlite3_bind_int(st, 8, IPS_REF_CLIENT);
		sqlite3_bind_int(st, 9, IPS_REF_EMPLOYER);
	}
	return 0;
}

static const char *const *
field_values(const char *name)
{
	return ips_kind_meeting.fields[ips_field_index(&ips_kind_meeting,
	    name)].values;
}

/* Opens for reading and turns the filters and the period into values to
 * bind. */
static int
list_prepare(ips *h, const struct ips_meet_filter *f, struct list_args *a)
{
	struct ips_period *p = ips_period(h);
	int rc;

	memset(a, 0, sizeof *a);
	if ((rc = ips_open(h, IPS_READ)) != 0 ||
	    (rc = ips_period_finish(h, p, IPS_PERIOD_NONE)) != 0)
		return rc;
	if (p->from == IPS_DAY_NONE)
		snprintf(a->from, sizeof a->from, "0000-00-00");
	else
		ips_day_format(p->from, a->from);
	if (p->to == IPS_DAY_NONE)
		snprintf(a->to, sizeof a->to, "9999-99-99");
	else
		ips_day_format(p->to, a->to);
	if (f == NULL)
		return 0;
	if ((f->how && (rc = ips_check_enum(h, "how", f->how,
	    field_values("how"))) != 0) ||
	    (f->purpose && (rc = ips_check_enum(h, "purpose", f->purpose,
	    field_values("purpose"))) != 0))
		return rc;
	a->how = f->how;
	a->purpose = f->purpose;
	if ((f->employer && (rc = ips_meet_kind(h, "employer", f->employer,
	    IPS_REF_EMPLOYER)) != 0) ||
	    (f->client && (rc = ips_meet_kind(h, "client", f->client,
	    IPS_REF_CLIENT)) != 0))
		return rc;
	if ((f->specialist && (rc = ips_staff_id(h, f->specialist,
	    &a->specialist)) != 0) ||
	    (f->employer && (rc = ips_resolve(h, IPS_REF_EMPLOYER,
	    f->employer, &a->employer)) != 0) ||
	    (f->client && (rc = ips_resolve(h, IPS_REF_CLIENT, f->client,
	    &a->client)) != 0))
		return rc;
	return 0;
}

int
ips_meet_list(ips *h, FILE *fp, const struct ips_meet_filter *f, int argc,
    char **argv)
{
	struct list_args a;
	const char *rest;
	long n = 0;
	int rc, src;

	if ((rc = list_prepare(h, f, &a)) != 0)
		return rc;
	src = ips_refs_source(argc, argv);
	if (src != IPS_REFS_NONE) {
		if ((rc = ips_refs_load(h, argc, argv, IPS_REF_CLIENT |
		    IPS_REF_EMPLOYER, &n)) != 0 ||
		    (rc = ips_refs_check(h)) != 0)
			return rc;
		/* An empty pipe: the left side found nothing. */
		if (n == 0)
			return 0;
		rest = list_refs;
	} else if (a.employer)
		rest = list_employer;
	else if (a.client)
		rest = list_client;
	else
		rest = list_all;
	return ips_record_list(h, fp, &ips_kind_meeting, rest, bind_list, &a);
}

int
ips_meet_export(ips *h, FILE *fp, const struct ips_meet_filter *f)
{
	struct list_args a;
	const char *rest;
	int rc;

	if ((rc = list_prepare(h, f, &a)) != 0)
		return rc;
	rest = a.employer ? list_employer : a.client ? list_client : list_all;
	return ips_record_list(h, fp, &ips_kind_meeting, rest, bind_list, &a);
}

/* show: who the employer and the contact person are, besides the refs. */
static int
show_more(ips *h, FILE *fp, ips_id id, void *arg)
{
	static const char sql[] = "SELECT e.name, p.name, p.role, p.phone "
	    "FROM meeting m LEFT JOIN employer e ON e.id = m.employer_id "
	    "LEFT JOIN contact p ON p.id = m.contact_id WHERE m.id = ?";
	static const char *const label[] = { "employer_name", "contact_name",
	    "contact_role", "contact_phone" };
	sqlite3_stmt *st;
	const char *s;
	int i, rc;

	(void)arg;
	if ((rc = ips_cached(h, sql, &st)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		for (i = 0; i < 4; i++)
			if ((s = (const char *)sqlite3_column_text(st, i)) !=
			    NULL)
				fprintf(fp, "%-18s %s\n", label[i], s);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return ips_db_fail(h, rc);
	return ferror(fp) ? ips_fail(h, IPS_EIO, "cannot write output") : 0;
}

int
ips_meet_show(ips *h, FILE *fp, int argc, char **argv)
{
	if (ips_refs_source(argc, argv) == IPS_REFS_NONE)
		return ips_fail(h, IPS_EUSAGE, "show needs a meeting reference");
	return ips_record_show(h, fp, &ips_kind_meeting, argc, argv,
	    show_more, NULL);
}

/*
 * Follow-ups due on a day: meetings whose next date has come and after
 * which no meeting with the same employer (or, when the meeting had no
 * employer, with the same client) was held up to that day.  "After" is
 * the order of list: day, time (none first), then reference.
 */
#define LATER \
	" AND l.held_on >= m.held_on AND l.held_on <= ?1" \
	" AND (l.held_on, coalesce(l.at, ''), l.id) >" \
	" (m.held_on, coalesce(m.at, ''), m.id))"
static const char due_sql[] =
    "SELECT 'm' || m.id, m.next_on,"
    " CAST(julianday(?1) - julianday(m.next_on) AS INTEGER), s.handle,"
    " m.held_on, m.how, 'e' || m.employer_id, e.name, 'c' || m.client_id,"
    " 'p' || m.contact_id, p.name, p.phone, m.outcome"
    " FROM meeting m JOIN specialist s ON s.id = m.specialist_id"
    " LEFT JOIN employer e ON e.id = m.employer_id"
    " LEFT JOIN contact p ON p.id = m.contact_id"
    " WHERE m.next_on IS NOT NULL AND m.next_on <= ?1"
    " AND (?2 IS NULL OR m.specialist_id = ?2)"
    " AND NOT EXISTS (SELECT 1 FROM meeting l WHERE m.employer_id IS NOT NULL"
    " AND l.employer_id = m.employer_id" LATER
    " AND NOT EXISTS (SELECT 1 FROM meeting l WHERE m.employer_id IS NULL"
    " AND l.client_id = m.client_id" LATER
    " ORDER BY m.next_on, m.held_on, m.id";

int
ips_meet_due(ips *h, FILE *fp, const char *specialist, ips_day on)
{
	static const struct ips_col cols[] = {
		{ "ref", IPS_COL_TEXT }, { "next", IPS_COL_TEXT },
		{ "overdue", IPS_COL_INT }, { "specialist", IPS_COL_TEXT },
		{ "on", IPS_COL_TEXT }, { "how", IPS_COL_TEXT },
		{ "employer", IPS_COL_TEXT }, { "employer_name", IPS_COL_TEXT },
		{ "client", IPS_COL_TEXT }, { "contact", IPS_COL_TEXT },
		{ "contact_name", IPS_COL_TEXT },
		{ "contact_phone", IPS_COL_TEXT }, { "outcome", IPS_COL_TEXT },
	};
	sqlite3_stmt *st;
	char day[11];
	ips_id sid = 0;
	int rc;

	if ((rc = ips_open(h, IPS_READ)) != 0 || (specialist != NULL &&
	    (rc = ips_staff_id(h, specialist, &sid)) != 0) ||
	    (rc = ips_prepare(h, due_sql, &st)) != 0)
		return rc;
	if (on == IPS_DAY_NONE)
		on = ips_today(h);
	ips_bind_text(st, 1, ips_day_format(on, day));
	if (sid)
		sqlite3_bind_int64(st, 2, sid);
	return ips_out_stmt(h, fp, cols, sizeof cols / sizeof cols[0], st);
}

/* The last meetings with a client (or on their behalf) or an employer,
 * newest first, for the show commands of ips-client and ips-employer. */
static const char recent_client[] =
    "SELECT 'm' || t.id, t.held_on, s.handle, t.how, t.minutes,"
    " 'e' || t.employer_id, e.name, t.purpose, t.outcome, t.next_on"
    " FROM meeting t JOIN specialist s ON s.id = t.specialist_id"
    " LEFT JOIN employer e ON e.id = t.employer_id"
    " WHERE t.id IN (SELECT m.id FROM meeting m WHERE m.client_id = ?1"
    " UNION SELECT f.meeting_id FROM meeting_for f WHERE f.client_id = ?1)"
    " ORDER BY t.held_on DESC, t.at DESC, t.id DESC LIMIT ?2";
static const char recent_employer[] =
    "SELECT 'm' || t.id, t.held_on, s.handle, t.how, t.minutes,"
    " 'p' || t.contact_id, 'c' || t.client_id,"
    " (SELECT group_concat('c' || f.client_id, ',') FROM meeting_for f"
    " WHERE f.meeting_id = t.id), t.purpose, t.outcome, t.next_on"
    " FROM meeting t JOIN specialist s ON s.id = t.specialist_id"
    " WHERE t.employer_id = ?1"
    " ORDER BY t.held_on DESC, t.at DESC, t.id DESC LIMIT ?2";

int
ips_meet_recent(ips *h, FILE *fp, const char *title, int ref_type, ips_id id,
    int limit)
{
	static const struct ips_col ccols[] = {
		{ "meeting", IPS_COL_TEXT }, { "on", IPS_COL_TEXT },
		{ "specialist", IPS_COL_TEXT }, { "how", IPS_COL_TEXT },
		{ "minutes", IPS_COL_INT }, { "employer", IPS_COL_TEXT },
		{ "employer_name", IPS_COL_TEXT }, { "purpose", IPS_COL_TEXT },
		{ "outcome", IPS_COL_TEXT }, { "next", IPS_COL_TEXT },
	};
	static const struct ips_col ecols[] = {
		{ "meeting", IPS_COL_TEXT }, { "on", IPS_COL_TEXT },
		{ "specialist", IPS_COL_TEXT }, { "how", IPS_COL_TEXT },
		{ "minutes", IPS_COL_INT }, { "contact", IPS_COL_TEXT },
		{ "client", IPS_COL_TEXT }, { "for", IPS_COL_LIST },
		{ "purpose", IPS_COL_TEXT }, { "outcome", IPS_COL_TEXT },
		{ "next", IPS_COL_TEXT },
	};
	const struct ips_col *cols;
	sqlite3_stmt *st;
	int n, rc;

	if (ref_type == IPS_REF_CLIENT) {
		cols = ccols;
		n = sizeof ccols / sizeof ccols[0];
	} else if (ref_type == IPS_REF_EMPLOYER) {
		cols = ecols;
		n = sizeof ecols / sizeof ecols[0];
	} else
		return ips_fail(h, IPS_EUSAGE, "meetings are kept for clients "
		    "and employers only");
	if ((rc = ips_open(h, IPS_READ)) != 0 ||
	    (rc = ips_prepare(h, ref_type == IPS_REF_CLIENT ? recent_client :
	    recent_employer, &st)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, limit);
	return ips_out_section(h, fp, title, cols, n, st);
}
