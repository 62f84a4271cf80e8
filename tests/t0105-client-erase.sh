#!/bin/sh
test_description='ips-client erase: the personal data goes, for good and
from every copy in the file; the statistics stay'
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

# Whether the text is anywhere in the database, its log included.
in_file() {
	cat ips.db >all.bin &&
	{ test ! -e ips.db-wal || cat ips.db-wal >>all.bin; } &&
	grep -a -q -e "$1" all.bin
}

test_expect_success 'setup: a client with everything there is to erase' '
	ips staff add ana "Ana Virtanen" &&
	ips-client add "Aino Kärkkäinen" --area Espoo --enrolled 2026-09-01 \
	    --phone "040 123 4567" --email aino.karkkainen@example.fi \
	    --goal "Varastotyö lähellä kotia" --job-types warehouse \
	    --education "Ammattikoulu" --experience "Kesätöitä Prismassa" \
	    --interests "Kuorolaulu" --note "Skitsofrenia, hyvässä hoidossa" \
	    --disclosure no --hours-wanted 20 >/dev/null &&
	ips-client add "Minh Nguyễn" --area Vantaa --enrolled 2026-09-15 \
	    --phone "050 987 6543" >/dev/null &&
	ips-employer add "Kespro Oy" --business-id 0112038-9 >/dev/null &&
	ips-employer opening add e1 Varastotyöntekijä --found 2026-09-01 \
	    >/dev/null &&
	ips-client status c1 active --on 2026-09-10 \
	    --reason "Sairaalajakso ohi" &&
	ips-client job add c1 --opening o1 --start 2026-10-05 --hours 25 \
	    >/dev/null &&
	ips-meet add --client c1 --on 2026-09-20 \
	    --note "Aino kertoi lääkityksestään" >/dev/null &&
	ips-meet add --employer e1 --for c1,c2 --on 2026-10-01 \
	    --note "Esittelin Ainon esimiehelle" >/dev/null &&
	ips-meet add --client c2 --on 2026-10-02 \
	    --note "Minhin CV valmis" >/dev/null
'

test_expect_success 'before: the personal data is in the file' '
	in_file "Kärkkäinen" &&
	in_file "040 123 4567" &&
	in_file "Skitsofrenia" &&
	in_file "Sairaalajakso" &&
	in_file "lääkityksestään"
'

test_expect_success 'erase without --yes is refused (64), explaining' '
	refused 64 ips-client erase c1 &&
	grep -e "--yes" err &&
	refused 64 ips-client erase --yes &&
	refused 64 ips-client erase c1 c2 --yes
'

test_expect_success 'erase of a client that is not there (65)' '
	refused 65 ips-client erase c99 --yes &&
	refused 65 ips-client erase e1 --yes &&
	refused 65 ips-client erase "Ei Ketään" --yes &&
	! grep "Ketään" err
'

test_expect_success 'erase --yes' '
	ips-client erase c1 --yes >out 2>err &&
	test_must_be_empty out &&
	test_must_be_empty err
'

test_expect_success 'every personal field is gone, the rest stays' '
	ips-client export -o tsv -H >out &&
	grep "^c1${tab}" out >actual &&
	echo "c1${tab}${tab}ana${tab}2026-09-01${tab}working${tab}${tab}${tab}Espoo${tab}${tab}warehouse${tab}20.0${tab}${tab}${tab}${tab}no${tab}${tab}${tab}2026-11-23" >expect &&
	test_cmp expect actual
'

test_expect_success 'the history keeps its dates and statuses, not the reasons' '
	ips-client status c1 -o tsv -H >out &&
	cat >expect <<-EOF &&
	c1${tab}2026-09-01${tab}referred${tab}
	c1${tab}2026-09-10${tab}active${tab}
	c1${tab}2026-10-05${tab}working${tab}
	EOF
	test_cmp expect out
'

test_expect_success 'jobs, the filled opening and the meetings stay' '
	ips-client job list -o id --client c1 >out &&
	echo j1 >expect &&
	test_cmp expect out &&
	ips-employer openings -o json >o.json &&
	jq -e ".[0].filled_by == \"c1\"" o.json &&
	ips-meet list --client c1 -o id >out &&
	printf "m1\nm2\n" >expect &&
	test_cmp expect out
'

test_expect_success 'the notes of meetings with or for the client are gone' '
	ips sql "select id, note is null from meeting order by id" >out &&
	cat >expect <<-EOF &&
	id${tab}note is null
	1${tab}1
	2${tab}1
	3${tab}0
	EOF
	test_cmp expect out
'

test_expect_success 'the audit log names the fields, never a value' '
	ips log -o tsv c1 >out &&
	tail -n 1 out | cut -f 4-6 >actual &&
	echo "erase${tab}c1${tab}name,phone,email,goal,education,experience,interests,note,erased" >expect &&
	test_cmp expect actual
'

test_expect_success 'after: grep finds nothing of the person in the file' '
	test -s ips.db &&
	! test -s ips.db-wal &&
	! in_file "Kärkkäinen" &&
	! in_file "Aino" &&
	! in_file "040 123 4567" &&
	! in_file "aino.karkkainen" &&
	! in_file "Varastotyö lähellä" &&
	! in_file "Kesätöitä Prismassa" &&
	! in_file "Kuorolaulu" &&
	! in_file "Skitsofrenia" &&
	! in_file "Sairaalajakso" &&
	! in_file "lääkityksestään" &&
	! in_file "Esittelin" &&
	in_file "Minh" &&
	in_file "050 987 6543" &&
	in_file "Minhin CV valmis"
'

test_expect_success 'an erased client is listed, without a name' '
	ips-client list -o tsv -H >out &&
	cut -f 1,2,4 out >actual &&
	cat >expect <<-EOF &&
	c1${tab}${tab}working
	c2${tab}Minh Nguyễn${tab}referred
	EOF
	test_cmp expect actual &&
	ips-client show -o table c1 >out &&
	! grep "^name" out &&
	grep "^erased  *2026-11-23\$" out
'

test_expect_success 'an erased client cannot be changed (65)' '
	refused 65 ips-client set c1 --phone "040 123 4567" &&
	echo "ips-client: c1: erased" >expect &&
	test_cmp expect err &&
	refused 65 ips-client set c1 --area Espoo &&
	refused 65 ips-client job add c1 --employer e1 --title Uusi \
	    --start 2026-11-20 &&
	test_cmp expect err &&
	refused 65 ips-client status c1 paused --reason "Uusi jakso" &&
	grep "c1: erased" err
'

test_expect_success 'but its status and jobs may still be kept up to date' '
	ips-client status c1 closed --on 2026-11-20 &&
	ips-client job end j1 --end 2026-11-15 --end-reason "Muutti pois" &&
	ips-client list -H -o tsv c1 >out &&
	cut -f 4 out >actual &&
	echo closed >expect &&
	test_cmp expect actual
'

test_expect_success 'erasing again writes nothing and succeeds' '
	test_db_snapshot &&
	ips-client erase c1 --yes &&
	test_db_unchanged
'

test_expect_success 'erase by exact name' '
	ips-client erase "Minh Nguyễn" --yes &&
	! in_file "Minh" &&
	! in_file "050 987 6543" &&
	! in_file "Minhin CV" &&
	ips-client list -o tsv -H >out &&
	cut -f 2 out >actual &&
	printf "\n\n" >expect &&
	test_cmp expect actual
'

test_expect_success SQLITE3 'erase while another program has the file open' '
	rm -f reader &&
	mkfifo reader &&
	{ sqlite3 ips.db <reader >reader.out 2>&1 & } &&
	exec 8>reader &&
	echo "select count(*) from client;" >&8 &&
	ips-client add "Ville Väisänen" --phone "044 555 1212" >out &&
	echo c3 >expect &&
	test_cmp expect out &&
	test -s ips.db-wal &&
	in_file "Väisänen" &&
	ips-client erase c3 --yes &&
	! in_file "Väisänen" &&
	! in_file "044 555 1212" &&
	echo "select count(*) from client;" >&8 &&
	exec 8>&- &&
	wait &&
	printf "2\n3\n" >expect &&
	test_cmp expect reader.out
'

test_expect_success 'erase on a missing database: 66, nothing made' '
	test_expect_code 66 ips-client -d none.db erase c1 --yes 2>err &&
	test ! -e none.db
'

test_done
