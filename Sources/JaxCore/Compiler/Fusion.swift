import CElementwiseKernels

/// Where XLA's CPU fusion contracts a multiply feeding an add into one FMA inside a jitted
/// function (notes: the product must have no other use; fused into a reduction over 4,096
/// or more elements every op is rounded separately).
struct FusionPlan {
    /// add equation index -> the equation index of the multiply it absorbs.
    var contracted: [Int: Int] = [:]
    /// add equation index -> which of its inputs is the addend.
    var addendIndex: [Int: Int] = [:]
    /// sub equation index -> which side of the FMA the subtraction negates.
    var subtracted: [Int: FusedMultiplyAdd.Negated] = [:]
    /// Multiplies absorbed into an FMA (not evaluated on their own).
    var skipped: Set<Int> = []
    /// reduce_sum equation index -> the multiply whose products it accumulates with FMAs
    /// (a 1-D sum of at most 32 products runs as one FMA chain).
    var dotSums: [Int: Int] = [:]
    /// reduce_sum equation index -> the `mul` of x and conj(x) whose real parts it sums (a
    /// complex array's squared magnitudes in jnp.var, along one axis at most 32 long: one FMA
    /// chain).
    var magnitudeSums: [Int: Int] = [:]
    private let eqns: [JaxprEqn]

    init(_ jaxpr: Jaxpr) {
        eqns = jaxpr.eqns
        var producer: [Var: Int] = [:]
        var uses: [Var: Int] = [:]
        var reducedLarge: Set<Var> = []
        for (i, eqn) in jaxpr.eqns.enumerated() {
            for v in eqn.outvars { producer[v] = i }
            for atom in eqn.inputs { if let v = atom.variable { uses[v, default: 0] += 1 } }
            if eqn.primitive == .reduceSum, let v = eqn.inputs.first?.variable, v.aval.count >= 4096 {
                reducedLarge.insert(v)
            }
        }
        for atom in jaxpr.outvars { if let v = atom.variable { uses[v, default: 0] += 1 } }
        for (i, eqn) in jaxpr.eqns.enumerated() where eqn.primitive == .reduceSum {
            let axes = eqn.params[.axes] ?? []
            guard let v = eqn.inputs.first?.variable, axes.count == 1 || v.aval.rank == 1, let axis = axes.first,
                  axis < v.aval.rank, v.aval.shape[axis] <= 32, v.aval.count < 4096, v.aval.dtype == .float32,
                  uses[v] == 1, let j = producer[v], FusionPlan.isProduct(jaxpr.eqns[j]) else { continue }
            dotSums[i] = j
            skipped.insert(j)
        }
        for (i, eqn) in jaxpr.eqns.enumerated() where eqn.primitive == .reduceSum {
            let axes = eqn.params[.axes] ?? []
            guard let v = eqn.inputs.first?.variable, axes.count == 1, let axis = axes.first, axis < v.aval.rank,
                  v.aval.shape[axis] <= 32, v.aval.dtype == .float32 || v.aval.dtype == .float64, uses[v] == 1, let r = producer[v],
                  jaxpr.eqns[r].primitive == .real, let w = jaxpr.eqns[r].inputs.first?.variable, uses[w] == 1,
                  let m = producer[w], jaxpr.eqns[m].primitive == .mul, jaxpr.eqns[m].inputs.count == 2,
                  let x = jaxpr.eqns[m].inputs[0].variable, let c = jaxpr.eqns[m].inputs[1].variable, let k = producer[c],
                  jaxpr.eqns[k].primitive == .conj, jaxpr.eqns[k].inputs.first?.variable === x else { continue }
            magnitudeSums[i] = m
            skipped.formUnion([r, m])
        }
        // x*y + z, z + x*y (add, or add_any from differentiation), x*y - z (fma with -z) and
        // z - x*y (fma with -x*y)
        for (i, eqn) in jaxpr.eqns.enumerated() where [.add, .addAny, .sub].contains(eqn.primitive) && eqn.inputs.count == 2 {
            guard let out = eqn.outvars.first, out.aval.dtype == .float32 || out.aval.dtype == .float64,
                  !reducedLarge.contains(out) else { continue }
            for side in (eqn.params[.fusesSecondProduct] ?? false) ? [1, 0] : [0, 1] {
                guard let v = eqn.inputs[side].variable, uses[v] == 1, let j = producer[v], !skipped.contains(j),
                      v.aval.shape == out.aval.shape, FusionPlan.isProduct(jaxpr.eqns[j]) else { continue }
                contracted[i] = j
                addendIndex[i] = 1 - side
                if eqn.primitive == .sub { subtracted[i] = side == 0 ? .addend : .product }
                skipped.insert(j)
                break
            }
        }
    }

    static func isProduct(_ eqn: JaxprEqn) -> Bool {
        switch eqn.primitive {
        case .mul: return eqn.inputs.count == 2
        case .square: return true
        case .integerPow: return eqn.params[.y] == 2
        default: return false
        }
    }

    /// A product of a value with itself (x*x, x**2, square).
    static func isSquare(_ eqn: JaxprEqn) -> Bool {
        if eqn.primitive == .mul, let a = eqn.inputs.first?.variable, let b = eqn.inputs.last?.variable { return a === b }
        return eqn.primitive == .square || eqn.primitive == .integerPow
    }

    /// The two factors of the absorbed multiply.
    func factors(_ index: Int, _ read: (Atom) throws(PyException) -> JaxArray) throws(PyException) -> (JaxArray, JaxArray) {
        let eqn = eqns[index]
        let a = try read(eqn.inputs[0])
        if eqn.primitive == .mul { return (a, try read(eqn.inputs[1])) }
        return (a, a)
    }
}

/// `sum(a * b)` along one axis of at most 32 elements as XLA's fused loop computes it: an FMA
/// chain from 0 per output, except that a sum of squares starts from the rounded square of
/// element 1.
enum FusedDotSum {
    static func apply(_ a: JaxArray, _ b: JaxArray, axis: Int, squares: Bool) -> JaxArray? {
        guard case .float32(let x) = a.storage, case .float32(let y) = b.storage, x.count == y.count,
              a.shape == b.shape, axis < a.rank else { return nil }
        let n = a.shape[axis]
        let stride = Shape.strides(a.shape)[axis]
        let outer = a.shape[..<axis].reduce(1, &*)
        let inner = a.shape[(axis + 1)...].reduce(1, &*)
        var out: [Float] = []
        out.reserveCapacity(outer &* inner)
        for o in 0..<outer {
            for i in 0..<inner {
                let base = o &* n &* inner &+ i
                func at(_ k: Int) -> Int { base &+ k &* stride }
                var s: Float = 0
                if squares && n >= 2 {
                    s = x[at(1)] * x[at(1)]
                    s = s.addingProduct(x[at(0)], x[at(0)])
                    for k in 2..<n { s = s.addingProduct(x[at(k)], x[at(k)]) }
                } else {
                    for k in 0..<n { s = s.addingProduct(x[at(k)], y[at(k)]) }
                }
                out.append(s)
            }
        }
        var shape = a.shape
        shape.remove(at: axis)
        return JaxArray(shape: shape, storage: .float32(out), weakType: a.weakType && b.weakType)
    }
}

extension FusedDotSum {
    /// `sum(real(x * conj(x)))` along one axis of at most 32 complex elements as XLA's fused
    /// loop computes it: `s = fma(re, re, fma(im, im, s))` from 0 per output.
    static func magnitudes(_ a: JaxArray, axis: Int) -> JaxArray? {
        guard axis < a.rank else { return nil }
        let shape = a.shape.enumerated().filter { $0.offset != axis }.map(\.element)
        switch a.storage {
        case .complex64(let x): return JaxArray(shape: shape, storage: .float32(magnitudes(x, a.shape, axis)), weakType: a.weakType)
        case .complex128(let x): return JaxArray(shape: shape, storage: .float64(magnitudes(x, a.shape, axis)), weakType: a.weakType)
        default: return nil
        }
    }

    private static func magnitudes<C: ComplexElement>(_ x: [C], _ shape: [Int], _ axis: Int) -> [C.Part] {
        let n = shape[axis]
        let stride = Shape.strides(shape)[axis]
        let outer = shape[..<axis].reduce(1, &*)
        let inner = shape[(axis + 1)...].reduce(1, &*)
        var out: [C.Part] = []
        out.reserveCapacity(outer &* inner)
        for o in 0..<outer {
            for i in 0..<inner {
                let base = o &* n &* inner &+ i
                var s: C.Part = 0
                for k in 0..<n {
                    let z = x[base &+ k &* stride]
                    s = s.addingProduct(z.im, z.im).addingProduct(z.re, z.re)
                }
                out.append(s)
            }
        }
        return out
    }
}

/// `a * b + c` with one rounding, elementwise after broadcasting to `shape`; a subtraction
/// negates the product or the addend first (exact, so still one rounding). The block kernel
/// fused loops run, under XLA's FTZ/DAZ mode.
enum FusedMultiplyAdd {
    /// The operand a fused subtraction negates.
    enum Negated { case product, addend }

    static func apply(_ a: JaxArray, _ b: JaxArray, _ c: JaxArray, shape: [Int], negated: Negated? = nil,
                      interrupt: InterruptFlag? = nil) throws(PyException) -> JaxArray {
        let target = [a, b, c].first(where: { !$0.weakType })?.dtype ?? a.dtype
        let xs = try [a, b, c].map { (x: JaxArray) throws(PyException) -> JaxArray in
            try Kernels.broadcast(Kernels.cast(x, to: target, semantics: .jax), to: shape)
        }
        let weak = a.weakType && b.weakType && c.weakType
        let negate: Int32 = switch negated {
        case nil: 0
        case .addend?: 1
        case .product?: 2
        }
        switch (xs[0].storage, xs[1].storage, xs[2].storage) {
        case (.float32(let x), .float32(let y), .float32(let z)):
            return JaxArray(shape: shape, storage: .float32(try fused(x, y, z, interrupt) { jaxlab_f32_fma($0, $1, $2, $3, $4, negate) }),
                            weakType: weak)
        case (.float64(let x), .float64(let y), .float64(let z)):
            return JaxArray(shape: shape, storage: .float64(try fused(x, y, z, interrupt) { jaxlab_f64_fma($0, $1, $2, $3, $4, negate) }),
                            weakType: weak)
        default:
            throw PyException.typeError("fused multiply-add needs floating operands")
        }
    }

    private static func fused<T>(_ x: [T], _ y: [T], _ z: [T], _ interrupt: InterruptFlag?,
                                 _ kernel: @escaping @Sendable (UnsafePointer<T>, UnsafePointer<T>, UnsafePointer<T>, UnsafeMutablePointer<T>, Int) -> Void)
        throws(PyException) -> [T] {
        let result = x.withUnsafeBufferPointer { xs in
            y.withUnsafeBufferPointer { ys in
                z.withUnsafeBufferPointer { zs -> [T] in
                    guard let xb = xs.baseAddress, let yb = ys.baseAddress, let zb = zs.baseAddress else { return [] }
                    let p = UncheckedSendable((xb, yb, zb))
                    return BlockLoop.makeArray(count: xs.count, cost: .memory, flush: true, stoppingAt: interrupt) { out, r in
                        kernel(p.value.0 + r.lowerBound, p.value.1 + r.lowerBound, p.value.2 + r.lowerBound, out + r.lowerBound, r.count)
                    }
                }
            }
        }
        if interrupt?.consume() == true { throw PyException("KeyboardInterrupt", "") }
        return result
    }
}
