/// The two-operand elementwise kernels, each defined once for floats, integers and bools,
/// with JAX's rules (XLA's max/min, integer division by zero, flushed subnormals) and NumPy's.
extension BinaryKernel {
    public static let add = BinaryKernel("add", Add.self)
    public static let subtract = BinaryKernel("subtract", Subtract.self)
    public static let multiply = BinaryKernel("multiply", Multiply.self)
    public static let divide = BinaryKernel("divide", Divide.self)
    public static let floorDivide = BinaryKernel("floorDivide", FloorDivide.self)
    public static let remainder = BinaryKernel("remainder", Remainder.self)
    public static let power = BinaryKernel("power", Power.self)
    public static let maximum = BinaryKernel("maximum", Maximum.self)
    public static let minimum = BinaryKernel("minimum", Minimum.self)
    public static let arctan2 = BinaryKernel("arctan2", Arctan2.self)
    public static let equal = BinaryKernel("equal", Comparison<EqualOrder>.self)
    public static let notEqual = BinaryKernel("notEqual", Comparison<NotEqualOrder>.self)
    public static let less = BinaryKernel("less", Comparison<LessOrder>.self)
    public static let lessEqual = BinaryKernel("lessEqual", Comparison<LessEqualOrder>.self)
    public static let greater = BinaryKernel("greater", Comparison<GreaterOrder>.self)
    public static let greaterEqual = BinaryKernel("greaterEqual", Comparison<GreaterEqualOrder>.self)
    public static let logicalAnd = BinaryKernel("logicalAnd", Logical<AndTruth>.self)
    public static let logicalOr = BinaryKernel("logicalOr", Logical<OrTruth>.self)
    public static let logicalXor = BinaryKernel("logicalXor", Logical<XorTruth>.self)

    /// Every binary kernel.
    static var all: [BinaryKernel] {
        [.add, .subtract, .multiply, .divide, .floorDivide, .remainder, .power, .maximum, .minimum, .arctan2, .equal, .notEqual,
         .less, .lessEqual, .greater, .greaterEqual, .logicalAnd, .logicalOr, .logicalXor]
    }
}

/// Addition (integers wrap); on bools, or.
enum Add: BinaryFunction {
    static func laxName(for dtype: DType) -> String { dtype == .bool ? "or" : "add" }
    static func float<T: KernelFloat>(_ x: [T], _ y: [T], _ l: BinaryLayout, jax: Bool, narrow: ((T) -> T)?,
                                      interrupt: InterruptFlag?) throws(PyException) -> Storage {
        T.makeStorage(try BlockLoop.map2(T.blocks(.add), x, y, l, flush: jax, interrupt: interrupt))
    }
    static func integer<T: FixedWidthInteger & ArrayElement>(_ x: [T], _ y: [T], _ l: BinaryLayout, jax: Bool) throws(PyException) -> Storage {
        T.makeStorage(ElementwiseLoop.runIntegers(IntegerAdd<T>.self, x, y, l))
    }
    static func bool(_ x: [Bool], _ y: [Bool], _ l: BinaryLayout, _ semantics: ArraySemantics) throws(PyException) -> Storage {
        .bool(ElementwiseLoop.map2(x, y, l) { $0 || $1 })
    }
}

/// Subtraction (integers wrap); NumPy refuses it on bools with its own message.
enum Subtract: BinaryFunction {
    static func laxName(for dtype: DType) -> String { "sub" }
    static func float<T: KernelFloat>(_ x: [T], _ y: [T], _ l: BinaryLayout, jax: Bool, narrow: ((T) -> T)?,
                                      interrupt: InterruptFlag?) throws(PyException) -> Storage {
        T.makeStorage(try BlockLoop.map2(T.blocks(.subtract), x, y, l, flush: jax, interrupt: interrupt))
    }
    static func integer<T: FixedWidthInteger & ArrayElement>(_ x: [T], _ y: [T], _ l: BinaryLayout, jax: Bool) throws(PyException) -> Storage {
        T.makeStorage(ElementwiseLoop.runIntegers(IntegerSubtract<T>.self, x, y, l))
    }
    static func bool(_ x: [Bool], _ y: [Bool], _ l: BinaryLayout, _ semantics: ArraySemantics) throws(PyException) -> Storage {
        guard semantics == .numpy else {
            throw PyException.typeError("sub does not accept dtype bool. Accepted dtypes are subtypes of integer, floating, complexfloating.")
        }
        throw PyException.typeError(
            "numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator, or the logical_xor function instead.")
    }
}

/// Multiplication (integers wrap); on bools, and.
enum Multiply: BinaryFunction {
    static func laxName(for dtype: DType) -> String { dtype == .bool ? "and" : "mul" }
    static func float<T: KernelFloat>(_ x: [T], _ y: [T], _ l: BinaryLayout, jax: Bool, narrow: ((T) -> T)?,
                                      interrupt: InterruptFlag?) throws(PyException) -> Storage {
        T.makeStorage(try BlockLoop.map2(T.blocks(.multiply), x, y, l, flush: jax, interrupt: interrupt))
    }
    static func integer<T: FixedWidthInteger & ArrayElement>(_ x: [T], _ y: [T], _ l: BinaryLayout, jax: Bool) throws(PyException) -> Storage {
        T.makeStorage(ElementwiseLoop.runIntegers(IntegerMultiply<T>.self, x, y, l))
    }
    static func bool(_ x: [Bool], _ y: [Bool], _ l: BinaryLayout, _ semantics: ArraySemantics) throws(PyException) -> Storage {
        .bool(ElementwiseLoop.map2(x, y, l) { $0 && $1 })
    }
}

/// Division: XLA's integer division by zero gives -1; NumPy's gives 0.
enum Divide: BinaryFunction {
    static func laxName(for dtype: DType) -> String { "div" }
    static func float<T: KernelFloat>(_ x: [T], _ y: [T], _ l: BinaryLayout, jax: Bool, narrow: ((T) -> T)?,
                                      interrupt: InterruptFlag?) throws(PyException) -> Storage {
        T.makeStorage(try BlockLoop.map2(T.blocks(.divide), x, y, l, flush: jax, interrupt: interrupt))
    }
    static func integer<T: FixedWidthInteger & ArrayElement>(_ x: [T], _ y: [T], _ l: BinaryLayout, jax: Bool) throws(PyException) -> Storage {
        T.makeStorage(jax ? ElementwiseLoop.map2(x, y, l) { IntegerRules.xlaDivide($0, $1) }
                          : ElementwiseLoop.map2(x, y, l) { $1 == 0 ? 0 : $0.dividedReportingOverflow(by: $1).partialValue })
    }
}

/// `//`: jax.numpy's composition (or Python's floor rule in NumPy).
enum FloorDivide: BinaryFunction {
    static func laxName(for dtype: DType) -> String { dtype.isFloating ? "rem" : "div" }
    static func float<T: KernelFloat>(_ x: [T], _ y: [T], _ l: BinaryLayout, jax: Bool, narrow: ((T) -> T)?,
                                      interrupt: InterruptFlag?) throws(PyException) -> Storage {
        if jax && narrow == nil { return T.makeStorage(try BlockLoop.map2(T.blocks(.floorDivide), x, y, l, flush: true, interrupt: interrupt)) }
        let narrow = narrow ?? { $0 }
        return T.makeStorage(jax ? ElementwiseLoop.map2(x, y, l) { FloatRules.jaxFloorDivide($0, $1, narrow: narrow) }
                          : ElementwiseLoop.map2(x, y, l) { FloatRules.numpyFloorDivide($0, $1) })
    }
    static func integer<T: FixedWidthInteger & ArrayElement>(_ x: [T], _ y: [T], _ l: BinaryLayout, jax: Bool) throws(PyException) -> Storage {
        T.makeStorage(jax ? ElementwiseLoop.map2(x, y, l) { IntegerRules.jaxFloorDivide($0, $1) }
                          : ElementwiseLoop.map2(x, y, l) { IntegerRules.numpyFloorDivide($0, $1) })
    }
}

/// `%`: the remainder with the divisor's sign.
enum Remainder: BinaryFunction {
    static func laxName(for dtype: DType) -> String { "rem" }
    static func float<T: KernelFloat>(_ x: [T], _ y: [T], _ l: BinaryLayout, jax: Bool, narrow: ((T) -> T)?,
                                      interrupt: InterruptFlag?) throws(PyException) -> Storage {
        if jax && narrow == nil { return T.makeStorage(try BlockLoop.map2(T.blocks(.remainder), x, y, l, flush: true, interrupt: interrupt)) }
        let narrow = narrow ?? { $0 }
        return T.makeStorage(jax ? ElementwiseLoop.map2(x, y, l) { FloatRules.jaxRemainder($0, $1, narrow: narrow) }
                          : ElementwiseLoop.map2(x, y, l) { FloatRules.numpyRemainder($0, $1) })
    }
    static func integer<T: FixedWidthInteger & ArrayElement>(_ x: [T], _ y: [T], _ l: BinaryLayout, jax: Bool) throws(PyException) -> Storage {
        T.makeStorage(jax ? ElementwiseLoop.map2(x, y, l) { IntegerRules.jaxRemainder($0, $1) }
                          : ElementwiseLoop.map2(x, y, l) { IntegerRules.numpyRemainder($0, $1) })
    }
}

/// `**`: glibc's pow on floats; on integers JAX's six rounds of squaring, NumPy's exact
/// (wrapping) power, which refuses negative exponents.
enum Power: BinaryFunction {
    static func laxName(for dtype: DType) -> String { dtype.isFloating ? "pow" : "and" }
    static func float<T: KernelFloat>(_ x: [T], _ y: [T], _ l: BinaryLayout, jax: Bool, narrow: ((T) -> T)?,
                                      interrupt: InterruptFlag?) throws(PyException) -> Storage {
        T.makeStorage(try BlockLoop.map2(T.blocks(.power), x, y, l, flush: jax, interrupt: interrupt))
    }
    static func integer<T: FixedWidthInteger & ArrayElement>(_ x: [T], _ y: [T], _ l: BinaryLayout, jax: Bool) throws(PyException) -> Storage {
        if jax { return T.makeStorage(ElementwiseLoop.map2(x, y, l) { IntegerRules.jaxPower($0, $1) }) }
        if T.isSigned && y.contains(where: { $0 < 0 }) {
            throw PyException.valueError("Integers to negative integer powers are not allowed.")
        }
        return T.makeStorage(ElementwiseLoop.map2(x, y, l) { IntegerRules.wrappingPower($0, $1) })
    }
}

/// The larger element: XLA's rules for NaN and signed zeros, or NumPy's; on bools, or.
enum Maximum: BinaryFunction {
    static func laxName(for dtype: DType) -> String { "max" }
    static func float<T: KernelFloat>(_ x: [T], _ y: [T], _ l: BinaryLayout, jax: Bool, narrow: ((T) -> T)?,
                                      interrupt: InterruptFlag?) throws(PyException) -> Storage {
        T.makeStorage(jax ? try BlockLoop.map2(T.blocks(.maximum), x, y, l, flush: true, interrupt: interrupt)
                          : ElementwiseLoop.run(NumpyMaximum<T>.self, x, y, l))
    }
    static func integer<T: FixedWidthInteger & ArrayElement>(_ x: [T], _ y: [T], _ l: BinaryLayout, jax: Bool) throws(PyException) -> Storage {
        T.makeStorage(ElementwiseLoop.runIntegers(IntegerMaximum<T>.self, x, y, l))
    }
    static func bool(_ x: [Bool], _ y: [Bool], _ l: BinaryLayout, _ semantics: ArraySemantics) throws(PyException) -> Storage {
        .bool(ElementwiseLoop.map2(x, y, l) { $0 || $1 })
    }
    /// NumPy's half loops are scalar (the first operand on ties); XLA's keep a NaN operand as
    /// it is and see no flushing.
    static func half(_ x: [Float16], _ y: [Float16], _ l: BinaryLayout, jax: Bool) -> [Float16]? {
        jax ? ElementwiseLoop.map2(x, y, l) { a, b in a.isNaN ? a : b.isNaN ? b : a == b ? (a.sign == .minus ? b : a) : Swift.max(a, b) }
            : ElementwiseLoop.map2(x, y, l) { ($0 >= $1 || $0.isNaN) ? $0 : $1 }
    }
}

/// The smaller element; on bools, and.
enum Minimum: BinaryFunction {
    static func laxName(for dtype: DType) -> String { "min" }
    static func float<T: KernelFloat>(_ x: [T], _ y: [T], _ l: BinaryLayout, jax: Bool, narrow: ((T) -> T)?,
                                      interrupt: InterruptFlag?) throws(PyException) -> Storage {
        T.makeStorage(jax ? try BlockLoop.map2(T.blocks(.minimum), x, y, l, flush: true, interrupt: interrupt)
                          : ElementwiseLoop.run(NumpyMinimum<T>.self, x, y, l))
    }
    static func integer<T: FixedWidthInteger & ArrayElement>(_ x: [T], _ y: [T], _ l: BinaryLayout, jax: Bool) throws(PyException) -> Storage {
        T.makeStorage(ElementwiseLoop.runIntegers(IntegerMinimum<T>.self, x, y, l))
    }
    static func bool(_ x: [Bool], _ y: [Bool], _ l: BinaryLayout, _ semantics: ArraySemantics) throws(PyException) -> Storage {
        .bool(ElementwiseLoop.map2(x, y, l) { $0 && $1 })
    }
    static func half(_ x: [Float16], _ y: [Float16], _ l: BinaryLayout, jax: Bool) -> [Float16]? {
        jax ? ElementwiseLoop.map2(x, y, l) { a, b in a.isNaN ? a : b.isNaN ? b : a == b ? (a.sign == .minus ? a : b) : Swift.min(a, b) }
            : ElementwiseLoop.map2(x, y, l) { ($0 <= $1 || $0.isNaN) ? $0 : $1 }
    }
}

/// atan2(y, x), glibc's; floats only.
enum Arctan2: BinaryFunction {
    static func laxName(for dtype: DType) -> String { "atan2" }
    static func float<T: KernelFloat>(_ x: [T], _ y: [T], _ l: BinaryLayout, jax: Bool, narrow: ((T) -> T)?,
                                      interrupt: InterruptFlag?) throws(PyException) -> Storage {
        T.makeStorage(try BlockLoop.map2(T.blocks(.arctan2), x, y, l, flush: jax, interrupt: interrupt))
    }
    static func integer<T: FixedWidthInteger & ArrayElement>(_ x: [T], _ y: [T], _ l: BinaryLayout, jax: Bool) throws(PyException) -> Storage {
        throw PyException.typeError(
            "atan2 does not accept dtype \(T.makeStorage([]).dtype.name). Accepted dtypes are subtypes of floating, complexfloating.")
    }
}

/// An ordering test on elements of any type (and its truth table on bools).
protocol ElementOrder {
    static var laxName: String { get }
    /// The float block kernel of this test.
    static var comparison: FloatComparison { get }
    static func holds<T: Comparable>(_ a: T, _ b: T) -> Bool
    static func holds(_ a: Bool, _ b: Bool) -> Bool
}

/// `==`.
enum EqualOrder: ElementOrder {
    static let laxName = "eq"
    static let comparison = FloatComparison.equal
    @inline(__always) static func holds<T: Comparable>(_ a: T, _ b: T) -> Bool { a == b }
    @inline(__always) static func holds(_ a: Bool, _ b: Bool) -> Bool { a == b }
}

/// `!=`.
enum NotEqualOrder: ElementOrder {
    static let laxName = "ne"
    static let comparison = FloatComparison.notEqual
    @inline(__always) static func holds<T: Comparable>(_ a: T, _ b: T) -> Bool { a != b }
    @inline(__always) static func holds(_ a: Bool, _ b: Bool) -> Bool { a != b }
}

/// `<` (false < true on bools).
enum LessOrder: ElementOrder {
    static let laxName = "lt"
    static let comparison = FloatComparison.less
    @inline(__always) static func holds<T: Comparable>(_ a: T, _ b: T) -> Bool { a < b }
    @inline(__always) static func holds(_ a: Bool, _ b: Bool) -> Bool { !a && b }
}

/// `<=`.
enum LessEqualOrder: ElementOrder {
    static let laxName = "le"
    static let comparison = FloatComparison.lessEqual
    @inline(__always) static func holds<T: Comparable>(_ a: T, _ b: T) -> Bool { a <= b }
    @inline(__always) static func holds(_ a: Bool, _ b: Bool) -> Bool { !a || b }
}

/// `>`.
enum GreaterOrder: ElementOrder {
    static let laxName = "gt"
    static let comparison = FloatComparison.greater
    @inline(__always) static func holds<T: Comparable>(_ a: T, _ b: T) -> Bool { a > b }
    @inline(__always) static func holds(_ a: Bool, _ b: Bool) -> Bool { a && !b }
}

/// `>=`.
enum GreaterEqualOrder: ElementOrder {
    static let laxName = "ge"
    static let comparison = FloatComparison.greaterEqual
    @inline(__always) static func holds<T: Comparable>(_ a: T, _ b: T) -> Bool { a >= b }
    @inline(__always) static func holds(_ a: Bool, _ b: Bool) -> Bool { a || !b }
}

/// A comparison: bool results.
enum Comparison<Order: ElementOrder>: BinaryFunction {
    static func laxName(for dtype: DType) -> String { Order.laxName }
    static var producesBool: Bool { true }
    static func float<T: KernelFloat>(_ x: [T], _ y: [T], _ l: BinaryLayout, jax: Bool, narrow: ((T) -> T)?,
                                      interrupt: InterruptFlag?) throws(PyException) -> Storage {
        .bool(try BlockLoop.map2(T.blocks(Order.comparison), x, y, l, flush: jax, interrupt: interrupt))
    }
    static func integer<T: FixedWidthInteger & ArrayElement>(_ x: [T], _ y: [T], _ l: BinaryLayout, jax: Bool) throws(PyException) -> Storage {
        .bool(ElementwiseLoop.runIntegers(IntegerComparison<Order, T>.self, x, y, l))
    }
    static func bool(_ x: [Bool], _ y: [Bool], _ l: BinaryLayout, _ semantics: ArraySemantics) throws(PyException) -> Storage {
        .bool(ElementwiseLoop.map2(x, y, l) { Order.holds($0, $1) })
    }
}

/// A truth table of two truth values.
protocol TruthTable {
    static var laxName: String { get }
    static func combine(_ a: Bool, _ b: Bool) -> Bool
}

/// Logical and.
enum AndTruth: TruthTable {
    static let laxName = "and"
    @inline(__always) static func combine(_ a: Bool, _ b: Bool) -> Bool { a && b }
}

/// Logical or.
enum OrTruth: TruthTable {
    static let laxName = "or"
    @inline(__always) static func combine(_ a: Bool, _ b: Bool) -> Bool { a || b }
}

/// Logical exclusive or.
enum XorTruth: TruthTable {
    static let laxName = "xor"
    @inline(__always) static func combine(_ a: Bool, _ b: Bool) -> Bool { a != b }
}

/// A logical operation: nonzero elements are true; bool results.
enum Logical<Table: TruthTable>: BinaryFunction {
    static func laxName(for dtype: DType) -> String { Table.laxName }
    static var producesBool: Bool { true }
    static var isLogical: Bool { true }
    static func float<T: KernelFloat>(_ x: [T], _ y: [T], _ l: BinaryLayout, jax: Bool, narrow: ((T) -> T)?,
                                      interrupt: InterruptFlag?) throws(PyException) -> Storage {
        .bool(ElementwiseLoop.map2(x, y, l) { Table.combine($0 != 0, $1 != 0) })
    }
    static func integer<T: FixedWidthInteger & ArrayElement>(_ x: [T], _ y: [T], _ l: BinaryLayout, jax: Bool) throws(PyException) -> Storage {
        .bool(ElementwiseLoop.map2(x, y, l) { Table.combine($0 != 0, $1 != 0) })
    }
    static func bool(_ x: [Bool], _ y: [Bool], _ l: BinaryLayout, _ semantics: ArraySemantics) throws(PyException) -> Storage {
        .bool(ElementwiseLoop.map2(x, y, l) { Table.combine($0, $1) })
    }
}
