#!/bin/sh
test_description='ips init: where the database is, how it is made, and
that reading never creates one'
. "$(dirname "$0")/lib.sh"

test_expect_success 'ips init creates a private WAL database and its folder' '
	IPS_DB=$PWD/sub/dir/ips.db ips init >out &&
	echo "$PWD/sub/dir/ips.db" >expect &&
	test_cmp expect out &&
	test -f sub/dir/ips.db &&
	test "$(stat -c %a sub/dir/ips.db)" = 600 &&
	test "$(sqlite3 sub/dir/ips.db "pragma journal_mode")" = wal &&
	test "$(sqlite3 sub/dir/ips.db "pragma user_version")" = 1
'

test_expect_success 'the new database has every table and view' '
	sqlite3 sub/dir/ips.db "select name from sqlite_schema
	    where type in (\"table\", \"view\") order by name" >actual &&
	cat >expect <<-\EOF &&
	audit
	client
	client_status
	client_v
	contact
	employer
	employer_v
	job
	job_v
	meeting
	meeting_for
	meeting_v
	meta
	opening
	specialist
	EOF
	test_cmp expect actual
'

test_expect_success 'the new database passes its own check' '
	IPS_DB=$PWD/sub/dir/ips.db ips check
'

test_expect_success 'ips init on an existing database changes nothing' '
	ips init >/dev/null &&
	ips staff add ana "Ana Virtanen" &&
	test_db_snapshot &&
	ips init >out &&
	echo "$IPS_DB" >expect &&
	test_cmp expect out &&
	test_db_unchanged &&
	test "$(sqlite3 ips.db "select handle from specialist")" = ana
'

test_expect_success 'a umask does not open the database to others' '
	(umask 0 && IPS_DB=$PWD/open.db ips init >/dev/null) &&
	test "$(stat -c %a open.db)" = 600
'

test_expect_success 'without -d or IPS_DB the database is in XDG_DATA_HOME' '
	(unset IPS_DB && ips init >out) &&
	echo "$XDG_DATA_HOME/ips/ips.db" >expect &&
	test_cmp expect out &&
	test -f "$XDG_DATA_HOME/ips/ips.db"
'

test_expect_success 'without XDG_DATA_HOME it is ~/.local/share/ips/ips.db' '
	rm -rf .local &&
	(unset IPS_DB XDG_DATA_HOME && ips init >out) &&
	echo "$HOME/.local/share/ips/ips.db" >expect &&
	test_cmp expect out &&
	test -f "$HOME/.local/share/ips/ips.db"
'

test_expect_success 'the config file database: comes before XDG_DATA_HOME' '
	mkdir -p .config/ips &&
	echo "database: $PWD/fromconfig.db" >.config/ips/config.yaml &&
	(unset IPS_DB && ips init >out) &&
	echo "$PWD/fromconfig.db" >expect &&
	test_cmp expect out &&
	test -f fromconfig.db
'

test_expect_success 'IPS_DB comes before the config file' '
	IPS_DB=$PWD/fromenv.db ips init >out &&
	echo "$PWD/fromenv.db" >expect &&
	test_cmp expect out &&
	test -f fromenv.db &&
	rm .config/ips/config.yaml
'

test_expect_success '-d and --db come before IPS_DB' '
	ips init -d "$PWD/fromopt.db" >out &&
	echo "$PWD/fromopt.db" >expect &&
	test_cmp expect out &&
	ips init --db "$PWD/fromlong.db" >out &&
	echo "$PWD/fromlong.db" >expect &&
	test_cmp expect out &&
	test -f fromopt.db && test -f fromlong.db
'

test_expect_success '-d before the command works as well' '
	ips -d "$PWD/before.db" init >out &&
	echo "$PWD/before.db" >expect &&
	test_cmp expect out
'

for cmd in info 'staff list' check log 'sql select\ 1' 'backup b.db'
do
	test_expect_success "reading: ips $cmd on a missing database exits 66" "
		rm -rf missing &&
		(
			IPS_DB=\$PWD/missing/no.db &&
			test_expect_code 66 ips $cmd
		) 2>err &&
		grep 'missing/no.db' err &&
		test_line_count = 1 err &&
		test ! -e missing &&
		test ! -e b.db
	"
done

test_expect_success 'reading does not create the default database either' '
	rm -rf .local &&
	(unset IPS_DB && test_expect_code 66 ips info 2>err) &&
	test ! -e .local/share/ips/ips.db
'

test_expect_success 'a file that is not SQLite is refused, left alone (65)' '
	echo hello >bad.db &&
	test_expect_code 65 ips info -d bad.db 2>err &&
	test_line_count = 1 err &&
	grep "bad.db" err &&
	test_expect_code 65 ips staff add -d bad.db ana Ana 2>err &&
	test_line_count = 1 err &&
	test_expect_code 65 ips init -d bad.db 2>err &&
	echo hello >expect &&
	test_cmp expect bad.db
'

test_expect_success 'a reading command leaves an empty file alone' '
	: >empty.db &&
	chmod 0644 empty.db &&
	test_must_fail ips info -d empty.db 2>err &&
	test_line_count = 1 err &&
	test_must_be_empty empty.db
'

test_expect_success 'ips -d bad.db info (option first) exits 65' '
	test_expect_code 65 ips -d bad.db info 2>err &&
	test_line_count = 1 err
'

test_expect_success 'an SQLite file of another program is refused (65)' '
	sqlite3 other.db "create table songs(title text)" &&
	test_db_snapshot other.db &&
	test_expect_code 65 ips info -d other.db 2>err &&
	test_line_count = 1 err &&
	grep "not an ips database" err &&
	test_db_unchanged
'

test_expect_success 'a write to another program'"'"'s file leaves it as it was' '
	test_db_snapshot other.db &&
	test_expect_code 65 ips init -d other.db 2>err &&
	test_expect_code 65 ips staff add -d other.db ana Ana 2>err &&
	test_db_unchanged
'

test_expect_success 'a database from a newer ips is refused (78)' '
	ips init -d newer.db >/dev/null &&
	sqlite3 newer.db "pragma user_version = 99" &&
	test_db_snapshot newer.db &&
	test_expect_code 78 ips info -d newer.db 2>err &&
	test_line_count = 1 err &&
	test_expect_code 78 ips staff list -d newer.db 2>err &&
	test_expect_code 78 ips init -d newer.db 2>err &&
	test_expect_code 78 ips staff add -d newer.db ana Ana 2>err &&
	test_db_unchanged
'

test_expect_success 'a folder in the way of the database: cannot create (73)' '
	echo x >afile &&
	test_expect_code 73 ips init -d afile/ips.db 2>err &&
	test_line_count = 1 err &&
	grep "cannot create" err &&
	test_expect_code 73 ips staff add -d afile/ips.db ana Ana 2>err &&
	echo x >expect &&
	test_cmp expect afile
'

test_expect_success NOT_ROOT 'a read-only folder: cannot create (73)' '
	mkdir ro &&
	chmod 0555 ro &&
	test_when_finished "chmod 0755 ro" &&
	test_expect_code 73 ips init -d ro/ips.db 2>err &&
	grep "cannot create" err &&
	test_line_count = 1 err &&
	test ! -e ro/ips.db
'

test_expect_success NOT_ROOT 'a read-only database: writes refused (73)' '
	ips init -d rofile.db >/dev/null &&
	chmod 0400 rofile.db &&
	test_db_snapshot rofile.db &&
	test_expect_code 73 ips staff add -d rofile.db ana Ana 2>err &&
	test_line_count = 1 err &&
	test_db_unchanged &&
	ips staff list -d rofile.db
'

test_done
