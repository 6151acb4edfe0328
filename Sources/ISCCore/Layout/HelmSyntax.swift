/// Quoting for POSIX shells (bash, zsh, dash).
enum HelmShellSyntax {
    /// `text` as one shell word: as is when every character is inert in every position, else in
    /// single quotes with `'\''` for a quote inside.
    static func quote(_ text: String) -> String {
        if let first = text.unicodeScalars.first, first != "=", first != "%",
            text.unicodeScalars.allSatisfy(isInert)
        {
            return text
        }
        return "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// Characters that no POSIX shell (nor zsh) expands or splits on: no glob (`* ? [ ]`), no
    /// `~`, `$`, quotes, `\`, `!`, `#`, `&`, `;`, `|`, `<`, `>`, parentheses, braces or space.
    static func isInert(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
            || "_-./:=,@%+".unicodeScalars.contains(scalar)
    }

    /// `name` if it is a valid shell variable name, else `_` (never reached: the only variable
    /// is ``HelmInstall/apiKeyVariable``), so `"$…"` can never become a command substitution.
    static func variableName(_ name: String) -> String {
        guard let first = name.unicodeScalars.first, first == "_" || ("A"..."Z").contains(first) || ("a"..."z").contains(first),
            name.unicodeScalars.allSatisfy({ $0 == "_" || ("A"..."Z").contains($0) || ("a"..."z").contains($0) || ("0"..."9").contains($0) })
        else { return "_" }
        return name
    }
}

/// Helm's `--set` syntax (`strvals`), also used by Terraform's `helm_release` `set` blocks.
enum HelmSetSyntax {
    /// A value as `strvals` reads it back: `\` and `,` escaped, and a leading `{` escaped so it
    /// does not start a list.
    static func escapeValue(_ value: String) -> String {
        var out = ""
        for (offset, character) in value.enumerated() {
            if character == "\\" || character == "," || (offset == 0 && character == "{") { out.append("\\") }
            out.append(character)
        }
        return out
    }

    /// True when `--set` would not keep `value` a string: `true`, `false`, `null` in any case,
    /// `0`, or a base-10 integer that fits 64 bits and does not start with `0`.
    static func needsStringType(_ value: String) -> Bool {
        let lower = value.lowercased()
        if lower == "true" || lower == "false" || lower == "null" || value == "0" { return true }
        if let first = value.first, first != "0", value.unicodeScalars.allSatisfy({ $0.isASCII }), Int64(value) != nil {
            return true
        }
        return false
    }

    /// Splits a dotted key (`a.b[0]`) into map keys and list indexes. The keys are iscctl's own
    /// (``HelmInstall/values``), none with an escaped `.`, `[` or `]`.
    static func path(of key: String) -> [PathComponent] {
        var components: [PathComponent] = []
        var current = ""
        var pendingSegment = true
        var iterator = key.makeIterator()
        while let character = iterator.next() {
            switch character {
            case ".":
                if pendingSegment { components.append(.key(current)) }
                current = ""
                pendingSegment = true
            case "[":
                if pendingSegment { components.append(.key(current)) }
                current = ""
                var digits = ""
                while let digit = iterator.next(), digit != "]" { digits.append(digit) }
                components.append(.index(Int(digits) ?? 0))
                pendingSegment = false
            default:
                current.append(character)
                pendingSegment = true
            }
        }
        if pendingSegment { components.append(.key(current)) }
        return components
    }

    /// One step of a dotted key.
    enum PathComponent: Hashable {
        case key(String)
        case index(Int)
    }
}

/// HCL (Terraform) quoting.
enum HelmHCLSyntax {
    /// A quoted template string: `"` and `\` escaped, `${` and `%{` doubled to stay literal,
    /// control characters escaped.
    static func string(_ text: String) -> String {
        var out = "\""
        var previous: Unicode.Scalar?
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "{" where previous == "$" || previous == "%":
                // `${` → `$${`, `%{` → `%%{`: the doubled sign is the literal escape.
                out.unicodeScalars.append(previous!)
                out += "{"
            default:
                if scalar.properties.generalCategory == .control || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    out += "\\u" + hex(scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
            previous = scalar
        }
        return out + "\""
    }

    /// `value` as four (or more) upper-case hex digits.
    static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// A Terraform block label that is a valid identifier: letters, digits, `_` and `-` kept,
    /// anything else `_`, prefixed with `release_` when it would not start with a letter or `_`.
    static func identifier(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            let keep = ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "_" || scalar == "-"
            out.unicodeScalars.append(keep ? scalar : "_")
        }
        if let first = out.unicodeScalars.first, ("a"..."z").contains(first) || ("A"..."Z").contains(first) || first == "_" {
            return out
        }
        return "release_" + out
    }
}
