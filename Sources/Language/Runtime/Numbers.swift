import BigInt
import Foundation
import JaxCore

/// Python's int and float arithmetic: exact ints (Int fast path, BigInt on overflow) and
/// IEEE floats with Python's floor-division, modulo and error rules.
enum Numbers {
    /// Results of `**` and `<<` larger than this many bits are refused instead of hanging.
    static let maxResultBits = 1 << 22

    /// A number operand: ints (and bools) exact, floats as Double.
    enum Operand {
        case int(Int)
        case big(BigInt)
        case float(Double)

        init?(_ value: PyValue) {
            switch value {
            case .bool(let b): self = .int(b ? 1 : 0)
            case .int(let i): self = .int(i)
            case .bigInt(let b): self = .big(b)
            case .float(let d): self = .float(d)
            default: return nil
            }
        }

        var big: BigInt {
            switch self {
            case .int(let i): return BigInt(i)
            case .big(let b): return b
            case .float(let d): return BigInt(exactly: d.rounded(.towardZero)) ?? 0
            }
        }

        func double() throws(PyException) -> Double {
            switch self {
            case .int(let i): return Double(i)
            case .big(let b):
                let d = Double(b)
                if !d.isFinite { throw PyException("OverflowError", "int too large to convert to float") }
                return d
            case .float(let d): return d
            }
        }

        var isFloat: Bool {
            if case .float = self { return true }
            return false
        }
    }

    static func binary(_ op: BinaryOperator, _ a: Operand, _ b: Operand) throws(PyException) -> PyValue? {
        if a.isFloat || b.isFloat {
            return try floatBinary(op, try a.double(), try b.double())
        }
        if case .int(let x) = a, case .int(let y) = b, let result = try smallBinary(op, x, y) {
            return result
        }
        return try bigBinary(op, a.big, b.big)
    }

    private static func smallBinary(_ op: BinaryOperator, _ x: Int, _ y: Int) throws(PyException) -> PyValue? {
        switch op {
        case .add:
            let (r, o) = x.addingReportingOverflow(y)
            return o ? nil : .int(r)
        case .subtract:
            let (r, o) = x.subtractingReportingOverflow(y)
            return o ? nil : .int(r)
        case .multiply:
            let (r, o) = x.multipliedReportingOverflow(by: y)
            return o ? nil : .int(r)
        case .floorDivide, .modulo:
            if y == 0 {
                throw PyException("ZeroDivisionError", op == .modulo ? "integer modulo by zero" : "integer division or modulo by zero")
            }
            if x == Int.min && y == -1 { return nil }
            var q = x / y
            var r = x % y
            if r != 0 && ((r < 0) != (y < 0)) {
                q -= 1
                r += y
            }
            return .int(op == .floorDivide ? q : r)
        case .and: return .int(x & y)
        case .or: return .int(x | y)
        case .xor: return .int(x ^ y)
        case .rightShift:
            if y < 0 { throw PyException.valueError("negative shift count") }
            return .int(y >= 64 ? (x < 0 ? -1 : 0) : x >> y)
        default:
            return nil
        }
    }

    private static func bigBinary(_ op: BinaryOperator, _ x: BigInt, _ y: BigInt) throws(PyException) -> PyValue? {
        switch op {
        case .add: return .int(x + y)
        case .subtract: return .int(x - y)
        case .multiply:
            // the same cap as ** and <<: a squaring loop stops at once instead of spending
            // minutes (with Ctrl-C unheard) in one multiplication
            if x.bitWidth + y.bitWidth > maxResultBits { throw PyException.memoryError("integer result of * is too large") }
            return .int(x * y)
        case .divide:
            if y == 0 { throw PyException("ZeroDivisionError", "division by zero") }
            return .float(try trueDivide(x, y))
        case .floorDivide, .modulo:
            if y == 0 {
                throw PyException("ZeroDivisionError", op == .modulo ? "integer modulo by zero" : "integer division or modulo by zero")
            }
            var (q, r) = x.quotientAndRemainder(dividingBy: y)
            if r != 0 && ((r < 0) != (y < 0)) {
                q -= 1
                r += y
            }
            return .int(op == .floorDivide ? q : r)
        case .power:
            if y < 0 {
                if x == 0 { throw PyException("ZeroDivisionError", "0.0 cannot be raised to a negative power") }
                return try floatBinary(.power, try Operand.big(x).double(), try Operand.big(y).double())
            }
            if x == 0 || x == 1 { return .int(y == 0 ? 1 : x) }
            if x == -1 { return .int(y.isMultiple(of: 2) ? 1 : -1) }
            guard let e = Int(exactly: y), x.bitWidth.multipliedReportingOverflow(by: e).partialValue <= maxResultBits,
                  !x.bitWidth.multipliedReportingOverflow(by: e).overflow else {
                throw PyException.memoryError("integer result of ** is too large")
            }
            return .int(x.power(e))
        case .leftShift:
            if y < 0 { throw PyException.valueError("negative shift count") }
            // as CPython: a count of 30-bit digits past Py_ssize_t is an OverflowError, a
            // result too large to allocate a bare MemoryError (here past `maxResultBits`)
            guard let s = Int(exactly: y) else {
                if y / 30 > BigInt(Int.max) { throw PyException("OverflowError", "too many digits in integer") }
                throw PyException("MemoryError", "")
            }
            if s > maxResultBits { throw PyException("MemoryError", "") }
            return .int(x << s)
        case .rightShift:
            if y < 0 { throw PyException.valueError("negative shift count") }
            guard let s = Int(exactly: y) else { return .int(x < 0 ? -1 : 0) }
            return .int(x >> s)
        case .and: return .int(x & y)
        case .or: return .int(x | y)
        case .xor: return .int(x ^ y)
        case .matmul: return nil
        }
    }

    /// `x / y` for ints, correctly rounded for ordinary sizes.
    private static func trueDivide(_ x: BigInt, _ y: BigInt) throws(PyException) -> Double {
        if let a = Int(exactly: x), let b = Int(exactly: y), abs(a) < (1 << 53), abs(b) < (1 << 53) {
            return Double(a) / Double(b)
        }
        let a = Double(x)
        let b = Double(y)
        if a.isFinite && b.isFinite { return a / b }
        // scale both down so they fit a Double
        let shift = max(x.magnitude.bitWidth, y.magnitude.bitWidth) - 1000
        let r = Double(x >> shift) / Double(y >> shift)
        if !r.isFinite { throw PyException("OverflowError", "integer division result too large for a float") }
        return r
    }

    static func floatBinary(_ op: BinaryOperator, _ x: Double, _ y: Double) throws(PyException) -> PyValue? {
        switch op {
        case .add: return .float(x + y)
        case .subtract: return .float(x - y)
        case .multiply: return .float(x * y)
        case .divide:
            if y == 0 { throw PyException("ZeroDivisionError", "float division by zero") }
            return .float(x / y)
        case .floorDivide:
            if y == 0 { throw PyException("ZeroDivisionError", "float floor division by zero") }
            return .float(floorDivMod(x, y).0)
        case .modulo:
            if y == 0 { throw PyException("ZeroDivisionError", "float modulo") }
            return .float(floorDivMod(x, y).1)
        case .power:
            if x == 0 && y < 0 { throw PyException("ZeroDivisionError", "0.0 cannot be raised to a negative power") }
            if x < 0 && y.isFinite && y.rounded() != y {
                // a negative number to a fractional power is complex, as in Python 3
                return .object(PyComplex(try ComplexMath.power(ComplexMath.Value(re: x, im: 0), ComplexMath.Value(re: y, im: 0))))
            }
            let r = Foundation.pow(x, y)
            if !r.isFinite && x.isFinite && y.isFinite {
                throw PyException("OverflowError", "(34, 'Numerical result out of range')")
            }
            return .float(r)
        default:
            return nil
        }
    }

    /// Python's float `divmod`: floor quotient and a remainder with the divisor's sign.
    static func floorDivMod(_ vx: Double, _ wx: Double) -> (Double, Double) {
        var mod = fmod(vx, wx)
        var div = (vx - mod) / wx
        if mod != 0 {
            if (wx < 0) != (mod < 0) {
                mod += wx
                div -= 1
            }
        } else {
            mod = Double(signOf: wx, magnitudeOf: 0)
        }
        var floorDiv: Double
        if div != 0 {
            floorDiv = div.rounded(.down)
            if div - floorDiv > 0.5 { floorDiv += 1 }
        } else {
            floorDiv = Double(signOf: vx / wx, magnitudeOf: 0)
        }
        return (floorDiv, mod)
    }

    /// Orders two numbers exactly (ints against floats without rounding the int).
    static func compare(_ a: Operand, _ b: Operand) -> Int? {
        switch (a, b) {
        case (.int(let x), .int(let y)): return x < y ? -1 : (x > y ? 1 : 0)
        case (.float(let x), .float(let y)):
            if x.isNaN || y.isNaN { return nil }
            return x < y ? -1 : (x > y ? 1 : 0)
        case (.float(let x), _):
            if x.isNaN { return nil }
            if x.isInfinite { return x < 0 ? -1 : 1 }
            return compareExact(x, b.big)
        case (_, .float(let y)):
            if y.isNaN { return nil }
            if y.isInfinite { return y < 0 ? 1 : -1 }
            return -compareExact(y, a.big)
        default:
            let x = a.big
            let y = b.big
            return x < y ? -1 : (x > y ? 1 : 0)
        }
    }

    /// Compares a finite double with an int exactly.
    private static func compareExact(_ x: Double, _ y: BigInt) -> Int {
        let whole = x.rounded(.down)
        let w = BigInt(exactly: whole) ?? 0
        if w < y { return -1 }
        if w > y { return 1 }
        return x > whole ? 1 : 0
    }
}
