#!/bin/sh
test_description='ips check, ips backup and ips info'
. "$(dirname "$0")/lib.sh"

tab=$(printf '\t')

test_expect_success 'setup' '
	ips staff add ana "Ana Virtanen" &&
	ips -u ana staff add bob "Bob Berg" --team North
'

test_expect_success 'ips check on a clean database: exit 0, no problems' '
	ips check -H >actual &&
	test_must_be_empty actual
'

test_expect_success 'ips check only reads' '
	test_db_snapshot &&
	ips check >/dev/null &&
	test_db_unchanged
'

test_expect_success 'ips info shows the schema version and the row counts' '
	ips info -o tsv >actual &&
	grep "^schema_version${tab}1\$" actual &&
	grep "^database${tab}$IPS_DB\$" actual &&
	grep "^specialist_rows${tab}2\$" actual &&
	grep "^client_rows${tab}0\$" actual &&
	grep "^meeting_rows${tab}0\$" actual &&
	grep "^audit_rows${tab}2\$" actual &&
	grep "^ips_version${tab}[0-9]" actual &&
	grep "^sqlite_version${tab}3\." actual &&
	head -n 1 actual >header &&
	printf "key\tvalue\n" >expect &&
	test_cmp expect header
'

test_expect_success 'ips info -o json is one array of objects' '
	ips info -o json >info.json &&
	jq -e "map(select(.key == \"schema_version\"))[0].value | tonumber == 1" \
	    info.json
'

test_expect_success 'ips info only reads' '
	test_db_snapshot &&
	ips info >/dev/null &&
	test_db_unchanged
'

test_expect_success 'ips backup makes a private copy that sqlite3 reads' '
	ips backup b.db &&
	test "$(stat -c %a b.db)" = 600 &&
	test "$(sqlite3 b.db "select count(*) from specialist")" = 2 &&
	ips -d b.db check &&
	ips -d b.db staff list >actual &&
	ips staff list >expect &&
	test_cmp expect actual
'

test_expect_success 'ips backup refuses to overwrite a file (73)' '
	echo precious >keep.txt &&
	test_expect_code 73 ips backup keep.txt 2>err &&
	test_line_count = 1 err &&
	grep "keep.txt" err &&
	echo precious >expect &&
	test_cmp expect keep.txt
'

test_expect_success 'ips backup -f overwrites, and makes the file private' '
	chmod 0644 keep.txt &&
	ips backup -f keep.txt &&
	test "$(stat -c %a keep.txt)" = 600 &&
	test "$(sqlite3 keep.txt "select count(*) from specialist")" = 2 &&
	echo again >keep.txt &&
	ips backup --force keep.txt &&
	test "$(sqlite3 keep.txt "select count(*) from specialist")" = 2
'

test_expect_success 'ips backup into a missing folder: cannot create (73)' '
	test_expect_code 73 ips backup nodir/b.db 2>err &&
	test_line_count = 1 err &&
	test ! -e nodir
'

test_expect_success 'ips backup only reads the database' '
	test_db_snapshot &&
	ips backup b2.db &&
	test_db_unchanged
'

test_expect_success 'ips backup works while another process writes' '
	test_db_lock &&
	test_when_finished test_db_unlock &&
	ips backup b3.db &&
	test "$(sqlite3 b3.db "select count(*) from specialist")" = 2
'

test_expect_success 'ips backup -f onto the database itself is refused' '
	ips -d self.db staff add ana Ana &&
	test_db_snapshot self.db &&
	test_must_fail ips -d self.db backup -f self.db 2>err &&
	test_line_count = 1 err &&
	test_db_unchanged &&
	ln -s self.db link.db &&
	test_must_fail ips -d self.db backup -f link.db 2>err &&
	test_db_unchanged &&
	ln self.db hard.db &&
	test_must_fail ips -d self.db backup -f hard.db 2>err &&
	test_db_unchanged
'

test_expect_success 'ips backup needs exactly one file (64)' '
	test_expect_code 64 ips backup 2>err &&
	test_expect_code 64 ips backup a.db b.db 2>err &&
	test ! -e a.db
'

# Break the data's rules by hand, behind the tools' back.
cat >job-ends-early.sql <<\EOF
insert into client (id, name, specialist_id, enrolled, status)
    values (1, 'X', 1, '2026-01-05', 'active');
insert into client_status (client_id, status, on_date)
    values (1, 'active', '2026-01-05');
insert into employer (id, name) values (1, 'Acme');
insert into job (id, client_id, employer_id, title, start_on, end_on)
    values (3, 1, 1, 'cook', '2026-05-01', '2026-04-01');
EOF
cat >status-disagrees.sql <<\EOF
update job set end_on = null;
update client set status = 'working';
EOF
cat >missing-specialist.sql <<\EOF
update client set status = 'active';
insert into meeting (id, specialist_id, held_on, employer_id)
    values (7, 99, '2026-11-20', 1);
EOF
cat >three-problems.sql <<\EOF
update client set status = 'paused';
insert into meeting (id, specialist_id, held_on, employer_id, next_on)
    values (8, 1, '2026-11-20', 1, '2026-11-01');
EOF

test_expect_success 'a job that ends before it starts: ips check exits 1' '
	cp ips.db good.db &&
	sqlite3 -bail ips.db <job-ends-early.sql &&
	test_expect_code 1 ips check -H >actual &&
	test_line_count = 1 actual &&
	grep "^j3${tab}" actual
'

test_expect_success 'a client whose status disagrees with its history' '
	sqlite3 -bail ips.db <status-disagrees.sql &&
	test_expect_code 1 ips check -H >actual &&
	test_line_count = 1 actual &&
	grep "^c1${tab}" actual
'

test_expect_success 'a row that points to a missing specialist' '
	sqlite3 -bail ips.db <missing-specialist.sql &&
	test_expect_code 1 ips check -H >actual &&
	test_line_count = 1 actual &&
	grep "meeting" actual
'

test_expect_success 'several problems are all listed' '
	sqlite3 -bail ips.db <three-problems.sql &&
	test_expect_code 1 ips check -H >actual &&
	test_line_count = 3 actual &&
	grep "^c1${tab}" actual &&
	grep "^m8${tab}" actual
'

test_expect_success 'ips check finds problems without changing anything' '
	test_db_snapshot &&
	test_expect_code 1 ips check >/dev/null &&
	test_db_unchanged
'

test_expect_success 'the backup taken before is still clean' '
	ips -d good.db check
'

test_done
