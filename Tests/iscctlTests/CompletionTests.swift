import Foundation
import ISCKit
import ISCTestSupport
import Testing

/// `iscctl completion bash|zsh|fish`: scripts generated from the command definitions, checked by
/// running bash's completion the way the shell does (COMP_WORDS, COMP_CWORD, COMP_LINE).
@Suite("Shell completion")
struct CompletionTests {
    /// What bash's completion offers for `line` (the word being completed is the last one).
    static func complete(_ line: String, script: URL) throws -> [String] {
        var words = line.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        if words.isEmpty { words = [""] }
        let quoted = words.map { "'\($0)'" }.joined(separator: " ")
        let previous = words.count > 1 ? words[words.count - 2] : ""
        let program = """
            source '\(script.path)'
            COMP_WORDS=(\(quoted)); COMP_CWORD=\(words.count - 1); COMP_LINE='\(line)'; COMP_POINT=${#COMP_LINE}
            _iscctl iscctl '\(words.last!)' '\(previous)'
            printf '%s\\n' "${COMPREPLY[@]}"
            """
        let result = try ProcessRunner.tool("bash", ["-c", program])
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout.split(separator: "\n").map(String.init)
    }

    @Test("bash: the commands, the values of --access-mode, --argocd-auth, --format and --provider, files for --ca-file")
    func bash() throws {
        let generated = try ProcessRunner.iscctl(["completion", "bash"])
        #expect(generated.status == 0 && generated.stderr.isEmpty, "\(generated.stderr)")
        let script = FileManager.default.temporaryDirectory.appendingPathComponent("iscctl-completion-\(UUID().uuidString).bash")
        try Data(generated.stdout.utf8).write(to: script)
        defer { try? FileManager.default.removeItem(at: script) }
        #expect(try ProcessRunner.tool("bash", ["-n", script.path]).status == 0)
        #expect(generated.stdout.hasSuffix("complete -o filenames -F _iscctl iscctl\n"))

        #expect(try Self.complete("iscctl upd", script: script) == ["update-runtime"])
        let commands = try Self.complete("iscctl ", script: script)
        for command in ["parse", "init", "add-runtime", "update-runtime", "helm-values", "validate", "completion"] {
            #expect(commands.contains(command), "\(commands)")
        }
        #expect(try Self.complete("iscctl init --access-mode ", script: script) == ["tunnel", "ingress", "service-mesh"])
        #expect(try Self.complete("iscctl update-runtime --argocd-auth ", script: script) == ["token", "password"])
        #expect(try Self.complete("iscctl helm-values --format ", script: script) == HelmInstall.Format.allCases.map(\.rawValue))
        #expect(try Self.complete("iscctl list --provider gitlab", script: script) == ["gitlab", "gitlab-server"])
        #expect(try Self.complete("iscctl completion ", script: script) == ["bash", "zsh", "fish"])
        // A file flag completes file names (bash's own file completion, here in the script's folder).
        let files = try Self.complete("iscctl list --ca-file \(script.deletingLastPathComponent().path)/iscctl-completion-", script: script)
        #expect(files.contains(script.path), "\(files)")
    }

    @Test("zsh and fish: a script for each, naming every command; an unknown shell is exit 2", arguments: ["zsh", "fish"])
    func otherShells(_ shell: String) throws {
        let generated = try ProcessRunner.iscctl(["completion", shell])
        #expect(generated.status == 0 && !generated.stdout.isEmpty, "\(generated.stderr)")
        for command in ["init", "add-runtime", "update-runtime", "helm-values", "validate"] {
            #expect(generated.stdout.contains(command), "\(shell): \(command)")
        }
        #expect(generated.stdout.contains("service-mesh"))
        let unknown = try ProcessRunner.iscctl(["completion", "tcsh"])
        #expect(unknown.status == 2 && unknown.stderr.hasPrefix("error: "), "\(unknown.stderr)")
    }
}
