/// Which library's array repr to imitate: JAX's `Array(..., dtype=float32)` or NumPy's `array(...)`.
public enum ArrayFlavor: Sendable {
    case jax, numpy
}

/// The text of arrays exactly as JAX 0.10.2 and NumPy 2.x print them (`str`, `repr`, scalars),
/// under the print options in force (`np.set_printoptions`).
public enum ArrayFormatter {
    /// `print(x)`: NumPy's `array_str`; a 0-d array prints as its scalar.
    public static func str(_ a: JaxArray, options: PrintOptions = .standard) -> String {
        if a.shape.isEmpty { return ScalarText.str(a.storage, 0) }
        if a.count == 0 { return "[]" }
        return array2string(a, options: options, lineWidth: options.lineWidth, separator: " ", prefix: "")
    }

    /// `repr(x)` as JAX's `Array.__repr__` or NumPy's `array_repr` writes it.
    public static func repr(_ a: JaxArray, flavor: ArrayFlavor, options: PrintOptions = .standard) -> String {
        switch flavor {
        case .jax: return jaxRepr(a, options)
        case .numpy: return numpyRepr(a, options)
        }
    }

    /// `print(keys)` and `repr(keys)` of typed PRNG keys (their words, shape `keys + [2]`):
    /// `Array((), dtype=key<fry>) overlaying:\n[ 0 42]`.
    public static func keys(_ keyData: JaxArray, options: PrintOptions = .standard) -> String {
        "Array(\(Shape.describe(Array(keyData.shape.dropLast()))), dtype=\(ShapedArray.keyDTypeName)) overlaying:\n"
            + str(keyData.withKeyData(false), options: options)
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

    private static func jaxRepr(_ a: JaxArray, _ options: PrintOptions) -> String {
        let prefix = "Array("
        let dtypeText = "dtype=\(a.dtype.name)" + (a.weakType ? ", weak_type=True" : "")
        let body: String
        if a.count == 0 {
            body = "[], shape=\(Shape.describe(a.shape))"
        } else {
            body = array2string(a, options: options, lineWidth: options.lineWidth - 1, separator: ", ", prefix: prefix)
        }
        // JAX measures the last line as len(s) - s.rfind('\n') + 1 (two more than its length)
        let utf8 = Array(body.utf8)
        let lastNewline = utf8.lastIndex(of: UInt8(ascii: "\n")) ?? -1
        let lastLineLength = utf8.count - lastNewline + 1
        let separator = lastLineLength + dtypeText.utf8.count + 2 > options.lineWidth
            ? String(repeating: " ", count: prefix.count) : " "
        return prefix + body + "," + separator + dtypeText + ")"
    }

    private static func numpyRepr(_ a: JaxArray, _ options: PrintOptions) -> String {
        let prefix = "array("
        let body = a.count == 0
            ? "[]" : array2string(a, options: options, lineWidth: options.lineWidth - 1, separator: ", ", prefix: prefix)
        var extras: [String] = []
        if (a.count == 0 && a.shape != [0]) || Double(a.count) > options.threshold {
            extras.append("shape=\(Shape.describe(a.shape))")
        }
        let implied: Set<DType> = [.int64, .float64, .complex128, .bool]
        if !implied.contains(a.dtype) || a.count == 0 {
            extras.append("dtype=\(a.dtype.name)")
        }
        if extras.isEmpty { return prefix + body + ")" }
        let head = prefix + body + ","
        let tail = extras.joined(separator: ", ") + ")"
        let utf8 = Array(head.utf8)
        let lastLineLength = utf8.count - ((utf8.lastIndex(of: UInt8(ascii: "\n")) ?? -1) + 1)
        let spacer = lastLineLength + tail.utf8.count + 1 > options.lineWidth
            ? "\n" + String(repeating: " ", count: prefix.count) : " "
        return head + spacer + tail
    }

    /// NumPy's `array2string` for a non-empty array (0-d included).
    static func array2string(_ a: JaxArray, options: PrintOptions, lineWidth: Int, separator: String, prefix: String) -> String {
        let summarise = Double(a.count) > options.threshold
        let shown = ArrayLayout.shownIndices(shape: a.shape, summarise: summarise, edgeItems: options.edgeItems)
        let element = ElementFormat.make(a.storage, shown: shown, isScalar: a.shape.isEmpty, options: options)
        let layout = ArrayLayout(shape: a.shape, separator: separator, summarise: summarise,
                                 edgeItems: options.edgeItems, element: element)
        return layout.render(lineWidth: lineWidth, nextLinePrefix: " " + String(repeating: " ", count: prefix.count))
    }
}
