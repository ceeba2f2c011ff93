import FrugalCore

/// One simulated request: what really happened on the host, and what the
/// gateway logged about it.
public struct SimulatedRequest: Sendable {
    /// 32 lowercase hex digits; the nginx `request_id`. LiteLLM and the
    /// generic JSONL use `chatcmpl-<key>` (`id`).
    public var key: String { ArrivalGenerator.hexKey(keyBits.high, keyBits.low) }
    /// The key's 128 random bits (text is made when written: a month holds millions).
    var keyBits: (high: UInt64, low: UInt64)
    /// Position in the logs (0-based, by logged end); Albert's row id is `index + 1`.
    public var index: Int
    public var tenant: String
    public var tenantIndex: Int
    public var model: String
    public var modelIndex: Int
    public var promptTokens: Int
    /// 0 for a failed request.
    public var completionTokens: Int
    /// 200, or 500 for a request that failed after its prefill.
    public var status: Int
    public var streaming: Bool
    /// The GPUs that served it (indices into the scenario's GPUs).
    public var gpus: [Int]

    /// True instants (sampler clock).
    public var arrival: Timestamp
    /// The engine starts the prefill (after gateway overhead and queueing).
    public var prefillStart: Timestamp
    /// Prefill done, first token out; decode starts.
    public var prefillEnd: Timestamp
    /// Last token out; the GPU is done with it.
    public var decodeEnd: Timestamp
    /// The gateway has sent the response.
    public var end: Timestamp

    /// Logged instants (gateway clock, jittered, microsecond resolution).
    public var loggedStart: Timestamp
    /// nil when the gateway cannot know it (not streamed, failed) or the log lacks it.
    public var loggedFirstToken: Timestamp?
    public var loggedEnd: Timestamp

    /// The id every format but Albert's carries.
    public var id: String { "chatcmpl-" + key }
    public var albertID: Int { index + 1 }
}
