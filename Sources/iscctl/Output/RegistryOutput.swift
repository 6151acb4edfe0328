import ISCKit

/// How `iscctl list` shows the registry.
enum RegistryOutput {
    /// `{"configRuntime": "...", "runtimes": [<registry entries as in isc.yaml>]}`.
    static func json(_ registry: Registry) -> JSONValue {
        .object([
            ("configRuntime", .string(registry.configRuntime)),
            ("runtimes", .array(registry.runtimes.map { json($0.registryEntry) })),
        ])
    }

    static func json(_ value: RegistryValue) -> JSONValue {
        switch value {
        case .string(let text): return .string(text)
        case .int(let number): return .int(number)
        case .list(let items): return .array(items.map(json))
        case .map(let fields): return .object(fields.map { ($0.key, json($0.value)) })
        }
    }

    /// An aligned table, the configuration runtime marked with `*`; `CHART` is the pinned chart
    /// version (`-`: unpinned), `GIT CREDS` whether the runtime has its Git token (`-`: none).
    static func table(_ registry: Registry) -> String {
        let header = ["NAME", "NAMESPACE", "RELEASE", "CHART", "ACCESS", "ARGO CD AUTH", "GIT CREDS", "CLUSTERS"]
        let rows = registry.runtimes.map { runtime in
            [
                (runtime.name == registry.configRuntime ? "*" : "") + runtime.name, runtime.namespace, runtime.helmRelease,
                runtime.chartVersion?.description ?? "-", runtime.accessMode.type, runtime.argoCD.auth.type,
                runtime.gitCredentials == nil ? "-" : "token", runtime.clusters.joined(separator: ","),
            ]
        }
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        return ([header] + rows).map { row in
            row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[index] - cell.count + 2)
            }.joined()
        }.joined(separator: "\n") + "\n(* configuration runtime; provider \(registry.gitProvider.type.id))"
    }
}
