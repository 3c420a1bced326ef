/// The eager kernel of a two-operand elementwise operation (`jnp.add`, `np.floor_divide`,
/// comparisons, ...): an elementwise primitive binds one (its `rules.elementwise`), and NumPy's
/// ufuncs and operators run the same values with NumPy's rules.
public struct BinaryKernel: Sendable, Equatable {
    /// The operation's name (NumPy's ufunc, in Swift's spelling: `floorDivide`).
    public let name: String
    /// Comparisons and logical operations produce bool arrays.
    public let producesBool: Bool
    /// The name of the first lax primitive `jnp` binds for this operation on `dtype`, as JAX's
    /// shape errors show it (`add got incompatible shapes ...`).
    let laxName: @Sendable (DType) -> String
    let apply: @Sendable (JaxArray, JaxArray, ArraySemantics, InterruptFlag?) throws(PyException) -> JaxArray

    /// The kernel of `F` on every dtype (one specialised copy of the loops per function).
    init<F: BinaryFunction>(_ name: String, _: F.Type) {
        self.name = name
        producesBool = F.producesBool
        laxName = { F.laxName(for: $0) }
        apply = { a, b, semantics, interrupt throws(PyException) in
            try Kernels.binary(F.self, a, b, semantics: semantics, interrupt: interrupt)
        }
    }

    public func laxName(for dtype: DType) -> String { laxName(dtype) }

    public static func == (a: BinaryKernel, b: BinaryKernel) -> Bool { a.name == b.name }
}

/// A two-operand elementwise function, defined once for each kind of element (operands of one
/// dtype, broadcast along `BinaryLayout`).
protocol BinaryFunction: SendableMetatype {
    static func laxName(for dtype: DType) -> String
    static var producesBool: Bool { get }
    /// Float elements; `narrow` rounds an intermediate to the array's real type where a JAX
    /// operation is several XLA ops (nil for float32 and float64, which need no rounding). Block kernels run under
    /// FTZ/DAZ when `jax`, and stop for a raised `interrupt`.
    static func float<T: KernelFloat>(_ x: [T], _ y: [T], _ l: BinaryLayout, jax: Bool, narrow: ((T) -> T)?,
                                      interrupt: InterruptFlag?) throws(PyException) -> Storage
    static func integer<T: FixedWidthInteger & ArrayElement>(_ x: [T], _ y: [T], _ l: BinaryLayout, jax: Bool) throws(PyException) -> Storage
    static func bool(_ x: [Bool], _ y: [Bool], _ l: BinaryLayout, _ semantics: ArraySemantics) throws(PyException) -> Storage
    /// float16 elements where they are not computed in float32 and rounded (nil).
    static func half(_ x: [Float16], _ y: [Float16], _ l: BinaryLayout, jax: Bool) -> [Float16]?
    /// Logical operations see bfloat16 elements as truth values by their bits.
    static var isLogical: Bool { get }
}

extension BinaryFunction {
    static var producesBool: Bool { false }
    static var isLogical: Bool { false }
    static func half(_ x: [Float16], _ y: [Float16], _ l: BinaryLayout, jax: Bool) -> [Float16]? { nil }
    /// Arithmetic on bools is JAX's TypeError.
    static func bool(_ x: [Bool], _ y: [Bool], _ l: BinaryLayout, _ semantics: ArraySemantics) throws(PyException) -> Storage {
        throw PyException.typeError(
            "\(laxName(for: .bool)) does not accept dtype bool. Accepted dtypes are subtypes of integer, floating, complexfloating.")
    }
}

extension Kernels {
    /// `kernel` elementwise over `a` and `b`, which must share a dtype (callers promote first);
    /// shapes broadcast NumPy-style. Comparisons and logical operations give bool.
    public static func binary(_ kernel: BinaryKernel, _ a: JaxArray, _ b: JaxArray, semantics: ArraySemantics,
                              interrupt: InterruptFlag? = nil) throws(PyException) -> JaxArray {
        // complex elements have kernels of their own (`ComplexEvaluation`); NumPy's complex
        // loops are not written yet
        if a.dtype.isComplex || b.dtype.isComplex { throw ComplexKernels.unsupported("this operation") }
        return try kernel.apply(a, b, semantics, interrupt)
    }

    static func binary<F: BinaryFunction>(_ f: F.Type, _ a: JaxArray, _ b: JaxArray, semantics: ArraySemantics,
                                          interrupt: InterruptFlag?) throws(PyException) -> JaxArray {
        guard a.dtype == b.dtype else {
            throw PyException.typeError(
                "\(F.laxName(for: a.dtype)) requires arguments to have the same dtypes, got \(a.dtype.name), \(b.dtype.name).")
        }
        let shape = try binaryShape(F.laxName(for: a.dtype), a.shape, b.shape, semantics: semantics)
        let count = try Shape.checkedCount(shape, itemSize: a.dtype.itemSize)
        let layout = BinaryLayout(shapeA: a.shape, shapeB: b.shape, outShape: shape, count: count)
        let jax = semantics == .jax
        let storage: Storage
        switch (a.storage, b.storage) {
        case let (.float32(x), .float32(y)):
            storage = try FloatEnvironment.run(flushingDenormals: jax) { () throws(PyException) -> Storage in
                try F.float(x, y, layout, jax: jax, narrow: nil, interrupt: interrupt)
            }
        case let (.float64(x), .float64(y)):
            storage = try FloatEnvironment.run(flushingDenormals: jax) { () throws(PyException) -> Storage in
                try F.float(x, y, layout, jax: jax, narrow: nil, interrupt: interrupt)
            }
        case let (.float16(x), .float16(y)):
            if let special = F.half(x, y, layout, jax: jax) {
                storage = .float16(special)
            } else {
                // float16 never needs flushing, and its conversions must not run under DAZ
                storage = ElementwiseNarrow.toFloat16(try F.float(x.map(Float.init), y.map(Float.init), layout, jax: jax,
                                                                  narrow: { Float(Float16($0)) }, interrupt: interrupt))
            }
        case let (.bfloat16(x), .bfloat16(y)):
            if F.isLogical {
                // bool conversion tests the bits, so subnormals count as true
                storage = try F.bool(x.map { $0.bitPattern & 0x7FFF != 0 }, y.map { $0.bitPattern & 0x7FFF != 0 }, layout, semantics)
            } else {
                let wide = try FloatEnvironment.run(flushingDenormals: jax) { () throws(PyException) -> Storage in
                    try F.float(x.map(\.floatValue), y.map(\.floatValue), layout, jax: jax, narrow: { BFloat16($0).floatValue },
                                interrupt: interrupt)
                }
                storage = ElementwiseNarrow.toBFloat16(wide)
            }
        case let (.int32(x), .int32(y)): storage = try F.integer(x, y, layout, jax: jax)
        case let (.int64(x), .int64(y)): storage = try F.integer(x, y, layout, jax: jax)
        case let (.int8(x), .int8(y)): storage = try F.integer(x, y, layout, jax: jax)
        case let (.int16(x), .int16(y)): storage = try F.integer(x, y, layout, jax: jax)
        case let (.uint8(x), .uint8(y)): storage = try F.integer(x, y, layout, jax: jax)
        case let (.uint16(x), .uint16(y)): storage = try F.integer(x, y, layout, jax: jax)
        case let (.uint32(x), .uint32(y)): storage = try F.integer(x, y, layout, jax: jax)
        case let (.uint64(x), .uint64(y)): storage = try F.integer(x, y, layout, jax: jax)
        case let (.bool(x), .bool(y)): storage = try F.bool(x, y, layout, semantics)
        default:
            throw PyException.typeError("\(F.laxName(for: a.dtype)) got mismatched storage")
        }
        return JaxArray(shape: shape, storage: storage, weakType: !F.producesBool && a.weakType && b.weakType)
    }
}

/// Rounds float32 results of half-precision kernels back to their own type.
enum ElementwiseNarrow {
    static func toFloat16(_ s: Storage) -> Storage {
        if case .float32(let v) = s { return .float16(ElementwiseLoop.map(v) { Float16($0) }) }
        return s
    }

    static func toBFloat16(_ s: Storage) -> Storage {
        if case .float32(let v) = s { return .bfloat16(ElementwiseLoop.map(v) { BFloat16($0) }) }
        return s
    }
}
