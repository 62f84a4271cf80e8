#!/bin/sh
test_description='ips-report weekly: every figure of a week computed by
hand, the filters, --check, --week last, and each output format'
. "$(dirname "$0")/lib.sh"

. "$TEST_DIRECTORY/fixtures/report-scenario.sh"

command -v xmllint >/dev/null 2>&1 && test_set_prereq XMLLINT

# The scenario is in fixtures/report-scenario.sql, with the reasoning
# behind each row.  Week 47 of 2026 is Monday 16 to Sunday 22 November;
# lib.sh sets today to Monday 2026-11-23.
test_expect_success 'the scenario: four specialists, one part-time, one gone' '
	report_scenario
'

# anna (1.0 FTE = 37.5 h = 2250 contracted minutes):
#   face_to_face 6 (m1-m6; the phone call m7 is not one)
#   employer_contacts 7 (m1-m7), employers 5 (Acme, Beta, Cafe, Depot,
#   Elm), new_employers 4 (Acme was first met in W46)
#   employer_minutes 60+45+30+30+60+30+15 = 270, share 270/2250 = 0.12
#   client_meetings 3 (m2, m8, m9)
#   community minutes 60+45+30+30+45 = 210 (office m5 and m8, unknown
#   place m6 and the call m7 do not count): 210/2250 = 0.093 -> 0.09
#   openings_found 2 (o1 hidden, o2 advertised), job_starts 1 (c1, j1)
# bob (0.5 FTE = 1125 minutes): face_to_face 3, employers 3, new 2
#   (Beta and Cafe; Acme is old); 60+40+20 = 120 minutes: 0.1067 -> 0.11;
#   community 120+30 = 150: 0.133 -> 0.13
# carl left on 2026-11-13, before the week: no row.
# dina: no meetings, a row of zeros.
# total: 9, 10, 5 distinct employers, 4 new, 390 minutes over 2.5 FTE =
#   5625 minutes: 0.069 -> 0.07; community 360/5625 = 0.064 -> 0.06
test_expect_success 'weekly -o tsv: every figure of week 47' '
	cat >expect <<-\EOF &&
	specialist	face_to_face	employer_contacts	employers	new_employers	employer_minutes	employer_share	client_meetings	community_share	openings_found	hidden_openings	job_starts	target	target_met
	anna	6	7	5	4	270	0.12	3	0.09	2	1	1	6	yes
	bob	3	3	3	2	120	0.11	1	0.13	0	0	0	6	no
	dina	0	0	0	0	0	0.00	0	0.00	0	0	0	6	no
	EOF
	ips-report weekly --week 2026-W47 -o tsv >actual &&
	test_cmp expect actual
'

test_expect_success '--week last is the ISO week before today' '
	ips-report weekly --week last -o tsv >last &&
	test_cmp expect last &&
	IPS_TODAY=2026-11-29 ips-report weekly --week last -o tsv >sunday &&
	test_cmp expect sunday &&
	IPS_TODAY=2026-11-16 ips-report weekly --week last -o tsv >w46 &&
	! test_cmp expect w46 2>/dev/null 4>/dev/null
'

test_expect_success 'without --week, weekly is the week of today' '
	IPS_TODAY=2026-11-19 ips-report weekly -o tsv >actual &&
	test_cmp expect actual &&
	ips-report weekly -o tsv --week this >this &&
	ips-report weekly -o tsv >default &&
	test_cmp this default
'

test_expect_success 'week 48 holds only the meeting of today' '
	ips-report weekly --week 2026-W48 --specialist anna -o tsv -H >actual &&
	printf "anna\t1\t1\t1\t0\t30\t0.01\t0\t0.01\t0\t0\t0\t6\tno\n" \
	    >expect48 &&
	test_cmp expect48 actual
'

test_expect_success 'a specialist who left on the Monday is still listed' '
	sqlite3 "$IPS_DB" \
	    "update specialist set left_on = '\''2026-11-16'\'' where handle = '\''carl'\''" &&
	test_when_finished "sqlite3 \"\$IPS_DB\" \"update specialist set left_on = '\''2026-11-13'\'' where handle = '\''carl'\''\"" &&
	ips-report weekly --week 2026-W47 -o tsv -H >actual &&
	cut -f1 actual >names &&
	printf "anna\nbob\ncarl\ndina\n" >expect-names &&
	test_cmp expect-names names &&
	grep "^carl	0	0	0	0	0	0.00	0	0.00	0	0	0	6	no$" actual
'

test_expect_success '--team and --specialist choose the rows' '
	ips-report weekly --week 2026-W47 --team north -o tsv -H >actual &&
	sed -n "2,3p" expect >expect-north &&
	test_cmp expect-north actual &&
	ips-report weekly --week 2026-W47 --specialist bob -o tsv -H >actual &&
	sed -n "3p" expect >expect-bob &&
	test_cmp expect-bob actual &&
	ips-report weekly --week 2026-W47 --team south -o tsv -H >actual &&
	sed -n "4p" expect >expect-south &&
	test_cmp expect-south actual
'

# The team north: anna and bob, 1.5 FTE = 3375 minutes: 390/3375 = 0.116
# -> 0.12, 360/3375 = 0.107 -> 0.11.  Acme, Beta and Cafe were met by
# both: 5 employers, not 8.
test_expect_success 'the total row of a team: shares of its FTE, employers once' '
	ips-report weekly --week 2026-W47 --team north -o table >table &&
	grep "^total " table >total &&
	set -- $(cat total) &&
	test "$*" = "total 9 10 5 4 390 0.12 4 0.11 2 1 1"
'

test_expect_success '--check exits 1 when anyone is below the target' '
	test_expect_code 1 ips-report weekly --week 2026-W47 --check -o tsv \
	    >actual 2>err &&
	test_cmp expect actual &&
	grep "bob (3)" err &&
	grep "dina (0)" err &&
	! grep anna err
'

test_expect_success '--check exits 0 when everyone met it' '
	ips-report weekly --week 2026-W47 --check --specialist anna -o tsv \
	    >actual 2>err &&
	test_must_be_empty err &&
	test_line_count = 2 actual
'

test_expect_success 'the target comes from the configuration' '
	mkdir -p .config/ips &&
	printf "targets:\n  employer-contacts-per-week: 3\n" \
	    >.config/ips/config.yaml &&
	test_when_finished "rm .config/ips/config.yaml" &&
	ips-report weekly --week 2026-W47 --check --team north -o tsv -H \
	    >actual &&
	cut -f1,13,14 actual >met &&
	printf "anna\t3\tyes\nbob\t3\tyes\n" >expect-met &&
	test_cmp expect-met met
'

test_expect_success 'hours-per-week changes the shares' '
	mkdir -p .config/ips &&
	printf "hours-per-week: 30\n" >.config/ips/config.yaml &&
	test_when_finished "rm .config/ips/config.yaml" &&
	ips-report weekly --week 2026-W47 --specialist anna -o tsv -H >actual &&
	cut -f7,9 actual >shares &&
	printf "0.15\t0.12\n" >expect-shares &&
	test_cmp expect-shares shares
'

test_expect_success 'table: the period, the table, a total row and the trend' '
	ips-report weekly --week 2026-W47 -o table >table &&
	head -n 1 table >title &&
	echo "Weekly report: Week 47, 16–22 Nov 2026" >expect-title &&
	test_cmp expect-title title &&
	grep "^anna  *6  *7  *5  *4  *270  *0.12  *3  *0.09  *2  *1  *1  *6  *yes$" table &&
	grep "^total  *9  *10  *5  *4  *390  *0.07  *4  *0.06  *2  *1  *1$" table &&
	grep "^Target met by 1 of 3 specialists" table &&
	sed -n "/^8-week trend/,\$p" table >trend &&
	cat >expect-trend <<-\EOF &&
	8-week trend of face-to-face employer contacts, W40–W47 (▆ = target 6)
	anna  ······▁▆  0 0 0 0 0 0 1 6
	bob   ·······▃  0 0 0 0 0 0 0 3
	dina  ········  0 0 0 0 0 0 0 0
	EOF
	test_cmp expect-trend trend
'

test_expect_success 'html: one self-contained page with two SVG charts' '
	ips-report weekly --week 2026-W47 -o html >page.html &&
	head -n 1 page.html >first &&
	echo "<!doctype html>" >expect-first &&
	test_cmp expect-first first &&
	test "$(grep -c "<html" page.html)" = 1 &&
	test "$(grep -c "</html>" page.html)" = 1 &&
	tail -n 1 page.html | grep "^</html>$" &&
	test "$(grep -c "<svg" page.html)" = 2 &&
	grep "Week 47, 16–22 Nov 2026" page.html &&
	grep "stroke-dasharray" page.html &&
	grep "<style>" page.html &&
	grep "<tfoot>" page.html &&
	! grep -i -e "<script" -e "<link" -e "src=" -e "@import" -e "url(" \
	    page.html &&
	grep -o "https\{0,1\}://[^\"]*" page.html | sort -u >urls &&
	echo "http://www.w3.org/2000/svg" >expect-urls &&
	test_cmp expect-urls urls
'

test_expect_success XMLLINT 'html: the charts are well-formed SVG' '
	sed -n "/<svg/,/<\/svg>/p" page.html >charts &&
	awk "/<svg/ { n++ } { print > (\"chart\" n \".svg\") }" charts &&
	xmllint --noout chart1.svg chart2.svg
'

test_expect_success 'md: a title and a pipe table with the total row' '
	ips-report weekly --week 2026-W47 -o md >page.md &&
	head -n 3 page.md >head &&
	printf "# Weekly report\n\nWeek 47, 16–22 Nov 2026\n" >expect-head &&
	test_cmp expect-head head &&
	grep "^| specialist | face_to_face | employer_contacts |" page.md &&
	grep "^| anna | 6 | 7 | 5 | 4 | 270 | 0.12 | 3 | 0.09 | 2 | 1 | 1 | 6 | yes |$" page.md &&
	grep "^| \*\*total\*\* | \*\*9\*\* |" page.md
'

test_expect_success 'machine formats: data rows only, stable names' '
	ips-report weekly --week 2026-W47 -o csv >out.csv &&
	test_line_count = 4 out.csv &&
	head -n 1 out.csv | tr -d "\r" >names &&
	echo "specialist,face_to_face,employer_contacts,employers,new_employers,employer_minutes,employer_share,client_meetings,community_share,openings_found,hidden_openings,job_starts,target,target_met" >expect-names &&
	test_cmp expect-names names &&
	ips-report weekly --week 2026-W47 -o jsonl >out.jsonl &&
	test_line_count = 3 out.jsonl &&
	head -n 1 out.jsonl >anna.json &&
	echo "{\"specialist\":\"anna\",\"face_to_face\":6,\"employer_contacts\":7,\"employers\":5,\"new_employers\":4,\"employer_minutes\":270,\"employer_share\":0.12,\"client_meetings\":3,\"community_share\":0.09,\"openings_found\":2,\"hidden_openings\":1,\"job_starts\":1,\"target\":6,\"target_met\":true}" >expect-anna &&
	test_cmp expect-anna anna.json &&
	ips-report weekly --week 2026-W47 -o json >out.json &&
	! grep -i total out.json out.jsonl out.csv &&
	ips-report weekly --week 2026-W47 -o yaml >out.yaml &&
	! grep -i total out.yaml
'

test_expect_success 'weekly takes a week, not another period' '
	test_expect_code 64 ips-report weekly --month 2026-11 2>err &&
	grep "one ISO week" err &&
	test_expect_code 64 ips-report weekly --from 2026-11-16 \
	    --to 2026-11-22 &&
	test_expect_code 65 ips-report weekly --week 2026-W54 &&
	test_expect_code 64 ips-report weekly --bogus &&
	test_expect_code 64 ips-report weekly extra
'

test_expect_success 'an unknown specialist or team is bad data' '
	test_expect_code 65 ips-report weekly --specialist zed 2>err &&
	grep "no such specialist" err &&
	test_expect_code 65 ips-report weekly --team nowhere 2>err &&
	grep "no such team" err
'

test_expect_success 'reports only read the database' '
	test_db_snapshot &&
	for r in weekly fidelity outcomes caseload openings
	do
		ips-report $r -o html >/dev/null || return 1
	done &&
	{ ips-report weekly --check >/dev/null 2>&1 || :; } &&
	test_db_unchanged
'

test_expect_success 'a missing database is an error and is not created' '
	(IPS_DB=$PWD/none.db && export IPS_DB &&
	    test_expect_code 66 ips-report weekly) 2>err &&
	grep "none.db" err &&
	! test -e none.db
'

test_done
