#!/bin/sh
test_description='ips-employer edit: the record as YAML in $EDITOR, written
only once valid, reopened with the error on top, aborted by emptying'
. "$(dirname "$0")/lib.sh"

# A scripted editor: round N saves what it was shown in seen.N (and the
# file's mode and path), then runs step.N on the file if there is one.
cat >editor <<EOF
#!/bin/sh
n=\$((\$(cat "$PWD/round" 2>/dev/null || echo 0) + 1))
echo \$n >"$PWD/round"
cp "\$1" "$PWD/seen.\$n"
stat -c %a "\$1" >"$PWD/mode.\$n"
echo "\$1" >"$PWD/path.\$n"
if test -f "$PWD/step.\$n"; then
	. "$PWD/step.\$n"
fi
EOF
chmod +x editor

fresh() {
	rm -f round seen.* mode.* path.* step.*
}

test_expect_success 'setup' '
	ips staff add ana "Ana Virtanen" &&
	ips-employer -u ana add "Kahvila Kaneli Oy" --business-id 1234567-1 \
	    --sector I --size 8 --area Tampere --note "Omistaja: Liisa" &&
	ips-employer add "Metallityö Virtanen Oy" --business-id 2345678-0 &&
	mkdir tmp
'

test_expect_success 'the editor gets the record as YAML in a private file' '
	fresh &&
	echo "sed -i \"s/^  size: 8\$/  size: 9/\" \"\$1\"" >step.1 &&
	EDITOR=./editor TMPDIR=$PWD/tmp ips-employer -u ana edit e1 &&
	cat >expect <<-\EOF &&
	# Edit employer e1, then save and quit.  Empty the file to abort.
	# A field left out or null is cleared; ref cannot change.
	- ref: e1
	  name: Kahvila Kaneli Oy
	  business_id: "1234567-1"
	  sector: I
	  industry: null
	  size: 8
	  area: Tampere
	  address: null
	  website: null
	  status: prospect
	  owner: ana
	  note: "Omistaja: Liisa"
	EOF
	test_cmp expect seen.1 &&
	echo 600 >expect &&
	test_cmp expect mode.1 &&
	case $(cat path.1) in
	"$PWD"/tmp/*) ;;
	*) false ;;
	esac &&
	! test -e "$(cat path.1)" &&
	test_line_count = 1 round
'

test_expect_success 'the change is written, and audited as edit' '
	test "$(ips-employer show e1 -o json | jq .[0].size)" = 9 &&
	ips log e1 -o tsv -H | cut -f 2- | tail -1 >actual &&
	printf "ana\tips-employer\tedit\te1\tsize\n" >expect &&
	test_cmp expect actual
'

test_expect_success 'VISUAL comes before EDITOR; an editor may have arguments' '
	fresh &&
	VISUAL="sed -i -e s/^..area:.Tampere/\\ \\ area:\\ Nokia/" \
	    EDITOR=false ips-employer edit 1234567-1 &&
	test "$(ips-employer show e1 -o json | jq -r .[0].area)" = Nokia
'

test_expect_success 'several fields at once; a key left out is cleared' '
	fresh &&
	cat >step.1 <<-\EOF &&
	sed -i -e "s/^  industry: null/  industry: Kahvila/" \
	    -e "s/^  sector: I/  sector: i/" -e "/^  note:/d" "$1"
	EOF
	EDITOR=./editor ips-employer edit e1 &&
	ips-employer show e1 -o json >out.json &&
	jq -e ".[0] | .industry == \"Kahvila\" and .sector == \"I\" and
	    .note == null" out.json &&
	ips log e1 -o tsv -H | cut -f 6 | tail -1 >actual &&
	echo "industry,note" >expect &&
	test_cmp expect actual
'

test_expect_success 'an invalid edit comes back with the error on top' '
	fresh &&
	echo "sed -i \"s/^  size: .*/  size: -1/\" \"\$1\"" >step.1 &&
	echo "sed -i \"s/^  size: .*/  size: 12/\" \"\$1\"" >step.2 &&
	test_db_snapshot &&
	EDITOR=./editor ips-employer edit e1 &&
	test_line_count = 1 round &&
	echo 2 >expect &&
	test_cmp expect round &&
	head -n 1 seen.2 >actual &&
	echo "# error: size: -1 out of range 0 to 10000000" >expect &&
	test_cmp expect actual &&
	sed 1d seen.2 >rest &&
	sed "s/^  size: .*/  size: -1/" seen.1 >expect &&
	test_cmp expect rest &&
	test "$(ips-employer show e1 -o json | jq .[0].size)" = 12
'

test_expect_success 'one error line at a time, the newest' '
	fresh &&
	echo "sed -i \"s/^  sector: .*/  sector: Z/\" \"\$1\"" >step.1 &&
	echo "sed -i \"s/^  sector: .*/  sector: CC/\" \"\$1\"" >step.2 &&
	echo "sed -i \"s/^  sector: .*/  sector: Q/\" \"\$1\"" >step.3 &&
	EDITOR=./editor ips-employer edit e1 &&
	grep -c "^# error:" seen.3 >actual &&
	echo 1 >expect &&
	test_cmp expect actual &&
	head -n 1 seen.3 >actual &&
	echo "# error: sector: not a TOL 2008 letter A to U, or X" >expect &&
	test_cmp expect actual &&
	test "$(ips-employer show e1 -o json | jq -r .[0].sector)" = Q
'

test_expect_success 'an emptied file aborts: exit 0, nothing written' '
	fresh &&
	echo ": >\"\$1\"" >step.1 &&
	test_db_snapshot &&
	EDITOR=./editor ips-employer edit e1 2>err &&
	echo "ips-employer: edit aborted: empty file" >expect &&
	test_cmp expect err &&
	test_db_unchanged
'

test_expect_success 'a file with only comments left counts as empty' '
	fresh &&
	echo "sed -i \"/^[^#]/d\" \"\$1\"" >step.1 &&
	test_db_snapshot &&
	EDITOR=./editor ips-employer edit e1 2>err &&
	test_cmp expect err &&
	test_db_unchanged
'

test_expect_success 'an unchanged file writes nothing' '
	fresh &&
	test_db_snapshot &&
	EDITOR=./editor ips-employer edit e1 2>err &&
	echo "ips-employer: e1: nothing changed" >expect &&
	test_cmp expect err &&
	test_db_unchanged &&
	echo "sed -i \"s/^  size: 12/  size: \\\"12\\\"/\" \"\$1\"" >step.1 &&
	EDITOR=./editor ips-employer edit e1 2>err &&
	test_cmp expect err &&
	test_db_unchanged
'

test_expect_success 'an error left as it is ends the edit: 65, nothing written' '
	fresh &&
	echo "sed -i \"s/^  size: .*/  size: lots/\" \"\$1\"" >step.1 &&
	test_db_snapshot &&
	test_expect_code 65 env EDITOR=./editor ips-employer edit e1 2>err &&
	grep "^ips-employer: size: " err &&
	test_line_count = 1 err &&
	echo 2 >expect &&
	test_cmp expect round &&
	test_db_unchanged
'

# editing_refuses STEP MESSAGE: step.1 makes the edit, round 2 empties the
# file; the message came on top, and nothing was written.
editing_refuses() {
	fresh &&
	echo "$1" >step.1 &&
	echo ": >\"\$1\"" >step.2 &&
	test_db_snapshot &&
	EDITOR=./editor ips-employer edit e1 2>err &&
	head -n 1 seen.2 >actual &&
	echo "# error: $2" >expect &&
	test_cmp expect actual &&
	test_db_unchanged
}

test_expect_success 'a required field emptied or left out' '
	editing_refuses "sed -i \"s/^  name: .*/  name: \\\"\\\"/\" \"\$1\"" \
	    "name: empty" &&
	editing_refuses "sed -i \"/^  name:/d\" \"\$1\"" "name: empty" &&
	editing_refuses "sed -i \"/^  status:/d\" \"\$1\"" "status: empty"
'

test_expect_success 'a business id that is invalid or taken' '
	editing_refuses \
	    "sed -i \"s/^  business_id: .*/  business_id: 1234567-2/\" \"\$1\"" \
	    "business_id: not a valid business id NNNNNNN-T (check digit)" &&
	editing_refuses \
	    "sed -i \"s/^  business_id: .*/  business_id: 2345678-0/\" \"\$1\"" \
	    "business_id: 2345678-0 is already e2"
'

# Steps whose quoting is easier outside the tests' own quotes.
cat >bigname.sh <<\EOF
{ sed -n 1,3p "$1"; printf '  name: '; cat big; echo; sed 1,4d "$1"; } \
    >new.yaml && cat new.yaml >"$1"
EOF
cat >ctl.sed <<\EOF
s/^  name: .*/  name: "Kahvila\\x01Oy"/
EOF
cat >nul.sed <<\EOF
s/^  name: .*/  name: "a\\0b"/
EOF
cat >raw.sed <<\EOF
s/^  name: .*/  name: a\x01b/
EOF
printf 's/^  area: .*/  area: \377/\n' >bad.sed

test_expect_success 'a 1 MB name' '
	head -c 1048576 /dev/zero | tr "\\0" x >big &&
	editing_refuses ". ./bigname.sh" "name: longer than 200 characters" &&
	test "$(wc -c <seen.1)" -lt 1000
'

test_expect_success 'control characters, and invalid UTF-8' '
	editing_refuses "sed -i -f ctl.sed \"\$1\"" \
	    "name: control character in text" &&
	editing_refuses "sed -i -f nul.sed \"\$1\"" \
	    "name: control character in text" &&
	editing_refuses "sed -i -f raw.sed \"\$1\"" \
	    "line 4: control characters are not allowed" &&
	editing_refuses "sed -i -f bad.sed \"\$1\"" \
	    "line 9: invalid leading UTF-8 octet"
'

test_expect_success 'ref cannot change; unknown and doubled keys' '
	editing_refuses "sed -i \"s/^- ref: e1/- ref: e2/\" \"\$1\"" \
	    "ref: cannot change (it is e1)" &&
	editing_refuses "echo \"  colour: red\" >>\"\$1\"" \
	    "colour: no such field" &&
	editing_refuses "echo \"  size: 3\" >>\"\$1\"" "size: given twice"
'

test_expect_success 'YAML that is not one record' '
	editing_refuses "echo \"  - x: [\" >>\"\$1\"" \
	    "line 15: did not find expected key" &&
	editing_refuses "echo \"- ref: e2\" >>\"\$1\"" \
	    "one record, please" &&
	editing_refuses "echo just words >\"\$1\"" \
	    "not a record of '\''field: value'\'' lines" &&
	editing_refuses "sed -i \"s/^  size: .*/  size: [1, 2]/\" \"\$1\"" \
	    "size: not a single value"
'

test_expect_success 'an editor that fails: 74, nothing written' '
	test_db_snapshot &&
	test_expect_code 74 env EDITOR=false ips-employer edit e1 2>err &&
	echo "ips-employer: the editor '\''false'\'' failed; nothing written" \
	    >expect &&
	test_cmp expect err &&
	test_expect_code 74 env EDITOR=/nonexistent/editor \
	    ips-employer edit e1 &&
	test_db_unchanged
'

test_expect_success 'an unknown employer, usage, a missing database' '
	test_db_snapshot &&
	test_expect_code 65 env EDITOR=./editor ips-employer edit e99 &&
	test_expect_code 65 env EDITOR=./editor ips-employer edit c1 &&
	test_expect_code 64 env EDITOR=./editor ips-employer edit &&
	test_expect_code 64 env EDITOR=./editor ips-employer edit e1 e2 &&
	test_db_unchanged &&
	test_expect_code 66 env EDITOR=./editor ips-employer -d no.db edit e1 &&
	! test -e no.db
'

test_expect_success 'a temporary folder that is not there: 73' '
	test_db_snapshot &&
	test_expect_code 73 env EDITOR=./editor TMPDIR=$PWD/nowhere \
	    ips-employer edit e1 &&
	test_db_unchanged
'

test_done
