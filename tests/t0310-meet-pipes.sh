#!/bin/sh
test_description='piping across the tools: client and employer lists into
ips-meet list, meetings into show, empty pipes and /dev/null, and the last
meetings in the show commands of ips-client and ips-employer'
. "$(dirname "$0")/lib.sh"

IPS_USER=sini
export IPS_USER

# The other tools on the left of a pipe, when they are built.
if ips-client list -h >/dev/null 2>&1; then
	test_set_prereq CLIENT
fi
if ips-employer list -h >/dev/null 2>&1; then
	test_set_prereq EMPLOYER
fi
# meet_fixture and meet_week: the week of the first seed.
. "$TEST_DIRECTORY/fixtures/meet-week.sh"

ids() {
	: >expect &&
	for r in "$@"
	do
		echo "$r" >>expect || return 1
	done
}

test_expect_success 'setup: the week of the first seed, and an employer never met' '
	ips init >/dev/null &&
	meet_fixture &&
	meet_week >/dev/null &&
	sqlite3 "$IPS_DB" "INSERT INTO employer (id, name, sector)
	    VALUES (5, '"'Uusi Oy'"', '"'N'"')"
'

# The tool on the left writes to a file first, so that its exit status is
# checked; cat then makes the pipe.
test_expect_success CLIENT 'ips-client list --status active | ips-meet list --since 30d' '
	ips-client list --status active >left &&
	test_line_count = 3 left &&
	cat left | ips-meet list --since 30d -o id >actual &&
	ids m5 m6 &&
	test_cmp expect actual
'

test_expect_success CLIENT 'the same as a pipeline, as the man page shows it' '
	ips-client list --status active | ips-meet list --since 30d -o id \
	    >actual &&
	test_cmp expect actual
'

test_expect_success EMPLOYER 'ips-employer list --sector C -o id | ips-meet list --week last' '
	ips-employer list --sector C -o id >left &&
	printf "e2\ne3\n" >expect.left &&
	test_cmp expect.left left &&
	cat left | ips-meet list --week last -o id >actual &&
	ids m2 m3 m4 &&
	test_cmp expect actual &&
	ips-employer list --sector C | ips-meet list --week last -o id \
	    >actual &&
	test_cmp expect actual
'

test_expect_success "printf 'c1\\n' | ips-meet list: with or on behalf of c1" '
	printf "c1\n" | ips-meet list -o id >actual &&
	ids m5 m6 &&
	test_cmp expect actual
'

test_expect_success 'ips-meet list </dev/null lists everything' '
	ips-meet list -o id </dev/null >actual &&
	ids m7 m1 m2 m3 m5 m4 m6 &&
	test_cmp expect actual
'

test_expect_success ': | ips-meet list: an empty pipe prints nothing (0)' '
	: | ips-meet list >out &&
	test_must_be_empty out &&
	: | ips-meet list -o json >out &&
	test_must_be_empty out &&
	: | ips-meet list --week last -o table >out &&
	test_must_be_empty out
'

test_expect_success EMPLOYER 'a left side that found nothing: nothing on the right' '
	ips-employer list --sector X -o id >left &&
	test_must_be_empty left &&
	cat left | ips-meet list >out &&
	test_must_be_empty out &&
	ips-employer list --sector X | ips-meet list >out &&
	test_must_be_empty out
'

test_expect_success 'meetings piped into ips-meet list are a mix-up (65)' '
	ips-meet list -o id >left &&
	cat left | test_expect_code 65 ips-meet list >out 2>err &&
	test_must_be_empty out &&
	grep "is a meeting, not a client or employer" err
'

test_expect_success 'ips-meet list --week last -o id | ips-meet show' '
	ips-meet list --week last --how phone -o id >left &&
	cat left | ips-meet show -o tsv | cut -f 1,8 >actual &&
	sed "s/|/	/g" >expect <<-\EOF &&
	ref|how
	m1|phone
	m2|phone
	m3|phone
	EOF
	test_cmp expect actual
'

test_expect_success 'ips-meet due -o id | ips-meet show -o yaml' '
	ips-meet due -o id >left &&
	ids m7 &&
	test_cmp expect left &&
	cat left | ips-meet show -o yaml >out &&
	grep "ref: m7" out
'

test_expect_success EMPLOYER 'three tools long: employers, their meetings, the rows' '
	ips-employer list --sector C -o id |
	    ips-meet list --week last --how in-person -o id |
	    ips-meet show -o tsv -H | cut -f 1,5,7 >actual &&
	printf "m4\te3\tp1\n" >expect &&
	test_cmp expect actual
'

test_expect_success CLIENT,EMPLOYER 'clients and employers mixed on one pipe' '
	{ ips-client list --status referred -o id &&
	    ips-employer list --sector G -o id; } >left &&
	cat left | ips-meet list -o id >actual &&
	ids m7 m6 &&
	test_cmp expect actual
'

test_expect_success EMPLOYER 'ips-employer list --idle uses the meeting log' '
	ips-employer list --idle 5d -o id >actual &&
	ids e1 e2 e5 &&
	test_cmp expect actual &&
	ips-employer list --idle 60d -o id >actual &&
	ids e5 &&
	test_cmp expect actual
'

test_expect_success EMPLOYER 'ips-employer show: the last meetings, newest first' '
	ips-employer show e3 -o table >out &&
	sed -n "/^last meetings/,\$p" out >actual &&
	test_line_count = 4 actual &&
	sed -n 3p actual | cut -d " " -f 1 >first &&
	echo m4 >expect &&
	test_cmp expect first &&
	grep "^m3 " actual &&
	ips-employer show e5 -o table >out &&
	! grep "last meetings" out
'

test_expect_success CLIENT 'ips-client show: meetings with the client and on behalf' '
	ips-client show c1 -o table >out &&
	sed -n "/^last meetings/,\$p" out >actual &&
	grep "^m6 " actual &&
	grep "^m5 " actual
'

test_done
