import CElementwiseKernels

/// `lax.integer_pow`: a static integer power by repeated multiplication, never a call to `pow`.
extension Kernels {
    /// `x ** y` for a static integer `y` as `lax.integer_pow` computes it: binary
    /// exponentiation by repeated rounded multiplications, then `1 / acc` for negative `y`
    /// (refused for integer dtypes, as JAX refuses it; integer products wrap).
    public static func integerPow(_ a: JaxArray, _ y: Int, interrupt: InterruptFlag? = nil) throws(PyException) -> JaxArray {
        if y < 0 && a.dtype.isInteger {
            throw PyException.typeError(
                "Integers cannot be raised to negative powers, got integer_pow(\(avalText(a.dtype, a.shape)), \(y))")
        }
        if a.dtype == .bool {
            throw PyException.typeError(
                "integer_pow does not accept dtype bool. Accepted dtypes are subtypes of integer, floating, complexfloating.")
        }
        if y == 0 { return try Kernels.broadcast(JaxArray.scalar(.int(1), dtype: a.dtype), to: a.shape).withWeakType(a.weakType) }
        let storage: Storage
        func run<T>(_ v: [T], _ block: @escaping @Sendable (UnsafePointer<T>, UnsafeMutablePointer<T>, Int) -> Void) throws(PyException) -> [T] {
            try BlockLoop.map(v, block, cost: .memory, flush: true, interrupt: interrupt)
        }
        switch a.storage {
        // the common squares and cubes in one pass; other powers as chains of passes
        case .float32(let v) where y == 2: storage = .float32(try run(v, jaxlab_f32_square))
        case .float32(let v) where y == 3: storage = .float32(try run(v, jaxlab_f32_cube))
        case .float64(let v) where y == 2: storage = .float64(try run(v, jaxlab_f64_square))
        case .float64(let v) where y == 3: storage = .float64(try run(v, jaxlab_f64_cube))
        case .float32(let v): storage = .float32(try run(v) { jaxlab_f32_integer_pow($0, $1, $2, y) })
        case .float64(let v): storage = .float64(try run(v) { jaxlab_f64_integer_pow($0, $1, $2, y) })
        case .int32(let v): storage = .int32(try run(v, PowerLoop.wrapping(UInt32.self, y, jaxlab_u32_integer_pow)))
        case .uint32(let v): storage = .uint32(try run(v) { jaxlab_u32_integer_pow($0, $1, $2, y) })
        case .int64(let v): storage = .int64(try run(v, PowerLoop.wrapping(UInt64.self, y, jaxlab_u64_integer_pow)))
        case .uint64(let v): storage = .uint64(try run(v) { jaxlab_u64_integer_pow($0, $1, $2, y) })
        case .float16(let v):
            storage = .float16(ElementwiseLoop.map(PowerLoop.float(v.map(Float.init), y) { Float(Float16($0)) }) { Float16($0) })
        case .bfloat16(let v):
            let wide = FloatEnvironment.value(flushingDenormals: true) {
                PowerLoop.float(v.map(\.floatValue), y) { BFloat16($0).floatValue }
            }
            storage = .bfloat16(ElementwiseLoop.map(wide) { BFloat16($0) })
        case .int8(let v): storage = .int8(PowerLoop.integer(v, y))
        case .int16(let v): storage = .int16(PowerLoop.integer(v, y))
        case .uint8(let v): storage = .uint8(PowerLoop.integer(v, y))
        case .uint16(let v): storage = .uint16(PowerLoop.integer(v, y))
        case .complex64(let v): storage = .complex64(ComplexKernels.integerPow(v, y))
        case .complex128(let v): storage = .complex128(ComplexKernels.integerPow(v, y))
        case .bool: storage = a.storage
        }
        return JaxArray(shape: a.shape, storage: storage, weakType: a.weakType)
    }
}

/// The multiplication chains of `lax.integer_pow` for the types without a block kernel.
enum PowerLoop {
    /// A signed integer block computed by the unsigned kernel of the same width (wrapping
    /// products have the same bits).
    static func wrapping<S, U>(_: U.Type, _ y: Int, _ kernel: @escaping @Sendable (UnsafePointer<U>?, UnsafeMutablePointer<U>?, Int, Int) -> Void)
        -> @Sendable (UnsafePointer<S>, UnsafeMutablePointer<S>, Int) -> Void {
        { x, out, count in
            x.withMemoryRebound(to: U.self, capacity: count) { xs in
                out.withMemoryRebound(to: U.self, capacity: count) { kernel(xs, $0, count, y) }
            }
        }
    }

    /// `narrow` rounds each product to the array's own type (half types run in float32).
    static func float<T: BinaryFloatingPoint>(_ v: [T], _ y: Int, narrow: (T) -> T) -> [T] {
        let e = y.magnitude
        return ElementwiseLoop.map(v) { base in
            var x = base, acc: T? = nil, bits = e
            while bits > 0 {
                if bits & 1 != 0 { acc = acc.map { narrow($0 * x) } ?? x }
                bits >>= 1
                if bits > 0 { x = narrow(x * x) }
            }
            let result = acc ?? 1
            return y < 0 ? narrow(1 / result) : result
        }
    }

    static func integer<T: FixedWidthInteger>(_ v: [T], _ y: Int) -> [T] {
        let e = y.magnitude
        return ElementwiseLoop.map(v) { base in
            var x = base, acc: T? = nil, bits = e
            while bits > 0 {
                if bits & 1 != 0 { acc = acc.map { $0 &* x } ?? x }
                bits >>= 1
                if bits > 0 { x = x &* x }
            }
            return acc ?? 1
        }
    }
}
