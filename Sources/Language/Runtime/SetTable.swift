/// The open-addressing table CPython keeps for a set, reproduced slot for slot (initial size 8,
/// linear probes of 9, perturbed probing, dummies left by deletions, growth when 3/5 full) so
/// that jaxlab iterates and prints a set's members in the order CPython does: `{3, 1, 2}` prints
/// as `{1, 2, 3}`. Equality of members is decided elsewhere (`PySet` keeps a dict of them); the
/// table only needs their hashes, which match CPython's for numbers and tuples of numbers.
struct SetTable {
    /// One slot of the table.
    enum Slot {
        case empty
        /// A deleted member: probing continues past it, and an insertion may reuse it.
        case dummy
        case active(hash: Int, member: PyValue)
    }

    static let minimumSize = 8
    static let linearProbes = 9
    static let perturbShift = 5

    private(set) var slots = [Slot](repeating: .empty, count: SetTable.minimumSize)
    /// Active and dummy slots.
    private(set) var fill = 0
    /// Active slots.
    private(set) var used = 0
    /// Where `pop` looks first.
    private var finger = 0

    var mask: Int { slots.count - 1 }

    var members: [PyValue] {
        slots.compactMap { if case .active(_, let m) = $0 { return m } else { return nil } }
    }

    /// The active slots as (hash, member), in table order.
    var entries: [(Int, PyValue)] {
        slots.compactMap { if case .active(let h, let m) = $0 { return (h, m) } else { return nil } }
    }

    /// `set_add_entry` for a member known not to be in the set. Returns the slot it went to,
    /// or nil when the table grew (every member's slot may have moved).
    mutating func insert(_ member: PyValue, hash: Int) -> Int? {
        let mask = UInt(self.mask)
        var perturb = UInt(bitPattern: hash)
        var i = perturb & mask
        var freeSlot: Int?
        while true {
            var j = Int(i)
            var probes = i + UInt(SetTable.linearProbes) <= mask ? SetTable.linearProbes : 0
            while true {
                switch slots[j] {
                case .empty:
                    if let free = freeSlot {
                        slots[free] = .active(hash: hash, member: member)
                        used += 1
                        return free
                    }
                    slots[j] = .active(hash: hash, member: member)
                    fill += 1
                    used += 1
                    if fill * 5 < self.mask * 3 { return j }
                    resize(minimumUsed: used > 50_000 ? used * 2 : used * 4)
                    return nil
                case .dummy:
                    // CPython 3.11 reuses the last deleted slot on the probe path
                    freeSlot = j
                case .active:
                    break
                }
                if probes == 0 { break }
                probes -= 1
                j += 1
            }
            perturb >>= UInt(SetTable.perturbShift)
            i = (i &* 5 &+ 1 &+ perturb) & mask
        }
    }

    /// `set_insert_clean`: places a member in a table without dummies or equal members.
    private mutating func insertClean(_ member: PyValue, hash: Int) {
        let mask = UInt(self.mask)
        var perturb = UInt(bitPattern: hash)
        var i = perturb & mask
        while true {
            let start = Int(i)
            let probes = i + UInt(SetTable.linearProbes) <= mask ? SetTable.linearProbes : 0
            for j in start...(start + probes) {
                if case .empty = slots[j] {
                    slots[j] = .active(hash: hash, member: member)
                    return
                }
            }
            perturb >>= UInt(SetTable.perturbShift)
            i = (i &* 5 &+ 1 &+ perturb) & mask
        }
    }

    /// `set_table_resize`: the smallest power of two above `minimumUsed` (at least 8), with
    /// the active members placed again in their old table order.
    mutating func resize(minimumUsed: Int) {
        var size = SetTable.minimumSize
        while size <= minimumUsed && size < (1 << 40) { size <<= 1 }
        if size == SetTable.minimumSize && slots.count == size && fill == used { return }
        let old = entries
        slots = [Slot](repeating: .empty, count: size)
        fill = used
        for (hash, member) in old { insertClean(member, hash: hash) }
    }

    /// After discarding many members (`difference_update`): rebuilds the table when more than a
    /// quarter of it is dummies. Returns true when it did.
    mutating func purgeDummiesIfMany() -> Bool {
        guard fill - used > mask / 4 else { return false }
        resize(minimumUsed: used > 50_000 ? used * 2 : used * 4)
        return true
    }

    /// Marks the member in `slot` deleted.
    mutating func remove(at slot: Int) {
        slots[slot] = .dummy
        used -= 1
    }

    /// `set_pop`: the first active slot from the finger on.
    mutating func popSlot() -> Int? {
        guard used > 0 else { return nil }
        var j = finger & mask
        while true {
            if case .active = slots[j] { break }
            j = j == mask ? 0 : j + 1
        }
        finger = j + 1
        return j
    }

    mutating func clear() {
        slots = [Slot](repeating: .empty, count: SetTable.minimumSize)
        fill = 0
        used = 0
    }

    /// `set_merge`'s fast paths, for merging into an empty table: the other table's slots as
    /// they are when the sizes match and it has no dummies, else its members placed cleanly.
    /// Returns false when the table is not empty (the caller then inserts one by one).
    mutating func copyIntoEmpty(from other: SetTable) -> Bool {
        guard fill == 0 else { return false }
        if mask == other.mask && other.fill == other.used {
            slots = other.slots
            fill = other.fill
            used = other.used
            return true
        }
        for (hash, member) in other.entries { insertClean(member, hash: hash) }
        fill = other.used
        used = other.used
        return true
    }

    /// The position of each active member, for the owner's membership index.
    var positions: [(Int, PyValue)] {
        slots.indices.compactMap { i in if case .active(_, let m) = slots[i] { return (i, m) } else { return nil } }
    }
}
