import FrugalCore

extension NVMLTrace {
    /// Parses a trace. Strict, because a trace is a test fixture or an audit
    /// record: an unknown column, a bad number or an out-of-order row is an
    /// error with its line, never a guess.
    public init(csv text: String) throws(NVMLTraceError) {
        // "\r\n" is one Character in Swift, so split on newlines, not on "\n".
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        while lines.last?.isEmpty == true { lines.removeLast() }
        guard let header = lines.first else { throw NVMLTraceError(line: 1, "empty trace: no header") }
        let columns = header.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        for column in columns where !Self.columns.contains(column) {
            throw NVMLTraceError(
                line: 1, "unknown column \"\(column)\" (known: \(Self.columns.joined(separator: ", ")))")
        }
        guard Set(columns).count == columns.count else { throw NVMLTraceError(line: 1, "a column is repeated") }
        for required in ["timestamp_ns", "gpu_uuid"] where !columns.contains(required) {
            throw NVMLTraceError(line: 1, "missing column \(required)")
        }
        var rows: [Row] = []
        var seen: Set<String> = []
        for (offset, line) in lines.enumerated().dropFirst() {
            let row = try Self.row(line, columns: columns, line: offset + 1)
            if let last = rows.last, row.timestamp < last.timestamp {
                throw NVMLTraceError(line: offset + 1, "timestamp goes back in time")
            }
            if rows.last?.timestamp != row.timestamp { seen = [] }
            guard seen.insert(row.gpuUUID).inserted else {
                throw NVMLTraceError(line: offset + 1, "\(row.gpuUUID) appears twice at one timestamp")
            }
            rows.append(row)
        }
        self.init(rows: rows)
    }

    private static func row(_ line: Substring, columns: [String], line number: Int) throws(NVMLTraceError) -> Row {
        let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        guard cells.count == columns.count else {
            throw NVMLTraceError(line: number, "\(cells.count) cells for \(columns.count) columns")
        }
        var cell: [String: String] = [:]
        for (column, value) in zip(columns, cells) { cell[column] = value }
        guard let ns = Int64(cell["timestamp_ns"] ?? "") else {
            throw NVMLTraceError(line: number, "timestamp_ns is not an integer")
        }
        let uuid = cell["gpu_uuid"] ?? ""
        guard !uuid.isEmpty else { throw NVMLTraceError(line: number, "empty gpu_uuid") }
        return Row(
            timestamp: Timestamp(nanosecondsSinceEpoch: ns), gpuUUID: uuid, gpuName: cell["gpu_name"] ?? "",
            energyMillijoules: try count(cell["energy_mj"], "energy_mj", line: number),
            powerMilliwatts: try count(cell["power_mw"], "power_mw", line: number),
            error: try code(cell["error"], line: number))
    }

    private static func count<N: FixedWidthInteger>(
        _ text: String?, _ column: String, line: Int
    ) throws(NVMLTraceError) -> N? {
        guard let text, !text.isEmpty else { return nil }
        guard let value = N(text) else { throw NVMLTraceError(line: line, "\(column) \"\(text)\" is not a count") }
        return value
    }

    private static func code(_ text: String?, line: Int) throws(NVMLTraceError) -> NVMLReturn? {
        guard let text, !text.isEmpty else { return nil }
        guard let code = NVMLReturn(name: text), code != .success else {
            throw NVMLTraceError(line: line, "error \"\(text)\" is not an NVML error name or code")
        }
        return code
    }
}
