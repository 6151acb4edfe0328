import Foundation
import ISCKit
import ISCTestSupport
import Testing

/// Settings, URLs and scenarios shared by the Layout suites, and a generator of valid registries
/// full of strings YAML could misread.
enum LayoutSamples {
    static func url(_ text: String, provider: String? = nil, apiURL: String? = nil) -> RepositoryURL {
        do {
            return try RepositoryURL(parsing: text, provider: provider, apiURL: apiURL)
        } catch {
            fatalError("sample URL \(text): \(error)")
        }
    }

    static let tokenAuth = ArgoCDAuth.token(tokenSecretKeyRef: SecretKeyRef(name: "argocd-token", key: "token"))

    /// The spec's example runtime: defaults, tunnel with account `acc1`, token auth.
    static let defaultRuntime = RuntimeSettings(accessMode: .tunnel(accountId: "acc1"), argoCD: ArgoCDSettings(auth: tokenAuth))

    static func registry(_ url: RepositoryURL, _ runtimes: [RuntimeSettings], config: String? = nil) -> Registry {
        Registry(gitProvider: Registry.Provider(url: url)!, configRuntime: config ?? runtimes[0].name, runtimes: runtimes)
    }

    /// An extra cluster of a scenario: its name and API server.
    struct ExtraCluster: Sendable {
        var runtime: String
        var cluster: String
        var server: String
    }

    /// One golden scenario: the files `init` (plus `add-cluster`) would write for these settings.
    struct Scenario: Sendable, CustomTestStringConvertible {
        var name: String
        var url: RepositoryURL
        var registry: Registry
        var extraClusters: [ExtraCluster] = []
        /// The branch written and the remote's HEAD, when known (`targetRevision`); `nil` writes
        /// `url.ref ?? "HEAD"`.
        var written: (branch: String, remoteHead: String?)? = nil
        var testDescription: String { name }

        /// Every file in layout `version`, repository-relative path → contents.
        func files(_ version: LayoutVersion = .v2) -> [String: Data] {
            let files =
                written.map { ISCFiles(url: url, targetRevision: TargetRevision(url: url, branch: $0.branch, remoteHead: $0.remoteHead)) }
                ?? ISCFiles(url: url)
            var result = files.initialFiles(registry: registry, includeReadme: true, layout: version)
            for extra in extraClusters {
                result.merge(files.cluster(extra.cluster, server: extra.server, runtime: registry.runtime(named: extra.runtime)!)) { _, new in new }
            }
            return result
        }
    }

    static let scenarios: [Scenario] = {
        var list: [Scenario] = []

        // Access mode tunnel, token auth, repository root, default branch (HEAD): the spec's example.
        let github = url("https://github.com/acme/isc.git")
        list.append(Scenario(name: "tunnel-token", url: github, registry: registry(github, [defaultRuntime])))

        // Access mode ingress, password auth (other names everywhere), on gitlab.com.
        let gitlab = url("https://gitlab.com/acme/isc.git")
        let ingress = RuntimeSettings(
            name: "prod", namespace: "argocd", helmRelease: "gitops",
            accessMode: .ingress(host: "runtime.example.com", className: "nginx"),
            argoCD: ArgoCDSettings(auth: .password(username: "admin", passwordSecretKeyRef: SecretKeyRef(name: "argocd-initial-admin-secret", key: "password")))
        )
        list.append(Scenario(name: "ingress-password", url: gitlab, registry: registry(gitlab, [ingress])))

        // Access mode service-mesh, token auth, on a Gitea server reached over ssh with a port.
        let gitea = url("ssh://git@git.example.com:2222/platform/isc.git", provider: "gitea")
        let mesh = RuntimeSettings(
            name: "mesh", namespace: "gitops",
            accessMode: .serviceMesh(ingressURL: "https://mesh.example.com/gitops"),
            argoCD: ArgoCDSettings(auth: .token(tokenSecretKeyRef: SecretKeyRef(name: "argocd-api", key: "api.token"))))
        list.append(Scenario(name: "service-mesh-token", url: gitea, registry: registry(gitea, [mesh])))

        // Sub-path and ref (the spec's URL example).
        let subpathRef = url("https://github.com/codefresh-io/our-isc.git/envs/prod?ref=isc-branch")
        list.append(Scenario(name: "subpath-ref", url: subpathRef, registry: registry(subpathRef, [defaultRuntime])))

        // Sub-path, no ref (scp-like).
        let subpathHead = url("git@github.com:acme/isc.git/envs/prod")
        list.append(Scenario(name: "subpath-head", url: subpathHead, registry: registry(subpathHead, [defaultRuntime])))

        // Repository root with a ref.
        let rootRef = url("https://github.com/acme/isc.git?ref=isc-branch")
        list.append(Scenario(name: "root-ref", url: rootRef, registry: registry(rootRef, [defaultRuntime])))

        // An extra cluster (add-cluster), on bitbucket.org.
        let bitbucket = url("https://bitbucket.org/acme/isc.git")
        var withCluster = defaultRuntime
        withCluster.clusters = ["in-cluster", "prod-eu"]
        list.append(
            Scenario(
                name: "extra-cluster", url: bitbucket, registry: registry(bitbucket, [withCluster]),
                extraClusters: [ExtraCluster(runtime: "codefresh", cluster: "prod-eu", server: "https://prod-eu.k8s.example.com:6443")]))

        // Three runtimes on a plain Git server (file repository: provider git, no apiURL), given
        // out of order, the configuration runtime in the middle; values YAML could misread.
        let file = url("file:///srv/git/isc.git/cfg")
        let zeta = RuntimeSettings(
            name: "zeta", namespace: "yes", helmRelease: "cf-gitops-runtime",
            accessMode: .tunnel(accountId: "123"),
            argoCD: ArgoCDSettings(
                serverService: "argo-server", serverPort: 443, rootPath: "/argocd",
                repoServerService: "argo-repo", repoServerPort: 8443,
                auth: .token(tokenSecretKeyRef: SecretKeyRef(name: "1password", key: ".token"))),
            clusters: ["in-cluster", "staging"])
        let alpha = RuntimeSettings(
            name: "alpha", namespace: "alpha",
            accessMode: .ingress(host: "*.apps.example.com", className: "traefik"),
            argoCD: ArgoCDSettings(auth: .password(username: "true", passwordSecretKeyRef: SecretKeyRef(name: "argocd-secret", key: "admin.password"))))
        let mid = RuntimeSettings(
            name: "mid", namespace: "mid",
            accessMode: .serviceMesh(ingressURL: "http://mesh.internal:8080/a,b?x=1#top"),
            argoCD: ArgoCDSettings(auth: tokenAuth))
        list.append(
            Scenario(
                name: "three-runtimes", url: file, registry: registry(file, [zeta, alpha, mid], config: "mid"),
                extraClusters: [ExtraCluster(runtime: "zeta", cluster: "staging", server: "https://10.0.0.5:6443")]))

        // The install additions of spec section 7 stored per runtime (Git runtime credentials with
        // and without a user, a pinned chart), written to an empty remote: no remote HEAD is known,
        // so the Applications name the branch written (`main`), not HEAD.
        let additions = url("https://github.com/acme/isc.git/platform")
        var pinned = defaultRuntime
        pinned.gitCredentials = GitRuntimeCredentials(username: "runtime-bot", passwordSecretKeyRef: SecretKeyRef(name: "git-runtime", key: "token"))
        pinned.chartVersion = ChartVersion(major: 0, minor: 26, patch: 3)
        let tokenOnly = RuntimeSettings(
            name: "edge", namespace: "edge", accessMode: .tunnel(accountId: "acc1"), argoCD: ArgoCDSettings(auth: tokenAuth),
            gitCredentials: GitRuntimeCredentials(passwordSecretKeyRef: SecretKeyRef(name: "git-runtime", key: "edge.token")),
            chartVersion: ChartVersion(major: 0, minor: 29, patch: 0))
        list.append(
            Scenario(
                name: "install-additions", url: additions, registry: registry(additions, [pinned, tokenOnly]),
                written: (branch: "main", remoteHead: nil)))
        return list
    }()

    // MARK: - Generated settings

    /// Values YAML 1.1 or 1.2 would read as something else, or that need quoting, per field rule.
    static let hostileLabels = ["yes", "no", "on", "off", "y", "n", "true", "false", "null", "123", "0x1f", "1e3", "0o17", "1-2", "2001-12-14", "a-b"]
    static let hostileRuntimeNames = ["y", "n", "yes", "no", "on", "off", "true", "false", "null", "nan", "inf", "codefresh", "a", "prod1", "e1"]
    static let hostileAccountIds = ["acc1", "123", "0", "1e10", "0x10", "1_000", "true", "null", "-", "_x", "a-b_C", "2001-12-14"]
    static let hostileUsernames = [
        "admin", "true", "null", "~", "-", "'x'", "\"x\"", "a#b", "#x", "123", "é", "@x", "%x", "`x", "{x}", "[x]",
        "!x", "&x", "*x", "|x", ">x", "?x", ":x", "x:", "a:b", "\\", "\u{FFFE}", "\u{E000}", "\u{10FFFF}", "a,b", "=", "<<",
    ]
    static let hostileURLs = [
        "https://mesh.example.com", "http://10.0.0.1:8080/path?x=1&y=2#frag", "https://h/a:b,c[d]{e}", "https://h/\"q\"\\b",
        "https://h/é漢🙂", "https://h/\u{200B}zw", "HTTPS://H/", "http://h:1/#", "https://h/'s'", "https://h/%20",
    ]
    static let hostileRootPaths = ["", "/", "/argocd", "/a:b", "/#x", "/\"q\"", "/true", "/é", "/a,b", "/{x}", "//", "/:"]
    static let hostileSecretNames = ["argocd-token", "1", "a.b", "null", "true", "123.456", "0x1f", "yes"]
    static let hostileSecretKeys = ["token", ".x", "-", "1", "a.b_c-D", "true", "NULL", "Yes", "1e3", "_", "..."]
    static let hostileClusters = ["prod-eu", "1", "null", "a.b.c", "true", "off", "2001-12-14"]
    static let lower = Array("abcdefghijklmnopqrstuvwxyz")
    static let labelChars = lower + Array("0123456789-")

    static func label(_ rng: inout SeededGenerator, max: Int) -> String {
        if rng.chance(0.5) { return rng.pick(hostileLabels) }
        let middle = rng.string(labelChars, length: 0...Swift.max(0, max - 2))
        return rng.string(lower, length: 1...1) + middle + rng.string(lower + Array("0123456789"), length: 1...1)
    }

    static func runtime(_ rng: inout SeededGenerator, name: String) -> RuntimeSettings {
        let access: AccessMode
        switch Int.random(in: 0..<3, using: &rng) {
        case 0: access = .tunnel(accountId: rng.pick(hostileAccountIds))
        case 1:
            access = .ingress(
                host: rng.pick(["runtime.example.com", "*.example.com", "123.example", "null", "yes.no"]), className: rng.pick(["nginx", "1", "true", "a.b"]))
        default: access = .serviceMesh(ingressURL: rng.pick(hostileURLs))
        }
        let ref = SecretKeyRef(name: rng.pick(hostileSecretNames), key: rng.pick(hostileSecretKeys))
        let auth: ArgoCDAuth = rng.chance(0.5) ? .token(tokenSecretKeyRef: ref) : .password(username: rng.pick(hostileUsernames), passwordSecretKeyRef: ref)
        var clusters = ["in-cluster"]
        for _ in 0..<Int.random(in: 0...3, using: &rng) {
            let cluster = rng.pick(hostileClusters)
            if !clusters.contains(cluster) { clusters.append(cluster) }
        }
        let settings = RuntimeSettings(
            name: name, namespace: label(&rng, max: 63), helmRelease: label(&rng, max: 53), accessMode: access,
            argoCD: ArgoCDSettings(
                serverService: label(&rng, max: 63), serverPort: Int.random(in: 1...65535, using: &rng),
                rootPath: rng.pick(hostileRootPaths), repoServerService: label(&rng, max: 63),
                repoServerPort: Int.random(in: 1...65535, using: &rng), auth: auth),
            clusters: clusters)
        do {
            try settings.validate()
        } catch {
            fatalError("generated settings must be valid: \(error.message)")
        }
        return settings
    }

    static func runtimeName(_ rng: inout SeededGenerator) -> String {
        rng.chance(0.5) ? rng.pick(hostileRuntimeNames) : rng.string(lower, length: 1...1) + rng.string(lower + Array("0123456789"), length: 0...37)
    }

    static func registry(_ rng: inout SeededGenerator) -> Registry {
        let type = rng.pick(GitProvider.allCases)
        let apiURL: String? =
            type == .git ? nil : rng.pick(["https://api.github.com", "https://git.example.com:8443/api/v3", "http://10.0.0.1/x", "https://h/é?a=b,c"])
        var names: [String] = []
        for _ in 0..<Int.random(in: 1...4, using: &rng) {
            let name = runtimeName(&rng)
            if !names.contains(name) { names.append(name) }
        }
        let runtimes = names.map { runtime(&rng, name: $0) }
        return Registry(gitProvider: Registry.Provider(type: type, apiURL: apiURL), configRuntime: rng.pick(names), runtimes: runtimes)
    }

    /// URLs whose clone URL, path or ref need quoting in an Application.
    static let hostileRepositoryURLs = [
        "https://github.com/acme/isc.git",
        "https://github.com/acme/isc.git/envs/my%20prod?ref=feature/x",
        "git@github.com:acme/isc.git/a%20%23b/%23c?ref=1.0",
        "ssh://git@git.example.com:2222/platform/isc.git/gitops?ref=true",
        "https://dev.azure.com/org/project/_git/repo/%C3%A9%E6%BC%A2?ref=null",
        "file:///srv/my repos/isc.git/cfg",
        "/srv/git/isc.git/%27q%27/%7Bx%7D/%5Bz%5D?ref=yes",
        "git://git.example.com/isc.git/x%2Cy?ref=2001-12-14",
    ]

    static func repositoryURL(_ rng: inout SeededGenerator) -> RepositoryURL {
        url(rng.pick(hostileRepositoryURLs))
    }
}

/// Writing and reading file trees in tests.
enum LayoutFiles {
    /// Writes `files` (repository-relative path → contents) under `directory`.
    static func write(_ files: [String: Data], to directory: URL) throws {
        for (path, data) in files {
            let target = directory.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: target)
        }
    }

    /// Every regular file under `directory`, hidden ones included, by path relative to it.
    static func read(_ directory: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let base = directory.standardizedFileURL.path
        guard let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: [.isRegularFileKey]) else { return [:] }
        for case let file as URL in enumerator {
            guard try file.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true else { continue }
            let path = file.standardizedFileURL.path
            files[String(path.dropFirst(base.count + 1))] = try Data(contentsOf: file)
        }
        return files
    }

    /// A new empty temporary directory.
    static func temporaryDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("isc-layout-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }
}
