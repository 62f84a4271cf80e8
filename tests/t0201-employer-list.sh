#!/bin/sh
test_description='ips-employer list: the filters, --idle and last_met, the
search with LIKE wildcards taken literally, and the pipe into ips-meet'
. "$(dirname "$0")/lib.sh"

tab=$(printf '\t')

test_expect_success 'a missing database is an error, and is not created' '
	test_expect_code 66 ips-employer list 2>err &&
	grep "no database at" err &&
	! test -e "$IPS_DB"
'

test_expect_success 'setup: a register of five employers and four meetings' '
	ips staff add ana "Ana Virtanen" &&
	ips staff add bob "Bob Nieminen" &&
	ips-employer -u ana add "Kahvila Kaneli Oy" --sector I --area Tampere \
	    --status partner --business-id 1234567-1 &&
	ips-employer -u bob add "Metallityö Virtanen Oy" --sector C \
	    --area Pori --status engaged --industry Metalliteollisuus \
	    --note "100% kotimainen" &&
	ips-employer -u ana add "Siivouspalvelu Puhdas Oy" --sector N \
	    --area Tampere &&
	ips-employer -u ana add "Konepaja Rautio Oy" --sector C \
	    --area Tampere --industry "Metallin_työstö" &&
	ips-employer add "Hoivakoti Aurinko" --sector Q --area Nokia \
	    --status declined &&
	ips-meet -u ana add --employer e1 --on 2026-11-20 >/dev/null &&
	ips-meet -u bob add --employer e2 --on 2026-08-01 >/dev/null &&
	ips-meet -u ana add --employer e4 --on 2026-09-30 >/dev/null &&
	ips-meet -u ana add --employer e4 --on 2026-11-18 >/dev/null
'

test_expect_success 'list: the main fields and last_met, exactly, in tsv' '
	ips-employer list --sector C >actual &&
	cat >expect <<-EOF &&
	ref${tab}name${tab}business_id${tab}sector${tab}industry${tab}size${tab}area${tab}status${tab}owner${tab}last_met
	e2${tab}Metallityö Virtanen Oy${tab}${tab}C${tab}Metalliteollisuus${tab}${tab}Pori${tab}engaged${tab}bob${tab}2026-08-01
	e4${tab}Konepaja Rautio Oy${tab}${tab}C${tab}Metallin_työstö${tab}${tab}Tampere${tab}prospect${tab}ana${tab}2026-11-18
	EOF
	test_cmp expect actual
'

test_expect_success 'list -o table lines up names with wide letters' '
	ips-employer list --sector C -o table >actual &&
	cat >expect <<-\EOF &&
	ref  name                    business_id  sector  industry           size  area     status    owner  last_met
	e2   Metallityö Virtanen Oy               C       Metalliteollisuus        Pori     engaged   bob    2026-08-01
	e4   Konepaja Rautio Oy                   C       Metallin_työstö          Tampere  prospect  ana    2026-11-18
	EOF
	test_cmp expect actual
'

check_ids() {
	printf "%s\n" "$@" >expect &&
	test_cmp expect actual
}

test_expect_success 'no filter lists everyone, by reference' '
	ips-employer list -o id >actual &&
	check_ids e1 e2 e3 e4 e5
'

test_expect_success '--sector takes the letter in either case' '
	ips-employer list --sector c -o id >actual &&
	check_ids e2 e4
'

test_expect_success '--area, --status, --owner and their combination' '
	ips-employer list --area Tampere -o id >actual &&
	check_ids e1 e3 e4 &&
	ips-employer list --area TAMPERE -o id >actual &&
	check_ids e1 e3 e4 &&
	ips-employer list --area Tamp -o id >actual &&
	test_must_be_empty actual &&
	ips-employer list --status prospect -o id >actual &&
	check_ids e3 e4 &&
	ips-employer list --owner ana -o id >actual &&
	check_ids e1 e3 e4 &&
	ips-employer list --sector C --area Tampere --owner ana -o id >actual &&
	check_ids e4
'

test_expect_success '--idle 60d: not met since, never met included' '
	ips-employer list --idle 60d -o id >actual &&
	check_ids e2 e3 e5 &&
	ips-employer list --idle 3d -o id >actual &&
	check_ids e2 e3 e4 e5 &&
	ips-employer list --idle 2026-08-01 -o id >actual &&
	check_ids e3 e5 &&
	ips-employer list --idle 60d --owner ana -o id >actual &&
	check_ids e3
'

test_expect_success '--search: a substring of name, industry, area or note' '
	ips-employer list --search metalli -o id >actual &&
	check_ids e2 e4 &&
	ips-employer list --search KAHVILA -o id >actual &&
	check_ids e1 &&
	ips-employer list --search nokia -o id >actual &&
	check_ids e5 &&
	ips-employer list --search kotimainen -o id >actual &&
	check_ids e2
'

test_expect_success '--search ignores the case of any letter: Ö is ö' '
	ips-employer list --search METALLITYÖ -o id >actual &&
	check_ids e2
'

test_expect_success '--search takes % and _ literally' '
	ips-employer list --search "%" -o id >actual &&
	check_ids e2 &&
	ips-employer list --search "_" -o id >actual &&
	check_ids e4 &&
	ips-employer list --search "i_a" -o id >actual &&
	test_must_be_empty actual
'

test_expect_success 'an empty result is success: no rows, no header' '
	ips-employer list --sector A >actual &&
	test_must_be_empty actual &&
	ips-employer list --sector A -o json >actual &&
	echo "[]" >expect &&
	test_cmp expect actual
'

test_expect_success 'the first column pipes into ips-meet list' '
	ips-employer list --sector C -o id >ids &&
	ips-meet list --week last -o id <ids >actual &&
	check_ids m4 &&
	ips-employer list --sector C -o tsv >rows &&
	ips-meet list --week last -o id <rows >actual &&
	check_ids m4
'

test_expect_success 'an empty pipe gives an empty list' '
	ips-employer list --sector A -o id >ids &&
	test_must_be_empty ids &&
	ips-meet list --week last -o id <ids >actual &&
	test_must_be_empty actual
'

test_expect_success 'json of a list: numbers, nulls and last_met' '
	ips-employer list --search Aurinko -o json >out.json &&
	jq -e "length == 1 and .[0].ref == \"e5\" and .[0].last_met == null
	    and .[0].owner == null and .[0].status == \"declined\"" out.json
'

test_expect_success '--pseudonymize leaves employers as they are' '
	ips-employer list --pseudonymize >actual &&
	ips-employer list >expect &&
	test_cmp expect actual
'

test_expect_success 'bad filters: 65 for values, 64 for usage' '
	test_expect_code 65 ips-employer list --sector Z 2>err &&
	echo "ips-employer: sector: not a TOL 2008 letter A to U, or X" >expect &&
	test_cmp expect err &&
	test_expect_code 65 ips-employer list --status busy 2>err &&
	grep "status: .busy. not one of prospect, contacted" err &&
	test_expect_code 65 ips-employer list --owner zed &&
	test_expect_code 65 ips-employer list --idle soon &&
	test_expect_code 64 ips-employer list --area "" &&
	test_expect_code 64 ips-employer list e1 &&
	test_expect_code 64 ips-employer list --idle
'

test_done
