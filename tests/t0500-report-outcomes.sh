#!/bin/sh
test_description='ips-report outcomes and caseload: per specialist and
team, computed by hand on the scenario'
. "$(dirname "$0")/lib.sh"

. "$TEST_DIRECTORY/fixtures/report-scenario.sh"

test_expect_success 'the scenario of fixtures/report-scenario.sql' '
	report_scenario
'

# Q4 2026.  Active: enrolled by 31 Dec and not closed at some time in it.
# anna: c1 (active from 1 Oct, working from 18 Nov), c2 (from 2 Nov): 2;
#   c1 held a competitive job (j1 from 18 Nov): 1 working, rate 0.50;
#   one start (j1: 20 h, 12.50 an hour), nothing ended
# bob: c3 (active since Sep); c4 closed on 30 Sep stays closed: 1; c3
#   held the competitive j2 until 20 Oct: rate 1.00; one start (j3, the
#   sheltered job: 15 h, 9.00); j2 ended after 1 Aug to 20 Oct = 80 days
# carl: on staff until 13 Nov, no clients: zeros and nothing to divide
# dina: c5, referred on 20 Nov: 1 active, 0 working, rate 0.00
# team: 4 active, 2 working: 0.50; 2 starts: 17.5 h, 10.75; median 80
test_expect_success 'outcomes -o tsv: every figure of Q4 2026' '
	cat >expect <<-\EOF &&
	specialist	caseload	working	employment_rate	job_starts	mean_hours	mean_wage	jobs_ended	median_tenure_days
	anna	2	1	0.50	1	20.0	12.50	0	
	bob	1	1	1.00	1	15.0	9.00	1	80
	carl	0	0		0			0	
	dina	1	0	0.00	0			0	
	EOF
	ips-report outcomes --quarter 2026-Q4 -o tsv >actual &&
	test_cmp expect actual &&
	ips-report outcomes -o tsv >default &&
	test_cmp expect default
'

test_expect_success 'table and html: a team row' '
	ips-report outcomes --quarter 2026-Q4 -o table >table &&
	head -n 1 table | grep "^Outcomes: Q4 2026, 1 Oct – 31 Dec$" &&
	grep "^team  *4  *2  *0.50  *2  *17.5  *10.75  *1  *80$" table &&
	ips-report outcomes --quarter 2026-Q4 -o html >page.html &&
	grep "<tfoot>" page.html &&
	grep "<td>team</td>" page.html &&
	ips-report outcomes --quarter 2026-Q4 -o json >out.json &&
	! grep team out.json
'

test_expect_success 'the median of an even number of tenures is their mean' '
	sqlite3 "$IPS_DB" "insert into job (id, client_id, employer_id, title,
	    start_on, end_on) values (9, 4, 1, '\''Temp'\'', '\''2026-09-01'\'',
	    '\''2026-10-02'\'')" &&
	test_when_finished "sqlite3 \"\$IPS_DB\" \"delete from job where id = 9\"" &&
	ips-report outcomes --quarter 2026-Q4 --specialist bob -o tsv -H >actual &&
	printf "bob\t1\t1\t1.00\t1\t15.0\t9.00\t2\t55.5\n" >expect-bob &&
	test_cmp expect-bob actual
'

test_expect_success 'Q3: the closed client counted while still open' '
	ips-report outcomes --quarter 2026-Q3 --team north -o tsv -H >actual &&
	printf "anna\t0\t0\t\t0\t\t\t0\t\nbob\t2\t1\t0.50\t1\t10.0\t11.00\t0\t\n" \
	    >expect-q3 &&
	test_cmp expect-q3 actual
'

# Caseload today (2026-11-23): carl has left; c4 is closed.
test_expect_success 'caseload -o tsv: today' '
	cat >expect <<-\EOF &&
	specialist	caseload	fte	per_fte	target
	anna	2	1	2.0	20
	bob	1	0.5	2.0	20
	dina	1	1	1.0	20
	EOF
	ips-report caseload -o tsv >actual &&
	test_cmp expect actual
'

# On 10 Nov carl was still there, c5 not yet enrolled.
test_expect_success 'caseload --on D: the status history on that day' '
	cat >expect <<-\EOF &&
	specialist	caseload	fte	per_fte	target
	anna	2	1	2.0	20
	bob	1	0.5	2.0	20
	carl	0	1	0.0	20
	dina	0	1	0.0	20
	EOF
	ips-report caseload --on 2026-11-10 -o tsv >actual &&
	test_cmp expect actual &&
	ips-report caseload --on 10.11.2026 -o tsv >finnish &&
	test_cmp expect finnish
'

test_expect_success 'caseload with a period: its last day' '
	ips-report caseload --quarter 2026-Q3 -o tsv -H >actual &&
	printf "anna\t0\t1\t0.0\t20\nbob\t1\t0.5\t2.0\t20\ncarl\t0\t1\t0.0\t20\ndina\t0\t1\t0.0\t20\n" >expect-q3 &&
	test_cmp expect-q3 actual &&
	test_expect_code 64 ips-report caseload --on 2026-11-10 --month 2026-11
'

test_expect_success 'caseload table: the day and a total row' '
	ips-report caseload -o table >table &&
	head -n 1 table | grep "^Caseload: 2026-11-23$" &&
	grep "^total  *4  *2.5  *1.6  *20$" table &&
	ips-report caseload -o md >page.md &&
	grep "^| \*\*total\*\* | \*\*4\*\* | \*\*2.5\*\* | \*\*1.6\*\* | \*\*20\*\* |$" page.md
'

test_expect_success 'the caseload target comes from the configuration' '
	mkdir -p .config/ips &&
	printf "targets:\n  caseload: 15\n" >.config/ips/config.yaml &&
	test_when_finished "rm .config/ips/config.yaml" &&
	ips-report caseload --specialist anna -o tsv -H >actual &&
	printf "anna\t2\t1\t2.0\t15\n" >expect-15 &&
	test_cmp expect-15 actual
'

test_expect_success 'options of one report are refused by the others' '
	test_expect_code 64 ips-report outcomes --check &&
	test_expect_code 64 ips-report weekly --on 2026-11-10 &&
	test_expect_code 65 ips-report caseload --on 2026-02-30
'

test_done
