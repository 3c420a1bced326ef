#if canImport(Glibc)
import Glibc
#endif
import Foundation
import JaxCore

/// The magics that read and write files: `%run`, `%load`, `%save` and `%edit`.
extension Session {
    /// `%run FILE`: runs a Python file in the session's namespace, as IPython does.
    func run(_ argument: String) -> Bool {
        let path = FileMagicSupport.unquoted(argument)
        guard !path.isEmpty else {
            usageError("%run needs a file name.")
            return false
        }
        switch SourceFile.read(path) {
        case .success(let source):
            return execute(source, filename: path, echo: false)
        case .failure(.notUTF8(let byte, let line)):
            magicError("SyntaxError", SourceFile.syntaxErrorMessage(byte, line: line, path: path))
        case .failure(.tooLarge):
            magicError("Exception", "File `'\(path)'` is larger than \(SourceFile.limit >> 20) MB.")
        case .failure:
            // IPython's words for anything that is not a regular file it can read
            magicError("Exception", "File `'\(path)'` not found.")
        }
        return false
    }

    /// `%load FILE` (or `%load 3-5`, cells): puts the code at the next prompt, to edit and run.
    func load(_ argument: String) -> Bool {
        let target = FileMagicSupport.unquoted(argument)
        guard !target.isEmpty else {
            usageError("%load needs a file name or a range of cells.")
            return false
        }
        if let numbers = CellRanges.parse(target, last: cells.count) {
            nextInput = cellText(numbers)
            return true
        }
        switch SourceFile.read(target) {
        case .success(let source):
            var code = source
            while code.hasSuffix("\n") { code.removeLast() }
            nextInput = "# %load \(target)\n" + code
            return true
        case .failure(.notFound):
            magicError("ValueError", "'\(target)' was not found in history, as a file, url, nor in the user namespace.")
        case .failure(.directory):
            magicError("ValueError", "'\(target)' is a directory, not a regular file.")
        case .failure(.notRegular):
            magicError("ValueError", "'\(target)' is not a regular file.")
        case .failure(.tooLarge):
            magicError("ValueError", "'\(target)' is larger than \(SourceFile.limit >> 20) MB.")
        case .failure(.notUTF8(let byte, let line)):
            magicError("SyntaxError", SourceFile.syntaxErrorMessage(byte, line: line, path: target))
        case .failure(.unreadable(let error)):
            magicError("OSError", "[Errno \(error)] \(String(cString: strerror(error))): '\(target)'")
        }
        return false
    }

    /// `%save [-f] [-a] FILE [RANGES]`: writes cells (all before this one without ranges) to a
    /// `.py` file and shows what was written, as IPython does.
    func save(_ argument: String) -> Bool {
        var words = argument.split(separator: " ").map(String.init)
        let force = words.contains("-f"), append = words.contains("-a")
        words.removeAll { $0 == "-f" || $0 == "-a" || $0 == "-r" }
        guard let first = words.first else {
            usageError("%save needs a file name: %save FILE 1-3 5")
            return false
        }
        var path = FileMagicSupport.unquoted(first)
        if !(path.hasSuffix(".py") || path.hasSuffix(".ipy")) { path += ".py" }
        let ranges = words.dropFirst().joined(separator: " ")
        let numbers: [Int]
        if ranges.isEmpty {
            numbers = Array(1..<max(1, cells.count))
        } else if let parsed = CellRanges.parse(ranges, last: cells.count) {
            numbers = parsed
        } else {
            usageError("%save: \(ranges) is not a range of cells (like 1-3 5)")
            return false
        }
        if FileManager.default.fileExists(atPath: path) && !force && !append {
            guard let confirm else {
                sink.write("File `\(path)` exists. Use `%save -f \(argument)` to force overwrite\n")
                return true
            }
            guard confirm("File `\(path)` exists. Overwrite (y/[N])? ") else {
                sink.write("Operation cancelled.\n")
                return true
            }
        }
        let code = cellText(numbers)
        let exists = FileManager.default.fileExists(atPath: path)
        let header = exists && append ? "" : "# coding: utf-8\n"
        if let error = SourceFile.write(header + code + (code.hasSuffix("\n") ? "" : "\n"), to: path, append: append) {
            magicError("OSError", "[Errno \(error)] \(String(cString: strerror(error))): '\(path)'")
            return false
        }
        sink.write("The following commands were written to file `\(path)`:\n\(code)\n")
        return true
    }

    /// `%edit [N | FILE]`: opens the last cell (cell N, or a file) in `$VISUAL`/`$EDITOR`
    /// (`vi` without one), then runs what was saved, as IPython does.
    func edit(_ argument: String) -> Bool {
        let target = FileMagicSupport.unquoted(argument)
        var path: String
        var temporary = false
        if target.isEmpty || CellRanges.parse(target, last: cells.count) != nil {
            let numbers = target.isEmpty ? (cells.count > 1 ? [cells.count - 1] : []) : CellRanges.parse(target, last: cells.count) ?? []
            guard let made = FileMagicSupport.temporaryFile(cellText(numbers) + "\n") else {
                magicError("OSError", "cannot make a temporary file to edit")
                return false
            }
            path = made
            temporary = true
            sink.write("IPython will make a temporary file named: \(path)\n")
        } else {
            path = NSString(string: target).expandingTildeInPath
            if !FileManager.default.fileExists(atPath: path) { _ = SourceFile.write("", to: path, append: false) }
        }
        defer { if temporary { unlink(path) } }
        sink.write("Editing...")
        guard FileMagicSupport.runEditor(on: path) else {
            sink.write("\n")
            magicError("OSError", "the editor could not be started (set $EDITOR)")
            return false
        }
        _ = interpreter.context.interrupt.consume()
        sink.write(" done. Executing edited code...\n")
        switch SourceFile.read(path) {
        case .success(let source):
            return execute(source, filename: path, echo: false)
        case .failure:
            magicError("Exception", "File `'\(path)'` not found.")
            return false
        }
    }

    /// The text of cells, one after another.
    func cellText(_ numbers: [Int]) -> String {
        let inputs = cellInputs
        return numbers.compactMap { $0 >= 1 && $0 <= inputs.count ? inputs[$0 - 1] : nil }.joined(separator: "\n")
    }
}

/// IPython's ranges of cells: `4`, `1-3` (both ends included), `4:6` (6 left out), several
/// separated by spaces.
enum CellRanges {
    /// The cell numbers, or nil when the text is not ranges. `last` bounds open ranges.
    static func parse(_ text: String, last: Int) -> [Int]? {
        var numbers: [Int] = []
        let words = text.split(separator: " ")
        guard !words.isEmpty else { return nil }
        for word in words {
            if let single = Int(word) {
                numbers.append(single < 0 ? last + single : single)
            } else if let dash = word.firstIndex(of: "-"), dash != word.startIndex,
                      let start = Int(word[..<dash]), let end = Int(word[word.index(after: dash)...]) {
                guard start <= end, end - start < 100_000 else { return nil }
                numbers += Array(start...end)
            } else if let colon = word.firstIndex(of: ":"), let start = Int(word[..<colon]) {
                let endText = word[word.index(after: colon)...]
                guard let end = endText.isEmpty ? last + 1 : Int(endText), end - start < 100_000 else { return nil }
                if start < end { numbers += Array(start..<end) }
            } else {
                return nil
            }
        }
        return numbers
    }
}

/// Helpers the file magics share: arguments, temporary files, the editor.
enum FileMagicSupport {
    /// The argument without surrounding quotes and spaces.
    static func unquoted(_ argument: String) -> String {
        var path = argument.trimmingCharacters(in: .whitespaces)
        if path.count >= 2, let quote = path.first, quote == "'" || quote == "\"", path.last == quote {
            path = String(path.dropFirst().dropLast())
        }
        return path
    }

    /// A new file in the temporary folder holding `text`.
    static func temporaryFile(_ text: String) -> String? {
        var template = Array((NSTemporaryDirectory() + "/jaxlab_edit_XXXXXX.py").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.map { mkstemps($0, 3) } ?? -1 }
        guard fd >= 0 else { return nil }
        close(fd)
        let path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return SourceFile.write(text, to: path, append: false) == nil ? path : nil
    }

    /// Runs `$VISUAL`, `$EDITOR` or `vi` on the file through the shell and waits for it.
    static func runEditor(on path: String) -> Bool {
        let environment = ProcessInfo.processInfo.environment
        let editor = [environment["VISUAL"], environment["EDITOR"]].compactMap { $0 }.first { !$0.isEmpty } ?? "vi"
        let arguments = ["/bin/sh", "-c", editor + " \"$1\"", "sh", path]
        var pid: pid_t = 0
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        guard posix_spawn(&pid, "/bin/sh", nil, nil, argv, environ) == 0 else { return false }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return true
    }
}
