/// One request's work laid out on the sampler's time line: when each phase
/// runs and how much work it carries, in the units the weights use.
///
/// Prompt tokens are spread evenly over the prefill phase [start, first
/// token] and completion tokens over the decode phase [first token, end].
/// Without a first-token time both are spread over the whole request. A
/// phase of zero length puts its work at one instant, counted in the
/// interval (a, b] that holds it, so consecutive intervals never share it.
struct RequestWork {
    var start: Int64
    var firstToken: Int64?
    var end: Int64
    var prefillWork: Double
    var decodeWork: Double
    /// Token counts are known: token weighting is possible.
    var hasTokens: Bool
    /// Which models' domains may serve it, by index into the policy's list.
    var model: String
    /// The backend it was sent to, as an `Upstream.key`; nil when not logged.
    var upstream: String?

    init(_ request: RequestRecord, offset: Duration, policy: AttributionPolicy) {
        let shift = offset.nanoseconds
        let start = request.start.nanosecondsSinceEpoch + shift
        let end = max(request.end.nanosecondsSinceEpoch + shift, start)
        self.start = start
        self.end = end
        firstToken = request.firstToken.map { min(max($0.nanosecondsSinceEpoch + shift, start), end) }
        model = request.model
        upstream = Upstream.key(request.upstream)
        let prompt = Double(max(request.promptTokens ?? 0, 0))
        let completion = Double(max(request.completionTokens ?? 0, 0))
        hasTokens = request.promptTokens != nil && request.completionTokens != nil
        if let coefficients = policy.coefficients[request.model] {
            prefillWork = prompt * coefficients.prefillJoulesPerToken
            decodeWork = completion * coefficients.decodeJoulesPerToken
        } else {
            prefillWork = prompt * policy.promptTokenWeight
            decodeWork = completion
        }
    }

    /// Token work that falls in the interval (a, b].
    func tokenWeight(from a: Int64, to b: Int64) -> Double {
        let parts = tokenParts(from: a, to: b)
        return parts.prefill + parts.decode
    }

    /// The prefill and decode work in (a, b], and how long the request was
    /// decoding there (ns). Without a first token the whole request counts
    /// as decoding, the phase that dominates its time.
    func tokenParts(from a: Int64, to b: Int64) -> (prefill: Double, decode: Double, decodeNanoseconds: Int64) {
        guard let firstToken else {
            let total = prefillWork + decodeWork
            let share = total > 0 ? prefillWork / total : 0
            let work = spread(total, over: start, end, within: a, b)
            return (work * share, work * (1 - share), overlap(start, end, a, b))
        }
        return (
            spread(prefillWork, over: start, firstToken, within: a, b),
            spread(decodeWork, over: firstToken, end, within: a, b), overlap(firstToken, end, a, b)
        )
    }

    private func overlap(_ s: Int64, _ e: Int64, _ a: Int64, _ b: Int64) -> Int64 { max(0, min(b, e) - max(a, s)) }

    /// Nanoseconds of the request inside the interval (a, b].
    func timeWeight(from a: Int64, to b: Int64) -> Double {
        Double(max(0, min(b, end) - max(a, start)))
    }

    /// The share of `work`, spread evenly over [s, e], that lies in (a, b].
    private func spread(_ work: Double, over s: Int64, _ e: Int64, within a: Int64, _ b: Int64) -> Double {
        guard work > 0 else { return 0 }
        if e <= s { return (a < s && s <= b) ? work : 0 }
        let overlap = max(0, min(b, e) - max(a, s))
        return work * Double(overlap) / Double(e - s)
    }
}
