import Foundation
import ISCTestSupport
import Testing

/// Signed commits, checked by git itself: `git verify-commit` and `git log --show-signature` on
/// what landed on the server, with ssh keys (a file, the ssh-agent, git config) and OpenPGP keys
/// (a throw-away GNUPGHOME), and a server whose pre-receive hook refuses unsigned commits.
@Suite("Signed commits")
struct SigningTests {
    /// An ssh signing key in the sandbox, with the allowed-signers file git verifies against.
    struct SSHKey {
        let privateKey: String
        let publicKey: String
        let allowedSigners: String
        let fingerprint: String

        init(in sandbox: Sandbox, email: String = "signer@example.com") throws {
            privateKey = sandbox.root.appendingPathComponent("sign_ed25519").path
            publicKey = privateKey + ".pub"
            let made = try ProcessRunner.tool("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", email, "-f", privateKey])
            #expect(made.status == 0, "\(made.stderr)")
            let key = try String(contentsOfFile: publicKey, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            allowedSigners = sandbox.root.appendingPathComponent("allowed_signers").path
            try "\(email) namespaces=\"git\" \(key)\n".write(toFile: allowedSigners, atomically: true, encoding: .utf8)
            let listed = try ProcessRunner.tool("ssh-keygen", ["-l", "-f", publicKey]).stdout
            fingerprint = String(listed.split(separator: " ")[1])
        }
    }

    /// A throw-away GNUPGHOME with one signing key (no passphrase); its agent is stopped by `stop()`.
    struct GPGHome {
        let path: String
        let fingerprint: String

        init(in sandbox: Sandbox) throws {
            path = sandbox.root.appendingPathComponent("gnupg").path
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            let made = try ProcessRunner.tool(
                "gpg", ["--batch", "--passphrase", "", "--quick-gen-key", "Signer <signer@example.com>", "ed25519", "sign", "never"],
                environment: ["GNUPGHOME": path])
            #expect(made.status == 0, "\(made.stderr)")
            let listed = try ProcessRunner.tool("gpg", ["--batch", "--with-colons", "--list-secret-keys"], environment: ["GNUPGHOME": path]).stdout
            fingerprint =
                listed.split(separator: "\n").first { $0.hasPrefix("fpr:") }.map { String($0.split(separator: ":", omittingEmptySubsequences: false)[9]) } ?? ""
            #expect(fingerprint.count == 40, "\(listed)")
        }

        func stop() { _ = try? ProcessRunner.tool("gpgconf", ["--kill", "gpg-agent"], environment: ["GNUPGHOME": path]) }
    }

    /// `git verify-commit` of `commit` in the server's repository, with `config` (`-c` pairs).
    static func verify(_ servers: TestServers, _ repo: String, _ commit: String, config: [String], environment: [String: String?] = [:]) throws -> ProcessResult
    {
        try ProcessRunner.tool(
            "git", ["--git-dir=\(servers.repositoryPath(repo))"] + config.flatMap { ["-c", $0] } + ["verify-commit", "-v", commit],
            environment: environment)
    }

    static func write(
        _ sandbox: Sandbox, _ servers: TestServers, _ transport: Transport, _ repo: String, _ extra: [String],
        environment: [String: String?] = [:]
    ) throws -> ProcessResult {
        try sandbox.iscctl(
            [
                "write-files", "--repo", transport.url(servers, repo), "--provider", "git", "--json",
                "--author-name", "Signer", "--author-email", "signer@example.com",
            ] + transport.arguments(servers) + extra,
            environment: transport.environment(servers).merging(environment) { $1 })
    }

    @Test(
        "an ssh-signed write verifies with git verify-commit and git log --show-signature; --json names the key's fingerprint",
        arguments: ["file", "https"])
    func sshSigned(_ name: String) throws {
        let transport = Transport(name: name)
        let servers = try TestServers.running()
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let key = try SSHKey(in: sandbox)
        let repo = try servers.newRepository(TestServers.uniqueName("signed-ssh-\(name)"), withCommitOn: "main")
        let result = try Self.write(sandbox, servers, transport, repo, ["--put", "a=1", "--signing-key", key.privateKey, "--signing-format", "ssh"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try writeResult(result)
        let signed = json["signed"] as? [String: String]
        #expect(signed == ["format": "ssh", "key": key.fingerprint], "\(result.stdout)")
        let config = ["gpg.ssh.allowedSignersFile=\(key.allowedSigners)"]
        let verified = try Self.verify(servers, repo, "main", config: config)
        #expect(verified.status == 0, "\(verified.stderr)")
        #expect(verified.stderr.contains("Good \"git\" signature for signer@example.com"), "\(verified.stderr)")
        let log = try ProcessRunner.tool("git", ["--git-dir=\(servers.repositoryPath(repo))", "-c", config[0], "log", "--show-signature", "-1", "main"])
        #expect(log.stdout.contains("Good \"git\" signature for signer@example.com with ED25519 key \(key.fingerprint)"), "\(log.stdout)")
        // The parent (made by the test servers' helper) is not signed: verify-commit fails on it.
        #expect(try Self.verify(servers, repo, "main^", config: config).status != 0)
    }

    @Test("an OpenPGP-signed write (throw-away GNUPGHOME) verifies with git verify-commit; --signing-format is guessed from a key id")
    func openPGPSigned() throws {
        let transport = Transport(name: "https")
        let servers = try TestServers.running()
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let gpg = try GPGHome(in: sandbox)
        defer { gpg.stop() }
        let repo = try servers.newRepository(TestServers.uniqueName("signed-pgp"), withCommitOn: "main")
        let result = try Self.write(
            sandbox, servers, transport, repo, ["--put", "a=1", "--signing-key", gpg.fingerprint],
            environment: ["GNUPGHOME": gpg.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try writeResult(result)["signed"] as? [String: String] == ["format": "openpgp", "key": gpg.fingerprint], "\(result.stdout)")
        let verified = try Self.verify(servers, repo, "main", config: [], environment: ["GNUPGHOME": gpg.path])
        #expect(verified.status == 0, "\(verified.stderr)")
        #expect(verified.stderr.contains("Good signature from \"Signer <signer@example.com>\""), "\(verified.stderr)")
        let object = try servers.git(repo, ["cat-file", "commit", "main"])
        #expect(object.contains("\ngpgsig -----BEGIN PGP SIGNATURE-----\n"))
        #expect(!object.contains("\n \n -----END"), "no blank continuation line before the footer: \(object)")
    }

    @Test("the key from git config (commit.gpgSign, gpg.format=ssh, user.signingKey) signs; --no-sign turns it off")
    func keyFromGitConfig() throws {
        let transport = Transport(name: "file")
        let servers = try TestServers.running()
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let key = try SSHKey(in: sandbox)
        try """
        [user]
        \tname = Signer
        \temail = signer@example.com
        \tsigningKey = \(key.privateKey)
        [commit]
        \tgpgSign = true
        [gpg]
        \tformat = ssh

        """.write(to: sandbox.root.appendingPathComponent("home/.gitconfig"), atomically: true, encoding: .utf8)
        let repo = try servers.newRepository(TestServers.uniqueName("signed-config"), withCommitOn: "main")
        let signed = try sandbox.iscctl(["write-files", "--repo", transport.url(servers, repo), "--provider", "git", "--json", "--put", "a=1"])
        #expect(signed.status == 0, "\(signed.stderr)")
        #expect(try writeResult(signed)["signed"] as? [String: String] == ["format": "ssh", "key": key.fingerprint])
        #expect(try Self.verify(servers, repo, "main", config: ["gpg.ssh.allowedSignersFile=\(key.allowedSigners)"]).status == 0)

        let unsigned = try sandbox.iscctl(["write-files", "--repo", transport.url(servers, repo), "--provider", "git", "--json", "--put", "b=2", "--no-sign"])
        #expect(unsigned.status == 0, "\(unsigned.stderr)")
        #expect(try writeResult(unsigned)["signed"] is NSNull)
        #expect(try servers.git(repo, ["cat-file", "commit", "main"]).contains("gpgsig") == false)
    }

    @Test("an ssh-agent key: --signing-key with the .pub file (ssh-keygen -U) and as key::<public key>")
    func agentKey() throws {
        let transport = Transport(name: "file")
        let servers = try TestServers.running()
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let key = try SSHKey(in: sandbox)
        let socket = sandbox.root.appendingPathComponent("agent.sock").path
        // The agent runs as a daemon that holds none of this test process's descriptors: the
        // shell closes every descriptor above 2 before ssh-agent forks (Foundation's Process
        // learns that a child ended when its socket closes, so a daemon holding one of a
        // concurrently started Process's sockets would hang that test).
        let script = "for fd in /proc/$$/fd/*; do n=${fd##*/}; if [ \"$n\" -gt 2 ]; then eval \"exec $n>&-\"; fi; done 2>/dev/null; exec ssh-agent -a \"$1\""
        let agent = try ProcessRunner.tool("bash", ["-c", script, "bash", socket])
        #expect(agent.status == 0, "\(agent.stderr)")
        let pid = agent.stdout.components(separatedBy: "SSH_AGENT_PID=").dropFirst().first.flatMap { Int32($0.prefix { $0.isNumber }) }
        defer { if let pid { kill(pid, SIGTERM) } }
        #expect(try ProcessRunner.tool("ssh-add", [key.privateKey], environment: ["SSH_AUTH_SOCK": socket]).status == 0)
        // The private key is gone: only the agent can sign.
        try FileManager.default.removeItem(atPath: key.privateKey)
        let repo = try servers.newRepository(TestServers.uniqueName("signed-agent"), withCommitOn: "main")
        let config = ["gpg.ssh.allowedSignersFile=\(key.allowedSigners)"]

        let byFile = try Self.write(
            sandbox, servers, transport, repo, ["--put", "a=1", "--signing-key", key.publicKey], environment: ["SSH_AUTH_SOCK": socket])
        #expect(byFile.status == 0, "\(byFile.stderr)")
        #expect(try Self.verify(servers, repo, "main", config: config).status == 0)

        let literal = try String(contentsOfFile: key.publicKey, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let byLiteral = try Self.write(
            sandbox, servers, transport, repo, ["--put", "b=2", "--signing-key", "key::" + literal], environment: ["SSH_AUTH_SOCK": socket])
        #expect(byLiteral.status == 0, "\(byLiteral.stderr)")
        #expect(try writeResult(byLiteral)["signed"] as? [String: String] == ["format": "ssh", "key": key.fingerprint])
        #expect(try Self.verify(servers, repo, "main", config: config).status == 0)
        // Without the agent the same key cannot sign: exit 1, nothing pushed.
        let before = try servers.git(repo, ["rev-parse", "main"])
        let noAgent = try Self.write(sandbox, servers, transport, repo, ["--put", "c=3", "--signing-key", key.publicKey])
        #expect(noAgent.status == 1, "\(noAgent.stderr)")
        #expect(noAgent.stdout.contains("\"signing-failed\""), "\(noAgent.stdout)")
        #expect(try servers.git(repo, ["rev-parse", "main"]) == before)
    }

    @Test(
        "signing failures: a key file that is no key is exit 1 with the signer's message and nothing pushed; a missing key file, a bad format, --no-sign with a key are exit 2 before cloning"
    )
    func failures() throws {
        let transport = Transport(name: "file")
        let servers = try TestServers.running()
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let repo = try servers.newRepository(TestServers.uniqueName("signed-bad"), withCommitOn: "main")
        let before = try servers.git(repo, ["rev-parse", "main"])
        let notAKey = sandbox.root.appendingPathComponent("not-a-key").path
        try "hello\n".write(toFile: notAKey, atomically: true, encoding: .utf8)
        let bad = try Self.write(sandbox, servers, transport, repo, ["--put", "a=1", "--signing-key", notAKey, "--signing-format", "ssh"])
        #expect(bad.status == 1, "\(bad.stderr)")
        #expect(bad.stderr.hasPrefix("error: ssh-keygen could not sign the commit (exit 255): "), "\(bad.stderr)")
        #expect(bad.stderr.split(separator: "\n").count == 1, "\(bad.stderr)")
        #expect(try servers.git(repo, ["rev-parse", "main"]) == before)

        // A signer that exits without reading the commit (git config gpg.ssh.program = /bin/false):
        // exit 1 with iscctl's own message, never a death by SIGPIPE.
        try "[gpg \"ssh\"]\n\tprogram = /bin/false\n".write(to: sandbox.root.appendingPathComponent("home/.gitconfig"), atomically: true, encoding: .utf8)
        let quitter = try Self.write(sandbox, servers, transport, repo, ["--put", "a=1", "--signing-key", notAKey, "--signing-format", "ssh"])
        #expect(quitter.status == 1 && quitter.stderr.hasPrefix("error: /bin/false could not sign the commit (exit 1)"), "\(quitter.stderr)")
        try FileManager.default.removeItem(at: sandbox.root.appendingPathComponent("home/.gitconfig"))
        #expect(try servers.git(repo, ["rev-parse", "main"]) == before)

        // Decided before anything is cloned: a repository that does not exist is never reached.
        let nowhere = "file:///nonexistent-\(UUID().uuidString)"
        let missing = try sandbox.iscctl(["write-files", "--repo", nowhere, "--provider", "git", "--put", "a=1", "--signing-key", "/nonexistent/key"])
        #expect(missing.status == 2 && missing.stderr.contains("--signing-key: the ssh key file"), "\(missing.stderr)")
        let format = try sandbox.iscctl(["write-files", "--repo", nowhere, "--provider", "git", "--put", "a=1", "--signing-format", "x509"])
        #expect(format.status == 2 && format.stderr.contains("--signing-format"), "\(format.stderr)")
        let both = try sandbox.iscctl(["write-files", "--repo", nowhere, "--provider", "git", "--put", "a=1", "--no-sign", "--signing-key", notAKey])
        #expect(both.status == 2 && both.stderr.contains("--no-sign cannot be combined"), "\(both.stderr)")
        let gpgMissing = try sandbox.iscctl(
            ["write-files", "--repo", transport.url(servers, repo), "--provider", "git", "--put", "a=1", "--signing-key", "ABCDEF"],
            environment: ["PATH": "/nonexistent"])
        #expect(gpgMissing.status == 1 && gpgMissing.stderr.contains("gpg was not found on PATH"), "\(gpgMissing.stderr)")
        #expect(try servers.git(repo, ["rev-parse", "main"]) == before)
    }

    @Test(
        "a server whose pre-receive hook verifies every new commit: unsigned refused with the hook's message; signed lands; 8 concurrent signed writers all land and every commit verifies"
    )
    func hookRequiresSignatures() throws {
        let servers = try TestServers.running()
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let key = try SSHKey(in: sandbox)
        let repo = try servers.newRepository(TestServers.uniqueName("signed-hook"), withCommitOn: "main")
        let hook = URL(fileURLWithPath: servers.repositoryPath(repo)).appendingPathComponent("hooks/pre-receive")
        try """
        #!/bin/sh
        while read old new ref; do
          for commit in $(git rev-list "$new" --not --all); do
            if ! git -c gpg.ssh.allowedSignersFile=\(key.allowedSigners) verify-commit "$commit" >/dev/null 2>&1; then
              echo "policy: commit $commit has no valid signature" >&2
              exit 1
            fi
          done
        done

        """.write(to: hook, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hook.path)
        let transport = Transport(name: "https")
        let before = try servers.git(repo, ["rev-parse", "main"])

        let unsigned = try Self.write(sandbox, servers, transport, repo, ["--put", "a=1"])
        #expect(unsigned.status == 1, "\(unsigned.stderr)")
        #expect(unsigned.stderr.contains("policy: commit"), "\(unsigned.stderr)")
        #expect(unsigned.stderr.contains("hint: the server accepts only signed commits: sign with --signing-key"), "\(unsigned.stderr)")
        #expect(unsigned.stderr.split(separator: "\n").count == 1, "one line: \(unsigned.stderr)")
        #expect(try servers.git(repo, ["rev-parse", "main"]) == before)

        let signed = try Self.write(sandbox, servers, transport, repo, ["--put", "a=1", "--signing-key", key.privateKey])
        #expect(signed.status == 0, "\(signed.stderr)")

        // 8 writers at once (all started before any is waited for), each with a cache of its
        // own (as on 8 machines); every commit is signed, retries included.
        let transportEnvironment = transport.environment(servers)
        let writers = try (0..<8).map { index in
            try SpawnedProcess(
                TestPaths.iscctl,
                [
                    "write-files", "--repo", transport.url(servers, repo), "--provider", "git", "--json",
                    "--author-name", "Signer", "--author-email", "signer@example.com",
                    "--put", "w\(index)=\(index)", "--signing-key", key.privateKey, "--retries", "20",
                    "--cache-dir", sandbox.root.appendingPathComponent("cache-\(index)").path,
                ]
                    + transport.arguments(servers),
                environment: sandbox.environment.merging(transportEnvironment) { $1 })
        }
        for writer in writers {
            let ending = writer.wait()
            #expect(ending == .exited(0), "\(ending): \(writer.stderr)")
        }
        let tree = try servers.git(repo, ["ls-tree", "--name-only", "main"])
        for index in 0..<8 { #expect(tree.contains("w\(index)\n"), "w\(index) lost: \(tree)") }
        let commits = try servers.git(repo, ["rev-list", "main", "--not", before.trimmingCharacters(in: .whitespacesAndNewlines)]).split(separator: "\n").map(
            String.init)
        #expect(commits.count == 9)
        for commit in commits {
            #expect(try Self.verify(servers, repo, commit, config: ["gpg.ssh.allowedSignersFile=\(key.allowedSigners)"]).status == 0, "\(commit)")
        }
    }

    @Test("a protected branch (GitHub's words from a pre-receive hook): exit 1, the server's lines, and the flags that write elsewhere")
    func protectedBranch() throws {
        let servers = try TestServers.running()
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let repo = try servers.newRepository(TestServers.uniqueName("protected"), withCommitOn: "main")
        let hook = URL(fileURLWithPath: servers.repositoryPath(repo)).appendingPathComponent("hooks/pre-receive")
        try """
        #!/bin/sh
        while read old new ref; do
          if [ "$ref" = refs/heads/main ]; then
            echo "error: GH006: Protected branch update failed for refs/heads/main." >&2
            echo "error: Changes must be made through a pull request." >&2
            exit 1
          fi
        done

        """.write(to: hook, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hook.path)
        let transport = Transport(name: "https")
        let before = try servers.git(repo, ["rev-parse", "main"])
        let refused = try Self.write(sandbox, servers, transport, repo, ["--put", "a=1"])
        #expect(refused.status == 1, "\(refused.stderr)")
        #expect(refused.stdout.contains("\"push-refused\""), "\(refused.stdout)")
        #expect(refused.stderr.contains("GH006: Protected branch update failed for refs/heads/main."), "\(refused.stderr)")
        #expect(refused.stderr.contains("hint: the branch is protected") && refused.stderr.contains("--create-branch"), "\(refused.stderr)")
        #expect(try servers.git(repo, ["rev-parse", "main"]) == before)
        // What the hint says works: another branch, created from main.
        let elsewhere = try sandbox.iscctl(
            [
                "write-files", "--repo", transport.url(servers, repo) + "?ref=iscctl-change", "--provider", "git", "--json",
                "--create-branch", "--put", "a=1",
            ] + transport.arguments(servers),
            environment: transport.environment(servers))
        #expect(elsewhere.status == 0, "\(elsewhere.stderr)")
        #expect(try servers.git(repo, ["show", "iscctl-change:a"]) == "1")
    }
}
