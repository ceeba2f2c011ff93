import FrugalCore
import FrugalIngest
import Testing

@Suite struct LiteLLMTests {
    let context = Fixtures.context()

    @Test func standardLoggingPayloadSample() throws {
        let line = try #require(try Fixtures.lines("litellm-standard-logging-payload.jsonl").first)
        let record = try LiteLLMParser().parse(line, context: context).get()
        #expect(
            record
                == RequestRecord(
                    id: "chatcmpl-2299b6a2-82a3-465a-b47c-04e685a2227f", host: "gpu-01", tenant: "unknown",
                    model: "gpt-4o", start: Fixtures.utc("2025-01-24T09:20:46.847371"),
                    // completionStartTime equals endTime: no first chunk was seen.
                    firstToken: nil, end: Fixtures.utc("2025-01-24T09:20:46.851954"),
                    promptTokens: 10, completionTokens: 20, status: 200, streaming: true, format: "litellm",
                    // api_base is empty at the top level; the hidden params name the deployment.
                    upstream: "https://api.openai.com"))
    }

    @Test func theBackendIsTheDeploymentsAPIBase() throws {
        let line = try #require(try Fixtures.lines("litellm-standard-logging-payload.jsonl").first)
        let text = line.replacingOccurrences(of: #""api_base":"""#, with: #""api_base":"http://10.0.0.5:8000/v1""#)
        #expect(try LiteLLMParser().parse(text, context: context).get().upstream == "http://10.0.0.5:8000/v1")
        let spend = try #require(try Fixtures.lines("litellm-spend-logs.jsonl").first)
        #expect(try LiteLLMParser().parse(spend, context: context).get().upstream == nil, "an empty api_base is none")
    }

    @Test func spendLogsSampleWithMetadataAsAString() throws {
        let line = try #require(try Fixtures.lines("litellm-spend-logs.jsonl").first)
        let record = try LiteLLMParser().parse(line, context: context).get()
        #expect(record.id == "chatcmpl-2283081b-dc89-41f6-93e6-d4f914774027")
        #expect(record.start == Fixtures.utc("2025-01-24T09:20:46.847371"))
        #expect(record.promptTokens == 10 && record.completionTokens == 20)
        #expect(record.streaming == nil && record.status == 200 && record.tenant == "unknown")
    }

    /// The sample with one identity field replaced.
    func spendLogs(replacing old: String, with new: String) throws -> String {
        let line = try #require(try Fixtures.lines("litellm-spend-logs.jsonl").first)
        #expect(line.contains(old))
        return line.replacingOccurrences(of: old, with: new)
    }

    @Test func tenantIsTheHashedKeyThenTeamThenUserThenEndUser() throws {
        let parser = LiteLLMParser()
        let withAll = try spendLogs(replacing: #""api_key":"""#, with: #""api_key":"88dc28""#)
            .replacingOccurrences(of: #""team_id":"""#, with: #""team_id":"t1""#)
            .replacingOccurrences(of: #""user":"""#, with: #""user":"u1""#)
            .replacingOccurrences(of: #""end_user":"""#, with: #""end_user":"e1""#)
        #expect(try parser.parse(withAll, context: context).get().tenant == "key:88dc28")
        let noKey = withAll.replacingOccurrences(of: #""api_key":"88dc28""#, with: #""api_key":"""#)
        #expect(try parser.parse(noKey, context: context).get().tenant == "team:t1")
        var byUser = context
        byUser.tenantOrder = [.user, .apiKey]
        #expect(try parser.parse(withAll, context: byUser).get().tenant == "user:u1")
        var byEndUser = context
        byEndUser.tenantOrder = [.endUser]
        #expect(try parser.parse(withAll, context: byEndUser).get().tenant == "end_user:e1")
    }

    /// The StandardLoggingPayload sample with its metadata identities filled in.
    func payload(keyAlias: String = "null", teamAlias: String = "null") throws -> String {
        let line = try #require(try Fixtures.lines("litellm-standard-logging-payload.jsonl").first)
        for field in ["user_api_key_hash", "user_api_key_alias", "user_api_key_team_alias"] {
            #expect(line.contains(#""\#(field)":null"#))
        }
        return line.replacingOccurrences(of: #""user_api_key_hash":null"#, with: #""user_api_key_hash":"88dc28""#)
            .replacingOccurrences(of: #""user_api_key_alias":null"#, with: #""user_api_key_alias":\#(keyAlias)"#)
            .replacingOccurrences(
                of: #""user_api_key_team_alias":null"#, with: #""user_api_key_team_alias":\#(teamAlias)"#)
    }

    @Test func tenantIsTheKeysAliasThenTheTeamsAliasThenTheHash() throws {
        let parser = LiteLLMParser()
        let both = try payload(keyAlias: #""Mairie de Rennes""#, teamAlias: #""Rennes Métropole""#)
        #expect(try parser.parse(both, context: context).get().tenant == "Mairie de Rennes")
        let teamOnly = try payload(teamAlias: #""Rennes Métropole""#)
        #expect(try parser.parse(teamOnly, context: context).get().tenant == "Rennes Métropole")
        let emptyAlias = try payload(keyAlias: #""""#)
        #expect(try parser.parse(emptyAlias, context: context).get().tenant == "key:88dc28")
        var hashFirst = context
        hashFirst.tenantOrder = [.apiKey, .keyAlias]
        #expect(try parser.parse(both, context: hashFirst).get().tenant == "key:88dc28")
    }

    /// An alias of an unexpected type bills the next identity; the line still parses.
    @Test func aliasThatIsNotTextIsSkipped() throws {
        let parser = LiteLLMParser()
        for odd in ["42", "true", #"{"name":"x"}"#, #"["a"]"#] {
            let line = try payload(keyAlias: odd, teamAlias: odd)
            #expect(try parser.parse(line, context: context).get().tenant == "key:88dc28", "alias \(odd)")
        }
    }

    @Test func aliasesInsideTheSpendLogsMetadataString() throws {
        let parser = LiteLLMParser()
        let keyAlias = try spendLogs(
            replacing: #"\"user_api_key_alias\": null"#, with: #"\"user_api_key_alias\": \"commune-brest\""#)
        #expect(try parser.parse(keyAlias, context: context).get().tenant == "commune-brest")
        let teamAlias = try spendLogs(
            replacing: #"\"user_api_key_team_alias\": null"#, with: #"\"user_api_key_team_alias\": \"Brest\""#)
        #expect(try parser.parse(teamAlias, context: context).get().tenant == "Brest")
        let topLevel = #"{"request_id":"r","startTime":1.0e9,"endTime":1.5e9,"api_key":"ab","team_alias":"Quimper"}"#
        #expect(try parser.parse(topLevel, context: context).get().tenant == "Quimper")
    }

    @Test func keyHashInsideTheMetadataString() throws {
        let line = try spendLogs(replacing: #"\"user_api_key\": null"#, with: #"\"user_api_key\": \"ab12\""#)
        #expect(try LiteLLMParser().parse(line, context: context).get().tenant == "key:ab12")
    }

    @Test func modelIsTheDeploymentUnlessEmptyOrConfigured() throws {
        let line =
            #"{"id":"r","startTime":1.0e9,"endTime":1.5e9,"model":"hosted_vllm/llama","model_group":"albert-small"}"#
        #expect(try LiteLLMParser().parse(line, context: context).get().model == "hosted_vllm/llama")
        #expect(
            try LiteLLMParser(modelFields: [.modelGroup, .model]).parse(line, context: context).get().model
                == "albert-small")
        let noModel = #"{"id":"r","startTime":1.0e9,"endTime":1.5e9,"model":"","model_group":"albert-small"}"#
        #expect(try LiteLLMParser().parse(noModel, context: context).get().model == "albert-small")
    }

    @Test func epochSecondsAsTheTypedPayloadDeclaresThem() throws {
        let line = #"{"id":"r","startTime":1737710446.847371,"endTime":1737710446.851954,"model":"m"}"#
        let record = try LiteLLMParser().parse(line, context: context).get()
        #expect(abs(record.start.nanosecondsSinceEpoch - 1_737_710_446_847_371_000) < 1_000)
        #expect(record.tenant == "unknown" && record.promptTokens == nil)
    }

    @Test func failureCarriesTheLoggedErrorCode() throws {
        let failed =
            #"{"id":"r","startTime":1.0e9,"endTime":1.0e9,"status":"failure","error_information":{"error_code":"429"}}"#
        #expect(try LiteLLMParser().parse(failed, context: context).get().status == 429)
        let vague =
            #"{"id":"r","startTime":1.0e9,"endTime":1.0e9,"status":"failure","error_information":{"error_code":""}}"#
        #expect(try LiteLLMParser().parse(vague, context: context).get().status == 500)
        let odd = #"{"id":"r","startTime":1.0e9,"endTime":1.0e9,"status":"maybe"}"#
        #expect(LiteLLMParser().parse(odd, context: context).failure?.reason == .badValue)
    }

    @Test func tokensFallBackToTheResponseUsage() throws {
        let line =
            #"{"id":"r","startTime":1.0e9,"endTime":1.0e9,"response":{"usage":{"prompt_tokens":3,"completion_tokens":4}}}"#
        let record = try LiteLLMParser().parse(line, context: context).get()
        #expect(record.promptTokens == 3 && record.completionTokens == 4)
    }

    @Test func zoneLessTimesUseTheContextZone() throws {
        let line = #"{"id":"r","startTime":"2025-01-24 10:20:46.5","endTime":"2025-01-24 10:20:47"}"#
        let record = try LiteLLMParser().parse(line, context: Fixtures.context(.named("Europe/Paris"))).get()
        #expect(record.start == Fixtures.utc("2025-01-24T09:20:46.5"))
        #expect(record.duration == .milliseconds(500))
    }
}
