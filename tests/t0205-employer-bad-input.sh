#!/bin/sh
test_description='ips-employer: every kind of bad input is refused with a
one-line error naming the field, exit 65, and the database byte-identical;
SQL in a value is stored as text'
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup: one employer' '
	ips staff add ana "Ana Virtanen" &&
	ips-employer -u ana add "Kahvila Kaneli Oy" --business-id 1234567-1 \
	    --sector I
'

# refused FIELD-MESSAGE ARGS...: add and set are both refused with exactly
# "ips-employer: FIELD-MESSAGE", and nothing changes.
refused() {
	refused_msg_=$1
	shift
	echo "ips-employer: $refused_msg_" >expect &&
	test_db_snapshot &&
	test_expect_code 65 ips-employer -u ana add "$@" 2>err &&
	test_cmp expect err &&
	test_db_unchanged
}

test_expect_success 'a business id with a wrong check digit' '
	refused "business_id: not a valid business id NNNNNNN-T (check digit)" \
	    "Väärä Oy" --business-id 1234567-2 &&
	refused "business_id: not a valid business id NNNNNNN-T (check digit)" \
	    "Väärä Oy" --business-id 3141592-0
'

test_expect_success 'a business id held by another employer' '
	refused "business_id: 1234567-1 is already e1" "Kopio Oy" \
	    --business-id 1234567-1
'

test_expect_success 'a sector that is no TOL 2008 letter' '
	refused "sector: not a TOL 2008 letter A to U, or X" "Z Oy" --sector Z &&
	refused "sector: not a TOL 2008 letter A to U, or X" "Z Oy" --sector CC &&
	refused "sector: not a TOL 2008 letter A to U, or X" "Z Oy" --sector 3
'

test_expect_success 'a negative, absurd or non-numeric size' '
	test_db_snapshot &&
	test_expect_code 65 ips-employer add "Koko Oy" --size -1 2>err &&
	grep "^ips-employer: size: " err &&
	test_line_count = 1 err &&
	test_expect_code 65 ips-employer add "Koko Oy" --size 99999999999 &&
	test_expect_code 65 ips-employer add "Koko Oy" --size 12abc &&
	test_expect_code 65 ips-employer add "Koko Oy" --size 1.5 &&
	test_db_unchanged
'

test_expect_success 'an unknown status or owner' '
	refused "status: '\''Partner'\'' not one of prospect, contacted, engaged, partner, declined" \
	    "Tila Oy" --status Partner &&
	refused "owner: no such specialist '\''zed'\'' (known: ana)" \
	    "Tila Oy" --owner zed
'

test_expect_success 'an empty or blank name' '
	refused "name: empty" "" &&
	refused "name: empty" "   "
'

test_expect_success 'a name over 200 characters; 200 are fine' '
	long=$(printf "%0201d" 0 | sed "s/0/ä/g") &&
	refused "name: longer than 200 characters" "$long" &&
	ok=$(printf "%0200d" 0 | sed "s/0/ä/g") &&
	ips-employer add "$ok" >out &&
	echo e2 >expect &&
	test_cmp expect out
'

test_expect_success 'a 100 kB name from the command line' '
	big=$(head -c 100000 /dev/zero | tr "\\0" x) &&
	refused "name: longer than 200 characters" "$big"
'

test_expect_success 'invalid UTF-8 in a name, a note, a search' '
	refused "name: invalid UTF-8" "$(printf "Kahvila \377 Oy")" &&
	refused "name: invalid UTF-8" "$(printf "Kahvila \303 Oy")" &&
	refused "note: invalid UTF-8" "Hyvä Oy" --note "$(printf "\300\200")" &&
	test_expect_code 65 ips-employer list --search "$(printf "\377")"
'

test_expect_success 'control characters in names; a note may have lines' '
	refused "name: control character in text" "$(printf "Kahvila\001Oy")" &&
	refused "name: control character in text" "$(printf "Kahvila\nOy")" &&
	refused "name: control character in text" "$(printf "Kahvila\tOy")" &&
	refused "name: control character in text" "$(printf "Kahvila\033[31mOy")" &&
	refused "address: control character in text" "Osoite Oy" \
	    --address "$(printf "Katu 1\r")" &&
	refused "note: control character in text" "Huom Oy" \
	    --note "$(printf "rivi\001")" &&
	ips-employer add "Rivit Oy" --note "$(printf "rivi 1\nrivi 2\tsarake")" &&
	ips-employer show e3 -o json | jq -e ".[0].note == \"rivi 1\\nrivi 2\\tsarake\""
'

test_expect_success 'a note over 4000 characters' '
	refused "note: longer than 4000 characters" "Huom Oy" \
	    --note "$(printf "%04001d" 0)"
'

test_expect_success 'set refuses the same values, leaving the record' '
	test_db_snapshot &&
	test_expect_code 65 ips-employer set e1 --business-id 1234567-2 &&
	test_expect_code 65 ips-employer set e1 --sector Z &&
	test_expect_code 65 ips-employer set e1 --size -1 &&
	test_expect_code 65 ips-employer set e1 --name "" &&
	test_expect_code 65 ips-employer set e1 --name "$(printf "a\377")" &&
	test_expect_code 65 ips-employer set e1 --name "$(printf "a\001")" &&
	test_db_unchanged
'

test_expect_success 'SQL in a value is stored and found as plain text' '
	ips-employer add "'\''; DROP TABLE employer; --" \
	    --note "Robert'\''); DELETE FROM audit; --" >out &&
	echo e4 >expect &&
	test_cmp expect out &&
	ips-employer show e4 -o json >out.json &&
	jq -e ".[0].name == \"'\''; DROP TABLE employer; --\"" out.json &&
	jq -e ".[0].note == \"Robert'\''); DELETE FROM audit; --\"" out.json &&
	ips-employer list --search "DROP TABLE" -o id >actual &&
	echo e4 >expect &&
	test_cmp expect actual &&
	ips-employer show "'\''; DROP TABLE employer; --" -o id >actual &&
	test_cmp expect actual &&
	ips-employer list -o id >actual &&
	test_line_count = 4 actual
'

test_expect_success 'a refused write in a pipe changes nothing either' '
	test_db_snapshot &&
	echo e99 | test_expect_code 65 ips-employer show &&
	test_expect_code 65 ips-employer contact add e1 "$(printf "x\001")" &&
	test_expect_code 65 ips-employer opening add e1 "$(printf "x\377")" &&
	test_db_unchanged
'

test_done
