#!/bin/sh
test_description='ips-client list: the filters, --idle, --search, references
from the command line and from a pipe, and the formats'
. "$(dirname "$0")/lib.sh"

tab=$(printf '\t')
IPS_USER=ana
export IPS_USER

refused() {
	test_db_snapshot &&
	test_expect_code "$@" 2>err &&
	test_line_count = 1 err &&
	test_db_unchanged
}

test_expect_success 'setup: a small caseload and a few meetings' '
	ips staff add ana "Ana Virtanen" &&
	ips staff add bo "Bo Lindqvist" &&
	ips-client add "Aino Kärkkäinen" --area Espoo --enrolled 2026-09-01 \
	    --job-types warehouse,cleaning --hours-wanted 20 \
	    --goal "Varastotyö lähellä kotia" &&
	ips-client add "Minh Nguyễn" --specialist bo --area Vantaa \
	    --enrolled 2026-09-15 --status active --job-types cook \
	    --goal "Kokki ravintolaan" &&
	ips-client add "Matti Heikkinen" --area Kerava --enrolled 2026-10-01 \
	    --status active --job-types it-support --hours-wanted 37.5 &&
	ips-client add "Åsa Öberg" --specialist bo --area espoo \
	    --enrolled 2026-10-05 --job-types customer_service \
	    --goal "Osa-aikatyö 50%" &&
	ips-client add "Pekka Kärkkäinen" --area Espoo --enrolled 2026-10-10 &&
	ips-employer add "Kespro Oy" --area Vantaa >/dev/null &&
	ips-meet add --client c1 --on 2026-11-20 >/dev/null &&
	ips-meet add --employer e1 --for c2 --on 2026-11-10 >/dev/null &&
	ips-meet add --client c3 --on 2026-10-01 >/dev/null &&
	ips-client erase c5 --yes
'

test_expect_success 'list: everyone, in tsv, with the last meeting' '
	ips-client list >out &&
	cat >expect <<-EOF &&
	ref${tab}name${tab}specialist${tab}status${tab}enrolled${tab}area${tab}job_types${tab}hours_wanted${tab}last_met
	c1${tab}Aino Kärkkäinen${tab}ana${tab}referred${tab}2026-09-01${tab}Espoo${tab}warehouse,cleaning${tab}20.0${tab}2026-11-20
	c2${tab}Minh Nguyễn${tab}bo${tab}active${tab}2026-09-15${tab}Vantaa${tab}cook${tab}${tab}2026-11-10
	c3${tab}Matti Heikkinen${tab}ana${tab}active${tab}2026-10-01${tab}Kerava${tab}it-support${tab}37.5${tab}2026-10-01
	c4${tab}Åsa Öberg${tab}bo${tab}referred${tab}2026-10-05${tab}espoo${tab}customer_service${tab}${tab}
	c5${tab}${tab}ana${tab}referred${tab}2026-10-10${tab}Espoo${tab}${tab}${tab}
	EOF
	test_cmp expect out
'

test_expect_success 'list -o table lines up Kärkkäinen and Nguyễn' '
	ips-client list -o table --specialist bo >out &&
	cat >expect <<-\EOF &&
	ref  name         specialist  status    enrolled    area    job_types         hours_wanted  last_met
	c2   Minh Nguyễn  bo          active    2026-09-15  Vantaa  cook                            2026-11-10
	c4   Åsa Öberg    bo          referred  2026-10-05  espoo   customer_service
	EOF
	test_cmp expect out
'

test_expect_success 'list -o json: numbers, arrays and nulls' '
	ips-client list -o json c1 c5 >out.json &&
	jq -e ".[0] == {ref: \"c1\", name: \"Aino Kärkkäinen\",
	    specialist: \"ana\", status: \"referred\",
	    enrolled: \"2026-09-01\", area: \"Espoo\",
	    job_types: [\"warehouse\", \"cleaning\"], hours_wanted: 20,
	    last_met: \"2026-11-20\"}" out.json &&
	jq -e ".[1].name == null and .[1].ref == \"c5\"" out.json
'

test_expect_success 'list -o id gives the references only' '
	ips-client list -o id --status active >out &&
	printf "c2\nc3\n" >expect &&
	test_cmp expect out
'

test_expect_success '--specialist, --status, --area (case ignored)' '
	ips-client list -H -o id --specialist ana >out &&
	printf "c1\nc3\nc5\n" >expect &&
	test_cmp expect out &&
	ips-client list -H -o id --status referred --specialist bo >out &&
	echo c4 >expect &&
	test_cmp expect out &&
	ips-client list -H -o id --area ESPOO >out &&
	printf "c1\nc4\nc5\n" >expect &&
	test_cmp expect out &&
	ips-client list -H -o id --area espoo --specialist ana >out &&
	printf "c1\nc5\n" >expect &&
	test_cmp expect out
'

test_expect_success '--idle 30d: no meeting with or for the client since' '
	ips-client list -o id --idle 30d >out &&
	printf "c3\nc4\nc5\n" >expect &&
	test_cmp expect out
'

test_expect_success '--idle counts meetings on the client'"'"'s behalf' '
	ips-client list -o id --idle 10d >out &&
	printf "c2\nc3\nc4\nc5\n" >expect &&
	test_cmp expect out &&
	ips-client list -o id --idle 2026-11-11 >out &&
	test_cmp expect out &&
	ips-client list -o id --idle 2026-11-10 >out &&
	printf "c3\nc4\nc5\n" >expect &&
	test_cmp expect out
'

test_expect_success '--search: a substring of name, area, goal, job types' '
	ips-client list -o id --search heikki >out &&
	echo c3 >expect &&
	test_cmp expect out &&
	ips-client list -o id --search RAVINTOLA >out &&
	echo c2 >expect &&
	test_cmp expect out &&
	ips-client list -o id --search vantaa >out &&
	test_cmp expect out &&
	ips-client list -o id --search clean >out &&
	echo c1 >expect &&
	test_cmp expect out
'

test_expect_success '--search ignores case beyond ASCII' '
	ips-client list -o id --search KÄRKKÄINEN >out &&
	echo c1 >expect &&
	test_cmp expect out &&
	ips-client list -o id --search "NGUYỄN" >out &&
	echo c2 >expect &&
	test_cmp expect out &&
	ips-client list -o id --search "åsa öberg" >out &&
	echo c4 >expect &&
	test_cmp expect out
'

test_expect_success '--search takes % and _ literally' '
	ips-client list -o id --search "%" >out &&
	echo c4 >expect &&
	test_cmp expect out &&
	ips-client list -o id --search "_" >out &&
	test_cmp expect out &&
	ips-client list -o id --search "i_k" >out &&
	test_must_be_empty out &&
	ips-client list -o id --search "a%i" >out &&
	test_must_be_empty out
'

test_expect_success '--search never finds an erased client' '
	ips-client list -o id --search espoo >out &&
	printf "c1\nc4\n" >expect &&
	test_cmp expect out
'

test_expect_success 'filters combine' '
	ips-client list -o id --area espoo --idle 30d --specialist bo >out &&
	echo c4 >expect &&
	test_cmp expect out &&
	ips-client list -o id --status closed >out &&
	test_must_be_empty out
'

test_expect_success 'references on the command line narrow the list' '
	ips-client list -H -o id c3 1 c3 >out &&
	printf "c1\nc3\n" >expect &&
	test_cmp expect out
'

test_expect_success 'references from a pipe: the first field, header skipped' '
	ips-client list --specialist bo >bo.tsv &&
	ips-client list -o id <bo.tsv >out &&
	printf "c2\nc4\n" >expect &&
	test_cmp expect out &&
	printf "c1\n\nc3\n" | ips-client list -o id >out &&
	printf "c1\nc3\n" >expect &&
	test_cmp expect out &&
	echo c2 | ips-client list -o id - >out &&
	echo c2 >expect &&
	test_cmp expect out
'

test_expect_success 'an empty pipe is an empty list: nothing at all' '
	: | ips-client list >out &&
	test_must_be_empty out &&
	ips-client list --status closed | ips-client list >out &&
	test_must_be_empty out
'

test_expect_success 'list | show: the pipeline of the man page' '
	ips-client list --idle 30d --specialist ana >idle &&
	ips-client show -o id <idle >out &&
	printf "c3\nc5\n" >expect &&
	test_cmp expect out
'

test_expect_success 'bad filters are refused (65) and change nothing' '
	refused 65 ips-client list --specialist zed &&
	grep "known: ana, bo" err &&
	refused 65 ips-client list --status hired &&
	grep "referred, active, working, paused, closed" err &&
	refused 65 ips-client list --idle 2026-02-30 &&
	grep "2026-02-30" err &&
	refused 65 ips-client list --idle soon &&
	refused 65 ips-client list --search "" &&
	refused 65 ips-client list --search "$(printf "a\033b")" &&
	refused 65 ips-client list --area "$(printf "\377")"
'

test_expect_success 'bad references are refused (65)' '
	refused 65 ips-client list c99 &&
	grep "c99" err &&
	refused 65 ips-client list e1 &&
	grep "e1.*not a client" err &&
	refused 65 ips-client list zz9 &&
	echo m1 >pipe &&
	refused 65 ips-client list <pipe
'

test_expect_success 'bad usage is refused (64)' '
	refused 64 ips-client list --bogus &&
	refused 64 ips-client list --status &&
	refused 64 ips-client list -o xml
'

test_expect_success 'a reading command on a missing database: 66, nothing made' '
	test_expect_code 66 ips-client -d nowhere.db list 2>err &&
	grep "nowhere.db" err &&
	test ! -e nowhere.db
'

test_done
