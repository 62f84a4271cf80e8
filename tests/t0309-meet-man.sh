#!/bin/sh
test_description='ips-meet.1: its SYNOPSIS is the usage ips-meet -h prints,
and every command has a paragraph'
. "$(dirname "$0")/lib.sh"

page=$TEST_SOURCE/man/man1/ips-meet.1

test_expect_success 'the usage in ips-meet.1 is the one ips-meet -h prints' '
	ips-meet -h >out &&
	sed -e "s/^usage: //" -e "s/^ *//" out >usage &&
	sed -n "/^\.SH SYNOPSIS/,/^\.SH /p" "$page" |
	    sed -n "/^\.nf/,/^\.fi/p" >syn &&
	sed -e "/^\.nf/d" -e "/^\.fi/d" -e "s/\\\\f[BIRP]//g" \
	    -e "s/\\\\-/-/g" -e "s/\\\\&//g" -e "s/^ *//" syn >synopsis &&
	test_cmp usage synopsis
'

test_expect_success 'every command of ips-meet has a paragraph' '
	for cmd in add list show set rm due import export
	do
		grep "^\\\\fB$cmd\\\\fR\\|^\\.B $cmd\$" "$page" >/dev/null ||
		{ echo "no paragraph for $cmd"; return 1; }
	done
'

test_expect_success 'every field of a meeting is described' '
	for f in specialist on at employer client contact how where minutes \
	    purpose for outcome next note
	do
		grep "^\\.B $f\$" "$page" >/dev/null ||
		{ echo "no entry for $f"; return 1; }
	done
'

test_done
