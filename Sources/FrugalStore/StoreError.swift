/// Why the store could not do what was asked: an operating condition (a full
/// disk, a read-only directory, a database from a newer frugal), never a
/// programmer error. Every error says what failed, where, and what fixes it.
public struct StoreError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kind of failure, for code that reacts differently to each.
    public enum Kind: String, Hashable, Sendable {
        /// The database file could not be opened or created.
        case cannotOpen = "cannot_open"
        /// The database is read-only (file mode, mount, or opened read-only).
        case readOnly = "read_only"
        /// The disk, or the configured page limit, is full.
        case diskFull = "disk_full"
        /// The file is not a database or is damaged.
        case corrupt
        /// The schema was written by a newer frugal.
        case schemaTooNew = "schema_too_new"
        /// The schema is older than this code and the connection cannot migrate it.
        case schemaTooOld = "schema_too_old"
        /// The database is locked by another writer beyond the busy timeout.
        case busy
        /// A sample or gap names a domain that was never registered.
        case unknownDomain = "unknown_domain"
        /// A sample or gap with values no sensor can produce (negative energy,
        /// a non-positive interval, a time outside 1970–2096).
        case invalidSample = "invalid_sample"
        /// The raw samples needed for the question were pruned by retention.
        case rawPruned = "raw_pruned"
        /// A stored sample block could not be decoded.
        case badBlock = "bad_block"
        /// Any other SQLite failure.
        case sqlite
    }

    public var kind: Kind
    /// The SQLite result code (extended when available); nil for errors found by frugal itself.
    public var code: Int32?
    /// What went wrong, for a person.
    public var message: String
    /// The statement that failed, when one did.
    public var sql: String?
    /// The database file concerned.
    public var path: String?
    /// What to do about it, when something can be done.
    public var fix: String?

    public init(
        _ kind: Kind, code: Int32? = nil, message: String, sql: String? = nil, path: String? = nil,
        fix: String? = nil
    ) {
        self.kind = kind
        self.code = code
        self.message = message
        self.sql = sql
        self.path = path
        self.fix = fix
    }

    public var description: String {
        var text = "store: \(message)"
        if let path { text += " [\(path)]" }
        if let code { text += " (sqlite code \(code))" }
        if let sql { text += " in `\(sql)`" }
        if let fix { text += "; fix: \(fix)" }
        return text
    }
}
