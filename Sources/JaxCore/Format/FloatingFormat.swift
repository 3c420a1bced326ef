/// NumPy's `FloatingFormat`: picks positional or scientific notation and the paddings that
/// align every shown element, from the shown elements only, under the print options
/// `precision`, `floatmode`, `suppress` and `sign`.
struct FloatingFormat {
    private let dtype: DType
    private var expFormat = false
    /// nil in floatmode `unique`: the shortest round-trip digits, however many.
    private var precision: Int?
    private var minDigits = 0
    /// false in floatmode `fixed`: the exact value rounded, not the shortest digits.
    private var unique = true
    private var trim = TrimMode.keepPoint
    private var padLeft = 0
    private var padRight = 0
    private var expSize = -1
    private let suppressSmall: Bool
    private let floatMode: PrintOptions.FloatMode
    private let plus: Bool
    private let nanStr: String
    private let infStr: String

    init(_ data: [Double], dtype: DType, options: PrintOptions = .standard) {
        self.dtype = dtype
        precision = options.floatMode == .unique ? nil : options.precision
        suppressSmall = options.suppress
        floatMode = options.floatMode
        plus = options.sign == "+"
        nanStr = options.nanStr
        infStr = options.infStr
        fill(data, sign: options.sign)
    }

    /// `10 ** min(8, finfo(dtype).precision)`: the magnitude from which scientific notation is used.
    private var expCutoff: Double {
        switch dtype {
        case .float16: return 1e3
        case .float32: return 1e6
        default: return 1e8
        }
    }

    /// Rounds a Double to the dtype, as NumPy computes `min_val < 0.0001` and `max/min` in the dtype.
    private func inDType(_ x: Double) -> Double {
        switch dtype {
        case .float16: return Double(Float16(x))
        case .float32: return Double(Float(x))
        default: return x
        }
    }

    private mutating func fill(_ data: [Double], sign: String) {
        let finite = data.filter { $0.isFinite }
        var maxValue = -Double.infinity
        var minValue = Double.infinity
        for x in finite where x != 0 {
            maxValue = max(maxValue, x.magnitude)
            minValue = min(minValue, x.magnitude)
        }
        if maxValue > 0 {
            expFormat = maxValue >= expCutoff
                || (!suppressSmall && (minValue < inDType(0.0001) || inDType(maxValue / minValue) > 1000))
        }
        if floatMode == .fixed { unique = false }
        if finite.isEmpty {
            padLeft = 0
            padRight = 0
            trim = .keepPoint
            expSize = -1
            unique = true
            minDigits = 0
        } else if expFormat {
            var maxFrac = 0
            var maxInt = 0
            var maxExp = 0
            for x in finite {
                let d = unique ? DecimalDigits.scientific(x, dtype: dtype, precision: precision)
                    : DecimalDigits.roundedSignificant(x, fractionDigits: precision ?? 0)
                maxFrac = max(maxFrac, unique ? max(0, d.digits.count - 1) : (precision ?? 0))
                maxInt = max(maxInt, x.sign == .minus || plus ? 2 : 1)
                maxExp = max(maxExp, max(2, String(d.scientificExponent.magnitude).count))
            }
            expSize = maxExp
            trim = .keep
            precision = maxFrac
            minDigits = maxFrac
            padLeft = maxInt
            padRight = expSize + 2 + maxFrac
        } else {
            var maxFrac = 0
            var maxInt = 0
            for x in finite {
                let d = unique ? DecimalDigits.positional(x, dtype: dtype, precision: precision)
                    : DecimalDigits.roundedFraction(x, digits: precision ?? 0)
                // fixed mode keeps the zeros of the rounded value (trim `k`)
                maxFrac = max(maxFrac, unique ? d.fractionalCount : (precision ?? 0))
                maxInt = max(maxInt, max(1, d.pointPosition) + (x.sign == .minus || plus ? 1 : 0))
            }
            padLeft = maxInt
            padRight = maxFrac
            expSize = -1
            if floatMode == .fixed || floatMode == .maxprecEqual {
                precision = padRight
                minDigits = padRight
                trim = .keep
            } else {
                trim = .keepPoint
                minDigits = 0
            }
        }
        // sign ' ' leaves room for a sign when no shown value has one
        if sign == " " && !finite.contains(where: { $0.sign == .minus }) { padLeft += 1 }
        if finite.count != data.count {
            let negativeInfinity = sign != "-" || data.contains { $0.isInfinite && $0 < 0 } ? 1 : 0
            let offset = padRight + 1
            padLeft = max(padLeft, nanStr.count - offset, infStr.count + negativeInfinity - offset)
        }
    }

    func format(_ x: Double) -> String {
        if !x.isFinite {
            let text = x.isNaN ? (plus ? "+" : "") + nanStr : (x < 0 ? "-" : (plus ? "+" : "")) + infStr
            let width = padLeft + padRight + 1
            return String(repeating: " ", count: max(0, width - text.count)) + text
        }
        let negative = x.sign == .minus
        if expFormat {
            // min_digits equals precision here: NumPy's Dragon4 then prints the exact value's
            // digits up to that many places, not zeros after the shortest digits
            let d = DecimalDigits.roundedSignificant(x, fractionDigits: precision ?? 0)
            return DecimalText.scientific(d, negative: negative, trim: trim, minDigits: minDigits,
                                          padLeft: padLeft, expDigits: expSize, plus: plus)
        }
        let d = unique ? DecimalDigits.positional(x, dtype: dtype, precision: precision)
            : DecimalDigits.roundedFraction(x, digits: precision ?? 0)
        return DecimalText.positional(d, negative: negative, trim: trim, minDigits: minDigits,
                                      padLeft: padLeft, padRight: padRight, plus: plus)
    }
}
