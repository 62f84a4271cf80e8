#!/bin/sh
test_description='ips staff leave changes a specialist who must exist: with
no database it is 66 and creates none, as every other change to a record'
. "$(dirname "$0")/lib.sh"

test_expect_success 'staff leave without a database: 66, no file, no folder' '
	test_expect_code 66 ips -d "$TEST_SCRATCH/new/ips.db" staff leave ana \
	    --on 2026-11-30 2>err &&
	grep "no database at .*new/ips.db" err &&
	test_line_count = 1 err &&
	! test -e new
'

test_expect_success 'with a database, an unknown handle is still 65' '
	ips staff add ana "Ana Virtanen" &&
	test_db_snapshot &&
	test_expect_code 65 ips staff leave bob --on 2026-11-30 2>err &&
	test_db_unchanged &&
	ips staff leave ana --on 2026-11-30 &&
	ips staff list -H -o tsv >list &&
	cut -f 1,5 list >out &&
	printf "ana\t2026-11-30\n" >expect &&
	test_cmp expect out
'

test_done
