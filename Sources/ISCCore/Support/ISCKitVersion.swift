/// The version of ISCKit and of the `iscctl` command built from it.
public enum ISCKitVersion {
    /// The semantic version, e.g. `0.1.0`.
    public static let string = "0.1.0"
}
