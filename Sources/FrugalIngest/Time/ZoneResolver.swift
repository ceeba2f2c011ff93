import Foundation
import FrugalCore

/// Turns a civil time into an instant: with its own offset when it has one,
/// else with the context's zone. A named zone's offset is looked up once per
/// local hour (logs are mostly in order, so one cached hour serves nearly
/// every line).
final class ZoneResolver {
    private var zoneKey: LogTimeZone?
    private var zone: TimeZone?
    private var cachedHour: Int64 = .min
    private var cachedOffset = 0

    /// The instant, or nil when outside what a `Timestamp` holds.
    func timestamp(_ civil: CivilTime, zone logZone: LogTimeZone) -> Timestamp? {
        let local = civil.secondsAsUTC
        let offset: Int
        if let written = civil.offsetSeconds {
            offset = written
        } else {
            switch logZone {
            case .utc: offset = 0
            case .fixedOffset(let seconds): offset = seconds
            case .named(let identifier):
                // An unknown zone name rejects every zone-less time rather
                // than reading them as UTC.
                guard let named = namedOffset(identifier, key: logZone, localSeconds: local) else { return nil }
                offset = named
            }
        }
        let seconds = local - Int64(offset)
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        guard !overflow else { return nil }
        let (total, overflow2) = scaled.addingReportingOverflow(Int64(civil.nanosecond))
        return overflow2 ? nil : Timestamp(nanosecondsSinceEpoch: total)
    }

    private func namedOffset(_ identifier: String, key: LogTimeZone, localSeconds: Int64) -> Int? {
        if zoneKey != key {
            zoneKey = key
            zone = TimeZone(identifier: identifier)
            cachedHour = .min
        }
        guard let zone else { return nil }
        let hour = localSeconds / 3_600
        if hour == cachedHour { return cachedOffset }
        // Guess with the offset at the local time read as UTC, then correct
        // once: right everywhere except inside the repeated autumn hour,
        // where the earlier instant is taken.
        let guess = zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(localSeconds)))
        let offset = zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(localSeconds - Int64(guess))))
        cachedHour = hour
        cachedOffset = offset
        return offset
    }
}

extension LogTimeZone {
    /// Whether the zone can be used: a named zone must be in the system's
    /// time zone database (check it with the configuration).
    public var isKnown: Bool {
        switch self {
        case .utc: true
        case .fixedOffset(let seconds): abs(seconds) <= 18 * 3_600
        case .named(let identifier): TimeZone(identifier: identifier) != nil
        }
    }
}

/// Epoch numbers: seconds, milliseconds, microseconds or nanoseconds, told
/// apart by magnitude. Below 10^11 they are seconds (up to year 5138),
/// below 10^14 milliseconds, below 10^17 microseconds, else nanoseconds.
enum EpochNumber {
    static func timestamp(_ value: Int64) -> Timestamp? {
        let magnitude = value.magnitude
        let scale: Int64 =
            magnitude < 100_000_000_000
            ? 1_000_000_000
            : magnitude < 100_000_000_000_000 ? 1_000_000 : magnitude < 100_000_000_000_000_000 ? 1_000 : 1
        let (ns, overflow) = value.multipliedReportingOverflow(by: scale)
        return overflow ? nil : Timestamp(nanosecondsSinceEpoch: ns)
    }

    static func timestamp(_ value: Double) -> Timestamp? {
        guard value.isFinite else { return nil }
        let magnitude = value.magnitude
        let scale: Double = magnitude < 1e11 ? 1e9 : magnitude < 1e14 ? 1e6 : magnitude < 1e17 ? 1e3 : 1
        // A double holds about 16 digits: epoch seconds keep microseconds,
        // the resolution gateways write (Python's timestamp(), nginx's $msec).
        let micros = (value * scale / 1_000).rounded()
        guard micros.magnitude < 9.2e15 else { return nil }
        return Timestamp(nanosecondsSinceEpoch: Int64(micros) * 1_000)
    }
}
