/// A Python container of arrays (tuple, list, dict, None) as transformations see it: the
/// leaves are flattened in JAX's order (dicts by sorted key) and rebuilt with new leaves.
public indirect enum PyTree {
    case leaf(JaxValue)
    case tuple([PyTree])
    case list([PyTree])
    case dict([(String, PyTree)])
    case none

    /// The leaves in JAX's flattening order.
    public var leaves: [JaxValue] {
        var out: [JaxValue] = []
        collect(&out)
        return out
    }

    private func collect(_ out: inout [JaxValue]) {
        switch self {
        case .leaf(let v): out.append(v)
        case .tuple(let items), .list(let items): for i in items { i.collect(&out) }
        case .dict(let pairs): for (_, v) in PyTree.sorted(pairs) { v.collect(&out) }
        case .none: break
        }
    }

    static func sorted(_ pairs: [(String, PyTree)]) -> [(String, PyTree)] {
        pairs.sorted { $0.0 < $1.0 }
    }

    /// The same structure with leaves taken in order from `leaves`.
    public func replacingLeaves(_ leaves: [JaxValue]) throws(PyException) -> PyTree {
        var iterator = leaves.makeIterator()
        let tree = try rebuild(&iterator)
        guard iterator.next() == nil else { throw PyException.valueError("Too many leaves for PyTreeDef \(structure).") }
        return tree
    }

    private func rebuild(_ it: inout IndexingIterator<[JaxValue]>) throws(PyException) -> PyTree {
        switch self {
        case .leaf:
            guard let v = it.next() else { throw PyException.valueError("Too few leaves for PyTreeDef \(structure).") }
            return .leaf(v)
        case .tuple(let items):
            var out: [PyTree] = []
            for i in items { out.append(try i.rebuild(&it)) }
            return .tuple(out)
        case .list(let items):
            var out: [PyTree] = []
            for i in items { out.append(try i.rebuild(&it)) }
            return .list(out)
        case .dict(let pairs):
            var out: [(String, PyTree)] = []
            for (k, v) in PyTree.sorted(pairs) { out.append((k, try v.rebuild(&it))) }
            return .dict(out)
        case .none:
            return .none
        }
    }

    /// The tree's structure as JAX prints a PyTreeDef body: `(*, [*, *], {'a': *})`.
    public var structure: String {
        switch self {
        case .leaf: return "*"
        case .none: return "None"
        case .tuple(let items):
            return items.count == 1 ? "(\(items[0].structure),)" : "(" + items.map(\.structure).joined(separator: ", ") + ")"
        case .list(let items): return "[" + items.map(\.structure).joined(separator: ", ") + "]"
        case .dict(let pairs): return "{" + PyTree.sorted(pairs).map { "'\($0.0)': \($0.1.structure)" }.joined(separator: ", ") + "}"
        }
    }

    /// True when two trees have the same containers (leaves not compared).
    func sameStructure(_ other: PyTree) -> Bool { structure == other.structure }
}
