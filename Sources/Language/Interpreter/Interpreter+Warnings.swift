import JaxCore

extension Interpreter {
    /// Line `line` of a file or cell run so far (piped standard input keeps none, as Python).
    func sourceLine(_ file: String, _ line: Int) -> String? {
        guard file != "<stdin>", let lines = sources[file], line >= 1, line <= lines.count else { return nil }
        return lines[line - 1]
    }

    /// Shows a warning on stderr as Python's default filter does: `file:line: Category: text`,
    /// then the source line, once per place and text.
    func warn(_ category: String, _ message: String) {
        guard let frame = frames.last, !warningsIgnored else { return }
        guard shownWarnings.insert("\(frame.file):\(frame.line):\(category):\(message)").inserted else { return }
        var text = "\(frame.file):\(frame.line): \(category): \(message)\n"
        if let line = sourceLine(frame.file, frame.line) {
            text += "  " + line.drop { $0 == " " || $0 == "\t" } + "\n"
        }
        sink.writeError(text)
    }

    /// JAX's warning when a 64-bit dtype is asked for while x64 is off (it then uses the
    /// 32-bit one).
    func warnIfTruncated(_ dtype: DType) {
        let truncated = dtype.canonicalWithoutX64
        guard !context.enableX64, truncated != dtype else { return }
        warn("UserWarning", "Explicitly requested dtype \(dtype.name) is not available, and will be truncated to dtype "
            + "\(truncated.name). To enable more dtypes, set the jax_enable_x64 configuration option or the "
            + "JAX_ENABLE_X64 shell environment variable. See https://github.com/jax-ml/jax#current-gotchas for more.")
    }
}
