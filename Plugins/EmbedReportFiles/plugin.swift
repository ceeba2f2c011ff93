import Foundation
import PackagePlugin

/// Compiles the report's templates (Dashboards/report/) and equivalence
/// factors (Data/equivalences/) into FrugalReport at build time, so those
/// files are the single source and the installed binary needs none of them.
@main
struct EmbedReportFiles: BuildToolPlugin {
    /// Swift name → file, relative to the package root.
    static let files = [
        ("reportTemplate", "Dashboards/report/report.mustache"),
        ("annexTemplate", "Dashboards/report/annex.mustache"),
        ("tableTemplate", "Dashboards/report/table.mustache"),
        ("stylesheet", "Dashboards/report/report.css"),
        ("equivalencesCSV", "Data/equivalences/impactco2.csv"),
    ]

    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let root = context.package.directoryURL
        let inputs = Self.files.map { ($0.0, root.appending(path: $0.1)) }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedFiles.swift")
        return [
            .buildCommand(
                displayName: "Embedding the report templates into \(target.name)",
                executable: try context.tool(named: "ReportEmbedder").url,
                arguments: [output.path] + inputs.map { "\($0.0)=\($0.1.path)" },
                inputFiles: inputs.map(\.1), outputFiles: [output])
        ]
    }
}
