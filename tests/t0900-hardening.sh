#!/bin/sh
test_description='what a careful reviewer tries on every tool: references
of the wrong kind, names where references belong, odd files and folders
for the database, backups and imports; one line on stderr, the SPEC exit
status, no personal data in the message, the database as it was'
. "$(dirname "$0")/lib.sh"

IPS_USER=ana
export IPS_USER

# refused STATUS command...: one line on stderr, the database unchanged.
refused() {
	test_db_snapshot &&
	test_expect_code "$@" 2>err &&
	test_line_count = 1 err &&
	test_db_unchanged
}

test_expect_success 'setup' '
	ips staff add ana "Ana Virtanen" &&
	ips-client add "Jari Heikkinen" --phone 0401234567 >/dev/null &&
	ips-employer add "Kahvila Kaneli Oy" >/dev/null &&
	ips-employer contact add e1 "Kari Virtanen" >/dev/null &&
	ips-employer opening add e1 Kokki >/dev/null
'

# A reference of another kind is named as a mix-up wherever a record is
# looked up, not searched for as a client's or employer's name.
while read -r want tool args
do
	test_expect_success "$tool $args: named as a mix-up (65)" "
		refused 65 $tool $args &&
		grep -e \"'$want'\" err &&
		grep -e ' is an* [a-z]*, not an* ' err
	"
done <<\EOF
e1 ips-client set e1 --area Vantaa
o1 ips-client erase o1 --yes
e1 ips-client status e1 active
c1 ips-client job add c1 --employer c1 --title Kokki --start 2026-11-23
o1 ips-client job add o1 --employer e1 --title Kokki --start 2026-11-23
e1 ips-client job list --client e1
c1 ips-client job list --employer c1
c1 ips-employer set c1 --area Vantaa
c1 ips-employer contact add c1 Liisa
c1 ips-employer opening add c1 Kokki
EOF

# A name typed where only a reference will do is not repeated: it may be
# a client's name, and stderr goes to cron mail and logs.
while read -r tool args
do
	test_expect_success "$tool $args: the name is not echoed (65)" "
		refused 65 $tool $args &&
		grep 'invalid .*reference' err &&
		! grep -e Jari -e Heikkinen -e Kari err
	"
done <<\EOF
ips-meet list 'Jari Heikkinen'
ips-meet show 'Jari Heikkinen'
ips-client match 'Jari Heikkinen'
ips-client job list 'Jari Heikkinen'
ips-client job end 'Jari Heikkinen' --end 2026-11-20 --end-reason quit
ips-meet add --employer e1 --contact 'Kari Virtanen'
ips-meet rm Jari
EOF

test_expect_success 'a mistyped reference is still quoted (65)' '
	refused 65 ips-meet show c9x &&
	grep "invalid meeting reference .c9x." err &&
	refused 65 ips-client match x12 &&
	grep "invalid client or opening reference .x12." err
'

# Reading as someone who may not write the folder: root reads anything,
# so as nobody (with a copy nobody owns) when the tests run as root.
as_reader=
if test_have_prereq ROOT; then
	if command -v setpriv >/dev/null 2>&1; then
		test_set_prereq READER
		as_reader="setpriv --reuid=65534 --regid=65534 --clear-groups"
	fi
else
	test_set_prereq READER
fi
readonly_folder() {
	chmod 555 "$1" &&
	if test -n "$as_reader"; then
		chown -R 65534:65534 "$1" &&
		chmod 755 "$TEST_SCRATCH"
	fi
}

test_expect_success READER 'a database in a read-only folder is read (WAL, no -shm)' '
	mkdir ro &&
	test_when_finished "chmod 700 \"$TEST_SCRATCH\"; chmod -R u+w ro" &&
	ips backup ro/ips.db &&
	readonly_folder ro &&
	$as_reader ips-client list -d ro/ips.db -o id >out 2>err &&
	echo c1 >expect &&
	test_cmp expect out &&
	test_must_be_empty err &&
	$as_reader ips-report caseload -d ro/ips.db -o id >out &&
	echo ana >expect &&
	test_cmp expect out &&
	! test -e ro/ips.db-shm &&
	test_expect_code 73 $as_reader ips-client add Liisa -d ro/ips.db \
	    2>err &&
	test_line_count = 1 err
'

test_expect_success READER,SQLITE3 'a read-only folder with a pending -wal: 66, one line' '
	mkdir rw ro2 &&
	test_when_finished "chmod 700 \"$TEST_SCRATCH\"; chmod -R u+w ro2" &&
	ips backup rw/ips.db &&
	mkfifo rw/hold &&
	{ sqlite3 rw/ips.db <rw/hold >/dev/null 2>&1 & } &&
	exec 8>rw/hold &&
	echo "BEGIN; SELECT count(*) FROM client;" >&8 &&
	sleep 1 &&
	ips-client add Liisa -d rw/ips.db >/dev/null &&
	cp rw/ips.db rw/ips.db-wal ro2/ &&
	exec 8>&- &&
	wait &&
	test -s ro2/ips.db-wal &&
	readonly_folder ro2 &&
	test_expect_code 66 $as_reader ips-client list -d ro2/ips.db 2>err &&
	test_line_count = 1 err &&
	grep "read-only" err
'

test_expect_success SQLITE3 'import into another program'"'"'s SQLite file: one line, no FILE:LINE' '
	sqlite3 other.db "CREATE TABLE t (x); INSERT INTO t VALUES (1);" &&
	cp other.db other.orig &&
	{ echo name && for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 \
	    19 20 21 22 23 24 25; do echo "Person $i"; done; } >many.csv &&
	test_expect_code 65 ips-client import -d other.db many.csv 2>err &&
	test_line_count = 1 err &&
	grep "^ips-client: .*other.db. is not an ips database$" err &&
	printf "employer,on\ne1,2026-11-20\n" >meet.csv &&
	test_expect_code 65 ips-meet import -d other.db meet.csv 2>err &&
	test_line_count = 1 err &&
	! grep "meet.csv:" err &&
	cmp other.db other.orig
'

test_expect_success 'import acting as an unknown handle: one line, nothing written' '
	test_db_snapshot &&
	test_expect_code 65 ips-client import -u nobody many.csv 2>err &&
	test_line_count = 1 err &&
	grep "no such specialist .nobody." err &&
	! grep "many.csv:" err &&
	test_db_unchanged
'

test_expect_success 'backup to an empty file name: 73, no file left behind' '
	: >after && ls -a >before &&
	test_expect_code 73 ips backup "" 2>err &&
	test_line_count = 1 err &&
	test_expect_code 73 ips backup -f "" 2>err &&
	test_line_count = 1 err &&
	ls -a >after &&
	test_cmp before after
'

# Whatever a message quotes, it is one line with no control characters:
# a newline in a typed value made two, an escape reached the terminal.
nl='a
b'
esc=$(printf 'a\033[31mb')
while read -r want tool args
do
	test_expect_success "$tool $args: one line, no control characters" "
		test_expect_code $want $tool $args 2>err &&
		test_line_count = 1 err &&
		! grep -q \"\$(printf '\\033')\" err &&
		grep '^$tool: ' err
	"
done <<\EOF
64 ips-client list "--x$nl"
64 ips-client "x$nl"
64 ips-report weekly -o "$nl"
65 ips-client add Liisa -u "$nl"
65 ips-client add Liisa -u "$esc"
65 ips-report weekly --team "$nl"
65 ips-report weekly --team "$esc"
65 ips sql "SELECT * FROM \"$nl\""
66 ips-client list -d "no$nl.db"
73 ips backup "nodir/$nl"
EOF

test_expect_success 'import errors: one line each, the file name made safe' '
	printf "name,phone\nLiisa,\001\n" >"bad$nl.csv" &&
	test_expect_code 65 ips-client import "bad$nl.csv" 2>err &&
	test_line_count = 1 err &&
	grep "^ips-client: bada?b.csv:2: phone: control character in text$" err &&
	printf "name\n\001\n\002\n" >two.csv &&
	test_expect_code 65 ips-client import two.csv 2>err &&
	test_line_count = 2 err &&
	grep "^ips-client: two.csv:3: " err
'

test_expect_success 'config: an empty database or me is bad configuration (78)' '
	printf "database: \"\"\n" >empty-db.yaml &&
	test_expect_code 78 env IPS_CONFIG=empty-db.yaml ips-client list 2>err &&
	test_line_count = 1 err &&
	grep "empty-db.yaml:1: database: " err &&
	printf "me: \"\"\n" >empty-me.yaml &&
	test_db_snapshot &&
	test_expect_code 78 env IPS_USER= IPS_CONFIG=empty-me.yaml \
	    ips-client add Liisa 2>err &&
	test_line_count = 1 err &&
	grep "empty-me.yaml:1: me: " err &&
	test_db_unchanged
'

printf 'name,size\nKaneli,lots\n' >bad-employers.csv

# A write refused on a missing database leaves nothing behind: no file,
# no -wal, no folder made for it.
while read -r tool args
do
	test_expect_success "$tool $args on no database: 65, no file, no folder" "
		test_expect_code 65 $tool -d new/dir/ips.db $args 2>err &&
		test_line_count = 1 err &&
		! test -e new
	"
done <<\EOF
ips-employer add ""
ips-employer add Kaneli --size -5
ips-employer add Kaneli --owner nobody
ips-employer add Kaneli -u nobody
ips-employer import bad-employers.csv
EOF

test_expect_success 'a dry run import on no database makes none' '
	printf "name\nKaneli Oy\n" >employers.csv &&
	env IPS_USER= ips-employer import -n -d new/ips.db employers.csv &&
	! test -e new
'

test_expect_success 'the first write that succeeds makes the file, 0600 in a 0700 folder, WAL' '
	(umask 0 && env IPS_USER= ips-employer add Kaneli -d new/dir/ips.db) \
	    >out &&
	echo e1 >expect &&
	test_cmp expect out &&
	ls -ld new new/dir new/dir/ips.db | cut -c1-10 >modes &&
	printf "drwx------\ndrwx------\n-rw-------\n" >expect &&
	test_cmp expect modes &&
	ls new/dir >files &&
	echo ips.db >expect &&
	test_cmp expect files &&
	echo 2 2 >expect &&
	od -An -tu1 -j18 -N2 new/dir/ips.db | tr -s " " | sed "s/^ //" >wal &&
	test_cmp expect wal
'

test_expect_success 'md reports: a team name is text, not markup' '
	ips staff add tea "Tea Lahti" --team "<b>Espoo</b> | IPS" &&
	for r in weekly fidelity outcomes caseload openings
	do
		ips-report $r -o md --team "<b>Espoo</b> | IPS" >out.md &&
		sed -n 3p out.md >line &&
		grep "team &lt;b>Espoo&lt;/b> \\\\| IPS$" line || return 1
	done
'

# What is at the database's path must be a file: a FIFO held the open
# for ever (so a time limit where timeout(1) is), /dev/null and a link
# gave SQLite's own words.
limit=
command -v timeout >/dev/null 2>&1 && limit="timeout 20"
test_expect_success 'the database path is a FIFO, a folder, a device or a link' '
	mkfifo fifo.db &&
	mkdir folder.db &&
	ln -s ips.db link.db &&
	for db in fifo.db folder.db /dev/null link.db
	do
		test_expect_code 66 $limit ips-client list -d $db 2>err &&
		test_line_count = 1 err &&
		test_expect_code 73 $limit ips init -d $db 2>err &&
		test_line_count = 1 err &&
		test_expect_code 73 $limit ips-employer add Kaneli -d $db \
		    2>err &&
		test_line_count = 1 err || return 1
	done &&
	grep "database .link.db. is a symbolic link" err &&
	test -p fifo.db &&
	test -d folder.db
'

test_expect_success 'references on stdin after a byte order mark' '
	printf "\357\273\277ref,name\nc1,x\n" >bom.csv &&
	ips-client list -o id <bom.csv >out &&
	echo c1 >expect &&
	test_cmp expect out &&
	printf "\357\273\277c1\n" | ips-client list -o id >out &&
	test_cmp expect out
'

# The record in the editor's temporary file is personal data: a kill or
# a hang-up while the editor is open waits until the file is gone.
test_expect_success 'edit killed while the editor is open leaves no temporary file' '
	mkdir tmp &&
	cat >slow-editor <<-\EOS &&
	#!/bin/sh
	: >editing
	sleep 2
	EOS
	chmod +x slow-editor &&
	for sig in TERM HUP
	do
		rm -f editing &&
		{ EDITOR=./slow-editor TMPDIR=$PWD/tmp ips-client edit c1 \
		    2>/dev/null & } &&
		pid=$! &&
		i=0 &&
		while ! test -e editing && test $i -lt 100
		do
			sleep 0.1 2>/dev/null || sleep 1
			i=$((i + 1))
		done &&
		test -e editing &&
		ls tmp >during &&
		test_line_count = 1 during &&
		kill -$sig $pid &&
		{ wait $pid; status=$?; } &&
		test $status -gt 128 &&
		ls tmp >after &&
		test_must_be_empty after || return 1
	done
'

# Controls beyond ASCII: U+009B is an escape to a terminal as ESC [ is,
# U+202E turns a listing around, U+2028 breaks a one-line field.
test_expect_success 'C1 controls, bidi overrides and line separators are refused' '
	for v in "x$(printf "\302\233")31m" "a$(printf "\342\200\256")b" \
	    "a$(printf "\342\201\246")b" "a$(printf "\342\200\250")b"
	do
		refused 65 ips-client add "$v" &&
		grep "name: control character in text" err &&
		refused 65 ips-employer add "$v" &&
		refused 65 ips-client set c1 --area "$v" &&
		printf "name\n%s\n" "$v" >c1.csv &&
		refused 65 ips-client import c1.csv || return 1
	done &&
	refused 65 ips-client set c1 --note "a$(printf "\342\200\256")b" &&
	ips-client set c1 --note "one$(printf "\342\200\250")two" &&
	ips-client add "Kärkkäinen Nguyễn 山田 $(printf "\302\240")x" >/dev/null
'

test_expect_success 'an empty -d or --db is bad usage (64), not a database named ""' '
	for args in "-d \"\" info" "--db= info" "init --db=" "staff list -d \"\"" \
	    "version --db="
	do
		eval "test_expect_code 64 ips $args" 2>err &&
		test_line_count = 1 err &&
		grep "option .-d/--db. needs a file name" err || return 1
	done &&
	test_expect_code 64 ips-client list -d "" 2>err &&
	test_expect_code 64 ips-meet -d "" list 2>err
'

test_expect_success 'ips staff -h and --help print the usage (0), as every command does' '
	ips staff -h >out 2>err &&
	test_must_be_empty err &&
	grep "^usage: ips init" out &&
	ips staff --help >out &&
	grep "ips staff leave HANDLE --on D" out
'

test_expect_success 'first writes at once into a new database all land, refused ones leave no trace' '
	for i in 1 2 3 4 5 6
	do
		{ env IPS_USER= ips-employer add "Yritys $i" -d race/db/ips.db \
		    >/dev/null 2>>race.err; echo $? >>race.rc; } &
		{ env IPS_USER= ips-employer add "" -d race/db/ips.db \
		    2>/dev/null; echo $? >>race.rc; } &
	done &&
	wait &&
	sort race.rc | uniq -c | sed "s/^ *//" >counts &&
	printf "6 0\n6 65\n" >expect &&
	test_cmp expect counts &&
	test_must_be_empty race.err &&
	ls race/db >files &&
	echo ips.db >expect &&
	test_cmp expect files &&
	ips-employer list -d race/db/ips.db -o id -H >ids &&
	test_line_count = 6 ids
'

test_done
