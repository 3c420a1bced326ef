/// The text of single elements as NumPy scalars (and ml_dtypes' bfloat16) print them.
enum ScalarText {
    /// Decimal text of an integer element of any width (bools as 1/0).
    static func integer(_ storage: Storage, _ i: Int) -> String {
        switch storage {
        case .uint64(let v): return String(v[i])
        default: return String(storage.int64(at: i))
        }
    }

    /// `str(scalar)`: `12.666667`, `0.4967141530112327`, `9`, `True`.
    static func str(_ storage: Storage, _ i: Int) -> String {
        switch storage {
        case .bool(let v): return v[i] ? "True" : "False"
        case .bfloat16(let v): return bfloat16Repr(v[i])
        case .float16, .float32, .float64: return floatScalar(storage.double(at: i), dtype: storage.dtype)
        case .complex64, .complex128:
            let (re, im) = storage.complexParts(at: i)
            return complexScalar(re, im, partDType: storage.dtype.realPart)
        default: return integer(storage, i)
        }
    }

    /// `repr(scalar)` in NumPy 2: `np.float32(1.5)`, `np.int64(3)`, `np.True_`.
    static func numpyRepr(_ storage: Storage, _ i: Int) -> String {
        switch storage {
        case .bool(let v): return v[i] ? "np.True_" : "np.False_"
        case .bfloat16(let v): return bfloat16Repr(v[i])
        default: return "np.\(storage.dtype.name)(\(str(storage, i)))"
        }
    }

    /// NumPy's float scalar text: shortest round-trip digits, positional from 1e-4 up to
    /// 10^precision of the type (1e3 for float16, 1e6 for float32, 1e16 for float64),
    /// scientific outside (`1e-05`, `1.2345679e+08`).
    static func floatScalar(_ x: Double, dtype: DType) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x < 0 ? "-inf" : "inf" }
        let cutoff: Double
        switch dtype {
        case .float16: cutoff = 1e3
        case .float32: cutoff = 1e6
        default: cutoff = 1e16
        }
        let magnitude = x.magnitude
        let d = DecimalDigits.shortest(x, dtype: dtype)
        if x == 0 || (magnitude < cutoff && magnitude >= 1e-4) {
            return DecimalText.positional(d, negative: x.sign == .minus, trim: .leaveOneZero)
        }
        return DecimalText.scientific(d, negative: x.sign == .minus, trim: .dropPoint)
    }

    /// NumPy's complex scalar text, as Python writes a complex: `2j` when the real part is
    /// +0, else `(1+2j)`, each part as the float scalar prints minus a trailing `.0`.
    static func complexScalar(_ re: Double, _ im: Double, partDType: DType) -> String {
        func part(_ x: Double) -> String {
            let text = floatScalar(x, dtype: partDType)
            return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
        }
        let imText = part(im)
        if re == 0 && re.sign == .plus { return imText + "j" }
        return "(" + part(re) + (imText.hasPrefix("-") ? "" : "+") + imText + "j)"
    }

    /// ml_dtypes' repr of a bfloat16: C++ stream output of the float (6 significant digits, `%g`).
    static func bfloat16Repr(_ x: BFloat16) -> String {
        let f = Double(x.floatValue)
        if f.isNaN { return "nan" }
        return cFormat("%g", f)
    }
}
