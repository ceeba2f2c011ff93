extension OpenAPIDocument {
    static let parameters = """
        {"From": {"name": "from", "in": "query", "description": "Window start, RFC 3339 (default: `to` minus 30 days; 1 day for requests and intensity).", "schema": {"type": "string", "format": "date-time"}},
         "To": {"name": "to", "in": "query", "description": "Window end, RFC 3339, exclusive (default: now). At most 366 days after `from`.", "schema": {"type": "string", "format": "date-time"}},
         "Host": {"name": "host", "in": "query", "schema": {"type": "string", "minLength": 1, "maxLength": 200}},
         "Model": {"name": "model", "in": "query", "schema": {"type": "string", "minLength": 1, "maxLength": 200}},
         "Tenant": {"name": "tenant", "in": "query", "schema": {"type": "string", "minLength": 1, "maxLength": 200}},
         "Zone": {"name": "zone", "in": "query", "description": "Grid zone (default from [server] grid_zone).", "schema": {"type": "string", "minLength": 1, "maxLength": 200}},
         "Status": {"name": "status", "in": "query", "description": "HTTP status the gateway answered.", "schema": {"type": "integer", "minimum": 100, "maximum": 599}},
         "Limit": {"name": "limit", "in": "query", "description": "Page size (default 100; the maximum is [server] max_page_size, 1000 by default).", "schema": {"type": "integer", "minimum": 1, "maximum": 1000}},
         "Cursor": {"name": "cursor", "in": "query", "description": "The `next_cursor` of the previous page.", "schema": {"type": "string"}},
         "EstimateModel": {"name": "model", "in": "query", "required": true, "schema": {"type": "string", "minLength": 1, "maxLength": 200}},
         "PromptTokens": {"name": "prompt_tokens", "in": "query", "required": true, "schema": {"type": "integer", "minimum": 0, "maximum": 10000000}},
         "CompletionTokens": {"name": "completion_tokens", "in": "query", "required": true, "schema": {"type": "integer", "minimum": 0, "maximum": 10000000}}}
        """

    static let responses = """
        {"BadRequest": {"description": "A parameter is invalid; `detail` says what to send instead.", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}},
         "Unauthorized": {"description": "No or unknown bearer token.", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}},
         "Forbidden": {"description": "The token's role may not read this.", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}},
         "NotFound": {"description": "Unknown model or request.", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}},
         "NotReady": {"description": "The store cannot be read or its schema is not current.", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}}
        """

    static let schemas = """
        {"Problem": {"type": "object", "required": ["type", "title", "status", "detail"], "properties": {
            "type": {"type": "string", "format": "uri-reference"}, "title": {"type": "string"}, "status": {"type": "integer"},
            "detail": {"type": "string", "description": "What went wrong and what to send instead."}, "parameter": {"type": "string"}}},
         "Health": {"type": "object", "required": ["status"], "properties": {"status": {"type": "string", "enum": ["ok", "ready"]}, "schema_version": {"type": "integer"}}},
         "Window": {"type": "object", "required": ["from", "to"], "properties": {"from": {"type": "string", "format": "date-time"}, "to": {"type": "string", "format": "date-time"}}},
         "Energy": {"type": "object", "required": ["dynamic_joules", "idle_joules", "full_joules"], "properties": {
            "dynamic_joules": {"type": "number", "description": "Energy of the work itself."},
            "idle_joules": {"type": "number", "description": "Allocated share of idle energy."},
            "full_joules": {"type": "number", "description": "dynamic + idle: the full cost."}}},
         "CO2e": {"type": "object", "required": ["direct_grams"], "properties": {
            "direct_grams": {"type": "number", "description": "Energy × [carbon] pue × the grid intensity of each quarter hour: eCO2mix consolidated or live, else cached, historical, historical_profile or static (see provenance.intensity)."},
            "lifecycle_grams": {"type": "number", "description": "Direct grams plus energy × PUE × the upstream adder (fuel upstream, plant construction, grid) named in provenance.lifecycle_factor: never below direct. Absent when [carbon] lifecycle = false."}}},
         "SCI": {"type": "object", "description": "Green Software Foundation SCI = (E·I + M) / R, as frugal carbon footprint computes it.", "required": ["boundary", "scope", "pue", "embodied", "energy_joules", "operational_grams", "embodied_grams", "grams_per_request", "grams_per_thousand_tokens"], "properties": {
            "boundary": {"type": "string", "description": "What E covers and the PUE applied, in words."},
            "scope": {"type": "string", "enum": ["components", "node"], "description": "components: CPU packages, DRAM, GPUs as RAPL/NVML report them; node: a whole-node meter ([carbon] boundary)."},
            "pue": {"type": "number", "minimum": 1, "description": "[carbon] pue applied to E (1: none)."},
            "embodied": {"type": "string", "enum": ["configured", "not_configured"], "description": "Whether M counts [carbon.embodied]; not_configured: M = 0."},
            "energy_joules": {"type": "number", "description": "E: attributed energy (dynamic + allocated idle) × PUE."},
            "operational_grams": {"type": "number", "description": "E·I with each quarter's intensity (as co2e.direct_grams)."},
            "embodied_grams": {"type": "number", "description": "M: manufacturing kgCO2e × inference share / (lifetime × 8,766 h) for each quarter hour with usage, allocated like idle energy."},
            "grams_per_request": {"type": ["number", "null"], "description": "(E·I + M) / R; null without requests."},
            "grams_per_thousand_tokens": {"type": ["number", "null"], "description": "(E·I + M) per 1,000 prompt + completion tokens; null without tokens."}}},
         "Figure": {"type": "object", "required": ["energy", "co2e"], "properties": {"energy": {"$ref": "#/components/schemas/Energy"}, "co2e": {"$ref": "#/components/schemas/CO2e"}}},
         "NullableFigure": {"anyOf": [{"$ref": "#/components/schemas/Figure"}, {"type": "null"}]},
         "Provenance": {"type": "object", "required": ["energy", "intensity", "boundary", "embodied"], "properties": {
            "energy": {"type": "string", "enum": ["measured", "estimated", "none"]},
            "intensity": {"type": "array", "items": {"type": "object", "required": ["source", "energy_share"], "properties": {"source": {"$ref": "#/components/schemas/IntensitySource"}, "energy_share": {"type": "number", "minimum": 0, "maximum": 1}}}},
            "lifecycle_factor": {"type": "string", "description": "Key of the upstream adder: 'configured' ([carbon.upstream], with its source), else its key in Data/factors/lifecycle.csv; absent when [carbon] lifecycle = false."},
            "token_split": {"type": "string", "enum": ["coefficients", "prompt_token_weight"]},
            "boundary": {"type": "string", "description": "What the energy covers and the PUE applied to CO2e."},
            "embodied": {"type": "string", "enum": ["configured", "not_configured"], "description": "Whether [carbon.embodied] is counted in SCI."}}},
         "PerRequest": {"type": "object", "required": ["energy", "co2e", "sci_grams"], "properties": {
            "energy": {"$ref": "#/components/schemas/Energy"}, "co2e": {"$ref": "#/components/schemas/CO2e"},
            "full_joules_p50": {"type": "number"}, "full_joules_p90": {"type": "number"},
            "sci_grams": {"type": "number", "description": "SCI = (E·I + M) / R in grams per request (sci.grams_per_request)."}}},
         "ModelCost": {"type": "object", "required": ["model", "window", "requests", "prompt_tokens", "completion_tokens", "total", "per_request", "per1k_prompt_tokens", "per1k_completion_tokens", "sci", "provenance"], "properties": {
            "model": {"type": "string"}, \(summaryProperties)}},
         "TenantCost": {"type": "object", "required": ["tenant", "window", "requests", "prompt_tokens", "completion_tokens", "total", "per_request", "per1k_prompt_tokens", "per1k_completion_tokens", "sci", "provenance"], "properties": {
            "tenant": {"type": "string"}, \(summaryProperties)}},
         "ModelList": {"type": "object", "required": ["window", "models"], "properties": {"window": {"$ref": "#/components/schemas/Window"}, "models": {"type": "array", "items": {"$ref": "#/components/schemas/ModelCost"}}}},
         "TenantList": {"type": "object", "required": ["window", "tenants"], "properties": {"window": {"$ref": "#/components/schemas/Window"}, "tenants": {"type": "array", "items": {"$ref": "#/components/schemas/TenantCost"}}}},
         "Request": {"type": "object", "required": ["id", "host", "tenant", "model", "start", "end", "status", "provenance"], "properties": {
            "id": {"type": "string"}, "host": {"type": "string"}, "tenant": {"type": "string"}, "model": {"type": "string"},
            "start": {"type": "string", "format": "date-time"}, "first_token": {"type": "string", "format": "date-time"}, "end": {"type": "string", "format": "date-time"},
            "prompt_tokens": {"type": "integer"}, "completion_tokens": {"type": "integer"}, "status": {"type": "integer"},
            "energy": {"$ref": "#/components/schemas/Energy"}, "co2e": {"$ref": "#/components/schemas/CO2e"},
            "sci": {"$ref": "#/components/schemas/SCI", "description": "In /v1/requests/{id} only, once priced (R = 1)."},
            "provenance": {"$ref": "#/components/schemas/Provenance"}}},
         "RequestPage": {"type": "object", "required": ["window", "limit", "requests"], "properties": {
            "window": {"$ref": "#/components/schemas/Window"}, "limit": {"type": "integer"},
            "requests": {"type": "array", "items": {"$ref": "#/components/schemas/Request"}},
            "next_cursor": {"type": "string", "description": "Absent on the last page."}}},
         "RequestDetail": {"type": "object", "required": ["request", "windows"], "properties": {
            "request": {"$ref": "#/components/schemas/Request"},
            "windows": {"type": "array", "items": {"type": "object", "required": ["start", "end", "energy", "intensity_g_per_kwh", "intensity_source", "method", "domains"], "properties": {
              "start": {"type": "string", "format": "date-time"}, "end": {"type": "string", "format": "date-time"},
              "energy": {"$ref": "#/components/schemas/Energy"}, "intensity_g_per_kwh": {"type": "number"}, "intensity_source": {"$ref": "#/components/schemas/IntensitySource"},
              "method": {"type": "string"},
              "domains": {"type": "array", "items": {"type": "object", "required": ["domain", "dynamic_joules", "idle_joules"], "properties": {
                "domain": {"type": "string"}, "dynamic_joules": {"type": "number"}, "idle_joules": {"type": "number"}}}}}}}}},
         "Book": {"type": "object", "required": ["measured_joules", "idle_joules", "attributed_joules", "unattributed_joules"], "properties": {
            "measured_joules": {"type": "number"}, "idle_joules": {"type": "number"}, "attributed_joules": {"type": "number"}, "unattributed_joules": {"type": "number"}}},
         "HostList": {"type": "object", "required": ["window", "hosts"], "properties": {"window": {"$ref": "#/components/schemas/Window"},
            "hosts": {"type": "array", "items": {"type": "object", "required": ["name", "windows", "energy", "domains", "provenance"], "properties": {
              "name": {"type": "string"}, "first_seen": {"type": "string", "format": "date-time"}, "last_seen": {"type": "string", "format": "date-time"},
              "windows": {"type": "integer"}, "latest_window_end": {"type": "string", "format": "date-time"},
              "energy": {"$ref": "#/components/schemas/Book"}, "provenance": {"type": "string"},
              "domains": {"type": "array", "items": {"type": "object", "required": ["domain", "kind", "counted", "energy"], "properties": {
                "domain": {"type": "string"}, "kind": {"type": "string"}, "counted": {"type": "boolean"}, "energy": {"$ref": "#/components/schemas/Book"}}}}}}}}},
         "IntensitySource": {"type": "string", "enum": ["consolidated", "live", "cached", "historical", "historical_profile", "static"], "description": "Where a quarter's intensity came from: RTE eCO2mix consolidated or real-time (live), the newest feed value of the 3 hours before (cached), the bundled eCO2mix history (historical), its same-quarter profile, or [carbon] static_g_per_kwh."},
         "Intensity": {"type": "object", "required": ["intensity_g_per_kwh", "source"], "properties": {"intensity_g_per_kwh": {"type": "number"}, "source": {"type": "string"}}},
         "Grid": {"type": "object", "required": ["zone", "window", "quarters", "fallback", "lifecycle"], "properties": {
            "zone": {"type": "string"}, "window": {"$ref": "#/components/schemas/Window"},
            "quarters": {"type": "array", "items": {"type": "object", "required": ["start", "intensity_g_per_kwh", "source"], "properties": {
              "start": {"type": "string", "format": "date-time"}, "intensity_g_per_kwh": {"type": "number"}, "source": {"$ref": "#/components/schemas/IntensitySource"}}}},
            "fallback": {"$ref": "#/components/schemas/Intensity"}, "lifecycle": {"$ref": "#/components/schemas/Intensity", "description": "The upstream adder, g/kWh, added to each quarter's direct intensity for the lifecycle view."}}},
         "Estimate": {"type": "object", "required": ["model", "prompt_tokens", "completion_tokens", "method", "energy", "co2e", "intensity_g_per_kwh", "based_on", "provenance"], "properties": {
            "model": {"type": "string"}, "prompt_tokens": {"type": "integer"}, "completion_tokens": {"type": "integer"},
            "method": {"type": "string", "enum": ["coefficients", "per_token_average"]},
            "energy": {"$ref": "#/components/schemas/Energy"}, "co2e": {"$ref": "#/components/schemas/CO2e"}, "intensity_g_per_kwh": {"type": "number"},
            "spread": {"type": "object", "required": ["low_full_joules", "high_full_joules", "basis"], "properties": {
              "low_full_joules": {"type": "number"}, "high_full_joules": {"type": "number"}, "basis": {"type": "string", "enum": ["standard_error", "p10_p90"]}}},
            "based_on": {"type": "object", "required": ["window", "requests", "hosts"], "properties": {
              "window": {"$ref": "#/components/schemas/Window"}, "requests": {"type": "integer"}, "hosts": {"type": "array", "items": {"type": "string"}}}},
            "provenance": {"$ref": "#/components/schemas/Provenance"}}}}
        """

    static let summaryProperties = """
        "window": {"$ref": "#/components/schemas/Window"}, "requests": {"type": "integer", "description": "Requests that ended in the window."},
            "prompt_tokens": {"type": "integer"}, "completion_tokens": {"type": "integer"},
            "total": {"$ref": "#/components/schemas/Figure"},
            "per_request": {"anyOf": [{"$ref": "#/components/schemas/PerRequest"}, {"type": "null"}]},
            "per1k_prompt_tokens": {"$ref": "#/components/schemas/NullableFigure"},
            "per1k_completion_tokens": {"$ref": "#/components/schemas/NullableFigure"},
            "sci": {"$ref": "#/components/schemas/SCI"},
            "provenance": {"$ref": "#/components/schemas/Provenance"}
        """
}
