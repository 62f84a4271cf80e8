#!/bin/sh
test_description='export from one database and import into another, in
every format and for every kind of record: the same records, with the
same references, and one audit row for each import'
. "$(dirname "$0")/lib.sh"

IPS_USER=anna
export IPS_USER

# Two databases: a.db with records whose values are hard to carry (commas,
# quotes, line breaks, tabs, backslashes, UTF-8, lists, leading zeros),
# and an empty one for each format with the same specialists.
staff() {
	ips staff add anna "Anna Aalto" --team Uusimaa &&
	ips staff add pirjo "Pirjo Krokfors" --team Uusimaa
}

test_expect_success 'setup: a register of every kind' '
	IPS_DB=$TEST_SCRATCH/a.db && export IPS_DB &&
	staff &&
	ips-employer add "Valio Oy" --business-id 0112038-9 --sector c \
	    --size 4000 --area Helsinki \
	    --note "Big \"dairy\", call
before noon" &&
	ips-employer add "Kärkkäinen & Co, Oy" --status partner \
	    --owner pirjo &&
	ips-employer add "Leipomo" --website "https://leipomo.fi/?a=1,2" &&
	ips-employer contact add e1 "Jari Laine" --role owner \
	    --phone "040 111 2222" &&
	ips-employer contact add e2 "Liisa Virtanen" --email liisa@example.fi &&
	ips-employer opening add e1 Cook --job-type cook --hours 30 \
	    --hidden yes --requirements "hygiene pass; Finnish or English" &&
	ips-employer opening add e2 "Shop assistant" --positions 2 &&
	ips-client add "Kaija Kärkkäinen" --phone 0401234567 \
	    --job-types "cook, cleaner" --hours-wanted 20 \
	    --enrolled 2026-10-01 --note "tab	here
and a \\ backslash" &&
	ips-client add "Nguyễn Văn An" --specialist pirjo \
	    --disclosure undecided --goal "a job, any job" &&
	ips-client add "O'"'"'Brien, Sean" --area Espoo &&
	ips-meet add --employer e1 --contact p1 --for c1,c2 \
	    --on 2026-11-20 --at 10:00 --minutes 45 --where workplace \
	    --purpose client --outcome opening --next 2026-12-01 \
	    --note "he said \"ok\", fine" &&
	ips-meet add --client c2 --how phone --minutes 10 &&
	ips-meet add --employer "Leipomo" --client c3 --how video \
	    --where remote --on 2026-11-02 --note "ääkköset: äöå ÄÖÅ" \
	    >/dev/null
'

# The kinds in the order an import into an empty database needs them:
# employers before their contacts and openings, everything before the
# meetings that name it.  "tool option" pairs.
kinds='ips-employer: ips-employer:--contacts ips-employer:--openings
ips-client: ips-meet:'

# export_all DB FORMAT PREFIX: every kind exported from DB into files.
export_all() {
	for k in $kinds; do
		tool=${k%%:*} opt=${k#*:}
		IPS_DB=$1 $tool export $opt -o $2 >"$3$tool$opt.$2" || return 1
	done
}

# import_all DB FORMAT PREFIX: those files imported into DB.
import_all() {
	for k in $kinds; do
		tool=${k%%:*} opt=${k#*:}
		IPS_DB=$1 $tool import $opt "$3$tool$opt.$2" || return 1
	done
}

for f in csv tsv json jsonl yaml; do
	test_expect_success "$f: export, import into an empty database, export again: the same" "
		IPS_DB=\$TEST_SCRATCH/$f.db && export IPS_DB &&
		staff &&
		export_all \$TEST_SCRATCH/a.db $f a- &&
		import_all \$TEST_SCRATCH/$f.db $f a- &&
		export_all \$TEST_SCRATCH/$f.db $f b- &&
		for k in \$kinds; do
			tool=\${k%%:*} opt=\${k#*:} &&
			test_cmp a-\$tool\$opt.$f b-\$tool\$opt.$f || return 1
		done
	"
done

test_expect_success 'the exports were not empty' '
	test_line_count = 4 a-ips-meet.csv &&
	test_line_count = 4 a-ips-client.tsv &&
	grep -c "^- ref: " a-ips-meet.yaml >count &&
	echo 3 >expect &&
	test_cmp expect count
'

test_expect_success 'references are kept: the meetings name the same clients' '
	IPS_DB=$TEST_SCRATCH/json.db ips-meet list --client c2 -o id >actual &&
	printf "m%s\n" 1 2 >expect &&
	test_cmp expect actual &&
	IPS_DB=$TEST_SCRATCH/json.db ips-meet show m1 -o tsv |
	    cut -f 1,12 >actual &&
	printf "ref\tfor\nm1\tc1,c2\n" >expect &&
	test_cmp expect actual
'

test_expect_success 'the status history of imported clients is there' '
	IPS_DB=$TEST_SCRATCH/yaml.db ips-client show c1 >out &&
	grep "referred" out
'

test_expect_success 'one audit row for each import, naming the fields' '
	IPS_DB=$TEST_SCRATCH/csv.db ips log >log &&
	grep "	import	" log >imports &&
	test_line_count = 5 imports &&
	grep "ips-meet	import		specialist,on,at,employer,client,contact,how,where,minutes,purpose,for,outcome,next,note$" imports
'

test_expect_success 'a second import of the same file: every reference taken' '
	IPS_DB=$TEST_SCRATCH/csv.db && export IPS_DB &&
	test_db_snapshot &&
	test_expect_code 65 ips-meet import a-ips-meet.csv 2>err &&
	cat >expect <<-\EOF &&
	ips-meet: a-ips-meet.csv:2: ref: m3 exists already
	ips-meet: a-ips-meet.csv:3: ref: m1 exists already
	ips-meet: a-ips-meet.csv:4: ref: m2 exists already
	EOF
	test_cmp expect err &&
	test_db_unchanged
'

test_expect_success 'without the ref column, records get new references' '
	IPS_DB=$TEST_SCRATCH/csv.db && export IPS_DB &&
	cut -f 2- a-ips-client.tsv >noref.tsv &&
	ips-client import noref.tsv 2>err &&
	test_must_be_empty err &&
	ips-client list -o id >actual &&
	printf "c%s\n" 1 2 3 4 5 6 >expect &&
	test_cmp expect actual
'

test_done
