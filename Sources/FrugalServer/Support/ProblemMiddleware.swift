import Hummingbird
import Logging

/// Turns every error into `application/problem+json`: the router's own 404
/// and 405, and store failures (logged, answered 500 without internals).
struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let problem as Problem {
            throw problem
        } catch let error as HTTPError {
            switch error.status {
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
