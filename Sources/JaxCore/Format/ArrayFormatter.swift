/// Which library's array repr to imitate: JAX's `Array(..., dtype=float32)` or NumPy's `array(...)`.
public enum ArrayFlavor: Sendable {
    case jax, numpy
}

/// The text of arrays exactly as JAX 0.10.2 and NumPy 2.x print them (`str`, `repr`, scalars),
/// with NumPy's default print options.
public enum ArrayFormatter {
    /// `print(x)`: NumPy's `array_str`; a 0-d array prints as its scalar.
    public static func str(_ a: JaxArray) -> String {
        if a.shape.isEmpty { return ScalarText.str(a.storage, 0) }
        if a.count == 0 { return "[]" }
        return array2string(a, lineWidth: ArrayLayout.lineWidth, separator: " ", prefix: "")
    }

    /// `repr(x)` as JAX's `Array.__repr__` or NumPy's `array_repr` writes it.
    public static func repr(_ a: JaxArray, flavor: ArrayFlavor) -> String {
        switch flavor {
        case .jax: return jaxRepr(a)
        case .numpy: return numpyRepr(a)
        }
    }

    /// `print(keys)` and `repr(keys)` of typed PRNG keys (their words, shape `keys + [2]`):
    /// `Array((), dtype=key<fry>) overlaying:\n[ 0 42]`.
    public static func keys(_ keyData: JaxArray) -> String {
        "Array(\(Shape.describe(Array(keyData.shape.dropLast()))), dtype=\(ShapedArray.keyDTypeName)) overlaying:\n"
            + str(keyData.withKeyData(false))
    }

    /// The repr of a NumPy scalar holding the array's first element: `np.float64(0.5)`,
    /// `np.int64(3)`, `np.True_`.
    public static func numpyScalarRepr(_ a: JaxArray) -> String {
        guard a.count > 0 else { return repr(a, flavor: .numpy) }
        return ScalarText.numpyRepr(a.storage, 0)
    }

    /// The `str` of a NumPy scalar holding the array's first element (`0.4967141530112327`).
    public static func numpyScalarStr(_ a: JaxArray) -> String {
        guard a.count > 0 else { return str(a) }
        return ScalarText.str(a.storage, 0)
    }

    private static func jaxRepr(_ a: JaxArray) -> String {
        let prefix = "Array("
        let dtypeText = "dtype=\(a.dtype.name)" + (a.weakType ? ", weak_type=True" : "")
        let body: String
        if a.count == 0 {
            body = "[], shape=\(Shape.describe(a.shape))"
        } else {
            body = array2string(a, lineWidth: ArrayLayout.lineWidth - 1, separator: ", ", prefix: prefix)
        }
        // JAX measures the last line as len(s) - s.rfind('\n') + 1 (two more than its length)
        let utf8 = Array(body.utf8)
        let lastNewline = utf8.lastIndex(of: UInt8(ascii: "\n")) ?? -1
        let lastLineLength = utf8.count - lastNewline + 1
        let separator = lastLineLength + dtypeText.utf8.count + 2 > ArrayLayout.lineWidth
            ? String(repeating: " ", count: prefix.count) : " "
        return prefix + body + "," + separator + dtypeText + ")"
    }

    private static func numpyRepr(_ a: JaxArray) -> String {
        let prefix = "array("
        let body = a.count == 0
            ? "[]" : array2string(a, lineWidth: ArrayLayout.lineWidth - 1, separator: ", ", prefix: prefix)
        var extras: [String] = []
        if (a.count == 0 && a.shape != [0]) || a.count > ArrayLayout.threshold {
            extras.append("shape=\(Shape.describe(a.shape))")
        }
        let implied: Set<DType> = [.int64, .float64, .bool]
        if !implied.contains(a.dtype) || a.count == 0 {
            extras.append("dtype=\(a.dtype.name)")
        }
        if extras.isEmpty { return prefix + body + ")" }
        let head = prefix + body + ","
        let tail = extras.joined(separator: ", ") + ")"
        let utf8 = Array(head.utf8)
        let lastLineLength = utf8.count - ((utf8.lastIndex(of: UInt8(ascii: "\n")) ?? -1) + 1)
        let spacer = lastLineLength + tail.utf8.count + 1 > ArrayLayout.lineWidth
            ? "\n" + String(repeating: " ", count: prefix.count) : " "
        return head + spacer + tail
    }

    /// NumPy's `array2string` for a non-empty array (0-d included), with the default options.
    static func array2string(_ a: JaxArray, lineWidth: Int, separator: String, prefix: String) -> String {
        let summarise = a.count > ArrayLayout.threshold
        let shown = ArrayLayout.shownIndices(shape: a.shape, summarise: summarise)
        let element = ElementFormat.make(a.storage, shown: shown, isScalar: a.shape.isEmpty)
        let layout = ArrayLayout(shape: a.shape, separator: separator, summarise: summarise, element: element)
        return layout.render(lineWidth: lineWidth, nextLinePrefix: " " + String(repeating: " ", count: prefix.count))
    }
}
