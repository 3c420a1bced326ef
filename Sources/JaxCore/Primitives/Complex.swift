/// Complex numbers: the primitives of their parts (`real`, `imag`, `conj`, `complex`), all
/// linear, and which other primitives evaluate on complex operands. Every primitive not
/// listed in `ComplexEvaluation` refuses complex operands with a NotImplementedError instead
/// of running a kernel written for real numbers.
extension Primitive {
    static var complexParts: [Primitive] { [.real, .imag, .conj, .complex] }

    /// A one-operand primitive taking a complex array to one of its real parts.
    private static func part(_ name: String, imaginary: Bool,
                             transpose: @escaping @Sendable (JaxContext, JaxValue) throws(PyException) -> JaxValue) -> Primitive {
        Primitive(name, Rules(
            abstractEval: { ins, _ throws(PyException) in
                let x = try Operands.first(ins)
                guard x.dtype.isComplex else {
                    throw PyException.typeError("\(name) does not accept dtype \(x.dtype.name). Accepted dtypes are subtypes of complexfloating.")
                }
                return [x.with(dtype: x.dtype.realPart)]
            },
            evaluate: { _, xs, _ throws(PyException) in
                let x = try Operands.at(xs, 0, name)
                let parts = ComplexCast.parts(x)
                return [(imaginary ? parts.im : parts.re).withWeakType(x.weakType)]
            },
            jvp: .linear,
            transpose: .linear { _, ctx, ct, _, _ throws(PyException) in [try transpose(ctx, ct)] },
            batch: .unary))
    }

    /// `real(x)`; its transpose makes `complex(t, 0)`.
    static let real: Primitive = part("real", imaginary: false) { ctx, t throws(PyException) in
        try Lax.complex(ctx, t, Lax.constant(.float(0), t.dtype))
    }

    /// `imag(x)`; its transpose makes `complex(0, -t)`.
    static let imag: Primitive = part("imag", imaginary: true) { ctx, t throws(PyException) in
        try Lax.complex(ctx, Lax.constant(.float(0), t.dtype), try Lax.neg(ctx, t))
    }

    /// `conj(x)` of a complex array, the input dtype a parameter as JAX prints it.
    static let conj: Primitive = Primitive("conj", Rules(
        abstractEval: { ins, _ throws(PyException) in
            let x = try Operands.first(ins)
            guard x.dtype.isComplex else {
                throw PyException.typeError("conj does not accept dtype \(x.dtype.name). Accepted dtypes are subtypes of complexfloating.")
            }
            return [x]
        },
        evaluate: { _, xs, _ throws(PyException) in
            let x = try Operands.at(xs, 0, "conj")
            let storage: Storage
            switch x.storage {
            case .complex64(let v): storage = .complex64(v.map { Complex64($0.re, -$0.im) })
            case .complex128(let v): storage = .complex128(v.map { Complex128($0.re, -$0.im) })
            default: storage = x.storage
            }
            return [JaxArray(shape: x.shape, storage: storage, weakType: x.weakType)]
        },
        jvp: .linear,
        transpose: .linear { _, ctx, ct, _, _ throws(PyException) in [try Lax.conj(ctx, ct)] },
        batch: .unary))

    /// `complex(x, y)`: x + iy from two float arrays of one dtype.
    static let complex: Primitive = Primitive("complex", Rules(
        abstractEval: { ins, _ throws(PyException) in
            let out = try Operands.elementwise("complex", ins)
            guard out.dtype == .float32 || out.dtype == .float64 else {
                throw PyException.typeError("complex does not accept dtype \(out.dtype.name). Accepted dtypes are subtypes of float32, float64.")
            }
            return [out.with(dtype: out.dtype.complexCounterpart)]
        },
        evaluate: { _, xs, _ throws(PyException) in
            let x = try Operands.at(xs, 0, "complex"), y = try Operands.at(xs, 1, "complex")
            let shape = try Kernels.broadcastShapes([x.shape, y.shape])
            let re = try Kernels.broadcast(x, to: shape), im = try Kernels.broadcast(y, to: shape)
            return [JaxArray(shape: shape, storage: ComplexCast.compose(re.storage, im.storage), weakType: x.weakType && y.weakType)]
        },
        jvp: .linear,
        transpose: .linear { _, ctx, ct, args, _ throws(PyException) in
            [args[0].isLinear ? try Lax.unbroadcast(ctx, args[0].aval, try Lax.unary(ctx, .real, ct)) : nil,
             args[1].isLinear ? try Lax.unbroadcast(ctx, args[1].aval, try Lax.unary(ctx, .imag, try Lax.neg(ctx, ct))) : nil]
        },
        batch: .broadcasting))
}

extension Lax {
    static func complex(_ ctx: JaxContext, _ x: JaxValue, _ y: JaxValue) throws(PyException) -> JaxValue {
        try Tracing.bind1(ctx, .complex, [x, y])
    }

    static func conj(_ ctx: JaxContext, _ x: JaxValue) throws(PyException) -> JaxValue {
        try Tracing.bind1(ctx, .conj, [x], Params().with(.inputDType, x.dtype))
    }
}

/// Which primitives evaluate on complex operands, and how: the ones that only move elements
/// run their own kernels (which are generic over the element type); arithmetic runs XLA's
/// complex formulas.
enum ComplexEvaluation {
    /// Primitives whose own kernels handle complex elements: they move, pick or convert
    /// elements without arithmetic, or have complex cases of their own (casts, sums,
    /// cumulative sums and products in order, lexicographic extremes and sorts, integer
    /// powers, the parts' primitives), or call a jaxpr whose equations are checked one by one.
    static let ownKernels: Set<String> = [
        "iota", "empty2", "name",
        "broadcast_in_dim", "reshape", "transpose", "squeeze", "concatenate", "slice", "dynamic_slice",
        "dynamic_update_slice", "stack", "gather", "scatter", "scatter-add", "select_n", "copy", "rev", "pad", "convert_element_type",
        "real", "imag", "conj", "complex", "reduce_sum", "reduce_prod", "reduce_max", "reduce_min", "argmax", "argmin", "cumsum",
        "sort", "integer_pow", "jit", "cond", "while", "scan",
        "custom_jvp_call", "custom_vjp_call", "remat2", "debug_callback", "debug_print", "split", "tile", "stop_gradient",
    ]

    /// The complex evaluation of `prim`, or a NotImplementedError naming it.
    static func evaluate(_ prim: Primitive, _ ctx: JaxContext, _ xs: [JaxArray], _ params: Params) throws(PyException) -> [JaxArray] {
        if ownKernels.contains(prim.name) { return try prim.rules.evaluate(ctx, xs, params) }
        switch prim.name {
        case "add", "add_any": return [try binary(xs, ComplexArithmetic.add, ComplexArithmetic.add)]
        case "sub": return [try binary(xs, ComplexArithmetic.subtract, ComplexArithmetic.subtract)]
        case "mul": return [try binary(xs, ComplexArithmetic.multiply, ComplexArithmetic.multiply)]
        case "div":
            // jnp.mean's count divides as a multiply of each part by its rounded reciprocal
            if params[.reciprocal] ?? false { return [try scaled(xs)] }
            return [try binary(xs, ComplexArithmetic.divide, ComplexArithmetic.divide)]
        case "eq": return [try compare(xs) { a, b in a.re == b.re && a.im == b.im }]
        case "ne": return [try compare(xs) { a, b in !(a.re == b.re && a.im == b.im) }]
        // XLA orders complex numbers by real part, then imaginary part
        case "lt": return [try compare(xs) { a, b in a.re < b.re || (a.re == b.re && a.im < b.im) }]
        case "le": return [try compare(xs) { a, b in a.re < b.re || (a.re == b.re && a.im <= b.im) }]
        case "gt": return [try compare(xs) { a, b in a.re > b.re || (a.re == b.re && a.im > b.im) }]
        case "ge": return [try compare(xs) { a, b in a.re > b.re || (a.re == b.re && a.im >= b.im) }]
        case "max", "min":
            let max = prim.name == "max"
            return [try binary(xs, { ComplexReduction.pick($0, $1, max: max) }, { ComplexReduction.pick($0, $1, max: max) })]
        case "dot_general":
            let lhs = try Operands.at(xs, 0, "dot_general"), rhs = try Operands.at(xs, 1, "dot_general")
            let dtype = params[.preferredElementType] ?? (lhs.dtype.isComplex ? lhs.dtype : rhs.dtype)
            return [try ComplexDot.dotGeneral(Kernels.cast(lhs, to: dtype, semantics: .jax), Kernels.cast(rhs, to: dtype, semantics: .jax),
                                              try params.required(.dotDimensionNumbers), conjugatedLeft: params[.conjugatedLeft] ?? false)]
        case "neg": return [try unary(xs, prim.name) { (z: Complex64) in Complex64(-z.re, -z.im) } _: { Complex128(-$0.re, -$0.im) }]
        case "square": return [try unary(xs, prim.name, ComplexArithmetic.square, ComplexArithmetic.square)]
        case "sign": return [try unary(xs, prim.name, ComplexArithmetic.sign, ComplexArithmetic.sign)]
        case "exp": return [try unary(xs, prim.name, ComplexArithmetic.exp, ComplexArithmetic.exp)]
        case "log": return [try unary(xs, prim.name, ComplexArithmetic.log, ComplexArithmetic.log)]
        case "sqrt": return [try unary(xs, prim.name, ComplexFunctions.sqrt, ComplexFunctions.sqrt)]
        case "pow": return [try binary(xs, ComplexFunctions.pow, ComplexFunctions.pow)]
        case "expm1": return [try unary(xs, prim.name, ComplexFunctions.expm1, ComplexFunctions.expm1)]
        case "sin", "cos":
            let cosine = prim.name == "cos"
            return [try unary(xs, prim.name) { ComplexFunctions.sinCos($0, cosine: cosine) } _: { ComplexFunctions.sinCos($0, cosine: cosine) }]
        case "tan", "tanh":
            let tangent = prim.name == "tan"
            return [try unary(xs, prim.name) { ComplexFunctions.tanh($0, tangent: tangent) } _: { ComplexFunctions.tanh($0, tangent: tangent) }]
        case "abs":
            let x = try Operands.at(xs, 0, "abs")
            let storage: Storage
            switch x.storage {
            case .complex64(let v): storage = .float32(FloatEnvironment.value(flushingDenormals: true) { v.map(ComplexArithmetic.abs) })
            case .complex128(let v): storage = .float64(FloatEnvironment.value(flushingDenormals: true) { v.map(ComplexArithmetic.abs) })
            default: throw ComplexKernels.unsupported("abs")
            }
            return [JaxArray(shape: x.shape, storage: storage, weakType: x.weakType)]
        default:
            throw ComplexKernels.unsupported(prim.name)
        }
    }

    /// Both operands in their common complex dtype (a weak one takes the other's), broadcast
    /// to one shape.
    private static func operands(_ xs: [JaxArray]) throws(PyException) -> (JaxArray, JaxArray) {
        var a = try Operands.at(xs, 0, "binary"), b = try Operands.at(xs, 1, "binary")
        let target = a.weakType && !b.weakType ? b.dtype : a.dtype
        a = Kernels.cast(a, to: target, semantics: .jax)
        b = Kernels.cast(b, to: target, semantics: .jax)
        let shape = try Kernels.broadcastShapes([a.shape, b.shape])
        return (try Kernels.broadcast(a, to: shape), try Kernels.broadcast(b, to: shape))
    }

    private static func binary(_ xs: [JaxArray], _ f64: @escaping (Complex64, Complex64) -> Complex64,
                               _ f128: @escaping (Complex128, Complex128) -> Complex128) throws(PyException) -> JaxArray {
        let (a, b) = try operands(xs)
        let storage: Storage = FloatEnvironment.value(flushingDenormals: true) {
            switch (a.storage, b.storage) {
            case (.complex64(let x), .complex64(let y)): return .complex64(zip(x, y).map(f64))
            case (.complex128(let x), .complex128(let y)): return .complex128(zip(x, y).map(f128))
            default: return a.storage
            }
        }
        guard a.dtype.isComplex else { throw ComplexKernels.unsupported("this operation") }
        return JaxArray(shape: a.shape, storage: storage, weakType: a.weakType && b.weakType)
    }

    /// Each part of the first operand times `1 / re` of the second's (a real count).
    private static func scaled(_ xs: [JaxArray]) throws(PyException) -> JaxArray {
        let (a, b) = try operands(xs)
        let storage: Storage = FloatEnvironment.value(flushingDenormals: true) {
            switch (a.storage, b.storage) {
            case (.complex64(let x), .complex64(let y)):
                return .complex64(zip(x, y).map { let c = 1 / $1.re; return Complex64($0.re * c, $0.im * c) })
            case (.complex128(let x), .complex128(let y)):
                return .complex128(zip(x, y).map { let c = 1 / $1.re; return Complex128($0.re * c, $0.im * c) })
            default: return a.storage
            }
        }
        return JaxArray(shape: a.shape, storage: storage, weakType: a.weakType && b.weakType)
    }

    private static func compare(_ xs: [JaxArray], _ test: @escaping (Complex128, Complex128) -> Bool) throws(PyException) -> JaxArray {
        let (a, b) = try operands(xs)
        let wide = Kernels.cast(a, to: .complex128, semantics: .jax), other = Kernels.cast(b, to: .complex128, semantics: .jax)
        guard case .complex128(let x) = wide.storage, case .complex128(let y) = other.storage else {
            throw ComplexKernels.unsupported("comparison")
        }
        return JaxArray(shape: a.shape, storage: .bool(zip(x, y).map(test)))
    }

    private static func unary(_ xs: [JaxArray], _ name: String, _ f64: @escaping (Complex64) -> Complex64,
                              _ f128: @escaping (Complex128) -> Complex128) throws(PyException) -> JaxArray {
        let x = try Operands.at(xs, 0, name)
        let storage: Storage
        switch x.storage {
        case .complex64(let v): storage = .complex64(FloatEnvironment.value(flushingDenormals: true) { v.map(f64) })
        case .complex128(let v): storage = .complex128(FloatEnvironment.value(flushingDenormals: true) { v.map(f128) })
        default: throw ComplexKernels.unsupported(name)
        }
        return JaxArray(shape: x.shape, storage: storage, weakType: x.weakType)
    }
}
