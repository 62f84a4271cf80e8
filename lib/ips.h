/*
 * ips.h - the public interface of libips, grouped by source file.
 *
 * Every function that can fail returns an int status, one of the
 * IPS_E* codes below (0 on success), and leaves a one-line message on
 * the handle (ips_errmsg).  Only the tools in cmd/ print and exit.
 */
#ifndef IPS_H
#define IPS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Exit statuses, as in sysexits.h (SPEC section 2). */
enum {
	IPS_OK = 0,
	IPS_BELOW = 1,		/* a report found something below target */
	IPS_EUSAGE = 64,
	IPS_EDATA = 65,
	IPS_ENOINPUT = 66,
	IPS_ECANTCREAT = 73,
	IPS_EIO = 74,
	IPS_EBUSY = 75,
	IPS_ECONFIG = 78,
};

#define IPS_VERSION "0.1.0"

typedef struct ips ips;
typedef int64_t ips_id;

/* ips.c - the handle: options, configuration, database, last error */

ips *ips_new(const char *tool);			/* NULL when out of memory */
void ips_free(ips *h);				/* closes the database too */
const char *ips_tool(const ips *h);
const char *ips_errmsg(const ips *h);
int ips_status(const ips *h);			/* the last failure's status */
int ips_fail(ips *h, int status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));	/* sets the message, returns status */
int ips_nomem(ips *h);

/* cli.c - options common to every tool, and the end of a run */

struct option;
/* Groups of common options a command accepts besides -d -u -o -H -h. */
enum {
	IPS_OPT_PERIOD = 1,	/* --week --month --quarter --year --from --to --since */
	IPS_OPT_PSEUDO = 2,	/* --pseudonymize */
	IPS_OPT_DRYRUN = 4,	/* -n, --dry-run */
	IPS_OPT_FORCE = 8,	/* -f, --force */
	IPS_OPT_YES = 16,	/* --yes */
};
/*
 * Like getopt_long, but handles the common options itself and returns only
 * the command's own: -1 at the end, 'h' for --help, '?' for a bad option
 * (message on the handle, status IPS_EUSAGE).  Call with optind = 0 first.
 */
int ips_getopt(ips *h, int argc, char **argv, const char *shortopts,
    const struct option *longopts, int groups);
#define IPS_GETOPT_VERSION 0x7f00	/* --version */
int ips_dry_run(const ips *h);
int ips_force(const ips *h);
int ips_yes(const ips *h);
int ips_pseudonymize(const ips *h);
/* A tool's subcommands: ips_run calls the one named by argv[1] with
 * argv + 1, after handling -h, --help, help and --version. */
struct ips_cmd {
	const char *name;
	int (*fn)(ips *h, int argc, char **argv);
};
int ips_run(ips *h, const struct ips_cmd *cmds, const char *usage, int argc,
    char **argv);
/* What an option loop does with what ips_getopt returned that is not the
 * command's own: 'h' prints the usage and --version the version (both
 * -1: the run is over), '?' is the status of the bad option. */
int ips_getopt_end(ips *h, int c);
/* The whole of a tool's main(): ips_run in a new handle, then
 * ips_finish.  Returns the exit status. */
int ips_main(const char *tool, const struct ips_cmd *cmds, const char *usage,
    int argc, char **argv);
/* Flushes stdout and turns a write error into IPS_EIO; prints the handle's
 * message on stderr when status is not 0.  Returns the exit status. */
int ips_finish(ips *h, int status);

/* config.c - the configuration file and the environment */

struct ips_targets {
	double employer_contacts_per_week;	/* 6 */
	double caseload;			/* 20 */
	double days_to_first_contact;		/* 30 */
	double employer_time_share;		/* 0.6 */
	double community_share;			/* 0.65 */
};
struct ips_config {
	char *path;		/* the file read, or NULL */
	char *database;		/* resolved: -d, $IPS_DB, database:, XDG */
	char *me;		/* resolved: -u, $IPS_USER, me: */
	struct ips_targets targets;
	double hours_per_week;	/* 37.5 */
	int busy_timeout_ms;	/* $IPS_BUSY_TIMEOUT, 10000 */
	char *today;		/* $IPS_TODAY or NULL */
	int color;		/* stdout is a terminal and no $NO_COLOR */
	char *editor;		/* $VISUAL, $EDITOR, vi */
};
/* Loads the file once; later calls return the same.  NULL on error. */
const struct ips_config *ips_config(ips *h);
/* Parses a config file into cfg (defaults first); for tests and ips check. */
int ips_config_parse(ips *h, const char *path, struct ips_config *cfg);
void ips_config_clear(struct ips_config *cfg);

/* date.c - calendar dates, ISO weeks, periods */

typedef int32_t ips_day;	/* days since 1970-01-01 */
#define IPS_DAY_NONE INT32_MIN

int ips_day_valid(int y, int m, int d);
ips_day ips_day_from_ymd(int y, int m, int d);	/* y-m-d must be valid */
void ips_day_to_ymd(ips_day day, int *y, int *m, int *d);
int ips_day_weekday(ips_day day);		/* 1 Monday .. 7 Sunday */
void ips_day_isoweek(ips_day day, int *year, int *week);
ips_day ips_isoweek_monday(int year, int week);
int ips_isoweeks_in_year(int year);		/* 52 or 53 */
/* "YYYY-MM-DD" into buf[11]; returns buf. */
char *ips_day_format(ips_day day, char buf[11]);
ips_day ips_today(ips *h);			/* $IPS_TODAY or the UTC date */
/*
 * A date as typed: 2026-11-23, 23.11.2026, today, yesterday, tomorrow,
 * -7d, +2w, -3m, -1y (relative to today).  IPS_EDATA on anything else,
 * including impossible dates.  what names the field in the message.
 */
int ips_date_parse(ips *h, const char *what, const char *s, ips_day *out);
/* A length of time back from today: 30d, 2w, 3m, 1y (or -30d): the first
 * day of the span.  For --idle and --since. */
int ips_span_parse(ips *h, const char *what, const char *s, ips_day *from);

enum ips_period_kind {
	IPS_PERIOD_NONE, IPS_PERIOD_WEEK, IPS_PERIOD_MONTH, IPS_PERIOD_QUARTER,
	IPS_PERIOD_YEAR, IPS_PERIOD_RANGE,
};
struct ips_period {
	enum ips_period_kind kind;
	ips_day from, to;		/* inclusive */
	char label[64];			/* "Week 47, 16–22 Nov 2026" */
	char name[24];			/* "2026-W47", "2026-11", "2026-Q4",
					   "2026-11-01..2026-11-23" */
};
/* One period option (week, month, quarter, year, from, to, since) with its
 * argument, accumulated into p; conflicting options are IPS_EUSAGE. */
int ips_period_option(ips *h, struct ips_period *p, const char *opt,
    const char *arg);
/* Fills what the options left open: kind NONE becomes dflt of today's
 * date (NONE leaves from/to open as IPS_DAY_NONE); labels are set. */
int ips_period_finish(ips *h, struct ips_period *p, enum ips_period_kind dflt);
/* The period collected by ips_getopt (IPS_OPT_PERIOD). */
struct ips_period *ips_period(ips *h);

/* ref.c - typed references and the operand loop */

enum ips_ref_type {
	IPS_REF_CLIENT = 1 << 0,	/* c42 */
	IPS_REF_EMPLOYER = 1 << 1,	/* e17 */
	IPS_REF_CONTACT = 1 << 2,	/* p5 */
	IPS_REF_OPENING = 1 << 3,	/* o8 */
	IPS_REF_JOB = 1 << 4,		/* j3 */
	IPS_REF_MEETING = 1 << 5,	/* m1003 */
};
struct ips_ref {
	int type;
	ips_id id;
};
char ips_ref_letter(int type);
const char *ips_ref_noun(int type);		/* "client", "employer", ... */
/* "c42" into buf; returns buf. */
char *ips_ref_format(struct ips_ref r, char *buf, size_t n);
/*
 * Parses a reference of one of the types in mask; a bare number is
 * accepted when mask has a single type.  IPS_EDATA otherwise.  Does not
 * look in the database (see ips_ref_exists).
 */
int ips_ref_parse(ips *h, const char *s, int mask, struct ips_ref *r);
int ips_ref_exists(ips *h, struct ips_ref r);	/* IPS_EDATA "no such ..." */

/* Where references come from when a command takes them. */
enum ips_refs_source { IPS_REFS_NONE, IPS_REFS_ARGV, IPS_REFS_STDIN };
/* argv when non-empty ("-" means stdin), else stdin when it is a pipe or a
 * file, else NONE. */
enum ips_refs_source ips_refs_source(int argc, char **argv);
typedef int (*ips_ref_fn)(ips *h, struct ips_ref r, void *arg);
/* Calls fn for each reference from argv or stdin (first field of each
 * line; blank lines and a header line skipped).  Stops at fn's first
 * non-zero status and returns it. */
int ips_refs_each(ips *h, int argc, char **argv, int mask, ips_ref_fn fn,
    void *arg);
/* Loads the references into TEMP table refs(type, id) and returns the
 * count in *n; for queries that join them. */
int ips_refs_load(ips *h, int argc, char **argv, int mask, long *n);

/* db.c - opening the database */

enum { IPS_READ = 0, IPS_WRITE = 1, IPS_UPDATE = 2 };
/* Opens the configured database.  IPS_READ never creates: a missing file
 * is IPS_ENOINPUT.  IPS_WRITE creates it (0600, parent folder) and
 * migrates it.  IPS_UPDATE writes but never creates: a command that
 * changes a record needs a file that holds it.  A second call is a
 * no-op. */
int ips_open(ips *h, int mode);
const char *ips_db_path(ips *h);
/* BEGIN IMMEDIATE / COMMIT / ROLLBACK. */
int ips_begin(ips *h);
int ips_commit(ips *h);
void ips_rollback(ips *h);
int ips_schema_version(void);
const char *ips_sqlite_version(void);

/* audit.c - the audit trail of every write */

/* Records one write inside the current transaction; fields is a
 * comma-separated list of field names (never values), or NULL. */
int ips_audit(ips *h, const char *action, const char *ref, const char *fields);
/* The acting specialist: -u, $IPS_USER or me:; IPS_EDATA listing the known
 * handles when unknown or unset.  *id gets the specialist's id. */
int ips_me(ips *h, ips_id *id);
/* The acting handle or NULL, for the audit trail. */
const char *ips_who(ips *h);

/* fmt.c - the one output module */

enum ips_format {
	IPS_FMT_TABLE, IPS_FMT_TSV, IPS_FMT_CSV, IPS_FMT_JSON, IPS_FMT_JSONL,
	IPS_FMT_YAML, IPS_FMT_ID, IPS_FMT_HTML, IPS_FMT_MD,
};
enum ips_col_type {
	IPS_COL_TEXT,		/* string */
	IPS_COL_INT,		/* number in JSON */
	IPS_COL_REAL,		/* number in JSON */
	IPS_COL_BOOL,		/* "1"/"0" in: yes/no, true/false out */
	IPS_COL_LIST,		/* comma-separated in: array in JSON/YAML */
};
struct ips_col {
	const char *name;
	enum ips_col_type type;
};
/* Parses -o's argument; html and md are accepted only when reports. */
int ips_format_parse(ips *h, const char *s, int reports, enum ips_format *f);
/* The format chosen with -o, or table on a terminal and tsv otherwise. */
enum ips_format ips_format(ips *h);
int ips_no_header(const ips *h);

typedef struct ips_out ips_out;
enum { IPS_ROW_TOTAL = 1 };	/* table, html, md only; others drop it */
/* A writer of rows with the given columns to fp in format f.  cols is kept,
 * not copied. NULL when out of memory. */
ips_out *ips_out_new(FILE *fp, enum ips_format f, int header,
    const struct ips_col *cols, int ncols);
/* One row; vals[i] NULL is absent (empty text, null in JSON). */
int ips_out_row(ips_out *o, const char *const *vals, int flags);
/* Ends the output (table widths are measured here); frees o.  Returns
 * IPS_EIO when writing failed. */
int ips_out_end(ips_out *o);
void ips_out_free(ips_out *o);	/* without output; accepts NULL */
/* Display width of UTF-8 text in terminal columns. */
size_t ips_utf8_width(const char *s);
/* IPS_EDATA unless s is valid UTF-8. */
int ips_utf8_valid(const char *s, size_t n);

/* escape.c - encoding helpers, also used by the import module */
void ips_put_tsv(FILE *fp, const char *s);
void ips_put_csv(FILE *fp, const char *s);
void ips_put_json(FILE *fp, const char *s);	/* with quotes */

/* valid.c - checks of values; messages name the field, not the value */

enum { IPS_TEXT_EMPTY_OK = 1, IPS_TEXT_MULTILINE = 2 };
#define IPS_NAME_MAX 200	/* characters in a name, title, role */
#define IPS_TEXT_MAX 4000	/* characters in a note or other free text */
/* Valid UTF-8, no control characters (but newline and tab with
 * MULTILINE), not empty (unless EMPTY_OK), at most max characters. */
int ips_check_text(ips *h, const char *field, const char *s, size_t max,
    int flags);
/* One of the NULL-terminated allowed values; the message lists them. */
int ips_check_enum(ips *h, const char *field, const char *s,
    const char *const *allowed);
int ips_check_real(ips *h, const char *field, const char *s, double min,
    double max, double *out);
int ips_check_int(ips *h, const char *field, const char *s, long long min,
    long long max, long long *out);
int ips_check_bool(ips *h, const char *field, const char *s, int *out);
int ips_check_time(ips *h, const char *field, const char *s);
int ips_check_handle(ips *h, const char *s);
/* 1 when s is a Finnish business id (Y-tunnus) with a right check digit. */
int ips_business_id_valid(const char *s);

/* record.c - the fields of each kind of record, and what is generic
 * about adding, changing, showing, listing and exporting them */

enum ips_ftype {
	IPS_F_TEXT,		/* one line, at most IPS_NAME_MAX characters */
	IPS_F_NOTE,		/* several lines, at most IPS_TEXT_MAX */
	IPS_F_DATE,		/* any input form of ips_date_parse */
	IPS_F_TIME,		/* HH:MM */
	IPS_F_INT,
	IPS_F_REAL,
	IPS_F_BOOL,		/* yes/no */
	IPS_F_ENUM,		/* one of values */
	IPS_F_LIST,		/* comma-separated words: job types */
	IPS_F_STAFF,		/* a specialist's handle */
	IPS_F_REF,		/* a reference of ref_type (or a name) */
	IPS_F_BUSINESS_ID,	/* Finnish Y-tunnus */
	IPS_F_SECTOR,		/* TOL 2008 letter A-U or X */
	IPS_F_REFS,		/* comma-separated references of ref_type,
				 * kept in a table of their own (for) */
};
enum {
	IPS_F_REQUIRED = 1,	/* add needs it; set cannot clear it */
	IPS_F_PERSONAL = 2,	/* pseudonymized, and erased with the client */
	IPS_F_NOSET = 4,	/* changed by its own command, not by set */
	IPS_F_NOADD = 8,	/* not an option of add (set by the tool) */
};
struct ips_field {
	const char *name;	/* field, column of lists, key, --option */
	enum ips_ftype type;
	const char *column;	/* the table's column */
	int flags;
	const char *const *values;	/* IPS_F_ENUM */
	int ref_type;		/* IPS_F_REF */
	double min, max;	/* IPS_F_INT, IPS_F_REAL */
	const char *expr;	/* SQL for lists when not just t.column */
};
struct ips_kind {
	const char *name;	/* "client" */
	const char *table;	/* "client" */
	int ref_type;		/* IPS_REF_CLIENT */
	const struct ips_field *fields;
	int nfields;
};
#define IPS_MAXFIELDS 24
extern const struct ips_kind ips_kind_client, ips_kind_employer,
    ips_kind_contact, ips_kind_opening, ips_kind_job, ips_kind_meeting;

/* Field values as typed, by field index; NULL is "not given", "" on set
 * clears an optional field. */
struct ips_values {
	const char *v[IPS_MAXFIELDS];
	const char *ref;	/* import: keep this reference (c42), or NULL */
};
/* getopt_long options --FIELD (name with '-' for '_') for add or set,
 * with val IPS_FIELD_OPT + index; terminated.  Free with free(). */
#define IPS_FIELD_OPT 0x4000
struct option *ips_field_options(const struct ips_kind *k, int for_set);
int ips_field_index(const struct ips_kind *k, const char *name);

/* Resolves a reference as typed: c42, a bare number, and for employers a
 * business id or an exact unique name.  Checks that it exists. */
int ips_resolve(ips *h, int ref_type, const char *s, ips_id *id);



struct ips_staff {
	const char *handle, *name, *team;
	double fte;			/* 0: 1.0 */
};
int ips_staff_add(ips *h, const struct ips_staff *s);
int ips_staff_list(ips *h, FILE *fp);	/* in the handle's format */
int ips_staff_leave(ips *h, const char *handle, ips_day on);

/* admin.c - the front door's own commands */

int ips_init(ips *h);				/* creates or migrates */
int ips_check(ips *h, FILE *fp);		/* IPS_BELOW on a problem */
int ips_backup(ips *h, const char *dest);	/* online, 0600 */
int ips_info(ips *h, FILE *fp);
int ips_log(ips *h, FILE *fp, ips_day since, const char *ref);
int ips_sql(ips *h, FILE *fp, const char *query);	/* read-only */

/* report.c, report-weekly.c, fidelity.c, outcomes.c - ips-report.
 * Each report opens the database read-only, takes its period from
 * ips_period(h) and writes in the handle's format to fp. */

struct ips_report_opts {
	const char *specialist;		/* a handle, or NULL: everybody */
	const char *team;		/* a team, or NULL: every team */
	int check;			/* weekly: IPS_BELOW when anyone is
					   below the target */
	ips_day on;			/* caseload: the day, or IPS_DAY_NONE */
};
/* Per specialist, one ISO week (default this week; no other period). */
int ips_report_weekly(ips *h, FILE *fp, const struct ips_report_opts *o);
/* The IPS-25 items the records evidence (default this quarter). */
int ips_report_fidelity(ips *h, FILE *fp, const struct ips_report_opts *o);
/* Employment outcomes per specialist (default this quarter). */
int ips_report_outcomes(ips *h, FILE *fp, const struct ips_report_opts *o);
/* Clients per specialist on a day (o->on, or the period's last day, or
 * today). */
int ips_report_caseload(ips *h, FILE *fp, const struct ips_report_opts *o);
/* Employers contacted to openings filled (default this quarter). */
int ips_report_openings(ips *h, FILE *fp, const struct ips_report_opts *o);

/* meet.c - the meeting log: employer contacts, client meetings and the
 * follow-ups they promise (ips-meet) */

/* Filters of list and export; NULL is any.  employer and client as typed:
 * e17, a business id or an exact name; c42. */
struct ips_meet_filter {
	const char *specialist, *how, *purpose, *employer, *client;
};
/* Adds a meeting from typed values (field order of ips_kind_meeting):
 * on today, how in-person and the acting specialist unless given; an
 * employer or a client or both; a contact of that employer; next not
 * before on; for the clients on whose behalf.  *id gets its id. */
int ips_meet_add(ips *h, struct ips_values *v, ips_id *id);
/* Changes the given fields of one meeting (m12 or 12) under the rules of
 * add; a given for replaces the list, "" clears an optional field. */
int ips_meet_set(ips *h, const char *ref, const struct ips_values *v);
/* Deletes the meetings named in argv or on stdin, audited. */
int ips_meet_rm(ips *h, int argc, char **argv);
/* Meetings in the handle's period (ips_period) and filters, by day, time
 * and reference.  Client references in argv or on stdin select meetings
 * with or on behalf of those clients, employer references meetings with
 * those employers; an empty pipe prints nothing. */
int ips_meet_list(ips *h, FILE *fp, const struct ips_meet_filter *f,
    int argc, char **argv);
/* Every field of the meetings in the period and filters, for import. */
int ips_meet_export(ips *h, FILE *fp, const struct ips_meet_filter *f);
int ips_meet_show(ips *h, FILE *fp, int argc, char **argv);
/* Follow-ups whose next date has come by on (IPS_DAY_NONE: today) and
 * that no later meeting with the same employer (else client) answered,
 * oldest first; specialist NULL is everybody. */
int ips_meet_due(ips *h, FILE *fp, const char *specialist, ips_day on);
/* import FILE or "-" in format (NULL: by the file's extension). */
int ips_meet_import(ips *h, const char *path, const char *format);
/* The last limit meetings with a client (IPS_REF_CLIENT, also those on
 * their behalf) or an employer (IPS_REF_EMPLOYER), newest first, as a
 * table under title; nothing at all when there are none.  For the show
 * commands of ips-client and ips-employer. */
int ips_meet_recent(ips *h, FILE *fp, const char *title, int ref_type,
    ips_id id, int limit);

/* employer.c, opening.c - ips-employer: employers, the persons to contact
 * there, and the openings found with them */

struct ips_employer_filter {
	const char *sector;	/* a TOL 2008 letter */
	const char *area;
	const char *status;
	const char *owner;	/* a handle */
	const char *idle;	/* no meeting since: 60d, or a date */
	const char *search;	/* a substring of name, industry, area, note */
};
/* Adds an employer (owner: the acting specialist unless given); the
 * business id must be unique. */
int ips_employer_add(ips *h, struct ips_values *v, ips_id *id);
/* Employers: ref, name, business_id, sector, industry, size, area,
 * status, owner and last_met (the latest meeting). */
int ips_employer_list(ips *h, FILE *fp, const struct ips_employer_filter *f);
/* The records; in table format with contacts, openings, jobs, and the
 * last 5 meetings.  Operands may be names or business ids. */
int ips_employer_show(ips *h, FILE *fp, int argc, char **argv);
int ips_employer_set(ips *h, const char *ref, const struct ips_values *v);
enum { IPS_EDIT_SAVED, IPS_EDIT_UNCHANGED, IPS_EDIT_ABORTED };
/* The record as YAML in the configured editor (temporary file in tmpdir)
 * until it is valid; *result says what became of it. */
int ips_employer_edit(ips *h, const char *ref, const char *tmpdir,
    int *result);
int ips_contact_add(ips *h, struct ips_values *v, ips_id *id);
/* contact set p5 and opening set o8, as set (an opening's status, closed
 * and filled_by change by ips_opening_close only). */
int ips_contact_set(ips *h, const char *ref, const struct ips_values *v);
int ips_opening_set(ips *h, const char *ref, const struct ips_values *v);
/* Contacts of the employers given (argv or stdin), or of all. */
int ips_contact_list(ips *h, FILE *fp, int argc, char **argv);
/* Every record of ips_kind_employer, _contact or _opening. */
int ips_employer_export(ips *h, FILE *fp, const struct ips_kind *k);
/* Imports records of one of those kinds (SPEC section 5). */
int ips_employer_import(ips *h, const struct ips_kind *k, const char *path,
    const char *format);
/* Adds an opening (found: today, found_by: the acting specialist). */
int ips_opening_add(ips *h, struct ips_values *v, ips_id *id);
enum {
	IPS_OPENINGS_OPEN = 1,
	IPS_OPENINGS_HIDDEN = 2,
	IPS_OPENINGS_NO_CANDIDATES = 4,	/* open, and no active client wants
					   its job type */
};
int ips_openings_list(ips *h, FILE *fp, int flags, int argc, char **argv);
struct ips_opening_end {
	const char *filled_by;		/* a client: status filled */
	const char *reason;		/* or closed, for this reason */
	const char *on;			/* a date, or NULL: today */
};
int ips_opening_close(ips *h, const char *ref,
    const struct ips_opening_end *e);

/* client.c, erase.c - ips-client: job seekers, their dated status history,
 * and erasure on request */

struct ips_client_filter {
	const char *specialist;	/* a handle */
	const char *status;	/* one of the client statuses */
	const char *area;	/* a municipality, case ignored */
	const char *idle;	/* a span (30d) or a date: no meeting with or
				   on behalf of the client since */
	const char *search;	/* a substring of name, area, goal or job
				   types, case ignored; never erased ones */
};
/* Adds a client from typed values (field order of ips_kind_client):
 * specialist the acting one, enrolled today and status referred unless
 * given, and the first entry of the status history.  *id gets its id. */
int ips_client_add(ips *h, struct ips_values *v, ips_id *id);
/* ref, name, specialist, status, enrolled, area, job_types, hours_wanted,
 * last_met of the clients matching f (NULL members: any), narrowed to the
 * client references in argv or on stdin when there are any. */
int ips_client_list(ips *h, FILE *fp, const struct ips_client_filter *f,
    int argc, char **argv);
/* The records; in table format with the status history, jobs and the
 * last 5 meetings. */
int ips_client_show(ips *h, FILE *fp, int argc, char **argv);
/* Changes the given fields (not status, see ips_client_status); an
 * erased client cannot be changed. */
int ips_client_set(ips *h, const char *ref, const struct ips_values *v);
/* The client as YAML in the configured editor (a 0600 temporary file in
 * tmpdir) until it is valid or emptied; *result is one of IPS_EDIT_*. */
int ips_client_edit(ips *h, const char *ref, const char *tmpdir,
    int *result);
/* Appends status on the day on (NULL: today, not before enrolment) to
 * the history; client.status becomes that of the latest entry. */
int ips_client_status(ips *h, const char *ref, const char *status,
    const char *on, const char *reason);
/* The history of one client: ref, on, status, reason. */
int ips_client_history(ips *h, FILE *fp, const char *ref);
/* The status of one client on a day: ref, on, status. */
int ips_client_status_on(ips *h, FILE *fp, const char *ref, const char *on);
/* Every field of every client, for import. */
int ips_client_export(ips *h, FILE *fp);
/* import FILE or "-" in format (NULL: by the file's extension): clients
 * as add takes them, each with its first status entry (SPEC section 5). */
int ips_client_import(ips *h, const char *path, const char *format);
/* Removes every personal field of the client, the reasons of its status
 * history and the notes of meetings with or for it, and leaves no copy in
 * the database file or its log; dates, statuses and jobs stay. */
int ips_client_erase(ips *h, const char *ref);

/* job.c - the jobs clients hold (ips-client job) */

struct ips_job_filter {
	const char *client;	/* c42 or an exact name */
	const char *employer;	/* e17, a business id or an exact name */
	int current;		/* held today */
};
/* Adds a job of client from typed values (field order of ips_kind_job).
 * With an opening, the employer must be the opening's, and what is left
 * out (employer, title, job type, hours) is the opening's; once its jobs
 * take all its positions, the opening is filled by this client on the
 * start day.  The client becomes working from the start unless already
 * working on that day. */
int ips_job_add(ips *h, const char *client, struct ips_values *v,
    ips_id *id);
/* Ends a job: end not before its start. */
int ips_job_end(ips *h, const char *ref, const char *end,
    const char *reason);
/* Jobs held on any day of the handle's period (ips_period) and matching
 * f, narrowed to the job, client and employer references in argv or on
 * stdin when there are any. */
int ips_job_list(ips *h, FILE *fp, const struct ips_job_filter *f, int argc,
    char **argv);

/* match.c - ips-client match: the open openings ranked for clients, the
 * candidates (active and referred clients) ranked for openings */

#define IPS_MATCH_TOP 10	/* matches of each client or opening shown */
/*
 * For each client (first) and opening named in argv or on stdin, its
 * IPS_MATCH_TOP best matches by score (0-100: job type, hours, area, the
 * client's status), then reference: client, opening, employer, title,
 * score, reasons, specialist.  With no references at all, every open
 * opening's candidates; an empty pipe prints nothing.
 */
int ips_match(ips *h, FILE *fp, int argc, char **argv);
/* The same with the top best matches of each; top 0 is all of them. */
int ips_match_top(ips *h, FILE *fp, int top, int argc, char **argv);

#endif
