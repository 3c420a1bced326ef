/// The JVP rule of every differentiable primitive, written as JAX's lax writes it so that
/// linearized and transposed jaxprs come out equation for equation like JAX's.
enum JVPRules {
    typealias Rule = (_ t: JaxValue, _ ans: JaxValue, _ xs: [JaxValue]) throws(PyException) -> JaxValue

    static func apply(_ ctx: JaxContext, _ prim: Primitive, _ xs: [JaxValue], _ ts: [JaxValue?], _ params: Params) throws(PyException) -> ([JaxValue], [JaxValue?]) {
        // Linear primitives: the tangent is the primitive applied to the tangents.
        if isLinear(prim) {
            let outs = try Tracing.bind(ctx, prim, xs, params)
            var tangents: [JaxValue] = []
            for (x, t) in zip(xs, ts) {
                if let t { tangents.append(t) } else { tangents.append(try Lax.zeros(ctx, x.aval)) }
            }
            return (outs, try Tracing.bind(ctx, prim, tangents, params).map { Optional($0) })
        }
        switch prim {
        case .add, .sub, .addAny:
            let out = try Tracing.bind1(ctx, prim, xs, params)
            let shape = out.shape
            switch (ts[0], ts[1]) {
            case (nil, nil): return ([out], [nil])
            case (nil, let ty?):
                let b = try Lax.maybeBroadcast(ctx, ty, shape)
                return ([out], [prim == .sub ? try Lax.neg(ctx, b) : b])
            case (let tx?, nil): return ([out], [try Lax.maybeBroadcast(ctx, tx, shape)])
            case (let tx?, let ty?): return ([out], [try Tracing.bind1(ctx, prim, [tx, ty], params)])
            }
        case .selectN:
            let out = try Tracing.bind1(ctx, prim, xs, params)
            guard ts.dropFirst().contains(where: { $0 != nil }) else { return ([out], [nil]) }
            var cases: [JaxValue] = []
            for (x, t) in zip(xs.dropFirst(), ts.dropFirst()) {
                if let t { cases.append(t) } else { cases.append(try Lax.zeros(ctx, x.aval.with(weakType: false))) }
            }
            return ([out], [try Tracing.bind1(ctx, prim, [xs[0]] + cases, params)])
        case .convertElementType:
            let out = try Tracing.bind1(ctx, prim, xs, params)
            guard let t = ts[0], out.dtype.isFloating, xs[0].dtype.isFloating else { return ([out], [nil]) }
            return ([out], [try Tracing.bind1(ctx, prim, [t], params)])
        case .dotGeneral:
            let out = try Tracing.bind1(ctx, prim, xs, params)
            var tangent: JaxValue?
            if let tx = ts[0] { tangent = try Tracing.bind1(ctx, prim, [tx, xs[1]], params) }
            if let ty = ts[1] {
                let term = try Tracing.bind1(ctx, prim, [xs[0], ty], params)
                tangent = try tangent.map { (a: JaxValue) throws(PyException) -> JaxValue in try Lax.addAny(ctx, a, term) } ?? term
            }
            return ([out], [tangent])
        case .reduceMax, .reduceMin, .argmax, .argmin:
            let out = try Tracing.bind1(ctx, prim, xs, params)
            guard prim == .reduceMax || prim == .reduceMin, let t = ts[0] else { return ([out], [nil]) }
            return ([out], [try chooserTangent(ctx, xs[0], out, t, params.ints("axes"))])
        case .gather, .scatter, .scatterAdd:
            return try indexingJVP(ctx, prim, xs, ts, params)
        case .sort:
            return try sortJVP(ctx, xs, ts, params)
        case .topK:
            return try topKJVP(ctx, xs, ts, params)
        case .scan:
            return try ScanRules.jvp(ctx, xs, params)
        case .customJvpCall:
            return try CustomJVPRules.jvp(ctx, xs, ts, params)
        case .dynamicSlice, .dynamicUpdateSlice:
            return try DynamicSliceRules.jvp(ctx, prim, xs, ts, params)
        case .eq, .ne, .lt, .le, .gt, .ge, .leTo, .sign, .floor, .ceil, .round, .stopGradient, .iota,
             .and, .or, .xor, .not, .randomSeed, .randomWrap, .randomUnwrap, .randomBits, .randomSplit,
             .randomFoldIn, .shiftRightLogical, .bitcastConvertType, .nextafter:
            return (try Tracing.bind(ctx, prim, xs, params), [nil])
        default:
            break
        }
        let out = try Tracing.bind1(ctx, prim, xs, params)
        var tangent: JaxValue?
        for (i, t) in ts.enumerated() {
            guard let t else { continue }
            let term = try rule(ctx, prim, i, t, out, xs, params)
            tangent = try tangent.map { (a: JaxValue) throws(PyException) -> JaxValue in try Lax.addAny(ctx, a, term) } ?? term
        }
        return ([out], [tangent])
    }

    static func isLinear(_ prim: Primitive) -> Bool {
        switch prim {
        case .neg, .reduceSum, .broadcastInDim, .reshape, .squeeze, .transpose, .concatenate, .stack,
             .slice, .pad, .rev, .cumsum:
            return true
        default:
            return false
        }
    }

    /// The tangent contribution of operand `i` of a non-linear primitive.
    static func rule(_ ctx: JaxContext, _ prim: Primitive, _ i: Int, _ g: JaxValue, _ ans: JaxValue,
                     _ xs: [JaxValue], _ params: Params) throws(PyException) -> JaxValue {
        let x = xs[0]
        switch prim {
        case .mul:
            return i == 0 ? try Lax.mul(ctx, g, xs[1]) : try Lax.mul(ctx, xs[0], g)
        case .div:
            if i == 0 { return try Tracing.bind1(ctx, .div, [g, xs[1]], params) }
            return try Lax.mul(ctx, try Lax.mul(ctx, try Lax.neg(ctx, g), xs[0]), try Lax.integerPow(ctx, xs[1], -2))
        case .integerPow:
            let y = params.int("y")
            if y == 0 { return try Lax.zeros(ctx, g.aval) }
            if y == 1 { return g }
            if y == 2 { return try Lax.mul(ctx, g, try Lax.mul(ctx, Lax.const(x, 2), x)) }
            return try Lax.mul(ctx, g, try Lax.mul(ctx, Lax.const(x, Double(y)), try Lax.integerPow(ctx, x, y - 1)))
        case .square:
            return try Lax.mul(ctx, g, try Lax.mul(ctx, Lax.const(x, 2), x))
        case .exp:
            return try Lax.mul(ctx, g, ans)
        case .log:
            return try Lax.div(ctx, g, x)
        case .log1p:
            return try Lax.div(ctx, g, try Lax.add(ctx, x, Lax.const(x, 1)))
        case .expm1:
            return try Lax.mul(ctx, g, try Lax.add(ctx, ans, Lax.const(ans, 1)))
        case .sin:
            return try Lax.mul(ctx, g, try Lax.unary(ctx, .cos, x))
        case .cos:
            return try Lax.neg(ctx, try Lax.mul(ctx, g, try Lax.unary(ctx, .sin, x)))
        case .tan:
            return try Lax.mul(ctx, g, try Lax.add(ctx, Lax.const(x, 1), try Lax.unary(ctx, .square, ans)))
        case .tanh:
            return try Lax.mul(ctx, try Lax.add(ctx, g, try Lax.mul(ctx, g, ans)), try Lax.sub(ctx, Lax.const(x, 1), ans))
        case .logistic:
            return try Lax.mul(ctx, g, try Lax.mul(ctx, ans, try Lax.sub(ctx, Lax.const(ans, 1), ans)))
        case .atan:
            return try Lax.div(ctx, g, try Lax.add(ctx, Lax.const(x, 1), try Lax.unary(ctx, .square, x)))
        case .sqrt:
            return try Lax.mul(ctx, g, try Lax.div(ctx, Lax.const(x, 0.5), ans))
        case .rsqrt:
            return try Lax.mul(ctx, g, try Lax.mul(ctx, Lax.const(x, -0.5), try Lax.div(ctx, ans, x)))
        case .abs:
            return try Lax.select(ctx, try Lax.compare(ctx, .ge, x, Lax.const(x, 0)), try Lax.neg(ctx, g), g)
        case .erfInv:
            let c = Lax.const(x, Double.pi.squareRoot() / 2)
            return try Lax.mul(ctx, c, try Lax.mul(ctx, g, try Lax.unary(ctx, .exp, try Lax.unary(ctx, .square, ans))))
        case .erf:
            let c = Lax.const(x, 2 / Double.pi.squareRoot())
            return try Lax.mul(ctx, c, try Lax.mul(ctx, g, try Lax.unary(ctx, .exp, try Lax.neg(ctx, try Lax.unary(ctx, .square, x)))))
        case .max, .min:
            let other = xs[1 - i]
            return try Lax.mul(ctx, g, try balancedEq(ctx, xs[i], ans, other))
        case .pow:
            let y = xs[1]
            if i == 0 {
                let jac = try Lax.mul(ctx, y, try Tracing.bind1(ctx, .pow, [x, try Lax.sub(ctx, y, Lax.const(y, 1))]))
                return try Lax.mul(ctx, g, jac)
            }
            let safe = try Lax.select(ctx, try Lax.compare(ctx, .eq, x, Lax.const(x, 0)), x, Lax.const(x, 1))
            return try Lax.mul(ctx, g, try Lax.mul(ctx, try Lax.unary(ctx, .log, safe), ans))
        case .rem:
            if i == 0 { return try Lax.maybeBroadcast(ctx, g, ans.shape) }
            let q = try Lax.div(ctx, xs[0], xs[1])
            let whole = try Lax.mul(ctx, try Lax.unary(ctx, .sign, q), try Lax.unary(ctx, .floor, try Lax.unary(ctx, .abs, q)))
            return try Lax.mul(ctx, try Lax.neg(ctx, g), whole)
        case .atan2:
            let y = xs[1]
            let denom = try Lax.add(ctx, try Lax.unary(ctx, .square, x), try Lax.unary(ctx, .square, y))
            if i == 0 { return try Lax.mul(ctx, g, try Lax.div(ctx, y, denom)) }
            return try Lax.mul(ctx, g, try Lax.div(ctx, try Lax.neg(ctx, x), denom))
        default:
            throw PyException.notImplemented("Differentiation rule for '\(prim.name)' not implemented")
        }
    }

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

    /// reduce_max/min: the tangent averaged over the positions holding the extreme value.
    static func chooserTangent(_ ctx: JaxContext, _ operand: JaxValue, _ ans: JaxValue, _ g: JaxValue, _ axes: [Int]) throws(PyException) -> JaxValue {
        let shape = operand.shape.enumerated().map { axes.contains($0.offset) ? 1 : $0.element }
        let indicators = try Lax.convert(ctx, try Lax.compare(ctx, .eq, operand, try Lax.reshape(ctx, ans, shape)), g.dtype)
        let counts = try Lax.reduceSum(ctx, indicators, axes: axes)
        return try Lax.div(ctx, try Lax.reduceSum(ctx, try Lax.mul(ctx, g, indicators), axes: axes), counts)
    }

    /// gather is linear in its operand; scatter-add in operand and updates; scatter (set)
    /// takes the operand's tangent outside the updated places and the updates' inside.
    static func indexingJVP(_ ctx: JaxContext, _ prim: Primitive, _ xs: [JaxValue], _ ts: [JaxValue?], _ params: Params) throws(PyException) -> ([JaxValue], [JaxValue?]) {
        let out = try Tracing.bind1(ctx, prim, xs, params)
        var tangentOperands = xs
        if prim == .gather {
            guard let t = ts[0] else { return ([out], [nil]) }
            tangentOperands[0] = t
        } else {
            let last = xs.count - 1
            if ts[0] == nil && ts[last] == nil { return ([out], [nil]) }
            if let t = ts[0] { tangentOperands[0] = t } else { tangentOperands[0] = try Lax.zeros(ctx, xs[0].aval) }
            if let t = ts[last] { tangentOperands[last] = t } else { tangentOperands[last] = try Lax.zeros(ctx, xs[last].aval) }
        }
        return ([out], [try Tracing.bind1(ctx, prim, tangentOperands, params)])
    }
}

extension JVPRules {
    /// lax's sort rule: an iota sorted along with the operands gives the order, which then
    /// picks the tangents (the other axes indexed by their own iotas).
    static func sortJVP(_ ctx: JaxContext, _ xs: [JaxValue], _ ts: [JaxValue?], _ params: Params) throws(PyException) -> ([JaxValue], [JaxValue?]) {
        guard ts.contains(where: { $0 != nil }), let shape = xs.first?.shape else {
            let outs = try Tracing.bind(ctx, .sort, xs, params)
            return (outs, Array(repeating: nil, count: outs.count))
        }
        let dimension = params.int("dimension")
        var iotas: [JaxValue] = []
        for axis in shape.indices {
            var p = Params()
            p.set("dimension", .int(axis))
            p.set("dtype", .dtype(.int32))
            p.set("shape", .ints(shape))
            p.set("sharding", .none)
            iotas.append(try Tracing.bind1(ctx, .iota, [], p))
        }
        let sorted = try Tracing.bind(ctx, .sort, xs + [iotas[dimension]], params)
        guard let order = sorted.last else { throw PyException.typeError("sort returned no operands") }
        let index: [JNPIndex] = shape.indices.map { .value($0 == dimension ? order : iotas[$0]) }
        var tangents: [JaxValue?] = []
        for t in ts { tangents.append(try t.map { (t: JaxValue) throws(PyException) -> JaxValue in try JNP.getItem(ctx, t, index) }) }
        return (Array(sorted.dropLast()), tangents)
    }

    /// lax's top_k rule: the tangents of the values are the operand's tangents gathered at the
    /// positions top_k picked.
    static func topKJVP(_ ctx: JaxContext, _ xs: [JaxValue], _ ts: [JaxValue?], _ params: Params) throws(PyException) -> ([JaxValue], [JaxValue?]) {
        let outs = try Tracing.bind(ctx, .topK, xs, params)
        guard let t = ts.first ?? nil, outs.count == 2 else { return (outs, [nil, nil]) }
        let positions = outs[1]
        let rank = positions.rank, axis = params.int("axis")
        let indices = try Lax.reshape(ctx, positions, positions.shape + [1])
        let others = (0..<rank).filter { $0 != axis }
        let dims = GatherDimensions(offsetDims: [], collapsedSliceDims: [axis], startIndexMap: [axis],
                                    operandBatchingDims: others, startIndicesBatchingDims: others)
        let tangent = try SliceGather.bind(ctx, t, indices, dims, sliceSizes: Array(repeating: 1, count: rank),
                                           sortedUnique: false, mode: "FILL_OR_DROP")
        return (outs, [tangent, nil])
    }
}
