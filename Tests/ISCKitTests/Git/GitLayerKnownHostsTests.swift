import Foundation
import Testing

@testable import ISCCore
@testable import ISCKit

@Suite("GitLayer SHA-1 and HMAC-SHA1")
struct GitLayerSHA1Tests {
    static func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

    /// RFC 3174 section 7.3 test vectors (plus the empty message).
    @Test func sha1Vectors() {
        #expect(Self.hex(SHA1.hash(Array("abc".utf8))) == "a9993e364706816aba3e25717850c26c9cd0d89d")
        #expect(
            Self.hex(SHA1.hash(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)))
                == "84983e441c3bd26ebaae4aa1f95129e5e54670f1")
        #expect(
            Self.hex(SHA1.hash([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)))
                == "34aa973cd4c4daa4f61eeb2bdbad27316534016f")
        let repeated = String(repeating: "0123456701234567012345670123456701234567012345670123456701234567", count: 10)
        #expect(Self.hex(SHA1.hash(Array(repeated.utf8))) == "dea356a2cddd90c7a7ecedc5ebb563934f460452")
        #expect(Self.hex(SHA1.hash([UInt8]())) == "da39a3ee5e6b4b0d3255bfef95601890afd80709")
    }

    /// RFC 2202 section 3 test cases 1-7.
    @Test func hmacSHA1Vectors() {
        let cases: [([UInt8], [UInt8], String)] = [
            ([UInt8](repeating: 0x0b, count: 20), Array("Hi There".utf8), "b617318655057264e28bc0b6fb378c8ef146be00"),
            (Array("Jefe".utf8), Array("what do ya want for nothing?".utf8), "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79"),
            ([UInt8](repeating: 0xaa, count: 20), [UInt8](repeating: 0xdd, count: 50), "125d7342b9ac11cd91a39af48aa17b4f63f175d3"),
            (Array(1...25), [UInt8](repeating: 0xcd, count: 50), "4c9007f4026250c6bc8414f9bf50c86c2d7235da"),
            ([UInt8](repeating: 0x0c, count: 20), Array("Test With Truncation".utf8), "4c1a03424b55e07fe7f27be1d58bb9324a9a5a04"),
            (
                [UInt8](repeating: 0xaa, count: 80), Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
                "aa4ae5e15272d00e95705637ce8a3b55ed402112"
            ),
            (
                [UInt8](repeating: 0xaa, count: 80),
                Array("Test Using Larger Than Block-Size Key and Larger Than One Block-Size Data".utf8),
                "e8e99d0f45237d786d6bbaa7965c7808bbff1a91"
            ),
        ]
        for (key, message, expected) in cases {
            #expect(Self.hex(SHA1.hmac(key: key, message: message)) == expected)
        }
    }
}

@Suite("GitLayer known_hosts")
struct GitLayerKnownHostsTests {
    /// A key pair made with ssh-keygen: its public line's type and base64 blob.
    struct Key {
        var type: String
        var base64: String
        var blob: [UInt8] { [UInt8](Data(base64Encoded: base64)!) }
        var line: String { "\(type) \(base64)" }
    }

    static func makeKey(_ dir: String, _ name: String, type: String = "ed25519") throws -> Key {
        var arguments = ["ssh-keygen", "-q", "-t", type, "-N", "", "-C", name, "-f", "\(dir)/\(name)"]
        if type == "ecdsa" { arguments += ["-b", "256"] }
        try GitLayerFixtures.run(arguments)
        let fields = try String(contentsOfFile: "\(dir)/\(name).pub", encoding: .utf8).split(separator: " ")
        return Key(type: String(fields[0]), base64: String(fields[1]))
    }

    @Test func plainPortsListsCommentsAndMarkers() throws {
        let dir = try GitLayerFixtures.temporaryDirectory()
        defer { GitLayerFixtures.remove(dir) }
        let good = try Self.makeKey(dir, "good")
        let other = try Self.makeKey(dir, "other")
        let third = try Self.makeKey(dir, "third")
        let ecdsa = try Self.makeKey(dir, "ec", type: "ecdsa")

        let text = """
            # a comment, then a blank line

            git.example.com,10.0.0.5 \(good.line) comment here
            [127.0.0.1]:2222 \(good.line)
            \t  [127.0.0.1]:2223 \(other.line)
            changed.example \(third.line)
            ec-only.example \(ecdsa.line)
            *.wild.example,!bad.wild.example \(good.line)
            @cert-authority *.ca.example \(good.line)
            @revoked * \(other.line)
            revoked.example \(other.line)
            this line is malformed
            broken.example ssh-ed25519 !!!notbase64!!!
            """
        let known = KnownHosts(parsing: text)
        func verify(_ host: String, _ port: Int?, _ key: Key) -> KnownHosts.Verdict {
            known.verify(host: host, port: port, keyType: key.type, key: key.blob)
        }
        #expect(verify("git.example.com", 22, good) == .trusted)
        #expect(verify("GIT.example.com", nil, good) == .trusted)
        #expect(verify("10.0.0.5", 22, good) == .trusted)
        // A plain entry is for port 22 only; other ports need [host]:port.
        #expect(verify("git.example.com", 2222, good) == .unknown)
        #expect(verify("127.0.0.1", 2222, good) == .trusted)
        #expect(verify("127.0.0.1", 22, good) == .unknown)
        // Wrong key for a known host (same type).
        #expect(verify("127.0.0.1", 2222, third) == .changed)
        #expect(verify("changed.example", 22, good) == .changed)
        // Known only with another key type: unknown, not changed.
        #expect(verify("ec-only.example", 22, good) == .unknown)
        #expect(verify("ec-only.example", 22, ecdsa) == .trusted)
        // Wildcards and negation.
        #expect(verify("a.wild.example", 22, good) == .trusted)
        #expect(verify("bad.wild.example", 22, good) == .unknown)
        // @cert-authority lines are ignored.
        #expect(verify("x.ca.example", 22, good) == .unknown)
        // @revoked wins even over a plain line with the same key.
        #expect(verify("revoked.example", 22, other) == .revoked)
        #expect(verify("127.0.0.1", 2223, other) == .revoked)
        // Unknown host.
        #expect(verify("nowhere.example", 22, good) == .unknown)
        #expect(known.entries.count == 9)
    }

    @Test func hashedEntriesMadeBySSHKeygen() throws {
        let dir = try GitLayerFixtures.temporaryDirectory()
        defer { GitLayerFixtures.remove(dir) }
        let good = try Self.makeKey(dir, "good")
        let other = try Self.makeKey(dir, "other")
        let file = dir + "/known_hosts"
        try "[127.0.0.1]:2222 \(good.line)\ngit.example.com \(good.line)\n".write(toFile: file, atomically: true, encoding: .utf8)
        try GitLayerFixtures.run(["ssh-keygen", "-q", "-H", "-f", file])
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text.hasPrefix("|1|"))
        #expect(!text.contains("127.0.0.1") && !text.contains("git.example.com"))

        let known = try KnownHosts(contentsOf: file)
        #expect(known.verify(host: "127.0.0.1", port: 2222, keyType: good.type, key: good.blob) == .trusted)
        #expect(known.verify(host: "git.example.com", port: 22, keyType: good.type, key: good.blob) == .trusted)
        #expect(known.verify(host: "127.0.0.1", port: 2222, keyType: other.type, key: other.blob) == .changed)
        #expect(known.verify(host: "127.0.0.1", port: 22, keyType: good.type, key: good.blob) == .unknown)
        #expect(known.verify(host: "127.0.0.2", port: 2222, keyType: good.type, key: good.blob) == .unknown)
        // ssh-keygen agrees on what is in the file.
        #expect(try GitLayerFixtures.run(["ssh-keygen", "-F", "[127.0.0.1]:2222", "-f", file]).contains(good.base64))
    }

    @Test func missingFileIsEmptyAndHelpers() throws {
        let known = try KnownHosts(contentsOf: "/nonexistent/known_hosts")
        #expect(known.entries.isEmpty)
        #expect(KnownHosts.lookupName(host: "h", port: 22) == "h")
        #expect(KnownHosts.lookupName(host: "127.0.0.1", port: 2222) == "[127.0.0.1]:2222")
        #expect(KnownHosts.displayName(ofKeyType: "ssh-ed25519") == "ED25519")
        #expect(KnownHosts.displayName(ofKeyType: "ecdsa-sha2-nistp256") == "ECDSA")
        #expect(KnownHosts.fingerprint(sha256: [UInt8](repeating: 0, count: 32)) == "SHA256:" + String(repeating: "A", count: 43))
        let blob: [UInt8] = [0, 0, 0, 11] + Array("ssh-ed25519".utf8) + [0, 0, 0, 1, 7]
        #expect(KnownHosts.keyType(ofBlob: blob) == "ssh-ed25519")
        #expect(KnownHosts.keyType(ofBlob: [0, 0, 1]) == nil)
        #expect(KnownHosts.keyType(ofBlob: [0, 0, 0, 9, 1]) == nil)
    }
}
