import Foundation
import ISCTestSupport

@testable import ISCCore
@testable import ISCKit

/// A repository on the test servers, reached over one transport, plus the git CLI to play
/// "another writer" on the server side and to inspect a cache mirror independently.
struct CacheRemote: CustomStringConvertible {
    let transport: String
    let servers: TestServers
    let name: String
    var description: String { transport }

    /// A new repository with one commit (README.md) on `main`.
    init(_ transport: String, prefix: String = "cache") throws {
        self.transport = transport
        servers = try TestServers.running()
        name = try servers.newRepository(TestServers.uniqueName("\(prefix)-\(transport)"), withCommitOn: "main")
    }

    var path: String { servers.repositoryPath(name) }

    var url: RepositoryURL {
        get throws {
            let text: String
            switch transport {
            case "https": text = servers["ISC_TEST_HTTPS_URL"] + name
            case "ssh": text = servers["ISC_TEST_SSH_URL"] + name
            case "git-daemon": text = servers["ISC_TEST_GIT_DAEMON_URL"] + name
            default: text = "file://" + path
            }
            return try RepositoryURL(parsing: text, provider: "git")
        }
    }

    var remoteOptions: RemoteOptions {
        switch transport {
        case "https":
            return RemoteOptions(
                credentials: .userPassword(username: servers.httpUser, password: servers.httpToken),
                trust: TrustPolicy(caFile: servers.caFile), timeout: .seconds(120))
        case "ssh":
            return RemoteOptions(
                credentials: .sshKey(username: servers["ISC_TEST_SSH_USER"], privateKeyPath: servers["ISC_TEST_SSH_KEY"]),
                trust: TrustPolicy(knownHostsPath: servers["ISC_TEST_KNOWN_HOSTS"]), timeout: .seconds(120))
        default:
            return RemoteOptions(timeout: .seconds(120))
        }
    }

    /// Transaction options that keep the mirror in `cache`.
    func options(cache: URL?, message: String = "test", notices: Notices? = nil, dryRun: Bool = false) -> Transaction.Options {
        var options = Transaction.Options(
            remote: remoteOptions, author: GitLayerFixtures.author, message: message, dryRun: dryRun,
            backoffBase: .milliseconds(1))
        if let cache { options.cache = .directory(cache) }
        if let notices { options.onNotice = { notices.append($0) } }
        return options
    }

    /// Another writer: commits `files` on `main` of the server repository with the git CLI
    /// (a temporary clone pushed back over the file system) and returns the new tip.
    @discardableResult
    func otherWriter(_ files: [String: Data]) throws -> String {
        let work = try GitLayerFixtures.temporaryDirectory("other-writer")
        defer { GitLayerFixtures.remove(work) }
        try GitLayerFixtures.git(["clone", "--quiet", path, work + "/w"])
        for (file, data) in files {
            let target = URL(fileURLWithPath: work + "/w/" + file)
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: target)
        }
        try GitLayerFixtures.git(["add", "-A"], in: work + "/w")
        try GitLayerFixtures.git(["commit", "--quiet", "-m", "other writer"], in: work + "/w")
        try GitLayerFixtures.git(["push", "--quiet", "origin", "HEAD:refs/heads/main"], in: work + "/w")
        return try tip()
    }

    /// The server's tip of `main`.
    func tip() throws -> String {
        try servers.git(name, ["rev-parse", "main"]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The number of distinct objects reachable from the server's `main`.
    func reachableObjects() throws -> Int {
        try servers.git(name, ["rev-list", "--objects", "main"]).split(separator: "\n").count
    }
}

/// Notices collected from a transaction.
final class Notices: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []
    func append(_ notice: String) { lock.lock(); items.append(notice); lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return items }
}

/// Inspects a cache directory with the git CLI and the file system.
struct CacheInspector {
    let directory: URL

    /// The mirrors (`*.git`) in the cache directory.
    var mirrors: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
            .filter { $0.hasSuffix(".git") }.sorted().map { directory.path + "/" + $0 }
    }

    /// The only mirror; fails when there is not exactly one.
    func mirror() throws -> String {
        guard mirrors.count == 1 else { throw GitLayerFixtures.CommandError(description: "expected one mirror, found \(mirrors)") }
        return mirrors[0]
    }

    /// The `.pack` files of a mirror.
    func packs(_ mirror: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: mirror + "/objects/pack")) ?? []).filter { $0.hasSuffix(".pack") }
    }

    /// Loose object files of a mirror.
    func looseObjects(_ mirror: String) -> [String] {
        MirrorMaintenance.looseObjects(in: mirror + "/objects").map(\.path)
    }

    /// Every distinct object of a mirror (all packs and loose objects).
    func allObjects(_ mirror: String) throws -> Set<String> {
        Set(
            try GitLayerFixtures.git(["--git-dir=\(mirror)", "cat-file", "--batch-all-objects", "--batch-check=%(objectname)"])
                .split(separator: "\n").map(String.init))
    }

    /// The objects reachable from the mirror's references.
    func reachableObjects(_ mirror: String) throws -> Set<String> {
        Set(
            try GitLayerFixtures.git(["--git-dir=\(mirror)", "rev-list", "--objects", "--all"])
                .split(separator: "\n").map { String($0.prefix(40)) })
    }

    /// `git fsck --strict` of a mirror (throws when it is not clean).
    func fsck(_ mirror: String) throws {
        try GitLayerFixtures.git(["--git-dir=\(mirror)", "fsck", "--strict", "--no-dangling"])
    }

    /// Every regular file of the cache directory.
    var files: [String] {
        let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: [.isRegularFileKey])
        return (enumerator?.allObjects as? [URL] ?? [])
            .filter { (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true }.map(\.path)
    }
}
