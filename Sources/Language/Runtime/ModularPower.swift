import BigInt
import JaxCore

/// Three-argument `pow(base, exp, mod)` as CPython computes it: by modular exponentiation, so a
/// huge exponent costs its bit count and never builds `base ** exp`, and a negative exponent
/// means the modular inverse.
extension Interpreter {
    func modularPower(_ base: PyValue, _ exponent: PyValue, _ modulus: PyValue) throws(PyException) -> PyValue {
        func integer(_ v: PyValue) -> BigInt? {
            switch v {
            case .bool, .int, .bigInt: return v.bigIntValue
            default: return nil
            }
        }
        guard let b = integer(base), let e = integer(exponent), let m = integer(modulus) else {
            if [base, exponent, modulus].allSatisfy({ if case .float = $0 { true } else { integer($0) != nil } }) {
                throw PyException.typeError("pow() 3rd argument not allowed unless all arguments are integers")
            }
            throw PyException.typeError("unsupported operand type(s) for ** or pow(): '\(base.typeName)', '\(exponent.typeName)', "
                                        + "'\(modulus.typeName)'")
        }
        if m == 0 { throw PyException.valueError("pow() 3rd argument cannot be 0") }
        let size = m.magnitude
        if size == 1 { return .int(0) }
        var root = BigUInt(b.modulus(BigInt(size)))
        if e < 0 {
            guard let inverse = root.inverse(size) else {
                throw PyException.valueError("base is not invertible for the given modulus")
            }
            root = inverse
        }
        let r = BigInt(root.power(e.magnitude, modulus: size))
        // Python's result takes the modulus's sign
        return .int(m < 0 && r != 0 ? r - BigInt(size) : r)
    }
}
