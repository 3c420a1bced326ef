/// The one-operand elementwise operations (`jnp.exp`, `np.floor`, `lax.rsqrt`, ...).
public enum UnaryOp: String, Sendable, CaseIterable {
    case negative, abs, sign, exp, log, log1p, expm1, sqrt, rsqrt, sin, cos, tan, tanh
    case arctan, erf, erfInv, logistic, logicalNot, floor, ceil, round

    /// The lax primitive's name, as JAX's dtype errors show it.
    public var laxName: String {
        switch self {
        case .negative: return "neg"
        case .arctan: return "atan"
        case .erfInv: return "erf_inv"
        case .logicalNot: return "not"
        default: return rawValue
        }
    }

    /// Operations defined only on floating-point values.
    public var needsFloat: Bool {
        switch self {
        case .negative, .abs, .sign, .logicalNot, .floor, .ceil, .round: return false
        default: return true
        }
    }
}

extension Kernels {
    /// `op` on every element. Float functions give JAX's bits (XLA's approximations, glibc
    /// calls and their shape-dependent choice between them) or NumPy's; integer negation and
    /// abs wrap; `round` rounds half to even as `jnp.round` and `np.round` do.
    public static func unary(_ op: UnaryOp, _ a: JaxArray, semantics: ArraySemantics) throws(PyException) -> JaxArray {
        if op.needsFloat && !a.dtype.isFloating {
            throw PyException.typeError(
                "\(op.laxName) does not accept dtype \(a.dtype.name). Accepted dtypes are subtypes of floating, complexfloating.")
        }
        if op == .logicalNot {
            let truth = Kernels.cast(a, to: .bool, semantics: semantics)
            guard case .bool(let v) = truth.storage else { return truth }
            return JaxArray(shape: a.shape, storage: .bool(ElementwiseLoop.map(v) { !$0 }))
        }
        let storage: Storage
        switch a.storage {
        case .float32(let v): storage = .float32(FloatUnary.float32(op, v, shape: a.shape, semantics: semantics))
        case .float64(let v): storage = .float64(FloatUnary.float64(op, v, semantics: semantics))
        case .float16(let v):
            let x = v.map(Float.init)
            let wide = (semantics == .jax ? FloatUnary.halfJax(op, x, narrow: { Float(Float16($0)) }, perOpExpm1: true) : nil)
                ?? FloatUnary.float32(op, x, shape: a.shape, semantics: semantics, flush: false)
            storage = .float16(ElementwiseLoop.map(wide) { Float16($0) })
        case .bfloat16(let v):
            let x = v.map(\.floatValue)
            let wide = (semantics == .jax ? FloatUnary.halfJax(op, x, narrow: { BFloat16(XLAMath.flush($0)).floatValue }, perOpExpm1: false) : nil)
                ?? FloatUnary.float32(op, x, shape: a.shape, semantics: semantics)
            storage = .bfloat16(ElementwiseLoop.map(wide) { BFloat16($0) })
        case .int8(let v): storage = .int8(try IntegerUnary.run(op, v, semantics))
        case .int16(let v): storage = .int16(try IntegerUnary.run(op, v, semantics))
        case .int32(let v): storage = .int32(try IntegerUnary.run(op, v, semantics))
        case .int64(let v): storage = .int64(try IntegerUnary.run(op, v, semantics))
        case .uint8(let v): storage = .uint8(try IntegerUnary.run(op, v, semantics))
        case .uint16(let v): storage = .uint16(try IntegerUnary.run(op, v, semantics))
        case .uint32(let v): storage = .uint32(try IntegerUnary.run(op, v, semantics))
        case .uint64(let v): storage = .uint64(try IntegerUnary.run(op, v, semantics))
        case .bool(let v):
            switch op {
            case .abs, .floor, .ceil, .round: storage = .bool(v)
            case .negative where semantics == .numpy:
                throw PyException.typeError(
                    "The numpy boolean negative, the `-` operator, is not supported, use the `~` operator or the logical_not function instead.")
            default:
                throw PyException.typeError(
                    "\(op.laxName) does not accept dtype bool. Accepted dtypes are subtypes of integer, floating, complexfloating.")
            }
        }
        return JaxArray(shape: a.shape, storage: storage, weakType: a.weakType)
    }
}

/// Unary kernels on integer arrays: negation and abs wrap (abs of MIN is MIN), rounding is
/// the identity.
enum IntegerUnary {
    static func run<T: FixedWidthInteger>(_ op: UnaryOp, _ v: [T], _ semantics: ArraySemantics) throws(PyException) -> [T] {
        switch op {
        case .negative: return ElementwiseLoop.map(v) { 0 &- $0 }
        case .abs: return T.isSigned ? ElementwiseLoop.map(v) { $0 < 0 ? 0 &- $0 : $0 } : v
        case .sign: return ElementwiseLoop.map(v) { $0 > 0 ? 1 : $0 == 0 ? 0 : 0 &- 1 }
        case .floor, .ceil, .round: return v
        default:
            throw PyException.typeError(
                "\(op.laxName) does not accept dtype \(T.self). Accepted dtypes are subtypes of floating, complexfloating.")
        }
    }
}
