import Foundation
import FrugalCore

/// Fetches eCO2mix intensities from ODRÉ: pages through each day of a range,
/// retries HTTP 429 and 5xx with exponential backoff (honouring
/// `Retry-After`, capped), and reports what it could not get instead of
/// failing the whole range. Blocking: run it off the sampling path
/// (`CarbonService` does).
public struct ODREClient: Sendable {
    public static let defaultBaseURL = "https://odre.opendatasoft.com/api/explore/v2.1"

    public var baseURL: String
    public var http: any HTTPGetting
    /// Per request.
    public var timeout: Duration
    /// Tries per request, the first included.
    public var maxAttempts: Int
    /// The first retry's wait; doubled each time, capped by `maxBackoff`.
    public var initialBackoff: Duration
    public var maxBackoff: Duration
    /// How waiting is done (tests pass a recorder).
    public var sleep: @Sendable (Duration) -> Void

    public init(
        baseURL: String = Self.defaultBaseURL, http: any HTTPGetting = CurlHTTPClient(),
        timeout: Duration = .seconds(20),
        maxAttempts: Int = 4, initialBackoff: Duration = .seconds(2), maxBackoff: Duration = .seconds(60),
        sleep: @escaping @Sendable (Duration) -> Void = { Self.blockingSleep($0) }
    ) {
        precondition(maxAttempts >= 1, "at least one attempt")
        self.baseURL = baseURL
        self.http = http
        self.timeout = timeout
        self.maxAttempts = maxAttempts
        self.initialBackoff = initialBackoff
        self.maxBackoff = maxBackoff
        self.sleep = sleep
    }

    /// Every quarter of `[from, to)` the dataset has, one day per query.
    /// Days that failed after all retries are listed in `failures`; the
    /// others' values are kept.
    public func fetch(_ dataset: ODREDataset, from: Timestamp, to: Timestamp) -> ODREFetchResult {
        var result = ODREFetchResult(dataset: dataset, from: from, to: to)
        let day = Duration.seconds(86_400)
        var start = from
        while start < to {
            let end = min(start + day, to)
            do {
                let parsed = try fetchRange(dataset, from: start, to: end, into: &result)
                result.points += parsed.points
                result.problems += parsed.problems
                result.duplicateRows += parsed.duplicateRows
            } catch {
                result.failures.append(ODREFetchFailure(from: start, to: end, reason: error))
            }
            start = end
        }
        result.normalise()
        return result
    }

    private func fetchRange(_ dataset: ODREDataset, from: Timestamp, to: Timestamp, into result: inout ODREFetchResult)
        throws(ODREFetchError) -> GridParseResult
    {
        var merged = GridParseResult(format: .odreJSON, points: [], problems: [])
        var offset = 0
        while true {
            let query = ODREQuery(baseURL: baseURL, dataset: dataset, from: from, to: to, offset: offset)
            let body = try getWithRetries(query.url, into: &result)
            let (page, total) = ODREJSONParser.parseWithTotal(body)
            if page.points.isEmpty && page.problems.contains(where: { $0.line == 0 }) {
                throw .malformed(page.problems.first { $0.line == 0 }!.detail)
            }
            merged.points += page.points
            merged.problems += page.problems
            merged.duplicateRows += page.duplicateRows
            offset += ODREQuery.pageSize
            let records = page.points.count + page.problems.count + page.duplicateRows
            guard let total, offset < total, records > 0, offset < 10_000 else { return merged }
        }
    }

    private func getWithRetries(_ url: String, into result: inout ODREFetchResult) throws(ODREFetchError) -> [UInt8] {
        var wait = initialBackoff
        var attempt = 1
        while true {
            result.requests += 1
            let retryable: ODREFetchError
            var retryAfter: Duration?
            do {
                let response = try http.get(url: url, timeout: timeout)
                switch response.status {
                case 200..<300: return response.body
                case 429, 500..<600:
                    retryable = .http(status: response.status)
                    retryAfter = response.retryAfter
                default: throw ODREFetchError.http(status: response.status)
                }
            } catch let error as HTTPFailure {
                retryable = error.kind == .timeout ? .timeout(error.message) : .transport(error.message)
            } catch let error as ODREFetchError {
                throw error
            } catch {
                throw .transport("\(error)")
            }
            guard attempt < maxAttempts else { throw retryable }
            let pause = min(max(retryAfter ?? wait, .zero), maxBackoff)
            result.retries += 1
            sleep(pause)
            wait = min(wait * 2, maxBackoff)
            attempt += 1
        }
    }

    public static func blockingSleep(_ duration: Duration) {
        Thread.sleep(forTimeInterval: Double(max(0, duration.nanoseconds)) / 1e9)
    }
}
