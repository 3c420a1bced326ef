/// An elementwise operation as a type, so each loop is specialised for it by the compiler
/// (static dispatch, vectorised) instead of depending on closure inlining in large switches.
protocol ElementBinaryOp {
    associatedtype Element
    associatedtype Output
    static func apply(_ a: Element, _ b: Element) -> Output
}

/// A one-operand elementwise operation as a type (see `ElementBinaryOp`).
protocol ElementUnaryOp {
    associatedtype Input
    associatedtype Output
    static func apply(_ x: Input) -> Output
}

extension ElementwiseLoop {
    /// `Op` over broadcast pairs: one specialised copy of the loops per operation and type.
    static func run<Op: ElementBinaryOp>(_: Op.Type, _ x: [Op.Element], _ y: [Op.Element], _ l: BinaryLayout) -> [Op.Output] {
        map2(x, y, l) { Op.apply($0, $1) }
    }

    /// `Op` over broadcast pairs of integers: as `run`, but a large result with full-size or
    /// one-value operands is filled across cores (integers carry no floating-point mode, so any
    /// thread computes the same values).
    static func runIntegers<Op: ElementBinaryOp>(_: Op.Type, _ x: [Op.Element], _ y: [Op.Element], _ l: BinaryLayout) -> [Op.Output] {
        let n = l.count
        let xFull = x.count == n, yFull = y.count == n
        guard n >= KernelCost.memory.parallelThreshold, xFull || x.count == 1, yFull || y.count == 1 else {
            return run(Op.self, x, y, l)
        }
        return x.withUnsafeBufferPointer { xp in
            y.withUnsafeBufferPointer { yp in
                guard let xb = xp.baseAddress, let yb = yp.baseAddress else { return [] }
                let a = UncheckedSendable(xb), b = UncheckedSendable(yb)
                return BlockLoop.makeArray(count: n, cost: .memory, flush: false) { out, r in
                    let (a, b) = (a.value, b.value)
                    if xFull && yFull {
                        for i in r { (out + i).initialize(to: Op.apply(a[i], b[i])) }
                    } else if xFull {
                        let s = b[0]
                        for i in r { (out + i).initialize(to: Op.apply(a[i], s)) }
                    } else {
                        let s = a[0]
                        for i in r { (out + i).initialize(to: Op.apply(s, b[i])) }
                    }
                }
            }
        }
    }

    /// `Op` over every element.
    static func run<Op: ElementUnaryOp>(_: Op.Type, _ x: [Op.Input]) -> [Op.Output] {
        map(x) { Op.apply($0) }
    }
}

/// NumPy's float max and min (JAX's run as block kernels).
enum NumpyMaximum<T: BinaryFloatingPoint>: ElementBinaryOp { @inline(__always) static func apply(_ a: T, _ b: T) -> T { FloatRules.numpyMaximum(a, b) } }
enum NumpyMinimum<T: BinaryFloatingPoint>: ElementBinaryOp { @inline(__always) static func apply(_ a: T, _ b: T) -> T { FloatRules.numpyMinimum(a, b) } }

/// Wrapping integer arithmetic.
enum IntegerAdd<T: FixedWidthInteger>: ElementBinaryOp { @inline(__always) static func apply(_ a: T, _ b: T) -> T { a &+ b } }
enum IntegerSubtract<T: FixedWidthInteger>: ElementBinaryOp { @inline(__always) static func apply(_ a: T, _ b: T) -> T { a &- b } }
enum IntegerMultiply<T: FixedWidthInteger>: ElementBinaryOp { @inline(__always) static func apply(_ a: T, _ b: T) -> T { a &* b } }
enum IntegerMaximum<T: FixedWidthInteger>: ElementBinaryOp { @inline(__always) static func apply(_ a: T, _ b: T) -> T { Swift.max(a, b) } }
enum IntegerMinimum<T: FixedWidthInteger>: ElementBinaryOp { @inline(__always) static func apply(_ a: T, _ b: T) -> T { Swift.min(a, b) } }
/// An integer comparison as an operation type.
enum IntegerComparison<Order: ElementOrder, T: FixedWidthInteger>: ElementBinaryOp {
    @inline(__always) static func apply(_ a: T, _ b: T) -> Bool { Order.holds(a, b) }
}
