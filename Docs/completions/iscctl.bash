#!/bin/bash

__iscctl_cursor_index_in_current_word() {
    local remaining="${COMP_LINE}"

    local word
    for word in "${COMP_WORDS[@]::COMP_CWORD}"; do
        remaining="${remaining##*([[:space:]])"${word}"*([[:space:]])}"
    done

    local -ir index="$((COMP_POINT - ${#COMP_LINE} + ${#remaining}))"
    if [[ "${index}" -le 0 ]]; then
        printf 0
    else
        printf %s "${index}"
    fi
}

# positional arguments:
#
# - 1: the current (sub)command's count of positional arguments
#
# required variables:
#
# - repeating_flags: the repeating flags that the current (sub)command can accept
# - non_repeating_flags: the non-repeating flags that the current (sub)command can accept
# - repeating_options: the repeating options that the current (sub)command can accept
# - non_repeating_options: the non-repeating options that the current (sub)command can accept
# - positional_number: value ignored
# - unparsed_words: unparsed words from the current command line
#
# modified variables:
#
# - non_repeating_flags: remove flags for this (sub)command that are already on the command line
# - non_repeating_options: remove options for this (sub)command that are already on the command line
# - positional_number: set to the current positional number
# - unparsed_words: remove all flags, options, and option values for this (sub)command
__iscctl_offer_flags_options() {
    local -ir positional_count="${1}"
    positional_number=0

    local was_flag_option_terminator_seen=false
    local is_parsing_option_value=false

    local -ar unparsed_word_indices=("${!unparsed_words[@]}")
    local -i word_index
    for word_index in "${unparsed_word_indices[@]}"; do
        if "${is_parsing_option_value}"; then
            # This word is an option value:
            # Reset marker for next word iff not currently the last word
            [[ "${word_index}" -ne "${unparsed_word_indices[${#unparsed_word_indices[@]} - 1]}" ]] && is_parsing_option_value=false
            unset "unparsed_words[${word_index}]"
            # Do not process this word as a flag or an option
            continue
        fi

        local word="${unparsed_words["${word_index}"]}"
        if ! "${was_flag_option_terminator_seen}"; then
            case "${word}" in
            --)
                unset "unparsed_words[${word_index}]"
                # by itself -- is a flag/option terminator, but if it is the last word, it is the start of a completion
                if [[ "${word_index}" -ne "${unparsed_word_indices[${#unparsed_word_indices[@]} - 1]}" ]]; then
                    was_flag_option_terminator_seen=true
                fi
                continue
                ;;
            -*)
                # ${word} is a flag or an option
                # If ${word} is an option, mark that the next word to be parsed is an option value
                local option
                for option in "${repeating_options[@]}" "${non_repeating_options[@]}"; do
                    [[ "${word}" = "${option}" ]] && is_parsing_option_value=true && break
                done

                # Remove ${word} from ${non_repeating_flags} or ${non_repeating_options} so it isn't offered again
                local not_found=true
                local -i index
                for index in "${!non_repeating_flags[@]}"; do
                    if [[ "${non_repeating_flags[${index}]}" = "${word}" ]]; then
                        unset "non_repeating_flags[${index}]"
                        non_repeating_flags=("${non_repeating_flags[@]}")
                        not_found=false
                        break
                    fi
                done
                if "${not_found}"; then
                    for index in "${!non_repeating_flags[@]}"; do
                        if [[ "${non_repeating_flags[${index}]}" = "${word}" ]]; then
                            unset "non_repeating_flags[${index}]"
                            non_repeating_flags=("${non_repeating_flags[@]}")
                            break
                        fi
                    done
                fi
                unset "unparsed_words[${word_index}]"
                continue
                ;;
            esac
        fi

        # ${word} is neither a flag, nor an option, nor an option value
        if [[ "${positional_number}" -lt "${positional_count}" || "${positional_count}" -lt 0 ]]; then
            # ${word} is a positional
            ((positional_number++))
            unset "unparsed_words[${word_index}]"
        else
            if [[ -z "${word}" ]]; then
                # Could be completing a flag, option, or subcommand
                positional_number=-1
            else
                # ${word} is a subcommand or invalid, so stop processing this (sub)command
                positional_number=-2
            fi
            break
        fi
    done

    unparsed_words=("${unparsed_words[@]}")

    if\
        ! "${was_flag_option_terminator_seen}"\
        && ! "${is_parsing_option_value}"\
        && [[ ("${cur}" = -* && "${positional_number}" -ge 0) || "${positional_number}" -eq -1 ]]
    then
        COMPREPLY+=($(compgen -W "${repeating_flags[*]} ${non_repeating_flags[*]} ${repeating_options[*]} ${non_repeating_options[*]}" -- "${cur}"))
    fi
}

__iscctl_add_completions() {
    local completion
    while IFS='' read -r completion; do
        COMPREPLY+=("${completion}")
    done < <(IFS=$'\n' compgen "${@}" -- "${cur}")
}

__iscctl_custom_complete() {
    if [[ -n "${cur}" || -z ${COMP_WORDS[${COMP_CWORD}]} || "${COMP_LINE:${COMP_POINT}:1}" != ' ' ]]; then
        local -ar words=("${COMP_WORDS[@]}")
    else
        local -ar words=("${COMP_WORDS[@]::${COMP_CWORD}}" '' "${COMP_WORDS[@]:${COMP_CWORD}}")
    fi

    "${COMP_WORDS[0]}" "${@}" "${words[@]}"
}

_iscctl() {
    local state
    state="$(shopt -p;shopt -po)"
    trap "${state//$'\n'/;}" RETURN
    shopt -s extglob
    set +o history +o posix

    local -xr SAP_SHELL=bash
    local -x SAP_SHELL_VERSION
    SAP_SHELL_VERSION="$(IFS='.';printf %s "${BASH_VERSINFO[*]}")"
    local -r SAP_SHELL_VERSION

    local -r cur="${2}"
    local -r prev="${3}"

    local -i positional_number
    local -a unparsed_words=("${COMP_WORDS[@]:1:${COMP_CWORD}}")

    local -a repeating_flags=()
    local -a non_repeating_flags=(--version -h --help)
    local -a repeating_options=()
    local -a non_repeating_options=()
    __iscctl_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    parse|init|add-runtime|update-runtime|add-cluster|remove-runtime|migrate|list|helm-values|validate|completion|help)
        # Offer subcommand argument completions
        "_iscctl_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'parse init add-runtime update-runtime add-cluster remove-runtime migrate list helm-values validate completion help' -- "${cur}"))
        ;;
    esac
}

_iscctl_parse() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--provider --api-url)
    __iscctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--provider')
        __iscctl_add_completions -W 'github'$'\n''gitlab'$'\n''bitbucket'$'\n''bitbucket-cloud'$'\n''azure-devops'$'\n''azure'$'\n''github-enterprise'$'\n''gitlab-server'$'\n''bitbucket-datacenter'$'\n''bitbucket-server'$'\n''gitea'$'\n''git'
        return
        ;;
    '--api-url')
        return
        ;;
    esac
}

_iscctl_init() {
    repeating_flags=()
    non_repeating_flags=(--insecure-skip-tls-verify --allow-insecure-http --quiet -q --no-cache --create-branch --dry-run --no-sign --json --version -h --help)
    repeating_options=()
    non_repeating_options=(--runtime --namespace --helm-release --access-mode --account-id --ingress-host --ingress-class --ingress-url --git-runtime-user --git-runtime-token-secret --chart-version --api-key-secret --argocd-auth --argocd-token-secret --argocd-username --argocd-password-secret --argocd-server-svc --argocd-server-port --argocd-rootpath --argocd-repo-server-svc --argocd-repo-server-port --argocd-version --repo --provider --api-url --git-token-file --ssh-key --known-hosts --ca-file --proxy --timeout --idle-timeout --cache-dir --retries --message --author-name --author-email --signing-key --signing-format)
    __iscctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--runtime')
        return
        ;;
    '--namespace')
        return
        ;;
    '--helm-release')
        return
        ;;
    '--access-mode')
        __iscctl_add_completions -W 'tunnel'$'\n''ingress'$'\n''service-mesh'
        return
        ;;
    '--account-id')
        return
        ;;
    '--ingress-host')
        return
        ;;
    '--ingress-class')
        return
        ;;
    '--ingress-url')
        return
        ;;
    '--git-runtime-user')
        return
        ;;
    '--git-runtime-token-secret')
        return
        ;;
    '--chart-version')
        return
        ;;
    '--api-key-secret')
        return
        ;;
    '--argocd-auth')
        __iscctl_add_completions -W 'token'$'\n''password'
        return
        ;;
    '--argocd-token-secret')
        return
        ;;
    '--argocd-username')
        return
        ;;
    '--argocd-password-secret')
        return
        ;;
    '--argocd-server-svc')
        return
        ;;
    '--argocd-server-port')
        return
        ;;
    '--argocd-rootpath')
        return
        ;;
    '--argocd-repo-server-svc')
        return
        ;;
    '--argocd-repo-server-port')
        return
        ;;
    '--argocd-version')
        return
        ;;
    '--repo')
        return
        ;;
    '--provider')
        __iscctl_add_completions -W 'github'$'\n''gitlab'$'\n''bitbucket'$'\n''bitbucket-cloud'$'\n''azure-devops'$'\n''azure'$'\n''github-enterprise'$'\n''gitlab-server'$'\n''bitbucket-datacenter'$'\n''bitbucket-server'$'\n''gitea'$'\n''git'
        return
        ;;
    '--api-url')
        return
        ;;
    '--git-token-file')
        __iscctl_add_completions -f
        return
        ;;
    '--ssh-key')
        __iscctl_add_completions -f
        return
        ;;
    '--known-hosts')
        __iscctl_add_completions -f
        return
        ;;
    '--ca-file')
        __iscctl_add_completions -f
        return
        ;;
    '--proxy')
        return
        ;;
    '--timeout')
        return
        ;;
    '--idle-timeout')
        return
        ;;
    '--cache-dir')
        __iscctl_add_completions -d
        return
        ;;
    '--retries')
        return
        ;;
    '--message')
        return
        ;;
    '--author-name')
        return
        ;;
    '--author-email')
        return
        ;;
    '--signing-key')
        __iscctl_add_completions -f
        return
        ;;
    '--signing-format')
        __iscctl_add_completions -W 'ssh'$'\n''openpgp'
        return
        ;;
    esac
}

_iscctl_add-runtime() {
    repeating_flags=()
    non_repeating_flags=(--insecure-skip-tls-verify --allow-insecure-http --quiet -q --no-cache --create-branch --dry-run --no-sign --json --version -h --help)
    repeating_options=()
    non_repeating_options=(--runtime --namespace --helm-release --access-mode --account-id --ingress-host --ingress-class --ingress-url --git-runtime-user --git-runtime-token-secret --chart-version --api-key-secret --argocd-auth --argocd-token-secret --argocd-username --argocd-password-secret --argocd-server-svc --argocd-server-port --argocd-rootpath --argocd-repo-server-svc --argocd-repo-server-port --argocd-version --repo --provider --api-url --git-token-file --ssh-key --known-hosts --ca-file --proxy --timeout --idle-timeout --cache-dir --retries --message --author-name --author-email --signing-key --signing-format)
    __iscctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--runtime')
        return
        ;;
    '--namespace')
        return
        ;;
    '--helm-release')
        return
        ;;
    '--access-mode')
        __iscctl_add_completions -W 'tunnel'$'\n''ingress'$'\n''service-mesh'
        return
        ;;
    '--account-id')
        return
        ;;
    '--ingress-host')
        return
        ;;
    '--ingress-class')
        return
        ;;
    '--ingress-url')
        return
        ;;
    '--git-runtime-user')
        return
        ;;
    '--git-runtime-token-secret')
        return
        ;;
    '--chart-version')
        return
        ;;
    '--api-key-secret')
        return
        ;;
    '--argocd-auth')
        __iscctl_add_completions -W 'token'$'\n''password'
        return
        ;;
    '--argocd-token-secret')
        return
        ;;
    '--argocd-username')
        return
        ;;
    '--argocd-password-secret')
        return
        ;;
    '--argocd-server-svc')
        return
        ;;
    '--argocd-server-port')
        return
        ;;
    '--argocd-rootpath')
        return
        ;;
    '--argocd-repo-server-svc')
        return
        ;;
    '--argocd-repo-server-port')
        return
        ;;
    '--argocd-version')
        return
        ;;
    '--repo')
        return
        ;;
    '--provider')
        __iscctl_add_completions -W 'github'$'\n''gitlab'$'\n''bitbucket'$'\n''bitbucket-cloud'$'\n''azure-devops'$'\n''azure'$'\n''github-enterprise'$'\n''gitlab-server'$'\n''bitbucket-datacenter'$'\n''bitbucket-server'$'\n''gitea'$'\n''git'
        return
        ;;
    '--api-url')
        return
        ;;
    '--git-token-file')
        __iscctl_add_completions -f
        return
        ;;
    '--ssh-key')
        __iscctl_add_completions -f
        return
        ;;
    '--known-hosts')
        __iscctl_add_completions -f
        return
        ;;
    '--ca-file')
        __iscctl_add_completions -f
        return
        ;;
    '--proxy')
        return
        ;;
    '--timeout')
        return
        ;;
    '--idle-timeout')
        return
        ;;
    '--cache-dir')
        __iscctl_add_completions -d
        return
        ;;
    '--retries')
        return
        ;;
    '--message')
        return
        ;;
    '--author-name')
        return
        ;;
    '--author-email')
        return
        ;;
    '--signing-key')
        __iscctl_add_completions -f
        return
        ;;
    '--signing-format')
        __iscctl_add_completions -W 'ssh'$'\n''openpgp'
        return
        ;;
    esac
}

_iscctl_update-runtime() {
    repeating_flags=()
    non_repeating_flags=(--insecure-skip-tls-verify --allow-insecure-http --quiet -q --no-cache --create-branch --dry-run --no-sign --json --version -h --help)
    repeating_options=()
    non_repeating_options=(--runtime --namespace --helm-release --access-mode --account-id --ingress-host --ingress-class --ingress-url --git-runtime-user --git-runtime-token-secret --chart-version --api-key-secret --argocd-auth --argocd-token-secret --argocd-username --argocd-password-secret --argocd-server-svc --argocd-server-port --argocd-rootpath --argocd-repo-server-svc --argocd-repo-server-port --argocd-version --repo --provider --api-url --git-token-file --ssh-key --known-hosts --ca-file --proxy --timeout --idle-timeout --cache-dir --retries --message --author-name --author-email --signing-key --signing-format)
    __iscctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--runtime')
        return
        ;;
    '--namespace')
        return
        ;;
    '--helm-release')
        return
        ;;
    '--access-mode')
        __iscctl_add_completions -W 'tunnel'$'\n''ingress'$'\n''service-mesh'
        return
        ;;
    '--account-id')
        return
        ;;
    '--ingress-host')
        return
        ;;
    '--ingress-class')
        return
        ;;
    '--ingress-url')
        return
        ;;
    '--git-runtime-user')
        return
        ;;
    '--git-runtime-token-secret')
        return
        ;;
    '--chart-version')
        return
        ;;
    '--api-key-secret')
        return
        ;;
    '--argocd-auth')
        __iscctl_add_completions -W 'token'$'\n''password'
        return
        ;;
    '--argocd-token-secret')
        return
        ;;
    '--argocd-username')
        return
        ;;
    '--argocd-password-secret')
        return
        ;;
    '--argocd-server-svc')
        return
        ;;
    '--argocd-server-port')
        return
        ;;
    '--argocd-rootpath')
        return
        ;;
    '--argocd-repo-server-svc')
        return
        ;;
    '--argocd-repo-server-port')
        return
        ;;
    '--argocd-version')
        return
        ;;
    '--repo')
        return
        ;;
    '--provider')
        __iscctl_add_completions -W 'github'$'\n''gitlab'$'\n''bitbucket'$'\n''bitbucket-cloud'$'\n''azure-devops'$'\n''azure'$'\n''github-enterprise'$'\n''gitlab-server'$'\n''bitbucket-datacenter'$'\n''bitbucket-server'$'\n''gitea'$'\n''git'
        return
        ;;
    '--api-url')
        return
        ;;
    '--git-token-file')
        __iscctl_add_completions -f
        return
        ;;
    '--ssh-key')
        __iscctl_add_completions -f
        return
        ;;
    '--known-hosts')
        __iscctl_add_completions -f
        return
        ;;
    '--ca-file')
        __iscctl_add_completions -f
        return
        ;;
    '--proxy')
        return
        ;;
    '--timeout')
        return
        ;;
    '--idle-timeout')
        return
        ;;
    '--cache-dir')
        __iscctl_add_completions -d
        return
        ;;
    '--retries')
        return
        ;;
    '--message')
        return
        ;;
    '--author-name')
        return
        ;;
    '--author-email')
        return
        ;;
    '--signing-key')
        __iscctl_add_completions -f
        return
        ;;
    '--signing-format')
        __iscctl_add_completions -W 'ssh'$'\n''openpgp'
        return
        ;;
    esac
}

_iscctl_add-cluster() {
    repeating_flags=()
    non_repeating_flags=(--insecure-skip-tls-verify --allow-insecure-http --quiet -q --no-cache --create-branch --dry-run --no-sign --json --version -h --help)
    repeating_options=()
    non_repeating_options=(--runtime --cluster --server --repo --provider --api-url --git-token-file --ssh-key --known-hosts --ca-file --proxy --timeout --idle-timeout --cache-dir --retries --message --author-name --author-email --signing-key --signing-format)
    __iscctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--runtime')
        return
        ;;
    '--cluster')
        return
        ;;
    '--server')
        return
        ;;
    '--repo')
        return
        ;;
    '--provider')
        __iscctl_add_completions -W 'github'$'\n''gitlab'$'\n''bitbucket'$'\n''bitbucket-cloud'$'\n''azure-devops'$'\n''azure'$'\n''github-enterprise'$'\n''gitlab-server'$'\n''bitbucket-datacenter'$'\n''bitbucket-server'$'\n''gitea'$'\n''git'
        return
        ;;
    '--api-url')
        return
        ;;
    '--git-token-file')
        __iscctl_add_completions -f
        return
        ;;
    '--ssh-key')
        __iscctl_add_completions -f
        return
        ;;
    '--known-hosts')
        __iscctl_add_completions -f
        return
        ;;
    '--ca-file')
        __iscctl_add_completions -f
        return
        ;;
    '--proxy')
        return
        ;;
    '--timeout')
        return
        ;;
    '--idle-timeout')
        return
        ;;
    '--cache-dir')
        __iscctl_add_completions -d
        return
        ;;
    '--retries')
        return
        ;;
    '--message')
        return
        ;;
    '--author-name')
        return
        ;;
    '--author-email')
        return
        ;;
    '--signing-key')
        __iscctl_add_completions -f
        return
        ;;
    '--signing-format')
        __iscctl_add_completions -W 'ssh'$'\n''openpgp'
        return
        ;;
    esac
}

_iscctl_remove-runtime() {
    repeating_flags=()
    non_repeating_flags=(--insecure-skip-tls-verify --allow-insecure-http --quiet -q --no-cache --create-branch --dry-run --no-sign --json --version -h --help)
    repeating_options=()
    non_repeating_options=(--runtime --repo --provider --api-url --git-token-file --ssh-key --known-hosts --ca-file --proxy --timeout --idle-timeout --cache-dir --retries --message --author-name --author-email --signing-key --signing-format)
    __iscctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--runtime')
        return
        ;;
    '--repo')
        return
        ;;
    '--provider')
        __iscctl_add_completions -W 'github'$'\n''gitlab'$'\n''bitbucket'$'\n''bitbucket-cloud'$'\n''azure-devops'$'\n''azure'$'\n''github-enterprise'$'\n''gitlab-server'$'\n''bitbucket-datacenter'$'\n''bitbucket-server'$'\n''gitea'$'\n''git'
        return
        ;;
    '--api-url')
        return
        ;;
    '--git-token-file')
        __iscctl_add_completions -f
        return
        ;;
    '--ssh-key')
        __iscctl_add_completions -f
        return
        ;;
    '--known-hosts')
        __iscctl_add_completions -f
        return
        ;;
    '--ca-file')
        __iscctl_add_completions -f
        return
        ;;
    '--proxy')
        return
        ;;
    '--timeout')
        return
        ;;
    '--idle-timeout')
        return
        ;;
    '--cache-dir')
        __iscctl_add_completions -d
        return
        ;;
    '--retries')
        return
        ;;
    '--message')
        return
        ;;
    '--author-name')
        return
        ;;
    '--author-email')
        return
        ;;
    '--signing-key')
        __iscctl_add_completions -f
        return
        ;;
    '--signing-format')
        __iscctl_add_completions -W 'ssh'$'\n''openpgp'
        return
        ;;
    esac
}

_iscctl_migrate() {
    repeating_flags=()
    non_repeating_flags=(--insecure-skip-tls-verify --allow-insecure-http --quiet -q --no-cache --create-branch --dry-run --no-sign --json --version -h --help)
    repeating_options=()
    non_repeating_options=(--repo --provider --api-url --git-token-file --ssh-key --known-hosts --ca-file --proxy --timeout --idle-timeout --cache-dir --retries --message --author-name --author-email --signing-key --signing-format)
    __iscctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--repo')
        return
        ;;
    '--provider')
        __iscctl_add_completions -W 'github'$'\n''gitlab'$'\n''bitbucket'$'\n''bitbucket-cloud'$'\n''azure-devops'$'\n''azure'$'\n''github-enterprise'$'\n''gitlab-server'$'\n''bitbucket-datacenter'$'\n''bitbucket-server'$'\n''gitea'$'\n''git'
        return
        ;;
    '--api-url')
        return
        ;;
    '--git-token-file')
        __iscctl_add_completions -f
        return
        ;;
    '--ssh-key')
        __iscctl_add_completions -f
        return
        ;;
    '--known-hosts')
        __iscctl_add_completions -f
        return
        ;;
    '--ca-file')
        __iscctl_add_completions -f
        return
        ;;
    '--proxy')
        return
        ;;
    '--timeout')
        return
        ;;
    '--idle-timeout')
        return
        ;;
    '--cache-dir')
        __iscctl_add_completions -d
        return
        ;;
    '--retries')
        return
        ;;
    '--message')
        return
        ;;
    '--author-name')
        return
        ;;
    '--author-email')
        return
        ;;
    '--signing-key')
        __iscctl_add_completions -f
        return
        ;;
    '--signing-format')
        __iscctl_add_completions -W 'ssh'$'\n''openpgp'
        return
        ;;
    esac
}

_iscctl_list() {
    repeating_flags=()
    non_repeating_flags=(--insecure-skip-tls-verify --allow-insecure-http --quiet -q --no-cache --json --version -h --help)
    repeating_options=()
    non_repeating_options=(--repo --provider --api-url --git-token-file --ssh-key --known-hosts --ca-file --proxy --timeout --idle-timeout --cache-dir)
    __iscctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--repo')
        return
        ;;
    '--provider')
        __iscctl_add_completions -W 'github'$'\n''gitlab'$'\n''bitbucket'$'\n''bitbucket-cloud'$'\n''azure-devops'$'\n''azure'$'\n''github-enterprise'$'\n''gitlab-server'$'\n''bitbucket-datacenter'$'\n''bitbucket-server'$'\n''gitea'$'\n''git'
        return
        ;;
    '--api-url')
        return
        ;;
    '--git-token-file')
        __iscctl_add_completions -f
        return
        ;;
    '--ssh-key')
        __iscctl_add_completions -f
        return
        ;;
    '--known-hosts')
        __iscctl_add_completions -f
        return
        ;;
    '--ca-file')
        __iscctl_add_completions -f
        return
        ;;
    '--proxy')
        return
        ;;
    '--timeout')
        return
        ;;
    '--idle-timeout')
        return
        ;;
    '--cache-dir')
        __iscctl_add_completions -d
        return
        ;;
    esac
}

_iscctl_helm-values() {
    repeating_flags=()
    non_repeating_flags=(--insecure-skip-tls-verify --allow-insecure-http --quiet -q --no-cache --json --version -h --help)
    repeating_options=()
    non_repeating_options=(--runtime --format --api-key-secret --argocd-version --repo --provider --api-url --git-token-file --ssh-key --known-hosts --ca-file --proxy --timeout --idle-timeout --cache-dir)
    __iscctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--runtime')
        return
        ;;
    '--format')
        __iscctl_add_completions -W 'command'$'\n''values'$'\n''terraform'$'\n''secrets'
        return
        ;;
    '--api-key-secret')
        return
        ;;
    '--argocd-version')
        return
        ;;
    '--repo')
        return
        ;;
    '--provider')
        __iscctl_add_completions -W 'github'$'\n''gitlab'$'\n''bitbucket'$'\n''bitbucket-cloud'$'\n''azure-devops'$'\n''azure'$'\n''github-enterprise'$'\n''gitlab-server'$'\n''bitbucket-datacenter'$'\n''bitbucket-server'$'\n''gitea'$'\n''git'
        return
        ;;
    '--api-url')
        return
        ;;
    '--git-token-file')
        __iscctl_add_completions -f
        return
        ;;
    '--ssh-key')
        __iscctl_add_completions -f
        return
        ;;
    '--known-hosts')
        __iscctl_add_completions -f
        return
        ;;
    '--ca-file')
        __iscctl_add_completions -f
        return
        ;;
    '--proxy')
        return
        ;;
    '--timeout')
        return
        ;;
    '--idle-timeout')
        return
        ;;
    '--cache-dir')
        __iscctl_add_completions -d
        return
        ;;
    esac
}

_iscctl_validate() {
    repeating_flags=()
    non_repeating_flags=(--insecure-skip-tls-verify --allow-insecure-http --quiet -q --no-cache --json --version -h --help)
    repeating_options=()
    non_repeating_options=(--repo --provider --api-url --git-token-file --ssh-key --known-hosts --ca-file --proxy --timeout --idle-timeout --cache-dir)
    __iscctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--repo')
        return
        ;;
    '--provider')
        __iscctl_add_completions -W 'github'$'\n''gitlab'$'\n''bitbucket'$'\n''bitbucket-cloud'$'\n''azure-devops'$'\n''azure'$'\n''github-enterprise'$'\n''gitlab-server'$'\n''bitbucket-datacenter'$'\n''bitbucket-server'$'\n''gitea'$'\n''git'
        return
        ;;
    '--api-url')
        return
        ;;
    '--git-token-file')
        __iscctl_add_completions -f
        return
        ;;
    '--ssh-key')
        __iscctl_add_completions -f
        return
        ;;
    '--known-hosts')
        __iscctl_add_completions -f
        return
        ;;
    '--ca-file')
        __iscctl_add_completions -f
        return
        ;;
    '--proxy')
        return
        ;;
    '--timeout')
        return
        ;;
    '--idle-timeout')
        return
        ;;
    '--cache-dir')
        __iscctl_add_completions -d
        return
        ;;
    esac
}

_iscctl_completion() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __iscctl_offer_flags_options 1

    # Offer positional completions
    case "${positional_number}" in
    1)
        __iscctl_add_completions -W 'bash'$'\n''zsh'$'\n''fish'
        return
        ;;
    esac
}

_iscctl_help() {
    repeating_flags=()
    non_repeating_flags=(--version)
    repeating_options=()
    non_repeating_options=()
    __iscctl_offer_flags_options -1
}

complete -o filenames -F _iscctl iscctl
