/*
 * meet.c - the meeting log: every call and visit to an employer and every
 * meeting with a client, the follow-ups they promise, and the lists the
 * weekly numbers and the other tools' pipes are made of.
 */
#include <string.h>
#include <sys/stat.h>

#include "internal.h"

/* A meeting on behalf of more clients than this is a typing error. */
#define FOR_MAX 100
/* The longest item of a --for list looked at: a reference or a name. */
#define FOR_ITEM_MAX (IPS_NAME_MAX * 4 + 1)

#define ALL_REFS (IPS_REF_CLIENT | IPS_REF_EMPLOYER | IPS_REF_CONTACT | \
	IPS_REF_OPENING | IPS_REF_JOB | IPS_REF_MEETING)

/*
 * What add, set and import share for one meeting: where the fields are in
 * the table, and the clients of --for as check found them, for after to
 * write.  One lives on the stack of each command; nothing is global.
 */
struct meet_state {
	int spec, on, employer, client, contact, how, forl, next;
	ips_id for_ids[FOR_MAX];
	int nfor;
};

static void
state_init(struct meet_state *s)
{
	const struct ips_kind *k = &ips_kind_meeting;

	memset(s, 0, sizeof *s);
	s->spec = ips_field_index(k, "specialist");
	s->on = ips_field_index(k, "on");
	s->employer = ips_field_index(k, "employer");
	s->client = ips_field_index(k, "client");
	s->contact = ips_field_index(k, "contact");
	s->how = ips_field_index(k, "how");
	s->forl = ips_field_index(k, "for");
	s->next = ips_field_index(k, "next");
}

static int
given(const char *s)
{
	return s != NULL && s[0] != '\0';
}

/* Puts "field: " before the message on the handle. */
static int
prefix(ips *h, int rc, const char *field)
{
	char msg[IPS_ERRMAX];

	snprintf(msg, sizeof msg, "%s", ips_errmsg(h));
	return ips_fail(h, rc, "%s: %s", field, msg);
}

static const char *
article(const char *noun)
{
	return strchr("aeiou", noun[0]) != NULL ? "an" : "a";
}

/* A database that is not there cannot hold the employer or client a
 * meeting names: say so instead of creating an empty one. */
static int
need_database(ips *h)
{
	const char *path;
	struct stat sb;

	if ((path = ips_db_path(h)) == NULL)
		return h->status ? h->status : ips_nomem(h);
	if (stat(path, &sb) != 0)
		return ips_fail(h, IPS_ENOINPUT, "no database at '%s' "
		    "(create one with 'ips init')", path);
	return 0;
}

/* The clients of a --for list into s->for_ids, each once. */
static int
parse_for(ips *h, struct meet_state *s, const char *list)
{
	char item[FOR_ITEM_MAX];
	const char *p = list, *q;
	struct ips_ref r;
	size_t len;
	ips_id id;
	int i, rc;

	s->nfor = 0;
	for (; *p != '\0'; p = *q ? q + 1 : q) {
		q = p + strcspn(p, ",");
		while (p < q && *p == ' ')
			p++;
		len = q - p;
		while (len > 0 && p[len - 1] == ' ')
			len--;
		if (len == 0)
			continue;
		if (len >= sizeof item)
			return ips_fail(h, IPS_EDATA, "for: invalid client "
			    "reference");
		memcpy(item, p, len);
		item[len] = '\0';
		/* Another kind of reference is a mix-up, not a name. */
		if (ips_ref_parse(h, item, ALL_REFS, &r) == 0) {
			if (r.type != IPS_REF_CLIENT)
				return ips_fail(h, IPS_EDATA, "for: '%s' is %s "
				    "%s, not a client", item,
				    article(ips_ref_noun(r.type)),
				    ips_ref_noun(r.type));
		} else
			h->status = 0;
		if ((rc = ips_resolve(h, IPS_REF_CLIENT, item, &id)) != 0)
			return prefix(h, rc, "for");
		for (i = 0; i < s->nfor && s->for_ids[i] != id; i++)
			;
		if (i < s->nfor)
			continue;
		if (s->nfor == FOR_MAX)
			return ips_fail(h, IPS_EDATA, "for: more than %d "
			    "clients", FOR_MAX);
		s->for_ids[s->nfor++] = id;
	}
	return 0;
}

/* The contact person must work for the employer met. */
static int
check_contact(ips *h, const struct meet_state *s, const struct ips_values *v)
{
	static const char sql[] = "SELECT employer_id FROM contact "
	    "WHERE id = ?";
	sqlite3_stmt *st;
	ips_id cid, eid = 0, works_for;
	int rc;

	if ((rc = ips_resolve(h, IPS_REF_CONTACT, v->v[s->contact], &cid)) !=
	    0)
		return prefix(h, rc, "contact");
	if (given(v->v[s->employer]) &&
	    (rc = ips_resolve(h, IPS_REF_EMPLOYER, v->v[s->employer], &eid)) !=
	    0)
		return prefix(h, rc, "employer");
	if ((rc = ips_cached(h, sql, &st)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, cid);
	rc = sqlite3_step(st);
	works_for = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return ips_db_fail(h, rc == SQLITE_DONE ? SQLITE_CORRUPT : rc);
	if (eid == 0)
		return ips_fail(h, IPS_EDATA, "contact: p%lld works for e%lld, "
		    "and the meeting has no employer", (long long)cid,
		    (long long)works_for);
	if (works_for != eid)
		return ips_fail(h, IPS_EDATA, "contact: p%lld works for e%lld, "
		    "not e%lld", (long long)cid, (long long)works_for,
		    (long long)eid);
	return 0;
}

/* The rules across fields, for add, set (on the record as it would be)
 * and import. */
static int
meet_check(ips *h, const struct ips_values *v, void *arg)
{
	struct meet_state *s = arg;
	const char *const *x = v->v;
	ips_day on, next;
	char a[11], b[11];
	int rc;

	/* set may clear optional fields, never these. */
	if ((x[s->spec] && !x[s->spec][0]) || (x[s->on] && !x[s->on][0]) ||
	    (x[s->how] && !x[s->how][0]))
		return ips_fail(h, IPS_EDATA, "%s: cannot be empty",
		    x[s->spec] && !x[s->spec][0] ? "specialist" :
		    x[s->on] && !x[s->on][0] ? "on" : "how");
	if (!given(x[s->employer]) && !given(x[s->client]))
		return ips_fail(h, IPS_EDATA, "a meeting needs --employer or "
		    "--client");
	if (given(x[s->contact]) && (rc = check_contact(h, s, v)) != 0)
		return rc;
	if (given(x[s->next]) && given(x[s->on])) {
		if ((rc = ips_date_parse(h, "on", x[s->on], &on)) != 0 ||
		    (rc = ips_date_parse(h, "next", x[s->next], &next)) != 0)
			return rc;
		if (next < on)
			return ips_fail(h, IPS_EDATA, "next: %s is before the "
			    "meeting on %s", ips_day_format(next, b),
			    ips_day_format(on, a));
	}
	s->nfor = 0;
	if (given(x[s->forl]))
		return parse_for(h, s, x[s->forl]);
	return 0;
}

/* Today, in person, by the acting specialist, unless told otherwise;
 * an empty cell of an import is as good as a missing one. */
static int
meet_defaults(ips *h, struct ips_values *v, void *arg)
{
	struct meet_state *s = arg;
	ips_id me;
	int rc;

	if (!given(v->v[s->on]))
		v->v[s->on] = "today";
	if (!given(v->v[s->how]))
		v->v[s->how] = "in-person";
	if (!given(v->v[s->spec])) {
		if ((rc = ips_me(h, &me)) != 0)
			return rc;
		v->v[s->spec] = h->cfg.me;
	}
	return 0;
}

/* The clients on whose behalf, beside the meeting's row. */
static int
write_for(ips *h, ips_id id, const struct meet_state *s)
{
	static const char sql[] = "INSERT OR IGNORE INTO meeting_for "
	    "(meeting_id, client_id) VALUES (?, ?)";
	sqlite3_stmt *st;
	int i, rc;

	for (i = 0; i < s->nfor; i++) {
		if ((rc = ips_cached(h, sql, &st)) != 0)
			return rc;
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int64(st, 2, s->for_ids[i]);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			return ips_db_fail(h, rc);
	}
	return 0;
}

static int
meet_after(ips *h, ips_id id, const struct ips_values *v, void *arg)
{
	(void)v;
	return write_for(h, id, arg);
}

static void
ops_init(struct ips_add_ops *ops, struct meet_state *s)
{
	state_init(s);
	ops->kind = &ips_kind_meeting;
	ops->defaults = meet_defaults;
	ops->check = meet_check;
	ops->after = meet_after;
	ops->arg = s;
}

int
ips_meet_add(ips *h, struct ips_values *v, ips_id *id)
{
	struct ips_add_ops ops;
	struct meet_state s;
	int rc;

	ops_init(&ops, &s);
	if ((rc = need_database(h)) != 0 || (rc = ips_write_begin(h)) != 0)
		return rc;
	if ((rc = ips_record_add(h, &ops, v, id)) != 0) {
		ips_rollback(h);
		return rc;
	}
	return ips_commit(h);
}

#ifdef IPS_HAVE_IMPORT
int
ips_meet_import(ips *h, const char *path, const char *format)
{
	struct ips_add_ops ops;
	struct meet_state s;

	ops_init(&ops, &s);
	return ips_import(h, &ops, path, format);
}
#else
int
ips_meet_import(ips *h, const char *path, const char *format)
{
	(void)path;
	(void)format;
	return ips_fail(h, IPS_EUSAGE, "import is not built yet");
}
#endif

/* What the record is now, as typed values, with room for them. */
struct current {
	char on[11], next[11], employer[24], client[24], contact[24];
};

static int
load_current(ips *h, ips_id id, const struct meet_state *s,
    struct current *c, struct ips_values *v)
{
	static const char sql[] = "SELECT held_on, next_on, employer_id, "
	    "client_id, contact_id FROM meeting WHERE id = ?";
	sqlite3_stmt *st;
	int rc;

	if ((rc = ips_prepare(h, sql, &st)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		sqlite3_finalize(st);
		return rc == SQLITE_DONE ? ips_fail(h, IPS_EDATA, "m%lld: no "
		    "such meeting", (long long)id) : ips_db_fail(h, rc);
	}
	memset(c, 0, sizeof *c);
	memset(v, 0, sizeof *v);
	snprintf(c->on, sizeof c->on, "%s", sqlite3_column_text(st, 0));
	v->v[s->on] = c->on;
	if (sqlite3_column_type(st, 1) != SQLITE_NULL) {
		snprintf(c->next, sizeof c->next, "%s",
		    sqlite3_column_text(st, 1));
		v->v[s->next] = c->next;
	}
	if (sqlite3_column_type(st, 2) != SQLITE_NULL) {
		snprintf(c->employer, sizeof c->employer, "e%lld",
		    (long long)sqlite3_column_int64(st, 2));
		v->v[s->employer] = c->employer;
	}
	if (sqlite3_column_type(st, 3) != SQLITE_NULL) {
		snprintf(c->client, sizeof c->client, "c%lld",
		    (long long)sqlite3_column_int64(st, 3));
		v->v[s->client] = c->client;
	}
	if (sqlite3_column_type(st, 4) != SQLITE_NULL) {
		snprintf(c->contact, sizeof c->contact, "p%lld",
		    (long long)sqlite3_column_int64(st, 4));
		v->v[s->contact] = c->contact;
	}
	sqlite3_finalize(st);
	return 0;
}

static int
set_locked(ips *h, const char *ref, const struct ips_values *v)
{
	static const char clear_for[] = "DELETE FROM meeting_for "
	    "WHERE meeting_id = ?";
	struct ips_values merged;
	struct meet_state s;
	struct current cur;
	struct ips_ref r;
	char fields[512], buf[32];
	sqlite3_stmt *st;
	ips_id id;
	int i, rc;

	state_init(&s);
	if ((rc = ips_resolve(h, IPS_REF_MEETING, ref, &id)) != 0 ||
	    (rc = load_current(h, id, &s, &cur, &merged)) != 0)
		return rc;
	/* The rules hold for the record as it would be after the change. */
	for (i = 0; i < IPS_MAXFIELDS; i++)
		if (v->v[i] != NULL)
			merged.v[i] = v->v[i];
	if ((rc = meet_check(h, &merged, &s)) != 0 ||
	    (rc = ips_record_update(h, &ips_kind_meeting, id, v)) != 0)
		return rc;
	if (v->v[s.forl] != NULL) {
		if ((rc = ips_prepare(h, clear_for, &st)) != 0)
			return rc;
		sqlite3_bind_int64(st, 1, id);
		if ((rc = ips_step_done(h, st)) != 0 ||
		    (rc = write_for(h, id, &s)) != 0)
			return rc;
	}
	r.type = IPS_REF_MEETING;
	r.id = id;
	ips_values_fields(&ips_kind_meeting, v, fields, sizeof fields);
	return ips_audit(h, "set", ips_ref_format(r, buf, sizeof buf), fields);
}

int
ips_meet_set(ips *h, const char *ref, const struct ips_values *v)
{
	int i, rc;

	for (i = 0; i < IPS_MAXFIELDS && v->v[i] == NULL; i++)
		;
	if (i == IPS_MAXFIELDS)
		return ips_fail(h, IPS_EUSAGE, "nothing to set: give "
		    "--FIELD VALUE");
	if ((rc = need_database(h)) != 0 || (rc = ips_write_begin(h)) != 0)
		return rc;
	if ((rc = set_locked(h, ref, v)) != 0) {
		ips_rollback(h);
		return rc;
	}
	return ips_commit(h);
}

static int
rm_locked(ips *h)
{
	static const char sql[] = "SELECT id FROM temp.refs WHERE type = ? "
	    "ORDER BY id";
	static const char del[] = "DELETE FROM meeting WHERE id = ?";
	sqlite3_stmt *st, *d;
	struct ips_ref r;
	char buf[32];
	int rc, src;

	if ((rc = ips_refs_check(h)) != 0 ||
	    (rc = ips_prepare(h, sql, &st)) != 0)
		return rc;
	sqlite3_bind_int(st, 1, IPS_REF_MEETING);
	r.type = IPS_REF_MEETING;
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		r.id = sqlite3_column_int64(st, 0);
		/* meeting_for goes with it (ON DELETE CASCADE). */
		if ((rc = ips_cached(h, del, &d)) != 0)
			break;
		sqlite3_bind_int64(d, 1, r.id);
		rc = sqlite3_step(d);
		sqlite3_reset(d);
		if (rc != SQLITE_DONE) {
			rc = ips_db_fail(h, rc);
			break;
		}
		if ((rc = ips_audit(h, "rm", ips_ref_format(r, buf,
		    sizeof buf), NULL)) != 0)
			break;
	}
	sqlite3_finalize(st);
	if (rc == 0 && src != SQLITE_DONE)
		rc = ips_db_fail(h, src);
	return rc;
}

int
ips_meet_rm(ips *h, int argc, char **argv)
{
	long n;
	int rc;

	if (ips_refs_source(argc, argv) == IPS_REFS_NONE)
		return ips_fail(h, IPS_EUSAGE, "rm needs a meeting reference");
	if ((rc = need_database(h)) != 0 || (rc = ips_open(h, IPS_WRITE)) != 0)
		return rc;
	/* Read the references before taking the write lock: the left side
	 * of a pipe may be slow. */
	if ((rc = ips_refs_load(h, argc, argv, IPS_REF_MEETING, &n)) != 0)
		return rc;
	if (n == 0)
		return 0;
	if ((rc = ips_write_begin(h)) != 0)
		return rc;
	if ((rc = rm_locked(h)) != 0) {
		ips_rollback(h);
		return rc;
	}
	return ips_commit(h);
}

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
    "meeting m WHERE m.client_id = ?7 UNION SELECT f.meeting_id FROM "
    "meeting_for f WHERE f.client_id = ?7)" LIST_TAIL;
static const char list_refs[] = "WHERE t.id IN ("
    "SELECT m.id FROM temp.refs r JOIN meeting m ON m.client_id = r.id "
    "WHERE r.type = ?8 "
    "UNION SELECT f.meeting_id FROM temp.refs r JOIN meeting_for f "
    "ON f.client_id = r.id WHERE r.type = ?8 "
    "UNION SELECT m.id FROM temp.refs r JOIN meeting m "
    "ON m.employer_id = r.id WHERE r.type = ?9)" LIST_TAIL;

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
ips_meet_recent(ips *h, FILE *fp, int ref_type, ips_id id, int limit)
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
	const char *vals[11];
	ips_out *o;
	int i, n, rc, status = 0;

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
	o = NULL;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		/* Nothing at all, not even a header, when there is none. */
		if (o == NULL && (o = ips_out_new(fp, IPS_FMT_TABLE, 1, cols,
		    n)) == NULL) {
			status = ips_nomem(h);
			goto done;
		}
		for (i = 0; i < n; i++)
			vals[i] = (const char *)sqlite3_column_text(st, i);
		if (ips_out_row(o, vals, 0) != 0) {
			status = ips_fail(h, IPS_EIO, "cannot write output");
			goto done;
		}
	}
	if (rc != SQLITE_DONE) {
		status = ips_db_fail(h, rc);
		goto done;
	}
	if (o != NULL) {
		rc = ips_out_end(o);
		o = NULL;
		if (rc != 0)
			status = ips_fail(h, IPS_EIO, "cannot write output");
	}
done:
	ips_out_free(o);
	sqlite3_finalize(st);
	return status;
}
