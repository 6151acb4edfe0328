import Foundation
import ISCCore

// ISCCore alone: no Git, no network. Compute what `init` would write into an empty repository
// and the Helm command that installs the runtime, from a URL and the runtime's settings.
let url = try RepositoryURL(parsing: "https://github.com/acme/isc.git/gitops")
let runtime = RuntimeSettings(
    name: "codefresh",
    accessMode: .tunnel(accountId: "acc1"),
    argoCD: ArgoCDSettings(auth: .token(tokenSecretKeyRef: SecretKeyRef(name: "argocd-token", key: "token"))))
try runtime.validate()

// The operations are functions from one file tree to the changes to make: here the old tree is
// empty and held in memory.
let operations = ISCOperations(url: url).writing(to: "main", remoteHead: "main")
let changes = try operations.initialize(runtime, in: InMemoryTree())
for path in changes.keys.sorted() {
    print(path)
}
print(HelmInstall(settings: runtime).command(), terminator: "")
