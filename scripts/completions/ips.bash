# bash completion for ips, ips-client, ips-employer, ips-meet and ips-report.
#
# One file for the five tools: make install puts it in bash-completion's
# folder under each tool's name, so whichever is typed first loads it.  To
# try it from the source tree:  . scripts/completions/ips.bash
#
# Completes subcommands, options, the values of enumerated options, file
# names, and specialists' handles.  The handles are the only thing that
# runs a tool (ips staff list); everything else is in this file, so a
# missing tool or database costs nothing and prints nothing.

# Option lists: a trailing = marks an option that takes a value (the = is
# not offered).
_ips_common='-d= --db= -u= --as= -o= --format= -H --no-header -h --help
	--version'
_ips_period='--week= --month= --quarter= --year= --from= --to= --since='

# The subcommands of a tool, or of a subcommand ("ips staff").
_ips_commands()
{
	case $1 in
	ips)		echo init staff check backup info log sql version \
			    client employer meet report ;;
	ips-client)	echo add list show set edit status job import export \
			    match erase ;;
	ips-employer)	echo add list show set edit contact opening openings \
			    import export ;;
	ips-meet)	echo add list show set rm due import export ;;
	ips-report)	echo weekly fidelity outcomes caseload openings ;;
	'ips staff')	echo add list leave ;;
	'ips-client job') echo add end list ;;
	'ips-employer contact') echo add list set ;;
	'ips-employer opening') echo add close set ;;
	esac
}

# Whether a subcommand has subcommands of its own.
_ips_nested()
{
	case $1 in
	'ips staff' | 'ips-client job' | 'ips-employer contact' | \
	    'ips-employer opening')
		return 0 ;;
	esac
	return 1
}

# The options of "TOOL CMD [SUB]", besides the common ones; the --FIELD
# options of add and set are lib/fields.c's fields, _ for -.
_ips_options()
{
	local client='--name= --specialist= --enrolled= --phone= --email=
	    --area= --goal= --job-types= --hours-wanted= --education=
	    --experience= --interests= --disclosure= --benefits-planning=
	    --note='
	local employer='--name= --business-id= --sector= --industry= --size=
	    --area= --address= --website= --status= --owner= --note='
	local contact='--employer= --name= --role= --phone= --email='
	local opening='--employer= --title= --job-type= --positions= --hours=
	    --requirements= --hidden= --found= --found-by='
	local meeting='--specialist= --on= --at= --employer= --client=
	    --contact= --how= --where= --minutes= --purpose= --for= --outcome=
	    --next= --note='
	local meetfilter="--client= --employer= --how= --purpose=
	    --specialist= --pseudonymize $_ips_period"
	local report="--specialist= --team= --pseudonymize $_ips_period"
	local import='-f= -n --dry-run'

	case $1 in
	'ips staff add')	echo --team= --fte= ;;
	'ips staff leave')	echo --on= ;;
	'ips backup')		echo -f --force ;;
	'ips log')		echo --since= ;;
	'ips-client add')	echo "$client --status=" ;;
	'ips-client list')	echo --specialist= --status= --area= --idle= \
				    --search= --pseudonymize ;;
	'ips-client show' | 'ips-client export' | 'ips-employer show')
				echo --pseudonymize ;;
	'ips-client set')	echo "$client" ;;
	'ips-client status')	echo --on= --reason= ;;
	'ips-client job add')	echo --client= --employer= --opening= \
				    --title= --job-type= --start= --hours= \
				    --wage= --competitive= ;;
	'ips-client job end')	echo --end= --end-reason= ;;
	'ips-client job list')	echo --client= --employer= --current \
				    --pseudonymize "$_ips_period" ;;
	'ips-client match')	echo --top= --all --pseudonymize ;;
	'ips-client import' | 'ips-meet import')
				echo "$import" ;;
	'ips-client erase')	echo --yes ;;
	'ips-employer add' | 'ips-employer set')
				echo "$employer" ;;
	'ips-employer list')	echo --area= --idle= --owner= --search= \
				    --sector= --status= --pseudonymize ;;
	'ips-employer contact add' | 'ips-employer contact set')
				echo "$contact" ;;
	'ips-employer opening add' | 'ips-employer opening set')
				echo "$opening" ;;
	'ips-employer opening close')
				echo --filled-by= --on= --reason= ;;
	'ips-employer openings') echo --open --hidden --no-candidates ;;
	'ips-employer import')	echo "$import --contacts --openings" ;;
	'ips-employer export')	echo --contacts --openings --pseudonymize ;;
	'ips-meet add' | 'ips-meet set')
				echo "$meeting" ;;
	'ips-meet list' | 'ips-meet export')
				echo "$meetfilter" ;;
	'ips-meet due')		echo --on= --specialist= ;;
	'ips-report weekly')	echo "$report --check" ;;
	'ips-report caseload')	echo "$report --on=" ;;
	'ips-report '*)		echo "$report" ;;
	esac
}

# Whether option $1 takes a value among the options $2.
_ips_takes_value()
{
	case " ${2//[$'\t\n']/ } " in
	*" $1= "*)	return 0 ;;
	esac
	return 1
}

# Adds to COMPREPLY the words of $2 that start with $1, each after $3.
_ips_add()
{
	local w

	for w in $2; do
		[[ $w == "$1"* ]] && COMPREPLY+=("$3$w")
	done
}

# Adds to COMPREPLY the file names that start with $1, each after $2.
_ips_files()
{
	local f

	while IFS= read -r f; do
		COMPREPLY+=("$2$f")
	done < <(compgen -f -- "$1")
	# Outside a completion (a test) there is no compopt to call.
	compopt -o filenames 2>/dev/null
}

# The handles of the specialists, from database $1 (none: the usual one),
# with tool $2 (the ips beside the tool being completed, or on PATH).
_ips_handles()
{
	local db=$1 ips=$2

	# The word as typed: ~/ is not yet the home folder.
	case $db in
	\~/*)	db=$HOME/${db:2} ;;
	esac
	if [[ -z $ips ]] || ! [[ -x $ips ]]; then
		ips=$(type -P ips) || return 0
	fi
	# A locked database is no reason to make the user wait.
	if [[ -n $db ]]; then
		IPS_BUSY_TIMEOUT=200 "$ips" -d "$db" staff list -o id -H \
		    2>/dev/null </dev/null
	else
		IPS_BUSY_TIMEOUT=200 "$ips" staff list -o id -H 2>/dev/null \
		    </dev/null
	fi
	return 0
}

# The values of option $1 of "TOOL CMD [SUB]" ($2) that start with $3,
# each after $4.
_ips_values()
{
	local opt=$1 ctx=$2 cur=$3 pre=$4 tool=${2%% *} h

	case $opt in
	-o | --format)
		if [[ $tool == ips-report ]]; then
			_ips_add "$cur" 'table tsv csv json jsonl yaml id html md' \
			    "$pre"
		else
			_ips_add "$cur" 'table tsv csv json jsonl yaml id' "$pre"
		fi ;;
	-f)	_ips_add "$cur" 'csv tsv json jsonl yaml' "$pre" ;;
	-d | --db)
		_ips_files "$cur" "$pre" ;;
	-u | --as | --specialist | --owner | --found-by)
		while IFS= read -r h; do
			[[ -n $h && $h == "$cur"* ]] && COMPREPLY+=("$pre$h")
		done < <(_ips_handles "$_ips_db" "$_ips_sibling")
		;;
	--status)
		if [[ $tool == ips-employer ]]; then
			_ips_add "$cur" 'prospect contacted engaged partner
			    declined' "$pre"
		else
			_ips_add "$cur" 'referred active working paused closed' \
			    "$pre"
		fi ;;
	--how)	_ips_add "$cur" 'in-person phone video email message' "$pre" ;;
	--where) _ips_add "$cur" 'office community workplace home remote' \
		    "$pre" ;;
	--purpose) _ips_add "$cur" 'intro needs client support other' "$pre" ;;
	--outcome) _ips_add "$cur" 'none follow-up opening interview hired
		    declined' "$pre" ;;
	--disclosure) _ips_add "$cur" 'yes no undecided' "$pre" ;;
	--hidden | --competitive) _ips_add "$cur" 'yes no' "$pre" ;;
	--sector) _ips_add "$cur" 'A B C D E F G H I J K L M N O P Q R S T U
		    X' "$pre" ;;
	--week | --month | --quarter | --year)
		_ips_add "$cur" 'this last next' "$pre" ;;
	esac
}

_ips()
{
	local -a words=()
	local cword=0 i j w cur tool ctx opts pos=0 skip
	# Read by _ips_values.
	local _ips_db='' _ips_sibling=''

	COMPREPLY=()
	# Join what COMP_WORDBREAKS split at '=': --format = j is --format=j.
	for ((i = 0; i <= COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		if [[ $w == '=' && $i -gt 1 && ${words[${#words[@]} - 1]} == --* &&
		    ${words[${#words[@]} - 1]} != *=* ]]; then
			words[${#words[@]} - 1]+='='
			if ((i < COMP_CWORD)); then
				((i++))
				words[${#words[@]} - 1]+=${COMP_WORDS[i]}
			fi
		else
			words+=("$w")
		fi
	done
	cword=$((${#words[@]} - 1))
	cur=${words[cword]}

	tool=${words[0]##*/}
	[[ ${words[0]} == */* ]] && _ips_sibling=${words[0]%/*}/ips
	case $tool in
	ips | ips-client | ips-employer | ips-meet | ips-report) ;;
	*)	return 0 ;;
	esac

	# The database named anywhere on the line, for the handles.
	for ((i = 1; i < ${#COMP_WORDS[@]}; i++)); do
		((i == COMP_CWORD)) && continue
		w=${COMP_WORDS[i]}
		case $w in
		-d | --db)
			j=$((i + 1))
			# --db = FILE, as COMP_WORDBREAKS split it
			[[ $w == --db && ${COMP_WORDS[j]} == '=' ]] && ((j++))
			((j != COMP_CWORD)) && _ips_db=${COMP_WORDS[j]} ;;
		--db=*)	_ips_db=${w#--db=} ;;
		-d?*)	_ips_db=${w#-d} ;;
		esac
	done

	# The common options may come before a command: skip them.
	ctx=$tool
	i=1
	while :; do
		while ((i < cword)) && [[ ${words[i]} == -?* ]]; do
			if _ips_takes_value "${words[i]}" "$_ips_common"; then
				((i += 2))
			else
				((i++))
			fi
		done
		if ((i >= cword)); then
			break
		fi
		# ips client ... is ips-client ...
		if [[ $ctx == ips ]]; then
			case ${words[i]} in
			client | employer | meet | report)
				ctx=ips-${words[i]}
				((i++))
				continue ;;
			esac
		fi
		ctx="$ctx ${words[i]}"
		((i++))
		# ips staff add: the second word follows the first at once.
		if _ips_nested "$ctx"; then
			if ((i < cword)); then
				ctx="$ctx ${words[i]}"
				((i++))
			else
				_ips_add "$cur" "$(_ips_commands "$ctx")" ''
				return 0
			fi
		fi
		break
	done

	if [[ $ctx != *' '* ]]; then
		# No command yet: the value of a common option, or a command.
		if ((cword >= 2)) &&
		    _ips_takes_value "${words[cword - 1]}" "$_ips_common"; then
			_ips_values "${words[cword - 1]}" "$ctx" "$cur" ''
		elif [[ $cur == --*=* ]]; then
			_ips_value_in_word "$ctx" "$cur"
		elif [[ $cur == -* ]]; then
			_ips_add "$cur" "${_ips_common//=/}" ''
		else
			_ips_add "$cur" "$(_ips_commands "$ctx")" ''
		fi
		return 0
	fi

	opts="$_ips_common $(_ips_options "$ctx")"
	# The operands before the current word, and whether the word before
	# it is an option that wants a value.
	skip=0
	for ((; i < cword; i++)); do
		w=${words[i]}
		if ((skip)); then
			skip=0
		elif [[ $w == -?* && $w != *=* ]]; then
			_ips_takes_value "$w" "$opts" && skip=1
		elif [[ $w != -?* ]]; then
			((pos++))
		fi
	done
	if ((skip)); then
		_ips_values "${words[cword - 1]}" "$ctx" "$cur" ''
		return 0
	fi
	case $cur in
	--*=*)
		_ips_value_in_word "$ctx" "$cur" ;;
	-*)
		_ips_add "$cur" "${opts//=/}" '' ;;
	*)
		case $ctx in
		'ips backup' | *' import')
			((pos == 0)) && _ips_files "$cur" '' ;;
		'ips-client status')
			((pos == 1)) && _ips_add "$cur" 'referred active
			    working paused closed' '' ;;
		esac ;;
	esac
	return 0
}

# The value in a word --opt=value.  When COMP_WORDBREAKS holds '=' bash
# replaces only what follows it; otherwise the whole word.
_ips_value_in_word()
{
	local opt=${2%%=*} pre=

	[[ $COMP_WORDBREAKS == *=* ]] || pre=$opt=
	_ips_values "$opt" "$1" "${2#*=}" "$pre"
}

complete -F _ips ips ips-client ips-employer ips-meet ips-report
