#!/bin/sh
test_description='common options: anywhere on the line, whatever comes
before them (a period option reads today first)'
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup: a database away from IPS_DB' '
	ips -d other.db staff add ana Ana &&
	IPS_USER=ana ips-employer -d other.db add "Kahvila Kaneli Oy" >e &&
	IPS_USER=ana ips-meet -d other.db add --employer e1 --on today >m &&
	echo m1 >expect &&
	test_cmp expect m
'

test_expect_success '-d after a period option still names the database' '
	ips-meet list --week this -d other.db -o id >actual &&
	test_cmp expect actual &&
	ips-meet list --since 7d --db=other.db -o id >actual &&
	test_cmp expect actual &&
	test ! -e "$IPS_DB"
'

test_expect_success '-d before the command and before the period agree' '
	ips-meet -d other.db list --week this -o id >actual &&
	test_cmp expect actual &&
	ips-meet list -d other.db --week this -o id >actual &&
	test_cmp expect actual
'

test_expect_success '-u after a period option still names who acts' '
	ips-meet add --employer e1 --on today -d other.db -u ana >actual &&
	echo m2 >expect &&
	test_cmp expect actual &&
	ips log -d other.db -o tsv -H | cut -f2,4,5 | tail -1 >actual &&
	printf "ana\tadd\tm2\n" >expect &&
	test_cmp expect actual
'

test_expect_success 'the report reads the database named after its period' '
	ips-report weekly --week this -d other.db -o tsv | cut -f1,3 >actual &&
	printf "specialist\temployer_contacts\nana\t2\n" >expect &&
	test_cmp expect actual &&
	test ! -e "$IPS_DB"
'

test_expect_success 'html and md are formats of reports only, wherever -o is' '
	test_expect_code 64 ips-meet -o html -d other.db list 2>err &&
	test_line_count = 1 err &&
	test_expect_code 64 ips-meet list -o md -d other.db 2>err &&
	ips-report -o md -d other.db caseload >out &&
	grep "^| specialist" out
'

test_done
