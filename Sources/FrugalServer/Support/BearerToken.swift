/// Bearer tokens for `[server.tokens]`: made here, stored only as their hash.
public enum BearerToken {
    /// A new random token: 32 bytes from the system generator, base64url.
    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        return "frg_" + Base64URL.encode((0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }

    /// The value to configure: `sha256:` and the hex digest of the token.
    public static func configValue(_ token: String) -> String { "sha256:\(SHA256.hex(token))" }
}
