import BigInt
import JaxCore

/// A Python value as the interpreter holds it. Ints stay in `Int` until they overflow, then
/// move to `BigInt` (and back when small again), so arithmetic is exact as in Python.
public enum PyValue {
    case none
    case bool(Bool)
    case int(Int)
    case bigInt(BigInt)
    case float(Double)
    case str(String)
    case tuple([PyValue])
    case list(PyList)
    case dict(PyDict)
    /// Everything else: functions, types, modules, arrays, exceptions, iterators, ...
    case object(PyObject)

    /// An int from a BigInt, in the small representation when it fits.
    static func int(_ value: BigInt) -> PyValue {
        if let small = Int(exactly: value) { return .int(small) }
        return .bigInt(value)
    }

    /// The Python type name used in error messages (`'int'`, `'list'`, `'NoneType'`).
    var typeName: String {
        switch self {
        case .none: return "NoneType"
        case .bool: return "bool"
        case .int, .bigInt: return "int"
        case .float: return "float"
        case .str: return "str"
        case .tuple: return "tuple"
        case .list: return "list"
        case .dict: return "dict"
        case .object(let o): return o.typeName
        }
    }

    var isNone: Bool {
        if case .none = self { return true }
        return false
    }

    /// The value as a BigInt if it is an int or bool.
    var bigIntValue: BigInt? {
        switch self {
        case .bool(let b): return b ? 1 : 0
        case .int(let i): return BigInt(i)
        case .bigInt(let b): return b
        default: return nil
        }
    }
}

/// A Python list: a mutable sequence shared by reference.
public final class PyList {
    var items: [PyValue]

    init(_ items: [PyValue] = []) { self.items = items }
}

/// A Python dict: insertion-ordered, keyed by hashable Python values.
///
/// Looking a key up may run Python code (a user class's `__eq__`), and that code may change
/// this very dict. So every lookup works on a copy of the index and checks afterwards that the
/// dict did not change under it (`version`), starting over if it did, as CPython does.
public final class PyDict {
    private(set) var keys: [PyValue] = []
    private(set) var values: [PyValue] = []
    private var index: [PyKey: Int] = [:]
    /// Counts changes, so a lookup that ran Python code can tell the dict changed meanwhile.
    private var version = 0
    /// How many times a lookup starts over before giving up on a dict that keeps changing.
    private static let attempts = 100

    init() {}

    var count: Int { keys.count }

    private static var changedDuringLookup: PyException {
        PyException("RuntimeError", "dictionary changed size during iteration")
    }

    func get(_ key: PyValue) throws(PyException) -> PyValue? {
        let k = try PyKey(key)
        guard k.involvesPython else { return index[k].map { values[$0] } }
        for _ in 0..<PyDict.attempts {
            let before = version
            let table = index
            let position = table[k]
            guard version == before else { continue }
            guard let i = position else { return nil }
            return values[i]
        }
        throw PyDict.changedDuringLookup
    }

    func set(_ key: PyValue, _ value: PyValue) throws(PyException) {
        let k = try PyKey(key)
        version += 1
        guard k.involvesPython else {
            if let i = index[k] {
                values[i] = value
            } else {
                index[k] = keys.count
                keys.append(key)
                values.append(value)
            }
            return
        }
        for _ in 0..<PyDict.attempts {
            let before = version
            var table = index
            let position = table[k]
            guard version == before else { continue }
            if let i = position {
                values[i] = value
                version += 1
                return
            }
            table[k] = keys.count
            guard version == before else { continue }
            index = table
            keys.append(key)
            values.append(value)
            version += 1
            return
        }
        throw PyDict.changedDuringLookup
    }

    /// Removes `key`, returning its value (nil when absent).
    func remove(_ key: PyValue) throws(PyException) -> PyValue? {
        let k = try PyKey(key)
        guard k.involvesPython else {
            guard let i = index[k] else { return nil }
            version += 1
            let value = values[i]
            keys.remove(at: i)
            values.remove(at: i)
            index[k] = nil
            for (other, position) in index where position > i { index[other] = position - 1 }
            return value
        }
        for _ in 0..<PyDict.attempts {
            let before = version
            var table = index
            guard let i = table[k] else {
                guard version == before else { continue }
                return nil
            }
            table[k] = nil
            for (other, position) in table where position > i { table[other] = position - 1 }
            guard version == before else { continue }
            let value = values[i]
            index = table
            keys.remove(at: i)
            values.remove(at: i)
            version += 1
            return value
        }
        throw PyDict.changedDuringLookup
    }

    func clear() {
        keys = []
        values = []
        index = [:]
        version += 1
    }

    var items: [(PyValue, PyValue)] { Array(zip(keys, values)) }
}

/// A hashable stand-in for a Python value used as a dict key or set member: equal numbers of
/// any type (1, 1.0, True) are the same key, as in Python.
struct PyKey: Hashable {
    /// The hashable shape of a key.
    private enum Shape: Hashable {
        case none
        case int(BigInt)
        case float(UInt64)
        case str(String)
        case tuple([PyKey])
        case identity(ObjectIdentifier)
        case custom(String)
        case hashed(HashedObject)
    }

    private let shape: Shape
    /// Whether comparing this key may run Python code (a user's `__eq__`), which may change
    /// the dict being searched.
    let involvesPython: Bool

    init(_ value: PyValue) throws(PyException) {
        try self.init(value, depth: 0)
    }

    private init(_ value: PyValue, depth: Int) throws(PyException) {
        shape = try PyKey.shape(of: value, depth: depth)
        switch shape {
        case .hashed: involvesPython = true
        case .tuple(let items): involvesPython = items.contains { $0.involvesPython }
        default: involvesPython = false
        }
    }

    static func == (a: PyKey, b: PyKey) -> Bool { a.shape == b.shape }

    func hash(into hasher: inout Hasher) { hasher.combine(shape) }

    private static func shape(of value: PyValue, depth: Int) throws(PyException) -> Shape {
        if depth > 1000 { throw PyException("RecursionError", "maximum recursion depth exceeded while calling a Python object") }
        switch value {
        case .none: return .none
        case .bool(let b): return .int(b ? 1 : 0)
        case .int(let i): return .int(BigInt(i))
        case .bigInt(let b): return .int(b)
        case .float(let d):
            if d.isFinite, d.rounded() == d, let exact = BigInt(exactly: d) { return .int(exact) }
            return .float(d.isNaN ? Double.nan.bitPattern : d.bitPattern)
        case .str(let s): return .str(s)
        case .tuple(let items):
            var keys: [PyKey] = []
            for item in items { keys.append(try PyKey(item, depth: depth + 1)) }
            return .tuple(keys)
        case .list, .dict:
            throw PyException.typeError("unhashable type: '\(value.typeName)'")
        case .object(let c as PyComplex) where c.imaginary == 0:
            // a complex with no imaginary part is the same key as its real part
            return try shape(of: .float(c.real), depth: depth + 1)
        case .object(let instance as PyInstance) where instance.cls.lookupOverride("__hash__") == nil && instance.base != nil:
            // an instance of a tuple (or str, int) subclass is the same key as its value
            return try shape(of: instance.base ?? .none, depth: depth + 1)
        case .object(let o):
            if let hash = try o.customHash() { return .hashed(HashedObject(hash: hash, object: o)) }
            if let custom = try o.hashKey() { return .custom(custom) }
            return .identity(ObjectIdentifier(o))
        }
    }
}

/// A key whose hash came from Python code: equal when `__eq__` says so.
final class HashedObject: Hashable {
    let hash: Int
    let object: PyObject

    init(hash: Int, object: PyObject) {
        self.hash = hash
        self.object = object
    }

    /// Equal hashes first, then identity or `__eq__`, as CPython's dict compares entries: an
    /// object whose hash changed after it became a key (a mutated attribute its `__hash__`
    /// reads) is then a new key, as in CPython, instead of two equal keys with different hashes,
    /// which breaks the table.
    static func == (a: HashedObject, b: HashedObject) -> Bool {
        a.hash == b.hash && (a.object === b.object || a.object.keyEquals(b.object))
    }

    func hash(into hasher: inout Hasher) { hasher.combine(hash) }
}
