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

    /// A warning that Python attributes to a library's own line (no `stacklevel`), as
    /// `file:line: Category: text` and that line, once per text.
    func warn(_ category: String, _ message: String, file: String, line: Int, source: String) {
        guard !warningsIgnored, shownWarnings.insert("\(file):\(line):\(category):\(message)").inserted else { return }
        sink.writeError("\(file):\(line): \(category): \(message)\n  \(source)\n")
    }

    /// JAX's FutureWarning when `x.at[...].set(v)` (or add, ...) would cast `v` unsafely into
    /// x's dtype (a float into an int array).
    func warnIfUnsafeScatter(_ updates: JaxValue, into x: JaxValue) {
        guard updates.dtype != x.dtype, !updates.aval.isKey, !x.aval.isKey else { return }
        let promoted = Promotion.jax([(updates.dtype, updates.weakType), (x.dtype, false)], enableX64: context.enableX64)
        guard promoted.dtype != x.dtype else { return }
        warn("FutureWarning", "scatter inputs have incompatible types: cannot safely cast value from dtype=\(context.canonical(updates.dtype).name) "
            + "to dtype=\(x.dtype.name) with jax_numpy_dtype_promotion=standard. In future JAX releases this will result in an error.",
            file: "/jaxlab/jax/_src/ops/scatter.py", line: 105, source: "warnings.warn(")
    }

    /// JAX's warning when a 64-bit dtype is asked for while x64 is off (it then uses the
    /// 32-bit one); jnp's functions name themselves in it, jax.random's do not.
    func warnIfTruncated(_ dtype: DType, in function: String? = nil) {
        let truncated = dtype.canonicalWithoutX64
        guard !context.enableX64, truncated != dtype else { return }
        let requester = function.map { " requested in \($0)" } ?? ""
        warn("UserWarning", "Explicitly requested dtype \(dtype.name)\(requester) is not available, and will be truncated to dtype "
            + "\(truncated.name). To enable more dtypes, set the jax_enable_x64 configuration option or the "
            + "JAX_ENABLE_X64 shell environment variable. See https://github.com/jax-ml/jax#current-gotchas for more.")
    }
}
