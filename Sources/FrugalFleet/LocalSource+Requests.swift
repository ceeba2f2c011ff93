extension LocalSource {
    /// Requests after `key` (at most `limit`), the highest key read, and the
    /// ingest state beside them (offsets and counters are small: sent whole).
    func requests(after key: Int64, limit: Int) throws -> (Shipment, highest: Int64) {
        try snapshot {
            var shipment = Shipment()
            let requests = try rows(
                FleetTables.requestsSelect, FleetTables.requestTypes, [.integer(key), .integer(Int64(limit))])
            shipment.add(FleetTables.requestsInsert, requests)
            shipment.add(
                FleetTables.offsetsInsert, try rows(FleetTables.offsetsSelect, FleetTables.offsetTypes, [.text(host)]))
            shipment.add(
                FleetTables.countersInsert,
                try rows(FleetTables.countersSelect, FleetTables.counterTypes, [.text(host)]))
            return (shipment, requests.last?[1].int64 ?? key)
        }
    }

    /// Quarantined lines after `key`, at most `limit`, with the highest key read.
    func quarantine(after key: Int64, limit: Int) throws -> (Shipment, highest: Int64) {
        var shipment = Shipment()
        let lines = try rows(
            FleetTables.quarantineSelect, FleetTables.quarantineTypes,
            [.integer(key), .integer(Int64(limit)), .text(host)])
        shipment.add(FleetTables.quarantineInsert, lines)
        return (shipment, lines.last?[1].int64 ?? key)
    }

    /// Model coefficients (whole) and grid intensities fetched at or after
    /// `fetchedSince`, with the newest fetch time read.
    func coefficientsAndGrid(fetchedSince: Int64) throws -> (Shipment, newestFetch: Int64) {
        try snapshot {
            var shipment = Shipment()
            shipment.add(
                FleetTables.coefficientsInsert, try rows(FleetTables.coefficientsSelect, FleetTables.coefficientTypes))
            let grid = try rows(FleetTables.gridSelect, FleetTables.gridTypes, [.integer(fetchedSince)])
            shipment.add(FleetTables.gridInsert, grid)
            return (shipment, grid.last?[4].int64 ?? fetchedSince)
        }
    }

    /// Windows computed after `(computedAt, start)`, at most `limit`, with
    /// their books, request shares and quarter usage; and the last position read.
    func windows(after position: WindowPosition, limit: Int) throws -> (WindowShipment, last: WindowPosition) {
        try snapshot {
            var shipment = WindowShipment()
            let windows = try rows(
                FleetTables.windowsSelect, FleetTables.windowTypes,
                [.integer(position.computedAt), .integer(position.start), .integer(Int64(limit))])
            var last = position
            for window in windows {
                let key = [window[0], window[1]]
                shipment.windows.append(window)
                shipment.books += try rows(FleetTables.booksSelect, FleetTables.bookTypes, key)
                shipment.shares += try rows(FleetTables.sharesSelect, FleetTables.shareTypes, key)
                shipment.usage += try rows(FleetTables.usageSelect, FleetTables.usageTypes, key)
                last = WindowPosition(computedAt: window[3].int64 ?? 0, start: window[1].int64 ?? 0)
            }
            return (shipment, last)
        }
    }
}

/// How far attribution windows were shipped: computation time, then window start.
struct WindowPosition: Hashable, Sendable {
    var computedAt: Int64
    var start: Int64
}

/// Attribution windows with everything they replace.
struct WindowShipment: Sendable {
    var windows: [[FleetValue]] = []
    var books: [[FleetValue]] = []
    var shares: [[FleetValue]] = []
    var usage: [[FleetValue]] = []

    /// Window starts per host.
    var startsByHost: [String: [Int64]] {
        var starts: [String: [Int64]] = [:]
        for window in windows {
            guard case .text(let host) = window[0], let start = window[1].int64 else { continue }
            starts[host, default: []].append(start)
        }
        return starts
    }
}
