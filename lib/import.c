/*
 * import.c - records from a csv, tsv, json, jsonl or yaml file, each
 * added as add would add it (the same defaults, checks and field
 * validation), all in one transaction.  Every bad record is reported
 * as FILE:LINE: message, up to ERRORS_MAX, and then nothing is written.
 *
 * Speed matters (a year of meetings is two million rows).  The input
 * is streamed.  Much of the time of an INSERT run once per row goes to
 * starting and ending the statement, so the rows go to one INSERT ...
 * SELECT that runs for the whole file, reading them from a virtual table
 * (ips_import_rows): each row is made ready as add would make it
 * (import-row.c) when the INSERT asks for it, and what goes beside it
 * (after) is written when the INSERT asks for the next.  One audit row
 * for the whole import.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "import.h"

#define ERRORS_MAX 20
#define PROGRESS_EVERY 100000
#define ROWS_TABLE "ips_import_rows"
#define IMPORT_CACHE_KB 65536	/* page cache while importing */


/* Adds "FILE:LINE: msg" to the list; 1 when reading should stop. */
static int
collect(struct import *m, long line, const char *msg)
{
	const char *tool = m->h->tool ? m->h->tool : "ips";
	size_t room = sizeof m->errs - m->errlen;
	char name[256];
	int k;

	if (m->nerr == ERRORS_MAX)
		msg = "more errors; stopped reading";
	/* One line each; ips_finish puts the tool's name before the
	 * first, so the others get it here. */
	k = snprintf(m->errs + m->errlen, room, "%s%s%s%s:%ld: %s",
	    m->nerr ? "\n" : "", m->nerr ? tool : "", m->nerr ? ": " : "",
	    ips_in_quote(m->name, name, sizeof name), line, msg);
	if (k < 0 || (size_t)k >= room) {
		m->errs[m->errlen] = '\0';
		m->full = 1;
	} else if (!m->full)
		m->errlen += k;
	return ++m->nerr > ERRORS_MAX || m->full;
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

/*
 * The INSERT ... SELECT for rows that give these columns with a DEFAULT
 * (every other column is always written: NULL is as good as left out),
 * prepared once.  Its text is made of the names in fields.c alone.
 */
static int
statement(struct import *m, uint32_t pattern, sqlite3_stmt **st)
{
	uint32_t cols = m->always | pattern;
	char sql[2048], c[16];
	size_t len = 0;
	int i, j, bad = 0;

	m->tick++;
	/* The last one used first: most files need no other. */
	for (i = m->last, j = 0; j < m->nst; j++, i = (i + 1) % m->nst)
		if (m->st[i].mask == pattern)
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
	m->st[i].mask = UINT32_MAX;	/* no pattern */
	bad |= ips_append(sql, sizeof sql, &len, "INSERT INTO ");
	bad |= ips_append(sql, sizeof sql, &len, m->k->table);
	bad |= ips_append(sql, sizeof sql, &len, " (id");
	for (j = 0; j < m->k->nfields; j++)
		if (cols & 1u << j) {
			bad |= ips_append(sql, sizeof sql, &len, ", ");
			bad |= ips_append(sql, sizeof sql, &len,
			    m->k->fields[j].column);
		}
	bad |= ips_append(sql, sizeof sql, &len, ") SELECT c0");
	for (j = 0; j < m->k->nfields; j++)
		if (cols & 1u << j) {
			snprintf(c, sizeof c, ", c%d", j + 1);
			bad |= ips_append(sql, sizeof sql, &len, c);
		}
	bad |= ips_append(sql, sizeof sql, &len, " FROM " ROWS_TABLE);
	if (bad)
		return ips_fail(m->h, IPS_EIO, "internal error: statement too "
		    "long");
	if ((j = ips_prepare(m->h, sql, &m->st[i].st)) != 0)
		return j;
	m->st[i].mask = pattern;
found:
	m->st[i].used = m->tick;
	m->last = i;
	*st = m->st[i].st;
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

/* Records a bad record (or ends the import on a worse failure). */
static void
failed(struct import *m, int rc, long line)
{
	if (rc != IPS_EDATA) {
		m->fatal = rc;
		m->more = 0;
	} else if (collect(m, line, ips_errmsg(m->h)))
		m->more = 0;
}

/* Text of the SELECTs of one table; the table's name is from fields.c. */
static int
prepare_fmt(struct import *m, sqlite3_stmt **st, const char *fmt)
{
	char sql[256];

	snprintf(sql, sizeof sql, fmt, m->k->table);
	return ips_prepare(m->h, sql, st);
}

static const sqlite3_module rows_module;

/*
 * The transaction, at the first record that reads well: a wrong header
 * holds no lock and writes nothing.  With it, what every row needs.
 */
static int
begin(struct import *m)
{
	char sql[512];
	size_t len = 0;
	sqlite3_stmt *st = NULL;
	int rc, i;

	if (m->begun)
		return 0;
	if ((rc = m->ops->existing ? ips_update_begin(m->h) :
	    ips_write_begin(m->h)) != 0)
		return rc;
	m->begun = 1;
	if ((rc = cache(m, 1)) != 0 || (rc = columns(m)) != 0 ||
	    (rc = prepare_fmt(m, &m->taken, "SELECT 1 FROM %s WHERE id = ?1"))
	    != 0 || (rc = prepare_fmt(m, &st, "SELECT coalesce(max(id), 0) + 1 "
	    "FROM %s")) != 0)
		return rc;
	rc = sqlite3_step(st);
	m->next_id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return ips_db_fail(m->h, rc);
	/* The row statement: ?1 the id, ?2... the fields, by index. */
	len = snprintf(sql, sizeof sql, "SELECT ?1");
	for (i = 0; i < m->k->nfields; i++)
		len += snprintf(sql + len, sizeof sql - len, ", ?%d", i + 2);
	if ((rc = ips_prepare(m->h, sql, &m->row)) != 0)
		return rc;
	rc = sqlite3_create_module_v2(m->h->db, ROWS_TABLE, &rows_module, m,
	    NULL);
	if (rc != SQLITE_OK)
		return ips_db_fail(m->h, rc);
	m->registered = 1;
	return 0;
}

/*
 * Makes the next row ready, once the row the INSERT read before has had
 * its after: reads records, reporting the bad ones, until one is good
 * or there are no more.
 */
static void
fetch(struct import *m)
{
	struct ips_record rec;
	int rc, brc;

	if (m->handed) {
		m->handed = 0;
		if (m->id >= m->next_id)
			m->next_id = m->id + 1;
		if (m->ops->after && (rc = m->ops->after(m->h, m->id, &m->v,
		    m->ops->arg)) != 0)
			failed(m, rc, m->line);
		else if (++m->rows % PROGRESS_EVERY == 0)
			progress(m, 0);
	}
	while (!m->ready && m->more) {
		rc = ips_reader_next(m->r, &rec);
		if (map_columns(m) != 0 || rc == 0) {
			m->more = 0;
			break;
		}
		if (rc == 1 && (brc = begin(m)) != 0) {
			/* The database failed, not the record: said once,
			 * with no line of the file. */
			m->fatal = brc;
			m->more = 0;
			break;
		}
		if (rc == 1 && (rc = ips_import_row(m, &rec)) == 0)
			m->ready = 1;
		else
			failed(m, rc, rec.line);
	}
}

/* The virtual table the INSERT reads: the ready row, while its columns
 * with a DEFAULT are the ones the INSERT writes. */

struct rows_vtab {
	sqlite3_vtab base;
	struct import *m;
};

struct rows_cursor {
	sqlite3_vtab_cursor base;
	struct import *m;
	int eof;
};

static int
rows_connect(sqlite3 *db, void *aux, int argc, const char *const *argv,
    sqlite3_vtab **vt, char **err)
{
	struct rows_vtab *t;
	char sql[512];
	size_t len;
	int rc, i;

	(void)argc;
	(void)argv;
	(void)err;
	/* c0 the id, c1... the fields by index. */
	len = snprintf(sql, sizeof sql, "CREATE TABLE x(c0");
	for (i = 1; i <= IPS_MAXFIELDS; i++)
		len += snprintf(sql + len, sizeof sql - len, ", c%d", i);
	snprintf(sql + len, sizeof sql - len, ")");
	if ((rc = sqlite3_declare_vtab(db, sql)) != SQLITE_OK)
		return rc;
	/* Not for views or triggers of a database file. */
	sqlite3_vtab_config(db, SQLITE_VTAB_DIRECTONLY);
	if ((t = sqlite3_malloc(sizeof *t)) == NULL)
		return SQLITE_NOMEM;
	memset(t, 0, sizeof *t);
	t->m = aux;
	*vt = &t->base;
	return SQLITE_OK;
}

static int
rows_disconnect(sqlite3_vtab *vt)
{
	sqlite3_free(vt);
	return SQLITE_OK;
}

static int
rows_best_index(sqlite3_vtab *vt, sqlite3_index_info *info)
{
	(void)vt;
	info->estimatedCost = 1e6;
	return SQLITE_OK;
}

static int
rows_open(sqlite3_vtab *vt, sqlite3_vtab_cursor **cur)
{
	struct rows_cursor *c;

	if ((c = sqlite3_malloc(sizeof *c)) == NULL)
		return SQLITE_NOMEM;
	memset(c, 0, sizeof *c);
	c->m = ((struct rows_vtab *)vt)->m;
	*cur = &c->base;
	return SQLITE_OK;
}

static int
rows_close(sqlite3_vtab_cursor *cur)
{
	sqlite3_free(cur);
	return SQLITE_OK;
}

static int
rows_next(sqlite3_vtab_cursor *cur)
{
	struct rows_cursor *c = (struct rows_cursor *)cur;
	struct import *m = c->m;

	fetch(m);
	c->eof = !m->ready || m->pattern != m->running;
	if (!c->eof) {
		m->ready = 0;
		m->handed = 1;
	}
	return SQLITE_OK;
}

static int
rows_filter(sqlite3_vtab_cursor *cur, int idx, const char *idxstr, int argc,
    sqlite3_value **argv)
{
	(void)idx;
	(void)idxstr;
	(void)argc;
	(void)argv;
	return rows_next(cur);
}

static int
rows_eof(sqlite3_vtab_cursor *cur)
{
	return ((struct rows_cursor *)cur)->eof;
}

static int
rows_column(sqlite3_vtab_cursor *cur, sqlite3_context *ctx, int i)
{
	struct import *m = ((struct rows_cursor *)cur)->m;

	sqlite3_result_value(ctx, sqlite3_column_value(m->row, i));
	return SQLITE_OK;
}

static int
rows_rowid(sqlite3_vtab_cursor *cur, sqlite3_int64 *rowid)
{
	*rowid = ((struct rows_cursor *)cur)->m->id;
	return SQLITE_OK;
}

/* Eponymous only (no xCreate), read only. */
static const sqlite3_module rows_module = {
	.xConnect = rows_connect,
	.xBestIndex = rows_best_index,
	.xDisconnect = rows_disconnect,
	.xDestroy = rows_disconnect,
	.xOpen = rows_open,
	.xClose = rows_close,
	.xFilter = rows_filter,
	.xNext = rows_next,
	.xEof = rows_eof,
	.xColumn = rows_column,
	.xRowid = rows_rowid,
};

/* Reads every record; 0, or a status that is not about the data. */
static int
run(struct import *m)
{
	sqlite3_stmt *st = NULL;
	char fields[1024];
	int rc;

	m->more = 1;
	for (;;) {
		fetch(m);
		if (m->fatal)
			return m->fatal;
		if (!m->ready)
			break;
		/* An INSERT for the rows that give the same columns with a
		 * DEFAULT: it runs until the input ends or a row gives
		 * others. */
		m->running = m->pattern;
		if ((rc = statement(m, m->pattern, &st)) != 0)
			return rc;
		rc = sqlite3_step(st);
		sqlite3_reset(st);
		if (m->fatal)
			return m->fatal;
		if (rc != SQLITE_DONE) {
			/* The row it read last broke a constraint; the
			 * statement took back its rows, the transaction
			 * will take back the rest. */
			m->handed = 0;
			if ((rc = constraint(m, rc)) != IPS_EDATA)
				return rc;
			if (collect(m, m->line, ips_errmsg(m->h)))
				break;
		}
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
	sqlite3_finalize(m->row);
	sqlite3_finalize(m->taken);
	if (m->registered)
		sqlite3_create_module_v2(h->db, ROWS_TABLE, NULL, NULL, NULL);
	if (rc == 0 && m->nerr > 0)
		rc = ips_fail_lines(h, IPS_EDATA, m->errs);
	if (rc == 0 && m->begun && !ips_dry_run(h))
		rc = ips_commit(h);
	else
		ips_rollback(h);
	/* A new database given up is closed: nothing to put back. */
	if (m->begun && h->db != NULL)
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
	return ips_import_progress(h, ops, path, format, h->progress);
}
