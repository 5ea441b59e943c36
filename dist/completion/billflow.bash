# bash completion for billflow(1)
_billflow()
{
        local cur prev words cword
        _init_completion 2>/dev/null || {
                cur=${COMP_WORDS[COMP_CWORD]}
                prev=${COMP_WORDS[COMP_CWORD-1]}
                words=("${COMP_WORDS[@]}")
                cword=$COMP_CWORD
        }
        local commands="init extract import process queue review resolve ledger reverse audit
                status export exports run show config help"
        local globals="--home --json -q -v --user --set --help --version"
        local cmd="" i
        for ((i = 1; i < cword; i++)); do
                case ${words[i]} in
                --home|--user|--set) ((i++)) ;;
                -*) ;;
                *) cmd=${words[i]}; break ;;
                esac
        done
        case $prev in
        --home|--out|--original|--png) compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --format) COMPREPLY=($(compgen -W "beancount ledger csv iif xero json" -- "$cur")); return ;;
        --reason) COMPREPLY=($(compgen -W "unreadable missing_field low_confidence unknown_vendor
                missing_po po_not_found vendor_mismatch currency_mismatch price_variance
                quantity_exceeds_received total_mismatch duplicate possible_duplicate over_limit" -- "$cur")); return ;;
        esac
        if [[ -z $cmd ]]; then
                COMPREPLY=($(compgen -W "$commands $globals" -- "$cur"))
                return
        fi
        local opts=""
        case $cmd in
        import) opts="vendors pos receipts" ;;
        export) opts="--format --out --all --dry-run --force --batch" ;;
        queue) opts="--kind --reason --vendor --since --until" ;;
        ledger) opts="--vendor --since --until" ;;
        resolve) opts="--set --post --override --reject --recheck" ;;
        reverse) opts="--reason" ;;
        audit) opts="--document" ;;
        run) opts="--once" ;;
        show) opts="--original --png --page --force" ;;
        config) opts="check" ;;
        help) opts="$commands" ;;
        esac
        case $cmd in
        extract|process|import|show) compopt -o filenames 2>/dev/null
                COMPREPLY=($(compgen -W "$opts $globals" -- "$cur") $(compgen -f -- "$cur")) ;;
        *) COMPREPLY=($(compgen -W "$opts $globals" -- "$cur")) ;;
        esac
}
complete -F _billflow billflow
