import XCTest
@testable import JaxCore

/// Every primitive against every transformation: each rule a primitive declares runs on an
/// example (evaluation agrees with abstract evaluation, JVP primals with evaluation, vmap with
/// the examples one by one, transposition gives a cotangent of the operand's type), and each
/// rule it lacks fails with JAX's message from the one place that writes them.
final class PrimitiveRulesTests: XCTestCase {
    /// Operands and parameters to apply a primitive to; `linearIn` is an operand the
    /// primitive is linear in (for transposition).
    struct Example {
        var operands: [JaxArray]
        var params = Params()
        var linearIn = 0
    }

    let ctx = JaxContext()

    static func floats(_ shape: [Int], from start: Float = 0.25, step: Float = 0.0625) -> JaxArray {
        let n = shape.reduce(1, *)
        return JaxArray(shape: shape, storage: .float32((0..<n).map { start + step * Float($0) }))
    }

    static func ints(_ values: [Int32], shape: [Int]) -> JaxArray { JaxArray(shape: shape, storage: .int32(values)) }

    static func bools(_ values: [Bool], shape: [Int]) -> JaxArray { JaxArray(shape: shape, storage: .bool(values)) }

    static let x = floats([2, 3])
    static let y = floats([2, 3], from: 0.5, step: 0.03125)
    static let key = JaxArray(shape: [2], storage: .uint32([0, 42]), isKeyData: true)
    /// A symmetric positive-definite float32[2,2] for the factorisations.
    static let spd = JaxArray(shape: [2, 2], storage: .float32([4, 1, 1, 3]))
    static let mask = bools([true, false, true, false, false, true], shape: [2, 3])

    /// A jaxpr of `x * 2` over float32[2,3].
    func doubling() throws -> ClosedJaxpr {
        try Tracing.traceToJaxpr(ctx, [ShapedArray(Self.x)]) { ins throws(PyException) -> [JaxValue] in
            [try Lax.mul(ctx, ins[0], Lax.const(ins[0], 2))]
        }
    }

    func example(_ prim: Primitive) throws -> Example {
        let x = Self.x, y = Self.y
        switch prim.rules.elementwise {
        case .unary?: return Example(operands: [prim == .not ? Self.mask : x])
        case .binary(let kernel)?:
            return Example(operands: kernel.name.hasPrefix("logical") ? [Self.mask, Self.mask] : [x, y])
        case nil: break
        }
        switch prim.name {
        case "integer_pow": return Example(operands: [x], params: Params().with(.y, 3))
        case "square", "stop_gradient", "copy", "is_finite", "exp2": return Example(operands: [x])
        case "asin", "acos", "sinh", "cosh", "asinh", "atanh": return Example(operands: [x])
        // inside acosh's domain, x >= 1
        case "acosh": return Example(operands: [Self.floats([2, 3], from: 1.5)])
        case "empty2": return Example(operands: [], params: Params().with(.dtype, .float32).with(.memorySpace, "MemorySpace.Device"))
        case "div", "rem", "nextafter", "le_to", "lt_to": return Example(operands: [x, y])
        case "complex": return Example(operands: [x, y])
        case "real", "imag", "conj":
            let z = Kernels.cast(x, to: .complex64, semantics: .jax)
            return Example(operands: [z], params: prim.name == "conj" ? Params().with(.inputDType, .complex64) : Params())
        case "and", "or", "xor": return Example(operands: [Self.mask, Self.mask])
        case "shift_left":
            return Example(operands: [JaxArray(shape: [3], storage: .int32([-8, 255, 7])), JaxArray(shape: [3], storage: .int32([1, -1, 40]))])
        case "shift_right_logical":
            return Example(operands: [JaxArray(shape: [3], storage: .uint32([1 << 31, 255, 7])), JaxArray(shape: [3], storage: .uint32([3, 4, 40]))])
        case "shift_right_arithmetic":
            return Example(operands: [JaxArray(shape: [3], storage: .int32([-8, 255, -7])), JaxArray(shape: [3], storage: .int32([1, 4, 40]))])
        case "select_n": return Example(operands: [Self.mask, x, y], linearIn: 1)
        case "clamp": return Example(operands: [JaxArray.scalar(.float(0.3), dtype: .float32), x, JaxArray.scalar(.float(0.5), dtype: .float32)], linearIn: 1)
        case "convert_element_type":
            return Example(operands: [x], params: Params().with(.newDType, .float16).with(.weakType, false))
        case "bitcast_convert_type":
            return Example(operands: [JaxArray(shape: [3], storage: .uint32([0x3F80_0000, 0, 0x4000_0000]))], params: Params().with(.newDType, .float32))
        case "broadcast_in_dim":
            return Example(operands: [Self.floats([3])], params: Params().with(.shape, [2, 3]).with(.broadcastDimensions, [1]))
        case "reshape": return Example(operands: [x], params: Params().with(.newSizes, [3, 2]))
        case "squeeze": return Example(operands: [Self.floats([1, 3])], params: Params().with(.dimensions, [0]))
        case "transpose": return Example(operands: [x], params: Params().with(.permutation, [1, 0]))
        case "concatenate": return Example(operands: [x, y], params: Params().with(.dimension, 0))
        case "split": return Example(operands: [x], params: Params().with(.axis, 1).with(.sizes, [1, 2]))
        case "stack": return Example(operands: [x, y], params: Params().with(.axis, 0))
        case "iota": return Example(operands: [], params: Params().with(.dtype, .int32).with(.shape, [4]).with(.dimension, 0))
        case "slice": return Example(operands: [x], params: Params().with(.startIndices, [0, 1]).with(.limitIndices, [2, 3]))
        case "tile": return Example(operands: [x], params: Params().with(.reps, [2, 1]))
        case "rev": return Example(operands: [x], params: Params().with(.dimensions, [1]))
        case "pad":
            return Example(operands: [x, JaxArray.scalar(.float(0), dtype: .float32)],
                           params: Params().with(.paddingConfig, PaddingConfig([(1, 0, 0), (0, 1, 1)])))
        case "reduce_sum", "reduce_max", "reduce_min", "reduce_prod":
            return Example(operands: [x], params: Params().with(.axes, [1]))
        case "reduce_and", "reduce_or": return Example(operands: [Self.mask], params: Params().with(.axes, [1]))
        case "argmax", "argmin": return Example(operands: [x], params: Params().with(.axes, [1]).with(.indexDType, .int32))
        case "cumsum", "cumprod", "cummax", "cummin": return Example(operands: [x], params: Params().with(.axis, 1).with(.reverse, false))
        case "conv_general_dilated":
            let params = ConvParams(strides: [1], padding: [(1, 0)], lhsDilation: [1], rhsDilation: [1],
                                    dimensions: ConvDimensions(lhs: [0, 1, 2], rhs: [0, 1, 2], out: [0, 1, 2])).params
            return Example(operands: [Self.floats([1, 2, 3]), Self.floats([2, 2, 2], from: 0.5)], params: params)
        case "dot_general":
            return Example(operands: [x, Self.floats([3, 2])],
                           params: Params().with(.dotDimensionNumbers, DotDimensions(contracting: ([1], [0]), batch: ([], [])))
                               .with(.preferredElementType, .float32))
        case "gather":
            var p = Params()
            p.set(.gatherDimensionNumbers, GatherDimensions.along(0, indexRank: 1, operandRank: 2))
            p.set(.sliceSizes, [1, 3])
            p.set(.mode, .promiseInBounds)
            return Example(operands: [x, Self.ints([1, 0], shape: [2, 1])], params: p)
        case "scatter", "scatter-add", "scatter-mul", "scatter-min", "scatter-max":
            var p = Params()
            p.set(.gatherDimensions, GatherDimensions.along(0, indexRank: 1, operandRank: 2), shown: false)
            p.set(.mode, .fillOrDrop)
            return Example(operands: [x, Self.ints([1], shape: [1, 1]), Self.floats([1, 3], from: 2)], params: p)
        case "dynamic_slice":
            return Example(operands: [x, Self.ints([1], shape: []), Self.ints([1], shape: [])], params: Params().with(.sliceSizes, [1, 2]))
        case "dynamic_update_slice":
            return Example(operands: [x, Self.floats([1, 2], from: 3), Self.ints([1], shape: []), Self.ints([0], shape: [])])
        case "sort": return Example(operands: [y], params: Params().with(.dimension, 1).with(.isStable, true).with(.numKeys, 1))
        case "top_k": return Example(operands: [y], params: Params().with(.k, 2).with(.axis, 1))
        case "lu", "cholesky": return Example(operands: [Self.spd])
        case "triangular_solve":
            return Example(operands: [Self.spd, Self.floats([2, 3])], params: Params().with(.conjugateA, false).with(.leftSide, true)
                .with(.lower, true).with(.transposeA, false).with(.unitDiagonal, false), linearIn: 1)
        case "qr": return Example(operands: [x], params: Params().with(.fullMatrices, false).with(.pivoting, false).with(.useMagma, ParamValue.none))
        case "eigh":
            return Example(operands: [Self.spd], params: Params().with(.algorithm, ParamValue.none).with(.lower, true)
                .with(.sortEigenvalues, true).with(.subsetByIndex, ParamValue.none))
        case "svd":
            return Example(operands: [x], params: Params().with(.algorithm, ParamValue.none).with(.computeUV, true)
                .with(.fullMatrices, false).with(.subsetByIndex, ParamValue.none))
        case "random_seed": return Example(operands: [Self.ints([7], shape: [])], params: Params().with(.impl, "fry"))
        case "random_wrap": return Example(operands: [Self.key.withKeyData(false)], params: Params().with(.impl, "fry"))
        case "random_unwrap": return Example(operands: [Self.key])
        case "random_bits": return Example(operands: [Self.key], params: Params().with(.bitWidth, 32).with(.shape, [3]))
        case "random_split": return Example(operands: [Self.key], params: Params().with(.shape, [2]))
        case "random_fold_in": return Example(operands: [Self.key, JaxArray.scalar(.int(5), dtype: .uint32)])
        case "jit": return Example(operands: [x], params: Params().with(.jaxpr, try doubling()).with(.name, "f"))
        case "custom_jvp_call":
            let relu = try Tracing.traceToJaxpr(ctx, [ShapedArray(x)]) { ins throws(PyException) -> [JaxValue] in
                [try Tracing.bind1(ctx, .max, [ins[0], Lax.const(ins[0], 0)])]
            }
            // relu with its rule: the primal again, and the tangent where x > 0
            let rule = CustomRule("jvp") { [ctx] args throws(PyException) -> [JaxValue?] in
                let positive = try Lax.compare(ctx, .gt, args[0], Lax.const(args[0], 0))
                return [try Tracing.bind1(ctx, .max, [args[0], Lax.const(args[0], 0)]), try Lax.select(ctx, positive, try Lax.full(ctx, args[1], 0), args[1])]
            }
            return Example(operands: [x], params: CustomJVPRules.params(relu, name: "relu", jvp: rule))
        case "remat2":
            return Example(operands: [x], params: CheckpointRules.params(try doubling(), differentiated: false, policy: .none, preventCSE: true))
        case "name": return Example(operands: [x], params: Params().with(.name, "y"))
        case "reduce_precision":
            return Example(operands: [x], params: Params().with(.exponentBits, 8).with(.mantissaBits, 23))
        case "custom_vjp_call":
            let fwd = CustomRule("fwd") { [ctx] args throws(PyException) -> [JaxValue?] in [try Lax.mul(ctx, args[0], Lax.const(args[0], 2))] }
            let bwd = CustomRule("bwd") { [ctx] args throws(PyException) -> [JaxValue?] in [try Lax.mul(ctx, args[0], Lax.const(args[0], 2))] }
            return Example(operands: [x], params: CustomVJPRules.params(try doubling(), name: "double", fwd: fwd, bwd: bwd))
        case "custom_lin":
            let bwd = CustomRule("bwd", outAvals: [ShapedArray(x)]) { [ctx] args throws(PyException) -> [JaxValue?] in
                [try Lax.mul(ctx, args[0], Lax.const(args[0], 2))]
            }
            return Example(operands: [x], params: CustomVJPRules.linParams(bwd, residuals: 0, nonzero: [true]))
        case "cond":
            let negate = try Tracing.traceToJaxpr(ctx, [ShapedArray(x)]) { ins throws(PyException) -> [JaxValue] in [try Lax.neg(ctx, ins[0])] }
            return Example(operands: [Self.ints([1], shape: []), x], params: CondRules.params([negate, try doubling()]), linearIn: 1)
        case "while":
            let cond = try Tracing.traceToJaxpr(ctx, [ShapedArray(shape: [], dtype: .int32), ShapedArray(x)]) { ins throws(PyException) -> [JaxValue] in
                [try Lax.compare(ctx, .lt, ins[0], Lax.const(ins[0], 3))]
            }
            let body = try Tracing.traceToJaxpr(ctx, [ShapedArray(shape: [], dtype: .int32), ShapedArray(x)]) { ins throws(PyException) -> [JaxValue] in
                [try Lax.add(ctx, ins[0], Lax.const(ins[0], 1)), try Lax.mul(ctx, ins[1], Lax.const(ins[1], 2))]
            }
            return Example(operands: [Self.ints([0], shape: []), x], params: WhileRules.params(cond: cond, condConsts: 0, body: body, bodyConsts: 0),
                           linearIn: 1)
        case "scan":
            let body = try Tracing.traceToJaxpr(ctx, [ShapedArray(shape: [], dtype: .int32)]) { ins throws(PyException) -> [JaxValue] in
                [try Lax.add(ctx, ins[0], Lax.const(ins[0], 3))]
            }
            return Example(operands: [Self.ints([1], shape: [])], params: ScanRules.params(body, length: 4, consts: 0, carry: 1))
        case "debug_print", "debug_callback":
            let index = ctx.registerHostCallback { (_: JaxContext, _: [JaxArray]) throws(PyException) in }
            return Example(operands: [x], params: Params().with(.hostCallback, index))
        case "pure_callback", "io_callback":
            // a host function giving back its operand
            let identity = CustomRule("identity", outAvals: [ShapedArray(x)]) { values throws(PyException) -> [JaxValue?] in values }
            var params = Params().with(.hostFunction, identity, shown: false)
            if prim == .pureCallback { params.set(.vmapMethod, "sequential") } else { params.set(.ordered, false) }
            return Example(operands: [x], params: params)
        default:
            throw PyException.notImplemented("no example for \(prim.name): add one")
        }
    }

    func testEveryPrimitiveHasOneName() {
        let names = Primitive.all.map(\.name)
        XCTAssertEqual(Set(names).count, names.count, "a primitive is listed twice")
        XCTAssertGreaterThan(names.count, 80)
    }

    func testEveryPrimitiveUnderEveryTransformation() throws {
        var failures: [String] = []
        for prim in Primitive.all {
            for transformation in Transformation.allCases {
                do {
                    let example = try self.example(prim)
                    if prim.supports(transformation) {
                        try check(prim, transformation, example)
                    } else {
                        try checkRefusal(prim, transformation, example)
                    }
                } catch {
                    failures.append("\(prim.name) × \(transformation.rawValue): \(error)")
                }
            }
        }
        XCTAssert(failures.isEmpty, failures.joined(separator: "\n"))
    }

    /// The table of what each primitive supports, for reading: JVP, transpose, vmap.
    func testSupportTable() {
        let refused = Primitive.all.flatMap { prim in
            Transformation.allCases.filter { !prim.supports($0) }.map { "\(prim.name)/\($0.rawValue)" }
        }
        // every primitive evaluates; these are the rules JAX has and jaxlab does not yet
        for missing in ["reduce_prod/jvp", "scatter-mul/jvp", "iota/batching", "cummax/jvp", "cummin/jvp"] {
            XCTAssert(refused.contains(missing), missing)
        }
        XCTAssertFalse(refused.contains { $0.hasSuffix("/evaluation") })
    }

    struct Mismatch: Error, CustomStringConvertible { let description: String }

    func check(_ prim: Primitive, _ transformation: Transformation, _ example: Example) throws {
        let xs = example.operands
        if prim == .customLin { return try checkCustomLin(transformation, example) }
        if Primitive.callbacks.contains(prim), transformation == .jvp {
            // a callback has a JVP rule, and it is JAX's ValueError
            do throws(PyException) {
                _ = try prim.jvp(ctx, xs.map { .array($0) }, xs.map { .array($0) }, example.params)
            } catch {
                guard error.kind == "ValueError", error.message.contains("do not support JVP") else { throw error }
                return
            }
            throw Mismatch(description: "\(prim.name) differentiated")
        }
        if prim == .customVjpCall, transformation == .jvp {
            // forward mode reaches custom_lin with concrete tangents: JAX's error
            return try checkCustomLin(.evaluation, try self.example(.customLin))
        }
        let outs = try prim.evaluate(ctx, xs, example.params)
        switch transformation {
        case .evaluation:
            let avals = try prim.abstractEval(xs.map(ShapedArray.init), example.params)
            guard outs.map(ShapedArray.init) == avals else {
                throw Mismatch(description: "evaluated \(outs.map(ShapedArray.init)), abstract \(avals)")
            }
        case .jvp:
            let tangents: [JaxValue?] = xs.map { $0.dtype.isFloating ? .array(Self.floats($0.shape, from: 1, step: 0)) : nil }
            let (primals, _) = try Tracing.jvp(ctx, xs.map { .array($0) }, tangents) { ins throws(PyException) -> [JaxValue] in
                try Tracing.bind(ctx, prim, ins, example.params)
            }
            try same(primals, outs, "JVP primals")
        case .batching:
            let batched = xs.map { stack([$0, $0]) }
            let results = try Tracing.batch(ctx, size: 2, batched.map { .array($0) }, xs.map { _ in 0 }) { ins throws(PyException) -> [JaxValue] in
                try Tracing.bind(ctx, prim, ins, example.params)
            }
            for ((value, dim), out) in zip(results, outs) {
                let moved = try moveToFront(value, dim)
                try same([moved], [stack([out, out])], "vmap")
            }
        case .transpose:
            let i = example.linearIn
            var ct: [JaxValue?] = []
            let (_, linear) = try Tracing.linearize(ctx, [.array(xs[i])]) { ins throws(PyException) -> [JaxValue] in
                var operands = xs.map { JaxValue.array($0) }
                operands[i] = ins[0]
                return try Tracing.bind(ctx, prim, operands, example.params)
            }
            // ones of each output's dtype (complex outputs take complex cotangents)
            ct = outs.map { .array(Kernels.cast(Self.floats($0.shape, from: 1, step: 0), to: $0.dtype.isComplex ? $0.dtype : .float32, semantics: .jax).withWeakType(false)) }
            let cotangents = try linear.transpose(ctx, ct)
            guard let first = cotangents.first, let cotangent = first, cotangent.aval.shape == xs[i].shape else {
                throw Mismatch(description: "transposition gave \(cotangents.map { $0?.aval.description ?? "nil" })")
            }
        }
    }

    /// `custom_lin` only exists to be transposed: evaluating it is JAX's error for forward-mode
    /// differentiation of a custom_vjp function, and its transpose runs the bwd rule.
    func checkCustomLin(_ transformation: Transformation, _ example: Example) throws {
        switch transformation {
        case .evaluation:
            do throws(PyException) {
                _ = try Primitive.customLin.evaluate(ctx, example.operands, example.params)
            } catch {
                guard error.message.hasPrefix("can't apply forward-mode autodiff") else { throw error }
                return
            }
            throw Mismatch(description: "custom_lin evaluated")
        case .transpose:
            let ct = JaxValue.array(Self.floats(Self.x.shape, from: 1, step: 0))
            let cts = try Primitive.customLin.transposeCotangents(ctx, [ct], [.linear(ShapedArray(Self.x))], example.params)
            guard cts.count == 1, case .array(let a)?? = cts.first, a.storage.double(at: 0) == 2 else {
                throw Mismatch(description: "custom_lin transposed to \(cts)")
            }
        case .jvp, .batching:
            throw Mismatch(description: "custom_lin has no \(transformation.rawValue) rule")
        }
    }

    /// A transformation the primitive lacks fails with JAX's message.
    func checkRefusal(_ prim: Primitive, _ transformation: Transformation, _ example: Example) throws {
        let xs = example.operands.map { JaxValue.array($0) }
        let expected = prim.missingRule(transformation).description
        do throws(PyException) {
            switch transformation {
            case .evaluation: _ = try prim.evaluate(ctx, example.operands, example.params)
            case .jvp: _ = try prim.jvp(ctx, xs, xs.map { Optional($0) }, example.params)
            case .transpose: _ = try prim.transposeCotangents(ctx, xs.map { Optional($0) }, xs.map { .linear($0.aval) }, example.params)
            case .batching: _ = try prim.batch(ctx, xs, xs.map { _ in 0 }, example.params, size: 1)
            }
        } catch {
            guard error.description == expected else { throw Mismatch(description: "refused with \(error), not \(expected)") }
            return
        }
        throw Mismatch(description: "ran, though it declares no rule")
    }

    /// Two examples stacked along a new first axis (key words stay key words).
    func stack(_ arrays: [JaxArray]) -> JaxArray {
        let parts = arrays.compactMap { try? Kernels.expandDims($0, axes: [0]) }
        let stacked = (try? Kernels.concatenate(parts, axis: 0)) ?? arrays[0]
        return stacked.withKeyData(arrays[0].isKeyData)
    }

    func moveToFront(_ value: JaxValue, _ dim: Int?) throws -> JaxValue {
        guard let dim else { return value }
        var perm = Array(0..<value.rank)
        perm.remove(at: dim)
        perm.insert(dim, at: 0)
        return try Lax.transpose(ctx, value, perm)
    }

    /// Results agree: same types and values (floats within rounding, since a batched
    /// reduction may add in another order).
    func same(_ got: [JaxValue], _ want: [JaxArray], _ what: String) throws {
        guard got.count == want.count else { throw Mismatch(description: "\(what): \(got.count) results, not \(want.count)") }
        for (g, w) in zip(got, want) {
            guard case .array(let a) = g, a.shape == w.shape, a.dtype == w.dtype else {
                throw Mismatch(description: "\(what): \(g.aval), not \(ShapedArray(w))")
            }
            for k in 0..<a.count {
                let u = a.storage.double(at: k), v = w.storage.double(at: k)
                if u == v || (u.isNaN && v.isNaN) || (u - v).magnitude <= 1e-5 * Swift.max(1, v.magnitude) { continue }
                throw Mismatch(description: "\(what): element \(k) is \(u), not \(v)")
            }
        }
    }
}
