import FrugalRuntime
import Hummingbird

/// Bearer tokens: the SHA-256 of the presented token is looked up among the
/// configured ones. With no token configured the API is open as admin (the
/// server refuses that on a non-loopback address). `/healthz`, `/readyz` and
/// `/openapi.json` need no token.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = ServerContext
    /// Token hash → role.
    let roles: [String: ServerRole]

    init(tokens: [String: ServerToken]) {
        roles = Dictionary(tokens.values.map { ($0.sha256, $0.role) }, uniquingKeysWith: { first, _ in first })
    }

    static let openPaths: Set<String> = ["/healthz", "/readyz", "/openapi.json"]

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var context = context
        if roles.isEmpty || Self.openPaths.contains(request.uri.path) {
            context.role = .admin
            return try await next(request, context)
        }
        guard let header = request.headers[.authorization] else {
            throw Problem(.unauthorized, "send Authorization: Bearer <token> (a token configured in [server.tokens])")
        }
        guard header.count > 7, header.prefix(7).lowercased() == "bearer " else {
            throw Problem(.unauthorized, "use the Bearer scheme: Authorization: Bearer <token>")
        }
        guard let role = roles[SHA256.hex(String(header.dropFirst(7)))] else {
            throw Problem(.unauthorized, "this token is not configured: check [server.tokens] and its sha256")
        }
        context.role = role
        return try await next(request, context)
    }
}
