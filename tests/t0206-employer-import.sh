#!/bin/sh
test_description='ips-employer import and export: employers, --contacts,
--openings; the rules of add hold for every row, and a refused import
writes nothing'
. "$(dirname "$0")/lib.sh"

tab=$(printf '\t')

test_expect_success 'setup: a register with contacts and openings' '
	ips staff add ana "Ana Virtanen" &&
	ips-employer -u ana add "Kahvila Kaneli Oy" --business-id 1234567-1 \
	    --sector I --size 8 --area Tampere \
	    --note "$(printf "Omistaja \"Liisa\"\nAukeaa klo 7")" &&
	ips-employer add "Metallityö Virtanen Oy" --business-id 2345678-0 \
	    --sector C --website "https://virtanen.example/?a=1,2" &&
	ips-employer contact add e1 "Liisa Laine" --role Omistaja \
	    --phone "040 123 4567" &&
	ips-client -u ana add "Matti Meikäläinen" --status active >/dev/null &&
	ips-employer -u ana opening add e1 Barista --job-type barista \
	    --hidden yes --found 2026-11-02 &&
	ips-employer opening add e2 Hitsaaja --positions 2 --hours 37.5 \
	    --found 2026-10-01 &&
	ips-employer opening add e2 Koneistaja --found 2026-10-05 &&
	ips-employer opening close o1 --filled-by c1 --on 2026-11-20 &&
	ips-employer opening close o3 --reason "Ei budjettia" --on 2026-11-10
'

for f in csv tsv json jsonl yaml
do
	test_expect_success "export and import round-trip in $f" "
		rm -f copy.db &&
		ips staff add ana 'Ana Virtanen' -d copy.db &&
		ips-client export -o $f >clients.$f &&
		ips-client -d copy.db import clients.$f &&
		for k in '' --contacts --openings
		do
			ips-employer export \$k -o $f >out$k.$f &&
			ips-employer -d copy.db import \$k out$k.$f &&
			ips-employer -d copy.db export \$k -o $f >back$k.$f &&
			test_cmp out$k.$f back$k.$f || return 1
		done
	"
done

test_expect_success 'show -o yaml imports back' '
	rm -f copy.db &&
	ips staff add ana "Ana Virtanen" -d copy.db &&
	ips-employer show e1 e2 -o yaml >two.yaml &&
	ips-employer -d copy.db import two.yaml &&
	ips-employer export -o tsv >expect &&
	ips-employer -d copy.db export -o tsv >actual &&
	test_cmp expect actual
'

test_expect_success 'import applies the defaults of add' '
	rm -f copy.db &&
	ips staff add ana "Ana Virtanen" -d copy.db &&
	printf "name,sector\nSiivouspalvelu Puhdas Oy,n\n" >e.csv &&
	ips-employer -d copy.db -u ana import e.csv &&
	printf "employer,title\nSiivouspalvelu Puhdas Oy,Siivooja\n" >o.csv &&
	ips-employer -d copy.db -u ana import --openings o.csv &&
	ips-employer -d copy.db export -o tsv -H >actual &&
	printf "e1\tSiivouspalvelu Puhdas Oy\t\tN\t\t\t\t\t\tprospect\tana\t\n" \
	    >expect &&
	test_cmp expect actual &&
	ips-employer -d copy.db openings -o tsv -H | cut -f 1-3,9-11 >actual &&
	printf "o1\te1\tSiivooja\t2026-11-23\tana\topen\n" >expect &&
	test_cmp expect actual
'

test_expect_success 'employers in an import by business id or name' '
	printf "employer,name\n2345678-0,Pekka Virtanen\nKahvila Kaneli Oy,Sanna Salo\n" \
	    >c.csv &&
	ips-employer import --contacts c.csv &&
	ips-employer contact list -o tsv -H | cut -f 1-3 >actual &&
	printf "p1\te1\tLiisa Laine\np3\te1\tSanna Salo\np2\te2\tPekka Virtanen\n" \
	    >expect &&
	test_cmp expect actual
'

test_expect_success '--dry-run checks and writes nothing' '
	printf "name,business_id\nLeipomo Lämmin Oy,0112038-9\n" >e.csv &&
	test_db_snapshot &&
	ips-employer import -n e.csv &&
	ips-employer import --dry-run e.csv &&
	test_db_unchanged
'

# refused FILE LINE...: import of FILE (with options before it) is 65,
# the error lines are exactly LINE..., nothing is written.
refused() {
	printf "%s\n" "$@" >expect &&
	test_db_snapshot &&
	test_expect_code 65 ips-employer import $opts "$file" 2>err &&
	test_cmp expect err &&
	test_db_unchanged
}

test_expect_success 'a bad business id, a duplicate one, in the file too' '
	printf "name,business_id,sector\nA Oy,1234567-2,C\nB Oy,1234567-1,C\nC Oy,0112038-9,C\nD Oy,0112038-9,C\n" \
	    >e.csv &&
	opts= file=e.csv refused \
	    "ips-employer: e.csv:2: business_id: not a valid business id NNNNNNN-T (check digit)" \
	    "ips-employer: e.csv:3: business_id: 1234567-1 is already e1" \
	    "ips-employer: e.csv:5: business_id: 0112038-9 is already e3"
'

test_expect_success 'sector Z, size -1, an empty name, a 1 MB name' '
	{
		printf "name,sector,size\nZ Oy,Z,\nKoko Oy,C,-1\n,C,\n" &&
		head -c 1048576 /dev/zero | tr "\\0" x &&
		printf ",C,\n"
	} >e.csv &&
	opts= file=e.csv refused \
	    "ips-employer: e.csv:2: sector: not a TOL 2008 letter A to U, or X" \
	    "ips-employer: e.csv:3: size: -1 out of range 0 to 10000000" \
	    "ips-employer: e.csv:4: name: missing" \
	    "ips-employer: e.csv:5: name: longer than 65536 bytes"
'

test_expect_success 'invalid UTF-8 and control characters' '
	printf "name\n\"Kahvila\001Oy\"\n\"A\377\"\n" >e.csv &&
	opts= file=e.csv refused \
	    "ips-employer: e.csv:2: name: control character in text" \
	    "ips-employer: e.csv:3: name: invalid UTF-8"
'

test_expect_success 'contacts: unknown and ambiguous employers' '
	ips-employer add Siivous >/dev/null &&
	ips-employer add Siivous >/dev/null &&
	printf "employer,name\ne99,A\nSiivous,B\nc1,C\n" >c.csv &&
	opts=--contacts file=c.csv refused \
	    "ips-employer: c.csv:2: employer: no such employer '\''e99'\''" \
	    "ips-employer: c.csv:3: employer: employer '\''Siivous'\'' is ambiguous: e3, e4" \
	    "ips-employer: c.csv:4: employer: '\''c1'\'' is a client, not an employer"
'

test_expect_success 'openings: status and its dates must agree' '
	printf "employer,title,status,closed,filled_by\ne1,A,open,2026-11-01,\ne1,B,filled,,c1\ne1,C,closed,2026-11-01,c1\ne1,D,gone,2026-11-01,\n" \
	    >o.csv &&
	opts=--openings file=o.csv refused \
	    "ips-employer: o.csv:2: closed: set on an open opening" \
	    "ips-employer: o.csv:3: closed: missing for a filled opening" \
	    "ips-employer: o.csv:4: filled_by: set on a closed opening" \
	    "ips-employer: o.csv:5: status: '\''gone'\'' not one of open, filled, closed"
'

test_expect_success 'SQL in an imported value is stored as text' '
	printf "name,note\n\"x'\''); DROP TABLE employer; --\",\"'\''; DELETE FROM audit; --\"\n" \
	    >e.csv &&
	ips-employer import e.csv &&
	ips-employer list --search "DROP TABLE" -o json >out.json &&
	jq -e "length == 1 and .[0].name == \"x'\''); DROP TABLE employer; --\"" \
	    out.json
'

test_expect_success 'usage and missing input' '
	test_expect_code 64 ips-employer import --contacts --openings c.csv &&
	test_expect_code 64 ips-employer export --contacts --openings &&
	test_expect_code 64 ips-employer import a.csv b.csv &&
	test_expect_code 64 ips-employer export e1 &&
	test_expect_code 66 ips-employer import nothing.csv &&
	test_expect_code 66 ips-employer -d none.db export &&
	! test -e none.db
'

test_done
