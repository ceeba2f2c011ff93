import Foundation

/// A temporary sysfs-like tree built by a test, removed when released.
final class TestTree {
    let root: String

    init() throws {
        root = NSTemporaryDirectory() + "frugal-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        chmod(root, 0o755)
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    /// Writes `text` to a file (creating folders), replacing its content in place.
    @discardableResult
    func write(_ path: String, _ text: String) throws -> TestTree {
        let url = URL(fileURLWithPath: root + "/" + path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        if FileManager.default.fileExists(atPath: url.path) {
            let handle = try FileHandle(forWritingTo: url)
            try handle.truncate(atOffset: 0)
            try handle.write(contentsOf: Data(text.utf8))
            try handle.close()
        } else {
            try Data(text.utf8).write(to: url)
        }
        return self
    }

    /// Creates a symbolic link at `path` pointing to `target` (as written).
    @discardableResult
    func link(_ path: String, to target: String) throws -> TestTree {
        let url = URL(fileURLWithPath: root + "/" + path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: url.path, withDestinationPath: target)
        return self
    }

    func remove(_ path: String) throws { try FileManager.default.removeItem(atPath: root + "/" + path) }

    func chmod(_ path: String, _ mode: mode_t) { _ = Foundation.chmod(root + "/" + path, mode) }

    /// A RAPL zone directory with the usual files.
    @discardableResult
    func zone(_ directory: String, name: String, energy: String, range: String? = "262143328850") throws -> TestTree {
        let base = "class/powercap/\(directory)"
        try write("\(base)/name", name + "\n")
        try write("\(base)/energy_uj", energy)
        if let range { try write("\(base)/max_energy_range_uj", range + "\n") }
        return self
    }
}
