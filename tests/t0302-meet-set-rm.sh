#!/bin/sh
test_description='ips-meet set and rm: the rules of add on the record as it
would be, --for replaced, removal audited, refusals leaving the database as
it was'
. "$(dirname "$0")/lib.sh"

IPS_USER=sini
export IPS_USER
# meet_fixture and meet_week: the week of the first seed.
. "$TEST_DIRECTORY/fixtures/meet-week.sh"

refused() {
	test_db_snapshot &&
	test_expect_code "$@" 2>err &&
	test_line_count = 1 err &&
	test_db_unchanged
}

# field REF NAME: the value of one field of a meeting, from show -o json.
field() {
	ips-meet show "$1" -o json | jq -r ".[0].$2 // empty | tostring"
}

test_expect_success 'setup: the week of the first seed' '
	ips init >/dev/null &&
	meet_fixture &&
	meet_week >/dev/null
'

test_expect_success 'set changes the given fields and nothing else' '
	ips-meet show m4 -o json >before.json &&
	ips-meet set m4 --minutes 100 --outcome opening &&
	ips-meet show m4 -o json >after.json &&
	jq -e ".[0].minutes == 100 and .[0].outcome == \"opening\"" \
	    after.json &&
	jq ".[0] | del(.minutes, .outcome)" before.json >expect &&
	jq ".[0] | del(.minutes, .outcome)" after.json >actual &&
	test_cmp expect actual
'

test_expect_success 'set is audited with the field names, never values' '
	sqlite3 "$IPS_DB" "SELECT who, action, ref, fields FROM audit
	    WHERE action = '"'set'"'" >actual &&
	echo "sini|set|m4|minutes,outcome" >expect &&
	test_cmp expect actual
'

test_expect_success 'a bare number names the meeting' '
	ips-meet set 4 --minutes 90 &&
	test "$(field m4 minutes)" = 90
'

test_expect_success '--for replaces the list; an empty --for clears it' '
	ips-meet set m6 --for c3,c2 &&
	test "$(field m6 for)" = "[\"c2\",\"c3\"]" &&
	sqlite3 "$IPS_DB" "SELECT client_id FROM meeting_for
	    WHERE meeting_id = 6 ORDER BY 1" >actual &&
	printf "2\n3\n" >expect &&
	test_cmp expect actual &&
	ips-meet set m6 --for "" &&
	test -z "$(field m6 for)" &&
	test "$(sqlite3 "$IPS_DB" "SELECT count(*) FROM meeting_for")" = 0 &&
	ips-meet set m6 --for c1,c2 &&
	test "$(field m6 for)" = "[\"c1\",\"c2\"]"
'

test_expect_success 'an empty value clears an optional field' '
	ips-meet set m1 --note "" --at "" &&
	test -z "$(field m1 note)" &&
	test -z "$(field m1 at)" &&
	ips-meet set m1 --at 09:10 --note "Took me for a telemarketer."
'

test_expect_success 'the contact must work for the employer as it would be' '
	refused 65 ips-meet set m4 --contact p2 &&
	echo "ips-meet: contact: p2 works for e2, not e3" >expect &&
	test_cmp expect err &&
	refused 65 ips-meet set m4 --employer e2 &&
	grep "p1 works for e3, not e2" err &&
	ips-meet set m4 --employer e2 --contact p2 &&
	test "$(field m4 employer)" = e2 &&
	test "$(field m4 contact)" = p2 &&
	ips-meet set m4 --employer e3 --contact p1
'

test_expect_success 'a meeting keeps an employer or a client (65)' '
	refused 65 ips-meet set m1 --employer "" &&
	grep "a meeting needs --employer or --client" err &&
	refused 65 ips-meet set m5 --client "" &&
	ips-meet set m5 --employer e1 &&
	ips-meet set m5 --client "" &&
	test "$(field m5 employer)" = e1 &&
	ips-meet set m5 --client c1 --employer ""
'

test_expect_success 'the follow-up stays on or after the meeting (65)' '
	refused 65 ips-meet set m3 --next 2026-11-16 &&
	grep "next: 2026-11-16 is before the meeting on 2026-11-17" err &&
	refused 65 ips-meet set m3 --on 2026-11-20 &&
	ips-meet set m3 --on 2026-11-19 --next "" &&
	ips-meet set m3 --on 2026-11-17 --next 2026-11-19
'

test_expect_success 'day, how and specialist cannot be cleared (65)' '
	refused 65 ips-meet set m1 --on "" &&
	grep "on: cannot be empty" err &&
	refused 65 ips-meet set m1 --how "" &&
	refused 65 ips-meet set m1 --specialist ""
'

test_expect_success 'bad values are refused as in add (65)' '
	refused 65 ips-meet set m1 --minutes -5 &&
	refused 65 ips-meet set m1 --how telepathy &&
	refused 65 ips-meet set m1 --on 2026-02-30 &&
	refused 65 ips-meet set m1 --at 25:00 &&
	refused 65 ips-meet set m1 --for e3 &&
	grep "'"'e3'"' is an employer, not a client" err &&
	refused 65 ips-meet set m1 --specialist nobody &&
	refused 65 ips-meet set m1 --note "$(printf "\377")" &&
	refused 65 ips-meet set m1 --contact p99
'

test_expect_success 'set of an unknown meeting or another kind (65)' '
	refused 65 ips-meet set m99 --minutes 5 &&
	grep "m99" err &&
	refused 65 ips-meet set c1 --minutes 5 &&
	refused 65 ips-meet -u nobody set m1 --minutes 5
'

test_expect_success 'set without a change, a reference, or with two (64)' '
	refused 64 ips-meet set m1 &&
	refused 64 ips-meet set --minutes 5 &&
	refused 64 ips-meet set m1 m2 --minutes 5 &&
	refused 64 ips-meet set m1 --bogus 5 &&
	refused 64 ips-meet set m1 --minutes
'

test_expect_success 'rm removes a meeting and the clients it was for' '
	ips-meet rm m6 >out &&
	test_must_be_empty out &&
	test_expect_code 65 ips-meet show m6 2>err &&
	test "$(sqlite3 "$IPS_DB" "SELECT count(*) FROM meeting_for")" = 0 &&
	sqlite3 "$IPS_DB" "SELECT who, action, ref, fields IS NULL FROM audit
	    WHERE action = '"'rm'"'" >actual &&
	echo "sini|rm|m6|1" >expect &&
	test_cmp expect actual
'

test_expect_success 'rm takes several references and bare numbers' '
	ips-meet rm m1 2 &&
	ips-meet list -o id >actual &&
	printf "m7\nm3\nm5\nm4\n" >expect &&
	test_cmp expect actual
'

test_expect_success 'rm with one unknown reference removes nothing (65)' '
	refused 65 ips-meet rm m3 m99 &&
	grep "m99: no such meeting" err &&
	refused 65 ips-meet rm m3 c1 &&
	refused 65 ips-meet rm m3 bogus &&
	refused 65 ips-meet -u nobody rm m3
'

test_expect_success 'rm without references (64)' '
	refused 64 ips-meet rm &&
	refused 64 ips-meet rm --bogus m3
'

test_expect_success 'rm reads references from a pipe; an empty one is nothing' '
	: | ips-meet rm &&
	ips-meet list --employer e3 -o id >ids &&
	test_line_count = 2 ids &&
	ips-meet rm <ids &&
	ips-meet list -o id >actual &&
	printf "m7\nm5\n" >expect &&
	test_cmp expect actual
'

test_done
