import Foundation
import FrugalServer
import HummingbirdTesting
import Testing

@Suite struct OpenAPITests {
    @Test func everyRouteIsDescribedAndEveryDescribedRouteExists() async throws {
        let server = try TestServer()
        defer { server.seeded.remove() }
        let routes = Set(
            server.server.makeRouter().routes.map { route in
                "/"
                    + route.path.description.split(separator: "/").map {
                        $0.hasPrefix(":") ? "{\($0.dropFirst())}" : $0
                    }
                    .joined(separator: "/")
            })
        try await server.server.application().test(.router) { client in
            let (status, _, json) = try await client.get("/openapi.json", token: nil)
            #expect(status == .ok)
            #expect(field(json, "openapi") as? String == "3.1.0")
            let paths = Set((try #require(field(json, "paths") as? [String: Any])).keys)
            #expect(paths == routes)
            // Every $ref points at a component that exists.
            let components = try #require(field(json, "components") as? [String: [String: Any]])
            let refs = Self.refs(json as Any)
            #expect(refs.count > 20)
            for ref in refs {
                let parts = ref.split(separator: "/").map(String.init)
                #expect(parts.count == 4 && components[parts[2]]?[parts[3]] != nil, "\(ref)")
            }
        }
    }

    static func refs(_ value: Any) -> [String] {
        if let object = value as? [String: Any] {
            return object.flatMap { key, child in key == "$ref" ? [child as? String].compactMap { $0 } : refs(child) }
        }
        if let array = value as? [Any] { return array.flatMap(refs) }
        return []
    }
}
