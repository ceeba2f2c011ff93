import FrugalCore

/// A recorded NVML timeline: what each GPU's counters said at each sampling
/// instant. The file format is CSV and is documented in README.md.
///
/// Rows are grouped into steps by timestamp; GPUs are indexed in the order
/// they first appear, as `nvmlDeviceGetHandleByIndex` would list them.
public struct NVMLTrace: Hashable, Sendable {
    /// One GPU at one instant.
    public struct Row: Hashable, Sendable {
        public var timestamp: Timestamp
        public var gpuUUID: String
        public var gpuName: String
        /// `nvmlDeviceGetTotalEnergyConsumption`; nil when not supported or not recorded.
        public var energyMillijoules: UInt64?
        /// `nvmlDeviceGetPowerUsage`; nil when not supported or not recorded.
        public var powerMilliwatts: UInt32?
        /// A code every read of this GPU returned at this instant (`GPU_IS_LOST`).
        public var error: NVMLReturn?

        public init(
            timestamp: Timestamp, gpuUUID: String, gpuName: String, energyMillijoules: UInt64? = nil,
            powerMilliwatts: UInt32? = nil, error: NVMLReturn? = nil
        ) {
            self.timestamp = timestamp
            self.gpuUUID = gpuUUID
            self.gpuName = gpuName
            self.energyMillijoules = energyMillijoules
            self.powerMilliwatts = powerMilliwatts
            self.error = error
        }
    }

    /// The columns a trace may have; `timestamp_ns` and `gpu_uuid` are required.
    public static let columns = ["timestamp_ns", "gpu_uuid", "gpu_name", "energy_mj", "power_mw", "error"]

    public let rows: [Row]
    /// The distinct instants, in order: one replay step each.
    public let timestamps: [Timestamp]
    /// The GPUs' UUIDs in order of first appearance: the device indices.
    public let gpuUUIDs: [String]

    /// - Precondition: rows are in non-decreasing time order, with at most one
    ///   row per GPU and instant (what `init(csv:)` checks for outside input).
    public init(rows: [Row]) {
        precondition(zip(rows, rows.dropFirst()).allSatisfy { $0.timestamp <= $1.timestamp }, "rows out of order")
        self.rows = rows
        var timestamps: [Timestamp] = []
        var uuids: [String] = []
        for row in rows {
            if timestamps.last != row.timestamp { timestamps.append(row.timestamp) }
            if !uuids.contains(row.gpuUUID) { uuids.append(row.gpuUUID) }
        }
        self.timestamps = timestamps
        self.gpuUUIDs = uuids
    }

    /// The trace as CSV, with every column and a header, as `init(csv:)` reads it.
    public func csv() -> String {
        var lines = [Self.columns.joined(separator: ",")]
        for row in rows {
            let cells: [String] = [
                String(row.timestamp.nanosecondsSinceEpoch), row.gpuUUID, row.gpuName,
                row.energyMillijoules.map(String.init) ?? "", row.powerMilliwatts.map(String.init) ?? "",
                row.error?.name ?? "",
            ]
            lines.append(cells.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// A trace file that cannot be read, with the line (1-based) that breaks it.
public struct NVMLTraceError: Error, Hashable, Sendable, CustomStringConvertible {
    public var line: Int
    public var message: String
    public init(line: Int, _ message: String) {
        self.line = line
        self.message = message
    }
    public var description: String { "NVML trace line \(line): \(message)" }
}
