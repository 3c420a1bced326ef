import CPty
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Times `jaxlab` from launch to its first `>>> ` prompt on a pseudo-terminal (what a student
/// waits for), beside `import jax` in Python when a JAX interpreter is named.
func runStartupBench() {
    let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("jaxlab").path
    print("")
    print("shell startup to the first prompt (release build, pseudo-terminal, best of 10)")
    guard access(binary, X_OK) == 0 else {
        print("  no jaxlab binary beside jaxlab-bench: build it with `swift build -c release`")
        return
    }
    var times: [Double] = []
    for _ in 0..<10 {
        if let t = timeToPrompt(binary) { times.append(t) }
    }
    guard let best = times.min() else {
        print("  the shell did not show a prompt")
        return
    }
    let median = times.sorted()[times.count / 2]
    print(String(format: "  jaxlab              best %6.1f ms   median %6.1f ms", best * 1e3, median * 1e3))
    if let interpreter = ProcessInfo.processInfo.environment["JAXLAB_JAX_PYTHON"],
       let seconds = timeCommand(interpreter, ["-c", "import jax, jax.numpy"]) {
        print(String(format: "  python: import jax   %6.1f ms", seconds * 1e3))
    }
}

/// Seconds from spawning `binary` on a fresh pty until its `>>> ` prompt shows; nil on a timeout.
private func timeToPrompt(_ binary: String) -> Double? {
    var slave = [CChar](repeating: 0, count: 128)
    let master = jl_pty_open(&slave, slave.count, 24, 80)
    guard master >= 0 else { return nil }
    defer { close(master) }
    let state = FileManager.default.temporaryDirectory.appendingPathComponent("jaxlab-bench-state").path
    let environment = ["TERM=xterm", "XDG_STATE_HOME=\(state)", "LANG=C.UTF-8", "PATH=/usr/bin:/bin"]
    let clock = ContinuousClock()
    let start = clock.now
    let pid: pid_t = withCStrings([binary]) { argv in
        withCStrings(environment) { envp in jl_pty_spawn(slave, binary, argv, envp) }
    }
    guard pid > 0 else { return nil }
    defer {
        kill(pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
    }
    var seen = [UInt8]()
    var buffer = [UInt8](repeating: 0, count: 4096)
    while clock.now - start < .seconds(10) {
        var poller = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, 100) > 0 else { continue }
        let count = read(master, &buffer, buffer.count)
        guard count > 0 else { return nil }
        seen.append(contentsOf: buffer[0..<count])
        // the prompt is coloured on a terminal (`ESC[1;32m>>>ESC[0m `): look at what shows
        if visibleText(seen).contains(">>> ") {
            let elapsed = (clock.now - start).components
            return Double(elapsed.seconds) + Double(elapsed.attoseconds) * 1e-18
        }
    }
    return nil
}

/// `bytes` as a terminal shows them: escape sequences (`ESC[` parameters and a final letter)
/// removed.
private func visibleText(_ bytes: [UInt8]) -> String {
    var shown = String.UnicodeScalarView()
    var inEscape = false
    var afterEscape = false
    for scalar in String(decoding: bytes, as: UTF8.self).unicodeScalars {
        if afterEscape {
            afterEscape = false
            inEscape = scalar == "["
        } else if inEscape {
            inEscape = !(0x40...0x7E).contains(scalar.value)
        } else if scalar == "\u{1B}" {
            afterEscape = true
        } else {
            shown.append(scalar)
        }
    }
    return String(shown)
}

/// Wall-clock seconds of running a command to completion; nil when it fails.
private func timeCommand(_ executable: String, _ arguments: [String]) -> Double? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [executable] + arguments
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    let clock = ContinuousClock()
    let start = clock.now
    guard (try? process.run()) != nil else { return nil }
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { return nil }
    let elapsed = (clock.now - start).components
    return Double(elapsed.seconds) + Double(elapsed.attoseconds) * 1e-18
}

/// Calls `body` with a NULL-terminated C array of the strings.
private func withCStrings<R>(_ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> R) -> R {
    var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
    pointers.append(nil)
    defer { for p in pointers { free(p) } }
    return body(pointers)
}
