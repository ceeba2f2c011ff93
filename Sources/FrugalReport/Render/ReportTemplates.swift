import Foundation
import Mustache

/// The report's Mustache templates and stylesheet: the copies embedded in the
/// binary by default, or a folder's (`frugal report --templates DIR`, e.g.
/// `Dashboards/report` while editing them).
public struct ReportTemplates: Sendable {
    /// The templates every folder must hold, as `<name>.mustache`.
    public static let names = ["report", "annex", "table"]

    let library: MustacheLibrary
    let stylesheet: String

    /// The embedded copies (compiled from `Dashboards/report/` at build time by the EmbedReportFiles plugin).
    public static func embedded() throws -> ReportTemplates {
        try ReportTemplates(texts: EmbeddedFiles.templates, stylesheet: EmbeddedFiles.stylesheet)
    }

    /// The templates of `directory`: `report.mustache`, `annex.mustache`,
    /// `table.mustache` and `report.css`.
    public static func load(directory: String) throws -> ReportTemplates {
        func read(_ name: String) throws -> String {
            let path = directory + "/" + name
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
            else { throw ReportError.templates("cannot read \(path): give the folder that holds report.mustache") }
            return text
        }
        var texts: [String: String] = [:]
        for name in names { texts[name] = try read(name + ".mustache") }
        return try ReportTemplates(texts: texts, stylesheet: read("report.css"))
    }

    init(texts: [String: String], stylesheet: String) throws {
        var library = MustacheLibrary()
        for (name, text) in texts {
            do {
                try library.register(text, named: name)
            } catch {
                throw ReportError.templates("\(name).mustache does not parse: \(error)")
            }
        }
        self.library = library
        self.stylesheet = stylesheet
    }

    /// Renders the report page for `figures`.
    public func html(_ figures: ReportFigures) throws -> String {
        var view = ReportView(figures)
        view.css = stylesheet
        guard let html = library.render(view, withTemplate: "report") else {
            throw ReportError.templates("no template named report")
        }
        return html
    }
}
