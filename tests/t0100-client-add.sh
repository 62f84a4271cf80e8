#!/bin/sh
test_description='ips-client add: every field, the defaults, the first entry
of the status history, and who may add'
. "$(dirname "$0")/lib.sh"

tab=$(printf '\t')

# Refused writes: one line on stderr, the database byte for byte as it was.
refused() {
	test_db_snapshot &&
	test_expect_code "$@" 2>err &&
	test_line_count = 1 err &&
	test_db_unchanged
}

test_expect_success 'without a database, add creates nothing (65)' '
	test_expect_code 65 ips-client -u ana add "Aino Kärkkäinen" 2>err &&
	grep "no specialists yet" err &&
	test ! -e ips.db
'

test_expect_success 'setup: two specialists' '
	ips staff add ana "Ana Virtanen" --team Espoo &&
	ips staff add bo "Bo Lindqvist" --team Vantaa
'

test_expect_success 'add with every field prints the new reference' '
	ips-client -u ana add "Aino Kärkkäinen" --enrolled 2026-11-02 \
	    --status active --phone "040 123 4567" \
	    --email aino.karkkainen@example.fi --area Espoo \
	    --goal "Varastotyö lähellä kotia" \
	    --job-types "warehouse, cleaning" --hours-wanted 20 \
	    --education "Ammattikoulu, logistiikka" \
	    --experience "Kesätöitä kaupassa" --interests "Pyöräily" \
	    --disclosure undecided --benefits-planning 2026-11-10 \
	    --note "Tapaa mieluiten aamupäivisin" >out &&
	echo c1 >expect &&
	test_cmp expect out
'

test_expect_success 'export gives back every field exactly' '
	ips-client export -o tsv >out &&
	cat >expect <<-EOF &&
	ref${tab}name${tab}specialist${tab}enrolled${tab}status${tab}phone${tab}email${tab}area${tab}goal${tab}job_types${tab}hours_wanted${tab}education${tab}experience${tab}interests${tab}disclosure${tab}benefits_planning${tab}note${tab}erased
	c1${tab}Aino Kärkkäinen${tab}ana${tab}2026-11-02${tab}active${tab}040 123 4567${tab}aino.karkkainen@example.fi${tab}Espoo${tab}Varastotyö lähellä kotia${tab}warehouse,cleaning${tab}20.0${tab}Ammattikoulu, logistiikka${tab}Kesätöitä kaupassa${tab}Pyöräily${tab}undecided${tab}2026-11-10${tab}Tapaa mieluiten aamupäivisin${tab}
	EOF
	test_cmp expect out
'

test_expect_success 'show -o json: numbers as numbers, lists as arrays' '
	ips-client show c1 -o json >out.json &&
	jq -e "length == 1" out.json &&
	jq -e ".[0] == {ref: \"c1\", name: \"Aino Kärkkäinen\",
	    specialist: \"ana\", enrolled: \"2026-11-02\", status: \"active\",
	    phone: \"040 123 4567\", email: \"aino.karkkainen@example.fi\",
	    area: \"Espoo\", goal: \"Varastotyö lähellä kotia\",
	    job_types: [\"warehouse\", \"cleaning\"], hours_wanted: 20,
	    education: \"Ammattikoulu, logistiikka\",
	    experience: \"Kesätöitä kaupassa\", interests: \"Pyöräily\",
	    disclosure: \"undecided\", benefits_planning: \"2026-11-10\",
	    note: \"Tapaa mieluiten aamupäivisin\", erased: null}" out.json
'

test_expect_success 'the status history starts on the enrolment day' '
	ips-client status c1 -o tsv >out &&
	cat >expect <<-EOF &&
	ref${tab}on${tab}status${tab}reason
	c1${tab}2026-11-02${tab}active${tab}
	EOF
	test_cmp expect out
'

test_expect_success 'defaults: the acting specialist, today, referred' '
	IPS_USER=bo ips-client add "Minh Nguyễn" >out &&
	echo c2 >expect &&
	test_cmp expect out &&
	ips-client export -H -o tsv >out &&
	grep "^c2${tab}Minh Nguyễn${tab}bo${tab}2026-11-23${tab}referred${tab}" out &&
	ips-client status c2 -H -o tsv >out &&
	echo "c2${tab}2026-11-23${tab}referred${tab}" >expect &&
	test_cmp expect out
'

test_expect_success '--specialist wins over the acting specialist' '
	ips-client -u ana add "Matti Heikkinen" --specialist bo --area Kerava &&
	ips-client list -H -o tsv c3 >out &&
	cut -f 1-3 out >actual &&
	echo "c3${tab}Matti Heikkinen${tab}bo" >expect &&
	test_cmp expect actual
'

test_expect_success 'the name may be given as --name instead' '
	ips-client -u ana add --name "Leena Mäkelä" --enrolled 2.11.2026 >out &&
	echo c4 >expect &&
	test_cmp expect out &&
	ips-client export -H -o tsv >out &&
	grep "^c4${tab}Leena Mäkelä${tab}ana${tab}2026-11-02${tab}" out
'

test_expect_success 'relative dates are taken too' '
	ips-client -u ana add "Oskari Lehto" --enrolled -7d &&
	ips-client list -H -o tsv c5 >out &&
	cut -f 5 out >actual &&
	echo 2026-11-16 >expect &&
	test_cmp expect actual
'

test_expect_success 'a name that is not a word in YAML or an option' '
	ips-client -u ana add -- "-Yes-" >out &&
	echo c6 >expect &&
	test_cmp expect out
'

test_expect_success 'the audit log has field names, never values' '
	ips log -o tsv c1 >out &&
	cut -f 4-6 out >actual &&
	cat >expect <<-EOF &&
	action${tab}ref${tab}fields
	add${tab}c1${tab}name,specialist,enrolled,status,phone,email,area,goal,job_types,hours_wanted,education,experience,interests,disclosure,benefits_planning,note
	EOF
	test_cmp expect actual &&
	sqlite3 ips.db "select * from audit" >all &&
	! grep "Kärkkäinen" all &&
	! grep "040 123" all
'

test_expect_success 'without a specialist, add is refused (65) naming the options' '
	refused 65 ips-client add "Aino Kärkkäinen" &&
	grep -e "--specialist" err &&
	grep -e "-u HANDLE" err &&
	refused 65 ips-client add "Aino Kärkkäinen" --specialist "" &&
	! grep "Aino" err
'

test_expect_success 'an unknown specialist is refused (65), listing the known' '
	refused 65 ips-client add "Aino Kärkkäinen" --specialist zed &&
	grep "zed" err &&
	grep "ana, bo" err &&
	refused 65 ips-client -u zed add "Aino Kärkkäinen" &&
	grep "ana, bo" err
'

test_expect_success 'bad usage is refused (64) and changes nothing' '
	refused 64 ips-client -u ana add &&
	refused 64 ips-client -u ana add "Aino" "Kärkkäinen" &&
	refused 64 ips-client -u ana add "Aino" --name "Aino" &&
	refused 64 ips-client -u ana add "Aino" --bogus x &&
	refused 64 ips-client -u ana add "Aino" --area &&
	refused 64 ips-client -u ana add "Aino" --erased 2026-11-01 &&
	refused 64 ips-client -u ana frob &&
	test_db_snapshot &&
	test_expect_code 64 ips-client 2>err &&
	grep "^usage: ips-client add" err &&
	test_db_unchanged
'

test_expect_success '-h prints the usage on stdout (0)' '
	ips-client add -h >out &&
	grep "^usage: ips-client add NAME" out &&
	ips-client --help >out2 &&
	test_cmp out out2 &&
	ips-client --version >out &&
	grep "^ips-client " out
'

test_expect_success 'ips client runs ips-client' '
	ips client list -H -o id >out &&
	printf "c1\nc2\nc3\nc4\nc5\nc6\n" >expect &&
	test_cmp expect out
'

test_expect_success 'a full disk: the output cannot be written (74)' '
	test_expect_code 74 ips-client list >/dev/full 2>err &&
	test_line_count = 1 err &&
	test_expect_code 74 ips-client -u ana add "Kalle Mäki" >/dev/full \
	    2>err &&
	test_expect_code 74 ips-client -h >/dev/full 2>err
'

test_expect_success 'a busy database, past the busy timeout (75)' '
	test_db_lock &&
	test_when_finished test_db_unlock &&
	test_db_snapshot &&
	(IPS_BUSY_TIMEOUT=100 && export IPS_BUSY_TIMEOUT &&
	    test_expect_code 75 ips-client -u ana add "Kalle Mäki" 2>err &&
	    test_line_count = 1 err &&
	    test_expect_code 75 ips-client set c1 --area Vantaa 2>err &&
	    test_expect_code 75 ips-client erase c2 --yes 2>err &&
	    ips-client list -o id c1 >out) &&
	grep "busy" err &&
	echo c1 >expect &&
	test_cmp expect out &&
	test_db_unchanged
'

test_expect_success 'a bad configuration file (78)' '
	printf "database: %s\nshoe-size: 42\n" "$IPS_DB" >bad.yaml &&
	test_db_snapshot &&
	IPS_CONFIG=$PWD/bad.yaml test_expect_code 78 ips-client -u ana \
	    add "Kalle Mäki" 2>err &&
	test_line_count = 1 err &&
	grep "bad.yaml:2" err &&
	IPS_CONFIG=$PWD/bad.yaml test_expect_code 78 ips-client list 2>err &&
	test_db_unchanged
'

test_expect_success NOT_ROOT 'a read-only database file (73)' '
	cp ips.db ro.db &&
	chmod 0400 ro.db &&
	test_db_snapshot ro.db &&
	test_expect_code 73 ips-client -d ro.db -u ana add "Kalle Mäki" \
	    2>err &&
	test_line_count = 1 err &&
	test_db_unchanged
'

test_done
