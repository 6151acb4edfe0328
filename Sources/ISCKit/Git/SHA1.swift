/// SHA-1 (RFC 3174) and HMAC-SHA1 (RFC 2104), only for matching hashed `known_hosts` entries
/// (`|1|salt|hmac`). Not for anything security-sensitive beyond that: OpenSSH defines those
/// entries with HMAC-SHA1, and there is no CryptoKit on Linux.
enum SHA1 {
    /// `message` padded to whole 64-byte blocks as SHA-1 and SHA-256 both pad it: a 1 bit, zeros,
    /// and the message's length in bits as a big-endian 64-bit number.
    static func padded<Bytes: Collection<UInt8>>(_ message: Bytes) -> [UInt8] {
        var data = [UInt8](message)
        let bitLength = UInt64(data.count) &* 8
        data.append(0x80)
        while data.count % 64 != 56 { data.append(0) }
        for shift in stride(from: 56, through: 0, by: -8) {
            data.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift)))
        }
        return data
    }

    /// The 20-byte SHA-1 digest of `message`.
    static func hash<Bytes: Collection<UInt8>>(_ message: Bytes) -> [UInt8] {
        var h0: UInt32 = 0x6745_2301
        var h1: UInt32 = 0xEFCD_AB89
        var h2: UInt32 = 0x98BA_DCFE
        var h3: UInt32 = 0x1032_5476
        var h4: UInt32 = 0xC3D2_E1F0

        let data = SHA1.padded(message)

        var w = [UInt32](repeating: 0, count: 80)
        for chunk in stride(from: 0, to: data.count, by: 64) {
            for i in 0..<16 {
                let j = chunk + i * 4
                w[i] = UInt32(data[j]) << 24 | UInt32(data[j + 1]) << 16 | UInt32(data[j + 2]) << 8 | UInt32(data[j + 3])
            }
            for i in 16..<80 {
                w[i] = rotl(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1)
            }
            var a = h0, b = h1, c = h2, d = h3, e = h4
            for i in 0..<80 {
                let f: UInt32
                let k: UInt32
                switch i {
                case 0..<20: f = (b & c) | (~b & d); k = 0x5A82_7999
                case 20..<40: f = b ^ c ^ d; k = 0x6ED9_EBA1
                case 40..<60: f = (b & c) | (b & d) | (c & d); k = 0x8F1B_BCDC
                default: f = b ^ c ^ d; k = 0xCA62_C1D6
                }
                let temp = rotl(a, 5) &+ f &+ e &+ k &+ w[i]
                e = d
                d = c
                c = rotl(b, 30)
                b = a
                a = temp
            }
            h0 = h0 &+ a
            h1 = h1 &+ b
            h2 = h2 &+ c
            h3 = h3 &+ d
            h4 = h4 &+ e
        }
        var digest: [UInt8] = []
        digest.reserveCapacity(20)
        for h in [h0, h1, h2, h3, h4] {
            digest.append(UInt8(truncatingIfNeeded: h >> 24))
            digest.append(UInt8(truncatingIfNeeded: h >> 16))
            digest.append(UInt8(truncatingIfNeeded: h >> 8))
            digest.append(UInt8(truncatingIfNeeded: h))
        }
        return digest
    }

    /// HMAC-SHA1 of `message` with `key` (RFC 2104, block size 64).
    static func hmac<Key: Collection<UInt8>, Message: Collection<UInt8>>(key: Key, message: Message) -> [UInt8] {
        var block = key.count > 64 ? hash(key) : [UInt8](key)
        block += [UInt8](repeating: 0, count: 64 - block.count)
        let inner = block.map { $0 ^ 0x36 } + [UInt8](message)
        let outer = block.map { $0 ^ 0x5C } + hash(inner)
        return hash(outer)
    }

    private static func rotl(_ x: UInt32, _ n: UInt32) -> UInt32 {
        (x << n) | (x >> (32 - n))
    }
}
