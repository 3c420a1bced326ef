import XCTest
@testable import JaxCore

/// The compiler: its passes leave no dead equation in the lab's programs, and fused loops give
/// the bits of the equations run one by one, for random chains at the sizes where XLA's code
/// paths change.
final class CompilerTests: XCTestCase {
    static func f32(_ values: [Float], _ shape: [Int]? = nil) -> JaxValue {
        .array(JaxArray(shape: shape ?? [values.count], storage: .float32(values)))
    }

    /// The jitted gradient of the lab's f keeps only what the gradient needs: the primal's
    /// square, sum and mean are removed, the constant `1/3` folded, and the rest is one loop.
    func testLabGradHasNoDeadEquations() throws {
        let ctx = JaxContext()
        let x = Self.f32((0..<1000).map { Float($0) / 1000 })
        let jitted = Transforms.jit(name: "f", Transforms.grad(TracingLabTests.f))
        let closed = try Transforms.makeJaxpr(ctx, { ctx, args throws(PyException) in try jitted.call(ctx, args) }, [.leaf(x)])
        let compiled = CompiledFunction(ctx, closed)
        let jaxpr = compiled.optimised
        var used = Set(jaxpr.outvars.compactMap(\.variable))
        for eqn in jaxpr.eqns.reversed() {
            XCTAssertTrue(eqn.outvars.contains(where: used.contains), "dead equation: \(eqn.primitive.name)")
            for atom in eqn.inputs { if let v = atom.variable { used.insert(v) } }
        }
        XCTAssertEqual(compiled.report.dead, 4)
        XCTAssertEqual(compiled.report.folded, 1)
        XCTAssertEqual(jaxpr.eqns.map { $0.primitive.name }, ["add", "mul", "broadcast_in_dim", "mul"])
        let fused = compiled.instructionList.filter { (instruction: LoopFusion.Instruction) -> Bool in
            if case .fused = instruction { return true } else { return false }
        }
        XCTAssertEqual(fused.count, 1)
        // the same values as the equations run one by one
        guard case .array(let a) = x else { return XCTFail() }
        let unfused = CompiledFunction(ctx, closed, fuse: false)
        XCTAssertEqual(bits(try compiled.run(ctx, consts: closed.consts, [a])), bits(try unfused.run(ctx, consts: closed.consts, [a])))
    }

    /// `jax.jit(f)` called twice compiles once; so does a staged jnp function called eagerly.
    func testExecutablesAreCachedPerSignature() throws {
        let ctx = JaxContext()
        let jitted = Transforms.jit(name: "f", TracingLabTests.f)
        let x = Self.f32([1, 2, 3])
        _ = try jitted.call(ctx, [.leaf(x)])
        let compiled = ctx.executables.compileCount
        _ = try jitted.call(ctx, [.leaf(x)])
        _ = try jitted.call(ctx, [.leaf(Self.f32([4, 5, 6]))])
        XCTAssertEqual(ctx.executables.compileCount, compiled)
        _ = try jitted.call(ctx, [.leaf(Self.f32([4, 5, 6, 7]))])
        XCTAssertEqual(ctx.executables.compileCount, compiled + 1)
        _ = try JNP.cumsum(ctx, x)
        let afterCumsum = ctx.executables.compileCount
        _ = try JNP.cumsum(ctx, Self.f32([7, 8, 9]))
        XCTAssertEqual(ctx.executables.compileCount, afterCumsum)
    }

    /// As XLA's CPU client does, a call of fewer than 1,000 flops runs inline and returns its
    /// values; a larger one is dispatched to the worker.
    func testCheapCallsRunInline() throws {
        let ctx = JaxContext()
        let jitted = Transforms.jit(name: "f", TracingLabTests.f)
        func dispatched(_ x: JaxValue, _ function: JittedFunction) throws -> Bool {
            if case .dispatched = try function.dispatch(ctx, [.leaf(x)]) { return true }
            return false
        }
        XCTAssertFalse(try dispatched(Self.f32([1, 2, 3]), jitted))
        XCTAssertFalse(try dispatched(Self.f32((0..<100).map(Float.init)), jitted))
        XCTAssertTrue(try dispatched(Self.f32((0..<1000).map(Float.init)), jitted))
    }

    /// `%explain`'s text names the passes and the fused loop with its traffic.
    func testExplanation() throws {
        let ctx = JaxContext()
        let jitted = Transforms.jit(name: "f", TracingLabTests.f)
        let text = try jitted.explain(ctx, [.leaf(Self.f32([Float](repeating: 1, count: 100_000)))])
        XCTAssertTrue(text.contains("optimised program of f(f32[100000])"), text)
        XCTAssertTrue(text.contains("fused loop over f32[100000]: add, integer_pow, add -> reduce_sum"), text)
        XCTAssertTrue(text.contains("reads 400.0 kB, writes 4 bytes"), text)
    }

    // MARK: fused against unfused

    /// One random chain: the operations applied in turn to a running value, sometimes with a
    /// second array or a scalar, sometimes ending in a sum or a mean.
    struct Chain: CustomStringConvertible {
        var shape: [Int]
        var ops: [String]
        var reduction: String?
        var description: String { "\(shape) \(ops) \(reduction ?? "")" }
    }

    static let unaryOps = ["neg", "exp", "log", "tanh", "sin", "cos", "sqrt", "abs", "logistic", "erf", "atan", "expm1", "log1p",
                           "floor", "sign", "rsqrt", "square", "cube", "pow5", "recip"]
    static let binaryOps = ["add", "sub", "mul", "div", "max", "min", "pow"]

    static func apply(_ ctx: JaxContext, _ op: String, _ v: JaxValue, _ y: JaxValue, _ s: JaxValue) throws(PyException) -> JaxValue {
        switch op {
        case "neg": return try Lax.neg(ctx, v)
        case "exp": return try Lax.unary(ctx, .exp, v)
        case "log": return try Lax.unary(ctx, .log, v)
        case "tanh": return try Lax.unary(ctx, .tanh, v)
        case "sin": return try Lax.unary(ctx, .sin, v)
        case "cos": return try Lax.unary(ctx, .cos, v)
        case "sqrt": return try Lax.unary(ctx, .sqrt, v)
        case "abs": return try Lax.unary(ctx, .abs, v)
        case "logistic": return try Lax.unary(ctx, .logistic, v)
        case "erf": return try Lax.unary(ctx, .erf, v)
        case "atan": return try Lax.unary(ctx, .atan, v)
        case "expm1": return try Lax.unary(ctx, .expm1, v)
        case "log1p": return try Lax.unary(ctx, .log1p, v)
        case "floor": return try Lax.unary(ctx, .floor, v)
        case "sign": return try Lax.unary(ctx, .sign, v)
        case "rsqrt": return try Lax.unary(ctx, .rsqrt, v)
        case "square": return try Lax.integerPow(ctx, v, 2)
        case "cube": return try Lax.integerPow(ctx, v, 3)
        case "pow5": return try Lax.integerPow(ctx, v, 5)
        case "recip": return try Lax.integerPow(ctx, v, -1)
        case "add": return try Lax.add(ctx, v, y)
        case "sub": return try Lax.sub(ctx, y, v)
        case "mul": return try Lax.mul(ctx, v, y)
        case "div": return try Lax.div(ctx, v, y)
        case "max": return try Tracing.bind1(ctx, .max, [v, y])
        case "min": return try Tracing.bind1(ctx, .min, [y, v])
        case "pow": return try Tracing.bind1(ctx, .pow, [v, y])
        case "adds": return try Lax.add(ctx, v, s)
        case "subs": return try Lax.sub(ctx, s, v)
        case "muls": return try Lax.mul(ctx, v, s)
        case "divs": return try Lax.div(ctx, v, s)
        case "maxs": return try Tracing.bind1(ctx, .max, [v, s])
        // a product feeding an add: XLA's FMA (the product used once) or not (used twice)
        case "fma": return try Lax.add(ctx, try Lax.mul(ctx, v, y), s)
        case "fms": return try Lax.sub(ctx, try Lax.mul(ctx, v, v), y)
        case "fnma": return try Lax.sub(ctx, y, try Lax.mul(ctx, v, s))
        // a one-element value broadcast first (a gradient's cotangent), as either operand
        case "mulb", "divb", "bdiv", "subb":
            let b = try Lax.broadcastInDim(ctx, s, shape: v.shape, dims: [])
            switch op {
            case "mulb": return try Lax.mul(ctx, b, v)
            case "divb": return try Lax.div(ctx, v, b)
            case "bdiv": return try Lax.div(ctx, b, v)
            default: return try Lax.sub(ctx, v, b)
            }
        case "shared":
            let p = try Lax.mul(ctx, v, y)
            return try Lax.add(ctx, try Lax.add(ctx, p, s), p)
        // values live across several steps: a block buffer is handed on only after its last reader
        case "live":
            let square = try Lax.mul(ctx, v, v)
            let sum = try Lax.add(ctx, square, v)
            return try Lax.sub(ctx, try Tracing.bind1(ctx, .max, [sum, square]), v)
        default: return try Lax.neg(ctx, v)
        }
    }

    static func randomChain(_ rng: inout SystemRandomNumberGenerator.Seeded) -> Chain {
        let sizes = [2, 3, 5, 7, 11, 15, 31, 32, 33, 49, 50, 64, 100, 1023, 4095, 4096, 4097, 8191, 32768, 32769, 65536 + 7, 300_001]
        let n = sizes[rng.next(upperBound: sizes.count)]
        var shape = [n]
        if n % 4 == 0 && rng.next(upperBound: 3) == 0 { shape = [4, n / 4] }
        let all = unaryOps + binaryOps + ["adds", "subs", "muls", "divs", "maxs", "fma", "fms", "fnma", "shared", "live", "mulb", "divb", "bdiv", "subb"]
        let ops = (0..<(1 + rng.next(upperBound: 6))).map { _ in all[rng.next(upperBound: all.count)] }
        let reductions: [String?] = [nil, nil, "sum", "mean"]
        return Chain(shape: shape, ops: ops, reduction: reductions[rng.next(upperBound: reductions.count)])
    }

    /// Values with every kind of float: ordinary, tiny, subnormal, zeros, huge, inf and NaN.
    static func values(_ count: Int, seed: UInt64) -> [Float] {
        var rng = SystemRandomNumberGenerator.Seeded(seed)
        let specials: [Float] = [0, -0, 1, -1, .infinity, -.infinity, .nan, Float(bitPattern: 0x0000_0003), -Float(bitPattern: 0x0040_0000),
                                 1e-38, 3e38, -3e38, 0.5, 88, -88, 20, 1e-4]
        return (0..<count).map { _ in
            switch rng.next(upperBound: 10) {
            case 0: return specials[rng.next(upperBound: specials.count)]
            case 1...5: return Float(Int(rng.next(upperBound: 2_000_001)) - 1_000_000) / 250_000
            default: return Float(Int(rng.next(upperBound: 2_000_001)) - 1_000_000) / 1_000_000
            }
        }
    }

    func testFusedLoopsGiveTheUnfusedBits() throws {
        let ctx = JaxContext()
        var rng = SystemRandomNumberGenerator.Seeded(13)
        var fusedCount = 0
        for trial in 0..<160 {
            let chain = Self.randomChain(&rng)
            let count = chain.shape.reduce(1, *)
            let avals = [ShapedArray(shape: chain.shape, dtype: .float32), ShapedArray(shape: chain.shape, dtype: .float32),
                         ShapedArray(shape: [], dtype: .float32)]
            let closed = try Tracing.traceToJaxpr(ctx, avals) { ins throws(PyException) -> [JaxValue] in
                var v = ins[0]
                for op in chain.ops { v = try Self.apply(ctx, op, v, ins[1], ins[2]) }
                switch chain.reduction {
                case "sum": return [try Lax.reduceSum(ctx, v, axes: Array(0..<chain.shape.count))]
                case "mean":
                    let s = try Lax.reduceSum(ctx, v, axes: Array(0..<chain.shape.count))
                    return [try Lax.div(ctx, s, Self.f32([Float(count)], []))]
                default: return [v]
                }
            }
            let args = [JaxArray(shape: chain.shape, storage: .float32(Self.values(count, seed: UInt64(trial)))),
                        JaxArray(shape: chain.shape, storage: .float32(Self.values(count, seed: UInt64(trial) + 1000))),
                        JaxArray(shape: [], storage: .float32(Self.values(1, seed: UInt64(trial) + 2000)))]
            let fused = CompiledFunction(ctx, closed)
            let unfused = CompiledFunction(ctx, closed, fuse: false)
            if fused.instructionList.contains(where: { if case .fused = $0 { return true } else { return false } }) { fusedCount += 1 }
            let a = try fused.run(ctx, consts: closed.consts, args)
            let b = try unfused.run(ctx, consts: closed.consts, args)
            XCTAssertEqual(bits(a), bits(b), "trial \(trial): \(chain)")
        }
        XCTAssertGreaterThan(fusedCount, 60, "most chains should fuse")
    }

    /// A fused sum over a 2-D array whose YNNPACK chunks are whole rows but not whole blocks
    /// (40 rows of 1,000: chunks of 32,000 elements, each ending in a part block), and over
    /// several chunks and a last short one, gives the unfused bits.
    func testFusedSumsOfChunksThatAreNotWholeBlocks() throws {
        let ctx = JaxContext()
        for (trial, shape) in [[40, 1000], [100, 1000], [9, 4097], [300_001], [131_072]].enumerated() {
            let closed = try Tracing.traceToJaxpr(ctx, [ShapedArray(shape: shape, dtype: .float32)]) { ins throws(PyException) -> [JaxValue] in
                let two = Self.f32([2], []), three = Self.f32([3], [])
                let v = try Lax.add(ctx, try Lax.integerPow(ctx, try Lax.add(ctx, ins[0], two), 2), three)
                return [try Lax.reduceSum(ctx, v, axes: Array(shape.indices))]
            }
            let args = [JaxArray(shape: shape, storage: .float32(Self.values(shape.reduce(1, *), seed: UInt64(trial) + 700)))]
            let fused = CompiledFunction(ctx, closed)
            XCTAssertTrue(fused.instructionList.contains { if case .fused(let loop) = $0 { return loop.sum != nil } else { return false } },
                          "\(shape)")
            let a = try fused.run(ctx, consts: [], args)
            let b = try CompiledFunction(ctx, closed, fuse: false).run(ctx, consts: [], args)
            XCTAssertEqual(bits(a), bits(b), "\(shape)")
        }
    }

    /// vmap's `(x[:, None] * W).sum(axis=0)`: the sum of broadcast products along an inner
    /// axis gives the bits of the product and the sum run apart.
    func testProductSumsGiveTheUnfusedBits() throws {
        let ctx = JaxContext()
        let cases: [(a: [Int], b: [Int], axis: Int)] = [([1000, 9, 1], [1, 9, 3], 1), ([50, 100, 1], [1, 100, 7], 1), ([8, 600], [8, 1], 0),
                                                        ([3, 40, 1, 50], [1, 40, 1, 50], 1), ([2000, 5, 3], [1, 5, 1], 1),
                                                        // one row per YNNPACK block, blocks of more than 4 rows, and
                                                        // vmap's x @ W with more terms or columns than XLA sums in pairs
                                                        ([100000, 8, 1], [1, 8, 3], 1), ([40000, 9, 1], [1, 9, 2], 1), ([7, 9000, 1], [1, 9000, 5], 1),
                                                        ([500, 4, 1], [1, 4, 20], 1)]
        for (trial, c) in cases.enumerated() {
            let closed = try Tracing.traceToJaxpr(ctx, [ShapedArray(shape: c.a, dtype: .float32), ShapedArray(shape: c.b, dtype: .float32)]) {
                ins throws(PyException) -> [JaxValue] in
                [try Lax.reduceSum(ctx, try Lax.mul(ctx, ins[0], ins[1]), axes: [c.axis])]
            }
            let args = [JaxArray(shape: c.a, storage: .float32(Self.values(c.a.reduce(1, *), seed: UInt64(trial)))),
                        JaxArray(shape: c.b, storage: .float32(Self.values(c.b.reduce(1, *), seed: UInt64(trial) + 50)))]
            let fused = CompiledFunction(ctx, closed)
            XCTAssertTrue(fused.instructionList.contains { if case .productSum = $0 { return true } else { return false } }, "\(c)")
            let a = try fused.run(ctx, consts: [], args)
            let b = try CompiledFunction(ctx, closed, fuse: false).run(ctx, consts: [], args)
            XCTAssertEqual(a.first?.shape, b.first?.shape)
            XCTAssertEqual(bits(a), bits(b), "\(c)")
        }
    }

    /// vmap's `x @ W + b` (`(x[:, None] * W).sum(axis=0) + b` batched) runs as one kernel whose
    /// outputs are XLA's: rounded products added in adjacent pairs, `+ 0`, then the bias (JAX's
    /// own bits are in the recorded cells of compiled-bits.json); the batch split across cores
    /// changes nothing.
    func testBatchedLinearSumsInPairs() throws {
        let ctx = JaxContext()
        for (trial, (rows, terms, columns, bias)) in [(1000, 4, 3, true), (100_000, 4, 3, true), (40000, 6, 2, false), (600, 7, 16, true),
                                                      (2048, 2, 2, false), (1366, 3, 3, true), (700, 5, 9, false)].enumerated() {
            let avals = [ShapedArray(shape: [rows, terms], dtype: .float32), ShapedArray(shape: [terms, columns], dtype: .float32),
                         ShapedArray(shape: [columns], dtype: .float32)]
            let closed = try Tracing.traceToJaxpr(ctx, avals) { ins throws(PyException) -> [JaxValue] in
                let x = try Lax.broadcastInDim(ctx, ins[0], shape: [rows, terms, 1], dims: [0, 1])
                let w = try Lax.broadcastInDim(ctx, ins[1], shape: [1, terms, columns], dims: [1, 2])
                let sum = try Lax.reduceSum(ctx, try Lax.mul(ctx, x, w), axes: [1])
                return [bias ? try Lax.add(ctx, sum, try Lax.broadcastInDim(ctx, ins[2], shape: [1, columns], dims: [1])) : sum]
            }
            let x = Self.values(rows * terms, seed: UInt64(trial)), w = Self.values(terms * columns, seed: UInt64(trial) + 50)
            let b = Self.values(columns, seed: UInt64(trial) + 90)
            let compiled = CompiledFunction(ctx, closed)
            XCTAssertEqual(compiled.instructionList.filter { if case .productSum(let p) = $0 { return p.linear != nil } else { return false } }.count, 1)
            let args = [JaxArray(shape: [rows, terms], storage: .float32(x)), JaxArray(shape: [terms, columns], storage: .float32(w)),
                        JaxArray(shape: [columns], storage: .float32(b))]
            let got = try compiled.run(ctx, consts: [], args)
            var expected: [Float] = []
            FloatEnvironment.value(flushingDenormals: true) {
                for r in 0..<rows {
                    for c in 0..<columns {
                        var p = (0..<terms).map { x[r * terms + $0] * w[$0 * columns + c] }
                        while p.count > 1 { p = stride(from: 0, to: p.count, by: 2).map { $0 + 1 < p.count ? p[$0] + p[$0 + 1] : p[$0] } }
                        expected.append(bias ? (p[0] + 0) + b[c] : p[0] + 0)
                    }
                }
            }
            XCTAssertEqual(got.first?.shape, [rows, columns])
            XCTAssertEqual(bits(got), [expected.map(\.bitPattern)], "\(rows)x\(terms)x\(columns)")
        }
    }

    /// Ctrl-C stops a long fused loop with KeyboardInterrupt.
    func testInterruptStopsAFusedLoop() throws {
        let ctx = JaxContext()
        let n = 4_000_000
        let closed = try Tracing.traceToJaxpr(ctx, [ShapedArray(shape: [n], dtype: .float32)]) { ins throws(PyException) -> [JaxValue] in
            var v = ins[0]
            for _ in 0..<8 { v = try Lax.unary(ctx, .sin, try Lax.add(ctx, v, Self.f32([1], []))) }
            return [v]
        }
        let compiled = CompiledFunction(ctx, closed)
        ctx.interrupt.raise()
        XCTAssertThrowsError(try compiled.run(ctx, consts: [], [JaxArray(shape: [n], storage: .float32(.init(repeating: 1, count: n)))])) {
            XCTAssertEqual(($0 as? PyException)?.kind, "KeyboardInterrupt")
        }
    }
}

/// The bit patterns of float32 results (NaN payloads included).
func bits(_ arrays: [JaxArray]) -> [[UInt32]] {
    arrays.map { a in
        if case .float32(let v) = a.storage { return v.map(\.bitPattern) }
        return []
    }
}

extension SystemRandomNumberGenerator {
    /// A small seeded generator (SplitMix64), so every run tests the same chains.
    struct Seeded: RandomNumberGenerator {
        var state: UInt64
        init(_ seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func next(upperBound: Int) -> Int { Int(next() % UInt64(upperBound)) }
    }
}
