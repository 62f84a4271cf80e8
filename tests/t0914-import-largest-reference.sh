#!/bin/sh
test_description='import near the largest reference there is: the next new
record takes the one after the last, which must exist; the largest itself
is refused (65), so no reference overflows into a negative one'
. "$(dirname "$0")/lib.sh"

IPS_USER=ana
export IPS_USER

test_expect_success 'setup' '
	ips staff add ana "Ana Virtanen"
'

test_expect_success 'the largest reference of all is refused (65)' '
	printf "ref,name\nc9223372036854775807,Aino\n" >c.csv &&
	test_db_snapshot &&
	test_expect_code 65 ips-client import c.csv 2>err &&
	echo "ips-client: c.csv:2: ref: c9223372036854775807 is too large" \
	    >expect &&
	test_cmp expect err &&
	test_db_unchanged
'

test_expect_success 'a new record after the one below it: none left (65)' '
	printf "ref,name\nc9223372036854775806,Aino\n,Minh\n" >c.csv &&
	test_db_snapshot &&
	test_expect_code 65 ips-client import c.csv 2>err &&
	echo "ips-client: c.csv:3: ref: no new reference left below c9223372036854775807" \
	    >expect &&
	test_cmp expect err &&
	test_db_unchanged
'

test_expect_success 'one further down, the new record takes the last one' '
	printf "ref,name\nc9223372036854775805,Aino\n,Minh\n" >c.csv &&
	ips-client import c.csv &&
	ips-client list -o id >out &&
	printf "c9223372036854775805\nc9223372036854775806\n" >expect &&
	test_cmp expect out
'

test_expect_success 'and then a new one finds none left (65)' '
	printf "name\nLeena\n" >c.csv &&
	test_db_snapshot &&
	test_expect_code 65 ips-client import c.csv 2>err &&
	echo "ips-client: c.csv:2: ref: no new reference left below c9223372036854775807" \
	    >expect &&
	test_cmp expect err &&
	test_db_unchanged
'

test_done
