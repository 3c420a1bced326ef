import Foundation

extension Session {
    /// `name=` for each keyword the function being called accepts, when the cursor is inside
    /// its argument list (`jnp.zeros(3, dt` offers `dtype=`).
    func keywordArgumentCompletions(_ before: String, partial: String) -> [String] {
        guard let callee = CompletionContext.calleeOfOpenCall(before), let function = value(ofDottedName: callee) else { return [] }
        let names: [String]
        switch function {
        case .object(let f as PyFunction):
            names = f.code.parameters.filter { $0.kind == .normal || $0.kind == .keywordOnly }.map(\.name)
        case .object(let b as PyBuiltin):
            names = FunctionDocs.entry(module: b.module, name: b.name)?.keywordNames ?? []
        default:
            names = []
        }
        return names.filter { $0.hasPrefix(partial) }.map { $0 + "=" }
    }

    /// The keys of a dict being subscripted with a string (`params['w` offers `weights']`).
    func dictKeyCompletions(_ before: String, quoteAt quote: String.Index) -> [String]? {
        let head = before[..<quote]
        guard head.hasSuffix("[") else { return nil }
        let name = CompletionContext.trailingDottedName(String(head.dropLast()))
        guard !name.isEmpty, case .dict(let dict)? = value(ofDottedName: name) else { return nil }
        let typed = String(before[before.index(after: quote)...])
        let closing = String(before[quote]) + "]"
        return dict.keys.compactMap { key -> String? in
            guard case .str(let text) = key, text.hasPrefix(typed) else { return nil }
            return String(text.dropFirst(typed.count - CompletionContext.lastWordLength(typed))) + closing
        }
    }

    /// The value a dotted name like `jnp.zeros` or `params` refers to now, if any.
    func value(ofDottedName name: String) -> PyValue? {
        let parts = name.split(separator: ".").map(String.init)
        guard let first = parts.first, var value = try? interpreter.lookup(first, interpreter.globals) else { return nil }
        for attribute in parts.dropFirst() {
            guard let next = try? interpreter.getAttribute(value, attribute) else { return nil }
            value = next
        }
        return value
    }
}

/// Reads the text left of the cursor for completion: open strings, open calls, names.
enum CompletionContext {
    /// Where the string the cursor is inside starts (its quote), if it is inside one.
    static func openString(in text: String) -> String.Index? {
        var quote: Character?
        var start: String.Index?
        var escaped = false
        var i = text.startIndex
        while i < text.endIndex {
            let c = text[i]
            if let q = quote {
                if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == q { quote = nil; start = nil }
            } else if c == "#" {
                return nil
            } else if c == "'" || c == "\"" {
                quote = c
                start = i
            }
            i = text.index(after: i)
        }
        return start
    }

    /// The dotted name before the innermost `(` still open at the end of `text`.
    static func calleeOfOpenCall(_ text: String) -> String? {
        var depth = 0
        var quote: Character?
        for i in text.indices.reversed() {
            let c = text[i]
            if let q = quote { if c == q { quote = nil }; continue }
            switch c {
            case "'", "\"": quote = c
            case ")", "]", "}": depth += 1
            case "[", "{": if depth == 0 { return nil } else { depth -= 1 }
            case "(":
                if depth == 0 {
                    let name = trailingDottedName(String(text[..<i]))
                    return name.isEmpty ? nil : name
                }
                depth -= 1
            default: break
            }
        }
        return nil
    }

    /// The identifier-and-dots run at the end of `text`.
    static func trailingDottedName(_ text: String) -> String {
        String(text.reversed().prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }.reversed())
    }

    /// How many characters at the end of `text` form an identifier (what the editor replaces).
    static func lastWordLength(_ text: String) -> Int {
        text.reversed().prefix { $0.isLetter || $0.isNumber || $0 == "_" }.count
    }

    /// Files and folders (with a trailing `/`) that complete the path typed inside a string;
    /// each candidate is the end of the last path component, from its last word on.
    static func pathCompletions(_ typed: String) -> [String] {
        let expanded = typed.hasPrefix("~") ? NSString(string: typed).expandingTildeInPath : typed
        let slash = expanded.lastIndex(of: "/")
        let directory = slash.map { String(expanded[...$0]) } ?? "./"
        let partial = slash.map { String(expanded[expanded.index(after: $0)...]) } ?? expanded
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
        return names.filter { $0.hasPrefix(partial) && (partial.hasPrefix(".") || !$0.hasPrefix(".")) }.sorted().map { name in
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: directory + name, isDirectory: &isDirectory)
            // only the identifier part the editor replaces: `my-fi` completes from `fi`
            return String(name.dropFirst(partial.count - lastWordLength(partial))) + (isDirectory.boolValue ? "/" : "")
        }
    }
}
