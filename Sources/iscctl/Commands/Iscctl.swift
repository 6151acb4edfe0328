import ArgumentParser
import ISCKit

/// The root command.
struct Iscctl: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "iscctl",
            abstract: "Manage the Git-backed Shared Configuration Repository of GitOps runtimes next to Argo CD.",
            version: "iscctl \(ISCKitVersion.string) (\(LibGit2.versionDescription))",
            subcommands: [
                Parse.self, Init.self, AddRuntime.self, UpdateRuntime.self, AddCluster.self, RemoveRuntime.self, Migrate.self, List.self, HelmValues.self,
                Validate.self, WriteFiles.self, Completion.self,
            ]
        )
    }
}
