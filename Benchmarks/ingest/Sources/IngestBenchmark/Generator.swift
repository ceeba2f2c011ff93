/// A seeded generator of LiteLLM StandardLoggingPayload lines shaped like
/// the proxy's (keys and nesting of BerriAI/litellm's fixture), about
/// 1.5 KB each, with varied ids, times, models, tenants, texts and counts.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

struct PayloadGenerator {
    var rng: SplitMix64
    var clockMicroseconds: Int64 = 1_749_204_000_000_000

    static let models = [
        ("meta-llama/Llama-3.1-8B-Instruct", "albert-small"),
        ("mistralai/Mistral-Small-3.1-24B-Instruct-2503", "albert-large"),
        ("BAAI/bge-m3", "embeddings-small"), ("Qwen/Qwen2.5-Coder-32B-Instruct", "albert-code"),
    ]
    static let words = [
        "délibération", "conseil", "municipal", "budget", "voirie", "école", "cantine", "marché", "public", "arrêté",
        "permis", "urbanisme", "the", "a", "résumé", "please", "write", "summary", "of", "this", "document", "énergie",
        "éclairage", "subvention", "association", "\\\"quoted\\\"", "line\\nbreak", "tab\\t", "données", "ouvertes",
    ]

    init(seed: UInt64) { rng = SplitMix64(state: seed) }

    mutating func hex(_ count: Int) -> String {
        let digits = Array("0123456789abcdef")
        return String((0..<count).map { _ in digits[Int(rng.next() & 15)] })
    }

    mutating func text(words count: Int) -> String {
        (0..<count).map { _ in Self.words[Int(rng.next() % UInt64(Self.words.count))] }.joined(separator: " ")
    }

    static func civil(_ microseconds: Int64) -> String {
        let seconds = microseconds / 1_000_000
        let days = seconds / 86_400
        let (y, m, d) = civilFromDays(days)
        let s = seconds % 86_400
        func two(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let micros = String(microseconds % 1_000_000)
        let fraction = String(repeating: "0", count: 6 - micros.count) + micros
        return "\(y)-\(two(m))-\(two(d)) \(two(s / 3600)):\(two(s / 60 % 60)):\(two(s % 60)).\(fraction)"
    }

    static func civilFromDays(_ z0: Int64) -> (Int64, Int64, Int64) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    mutating func line() -> String {
        clockMicroseconds += Int64(rng.next() % 20_000)
        let start = clockMicroseconds
        let firstToken = start + 50_000 + Int64(rng.next() % 400_000)
        let end = firstToken + Int64(rng.next() % 8_000_000)
        let (model, group) = Self.models[Int(rng.next() % UInt64(Self.models.count))]
        let prompt = 5 + Int(rng.next() % 3_000)
        let completion = Int(rng.next() % 1_200)
        let stream = rng.next() & 1 == 0
        let failed = rng.next() % 50 == 0
        let id = "chatcmpl-\(hex(8))-\(hex(4))-\(hex(4))-\(hex(4))-\(hex(12))"
        let question = text(words: 2 + Int(rng.next() % 16))
        let answer = text(words: 1 + Int(rng.next() % 10))
        let cost = Double(prompt) * 2.5e-06 + Double(completion) * 1e-05
        return """
            {"id":"\(id)","trace_id":null,"call_type":"acompletion","cache_hit":null,"stream":\(stream),\
            "status":"\(failed ? "failure" : "success")","custom_llm_provider":"hosted_vllm","saved_cache_cost":0.0,\
            "startTime":"\(Self.civil(start))","endTime":"\(Self.civil(end))",\
            "completionStartTime":"\(Self.civil(firstToken))","response_time":\(Double(end - start) / 1e6),\
            "model":"\(model)","metadata":{"user_api_key_hash":"\(hex(64))",\
            "user_api_key_team_id":"team-\(rng.next() % 40)",\
            "user_api_key_user_id":"user-\(rng.next() % 900)",\
            "requester_ip_address":"10.0.\(rng.next() % 256).\(rng.next() % 256)",\
            "user_api_key_end_user_id":null,"applied_guardrails":[]},\
            "cache_key":null,"response_cost":\(cost),"total_tokens":\(prompt + completion),\
            "prompt_tokens":\(prompt),"completion_tokens":\(completion),"request_tags":[],"end_user":"",\
            "api_base":"http://gpu-01:8000/v1","model_group":"\(group)","model_id":"\(hex(16))",\
            "requester_ip_address":null,"messages":[{"role":"user","content":"\(question)"}],\
            "response":{"id":"\(id)","created":\(start / 1_000_000),"model":"\(model)","object":"chat.completion",\
            "choices":[{"finish_reason":"stop","index":0,"message":{"content":"\(answer)","role":"assistant",\
            "tool_calls":null}}],"usage":{"completion_tokens":\(completion),"prompt_tokens":\(prompt),\
            "total_tokens":\(prompt + completion)}},\
            "error_str":\(failed ? "\"RateLimitError: 429\"" : "null"),"error_information":{"error_code":"\(failed ? "429" : "")",\
            "error_class":""},\
            "guardrail_information":null}
            """
    }
}
