#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The decimal digits of a finite, non-negative binary float: value = 0.d1d2d3... × 10^pointPosition.
/// Digits carry no leading or trailing zeros; zero has no digits.
struct DecimalDigits: Equatable {
    var digits: [UInt8]
    var pointPosition: Int

    var isZero: Bool { digits.isEmpty }

    /// The exponent of the first digit in scientific notation (d1.d2... × 10^exponent).
    var scientificExponent: Int { isZero ? 0 : pointPosition - 1 }

    /// Digits after the decimal point in positional notation.
    var fractionalCount: Int { max(0, digits.count - pointPosition) }

    /// Parses a plain decimal rendering such as `12.5`, `1e-05`, `1.25e+20` or `0.0001`
    /// (no sign, no `nan`/`inf`), as printed by Swift's `description` or C's printf.
    init(parsing text: Substring) {
        var mantissa = text
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exponent = Int(text[text.index(after: e)...]) ?? 0
        }
        var all: [UInt8] = []
        var intCount = 0
        var seenPoint = false
        for ch in mantissa.utf8 {
            if ch == UInt8(ascii: ".") { seenPoint = true; continue }
            guard ch >= UInt8(ascii: "0"), ch <= UInt8(ascii: "9") else { continue }
            all.append(ch &- UInt8(ascii: "0"))
            if !seenPoint { intCount += 1 }
        }
        var point = intCount + exponent
        var start = 0
        while start < all.count, all[start] == 0 { start += 1; point -= 1 }
        var end = all.count
        while end > start, all[end - 1] == 0 { end -= 1 }
        digits = Array(all[start..<end])
        pointPosition = digits.isEmpty ? 0 : point
    }

    /// The shortest digits that read back as the same value of the float's own precision.
    static func shortest(_ value: Double, dtype: DType) -> DecimalDigits {
        let text: String
        switch dtype {
        case .float16:
            // Swift writes float16 integers in full (62816.0); search the shortest instead
            let h = Float16(value).magnitude
            if h >= 2048, h.isFinite {
                for p in 0..<5 {
                    let candidate = cFormat("%.*e", p, Double(h))
                    if let back = Double(candidate), Float16(back) == h { return DecimalDigits(parsing: Substring(candidate)) }
                }
            }
            text = h.description
        case .float32: text = Float(value).magnitude.description
        default: text = value.magnitude.description
        }
        return DecimalDigits(parsing: Substring(text))
    }

    /// The exact value rounded (half to even) to `count` digits after the decimal point.
    static func roundedFraction(_ value: Double, digits count: Int) -> DecimalDigits {
        DecimalDigits(parsing: Substring(cFormat("%.*f", count, value.magnitude)))
    }

    /// The exact value rounded (half to even) to `count` + 1 significant digits.
    static func roundedSignificant(_ value: Double, fractionDigits count: Int) -> DecimalDigits {
        DecimalDigits(parsing: Substring(cFormat("%.*e", count, value.magnitude)))
    }

    /// Dragon4 in "unique" mode with a cutoff of `precision` digits after the point: the
    /// shortest round-trip digits when they fit, otherwise the exact value rounded there.
    static func positional(_ value: Double, dtype: DType, precision: Int?) -> DecimalDigits {
        let unique = shortest(value, dtype: dtype)
        guard let precision, unique.fractionalCount > precision else { return unique }
        return roundedFraction(value, digits: precision)
    }

    /// As `positional`, with the cutoff counted after the first significant digit.
    static func scientific(_ value: Double, dtype: DType, precision: Int?) -> DecimalDigits {
        let unique = shortest(value, dtype: dtype)
        guard let precision, unique.digits.count - 1 > precision else { return unique }
        return roundedSignificant(value, fractionDigits: precision)
    }
}

/// Runs C's printf formatting for one integer and one double argument.
func cFormat(_ format: String, _ count: Int, _ value: Double) -> String {
    var buffer = [CChar](repeating: 0, count: 512)
    let written = withVaList([Int32(truncatingIfNeeded: count), value]) { args in
        buffer.withUnsafeMutableBufferPointer { vsnprintf($0.baseAddress, 512, format, args) }
    }
    if written >= 512 {
        buffer = [CChar](repeating: 0, count: Int(written) + 1)
        _ = withVaList([Int32(truncatingIfNeeded: count), value]) { args in
            buffer.withUnsafeMutableBufferPointer { vsnprintf($0.baseAddress, Int(written) + 1, format, args) }
        }
    }
    return String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

/// Runs C's printf formatting for one double argument (`%g` and friends).
func cFormat(_ format: String, _ value: Double) -> String {
    var buffer = [CChar](repeating: 0, count: 64)
    _ = withVaList([value]) { args in
        buffer.withUnsafeMutableBufferPointer { vsnprintf($0.baseAddress, 64, format, args) }
    }
    return String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
}
