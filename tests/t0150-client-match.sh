#!/bin/sh
test_description='ips-client match: open openings ranked for clients, the
candidates ranked for openings, each score computed by hand, the pipes
from ips-employer openings and ips-client list, and the refusals'
. "$(dirname "$0")/lib.sh"

IPS_USER=ana
export IPS_USER

# Expected rows written with | between the fields.
rows() {
	tr '|' '\t' >expect
}

header='client|opening|employer|title|score|reasons|specialist'

test_expect_success 'a missing database is an error, and is not created' '
	test_expect_code 66 ips-client match c1 2>err &&
	grep "no database at" err &&
	! test -e "$IPS_DB"
'

# Three open openings and a closed one; three clients who want work (two
# active, one referred; one of them has said no job types or hours yet),
# a working one and a paused one.
test_expect_success 'setup: employers, openings and clients' '
	ips staff add ana "Ana Virtanen" &&
	ips staff add ben "Ben Laine" &&
	ips-employer add "Kahvila Pulla" --area Espoo >/dev/null &&
	ips-employer add "Kespro Oy" --area Vantaa >/dev/null &&
	ips-employer add "Siivous Oy" >/dev/null &&
	ips-employer opening add e1 Barista --job-type cafe --hours 20 \
	    >/dev/null &&
	ips-employer opening add e2 Varastotyöntekijä --job-type warehouse \
	    --hours 37.5 >/dev/null &&
	ips-employer opening add e3 Siivooja --hours 25 >/dev/null &&
	ips-employer opening add e1 Tiskaaja --job-type cafe --hours 10 \
	    >/dev/null &&
	ips-employer opening close o4 --reason "no longer needed" &&
	ips-client add "Aino Kärkkäinen" --status active --area Espoo \
	    --job-types "Cafe, shop" --hours-wanted 20 >/dev/null &&
	ips-client -u ben add "Minh Nguyễn" --area Vantaa \
	    --job-types warehouse --hours-wanted 30 >/dev/null &&
	ips-client add "Matti Heikkinen" --status active --area espoo \
	    >/dev/null &&
	ips-client add "Leena Mäkelä" --status working --area Espoo \
	    --job-types cafe --hours-wanted 20 >/dev/null &&
	ips-client add "Pekka Laaksonen" --status paused --area Espoo \
	    --job-types cafe --hours-wanted 20 >/dev/null
'

# c1 x o1: job type 50 (Cafe is cafe), hours 20 of 20: 20, area 20,
# active 10 = 100.  c1 x o3: no job type 10, hours 25 is within 50% of 20:
# 10, no area, active 10 = 30.  c1 x o2: wrong job type, hours 37.5 too
# far, another area, active 10 = 10.  o4 is closed.
test_expect_success 'a client: the open openings, best first, with reasons' '
	ips-client match c1 >actual &&
	rows <<-EOF &&
	$header
	c1|o1|Kahvila Pulla|Barista|100|job type cafe, hours 20/20, area Espoo, active|ana
	c1|o3|Siivous Oy|Siivooja|30|job type unknown, hours 20/25, active|ana
	c1|o2|Kespro Oy|Varastotyöntekijä|10|active|ana
	EOF
	test_cmp expect actual
'

# c2 x o2: 50 + 30 of 37.5 within 50%: 10 + area 20 + referred 5 = 85;
# x o3: 10 + 25 within 20% of 30: 20 + 5 = 35; x o1: 0 + 20 within 50% of
# 30: 10 + 5 = 15.
test_expect_success 'a referred client: referred scores 5' '
	ips-client match -H c2 >actual &&
	rows <<-EOF &&
	c2|o2|Kespro Oy|Varastotyöntekijä|85|job type warehouse, hours 30/37.5, area Vantaa, referred|ben
	c2|o3|Siivous Oy|Siivooja|35|job type unknown, hours 30/25, referred|ben
	c2|o1|Kahvila Pulla|Barista|15|hours 30/20, referred|ben
	EOF
	test_cmp expect actual
'

# c3 has said no job types and no hours: 10 + 5 everywhere, area espoo is
# Espoo; o2 and o3 tie at 25 and go by reference.
test_expect_success 'a client with no job types is ranked, not left out' '
	ips-client match -H c3 >actual &&
	rows <<-EOF &&
	c3|o1|Kahvila Pulla|Barista|45|job type unknown, hours unknown, area Espoo, active|ana
	c3|o2|Kespro Oy|Varastotyöntekijä|25|job type unknown, hours unknown, active|ana
	c3|o3|Siivous Oy|Siivooja|25|job type unknown, hours unknown, active|ana
	EOF
	test_cmp expect actual
'

# c4 works: named, it is matched (no status points); o2 scores 0 for it
# and is no match at all.
test_expect_success 'a working client named is matched; a score of 0 is not shown' '
	ips-client match -H c4 >actual &&
	rows <<-EOF &&
	c4|o1|Kahvila Pulla|Barista|90|job type cafe, hours 20/20, area Espoo|ana
	c4|o3|Siivous Oy|Siivooja|20|job type unknown, hours 20/25|ana
	EOF
	test_cmp expect actual
'

# The candidates are the active and referred clients: not c4 (working)
# nor c5 (paused), although both want cafe work in Espoo.
test_expect_success 'an opening: its candidates, best first, same columns' '
	ips-client match o1 >actual &&
	rows <<-EOF &&
	$header
	c1|o1|Kahvila Pulla|Barista|100|job type cafe, hours 20/20, area Espoo, active|ana
	c3|o1|Kahvila Pulla|Barista|45|job type unknown, hours unknown, area Espoo, active|ana
	c2|o1|Kahvila Pulla|Barista|15|hours 30/20, referred|ben
	EOF
	test_cmp expect actual &&
	ips-client match o1 -o id >actual &&
	printf "c1\nc3\nc2\n" >expect &&
	test_cmp expect actual
'

test_expect_success 'a closed opening named is still given its candidates' '
	ips-client match -H o4 >actual &&
	rows <<-EOF &&
	c1|o4|Kahvila Pulla|Tiskaaja|90|job type cafe, hours 20/10, area Espoo, active|ana
	c3|o4|Kahvila Pulla|Tiskaaja|45|job type unknown, hours unknown, area Espoo, active|ana
	c2|o4|Kahvila Pulla|Tiskaaja|5|referred|ben
	EOF
	test_cmp expect actual
'

cat >all_open <<EOF
$header
c1|o1|Kahvila Pulla|Barista|100|job type cafe, hours 20/20, area Espoo, active|ana
c3|o1|Kahvila Pulla|Barista|45|job type unknown, hours unknown, area Espoo, active|ana
c2|o1|Kahvila Pulla|Barista|15|hours 30/20, referred|ben
c2|o2|Kespro Oy|Varastotyöntekijä|85|job type warehouse, hours 30/37.5, area Vantaa, referred|ben
c3|o2|Kespro Oy|Varastotyöntekijä|25|job type unknown, hours unknown, active|ana
c1|o2|Kespro Oy|Varastotyöntekijä|10|active|ana
c2|o3|Siivous Oy|Siivooja|35|job type unknown, hours 30/25, referred|ben
c1|o3|Siivous Oy|Siivooja|30|job type unknown, hours 20/25, active|ana
c3|o3|Siivous Oy|Siivooja|25|job type unknown, hours unknown, active|ana
EOF

test_expect_success 'ips-employer openings --open | ips-client match' '
	ips-employer openings --open >open &&
	ips-client match <open >actual &&
	rows <all_open &&
	test_cmp expect actual
'

test_expect_success 'no references and no input: every open opening' '
	ips-client match </dev/null >actual &&
	rows <all_open &&
	test_cmp expect actual
'

test_expect_success 'ips-client list --status active | ips-client match' '
	ips-client list --status active >active &&
	ips-client match <active >actual &&
	rows <<-EOF &&
	$header
	c1|o1|Kahvila Pulla|Barista|100|job type cafe, hours 20/20, area Espoo, active|ana
	c1|o3|Siivous Oy|Siivooja|30|job type unknown, hours 20/25, active|ana
	c1|o2|Kespro Oy|Varastotyöntekijä|10|active|ana
	c3|o1|Kahvila Pulla|Barista|45|job type unknown, hours unknown, area Espoo, active|ana
	c3|o2|Kespro Oy|Varastotyöntekijä|25|job type unknown, hours unknown, active|ana
	c3|o3|Siivous Oy|Siivooja|25|job type unknown, hours unknown, active|ana
	EOF
	test_cmp expect actual
'

test_expect_success 'the candidates piped on: match -o id | ips-client show' '
	ips-client match o2 -o id >ids &&
	printf "c2\nc3\nc1\n" >expect &&
	test_cmp expect ids &&
	ips-client show -o id <ids >actual &&
	printf "c1\nc2\nc3\n" >expect &&
	test_cmp expect actual
'

test_expect_success 'mixed references: the clients first, then the openings' '
	ips-client match -H o3 c2 --top 1 >actual &&
	rows <<-EOF &&
	c2|o2|Kespro Oy|Varastotyöntekijä|85|job type warehouse, hours 30/37.5, area Vantaa, referred|ben
	c2|o3|Siivous Oy|Siivooja|35|job type unknown, hours 30/25, referred|ben
	EOF
	test_cmp expect actual
'

test_expect_success 'json: numbers as numbers; - reads stdin' '
	echo c2 | ips-client match --top 1 -o jsonl - >actual &&
	cat >expect <<-\EOF &&
	{"client":"c2","opening":"o2","employer":"Kespro Oy","title":"Varastotyöntekijä","score":85,"reasons":"job type warehouse, hours 30/37.5, area Vantaa, referred","specialist":"ben"}
	EOF
	test_cmp expect actual
'

test_expect_success 'an empty pipe prints nothing, in any format' '
	: | ips-client match >out &&
	test_must_be_empty out &&
	: | ips-client match -o json >out &&
	test_must_be_empty out &&
	: | ips-client match -o table >out &&
	test_must_be_empty out &&
	ips-client list --status closed >left &&
	ips-client match <left >out &&
	test_must_be_empty out
'

test_expect_success 'a reference of another kind is an error (65)' '
	test_expect_code 65 ips-client match e3 2>err &&
	test_line_count = 1 err &&
	grep "'\''e3'\''.*not a client or opening" err &&
	echo e1 >in &&
	test_expect_code 65 ips-client match <in >out 2>err &&
	test_must_be_empty out &&
	test_expect_code 65 ips-client match c1 j1 >out 2>err &&
	test_must_be_empty out
'

test_expect_success 'unknown and ambiguous references are errors (65)' '
	test_expect_code 65 ips-client match c1 c99 >out 2>err &&
	test_must_be_empty out &&
	echo "ips-client: c99: no such client" >expect &&
	test_cmp expect err &&
	test_expect_code 65 ips-client match o9 2>err &&
	echo "ips-client: o9: no such opening" >expect &&
	test_cmp expect err &&
	test_expect_code 65 ips-client match 1 2>err &&
	grep "invalid client or opening reference" err
'

test_expect_success 'bad options: --top out of range (65), unknown (64)' '
	test_expect_code 65 ips-client match --top 0 c1 &&
	test_expect_code 65 ips-client match --top x c1 &&
	test_expect_code 64 ips-client match --bogus c1
'

test_expect_success 'match reads only: the database is unchanged' '
	test_db_snapshot &&
	ips-client match >/dev/null </dev/null &&
	ips-client match c1 o1 >/dev/null &&
	test_db_unchanged
'

test_expect_success '--pseudonymize changes nothing: no personal data shown' '
	ips-client match c1 o1 >plain &&
	ips-client match --pseudonymize c1 o1 >actual &&
	test_cmp plain actual &&
	! grep -e Aino -e Minh -e Matti actual
'

# Eleven more open openings: c3 now has fourteen, of which ten are shown.
test_expect_success 'the best 10 of each by default; --top N and --all' '
	for i in 1 2 3 4 5 6 7 8 9 10 11
	do
		ips-employer opening add e3 "Siivooja $i" >/dev/null || return 1
	done &&
	ips-client match -H c3 >out &&
	test_line_count = 10 out &&
	ips-client match -H --all c3 >out &&
	test_line_count = 14 out &&
	ips-client match -H --top 12 c3 >out &&
	test_line_count = 12 out &&
	ips-client match -H --all --top 2 c3 -o id >out &&
	test_line_count = 2 out &&
	ips-client match -H --top 3 c3 >actual &&
	rows <<-EOF &&
	c3|o1|Kahvila Pulla|Barista|45|job type unknown, hours unknown, area Espoo, active|ana
	c3|o2|Kespro Oy|Varastotyöntekijä|25|job type unknown, hours unknown, active|ana
	c3|o3|Siivous Oy|Siivooja|25|job type unknown, hours unknown, active|ana
	EOF
	test_cmp expect actual
'

test_done
