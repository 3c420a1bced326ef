import JaxCore

/// A Python set or frozenset, with the set operators and methods. Membership is a dict from
/// member to its slot in a `SetTable`, the copy of CPython's table that decides the order in
/// which the members iterate and print.
final class PySet: PyObject {
    /// Each member, mapped to its slot in `table`.
    private let slotOf = PyDict()
    private var table = SetTable()
    let isFrozen: Bool

    init(frozen: Bool = false) { isFrozen = frozen }

    override var typeName: String { isFrozen ? "frozenset" : "set" }

    /// The members in CPython's iteration order.
    var members: [PyValue] { table.members }

    var count: Int { table.used }

    func contains(_ v: PyValue) throws(PyException) -> Bool { try slotOf.get(v) != nil }

    /// Adds `v` (`set.add`), placing it where CPython's table would.
    func insert(_ v: PyValue, _ interp: Interpreter) throws(PyException) {
        if try slotOf.get(v) != nil { return }
        try place(v, hash: try interp.hashValue(v))
    }

    private func place(_ v: PyValue, hash: Int) throws(PyException) {
        if let slot = table.insert(v, hash: hash) {
            try slotOf.set(v, .int(slot))
        } else {
            try reindex()
        }
    }

    /// Removes `v`; false when it was not a member.
    @discardableResult
    func discard(_ v: PyValue) throws(PyException) -> Bool {
        guard case .int(let slot)? = try slotOf.remove(v) else { return false }
        table.remove(at: slot)
        return true
    }

    func popMember() throws(PyException) -> PyValue? {
        guard let slot = table.popSlot(), case .active(_, let member) = table.slots[slot] else { return nil }
        _ = try slotOf.remove(member)
        table.remove(at: slot)
        return member
    }

    func removeAll() {
        slotOf.clear()
        table.clear()
    }

    private func reindex() throws(PyException) {
        slotOf.clear()
        for (i, member) in table.positions { try slotOf.set(member, .int(i)) }
    }

    /// `set_merge`: adds every member of `other`, copying its table outright when this set is
    /// empty, as CPython does (which is why a copy iterates in the same order).
    func merge(_ other: PySet, _ interp: Interpreter) throws(PyException) {
        guard other !== self, other.count > 0 else { return }
        var moved = false
        if (table.fill + other.count) * 5 >= table.mask * 3 {
            table.resize(minimumUsed: (table.used + other.count) * 2)
            moved = true
        }
        if table.copyIntoEmpty(from: other.table) {
            try reindex()
            return
        }
        if moved { try reindex() }
        for (hash, member) in other.table.entries where try !contains(member) { try place(member, hash: hash) }
    }

    /// `set_update_internal`: a set merges; a dict's keys and other iterables are added one by one.
    func update(with value: PyValue, _ interp: Interpreter) throws(PyException) {
        switch value {
        case .object(let other as PySet):
            try merge(other, interp)
        case .dict(let d):
            if (table.fill + d.count) * 5 >= table.mask * 3 {
                table.resize(minimumUsed: (table.used + d.count) * 2)
                try reindex()
            }
            for k in d.keys { try insert(k, interp) }
        default:
            let iterator = try interp.iterate(value)
            while let item = try iterator.next() {
                try interp.context.checkInterrupt()
                try insert(item, interp)
            }
        }
    }

    /// A new set (or frozenset) with this one's members, in this one's order.
    func copied(frozen: Bool? = nil, _ interp: Interpreter) throws(PyException) -> PySet {
        let result = PySet(frozen: frozen ?? isFrozen)
        try result.merge(self, interp)
        return result
    }

    override func repr(_ interp: Interpreter) throws(PyException) -> String {
        let items = try interp.reprItems(members)
        if isFrozen { return count == 0 ? "frozenset()" : "frozenset({" + items + "})" }
        return count == 0 ? "set()" : "{" + items + "}"
    }

    override func length(_ interp: Interpreter) throws(PyException) -> Int? { count }

    override func makeIterator(_ interp: Interpreter) throws(PyException) -> PyIterator? {
        PyIterator(kind: "set_iterator", values: members)
    }

    override func containsItem(_ item: PyValue, _ interp: Interpreter) throws(PyException) -> Bool? {
        try contains(item)
    }

    override func hashKey() throws(PyException) -> String? {
        guard isFrozen else { throw PyException.typeError("unhashable type: 'set'") }
        // the same members give the same key whatever their order
        var combined = 0
        for k in members { combined ^= try PyKey(k).hashValue }
        return "frozenset:\(count):\(combined)"
    }

    /// CPython's `hash(frozenset)`.
    func pythonHash() -> Int {
        func shuffle(_ h: UInt) -> UInt { ((h ^ 89_869_747) ^ (h << 16)) &* 3_644_798_167 }
        var hash: UInt = 0
        for (h, _) in table.entries { hash ^= shuffle(UInt(bitPattern: h)) }
        hash ^= (UInt(count) &+ 1) &* 1_927_868_237
        hash ^= (hash >> 11) ^ (hash >> 25)
        hash = hash &* 69069 &+ 907_133_923
        let result = Int(bitPattern: hash)
        return result == -1 ? 590_923_713 : result
    }

    func isSubset(of other: PySet) throws(PyException) -> Bool {
        for k in members where try !other.contains(k) { return false }
        return true
    }

    override func compare(_ op: CompareOperator, _ other: PyValue, reflected: Bool, _ interp: Interpreter) throws(PyException) -> PyValue? {
        guard case .object(let o) = other, let s = o as? PySet else { return nil }
        let subset = try isSubset(of: s)
        let superset = try s.isSubset(of: self)
        switch op {
        case .equal: return .bool(subset && superset)
        case .notEqual: return .bool(!(subset && superset))
        case .lessEqual: return .bool(subset)
        case .less: return .bool(subset && !superset)
        case .greaterEqual: return .bool(superset)
        case .greater: return .bool(superset && !subset)
        default: return nil
        }
    }

    override func binary(_ op: BinaryOperator, _ other: PyValue, reflected: Bool, _ interp: Interpreter) throws(PyException) -> PyValue? {
        guard case .object(let o) = other, let s = o as? PySet else { return nil }
        let (a, b) = reflected ? (s, self) : (self, s)
        switch op {
        case .or: return .object(try a.union([.object(b)], interp))
        case .and: return .object(try a.intersection(b, interp))
        case .subtract: return .object(try a.difference(b, interp))
        case .xor: return .object(try a.symmetricDifference(b, interp))
        default: return nil
        }
    }

    /// `set_union`: a copy, updated with each argument in turn.
    func union(_ others: [PyValue], _ interp: Interpreter) throws(PyException) -> PySet {
        let result = try copied(interp)
        for other in others { try result.update(with: other, interp) }
        return result
    }

    /// `set_intersection`: the smaller set's members (in its order) that the other has.
    func intersection(_ other: PySet, _ interp: Interpreter) throws(PyException) -> PySet {
        let result = PySet(frozen: isFrozen)
        let (small, large) = other.count > count ? (self, other) : (other, self)
        for member in small.members where try large.contains(member) { try result.insert(member, interp) }
        return result
    }

    /// `set_difference`: a copy with the other's members discarded when this set is much
    /// larger, else this set's members (in order) that the other lacks.
    func difference(_ other: PySet, _ interp: Interpreter) throws(PyException) -> PySet {
        if count >> 2 > other.count {
            let result = try copied(interp)
            for member in other.members { try result.discard(member) }
            return result
        }
        let result = PySet(frozen: isFrozen)
        for member in members where try !other.contains(member) { try result.insert(member, interp) }
        return result
    }

    /// `set_symmetric_difference`: a copy of the other, toggled by each member of this set.
    func symmetricDifference(_ other: PySet, _ interp: Interpreter) throws(PyException) -> PySet {
        let result = try other.copied(frozen: isFrozen, interp)
        try result.toggleAll(self, interp)
        return result
    }

    static let methods: Set<String> = [
        "add", "discard", "remove", "pop", "clear", "update", "union", "intersection", "difference", "symmetric_difference",
        "issubset", "issuperset", "isdisjoint", "copy", "intersection_update", "difference_update", "symmetric_difference_update",
    ]
    static let mutating: Set<String> = ["add", "discard", "remove", "pop", "clear", "update", "intersection_update",
                                        "difference_update", "symmetric_difference_update"]

    override func getAttribute(_ name: String, _ interp: Interpreter) throws(PyException) -> PyValue? {
        guard PySet.methods.contains(name), !(isFrozen && PySet.mutating.contains(name)) else { return nil }
        return .object(PyBuiltin(name, owner: typeName) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            try self.method(name, args, interp)
        })
    }

    override func attributeNames() -> [String] {
        PySet.methods.filter { !(isFrozen && PySet.mutating.contains($0)) }.sorted()
    }

    /// An argument as a set (itself, or a new set of its items).
    private func asSet(_ v: PyValue, _ interp: Interpreter) throws(PyException) -> PySet {
        if case .object(let s as PySet) = v { return s }
        let s = PySet()
        try s.update(with: v, interp)
        return s
    }

    /// Takes `result`'s members and table, as CPython swaps the bodies of two sets.
    private func assign(_ result: PySet) throws(PyException) {
        table = result.table
        try reindex()
    }

    /// `set_difference_update_internal`: discards the other's members in place (walking the
    /// intersection when the other is much larger), then purges the dummies if they are many.
    private func discardAll(_ other: PyValue, _ interp: Interpreter) throws(PyException) {
        if case .object(let s as PySet) = other {
            if s === self {
                removeAll()
                return
            }
            let walked = s.count >> 3 > count ? try intersection(s, interp) : s
            for member in walked.members { try discard(member) }
        } else {
            let iterator = try interp.iterate(other)
            while let item = try iterator.next() {
                try interp.context.checkInterrupt()
                try discard(item)
            }
        }
        if table.purgeDummiesIfMany() { try reindex() }
    }

    /// `set_symmetric_difference_update`: toggles each member of the other, in place.
    private func toggleAll(_ other: PySet, _ interp: Interpreter) throws(PyException) {
        for (hash, member) in other.table.entries {
            if try !discard(member) { try place(member, hash: hash) }
        }
    }

    private func method(_ name: String, _ args: Arguments, _ interp: Interpreter) throws(PyException) -> PyValue {
        if !args.keywords.isEmpty { throw PyException.typeError("\(typeName).\(name)() takes no keyword arguments") }
        func one() throws(PyException) -> PyValue {
            guard args.positional.count == 1 else {
                throw PyException.typeError("\(typeName).\(name)() takes exactly one argument (\(args.positional.count) given)")
            }
            return args.positional[0]
        }
        switch name {
        case "add":
            try insert(try one(), interp)
        case "discard":
            try discard(try one())
        case "remove":
            let item = try one()
            if try !discard(item) { throw try interp.keyError(item) }
        case "pop":
            guard let member = try popMember() else { throw PyException("KeyError", "'pop from an empty set'") }
            return member
        case "clear":
            removeAll()
        case "update":
            for v in args.positional { try update(with: v, interp) }
        case "union":
            return .object(try union(args.positional, interp))
        case "intersection", "intersection_update":
            var result = try copied(interp)
            for v in args.positional { result = try result.intersection(try asSet(v, interp), interp) }
            if name == "intersection" { return .object(result) }
            try assign(result)
        case "difference":
            guard let first = args.positional.first else { return .object(try copied(interp)) }
            let result = try difference(try asSet(first, interp), interp)
            for v in args.positional.dropFirst() { try result.discardAll(v, interp) }
            return .object(result)
        case "difference_update":
            for v in args.positional { try discardAll(v, interp) }
        case "symmetric_difference":
            return .object(try symmetricDifference(try asSet(try one(), interp), interp))
        case "symmetric_difference_update":
            try toggleAll(try asSet(try one(), interp), interp)
        case "issubset":
            return .bool(try isSubset(of: try asSet(try one(), interp)))
        case "issuperset":
            return .bool(try asSet(try one(), interp).isSubset(of: self))
        case "isdisjoint":
            let other = try asSet(try one(), interp)
            for k in members where try other.contains(k) { return .bool(false) }
            return .bool(true)
        case "copy":
            // a frozenset is its own copy
            return isFrozen ? .object(self) : .object(try copied(interp))
        default:
            break
        }
        return .none
    }
}

extension PySet: InPlaceUpdatable {
    /// `s |= t`, `s &= t`, `s -= t`, `s ^= t` change a set in place (a frozenset gets a new one).
    func inPlace(_ op: BinaryOperator, _ value: PyValue, _ interp: Interpreter) throws(PyException) -> PyValue? {
        guard !isFrozen, case .object(let other as PySet) = value else { return nil }
        switch op {
        case .or: try merge(other, interp)
        case .and: try assign(try intersection(other, interp))
        case .subtract: try discardAll(value, interp)
        case .xor: try toggleAll(other, interp)
        default: return nil
        }
        return .object(self)
    }
}
