import ISCKit
import ISCTestSupport
import Testing

/// `RuntimeSettings.validate()` against every rule of spec section 4.
@Suite("Layout runtime settings rules")
struct LayoutSettingsTests {
    static let valid = LayoutSamples.defaultRuntime

    static func with(_ change: @Sendable (inout RuntimeSettings) -> Void) -> RuntimeSettings {
        var settings = valid
        change(&settings)
        return settings
    }

    static func password(_ username: String, _ name: String = "argocd-secret", _ key: String = "password") -> ArgoCDAuth {
        .password(username: username, passwordSecretKeyRef: SecretKeyRef(name: name, key: key))
    }

    static func token(_ name: String, _ key: String) -> ArgoCDAuth {
        .token(tokenSecretKeyRef: SecretKeyRef(name: name, key: key))
    }

    /// `(what, settings, the flag or word the message must contain)`.
    static let invalid: [(String, RuntimeSettings, String)] = [
        ("empty runtime name", with { $0.name = "" }, "--runtime"),
        ("upper-case runtime name", with { $0.name = "Codefresh" }, "--runtime"),
        ("runtime name starting with a digit", with { $0.name = "1runtime" }, "--runtime"),
        ("runtime name with '-'", with { $0.name = "my-runtime" }, "--runtime"),
        ("runtime name of 39", with { $0.name = "a" + String(repeating: "b", count: 38) }, "--runtime"),
        ("empty namespace", with { $0.namespace = "" }, "--namespace"),
        ("upper-case namespace", with { $0.namespace = "Codefresh" }, "--namespace"),
        ("namespace starting with '-'", with { $0.namespace = "-ns" }, "--namespace"),
        ("namespace ending with '-'", with { $0.namespace = "ns-" }, "--namespace"),
        ("namespace with '_'", with { $0.namespace = "a_b" }, "--namespace"),
        ("namespace with '.'", with { $0.namespace = "a.b" }, "--namespace"),
        ("namespace of 64", with { $0.namespace = String(repeating: "a", count: 64) }, "--namespace"),
        ("empty Helm release", with { $0.helmRelease = "" }, "--helm-release"),
        ("Helm release of 54", with { $0.helmRelease = String(repeating: "a", count: 54) }, "--helm-release"),
        ("Helm release with '.'", with { $0.helmRelease = "cf.runtime" }, "--helm-release"),
        ("tunnel without account", with { $0.accessMode = .tunnel(accountId: "") }, "--account-id"),
        ("account with a space", with { $0.accessMode = .tunnel(accountId: "a b") }, "--account-id"),
        ("account with '/'", with { $0.accessMode = .tunnel(accountId: "a/b") }, "--account-id"),
        ("account of 65", with { $0.accessMode = .tunnel(accountId: String(repeating: "a", count: 65)) }, "--account-id"),
        ("ingress without host", with { $0.accessMode = .ingress(host: "", className: "nginx") }, "--ingress-host"),
        ("ingress host with '_'", with { $0.accessMode = .ingress(host: "my_host.example.com", className: "nginx") }, "--ingress-host"),
        ("ingress host that is a URL", with { $0.accessMode = .ingress(host: "https://h.example.com", className: "nginx") }, "--ingress-host"),
        ("ingress without class", with { $0.accessMode = .ingress(host: "h.example.com", className: "") }, "--ingress-class"),
        ("upper-case ingress class", with { $0.accessMode = .ingress(host: "h.example.com", className: "Nginx") }, "--ingress-class"),
        ("service-mesh without URL", with { $0.accessMode = .serviceMesh(ingressURL: "") }, "--ingress-url"),
        ("service-mesh URL without scheme", with { $0.accessMode = .serviceMesh(ingressURL: "mesh.example.com") }, "--ingress-url"),
        ("service-mesh ftp URL", with { $0.accessMode = .serviceMesh(ingressURL: "ftp://mesh.example.com") }, "--ingress-url"),
        ("service-mesh URL without host", with { $0.accessMode = .serviceMesh(ingressURL: "https:///x") }, "--ingress-url"),
        ("service-mesh URL with user info", with { $0.accessMode = .serviceMesh(ingressURL: "https://u:p@mesh.example.com") }, "--ingress-url"),
        ("service-mesh URL with a space", with { $0.accessMode = .serviceMesh(ingressURL: "https://mesh.example.com/a b") }, "--ingress-url"),
        ("server service upper-case", with { $0.argoCD.serverService = "Argocd-server" }, "--argocd-server-svc"),
        ("server service empty", with { $0.argoCD.serverService = "" }, "--argocd-server-svc"),
        ("server port 0", with { $0.argoCD.serverPort = 0 }, "--argocd-server-port"),
        ("server port 65536", with { $0.argoCD.serverPort = 65536 }, "--argocd-server-port"),
        ("server port negative", with { $0.argoCD.serverPort = -80 }, "--argocd-server-port"),
        ("root path without '/'", with { $0.argoCD.rootPath = "argocd" }, "--argocd-rootpath"),
        ("root path with a space", with { $0.argoCD.rootPath = "/argo cd" }, "--argocd-rootpath"),
        ("repo server service with '.'", with { $0.argoCD.repoServerService = "repo.server" }, "--argocd-repo-server-svc"),
        ("repo server port 0", with { $0.argoCD.repoServerPort = 0 }, "--argocd-repo-server-port"),
        ("repo server port 70000", with { $0.argoCD.repoServerPort = 70000 }, "--argocd-repo-server-port"),
        ("token secret without name", with { $0.argoCD.auth = token("", "token") }, "--argocd-token-secret"),
        ("token secret upper-case name", with { $0.argoCD.auth = token("Argocd", "token") }, "--argocd-token-secret"),
        ("token secret without key", with { $0.argoCD.auth = token("argocd-token", "") }, "--argocd-token-secret"),
        ("token secret key with '/'", with { $0.argoCD.auth = token("argocd-token", "a/b") }, "--argocd-token-secret"),
        ("empty username", with { $0.argoCD.auth = password("") }, "--argocd-username"),
        ("username with a space", with { $0.argoCD.auth = password("ad min") }, "--argocd-username"),
        ("username with a tab", with { $0.argoCD.auth = password("ad\tmin") }, "--argocd-username"),
        ("username with a line break", with { $0.argoCD.auth = password("admin\n") }, "--argocd-username"),
        ("username with a zero-width space", with { $0.argoCD.auth = password("ad\u{200B}min") }, "--argocd-username"),
        ("username with a byte order mark", with { $0.argoCD.auth = password("\u{FEFF}admin") }, "--argocd-username"),
        ("username of 254", with { $0.argoCD.auth = password(String(repeating: "a", count: 254)) }, "--argocd-username"),
        ("password secret without key", with { $0.argoCD.auth = password("admin", "argocd-secret", "") }, "--argocd-password-secret"),
        ("password secret name with '_'", with { $0.argoCD.auth = password("admin", "argocd_secret", "password") }, "--argocd-password-secret"),
        ("no clusters", with { $0.clusters = [] }, "in-cluster"),
        ("in-cluster not first", with { $0.clusters = ["prod", "in-cluster"] }, "in-cluster"),
        ("in-cluster twice", with { $0.clusters = ["in-cluster", "in-cluster"] }, "unique"),
        ("a cluster twice", with { $0.clusters = ["in-cluster", "prod", "prod"] }, "unique"),
        ("an invalid cluster name", with { $0.clusters = ["in-cluster", "Prod"] }, "--cluster"),
    ]

    @Test("each invalid setting is refused as invalid-setting (exit 2), naming its flag", arguments: invalid.indices)
    func refused(_ index: Int) {
        let (what, settings, flag) = Self.invalid[index]
        do {
            try settings.validate()
            Issue.record("\(what): accepted")
        } catch {
            #expect(error.code == "invalid-setting", "\(what)")
            #expect(error.category == .invalidInput, "\(what)")
            #expect(error.message.contains(flag), "\(what): \(error.message)")
            #expect(!error.message.contains("\n"), "\(what): one line")
        }
    }

    @Test("the defaults with each access mode and auth type pass; so do the limits")
    func validPass() throws {
        try Self.valid.validate()
        #expect(Self.valid.name == "codefresh")
        #expect(Self.valid.namespace == "codefresh")
        #expect(Self.valid.helmRelease == "cf-gitops-runtime")
        #expect(Self.valid.argoCD.serverService == "argocd-server")
        #expect(Self.valid.argoCD.serverPort == 80)
        #expect(Self.valid.argoCD.rootPath == "")
        #expect(Self.valid.argoCD.repoServerService == "argocd-repo-server")
        #expect(Self.valid.argoCD.repoServerPort == 8081)
        #expect(Self.valid.clusters == ["in-cluster"])
        let variants: [RuntimeSettings] = [
            Self.with { $0.accessMode = .ingress(host: "runtime.example.com", className: "nginx") },
            Self.with { $0.accessMode = .ingress(host: "*.example.com", className: "ingress.class") },
            Self.with { $0.accessMode = .serviceMesh(ingressURL: "http://mesh.example.com:8080/path") },
            Self.with { $0.argoCD.auth = Self.password("admin") },
            Self.with { $0.argoCD.auth = Self.password("ädmin@example.com") },
            Self.with { $0.name = "a" + String(repeating: "b", count: 37) },
            Self.with { $0.namespace = String(repeating: "a", count: 63) },
            Self.with { $0.helmRelease = String(repeating: "a", count: 53) },
            Self.with {
                $0.argoCD.serverPort = 1; $0.argoCD.repoServerPort = 65535
            },
            Self.with { $0.argoCD.rootPath = "/argocd" },
            Self.with { $0.accessMode = .tunnel(accountId: "Acc_1-2") },
            Self.with { $0.argoCD.auth = Self.token("a.b", "A.b_c-1") },
            Self.with { $0.clusters = ["in-cluster", "prod-eu", "staging.example"] },
        ]
        for settings in variants {
            try settings.validate()
        }
    }

    @Test("a secret reference on the command line is NAME:KEY")
    func secretReferenceParsing() throws {
        #expect(try SecretKeyRef(parsing: "argocd-token:token", flag: "--argocd-token-secret") == SecretKeyRef(name: "argocd-token", key: "token"))
        for bad in ["argocd-token", ":token", "argocd-token:", "", "s:a:b"] {
            #expect(throws: OperationError.self, "\(bad)") { try SecretKeyRef(parsing: bad, flag: "--argocd-token-secret") }
        }
        do {
            _ = try SecretKeyRef(parsing: "no-colon", flag: "--argocd-password-secret")
        } catch {
            #expect(error.message.contains("--argocd-password-secret"))
        }
    }
}
