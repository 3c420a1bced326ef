/// Comparisons, bitwise/logical operations and `select_n`: results with no tangent (except
/// select_n, linear in its cases), batched elementwise.
extension Primitive {
    static var comparisons: [Primitive] {
        [.eq, .ne, .lt, .le, .gt, .ge, .leTo, .ltTo, .and, .or, .xor, .shiftLeft, .shiftRightLogical, .shiftRightArithmetic, .selectN, .clamp, .isFinite]
    }

    /// A comparison: operands of one dtype, a bool result.
    static func comparison(_ name: String, kernel: BinaryKernel) -> Primitive {
        Primitive(name, Rules(
            abstractEval: { ins, _ throws(PyException) in
                [try Operands.elementwise(name, ins).with(dtype: .bool, weakType: false)]
            },
            evaluate: { ctx, xs, _ throws(PyException) in
                [try sameDType(kernel, try Operands.at(xs, 0, name), try Operands.at(xs, 1, name), interrupt: ctx.interrupt)]
            },
            jvp: .zero, transpose: .notLinear, batch: .broadcasting, elementwise: .binary(kernel)))
    }

    static let eq: Primitive = comparison("eq", kernel: .equal)
    static let ne: Primitive = comparison("ne", kernel: .notEqual)

    /// `is_finite` (floats only): computed as `x - x == 0`, exactly 0 for a finite x and NaN
    /// for an infinite or NaN one.
    static let isFinite: Primitive = Primitive("is_finite", Rules(
        abstractEval: { ins, _ throws(PyException) in
            let x = try Operands.first(ins)
            guard x.dtype.isFloating else {
                throw PyException.typeError("is_finite does not accept dtype \(x.dtype.name). Accepted dtypes are subtypes of floating.")
            }
            return [x.with(dtype: .bool, weakType: false)]
        },
        evaluate: { _, xs, _ throws(PyException) in
            let x = try Operands.at(xs, 0, "is_finite")
            let difference = try Kernels.binary(.subtract, x, x, semantics: .jax)
            return [try Kernels.binary(.equal, difference, JaxArray.scalar(.float(0), dtype: x.dtype), semantics: .jax)]
        },
        jvp: .zero, transpose: .notLinear, batch: .unary))
    static let lt: Primitive = comparison("lt", kernel: .less)
    static let le: Primitive = comparison("le", kernel: .lessEqual)
    static let gt: Primitive = comparison("gt", kernel: .greater)
    static let ge: Primitive = comparison("ge", kernel: .greaterEqual)

    /// `x <= y` in the total order sorts use (-NaN < -inf < ... < -0 < 0 < ... < inf < NaN).
    static let leTo = totalOrder("le_to", TotalOrder.lessEqual)
    /// `x < y` in the same order (`searchsorted(side='right')`).
    static let ltTo = totalOrder("lt_to", TotalOrder.less)

    private static func totalOrder(_ name: String,
                                   _ kernel: @escaping @Sendable (JaxArray, JaxArray, [Int]) throws(PyException) -> JaxArray) -> Primitive {
        Primitive(name, Rules(
            abstractEval: { ins, _ throws(PyException) in [try Operands.elementwise(name, ins).with(dtype: .bool, weakType: false)] },
            evaluate: { _, xs, _ throws(PyException) in
                let a = try Operands.at(xs, 0, name), b = try Operands.at(xs, 1, name)
                return [try kernel(a, b, try Operands.elementwise(name, [ShapedArray(a), ShapedArray(b)]).shape)]
            },
            jvp: .zero, transpose: .notLinear, batch: .broadcasting))
    }

    /// And, or, xor: bitwise on integers (the samplers assemble floats with `or`), logical on
    /// bools.
    static let and: Primitive = bitwise("and", .and, logical: .logicalAnd)
    static let or: Primitive = bitwise("or", .or, logical: .logicalOr)
    static let xor: Primitive = bitwise("xor", .xor, logical: .logicalXor)

    private static func bitwise(_ name: String, _ op: BitwiseKernels.Operation, logical: BinaryKernel) -> Primitive {
        binary(name, jvp: .zero) { ctx, a, b, _ throws(PyException) in
            if let bits = try BitwiseKernels.integers(op, a, b) { return bits }
            return try sameDType(logical, a, b, interrupt: ctx.interrupt)
        }
    }

    /// Left shift of integers (shifts by a negative amount or past the width give 0, as XLA).
    static let shiftLeft: Primitive = binary("shift_left", jvp: .zero) { _, a, b, _ throws(PyException) in
        guard let shifted = try BitwiseKernels.integers(.shiftLeft, a, b) else {
            throw PyException.typeError("shift_left does not accept dtype \(a.dtype.name). Accepted dtypes are subtypes of integer.")
        }
        return shifted
    }

    /// Logical right shift of unsigned words (shifts past the width give 0, as XLA).
    static let shiftRightLogical: Primitive = binary("shift_right_logical", jvp: .zero) { _, a, b, _ throws(PyException) in
        try BitwiseKernels.shiftRightLogical(a, b)
    }

    /// Arithmetic right shift of signed words (what `jnp.signbit` reads the sign bit with).
    static let shiftRightArithmetic: Primitive = binary("shift_right_arithmetic", jvp: .zero) { _, a, b, _ throws(PyException) in
        try BitwiseKernels.shiftRightArithmetic(a, b)
    }

    /// `select_n(which, *cases)`: per element, the case `which` picks (false/0 the first).
    static let selectN: Primitive = Primitive("select_n", Rules(
        abstractEval: { ins, _ throws(PyException) in
            guard ins.count >= 2 else { throw PyException.typeError("select_n requires at least one case") }
            return [ins[1].with(weakType: ins.dropFirst().allSatisfy(\.weakType))]
        },
        evaluate: { ctx, xs, _ throws(PyException) in
            let which = try Operands.at(xs, 0, "select_n")
            let cases = Array(xs.dropFirst())
            guard let first = cases.first else { throw PyException.typeError("select_n requires at least one case") }
            if cases.count == 1 { return [first] }
            if which.dtype == .bool { return [try Kernels.select(which, cases[1], cases[0], interrupt: ctx.interrupt)] }
            // an integer `which` picks among n cases: case k where which == k
            var result = first
            for k in 1..<cases.count {
                let picked = try Kernels.binary(.equal, which, JaxArray.scalar(.int(Int64(k)), dtype: which.dtype), semantics: .jax)
                result = try Kernels.select(picked, cases[k], result, interrupt: ctx.interrupt)
            }
            return [result]
        },
        jvp: .rule { _, ctx, xs, ts, params throws(PyException) in
            let out = try Tracing.bind1(ctx, .selectN, xs, params)
            guard ts.dropFirst().contains(where: { $0 != nil }) else { return ([out], [nil]) }
            var cases: [JaxValue] = []
            for (x, t) in zip(xs.dropFirst(), ts.dropFirst()) {
                if let t { cases.append(t) } else { cases.append(try Lax.zeros(ctx, x.aval.with(weakType: false))) }
            }
            return ([out], [try Tracing.bind1(ctx, .selectN, [xs[0]] + cases, params)])
        },
        transpose: .linear { prim, ctx, ct, args, _ throws(PyException) in
            let zeros = try Lax.zeros(ctx, ct.aval)
            guard let pred = args[0].value else { throw prim.missingRule(.transpose) }
            var out: [JaxValue?] = [nil]
            for (i, a) in args.enumerated().dropFirst() {
                guard a.isLinear else { out.append(nil); continue }
                var cases: [JaxValue] = []
                for j in 1..<args.count { cases.append(j == i ? ct : zeros) }
                out.append(try Tracing.bind1(ctx, .selectN, [pred] + cases))
            }
            return out
        },
        batch: .rule(batchSelectN)))

    /// lax's select_n rule: cases that share the predicate's batch axis and shape go straight
    /// through; otherwise batch axes move to the front, unbatched operands are broadcast, and
    /// a scalar predicate of a batch is broadcast to the cases' shape.
    static func batchSelectN(_ prim: Primitive, _ ctx: JaxContext, _ xs: [JaxValue], _ dims: [Int?], _ params: Params,
                             _ size: Int) throws(PyException) -> ([JaxValue], [Int?]) {
        guard var which = xs.first else { throw PyException.typeError("select_n requires a predicate") }
        var cases = Array(xs.dropFirst())
        let whichDim = dims[0], caseDims = Array(dims.dropFirst())
        guard let first = cases.first else { throw PyException.typeError("select_n requires at least one case") }
        if caseDims.allSatisfy({ $0 == whichDim }) {
            if which.shape != first.shape, let d = whichDim {
                which = try Lax.broadcastInDim(ctx, which, shape: first.shape, dims: [d])
            }
            return ([try Tracing.bind1(ctx, .selectN, [which] + cases, params)], [whichDim])
        }
        if which.rank == 0, let d0 = caseDims[0], caseDims.allSatisfy({ $0 != nil }) {
            if caseDims.allSatisfy({ $0 == d0 }) {
                return ([try Tracing.bind1(ctx, .selectN, [which] + cases, params)], [d0])
            }
            if cases.allSatisfy({ $0.shape == first.shape }) {
                for i in 1..<cases.count { cases[i] = try Lax.moveAxis(ctx, cases[i], from: caseDims[i] ?? d0, to: d0) }
                return ([try Tracing.bind1(ctx, .selectN, [which] + cases, params)], [d0])
            }
        }
        if which.rank > 0 { which = try Batching.atFront(ctx, which, whichDim, size: size) }
        if !cases.allSatisfy({ $0.rank == 0 }) {
            for i in cases.indices { cases[i] = try Batching.atFront(ctx, cases[i], caseDims[i], size: size) }
        }
        if which.rank > 0 && which.rank < cases[0].rank {
            which = try Lax.broadcastInDim(ctx, which, shape: cases[0].shape, dims: [0])
        }
        if which.rank > cases[0].rank {
            for i in cases.indices { cases[i] = try Lax.broadcastInDim(ctx, cases[i], shape: which.shape, dims: []) }
        }
        return ([try Tracing.bind1(ctx, .selectN, [which] + cases, params)], [0])
    }

    /// `clamp(min, x, max)`: x limited to [min, max] (min and max may be scalars).
    static let clamp: Primitive = Primitive("clamp", Rules(
        abstractEval: { ins, _ throws(PyException) in
            guard ins.count == 3 else { throw PyException.typeError("clamp takes three operands, got \(ins.count)") }
            let x = ins[1]
            for bound in [ins[0], ins[2]] where bound.dtype != x.dtype || (bound.rank > 0 && bound.shape != x.shape) {
                throw PyException.typeError("clamp requires min.shape == operand.shape or min.shape == (), got \(Shape.describe(bound.shape)).")
            }
            return [x]
        },
        evaluate: { ctx, xs, params throws(PyException) in
            // XLA's order, min(max(x, lo), hi): with lo > hi every element is hi
            let lower = try Primitive.max.evaluate(ctx, [try Operands.at(xs, 1, "clamp"), try Operands.at(xs, 0, "clamp")], params)
            return try Primitive.min.evaluate(ctx, lower + [try Operands.at(xs, 2, "clamp")], params)
        },
        jvp: .partials { ctx, i, g, _, xs, _ throws(PyException) in
            // the tangent of whichever operand the result is
            let lo = xs[0], x = xs[1], hi = xs[2]
            let picked: JaxValue
            switch i {
            // lax's rule: strict comparisons, so a value at a bound gets no derivative
            case 0: picked = try Tracing.bind1(ctx, .and, [try Lax.compare(ctx, .gt, lo, x), try Lax.compare(ctx, .lt, lo, hi)])
            case 1: picked = try Tracing.bind1(ctx, .and, [try Lax.compare(ctx, .gt, x, lo), try Lax.compare(ctx, .lt, x, hi)])
            default: picked = try Lax.compare(ctx, .lt, hi, x)
            }
            let tangent = try Lax.maybeBroadcast(ctx, g, x.shape)
            let mask = try Lax.maybeBroadcast(ctx, picked, x.shape)
            return try Lax.select(ctx, mask, try Lax.zeros(ctx, tangent.aval.with(weakType: false)), tangent)
        },
        transpose: .notLinear,
        batch: .rule { _, ctx, xs, dims, params, size throws(PyException) in
            // lax's clamp batching: everything batched at the front, and a batched bound given
            // the operand's whole shape
            var moved: [JaxValue] = []
            for (x, d) in zip(xs, dims) { moved.append(try d.map { (d: Int) throws(PyException) -> JaxValue in try Lax.moveAxis(ctx, x, from: d, to: 0) } ?? x) }
            var x = moved[1]
            if dims[1] == nil { x = try Batching.atFront(ctx, x, nil, size: size) }
            for i in [0, 2] where dims[i] != nil && moved[i].shape != x.shape {
                moved[i] = try Lax.broadcastInDim(ctx, moved[i], shape: x.shape, dims: Array(0..<moved[i].rank))
            }
            return ([try Tracing.bind1(ctx, .clamp, [moved[0], x, moved[2]], params)], [0])
        }))
}
