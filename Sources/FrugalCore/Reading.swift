/// What a source's counter or sensor says at the moment it is read.
public enum Reading: Hashable, Sendable, Codable {
    /// A cumulative energy counter, in µJ.
    case energyCounter(UInt64)
    /// A power reading.
    case power(Power)
}

/// Why a domain could not be read. Three kinds that call for different action:
/// an absent domain is not on this host; an unavailable one is there but
/// cannot be read (a permission, a driver); a transient failure may pass.
public struct ProbeFailure: Error, Hashable, Sendable, Codable, CustomStringConvertible {
    public enum Kind: String, Hashable, Sendable, Codable {
        case absent, unavailable, transient
    }

    public var kind: Kind
    /// What went wrong, for a person.
    public var reason: String
    /// The command or setting that fixes it, when one does.
    public var fix: String?

    public init(_ kind: Kind, _ reason: String, fix: String? = nil) {
        self.kind = kind
        self.reason = reason
        self.fix = fix
    }

    public var description: String {
        fix.map { "\(kind.rawValue): \(reason) (fix: \($0))" } ?? "\(kind.rawValue): \(reason)"
    }
}
