import Foundation
import Testing

@testable import ISCCore
@testable import ISCKit

/// The decision whether and how to sign, as git makes it (pure), and the signature readers.
@Suite("Signing configuration")
struct SigningConfigurationTests {
    typealias Config = SigningConfiguration

    @Test("no flags and no commit.gpgSign: unsigned; commit.gpgSign in git's boolean spellings")
    func gpgSignSwitch() throws {
        #expect(try Config.resolve(flagKey: nil, flagFormat: nil, config: [:], home: "/h") == nil)
        for value in ["false", "no", "off", "0", "", "FALSE"] {
            #expect(try Config.resolve(flagKey: nil, flagFormat: nil, config: ["commit.gpgSign": value], home: "/h") == nil, "\(value)")
        }
        for value in ["true", "yes", "on", "1", "True"] {
            #expect(
                try Config.resolve(flagKey: nil, flagFormat: nil, config: ["commit.gpgSign": value], home: "/h")
                    == Config(format: .openpgp, key: nil, program: "gpg"), "\(value)")
        }
        #expect(throws: OperationError.self) { try Config.resolve(flagKey: nil, flagFormat: nil, config: ["commit.gpgSign": "maybe"], home: "/h") }
    }

    @Test("git config: gpg.format, user.signingKey, the programs; ~/ expanded for ssh keys")
    func fromGitConfig() throws {
        let ssh = try Config.resolve(
            flagKey: nil, flagFormat: nil,
            config: [
                "commit.gpgSign": "true", "gpg.format": "ssh", "user.signingKey": "~/.ssh/id_ed25519.pub", "gpg.ssh.program": "/opt/ssh-keygen",
            ], home: "/home/u")
        #expect(ssh == Config(format: .ssh, key: "/home/u/.ssh/id_ed25519.pub", program: "/opt/ssh-keygen"))
        #expect(ssh?.usesAgent == true)
        let pgp = try Config.resolve(
            flagKey: nil, flagFormat: nil,
            config: [
                "commit.gpgSign": "true", "user.signingKey": "ABCDEF01", "gpg.program": "gpg2",
            ], home: nil)
        #expect(pgp == Config(format: .openpgp, key: "ABCDEF01", program: "gpg2"))
        let openpgpProgram = try Config.resolve(
            flagKey: nil, flagFormat: nil,
            config: [
                "commit.gpgSign": "true", "gpg.program": "gpg2", "gpg.openpgp.program": "gpg-custom",
            ], home: nil)
        #expect(openpgpProgram?.program == "gpg-custom")
        #expect(throws: OperationError.self) {
            try Config.resolve(flagKey: nil, flagFormat: nil, config: ["commit.gpgSign": "true", "gpg.format": "x509"], home: nil)
        }
        do {
            _ = try Config.resolve(flagKey: nil, flagFormat: nil, config: ["commit.gpgSign": "true", "gpg.format": "ssh"], home: nil)
            Issue.record("an ssh signature without a key must be refused")
        } catch {
            #expect(error.code == "missing-signing-key")
        }
    }

    @Test("flags: either one turns signing on; the format follows the key's shape unless given; flags beat git config")
    func fromFlags() throws {
        let cases: [(String, Config.Format)] = [
            ("/keys/id_ed25519", .ssh), ("id_ed25519.pub", .ssh), ("~/.ssh/id", .ssh),
            ("key::ssh-ed25519 AAAAC3Nz", .ssh), ("ssh-ed25519 AAAAC3Nz", .ssh), ("ecdsa-sha2-nistp256 AAAA", .ssh),
            ("ABCDEF0123456789", .openpgp), ("signer@example.com", .openpgp), ("Signer <signer@example.com>", .openpgp),
        ]
        for (key, format) in cases {
            let resolved = try Config.resolve(flagKey: key, flagFormat: nil, config: ["gpg.format": "openpgp"], home: "/h")
            #expect(resolved?.format == format, "\(key)")
        }
        #expect(try Config.resolve(flagKey: "id", flagFormat: .ssh, config: [:], home: nil) == Config(format: .ssh, key: "id", program: "ssh-keygen"))
        // --signing-format alone: git config's key.
        #expect(try Config.resolve(flagKey: nil, flagFormat: .ssh, config: ["user.signingKey": "/k"], home: nil)?.key == "/k")
        // --no-sign wins over git config, and refuses a signing flag.
        #expect(try Config.resolve(flagKey: nil, flagFormat: nil, noSign: true, config: ["commit.gpgSign": "true"], home: nil) == nil)
        #expect(throws: OperationError.self) { try Config.resolve(flagKey: "/k", flagFormat: nil, noSign: true, config: [:], home: nil) }
        #expect(throws: OperationError.self) { try Config.resolve(flagKey: "a\nb", flagFormat: nil, config: [:], home: nil) }
        #expect(throws: OperationError.self) { try Config.resolve(flagKey: "", flagFormat: nil, config: [:], home: nil) }
    }

    @Test("SHA-256 test vectors (FIPS 180-4)")
    func sha256() {
        func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }
        #expect(hex(SHA256.hash(Array("".utf8))) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(hex(SHA256.hash(Array("abc".utf8))) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(
            hex(SHA256.hash(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(hex(SHA256.hash([UInt8](repeating: 0x61, count: 1_000_000))) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test("the armored block and the signer's fingerprint are read from what the signers print")
    func readers() {
        let text = "noise\n-----BEGIN PGP SIGNATURE-----\n\nabc\n-----END PGP SIGNATURE-----\ntrailer"
        #expect(CommitSigner.armored(text, kind: "PGP SIGNATURE") == "-----BEGIN PGP SIGNATURE-----\n\nabc\n-----END PGP SIGNATURE-----")
        #expect(CommitSigner.armored("nothing", kind: "PGP SIGNATURE") == nil)
        let status = "[GNUPG:] KEY_CONSIDERED X 2\n[GNUPG:] SIG_CREATED D 22 8 00 1764650000 0123456789ABCDEF0123456789ABCDEF01234567\n"
        #expect(CommitSigner.openPGPFingerprint(status: status) == "0123456789ABCDEF0123456789ABCDEF01234567")
        #expect(CommitSigner.openPGPFingerprint(status: "gpg: signing failed") == nil)
        #expect(CommitSigner.sshFingerprint(armored: "-----BEGIN SSH SIGNATURE-----\nbm90IGEgc2lnbmF0dXJl\n-----END SSH SIGNATURE-----") == nil)
        #expect(CommitSigner.isSecret(name: "ISC_GIT_TOKEN") && CommitSigner.isSecret(name: "CF_API_KEY") && CommitSigner.isSecret(name: "ISC_PROXY_PASSWORD"))
        #expect(!CommitSigner.isSecret(name: "SSH_AUTH_SOCK") && !CommitSigner.isSecret(name: "GNUPGHOME") && !CommitSigner.isSecret(name: "PATH"))
    }

    @Test("the ssh fingerprint read from a real signature equals ssh-keygen -l's")
    func sshFingerprintMatchesSSHKeygen() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("isc-sign-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let key = folder.appendingPathComponent("k").path
        let keygen = URL(fileURLWithPath: "/usr/bin/ssh-keygen")
        let made = Process()
        made.executableURL = keygen
        made.arguments = ["-q", "-t", "ed25519", "-N", "", "-f", key]
        try made.run()
        made.waitUntilExit()
        let signer = CommitSigner(Config(format: .ssh, key: key, program: "ssh-keygen"))
        let signed = try signer.sign("tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\n\nmessage\n", committer: Signature(name: "a", email: "a@b"))
        let listed = Process()
        let output = Pipe()
        listed.executableURL = keygen
        listed.arguments = ["-l", "-f", key + ".pub"]
        listed.standardOutput = output
        try listed.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        listed.waitUntilExit()
        #expect(signed.info == CommitSignatureInfo(format: .ssh, fingerprint: String(text.split(separator: " ")[1])), "\(text)")
        #expect(signed.armored.hasPrefix("-----BEGIN SSH SIGNATURE-----\n") && signed.armored.hasSuffix("-----END SSH SIGNATURE-----"))
    }

    @Test(
        "a refusal names the flag that fixes it when the server's words say the cause",
        arguments: [
            (
                "remote: error: GH006: Protected branch update failed for refs/heads/main.\nremote: error: Commits must have verified signatures.",
                "--signing-key"
            ),
            ("GitLab: You are not allowed to push code to protected branches on this project.", "--create-branch"),
            ("remote: error: GH006: Protected branch update failed for refs/heads/main.", "--create-branch"),
            ("TF402455: Pushes to this branch are not permitted; you must use a pull request to update this branch.", "--create-branch"),
            ("Branch refs/heads/main can only be modified through pull requests.", "--create-branch"),
            ("policy: commit 1234 has no valid signature", "--signing-key"),
            ("Commit 1234 is unsigned", "--signing-key"),
            ("pre-receive hook declined", nil),
            ("policy: pushes to main need a review", nil),
        ] as [(String, String?)])
    func refusalHints(_ said: String, _ flag: String?) {
        let error = RemoteErrorClassifier.refusal(
            ref: "refs/heads/main", status: "pre-receive hook declined", remoteMessages: said,
            displayURL: "https://git.example.com/isc.git", secrets: [])
        #expect(!error.message.contains("\n"))
        #expect(error.message.contains(said.split(separator: "\n")[0].trimmingCharacters(in: .whitespaces)), "the server's own words: \(error.message)")
        if let flag {
            #expect(error.message.contains("; hint: ") && error.message.contains(flag), "\(error.message)")
        } else {
            #expect(!error.message.contains("hint:"), "\(error.message)")
        }
    }
}
