/*
 * import.c - records from a csv, tsv, json, jsonl or yaml file, each
 * added as add would add it (the same defaults, checks and field
 * validation), all in one transaction.  Every bad record is reported
 * as FILE:LINE: message, up to ERRORS_MAX, and then nothing is written.
 *
 * Speed matters (a year of meetings is two million rows): the input is
 * streamed, the INSERT is prepared once (once for each set of the
 * columns with a DEFAULT that rows give), specialists and references are
 * looked up once per distinct value, and there is one audit row for the
 * whole import.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

#define ERRORS_MAX 20
#define PROGRESS_EVERY 100000
#define STMTS 16		/* INSERTs kept, by set of columns */
#define LOOKUP_SLOTS (1 << 16)	/* specialists and references seen */
#define IMPORT_CACHE_KB 65536	/* page cache while importing */
#define COL_UNKNOWN (-1)
#define COL_REF (-2)

/* The fields a row gives are a bit mask. */
_Static_assert(IPS_MAXFIELDS <= 32, "a field mask is 32 bits");

/* A value of a specialist or reference field, and the id it names. */
struct lookup {
	uint32_t hash;		/* 0: empty slot */
	int field;
	size_t off, len;	/* the value, in the arena */
	ips_id id;
};

struct import {
	ips *h;
	const struct ips_add_ops *ops;
	const struct ips_kind *k;
	const char *name;		/* the input, in messages */
	enum ips_in_format format;
	struct ips_reader *r;

	int colfield[IPS_IN_COLS];	/* field, COL_REF or COL_UNKNOWN */
	int ncols;			/* columns mapped so far */
	uint32_t fields;		/* fields the input names */
	int has_ref, bad_header;
	uint32_t always;		/* fields bound in every INSERT */
	uint32_t dflt;			/* fields whose column has a DEFAULT */

	struct {
		uint32_t mask;
		int with_id;
		unsigned long used;
		sqlite3_stmt *st;
	} st[STMTS];
	int nst, last;
	unsigned long tick;

	struct lookup *tab;
	size_t nused;
	char *arena;
	size_t arenalen, arenasize;

	char errs[IPS_ERRMAX];
	size_t errlen;
	int nerr, full;

	int begun, cache_size;
	long rows;
	FILE *progress;
	int shown;
};

/* Adds "FILE:LINE: msg" to the list; 1 when reading should stop. */
static int
collect(struct import *m, long line, const char *msg)
{
	const char *tool = m->h->tool ? m->h->tool : "ips";
	size_t room = sizeof m->errs - m->errlen;
	int k;

	if (m->nerr == ERRORS_MAX)
		msg = "more errors; stopped reading";
	/* One line each; ips_finish puts the tool's name before the
	 * first, so the others get it here. */
	k = snprintf(m->errs + m->errlen, room, "%s%s%s%s:%ld: %s",
	    m->nerr ? "\n" : "", m->nerr ? tool : "", m->nerr ? ": " : "",
	    m->name, line, msg);
	if (k < 0 || (size_t)k >= room) {
		m->errs[m->errlen] = '\0';
		m->full = 1;
	} else if (!m->full)
		m->errlen += k;
	return ++m->nerr > ERRORS_MAX || m->full;
}

/* Puts the field's name before the message on the handle. */
static int
prefix(ips *h, int rc, const char *field)
{
	char msg[IPS_ERRMAX];

	snprintf(msg, sizeof msg, "%s", ips_errmsg(h));
	return ips_fail(h, rc, "%s: %s", field, msg);
}

/* Maps the columns the reader has met since the last call to fields. */
static int
map_columns(struct import *m)
{
	const char *const *names;
	const long *lines;
	char q[64], msg[256], low[64];
	size_t i;
	int n, f, g;

	n = ips_reader_columns(m->r, &names, &lines);
	for (; m->ncols < n; m->ncols++) {
		const char *s = names[m->ncols];

		/* "Name" from a spreadsheet is name. */
		for (i = 0; s[i] != '\0' && i < sizeof low - 1; i++)
			low[i] = s[i] >= 'A' && s[i] <= 'Z' ? s[i] - 'A' + 'a' :
			    s[i];
		low[i] = '\0';
		m->colfield[m->ncols] = COL_UNKNOWN;
		f = strcmp(low, "ref") == 0 ? COL_REF : ips_field_index(m->k,
		    low);
		if (f == COL_REF && !m->has_ref) {
			m->colfield[m->ncols] = COL_REF;
			m->has_ref = 1;
			continue;
		}
		if (f == COL_UNKNOWN || strlen(s) > 60) {
			snprintf(msg, sizeof msg, "column '%s': unknown field "
			    "of %s", ips_in_quote(s, q, sizeof q),
			    m->k->name);
		} else if (f == COL_REF || m->fields & 1u << f) {
			/* job-types and job_types, ref and Ref */
			for (g = 0; g < m->ncols; g++)
				if (m->colfield[g] == f)
					break;
			snprintf(msg, sizeof msg, "column '%s': the same "
			    "field as '%s'", ips_in_quote(s, q, sizeof q),
			    names[g]);
		} else {
			m->colfield[m->ncols] = f;
			m->fields |= 1u << f;
			continue;
		}
		m->bad_header = 1;
		if (collect(m, lines[m->ncols], msg))
			return -1;
	}
	/* Rows under a wrong header would only repeat the problem. */
	if (m->bad_header && (m->format == IPS_IN_CSV ||
	    m->format == IPS_IN_TSV))
		return -1;
	return 0;
}

/* The INSERT for these columns, prepared once. */
static int
statement(struct import *m, uint32_t mask, int with_id, sqlite3_stmt **st)
{
	int fields[IPS_MAXFIELDS], n = 0, i, j, rc;

	m->tick++;
	/* The last one used first: most files give the same columns in
	 * every row. */
	for (i = m->last, j = 0; j < m->nst; j++, i = (i + 1) % m->nst)
		if (m->st[i].mask == mask && m->st[i].with_id == with_id)
			goto found;
	if (m->nst < STMTS)
		i = m->nst++;
	else {
		for (i = 0, j = 1; j < STMTS; j++)
			if (m->st[j].used < m->st[i].used)
				i = j;
		sqlite3_finalize(m->st[i].st);
	}
	m->st[i].st = NULL;
	m->st[i].mask = UINT32_MAX;	/* no set of fields */
	for (j = 0; j < m->k->nfields; j++)
		if (mask & 1u << j)
			fields[n++] = j;
	if ((rc = ips_insert_prepare(m->h, m->k, fields, n, with_id,
	    &m->st[i].st)) != 0)
		return rc;
	m->st[i].mask = mask;
	m->st[i].with_id = with_id;
found:
	m->st[i].used = m->tick;
	m->last = i;
	*st = m->st[i].st;
	return 0;
}

static uint32_t
hash(int field, const char *s, size_t n)
{
	uint32_t x = 2166136261u ^ (uint32_t)field;
	size_t i;

	for (i = 0; i < n; i++)
		x = (x ^ (unsigned char)s[i]) * 16777619u;
	return x ? x : 1;
}

/* The id a value of a specialist or reference field named before. */
static struct lookup *
lookup(struct import *m, int field, const char *s, size_t n, uint32_t x)
{
	struct lookup *e;
	size_t i;

	if (m->tab == NULL)
		return NULL;
	for (i = x & (LOOKUP_SLOTS - 1);; i = (i + 1) & (LOOKUP_SLOTS - 1)) {
		e = &m->tab[i];
		if (e->hash == 0)
			return e;
		if (e->hash == x && e->field == field && e->len == n &&
		    memcmp(m->arena + e->off, s, n) == 0)
			return e;
	}
}

static void
remember(struct import *m, int field, const char *s, size_t n, uint32_t x,
    ips_id id)
{
	struct lookup *e;
	char *p;
	size_t size;

	if (n > 1024 || (m->tab == NULL &&
	    (m->tab = calloc(LOOKUP_SLOTS, sizeof *m->tab)) == NULL))
		return;		/* only slower */
	/* Bounded: start afresh rather than grow. */
	if (m->nused >= LOOKUP_SLOTS / 2) {
		memset(m->tab, 0, LOOKUP_SLOTS * sizeof *m->tab);
		m->nused = 0;
		m->arenalen = 0;
	}
	if (m->arenalen + n > m->arenasize) {
		size = m->arenasize ? m->arenasize * 2 : 65536;
		while (size < m->arenalen + n)
			size *= 2;
		if ((p = realloc(m->arena, size)) == NULL)
			return;
		m->arena = p;
		m->arenasize = size;
	}
	e = lookup(m, field, s, n, x);
	e->hash = x;
	e->field = field;
	e->off = m->arenalen;
	e->len = n;
	e->id = id;
	memcpy(m->arena + m->arenalen, s, n);
	m->arenalen += n;
	m->nused++;
}

/*
 * Binds field f's value.  Specialists and references go through the
 * same lookups as ips_field_bind, but each distinct value only once:
 * nothing an import adds can change what they name.
 */
static int
bind(struct import *m, int f, const char *s, sqlite3_stmt *st, int i)
{
	const struct ips_field *fd = &m->k->fields[f];
	struct lookup *e;
	size_t n;
	uint32_t x;
	ips_id id;
	int rc;

	if (fd->type != IPS_F_STAFF && fd->type != IPS_F_REF)
		return ips_field_bind(m->h, fd, s, st, i);
	n = strlen(s);
	x = hash(f, s, n);
	if ((e = lookup(m, f, s, n, x)) != NULL && e->hash != 0)
		id = e->id;
	else {
		rc = fd->type == IPS_F_STAFF ? ips_staff_id(m->h, s, &id) :
		    ips_resolve(m->h, fd->ref_type, s, &id);
		if (rc != 0)
			return prefix(m->h, rc, fd->name);
		remember(m, f, s, n, x, id);
	}
	if ((rc = sqlite3_bind_int64(st, i, id)) != SQLITE_OK)
		return ips_db_fail(m->h, rc);
	return 0;
}

/*
 * A failed INSERT.  A unique or not-null constraint names its column
 * ("UNIQUE constraint failed: employer.business_id"): the message names
 * the field instead, never the value.
 */
static int
constraint(struct import *m, int rc)
{
	const char *msg = sqlite3_errmsg(m->h->db), *col;
	int f;

	if ((rc != SQLITE_CONSTRAINT_UNIQUE &&
	    rc != SQLITE_CONSTRAINT_NOTNULL) ||
	    (col = strrchr(msg, '.')) == NULL)
		return ips_db_fail(m->h, rc);
	for (f = 0; f < m->k->nfields; f++)
		if (m->k->fields[f].column != NULL &&
		    strcmp(m->k->fields[f].column, col + 1) == 0)
			return ips_fail(m->h, IPS_EDATA, rc ==
			    SQLITE_CONSTRAINT_UNIQUE ? "%s: another %s has "
			    "it already" : "%s: missing", m->k->fields[f].name,
			    m->k->name);
	return ips_db_fail(m->h, rc);
}

/* The fields of the table's columns, and those with a DEFAULT. */
static int
columns(struct import *m)
{
	static const char sql[] = "SELECT name FROM pragma_table_info(?1) "
	    "WHERE dflt_value IS NOT NULL";
	sqlite3_stmt *st;
	const char *name;
	int f, rc;

	for (f = 0; f < m->k->nfields; f++)
		if (m->k->fields[f].column != NULL)
			m->always |= 1u << f;
	if ((rc = ips_prepare(m->h, sql, &st)) != 0)
		return rc;
	ips_bind_text(st, 1, m->k->table);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		name = (const char *)sqlite3_column_text(st, 0);
		for (f = 0; f < m->k->nfields; f++)
			if (m->k->fields[f].column != NULL && name != NULL &&
			    strcmp(m->k->fields[f].column, name) == 0)
				m->dflt |= 1u << f;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return ips_db_fail(m->h, rc);
	m->always &= ~m->dflt;
	return 0;
}

/* One record, added as add adds one. */
static int
import_row(struct import *m, const struct ips_record *rec)
{
	const struct ips_add_ops *ops = m->ops;
	const struct ips_kind *k = m->k;
	struct ips_values v;
	struct ips_ref ref;
	sqlite3_stmt *st;
	uint32_t mask;
	char buf[32];
	ips_id id;
	int i, f, col, rc;

	memset(&v, 0, sizeof v);
	for (i = 0; i < rec->n; i++) {
		const char *s = rec->val[i];

		/* An empty cell is a value not given, as in add. */
		if (s != NULL && s[0] == '\0')
			s = NULL;
		if ((f = m->colfield[rec->col[i]]) >= 0)
			v.v[f] = s;
		else if (f == COL_REF)
			v.ref = s;
	}
	if ((ops->defaults && (rc = ops->defaults(m->h, &v, ops->arg)) != 0) ||
	    (ops->check && (rc = ops->check(m->h, &v, ops->arg)) != 0))
		return rc;
	/* A column left out takes its DEFAULT; any other is as well bound
	 * to NULL, and so one INSERT serves rows that leave out different
	 * ones. */
	mask = m->always;
	for (f = 0; f < k->nfields; f++)
		if (v.v[f] != NULL)
			mask |= m->dflt & 1u << f;
		else if (k->fields[f].flags & IPS_F_REQUIRED)
			return ips_fail(m->h, IPS_EDATA, "%s: missing",
			    k->fields[f].name);
	if (v.ref != NULL && (rc = ips_ref_parse(m->h, v.ref, k->ref_type,
	    &ref)) != 0)
		return prefix(m->h, rc, "ref");
	if ((rc = statement(m, mask, v.ref != NULL, &st)) != 0)
		return rc;
	col = 1;
	if (v.ref != NULL)
		sqlite3_bind_int64(st, col++, ref.id);
	for (f = 0; f < k->nfields; f++) {
		if (!(mask & 1u << f))
			continue;
		if (v.v[f] == NULL)
			rc = sqlite3_bind_null(st, col++) == SQLITE_OK ? 0 :
			    ips_db_fail(m->h, SQLITE_NOMEM);
		else
			rc = bind(m, f, v.v[f], st, col++);
		if (rc != 0) {
			sqlite3_reset(st);
			return rc;
		}
	}
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_CONSTRAINT_PRIMARYKEY && v.ref != NULL)
		return ips_fail(m->h, IPS_EDATA, "ref: %s exists already",
		    ips_ref_format(ref, buf, sizeof buf));
	if (rc != SQLITE_DONE)
		return constraint(m, rc);
	id = v.ref != NULL ? ref.id : sqlite3_last_insert_rowid(m->h->db);
	if (ops->after && (rc = ops->after(m->h, id, &v, ops->arg)) != 0)
		return rc;
	return 0;
}

static void
progress(struct import *m, int end)
{
	const char *tool = m->h->tool ? m->h->tool : "ips";

	if (m->progress == NULL)
		return;
	if (end < 0) {
		/* The error that follows starts on a line of its own. */
		if (m->shown)
			fputc('\n', m->progress);
	} else if (end)
		fprintf(m->progress, "%s%s: %s %ld %s%s\n", m->shown ? "\r" :
		    "", tool, ips_dry_run(m->h) ? "checked" : "imported",
		    m->rows, m->k->name, m->rows == 1 ? "" : "s");
	else {
		fprintf(m->progress, "\r%s: %ld %ss", tool, m->rows,
		    m->k->name);
		m->shown = 1;
	}
	fflush(m->progress);
}

/* The names of the fields the input gave, for the audit trail. */
static void
field_names(struct import *m, char *buf, size_t n)
{
	size_t len = 0;
	int f, k;

	buf[0] = '\0';
	for (f = 0; f < m->k->nfields; f++) {
		if (!(m->fields & 1u << f))
			continue;
		k = snprintf(buf + len, n - len, "%s%s", len ? "," : "",
		    m->k->fields[f].name);
		if (k < 0 || (size_t)k >= n - len) {
			buf[len] = '\0';
			return;
		}
		len += k;
	}
}

/*
 * A large import touches every index of the table all over: a page
 * cache of IMPORT_CACHE_KB while it runs, rather than SQLite's 2 MB,
 * saves most of the reading back of pages just written.  Bounded, so
 * memory stays flat in the number of rows.
 */
static int
cache(struct import *m, int on)
{
	sqlite3_stmt *st;
	char sql[64];
	int rc;

	if (on) {
		if ((rc = ips_prepare(m->h, "PRAGMA cache_size", &st)) != 0)
			return rc;
		if (sqlite3_step(st) == SQLITE_ROW)
			m->cache_size = sqlite3_column_int(st, 0);
		sqlite3_finalize(st);
		/* Set in KiB (negative) and smaller: raised, then put back. */
		if (m->cache_size >= 0 || m->cache_size <= -IMPORT_CACHE_KB) {
			m->cache_size = 0;
			return 0;
		}
		snprintf(sql, sizeof sql, "PRAGMA cache_size = %d",
		    -IMPORT_CACHE_KB);
	} else {
		if (m->cache_size == 0)
			return 0;
		snprintf(sql, sizeof sql, "PRAGMA cache_size = %d",
		    m->cache_size);
	}
	return ips_exec(m->h, sql);
}

/* Reads every record; 0, or a status that is not about the data. */
static int
run(struct import *m)
{
	struct ips_record rec;
	char fields[1024];
	int rc, begin;

	for (;;) {
		rc = ips_reader_next(m->r, &rec);
		if (map_columns(m) != 0 || rc == 0)
			break;
		if (rc != 1 && rc != IPS_EDATA)
			return rc;
		if (rc == IPS_EDATA && collect(m, rec.line, ips_errmsg(m->h)))
			break;
		/* The transaction waits for the first record, so that a
		 * wrong header holds no lock and writes nothing. */
		if (!m->begun) {
			if ((begin = ips_write_begin(m->h)) != 0)
				return begin;
			m->begun = 1;
			if ((begin = cache(m, 1)) != 0 ||
			    (begin = columns(m)) != 0)
				return begin;
		}
		if (rc != 1)
			continue;
		if ((rc = import_row(m, &rec)) == 0) {
			if (++m->rows % PROGRESS_EVERY == 0)
				progress(m, 0);
			continue;
		}
		if (rc != IPS_EDATA)
			return rc;
		if (collect(m, rec.line, ips_errmsg(m->h)))
			break;
	}
	if (m->nerr > 0 || m->rows == 0)
		return 0;
	field_names(m, fields, sizeof fields);
	return ips_audit(m->h, "import", NULL, fields);
}

int
ips_import_progress(ips *h, const struct ips_add_ops *ops, const char *path,
    const char *format, FILE *progress_fp)
{
	struct import *m;
	struct stat sb;
	const char *ext, *slash;
	FILE *fp;
	int f, rc, i;

	if (format != NULL) {
		if ((f = ips_in_format_parse(format)) < 0)
			return ips_fail(h, IPS_EUSAGE, "unknown import format "
			    "'%s' (csv, tsv, json, jsonl, yaml)", format);
	} else if (path == NULL || strcmp(path, "-") == 0)
		return ips_fail(h, IPS_EUSAGE, "reading standard input needs "
		    "-f FORMAT");
	else {
		slash = strrchr(path, '/');
		ext = strrchr(slash ? slash : path, '.');
		if (ext == NULL || (f = ips_in_format_parse(ext + 1)) < 0)
			return ips_fail(h, IPS_EUSAGE, "cannot tell the format "
			    "of '%s' from its name: use -f FORMAT (csv, tsv, "
			    "json, jsonl, yaml)", path);
	}
	if (path == NULL || strcmp(path, "-") == 0) {
		fp = stdin;
		path = "stdin";
	} else if ((fp = fopen(path, "r")) == NULL)
		return ips_fail(h, IPS_ENOINPUT, "cannot open '%s': %s", path,
		    strerror(errno));
	else if (fstat(fileno(fp), &sb) == 0 && S_ISDIR(sb.st_mode)) {
		fclose(fp);
		return ips_fail(h, IPS_ENOINPUT, "cannot open '%s': %s", path,
		    strerror(EISDIR));
	}
	if ((m = calloc(1, sizeof *m)) == NULL) {
		rc = ips_nomem(h);
		goto done;
	}
	m->h = h;
	m->ops = ops;
	m->k = ops->kind;
	m->name = path;
	m->format = f;
	m->progress = progress_fp;
	if ((rc = ips_reader_open(h, fp, path, f, &m->r)) != 0)
		goto done;
	rc = run(m);
	for (i = 0; i < m->nst; i++)
		sqlite3_finalize(m->st[i].st);
	if (rc == 0 && m->nerr > 0)
		rc = ips_fail(h, IPS_EDATA, "%s", m->errs);
	if (rc == 0 && m->begun && !ips_dry_run(h))
		rc = ips_commit(h);
	else
		ips_rollback(h);
	if (m->begun)
		(void)cache(m, 0);
	progress(m, rc == 0 ? 1 : -1);
done:
	if (m != NULL) {
		ips_reader_close(m->r);
		free(m->tab);
		free(m->arena);
		free(m);
	}
	if (fp != stdin)
		fclose(fp);
	return rc;
}

int
ips_import(ips *h, const struct ips_add_ops *ops, const char *path,
    const char *format)
{
	return ips_import_progress(h, ops, path, format,
	    isatty(STDERR_FILENO) ? stderr : NULL);
}
