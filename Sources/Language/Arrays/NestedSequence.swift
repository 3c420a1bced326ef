import JaxCore

/// The shape and leaves of nested lists and tuples of scalars and arrays, discovered as
/// NumPy's `PyArray_DiscoverDTypeAndShape` does: depth first, the first scalar or array met
/// fixes the number of dimensions, and anything that disagrees later makes the input ragged,
/// with NumPy's message naming the dimensions that were still consistent.
struct NestedSequence {
    /// What one position of the nested input holds.
    enum Leaf {
        case scalar(PyValue)
        case array(JaxArray)
    }

    /// NumPy's `NPY_MAXDIMS`.
    static let maxDimensions = 64

    /// The dimensions found so far (only the first `dimensions` of them count).
    private var found = [Int](repeating: 0, count: NestedSequence.maxDimensions)
    /// NumPy's `max_dims`: shrinks when a scalar or array fixes the depth, or when a
    /// disagreement makes the deeper dimensions unusable.
    private var dimensions = NestedSequence.maxDimensions
    /// NumPy's `MAX_DIMS_WAS_REACHED`: a scalar or array has fixed the shape.
    private var shapeFixed = false
    private var ragged = false
    private(set) var leaves: [Leaf] = []

    /// NumPy's error for nesting deeper than `maxDimensions` (a list that holds itself).
    static let tooDeep = PyException.valueError("setting an array element with a sequence. The requested array would exceed "
                                                + "the maximum number of dimension of \(maxDimensions).")

    /// The shape of `value` and its leaves in row-major order, or NumPy's ValueError when the
    /// nesting is ragged or deeper than 64.
    static func discover(_ value: PyValue, _ interp: Interpreter) throws(PyException) -> (shape: [Int], leaves: [Leaf]) {
        var walk = NestedSequence()
        let depth = try walk.visit(value, depth: 0, interp)
        if walk.ragged {
            if depth == maxDimensions { throw tooDeep }
            throw PyException.valueError("setting an array element with a sequence. The requested array has an inhomogeneous "
                                         + "shape after \(depth) dimensions. The detected shape was "
                                         + "\(Shape.describe(Array(walk.found.prefix(depth)))) + inhomogeneous part.")
        }
        return (Array(walk.found.prefix(depth)), walk.leaves)
    }

    /// Visits one element at `depth`; returns the number of dimensions still possible.
    private mutating func visit(_ value: PyValue, depth: Int, _ interp: Interpreter) throws(PyException) -> Int {
        let items: [PyValue]
        switch value {
        case .list(let list): items = list.items
        case .tuple(let tuple): items = tuple
        default:
            let array = try interp.existingArray(value)
            let shape = array?.shape ?? []
            if !update(depth, shape, sequence: false) {
                ragged = true
                return dimensions
            }
            if !ragged { leaves.append(array.map(Leaf.array) ?? .scalar(value)) }
            return dimensions
        }
        if !update(depth, [items.count], sequence: true) {
            ragged = true
            return dimensions
        }
        if items.isEmpty {
            // an empty sequence ends the nesting: it is the last dimension
            shapeFixed = true
            return depth + 1
        }
        try interp.context.checkInterrupt()
        for item in items {
            dimensions = try visit(item, depth: depth + 1, interp)
        }
        return dimensions
    }

    /// NumPy's `update_shape`: records or checks the dimensions `shape` adds at `depth`;
    /// false when they disagree with what was found before (the input is ragged).
    private mutating func update(_ depth: Int, _ shape: [Int], sequence: Bool) -> Bool {
        var consistent = true
        var added = shape.count
        let wasFixed = shapeFixed
        if depth + added > dimensions {
            consistent = false
            added = dimensions - depth
        } else if !sequence && dimensions != depth + added {
            dimensions = depth + added
            if wasFixed { consistent = false }
        }
        for i in 0..<max(0, added) {
            if !wasFixed {
                found[depth + i] = shape[i]
            } else if shape[i] != found[depth + i] {
                consistent = false
                dimensions = sequence ? depth : dimensions - (added - i)
                break
            }
        }
        if !sequence { shapeFixed = true }
        return consistent
    }
}
