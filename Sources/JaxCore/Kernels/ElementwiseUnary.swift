/// The eager kernel of a one-operand elementwise operation (`jnp.exp`, `np.floor`, `lax.rsqrt`,
/// ...): an elementwise primitive binds one (its `rules.elementwise`), and NumPy's ufuncs run
/// the same values with NumPy's rules.
public struct UnaryKernel: Sendable, Equatable {
    /// The operation's name (NumPy's ufunc, in Swift's spelling: `logicalNot`).
    public let name: String
    /// The lax primitive's name, as JAX's dtype errors show it.
    public let laxName: String
    /// Defined only on floating-point values.
    public let needsFloat: Bool
    /// The dtypes the lax function accepts (lax.floor refuses the integers jnp.floor keeps).
    public let laxAccepts: AcceptedKinds
    let apply: @Sendable (JaxArray, ArraySemantics, InterruptFlag?) throws(PyException) -> JaxArray
    /// JAX's float32 block, for a whole array of `count` elements and `rank` whose every lane
    /// XLA computes with that block (so fused loops may run it on any block); nil otherwise.
    let jax32Block: @Sendable (_ count: Int, _ rank: Int) -> UnaryBlock<Float, Float>?
    /// How much work an element is.
    let cost: KernelCost

    /// The kernel of `F` on every dtype (one specialised copy of the loops per function).
    init<F: UnaryFunction>(_ name: String, _: F.Type) {
        self.name = name
        laxName = F.laxName
        needsFloat = F.needsFloat
        laxAccepts = F.laxAccepts
        cost = F.cost
        apply = { a, semantics, interrupt throws(PyException) in
            try Kernels.unary(F.self, a, semantics: semantics, interrupt: interrupt)
        }
        jax32Block = { count, rank in
            if let (lanes, _) = F.jax32Lanes(count: count, rank: rank), !lanes.isEmpty { return nil }
            return F.jax32
        }
    }

    init(_ name: String, laxName: String, needsFloat: Bool, laxAccepts: AcceptedKinds,
         apply: @escaping @Sendable (JaxArray, ArraySemantics, InterruptFlag?) throws(PyException) -> JaxArray) {
        self.name = name
        self.laxName = laxName
        self.needsFloat = needsFloat
        self.laxAccepts = laxAccepts
        self.apply = apply
        jax32Block = { _, _ in nil }
        cost = .memory
    }

    public static func == (a: UnaryKernel, b: UnaryKernel) -> Bool { a.name == b.name }

    /// The TypeError lax gives for an operand of a dtype it does not accept.
    public func refusal(_ dtype: DType) -> PyException {
        .typeError("\(laxName) does not accept dtype \(dtype.name). Accepted dtypes are subtypes of \(laxAccepts.rawValue).")
    }
}

/// The kinds of dtype a lax elementwise function accepts, as its TypeError lists them.
public enum AcceptedKinds: String, Sendable {
    case floating = "floating"
    case inexact = "floating, complexfloating"
    case numbers = "integer, floating, complexfloating"
    case signed = "floating, complexfloating, signedinteger"
    case integral = "integer, bool"

    /// Whether an operand of `dtype` is accepted.
    public func admits(_ dtype: DType) -> Bool {
        switch self {
        case .floating, .inexact: dtype.isFloating
        case .numbers: dtype != .bool
        case .signed: dtype.isSigned
        case .integral: !dtype.isFloating
        }
    }
}

/// A one-operand elementwise function, defined once for each kind of element. JAX's float32
/// and float64 values come from block kernels (the loops XLA runs, shared by eager execution
/// and fused loops); NumPy's from `generic` unless said otherwise.
protocol UnaryFunction: SendableMetatype {
    static var laxName: String { get }
    static var needsFloat: Bool { get }
    /// The dtypes lax's function accepts (`.inexact` unless said otherwise).
    static var laxAccepts: AcceptedKinds { get }
    /// What both libraries compute with the C library or exact IEEE arithmetic.
    static func generic<T: KernelFloat>(_ x: T) -> T
    /// JAX on a block of float32 elements: the code XLA's loops run.
    static var jax32: UnaryBlock<Float, Float> { get }
    /// The lanes of a whole float32 array of `count` elements and `rank` that XLA's compiled
    /// kernel computes with another block (glibc for exp and log on some short 1-D arrays and
    /// for arctan's vectorised lanes, the clamped erf for one element); nil for none.
    static func jax32Lanes(count: Int, rank: Int) -> (Range<Int>, UnaryBlock<Float, Float>)?
    /// JAX on a block of float64 elements.
    static var jax64: UnaryBlock<Double, Double> { get }
    /// How much work an element is (when to use a second core).
    static var cost: KernelCost { get }
    /// NumPy on float32.
    static func numpy32(_ v: [Float]) -> [Float]
    /// JAX on half types where XLA rounds between the steps of an expanded operation (each
    /// step through `narrow`); nil for operations computed in float32 and rounded once.
    static func halfJax(_ v: [Float], narrow: (Float) -> Float, perOpExpm1: Bool) -> [Float]?
    /// On integers; nil when the function refuses them.
    static func integer<T: FixedWidthInteger>(_ v: [T]) -> [T]?
    /// Bools pass through unchanged (abs and the roundings); otherwise they are refused.
    static var keepsBools: Bool { get }
}

extension UnaryFunction {
    static var needsFloat: Bool { true }
    static var laxAccepts: AcceptedKinds { needsFloat ? .inexact : .numbers }
    static var cost: KernelCost { .memory }
    static func jax32Lanes(count: Int, rank: Int) -> (Range<Int>, UnaryBlock<Float, Float>)? { nil }
    static func numpy32(_ v: [Float]) -> [Float] { ElementwiseLoop.map(v) { generic($0) } }
    static func halfJax(_ v: [Float], narrow: (Float) -> Float, perOpExpm1: Bool) -> [Float]? { nil }
    static func integer<T: FixedWidthInteger>(_ v: [T]) -> [T]? { nil }
    static var keepsBools: Bool { false }
}

extension Kernels {
    /// `kernel` on every element. Float functions give JAX's bits (XLA's approximations, glibc
    /// calls and their shape-dependent choice between them) or NumPy's; integer negation and
    /// abs wrap; `round` rounds half to even as `jnp.round` and `np.round` do. A raised
    /// `interrupt` stops a long kernel with KeyboardInterrupt.
    public static func unary(_ kernel: UnaryKernel, _ a: JaxArray, semantics: ArraySemantics,
                             interrupt: InterruptFlag? = nil) throws(PyException) -> JaxArray {
        if a.dtype.isComplex { throw ComplexKernels.unsupported("this operation") }
        return try kernel.apply(a, semantics, interrupt)
    }

    static func unary<F: UnaryFunction>(_ f: F.Type, _ a: JaxArray, semantics: ArraySemantics,
                                        interrupt: InterruptFlag?) throws(PyException) -> JaxArray {
        if F.needsFloat && !a.dtype.isFloating { throw refusal(f, a.dtype) }
        let jax = semantics == .jax
        let storage: Storage
        switch a.storage {
        case .float32(let v): storage = .float32(try float32(f, v, rank: a.rank, jax: jax, interrupt: interrupt))
        case .float64(let v):
            storage = .float64(jax ? try BlockLoop.map(v, F.jax64, cost: F.cost, flush: true, interrupt: interrupt)
                                   : ElementwiseLoop.map(v) { F.generic($0) })
        case .float16(let v):
            let x = v.map(Float.init)
            let special = jax ? F.halfJax(x, narrow: { Float(Float16($0)) }, perOpExpm1: true) : nil
            let wide: [Float]
            if let special { wide = special } else { wide = try float32(f, x, rank: a.rank, jax: jax, flush: false, interrupt: interrupt) }
            storage = .float16(ElementwiseLoop.map(wide) { Float16($0) })
        case .bfloat16(let v):
            let x = v.map(\.floatValue)
            let special = jax ? F.halfJax(x, narrow: { BFloat16(XLAMath.flush($0)).floatValue }, perOpExpm1: false) : nil
            let wide: [Float]
            if let special { wide = special } else { wide = try float32(f, x, rank: a.rank, jax: jax, interrupt: interrupt) }
            storage = .bfloat16(ElementwiseLoop.map(wide) { BFloat16($0) })
        case .int8(let v): storage = .int8(try integers(f, v, a.dtype))
        case .int16(let v): storage = .int16(try integers(f, v, a.dtype))
        case .int32(let v): storage = .int32(try integers(f, v, a.dtype))
        case .int64(let v): storage = .int64(try integers(f, v, a.dtype))
        case .uint8(let v): storage = .uint8(try integers(f, v, a.dtype))
        case .uint16(let v): storage = .uint16(try integers(f, v, a.dtype))
        case .uint32(let v): storage = .uint32(try integers(f, v, a.dtype))
        case .uint64(let v): storage = .uint64(try integers(f, v, a.dtype))
        case .complex64, .complex128: throw ComplexKernels.unsupported(F.laxName)
        case .bool(let v):
            if F.keepsBools {
                storage = .bool(v)
            } else if F.laxName == "neg" && semantics == .numpy {
                throw PyException.typeError(
                    "The numpy boolean negative, the `-` operator, is not supported, use the `~` operator or the logical_not function instead.")
            } else {
                throw PyException.typeError(
                    "\(F.laxName) does not accept dtype bool. Accepted dtypes are subtypes of integer, floating, complexfloating.")
            }
        }
        return JaxArray(shape: a.shape, storage: storage, weakType: a.weakType)
    }

    /// float32 elements (half types run through here too). `flush` defaults to JAX semantics;
    /// float16 inputs pass false (their float32 images are never subnormal, and their
    /// conversions must not run under DAZ). JAX's values: the function's block over the whole
    /// array, then the lanes XLA computes another way for this size.
    private static func float32<F: UnaryFunction>(_ f: F.Type, _ v: [Float], rank: Int, jax: Bool, flush: Bool? = nil,
                                                  interrupt: InterruptFlag?) throws(PyException) -> [Float] {
        guard jax else { return FloatEnvironment.value(flushingDenormals: flush ?? jax) { F.numpy32(v) } }
        var out = try BlockLoop.map(v, F.jax32, cost: F.cost, flush: flush ?? jax, interrupt: interrupt)
        if let (lanes, block) = F.jax32Lanes(count: v.count, rank: rank), !lanes.isEmpty {
            let patched = try BlockLoop.map(Array(v[lanes]), block, cost: .libm, flush: flush ?? jax, interrupt: interrupt)
            out.replaceSubrange(lanes, with: patched)
        }
        return out
    }

    private static func integers<F: UnaryFunction, T: FixedWidthInteger>(_ f: F.Type, _ v: [T], _ dtype: DType) throws(PyException) -> [T] {
        guard let out = F.integer(v) else { throw refusal(f, dtype) }
        return out
    }

    private static func refusal<F: UnaryFunction>(_ f: F.Type, _ dtype: DType) -> PyException {
        .typeError("\(F.laxName) does not accept dtype \(dtype.name). Accepted dtypes are subtypes of \(F.laxAccepts.rawValue).")
    }
}
