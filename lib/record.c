/*
 * record.c - what is the same for every kind of record: --FIELD options,
 * checking and converting typed values, insert, update, and the columns
 * of lists.  The field tables themselves are in fields.c.
 */
#include <ctype.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define LIST_ITEM_MAX 60

int
ips_field_index(const struct ips_kind *k, const char *name)
{
	char buf[64];
	size_t i;
	int j;

	/* job-types and job_types are the same field. */
	for (i = 0; name[i] != '\0' && i < sizeof buf - 1; i++)
		buf[i] = name[i] == '-' ? '_' : name[i];
	buf[i] = '\0';
	for (j = 0; j < k->nfields; j++)
		if (strcmp(k->fields[j].name, buf) == 0)
			return j;
	return -1;
}

struct option *
ips_field_options(const struct ips_kind *k, int for_set)
{
	struct option *lo;
	char *names, *p;
	int i, n = 0;

	/* One block: the options, then their dashed names; one free(). */
	lo = calloc(1, (k->nfields + 1) * sizeof *lo + k->nfields * 32);
	if (lo == NULL)
		return NULL;
	names = (char *)(lo + k->nfields + 1);
	for (i = 0; i < k->nfields; i++) {
		const struct ips_field *f = &k->fields[i];

		if (f->flags & (for_set ? IPS_F_NOSET : IPS_F_NOADD))
			continue;
		p = names + i * 32;
		snprintf(p, 32, "%s", f->name);
		lo[n].name = p;
		for (; *p; p++)
			if (*p == '_')
				*p = '-';
		lo[n].has_arg = required_argument;
		lo[n].val = IPS_FIELD_OPT + i;
		n++;
	}
	return lo;
}

/* Quotes a name for a message when it is short, clean text. */
static const char *
quoted(const char *s, char *buf, size_t n)
{
	size_t len = strlen(s), i;

	if (len > 60 || ips_utf8_valid(s, len) != 0)
		return "";
	for (i = 0; i < len; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return "";
	snprintf(buf, n, " '%s'", s);
	return buf;
}

/* An employer by business id or exact name; a client by exact name. */
static int
resolve_name(ips *h, int type, const char *s, ips_id *id)
{
	static const char *const by_name[] = {
		"SELECT id FROM employer WHERE name = ?1 OR business_id = ?1 "
		"ORDER BY id LIMIT 6",
		"SELECT id FROM client WHERE name = ?1 ORDER BY id LIMIT 6",
	};
	char list[96], buf[80];
	sqlite3_stmt *st;
	size_t len = 0;
	int rc, n = 0;

	if ((rc = ips_cached(h, by_name[type == IPS_REF_CLIENT], &st)) != 0)
		return rc;
	ips_bind_text(st, 1, s);
	list[0] = '\0';
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		if (n++ < 5 && len < sizeof list)
			len += snprintf(list + len, sizeof list - len, "%s%c%lld",
			    n > 1 ? ", " : "", ips_ref_letter(type),
			    (long long)*id);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return ips_db_fail(h, rc);
	if (n == 1)
		return 0;
	/* A client's name is personal data: never in a message. */
	if (type == IPS_REF_CLIENT)
		return ips_fail(h, IPS_EDATA, n ? "client name matches %d "
		    "clients: use a reference (%s)" : "no such client%.0d%s",
		    n, list);
	if (n == 0)
		return ips_fail(h, IPS_EDATA, "no such employer%s", quoted(s,
		    buf, sizeof buf));
	return ips_fail(h, IPS_EDATA, "employer%s is ambiguous: %s%s",
	    quoted(s, buf, sizeof buf), list, n > 5 ? ", ..." : "");
}

/* Whether s is a typed reference of a kind outside mask: "e1" when a
 * client is wanted. */
static int
other_kind(const char *s, int mask)
{
	int type;

	for (type = IPS_REF_CLIENT; type <= IPS_REF_MEETING; type <<= 1)
		if (!(type & mask) && s[0] == ips_ref_letter(type))
			return s[1] != '\0' && strspn(s + 1, "0123456789") ==
			    strlen(s + 1) && strspn(s + 1, "0") < strlen(s + 1);
	return 0;
}

int
ips_resolve(ips *h, int ref_type, const char *s, ips_id *id)
{
	static const char *const exists[] = {
		"SELECT 1 FROM client WHERE id = ?",
		"SELECT 1 FROM employer WHERE id = ?",
		"SELECT 1 FROM contact WHERE id = ?",
		"SELECT 1 FROM opening WHERE id = ?",
		"SELECT 1 FROM job WHERE id = ?",
		"SELECT 1 FROM meeting WHERE id = ?",
	};
	struct ips_ref r;
	sqlite3_stmt *st;
	char buf[32];
	int rc, i;

	if (ips_ref_parse(h, s, ref_type, &r) != 0) {
		/* A reference of another kind is a mix-up, which the
		 * message names ("'e1' is an employer, not a client"), not
		 * a name to look up. */
		if (other_kind(s, ref_type))
			return h->status;
		/* Names, for the kinds that have a findable name; business
		 * ids start with a digit. */
		if (ref_type == IPS_REF_EMPLOYER || ref_type == IPS_REF_CLIENT)
			if ((s[0] != '\0' && !isdigit((unsigned char)s[0])) ||
			    (ref_type == IPS_REF_EMPLOYER &&
			    strchr(s, '-') != NULL))
				return resolve_name(h, ref_type, s, id);
		return h->status;
	}
	for (i = 0; (1 << i) != r.type; i++)
		;
	if ((rc = ips_cached(h, exists[i], &st)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, r.id);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return ips_fail(h, IPS_EDATA, "no such %s '%s'",
		    ips_ref_noun(r.type), ips_ref_format(r, buf, sizeof buf));
	if (rc != SQLITE_ROW)
		return ips_db_fail(h, rc);
	*id = r.id;
	return 0;
}

/* Normalizes "a, b ,c" to "a,b,c" into a new string. */
static int
clean_list(ips *h, const char *field, const char *s, char **out)
{
	char *buf, *item, *save, *q;
	size_t n = strlen(s);
	int rc;

	if ((buf = malloc(n + 1)) == NULL || (*out = malloc(n + 1)) == NULL) {
		free(buf);
		return ips_nomem(h);
	}
	memcpy(buf, s, n + 1);
	q = *out;
	for (item = strtok_r(buf, ",", &save); item != NULL;
	    item = strtok_r(NULL, ",", &save)) {
		size_t len;

		while (*item == ' ')
			item++;
		len = strlen(item);
		while (len > 0 && item[len - 1] == ' ')
			item[--len] = '\0';
		if (len == 0)
			continue;
		if ((rc = ips_check_text(h, field, item, LIST_ITEM_MAX, 0)) !=
		    0) {
			free(buf);
			free(*out);
			*out = NULL;
			return rc;
		}
		if (q != *out)
			*q++ = ',';
		memcpy(q, item, len);
		q += len;
	}
	*q = '\0';
	free(buf);
	return 0;
}

int
ips_fail_field(ips *h, int rc, const char *field)
{
	char msg[IPS_ERRMAX];

	snprintf(msg, sizeof msg, "%s", ips_errmsg(h));
	return ips_fail(h, rc, "%s: %s", field, msg);
}

static int
bind_value(ips *h, const struct ips_field *f, const char *s,
    sqlite3_stmt *st, int i)
{
	char date[11], sector[2];
	long long n;
	double d;
	ips_id id;
	ips_day day;
	char *list;
	int rc, b;

	if (s == NULL || s[0] == '\0') {
		if (f->flags & IPS_F_REQUIRED)
			return ips_fail(h, IPS_EDATA, "%s: empty", f->name);
		sqlite3_bind_null(st, i);
		return 0;
	}
	switch (f->type) {
	case IPS_F_TEXT:
		if ((rc = ips_check_text(h, f->name, s, IPS_NAME_MAX, 0)) != 0)
			return rc;
		return ips_bind_text(st, i, s);
	case IPS_F_NOTE:
		if ((rc = ips_check_text(h, f->name, s, IPS_TEXT_MAX,
		    IPS_TEXT_MULTILINE)) != 0)
			return rc;
		return ips_bind_text(st, i, s);
	case IPS_F_DATE:
		if ((rc = ips_date_parse(h, f->name, s, &day)) != 0)
			return rc;
		return ips_bind_text(st, i, ips_day_format(day, date));
	case IPS_F_TIME:
		if ((rc = ips_check_time(h, f->name, s)) != 0)
			return rc;
		return ips_bind_text(st, i, s);
	case IPS_F_INT:
		if ((rc = ips_check_int(h, f->name, s, (long long)f->min,
		    (long long)f->max, &n)) != 0)
			return rc;
		return sqlite3_bind_int64(st, i, n);
	case IPS_F_REAL:
		if ((rc = ips_check_real(h, f->name, s, f->min, f->max, &d)) !=
		    0)
			return rc;
		return sqlite3_bind_double(st, i, d);
	case IPS_F_BOOL:
		if ((rc = ips_check_bool(h, f->name, s, &b)) != 0)
			return rc;
		return sqlite3_bind_int(st, i, b);
	case IPS_F_ENUM:
		if ((rc = ips_check_enum(h, f->name, s, f->values)) != 0)
			return rc;
		return ips_bind_text(st, i, s);
	case IPS_F_LIST:
		if ((rc = clean_list(h, f->name, s, &list)) != 0)
			return rc;
		rc = list[0] ? sqlite3_bind_text(st, i, list, -1, free) :
		    sqlite3_bind_null(st, i);
		if (!list[0])
			free(list);
		return rc;
	case IPS_F_STAFF:
		if ((rc = ips_staff_id(h, s, &id)) != 0)
			return ips_fail_field(h, rc, f->name);
		return sqlite3_bind_int64(st, i, id);
	case IPS_F_REF:
		if ((rc = ips_resolve(h, f->ref_type, s, &id)) != 0)
			return ips_fail_field(h, rc, f->name);
		return sqlite3_bind_int64(st, i, id);
	case IPS_F_BUSINESS_ID:
		if (!ips_business_id_valid(s))
			return ips_fail(h, IPS_EDATA, "%s: not a valid business "
			    "id NNNNNNN-T (check digit)", f->name);
		return ips_bind_text(st, i, s);
	case IPS_F_SECTOR:
		sector[0] = toupper((unsigned char)s[0]);
		sector[1] = '\0';
		if (s[1] != '\0' || !((sector[0] >= 'A' && sector[0] <= 'U') ||
		    sector[0] == 'X'))
			return ips_fail(h, IPS_EDATA, "%s: not a TOL 2008 letter "
			    "A to U, or X", f->name);
		return ips_bind_text(st, i, sector);
	case IPS_F_REFS:
		break;
	}
	return 0;
}

int
ips_field_bind(ips *h, const struct ips_field *f, const char *s,
    sqlite3_stmt *st, int i)
{
	int rc;

	rc = bind_value(h, f, s, st, i);
	if (rc != 0 && h->status != rc)
		return ips_db_fail(h, rc);	/* from sqlite3_bind_* */
	return rc;
}

/* SQL text in this file is put together only from the constant names of
 * fields.c, never from input. */
int
ips_append(char *buf, size_t n, size_t *len, const char *s)
{
	size_t k = strlen(s);

	if (*len + k + 1 > n)
		return -1;
	memcpy(buf + *len, s, k + 1);
	*len += k;
	return 0;
}

int
ips_insert_prepare(ips *h, const struct ips_kind *k, const int *fields,
    int nfields, int with_id, sqlite3_stmt **st)
{
	char sql[2048], q[24];
	size_t len = 0;
	int i, n = 0, bad = 0;

	bad |= ips_append(sql, sizeof sql, &len, "INSERT INTO ");
	bad |= ips_append(sql, sizeof sql, &len, k->table);
	bad |= ips_append(sql, sizeof sql, &len, " (");
	if (with_id) {
		bad |= ips_append(sql, sizeof sql, &len, "id");
		n++;
	}
	for (i = 0; i < nfields; i++) {
		const struct ips_field *f = &k->fields[fields[i]];

		if (f->column == NULL)
			continue;
		bad |= ips_append(sql, sizeof sql, &len, n++ ? ", " : "");
		bad |= ips_append(sql, sizeof sql, &len, f->column);
	}
	bad |= ips_append(sql, sizeof sql, &len, ") VALUES (");
	for (i = 1; i <= n; i++) {
		snprintf(q, sizeof q, "%s?%d", i > 1 ? ", " : "", i);
		bad |= ips_append(sql, sizeof sql, &len, q);
	}
	bad |= ips_append(sql, sizeof sql, &len, ")");
	if (bad)
		return ips_fail(h, IPS_EIO, "internal error: statement too long");
	return ips_prepare(h, sql, st);
}

/* The given fields of v, in table order, and the check that every
 * required one is there. */
static int
given_fields(ips *h, const struct ips_kind *k, const struct ips_values *v,
    int *fields, int adding)
{
	int i, n = 0;

	for (i = 0; i < k->nfields; i++) {
		const struct ips_field *f = &k->fields[i];

		if (v->v[i] != NULL && f->column != NULL)
			fields[n++] = i;
		else if (adding && (f->flags & IPS_F_REQUIRED) &&
		    v->v[i] == NULL) {
			ips_fail(h, IPS_EDATA, "%s: missing", f->name);
			return -1;
		}
	}
	return n;
}

int
ips_record_insert(ips *h, const struct ips_kind *k,
    const struct ips_values *v, ips_id *id)
{
	int fields[IPS_MAXFIELDS] = { 0 }, i, n, rc, col;
	sqlite3_stmt *st;

	if ((n = given_fields(h, k, v, fields, 1)) < 0)
		return IPS_EDATA;
	if ((rc = ips_insert_prepare(h, k, fields, n, 0, &st)) != 0)
		return rc;
	for (i = 0, col = 1; i < n; i++, col++)
		if ((rc = ips_field_bind(h, &k->fields[fields[i]],
		    v->v[fields[i]], st, col)) != 0) {
			sqlite3_finalize(st);
			return rc;
		}
	if ((rc = ips_step_done(h, st)) != 0)
		return rc;
	*id = sqlite3_last_insert_rowid(h->db);
	return 0;
}

int
ips_record_update(ips *h, const struct ips_kind *k, ips_id id,
    const struct ips_values *v)
{
	int fields[IPS_MAXFIELDS] = { 0 }, i, n, rc, bad = 0;
	char sql[2048], q[16];
	sqlite3_stmt *st;
	size_t len = 0;

	n = given_fields(h, k, v, fields, 0);
	if (n == 0)
		return 0;
	bad |= ips_append(sql, sizeof sql, &len, "UPDATE ");
	bad |= ips_append(sql, sizeof sql, &len, k->table);
	bad |= ips_append(sql, sizeof sql, &len, " SET ");
	for (i = 0; i < n; i++) {
		bad |= ips_append(sql, sizeof sql, &len, i ? ", " : "");
		bad |= ips_append(sql, sizeof sql, &len,
		    k->fields[fields[i]].column);
		snprintf(q, sizeof q, " = ?%d", i + 1);
		bad |= ips_append(sql, sizeof sql, &len, q);
	}
	snprintf(q, sizeof q, " WHERE id = ?%d", n + 1);
	bad |= ips_append(sql, sizeof sql, &len, q);
	if (bad)
		return ips_fail(h, IPS_EIO, "internal error: statement too long");
	if ((rc = ips_prepare(h, sql, &st)) != 0)
		return rc;
	for (i = 0; i < n; i++)
		if ((rc = ips_field_bind(h, &k->fields[fields[i]],
		    v->v[fields[i]], st, i + 1)) != 0) {
			sqlite3_finalize(st);
			return rc;
		}
	sqlite3_bind_int64(st, n + 1, id);
	return ips_step_done(h, st);
}

void
ips_values_fields(const struct ips_kind *k, const struct ips_values *v,
    char *buf, size_t n)
{
	size_t len = 0;
	int i;

	buf[0] = '\0';
	for (i = 0; i < k->nfields; i++)
		if (v->v[i] != NULL && (ips_append(buf, n, &len, len ? "," : "") ||
		    ips_append(buf, n, &len, k->fields[i].name)))
			break;
}

int
ips_record_cols(const struct ips_kind *k, struct ips_col *cols)
{
	int i;

	cols[0].name = "ref";
	cols[0].type = IPS_COL_TEXT;
	for (i = 0; i < k->nfields; i++) {
		const struct ips_field *f = &k->fields[i];

		cols[i + 1].name = f->name;
		switch (f->type) {
		case IPS_F_INT:
			cols[i + 1].type = IPS_COL_INT;
			break;
		case IPS_F_REAL:
			cols[i + 1].type = IPS_COL_REAL;
			break;
		case IPS_F_BOOL:
			cols[i + 1].type = IPS_COL_BOOL;
			break;
		case IPS_F_LIST:
		case IPS_F_REFS:
			cols[i + 1].type = IPS_COL_LIST;
			break;
		default:
			cols[i + 1].type = IPS_COL_TEXT;
		}
	}
	return k->nfields + 1;
}

int
ips_record_select(ips *h, const struct ips_kind *k, char *buf, size_t n)
{
	char expr[256];
	size_t len = 0;
	int i, bad = 0, pseudo = ips_pseudonymize(h);

	if (pseudo && (i = ips_pseudo_register(h)) != 0)
		return i;
	snprintf(expr, sizeof expr, "SELECT '%c' || t.id",
	    ips_ref_letter(k->ref_type));
	bad |= ips_append(buf, n, &len, expr);
	for (i = 0; i < k->nfields; i++) {
		const struct ips_field *f = &k->fields[i];

		if (f->expr != NULL)
			snprintf(expr, sizeof expr, "%s", f->expr);
		else if (f->type == IPS_F_STAFF)
			snprintf(expr, sizeof expr, "(SELECT handle FROM "
			    "specialist WHERE id = t.%s)", f->column);
		else if (f->type == IPS_F_REF)
			snprintf(expr, sizeof expr, "'%c' || t.%s",
			    ips_ref_letter(f->ref_type), f->column);
		else
			snprintf(expr, sizeof expr, "t.%s", f->column);
		/* Personal text becomes a keyed pseudonym; free text, which
		 * may name anyone, is left out. */
		if (pseudo && (f->flags & IPS_F_PERSONAL))
			snprintf(expr, sizeof expr, f->type == IPS_F_NOTE ?
			    "NULL" : "ips_pseudonym('%s', t.id, t.%s)",
			    f->name, f->column);
		bad |= ips_append(buf, n, &len, ", ");
		bad |= ips_append(buf, n, &len, expr);
	}
	if (bad)
		return ips_fail(h, IPS_EIO, "internal error: statement too long");
	return 0;
}

int
ips_record_list(ips *h, FILE *fp, const struct ips_kind *k,
    const char *rest, ips_bind_fn bind, void *arg)
{
	struct ips_col cols[IPS_MAXFIELDS + 1];
	char sql[4096];
	size_t len;
	sqlite3_stmt *st;
	int rc, n;

	if ((rc = ips_record_select(h, k, sql, sizeof sql - 1)) != 0)
		return rc;
	len = strlen(sql);
	if (snprintf(sql + len, sizeof sql - len, " FROM %s t %s", k->table,
	    rest ? rest : "ORDER BY t.id") >= (int)(sizeof sql - len))
		return ips_fail(h, IPS_EIO, "internal error: statement too long");
	if ((rc = ips_prepare(h, sql, &st)) != 0)
		return rc;
	if (bind != NULL && (rc = bind(h, st, arg)) != 0) {
		sqlite3_finalize(st);
		return rc;
	}
	n = ips_record_cols(k, cols);
	return ips_out_stmt(h, fp, cols, n, st);
}

static int
bind_refs(ips *h, sqlite3_stmt *st, void *arg)
{
	(void)h;
	return sqlite3_bind_int(st, 1, *(int *)arg);
}

/* One record as "field  value" lines, for people. */
static int
show_vertical(ips *h, FILE *fp, const struct ips_kind *k, sqlite3_stmt *st)
{
	struct ips_col cols[IPS_MAXFIELDS + 1];
	int i, n;

	n = ips_record_cols(k, cols);
	for (i = 0; i < n; i++) {
		const char *v = (const char *)sqlite3_column_text(st, i);

		if (v == NULL)
			continue;
		if (cols[i].type == IPS_COL_BOOL)
			v = strcmp(v, "0") ? "yes" : "no";
		fprintf(fp, "%-18s %s\n", cols[i].name, v);
	}
	return ferror(fp) ? ips_fail(h, IPS_EIO, "cannot write output") : 0;
}

int
ips_record_show(ips *h, FILE *fp, const struct ips_kind *k, int argc,
    char **argv, ips_show_fn more, void *arg)
{
	static const char rest[] = "WHERE t.id IN (SELECT id FROM temp.refs "
	    "WHERE type = ?1) ORDER BY t.id";
	char sql[4096];
	sqlite3_stmt *st;
	size_t len;
	long n;
	int rc, type = k->ref_type, first = 1;

	if ((rc = ips_open(h, IPS_READ)) != 0 ||
	    (rc = ips_refs_load(h, argc, argv, k->ref_type, &n)) != 0 ||
	    (rc = ips_refs_check(h)) != 0)
		return rc;
	if (ips_format(h) != IPS_FMT_TABLE)
		return ips_record_list(h, fp, k, rest, bind_refs, &type);
	if ((rc = ips_record_select(h, k, sql, sizeof sql - 1)) != 0)
		return rc;
	len = strlen(sql);
	snprintf(sql + len, sizeof sql - len, " FROM %s t %s", k->table, rest);
	if ((rc = ips_prepare(h, sql, &st)) != 0)
		return rc;
	sqlite3_bind_int(st, 1, type);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		ips_id id;

		/* The first column is the reference: "c42". */
		id = strtoll((const char *)sqlite3_column_text(st, 0) + 1,
		    NULL, 10);
		if (!first)
			fputc('\n', fp);
		first = 0;
		if ((rc = show_vertical(h, fp, k, st)) != 0 ||
		    (more != NULL && (rc = more(h, fp, id, arg)) != 0)) {
			sqlite3_finalize(st);
			return rc;
		}
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : ips_db_fail(h, rc);
}

int
ips_record_add(ips *h, const struct ips_add_ops *ops, struct ips_values *v,
    ips_id *id)
{
	struct ips_ref r;
	char fields[512], ref[32];
	int rc;

	if ((ops->defaults && (rc = ops->defaults(h, v, ops->arg)) != 0) ||
	    (ops->check && (rc = ops->check(h, v, ops->arg)) != 0) ||
	    (rc = ips_record_insert(h, ops->kind, v, id)) != 0 ||
	    (ops->after && (rc = ops->after(h, *id, v, ops->arg)) != 0))
		return rc;
	r.type = ops->kind->ref_type;
	r.id = *id;
	ips_values_fields(ops->kind, v, fields, sizeof fields);
	return ips_audit(h, "add", ips_ref_format(r, ref, sizeof ref), fields);
}
