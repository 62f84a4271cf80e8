#!/bin/sh
test_description='the man pages render cleanly, and ips.1 agrees with ips -h'
. "$(dirname "$0")/lib.sh"

if command -v groff >/dev/null 2>&1; then
	test_set_prereq GROFF
fi

for page in "$TEST_SOURCE"/man/man[1-9]/*.[1-9]
do
	test -f "$page" || continue
	name=${page#"$TEST_SOURCE"/}
	test_expect_success GROFF "$name renders without a warning" "
		groff -man -ww -z '$page' >out 2>&1 &&
		test_must_be_empty out
	"
done

test_expect_success 'the pages every tool needs are there' '
	for page in man1/ips.1 man7/ips.7
	do
		test -f "$TEST_SOURCE/man/$page" || return 1
	done
'

# The SYNOPSIS is the lines between .nf and .fi, with fonts and escapes
# removed; the usage is ips -h without "usage:" and the common options.
test_expect_success 'the usage in ips.1 is the one ips -h prints' '
	ips -h >out &&
	sed -e "/^common options/d" -e "s/^usage: //" -e "s/^ *//" out >usage &&
	sed -n "/^\.SH SYNOPSIS/,/^\.fi/p" "$TEST_SOURCE/man/man1/ips.1" >syn &&
	sed -e "1,/^\.nf/d" -e "/^\.fi/d" -e "s/\\\\f[BIRP]//g" \
	    -e "s/\\\\-/-/g" -e "s/\\\\&//g" syn >synopsis &&
	test_cmp usage synopsis
'

test_expect_success 'every command of ips has a paragraph in ips.1' '
	for cmd in init "staff add" "staff list" "staff leave" check backup \
	    info log sql version
	do
		grep "^\\\\fB$cmd\\\\fR\\|^\\.B $cmd\$" \
		    "$TEST_SOURCE/man/man1/ips.1" >/dev/null ||
		{ echo "no paragraph for $cmd"; return 1; }
	done
'

test_expect_success 'ips.7 names every table and column of the schema' '
	sed -n "s/^CREATE TABLE \\([a-z_]*\\).*/\\1/p" \
	    "$TEST_SOURCE/lib/schema.sql" >tables &&
	test_line_count -gt 5 tables &&
	while read -r t
	do
		grep "^\\.SS $t\$" "$TEST_SOURCE/man/man7/ips.7" >/dev/null ||
		{ echo "no section for table $t"; return 1; }
	done <tables &&
	sed -n "s/^	\\([a-z_]*\\)	.*/\\1/p" "$TEST_SOURCE/lib/schema.sql" |
	    sort -u | grep -v "^id\$" >columns &&
	test_line_count -gt 50 columns &&
	while read -r c
	do
		grep "\\\\fB$c\\\\fR\\|^\\.B $c\$\\|^\\.BR .*$c" \
		    "$TEST_SOURCE/man/man7/ips.7" >/dev/null ||
		{ echo "column $c is not described"; return 1; }
	done <columns
'

test_done
