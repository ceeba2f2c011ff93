import CSQLite

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension StoreError {
    /// Classifies an SQLite result code and says what fixes it.
    static func from(code: Int32, message: String, sql: String?, path: String) -> StoreError {
        let primary = code & 0xff
        switch primary {
        case SQLITE_FULL:
            return StoreError(
                .diskFull, code: code, message: "database or disk is full: \(message)", sql: sql, path: path,
                fix: "free space on the file system that holds \(path), or shorten the raw retention")
        case SQLITE_READONLY:
            return StoreError(
                .readOnly, code: code, message: "database is read-only: \(message)", sql: sql, path: path,
                fix: "give the frugal user write access to \(path), its directory, and its -wal and -shm files")
        case SQLITE_CORRUPT, SQLITE_NOTADB:
            return StoreError(
                .corrupt, code: code, message: "not a sound frugal database: \(message)", sql: sql, path: path,
                fix: "move \(path) aside (keep it for inspection) and start again, or restore a backup")
        case SQLITE_BUSY, SQLITE_LOCKED:
            return StoreError(
                .busy, code: code, message: "database is locked: \(message)", sql: sql, path: path,
                fix: "stop the other process writing \(path) (only one frugal daemon per database)")
        case SQLITE_CANTOPEN:
            return StoreError(
                .cannotOpen, code: code, message: "cannot open the database: \(message)", sql: sql, path: path,
                fix: "check that the directory of \(path) exists and the frugal user may write in it")
        default:
            return StoreError(.sqlite, code: code, message: message, sql: sql, path: path)
        }
    }
}

/// Turns a failed open into an error that says which part of the path is wrong.
enum OpenDiagnosis {
    static func error(path: String, mode: SQLiteDatabase.Mode, code: Int32, message: String) -> StoreError {
        let directory = parentDirectory(of: path)
        var info = stat()
        if stat(directory, &info) != 0 {
            return StoreError(
                .cannotOpen, code: code, message: "cannot create the database: directory \(directory) does not exist",
                path: path, fix: "create it for the frugal user: install -d -o frugal -m 0750 \(directory)")
        }
        if info.st_mode & S_IFMT != S_IFDIR {
            return StoreError(
                .cannotOpen, code: code, message: "cannot create the database: \(directory) is not a directory",
                path: path, fix: "point the database path at a file inside a directory")
        }
        if stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR {
            return StoreError(
                .cannotOpen, code: code, message: "cannot open the database: \(path) is a directory",
                path: path, fix: "point the database path at a file, e.g. \(path)/frugal.sqlite")
        }
        if mode != .readOnly, access(directory, W_OK) != 0 {
            return StoreError(
                .cannotOpen, code: code, message: "cannot create the database: directory \(directory) is not writable",
                path: path,
                fix:
                    "give the frugal user write access: chown frugal \(directory) (SQLite also writes -wal and -shm files there)"
            )
        }
        return StoreError.from(code: code, message: message, sql: nil, path: path)
    }

    static func parentDirectory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let parent = String(path[..<slash])
        return parent.isEmpty ? "/" : parent
    }
}
