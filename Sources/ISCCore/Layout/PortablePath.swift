/// The one rule for a path that iscctl writes into a repository: it must check out on Linux,
/// macOS and Windows and pass `git fsck --strict` (and a clone with `core.protectNTFS` and
/// `core.protectHFS`).
///
/// The rule is used by the URL's `<path>` check (``RepositoryURL``), by the runtime and cluster
/// name rules (``SettingRules``), by ``RepositoryPaths/join(_:_:)`` and, as a final guard, by
/// the code that turns changes into a Git tree.
///
/// A component (the text between two `/`) is refused when it:
/// - is empty, `.` or `..`;
/// - is longer than ``maxComponentBytes`` UTF-8 bytes;
/// - holds a control character (U+0000–U+001F, U+007F–U+009F) or `/`;
/// - is a look-alike of `.git`: any case, with HFS-ignorable code points (U+200C, U+200D,
///   U+200E, U+200F, U+202A–U+202E, U+206A–U+206F, U+FEFF) removed, with trailing dots or
///   spaces, with an NTFS stream (`.git::$INDEX_ALLOCATION`), or the NTFS short name `git~N`;
/// - is a look-alike of `.gitmodules`, `.gitattributes` or `.gitignore` in the same ways,
///   their NTFS short names included (`gitmod~1`, `gi7eba~1`, …);
/// - is a Windows device name (`CON`, `PRN`, `AUX`, `NUL`, `COM0`–`COM9`, `LPT0`–`LPT9`,
///   `COM¹`–`COM³`, `LPT¹`–`LPT³`, `CONIN$`, `CONOUT$`), in any case, also with an extension
///   (`nul.yaml`) or trailing spaces before it;
/// - holds a character Windows does not allow in a file name: `< > : " \ | ? *`;
/// - ends with a dot or a space (Windows drops them).
///
/// A path is at most ``maxPathBytes`` bytes, relative (no leading `/`), and made of valid
/// components. Two names of one folder that differ only in case (or by HFS-ignorable code points,
/// or by Unicode normalization) collide on macOS and Windows: ``collisionKey(_:)`` tells them.
///
/// ```swift
/// PortablePath.violation(component: "prod.yaml")   // nil
/// PortablePath.violation(component: "nul.yaml")    // "is a reserved device name on Windows …"
/// PortablePath.violation(path: "envs/.git./x")     // "segment '.git.' is a look-alike of '.git' …"
/// ```
public enum PortablePath {
    /// The longest component, in UTF-8 bytes (ext4, APFS, NTFS: 255).
    public static let maxComponentBytes = 255
    /// The longest path, in UTF-8 bytes (Linux `PATH_MAX`).
    public static let maxPathBytes = 4096

    /// Why `component` is not portable (a phrase that follows the component in a message), or
    /// `nil` when it is.
    public static func violation(component: some StringProtocol) -> String? {
        let name = String(component)
        if name.isEmpty { return "is empty" }
        if name == "." || name == ".." { return "names the current or parent folder" }
        let bytes = name.utf8.count
        if bytes > maxComponentBytes { return "is \(bytes) bytes long; at most \(maxComponentBytes) are allowed in one name" }
        if let control = name.unicodeScalars.first(where: isControl) {
            return "contains the control character U+\(hex(control))"
        }
        if name.contains("/") { return "contains '/'" }
        let folded = ntfsFolded(name)
        if folded == ".git" || isShortName(folded, prefixes: ["git"]) {
            return "is a look-alike of '.git' (Git's own folder on macOS or Windows)"
        }
        for (file, prefixes) in gitFiles where folded == file || isShortName(folded, prefixes: prefixes) {
            return "is a look-alike of '\(file)', which Git reads itself"
        }
        if isWindowsDeviceName(name) {
            return "is a reserved device name on Windows (CON, PRN, AUX, NUL, COM0-9, LPT0-9, also with an extension)"
        }
        if let bad = name.unicodeScalars.first(where: { windowsForbidden.contains($0) }) {
            return "contains '\(bad)', which Windows does not allow in a file name"
        }
        if name.hasSuffix(".") || name.hasSuffix(" ") { return "ends with a dot or a space, which Windows drops" }
        return nil
    }

    /// Why the repository-relative `path` is not portable, naming the offending segment, or
    /// `nil` when it is.
    public static func violation(path: String) -> String? {
        if path.isEmpty { return "the path is empty" }
        if path.hasPrefix("/") { return "the path is absolute" }
        let bytes = path.utf8.count
        if bytes > maxPathBytes { return "the path is \(bytes) bytes long; at most \(maxPathBytes) are allowed" }
        for segment in path.split(separator: "/", omittingEmptySubsequences: false) {
            if let reason = violation(component: segment) {
                return "segment '\(Display.safe(segment))' \(reason)"
            }
        }
        return nil
    }

    /// The key under which two names of one folder collide on a case-insensitive or
    /// normalizing file system (macOS, Windows): lower-cased, HFS-ignorable code points removed.
    /// Compare keys with `==` (Swift strings compare by canonical equivalence, so NFC and NFD
    /// spellings have the same key).
    public static func collisionKey(_ name: some StringProtocol) -> String {
        var out = String.UnicodeScalarView()
        for scalar in name.unicodeScalars where !isHFSIgnorable(scalar) {
            out.append(scalar)
        }
        return String(out).lowercased()
    }

    // MARK: - The parts of the rule

    /// The files Git reads from a tree, and the prefixes of their NTFS short names.
    static let gitFiles: [(String, [String])] = [
        (".gitmodules", ["gitmod", "gi7eba"]),
        (".gitattributes", ["gitatt", "gi7d29"]),
        (".gitignore", ["gitign", "gi250a"]),
    ]

    static let windowsForbidden: Set<Unicode.Scalar> = ["<", ">", ":", "\"", "\\", "|", "?", "*"]

    static let windowsDevices: Set<String> = {
        var names: Set<String> = ["con", "prn", "aux", "nul", "conin$", "conout$"]
        for suffix in ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "\u{B9}", "\u{B2}", "\u{B3}"] {
            names.insert("com" + suffix)
            names.insert("lpt" + suffix)
        }
        return names
    }()

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.generalCategory == .control
    }

    /// The code points HFS+ ignores when it compares names (git's `next_hfs_char`).
    static func isHFSIgnorable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x200C...0x200F, 0x202A...0x202E, 0x206A...0x206F, 0xFEFF: return true
        default: return false
        }
    }

    /// The name as macOS and Windows would match it against `.git`: HFS-ignorable code points
    /// removed, lower-cased, an NTFS stream (`:…`) and trailing dots and spaces cut off.
    static func ntfsFolded(_ name: String) -> String {
        var folded = collisionKey(name)
        if let colon = folded.firstIndex(of: ":") { folded = String(folded[..<colon]) }
        while let last = folded.last, last == "." || last == " " { folded.removeLast() }
        return folded
    }

    /// `prefix~N` (an NTFS 8.3 short name), `N` one or more digits.
    static func isShortName(_ folded: String, prefixes: [String]) -> Bool {
        prefixes.contains { prefix in
            guard folded.hasPrefix(prefix + "~") else { return false }
            let digits = folded.dropFirst(prefix.count + 1)
            return !digits.isEmpty && digits.allSatisfy { $0.isASCII && $0.isNumber }
        }
    }

    /// `CON`, `nul.yaml`, `Com1 .txt`: the part before the first `.`, trailing spaces removed.
    static func isWindowsDeviceName(_ name: String) -> Bool {
        var base = Substring(name.lowercased())
        if let dot = base.firstIndex(of: ".") { base = base[..<dot] }
        if let colon = base.firstIndex(of: ":") { base = base[..<colon] }
        while base.last == " " { base.removeLast() }
        return windowsDevices.contains(String(base))
    }

    static func hex(_ scalar: Unicode.Scalar) -> String {
        let digits = String(scalar.value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
