import BigInt
import Foundation
import JaxCore

/// `repr()` and `str()` of values, as Python prints them.
extension Interpreter {
    func repr(_ v: PyValue) throws(PyException) -> String {
        switch v {
        case .none: return "None"
        case .bool(let b): return b ? "True" : "False"
        case .int(let i): return String(i)
        case .bigInt(let b): return try bigIntText(b)
        case .float(let d): return Interpreter.floatRepr(d)
        case .str(let s): return Interpreter.stringRepr(s)
        case .tuple(let items):
            if items.count == 1 { return "(\(try repr(items[0])),)" }
            return "(" + (try reprItems(items)) + ")"
        case .list(let l):
            return try guarded(l) { () throws(PyException) in "[" + (try reprItems(l.items)) + "]" } ?? "[...]"
        case .dict(let d):
            return try guarded(d) { () throws(PyException) in
                var parts: [String] = []
                for (k, value) in d.items { parts.append("\(try repr(k)): \(try repr(value))") }
                return "{" + parts.joined(separator: ", ") + "}"
            } ?? "{...}"
        case .object(let instance as PyInstance):
            // a user's __repr__ that prints its own object recurses until RecursionError, as in CPython
            return try instance.repr(self)
        case .object(let o):
            return try guarded(o) { () throws(PyException) in try o.repr(self) } ?? "..."
        }
    }

    func str(_ v: PyValue) throws(PyException) -> String {
        switch v {
        case .str(let s): return s
        case .object(let o): return try o.str(self)
        default: return try repr(v)
        }
    }

    func reprItems(_ items: [PyValue]) throws(PyException) -> String {
        var parts: [String] = []
        parts.reserveCapacity(items.count)
        for item in items { parts.append(try repr(item)) }
        return parts.joined(separator: ", ")
    }

    /// Runs `body` unless `object` is already being printed (a self-containing list), and
    /// guards the depth of nested printing.
    private func guarded(_ object: AnyObject, _ body: () throws(PyException) -> String) throws(PyException) -> String? {
        let id = ObjectIdentifier(object)
        if reprInProgress.contains(id) { return nil }
        if reprInProgress.count > Interpreter.recursionLimit {
            throw PyException("RecursionError", "maximum recursion depth exceeded while getting the repr of an object")
        }
        reprInProgress.insert(id)
        defer { reprInProgress.remove(id) }
        return try body()
    }

    /// Decimal text of a big int, refusing the sizes Python refuses (over 4300 digits).
    func bigIntText(_ b: BigInt) throws(PyException) -> String {
        if b.magnitude.bitWidth > 14_300 {
            throw PyException.valueError(
                "Exceeds the limit (4300 digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit")
        }
        return String(b)
    }

    /// Python's `repr(float)`: the shortest text that reads back the same double.
    static func floatRepr(_ d: Double) -> String {
        PythonFloat.repr(d)
    }

    /// Python's `repr(str)`: single quotes unless the text has a single quote and no double one.
    static func stringRepr(_ s: String) -> String {
        let useDouble = s.contains("'") && !s.contains("\"")
        let quote: Character = useDouble ? "\"" : "'"
        var out = String(quote)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "'" where !useDouble: out += "\\'"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\x" + hex(scalar.value, width: 2)
                } else if scalar.value >= 0x80 && scalar.value < 0xA0 {
                    out += "\\x" + hex(scalar.value, width: 2)
                } else if scalar != " " && !scalar.properties.isPrintableForRepr {
                    out += scalar.value > 0xFFFF ? "\\U" + hex(scalar.value, width: 8) : "\\u" + hex(scalar.value, width: 4)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out.append(quote)
        return out
    }

    private static func hex(_ v: UInt32, width: Int) -> String {
        let h = String(v, radix: 16)
        return String(repeating: "0", count: max(0, width - h.count)) + h
    }
}

extension Unicode.Scalar.Properties {
    /// Roughly Python's `str.isprintable` for one character: not a control, format,
    /// separator (other than space), surrogate or unassigned code point.
    var isPrintableForRepr: Bool {
        switch generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator:
            return false
        case .spaceSeparator:
            return false
        default:
            return true
        }
    }
}
