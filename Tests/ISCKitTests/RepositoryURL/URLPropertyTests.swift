import Foundation
import ISCKit
import ISCTestSupport
import Testing

/// Generated valid parts compose into a URL that parses back into the same parts, and
/// parse → render → parse is stable.
@Suite("Repository URL properties")
struct URLPropertyTests {
    /// The parts one generated URL is made of, and what parsing must give back.
    struct Parts: CustomStringConvertible {
        var form: String
        var text: String
        var username: String?
        var host: String?
        var port: Int?
        var repository: String
        var path: String
        var ref: String?
        var description: String { "[\(form)] \(text)" }
    }

    static let lower = Array("abcdefghijklmnopqrstuvwxyz")
    static let nameChars = lower + Array("0123456789-_")
    static let pathChars = lower + Array("ABCXYZ0123456789-_.~ %?#&=+@:!$'()*,;éß漢🙂")
    static let refChars = lower + Array("0123456789-_./@+")

    static func generate(_ rng: inout SeededGenerator) -> Parts {
        let form = rng.pick(["https", "http", "ssh", "scp", "git", "file", "abs"])
        var username: String?
        if ["https", "http", "ssh", "scp"].contains(form), rng.chance(0.5) {
            username = rng.string(lower, length: 1...1) + rng.string(lower + Array("0123456789"), length: 0...8)
        }
        var host: String?
        var hostInURL = ""
        if form != "file" && form != "abs" {
            switch Int.random(in: 0..<10, using: &rng) {
            case 0: host = "::1"; hostInURL = "[::1]"
            case 1: host = "127.0.0.\(Int.random(in: 1...254, using: &rng))"; hostInURL = host!
            default:
                let labels = (0..<Int.random(in: 1...3, using: &rng)).map { _ in
                    rng.string(lower, length: 1...1) + rng.string(lower + Array("0123456789-"), length: 0...8) + rng.string(lower, length: 1...1)
                }
                host = labels.joined(separator: ".") + ".example"
                hostInURL = host!
            }
        }
        var port: Int?
        var portText = ""
        if ["https", "http", "ssh", "git"].contains(form), rng.chance(0.4) {
            let value = rng.chance(0.2) ? [443, 80, 22, 9418][["https", "http", "ssh", "git"].firstIndex(of: form)!] : Int.random(in: 1...65535, using: &rng)
            portText = ":\(value)"
            port = value == [443, 80, 22, 9418][["https", "http", "ssh", "git"].firstIndex(of: form)!] ? nil : value
        }
        var segments: [String] = (0..<Int.random(in: 1...4, using: &rng)).map { _ in
            var segment: String
            repeat {
                segment = rng.string(nameChars, length: 1...10)
            } while segment == "_git" || segment == "scm"
            return segment
        }
        let gitSuffix = rng.chance(0.5) ? rng.pick([".git", ".GIT", ".Git"]) : ""
        segments[segments.count - 1] += gitSuffix
        let repositoryPart = segments.joined(separator: "/")
        // Path segments: anything but '/', control characters, '.', '..', '.git'; a segment ending
        // in '.git' would end the repository (rule 1) when the repository has no '.git'.
        var pathSegments: [String] = []
        for _ in 0..<Int.random(in: 0...4, using: &rng) {
            let segment = rng.string(pathChars, length: 1...12)
            if segment.lowercased().hasSuffix(".git") { continue }
            // Only portable segments make a path (PortablePath: no `:?*`, no trailing dot or space, …).
            if PortablePath.violation(component: segment) != nil { continue }
            pathSegments.append(segment)
        }
        var ref: String?
        if rng.chance(0.6) {
            let candidate = rng.string(refChars, length: 1...20)
            if BranchName.isValid(candidate) { ref = candidate }
        }
        // Compose. Path segments are percent-encoded (sometimes even unreserved characters),
        // with empty segments and a trailing slash thrown in now and then.
        func encode(_ text: String, keep: Set<Character>) -> String {
            var out = ""
            for character in text {
                if keep.contains(character), !rng.chance(0.1) {
                    out.append(character)
                } else {
                    for byte in String(character).utf8 { out += String(format: "%%%02X", byte) }
                }
            }
            return out
        }
        let unreserved = Set(lower + Array("ABCXYZ0123456789-_.~"))
        var text: String
        switch form {
        case "scp":
            text = (username.map { "\($0)@" } ?? "") + hostInURL + ":" + repositoryPart
        case "file":
            text = "file:///" + repositoryPart
        case "abs":
            text = "/" + repositoryPart
        default:
            text = "\(form)://" + (username.map { "\($0)@" } ?? "") + hostInURL + portText + "/" + repositoryPart
        }
        if !pathSegments.isEmpty {
            text += gitSuffix.isEmpty ? "//" : "/"
            text += pathSegments.map { encode($0, keep: unreserved) }.joined(separator: rng.chance(0.2) ? "//" : "/")
            if rng.chance(0.2) { text += "/" }
        }
        if let ref { text += "?ref=" + encode(ref, keep: unreserved.union(["/"])) }
        let isFile = form == "file" || form == "abs"
        let repository = isFile ? "/" + repositoryPart : (gitSuffix.isEmpty ? repositoryPart : String(repositoryPart.dropLast(4)))
        return Parts(
            form: form, text: text, username: username, host: host, port: port, repository: repository,
            path: pathSegments.joined(separator: "/"), ref: ref)
    }

    @Test("generated parts compose into a URL that parses back into the same parts", arguments: [1, 2, 3, 4] as [UInt64])
    func composeThenParse(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        for _ in 0..<500 {
            let parts = Self.generate(&rng)
            let url: RepositoryURL
            do {
                url = try RepositoryURL(parsing: parts.text)
            } catch {
                Issue.record("seed \(seed): \(parts) failed: \(error.message)")
                continue
            }
            #expect(url.username == parts.username, "\(parts)")
            #expect(url.host == parts.host, "\(parts)")
            #expect(url.port == parts.port, "\(parts)")
            #expect(url.repository == parts.repository, "\(parts)")
            #expect(url.path == parts.path, "\(parts)")
            #expect(url.ref == parts.ref, "\(parts)")
            #expect(url.scheme.rawValue == ["scp": "ssh", "abs": "file"][parts.form, default: parts.form], "\(parts)")
        }
    }

    @Test("parse → render → parse is stable", arguments: [11, 12, 13, 14] as [UInt64])
    func renderIsStable(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        for _ in 0..<500 {
            let parts = Self.generate(&rng)
            guard let first = try? RepositoryURL(parsing: parts.text) else {
                Issue.record("seed \(seed): \(parts) does not parse")
                continue
            }
            let rendered = first.canonicalString
            let second = try RepositoryURL(parsing: rendered)
            #expect(
                ExpectedParse(second)
                    == {
                        var e = ExpectedParse(first); e.input = rendered; return e
                    }(), "\(parts) → \(rendered)")
            #expect(second.canonicalString == rendered)
            // White space around the input changes nothing but `input`.
            let padded = try RepositoryURL(parsing: " \t\(parts.text)\n")
            #expect(padded.cloneURL == first.cloneURL && padded.path == first.path && padded.ref == first.ref)
        }
    }

    @Test("providers given by id or alias in any case resolve to the canonical id")
    func providerAliases() throws {
        for provider in GitProvider.allCases {
            for name in [provider.id] + provider.aliases {
                #expect(GitProvider(id: name) == provider)
                #expect(GitProvider(id: name.uppercased()) == provider)
            }
        }
        #expect(GitProvider(id: "gogs") == nil)
        let url = try RepositoryURL(parsing: "https://git.example.com/scm/p/r.git", provider: "Bitbucket-Server")
        #expect(url.provider == .bitbucketDatacenter)
    }
}
