import FrugalRuntime
import Hummingbird

/// The request context of the cost API: who the bearer token speaks for.
public struct ServerContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Set by `AuthMiddleware` before any `/v1` or `/metrics` handler runs.
    public var role: ServerRole = .aggregate

    public init(source: Source) {
        coreContext = .init(source: source)
    }
}
