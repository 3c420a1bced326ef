import CMemory
import JaxCore

/// The caps on how far a list or string may grow, so that a doubling loop (`c += c`,
/// `s = s + s`) ends in a MemoryError instead of taking the machine's memory: lists like
/// `[0] * n` are capped at `Interpreter.maxSequenceLength` items, strings at
/// `Interpreter.maxStringBytes` bytes of UTF-8, and both count against the session's
/// allocation limit and memory budget as arrays do.
extension Interpreter {
    /// 256 MiB: far beyond any string a lesson builds, small enough to copy a few times.
    static let maxStringBytes = 1 << 28

    /// Refuses a string of `bytes` bytes plus `count` copies of a `size`-byte piece when that
    /// would be longer than jaxlab holds (the sum is computed without overflowing).
    func checkStringSize(_ bytes: Int, plus count: Int = 0, times size: Int = 1) throws(PyException) {
        let (added, overflow) = count.multipliedReportingOverflow(by: size)
        let (total, overflow2) = bytes.addingReportingOverflow(added)
        if overflow || overflow2 || total > Interpreter.maxStringBytes {
            throw PyException.memoryError("a string this long (more than \(Interpreter.maxStringBytes >> 20) MiB) is too large for jaxlab")
        }
        try context.limits.reserve(total, for: "a string of \(total) bytes")
    }

    /// Refuses a list or tuple of `count` plus `added` items beyond `maxSequenceLength`.
    func checkSequenceLength(_ count: Int, plus added: Int) throws(PyException) {
        let (total, overflow) = count.addingReportingOverflow(added)
        if overflow || total > Interpreter.maxSequenceLength {
            throw PyException.memoryError("a sequence of more than \(Interpreter.maxSequenceLength) items is too large for jaxlab")
        }
        try context.limits.reserve(total * MemoryLayout<PyValue>.stride, for: "a sequence of \(total) items")
    }

    /// Refuses `s.replace(old, new, count)` when its result would be too long: counted only
    /// when the worst case (every position a match) is, so the common case costs nothing.
    func checkReplacementSize(_ s: String, _ old: String, _ new: String, count: Int) throws(PyException) {
        let growth = new.utf8.count - old.utf8.count
        guard growth > 0 else { return }
        var matches = old.isEmpty ? s.count + 1 : s.utf8.count / old.utf8.count
        if count >= 0 { matches = min(matches, count) }
        if (try? checkStringSize(s.utf8.count, plus: matches, times: growth)) != nil { return }
        if !old.isEmpty { matches = Interpreter.occurrences(of: old, in: s, upTo: count < 0 ? Int.max : count) }
        try checkStringSize(s.utf8.count, plus: matches, times: growth)
    }

    /// How many non-overlapping times `needle` occurs in `text`, counting at most `limit`.
    /// Matching UTF-8 bytes finds exactly the code point matches (UTF-8 is self-synchronising).
    static func occurrences(of needle: String, in text: String, upTo limit: Int) -> Int {
        var text = text, needle = needle
        return text.withUTF8 { hay in
            needle.withUTF8 { pattern in
                guard let base = hay.baseAddress, let key = pattern.baseAddress else { return 0 }
                return Int(jl_count_occurrences(base, hay.count, key, pattern.count, max(0, limit)))
            }
        }
    }

    /// Appends `values` to `list` (already collected, so a list extended by itself adds its
    /// old items once), refusing to grow past what jaxlab holds.
    func extend(_ list: PyList, with values: [PyValue]) throws(PyException) {
        try checkSequenceLength(list.items.count, plus: values.count)
        list.items += values
    }
}
