#!/bin/sh
test_description='what a careful reviewer tries on every tool: references
of the wrong kind, names where references belong, odd files and folders
for the database, backups and imports; one line on stderr, the SPEC exit
status, no personal data in the message, the database as it was'
. "$(dirname "$0")/lib.sh"

IPS_USER=ana
export IPS_USER

# refused STATUS command...: one line on stderr, the database unchanged.
refused() {
	test_db_snapshot &&
	test_expect_code "$@" 2>err &&
	test_line_count = 1 err &&
	test_db_unchanged
}

test_expect_success 'setup' '
	ips staff add ana "Ana Virtanen" &&
	ips-client add "Jari Heikkinen" --phone 0401234567 >/dev/null &&
	ips-employer add "Kahvila Kaneli Oy" >/dev/null &&
	ips-employer contact add e1 "Kari Virtanen" >/dev/null &&
	ips-employer opening add e1 Kokki >/dev/null
'

# A reference of another kind is named as a mix-up wherever a record is
# looked up, not searched for as a client's or employer's name.
while read -r want tool args
do
	test_expect_success "$tool $args: named as a mix-up (65)" "
		refused 65 $tool $args &&
		grep -e \"'$want'\" err &&
		grep -e ' is an* [a-z]*, not an* ' err
	"
done <<\EOF
e1 ips-client set e1 --area Vantaa
o1 ips-client erase o1 --yes
e1 ips-client status e1 active
c1 ips-client job add c1 --employer c1 --title Kokki --start 2026-11-23
o1 ips-client job add o1 --employer e1 --title Kokki --start 2026-11-23
e1 ips-client job list --client e1
c1 ips-client job list --employer c1
c1 ips-employer set c1 --area Vantaa
c1 ips-employer contact add c1 Liisa
c1 ips-employer opening add c1 Kokki
EOF

# A name typed where only a reference will do is not repeated: it may be
# a client's name, and stderr goes to cron mail and logs.
while read -r tool args
do
	test_expect_success "$tool $args: the name is not echoed (65)" "
		refused 65 $tool $args &&
		grep 'invalid .*reference' err &&
		! grep -e Jari -e Heikkinen -e Kari err
	"
done <<\EOF
ips-meet list 'Jari Heikkinen'
ips-meet show 'Jari Heikkinen'
ips-client match 'Jari Heikkinen'
ips-client job list 'Jari Heikkinen'
ips-client job end 'Jari Heikkinen' --end 2026-11-20 --end-reason quit
ips-meet add --employer e1 --contact 'Kari Virtanen'
ips-meet rm Jari
EOF

test_expect_success 'a mistyped reference is still quoted (65)' '
	refused 65 ips-meet show c9x &&
	grep "invalid meeting reference .c9x." err &&
	refused 65 ips-client match x12 &&
	grep "invalid client or opening reference .x12." err
'

test_done
