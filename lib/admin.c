/*
 * admin.c - the front door's own commands: init, check, backup, info, log
 * and sql.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

int
ips_init(ips *h)
{
	int rc;

	if ((rc = ips_open(h, IPS_WRITE)) != 0)
		return rc;
	return ips_db_publish(h);
}

/*
 * The data's own rules, beyond what the schema enforces: each query
 * yields (reference, problem) for every row that breaks one.
 */
static const char *const rules[] = {
	"SELECT 'c' || c.id, 'status is not the latest of its history' "
	"FROM client c WHERE c.status IS NOT (SELECT s.status FROM "
	"client_status s WHERE s.client_id = c.id ORDER BY s.on_date DESC, "
	"s.id DESC LIMIT 1)",
	"SELECT 'j' || id, 'job ends before it starts' FROM job "
	"WHERE end_on < start_on",
	"SELECT 'o' || id, 'opening closed before it was found' FROM opening "
	"WHERE closed_on < found_on",
	"SELECT 'o' || id, 'filled opening names no client' FROM opening "
	"WHERE status = 'filled' AND filled_by_id IS NULL",
	"SELECT 'm' || m.id, 'contact person works for another employer' "
	"FROM meeting m JOIN contact p ON p.id = m.contact_id "
	"WHERE m.employer_id IS NOT p.employer_id",
	"SELECT 'm' || id, 'follow-up date before the meeting' FROM meeting "
	"WHERE next_on < held_on",
	"SELECT 'm' || id, 'meeting longer than a day' FROM meeting "
	"WHERE minutes > 1440",
	"SELECT 'm' || m.id, 'meeting after the specialist left' FROM meeting m "
	"JOIN specialist s ON s.id = m.specialist_id WHERE m.held_on > s.left_on",
	"SELECT 'e' || id, 'invalid business id' FROM employer "
	"WHERE business_id IS NOT NULL AND NOT ips_business_id(business_id)",
	"SELECT s.handle, 'invalid handle' FROM specialist s "
	"WHERE s.handle NOT GLOB '[a-z]*' OR s.handle GLOB '*[^a-z0-9_-]*'",
};

static void
business_id_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *s = (const char *)sqlite3_value_text(argv[0]);

	(void)argc;
	sqlite3_result_int(ctx, s != NULL && ips_business_id_valid(s));
}

struct problems {
	ips_out *out;
	long n;
};

static int
report(ips *h, struct problems *p, const char *ref, const char *what)
{
	const char *row[2] = { ref, what };

	p->n++;
	if (ips_out_row(p->out, row, 0) != 0)
		return ips_fail(h, IPS_EIO, "cannot write output");
	return 0;
}

/* Runs a PRAGMA check whose good answer is one row "ok" or no rows. */
static int
pragma_check(ips *h, struct problems *p, const char *sql, const char *ref)
{
	sqlite3_stmt *st;
	int rc, src;

	if ((rc = ips_prepare(h, sql, &st)) != 0)
		return rc;
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(st, 0);
		char what[160];

		if (sqlite3_column_count(st) == 1 && t && strcmp(t, "ok") == 0)
			continue;
		if (sqlite3_column_count(st) >= 3)
			snprintf(what, sizeof what, "row %lld of %s points to "
			    "a missing %s", sqlite3_column_int64(st, 1), t,
			    sqlite3_column_text(st, 2));
		else
			snprintf(what, sizeof what, "%s", t ? t : "");
		if ((rc = report(h, p, ref, what)) != 0)
			break;
	}
	sqlite3_finalize(st);
	if (rc == 0 && src != SQLITE_DONE)
		rc = ips_db_fail(h, src);
	return rc;
}

int
ips_check(ips *h, FILE *fp)
{
	static const struct ips_col cols[] = {
		{ "ref", IPS_COL_TEXT }, { "problem", IPS_COL_TEXT },
	};
	struct problems p = { NULL, 0 };
	struct stat sb;
	sqlite3_stmt *st;
	size_t i;
	int rc, src;

	if ((rc = ips_open(h, IPS_READ)) != 0)
		return rc;
	if (sqlite3_create_function(h->db, "ips_business_id", 1,
	    SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, business_id_fn, NULL,
	    NULL) != SQLITE_OK)
		return ips_nomem(h);
	if ((p.out = ips_out_new(fp, ips_format(h), !ips_no_header(h), cols,
	    2)) == NULL)
		return ips_nomem(h);
	/* Health data: the file is its owner's alone. */
	if (stat(h->db_path, &sb) == 0 && (sb.st_mode & 077) &&
	    (rc = report(h, &p, "-", "database file is open to others: "
	    "chmod 600 it")) != 0)
		goto done;
	if ((rc = pragma_check(h, &p, "PRAGMA integrity_check", "-")) != 0 ||
	    (rc = pragma_check(h, &p, "PRAGMA foreign_key_check", "-")) != 0)
		goto done;
	for (i = 0; i < sizeof rules / sizeof rules[0]; i++) {
		if ((rc = ips_prepare(h, rules[i], &st)) != 0)
			goto done;
		while ((src = sqlite3_step(st)) == SQLITE_ROW)
			if ((rc = report(h, &p, (const char *)
			    sqlite3_column_text(st, 0), (const char *)
			    sqlite3_column_text(st, 1))) != 0)
				break;
		sqlite3_finalize(st);
		if (rc == 0 && src != SQLITE_DONE)
			rc = ips_db_fail(h, src);
		if (rc != 0)
			goto done;
	}
done:
	if (rc != 0) {
		ips_out_free(p.out);
		return rc;
	}
	if ((rc = ips_out_end(p.out)) != 0)
		return ips_fail(h, IPS_EIO, "cannot write output");
	return p.n > 0 ? IPS_BELOW : 0;
}

/* Whether path names the database file itself, by any link. */
static int
same_file(const char *a, const char *b)
{
	struct stat sa, sb;

	return stat(a, &sa) == 0 && stat(b, &sb) == 0 &&
	    sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* Copies the database into the new file tmp. */
static int
copy_to(ips *h, const char *tmp)
{
	sqlite3 *dst = NULL;
	sqlite3_backup *b;
	int rc;

	if ((rc = sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE, NULL)) !=
	    SQLITE_OK)
		goto done;
	if ((b = sqlite3_backup_init(dst, "main", h->db, "main")) == NULL) {
		rc = sqlite3_errcode(dst);
		goto done;
	}
	/* All pages in one step: one read transaction, one snapshot, while
	 * writers go on in the WAL. */
	rc = sqlite3_backup_step(b, -1);
	sqlite3_backup_finish(b);
	if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
done:
	if (sqlite3_close(dst) != SQLITE_OK && rc == SQLITE_OK)
		rc = SQLITE_IOERR;
	if (rc == SQLITE_OK)
		return 0;
	if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
		return ips_fail(h, IPS_EBUSY, "database is busy: try again");
	return ips_fail(h, IPS_EIO, "cannot write backup: %s",
	    sqlite3_errstr(rc));
}

int
ips_backup(ips *h, const char *dest)
{
	struct stat sb;
	char *tmp;
	size_t n;
	int fd, rc;

	/* An empty name would put the temporary copy in the current
	 * folder and fail only at the end. */
	if (dest[0] == '\0')
		return ips_fail(h, IPS_ECANTCREAT, "cannot create '': empty "
		    "file name");
	if ((rc = ips_open(h, IPS_READ)) != 0)
		return rc;
	if (same_file(dest, h->db_path))
		return ips_fail(h, IPS_ECANTCREAT, "'%s' is the database "
		    "itself", dest);
	if (lstat(dest, &sb) == 0 && (!ips_force(h) || !S_ISREG(sb.st_mode)))
		return ips_fail(h, IPS_ECANTCREAT, S_ISREG(sb.st_mode) ?
		    "'%s' exists (use -f to overwrite)" : "'%s' exists and "
		    "is not a regular file", dest);
	/* Into a new private file beside it, then renamed into place: a
	 * failed backup never leaves half a file, nor removes an old one. */
	n = strlen(dest) + 16;
	if ((tmp = malloc(n)) == NULL)
		return ips_nomem(h);
	snprintf(tmp, n, "%s.tmpXXXXXX", dest);
	if ((fd = mkstemp(tmp)) < 0) {
		rc = ips_fail(h, IPS_ECANTCREAT, "cannot create '%s': %s",
		    dest, strerror(errno));
		free(tmp);
		return rc;
	}
	close(fd);	/* mkstemp makes it 0600 */
	if ((rc = copy_to(h, tmp)) == 0) {
		/* link() refuses to replace a file made meanwhile. */
		if (ips_force(h) ? rename(tmp, dest) != 0 :
		    link(tmp, dest) != 0)
			rc = ips_fail(h, errno == EEXIST ? IPS_ECANTCREAT :
			    IPS_EIO, "cannot create '%s': %s", dest,
			    strerror(errno));
	}
	unlink(tmp);
	free(tmp);
	return rc;
}

static int
info_row(ips_out *o, const char *key, const char *value)
{
	const char *row[2] = { key, value };

	return ips_out_row(o, row, 0);
}

int
ips_info(ips *h, FILE *fp)
{
	static const struct ips_col cols[] = {
		{ "key", IPS_COL_TEXT }, { "value", IPS_COL_TEXT },
	};
	static const char *const tables[] = { "specialist", "client",
		"client_status", "employer", "contact", "opening", "job",
		"meeting", "meeting_for", "audit" };
	static const char *const counts =
	    "SELECT (SELECT count(*) FROM specialist),"
	    "(SELECT count(*) FROM client), (SELECT count(*) FROM client_status),"
	    "(SELECT count(*) FROM employer), (SELECT count(*) FROM contact),"
	    "(SELECT count(*) FROM opening), (SELECT count(*) FROM job),"
	    "(SELECT count(*) FROM meeting), (SELECT count(*) FROM meeting_for),"
	    "(SELECT count(*) FROM audit)";
	char buf[64], walpath[4096];
	struct stat sb;
	sqlite3_stmt *st;
	ips_out *o;
	size_t i;
	int rc, v;

	if ((rc = ips_open(h, IPS_READ)) != 0 ||
	    (rc = ips_schema_check(h, &v)) != 0)
		return rc;
	if ((o = ips_out_new(fp, ips_format(h), !ips_no_header(h), cols, 2)) ==
	    NULL)
		return ips_nomem(h);
	info_row(o, "database", h->db_path);
	snprintf(buf, sizeof buf, "%d", v);
	info_row(o, "schema_version", buf);
	info_row(o, "sqlite_version", sqlite3_libversion());
	info_row(o, "ips_version", IPS_VERSION);
	snprintf(buf, sizeof buf, "%lld", stat(h->db_path, &sb) == 0 ?
	    (long long)sb.st_size : 0LL);
	info_row(o, "file_bytes", buf);
	snprintf(walpath, sizeof walpath, "%s-wal", h->db_path);
	snprintf(buf, sizeof buf, "%lld", stat(walpath, &sb) == 0 ?
	    (long long)sb.st_size : 0LL);
	info_row(o, "wal_bytes", buf);
	/*
	 * A count reads every page of the smallest index of its table, a
	 * thousand pages of a small database: mapped, each is a memory
	 * access rather than a read system call and a copy, which made the
	 * counting take ten times as long as the rest of the command.
	 */
	if ((rc = ips_exec(h, "PRAGMA mmap_size = 2147418112")) != 0 ||
	    (rc = ips_prepare(h, counts, &st)) != 0) {
		ips_out_free(o);
		return rc;
	}
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (i = 0; i < sizeof tables / sizeof tables[0]; i++) {
			char key[32];

			snprintf(key, sizeof key, "%s_rows", tables[i]);
			info_row(o, key, (const char *)sqlite3_column_text(st,
			    (int)i));
		}
		rc = SQLITE_DONE;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		ips_out_free(o);
		return ips_db_fail(h, rc);
	}
	if (ips_out_end(o) != 0)
		return ips_fail(h, IPS_EIO, "cannot write output");
	return 0;
}

int
ips_log(ips *h, FILE *fp, ips_day since, const char *ref)
{
	static const struct ips_col cols[] = {
		{ "at", IPS_COL_TEXT }, { "who", IPS_COL_TEXT },
		{ "tool", IPS_COL_TEXT }, { "action", IPS_COL_TEXT },
		{ "ref", IPS_COL_TEXT }, { "fields", IPS_COL_LIST },
	};
	sqlite3_stmt *st;
	char date[11];
	int rc;

	if ((rc = ips_open(h, IPS_READ)) != 0 ||
	    (rc = ips_prepare(h, "SELECT at, who, tool, action, ref, fields "
	    "FROM audit WHERE (?1 IS NULL OR at >= ?1) AND (?2 IS NULL OR "
	    "ref = ?2) ORDER BY id", &st)) != 0)
		return rc;
	if (since != IPS_DAY_NONE)
		ips_bind_text(st, 1, ips_day_format(since, date));
	ips_bind_text(st, 2, ref);
	return ips_out_stmt(h, fp, cols, 6, st);
}

/* Column types for JSON, guessed from the first row. */
static int
sql_columns(sqlite3_stmt *st, struct ips_col **cols)
{
	int i, n = sqlite3_column_count(st);

	if ((*cols = calloc(n ? n : 1, sizeof **cols)) == NULL)
		return -1;
	for (i = 0; i < n; i++) {
		(*cols)[i].name = sqlite3_column_name(st, i);
		switch (sqlite3_column_type(st, i)) {
		case SQLITE_INTEGER:
			(*cols)[i].type = IPS_COL_INT;
			break;
		case SQLITE_FLOAT:
			(*cols)[i].type = IPS_COL_REAL;
			break;
		default:
			(*cols)[i].type = IPS_COL_TEXT;
		}
	}
	return n;
}

static int
sql_fail(ips *h, int rc)
{
	if ((rc & 0xff) == SQLITE_BUSY)
		return ips_db_fail(h, rc);
	/* The user's own query: SQLite's message is what helps here. */
	return ips_fail(h, IPS_EDATA, "%s", sqlite3_errmsg(h->db));
}

static int
sql_one(ips *h, FILE *fp, sqlite3_stmt *st)
{
	struct ips_col *cols = NULL;
	const char **row = NULL;
	ips_out *o = NULL;
	int i, n, rc;

	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return sql_fail(h, rc);
	if ((n = sql_columns(st, &cols)) < 0 ||
	    (row = calloc(n ? n : 1, sizeof *row)) == NULL)
		goto nomem;
	if (n == 0) {
		free(cols);
		free(row);
		return 0;
	}
	if ((o = ips_out_new(fp, ips_format(h), !ips_no_header(h), cols,
	    n)) == NULL)
		goto nomem;
	for (; rc == SQLITE_ROW; rc = sqlite3_step(st)) {
		for (i = 0; i < n; i++)
			row[i] = (const char *)sqlite3_column_text(st, i);
		if (ips_out_row(o, row, 0) != 0)
			break;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		ips_out_free(o);
		o = NULL;
		rc = sql_fail(h, rc);
	} else {
		rc = ips_out_end(o) != 0 ? ips_fail(h, IPS_EIO,
		    "cannot write output") : 0;
	}
	free(cols);
	free(row);
	return rc;
nomem:
	free(cols);
	free(row);
	return ips_nomem(h);
}

/* The pseudonym key never leaves the file, not even through ips sql. */
static int
guard_key(void *arg, int action, const char *a, const char *b,
    const char *db, const char *trigger)
{
	(void)arg;
	(void)b;
	(void)db;
	(void)trigger;
	if (action == SQLITE_READ && a != NULL && strcmp(a, "meta") == 0)
		return SQLITE_DENY;
	return SQLITE_OK;
}

/* The statements of query, one after another. */
static int
sql_run(ips *h, FILE *fp, const char *query)
{
	const char *tail = query;
	sqlite3_stmt *st;
	int rc = 0;

	while (rc == 0 && *tail != '\0') {
		if (sqlite3_prepare_v2(h->db, tail, -1, &st, &tail) != SQLITE_OK)
			return sql_fail(h, sqlite3_errcode(h->db));
		if (st == NULL)
			break;
		/* The connection is read-only already; this gives the
		 * clearer message and also covers the temp schema. */
		if (!sqlite3_stmt_readonly(st)) {
			sqlite3_finalize(st);
			return ips_fail(h, IPS_EDATA, "ips sql is read-only: "
			    "change data with the tools");
		}
		rc = sql_one(h, fp, st);
		sqlite3_finalize(st);
	}
	return rc;
}

int
ips_sql(ips *h, FILE *fp, const char *query)
{
	int rc;

	if ((rc = ips_open(h, IPS_READ)) != 0)
		return rc;
	/* For the user's query alone: the handle's own reads of meta (the
	 * pseudonym key) go on working after it. */
	sqlite3_set_authorizer(h->db, guard_key, NULL);
	rc = sql_run(h, fp, query);
	sqlite3_set_authorizer(h->db, NULL, NULL);
	return rc;
}
