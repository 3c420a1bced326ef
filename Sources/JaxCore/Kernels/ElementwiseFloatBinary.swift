/// Binary kernels on float32 and float64 arrays (half types run through float32).
enum FloatBinary {
    /// `narrow` rounds an intermediate to the array's real type where a JAX operation is
    /// several XLA ops (identity for float32 and float64). `flush` (default: JAX semantics)
    /// runs with denormals flushed; float16 never needs it, and its conversions must not see it.
    static func run<T: KernelFloat>(_ op: BinaryOp, _ x: [T], _ y: [T], _ l: BinaryLayout, _ semantics: ArraySemantics,
                                    flush: Bool? = nil, narrow: (T) -> T = { $0 }) throws(PyException) -> Storage {
        let jax = semantics == .jax
        return FloatEnvironment.value(flushingDenormals: flush ?? jax) { () -> Storage in
            switch op {
            case .add: return T.makeStorage(ElementwiseLoop.run(FloatAdd<T>.self, x, y, l))
            case .subtract: return T.makeStorage(ElementwiseLoop.run(FloatSubtract<T>.self, x, y, l))
            case .multiply: return T.makeStorage(ElementwiseLoop.run(FloatMultiply<T>.self, x, y, l))
            case .divide: return T.makeStorage(ElementwiseLoop.run(FloatDivide<T>.self, x, y, l))
            case .floorDivide:
                return T.makeStorage(jax ? ElementwiseLoop.map2(x, y, l) { FloatRules.jaxFloorDivide($0, $1, narrow: narrow) }
                                         : ElementwiseLoop.map2(x, y, l) { FloatRules.numpyFloorDivide($0, $1) })
            case .remainder:
                return T.makeStorage(jax ? ElementwiseLoop.map2(x, y, l) { FloatRules.jaxRemainder($0, $1, narrow: narrow) }
                                         : ElementwiseLoop.map2(x, y, l) { FloatRules.numpyRemainder($0, $1) })
            case .power: return T.makeStorage(ElementwiseLoop.map2(x, y, l) { T.cPow($0, $1) })
            case .maximum:
                return T.makeStorage(jax ? ElementwiseLoop.run(XLAMaximum<T>.self, x, y, l)
                                         : ElementwiseLoop.run(NumpyMaximum<T>.self, x, y, l))
            case .minimum:
                return T.makeStorage(jax ? ElementwiseLoop.run(XLAMinimum<T>.self, x, y, l)
                                         : ElementwiseLoop.run(NumpyMinimum<T>.self, x, y, l))
            case .arctan2: return T.makeStorage(ElementwiseLoop.map2(x, y, l) { T.cAtan2($0, $1) })
            case .equal: return .bool(ElementwiseLoop.run(Equal<T>.self, x, y, l))
            case .notEqual: return .bool(ElementwiseLoop.run(NotEqual<T>.self, x, y, l))
            case .less: return .bool(ElementwiseLoop.run(Less<T>.self, x, y, l))
            case .lessEqual: return .bool(ElementwiseLoop.run(LessEqual<T>.self, x, y, l))
            case .greater: return .bool(ElementwiseLoop.run(Greater<T>.self, x, y, l))
            case .greaterEqual: return .bool(ElementwiseLoop.run(GreaterEqual<T>.self, x, y, l))
            case .logicalAnd: return .bool(ElementwiseLoop.map2(x, y, l) { $0 != 0 && $1 != 0 })
            case .logicalOr: return .bool(ElementwiseLoop.map2(x, y, l) { $0 != 0 || $1 != 0 })
            case .logicalXor: return .bool(ElementwiseLoop.map2(x, y, l) { ($0 != 0) != ($1 != 0) })
            }
        }
    }
}
