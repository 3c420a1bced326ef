#if canImport(Glibc)
import Glibc
#endif

/// The prompt's history of cells, kept in a readable file across runs: each cell is one entry
/// (all its lines), written as lines starting with `> ` and ended by a blank line.
///
/// Several shells may share the file. Each entry is appended with one write under a lock, so
/// no shell overwrites another's entries and a reader never sees a cut file; an entry that is
/// not yet ended by its blank line is ignored. When the file grows past twice the capacity it
/// is rewritten with the newest entries (a temporary file renamed over it, under the lock).
/// Only a regular file is used: a FIFO or a device in its place is never opened for reading
/// or writing in a way that could block.
final class HistoryStore {
    let path: String?
    let capacity: Int
    /// Oldest first: what the file held at start, then this session's entries.
    private(set) var entries: [String] = []
    /// Why the file is not used, once said (a FIFO in its place, say).
    private(set) var problem: String?
    /// Entries appended to the file since it was last read or compacted (by this shell).
    private var appendedSinceCompaction = 0
    private var fileEntryCount = 0

    /// Entries longer than this (a 50 MB paste) are not kept: every later start would read it.
    static let maxEntryBytes = 100_000
    /// At most this much of the file's end is read at start.
    static let maxFileBytes = 8 << 20
    static let header = "#jaxlab history v1: one cell per entry, its lines after \"> \", a blank line after each"

    init(path: String?, capacity: Int = 2000) {
        self.path = path
        self.capacity = capacity
        guard let path else { return }
        switch HistoryFile.read(path) {
        case .success(let text):
            if let text {
                // a huge entry (written by another program) would slow every search
                var loaded = HistoryFile.parse(text).filter { $0.utf8.count <= HistoryStore.maxEntryBytes }
                if text.hasPrefix(HistoryFile.libeditMagic) {
                    // the libedit format of earlier versions: rewrite it in ours
                    loaded = HistoryFile.parseLibedit(text).filter { $0.utf8.count <= HistoryStore.maxEntryBytes }
                    entries = Array(loaded.suffix(capacity))
                    compact()
                    return
                }
                fileEntryCount = loaded.count
                entries = Array(loaded.suffix(capacity))
            }
        case .failure(let reason):
            problem = reason.message
        }
    }

    /// Remembers a cell (not a repeat of the one before, nor a blank or huge one) and appends
    /// it to the file at once: nothing runs at exit to save it later.
    func add(_ cell: String) {
        var cell = Substring(cell)
        while cell.last == "\n" { cell = cell.dropLast() }
        guard !cell.allSatisfy(\.isWhitespace), entries.last.map({ $0 != cell }) ?? true,
              cell.utf8.count <= HistoryStore.maxEntryBytes else { return }
        entries.append(String(cell))
        if entries.count > capacity { entries.removeFirst(entries.count - capacity) }
        guard let path, problem == nil else { return }
        HistoryFile.createParentDirectory(of: path)
        let appended = HistoryFile.withLock(path) { () -> Bool in
            HistoryFile.append(HistoryFile.format(String(cell)), to: path, headerIfNew: HistoryStore.header)
        }
        if !appended {
            problem = "the history file \(path) cannot be written"
            return
        }
        appendedSinceCompaction += 1
        if fileEntryCount + appendedSinceCompaction > 2 * capacity { compact() }
    }

    /// Rewrites the file with its newest `capacity` entries: re-read under the lock (other
    /// shells' entries included), written to a temporary file, renamed over the old one.
    private func compact() {
        guard let path else { return }
        HistoryFile.createParentDirectory(of: path)
        _ = HistoryFile.withLock(path) { () -> Bool in
            var current = entries
            if case .success(let text?) = HistoryFile.read(path), !text.hasPrefix(HistoryFile.libeditMagic) {
                current = HistoryFile.parse(text).filter { $0.utf8.count <= HistoryStore.maxEntryBytes }
            }
            let kept = Array(current.suffix(capacity))
            let text = HistoryStore.header + "\n\n" + kept.map { HistoryFile.format($0) }.joined()
            let temporary = path + ".\(getpid()).tmp"
            guard HistoryFile.writeNew(text, to: temporary), rename(temporary, path) == 0 else {
                unlink(temporary)
                return false
            }
            fileEntryCount = kept.count
            appendedSinceCompaction = 0
            return true
        }
    }

    /// `$XDG_STATE_HOME/jaxlab/history`, else `~/.local/state/jaxlab/history`.
    static func defaultPath() -> String? {
        if let state = getenv("XDG_STATE_HOME").map({ String(cString: $0) }), state.hasPrefix("/") {
            return state + "/jaxlab/history"
        }
        guard let home = getenv("HOME").map({ String(cString: $0) }), !home.isEmpty else { return nil }
        return home + "/.local/state/jaxlab/history"
    }
}

/// Up/Down history search by prefix, as in IPython: the text left of the cursor when the
/// search starts selects the entries; walking past the newest gives back what was typed.
struct PrefixSearch {
    let prefix: String
    let typed: String
    /// Index into the entries of the one shown; `entries.count` means the typed line.
    private(set) var position: Int

    init(prefix: String, typed: String, entryCount: Int) {
        self.prefix = prefix
        self.typed = typed
        self.position = entryCount
    }

    /// The next older entry with the prefix that differs from `shown`, if any.
    mutating func older(in entries: [String], shown: String) -> String? {
        var index = min(position, entries.count) - 1
        while index >= 0 {
            if entries[index].hasPrefix(prefix) && entries[index] != shown {
                position = index
                return entries[index]
            }
            index -= 1
        }
        return nil
    }

    /// The next newer entry with the prefix, or the typed text after the newest.
    mutating func newer(in entries: [String], shown: String) -> String? {
        var index = position + 1
        while index < entries.count {
            if entries[index].hasPrefix(prefix) && entries[index] != shown {
                position = index
                return entries[index]
            }
            index += 1
        }
        guard position < entries.count else { return nil }
        position = entries.count
        return typed
    }
}
