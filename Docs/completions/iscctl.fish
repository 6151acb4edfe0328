function __iscctl_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __iscctl_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __iscctl_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __iscctl_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __iscctl_parse_tokens -S
    set -l unparsed_tokens (__iscctl_tokens -pc)
    switch $unparsed_tokens[1]
    case 'iscctl'
        __iscctl_parse_subcommand 0 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'parse'
            __iscctl_parse_subcommand 1 'provider=' 'api-url=' 'json' 'version' 'h/help'
        case 'init'
            __iscctl_parse_subcommand 0 'runtime=' 'namespace=' 'helm-release=' 'access-mode=' 'account-id=' 'ingress-host=' 'ingress-class=' 'ingress-url=' 'git-runtime-user=' 'git-runtime-token-secret=' 'chart-version=' 'api-key-secret=' 'argocd-auth=' 'argocd-token-secret=' 'argocd-username=' 'argocd-password-secret=' 'argocd-server-svc=' 'argocd-server-port=' 'argocd-rootpath=' 'argocd-repo-server-svc=' 'argocd-repo-server-port=' 'argocd-version=' 'repo=' 'provider=' 'api-url=' 'git-token-file=' 'ssh-key=' 'known-hosts=' 'ca-file=' 'insecure-skip-tls-verify' 'allow-insecure-http' 'proxy=' 'timeout=' 'idle-timeout=' 'q/quiet' 'cache-dir=' 'no-cache' 'retries=' 'create-branch' 'message=' 'author-name=' 'author-email=' 'dry-run' 'signing-key=' 'signing-format=' 'no-sign' 'json' 'version' 'h/help'
        case 'add-runtime'
            __iscctl_parse_subcommand 0 'runtime=' 'namespace=' 'helm-release=' 'access-mode=' 'account-id=' 'ingress-host=' 'ingress-class=' 'ingress-url=' 'git-runtime-user=' 'git-runtime-token-secret=' 'chart-version=' 'api-key-secret=' 'argocd-auth=' 'argocd-token-secret=' 'argocd-username=' 'argocd-password-secret=' 'argocd-server-svc=' 'argocd-server-port=' 'argocd-rootpath=' 'argocd-repo-server-svc=' 'argocd-repo-server-port=' 'argocd-version=' 'repo=' 'provider=' 'api-url=' 'git-token-file=' 'ssh-key=' 'known-hosts=' 'ca-file=' 'insecure-skip-tls-verify' 'allow-insecure-http' 'proxy=' 'timeout=' 'idle-timeout=' 'q/quiet' 'cache-dir=' 'no-cache' 'retries=' 'create-branch' 'message=' 'author-name=' 'author-email=' 'dry-run' 'signing-key=' 'signing-format=' 'no-sign' 'json' 'version' 'h/help'
        case 'update-runtime'
            __iscctl_parse_subcommand 0 'runtime=' 'namespace=' 'helm-release=' 'access-mode=' 'account-id=' 'ingress-host=' 'ingress-class=' 'ingress-url=' 'git-runtime-user=' 'git-runtime-token-secret=' 'chart-version=' 'api-key-secret=' 'argocd-auth=' 'argocd-token-secret=' 'argocd-username=' 'argocd-password-secret=' 'argocd-server-svc=' 'argocd-server-port=' 'argocd-rootpath=' 'argocd-repo-server-svc=' 'argocd-repo-server-port=' 'argocd-version=' 'repo=' 'provider=' 'api-url=' 'git-token-file=' 'ssh-key=' 'known-hosts=' 'ca-file=' 'insecure-skip-tls-verify' 'allow-insecure-http' 'proxy=' 'timeout=' 'idle-timeout=' 'q/quiet' 'cache-dir=' 'no-cache' 'retries=' 'create-branch' 'message=' 'author-name=' 'author-email=' 'dry-run' 'signing-key=' 'signing-format=' 'no-sign' 'json' 'version' 'h/help'
        case 'add-cluster'
            __iscctl_parse_subcommand 0 'runtime=' 'cluster=' 'server=' 'repo=' 'provider=' 'api-url=' 'git-token-file=' 'ssh-key=' 'known-hosts=' 'ca-file=' 'insecure-skip-tls-verify' 'allow-insecure-http' 'proxy=' 'timeout=' 'idle-timeout=' 'q/quiet' 'cache-dir=' 'no-cache' 'retries=' 'create-branch' 'message=' 'author-name=' 'author-email=' 'dry-run' 'signing-key=' 'signing-format=' 'no-sign' 'json' 'version' 'h/help'
        case 'remove-runtime'
            __iscctl_parse_subcommand 0 'runtime=' 'repo=' 'provider=' 'api-url=' 'git-token-file=' 'ssh-key=' 'known-hosts=' 'ca-file=' 'insecure-skip-tls-verify' 'allow-insecure-http' 'proxy=' 'timeout=' 'idle-timeout=' 'q/quiet' 'cache-dir=' 'no-cache' 'retries=' 'create-branch' 'message=' 'author-name=' 'author-email=' 'dry-run' 'signing-key=' 'signing-format=' 'no-sign' 'json' 'version' 'h/help'
        case 'migrate'
            __iscctl_parse_subcommand 0 'repo=' 'provider=' 'api-url=' 'git-token-file=' 'ssh-key=' 'known-hosts=' 'ca-file=' 'insecure-skip-tls-verify' 'allow-insecure-http' 'proxy=' 'timeout=' 'idle-timeout=' 'q/quiet' 'cache-dir=' 'no-cache' 'retries=' 'create-branch' 'message=' 'author-name=' 'author-email=' 'dry-run' 'signing-key=' 'signing-format=' 'no-sign' 'json' 'version' 'h/help'
        case 'list'
            __iscctl_parse_subcommand 0 'repo=' 'provider=' 'api-url=' 'git-token-file=' 'ssh-key=' 'known-hosts=' 'ca-file=' 'insecure-skip-tls-verify' 'allow-insecure-http' 'proxy=' 'timeout=' 'idle-timeout=' 'q/quiet' 'cache-dir=' 'no-cache' 'json' 'version' 'h/help'
        case 'helm-values'
            __iscctl_parse_subcommand 0 'runtime=' 'format=' 'api-key-secret=' 'argocd-version=' 'repo=' 'provider=' 'api-url=' 'git-token-file=' 'ssh-key=' 'known-hosts=' 'ca-file=' 'insecure-skip-tls-verify' 'allow-insecure-http' 'proxy=' 'timeout=' 'idle-timeout=' 'q/quiet' 'cache-dir=' 'no-cache' 'json' 'version' 'h/help'
        case 'validate'
            __iscctl_parse_subcommand 0 'repo=' 'provider=' 'api-url=' 'git-token-file=' 'ssh-key=' 'known-hosts=' 'ca-file=' 'insecure-skip-tls-verify' 'allow-insecure-http' 'proxy=' 'timeout=' 'idle-timeout=' 'q/quiet' 'cache-dir=' 'no-cache' 'json' 'version' 'h/help'
        case 'completion'
            __iscctl_parse_subcommand 1 'version' 'h/help'
        case 'help'
            __iscctl_parse_subcommand -r 1 'version'
        end
    end
end

function __iscctl_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __iscctl_parse_subcommand -S -a positional_count
    argparse -s r -- $argv
    set -l option_specs $argv[2..]
    set -l is_repeating_positional $_flag_r
    set -el _flag_r
    set -a commands $unparsed_tokens[1]
    set positional_index 0
    while true
        set -e unparsed_tokens[1]
        argparse -sn "$commands" $option_specs -- $unparsed_tokens 2> /dev/null
        set unparsed_tokens $argv
        set positional_index (math $positional_index + 1)
        for non_repeating_flag_or_option in $non_repeating_flags_or_options
            if set -ql "_flag_$(string replace -a - _ -- $non_repeating_flag_or_option)"
                set non_repeating_flags_or_options_absent 1
                break
            end
        end
        test (count $unparsed_tokens) -eq 0 -o \( -z "$is_repeating_positional" -a "$positional_index" -gt "$positional_count" \) && break
    end
end

function __iscctl_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __iscctl_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__iscctl_tokens -p)
    if test -z "$(__iscctl_tokens -t)"
        set -l index (count (__iscctl_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'iscctl' -f
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl" version' -l 'version' -d 'Show the version.'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_positional "iscctl" -eq 1' -fa 'parse' -d 'Print the parts of a repository URL, its Git provider and API URL.'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_positional "iscctl" -eq 1' -fa 'init' -d 'Lay out the Shared Configuration Repository with its first (configuration) runtime.'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_positional "iscctl" -eq 1' -fa 'add-runtime' -d 'Register one more runtime; refuses a name that exists with other settings.'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_positional "iscctl" -eq 1' -fa 'update-runtime' -d 'Change settings of a registered runtime; only the flags given change.'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_positional "iscctl" -eq 1' -fa 'add-cluster' -d 'Add an extra cluster managed by a runtime (runtimes/<runtime>/<cluster>.yaml).'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_positional "iscctl" -eq 1' -fa 'remove-runtime' -d 'Remove a runtime\'s files and registry entry; refuses the configuration runtime.'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_positional "iscctl" -eq 1' -fa 'migrate' -d 'Convert a layout iscctl/v1 ISC to iscctl/v2 in one commit.'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_positional "iscctl" -eq 1' -fa 'list' -d 'List the registered runtimes.'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_positional "iscctl" -eq 1' -fa 'helm-values' -d 'Print the Helm install of a runtime: a command, a values.yaml or a Terraform helm_release. Reads only the registry; writes nothing.'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_positional "iscctl" -eq 1' -fa 'validate' -d 'Check the ISC: the registry parses, every runtime has its files, names are valid, no stray runtime folders, the manifests under resources/ parse, are applied and define no object twice.'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_positional "iscctl" -eq 1' -fa 'completion' -d 'Print the shell completion script for bash, zsh or fish.'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_positional "iscctl" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl parse" provider' -l 'provider' -d 'The Git provider, by id or alias, any case (default: detected from the host).' -rfka 'github gitlab bitbucket bitbucket-cloud azure-devops azure github-enterprise gitlab-server bitbucket-datacenter bitbucket-server gitea git'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl parse" api-url' -l 'api-url' -d 'The provider\'s API URL (on-premises providers).' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl parse" json' -l 'json' -d 'Print one JSON object.'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl parse" version' -l 'version' -d 'Show the version.'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl parse" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl init" runtime' -l 'runtime' -d 'The runtime name: a lower-case letter, then lower-case letters and digits, at most 38.' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl init" namespace' -l 'namespace' -d 'The namespace of the existing Argo CD, where the runtime is installed. (default: codefresh)' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl init" helm-release' -l 'helm-release' -d 'The Helm release name. (default: cf-gitops-runtime)' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl init" access-mode' -l 'access-mode' -d 'How the platform reaches the runtime. (default: tunnel)' -rfka 'tunnel ingress service-mesh'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl init" account-id' -l 'account-id' -d 'The platform account id (tunnel mode).' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl init" ingress-host' -l 'ingress-host' -d 'The ingress host (ingress mode).' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl init" ingress-class' -l 'ingress-class' -d 'The ingress class (ingress mode).' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl init" ingress-url' -l 'ingress-url' -d 'The URL the platform reaches the runtime at (service-mesh mode).' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl init" git-runtime-user' -l 'git-runtime-user' -d 'The Git user of the runtime\'s own Git credentials (optional with a token).' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl init" git-runtime-token-secret' -l 'git-runtime-token-secret' -d 'The secret holding the runtime\'s Git token (global.runtime.gitCredentials); the runtime is not fully functional without it.' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl init" chart-version' -l 'chart-version' -d 'The gitops-runtime chart version to pin (helm --version, Terraform version); unpinned installs the newest chart.' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl init" api-key-secret' -l 'api-key-secret' -d 'A secret holding the platform API key, used by the values and terraform formats instead of $CF_API_KEY.' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl init" argocd-auth' -l 'argocd-auth' -d 'How the runtime authenticates to Argo CD. (default: token)' -rfka 'token password'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl init" argocd-token-secret' -l 'argocd-token-secret' -d 'The secret holding the Argo CD token (token auth).' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl init" argocd-username' -l 'argocd-username' -d 'The Argo CD user (password auth). (default: admin)' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl init" argocd-password-secret' -l 'argocd-password-secret' -d 'The secret holding the Argo CD password (password auth).' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl init" argocd-server-svc' -l 'argocd-server-svc' -d 'The Argo CD server service. (default: argocd-server)' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl init" argocd-server-port' -l 'argocd-server-port' -d 'The Argo CD server service port. (default: 80)' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl init" argocd-rootpath' -l 'argocd-rootpath' -d 'The Argo CD server root path (empty or starting with /). (default: empty)' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl init" argocd-repo-server-svc' -l 'argocd-repo-server-svc' -d 'The Argo CD repo server service. (default: argocd-repo-server)' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl init" argocd-repo-server-port' -l 'argocd-repo-server-port' -d 'The Argo CD repo server service port. (default: 8081)' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl init" argocd-version' -l 'argocd-version' -d 'The version of the existing Argo CD, checked (not stored) against the chart\'s compatibility table.' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl init" repo' -l 'repo' -d 'The repository URL: <repo_url>[.git][/<path>][?ref=<branch>] (default: $ISC_REPO).' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl init" provider' -l 'provider' -d 'The Git provider, by id or alias, any case (default: detected from the host).' -rfka 'github gitlab bitbucket bitbucket-cloud azure-devops azure github-enterprise gitlab-server bitbucket-datacenter bitbucket-server gitea git'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl init" api-url' -l 'api-url' -d 'The provider\'s API URL (on-premises providers).' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl init" git-token-file' -l 'git-token-file' -d 'A file holding the Git token for https (default: $ISC_GIT_TOKEN; user $ISC_GIT_USER, else the URL\'s, else git).' -rF
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl init" ssh-key' -l 'ssh-key' -d 'The private key for ssh (ed25519 or ECDSA); default: ssh-agent, else ~/.ssh/id_ed25519 or id_ecdsa.' -rF
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl init" known-hosts' -l 'known-hosts' -d 'The known_hosts file SSH host keys are checked against.' -rF
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl init" ca-file' -l 'ca-file' -d 'PEM CA certificates to verify the HTTPS server with (a private CA).' -rF
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl init" insecure-skip-tls-verify' -l 'insecure-skip-tls-verify' -d 'Do not verify the HTTPS server\'s certificate (testing only).'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl init" allow-insecure-http' -l 'allow-insecure-http' -d 'Allow sending the Git token over plain http://.'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl init" proxy' -l 'proxy' -d 'The HTTP proxy for http(s) remotes: http://[user:password@]host:port (default: $https_proxy/$HTTPS_PROXY or $http_proxy/$HTTP_PROXY by the remote\'s scheme, else git config http.proxy; $no_proxy applies; credentials also from $ISC_PROXY_USER and $ISC_PROXY_PASSWORD; ssh and git:// are never proxied).' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl init" timeout' -l 'timeout' -d 'Give up on a fetch, push or ls-remote (connect included) that takes longer than this, each one on its own: 30s, 2m, 1h, 1m30s, 500ms; a bare number is seconds (default: no limit).' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl init" idle-timeout' -l 'idle-timeout' -d 'Give up when the Git server accepts or sends nothing for this long: 30s, 2m, 500ms; a bare number is seconds; 0 waits for ever.' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl init" q quiet' -l 'quiet' -s 'q' -d 'No progress output.'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl init" cache-dir' -l 'cache-dir' -d 'Where the bare mirrors of repositories are kept between runs (default: $ISC_CACHE_DIR, else $XDG_CACHE_HOME/iscctl, else ~/.cache/iscctl).' -rfa '(__iscctl_complete_directories)'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl init" no-cache' -l 'no-cache' -d 'Use a temporary mirror, removed at the end (fetches the whole history).'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl init" retries' -l 'retries' -d 'How many times a push rejected because the branch moved is recomputed and retried.' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl init" create-branch' -l 'create-branch' -d 'Start the URL\'s ref branch from the default branch when it does not exist.'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl init" message' -l 'message' -d 'The commit message.' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl init" author-name' -l 'author-name' -d 'The commit author\'s name (default: git config user.name, else iscctl).' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl init" author-email' -l 'author-email' -d 'The commit author\'s e-mail (default: git config user.email, else iscctl@localhost).' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl init" dry-run' -l 'dry-run' -d 'Print a unified diff of what would change; commit and push nothing.'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl init" signing-key' -l 'signing-key' -d 'Sign the commit with this key: an ssh key file (a .pub file or key::<public key> signs through the ssh-agent) or an OpenPGP key id (default: git config user.signingKey when commit.gpgSign is true).' -rF
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl init" signing-format' -l 'signing-format' -d 'The signature format (default: git config gpg.format, else guessed from --signing-key: a file or ssh key is ssh, anything else openpgp).' -rfka 'ssh openpgp'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl init" no-sign' -l 'no-sign' -d 'Do not sign the commit, whatever git config commit.gpgSign says.'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl init" json' -l 'json' -d 'Print JSON.'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl init" version' -l 'version' -d 'Show the version.'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl init" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl add-runtime" runtime' -l 'runtime' -d 'The runtime name: a lower-case letter, then lower-case letters and digits, at most 38.' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl add-runtime" namespace' -l 'namespace' -d 'The namespace of the existing Argo CD, where the runtime is installed. (default: codefresh)' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl add-runtime" helm-release' -l 'helm-release' -d 'The Helm release name. (default: cf-gitops-runtime)' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl add-runtime" access-mode' -l 'access-mode' -d 'How the platform reaches the runtime. (default: tunnel)' -rfka 'tunnel ingress service-mesh'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl add-runtime" account-id' -l 'account-id' -d 'The platform account id (tunnel mode).' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl add-runtime" ingress-host' -l 'ingress-host' -d 'The ingress host (ingress mode).' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl add-runtime" ingress-class' -l 'ingress-class' -d 'The ingress class (ingress mode).' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl add-runtime" ingress-url' -l 'ingress-url' -d 'The URL the platform reaches the runtime at (service-mesh mode).' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl add-runtime" git-runtime-user' -l 'git-runtime-user' -d 'The Git user of the runtime\'s own Git credentials (optional with a token).' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl add-runtime" git-runtime-token-secret' -l 'git-runtime-token-secret' -d 'The secret holding the runtime\'s Git token (global.runtime.gitCredentials); the runtime is not fully functional without it.' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl add-runtime" chart-version' -l 'chart-version' -d 'The gitops-runtime chart version to pin (helm --version, Terraform version); unpinned installs the newest chart.' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl add-runtime" api-key-secret' -l 'api-key-secret' -d 'A secret holding the platform API key, used by the values and terraform formats instead of $CF_API_KEY.' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl add-runtime" argocd-auth' -l 'argocd-auth' -d 'How the runtime authenticates to Argo CD. (default: token)' -rfka 'token password'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl add-runtime" argocd-token-secret' -l 'argocd-token-secret' -d 'The secret holding the Argo CD token (token auth).' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl add-runtime" argocd-username' -l 'argocd-username' -d 'The Argo CD user (password auth). (default: admin)' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl add-runtime" argocd-password-secret' -l 'argocd-password-secret' -d 'The secret holding the Argo CD password (password auth).' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl add-runtime" argocd-server-svc' -l 'argocd-server-svc' -d 'The Argo CD server service. (default: argocd-server)' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl add-runtime" argocd-server-port' -l 'argocd-server-port' -d 'The Argo CD server service port. (default: 80)' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl add-runtime" argocd-rootpath' -l 'argocd-rootpath' -d 'The Argo CD server root path (empty or starting with /). (default: empty)' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl add-runtime" argocd-repo-server-svc' -l 'argocd-repo-server-svc' -d 'The Argo CD repo server service. (default: argocd-repo-server)' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl add-runtime" argocd-repo-server-port' -l 'argocd-repo-server-port' -d 'The Argo CD repo server service port. (default: 8081)' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl add-runtime" argocd-version' -l 'argocd-version' -d 'The version of the existing Argo CD, checked (not stored) against the chart\'s compatibility table.' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl add-runtime" repo' -l 'repo' -d 'The repository URL: <repo_url>[.git][/<path>][?ref=<branch>] (default: $ISC_REPO).' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl add-runtime" provider' -l 'provider' -d 'The Git provider, by id or alias, any case (default: detected from the host).' -rfka 'github gitlab bitbucket bitbucket-cloud azure-devops azure github-enterprise gitlab-server bitbucket-datacenter bitbucket-server gitea git'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl add-runtime" api-url' -l 'api-url' -d 'The provider\'s API URL (on-premises providers).' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl add-runtime" git-token-file' -l 'git-token-file' -d 'A file holding the Git token for https (default: $ISC_GIT_TOKEN; user $ISC_GIT_USER, else the URL\'s, else git).' -rF
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl add-runtime" ssh-key' -l 'ssh-key' -d 'The private key for ssh (ed25519 or ECDSA); default: ssh-agent, else ~/.ssh/id_ed25519 or id_ecdsa.' -rF
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl add-runtime" known-hosts' -l 'known-hosts' -d 'The known_hosts file SSH host keys are checked against.' -rF
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl add-runtime" ca-file' -l 'ca-file' -d 'PEM CA certificates to verify the HTTPS server with (a private CA).' -rF
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl add-runtime" insecure-skip-tls-verify' -l 'insecure-skip-tls-verify' -d 'Do not verify the HTTPS server\'s certificate (testing only).'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl add-runtime" allow-insecure-http' -l 'allow-insecure-http' -d 'Allow sending the Git token over plain http://.'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl add-runtime" proxy' -l 'proxy' -d 'The HTTP proxy for http(s) remotes: http://[user:password@]host:port (default: $https_proxy/$HTTPS_PROXY or $http_proxy/$HTTP_PROXY by the remote\'s scheme, else git config http.proxy; $no_proxy applies; credentials also from $ISC_PROXY_USER and $ISC_PROXY_PASSWORD; ssh and git:// are never proxied).' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl add-runtime" timeout' -l 'timeout' -d 'Give up on a fetch, push or ls-remote (connect included) that takes longer than this, each one on its own: 30s, 2m, 1h, 1m30s, 500ms; a bare number is seconds (default: no limit).' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl add-runtime" idle-timeout' -l 'idle-timeout' -d 'Give up when the Git server accepts or sends nothing for this long: 30s, 2m, 500ms; a bare number is seconds; 0 waits for ever.' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl add-runtime" q quiet' -l 'quiet' -s 'q' -d 'No progress output.'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl add-runtime" cache-dir' -l 'cache-dir' -d 'Where the bare mirrors of repositories are kept between runs (default: $ISC_CACHE_DIR, else $XDG_CACHE_HOME/iscctl, else ~/.cache/iscctl).' -rfa '(__iscctl_complete_directories)'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl add-runtime" no-cache' -l 'no-cache' -d 'Use a temporary mirror, removed at the end (fetches the whole history).'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl add-runtime" retries' -l 'retries' -d 'How many times a push rejected because the branch moved is recomputed and retried.' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl add-runtime" create-branch' -l 'create-branch' -d 'Start the URL\'s ref branch from the default branch when it does not exist.'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl add-runtime" message' -l 'message' -d 'The commit message.' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl add-runtime" author-name' -l 'author-name' -d 'The commit author\'s name (default: git config user.name, else iscctl).' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl add-runtime" author-email' -l 'author-email' -d 'The commit author\'s e-mail (default: git config user.email, else iscctl@localhost).' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl add-runtime" dry-run' -l 'dry-run' -d 'Print a unified diff of what would change; commit and push nothing.'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl add-runtime" signing-key' -l 'signing-key' -d 'Sign the commit with this key: an ssh key file (a .pub file or key::<public key> signs through the ssh-agent) or an OpenPGP key id (default: git config user.signingKey when commit.gpgSign is true).' -rF
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl add-runtime" signing-format' -l 'signing-format' -d 'The signature format (default: git config gpg.format, else guessed from --signing-key: a file or ssh key is ssh, anything else openpgp).' -rfka 'ssh openpgp'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl add-runtime" no-sign' -l 'no-sign' -d 'Do not sign the commit, whatever git config commit.gpgSign says.'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl add-runtime" json' -l 'json' -d 'Print JSON.'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl add-runtime" version' -l 'version' -d 'Show the version.'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl add-runtime" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl update-runtime" runtime' -l 'runtime' -d 'The runtime to change.' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl update-runtime" namespace' -l 'namespace' -d 'The namespace of the existing Argo CD, where the runtime is installed. (default: codefresh)' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl update-runtime" helm-release' -l 'helm-release' -d 'The Helm release name. (default: cf-gitops-runtime)' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl update-runtime" access-mode' -l 'access-mode' -d 'How the platform reaches the runtime. (default: tunnel)' -rfka 'tunnel ingress service-mesh'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl update-runtime" account-id' -l 'account-id' -d 'The platform account id (tunnel mode).' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl update-runtime" ingress-host' -l 'ingress-host' -d 'The ingress host (ingress mode).' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl update-runtime" ingress-class' -l 'ingress-class' -d 'The ingress class (ingress mode).' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl update-runtime" ingress-url' -l 'ingress-url' -d 'The URL the platform reaches the runtime at (service-mesh mode).' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl update-runtime" git-runtime-user' -l 'git-runtime-user' -d 'The Git user of the runtime\'s own Git credentials (optional with a token).' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl update-runtime" git-runtime-token-secret' -l 'git-runtime-token-secret' -d 'The secret holding the runtime\'s Git token (global.runtime.gitCredentials); the runtime is not fully functional without it.' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl update-runtime" chart-version' -l 'chart-version' -d 'The gitops-runtime chart version to pin (helm --version, Terraform version); unpinned installs the newest chart.' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl update-runtime" api-key-secret' -l 'api-key-secret' -d 'A secret holding the platform API key, used by the values and terraform formats instead of $CF_API_KEY.' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl update-runtime" argocd-auth' -l 'argocd-auth' -d 'How the runtime authenticates to Argo CD. (default: token)' -rfka 'token password'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl update-runtime" argocd-token-secret' -l 'argocd-token-secret' -d 'The secret holding the Argo CD token (token auth).' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl update-runtime" argocd-username' -l 'argocd-username' -d 'The Argo CD user (password auth). (default: admin)' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl update-runtime" argocd-password-secret' -l 'argocd-password-secret' -d 'The secret holding the Argo CD password (password auth).' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl update-runtime" argocd-server-svc' -l 'argocd-server-svc' -d 'The Argo CD server service. (default: argocd-server)' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl update-runtime" argocd-server-port' -l 'argocd-server-port' -d 'The Argo CD server service port. (default: 80)' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl update-runtime" argocd-rootpath' -l 'argocd-rootpath' -d 'The Argo CD server root path (empty or starting with /). (default: empty)' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl update-runtime" argocd-repo-server-svc' -l 'argocd-repo-server-svc' -d 'The Argo CD repo server service. (default: argocd-repo-server)' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl update-runtime" argocd-repo-server-port' -l 'argocd-repo-server-port' -d 'The Argo CD repo server service port. (default: 8081)' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl update-runtime" argocd-version' -l 'argocd-version' -d 'The version of the existing Argo CD, checked (not stored) against the chart\'s compatibility table.' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl update-runtime" repo' -l 'repo' -d 'The repository URL: <repo_url>[.git][/<path>][?ref=<branch>] (default: $ISC_REPO).' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl update-runtime" provider' -l 'provider' -d 'The Git provider, by id or alias, any case (default: detected from the host).' -rfka 'github gitlab bitbucket bitbucket-cloud azure-devops azure github-enterprise gitlab-server bitbucket-datacenter bitbucket-server gitea git'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl update-runtime" api-url' -l 'api-url' -d 'The provider\'s API URL (on-premises providers).' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl update-runtime" git-token-file' -l 'git-token-file' -d 'A file holding the Git token for https (default: $ISC_GIT_TOKEN; user $ISC_GIT_USER, else the URL\'s, else git).' -rF
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl update-runtime" ssh-key' -l 'ssh-key' -d 'The private key for ssh (ed25519 or ECDSA); default: ssh-agent, else ~/.ssh/id_ed25519 or id_ecdsa.' -rF
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl update-runtime" known-hosts' -l 'known-hosts' -d 'The known_hosts file SSH host keys are checked against.' -rF
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl update-runtime" ca-file' -l 'ca-file' -d 'PEM CA certificates to verify the HTTPS server with (a private CA).' -rF
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl update-runtime" insecure-skip-tls-verify' -l 'insecure-skip-tls-verify' -d 'Do not verify the HTTPS server\'s certificate (testing only).'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl update-runtime" allow-insecure-http' -l 'allow-insecure-http' -d 'Allow sending the Git token over plain http://.'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl update-runtime" proxy' -l 'proxy' -d 'The HTTP proxy for http(s) remotes: http://[user:password@]host:port (default: $https_proxy/$HTTPS_PROXY or $http_proxy/$HTTP_PROXY by the remote\'s scheme, else git config http.proxy; $no_proxy applies; credentials also from $ISC_PROXY_USER and $ISC_PROXY_PASSWORD; ssh and git:// are never proxied).' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl update-runtime" timeout' -l 'timeout' -d 'Give up on a fetch, push or ls-remote (connect included) that takes longer than this, each one on its own: 30s, 2m, 1h, 1m30s, 500ms; a bare number is seconds (default: no limit).' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl update-runtime" idle-timeout' -l 'idle-timeout' -d 'Give up when the Git server accepts or sends nothing for this long: 30s, 2m, 500ms; a bare number is seconds; 0 waits for ever.' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl update-runtime" q quiet' -l 'quiet' -s 'q' -d 'No progress output.'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl update-runtime" cache-dir' -l 'cache-dir' -d 'Where the bare mirrors of repositories are kept between runs (default: $ISC_CACHE_DIR, else $XDG_CACHE_HOME/iscctl, else ~/.cache/iscctl).' -rfa '(__iscctl_complete_directories)'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl update-runtime" no-cache' -l 'no-cache' -d 'Use a temporary mirror, removed at the end (fetches the whole history).'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl update-runtime" retries' -l 'retries' -d 'How many times a push rejected because the branch moved is recomputed and retried.' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl update-runtime" create-branch' -l 'create-branch' -d 'Start the URL\'s ref branch from the default branch when it does not exist.'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl update-runtime" message' -l 'message' -d 'The commit message.' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl update-runtime" author-name' -l 'author-name' -d 'The commit author\'s name (default: git config user.name, else iscctl).' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl update-runtime" author-email' -l 'author-email' -d 'The commit author\'s e-mail (default: git config user.email, else iscctl@localhost).' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl update-runtime" dry-run' -l 'dry-run' -d 'Print a unified diff of what would change; commit and push nothing.'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl update-runtime" signing-key' -l 'signing-key' -d 'Sign the commit with this key: an ssh key file (a .pub file or key::<public key> signs through the ssh-agent) or an OpenPGP key id (default: git config user.signingKey when commit.gpgSign is true).' -rF
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl update-runtime" signing-format' -l 'signing-format' -d 'The signature format (default: git config gpg.format, else guessed from --signing-key: a file or ssh key is ssh, anything else openpgp).' -rfka 'ssh openpgp'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl update-runtime" no-sign' -l 'no-sign' -d 'Do not sign the commit, whatever git config commit.gpgSign says.'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl update-runtime" json' -l 'json' -d 'Print JSON.'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl update-runtime" version' -l 'version' -d 'Show the version.'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl update-runtime" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl add-cluster" runtime' -l 'runtime' -d 'The runtime that manages the cluster.' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl add-cluster" cluster' -l 'cluster' -d 'The cluster\'s name (a DNS-1123 label, at most 63 characters).' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl add-cluster" server' -l 'server' -d 'The cluster\'s API server URL.' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl add-cluster" repo' -l 'repo' -d 'The repository URL: <repo_url>[.git][/<path>][?ref=<branch>] (default: $ISC_REPO).' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl add-cluster" provider' -l 'provider' -d 'The Git provider, by id or alias, any case (default: detected from the host).' -rfka 'github gitlab bitbucket bitbucket-cloud azure-devops azure github-enterprise gitlab-server bitbucket-datacenter bitbucket-server gitea git'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl add-cluster" api-url' -l 'api-url' -d 'The provider\'s API URL (on-premises providers).' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl add-cluster" git-token-file' -l 'git-token-file' -d 'A file holding the Git token for https (default: $ISC_GIT_TOKEN; user $ISC_GIT_USER, else the URL\'s, else git).' -rF
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl add-cluster" ssh-key' -l 'ssh-key' -d 'The private key for ssh (ed25519 or ECDSA); default: ssh-agent, else ~/.ssh/id_ed25519 or id_ecdsa.' -rF
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl add-cluster" known-hosts' -l 'known-hosts' -d 'The known_hosts file SSH host keys are checked against.' -rF
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl add-cluster" ca-file' -l 'ca-file' -d 'PEM CA certificates to verify the HTTPS server with (a private CA).' -rF
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl add-cluster" insecure-skip-tls-verify' -l 'insecure-skip-tls-verify' -d 'Do not verify the HTTPS server\'s certificate (testing only).'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl add-cluster" allow-insecure-http' -l 'allow-insecure-http' -d 'Allow sending the Git token over plain http://.'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl add-cluster" proxy' -l 'proxy' -d 'The HTTP proxy for http(s) remotes: http://[user:password@]host:port (default: $https_proxy/$HTTPS_PROXY or $http_proxy/$HTTP_PROXY by the remote\'s scheme, else git config http.proxy; $no_proxy applies; credentials also from $ISC_PROXY_USER and $ISC_PROXY_PASSWORD; ssh and git:// are never proxied).' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl add-cluster" timeout' -l 'timeout' -d 'Give up on a fetch, push or ls-remote (connect included) that takes longer than this, each one on its own: 30s, 2m, 1h, 1m30s, 500ms; a bare number is seconds (default: no limit).' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl add-cluster" idle-timeout' -l 'idle-timeout' -d 'Give up when the Git server accepts or sends nothing for this long: 30s, 2m, 500ms; a bare number is seconds; 0 waits for ever.' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl add-cluster" q quiet' -l 'quiet' -s 'q' -d 'No progress output.'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl add-cluster" cache-dir' -l 'cache-dir' -d 'Where the bare mirrors of repositories are kept between runs (default: $ISC_CACHE_DIR, else $XDG_CACHE_HOME/iscctl, else ~/.cache/iscctl).' -rfa '(__iscctl_complete_directories)'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl add-cluster" no-cache' -l 'no-cache' -d 'Use a temporary mirror, removed at the end (fetches the whole history).'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl add-cluster" retries' -l 'retries' -d 'How many times a push rejected because the branch moved is recomputed and retried.' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl add-cluster" create-branch' -l 'create-branch' -d 'Start the URL\'s ref branch from the default branch when it does not exist.'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl add-cluster" message' -l 'message' -d 'The commit message.' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl add-cluster" author-name' -l 'author-name' -d 'The commit author\'s name (default: git config user.name, else iscctl).' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl add-cluster" author-email' -l 'author-email' -d 'The commit author\'s e-mail (default: git config user.email, else iscctl@localhost).' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl add-cluster" dry-run' -l 'dry-run' -d 'Print a unified diff of what would change; commit and push nothing.'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl add-cluster" signing-key' -l 'signing-key' -d 'Sign the commit with this key: an ssh key file (a .pub file or key::<public key> signs through the ssh-agent) or an OpenPGP key id (default: git config user.signingKey when commit.gpgSign is true).' -rF
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl add-cluster" signing-format' -l 'signing-format' -d 'The signature format (default: git config gpg.format, else guessed from --signing-key: a file or ssh key is ssh, anything else openpgp).' -rfka 'ssh openpgp'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl add-cluster" no-sign' -l 'no-sign' -d 'Do not sign the commit, whatever git config commit.gpgSign says.'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl add-cluster" json' -l 'json' -d 'Print JSON.'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl add-cluster" version' -l 'version' -d 'Show the version.'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl add-cluster" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl remove-runtime" runtime' -l 'runtime' -d 'The runtime to remove.' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl remove-runtime" repo' -l 'repo' -d 'The repository URL: <repo_url>[.git][/<path>][?ref=<branch>] (default: $ISC_REPO).' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl remove-runtime" provider' -l 'provider' -d 'The Git provider, by id or alias, any case (default: detected from the host).' -rfka 'github gitlab bitbucket bitbucket-cloud azure-devops azure github-enterprise gitlab-server bitbucket-datacenter bitbucket-server gitea git'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl remove-runtime" api-url' -l 'api-url' -d 'The provider\'s API URL (on-premises providers).' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl remove-runtime" git-token-file' -l 'git-token-file' -d 'A file holding the Git token for https (default: $ISC_GIT_TOKEN; user $ISC_GIT_USER, else the URL\'s, else git).' -rF
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl remove-runtime" ssh-key' -l 'ssh-key' -d 'The private key for ssh (ed25519 or ECDSA); default: ssh-agent, else ~/.ssh/id_ed25519 or id_ecdsa.' -rF
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl remove-runtime" known-hosts' -l 'known-hosts' -d 'The known_hosts file SSH host keys are checked against.' -rF
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl remove-runtime" ca-file' -l 'ca-file' -d 'PEM CA certificates to verify the HTTPS server with (a private CA).' -rF
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl remove-runtime" insecure-skip-tls-verify' -l 'insecure-skip-tls-verify' -d 'Do not verify the HTTPS server\'s certificate (testing only).'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl remove-runtime" allow-insecure-http' -l 'allow-insecure-http' -d 'Allow sending the Git token over plain http://.'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl remove-runtime" proxy' -l 'proxy' -d 'The HTTP proxy for http(s) remotes: http://[user:password@]host:port (default: $https_proxy/$HTTPS_PROXY or $http_proxy/$HTTP_PROXY by the remote\'s scheme, else git config http.proxy; $no_proxy applies; credentials also from $ISC_PROXY_USER and $ISC_PROXY_PASSWORD; ssh and git:// are never proxied).' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl remove-runtime" timeout' -l 'timeout' -d 'Give up on a fetch, push or ls-remote (connect included) that takes longer than this, each one on its own: 30s, 2m, 1h, 1m30s, 500ms; a bare number is seconds (default: no limit).' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl remove-runtime" idle-timeout' -l 'idle-timeout' -d 'Give up when the Git server accepts or sends nothing for this long: 30s, 2m, 500ms; a bare number is seconds; 0 waits for ever.' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl remove-runtime" q quiet' -l 'quiet' -s 'q' -d 'No progress output.'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl remove-runtime" cache-dir' -l 'cache-dir' -d 'Where the bare mirrors of repositories are kept between runs (default: $ISC_CACHE_DIR, else $XDG_CACHE_HOME/iscctl, else ~/.cache/iscctl).' -rfa '(__iscctl_complete_directories)'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl remove-runtime" no-cache' -l 'no-cache' -d 'Use a temporary mirror, removed at the end (fetches the whole history).'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl remove-runtime" retries' -l 'retries' -d 'How many times a push rejected because the branch moved is recomputed and retried.' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl remove-runtime" create-branch' -l 'create-branch' -d 'Start the URL\'s ref branch from the default branch when it does not exist.'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl remove-runtime" message' -l 'message' -d 'The commit message.' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl remove-runtime" author-name' -l 'author-name' -d 'The commit author\'s name (default: git config user.name, else iscctl).' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl remove-runtime" author-email' -l 'author-email' -d 'The commit author\'s e-mail (default: git config user.email, else iscctl@localhost).' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl remove-runtime" dry-run' -l 'dry-run' -d 'Print a unified diff of what would change; commit and push nothing.'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl remove-runtime" signing-key' -l 'signing-key' -d 'Sign the commit with this key: an ssh key file (a .pub file or key::<public key> signs through the ssh-agent) or an OpenPGP key id (default: git config user.signingKey when commit.gpgSign is true).' -rF
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl remove-runtime" signing-format' -l 'signing-format' -d 'The signature format (default: git config gpg.format, else guessed from --signing-key: a file or ssh key is ssh, anything else openpgp).' -rfka 'ssh openpgp'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl remove-runtime" no-sign' -l 'no-sign' -d 'Do not sign the commit, whatever git config commit.gpgSign says.'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl remove-runtime" json' -l 'json' -d 'Print JSON.'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl remove-runtime" version' -l 'version' -d 'Show the version.'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl remove-runtime" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl migrate" repo' -l 'repo' -d 'The repository URL: <repo_url>[.git][/<path>][?ref=<branch>] (default: $ISC_REPO).' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl migrate" provider' -l 'provider' -d 'The Git provider, by id or alias, any case (default: detected from the host).' -rfka 'github gitlab bitbucket bitbucket-cloud azure-devops azure github-enterprise gitlab-server bitbucket-datacenter bitbucket-server gitea git'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl migrate" api-url' -l 'api-url' -d 'The provider\'s API URL (on-premises providers).' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl migrate" git-token-file' -l 'git-token-file' -d 'A file holding the Git token for https (default: $ISC_GIT_TOKEN; user $ISC_GIT_USER, else the URL\'s, else git).' -rF
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl migrate" ssh-key' -l 'ssh-key' -d 'The private key for ssh (ed25519 or ECDSA); default: ssh-agent, else ~/.ssh/id_ed25519 or id_ecdsa.' -rF
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl migrate" known-hosts' -l 'known-hosts' -d 'The known_hosts file SSH host keys are checked against.' -rF
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl migrate" ca-file' -l 'ca-file' -d 'PEM CA certificates to verify the HTTPS server with (a private CA).' -rF
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl migrate" insecure-skip-tls-verify' -l 'insecure-skip-tls-verify' -d 'Do not verify the HTTPS server\'s certificate (testing only).'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl migrate" allow-insecure-http' -l 'allow-insecure-http' -d 'Allow sending the Git token over plain http://.'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl migrate" proxy' -l 'proxy' -d 'The HTTP proxy for http(s) remotes: http://[user:password@]host:port (default: $https_proxy/$HTTPS_PROXY or $http_proxy/$HTTP_PROXY by the remote\'s scheme, else git config http.proxy; $no_proxy applies; credentials also from $ISC_PROXY_USER and $ISC_PROXY_PASSWORD; ssh and git:// are never proxied).' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl migrate" timeout' -l 'timeout' -d 'Give up on a fetch, push or ls-remote (connect included) that takes longer than this, each one on its own: 30s, 2m, 1h, 1m30s, 500ms; a bare number is seconds (default: no limit).' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl migrate" idle-timeout' -l 'idle-timeout' -d 'Give up when the Git server accepts or sends nothing for this long: 30s, 2m, 500ms; a bare number is seconds; 0 waits for ever.' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl migrate" q quiet' -l 'quiet' -s 'q' -d 'No progress output.'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl migrate" cache-dir' -l 'cache-dir' -d 'Where the bare mirrors of repositories are kept between runs (default: $ISC_CACHE_DIR, else $XDG_CACHE_HOME/iscctl, else ~/.cache/iscctl).' -rfa '(__iscctl_complete_directories)'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl migrate" no-cache' -l 'no-cache' -d 'Use a temporary mirror, removed at the end (fetches the whole history).'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl migrate" retries' -l 'retries' -d 'How many times a push rejected because the branch moved is recomputed and retried.' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl migrate" create-branch' -l 'create-branch' -d 'Start the URL\'s ref branch from the default branch when it does not exist.'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl migrate" message' -l 'message' -d 'The commit message.' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl migrate" author-name' -l 'author-name' -d 'The commit author\'s name (default: git config user.name, else iscctl).' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl migrate" author-email' -l 'author-email' -d 'The commit author\'s e-mail (default: git config user.email, else iscctl@localhost).' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl migrate" dry-run' -l 'dry-run' -d 'Print a unified diff of what would change; commit and push nothing.'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl migrate" signing-key' -l 'signing-key' -d 'Sign the commit with this key: an ssh key file (a .pub file or key::<public key> signs through the ssh-agent) or an OpenPGP key id (default: git config user.signingKey when commit.gpgSign is true).' -rF
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl migrate" signing-format' -l 'signing-format' -d 'The signature format (default: git config gpg.format, else guessed from --signing-key: a file or ssh key is ssh, anything else openpgp).' -rfka 'ssh openpgp'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl migrate" no-sign' -l 'no-sign' -d 'Do not sign the commit, whatever git config commit.gpgSign says.'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl migrate" json' -l 'json' -d 'Print JSON.'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl migrate" version' -l 'version' -d 'Show the version.'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl migrate" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl list" repo' -l 'repo' -d 'The repository URL: <repo_url>[.git][/<path>][?ref=<branch>] (default: $ISC_REPO).' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl list" provider' -l 'provider' -d 'The Git provider, by id or alias, any case (default: detected from the host).' -rfka 'github gitlab bitbucket bitbucket-cloud azure-devops azure github-enterprise gitlab-server bitbucket-datacenter bitbucket-server gitea git'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl list" api-url' -l 'api-url' -d 'The provider\'s API URL (on-premises providers).' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl list" git-token-file' -l 'git-token-file' -d 'A file holding the Git token for https (default: $ISC_GIT_TOKEN; user $ISC_GIT_USER, else the URL\'s, else git).' -rF
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl list" ssh-key' -l 'ssh-key' -d 'The private key for ssh (ed25519 or ECDSA); default: ssh-agent, else ~/.ssh/id_ed25519 or id_ecdsa.' -rF
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl list" known-hosts' -l 'known-hosts' -d 'The known_hosts file SSH host keys are checked against.' -rF
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl list" ca-file' -l 'ca-file' -d 'PEM CA certificates to verify the HTTPS server with (a private CA).' -rF
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl list" insecure-skip-tls-verify' -l 'insecure-skip-tls-verify' -d 'Do not verify the HTTPS server\'s certificate (testing only).'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl list" allow-insecure-http' -l 'allow-insecure-http' -d 'Allow sending the Git token over plain http://.'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl list" proxy' -l 'proxy' -d 'The HTTP proxy for http(s) remotes: http://[user:password@]host:port (default: $https_proxy/$HTTPS_PROXY or $http_proxy/$HTTP_PROXY by the remote\'s scheme, else git config http.proxy; $no_proxy applies; credentials also from $ISC_PROXY_USER and $ISC_PROXY_PASSWORD; ssh and git:// are never proxied).' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl list" timeout' -l 'timeout' -d 'Give up on a fetch, push or ls-remote (connect included) that takes longer than this, each one on its own: 30s, 2m, 1h, 1m30s, 500ms; a bare number is seconds (default: no limit).' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl list" idle-timeout' -l 'idle-timeout' -d 'Give up when the Git server accepts or sends nothing for this long: 30s, 2m, 500ms; a bare number is seconds; 0 waits for ever.' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl list" q quiet' -l 'quiet' -s 'q' -d 'No progress output.'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl list" cache-dir' -l 'cache-dir' -d 'Where the bare mirrors of repositories are kept between runs (default: $ISC_CACHE_DIR, else $XDG_CACHE_HOME/iscctl, else ~/.cache/iscctl).' -rfa '(__iscctl_complete_directories)'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl list" no-cache' -l 'no-cache' -d 'Use a temporary mirror, removed at the end (fetches the whole history).'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl list" json' -l 'json' -d 'Print JSON.'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl list" version' -l 'version' -d 'Show the version.'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl list" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl helm-values" runtime' -l 'runtime' -d 'The runtime.' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl helm-values" format' -l 'format' -d 'What to print.' -rfka 'command values terraform secrets'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl helm-values" api-key-secret' -l 'api-key-secret' -d 'A secret holding the platform API key, used by the values and terraform formats instead of $CF_API_KEY.' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl helm-values" argocd-version' -l 'argocd-version' -d 'The version of the existing Argo CD, checked (not stored) against the chart\'s compatibility table.' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl helm-values" repo' -l 'repo' -d 'The repository URL: <repo_url>[.git][/<path>][?ref=<branch>] (default: $ISC_REPO).' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl helm-values" provider' -l 'provider' -d 'The Git provider, by id or alias, any case (default: detected from the host).' -rfka 'github gitlab bitbucket bitbucket-cloud azure-devops azure github-enterprise gitlab-server bitbucket-datacenter bitbucket-server gitea git'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl helm-values" api-url' -l 'api-url' -d 'The provider\'s API URL (on-premises providers).' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl helm-values" git-token-file' -l 'git-token-file' -d 'A file holding the Git token for https (default: $ISC_GIT_TOKEN; user $ISC_GIT_USER, else the URL\'s, else git).' -rF
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl helm-values" ssh-key' -l 'ssh-key' -d 'The private key for ssh (ed25519 or ECDSA); default: ssh-agent, else ~/.ssh/id_ed25519 or id_ecdsa.' -rF
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl helm-values" known-hosts' -l 'known-hosts' -d 'The known_hosts file SSH host keys are checked against.' -rF
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl helm-values" ca-file' -l 'ca-file' -d 'PEM CA certificates to verify the HTTPS server with (a private CA).' -rF
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl helm-values" insecure-skip-tls-verify' -l 'insecure-skip-tls-verify' -d 'Do not verify the HTTPS server\'s certificate (testing only).'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl helm-values" allow-insecure-http' -l 'allow-insecure-http' -d 'Allow sending the Git token over plain http://.'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl helm-values" proxy' -l 'proxy' -d 'The HTTP proxy for http(s) remotes: http://[user:password@]host:port (default: $https_proxy/$HTTPS_PROXY or $http_proxy/$HTTP_PROXY by the remote\'s scheme, else git config http.proxy; $no_proxy applies; credentials also from $ISC_PROXY_USER and $ISC_PROXY_PASSWORD; ssh and git:// are never proxied).' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl helm-values" timeout' -l 'timeout' -d 'Give up on a fetch, push or ls-remote (connect included) that takes longer than this, each one on its own: 30s, 2m, 1h, 1m30s, 500ms; a bare number is seconds (default: no limit).' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl helm-values" idle-timeout' -l 'idle-timeout' -d 'Give up when the Git server accepts or sends nothing for this long: 30s, 2m, 500ms; a bare number is seconds; 0 waits for ever.' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl helm-values" q quiet' -l 'quiet' -s 'q' -d 'No progress output.'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl helm-values" cache-dir' -l 'cache-dir' -d 'Where the bare mirrors of repositories are kept between runs (default: $ISC_CACHE_DIR, else $XDG_CACHE_HOME/iscctl, else ~/.cache/iscctl).' -rfa '(__iscctl_complete_directories)'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl helm-values" no-cache' -l 'no-cache' -d 'Use a temporary mirror, removed at the end (fetches the whole history).'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl helm-values" json' -l 'json' -d 'Print JSON.'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl helm-values" version' -l 'version' -d 'Show the version.'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl helm-values" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl validate" repo' -l 'repo' -d 'The repository URL: <repo_url>[.git][/<path>][?ref=<branch>] (default: $ISC_REPO).' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl validate" provider' -l 'provider' -d 'The Git provider, by id or alias, any case (default: detected from the host).' -rfka 'github gitlab bitbucket bitbucket-cloud azure-devops azure github-enterprise gitlab-server bitbucket-datacenter bitbucket-server gitea git'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl validate" api-url' -l 'api-url' -d 'The provider\'s API URL (on-premises providers).' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl validate" git-token-file' -l 'git-token-file' -d 'A file holding the Git token for https (default: $ISC_GIT_TOKEN; user $ISC_GIT_USER, else the URL\'s, else git).' -rF
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl validate" ssh-key' -l 'ssh-key' -d 'The private key for ssh (ed25519 or ECDSA); default: ssh-agent, else ~/.ssh/id_ed25519 or id_ecdsa.' -rF
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl validate" known-hosts' -l 'known-hosts' -d 'The known_hosts file SSH host keys are checked against.' -rF
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl validate" ca-file' -l 'ca-file' -d 'PEM CA certificates to verify the HTTPS server with (a private CA).' -rF
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl validate" insecure-skip-tls-verify' -l 'insecure-skip-tls-verify' -d 'Do not verify the HTTPS server\'s certificate (testing only).'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl validate" allow-insecure-http' -l 'allow-insecure-http' -d 'Allow sending the Git token over plain http://.'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl validate" proxy' -l 'proxy' -d 'The HTTP proxy for http(s) remotes: http://[user:password@]host:port (default: $https_proxy/$HTTPS_PROXY or $http_proxy/$HTTP_PROXY by the remote\'s scheme, else git config http.proxy; $no_proxy applies; credentials also from $ISC_PROXY_USER and $ISC_PROXY_PASSWORD; ssh and git:// are never proxied).' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl validate" timeout' -l 'timeout' -d 'Give up on a fetch, push or ls-remote (connect included) that takes longer than this, each one on its own: 30s, 2m, 1h, 1m30s, 500ms; a bare number is seconds (default: no limit).' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl validate" idle-timeout' -l 'idle-timeout' -d 'Give up when the Git server accepts or sends nothing for this long: 30s, 2m, 500ms; a bare number is seconds; 0 waits for ever.' -rfka ''
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl validate" q quiet' -l 'quiet' -s 'q' -d 'No progress output.'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl validate" cache-dir' -l 'cache-dir' -d 'Where the bare mirrors of repositories are kept between runs (default: $ISC_CACHE_DIR, else $XDG_CACHE_HOME/iscctl, else ~/.cache/iscctl).' -rfa '(__iscctl_complete_directories)'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl validate" no-cache' -l 'no-cache' -d 'Use a temporary mirror, removed at the end (fetches the whole history).'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl validate" json' -l 'json' -d 'Print JSON.'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl validate" version' -l 'version' -d 'Show the version.'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl validate" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_positional "iscctl completion" -eq 1' -fka 'bash zsh fish'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl completion" version' -l 'version' -d 'Show the version.'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl completion" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'iscctl' -n '__iscctl_should_offer_completions_for_flags_or_options "iscctl help" version' -l 'version' -d 'Show the version.'
