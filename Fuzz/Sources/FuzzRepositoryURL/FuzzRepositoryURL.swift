@testable import ISCCore
@testable import ISCKit

/// libFuzzer target for `RepositoryURL(parsing:provider:apiURL:)`.
///
/// Input: `<url>[\0<--provider>[\0<--api-url>]]`, bytes decoded as UTF-8 (invalid bytes become
/// U+FFFD, as a command-line argument would after `String(cString:)`). Checked for every input:
/// no crash and no sanitizer report; an error is one line. For every URL that parses:
/// no `?` or `#` in a network clone URL and no `.git` segment inside the repository (byte by
/// byte: a combining mark must not hide a delimiter); `description` (the canonical string) parses back into the same parts and renders the same;
/// the clone URL parses into the same repository with no path and no ref (unless only a `//`
/// delimited the repository).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRepositoryURL(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let fields = UnsafeBufferPointer(start: data, count: size)
        .split(separator: 0, maxSplits: 2, omittingEmptySubsequences: false)
        .map { String(decoding: $0, as: UTF8.self) }
    let input = fields[0]
    let provider = fields.count > 1 ? fields[1] : nil
    let apiURL = fields.count > 2 ? fields[2] : nil

    let url: RepositoryURL
    do {
        url = try RepositoryURL(parsing: input, provider: provider, apiURL: apiURL)
    } catch {
        check(!error.message.contains(where: \.isNewline), "a multi-line error: \(error.message)")
        return 0
    }

    // The rules of spec section 2, byte by byte: no query or fragment in a network clone URL; no
    // segment ending in `.git` before the last one of the repository (rule 1 ends it there).
    if !url.isLocal {
        check(
            !url.cloneURL.utf8.contains(where: { $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") }),
            "\(input): a query or fragment in the clone URL \(url.cloneURL)")
    }
    check(
        !url.repository.split(separator: "/").dropLast().contains(where: { URLParser.endsWithGitSuffix(String($0)) }),
        "\(input): the repository \(url.repository) goes on after a segment ending in .git")

    // The canonical string parses back into the same parts (only `input` differs).
    let rendered = url.description
    let again: RepositoryURL
    do {
        again = try RepositoryURL(parsing: rendered, provider: url.provider, apiURL: apiURL)
    } catch {
        fail("\(input) parses, its canonical string \(rendered) does not: \(error.message)")
    }
    check(
        again.scheme == url.scheme && again.isSCPLike == url.isSCPLike && again.username == url.username
            && again.host == url.host && again.port == url.port && again.repository == url.repository
            && again.cloneURL == url.cloneURL && again.path == url.path && again.ref == url.ref
            && again.provider == url.provider && again.apiURL == url.apiURL,
        "\(input) → \(rendered) parses into other parts")
    check(again.description == rendered, "\(rendered) renders as \(again.description)")

    // The clone URL is a repository URL too, naming the same repository, wherever it still marks
    // the end of the repository (`.git`, or no path). Where only a `//` did (kustomize style,
    // rule 2 of spec section 2), the other rules may cut it elsewhere, or find an invalid path
    // after the cut: by design, as iscctl never parses a clone URL again.
    if url.path.isEmpty || URLParser.endsWithGitSuffix(url.cloneURL) {
        do {
            let clone = try RepositoryURL(parsing: url.cloneURL, provider: url.provider, apiURL: apiURL)
            check(
                clone.cloneURL == url.cloneURL && clone.repository == url.repository && clone.path.isEmpty && clone.ref == nil,
                "\(input): the clone URL \(url.cloneURL) parses into \(clone.cloneURL) \(clone.repository) path '\(clone.path)'")
        } catch {
            fail("\(input): the clone URL \(url.cloneURL) does not parse: \(error.message)")
        }
    }
    return 0
}

func check(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fail(message()) }
}

func fail(_ message: String) -> Never {
    fatalError("property violated: \(message)")
}
