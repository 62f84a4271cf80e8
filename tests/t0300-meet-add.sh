#!/bin/sh
test_description='ips-meet add: a specialist'"'"'s week from the first seed, the
defaults, and every bad input refused with the database left as it was'
. "$(dirname "$0")/lib.sh"

IPS_USER=sini
export IPS_USER
# meet_fixture and meet_week: the week of the first seed.
. "$TEST_DIRECTORY/fixtures/meet-week.sh"

# A refused write: exit status $1, one line on stderr (in err), and the
# database byte for byte as it was.
refused() {
	test_db_snapshot &&
	test_expect_code "$@" 2>err &&
	test_line_count = 1 err &&
	test_db_unchanged
}

test_expect_success 'setup: staff, employers, contacts, clients' '
	ips init >/dev/null &&
	meet_fixture
'

test_expect_success 'the week is logged, each add printing its reference' '
	meet_week >out &&
	printf "m%s\n" 1 2 3 4 5 6 7 >expect &&
	test_cmp expect out
'

test_expect_success 'every field is stored as given, ordered by day and time' '
	ips-meet list -o tsv >actual &&
	sed "s/|/	/g" >expect <<-\EOF &&
	ref|specialist|on|at|employer|client|contact|how|where|minutes|purpose|for|outcome|next|note
	m7|pirjo|2026-11-10|08:30||c3||video|remote|30|needs|||2026-11-17|
	m1|sini|2026-11-16|09:10|e1|||phone||4|intro||none||Took me for a telemarketer.
	m2|sini|2026-11-16|09:25|e2|||phone||3|intro||none||
	m3|sini|2026-11-17|10:00|e3|||phone||12|intro||follow-up|2026-11-19|Agreed to a short meeting.
	m5|sini|2026-11-18|14:00||c1||in-person|office|45|client||||CV
	m4|sini|2026-11-19|13:00|e3||p1|in-person|workplace|90|intro||follow-up|2026-12-03|Coffee room, then a factory tour. Keep in touch.
	m6|sini|2026-11-20||e4|||in-person|workplace|30|client|c1,c2|opening||
	EOF
	test_cmp expect actual
'

test_expect_success 'the clients on whose behalf are rows of meeting_for' '
	sqlite3 "$IPS_DB" "SELECT meeting_id, client_id FROM meeting_for
	    ORDER BY 1, 2" >actual &&
	printf "6|1\n6|2\n" >expect &&
	test_cmp expect actual
'

test_expect_success 'each add is in the audit trail, by whom and which fields' '
	sqlite3 "$IPS_DB" "SELECT who, tool, action, ref, fields FROM audit
	    WHERE ref LIKE '"'m%'"' ORDER BY id" >actual &&
	cat >expect <<-\EOF &&
	sini|ips-meet|add|m1|specialist,on,at,employer,how,minutes,purpose,outcome,note
	sini|ips-meet|add|m2|specialist,on,at,employer,how,minutes,purpose,outcome
	sini|ips-meet|add|m3|specialist,on,at,employer,how,minutes,purpose,outcome,next,note
	sini|ips-meet|add|m4|specialist,on,at,employer,contact,how,where,minutes,purpose,outcome,next,note
	sini|ips-meet|add|m5|specialist,on,at,client,how,where,minutes,purpose,note
	sini|ips-meet|add|m6|specialist,on,employer,how,where,minutes,purpose,for,outcome
	pirjo|ips-meet|add|m7|specialist,on,at,client,how,where,minutes,purpose,next
	EOF
	test_cmp expect actual
'

test_expect_success 'defaults: today, in person, the acting specialist' '
	ips-meet -u pirjo add --employer e4 >out &&
	echo m8 >expect &&
	test_cmp expect out &&
	ips-meet list --from today -o tsv -H >actual &&
	printf "m8\tpirjo\t2026-11-23\t\te4\t\t\tin-person\t\t\t\t\t\t\t\n" \
	    >expect &&
	test_cmp expect actual
'

test_expect_success 'a client alone, and an employer with a client, are meetings' '
	ips-meet add --client c2 --on yesterday --how phone >out &&
	echo m9 >expect &&
	test_cmp expect out &&
	ips-meet add --employer e2 --client c2 --contact p2 --on -1d \
	    --how in-person --where workplace --purpose support >out &&
	echo m10 >expect &&
	test_cmp expect out &&
	ips-meet list --from 2026-11-22 -o tsv -H | cut -f 1,3,5,6,7 >actual &&
	printf "m9\t2026-11-22\t\tc2\t\nm10\t2026-11-22\te2\tc2\tp2\nm8\t2026-11-23\te4\t\t\n" \
	    >expect &&
	test_cmp expect actual
'

test_expect_success 'a name, a business id or a bare number names an employer' '
	ips-meet add --employer "Metallityö Laine Oy" --how email >m.name &&
	ips-meet add --employer 1234567-1 --how email >m.bid &&
	ips-meet add --employer 3 --how email >m.num &&
	for f in m.name m.bid m.num
	do
		ref=$(cat $f) &&
		ips-meet show $ref -o tsv -H | cut -f 5 >actual &&
		echo e3 >expect &&
		test_cmp expect actual || return 1
	done &&
	ips-meet rm $(cat m.name m.bid m.num)
'

test_expect_success 'the specialist may be named instead of acting' '
	(unset IPS_USER && ips-meet add --employer e1 --specialist pirjo \
	    --how phone >out) &&
	ref=$(cat out) &&
	ips-meet show $ref -o tsv -H | cut -f 2 >actual &&
	echo pirjo >expect &&
	test_cmp expect actual &&
	ips-meet rm $ref
'

test_expect_success 'no acting specialist and none given (65) names -u and IPS_USER' '
	(unset IPS_USER && refused 65 ips-meet add --employer e1) &&
	grep -e "-u HANDLE" err &&
	grep "IPS_USER" err
'

test_expect_success 'an unknown acting specialist (65) lists the known ones' '
	refused 65 ips-meet -u nobody add --employer e1 &&
	grep "nobody" err &&
	grep "pirjo, sini" err
'

test_expect_success 'no employer and no client (65)' '
	refused 65 ips-meet add --on 2026-11-20 --how phone &&
	grep "a meeting needs --employer or --client" err &&
	refused 65 ips-meet add --employer "" --client ""
'

test_expect_success 'an unknown employer, client or contact (65)' '
	refused 65 ips-meet add --employer e99 &&
	grep "e99" err &&
	refused 65 ips-meet add --employer "No Such Oy" &&
	grep "no such employer" err &&
	refused 65 ips-meet add --client c99 &&
	grep "c99" err &&
	refused 65 ips-meet add --employer e3 --contact p99 &&
	grep "contact: .*p99" err
'

test_expect_success 'a reference of the wrong kind (65)' '
	refused 65 ips-meet add --employer c1 &&
	echo "ips-meet: employer: '"'c1'"' is a client, not an employer" \
	    >expect &&
	test_cmp expect err &&
	refused 65 ips-meet add --client e1 &&
	echo "ips-meet: client: '"'e1'"' is an employer, not a client" \
	    >expect &&
	test_cmp expect err &&
	refused 65 ips-meet add --employer e3 --contact e3 &&
	grep "contact: '"'e3'"' is an employer, not a contact" err
'

test_expect_success 'a contact of another employer (65)' '
	refused 65 ips-meet add --employer e3 --contact p2 &&
	echo "ips-meet: contact: p2 works for e2, not e3" >expect &&
	test_cmp expect err &&
	refused 65 ips-meet add --client c1 --contact p1 &&
	grep "p1 works for e3" err
'

test_expect_success '--for naming an employer, a meeting or nobody (65)' '
	refused 65 ips-meet add --employer e3 --for e3 &&
	echo "ips-meet: for: '"'e3'"' is an employer, not a client" >expect &&
	test_cmp expect err &&
	refused 65 ips-meet add --employer e3 --for c1,m2 &&
	grep "'"'m2'"' is a meeting, not a client" err &&
	refused 65 ips-meet add --employer e3 --for c1,c99 &&
	grep "for: .*c99" err
'

test_expect_success 'minutes out of range or not a number (65)' '
	refused 65 ips-meet add --employer e3 --minutes -5 &&
	grep "minutes" err &&
	refused 65 ips-meet add --employer e3 --minutes 1441 &&
	refused 65 ips-meet add --employer e3 --minutes 1.5 &&
	refused 65 ips-meet add --employer e3 --minutes ninety
'

test_expect_success 'a value outside its list (65) names the allowed ones' '
	refused 65 ips-meet add --employer e3 --how telepathy &&
	grep "how: .*in-person, phone, video, email, message" err &&
	refused 65 ips-meet add --employer e3 --where moon &&
	refused 65 ips-meet add --employer e3 --purpose fun &&
	refused 65 ips-meet add --employer e3 --outcome maybe
'

test_expect_success 'an impossible date or time (65)' '
	refused 65 ips-meet add --employer e3 --on 2026-02-30 &&
	grep "2026-02-30" err &&
	refused 65 ips-meet add --employer e3 --on someday &&
	refused 65 ips-meet add --employer e3 --next 31.11.2026 &&
	refused 65 ips-meet add --employer e3 --at 25:00 &&
	grep "at: .*25:00" err &&
	refused 65 ips-meet add --employer e3 --at 9:30 &&
	refused 65 ips-meet add --employer e3 --at 12:60
'

test_expect_success 'a follow-up before the meeting (65)' '
	refused 65 ips-meet add --employer e3 --on 2026-11-20 \
	    --next 2026-11-19 &&
	grep "next: 2026-11-19 is before the meeting on 2026-11-20" err &&
	refused 65 ips-meet add --employer e3 --next yesterday
'

test_expect_success 'a huge note is refused (65), not echoed' '
	# 1 MB cannot be one argument (Linux: 128 KiB), so just under that;
	# t0304 imports a note of 1 MB.
	note=$(head -c 131000 /dev/zero | tr "\0" a) &&
	refused 65 ips-meet add --employer e3 --note "$note" &&
	grep "note" err &&
	! grep aaaaaaaaaa err
'

test_expect_success 'text that is not UTF-8 or has control characters (65)' '
	refused 65 ips-meet add --employer e3 --note "$(printf "caf\351")" &&
	refused 65 ips-meet add --employer e3 --note "$(printf "a\033[2Jb")" &&
	refused 65 ips-meet add --employer "$(printf "\377\376")" &&
	refused 65 ips-meet add --employer e3 --for "$(printf "c1,\377")"
'

test_expect_success 'a note may have several lines' '
	ips-meet add --employer e1 --how email --note "$(printf "one\ntwo")" \
	    >out &&
	ref=$(cat out) &&
	sqlite3 "$IPS_DB" "SELECT note FROM meeting WHERE id = ${ref#m}" \
	    >actual &&
	printf "one\ntwo\n" >expect &&
	test_cmp expect actual &&
	ips-meet rm $ref
'

test_expect_success 'bad usage (64) changes nothing' '
	refused 64 ips-meet add --employer &&
	refused 64 ips-meet add --employer e3 --bogus x &&
	refused 64 ips-meet add --employer e3 extra &&
	refused 64 ips-meet add --employer e3 --erased 2026-01-01 &&
	refused 64 ips-meet frob &&
	test_db_snapshot &&
	test_expect_code 64 ips-meet 2>err &&
	grep "^usage: ips-meet add" err &&
	test_db_unchanged
'

test_expect_success 'add -h prints the usage (0)' '
	ips-meet add -h >out &&
	grep "^usage: ips-meet add (--employer E | --client C)" out
'

test_expect_success 'a missing database is not created (66)' '
	(IPS_DB=$PWD/none.db && export IPS_DB &&
	    test_expect_code 66 ips-meet add --employer e1 2>err &&
	    test_line_count = 1 err &&
	    test_expect_code 66 ips-meet list 2>err &&
	    test_expect_code 66 ips-meet due 2>err) &&
	test ! -e none.db
'

test_expect_success 'the refused adds left no trace in the audit trail' '
	sqlite3 "$IPS_DB" "SELECT count(*) FROM audit WHERE action = '"'add'"'
	    AND ref LIKE '"'m%'"'" >actual &&
	echo 15 >expect &&
	test_cmp expect actual
'

test_done
