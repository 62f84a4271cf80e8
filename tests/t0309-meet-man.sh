#!/bin/sh
test_description='ips-meet.1: every command and field has a paragraph
(t0006 checks its SYNOPSIS against the usage, as for every tool)'
. "$(dirname "$0")/lib.sh"

page=$TEST_SOURCE/man/man1/ips-meet.1

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
