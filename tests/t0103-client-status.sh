#!/bin/sh
test_description='ips-client status: the dated history, the status now and
on any past day, and what a history may not hold'
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

test_expect_success 'setup' '
	ips staff add ana "Ana Virtanen" &&
	ips-client add "Aino Kärkkäinen" --area Espoo \
	    --enrolled 2026-09-01 >/dev/null &&
	ips-client add "Minh Nguyễn" --area Vantaa \
	    --enrolled 2026-10-01 >/dev/null
'

test_expect_success 'status REF STATUS appends today by default' '
	ips-client status c2 active &&
	ips-client status c2 -o tsv >out &&
	cat >expect <<-EOF &&
	ref${tab}on${tab}status${tab}reason
	c2${tab}2026-10-01${tab}referred${tab}
	c2${tab}2026-11-23${tab}active${tab}
	EOF
	test_cmp expect out
'

test_expect_success 'a dated history, written in any order, is kept in date order' '
	ips-client status c1 paused --on 2026-10-15 --reason "Sairausloma" &&
	ips-client status c1 active --on 9.9.2026 --reason "Ensitapaaminen" &&
	ips-client status c1 active --on 2026-11-02 &&
	ips-client status c1 -o tsv >out &&
	cat >expect <<-EOF &&
	ref${tab}on${tab}status${tab}reason
	c1${tab}2026-09-01${tab}referred${tab}
	c1${tab}2026-09-09${tab}active${tab}Ensitapaaminen
	c1${tab}2026-10-15${tab}paused${tab}Sairausloma
	c1${tab}2026-11-02${tab}active${tab}
	EOF
	test_cmp expect out
'

test_expect_success 'the client'"'"'s status is that of the latest entry' '
	ips-client list -H -o tsv c1 >out &&
	cut -f 4 out >actual &&
	echo active >expect &&
	test_cmp expect actual &&
	ips-client status c1 closed --on 2026-11-20 &&
	ips-client status c1 working --on 2026-10-20 &&
	ips-client list -H -o tsv c1 >out &&
	cut -f 4 out >actual &&
	echo closed >expect &&
	test_cmp expect actual
'

test_expect_success 'of two entries on one day, the one written last counts' '
	ips-client status c1 active --on 2026-11-20 &&
	ips-client list -H -o tsv c1 >out &&
	cut -f 4 out >actual &&
	echo active >expect &&
	test_cmp expect actual &&
	ips-client status c1 --on 2026-11-20 -H -o tsv >out &&
	echo "c1${tab}2026-11-20${tab}active" >expect &&
	test_cmp expect out
'

test_expect_success 'status REF --on DATE: the status on any past day' '
	for d in 2026-09-01:referred 2026-09-08:referred 2026-09-09:active \
	    2026-10-14:active 2026-10-15:paused 2026-10-20:working \
	    2026-11-01:working 2026-11-02:active 2026-11-19:active
	do
		ips-client status c1 --on ${d%:*} -H -o tsv >out &&
		echo "c1${tab}${d%:*}${tab}${d#*:}" >expect &&
		test_cmp expect out || return 1
	done
'

test_expect_success 'before enrolment there is no status' '
	ips-client status c1 --on 2026-08-31 -o json >out.json &&
	jq -e ". == [{ref: \"c1\", on: \"2026-08-31\", status: null}]" \
	    out.json
'

test_expect_success 'the history in a table, and as json' '
	ips-client status c2 -o table >out &&
	cat >expect <<-\EOF &&
	ref  on          status    reason
	c2   2026-10-01  referred
	c2   2026-11-23  active
	EOF
	test_cmp expect out &&
	ips-client status c2 -o json >out.json &&
	jq -e ".[1] == {ref: \"c2\", on: \"2026-11-23\", status: \"active\",
	    reason: null}" out.json
'

test_expect_success 'status changes are audited' '
	ips log -o tsv c2 >out &&
	cut -f 4,6 out >actual &&
	cat >expect <<-EOF &&
	action${tab}fields
	add${tab}name,specialist,enrolled,status,area
	status${tab}status
	EOF
	test_cmp expect actual
'

test_expect_success 'a status before enrolment is refused (65)' '
	refused 65 ips-client status c2 active --on 2026-09-30 &&
	grep "c2: status dated before" err
'

test_expect_success 'an unknown status is refused (65), naming the allowed' '
	refused 65 ips-client status c2 hired &&
	grep "status: .hired. not one of referred, active, working, paused, closed" err &&
	refused 65 ips-client status c2 "" &&
	refused 65 ips-client status c2 Active
'

test_expect_success 'an impossible or unreadable date is refused (65)' '
	refused 65 ips-client status c2 active --on 2026-02-30 &&
	grep "2026-02-30" err &&
	refused 65 ips-client status c2 active --on 31.4.2026 &&
	refused 65 ips-client status c2 active --on someday &&
	refused 65 ips-client status c2 --on 2026-13-01
'

test_expect_success 'a bad reason is refused (65) without echoing it' '
	refused 65 ips-client status c2 paused --reason "" &&
	refused 65 ips-client status c2 paused --reason "$(printf "Masennus\033[0m")" &&
	! grep Masennus err &&
	refused 65 ips-client status c2 paused --reason "$(printf "a\nb")"
'

test_expect_success 'unknown clients and wrong references are refused (65)' '
	refused 65 ips-client status c99 active &&
	grep c99 err &&
	refused 65 ips-client status e1 active &&
	refused 65 ips-client status c99
'

test_expect_success 'bad usage is refused (64)' '
	refused 64 ips-client status &&
	refused 64 ips-client status c1 active extra &&
	refused 64 ips-client status c1 --reason "no status" &&
	refused 64 ips-client status c1 active --on &&
	refused 64 ips-client status c1 active --bogus
'

test_expect_success 'status on a missing database: 66, nothing made' '
	test_expect_code 66 ips-client -d none.db status c1 active 2>err &&
	test_expect_code 66 ips-client -d none.db status c1 2>err &&
	test ! -e none.db
'

test_done
