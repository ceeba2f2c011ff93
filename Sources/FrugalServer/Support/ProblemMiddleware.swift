import Hummingbird
import Logging
import Synchronization

/// Turns every error into `application/problem+json`: the router's own 404
/// and 405, and store failures (logged, answered 500 without internals).
struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The routes, to tell "no such path" (404) from "no such method here" (405).
    let routes: RouteTable

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let problem as Problem {
            throw problem
        } catch let error as HTTPError {
            switch error.status {
            case .notFound where request.method != .get && routes.matches(request.uri.path):
                throw Problem(.methodNotAllowed, "\(request.method) is not served here: use GET \(request.uri.path)")
            case .notFound:
                throw Problem(.notFound, "no such route: \(request.uri.path); see /openapi.json for the routes")
            case .methodNotAllowed:
                throw Problem(.methodNotAllowed, "\(request.method) is not served here: use GET")
            default:
                throw Problem(.invalidParameter, error.body ?? "the request could not be read: see /openapi.json")
            }
        } catch {
            context.logger.error("request failed", metadata: ["http.path": "\(request.uri.path)", "error": "\(error)"])
            throw Problem(.storeError, "the store could not answer; retry, and see the server's log if it persists")
        }
    }
}

/// Every route's path pattern (`/v1/models/:model`), filled once routes are registered.
final class RouteTable: Sendable {
    private let patterns = Mutex<[[Substring]]>([])

    func set(_ paths: [String]) {
        patterns.withLock { $0 = Set(paths).map { $0.split(separator: "/") } }
    }

    /// Whether `path` matches a pattern, `:name` segments matching any one segment.
    func matches(_ path: String) -> Bool {
        let segments = path.split(separator: "/")
        return patterns.withLock { patterns in
            patterns.contains { pattern in
                pattern.count == segments.count
                    && zip(pattern, segments).allSatisfy { $0.hasPrefix(":") || $0 == $1 }
            }
        }
    }
}
