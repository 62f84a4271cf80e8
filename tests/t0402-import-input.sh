#!/bin/sh
test_description='import: standard input and -f, formats by extension, a
spreadsheet'"'"'s csv, json and yaml as other programs write them, no type
guessing, the defaults of add, and progress only on a terminal'
. "$(dirname "$0")/lib.sh"

IPS_USER=anna
export IPS_USER

test_expect_success 'setup: two specialists, an employer, a client' '
	ips staff add anna "Anna Aalto" &&
	ips staff add pirjo "Pirjo Krokfors" &&
	ips-employer add "Valio Oy" --business-id 0112038-9 >/dev/null &&
	ips-client add "Kaija Kärkkäinen" >/dev/null
'

test_expect_success 'standard input with -f, as - or with no FILE' '
	printf "employer,on,minutes\ne1,2026-11-16,10\n" >m.csv &&
	ips-meet import -f csv - <m.csv >out 2>err &&
	ips-meet import -f csv <m.csv >>out 2>>err &&
	cat m.csv | ips-meet import -f csv 2>>err >>out &&
	test_must_be_empty out &&
	test_must_be_empty err &&
	ips-meet list -o id --from 2026-11-16 --to 2026-11-16 >ids &&
	test_line_count = 3 ids
'

test_expect_success 'errors on standard input name it stdin' '
	printf "employer,on\ne1,2026-13-01\n" >bad.csv &&
	test_expect_code 65 ips-meet import -f csv <bad.csv 2>err &&
	echo "ips-meet: stdin:2: on: invalid date '"'"'2026-13-01'"'"'" >expect &&
	test_cmp expect err
'

test_expect_success 'the format from the extension, any case; -f wins' '
	printf "{\"employer\": \"e1\", \"on\": \"2026-11-17\"}\n" >a.ndjson &&
	printf -- "- employer: e1\n  \"on\": 2026-11-17\n" >b.YML &&
	printf "employer\ton\ne1\t2026-11-17\n" >c.txt &&
	ips-meet import a.ndjson &&
	ips-meet import b.YML &&
	ips-meet import -f tsv c.txt &&
	ips-meet list --from 2026-11-17 --to 2026-11-17 -o id >ids &&
	test_line_count = 3 ids
'

test_expect_success 'a spreadsheet'"'"'s csv: BOM, CRLF, quotes, line breaks, any column order' '
	printf "\357\273\277note , Name,phone,job-types\r\n" >c.csv &&
	printf "\"Said \"\"hi\"\",\r\nthen left\",\"Virtanen, Liisa\",0401234567,\"cook, cleaner\"\r\n" \
	    >>c.csv &&
	printf ",Nguyễn Văn An,+358 40 123 4567,\r\n" >>c.csv &&
	ips-client import c.csv &&
	ips-client export -o tsv | cut -f 1,2,6,10,17 >actual &&
	cat >expect <<-\EOF &&
	ref	name	phone	job_types	note
	c1	Kaija Kärkkäinen			
	c2	Virtanen, Liisa	0401234567	cook,cleaner	Said "hi",\nthen left
	c3	Nguyễn Văn An	+358 40 123 4567		
	EOF
	test_cmp expect actual
'

test_expect_success 'json from another program: numbers, booleans, null, arrays' '
	cat >o.json <<-\EOF &&
	[
	  {"employer": "0112038-9", "title": "Cook", "positions": 2,
	   "hours": 37.5, "hidden": true, "found": "2026-11-02",
	   "found_by": "pirjo", "requirements": null},
	  {"employer": "Valio Oy", "title": "Driver", "hidden": false}
	]
	EOF
	ips-employer import --openings o.json &&
	ips-employer export --openings -o tsv | cut -f 1-10 >actual &&
	cat >expect <<-\EOF &&
	ref	employer	title	job_type	positions	hours	requirements	hidden	found	found_by
	o1	e1	Cook		2	37.5		yes	2026-11-02	pirjo
	o2	e1	Driver		1			no	2026-11-23	anna
	EOF
	test_cmp expect actual
'

test_expect_success 'empty cells of columns with a default: the default' '
	printf "employer,title,positions,hidden,status,found\ne1,Baker,,,,2026-11-03\ne1,Cleaner,3,yes,,2026-11-04\n" \
	    >o.csv &&
	ips-employer import --openings o.csv &&
	ips-employer export --openings -o tsv | sed -n "4,5p" |
	    cut -f 3,5,8,11 >actual &&
	printf "Baker\t1\tno\topen\nCleaner\t3\tyes\topen\n" >expect &&
	test_cmp expect actual
'

test_expect_success 'yaml: one mapping is one record; lists flow or block' '
	cat >m.yaml <<-\EOF &&
	employer: e1
	"on": 2026-11-18
	for:
	  - c1
	  - c2
	note: |
	  Coffee room,
	  then a factory tour.
	EOF
	ips-meet import m.yaml &&
	ips-meet list --from 2026-11-18 --to 2026-11-18 -o json >actual &&
	grep "\"for\":\[\"c1\",\"c2\"\]" actual &&
	grep "\"note\":\"Coffee room,\\\\nthen a factory tour.\\\\n\"" actual
'

test_expect_success 'no type guessing: text stays text' '
	printf "name,phone,area\n0123,0401234567,00100\n" >t.csv &&
	ips-client import t.csv &&
	ips-client export -o json >out &&
	grep "\"name\":\"0123\",.*\"phone\":\"0401234567\",.*\"area\":\"00100\"" out
'

test_expect_success 'an empty cell is a value not given: the defaults of add' '
	printf "employer,on,how,specialist\ne1,,,\n" >d.csv &&
	ips-meet import d.csv &&
	ips-meet list --from 2026-11-23 --to 2026-11-23 -o tsv |
	    cut -f 2,3,5,8 >actual &&
	printf "specialist\ton\temployer\thow\nanna\t2026-11-23\te1\tin-person\n" \
	    >expect &&
	test_cmp expect actual
'

test_expect_success 'dates as add takes them' '
	printf "employer,on,next\ne1,19.11.2026,+2w\n" >d.csv &&
	ips-meet import d.csv &&
	ips-meet list --from 2026-11-19 --to 2026-11-19 -o tsv |
	    cut -f 3,14 >actual &&
	printf "on\tnext\n2026-11-19\t2026-12-07\n" >expect &&
	test_cmp expect actual
'

test_expect_success 'no progress and no count when stderr is not a terminal' '
	printf "employer\ne1\ne1\n" >p.csv &&
	ips-meet import p.csv >out 2>err &&
	test_must_be_empty out &&
	test_must_be_empty err
'

if command -v script >/dev/null 2>&1 &&
    script -qec true /dev/null >/dev/null 2>&1; then
	test_set_prereq SCRIPT
fi

test_expect_success SCRIPT 'on a terminal: the count at the end' '
	script -qec "ips-meet import p.csv" /dev/null >out &&
	tr -d "\\r" <out >actual &&
	echo "ips-meet: imported 2 meetings" >expect &&
	test_cmp expect actual &&
	script -qec "ips-meet import -n p.csv" /dev/null >out &&
	tr -d "\\r" <out >actual &&
	echo "ips-meet: checked 2 meetings" >expect &&
	test_cmp expect actual
'

test_expect_success 'a larger file streams through a pipe' '
	i=0 &&
	{
		echo "employer,on,minutes,note" &&
		while test $i -lt 5000; do
			printf "e1,2026-10-%02d,%d,\"row %d, of many\"\n" \
			    $((i % 28 + 1)) $((i % 90)) $i &&
			i=$((i + 1)) || return 1
		done
	} >many.csv &&
	cat many.csv | ips-meet import -f csv &&
	ips-meet list --month 2026-10 -o id >ids &&
	test_line_count = 5000 ids
'

test_done
