#if canImport(Glibc)
import Glibc
#endif
import CEditLine

/// The prompt's input history: libedit's History (which Ctrl-P/Ctrl-N walk), mirrored in
/// `entries` for prefix search, kept in a file across runs, bounded and saved after every entry.
final class HistoryStore {
    let handle: OpaquePointer
    let path: String?
    let capacity: Int
    /// Oldest first.
    private(set) var entries: [String] = []

    /// Nil only when libedit cannot allocate its history.
    init?(path: String?, capacity: Int = 2000) {
        guard let handle = history_init() else { return nil }
        self.handle = handle
        self.path = path
        self.capacity = capacity
        _ = jl_history_set_size(handle, Int32(capacity))
        _ = jl_history_set_unique(handle, 1)
        if let path {
            _ = jl_history_load(handle, path)
            var newestFirst: [String] = []
            var entry = jl_history_newest(handle)
            while let current = entry {
                newestFirst.append(String(cString: current))
                entry = jl_history_older(handle)
            }
            entries = newestFirst.reversed()
        }
    }

    deinit { history_end(handle) }

    /// Remembers a line (not a repeat of the one before) and writes the file at once, since
    /// nothing runs at exit to save it later.
    func add(_ line: String) {
        guard !line.allSatisfy(\.isWhitespace), entries.last != line else { return }
        _ = jl_history_enter(handle, line)
        entries.append(line)
        if entries.count > capacity { entries.removeFirst(entries.count - capacity) }
        if let path {
            HistoryStore.createParentDirectory(of: path)
            _ = jl_history_save(handle, path)
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

    private static func createParentDirectory(of path: String) {
        var prefix = ""
        let components = path.split(separator: "/").dropLast()
        for component in components {
            prefix += "/" + component
            _ = mkdir(prefix, 0o700)
        }
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
