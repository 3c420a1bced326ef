/// A CPython 3.11 `set` of small non-negative integers laid out slot for slot as CPython lays
/// it out (an int is its own hash), so that it iterates in CPython's order. opt_einsum's path
/// searches keep the operands still to contract in such sets, and which of two equally good
/// contractions they try first, and so which path they return, depends on that order.
struct CPythonIntSet {
    private var slots: [Int?] = Array(repeating: nil, count: 8)
    private var used = 0, fill = 0

    init() {}

    /// `set(values)`: each added in turn.
    init(_ values: [Int]) {
        for v in values { add(v) }
    }

    /// The members in iteration order (table order).
    var elements: [Int] { slots.compactMap { $0 } }

    var count: Int { used }

    private var mask: Int { slots.count - 1 }

    /// `set_add_entry`: probe from `key & mask` (nine slots in a row where the table has room,
    /// then the perturbed jump), growing the table once it is three-fifths full.
    mutating func add(_ key: Int) {
        var i = key & mask, perturb = key
        while true {
            let probes = i + 9 <= mask ? 9 : 0
            for j in i...(i + probes) {
                if slots[j] == key { return }
                if slots[j] == nil {
                    slots[j] = key
                    fill += 1
                    used += 1
                    if fill * 5 >= mask * 3 { resize(used > 50000 ? used * 2 : used * 4) }
                    return
                }
            }
            perturb >>= 5
            i = (i &* 5 &+ 1 &+ perturb) & mask
        }
    }

    /// `set_table_resize`: the smallest power of two above `minimum` (at least 8), the members
    /// reinserted in table order.
    private mutating func resize(_ minimum: Int) {
        var size = 8
        while size <= minimum { size <<= 1 }
        let old = elements
        slots = Array(repeating: nil, count: size)
        for key in old { insertClean(key) }
        fill = used
    }

    /// `set_insert_clean`: the first empty slot on the probe sequence.
    private mutating func insertClean(_ key: Int) {
        var i = key & mask, perturb = key
        while true {
            if slots[i] == nil {
                slots[i] = key
                return
            }
            if i + 9 <= mask, let j = ((i + 1)...(i + 9)).first(where: { slots[$0] == nil }) {
                slots[j] = key
                return
            }
            perturb >>= 5
            i = (i &* 5 &+ 1 &+ perturb) & mask
        }
    }

    /// `self - {a, b}`: a new set, the members kept added in iteration order (CPython copies
    /// and deletes instead only when the set has twelve or more members).
    func removing(_ a: Int, _ b: Int) -> CPythonIntSet {
        var result = CPythonIntSet()
        for k in elements where k != a && k != b { result.add(k) }
        return result
    }

    /// `self | {key}`: a copy (`set_merge` into an empty set), then the new member merged in.
    func adding(_ key: Int) -> CPythonIntSet {
        var result = CPythonIntSet()
        if used > 0 {
            if used * 5 >= result.mask * 3 { result.resize(used * 2) }
            if result.mask == mask && fill == used {
                result.slots = slots
            } else {
                for k in elements { result.insertClean(k) }
            }
            result.fill = used
            result.used = used
        }
        if result.used == 0 {
            // an empty set takes the one-member set's table as it is
            result.slots[key & 7] = key
            result.fill = 1
            result.used = 1
            return result
        }
        if (result.fill + 1) * 5 >= result.mask * 3 { result.resize((result.used + 1) * 2) }
        result.add(key)
        return result
    }

    /// `itertools.combinations(self, 2)`.
    var pairs: [(Int, Int)] {
        let pool = elements
        var out: [(Int, Int)] = []
        for x in pool.indices {
            for y in (x + 1)..<pool.count { out.append((pool[x], pool[y])) }
        }
        return out
    }
}
