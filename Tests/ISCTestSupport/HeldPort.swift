import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A TCP port on 127.0.0.1 held by a socket of this process until ``close()`` (or deinit): for
/// tests that need a port nobody else can take, or a port already taken when a server binds it.
///
/// - Bound, not listening (the default): a connection to it is refused, and no other socket can
///   bind it.
/// - `reuseAddress: true`, not listening: no other socket can bind it, except one that also sets
///   `SO_REUSEADDR` (git daemon `--reuseaddr`, lighttpd, sshd): reserved for those servers.
/// - ``listen()``: taken for every server (binding it fails with "Address already in use").
public final class HeldPort: @unchecked Sendable {
    /// The port number.
    public let port: Int
    private var descriptor: Int32

    /// Binds `port` on 127.0.0.1 (0: a free port picked by the kernel).
    public init(_ port: Int = 0, reuseAddress: Bool = false) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw TestServersError.command("socket() failed") }
        if reuseAddress {
            var one: Int32 = 1
            setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let fd = descriptor
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        var named: Int32 = -1
        if bound == 0 {
            named = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
            }
        }
        guard named == 0 else {
            Glibc.close(fd)
            throw TestServersError.command("bind to 127.0.0.1:\(port) failed")
        }
        self.port = Int(UInt16(bigEndian: address.sin_port))
    }

    /// Listens without ever accepting: the port is taken for any server.
    public func listen() throws {
        guard Glibc.listen(descriptor, 8) == 0 else { throw TestServersError.command("listen() on \(port) failed") }
    }

    /// Releases the port.
    public func close() {
        if descriptor >= 0 { Glibc.close(descriptor) }
        descriptor = -1
    }

    deinit { close() }
}
