/*
 * date.c - calendar dates, ISO 8601 weeks, and the periods a command
 * covers (--week, --month, --quarter, --year, --from, --to, --since).
 *
 * A day is a count of days since 1970-01-01 in the proleptic Gregorian
 * calendar; only years 1..9999 are accepted from users, so every day
 * they can name fits in an int32_t and prints as YYYY-MM-DD.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "internal.h"

#define DAY_MIN		(-719162)	/* 0001-01-01 */
#define DAY_MAX		2932896		/* 9999-12-31 */
#define FROM_YEAR1	719162		/* days from 0001-01-01 to 1970-01-01 */

#define EN_DASH		"\xe2\x80\x93"

static const char *const month_short[12] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	"Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
};
static const char *const month_long[12] = {
	"January", "February", "March", "April", "May", "June",
	"July", "August", "September", "October", "November", "December",
};

/* Quotients and remainders that round down, for days before year 1. */
static int64_t
floor_div(int64_t a, int64_t b)
{
	return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

static int64_t
floor_mod(int64_t a, int64_t b)
{
	return a - floor_div(a, b) * b;
}

static int
is_leap(int64_t y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
month_days(int64_t y, int m)
{
	static const int n[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
	};

	return m == 2 && is_leap(y) ? 29 : n[m - 1];
}

/* Days from 0001-01-01 to January 1st of year y. */
static int64_t
days_before_year(int64_t y)
{
	int64_t p = y - 1;

	return p * 365 + floor_div(p, 4) - floor_div(p, 100) +
	    floor_div(p, 400);
}

static int
in_range(int64_t day)
{
	return day >= DAY_MIN && day <= DAY_MAX;
}

int
ips_day_valid(int y, int m, int d)
{
	return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 &&
	    d <= month_days(y, m);
}

ips_day
ips_day_from_ymd(int y, int m, int d)
{
	int64_t n = days_before_year(y);
	int i;

	for (i = 1; i < m && i <= 12; i++)
		n += month_days(y, i);
	return (ips_day)(n + d - 1 - FROM_YEAR1);
}

void
ips_day_to_ymd(ips_day day, int *y, int *m, int *d)
{
	int64_t n = (int64_t)day + FROM_YEAR1, yy;
	int mm;

	/* A guess from the mean year length, off by at most one. */
	yy = floor_div(n * 400, 146097) + 1;
	while (days_before_year(yy) > n)
		yy--;
	while (days_before_year(yy + 1) <= n)
		yy++;
	n -= days_before_year(yy);
	for (mm = 1; mm < 12 && n >= month_days(yy, mm); mm++)
		n -= month_days(yy, mm);
	*y = (int)yy;
	*m = mm;
	*d = (int)n + 1;
}

int
ips_day_weekday(ips_day day)
{
	/* 0001-01-01 was a Monday. */
	return (int)floor_mod((int64_t)day + FROM_YEAR1, 7) + 1;
}

void
ips_day_isoweek(ips_day day, int *year, int *week)
{
	/* A week belongs to the year that holds its Thursday. */
	ips_day thu = day - ips_day_weekday(day) + 4;
	int y, m, d;

	ips_day_to_ymd(thu, &y, &m, &d);
	*year = y;
	*week = (thu - ips_day_from_ymd(y, 1, 1)) / 7 + 1;
}

ips_day
ips_isoweek_monday(int year, int week)
{
	/* Week 1 is the one that holds January 4th. */
	ips_day jan4 = ips_day_from_ymd(year, 1, 4);

	return jan4 - (ips_day_weekday(jan4) - 1) + 7 * (week - 1);
}

int
ips_isoweeks_in_year(int year)
{
	return (ips_isoweek_monday(year + 1, 1) -
	    ips_isoweek_monday(year, 1)) / 7;
}

char *
ips_day_format(ips_day day, char buf[11])
{
	int y, m, d;

	if (day == IPS_DAY_NONE) {
		buf[0] = '\0';
		return buf;
	}
	if (!in_range(day)) {
		/* No caller should get here: a day no one can type. */
		memcpy(buf, "0000-00-00", 11);
		return buf;
	}
	ips_day_to_ymd(day, &y, &m, &d);
	buf[0] = '0' + y / 1000;
	buf[1] = '0' + y / 100 % 10;
	buf[2] = '0' + y / 10 % 10;
	buf[3] = '0' + y % 10;
	buf[4] = '-';
	buf[5] = '0' + m / 10;
	buf[6] = '0' + m % 10;
	buf[7] = '-';
	buf[8] = '0' + d / 10;
	buf[9] = '0' + d % 10;
	buf[10] = '\0';
	return buf;
}

/*
 * Reads between min and max decimal digits at *p into *v and moves *p
 * past them; -1 when there are fewer than min or more than max.
 */
static int
digits(const char **p, int min, int max, int *v)
{
	const char *s = *p;
	int n = 0, i;

	for (i = 0; s[i] >= '0' && s[i] <= '9'; i++) {
		if (i == max)
			return -1;
		n = n * 10 + (s[i] - '0');
	}
	if (i < min)
		return -1;
	*v = n;
	*p = s + i;
	return 0;
}

/* Exactly YYYY-MM-DD, a valid date. */
static int
parse_iso(const char *s, ips_day *out)
{
	int y, m, d;

	if (digits(&s, 4, 4, &y) == -1 || *s++ != '-' ||
	    digits(&s, 2, 2, &m) == -1 || *s++ != '-' ||
	    digits(&s, 2, 2, &d) == -1 || *s != '\0' ||
	    !ips_day_valid(y, m, d))
		return -1;
	*out = ips_day_from_ymd(y, m, d);
	return 0;
}

/* The Finnish d.m.yyyy, with one or two digits of day and month. */
static int
parse_finnish(const char *s, ips_day *out)
{
	int y, m, d;

	if (digits(&s, 1, 2, &d) == -1 || *s++ != '.' ||
	    digits(&s, 1, 2, &m) == -1 || *s++ != '.' ||
	    digits(&s, 4, 4, &y) == -1 || *s != '\0' ||
	    !ips_day_valid(y, m, d))
		return -1;
	*out = ips_day_from_ymd(y, m, d);
	return 0;
}

ips_day
ips_today(ips *h)
{
	const struct ips_config *cfg;
	ips_day day;
	time_t t;

	/* Without a configuration, the system date is still right; the
	 * error stays on the handle for whoever asked for the config. */
	cfg = ips_config(h);
	if (cfg != NULL && cfg->today != NULL &&
	    parse_iso(cfg->today, &day) == 0)
		return day;
	t = time(NULL);
	return (ips_day)floor_div((int64_t)t, 86400);
}

/*
 * Moves day by n units: 'd' days, 'w' weeks, 'm' calendar months or 'y'
 * years; months and years keep the day of the month where it exists and
 * take the month's last day where it does not (03-31 - 1m is 02-28).
 */
static int
shift(ips_day day, int64_t n, int unit, ips_day *out)
{
	int64_t r, mon;
	int y, m, d;

	switch (unit) {
	case 'd':
		r = day + n;
		break;
	case 'w':
		r = day + 7 * n;
		break;
	case 'm':
	case 'y':
		ips_day_to_ymd(day, &y, &m, &d);
		mon = (int64_t)y * 12 + (m - 1) + (unit == 'm' ? n : 12 * n);
		if (mon < 12 || mon >= 10000 * 12)
			return -1;
		y = (int)(mon / 12);
		m = (int)(mon % 12) + 1;
		if (d > month_days(y, m))
			d = month_days(y, m);
		r = ips_day_from_ymd(y, m, d);
		break;
	default:
		return -1;
	}
	if (!in_range(r))
		return -1;
	*out = (ips_day)r;
	return 0;
}

/*
 * A count and a unit, "30d", at s: *n and *unit.  Counts too large for
 * any date in range are refused here so that nothing overflows later.
 */
static int
parse_count(const char *s, int64_t *n, int *unit)
{
	int64_t v = 0;
	int i;

	for (i = 0; s[i] >= '0' && s[i] <= '9'; i++) {
		v = v * 10 + (s[i] - '0');
		if (v > 100000000)
			return -1;
	}
	if (i == 0 || s[i] == '\0' || s[i + 1] != '\0')
		return -1;
	switch (s[i]) {
	case 'd': case 'w': case 'm': case 'y':
		*unit = s[i];
		break;
	case 'D': case 'W': case 'M': case 'Y':
		*unit = s[i] - 'A' + 'a';
		break;
	default:
		return -1;
	}
	*n = v;
	return 0;
}

/* Any form ips_date_parse takes, without a message on failure. */
static int
parse_date(ips *h, const char *s, ips_day *out)
{
	int64_t n;
	int unit;

	if (strcasecmp(s, "today") == 0)
		return shift(ips_today(h), 0, 'd', out);
	if (strcasecmp(s, "yesterday") == 0)
		return shift(ips_today(h), -1, 'd', out);
	if (strcasecmp(s, "tomorrow") == 0)
		return shift(ips_today(h), 1, 'd', out);
	if (s[0] == '-' || s[0] == '+') {
		if (parse_count(s + 1, &n, &unit) == -1)
			return -1;
		return shift(ips_today(h), s[0] == '-' ? -n : n, unit, out);
	}
	if (parse_iso(s, out) == 0 || parse_finnish(s, out) == 0)
		return 0;
	return -1;
}

/*
 * "what: invalid noun 's'".  The input may be anything a user or a pipe
 * gave, megabytes or not text at all: quote a short printable start of
 * it or nothing.
 */
static int
bad_input(ips *h, int status, const char *what, const char *noun,
    const char *s)
{
	const char *sep = what != NULL ? ": " : "";

	if (what == NULL)
		what = "";
	if (s == NULL)
		return ips_fail(h, status, "%s%sinvalid %s", what, sep, noun);
	if (!ips_echo_ok(s))
		return ips_fail(h, status, "%s%sinvalid %s", what, sep, noun);
	return ips_fail(h, status, "%s%sinvalid %s '%s'", what, sep, noun,
	    s);
}

int
ips_date_parse(ips *h, const char *what, const char *s, ips_day *out)
{
	ips_day day;

	if (s == NULL || parse_date(h, s, &day) == -1)
		return bad_input(h, IPS_EDATA, what, "date", s);
	*out = day;
	return 0;
}

int
ips_span_parse(ips *h, const char *what, const char *s, ips_day *from)
{
	const char *c = s;
	ips_day day;
	int64_t n;
	int unit;

	if (s == NULL)
		return bad_input(h, IPS_EDATA, what, "date", s);
	if (*c == '-')
		c++;
	if (parse_count(c, &n, &unit) == 0) {
		if (shift(ips_today(h), -n, unit, &day) == -1)
			return bad_input(h, IPS_EDATA, what, "date", s);
	} else if (parse_date(h, s, &day) == -1)
		return bad_input(h, IPS_EDATA, what, "date", s);
	*from = day;
	return 0;
}

/* this, last and next: 0, -1 and 1; 2 for anything else. */
static int
relative_word(const char *s)
{
	if (strcasecmp(s, "this") == 0)
		return 0;
	if (strcasecmp(s, "last") == 0)
		return -1;
	if (strcasecmp(s, "next") == 0)
		return 1;
	return 2;
}

/*
 * The calendar unit of the given kind that holds day, moved by k units:
 * its first and last days.
 */
static int
unit_span(enum ips_period_kind kind, ips_day day, int k, ips_day *from,
    ips_day *to)
{
	ips_day f;
	int y, m, d, q;

	ips_day_to_ymd(day, &y, &m, &d);
	switch (kind) {
	case IPS_PERIOD_WEEK:
		f = day - (ips_day_weekday(day) - 1);
		if (shift(f, k, 'w', &f) == -1 || !in_range(f + 6))
			return -1;
		*from = f;
		*to = f + 6;
		return 0;
	case IPS_PERIOD_MONTH:
		if (shift(ips_day_from_ymd(y, m, 1), k, 'm', &f) == -1)
			return -1;
		ips_day_to_ymd(f, &y, &m, &d);
		*from = f;
		*to = f + month_days(y, m) - 1;
		return 0;
	case IPS_PERIOD_QUARTER:
		q = (m - 1) / 3;
		if (shift(ips_day_from_ymd(y, q * 3 + 1, 1), 3 * k, 'm',
		    &f) == -1)
			return -1;
		ips_day_to_ymd(f, &y, &m, &d);
		*from = f;
		*to = ips_day_from_ymd(y, m + 2, month_days(y, m + 2));
		return 0;
	case IPS_PERIOD_YEAR:
		if (shift(ips_day_from_ymd(y, 1, 1), k, 'y', &f) == -1)
			return -1;
		ips_day_to_ymd(f, &y, &m, &d);
		*from = f;
		*to = ips_day_from_ymd(y, 12, 31);
		return 0;
	default:
		return -1;
	}
}

/* The named forms: 2026-W47, 2026-11, 2026-Q4, 2026. */
static int
parse_unit_name(enum ips_period_kind kind, const char *s, ips_day *from,
    ips_day *to)
{
	int y, n;

	if (digits(&s, 4, 4, &y) == -1 || y < 1)
		return -1;
	switch (kind) {
	case IPS_PERIOD_WEEK:
		if (*s++ != '-' || (*s != 'W' && *s != 'w'))
			return -1;
		s++;
		if (digits(&s, 1, 2, &n) == -1 || *s != '\0' || n < 1 ||
		    n > ips_isoweeks_in_year(y))
			return -1;
		*from = ips_isoweek_monday(y, n);
		*to = *from + 6;
		return in_range(*from) && in_range(*to) ? 0 : -1;
	case IPS_PERIOD_MONTH:
		if (*s++ != '-' || digits(&s, 1, 2, &n) == -1 ||
		    *s != '\0' || n < 1 || n > 12)
			return -1;
		*from = ips_day_from_ymd(y, n, 1);
		*to = ips_day_from_ymd(y, n, month_days(y, n));
		return 0;
	case IPS_PERIOD_QUARTER:
		if (*s++ != '-' || (*s != 'Q' && *s != 'q'))
			return -1;
		s++;
		if (digits(&s, 1, 1, &n) == -1 || *s != '\0' || n < 1 ||
		    n > 4)
			return -1;
		*from = ips_day_from_ymd(y, 3 * n - 2, 1);
		*to = ips_day_from_ymd(y, 3 * n, month_days(y, 3 * n));
		return 0;
	case IPS_PERIOD_YEAR:
		if (*s != '\0')
			return -1;
		*from = ips_day_from_ymd(y, 1, 1);
		*to = ips_day_from_ymd(y, 12, 31);
		return 0;
	default:
		return -1;
	}
}

/* A --week, --month, --quarter or --year argument: its name, this, last,
 * next, or any date, meaning the unit that holds it. */
static int
parse_unit(ips *h, enum ips_period_kind kind, const char *s, ips_day *from,
    ips_day *to)
{
	static const char *const noun[] = {
		[IPS_PERIOD_WEEK] = "week", [IPS_PERIOD_MONTH] = "month",
		[IPS_PERIOD_QUARTER] = "quarter", [IPS_PERIOD_YEAR] = "year",
	};
	ips_day day;
	int k;

	if ((k = relative_word(s)) != 2) {
		if (unit_span(kind, ips_today(h), k, from, to) == 0)
			return 0;
	} else if (parse_unit_name(kind, s, from, to) == 0)
		return 0;
	else if (parse_date(h, s, &day) == 0 &&
	    unit_span(kind, day, 0, from, to) == 0)
		return 0;
	return bad_input(h, IPS_EDATA, NULL, noun[kind], s);
}

/* Which option made a period: the kind, or for a range whether it came
 * from --since or from --from and --to (kept in name until finished). */
static const char *
given_by(const struct ips_period *p)
{
	switch (p->kind) {
	case IPS_PERIOD_WEEK:
		return "week";
	case IPS_PERIOD_MONTH:
		return "month";
	case IPS_PERIOD_QUARTER:
		return "quarter";
	case IPS_PERIOD_YEAR:
		return "year";
	case IPS_PERIOD_RANGE:
		if (strcmp(p->name, "since") == 0)
			return "since";
		return strcmp(p->name, "to") == 0 ? "to" : "from";
	default:
		return NULL;
	}
}

int
ips_period_option(ips *h, struct ips_period *p, const char *opt,
    const char *arg)
{
	static const struct {
		const char *name;
		enum ips_period_kind kind;
	} opts[] = {
		{ "week", IPS_PERIOD_WEEK }, { "month", IPS_PERIOD_MONTH },
		{ "quarter", IPS_PERIOD_QUARTER }, { "year", IPS_PERIOD_YEAR },
		{ "from", IPS_PERIOD_RANGE }, { "to", IPS_PERIOD_RANGE },
		{ "since", IPS_PERIOD_RANGE },
	};
	enum ips_period_kind kind = IPS_PERIOD_NONE;
	const char *prev;
	ips_day from, to;
	size_t i;
	int rc, since, was_since;

	if (opt == NULL)
		return ips_fail(h, IPS_EUSAGE, "unknown period option");
	if (strncmp(opt, "--", 2) == 0)
		opt += 2;
	for (i = 0; i < sizeof opts / sizeof opts[0]; i++)
		if (strcmp(opt, opts[i].name) == 0) {
			opt = opts[i].name;
			kind = opts[i].kind;
			break;
		}
	if (kind == IPS_PERIOD_NONE)
		return bad_input(h, IPS_EUSAGE, NULL, "period option", opt);
	if (arg == NULL)
		return ips_fail(h, IPS_EUSAGE, "option '--%s' needs an "
		    "argument", opt);

	/* The same option twice: the last wins.  --from and --to make one
	 * range, which --since cannot join. */
	prev = given_by(p);
	since = strcmp(opt, "since") == 0;
	was_since = prev != NULL && strcmp(prev, "since") == 0;
	if (prev != NULL && (p->kind != kind || since != was_since))
		return ips_fail(h, IPS_EUSAGE, "conflicting period options "
		    "'--%s' and '--%s'", prev, opt);

	switch (kind) {
	case IPS_PERIOD_RANGE:
		from = p->kind == IPS_PERIOD_RANGE ? p->from : IPS_DAY_NONE;
		to = p->kind == IPS_PERIOD_RANGE ? p->to : IPS_DAY_NONE;
		if (since) {
			if ((rc = ips_span_parse(h, "--since", arg, &from)) != 0)
				return rc;
			to = ips_today(h);
		} else if (strcmp(opt, "from") == 0)
			rc = ips_date_parse(h, "--from", arg, &from);
		else
			rc = ips_date_parse(h, "--to", arg, &to);
		if (rc != 0)
			return rc;
		if (p->kind != IPS_PERIOD_RANGE || since)
			snprintf(p->name, sizeof p->name, "%s", opt);
		break;
	default:
		if ((rc = parse_unit(h, kind, arg, &from, &to)) != 0)
			return rc;
		p->name[0] = '\0';
		break;
	}
	p->kind = kind;
	p->from = from;
	p->to = to;
	p->label[0] = '\0';
	return 0;
}

enum {
	LABEL_YEAR = 1,		/* end with the year */
	LABEL_SHARE = 2,	/* one month named once: "16–22 Nov" */
};

/* "16–22 Nov 2026", "30 Nov – 6 Dec 2026", "29 Dec 2025 – 4 Jan 2026",
 * "1 Oct – 31 Dec": both years whenever they differ. */
static void
label_days(char *buf, size_t size, ips_day from, ips_day to, int flags)
{
	int y1, m1, d1, y2, m2, d2;
	size_t n;

	ips_day_to_ymd(from, &y1, &m1, &d1);
	ips_day_to_ymd(to, &y2, &m2, &d2);
	if (y1 != y2)
		snprintf(buf, size, "%d %s %d " EN_DASH " %d %s %d", d1,
		    month_short[m1 - 1], y1, d2, month_short[m2 - 1], y2);
	else if (m1 == m2 && (flags & LABEL_SHARE))
		snprintf(buf, size, "%d" EN_DASH "%d %s", d1, d2,
		    month_short[m2 - 1]);
	else
		snprintf(buf, size, "%d %s " EN_DASH " %d %s", d1,
		    month_short[m1 - 1], d2, month_short[m2 - 1]);
	if (y1 == y2 && (flags & LABEL_YEAR) && (n = strlen(buf)) < size)
		snprintf(buf + n, size - n, " %d", y2);
}

static void
label_period(struct ips_period *p)
{
	char a[11], b[11], days[48];
	int y, m, d, w;

	ips_day_to_ymd(p->from == IPS_DAY_NONE ? p->to : p->from, &y, &m, &d);
	switch (p->kind) {
	case IPS_PERIOD_WEEK:
		ips_day_isoweek(p->from, &y, &w);
		snprintf(p->name, sizeof p->name, "%04d-W%02d", y, w);
		label_days(days, sizeof days, p->from, p->to,
		    LABEL_YEAR | LABEL_SHARE);
		snprintf(p->label, sizeof p->label, "Week %d, %s", w, days);
		break;
	case IPS_PERIOD_MONTH:
		snprintf(p->name, sizeof p->name, "%04d-%02d", y, m);
		snprintf(p->label, sizeof p->label, "%s %d",
		    month_long[m - 1], y);
		break;
	case IPS_PERIOD_QUARTER:
		snprintf(p->name, sizeof p->name, "%04d-Q%d", y,
		    (m - 1) / 3 + 1);
		label_days(days, sizeof days, p->from, p->to, 0);
		snprintf(p->label, sizeof p->label, "Q%d %d, %s",
		    (m - 1) / 3 + 1, y, days);
		break;
	case IPS_PERIOD_YEAR:
		snprintf(p->name, sizeof p->name, "%04d", y);
		snprintf(p->label, sizeof p->label, "%d", y);
		break;
	case IPS_PERIOD_RANGE:
		snprintf(p->name, sizeof p->name, "%s..%s",
		    ips_day_format(p->from, a), ips_day_format(p->to, b));
		ips_day_to_ymd(p->to, &y, &m, &d);
		if (p->from == IPS_DAY_NONE)
			snprintf(p->label, sizeof p->label, "until %d %s %d",
			    d, month_short[m - 1], y);
		else if (p->from == p->to)
			snprintf(p->label, sizeof p->label, "%d %s %d", d,
			    month_short[m - 1], y);
		else
			label_days(p->label, sizeof p->label, p->from, p->to,
			    LABEL_YEAR);
		break;
	default:
		p->name[0] = p->label[0] = '\0';
		break;
	}
}

int
ips_period_finish(ips *h, struct ips_period *p, enum ips_period_kind dflt)
{
	int since;

	if (p->kind == IPS_PERIOD_NONE) {
		p->from = p->to = IPS_DAY_NONE;
		switch (dflt) {
		case IPS_PERIOD_WEEK:
		case IPS_PERIOD_MONTH:
		case IPS_PERIOD_QUARTER:
		case IPS_PERIOD_YEAR:
			if (unit_span(dflt, ips_today(h), 0, &p->from,
			    &p->to) == -1)
				return ips_fail(h, IPS_EDATA, "today is out "
				    "of range");
			p->kind = dflt;
			break;
		case IPS_PERIOD_RANGE:
			/* Everything up to today. */
			p->to = ips_today(h);
			p->kind = dflt;
			break;
		default:
			p->name[0] = p->label[0] = '\0';
			return 0;
		}
	}
	if (p->kind != IPS_PERIOD_RANGE && (!in_range(p->from) ||
	    !in_range(p->to)))
		return ips_fail(h, IPS_EUSAGE, "invalid period");
	if (p->kind == IPS_PERIOD_RANGE) {
		/* Without --to the range ends today, and says so. */
		since = strcmp(p->name, "since") == 0 || p->to == IPS_DAY_NONE;
		if (p->to == IPS_DAY_NONE)
			p->to = ips_today(h);
		if (p->from != IPS_DAY_NONE && p->from > p->to)
			return ips_fail(h, IPS_EUSAGE, since ? "--%s is after "
			    "today" : "--from is after --to",
			    strcmp(p->name, "since") == 0 ? "since" : "from");
	}
	label_period(p);
	return 0;
}

struct ips_period *
ips_period(ips *h)
{
	return &h->period;
}
