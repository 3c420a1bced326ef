import CElementwiseKernels

/// The inverse trigonometric and the hyperbolic primitives (`asin`, `acos`, `sinh`, `cosh`,
/// `asinh`, `acosh`, `atanh`). XLA expands each into elementwise operations it already has
/// (CHLO's decompositions, read from JAX's optimised HLO), so their eager kernels compose
/// those same kernels in the same order; JVPs are lax's `defjvp` rules.
extension Primitive {
    /// This family, for the transformation tests.
    static var hyperbolic: [Primitive] { [.asin, .acos, .sinh, .cosh, .asinh, .acosh, .atanh] }

    /// An elementwise primitive of floats whose kernel is `expansion` over `Expanded` steps.
    private static func expanded(_ name: String, jvp: JVPRule,
                                 _ expansion: @escaping @Sendable (Expanded) throws(PyException) -> JaxArray) -> Primitive {
        unary(name, jvp: jvp) { ctx, x, _ throws(PyException) in
            if x.dtype.isComplex { throw ComplexKernels.unsupported(name) }
            guard x.dtype.isFloating else {
                throw PyException.typeError("\(name) does not accept dtype \(x.dtype.name). Accepted dtypes are subtypes of floating, complexfloating.")
            }
            return try expansion(Expanded(x: x, interrupt: ctx.interrupt))
        }
    }

    /// `1 - x*x` as lax's derivatives write it.
    private static func oneMinusSquare(_ ctx: JaxContext, _ x: JaxValue) throws(PyException) -> JaxValue {
        try Lax.sub(ctx, Lax.const(x, 1), try Lax.unary(ctx, .square, x))
    }

    // asin(x) = 2 * atan2(x, 1 + sqrt((1 - x) * (1 + x)))
    static let asin: Primitive = expanded("asin", jvp: derivative { ctx, g, x, _ throws(PyException) in
        try Lax.mul(ctx, g, try Lax.unary(ctx, .rsqrt, try oneMinusSquare(ctx, x)))
    }) { e throws(PyException) in
        let root = try e.sqrt(try e.mul(try e.sub(e.c(1), e.x), try e.add(e.x, e.c(1))))
        let half = try e.atan2(e.x, try e.add(root, e.c(1)))
        return try e.add(half, half)
    }
    // acos(x) = atan2(sqrt((1 - x) * (1 + x)), x)
    static let acos: Primitive = expanded("acos", jvp: derivative { ctx, g, x, _ throws(PyException) in
        try Lax.mul(ctx, g, try Lax.neg(ctx, try Lax.unary(ctx, .rsqrt, try oneMinusSquare(ctx, x))))
    }) { e throws(PyException) in
        try e.atan2(try e.sqrt(try e.mul(try e.sub(e.c(1), e.x), try e.add(e.x, e.c(1)))), e.x)
    }
    // |x| < 1: (expm1(x) + expm1(x) / (expm1(x) + 1)) * 0.5; else exp(x - ln 2) - exp(-ln 2 - x);
    // half precision is computed in float32
    static let sinh: Primitive = expanded("sinh", jvp: derivative { ctx, g, x, _ throws(PyException) in
        try Lax.mul(ctx, g, try Lax.unary(ctx, .cosh, x))
    }) { e throws(PyException) in
        try e.inFloat32 { e throws(PyException) in
            let m = try e.unary(.expm1, e.x)
            let small = try e.mul(try e.add(m, try e.div(m, try e.add(m, e.c(1)))), e.c(0.5))
            let large = try e.sub(try e.unary(.exp, try e.add(e.x, e.c(-Expanded.ln2))), try e.unary(.exp, try e.sub(e.c(-Expanded.ln2), e.x)))
            return try e.select(try e.compare(.less, try e.unary(.abs, e.x), e.c(1)), small, large)
        }
    }
    // cosh(x) = exp(x - ln 2) + exp(-ln 2 - x)
    static let cosh: Primitive = expanded("cosh", jvp: derivative { ctx, g, x, _ throws(PyException) in
        try Lax.mul(ctx, g, try Lax.unary(ctx, .sinh, x))
    }) { e throws(PyException) in
        try e.inFloat32 { e throws(PyException) in
            try e.add(try e.unary(.exp, try e.add(e.x, e.c(-Expanded.ln2))), try e.unary(.exp, try e.sub(e.c(-Expanded.ln2), e.x)))
        }
    }
    // sign(x) * (|x| >= sqrt(max) ? log|x| + ln 2 : log1p(|x| + x*x / (sqrt(x*x + 1) + 1)))
    static let asinh: Primitive = expanded("asinh", jvp: derivative { ctx, g, x, _ throws(PyException) in
        try Lax.mul(ctx, g, try Lax.unary(ctx, .rsqrt, try Lax.add(ctx, try Lax.unary(ctx, .square, x), Lax.const(x, 1))))
    }) { e throws(PyException) in
        let a = try e.unary(.abs, e.x)
        let square = try e.mul(e.x, e.x)
        let small = try e.unary(.log1p, try e.add(a, try e.div(square, try e.add(try e.unary(.sqrt, try e.add(square, e.c(1))), e.c(1)))))
        let large = try e.add(try e.unary(.log, a), e.c(Expanded.ln2))
        let magnitude = try e.select(try e.compare(.greaterEqual, a, e.c(e.x.dtype.largestFinite.squareRoot())), large, small)
        return try e.mul(try e.unary(.sign, e.x), magnitude)
    }
    // x >= max / 2 ? log(x) + ln 2 : log1p(sqrt(x - 1) * (sqrt(x + 1) + sqrt(x - 1)))
    static let acosh: Primitive = expanded("acosh", jvp: derivative { ctx, g, x, _ throws(PyException) in
        try Lax.mul(ctx, g, try Lax.unary(ctx, .rsqrt, try Lax.sub(ctx, try Lax.unary(ctx, .square, x), Lax.const(x, 1))))
    }) { e throws(PyException) in
        let below = try e.unary(.sqrt, try e.add(e.x, e.c(-1)))
        let small = try e.unary(.log1p, try e.mul(below, try e.add(try e.unary(.sqrt, try e.add(e.x, e.c(1))), below)))
        let large = try e.add(try e.unary(.log, e.x), e.c(Expanded.ln2))
        return try e.select(try e.compare(.greaterEqual, e.x, e.c(e.x.dtype.largestFinite / 2)), large, small)
    }
    // |x| > 1 ? nan : (log1p(x) - log1p(-x)) * 0.5; float32 by one kernel, since XLA's fusion
    // contracts log1p's steps differently there
    static let atanh: Primitive = expanded("atanh", jvp: .partials { ctx, _, g, _, xs, _ throws(PyException) in
        let x = xs[0]
        return try Lax.mul(ctx, try Lax.integerPow(ctx, try Lax.add(ctx, Lax.const(x, 1), x), -1),
                           try Lax.div(ctx, g, try Lax.sub(ctx, Lax.const(x, 1), x)))
    }) { e throws(PyException) in
        if case .float32(let v) = e.x.storage {
            return JaxArray(shape: e.x.shape, storage: .float32(try BlockLoop.map(v, jaxlab_f32_atanh, cost: .polynomial, flush: true,
                                                                                  interrupt: e.interrupt)))
        }
        let value = try e.mul(try e.sub(try e.unary(.log1p, e.x), try e.unary(.log1p, try e.unary(.negative, e.x))), e.c(0.5))
        return try e.select(try e.compare(.greater, try e.unary(.abs, e.x), e.c(1)), e.c(.nan), value)
    }
}

/// The steps of an expanded elementwise function on one operand `x`: each is JAX's kernel for
/// that operation, rounded to `x`'s dtype as XLA rounds each step.
struct Expanded {
    static let ln2 = 0.6931471805599453
    let x: JaxArray
    let interrupt: InterruptFlag?

    /// A constant of `x`'s dtype.
    func c(_ v: Double) -> JaxArray { JaxArray.scalar(.float(v), dtype: x.dtype) }

    /// `body` with half-precision operands widened to float32 and its result narrowed back,
    /// as XLA computes the functions it expands in float32.
    func inFloat32(_ body: (Expanded) throws(PyException) -> JaxArray) throws(PyException) -> JaxArray {
        guard x.dtype == .float16 || x.dtype == .bfloat16 else { return try body(self) }
        let wide = try body(Expanded(x: Kernels.cast(x, to: .float32, semantics: .jax), interrupt: interrupt))
        return Kernels.cast(wide, to: x.dtype, semantics: .jax)
    }

    /// `kernel` on every element as a fused loop runs it: exp and log take XLA's own code for
    /// every element (a standalone exp or log of some short vectors calls glibc for some).
    func unary(_ kernel: UnaryKernel, _ a: JaxArray) throws(PyException) -> JaxArray {
        let matrix = JaxArray(shape: [1, a.count], storage: a.storage)
        return JaxArray(shape: a.shape, storage: try Kernels.unary(kernel, matrix, semantics: .jax, interrupt: interrupt).storage)
    }
    func binary(_ kernel: BinaryKernel, _ a: JaxArray, _ b: JaxArray) throws(PyException) -> JaxArray {
        try Kernels.binary(kernel, a, b, semantics: .jax, interrupt: interrupt)
    }
    func add(_ a: JaxArray, _ b: JaxArray) throws(PyException) -> JaxArray { try binary(.add, a, b) }
    func sub(_ a: JaxArray, _ b: JaxArray) throws(PyException) -> JaxArray { try binary(.subtract, a, b) }
    func mul(_ a: JaxArray, _ b: JaxArray) throws(PyException) -> JaxArray { try binary(.multiply, a, b) }
    func div(_ a: JaxArray, _ b: JaxArray) throws(PyException) -> JaxArray { try binary(.divide, a, b) }
    func atan2(_ a: JaxArray, _ b: JaxArray) throws(PyException) -> JaxArray { try binary(.arctan2, a, b) }
    func sqrt(_ a: JaxArray) throws(PyException) -> JaxArray { try unary(.sqrt, a) }
    func compare(_ kernel: BinaryKernel, _ a: JaxArray, _ b: JaxArray) throws(PyException) -> JaxArray { try binary(kernel, a, b) }
    func select(_ condition: JaxArray, _ onTrue: JaxArray, _ onFalse: JaxArray) throws(PyException) -> JaxArray {
        try Kernels.select(condition, onTrue, onFalse, interrupt: interrupt)
    }
}
