#!/bin/sh
test_description='bash completion: subcommands, options, enumerated values,
file names and handles, for all five tools'
. "$(dirname "$0")/lib.sh"

if ! command -v bash >/dev/null 2>&1; then
	echo "1..0 # SKIP bash is missing"
	exit 0
fi

COMPLETION=$TEST_SOURCE/scripts/completions/ips.bash

# complete_line WORD...: what bash offers for the last word (empty for a
# fresh one), one a line, sorted, into the file "actual".  The words are
# COMP_WORDS as bash splits them, so --format=j is "--format" "=" "j".
# $breaks, when set, replaces COMP_WORDBREAKS; $at, when set, is the
# index of the word to complete.
complete_line() {
	bash --norc --noprofile -c '
		. "$1" || exit 1
		breaks=$2
		at=$3
		shift 3
		# The function registered for the tool named first.
		spec=$(complete -p "${1##*/}") || exit 1
		fn=${spec#*-F }
		fn=${fn%% *}
		COMP_WORDBREAKS=${breaks:-$" \t\n\"\x27@><=;|&(:"}
		COMP_WORDS=("$@")
		COMP_CWORD=${at:-$(($# - 1))}
		COMP_LINE="$*"
		COMP_POINT=${#COMP_LINE}
		COMPREPLY=(unset)
		"$fn" "$1" "${COMP_WORDS[COMP_CWORD]}" \
		    "${COMP_WORDS[COMP_CWORD - 1]}" || exit 1
		for w in "${COMPREPLY[@]}"; do
			printf "%s\n" "$w"
		done
	' complete "$COMPLETION" "${breaks:-}" "${at:-}" "$@" >"$TEST_META/reply" \
	    2>"$TEST_META/cerr" &&
	test_must_be_empty "$TEST_META/cerr" &&
	sort "$TEST_META/reply" >actual
}

# expect WORD...: the file "expect", one word a line, sorted.
expect() {
	printf '%s\n' "$@" | sort >expect
}

test_expect_success 'the file loads and registers all five tools' '
	bash --norc --noprofile -c ". \"\$1\" && complete -p ips ips-client \
	    ips-employer ips-meet ips-report" sh "$COMPLETION" >out &&
	test_line_count = 5 out
'

test_expect_success 'ips: its commands, and the tools behind it' '
	complete_line ips "" &&
	expect init staff check backup info log sql version client \
	    employer meet report &&
	test_cmp expect actual &&
	complete_line ips c &&
	expect check client &&
	test_cmp expect actual
'

test_expect_success 'ips client completes as ips-client' '
	complete_line ips client "" &&
	expect add list show set edit status job import export match erase &&
	test_cmp expect actual &&
	complete_line ips-client "" &&
	test_cmp expect actual &&
	complete_line ips -d x.db -H report f &&
	expect fidelity &&
	test_cmp expect actual
'

test_expect_success 'second-level commands: staff, job, contact, opening' '
	complete_line ips staff "" &&
	expect add list leave &&
	test_cmp expect actual &&
	complete_line ips client job e &&
	expect end &&
	test_cmp expect actual &&
	complete_line ips-employer opening "" &&
	expect add close set &&
	test_cmp expect actual &&
	complete_line ips-employer contact s &&
	expect set &&
	test_cmp expect actual
'

test_expect_success 'the options of a command, with the common ones' '
	complete_line ips-meet due --s &&
	expect --specialist &&
	test_cmp expect actual &&
	complete_line ips-meet due -- &&
	expect --on --specialist --db --as --format --no-header --help \
	    --version &&
	test_cmp expect actual &&
	complete_line ips-client job add c1 --e &&
	expect --employer &&
	test_cmp expect actual &&
	complete_line ips-report weekly --c &&
	expect --check &&
	test_cmp expect actual &&
	complete_line ips-report fidelity --c &&
	test_must_be_empty actual
'

test_expect_success 'add and set: the --FIELD options of lib/fields.c' '
	complete_line ips-client add Aino --ho &&
	expect --hours-wanted &&
	test_cmp expect actual &&
	complete_line ips-client add Aino --st &&
	expect --status &&
	test_cmp expect actual &&
	complete_line ips-client set c1 --st &&
	test_must_be_empty actual &&
	complete_line ips-employer set e1 --b &&
	expect --business-id &&
	test_cmp expect actual
'

test_expect_success '-o and --format: the formats, html and md for reports' '
	complete_line ips-meet list -o "" &&
	expect table tsv csv json jsonl yaml id &&
	test_cmp expect actual &&
	complete_line ips-report weekly --format "" &&
	expect table tsv csv json jsonl yaml id html md &&
	test_cmp expect actual &&
	complete_line ips -o j &&
	expect json jsonl &&
	test_cmp expect actual
'

test_expect_success '--format=VALUE, split at = or not' '
	complete_line ips-client list --format = j &&
	expect json jsonl &&
	test_cmp expect actual &&
	complete_line ips-client list --format = &&
	expect table tsv csv json jsonl yaml id &&
	test_cmp expect actual &&
	breaks=" " &&
	test_when_finished "breaks=" &&
	complete_line ips-client list --format=y &&
	expect --format=yaml &&
	test_cmp expect actual
'

test_expect_success 'the values of the enumerated options' '
	complete_line ips-meet add --how "" &&
	expect in-person phone video email message &&
	test_cmp expect actual &&
	complete_line ips-meet add --how p --where w &&
	expect workplace &&
	test_cmp expect actual &&
	complete_line ips-meet set m1 --purpose "" &&
	expect intro needs client support other &&
	test_cmp expect actual &&
	complete_line ips-meet add --outcome h &&
	expect hired &&
	test_cmp expect actual &&
	complete_line ips-client set c1 --disclosure "" &&
	expect yes no undecided &&
	test_cmp expect actual &&
	complete_line ips-employer list --sector "" &&
	expect A B C D E F G H I J K L M N O P Q R S T U X &&
	test_cmp expect actual &&
	complete_line ips-employer opening add e1 T --hidden "" &&
	expect yes no &&
	test_cmp expect actual
'

test_expect_success '--status: a client status or an employer status' '
	complete_line ips-client list --status "" &&
	expect referred active working paused closed &&
	test_cmp expect actual &&
	complete_line ips-employer add X --status p &&
	expect prospect partner &&
	test_cmp expect actual &&
	complete_line ips-client status c1 w &&
	expect working &&
	test_cmp expect actual &&
	complete_line ips-client status "" &&
	test_must_be_empty actual
'

test_expect_success '--week and the other periods: this, last, next' '
	complete_line ips-report weekly --week "" &&
	expect this last next &&
	test_cmp expect actual &&
	complete_line ips-meet list --month l &&
	expect last &&
	test_cmp expect actual
'

test_expect_success 'an option value is no operand: ips-client status' '
	complete_line ips-client status --on 2026-11-01 c1 a &&
	expect active &&
	test_cmp expect actual
'

test_expect_success 'file names for -d, --db, import and backup' '
	mkdir dir &&
	: >dir/team.db &&
	: >dir/team.csv &&
	: >dir/other &&
	complete_line ips -d dir/t &&
	expect dir/team.db dir/team.csv &&
	test_cmp expect actual &&
	complete_line ips-meet list --db = dir/o &&
	expect dir/other &&
	test_cmp expect actual &&
	complete_line ips-meet import -n dir/team.c &&
	expect dir/team.csv &&
	test_cmp expect actual &&
	complete_line ips backup -f dir/team.d &&
	expect dir/team.db &&
	test_cmp expect actual &&
	complete_line ips-client import -f "" &&
	expect csv tsv json jsonl yaml &&
	test_cmp expect actual
'

test_expect_success 'handles: none and no noise without a database' '
	complete_line ips-meet list --specialist "" &&
	test_must_be_empty actual &&
	test ! -e "$IPS_DB"
'

test_expect_success 'handles: none without the tools on PATH' '
	ips init >/dev/null &&
	ips staff add ana Ana >/dev/null &&
	saved_path=$PATH &&
	test_when_finished "PATH=\$saved_path" &&
	PATH=/usr/bin:/bin &&
	complete_line ips-meet add --specialist "" &&
	test_must_be_empty actual
'

test_expect_success 'handles: -u, --specialist, --owner, --found-by' '
	ips staff add aino Aino >/dev/null &&
	ips staff add minh Minh >/dev/null &&
	complete_line ips-meet add --specialist "" &&
	expect ana aino minh &&
	test_cmp expect actual &&
	complete_line ips -u a &&
	expect ana aino &&
	test_cmp expect actual &&
	complete_line ips-employer list --owner m &&
	expect minh &&
	test_cmp expect actual &&
	complete_line ips employer opening add e1 T --found-by ai &&
	expect aino &&
	test_cmp expect actual &&
	complete_line ips-report weekly --specialist = a &&
	expect ana aino &&
	test_cmp expect actual
'

test_expect_success 'handles: from the database named on the line' '
	ips -d other.db init >/dev/null &&
	ips -d other.db staff add sini Sini >/dev/null &&
	complete_line ips-meet -d other.db list --specialist "" &&
	expect sini &&
	test_cmp expect actual &&
	at=3 &&
	test_when_finished "at=" &&
	complete_line ips-meet list --specialist "" --db=other.db &&
	test_cmp expect actual &&
	complete_line ips-meet list --specialist "" -d other.db &&
	test_cmp expect actual &&
	complete_line ips-meet list --specialist "" --db = other.db &&
	test_cmp expect actual
'

test_expect_success 'only the handles run a tool' '
	mkdir bin &&
	printf "#!/bin/sh\n: >\"%s/ran\"\n" "$PWD" >bin/ips &&
	chmod +x bin/ips &&
	for t in ips-client ips-employer ips-meet ips-report; do
		cp bin/ips bin/$t || return 1
	done &&
	saved_path=$PATH &&
	test_when_finished "PATH=\$saved_path" &&
	PATH=$PWD/bin:$PATH &&
	complete_line ips "" &&
	complete_line ips-meet add --how "" &&
	complete_line ips-client list --status "" &&
	complete_line ips-report weekly -o "" &&
	complete_line ips-employer import -f "" &&
	test ! -e ran &&
	complete_line ips-meet add --specialist "" &&
	test -e ran
'

test_done
