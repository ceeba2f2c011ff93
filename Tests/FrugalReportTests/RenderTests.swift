import Foundation
import FoundationXML
import FrugalCore
import Testing

@testable import FrugalReport

@Suite struct RenderTests {
    static func figures() async throws -> ReportFigures { try await ReportBuilderTests.build() }

    /// Parses XML; returns the error, nil when well-formed.
    static func xmlError(_ text: String) -> String? {
        let parser = XMLParser(data: Data(text.utf8))
        return parser.parse() ? nil : String(describing: parser.parserError)
    }

    @Test func chartsAreWellFormedSVGWithTitleAndDescription() async throws {
        let f = try await Self.figures()
        for svg in [Charts.trend(f), Charts.daily(f)] {
            #expect(Self.xmlError(svg) == nil)
            #expect(svg.contains("role=\"img\""))
            #expect(svg.contains("<title id="))
            #expect(svg.contains("<desc id="))
            #expect(!svg.contains("<script"))
        }
        let escaped = SVGChart.bars(
            id: "x", title: "a < b & \"c\"", description: "d", unit: "kWh",
            bars: [SVGChart.Bar(label: "<l>", value: 1, valueText: "1", hasData: true)])
        #expect(Self.xmlError(escaped) == nil)
    }

    @Test func htmlIsAccessible() async throws {
        let html = try ReportTemplates.embedded().html(try await Self.figures())
        #expect(html.contains("<html lang=\"fr\">"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("src=\"http") && !html.contains("href=\"http"))
        // Every column and row header has a scope; every chart has a text alternative.
        let headers = html.components(separatedBy: "<th ").count + html.components(separatedBy: "<th>").count - 2
        let scoped = html.components(separatedBy: "<th scope=\"").count - 1
        #expect(headers > 0 && headers == scoped)
        let svgs = html.components(separatedBy: "<svg").count - 1
        #expect(svgs == 2)
        #expect(html.components(separatedBy: "aria-labelledby=\"tendance-title tendance-desc\"").count == 2)
        #expect(!html.contains("<img"))
        // One h1, and no heading level skipped.
        #expect(html.components(separatedBy: "<h1").count == 2)
        var previous = 1
        for match in html.split(separator: "<h").dropFirst() {
            guard let level = match.first?.wholeNumberValue, (1...6).contains(level) else { continue }
            #expect(level <= previous + 1)
            previous = level
        }
        #expect(html.contains("@page { size: A4"))
    }

    @Test func htmlShowsTheFiguresInFrenchFormat() async throws {
        let f = try await Self.figures()
        let html = try ReportTemplates.embedded().html(f)
        #expect(html.contains("octobre 2026"))
        #expect(html.contains(">5,30 <span class=\"unit\">kWh"))
        #expect(html.contains(FrenchFormat.approximate(f.headline.co2eDirectGrams / 1_000)))
        #expect(html.contains("Par rapport à septembre 2026"))
        for equivalence in f.equivalences {
            #expect(html.contains(FrenchFormat.approximate(equivalence.quantity, significant: 2, maxDecimals: 1)))
        }
        #expect(html.contains("modelA"))
        #expect(html.contains("Base Empreinte id 43256"))
    }

    @Test func jsonCSVAndBoAmpsCarryTheHTMLNumbers() async throws {
        let f = try await Self.figures()
        let json = try JSONSerialization.jsonObject(with: try ReportJSON.encode(f)) as! [String: Any]
        let headline = json["headline"] as! [String: Any]
        #expect(headline["energyKWh"] as? Double == f.headline.energy.kilowattHours)
        #expect(headline["requests"] as? Int == 40)
        #expect(FrenchFormat.approximate(headline["energyKWh"] as! Double) == "5,30")
        let csv = ReportCSV.encode(f)
        #expect(csv.hasPrefix("\u{FEFF}section;nom;indicateur;valeur;unite\r\n"))
        #expect(csv.contains("synthese;tout le service;energie;5,3;kWh\r\n"))
        #expect(csv.contains("synthese;tout le service;requetes;40;requetes\r\n"))
        #expect(csv.contains("modele;modelA;wh_par_requete;120;Wh\r\n"))
        let boamps =
            try JSONSerialization.jsonObject(with: try BoAmpsReport.encode(f, publisher: "Test", version: "0"))
            as! [String: Any]
        let measures = boamps["measures"] as! [[String: Any]]
        #expect(measures.first?["powerConsumption"] as? Double == f.headline.energy.kilowattHours)
        let task = boamps["task"] as! [String: Any]
        #expect(task["nbRequest"] as? Int == 40)
        #expect(task["taskStage"] as? String == "inference")
        #expect((task["algorithms"] as! [[String: Any]]).count == 2)
        let header = boamps["header"] as! [String: Any]
        #expect((header["reportId"] as! String).count == 36)
        #expect(header["reportStatus"] as? String == "final")
        #expect((boamps["infrastructure"] as! [String: Any])["infraType"] as? String == "onPremise")
    }

    @Test func csvNumbersAndQuoting() {
        #expect(ReportCSV.number(1234.5) == "1234,5")
        #expect(ReportCSV.number(-0.25) == "-0,25")
        #expect(ReportCSV.number(3) == "3")
        #expect(ReportCSV.field("a;b") == "\"a;b\"")
        #expect(ReportCSV.field("say \"x\"") == "\"say \"\"x\"\"\"")
    }
}
