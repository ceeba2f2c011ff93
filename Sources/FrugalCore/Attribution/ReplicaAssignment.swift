#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Which replica of a pool served each request, read from the replicas' own
/// energy: a gateway log does not say, but each GPU's power rises when a
/// request starts on it and falls when it ends.
///
/// Each request's work is laid on the sampling grid (prefill work, decode
/// work and decode time per interval, as the weights use them). A replica's
/// predicted dynamic energy in interval k is `Σ_j (u_j·P_jk + v_j·W_jk·b_k^−γ)`,
/// with P_jk and W_jk the prefill and decode work of model j's requests placed
/// on it, b its mean decode concurrency, and u_j, v_j per-model scales
/// refitted (non-negative least squares) after each pass, so that the
/// replicas' own signal corrects coefficients fitted on the pooled one.
/// Requests are placed one by one in start order on the replica whose
/// measured energy they explain best (least squares over the intervals they
/// span), the requests still to place counting as spread evenly; then each is
/// moved where the squared error is lowest, for a few passes. Deterministic:
/// ties go to the lower replica index.
///
/// Splitting each replica's energy among the requests placed on it, instead
/// of the pool's energy among all of them, removes the error that load
/// imbalance between replicas causes (a lone request on one GPU draws far
/// more than each of four batched on another).
struct ReplicaAssignment {
    /// Per work index: the member it was placed on, or −1 (not in the pool).
    private(set) var member: [Int32]
    /// Squared error of the members' predicted energy with the requests
    /// spread evenly, and as placed: how much the placement explains.
    private(set) var spreadError = 0.0
    private(set) var placedError = 0.0

    private let starts: [Int64]
    private let ends: [Int64]
    private let measured: [[Double]]
    private let exponent: Double
    private let models: Int
    // Per request in the pool: its model, first interval and footprint.
    private var requests: [Int] = []
    private var modelOf: [Int] = []
    private var firstInterval: [Int] = []
    private var footprintOffset: [Int] = [0]
    private var prefill: [Double] = []
    private var decode: [Double] = []
    private var decodeNanoseconds: [Double] = []
    // Per model, member and interval: the placed work; per member and
    // interval: the placed decode time.
    private var prefillSum: [[[Double]]]
    private var decodeSum: [[[Double]]]
    private var decodingSum: [[Double]]
    private var prefillScale: [Double]
    private var decodeScale: [Double]

    /// - Parameters:
    ///   - dynamic: per member, per interval, the dynamic energy (µJ); every
    ///     member on the same grid `starts`/`ends`.
    ///   - pool: the work indices the pool serves, in start order.
    /// - Returns: nil when a request lacks token counts.
    init?(
        starts: [Int64], ends: [Int64], dynamic: [[Double]], work: [RequestWork], pool: [Int], exponent: Double,
        passes: Int = 8
    ) {
        guard dynamic.count > 1, dynamic.allSatisfy({ $0.count == ends.count }), pool.allSatisfy({ work[$0].hasTokens })
        else { return nil }
        self.starts = starts
        self.ends = ends
        self.measured = dynamic
        self.exponent = exponent
        let names = Array(Set(pool.map { work[$0].model })).sorted()
        let index = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        models = names.count
        member = [Int32](repeating: -1, count: work.count)
        let grid = [[Double]](repeating: [Double](repeating: 0, count: ends.count), count: dynamic.count)
        prefillSum = Array(repeating: grid, count: models)
        decodeSum = prefillSum
        decodingSum = grid
        prefillScale = Array(repeating: 1, count: models)
        decodeScale = prefillScale
        layOut(work: work, pool: pool, modelIndex: index)
        placeAll(passes: passes, work: work)
    }

    private mutating func placeAll(passes: Int, work: [RequestWork]) {
        // Unplaced requests count as spread evenly over the members, so each
        // placement is judged against the others' expected energy, not
        // against a residual that holds every request still to come.
        let share = 1 / Double(measured.count)
        for slot in requests.indices {
            for m in measured.indices { update(slot, m, weight: share) }
        }
        refit()
        spreadError = squaredError()
        for slot in requests.indices {
            for m in measured.indices { update(slot, m, weight: -share) }
            place(slot, on: best(for: slot))
        }
        for _ in 0..<passes {
            refit()
            var moved = 0
            for slot in requests.indices {
                let current = Int(member[requests[slot]])
                remove(slot, from: current)
                let target = best(for: slot)
                place(slot, on: target)
                if target != current { moved += 1 }
            }
            if moved == 0 { break }
        }
        placedError = squaredError()
    }

    private func squaredError() -> Double {
        var total = 0.0
        for m in measured.indices {
            for k in ends.indices {
                let residual = measured[m][k] - predicted(m, k, 0, 0, 0, 0)
                total += residual * residual
            }
        }
        return total
    }

    /// Lays each request's work on the grid: the intervals (a, b] it overlaps.
    private mutating func layOut(work: [RequestWork], pool: [Int], modelIndex: [String: Int]) {
        for index in pool {
            let request = work[index]
            // The interval (a, b] holding the start first: a request of zero
            // length still belongs to it.
            let first = firstEnd(after: request.start - 1)
            var k = first
            requests.append(index)
            modelOf.append(modelIndex[request.model]!)
            firstInterval.append(k)
            while k < ends.count && (starts[k] < request.end || k == first) {
                let parts = request.tokenParts(from: starts[k], to: ends[k])
                prefill.append(parts.prefill)
                decode.append(parts.decode)
                decodeNanoseconds.append(Double(parts.decodeNanoseconds))
                k += 1
            }
            footprintOffset.append(prefill.count)
        }
    }

    private func firstEnd(after t: Int64) -> Int {
        var low = 0
        var high = ends.count
        while low < high {
            let middle = (low + high) / 2
            if ends[middle] <= t { low = middle + 1 } else { high = middle }
        }
        return low
    }

    private func factor(_ decoding: Double, _ k: Int) -> Double {
        let batch = decoding / Double(max(ends[k] - starts[k], 1))
        return batch > 1 ? pow(batch, -exponent) : 1
    }

    /// Member m's predicted energy in interval k, with one more request of
    /// model j doing (p, w, t) there.
    private func predicted(_ m: Int, _ k: Int, _ j: Int, _ p: Double, _ w: Double, _ t: Double) -> Double {
        var prefillTotal = prefillScale[j] * p
        var decodeTotal = decodeScale[j] * w
        for model in 0..<models {
            prefillTotal += prefillScale[model] * prefillSum[model][m][k]
            decodeTotal += decodeScale[model] * decodeSum[model][m][k]
        }
        return prefillTotal + decodeTotal * factor(decodingSum[m][k] + t, k)
    }

    /// The member where adding the request lowers the squared error most.
    private func best(for slot: Int) -> Int {
        var bestMember = 0
        var bestChange = Double.infinity
        let j = modelOf[slot]
        for m in measured.indices {
            var change = 0.0
            var k = firstInterval[slot]
            for f in footprintOffset[slot]..<footprintOffset[slot + 1] {
                let before = measured[m][k] - predicted(m, k, j, 0, 0, 0)
                let after = measured[m][k] - predicted(m, k, j, prefill[f], decode[f], decodeNanoseconds[f])
                change += after * after - before * before
                k += 1
            }
            if change < bestChange {
                bestChange = change
                bestMember = m
            }
        }
        return bestMember
    }

    private mutating func place(_ slot: Int, on m: Int) {
        update(slot, m, weight: 1)
        member[requests[slot]] = Int32(m)
    }

    private mutating func remove(_ slot: Int, from m: Int) {
        update(slot, m, weight: -1)
        member[requests[slot]] = -1
    }

    private mutating func update(_ slot: Int, _ m: Int, weight: Double) {
        let j = modelOf[slot]
        var k = firstInterval[slot]
        for f in footprintOffset[slot]..<footprintOffset[slot + 1] {
            prefillSum[j][m][k] += weight * prefill[f]
            decodeSum[j][m][k] += weight * decode[f]
            decodingSum[m][k] += weight * decodeNanoseconds[f]
            k += 1
        }
    }

    /// Refits the per-model scales to the members' energy as placed now.
    private mutating func refit() {
        var solver = NonNegativeLeastSquares(unknowns: 2 * models)
        var x = [Double](repeating: 0, count: 2 * models)
        for m in measured.indices {
            for k in ends.indices {
                let f = factor(decodingSum[m][k], k)
                for j in 0..<models {
                    x[2 * j] = prefillSum[j][m][k]
                    x[2 * j + 1] = decodeSum[j][m][k] * f
                }
                solver.add(x, y: measured[m][k])
            }
        }
        let solution = solver.solve().coefficients
        for j in 0..<models {
            // A scale the data cannot tell keeps its value.
            if solution[2 * j] > 0 { prefillScale[j] = solution[2 * j] }
            if solution[2 * j + 1] > 0 { decodeScale[j] = solution[2 * j + 1] }
        }
    }
}
