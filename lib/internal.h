/*
 * internal.h - what the files of libips share and the tools do not see.
 */
#ifndef IPS_INTERNAL_H
#define IPS_INTERNAL_H

#include <sqlite3.h>

#include "ips.h"

#define IPS_ERRMAX 8192	/* an import's 20 error lines fit */

struct ips {
	const char *tool;
	const char *usage;		/* the tool's usage text, for -h */
	FILE *progress;			/* where long work reports, or NULL */
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
	char *db_new;			/* a new file not yet at db_path */
	char *db_newdir;		/* the first folder made for it */
	int db_newlock;			/* its folder, locked until then */
	ips_id me_id;			/* 0 until ips_me succeeds */

	/* Statements run once per row of an import, kept prepared: one
	 * slot for each SQL literal that ips_cached is called with. */
	struct {
		const char *sql;
		sqlite3_stmt *st;
	} cache[64];
	int ncache;
};

/* ips.c: like ips_fail, for a message of several lines (an import's
 * errors), each made safe already: no control characters but the
 * newlines between them. */
int ips_fail_lines(ips *h, int status, const char *text);

/* A prepared statement for a literal SQL text, kept for the life of the
 * connection: reset and unbound, ready to bind.  Do not finalize it. */
int ips_cached(ips *h, const char *sql, sqlite3_stmt **st);
/* Finalizes the cached statements and closes the connection. */
void ips_db_close(ips *h);
/* Puts a database that ips_open(IPS_WRITE) made in its place, which a
 * command's first commit otherwise does (ips init writes nothing). */
int ips_db_publish(ips *h);

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

/* config.c: -d and -u given after the configuration was loaded (a period
 * option needs today's date, which the environment may set) still win. */
int ips_config_options(ips *h);

/* schema.c: the file's version (refusing newer and foreign files), and
 * the migration to the current one in a transaction of its own. */
int ips_schema_check(ips *h, int *version);
int ips_schema_migrate(ips *h);

/* utf8.c: decodes one character of s[0..n-1] (n > 0) into *cp; returns
 * its length, or 0 when s does not start with well-formed UTF-8. */
size_t ips_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);

/* record.c */
/* Appends s to buf (n bytes, *len used); -1 when it does not fit.  For
 * SQL put together from the constant names of fields.c. */
int ips_append(char *buf, size_t n, size_t *len, const char *s);
/* Puts "field: " before the message on the handle; returns rc. */
int ips_fail_field(ips *h, int rc, const char *field);
typedef int (*ips_bind_fn)(ips *h, sqlite3_stmt *st, void *arg);
typedef int (*ips_show_fn)(ips *h, FILE *fp, ips_id id, void *arg);
/* Checks and converts one typed value (NULL or "" is absent) and binds it
 * at index i; the message names the field. */
int ips_field_bind(ips *h, const struct ips_field *f, const char *s,
    sqlite3_stmt *st, int i);
/* INSERT INTO the kind's table with the columns of the given fields (and
 * the id first when with_id), as ?1, ?2, ... in that order. */
int ips_insert_prepare(ips *h, const struct ips_kind *k, const int *fields,
    int nfields, int with_id, sqlite3_stmt **st);
/* Inserts the given values (inside the caller's transaction). */
int ips_record_insert(ips *h, const struct ips_kind *k,
    const struct ips_values *v, ips_id *id);
/* Updates the given values of one record. */
int ips_record_update(ips *h, const struct ips_kind *k, ips_id id,
    const struct ips_values *v);
/* "name,phone": the given fields, for the audit trail. */
void ips_values_fields(const struct ips_kind *k, const struct ips_values *v,
    char *buf, size_t n);
/* The output columns of a kind: ref, then each field.  Returns count. */
int ips_record_cols(const struct ips_kind *k, struct ips_col *cols);
/* The SELECT list of those columns over alias t, pseudonymized when the
 * handle says so. */
int ips_record_select(ips *h, const struct ips_kind *k, char *buf, size_t n);
/* Lists records: the select list, FROM table t, then rest (a literal:
 * joins, WHERE, ORDER BY), its parameters bound by bind. */
int ips_record_list(ips *h, FILE *fp, const struct ips_kind *k,
    const char *rest, ips_bind_fn bind, void *arg);
/* show REF...: field lines in table format, followed by what more
 * prints for each record; the records as rows in other formats. */
int ips_record_show(ips *h, FILE *fp, const struct ips_kind *k, int argc,
    char **argv, ips_show_fn more, void *arg);

/*
 * What is particular to adding one kind of record, shared by add and
 * import: defaults fills fields left out (the acting specialist, today);
 * check applies rules across fields; after writes what goes beside the
 * row (status history, meeting_for).  Any may be NULL.
 */
struct ips_add_ops {
	const struct ips_kind *kind;
	int (*defaults)(ips *h, struct ips_values *v, void *arg);
	int (*check)(ips *h, const struct ips_values *v, void *arg);
	int (*after)(ips *h, ips_id id, const struct ips_values *v, void *arg);
	void *arg;
	int existing;	/* the records name others: never create the file */
};
/* defaults, check, insert, after, audit "add": inside the caller's
 * transaction. */
int ips_record_add(ips *h, const struct ips_add_ops *ops,
    struct ips_values *v, ips_id *id);

/* ref.c: IPS_EDATA naming the first reference in temp.refs that does not
 * exist. */
int ips_refs_check(ips *h);

/* pseudo.c: registers ips_pseudonym(field, id, value) on the connection. */
int ips_pseudo_register(ips *h);

/* fold.c: registers ips_fold(text) on the connection: text lowercased
 * beyond ASCII (Latin, Vietnamese, Cyrillic), for case-blind searches. */
int ips_fold_register(ips *h);
/* "%s%" for a substring search: s folded as ips_fold folds, LIKE's own
 * characters escaped with a backslash, for LIKE ? ESCAPE '\'; NULL when
 * out of memory.  The caller frees it. */
char *ips_like_pattern(const char *s);

/* audit.c: opens for writing, BEGIN IMMEDIATE, and checks the acting
 * handle when one was given, before anything is written. */
int ips_write_begin(ips *h);
/* The same for a change to records that exist: a missing database is
 * IPS_ENOINPUT, never created. */
int ips_update_begin(ips *h);

/* valid.c: 1 when a rejected value may be repeated in a message: one
 * short word, a date, a small number; never what could be a full name, a
 * phone number or an address. */
int ips_echo_ok(const char *s);

/* fmt.c: the rows of st as a table under "\ntitle\n", as show lays out
 * a record's history, jobs and meetings; nothing at all, not even the
 * title, when there are none.  Finalizes st. */
int ips_out_section(ips *h, FILE *fp, const char *title,
    const struct ips_col *cols, int ncols, sqlite3_stmt *st);

/* escape.c: whether s is a number as JSON writes it (and YAML reads it),
 * for the writers and the json reader alike. */
int ips_json_number(const char *s);

/* Looks up a specialist's id by handle; IPS_EDATA listing the known ones. */
int ips_staff_id(ips *h, const char *handle, ips_id *id);

/* employer.c, opening.c */
/* The extra column employer_name of contact and opening lists. */
extern const char ips_employer_name_sql[];
extern const struct ips_col ips_employer_name_col[];
/* Employer operands as typed (e17, 17, a business id, an exact name) as
 * typed references in *out (NULL when they come from stdin), for
 * ips_refs_load; free with ips_operands_free(argc, *out). */
int ips_employer_operands(ips *h, int argc, char **argv, char ***out);
void ips_operands_free(int argc, char **argv);
/* ips_record_list with nx more columns: extra is their SELECT list (", ..."
 * over t), a literal. */
int ips_list_more(ips *h, FILE *fp, const struct ips_kind *k,
    const char *extra, const struct ips_col *xcols, int nx, const char *rest,
    ips_bind_fn bind, void *arg);
/* One record added in a transaction of its own. */
int ips_add_one(ips *h, const struct ips_add_ops *ops, struct ips_values *v,
    ips_id *id, int existing);
const struct ips_add_ops *ips_opening_ops(void);

/* client.c, for job.c */
struct ips_client_row {
	ips_id id;
	char ref[24];		/* c42 */
	char enrolled[11];
	char status[16];
	int erased;
};
/* Resolves a client as typed and loads the row. */
int ips_client_get(ips *h, const char *s, struct ips_client_row *c);
/* Appends to a client's status history and sets client.status to that of
 * the latest entry, inside the caller's transaction. */
int ips_client_status_append(ips *h, ips_id id, const char *status,
    const char *date, const char *reason);

/* edit.c: edit REF for any kind.  set writes the changed values inside
 * the transaction that edit began (ips_record_update and the audit). */
typedef int (*ips_set_fn)(ips *h, const struct ips_kind *k, ips_id id,
    const struct ips_values *v, const char *action);
/* The record as YAML in the configured editor, in a 0600 temporary file
 * in tmpdir; read back and checked, reopened with "# error: ..." on top
 * until valid, emptied (*result IPS_EDIT_ABORTED) or unchanged; written
 * in one transaction with the audit action "edit". */
int ips_record_edit(ips *h, const struct ips_kind *k, ips_id id,
    const char *tmpdir, ips_set_fn set, int *result);

/* meet.c: IPS_EDATA when s is a typed reference of another kind than
 * want ("employer: 'c1' is a client, not an employer"); 0 for anything
 * else, a name or a number, which ips_resolve then judges. */
int ips_meet_kind(ips *h, const char *field, const char *s, int want);

/* import.c, readers.c - import from csv, tsv, json, jsonl and yaml */
/*
 * Reads records from path (NULL or "-": standard input, which needs a
 * format) in format (NULL: by the file's extension) and adds each as
 * ips_record_add would, with ops, in one transaction; a "ref" column
 * keeps the records' references.  Every bad record is an error line
 * "FILE:LINE: message" (up to 20, the lines after the first begin with
 * the tool's name, as ips_finish prints the first); then nothing is
 * written and the status is IPS_EDATA.  One audit row "import".  A
 * dry run checks everything and writes nothing.  Progress goes to
 * stderr when it is a terminal.
 */
int ips_import(ips *h, const struct ips_add_ops *ops, const char *path,
    const char *format);
/* The same with the progress count and the final "imported N" line
 * written to progress (NULL: none). */
int ips_import_progress(ips *h, const struct ips_add_ops *ops,
    const char *path, const char *format, FILE *progress);

/* The readers: one record at a time, memory flat in their number. */
#define IPS_IN_COLS 64		/* columns, or distinct keys, in one input */
#define IPS_IN_NAME_MAX 128	/* bytes in a column name */
#define IPS_IN_VALUE_MAX 65536	/* bytes in one value */
enum ips_in_format {
	IPS_IN_CSV, IPS_IN_TSV, IPS_IN_JSON, IPS_IN_JSONL, IPS_IN_YAML,
};
/* "csv", "tsv", "json", "jsonl" or "ndjson", "yaml" or "yml"; -1. */
int ips_in_format_parse(const char *s);
struct ips_reader;
struct ips_record {
	long line;		/* where the record (or the error) is */
	int n;			/* pairs */
	const int *col;		/* each pair's column */
	const char *const *val;	/* each pair's value; NULL for null */
};
/* A reader of fp (left open); name is for messages. */
int ips_reader_open(ips *h, FILE *fp, const char *name,
    enum ips_in_format f, struct ips_reader **r);
void ips_reader_close(struct ips_reader *r);
/*
 * The next record into rec, valid until the next call: 1, 0 at the end,
 * or an error status with the message on the handle and rec->line set.
 * After IPS_EDATA reading goes on with the next record where it can
 * (a bad row, a bad jsonl line); where it cannot, the next call is 0.
 */
int ips_reader_next(struct ips_reader *r, struct ips_record *rec);
/* The names of the columns met so far, and the lines they were met on. */
int ips_reader_columns(const struct ips_reader *r, const char *const **names,
    const long **lines);
/* s made fit for a message: control characters and invalid UTF-8 as '?',
 * cut to n bytes with "...". */
const char *ips_in_quote(const char *s, char *buf, size_t n);

#endif
