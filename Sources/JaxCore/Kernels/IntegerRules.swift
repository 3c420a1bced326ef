/// Integer division, remainder and power with XLA's and NumPy's edge cases.
enum IntegerRules {
    /// XLA's division: x / 0 is all ones (-1), MIN / -1 is MIN.
    @inline(__always)
    static func xlaDivide<T: FixedWidthInteger>(_ x: T, _ y: T) -> T {
        if y == 0 { return ~T.zero }
        return x.dividedReportingOverflow(by: y).partialValue
    }

    /// XLA's remainder: x % 0 is x, MIN % -1 is 0.
    @inline(__always)
    static func xlaRemainder<T: FixedWidthInteger>(_ x: T, _ y: T) -> T {
        if y == 0 { return x }
        return x.remainderReportingOverflow(dividingBy: y).partialValue
    }

    /// `jnp.floor_divide` on integers, built from lax.div, lax.rem and lax.sign as JAX does.
    @inline(__always)
    static func jaxFloorDivide<T: FixedWidthInteger>(_ x: T, _ y: T) -> T {
        let q = xlaDivide(x, y)
        guard T.isSigned else { return q }
        let r = xlaRemainder(x, y)
        return x.signum() != y.signum() && r != 0 ? q &- 1 : q
    }

    /// `jnp.remainder` on integers: a zero divisor is replaced by 1 first.
    @inline(__always)
    static func jaxRemainder<T: FixedWidthInteger>(_ x: T, _ y: T) -> T {
        let d: T = y == 0 ? 1 : y
        let t = xlaRemainder(x, d)
        return ((t < 0) != (d < 0)) && t != 0 ? t &+ d : t
    }

    /// NumPy's `//` on integers: Python's floor rule, 0 for a zero divisor, MIN // -1 is MIN.
    @inline(__always)
    static func numpyFloorDivide<T: FixedWidthInteger>(_ x: T, _ y: T) -> T {
        if y == 0 { return 0 }
        let (q, overflow) = x.dividedReportingOverflow(by: y)
        if overflow { return q }
        let r = x.remainderReportingOverflow(dividingBy: y).partialValue
        return r != 0 && ((r < 0) != (y < 0)) ? q &- 1 : q
    }

    /// NumPy's `%` on integers: Python's sign rule, 0 for a zero divisor.
    @inline(__always)
    static func numpyRemainder<T: FixedWidthInteger>(_ x: T, _ y: T) -> T {
        if y == 0 { return 0 }
        let r = x.remainderReportingOverflow(dividingBy: y).partialValue
        return r != 0 && ((r < 0) != (y < 0)) ? r &+ y : r
    }

    /// `jnp.power` on integer arrays (`_pow_int_int`): six rounds of binary exponentiation
    /// over the exponent's low bits, shifted logically.
    @inline(__always)
    static func jaxPower<T: FixedWidthInteger>(_ base: T, _ exponent: T) -> T {
        var acc: T = (base == 0 && exponent != 0) ? 0 : 1
        var x = base
        var bits = T.Magnitude(truncatingIfNeeded: exponent)
        for _ in 0..<6 {
            if bits & 1 != 0 { acc = acc &* x }
            x = x &* x
            bits = bits >> 1
        }
        return acc
    }

    /// `base ** exponent` by squaring with wrapping multiplication (exponent >= 0).
    @inline(__always)
    static func wrappingPower<T: FixedWidthInteger>(_ base: T, _ exponent: T) -> T {
        var acc: T = 1
        var x = base
        var e = T.Magnitude(truncatingIfNeeded: exponent)
        while e != 0 {
            if e & 1 != 0 { acc = acc &* x }
            x = x &* x
            e = e >> 1
        }
        return acc
    }
}
