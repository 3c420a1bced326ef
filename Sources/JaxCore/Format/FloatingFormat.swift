/// NumPy's `FloatingFormat` with the default print options (precision 8, floatmode `maxprec`,
/// suppress off, sign `-`): picks positional or scientific notation and the paddings that
/// align every shown element, from the shown elements only.
struct FloatingFormat {
    private let dtype: DType
    private var expFormat = false
    private var precision = 8
    private var minDigits = 0
    private var trim = TrimMode.keepPoint
    private var padLeft = 0
    private var padRight = 0
    private var expSize = -1

    /// NumPy's default `precision` print option.
    static let defaultPrecision = 8

    init(_ data: [Double], dtype: DType) {
        self.dtype = dtype
        fill(data)
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

    private mutating func fill(_ data: [Double]) {
        let finite = data.filter { $0.isFinite }
        var maxValue = -Double.infinity
        var minValue = Double.infinity
        for x in finite where x != 0 {
            maxValue = max(maxValue, x.magnitude)
            minValue = min(minValue, x.magnitude)
        }
        if maxValue > 0 {
            expFormat = maxValue >= expCutoff || minValue < inDType(0.0001) || inDType(maxValue / minValue) > 1000
        }
        if finite.isEmpty {
            padLeft = 0
            padRight = 0
            trim = .keepPoint
            expSize = -1
        } else if expFormat {
            var maxFrac = 0
            var maxInt = 0
            var maxExp = 0
            for x in finite {
                let d = DecimalDigits.scientific(x, dtype: dtype, precision: Self.defaultPrecision)
                maxFrac = max(maxFrac, max(0, d.digits.count - 1))
                maxInt = max(maxInt, x.sign == .minus ? 2 : 1)
                maxExp = max(maxExp, max(2, String(d.scientificExponent.magnitude).count))
            }
            expSize = maxExp
            trim = .keep
            precision = maxFrac
            minDigits = maxFrac
            padLeft = maxInt
            padRight = expSize + 2 + precision
        } else {
            var maxFrac = 0
            var maxInt = 0
            for x in finite {
                let d = DecimalDigits.positional(x, dtype: dtype, precision: Self.defaultPrecision)
                maxFrac = max(maxFrac, d.fractionalCount)
                maxInt = max(maxInt, max(1, d.pointPosition) + (x.sign == .minus ? 1 : 0))
            }
            padLeft = maxInt
            padRight = maxFrac
            expSize = -1
            trim = .keepPoint
            minDigits = 0
        }
        if finite.count != data.count {
            let negativeInfinity = data.contains { $0.isInfinite && $0 < 0 } ? 1 : 0
            let offset = padRight + 1
            padLeft = max(padLeft, 3 - offset, 3 + negativeInfinity - offset)
        }
    }

    func format(_ x: Double) -> String {
        if !x.isFinite {
            let text = x.isNaN ? "nan" : (x < 0 ? "-inf" : "inf")
            let width = padLeft + padRight + 1
            return String(repeating: " ", count: max(0, width - text.count)) + text
        }
        let negative = x.sign == .minus
        if expFormat {
            // min_digits equals precision here: NumPy's Dragon4 then prints the exact value's
            // digits up to that many places, not zeros after the shortest digits
            let d = DecimalDigits.roundedSignificant(x, fractionDigits: precision)
            return DecimalText.scientific(d, negative: negative, trim: trim, minDigits: minDigits,
                                          padLeft: padLeft, expDigits: expSize)
        }
        let d = DecimalDigits.positional(x, dtype: dtype, precision: precision)
        return DecimalText.positional(d, negative: negative, trim: trim, minDigits: minDigits,
                                      padLeft: padLeft, padRight: padRight)
    }
}
