/*
 * internal.h - what the files of libips share and the tools do not see.
 */
#ifndef IPS_INTERNAL_H
#define IPS_INTERNAL_H

#include <sqlite3.h>

#include "ips.h"

#define IPS_ERRMAX 512

struct ips {
	const char *tool;
	char err[IPS_ERRMAX];
	int status;

	/* common options, set by ips_getopt */
	const char *opt_db;
	const char *opt_user;
	int format;			/* -1: not given */
	int no_header;
	int pseudonymize;
	int dry_run;
	int force;
	int yes;
	struct ips_period period;

	int config_loaded;
	struct ips_config cfg;

	sqlite3 *db;
	int db_mode;			/* IPS_READ or IPS_WRITE when open */
	char *db_path;
	ips_id me_id;			/* 0 until ips_me succeeds */
};

/* Reports the database's error for a failed call: SQLITE_BUSY becomes
 * IPS_EBUSY, SQLITE_FULL and I/O errors IPS_EIO, a constraint IPS_EDATA,
 * anything else IPS_EIO.  The message never holds SQL text. */
int ips_db_fail(ips *h, int rc);
/* Prepares SQL (always a literal in lib/), failing through ips_db_fail. */
int ips_prepare(ips *h, const char *sql, sqlite3_stmt **st);
/* Runs SQL text without results (literals in lib/ only). */
int ips_exec(ips *h, const char *sql);
/* Binds text or NULL. */
int ips_bind_text(sqlite3_stmt *st, int i, const char *s);
/* Steps a statement that returns no row; finalizes it. */
int ips_step_done(ips *h, sqlite3_stmt *st);

/* Streams the rows of st to fp as columns cols in the handle's format,
 * one output column per statement column.  Finalizes st. */
int ips_out_stmt(ips *h, FILE *fp, const struct ips_col *cols, int ncols,
    sqlite3_stmt *st);

/* schema.c: the file's version (refusing newer and foreign files), and
 * the migration to the current one in a transaction of its own. */
int ips_schema_check(ips *h, int *version);
int ips_schema_migrate(ips *h);

/* Looks up a specialist's id by handle; IPS_EDATA listing the known ones. */
int ips_staff_id(ips *h, const char *handle, ips_id *id);

#endif
