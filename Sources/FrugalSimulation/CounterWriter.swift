extension SimulationResult {
    /// Writes the counter trace as CSV, the batch-attribution input schema:
    ///
    ///     timestamp_ns,domain,energy_uj
    ///     1772406000000000000,nvml:GPU-…,1234567000
    ///
    /// One row per domain per reading, by time then domain order. Values are
    /// what the hardware shows: RAPL zones wrap at their range, GPU counters
    /// move in whole millijoules (NVML's unit, written here in µJ).
    public func writeCounters(to stream: inout some TextOutputStream) {
        stream.write("timestamp_ns,domain,energy_uj\n")
        let names = domains.map { "," + $0.domain.id.rawValue + "," }
        for k in 0..<readingCount {
            let time = String(sampleTime(k).nanosecondsSinceEpoch)
            for d in domains.indices {
                stream.write(time + names[d] + String(counterReadings[d][k]) + "\n")
            }
        }
    }

    public func writeCounters(toFile path: String) throws {
        try FileTextStream.writing(to: path) { writeCounters(to: &$0) }
    }
}
