# tests/lib.sh - a small TAP test library for the CLI tests of ips.
#
# A test script tests/tNNNN-tool-what.sh starts with
#
#	#!/bin/sh
#	test_description='what this script covers'
#	. "$(dirname "$0")/lib.sh"
#
# then runs its steps with test_expect_success and ends with test_done.
# It runs in a fresh scratch directory with a clean environment, the built
# tools first on PATH, and prints TAP for prove(1).
#
# Steps:	test_expect_success [PREREQ] 'title' 'commands'
#		test_expect_failure [PREREQ] 'title' 'commands'  (known bug)
# Checks:	test_expect_code N cmd...	test_must_fail cmd...
#		test_cmp expect actual		test_must_be_empty file
#		test_line_count = N file
#		test_db_snapshot [DB]		test_db_unchanged
# Helpers:	test_when_finished 'cmds'	test_db_lock [DB], test_db_unlock
#		test_set_prereq, test_have_prereq (ROOT, NOT_ROOT, SQLITE3,
#		SANITIZE are set here)
# Inside a step, chain commands with && and end a loop's body with
# "|| return 1".
#
# Environment: VERBOSE=1 shows every step's output, not only a failing
# one's; KEEP=1 keeps the scratch directory when a step failed; B names
# the folder with the built tools (make check sets it).
#
# Plain POSIX sh: it must run under dash.

# Where the test scripts and the source tree are.
TEST_DIRECTORY=$(cd "$(dirname "$0")" && pwd) || exit 1
TEST_SOURCE=$(cd "$TEST_DIRECTORY/.." && pwd) || exit 1
TEST_NAME=$(basename "$0" .sh)
export TEST_DIRECTORY TEST_SOURCE

# The built tools: $B from make, else build/ next to the tests.
if test -n "${B:-}" && test -d "$B"; then
	PATH=$B:$PATH
elif test -x "$TEST_SOURCE/build/ips"; then
	PATH=$TEST_SOURCE/build:$PATH
fi
export PATH

case "${1:-}" in
-v|--verbose)
	VERBOSE=1
	;;
esac
if test -n "${VERBOSE:-}" && test -n "${test_description:-}"; then
	printf '%s\n' "$test_description" | sed -e 's/^/# /'
fi

# A clean environment, the same on every machine.
if locale -a 2>/dev/null | grep -qix 'c\.utf-\{0,1\}8'; then
	LC_ALL=C.UTF-8
else
	LC_ALL=C
fi
export LC_ALL
unset LANG LANGUAGE LC_CTYPE LC_COLLATE LC_MESSAGES LC_NUMERIC LC_TIME
unset IPS_DB IPS_USER IPS_CONFIG IPS_BUSY_TIMEOUT IPS_TODAY
unset NO_COLOR VISUAL EDITOR PAGER CDPATH COLUMNS GREP_OPTIONS
TZ=UTC
export TZ

# Sanitizer reports must not pass for an ordinary "exit 1": make them
# look like a crash, and keep going to the report rather than hanging.
ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}exitcode=134:abort_on_error=0
UBSAN_OPTIONS=${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}exitcode=134:print_stacktrace=1
export ASAN_OPTIONS UBSAN_OPTIONS

TEST_SCRATCH=$(mktemp -d "${TMPDIR:-/tmp}/ips-$TEST_NAME.XXXXXX") || {
	echo "Bail out! cannot make a scratch directory"
	exit 1
}
# Files of the library itself, out of the tests' way.
TEST_META=$TEST_SCRATCH/.test
mkdir "$TEST_META" || exit 1

HOME=$TEST_SCRATCH
XDG_CONFIG_HOME=$TEST_SCRATCH/.config
XDG_DATA_HOME=$TEST_SCRATCH/.local/share
IPS_DB=$TEST_SCRATCH/ips.db
IPS_TODAY=2026-11-23
export HOME XDG_CONFIG_HOME XDG_DATA_HOME IPS_DB IPS_TODAY

test_count=0
test_failed=0
test_broken=0
test_fixed=0
test_skipped=0
test_prereqs=' '
test_cleanup_cmds=

test_exit_() {
	test_exit_status_=$?
	if test "$test_failed" -gt 0 && test -n "${KEEP:-}"; then
		echo "# kept scratch directory $TEST_SCRATCH"
	else
		cd / && rm -rf "$TEST_SCRATCH"
	fi
	exit "$test_exit_status_"
}
trap test_exit_ EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

cd "$TEST_SCRATCH" || exit 1

# The helpers complain on fd 4, which a step's own 2>file does not catch:
# the step's output, shown when it fails.
exec 4>&2

# Prerequisites, as in git: a step may name them before its title.
test_set_prereq() {
	test_prereqs="$test_prereqs$1 "
}

# True when every one of the comma-separated prerequisites holds; a
# leading ! negates one.
test_have_prereq() {
	test_want_=$(echo "$1" | tr ',' ' ')
	for test_p_ in $test_want_; do
		case $test_p_ in
		!*)
			case $test_prereqs in
			*" ${test_p_#!} "*)
				return 1
				;;
			esac
			;;
		*)
			case $test_prereqs in
			*" $test_p_ "*)
				;;
			*)
				return 1
				;;
			esac
			;;
		esac
	done
	return 0
}

if test "$(id -u)" = 0; then
	test_set_prereq ROOT
else
	test_set_prereq NOT_ROOT
fi
command -v sqlite3 >/dev/null 2>&1 && test_set_prereq SQLITE3
# Whether the tools were built with the sanitizers (make check SAN=1).
case "${B:-}" in
*-san)
	test_set_prereq SANITIZE
	;;
esac

# Indents a file's lines as TAP comments.
test_comment_() {
	sed -e 's/^/# /' "$1"
}

# Commands to run once the current step ends, pass or fail.
test_when_finished() {
	test_cleanup_cmds="$*
$test_cleanup_cmds"
}

# A function of its own, so that "|| return 1" in a step's loop ends the
# step and nothing more.
test_eval_() {
	eval "$1"
}

# Runs one step: eval its commands in this shell (no subshell, so that
# variables set in one step are seen by the next), output to a file,
# stdin from /dev/null; then back to the scratch directory.
test_run_() {
	# A step whose && chain is broken would pass whatever its early
	# commands do: with a false start, a whole chain runs nothing and
	# keeps the status.  (As in git; TEST_CHAIN_LINT=0 turns it off.)
	if test "${TEST_CHAIN_LINT:-1}" != 0; then
		test_eval_ "(exit 117) && $1" >/dev/null 2>&1 </dev/null
		test_lint_=$?
		cd "$TEST_SCRATCH" || exit 1
		if test "$test_lint_" != 117; then
			echo "test: broken && chain: the step is not run" \
			    >"$TEST_META/out"
			return 1
		fi
	fi
	test_cleanup_cmds=
	test_eval_ "$1" >"$TEST_META/out" 2>&1 4>&1 </dev/null
	test_eval_status_=$?
	if test -n "$test_cleanup_cmds"; then
		test_eval_ "$test_cleanup_cmds" >>"$TEST_META/out" 2>&1 4>&1 \
		    </dev/null || test_eval_status_=1
		test_cleanup_cmds=
	fi
	cd "$TEST_SCRATCH" || exit 1
	return "$test_eval_status_"
}

# Parses [PREREQ] 'title' 'commands' into test_pre_, test_title_ and
# test_cmds_; sets test_skip_ when a prerequisite is missing.
test_args_() {
	test_fn_=$1
	shift
	if test $# = 3; then
		test_pre_=$1
		shift
	elif test $# = 2; then
		test_pre_=
	else
		echo "Bail out! $test_fn_: wrong number of arguments: $*"
		exit 1
	fi
	test_title_=$1
	test_cmds_=$2
	test_count=$((test_count + 1))
	test_skip_=
	if test -n "$test_pre_" && ! test_have_prereq "$test_pre_"; then
		test_skip_=$test_pre_
		test_skipped=$((test_skipped + 1))
		printf 'ok %d # skip %s (missing %s)\n' "$test_count" \
		    "$test_title_" "$test_pre_"
	fi
}

# test_expect_success [PREREQ] 'title' 'commands'
test_expect_success() {
	test_args_ test_expect_success "$@"
	test -n "$test_skip_" && return 0
	if test_run_ "$test_cmds_"; then
		printf 'ok %d - %s\n' "$test_count" "$test_title_"
		test -n "${VERBOSE:-}" && test_comment_ "$TEST_META/out"
	else
		test_failed=$((test_failed + 1))
		printf 'not ok %d - %s\n' "$test_count" "$test_title_"
		printf '#\t%s\n' "$test_cmds_" | sed -e '2,$s/^/# /'
		test_comment_ "$TEST_META/out"
	fi
	return 0
}

# test_expect_failure [PREREQ] 'title' 'commands': a known breakage.
# Reported as TODO, so it does not fail the run; prove notes it when it
# starts to pass.
test_expect_failure() {
	test_args_ test_expect_failure "$@"
	test -n "$test_skip_" && return 0
	if test_run_ "$test_cmds_"; then
		test_fixed=$((test_fixed + 1))
		printf 'ok %d - %s # TODO known breakage vanished\n' \
		    "$test_count" "$test_title_"
	else
		test_broken=$((test_broken + 1))
		printf 'not ok %d - %s # TODO known breakage\n' \
		    "$test_count" "$test_title_"
		test -n "${VERBOSE:-}" && test_comment_ "$TEST_META/out"
	fi
	return 0
}

# Runs a command with its stderr passed through, and fails when that
# stderr shows a sanitizer report.  Sets test_status_.
test_exec_() {
	"$@" 2>"$TEST_META/err"
	test_status_=$?
	cat "$TEST_META/err" >&2
	if grep -e 'AddressSanitizer' -e 'LeakSanitizer' -e 'runtime error:' \
	    "$TEST_META/err" >/dev/null; then
		printf 'test: sanitizer report from: %s\n' "$*" >&4
		test_status_=134
	fi
}

# Shows the stderr of the command that test_exec_ ran, for a failure.
test_stderr_() {
	sed -e 's/^/stderr: /' "$TEST_META/err" >&4
}

# test_expect_code N command [args]: exactly exit status N.
test_expect_code() {
	test_want_=$1
	shift
	test_exec_ "$@"
	if test "$test_status_" = "$test_want_"; then
		return 0
	fi
	printf "test_expect_code: '%s' exited %s, expected %s\n" "$*" \
	    "$test_status_" "$test_want_" >&4
	test_stderr_
	return 1
}

# test_must_fail command [args]: fails in an orderly way, status 1-125;
# success, a signal, "not found" or a sanitizer report is a failure.
test_must_fail() {
	test_exec_ "$@"
	if test "$test_status_" = 0; then
		printf "test_must_fail: '%s' succeeded\n" "$*" >&4
		test_stderr_
		return 1
	elif test "$test_status_" -gt 125; then
		printf "test_must_fail: '%s' crashed or was not found: %s\n" \
		    "$*" "$test_status_" >&4
		test_stderr_
		return 1
	fi
	return 0
}

# test_cmp expect actual: equal files, else a unified diff.
test_cmp() {
	if cmp -s "$1" "$2"; then
		return 0
	fi
	diff -u "$1" "$2" >&4 || :
	test -f "$1" || echo "test_cmp: no file '$1'" >&4
	test -f "$2" || echo "test_cmp: no file '$2'" >&4
	return 1
}

# test_line_count = N file (or -gt, -lt ...): the number of lines.
test_line_count() {
	if test $# != 3; then
		echo "test_line_count: wrong number of arguments" >&4
		return 1
	fi
	test_lines_=$(wc -l <"$3")
	if test "$test_lines_" "$1" "$2"; then
		return 0
	fi
	echo "test_line_count: $3 has $test_lines_ lines, want $1 $2:" >&4
	cat "$3" >&4
	return 1
}

# test_db_snapshot [DB]: remembers the database file and its -wal file
# byte for byte (no checkpoint in between: a reader would change nothing
# and a writer shows in one or the other).  Absence is remembered too.
test_db_snapshot() {
	test_db_=${1:-$IPS_DB}
	rm -rf "$TEST_META/snap"
	mkdir "$TEST_META/snap" || return 1
	if test -e "$test_db_"; then
		cp "$test_db_" "$TEST_META/snap/db" || return 1
	fi
	if test -s "$test_db_-wal"; then
		cp "$test_db_-wal" "$TEST_META/snap/wal" || return 1
	fi
	echo "$test_db_" >"$TEST_META/snap/name"
}

# test_db_unchanged: the database is byte-identical to the snapshot (an
# empty -wal counts as none: it holds no change).
test_db_unchanged() {
	if ! test -f "$TEST_META/snap/name"; then
		echo "test_db_unchanged: no snapshot" >&4
		return 1
	fi
	test_db_=$(cat "$TEST_META/snap/name")
	if ! test -e "$TEST_META/snap/db"; then
		if test -e "$test_db_"; then
			echo "test_db_unchanged: '$test_db_' was created" >&4
			return 1
		fi
		return 0
	fi
	if ! test -e "$test_db_"; then
		echo "test_db_unchanged: '$test_db_' is gone" >&4
		return 1
	fi
	if ! cmp "$TEST_META/snap/db" "$test_db_" >&4; then
		echo "test_db_unchanged: '$test_db_' changed" >&4
		return 1
	fi
	if test -s "$TEST_META/snap/wal"; then
		if ! cmp "$TEST_META/snap/wal" "$test_db_-wal" >&4; then
			echo "test_db_unchanged: '$test_db_-wal' changed" >&4
			return 1
		fi
	elif test -s "$test_db_-wal"; then
		echo "test_db_unchanged: '$test_db_-wal' appeared" >&4
		return 1
	fi
	return 0
}

# test_db_lock [DB]: another process (the sqlite3 shell) takes the write
# lock of the database and holds it until test_db_unlock.
test_db_lock() {
	test_db_=${1:-$IPS_DB}
	rm -f "$TEST_META/lock"
	mkfifo "$TEST_META/lock" || return 1
	sqlite3 "$test_db_" <"$TEST_META/lock" >/dev/null 2>&1 &
	test_lock_pid_=$!
	exec 9>"$TEST_META/lock"
	# The holder waits for the lock: a probe below may hold it for an
	# instant just when BEGIN comes, and without a timeout BEGIN would
	# fail and the lock would never be taken.
	printf '.timeout 10000\nBEGIN IMMEDIATE;\n' >&9
	# Wait (up to 20 s) until a writer without patience is turned away.
	test_i_=0
	while sqlite3 "$test_db_" 'BEGIN IMMEDIATE; ROLLBACK;' \
	    >/dev/null 2>&1; do
		test_i_=$((test_i_ + 1))
		if test "$test_i_" -ge 400; then
			echo "test_db_lock: the lock was not taken" >&4
			test_db_unlock
			return 1
		fi
		sleep 0.05 2>/dev/null || sleep 1
	done
}

# test_db_unlock: ends the writer of test_db_lock (its transaction rolls
# back) and waits for it.
test_db_unlock() {
	exec 9>&-
	if test -n "${test_lock_pid_:-}"; then
		wait "$test_lock_pid_" 2>/dev/null
		test_lock_pid_=
	fi
	rm -f "$TEST_META/lock"
	return 0
}

# test_must_be_empty file: the file exists and is empty.
test_must_be_empty() {
	if test -f "$1" && ! test -s "$1"; then
		return 0
	fi
	if test -f "$1"; then
		echo "test_must_be_empty: '$1' is not empty:" >&4
		cat "$1" >&4
	else
		echo "test_must_be_empty: no file '$1'" >&4
	fi
	return 1
}

# test_done: the plan, and the status for prove.
test_done() {
	echo "1..$test_count"
	if test "$test_broken" -gt 0; then
		echo "# still have $test_broken known breakage(s)"
	fi
	if test "$test_fixed" -gt 0; then
		echo "# $test_fixed known breakage(s) vanished"
	fi
	if test "$test_failed" -gt 0; then
		echo "# failed $test_failed among $test_count test(s)"
		exit 1
	fi
	exit 0
}
