#!/bin/sh
test_description='ips-client --pseudonymize: stable keyed pseudonyms for
names, phones and e-mails in list, show and export, free text left out'
. "$(dirname "$0")/lib.sh"

tab=$(printf '\t')
IPS_USER=ana
export IPS_USER

test_expect_success 'setup' '
	ips staff add ana "Ana Virtanen" &&
	ips-client add "Aino Kärkkäinen" --area Espoo --enrolled 2026-09-01 \
	    --phone "040 123 4567" --email aino.karkkainen@example.fi \
	    --goal "Varastotyö" --note "Luottamuksellinen" \
	    --job-types warehouse >/dev/null &&
	ips-client add "Minh Nguyễn" --area Vantaa --enrolled 2026-09-15 \
	    --phone "050 987 6543" >/dev/null &&
	ips-client add "Aino Kärkkäinen" --area Vantaa \
	    --enrolled 2026-10-01 >/dev/null &&
	ips-client status c1 active --on 2026-09-10 --reason "Sairaalajakso ohi"
'

test_expect_success 'export --pseudonymize never shows a real name or number' '
	ips-client export --pseudonymize -o tsv >out &&
	! grep -e "Aino" -e "Kärkkäinen" -e "Minh" -e "Nguyễn" out &&
	! grep -e "040 123" -e "050 987" -e "example.fi" out &&
	! grep -e "Luottamuksellinen" -e "Varastotyö" out &&
	test_line_count = 4 out
'

test_expect_success 'pseudonyms have a fixed shape, one per record and field' '
	ips-client export --pseudonymize -o json >out.json &&
	jq -e "map(.name) | all(test(\"^N[0-9a-f]{12}\$\"))" out.json &&
	jq -e ".[0].phone | test(\"^P[0-9a-f]{12}\$\")" out.json &&
	jq -e ".[0].email | test(\"^E[0-9a-f]{12}\$\")" out.json &&
	jq -e ".[1].email == null and .[2].phone == null" out.json &&
	jq -e ".[0].note == null and .[0].goal == null" out.json &&
	jq -e ".[0].area == \"Espoo\" and .[0].job_types == [\"warehouse\"]
	    and .[0].enrolled == \"2026-09-01\"" out.json
'

test_expect_success 'two people with one name get two pseudonyms' '
	jq -e ".[0].name != .[2].name" out.json
'

test_expect_success 'the pseudonyms are the same in every run' '
	ips-client export --pseudonymize -o tsv >run1 &&
	ips-client export --pseudonymize -o tsv >run2 &&
	test_cmp run1 run2
'

test_expect_success 'and the same in list, show and export' '
	ips-client list --pseudonymize -H -o tsv >list &&
	cut -f 1,2 list >a &&
	cut -f 1,2 run1 | sed 1d >b &&
	test_cmp b a &&
	ips-client show --pseudonymize -o tsv -H c1 c2 c3 >show &&
	sed 1d run1 >c &&
	test_cmp c show
'

test_expect_success 'they stay when the record changes' '
	ips-client set c2 --area Helsinki &&
	ips-client export --pseudonymize -o tsv >run3 &&
	cut -f 1,2,6 run1 >a &&
	cut -f 1,2,6 run3 >b &&
	test_cmp a b
'

test_expect_success 'show --pseudonymize in a table leaves out reasons' '
	ips-client show --pseudonymize -o table c1 >out &&
	! grep -e "Aino" -e "Sairaala" -e "040" out &&
	grep "^name  *N[0-9a-f]\{12\}\$" out &&
	grep "^2026-09-10  active\$" out
'

test_expect_success 'another database has another key' '
	ips -d other.db staff add ana "Ana Virtanen" &&
	ips-client -d other.db add "Aino Kärkkäinen" >/dev/null &&
	ips-client -d other.db export --pseudonymize -H -o tsv >other &&
	cut -f 2 other >a &&
	sed -n 2p run1 | cut -f 2 >b &&
	! test_cmp a b
'

test_expect_success 'ips sql does not give the key away' '
	test_must_fail ips sql "select value from meta" >out 2>err &&
	test_must_be_empty out
'

test_expect_success SQLITE3 'the key is nowhere in an export or the audit log' '
	sqlite3 ips.db "select hex(value) from meta
	    where key = '"'"'pseudonym_key'"'"'" >key &&
	test -s key &&
	ips-client export -o json >all.json &&
	ips log -o tsv >log &&
	! grep -i -f key run1 all.json log
'

test_expect_success 'without --pseudonymize the names are there' '
	ips-client export -o tsv -H >out &&
	grep "Aino Kärkkäinen" out
'

test_expect_success 'an erased client has no pseudonym either' '
	ips-client erase c3 --yes &&
	ips-client list --pseudonymize -o json c3 >out.json &&
	jq -e ".[0].name == null" out.json
'

test_done
