/// A pytree: Python containers (tuple, list, dict, None, and any other registered node type)
/// around leaves. The transformations see `PyTree` (leaves are arrays or tracers); the
/// interpreter's `jax.tree` functions use the same shape with Python values as leaves. Dict
/// entries and a node's children are kept in JAX's flattening order (dicts by sorted key),
/// which whoever builds the tree establishes.
public indirect enum Tree<Leaf> {
    case leaf(Leaf)
    case tuple([Tree])
    case list([Tree])
    /// A dict with string keys, in sorted order.
    case dict([(String, Tree)])
    case none
    /// Any other node: named tuples, registered classes, dataclasses, dicts with other keys.
    case node(PyTreeNode, [Tree])

    /// The leaves in JAX's flattening order.
    public var leaves: [Leaf] {
        var out: [Leaf] = []
        collect(&out)
        return out
    }

    private func collect(_ out: inout [Leaf]) {
        switch self {
        case .leaf(let v): out.append(v)
        case .tuple(let items), .list(let items), .node(_, let items): for i in items { i.collect(&out) }
        case .dict(let pairs): for (_, v) in pairs { v.collect(&out) }
        case .none: break
        }
    }

    /// The number of leaves.
    public var leafCount: Int {
        switch self {
        case .leaf: return 1
        case .none: return 0
        case .tuple(let items), .list(let items), .node(_, let items): return items.reduce(0) { $0 + $1.leafCount }
        case .dict(let pairs): return pairs.reduce(0) { $0 + $1.1.leafCount }
        }
    }

    /// The direct children of the root, in order (none for a leaf).
    public var children: [Tree] {
        switch self {
        case .leaf, .none: return []
        case .tuple(let items), .list(let items), .node(_, let items): return items
        case .dict(let pairs): return pairs.map(\.1)
        }
    }

    /// The same structure with leaves taken in order from `leaves`.
    public func replacingLeaves<New>(_ leaves: [New]) throws(PyException) -> Tree<New> {
        let expected = leafCount
        if leaves.count > expected { throw PyException.valueError("Too many leaves for PyTreeDef; expected \(expected).") }
        if leaves.count < expected { throw PyException.valueError("Too few leaves for PyTreeDef; expected \(expected), got \(leaves.count)") }
        var iterator = leaves.makeIterator()
        return try rebuild(&iterator)
    }

    private func rebuild<New>(_ it: inout IndexingIterator<[New]>) throws(PyException) -> Tree<New> {
        switch self {
        case .leaf:
            guard let v = it.next() else { throw PyException.valueError("Too few leaves for PyTreeDef.") }
            return .leaf(v)
        case .tuple(let items):
            var out: [Tree<New>] = []
            for i in items { out.append(try i.rebuild(&it)) }
            return .tuple(out)
        case .list(let items):
            var out: [Tree<New>] = []
            for i in items { out.append(try i.rebuild(&it)) }
            return .list(out)
        case .dict(let pairs):
            var out: [(String, Tree<New>)] = []
            for (k, v) in pairs { out.append((k, try v.rebuild(&it))) }
            return .dict(out)
        case .node(let kind, let items):
            var out: [Tree<New>] = []
            for i in items { out.append(try i.rebuild(&it)) }
            return .node(kind, out)
        case .none:
            return .none
        }
    }

    /// The same structure with each leaf transformed.
    public func mapLeaves<New>(_ transform: (Leaf) throws(PyException) -> New) throws(PyException) -> Tree<New> {
        switch self {
        case .leaf(let v): return .leaf(try transform(v))
        case .none: return .none
        case .tuple(let items):
            var out: [Tree<New>] = []
            for i in items { out.append(try i.mapLeaves(transform)) }
            return .tuple(out)
        case .list(let items):
            var out: [Tree<New>] = []
            for i in items { out.append(try i.mapLeaves(transform)) }
            return .list(out)
        case .dict(let pairs):
            var out: [(String, Tree<New>)] = []
            for (k, v) in pairs { out.append((k, try v.mapLeaves(transform))) }
            return .dict(out)
        case .node(let kind, let items):
            var out: [Tree<New>] = []
            for i in items { out.append(try i.mapLeaves(transform)) }
            return .node(kind, out)
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
        case .dict(let pairs): return "{" + pairs.map { "\(PyTreeNode.quoted($0.0)): \($0.1.structure)" }.joined(separator: ", ") + "}"
        case .node(let kind, let items): return kind.render(items.map(\.structure))
        }
    }

    /// True when two trees have the same containers and node data (leaves not compared).
    public func sameStructure<Other>(_ other: Tree<Other>) -> Bool { structure == other.structure }

    /// The path of each leaf in flattening order, as `jax.tree_util.keystr` writes it.
    public var leafPaths: [String] {
        switch self {
        case .leaf: return [""]
        case .none: return []
        case .tuple(let items), .list(let items):
            return items.enumerated().flatMap { i, item in item.leafPaths.map { "[\(i)]" + $0 } }
        case .dict(let pairs):
            return pairs.flatMap { key, item in item.leafPaths.map { "[\(PyTreeNode.quoted(key))]" + $0 } }
        case .node(let kind, let items):
            return items.enumerated().flatMap { i, item in item.leafPaths.map { kind.childPath(i) + $0 } }
        }
    }
}

/// The trees the transformations take and return: leaves are arrays or tracers.
public typealias PyTree = Tree<JaxValue>

/// A pytree node type other than tuple, list, str-keyed dict and None, with its node data
/// (what `PyTreeDef` prints between the brackets, and what rebuilds the node). The interpreter
/// keeps what it needs to rebuild the Python object in `payload`.
public final class PyTreeNode {
    /// How the node prints around its children's structures:
    /// `CustomNode(namedtuple[P], [*, *])` or `{1: *, 2: *}`.
    public let render: ([String]) -> String
    /// The key-path text of child `i` (`.name`, `[0]`, `[1]`).
    public let childPath: (Int) -> String
    /// The interpreter's description of the node (its class, node data, registration).
    public let payload: AnyObject

    public init(payload: AnyObject, childPath: @escaping (Int) -> String, render: @escaping ([String]) -> String) {
        self.payload = payload
        self.childPath = childPath
        self.render = render
    }

    /// A string as Python's repr writes it (single quotes unless the text has one).
    public static func quoted(_ s: String) -> String {
        let quote = s.contains("'") && !s.contains("\"") ? "\"" : "'"
        var out = quote
        for c in s.unicodeScalars {
            switch c {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if String(c) == quote { out += "\\" + quote } else { out.unicodeScalars.append(c) }
            }
        }
        return out + quote
    }
}
