#!/bin/sh
test_description='ips log (the audit trail) and ips sql (read-only queries)'
. "$(dirname "$0")/lib.sh"

tab=$(printf '\t')
SQ="'"

test_expect_success 'setup' '
	ips staff add ana "Ana Virtanen" --team North &&
	ips -u ana staff add bob "Bob Berg" &&
	ips -u ana staff leave bob --on 2026-11-30
'

test_expect_success 'ips log lists every write: who, tool, action, ref, fields' '
	ips log -o tsv >log &&
	cut -f 2- log >actual &&
	cat >expect <<-EOF &&
	who${tab}tool${tab}action${tab}ref${tab}fields
	${tab}ips${tab}staff add${tab}ana${tab}handle,name,team
	ana${tab}ips${tab}staff add${tab}bob${tab}handle,name
	ana${tab}ips${tab}staff leave${tab}bob${tab}left
	EOF
	test_cmp expect actual
'

test_expect_success 'ips log stamps each write in UTC, ISO 8601' '
	cut -f 1 log >at &&
	sed 1d at >stamps &&
	test_line_count = 3 stamps &&
	! grep -v "^[0-9]\{4\}-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z\$" \
	    stamps
'

test_expect_success 'ips log REF lists the writes to one record' '
	ips log -H -o tsv bob >log &&
	cut -f 4,5 log >actual &&
	printf "staff add\tbob\nstaff leave\tbob\n" >expect &&
	test_cmp expect actual
'

test_expect_success 'ips log --since a date' '
	ips log -H --since 2000-01-01 >actual &&
	test_line_count = 3 actual &&
	ips log -H --since 2999-01-01 >actual &&
	test_must_be_empty actual
'

test_expect_success 'ips log --since an impossible date is refused (65)' '
	test_expect_code 65 ips log --since 2026-02-30 2>err &&
	test_line_count = 1 err
'

test_expect_success 'ips log -o json: fields as an array' '
	ips log -o json >log.json &&
	jq -e "length == 3 and .[0].fields == [\"handle\", \"name\", \"team\"]
	    and .[0].who == null and .[1].who == \"ana\"" log.json
'

test_expect_success 'the audit trail keeps field names, never values' '
	sqlite3 ips.db "select * from audit" >audit &&
	! grep "Virtanen" audit &&
	! grep "Berg" audit &&
	! grep "North" audit
'

test_expect_success 'ips log only reads' '
	test_db_snapshot &&
	ips log >/dev/null &&
	test_db_unchanged
'

test_expect_success 'ips sql runs a query' '
	ips sql "select handle from specialist order by handle" >actual &&
	printf "handle\nana\nbob\n" >expect &&
	test_cmp expect actual
'

test_expect_success 'ips sql -H and -o json' '
	ips sql -H "select handle, fte from specialist order by handle" >actual &&
	printf "ana\t1.0\nbob\t1.0\n" >expect &&
	test_cmp expect actual &&
	ips sql -o json "select 1 as n, null as z, ${SQ}x${SQ} as s, 1.5 as r" \
	    >out.json &&
	jq -e ". == [{n: 1, z: null, s: \"x\", r: 1.5}]" out.json
'

test_expect_success 'ips sql: the documented views are there' '
	ips sql -H "select name from sqlite_schema where type = ${SQ}view${SQ}
	    order by name" >actual &&
	printf "client_v\nemployer_v\njob_v\nmeeting_v\n" >expect &&
	test_cmp expect actual &&
	for v in client_v employer_v job_v meeting_v
	do
		ips sql "select * from $v" || return 1
	done
'

test_expect_success 'ips sql: an empty result is success' '
	ips sql -H "select handle from specialist where 0" >actual &&
	test_must_be_empty actual
'

for q in 'delete from specialist' \
    'update specialist set name = 1' \
    'insert into audit (at, tool, action) values (1, 2, 3)' \
    'drop table specialist' \
    'create table x (y)' \
    'create temp table x (y)' \
    'pragma user_version = 5' \
    'select 1; delete from specialist' \
    'vacuum'
do
	test_expect_success "ips sql refuses a write: $q (65)" "
		test_db_snapshot &&
		test_expect_code 65 ips sql '$q' 2>err >/dev/null &&
		test_line_count = 1 err &&
		test_db_unchanged &&
		test \"\$(sqlite3 ips.db 'select count(*) from specialist')\" = 2
	"
done

test_expect_success 'ips sql cannot create a file through ATTACH' '
	test_must_fail ips sql "attach ${SQ}evil.db${SQ} as e;
	    create table e.t (x)" 2>err &&
	test ! -e evil.db
'

# SPEC 4: the pseudonym key is made once per database "which never
# leaves it", not even through ips sql.
test_expect_success 'ips sql does not give out the pseudonym key' '
	{ ips sql -H "select hex(value) from meta" >out1 2>&1 || :; } &&
	! grep "[0-9A-F]\{32\}" out1 &&
	{ ips sql -H "select * from meta" >out2 2>&1 || :; } &&
	! grep "pseudonym_key" out2
'

test_expect_success 'ips sql: a syntax error is bad data (65), one line' '
	test_db_snapshot &&
	test_expect_code 65 ips sql "selec handle from specialist" 2>err &&
	test_line_count = 1 err &&
	test_expect_code 65 ips sql "select nosuchcolumn from specialist" \
	    2>err &&
	test_line_count = 1 err &&
	test_db_unchanged
'

test_expect_success 'ips sql needs one query (64)' '
	test_expect_code 64 ips sql 2>err &&
	test_expect_code 64 ips sql "select 1" "select 2" 2>err
'

cat >week.sql <<\EOF
insert into employer (id, name) values (1, 'Acme');
insert into meeting (specialist_id, held_on, employer_id, how) values
    (1, '2026-11-16', 1, 'in-person'),
    (1, '2026-11-22', 1, 'in-person'),
    (1, '2026-11-23', 1, 'in-person'),
    (1, '2026-11-17', 1, 'phone'),
    (2, '2026-11-18', 1, 'in-person');
EOF

test_expect_success 'ips sql: face-to-face contacts per specialist in a week' '
	sqlite3 -bail ips.db <week.sql &&
	ips sql -H "select specialist, sum(face_to_face) from meeting_v
	    where \"on\" between ${SQ}2026-11-16${SQ} and ${SQ}2026-11-22${SQ}
	    group by specialist order by specialist" >actual &&
	printf "ana\t2\nbob\t1\n" >expect &&
	test_cmp expect actual
'

test_expect_success 'ips(7): every specialist of the week, 0 for none' '
	ips staff add cid Cid &&
	ips staff add dan Dan &&
	ips staff leave dan --on 2026-11-15 &&
	sqlite3 -readonly ips.db "
	    SELECT s.handle, count(m.id) AS face_to_face
	    FROM specialist s
	    LEFT JOIN meeting m ON m.specialist_id = s.id
	        AND m.held_on BETWEEN ${SQ}2026-11-16${SQ} AND ${SQ}2026-11-22${SQ}
	        AND m.employer_id IS NOT NULL AND m.how = ${SQ}in-person${SQ}
	    WHERE s.left_on IS NULL OR s.left_on >= ${SQ}2026-11-16${SQ}
	    GROUP BY s.id ORDER BY s.handle" >actual &&
	printf "ana|2\nbob|1\ncid|0\n" >expect &&
	test_cmp expect actual
'

cat >jobs.sql <<\EOF
insert into client (id, name, specialist_id, enrolled) values
    (1, 'X', 1, '2026-01-05');
insert into job (client_id, employer_id, title, start_on, end_on) values
    (1, 1, 'cook', '2026-02-01', '2026-02-11'),
    (1, 1, 'cook', '2026-03-01', '2026-03-31'),
    (1, 1, 'cook', '2026-05-01', '2026-05-06'),
    (1, 1, 'cook', '2026-06-01', null);
EOF

test_expect_success 'ips(7): the median tenure of jobs that ended' '
	sqlite3 -bail ips.db <jobs.sql &&
	ips sql -o json "SELECT tenure_days FROM job_v
	    WHERE \"end\" IS NOT NULL ORDER BY tenure_days" >tenure.json &&
	jq ".[length / 2 | floor].tenure_days" tenure.json >actual &&
	echo 10 >expect &&
	test_cmp expect actual
'

test_done
