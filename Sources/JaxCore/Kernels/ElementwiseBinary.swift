/// The two-operand elementwise operations (`jnp.add`, `np.floor_divide`, comparisons, ...).
public enum BinaryOp: String, Sendable, CaseIterable {
    case add, subtract, multiply, divide, floorDivide, remainder, power, maximum, minimum
    case arctan2, equal, notEqual, less, lessEqual, greater, greaterEqual
    case logicalAnd, logicalOr, logicalXor

    /// Comparisons and logical operations produce bool arrays.
    public var producesBool: Bool {
        switch self {
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual, .logicalAnd, .logicalOr, .logicalXor:
            return true
        default:
            return false
        }
    }

    /// The name of the first lax primitive `jnp` binds for this operation on `dtype`, as JAX's
    /// shape errors show it (`add got incompatible shapes ...`).
    public func laxName(for dtype: DType) -> String {
        switch self {
        case .add: return dtype == .bool ? "or" : "add"
        case .subtract: return "sub"
        case .multiply: return dtype == .bool ? "and" : "mul"
        case .divide: return "div"
        case .floorDivide: return dtype.isFloating ? "rem" : "div"
        case .remainder: return "rem"
        case .power: return dtype.isFloating ? "pow" : "and"
        case .maximum: return "max"
        case .minimum: return "min"
        case .arctan2: return "atan2"
        case .equal: return "eq"
        case .notEqual: return "ne"
        case .less: return "lt"
        case .lessEqual: return "le"
        case .greater: return "gt"
        case .greaterEqual: return "ge"
        case .logicalAnd: return "and"
        case .logicalOr: return "or"
        case .logicalXor: return "xor"
        }
    }
}

extension Kernels {
    /// `op` elementwise over `a` and `b`, which must share a dtype (callers promote first);
    /// shapes broadcast NumPy-style. Comparisons and logical operations give bool.
    public static func binary(_ op: BinaryOp, _ a: JaxArray, _ b: JaxArray, semantics: ArraySemantics) throws(PyException) -> JaxArray {
        guard a.dtype == b.dtype else {
            throw PyException.typeError(
                "\(op.laxName(for: a.dtype)) requires arguments to have the same dtypes, got \(a.dtype.name), \(b.dtype.name).")
        }
        let shape = try binaryShape(op.laxName(for: a.dtype), a.shape, b.shape, semantics: semantics)
        let count = try Shape.checkedCount(shape, itemSize: a.dtype.itemSize)
        let layout = BinaryLayout(shapeA: a.shape, shapeB: b.shape, outShape: shape, count: count)
        let storage: Storage
        switch (a.storage, b.storage) {
        case let (.float32(x), .float32(y)): storage = try FloatBinary.run(op, x, y, layout, semantics)
        case let (.float64(x), .float64(y)): storage = try FloatBinary.run(op, x, y, layout, semantics)
        case let (.float16(x), .float16(y)) where semantics == .numpy && (op == .maximum || op == .minimum):
            // NumPy's half loops are scalar: the first operand on ties
            storage = .float16(op == .maximum
                ? ElementwiseLoop.map2(x, y, layout) { ($0 >= $1 || $0.isNaN) ? $0 : $1 }
                : ElementwiseLoop.map2(x, y, layout) { ($0 <= $1 || $0.isNaN) ? $0 : $1 })
        case let (.float16(x), .float16(y)) where op == .maximum || op == .minimum:
            // XLA's half max/min keep a NaN operand as it is and see no flushing
            storage = .float16(op == .maximum
                ? ElementwiseLoop.map2(x, y, layout) { a, b in
                    a.isNaN ? a : b.isNaN ? b : a == b ? (a.sign == .minus ? b : a) : Swift.max(a, b) }
                : ElementwiseLoop.map2(x, y, layout) { a, b in
                    a.isNaN ? a : b.isNaN ? b : a == b ? (a.sign == .minus ? a : b) : Swift.min(a, b) })
        case let (.float16(x), .float16(y)):
            let wide = try FloatBinary.run(op, x.map(Float.init), y.map(Float.init), layout, semantics,
                                           flush: false, narrow: { Float(Float16($0)) })
            storage = ElementwiseNarrow.toFloat16(wide)
        case let (.bfloat16(x), .bfloat16(y)):
            if op == .logicalAnd || op == .logicalOr || op == .logicalXor {
                // bool conversion tests the bits, so subnormals count as true
                storage = try BoolBinary.run(op, x.map { $0.bitPattern & 0x7FFF != 0 }, y.map { $0.bitPattern & 0x7FFF != 0 },
                                             layout, semantics)
            } else {
                let wide = try FloatBinary.run(op, x.map(\.floatValue), y.map(\.floatValue), layout, semantics,
                                               narrow: { BFloat16($0).floatValue })
                storage = ElementwiseNarrow.toBFloat16(wide)
            }
        case let (.int32(x), .int32(y)): storage = try IntegerBinary.run(op, x, y, layout, semantics)
        case let (.int64(x), .int64(y)): storage = try IntegerBinary.run(op, x, y, layout, semantics)
        case let (.int8(x), .int8(y)): storage = try IntegerBinary.run(op, x, y, layout, semantics)
        case let (.int16(x), .int16(y)): storage = try IntegerBinary.run(op, x, y, layout, semantics)
        case let (.uint8(x), .uint8(y)): storage = try IntegerBinary.run(op, x, y, layout, semantics)
        case let (.uint16(x), .uint16(y)): storage = try IntegerBinary.run(op, x, y, layout, semantics)
        case let (.uint32(x), .uint32(y)): storage = try IntegerBinary.run(op, x, y, layout, semantics)
        case let (.uint64(x), .uint64(y)): storage = try IntegerBinary.run(op, x, y, layout, semantics)
        case let (.bool(x), .bool(y)): storage = try BoolBinary.run(op, x, y, layout, semantics)
        default:
            throw PyException.typeError("\(op.laxName(for: a.dtype)) got mismatched storage")
        }
        return JaxArray(shape: shape, storage: storage, weakType: !op.producesBool && a.weakType && b.weakType)
    }
}

/// Rounds float32 results of half-precision kernels back to their own type.
enum ElementwiseNarrow {
    static func toFloat16(_ s: Storage) -> Storage {
        if case .float32(let v) = s { return .float16(ElementwiseLoop.map(v) { Float16($0) }) }
        return s
    }

    static func toBFloat16(_ s: Storage) -> Storage {
        if case .float32(let v) = s { return .bfloat16(ElementwiseLoop.map(v) { BFloat16($0) }) }
        return s
    }
}

/// Binary kernels on bool arrays: `+` is or, `*` is and, as in NumPy and JAX.
enum BoolBinary {
    static func run(_ op: BinaryOp, _ x: [Bool], _ y: [Bool], _ l: BinaryLayout, _ semantics: ArraySemantics) throws(PyException) -> Storage {
        let r: [Bool]
        switch op {
        case .add, .maximum, .logicalOr: r = ElementwiseLoop.map2(x, y, l) { $0 || $1 }
        case .multiply, .minimum, .logicalAnd: r = ElementwiseLoop.map2(x, y, l) { $0 && $1 }
        case .notEqual, .logicalXor: r = ElementwiseLoop.map2(x, y, l) { $0 != $1 }
        case .equal: r = ElementwiseLoop.map2(x, y, l) { $0 == $1 }
        case .less: r = ElementwiseLoop.map2(x, y, l) { !$0 && $1 }
        case .lessEqual: r = ElementwiseLoop.map2(x, y, l) { !$0 || $1 }
        case .greater: r = ElementwiseLoop.map2(x, y, l) { $0 && !$1 }
        case .greaterEqual: r = ElementwiseLoop.map2(x, y, l) { $0 || !$1 }
        case .subtract where semantics == .numpy:
            throw PyException.typeError(
                "numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator, or the logical_xor function instead.")
        case .subtract, .divide, .floorDivide, .remainder, .power, .arctan2:
            throw PyException.typeError(
                "\(op.laxName(for: .bool)) does not accept dtype bool. Accepted dtypes are subtypes of integer, floating, complexfloating.")
        }
        return .bool(r)
    }
}
