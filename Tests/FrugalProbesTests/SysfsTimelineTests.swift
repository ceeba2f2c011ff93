import Foundation
import FrugalCore
import FrugalProbes
import Testing

@Suite struct SysfsTimelineTests {
    @Test func parsesChangesAndSkipsComments() throws {
        let changes = try SysfsTimeline.parse(
            "# comment\n\n1\ta/energy_uj\t42\n2\ta\t<delete>\n3\tb/x\t<deny>\n4\tb/x\t<allow>\n5\tb/y\t\n")
        #expect(
            changes == [
                .init(step: 1, path: "a/energy_uj", action: .write("42")), .init(step: 2, path: "a", action: .delete),
                .init(step: 3, path: "b/x", action: .deny), .init(step: 4, path: "b/x", action: .allow),
                .init(step: 5, path: "b/y", action: .write("")),
            ])
    }

    @Test(arguments: ["1\tpath\n", "0\ta\t1\n", "x\ta\t1\n", "1\t/abs\t1\n", "1\ta/../b\t1\n"])
    func rejectsMalformedLines(_ text: String) {
        #expect(throws: SysfsTimeline.ParseError.self) { try SysfsTimeline.parse(text) }
    }

    @Test func materializeCopiesAndApplyDrivesTheRealReader() throws {
        let entry = try TestTree()
        try entry.zone("intel-rapl:0", name: "package-0", energy: "262143000000\n")
        // TestTree.zone writes under class/powercap; an entry keeps it under sys/.
        try FileManager.default.createDirectory(atPath: entry.root + "/sys", withIntermediateDirectories: true)
        try FileManager.default.moveItem(atPath: entry.root + "/class", toPath: entry.root + "/sys/class")
        try entry.link("sys/class/powercap/link", to: "intel-rapl:0")
        try entry.write(
            "timeline.tsv",
            "1\tclass/powercap/intel-rapl:0/energy_uj\t500000\n2\tclass/powercap/intel-rapl:0/energy_uj\t200\n"
                + "3\tclass/powercap/intel-rapl:0\t<delete>\n")
        var root = ""
        do {
            let timeline = try SysfsTimeline.materialize(entry: entry.root)
            root = timeline.sysfsRoot
            #expect(timeline.steps == [1, 2, 3])
            #expect(
                try FileManager.default.destinationOfSymbolicLink(atPath: root + "/class/powercap/link")
                    == "intel-rapl:0")
            let source = RAPLSource(sysfsRoot: root)
            let id: DomainID = "rapl:intel-rapl:0"
            var counter = EnergyCounter(range: source.discover().domains.first?.counterRangeMicrojoules)
            var seen: [CounterDelta] = []
            for step in timeline.steps {
                if case .success(.energyCounter(let value)) = source.read()[id] {
                    seen.append(counter.update(value, maxPlausible: Energy(joules: 1000)))
                }
                try timeline.apply(step: step)
            }
            #expect(source.read()[id]?.failureValue?.kind == .absent)
            #expect(
                seen == [
                    .firstSample, .wrappedDelta(Energy(microjoules: 828_850)), .reset(previous: 500_000, current: 200),
                ])
            // The entry itself is untouched.
            #expect(
                try String(contentsOfFile: entry.root + "/sys/class/powercap/intel-rapl:0/energy_uj", encoding: .utf8)
                    == "262143000000\n")
        }
        #expect(!FileManager.default.fileExists(atPath: root), "the copy is removed with the timeline")
    }

    @Test func denyAndAllowChangeWhatAnUnprivilegedReaderSees() throws {
        let entry = try TestTree()
        try entry.write("sys/class/powercap/intel-rapl:0/name", "package-0\n")
        try entry.write("sys/class/powercap/intel-rapl:0/energy_uj", "5\n")
        try entry.write(
            "timeline.tsv",
            "1\tclass/powercap/intel-rapl:0/energy_uj\t<deny>\n2\tclass/powercap/intel-rapl:0/energy_uj\t<allow>\n")
        let timeline = try SysfsTimeline.materialize(entry: entry.root)
        let source = RAPLSource(sysfsRoot: timeline.sysfsRoot)
        let id: DomainID = "rapl:intel-rapl:0"
        #expect(asUnprivilegedReader { source.read()[id] } == .success(.energyCounter(5)))
        try timeline.apply(step: 1)
        #expect(asUnprivilegedReader { source.read()[id]?.failureValue?.kind } == .unavailable)
        try timeline.apply(step: 2)
        #expect(asUnprivilegedReader { source.read()[id] } == .success(.energyCounter(5)))
    }
}
