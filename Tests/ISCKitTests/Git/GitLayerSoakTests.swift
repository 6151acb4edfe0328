import Foundation
import Testing

@testable import ISCCore
@testable import ISCKit

/// Repeated clone/commit/push/fetch cycles per transport (10 in the suite), each checked, printing
/// the process RSS. `scripts/bench.sh` runs it with `ISC_GITLAYER_SOAK_CYCLES=200` and prints the
/// figures that show libgit2 handles and callback payloads are freed (no memory assertion here:
/// targets live in the benchmark). `ISC_GITLAYER_SOAK_TRANSPORTS=file,https` limits the
/// transports there.
@Suite("GitLayer soak", .serialized)
struct GitLayerSoakTests {
    static func residentKiB() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return -1 }
        for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
            return Int(line.split(separator: " ").dropFirst().first ?? "") ?? -1
        }
        return -1
    }

    @Test(arguments: ["file", "https", "ssh", "git"])
    func twoHundredCycles(_ transport: String) throws {
        let environment = ProcessInfo.processInfo.environment
        let cycles = Int(environment["ISC_GITLAYER_SOAK_CYCLES"] ?? "") ?? 10
        if let only = environment["ISC_GITLAYER_SOAK_TRANSPORTS"], !only.split(separator: ",").contains(Substring(transport)) {
            return
        }
        let dir = try GitLayerFixtures.temporaryDirectory("gitlayer-soak")
        defer { GitLayerFixtures.remove(dir) }
        // Every cycle starts from a fresh, empty remote so that each does the same work.
        var remotePath = ""
        var url = ""
        var options = RemoteOptions(timeout: .seconds(60))
        var env: [String: String] = [:]
        if transport != "file" {
            env = try GitLayerFixtures.serversEnv()
        }
        let name = "gitlayer-soak-\(transport)-\(UUID().uuidString.prefix(6).lowercased()).git"
        switch transport {
        case "file":
            remotePath = dir + "/" + name
            url = "file://" + remotePath
        case "https":
            remotePath = env["ISC_TEST_REPOS"]! + "/" + name
            url = env["ISC_TEST_HTTPS_URL"]! + name
            options.credentials = .userPassword(username: env["ISC_TEST_HTTP_USER"]!, password: env["ISC_TEST_HTTP_TOKEN"]!)
            options.trust = TrustPolicy(caFile: env["ISC_TEST_CA_FILE"]!)
        case "ssh":
            remotePath = env["ISC_TEST_REPOS"]! + "/" + name
            url = env["ISC_TEST_SSH_URL"]! + name
            options.credentials = .sshKey(username: env["ISC_TEST_SSH_USER"]!, privateKeyPath: env["ISC_TEST_SSH_KEY"]!)
            options.trust = TrustPolicy(knownHostsPath: env["ISC_TEST_KNOWN_HOSTS"]!)
        default:
            remotePath = env["ISC_TEST_REPOS"]! + "/" + name
            url = env["ISC_TEST_GIT_DAEMON_URL"]! + name
        }
        defer { GitLayerFixtures.remove(remotePath) }
        func freshRemote() throws {
            GitLayerFixtures.remove(remotePath)
            _ = try Repository.createBare(at: remotePath)
            // What http-backend and git daemon need to serve and accept pushes.
            try "[core]\n\trepositoryformatversion = 0\n\tbare = true\n[http]\n\treceivepack = true\n"
                .write(toFile: remotePath + "/config", atomically: true, encoding: .utf8)
            _ = FileManager.default.createFile(atPath: remotePath + "/git-daemon-export-ok", contents: nil)
        }
        options.progress = { _ in }

        var samples: [(Int, Int)] = []
        let clock = ContinuousClock()
        let elapsed = try clock.measure {
            for cycle in 0..<cycles {
                do {
                    // "clone": a new cache, fetched; commit; push; list; fetch into a second cache.
                    try freshRemote()
                    let path = dir + "/cache-\(cycle % 2).git"
                    GitLayerFixtures.remove(path)
                    let cache = try Repository.createBare(at: path)
                    let tip = try cache.fetch(url: url, branch: "main", options: options)
                    let commit = try GitLayerFixtures.commit(
                        cache, parent: tip,
                        [
                            "cycle.txt": Data("\(cycle)\n".utf8),
                            "dir/\(cycle % 10).txt": Data("x\(cycle)".utf8),
                        ])
                    try cache.push(url: url, commit: commit, branch: "main", options: options)
                    let heads = try Repository.listRemote(url: url, options: options)
                    #expect(heads.heads["main"] == commit)
                    GitLayerFixtures.remove(dir + "/other.git")
                    let other = try Repository.createBare(at: dir + "/other.git")
                    #expect(try other.fetch(url: url, branch: "main", options: options) == commit)
                }
                if cycle == 0 || (cycle + 1) % 50 == 0 { samples.append((cycle + 1, Self.residentKiB())) }
            }
        }
        let text = samples.map { "\($0.0): \($0.1) KiB" }.joined(separator: ", ")
        print("GitLayer soak \(transport): \(cycles) cycles in \(elapsed); RSS after cycle \(text)")
    }
}
