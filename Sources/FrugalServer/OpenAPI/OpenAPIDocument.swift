/// `/openapi.json`: the OpenAPI 3.1 description of every route, written by
/// hand and kept true by two tests (every route is described; schemathesis
/// finds no answer that breaks it).
enum OpenAPIDocument {
    static let json = """
        {"openapi": "3.1.0",
         "info": {"title": "Frugal cost API", "version": "1",
           "description": "Measured energy (J) and CO2e (g) of LLM inference per model, tenant and request, read from the attribution tables. Every figure says where it came from (provenance). Instants are RFC 3339; windows are [from, to)."},
         "servers": [{"url": "/"}],
         "security": [{"bearer": []}],
         "paths": {
        \(paths),
           "/healthz": {"get": {"operationId": "health", "summary": "The process answers.", "security": [],
             "responses": {"200": {"description": "alive", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Health"}}}}}}},
           "/readyz": {"get": {"operationId": "ready", "summary": "The store is readable and its schema current.", "security": [],
             "responses": {"200": {"description": "ready", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Health"}}}},
                           "503": {"$ref": "#/components/responses/NotReady"}}}},
           "/openapi.json": {"get": {"operationId": "openapi", "summary": "This document.", "security": [],
             "responses": {"200": {"description": "OpenAPI 3.1", "content": {"application/json": {"schema": {"type": "object"}}}}}}},
           "/metrics": {"get": {"operationId": "metrics", "summary": "Prometheus text exposition (admin and aggregate tokens).",
             "responses": {"200": {"description": "metrics", "content": {"text/plain": {"schema": {"type": "string"}}}},
                           "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"}}}}
         },
         "components": {
           "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer",
             "description": "A token from [server.tokens] (stored as its SHA-256). Roles: admin, aggregate (sums only), tenant:<id> (its own tenant only). With no token configured the API is open on loopback."}},
           "parameters": \(parameters),
           "responses": \(responses),
           "schemas": \(schemas)
         }
        }
        """

    static func problems(_ codes: [Int]) -> String {
        codes.map { code in
            let name = [400: "BadRequest", 401: "Unauthorized", 403: "Forbidden", 404: "NotFound"][code]!
            return "\"\(code)\": {\"$ref\": \"#/components/responses/\(name)\"}"
        }.joined(separator: ", ")
    }

    static func operation(
        _ id: String, _ summary: String, parameters: [String], schema: String, problems codes: [Int],
        pathParameter: String? = nil
    ) -> String {
        var refs = parameters.map { "{\"$ref\": \"#/components/parameters/\($0)\"}" }
        if let pathParameter {
            refs.insert(
                "{\"name\": \"\(pathParameter)\", \"in\": \"path\", \"required\": true, \"schema\": {\"type\": \"string\", \"minLength\": 1}}",
                at: 0)
        }
        return """
            {"get": {"operationId": "\(id)", "summary": "\(summary)", "parameters": [\(refs.joined(separator: ", "))],
              "responses": {"200": {"description": "OK", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/\(schema)"}}}},
                            \(problems(codes + [401]))}}}
            """
    }

    static let paths = [
        "\"/v1/models\": "
            + operation(
                "listModels", "Cost of each model over the window: per request, per 1k prompt and completion tokens.",
                parameters: ["From", "To", "Host"], schema: "ModelList", problems: [400]),
        "\"/v1/models/{model}\": "
            + operation(
                "getModel", "Cost of one model over the window.", parameters: ["From", "To", "Host"],
                schema: "ModelCost", problems: [400, 404], pathParameter: "model"),
        "\"/v1/tenants\": "
            + operation(
                "listTenants", "Cost per tenant (a tenant token sees its own only).",
                parameters: ["From", "To", "Host", "Model", "Tenant"], schema: "TenantList", problems: [400, 403]),
        "\"/v1/requests\": "
            + operation(
                "listRequests", "Requests starting in the window (default: the last day), oldest first, one page.",
                parameters: ["From", "To", "Host", "Model", "Tenant", "Status", "Limit", "Cursor"],
                schema: "RequestPage", problems: [400, 403]),
        "\"/v1/requests/{id}\": "
            + operation(
                "getRequest", "One request by its gateway id, with its energy per window and per power domain.",
                parameters: ["Host"], schema: "RequestDetail", problems: [400, 403, 404], pathParameter: "id"),
        "\"/v1/hosts\": "
            + operation(
                "listHosts", "Hosts and their attribution books (measured = idle + attributed + unattributed).",
                parameters: ["From", "To"], schema: "HostList", problems: [400, 403]),
        "\"/v1/grid/intensity\": "
            + operation(
                "gridIntensity",
                "Grid carbon intensity of every quarter hour with its source: stored, else the fallbacks (default: the last day, at most 31 days).",
                parameters: ["From", "To", "Zone"], schema: "Grid", problems: [400]),
        "\"/v1/estimate\": "
            + operation(
                "estimate", "Expected energy and CO2e of one request from measured history, with its spread.",
                parameters: ["EstimateModel", "PromptTokens", "CompletionTokens", "Host"], schema: "Estimate",
                problems: [400, 404]),
    ].joined(separator: ",\n")
}
