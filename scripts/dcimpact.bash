# bash completion for dcimpact (installed as
# share/bash-completion/completions/dcimpact by `make install`)
_dcimpact() {
	local cur prev cmd opts
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD-1]}
	if [ "$COMP_CWORD" -eq 1 ]; then
		COMPREPLY=($(compgen -W "estimate report compare map batch merge \
		    export check racks grids plants help --help --version" -- "$cur"))
		return
	fi
	cmd=${COMP_WORDS[1]}
	case $prev in
	--format) COMPREPLY=($(compgen -W "text csv json cobra" -- "$cur")); return ;;
	--gwp) COMPREPLY=($(compgen -W "ar5 ar6" -- "$cur")); return ;;
	--grid-factors) COMPREPLY=($(compgen -W "average marginal" -- "$cur")); return ;;
	--grid-basis) COMPREPLY=($(compgen -W "egrid-average egrid-nonbaseload \
	    avert-marginal cambium-average cambium-lrmer cambium-srmer" -- "$cur")); return ;;
	--grid-scenario) COMPREPLY=($(compgen -W "MidCase LowRECost HighRECost \
	    HighDemandGrowth LowNGPrice HighNGPrice LowRECost_HighNGPrice \
	    HighRECost_LowNGPrice" -- "$cur")); return ;;
	--health) COMPREPLY=($(compgen -W "easiur epa-bpt" -- "$cur")); return ;;
	--paper) COMPREPLY=($(compgen -W "a4 letter" -- "$cur")); return ;;
	--layer) COMPREPLY=($(compgen -f -W "damages-pm25 damages-so2 damages-nox" \
	    -- "$cur")); return ;;
	-o | --output | --summary) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	--year | --health-year | --timeline | --dpi | --sort | --projection | \
	-j | --jobs | --samples | --seed | --shard | --start) return ;;
	esac
	if [[ $cur == -* ]]; then
		# the options the command takes, from its own --help
		opts=$(dcimpact "$cmd" --help 2>/dev/null |
		    grep -o -e '--[a-z-]*' -e '^  -[a-z]' | tr -d ' ' | sort -u)
		COMPREPLY=($(compgen -W "$opts" -- "$cur"))
		return
	fi
	case $cmd in
	help) COMPREPLY=($(compgen -W "estimate report compare map batch merge \
	    export check racks grids plants" -- "$cur")) ;;
	merge) COMPREPLY=($(compgen -f -X '!*.@(json|csv)' -- "$cur")) ;;
	*) COMPREPLY=($(compgen -f -X '!*.cfg' -- "$cur")) ;;
	esac
}
complete -o filenames -o bashdefault -F _dcimpact dcimpact
