/*
 * employer.c - employers and the persons to contact there: what
 * ips-employer does with them.  The openings are in opening.c; what the
 * two share is declared in internal.h.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "internal.h"

static int
fidx(const struct ips_kind *k, const char *name)
{
	return ips_field_index(k, name);
}

void
ips_operands_free(int argc, char **argv)
{
	int i;

	if (argv == NULL)
		return;
	for (i = 0; i < argc; i++)
		free(argv[i]);
	free(argv);
}

int
ips_employer_operands(ips *h, int argc, char **argv, char ***out)
{
	char **v;
	ips_id id;
	int i, rc;

	/* Typed references as the operand loop reads them; a pipe already
	 * carries references and is read as it is. */
	*out = NULL;
	if (ips_refs_source(argc, argv) != IPS_REFS_ARGV)
		return 0;
	if ((v = calloc(argc + 1, sizeof *v)) == NULL)
		return ips_nomem(h);
	for (i = 0; i < argc; i++) {
		if ((rc = ips_resolve(h, IPS_REF_EMPLOYER, argv[i], &id)) != 0) {
			ips_operands_free(i, v);
			return rc;
		}
		if ((v[i] = malloc(24)) == NULL) {
			ips_operands_free(i, v);
			return ips_nomem(h);
		}
		snprintf(v[i], 24, "e%lld", (long long)id);
	}
	*out = v;
	return 0;
}

int
ips_list_more(ips *h, FILE *fp, const struct ips_kind *k, const char *extra,
    const struct ips_col *xcols, int nx, const char *rest, ips_bind_fn bind,
    void *arg)
{
	struct ips_col cols[IPS_MAXFIELDS + 8];
	char sql[8192];
	size_t len;
	sqlite3_stmt *st;
	int rc, n;

	if (nx > 7)
		return ips_fail(h, IPS_EIO, "internal error: too many columns");
	if ((rc = ips_record_select(h, k, sql, sizeof sql)) != 0)
		return rc;
	len = strlen(sql);
	if (snprintf(sql + len, sizeof sql - len, "%s FROM %s t %s", extra,
	    k->table, rest) >= (int)(sizeof sql - len))
		return ips_fail(h, IPS_EIO, "internal error: statement too long");
	if ((rc = ips_prepare(h, sql, &st)) != 0)
		return rc;
	if (bind != NULL && (rc = bind(h, st, arg)) != 0) {
		sqlite3_finalize(st);
		return rc;
	}
	n = ips_record_cols(k, cols);
	memcpy(cols + n, xcols, nx * sizeof *xcols);
	return ips_out_stmt(h, fp, cols, n + nx, st);
}

int
ips_add_one(ips *h, const struct ips_add_ops *ops, struct ips_values *v,
    ips_id *id, int existing)
{
	int rc;

	if ((rc = existing ? ips_update_begin(h) : ips_write_begin(h)) != 0)
		return rc;
	if ((rc = ips_record_add(h, ops, v, id)) != 0) {
		ips_rollback(h);
		return rc;
	}
	return ips_commit(h);
}

/* employers */

static int
unique_business_id(ips *h, const char *bid, ips_id self)
{
	static const char sql[] = "SELECT id FROM employer WHERE "
	    "business_id = ?1 AND id <> ?2";
	sqlite3_stmt *st;
	ips_id other;
	int rc;

	if (bid == NULL || bid[0] == '\0')
		return 0;
	if ((rc = ips_cached(h, sql, &st)) != 0)
		return rc;
	ips_bind_text(st, 1, bid);
	sqlite3_bind_int64(st, 2, self);
	rc = sqlite3_step(st);
	other = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return 0;
	if (rc != SQLITE_ROW)
		return ips_db_fail(h, rc);
	/* It matched a stored id: a business id, not personal data. */
	return ips_fail(h, IPS_EDATA, "business_id: %s is already e%lld", bid,
	    (long long)other);
}

static int
employer_defaults(ips *h, struct ips_values *v, void *arg)
{
	const struct ips_config *cfg;
	int owner = fidx(&ips_kind_employer, "owner");

	(void)arg;
	if (v->v[owner] == NULL && (cfg = ips_config(h)) != NULL &&
	    cfg->me != NULL)
		v->v[owner] = cfg->me;
	return 0;
}

static int
employer_check(ips *h, const struct ips_values *v, void *arg)
{
	(void)arg;
	return unique_business_id(h, v->v[fidx(&ips_kind_employer,
	    "business_id")], 0);
}

static const struct ips_add_ops employer_ops = {
	&ips_kind_employer, employer_defaults, employer_check, NULL, NULL,
};

int
ips_employer_add(ips *h, struct ips_values *v, ips_id *id)
{
	return ips_add_one(h, &employer_ops, v, id, 0);
}

static int
bind_filter(ips *h, sqlite3_stmt *st, void *arg)
{
	const struct ips_employer_filter *f = arg;
	const struct ips_kind *k = &ips_kind_employer;
	char date[11], *pat;
	ips_day from;
	int rc;

	const struct {
		const char *field, *value;
	} by[] = { { "sector", f->sector }, { "area", f->area },
		{ "status", f->status }, { "owner", f->owner } };
	size_t i;

	/* Checked as the fields are: a sector letter, a status, a handle. */
	for (i = 0; i < sizeof by / sizeof by[0]; i++) {
		if (by[i].value == NULL)
			continue;
		if (by[i].value[0] == '\0')
			return ips_fail(h, IPS_EUSAGE, "--%s: empty", by[i].field);
		if ((rc = ips_field_bind(h, &k->fields[fidx(k, by[i].field)],
		    by[i].value, st, (int)i + 1)) != 0)
			return rc;
	}
	if (f->idle != NULL) {
		if ((rc = ips_span_parse(h, "idle", f->idle, &from)) != 0)
			return rc;
		ips_bind_text(st, 5, ips_day_format(from, date));
		ips_bind_text(st, 6, ips_day_format(ips_today(h), date));
	}
	if (f->search != NULL) {
		if ((rc = ips_check_text(h, "search", f->search, IPS_NAME_MAX,
		    0)) != 0)
			return rc;
		/* A substring, letters of any case alike (Ö is ö), LIKE's
		 * own wildcards taken literally. */
		if ((pat = ips_like_pattern(f->search)) == NULL)
			return ips_nomem(h);
		if (sqlite3_bind_text(st, 7, pat, -1, free) != SQLITE_OK)
			return ips_db_fail(h, SQLITE_NOMEM);
	}
	return 0;
}

int
ips_employer_list(ips *h, FILE *fp, const struct ips_employer_filter *f)
{
	/* The fields people scan a register by, and when we last talked
	 * to them; export has every field. */
	static const struct ips_col cols[] = {
		{ "ref", IPS_COL_TEXT }, { "name", IPS_COL_TEXT },
		{ "business_id", IPS_COL_TEXT }, { "sector", IPS_COL_TEXT },
		{ "industry", IPS_COL_TEXT }, { "size", IPS_COL_INT },
		{ "area", IPS_COL_TEXT }, { "status", IPS_COL_TEXT },
		{ "owner", IPS_COL_TEXT }, { "last_met", IPS_COL_TEXT },
	};
	static const char sql[] =
	    "SELECT 'e' || t.id, t.name, t.business_id, t.sector, t.industry, "
	    "t.size, t.area, t.status, "
	    "(SELECT s.handle FROM specialist s WHERE s.id = t.owner_id), "
	    "(SELECT max(m.held_on) FROM meeting m WHERE m.employer_id = t.id) "
	    "FROM employer t "
	    "WHERE (?1 IS NULL OR t.sector = ?1) "
	    "AND (?2 IS NULL OR ips_fold(t.area) = ips_fold(?2)) "
	    "AND (?3 IS NULL OR t.status = ?3) "
	    "AND (?4 IS NULL OR t.owner_id = ?4) "
	    "AND (?5 IS NULL OR NOT EXISTS (SELECT 1 FROM meeting m "
	    "WHERE m.employer_id = t.id AND m.held_on BETWEEN ?5 AND ?6)) "
	    "AND (?7 IS NULL OR ips_fold(t.name) LIKE ?7 ESCAPE '\\' "
	    "OR ips_fold(t.industry) LIKE ?7 ESCAPE '\\' "
	    "OR ips_fold(t.area) LIKE ?7 ESCAPE '\\' "
	    "OR ips_fold(t.note) LIKE ?7 ESCAPE '\\') "
	    "ORDER BY t.id";
	sqlite3_stmt *st;
	int rc;

	if ((rc = ips_open(h, IPS_READ)) != 0 ||
	    (rc = ips_fold_register(h)) != 0 ||
	    (rc = ips_prepare(h, sql, &st)) != 0)
		return rc;
	if ((rc = bind_filter(h, st, (void *)f)) != 0) {
		sqlite3_finalize(st);
		return rc;
	}
	return ips_out_stmt(h, fp, cols, sizeof cols / sizeof cols[0], st);
}

static int
employer_more(ips *h, FILE *fp, ips_id id, void *arg)
{
	static const struct ips_col contact_cols[] = {
		{ "contact", IPS_COL_TEXT }, { "name", IPS_COL_TEXT },
		{ "role", IPS_COL_TEXT }, { "phone", IPS_COL_TEXT },
		{ "email", IPS_COL_TEXT },
	};
	static const struct ips_col opening_cols[] = {
		{ "opening", IPS_COL_TEXT }, { "title", IPS_COL_TEXT },
		{ "job_type", IPS_COL_TEXT }, { "positions", IPS_COL_INT },
		{ "hidden", IPS_COL_BOOL }, { "found", IPS_COL_TEXT },
		{ "status", IPS_COL_TEXT }, { "closed", IPS_COL_TEXT },
	};
	static const struct ips_col job_cols[] = {
		{ "job", IPS_COL_TEXT }, { "client", IPS_COL_TEXT },
		{ "name", IPS_COL_TEXT }, { "title", IPS_COL_TEXT },
		{ "start", IPS_COL_TEXT }, { "end", IPS_COL_TEXT },
	};
	static const char contacts[] = "SELECT 'p' || id, name, role, phone, "
	    "email FROM contact WHERE employer_id = ? ORDER BY id";
	static const char openings[] = "SELECT 'o' || id, title, job_type, "
	    "positions, hidden, found_on, status, closed_on FROM opening "
	    "WHERE employer_id = ? ORDER BY status <> 'open', found_on DESC, "
	    "id DESC";
	static const char jobs[] = "SELECT 'j' || j.id, 'c' || j.client_id, "
	    "c.name, j.title, j.start_on, j.end_on FROM job j "
	    "JOIN client c ON c.id = j.client_id WHERE j.employer_id = ? "
	    "ORDER BY j.start_on DESC, j.id DESC";
	static const char jobs_pseudo[] = "SELECT 'j' || j.id, "
	    "'c' || j.client_id, ips_pseudonym('name', c.id, c.name), j.title, "
	    "j.start_on, j.end_on FROM job j "
	    "JOIN client c ON c.id = j.client_id WHERE j.employer_id = ? "
	    "ORDER BY j.start_on DESC, j.id DESC";
	static const struct {
		const char *title, *sql;
		const struct ips_col *cols;
		int ncols;
	} sections[] = {
		{ "contacts", contacts, contact_cols, 5 },
		{ "openings", openings, opening_cols, 8 },
		{ "jobs", jobs, job_cols, 6 },
	};
	sqlite3_stmt *st;
	size_t i;
	int rc;

	(void)arg;
	for (i = 0; i < sizeof sections / sizeof sections[0]; i++) {
		const char *sql = sections[i].sql;

		if (sql == jobs && ips_pseudonymize(h))
			sql = jobs_pseudo;
		if ((rc = ips_prepare(h, sql, &st)) != 0)
			return rc;
		sqlite3_bind_int64(st, 1, id);
		if ((rc = ips_out_section(h, fp, sections[i].title,
		    sections[i].cols, sections[i].ncols, st)) != 0)
			return rc;
	}
	return ips_meet_recent(h, fp, "last meetings", IPS_REF_EMPLOYER, id,
	    5);
}

int
ips_employer_show(ips *h, FILE *fp, int argc, char **argv)
{
	char **refs;
	int rc;

	if (ips_refs_source(argc, argv) == IPS_REFS_NONE)
		return ips_fail(h, IPS_EUSAGE, "show: which employer? (give "
		    "a reference or pipe some in)");
	if ((rc = ips_open(h, IPS_READ)) != 0 ||
	    (rc = ips_employer_operands(h, argc, argv, &refs)) != 0)
		return rc;
	rc = ips_record_show(h, fp, &ips_kind_employer, argc, refs ? refs :
	    argv, employer_more, NULL);
	ips_operands_free(argc, refs);
	return rc;
}

/* Fields that have a default in the schema and so cannot go empty. */
static int
clears_default(ips *h, const struct ips_kind *k, const struct ips_values *v)
{
	static const char *const keep[] = { "employer.status",
		"opening.positions", "opening.hidden", "opening.found", NULL };
	char name[64];
	int i, j;

	for (i = 0; i < k->nfields; i++) {
		if (v->v[i] == NULL || v->v[i][0] != '\0')
			continue;
		snprintf(name, sizeof name, "%s.%s", k->name,
		    k->fields[i].name);
		for (j = 0; keep[j] != NULL; j++)
			if (strcmp(keep[j], name) == 0)
				return ips_fail(h, IPS_EDATA, "%s: empty",
				    k->fields[i].name);
	}
	return 0;
}

static int
set_record(ips *h, const struct ips_kind *k, ips_id id,
    const struct ips_values *v, const char *action)
{
	struct ips_ref r = { k->ref_type, id };
	char fields[512], ref[32];
	int rc, bid;

	if ((rc = clears_default(h, k, v)) != 0)
		return rc;
	if (k == &ips_kind_employer) {
		bid = fidx(k, "business_id");
		if ((rc = unique_business_id(h, v->v[bid], id)) != 0)
			return rc;
	}
	if ((rc = ips_record_update(h, k, id, v)) != 0)
		return rc;
	ips_values_fields(k, v, fields, sizeof fields);
	return ips_audit(h, action, ips_ref_format(r, ref, sizeof ref),
	    fields);
}

static int
set_one(ips *h, const struct ips_kind *k, const char *ref,
    const struct ips_values *v)
{
	ips_id id;
	int rc;

	if ((rc = ips_update_begin(h)) != 0)
		return rc;
	if ((rc = ips_resolve(h, k->ref_type, ref, &id)) != 0 ||
	    (rc = set_record(h, k, id, v, "set")) != 0) {
		ips_rollback(h);
		return rc;
	}
	return ips_commit(h);
}

int
ips_employer_set(ips *h, const char *ref, const struct ips_values *v)
{
	return set_one(h, &ips_kind_employer, ref, v);
}

int
ips_contact_set(ips *h, const char *ref, const struct ips_values *v)
{
	return set_one(h, &ips_kind_contact, ref, v);
}

int
ips_opening_set(ips *h, const char *ref, const struct ips_values *v)
{
	return set_one(h, &ips_kind_opening, ref, v);
}

/* contacts */

static const struct ips_add_ops contact_ops = { &ips_kind_contact, NULL,
	NULL, NULL, NULL, 1 };

int
ips_contact_add(ips *h, struct ips_values *v, ips_id *id)
{
	return ips_add_one(h, &contact_ops, v, id, 1);
}

const char ips_employer_name_sql[] = ", (SELECT e.name FROM employer e "
    "WHERE e.id = t.employer_id)";
const struct ips_col ips_employer_name_col[] = {
	{ "employer_name", IPS_COL_TEXT },
};

static int
bind_int(ips *h, sqlite3_stmt *st, void *arg)
{
	(void)h;
	return sqlite3_bind_int(st, 1, *(int *)arg) == SQLITE_OK ? 0 :
	    ips_db_fail(h, SQLITE_RANGE);
}

int
ips_contact_list(ips *h, FILE *fp, int argc, char **argv)
{
	static const char rest[] = "WHERE ?1 = 0 OR t.employer_id IN "
	    "(SELECT id FROM temp.refs WHERE type = 2) "
	    "ORDER BY t.employer_id, t.id";
	char **refs;
	long n;
	int rc, some;

	some = ips_refs_source(argc, argv) != IPS_REFS_NONE;
	if ((rc = ips_open(h, IPS_READ)) != 0 ||
	    (rc = ips_employer_operands(h, argc, argv, &refs)) != 0)
		return rc;
	rc = ips_refs_load(h, argc, refs ? refs : argv, IPS_REF_EMPLOYER, &n);
	ips_operands_free(argc, refs);
	if (rc != 0 || (rc = ips_refs_check(h)) != 0)
		return rc;
	return ips_list_more(h, fp, &ips_kind_contact, ips_employer_name_sql,
	    ips_employer_name_col, 1, rest, bind_int, &some);
}

/* export and import of the three kinds */


int
ips_employer_export(ips *h, FILE *fp, const struct ips_kind *k)
{
	int rc;

	if (k != &ips_kind_employer && k != &ips_kind_contact &&
	    k != &ips_kind_opening)
		return ips_fail(h, IPS_EUSAGE, "cannot export %s records",
		    k->name);
	if ((rc = ips_open(h, IPS_READ)) != 0)
		return rc;
	return ips_record_list(h, fp, k, "ORDER BY t.id", NULL, NULL);
}

static const struct ips_add_ops *
employer_ops_of(const struct ips_kind *k)
{
	if (k == &ips_kind_employer)
		return &employer_ops;
	if (k == &ips_kind_contact)
		return &contact_ops;
	if (k == &ips_kind_opening)
		return ips_opening_ops();
	return NULL;
}

int
ips_employer_import(ips *h, const struct ips_kind *k, const char *path,
    const char *format)
{
	const struct ips_add_ops *ops;

	if ((ops = employer_ops_of(k)) == NULL)
		return ips_fail(h, IPS_EUSAGE, "cannot import %s records",
		    k->name);
	/* Every row through add's defaults and checks, in one transaction
	 * (lib/import.c). */
	return ips_import(h, ops, path, format);
}

int
ips_employer_edit(ips *h, const char *ref, const char *tmpdir, int *result)
{
	ips_id id;
	int rc;

	*result = IPS_EDIT_UNCHANGED;
	if ((rc = ips_open(h, IPS_READ)) != 0 ||
	    (rc = ips_resolve(h, IPS_REF_EMPLOYER, ref, &id)) != 0)
		return rc;
	return ips_record_edit(h, &ips_kind_employer, id, tmpdir, set_record,
	    result);
}
