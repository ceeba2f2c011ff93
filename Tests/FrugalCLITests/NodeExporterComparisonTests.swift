import Foundation
import Testing

/// Frugal and node_exporter read the same catalogue trees: every zone and
/// sensor must show the same joules and watts, and every node_exporter power
/// or energy series must be one Frugal reads or one it reports as skipped.
@Suite("Frugal reads what node_exporter reads, on every Probes/ tree")
struct NodeExporterComparisonTests {
    static let entries: [String] = {
        let probes = Harness.root.appendingPathComponent("Probes")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: probes.path)) ?? []
        return names.filter { FileManager.default.fileExists(atPath: probes.appendingPathComponent("\($0)/sys").path) }
            .sorted()
    }()

    struct Domain: Decodable {
        var id: String
        var location: String
        var source: String
        var energyMicrojoules: UInt64?
        var powerMicrowatts: Int64?
    }

    struct Report: Decodable {
        var entries: [Domain]
        var problems: [Problem]
        struct Problem: Decodable { var location: String }
    }

    @Test("the same joules and watts", arguments: entries)
    func sameReadings(entry: String) throws {
        guard Harness.available("prometheus-node-exporter"), Harness.available("curl") else { return }
        let sysfs = Harness.root.appendingPathComponent("Probes/\(entry)/sys").path
        let probe = try Harness.run(Harness.frugal, ["probe", "--sysfs-root", sysfs, "--format", "json"])
        #expect(probe.status == 0, "\(probe.stderr)")
        let report = try JSONDecoder().decode(Report.self, from: Data(probe.stdout.utf8))
        let peer = try NodeExporterPeer.scrape(sysfs: sysfs)

        // node_exporter drops a whole collector on one bad zone (garbage, a
        // missing range file); Frugal still reads the good ones. Compare only
        // what node_exporter could read.
        let succeeded = Set(
            peer.filter { $0.name == "node_scrape_collector_success" && $0.value == 1 }.compactMap {
                $0.labels["collector"]
            })
        var matched = Set<NodeExporterPeer.Series>()
        for domain in report.entries where succeeded.contains(domain.source) {
            guard let series = peerSeries(for: domain, in: peer) else {
                Issue.record("node_exporter has no series for \(domain.id) (\(domain.location))")
                continue
            }
            matched.insert(series)
            if let energy = domain.energyMicrojoules {
                #expect(
                    abs(series.value - Double(energy) / 1e6) < 1e-6, "\(domain.id): \(energy) µJ vs \(series.value) J")
            } else if let power = domain.powerMicrowatts {
                #expect(
                    abs(series.value - Double(power) / 1e6) < 1e-6, "\(domain.id): \(power) µW vs \(series.value) W")
            } else {
                Issue.record("\(domain.id) has no reading but node_exporter reads \(series.value)")
            }
        }
        // Not vacuous: where node_exporter reads something, so does Frugal.
        #expect(!matched.isEmpty || !peer.contains(where: isPowerOrEnergy), "no domain compared on \(entry)")
        for series in peer where isPowerOrEnergy(series) && !matched.contains(series) && !twin(series, of: matched) {
            #expect(
                explained(series, report: report, peer: peer),
                "node_exporter reads \(series.name)\(series.labels) = \(series.value); Frugal neither reads nor reports it"
            )
        }
    }

    /// The node_exporter series for the same counter or sensor file.
    func peerSeries(for domain: Domain, in peer: [NodeExporterPeer.Series]) -> NodeExporterPeer.Series? {
        if domain.source == "rapl" {
            let zone = String(domain.id.dropFirst("rapl:".count))
            return peer.first {
                $0.name.hasPrefix("node_rapl_") && $0.labels["path"]?.hasSuffix("/powercap/\(zone)") == true
            }
        }
        let file = domain.location.split(separator: "/").last.map(String.init) ?? ""
        let sensor = String(file.prefix { $0 != "_" })
        let name =
            file.hasSuffix("_average")
            ? "node_hwmon_power_average_watt"
            : file.hasPrefix("energy") ? "node_hwmon_energy_joule_total" : "node_hwmon_power_watt"
        // Frugal's chip is the `name` file, with "@device" when two chips share a name.
        let qualified = domain.id.dropFirst("hwmon:".count).split(separator: "/").first.map(String.init) ?? ""
        let parts = qualified.split(separator: "@", maxSplits: 1).map(String.init)
        let chip = parts[0]
        let device = parts.count > 1 ? parts[1].replacingOccurrences(of: ".", with: "_") : ""
        // node_exporter labels a chip by its device path; its chip_names series
        // maps that label to the `name` file.
        let labels = Set(
            peer.filter { $0.name == "node_hwmon_chip_names" && $0.labels["chip_name"] == chip }.compactMap {
                $0.labels["chip"]
            })
        let candidates = peer.filter { $0.name == name && $0.labels["sensor"] == sensor }
        return candidates.first { $0.labels["chip"] == chip }
            ?? candidates.first {
                labels.contains($0.labels["chip"] ?? "") && ($0.labels["chip"] ?? "").hasSuffix(device)
            }
            ?? candidates.first { $0.labels["chip"]?.hasSuffix("_\(chip)") == true }
    }

    /// node_exporter shows both `power1_input` and `power1_average` of a
    /// sensor; Frugal reads one of the two (the average where there is one).
    func twin(_ series: NodeExporterPeer.Series, of matched: Set<NodeExporterPeer.Series>) -> Bool {
        let powers = ["node_hwmon_power_watt", "node_hwmon_power_average_watt"]
        return powers.contains(series.name)
            && matched.contains {
                powers.contains($0.name) && $0.labels["chip"] == series.labels["chip"]
                    && $0.labels["sensor"] == series.labels["sensor"]
            }
    }

    func isPowerOrEnergy(_ series: NodeExporterPeer.Series) -> Bool {
        series.name.hasPrefix("node_rapl_")
            || ["node_hwmon_power_watt", "node_hwmon_power_average_watt", "node_hwmon_energy_joule_total"].contains(
                series.name)
    }

    /// A series Frugal does not read on purpose: an MMIO twin of a package
    /// counter, a channel whose `_enable` is 0, or one listed among the problems.
    func explained(_ series: NodeExporterPeer.Series, report: Report, peer: [NodeExporterPeer.Series]) -> Bool {
        if let path = series.labels["path"] {
            let zone = path.split(separator: "/").last.map(String.init) ?? path
            return report.problems.contains { $0.location.contains(zone) }
        }
        let disabled = peer.contains {
            $0.name.contains("_enable_") && $0.labels["chip"] == series.labels["chip"]
                && $0.labels["sensor"] == series.labels["sensor"] && $0.value == 0
        }
        let sensor = series.labels["sensor"] ?? ""
        let chip = series.labels["chip"] ?? ""
        let reported = report.problems.contains { $0.location.contains(chip) && $0.location.contains(sensor) }
        let readOtherwise = report.entries.contains {
            $0.id.hasSuffix("\(chip)/\(sensor)")
                || $0.id.hasSuffix("/\(sensor)") && chip.hasSuffix($0.id.split(separator: "/")[0].dropFirst(6))
        }
        return disabled || reported || readOtherwise
    }
}
