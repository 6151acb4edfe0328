import ArgumentParser
import Foundation
import ISCKit

/// `iscctl init`.
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Lay out the Shared Configuration Repository with its first (configuration) runtime.",
        discussion:
            "Writes isc.yaml, README.md, the resources folders and runtimes/<runtime>/in-cluster.yaml, then prints the Helm install command. Running it again with the same settings changes nothing."
    )

    @OptionGroup(title: "Runtime") var runtime: NewRuntimeOptions
    @OptionGroup(title: "Argo CD") var argoCD: ArgoCDOptions
    @OptionGroup var context: ISCContext

    func run() throws {
        let settings = try RuntimeWrite.newRuntime(runtime, argoCD)
        try RuntimeWrite.run(
            context: context, install: InstallOptions(runtime.apiKey, argoCD.version), message: "iscctl: init with configuration runtime \(settings.name)",
            known: settings
        ) { operations, tree in
            (try operations.initialize(settings, in: tree), settings, true)
        }
    }
}

/// `iscctl add-runtime`.
struct AddRuntime: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add-runtime",
        abstract: "Register one more runtime; refuses a name that exists with other settings.")

    @OptionGroup(title: "Runtime") var runtime: NewRuntimeOptions
    @OptionGroup(title: "Argo CD") var argoCD: ArgoCDOptions
    @OptionGroup var context: ISCContext

    func run() throws {
        let settings = try RuntimeWrite.newRuntime(runtime, argoCD)
        try RuntimeWrite.run(
            context: context, install: InstallOptions(runtime.apiKey, argoCD.version), message: "iscctl: add runtime \(settings.name)", known: settings
        ) { operations, tree in
            // Re-adding the configuration runtime itself (an idempotent re-run) prints its own install.
            (try operations.addRuntime(settings, in: tree), settings, try operations.registryFile(in: tree)?.account.configRuntime == settings.name)
        }
    }
}

/// `init`, `add-runtime` and `update-runtime`: check the install flags and the provider before
/// anything is cloned, run the operation in a transaction, print the result and the install.
enum RuntimeWrite {
    /// The validated settings of a new runtime (`init`, `add-runtime`), defaults for what is not
    /// given; every error names the flag and the rule.
    static func newRuntime(_ runtime: NewRuntimeOptions, _ argoCD: ArgoCDOptions) throws -> RuntimeSettings {
        try RuntimeUpdate(runtime.settings, argoCD.settings).newRuntime(named: runtime.runtime)
    }

    /// `operation` returns the changes, the runtime's settings after them and whether it is the
    /// configuration runtime (as found on the tip the changes were computed on). `--argocd-version`
    /// is checked against the settings' chart before anything is cloned when they are `known`
    /// (`init`, `add-runtime`), else once the tip is read (`update-runtime`).
    static func run(
        context: ISCContext, install: InstallOptions, message: String, known: RuntimeSettings?,
        _ operation: @escaping (ISCOperations, TreeSnapshot) throws -> (FileChanges, RuntimeSettings, Bool)
    ) throws {
        let secret = try install.secret()
        if let known { try install.checkCompatibility(known) } else { _ = try install.argoCDVersion() }
        var written: (settings: RuntimeSettings, isConfigurationRuntime: Bool)?
        var provider: GitProvider?
        let result = try context.write(message: message, check: { provider = try $0.requireProvider().type }) { operations, tree in
            let (changes, settings, isConfigurationRuntime) = try operation(operations, tree)
            if known == nil { try install.checkCompatibility(settings) }
            written = (settings, isConfigurationRuntime)
            return changes
        }
        WriteReport.print(
            result, context: context,
            install: written.map {
                HelmInstall(settings: $0.settings, apiKeySecret: secret, isConfigurationRuntime: $0.isConfigurationRuntime, gitProvider: provider)
            })
    }
}

/// `iscctl update-runtime`.
struct UpdateRuntime: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update-runtime",
        abstract: "Change settings of a registered runtime; only the flags given change.",
        discussion:
            "Rewrites runtimes/<runtime>/runtime.yaml and the runtime's Applications, never resources/. Settings that are already as given change nothing (no commit); --dry-run shows the diff. Prints the install command with the new settings (run it to upgrade the release)."
    )

    @OptionGroup(title: "Runtime") var target: ChangedRuntimeOptions
    @OptionGroup(title: "Argo CD") var argoCD: ArgoCDOptions
    @OptionGroup var context: ISCContext

    func run() throws {
        let runtime = target.runtime
        try SettingRules.runtimeName(runtime)
        let update = RuntimeUpdate(target.settings, argoCD.settings)
        guard !update.isEmpty else {
            throw OperationError.invalidInput("invalid-setting", "update-runtime needs at least one setting to change (see iscctl update-runtime --help)")
        }
        // What can be checked without the repository is checked before anything is cloned.
        try update.validateGiven()
        try RuntimeWrite.run(context: context, install: InstallOptions(target.apiKey, argoCD.version), message: "iscctl: update runtime \(runtime)", known: nil)
        { [runtime] operations, tree in
            let (changes, settings) = try operations.updateRuntime(runtime, update, in: tree)
            return (changes, settings, try operations.registryFile(in: tree)?.account.configRuntime == runtime)
        }
    }
}

/// `iscctl add-cluster`.
struct AddCluster: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add-cluster",
        abstract: "Add an extra cluster managed by a runtime (runtimes/<runtime>/<cluster>.yaml).",
        usage: "iscctl add-cluster [<options>] --runtime <runtime>\n--cluster <cluster> --server <url>")

    /// The **Cluster** group: which cluster of which runtime.
    struct Target: ParsableArguments {
        @Option(help: "The runtime that manages the cluster.")
        var runtime: String

        @Option(help: "The cluster's name (a DNS-1123 label, at most 63 characters).")
        var cluster: String

        @Option(help: ArgumentHelp("The cluster's API server URL.", valueName: "url"))
        var server: String
    }

    @OptionGroup(title: "Cluster") var target: Target
    @OptionGroup var context: ISCContext

    func run() throws {
        let (runtime, cluster, server) = (target.runtime, target.cluster, target.server)
        try SettingRules.runtimeName(runtime)
        try SettingRules.clusterName(cluster)
        try ISCOperations.requireUsableClusterName(cluster)
        try SettingRules.httpURL(server, flag: "--server")
        let result = try context.write(message: "iscctl: add cluster \(cluster) to runtime \(runtime)") { [runtime, cluster, server] operations, tree in
            try operations.addCluster(runtime: runtime, cluster: cluster, server: server, in: tree)
        }
        WriteReport.print(result, context: context)
    }
}

/// `iscctl remove-runtime`.
struct RemoveRuntime: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove-runtime",
        abstract: "Remove a runtime's files and registry entry; refuses the configuration runtime.")

    /// The **Runtime** group: which runtime.
    struct Target: ParsableArguments {
        @Option(help: "The runtime to remove.")
        var runtime: String
    }

    @OptionGroup(title: "Runtime") var target: Target
    @OptionGroup var context: ISCContext

    func run() throws {
        let runtime = target.runtime
        try SettingRules.runtimeName(runtime)
        let result = try context.write(message: "iscctl: remove runtime \(runtime)") { [runtime] operations, tree in
            try operations.removeRuntime(runtime, in: tree)
        }
        WriteReport.print(result, context: context)
    }
}

/// `iscctl migrate`.
struct Migrate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Convert a layout iscctl/v1 ISC to iscctl/v2 in one commit.",
        discussion:
            "Layout v2 keeps only the account in isc.yaml and moves each runtime's entry to runtimes/<runtime>/runtime.yaml, so that a write's cost does not grow with the number of runtimes. Applications, resources/ and README.md are left as they are. On a layout v2 ISC it changes nothing; --dry-run shows the diff."
    )

    @OptionGroup var context: ISCContext

    func run() throws {
        let result = try context.write(message: "iscctl: migrate to layout \(LayoutVersion.v2.rawValue)") { operations, tree in
            try operations.migrate(in: tree)
        }
        WriteReport.print(result, context: context)
    }
}

/// `iscctl list`.
struct List: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the registered runtimes.")

    @OptionGroup var context: ReadContext

    func run() throws {
        let registry = try context.read { operations, tree in try operations.list(in: tree) }
        if context.output.json {
            print(RegistryOutput.json(registry).rendered)
        } else {
            print(RegistryOutput.table(registry))
        }
    }
}

/// `iscctl helm-values`.
struct HelmValues: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "helm-values",
        abstract: "Print the Helm install of a runtime: a command, a values.yaml or a Terraform helm_release. Reads only the registry; writes nothing.")

    /// The **Install** group: which runtime, how to print its install.
    struct Rendering: ParsableArguments {
        @Option(help: "The runtime.")
        var runtime: String

        @Option(help: "What to print.")
        var format: HelmInstall.Format = .command
    }

    @OptionGroup(title: "Install") var rendering: Rendering
    @OptionGroup(title: "Install") var apiKey: APIKeySecretOption
    @OptionGroup(title: "Install") var argoCDVersion: ArgoCDVersionOption
    @OptionGroup var context: ReadContext

    func run() throws {
        let (runtime, chosen) = (rendering.runtime, rendering.format)
        try SettingRules.runtimeName(runtime)
        let install = InstallOptions(apiKey, argoCDVersion)
        let secret = try install.secret()
        _ = try install.argoCDVersion()
        let (settings, isConfigurationRuntime, provider) = try context.read { [runtime] operations, tree in
            let file = try operations.requireRegistryFile(in: tree)
            guard let settings = try operations.runtime(named: runtime, of: file, in: tree) else { throw try operations.runtimeNotFound(runtime, in: tree) }
            return (settings, file.account.configRuntime == runtime, file.account.gitProvider.type)
        }
        try install.checkCompatibility(settings)
        let helm = HelmInstall(settings: settings, apiKeySecret: secret, isConfigurationRuntime: isConfigurationRuntime, gitProvider: provider)
        if !context.output.json, chosen != .secrets, settings.chartVersion == nil {
            Console.error("note: \(helm.chartNote)")
        }
        if context.output.json {
            print(helm.json().rendered)
        } else {
            print(helm.render(chosen), terminator: "")
        }
    }
}

/// `iscctl validate`.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Check the ISC: the registry parses, every runtime has its files, names are valid, no stray runtime folders, the manifests under resources/ parse, are applied and define no object twice."
    )

    @OptionGroup var context: ReadContext

    func run() throws {
        let problems = try context.read { operations, tree in try operations.validate(in: tree) }
        if context.output.json {
            print(JSONValue.object([("valid", .bool(problems.isEmpty)), ("problems", .array(problems.map(JSONValue.string)))]).rendered)
        } else if problems.isEmpty {
            print("ok: the Shared Configuration Repository is valid")
        } else {
            for problem in problems { print("problem: \(problem)") }
        }
        if !problems.isEmpty {
            let error = OperationError.conflict("invalid-isc", "the Shared Configuration Repository has \(problems.count) problem(s)")
            Console.error("error: \(error.message)")
            throw ExitCode(error.category.exitCode)
        }
    }
}

/// `iscctl completion bash|zsh|fish`: the shell completion script, generated from the same
/// definitions as `--help` (commands, flags, the values of enumerated flags, file arguments).
struct Completion: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the shell completion script for bash, zsh or fish.",
        discussion: """
            bash: source <(iscctl completion bash)   (or save it under /etc/bash_completion.d/iscctl)
            zsh:  iscctl completion zsh > "${fpath[1]}/_iscctl"
            fish: iscctl completion fish > ~/.config/fish/completions/iscctl.fish
            """)

    /// The shells `completion` writes scripts for.
    enum Shell: String, ExpressibleByArgument, CaseIterable {
        case bash, zsh, fish
    }

    @Argument(help: "The shell.")
    var shell: Shell

    func run() throws {
        let script = Iscctl.completionScript(for: CompletionShell(rawValue: shell.rawValue)!)
        print(script, terminator: script.hasSuffix("\n") ? "" : "\n")
    }
}
