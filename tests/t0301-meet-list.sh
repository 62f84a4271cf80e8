#!/bin/sh
test_description='ips-meet list, export and show: the week listed back by
period, by employer and by client, every filter, format and exit status'
. "$(dirname "$0")/lib.sh"

IPS_USER=sini
export IPS_USER
# meet_fixture and meet_week: the week of the first seed.
. "$TEST_DIRECTORY/fixtures/meet-week.sh"

refs() {
	if test $# -gt 0; then
		printf "%s\n" "$@"
	fi
}

# list_is 'm1 m2' ARGS...: ips-meet list ARGS -o id gives those, in order.
list_is() {
	refs $1 >expect &&
	shift &&
	ips-meet list -o id "$@" >actual &&
	test_cmp expect actual
}

test_expect_success 'setup: the week of the first seed' '
	ips init >/dev/null &&
	meet_fixture &&
	meet_week >/dev/null
'

test_expect_success 'by week: an ISO week, last week, this week' '
	list_is "m1 m2 m3 m5 m4 m6" --week 2026-W47 &&
	list_is "m1 m2 m3 m5 m4 m6" --week last &&
	list_is "m7" --week 2026-W46 &&
	ips-meet list --week this >out &&
	test_must_be_empty out
'

test_expect_success 'the week in tsv, exactly' '
	ips-meet list --week last -o tsv | cut -f 1,3,4,5,6,8,10,11,13 >actual &&
	sed "s/|/	/g" >expect <<-\EOF &&
	ref|on|at|employer|client|how|minutes|purpose|outcome
	m1|2026-11-16|09:10|e1||phone|4|intro|none
	m2|2026-11-16|09:25|e2||phone|3|intro|none
	m3|2026-11-17|10:00|e3||phone|12|intro|follow-up
	m5|2026-11-18|14:00||c1|in-person|45|client|
	m4|2026-11-19|13:00|e3||in-person|90|intro|follow-up
	m6|2026-11-20||e4||in-person|30|client|opening
	EOF
	test_cmp expect actual
'

test_expect_success 'by month, quarter, year, range and span' '
	list_is "m7 m1 m2 m3 m5 m4 m6" --month 2026-11 &&
	list_is "" --month 2026-10 &&
	list_is "m7 m1 m2 m3 m5 m4 m6" --quarter 2026-Q4 &&
	list_is "m7 m1 m2 m3 m5 m4 m6" --year 2026 &&
	list_is "m3 m5 m4" --from 2026-11-17 --to 2026-11-19 &&
	list_is "m3 m5 m4" --from 17.11.2026 --to 19.11.2026 &&
	list_is "m4 m6" --from 2026-11-19 &&
	list_is "m7 m1 m2" --to 2026-11-16 &&
	list_is "m1 m2 m3 m5 m4 m6" --since 7d &&
	list_is "m5 m4 m6" --since 2026-11-18
'

test_expect_success 'by employer: reference, name, business id, bare number' '
	list_is "m3 m4" --employer e3 &&
	list_is "m3 m4" --employer "Metallityö Laine Oy" &&
	list_is "m3 m4" --employer 1234567-1 &&
	list_is "m3 m4" --employer 3 &&
	list_is "m4" --employer e3 --how in-person &&
	list_is "" --employer e3 --week 2026-W46
'

test_expect_success 'by client: meetings with the client or on their behalf' '
	list_is "m5 m6" --client c1 &&
	list_is "m6" --client c2 &&
	list_is "m7" --client c3 &&
	list_is "m6" --client c1 --purpose client --employer e4 &&
	list_is "m5" --client c1 --how in-person --to 2026-11-18 &&
	list_is "" --client c2 --employer e3
'

test_expect_success 'by specialist, how and purpose' '
	list_is "m7" --specialist pirjo &&
	list_is "m1 m2 m3 m5 m4 m6" --specialist sini &&
	list_is "m1 m2 m3" --how phone &&
	list_is "m7" --how video &&
	list_is "m5 m6" --purpose client &&
	list_is "m1 m2 m3 m4" --purpose intro --week last &&
	list_is "" --purpose support
'

test_expect_success 'client references list meetings with or for them' '
	list_is "m5 m6" c1 &&
	list_is "m6" c2 &&
	list_is "m5 m6" c1 c2 c1
'

test_expect_success 'employer references list meetings with them' '
	list_is "m3 m4" e3 &&
	list_is "m1 m3 m4" e3 e1
'

test_expect_success 'client and employer references together: both' '
	list_is "m7 m2 m5 m6" c3 e2 c1 &&
	list_is "m2 m6" c2 e2 --week last &&
	list_is "m5 m6" c1 e3 --purpose client &&
	list_is "m5" c1 e3 --specialist sini --to 2026-11-18 --from 2026-11-18
'

test_expect_success 'references from a file on stdin, a header line skipped' '
	printf "ref\tname\nc1\tAino\n\ne1\tx\n" >in.tsv &&
	refs m1 m5 m6 >expect &&
	ips-meet list -o id <in.tsv >actual &&
	test_cmp expect actual &&
	ips-meet list -o id - <in.tsv >actual &&
	test_cmp expect actual
'

test_expect_success 'an empty file on stdin is an empty list: no output at all' '
	: >empty &&
	ips-meet list -o tsv <empty >out &&
	test_must_be_empty out &&
	ips-meet list -o json <empty >out &&
	test_must_be_empty out
'

test_expect_success 'stdin that is /dev/null lists everything' '
	list_is "m7 m1 m2 m3 m5 m4 m6"
'

test_expect_success 'a reference of a kind list cannot use (65)' '
	test_expect_code 65 ips-meet list m3 >out 2>err &&
	test_must_be_empty out &&
	echo "ips-meet: '"'m3'"' is a meeting, not a client or employer" \
	    >expect &&
	test_cmp expect err &&
	test_expect_code 65 ips-meet list c1 o2 2>err &&
	grep "'"'o2'"' is an\{0,1\} opening" err &&
	test_expect_code 65 ips-meet list p1 2>err &&
	test_expect_code 65 ips-meet list 3 2>err &&
	test_expect_code 65 ips-meet list bogus 2>err &&
	printf "c1\nm2\n" >bad &&
	test_expect_code 65 ips-meet list <bad >out 2>err &&
	test_must_be_empty out
'

test_expect_success 'an unknown reference (65)' '
	test_expect_code 65 ips-meet list c1 c99 >out 2>err &&
	test_must_be_empty out &&
	grep "c99" err &&
	test_expect_code 65 ips-meet list e99 2>err &&
	grep "e99" err
'

test_expect_success 'a bad filter value (65)' '
	test_expect_code 65 ips-meet list --how telepathy 2>err &&
	grep "how" err &&
	test_expect_code 65 ips-meet list --purpose fun 2>err &&
	test_expect_code 65 ips-meet list --specialist nobody 2>err &&
	grep "pirjo, sini" err &&
	test_expect_code 65 ips-meet list --employer e99 2>err &&
	test_expect_code 65 ips-meet list --employer "No Such Oy" 2>err &&
	test_expect_code 65 ips-meet list --client c99 2>err &&
	test_expect_code 65 ips-meet list --client e1 2>err &&
	grep "client: '"'e1'"' is an employer, not a client" err &&
	test_expect_code 65 ips-meet list --week 2026-W54 2>err &&
	test_expect_code 65 ips-meet list --from 2026-02-30 2>err
'

test_expect_success 'bad usage (64)' '
	test_expect_code 64 ips-meet list --week last --month 2026-11 2>err &&
	test_expect_code 64 ips-meet list --from 2026-11-20 --to 2026-11-19 \
	    2>err &&
	test_expect_code 64 ips-meet list --since 2027-01-01 2>err &&
	test_expect_code 64 ips-meet list --bogus 2>err &&
	test_expect_code 64 ips-meet list --how 2>err &&
	test_expect_code 64 ips-meet list -o pdf 2>err
'

test_expect_success 'list -o json: numbers, arrays and nulls' '
	ips-meet list e4 -o json >out.json &&
	jq -e "length == 1" out.json &&
	jq -e ".[0] == {ref: \"m6\", specialist: \"sini\", on: \"2026-11-20\",
	    at: null, employer: \"e4\", client: null, contact: null,
	    how: \"in-person\", where: \"workplace\", minutes: 30,
	    purpose: \"client\", for: [\"c1\", \"c2\"], outcome: \"opening\",
	    next: null, note: null}" out.json
'

test_expect_success 'list -o csv and -H' '
	ips-meet list c3 -o csv >actual &&
	printf "%s\r\n" \
	    "ref,specialist,on,at,employer,client,contact,how,where,minutes,purpose,for,outcome,next,note" \
	    "m7,pirjo,2026-11-10,08:30,,c3,,video,remote,30,needs,,,2026-11-17," \
	    >expect &&
	test_cmp expect actual &&
	ips-meet list c3 -o csv -H >actual &&
	sed 1d expect >expect.noheader &&
	test_cmp expect.noheader actual
'

test_expect_success 'list -o table lines up the columns' '
	ips-meet list --employer e3 -o table | cut -c 1-40 |
	    sed "s/ *\$//" >actual &&
	cat >expect <<-\EOF &&
	ref  specialist  on          at     empl
	m3   sini        2026-11-17  10:00  e3
	m4   sini        2026-11-19  13:00  e3
	EOF
	test_cmp expect actual
'

test_expect_success '--pseudonymize leaves out the free-text note' '
	ips-meet list --week last --pseudonymize -o tsv -H | cut -f 15 \
	    >actual &&
	printf "\n\n\n\n\n\n" >expect &&
	test_cmp expect actual &&
	ips-meet list --week last -o tsv -H | cut -f 15 | grep telemarketer
'

test_expect_success 'export: every field of the meetings in the period' '
	ips-meet list -o tsv >expect &&
	ips-meet export -o tsv >actual &&
	test_cmp expect actual &&
	ips-meet list -o tsv --employer e3 --week last >expect &&
	ips-meet export -o tsv --employer e3 --week last >actual &&
	test_cmp expect actual &&
	ips-meet export -o jsonl --client c1 >out.jsonl &&
	test_line_count = 2 out.jsonl
'

test_expect_success 'export takes no references (64)' '
	test_expect_code 64 ips-meet export c1 2>err
'

test_expect_success 'show: the fields, then who the employer and contact are' '
	ips-meet show m4 -o table >actual &&
	cat >expect <<-\EOF &&
	ref                m4
	specialist         sini
	on                 2026-11-19
	at                 13:00
	employer           e3
	contact            p1
	how                in-person
	where              workplace
	minutes            90
	purpose            intro
	outcome            follow-up
	next               2026-12-03
	note               Coffee room, then a factory tour. Keep in touch.
	employer_name      Metallityö Laine Oy
	contact_name       Jari Laine
	contact_role       owner
	contact_phone      040 111 2222
	EOF
	test_cmp expect actual
'

test_expect_success 'show of several, as rows in tsv; bare numbers too' '
	ips-meet show m6 1 -o tsv | cut -f 1,5,12 >actual &&
	sed "s/|/	/g" >expect <<-\EOF &&
	ref|employer|for
	m1|e1|
	m6|e4|c1,c2
	EOF
	test_cmp expect actual
'

test_expect_success 'show: unknown (65), wrong kind (65), none (64)' '
	test_expect_code 65 ips-meet show m99 2>err &&
	grep "m99: no such meeting" err &&
	test_expect_code 65 ips-meet show c1 2>err &&
	test_expect_code 64 ips-meet show 2>err
'

test_expect_success 'reading commands leave the database as it was' '
	test_db_snapshot &&
	ips-meet list >/dev/null &&
	ips-meet list c1 e3 >/dev/null &&
	ips-meet show m4 >/dev/null &&
	ips-meet export >/dev/null &&
	ips-meet due >/dev/null &&
	test_db_unchanged
'

test_done
