/*
 * meet.c - the meeting log: every call and visit to an employer and every
 * meeting with a client, and the follow-ups they promise.  Adding (also
 * for import), changing and removing; the lists are in meet-list.c.
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

int
ips_meet_kind(ips *h, const char *field, const char *s, int want)
{
	struct ips_ref r;
	const char *noun, *wanted = ips_ref_noun(want);

	if (ips_ref_parse(h, s, ALL_REFS, &r) != 0) {
		/* Not a typed reference: a name or a number, for
		 * ips_resolve to judge. */
		h->status = 0;
		return 0;
	}
	if (r.type == want)
		return 0;
	noun = ips_ref_noun(r.type);
	return ips_fail(h, IPS_EDATA, "%s: '%s' is %s %s, not %s %s", field, s,
	    article(noun), noun, article(wanted), wanted);
}

/* The clients of a --for list into s->for_ids, each once. */
static int
parse_for(ips *h, struct meet_state *s, const char *list)
{
	char item[FOR_ITEM_MAX];
	const char *p = list, *q;
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
		if ((rc = ips_meet_kind(h, "for", item, IPS_REF_CLIENT)) != 0)
			return rc;
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
	if ((given(x[s->employer]) && (rc = ips_meet_kind(h, "employer",
	    x[s->employer], IPS_REF_EMPLOYER)) != 0) ||
	    (given(x[s->client]) && (rc = ips_meet_kind(h, "client",
	    x[s->client], IPS_REF_CLIENT)) != 0) ||
	    (given(x[s->contact]) && (rc = ips_meet_kind(h, "contact",
	    x[s->contact], IPS_REF_CONTACT)) != 0))
		return rc;
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
	ops->existing = 1;
}

int
ips_meet_add(ips *h, struct ips_values *v, ips_id *id)
{
	struct ips_add_ops ops;
	struct meet_state s;
	int rc;

	ops_init(&ops, &s);
	if ((rc = ips_update_begin(h)) != 0)
		return rc;
	if ((rc = ips_record_add(h, &ops, v, id)) != 0) {
		ips_rollback(h);
		return rc;
	}
	return ips_commit(h);
}

int
ips_meet_import(ips *h, const char *path, const char *format)
{
	struct ips_add_ops ops;
	struct meet_state s;

	ops_init(&ops, &s);
	return ips_import(h, &ops, path, format);
}

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
	if ((rc = ips_update_begin(h)) != 0)
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
	if ((rc = ips_open(h, IPS_UPDATE)) != 0)
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
