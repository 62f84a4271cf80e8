/*
 * report-weekly.c - the Monday-morning report: per specialist, one ISO
 * week of employer contacts, time with employers and in the community,
 * openings found and job starts, against the six-contacts target.
 *
 * Every query reaches meetings through an index on the date (alone, or
 * after the specialist or the employer), so one week costs the same on a
 * year of records as on ten.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"

static const struct ips_col weekly_cols[] = {
	{ "specialist", IPS_COL_TEXT },
	{ "face_to_face", IPS_COL_INT },
	{ "employer_contacts", IPS_COL_INT },
	{ "employers", IPS_COL_INT },
	{ "new_employers", IPS_COL_INT },
	{ "employer_minutes", IPS_COL_INT },
	{ "employer_share", IPS_COL_REAL },
	{ "client_meetings", IPS_COL_INT },
	{ "community_share", IPS_COL_REAL },
	{ "openings_found", IPS_COL_INT },
	{ "hidden_openings", IPS_COL_INT },
	{ "job_starts", IPS_COL_INT },
	{ "target", IPS_COL_REAL },
	{ "target_met", IPS_COL_BOOL },
};
#define WEEKLY_NCOLS 14

/* One specialist's week, or the team's. */
struct week {
	long f2f, contacts, employers, new_employers, employer_min;
	long client_meetings, community_min, openings, hidden, starts;
	long trend[IPS_TREND_WEEKS];
};

/* The employers the team met, each with whether it is new. */
struct met {
	ips_id employer;
	int is_new;
};

struct weekly {
	struct rpt r;
	struct rpt_list staff;
	struct week *w;			/* one per staff member */
	struct week team;
	struct met *met;		/* employers met, one per specialist */
	size_t nmet, capmet;
	double target;
	char monday[IPS_TREND_WEEKS][11];	/* of each week of the trend */
	char before[11];		/* the Sunday before the week */
	char weeks[IPS_TREND_WEEKS][8];	/* "W47" */
};

/*
 * The meetings of the week, in one pass over meeting_held, which holds
 * every column counted here: a row for each specialist and employer met
 * (and one for the meetings without an employer), so that employers are
 * counted per specialist and, once, for the team.  The rows of specialists
 * not on staff are left out by week_of(), which knows them from the staff
 * list: without a filter, joining specialist here would only cost a
 * lookup a meeting; with one, the join leaves the others' meetings out
 * before they are grouped and probed.  An employer is new when nobody met
 * it before the week.  Most employers met were met before with a client:
 * meeting_employer_with_client, a small index that stays in the cache,
 * shows that in one step; only the others are looked up in meeting_employer,
 * a leaf page of its own for each employer.  A place left empty is unknown
 * and does not count as the community.
 */
#define WEEK_ALL "FROM meeting m WHERE m.held_on BETWEEN ?1 AND ?2"
#define WEEK_SOME "FROM specialist s JOIN meeting m" \
	" ON m.specialist_id = s.id AND m.held_on BETWEEN ?1 AND ?2" \
	" WHERE " RPT_STAFF_FILTER
#define MEETINGS_SQL(FROM) \
"SELECT m.specialist_id, m.employer_id," \
" count(CASE WHEN m.employer_id IS NOT NULL AND m.how = 'in-person'" \
"  THEN 1 END)," \
" count(m.employer_id)," \
" coalesce(sum(CASE WHEN m.employer_id IS NOT NULL THEN m.minutes END), 0)," \
" count(m.client_id)," \
" coalesce(sum(CASE WHEN m.how = 'in-person' AND m.place <> 'office'" \
"  THEN m.minutes END), 0)," \
" CASE WHEN m.employer_id IS NULL THEN 0" \
" WHEN EXISTS (SELECT 1 FROM meeting p WHERE p.employer_id = m.employer_id" \
"  AND p.held_on < ?1 AND p.client_id IS NOT NULL) THEN 0" \
" WHEN EXISTS (SELECT 1 FROM meeting p WHERE p.employer_id = m.employer_id" \
"  AND p.held_on < ?1) THEN 0 ELSE 1 END " FROM \
" GROUP BY m.specialist_id, m.employer_id"
static const char *const meetings_sql[] = {
	MEETINGS_SQL(WEEK_ALL), MEETINGS_SQL(WEEK_SOME)
};
static const char openings_sql[] =
"SELECT o.found_by_id, count(*), total(o.hidden) FROM opening o"
" WHERE o.found_on BETWEEN ?1 AND ?2 AND o.found_by_id IS NOT NULL"
" GROUP BY o.found_by_id";
static const char starts_sql[] =
"SELECT c.specialist_id, count(*) FROM job j"
" JOIN client c ON c.id = j.client_id"
" WHERE j.start_on BETWEEN ?1 AND ?2 AND c.specialist_id IS NOT NULL"
" GROUP BY c.specialist_id";
/*
 * Face-to-face employer contacts a day and specialist over the seven weeks
 * before this one (whose count meetings_sql has), from meeting_f2f_held,
 * which holds only those, grouped in its order (held_on, specialist_id),
 * so that SQLite sorts nothing; trend_row() adds the days up into weeks
 * and, as above, leaves out who is not on staff.
 */
#define TREND_SQL(FROM) \
"SELECT m.specialist_id, m.held_on, count(*) " FROM \
" AND m.employer_id IS NOT NULL AND m.how = 'in-person'" \
" GROUP BY m.held_on, m.specialist_id"
static const char *const trend_sql[] = {
	TREND_SQL(WEEK_ALL), TREND_SQL(WEEK_SOME)
};

static struct week *
week_of(struct weekly *wk, sqlite3_stmt *st)
{
	long i = rpt_staff_find(&wk->staff, sqlite3_column_int64(st, 0));

	return i < 0 ? NULL : &wk->w[i];
}

static int
meetings_row(struct rpt *r, sqlite3_stmt *st, void *arg)
{
	struct weekly *wk = arg;
	struct week *w = week_of(wk, st);
	struct met *v;

	if (w == NULL)
		return 0;
	w->f2f += sqlite3_column_int64(st, 2);
	w->contacts += sqlite3_column_int64(st, 3);
	w->employer_min += sqlite3_column_int64(st, 4);
	w->client_meetings += sqlite3_column_int64(st, 5);
	w->community_min += sqlite3_column_int64(st, 6);
	if (sqlite3_column_type(st, 1) == SQLITE_NULL)
		return 0;
	w->employers++;
	w->new_employers += sqlite3_column_int(st, 7);
	if (wk->nmet == wk->capmet) {
		wk->capmet = wk->capmet ? 2 * wk->capmet : 64;
		if ((v = realloc(wk->met, wk->capmet * sizeof *v)) == NULL)
			return ips_nomem(r->h);
		wk->met = v;
	}
	wk->met[wk->nmet].employer = sqlite3_column_int64(st, 1);
	wk->met[wk->nmet].is_new = sqlite3_column_int(st, 7);
	wk->nmet++;
	return 0;
}

static int
by_employer(const void *a, const void *b)
{
	ips_id x = ((const struct met *)a)->employer;
	ips_id y = ((const struct met *)b)->employer;

	return x < y ? -1 : x > y;
}

/* The team's totals: sums, but an employer met by two counts once. */
static void
team_totals(struct weekly *wk)
{
	struct week *t = &wk->team;
	size_t i;

	for (i = 0; i < wk->staff.n; i++) {
		t->f2f += wk->w[i].f2f;
		t->contacts += wk->w[i].contacts;
		t->employer_min += wk->w[i].employer_min;
		t->client_meetings += wk->w[i].client_meetings;
		t->community_min += wk->w[i].community_min;
		t->openings += wk->w[i].openings;
		t->hidden += wk->w[i].hidden;
		t->starts += wk->w[i].starts;
	}
	if (wk->nmet > 0)
		qsort(wk->met, wk->nmet, sizeof *wk->met, by_employer);
	for (i = 0; i < wk->nmet; i++)
		if (i == 0 || wk->met[i].employer != wk->met[i - 1].employer) {
			t->employers++;
			t->new_employers += wk->met[i].is_new;
		}
}

static int
openings_row(struct rpt *r, sqlite3_stmt *st, void *arg)
{
	struct week *w = week_of(arg, st);

	(void)r;
	if (w != NULL) {
		w->openings = sqlite3_column_int64(st, 1);
		w->hidden = (long)sqlite3_column_double(st, 2);
	}
	return 0;
}

static int
starts_row(struct rpt *r, sqlite3_stmt *st, void *arg)
{
	struct week *w = week_of(arg, st);

	(void)r;
	if (w != NULL)
		w->starts = sqlite3_column_int64(st, 1);
	return 0;
}

static int
trend_row(struct rpt *r, sqlite3_stmt *st, void *arg)
{
	struct weekly *wk = arg;
	struct week *w = week_of(wk, st);
	const char *day = (const char *)sqlite3_column_text(st, 1);
	int k;

	(void)r;
	if (w == NULL || day == NULL)
		return 0;
	/* The last week that began on or before the day. */
	for (k = IPS_TREND_WEEKS - 1; k >= 0; k--)
		if (strcmp(day, wk->monday[k]) >= 0) {
			w->trend[k] += sqlite3_column_int64(st, 2);
			break;
		}
	return 0;
}

static int
run(struct weekly *wk, const char *sql,
    int (*fn)(struct rpt *, sqlite3_stmt *, void *), int trend)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = ips_prepare(wk->r.h, sql, &st)) != 0)
		return rc;
	rpt_bind(&wk->r, st);
	if (trend) {
		ips_bind_text(st, 1, wk->monday[0]);
		ips_bind_text(st, 2, wk->before);
	}
	return rpt_each(&wk->r, st, fn, wk);
}

/* Collects the numbers; the trend only for the formats that show it. */
static int
collect(struct weekly *wk)
{
	ips_day day;
	size_t i;
	int k, rc, y, n, filtered = wk->r.o->specialist != NULL ||
	    wk->r.o->team != NULL;

	if ((rc = rpt_staff_load(&wk->r, wk->r.from, &wk->staff)) != 0)
		return rc;
	if ((wk->w = calloc(wk->staff.n ? wk->staff.n : 1, sizeof *wk->w)) ==
	    NULL)
		return ips_nomem(wk->r.h);
	if ((rc = run(wk, meetings_sql[filtered], meetings_row, 0)) != 0 ||
	    (rc = run(wk, openings_sql, openings_row, 0)) != 0 ||
	    (rc = run(wk, starts_sql, starts_row, 0)) != 0)
		return rc;
	team_totals(wk);
	if (wk->r.fmt != IPS_FMT_TABLE && wk->r.fmt != IPS_FMT_HTML)
		return 0;
	for (k = 0; k < IPS_TREND_WEEKS; k++) {
		day = wk->r.p->from - 7 * (IPS_TREND_WEEKS - 1 - k);
		ips_day_isoweek(day, &y, &n);
		snprintf(wk->weeks[k], sizeof wk->weeks[k], "W%02d", n);
		ips_day_format(day, wk->monday[k]);
	}
	ips_day_format(wk->r.p->from - 1, wk->before);
	if ((rc = run(wk, trend_sql[filtered], trend_row, 1)) != 0)
		return rc;
	for (i = 0; i < wk->staff.n; i++)
		wk->w[i].trend[IPS_TREND_WEEKS - 1] = wk->w[i].f2f;
	return 0;
}

/* A share of the contracted minutes, or absent when there are none. */
static const char *
share(char *buf, long minutes, double contracted)
{
	if (contracted <= 0)
		return NULL;
	return rpt_real(buf, minutes / contracted, 2);
}

static int
put_week(struct weekly *wk, ips_out *o, const char *name,
    const struct week *w, double fte, int total)
{
	double contracted = fte * wk->r.cfg->hours_per_week * 60;
	char b[WEEKLY_NCOLS][32];
	const char *v[WEEKLY_NCOLS];

	v[0] = name;
	v[1] = rpt_int(b[1], w->f2f);
	v[2] = rpt_int(b[2], w->contacts);
	v[3] = rpt_int(b[3], w->employers);
	v[4] = rpt_int(b[4], w->new_employers);
	v[5] = rpt_int(b[5], w->employer_min);
	v[6] = share(b[6], w->employer_min, contracted);
	v[7] = rpt_int(b[7], w->client_meetings);
	v[8] = share(b[8], w->community_min, contracted);
	v[9] = rpt_int(b[9], w->openings);
	v[10] = rpt_int(b[10], w->hidden);
	v[11] = rpt_int(b[11], w->starts);
	v[12] = total ? NULL : rpt_num(b[12], wk->target);
	v[13] = total ? NULL : (double)w->f2f >= wk->target ? "1" : "0";
	if (ips_out_row(o, v, total ? IPS_ROW_TOTAL : 0) != 0)
		return ips_fail(wk->r.h, IPS_EIO, "write error");
	return 0;
}

static int
put_table(struct weekly *wk)
{
	ips_out *o;
	double fte = 0;
	size_t i;
	int rc = 0;

	if ((o = ips_out_new(wk->r.fp, wk->r.fmt, wk->r.header, weekly_cols,
	    WEEKLY_NCOLS)) == NULL)
		return ips_nomem(wk->r.h);
	for (i = 0; i < wk->staff.n && rc == 0; i++) {
		fte += wk->staff.v[i].fte;
		rc = put_week(wk, o, wk->staff.v[i].handle, &wk->w[i],
		    wk->staff.v[i].fte, 0);
	}
	if (rc == 0 && wk->staff.n > 0)
		rc = put_week(wk, o, "total", &wk->team, fte, 1);
	if (rc != 0) {
		ips_out_free(o);
		return rc;
	}
	if (ips_out_end(o) != 0)
		return ips_fail(wk->r.h, IPS_EIO, "write error");
	return 0;
}

static size_t
below(const struct weekly *wk)
{
	size_t i, n = 0;

	for (i = 0; i < wk->staff.n; i++)
		if ((double)wk->w[i].f2f < wk->target)
			n++;
	return n;
}

static void
put_summary(struct weekly *wk)
{
	char buf[160], t[32];
	size_t n = wk->staff.n;

	if (n == 0) {
		rpt_note(&wk->r, "No specialists on staff this week.");
		return;
	}
	snprintf(buf, sizeof buf, "Target met by %zu of %zu specialist%s "
	    "(%s face-to-face employer contacts a week).", n - below(wk), n,
	    n == 1 ? "" : "s", rpt_num(t, wk->target));
	rpt_note(&wk->r, buf);
}

/* The trend as lines of blocks, the target drawn as the sixth block. */
static void
put_trend_text(struct weekly *wk)
{
	FILE *fp = wk->r.fp;
	char spark[4 * IPS_TREND_WEEKS + 1], t[32];
	size_t i, hw = 0;
	long max = 0;
	int k, dw;

	if (wk->staff.n == 0)
		return;
	for (i = 0; i < wk->staff.n; i++) {
		if (strlen(wk->staff.v[i].handle) > hw)
			hw = strlen(wk->staff.v[i].handle);
		for (k = 0; k < IPS_TREND_WEEKS; k++)
			if (wk->w[i].trend[k] > max)
				max = wk->w[i].trend[k];
	}
	dw = snprintf(NULL, 0, "%ld", max);
	fprintf(fp, "\n8-week trend of face-to-face employer contacts, "
	    "%s\xe2\x80\x93%s (\xe2\x96\x86 = target %s)\n", wk->weeks[0],
	    wk->weeks[IPS_TREND_WEEKS - 1], rpt_num(t, wk->target));
	for (i = 0; i < wk->staff.n; i++) {
		fprintf(fp, "%-*s  %s ", (int)hw, wk->staff.v[i].handle,
		    ips_spark(spark, sizeof spark, wk->w[i].trend,
		    IPS_TREND_WEEKS, wk->target));
		for (k = 0; k < IPS_TREND_WEEKS; k++)
			fprintf(fp, " %*ld", dw, wk->w[i].trend[k]);
		putc('\n', fp);
	}
}

/* The trend's numbers as a table too: not every mail client draws SVG. */
static int
put_trend_table(struct weekly *wk)
{
	struct ips_col cols[1 + IPS_TREND_WEEKS];
	const char *v[1 + IPS_TREND_WEEKS];
	char b[IPS_TREND_WEEKS][32];
	ips_out *o;
	size_t i;
	int k, rc = 0;

	cols[0].name = "specialist";
	cols[0].type = IPS_COL_TEXT;
	for (k = 0; k < IPS_TREND_WEEKS; k++) {
		cols[k + 1].name = wk->weeks[k];
		cols[k + 1].type = IPS_COL_INT;
	}
	if ((o = ips_out_new(wk->r.fp, wk->r.fmt, 1, cols,
	    1 + IPS_TREND_WEEKS)) == NULL)
		return ips_nomem(wk->r.h);
	for (i = 0; i < wk->staff.n && rc == 0; i++) {
		v[0] = wk->staff.v[i].handle;
		for (k = 0; k < IPS_TREND_WEEKS; k++)
			v[k + 1] = rpt_int(b[k], wk->w[i].trend[k]);
		if (ips_out_row(o, v, 0) != 0)
			rc = ips_fail(wk->r.h, IPS_EIO, "write error");
	}
	if (rc != 0) {
		ips_out_free(o);
		return rc;
	}
	return ips_out_end(o) != 0 ? ips_fail(wk->r.h, IPS_EIO,
	    "write error") : 0;
}

static int
put_charts(struct weekly *wk)
{
	const char **labels, *weeks[IPS_TREND_WEEKS];
	long *f2f, *trend;
	char title[96], t[32];
	size_t i, n = wk->staff.n;
	int k, rc = 0;

	if (n == 0)
		return 0;
	for (k = 0; k < IPS_TREND_WEEKS; k++)
		weeks[k] = wk->weeks[k];
	labels = calloc(n, sizeof *labels);
	f2f = calloc(n, sizeof *f2f);
	trend = calloc(n * IPS_TREND_WEEKS, sizeof *trend);
	if (labels == NULL || f2f == NULL || trend == NULL) {
		rc = ips_nomem(wk->r.h);
		goto done;
	}
	for (i = 0; i < n; i++) {
		labels[i] = wk->staff.v[i].handle;
		f2f[i] = wk->w[i].f2f;
		memcpy(trend + i * IPS_TREND_WEEKS, wk->w[i].trend,
		    sizeof wk->w[i].trend);
	}
	ips_page_heading(wk->r.fp, "Face-to-face employer contacts");
	ips_svg_bars(wk->r.fp, "Face-to-face employer contacts this week",
	    labels, f2f, (int)n, wk->target);
	snprintf(title, sizeof title, "8-week trend, %s\xe2\x80\x93%s",
	    wk->weeks[0], wk->weeks[IPS_TREND_WEEKS - 1]);
	ips_page_heading(wk->r.fp, title);
	snprintf(title, sizeof title, "Face-to-face employer contacts a week "
	    "(dashed: the target, %s)", rpt_num(t, wk->target));
	ips_svg_trend(wk->r.fp, title, labels, trend, (int)n,
	    IPS_TREND_WEEKS, weeks, wk->target);
	rc = put_trend_table(wk);
done:
	free(labels);
	free(f2f);
	free(trend);
	return rc;
}

/* --check: who is below the target, for the mail cron sends. */
static int
check(struct weekly *wk)
{
	char buf[IPS_ERRMAX - 64];
	size_t i, len = 0;
	int k;

	if (below(wk) == 0)
		return 0;
	buf[0] = '\0';
	for (i = 0; i < wk->staff.n; i++) {
		if ((double)wk->w[i].f2f >= wk->target)
			continue;
		k = snprintf(buf + len, sizeof buf - len, "%s%s (%ld)",
		    len ? ", " : "", wk->staff.v[i].handle, wk->w[i].f2f);
		if (k < 0 || (size_t)k >= sizeof buf - len) {
			snprintf(buf + len, sizeof buf - len, ", ...");
			break;
		}
		len += k;
	}
	return ips_fail(wk->r.h, IPS_BELOW, "below the target of %g "
	    "face-to-face employer contacts: %s", wk->target, buf);
}

int
ips_report_weekly(ips *h, FILE *fp, const struct ips_report_opts *o)
{
	struct weekly wk;
	enum ips_period_kind kind = ips_period(h)->kind;
	int rc;

	memset(&wk, 0, sizeof wk);
	if (kind != IPS_PERIOD_NONE && kind != IPS_PERIOD_WEEK)
		return ips_fail(h, IPS_EUSAGE, "weekly covers one ISO week: "
		    "use --week W (2026-W47, this, last)");
	if ((rc = rpt_start(&wk.r, h, fp, o, IPS_PERIOD_WEEK)) != 0)
		return rc;
	wk.target = wk.r.cfg->targets.employer_contacts_per_week;
	if ((rc = collect(&wk)) != 0)
		goto done;
	rpt_title(&wk.r, "Weekly report", NULL);
	if ((rc = put_table(&wk)) != 0)
		goto done;
	if (rpt_human(&wk.r))
		put_summary(&wk);
	if (wk.r.fmt == IPS_FMT_TABLE)
		put_trend_text(&wk);
	else if (wk.r.fmt == IPS_FMT_HTML)
		rc = put_charts(&wk);
	if (rc == 0 && o->check)
		rc = check(&wk);
	rc = rpt_end(&wk.r, rc);
done:
	rpt_staff_free(&wk.staff);
	free(wk.w);
	free(wk.met);
	return rc;
}
