import Foundation
import JaxCore

/// `time`: clocks and an interruptible `sleep`.
enum TimeModule {
    static func make(_ interp: Interpreter) -> PyModule {
        let m = PyModule("time")
        func clock(_ name: String, _ id: clockid_t) -> PyValue {
            .object(PyBuiltin(name) { (_: Interpreter, _: Arguments) throws(PyException) -> PyValue in
                var ts = timespec()
                clock_gettime(id, &ts)
                return .float(Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9)
            })
        }
        m.attributes["time"] = clock("time", CLOCK_REALTIME)
        m.attributes["perf_counter"] = clock("perf_counter", CLOCK_MONOTONIC)
        m.attributes["monotonic"] = clock("monotonic", CLOCK_MONOTONIC)
        m.attributes["sleep"] = .object(PyBuiltin("sleep") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("sleep", ["secs"], required: 1, positionalOnly: 1)
            var remaining = try TimeModule.sleepSeconds(slots[0] ?? .none, interp)
            if remaining < 0 { throw PyException.valueError("sleep length must be non-negative") }
            while remaining > 0 {
                try interp.context.checkInterrupt()
                let step = min(remaining, 0.05)
                usleep(UInt32(step * 1e6))
                remaining -= step
            }
            return .none
        })
        return m
    }

    /// `sleep`'s argument as CPython converts it to nanoseconds: NaN is a ValueError, and a time
    /// beyond 2**63 ns (about 292 years, infinity included) an OverflowError, so the loop
    /// above always ends.
    static func sleepSeconds(_ value: PyValue, _ interp: Interpreter) throws(PyException) -> Double {
        let limit = Double(Int64.max) / 1e9
        switch value {
        case .bool, .int, .bigInt:
            guard let i = value.bigIntValue, let small = Int(exactly: i), Double(small.magnitude) <= limit else {
                throw PyException("OverflowError", "timestamp too large to convert to C _PyTime_t")
            }
            return Double(small)
        default:
            let seconds = try interp.toFloat(value)
            if seconds.isNaN { throw PyException.valueError("Invalid value NaN (not a number)") }
            if abs(seconds) > limit { throw PyException("OverflowError", "timestamp out of range for platform time_t") }
            return seconds
        }
    }
}
