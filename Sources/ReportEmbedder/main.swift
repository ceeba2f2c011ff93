import Foundation

// Writes FrugalReport's `EmbeddedFiles` enum: the report templates, stylesheet
// and equivalence factors as Swift string literals, so an installed `frugal`
// renders from any directory without these files. Run by the
// EmbedReportFiles build plugin at every build where an input changed:
// Dashboards/report/ and Data/ stay the only copies that are edited.
//
//   report-embedder OUTPUT NAME=FILE...
//
// Each file becomes `static let NAME` (its text without the final newline).

/// A raw string literal holding `text` exactly: enough `#`s that no `"` or `\` inside closes or escapes it.
func literal(_ text: String) -> String {
    var hashes = "#"
    while text.contains("\"" + hashes) || text.contains("\\" + hashes) { hashes += "#" }
    let body = text.hasSuffix("\n") ? String(text.dropLast()) : text
    let lines = body.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : "        " + $0 }
    return hashes + "\"\"\"\n" + lines.joined(separator: "\n") + "\n        \"\"\"" + hashes
}

let arguments = CommandLine.arguments.dropFirst()
guard let output = arguments.first, arguments.count > 1 else {
    FileHandle.standardError.write(Data("usage: report-embedder OUTPUT NAME=FILE...\n".utf8))
    exit(64)
}
var swift = """
    // Generated at build time by the EmbedReportFiles plugin (Sources/ReportEmbedder) from
    // Dashboards/report/ and Data/equivalences/: edit those, never this.

    /// The report templates and data, compiled in, for a binary installed without them.
    enum EmbeddedFiles {

    """
for argument in arguments.dropFirst() {
    let parts = argument.split(separator: "=", maxSplits: 1).map(String.init)
    guard parts.count == 2, let text = try? String(contentsOfFile: parts[1], encoding: .utf8) else {
        FileHandle.standardError.write(Data("report-embedder: cannot read \(argument)\n".utf8))
        exit(66)
    }
    swift += "    static let \(parts[0]) = " + literal(text) + "\n\n"
}
swift += """
        /// Template name → text, as `ReportTemplates` registers them.
        static let templates = ["report": reportTemplate, "annex": annexTemplate, "table": tableTemplate]
    }

    """
do {
    try Data(swift.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
} catch {
    FileHandle.standardError.write(Data("report-embedder: cannot write \(output): \(error)\n".utf8))
    exit(73)
}
