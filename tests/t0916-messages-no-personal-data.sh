#!/bin/sh
test_description='a rejected value is repeated in a message only when it
cannot be personal data: a csv whose columns slipped puts a phone number,
a name or an e-mail address where a word or a date belongs'
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup' '
	ips staff add ana Ana &&
	IPS_USER=ana && export IPS_USER &&
	ips-employer add "Kahvila Kaneli Oy" >/dev/null
'

test_expect_success 'a phone number, a name, an address in the wrong column' '
	cat >slipped.csv <<-\EOF &&
	employer,on,how,minutes
	e1,0401234567,in-person,30
	e1,2026-11-20,Aino Kärkkäinen,30
	e1,2026-11-20,aino@example.fi,30
	e1,2026-11-20,phone,0509876543
	EOF
	test_expect_code 65 ips-meet import slipped.csv 2>err &&
	test_line_count = 4 err &&
	! grep -e 0401234567 -e Aino -e aino@ -e 0509876543 err
'

test_expect_success 'a typo in a word, a date or a small number is shown' '
	test_expect_code 65 ips-meet add --employer e1 --how telepathy 2>err &&
	grep "'"'telepathy'"'" err &&
	test_expect_code 65 ips-meet add --employer e1 --on 2026-02-30 2>err &&
	grep "'"'2026-02-30'"'" err &&
	test_expect_code 65 ips-meet add --employer e1 --minutes -5 2>err &&
	grep -e "-5" err
'

test_done
