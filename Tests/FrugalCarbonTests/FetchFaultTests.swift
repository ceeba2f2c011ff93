import FrugalCarbon
import FrugalCore
import Synchronization
import Testing

/// The ODRÉ client against a real HTTP server on loopback replaying recorded
/// records: every fault the feed has shown, and a day across DST.
@Suite(.serialized) struct FetchFaultTests {
    /// 2025-08-22, the recorded day (UTC).
    let day = (from: Timestamp(secondsSinceEpoch: 1_755_820_800), to: Timestamp(secondsSinceEpoch: 1_755_907_200))
    let sleeps = SleepLog()

    func client(_ server: ReplayServer, _ scenario: String, timeout: Duration = .seconds(5)) -> ODREClient {
        ODREClient(
            baseURL: server.baseURL(scenario), timeout: timeout, maxAttempts: 3, initialBackoff: .milliseconds(10),
            sleep: { [sleeps] pause in sleeps.pauses.withLock { $0.append(pause) } })
    }

    @Test func aRecordedDayComesBackWhole() throws {
        guard let server = try ReplayServer() else { return }
        let result = client(server, "ok").fetch(.realTime, from: day.from, to: day.to)
        #expect(result.points.count == 96 && result.missingQuarters.isEmpty && result.failures.isEmpty)
        #expect(result.requests == 1 && result.retries == 0)
        #expect(result.points.first?.gramsPerKilowattHour == 14)
    }

    @Test func status429IsRetriedHonouringRetryAfter() throws {
        guard let server = try ReplayServer() else { return }
        let result = client(server, "status429").fetch(.realTime, from: day.from, to: day.to)
        #expect(result.points.count == 96 && result.failures.isEmpty)
        #expect(result.requests == 3 && result.retries == 2)
        #expect(sleeps.pauses.withLock { $0 } == [.zero, .zero])
    }

    @Test func status500IsRetriedWithBackoffThenGivenUp() throws {
        guard let server = try ReplayServer() else { return }
        let once = client(server, "status500").fetch(.realTime, from: day.from, to: day.to)
        #expect(once.points.count == 96 && once.retries == 1)
        let always = client(server, "always500").fetch(.realTime, from: day.from, to: day.to)
        #expect(always.points.isEmpty && always.requests == 3)
        #expect(always.failures.map(\.reason) == [.http(status: 500)])
        #expect(always.missingQuarters.count == 96)
        #expect(sleeps.pauses.withLock { $0 } == [.milliseconds(10), .milliseconds(10), .milliseconds(20)])
    }

    @Test func aSlowAnswerTimesOut() throws {
        guard let server = try ReplayServer() else { return }
        let result = client(server, "timeout", timeout: .milliseconds(500)).fetch(.realTime, from: day.from, to: day.to)
        #expect(result.points.isEmpty && result.requests == 3)
        guard case .timeout = result.failures.first?.reason else {
            Issue.record("expected a timeout, got \(result.failures)")
            return
        }
    }

    @Test func malformedEmptyAndMissingAnswers() throws {
        guard let server = try ReplayServer() else { return }
        let malformed = client(server, "malformed").fetch(.realTime, from: day.from, to: day.to)
        #expect(malformed.points.isEmpty && malformed.requests == 1)
        #expect(malformed.failures.first.map { if case .malformed = $0.reason { true } else { false } } == true)
        let empty = client(server, "empty").fetch(.realTime, from: day.from, to: day.to)
        #expect(empty.points.isEmpty && empty.failures.isEmpty && empty.missingQuarters.count == 96)
        let notFound = client(server, "notfound").fetch(.realTime, from: day.from, to: day.to)
        #expect(notFound.failures.map(\.reason) == [.http(status: 404)] && notFound.retries == 0)
    }

    @Test func gapsAndDuplicatesAreCounted() throws {
        guard let server = try ReplayServer() else { return }
        let gaps = client(server, "gaps").fetch(.realTime, from: day.from, to: day.to)
        #expect(gaps.points.count == 93 && gaps.missingQuarters.count == 3)
        let duplicates = client(server, "duplicates").fetch(.realTime, from: day.from, to: day.to)
        #expect(duplicates.points.count == 96 && duplicates.duplicateRows == 5)
    }

    @Test func theTwentyFiveHourDayAcrossDST() throws {
        guard let server = try ReplayServer() else { return }
        let start = Timestamp(secondsSinceEpoch: 1_761_429_600)  // Paris midnight, 26 October 2025
        let result = client(server, "ok").fetch(.realTime, from: start, to: start + .seconds(25 * 3_600))
        #expect(result.points.count == 100 && result.missingQuarters.isEmpty)
        #expect(result.requests == 2)  // a 24-hour query, then the 25th hour
    }

    @Test func nothingListensIsATransportFailure() {
        let client = ODREClient(baseURL: "http://127.0.0.1:9/x", timeout: .seconds(2), maxAttempts: 1, sleep: { _ in })
        let result = client.fetch(.realTime, from: day.from, to: day.from + .seconds(900))
        #expect(result.failures.count == 1)
        guard case .transport = result.failures.first?.reason else {
            Issue.record("expected a transport failure, got \(result.failures)")
            return
        }
    }
}

/// The pauses a client asked for, instead of sleeping.
final class SleepLog: Sendable {
    let pauses = Mutex<[Duration]>([])
}
