/// The abstract value of an array as tracing sees it: shape, dtype and weak type, no elements.
public struct ShapedArray: Hashable, Sendable, CustomStringConvertible {
    public var shape: [Int]
    public var dtype: DType
    public var weakType: Bool
    /// True for a typed PRNG key array (`key<fry>`): `shape` is the keys' shape and each key is
    /// two uint32 words held outside it.
    public var isKey: Bool

    public init(shape: [Int], dtype: DType, weakType: Bool = false, isKey: Bool = false) {
        self.shape = shape
        self.dtype = dtype
        self.weakType = weakType
        self.isKey = isKey
    }

    public init(_ array: JaxArray) {
        if array.isKeyData {
            self.init(shape: Array(array.shape.dropLast()), dtype: .uint32, isKey: true)
        } else {
            self.init(shape: array.shape, dtype: array.dtype, weakType: array.weakType)
        }
    }

    /// The abstract value of typed keys of `shape`.
    public static func keys(_ shape: [Int]) -> ShapedArray {
        ShapedArray(shape: shape, dtype: .uint32, isKey: true)
    }

    /// The dtype JAX prints for threefry keys.
    public static let keyDTypeName = "key<fry>"

    /// The dtype as JAX names it: `key<fry>` for typed keys.
    var dtypeName: String { isKey ? ShapedArray.keyDTypeName : dtype.name }

    public var rank: Int { shape.count }
    public var count: Int { shape.reduce(1, &*) }

    /// `f32[3,4]`: the form a jaxpr prints for a variable's type.
    public var short: String {
        (isKey ? ShapedArray.keyDTypeName : dtype.shortName) + "[" + shape.map(String.init).joined(separator: ",") + "]"
    }

    /// `float32[3]` or `~float32[]` (weak): the form a tracer's repr shows.
    public var description: String {
        (weakType ? "~" : "") + dtypeName + "[" + shape.map(String.init).joined(separator: ",") + "]"
    }

    /// The same abstract value with another shape or dtype.
    public func with(shape: [Int]? = nil, dtype: DType? = nil, weakType: Bool? = nil) -> ShapedArray {
        ShapedArray(shape: shape ?? self.shape, dtype: dtype ?? self.dtype, weakType: weakType ?? self.weakType,
                    isKey: dtype == nil && isKey)
    }
}

/// What the interpreter holds for a JAX array: a concrete array, or a tracer standing for one
/// while a function is being transformed.
public enum JaxValue {
    case array(JaxArray)
    case tracer(Tracer)

    public var aval: ShapedArray {
        switch self {
        case .array(let a): return ShapedArray(a)
        case .tracer(let t): return t.aval
        }
    }

    public var shape: [Int] { aval.shape }
    public var dtype: DType { aval.dtype }
    public var rank: Int { aval.shape.count }
    public var weakType: Bool { aval.weakType }

    /// The concrete array, when this value is not being traced.
    public var concrete: JaxArray? {
        if case .array(let a) = self { return a }
        return nil
    }
}
