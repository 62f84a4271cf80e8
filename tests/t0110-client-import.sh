#!/bin/sh
test_description='ips-client import and export: every format round-trips,
erased clients included; a bad file writes nothing'
. "$(dirname "$0")/lib.sh"

tab=$(printf '\t')
IPS_USER=ana
export IPS_USER

refused() {
	test_db_snapshot &&
	test_expect_code "$@" 2>err &&
	test_db_unchanged
}

test_expect_success 'setup: a register worth moving' '
	ips staff add ana "Ana Virtanen" &&
	ips staff add bo "Bo Lindqvist" &&
	ips-client add "Aino Kärkkäinen" --area Espoo --enrolled 2026-09-01 \
	    --phone "040 123 4567" --email aino@example.fi \
	    --goal "Varastotyö, \"lähellä\" kotia" \
	    --job-types "warehouse, cleaning" --hours-wanted 20 \
	    --disclosure no --benefits-planning 2026-09-20 \
	    --note "$(printf "Rivi yksi\n\tRivi kaksi; yes: no")" >/dev/null &&
	ips-client add "Minh Nguyễn" --specialist bo --area Vantaa \
	    --enrolled 2026-09-15 --status active --job-types cook \
	    --hours-wanted 37.5 >/dev/null &&
	ips-client add "Pekka Mäki" --area Kerava --enrolled 2026-10-01 \
	    >/dev/null &&
	ips-client add "true" --area "null" --phone 0401234567 \
	    --enrolled 2026-10-02 >/dev/null &&
	ips-client erase c3 --yes &&
	ips-client export -o tsv >before.tsv &&
	test_line_count = 5 before.tsv
'

# A fresh database with the same specialists.
fresh() {
	rm -f "$1" &&
	ips -d "$1" staff add ana "Ana Virtanen" &&
	ips -d "$1" staff add bo "Bo Lindqvist"
}

for f in csv tsv json jsonl yaml
do
	test_expect_success "export -o $f, import into an empty database" "
		ips-client export -o $f >clients.$f &&
		fresh $f.db &&
		ips-client -d $f.db import clients.$f &&
		ips-client -d $f.db export -o tsv >after.tsv &&
		test_cmp before.tsv after.tsv
	"
done

test_expect_success 'show -o yaml imports back too' '
	ips-client show -o yaml c1 c2 >two.yaml &&
	fresh show.db &&
	ips-client -d show.db import -f yaml - <two.yaml &&
	ips-client -d show.db export -o tsv >after.tsv &&
	head -n 3 before.tsv >expect &&
	test_cmp expect after.tsv
'

test_expect_success 'each imported client starts its history on enrolment' '
	ips-client -d csv.db status c2 -H -o tsv >out &&
	echo "c2${tab}2026-09-15${tab}active${tab}" >expect &&
	test_cmp expect out &&
	ips-client -d csv.db status c3 -H -o tsv >out &&
	echo "c3${tab}2026-10-01${tab}referred${tab}" >expect &&
	test_cmp expect out
'

test_expect_success 'new clients get the next references' '
	ips-client -d csv.db add "Leena Mäkelä" >out &&
	echo c5 >expect &&
	test_cmp expect out
'

test_expect_success 'import from standard input needs -f' '
	fresh stdin.db &&
	ips-client -d stdin.db import -f json - <clients.json &&
	ips-client -d stdin.db export -o tsv >after.tsv &&
	test_cmp before.tsv after.tsv &&
	test_db_snapshot stdin.db &&
	test_expect_code 64 ips-client -d stdin.db import - <clients.json \
	    2>err &&
	test_db_unchanged
'

test_expect_success 'import without references, with the defaults of add' '
	cat >new.csv <<-\EOF &&
	name,area,job_types,enrolled
	Ville Väisänen,Espoo,"warehouse,forklift",1.11.2026
	Sanna Laine,Vantaa,,
	EOF
	fresh new.db &&
	ips-client -d new.db import new.csv &&
	ips-client -d new.db list -H -o tsv >out &&
	cat >expect <<-EOF &&
	c1${tab}Ville Väisänen${tab}ana${tab}referred${tab}2026-11-01${tab}Espoo${tab}warehouse,forklift${tab}${tab}
	c2${tab}Sanna Laine${tab}ana${tab}referred${tab}2026-11-23${tab}Vantaa${tab}${tab}${tab}
	EOF
	test_cmp expect out
'

test_expect_success 'the import is audited once, with field names' '
	ips -d new.db log -o tsv >log &&
	tail -n 1 log | cut -f 4,6 >actual &&
	echo "import${tab}name,enrolled,area,job_types" >expect &&
	test_cmp expect actual
'

test_expect_success '--dry-run checks and writes nothing' '
	refused 0 ips-client -d new.db import --dry-run new.csv &&
	refused 0 ips-client -d new.db import -n new.csv
'

test_expect_success 'a bad file: every error as FILE:LINE, nothing written (65)' '
	cat >bad.csv <<-\EOF &&
	name,area,hours_wanted,enrolled,disclosure
	Kalle Mäki,Espoo,20,2026-02-30,
	,Vantaa,,,
	Olli Saari,Vantaa,500,,
	Anni Aalto,Espoo,,,maybe
	Hyvä Rivi,Espoo,10,,yes
	EOF
	refused 65 ips-client -d new.db import bad.csv &&
	cat >expect <<-\EOF &&
	ips-client: bad.csv:2: enrolled: invalid date '"'"'2026-02-30'"'"'
	ips-client: bad.csv:3: name: missing
	ips-client: bad.csv:4: hours_wanted: 500 out of range 1 to 80
	ips-client: bad.csv:5: disclosure: '"'"'maybe'"'"' not one of yes, no, undecided
	EOF
	test_cmp expect err
'

test_expect_success 'an erased client in a file has no personal data (65)' '
	cat >erased.csv <<-\EOF &&
	name,phone,area,erased
	,040 111 2222,Espoo,2026-11-01
	EOF
	refused 65 ips-client -d new.db import erased.csv &&
	grep "erased.csv:2: phone: an erased client has none" err &&
	! grep "040 111" err
'

test_expect_success 'an unknown column, a reference taken already (65)' '
	printf "name,shoe_size\nKalle,42\n" >cols.csv &&
	refused 65 ips-client -d new.db import cols.csv &&
	grep "shoe_size" err &&
	printf "ref,name\nc1,Kalle\n" >taken.csv &&
	refused 65 ips-client -d new.db import taken.csv &&
	grep "taken.csv:2: ref: c1 exists already" err &&
	printf "ref,name\ne1,Kalle\n" >kind.csv &&
	refused 65 ips-client -d new.db import kind.csv
'

test_expect_success 'a missing file (66), a bad format (64)' '
	refused 66 ips-client -d new.db import nowhere.csv &&
	grep "nowhere.csv" err &&
	refused 64 ips-client -d new.db import -f xml new.csv &&
	refused 64 ips-client -d new.db import a.csv b.csv
'

test_expect_success 'a pseudonymized export keeps no name to import' '
	ips-client export --pseudonymize -o csv >pseudo.csv &&
	! grep -e "Aino" -e "Minh" -e "040 123" pseudo.csv
'

test_done
