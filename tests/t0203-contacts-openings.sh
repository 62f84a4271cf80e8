#!/bin/sh
test_description='ips-employer contact add|list, opening add|close and
openings with --open, --hidden and --no-candidates'
. "$(dirname "$0")/lib.sh"

tab=$(printf '\t')

check_ids() {
	printf "%s\n" "$@" >expect &&
	test_cmp expect actual
}

test_expect_success 'contact add on a missing database: 66, no file' '
	test_expect_code 66 ips-employer contact add e1 "Liisa Laine" &&
	test_expect_code 66 ips-employer opening add e1 Barista &&
	! test -e "$IPS_DB"
'

test_expect_success 'setup: specialists, employers and clients' '
	ips staff add ana "Ana Virtanen" &&
	ips staff add bob "Bob Nieminen" &&
	ips-employer add "Kahvila Kaneli Oy" --sector I --business-id 1234567-1 &&
	ips-employer add "Metallityö Virtanen Oy" --sector C \
	    --business-id 2345678-0 &&
	ips-employer add "Siivouspalvelu Puhdas Oy" --sector N &&
	ips-client -u ana add "Matti Meikäläinen" --status active \
	    --job-types "barista,tarjoilija" >/dev/null &&
	ips-client -u ana add "Aino Korhonen" --status referred \
	    --job-types siivooja >/dev/null &&
	ips-client -u bob add "Juha Nieminen" --status active \
	    --job-types "hitsaaja, koneistaja" >/dev/null
'

test_expect_success 'contact add prints the reference' '
	ips-employer contact add e1 "Liisa Laine" --role Omistaja \
	    --phone "040 123 4567" >out &&
	echo p1 >expect &&
	test_cmp expect out &&
	ips-employer contact add "Metallityö Virtanen Oy" "Pekka Virtanen" \
	    --role Työnjohtaja --phone "+358 40 765 4321" >out &&
	echo p2 >expect &&
	test_cmp expect out &&
	ips-employer contact add 1234567-1 "Sanna Salo" \
	    --email sanna.salo@kaneli.example >out &&
	echo p3 >expect &&
	test_cmp expect out
'

test_expect_success 'contact list: all, by employer, exactly' '
	ips-employer contact list >actual &&
	cat >expect <<-EOF &&
	ref${tab}employer${tab}name${tab}role${tab}phone${tab}email${tab}employer_name
	p1${tab}e1${tab}Liisa Laine${tab}Omistaja${tab}040 123 4567${tab}${tab}Kahvila Kaneli Oy
	p3${tab}e1${tab}Sanna Salo${tab}${tab}${tab}sanna.salo@kaneli.example${tab}Kahvila Kaneli Oy
	p2${tab}e2${tab}Pekka Virtanen${tab}Työnjohtaja${tab}+358 40 765 4321${tab}${tab}Metallityö Virtanen Oy
	EOF
	test_cmp expect actual &&
	ips-employer contact list e2 -o id >actual &&
	check_ids p2 &&
	ips-employer contact list "Kahvila Kaneli Oy" -o id >actual &&
	check_ids p1 p3
'

test_expect_success 'contact list reads employers from a pipe' '
	ips-employer list --sector C -o id >ids &&
	ips-employer contact list -o id <ids >actual &&
	check_ids p2 &&
	ips-employer list --sector Q -o id >ids &&
	ips-employer contact list -o id <ids >actual &&
	test_must_be_empty actual
'

test_expect_success 'export --contacts: every field, for import' '
	ips-employer export --contacts -o csv >actual &&
	sed "s/\$/$(printf "\r")/" >expect <<-\EOF &&
	ref,employer,name,role,phone,email
	p1,e1,Liisa Laine,Omistaja,040 123 4567,
	p2,e2,Pekka Virtanen,Työnjohtaja,+358 40 765 4321,
	p3,e1,Sanna Salo,,,sanna.salo@kaneli.example
	EOF
	test_cmp expect actual
'

test_expect_success 'bad contacts are refused with the database as it was' '
	test_db_snapshot &&
	test_expect_code 65 ips-employer contact add e99 "Liisa Laine" 2>err &&
	echo "ips-employer: employer: no such employer '\''e99'\''" >expect &&
	test_cmp expect err &&
	test_expect_code 65 ips-employer contact add e1 "" 2>err &&
	echo "ips-employer: name: empty" >expect &&
	test_cmp expect err &&
	test_expect_code 65 ips-employer contact add e1 "$(printf "Liisa\tLaine")" &&
	test_expect_code 64 ips-employer contact add e1 &&
	test_expect_code 64 ips-employer contact add e1 "A" --fax 1 &&
	test_expect_code 64 ips-employer contact &&
	test_expect_code 64 ips-employer contact remove p1 &&
	test_db_unchanged
'

test_expect_success 'opening add: found today by the acting specialist' '
	ips-employer -u ana opening add e1 Barista --job-type barista \
	    --hidden yes >out &&
	echo o1 >expect &&
	test_cmp expect out &&
	ips-employer opening add e1 Tarjoilija --job-type tarjoilija \
	    --positions 2 --hours 30 --requirements "Hygieniapassi" >out &&
	echo o2 >expect &&
	test_cmp expect out &&
	ips-employer opening add 2345678-0 Hitsaaja --job-type hitsaaja \
	    --hidden yes --found 2026-11-10 --found-by bob &&
	ips-employer opening add e3 Siivooja --job-type siivooja \
	    --found 15.11.2026 &&
	ips-employer opening add e2 Koneistaja --job-type koneistaja \
	    --found -3d &&
	ips-employer opening add e3 Toimistoapulainen &&
	ips-employer opening add e1 Leipuri --job-type bar
'

test_expect_success 'openings: every field and the employer name, exactly' '
	ips-employer openings e2 >actual &&
	cat >expect <<-EOF &&
	ref${tab}employer${tab}title${tab}job_type${tab}positions${tab}hours${tab}requirements${tab}hidden${tab}found${tab}found_by${tab}status${tab}closed${tab}filled_by${tab}close_reason${tab}employer_name
	o3${tab}e2${tab}Hitsaaja${tab}hitsaaja${tab}1${tab}${tab}${tab}yes${tab}2026-11-10${tab}bob${tab}open${tab}${tab}${tab}${tab}Metallityö Virtanen Oy
	o5${tab}e2${tab}Koneistaja${tab}koneistaja${tab}1${tab}${tab}${tab}no${tab}2026-11-20${tab}${tab}open${tab}${tab}${tab}${tab}Metallityö Virtanen Oy
	EOF
	test_cmp expect actual &&
	ips-employer openings e1 -o json >out.json &&
	jq -e ".[0] | .ref == \"o1\" and .found == \"2026-11-23\" and
	    .found_by == \"ana\" and .hidden == true and .positions == 1" \
	    out.json &&
	jq -e ".[1] | .positions == 2 and .hours == 30 and .hidden == false
	    and .found_by == null and .requirements == \"Hygieniapassi\"" \
	    out.json
'

test_expect_success 'openings --open, --hidden, by employer' '
	ips-employer openings -o id >actual &&
	check_ids o1 o2 o3 o4 o5 o6 o7 &&
	ips-employer openings --hidden -o id >actual &&
	check_ids o1 o3 &&
	ips-employer openings "Kahvila Kaneli Oy" -o id >actual &&
	check_ids o1 o2 o7
'

test_expect_success 'openings --no-candidates: no active client wants the type' '
	ips-employer openings --no-candidates -o id >actual &&
	check_ids o4 o6 o7
'

test_expect_success 'a client who becomes active is a candidate' '
	ips-client status c2 active &&
	ips-employer openings --no-candidates -o id >actual &&
	check_ids o6 o7
'

test_expect_success 'opening close --filled-by: filled, today, audited' '
	ips-employer -u bob opening close o3 --filled-by c3 &&
	ips-employer openings e2 -o json >out.json &&
	jq -e ".[0] | .status == \"filled\" and .closed == \"2026-11-23\"
	    and .filled_by == \"c3\" and .close_reason == null" out.json &&
	ips log o3 -o tsv -H | cut -f 2- | tail -1 >actual &&
	printf "bob\tips-employer\tclose\to3\tstatus,closed,filled_by\n" \
	    >expect &&
	test_cmp expect actual
'

test_expect_success 'opening close --reason --on: closed on that day' '
	ips-employer opening close o4 --reason "Rekrytointi peruttu" \
	    --on 20.11.2026 &&
	ips-employer openings e3 -o tsv -H | cut -f 1,11-14 >actual &&
	printf "o4\tclosed\t2026-11-20\t\tRekrytointi peruttu\no6\topen\t\t\t\n" \
	    >expect &&
	test_cmp expect actual
'

test_expect_success 'openings --open and --hidden leave the closed ones out' '
	ips-employer openings --open -o id >actual &&
	check_ids o1 o2 o5 o6 o7 &&
	ips-employer openings --open --hidden -o id >actual &&
	check_ids o1 &&
	ips-employer openings --hidden -o id >actual &&
	check_ids o1 o3
'

test_expect_success 'bad openings are refused with the database as it was' '
	test_db_snapshot &&
	test_expect_code 65 ips-employer opening add e99 Barista &&
	test_expect_code 65 ips-employer opening add e1 "" &&
	test_expect_code 65 ips-employer opening add e1 Barista \
	    --positions 0 2>err &&
	grep "^ips-employer: positions: " err &&
	test_expect_code 65 ips-employer opening add e1 Barista --hours 100 &&
	test_expect_code 65 ips-employer opening add e1 Barista --hidden maybe &&
	test_expect_code 65 ips-employer opening add e1 Barista \
	    --found 2026-02-30 2>err &&
	grep "found" err &&
	test_expect_code 65 ips-employer opening add e1 Barista --found-by zed &&
	test_expect_code 65 ips-employer -u zed opening add e1 Barista &&
	test_expect_code 64 ips-employer opening add e1 &&
	test_expect_code 64 ips-employer opening add e1 Barista --status filled &&
	test_expect_code 64 ips-employer opening &&
	test_db_unchanged
'

test_expect_success 'bad closes are refused with the database as it was' '
	test_db_snapshot &&
	test_expect_code 65 ips-employer opening close o3 --reason x 2>err &&
	echo "ips-employer: o3: already filled" >expect &&
	test_cmp expect err &&
	test_expect_code 65 ips-employer opening close o1 --filled-by e1 2>err &&
	echo "ips-employer: filled_by: '\''e1'\'' is an employer, not a client" \
	    >expect &&
	test_cmp expect err &&
	test_expect_code 65 ips-employer opening close o1 --filled-by c99 &&
	test_expect_code 65 ips-employer opening close o1 --reason x \
	    --on 2026-11-01 2>err &&
	echo "ips-employer: on: 2026-11-01 is before the opening was found (2026-11-23)" \
	    >expect &&
	test_cmp expect err &&
	test_expect_code 65 ips-employer opening close o1 --reason x --on someday &&
	test_expect_code 65 ips-employer opening close o99 --reason x &&
	test_expect_code 65 ips-employer opening close e1 --reason x &&
	test_expect_code 64 ips-employer opening close o1 &&
	test_expect_code 64 ips-employer opening close o1 --reason x \
	    --filled-by c1 &&
	test_expect_code 64 ips-employer opening close --reason x &&
	test_db_unchanged
'

test_expect_success 'openings: unknown employer 65, bad option 64' '
	test_expect_code 65 ips-employer openings e99 &&
	test_expect_code 65 ips-employer openings c1 &&
	test_expect_code 64 ips-employer openings --closed
'

test_expect_success 'contact set changes a person, audited' '
	ips-employer -u ana contact set p2 --phone "040 111 2222" --role "" &&
	ips-employer contact list e2 -o tsv -H >actual &&
	printf "p2\te2\tPekka Virtanen\t\t040 111 2222\t\tMetallityö Virtanen Oy\n" \
	    >expect &&
	test_cmp expect actual &&
	ips log p2 -o tsv -H | cut -f 2- | tail -1 >actual &&
	printf "ana\tips-employer\tset\tp2\trole,phone\n" >expect &&
	test_cmp expect actual
'

test_expect_success 'opening set changes an opening; status is close'\''s' '
	ips-employer opening set o2 --positions 3 --hours 25 --hidden yes &&
	ips-employer openings e1 -o json >out.json &&
	jq -e ".[1] | .ref == \"o2\" and .positions == 3 and .hours == 25
	    and .hidden == true" out.json &&
	test_db_snapshot &&
	test_expect_code 65 ips-employer opening set o2 --positions "" 2>err &&
	echo "ips-employer: positions: empty" >expect &&
	test_cmp expect err &&
	test_expect_code 65 ips-employer opening set o2 --found "" &&
	test_expect_code 65 ips-employer opening set o2 --title "" &&
	test_expect_code 65 ips-employer opening set o2 --positions -2 &&
	test_expect_code 65 ips-employer opening set o99 --positions 2 &&
	test_expect_code 65 ips-employer opening set p1 --positions 2 &&
	test_expect_code 65 ips-employer contact set o1 --phone 1 &&
	test_expect_code 65 ips-employer contact set p1 --employer e99 &&
	test_expect_code 64 ips-employer opening set o2 --status filled &&
	test_expect_code 64 ips-employer opening set o2 --closed today &&
	test_expect_code 64 ips-employer opening set o2 &&
	test_expect_code 64 ips-employer contact set --phone 1 &&
	test_db_unchanged
'

test_done
