#!/bin/sh
test_description='ips-client.1: every command and field has a paragraph
(t0006 checks its SYNOPSIS against the usage, as for every tool)'
. "$(dirname "$0")/lib.sh"

page=$TEST_SOURCE/man/man1/ips-client.1

test_expect_success 'every command of ips-client has a paragraph' '
	for cmd in add list show set edit status "job add" "job end" match \
	    "job list" import export erase
	do
		grep "^\\\\fB$cmd\\\\fR" "$page" >/dev/null ||
		{ echo "no paragraph for $cmd"; return 1; }
	done
'

test_expect_success 'every field of a client is described' '
	ips-client export -h >/dev/null &&
	for f in name specialist enrolled status phone email area goal \
	    job_types hours_wanted education experience interests disclosure \
	    benefits_planning note erased
	do
		grep "^\\.B $f\$" "$page" >/dev/null ||
		{ echo "no entry for $f"; return 1; }
	done
'

test_expect_success 'the page has a privacy section on erase and pseudonyms' '
	sed -n "/^\.SH PRIVACY/,/^\.SH /p" "$page" >privacy &&
	grep "^\.B erase" privacy &&
	grep "^\.B \\\\-\\\\-pseudonymize" privacy
'

test_done
