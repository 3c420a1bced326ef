/// The two-operand arithmetic primitives: operands of one dtype (a weak operand takes the
/// other's), shapes broadcast as lax allows, batched by `broadcast_batcher`.
extension Primitive {
    static var elementwiseBinary: [Primitive] {
        [.add, .sub, .mul, .div, .rem, .pow, .max, .min, .atan2, .nextafter, .addAny]
    }

    /// A two-operand elementwise primitive with the result type lax gives.
    static func binary(_ name: String, jvp: JVPRule, transpose: TransposeRule = .notLinear,
                       _ kernel: @escaping @Sendable (_ ctx: JaxContext, _ a: JaxArray, _ b: JaxArray, _ params: Params) throws(PyException) -> JaxArray) -> Primitive {
        Primitive(name, Rules(
            abstractEval: { ins, _ throws(PyException) in [try Operands.elementwise(name, ins)] },
            evaluate: { ctx, xs, params throws(PyException) in
                [try kernel(ctx, try Operands.at(xs, 0, name), try Operands.at(xs, 1, name), params)]
            },
            jvp: jvp, transpose: transpose, batch: .broadcasting))
    }

    /// A binary primitive computed by `kernel` under JAX's rules, on operands brought to one
    /// dtype.
    static func binary(_ name: String, kernel: BinaryKernel, jvp: JVPRule, transpose: TransposeRule = .notLinear) -> Primitive {
        let primitive = binary(name, jvp: jvp, transpose: transpose) { ctx, a, b, _ throws(PyException) in
            try sameDType(kernel, a, b, interrupt: ctx.interrupt)
        }
        var rules = primitive.rules
        rules.elementwise = .binary(kernel)
        return Primitive(name, rules)
    }

    /// `op` on operands converted to one dtype (the strong one's, when only one is weak).
    static func sameDType(_ op: BinaryKernel, _ a: JaxArray, _ b: JaxArray, interrupt: InterruptFlag? = nil) throws(PyException) -> JaxArray {
        var (a, b) = (a, b)
        if a.dtype != b.dtype {
            let target = a.weakType ? b.dtype : a.dtype
            a = Kernels.cast(a, to: target, semantics: .jax)
            b = Kernels.cast(b, to: target, semantics: .jax)
        }
        return try Kernels.binary(op, a, b, semantics: .jax, interrupt: interrupt)
    }

    /// add, sub and add_any: the tangents combined by the primitive itself, one missing
    /// tangent broadcast to the result (and negated for sub).
    static func additive(negateSecond: Bool) -> JVPRule {
        .rule { me, ctx, xs, ts, params throws(PyException) in
            let out = try Tracing.bind1(ctx, me, xs, params)
            let shape = out.shape
            switch (ts[0], ts[1]) {
            case (nil, nil): return ([out], [nil])
            case (nil, let ty?):
                let b = try Lax.maybeBroadcast(ctx, ty, shape)
                return ([out], [negateSecond ? try Lax.neg(ctx, b) : b])
            case (let tx?, nil): return ([out], [try Lax.maybeBroadcast(ctx, tx, shape)])
            case (let tx?, let ty?): return ([out], [try Tracing.bind1(ctx, me, [tx, ty], params)])
            }
        }
    }

    /// The cotangent of every linear operand: the cotangent summed back to its shape.
    static let additiveTranspose: TransposeRule = TransposeRule.linear { _, ctx, ct, args, _ throws(PyException) in
        try args.map { (a: TransposeArg) throws(PyException) -> JaxValue? in
            a.isLinear ? try Lax.unbroadcast(ctx, a.aval, ct) : nil
        }
    }

    static let add: Primitive = binary("add", kernel: .add, jvp: additive(negateSecond: false), transpose: additiveTranspose)
    /// The sum differentiation makes of cotangents and tangents (printed `add_any`).
    static let addAny: Primitive = binary("add_any", kernel: .add, jvp: additive(negateSecond: false), transpose: additiveTranspose)
    static let sub: Primitive = binary("sub", kernel: .subtract, jvp: additive(negateSecond: true),
                            transpose: .linear { _, ctx, ct, args, _ throws(PyException) in
        [args[0].isLinear ? try Lax.unbroadcast(ctx, args[0].aval, ct) : nil,
         args[1].isLinear ? try Lax.unbroadcast(ctx, args[1].aval, try Lax.neg(ctx, ct)) : nil]
    })

    static let mul: Primitive = binary("mul", kernel: .multiply, jvp: .partials { ctx, i, g, _, xs, _ throws(PyException) in
        i == 0 ? try Lax.mul(ctx, g, xs[1]) : try Lax.mul(ctx, xs[0], g)
    }, transpose: .linear { prim, ctx, ct, args, _ throws(PyException) in
        if args[0].isLinear, let y = args[1].value {
            return [try Lax.unbroadcast(ctx, args[0].aval, try Lax.mul(ctx, ct, y)), nil]
        }
        if args[1].isLinear, let x = args[0].value {
            return [nil, try Lax.unbroadcast(ctx, args[1].aval, try Lax.mul(ctx, x, ct))]
        }
        throw prim.missingRule(.transpose)
    })

    /// Division; a hidden `reciprocal` flag (jnp.mean's count) and a divisor broadcast from
    /// fewer elements divide as XLA does, by multiplying with the rounded reciprocal.
    static let div: Primitive = binary("div", jvp: .partials { ctx, i, g, _, xs, params throws(PyException) in
        if i == 0 { return try Tracing.bind1(ctx, .div, [g, xs[1]], params) }
        return try Lax.mul(ctx, try Lax.mul(ctx, try Lax.neg(ctx, g), xs[0]), try Lax.integerPow(ctx, xs[1], -2))
    }, transpose: .linear { prim, ctx, ct, args, params throws(PyException) in
        guard args[0].isLinear, let y = args[1].value else { throw prim.missingRule(.transpose) }
        return [try Lax.unbroadcast(ctx, args[0].aval, try Tracing.bind1(ctx, .div, [ct, y], params)), nil]
    }) { ctx, a, b, params throws(PyException) in
        if let product = try ReciprocalDivision.broadcastProduct(a, b, force: params[.reciprocal] ?? false, interrupt: ctx.interrupt) {
            return product
        }
        return try sameDType(.divide, a, b, interrupt: ctx.interrupt)
    }

    /// lax.rem: the remainder of truncating division, with the dividend's sign.
    static let rem: Primitive = binary("rem", jvp: .partials { ctx, i, g, ans, xs, _ throws(PyException) in
        if i == 0 { return try Lax.maybeBroadcast(ctx, g, ans.shape) }
        let q = try Lax.div(ctx, xs[0], xs[1])
        let whole = try Lax.mul(ctx, try Lax.unary(ctx, .sign, q), try Lax.unary(ctx, .floor, try Lax.unary(ctx, .abs, q)))
        return try Lax.mul(ctx, try Lax.neg(ctx, g), whole)
    }) { _, a, b, _ throws(PyException) in try TruncatedRemainder.apply(a, b) }

    static let pow: Primitive = binary("pow", kernel: .power, jvp: .partials { ctx, i, g, ans, xs, _ throws(PyException) in
        let x = xs[0], y = xs[1]
        if i == 0 {
            let jac = try Lax.mul(ctx, y, try Tracing.bind1(ctx, .pow, [x, try Lax.sub(ctx, y, Lax.const(y, 1))]))
            return try Lax.mul(ctx, g, jac)
        }
        // JAX's `_replace_zero`: ones of x's whole shape, so the select batches like x
        let isZero = try Lax.compare(ctx, .eq, x, Lax.const(x, 0))
        let safe = try Lax.select(ctx, isZero, x, try Lax.full(ctx, x.shape, .float(1), dtype: x.dtype))
        return try Lax.mul(ctx, g, try Lax.mul(ctx, try Lax.unary(ctx, .log, safe), ans))
    })

    /// max and min: the tangent of the chosen operand, halved where both tie (`_balanced_eq`).
    static let extremumJVP: JVPRule = JVPRule.partials { ctx, i, g, ans, xs, _ throws(PyException) in
        try Lax.mul(ctx, g, try balancedEq(ctx, xs[i], ans, xs[1 - i]))
    }

    static let max: Primitive = binary("max", kernel: .maximum, jvp: extremumJVP)
    static let min: Primitive = binary("min", kernel: .minimum, jvp: extremumJVP)

    static let atan2: Primitive = binary("atan2", kernel: .arctan2, jvp: .partials { ctx, i, g, _, xs, _ throws(PyException) in
        let x = xs[0], y = xs[1]
        let denom = try Lax.add(ctx, try Lax.unary(ctx, .square, x), try Lax.unary(ctx, .square, y))
        if i == 0 { return try Lax.mul(ctx, g, try Lax.div(ctx, y, denom)) }
        return try Lax.mul(ctx, g, try Lax.div(ctx, try Lax.neg(ctx, x), denom))
    })

    /// lax.nextafter: the float next to x in the direction of y.
    static let nextafter: Primitive = binary("nextafter", jvp: .zero) { _, a, b, _ throws(PyException) in try NextAfter.apply(a, b) }

    /// `_balanced_eq`: 1 where x is the chosen value, 0.5 where both tie, else 0 (full-shape
    /// constants, as lax's `_ones(z)` / `_zeros(z)` make them).
    static func balancedEq(_ ctx: JaxContext, _ x: JaxValue, _ z: JaxValue, _ y: JaxValue) throws(PyException) -> JaxValue {
        let xEq = try Lax.compare(ctx, .eq, x, z)
        let ones = try Lax.full(ctx, z, 1), zeros = try Lax.full(ctx, z, 0)
        let num = try Lax.select(ctx, xEq, zeros, ones)
        let yEq = try Lax.compare(ctx, .eq, y, z)
        let twos = try Lax.full(ctx, z, 2), ones2 = try Lax.full(ctx, z, 1)
        let den = try Lax.select(ctx, yEq, ones2, twos)
        return try Lax.div(ctx, num, den)
    }
}
