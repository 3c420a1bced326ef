/// jax.numpy's bitwise functions (`bitwise_and`/`or`/`xor`/`not`, `invert`, `left_shift`,
/// `right_shift`; the operators `& | ^ ~ << >>` of arrays) and `gcd`/`lcm`, bound as JAX binds
/// them, with lax's dtype errors.
extension JNP {
    /// The bitwise operations of two operands.
    public enum BitwiseOperation: Sendable {
        case and, or, xor
    }

    /// `bitwise_and`, `bitwise_or`, `bitwise_xor`: lax's and/or/xor of the promoted operands.
    public static func bitwise(_ ctx: JaxContext, _ op: BitwiseOperation, _ x: JaxValue, _ y: JaxValue) throws(PyException) -> JaxValue {
        let prim: Primitive = switch op {
        case .and: .and
        case .or: .or
        case .xor: .xor
        }
        let ins = try promoteShapes(ctx, prim.name, try promote(ctx, [x, y]))
        if ins[0].dtype.isInexact {
            throw PyException.typeError("\(prim.name) does not accept dtype \(ins[0].dtype.name) at position 0. Accepted dtypes at position 0 are subtypes of integer, bool.")
        }
        return try bind(ctx, prim, ins)
    }

    /// `bitwise_not` / `invert` / `~x`: lax's `not` (every bit flipped; logical for bools).
    public static func bitwiseNot(_ ctx: JaxContext, _ x: JaxValue) throws(PyException) -> JaxValue {
        if x.dtype.isInexact {
            throw PyException.typeError("not does not accept dtype \(x.dtype.name). Accepted dtypes are subtypes of integer, bool.")
        }
        return try bind(ctx, .not, [x])
    }

    /// `left_shift` / `right_shift` (arithmetic for signed integers, logical for unsigned ones),
    /// on the operands promoted as numbers (bools count as integers).
    public static func shift(_ ctx: JaxContext, _ x: JaxValue, _ y: JaxValue, left: Bool) throws(PyException) -> JaxValue {
        let numeric = [try numericOperand(ctx, x), try numericOperand(ctx, y)]
        let ins = try promoteShapes(ctx, left ? "left_shift" : "right_shift", try promote(ctx, numeric))
        let prim: Primitive = left ? .shiftLeft : (ins[0].dtype.kind == .unsignedInteger ? .shiftRightLogical : .shiftRightArithmetic)
        if !ins[0].dtype.isInteger {
            throw PyException.typeError("\(prim.name) does not accept dtype \(ins[0].dtype.name) at position 0. Accepted dtypes at position 0 are subtypes of integer.")
        }
        return try bind(ctx, prim, ins)
    }

    /// `promote_args_numeric`'s view of one operand: a bool becomes the default integer.
    private static func numericOperand(_ ctx: JaxContext, _ x: JaxValue) throws(PyException) -> JaxValue {
        x.dtype == .bool ? try convert(ctx, x, to: ctx.defaultInt, weak: x.weakType) : x
    }

    /// `jnp.gcd`: JAX's jitted Euclid, a while loop over the magnitudes until every second
    /// operand is 0.
    public static func gcd(_ ctx: JaxContext, _ x1: JaxValue, _ x2: JaxValue) throws(PyException) -> JaxValue {
        try jitted(ctx, name: "gcd", [x1, x2], cacheKey: "") { args throws(PyException) -> JaxValue in
            let ins = try broadcastArrays(ctx, try promote(ctx, args))
            guard ins[0].dtype.isInteger else { throw PyException.valueError("Arguments to jax.numpy.gcd must be integers.") }
            return try euclid(ctx, try abs(ctx, ins[0]), try abs(ctx, ins[1]))
        }
    }

    /// `jnp.lcm`: |x1| * (|x2| // gcd), 0 where the gcd is 0.
    public static func lcm(_ ctx: JaxContext, _ x1: JaxValue, _ x2: JaxValue) throws(PyException) -> JaxValue {
        try jitted(ctx, name: "lcm", [x1, x2], cacheKey: "") { args throws(PyException) -> JaxValue in
            let ins = try promote(ctx, args)
            let a = try abs(ctx, ins[0]), b = try abs(ctx, ins[1])
            guard a.dtype.isInteger else { throw PyException.valueError("Arguments to jax.numpy.lcm must be integers.") }
            let d = try gcd(ctx, a, b)
            return try `where`(ctx, try equal(ctx, d, weakZero(ctx)), Lax.const(d, 0), try multiply(ctx, a, try floorDivide(ctx, b, d)))
        }
    }

    /// The loop of `gcd` on two non-negative arrays of one shape.
    private static func euclid(_ ctx: JaxContext, _ a: JaxValue, _ b: JaxValue) throws(PyException) -> JaxValue {
        func pair(_ trees: [PyTree]) throws(PyException) -> (JaxValue, JaxValue) {
            guard trees.count == 1, case .tuple(let items) = trees[0], items.count == 2, case .leaf(let x) = items[0], case .leaf(let y) = items[1] else {
                throw PyException("RuntimeError", "gcd's loop carries a pair")
            }
            return (x, y)
        }
        let cond = ControlFlow.Function({ ctx, trees throws(PyException) -> PyTree in
            let (_, y) = try pair(trees)
            return .leaf(try any(ctx, try notEqual(ctx, y, weakZero(ctx))))
        }, source: "_gcd_cond_fn")
        let body = ControlFlow.Function({ ctx, trees throws(PyException) -> PyTree in
            let (x, y) = try pair(trees)
            let kept = try `where`(ctx, try notEqual(ctx, y, weakZero(ctx)), y, x)
            let rest = try `where`(ctx, try notEqual(ctx, y, weakZero(ctx)), try bind(ctx, .rem, [x, y]), Lax.const(y, 0))
            return .tuple([.leaf(try `where`(ctx, try less(ctx, kept, rest), rest, kept)),
                           .leaf(try `where`(ctx, try less(ctx, kept, rest), kept, rest))])
        }, source: "_gcd_body_fn")
        let out = try ControlFlow.whileLoop(ctx, cond: cond, body: body, initial: .tuple([.leaf(a), .leaf(b)]), carryName: nil)
        guard case .tuple(let items) = out, case .leaf(let result)? = items.first else { throw PyException("RuntimeError", "gcd's loop lost its carry") }
        return result
    }

    /// A Python 0 as jax.numpy sees it.
    private static func weakZero(_ ctx: JaxContext) -> JaxValue { weakInt(ctx, 0) }
}
