import JaxCore

/// How `%timeit` chooses its loop and run counts.
public enum TimingMode: Sendable {
    /// IPython's: the first power of ten of loops that takes 0.2 s, then 7 runs.
    case calibrated
    /// One loop, one run: the output has IPython's shape, quickly (replaying a lesson).
    case quick
}

extension Session {
    /// IPython's `%timeit`: the loop count is the first power of ten whose run takes at least
    /// 0.2 s, then 7 runs of that many loops. A first call that compiled a `jax.jit` function is
    /// reported on its own, as JAX users are told to warm up before timing.
    func timeit(statement: String, setup: String?, options: TimeitOptions) -> Bool {
        guard setup != nil || statement.contains(where: { !$0.isWhitespace }) else {
            usageError("%timeit needs a statement to time.")
            return false
        }
        interpreter.calledFunctions?.formUnion(Session.callNames(in: statement))
        // `pass` keeps the loop valid when the cell holds only comments (the lab's task cell)
        let body = statement.split(separator: "\n", omittingEmptySubsequences: false)
            .map { "    " + $0 }.joined(separator: "\n") + "\n    pass"
        func run(loops: Int) -> Double? {
            if let setup, !execute(setup, filename: "<timeit-setup>", echo: false) { return nil }
            let source = "for __timeit_loop in range(\(loops)):\n\(body)\n"
            let start = TimeFormat.now()
            guard execute(source, filename: "<timeit>", echo: false) else { return nil }
            return TimeFormat.now() - start
        }
        defer { _ = try? interpreter.unbind("__timeit_loop", interpreter.globals) }
        var loops = options.loops ?? 0
        var repeats = options.repeats
        var firstCall: Double? = nil
        if loops == 0 {
            let calibrating = timing == .calibrated
            for exponent in 0..<10 {
                loops = exponent == 0 ? 1 : loops * 10
                let compiledBefore = jitCompileCount
                guard let elapsed = run(loops: loops) else { return false }
                if exponent == 0 && jitCompileCount > compiledBefore {
                    // The first call compiled: time again so calibration sees the warm cost.
                    firstCall = elapsed
                    guard let warm = run(loops: 1) else { return false }
                    if warm >= 0.2 || !calibrating { break }
                    continue
                }
                if elapsed >= 0.2 || !calibrating { break }
            }
        }
        if timing == .quick { repeats = 1 }
        var runs: [Double] = []
        for _ in 0..<repeats {
            guard let elapsed = run(loops: loops) else { return false }
            runs.append(elapsed)
        }
        guard !options.quiet, let fastest = runs.min(), let slowest = runs.max() else { return true }
        let best = fastest / Double(loops), worst = slowest / Double(loops)
        if worst > 4 * best && best > 0 && worst > 1e-6 {
            sink.write("The slowest run took \(TimeFormat.fixed2(worst / best)) times longer than the fastest. "
                       + "This could mean that an intermediate result is being cached.\n")
        }
        sink.write(TimeFormat.timeitSummary(perLoop: runs.map { $0 / Double(loops) }, loops: loops,
                                            precision: options.precision) + "\n")
        if let firstCall {
            sink.write("First call (compiling with jax.jit): \(TimeFormat.duration(firstCall))\n")
        }
        return true
    }

    /// IPython's `%time` (`lastOnly` false: a statement) and `%%time` (a cell): CPU and wall
    /// time of one run of the parsed code, printed before the value it shows (nothing if it
    /// raised). A statement shows its value when it is one bare expression; a cell when a bare
    /// expression ends it.
    func time(_ source: String, filename: String, lastOnly: Bool) -> Bool {
        interpreter.sources[filename] = source.components(separatedBy: "\n")
        let body: [Stmt]
        do throws(PyException) {
            body = try Parser.parseModule(source, file: filename)
        } catch {
            report(error)
            return false
        }
        var shown: PyValue?
        let outer = interpreter.displayHook
        interpreter.displayHook = { value throws(PyException) in shown = value }
        let cpuStart = TimeFormat.cpuTimes()
        let wallStart = TimeFormat.now()
        let succeeded = run(body, filename: filename, echo: lastOnly || body.count == 1, lastOnly: true)
        let wall = TimeFormat.now() - wallStart
        let cpuEnd = TimeFormat.cpuTimes()
        interpreter.displayHook = outer
        guard succeeded else { return false }
        let user = cpuEnd.user - cpuStart.user, system = cpuEnd.system - cpuStart.system
        sink.write("CPU times: user \(TimeFormat.duration(user)), sys: \(TimeFormat.duration(system)), "
                   + "total: \(TimeFormat.duration(user + system))\n")
        sink.write("Wall time: \(TimeFormat.duration(wall))\n")
        if let shown { showValue(shown) }
        return true
    }
}

/// `%timeit`'s options (`-n LOOPS -r RUNS -p PRECISION -q`) and the statement after them.
struct TimeitOptions: Equatable {
    var loops: Int?
    var repeats = 7
    var precision = 3
    var quiet = false
    var rest = ""

    /// Nil when an option is not one of IPython's (`-n N -r N -p N -t -c -q -o`).
    init?(parsing argument: String) {
        var words = Substring(argument)
        while true {
            words = words.drop { $0.isWhitespace }
            guard words.hasPrefix("-"), words.count >= 2 else { break }
            let flag = words.dropFirst().prefix(1)
            var value = words.dropFirst(2)
            if ["q", "o", "t", "c"].contains(flag) {
                if flag == "q" { quiet = true }
                words = value
                continue
            }
            guard ["n", "r", "p"].contains(flag) else { return nil }
            value = value.drop { $0.isWhitespace }
            let digits = value.prefix { $0.isNumber }
            guard let number = Int(digits) else { return nil }
            switch flag {
            case "n": loops = max(1, number)
            case "r": repeats = max(1, number)
            default: precision = max(1, min(number, 17))
            }
            words = value.dropFirst(digits.count)
        }
        while let last = words.last, last.isWhitespace { words = words.dropLast() }
        rest = String(words)
    }

    /// The option IPython would name in its error (`-x`).
    static func unknownOption(_ argument: String) -> String {
        var words = Substring(argument)
        while true {
            words = words.drop { $0.isWhitespace }
            guard words.hasPrefix("-"), words.count >= 2 else { return "-" }
            let flag = words.dropFirst().prefix(1)
            if !["q", "o", "t", "c", "n", "r", "p"].contains(flag) { return "-" + flag }
            words = words.dropFirst(2)
            if ["n", "r", "p"].contains(flag) {
                words = words.drop { $0.isWhitespace }
                let digits = words.prefix { $0.isNumber }
                if digits.isEmpty { return "-" + flag }
                words = words.dropFirst(digits.count)
            }
        }
    }
}
