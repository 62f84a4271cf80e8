/*
 * t-date.c - calendar dates, ISO weeks, date input and periods.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "internal.h"
#include "tap.h"

#define DASH "\xe2\x80\x93"

/* A handle whose today is fixed, as IPS_TODAY would fix it. */
static ips *
handle(const char *today)
{
	ips *h;

	if ((h = ips_new("t-date")) == NULL) {
		printf("Bail out! out of memory\n");
		exit(1);
	}
	if (today != NULL && (h->cfg.today = strdup(today)) == NULL) {
		printf("Bail out! out of memory\n");
		exit(1);
	}
	h->config_loaded = 1;
	return h;
}

static const char *
fmt(ips_day day)
{
	static char buf[8][11];
	static int i;

	i = (i + 1) % 8;
	return ips_day_format(day, buf[i]);
}

static ips_day
ymd(int y, int m, int d)
{
	return ips_day_from_ymd(y, m, d);
}

/* The date s parses to, or "error N: message". */
static const char *
parse(ips *h, const char *s)
{
	static char buf[600];
	ips_day day = 12345;
	int rc;

	if ((rc = ips_date_parse(h, "date", s, &day)) != 0) {
		snprintf(buf, sizeof buf, "error %d: %s", rc, ips_errmsg(h));
		return buf;
	}
	return fmt(day);
}

static const char *
span(ips *h, const char *s)
{
	static char buf[600];
	ips_day day = 12345;
	int rc;

	if ((rc = ips_span_parse(h, "--idle", s, &day)) != 0) {
		snprintf(buf, sizeof buf, "error %d: %s", rc, ips_errmsg(h));
		return buf;
	}
	return fmt(day);
}

static void
is_date(ips *h, const char *s, const char *want)
{
	char what[128], shown[48];
	size_t i;

	/* The description must stay on one line and short. */
	for (i = 0; i < sizeof shown - 1 && s[i] != '\0'; i++)
		shown[i] = s[i] >= 0x20 && s[i] < 0x7f ? s[i] : '?';
	shown[i] = '\0';
	snprintf(what, sizeof what, "'%s' is %s", shown, want);
	is_str(parse(h, s), want, what);
}

static void
is_span(ips *h, const char *s, const char *want)
{
	char what[128];

	snprintf(what, sizeof what, "span '%s' is %s", s, want);
	is_str(span(h, s), want, what);
}

/*
 * Gives up to two period options and finishes; "name|label|from|to" or
 * "error N: message".
 */
static const char *
period(ips *h, enum ips_period_kind dflt, const char *o1, const char *a1,
    const char *o2, const char *a2)
{
	static char buf[600];
	struct ips_period p;
	int rc = 0;

	memset(&p, 0, sizeof p);
	if (o1 != NULL)
		rc = ips_period_option(h, &p, o1, a1);
	if (rc == 0 && o2 != NULL)
		rc = ips_period_option(h, &p, o2, a2);
	if (rc == 0)
		rc = ips_period_finish(h, &p, dflt);
	if (rc != 0)
		snprintf(buf, sizeof buf, "error %d: %s", rc, ips_errmsg(h));
	else
		snprintf(buf, sizeof buf, "%s|%s|%s|%s", p.name, p.label,
		    fmt(p.from), fmt(p.to));
	return buf;
}

static void
is_period(ips *h, const char *o1, const char *a1, const char *o2,
    const char *a2, const char *want)
{
	char what[256];

	snprintf(what, sizeof what, "--%s %s%s%s%s%s", o1, a1,
	    o2 ? " --" : "", o2 ? o2 : "", o2 ? " " : "", o2 ? a2 : "");
	is_str(period(h, IPS_PERIOD_NONE, o1, a1, o2, a2), want, what);
}

static void
test_calendar(void)
{
	ok(ips_day_valid(2024, 2, 29), "2024-02-29 is valid");
	ok(!ips_day_valid(2026, 2, 29), "2026-02-29 is not");
	ok(!ips_day_valid(1900, 2, 29), "1900-02-29 is not");
	ok(ips_day_valid(2000, 2, 29), "2000-02-29 is valid");
	ok(!ips_day_valid(2026, 2, 30), "2026-02-30 is not");
	ok(!ips_day_valid(2026, 4, 31), "2026-04-31 is not");
	ok(ips_day_valid(2026, 12, 31), "2026-12-31 is valid");
	ok(!ips_day_valid(2026, 13, 1), "month 13 is not");
	ok(!ips_day_valid(2026, 0, 1), "month 0 is not");
	ok(!ips_day_valid(2026, 1, 0), "day 0 is not");
	ok(!ips_day_valid(0, 1, 1), "year 0 is not");
	ok(!ips_day_valid(10000, 1, 1), "year 10000 is not");
	ok(ips_day_valid(1, 1, 1) && ips_day_valid(9999, 12, 31),
	    "years 1 and 9999 are");

	is_int(ymd(1970, 1, 1), 0, "1970-01-01 is day 0");
	is_int(ymd(1969, 12, 31), -1, "1969-12-31 is day -1");
	is_int(ymd(2000, 3, 1), 11017, "2000-03-01 is day 11017");
	is_int(ymd(2026, 11, 23), 20780, "2026-11-23 is day 20780");
	is_int(ymd(1, 1, 1), -719162, "0001-01-01 is day -719162");
	is_int(ymd(9999, 12, 31), 2932896, "9999-12-31 is day 2932896");

	is_int(ips_day_weekday(0), 4, "1970-01-01 was a Thursday");
	is_int(ips_day_weekday(ymd(2026, 11, 23)), 1,
	    "2026-11-23 is a Monday");
	is_int(ips_day_weekday(ymd(2026, 11, 22)), 7,
	    "2026-11-22 is a Sunday");
	is_int(ips_day_weekday(ymd(1, 1, 1)), 1, "0001-01-01 was a Monday");

	is_str(fmt(ymd(2026, 11, 23)), "2026-11-23", "format 2026-11-23");
	is_str(fmt(ymd(1, 1, 1)), "0001-01-01", "format 0001-01-01");
	is_str(fmt(ymd(9999, 12, 31)), "9999-12-31", "format 9999-12-31");
	is_str(fmt(IPS_DAY_NONE), "", "format of no day is empty");
}

/* Every day of 1900..2100 against gmtime, every day of 1..9999 both ways. */
static void
test_round_trip(void)
{
	ips_day day, first = ymd(1900, 1, 1), last = ymd(2100, 12, 31);
	int y, m, d, bad = 0, wd;
	struct tm tm;
	time_t t;

	for (day = first; day <= last; day++) {
		ips_day_to_ymd(day, &y, &m, &d);
		t = (time_t)day * 86400;
		if (gmtime_r(&t, &tm) == NULL || tm.tm_year + 1900 != y ||
		    tm.tm_mon + 1 != m || tm.tm_mday != d ||
		    ips_day_from_ymd(y, m, d) != day ||
		    !ips_day_valid(y, m, d)) {
			if (bad++ == 0)
				printf("# first bad day %d: %d-%d-%d\n", day,
				    y, m, d);
			continue;
		}
		wd = tm.tm_wday == 0 ? 7 : tm.tm_wday;
		if (ips_day_weekday(day) != wd && bad++ == 0)
			printf("# bad weekday on day %d\n", day);
	}
	is_int(bad, 0, "1900..2100: ymd, day and weekday agree with gmtime");

	bad = 0;
	day = ymd(1, 1, 1);
	for (y = 1; y <= 9999; y++)
		for (m = 1; m <= 12; m++)
			for (d = 1; ips_day_valid(y, m, d); d++, day++) {
				int y2, m2, d2;

				ips_day_to_ymd(day, &y2, &m2, &d2);
				if ((ips_day_from_ymd(y, m, d) != day ||
				    y2 != y || m2 != m || d2 != d) &&
				    bad++ == 0)
					printf("# first bad: %d-%d-%d\n", y, m,
					    d);
			}
	is_int(bad, 0, "years 1..9999: consecutive days both ways");
	is_int(day, ymd(9999, 12, 31) + 1, "and as many days as there are");
}

static void
test_isoweek(void)
{
	int y, w, bad = 0;
	ips_day day;

	ips_day_isoweek(ymd(2020, 12, 31), &y, &w);
	ok(y == 2020 && w == 53, "2020-12-31 is 2020-W53");
	ips_day_isoweek(ymd(2021, 1, 3), &y, &w);
	ok(y == 2020 && w == 53, "2021-01-03 is 2020-W53");
	ips_day_isoweek(ymd(2021, 1, 4), &y, &w);
	ok(y == 2021 && w == 1, "2021-01-04 is 2021-W01");
	ips_day_isoweek(ymd(2025, 12, 29), &y, &w);
	ok(y == 2026 && w == 1, "2025-12-29 is 2026-W01");
	ips_day_isoweek(ymd(2026, 11, 23), &y, &w);
	ok(y == 2026 && w == 48, "2026-11-23 is 2026-W48");
	ips_day_isoweek(ymd(2026, 11, 22), &y, &w);
	ok(y == 2026 && w == 47, "2026-11-22 is 2026-W47");
	ips_day_isoweek(ymd(2027, 1, 1), &y, &w);
	ok(y == 2026 && w == 53, "2027-01-01 is 2026-W53");
	ips_day_isoweek(ymd(2027, 1, 4), &y, &w);
	ok(y == 2027 && w == 1, "2027-01-04 is 2027-W01");
	is_str(fmt(ips_isoweek_monday(2026, 1)), "2025-12-29",
	    "2026-W01 starts 2025-12-29");
	is_str(fmt(ips_isoweek_monday(2026, 48)), "2026-11-23",
	    "2026-W48 starts 2026-11-23");
	is_str(fmt(ips_isoweek_monday(2020, 53)), "2020-12-28",
	    "2020-W53 starts 2020-12-28");
	is_int(ips_isoweeks_in_year(2020), 53, "2020 has 53 weeks");
	/* 2026 begins on a Thursday, so it has a week 53. */
	is_int(ips_isoweeks_in_year(2026), 53, "2026 has 53 weeks");
	is_int(ips_isoweeks_in_year(2025), 52, "2025 has 52 weeks");
	is_int(ips_isoweeks_in_year(2027), 52, "2027 has 52 weeks");
	is_int(ips_isoweeks_in_year(2015), 53, "2015 has 53 weeks");
	is_int(ips_isoweeks_in_year(2004), 53, "2004 has 53 weeks");
	is_int(ips_isoweeks_in_year(2021), 52, "2021 has 52 weeks");

	for (day = ymd(1900, 1, 1); day <= ymd(2100, 12, 31); day++) {
		ips_day_isoweek(day, &y, &w);
		if ((w < 1 || w > ips_isoweeks_in_year(y) ||
		    ips_isoweek_monday(y, w) !=
		    day - ips_day_weekday(day) + 1) && bad++ == 0)
			printf("# bad week of day %d: %d-W%d\n", day, y, w);
	}
	is_int(bad, 0, "1900..2100: each day's week starts on its Monday");
}

static void
test_parse(void)
{
	ips *h = handle("2026-11-23");
	char *big;

	is_date(h, "2026-11-23", "2026-11-23");
	is_date(h, "2024-02-29", "2024-02-29");
	is_date(h, "23.11.2026", "2026-11-23");
	is_date(h, "1.2.2026", "2026-02-01");
	is_date(h, "01.02.2026", "2026-02-01");
	is_date(h, "0001-01-01", "0001-01-01");
	is_date(h, "31.2.2026", "error 65: date: invalid date '31.2.2026'");
	is_date(h, "2026-02-30", "error 65: date: invalid date '2026-02-30'");
	is_date(h, "2026-2-3", "error 65: date: invalid date '2026-2-3'");
	is_date(h, "2026-11-23x", "error 65: date: invalid date '2026-11-23x'");
	is_date(h, " 2026-11-23", "error 65: date: invalid date");
	is_date(h, "20261123", "error 65: date: invalid date");
	is_date(h, "0000-01-01", "error 65: date: invalid date '0000-01-01'");
	is_date(h, "123.11.2026", "error 65: date: invalid date '123.11.2026'");
	is_date(h, "23.11.26", "error 65: date: invalid date '23.11.26'");
	is_date(h, "23.11.2026.", "error 65: date: invalid date '23.11.2026.'");
	is_date(h, "", "error 65: date: invalid date ''");
	is_date(h, "2026-11", "error 65: date: invalid date '2026-11'");

	is_date(h, "today", "2026-11-23");
	is_date(h, "yesterday", "2026-11-22");
	is_date(h, "tomorrow", "2026-11-24");
	is_date(h, "-7d", "2026-11-16");
	is_date(h, "+7d", "2026-11-30");
	is_date(h, "-0d", "2026-11-23");
	is_date(h, "+2w", "2026-12-07");
	is_date(h, "-3m", "2026-08-23");
	is_date(h, "+1y", "2027-11-23");
	is_date(h, "-1y", "2025-11-23");
	is_date(h, "-12m", "2025-11-23");
	is_date(h, "-2025y", "0001-11-23");
	is_date(h, "-2026y", "error 65: date: invalid date '-2026y'");
	is_date(h, "+7974y", "error 65: date: invalid date '+7974y'");
	is_date(h, "+7973y", "9999-11-23");
	is_date(h, "-99999999999999999999d",
	    "error 65: date: invalid date");
	is_date(h, "+9223372036854775807w",
	    "error 65: date: invalid date");
	is_date(h, "-7", "error 65: date: invalid date '-7'");
	is_date(h, "7d", "error 65: date: invalid date '7d'");
	is_date(h, "-d", "error 65: date: invalid date '-d'");
	is_date(h, "-7x", "error 65: date: invalid date '-7x'");
	is_date(h, "--7d", "error 65: date: invalid date '--7d'");
	is_date(h, "-7dd", "error 65: date: invalid date '-7dd'");
	is_date(h, "todays", "error 65: date: invalid date 'todays'");

	/* Input is quoted only when short and printable. */
	is_date(h, "2026-11-23\xff", "error 65: date: invalid date");
	is_date(h, "\xc3\xa4", "error 65: date: invalid date");
	is_date(h, "a\nb", "error 65: date: invalid date");
	if ((big = malloc(1 << 20)) == NULL) {
		printf("Bail out! out of memory\n");
		exit(1);
	}
	memset(big, 'a', (1 << 20) - 1);
	big[(1 << 20) - 1] = '\0';
	is_date(h, big, "error 65: date: invalid date");
	big[0] = '\x01';
	is_date(h, big, "error 65: date: invalid date");
	free(big);
	is_str(parse(h, NULL), "error 65: date: invalid date",
	    "no string at all");
	ips_free(h);

	/* Months and years end early: the day moves to the month's end. */
	h = handle("2026-03-31");
	is_date(h, "-1m", "2026-02-28");
	is_date(h, "+1m", "2026-04-30");
	is_date(h, "-13m", "2025-02-28");
	ips_free(h);
	h = handle("2024-02-29");
	is_date(h, "+1y", "2025-02-28");
	is_date(h, "-4y", "2020-02-29");
	ips_free(h);
	h = handle("2024-01-31");
	is_date(h, "+1m", "2024-02-29");
	ips_free(h);
}

static void
test_span(void)
{
	ips *h = handle("2026-11-23");

	is_span(h, "7d", "2026-11-16");
	is_span(h, "-7d", "2026-11-16");
	is_span(h, "30d", "2026-10-24");
	is_span(h, "2w", "2026-11-09");
	is_span(h, "3m", "2026-08-23");
	is_span(h, "1y", "2025-11-23");
	is_span(h, "0d", "2026-11-23");
	is_span(h, "2026-01-01", "2026-01-01");
	is_span(h, "1.11.2026", "2026-11-01");
	is_span(h, "yesterday", "2026-11-22");
	is_span(h, "7", "error 65: --idle: invalid date '7'");
	is_span(h, "7days", "error 65: --idle: invalid date '7days'");
	is_span(h, "", "error 65: --idle: invalid date ''");
	is_span(h, "2027y", "error 65: --idle: invalid date '2027y'");
	is_span(h, "99999999999y",
	    "error 65: --idle: invalid date");
	ips_free(h);
}

static void
test_today(void)
{
	ips *h = handle(NULL);
	ips_day want, got;

	want = (ips_day)(time(NULL) / 86400);
	got = ips_today(h);
	/* Allow for midnight passing between the two calls. */
	ok(got == want || got == want + 1, "without IPS_TODAY, today is the "
	    "UTC date (%s)", fmt(got));
	ips_free(h);

	h = handle("2026-11-23");
	is_str(fmt(ips_today(h)), "2026-11-23", "IPS_TODAY sets today");
	ips_free(h);
}

static void
test_period(void)
{
	ips *h = handle("2026-11-23");
	struct ips_period p;
	const char *s;
	int rc;

	is_period(h, "week", "2026-W47", NULL, NULL,
	    "2026-W47|Week 47, 16" DASH "22 Nov 2026|2026-11-16|2026-11-22");
	is_period(h, "week", "2026-w48", NULL, NULL,
	    "2026-W48|Week 48, 23" DASH "29 Nov 2026|2026-11-23|2026-11-29");
	is_period(h, "week", "2026-W49", NULL, NULL,
	    "2026-W49|Week 49, 30 Nov " DASH " 6 Dec 2026|2026-11-30|"
	    "2026-12-06");
	is_period(h, "week", "2026-W01", NULL, NULL,
	    "2026-W01|Week 1, 29 Dec 2025 " DASH " 4 Jan 2026|2025-12-29|"
	    "2026-01-04");
	is_period(h, "week", "2026-W1", NULL, NULL,
	    "2026-W01|Week 1, 29 Dec 2025 " DASH " 4 Jan 2026|2025-12-29|"
	    "2026-01-04");
	is_period(h, "week", "2020-W53", NULL, NULL,
	    "2020-W53|Week 53, 28 Dec 2020 " DASH " 3 Jan 2021|2020-12-28|"
	    "2021-01-03");
	is_period(h, "week", "this", NULL, NULL,
	    "2026-W48|Week 48, 23" DASH "29 Nov 2026|2026-11-23|2026-11-29");
	is_period(h, "week", "last", NULL, NULL,
	    "2026-W47|Week 47, 16" DASH "22 Nov 2026|2026-11-16|2026-11-22");
	is_period(h, "week", "next", NULL, NULL,
	    "2026-W49|Week 49, 30 Nov " DASH " 6 Dec 2026|2026-11-30|"
	    "2026-12-06");
	is_period(h, "week", "2026-11-22", NULL, NULL,
	    "2026-W47|Week 47, 16" DASH "22 Nov 2026|2026-11-16|2026-11-22");
	is_period(h, "week", "1.1.2026", NULL, NULL,
	    "2026-W01|Week 1, 29 Dec 2025 " DASH " 4 Jan 2026|2025-12-29|"
	    "2026-01-04");
	is_period(h, "week", "2026-W53", NULL, NULL,
	    "2026-W53|Week 53, 28 Dec 2026 " DASH " 3 Jan 2027|2026-12-28|"
	    "2027-01-03");
	is_period(h, "week", "2027-W53", NULL, NULL,
	    "error 65: invalid week '2027-W53'");
	is_period(h, "week", "2025-W53", NULL, NULL,
	    "error 65: invalid week '2025-W53'");
	is_period(h, "week", "2026-W54", NULL, NULL,
	    "error 65: invalid week '2026-W54'");
	is_period(h, "week", "2026-W00", NULL, NULL,
	    "error 65: invalid week '2026-W00'");
	is_period(h, "week", "2026-W", NULL, NULL,
	    "error 65: invalid week '2026-W'");
	is_period(h, "week", "2026-W477", NULL, NULL,
	    "error 65: invalid week '2026-W477'");
	is_period(h, "week", "2026-11-31", NULL, NULL,
	    "error 65: invalid week '2026-11-31'");
	is_period(h, "week", "", NULL, NULL, "error 65: invalid week ''");

	is_period(h, "month", "2026-11", NULL, NULL,
	    "2026-11|November 2026|2026-11-01|2026-11-30");
	is_period(h, "month", "this", NULL, NULL,
	    "2026-11|November 2026|2026-11-01|2026-11-30");
	is_period(h, "month", "last", NULL, NULL,
	    "2026-10|October 2026|2026-10-01|2026-10-31");
	is_period(h, "month", "2026-02", NULL, NULL,
	    "2026-02|February 2026|2026-02-01|2026-02-28");
	is_period(h, "month", "2024-02", NULL, NULL,
	    "2024-02|February 2024|2024-02-01|2024-02-29");
	is_period(h, "month", "2026-13", NULL, NULL,
	    "error 65: invalid month '2026-13'");
	is_period(h, "month", "2026-00", NULL, NULL,
	    "error 65: invalid month '2026-00'");
	is_period(h, "month", "November", NULL, NULL,
	    "error 65: invalid month 'November'");

	is_period(h, "quarter", "2026-Q4", NULL, NULL,
	    "2026-Q4|Q4 2026, 1 Oct " DASH " 31 Dec|2026-10-01|2026-12-31");
	is_period(h, "quarter", "this", NULL, NULL,
	    "2026-Q4|Q4 2026, 1 Oct " DASH " 31 Dec|2026-10-01|2026-12-31");
	is_period(h, "quarter", "last", NULL, NULL,
	    "2026-Q3|Q3 2026, 1 Jul " DASH " 30 Sep|2026-07-01|2026-09-30");
	is_period(h, "quarter", "2024-q1", NULL, NULL,
	    "2024-Q1|Q1 2024, 1 Jan " DASH " 31 Mar|2024-01-01|2024-03-31");
	is_period(h, "quarter", "2026-Q5", NULL, NULL,
	    "error 65: invalid quarter '2026-Q5'");
	is_period(h, "quarter", "2026-Q0", NULL, NULL,
	    "error 65: invalid quarter '2026-Q0'");

	is_period(h, "year", "2026", NULL, NULL,
	    "2026|2026|2026-01-01|2026-12-31");
	is_period(h, "year", "last", NULL, NULL,
	    "2025|2025|2025-01-01|2025-12-31");
	is_period(h, "year", "this", NULL, NULL,
	    "2026|2026|2026-01-01|2026-12-31");
	is_period(h, "year", "0000", NULL, NULL,
	    "error 65: invalid year '0000'");
	is_period(h, "year", "26", NULL, NULL, "error 65: invalid year '26'");
	is_period(h, "year", "20266", NULL, NULL,
	    "error 65: invalid year");

	is_period(h, "from", "2026-11-01", "to", "2026-11-23",
	    "2026-11-01..2026-11-23|1 Nov " DASH " 23 Nov 2026|2026-11-01|"
	    "2026-11-23");
	is_period(h, "to", "2026-11-23", "from", "1.11.2026",
	    "2026-11-01..2026-11-23|1 Nov " DASH " 23 Nov 2026|2026-11-01|"
	    "2026-11-23");
	is_period(h, "from", "2025-11-01", "to", "today",
	    "2025-11-01..2026-11-23|1 Nov 2025 " DASH " 23 Nov 2026|"
	    "2025-11-01|2026-11-23");
	is_period(h, "from", "2026-11-01", NULL, NULL,
	    "2026-11-01..2026-11-23|1 Nov " DASH " 23 Nov 2026|2026-11-01|"
	    "2026-11-23");
	is_period(h, "to", "2026-11-23", NULL, NULL,
	    "..2026-11-23|until 23 Nov 2026||2026-11-23");
	is_period(h, "from", "2026-11-23", "to", "2026-11-23",
	    "2026-11-23..2026-11-23|23 Nov 2026|2026-11-23|2026-11-23");
	is_period(h, "from", "2026-11-24", "to", "2026-11-23",
	    "error 64: --from is after --to");
	is_period(h, "from", "2026-11-24", NULL, NULL,
	    "error 64: --from is after today");
	is_period(h, "from", "2026-11-31", NULL, NULL,
	    "error 65: --from: invalid date '2026-11-31'");
	is_period(h, "to", "soon", NULL, NULL,
	    "error 65: --to: invalid date 'soon'");
	is_period(h, "from", "2026-01-01", "from", "2026-11-01",
	    "2026-11-01..2026-11-23|1 Nov " DASH " 23 Nov 2026|2026-11-01|"
	    "2026-11-23");

	is_period(h, "since", "7d", NULL, NULL,
	    "2026-11-16..2026-11-23|16 Nov " DASH " 23 Nov 2026|2026-11-16|"
	    "2026-11-23");
	is_period(h, "since", "2026-11-01", NULL, NULL,
	    "2026-11-01..2026-11-23|1 Nov " DASH " 23 Nov 2026|2026-11-01|"
	    "2026-11-23");
	is_period(h, "since", "-1m", NULL, NULL,
	    "2026-10-23..2026-11-23|23 Oct " DASH " 23 Nov 2026|2026-10-23|"
	    "2026-11-23");
	is_period(h, "since", "tomorrow", NULL, NULL,
	    "error 64: --since is after today");
	is_period(h, "since", "week", NULL, NULL,
	    "error 65: --since: invalid date 'week'");

	/* The same option twice: the last wins; two kinds conflict. */
	is_period(h, "week", "2026-W40", "week", "2026-W47",
	    "2026-W47|Week 47, 16" DASH "22 Nov 2026|2026-11-16|2026-11-22");
	is_period(h, "since", "30d", "since", "7d",
	    "2026-11-16..2026-11-23|16 Nov " DASH " 23 Nov 2026|2026-11-16|"
	    "2026-11-23");
	is_period(h, "week", "this", "month", "this",
	    "error 64: conflicting period options '--week' and '--month'");
	is_period(h, "quarter", "this", "year", "this",
	    "error 64: conflicting period options '--quarter' and '--year'");
	is_period(h, "from", "2026-11-01", "week", "this",
	    "error 64: conflicting period options '--from' and '--week'");
	is_period(h, "to", "2026-11-01", "month", "this",
	    "error 64: conflicting period options '--to' and '--month'");
	is_period(h, "year", "2026", "from", "2026-11-01",
	    "error 64: conflicting period options '--year' and '--from'");
	is_period(h, "from", "2026-11-01", "since", "7d",
	    "error 64: conflicting period options '--from' and '--since'");
	is_period(h, "since", "7d", "to", "2026-11-01",
	    "error 64: conflicting period options '--since' and '--to'");

	/* Defaults when no option was given. */
	is_str(period(h, IPS_PERIOD_WEEK, NULL, NULL, NULL, NULL),
	    "2026-W48|Week 48, 23" DASH "29 Nov 2026|2026-11-23|2026-11-29",
	    "default: this week");
	is_str(period(h, IPS_PERIOD_MONTH, NULL, NULL, NULL, NULL),
	    "2026-11|November 2026|2026-11-01|2026-11-30",
	    "default: this month");
	is_str(period(h, IPS_PERIOD_QUARTER, NULL, NULL, NULL, NULL),
	    "2026-Q4|Q4 2026, 1 Oct " DASH " 31 Dec|2026-10-01|2026-12-31",
	    "default: this quarter");
	is_str(period(h, IPS_PERIOD_YEAR, NULL, NULL, NULL, NULL),
	    "2026|2026|2026-01-01|2026-12-31", "default: this year");
	is_str(period(h, IPS_PERIOD_NONE, NULL, NULL, NULL, NULL), "|||",
	    "no default: an open period");
	is_str(period(h, IPS_PERIOD_MONTH, "week", "2026-W47", NULL, NULL),
	    "2026-W47|Week 47, 16" DASH "22 Nov 2026|2026-11-16|2026-11-22",
	    "an option beats the default");
	memset(&p, 0, sizeof p);
	ok(ips_period_finish(h, &p, IPS_PERIOD_NONE) == 0 &&
	    p.from == IPS_DAY_NONE && p.to == IPS_DAY_NONE,
	    "an open period has no ends");

	/* Usage errors, and a refused option leaves the period alone. */
	memset(&p, 0, sizeof p);
	rc = ips_period_option(h, &p, "day", "today");
	is_int(rc, IPS_EUSAGE, "an unknown period option is a usage error");
	is_int(ips_status(h), IPS_EUSAGE, "and the handle says so");
	is_int(ips_period_option(h, &p, "week", NULL), IPS_EUSAGE,
	    "a missing argument is a usage error");
	ok(ips_period_option(h, &p, "month", "2026-10") == 0, "--month 2026-10");
	is_int(ips_period_option(h, &p, "month", "2026-13"), IPS_EDATA,
	    "--month 2026-13 is bad data");
	is_int(ips_period_option(h, &p, "week", "this"), IPS_EUSAGE,
	    "--week after --month is a conflict");
	ok(ips_period_finish(h, &p, IPS_PERIOD_WEEK) == 0 &&
	    strcmp(p.name, "2026-10") == 0, "the period is still 2026-10");

	/* The longest labels still fit. */
	s = period(h, IPS_PERIOD_NONE, "from", "28.12.2025", "to",
	    "31.12.9999");
	is_str(s, "2025-12-28..9999-12-31|28 Dec 2025 " DASH
	    " 31 Dec 9999|2025-12-28|9999-12-31", "a range across years");
	is_str(period(h, IPS_PERIOD_NONE, "week", "9999-W51", NULL, NULL),
	    "9999-W51|Week 51, 20" DASH "26 Dec 9999|9999-12-20|9999-12-26",
	    "the last whole week there is");
	is_str(period(h, IPS_PERIOD_NONE, "week", "9999-W52", NULL, NULL),
	    "error 65: invalid week '9999-W52'", "9999-W52 ends in 10000");

	ok(ips_period(h) == &h->period, "ips_period is the handle's");
	is_int(ips_period(h)->kind, IPS_PERIOD_NONE, "and starts empty");
	ips_free(h);

	/* Last month, quarter and week of a January are last year's. */
	h = handle("2026-01-02");
	is_period(h, "month", "last", NULL, NULL,
	    "2025-12|December 2025|2025-12-01|2025-12-31");
	is_period(h, "quarter", "last", NULL, NULL,
	    "2025-Q4|Q4 2025, 1 Oct " DASH " 31 Dec|2025-10-01|2025-12-31");
	is_period(h, "week", "this", NULL, NULL,
	    "2026-W01|Week 1, 29 Dec 2025 " DASH " 4 Jan 2026|2025-12-29|"
	    "2026-01-04");
	is_period(h, "week", "last", NULL, NULL,
	    "2025-W52|Week 52, 22" DASH "28 Dec 2025|2025-12-22|2025-12-28");
	ips_free(h);
}

int
main(void)
{
	test_calendar();
	test_round_trip();
	test_isoweek();
	test_parse();
	test_span();
	test_today();
	test_period();
	return tap_done();
}
