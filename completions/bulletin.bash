# bash completion for bulletin(1); installed as
# share/bash-completion/completions/bulletin.
_bulletin()
{
    local cur prev cmd opts
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD-1]}
    if [ "$COMP_CWORD" -eq 1 ]; then
        COMPREPLY=($(compgen -W "build parse html pdf check template view site --help --version" -- "$cur"))
        return
    fi
    cmd=${COMP_WORDS[1]}
    case $prev in
        --from)
            COMPREPLY=($(compgen -W "cells pipe spaced kv prose html csv xlsx docx xls" -- "$cur"))
            return ;;
        --to)
            COMPREPLY=($(compgen -W "json xlsx" -- "$cur"))
            return ;;
        --style)
            COMPREPLY=($(compgen -W "default gongwen" -- "$cur"))
            return ;;
        --format)
            COMPREPLY=($(compgen -W "text json" -- "$cur"))
            return ;;
        --templates|--partials|--font-dir)
            COMPREPLY=($(compgen -d -- "$cur"))
            return ;;
        -o|--output|--aliases|--status-words|--config|--settings|--previous)
            COMPREPLY=($(compgen -f -- "$cur"))
            return ;;
        --title|--office|--date|--period|--source-name|--jobs|--font-size|--max-input-size|--lag-tolerance|--error)
            return ;;
    esac
    local read="--from --aliases --status-words --title --office --date --period --source-name --strict --max-input-size --lag-tolerance --no-schedule-lag --previous"
    local pdf="--landscape --style --font-dir --font-size --allow-fallback --jobs --checks --error"
    local write="-q --quiet --keep-going --config --settings"
    case $cmd in
        parse) opts="-o $read --grid --to" ;;
        html) opts="-o $read --templates --fragment --inline-styles --split-lists $write" ;;
        pdf) opts="-o $read --templates $pdf $write" ;;
        build) opts="-o $read --templates --split-lists $pdf $write" ;;
        template) opts="-o --partials" ;;
        view) opts="-o $read --fragment --inline-styles --config --settings" ;;
        check) opts="$read --error --format" ;;
        site) opts="-o --from --aliases --status-words --title --office --strict --max-input-size --lag-tolerance --no-schedule-lag --templates --no-pdf $pdf -q --quiet --config --settings" ;;
        *) opts="" ;;
    esac
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$opts --help" -- "$cur"))
    else
        COMPREPLY=($(compgen -f -- "$cur"))
    fi
}
complete -o filenames -F _bulletin bulletin
