/*
 * opening.c - the openings found with employers, advertised or hidden,
 * from the day they are found to the day they are filled or closed.
 */
#include <string.h>

#include "internal.h"

static int
fidx(const char *name)
{
	return ips_field_index(&ips_kind_opening, name);
}

static int
given(const char *s)
{
	return s != NULL && s[0] != '\0';
}

static int
opening_defaults(ips *h, struct ips_values *v, void *arg)
{
	const struct ips_config *cfg;
	int by = fidx("found_by"), found = fidx("found");

	(void)arg;
	if (v->v[found] == NULL)
		v->v[found] = "today";
	if (v->v[by] == NULL && (cfg = ips_config(h)) != NULL &&
	    cfg->me != NULL)
		v->v[by] = cfg->me;
	return 0;
}

/* An import brings the whole life of an opening: its status, and what
 * goes with it, must agree. */
static int
opening_check(ips *h, const struct ips_values *v, void *arg)
{
	static const char *const status_values[] = { "open", "filled",
		"closed", NULL };
	const char *status = v->v[fidx("status")];
	const char *closed = v->v[fidx("closed")];
	const char *filled_by = v->v[fidx("filled_by")];
	const char *reason = v->v[fidx("close_reason")];
	int rc;

	(void)arg;
	if (!given(status) || strcmp(status, "open") == 0) {
		if (given(closed))
			return ips_fail(h, IPS_EDATA, "closed: set on an open "
			    "opening");
		if (given(filled_by))
			return ips_fail(h, IPS_EDATA, "filled_by: set on an "
			    "open opening");
		if (given(reason))
			return ips_fail(h, IPS_EDATA, "close_reason: set on an "
			    "open opening");
		return 0;
	}
	if ((rc = ips_check_enum(h, "status", status, status_values)) != 0)
		return rc;
	if (!given(closed))
		return ips_fail(h, IPS_EDATA, "closed: missing for a %s "
		    "opening", status);
	if (given(filled_by) && strcmp(status, "filled") != 0)
		return ips_fail(h, IPS_EDATA, "filled_by: set on a %s opening",
		    status);
	return 0;
}

static const struct ips_add_ops opening_ops = {
	&ips_kind_opening, opening_defaults, opening_check, NULL, NULL, 1,
};

const struct ips_add_ops *
ips_opening_ops(void)
{
	return &opening_ops;
}

int
ips_opening_add(ips *h, struct ips_values *v, ips_id *id)
{
	return ips_add_one(h, &opening_ops, v, id, 1);
}


static int
bind_flags(ips *h, sqlite3_stmt *st, void *arg)
{
	const int *a = arg;
	int i;

	(void)h;
	for (i = 0; i < 4; i++)
		sqlite3_bind_int(st, i + 1, a[i]);
	return 0;
}

int
ips_openings_list(ips *h, FILE *fp, int flags, int argc, char **argv)
{
	/*
	 * A candidate is an active client with the opening's job type
	 * among the job types wanted, item by item.  The wanted types are
	 * gathered once (the lists are stored comma-separated without
	 * spaces), not matched per opening and client; a job type with a
	 * comma in it is no single item and so has no candidates.
	 */
	static const char rest[] =
	    "WHERE (?1 = 0 OR t.employer_id IN "
	    "(SELECT id FROM temp.refs WHERE type = 2)) "
	    "AND (?2 = 0 OR t.status = 'open') "
	    "AND (?3 = 0 OR t.hidden = 1) "
	    "AND (?4 = 0 OR (t.status = 'open' AND (t.job_type IS NULL OR "
	    "trim(t.job_type) NOT IN (WITH RECURSIVE split(rest, item) AS ("
	    "SELECT c.job_types || ',', NULL FROM client c "
	    "WHERE c.status = 'active' AND c.job_types IS NOT NULL "
	    "UNION ALL SELECT substr(rest, instr(rest, ',') + 1), "
	    "substr(rest, 1, instr(rest, ',') - 1) FROM split "
	    "WHERE rest <> '') "
	    "SELECT item FROM split WHERE item IS NOT NULL)))) "
	    "ORDER BY t.id";
	int a[4];
	char **refs;
	long n;
	int rc;

	a[0] = ips_refs_source(argc, argv) != IPS_REFS_NONE;
	a[1] = (flags & IPS_OPENINGS_OPEN) != 0;
	a[2] = (flags & IPS_OPENINGS_HIDDEN) != 0;
	a[3] = (flags & IPS_OPENINGS_NO_CANDIDATES) != 0;
	if ((rc = ips_open(h, IPS_READ)) != 0 ||
	    (rc = ips_employer_operands(h, argc, argv, &refs)) != 0)
		return rc;
	rc = ips_refs_load(h, argc, refs ? refs : argv, IPS_REF_EMPLOYER, &n);
	ips_operands_free(argc, refs);
	if (rc != 0 || (rc = ips_refs_check(h)) != 0)
		return rc;
	return ips_list_more(h, fp, &ips_kind_opening, ips_employer_name_sql,
	    ips_employer_name_col, 1, rest, bind_flags, a);
}

int
ips_opening_close(ips *h, const char *ref, const struct ips_opening_end *e)
{
	struct ips_ref r = { IPS_REF_OPENING, 0 }, other;
	char found[11], closed[11], buf[32];
	const char *status;
	sqlite3_stmt *st;
	ips_id client = 0;
	ips_day on;
	int rc;

	if ((e->filled_by == NULL) == (e->reason == NULL))
		return ips_fail(h, IPS_EUSAGE, "close: give --filled-by or "
		    "--reason, not both");
	if ((rc = ips_date_parse(h, "on", e->on ? e->on : "today", &on)) != 0 ||
	    (e->reason != NULL && (rc = ips_check_text(h, "reason", e->reason,
	    IPS_NAME_MAX, 0)) != 0))
		return rc;
	ips_day_format(on, closed);
	if ((rc = ips_update_begin(h)) != 0)
		return rc;
	if ((rc = ips_resolve(h, IPS_REF_OPENING, ref, &r.id)) != 0)
		goto fail;
	ips_ref_format(r, buf, sizeof buf);
	if ((rc = ips_prepare(h, "SELECT status, found_on FROM opening "
	    "WHERE id = ?", &st)) != 0)
		goto fail;
	sqlite3_bind_int64(st, 1, r.id);
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		sqlite3_finalize(st);
		rc = ips_db_fail(h, rc);
		goto fail;
	}
	status = (const char *)sqlite3_column_text(st, 0);
	snprintf(found, sizeof found, "%s", (const char *)
	    sqlite3_column_text(st, 1));
	if (status == NULL || strcmp(status, "open") != 0) {
		rc = ips_fail(h, IPS_EDATA, "%s: already %s", buf,
		    status ? status : "closed");
		sqlite3_finalize(st);
		goto fail;
	}
	sqlite3_finalize(st);
	if (strcmp(closed, found) < 0) {
		rc = ips_fail(h, IPS_EDATA, "on: %s is before the opening was "
		    "found (%s)", closed, found);
		goto fail;
	}
	/* A reference of another kind is a mistake, not a name. */
	if (e->filled_by != NULL && ips_ref_parse(h, e->filled_by, ~0, &other)
	    == 0 && other.type != IPS_REF_CLIENT) {
		const char *noun = ips_ref_noun(other.type);

		rc = ips_fail(h, IPS_EDATA, "filled_by: '%s' is %s %s, not a "
		    "client", e->filled_by, strchr("aeiou", noun[0]) ? "an" :
		    "a", noun);
		goto fail;
	}
	if (e->filled_by != NULL &&
	    (rc = ips_resolve(h, IPS_REF_CLIENT, e->filled_by, &client)) != 0) {
		char msg[IPS_ERRMAX];

		snprintf(msg, sizeof msg, "%s", ips_errmsg(h));
		rc = ips_fail(h, rc, "filled_by: %s", msg);
		goto fail;
	}
	if ((rc = ips_prepare(h, "UPDATE opening SET status = ?1, "
	    "closed_on = ?2, filled_by_id = ?3, close_reason = ?4 "
	    "WHERE id = ?5", &st)) != 0)
		goto fail;
	ips_bind_text(st, 1, client ? "filled" : "closed");
	ips_bind_text(st, 2, closed);
	if (client)
		sqlite3_bind_int64(st, 3, client);
	ips_bind_text(st, 4, e->reason);
	sqlite3_bind_int64(st, 5, r.id);
	if ((rc = ips_step_done(h, st)) != 0 ||
	    (rc = ips_audit(h, "close", buf, client ?
	    "status,closed,filled_by" : "status,closed,close_reason")) != 0)
		goto fail;
	return ips_commit(h);
fail:
	ips_rollback(h);
	return rc;
}
