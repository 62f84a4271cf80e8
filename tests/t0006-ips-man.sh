#!/bin/sh
test_description='the man pages render cleanly and agree with the tools:
every SYNOPSIS is the usage TOOL -h prints; every option a tool accepts,
every exit status, variable and file is documented; the pages name each
other; crontab lines say where the tools are; ips.7 describes the schema'
. "$(dirname "$0")/lib.sh"

if command -v groff >/dev/null 2>&1; then
	test_set_prereq GROFF
fi
if command -v mandoc >/dev/null 2>&1; then
	test_set_prereq MANDOC
fi

man=$TEST_SOURCE/man
tools='ips ips-client ips-employer ips-meet ips-report'
pages='man1/ips.1 man1/ips-client.1 man1/ips-employer.1 man1/ips-meet.1
man1/ips-report.1 man5/ips-config.5 man7/ips.7'

# section NAME FILE: the lines of section NAME, up to the next .SH.
section() {
	awk -v name="$1" '
	/^\.SH / {
		s = substr($0, 5)
		gsub(/"/, "", s)
		on = s == name
		next
	}
	on' "$2"
}

# plain FILE: the page without font changes and with \- as -, so that
# options read as typed: \fB\-\-job\-types\fR is --job-types.
plain() {
	sed -e 's/\\f[BIRP]//g' -e 's/\\f(CR//g' -e 's/\\-/-/g' \
	    -e 's/\\&//g' "$1"
}

# synopsis FILE: every line between .nf and .fi of the SYNOPSIS, without
# fonts, escapes and indent.
synopsis() {
	section SYNOPSIS "$1" | sed -n '/^\.nf/,/^\.fi/p' |
	    sed -e '/^\.nf/d' -e '/^\.fi/d' -e 's/\\f[BIRP]//g' \
		-e 's/\\-/-/g' -e 's/\\&//g' -e 's/^ *//'
}

# options_of TOOL: the long options it accepts: those of its getopt
# tables in cmd/, the common ones, and the groups of lib/cli.c it asks
# for.
options_of() {
	opt_src_=$TEST_SOURCE/cmd/$1.c
	sed -n 's/.*{ "\([a-z][a-z-]*\)", *[a-z]*_argument.*/\1/p' \
	    "$opt_src_" &&
	printf '%s\n' db as format no-header help version &&
	if grep IPS_OPT_PERIOD "$opt_src_" >/dev/null; then
		printf '%s\n' week month quarter year from to since
	fi &&
	if grep IPS_OPT_PSEUDO "$opt_src_" >/dev/null; then
		echo pseudonymize
	fi &&
	if grep IPS_OPT_DRYRUN "$opt_src_" >/dev/null; then
		echo dry-run
	fi &&
	if grep IPS_OPT_FORCE "$opt_src_" >/dev/null; then
		echo force
	fi &&
	if grep IPS_OPT_YES "$opt_src_" >/dev/null; then
		echo yes
	fi
}

# fields_of TOOL: the fields of the kinds of lib/fields.c it names that
# are options of add or set (not those that are neither: erased, end).
fields_of() {
	for kind_ in $(grep -o 'ips_kind_[a-z]*' "$TEST_SOURCE/cmd/$1.c" |
	    sort -u | sed 's/ips_kind_//')
	do
		sed -n "/^static const struct ips_field ${kind_}_fields/,/^};/p" \
		    "$TEST_SOURCE/lib/fields.c" | grep -v 'NOSET | NOADD' |
		    sed -n 's/^	{ "\([a-z_]*\)",.*/\1/p' || return 1
	done
}

# bold WORD FILE: WORD is set in bold on a line of its own (.B, .BR) or
# within one (\fBWORD\fR), as a paragraph tag names what it describes.
bold() {
	grep -e "^\\.BR* \\(.* \\)*\"*$1\"*\\( \\|\$\\)" \
	    -e "\\\\fB\"*$1\"*\\\\f[RP]" "$2" >/dev/null
}

test_expect_success 'the pages are the seven of the toolkit' '
	(cd "$man" && ls man[1-9]/*.[1-9]) | sort >found &&
	for p in $pages; do echo "$p"; done | sort >want &&
	test_cmp want found
'

for page in $pages
do
	test_expect_success GROFF "$page renders without a warning (groff)" '
		groff -man -ww -z "$man/$page" >out 2>&1 &&
		test_must_be_empty out
	'
	test_expect_success MANDOC "$page passes mandoc -Tlint" '
		mandoc -Tlint "$man/$page" >out 2>&1 &&
		test_must_be_empty out
	'
done

# All of it, common options too; the same for --help.
for tool in $tools
do
	test_expect_success "the SYNOPSIS of $tool.1 is the usage $tool -h prints" '
		$tool -h >out &&
		sed -e "s/^usage: //" -e "s/^ *//" out >usage &&
		synopsis "$man/man1/$tool.1" >synopsis &&
		test_cmp usage synopsis &&
		$tool --help >out2 &&
		test_cmp out out2
	'
done

for tool in $tools
do
	test_expect_success "every option $tool accepts is in $tool.1" '
		options_of $tool | sort -u >options &&
		test_line_count -gt 6 options &&
		plain "$man/man1/$tool.1" >page &&
		while read -r o
		do
			grep -e "--$o\\([^a-z-]\\|\$\\)" page >/dev/null ||
			{ echo "--$o is not described"; return 1; }
		done <options &&
		for o in -d -u -o -H -h
		do
			grep -e " $o\\([^a-zA-Z-]\\|\$\\)" page >/dev/null ||
			{ echo "$o is not described"; return 1; }
		done
	'
done

# A --FIELD option is described as its field, job-types as job_types, as
# the pages say once.
for tool in ips-client ips-employer ips-meet
do
	test_expect_success "every --FIELD option of $tool is a field in $tool.1" '
		fields_of $tool | sort -u >fields &&
		test_line_count -gt 8 fields &&
		while read -r f
		do
			bold "$f" "$man/man1/$tool.1" ||
			{ echo "field $f is not described"; return 1; }
		done <fields
	'
done

# Every tool can fail in the ways all of them share; ips check and the
# reports' --check also exit 1; the reports never write, so never 73.
for tool in $tools
do
	case $tool in
	ips)		codes='0 1 64 65 66 73 74 75 78' ;;
	ips-report)	codes='0 1 64 65 66 74 75 78' ;;
	*)		codes='0 64 65 66 73 74 75 78' ;;
	esac
	test_expect_success "EXIT STATUS of $tool.1 is $codes" '
		section "EXIT STATUS" "$man/man1/$tool.1" |
		    sed -n "s/^\\.B \\([0-9][0-9]*\\)\$/\\1/p" >have &&
		for c in $codes; do echo "$c"; done >want &&
		test_cmp want have
	'
done

for tool in $tools
do
	test_expect_success "ENVIRONMENT and FILES of $tool.1 are complete" '
		section ENVIRONMENT "$man/man1/$tool.1" >env &&
		vars="IPS_DB IPS_USER IPS_CONFIG IPS_TODAY IPS_BUSY_TIMEOUT" &&
		vars="$vars XDG_DATA_HOME XDG_CONFIG_HOME NO_COLOR" &&
		if grep "\"edit\"" "$TEST_SOURCE/cmd/$tool.c" >/dev/null
		then
			vars="$vars VISUAL EDITOR TMPDIR"
		fi &&
		for v in $vars
		do
			bold "$v" env || { echo "no $v"; return 1; }
		done &&
		section FILES "$man/man1/$tool.1" >files &&
		grep -Fx ".I \$XDG_DATA_HOME/ips/ips.db" files &&
		grep -Fx ".I ~/.local/share/ips/ips.db" files &&
		grep -Fx ".I \$XDG_CONFIG_HOME/ips/config.yaml" files &&
		grep -Fx ".I ~/.config/ips/config.yaml" files &&
		grep "^\\.IR* /etc/ips/config\\.yaml" files
	'
done

test_expect_success 'ips-config.5 names every variable the tools read' '
	grep -o "env[a-z_]*(\"[A-Z_]*\")" "$TEST_SOURCE/lib/config.c" |
	    sed "s/.*(\"\\(.*\\)\")/\\1/" | sort -u >vars &&
	test_line_count -gt 9 vars &&
	section ENVIRONMENT "$man/man5/ips-config.5" >env &&
	while read -r v
	do
		bold "$v" env || { echo "no $v"; return 1; }
	done <vars
'

for page in $pages
do
	test_expect_success "SEE ALSO of $page names every other page" '
		section "SEE ALSO" "$man/$page" >see &&
		for other in $pages
		do
			test "$other" = "$page" && continue
			n=${other##*/} &&
			ref=$(echo "${n%.*} (${n##*.})" | sed "s/-/\\\\-/g") &&
			grep -F ".BR $ref" see >/dev/null ||
			{ echo "no $ref"; return 1; }
		done
	'
done

# A crontab line runs with cron's PATH, /usr/bin:/bin: its block must set
# PATH to where make install puts the tools, or the line name its
# command in full; and a % must be written \% there.
test_expect_success 'every crontab line of the examples can run from cron' '
	field="[0-9*][-0-9*,/\\\\]*" &&
	for page in $pages
	do
		section EXAMPLES "$man/$page" >ex &&
		grep "^$field $field $field $field $field " ex >cron ||
		continue
		while read -r line
		do
			case $line in
			*[!e]%*)
				echo "$page: a bare % in: $line"
				return 1
				;;
			esac
			grep "^PATH=/usr/local/bin:" ex >/dev/null ||
			echo "$line" | awk "{ exit \$6 !~ /^\\// }" ||
			{ echo "$page: no PATH for: $line"; return 1; }
		done <cron || return 1
	done
'

test_expect_success 'every command of ips has a paragraph in ips.1' '
	for cmd in init "staff add" "staff list" "staff leave" check backup \
	    info log sql version
	do
		grep "^\\\\fB$cmd\\\\fR\\|^\\.B $cmd\$" \
		    "$man/man1/ips.1" >/dev/null ||
		{ echo "no paragraph for $cmd"; return 1; }
	done
'

test_expect_success 'ips.7 names every table and column of the schema' '
	sed -n "s/^CREATE TABLE \\([a-z_]*\\).*/\\1/p" \
	    "$TEST_SOURCE/lib/schema.sql" >tables &&
	test_line_count -gt 5 tables &&
	while read -r t
	do
		grep "^\\.SS $t\$" "$man/man7/ips.7" >/dev/null ||
		{ echo "no section for table $t"; return 1; }
	done <tables &&
	sed -n "s/^	\\([a-z_]*\\)	.*/\\1/p" "$TEST_SOURCE/lib/schema.sql" |
	    sort -u | grep -v "^id\$" >columns &&
	test_line_count -gt 50 columns &&
	while read -r c
	do
		bold "$c" "$man/man7/ips.7" ||
		{ echo "column $c is not described"; return 1; }
	done <columns
'

test_expect_success 'ips.7 names every index of the schema' '
	sed -n "s/^CREATE INDEX \\([a-z_]*\\) .*/\\1/p" \
	    "$TEST_SOURCE/lib/schema.sql" >indexes &&
	test_line_count -gt 10 indexes &&
	section "DATA MODEL" "$man/man7/ips.7" >model &&
	while read -r i
	do
		bold "$i" model || { echo "index $i is not described"; return 1; }
	done <indexes
'

# The columns as SQLite reports them, from a new database.
test_expect_success 'ips.7 lists every column of the four views' '
	ips init >/dev/null &&
	section VIEWS "$man/man7/ips.7" >views &&
	for v in meeting_v client_v employer_v job_v
	do
		ips sql -H "SELECT name FROM pragma_table_info('\''$v'\'')" \
		    >cols &&
		test_line_count -gt 10 cols &&
		sed -n "/^\\.B $v\$/,/^\\.[TP]P/p" views >entry &&
		while read -r c
		do
			grep -F "\\fB$c\\fR" entry >/dev/null ||
			grep -F "\\fB\"$c\"\\fR" entry >/dev/null ||
			{ echo "$v.$c is not listed"; return 1; }
		done <cols || return 1
	done
'

test_done
