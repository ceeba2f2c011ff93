#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Token weights of the requests running in one interval, with decode work
/// scaled by the batch: `w_r = prefill_r + decode_r · b^−γ`, where b is the
/// mean number of requests decoding together in the interval (at least 1).
enum TokenWeights {
    static func fill(
        _ weights: inout [Double], active: [Int], work: [RequestWork], from a: Int64, to b: Int64, exponent: Double,
        replicas: Int = 1
    ) {
        var scratch: [Double] = []
        fill(
            &weights, active: active, work: work, from: a, to: b, exponent: exponent, replicas: replicas,
            scratch: &scratch)
    }

    /// As above, with a caller's buffer for the decode parts (no allocation in a loop).
    static func fill(
        _ weights: inout [Double], active: [Int], work: [RequestWork], from a: Int64, to b: Int64, exponent: Double,
        replicas: Int, scratch decode: inout [Double]
    ) {
        guard exponent != 0 else {
            for index in active { weights.append(work[index].tokenWeight(from: a, to: b)) }
            return
        }
        var decoding: Int64 = 0
        let first = weights.count
        decode.removeAll(keepingCapacity: true)
        for index in active {
            let part = work[index].tokenParts(from: a, to: b)
            decoding += part.decodeNanoseconds
            weights.append(part.prefill)
            decode.append(part.decode)
        }
        let factor = scale(decodingNanoseconds: decoding / Int64(max(replicas, 1)), interval: b - a, exponent: exponent)
        for slot in decode.indices { weights[first + slot] += decode[slot] * factor }
    }

    /// b^−γ for the mean decode concurrency b of an interval.
    static func scale(decodingNanoseconds: Int64, interval: Int64, exponent: Double) -> Double {
        guard interval > 0 else { return 1 }
        let batch = max(1, Double(decodingNanoseconds) / Double(interval))
        return pow(batch, -exponent)
    }
}
