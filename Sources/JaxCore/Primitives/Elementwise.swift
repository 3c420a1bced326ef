/// The one-operand elementwise primitives: each with its kernel and its JVP as lax's
/// `defjvp` writes it; all batch elementwise and only `neg` is linear.
extension Primitive {
    static var elementwiseUnary: [Primitive] {
        [.neg, .exp, .log, .log1p, .expm1, .sin, .cos, .tan, .tanh, .atan, .sqrt, .rsqrt, .cbrt, .abs, .sign, .logistic,
         .erf, .erfc, .erfInv, .floor, .ceil, .round, .not, .integerPow, .square, .stopGradient, .exp2]
    }

    /// An elementwise primitive of one operand whose result has the operand's type, computed
    /// by `kernel` under JAX's rules.
    static func unary(_ name: String, kernel: UnaryKernel, jvp: JVPRule, transpose: TransposeRule = .notLinear) -> Primitive {
        var rules = unaryRules(name, jvp: jvp, transpose: transpose) { ctx, x, _ throws(PyException) in
            try Kernels.unary(kernel, x, semantics: .jax, interrupt: ctx.interrupt)
        }
        rules.elementwise = .unary(kernel)
        return Primitive(name, rules)
    }

    /// A one-operand primitive with a kernel of its own (reading its parameters).
    static func unary(_ name: String, jvp: JVPRule, acceptsKeys: Bool = false,
                      _ kernel: @escaping @Sendable (JaxContext, JaxArray, Params) throws(PyException) -> JaxArray) -> Primitive {
        var rules = unaryRules(name, jvp: jvp, transpose: .notLinear, kernel)
        rules.acceptsKeys = acceptsKeys
        return Primitive(name, rules)
    }

    private static func unaryRules(_ name: String, jvp: JVPRule, transpose: TransposeRule,
                                   _ kernel: @escaping @Sendable (JaxContext, JaxArray, Params) throws(PyException) -> JaxArray) -> Rules {
        Rules(abstractEval: Rules.sameAsOperand,
              evaluate: { ctx, xs, params throws(PyException) in [try kernel(ctx, try Operands.at(xs, 0, name), params)] },
              jvp: jvp, transpose: transpose, batch: .unary)
    }

    /// A JVP `g * f(x, ans)` (or another combination with `g`) of a one-operand primitive.
    static func derivative(_ f: @escaping @Sendable (JaxContext, JaxValue, JaxValue, JaxValue) throws(PyException) -> JaxValue) -> JVPRule {
        .partials { ctx, _, g, ans, xs, _ throws(PyException) in try f(ctx, g, xs[0], ans) }
    }

    static let neg: Primitive = unary("neg", kernel: .negative, jvp: .linear,
                                      transpose: .linear { _, ctx, ct, _, _ throws(PyException) in [try Lax.neg(ctx, ct)] })
    static let exp: Primitive = unary("exp", kernel: .exp, jvp: derivative { ctx, g, _, ans throws(PyException) in try Lax.mul(ctx, g, ans) })
    static let log: Primitive = unary("log", kernel: .log, jvp: derivative { ctx, g, x, _ throws(PyException) in try Lax.div(ctx, g, x) })
    static let log1p: Primitive = unary("log1p", kernel: .log1p, jvp: derivative { ctx, g, x, _ throws(PyException) in
        try Lax.div(ctx, g, try Lax.add(ctx, x, Lax.const(x, 1)))
    })
    static let expm1: Primitive = unary("expm1", kernel: .expm1, jvp: derivative { ctx, g, _, ans throws(PyException) in
        try Lax.mul(ctx, g, try Lax.add(ctx, ans, Lax.const(ans, 1)))
    })
    static let sin: Primitive = unary("sin", kernel: .sin, jvp: derivative { ctx, g, x, _ throws(PyException) in
        try Lax.mul(ctx, g, try Lax.unary(ctx, .cos, x))
    })
    static let cos: Primitive = unary("cos", kernel: .cos, jvp: derivative { ctx, g, x, _ throws(PyException) in
        try Lax.neg(ctx, try Lax.mul(ctx, g, try Lax.unary(ctx, .sin, x)))
    })
    static let tan: Primitive = unary("tan", kernel: .tan, jvp: derivative { ctx, g, x, ans throws(PyException) in
        try Lax.mul(ctx, g, try Lax.add(ctx, Lax.const(x, 1), try Lax.unary(ctx, .square, ans)))
    })
    static let tanh: Primitive = unary("tanh", kernel: .tanh, jvp: derivative { ctx, g, x, ans throws(PyException) in
        try Lax.mul(ctx, try Lax.add(ctx, g, try Lax.mul(ctx, g, ans)), try Lax.sub(ctx, Lax.const(x, 1), ans))
    })
    static let logistic: Primitive = unary("logistic", kernel: .logistic, jvp: derivative { ctx, g, _, ans throws(PyException) in
        try Lax.mul(ctx, g, try Lax.mul(ctx, ans, try Lax.sub(ctx, Lax.const(ans, 1), ans)))
    })
    static let atan: Primitive = unary("atan", kernel: .arctan, jvp: derivative { ctx, g, x, _ throws(PyException) in
        try Lax.div(ctx, g, try Lax.add(ctx, Lax.const(x, 1), try Lax.unary(ctx, .square, x)))
    })
    static let sqrt: Primitive = unary("sqrt", kernel: .sqrt, jvp: derivative { ctx, g, x, ans throws(PyException) in
        try Lax.mul(ctx, g, try Lax.div(ctx, Lax.const(x, 0.5), ans))
    })
    static let rsqrt: Primitive = unary("rsqrt", kernel: .rsqrt, jvp: derivative { ctx, g, x, ans throws(PyException) in
        try Lax.mul(ctx, g, try Lax.mul(ctx, Lax.const(x, -0.5), try Lax.div(ctx, ans, x)))
    })
    static let cbrt: Primitive = unary("cbrt", kernel: .cbrt, jvp: derivative { ctx, g, x, ans throws(PyException) in
        try Lax.mul(ctx, g, try Lax.mul(ctx, Lax.const(x, 1.0 / 3.0), try Lax.integerPow(ctx, ans, -2)))
    })
    /// abs; of a complex array, its real magnitude with lax's JVP `real(g * conj(x) / |x|)`
    /// (|x| replaced by 1 where it is 0).
    static let abs: Primitive = {
        let real = unary("abs", kernel: .abs, jvp: derivative { ctx, g, x, ans throws(PyException) in
            guard x.dtype.isComplex else {
                return try Lax.select(ctx, try Lax.compare(ctx, .ge, x, Lax.const(x, 0)), try Lax.neg(ctx, g), g)
            }
            let magnitude = try Lax.convert(ctx, ans, to: x.dtype, weak: false, always: true)
            let safe = try Lax.select(ctx, try Lax.compare(ctx, .eq, magnitude, Lax.const(magnitude, 0)), magnitude, Lax.const(magnitude, 1))
            return try Lax.unary(ctx, .real, try Lax.mul(ctx, g, try Lax.div(ctx, try Lax.conj(ctx, x), safe)))
        })
        var rules = real.rules
        rules.abstractEval = { ins, _ throws(PyException) in
            let x = try Operands.first(ins)
            return [x.with(dtype: x.dtype.realPart)]
        }
        return Primitive("abs", rules)
    }()
    static let erf: Primitive = unary("erf", kernel: .erf, jvp: derivative { ctx, g, x, _ throws(PyException) in
        let c = Lax.const(x, 2 / Double.pi.squareRoot())
        return try Lax.mul(ctx, c, try Lax.mul(ctx, g, try Lax.unary(ctx, .exp, try Lax.neg(ctx, try Lax.unary(ctx, .square, x)))))
    })
    static let erfc: Primitive = unary("erfc", kernel: .erfc, jvp: derivative { ctx, g, x, _ throws(PyException) in
        let c = Lax.const(x, -2 / Double.pi.squareRoot())
        return try Lax.mul(ctx, c, try Lax.mul(ctx, g, try Lax.unary(ctx, .exp, try Lax.neg(ctx, try Lax.unary(ctx, .square, x)))))
    })
    static let erfInv: Primitive = unary("erf_inv", kernel: .erfInv, jvp: derivative { ctx, g, x, ans throws(PyException) in
        let c = Lax.const(x, Double.pi.squareRoot() / 2)
        return try Lax.mul(ctx, c, try Lax.mul(ctx, g, try Lax.unary(ctx, .exp, try Lax.unary(ctx, .square, ans))))
    })
    static let sign: Primitive = unary("sign", kernel: .sign, jvp: .zero)
    static let floor: Primitive = unary("floor", kernel: .floor, jvp: .zero)
    static let ceil: Primitive = unary("ceil", kernel: .ceil, jvp: .zero)
    /// `round[rounding_method=...]`: 1 rounds halves to even (jnp.round's kernel, fused under
    /// jit); 0, lax.round's default, rounds them away from zero.
    static let round: Primitive = {
        var rules = unaryRules("round", jvp: .zero, transpose: .notLinear) { ctx, x, params throws(PyException) in
            if params[.roundingMethod] == 0 { return try roundHalfAway(x, ctx.interrupt) }
            return try Kernels.unary(.round, x, semantics: .jax, interrupt: ctx.interrupt)
        }
        rules.elementwise = .unary(.round)
        return Primitive("round", rules)
    }()

    /// Rounding half away from zero, exactly: the value truncated, plus its sign where the
    /// dropped fraction is at least a half (the fraction `x - trunc(x)` is exact in floats).
    private static func roundHalfAway(_ x: JaxArray, _ interrupt: InterruptFlag?) throws(PyException) -> JaxArray {
        let zero = JaxArray.scalar(.float(0), dtype: x.dtype), half = JaxArray.scalar(.float(0.5), dtype: x.dtype)
        let negative = try Kernels.binary(.less, x, zero, semantics: .jax, interrupt: interrupt)
        let truncated = try Kernels.select(negative, try Kernels.unary(.ceil, x, semantics: .jax, interrupt: interrupt),
                                           try Kernels.unary(.floor, x, semantics: .jax, interrupt: interrupt), interrupt: interrupt)
        let fraction = try Kernels.unary(.abs, try Kernels.binary(.subtract, x, truncated, semantics: .jax, interrupt: interrupt),
                                         semantics: .jax, interrupt: interrupt)
        let away = try Kernels.binary(.greaterEqual, fraction, half, semantics: .jax, interrupt: interrupt)
        let stepped = try Kernels.binary(.add, truncated, try Kernels.unary(.sign, x, semantics: .jax, interrupt: interrupt),
                                         semantics: .jax, interrupt: interrupt)
        return try Kernels.select(away, stepped, truncated, interrupt: interrupt)
    }
    /// lax's `not`: logical on bools, every bit flipped on integers (JAX's `~x`).
    static let not: Primitive = {
        let bitwise = unary("not", jvp: .zero) { ctx, x, _ throws(PyException) in
            if let flipped = BitwiseKernels.not(x) { return flipped }
            return try Kernels.unary(.logicalNot, x, semantics: .jax, interrupt: ctx.interrupt)
        }
        var rules = bitwise.rules
        rules.elementwise = .unary(.logicalNot)
        return Primitive("not", rules)
    }()

    /// `x ** y` for a static integer `y`, by repeated multiplication.
    static let integerPow: Primitive = unary("integer_pow", jvp: .partials { ctx, _, g, _, xs, params throws(PyException) in
        let x = xs[0]
        let y = try params.required(.y)
        if y == 0 { return try Lax.zeros(ctx, g.aval) }
        if y == 1 { return g }
        if y == 2 { return try Lax.mul(ctx, g, try Lax.mul(ctx, Lax.const(x, 2), x)) }
        return try Lax.mul(ctx, g, try Lax.mul(ctx, Lax.const(x, Double(y)), try Lax.integerPow(ctx, x, y - 1)))
    }) { ctx, x, params throws(PyException) in try Kernels.integerPow(x, try params.required(.y), interrupt: ctx.interrupt) }

    static let square: Primitive = unary("square", jvp: derivative { ctx, g, x, _ throws(PyException) in
        try Lax.mul(ctx, g, try Lax.mul(ctx, Lax.const(x, 2), x))
    }) { ctx, x, _ throws(PyException) in try Kernels.integerPow(x, 2, interrupt: ctx.interrupt) }

    /// `exp2`, lowered as XLA lowers it: `exp(log(2) * x)`, the constant in x's dtype.
    static let exp2: Primitive = unary("exp2", jvp: derivative { ctx, g, x, ans throws(PyException) in
        try Lax.mul(ctx, try Lax.unary(ctx, .log, Lax.const(x, 2)), try Lax.mul(ctx, g, ans))
    }) { ctx, x, _ throws(PyException) in
        let ln2 = JaxArray.scalar(.float(0.6931471805599453), dtype: x.dtype)
        let scaled = try Kernels.binary(.multiply, ln2, x, semantics: .jax, interrupt: ctx.interrupt)
        return try Kernels.unary(.exp, scaled, semantics: .jax, interrupt: ctx.interrupt)
    }

    /// The identity, without a derivative (typed keys pass through too).
    static let stopGradient: Primitive = unary("stop_gradient", jvp: .zero, acceptsKeys: true) { _, x, _ throws(PyException) in x }
}
