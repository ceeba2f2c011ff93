import Foundation
import FrugalCore

/// Per-worker sums of the windows' books and of each request's energy,
/// merged at the end (integer sums: the order does not matter).
final class Totals: @unchecked Sendable {
    struct Books {
        var measured = [Int64]()
        var idle = [Int64]()
        var attributed = [Int64]()
        var unattributed = [Int64]()
        var idleAllocated = [Int64]()
        var samples = 0
        var windows = 0
        var failures: [String] = []
    }

    private var dynamic: [[Int64]]
    private var idle: [[Int64]]
    private var books: [Books]

    init(requests: Int, domains: Int, workers: Int) {
        dynamic = Array(repeating: [Int64](repeating: 0, count: requests), count: workers)
        idle = dynamic
        let zero = [Int64](repeating: 0, count: domains)
        books = Array(
            repeating: Books(measured: zero, idle: zero, attributed: zero, unattributed: zero, idleAllocated: zero),
            count: workers)
    }

    /// Checks one window's books and adds them; `members[i]` is the global
    /// index of the window's i-th request.
    func add(_ result: AttributionResult, members: [Int], worker: Int, requests: [RequestRecord]) {
        var book = books[worker]
        book.windows += 1
        if !result.conserves { book.failures.append("window \(book.windows): a ledger does not balance") }
        for (i, global) in members.enumerated() where result.requests[i].id != requests[global].id {
            book.failures.append("request order differs at \(global)")
            break
        }
        let counted = result.countedIndices
        for (d, ledger) in result.ledgers.enumerated() {
            book.measured[d] += ledger.measured.microjoules
            book.idle[d] += ledger.idle.microjoules
            book.attributed[d] += ledger.attributed.microjoules
            book.unattributed[d] += ledger.unattributed.microjoules
            book.idleAllocated[d] += ledger.idleAllocated.microjoules
            book.samples += ledger.intervals
            if result.dynamic[d].reduce(0, +) != ledger.attributed.microjoules {
                book.failures.append("domain \(d): request parts do not add up to the attributed energy")
            }
            if result.idle[d].reduce(0, +) != ledger.idleAllocated.microjoules {
                book.failures.append("domain \(d): idle parts do not add up to the allocated idle")
            }
        }
        for (i, global) in members.enumerated() {
            let (d, l) = result.totals(at: i, counted: counted)
            dynamic[worker][global] += d
            idle[worker][global] += l
        }
        books[worker] = book
    }

    struct Summary {
        var books: Books
        var requestDynamic: Int64
        var requestIdle: Int64
        var countedAttributed: Int64
        var countedIdleAllocated: Int64
        var samples: Int { books.samples }

        func report(domains: [Domain]) -> String {
            var lines = ["domain | measured J | idle J | attributed J | unattributed J | balance µJ"]
            for (d, domain) in domains.enumerated() {
                let balance = books.measured[d] - books.idle[d] - books.attributed[d] - books.unattributed[d]
                lines.append(
                    "\(domain.id.rawValue) | \(books.measured[d] / 1_000_000) | \(books.idle[d] / 1_000_000) | "
                        + "\(books.attributed[d] / 1_000_000) | \(books.unattributed[d] / 1_000_000) | \(balance)")
            }
            let exact =
                books.failures.isEmpty && requestDynamic == countedAttributed && requestIdle == countedIdleAllocated
            lines.append(
                "requests' dynamic over counted domains: \(requestDynamic) µJ = attributed \(countedAttributed) µJ; "
                    + "idle \(requestIdle) µJ = allocated \(countedIdleAllocated) µJ")
            lines.append(
                exact ? "EXACT: every window's books balance to the µJ" : "FAILED: \(books.failures.prefix(5))")
            return lines.joined(separator: "\n")
        }
    }

    func merged(domains: [Domain]) -> Summary {
        var total = books[0]
        for book in books.dropFirst() {
            for d in total.measured.indices {
                total.measured[d] += book.measured[d]
                total.idle[d] += book.idle[d]
                total.attributed[d] += book.attributed[d]
                total.unattributed[d] += book.unattributed[d]
                total.idleAllocated[d] += book.idleAllocated[d]
            }
            total.samples += book.samples
            total.windows += book.windows
            total.failures += book.failures
        }
        let requestDynamic = dynamic.reduce(Int64(0)) { $0 + $1.reduce(0, +) }
        let requestIdle = idle.reduce(Int64(0)) { $0 + $1.reduce(0, +) }
        let counted = Set(HostTotal.domains(domains).map(\.id))
        let indices = domains.indices.filter { counted.contains(domains[$0].id) }
        return Summary(
            books: total, requestDynamic: requestDynamic, requestIdle: requestIdle,
            countedAttributed: indices.reduce(0) { $0 + total.attributed[$1] },
            countedIdleAllocated: indices.reduce(0) { $0 + total.idleAllocated[$1] })
    }
}
