import Foundation
import FrugalStore

/// Wall-clock seconds taken by `body`.
func seconds(_ body: () throws -> Void) rethrows -> Double {
    let clock = ContinuousClock()
    let elapsed = try clock.measure(body)
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}

/// Median of `runs` timings of `body`, in seconds.
func medianSeconds(runs: Int, _ body: () throws -> Void) rethrows -> Double {
    var timings: [Double] = []
    for _ in 0..<runs { timings.append(try seconds(body)) }
    return timings.sorted()[timings.count / 2]
}

func fileBytes(_ path: String) -> Int64 {
    let attributes = try? FileManager.default.attributesOfItem(atPath: path)
    return (attributes?[.size] as? NSNumber)?.int64Value ?? 0
}

/// Bytes per table and index of a closed database (SQLite's dbstat table).
func tableBytes(_ path: String) throws -> [(String, Int64)] {
    let db = try SQLiteDatabase(path: path, mode: .readOnly)
    let select = try db.prepare("SELECT name, sum(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC")
    var rows: [(String, Int64)] = []
    while try select.step() { rows.append((select.text(at: 0), select.int64(at: 1))) }
    return rows
}

func formatted(_ value: Double, _ digits: Int = 2) -> String { String(format: "%.\(digits)f", value) }

func note(_ message: String) {
    FileHandle.standardError.write(Data("[\(Date())] \(message)\n".utf8))
}

/// Bytes this process has passed to write(2) so far (`wchar` in /proc/self/io):
/// WAL frames plus checkpoint copies, i.e. what the store costs the disk.
func bytesWrittenByProcess() -> Int64 {
    guard let text = try? String(contentsOfFile: "/proc/self/io", encoding: .utf8) else { return 0 }
    for line in text.split(separator: "\n") where line.hasPrefix("wchar:") {
        return Int64(line.dropFirst(6).trimmingCharacters(in: .whitespaces)) ?? 0
    }
    return 0
}
