import Foundation
import FrugalCore
import FrugalSimulation
import Testing

@Suite("Logs: every format carries the same requests")
struct LogFormatTests {
    static let result = try! Simulation.run(TestScenarios.mixed(seed: 5, minutes: 4))

    private func objects(_ format: FrugalSimulation.LogFormat) throws -> [[String: Any]] {
        let text = TestScenarios.text { Self.result.writeLog(format: format, to: &$0) }
        return try text.split(separator: "\n").map { line in
            try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
    }

    @Test(arguments: FrugalSimulation.LogFormat.allCases)
    func everyLineIsOneJSONObjectPerRequest(format: FrugalSimulation.LogFormat) throws {
        let lines = try objects(format)
        #expect(lines.count == Self.result.requests.count)
        #expect(lines.count > 50)
    }

    @Test func allFormatsHoldTheSameRequestSetInTheSameOrder() throws {
        let requests = Self.result.requests
        let litellm = try objects(.litellm).map { $0["id"] as? String }
        let jsonl = try objects(.jsonl).map { $0["id"] as? String }
        let nginx = try objects(.nginx).map { $0["request_id"] as? String }
        let albert = try objects(.albert).map { $0["id"] as? Int }
        #expect(litellm == requests.map(\.id))
        #expect(jsonl == requests.map(\.id))
        #expect(nginx == requests.map(\.key))
        #expect(albert == requests.map(\.albertID))
        #expect(Set(requests.map(\.key)).count == requests.count)
    }

    @Test func genericLinesMatchTheirExpectedRecords() throws {
        for (object, request) in zip(try objects(.jsonl), Self.result.requests) {
            let record = Self.result.expectedRecord(request, format: .jsonl)
            #expect(object["start"] as? String == rfc3339(record.start))
            #expect(object["end"] as? String == rfc3339(record.end))
            #expect((object["first_token"] as? String) == record.firstToken.map(rfc3339))
            #expect(object["prompt_tokens"] as? Int == record.promptTokens)
            #expect(object["status"] as? Int == record.status)
            #expect(object["stream"] as? Bool == record.streaming)
        }
    }

    @Test func litellmTimesAreEpochSecondsAndCompletionStartIsEndWhenUnknown() throws {
        for (object, request) in zip(try objects(.litellm), Self.result.requests) {
            let record = Self.result.expectedRecord(request, format: .litellm)
            let start = try #require(object["startTime"] as? Double)
            let end = try #require(object["endTime"] as? Double)
            let first = try #require(object["completionStartTime"] as? Double)
            #expect(abs(start - record.start.secondsSinceEpoch) < 1e-5)
            #expect(abs(end - record.end.secondsSinceEpoch) < 1e-5)
            if let known = record.firstToken {
                #expect(abs(first - known.secondsSinceEpoch) < 1e-5)
            } else {
                #expect(first == end)
            }
            let metadata = try #require(object["metadata"] as? [String: Any])
            #expect(metadata["user_api_key_alias"] as? String == record.tenant)
            #expect(metadata["user_api_key_team_alias"] as? String == record.tenant)
            #expect((metadata["user_api_key_hash"] as? String)?.count == 64)
            #expect((metadata["user_api_key_team_id"] as? String)?.count == 36)
            #expect((object["status"] as? String == "success") == (record.status == 200))
        }
    }

    @Test func nginxStampsAreMillisecondsAndStartIsTimeMinusRequestTime() throws {
        for (object, request) in zip(try objects(.nginx), Self.result.requests) {
            let record = Self.result.expectedRecord(request, format: .nginx)
            let time = try #require(object["time"] as? Double)
            let duration = try #require(object["request_time"] as? Double)
            #expect(abs(time - record.end.secondsSinceEpoch) < 1e-6)
            #expect(abs((time - duration) - record.start.secondsSinceEpoch) < 1e-6)
            #expect(record.end.nanosecondsSinceEpoch % 1_000_000 == 0)
            #expect((object["ttft"] is NSNull) == (record.firstToken == nil))
            // Within a millisecond or two of what really was logged.
            #expect(abs((record.start - request.loggedStart).nanoseconds) <= 2_000_000)
        }
    }

    @Test func albertRowsStartAtDatetimeWithWholeMillisecondDurations() throws {
        for (object, request) in zip(try objects(.albert), Self.result.requests) {
            let record = Self.result.expectedRecord(request, format: .albert)
            let datetime = try #require(object["datetime"] as? String)
            #expect(datetime + "Z" == rfc3339(record.start))
            let duration = try #require(object["duration"] as? Int)
            #expect(record.end == record.start + .milliseconds(duration))
            #expect(object["user_id"] as? Int == Int(record.tenant))
            if record.status == 200 {
                let kwh = try #require(object["kwh_min"] as? Double)
                let expected = try #require(record.gatewayEstimate?.energyMinKilowattHours)
                // Foundation's JSON reader is not always correctly rounded.
                #expect(kwh > 0 && abs(kwh / expected - 1) < 1e-12)
            } else {
                #expect(object["prompt_tokens"] is NSNull)
            }
        }
    }

    @Test func firstTokensAreLoggedOnlyForSuccessfulStreams() {
        let requests = Self.result.requests
        #expect(requests.allSatisfy { $0.loggedFirstToken == nil || ($0.streaming && $0.status == 200) })
        let lost = requests.filter { $0.streaming && $0.status == 200 && $0.loggedFirstToken == nil }
        #expect(!lost.isEmpty, "20 % of first tokens are lost in this scenario")
        for request in requests {
            #expect(request.loggedStart <= request.loggedEnd)
            if let first = request.loggedFirstToken {
                #expect(request.loggedStart <= first && first <= request.loggedEnd)
            }
            // Jitter is a few milliseconds.
            #expect(abs((request.loggedStart - request.arrival).nanoseconds) < 20_000_000)
        }
    }

    private func rfc3339(_ t: Timestamp) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        // ISO8601DateFormatter keeps milliseconds only: rebuild the microseconds.
        let seconds = t.nanosecondsSinceEpoch / 1_000_000_000
        let micros = t.nanosecondsSinceEpoch / 1_000 % 1_000_000
        let base = formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
        return String(base.prefix(19)) + "." + String(format: "%06d", micros) + "Z"
    }
}

@Suite("The gateway's own estimate")
struct GatewayEstimateTests {
    @Test func albertCarriesTheEcoLogitsFormulaForItsModelAndOutput() throws {
        let result = try Simulation.run(TestScenarios.mixed(seed: 5, minutes: 2))
        let request = try #require(result.requests.first { $0.status == 200 && $0.model.contains("Llama-3.1-8B") })
        let record = result.expectedRecord(request, format: .albert)
        let estimate = try #require(record.gatewayEstimate)
        // EcoLogits 0.11.3 for 8 B parameters: one GPU, batch 64, PUE 1.2.
        let perToken = 1.1665273170451914e-06 * exp(-0.011205921025579175 * 64) * 8 + 4.052928146734005e-05
        let latency = Double((request.loggedEnd - request.loggedStart).nanoseconds) / 1e9
        let server = latency * 1_200 / 8 / 64 / 3_600
        let kwh = 1.2 * (server + Double(request.completionTokens) * perToken) / 1_000
        #expect(abs(try #require(estimate.energyMaxKilowattHours) / kwh - 1) < 1e-9)
        #expect(abs(try #require(estimate.co2eMinKilograms) / (kwh * 0.04144) - 1) < 1e-9)
        #expect(estimate.method == "albert/ecologits")
    }

    @Test func aClockOffsetShiftsEveryLoggedStamp() throws {
        var skewed = TestScenarios.mixed(seed: 5, minutes: 2)
        skewed.logs.clockOffsetMilliseconds = 400
        skewed.logs.jitterMilliseconds = 0
        let result = try Simulation.run(skewed)
        for request in result.requests {
            let shift = (request.loggedStart - request.arrival).nanoseconds
            #expect(shift > 399_000_000 && shift <= 400_000_000)
        }
    }
}
