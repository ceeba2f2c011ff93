import FrugalCore

extension StoreEngine {
    func saveCoefficients(host: String, _ rows: [StoredCoefficients]) throws {
        try db.transaction {
            let upsert = try db.cached(
                """
                INSERT OR REPLACE INTO model_coefficients (host, model, fitted_at_ns, prefill_uj_per_token,
                    decode_uj_per_token, prefill_se_uj_per_token, decode_se_uj_per_token, decode_batch_exponent,
                    r_squared, intervals)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
                """)
            for row in rows {
                upsert.reset()
                let c = row.coefficients
                try upsert.bind(host, at: 1)
                try upsert.bind(row.model, at: 2)
                try upsert.bind(row.fittedAt.nanosecondsSinceEpoch, at: 3)
                try upsert.bind(Self.microjoules(c.prefillJoulesPerToken), at: 4)
                try upsert.bind(Self.microjoules(c.decodeJoulesPerToken), at: 5)
                try upsert.bind(c.prefillStandardError.map(Self.microjoules), at: 6)
                try upsert.bind(c.decodeStandardError.map(Self.microjoules), at: 7)
                try upsert.bind(row.decodeBatchExponent, at: 8)
                if let r2 = row.rSquared { try upsert.bind(r2, at: 9) } else { try upsert.bindNull(at: 9) }
                try upsert.bind(Int64(row.intervals), at: 10)
                try upsert.run()
            }
            upsert.reset()
        }
    }

    func coefficients(host: String) throws -> [StoredCoefficients] {
        let select = try db.cached(
            """
            SELECT model, fitted_at_ns, prefill_uj_per_token, decode_uj_per_token, prefill_se_uj_per_token,
                   decode_se_uj_per_token, decode_batch_exponent, r_squared, intervals
            FROM model_coefficients WHERE host = ?1 ORDER BY model
            """)
        defer { select.reset() }
        try select.bind(host, at: 1)
        var rows: [StoredCoefficients] = []
        while try select.step() {
            func joules(_ i: Int32) -> Double? { select.optionalInt64(at: i).map { Double($0) / 1e6 } }
            rows.append(
                StoredCoefficients(
                    model: select.text(at: 0), fittedAt: Timestamp(nanosecondsSinceEpoch: select.int64(at: 1)),
                    coefficients: ModelCoefficients(
                        prefillJoulesPerToken: joules(2)!, decodeJoulesPerToken: joules(3)!,
                        prefillStandardError: joules(4), decodeStandardError: joules(5)),
                    decodeBatchExponent: select.double(at: 6),
                    rSquared: select.isNull(at: 7) ? nil : select.double(at: 7),
                    intervals: Int(select.int64(at: 8))))
        }
        return rows
    }

    private static func microjoules(_ joules: Double) -> Int64 { Int64((joules * 1e6).rounded()) }
}
