#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The command line: see `main.swift`.
struct Options {
    var sysfsRoot = ""
    var operations = 100_000
    var expectDomains: Int?
    var loop: WakeLoop.Wait?
    var work = WakeLoop.Work.none
    var seconds = 60

    static func parse(_ arguments: [String]) -> Options {
        var options = Options()
        var rest = arguments[...]
        while let flag = rest.popFirst() {
            guard let value = rest.popFirst() else { usage("\(flag) needs a value") }
            switch flag {
            case "--sysfs-root": options.sysfsRoot = value
            case "--operations": options.operations = number(flag, value)
            case "--expect-domains": options.expectDomains = number(flag, value)
            case "--seconds": options.seconds = number(flag, value)
            case "--loop":
                guard let wait = WakeLoop.Wait(rawValue: value) else {
                    usage("--loop \(value): expected task or thread")
                }
                options.loop = wait
            case "--work":
                guard let work = WakeLoop.Work(rawValue: value) else { usage("--work \(value): expected none or tick") }
                options.work = work
            default: usage("unknown option \(flag)")
            }
        }
        if options.sysfsRoot.isEmpty { usage("--sysfs-root is required") }
        if options.operations < 1 || options.seconds < 1 { usage("--operations and --seconds must be at least 1") }
        return options
    }

    static func number(_ flag: String, _ value: String) -> Int {
        guard let number = Int(value) else { usage("\(flag) \(value): not a number") }
        return number
    }

    static func usage(_ problem: String) -> Never {
        printError("sampling-benchmark: \(problem)")
        printError(
            "usage: sampling-benchmark --sysfs-root DIR [--operations N] [--expect-domains N]\n"
                + "       sampling-benchmark --sysfs-root DIR --loop task|thread [--work none|tick] [--seconds N]")
        exit(64)
    }
}

/// Writes a line to standard error (the C `stderr` global is not concurrency-safe in Swift 6).
func printError(_ line: String) {
    var text = line + "\n"
    text.withUTF8 { bytes in _ = write(2, bytes.baseAddress, bytes.count) }
}
