import Foundation
import FrugalCore
import FrugalRuntime
import FrugalServer
import Hummingbird
import Logging
import ServiceLifecycle

// api-benchmark STORE [--requests N] [--port P] [--trivial-port Q] [--no-cache]
// Seeds STORE with a month of data when it does not exist, then serves the
// cost API on P and a trivial Hummingbird route (GET /trivial) on Q until SIGINT.
let arguments = CommandLine.arguments
func option(_ name: String) -> String? {
    arguments.firstIndex(of: name).flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
}
guard arguments.count > 1 else {
    FileHandle.standardError.write(
        Data("usage: api-benchmark STORE [--requests N] [--port P] [--trivial-port Q] [--no-cache]\n".utf8))
    exit(64)
}
let path = arguments[1]
if !FileManager.default.fileExists(atPath: path) {
    let requests = Int(option("--requests") ?? "1000000")!
    let clock = ContinuousClock()
    let elapsed = try clock.measure { try MonthSeeder(path: path, requests: requests).seed() }
    print("seeded \(requests) requests into \(path) in \(elapsed)")
}
var logger = Logger(label: "api-benchmark")
logger.logLevel = .warning
var config = FrugalConfig()
config.server.listen = "127.0.0.1:\(option("--port") ?? "9464")"
// "now" is the end of the seeded month, so default windows cover it.
let end = Timestamp(nanosecondsSinceEpoch: MonthSeeder.start + MonthSeeder.quarters * MonthSeeder.quarter)
let server = try CostServer(
    config: config, storePath: path, version: "bench", logger: logger,
    cacheResponses: !arguments.contains("--no-cache"), now: { end })
let trivialRouter = Router()
trivialRouter.get("/trivial") { _, _ in "ok" }
let trivial = Application(
    router: trivialRouter,
    configuration: .init(address: .hostname("127.0.0.1", port: Int(option("--trivial-port") ?? "9465")!)),
    logger: logger)
print("serving", config.server.listen, "and trivial on", option("--trivial-port") ?? "9465")
let group = ServiceGroup(
    configuration: .init(services: [server, trivial], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
try await group.run()
