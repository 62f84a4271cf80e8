/*
 * report.c - what the reports share (the filters, the period, titles,
 * numbers as text), and the two small reports: caseload and openings.
 * The weekly report is in report-weekly.c, fidelity in fidelity.c,
 * outcomes in outcomes.c.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmt.h"
#include "report.h"

int
rpt_human(const struct rpt *r)
{
	return r->fmt == IPS_FMT_TABLE || r->fmt == IPS_FMT_MD ||
	    r->fmt == IPS_FMT_HTML;
}

/* A team is free text: a typo would give an empty report, so say so. */
static int
check_team(ips *h, const char *team)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = ips_prepare(h, "SELECT 1 FROM specialist WHERE team = ? "
	    "LIMIT 1", &st)) != 0)
		return rc;
	ips_bind_text(st, 1, team);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc != SQLITE_DONE)
		return ips_db_fail(h, rc);
	return ips_fail(h, IPS_EDATA, "no such team '%.40s'", team);
}

int
rpt_start(struct rpt *r, ips *h, FILE *fp, const struct ips_report_opts *o,
    enum ips_period_kind dflt)
{
	ips_id id;
	int rc;

	memset(r, 0, sizeof *r);
	r->h = h;
	r->fp = fp;
	r->o = o;
	if ((r->cfg = ips_config(h)) == NULL)
		return ips_status(h);
	r->fmt = ips_format(h);
	r->header = !ips_no_header(h);
	r->p = ips_period(h);
	if ((rc = ips_period_finish(h, r->p, dflt)) != 0)
		return rc;
	if (dflt != IPS_PERIOD_NONE && r->p->from == IPS_DAY_NONE)
		return ips_fail(h, IPS_EUSAGE, "the period needs a first day: "
		    "add --from D");
	if (r->p->from != IPS_DAY_NONE) {
		ips_day_format(r->p->from, r->from);
		ips_day_format(r->p->to, r->to);
	}
	if ((rc = ips_open(h, IPS_READ)) != 0)
		return rc;
	if (o->specialist != NULL &&
	    (rc = ips_staff_id(h, o->specialist, &id)) != 0)
		return rc;
	if (o->team != NULL && (rc = check_team(h, o->team)) != 0)
		return rc;
	return 0;
}

void
rpt_bind(const struct rpt *r, sqlite3_stmt *st)
{
	int n = sqlite3_bind_parameter_count(st);

	if (n >= 1)
		ips_bind_text(st, 1, r->from[0] ? r->from : NULL);
	if (n >= 2)
		ips_bind_text(st, 2, r->to[0] ? r->to : NULL);
	if (n >= 3)
		ips_bind_text(st, 3, r->o->specialist);
	if (n >= 4)
		ips_bind_text(st, 4, r->o->team);
}

int
rpt_each(struct rpt *r, sqlite3_stmt *st,
    int (*fn)(struct rpt *r, sqlite3_stmt *st, void *arg), void *arg)
{
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if ((rc = fn(r, st, arg)) != 0) {
			sqlite3_finalize(st);
			return rc;
		}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : ips_db_fail(r->h, rc);
}

/* Specialists. */

static int
by_id(const void *a, const void *b)
{
	ips_id x = ((const struct rpt_idpos *)a)->id;
	ips_id y = ((const struct rpt_idpos *)b)->id;

	return x < y ? -1 : x > y;
}

static int
staff_row(struct rpt *r, sqlite3_stmt *st, void *arg)
{
	struct rpt_list *l = arg;
	struct rpt_staff *v;
	const char *handle;

	if ((l->n & (l->n - 1)) == 0) {
		v = realloc(l->v, (l->n ? 2 * l->n : 8) * sizeof *v);
		if (v == NULL)
			return ips_nomem(r->h);
		l->v = v;
	}
	handle = (const char *)sqlite3_column_text(st, 1);
	v = &l->v[l->n];
	v->id = sqlite3_column_int64(st, 0);
	v->fte = sqlite3_column_double(st, 2);
	if (handle == NULL || (v->handle = strdup(handle)) == NULL)
		return ips_nomem(r->h);
	l->n++;
	return 0;
}

int
rpt_staff_load(struct rpt *r, const char *since, struct rpt_list *l)
{
	sqlite3_stmt *st;
	size_t i;
	int rc;

	memset(l, 0, sizeof *l);
	if ((rc = ips_prepare(r->h, "SELECT s.id, s.handle, s.fte "
	    "FROM specialist s WHERE (?5 IS NULL OR s.left_on IS NULL OR "
	    "s.left_on >= ?5) AND " RPT_STAFF_FILTER " ORDER BY s.handle",
	    &st)) != 0)
		return rc;
	rpt_bind(r, st);
	ips_bind_text(st, 5, since);
	if ((rc = rpt_each(r, st, staff_row, l)) != 0)
		return rc;
	if ((l->byid = calloc(l->n ? l->n : 1, sizeof *l->byid)) == NULL)
		return ips_nomem(r->h);
	for (i = 0; i < l->n; i++) {
		l->byid[i].id = l->v[i].id;
		l->byid[i].pos = i;
	}
	qsort(l->byid, l->n, sizeof *l->byid, by_id);
	return 0;
}

long
rpt_staff_find(const struct rpt_list *l, ips_id id)
{
	size_t lo = 0, hi = l->n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (l->byid[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < l->n && l->byid[lo].id == id)
		return (long)l->byid[lo].pos;
	return -1;
}

void
rpt_staff_free(struct rpt_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i].handle);
	free(l->v);
	free(l->byid);
	memset(l, 0, sizeof *l);
}

/* Titles and text around the tables. */

int
rpt_title(struct rpt *r, const char *what, const char *sub)
{
	char buf[256];
	size_t n;

	if (!rpt_human(r))
		return 0;
	snprintf(buf, sizeof buf, "%s", sub != NULL ? sub : r->p->label);
	n = strlen(buf);
	if (r->o->specialist != NULL)
		snprintf(buf + n, sizeof buf - n, ", specialist %s",
		    r->o->specialist);
	else if (r->o->team != NULL)
		snprintf(buf + n, sizeof buf - n, ", team %s", r->o->team);
	switch (r->fmt) {
	case IPS_FMT_HTML:
		ips_page_begin(r->fp, what, buf, sub != NULL ? sub :
		    r->p->name);
		r->page = 1;
		break;
	case IPS_FMT_MD:
		/* A team or specialist as text, never markup. */
		fprintf(r->fp, "# %s\n\n", what);
		ips_put_md(r->fp, buf);
		fputs("\n\n", r->fp);
		break;
	default:
		fprintf(r->fp, "%s: %s\n\n", what, buf);
		break;
	}
	return 0;
}

void
rpt_note(struct rpt *r, const char *text)
{
	switch (r->fmt) {
	case IPS_FMT_HTML:
		ips_page_para(r->fp, "note", text);
		break;
	case IPS_FMT_MD:
	case IPS_FMT_TABLE:
		fprintf(r->fp, "\n%s\n", text);
		break;
	default:
		break;
	}
}

void
rpt_heading(struct rpt *r, const char *text)
{
	switch (r->fmt) {
	case IPS_FMT_HTML:
		ips_page_heading(r->fp, text);
		break;
	case IPS_FMT_MD:
		fprintf(r->fp, "\n## %s\n\n", text);
		break;
	case IPS_FMT_TABLE:
		fprintf(r->fp, "\n%s\n\n", text);
		break;
	default:
		break;
	}
}

int
rpt_end(struct rpt *r, int rc)
{
	if (r->page)
		ips_page_end(r->fp);
	if (fflush(r->fp) != 0 || ferror(r->fp))
		return rc != 0 && rc != IPS_BELOW ? rc :
		    ips_fail(r->h, IPS_EIO, "write error");
	return rc;
}

/* Numbers. */

char *
rpt_int(char *buf, long long v)
{
	snprintf(buf, 32, "%lld", v);
	return buf;
}

double
rpt_round(double v, int decimals)
{
	double k = pow(10, decimals);

	return round(v * k) / k;
}

char *
rpt_real(char *buf, double v, int decimals)
{
	v = rpt_round(v, decimals);
	if (v == 0)
		v = 0;		/* no "-0.00" */
	snprintf(buf, 32, "%.*f", decimals, v);
	return buf;
}

char *
rpt_num(char *buf, double v)
{
	char *e;

	rpt_real(buf, v, 2);
	if (strchr(buf, '.') != NULL) {
		e = buf + strlen(buf);
		while (e[-1] == '0')
			*--e = '\0';
		if (e[-1] == '.')
			e[-1] = '\0';
	}
	return buf;
}

/* Writes one row, turning a failure into the handle's status. */
static int
put_row(struct rpt *r, ips_out *o, const char *const *vals, int flags)
{
	if (ips_out_row(o, vals, flags) != 0)
		return ips_fail(r->h, IPS_EIO, "write error");
	return 0;
}

static int
put_end(struct rpt *r, ips_out *o)
{
	if (ips_out_end(o) != 0)
		return ips_fail(r->h, IPS_EIO, "write error");
	return 0;
}

/* caseload: clients per specialist on one day. */

static const struct ips_col caseload_cols[] = {
	{ "specialist", IPS_COL_TEXT },
	{ "caseload", IPS_COL_INT },
	{ "fte", IPS_COL_REAL },
	{ "per_fte", IPS_COL_REAL },
	{ "target", IPS_COL_REAL },
};
#define CASELOAD_NCOLS 5

/*
 * Without a filter, every client is counted in one pass in the table's
 * order, each one's history read from the covering index on client_status
 * in the same order; client by client under each specialist would visit
 * the client table at random.  With a filter, the few clients of the
 * specialists are looked up under each.
 */
static const char caseload_all_sql[] =
"SELECT s.handle, s.fte, coalesce(n.k, 0) FROM specialist s"
" LEFT JOIN (SELECT c.specialist_id AS sid, count(*) AS k"
" FROM client c NOT INDEXED WHERE c.specialist_id IS NOT NULL"
" AND " RPT_STATUS_ON("?1") " <> 'closed' GROUP BY c.specialist_id) n"
" ON n.sid = s.id"
" WHERE (s.left_on IS NULL OR s.left_on >= ?1) AND " RPT_STAFF_FILTER
" ORDER BY s.handle";
static const char caseload_some_sql[] =
"SELECT s.handle, s.fte, (SELECT count(*) FROM client c"
" WHERE c.specialist_id = s.id AND " RPT_STATUS_ON("?1") " <> 'closed')"
" FROM specialist s WHERE (s.left_on IS NULL OR s.left_on >= ?1)"
" AND " RPT_STAFF_FILTER " ORDER BY s.handle";

struct caseload {
	ips_out *out;
	long clients;
	double fte;
};

static int
caseload_row(struct rpt *r, sqlite3_stmt *st, void *arg)
{
	struct caseload *c = arg;
	char b[4][32];
	const char *vals[CASELOAD_NCOLS];
	long n = sqlite3_column_int64(st, 2);
	double fte = sqlite3_column_double(st, 1);

	c->clients += n;
	c->fte += fte;
	vals[0] = (const char *)sqlite3_column_text(st, 0);
	vals[1] = rpt_int(b[0], n);
	vals[2] = rpt_num(b[1], fte);
	vals[3] = rpt_real(b[2], n / fte, 1);
	vals[4] = rpt_num(b[3], r->cfg->targets.caseload);
	return put_row(r, c->out, vals, 0);
}

int
ips_report_caseload(ips *h, FILE *fp, const struct ips_report_opts *o)
{
	struct caseload c = { NULL, 0, 0 };
	struct rpt r;
	sqlite3_stmt *st;
	char sub[64], b[4][32];
	const char *vals[CASELOAD_NCOLS];
	ips_day day;
	int rc, given = ips_period(h)->kind != IPS_PERIOD_NONE;

	if (given && o->on != IPS_DAY_NONE)
		return ips_fail(h, IPS_EUSAGE, "caseload takes --on or a "
		    "period, not both");
	if ((rc = rpt_start(&r, h, fp, o, IPS_PERIOD_NONE)) != 0)
		return rc;
	/* The day: --on, else the period's last, else today. */
	day = o->on != IPS_DAY_NONE ? o->on : given ? r.p->to : ips_today(h);
	ips_day_format(day, r.from);
	ips_day_format(day, r.to);
	snprintf(sub, sizeof sub, "%s", r.from);
	if ((rc = ips_prepare(h, o->specialist != NULL || o->team != NULL ?
	    caseload_some_sql : caseload_all_sql, &st)) != 0)
		return rc;
	rpt_bind(&r, st);
	if ((c.out = ips_out_new(fp, r.fmt, r.header, caseload_cols,
	    CASELOAD_NCOLS)) == NULL) {
		sqlite3_finalize(st);
		return ips_nomem(h);
	}
	rpt_title(&r, "Caseload", sub);
	if ((rc = rpt_each(&r, st, caseload_row, &c)) != 0)
		goto done;
	vals[0] = "total";
	vals[1] = rpt_int(b[0], c.clients);
	vals[2] = rpt_num(b[1], c.fte);
	vals[3] = c.fte > 0 ? rpt_real(b[2], c.clients / c.fte, 1) : NULL;
	vals[4] = rpt_num(b[3], r.cfg->targets.caseload);
	rc = put_row(&r, c.out, vals, IPS_ROW_TOTAL);
done:
	if (rc == 0)
		rc = put_end(&r, c.out);
	else
		ips_out_free(c.out);
	return rpt_end(&r, rc);
}

/* openings: from employers contacted to openings filled. */

static const struct ips_col funnel_cols[] = {
	{ "stage", IPS_COL_TEXT },
	{ "count", IPS_COL_INT },
};

/*
 * The funnel in one statement: every count is over the period's meetings
 * and openings of the specialists of the filter.  Openings found by
 * nobody in particular count when there is no filter.
 */
static const char funnel_sql[] =
"WITH met(employer_id) AS ("
" SELECT DISTINCT m.employer_id FROM meeting m"
" JOIN specialist s ON s.id = m.specialist_id"
" WHERE m.held_on BETWEEN ?1 AND ?2 AND m.employer_id IS NOT NULL"
" AND " RPT_STAFF_FILTER "),"
" found(hidden, status) AS ("
" SELECT o.hidden, o.status FROM opening o"
" LEFT JOIN specialist s ON s.id = o.found_by_id"
" WHERE o.found_on BETWEEN ?1 AND ?2 AND " RPT_STAFF_FILTER ")"
" SELECT (SELECT count(*) FROM met),"
" (SELECT count(*) FROM met JOIN employer e ON e.id = met.employer_id"
"  WHERE e.status IN ('engaged', 'partner')),"
" (SELECT count(*) FROM found),"
" (SELECT count(*) FROM found WHERE hidden = 1),"
" (SELECT count(*) FROM found WHERE hidden = 0),"
" (SELECT count(*) FROM found WHERE status = 'filled'),"
" (SELECT count(*) FROM found WHERE status = 'open')";

static const char *const funnel_stages[] = {
	"employers_contacted", "employers_engaged", "openings_found",
	"openings_hidden", "openings_advertised", "openings_filled",
	"openings_still_open", "open_openings_short_of_candidates",
};
#define NSTAGES 8

/*
 * Open openings (found at any time) with fewer active clients wanting
 * their job type than positions.  The pool of candidates is every active
 * client, whoever their specialist: an opening is the service's.
 */
static const char short_sql[] =
"WITH RECURSIVE split(id, rest, t) AS ("
" SELECT id, lower(job_types) || ',', NULL FROM client"
" WHERE status = 'active' AND job_types IS NOT NULL"
" UNION ALL"
" SELECT id, substr(rest, instr(rest, ',') + 1),"
" trim(substr(rest, 1, instr(rest, ',') - 1)) FROM split WHERE rest <> ''),"
" pool(t, n) AS MATERIALIZED (SELECT t, count(DISTINCT id) FROM split"
" WHERE t IS NOT NULL AND t <> '' GROUP BY t)"
" SELECT 'o' || o.id, e.name, o.title, o.job_type, o.positions,"
" coalesce(pool.n, 0) AS candidates, o.hidden, o.found_on, s.handle"
" FROM opening o JOIN employer e ON e.id = o.employer_id"
" LEFT JOIN specialist s ON s.id = o.found_by_id"
" LEFT JOIN pool ON pool.t = lower(trim(o.job_type))"
" WHERE o.status = 'open' AND " RPT_STAFF_FILTER
" AND candidates < o.positions ORDER BY o.found_on, o.id";

static const struct ips_col short_cols[] = {
	{ "opening", IPS_COL_TEXT },
	{ "employer", IPS_COL_TEXT },
	{ "title", IPS_COL_TEXT },
	{ "job_type", IPS_COL_TEXT },
	{ "positions", IPS_COL_INT },
	{ "candidates", IPS_COL_INT },
	{ "hidden", IPS_COL_BOOL },
	{ "found", IPS_COL_TEXT },
	{ "found_by", IPS_COL_TEXT },
};
#define SHORT_NCOLS 9

struct shortlist {
	ips_out *out;		/* NULL: count only */
	long n;
};

static int
short_row(struct rpt *r, sqlite3_stmt *st, void *arg)
{
	struct shortlist *s = arg;
	const char *vals[SHORT_NCOLS];
	int i;

	s->n++;
	if (s->out == NULL)
		return 0;
	for (i = 0; i < SHORT_NCOLS; i++)
		vals[i] = (const char *)sqlite3_column_text(st, i);
	return put_row(r, s->out, vals, 0);
}

static int
run_short(struct rpt *r, struct shortlist *s)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = ips_prepare(r->h, short_sql, &st)) != 0)
		return rc;
	rpt_bind(r, st);
	return rpt_each(r, st, short_row, s);
}

int
ips_report_openings(ips *h, FILE *fp, const struct ips_report_opts *o)
{
	struct shortlist s = { NULL, 0 };
	struct rpt r;
	sqlite3_stmt *st;
	long counts[NSTAGES];
	char b[32];
	const char *vals[2];
	ips_out *out;
	int i, rc;

	if ((rc = rpt_start(&r, h, fp, o, IPS_PERIOD_QUARTER)) != 0)
		return rc;
	if ((rc = ips_prepare(h, funnel_sql, &st)) != 0)
		return rc;
	rpt_bind(&r, st);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_finalize(st);
		return ips_db_fail(h, rc == SQLITE_DONE ? SQLITE_ERROR : rc);
	}
	for (i = 0; i < NSTAGES - 1; i++)
		counts[i] = sqlite3_column_int64(st, i);
	sqlite3_finalize(st);
	if ((rc = run_short(&r, &s)) != 0)
		return rc;
	counts[NSTAGES - 1] = s.n;

	if ((out = ips_out_new(fp, r.fmt, r.header, funnel_cols, 2)) == NULL)
		return ips_nomem(h);
	rpt_title(&r, "Openings", NULL);
	for (i = 0; i < NSTAGES && rc == 0; i++) {
		vals[0] = funnel_stages[i];
		vals[1] = rpt_int(b, counts[i]);
		rc = put_row(&r, out, vals, 0);
	}
	if (rc != 0) {
		ips_out_free(out);
		return rpt_end(&r, rc);
	}
	if ((rc = put_end(&r, out)) != 0 || !rpt_human(&r))
		return rpt_end(&r, rc);

	rpt_heading(&r, "Open openings with fewer matching active candidates "
	    "than positions");
	if (s.n == 0) {
		rpt_note(&r, "None: every open opening has enough candidates.");
		return rpt_end(&r, 0);
	}
	s.n = 0;
	if ((s.out = ips_out_new(fp, r.fmt, r.header, short_cols,
	    SHORT_NCOLS)) == NULL)
		return rpt_end(&r, ips_nomem(h));
	if ((rc = run_short(&r, &s)) != 0) {
		ips_out_free(s.out);
		return rpt_end(&r, rc);
	}
	return rpt_end(&r, put_end(&r, s.out));
}
