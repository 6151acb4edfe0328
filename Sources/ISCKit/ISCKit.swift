/// ISCKit is ISCCore (URLs, layout, Helm output, operations: pure) plus the Git layer, the cache
/// and the transaction that write a Shared Configuration Repository. Importing ISCKit imports
/// ISCCore too.
@_exported import ISCCore
