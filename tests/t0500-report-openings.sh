#!/bin/sh
test_description='ips-report openings: the funnel from employers contacted
to openings filled, and the open openings short of candidates'
. "$(dirname "$0")/lib.sh"

. "$TEST_DIRECTORY/fixtures/report-scenario.sh"

test_expect_success 'the scenario of fixtures/report-scenario.sql' '
	report_scenario
'

# Q4: all five employers were met; Acme is engaged and Cafe a partner.
# Found in Q4: o1 (hidden, open), o2 (advertised, open), o3 (hidden,
# filled by c1); o4 was found in September.  Open now: o1 (a cook: the
# only client who wants to cook is working), o2 (3 cleaners wanted, one
# active client), o4 (a driver: c2): o1 and o2 are short.
test_expect_success 'openings -o tsv: the funnel of Q4 2026' '
	cat >expect <<-\EOF &&
	stage	count
	employers_contacted	5
	employers_engaged	2
	openings_found	3
	openings_hidden	2
	openings_advertised	1
	openings_filled	1
	openings_still_open	2
	open_openings_short_of_candidates	2
	EOF
	ips-report openings --quarter 2026-Q4 -o tsv >actual &&
	test_cmp expect actual &&
	ips-report openings -o tsv >default &&
	test_cmp expect default
'

test_expect_success 'one week: what anna and bob did in W47' '
	ips-report openings --week 2026-W47 -o tsv -H >actual &&
	printf "employers_contacted\t5\nemployers_engaged\t2\nopenings_found\t2\nopenings_hidden\t1\nopenings_advertised\t1\nopenings_filled\t0\nopenings_still_open\t2\nopen_openings_short_of_candidates\t2\n" >expect-w47 &&
	test_cmp expect-w47 actual &&
	ips-report openings --week 2026-W47 --specialist bob -o tsv -H >actual &&
	printf "employers_contacted\t3\nemployers_engaged\t2\nopenings_found\t0\nopenings_hidden\t0\nopenings_advertised\t0\nopenings_filled\t0\nopenings_still_open\t0\nopen_openings_short_of_candidates\t0\n" >expect-bob &&
	test_cmp expect-bob actual
'

test_expect_success 'table: the funnel, then the openings short of candidates' '
	ips-report openings --quarter 2026-Q4 -o table >table &&
	head -n 1 table | grep "^Openings: Q4 2026, 1 Oct – 31 Dec$" &&
	sed -n "/^Open openings with fewer/,\$p" table >short &&
	grep "^o1  *Acme Oy  *Cook  *cook  *1  *0  *yes  *2026-11-16  *anna$" short &&
	grep "^o2  *Beta Clean Oy  *Cleaner  *cleaner  *3  *1  *no  *2026-11-17  *anna$" short &&
	! grep "^o4" short &&
	! grep "^o3" short
'

test_expect_success 'a candidate more takes the opening off the list' '
	sqlite3 "$IPS_DB" "update client set status = '\''active'\'' where id = 1" &&
	test_when_finished "sqlite3 \"\$IPS_DB\" \"update client set status = '\''working'\'' where id = 1\"" &&
	ips-report openings -o table >table &&
	sed -n "/^Open openings with fewer/,\$p" table >short &&
	! grep "^o1" short &&
	grep "^o2  .*  3  *2  *no" short
'

test_expect_success 'html and md: both sections; machine formats: the funnel' '
	ips-report openings -o html >page.html &&
	test "$(grep -c "<table>" page.html)" = 2 &&
	grep "<h2>Open openings with fewer" page.html &&
	ips-report openings -o md >page.md &&
	grep "^## Open openings with fewer" page.md &&
	grep "^| o1 | Acme Oy | Cook |" page.md &&
	ips-report openings -o jsonl >out.jsonl &&
	test_line_count = 8 out.jsonl &&
	! grep Acme out.jsonl
'

test_expect_success 'nothing short: the section says so' '
	sqlite3 "$IPS_DB" "update opening set status = '\''closed'\'' where id in (1, 2)" &&
	ips-report openings -o table >table &&
	grep "^None: every open opening has enough candidates.$" table
'

test_done
