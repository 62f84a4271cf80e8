#!/bin/sh
test_description='ips-employer show and set: references in every form,
from argv and from a pipe, the sections of a record, and changes that are
either whole and audited or refused with the database as it was'
. "$(dirname "$0")/lib.sh"

tab=$(printf '\t')

test_expect_success 'set on a missing database: 66, and no file made' '
	test_expect_code 66 ips-employer set e1 --size 3 2>err &&
	grep "no database at" err &&
	! test -e "$IPS_DB" &&
	test_expect_code 66 ips-employer show e1 &&
	! test -e "$IPS_DB"
'

test_expect_success 'setup: employers, a contact, openings, a meeting' '
	ips staff add ana "Ana Virtanen" &&
	ips-employer -u ana add "Kahvila Kaneli Oy" --business-id 1234567-1 \
	    --sector I --industry Kahvila --size 8 --area Tampere &&
	ips-employer -u ana add "Metallityö Virtanen Oy" --sector C \
	    --business-id 2345678-0 --area Pori &&
	ips-employer add "Siivouspalvelu Puhdas Oy" --sector N &&
	ips-employer add "Siivouspalvelu Puhdas Oy" --sector N --area Nokia &&
	ips-employer contact add e1 "Liisa Laine" --role Omistaja \
	    --phone "040 123 4567" --email liisa@kaneli.example &&
	ips-employer -u ana opening add e1 Barista --job-type barista \
	    --hidden yes --found 2026-11-02 &&
	ips-employer -u ana opening add e1 Tiskari --job-type tiskari \
	    --found 2026-10-01 &&
	ips-employer opening close o2 --reason "Ei rekrytointia" \
	    --on 2026-10-20 &&
	ips-meet -u ana add --employer e1 --contact p1 --on 2026-11-20 \
	    --minutes 45 --purpose needs --outcome opening >/dev/null
'

test_expect_success SQLITE3 'setup: a client who works at e1' '
	sqlite3 "$IPS_DB" "
	    INSERT INTO client (id, name, specialist_id, enrolled, status)
	    VALUES (1, '\''Matti Meikäläinen'\'', 1, '\''2026-09-01'\'',
	    '\''working'\'');
	    INSERT INTO job (client_id, employer_id, title, start_on, hours)
	    VALUES (1, 1, '\''Kahvilatyöntekijä'\'', '\''2026-11-09'\'', 20);" &&
	test_set_prereq JOB
'

test_expect_success JOB 'show in a table: the record and its sections' '
	ips-employer show e1 -o table >actual &&
	cat >expect <<-\EOF &&
	ref                e1
	name               Kahvila Kaneli Oy
	business_id        1234567-1
	sector             I
	industry           Kahvila
	size               8
	area               Tampere
	status             prospect
	owner              ana

	contacts
	contact  name         role      phone         email
	p1       Liisa Laine  Omistaja  040 123 4567  liisa@kaneli.example

	openings
	opening  title    job_type  positions  hidden  found       status  closed
	o1       Barista  barista           1  yes     2026-11-02  open
	o2       Tiskari  tiskari           1  no      2026-10-01  closed  2026-10-20

	jobs
	job  client  name               title              start       end
	j1   c1      Matti Meikäläinen  Kahvilatyöntekijä  2026-11-09

	last meetings
	meeting  on          specialist  how        minutes  contact  client  for  purpose  outcome  next
	m1       2026-11-20  ana         in-person       45  p1                    needs    opening
	EOF
	test_cmp expect actual
'

test_expect_success JOB 'show --pseudonymize hides the client name' '
	ips-employer show e1 -o table --pseudonymize >out &&
	! grep Meikäläinen out &&
	grep "^j1   c1 " out
'

test_expect_success 'show: a record without sections is just its fields' '
	ips-employer show e2 -o table >actual &&
	cat >expect <<-\EOF &&
	ref                e2
	name               Metallityö Virtanen Oy
	business_id        2345678-0
	sector             C
	area               Pori
	status             prospect
	owner              ana
	EOF
	test_cmp expect actual
'

test_expect_success 'a reference as e2, 2, a business id or a name' '
	ips-employer show e2 -o id >expect &&
	echo e2 >expect2 &&
	test_cmp expect2 expect &&
	ips-employer show 2 -o id >actual &&
	test_cmp expect actual &&
	ips-employer show 2345678-0 -o id >actual &&
	test_cmp expect actual &&
	ips-employer show "Metallityö Virtanen Oy" -o id >actual &&
	test_cmp expect actual
'

test_expect_success 'several references print in reference order' '
	ips-employer show e2 1234567-1 -o id >actual &&
	printf "e1\ne2\n" >expect &&
	test_cmp expect actual
'

test_expect_success 'an ambiguous name lists the candidates' '
	test_expect_code 65 ips-employer show "Siivouspalvelu Puhdas Oy" \
	    2>err &&
	echo "ips-employer: employer '\''Siivouspalvelu Puhdas Oy'\'' is ambiguous: e3, e4" \
	    >expect &&
	test_cmp expect err
'

test_expect_success 'unknown and wrong references are 65' '
	test_expect_code 65 ips-employer show e99 2>err &&
	echo "ips-employer: no such employer '\''e99'\''" >expect &&
	test_cmp expect err &&
	test_expect_code 65 ips-employer show "Ei Ole Oy" 2>err &&
	echo "ips-employer: no such employer '\''Ei Ole Oy'\''" >expect &&
	test_cmp expect err &&
	test_expect_code 65 ips-employer show 7654321-0 &&
	test_expect_code 65 ips-employer show e1 e99
'

test_expect_success 'references from a pipe: tsv rows, a header, ids' '
	ips-employer list --sector C -o tsv >rows &&
	ips-employer show -o id <rows >actual &&
	echo e2 >expect &&
	test_cmp expect actual &&
	printf "e2\n\ne1\n" | ips-employer show -o id >actual &&
	printf "e1\ne2\n" >expect &&
	test_cmp expect actual &&
	echo e1 | ips-employer show - -o id >actual &&
	echo e1 >expect &&
	test_cmp expect actual
'

test_expect_success 'a client reference in the pipe is an error' '
	echo c1 >refs &&
	test_expect_code 65 ips-employer show <refs 2>err &&
	grep "not a employer\|not an employer" err
'

test_expect_success 'an empty pipe shows nothing; no input at all is usage' '
	: >empty &&
	ips-employer show <empty >actual &&
	test_must_be_empty actual &&
	test_expect_code 64 ips-employer show
'

test_expect_success 'set changes the given fields and audits their names' '
	ips-employer -u ana set e2 --size 120 --industry "Konepaja" \
	    --status contacted &&
	ips-employer show e2 -o tsv -H >actual &&
	printf "e2\tMetallityö Virtanen Oy\t2345678-0\tC\tKonepaja\t120\tPori\t\t\tcontacted\tana\t\n" \
	    >expect &&
	test_cmp expect actual &&
	ips log e2 -o tsv -H | cut -f 2- | tail -1 >actual &&
	printf "ana\tips-employer\tset\te2\tindustry,size,status\n" >expect &&
	test_cmp expect actual
'

test_expect_success 'set takes a name or a business id as the reference' '
	ips-employer set "Kahvila Kaneli Oy" --size 9 &&
	ips-employer set 2345678-0 --area Ulvila &&
	test "$(ips-employer show e1 -o json | jq ".[0].size")" = 9 &&
	test "$(ips-employer show e2 -o json | jq -r ".[0].area")" = Ulvila
'

test_expect_success 'an empty value clears an optional field' '
	ips-employer set e2 --industry "" --owner "" --size "" &&
	ips-employer show e2 -o json >out.json &&
	jq -e ".[0].industry == null and .[0].owner == null and
	    .[0].size == null" out.json
'

test_expect_success 'a business id may be set to itself, not to another' '
	ips-employer set e1 --business-id 1234567-1 &&
	test_db_snapshot &&
	test_expect_code 65 ips-employer set e2 --business-id 1234567-1 \
	    2>err &&
	echo "ips-employer: business_id: 1234567-1 is already e1" >expect &&
	test_cmp expect err &&
	test_db_unchanged
'

test_expect_success 'required fields cannot be emptied' '
	test_db_snapshot &&
	test_expect_code 65 ips-employer set e1 --name "" 2>err &&
	echo "ips-employer: name: empty" >expect &&
	test_cmp expect err &&
	test_expect_code 65 ips-employer set e1 --name "   " &&
	test_expect_code 65 ips-employer set e1 --status "" 2>err &&
	echo "ips-employer: status: empty" >expect &&
	test_cmp expect err &&
	test_db_unchanged
'

test_expect_success 'one bad field refuses the whole set' '
	test_db_snapshot &&
	test_expect_code 65 ips-employer set e1 --size 10 --sector Z &&
	test_expect_code 65 ips-employer set e1 --size 10 --owner zed &&
	test_expect_code 65 ips-employer set e1 --website x --size many &&
	test_db_unchanged &&
	test "$(ips-employer show e1 -o json | jq ".[0].size")" = 9
'

test_expect_success 'set: unknown reference 65, usage 64' '
	test_db_snapshot &&
	test_expect_code 65 ips-employer set e99 --size 1 2>err &&
	echo "ips-employer: no such employer '\''e99'\''" >expect &&
	test_cmp expect err &&
	test_expect_code 65 ips-employer set c1 --size 1 &&
	test_expect_code 64 ips-employer set e1 2>err &&
	grep "usage: ips-employer set REF --FIELD VALUE" err &&
	test_expect_code 64 ips-employer set --size 1 &&
	test_expect_code 64 ips-employer set e1 e2 --size 1 &&
	test_expect_code 64 ips-employer set e1 --last-met 2026-01-01 &&
	test_db_unchanged
'

test_done
