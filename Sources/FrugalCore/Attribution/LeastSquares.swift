/// Non-negative least squares on the normal equations, for the handful of
/// unknowns a coefficient fit has (two per model).
///
/// Accumulate rows with `add(_:y:)`, then `solve()`: minimises ‖Xβ − y‖²
/// subject to β ≥ 0 exactly, by Lawson and Hanson's active-set method on the
/// normal equations (columns scaled to unit diagonal first: token counts and
/// seconds differ by orders of magnitude), and reports each coefficient's
/// standard error from σ²·(XᵀX)⁻¹ over the coefficients left free.
public struct NonNegativeLeastSquares: Sendable {
    public let unknowns: Int
    private var gram: [Double]
    private var moment: [Double]
    private var sumSquares = 0.0
    private var sumY = 0.0
    public private(set) var rows = 0

    public init(unknowns: Int) {
        self.unknowns = unknowns
        gram = [Double](repeating: 0, count: unknowns * unknowns)
        moment = [Double](repeating: 0, count: unknowns)
    }

    public mutating func add(_ x: [Double], y: Double) {
        precondition(x.count == unknowns, "a row has one value per unknown")
        for i in 0..<unknowns where x[i] != 0 {
            moment[i] += x[i] * y
            for j in 0..<unknowns where x[j] != 0 { gram[i * unknowns + j] += x[i] * x[j] }
        }
        sumSquares += y * y
        sumY += y
        rows += 1
    }

    public struct Solution: Sendable {
        public var coefficients: [Double]
        /// nil where the coefficient is pinned at zero or the data cannot tell.
        public var standardErrors: [Double?]
        /// Share of the variance of y the fit explains.
        public var rSquared: Double
    }

    public func solve() -> Solution {
        let beta = activeSet()
        // RSS = yᵀy − 2βᵀXᵀy + βᵀXᵀXβ
        var fitted = 0.0
        var quadratic = 0.0
        for i in 0..<unknowns {
            fitted += beta[i] * moment[i]
            for j in 0..<unknowns { quadratic += beta[i] * gram[i * unknowns + j] * beta[j] }
        }
        let rss = max(sumSquares - 2 * fitted + quadratic, 0)
        let mean = rows > 0 ? sumY / Double(rows) : 0
        let total = sumSquares - Double(rows) * mean * mean
        let free = (0..<unknowns).filter { beta[$0] > 0 }
        let dof = rows - free.count
        var errors = [Double?](repeating: nil, count: unknowns)
        if dof > 0, let inverse = Self.invert(free.map { i in free.map { j in gram[i * unknowns + j] } }) {
            let variance = rss / Double(dof)
            for (k, i) in free.enumerated() where inverse[k][k] >= 0 {
                errors[i] = (variance * inverse[k][k]).squareRoot()
            }
        }
        return Solution(coefficients: beta, standardErrors: errors, rSquared: total > 0 ? 1 - rss / total : 0)
    }

    /// Lawson–Hanson NNLS on G β = m, in columns scaled to unit diagonal.
    func activeSet() -> [Double] {
        let n = unknowns
        let scale = (0..<n).map { gram[$0 * n + $0] > 0 ? gram[$0 * n + $0].squareRoot() : 0 }
        let usable = (0..<n).filter { scale[$0] > 0 }
        func g(_ i: Int, _ j: Int) -> Double { gram[i * n + j] / (scale[i] * scale[j]) }
        func m(_ i: Int) -> Double { moment[i] / scale[i] }
        var x = [Double](repeating: 0, count: n)
        var passive = Set<Int>()
        func gradient(_ i: Int) -> Double { m(i) - passive.reduce(0) { $0 + g(i, $1) * x[$1] } }
        for _ in 0..<(3 * n + 10) {
            let candidates = usable.filter { !passive.contains($0) }
            guard let j = candidates.max(by: { gradient($0) < gradient($1) }), gradient(j) > 1e-12 else { break }
            passive.insert(j)
            while true {
                let free = passive.sorted()
                guard let inverse = Self.invert(free.map { i in free.map { k in g(i, k) } }) else {
                    passive.remove(j)
                    break
                }
                let s = free.indices.map { row in free.indices.reduce(0) { $0 + inverse[row][$1] * m(free[$1]) } }
                if s.allSatisfy({ $0 > 0 }) {
                    for (k, i) in free.enumerated() { x[i] = s[k] }
                    break
                }
                // Step towards s until the first coefficient reaches zero, and free it.
                var alpha = 1.0
                for (k, i) in free.enumerated() where s[k] <= 0 { alpha = min(alpha, x[i] / max(x[i] - s[k], 1e-300)) }
                for (k, i) in free.enumerated() { x[i] += alpha * (s[k] - x[i]) }
                for i in free where x[i] <= 1e-12 {
                    x[i] = 0
                    passive.remove(i)
                }
                if passive.isEmpty { break }
            }
        }
        return (0..<n).map { scale[$0] > 0 ? x[$0] / scale[$0] : 0 }
    }

    /// Gauss–Jordan inverse with partial pivoting; nil when singular.
    static func invert(_ matrix: [[Double]]) -> [[Double]]? {
        let n = matrix.count
        var a = matrix
        var inverse = (0..<n).map { i in (0..<n).map { j in i == j ? 1.0 : 0.0 } }
        for column in 0..<n {
            guard let pivot = (column..<n).max(by: { abs(a[$0][column]) < abs(a[$1][column]) }),
                abs(a[pivot][column]) > 1e-300
            else { return nil }
            a.swapAt(column, pivot)
            inverse.swapAt(column, pivot)
            let scale = a[column][column]
            for j in 0..<n {
                a[column][j] /= scale
                inverse[column][j] /= scale
            }
            for row in 0..<n where row != column {
                let factor = a[row][column]
                guard factor != 0 else { continue }
                for j in 0..<n {
                    a[row][j] -= factor * a[column][j]
                    inverse[row][j] -= factor * inverse[column][j]
                }
            }
        }
        return inverse
    }
}
