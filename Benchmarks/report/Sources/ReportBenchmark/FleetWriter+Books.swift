import FrugalCore
import FrugalStore

extension FleetWriter {
    /// The books of the host's 7 domains and the usage rollup, from the
    /// requests' dynamic energy. CPU packages and DRAM take 3 % and 1 % on
    /// top of the GPUs' dynamic energy; idle is allocated to the quarter's
    /// requests in proportion to their dynamic energy.
    mutating func writeBooksAndUsage(
        _ quarter: Timestamp, host: String, gpuDynamic: [Double],
        usage: [String: (n: Int64, p: Int64, c: Int64, dynamic: Double, model: Int)]
    ) throws {
        let seconds = 900.0
        let total = gpuDynamic.reduce(0, +)
        var domains: [(id: String, kind: String, idle: Double, attributed: Double, unattributed: Double)] = []
        for (index, dynamic) in gpuDynamic.enumerated() {
            domains.append(("nvml:gpu\(index)", "gpu", FleetMonth.gpuIdleWatts * seconds * 1e6, dynamic, 0))
        }
        for socket in 0..<2 {
            let background = total > 0 ? 0 : 4 * seconds * 1e6
            domains.append(
                (
                    "rapl:package-\(socket)", "package", FleetMonth.packageIdleWatts * seconds * 1e6, total * 0.015,
                    background
                ))
        }
        domains.append(("rapl:dram", "dram", 8 * seconds * 1e6, total * 0.01, 0))
        var allocated = 0.0
        for domain in domains {
            let idleAllocated = domain.attributed > 0 ? domain.idle : 0
            allocated += idleAllocated
            try writeBook(quarter, host: host, domain, idleAllocated: idleAllocated)
        }
        let insert = try db.cached("INSERT INTO usage_quarter VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, x'')")
        for (key, entry) in usage {
            let parts = key.split(separator: "|")
            let dynamic = entry.dynamic * 1.04
            try insert.bind(host, at: 1)
            try insert.bind(quarter.nanosecondsSinceEpoch, at: 2)
            try insert.bind(String(parts[0].isEmpty ? "" : FleetMonth.models[entry.model].name), at: 3)
            try insert.bind(String(parts[1]), at: 4)
            try insert.bind(entry.n, at: 5)
            try insert.bind(entry.p, at: 6)
            try insert.bind(entry.c, at: 7)
            try insert.bind(Int64(dynamic), at: 8)
            try insert.bind(Int64(total > 0 ? allocated * entry.dynamic / total : 0), at: 9)
            try insert.run()
        }
        let window = try db.cached("INSERT INTO attribution_windows VALUES (?1, ?2, ?3, 0, ?4, 0, 'ntp', 900000000000)")
        try window.bind(host, at: 1)
        try window.bind(quarter.nanosecondsSinceEpoch, at: 2)
        try window.bind(quarter.nanosecondsSinceEpoch + 900_000_000_000, at: 3)
        try window.bind(Int64(usage.values.reduce(0) { $0 + $1.n }), at: 4)
        try window.run()
    }

    private func writeBook(
        _ quarter: Timestamp, host: String,
        _ domain: (id: String, kind: String, idle: Double, attributed: Double, unattributed: Double),
        idleAllocated: Double
    ) throws {
        let insert = try db.cached(
            "INSERT INTO attribution_books VALUES (?1, ?2, ?3, ?4, 1, ?5, ?6, ?7, ?8, ?9, ?10, 'estimated-p5')")
        let (idle, attributed, unattributed) = (
            Int64(domain.idle), Int64(domain.attributed), Int64(domain.unattributed)
        )
        try insert.bind(host, at: 1)
        try insert.bind(quarter.nanosecondsSinceEpoch, at: 2)
        try insert.bind(domain.id, at: 3)
        try insert.bind(domain.kind, at: 4)
        try insert.bind(idle + attributed + unattributed, at: 5)
        try insert.bind(idle, at: 6)
        try insert.bind(attributed, at: 7)
        try insert.bind(unattributed, at: 8)
        try insert.bind(Int64(idleAllocated), at: 9)
        try insert.bind(Int64(domain.idle / 900), at: 10)
        try insert.run()
    }
}
