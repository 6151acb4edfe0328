import Foundation

/// One iscctl write: get the branch's tip, compute the new tree from the old one, commit, push;
/// when the push is rejected because someone else pushed first, fetch and compute again on the
/// new tip, and push again. Never a force push; nothing reaches the remote half done.
public struct Transaction {
    /// How a transaction talks to the remote and what it commits.
    public struct Options: Sendable {
        /// Credentials, trust, timeout and progress for every fetch and push.
        public var remote: RemoteOptions
        /// The commit author; `nil` resolves from git config, else `iscctl <iscctl@localhost>`.
        public var author: Signature?
        /// The commit message.
        public var message: String
        /// How many times a push rejected because the branch moved is recomputed and retried.
        public var retries: Int
        /// When the URL's `ref` names a branch the remote does not have, start it from the
        /// remote's default branch instead of failing with `branch-not-found`.
        public var createBranch: Bool
        /// Compute and report the change (with a unified diff) but commit and push nothing.
        public var dryRun: Bool
        /// The first retry waits up to this long; each further retry doubles it (full jitter).
        public var backoffBase: Duration
        /// The longest wait between two attempts.
        public var backoffCap: Duration
        /// Where the temporary bare repository is made; the system's temporary directory by default.
        public var scratchDirectory: URL?

        /// Options with the defaults of spec section 6 (5 retries).
        public init(
            remote: RemoteOptions = RemoteOptions(), author: Signature? = nil, message: String,
            retries: Int = 5, createBranch: Bool = false, dryRun: Bool = false,
            backoffBase: Duration = .milliseconds(100), backoffCap: Duration = .seconds(2), scratchDirectory: URL? = nil
        ) {
            self.remote = remote
            self.author = author
            self.message = message
            self.retries = retries
            self.createBranch = createBranch
            self.dryRun = dryRun
            self.backoffBase = backoffBase
            self.backoffCap = backoffCap
            self.scratchDirectory = scratchDirectory
        }
    }

    /// What a transaction did.
    public struct Result: Sendable, Equatable {
        /// The pushed commit (or, with `dryRun`, `nil`); `nil` when nothing changed.
        public var commit: ObjectID?
        /// True when the commit reached the remote branch.
        public var pushed: Bool
        /// The repository-relative paths whose contents changed, sorted.
        public var changed: [String]
        /// How many rejected pushes were recomputed and retried.
        public var retries: Int
        /// The branch written to.
        public var branch: String
        /// With `dryRun`: the unified diff of the change (empty when nothing would change).
        public var diff: String?
    }

    /// The repository URL (clone URL and `ref`).
    public let url: RepositoryURL
    /// How to talk to the remote and what to commit.
    public let options: Options

    /// A transaction against `url`.
    public init(url: RepositoryURL, options: Options) {
        self.url = url
        self.options = options
    }

    /// Runs the transaction. `change` gets the branch tip's files and returns the changes to
    /// make; it is called again on the new tip after every rejected push, so it must be a pure
    /// function of the snapshot. Errors it throws end the transaction unchanged.
    public func run(_ change: (TreeSnapshot) throws -> FileChanges) throws -> Result {
        try withScratchRepository { repository in try run(in: repository, change) }
    }

    private func run(in repository: Repository, _ change: (TreeSnapshot) throws -> FileChanges) throws -> Result {
        let remote = try Repository.listRemote(url: url.cloneURL, options: options.remote)
        let target = try Self.chooseBranch(url: url, remote: remote, createBranch: options.createBranch)
        let author = options.author ?? GitConfig.defaultSignature()

        var retries = 0
        while true {
            var tip = try repository.fetch(url: url.cloneURL, branch: target.branch, options: options.remote)
            if tip == nil, let start = target.startFrom {
                tip = try repository.fetch(url: url.cloneURL, branch: start, options: options.remote)
            }
            let snapshot = TreeSnapshot(repository: repository, commit: tip)
            let changes = try change(snapshot)
            let oldTree = try tip.map { try repository.commit($0).tree }
            let newTree = try repository.writeTree(base: oldTree, changes: changes)
            let changed = try changes.keys.filter { try snapshot.file($0) != changes[$0]! }.sorted()
            if newTree == oldTree || (oldTree == nil && changed.isEmpty) {
                return Result(commit: nil, pushed: false, changed: [], retries: retries, branch: target.branch, diff: options.dryRun ? "" : nil)
            }
            if options.dryRun {
                let diff = try repository.unifiedDiff(from: oldTree, to: newTree)
                return Result(commit: nil, pushed: false, changed: changed, retries: retries, branch: target.branch, diff: diff)
            }
            let commit = try repository.createCommit(
                tree: newTree, parents: tip.map { [$0] } ?? [], author: author, committer: author, message: options.message)
            do {
                try repository.push(url: url.cloneURL, commit: commit, branch: target.branch, options: options.remote)
                return Result(commit: commit, pushed: true, changed: changed, retries: retries, branch: target.branch, diff: nil)
            } catch let error as GitError {
                guard try isLostRace(error, repository: repository, branch: target.branch, tip: tip) else { throw error }
                guard retries < options.retries else {
                    throw OperationError.gitFailure(
                        "push-rejected",
                        "push to branch '\(target.branch)' still rejected after \(retries) \(retries == 1 ? "retry" : "retries"): the branch keeps moving (raise --retries)")
                }
                retries += 1
                Thread.sleep(forTimeInterval: Self.backoffInterval(attempt: retries, base: options.backoffBase, cap: options.backoffCap))
            }
        }
    }

    /// Reads the branch's current files without writing anything: `body` gets the tip's snapshot
    /// (with no commit for an empty remote). A `ref` the remote does not have is
    /// `branch-not-found`.
    public func read<T>(_ body: (TreeSnapshot) throws -> T) throws -> T {
        try withScratchRepository { repository in
            let remote = try Repository.listRemote(url: url.cloneURL, options: options.remote)
            let target = try Self.chooseBranch(url: url, remote: remote, createBranch: false)
            let tip = remote.heads[target.branch] == nil
                ? nil : try repository.fetch(url: url.cloneURL, branch: target.branch, options: options.remote)
            return try body(TreeSnapshot(repository: repository, commit: tip))
        }
    }

    /// Calls `body` with a new bare repository in the scratch directory, removed afterwards.
    private func withScratchRepository<T>(_ body: (Repository) throws -> T) throws -> T {
        LibGit2.initialize()
        let scratch = (options.scratchDirectory ?? FileManager.default.temporaryDirectory)
            .appendingPathComponent("iscctl-\(UUID().uuidString).git")
        defer { try? FileManager.default.removeItem(at: scratch) }
        return try body(try Repository.createBare(at: scratch.path))
    }

    /// A rejected push is worth recomputing when the branch moved under us: a non-fast-forward,
    /// or a server-side refusal while the remote tip changed (another push won the ref lock).
    private func isLostRace(_ error: GitError, repository: Repository, branch: String, tip: ObjectID?) throws -> Bool {
        switch error.kind {
        case .nonFastForward:
            return true
        case .refusedByServer:
            let now = try repository.fetch(url: url.cloneURL, branch: branch, options: options.remote)
            return now != tip
        default:
            return false
        }
    }

    /// The branch to write and, for a branch that is to be created, the branch it starts from.
    struct Target: Equatable {
        var branch: String
        var startFrom: String?
    }

    static func chooseBranch(url: RepositoryURL, remote: RemoteHeads, createBranch: Bool) throws -> Target {
        if remote.heads.isEmpty {
            // An empty remote: the first commit creates the branch.
            return Target(branch: url.ref ?? "main")
        }
        let defaultBranch = remote.defaultBranch
            ?? (remote.heads.count == 1 ? remote.heads.keys.first : nil)
            ?? (remote.heads["main"] != nil ? "main" : nil)
        if let ref = url.ref {
            if remote.heads[ref] != nil { return Target(branch: ref) }
            guard createBranch, let defaultBranch else {
                throw OperationError.conflict(
                    "branch-not-found",
                    "branch '\(ref)' does not exist in \(url.cloneURL); create it, or pass --create-branch to start it from the default branch")
            }
            return Target(branch: ref, startFrom: defaultBranch)
        }
        guard let defaultBranch else {
            throw OperationError.conflict(
                "branch-not-found",
                "the remote \(url.cloneURL) has no default branch (HEAD); name the branch with ?ref=<branch>")
        }
        return Target(branch: defaultBranch)
    }

    /// Full jitter: a random wait in seconds in [0, min(cap, base · 2^(attempt-1))].
    public static func backoffInterval(attempt: Int, base: Duration, cap: Duration) -> TimeInterval {
        let seconds = { (d: Duration) in Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }
        let ceiling = min(seconds(cap), seconds(base) * pow(2, Double(max(0, attempt - 1))))
        return Double.random(in: 0...max(ceiling, 0))
    }
}
