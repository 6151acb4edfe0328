import ISCKit
import Testing

/// `--chart-version`, `--argocd-version` and the chart's compatibility table (issue 8, items 4
/// and 6): every boundary of every line, the messages, and what the parsers accept.
@Suite("Layout chart and Argo CD versions")
struct LayoutInstallSettingsTests {
    static func chart(_ text: String) -> ChartVersion {
        guard let version = ChartVersion(text) else { fatalError("sample chart version \(text)") }
        return version
    }

    /// `(chart, Argo CD, supported)` at both ends of every line and one step outside them.
    static let pairs: [(String, ArgoCDVersion, Bool)] = [
        // 0.24.x and 0.25.x: Argo CD 2.12 to 3.0.
        ("0.24.0", ArgoCDVersion(2, 11), false), ("0.24.0", ArgoCDVersion(2, 12), true), ("0.24.0", ArgoCDVersion(3, 0), true),
        ("0.24.0", ArgoCDVersion(3, 1), false), ("0.25.9", ArgoCDVersion(2, 11), false), ("0.25.9", ArgoCDVersion(2, 12), true),
        ("0.25.9", ArgoCDVersion(2, 14), true), ("0.25.9", ArgoCDVersion(3, 0), true), ("0.25.9", ArgoCDVersion(3, 1), false),
        ("0.24.7", ArgoCDVersion(1, 99), false),
        // 0.26.x to 0.28.x: 3.0 to 3.2.
        ("0.26.0", ArgoCDVersion(2, 14), false), ("0.26.0", ArgoCDVersion(3, 0), true), ("0.26.0", ArgoCDVersion(3, 2), true),
        ("0.26.0", ArgoCDVersion(3, 3), false), ("0.27.4", ArgoCDVersion(3, 1), true), ("0.28.11", ArgoCDVersion(2, 14), false),
        ("0.28.11", ArgoCDVersion(3, 0), true), ("0.28.11", ArgoCDVersion(3, 2), true), ("0.28.11", ArgoCDVersion(3, 3), false),
        // 0.29.x: 3.1 to 3.3.
        ("0.29.0", ArgoCDVersion(3, 0), false), ("0.29.0", ArgoCDVersion(3, 1), true), ("0.29.0", ArgoCDVersion(3, 3), true),
        ("0.29.0", ArgoCDVersion(3, 4), false), ("0.29.7", ArgoCDVersion(3, 1), true), ("0.29.7", ArgoCDVersion(4, 0), false),
    ]

    @Test("every boundary of the table: supported pairs pass, the others are exit 2 unsupported-argocd-version", arguments: pairs.indices)
    func boundaries(_ index: Int) {
        let (text, argoCD, supported) = Self.pairs[index]
        let chart = Self.chart(text)
        do {
            let note = try ChartCompatibility.check(chart: chart, argoCD: argoCD)
            #expect(supported, "chart \(text) with Argo CD \(argoCD): accepted")
            #expect(note == nil, "a chart of the table gives no note")
        } catch {
            #expect(!supported, "chart \(text) with Argo CD \(argoCD): \(error.message)")
            #expect(error.code == "unsupported-argocd-version")
            #expect(error.category == .invalidInput && error.category.exitCode == 2)
            #expect(error.message.hasPrefix("--argocd-version \(argoCD) is not supported by chart \(text)"), "\(error.message)")
            #expect(!error.message.contains("\n"))
        }
    }

    /// `(chart or nil, Argo CD, the supported range named, the advice)` for refused pairs.
    static let messages: [(String?, ArgoCDVersion, String, String)] = [
        (
            "0.24.0", ArgoCDVersion(3, 1), "chart 0.24.x–0.25.x supports Argo CD 2.12 to 3.0",
            "chart 0.26.x–0.28.x or 0.29.x supports it: pin one with --chart-version"
        ),
        (
            "0.25.3", ArgoCDVersion(2, 11), "chart 0.24.x–0.25.x supports Argo CD 2.12 to 3.0",
            "no gitops-runtime chart line supports it (the table covers Argo CD 2.12 to 3.3)"
        ),
        ("0.26.3", ArgoCDVersion(2, 14), "chart 0.26.x–0.28.x supports Argo CD 3.0 to 3.2", "chart 0.24.x–0.25.x supports it: pin one with --chart-version"),
        ("0.28.0", ArgoCDVersion(3, 3), "chart 0.26.x–0.28.x supports Argo CD 3.0 to 3.2", "chart 0.29.x supports it: pin one with --chart-version"),
        (
            "0.29.0", ArgoCDVersion(3, 0), "chart 0.29.x supports Argo CD 3.1 to 3.3",
            "chart 0.24.x–0.25.x or 0.26.x–0.28.x supports it: pin one with --chart-version"
        ),
        (
            "0.29.1", ArgoCDVersion(3, 4), "chart 0.29.x supports Argo CD 3.1 to 3.3",
            "no gitops-runtime chart line supports it (the table covers Argo CD 2.12 to 3.3)"
        ),
        (
            nil, ArgoCDVersion(3, 0), "its line 0.29.x supports Argo CD 3.1 to 3.3",
            "chart 0.24.x–0.25.x or 0.26.x–0.28.x supports it: pin one with --chart-version"
        ),
        (nil, ArgoCDVersion(2, 12), "its line 0.29.x supports Argo CD 3.1 to 3.3", "chart 0.24.x–0.25.x supports it: pin one with --chart-version"),
        (
            nil, ArgoCDVersion(3, 4), "its line 0.29.x supports Argo CD 3.1 to 3.3",
            "no gitops-runtime chart line supports it (the table covers Argo CD 2.12 to 3.3)"
        ),
    ]

    @Test("a refusal names the supported range and the chart lines that would support the Argo CD version", arguments: messages.indices)
    func refusalMessages(_ index: Int) {
        let (text, argoCD, range, advice) = Self.messages[index]
        #expect(throws: OperationError.self) { try ChartCompatibility.check(chart: text.map(Self.chart), argoCD: argoCD) }
        do {
            _ = try ChartCompatibility.check(chart: text.map(Self.chart), argoCD: argoCD)
        } catch {
            #expect(error.code == "unsupported-argocd-version")
            #expect(error.message.contains(range), "\(error.message)")
            #expect(error.message.hasSuffix(advice), "\(error.message)")
            if text == nil {
                #expect(error.message.contains("the chart is not pinned"), "\(error.message)")
            }
        }
    }

    @Test("unpinned: checked against the newest line (0.29.x, Argo CD 3.1 to 3.3)")
    func unpinned() throws {
        for minor in 1...3 {
            #expect(try ChartCompatibility.check(chart: nil, argoCD: ArgoCDVersion(3, minor)) == nil)
        }
        for version in [ArgoCDVersion(3, 0), ArgoCDVersion(2, 12), ArgoCDVersion(3, 4)] {
            #expect(throws: OperationError.self) { try ChartCompatibility.check(chart: nil, argoCD: version) }
        }
        #expect(ChartCompatibility.table.last?.chartsDescription == "0.29.x")
    }

    @Test("a chart newer than the table is not checked: a note, whatever the Argo CD version")
    func newerChart() throws {
        for text in ["0.30.0", "0.30.5", "1.0.0"] {
            for argoCD in [ArgoCDVersion(1, 0), ArgoCDVersion(3, 0), ArgoCDVersion(9, 9)] {
                let note = try ChartCompatibility.check(chart: Self.chart(text), argoCD: argoCD)
                #expect(note == "chart \(text) is newer than iscctl's compatibility table (up to 0.29.x): Argo CD \(argoCD) was not checked")
            }
        }
        #expect(ChartCompatibility.line(of: Self.chart("0.30.0")) == nil)
        #expect(ChartCompatibility.line(of: Self.chart("0.29.99"))?.chartsDescription == "0.29.x")
        #expect(ChartCompatibility.line(of: Self.chart("0.27.0"))?.chartsDescription == "0.26.x–0.28.x")
        #expect(ChartCompatibility.line(of: Self.chart("0.25.0"))?.argoCDDescription == "Argo CD 2.12 to 3.0")
    }

    @Test(
        "--argocd-version accepts X.Y, X.Y.Z and what `argocd version` prints",
        arguments: [
            ("3.0", ArgoCDVersion(3, 0)), ("3.0.6", ArgoCDVersion(3, 0)), ("v3.0.6+1a2b3c4", ArgoCDVersion(3, 0)),
            ("v2.14", ArgoCDVersion(2, 14)), ("3.10.0", ArgoCDVersion(3, 10)), ("0.0", ArgoCDVersion(0, 0)),
        ])
    func argoCDVersionAccepted(_ text: String, _ expected: ArgoCDVersion) throws {
        #expect(try ArgoCDVersion(parsing: text) == expected)
    }

    @Test(
        "--argocd-version refuses anything else as exit 2 naming the flag",
        arguments: [
            "3", "3.x", "03.0", "3.00", "", "v", "3.", ".3", "3.0.6.1", "+3.0", "3.0-rc1", "V3.0", "vv3.0", " 3.0", "３.0", "3.-1",
        ])
    func argoCDVersionRefused(_ text: String) {
        do {
            let version = try ArgoCDVersion(parsing: text)
            Issue.record("'\(text)' accepted as \(version)")
        } catch {
            #expect(error.code == "invalid-setting" && error.category.exitCode == 2)
            #expect(error.message.hasPrefix("--argocd-version '"), "\(error.message)")
            #expect(error.message.contains("X.Y"), "\(error.message)")
        }
    }

    @Test("--chart-version accepts X.Y.Z from the table's oldest line on")
    func chartVersionAccepted() throws {
        #expect(try ChartVersion(parsing: "0.26.3") == ChartVersion(major: 0, minor: 26, patch: 3))
        #expect(try ChartVersion(parsing: "0.24.0") == ChartVersion(major: 0, minor: 24, patch: 0))
        #expect(try ChartVersion(parsing: "0.30.0").description == "0.30.0")
        #expect(try ChartVersion(parsing: "1.0.0") > ChartVersion(major: 0, minor: 99, patch: 99))
        #expect(ChartVersion(major: 0, minor: 26, patch: 10) > ChartVersion(major: 0, minor: 26, patch: 9))
    }

    @Test(
        "--chart-version refuses what is not X.Y.Z as exit 2 naming the flag",
        arguments: [
            "0.26", "v0.26.3", "^0.26", "0.26.3-rc1", "~0.26.3", "0.26.x", "0.26.3+build", "00.26.3", "0.026.3", "", "0..3", "0.26.3.1", " 0.26.3", "latest",
        ])
    func chartVersionRefused(_ text: String) {
        #expect(ChartVersion(text) == nil)
        do {
            let version = try ChartVersion(parsing: text)
            Issue.record("'\(text)' accepted as \(version)")
        } catch {
            #expect(error.code == "invalid-setting" && error.category.exitCode == 2)
            #expect(error.message.hasPrefix("--chart-version '"), "\(error.message)")
            #expect(error.message.contains("X.Y.Z"), "\(error.message)")
        }
    }

    @Test("a chart older than the table (global.external-argo-cd) is exit 2 naming 0.24", arguments: ["0.23.9", "0.23.0", "0.1.0", "0.0.0"])
    func chartVersionTooOld(_ text: String) {
        #expect(ChartVersion(text) != nil, "the syntax is fine")
        do {
            let version = try ChartVersion(parsing: text)
            Issue.record("'\(text)' accepted as \(version)")
        } catch {
            #expect(error.code == "invalid-setting" && error.category.exitCode == 2)
            #expect(error.message.hasPrefix("--chart-version \(text) is older than 0.24.0"), "\(error.message)")
            #expect(error.message.contains("chart 0.24 or later"), "\(error.message)")
        }
    }
}
