#!/bin/sh
test_description='ips-client edit: the client as YAML in $EDITOR, reopened
with the error on top until valid, an emptied file aborts, nothing is
written before the record is valid'
. "$(dirname "$0")/lib.sh"

tab=$(printf '\t')
IPS_USER=ana
export IPS_USER

# Editors are small sh scripts.  editor NAME BODY writes one; $1 is the
# file to edit, and calls counts how often it ran.
editor() {
	{
		echo "#!/bin/sh"
		echo "echo x >>\"$TEST_SCRATCH/calls\""
		cat
	} >"$TEST_SCRATCH/$1" &&
	chmod +x "$TEST_SCRATCH/$1"
}

calls() {
	if test -f "$TEST_SCRATCH/calls"; then
		wc -l <"$TEST_SCRATCH/calls" | tr -d " "
	else
		echo 0
	fi
}

test_expect_success 'setup' '
	ips staff add ana "Ana Virtanen" &&
	ips staff add bo "Bo Lindqvist" &&
	ips-client add "Aino Kärkkäinen" --area Espoo --enrolled 2026-09-01 \
	    --phone "040 123 4567" --job-types warehouse,cleaning \
	    --hours-wanted 20 >/dev/null &&
	ips-client add "Minh Nguyễn" --area Vantaa --enrolled 2026-10-01 \
	    >/dev/null
'

test_expect_success 'the editor gets the record as YAML in a private file' '
	editor show <<-EOF &&
	cp "\$1" "$TEST_SCRATCH/shown"
	stat -c %a "\$1" >"$TEST_SCRATCH/mode"
	EOF
	test_db_snapshot &&
	EDITOR=$TEST_SCRATCH/show ips-client edit c1 2>err &&
	test_db_unchanged &&
	echo 600 >expect &&
	test_cmp expect mode &&
	cat >expect <<-\EOF &&
	# Edit client c1, then save and quit.  Empty the file to abort.
	# A field left out or null is cleared; ref cannot change.
	- ref: c1
	  name: Aino Kärkkäinen
	  specialist: ana
	  enrolled: "2026-09-01"
	  status: referred
	  phone: "040 123 4567"
	  email: null
	  area: Espoo
	  goal: null
	  job_types: [warehouse, cleaning]
	  hours_wanted: 20.0
	  education: null
	  experience: null
	  interests: null
	  disclosure: null
	  benefits_planning: null
	  note: null
	  erased: null
	EOF
	test_cmp expect shown &&
	echo "ips-client: nothing changed" >expect &&
	test_cmp expect err
'

test_expect_success 'the temporary file is gone afterwards' '
	mkdir tmp &&
	TMPDIR=$PWD/tmp EDITOR=$TEST_SCRATCH/show ips-client edit c1 2>err &&
	ls tmp >left &&
	test_must_be_empty left
'

test_expect_success 'a valid edit writes the fields that changed' '
	editor fix <<-\EOF &&
	sed -i -e "s/^  area: Espoo/  area: Kauniainen/" \
	    -e "s/^  goal: null/  goal: \"Varastotyö, 20 h\"/" \
	    -e "s/^  job_types: .*/  job_types:\n    - warehouse\n    - forklift/" \
	    -e "s/^  phone: .*/  phone: null/" "$1"
	EOF
	EDITOR=$TEST_SCRATCH/fix ips-client edit c1 &&
	ips-client export -H -o tsv >out &&
	grep "^c1${tab}Aino Kärkkäinen${tab}ana${tab}2026-09-01${tab}referred${tab}${tab}${tab}Kauniainen${tab}Varastotyö, 20 h${tab}warehouse,forklift${tab}20.0${tab}" out &&
	ips log -o tsv c1 >log &&
	tail -n 1 log | cut -f 4,6 >actual &&
	echo "edit${tab}phone,area,goal,job_types" >expect &&
	test_cmp expect actual
'

test_expect_success 'VISUAL comes before EDITOR' '
	editor visual <<-\EOF &&
	sed -i "s/^  area: .*/  area: Espoo/" "$1"
	EOF
	editor wrong <<-\EOF &&
	exit 1
	EOF
	VISUAL=$TEST_SCRATCH/visual EDITOR=$TEST_SCRATCH/wrong \
	    ips-client edit c1 &&
	ips-client list -H -o tsv c1 >out &&
	cut -f 6 out >actual &&
	echo Espoo >expect &&
	test_cmp expect actual
'

test_expect_success 'an invalid edit reopens the editor with the error on top' '
	rm -f calls &&
	editor twice <<-EOF &&
	if test \$(wc -l <"$TEST_SCRATCH/calls") = 1
	then
		sed -i "s/^  hours_wanted: .*/  hours_wanted: 500/" "\$1"
	else
		cp "\$1" "$TEST_SCRATCH/second"
		sed -i "s/^  hours_wanted: .*/  hours_wanted: 25/" "\$1"
	fi
	EOF
	EDITOR=$TEST_SCRATCH/twice ips-client edit c1 &&
	test "$(calls)" = 2 &&
	head -n 1 second >actual &&
	echo "# error: hours_wanted: 500 out of range 1 to 80" >expect &&
	test_cmp expect actual &&
	grep "^  hours_wanted: 500\$" second &&
	ips-client list -H -o tsv c1 >out &&
	cut -f 8 out >actual &&
	echo 25.0 >expect &&
	test_cmp expect actual
'

test_expect_success 'nothing is written while the record is invalid' '
	rm -f calls &&
	editor bad_then_empty <<-EOF &&
	if test \$(wc -l <"$TEST_SCRATCH/calls") = 1
	then
		sed -i -e "s/^  area: .*/  area: Helsinki/" \
		    -e "s/^  enrolled: .*/  enrolled: 2026-02-30/" "\$1"
	else
		head -n 1 "\$1" >"$TEST_SCRATCH/second"
		: >"\$1"
	fi
	EOF
	test_db_snapshot &&
	EDITOR=$TEST_SCRATCH/bad_then_empty ips-client edit c1 2>err &&
	test_db_unchanged &&
	echo "ips-client: edit aborted: empty file" >expect &&
	test_cmp expect err &&
	grep "^# error: enrolled: invalid date .2026-02-30.\$" second
'

test_expect_success 'a file of comments only aborts too' '
	editor comments <<-\EOF &&
	printf "# nothing\n\n" >"$1"
	EOF
	test_db_snapshot &&
	EDITOR=$TEST_SCRATCH/comments ips-client edit c1 2>err &&
	test_db_unchanged &&
	grep "aborted" err
'

# refuse_edit: an editor that runs the script "change" on its first call,
# and on the second keeps the error line on top and empties the file.
refuse_edit() {
	rm -f calls error &&
	editor once <<-EOF &&
	if test \$(wc -l <"$TEST_SCRATCH/calls") = 1
	then
		sh "$TEST_SCRATCH/change" "\$1"
	else
		head -n 1 "\$1" >"$TEST_SCRATCH/error"
		: >"\$1"
	fi
	EOF
	test_db_snapshot &&
	EDITOR=$TEST_SCRATCH/once ips-client edit c1 2>err &&
	test_db_unchanged &&
	test "$(calls)" = 2
}

test_expect_success 'the status is not edited here' '
	cat >change <<-\EOF &&
	sed -i "s/^  status: .*/  status: active/" "$1"
	EOF
	refuse_edit &&
	grep "^# error: status: cannot be changed here" error
'

test_expect_success 'nor the reference' '
	cat >change <<-\EOF &&
	sed -i "s/^- ref: c1/- ref: c2/" "$1"
	EOF
	refuse_edit &&
	grep "^# error: ref: cannot change" error
'

test_expect_success 'an empty name, an unknown field, an enum value' '
	cat >change <<-\EOF &&
	sed -i "s/^  name: .*/  name: \"\"/" "$1"
	EOF
	refuse_edit &&
	grep "^# error: name: empty" error &&
	cat >change <<-\EOF &&
	echo "  shoe_size: 42" >>"$1"
	EOF
	refuse_edit &&
	grep "^# error: shoe_size: no such field" error &&
	cat >change <<-\EOF &&
	sed -i "s/^  disclosure: .*/  disclosure: maybe/" "$1"
	EOF
	refuse_edit &&
	grep "^# error: disclosure: .maybe. not one of yes, no, undecided" error
'

test_expect_success 'a file that is not YAML' '
	cat >change <<-\EOF &&
	printf "%s\n" "- ref: c1" "  name: [unclosed" >"$1"
	EOF
	refuse_edit &&
	grep "^# error: line " error
'

test_expect_success 'a 1 MB name is refused and not echoed' '
	cat >change <<-\EOF &&
	grep -v "^  name:" "$1" >"$1.rest"
	{
		cat "$1.rest"
		printf "  name: "
		head -c 1048576 /dev/zero | tr "\0" a
		echo
	} >"$1"
	rm -f "$1.rest"
	EOF
	refuse_edit &&
	grep "^# error: name: longer than 200 characters\$" error
'

test_expect_success 'control characters and bad UTF-8 in a name' '
	cat >change <<-\EOF &&
	sed -i "s/^  name: .*/  name: \"Aino\\\\tK\"/" "$1"
	EOF
	refuse_edit &&
	grep "^# error: name: control character" error &&
	cat >change <<-\EOF &&
	sed -i "s/^  name: .*/  name: \"Aino\\\\e[2J\"/" "$1"
	EOF
	refuse_edit &&
	grep "^# error: name: control character" error &&
	cat >change <<-\EOF &&
	sed -i "s/^  name: .*/  name: Aino $(printf "\377")/" "$1"
	EOF
	refuse_edit &&
	grep "^# error: line 4: invalid" error
'

test_expect_success 'a new enrolment day takes the first history entry along' '
	editor enrol <<-\EOF &&
	sed -i "s/^  enrolled: .*/  enrolled: 2026-08-15/" "$1"
	EOF
	EDITOR=$TEST_SCRATCH/enrol ips-client edit c1 &&
	ips-client status c1 -H -o tsv >out &&
	echo "c1${tab}2026-08-15${tab}referred${tab}" >expect &&
	test_cmp expect out
'

test_expect_success 'an editor that fails writes nothing (74)' '
	test_db_snapshot &&
	EDITOR=$TEST_SCRATCH/wrong test_expect_code 74 ips-client edit c1 \
	    2>err &&
	test_db_unchanged &&
	grep "editor" err
'

test_expect_success 'an erased client is not edited; the editor never opens' '
	ips-client erase c2 --yes &&
	rm -f calls &&
	test_db_snapshot &&
	EDITOR=$TEST_SCRATCH/fix test_expect_code 65 ips-client edit c2 \
	    2>err &&
	test_db_unchanged &&
	echo "ips-client: c2: erased" >expect &&
	test_cmp expect err &&
	test "$(calls)" = 0
'

test_expect_success 'bad references and usage' '
	test_expect_code 65 ips-client edit c99 2>err &&
	grep c99 err &&
	test_expect_code 65 ips-client edit e1 2>err &&
	test_expect_code 64 ips-client edit 2>err &&
	test_expect_code 64 ips-client edit c1 c2 2>err &&
	test_expect_code 66 ips-client -d none.db edit c1 2>err &&
	test ! -e none.db
'

test_done
