/// How trailing zeros and the decimal point are trimmed, as NumPy's Dragon4 `trim` argument.
enum TrimMode {
    /// `k`: keep trailing zeros (up to the minimum digit count), keep the point: `1.`, `1.50`
    case keep
    /// `.`: trim trailing zeros, keep the point: `1.`
    case keepPoint
    /// `0`: trim trailing zeros but leave one after the point: `1.0`
    case leaveOneZero
    /// `-`: trim trailing zeros and the point: `1`
    case dropPoint
}

/// Renders decimal digits as NumPy's `format_float_positional` / `format_float_scientific` do.
enum DecimalText {
    static func digitString(_ digits: ArraySlice<UInt8>) -> String {
        String(decoding: digits.map { $0 &+ UInt8(ascii: "0") }, as: UTF8.self)
    }

    /// Positional notation with optional padding of the integer part (left, with spaces, sign
    /// included) and of the fraction (right, with spaces).
    static func positional(_ d: DecimalDigits, negative: Bool, trim: TrimMode, minDigits: Int = 0,
                           padLeft: Int = 0, padRight: Int = 0, plus: Bool = false) -> String {
        let intPart: String
        var frac: String
        if d.pointPosition <= 0 {
            intPart = "0"
            frac = String(repeating: "0", count: d.isZero ? 0 : -d.pointPosition) + digitString(d.digits[...])
        } else if d.pointPosition >= d.digits.count {
            intPart = digitString(d.digits[...]) + String(repeating: "0", count: d.pointPosition - d.digits.count)
            frac = ""
        } else {
            intPart = digitString(d.digits[..<d.pointPosition])
            frac = digitString(d.digits[d.pointPosition...])
        }
        if frac.count < minDigits { frac += String(repeating: "0", count: minDigits - frac.count) }
        var out = joined(signText(negative, plus) + intPart, frac, trim: trim, padLeft: padLeft)
        let fracWidth = trim == .dropPoint && frac.isEmpty ? 0 : frac.count
        if fracWidth < padRight {
            out += String(repeating: " ", count: padRight - fracWidth)
        }
        return out
    }

    /// Scientific notation `d.ddde+XX` with at least `expDigits` (and at least 2) exponent digits.
    static func scientific(_ d: DecimalDigits, negative: Bool, trim: TrimMode, minDigits: Int = 0,
                           padLeft: Int = 0, expDigits: Int = 2, plus: Bool = false) -> String {
        let lead = d.isZero ? "0" : digitString(d.digits[..<1])
        var frac = d.isZero ? "" : digitString(d.digits[1...])
        if frac.count < minDigits { frac += String(repeating: "0", count: minDigits - frac.count) }
        var out = joined(signText(negative, plus) + lead, frac, trim: trim, padLeft: padLeft)
        let exponent = d.scientificExponent
        var expText = String(exponent.magnitude)
        let width = max(2, expDigits)
        if expText.count < width { expText = String(repeating: "0", count: width - expText.count) + expText }
        out += (exponent < 0 ? "e-" : "e+") + expText
        return out
    }

    /// `-` for negatives; `+` for the others when the `sign` print option is `+`.
    private static func signText(_ negative: Bool, _ plus: Bool) -> String {
        negative ? "-" : (plus ? "+" : "")
    }

    /// The integer part padded left to `padLeft`, then the point and fraction as `trim` keeps them.
    private static func joined(_ intPart: String, _ frac: String, trim: TrimMode, padLeft: Int) -> String {
        var out = intPart.count < padLeft ? String(repeating: " ", count: padLeft - intPart.count) : ""
        out += intPart
        switch trim {
        case .keep, .keepPoint: out += "." + frac
        case .leaveOneZero: out += "." + (frac.isEmpty ? "0" : frac)
        case .dropPoint: if !frac.isEmpty { out += "." + frac }
        }
        return out
    }
}
