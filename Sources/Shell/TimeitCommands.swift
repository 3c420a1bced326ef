/// `%timeit`, `%%timeit`, `%time` and `%%time`, measured and printed as IPython does.
enum TimeitCommands {
    static func register(in registry: CommandRegistry) {
        registry.register(ShellCommand(name: "timeit", kind: .lineMagic,
                                       summary: "Time a statement: mean ± std. dev. over repeated runs") { shell, argument, _ in
            let options = TimeitOptions(parsing: argument)
            timeit(shell, statement: options.rest, setup: nil, options: options)
            return .proceed
        })
        registry.register(ShellCommand(name: "timeit", kind: .cellMagic,
                                       summary: "Time the cell (the first line's statement is setup)") { shell, argument, cell in
            let options = TimeitOptions(parsing: argument)
            timeit(shell, statement: cell ?? "", setup: options.rest.isEmpty ? nil : options.rest, options: options)
            return .proceed
        })
        registry.register(ShellCommand(name: "time", kind: .lineMagic,
                                       summary: "Run a statement once and print its CPU and wall time") { shell, argument, _ in
            time(shell) { shell.runInteractive(argument) }
            return .proceed
        })
        registry.register(ShellCommand(name: "time", kind: .cellMagic,
                                       summary: "Run the cell once and print its CPU and wall time") { shell, _, cell in
            time(shell) { shell.runScript(cell ?? "", filename: "<timed cell>") }
            return .proceed
        })
    }

    /// IPython's `%timeit`: the loop count is the first power of ten whose run takes at least
    /// 0.2 s, then 7 runs of that many loops. A first call that compiled a `jax.jit` function is
    /// reported on its own, as JAX users are told to warm up before timing.
    static func timeit(_ shell: InteractiveShell, statement: String, setup: String?, options: TimeitOptions) {
        guard !StatementReader.isBlank(statement) else {
            shell.writeError("UsageError: %timeit needs a statement to time.\n")
            return
        }
        let body = statement.split(separator: "\n", omittingEmptySubsequences: false)
            .map { "    " + $0 }.joined(separator: "\n")
        func run(loops: Int) -> Double? {
            if let setup, !shell.runScript(setup, filename: "<timeit-setup>") { return nil }
            let source = "for __timeit_loop in range(\(loops)):\n\(body)\n"
            let start = TimeFormat.now()
            guard shell.runScript(source, filename: "<timeit>") else { return nil }
            return TimeFormat.now() - start
        }
        var loops = options.loops ?? 0
        var firstCall: Double? = nil
        if loops == 0 {
            for exponent in 0..<10 {
                loops = exponent == 0 ? 1 : loops * 10
                let compiledBefore = shell.engine.context.jitCompileCount
                guard let elapsed = run(loops: loops) else { return }
                if exponent == 0 && shell.engine.context.jitCompileCount > compiledBefore {
                    // The first call compiled: time again so calibration sees the warm cost.
                    firstCall = elapsed
                    guard let warm = run(loops: 1) else { return }
                    if warm >= 0.2 { break }
                    continue
                }
                if elapsed >= 0.2 { break }
            }
        }
        var runs: [Double] = []
        for _ in 0..<options.repeats {
            guard let elapsed = run(loops: loops) else { return }
            runs.append(elapsed)
        }
        _ = shell.runScript("del __timeit_loop", filename: "<timeit>")
        guard !options.quiet, let fastest = runs.min(), let slowest = runs.max() else { return }
        let best = fastest / Double(loops), worst = slowest / Double(loops)
        if worst > 4 * best && best > 0 && worst > 1e-6 {
            shell.write("The slowest run took \(TimeFormat.fixed2(worst / best)) times longer than the fastest. "
                        + "This could mean that an intermediate result is being cached.\n")
        }
        shell.write(TimeFormat.timeitSummary(perLoop: runs.map { $0 / Double(loops) }, loops: loops,
                                             precision: options.precision) + "\n")
        if let firstCall {
            shell.write("First call (compiling with jax.jit): \(TimeFormat.duration(firstCall))\n")
        }
    }

    /// IPython's `%time`: CPU and wall time of one run, printed after it (nothing if it raised).
    static func time(_ shell: InteractiveShell, _ body: () -> Bool) {
        let cpuStart = TimeFormat.cpuTimes()
        let wallStart = TimeFormat.now()
        guard body() else { return }
        let wall = TimeFormat.now() - wallStart
        let cpuEnd = TimeFormat.cpuTimes()
        let user = cpuEnd.user - cpuStart.user, system = cpuEnd.system - cpuStart.system
        shell.write("CPU times: user \(TimeFormat.duration(user)), sys: \(TimeFormat.duration(system)), "
                    + "total: \(TimeFormat.duration(user + system))\n")
        shell.write("Wall time: \(TimeFormat.duration(wall))\n")
    }
}

/// `%timeit`'s options (`-n LOOPS -r RUNS -p PRECISION -q`) and the statement after them.
struct TimeitOptions: Equatable {
    var loops: Int?
    var repeats = 7
    var precision = 3
    var quiet = false
    var rest = ""

    init(parsing argument: String) {
        var words = Substring(argument)
        while true {
            words = Substring(words.trimmingWhitespace)
            guard words.hasPrefix("-"), words.count >= 2 else { break }
            let flag = words.dropFirst().prefix(1)
            var value = words.dropFirst(2)
            if flag == "q" || flag == "o" {
                if flag == "q" { quiet = true }
                words = value
                continue
            }
            value = Substring(value.trimmingWhitespace)
            let digits = value.prefix { $0.isNumber }
            guard let number = Int(digits), ["n", "r", "p"].contains(flag) else { break }
            switch flag {
            case "n": loops = max(1, number)
            case "r": repeats = max(1, number)
            default: precision = max(1, min(number, 17))
            }
            words = value.dropFirst(digits.count)
        }
        rest = String(words)
    }
}
