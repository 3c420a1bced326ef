/// Builds the per-element formatter NumPy picks for a dtype (`FloatingFormat`, `IntegerFormat`,
/// `BoolFormat`, or the scalar repr for bfloat16, which NumPy does not know as a float),
/// sized from the elements that are shown.
enum ElementFormat {
    static func make(_ storage: Storage, shown: [Int], isScalar: Bool, options: PrintOptions) -> (Int) -> String {
        switch storage {
        case .bool(let v):
            let trueText = isScalar ? "True" : " True"
            return { v[$0] ? trueText : "False" }
        case .bfloat16(let v):
            return { ScalarText.bfloat16Repr(v[$0]) }
        case .float16, .float32, .float64:
            let format = FloatingFormat(shown.map { storage.double(at: $0) }, dtype: storage.dtype, options: options)
            return { format.format(storage.double(at: $0)) }
        case .complex64, .complex128:
            return complex(storage, shown: shown, options: options)
        case .uint8, .uint16, .uint32, .uint64, .int8, .int16, .int32, .int64:
            let width = shown.reduce(0) { max($0, ScalarText.integer(storage, $1).utf8.count) }
            return { index in
                let text = ScalarText.integer(storage, index)
                let pad = width - text.utf8.count
                return pad > 0 ? String(repeating: " ", count: pad) + text : text
            }
        }
    }

    /// NumPy's `ComplexFloatingFormat`: the real parts formatted together as floats, the
    /// imaginary parts together with a sign always shown, and the `j` written before the
    /// imaginary part's padding.
    private static func complex(_ storage: Storage, shown: [Int], options: PrintOptions) -> (Int) -> String {
        let partDType = storage.dtype.realPart
        var imaginaryOptions = options
        imaginaryOptions.sign = "+"
        let parts = shown.map { storage.complexParts(at: $0) }
        let real = FloatingFormat(parts.map(\.re), dtype: partDType, options: options)
        let imaginary = FloatingFormat(parts.map(\.im), dtype: partDType, options: imaginaryOptions)
        return { index in
            let (re, im) = storage.complexParts(at: index)
            let imText = imaginary.format(im)
            let trimmed = imText.reversed().drop { $0 == " " }.count
            return real.format(re) + imText.prefix(trimmed) + "j" + imText.dropFirst(trimmed)
        }
    }
}
