/// `jax.lax`'s computing functions beyond the plain elementwise ones: `square`, `exp2`,
/// `is_finite`, `clamp`, `select_n`, `integer_pow`, `round`, the reductions (and `reduce`'s
/// monoids), `argmax`/`argmin`, `sort`, `top_k` and `dot_general`, each with lax's argument
/// checks and messages.
extension JNP {
    /// lax's `check_same_dtypes`: the message names the jnp function that promotes instead.
    static func laxSameDTypes(_ name: String, _ xs: [JaxValue]) throws(PyException) {
        guard let first = xs.first, xs.contains(where: { $0.dtype != first.dtype }) else { return }
        let tips = ["concatenate": "concatenate", "eq": "equal", "ne": "not_equal", "max": "maximum", "min": "minimum", "nextafter": "nextafter"]
        let tip = tips[name].map { " (Tip: jnp.\($0) is a similar function that does automatic type promotion on inputs)." } ?? ""
        throw PyException.typeError("lax.\(name) requires arguments to have the same dtypes, got \(xs.map(\.dtype.name).joined(separator: ", ")).\(tip)")
    }

    /// The elementwise lax functions whose primitive has no refusal table of its own, with
    /// the dtype kinds lax accepts.
    public static let laxCheckedUnary: [(primitive: Primitive, accepted: String)] = [
        (.square, "integer, floating, complexfloating"), (.exp2, "floating, complexfloating"), (.isFinite, "floating"),
    ]

    /// One of `laxCheckedUnary`, refusing the dtypes lax refuses.
    public static func laxCheckedUnary(_ ctx: JaxContext, _ prim: Primitive, accepted: String, _ x: JaxValue) throws(PyException) -> JaxValue {
        guard x.dtype != .bool && (accepted.hasPrefix("integer") || x.dtype.isInexact) else {
            throw PyException.typeError("\(prim.name) does not accept dtype \(x.dtype.name). Accepted dtypes are subtypes of \(accepted).")
        }
        return try bind(ctx, prim, [x])
    }

    /// `lax.clamp(min, x, max)`: each bound 0-d or of x's shape, all of one dtype.
    public static func laxClamp(_ ctx: JaxContext, _ lo: JaxValue, _ x: JaxValue, _ hi: JaxValue) throws(PyException) -> JaxValue {
        for (name, bound) in [("min", lo), ("max", hi)] where bound.rank != 0 && bound.shape != x.shape {
            throw PyException.typeError("clamp requires \(name).shape == operand.shape or \(name).shape == (), got \(name).shape=\(Shape.describe(bound.shape)), operand.shape=\(Shape.describe(x.shape)).")
        }
        try laxSameDTypes("clamp", [lo, x, hi])
        return try Tracing.bind1(ctx, .clamp, [lo, x, hi])
    }

    /// `lax.select_n(which, *cases)`: a bool `which` picks between two cases, an integer one
    /// among any number.
    public static func laxSelectN(_ ctx: JaxContext, _ which: JaxValue, _ cases: [JaxValue]) throws(PyException) -> JaxValue {
        guard let first = cases.first else { throw PyException.valueError("select_n() must have at least one case") }
        if cases.contains(where: { $0.shape != first.shape }) {
            throw PyException.typeError("select cases must have the same shapes, got [\(cases.map { Shape.describe($0.shape) }.joined(separator: ", "))].")
        }
        if which.rank != 0 && which.shape != first.shape {
            throw PyException.typeError("select `which` must be scalar or have the same shape as cases, got `which` shape \(Shape.describe(which.shape)) but case shape \(Shape.describe(first.shape)).")
        }
        try laxSameDTypes("select", cases)
        guard which.dtype == .bool || which.dtype.isInteger else {
            throw PyException.typeError("select `which` must be boolean or integer type, got \(which.dtype.name).")
        }
        if which.dtype == .bool && cases.count > 2 { throw PyException.typeError("select with boolean `which` cannot have > 2 cases.") }
        if cases.count == 1 { return first }
        return try Tracing.bind1(ctx, .selectN, [which] + cases)
    }

    /// `lax.integer_pow(x, y)`; `lax.reciprocal(x)` is `integer_pow(x, -1)`.
    public static func laxIntegerPow(_ ctx: JaxContext, _ x: JaxValue, _ y: Int) throws(PyException) -> JaxValue {
        if x.dtype == .bool {
            throw PyException.typeError("integer_pow does not accept dtype bool. Accepted dtypes are subtypes of integer, floating, complexfloating.")
        }
        if y < 0 && x.dtype.isInteger {
            throw PyException.typeError("Integers cannot be raised to negative powers, got integer_pow(\(x.dtype.name)[\(x.shape.map(String.init).joined(separator: ","))], \(y))")
        }
        return try Lax.integerPow(ctx, x, y)
    }

    /// `lax.round(x, rounding_method)`: 0 rounds halves away from zero, 1 to even.
    public static func laxRound(_ ctx: JaxContext, _ x: JaxValue, method: Int) throws(PyException) -> JaxValue {
        guard x.dtype.isFloating else {
            throw PyException.typeError("round does not accept dtype \(x.dtype.name). Accepted dtypes are subtypes of floating.")
        }
        return try Tracing.bind1(ctx, .round, [x], Params().with(.roundingMethod, method))
    }

    /// The reductions `lax.reduce_<name>(operand, axes)` by their primitive.
    public static let laxReductions: [(name: String, primitive: Primitive)] = [
        ("reduce_sum", .reduceSum), ("reduce_max", .reduceMax), ("reduce_min", .reduceMin), ("reduce_prod", .reduceProd),
        ("reduce_and", .reduceAnd), ("reduce_or", .reduceOr),
    ]

    /// `lax.reduce_sum(operand, axes)` and its kin: the axes distinct and in range.
    public static func laxReduce(_ ctx: JaxContext, _ prim: Primitive, _ x: JaxValue, axes: [Int]) throws(PyException) -> JaxValue {
        if Set(axes).count != axes.count { throw PyException.valueError("duplicate value in 'axes' of reduction: \(Shape.describe(axes))") }
        if axes.contains(where: { $0 < 0 || $0 >= x.rank }) {
            throw PyException.valueError("reduction axes \(Shape.describe(axes)) contains out-of-bounds indices for \(longAval(x)).")
        }
        if (prim == .reduceAnd || prim == .reduceOr) && !(x.dtype == .bool || x.dtype.isInteger) {
            throw PyException.typeError("logical reduction requires operand dtype bool or int, got \(x.dtype.name).")
        }
        if prim == .reduceSum { return try Lax.reduceSum(ctx, x, axes: axes) }
        return try Tracing.bind1(ctx, prim, [x], Params().with(.axes, axes))
    }

    /// `lax.reduce(operand, init_value, computation, dimensions)` when JAX recognises a
    /// monoid (`add`, `mul`, `max` or `min` with its identity as a concrete init value) and binds
    /// that reduction; nil for any other reduction.
    public static func laxMonoidReduce(_ ctx: JaxContext, _ x: JaxValue, _ initValue: JaxValue, op: String,
                                       axes: [Int]) throws(PyException) -> JaxValue? {
        guard initValue.rank == 0, let value = initValue.concrete, value.count == 1 else { return nil }
        let v = value.storage.double(at: 0), dtype = initValue.dtype
        let lowest = dtype.isInexact ? -Double.infinity : (dtype == .bool ? 0 : Double(dtype.integerRange.min))
        let highest = dtype.isInexact ? Double.infinity : (dtype == .bool ? 1 : Double(dtype.integerRange.max))
        let prim: Primitive
        switch op {
        case "add" where v == 0: prim = .reduceSum
        case "mul" where v == 1: prim = .reduceProd
        case "max" where v == lowest: prim = .reduceMax
        case "min" where v == highest: prim = .reduceMin
        default: return nil
        }
        let out = try laxReduce(ctx, prim, x, axes: axes)
        return try Lax.convert(ctx, out, to: out.dtype, weak: x.weakType && initValue.weakType)
    }

    /// `lax.argmax(operand, axis, index_dtype)` / `lax.argmin`.
    public static func laxArgReduce(_ ctx: JaxContext, max: Bool, _ x: JaxValue, axis: Int, indexDType: DType) throws(PyException) -> JaxValue {
        guard axis >= 0 && axis < x.rank else { throw PyException.valueError("Invalid axis \(axis) for operand shape \(Shape.describe(x.shape))") }
        if x.shape[axis] == 0 {
            throw PyException.valueError("argmin and argmax require non-empty reduced dimension. operand.shape=\(Shape.describe(x.shape)) axis=\(axis)")
        }
        guard indexDType.isInteger else { throw PyException.typeError("index_dtype must be an integer type, but got \(indexDType.name)") }
        var params = Params()
        params.set(.axes, [axis])
        params.set(.indexDType, ctx.canonical(indexDType))
        return try Tracing.bind1(ctx, max ? .argmax : .argmin, [x], params)
    }

    /// `lax.sort(operands, dimension, is_stable, num_keys)`: the first `numKeys` operands are
    /// the keys, the rest ride along.
    public static func laxSort(_ ctx: JaxContext, _ xs: [JaxValue], dimension: Int, stable: Bool, numKeys: Int) throws(PyException) -> [JaxValue] {
        guard let first = xs.first else { throw PyException.valueError("num_keys=\(numKeys) must be between 1 and len(operand)=0") }
        guard numKeys >= 1 && numKeys <= xs.count else {
            throw PyException.valueError("num_keys=\(numKeys) must be between 1 and len(operand)=\(xs.count)")
        }
        let d = try AxisRules.normalize(dimension, rank: first.rank)
        if xs.contains(where: { $0.shape != first.shape }) {
            throw PyException.typeError("Arguments to sort must have equal shapes, got: \(xs.map { Shape.describe($0.shape) }.joined(separator: " "))")
        }
        return try Tracing.bind(ctx, .sort, xs, Params().with(.dimension, d).with(.isStable, stable).with(.numKeys, numKeys))
    }

    /// `lax.top_k(operand, k, axis)`: the k largest along the axis and their positions.
    public static func laxTopK(_ ctx: JaxContext, _ x: JaxValue, k: Int, axis: Int) throws(PyException) -> [JaxValue] {
        if x.dtype.isComplex { throw PyException.valueError("top_k is not compatible with complex inputs.") }
        if k < 0 { throw PyException.valueError("k argument to top_k must be nonnegative, got \(k)") }
        if x.rank == 0 { throw PyException.typeError("top_k operand must have >= 1 dimension, got \(Shape.describe(x.shape))") }
        let a = try AxisRules.normalize(axis, rank: x.rank)
        if x.shape[a] < k {
            throw PyException.valueError("k argument to top_k must be no larger than size along axis; got k=\(k) with shape=[\(x.shape.map(String.init).joined(separator: ", "))] and axis=\(a)")
        }
        return try Tracing.bind(ctx, .topK, [x], Params().with(.axis, a).with(.k, k))
    }

    /// `lax.dot_general(lhs, rhs, dimension_numbers, precision, preferred_element_type)`;
    /// `precision` is the pair of `Precision` names, printed only when given.
    public static func laxDotGeneral(_ ctx: JaxContext, _ x: JaxValue, _ y: JaxValue, contracting: ([Int], [Int]), batch: ([Int], [Int]),
                                     precision: (String, String)?, preferred: DType?) throws(PyException) -> JaxValue {
        func text(_ dims: [Int]) -> String { Shape.describe(dims) }
        let (lc, rc) = contracting, (lb, rb) = batch
        for (side, rank, b, c) in [("lhs", x.rank, lb, lc), ("rhs", y.rank, rb, rc)] where (b + c).contains(where: { $0 < 0 || $0 >= rank }) {
            throw PyException.typeError("dot_general requires \(side) dimension numbers to be nonnegative and less than the number of axes of the \(side) value, got \(side)_batch of \(text(b)) and \(side)_contracting of \(text(c)) for \(side) of rank \(rank)")
        }
        if lb.count != rb.count {
            throw PyException.typeError("dot_general requires equal numbers of lhs_batch and rhs_batch dimensions, got lhs_batch \(text(lb)) and rhs_batch \(text(rb)).")
        }
        for (side, dims) in [("lhs", lb), ("rhs", rb)] where Set(dims).count != dims.count {
            throw PyException.typeError("dot_general requires \(side) batch dimensions to be distinct, got \(side)_batch \(text(dims)).")
        }
        for (side, dims) in [("lhs", lc), ("rhs", rc)] where Set(dims).count != dims.count {
            throw PyException.typeError("dot_general requires \(side) contracting dimensions to be distinct, got \(side)_contracting \(text(dims)).")
        }
        for (side, b, c) in [("lhs", lb, lc), ("rhs", rb, rc)] where !Set(b).isDisjoint(with: c) {
            throw PyException.typeError("dot_general requires \(side) batch dimensions to be disjoint from contracting dimensions, got \(side)_batch \(text(b)) and \(side)_contracting \(text(c)).")
        }
        if lb.map({ x.shape[$0] }) != rb.map({ y.shape[$0] }) {
            throw PyException.typeError("dot_general requires lhs batch dimensions and rhs batch dimensions to have the same shape, got \(text(lb.map { x.shape[$0] })) and \(text(rb.map { y.shape[$0] })).")
        }
        if lc.count != rc.count || lc.map({ x.shape[$0] }) != rc.map({ y.shape[$0] }) {
            throw PyException.typeError("dot_general requires contracting dimensions to have the same shape, got \(text(lc.map { x.shape[$0] })) and \(text(rc.map { y.shape[$0] })).")
        }
        var params = Params()
        params.set(.dotDimensionNumbers, DotDimensions(contracting: contracting, batch: batch))
        if let precision {
            params.set(.precision, .text("(Precision.\(precision.0), Precision.\(precision.1))"))
        } else {
            params.set(.precision, .none, shown: false)
        }
        if let preferred {
            params.set(.preferredElementType, ctx.canonical(preferred))
        } else if x.dtype != y.dtype {
            // mixed operands give the promoted dtype, which JAX does not print
            params.set(.preferredElementType, Promotion.jax([(x.dtype, false), (y.dtype, false)], enableX64: ctx.enableX64).dtype, shown: false)
        }
        params.set(.outSharding, .none, shown: false)
        return try Tracing.bind1(ctx, .dotGeneral, [x, y], params)
    }

    /// An aval as lax's messages show it: `float32[2,3]`.
    private static func longAval(_ x: JaxValue) -> String {
        x.dtype.name + "[" + x.shape.map(String.init).joined(separator: ",") + "]"
    }
}
