#if canImport(Glibc)
import Glibc
#endif

/// IPython's way of printing durations and counts in `%timeit` and `%time`.
enum TimeFormat {
    /// IPython's `_format_time`: three significant digits in s, ms, µs or ns; minutes and
    /// more as `1min 5s`.
    static func duration(_ seconds: Double, precision: Int = 3) -> String {
        guard seconds.isFinite else { return "\(seconds) s" }
        if seconds >= 60 {
            var parts: [String] = []
            var leftover = seconds
            for (suffix, length) in [("d", 86_400.0), ("h", 3_600.0), ("min", 60.0), ("s", 1.0)] {
                let value = Int(leftover / length)
                if value > 0 {
                    leftover = leftover.truncatingRemainder(dividingBy: length)
                    parts.append("\(value)\(suffix)")
                }
                if leftover < 1 { break }
            }
            return parts.joined(separator: " ")
        }
        let units = ["s", "ms", "µs", "ns"]
        let scaling = [1.0, 1e3, 1e6, 1e9]
        var order = 3
        if seconds > 0 {
            let exponent = Int(log10(seconds).rounded(.down))
            order = min(-floorDivide(exponent, 3), 3)
        }
        return significant(seconds * scaling[order], digits: precision) + " " + units[order]
    }

    /// C's `%.*g`.
    static func significant(_ value: Double, digits: Int) -> String {
        cFormat("%.*g", [Int32(digits), value])
    }

    /// C's `%0.2f`.
    static func fixed2(_ value: Double) -> String {
        cFormat("%0.2f", [value])
    }

    private static func cFormat(_ format: String, _ arguments: [any CVarArg]) -> String {
        var buffer = [CChar](repeating: 0, count: 64)
        let length = withVaList(arguments) { list in vsnprintf(&buffer, buffer.count, format, list) }
        let bytes = buffer.prefix(max(0, min(Int(length), buffer.count - 1))).map { UInt8(bitPattern: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Python's `{:,}`: 10000 -> "10,000".
    static func grouped(_ number: Int) -> String {
        let digits = String(number.magnitude)
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { result += "," }
            result.append(digit)
        }
        return number < 0 ? "-" + result : result
    }

    /// IPython's TimeitResult line from the per-loop time of each run.
    static func timeitSummary(perLoop timings: [Double], loops: Int, precision: Int = 3) -> String {
        let count = Double(max(timings.count, 1))
        let mean = timings.reduce(0, +) / count
        let deviation = (timings.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / count).squareRoot()
        let runs = timings.count
        return "\(duration(mean, precision: precision)) ± \(duration(deviation, precision: precision)) per loop "
            + "(mean ± std. dev. of \(runs) run\(runs == 1 ? "" : "s"), "
            + "\(grouped(loops)) loop\(loops == 1 ? "" : "s") each)"
    }

    private static func floorDivide(_ a: Int, _ b: Int) -> Int {
        let quotient = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? quotient - 1 : quotient
    }

    /// Seconds on a monotonic clock.
    static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
    }

    /// User and system CPU seconds used by this process so far.
    static func cpuTimes() -> (user: Double, system: Double) {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func seconds(_ value: timeval) -> Double { Double(value.tv_sec) + Double(value.tv_usec) * 1e-6 }
        return (seconds(usage.ru_utime), seconds(usage.ru_stime))
    }
}
