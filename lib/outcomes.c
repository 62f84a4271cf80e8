/*
 * outcomes.c - employment outcomes per specialist, as the IPS Learning
 * Community counts them: the employment rate of the clients active in
 * the period, job starts with their hours and wages, jobs ended and how
 * long they lasted.
 *
 * Clients count for their specialist of today (the records keep no
 * history of reassignments), and only for specialists on staff in the
 * period, so that the team row is the sum of the rows.
 */
#include <stdlib.h>
#include <string.h>

#include "report.h"

static const struct ips_col outcome_cols[] = {
	{ "specialist", IPS_COL_TEXT },
	{ "caseload", IPS_COL_INT },
	{ "working", IPS_COL_INT },
	{ "employment_rate", IPS_COL_REAL },
	{ "job_starts", IPS_COL_INT },
	{ "mean_hours", IPS_COL_REAL },
	{ "mean_wage", IPS_COL_REAL },
	{ "jobs_ended", IPS_COL_INT },
	{ "median_tenure_days", IPS_COL_REAL },
};
#define OUTCOME_NCOLS 9

struct outcome {
	long caseload, working, starts, hours_n, wage_n, ended;
	double hours, wage;
	size_t tenure_at;		/* first of its tenures in the array */
};

struct outcomes {
	struct rpt r;
	struct rpt_list staff;
	struct outcome *o;		/* one per specialist */
	struct outcome team;
	double *tenure;			/* by specialist, then days */
	size_t ntenure, cap;
};

/*
 * Active in the period: enrolled by its end, and not closed at some time
 * in it (on its first day, or by a change of status within it).
 * Working: held a competitive job on some day of the period.  Without a
 * filter, the clients are read in the table's order and their histories
 * from the covering index in the same order; specialist by specialist
 * would visit the client table at random.  With a filter, the few
 * clients of the specialists come first.
 */
#define ACTIVE_SQL(FROM) \
"SELECT c.specialist_id, count(*), sum(EXISTS (SELECT 1 FROM job j" \
" WHERE j.client_id = c.id AND j.competitive = 1 AND j.start_on <= ?2" \
" AND (j.end_on IS NULL OR j.end_on >= ?1)))" \
" FROM " FROM \
" WHERE c.enrolled <= ?2 AND (s.left_on IS NULL OR s.left_on >= ?1)" \
" AND " RPT_STAFF_FILTER \
" AND (" RPT_STATUS_ON("?1") " <> 'closed' OR EXISTS (SELECT 1" \
" FROM client_status cs WHERE cs.client_id = c.id AND cs.on_date > ?1" \
" AND cs.on_date <= ?2 AND cs.status <> 'closed'))" \
" GROUP BY c.specialist_id"
static const char active_all_sql[] = ACTIVE_SQL("client c NOT INDEXED"
    " CROSS JOIN specialist s ON s.id = c.specialist_id");
static const char active_some_sql[] = ACTIVE_SQL("specialist s"
    " CROSS JOIN client c ON c.specialist_id = s.id");
/* Job starts, first and later jobs alike. */
static const char starts_sql[] =
"SELECT c.specialist_id, count(*), total(j.hours), count(j.hours),"
" total(j.wage), count(j.wage)"
" FROM job j JOIN client c ON c.id = j.client_id"
" WHERE j.start_on BETWEEN ?1 AND ?2 AND c.specialist_id IS NOT NULL"
" GROUP BY c.specialist_id";
static const char ended_sql[] =
"SELECT c.specialist_id, julianday(j.end_on) - julianday(j.start_on) AS d"
" FROM job j JOIN client c ON c.id = j.client_id"
" WHERE j.end_on BETWEEN ?1 AND ?2 AND c.specialist_id IS NOT NULL"
" AND d IS NOT NULL ORDER BY c.specialist_id, d";

static struct outcome *
outcome_of(struct outcomes *oc, sqlite3_stmt *st)
{
	long i = rpt_staff_find(&oc->staff, sqlite3_column_int64(st, 0));

	return i < 0 ? NULL : &oc->o[i];
}

static int
active_row(struct rpt *r, sqlite3_stmt *st, void *arg)
{
	struct outcome *o = outcome_of(arg, st);

	(void)r;
	if (o != NULL) {
		o->caseload = sqlite3_column_int64(st, 1);
		o->working = sqlite3_column_int64(st, 2);
	}
	return 0;
}

static int
starts_row(struct rpt *r, sqlite3_stmt *st, void *arg)
{
	struct outcome *o = outcome_of(arg, st);

	(void)r;
	if (o != NULL) {
		o->starts = sqlite3_column_int64(st, 1);
		o->hours = sqlite3_column_double(st, 2);
		o->hours_n = sqlite3_column_int64(st, 3);
		o->wage = sqlite3_column_double(st, 4);
		o->wage_n = sqlite3_column_int64(st, 5);
	}
	return 0;
}

static int
ended_row(struct rpt *r, sqlite3_stmt *st, void *arg)
{
	struct outcomes *oc = arg;
	struct outcome *o = outcome_of(oc, st);
	double *v;

	if (o == NULL)
		return 0;
	if (oc->ntenure == oc->cap) {
		oc->cap = oc->cap ? 2 * oc->cap : 64;
		if ((v = realloc(oc->tenure, oc->cap * sizeof *v)) == NULL)
			return ips_nomem(r->h);
		oc->tenure = v;
	}
	/* Rows come by specialist: the first one marks where its run starts. */
	if (o->ended++ == 0)
		o->tenure_at = oc->ntenure;
	oc->tenure[oc->ntenure++] = sqlite3_column_double(st, 1);
	return 0;
}

static int
run(struct outcomes *oc, const char *sql,
    int (*fn)(struct rpt *, sqlite3_stmt *, void *))
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = ips_prepare(oc->r.h, sql, &st)) != 0)
		return rc;
	rpt_bind(&oc->r, st);
	return rpt_each(&oc->r, st, fn, oc);
}

/* The median of n sorted values. */
static double
median(const double *v, size_t n)
{
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static int
by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static int
put_outcome(struct outcomes *oc, ips_out *out, const char *name,
    const struct outcome *o, const double *tenure, int flags)
{
	char b[OUTCOME_NCOLS][32];
	const char *v[OUTCOME_NCOLS];

	v[0] = name;
	v[1] = rpt_int(b[1], o->caseload);
	v[2] = rpt_int(b[2], o->working);
	v[3] = o->caseload ? rpt_real(b[3], (double)o->working / o->caseload,
	    2) : NULL;
	v[4] = rpt_int(b[4], o->starts);
	v[5] = o->hours_n ? rpt_real(b[5], o->hours / o->hours_n, 1) : NULL;
	v[6] = o->wage_n ? rpt_real(b[6], o->wage / o->wage_n, 2) : NULL;
	v[7] = rpt_int(b[7], o->ended);
	v[8] = o->ended ? rpt_num(b[8], median(tenure, o->ended)) : NULL;
	if (ips_out_row(out, v, flags) != 0)
		return ips_fail(oc->r.h, IPS_EIO, "write error");
	return 0;
}

static int
put_outcomes(struct outcomes *oc)
{
	struct outcome *t = &oc->team;
	double *all = NULL;
	ips_out *out;
	size_t i;
	int rc = 0;

	for (i = 0; i < oc->staff.n; i++) {
		t->caseload += oc->o[i].caseload;
		t->working += oc->o[i].working;
		t->starts += oc->o[i].starts;
		t->hours += oc->o[i].hours;
		t->hours_n += oc->o[i].hours_n;
		t->wage += oc->o[i].wage;
		t->wage_n += oc->o[i].wage_n;
		t->ended += oc->o[i].ended;
	}
	if (oc->ntenure > 0) {
		if ((all = malloc(oc->ntenure * sizeof *all)) == NULL)
			return ips_nomem(oc->r.h);
		memcpy(all, oc->tenure, oc->ntenure * sizeof *all);
		qsort(all, oc->ntenure, sizeof *all, by_value);
	}
	if ((out = ips_out_new(oc->r.fp, oc->r.fmt, oc->r.header,
	    outcome_cols, OUTCOME_NCOLS)) == NULL) {
		free(all);
		return ips_nomem(oc->r.h);
	}
	for (i = 0; i < oc->staff.n && rc == 0; i++)
		rc = put_outcome(oc, out, oc->staff.v[i].handle, &oc->o[i],
		    oc->tenure + oc->o[i].tenure_at, 0);
	if (rc == 0 && oc->staff.n > 0)
		rc = put_outcome(oc, out, "team", t, all, IPS_ROW_TOTAL);
	free(all);
	if (rc != 0) {
		ips_out_free(out);
		return rc;
	}
	return ips_out_end(out) != 0 ? ips_fail(oc->r.h, IPS_EIO,
	    "write error") : 0;
}

int
ips_report_outcomes(ips *h, FILE *fp, const struct ips_report_opts *o)
{
	struct outcomes oc;
	int rc;

	memset(&oc, 0, sizeof oc);
	if ((rc = rpt_start(&oc.r, h, fp, o, IPS_PERIOD_QUARTER)) != 0)
		return rc;
	if ((rc = rpt_staff_load(&oc.r, oc.r.from, &oc.staff)) != 0)
		goto done;
	if ((oc.o = calloc(oc.staff.n ? oc.staff.n : 1, sizeof *oc.o)) ==
	    NULL) {
		rc = ips_nomem(h);
		goto done;
	}
	if ((rc = run(&oc, o->specialist != NULL || o->team != NULL ?
	    active_some_sql : active_all_sql, active_row)) != 0 ||
	    (rc = run(&oc, starts_sql, starts_row)) != 0 ||
	    (rc = run(&oc, ended_sql, ended_row)) != 0)
		goto done;
	rpt_title(&oc.r, "Outcomes", NULL);
	rc = put_outcomes(&oc);
	if (rc == 0 && rpt_human(&oc.r))
		rpt_note(&oc.r, "employment_rate: clients who held a "
		    "competitive job in the period / clients active in it "
		    "(benchmarks: 0.31 minimal, 0.41 average, 0.50 "
		    "excellent).");
	rc = rpt_end(&oc.r, rc);
done:
	rpt_staff_free(&oc.staff);
	free(oc.o);
	free(oc.tenure);
	return rc;
}
