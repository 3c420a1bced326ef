/// The range and precision of the floating dtypes, as `jnp.finfo` gives them.
extension DType {
    /// The largest finite value (`finfo(dtype).max`) of a float dtype or of a complex dtype's
    /// parts; infinity for integers and bools, whose range no caller here needs.
    public var largestFinite: Double {
        switch realPart {
        case .float64: Double.greatestFiniteMagnitude
        case .float32: Double(Float.greatestFiniteMagnitude)
        case .float16: 65504
        case .bfloat16: Double(Float(bitPattern: 0x7F7F_0000))
        default: .infinity
        }
    }

    /// The gap between 1 and the next float (`finfo(dtype).eps`) of a float dtype or of a
    /// complex dtype's parts; 1 for integers and bools.
    public var epsilon: Double {
        switch realPart {
        case .float64: Double.ulpOfOne
        case .float32: Double(Float.ulpOfOne)
        case .float16: 0x1p-10
        case .bfloat16: 0x1p-7
        default: 1
        }
    }
}
