/*
 * bench-insert - the baseline of the import benchmark: the raw rate of a
 * C loop that inserts meetings from a CSV file with one prepared statement
 * in one transaction.  Not part of libips: scripts/bench compiles it into
 * build/bench/ when it runs.
 *
 *	bench-insert DB FILE
 *
 * FILE has the columns 'ips-meet export -o csv' writes but ref (these are
 * new meetings), header first: specialist,on,at,employer,client,contact,
 * how,where,minutes,purpose,for,outcome,next,note, as scripts/gen-data
 * --csv-meetings writes them.  Handles become ids through an array of the
 * specialists read at the start, references (e17, c42, p5) are checked
 * against arrays of the ids that exist, and "for" becomes meeting_for rows.
 * The connection is set up as ips sets up its own, with the 64 MiB page
 * cache ips-meet import asks for, so the work per row is the same, without
 * ips's validation and audit.  Prints the number of
 * meetings written.  Exit 0, or 1 with a message on stderr.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#define NCOLS	14

enum { C_SPEC, C_ON, C_AT, C_EMP, C_CLIENT, C_CONTACT, C_HOW, C_WHERE,
	C_MIN, C_PURPOSE, C_FOR, C_OUTCOME, C_NEXT, C_NOTE };

struct spec {
	char		*handle;
	sqlite3_int64	 id;
};

/* The ids that exist in one table, as a bitmap. */
struct ids {
	unsigned char	*bit;
	sqlite3_int64	 max;
};

struct field {
	char	*s;
	size_t	 len;
};

/* The reader: one record at a time from a buffered stream. */
struct csv {
	FILE		*fp;
	char		*rec;		/* unquoted field text, NUL-separated */
	size_t		 cap;
	struct field	 f[NCOLS];
	int		 nf;
	long		 line;
};

static const char *prog = "bench-insert";

static void
die(const char *fmt, const char *arg)
{
	fprintf(stderr, "%s: ", prog);
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	exit(1);
}

static void
die_db(sqlite3 *db, const char *what)
{
	fprintf(stderr, "%s: %s: %s\n", prog, what, sqlite3_errmsg(db));
	exit(1);
}

static void
exec(sqlite3 *db, const char *sql)
{
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
		die_db(db, sql);
}

static int
spec_cmp(const void *a, const void *b)
{
	return strcmp(((const struct spec *)a)->handle,
	    ((const struct spec *)b)->handle);
}

static struct spec *
load_specs(sqlite3 *db, size_t *n)
{
	sqlite3_stmt *st;
	struct spec *v = NULL, *nv;
	size_t cap = 0;
	int rc;

	*n = 0;
	if (sqlite3_prepare_v2(db, "SELECT id, handle FROM specialist", -1,
	    &st, NULL) != SQLITE_OK)
		die_db(db, "reading the specialists");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 64;
			if ((nv = realloc(v, cap * sizeof *v)) == NULL)
				die("%s", "out of memory");
			v = nv;
		}
		v[*n].id = sqlite3_column_int64(st, 0);
		if ((v[*n].handle = strdup((const char *)
		    sqlite3_column_text(st, 1))) == NULL)
			die("%s", "out of memory");
		(*n)++;
	}
	if (rc != SQLITE_DONE)
		die_db(db, "reading the specialists");
	sqlite3_finalize(st);
	qsort(v, *n, sizeof *v, spec_cmp);
	return v;
}

static void
load_ids(sqlite3 *db, const char *table, struct ids *ids)
{
	char sql[64];
	sqlite3_stmt *st;
	sqlite3_int64 id;
	int rc;

	snprintf(sql, sizeof sql, "SELECT coalesce(max(id), 0) FROM %s", table);
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_ROW)
		die_db(db, table);
	ids->max = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if ((ids->bit = calloc(ids->max / 8 + 1, 1)) == NULL)
		die("%s", "out of memory");
	snprintf(sql, sizeof sql, "SELECT id FROM %s", table);
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		die_db(db, table);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		if (id > 0 && id <= ids->max)
			ids->bit[id / 8] |= 1u << (id % 8);
	}
	if (rc != SQLITE_DONE)
		die_db(db, table);
	sqlite3_finalize(st);
}

static int
has_id(const struct ids *ids, sqlite3_int64 id)
{
	return id > 0 && id <= ids->max && (ids->bit[id / 8] >> (id % 8) & 1);
}

static void
csv_put(struct csv *c, size_t *len, int ch)
{
	char *nrec;

	if (*len + 1 >= c->cap) {
		c->cap = c->cap ? c->cap * 2 : 4096;
		if ((nrec = realloc(c->rec, c->cap)) == NULL)
			die("%s", "out of memory");
		c->rec = nrec;
	}
	c->rec[(*len)++] = (char)ch;
}

/*
 * Reads one record: fields split at commas, double quotes around a field
 * keep commas, quotes ("") and line breaks; CR before LF is dropped.
 * Returns 0 at the end of the input.
 */
static int
csv_read(struct csv *c)
{
	size_t len = 0, start[NCOLS + 1];
	int ch, quoted = 0, nf = 0, any = 0, i;

	start[0] = 0;
	for (;;) {
		ch = getc_unlocked(c->fp);
		if (ch == EOF) {
			if (!any)
				return 0;
			break;
		}
		any = 1;
		if (quoted) {
			if (ch == '"') {
				if ((ch = getc_unlocked(c->fp)) == '"') {
					csv_put(c, &len, '"');
					continue;
				}
				quoted = 0;
				if (ch == EOF)
					break;
			} else {
				if (ch == '\n')
					c->line++;
				csv_put(c, &len, ch);
				continue;
			}
		}
		if (ch == '"' && len == start[nf])
			quoted = 1;
		else if (ch == ',') {
			csv_put(c, &len, '\0');
			if (nf < NCOLS)
				start[++nf] = len;
		} else if (ch == '\n')
			break;
		else if (ch != '\r')
			csv_put(c, &len, ch);
	}
	c->line++;
	csv_put(c, &len, '\0');
	c->nf = nf + 1;
	if (c->nf > NCOLS)
		c->nf = NCOLS;
	for (i = 0; i < c->nf; i++) {
		c->f[i].s = c->rec + start[i];
		c->f[i].len = strlen(c->f[i].s);
	}
	for (; i < NCOLS; i++) {
		c->f[i].s = c->rec + len - 1;
		c->f[i].len = 0;
	}
	return 1;
}

/* The id of a reference like 'e17' (or a bare number), else -1. */
static sqlite3_int64
ref_id(const struct field *f, char type)
{
	const char *s = f->s;
	char *end;
	long long v;

	if (*s == type)
		s++;
	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0 || *end != '\0')
		return -1;
	return v;
}

static void
bind_text(sqlite3_stmt *st, int i, const struct field *f)
{
	if (f->len == 0)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_text(st, i, f->s, (int)f->len, SQLITE_STATIC);
}

static void
bind_ref(sqlite3_stmt *st, int i, const struct field *f, char type,
    const struct ids *ids, long line)
{
	sqlite3_int64 id;

	if (f->len == 0) {
		sqlite3_bind_null(st, i);
		return;
	}
	if ((id = ref_id(f, type)) < 0 || !has_id(ids, id)) {
		fprintf(stderr, "%s: line %ld: no such reference '%s'\n", prog,
		    line, f->s);
		exit(1);
	}
	sqlite3_bind_int64(st, i, id);
}

int
main(int argc, char **argv)
{
	sqlite3 *db;
	sqlite3_stmt *ins, *insfor;
	struct spec *specs, key, *sp;
	struct ids emp, cli, con;
	struct csv c = { NULL, NULL, 0, { { NULL, 0 } }, 0, 0 };
	size_t nspecs;
	sqlite3_int64 id;
	long rows = 0;
	char *p, *q;

	if (argc != 3) {
		fputs("usage: bench-insert DB FILE\n", stderr);
		return 64;
	}
	if ((c.fp = fopen(argv[2], "r")) == NULL)
		die("cannot open '%s'", argv[2]);
	if (sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READWRITE, NULL) !=
	    SQLITE_OK)
		die_db(db, argv[1]);
	sqlite3_busy_timeout(db, 10000);
	exec(db, "PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON;"
	    "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
	    "PRAGMA cache_size = -65536");

	specs = load_specs(db, &nspecs);
	load_ids(db, "employer", &emp);
	load_ids(db, "client", &cli);
	load_ids(db, "contact", &con);
	if (sqlite3_prepare_v2(db, "INSERT INTO meeting(specialist_id, "
	    "held_on, at, employer_id, client_id, contact_id, how, place, "
	    "minutes, purpose, outcome, next_on, note) VALUES (?1, ?2, ?3, "
	    "?4, ?5, ?6, coalesce(?7, 'in-person'), ?8, ?9, ?10, ?11, ?12, "
	    "?13)", -1, &ins, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "INSERT INTO meeting_for(meeting_id, "
	    "client_id) VALUES (?1, ?2)", -1, &insfor, NULL) != SQLITE_OK)
		die_db(db, "prepare");

	if (!csv_read(&c))
		die("'%s' is empty", argv[2]);
	exec(db, "BEGIN IMMEDIATE");
	while (csv_read(&c)) {
		if (c.nf == 1 && c.f[0].len == 0)
			continue;
		key.handle = c.f[C_SPEC].s;
		if ((sp = bsearch(&key, specs, nspecs, sizeof *specs,
		    spec_cmp)) == NULL)
			die("no such specialist '%s'", c.f[C_SPEC].s);
		sqlite3_bind_int64(ins, 1, sp->id);
		bind_text(ins, 2, &c.f[C_ON]);
		bind_text(ins, 3, &c.f[C_AT]);
		bind_ref(ins, 4, &c.f[C_EMP], 'e', &emp, c.line);
		bind_ref(ins, 5, &c.f[C_CLIENT], 'c', &cli, c.line);
		bind_ref(ins, 6, &c.f[C_CONTACT], 'p', &con, c.line);
		bind_text(ins, 7, &c.f[C_HOW]);
		bind_text(ins, 8, &c.f[C_WHERE]);
		if (c.f[C_MIN].len == 0)
			sqlite3_bind_null(ins, 9);
		else
			sqlite3_bind_int64(ins, 9, strtoll(c.f[C_MIN].s, NULL,
			    10));
		bind_text(ins, 10, &c.f[C_PURPOSE]);
		bind_text(ins, 11, &c.f[C_OUTCOME]);
		bind_text(ins, 12, &c.f[C_NEXT]);
		bind_text(ins, 13, &c.f[C_NOTE]);
		if (sqlite3_step(ins) != SQLITE_DONE)
			die_db(db, "insert");
		sqlite3_reset(ins);
		id = sqlite3_last_insert_rowid(db);
		for (p = c.f[C_FOR].s; *p != '\0'; p = q) {
			struct field one;

			if ((q = strchr(p, ',')) != NULL)
				*q++ = '\0';
			else
				q = p + strlen(p);
			one.s = p;
			one.len = strlen(p);
			sqlite3_bind_int64(insfor, 1, id);
			bind_ref(insfor, 2, &one, 'c', &cli, c.line);
			if (sqlite3_step(insfor) != SQLITE_DONE)
				die_db(db, "insert");
			sqlite3_reset(insfor);
		}
		rows++;
	}
	if (ferror(c.fp))
		die("cannot read '%s'", argv[2]);
	exec(db, "COMMIT");
	sqlite3_finalize(ins);
	sqlite3_finalize(insfor);
	if (sqlite3_close(db) != SQLITE_OK)
		die("%s", "cannot close the database");
	printf("%ld\n", rows);
	return 0;
}
