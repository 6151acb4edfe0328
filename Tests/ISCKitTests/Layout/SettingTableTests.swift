import Foundation
import ISCKit
import Testing

@testable import ISCCore

/// ``SettingTable`` is the single source of the runtime setting rules: one bad value per rule,
/// given as a flag, held by a ``RuntimeSettings`` and read from `runtime.yaml` (both readers) and
/// from a layout v1 `isc.yaml`, is refused by the same check with the same message, as
/// `invalid-setting` (exit 2) on the flag side and `invalid-registry` (exit 3) naming the file and
/// the rule's key on the loader side.
@Suite("Layout setting rule table")
struct SettingTableTests {
    static let tokenSecret = SecretKeyRef(name: "argocd-token", key: "token")
    static let tunnel = RuntimeSettings(
        accessMode: .tunnel(accountId: "acc1"), argoCD: ArgoCDSettings(auth: .token(tokenSecretKeyRef: tokenSecret)),
        gitCredentials: GitRuntimeCredentials(username: "bot", passwordSecretKeyRef: SecretKeyRef(name: "git-token", key: "token")),
        chartVersion: ChartVersion(major: 0, minor: 26, patch: 3), clusters: ["in-cluster", "prod"])
    static let ingress = with(tunnel) { $0.accessMode = .ingress(host: "h.example.com", className: "nginx") }
    static let serviceMesh = with(tunnel) { $0.accessMode = .serviceMesh(ingressURL: "https://mesh.example.com") }
    static let password = with(tunnel) {
        $0.argoCD.auth = .password(username: "admin", passwordSecretKeyRef: SecretKeyRef(name: "argocd-secret", key: "password"))
    }

    static func with(_ base: RuntimeSettings, _ change: (inout RuntimeSettings) -> Void) -> RuntimeSettings {
        var settings = base
        change(&settings)
        return settings
    }

    static func flags(_ change: @escaping @Sendable (inout RuntimeUpdate) -> Void) -> @Sendable () throws -> Void {
        {
            var update = RuntimeUpdate()
            change(&update)
            try update.validateGiven()
        }
    }

    static func ref(_ name: String, _ key: String) -> RegistryValue {
        .map([RegistryField("name", .string(name)), RegistryField("key", .string(key))])
    }

    /// One bad value of a rule: a valid runtime to put it in, the value as a runtime entry holds
    /// it, the key the loader must name, and how the command line gives it (`nil`: no flag sets
    /// the value on its own).
    struct Sample: Sendable {
        var base: RuntimeSettings
        var value: RegistryValue
        var failingKey: String?
        var flagCheck: (@Sendable () throws -> Void)?
    }

    /// A bad value for every rule of ``SettingTable/all``, by the rule's key.
    static let samples: [String: Sample] = [
        "name": Sample(
            base: tunnel, value: .string("Bad-Name"),
            flagCheck: { _ = try RuntimeUpdate.tunnelSample.newRuntime(named: "Bad-Name") }),
        "namespace": Sample(base: tunnel, value: .string("Bad_NS"), flagCheck: flags { $0.namespace = "Bad_NS" }),
        "helmRelease": Sample(
            base: tunnel, value: .string(String(repeating: "a", count: 54)),
            flagCheck: flags { $0.helmRelease = String(repeating: "a", count: 54) }),
        "chartVersion": Sample(base: tunnel, value: .string("0.1.0"), flagCheck: flags { $0.chartVersion = "0.1.0" }),
        "accessMode.type": Sample(base: tunnel, value: .string("vpn"), flagCheck: flags { $0.accessMode = "vpn" }),
        "accessMode.accountId": Sample(base: tunnel, value: .string("a b"), flagCheck: flags { $0.accountId = "a b" }),
        "accessMode.host": Sample(base: ingress, value: .string("my_host.example.com"), flagCheck: flags { $0.ingressHost = "my_host.example.com" }),
        "accessMode.className": Sample(base: ingress, value: .string("Nginx"), flagCheck: flags { $0.ingressClass = "Nginx" }),
        "accessMode.ingressURL": Sample(
            base: serviceMesh, value: .string("ftp://mesh.example.com"),
            flagCheck: flags { $0.ingressURL = "ftp://mesh.example.com" }),
        "argoCD.server.svc": Sample(base: tunnel, value: .string("Argo"), flagCheck: flags { $0.argoCDServerService = "Argo" }),
        "argoCD.server.port": Sample(base: tunnel, value: .int(0), flagCheck: flags { $0.argoCDServerPort = 0 }),
        "argoCD.server.rootpath": Sample(base: tunnel, value: .string("argocd"), flagCheck: flags { $0.argoCDRootPath = "argocd" }),
        "argoCD.repoServer.svc": Sample(base: tunnel, value: .string("repo.server"), flagCheck: flags { $0.argoCDRepoServerService = "repo.server" }),
        "argoCD.repoServer.port": Sample(base: tunnel, value: .int(70000), flagCheck: flags { $0.argoCDRepoServerPort = 70000 }),
        "argoCD.auth.type": Sample(base: tunnel, value: .string("oauth"), flagCheck: flags { $0.argoCDAuth = "oauth" }),
        "argoCD.auth.tokenSecretKeyRef": Sample(
            base: tunnel, value: ref("argocd-token", "a/b"),
            flagCheck: flags { $0.argoCDTokenSecret = "argocd-token:a/b" }),
        "argoCD.auth.username": Sample(base: password, value: .string("ad min"), flagCheck: flags { $0.argoCDUsername = "ad min" }),
        "argoCD.auth.passwordSecretKeyRef": Sample(
            base: password, value: ref("argocd_secret", "password"),
            flagCheck: flags { $0.argoCDPasswordSecret = "argocd_secret:password" }),
        "gitCredentials.username": Sample(base: tunnel, value: .string("b ot"), flagCheck: flags { $0.gitRuntimeUser = "b ot" }),
        "gitCredentials.passwordSecretKeyRef": Sample(
            base: tunnel, value: ref("Git", "token"),
            flagCheck: flags { $0.gitRuntimeTokenSecret = "Git:token" }),
        "clusters": Sample(base: tunnel, value: .list([.string("prod"), .string("in-cluster")])),
        "clusters[]": Sample(base: tunnel, value: .list([.string("in-cluster"), .string("prod"), .string("Prod_1")]), failingKey: "clusters[2]"),
    ]

    /// `entry` with the value at the dotted `key` replaced by `value` (`clusters[]` is the list).
    static func replacing(_ key: String, with value: RegistryValue, in entry: RegistryValue) -> RegistryValue {
        let parts = key.replacingOccurrences(of: "[]", with: "").split(separator: ".", maxSplits: 1).map(String.init)
        guard case .map(let fields) = entry else { return entry }
        return .map(
            fields.map { field in
                guard field.key == parts[0] else { return field }
                return RegistryField(field.key, parts.count == 1 ? value : replacing(parts[1], with: value, in: field.value))
            })
    }

    /// `value` as the canonical reader gives it: integers as their text.
    static func textual(_ value: RegistryValue) -> RegistryValue {
        switch value {
        case .int(let number): return .string(String(number))
        case .list(let items): return .list(items.map(textual))
        case .map(let fields): return .map(fields.map { RegistryField($0.key, textual($0.value)) })
        case .string: return value
        }
    }

    @Test("every rule has a sample; keys and flags are unique")
    func tableComplete() {
        let keys = SettingTable.all.map(\.key)
        #expect(Set(keys) == Set(Self.samples.keys), "\(Set(keys).symmetricDifference(Self.samples.keys))")
        #expect(Set(keys).count == keys.count, "each key once")
        let flags = SettingTable.all.map(\.flag).filter { $0 != "--cluster" }
        #expect(Set(flags).count == flags.count, "each flag once")
        for (key, sample) in Self.samples {
            #expect(Self.replacing(key, with: sample.value, in: sample.base.registryEntry) != sample.base.registryEntry, "\(key) is not a key of its entry")
        }
    }

    @Test("a bad value is refused with one message by the flags, the settings and both loaders", arguments: SettingTable.all.map(\.key))
    func oneSource(_ key: String) throws {
        let rule = try #require(SettingTable.all.first { $0.key == key })
        let sample = try #require(Self.samples[key], "no sample for \(key)")
        let failingKey = sample.failingKey ?? key
        let entry = Self.replacing(key, with: sample.value, in: sample.base.registryEntry)
        guard case .map(let fields) = entry else { Issue.record("not a map"); return }

        // runtime.yaml read by Yams (a flow mapping is no canonical text).
        let header = [RegistryField("apiVersion", .string("iscctl/v2")), RegistryField("kind", .string("Runtime"))]
        let flowText = RegistryValue.map(header + fields).flowYAML + "\n"
        let source = "runtimes/codefresh/runtime.yaml"
        let yams = try #require(throws: OperationError.self) {
            try RuntimeFile.parse(Data(flowText.utf8), source: source, folder: "codefresh")
        }
        #expect(yams.code == Registry.errorCode && yams.category == .conflict, "\(key): \(yams)")
        let prefix = "\(source): \(failingKey): "
        #expect(yams.message.hasPrefix(prefix), "\(key): \(yams.message)")
        let message = String(yams.message.dropFirst(prefix.count))
        #expect(!message.isEmpty && !message.contains("\n"))

        // isc.yaml of layout v1, the runtime under runtimes[0].
        let registry =
            "apiVersion: iscctl/v1\nkind: SharedConfiguration\ngitProvider: {type: git}\nconfigRuntime: codefresh\nruntimes:\n  - "
            + entry.flowYAML + "\n"
        let v1 = try #require(throws: OperationError.self) { try Registry.parse(registry, source: "isc.yaml") }
        #expect(v1 == .conflict(Registry.errorCode, "isc.yaml: runtimes[0].\(failingKey): \(message)"), "\(key)")

        // Settings that hold the value (not for an unknown access mode or auth type: no
        // RuntimeSettings can), checked by validate() and read back from the canonical text.
        if let settings = RuntimeSettings(registryFields: fields.map { RegistryField($0.key, Self.textual($0.value)) }) {
            #expect(throws: OperationError.invalidInput("invalid-setting", message), "\(key)") { try settings.validate() }
            #expect(rule.failure(in: settings)?.key == failingKey, "\(key)")
            let canonical = RuntimeFile.data(settings)
            #expect(RuntimeFile.canonical(canonical) != nil, "\(key): the canonical reader takes it")
            #expect(throws: OperationError.conflict(Registry.errorCode, prefix + message), "\(key)") {
                try RuntimeFile.parse(canonical, source: source, folder: "codefresh")
            }
        } else {
            #expect(["accessMode.type", "argoCD.auth.type"].contains(key), "\(key): no settings hold the value")
        }

        // The command line: the flag's value on its own, invalid-setting (exit 2), naming the flag.
        if let flagCheck = sample.flagCheck {
            do {
                try flagCheck()
                Issue.record("\(key): the flag accepted the value")
            } catch let error as OperationError {
                #expect(error == .invalidInput("invalid-setting", message), "\(key)")
                #expect(error.message.contains(rule.flag), "\(key): \(error.message)")
            }
        }
    }

    @Test("a value that enters the repository now is held to the stricter rule; one already there is not")
    func newValues() throws {
        var settings = Self.tunnel
        settings.clusters = ["in-cluster", "prod.eu"]
        try settings.validate()
        let cluster = try #require(throws: OperationError.self) { try settings.validateNew() }
        #expect(cluster.message.hasPrefix("--cluster 'prod.eu' must be a DNS-1123 label"), "\(cluster.message)")
        settings = Self.tunnel
        settings.argoCD.auth = .token(tokenSecretKeyRef: SecretKeyRef(name: "codefresh-token", key: "token"))
        try settings.validate()
        _ = try RuntimeFile.parse(RuntimeFile.data(settings), source: "runtime.yaml", folder: "codefresh")
        let reserved = try #require(throws: OperationError.self) { try settings.validateNew() }
        #expect(reserved.message.hasPrefix("--argocd-token-secret: the secret name 'codefresh-token' is reserved"), "\(reserved.message)")
        var update = RuntimeUpdate()
        update.argoCDTokenSecret = "codefresh-token:token"
        #expect(throws: OperationError.invalidInput("invalid-setting", reserved.message)) { try update.validateGiven() }
    }
}

extension RuntimeUpdate {
    /// What a tunnel runtime needs on the command line.
    static var tunnelSample: RuntimeUpdate {
        var update = RuntimeUpdate()
        update.accountId = "acc1"
        update.argoCDTokenSecret = "argocd-token:token"
        return update
    }
}
