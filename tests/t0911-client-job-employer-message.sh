#!/bin/sh
test_description='ips-client job add --opening with an --employer that does
not resolve: the message is "employer: " once before the lookup'"'"'s own,
not a copy of the handle'"'"'s message written over itself'
. "$(dirname "$0")/lib.sh"

IPS_USER=ana
export IPS_USER

test_expect_success 'setup: a client, an employer and its opening' '
	ips staff add ana "Ana Virtanen" &&
	ips-client add "Aino Kärkkäinen" --enrolled 2026-09-01 >/dev/null &&
	ips-employer add "Kespro Oy" >/dev/null &&
	ips-employer opening add e1 Kokki --job-type cook >/dev/null
'

test_expect_success 'an unknown --employer beside --opening (65), one clean line' '
	test_db_snapshot &&
	test_expect_code 65 ips-client job add c1 --opening o1 \
	    --employer e99 --start 2026-11-02 2>err &&
	echo "ips-client: employer: no such employer '"'"'e99'"'"'" >expect &&
	test_cmp expect err &&
	test_db_unchanged
'

test_expect_success 'an unknown employer name beside --opening, the same' '
	test_expect_code 65 ips-client job add c1 --opening o1 \
	    --employer "Nobody Oy" --start 2026-11-02 2>err &&
	echo "ips-client: employer: no such employer '"'"'Nobody Oy'"'"'" \
	    >expect &&
	test_cmp expect err
'

test_done
