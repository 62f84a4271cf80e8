#!/bin/sh
test_description='ips: help and version, and every exit status of SPEC 2
(0, 1, 64, 65, 66, 73, 74, 75, 78)'
. "$(dirname "$0")/lib.sh"

SQ="'"

test_expect_success 'setup' '
	ips staff add ana "Ana Virtanen"
'

test_expect_success 'ips version (0)' '
	ips version >out 2>err &&
	grep "^ips [0-9][0-9.]* (schema 1, SQLite 3\.[0-9.]*)\$" out &&
	test_must_be_empty err
'

test_expect_success 'ips --version (0)' '
	ips --version >out 2>err &&
	grep "^ips [0-9][0-9.]*\$" out &&
	test_must_be_empty err &&
	ips staff list --version >out2 &&
	test_cmp out out2
'

test_expect_success 'ips -h, --help and help print the usage on stdout (0)' '
	ips -h >out 2>err &&
	test_must_be_empty err &&
	head -n 1 out >first &&
	echo "usage: ips init" >expect &&
	test_cmp expect first &&
	grep "ips staff add HANDLE NAME" out &&
	grep "ips backup \[-f\] FILE" out &&
	ips --help >out2 &&
	test_cmp out out2 &&
	ips help >out2 &&
	test_cmp out out2
'

test_expect_success 'the -h of a command prints the usage too (0)' '
	ips staff add -h >out 2>err &&
	test_must_be_empty err &&
	grep "^usage: ips init" out
'

test_expect_success 'ips with no command: usage on stderr (64)' '
	test_expect_code 64 ips >out 2>err &&
	test_must_be_empty out &&
	grep "^usage: ips init" err
'

test_expect_success 'an unknown command (64), one line' '
	test_expect_code 64 ips nosuchcmd >out 2>err &&
	test_must_be_empty out &&
	test_line_count = 1 err &&
	grep "nosuchcmd" err
'

test_expect_success 'an unknown option (64)' '
	test_expect_code 64 ips staff add --bogus 2>err &&
	test_line_count = 1 err &&
	grep -e "--bogus" err &&
	test_expect_code 64 ips info -x 2>err &&
	test_line_count = 1 err &&
	test_expect_code 64 ips -q info 2>err
'

test_expect_success 'a missing option argument (64)' '
	test_expect_code 64 ips staff list -d 2>err &&
	test_expect_code 64 ips log --since 2>err &&
	test_expect_code 64 ips staff list -o 2>err
'

test_expect_success 'extra arguments (64)' '
	test_expect_code 64 ips info extra 2>err &&
	test_expect_code 64 ips version extra 2>err &&
	test_expect_code 64 ips init extra 2>err
'

test_expect_success 'an unknown output format is refused' '
	test_must_fail ips staff list -o bogus 2>err &&
	test_line_count = 1 err
'

test_expect_success 'ips client ... runs ips-client (git style)' '
	ips client --version >out &&
	grep "^ips-client " out &&
	ips meet -h >out &&
	grep "usage: ips-meet" out
'

test_expect_success 'common options before a tool name are passed on' '
	ips -d "$PWD/other.db" client --version >out &&
	grep "^ips-client " out
'

test_expect_success 'ips finds its tools next to itself, not on PATH' '
	ips=$(command -v ips) &&
	env PATH=/usr/bin:/bin "$ips" client --version >out &&
	grep "^ips-client " out
'

test_expect_success 'bad data (65)' '
	test_db_snapshot &&
	test_expect_code 65 ips staff add Ana Ana 2>err &&
	test_line_count = 1 err &&
	echo hello >bad.db &&
	test_expect_code 65 ips -d bad.db info 2>err &&
	test_line_count = 1 err &&
	test_db_unchanged
'

test_expect_success 'a missing database (66) is named' '
	test_expect_code 66 ips -d "$PWD/none.db" info 2>err &&
	test_line_count = 1 err &&
	grep "none.db" err &&
	test ! -e none.db
'

test_expect_success 'ips check found a problem (1)' '
	sqlite3 ips.db "update specialist set handle = ${SQ}Bad Handle${SQ}" &&
	test_expect_code 1 ips check >out &&
	grep "Bad Handle" out &&
	sqlite3 ips.db "update specialist set handle = ${SQ}ana${SQ}" &&
	ips check
'

test_expect_success 'cannot create the database (73)' '
	echo x >afile &&
	test_expect_code 73 ips -d afile/sub/ips.db init 2>err &&
	test_line_count = 1 err &&
	grep "cannot create" err
'

test_expect_success 'cannot create an output file (73)' '
	test_expect_code 73 ips backup afile 2>err &&
	test_line_count = 1 err &&
	echo x >expect &&
	test_cmp expect afile
'

test_expect_success NOT_ROOT 'a read-only database file (73)' '
	cp ips.db ro.db &&
	chmod 0400 ro.db &&
	test_db_snapshot ro.db &&
	test_expect_code 73 ips -d ro.db staff add bob Bob 2>err &&
	test_line_count = 1 err &&
	test_db_unchanged
'

test_expect_success NOT_ROOT 'a read-only folder: cannot create (73)' '
	mkdir rodir &&
	chmod 0555 rodir &&
	test_when_finished "chmod 0755 rodir" &&
	test_expect_code 73 ips -d rodir/ips.db init 2>err &&
	test_line_count = 1 err &&
	grep "cannot create" err &&
	test ! -e rodir/ips.db
'

for cmd in 'staff list' info log version -h 'sql select\ 1'
do
	test_expect_success "a full disk: ips $cmd >/dev/full (74)" "
		test_expect_code 74 ips $cmd >/dev/full 2>err &&
		test_line_count = 1 err
	"
done

test_expect_success 'a reader that stops early is no error worth a word' '
	{
		ips sql "with recursive n(i) as (select 1 union all
		    select i + 1 from n where i < 200000) select i from n" \
		    2>err
		echo $? >status
	} | head -n 1 >out &&
	echo i >expect &&
	test_cmp expect out &&
	test_must_be_empty err &&
	test "$(cat status)" -lt 126
'

test_expect_success 'a busy database, past the busy timeout (75)' '
	test_db_lock &&
	test_when_finished test_db_unlock &&
	test_db_snapshot &&
	(IPS_BUSY_TIMEOUT=100 && export IPS_BUSY_TIMEOUT &&
	    test_expect_code 75 ips staff add bob Bob 2>err) &&
	test_line_count = 1 err &&
	grep "busy" err &&
	test_db_unchanged
'

test_expect_success 'readers go on while a writer holds the lock (WAL)' '
	test_db_lock &&
	test_when_finished test_db_unlock &&
	(IPS_BUSY_TIMEOUT=100 && export IPS_BUSY_TIMEOUT &&
	    ips staff list -H >out) &&
	test_line_count = 1 out
'

test_expect_success 'the write goes through once the lock is gone' '
	IPS_BUSY_TIMEOUT=100 ips staff add bob Bob &&
	test "$(sqlite3 ips.db "select count(*) from specialist")" = 2
'

test_expect_success 'a malformed config file (78) names file:line' '
	printf "me: ana\ncolour: blue\n" >bad.yaml &&
	test_db_snapshot &&
	(IPS_CONFIG=bad.yaml && export IPS_CONFIG &&
	    test_expect_code 78 ips staff list 2>err) &&
	test_line_count = 1 err &&
	grep "bad.yaml:2" err &&
	(IPS_CONFIG=bad.yaml && export IPS_CONFIG &&
	    test_expect_code 78 ips staff add cid Cid 2>err) &&
	test_db_unchanged
'

test_expect_success 'a config file that is not YAML (78)' '
	printf "me: [ana\n" >broken.yaml &&
	(IPS_CONFIG=broken.yaml && export IPS_CONFIG &&
	    test_expect_code 78 ips staff list 2>err) &&
	test_line_count = 1 err &&
	grep "broken.yaml" err
'

test_expect_success 'the config file in XDG_CONFIG_HOME is read' '
	mkdir -p .config/ips &&
	printf "database: %s\nbogus: 1\n" "$IPS_DB" >.config/ips/config.yaml &&
	test_expect_code 78 ips staff list 2>err &&
	grep "config.yaml:2" err &&
	rm .config/ips/config.yaml
'

test_expect_success 'a database from a newer ips (78)' '
	cp ips.db newer.db &&
	sqlite3 newer.db "pragma user_version = 99" &&
	test_expect_code 78 ips -d newer.db staff list 2>err &&
	test_line_count = 1 err
'

test_done
