/// A primitive operation, named as JAX names it in a jaxpr. Every `jnp` function is a
/// composition of these, bound through `Tracing.bind`.
public enum Primitive: String, Sendable, CaseIterable {
    // elementwise binary
    case add, sub, mul, div, rem, pow, max, min, atan2
    case eq, ne, lt, le, gt, ge
    /// `x <= y` in the total order sorts use (-NaN < -inf < ... < -0 < 0 < ... < inf < NaN).
    case leTo = "le_to"
    case and, or, xor
    // elementwise unary
    case neg, exp, log, log1p, expm1, sin, cos, tan, tanh, atan, sqrt, rsqrt, abs, sign
    case logistic, erf, floor, ceil, round, not
    case erfInv = "erf_inv"
    case integerPow = "integer_pow"
    case square
    case selectN = "select_n"
    case convertElementType = "convert_element_type"
    // structure
    case broadcastInDim = "broadcast_in_dim"
    case reshape, squeeze, transpose, concatenate, iota
    case reduceSum = "reduce_sum"
    case reduceMax = "reduce_max"
    case reduceMin = "reduce_min"
    case reduceProd = "reduce_prod"
    case reduceAnd = "reduce_and"
    case reduceOr = "reduce_or"
    case argmax, argmin
    case dotGeneral = "dot_general"
    case slice
    case rev
    case dynamicSlice = "dynamic_slice"
    case dynamicUpdateSlice = "dynamic_update_slice"
    case gather, scatter
    case scatterAdd = "scatter-add"
    case addAny = "add_any"
    case pad
    case stack
    case sort
    case nextafter
    case cumsum
    case topK = "top_k"
    case scatterMul = "scatter-mul"
    case scatterMin = "scatter-min"
    case scatterMax = "scatter-max"
    case stopGradient = "stop_gradient"
    // higher order
    case jit
    case scan
    case customJvpCall = "custom_jvp_call"
    // random numbers (typed keys) and the bit operations the samplers use
    case randomSeed = "random_seed"
    case randomWrap = "random_wrap"
    case randomUnwrap = "random_unwrap"
    case randomBits = "random_bits"
    case randomSplit = "random_split"
    case randomFoldIn = "random_fold_in"
    case shiftRightLogical = "shift_right_logical"
    case bitcastConvertType = "bitcast_convert_type"

    /// The name printed in a jaxpr.
    public var name: String { rawValue }
}

/// One parameter value of an equation, printed the way JAX's jaxpr printer prints it.
public indirect enum ParamValue {
    case int(Int)
    case bool(Bool)
    case none
    case dtype(DType)
    /// A tuple of ints, `(0, 1)`.
    case ints([Int])
    /// A tuple of NumPy ints, `(np.int64(1),)`, as some batching rules leave them.
    case npInts([Int])
    /// A tuple whose first `plain` entries are Python ints and the rest NumPy ints, as
    /// batching rules build them: `(0, np.int64(1))`.
    case mixedInts([Int], plain: Int)
    /// A list of ints, `[0]`.
    case intList([Int])
    /// Text printed as is (names, enum values, dimension-number records).
    case text(String)
    case jaxpr(ClosedJaxpr)
    /// gather's `GatherDimensionNumbers(...)`.
    case gatherDimensions(GatherDimensions)
    /// An indexing expression kept for the kernels (`x[...]`, `.at[...]`), never printed.
    case index([IndexItem])
    /// dot_general's contracting and batch dimensions.
    case dimensionNumbers(contracting: ([Int], [Int]), batch: ([Int], [Int]))
    /// A list of shapes (slice sizes and the like).
    case shapes([[Int]])
    /// pad's (low, high, interior) per axis; `numpy` marks entries JAX computed with NumPy
    /// (printed `np.int64(n)`), in row-major order of the triples.
    case padding([[Int]], numpy: [Bool])

    /// The value as JAX's printer writes it after `name=`.
    var printed: String {
        switch self {
        case .int(let v): return String(v)
        case .bool(let b): return b ? "True" : "False"
        case .none: return "None"
        case .dtype(let d): return d.name
        case .ints(let v): return ParamValue.tuple(v.map(String.init))
        case .npInts(let v): return ParamValue.tuple(v.map { "np.int64(\($0))" })
        case .mixedInts(let v, let plain):
            return ParamValue.tuple(v.enumerated().map { $0.offset < plain ? String($0.element) : "np.int64(\($0.element))" })
        case .intList(let v): return "[" + v.map(String.init).joined(separator: ", ") + "]"
        case .text(let s): return s
        case .jaxpr(let j): return j.description
        case .gatherDimensions(let d): return d.description
        case .index: return "..."
        case .dimensionNumbers(let c, let b):
            func list(_ v: [Int]) -> String { "[" + v.map(String.init).joined(separator: ", ") + "]" }
            return "((\(list(c.0)), \(list(c.1))), (\(list(b.0)), \(list(b.1))))"
        case .shapes(let s): return ParamValue.tuple(s.map { ParamValue.tuple($0.map(String.init)) })
        case .padding(let rows, let numpy):
            var k = 0
            return ParamValue.tuple(rows.map { row in
                ParamValue.tuple(row.map { v in
                    defer { k += 1 }
                    return k < numpy.count && numpy[k] ? "np.int64(\(v))" : String(v)
                })
            })
        }
    }

    static func tuple(_ items: [String]) -> String {
        items.count == 1 ? "(\(items[0]),)" : "(" + items.joined(separator: ", ") + ")"
    }
}

/// The parameters of an equation, in the order JAX prints them (sorted by name), each marked
/// whether the printer shows it (JAX hides some: `broadcast_in_dim`'s shape, `mul`'s out_dtype).
public struct Params: CustomStringConvertible {
    public private(set) var entries: [(name: String, value: ParamValue, shown: Bool)] = []

    public init() {}

    public init(_ items: [(String, ParamValue)]) {
        for (name, value) in items { set(name, value) }
    }

    /// Sets a parameter, keeping entries sorted by name as JAX prints them.
    public mutating func set(_ name: String, _ value: ParamValue, shown: Bool = true) {
        if let i = entries.firstIndex(where: { $0.name == name }) {
            entries[i] = (name, value, shown)
            return
        }
        let at = entries.firstIndex(where: { $0.name > name }) ?? entries.count
        entries.insert((name, value, shown), at: at)
    }

    public subscript(_ name: String) -> ParamValue? {
        entries.first(where: { $0.name == name })?.value
    }

    func int(_ name: String) -> Int {
        if case .int(let v)? = self[name] { return v }
        return 0
    }

    func ints(_ name: String) -> [Int] {
        switch self[name] {
        case .ints(let v)?, .npInts(let v)?, .intList(let v)?, .mixedInts(let v, _)?: return v
        default: return []
        }
    }

    func dtype(_ name: String) -> DType? {
        if case .dtype(let d)? = self[name] { return d }
        return nil
    }

    func bool(_ name: String) -> Bool {
        if case .bool(let b)? = self[name] { return b }
        return false
    }

    /// pad's `padding_config`: (low, high, interior) per axis.
    var padding: [(low: Int, high: Int, interior: Int)] {
        let rows: [[Int]]
        switch self["padding_config"] {
        case .shapes(let r)?, .padding(let r, _)?: rows = r
        default: return []
        }
        return rows.map { ($0.count > 0 ? $0[0] : 0, $0.count > 1 ? $0[1] : 0, $0.count > 2 ? $0[2] : 0) }
    }

    func jaxpr(_ name: String) -> ClosedJaxpr? {
        if case .jaxpr(let j)? = self[name] { return j }
        return nil
    }

    /// The shown parameters as `name=value` strings.
    var shownItems: [(String, ParamValue)] {
        entries.filter { $0.shown }.map { ($0.name, $0.value) }
    }

    public var description: String {
        shownItems.map { "\($0.0)=\($0.1.printed)" }.joined(separator: " ")
    }
}
