/*
 * report.h - what the report files of libips share (report.c,
 * report-weekly.c, fidelity.c, outcomes.c, chart.c, page.c).  Not
 * installed, not seen by the tools.
 */
#ifndef IPS_REPORT_H
#define IPS_REPORT_H

#include "internal.h"

/*
 * The status of client c on the day bound as parameter DAY (an SQL
 * parameter name such as "?2"): the latest entry of its history on or
 * before that day; a client without any history has its current status
 * from its enrolment on.  NULL when the client was not yet known.
 */
#define RPT_STATUS_ON(DAY) \
	"coalesce((SELECT cs.status FROM client_status cs " \
	"WHERE cs.client_id = c.id AND cs.on_date <= " DAY " " \
	"ORDER BY cs.on_date DESC, cs.id DESC LIMIT 1), " \
	"CASE WHEN c.enrolled <= " DAY " AND NOT EXISTS (SELECT 1 FROM " \
	"client_status cs WHERE cs.client_id = c.id) THEN c.status END)"

/*
 * The specialists a report counts, as SQL conditions on specialist s with
 * ?3 the handle filter and ?4 the team filter (NULL: all).
 */
#define RPT_STAFF_FILTER \
	"(?3 IS NULL OR s.handle = ?3) AND (?4 IS NULL OR s.team = ?4)"

/* One run of a report: where it writes and what it covers. */
struct rpt {
	ips *h;
	FILE *fp;
	enum ips_format fmt;
	int header;
	const struct ips_report_opts *o;
	const struct ips_config *cfg;
	struct ips_period *p;
	char from[11], to[11];		/* the period, ISO dates */
	int page;			/* an html page was begun */
};

/* A specialist a report has a row for. */
struct rpt_staff {
	ips_id id;
	char *handle;
	double fte;
};
struct rpt_idpos {
	ips_id id;
	size_t pos;
};
struct rpt_list {
	struct rpt_staff *v;
	size_t n;
	struct rpt_idpos *byid;		/* positions in v sorted by id */
};

/*
 * Opens the database read-only, checks the filters, resolves the period
 * (dflt when no period option was given) and fills r.
 */
int rpt_start(struct rpt *r, ips *h, FILE *fp,
    const struct ips_report_opts *o, enum ips_period_kind dflt);
/* Binds ?1 from, ?2 to, ?3 handle, ?4 team (whichever st has). */
void rpt_bind(const struct rpt *r, sqlite3_stmt *st);
/* The specialists of the filter on staff on some day from `since` on
 * (an ISO date, or NULL for every one), ordered by handle. */
int rpt_staff_load(struct rpt *r, const char *since, struct rpt_list *l);
/* The position of id in l, or -1. */
long rpt_staff_find(const struct rpt_list *l, ips_id id);
void rpt_staff_free(struct rpt_list *l);
/* Steps st and calls fn for each row; finalizes st. */
int rpt_each(struct rpt *r, sqlite3_stmt *st,
    int (*fn)(struct rpt *r, sqlite3_stmt *st, void *arg), void *arg);

/* The title of the report in table, md and html; nothing elsewhere.  In
 * html it begins the page, which rpt_end closes. */
int rpt_title(struct rpt *r, const char *what, const char *sub);
/* A paragraph of text below a table, in table, md and html only. */
void rpt_note(struct rpt *r, const char *text);
/* A second heading in table, md and html. */
void rpt_heading(struct rpt *r, const char *text);
/* Ends the page in html; checks fp for write errors. */
int rpt_end(struct rpt *r, int rc);
/* Human formats: table, md and html. */
int rpt_human(const struct rpt *r);

/* Numbers as text into buf[32]; return buf. */
char *rpt_int(char *buf, long long v);
char *rpt_real(char *buf, double v, int decimals);
/* v rounded to the given decimals, as printed. */
double rpt_round(double v, int decimals);
/* "0.5" for 0.5, "1" for 1.0: the shortest of up to 2 decimals. */
char *rpt_num(char *buf, double v);

/* page.c: the one self-contained html page. */
/* period: the period's name (2026-W47), kept in a meta element. */
void ips_page_begin(FILE *fp, const char *title, const char *sub,
    const char *period);
void ips_page_end(FILE *fp);
void ips_page_text(FILE *fp, const char *s);	/* escaped */
void ips_page_para(FILE *fp, const char *cls, const char *text);
void ips_page_heading(FILE *fp, const char *text);

/* chart.c: the trend in blocks and the charts in SVG. */
#define IPS_TREND_WEEKS 8
/* v[0..n-1] as blocks (▁..█, · for zero) scaled so that target is ▆;
 * buf holds at least 4 * n + 1 bytes.  Returns buf. */
char *ips_spark(char *buf, size_t size, const long *v, int n,
    double target);
/* Horizontal bars, one per label, against a dashed target line. */
void ips_svg_bars(FILE *fp, const char *title, const char *const *labels,
    const long *v, int n, double target);
/* Small multiples: one column chart of nweeks values per label, with the
 * target line; weeks[] names the weeks ("W47"). */
void ips_svg_trend(FILE *fp, const char *title, const char *const *labels,
    const long *v, int n, int nweeks, const char *const *weeks,
    double target);

#endif
