internal import CLibGit2

/// Values from the user's git configuration (global, XDG and system files), read with libgit2.
public enum GitConfig {
    /// `user.name` and `user.email` from git config, else `iscctl <iscctl@localhost>`.
    public static func defaultSignature() -> Signature {
        LibGit2.initialize()
        let name = string("user.name")
        let email = string("user.email")
        if let name, let email, !name.isEmpty, !email.isEmpty {
            return Signature(name: name, email: email)
        }
        return Signature(name: "iscctl", email: "iscctl@localhost")
    }

    /// A string value from the default configuration, or `nil` when it is not set.
    public static func string(_ key: String) -> String? {
        LibGit2.initialize()
        var config: OpaquePointer?
        guard git_config_open_default(&config) == 0, let config else { return nil }
        defer { git_config_free(config) }
        var snapshot: OpaquePointer?
        guard git_config_snapshot(&snapshot, config) == 0, let snapshot else { return nil }
        defer { git_config_free(snapshot) }
        var value: UnsafePointer<CChar>?
        guard git_config_get_string(&value, snapshot, key) == 0, let value else { return nil }
        return String(cString: value)
    }
}
