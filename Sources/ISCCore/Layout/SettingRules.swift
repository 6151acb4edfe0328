/// One rule of spec section 4 for one runtime setting, written once: the flag that sets the
/// value, its key in a runtime entry of `isc.yaml` or `runtime.yaml`, where the value is in a
/// ``RuntimeUpdate`` (the flags) and in ``RuntimeSettings`` (what a runtime holds), and the check.
///
/// Every rule is in ``SettingTable``, and every reader of a runtime setting goes through it: the
/// flag checks of `init`, `add-runtime` and `update-runtime` (``RuntimeUpdate/validateGiven()``,
/// ``RuntimeSettings/validate()``, ``RuntimeSettings/validateNew()``) and the loader of
/// `isc.yaml` and `runtime.yaml` (``Registry``, ``RuntimeFile``). The check's message names the
/// flag; a flag check throws it as it is (`invalid-setting`, exit 2), the loader puts the file
/// and the key in front of it (`invalid-registry`, exit 3):
///
/// ```text
/// --namespace 'Bad_NS' must be a DNS-1123 label: …
/// envs/prod/isc.yaml: runtimes[0].namespace: --namespace 'Bad_NS' must be a DNS-1123 label: …
/// ```
public struct SettingRule<Value: Sendable>: Sendable {
    /// The flag that sets the value, named in every message of the check: `--namespace`.
    public let flag: String
    /// The key path of the value in a runtime entry (in `isc.yaml` under `runtimes[N]`, in
    /// `runtime.yaml` at the top): `argoCD.server.port`; `clusters[]` for each extra cluster.
    public let key: String
    /// The value given on the command line, if any, parsed (a secret's `NAME:KEY`).
    let fromFlags: @Sendable (RuntimeUpdate, _ flag: String) throws(OperationError) -> Value?
    /// The values a runtime holds, each with its key path (none when its access mode or auth
    /// type has no such setting).
    let stored: @Sendable (RuntimeSettings) -> [(key: String, value: Value)]
    /// The rule every value is held to, also one read from a repository.
    let rule: @Sendable (Value, _ flag: String) throws(OperationError) -> Void
    /// The rule a value that enters the repository now is held to as well (`init`,
    /// `add-runtime`, a flag of `update-runtime`): a portable file name, a secret name the chart
    /// does not reserve.
    let newRule: @Sendable (Value, _ flag: String) throws(OperationError) -> Void

    init(
        flag: String, key: String,
        given: @escaping @Sendable (RuntimeUpdate, _ flag: String) throws(OperationError) -> Value? = { _, _ in nil },
        values: @escaping @Sendable (RuntimeSettings) -> [(key: String, value: Value)],
        rule: @escaping @Sendable (Value, _ flag: String) throws(OperationError) -> Void,
        newRule: @escaping @Sendable (Value, _ flag: String) throws(OperationError) -> Void = { _, _ in }
    ) {
        self.flag = flag
        self.key = key
        self.fromFlags = given
        self.stored = values
        self.rule = rule
        self.newRule = newRule
    }

    /// A rule for a value a runtime holds at most once, at `key`.
    init(
        flag: String, key: String,
        given: @escaping @Sendable (RuntimeUpdate, _ flag: String) throws(OperationError) -> Value? = { _, _ in nil },
        value: @escaping @Sendable (RuntimeSettings) -> Value?,
        rule: @escaping @Sendable (Value, _ flag: String) throws(OperationError) -> Void,
        newRule: @escaping @Sendable (Value, _ flag: String) throws(OperationError) -> Void = { _, _ in }
    ) {
        self.init(
            flag: flag, key: key, given: given, values: { settings in value(settings).map { [(key, $0)] } ?? [] },
            rule: rule, newRule: newRule)
    }

    /// Checks `value` against the rule.
    ///
    /// - Throws: an invalid input (`invalid-setting`, exit 2) whose message names ``flag``.
    public func check(_ value: Value) throws(OperationError) {
        try rule(value, flag)
    }

    /// Checks `value` against the rule for values that enter the repository now (first, so that
    /// where it is the stricter one, as for a cluster name, its message is the one given) and the
    /// rule.
    ///
    /// - Throws: an invalid input (`invalid-setting`, exit 2) whose message names ``flag``.
    public func checkNew(_ value: Value) throws(OperationError) {
        try newRule(value, flag)
        try rule(value, flag)
    }

    /// The value `update` gives for this setting, parsed and checked against the rule and the
    /// rule for values that enter the repository now; `nil` when it gives none.
    ///
    /// - Throws: an invalid input (`invalid-setting`, exit 2) whose message names ``flag``.
    public func value(in update: RuntimeUpdate) throws(OperationError) -> Value? {
        guard let value = try fromFlags(update, flag) else { return nil }
        try checkNew(value)
        return value
    }

    /// The values `settings` holds for this rule, each with its key path in a runtime entry.
    public func values(in settings: RuntimeSettings) -> [(key: String, value: Value)] {
        stored(settings)
    }

    /// This rule without its value type, for ``SettingTable/all``.
    public var erased: AnySettingRule {
        AnySettingRule(
            flag: flag, key: key,
            checkGiven: { update throws(OperationError) in _ = try value(in: update) },
            failure: { settings, new in
                for (key, value) in stored(settings) {
                    do throws(OperationError) {
                        if new { try checkNew(value) } else { try check(value) }
                    } catch {
                        return (key, error)
                    }
                }
                return nil
            })
    }
}

/// A ``SettingRule`` of any value type: one line of ``SettingTable/all``.
public struct AnySettingRule: Sendable {
    /// The flag that sets the value.
    public let flag: String
    /// The key path of the value in a runtime entry.
    public let key: String
    let checkGiven: @Sendable (RuntimeUpdate) throws(OperationError) -> Void
    let failure: @Sendable (RuntimeSettings, _ new: Bool) -> (key: String, error: OperationError)?

    /// Checks the value `update` gives for this setting, if any, against the rule and the rule
    /// for values that enter the repository now.
    ///
    /// - Throws: an invalid input (`invalid-setting`, exit 2) naming the flag.
    public func check(_ update: RuntimeUpdate) throws(OperationError) {
        try checkGiven(update)
    }

    /// The first value of `settings` that breaks this rule (with `new`, also the rule for values
    /// that enter the repository now): its key path in a runtime entry and the error naming the
    /// flag; `nil` when every value keeps the rule.
    public func failure(in settings: RuntimeSettings, new: Bool = false) -> (key: String, error: OperationError)? {
        failure(settings, new)
    }
}

/// Every rule of spec section 4 for a runtime's settings, one ``SettingRule`` each, in the order
/// of a runtime entry. The one place that ties a flag, a registry key and a check together.
public enum SettingTable {
    /// `--runtime`, `name`: ``SettingRules/runtimeName(_:)``; a new runtime's folder
    /// `runtimes/<runtime>/` must also be portable (``SettingRules/newRuntimeName(_:)``).
    public static let name = SettingRule<String>(
        flag: "--runtime", key: "name", value: { $0.name },
        rule: { value, _ throws(OperationError) in try SettingRules.runtimeName(value) },
        newRule: { value, _ throws(OperationError) in try SettingRules.newRuntimeName(value) })
    /// `--namespace`, `namespace`: a DNS-1123 label of at most 63 characters.
    public static let namespace = label("--namespace", "namespace", maxLength: 63, given: { $0.namespace }, value: { $0.namespace })
    /// `--helm-release`, `helmRelease`: a DNS-1123 label of at most 53 characters.
    public static let helmRelease = label("--helm-release", "helmRelease", maxLength: 53, given: { $0.helmRelease }, value: { $0.helmRelease })
    /// `--chart-version`, `chartVersion`: `X.Y.Z`, not older than the oldest line of
    /// ``ChartCompatibility/table`` (``ChartVersion/init(parsing:)``).
    public static let chartVersion = SettingRule<String>(
        flag: "--chart-version", key: "chartVersion", given: { update, _ in update.chartVersion }, value: { $0.chartVersion?.description },
        rule: { value, _ throws(OperationError) in _ = try ChartVersion(parsing: value) })
    /// `--access-mode`, `accessMode.type`: one of ``RuntimeUpdate/accessModes``.
    public static let accessMode = SettingRule<String>(
        flag: "--access-mode", key: "accessMode.type", given: { update, _ in update.accessMode }, value: { $0.accessMode.type },
        rule: { value, flag throws(OperationError) in try SettingRules.oneOf(RuntimeUpdate.accessModes, value, flag: flag) })
    /// `--account-id`, `accessMode.accountId` (tunnel mode): ``SettingRules/accountId(_:)``.
    public static let accountId = SettingRule<String>(
        flag: "--account-id", key: "accessMode.accountId", given: { update, _ in update.accountId }, value: { $0.accessMode.accountId },
        rule: { value, _ throws(OperationError) in try SettingRules.accountId(value) })
    /// `--ingress-host`, `accessMode.host` (ingress mode): ``SettingRules/hostName(_:flag:)``.
    public static let ingressHost = SettingRule<String>(
        flag: "--ingress-host", key: "accessMode.host", given: { update, _ in update.ingressHost },
        value: { settings in
            if case .ingress(let host, _) = settings.accessMode { return host }
            return nil
        },
        rule: { value, flag throws(OperationError) in try SettingRules.hostName(value, flag: flag) })
    /// `--ingress-class`, `accessMode.className` (ingress mode): a DNS-1123 subdomain.
    public static let ingressClass = SettingRule<String>(
        flag: "--ingress-class", key: "accessMode.className", given: { update, _ in update.ingressClass },
        value: { settings in
            if case .ingress(_, let className) = settings.accessMode { return className }
            return nil
        },
        rule: { value, flag throws(OperationError) in try SettingRules.dns1123Subdomain(value, flag: flag, what: "the ingress class") })
    /// `--ingress-url`, `accessMode.ingressURL` (service-mesh mode): ``SettingRules/httpURL(_:flag:)``.
    public static let ingressURL = SettingRule<String>(
        flag: "--ingress-url", key: "accessMode.ingressURL", given: { update, _ in update.ingressURL },
        value: { settings in
            if case .serviceMesh(let url) = settings.accessMode { return url }
            return nil
        },
        rule: { value, flag throws(OperationError) in try SettingRules.httpURL(value, flag: flag) })
    /// `--argocd-server-svc`, `argoCD.server.svc`: a DNS-1123 label of at most 63 characters.
    public static let argoCDServerService = label(
        "--argocd-server-svc", "argoCD.server.svc", maxLength: 63, given: { $0.argoCDServerService }, value: { $0.argoCD.serverService })
    /// `--argocd-server-port`, `argoCD.server.port`: 1 to 65535.
    public static let argoCDServerPort = port(
        "--argocd-server-port", "argoCD.server.port", given: { $0.argoCDServerPort }, value: { $0.argoCD.serverPort })
    /// `--argocd-rootpath`, `argoCD.server.rootpath`: ``SettingRules/rootPath(_:)``.
    public static let argoCDRootPath = SettingRule<String>(
        flag: "--argocd-rootpath", key: "argoCD.server.rootpath", given: { update, _ in update.argoCDRootPath },
        value: { $0.argoCD.rootPath },
        rule: { value, _ throws(OperationError) in try SettingRules.rootPath(value) })
    /// `--argocd-repo-server-svc`, `argoCD.repoServer.svc`: a DNS-1123 label of at most 63 characters.
    public static let argoCDRepoServerService = label(
        "--argocd-repo-server-svc", "argoCD.repoServer.svc", maxLength: 63, given: { $0.argoCDRepoServerService },
        value: { $0.argoCD.repoServerService })
    /// `--argocd-repo-server-port`, `argoCD.repoServer.port`: 1 to 65535.
    public static let argoCDRepoServerPort = port(
        "--argocd-repo-server-port", "argoCD.repoServer.port", given: { $0.argoCDRepoServerPort }, value: { $0.argoCD.repoServerPort })
    /// `--argocd-auth`, `argoCD.auth.type`: one of ``RuntimeUpdate/authTypes``.
    public static let argoCDAuth = SettingRule<String>(
        flag: "--argocd-auth", key: "argoCD.auth.type", given: { update, _ in update.argoCDAuth }, value: { $0.argoCD.auth.type },
        rule: { value, flag throws(OperationError) in try SettingRules.oneOf(RuntimeUpdate.authTypes, value, flag: flag) })
    /// `--argocd-token-secret NAME:KEY`, `argoCD.auth.tokenSecretKeyRef` (token auth).
    public static let argoCDTokenSecret = secret(
        flag: "--argocd-token-secret", key: "argoCD.auth.tokenSecretKeyRef", given: { $0.argoCDTokenSecret },
        value: { settings in
            if case .token(let ref) = settings.argoCD.auth { return ref }
            return nil
        })
    /// `--argocd-username`, `argoCD.auth.username` (password auth): ``SettingRules/userName(_:flag:)``.
    public static let argoCDUsername = SettingRule<String>(
        flag: "--argocd-username", key: "argoCD.auth.username", given: { update, _ in update.argoCDUsername },
        value: { settings in
            if case .password(let username, _) = settings.argoCD.auth { return username }
            return nil
        },
        rule: { value, flag throws(OperationError) in try SettingRules.userName(value, flag: flag) })
    /// `--argocd-password-secret NAME:KEY`, `argoCD.auth.passwordSecretKeyRef` (password auth).
    public static let argoCDPasswordSecret = secret(
        flag: "--argocd-password-secret", key: "argoCD.auth.passwordSecretKeyRef", given: { $0.argoCDPasswordSecret },
        value: { settings in
            if case .password(_, let ref) = settings.argoCD.auth { return ref }
            return nil
        })
    /// `--git-runtime-user`, `gitCredentials.username`: ``SettingRules/userName(_:flag:)``.
    public static let gitRuntimeUser = SettingRule<String>(
        flag: "--git-runtime-user", key: "gitCredentials.username", given: { update, _ in update.gitRuntimeUser },
        value: { $0.gitCredentials?.username },
        rule: { value, flag throws(OperationError) in try SettingRules.userName(value, flag: flag) })
    /// `--git-runtime-token-secret NAME:KEY`, `gitCredentials.passwordSecretKeyRef`.
    public static let gitRuntimeTokenSecret = secret(
        flag: "--git-runtime-token-secret", key: "gitCredentials.passwordSecretKeyRef", given: { $0.gitRuntimeTokenSecret },
        value: { $0.gitCredentials?.passwordSecretKeyRef })
    /// `clusters`: `in-cluster` first, each cluster once. No flag sets the list (`add-cluster`
    /// and `remove-cluster` change it); its messages name the clusters.
    public static let clusters = SettingRule<[String]>(
        flag: "--cluster", key: "clusters", value: { $0.clusters },
        rule: { clusters, _ throws(OperationError) in
            guard clusters.first == RuntimeSettings.inCluster else {
                let listed = clusters.map { Display.safe($0) }.joined(separator: ", ")
                throw SettingRules.fail("the clusters must start with \(RuntimeSettings.inCluster), got [\(listed)]")
            }
            var seen: Set<String> = []
            for cluster in clusters where !seen.insert(cluster).inserted {
                throw SettingRules.fail("the clusters must be unique: '\(Display.safe(cluster))' is listed twice")
            }
        })
    /// `--cluster`, `clusters[N]` (each cluster after `in-cluster`):
    /// ``SettingRules/storedClusterName(_:)``; a cluster added now follows
    /// ``SettingRules/clusterName(_:)``.
    public static let cluster = SettingRule<String>(
        flag: "--cluster", key: "clusters[]",
        values: { settings in settings.clusters.enumerated().dropFirst().map { ("clusters[\($0.offset)]", $0.element) } },
        rule: { value, _ throws(OperationError) in try SettingRules.storedClusterName(value) },
        newRule: { value, _ throws(OperationError) in try SettingRules.clusterName(value) })

    /// The rules of the three secret references: the name and key
    /// (``SecretKeyRef/validate(flag:)``); a reference given now must not name a secret the
    /// chart reserves (``SecretKeyRef/reservedNames``).
    public static let secrets = [argoCDTokenSecret, argoCDPasswordSecret, gitRuntimeTokenSecret]

    /// Every rule, in the order of a runtime entry: what ``RuntimeUpdate/validateGiven()``,
    /// ``RuntimeSettings/validate()`` and the loader of `isc.yaml` and `runtime.yaml` check.
    public static let all: [AnySettingRule] = [
        name.erased, namespace.erased, helmRelease.erased, chartVersion.erased,
        accessMode.erased, accountId.erased, ingressHost.erased, ingressClass.erased, ingressURL.erased,
        argoCDServerService.erased, argoCDServerPort.erased, argoCDRootPath.erased,
        argoCDRepoServerService.erased, argoCDRepoServerPort.erased,
        argoCDAuth.erased, argoCDTokenSecret.erased, argoCDUsername.erased, argoCDPasswordSecret.erased,
        gitRuntimeUser.erased, gitRuntimeTokenSecret.erased,
        clusters.erased, cluster.erased,
    ]

    /// A DNS-1123 label of at most `maxLength` characters.
    static func label(
        _ flag: String, _ key: String, maxLength: Int, given: @escaping @Sendable (RuntimeUpdate) -> String?,
        value: @escaping @Sendable (RuntimeSettings) -> String?
    ) -> SettingRule<String> {
        SettingRule(
            flag: flag, key: key, given: { update, _ in given(update) }, value: value,
            rule: { text, flag throws(OperationError) in try SettingRules.dns1123Label(text, flag: flag, maxLength: maxLength) })
    }

    /// A TCP port, 1 to 65535.
    static func port(
        _ flag: String, _ key: String, given: @escaping @Sendable (RuntimeUpdate) -> Int?,
        value: @escaping @Sendable (RuntimeSettings) -> Int?
    ) -> SettingRule<Int> {
        SettingRule(
            flag: flag, key: key, given: { update, _ in given(update) }, value: value,
            rule: { number, flag throws(OperationError) in try SettingRules.port(number, flag: flag) })
    }

    static func secret(
        flag: String, key: String, given: @escaping @Sendable (RuntimeUpdate) -> String?,
        value: @escaping @Sendable (RuntimeSettings) -> SecretKeyRef?
    ) -> SettingRule<SecretKeyRef> {
        SettingRule(
            flag: flag, key: key,
            given: { update, flag throws(OperationError) in
                try given(update).map { text throws(OperationError) in try SecretKeyRef(syntax: text, flag: flag) }
            },
            value: value,
            rule: { ref, flag throws(OperationError) in try ref.validate(flag: flag) },
            newRule: { ref, flag throws(OperationError) in try ref.requireUnreserved(flag: flag) })
    }
}

/// The rules of spec section 4, each throwing one `invalid-setting` error that names the flag.
public enum SettingRules {
    static func fail(_ message: String) -> OperationError { .invalidInput("invalid-setting", message) }

    /// `--runtime`: starts with a lower-case letter, only lower-case letters and digits, at most 38.
    public static func runtimeName(_ name: String) throws(OperationError) {
        guard let first = name.unicodeScalars.first, ("a"..."z").contains(first),
            name.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) }), name.count <= 38
        else {
            throw fail("--runtime '\(Display.safe(name))' must start with a lower-case letter and have only lower-case letters and digits, at most 38")
        }
    }

    /// `--runtime` of a runtime that is created now (`init`, `add-runtime`): ``runtimeName(_:)``
    /// and a portable folder name `runtimes/<runtime>/` (``PortablePath``: not `con`, `nul`,
    /// `aux`, `prn`, `com1`…, `lpt1`…, which Windows reserves).
    public static func newRuntimeName(_ name: String) throws(OperationError) {
        try runtimeName(name)
        if let reason = PortablePath.violation(component: name) {
            throw fail("--runtime '\(Display.safe(name))' \(reason): runtimes/\(Display.safe(name))/ could not be checked out there")
        }
    }

    /// A DNS-1123 label: lower-case alphanumerics and '-', starting and ending alphanumeric.
    public static func dns1123Label(_ value: String, flag: String, maxLength: Int) throws(OperationError) {
        guard isDNS1123Label(value), value.count <= maxLength else {
            throw fail(
                "\(flag) '\(Display.safe(value))' must be a DNS-1123 label: lower-case letters, digits and '-', starting and ending with a letter or digit, at most \(maxLength) characters"
            )
        }
    }

    /// A DNS-1123 subdomain: dot-separated DNS-1123 labels, at most 253 characters.
    public static func dns1123Subdomain(_ value: String, flag: String, what: String) throws(OperationError) {
        guard value.count <= 253, !value.isEmpty, value.split(separator: ".", omittingEmptySubsequences: false).allSatisfy({ isDNS1123Label(String($0)) })
        else {
            throw fail(
                "\(flag): \(what) '\(Display.safe(value))' must be a DNS-1123 subdomain: lower-case letters, digits, '-' and '.', at most 253 characters")
        }
    }

    /// `--cluster`, a cluster added now: a DNS-1123 label of at most 63 characters (spec section
    /// 7; it names an Application and the file `runtimes/<runtime>/<cluster>.yaml`), whose file
    /// name is portable (``PortablePath``: not `nul`, `con`, `com1`, …), not `in-cluster`.
    public static func clusterName(_ name: String) throws(OperationError) {
        guard isDNS1123Label(name), name.count <= 63 else {
            throw fail(
                "--cluster '\(Display.safe(name))' must be a DNS-1123 label: lower-case letters, digits and '-', starting and ending with a letter or digit, at most 63 characters (no '.')"
            )
        }
        try notInCluster(name)
        if let reason = PortablePath.violation(component: name + ".yaml") {
            throw fail("--cluster '\(name)': the file \(name).yaml \(reason)")
        }
    }

    /// A cluster name already recorded in a registry: the older rule, a DNS-1123 subdomain of at
    /// most 253 characters (so `prod.eu` written by an earlier iscctl still reads), not
    /// `in-cluster`. New clusters follow ``clusterName(_:)``; a file whose name is not portable
    /// is never written (the tree writer refuses it).
    public static func storedClusterName(_ name: String) throws(OperationError) {
        try dns1123Subdomain(name, flag: "--cluster", what: "the cluster name")
        try notInCluster(name)
    }

    static func notInCluster(_ name: String) throws(OperationError) {
        guard name != RuntimeSettings.inCluster else {
            throw fail("--cluster in-cluster is the runtime's own cluster; give the extra cluster another name")
        }
    }

    /// A host name for an ingress (a DNS-1123 subdomain; a leading `*.` wildcard is allowed).
    public static func hostName(_ host: String, flag: String) throws(OperationError) {
        let bare = host.hasPrefix("*.") ? String(host.dropFirst(2)) : host
        try dns1123Subdomain(bare, flag: flag, what: "the host")
    }

    /// `--account-id`: 1 to 64 letters, digits, '-' or '_'.
    public static func accountId(_ value: String) throws(OperationError) {
        guard !value.isEmpty, value.count <= 64,
            value.unicodeScalars.allSatisfy({
                ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_"
            })
        else {
            throw fail(
                value.isEmpty ? "--access-mode tunnel needs --account-id" : "--account-id '\(Display.safe(value))' must be 1 to 64 letters, digits, '-' or '_'")
        }
    }

    /// An absolute http(s) URL with a host, without user info or white space.
    public static func httpURL(_ value: String, flag: String) throws(OperationError) {
        let lower = value.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://") else {
            throw fail("\(flag) must be an absolute https:// or http:// URL")
        }
        let rest = value[value.index(value.startIndex, offsetBy: lower.hasPrefix("https://") ? 8 : 7)...]
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        guard !authority.isEmpty, !authority.contains("@"),
            !value.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.properties.generalCategory == .control })
        else {
            throw fail("\(flag) must be an absolute http(s) URL with a host, no user info and no white space")
        }
        // The port, if any: after the host (or after `]` of an IPv6 literal).
        let afterHost: Substring
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { throw fail("\(flag) has an unterminated '[' in its host") }
            afterHost = authority[authority.index(after: close)...]
            guard afterHost.isEmpty || afterHost.hasPrefix(":") else { throw fail("\(flag) has unexpected text after its IPv6 host") }
        } else {
            afterHost = authority.firstIndex(of: ":").map { authority[$0...] } ?? ""
            guard authority.first != ":" else { throw fail("\(flag) must be an absolute http(s) URL with a host") }
        }
        if !afterHost.isEmpty {
            let port = afterHost.dropFirst()
            guard !port.isEmpty, port.utf8.count <= 5, port.utf8.allSatisfy({ (48...57).contains($0) }), let number = Int(port), (1...65535).contains(number)
            else {
                throw fail("\(flag) has an invalid port '\(Display.safe(port, limit: 12))': use a number from 1 to 65535")
            }
        }
    }

    /// A user name (`--argocd-username`, `--git-runtime-user`): 1 to 253 characters, without
    /// white space, control characters or invisible format characters (zero-width spaces, byte
    /// order marks, bidi controls: YAML readers may drop a leading byte order mark, so such a name
    /// would not survive a registry file).
    public static func userName(_ name: String, flag: String) throws(OperationError) {
        guard !name.isEmpty, name.count <= 253,
            !name.unicodeScalars.contains(where: {
                $0.properties.isWhitespace || $0.properties.generalCategory == .control || $0.properties.generalCategory == .format
            })
        else {
            throw fail("\(flag) must be 1 to 253 characters without white space or invisible characters")
        }
    }

    /// One of `values` (`--access-mode`, `--argocd-auth`): `'x' must be a, b or c`.
    public static func oneOf(_ values: [String], _ value: String, flag: String) throws(OperationError) {
        guard !values.contains(value) else { return }
        let choices = values.count > 1 ? values.dropLast().joined(separator: ", ") + " or " + values[values.count - 1] : values.joined()
        throw fail("\(flag) '\(Display.safe(value))' must be \(choices)")
    }

    /// A TCP port, 1 to 65535.
    public static func port(_ value: Int, flag: String) throws(OperationError) {
        guard (1...65535).contains(value) else { throw fail("\(flag) \(value) must be a port from 1 to 65535") }
    }

    /// `--argocd-rootpath`: empty, or starting with `/`, without white space.
    public static func rootPath(_ value: String) throws(OperationError) {
        guard
            value.isEmpty
                || (value.hasPrefix("/")
                    && !value.unicodeScalars.contains(where: {
                        $0.properties.isWhitespace || $0.properties.generalCategory == .control
                    }))
        else {
            throw fail("--argocd-rootpath '\(Display.safe(value))' must be empty or start with '/' and have no white space")
        }
    }

    static func isDNS1123Label(_ value: String) -> Bool {
        let scalars = Array(value.unicodeScalars)
        guard let first = scalars.first, let last = scalars.last else { return false }
        func alnum(_ s: Unicode.Scalar) -> Bool { ("a"..."z").contains(s) || ("0"..."9").contains(s) }
        return alnum(first) && alnum(last) && scalars.allSatisfy { alnum($0) || $0 == "-" }
    }

    static func isSecretKeyCharacter(_ s: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(s) || ("A"..."Z").contains(s) || ("0"..."9").contains(s) || s == "-" || s == "_" || s == "."
    }
}
