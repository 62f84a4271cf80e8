/*
 * client.c - the job seekers: adding, listing, showing and changing them,
 * their dated status history, export and import.  Erasure on request is
 * in erase.c, the case folding of --search in fold.c.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "internal.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static int
field(const char *name)
{
	return ips_field_index(&ips_kind_client, name);
}

static const char *const *
status_values(void)
{
	return ips_kind_client.fields[field("status")].values;
}

int
ips_client_get(ips *h, const char *s, struct ips_client_row *c)
{
	static const char sql[] = "SELECT enrolled, status, erased IS NOT NULL "
	    "FROM client WHERE id = ?";
	sqlite3_stmt *st;
	struct ips_ref r;
	int rc;

	if ((rc = ips_resolve(h, IPS_REF_CLIENT, s, &c->id)) != 0)
		return rc;
	r.type = IPS_REF_CLIENT;
	r.id = c->id;
	ips_ref_format(r, c->ref, sizeof c->ref);
	if ((rc = ips_prepare(h, sql, &st)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, c->id);
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		sqlite3_finalize(st);
		if (rc == SQLITE_DONE)
			return ips_fail(h, IPS_EDATA, "%s: no such client",
			    c->ref);
		return ips_db_fail(h, rc);
	}
	snprintf(c->enrolled, sizeof c->enrolled, "%s",
	    (const char *)sqlite3_column_text(st, 0));
	snprintf(c->status, sizeof c->status, "%s",
	    (const char *)sqlite3_column_text(st, 1));
	c->erased = sqlite3_column_int(st, 2);
	sqlite3_finalize(st);
	return 0;
}

/* Loads a client that may still be changed: not erased. */
static int
client_live(ips *h, const char *s, struct ips_client_row *c)
{
	int rc;

	if ((rc = ips_client_get(h, s, c)) != 0)
		return rc;
	if (c->erased)
		return ips_fail(h, IPS_EDATA, "%s: erased", c->ref);
	return 0;
}

/* client.status is the status of the latest dated entry of the history;
 * of two on one day, the one written last. */
static int
status_refresh(ips *h, ips_id id)
{
	static const char sql[] = "UPDATE client SET status = coalesce("
	    "(SELECT status FROM client_status WHERE client_id = ?1 "
	    "ORDER BY on_date DESC, id DESC LIMIT 1), status) WHERE id = ?1";
	sqlite3_stmt *st;
	int rc;

	if ((rc = ips_cached(h, sql, &st)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : ips_db_fail(h, rc);
}

/* Appends one entry to a client's history and brings client.status up to
 * date, inside the caller's transaction. */
int
ips_client_status_append(ips *h, ips_id id, const char *status,
    const char *date, const char *reason)
{
	static const char sql[] = "INSERT INTO client_status (client_id, "
	    "status, on_date, reason) VALUES (?, ?, ?, ?)";
	sqlite3_stmt *st;
	int rc;

	if ((rc = ips_cached(h, sql, &st)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	ips_bind_text(st, 2, status);
	ips_bind_text(st, 3, date);
	ips_bind_text(st, 4, reason);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return ips_db_fail(h, rc);
	return status_refresh(h, id);
}

/*
 * Every client has a name, except an erased one, which has no personal
 * data at all: an export holds erased clients, and an import of it must
 * take them back.
 */
static int
check_name(ips *h, const struct ips_values *v)
{
	const char *erased = v->v[field("erased")], *name = v->v[field("name")];
	int i;

	if (erased == NULL || erased[0] == '\0') {
		if (name == NULL)
			return ips_fail(h, IPS_EDATA, "name: missing");
		if (name[0] == '\0')
			return ips_fail(h, IPS_EDATA, "name: empty");
		return 0;
	}
	for (i = 0; i < ips_kind_client.nfields; i++)
		if ((ips_kind_client.fields[i].flags & IPS_F_PERSONAL) &&
		    v->v[i] != NULL && v->v[i][0] != '\0')
			return ips_fail(h, IPS_EDATA, "%s: an erased client has "
			    "none", ips_kind_client.fields[i].name);
	return 0;
}

/* Adding: the acting specialist, today and "referred" when left out. */
static int
client_defaults(ips *h, struct ips_values *v, void *arg)
{
	const struct ips_config *cfg;
	int sp = field("specialist"), en = field("enrolled");
	int stt = field("status"), rc;

	(void)arg;
	if ((rc = check_name(h, v)) != 0)
		return rc;
	if (v->v[sp] == NULL || v->v[sp][0] == '\0') {
		if ((cfg = ips_config(h)) == NULL)
			return h->status;
		/* A client without a specialist would drop out of every
		 * caseload. */
		if (cfg->me == NULL)
			return ips_fail(h, IPS_EDATA, "specialist: missing "
			    "(give --specialist HANDLE, or act as one with "
			    "-u HANDLE or IPS_USER)");
		v->v[sp] = cfg->me;
	}
	if (v->v[en] == NULL || v->v[en][0] == '\0')
		v->v[en] = "today";
	if (v->v[stt] == NULL || v->v[stt][0] == '\0')
		v->v[stt] = "referred";
	return 0;
}

/* The history starts with the status on the enrolment day. */
static int
client_after(ips *h, ips_id id, const struct ips_values *v, void *arg)
{
	char date[11];
	ips_day day;
	int rc;

	(void)arg;
	if ((rc = ips_date_parse(h, "enrolled", v->v[field("enrolled")],
	    &day)) != 0)
		return rc;
	return ips_client_status_append(h, id, v->v[field("status")],
	    ips_day_format(day, date), NULL);
}

static const struct ips_add_ops client_ops = {
	&ips_kind_client, client_defaults, NULL, client_after, NULL, 1,
};

int
ips_client_add(ips *h, struct ips_values *v, ips_id *id)
{
	const char *path;
	struct stat sb;
	int rc;

	/* Every client needs a specialist, and a new file has none: refuse
	 * before creating one. */
	if ((path = ips_db_path(h)) == NULL)
		return h->status ? h->status : ips_nomem(h);
	if (stat(path, &sb) != 0 && errno == ENOENT)
		return ips_fail(h, IPS_EDATA, "no specialists yet: add one "
		    "with 'ips staff add'");
	if ((rc = ips_write_begin(h)) != 0)
		return rc;
	if ((rc = ips_record_add(h, &client_ops, v, id)) != 0) {
		ips_rollback(h);
		return rc;
	}
	return ips_commit(h);
}

/*
 * A new enrolment day takes the history entries of the old one along;
 * nothing else may then lie before it.
 */
static int
move_enrolled(ips *h, const struct ips_client_row *c, const char *s)
{
	sqlite3_stmt *st;
	char date[11];
	ips_day day;
	int rc, n;

	if (s[0] == '\0')
		return ips_fail(h, IPS_EDATA, "enrolled: empty");
	if ((rc = ips_date_parse(h, "enrolled", s, &day)) != 0)
		return rc;
	ips_day_format(day, date);
	if ((rc = ips_prepare(h, "UPDATE client_status SET on_date = ?1 "
	    "WHERE client_id = ?2 AND on_date = ?3", &st)) != 0)
		return rc;
	ips_bind_text(st, 1, date);
	sqlite3_bind_int64(st, 2, c->id);
	ips_bind_text(st, 3, c->enrolled);
	if ((rc = ips_step_done(h, st)) != 0)
		return rc;
	if ((rc = ips_prepare(h, "SELECT (SELECT count(*) FROM client_status "
	    "WHERE client_id = ?1 AND on_date < ?2) + (SELECT count(*) FROM "
	    "job WHERE client_id = ?1 AND start_on < ?2)", &st)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, c->id);
	ips_bind_text(st, 2, date);
	rc = sqlite3_step(st);
	n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return ips_db_fail(h, rc);
	if (n > 0)
		return ips_fail(h, IPS_EDATA, "%s: enrolled: later than a "
		    "status entry or job start of the client", c->ref);
	return status_refresh(h, c->id);
}

/* Changes v's fields of a loaded client inside the caller's transaction
 * and audits them as action. */
static int
client_update(ips *h, const struct ips_client_row *c,
    const struct ips_values *v, const char *action)
{
	char fields[512];
	int i, rc, sp = field("specialist"), en = field("enrolled");

	for (i = 0; i < ips_kind_client.nfields; i++)
		if (v->v[i] != NULL &&
		    (ips_kind_client.fields[i].flags & IPS_F_NOSET))
			return ips_fail(h, IPS_EDATA, "%s: not changed this "
			    "way%s", ips_kind_client.fields[i].name,
			    i == field("status") ? " (use 'ips-client status')" :
			    "");
	if (v->v[field("name")] != NULL && v->v[field("name")][0] == '\0')
		return ips_fail(h, IPS_EDATA, "name: empty");
	if (v->v[sp] != NULL && v->v[sp][0] == '\0')
		return ips_fail(h, IPS_EDATA, "specialist: empty (a client "
		    "must have a specialist)");
	if (v->v[en] != NULL && (rc = move_enrolled(h, c, v->v[en])) != 0)
		return rc;
	if ((rc = ips_record_update(h, &ips_kind_client, c->id, v)) != 0)
		return rc;
	ips_values_fields(&ips_kind_client, v, fields, sizeof fields);
	return ips_audit(h, action, c->ref, fields);
}

int
ips_client_set(ips *h, const char *ref, const struct ips_values *v)
{
	struct ips_client_row c;
	int rc;

	if ((rc = ips_update_begin(h)) != 0)
		return rc;
	if ((rc = client_live(h, ref, &c)) != 0 ||
	    (rc = client_update(h, &c, v, "set")) != 0) {
		ips_rollback(h);
		return rc;
	}
	return ips_commit(h);
}

/* edit's writer, inside the transaction edit began. */
static int
edit_set(ips *h, const struct ips_kind *k, ips_id id,
    const struct ips_values *v, const char *action)
{
	struct ips_client_row c;
	char ref[24];
	int rc;

	(void)k;
	snprintf(ref, sizeof ref, "c%lld", (long long)id);
	if ((rc = client_live(h, ref, &c)) != 0)
		return rc;
	return client_update(h, &c, v, action);
}

int
ips_client_edit(ips *h, const char *ref, const char *tmpdir, int *result)
{
	struct ips_client_row c;
	int rc;

	*result = IPS_EDIT_UNCHANGED;
	/* An erased client has nothing to edit: say so before the editor
	 * opens. */
	if ((rc = ips_open(h, IPS_READ)) != 0 ||
	    (rc = client_live(h, ref, &c)) != 0)
		return rc;
	return ips_record_edit(h, &ips_kind_client, c.id, tmpdir, edit_set,
	    result);
}

int
ips_client_status(ips *h, const char *ref, const char *status,
    const char *on, const char *reason)
{
	struct ips_client_row c;
	char date[11];
	ips_day day;
	int rc;

	if ((rc = ips_check_enum(h, "status", status, status_values())) != 0)
		return rc;
	if (on != NULL && (rc = ips_date_parse(h, "on", on, &day)) != 0)
		return rc;
	if (on == NULL)
		day = ips_today(h);
	if (reason != NULL && (rc = ips_check_text(h, "reason", reason,
	    IPS_NAME_MAX, 0)) != 0)
		return rc;
	ips_day_format(day, date);
	if ((rc = ips_update_begin(h)) != 0)
		return rc;
	if ((rc = ips_client_get(h, ref, &c)) != 0)
		goto fail;
	/* Statuses stay countable after an erasure; reasons are free text
	 * and would be personal data again. */
	if (c.erased && reason != NULL) {
		rc = ips_fail(h, IPS_EDATA, "%s: erased: a status can be set, "
		    "but not a reason", c.ref);
		goto fail;
	}
	if (strcmp(date, c.enrolled) < 0) {
		rc = ips_fail(h, IPS_EDATA, "%s: status dated before the "
		    "client's enrolment", c.ref);
		goto fail;
	}
	if ((rc = ips_client_status_append(h, c.id, status, date,
	    reason)) != 0 ||
	    (rc = ips_audit(h, "status", c.ref, reason ? "status,reason" :
	    "status")) != 0)
		goto fail;
	return ips_commit(h);
fail:
	ips_rollback(h);
	return rc;
}

int
ips_client_history(ips *h, FILE *fp, const char *ref)
{
	static const struct ips_col cols[] = {
		{ "ref", IPS_COL_TEXT }, { "on", IPS_COL_TEXT },
		{ "status", IPS_COL_TEXT }, { "reason", IPS_COL_TEXT },
	};
	sqlite3_stmt *st;
	ips_id id;
	int rc;

	if ((rc = ips_open(h, IPS_READ)) != 0 ||
	    (rc = ips_resolve(h, IPS_REF_CLIENT, ref, &id)) != 0 ||
	    (rc = ips_prepare(h, "SELECT 'c' || client_id, on_date, status, "
	    "CASE WHEN ?2 THEN NULL ELSE reason END FROM client_status "
	    "WHERE client_id = ?1 ORDER BY on_date, id", &st)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	/* Reasons are free text: not for a pseudonymized view. */
	sqlite3_bind_int(st, 2, ips_pseudonymize(h));
	return ips_out_stmt(h, fp, cols, (int)NELEM(cols), st);
}

int
ips_client_status_on(ips *h, FILE *fp, const char *ref, const char *on)
{
	static const struct ips_col cols[] = {
		{ "ref", IPS_COL_TEXT }, { "on", IPS_COL_TEXT },
		{ "status", IPS_COL_TEXT },
	};
	sqlite3_stmt *st;
	char date[11];
	ips_day day;
	ips_id id;
	int rc;

	if ((rc = ips_date_parse(h, "on", on, &day)) != 0 ||
	    (rc = ips_open(h, IPS_READ)) != 0 ||
	    (rc = ips_resolve(h, IPS_REF_CLIENT, ref, &id)) != 0 ||
	    (rc = ips_prepare(h, "SELECT 'c' || ?1, ?2, (SELECT status FROM "
	    "client_status WHERE client_id = ?1 AND on_date <= ?2 "
	    "ORDER BY on_date DESC, id DESC LIMIT 1)", &st)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	ips_bind_text(st, 2, ips_day_format(day, date));
	return ips_out_stmt(h, fp, cols, (int)NELEM(cols), st);
}

/* Client operands as typed (c42, 42, an exact name) into references, so
 * that a name works, and is never echoed in a message.  *out is NULL when
 * the references come from stdin; free with free_operands. */
static int
client_operands(ips *h, int argc, char **argv, char ***out)
{
	struct ips_ref r;
	char **v;
	ips_id id;
	int i, rc;

	*out = NULL;
	if (ips_refs_source(argc, argv) != IPS_REFS_ARGV)
		return 0;
	if ((rc = ips_open(h, IPS_READ)) != 0)
		return rc;
	if ((v = calloc(argc + 1, sizeof *v)) == NULL)
		return ips_nomem(h);
	for (i = 0; i < argc; i++) {
		/* e17 is an employer, not the name of a client. */
		if (ips_ref_parse(h, argv[i], ~0, &r) == 0 &&
		    r.type != IPS_REF_CLIENT)
			rc = ips_ref_parse(h, argv[i], IPS_REF_CLIENT, &r);
		else
			rc = ips_resolve(h, IPS_REF_CLIENT, argv[i], &id);
		if (rc == 0 && (v[i] = malloc(24)) == NULL)
			rc = ips_nomem(h);
		if (rc != 0) {
			ips_operands_free(argc, v);
			return rc;
		}
		snprintf(v[i], 24, "c%lld", (long long)id);
	}
	*out = v;
	return 0;
}

/*
 * The list, for people and pipes: who, whose, how far along, and when we
 * last met them.  Personal fields beyond the name are in show and export.
 */
#define LAST_MET \
	"(SELECT max(d) FROM (SELECT m.held_on AS d FROM meeting m " \
	"WHERE m.client_id = t.id UNION ALL SELECT m.held_on FROM " \
	"meeting_for f JOIN meeting m ON m.id = f.meeting_id " \
	"WHERE f.client_id = t.id))"
#define LIST_FROM \
	" FROM client t LEFT JOIN specialist s ON s.id = t.specialist_id " \
	"WHERE (?1 IS NULL OR t.specialist_id = ?1) " \
	"AND (?2 IS NULL OR t.status = ?2) " \
	"AND (?3 IS NULL OR ips_fold(t.area) = ips_fold(?3)) " \
	"AND (?4 IS NULL OR (NOT EXISTS (SELECT 1 FROM meeting m " \
	"WHERE m.client_id = t.id AND m.held_on >= ?4) AND NOT EXISTS " \
	"(SELECT 1 FROM meeting_for f JOIN meeting m ON m.id = f.meeting_id " \
	"WHERE f.client_id = t.id AND m.held_on >= ?4))) " \
	"AND (?5 IS NULL OR (t.erased IS NULL AND (" \
	"ips_fold(t.name) LIKE ?5 ESCAPE '\\' OR " \
	"ips_fold(t.area) LIKE ?5 ESCAPE '\\' OR " \
	"ips_fold(t.goal) LIKE ?5 ESCAPE '\\' OR " \
	"ips_fold(t.job_types) LIKE ?5 ESCAPE '\\'))) " \
	"AND (?6 = 0 OR t.id IN (SELECT id FROM temp.refs WHERE type = 1)) " \
	"ORDER BY t.id"
#define LIST_SELECT(name) \
	"SELECT 'c' || t.id, " name ", s.handle, t.status, t.enrolled, " \
	"t.area, t.job_types, t.hours_wanted, " LAST_MET LIST_FROM

static const char list_plain[] = LIST_SELECT("t.name");
static const char list_pseudo[] =
    LIST_SELECT("ips_pseudonym('name', t.id, t.name)");

int
ips_client_list(ips *h, FILE *fp, const struct ips_client_filter *f,
    int argc, char **argv)
{
	static const struct ips_col cols[] = {
		{ "ref", IPS_COL_TEXT }, { "name", IPS_COL_TEXT },
		{ "specialist", IPS_COL_TEXT }, { "status", IPS_COL_TEXT },
		{ "enrolled", IPS_COL_TEXT }, { "area", IPS_COL_TEXT },
		{ "job_types", IPS_COL_LIST }, { "hours_wanted", IPS_COL_REAL },
		{ "last_met", IPS_COL_TEXT },
	};
	sqlite3_stmt *st = NULL;
	char since[11], *like = NULL, **ops;
	ips_id sp = 0;
	ips_day day;
	long n;
	int rc, pseudo = ips_pseudonymize(h);

	if ((f->status != NULL && (rc = ips_check_enum(h, "status", f->status,
	    status_values())) != 0) ||
	    (f->idle != NULL && (rc = ips_span_parse(h, "idle", f->idle,
	    &day)) != 0) ||
	    (f->area != NULL && (rc = ips_check_text(h, "area", f->area,
	    IPS_NAME_MAX, 0)) != 0) ||
	    (f->search != NULL && (rc = ips_check_text(h, "search",
	    f->search, IPS_NAME_MAX, 0)) != 0))
		return rc;
	if ((rc = ips_open(h, IPS_READ)) != 0 ||
	    (f->specialist != NULL && (rc = ips_staff_id(h, f->specialist,
	    &sp)) != 0) ||
	    (rc = ips_fold_register(h)) != 0 ||
	    (pseudo && (rc = ips_pseudo_register(h)) != 0) ||
	    (rc = client_operands(h, argc, argv, &ops)) != 0)
		return rc;
	rc = ips_refs_load(h, argc, ops ? ops : argv, IPS_REF_CLIENT, &n);
	ips_operands_free(argc, ops);
	if (rc != 0 || (rc = ips_refs_check(h)) != 0)
		return rc;
	if (f->search != NULL && (like = ips_like_pattern(f->search)) == NULL)
		return ips_nomem(h);
	if ((rc = ips_prepare(h, pseudo ? list_pseudo : list_plain, &st)) !=
	    0) {
		free(like);
		return rc;
	}
	if (sp != 0)
		sqlite3_bind_int64(st, 1, sp);
	ips_bind_text(st, 2, f->status);
	ips_bind_text(st, 3, f->area);
	if (f->idle != NULL)
		ips_bind_text(st, 4, ips_day_format(day, since));
	ips_bind_text(st, 5, like);
	sqlite3_bind_int(st, 6, ips_refs_source(argc, argv) != IPS_REFS_NONE);
	free(like);
	return ips_out_stmt(h, fp, cols, (int)NELEM(cols), st);
}

/* After a client's fields in show: the history, the jobs, and the last
 * five meetings with or for the client. */
static int
client_more(ips *h, FILE *fp, ips_id id, void *arg)
{
	static const struct ips_col hist[] = {
		{ "on", IPS_COL_TEXT }, { "status", IPS_COL_TEXT },
		{ "reason", IPS_COL_TEXT },
	};
	static const struct ips_col jobs[] = {
		{ "ref", IPS_COL_TEXT }, { "employer", IPS_COL_TEXT },
		{ "title", IPS_COL_TEXT }, { "start", IPS_COL_TEXT },
		{ "end", IPS_COL_TEXT }, { "hours", IPS_COL_REAL },
		{ "wage", IPS_COL_REAL }, { "competitive", IPS_COL_BOOL },
	};
	sqlite3_stmt *st;
	int rc;

	(void)arg;
	/* Reasons are free text: not for a pseudonymized view. */
	if ((rc = ips_prepare(h, "SELECT on_date, status, CASE WHEN ?2 THEN "
	    "NULL ELSE reason END FROM client_status WHERE client_id = ?1 "
	    "ORDER BY on_date, id", &st)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, ips_pseudonymize(h));
	if ((rc = ips_out_section(h, fp, "status history", hist, (int)NELEM(hist),
	    st)) != 0)
		return rc;
	if ((rc = ips_prepare(h, "SELECT 'j' || j.id, e.name, j.title, "
	    "j.start_on, j.end_on, j.hours, j.wage, j.competitive FROM job j "
	    "JOIN employer e ON e.id = j.employer_id WHERE j.client_id = ? "
	    "ORDER BY j.start_on, j.id", &st)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = ips_out_section(h, fp, "jobs", jobs, (int)NELEM(jobs), st)) != 0)
		return rc;
	return ips_meet_recent(h, fp, "last meetings", IPS_REF_CLIENT, id, 5);
}

int
ips_client_show(ips *h, FILE *fp, int argc, char **argv)
{
	char **ops;
	int rc;

	if ((rc = client_operands(h, argc, argv, &ops)) != 0)
		return rc;
	rc = ips_record_show(h, fp, &ips_kind_client, argc, ops ? ops : argv,
	    client_more, NULL);
	ips_operands_free(argc, ops);
	return rc;
}

int
ips_client_export(ips *h, FILE *fp)
{
	int rc;

	if ((rc = ips_open(h, IPS_READ)) != 0)
		return rc;
	return ips_record_list(h, fp, &ips_kind_client, "ORDER BY t.id", NULL,
	    NULL);
}

/* import: the rows go through add's defaults and history, all in one
 * transaction (lib/import.c). */
int
ips_client_import(ips *h, const char *path, const char *format)
{
	return ips_import(h, &client_ops, path, format);
}
