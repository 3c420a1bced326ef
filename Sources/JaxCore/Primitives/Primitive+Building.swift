/// Shared pieces of the primitives' definitions: operand access with JAX's errors, the
/// common shape rules and the constructors the families build their primitives with.
enum Operands {
    /// Operand `i` of an equation, or a TypeError naming the primitive.
    static func at<T>(_ xs: [T], _ i: Int, _ name: String) throws(PyException) -> T {
        guard i < xs.count else { throw PyException.typeError("\(name) expected at least \(i + 1) operands, got \(xs.count)") }
        return xs[i]
    }

    /// The first operand's type.
    static func first(_ ins: [ShapedArray]) throws(PyException) -> ShapedArray {
        guard let x = ins.first else { throw PyException.typeError("primitive called with no operands") }
        return x
    }

    /// lax's rule for elementwise operands: equal ranks with size-1 dimensions stretching, or
    /// rank-0 operands.
    static func elementwise(_ name: String, _ ins: [ShapedArray]) throws(PyException) -> ShapedArray {
        guard let first = ins.first else { throw PyException.typeError("\(name) called with no operands") }
        var shape: [Int] = []
        var rank = -1
        for x in ins where !x.shape.isEmpty {
            if rank == -1 {
                rank = x.rank
                shape = x.shape
                continue
            }
            guard x.rank == rank else {
                throw PyException.typeError("\(name) got arrays of different rank: \(ins.map { Shape.describe($0.shape) }.joined(separator: ", ")).")
            }
            for i in 0..<rank where shape[i] != x.shape[i] {
                if shape[i] == 1 { shape[i] = x.shape[i] } else if x.shape[i] != 1 {
                    throw PyException.typeError("\(name) got incompatible shapes for broadcasting: \(ins.map { Shape.describe($0.shape) }.joined(separator: ", ")).")
                }
            }
        }
        let dtype = ins.first(where: { !$0.weakType })?.dtype ?? first.dtype
        return ShapedArray(shape: shape, dtype: dtype, weakType: ins.allSatisfy(\.weakType))
    }

    /// The shape left after removing `axes` (reductions, squeeze).
    static func removing(_ axes: [Int], from shape: [Int]) -> [Int] {
        let removed = Set(axes)
        return shape.enumerated().filter { !removed.contains($0.offset) }.map(\.element)
    }
}

extension Rules {
    /// The shape rule of primitives whose result has the operand's type.
    static let sameAsOperand: AbstractEval = { ins, _ throws(PyException) in [try Operands.first(ins)] }
}
