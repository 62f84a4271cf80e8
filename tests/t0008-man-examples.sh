#!/bin/sh
test_description='the EXAMPLES of the man pages run as written and print
what the pages show: every "$ command" line of ips(1), ips-client(1),
ips-employer(1), ips-meet(1) and ips(7), in the setting each page
describes, on 23 November 2026'
. "$(dirname "$0")/lib.sh"

man=$TEST_SOURCE/man

if command -v sqlite3 >/dev/null 2>&1 && command -v jq >/dev/null 2>&1
then
	test_set_prereq SQLITE3_JQ
fi

# examples [-p] PAGE: the "$ " commands of the EXAMPLES of PAGE as a
# script of ex_run calls, each with the output the page shows after it (a
# bare "$" after a command: it prints nothing).  With -p, the page shows
# commands without a prompt or output: every line is one, but crontab
# lines and their variables.  Only the escapes the pages use are undone.
examples() {
	ex_bare_=0
	if test "$1" = -p; then
		ex_bare_=1
		shift
	fi
	awk '/^\.SH / { on = $2 == "EXAMPLES"; next } on' "$1" |
	sed -e 's/\\-/-/g' -e 's/\\e/\\/g' -e "s/\\\\(aq/'/g" \
	    -e 's/\\\[:a\]/ä/g' -e 's/\\\[:o\]/ö/g' -e 's/\\(:o/ö/g' \
	    -e 's/\\&//g' |
	awk -v bare="$ex_bare_" '
	function flush() {
		if (cmd == "")
			return
		gsub(/\047/, "\047\\\047\047", cmd)
		printf "ex_run %s\047%s\047 <<\\EXPECT || return 1\n%sEXPECT\n",
		    empty ? "-n " : "", cmd, out
		cmd = out = ""
		empty = 0
	}
	# A command goes on after a \ or a | at the end of a line, and
	# while a double quote is open.
	function goes_on(s, t) {
		t = s
		gsub(/\\"/, "", t)
		return s ~ /[\\|]$/ || gsub(/"/, "", t) % 2
	}
	/^\.(EX|nf)$/ { block = 1; next }
	/^\.(EE|fi)$/ { flush(); block = 0; next }
	!block { next }
	cont { cmd = cmd "\n" $0; cont = goes_on(cmd); next }
	bare && /^[A-Z_]+=|^[0-9*]+ / { next }
	bare { flush(); cmd = $0; cont = goes_on(cmd); next }
	/^\$$/ { empty = 1; next }
	/^\$ / { flush(); cmd = substr($0, 3); cont = goes_on(cmd); next }
	cmd != "" { out = out $0 "\n" }
	'
}

# ex_run [-n] COMMAND <expected: runs COMMAND here (an export holds for
# the next), its output and errors together.  With -n it must print
# nothing; with output shown, it must print that; else it must succeed.
# Pseudonyms differ from one database to another, and "..." ends a line
# the page cut short.
ex_run() {
	ex_empty_=
	if test "$1" = -n; then
		ex_empty_=1
		shift
	fi
	cat >expect
	printf '$ %s\n' "$1" >>session
	eval "$1" >actual 2>&1 </dev/null
	ex_status_=$?
	cat actual >>session
	if test -n "$ex_empty_"; then
		test_must_be_empty actual
	elif test -s expect; then
		sed -e 's/[NPE][0-9a-f]\{12\}/PSEUDONYM/g' expect >expect.p &&
		sed -e 's/[NPE][0-9a-f]\{12\}/PSEUDONYM/g' actual >actual.p &&
		awk '
		NR == FNR { want[FNR] = $0; n = FNR; next }
		{
			w = want[FNR]
			if (w ~ /\.\.\.$/) {
				w = substr(w, 1, length(w) - 3)
				$0 = substr($0, 1, length(w))
			}
			if ($0 != w)
				bad = 1
			m = FNR
		}
		END { exit bad || m != n }
		' expect.p actual.p || {
			echo "output of: $1" >&4
			diff -u expect actual >&4
			return 1
		}
	elif test "$ex_status_" != 0; then
		echo "exit $ex_status_: $1" >&4
		cat actual >&4
		return 1
	fi
}

test_expect_success 'ips.1: start a database, read it' '
	mkdir ips && cd ips &&
	ips init >/dev/null &&
	cp "$IPS_DB" north.db &&
	rm -f "$IPS_DB" &&
	unset IPS_DB &&
	examples "$man/man1/ips.1" |
	    sed -e "s#/home/ana#$HOME#" -e "s#/srv/ips/north.db#$PWD/north.db#" \
	    >script &&
	test_line_count -gt 8 script &&
	. ./script
'

test_expect_success 'ips-client.1: the sessions of sini and juha' '
	mkdir client && cd client &&
	export IPS_DB="$PWD/client.db" &&
	ips staff add sini "Sini Karhinen" &&
	ips staff add juha "Juha Laine" &&
	ips-employer -u sini add "Kespro Oy" --area Vantaa >/dev/null &&
	ips-employer -u sini opening add e1 "Varastotyöntekijä" \
	    --job-type warehouse --hours 30 --found 2026-09-20 >/dev/null &&
	examples "$man/man1/ips-client.1" >script &&
	test_line_count -gt 20 script &&
	export EDITOR=true &&
	. ./script
'

test_expect_success 'ips-employer.1: ana'\''s register' '
	mkdir employer && cd employer &&
	export IPS_DB="$PWD/employer.db" &&
	unset IPS_USER &&
	ips staff add ana "Ana Virtanen" &&
	ips-employer -u ana add "Kahvila Kaneli Oy" --sector I \
	    --area Tampere >/dev/null &&
	ips-meet -u ana add --employer e1 --on 2026-08-20 >/dev/null &&
	examples "$man/man1/ips-employer.1" >script &&
	test_line_count -gt 20 script &&
	. ./script
'

test_expect_success 'ips-meet.1: sini'\''s week' '
	mkdir meet && cd meet &&
	export IPS_DB="$PWD/meet.db" &&
	unset IPS_USER &&
	ips staff add sini "Sini Karhinen" &&
	ips-employer -u sini add "Kahvila Kaneli Oy" --sector I >/dev/null &&
	ips-employer -u sini add "Leipomo Virtanen" --sector C >/dev/null &&
	ips-employer -u sini add "Metallityö Laine Oy" --sector C \
	    --business-id 1234567-1 --size 10 >/dev/null &&
	ips-employer -u sini contact add e3 "Kari Laine" >/dev/null &&
	ips-client -u sini add "Ville Korhonen" --enrolled 2026-10-01 \
	    >/dev/null &&
	ips-client status c1 active --on 2026-10-05 &&
	examples "$man/man1/ips-meet.1" >script &&
	test_line_count -gt 30 script &&
	. ./script
'

test_expect_success 'ips-report.1: the reports of the demo team' '
	mkdir report && cd report &&
	export IPS_DB="$PWD/demo.db" &&
	DEMO_DB=$IPS_DB IPS_CONFIG=/dev/null "$TEST_SOURCE/scripts/demo" \
	    >/dev/null 2>&1 &&
	examples -p "$man/man1/ips-report.1" >script &&
	test_line_count -gt 10 script &&
	. ./script &&
	grep "^<!doctype html>" fidelity-2026-Q3.html
'

# Each side on its own, so that neither exit status is lost in the pipe;
# the demo team has something for each of them to find.
test_expect_success 'ips.7: the pipelines of PIPING work on the demo team' '
	cd report &&
	export IPS_DB="$PWD/demo.db" &&
	awk "/^\\.SH / { on = \$2 == \"PIPING\"; next }
	    on && /^\\.nf/ { b = 1; next } on && /^\\.fi/ { b = 0 }
	    on && b" "$man/man7/ips.7" | sed "s/\\\\-/-/g" >pipelines &&
	test_line_count = 4 pipelines &&
	while IFS="|" read -r left right
	do
		eval "$left" >left.out </dev/null &&
		test -s left.out &&
		eval "$right" <left.out >right.out &&
		test -s right.out || { echo "failed: $left | $right"; return 1; }
	done <pipelines
'

# The example files begin with a comment that names them.
test_expect_success 'ips-config.5: the example files are valid' '
	mkdir config && cd config &&
	awk "/^\\.SH / { on = \$2 == \"EXAMPLES\"; next }
	    on && /^\\.EX/ { n = ++k; next } on && /^\\.EE/ { n = 0 }
	    on && n { print > (\"file\" n) }" "$man/man5/ips-config.5" &&
	for f in file*
	do
		head -n 1 "$f" | grep "^# .*config\.yaml\$" >/dev/null ||
		continue
		sed -e "s/\\\\-/-/g" -e "s/\\\\(ti/~/g" "$f" >config.yaml &&
		IPS_CONFIG=$PWD/config.yaml ips info >/dev/null &&
		echo "$f" >>valid || return 1
	done &&
	test_line_count = 2 valid
'

# The sqlite3 example reads the default database.
test_expect_success SQLITE3_JQ 'ips.7: the queries run on the schema' '
	unset IPS_DB &&
	ips init >/dev/null &&
	examples "$man/man7/ips.7" >script &&
	test_line_count -gt 8 script &&
	. ./script
'

test_done
