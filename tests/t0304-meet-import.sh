#!/bin/sh
test_description='ips-meet import: the week exported and imported back in
every format, a calendar export with names and defaults, bad rows naming
FILE:LINE with nothing written, and a large import'
. "$(dirname "$0")/lib.sh"

IPS_USER=sini
export IPS_USER

# The million-row import of the issue takes a while: IPS_TEST_EXPENSIVE=1.
if test -n "${IPS_TEST_EXPENSIVE:-}"; then
	test_set_prereq EXPENSIVE
fi
# meet_fixture and meet_week: the week of the first seed.
. "$TEST_DIRECTORY/fixtures/meet-week.sh"

refused() {
	test_db_snapshot &&
	test_expect_code "$@" 2>err &&
	test_db_unchanged
}

# fresh NAME: a database NAME.db with the fixture but no meetings.
fresh() {
	(IPS_DB=$PWD/$1.db && export IPS_DB &&
	    ips init >/dev/null && meet_fixture)
}

test_expect_success 'setup: the week, exported in every format' '
	ips init >/dev/null &&
	meet_fixture &&
	meet_week >/dev/null &&
	for f in csv tsv json jsonl yaml
	do
		ips-meet export -o $f >week.$f || return 1
	done
'

for f in csv tsv json jsonl yaml
do
	test_expect_success "the week round-trips through $f" "
		fresh $f &&
		ips-meet -d $f.db import week.$f &&
		ips-meet -d $f.db export -o $f >again.$f &&
		test_cmp week.$f again.$f
	"
done

test_expect_success 'the clients on whose behalf come back as rows' '
	sqlite3 csv.db "SELECT meeting_id, client_id FROM meeting_for
	    ORDER BY 1, 2" >actual &&
	printf "6|1\n6|2\n" >expect &&
	test_cmp expect actual
'

test_expect_success 'a calendar export: names, business ids, empty cells' '
	cat >cal.csv <<-\EOF &&
	specialist,on,at,employer,client,how,where,minutes,purpose,for,outcome,next,note
	,2026-11-24,09:00,Metallityö Laine Oy,,phone,,10,support,,,,"Called Jari, no news yet"
	pirjo,25.11.2026,,1234567-1,c3,in-person,workplace,45,client,"c1, c2",interview,2026-12-01,
	,2026-11-26,,,c2,,office,30,client,,,,
	EOF
	ips-meet import cal.csv &&
	ips-meet list --from 2026-11-24 --to 2026-11-30 -o tsv -H >actual &&
	sed "s/|/	/g" >expect <<-\EOF &&
	m8|sini|2026-11-24|09:00|e3|||phone||10|support||||Called Jari, no news yet
	m9|pirjo|2026-11-25||e3|c3||in-person|workplace|45|client|c1,c2|interview|2026-12-01|
	m10|sini|2026-11-26|||c2||in-person|office|30|client||||
	EOF
	test_cmp expect actual
'

test_expect_success 'an import is one line in the audit trail' '
	sqlite3 "$IPS_DB" "SELECT who, action FROM audit
	    WHERE action LIKE '"'import%'"'" >actual &&
	echo "sini|import" >expect &&
	test_cmp expect actual
'

test_expect_success 'standard input needs -f; with it, it is read' '
	fresh stdin &&
	test_db_snapshot stdin.db &&
	cat week.csv | test_expect_code 64 ips-meet -d stdin.db import \
	    2>err &&
	test_db_unchanged &&
	cat week.csv | ips-meet -d stdin.db import -f csv &&
	ips-meet -d stdin.db export -o csv >again.csv &&
	test_cmp week.csv again.csv &&
	test_db_snapshot stdin.db &&
	test_expect_code 65 ips-meet -d stdin.db import -f tsv - <week.tsv \
	    2>err &&
	test_db_unchanged &&
	grep "ref: m1 exists already" err
'

test_expect_success 'the rules of add, row by row, as FILE:LINE (65)' '
	cat >bad.csv <<-\EOF &&
	on,at,employer,client,contact,how,minutes,next,for
	2026-11-24,,e3,,p1,,,,
	2026-11-24,,e3,,p2,,,,
	2026-11-24,,,c1,p1,,,,
	2026-11-24,,e3,,p99,,,,
	2026-11-24,,e3,,,,,2026-11-23,
	2026-11-24,25:00,e3,,,,,,
	2026-11-24,,e3,,,,,,"c1,o2"
	2026-11-24,,c1,,,,,,
	2026-11-24,,e3,,,,1441,,
	EOF
	refused 65 ips-meet import bad.csv &&
	cat >expect <<-\EOF &&
	ips-meet: bad.csv:3: contact: p2 works for e2, not e3
	ips-meet: bad.csv:4: contact: p1 works for e3, and the meeting has no employer
	ips-meet: bad.csv:5: contact: no such contact '"'p99'"'
	ips-meet: bad.csv:6: next: 2026-11-23 is before the meeting on 2026-11-24
	ips-meet: bad.csv:7: at: '"'25:00'"' not a time HH:MM
	ips-meet: bad.csv:8: for: '"'o2'"' is an opening, not a client
	ips-meet: bad.csv:9: employer: '"'c1'"' is a client, not an employer
	ips-meet: bad.csv:10: minutes: 1441 out of range 0 to 1440
	EOF
	test_cmp expect err
'

test_expect_success 'a note of 1 MB is refused (65), not echoed' '
	{
		echo "employer,note" &&
		printf "e3," &&
		head -c 1048576 /dev/zero | tr "\0" a &&
		echo
	} >big.csv &&
	refused 65 ips-meet import big.csv &&
	test_line_count = 1 err &&
	grep "big.csv:2" err &&
	! grep aaaaaaaaaa err
'

test_expect_success 'text that is not UTF-8 is refused (65)' '
	printf "employer,note\ne3,caf\351\n" >latin1.csv &&
	refused 65 ips-meet import latin1.csv &&
	grep "latin1.csv:2" err
'

test_expect_success '--dry-run checks and writes nothing' '
	printf "employer,on,how\ne1,2026-11-27,phone\n" >one.csv &&
	test_db_snapshot &&
	ips-meet import --dry-run one.csv &&
	ips-meet import -n one.csv &&
	test_db_unchanged &&
	refused 65 ips-meet import -n bad.csv
'

test_expect_success 'a missing file (66), bad usage (64)' '
	refused 66 ips-meet import nosuch.csv &&
	refused 64 ips-meet import one.csv two.csv &&
	refused 64 ips-meet import -f pdf one.csv &&
	refused 64 ips-meet import --bogus one.csv
'

test_expect_success 'fifty thousand rows, streamed, in one go' '
	awk "BEGIN {
		print \"specialist,on,at,employer,client,how,minutes,for\";
		for (i = 0; i < 50000; i++)
			printf \"%s,2025-%02d-%02d,%02d:%02d,%s,%s,%s,%d,%s\\n\",
			    i % 2 ? \"sini\" : \"pirjo\", i % 12 + 1, i % 28 + 1,
			    i % 24, i % 60, i % 3 ? \"e\" (i % 4 + 1) : \"\",
			    i % 3 == 1 || !(i % 3) ? \"c\" (i % 3 + 1) : \"\",
			    i % 5 ? \"phone\" : \"in-person\", i % 90,
			    i % 7 ? \"\" : \"\\\"c1,c2\\\"\";
	}" >many.csv &&
	fresh many &&
	ips-meet -d many.db import many.csv &&
	sqlite3 many.db "SELECT count(*), count(DISTINCT specialist_id)
	    FROM meeting" >actual &&
	echo "50000|2" >expect &&
	test_cmp expect actual &&
	ips-meet -d many.db list --year 2025 -o id | wc -l >actual &&
	echo 50000 >expect &&
	test_cmp expect actual
'

test_expect_success EXPENSIVE 'a million rows' '
	awk "BEGIN {
		print \"specialist,on,employer,how,minutes\";
		for (i = 0; i < 1000000; i++)
			printf \"sini,2025-%02d-%02d,e%d,phone,%d\\n\",
			    i % 12 + 1, i % 28 + 1, i % 4 + 1, i % 90;
	}" >million.csv &&
	fresh million &&
	ips-meet -d million.db import million.csv &&
	test "$(sqlite3 million.db "SELECT count(*) FROM meeting")" = 1000000
'

test_done
