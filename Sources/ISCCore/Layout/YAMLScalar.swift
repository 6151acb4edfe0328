/// Writing one string as a YAML scalar that every YAML reader (YAML 1.1 and 1.2, block and flow
/// context) reads back as that same string.
///
/// A string is written plain only when it is unmistakably a string: it starts with an ASCII letter
/// or `/`, has only ASCII letters, digits and `-` `.` `_` `/` `@` `:` (no `:` at the end, and none
/// at all inside a flow collection), and is not one of the words YAML 1.1 or 1.2 reads as a boolean
/// or null (`true`, `false`, `yes`, `no`, `on`, `off`, `y`, `n`, `null`, in any case). Everything
/// else (the empty string, numbers, strings with spaces or indicators, non-ASCII text) is
/// double-quoted, with `\` escapes for `"`, `\` and every character YAML does not allow raw.
///
/// ```swift
/// YAMLScalar.render("argocd-server")   // argocd-server
/// YAMLScalar.render("")                // ""
/// YAMLScalar.render("123")             // "123"
/// YAMLScalar.render("true")            // "true"
/// ```
public enum YAMLScalar {
    /// The words YAML 1.1 or 1.2 resolves to a boolean or null when plain (compared lower-cased).
    static let reservedWords: Set<String> = ["true", "false", "yes", "no", "on", "off", "y", "n", "null"]

    /// `string` as a plain scalar when that is safe, else double-quoted.
    ///
    /// - Parameters:
    ///   - string: the value.
    ///   - inFlow: true inside a flow collection (`{...}` or `[...]`), where `:` is also quoted.
    public static func render(_ string: String, inFlow: Bool = false) -> String {
        isPlainSafe(string, inFlow: inFlow) ? string : doubleQuoted(string)
    }

    /// True when `string` written plain reads back as the same string (see ``YAMLScalar``).
    public static func isPlainSafe(_ string: String, inFlow: Bool = false) -> Bool {
        let scalars = string.unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return false }
        guard isASCIILetter(first) || first == "/", last != ":" else { return false }
        for scalar in scalars {
            let allowed =
                isASCIILetter(scalar) || ("0"..."9").contains(scalar)
                || scalar == "-" || scalar == "." || scalar == "_" || scalar == "/" || scalar == "@"
                || (scalar == ":" && !inFlow)
            guard allowed else { return false }
        }
        return !reservedWords.contains(string.lowercased())
    }

    /// `string` double-quoted: `"` and `\` escaped, printable characters as they are, every other
    /// character as a `\t`, `\n`, `\r`, `\0`, `\xNN`, `\uNNNN` or `\UNNNNNNNN` escape.
    public static func doubleQuoted(_ string: String) -> String {
        var out = "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\u{0}": out += "\\0"
            default:
                if isPrintable(scalar) {
                    out.unicodeScalars.append(scalar)
                } else {
                    out += escape(scalar)
                }
            }
        }
        return out + "\""
    }

    static func isASCIILetter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
    }

    /// The characters YAML allows raw inside a double-quoted scalar without reading them as a
    /// line break: printable ASCII, and non-ASCII except C1 controls, the line and paragraph
    /// separators, the byte order mark and the non-characters U+FFFE and U+FFFF.
    static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20...0x7E: return true
        case 0xA0...0xD7FF: return scalar.value != 0x2028 && scalar.value != 0x2029
        case 0xE000...0xFFFD: return scalar.value != 0xFEFF
        case 0x10000...0x10FFFF: return true
        default: return false
        }
    }

    static func escape(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        func padded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - hex.count)) + hex }
        switch scalar.value {
        case 0...0xFF: return "\\x" + padded(2)
        case 0x100...0xFFFF: return "\\u" + padded(4)
        default: return "\\U" + padded(8)
        }
    }
}
