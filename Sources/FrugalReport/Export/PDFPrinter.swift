import Foundation

/// Prints the report's HTML to PDF with headless Chromium (Debian package
/// `chromium`), and pages of a PDF to PNG with `pdftoppm` (`poppler-utils`)
/// for review. Both are found on PATH, or given explicitly.
public struct PDFPrinter: Sendable {
    public var chromium: String
    /// Seconds Chromium may take before it is stopped.
    public var timeoutSeconds: Int

    public init(chromium: String, timeoutSeconds: Int = 60) {
        self.chromium = chromium
        self.timeoutSeconds = timeoutSeconds
    }

    /// Chromium on PATH (`chromium`, `chromium-browser`, `google-chrome`), or
    /// `ReportError.missingTool` naming the package to install.
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> PDFPrinter
    {
        if let explicit = environment["FRUGAL_CHROMIUM"], !explicit.isEmpty { return PDFPrinter(chromium: explicit) }
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            if let path = Tools.find(name, environment: environment) { return PDFPrinter(chromium: path) }
        }
        throw ReportError.missingTool(tool: "chromium", package: "chromium")
    }

    /// Writes `html` to a temporary file and prints it to `output` (A4, the
    /// page's own `@page` margins, no header or footer added by Chromium).
    public func print(html: String, to output: String) throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
            "frugal-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let page = scratch.appendingPathComponent("report.html")
        try Data(html.utf8).write(to: page)
        try? FileManager.default.removeItem(atPath: output)
        try Tools.run(
            chromium,
            arguments: [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-extensions", "--user-data-dir=\(scratch.path)/profile", "--no-pdf-header-footer",
                "--print-to-pdf-no-header", "--print-to-pdf=\(output)", page.absoluteString,
            ], timeoutSeconds: timeoutSeconds)
        guard FileManager.default.fileExists(atPath: output) else {
            throw ReportError.toolFailed(tool: chromium, status: 0, output: "no PDF written at \(output)")
        }
    }

    /// Renders every page of `pdf` to `<prefix>-<n>.png` at `dpi` (pdftoppm's
    /// numbering); returns the files written, in page order.
    public static func pages(pdf: String, prefix: String, dpi: Int = 80) throws -> [String] {
        guard let pdftoppm = Tools.find("pdftoppm") else {
            throw ReportError.missingTool(tool: "pdftoppm", package: "poppler-utils")
        }
        try Tools.run(pdftoppm, arguments: ["-png", "-r", String(dpi), pdf, prefix], timeoutSeconds: 60)
        let directory = (prefix as NSString).deletingLastPathComponent
        let base = (prefix as NSString).lastPathComponent + "-"
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.isEmpty ? "." : directory)
        return names.filter { $0.hasPrefix(base) && $0.hasSuffix(".png") }
            .sorted { pageNumber($0, base) < pageNumber($1, base) }
            .map { directory.isEmpty ? $0 : directory + "/" + $0 }
    }

    private static func pageNumber(_ name: String, _ base: String) -> Int {
        Int(name.dropFirst(base.count).dropLast(4)) ?? 0
    }
}

/// Finding and running the external tools.
enum Tools {
    static func find(_ name: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        let path = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Runs the tool; throws with the end of its output when it fails or
    /// outlives the timeout. Output goes to a file, not a pipe: Chromium's
    /// helper processes can keep a pipe open after the browser exits.
    static func run(_ tool: String, arguments: [String], timeoutSeconds: Int) throws {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("frugal-tool-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: log) }
        let handle = try FileHandle(forWritingTo: log)
        defer { try? handle.close() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(TimeInterval(timeoutSeconds))
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            throw ReportError.toolFailed(tool: tool, status: -1, output: "stopped after \(timeoutSeconds) s")
        }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            throw ReportError.toolFailed(
                tool: tool, status: process.terminationStatus, output: String(text.suffix(2_000)))
        }
    }
}
