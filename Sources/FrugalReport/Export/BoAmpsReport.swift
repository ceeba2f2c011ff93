import Foundation
import FrugalCore

/// The month as a Boavizta BoAmps report (github.com/Boavizta/BoAmps,
/// `model/report_schema.json`, format 0.1): an inference task over the
/// month's requests, one algorithm per model, input and output tokens as
/// datasets, and one measure whose `powerConsumption` is the month's energy
/// in kWh (as in BoAmps' LLM inference example) over `measurementDuration` seconds.
public enum BoAmpsReport {
    struct Document: Encodable {
        var header: Header
        var task: Task
        var measures: [Measure]
        var system = System()
        var software = Software()
        var infrastructure: Infrastructure
        var environment: Environment
        var quality: String
    }

    struct Header: Encodable {
        var licensing = "Creative Commons 4.0"
        var formatVersion = "0.1"
        var reportId: String
        var reportDatetime: String
        var reportStatus: String
        var publisher: Publisher
    }

    struct Publisher: Encodable {
        var name: String
        var projectName = "Frugal"
        var confidentialityLevel = "internal"
    }

    struct Task: Encodable {
        var taskStage = "inference"
        var taskFamily = "chatbot"
        var nbRequest: Int64
        var algorithms: [Algorithm]
        var dataset: [Dataset]
        var taskDescription: String
    }

    struct Algorithm: Encodable {
        var algorithmType = "llm"
        var foundationModelName: String
    }

    struct Dataset: Encodable {
        var dataUsage: String
        var dataType = "token"
        var dataQuantity: Int64
    }

    struct Measure: Encodable {
        var measurementMethod = "frugal"
        var version: String
        var cpuTrackingMode = "rapl"
        var gpuTrackingMode = "nvml"
        var powerConsumption: Double
        var measurementDuration: Double
        var measurementDateTime: String
    }

    struct System: Encodable { var os = "linux" }
    struct Software: Encodable {
        var language = "swift"
        var version = "6"
    }

    struct Infrastructure: Encodable {
        var infraType = "onPremise"
        var components: [Component]
    }

    struct Component: Encodable {
        var componentName: String
        var componentType: String
        var nbComponent: Int
    }

    struct Environment: Encodable {
        var country = "france"
        var powerSupplierType = "public"
        var powerSourceCarbonIntensity: Double?
    }

    /// The BoAmps JSON of `figures`; `publisher` names the organisation.
    public static func encode(_ figures: ReportFigures, publisher: String, version: String) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(document(figures, publisher: publisher, version: version))
    }

    static func document(_ f: ReportFigures, publisher: String, version: String) -> Document {
        let kilowattHours = f.headline.energy.kilowattHours
        let complete = f.periodEnd >= f.month.end
        return Document(
            header: Header(
                reportId: reportID(f), reportDatetime: dateTime(f.generatedAt),
                reportStatus: complete ? "final" : "draft", publisher: Publisher(name: publisher)),
            task: Task(
                nbRequest: f.headline.requests,
                algorithms: f.models.map { Algorithm(foundationModelName: $0.name) },
                dataset: [
                    Dataset(dataUsage: "input", dataQuantity: f.headline.promptTokens),
                    Dataset(dataUsage: "output", dataQuantity: f.headline.completionTokens),
                ],
                taskDescription: "Frugal monthly report \(f.month)\(f.tenant.map { ", tenant \($0)" } ?? ""): "
                    + "measured energy of the inference hosts, idle included"),
            measures: [
                Measure(
                    version: version, powerConsumption: kilowattHours,
                    measurementDuration: Double((f.periodEnd - f.month.start).nanoseconds) / 1e9,
                    measurementDateTime: dateTime(f.month.start))
            ],
            infrastructure: Infrastructure(
                components: f.coverage.measuredKinds.map {
                    Component(componentName: $0.kind, componentType: componentType($0.kind), nbComponent: $0.count)
                }),
            environment: Environment(
                powerSourceCarbonIntensity: kilowattHours > 0 ? f.headline.co2eDirectGrams / kilowattHours : nil),
            quality: quality(f.coverage))
    }

    /// high: ≥ 90 % covered and < 10 % fallback intensity; medium: ≥ 50 %; else low.
    static func quality(_ coverage: Coverage) -> String {
        let covered = coverage.coverageFraction ?? 0
        let fallback = coverage.fallbackIntensityShare ?? 1
        if covered >= 0.9 && fallback < 0.1 { return "high" }
        return covered >= 0.5 ? "medium" : "low"
    }

    static func componentType(_ kind: String) -> String {
        switch kind {
        case "gpu": "gpu"
        case "package", "core", "uncore": "cpu"
        case "dram": "ram"
        default: "other"
        }
    }

    /// A stable id per month and tenant, shaped as a UUID (version 4 bits set).
    static func reportID(_ f: ReportFigures) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in "frugal/\(f.month)/\(f.tenant ?? "")".utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        var generator = SplitMix64(seed: hash)
        var bytes = (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
        bytes[6] = (bytes[6] & 0x0f) | 0x40
        bytes[8] = (bytes[8] & 0x3f) | 0x80
        let hex = bytes.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }
        return [hex[0..<4], hex[4..<6], hex[6..<8], hex[8..<10], hex[10..<16]].map { $0.joined() }.joined(
            separator: "-")
    }

    /// "YYYY-MM-DD HH:MM:SS", UTC, as the schema asks.
    static func dateTime(_ instant: Timestamp) -> String {
        ReportJSON.isoDate(instant).replacingOccurrences(of: "T", with: " ").replacingOccurrences(of: "Z", with: "")
    }
}
