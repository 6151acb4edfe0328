import Foundation

/// Signs commit buffers the way git does, with the program git would run:
///
/// - ssh: `ssh-keygen -Y sign -n git -f <key> [-U]`, the commit on standard input and the armored
///   `-----BEGIN SSH SIGNATURE-----` on standard output; `-U` (the private key is in the
///   ssh-agent) for a `.pub` file or a literal public key, which is written to a private
///   temporary file (a public key: nothing secret) for the run.
/// - openpgp: `gpg --status-fd=2 -bsau <key>`, the commit on standard input and the armored
///   `-----BEGIN PGP SIGNATURE-----` on standard output; the key defaults to the committer's
///   `Name <email>`, as git's.
///
/// The signer runs with this process's environment minus iscctl's secrets (`ISC_GIT_TOKEN`,
/// `CF_API_KEY`, proxy passwords, any variable whose name says TOKEN, PASSWORD, SECRET or
/// API_KEY), so `SSH_AUTH_SOCK`, `GNUPGHOME` and `GPG_TTY` reach it and nothing else secret does.
/// Its output is bounded (1 MiB).
public struct CommitSigner: Sendable {
    /// How to sign.
    public let configuration: SigningConfiguration
    /// The environment the signer runs with (secrets removed when created).
    let environment: [String: String]

    /// A signer for `configuration`; `environment` defaults to this process's.
    public init(_ configuration: SigningConfiguration, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.configuration = configuration
        self.environment = environment.filter { !Self.isSecret(name: $0.key) }
    }

    /// A signature of one commit buffer.
    public struct Signed: Sendable {
        /// The armored signature (no final newline), stored in the commit's `gpgsig` header.
        public var armored: String
        /// What signed it (format and fingerprint).
        public var info: CommitSignatureInfo
    }

    /// Signs the commit buffer `content` (as `git_commit_create_buffer` makes it) by `committer`.
    ///
    /// - Throws: ISCCore's `OperationError` `signing-failed` (exit 1) with the signer's own message when
    ///   the program is missing, fails, or prints no signature.
    public func sign(_ content: String, committer: Signature) throws -> Signed {
        switch configuration.format {
        case .ssh: return try signSSH(content)
        case .openpgp: return try signOpenPGP(content, committer: committer)
        }
    }

    private func signSSH(_ content: String) throws -> Signed {
        guard let key = configuration.key else {
            throw OperationError.invalidInput("missing-signing-key", "an ssh signature needs a key")
        }
        var keyFile = key
        var temporary: URL?
        defer { if let temporary { try? FileManager.default.removeItem(at: temporary) } }
        if let literal = SigningConfiguration.literalSSHKey(key) {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("iscctl-signing-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
            temporary = folder
            let file = folder.appendingPathComponent("key.pub")
            try Data((literal + "\n").utf8).write(to: file)
            keyFile = file.path
        } else if !FileManager.default.fileExists(atPath: key) {
            throw OperationError.invalidInput("invalid-signing-key", "the ssh signing key \(Display.safe(key)) does not exist")
        }
        var arguments = ["-Y", "sign", "-n", "git", "-f", keyFile]
        if configuration.usesAgent { arguments.append("-U") }
        let result = try run(arguments, input: content)
        guard result.status == 0, let armored = Self.armored(result.stdout, kind: "SSH SIGNATURE") else {
            throw failure(result)
        }
        guard let fingerprint = Self.sshFingerprint(armored: armored) else {
            throw OperationError.gitFailure("signing-failed", "\(programName) printed a signature iscctl cannot read")
        }
        return Signed(armored: armored, info: CommitSignatureInfo(format: .ssh, fingerprint: fingerprint))
    }

    private func signOpenPGP(_ content: String, committer: Signature) throws -> Signed {
        let key = configuration.key ?? "\(committer.name) <\(committer.email)>"
        let result = try run(["--status-fd=2", "-bsau", key], input: content)
        guard result.status == 0, let armored = Self.armored(result.stdout, kind: "PGP SIGNATURE"),
            let fingerprint = Self.openPGPFingerprint(status: result.stderr)
        else { throw failure(result) }
        return Signed(armored: armored, info: CommitSignatureInfo(format: .openpgp, fingerprint: fingerprint))
    }

    private var programName: String { Display.safe(configuration.program, limit: 60) }

    /// `signing-failed` with the signer's last meaningful line (gpg's status lines left out).
    private func failure(_ result: ProcessOutput) -> OperationError {
        let lines = result.stderr.split(whereSeparator: \.isNewline).map(String.init)
            .filter { !$0.hasPrefix("[GNUPG:]") && !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        let said = lines.last.map { ": " + Display.safe($0, limit: 300) } ?? (result.status == 0 ? ": no signature printed" : "")
        return OperationError.gitFailure("signing-failed", "\(programName) could not sign the commit (exit \(result.status))\(said)")
    }

    // MARK: - Running the signer

    struct ProcessOutput {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static let outputLimit = 1 << 20

    private func run(_ arguments: [String], input: String) throws -> ProcessOutput {
        let process = Process()
        let program = configuration.program
        if program.contains("/") {
            process.executableURL = URL(fileURLWithPath: program)
        } else {
            guard let found = Self.find(program, path: environment["PATH"]) else {
                throw OperationError.gitFailure("signing-failed", "\(programName) was not found on PATH (needed to sign the commit)")
            }
            process.executableURL = found
        }
        process.arguments = arguments
        process.environment = environment
        // Standard input is a socket, not a pipe: a signer that exits before reading it (a bad
        // key) must not kill iscctl with SIGPIPE, and send(2) with MSG_NOSIGNAL never raises it.
        var sockets: [Int32] = [-1, -1]
        #if canImport(Glibc)
            let streamType = Int32(SOCK_STREAM.rawValue)
        #else
            let streamType = SOCK_STREAM
        #endif
        guard socketpair(AF_UNIX, streamType, 0, &sockets) == 0 else {
            throw OperationError.gitFailure("signing-failed", "cannot make a socket for \(programName): \(String(cString: strerror(errno)))")
        }
        let childInput = FileHandle(fileDescriptor: sockets[1], closeOnDealloc: false)
        let stdout = Pipe(), stderr = Pipe()
        process.standardInput = childInput
        process.standardOutput = stdout
        process.standardError = stderr
        do {
            try process.run()
        } catch {
            close(sockets[0])
            close(sockets[1])
            throw OperationError.gitFailure("signing-failed", "\(programName) could not be started: \(error.localizedDescription)")
        }
        close(sockets[1])
        // Feed stdin and drain both outputs at once, so that no pipe fills up and blocks.
        let group = DispatchGroup()
        let collected = Collected()
        for (index, pipe) in [stdout, stderr].enumerated() {
            DispatchQueue.global().async(group: group) {
                let data = Self.readBounded(pipe.fileHandleForReading)
                collected.set(index, data)
            }
        }
        #if canImport(Glibc)
            let sendFlags = Int32(MSG_NOSIGNAL)
        #else
            var on: Int32 = 1
            setsockopt(sockets[0], SOL_SOCKET, SO_NOSIGPIPE, &on, socklen_t(MemoryLayout<Int32>.size))
            let sendFlags: Int32 = 0
        #endif
        let bytes = Array(input.utf8)
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes { buffer in
                send(sockets[0], buffer.baseAddress! + offset, bytes.count - offset, sendFlags)
            }
            if sent > 0 {
                offset += sent
            } else if sent < 0, errno == EINTR {
                continue
            } else {
                break  // the signer stopped reading (it failed): its exit status and message say why
            }
        }
        close(sockets[0])
        group.wait()
        process.waitUntilExit()
        return ProcessOutput(
            status: process.terminationStatus,
            stdout: String(decoding: collected.get(0), as: UTF8.self),
            stderr: String(decoding: collected.get(1), as: UTF8.self))
    }

    private final class Collected: @unchecked Sendable {
        private let lock = NSLock()
        private var data: [Int: Data] = [:]
        func set(_ index: Int, _ value: Data) { lock.withLock { data[index] = value } }
        func get(_ index: Int) -> Data { lock.withLock { data[index] ?? Data() } }
    }

    /// Reads until end of file, keeping at most ``outputLimit`` bytes (the rest is drained).
    private static func readBounded(_ handle: FileHandle) -> Data {
        var kept = Data()
        while let chunk = try? handle.read(upToCount: 65_536), !chunk.isEmpty {
            if kept.count < outputLimit { kept.append(chunk.prefix(outputLimit - kept.count)) }
        }
        return kept
    }

    static func find(_ program: String, path: String?) -> URL? {
        for folder in (path ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") where !folder.isEmpty {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent(program)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    /// Environment variables the signer never sees.
    static func isSecret(name: String) -> Bool {
        let upper = name.uppercased()
        if ["SSH_AUTH_SOCK", "GPG_TTY", "GNUPGHOME", "GPG_AGENT_INFO"].contains(upper) { return false }
        return ["TOKEN", "PASSWORD", "PASSWD", "SECRET", "API_KEY", "APIKEY", "CREDENTIAL"].contains { upper.contains($0) }
    }

    // MARK: - Reading signatures

    /// The armored block of `kind` in `text`, header to footer, without a final newline (libgit2
    /// continues every line break of a header value, so a final one would add a blank line that
    /// git does not write).
    static func armored(_ text: String, kind: String) -> String? {
        let begin = "-----BEGIN \(kind)-----", end = "-----END \(kind)-----"
        guard let start = text.range(of: begin), let stop = text.range(of: end, range: start.upperBound..<text.endIndex) else { return nil }
        return String(text[start.lowerBound..<stop.upperBound])
    }

    /// `SHA256:<base64, no padding>` of the public key inside an armored SSH signature (the
    /// `SSHSIG` blob: magic, version, public key, ...), as `ssh-keygen -l` prints it.
    static func sshFingerprint(armored: String) -> String? {
        let body = armored.split(whereSeparator: \.isNewline).filter { !$0.hasPrefix("-----") }.joined()
        guard let blob = Data(base64Encoded: body), blob.count > 14, blob.prefix(6) == Data("SSHSIG".utf8) else { return nil }
        let bytes = [UInt8](blob)
        let offset = 10  // magic (6) + version (4)
        let length = bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
        guard length > 0, offset + 4 + length <= bytes.count else { return nil }
        let key = bytes[(offset + 4)..<(offset + 4 + length)]
        let digest = Data(SHA256.hash(key)).base64EncodedString()
        return "SHA256:" + digest.replacingOccurrences(of: "=", with: "")
    }

    /// The fingerprint in gpg's `[GNUPG:] SIG_CREATED <type> <algo> <hash> <class> <time> <fpr>`.
    static func openPGPFingerprint(status: String) -> String? {
        for line in status.split(whereSeparator: \.isNewline) where line.hasPrefix("[GNUPG:] SIG_CREATED ") {
            if let last = line.split(separator: " ").last, last.count >= 16, last.allSatisfy(\.isHexDigit) {
                return String(last)
            }
        }
        return nil
    }
}
