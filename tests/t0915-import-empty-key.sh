#!/bin/sh
test_description='import: an empty key ("": x) is an unknown column like any
other, in json, jsonl and yaml alike, also as the first key of the file
(which once came with no buffer behind it: a null pointer that the
sanitizers of make check SAN=1 report)'
. "$(dirname "$0")/lib.sh"

IPS_USER=ana
export IPS_USER

test_expect_success 'setup' '
	ips staff add ana "Ana Virtanen"
'

for f in json jsonl yaml
do
	test_expect_success "$f: an empty first key is an unknown column (65)" '
		case '"$f"' in
		json)
			echo "[{\"\": \"x\", \"name\": \"Aino\"}]" ;;
		jsonl)
			echo "{\"\": \"x\", \"name\": \"Aino\"}" ;;
		yaml)
			printf "%s\n" "- \"\": x" "  name: Aino" ;;
		esac >c.'"$f"' &&
		test_db_snapshot &&
		test_expect_code 65 ips-client import c.'"$f"' 2>err &&
		echo "ips-client: c.'"$f"':1: column '"''"': unknown field of client" \
		    >expect &&
		test_cmp expect err &&
		test_db_unchanged
	'
done

test_done
