import Foundation
import JaxCore

extension Session {
    /// IPython's `name?` (detail 0) and `name??` (detail 1): for a function written in the
    /// session its signature, docstring (or with `??` its source) and where it was defined; for
    /// an array its type, a short value, shape and dtype; for any other value its type and value.
    /// Library functions and modules show their help, as `help(name)` does.
    func inspect(_ name: String, detail: Int) -> Bool {
        let parts = name.split(separator: ".").map(String.init)
        guard let first = parts.first, var value = try? interpreter.lookup(first, interpreter.globals) else {
            sink.write("Object `\(name)` not found.\n")
            return true
        }
        for attribute in parts.dropFirst() {
            guard let next = try? interpreter.getAttribute(value, attribute) else {
                sink.write("Object `\(name)` not found.\n")
                return true
            }
            value = next
        }
        switch value {
        case .object(let function as PyFunction):
            sink.write(functionInfo(function, withSource: detail > 0))
        case .object(is PyBuiltin), .object(is PyModule), .object(is PyClass), .object(is PyType):
            interpreter.frames = [Frame(name: "<module>", file: "<help>", line: 1)]
            defer { interpreter.frames = [] }
            do throws(PyException) {
                _ = try interpreter.call(interpreter.builtins["help"] ?? .none, Arguments([value]))
            } catch {
                report(error)
                return false
            }
        default:
            sink.write(valueInfo(value))
        }
        return true
    }

    /// IPython's fields, titles padded to one width; a value on several lines goes below its
    /// title.
    private static func fields(_ entries: [(String, String)]) -> String {
        let width = (entries.map(\.0.count).max() ?? 0) + 2
        var text = ""
        for (title, value) in entries {
            let label = title + ":"
            let padding = String(repeating: " ", count: max(1, width - label.count))
            if value.hasPrefix("\n") {
                // IPython's source block: its title, then the code from the next line
                text += label + "   " + value + "\n"
            } else if value.contains("\n") {
                text += label + "\n" + value + "\n"
            } else {
                text += label + padding + value + "\n"
            }
        }
        return text
    }

    private func functionInfo(_ function: PyFunction, withSource: Bool) -> String {
        var entries = [("Signature", function.name + signature(function))]
        if withSource, let source = source(of: function.code) {
            entries.append(("Source", "\n" + source))
        } else {
            var doc = "<no docstring>"
            if case .str(let text)? = try? function.getAttribute("__doc__", interpreter) { doc = Session.cleanDocstring(text) }
            entries.append(("Docstring", doc))
        }
        entries.append(("File", function.code.file))
        entries.append(("Type", "function"))
        return Session.fields(entries)
    }

    /// `(a, b=2, *args, c, **kw)`, defaults shown with repr.
    private func signature(_ function: PyFunction) -> String {
        var parts: [String] = []
        var starred = false
        for parameter in function.code.parameters {
            switch parameter.kind {
            case .varArgs:
                starred = true
                parts.append("*" + parameter.name)
            case .varKeywords:
                parts.append("**" + parameter.name)
            case .keywordOnly, .normal:
                if parameter.kind == .keywordOnly && !starred {
                    starred = true
                    parts.append("*")
                }
                if let value = function.defaults[parameter.name] {
                    parts.append(parameter.name + "=" + ((try? interpreter.repr(value)) ?? "..."))
                } else {
                    parts.append(parameter.name)
                }
            }
        }
        return "(" + parts.joined(separator: ", ") + ")"
    }

    /// The lines of a function's definition (decorators included) from the cell or file it was
    /// written in: from its first line to the last line indented under the `def`.
    private func source(of code: FunctionCode) -> String? {
        guard let lines = interpreter.sources[code.file], code.firstLine >= 1, code.position.line <= lines.count else { return nil }
        let header = lines[code.position.line - 1]
        let indent = header.prefix { $0 == " " || $0 == "\t" }.count
        var end = code.position.line
        var index = code.position.line
        while index < lines.count {
            let line = lines[index]
            let blank = line.allSatisfy(\.isWhitespace)
            if !blank && line.prefix(while: { $0 == " " || $0 == "\t" }).count <= indent { break }
            index += 1
            if !blank { end = index }
        }
        return lines[(code.firstLine - 1)..<end].joined(separator: "\n")
    }

    /// Python's `inspect.cleandoc`: the first line as is, the others with their common
    /// indentation removed, blank lines at either end dropped.
    static func cleanDocstring(_ text: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let margin = lines.dropFirst().filter { !$0.allSatisfy(\.isWhitespace) }
            .map { $0.prefix { $0 == " " || $0 == "\t" }.count }.min() ?? 0
        for index in lines.indices {
            lines[index] = index == 0 ? lines[index].trimmingCharacters(in: .whitespaces) : String(lines[index].dropFirst(margin))
        }
        while lines.first?.allSatisfy(\.isWhitespace) == true { lines.removeFirst() }
        while lines.last?.allSatisfy(\.isWhitespace) == true { lines.removeLast() }
        return lines.joined(separator: "\n")
    }

    /// Type, a short `str()` of the value and, for arrays, shape and dtype; the length of
    /// anything that has one.
    private func valueInfo(_ value: PyValue) -> String {
        let typeName = value.typeName.split(separator: ".").last.map(String.init) ?? value.typeName
        var entries = [("Type", typeName)]
        var text = (try? interpreter.str(value)) ?? "<unprintable>"
        if text.count > 200 { text = String(text.prefix(100)) + " <...> " + String(text.suffix(100)) }
        entries.append(("String form", text))
        var shape: [Int]?
        var dtype: String?
        switch value {
        case .object(let array as JaxArrayObject):
            shape = array.aval.shape
            dtype = array.isKeyArray ? "key<fry>" : array.aval.dtype.name
        case .object(let array as NDArrayObject):
            shape = array.array.shape
            dtype = array.array.dtype.name
        default:
            break
        }
        if let shape {
            entries.append(("Shape", shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"))
        }
        if let dtype { entries.append(("Dtype", dtype)) }
        if shape?.isEmpty != true, let length = try? interpreter.len(value) { entries.append(("Length", String(length))) }
        return Session.fields(entries)
    }
}
