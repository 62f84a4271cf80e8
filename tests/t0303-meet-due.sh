#!/bin/sh
test_description='ips-meet due: the follow-ups whose day has come, until a
later meeting with the same employer (or client) answers them'
. "$(dirname "$0")/lib.sh"

IPS_USER=sini
export IPS_USER
# meet_fixture and meet_week: the week of the first seed.
. "$TEST_DIRECTORY/fixtures/meet-week.sh"

# due_is 'm1 m2' ARGS...: ips-meet due ARGS -o id gives those, in order.
due_is() {
	: >expect &&
	for r in $1
	do
		echo "$r" >>expect || return 1
	done &&
	shift &&
	ips-meet due -o id "$@" >actual &&
	test_cmp expect actual
}

test_expect_success 'setup: the week of the first seed' '
	ips init >/dev/null &&
	meet_fixture &&
	meet_week >/dev/null
'

test_expect_success 'today: the client follow-up nobody has answered' '
	due_is m7 &&
	due_is m7 --on today
'

test_expect_success 'the call that won the visit was answered by the visit' '
	due_is "" --on 2026-11-16 &&
	due_is m7 --on 2026-11-18 &&
	due_is m7 --on 2026-11-19
'

test_expect_success 'the promise to keep in touch falls due in two weeks' '
	due_is m7 --on 2026-12-02 &&
	due_is "m7 m4" --on 2026-12-03
'

test_expect_success 'due in tsv: the columns, and days overdue' '
	ips-meet due --on 2026-12-05 -o tsv >actual &&
	sed "s/|/	/g" >expect <<-\EOF &&
	ref|next|overdue|specialist|on|how|employer|employer_name|client|contact|contact_name|contact_phone|outcome
	m7|2026-11-17|18|pirjo|2026-11-10|video|||c3||||
	m4|2026-12-03|2|sini|2026-11-19|in-person|e3|Metallityö Laine Oy||p1|Jari Laine|040 111 2222|follow-up
	EOF
	test_cmp expect actual
'

test_expect_success 'a later call to the employer answers the follow-up' '
	ips-meet add --employer e3 --on 2026-12-04 --how phone --minutes 5 \
	    >/dev/null &&
	due_is m7 --on 2026-12-05 &&
	due_is m7 --on 2026-12-04 &&
	due_is "m7 m4" --on 2026-12-03
'

test_expect_success 'a meeting on behalf of the client does not answer it' '
	ips-meet add --employer e4 --for c3 --on 2026-11-23 >/dev/null &&
	due_is m7
'

test_expect_success 'a later meeting with the client answers it' '
	ips-meet -u pirjo add --client c3 --employer e4 --on 2026-11-23 \
	    --how phone >/dev/null &&
	due_is "" &&
	due_is m7 --on 2026-11-22
'

test_expect_success 'the same day: only a meeting at a later time answers' '
	ips-meet add --employer e1 --on 2026-11-24 --at 15:00 --how phone \
	    --next 2026-11-24 >late &&
	ips-meet add --employer e1 --on 2026-11-24 --at 10:00 >/dev/null &&
	due_is "$(cat late)" --on 2026-11-24 &&
	ips-meet add --employer e1 --on 2026-11-24 --at 15:30 >/dev/null &&
	due_is "" --on 2026-11-24
'

test_expect_success 'by specialist' '
	ips-meet add --client c1 --on 2026-11-23 --next 2026-11-25 >c1.ref &&
	due_is "$(cat c1.ref)" --on 2026-11-25 --specialist sini &&
	due_is "" --on 2026-11-25 --specialist pirjo &&
	due_is "m7" --on 2026-11-22 --specialist pirjo
'

test_expect_success 'bad values (65) and usage (64)' '
	test_expect_code 65 ips-meet due --specialist nobody 2>err &&
	grep "nobody" err &&
	test_expect_code 65 ips-meet due --on 2026-02-30 2>err &&
	grep "2026-02-30" err &&
	test_expect_code 64 ips-meet due m7 2>err &&
	test_expect_code 64 ips-meet due --week last 2>err &&
	test_expect_code 64 ips-meet due --on 2>err
'

test_done
