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
        /// Where a ``CacheMode/temporary`` mirror is made (in a locked scratch folder
        /// `iscctl-<pid>-<start>-<random>/`, see ``ScratchSpace``; folders there whose process
        /// is gone are removed first); the system's temporary directory by default. Nothing is
        /// written there when a cache directory is used.
        public var scratchDirectory: URL?
        /// Where the local copy of the repository lives: ``CacheMode/temporary`` (the default: a
        /// private bare repository removed at the end, every run fetches the whole history) or
        /// ``CacheMode/directory(_:)`` (a mirror kept between runs and shared by concurrent
        /// processes; each run fetches only what is new). The CLI uses
        /// `.directory(CacheMode.defaultDirectory())` unless told otherwise.
        public var cache: CacheMode
        /// Called with a one-line notice the user should see (the CLI prints it as a `warning:`
        /// line on stderr): waiting more than a second for another process's cache lock, a
        /// damaged cache mirror being rebuilt. May be called from the transaction's thread only.
        /// `nil`: notices are dropped.
        public var onNotice: (@Sendable (String) -> Void)?
        /// Signs every commit the transaction makes (a retry after a lost race signs its new
        /// commit); `nil`: commits are not signed. A signing failure ends the run before anything
        /// is pushed.
        public var signer: CommitSigner?

        /// Options with the defaults of spec section 6 (5 retries).
        public init(
            remote: RemoteOptions = RemoteOptions(), author: Signature? = nil, message: String,
            retries: Int = 5, createBranch: Bool = false, dryRun: Bool = false,
            backoffBase: Duration = .milliseconds(100), backoffCap: Duration = .seconds(2), scratchDirectory: URL? = nil,
            cache: CacheMode = .temporary, onNotice: (@Sendable (String) -> Void)? = nil,
            signer: CommitSigner? = nil
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
            self.cache = cache
            self.onNotice = onNotice
            self.signer = signer
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
        /// Objects received from the server over the whole run (every fetch, retries included;
        /// 0 when the mirror already had everything).
        public var receivedObjects: Int = 0
        /// Bytes received from the server over the whole run (the packs, as libgit2 counts them).
        public var receivedBytes: Int = 0
        /// Bytes sent to the server over the whole run (the pushed packs, as libgit2 reports them).
        public var sentBytes: Int = 0
        /// What signed the pushed commit (format, key fingerprint); `nil` when it is not signed
        /// or nothing was committed.
        public var signature: CommitSignatureInfo?
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
    /// make; it is called again on the new tip after every rejected push (and once more if a
    /// damaged cache mirror had to be rebuilt), so it must be a pure function of the snapshot.
    /// Errors it throws end the transaction unchanged.
    public func run(_ change: (TreeSnapshot) throws -> FileChanges) throws -> Result {
        try checkInputs()
        let tally = Tally()
        var result = try withMirror { repository, lease in try run(in: repository, lease: lease, tally: tally, change) }
        result.receivedObjects = tally.receivedObjects
        result.receivedBytes = tally.receivedBytes
        result.sentBytes = tally.sentBytes
        result.signature = result.commit != nil && result.pushed ? tally.signature : nil
        return result
    }

    /// Runs `change` as ``run(_:)`` does, with `operations` set for the branch written and the
    /// remote's HEAD as fetched on each attempt (``ISCCore/ISCOperations/writing(for:)``), so that the
    /// Applications get the right `TargetRevision` even when a retry sees another HEAD.
    public func run(_ operations: ISCOperations, _ change: (ISCOperations, TreeSnapshot) throws -> FileChanges) throws -> Result {
        try run { snapshot in try change(operations.writing(for: snapshot), snapshot) }
    }

    /// Reads as ``read(_:)`` does, with `operations` set for the branch read and the remote's
    /// HEAD (``ISCCore/ISCOperations/writing(for:)``), so that `validate` judges `targetRevision` right.
    public func read<T>(_ operations: ISCOperations, _ body: (ISCOperations, TreeSnapshot) throws -> T) throws -> T {
        try read { snapshot in try body(operations.writing(for: snapshot), snapshot) }
    }

    /// The author and message are decided before anything is fetched: an invalid one is an
    /// invalid input (exit 2), not a libgit2 failure after the clone.
    private func checkInputs() throws {
        if let author = options.author {
            try InputRules.author(name: author.name, email: author.email)
        }
        try InputRules.commitMessage(options.message)
    }

    /// The largest old file ``changes(_:_:to:)`` reads to compare it (reading it also finds
    /// damage in the mirror); a larger one counts as changed without being read.
    static let compareLimit = 16 << 20

    /// True when writing `data` at `path` (nil: deleting whatever is there, a symbolic link or a
    /// submodule entry too) changes `snapshot`.
    static func changes(_ snapshot: TreeSnapshot, _ path: String, to data: Data?) throws -> Bool {
        guard let entry = try snapshot.entryInfo(path) else { return data != nil }
        guard entry.kind == .file else { return true }
        guard case .contents(let existing)? = try snapshot.file(path, limit: compareLimit) else { return true }
        return existing != data
    }

    /// The push source: a reference of the mirror that exists only while a push runs.
    static let pushReference = "refs/iscctl/push"

    private func run(
        in repository: Repository, lease: MirrorLease, tally: Tally,
        _ change: (TreeSnapshot) throws -> FileChanges
    ) throws -> Result {
        let author = options.author ?? GitConfig.defaultSignature()
        var retries = 0
        while true {
            try damage { try repository.discardPendingObjects() }
            let (target, tip, remoteHead) = try fetch(into: repository, createBranch: options.createBranch, tally: tally)
            let snapshot = try damage {
                try TreeSnapshot(repository: repository, commit: tip, branch: target.branch, remoteHead: remoteHead)
            }
            let changes: FileChanges
            do {
                changes = try change(snapshot)
            } catch {
                if let failure = snapshot.failures.first { throw MirrorDamage(underlying: failure) }
                throw error
            }
            // A read that failed counts even when the computation went on without it.
            if let failure = snapshot.failures.first { throw MirrorDamage(underlying: failure) }
            let oldTree = try damage { try tip.map { try repository.commit($0).tree } }
            let newTree = try damage { try repository.writeTree(base: oldTree, changes: changes) }
            let changed = try damage { try changes.keys.filter { try Self.changes(snapshot, $0, to: changes[$0]!) }.sorted() }
            if newTree == oldTree || (oldTree == nil && changed.isEmpty) {
                return Result(commit: nil, pushed: false, changed: [], retries: retries, branch: target.branch, diff: options.dryRun ? "" : nil)
            }
            if options.dryRun {
                let diff = try damage { try repository.unifiedDiff(from: oldTree, to: newTree) }
                return Result(commit: nil, pushed: false, changed: changed, retries: retries, branch: target.branch, diff: diff)
            }
            let commit = try damage {
                let commit = try repository.createCommit(
                    tree: newTree, parents: tip.map { [$0] } ?? [], author: author, committer: author, message: options.message,
                    sign: options.signer.map { signer in
                        { content in
                            let signed = try signer.sign(content, committer: author)
                            tally.signature = signed.info
                            return signed.armored
                        }
                    })
                try repository.setReference(Self.pushReference, to: commit)
                return commit
            }
            do {
                defer { try? repository.deleteReference(Self.pushReference) }
                let pushed = try repository.push(url: url.cloneURL, from: Self.pushReference, branch: target.branch, options: options.remote)
                tally.sentBytes += pushed.sentBytes
            } catch let error as GitError {
                if error.isLocal { throw MirrorDamage(underlying: error) }
                guard try isLostRace(error, branch: target.branch, tip: tip) else { throw error }
                guard retries < options.retries else {
                    throw OperationError.gitFailure(
                        "push-rejected",
                        "push to branch '\(target.branch)' still rejected after \(retries) \(retries == 1 ? "retry" : "retries"): the branch keeps moving (raise --retries)"
                    )
                }
                retries += 1
                Thread.sleep(forTimeInterval: Self.backoffInterval(attempt: retries, base: options.backoffBase, cap: options.backoffCap))
                continue
            }
            // Pushed: the commit's new objects go from memory into the mirror as one pack, then
            // the tracking reference moves. A failure here cannot undo the push: the mirror is
            // dropped (rebuilt by the next run) and the result stands.
            if lease.isPersistent {
                do {
                    try repository.writePendingObjects()
                    try repository.setReference("refs/remotes/origin/\(target.branch)", to: commit)
                } catch {
                    lease.removeMirror(because: "storing the pushed commit failed: \(error)")
                }
            }
            return Result(commit: commit, pushed: true, changed: changed, retries: retries, branch: target.branch, diff: nil)
        }
    }

    /// Reads the branch's current files without writing anything: `body` gets the tip's snapshot
    /// (with no commit for an empty remote). A `ref` the remote does not have is
    /// `branch-not-found`. The cache lock (if any) is held while `body` runs.
    public func read<T>(_ body: (TreeSnapshot) throws -> T) throws -> T {
        let tally = Tally()
        return try withMirror { repository, _ in
            let (target, tip, remoteHead) = try fetch(into: repository, createBranch: false, tally: tally)
            let snapshot = try damage {
                try TreeSnapshot(repository: repository, commit: tip, branch: target.branch, remoteHead: remoteHead)
            }
            let value: T
            do {
                value = try body(snapshot)
            } catch {
                if let failure = snapshot.failures.first { throw MirrorDamage(underlying: failure) }
                throw error
            }
            if let failure = snapshot.failures.first { throw MirrorDamage(underlying: failure) }
            return value
        }
    }

    /// One connection: list the remote's branches, choose the branch (and the one a new branch
    /// starts from), download what is missing. Returns the branch, the commit to build on, and
    /// the branch the remote's HEAD names (`nil` when it advertises none).
    private func fetch(into repository: Repository, createBranch: Bool, tally: Tally) throws -> (Target, ObjectID?, String?) {
        var target: Target?
        let fetched: FetchResult
        do {
            fetched = try repository.fetch(url: url.cloneURL, options: options.remote) { remote in
                let chosen = try Self.chooseBranch(url: url, remote: remote, createBranch: createBranch)
                target = chosen
                return [chosen.branch] + (chosen.startFrom.map { [$0] } ?? [])
            }
        } catch let error as GitError where error.isLocal {
            throw MirrorDamage(underlying: error)
        }
        tally.receivedObjects += fetched.receivedObjects
        tally.receivedBytes += fetched.receivedBytes
        let chosen = target!
        let tip = fetched.tips[chosen.branch] ?? chosen.startFrom.flatMap { fetched.tips[$0] }
        if let tip {
            // The tip must read: a tracking reference whose commit is missing or damaged means a
            // damaged mirror.
            _ = try damage { try repository.commit(tip) }
        }
        return (chosen, tip, fetched.remote.defaultBranch)
    }

    /// Takes the mirror (lock, open, consolidate), runs `body` on it, and releases it. When the
    /// mirror turns out damaged, it is removed, a notice says so, and `body` runs once more on
    /// an empty mirror.
    private func withMirror<T>(_ body: (Repository, MirrorLease) throws -> T) throws -> T {
        LibGit2.initialize()
        let notice = options.onNotice ?? { _ in }
        let lease: MirrorLease
        do {
            lease = try MirrorLease(
                cloneURL: url.cloneURL, mode: options.cache, scratchDirectory: options.scratchDirectory,
                timeout: options.remote.timeout, notice: notice)
        } catch let unavailable as CacheUnavailable {
            notice("cannot use the cache directory (\(unavailable.reason)); using a temporary mirror")
            lease = try MirrorLease(
                cloneURL: url.cloneURL, mode: .temporary, scratchDirectory: options.scratchDirectory,
                timeout: options.remote.timeout, notice: notice)
        }
        defer { lease.release() }
        var rebuilt = false
        while true {
            do {
                return try attempt(lease, body)
            } catch let damage as MirrorDamage {
                guard lease.isPersistent, !rebuilt else { throw damage.underlying }
                rebuilt = true
                lease.removeMirror(because: damage.underlying.message)
            }
        }
    }

    /// Opens the mirror and runs `body`; the repository is freed before this returns.
    private func attempt<T>(_ lease: MirrorLease, _ body: (Repository, MirrorLease) throws -> T) throws -> T {
        let repository = try lease.open()
        return try body(repository, lease)
    }

    /// Runs `body`, taking a Git error it throws as damage of the mirror (an invalid path is
    /// not damage: it is the caller's input).
    private func damage<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as GitError where !error.isInvalidInput {
            throw MirrorDamage(underlying: error)
        }
    }

    /// A rejected push is worth recomputing only when the branch really moved under us:
    /// libgit2's own non-fast-forward refusal (it saw a remote tip that is not in our commit's
    /// history, so not the tip we built on), or a refusal by the server ("failed to update
    /// ref", "cannot lock ref", a non-fast-forward it reported) while the remote tip, read
    /// again, is no longer `tip`. A refusal with the branch where we left it is the server's
    /// answer (a stale lock, a hook, a full disk): reported as it is, never retried.
    private func isLostRace(_ error: GitError, branch: String, tip: ObjectID?) throws -> Bool {
        switch error.kind {
        case .nonFastForward:
            return true
        case .refusedByServer:
            let now = try Repository.listRemote(url: url.cloneURL, options: options.remote).heads[branch]
            return now != tip
        default:
            return false
        }
    }

    /// What a run transferred, over all its fetches and pushes.
    final class Tally {
        var receivedObjects = 0
        var receivedBytes = 0
        var sentBytes = 0
        var signature: CommitSignatureInfo?
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
        let defaultBranch =
            remote.defaultBranch
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
        let ceiling = min(DurationText.seconds(cap), DurationText.seconds(base) * pow(2, Double(max(0, attempt - 1))))
        return Double.random(in: 0...max(ceiling, 0))
    }
}
