/*
 * schema.c - the schema and the migrations that bring an older file to it.
 *
 * PRAGMA user_version is the number of migrations applied.  Migration 1
 * is the whole of schema.sql; a later change appends a migration here and
 * never edits an earlier one, so every old file takes the same path.
 */
#include <sys/random.h>

#include "internal.h"

#define IPS_APPLICATION_ID 0x49505331	/* "IPS1": marks an ips file */

static const char *const migrations[] = {
#include "schema-sql.h"
	,
};

#define NMIGRATIONS ((int)(sizeof migrations / sizeof migrations[0]))

int
ips_schema_version(void)
{
	return NMIGRATIONS;
}

static int
pragma_int(ips *h, const char *sql, int *v)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = ips_prepare(h, sql, &st)) != 0)
		return rc;
	rc = sqlite3_step(st);
	*v = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : ips_db_fail(h, rc);
}

/*
 * Reads the file's version; refuses a newer file and a foreign one.  Both
 * numbers are in the file's header, which SQLite reads without parsing
 * the schema; the schema is counted only for a file without our
 * application id, to tell an empty file from another program's.
 */
int
ips_schema_check(ips *h, int *version)
{
	int rc, appid, ntables = 0;

	if ((rc = pragma_int(h, "PRAGMA user_version", version)) != 0 ||
	    (rc = pragma_int(h, "PRAGMA application_id", &appid)) != 0)
		return rc;
	if (appid == 0 && (rc = pragma_int(h, "SELECT count(*) FROM "
	    "sqlite_schema", &ntables)) != 0)
		return rc;
	if (appid != IPS_APPLICATION_ID && (appid != 0 || ntables > 0))
		return ips_fail(h, IPS_EDATA, "'%s' is not an ips database",
		    h->db_path);
	if (*version > NMIGRATIONS)
		return ips_fail(h, IPS_ECONFIG, "database schema version %d is "
		    "newer than this ips (%d): upgrade ips", *version,
		    NMIGRATIONS);
	return 0;
}

/* The key of --pseudonymize: made once, kept only in the file. */
static int
make_key(ips *h)
{
	unsigned char key[32];
	sqlite3_stmt *st;
	int rc;

	if (getrandom(key, sizeof key, 0) != (ssize_t)sizeof key)
		return ips_fail(h, IPS_EIO, "cannot get random bytes");
	if ((rc = ips_prepare(h, "INSERT OR IGNORE INTO meta (key, value) "
	    "VALUES ('pseudonym_key', ?)", &st)) != 0)
		return rc;
	sqlite3_bind_blob(st, 1, key, sizeof key, SQLITE_TRANSIENT);
	return ips_step_done(h, st);
}

/* Brings the file to the current version in one transaction. */
int
ips_schema_migrate(ips *h)
{
	char sql[64];
	int rc, v, i;

	if ((rc = ips_begin(h)) != 0)
		return rc;
	if ((rc = ips_schema_check(h, &v)) != 0)
		goto fail;
	for (i = v; i < NMIGRATIONS; i++)
		if ((rc = ips_exec(h, migrations[i])) != 0)
			goto fail;
	if (v < NMIGRATIONS) {
		snprintf(sql, sizeof sql, "PRAGMA user_version = %d",
		    NMIGRATIONS);
		if ((rc = ips_exec(h, sql)) != 0)
			goto fail;
		snprintf(sql, sizeof sql, "PRAGMA application_id = %d",
		    IPS_APPLICATION_ID);
		if ((rc = ips_exec(h, sql)) != 0)
			goto fail;
		if ((rc = make_key(h)) != 0)
			goto fail;
		if (v > 0 && (rc = ips_audit(h, "migrate", NULL, NULL)) != 0)
			goto fail;
	}
	return ips_commit(h);
fail:
	ips_rollback(h);
	return rc;
}
