import Foundation
import FrugalServer
import HummingbirdTesting
import Testing

/// schemathesis (PyPI, installed in .venv-ci by .ci/python-tools.sh) reads
/// /openapi.json from the running server on loopback, over a seeded store,
/// and sends generated requests to every operation: any 5xx, any answer
/// that breaks the document (status, content type, schema) is a failure.
@Suite struct SchemathesisTests {
    @Test(.timeLimit(.minutes(10))) func theServerKeepsItsOpenAPIDocument() async throws {
        guard let schemathesis = Tools.find("schemathesis") else {
            try Tools.skipUnlessRequired("schemathesis (.ci/python-tools.sh)")
            return
        }
        let server = try TestServer()
        try await server.server.application().test(.live) { client in
            let port = try #require(client.port)
            let report = server.seeded.directory.appendingPathComponent("junit.xml").path
            let (status, output) = try Tools.run(
                schemathesis,
                [
                    "run", "http://127.0.0.1:\(port)/openapi.json", "--checks", "all",
                    "--exclude-checks", "positive_data_acceptance",
                    "--header", "Authorization: Bearer \(TestServer.adminToken)",
                    "--max-examples", ProcessInfo.processInfo.environment["FRUGAL_SCHEMATHESIS_EXAMPLES"] ?? "40",
                    "--seed", "2026", "--report", "junit", "--report-junit-path", report, "--no-color",
                    // The server runs in this process, on the cooperative pool that other suites' blocking
                    // tests (daemons, sleeps) can hold for seconds on a 2-core machine: wait, do not fail.
                    "--request-timeout", "60", "--wait-for-schema", "120",
                ], environment: ["SCHEMATHESIS_HOOKS": "", "NO_COLOR": "1"])
            #expect(status == 0, "schemathesis found failures:\n\(output.suffix(6_000))")
        }
        server.seeded.remove()
    }
}
