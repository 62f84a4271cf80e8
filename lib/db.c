/*
 * db.c - opening the database, transactions, and SQLite's errors.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "internal.h"

int
ips_db_fail(ips *h, int rc)
{
	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return ips_fail(h, IPS_EBUSY, "database is busy: try again");
	case SQLITE_FULL:
		return ips_fail(h, IPS_EIO, "database or disk is full");
	case SQLITE_READONLY:
		return ips_fail(h, IPS_ECANTCREAT, "database is read-only");
	case SQLITE_CONSTRAINT:
		return ips_fail(h, IPS_EDATA, "%s", sqlite3_errstr(rc));
	case SQLITE_NOTADB:
	case SQLITE_CORRUPT:
		return ips_fail(h, IPS_EDATA, "'%s' is not an ips database",
		    h->db_path ? h->db_path : "");
	case SQLITE_NOMEM:
		return ips_nomem(h);
	default:
		/* errstr, not errmsg: the latter can quote SQL. */
		return ips_fail(h, IPS_EIO, "database error: %s",
		    sqlite3_errstr(rc));
	}
}

int
ips_prepare(ips *h, const char *sql, sqlite3_stmt **st)
{
	int rc;

	rc = sqlite3_prepare_v2(h->db, sql, -1, st, NULL);
	if (rc != SQLITE_OK) {
		*st = NULL;
		return ips_db_fail(h, rc);
	}
	return 0;
}

int
ips_exec(ips *h, const char *sql)
{
	int rc;

	rc = sqlite3_exec(h->db, sql, NULL, NULL, NULL);
	return rc == SQLITE_OK ? 0 : ips_db_fail(h, rc);
}

int
ips_bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s == NULL)
		return sqlite3_bind_null(st, i);
	return sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
}

int
ips_step_done(ips *h, sqlite3_stmt *st)
{
	int rc;

	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE || rc == SQLITE_ROW)
		return 0;
	return ips_db_fail(h, rc);
}

int
ips_begin(ips *h)
{
	return ips_exec(h, "BEGIN IMMEDIATE");
}

static int publish(ips *);
static void discard(ips *);

int
ips_commit(ips *h)
{
	int rc;

	if ((rc = ips_exec(h, "COMMIT")) != 0) {
		ips_rollback(h);
		return rc;
	}
	return h->db_new != NULL ? publish(h) : 0;
}

void
ips_rollback(ips *h)
{
	if (h->db != NULL && !sqlite3_get_autocommit(h->db))
		sqlite3_exec(h->db, "ROLLBACK", NULL, NULL, NULL);
	/* A refused first write leaves no database behind. */
	if (h->db_new != NULL)
		discard(h);
}

const char *
ips_db_path(ips *h)
{
	const struct ips_config *cfg;

	if (h->db_path == NULL && (cfg = ips_config(h)) != NULL)
		h->db_path = strdup(cfg->database);
	return h->db_path;
}

/* mkdir -p for the database's folder, private to its owner; the first
 * folder it made goes to *made (NULL if none, or when made is NULL). */
static int
make_parent(ips *h, const char *path, char **made)
{
	char *dir, *p;
	int rc = 0;

	if ((dir = strdup(path)) == NULL)
		return ips_nomem(h);
	for (p = dir + 1; (p = strchr(p, '/')) != NULL; p++) {
		*p = '\0';
		if (mkdir(dir, 0700) == 0) {
			if (made != NULL && *made == NULL &&
			    (*made = strdup(dir)) == NULL) {
				rc = ips_nomem(h);
				break;
			}
		} else if (errno != EEXIST) {
			rc = ips_fail(h, IPS_ECANTCREAT, "cannot create "
			    "folder '%s': %s", dir, strerror(errno));
			break;
		}
		*p = '/';
	}
	free(dir);
	return rc;
}

/* Removes the folders make_parent made for path, deepest first, as far
 * as they are empty. */
static void
remove_parents(const char *path, const char *top)
{
	char *dir, *p;

	if (top == NULL || (dir = strdup(path)) == NULL)
		return;
	while ((p = strrchr(dir, '/')) != NULL && p != dir) {
		*p = '\0';
		if (rmdir(dir) != 0 || strcmp(dir, top) == 0)
			break;
	}
	free(dir);
}

/* Creates an empty file with mode 0600, so that SQLite's own files
 * (-wal, -shm), which copy the database's mode, are private too. */
static int
create_file(ips *h, const char *path)
{
	int fd, rc;

	if ((rc = make_parent(h, path, NULL)) != 0)
		return rc;
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0 && errno != EEXIST)
		return ips_fail(h, IPS_ECANTCREAT, "cannot create database "
		    "'%s': %s", path, strerror(errno));
	if (fd >= 0)
		close(fd);
	return 0;
}

static int
db_connect(ips *h, const char *path, int flags)
{
	int rc;

	rc = sqlite3_open_v2(path, &h->db, flags | SQLITE_OPEN_NOFOLLOW, NULL);
	if (rc != SQLITE_OK) {
		rc = ips_fail(h, flags & SQLITE_OPEN_READWRITE ?
		    IPS_ECANTCREAT : IPS_ENOINPUT, "cannot open database "
		    "'%s': %s", path, sqlite3_errstr(rc));
		sqlite3_close_v2(h->db);
		h->db = NULL;
		return rc;
	}
	sqlite3_extended_result_codes(h->db, 1);
	sqlite3_busy_timeout(h->db, h->cfg.busy_timeout_ms);
	/* Both only change what a write does. */
	if (!(flags & SQLITE_OPEN_READWRITE))
		return 0;
	return ips_exec(h, "PRAGMA foreign_keys = ON;"
	    "PRAGMA secure_delete = ON;");
}

int
ips_cached(ips *h, const char *sql, sqlite3_stmt **st)
{
	int i, rc;

	for (i = 0; i < h->ncache; i++)
		if (h->cache[i].sql == sql) {
			*st = h->cache[i].st;
			sqlite3_reset(*st);
			sqlite3_clear_bindings(*st);
			return 0;
		}
	if ((rc = ips_prepare(h, sql, st)) != 0)
		return rc;
	if (h->ncache < (int)(sizeof h->cache / sizeof h->cache[0])) {
		h->cache[h->ncache].sql = sql;
		h->cache[h->ncache].st = *st;
		h->ncache++;
		return 0;
	}
	/* The cache holds every literal that calls it (about 15 today). */
	sqlite3_finalize(*st);
	*st = NULL;
	return ips_fail(h, IPS_EIO, "internal error: statement cache full");
}

void
ips_db_close(ips *h)
{
	int i;

	for (i = 0; i < h->ncache; i++)
		sqlite3_finalize(h->cache[i].st);
	h->ncache = 0;
	sqlite3_close_v2(h->db);
	h->db = NULL;
	if (h->db_new != NULL)
		discard(h);
}

static void
disconnect(ips *h)
{
	ips_db_close(h);
}

/*
 * A file in WAL mode in a folder the reader may not write to (a copy on
 * read-only media, a colleague's folder): SQLite cannot make the -shm
 * index beside it.  With no -wal file, or an empty one, the main file
 * holds every change, so it can be read as immutable.  Returns 1 when
 * that is why the first read failed.
 */
static int
wal_unreadable(ips *h, const char *path, int *pending)
{
	char *wal;
	struct stat sb;
	size_t n;
	int e = sqlite3_extended_errcode(h->db);

	if (e != SQLITE_READONLY_DIRECTORY && e != SQLITE_READONLY_CANTINIT &&
	    e != SQLITE_CANTOPEN)
		return 0;
	n = strlen(path) + 5;
	if ((wal = malloc(n)) == NULL)
		return 0;
	snprintf(wal, n, "%s-wal", path);
	*pending = stat(wal, &sb) == 0 && sb.st_size > 0;
	free(wal);
	return 1;
}

/* Connects to path read-only and immutable, through a file: URI. */
static int
connect_immutable(ips *h, const char *path)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p;
	char *uri, *q;
	int rc;

	if ((uri = malloc(3 * strlen(path) + 32)) == NULL)
		return ips_nomem(h);
	q = uri + sprintf(uri, "file:");
	for (p = (const unsigned char *)path; *p != '\0'; p++)
		if (isalnum(*p) || strchr("/-._~", *p) != NULL) {
			*q++ = (char)*p;
		} else {
			*q++ = '%';
			*q++ = hex[*p >> 4];
			*q++ = hex[*p & 15];
		}
	strcpy(q, "?immutable=1");
	rc = db_connect(h, uri, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI);
	free(uri);
	return rc;
}

/*
 * A new database is made beside its place under a temporary name, in a
 * rollback journal, and put in place (link, which never replaces a file
 * made meanwhile) by the first write's commit; a refused first write
 * leaves no file and no folder behind.  After the link it is opened
 * again where it belongs, in WAL mode.
 */
/* open_new's answer when the file was made while it waited its turn;
 * lock_folder's when the folder went away meanwhile. */
#define MADE_MEANWHILE (-1)

/*
 * Runs that would make the same new database take turns on its folder
 * (flock), so that the second opens what the first made instead of
 * losing the race to link.  *fdp is -1 where folders cannot be locked;
 * link still refuses to replace a file then.
 */
static int
lock_folder(ips *h, const char *path, int *fdp)
{
	struct timespec ts = { 0, 10 * 1000 * 1000 };
	struct stat locked, now;
	char *dir, *slash;
	int fd, waited = 0, rc = 0;

	*fdp = -1;
	if ((dir = strdup(path)) == NULL)
		return ips_nomem(h);
	if ((slash = strrchr(dir, '/')) == NULL)
		strcpy(dir, ".");
	else
		slash[slash == dir] = '\0';
	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0) {
		/* Gone since make_parent: a run that gave up took it. */
		if (errno == ENOENT)
			rc = MADE_MEANWHILE;
		goto done;
	}
	while (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		if (errno != EWOULDBLOCK && errno != EINTR) {
			close(fd);
			goto done;
		}
		if (waited >= h->cfg.busy_timeout_ms) {
			close(fd);
			rc = ips_fail(h, IPS_EBUSY, "database is busy: try "
			    "again");
			goto done;
		}
		nanosleep(&ts, NULL);
		waited += 10;
	}
	/* The folder locked must still be the one at its name: the run
	 * before may have removed it, and another made it anew. */
	if (fstat(fd, &locked) != 0 || stat(dir, &now) != 0 ||
	    locked.st_dev != now.st_dev || locked.st_ino != now.st_ino) {
		close(fd);
		rc = MADE_MEANWHILE;
		goto done;
	}
	*fdp = fd;
done:
	free(dir);
	return rc;
}

static int
open_new(ips *h, const char *path)
{
	struct stat sb;
	char *tmp, *made = NULL;
	size_t n = strlen(path) + 16;
	int fd, lock, rc, tries = 0;

	if ((tmp = malloc(n)) == NULL)
		return ips_nomem(h);
again:
	if ((rc = make_parent(h, path, &made)) != 0)
		goto fail;
	if ((rc = lock_folder(h, path, &lock)) == MADE_MEANWHILE &&
	    ++tries < 5) {
		free(made);
		made = NULL;
		goto again;
	}
	if (rc != 0)
		goto fail;
	if (lstat(path, &sb) == 0) {
		if (lock >= 0)
			close(lock);
		free(made);
		free(tmp);
		return MADE_MEANWHILE;
	}
	snprintf(tmp, n, "%s.newXXXXXX", path);
	/* mkstemp makes it 0600, and SQLite's journal copies that. */
	if ((fd = mkstemp(tmp)) < 0) {
		/* The run before in line gave up, and took away the
		 * folders it had made: make them again. */
		if (errno == ENOENT && ++tries < 5) {
			if (lock >= 0)
				close(lock);
			free(made);
			made = NULL;
			goto again;
		}
		rc = ips_fail(h, IPS_ECANTCREAT, "cannot create database "
		    "'%s': %s", path, strerror(errno));
		goto unlock;
	}
	close(fd);
	if ((rc = db_connect(h, tmp, SQLITE_OPEN_READWRITE)) == 0)
		rc = ips_schema_migrate(h);
	/* Set after the migration, whose own commit must not publish. */
	h->db_new = tmp;
	h->db_newdir = made;
	h->db_newlock = lock;
	if (rc != 0)
		discard(h);
	return rc;
unlock:
	if (lock >= 0)
		close(lock);
fail:
	remove_parents(path, made);
	free(made);
	free(tmp);
	return rc;
}

/* The new file of open_new, given up: closed, removed, its folders too. */
static void
discard(ips *h)
{
	char *tmp = h->db_new, *made = h->db_newdir;

	h->db_new = NULL;
	h->db_newdir = NULL;
	ips_db_close(h);
	unlink(tmp);
	if (h->db_newlock >= 0)
		close(h->db_newlock);
	remove_parents(h->db_path, made);
	free(tmp);
	free(made);
}

static int open_write(ips *, const char *);

/* The new file of open_new, committed: linked into place, reopened. */
static int
publish(ips *h)
{
	char *tmp = h->db_new;
	int rc, lock = h->db_newlock;

	/* WAL while the file is still this run's alone: a switch once it
	 * is in place could meet the next run in line and fail busy. */
	if ((rc = ips_exec(h, "PRAGMA journal_mode = WAL")) != 0) {
		discard(h);
		return rc;
	}
	h->db_new = NULL;
	free(h->db_newdir);
	h->db_newdir = NULL;
	ips_db_close(h);
	if (link(tmp, h->db_path) != 0)
		rc = errno == EEXIST ? ips_fail(h, IPS_EBUSY, "database '%s' "
		    "was made by another run meanwhile: try again",
		    h->db_path) : ips_fail(h, IPS_ECANTCREAT, "cannot create "
		    "database '%s': %s", h->db_path, strerror(errno));
	unlink(tmp);
	free(tmp);
	if (rc == 0)
		rc = open_write(h, h->db_path);
	/* Now the next run in line opens the file in place. */
	if (lock >= 0)
		close(lock);
	return rc;
}

int
ips_db_publish(ips *h)
{
	return h->db_new != NULL ? publish(h) : 0;
}

static int
open_write(ips *h, const char *path)
{
	struct stat sb;
	int rc, v;

	if (lstat(path, &sb) != 0 && errno == ENOENT &&
	    (rc = open_new(h, path)) != MADE_MEANWHILE)
		return rc;
	if ((rc = create_file(h, path)) != 0 ||
	    (rc = db_connect(h, path, SQLITE_OPEN_READWRITE)) != 0)
		return rc;
	if (sqlite3_db_readonly(h->db, "main") == 1)
		return ips_fail(h, IPS_ECANTCREAT, "cannot write database "
		    "'%s': read-only", path);
	/* Refuse another program's file before anything is changed in it. */
	if ((rc = ips_schema_check(h, &v)) != 0)
		return rc;
	/* WAL lets readers go on while one writer writes. */
	if ((rc = ips_exec(h, "PRAGMA journal_mode = WAL;"
	    "PRAGMA synchronous = NORMAL;")) != 0)
		return rc;
	return ips_schema_migrate(h);
}

int
ips_open(ips *h, int mode)
{
	const char *path;
	struct stat sb;
	int rc, v, pending = 0;

	if (h->db != NULL && (mode == IPS_READ || h->db_mode == IPS_WRITE))
		return 0;
	if (h->db != NULL)
		disconnect(h);
	if ((path = ips_db_path(h)) == NULL)
		return h->status ? h->status : ips_nomem(h);
	/* Said plainly: a FIFO would hold SQLite's open for ever, a device
	 * or a folder is no database, and a symbolic link is refused
	 * (SQLITE_OPEN_NOFOLLOW) with a message that does not say why. */
	if (lstat(path, &sb) == 0 && !S_ISREG(sb.st_mode))
		return ips_fail(h, mode == IPS_READ ? IPS_ENOINPUT :
		    IPS_ECANTCREAT, S_ISLNK(sb.st_mode) ? "database '%s' is a "
		    "symbolic link: name the file itself" : "database '%s' is "
		    "not a regular file", path);
	if (mode == IPS_UPDATE && stat(path, &sb) != 0)
		return ips_fail(h, IPS_ENOINPUT, "no database at '%s' "
		    "(create one with 'ips init')", path);
	if (mode != IPS_READ) {
		if ((rc = open_write(h, path)) != 0)
			goto fail;
		h->db_mode = IPS_WRITE;
		return 0;
	}
	if (stat(path, &sb) != 0)
		return ips_fail(h, IPS_ENOINPUT, "no database at '%s' "
		    "(create one with 'ips init')", path);
	if ((rc = db_connect(h, path, SQLITE_OPEN_READONLY)) != 0)
		goto fail;
	if ((rc = ips_schema_check(h, &v)) != 0 &&
	    wal_unreadable(h, path, &pending)) {
		disconnect(h);
		if (pending) {
			rc = ips_fail(h, IPS_ENOINPUT, "cannot read database "
			    "'%s': its folder is read-only and its -wal file "
			    "holds changes", path);
			goto fail;
		}
		if ((rc = connect_immutable(h, path)) == 0)
			rc = ips_schema_check(h, &v);
	}
	if (rc != 0)
		goto fail;
	if (v == 0) {
		rc = ips_fail(h, IPS_ENOINPUT, "no database in '%s' "
		    "(create one with 'ips init')", path);
		goto fail;
	}
	if (v < ips_schema_version()) {
		/* An older file: migrate it forward, then read. */
		disconnect(h);
		if ((rc = open_write(h, path)) != 0)
			goto fail;
	}
	h->db_mode = IPS_READ;
	return 0;
fail:
	disconnect(h);
	return rc;
}

const char *
ips_sqlite_version(void)
{
	return sqlite3_libversion();
}
