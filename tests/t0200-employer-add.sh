#!/bin/sh
test_description='ips-employer add: every field, the owner by default, the
business id checked and unique, and the record in every format'
. "$(dirname "$0")/lib.sh"

tab=$(printf '\t')

test_expect_success 'setup: two specialists' '
	ips staff add ana "Ana Virtanen" --team Tampere &&
	ips staff add bob "Bob Nieminen" --team Pori
'

test_expect_success 'add with every field prints the new reference' '
	ips-employer -u ana add "Kahvila Kaneli Oy" --business-id 1234567-1 \
	    --sector I --industry "Kahvila ja leipomo" --size 8 \
	    --area Tampere --address "Hämeenkatu 12, 33100 Tampere" \
	    --website https://kaneli.example --status contacted \
	    --note "Omistaja kiinnostunut" >out &&
	echo e1 >expect &&
	test_cmp expect out
'

test_expect_success 'the owner is the acting specialist unless given' '
	ips-employer add "Metallityö Virtanen Oy" -u bob --sector C \
	    --business-id 2345678-0 --area Pori >out &&
	echo e2 >expect &&
	test_cmp expect out &&
	IPS_USER=ana ips-employer add "Siivouspalvelu Puhdas Oy" --sector n \
	    --owner bob --business-id 0112038-9 --size 35 --area Tampere &&
	ips-employer add "Rakennus Oy Nordic" >out &&
	echo e4 >expect &&
	test_cmp expect out
'

test_expect_success 'export gives every field exactly, in tsv' '
	ips-employer export -o tsv >actual &&
	cat >expect <<-EOF &&
	ref${tab}name${tab}business_id${tab}sector${tab}industry${tab}size${tab}area${tab}address${tab}website${tab}status${tab}owner${tab}note
	e1${tab}Kahvila Kaneli Oy${tab}1234567-1${tab}I${tab}Kahvila ja leipomo${tab}8${tab}Tampere${tab}Hämeenkatu 12, 33100 Tampere${tab}https://kaneli.example${tab}contacted${tab}ana${tab}Omistaja kiinnostunut
	e2${tab}Metallityö Virtanen Oy${tab}2345678-0${tab}C${tab}${tab}${tab}Pori${tab}${tab}${tab}prospect${tab}bob${tab}
	e3${tab}Siivouspalvelu Puhdas Oy${tab}0112038-9${tab}N${tab}${tab}35${tab}Tampere${tab}${tab}${tab}prospect${tab}bob${tab}
	e4${tab}Rakennus Oy Nordic${tab}${tab}${tab}${tab}${tab}${tab}${tab}${tab}prospect${tab}${tab}
	EOF
	test_cmp expect actual
'

test_expect_success 'show -o json: numbers as numbers, absent as null' '
	ips-employer show e1 e4 -o json >out.json &&
	jq -e "length == 2" out.json &&
	jq -e ".[0] == {ref: \"e1\", name: \"Kahvila Kaneli Oy\",
	    business_id: \"1234567-1\", sector: \"I\",
	    industry: \"Kahvila ja leipomo\", size: 8, area: \"Tampere\",
	    address: \"Hämeenkatu 12, 33100 Tampere\",
	    website: \"https://kaneli.example\", status: \"contacted\",
	    owner: \"ana\", note: \"Omistaja kiinnostunut\"}" out.json &&
	jq -e ".[1] == {ref: \"e4\", name: \"Rakennus Oy Nordic\",
	    business_id: null, sector: null, industry: null, size: null,
	    area: null, address: null, website: null, status: \"prospect\",
	    owner: null, note: null}" out.json
'

test_expect_success 'show -o jsonl, csv and yaml of one record' '
	ips-employer show e2 -o jsonl >out.jsonl &&
	test_line_count = 1 out.jsonl &&
	jq -e ".business_id == \"2345678-0\" and .size == null" out.jsonl &&
	ips-employer show e2 -o csv -H >actual &&
	printf "e2,Metallityö Virtanen Oy,2345678-0,C,,,Pori,,,prospect,bob,\r\n" \
	    >expect &&
	test_cmp expect actual &&
	ips-employer show e2 -o yaml >actual &&
	cat >expect <<-\EOF &&
	- ref: e2
	  name: Metallityö Virtanen Oy
	  business_id: "2345678-0"
	  sector: C
	  industry: null
	  size: null
	  area: Pori
	  address: null
	  website: null
	  status: prospect
	  owner: bob
	  note: null
	EOF
	test_cmp expect actual
'

test_expect_success 'every add is in the audit trail, with field names only' '
	ips log e1 -o tsv -H | cut -f 2- >actual &&
	printf "ana\tips-employer\tadd\te1\tname,business_id,sector,industry,size,area,address,website,status,owner,note\n" \
	    >expect &&
	test_cmp expect actual
'

test_expect_success 'a duplicate business id is refused, naming the holder' '
	test_db_snapshot &&
	test_expect_code 65 ips-employer add "Kaneli Kopio Oy" \
	    --business-id 1234567-1 2>err &&
	echo "ips-employer: business_id: 1234567-1 is already e1" >expect &&
	test_cmp expect err &&
	test_db_unchanged
'

test_expect_success 'a wrong check digit is refused' '
	test_db_snapshot &&
	test_expect_code 65 ips-employer add "Väärä Oy" \
	    --business-id 1234567-2 2>err &&
	echo "ips-employer: business_id: not a valid business id NNNNNNN-T (check digit)" \
	    >expect &&
	test_cmp expect err &&
	test_expect_code 65 ips-employer add "Väärä Oy" --business-id 1234567 &&
	test_expect_code 65 ips-employer add "Väärä Oy" --business-id 12345671 &&
	test_expect_code 65 ips-employer add "Väärä Oy" \
	    --business-id " 1234567-1" &&
	test_db_unchanged
'

test_expect_success 'add makes a missing database' '
	ips-employer -d new.db add "Leipomo Lämmin Oy" >out &&
	echo e1 >expect &&
	test_cmp expect out &&
	test "$(stat -c %a new.db)" = 600
'

test_expect_success 'an unknown acting specialist is refused before writing' '
	test_db_snapshot &&
	test_expect_code 65 ips-employer -u zed add "Zeta Oy" 2>err &&
	grep "no such specialist .zed. (known: ana, bob)" err &&
	test_expect_code 65 ips-employer add "Zeta Oy" --owner zed &&
	test_db_unchanged
'

test_expect_success 'usage errors: no name, two names, unknown option' '
	test_db_snapshot &&
	test_expect_code 64 ips-employer add 2>err &&
	grep "^ips-employer: usage: ips-employer add NAME" err &&
	test_expect_code 64 ips-employer add "A Oy" "B Oy" &&
	test_expect_code 64 ips-employer add "A Oy" --colour red 2>err &&
	echo "ips-employer: unknown option '\''--colour'\''" >expect &&
	test_cmp expect err &&
	test_expect_code 64 ips-employer add "A Oy" --size &&
	test_expect_code 64 ips-employer &&
	test_expect_code 64 ips-employer frobnicate &&
	test_db_unchanged
'

test_expect_success '--name may stand for the operand' '
	ips-employer add --name "Kukkakauppa Orvokki" --sector G >out &&
	echo e5 >expect &&
	test_cmp expect out
'

test_expect_success '-h prints the usage on stdout, exit 0' '
	ips-employer add -h >out &&
	grep "^usage: ips-employer add NAME" out &&
	ips-employer --help >out2 &&
	test_cmp out out2 &&
	ips-employer --version >out &&
	grep "^ips-employer [0-9]" out
'

# The SYNOPSIS of the man page, fonts and escapes removed, is the usage.
test_done
