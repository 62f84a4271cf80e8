#!/bin/sh
test_description='ips-report fidelity: the ten items the records evidence,
computed by hand on the scenario, and the fifteen only reviewers rate'
. "$(dirname "$0")/lib.sh"

. "$TEST_DIRECTORY/fixtures/report-scenario.sh"

test_expect_success 'the scenario of fixtures/report-scenario.sql' '
	report_scenario
'

# Q4 2026 is under way on 23 Nov (IPS_TODAY): it is measured to date,
# 1 Oct to 23 Nov, 54 days = 7.71 weeks.
# caseload_size: today, 23 Nov, c1 (working), c2, c3 (active), c5 (referred)
#   of anna, bob and dina (carl has left), 2.5 FTE: 4/2.5 = 1.6 -> 5
# rapid_job_search: first face-to-face employer contacts on behalf:
#   c1 on 16 Nov (m1, enrolled 1 Oct: 46 days), c2 on 17 Nov (m3, 2 Nov:
#   15 days), c3 on 16 Nov (m10, 1 Sep: 76 days): 137/3 = 45.7 -> 4
# employer_contacts: 8 (anna: W46, six in W47, today) + 3 (bob) = 11
#   over the 4 specialists on staff in the quarter: 11/4/7.71 = 0.4 -> 1
# individualized_job_search: contacts on behalf: m1 Acme for c1 (cook:
#   o1 is a cook), m2 Beta with c1 (cleaner: o2), m3 Cafe for c2 (driver:
#   Cafe has only cook jobs), m10 Beta for c3 (cleaner): 3/4 = 75% -> 4
# job starts: j1 (c1, cook, Cafe, competitive) and j3 (c3, warehouse,
#   Elm, sheltered): types 2/2 -> 5, employers 2/2 -> 5, competitive 1/2
#   = 50% -> 1; followed up within 3 days: j1 (m9 on 19 Nov), not j3:
#   50% -> 3; benefits planning before the start: c1 yes, c3 no: 50% -> 3
# community_based_services: minutes in person outside the office: anna
#   30+210+30 = 270, bob 150: 420 of 3.5 FTE x 37.5 h x 60 x 7.71 =
#   60750 scheduled minutes: 0.7% -> 1% -> 1
test_expect_success 'fidelity -o tsv: every item of Q4 2026' '
	cat >expect <<-\EOF &&
	item	value	score	evidence
	caseload_size	1.6	5	4 clients / 2.5 FTE on 2026-11-23
	rapid_job_search	45.7 days	4	mean of 3 clients with a first face-to-face employer contact in the period
	employer_contacts	0.4	1	11 contacts / 4 specialists / 7.7 weeks
	individualized_job_search	75%	4	3 of 4 contacts for clients at employers with a job of their types
	job_type_diversity	100%	5	2 job types / 2 job starts
	employer_diversity	100%	5	2 employers / 2 job starts
	competitive_jobs	50%	1	1 competitive / 2 job starts
	time_unlimited_follow_along	50%	3	1 of 2 job starts with a meeting within 3 days
	community_based_services	1%	1	420 of 60750 scheduled minutes (3.5 FTE, 7.7 weeks)
	benefits_planning	50%	3	1 of 2 clients with a job start
	vocational_services_staff			rated by reviewers
	vocational_generalists			rated by reviewers
	integration_team_assignment			rated by reviewers
	integration_team_contact			rated by reviewers
	collaboration_with_vocational_rehabilitation			rated by reviewers
	vocational_unit			rated by reviewers
	role_of_employment_supervisor			rated by reviewers
	zero_exclusion_criteria			rated by reviewers
	agency_focus_on_competitive_employment			rated by reviewers
	executive_team_support			rated by reviewers
	disclosure			rated by reviewers
	ongoing_work_based_assessment			rated by reviewers
	quality_of_employer_contact			rated by reviewers
	individualized_follow_along_supports			rated by reviewers
	assertive_engagement_and_outreach			rated by reviewers
	EOF
	ips-report fidelity --quarter 2026-Q4 -o tsv >actual &&
	test_cmp expect actual &&
	ips-report fidelity -o tsv >default &&
	test_cmp expect default
'

test_expect_success 'table: the period above, the subtotal and the scale below' '
	ips-report fidelity --quarter 2026-Q4 -o table >table &&
	head -n 1 table >title &&
	echo "Fidelity evidence (IPS-25): Q4 2026, 1 Oct – 31 Dec (to date)" >expect-title &&
	test_cmp expect-title title &&
	grep "^Computed subtotal: 32 from 10 of the 25 items (at most 50)" table &&
	grep "115–125 exemplary, 100–114 good, 74–99 fair, ≤73 not IPS" table &&
	test "$(grep -c "rated by reviewers" table)" = 15
'

test_expect_success 'an item without data is not scored, and says why' '
	ips-report fidelity --month 2026-09 -o tsv -H >actual &&
	grep "^job_type_diversity			no job starts in the period$" actual &&
	grep "^competitive_jobs			no job starts in the period$" actual &&
	grep "^benefits_planning			no job starts in the period$" actual &&
	grep "^rapid_job_search			no client had a first" actual &&
	ips-report fidelity --month 2026-09 -o json >actual.json &&
	grep "\"item\":\"competitive_jobs\",\"value\":null,\"score\":null" \
	    actual.json
'

test_expect_success 'the bands: less is better for caseload and days' '
	ips-report fidelity --quarter 2026-Q4 --team north -o tsv -H >north &&
	grep "^caseload_size	2.0	5	3 clients / 1.5 FTE on 2026-11-23$" north &&
	grep "^employer_contacts	0.7	1	11 contacts / 2 specialists / 7.7 weeks$" north
'

test_expect_success 'a band bound: 30.0 days scores 5, 30.3 days 4' '
	sqlite3 "$IPS_DB" "update client set enrolled = '\''2026-10-17'\''
	    where id in (1, 3); update client set enrolled = '\''2026-10-18'\''
	    where id = 2" &&
	test_when_finished "sqlite3 \"\$IPS_DB\" \"update client set enrolled =
	    case id when 1 then '\''2026-10-01'\'' when 2 then '\''2026-11-02'\''
	    when 3 then '\''2026-09-01'\'' else enrolled end\"" &&
	ips-report fidelity -o tsv -H >actual &&
	grep "^rapid_job_search	30.0 days	5	" actual &&
	sqlite3 "$IPS_DB" "update client set enrolled = '\''2026-10-16'\''
	    where id = 3" &&
	ips-report fidelity -o tsv -H >actual &&
	grep "^rapid_job_search	30.3 days	4	" actual
'

test_expect_success 'html and md carry the same page' '
	ips-report fidelity -o html >page.html &&
	head -n 1 page.html | grep "^<!doctype html>$" &&
	grep "Computed subtotal: 32" page.html &&
	ips-report fidelity -o md >page.md &&
	head -n 1 page.md | grep "^# Fidelity evidence (IPS-25)$" &&
	grep "^| caseload_size | 1.6 | 5 | 4 clients / 2.5 FTE on 2026-11-23 |$" page.md
'

test_expect_success 'a range without a first day is refused' '
	test_expect_code 64 ips-report fidelity --to 2026-12-31 2>err &&
	grep "first day" err
'

test_done
