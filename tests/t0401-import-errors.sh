#!/bin/sh
test_description='import refused: every bad record as FILE:LINE: message (up
to 20), exit 65 and nothing written; missing input 66, bad usage 64, a
busy database 75; broken csv, json and yaml; huge and invalid values'
. "$(dirname "$0")/lib.sh"

IPS_USER=anna
export IPS_USER

# A refused import: exit status $1, and the database byte for byte as it
# was.  stderr in err.
refused() {
	test_db_snapshot &&
	test_expect_code "$@" 2>err &&
	test_db_unchanged
}

test_expect_success 'setup: a specialist, two employers, a client' '
	ips staff add anna "Anna Aalto" &&
	ips-employer add "Valio Oy" >/dev/null &&
	ips-employer add "Leipomo" >/dev/null &&
	ips-client add "Kaija Kärkkäinen" >/dev/null &&
	ips-meet add --employer e1 --on 2026-11-20 >/dev/null
'

test_expect_success 'bad rows: one line each, FILE:LINE: field: problem' '
	cat >m.csv <<-\EOF &&
	specialist,on,employer,client,how,minutes,for
	anna,2026-11-20,e1,,phone,15,
	anna,2026-02-30,e1,,phone,15,
	anna,2026-11-20,e1,,telepathy,15,
	anna,2026-11-20,e1,,phone,-5,
	anna,2026-11-20,,,phone,15,
	anna,2026-11-20,e99,,phone,15,
	anna,2026-11-20,e1,,phone,15,e2
	bob,2026-11-20,e1,c1,,,
	anna,2026-11-21,Leipomo,c1,,,c1
	EOF
	refused 65 ips-meet import m.csv &&
	cat >expect <<-\EOF &&
	ips-meet: m.csv:3: on: invalid date '"'"'2026-02-30'"'"'
	ips-meet: m.csv:4: how: '"'"'telepathy'"'"' not one of in-person, phone, video, email, message
	ips-meet: m.csv:5: minutes: -5 out of range 0 to 1440
	ips-meet: m.csv:6: a meeting needs --employer or --client
	ips-meet: m.csv:7: employer: no such employer '"'"'e99'"'"'
	ips-meet: m.csv:8: for: '"'"'e2'"'"' is an employer, not a client
	ips-meet: m.csv:9: specialist: no such specialist '"'"'bob'"'"' (known: anna)
	EOF
	test_cmp expect err
'

test_expect_success 'one bad row after a thousand good ones: nothing written' '
	{
		echo "employer,on,minutes" &&
		i=0 &&
		while test $i -lt 1000; do
			echo "e1,2026-11-1$((i % 10)),$((i % 60))" &&
			i=$((i + 1)) || return 1
		done &&
		echo "e1,2026-11-31,10"
	} >big.csv &&
	refused 65 ips-meet import big.csv &&
	echo "ips-meet: big.csv:1002: on: invalid date '"'"'2026-11-31'"'"'" \
	    >expect &&
	test_cmp expect err &&
	ips-meet list -o id >ids &&
	test_line_count = 1 ids
'

test_expect_success 'more than 20 bad rows: 20 lines, then one that says so' '
	{
		echo "employer,minutes" &&
		for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 \
		    21 22 23 24 25; do
			echo "e1,x$i" || return 1
		done
	} >many.csv &&
	refused 65 ips-meet import many.csv &&
	test_line_count = 21 err &&
	sed -n "20,21p" err >actual &&
	cat >expect <<-\EOF &&
	ips-meet: many.csv:21: minutes: '"'"'x20'"'"' not a whole number
	ips-meet: many.csv:22: more errors; stopped reading
	EOF
	test_cmp expect actual
'

test_expect_success 'unknown columns: named at line 1, no row is read' '
	printf "name,nmae,phone,foo\nA,B,C,D\n" >c.csv &&
	refused 65 ips-client import c.csv &&
	cat >expect <<-\EOF &&
	ips-client: c.csv:1: column '"'"'nmae'"'"': unknown field of client
	ips-client: c.csv:1: column '"'"'foo'"'"': unknown field of client
	EOF
	test_cmp expect err
'

test_expect_success 'an unknown key in json: named at its line' '
	printf "[{\"name\": \"A\"},\n{\"name\": \"B\",\n \"shoe_size\": 43}]\n" \
	    >c.json &&
	refused 65 ips-client import c.json &&
	echo "ips-client: c.json:3: column '"'"'shoe_size'"'"': unknown field of client" \
	    >expect &&
	test_cmp expect err
'

test_expect_success 'the same field twice (job-types and job_types)' '
	printf "name,job-types,job_types\nA,x,y\n" >c.csv &&
	refused 65 ips-client import c.csv &&
	echo "ips-client: c.csv:1: column '"'"'job_types'"'"': the same field as '"'"'job-types'"'"'" \
	    >expect &&
	test_cmp expect err
'

test_expect_success 'ref twice (ref and Ref)' '
	printf "ref,name,Ref\nc7,A,c8\n" >c.csv &&
	refused 65 ips-client import c.csv &&
	echo "ips-client: c.csv:1: column '"'"'Ref'"'"': the same field as '"'"'ref'"'"'" \
	    >expect &&
	test_cmp expect err
'

test_expect_success 'a missing file: 66, naming it' '
	refused 66 ips-meet import nope.csv &&
	echo "ips-meet: cannot open '"'"'nope.csv'"'"': No such file or directory" \
	    >expect &&
	test_cmp expect err
'

test_expect_success 'a folder: 66' '
	mkdir dir.csv &&
	refused 66 ips-meet import dir.csv &&
	echo "ips-meet: cannot open '"'"'dir.csv'"'"': Is a directory" >expect &&
	test_cmp expect err
'

test_expect_success NOT_ROOT 'an unreadable file: 66' '
	echo "employer" >secret.csv &&
	chmod 000 secret.csv &&
	refused 66 ips-meet import secret.csv &&
	grep "^ips-meet: cannot open '"'"'secret.csv'"'"': Permission denied$" err
'

test_expect_success 'standard input needs -f: 64' '
	refused 64 ips-meet import - &&
	echo "ips-meet: reading standard input needs -f FORMAT" >expect &&
	test_cmp expect err &&
	refused 64 ips-meet import &&
	test_cmp expect err
'

test_expect_success 'a name that tells no format, or an unknown -f: 64' '
	echo name >clients.txt &&
	refused 64 ips-client import clients.txt &&
	echo "ips-client: cannot tell the format of '"'"'clients.txt'"'"' from its name: use -f FORMAT (csv, tsv, json, jsonl, yaml)" \
	    >expect &&
	test_cmp expect err &&
	refused 64 ips-client import -f xlsx clients.txt &&
	echo "ips-client: unknown import format '"'"'xlsx'"'"' (csv, tsv, json, jsonl, yaml)" \
	    >expect &&
	test_cmp expect err
'

test_expect_success 'csv: a quoted field left open at the end of the file' '
	printf "name,note\nA,\"fine\"\nB,\"open\nC,x\n" >c.csv &&
	refused 65 ips-client import c.csv &&
	echo "ips-client: c.csv:3: unterminated quoted field" >expect &&
	test_cmp expect err
'

test_expect_success 'csv: a row with too many or too few fields' '
	printf "name,area\nA,Espoo,x\nB\nC,Vantaa\n" >c.csv &&
	refused 65 ips-client import c.csv &&
	cat >expect <<-\EOF &&
	ips-client: c.csv:2: 3 fields, the header has 2
	ips-client: c.csv:3: 1 fields, the header has 2
	EOF
	test_cmp expect err
'

test_expect_success 'json: a syntax error ends reading, at its line' '
	printf "[\n{\"name\": \"A\"},\n{\"name\": \"B\"\n{\"name\": \"C\"}\n]\n" \
	    >c.json &&
	refused 65 ips-client import c.json &&
	echo "ips-client: c.json:4: expected '"'"','"'"' or '"'"'}'"'"', not '"'"'{'"'"'" \
	    >expect &&
	test_cmp expect err
'

test_expect_success 'json: a leading zero is not a number: write phones as text' '
	printf "[{\"name\": \"A\", \"phone\": 0401234567}]\n" >c.json &&
	refused 65 ips-client import c.json &&
	echo "ips-client: c.json:1: unexpected '"'"'0401234567'"'"'" >expect &&
	test_cmp expect err
'

test_expect_success 'jsonl: each bad line is an error, the others are read' '
	cat >c.jsonl <<-\EOF &&
	{"name": "A"}
	{"name": "B",}
	{"name": "C", "hours_wanted": 500}
	not json
	{"name": "D"}
	EOF
	refused 65 ips-client import c.jsonl &&
	cat >expect <<-\EOF &&
	ips-client: c.jsonl:2: expected a key in double quotes, not '"'"'}'"'"'
	ips-client: c.jsonl:3: hours_wanted: 500 out of range 1 to 80
	ips-client: c.jsonl:4: expected an object, not '"'"'n'"'"'
	EOF
	test_cmp expect err
'

test_expect_success 'yaml: a syntax error, with the parser'"'"'s words and line' '
	printf -- "- name: A\n- name: [B\n- name: C\n" >c.yaml &&
	refused 65 ips-client import c.yaml &&
	echo "ips-client: c.yaml:3: did not find expected '"'"','"'"' or '"'"']'"'"' while parsing a flow sequence" \
	    >expect &&
	test_cmp expect err
'

test_expect_success 'yaml: a nested mapping is an error of its record' '
	printf -- "- name: A\n  area: {city: Espoo}\n- name: B\n" >c.yaml &&
	refused 65 ips-client import c.yaml &&
	echo "ips-client: c.yaml:1: area: a mapping, not a value" >expect &&
	test_cmp expect err
'

test_expect_success 'invalid UTF-8 in a value: the field'"'"'s error' '
	printf "name,area\nA,Esp\377o\n" >c.csv &&
	refused 65 ips-client import c.csv &&
	echo "ips-client: c.csv:2: area: invalid UTF-8" >expect &&
	test_cmp expect err
'

test_expect_success 'UTF-16 (a spreadsheet'"'"'s "Unicode text"): refused' '
	printf "\377\376n\000a\000m\000e\000\n\000" >c.csv &&
	refused 65 ips-client import c.csv &&
	echo "ips-client: c.csv:1: UTF-16 text: save the file as UTF-8" >expect &&
	test_cmp expect err
'

test_expect_success 'a value of 1 MB: an error, no crash' '
	{
		echo "name,note" &&
		printf "A," &&
		head -c 1048576 /dev/zero | tr "\\000" x &&
		printf "\nB,short\n"
	} >c.csv &&
	refused 65 ips-client import c.csv &&
	echo "ips-client: c.csv:2: note: longer than 65536 bytes" >expect &&
	test_cmp expect err
'

test_expect_success 'a note over the field'"'"'s limit' '
	{
		echo "name,note" &&
		printf "A," &&
		head -c 5000 /dev/zero | tr "\\000" x &&
		echo
	} >c.csv &&
	refused 65 ips-client import c.csv &&
	echo "ips-client: c.csv:2: note: longer than 4000 characters" >expect &&
	test_cmp expect err
'

test_expect_success 'a dry run with errors: 65, the same lines' '
	refused 65 ips-meet import --dry-run m.csv &&
	test_line_count = 7 err
'

test_expect_success 'a dry run of a good file: 0, nothing printed or written' '
	printf "employer,on\ne1,2026-11-22\n" >ok.csv &&
	test_db_snapshot &&
	ips-meet import -n ok.csv >out 2>err &&
	test_db_unchanged &&
	test_must_be_empty out &&
	test_must_be_empty err
'

test_expect_success 'an empty file, a header alone: 0, nothing written' '
	: >empty.csv &&
	refused 0 ips-meet import empty.csv &&
	test_must_be_empty err &&
	echo "employer,on" >header.csv &&
	refused 0 ips-meet import header.csv &&
	: >empty.json &&
	refused 0 ips-meet import empty.json &&
	echo "[]" >empty.yaml &&
	refused 0 ips-meet import empty.yaml &&
	test_must_be_empty err
'

test_expect_success SQLITE3 'a busy database: 75, nothing written' '
	printf "employer,on\ne1,2026-11-22\n" >ok.csv &&
	test_db_snapshot &&
	test_db_lock &&
	IPS_BUSY_TIMEOUT=100 test_expect_code 75 ips-meet import ok.csv \
	    2>err &&
	test_db_unlock &&
	test_db_unchanged &&
	echo "ips-meet: database is busy: try again" >expect &&
	test_cmp expect err
'

test_expect_success 'an import that names other records creates no database' '
	printf "employer,on\ne1,2026-11-22\n" >ok.csv &&
	test_expect_code 66 ips-meet -d new.db import ok.csv 2>err &&
	test_line_count = 1 err &&
	test ! -e new.db &&
	printf "name\nAino\n" >c.csv &&
	test_expect_code 66 ips-client -d new.db import c.csv 2>err &&
	test ! -e new.db
'

test_done
