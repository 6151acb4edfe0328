import ISCKit
import Testing

/// `RuntimeUpdate`: the flag rules `init`, `add-runtime` (``RuntimeUpdate/newRuntime(named:)``)
/// and `update-runtime` (``RuntimeUpdate/applied(to:)``, ``RuntimeUpdate/validateGiven()``) share.
@Suite("Layout runtime update (flag rules)")
struct LayoutRuntimeUpdateTests {
    static func update(_ change: (inout RuntimeUpdate) -> Void) -> RuntimeUpdate {
        var update = RuntimeUpdate()
        change(&update)
        return update
    }

    /// What `init --account-id acc1 --argocd-token-secret argocd-token:token` gives.
    static let tunnelFlags = update {
        $0.accountId = "acc1"
        $0.argoCDTokenSecret = "argocd-token:token"
    }

    /// Expects an invalid input (exit 2, `invalid-setting`) whose message contains every one of `flags`.
    static func expectRefused(
        _ what: String, _ flags: [String], sourceLocation: SourceLocation = #_sourceLocation,
        _ body: () throws(OperationError) -> RuntimeSettings
    ) {
        do {
            let settings = try body()
            Issue.record("\(what): accepted as \(settings)", sourceLocation: sourceLocation)
        } catch {
            #expect(error.code == "invalid-setting", "\(what): \(error.message)", sourceLocation: sourceLocation)
            #expect(error.category == .invalidInput && error.category.exitCode == 2, "\(what)", sourceLocation: sourceLocation)
            for flag in flags {
                #expect(error.message.contains(flag), "\(what): '\(flag)' not in: \(error.message)", sourceLocation: sourceLocation)
            }
            #expect(!error.message.contains("\n"), "\(what): one line", sourceLocation: sourceLocation)
        }
    }

    // MARK: - newRuntime(named:)

    @Test("a new runtime: the defaults of spec section 4 for what is not given")
    func defaults() throws {
        let settings = try Self.tunnelFlags.newRuntime(named: "codefresh")
        #expect(
            settings
                == RuntimeSettings(
                    accessMode: .tunnel(accountId: "acc1"),
                    argoCD: ArgoCDSettings(auth: .token(tokenSecretKeyRef: SecretKeyRef(name: "argocd-token", key: "token")))))
        #expect(settings.name == "codefresh")
        #expect(settings.namespace == "codefresh")
        #expect(settings.helmRelease == "cf-gitops-runtime")
        #expect(settings.accessMode == .tunnel(accountId: "acc1"))
        #expect(settings.argoCD.serverService == "argocd-server" && settings.argoCD.serverPort == 80)
        #expect(settings.argoCD.repoServerService == "argocd-repo-server" && settings.argoCD.repoServerPort == 8081)
        #expect(settings.argoCD.rootPath == "")
        #expect(settings.gitCredentials == nil && settings.chartVersion == nil)
        #expect(settings.clusters == ["in-cluster"])

        let password = try Self.update {
            $0.accessMode = "ingress"
            $0.ingressHost = "runtime.example.com"
            $0.ingressClass = "nginx"
            $0.argoCDAuth = "password"
            $0.argoCDPasswordSecret = "argocd-initial-admin-secret:password"
        }.newRuntime(named: "prod1")
        #expect(password.name == "prod1")
        #expect(password.argoCD.auth == .password(username: "admin", passwordSecretKeyRef: SecretKeyRef(name: "argocd-initial-admin-secret", key: "password")))
        #expect(password.accessMode == .ingress(host: "runtime.example.com", className: "nginx"))
    }

    @Test("a new runtime takes every given setting")
    func everythingGiven() throws {
        let settings = try Self.update {
            $0.namespace = "argocd"
            $0.helmRelease = "gitops"
            $0.accessMode = "service-mesh"
            $0.ingressURL = "https://mesh.example.com/cf"
            $0.argoCDAuth = "password"
            $0.argoCDUsername = "ops"
            $0.argoCDPasswordSecret = "argocd-secret:admin.password"
            $0.argoCDServerService = "argo-server"
            $0.argoCDServerPort = 8080
            $0.argoCDRootPath = "/argocd"
            $0.argoCDRepoServerService = "argo-repo"
            $0.argoCDRepoServerPort = 18081
            $0.gitRuntimeUser = "bot"
            $0.gitRuntimeTokenSecret = "git-runtime:token"
            $0.chartVersion = "0.26.3"
        }.newRuntime(named: "mesh")
        #expect(
            settings
                == RuntimeSettings(
                    name: "mesh", namespace: "argocd", helmRelease: "gitops", accessMode: .serviceMesh(ingressURL: "https://mesh.example.com/cf"),
                    argoCD: ArgoCDSettings(
                        serverService: "argo-server", serverPort: 8080, rootPath: "/argocd", repoServerService: "argo-repo",
                        repoServerPort: 18081,
                        auth: .password(username: "ops", passwordSecretKeyRef: SecretKeyRef(name: "argocd-secret", key: "admin.password"))),
                    gitCredentials: GitRuntimeCredentials(username: "bot", passwordSecretKeyRef: SecretKeyRef(name: "git-runtime", key: "token")),
                    chartVersion: ChartVersion(major: 0, minor: 26, patch: 3)))
        // A Git token without a user name.
        let tokenOnly = try Self.update {
            $0 = Self.tunnelFlags
            $0.gitRuntimeTokenSecret = "git-runtime:token"
        }.newRuntime(named: "codefresh")
        #expect(tokenOnly.gitCredentials == GitRuntimeCredentials(passwordSecretKeyRef: SecretKeyRef(name: "git-runtime", key: "token")))
    }

    /// `(what, flags, what the message names)`, each on top of nothing but what its mode needs.
    static let newRuntimeRefusals: [(String, RuntimeUpdate, [String])] = [
        (
            "tunnel with --ingress-host",
            update {
                $0 = tunnelFlags; $0.ingressHost = "h.example.com"
            }, ["--ingress-host", "tunnel"]
        ),
        (
            "tunnel with --ingress-class",
            update {
                $0 = tunnelFlags; $0.ingressClass = "nginx"
            }, ["--ingress-class", "tunnel"]
        ),
        (
            "tunnel with --ingress-url",
            update {
                $0 = tunnelFlags; $0.ingressURL = "https://mesh.example.com"
            }, ["--ingress-url", "tunnel"]
        ),
        ("tunnel without --account-id", update { $0.argoCDTokenSecret = "argocd-token:token" }, ["--account-id"]),
        (
            "explicit tunnel without --account-id",
            update {
                $0.accessMode = "tunnel"; $0.argoCDTokenSecret = "argocd-token:token"
            }, ["--account-id"]
        ),
        (
            "ingress with --account-id",
            update {
                $0 = tunnelFlags; $0.accessMode = "ingress"; $0.ingressHost = "h.example.com"; $0.ingressClass = "nginx"
            },
            ["--account-id", "ingress"]
        ),
        (
            "ingress with --ingress-url",
            update {
                $0.argoCDTokenSecret = "argocd-token:token"; $0.accessMode = "ingress"; $0.ingressHost = "h.example.com"; $0.ingressClass = "nginx"
                $0.ingressURL = "https://mesh.example.com"
            }, ["--ingress-url", "ingress"]
        ),
        (
            "ingress without host",
            update {
                $0.argoCDTokenSecret = "argocd-token:token"; $0.accessMode = "ingress"; $0.ingressClass = "nginx"
            }, ["--ingress-host"]
        ),
        (
            "ingress without class",
            update {
                $0.argoCDTokenSecret = "argocd-token:token"; $0.accessMode = "ingress"; $0.ingressHost = "h.example.com"
            }, ["--ingress-class"]
        ),
        (
            "service-mesh without URL",
            update {
                $0.argoCDTokenSecret = "argocd-token:token"; $0.accessMode = "service-mesh"
            }, ["--ingress-url"]
        ),
        (
            "service-mesh with --account-id",
            update {
                $0 = tunnelFlags; $0.accessMode = "service-mesh"; $0.ingressURL = "https://m.example.com"
            }, ["--account-id"]
        ),
        (
            "service-mesh with --ingress-host",
            update {
                $0.argoCDTokenSecret = "argocd-token:token"; $0.accessMode = "service-mesh"; $0.ingressURL = "https://m.example.com";
                $0.ingressHost = "h.example.com"
            }, ["--ingress-host"]
        ),
        (
            "service-mesh with --ingress-class",
            update {
                $0.argoCDTokenSecret = "argocd-token:token"; $0.accessMode = "service-mesh"; $0.ingressURL = "https://m.example.com"; $0.ingressClass = "nginx"
            }, ["--ingress-class"]
        ),
        (
            "an unknown access mode",
            update {
                $0 = tunnelFlags; $0.accessMode = "vpn"
            }, ["--access-mode", "vpn"]
        ),
        ("token auth without secret", update { $0.accountId = "acc1" }, ["--argocd-token-secret"]),
        (
            "token auth with --argocd-username",
            update {
                $0 = tunnelFlags; $0.argoCDUsername = "admin"
            }, ["--argocd-username"]
        ),
        (
            "token auth with --argocd-password-secret",
            update {
                $0 = tunnelFlags; $0.argoCDPasswordSecret = "s:k"
            }, ["--argocd-password-secret"]
        ),
        (
            "password auth without secret",
            update {
                $0.accountId = "acc1"; $0.argoCDAuth = "password"
            }, ["--argocd-password-secret"]
        ),
        (
            "password auth with --argocd-token-secret",
            update {
                $0 = tunnelFlags; $0.argoCDAuth = "password"; $0.argoCDPasswordSecret = "s:k"
            },
            ["--argocd-token-secret"]
        ),
        (
            "an unknown auth type",
            update {
                $0 = tunnelFlags; $0.argoCDAuth = "oauth"
            }, ["--argocd-auth", "oauth"]
        ),
        (
            "--git-runtime-user without --git-runtime-token-secret",
            update {
                $0 = tunnelFlags; $0.gitRuntimeUser = "bot"
            },
            ["--git-runtime-user", "--git-runtime-token-secret"]
        ),
        (
            "reserved secret in --git-runtime-token-secret",
            update {
                $0 = tunnelFlags; $0.gitRuntimeTokenSecret = "codefresh-token:token"
            },
            ["--git-runtime-token-secret", "codefresh-token", "reserved"]
        ),
        (
            "reserved secret in --argocd-token-secret",
            update {
                $0.accountId = "acc1"; $0.argoCDTokenSecret = "codefresh-token:token"
            },
            ["--argocd-token-secret", "reserved"]
        ),
        (
            "malformed --git-runtime-token-secret",
            update {
                $0 = tunnelFlags; $0.gitRuntimeTokenSecret = "git-runtime"
            }, ["--git-runtime-token-secret", "NAME:KEY"]
        ),
        (
            "--git-runtime-token-secret with a bad key",
            update {
                $0 = tunnelFlags; $0.gitRuntimeTokenSecret = "git-runtime:a/b"
            }, ["--git-runtime-token-secret"]
        ),
        (
            "--git-runtime-user with a space",
            update {
                $0 = tunnelFlags; $0.gitRuntimeUser = "a b"; $0.gitRuntimeTokenSecret = "git-runtime:token"
            },
            ["--git-runtime-user"]
        ),
        (
            "empty --git-runtime-user",
            update {
                $0 = tunnelFlags; $0.gitRuntimeUser = ""; $0.gitRuntimeTokenSecret = "git-runtime:token"
            }, ["--git-runtime-user"]
        ),
        (
            "--chart-version not X.Y.Z",
            update {
                $0 = tunnelFlags; $0.chartVersion = "0.26"
            }, ["--chart-version"]
        ),
        (
            "--chart-version too old",
            update {
                $0 = tunnelFlags; $0.chartVersion = "0.23.9"
            }, ["--chart-version", "0.24"]
        ),
        (
            "an invalid --namespace",
            update {
                $0 = tunnelFlags; $0.namespace = "BAD_NS"
            }, ["--namespace"]
        ),
        (
            "an invalid --argocd-server-port",
            update {
                $0 = tunnelFlags; $0.argoCDServerPort = 0
            }, ["--argocd-server-port"]
        ),
    ]

    @Test("init/add-runtime: every cross-flag rule is an invalid input naming the flag", arguments: newRuntimeRefusals.indices)
    func newRuntimeRefused(_ index: Int) {
        let (what, update, flags) = Self.newRuntimeRefusals[index]
        Self.expectRefused(what, flags) { () throws(OperationError) in try update.newRuntime(named: "codefresh") }
    }

    @Test("validateGiven checks each setting on its own before cloning; the rules between flags wait for the current settings")
    func validateGiven() throws {
        // Cross-flag cases pass here: only applied(to:) knows the runtime's access mode and auth.
        for update in [
            Self.update { $0.ingressHost = "h.example.com" }, Self.update { $0.gitRuntimeUser = "bot" },
            Self.update { $0.argoCDUsername = "admin" }, Self.update { $0.accessMode = "ingress" },
            Self.update { $0.argoCDAuth = "password" },
            Self.update {
                $0.chartVersion = "0.29.0"; $0.namespace = "other"
            },
        ] {
            try update.validateGiven()
        }
        let refused: [(String, RuntimeUpdate, [String])] = [
            ("namespace", Self.update { $0.namespace = "BAD_NS" }, ["--namespace"]),
            ("release", Self.update { $0.helmRelease = String(repeating: "a", count: 54) }, ["--helm-release"]),
            ("access mode", Self.update { $0.accessMode = "vpn" }, ["--access-mode"]),
            ("account", Self.update { $0.accountId = "a b" }, ["--account-id"]),
            ("host", Self.update { $0.ingressHost = "https://h" }, ["--ingress-host"]),
            ("class", Self.update { $0.ingressClass = "Nginx" }, ["--ingress-class"]),
            ("URL", Self.update { $0.ingressURL = "mesh.example.com" }, ["--ingress-url"]),
            ("auth", Self.update { $0.argoCDAuth = "oauth" }, ["--argocd-auth"]),
            ("token secret", Self.update { $0.argoCDTokenSecret = "codefresh-token:token" }, ["--argocd-token-secret", "reserved"]),
            ("username", Self.update { $0.argoCDUsername = "ad min" }, ["--argocd-username"]),
            ("password secret", Self.update { $0.argoCDPasswordSecret = "nokey" }, ["--argocd-password-secret"]),
            ("server service", Self.update { $0.argoCDServerService = "A" }, ["--argocd-server-svc"]),
            ("server port", Self.update { $0.argoCDServerPort = 65536 }, ["--argocd-server-port"]),
            ("root path", Self.update { $0.argoCDRootPath = "argocd" }, ["--argocd-rootpath"]),
            ("repo server service", Self.update { $0.argoCDRepoServerService = "a.b" }, ["--argocd-repo-server-svc"]),
            ("repo server port", Self.update { $0.argoCDRepoServerPort = -1 }, ["--argocd-repo-server-port"]),
            ("git token secret", Self.update { $0.gitRuntimeTokenSecret = "codefresh-token:token" }, ["--git-runtime-token-secret", "reserved"]),
            ("git user", Self.update { $0.gitRuntimeUser = "a\u{200B}b" }, ["--git-runtime-user"]),
            ("chart version", Self.update { $0.chartVersion = "^0.26" }, ["--chart-version"]),
            ("old chart version", Self.update { $0.chartVersion = "0.23.9" }, ["--chart-version", "0.24"]),
        ]
        for (what, update, flags) in refused {
            Self.expectRefused(what, flags) { () throws(OperationError) in
                try update.validateGiven()
                return LayoutSamples.defaultRuntime
            }
        }
    }

    // MARK: - applied(to:)

    static let tokenRef = SecretKeyRef(name: "git-runtime", key: "token")

    /// An ingress runtime with password auth, Git credentials, an extra cluster.
    static let ingressRuntime = RuntimeSettings(
        name: "prod1", namespace: "argocd", helmRelease: "gitops",
        accessMode: .ingress(host: "runtime.example.com", className: "nginx"),
        argoCD: ArgoCDSettings(auth: .password(username: "ops", passwordSecretKeyRef: SecretKeyRef(name: "argocd-secret", key: "password"))),
        gitCredentials: GitRuntimeCredentials(username: "bot", passwordSecretKeyRef: tokenRef),
        clusters: ["in-cluster", "edge"])

    /// A tunnel runtime with token auth, a Git token without user, a pinned chart.
    static let tunnelRuntime: RuntimeSettings = {
        var settings = LayoutSamples.defaultRuntime
        settings.gitCredentials = GitRuntimeCredentials(passwordSecretKeyRef: tokenRef)
        settings.chartVersion = ChartVersion(major: 0, minor: 26, patch: 3)
        settings.clusters = ["in-cluster", "staging", "prod"]
        return settings
    }()

    static func with(_ settings: RuntimeSettings, _ change: (inout RuntimeSettings) -> Void) -> RuntimeSettings {
        var copy = settings
        change(&copy)
        return copy
    }

    /// `(what, current, flags, expected)`: the expected settings differ from the current ones by
    /// exactly what the flags give.
    static let appliedCases: [(String, RuntimeSettings, RuntimeUpdate, RuntimeSettings)] = [
        ("only --namespace", tunnelRuntime, update { $0.namespace = "other" }, with(tunnelRuntime) { $0.namespace = "other" }),
        ("only --helm-release", ingressRuntime, update { $0.helmRelease = "rel2" }, with(ingressRuntime) { $0.helmRelease = "rel2" }),
        (
            "only --chart-version", tunnelRuntime, update { $0.chartVersion = "0.29.0" },
            with(tunnelRuntime) { $0.chartVersion = ChartVersion(major: 0, minor: 29, patch: 0) }
        ),
        (
            "--chart-version on an unpinned runtime", ingressRuntime, update { $0.chartVersion = "0.24.0" },
            with(ingressRuntime) { $0.chartVersion = ChartVersion(major: 0, minor: 24, patch: 0) }
        ),
        (
            "only --git-runtime-user keeps the token", tunnelRuntime, update { $0.gitRuntimeUser = "bot2" },
            with(tunnelRuntime) { $0.gitCredentials = GitRuntimeCredentials(username: "bot2", passwordSecretKeyRef: tokenRef) }
        ),
        (
            "only --git-runtime-token-secret keeps the user", ingressRuntime, update { $0.gitRuntimeTokenSecret = "other-git:pat" },
            with(ingressRuntime) {
                $0.gitCredentials = GitRuntimeCredentials(username: "bot", passwordSecretKeyRef: SecretKeyRef(name: "other-git", key: "pat"))
            }
        ),
        (
            "Git credentials added to a runtime without", with(ingressRuntime) { $0.gitCredentials = nil },
            update {
                $0.gitRuntimeTokenSecret = "git-runtime:token"; $0.gitRuntimeUser = "bot"
            }, ingressRuntime
        ),
        ("only --account-id", tunnelRuntime, update { $0.accountId = "acc2" }, with(tunnelRuntime) { $0.accessMode = .tunnel(accountId: "acc2") }),
        (
            "only --argocd-server-port and --argocd-rootpath", tunnelRuntime,
            update {
                $0.argoCDServerPort = 8080; $0.argoCDRootPath = "/argo"
            },
            with(tunnelRuntime) {
                $0.argoCD.serverPort = 8080; $0.argoCD.rootPath = "/argo"
            }
        ),
        (
            "only the repo server", ingressRuntime,
            update {
                $0.argoCDRepoServerService = "repo"; $0.argoCDRepoServerPort = 8443
            },
            with(ingressRuntime) {
                $0.argoCD.repoServerService = "repo"; $0.argoCD.repoServerPort = 8443
            }
        ),
        (
            "tunnel → ingress with host and class", tunnelRuntime,
            update {
                $0.accessMode = "ingress"; $0.ingressHost = "h.example.com"; $0.ingressClass = "traefik"
            },
            with(tunnelRuntime) { $0.accessMode = .ingress(host: "h.example.com", className: "traefik") }
        ),
        (
            "tunnel → service-mesh with the URL", tunnelRuntime,
            update {
                $0.accessMode = "service-mesh"; $0.ingressURL = "https://m.example.com"
            },
            with(tunnelRuntime) { $0.accessMode = .serviceMesh(ingressURL: "https://m.example.com") }
        ),
        (
            "ingress → tunnel with the account", ingressRuntime,
            update {
                $0.accessMode = "tunnel"; $0.accountId = "acc9"
            },
            with(ingressRuntime) { $0.accessMode = .tunnel(accountId: "acc9") }
        ),
        (
            "ingress: only --ingress-host keeps the class", ingressRuntime, update { $0.ingressHost = "new.example.com" },
            with(ingressRuntime) { $0.accessMode = .ingress(host: "new.example.com", className: "nginx") }
        ),
        (
            "ingress → ingress, only --ingress-class keeps the host", ingressRuntime,
            update {
                $0.accessMode = "ingress"; $0.ingressClass = "traefik"
            },
            with(ingressRuntime) { $0.accessMode = .ingress(host: "runtime.example.com", className: "traefik") }
        ),
        ("the same access mode again changes nothing", ingressRuntime, update { $0.accessMode = "ingress" }, ingressRuntime),
        (
            "token → password with the secret: user admin", tunnelRuntime,
            update {
                $0.argoCDAuth = "password"; $0.argoCDPasswordSecret = "argocd-secret:password"
            },
            with(tunnelRuntime) { $0.argoCD.auth = .password(username: "admin", passwordSecretKeyRef: SecretKeyRef(name: "argocd-secret", key: "password")) }
        ),
        (
            "token → password with user and secret", tunnelRuntime,
            update {
                $0.argoCDAuth = "password"; $0.argoCDUsername = "ops"; $0.argoCDPasswordSecret = "argocd-secret:password"
            },
            with(tunnelRuntime) { $0.argoCD.auth = .password(username: "ops", passwordSecretKeyRef: SecretKeyRef(name: "argocd-secret", key: "password")) }
        ),
        (
            "password: only --argocd-username keeps the secret", ingressRuntime, update { $0.argoCDUsername = "root" },
            with(ingressRuntime) { $0.argoCD.auth = .password(username: "root", passwordSecretKeyRef: SecretKeyRef(name: "argocd-secret", key: "password")) }
        ),
        (
            "password → token with the secret", ingressRuntime,
            update {
                $0.argoCDAuth = "token"; $0.argoCDTokenSecret = "argocd-token:t"
            },
            with(ingressRuntime) { $0.argoCD.auth = .token(tokenSecretKeyRef: SecretKeyRef(name: "argocd-token", key: "t")) }
        ),
        (
            "token: only --argocd-token-secret", tunnelRuntime, update { $0.argoCDTokenSecret = "other:key" },
            with(tunnelRuntime) { $0.argoCD.auth = .token(tokenSecretKeyRef: SecretKeyRef(name: "other", key: "key")) }
        ),
    ]

    @Test("update-runtime changes exactly what is given; the name and clusters never change", arguments: appliedCases.indices)
    func applied(_ index: Int) throws {
        let (what, current, update, expected) = Self.appliedCases[index]
        #expect(!update.isEmpty)
        let result = try update.applied(to: current)
        #expect(result == expected, "\(what)")
        #expect(result.name == current.name && result.clusters == current.clusters, "\(what)")
        // Applying the same flags again changes nothing more.
        #expect(try update.applied(to: result) == result, "\(what)")
    }

    /// `(what, current, flags, what the message names)`.
    static let appliedRefusals: [(String, RuntimeSettings, RuntimeUpdate, [String])] = [
        (
            "tunnel → ingress without class", tunnelRuntime,
            update {
                $0.accessMode = "ingress"; $0.ingressHost = "h.example.com"
            }, ["--ingress-class"]
        ),
        (
            "tunnel → ingress without host", tunnelRuntime,
            update {
                $0.accessMode = "ingress"; $0.ingressClass = "nginx"
            }, ["--ingress-host"]
        ),
        ("tunnel → service-mesh without URL", tunnelRuntime, update { $0.accessMode = "service-mesh" }, ["--ingress-url"]),
        ("ingress → tunnel without account", ingressRuntime, update { $0.accessMode = "tunnel" }, ["--account-id"]),
        (
            "ingress → tunnel keeping --ingress-host", ingressRuntime,
            update {
                $0.accessMode = "tunnel"; $0.accountId = "a"; $0.ingressHost = "h.example.com"
            },
            ["--ingress-host"]
        ),
        ("--ingress-host on a tunnel runtime", tunnelRuntime, update { $0.ingressHost = "h.example.com" }, ["--ingress-host", "tunnel"]),
        ("--account-id on an ingress runtime", ingressRuntime, update { $0.accountId = "acc1" }, ["--account-id", "ingress"]),
        ("--ingress-url on an ingress runtime", ingressRuntime, update { $0.ingressURL = "https://m.example.com" }, ["--ingress-url"]),
        (
            "tunnel → ingress with --ingress-url (neither mode's)", tunnelRuntime,
            update {
                $0.accessMode = "ingress"; $0.ingressHost = "h.example.com"; $0.ingressClass = "nginx"; $0.ingressURL = "https://m.example.com"
            }, ["--ingress-url"]
        ),
        (
            "tunnel → service-mesh with --ingress-class (neither mode's)", tunnelRuntime,
            update {
                $0.accessMode = "service-mesh"; $0.ingressURL = "https://m.example.com"; $0.ingressClass = "nginx"
            }, ["--ingress-class"]
        ),
        (
            "ingress → service-mesh with --account-id (neither mode's)", ingressRuntime,
            update {
                $0.accessMode = "service-mesh"; $0.ingressURL = "https://m.example.com"; $0.accountId = "a"
            }, ["--account-id"]
        ),
        ("token → password without secret", tunnelRuntime, update { $0.argoCDAuth = "password" }, ["--argocd-password-secret"]),
        (
            "token → password with --argocd-token-secret", tunnelRuntime,
            update {
                $0.argoCDAuth = "password"; $0.argoCDPasswordSecret = "s:k"; $0.argoCDTokenSecret = "t:k"
            }, ["--argocd-token-secret"]
        ),
        ("password → token without secret", ingressRuntime, update { $0.argoCDAuth = "token" }, ["--argocd-token-secret"]),
        (
            "password → token keeping --argocd-username", ingressRuntime,
            update {
                $0.argoCDAuth = "token"; $0.argoCDTokenSecret = "t:k"; $0.argoCDUsername = "ops"
            },
            ["--argocd-username"]
        ),
        ("--argocd-username on a token runtime", tunnelRuntime, update { $0.argoCDUsername = "ops" }, ["--argocd-username"]),
        ("--argocd-token-secret on a password runtime", ingressRuntime, update { $0.argoCDTokenSecret = "t:k" }, ["--argocd-token-secret"]),
        (
            "--git-runtime-user on a runtime without Git credentials", LayoutSamples.defaultRuntime, update { $0.gitRuntimeUser = "bot" },
            ["--git-runtime-user", "--git-runtime-token-secret"]
        ),
        (
            "reserved --git-runtime-token-secret", tunnelRuntime, update { $0.gitRuntimeTokenSecret = "codefresh-token:token" },
            ["--git-runtime-token-secret", "reserved"]
        ),
        ("an invalid --namespace", tunnelRuntime, update { $0.namespace = "BAD_NS" }, ["--namespace"]),
        ("an invalid --chart-version", tunnelRuntime, update { $0.chartVersion = "v0.26.3" }, ["--chart-version"]),
        ("an unknown access mode", tunnelRuntime, update { $0.accessMode = "vpn" }, ["--access-mode"]),
    ]

    @Test("update-runtime: a switch without the new mode's flags, or a flag of neither mode, is refused naming the flag", arguments: appliedRefusals.indices)
    func appliedRefused(_ index: Int) {
        let (what, current, update, flags) = Self.appliedRefusals[index]
        Self.expectRefused(what, flags) { () throws(OperationError) in try update.applied(to: current) }
    }

    @Test("isEmpty: true for no flag, false for any single one (even an empty value)")
    func isEmpty() throws {
        #expect(RuntimeUpdate().isEmpty)
        let singles: [RuntimeUpdate] = [
            Self.update { $0.namespace = "" }, Self.update { $0.helmRelease = "r" }, Self.update { $0.accessMode = "tunnel" },
            Self.update { $0.accountId = "a" }, Self.update { $0.ingressHost = "h" }, Self.update { $0.ingressClass = "c" },
            Self.update { $0.ingressURL = "u" }, Self.update { $0.argoCDAuth = "token" }, Self.update { $0.argoCDTokenSecret = "s:k" },
            Self.update { $0.argoCDUsername = "u" }, Self.update { $0.argoCDPasswordSecret = "s:k" }, Self.update { $0.argoCDServerService = "s" },
            Self.update { $0.argoCDServerPort = 80 }, Self.update { $0.argoCDRootPath = "" }, Self.update { $0.argoCDRepoServerService = "s" },
            Self.update { $0.argoCDRepoServerPort = 8081 }, Self.update { $0.gitRuntimeUser = "u" }, Self.update { $0.gitRuntimeTokenSecret = "s:k" },
            Self.update { $0.chartVersion = "0.26.3" },
        ]
        #expect(Set(singles).count == singles.count, "each sets another field")
        for update in singles {
            #expect(!update.isEmpty, "\(update)")
        }
        // An empty update applied to a runtime gives it back unchanged.
        #expect(try RuntimeUpdate().applied(to: Self.ingressRuntime) == Self.ingressRuntime)
        #expect(try RuntimeUpdate().applied(to: Self.tunnelRuntime) == Self.tunnelRuntime)
    }
}
