/*
 * match.c - ips-client match: the open openings that suit a client, and
 * the clients who suit an opening, each pair with a score from 0 to 100
 * and the reasons for it, so that a specialist can see why.
 *
 * IPS follows the client's own preferences and excludes nobody: the job
 * types a client wants weigh most, and a client who has not said what
 * they want yet is never ranked out for it.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

/*
 * The parts of the score, over client c, opening o and its employer e.
 * Job types are stored comma-separated without spaces (record.c), so an
 * item matches between commas; a job type with a comma in it names no
 * single item.  Hours are within 20% (or 50%) of those wanted when five
 * (or two) times the difference is at most the hours wanted: exact for
 * the halves and quarters hours come in.
 */
#define PART_JOB_TYPE \
	"CASE WHEN coalesce(c.job_types, '') = '' " \
	"OR coalesce(trim(o.job_type), '') = '' THEN 10 " \
	"WHEN instr(trim(o.job_type), ',') = 0 " \
	"AND instr(',' || lower(c.job_types) || ',', " \
	"',' || lower(trim(o.job_type)) || ',') > 0 THEN 50 ELSE 0 END"
#define PART_HOURS \
	"CASE WHEN c.hours_wanted IS NULL OR o.hours IS NULL THEN 5 " \
	"WHEN 5 * abs(o.hours - c.hours_wanted) <= c.hours_wanted THEN 20 " \
	"WHEN 2 * abs(o.hours - c.hours_wanted) <= c.hours_wanted THEN 10 " \
	"ELSE 0 END"
#define PART_AREA \
	"CASE WHEN coalesce(trim(c.area), '') <> '' " \
	"AND lower(trim(c.area)) = lower(trim(e.area)) THEN 20 ELSE 0 END"
#define PART_STATUS \
	"CASE c.status WHEN 'active' THEN 10 WHEN 'referred' THEN 5 " \
	"ELSE 0 END"

/* The columns every pair is read with; see enum col. */
#define PAIR_SELECT \
	"SELECT * FROM (SELECT c.id AS cid, o.id AS oid, e.name, o.title, " \
	"trim(o.job_type), c.hours_wanted, o.hours, e.area, c.status, " \
	"s.handle, " PART_JOB_TYPE " AS p1, " PART_HOURS " AS p2, " \
	PART_AREA " AS p3, " PART_STATUS " AS p4 "
/* Nothing that fits at all is no match; ties go by reference. */
#define PAIR_RANK \
	") WHERE p1 + p2 + p3 + p4 > 0 ORDER BY p1 + p2 + p3 + p4 DESC, "

enum col {
	COL_CLIENT, COL_OPENING, COL_EMPLOYER, COL_TITLE, COL_JOB_TYPE,
	COL_HOURS_WANTED, COL_HOURS, COL_AREA, COL_STATUS, COL_SPECIALIST,
	COL_P_JOB_TYPE, COL_P_HOURS, COL_P_AREA, COL_P_STATUS,
};

/* The open openings for client ?1, the best ?2 (-1: all). */
static const char for_client_sql[] = PAIR_SELECT
    "FROM client c "
    "JOIN opening o ON o.status = 'open' "
    "JOIN employer e ON e.id = o.employer_id "
    "LEFT JOIN specialist s ON s.id = c.specialist_id "
    "WHERE c.id = ?1" PAIR_RANK "oid LIMIT ?2";

/* The candidates for opening ?1: every client who wants work now, new
 * (referred) or already searching (active), whoever their specialist;
 * an opening is the service's. */
static const char for_opening_sql[] = PAIR_SELECT
    "FROM opening o "
    "JOIN employer e ON e.id = o.employer_id "
    "JOIN client c ON c.status IN ('active', 'referred') "
    "AND c.erased IS NULL "
    "LEFT JOIN specialist s ON s.id = c.specialist_id "
    "WHERE o.id = ?1" PAIR_RANK "cid LIMIT ?2";

/* Whom to rank for: the references given, clients first, or with none
 * at all every open opening. */
static const char refs_sql[] =
    "SELECT type, id FROM temp.refs ORDER BY type, id";
static const char open_sql[] =
    "SELECT ?1, id FROM opening WHERE status = 'open' ORDER BY id";

static const struct ips_col cols[] = {
	{ "client", IPS_COL_TEXT },
	{ "opening", IPS_COL_TEXT },
	{ "employer", IPS_COL_TEXT },
	{ "title", IPS_COL_TEXT },
	{ "score", IPS_COL_INT },
	{ "reasons", IPS_COL_TEXT },
	{ "specialist", IPS_COL_TEXT },
};
#define NCOLS ((int)(sizeof cols / sizeof cols[0]))

struct reasons {
	char buf[2048];
	size_t len;
};

/* The length of s[0..len-1] without a character cut short at its end. */
static size_t
whole_chars(const char *s, size_t len)
{
	size_t p = len, need;
	unsigned char lead;

	while (p > 0 && ((unsigned char)s[p - 1] & 0xc0) == 0x80)
		p--;
	if (p == 0)
		return 0;
	lead = (unsigned char)s[p - 1];
	need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
	return p - 1 + need > len ? p - 1 : len;
}

/* Appends one reason.  The field limits keep them short; text longer
 * than the buffer (written with sqlite3 by hand) is cut at a character. */
static void __attribute__((format(printf, 2, 3)))
reason(struct reasons *r, const char *fmt, ...)
{
	va_list ap;
	size_t room;
	int k;

	if (r->len > 0 && r->len + 2 < sizeof r->buf) {
		memcpy(r->buf + r->len, ", ", 3);
		r->len += 2;
	}
	room = sizeof r->buf - r->len;
	if (room <= 1)
		return;
	va_start(ap, fmt);
	k = vsnprintf(r->buf + r->len, room, fmt, ap);
	va_end(ap);
	if (k < 0)
		r->buf[r->len] = '\0';
	else if ((size_t)k < room)
		r->len += (size_t)k;
	else {
		r->len = whole_chars(r->buf, sizeof r->buf - 1);
		r->buf[r->len] = '\0';
	}
}

static const char *
text(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);

	return s != NULL ? (const char *)s : "";
}

/* What earned the points, in the order of the parts. */
static const char *
explain(sqlite3_stmt *st, struct reasons *r)
{
	r->len = 0;
	r->buf[0] = '\0';
	if (sqlite3_column_int(st, COL_P_JOB_TYPE) == 50)
		reason(r, "job type %s", text(st, COL_JOB_TYPE));
	else if (sqlite3_column_int(st, COL_P_JOB_TYPE) > 0)
		reason(r, "job type unknown");
	if (sqlite3_column_type(st, COL_HOURS_WANTED) == SQLITE_NULL ||
	    sqlite3_column_type(st, COL_HOURS) == SQLITE_NULL)
		reason(r, "hours unknown");
	else if (sqlite3_column_int(st, COL_P_HOURS) > 0)
		reason(r, "hours %g/%g",
		    sqlite3_column_double(st, COL_HOURS_WANTED),
		    sqlite3_column_double(st, COL_HOURS));
	if (sqlite3_column_int(st, COL_P_AREA) > 0)
		reason(r, "area %s", text(st, COL_AREA));
	if (sqlite3_column_int(st, COL_P_STATUS) > 0)
		reason(r, "%s", text(st, COL_STATUS));
	return r->buf;
}

struct match {
	ips_out *out;
	sqlite3_stmt *rank[2];		/* for a client, for an opening */
	int limit;			/* -1: all */
	struct reasons why;
};

/* The ranked matches of one client or opening as rows. */
static int
rank_one(ips *h, struct match *m, struct ips_ref subject)
{
	sqlite3_stmt *st = m->rank[subject.type == IPS_REF_OPENING];
	const char *vals[NCOLS];
	char client[24], opening[24], score[8];
	int rc;

	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, subject.id);
	sqlite3_bind_int(st, 2, m->limit);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		snprintf(client, sizeof client, "c%lld", (long long)
		    sqlite3_column_int64(st, COL_CLIENT));
		snprintf(opening, sizeof opening, "o%lld", (long long)
		    sqlite3_column_int64(st, COL_OPENING));
		snprintf(score, sizeof score, "%d",
		    sqlite3_column_int(st, COL_P_JOB_TYPE) +
		    sqlite3_column_int(st, COL_P_HOURS) +
		    sqlite3_column_int(st, COL_P_AREA) +
		    sqlite3_column_int(st, COL_P_STATUS));
		vals[0] = client;
		vals[1] = opening;
		vals[2] = text(st, COL_EMPLOYER);
		vals[3] = text(st, COL_TITLE);
		vals[4] = score;
		vals[5] = explain(st, &m->why);
		vals[6] = sqlite3_column_type(st, COL_SPECIALIST) ==
		    SQLITE_NULL ? NULL : text(st, COL_SPECIALIST);
		if (ips_out_row(m->out, vals, 0) != 0) {
			sqlite3_reset(st);
			return ips_fail(h, IPS_EIO, "write error");
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : ips_db_fail(h, rc);
}

int
ips_match_top(ips *h, FILE *fp, int top, int argc, char **argv)
{
	struct match mm, *m = &mm;
	struct ips_ref subject;
	sqlite3_stmt *subjects = NULL;
	enum ips_refs_source src = ips_refs_source(argc, argv);
	long n = 0;
	int rc, src_rc;

	if ((rc = ips_open(h, IPS_READ)) != 0)
		return rc;
	if (src != IPS_REFS_NONE) {
		if ((rc = ips_refs_load(h, argc, argv, IPS_REF_CLIENT |
		    IPS_REF_OPENING, &n)) != 0 || (rc = ips_refs_check(h)) != 0)
			return rc;
		/* An empty pipe: the left side found nothing. */
		if (n == 0)
			return 0;
	}
	memset(m, 0, sizeof *m);
	m->limit = top > 0 ? top : -1;
	if ((rc = ips_prepare(h, for_client_sql, &m->rank[0])) != 0 ||
	    (rc = ips_prepare(h, for_opening_sql, &m->rank[1])) != 0 ||
	    (rc = ips_prepare(h, src == IPS_REFS_NONE ? open_sql : refs_sql,
	    &subjects)) != 0)
		goto done;
	if (src == IPS_REFS_NONE)
		sqlite3_bind_int(subjects, 1, IPS_REF_OPENING);
	m->out = ips_out_new(fp, ips_format(h), !ips_no_header(h), cols,
	    NCOLS);
	if (m->out == NULL) {
		rc = ips_nomem(h);
		goto done;
	}
	while ((src_rc = sqlite3_step(subjects)) == SQLITE_ROW) {
		subject.type = sqlite3_column_int(subjects, 0);
		subject.id = sqlite3_column_int64(subjects, 1);
		if ((rc = rank_one(h, m, subject)) != 0)
			goto done;
	}
	if (src_rc != SQLITE_DONE) {
		rc = ips_db_fail(h, src_rc);
		goto done;
	}
	rc = ips_out_end(m->out);
	m->out = NULL;
	if (rc != 0)
		rc = ips_fail(h, IPS_EIO, "write error");
done:
	ips_out_free(m->out);
	sqlite3_finalize(subjects);
	sqlite3_finalize(m->rank[0]);
	sqlite3_finalize(m->rank[1]);
	return rc;
}

int
ips_match(ips *h, FILE *fp, int argc, char **argv)
{
	return ips_match_top(h, fp, IPS_MATCH_TOP, argc, argv);
}
