import ISCKit

// The repository URL, in the same grammar as the CLI: here a local bare repository and the
// folder `gitops` inside it.
let argument = CommandLine.arguments.dropFirst().first ?? "/tmp/isc.git/gitops"
let url = try RepositoryURL(parsing: argument, provider: "git")

// The configuration runtime's settings, validated like the CLI's flags.
let runtime = RuntimeSettings(
    name: "codefresh",
    accessMode: .tunnel(accountId: "acc1"),
    argoCD: ArgoCDSettings(auth: .token(tokenSecretKeyRef: SecretKeyRef(name: "argocd-token", key: "token"))))
try runtime.validate()

// One transaction: fetch the branch, compute `init` on its tip, commit, push — and, if another
// writer pushed first, fetch again and recompute. Credentials come from ISC_GIT_TOKEN, an
// ssh key or the ssh-agent, as for the CLI.
let operations = ISCOperations(url: url)
let transaction = Transaction(
    url: url,
    options: Transaction.Options(
        remote: RemoteOptions(credentials: try GitAccess().credentials(for: url)),
        author: Signature(name: "Embedding Tool", email: "tool@example.com"),
        message: "init from an embedding tool"))
let result = try transaction.run(operations) { operations, tree in try operations.initialize(runtime, in: tree) }
print("pushed: \(result.pushed), commit: \(result.commit?.hex ?? "none"), changed: \(result.changed.count) file(s)")

// Read the registry back and print the Helm install command of the runtime.
let registry = try transaction.read(operations) { operations, tree in try operations.list(in: tree) }
for entry in registry.runtimes {
    print(HelmInstall(settings: entry).command(), terminator: "")
}
