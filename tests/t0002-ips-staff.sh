#!/bin/sh
test_description='ips staff: add, list, leave; the acting specialist; and
every refused write leaving the database as it was'
. "$(dirname "$0")/lib.sh"

tab=$(printf '\t')

test_expect_success 'staff add and list, exactly, in tsv' '
	ips staff add ana "Ana Virtanen" --team North --fte 0.8 &&
	ips staff add bob "Nguyễn Thị Kärkkäinen" &&
	ips -u ana staff add cid Cid --fte 1 &&
	ips staff list -o tsv >actual &&
	cat >expect <<-EOF &&
	handle${tab}name${tab}team${tab}fte${tab}left
	ana${tab}Ana Virtanen${tab}North${tab}0.8${tab}
	bob${tab}Nguyễn Thị Kärkkäinen${tab}${tab}1.0${tab}
	cid${tab}Cid${tab}${tab}1.0${tab}
	EOF
	test_cmp expect actual
'

test_expect_success 'tsv is the default when stdout is not a terminal' '
	ips staff list >actual &&
	test_cmp expect actual
'

test_expect_success '-H drops the header line' '
	ips staff list -H >actual &&
	sed 1d expect >expect.noheader &&
	test_cmp expect.noheader actual &&
	ips staff list --no-header -o tsv >actual &&
	test_cmp expect.noheader actual
'

test_expect_success 'staff list -o id gives the handles' '
	ips staff list -o id >actual &&
	printf "ana\nbob\ncid\n" >expect &&
	test_cmp expect actual
'

test_expect_success 'staff list -o csv: RFC 4180, CRLF line ends' '
	ips staff list -o csv >actual &&
	sed "s/\$/$(printf "\r")/" >expect <<-\EOF &&
	handle,name,team,fte,left
	ana,Ana Virtanen,North,0.8,
	bob,Nguyễn Thị Kärkkäinen,,1.0,
	cid,Cid,,1.0,
	EOF
	test_cmp expect actual
'

test_expect_success 'csv quotes a field with a comma or a quote' '
	ips -d quote.db staff add kim "Kim \"K\", Jr" &&
	ips -d quote.db staff list -o csv -H >actual &&
	printf "kim,\"Kim \"\"K\"\", Jr\",,1.0,\r\n" >expect &&
	test_cmp expect actual
'

test_expect_success 'staff list -o json: numbers as numbers, absent as null' '
	ips staff list -o json >out.json &&
	jq -e "length == 3" out.json &&
	jq -e ".[0] == {handle: \"ana\", name: \"Ana Virtanen\",
	    team: \"North\", fte: 0.8, left: null}" out.json &&
	jq -e ".[1].name == \"Nguyễn Thị Kärkkäinen\" and .[1].team == null
	    and .[1].fte == 1" out.json
'

test_expect_success 'staff list -o jsonl: one object a line' '
	ips staff list -o jsonl >out.jsonl &&
	test_line_count = 3 out.jsonl &&
	jq -e -s "map(.handle) == [\"ana\", \"bob\", \"cid\"]" out.jsonl
'

test_expect_success 'staff list -o table lines up wide characters' '
	ips staff list -o table >actual &&
	cat >expect <<-\EOF &&
	handle  name                   team   fte  left
	ana     Ana Virtanen           North  0.8
	bob     Nguyễn Thị Kärkkäinen         1.0
	cid     Cid                           1.0
	EOF
	test_cmp expect actual
'

test_expect_success 'staff leave records the day' '
	ips staff leave bob --on 2026-11-30 &&
	ips staff list -H -o tsv >actual &&
	grep "^bob${tab}.*${tab}2026-11-30\$" actual
'

test_expect_success 'staff leave takes the Finnish date form too' '
	ips staff leave cid --on 1.12.2026 &&
	ips staff list -H -o tsv >actual &&
	grep "^cid${tab}.*${tab}2026-12-01\$" actual
'

test_expect_success 'a name with an SQL quote is stored literally' '
	ips staff add rob "'"'"'; DROP TABLE specialist; --" &&
	sqlite3 ips.db "select name from specialist where handle = '"'"'rob'"'"'" \
	    >actual &&
	echo "'"'"'; DROP TABLE specialist; --" >expect &&
	test_cmp expect actual &&
	test "$(sqlite3 ips.db "select count(*) from specialist")" = 4
'

# Refused writes: each leaves the database byte for byte as it was.
refused() {
	test_db_snapshot &&
	test_expect_code "$@" 2>err &&
	test_line_count = 1 err &&
	test_db_unchanged
}

test_expect_success 'an acting handle that does not exist is refused (65)' '
	refused 65 ips -u nobody staff add dan Dan &&
	grep "nobody" err &&
	grep "ana" err &&
	refused 65 ips staff add -u nobody dan Dan &&
	refused 65 ips staff add --as nobody dan Dan &&
	(IPS_USER=nobody && export IPS_USER &&
	    refused 65 ips staff add dan Dan)
'

test_expect_success 'the known handles listed are the ones that exist' '
	refused 65 ips -u nobody staff add dan Dan &&
	grep "known: ana, rob)" err
'

test_expect_success 'IPS_USER names the acting specialist' '
	(IPS_USER=ana && export IPS_USER && ips staff add eve Eve) &&
	sqlite3 ips.db "select who from audit where ref = '"'"'eve'"'"'" >actual &&
	echo ana >expect &&
	test_cmp expect actual
'

for handle in Bob 1bob "b b" "" -x "b.b" "bö" \
    aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
do
	test_expect_success "an invalid handle '$handle' is refused (65)" "
		refused 65 ips staff add -- '$handle' Name
	"
done

test_expect_success 'an existing handle is refused (65)' '
	refused 65 ips staff add ana Other &&
	grep "ana" err
'

test_expect_success 'an empty or blank name is refused (65)' '
	refused 65 ips staff add dan "" &&
	refused 65 ips staff add dan "   "
'

test_expect_success 'a huge name is refused (65), not echoed' '
	# 1 MB cannot be one argument (Linux: 128 KiB), so just under that.
	name=$(head -c 131000 /dev/zero | tr "\0" a) &&
	refused 65 ips staff add dan "$name" &&
	! grep aaaaaaaaaa err
'

test_expect_success 'a name that is not UTF-8 is refused (65)' '
	refused 65 ips staff add dan "$(printf "\377")" &&
	refused 65 ips staff add dan "$(printf "Dan \303")"
'

test_expect_success 'a name with control characters is refused (65)' '
	refused 65 ips staff add dan "$(printf "a\tb")" &&
	refused 65 ips staff add dan "$(printf "a\033[31mb")"
'

test_expect_success 'an invalid team is refused (65)' '
	refused 65 ips staff add dan Dan --team "" &&
	refused 65 ips staff add dan Dan --team "$(printf "\377")"
'

test_expect_success 'an fte out of range or not a number is refused (65)' '
	refused 65 ips staff add dan Dan --fte 0 &&
	refused 65 ips staff add dan Dan --fte -1 &&
	refused 65 ips staff add dan Dan --fte 1.5 &&
	refused 65 ips staff add dan Dan --fte abc &&
	refused 65 ips staff add dan Dan --fte "" &&
	refused 65 ips staff add dan Dan --fte nan
'

test_expect_success 'staff leave: unknown handle (65) lists the known ones' '
	refused 65 ips staff leave zed --on 2026-11-30 &&
	grep "zed" err &&
	grep "ana" err
'

test_expect_success 'staff leave: an impossible date is refused (65)' '
	refused 65 ips staff leave ana --on 2026-02-30 &&
	grep "2026-02-30" err &&
	refused 65 ips staff leave ana --on someday
'

test_expect_success 'bad usage is refused (64) and changes nothing' '
	refused 64 ips staff add dan &&
	refused 64 ips staff add dan Dan extra &&
	refused 64 ips staff add --bogus dan Dan &&
	refused 64 ips staff add dan Dan --fte &&
	refused 64 ips staff leave ana &&
	refused 64 ips staff leave --on 2026-11-30 &&
	refused 64 ips staff list extra &&
	refused 64 ips staff &&
	refused 64 ips staff frob
'

test_expect_success 'an invalid value on a missing database creates nothing' '
	rm -f new.db &&
	(IPS_DB=$PWD/new.db &&
	    test_expect_code 65 ips staff add Bad Name 2>err &&
	    test_expect_code 65 ips staff add dan "" 2>err &&
	    test_expect_code 64 ips staff add --bogus 2>err) &&
	test ! -e new.db
'

test_expect_success 'the refused writes left no trace in the audit log' '
	ips log -o tsv >log &&
	cut -f 4,5 log >actual &&
	cat >expect <<-EOF &&
	action${tab}ref
	staff add${tab}ana
	staff add${tab}bob
	staff add${tab}cid
	staff leave${tab}bob
	staff leave${tab}cid
	staff add${tab}rob
	staff add${tab}eve
	EOF
	test_cmp expect actual
'

test_done
