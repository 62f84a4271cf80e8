#!/bin/sh
test_description='ips-client show and set: the full record with its history,
jobs and meetings; changing fields, and what set may not change'
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

test_expect_success 'setup: a client with a history, a job and meetings' '
	ips staff add ana "Ana Virtanen" &&
	ips staff add bo "Bo Lindqvist" &&
	ips-client add "Aino Kärkkäinen" --area Espoo --enrolled 2026-09-01 \
	    --phone "040 123 4567" --job-types warehouse,cleaning \
	    --hours-wanted 20 >/dev/null &&
	ips-client add "Minh Nguyễn" --area Vantaa --enrolled 2026-10-01 \
	    --specialist bo >/dev/null &&
	ips-employer add "Kespro Oy" --business-id 0112038-9 >/dev/null &&
	ips-client status c1 active --on 2026-09-10 --reason Ensitapaaminen &&
	ips-client job add c1 --employer e1 --title Varastotyöntekijä \
	    --start 2026-10-01 --hours 25 --wage 13.10 >/dev/null &&
	ips-meet add --client c1 --on 2026-11-20 --how phone \
	    --purpose client >/dev/null &&
	ips-meet add --employer e1 --for c1 --on 2026-11-02 --minutes 45 \
	    --purpose support >/dev/null
'

test_expect_success 'show in a table: fields, then history, jobs, meetings' '
	ips-client show -o table c1 >out &&
	cat >expect <<-\EOF &&
	ref                c1
	name               Aino Kärkkäinen
	specialist         ana
	enrolled           2026-09-01
	status             working
	phone              040 123 4567
	area               Espoo
	job_types          warehouse,cleaning
	hours_wanted       20.0

	status history
	on          status    reason
	2026-09-01  referred
	2026-09-10  active    Ensitapaaminen
	2026-10-01  working

	jobs
	ref  employer   title              start       end  hours  wage  competitive
	j1   Kespro Oy  Varastotyöntekijä  2026-10-01        25.0  13.1  yes

	last meetings
	meeting  on          specialist  how        minutes  employer  employer_name  purpose  outcome  next
	m1       2026-11-20  ana         phone                                        client
	m2       2026-11-02  ana         in-person       45  e1        Kespro Oy      support
	EOF
	test_cmp expect out
'

test_expect_success 'show leaves out the sections a client has nothing in' '
	ips-client show -o table c2 >out &&
	cat >expect <<-\EOF &&
	ref                c2
	name               Minh Nguyễn
	specialist         bo
	enrolled           2026-10-01
	status             referred
	area               Vantaa

	status history
	on          status    reason
	2026-10-01  referred
	EOF
	test_cmp expect out
'

test_expect_success 'show of several: one blank line between them' '
	ips-client show -o table c2 c2 >out &&
	test_line_count = 10 out &&
	ips-client show -o table c1 c2 >out &&
	grep -c "^ref  *c" out >n &&
	echo 2 >expect &&
	test_cmp expect n
'

test_expect_success 'show -o tsv and -o json: the records as rows' '
	ips-client show c2 c1 >out &&
	cut -f 1,2 out >actual &&
	cat >expect <<-EOF &&
	ref${tab}name
	c1${tab}Aino Kärkkäinen
	c2${tab}Minh Nguyễn
	EOF
	test_cmp expect actual &&
	ips-client show -o json c2 >out.json &&
	jq -e ".[0].ref == \"c2\" and .[0].specialist == \"bo\" and
	    .[0].phone == null and .[0].job_types == null" out.json
'

test_expect_success 'show -o yaml, from a pipe' '
	ips-client list --idle 30d -o tsv >idle &&
	ips-client show -o yaml <idle >out &&
	cat >expect <<-\EOF &&
	- ref: c2
	  name: Minh Nguyễn
	  specialist: bo
	  enrolled: "2026-10-01"
	  status: referred
	  phone: null
	  email: null
	  area: Vantaa
	  goal: null
	  job_types: null
	  hours_wanted: null
	  education: null
	  experience: null
	  interests: null
	  disclosure: null
	  benefits_planning: null
	  note: null
	  erased: null
	EOF
	test_cmp expect out
'

test_expect_success 'show takes a client by exact name too' '
	ips-client show -o id "Minh Nguyễn" >out &&
	echo c2 >expect &&
	test_cmp expect out
'

test_expect_success 'show without references or a pipe is bad usage (64)' '
	test_expect_code 64 ips-client show 2>err &&
	grep "usage: ips-client show" err
'

test_expect_success 'show of a client that does not exist (65)' '
	test_expect_code 65 ips-client show c1 c99 2>err &&
	grep "c99" err &&
	test_expect_code 65 ips-client show "Nobody Here" 2>err &&
	! grep "Nobody" err &&
	test_expect_code 65 ips-client show j1 2>err
'

test_expect_success 'set changes the given fields and nothing else' '
	ips-client set c2 --phone "+358 50 765 4321" --area Helsinki \
	    --job-types "cook, dishwasher" --disclosure yes &&
	ips-client export -o tsv -H >out &&
	grep "^c2${tab}Minh Nguyễn${tab}bo${tab}2026-10-01${tab}referred${tab}+358 50 765 4321${tab}${tab}Helsinki${tab}${tab}cook,dishwasher${tab}${tab}${tab}${tab}${tab}yes${tab}${tab}${tab}\$" out
'

test_expect_success 'set with an empty value clears an optional field' '
	ips-client set c2 --phone "" --disclosure "" &&
	ips-client show -o json c2 >out.json &&
	jq -e ".[0].phone == null and .[0].disclosure == null and
	    .[0].area == \"Helsinki\"" out.json
'

test_expect_success 'set moves the specialist' '
	ips-client set "Minh Nguyễn" --specialist ana &&
	ips-client list -H -o tsv c2 >out &&
	cut -f 3 out >actual &&
	echo ana >expect &&
	test_cmp expect actual
'

test_expect_success 'set is audited with field names' '
	ips log -o tsv c2 >out &&
	cut -f 4,6 out >actual &&
	cat >expect <<-EOF &&
	action${tab}fields
	add${tab}name,specialist,enrolled,status,area
	set${tab}phone,area,job_types,disclosure
	set${tab}phone,disclosure
	set${tab}specialist
	EOF
	test_cmp expect actual
'

test_expect_success 'set --enrolled takes the first history entry along' '
	ips-client set c2 --enrolled 2026-09-20 &&
	ips-client status c2 -o tsv -H >out &&
	echo "c2${tab}2026-09-20${tab}referred${tab}" >expect &&
	test_cmp expect out &&
	ips-client set c2 --enrolled 2026-10-01 &&
	ips-client status c2 -o tsv -H >out &&
	echo "c2${tab}2026-10-01${tab}referred${tab}" >expect &&
	test_cmp expect out
'

test_expect_success 'set --enrolled after a status or a job start (65)' '
	refused 65 ips-client set c1 --enrolled 2026-09-15 &&
	grep "c1: enrolled" err &&
	refused 65 ips-client set c1 --enrolled 2026-10-02
'

test_expect_success 'what set may not do is refused and changes nothing' '
	refused 65 ips-client set c1 --name "" &&
	grep "name: empty" err &&
	refused 65 ips-client set c1 --specialist "" &&
	refused 65 ips-client set c1 --enrolled "" &&
	refused 65 ips-client set c1 --specialist zed &&
	refused 64 ips-client set c1 --status closed &&
	refused 64 ips-client set c1 --erased 2026-11-01 &&
	refused 64 ips-client set c1 &&
	refused 64 ips-client set --phone 040 &&
	refused 64 ips-client set c1 c2 --phone 040 &&
	refused 65 ips-client set c99 --phone 040 &&
	grep "c99" err &&
	refused 65 ips-client set e1 --phone 040 &&
	refused 65 ips-client set "Ei Ketään" --phone 040 &&
	! grep "Ketään" err
'

test_expect_success 'set on a missing database: 66, and no file is made' '
	test_expect_code 66 ips-client -d none.db set c1 --phone 040 2>err &&
	test ! -e none.db
'

test_done
