/// The executable form of a jitted function's jaxpr: nested calls inlined, dead and repeated
/// equations removed, one-element constant expressions folded, and elementwise chains fused
/// into block loops (`LoopFusion`); the rest runs equation by equation with the eager kernels,
/// contracting a multiply that feeds an add into one FMA where XLA's fused CPU kernels do.
/// Values are dropped after their last use, so a long chain never holds every temporary.
final class CompiledFunction {
    /// The optimised jaxpr (what `%explain` prints).
    let optimised: Jaxpr
    /// What the passes removed.
    let report: Passes.Report
    /// The constants after the caller's: those of inlined bodies.
    private let innerConsts: [JaxValue]
    private let fusion: FusionPlan
    private let instructions: [LoopFusion.Instruction]
    /// The instructions, in order, and the contraction plan (for `%explain`).
    var instructionList: [LoopFusion.Instruction] { instructions }
    var fusionPlan: FusionPlan { fusion }
    /// The variables each instruction reads for the last time.
    private let releases: [[Var]]

    /// Compiles `closed`; `fuse` false runs every equation on its own (what tests compare
    /// fused loops against).
    init(_ ctx: JaxContext, _ closed: ClosedJaxpr, fuse: Bool = true) {
        var report = Passes.Report()
        // XLA inlines nested calls before it fuses, so fusion sees across jit boundaries
        let flat = Passes.inlined(closed, report: &report)
        var jaxpr = Passes.constantsFolded(ctx, flat.jaxpr, report: &report)
        jaxpr = Passes.constantProductsReassociated(ctx, jaxpr, report: &report)
        jaxpr = Passes.commonSubexpressionsShared(jaxpr, report: &report)
        jaxpr = Passes.deadCodeEliminated(jaxpr, report: &report)
        optimised = jaxpr
        self.report = report
        innerConsts = Array(flat.consts.dropFirst(closed.consts.count))
        fusion = FusionPlan(jaxpr)
        instructions = fuse ? LoopFusion(jaxpr, plan: fusion).instructions : jaxpr.eqns.indices.compactMap { [fusion] in
            fusion.skipped.contains($0) ? nil : .equation($0)
        }
        releases = CompiledFunction.lastUses(jaxpr, instructions, fusion)
    }

    /// For each instruction, the variables no later instruction or result reads.
    private static func lastUses(_ jaxpr: Jaxpr, _ instructions: [LoopFusion.Instruction], _ fusion: FusionPlan) -> [[Var]] {
        var last: [Var: Int] = [:]
        for (k, instruction) in instructions.enumerated() {
            var atoms: [Atom] = []
            switch instruction {
            case .equation(let i):
                atoms = jaxpr.eqns[i].inputs
                if let j = fusion.contracted[i] ?? fusion.dotSums[i] ?? fusion.magnitudeSums[i] { atoms += jaxpr.eqns[j].inputs }
            case .fused(let loop): atoms = loop.inputs + loop.scalars
            case .productSum(let productSum): atoms = productSum.inputs(jaxpr.eqns)
            }
            for atom in atoms { if let v = atom.variable { last[v] = k } }
        }
        for atom in jaxpr.outvars { if let v = atom.variable { last[v] = nil } }
        var releases = [[Var]](repeating: [], count: instructions.count)
        for (v, k) in last { releases[k].append(v) }
        return releases
    }

    /// Runs the function on `args` with the caller's constants `consts`.
    func run(_ ctx: JaxContext, consts: [JaxValue], _ args: [JaxArray]) throws(PyException) -> [JaxArray] {
        let jaxpr = optimised
        guard args.count == jaxpr.invars.count else {
            throw PyException.typeError("compiled function expected \(jaxpr.invars.count) arguments, got \(args.count)")
        }
        var env: [Var: JaxArray] = [:]
        for (v, c) in zip(jaxpr.constvars, consts + innerConsts) {
            guard case .array(let a) = c else { throw PyException("UnexpectedTracerError", "a compiled function closed over a traced value") }
            env[v] = a
        }
        for (v, a) in zip(jaxpr.invars, args) { env[v] = a }
        func read(_ atom: Atom) throws(PyException) -> JaxArray {
            switch atom {
            case .literal(let a): return a
            case .variable(let v):
                guard let a = env[v] else { throw PyException("RuntimeError", "jaxpr variable read before it was bound") }
                return a
            }
        }
        for (k, instruction) in instructions.enumerated() {
            try ctx.checkInterrupt()
            switch instruction {
            case .fused(let loop):
                for (v, a) in try loop.run(read, interrupt: ctx.interrupt) { env[v] = a }
            case .equation(let index):
                for (v, a) in try equation(ctx, index, read) { env[v] = a }
            case .productSum(let productSum):
                for (v, a) in try self.productSum(ctx, productSum, read) { env[v] = a }
            }
            for v in releases[k] { env[v] = nil }
        }
        var results: [JaxArray] = []
        for atom in jaxpr.outvars { results.append(try read(atom)) }
        return results
    }

    /// A sum of products: the fused kernel, or the two equations when the operands are not
    /// of its form.
    private func productSum(_ ctx: JaxContext, _ productSum: ProductSum,
                            _ read: (Atom) throws(PyException) -> JaxArray) throws(PyException) -> [(Var, JaxArray)] {
        let product = optimised.eqns[productSum.product], sum = optimised.eqns[productSum.sum]
        let a = try read(product.inputs[0]), b = try read(product.inputs[1])
        if let linear = productSum.linear {
            let out = optimised.eqns[productSum.last].outvars[0]
            let bias = try linear.bias.map { bias throws(PyException) in try read(bias.operand) }
            if let value = try ProductSum.runLinear(linear, x: linear.xSide == 0 ? a : b, w: linear.xSide == 0 ? b : a, bias: bias,
                                                    weakType: out.aval.weakType, interrupt: ctx.interrupt) {
                return [(out, value)]
            }
        }
        let shape = product.outvars[0].aval.shape
        var values: [(Var, JaxArray)]
        if let axis = sum.params[.axes]?.first,
           let value = try ProductSum.run(a, b, shape: shape, axis: axis, interrupt: ctx.interrupt) {
            values = [(sum.outvars[0], value.withWeakType(sum.outvars[0].aval.weakType))]
        } else {
            let g = try CompiledFunction.evaluate(ctx, product, [a, b])
            values = Array(zip(sum.outvars, try CompiledFunction.evaluate(ctx, sum, g)))
        }
        if let bias = productSum.linear?.bias, let summed = values.first {
            let add = optimised.eqns[bias.add]
            let operands = try add.inputs.map { (atom: Atom) throws(PyException) -> JaxArray in atom.variable === summed.0 ? summed.1 : try read(atom) }
            values = Array(zip(add.outvars, try CompiledFunction.evaluate(ctx, add, operands)))
        }
        return values
    }

    /// One equation on its own.
    private func equation(_ ctx: JaxContext, _ index: Int, _ read: (Atom) throws(PyException) -> JaxArray) throws(PyException) -> [(Var, JaxArray)] {
        let eqn = optimised.eqns[index]
        if let product = fusion.dotSums[index] {
            let (a0, b0) = try fusion.factors(product, read)
            let productShape = optimised.eqns[product].outvars[0].aval.shape
            // The factors as the fused loop reads them: broadcast to the product's shape.
            let a = try Kernels.broadcast(a0, to: productShape), b = try Kernels.broadcast(b0, to: productShape)
            let squares = FusionPlan.isSquare(optimised.eqns[product])
            if let sum = FusedDotSum.apply(a, b, axis: eqn.params[.axes]?.first ?? 0, squares: squares) {
                return [(eqn.outvars[0], sum)]
            }
            let productEqn = optimised.eqns[product]
            let productValue = try productEqn.primitive.evaluate(ctx, Array([a0, b0].prefix(productEqn.inputs.count)), productEqn.params)
            return [(eqn.outvars[0], try eqn.primitive.evaluate(ctx, productValue, eqn.params)[0])]
        }
        if let product = fusion.magnitudeSums[index] {
            let mul = optimised.eqns[product]
            let x = try read(mul.inputs[0])
            if let sum = FusedDotSum.magnitudes(x, axis: eqn.params[.axes]?.first ?? 0) { return [(eqn.outvars[0], sum)] }
            let products = try mul.primitive.evaluate(ctx, [x, try read(mul.inputs[1])], mul.params)
            let squares = try Primitive.real.evaluate(ctx, products, Params())
            return [(eqn.outvars[0], try eqn.primitive.evaluate(ctx, squares, eqn.params)[0])]
        }
        if let product = fusion.contracted[index] {
            let (a, b) = try fusion.factors(product, read)
            let c = try read(eqn.inputs[fusion.addendIndex[index] ?? 0])
            return [(eqn.outvars[0], try FusedMultiplyAdd.apply(a, b, c, shape: eqn.outvars[0].aval.shape, negated: fusion.subtracted[index],
                                                                        interrupt: ctx.interrupt))]
        }
        var inputs: [JaxArray] = []
        for atom in eqn.inputs { inputs.append(try read(atom)) }
        return Array(zip(eqn.outvars, try CompiledFunction.evaluate(ctx, eqn, inputs)))
    }

    /// An equation's values from its operands' as compiled code computes them: a division by
    /// a literal is the product with its rounded reciprocal, as XLA compiles it.
    static func evaluate(_ ctx: JaxContext, _ eqn: JaxprEqn, _ inputs: [JaxArray]) throws(PyException) -> [JaxArray] {
        // a broadcast that only inserts size-1 axes moves no element: a reshape shares the data
        if eqn.primitive == .broadcastInDim, inputs.count == 1, let out = eqn.outvars.first, !out.aval.isKey, out.aval.count == inputs[0].count,
           (eqn.params[.broadcastDimensions] ?? []) == (eqn.params[.broadcastDimensions] ?? []).sorted() {
            return [try Kernels.reshape(inputs[0], to: out.aval.shape).withWeakType(out.aval.weakType)]
        }
        if eqn.primitive == .div, case .literal? = eqn.inputs.last, inputs.count == 2,
           let product = try ReciprocalDivision.product(inputs[0], inputs[1]) {
            return [product.withWeakType(eqn.outvars[0].aval.weakType)]
        }
        return try eqn.primitive.evaluate(ctx, inputs, eqn.params)
    }
}
