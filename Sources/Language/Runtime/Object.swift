import JaxCore

/// The base of every Python value that is not a plain number, string or container: each
/// kind of object overrides the protocol methods it supports (attributes, calls, operators,
/// iteration), and the defaults raise the TypeError/AttributeError Python would.
public class PyObject {
    /// The short type name used in error messages (`'function'`, `'module'`).
    var typeName: String { "object" }

    /// The type `type(x)` returns; by default the builtin type of that name.
    func pythonType(_ interp: Interpreter) -> PyValue {
        interp.builtinType(named: typeName)
    }

    /// `<typeName object at 0x...>` unless overridden.
    func repr(_ interp: Interpreter) throws(PyException) -> String {
        "<\(typeName) object at \(addressText)>"
    }

    func str(_ interp: Interpreter) throws(PyException) -> String { try repr(interp) }

    /// An attribute, or nil for AttributeError.
    func getAttribute(_ name: String, _ interp: Interpreter) throws(PyException) -> PyValue? { nil }

    func setAttribute(_ name: String, _ value: PyValue, _ interp: Interpreter) throws(PyException) {
        throw PyException("AttributeError", "'\(typeName)' object has no attribute '\(name)'")
    }

    func deleteAttribute(_ name: String, _ interp: Interpreter) throws(PyException) {
        if try getAttribute(name, interp) != nil {
            throw PyException("AttributeError", "'\(typeName)' object attribute '\(name)' is read-only")
        }
        throw PyException("AttributeError", "'\(typeName)' object has no attribute '\(name)'")
    }

    /// Whether the object, stored on a class, becomes a bound method when looked up on an
    /// instance (Python functions and JAX's wrapped functions do; builtins do not).
    var bindsAsMethod: Bool { false }

    var isCallable: Bool { false }

    func call(_ interp: Interpreter, _ args: Arguments) throws(PyException) -> PyValue {
        throw PyException.typeError("'\(typeName)' object is not callable")
    }

    /// An iterator over the object, or nil when it is not iterable.
    func makeIterator(_ interp: Interpreter) throws(PyException) -> PyIterator? { nil }

    /// `len(x)`, or nil when the object has no length.
    func length(_ interp: Interpreter) throws(PyException) -> Int? { nil }

    func truth(_ interp: Interpreter) throws(PyException) -> Bool {
        if let n = try length(interp) { return n != 0 }
        return true
    }

    func getItem(_ index: PyValue, _ interp: Interpreter) throws(PyException) -> PyValue {
        throw PyException.typeError("'\(typeName)' object is not subscriptable")
    }

    func setItem(_ index: PyValue, _ value: PyValue, _ interp: Interpreter) throws(PyException) {
        throw PyException.typeError("'\(typeName)' object does not support item assignment")
    }

    func deleteItem(_ index: PyValue, _ interp: Interpreter) throws(PyException) {
        throw PyException.typeError("'\(typeName)' object doesn't support item deletion")
    }

    /// `item in x` for objects with their own membership test; nil to search the iteration.
    func containsItem(_ item: PyValue, _ interp: Interpreter) throws(PyException) -> Bool? { nil }

    /// `format(x, spec)` for objects with their own formatting; nil for the default rules.
    func format(_ spec: String, _ interp: Interpreter) throws(PyException) -> String? { nil }

    /// `self op other` (or `other op self` when `reflected`); nil means NotImplemented.
    func binary(_ op: BinaryOperator, _ other: PyValue, reflected: Bool, _ interp: Interpreter) throws(PyException) -> PyValue? {
        nil
    }

    /// A rich comparison (`==`, `<`, ...); nil means NotImplemented.
    func compare(_ op: CompareOperator, _ other: PyValue, reflected: Bool, _ interp: Interpreter) throws(PyException) -> PyValue? {
        nil
    }

    func unary(_ op: UnaryOperator, _ interp: Interpreter) throws(PyException) -> PyValue? { nil }

    /// `abs(x)` and `round(x, n)` for objects that support them; nil otherwise.
    func absolute(_ interp: Interpreter) throws(PyException) -> PyValue? { nil }
    func rounded(_ ndigits: PyValue, _ interp: Interpreter) throws(PyException) -> PyValue? { nil }

    /// A value-based hash key (nil hashes by identity); throws TypeError when unhashable.
    func hashKey() throws(PyException) -> String? { nil }

    /// A hash computed by Python code (`__hash__`), consulted before `hashKey`; keys with one
    /// compare with `keyEquals`.
    func customHash() throws(PyException) -> Int? { nil }

    func keyEquals(_ other: PyObject) -> Bool { self === other }

    /// `float(x)`, `int(x)`, `bool(x)` conversions and `x.__index__()`; nil when unsupported.
    func toFloat(_ interp: Interpreter) throws(PyException) -> Double? { nil }
    func toInt(_ interp: Interpreter) throws(PyException) -> PyValue? { nil }
    func toIndex(_ interp: Interpreter) throws(PyException) -> Int? { nil }

    /// Names for `dir()` and tab completion.
    func attributeNames() -> [String] { [] }

    /// A hexadecimal address like CPython's `0x7f...`, stable for the object's lifetime.
    var addressText: String {
        "0x" + String(UInt(bitPattern: ObjectIdentifier(self)), radix: 16)
    }
}

/// The positional and keyword arguments of one call.
public struct Arguments {
    var positional: [PyValue]
    var keywords: [(String, PyValue)]

    init(_ positional: [PyValue] = [], keywords: [(String, PyValue)] = []) {
        self.positional = positional
        self.keywords = keywords
    }

    /// Matches the arguments to named parameters, Python style: the first `required` must be
    /// given; extra positionals or unknown keywords are TypeErrors naming `function`.
    func bind(_ function: String, _ names: [String], required: Int = 0, positionalOnly: Int = 0,
              maxPositional: Int? = nil) throws(PyException) -> [PyValue?] {
        var slots = [PyValue?](repeating: nil, count: names.count)
        let limit = maxPositional ?? names.count
        if positional.count > limit {
            let takes = required == limit ? "\(limit)" : "from \(required) to \(limit)"
            let plural = limit == 1 && required == limit ? "argument" : "arguments"
            throw PyException.typeError(
                "\(function)() takes \(takes) positional \(plural) but \(positional.count) \(positional.count == 1 ? "was" : "were") given")
        }
        for (i, value) in positional.enumerated() { slots[i] = value }
        for (name, value) in keywords {
            guard let i = names.firstIndex(of: name), i >= positionalOnly else {
                throw PyException.typeError("\(function)() got an unexpected keyword argument '\(name)'")
            }
            if slots[i] != nil {
                throw PyException.typeError("\(function)() got multiple values for argument '\(name)'")
            }
            slots[i] = value
        }
        let missing = (0..<required).filter { slots[$0] == nil }.map { "'\(names[$0])'" }
        if !missing.isEmpty {
            let list = missing.count == 1 ? missing[0]
                : missing.dropLast().joined(separator: ", ") + " and " + (missing.last ?? "")
            throw PyException.typeError(
                "\(function)() missing \(missing.count) required positional argument\(missing.count == 1 ? "" : "s"): \(list)")
        }
        return slots
    }

    /// The value of keyword `name`, if given.
    func keyword(_ name: String) -> PyValue? {
        keywords.first { $0.0 == name }?.1
    }
}

/// A function written in Swift (`print`, `len`, `jnp.add`, bound methods such as `list.append`).
final class PyBuiltin: PyObject {
    /// The Swift implementation; it receives the interpreter for printing and callbacks.
    typealias Body = (Interpreter, Arguments) throws(PyException) -> PyValue

    let name: String
    /// For a bound method, the type name of the object it is bound to.
    let ownerType: String?
    /// The module a library function belongs to (`jax.numpy`), for its help text.
    let module: String?
    let body: Body

    init(_ name: String, owner: String? = nil, module: String? = nil, _ body: @escaping Body) {
        self.name = name
        self.ownerType = owner
        self.module = module
        self.body = body
    }

    override var typeName: String { ownerType == nil ? "builtin_function_or_method" : "builtin_function_or_method" }

    override func repr(_ interp: Interpreter) throws(PyException) -> String {
        if let ownerType { return "<built-in method \(name) of \(ownerType) object at \(addressText)>" }
        return "<built-in function \(name)>"
    }

    override var isCallable: Bool { true }

    /// `__name__` and `__qualname__` (students print `f.__name__` of the functions they loop
    /// over), and `__module__`.
    override func getAttribute(_ name: String, _ interp: Interpreter) throws(PyException) -> PyValue? {
        switch name {
        case "__name__", "__qualname__": return .str(self.name)
        case "__module__": return module.map { .str($0) } ?? (ownerType == nil ? .str("builtins") : PyValue.none)
        default: return nil
        }
    }

    override func call(_ interp: Interpreter, _ args: Arguments) throws(PyException) -> PyValue {
        try body(interp, args)
    }
}

/// A module: a name and a table of attributes.
final class PyModule: PyObject {
    let name: String
    let fileText: String?
    var attributes: [String: PyValue]
    /// Names the library has removed, with the AttributeError text it gives for each.
    var removedAttributes: [String: String] = [:]

    init(_ name: String, file: String? = nil, attributes: [String: PyValue] = [:]) {
        self.name = name
        self.fileText = file
        self.attributes = attributes
    }

    override var typeName: String { "module" }

    override func repr(_ interp: Interpreter) throws(PyException) -> String {
        if let fileText { return "<module '\(name)' from '\(fileText)'>" }
        return "<module '\(name)' (built-in)>"
    }

    override func getAttribute(_ name: String, _ interp: Interpreter) throws(PyException) -> PyValue? {
        if name == "__name__" { return .str(self.name) }
        return attributes[name]
    }

    override func setAttribute(_ name: String, _ value: PyValue, _ interp: Interpreter) throws(PyException) {
        attributes[name] = value
    }

    override func attributeNames() -> [String] { attributes.keys.sorted() }
}

/// A Python iterator: produces values until it returns nil.
class PyIterator: PyObject {
    /// Produces the next value, or nil when exhausted.
    typealias Next = () throws(PyException) -> PyValue?

    let kind: String
    private let nextValue: Next
    private var finished = false

    init(kind: String, _ next: @escaping Next) {
        self.kind = kind
        self.nextValue = next
    }

    /// Iterates over a fixed array of values.
    convenience init(kind: String, values: [PyValue]) {
        var i = 0
        self.init(kind: kind) { () throws(PyException) -> PyValue? in
            guard i < values.count else { return nil }
            i += 1
            return values[i - 1]
        }
    }

    /// An iterator whose `next()` a subclass overrides.
    init(kind: String) {
        self.kind = kind
        self.nextValue = { () throws(PyException) -> PyValue? in nil }
    }

    func next() throws(PyException) -> PyValue? {
        if finished { return nil }
        let value = try nextValue()
        if value == nil { finished = true }
        return value
    }

    override var typeName: String { kind }

    override func repr(_ interp: Interpreter) throws(PyException) -> String {
        "<\(kind) object at \(addressText)>"
    }

    override func makeIterator(_ interp: Interpreter) throws(PyException) -> PyIterator? { self }

    override func getAttribute(_ name: String, _ interp: Interpreter) throws(PyException) -> PyValue? {
        switch name {
        case "__next__":
            return .object(PyBuiltin("__next__", owner: kind) { (interp: Interpreter, _: Arguments) throws(PyException) -> PyValue in
                if let v = try self.next() { return v }
                throw interp.stopIteration(self)
            })
        case "__iter__":
            return .object(PyBuiltin("__iter__", owner: kind) { (_: Interpreter, _: Arguments) throws(PyException) -> PyValue in
                .object(self)
            })
        default:
            return nil
        }
    }
}

/// `...`: the Ellipsis singleton (all instances are the same value).
final class PyEllipsis: PyObject {
    override var typeName: String { "ellipsis" }
    override func repr(_ interp: Interpreter) throws(PyException) -> String { "Ellipsis" }
    override func hashKey() throws(PyException) -> String? { "Ellipsis" }
}

/// A slice object, `a[start:stop:step]`.
final class PySlice: PyObject {
    let start: PyValue
    let stop: PyValue
    let step: PyValue

    init(_ start: PyValue, _ stop: PyValue, _ step: PyValue) {
        self.start = start
        self.stop = stop
        self.step = step
    }

    override var typeName: String { "slice" }

    override func repr(_ interp: Interpreter) throws(PyException) -> String {
        "slice(\(try interp.repr(start)), \(try interp.repr(stop)), \(try interp.repr(step)))"
    }

    /// The start, stop and step of this slice over a sequence of `length` items, as
    /// Python's `slice.indices` computes them.
    func indices(length: Int, _ interp: Interpreter) throws(PyException) -> (Int, Int, Int) {
        let step = try step.isNone ? 1 : interp.sliceIndex(self.step)
        if step == 0 { throw PyException.valueError("slice step cannot be zero") }
        let start = try self.start.isNone ? nil : interp.sliceIndex(self.start)
        let stop = try self.stop.isNone ? nil : interp.sliceIndex(self.stop)
        let bounds = Shape.sliceBounds(start, stop, step: step, size: length)
        return (bounds.start, bounds.stop, step)
    }

    /// The positions this slice visits in a sequence of `length` items, in order; a step
    /// near Int.max ends the walk instead of overflowing.
    func positions(length: Int, _ interp: Interpreter) throws(PyException) -> [Int] {
        let (start, stop, step) = try indices(length: length, interp)
        var positions: [Int] = []
        var i = start
        while step > 0 ? i < stop : i > stop {
            positions.append(i)
            let (next, overflow) = i.addingReportingOverflow(step)
            if overflow { break }
            i = next
        }
        return positions
    }
}

/// `range(start, stop, step)`: a lazy arithmetic sequence.
final class PyRange: PyObject {
    let start: Int
    let stop: Int
    let step: Int

    init(_ start: Int, _ stop: Int, _ step: Int) {
        self.start = start
        self.stop = stop
        self.step = step
    }

    override var typeName: String { "range" }

    /// The number of elements, clamped to `Int.max` (iterating that far never ends anyway).
    var count: Int { exactCount ?? Int.max }

    /// The number of elements; nil when it does not fit an Int (`range(-2**63, 2**63-1)`),
    /// where Python's `len` raises OverflowError. The span is computed unsigned, as it cannot
    /// overflow there.
    var exactCount: Int? {
        let span: UInt
        if step > 0 {
            guard start < stop else { return 0 }
            span = UInt(bitPattern: stop &- start)
        } else {
            guard start > stop else { return 0 }
            span = UInt(bitPattern: start &- stop)
        }
        return Int(exactly: (span - 1) / step.magnitude + 1)
    }

    func element(_ i: Int) -> Int { start &+ i &* step }

    override func repr(_ interp: Interpreter) throws(PyException) -> String {
        step == 1 ? "range(\(start), \(stop))" : "range(\(start), \(stop), \(step))"
    }

    override func length(_ interp: Interpreter) throws(PyException) -> Int? {
        guard let n = exactCount else { throw PyException("OverflowError", "Python int too large to convert to C ssize_t") }
        return n
    }

    override func makeIterator(_ interp: Interpreter) throws(PyException) -> PyIterator? {
        var i = 0
        let n = count
        return PyIterator(kind: "range_iterator") { () throws(PyException) -> PyValue? in
            guard i < n else { return nil }
            i += 1
            return .int(self.element(i - 1))
        }
    }

    override func getItem(_ index: PyValue, _ interp: Interpreter) throws(PyException) -> PyValue {
        if case .object(let o) = index, let s = o as? PySlice {
            let (a, b, c) = try s.indices(length: count, interp)
            // the new range's bounds and step can leave Int's range where Python's do not
            let (newStep, stepOverflow) = step.multipliedReportingOverflow(by: c)
            let (offset, offsetOverflow) = b.multipliedReportingOverflow(by: step)
            let (newStop, stopOverflow) = start.addingReportingOverflow(offset)
            if stepOverflow || offsetOverflow || stopOverflow {
                throw PyException("OverflowError", "Python int too large to convert to C ssize_t")
            }
            return .object(PyRange(element(a), newStop, newStep))
        }
        // a huge int is past the end of any range jaxlab holds
        var i = try interp.sliceIndex(index)
        if i < 0 { i = i &+ count }
        guard i >= 0 && i < count else { throw PyException.indexError("range object index out of range") }
        return .int(element(i))
    }

    override func compare(_ op: CompareOperator, _ other: PyValue, reflected: Bool, _ interp: Interpreter) throws(PyException) -> PyValue? {
        guard op == .equal || op == .notEqual, case .object(let o) = other, let r = o as? PyRange else { return nil }
        let same = count == r.count && (count == 0 || (start == r.start && (count == 1 || step == r.step)))
        return .bool(op == .equal ? same : !same)
    }
}
