/// One finding of `frugal doctor`.
public struct DoctorCheck: Codable, Sendable, Hashable {
    public enum Status: String, Codable, Sendable, Hashable {
        case ok, warning, failure
    }

    public var name: String
    public var status: Status
    public var detail: String
    /// The exact command or setting that fixes it.
    public var fix: String?

    public init(_ name: String, _ status: Status, _ detail: String, fix: String? = nil) {
        self.name = name
        self.status = status
        self.detail = detail
        self.fix = fix
    }
}
