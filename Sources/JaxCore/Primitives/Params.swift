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
    /// A tuple of jaxprs (`cond`'s branches).
    case jaxprs([ClosedJaxpr])
    /// gather's `GatherDimensionNumbers(...)`.
    case gatherDimensions(GatherDimensions)
    /// An indexing expression kept for the kernels (`x[...]`, `.at[...]`), never printed.
    case index([IndexItem])
    /// dot_general's contracting and batch dimensions.
    case dimensionNumbers(DotDimensions)
    /// conv_general_dilated's `ConvDimensionNumbers(...)`.
    case convDimensions(ConvDimensions)
    /// A list of shapes (slice sizes and the like).
    case shapes([[Int]])
    /// pad's (low, high, interior) per axis; `numpy` marks entries JAX computed with NumPy
    /// (printed `np.int64(n)`), in row-major order of the triples.
    case padding([[Int]], numpy: [Bool])
    /// A fused kernel the compiler may run for a whole jitted helper, never printed.
    case fusedKernel(FusedKernel)
    /// A differentiation rule a function carries (`jax.custom_jvp`'s jvp, `jax.custom_vjp`'s
    /// fwd and bwd), printed by its name.
    case customRule(CustomRule)
    /// `remat2`'s policy, printed as JAX prints it.
    case checkpointPolicy(CheckpointPolicy)

    /// The value as JAX's printer writes it after `name=`.
    public var printed: String {
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
        case .jaxprs(let js): return ParamValue.tuple(js.map(\.description))
        case .gatherDimensions(let d): return d.description
        case .index, .fusedKernel: return "..."
        case .customRule(let rule): return rule.name
        case .checkpointPolicy(let policy): return policy.text
        case .dimensionNumbers(let d): return d.description
        case .convDimensions(let d): return d.description
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

/// dot_general's dimension numbers: which axes of each operand are contracted and which are
/// batch axes, printed `(([1], [0]), ([], []))`.
public struct DotDimensions: Equatable, CustomStringConvertible {
    public var contracting: (lhs: [Int], rhs: [Int])
    public var batch: (lhs: [Int], rhs: [Int])

    public init(contracting: ([Int], [Int]), batch: ([Int], [Int])) {
        self.contracting = (contracting.0, contracting.1)
        self.batch = (batch.0, batch.1)
    }

    public static func == (a: DotDimensions, b: DotDimensions) -> Bool {
        a.contracting == b.contracting && a.batch == b.batch
    }

    public var description: String {
        func list(_ v: [Int]) -> String { "[" + v.map(String.init).joined(separator: ", ") + "]" }
        return "((\(list(contracting.lhs)), \(list(contracting.rhs))), (\(list(batch.lhs)), \(list(batch.rhs))))"
    }
}

/// A Swift value that a parameter can hold: how it is stored (and printed) as a `ParamValue`.
public protocol ParamRepresentable {
    init?(param: ParamValue)
    var param: ParamValue { get }
}

extension ParamValue: ParamRepresentable {
    public init?(param: ParamValue) { self = param }
    public var param: ParamValue { self }
}

extension Int: ParamRepresentable {
    public init?(param: ParamValue) {
        guard case .int(let v) = param else { return nil }
        self = v
    }
    public var param: ParamValue { .int(self) }
}

extension Bool: ParamRepresentable {
    public init?(param: ParamValue) {
        guard case .bool(let v) = param else { return nil }
        self = v
    }
    public var param: ParamValue { .bool(self) }
}

extension DType: ParamRepresentable {
    public init?(param: ParamValue) {
        guard case .dtype(let v) = param else { return nil }
        self = v
    }
    public var param: ParamValue { .dtype(self) }
}

extension String: ParamRepresentable {
    public init?(param: ParamValue) {
        guard case .text(let v) = param else { return nil }
        self = v
    }
    public var param: ParamValue { .text(self) }
}

/// A tuple of ints, however it prints (plain, NumPy or mixed ints, or a list).
extension Array: ParamRepresentable where Element == Int {
    public init?(param: ParamValue) {
        switch param {
        case .ints(let v), .npInts(let v), .intList(let v), .mixedInts(let v, _): self = v
        default: return nil
        }
    }
    public var param: ParamValue { .ints(self) }
}

extension ClosedJaxpr: ParamRepresentable {
    public init?(param: ParamValue) {
        guard case .jaxpr(let v) = param else { return nil }
        self = v
    }
    public var param: ParamValue { .jaxpr(self) }
}

extension GatherDimensions: ParamRepresentable {
    public init?(param: ParamValue) {
        guard case .gatherDimensions(let v) = param else { return nil }
        self = v
    }
    public var param: ParamValue { .gatherDimensions(self) }
}

extension DotDimensions: ParamRepresentable {
    public init?(param: ParamValue) {
        guard case .dimensionNumbers(let v) = param else { return nil }
        self = v
    }
    public var param: ParamValue { .dimensionNumbers(self) }
}

/// An indexing expression riding along an equation for the kernels.
public struct IndexExpression: ParamRepresentable {
    public var items: [IndexItem]

    public init(_ items: [IndexItem]) { self.items = items }

    public init?(param: ParamValue) {
        guard case .index(let v) = param else { return nil }
        items = v
    }
    public var param: ParamValue { .index(items) }
}

/// pad's configuration: (low, high, interior) padding per axis.
public struct PaddingConfig: ParamRepresentable {
    public var rows: [(low: Int, high: Int, interior: Int)]

    public init(_ rows: [(low: Int, high: Int, interior: Int)]) { self.rows = rows }

    public init?(param: ParamValue) {
        switch param {
        case .shapes(let r), .padding(let r, _):
            rows = r.map { ($0.count > 0 ? $0[0] : 0, $0.count > 1 ? $0[1] : 0, $0.count > 2 ? $0[2] : 0) }
        default:
            return nil
        }
    }
    public var param: ParamValue { .shapes(rows.map { [$0.low, $0.high, $0.interior] }) }
}

/// A list of shapes (gather's result shape in the index form).
public struct ShapeList: ParamRepresentable {
    public var shapes: [[Int]]

    public init(_ shapes: [[Int]]) { self.shapes = shapes }

    public init?(param: ParamValue) {
        guard case .shapes(let v) = param else { return nil }
        shapes = v
    }
    public var param: ParamValue { .shapes(shapes) }
}

extension CustomRule: ParamRepresentable {
    public convenience init?(param: ParamValue) {
        guard case .customRule(let v) = param else { return nil }
        self.init(v.name, outAvals: v.outAvals, v.apply)
    }
    public var param: ParamValue { .customRule(self) }
}

extension FusedKernel: ParamRepresentable {
    public init?(param: ParamValue) {
        guard case .fusedKernel(let v) = param else { return nil }
        self = v
    }
    public var param: ParamValue { .fusedKernel(self) }
}

/// The name of an equation parameter together with the Swift type of its value. Keys are
/// declared once (`ParamKey+Names.swift`), so a misspelt key does not compile and a value
/// of the wrong type cannot be stored under it.
public struct ParamKey<Value: ParamRepresentable>: Sendable {
    public let name: String

    init(_ name: String) { self.name = name }
}

/// The parameters of an equation, in the order JAX prints them (sorted by name), each marked
/// whether the printer shows it (JAX hides some: `broadcast_in_dim`'s shape, `mul`'s out_dtype).
public struct Params: CustomStringConvertible {
    public private(set) var entries: [(name: String, value: ParamValue, shown: Bool)] = []

    public init() {}

    /// The value under `key`, or nil when the equation has none (or one of another type).
    public subscript<V>(_ key: ParamKey<V>) -> V? {
        entries.first(where: { $0.name == key.name }).flatMap { V(param: $0.value) }
    }

    /// The value under `key`; a rule that reads a parameter its primitive always carries
    /// fails loudly (an internal error, never a silent default) when it is missing.
    public func required<V>(_ key: ParamKey<V>) throws(PyException) -> V {
        guard let value = self[key] else {
            throw PyException("RuntimeError", "internal error: an equation lacks its parameter '\(key.name)'")
        }
        return value
    }

    /// Whether a parameter is present at all (whatever its value).
    public func contains<V>(_ key: ParamKey<V>) -> Bool {
        entries.contains { $0.name == key.name }
    }

    /// Sets a parameter, keeping entries sorted by name as JAX prints them.
    public mutating func set<V>(_ key: ParamKey<V>, _ value: V, shown: Bool = true) {
        setRaw(key.name, value.param, shown: shown)
    }

    /// Sets a parameter printed in a particular form (NumPy ints, a padding with NumPy
    /// entries) that still reads back as the key's type.
    public mutating func set<V>(_ key: ParamKey<V>, printed: ParamValue, shown: Bool = true) {
        setRaw(key.name, printed, shown: shown)
    }

    /// The same parameters with one more (or one changed).
    public func with<V>(_ key: ParamKey<V>, _ value: V, shown: Bool = true) -> Params {
        var copy = self
        copy.set(key, value, shown: shown)
        return copy
    }

    /// The same parameters with one more printed in a particular form.
    public func with<V>(_ key: ParamKey<V>, printed: ParamValue, shown: Bool = true) -> Params {
        var copy = self
        copy.set(key, printed: printed, shown: shown)
        return copy
    }

    private mutating func setRaw(_ name: String, _ value: ParamValue, shown: Bool) {
        if let i = entries.firstIndex(where: { $0.name == name }) {
            entries[i] = (name, value, shown)
            return
        }
        let at = entries.firstIndex(where: { $0.name > name }) ?? entries.count
        entries.insert((name, value, shown), at: at)
    }

    /// The jaxprs among the parameters, in the order JAX's parameters hold them (a while's
    /// cond_jaxpr before its body_jaxpr): the order the printer meets them in.
    var subjaxprs: [ClosedJaxpr] {
        let first = ["call_jaxpr", "cond_jaxpr"]
        let ordered = entries.filter { first.contains($0.name) }.sorted { $0.name < $1.name }
            + entries.filter { !first.contains($0.name) }
        var out: [ClosedJaxpr] = []
        for entry in ordered {
            switch entry.value {
            case .jaxpr(let j): out.append(j)
            case .jaxprs(let js): out += js
            default: break
            }
        }
        return out
    }

    /// The shown parameters as `name=value` strings.
    public var shownItems: [(String, ParamValue)] {
        entries.filter { $0.shown }.map { ($0.name, $0.value) }
    }

    public var description: String {
        shownItems.map { "\($0.0)=\($0.1.printed)" }.joined(separator: " ")
    }
}
