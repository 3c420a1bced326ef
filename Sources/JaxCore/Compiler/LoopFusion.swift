/// Groups the equations of an optimised jaxpr into fused loops (`FusedLoop`): float32
/// elementwise equations over one shape, with one-element operands broadcast, FMAs where XLA
/// contracts, and a trailing sum of the whole array. Equations it cannot fuse stay single
/// instructions; one that does not read the open loop runs before it, so a scalar computed
/// between two elementwise equations does not split their loop.
struct LoopFusion {
    /// What the executable runs, in order.
    enum Instruction {
        /// One equation with its eager kernel (or the FMA / dot-sum forms of `FusionPlan`).
        case equation(Int)
        case fused(FusedLoop)
        /// A sum of broadcast products along one inner axis (`ProductSum`).
        case productSum(ProductSum)
    }

    private(set) var instructions: [Instruction] = []
    private let eqns: [JaxprEqn]
    private let plan: FusionPlan
    private var open: FusedLoop?
    /// The slot of each value the open loop computes.
    private var slots: [Var: Int] = [:]

    init(_ jaxpr: Jaxpr, plan: FusionPlan) {
        eqns = jaxpr.eqns
        self.plan = plan
        var uses: [Var: Int] = [:]
        for eqn in eqns { for atom in eqn.inputs { if let v = atom.variable { uses[v, default: 0] += 1 } } }
        for atom in jaxpr.outvars { if let v = atom.variable { uses[v, default: 0] += 1 } }
        let productSums = ProductSum.find(jaxpr, uses: uses)
        let absorbed = Set(productSums.values.flatMap { $0.last == $0.sum ? [$0.product] : [$0.product, $0.sum] })
        for (i, eqn) in eqns.enumerated() {
            if plan.skipped.contains(i) || absorbed.contains(i) { continue }
            if let productSum = productSums[i] {
                if productSum.inputs(eqns).contains(where: { $0.variable.map { slots[$0] != nil } ?? false }) { close() }
                instructions.append(.productSum(productSum))
                continue
            }
            if plan.dotSums[i] == nil, plan.magnitudeSums[i] == nil, add(i, eqn) { continue }
            if let slot = summedSlot(eqn), var loop = open {
                loop.sum = (slot, eqn.outvars[0])
                loop.equations.append(i)
                loop.names.append(eqn.primitive.name)
                open = loop
                close()
                continue
            }
            if reads(eqn, i) { close() }
            instructions.append(.equation(i))
        }
        close()
        materialise(jaxpr)
    }

    /// Whether equation `i` (or the product it absorbs) reads a value of the open loop.
    private func reads(_ eqn: JaxprEqn, _ i: Int) -> Bool {
        var atoms = eqn.inputs
        if let j = plan.contracted[i] ?? plan.dotSums[i] ?? plan.magnitudeSums[i] { atoms += eqns[j].inputs }
        return atoms.contains { $0.variable.map { slots[$0] != nil } ?? false }
    }

    /// The open loop's slot that `eqn` sums whole, when it is a float32 reduce_sum of 4,096 or
    /// more elements over every axis in YNNPACK's contiguous chunks.
    private func summedSlot(_ eqn: JaxprEqn) -> Int? {
        guard eqn.primitive == .reduceSum, eqn.outvars.count == 1, let v = eqn.inputs.first?.variable, let slot = slots[v],
              v.aval.dtype == .float32, v.aval.count >= SumOrder.ynnThreshold,
              (eqn.params[.axes] ?? []).sorted() == Array(0..<v.aval.rank), FusedLoop.sumsInChunks(v.aval.shape) else { return nil }
        return slot
    }

    /// Adds equation `i` to the open loop, or opens a new loop with it; false when it is not
    /// fusible.
    private mutating func add(_ i: Int, _ eqn: JaxprEqn) -> Bool {
        guard eqn.outvars.count == 1 else { return false }
        let out = eqn.outvars[0]
        guard out.aval.dtype == .float32, out.aval.count >= 2 else { return false }
        if let loop = open, loop.shape == out.aval.shape, let next = extended(loop, slots, i, eqn) {
            open = next
            slots[out] = next.slotCount - 1
            return true
        }
        if open != nil && reads(eqn, i) { return false }
        guard let fresh = extended(FusedLoop(shape: out.aval.shape), [:], i, eqn) else { return false }
        close()
        open = fresh
        slots = [out: 0]
        return true
    }

    /// `loop` with equation `i` as its next step; nil when the equation does not fit.
    private func extended(_ loop: FusedLoop, _ slots: [Var: Int], _ i: Int, _ eqn: JaxprEqn) -> FusedLoop? {
        var loop = loop
        let out = eqn.outvars[0]
        func operand(_ atom: Atom) -> FusedLoop.Operand? {
            if let v = atom.variable, let slot = slots[v] { return .slot(slot) }
            guard atom.aval.dtype == .float32 else { return nil }
            if atom.aval.count == 1 {
                loop.scalars.append(atom)
                return .scalar(loop.scalars.count - 1)
            }
            guard atom.aval.shape == loop.shape, let v = atom.variable else { return nil }
            if let k = loop.inputs.firstIndex(where: { $0.variable === v }) { return .input(k) }
            loop.inputs.append(atom)
            return .input(loop.inputs.count - 1)
        }
        // a broadcast one-element value read by a binary step is that step's scalar operand
        func scalarIfFilled(_ operand: FusedLoop.Operand, beside other: FusedLoop.Operand) -> FusedLoop.Operand {
            if case .slot(let k) = operand, let s = loop.filled[k] {
                if case .scalar = other { return operand }
                return .scalar(s)
            }
            return operand
        }
        let slot = loop.slotCount
        let step: FusedLoop.Step
        let p = eqn.primitive
        if let j = plan.contracted[i] {
            let product = eqns[j]
            let first = product.inputs[0], second = product.primitive == .mul ? product.inputs[1] : product.inputs[0]
            guard let a = operand(first), let b = operand(second), let c = operand(eqn.inputs[plan.addendIndex[i] ?? 0]) else { return nil }
            let negate: Int32
            switch plan.subtracted[i] {
            case nil: negate = 0
            case .addend?: negate = 1
            case .product?: negate = 2
            }
            step = .fma(a, b, c, negate: negate, out: slot)
            loop.equations.append(j)
            loop.names.append(product.primitive.name)
        } else if case .unary(let kernel)? = p.rules.elementwise, eqn.inputs.count == 1, !(p == .round && eqn.params[.roundingMethod] == 0) {
            guard let block = kernel.jax32Block(out.aval.count, out.aval.rank), let x = operand(eqn.inputs[0]) else { return nil }
            step = .unary(block, x, out: slot)
        } else if p == .integerPow || p == .square, eqn.inputs.count == 1 {
            let y = p == .square ? 2 : (eqn.params[.y] ?? 0)
            guard y != 0, let x = operand(eqn.inputs[0]) else { return nil }
            step = .integerPow(x, y, out: slot)
        } else if p == .div, eqn.inputs.count == 2 {
            // (a filled divisor stays a true division: only a literal one is a reciprocal product)
            guard let a0 = operand(eqn.inputs[0]), let b = operand(eqn.inputs[1]) else { return nil }
            let a = scalarIfFilled(a0, beside: b)
            switch (a, b) {
            case (.scalar, .scalar): return nil
            case (_, .scalar(let s)): step = .reciprocalProduct(a, divisor: s, out: slot)
            default:
                if eqn.params[.reciprocal] ?? false { return nil }
                step = .binary(Float.blocks(.divide), a, b, out: slot)
            }
        } else if eqn.inputs.count == 2, let operation = LoopFusion.operation(p) {
            guard let a0 = operand(eqn.inputs[0]), let b0 = operand(eqn.inputs[1]) else { return nil }
            let a = scalarIfFilled(a0, beside: b0), b = scalarIfFilled(b0, beside: a0)
            if case .scalar = a, case .scalar = b { return nil }
            step = .binary(Float.blocks(operation), a, b, out: slot)
        } else if p == .broadcastInDim, eqn.inputs.count == 1, eqn.inputs[0].aval.count == 1 {
            guard case .scalar(let s)? = operand(eqn.inputs[0]) else { return nil }
            step = .fill(s, out: slot)
            loop.filled[slot] = s
        } else {
            return nil
        }
        loop.steps.append(step)
        loop.produced.append(out)
        loop.slotCount += 1
        loop.equations.append(i)
        loop.names.append(p.name)
        return loop
    }

    /// The binary block operation of a primitive.
    private static func operation(_ p: Primitive) -> FloatOperation? {
        switch p {
        case .add, .addAny: .add
        case .sub: .subtract
        case .mul: .multiply
        case .max: .maximum
        case .min: .minimum
        case .pow: .power
        case .atan2: .arctan2
        default: nil
        }
    }

    /// Ends the open loop; a loop of one elementwise equation is that equation's eager kernel,
    /// so it stays an equation.
    private mutating func close() {
        guard let loop = open else { return }
        open = nil
        slots = [:]
        if loop.sum == nil && loop.equations.count == 1, let only = loop.equations.first {
            instructions.append(.equation(only))
        } else {
            instructions.append(.fused(loop))
        }
    }

    /// Marks the values of each loop that later instructions or the results read as outputs
    /// written in full.
    private mutating func materialise(_ jaxpr: Jaxpr) {
        var readers: [Var: Set<Int>] = [:]
        for (k, instruction) in instructions.enumerated() {
            var atoms: [Atom] = []
            switch instruction {
            case .equation(let i):
                atoms = eqns[i].inputs
                if let j = plan.contracted[i] ?? plan.dotSums[i] ?? plan.magnitudeSums[i] { atoms += eqns[j].inputs }
            case .fused(let loop):
                atoms = loop.inputs + loop.scalars
            case .productSum(let productSum):
                atoms = productSum.inputs(eqns)
            }
            for atom in atoms { if let v = atom.variable { readers[v, default: []].insert(k) } }
        }
        let results = Set(jaxpr.outvars.compactMap(\.variable))
        for (k, instruction) in instructions.enumerated() {
            guard case .fused(var loop) = instruction else { continue }
            loop.outputs = loop.produced.enumerated().compactMap { slot, v in
                results.contains(v) || (readers[v] ?? []).contains(where: { $0 != k }) ? (slot, v) : nil
            }
            instructions[k] = .fused(loop)
        }
    }
}
