import JaxCore

/// An array's shape, dtype and values as plain Swift, for comparing answers: built from a JAX
/// or NumPy array, a Python number or a nested list of numbers.
public struct ArrayView: Equatable, Sendable {
    public let shape: [Int]
    /// NumPy's name for the dtype (`float32`).
    public let dtype: String
    /// The elements in row-major order (booleans as 0 and 1).
    public let values: [Double]
    /// True for a JAX array (`jax.Array`), false for NumPy arrays and Python values.
    public let isJaxArray: Bool

    public init(shape: [Int], dtype: String, values: [Double], isJaxArray: Bool) {
        self.shape = shape
        self.dtype = dtype
        self.values = values
        self.isJaxArray = isJaxArray
    }
}

extension Session {
    /// Arrays larger than this are not viewed (checks compare small answers).
    static let maxViewedElements = 1 << 24

    /// The value as an array, or nil when it is not numeric (or is a tracer, or too large).
    public func arrayView(of value: PyValue) -> ArrayView? {
        let interpreter = self.interpreter
        var array: JaxArray?
        var isJax = false
        if case .object(let object as JaxArrayObject) = value {
            array = try? object.knownArray
            isJax = true
        } else if let existing = try? interpreter.existingArray(value) {
            array = existing
        } else {
            onLargeStack { array = try? interpreter.toArray(value, dtype: nil, semantics: .numpy) }
        }
        guard let array, !array.isKeyData, array.count <= Session.maxViewedElements else { return nil }
        let values = (0..<array.count).map { array.storage.double(at: $0) }
        return ArrayView(shape: array.shape, dtype: array.dtype.name, values: values, isJaxArray: isJax)
    }

    /// The dtype a value names (`jnp.float16`, `np.dtype('int32')`, `'float32'`), by NumPy's name.
    public func dtypeName(of value: PyValue) -> String? {
        let interpreter = self.interpreter
        var name: String?
        onLargeStack { name = (try? interpreter.dtypeArgument(value))??.name }
        return name
    }
}
