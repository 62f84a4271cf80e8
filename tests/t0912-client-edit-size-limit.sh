#!/bin/sh
test_description='ips-client edit at the 16 MB limit of the edited file: a
file that fits, but no longer fits once the error line is put on top, ends
the edit with 65 and the database as it was (it used to free the file
shown to the user twice)'
. "$(dirname "$0")/lib.sh"

IPS_USER=ana
export IPS_USER

# The longest file edit reads: 16 MiB less the 4 KiB it keeps free for
# the next read (lib/edit.c, slurp).
MAX=$((16 * 1024 * 1024 - 4097))
export MAX

# An editor that changes the record with the sed script $SUB, then pads
# the file with a comment to exactly $MAX bytes.
cat >pad <<\END
#!/bin/sh
sed -e "$SUB" "$1" >"$1.new" &&
mv "$1.new" "$1" &&
size=$(wc -c <"$1") &&
{
	printf "#" &&
	head -c $((MAX - 2 - size)) /dev/zero | tr "\000" x &&
	echo
} >>"$1"
END
chmod +x pad

test_expect_success 'setup' '
	ips staff add ana "Ana Virtanen" &&
	ips-client add "Aino Kärkkäinen" --area Espoo --enrolled 2026-09-01 \
	    >/dev/null
'

test_expect_success 'a file of the largest size is read: a change is saved' '
	SUB="s/^  goal: .*/  goal: a job in a kitchen/" \
	    EDITOR="$TEST_SCRATCH/pad" ips-client edit c1 &&
	ips-client show -o json c1 >out &&
	grep "\"goal\":\"a job in a kitchen\"" out
'

test_expect_success 'an error on top of the largest file: 65, nothing written' '
	test_db_snapshot &&
	SUB="s/^  goal: .*/  bogus: 1/" EDITOR="$TEST_SCRATCH/pad" \
	    test_expect_code 65 ips-client edit c1 2>err &&
	echo "ips-client: the file is over 16 MB" >expect &&
	test_cmp expect err &&
	test_db_unchanged
'

test_done
