import CElementwiseKernels

/// The float operations of two operands that have block kernels.
enum FloatOperation: Sendable {
    case add, subtract, multiply, divide, maximum, minimum, power, arctan2
    /// jnp.remainder and jnp.floor_divide, built on glibc's fmod as jax.numpy builds them.
    case remainder, floorDivide
}

/// The float comparisons that have block kernels.
enum FloatComparison: Sendable {
    case equal, notEqual, less, lessEqual, greater, greaterEqual
}

/// The block kernels of each float type (see `BinaryBlocks`).
protocol BlockFloat: BinaryFloatingPoint {
    static func blocks(_ operation: FloatOperation) -> BinaryBlocks<Self, Self>
    static func blocks(_ comparison: FloatComparison) -> BinaryBlocks<Self, Bool>
}

extension Float: BlockFloat {
    static func blocks(_ operation: FloatOperation) -> BinaryBlocks<Float, Float> {
        switch operation {
        case .add: BinaryBlocks(both: jaxlab_f32_add, scalarRight: jaxlab_f32_add_vs, scalarLeft: jaxlab_f32_add_sv, cost: .memory)
        case .subtract: BinaryBlocks(both: jaxlab_f32_sub, scalarRight: jaxlab_f32_sub_vs, scalarLeft: jaxlab_f32_sub_sv, cost: .memory)
        case .multiply: BinaryBlocks(both: jaxlab_f32_mul, scalarRight: jaxlab_f32_mul_vs, scalarLeft: jaxlab_f32_mul_sv, cost: .memory)
        case .divide: BinaryBlocks(both: jaxlab_f32_div, scalarRight: jaxlab_f32_div_vs, scalarLeft: jaxlab_f32_div_sv, cost: .memory)
        case .maximum: BinaryBlocks(both: jaxlab_f32_max, scalarRight: jaxlab_f32_max_vs, scalarLeft: jaxlab_f32_max_sv, cost: .memory)
        case .minimum: BinaryBlocks(both: jaxlab_f32_min, scalarRight: jaxlab_f32_min_vs, scalarLeft: jaxlab_f32_min_sv, cost: .memory)
        case .power: BinaryBlocks(both: jaxlab_f32_pow, scalarRight: jaxlab_f32_pow_vs, scalarLeft: jaxlab_f32_pow_sv, cost: .libm)
        case .arctan2:
            BinaryBlocks(both: jaxlab_f32_atan2, scalarRight: jaxlab_f32_atan2_vs, scalarLeft: jaxlab_f32_atan2_sv, cost: .libm)
        case .remainder:
            BinaryBlocks(both: jaxlab_f32_remainder, scalarRight: jaxlab_f32_remainder_vs, scalarLeft: jaxlab_f32_remainder_sv, cost: .libm)
        case .floorDivide:
            BinaryBlocks(both: jaxlab_f32_floor_divide, scalarRight: jaxlab_f32_floor_divide_vs, scalarLeft: jaxlab_f32_floor_divide_sv,
                         cost: .libm)
        }
    }

    static func blocks(_ comparison: FloatComparison) -> BinaryBlocks<Float, Bool> {
        switch comparison {
        case .equal: BinaryBlocks(both: jaxlab_f32_eq, scalarRight: jaxlab_f32_eq_vs, scalarLeft: jaxlab_f32_eq_sv, cost: .memory)
        case .notEqual: BinaryBlocks(both: jaxlab_f32_ne, scalarRight: jaxlab_f32_ne_vs, scalarLeft: jaxlab_f32_ne_sv, cost: .memory)
        case .less: BinaryBlocks(both: jaxlab_f32_lt, scalarRight: jaxlab_f32_lt_vs, scalarLeft: jaxlab_f32_lt_sv, cost: .memory)
        case .lessEqual: BinaryBlocks(both: jaxlab_f32_le, scalarRight: jaxlab_f32_le_vs, scalarLeft: jaxlab_f32_le_sv, cost: .memory)
        case .greater: BinaryBlocks(both: jaxlab_f32_gt, scalarRight: jaxlab_f32_gt_vs, scalarLeft: jaxlab_f32_gt_sv, cost: .memory)
        case .greaterEqual: BinaryBlocks(both: jaxlab_f32_ge, scalarRight: jaxlab_f32_ge_vs, scalarLeft: jaxlab_f32_ge_sv, cost: .memory)
        }
    }
}

extension Double: BlockFloat {
    static func blocks(_ operation: FloatOperation) -> BinaryBlocks<Double, Double> {
        switch operation {
        case .add: BinaryBlocks(both: jaxlab_f64_add, scalarRight: jaxlab_f64_add_vs, scalarLeft: jaxlab_f64_add_sv, cost: .memory)
        case .subtract: BinaryBlocks(both: jaxlab_f64_sub, scalarRight: jaxlab_f64_sub_vs, scalarLeft: jaxlab_f64_sub_sv, cost: .memory)
        case .multiply: BinaryBlocks(both: jaxlab_f64_mul, scalarRight: jaxlab_f64_mul_vs, scalarLeft: jaxlab_f64_mul_sv, cost: .memory)
        case .divide: BinaryBlocks(both: jaxlab_f64_div, scalarRight: jaxlab_f64_div_vs, scalarLeft: jaxlab_f64_div_sv, cost: .memory)
        case .maximum: BinaryBlocks(both: jaxlab_f64_max, scalarRight: jaxlab_f64_max_vs, scalarLeft: jaxlab_f64_max_sv, cost: .memory)
        case .minimum: BinaryBlocks(both: jaxlab_f64_min, scalarRight: jaxlab_f64_min_vs, scalarLeft: jaxlab_f64_min_sv, cost: .memory)
        case .power: BinaryBlocks(both: jaxlab_f64_pow, scalarRight: jaxlab_f64_pow_vs, scalarLeft: jaxlab_f64_pow_sv, cost: .libm)
        case .arctan2:
            BinaryBlocks(both: jaxlab_f64_atan2, scalarRight: jaxlab_f64_atan2_vs, scalarLeft: jaxlab_f64_atan2_sv, cost: .libm)
        case .remainder:
            BinaryBlocks(both: jaxlab_f64_remainder, scalarRight: jaxlab_f64_remainder_vs, scalarLeft: jaxlab_f64_remainder_sv, cost: .libm)
        case .floorDivide:
            BinaryBlocks(both: jaxlab_f64_floor_divide, scalarRight: jaxlab_f64_floor_divide_vs, scalarLeft: jaxlab_f64_floor_divide_sv,
                         cost: .libm)
        }
    }

    static func blocks(_ comparison: FloatComparison) -> BinaryBlocks<Double, Bool> {
        switch comparison {
        case .equal: BinaryBlocks(both: jaxlab_f64_eq, scalarRight: jaxlab_f64_eq_vs, scalarLeft: jaxlab_f64_eq_sv, cost: .memory)
        case .notEqual: BinaryBlocks(both: jaxlab_f64_ne, scalarRight: jaxlab_f64_ne_vs, scalarLeft: jaxlab_f64_ne_sv, cost: .memory)
        case .less: BinaryBlocks(both: jaxlab_f64_lt, scalarRight: jaxlab_f64_lt_vs, scalarLeft: jaxlab_f64_lt_sv, cost: .memory)
        case .lessEqual: BinaryBlocks(both: jaxlab_f64_le, scalarRight: jaxlab_f64_le_vs, scalarLeft: jaxlab_f64_le_sv, cost: .memory)
        case .greater: BinaryBlocks(both: jaxlab_f64_gt, scalarRight: jaxlab_f64_gt_vs, scalarLeft: jaxlab_f64_gt_sv, cost: .memory)
        case .greaterEqual: BinaryBlocks(both: jaxlab_f64_ge, scalarRight: jaxlab_f64_ge_vs, scalarLeft: jaxlab_f64_ge_sv, cost: .memory)
        }
    }
}

extension BlockLoop {
    /// `blocks` over broadcast pairs of elements into a new array: the contiguous form for
    /// operands of the result's size, the scalar forms for one-element operands, and row by
    /// row along the inner axis otherwise.
    static func map2<T, R>(_ blocks: BinaryBlocks<T, R>, _ x: [T], _ y: [T], _ layout: BinaryLayout,
                           flush: Bool, interrupt: InterruptFlag?) throws(PyException) -> [R] {
        let n = layout.count
        return try x.withUnsafeBufferPointer { (xs: UnsafeBufferPointer<T>) throws(PyException) -> [R] in
            try y.withUnsafeBufferPointer { (ys: UnsafeBufferPointer<T>) throws(PyException) -> [R] in
                guard n > 0, let xb = xs.baseAddress, let yb = ys.baseAddress else { return [] }
                let a = UncheckedSendable(xb), b = UncheckedSendable(yb)
                if xs.count == n && ys.count == n {
                    return try makeArray(count: n, cost: blocks.cost, flush: flush, interrupt: interrupt) { out, r in
                        blocks.both(a.value + r.lowerBound, b.value + r.lowerBound, out + r.lowerBound, r.count)
                    }
                }
                if xs.count == n && ys.count == 1 {
                    let s = yb[0]
                    return try makeArray(count: n, cost: blocks.cost, flush: flush, interrupt: interrupt) { out, r in
                        blocks.scalarRight(a.value + r.lowerBound, s, out + r.lowerBound, r.count)
                    }
                }
                if xs.count == 1 && ys.count == n {
                    let s = xb[0]
                    return try makeArray(count: n, cost: blocks.cost, flush: flush, interrupt: interrupt) { out, r in
                        blocks.scalarLeft(s, b.value + r.lowerBound, out + r.lowerBound, r.count)
                    }
                }
                let walk = BroadcastWalk(layout)
                return try makeArray(count: n, cost: blocks.cost, flush: flush, interrupt: interrupt) { out, r in
                    walk.rows(r) { offA, offB, start, length in
                        switch (walk.innerA, walk.innerB) {
                        case (1, 0): blocks.scalarRight(a.value + offA, b.value[offB], out + start, length)
                        case (0, 1): blocks.scalarLeft(a.value[offA], b.value + offB, out + start, length)
                        default: blocks.both(a.value + offA, b.value + offB, out + start, length)
                        }
                    }
                }
            }
        }
    }
}

/// The runs of a broadcast binary operation along the result's inner axis, over any range of
/// the result: each run reads both operands at a fixed stride (1, or 0 for a broadcast
/// operand) and writes contiguous elements.
struct BroadcastWalk: Sendable {
    let shape: [Int]
    let stridesA: [Int]
    let stridesB: [Int]
    /// The operands' strides along the inner axis (each 0 or 1).
    let innerA: Int
    let innerB: Int

    init(_ layout: BinaryLayout) {
        shape = layout.outShape.isEmpty ? [1] : layout.outShape
        let a = BinaryLayout.strides(of: layout.shapeA, over: layout.outShape)
        let b = BinaryLayout.strides(of: layout.shapeB, over: layout.outShape)
        stridesA = a.isEmpty ? [0] : a
        stridesB = b.isEmpty ? [0] : b
        innerA = stridesA[stridesA.count - 1]
        innerB = stridesB[stridesB.count - 1]
    }

    /// Calls `run(offsetA, offsetB, outputStart, length)` for the runs covering `range`.
    func rows(_ range: Range<Int>, _ run: (Int, Int, Int, Int) -> Void) {
        let rank = shape.count
        let inner = shape[rank - 1]
        guard inner > 0 else { return }
        var index = [Int](repeating: 0, count: rank)
        var rest = range.lowerBound
        var offA = 0, offB = 0
        for axis in stride(from: rank - 1, through: 0, by: -1) {
            index[axis] = rest % shape[axis]
            rest /= shape[axis]
            offA += index[axis] * stridesA[axis]
            offB += index[axis] * stridesB[axis]
        }
        var k = range.lowerBound
        while k < range.upperBound {
            let length = min(inner - index[rank - 1], range.upperBound - k)
            run(offA, offB, k, length)
            k += length
            index[rank - 1] += length
            offA += length * innerA
            offB += length * innerB
            // carry into the outer axes when the row is done
            var axis = rank - 1
            while axis >= 0 && index[axis] == shape[axis] {
                offA -= stridesA[axis] * shape[axis]
                offB -= stridesB[axis] * shape[axis]
                index[axis] = 0
                if axis == 0 { break }
                axis -= 1
                index[axis] += 1
                offA += stridesA[axis]
                offB += stridesB[axis]
            }
        }
    }
}
