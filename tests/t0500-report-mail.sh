#!/bin/sh
test_description='scripts/ips-weekly-mail: last week as an html file in a
folder, mailed with sendmail'
. "$(dirname "$0")/lib.sh"

. "$TEST_DIRECTORY/fixtures/report-scenario.sh"

mail_script=$TEST_SOURCE/scripts/ips-weekly-mail

test_expect_success 'the scenario, and a sendmail that keeps what it gets' '
	ips init >/dev/null &&
	ips staff add anna "Anna Aalto" --team north &&
	ips staff add bob "Bob Berg" --team north --fte 0.5 &&
	ips staff add carl "Carl Cedar" --team south &&
	ips staff leave carl --on 2026-11-13 &&
	ips staff add dina "Dina Dahl" --team south &&
	ips staff add eve "Eve Eskola" --team "Etelä-Häme" &&
	sqlite3 "$IPS_DB" <"$TEST_DIRECTORY/fixtures/report-scenario.sql" &&
	cat >sendmail <<-\EOF &&
	#!/bin/sh
	printf "%s\n" "$@" >"$SENT.args"
	cat >"$SENT.mail"
	EOF
	chmod +x sendmail &&
	SENDMAIL=$PWD/sendmail &&
	export SENDMAIL
'

test_expect_success 'without recipients: the file of last week, no mail' '
	SENT=$PWD/none &&
	export SENT &&
	sh "$mail_script" weekly >out 2>err &&
	test_must_be_empty out &&
	test_must_be_empty err &&
	ips-report weekly --week last -o html >expect.html &&
	test_cmp expect.html weekly/weekly-2026-W47.html &&
	! test -e none.mail &&
	ls -A weekly >files &&
	echo weekly-2026-W47.html >expect-files &&
	test_cmp expect-files files
'

test_expect_success 'with recipients: a text/html mail of the same page' '
	SENT=$PWD/sent &&
	export SENT &&
	sh "$mail_script" -f ips@example.fi reports lead@example.fi \
	    deputy@example.fi >out &&
	test_must_be_empty out &&
	printf "%s\n" -oi -f ips@example.fi lead@example.fi \
	    deputy@example.fi >expect-args &&
	test_cmp expect-args sent.args &&
	sed -n "1,/^\$/p" sent.mail >headers &&
	cat >expect-headers <<-\EOF &&
	To: lead@example.fi, deputy@example.fi
	From: ips@example.fi
	Subject: Weekly report 2026-W47
	MIME-Version: 1.0
	Content-Type: text/html; charset=utf-8
	Content-Transfer-Encoding: 8bit

	EOF
	test_cmp expect-headers headers &&
	sed "1,/^\$/d" sent.mail >body &&
	test_cmp reports/weekly-2026-W47.html body &&
	grep "<svg" body &&
	awk "length > 998 { exit 1 }" sent.mail
'

test_expect_success '-t TEAM: the team only; a non-ASCII name is encoded' '
	SENT=$PWD/team &&
	export SENT &&
	sh "$mail_script" -t "Etelä-Häme" hame lead@example.fi &&
	grep "<td>eve</td>" hame/weekly-2026-W47.html &&
	! grep "<td>anna</td>" hame/weekly-2026-W47.html &&
	grep "^Subject: " team.mail >subject &&
	grep "^Subject: =?UTF-8?Q?=57=65" subject &&
	grep "=C3=A4" subject &&
	tr " " "\n" <subject | awk "length > 75 { exit 1 }"
'

test_expect_success 'IPS_TODAY re-sends a missed week' '
	SENT=$PWD/late &&
	export SENT &&
	IPS_TODAY=2026-11-18 sh "$mail_script" late lead@example.fi &&
	test -f late/weekly-2026-W46.html &&
	grep "^Subject: Weekly report 2026-W46$" late.mail
'

test_expect_success 'a failing report leaves no file and sends nothing' '
	SENT=$PWD/fail &&
	export SENT &&
	(IPS_DB=$PWD/missing.db && export IPS_DB &&
	    test_expect_code 66 sh "$mail_script" failed lead@example.fi) &&
	ls -A failed >files &&
	test_must_be_empty files &&
	! test -e fail.mail
'

test_expect_success 'bad usage is 64; a sendmail that fails is 74' '
	test_expect_code 64 sh "$mail_script" &&
	test_expect_code 64 sh "$mail_script" -x dir &&
	(SENDMAIL=false && export SENDMAIL &&
	    test_expect_code 74 sh "$mail_script" unsent a@example.fi) &&
	test -f unsent/weekly-2026-W47.html
'

test_done
