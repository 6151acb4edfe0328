import ArgumentParser
import ISCKit

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// The entry point maps every failure to the exit codes of spec section 6 and prints it as one
// `error:` line (plus the JSON error object with --json).
let wantsJSON = CommandLine.arguments.dropFirst().contains("--json")
// Before anything starts a thread: SIGINT, SIGTERM and SIGHUP end the run cleanly (130/143/129).
Interruption.install(json: wantsJSON)
do {
    try ArgumentCheck.check(Array(CommandLine.arguments.dropFirst()))
    var command = try Iscctl.parseAsRoot()
    try command.run()
    Termination.exit(0)
} catch let error as any ISCError {
    ErrorReporter.report(code: error.code, message: error.message, json: wantsJSON)
    Termination.exit(error.category.exitCode)
} catch {
    let exitCode = Iscctl.exitCode(for: error)
    if exitCode == .success || error is ExitCode || error is CleanExit {
        Termination.claimForExit()
        Iscctl.exit(withError: error)
    }
    // Everything swift-argument-parser reports is a usage error: invalid input, exit 2.
    let full = ArgumentCheck.shortened(Iscctl.message(for: error), arguments: Array(CommandLine.arguments.dropFirst()))
    let first = UsageHint.firstLine(of: full)
    let message = UsageHint.apply(to: first, arguments: Array(CommandLine.arguments.dropFirst()))
    let code = EnumeratedOptions.code(forRefused: Array(CommandLine.arguments.dropFirst())) ?? "invalid-arguments"
    ErrorReporter.report(code: code, message: message, json: wantsJSON)
    Termination.exit(ErrorCategory.invalidInput.exitCode)
}
