import BigInt
import Foundation
import JaxCore

/// Methods of the builtin value types: str, list, dict, tuple, int and float.
extension Interpreter {
    static let strMethods = ["format", "join", "split", "upper", "lower", "strip", "lstrip", "rstrip", "replace",
                             "startswith", "endswith", "find", "count", "index", "isdigit", "isalpha", "isspace",
                             "title", "capitalize", "center", "ljust", "rjust", "zfill", "splitlines", "isupper",
                             "islower", "isalnum", "rfind", "rsplit", "partition", "rpartition", "removeprefix",
                             "removesuffix", "casefold", "swapcase", "isnumeric", "isdecimal", "isidentifier", "rindex",
                             "format_map", "istitle"]
    static let listMethods = ["append", "extend", "pop", "insert", "remove", "index", "count", "sort", "reverse",
                              "clear", "copy"]
    static let dictMethods = ["keys", "values", "items", "get", "pop", "update", "setdefault", "clear", "copy", "popitem"]

    func builtinMethodNames(_ v: PyValue) -> [String] {
        switch v {
        case .str: return Interpreter.strMethods
        case .list: return Interpreter.listMethods
        case .dict: return Interpreter.dictMethods
        case .tuple: return ["count", "index"]
        case .int, .bigInt, .bool: return ["bit_length", "real", "imag", "conjugate"]
        case .float: return ["is_integer", "real", "imag", "conjugate"]
        default: return []
        }
    }

    /// The bound method or attribute `name` of a plain value, or nil.
    func builtinMethod(_ object: PyValue, _ name: String) throws(PyException) -> PyValue? {
        func method(_ body: @escaping PyBuiltin.Body) -> PyValue {
            .object(PyBuiltin(name, owner: object.typeName, body))
        }
        switch object {
        case .str(let s):
            guard Interpreter.strMethods.contains(name) else { return nil }
            return method { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                try interp.stringMethod(s, name, args)
            }
        case .list(let list):
            guard Interpreter.listMethods.contains(name) else { return nil }
            return method { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                try interp.listMethod(list, name, args)
            }
        case .dict(let dict):
            guard Interpreter.dictMethods.contains(name) else { return nil }
            return method { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                try interp.dictMethod(dict, name, args)
            }
        case .tuple(let items):
            guard name == "count" || name == "index" else { return nil }
            return method { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                try interp.listMethod(PyList(items), name, args)
            }
        case .int, .bigInt, .bool:
            switch name {
            case "real": return .int(object.bigIntValue ?? 0)
            case "imag": return .int(0)
            case "bit_length":
                let b = object.bigIntValue ?? 0
                return method { (_: Interpreter, _: Arguments) throws(PyException) -> PyValue in .int(b == 0 ? 0 : b.magnitude.bitWidth) }
            case "conjugate":
                return method { (_: Interpreter, _: Arguments) throws(PyException) -> PyValue in object }
            default: return nil
            }
        case .float(let d):
            switch name {
            case "real": return object
            case "imag": return .float(0)
            case "is_integer":
                return method { (_: Interpreter, _: Arguments) throws(PyException) -> PyValue in .bool(d.isFinite && d.rounded() == d) }
            case "conjugate":
                return method { (_: Interpreter, _: Arguments) throws(PyException) -> PyValue in object }
            default: return nil
            }
        default:
            return nil
        }
    }

    private func stringArgument(_ v: PyValue?, _ function: String) throws(PyException) -> String? {
        guard let v, !v.isNone else { return nil }
        guard case .str(let s) = v else { throw PyException.typeError("must be str, not \(v.typeName)") }
        return s
    }

    private func stringMethod(_ s: String, _ name: String, _ args: Arguments) throws(PyException) -> PyValue {
        switch name {
        case "format":
            return .str(try formatString(s, args))
        case "join":
            let slots = try args.bind("join", ["iterable"], required: 1, positionalOnly: 1)
            var parts: [String] = []
            var size = 0
            for (i, item) in try collect(slots[0] ?? .none).enumerated() {
                guard case .str(let p) = item else {
                    throw PyException.typeError("sequence item \(i): expected str instance, \(item.typeName) found")
                }
                size = min(size + p.utf8.count + (i > 0 ? s.utf8.count : 0), Int.max / 2)
                parts.append(p)
            }
            try checkStringSize(size)
            return .str(parts.joined(separator: s))
        case "split", "rsplit":
            let slots = try args.bind(name, ["sep", "maxsplit"])
            let maxSplit = try slots[1].map { (v: PyValue) throws(PyException) in try index(v) } ?? -1
            if let sep = try stringArgument(slots[0], name) {
                if sep.isEmpty { throw PyException.valueError("empty separator") }
                var parts = s.components(separatedBy: sep)
                if maxSplit >= 0 && parts.count - 1 > maxSplit {
                    if name == "rsplit" {
                        // rsplit keeps the leftmost pieces together
                        let kept = parts.count - maxSplit
                        parts = [parts[..<kept].joined(separator: sep)] + Array(parts[kept...])
                    } else {
                        parts = Array(parts[..<maxSplit]) + [parts[maxSplit...].joined(separator: sep)]
                    }
                }
                return .list(PyList(parts.map { .str($0) }))
            }
            var parts: [String] = []
            var rest = Substring(s)
            while true {
                rest = rest.drop { $0.isWhitespace }
                if rest.isEmpty { break }
                if maxSplit >= 0 && parts.count == maxSplit {
                    parts.append(String(rest))
                    break
                }
                let word = rest.prefix { !$0.isWhitespace }
                parts.append(String(word))
                rest = rest.dropFirst(word.count)
            }
            return .list(PyList(parts.map { .str($0) }))
        case "splitlines":
            return .list(PyList(s.split(omittingEmptySubsequences: false) { $0.isNewline }.map { .str(String($0)) }
                .dropLast(s.hasSuffix("\n") ? 1 : 0)))
        case "upper": return .str(s.uppercased())
        case "lower": return .str(s.lowercased())
        case "title": return .str(s.capitalized)
        case "capitalize": return .str(s.prefix(1).uppercased() + s.dropFirst().lowercased())
        case "strip", "lstrip", "rstrip":
            let slots = try args.bind(name, ["chars"])
            let chars = try stringArgument(slots[0], name)
            let drop: (Character) -> Bool = { c in chars.map { $0.contains(c) } ?? c.isWhitespace }
            var out = Substring(s)
            if name != "rstrip" { out = out.drop(while: drop) }
            if name != "lstrip" {
                while let last = out.last, drop(last) { out = out.dropLast() }
            }
            return .str(String(out))
        case "replace":
            let slots = try args.bind("replace", ["old", "new", "count"], required: 2)
            guard let old = try stringArgument(slots[0], name), let new = try stringArgument(slots[1], name) else {
                throw PyException.typeError("replace() argument must be str")
            }
            let count = try slots[2].map { (v: PyValue) throws(PyException) in try index(v) } ?? -1
            try checkReplacementSize(s, old, new, count: count)
            if count < 0 { return .str(old.isEmpty ? new + s.map { String($0) + new }.joined() : s.replacingOccurrences(of: old, with: new)) }
            var out = ""
            var rest = Substring(s)
            var done = 0
            while done < count, !old.isEmpty, let r = rest.range(of: old) {
                out += rest[..<r.lowerBound] + new
                rest = rest[r.upperBound...]
                done += 1
            }
            return .str(out + rest)
        case "startswith", "endswith":
            let slots = try args.bind(name, ["prefix"], required: 1)
            let candidates: [PyValue]
            if case .tuple(let t)? = slots[0] { candidates = t } else { candidates = [slots[0] ?? .none] }
            for c in candidates {
                guard case .str(let p) = c else {
                    throw PyException.typeError("\(name) first arg must be str or a tuple of str, not \(c.typeName)")
                }
                if name == "startswith" ? s.hasPrefix(p) : s.hasSuffix(p) { return .bool(true) }
            }
            return .bool(false)
        case "find", "rfind", "index", "count":
            let slots = try args.bind(name, ["sub"], required: 1)
            guard let sub = try stringArgument(slots[0], name) else { throw PyException.typeError("must be str") }
            if name == "count" {
                return .int(sub.isEmpty ? s.count + 1 : s.components(separatedBy: sub).count - 1)
            }
            let range = name == "rfind" ? s.range(of: sub, options: .backwards) : s.range(of: sub)
            guard let range else {
                if name == "index" { throw PyException.valueError("substring not found") }
                return .int(-1)
            }
            return .int(s.distance(from: s.startIndex, to: range.lowerBound))
        case "isdigit": return .bool(!s.isEmpty && s.allSatisfy { $0.isNumber })
        case "isalpha": return .bool(!s.isEmpty && s.allSatisfy { $0.isLetter })
        case "isalnum": return .bool(!s.isEmpty && s.allSatisfy { $0.isLetter || $0.isNumber })
        case "isspace": return .bool(!s.isEmpty && s.allSatisfy { $0.isWhitespace })
        case "isupper": return .bool(s.contains { $0.isUppercase } && !s.contains { $0.isLowercase })
        case "islower": return .bool(s.contains { $0.isLowercase } && !s.contains { $0.isUppercase })
        case "center", "ljust", "rjust", "zfill":
            let slots = try args.bind(name, ["width", "fillchar"], required: 1)
            let width = try index(slots[0] ?? .none)
            let fill = try stringArgument(slots[1], name) ?? (name == "zfill" ? "0" : " ")
            let pad = width > s.count ? width - s.count : 0
            try checkStringSize(s.utf8.count, plus: pad, times: fill.utf8.count)
            switch name {
            case "ljust": return .str(s + String(repeating: fill, count: pad))
            case "rjust": return .str(String(repeating: fill, count: pad) + s)
            case "zfill":
                if s.hasPrefix("-") || s.hasPrefix("+") {
                    return .str(String(s.prefix(1)) + String(repeating: "0", count: pad) + s.dropFirst())
                }
                return .str(String(repeating: "0", count: pad) + s)
            default:
                let left = pad / 2 + (pad % 2 == 1 && width % 2 == 1 ? 1 : 0)
                return .str(String(repeating: fill, count: left) + s + String(repeating: fill, count: pad - left))
            }
        case "partition", "rpartition":
            let slots = try args.bind(name, ["sep"], required: 1, positionalOnly: 1)
            guard let sep = try stringArgument(slots[0], name), !sep.isEmpty else { throw PyException.valueError("empty separator") }
            guard let r = name == "partition" ? s.range(of: sep) : s.range(of: sep, options: .backwards) else {
                return name == "partition" ? .tuple([.str(s), .str(""), .str("")]) : .tuple([.str(""), .str(""), .str(s)])
            }
            return .tuple([.str(String(s[..<r.lowerBound])), .str(sep), .str(String(s[r.upperBound...]))])
        case "removeprefix", "removesuffix":
            let slots = try args.bind(name, ["fix"], required: 1, positionalOnly: 1)
            guard let fix = try stringArgument(slots[0], name) else { throw PyException.typeError("\(name)() argument must be str") }
            if name == "removeprefix" { return .str(s.hasPrefix(fix) ? String(s.dropFirst(fix.count)) : s) }
            return .str(s.hasSuffix(fix) ? String(s.dropLast(fix.count)) : s)
        case "casefold": return .str(s.lowercased())
        case "swapcase": return .str(String(s.map { $0.isUppercase ? Character($0.lowercased()) : Character($0.uppercased()) }))
        case "isnumeric", "isdecimal": return .bool(!s.isEmpty && s.allSatisfy { $0.isNumber })
        case "isidentifier": return .bool(NamedTuples.isIdentifier(s))
        case "istitle": return .bool(!s.isEmpty && s == s.capitalized && s.contains { $0.isLetter })
        case "rindex":
            let slots = try args.bind(name, ["sub"], required: 1)
            guard let sub = try stringArgument(slots[0], name), let r = s.range(of: sub, options: .backwards) else {
                throw PyException.valueError("substring not found")
            }
            return .int(s.distance(from: s.startIndex, to: r.lowerBound))
        case "format_map":
            let slots = try args.bind(name, ["mapping"], required: 1, positionalOnly: 1)
            var keywords: [(String, PyValue)] = []
            for (k, v) in asDict(slots[0] ?? .none)?.items ?? [] { if case .str(let key) = k { keywords.append((key, v)) } }
            return .str(try formatString(s, Arguments([], keywords: keywords)))
        default:
            throw PyException("AttributeError", "'str' object has no attribute '\(name)'")
        }
    }

    /// `str.format`: `{}`, `{0}`, `{name}`, `{x.attr}`, `{x[0]}`, conversions and specs.
    func formatString(_ format: String, _ args: Arguments) throws(PyException) -> String {
        var out = ""
        let chars = Array(format)
        var i = 0
        var auto = 0
        while i < chars.count {
            let c = chars[i]
            if c == "}" {
                guard i + 1 < chars.count, chars[i + 1] == "}" else {
                    throw PyException.valueError("Single '}' encountered in format string")
                }
                out.append("}")
                i += 2
                continue
            }
            guard c == "{" else {
                out.append(c)
                i += 1
                continue
            }
            if i + 1 < chars.count && chars[i + 1] == "{" {
                out.append("{")
                i += 2
                continue
            }
            var j = i + 1
            var depth = 1
            while j < chars.count {
                if chars[j] == "{" { depth += 1 }
                if chars[j] == "}" {
                    depth -= 1
                    if depth == 0 { break }
                }
                j += 1
            }
            guard j < chars.count else { throw PyException.valueError("expected '}' before end of string") }
            var field = String(chars[(i + 1)..<j])
            i = j + 1
            var spec = ""
            var conversion: Character?
            if let colon = field.firstIndex(of: ":") {
                spec = String(field[field.index(after: colon)...])
                field = String(field[..<colon])
            }
            if let bang = field.firstIndex(of: "!") {
                conversion = field[field.index(after: bang)...].first
                field = String(field[..<bang])
            }
            if spec.contains("{") { spec = try formatString(spec, args) }
            let head = field.prefix { $0 != "." && $0 != "[" }
            var value: PyValue
            if head.isEmpty {
                guard auto < args.positional.count else {
                    throw PyException.indexError("Replacement index \(auto) out of range for positional args tuple")
                }
                value = args.positional[auto]
                auto += 1
            } else if let n = Int(head) {
                guard n < args.positional.count else {
                    throw PyException.indexError("Replacement index \(n) out of range for positional args tuple")
                }
                value = args.positional[n]
            } else {
                guard let v = args.keyword(String(head)) else { throw try keyError(.str(String(head))) }
                value = v
            }
            var rest = field.dropFirst(head.count)
            while let first = rest.first {
                if first == "." {
                    let attr = rest.dropFirst().prefix { $0 != "." && $0 != "[" }
                    value = try getAttribute(value, String(attr))
                    rest = rest.dropFirst(attr.count + 1)
                } else {
                    let key = rest.dropFirst().prefix { $0 != "]" }
                    value = try getItem(value, Int(key).map { .int($0) } ?? .str(String(key)))
                    rest = rest.dropFirst(key.count + 2)
                }
            }
            switch conversion {
            case "r": value = .str(try repr(value))
            case "s": value = .str(try str(value))
            default: break
            }
            out += try formatValue(value, spec)
        }
        return out
    }

    private func listMethod(_ list: PyList, _ name: String, _ args: Arguments) throws(PyException) -> PyValue {
        switch name {
        case "append":
            let slots = try args.bind("append", ["object"], required: 1, positionalOnly: 1)
            list.items.append(slots[0] ?? .none)
        case "extend":
            let slots = try args.bind("extend", ["iterable"], required: 1, positionalOnly: 1)
            try extend(list, with: try collect(slots[0] ?? .none))
        case "pop":
            let slots = try args.bind("pop", ["index"], positionalOnly: 1)
            if list.items.isEmpty { throw PyException.indexError("pop from empty list") }
            var i = try slots[0].map { (v: PyValue) throws(PyException) in try index(v) } ?? -1
            if i < 0 { i += list.items.count }
            guard i >= 0 && i < list.items.count else { throw PyException.indexError("pop index out of range") }
            return list.items.remove(at: i)
        case "insert":
            let slots = try args.bind("insert", ["index", "object"], required: 2, positionalOnly: 2)
            var i = try index(slots[0] ?? .none)
            if i < 0 { i = max(0, i + list.items.count) }
            list.items.insert(slots[1] ?? .none, at: min(i, list.items.count))
        case "remove", "index", "count":
            let slots = try args.bind(name, ["value"], required: 1, positionalOnly: 1)
            let target = slots[0] ?? .none
            var matches: [Int] = []
            // compare against the list as it is now: an __eq__ may change the list meanwhile
            var i = 0
            while i < list.items.count {
                if try sameOrEqual(list.items[i], target) {
                    matches.append(i)
                    if name != "count" { break }
                }
                i += 1
            }
            if name == "count" { return .int(matches.count) }
            guard let first = matches.first else {
                if name == "remove" { throw PyException.valueError("list.remove(x): x not in list") }
                throw PyException.valueError("\(try repr(target)) is not in list")
            }
            if name == "index" { return .int(first) }
            if first < list.items.count { list.items.remove(at: first) }
        case "sort":
            if !args.positional.isEmpty { throw PyException.typeError("sort() takes no positional arguments") }
            var items = list.items
            try sort(&items, key: args.keyword("key") ?? .none, reverse: args.keyword("reverse") ?? .bool(false))
            list.items = items
        case "reverse":
            list.items.reverse()
        case "clear":
            list.items.removeAll()
        case "copy":
            return .list(PyList(list.items))
        default:
            break
        }
        return .none
    }

    private func dictMethod(_ dict: PyDict, _ name: String, _ args: Arguments) throws(PyException) -> PyValue {
        switch name {
        case "keys":
            return .object(PyDictView(dict, kind: .keys))
        case "values":
            return .object(PyDictView(dict, kind: .values))
        case "items":
            return .object(PyDictView(dict, kind: .items))
        case "get":
            let slots = try args.bind("get", ["key", "default"], required: 1, positionalOnly: 2)
            return try dict.get(slots[0] ?? .none) ?? slots[1] ?? .none
        case "pop":
            let slots = try args.bind("pop", ["key", "default"], required: 1, positionalOnly: 2)
            if let v = try dict.remove(slots[0] ?? .none) { return v }
            if let d = slots[1] { return d }
            throw try keyError(slots[0] ?? .none)
        case "setdefault":
            let slots = try args.bind("setdefault", ["key", "default"], required: 1, positionalOnly: 2)
            if let v = try dict.get(slots[0] ?? .none) { return v }
            try dict.set(slots[0] ?? .none, slots[1] ?? .none)
            return slots[1] ?? .none
        case "update":
            if let source = args.positional.first {
                if let other = asDict(source) {
                    for (k, v) in other.items { try dict.set(k, v) }
                } else {
                    for item in try collect(source) {
                        let pair = try collect(item)
                        guard pair.count == 2 else {
                            throw PyException.valueError("dictionary update sequence element has length \(pair.count); 2 is required")
                        }
                        try dict.set(pair[0], pair[1])
                    }
                }
            }
            for (k, v) in args.keywords { try dict.set(.str(k), v) }
        case "clear":
            dict.clear()
        case "copy":
            let d = PyDict()
            for (k, v) in dict.items { try d.set(k, v) }
            return .dict(d)
        case "popitem":
            _ = try args.bind("popitem", [])
            guard let last = dict.keys.last else { throw PyException("KeyError", "'popitem(): dictionary is empty'") }
            let value = try dict.remove(last) ?? .none
            return .tuple([last, value])
        default:
            break
        }
        return .none
    }
}

/// `d.keys()`, `d.values()`, `d.items()`: live views printed as `dict_keys([...])`.
final class PyDictView: PyObject {
    /// Which part of the dict the view shows.
    enum Kind: String { case keys, values, items }

    let dict: PyDict
    let kind: Kind

    init(_ dict: PyDict, kind: Kind) {
        self.dict = dict
        self.kind = kind
    }

    override var typeName: String { "dict_\(kind.rawValue)" }

    var values: [PyValue] {
        switch kind {
        case .keys: return dict.keys
        case .values: return dict.values
        case .items: return dict.items.map { .tuple([$0.0, $0.1]) }
        }
    }

    override func repr(_ interp: Interpreter) throws(PyException) -> String {
        "\(typeName)([\(try interp.reprItems(values))])"
    }

    override func length(_ interp: Interpreter) throws(PyException) -> Int? { dict.count }

    override func makeIterator(_ interp: Interpreter) throws(PyException) -> PyIterator? {
        PyIterator(kind: "dict_\(kind == .items ? "item" : String(kind.rawValue.dropLast()))iterator", values: values)
    }
}
