#!/bin/sh
test_description='ips-client job add, end and list: a job start makes the
client working, and the jobs from an opening fill it'
. "$(dirname "$0")/lib.sh"

tab=$(printf '\t')
IPS_USER=ana
export IPS_USER

refused() {
	test_db_snapshot &&
	test_expect_code "$@" 2>err &&
	test_line_count = 1 err &&
	test_db_unchanged
}

# The opening's status, closed and filled_by.
opening() {
	ips-employer openings -o json "$1" >opening.json &&
	jq -r ".[] | select(.ref == \"$2\") |
	    [.status, .closed, .filled_by] | map(. // \"-\") | join(\" \")" \
	    opening.json
}

test_expect_success 'setup: clients, employers, openings' '
	ips staff add ana "Ana Virtanen" &&
	ips-client add "Aino Kärkkäinen" --area Espoo --enrolled 2026-09-01 \
	    --status active >/dev/null &&
	ips-client add "Minh Nguyễn" --area Vantaa --enrolled 2026-09-15 \
	    >/dev/null &&
	ips-client add "Matti Heikkinen" --area Kerava \
	    --enrolled 2026-10-01 >/dev/null &&
	ips-client add "Leena Mäkelä" --area Espoo --enrolled 2026-10-01 \
	    >/dev/null &&
	ips-employer add "Kespro Oy" --business-id 0112038-9 >/dev/null &&
	ips-employer add "Ravintola Kuukuu" --business-id 2331972-7 \
	    >/dev/null &&
	ips-employer opening add e1 Varastotyöntekijä --job-type warehouse \
	    --positions 2 --hours 30 --found 2026-10-01 >/dev/null &&
	ips-employer opening add e2 Kokki --job-type cook >/dev/null
'

test_expect_success 'job add prints the reference of the new job' '
	ips-client job add c1 --employer e1 --title Varastotyöntekijä \
	    --job-type warehouse --start 2026-10-05 --hours 25 --wage 13.10 \
	    --competitive yes >out &&
	echo j1 >expect &&
	test_cmp expect out
'

test_expect_success 'job list: every field, in tsv' '
	ips-client job list >out &&
	cat >expect <<-EOF &&
	ref${tab}client${tab}employer${tab}opening${tab}title${tab}job_type${tab}start${tab}end${tab}hours${tab}wage${tab}competitive${tab}end_reason
	j1${tab}c1${tab}e1${tab}${tab}Varastotyöntekijä${tab}warehouse${tab}2026-10-05${tab}${tab}25.0${tab}13.1${tab}yes${tab}
	EOF
	test_cmp expect out
'

test_expect_success 'a job start makes the client working from that day' '
	ips-client status c1 -H -o tsv >out &&
	cat >expect <<-EOF &&
	c1${tab}2026-09-01${tab}active${tab}
	c1${tab}2026-10-05${tab}working${tab}
	EOF
	test_cmp expect out &&
	ips-client list -H -o tsv c1 >out &&
	cut -f 4 out >actual &&
	echo working >expect &&
	test_cmp expect actual
'

test_expect_success 'a second job of a working client adds no entry' '
	ips-client job add c1 --employer "Ravintola Kuukuu" --title Tiskaaja \
	    --start 2026-11-01 --hours 10 --competitive no >out &&
	echo j2 >expect &&
	test_cmp expect out &&
	ips-client status c1 -H -o tsv >out &&
	test_line_count = 2 out
'

test_expect_success 'job add with an opening takes its employer, title, hours' '
	ips-client job add c2 --opening o1 --start 2026-11-02 >out &&
	echo j3 >expect &&
	test_cmp expect out &&
	ips-client job list -H -o tsv j3 >out &&
	echo "j3${tab}c2${tab}e1${tab}o1${tab}Varastotyöntekijä${tab}warehouse${tab}2026-11-02${tab}${tab}30.0${tab}${tab}yes${tab}" >expect &&
	test_cmp expect out
'

test_expect_success 'an opening stays open until its positions are taken' '
	opening e1 o1 >out &&
	echo "open - -" >expect &&
	test_cmp expect out
'

test_expect_success 'the job that takes the last position fills the opening' '
	ips-client job add c3 --employer e1 --opening o1 --title Varastoapulainen \
	    --start 2026-11-09 >out &&
	echo j4 >expect &&
	test_cmp expect out &&
	opening e1 o1 >out &&
	echo "filled 2026-11-09 c3" >expect &&
	test_cmp expect out
'

test_expect_success 'the fill and the status changes are audited' '
	ips log -o tsv >out &&
	cut -f 4,5,6 out | tail -n 4 >actual &&
	cat >expect <<-EOF &&
	status${tab}c2${tab}status
	add${tab}j4${tab}client,employer,opening,title,job_type,start,hours
	status${tab}c3${tab}status
	fill${tab}o1${tab}status,closed,filled_by
	EOF
	test_cmp expect actual
'

test_expect_success 'a filled opening takes no more jobs (65)' '
	refused 65 ips-client job add c4 --opening o1 --start 2026-11-10 &&
	grep "o1 is filled" err
'

test_expect_success 'an opening at another employer is refused (65)' '
	refused 65 ips-client job add c4 --employer e1 --opening o2 \
	    --start 2026-11-10 &&
	grep "o2 is at e2, not at e1" err
'

test_expect_success 'a job cannot fill an opening before it was found (65)' '
	refused 65 ips-client job add c4 --opening o2 --start 2026-11-10 &&
	echo "ips-client: opening: o2 was found on 2026-11-23, after the start" \
	    >expect &&
	test_cmp expect err
'

test_expect_success 'job end records the end and its reason' '
	ips-client job end j2 --end 2026-11-20 --end-reason "Määräaikainen päättyi" &&
	ips-client job list -H -o tsv j2 >out &&
	echo "j2${tab}c1${tab}e2${tab}${tab}Tiskaaja${tab}${tab}2026-11-01${tab}2026-11-20${tab}10.0${tab}${tab}no${tab}Määräaikainen päättyi" >expect &&
	test_cmp expect out
'

test_expect_success 'job list filters: --client, --employer, --current' '
	ips-client job list -o id --client c1 >out &&
	printf "j1\nj2\n" >expect &&
	test_cmp expect out &&
	ips-client job list -o id --employer "Kespro Oy" >out &&
	printf "j1\nj3\nj4\n" >expect &&
	test_cmp expect out &&
	ips-client job list -o id --employer 0112038-9 --client c2 >out &&
	echo j3 >expect &&
	test_cmp expect out &&
	ips-client job list -o id --current >out &&
	printf "j1\nj3\nj4\n" >expect &&
	test_cmp expect out
'

test_expect_success 'job list with a period: jobs held on any day of it' '
	ips-client job list -o id --month 2026-10 >out &&
	echo j1 >expect &&
	test_cmp expect out &&
	ips-client job list -o id --from 2026-11-21 --to 2026-11-30 >out &&
	printf "j1\nj3\nj4\n" >expect &&
	test_cmp expect out &&
	ips-client job list -o id --week 2026-W47 >out &&
	printf "j1\nj2\nj3\nj4\n" >expect &&
	test_cmp expect out
'

test_expect_success 'job list of the clients in a pipe' '
	ips-client list --area Espoo >espoo &&
	ips-client job list -o id <espoo >out &&
	printf "j1\nj2\n" >expect &&
	test_cmp expect out &&
	ips-client job list -o id j4 e2 >out &&
	printf "j2\nj4\n" >expect &&
	test_cmp expect out
'

test_expect_success 'a job start before enrolment is refused (65)' '
	refused 65 ips-client job add c4 --employer e2 --title Kokki \
	    --start 2026-09-30 &&
	grep "c4: job start before" err
'

test_expect_success 'bad job values are refused (65), naming the field' '
	refused 65 ips-client job add c4 --employer e2 --title Kokki \
	    --start 2026-02-30 &&
	grep "^ips-client: start: invalid date" err &&
	refused 65 ips-client job add c4 --employer e2 --title Kokki \
	    --start 2026-11-02 --hours -5 &&
	grep "hours" err &&
	refused 65 ips-client job add c4 --employer e2 --title Kokki \
	    --start 2026-11-02 --hours 200 &&
	refused 65 ips-client job add c4 --employer e2 --title Kokki \
	    --start 2026-11-02 --wage -1 &&
	refused 65 ips-client job add c4 --employer e2 --title Kokki \
	    --start 2026-11-02 --wage lots &&
	refused 65 ips-client job add c4 --employer e2 --title Kokki \
	    --start 2026-11-02 --competitive maybe &&
	grep "competitive: .maybe. not yes or no" err &&
	refused 65 ips-client job add c4 --employer e2 --title "" \
	    --start 2026-11-02 &&
	refused 65 ips-client job add c4 --employer e2 --start 2026-11-02 &&
	grep "title: missing" err &&
	refused 65 ips-client job add c4 --employer e2 --title Kokki &&
	grep "start: missing" err &&
	refused 65 ips-client job add c4 --title Kokki --start 2026-11-02 &&
	grep "employer: missing" err &&
	refused 65 ips-client job add c4 --employer e9 --title Kokki \
	    --start 2026-11-02 &&
	refused 65 ips-client job add c4 --employer "Ei Ole Oy" --title Kokki \
	    --start 2026-11-02 &&
	refused 65 ips-client job add c9 --employer e2 --title Kokki \
	    --start 2026-11-02 &&
	refused 65 ips-client job add c4 --employer e2 --title Kokki \
	    --start 2026-11-02 --opening o9
'

test_expect_success 'job end: end before the start, bad values (65)' '
	refused 65 ips-client job end j3 --end 2026-11-01 --end-reason x &&
	grep "end: before the start of j3" err &&
	refused 65 ips-client job end j3 --end 2026-02-30 --end-reason x &&
	refused 65 ips-client job end j3 --end 2026-11-30 --end-reason "" &&
	refused 65 ips-client job end j9 --end 2026-11-30 --end-reason x &&
	refused 65 ips-client job end c1 --end 2026-11-30 --end-reason x
'

test_expect_success 'bad usage of job is refused (64)' '
	refused 64 ips-client job &&
	refused 64 ips-client job frob &&
	refused 64 ips-client job add --employer e2 --title Kokki \
	    --start 2026-11-02 &&
	refused 64 ips-client job add c4 c3 --employer e2 &&
	refused 64 ips-client job add c4 --end 2026-11-30 &&
	refused 64 ips-client job end j3 --end 2026-11-30 &&
	refused 64 ips-client job end j3 --end-reason x &&
	refused 64 ips-client job end --end 2026-11-30 --end-reason x &&
	refused 64 ips-client job list --week &&
	refused 64 ips-client job list --week 2026-W47 --month 2026-11
'

test_expect_success 'job list: bad filters (65)' '
	refused 65 ips-client job list --client c99 &&
	refused 65 ips-client job list --employer e99 &&
	refused 65 ips-client job list m1 &&
	refused 65 ips-client job list --month 2026-13
'

test_expect_success 'job add on a missing database: 66, nothing made' '
	test_expect_code 66 ips-client -d none.db job add c1 --employer e1 \
	    --title x --start 2026-11-01 2>err &&
	test_expect_code 66 ips-client -d none.db job end j1 --end 2026-11-01 \
	    --end-reason x 2>err &&
	test ! -e none.db
'

test_done
