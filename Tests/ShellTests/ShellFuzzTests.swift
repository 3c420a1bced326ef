#if canImport(Glibc)
import Glibc
#endif
import XCTest

/// Random keys, control characters, escape sequences and window resizes typed into the real
/// binary: it must not crash or hang, must still run code afterwards, and must leave the
/// terminal as it found it. `JAXLAB_FUZZ_SECONDS` sets the duration (3 s by default; the issue's
/// acceptance run uses 60), `JAXLAB_FUZZ_SEED` replays a run.
final class ShellFuzzTests: XCTestCase {
    /// Printable text; no `*` or `%` so random input cannot build huge powers or long magics.
    private static let printable = Array("abcdefghijklmnopqrstuvwxyzABCXYZ0123456789 _.,:;()[]{}'\"+-/=<>!#éµ漢")
    /// Editing keys and escape sequences. Left out: Ctrl-D (exits on an empty line), Ctrl-Z and
    /// Ctrl-\ (job control, quit), Ctrl-S/Ctrl-Q/Ctrl-O (flow control, discard).
    private static let keys = [
        "\u{1}", "\u{2}", "\u{5}", "\u{6}", "\u{8}", "\u{B}", "\u{C}", "\u{E}", "\u{10}", "\u{12}", "\u{14}",
        "\u{15}", "\u{16}", "\u{17}", "\u{19}", "\u{7F}", "\t", "\t\t", "\u{3}", "\r", "\u{1B}",
        "\u{1B}[A", "\u{1B}[B", "\u{1B}[C", "\u{1B}[D", "\u{1B}OA", "\u{1B}OB", "\u{1B}[H", "\u{1B}[F",
        "\u{1B}[3~", "\u{1B}[1;5C", "\u{1B}[1;5D", "\u{1B}b", "\u{1B}f", "\u{1B}d", "\u{1B}[99~", "\u{1B}[",
        "\u{1B}[200~", "\u{1B}\u{7F}",
    ]

    func testRandomKeysNeitherCrashNorHangAndTheTerminalIsRestored() throws {
        let seconds = getenv("JAXLAB_FUZZ_SECONDS").flatMap { Double(String(cString: $0)) } ?? 3
        let seed = getenv("JAXLAB_FUZZ_SEED").flatMap { UInt64(String(cString: $0)) } ?? UInt64(time(nil))
        var random = SplitMix64(seed: seed)
        var template = Array("/tmp/jaxlab-fuzz-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw PtyError("mkdtemp failed") }
        let state = String(cString: made)
        defer {
            unlink(state + "/jaxlab/history")
            rmdir(state + "/jaxlab")
            rmdir(state)
        }
        let shell = try PtyProcess(environment: ["XDG_STATE_HOME": state])
        shell.expectPrompt()
        let deadline = TimeFormatClock.now() + seconds
        while TimeFormatClock.now() < deadline {
            let choice = random.next() % 100
            if choice < 55 {
                shell.send(String(Self.printable[Int(random.next() % UInt64(Self.printable.count))]))
            } else if choice < 99 {
                shell.send(Self.keys[Int(random.next() % UInt64(Self.keys.count))])
            } else {
                shell.resize(rows: UInt16(10 + random.next() % 40), columns: UInt16(20 + random.next() % 140))
            }
            usleep(UInt32(random.next() % 3_000))
            shell.drain()
            if let status = shell.exitedStatus() {
                return XCTFail("jaxlab ended with status \(status); seed \(seed); last output: \(shell.output.debugDescription)")
            }
        }
        shell.drain()
        // Leave whatever state the keys left (a search, a block, a running statement). Twice:
        // after a random Ctrl-V (quoted insert) the first Ctrl-C is typed into the line. Apart:
        // sent together, both reach the terminal while quoted insert has signals off, and the
        // second is a key too.
        shell.send("\u{3}")
        usleep(100_000)
        shell.waitUntilInputRead()
        usleep(200_000)
        shell.send("\u{3}")
        XCTAssertTrue(shell.expectPrompt(), "no prompt after Ctrl-C; seed \(seed)")
        shell.send("\u{15}print('alive', 6 + 1)\r")
        XCTAssertTrue(shell.expect("alive 7\n"), "seed \(seed)")
        shell.expectPrompt()
        shell.send("\u{4}")
        XCTAssertEqual(shell.waitForExit(), 0, "seed \(seed)")
        var before = shell.initialSettings
        var after = shell.terminalSettings()
        XCTAssertEqual(before.c_iflag, after.c_iflag, "seed \(seed)")
        XCTAssertEqual(before.c_oflag, after.c_oflag, "seed \(seed)")
        XCTAssertEqual(before.c_cflag, after.c_cflag, "seed \(seed)")
        XCTAssertEqual(before.c_lflag, after.c_lflag, "seed \(seed)")
        let sameControls = withUnsafeBytes(of: &before.c_cc) { a in
            withUnsafeBytes(of: &after.c_cc) { b in a.elementsEqual(b) }
        }
        XCTAssertTrue(sameControls, "control characters changed; seed \(seed)")
    }
}

/// A small seeded generator so a failing fuzz run can be replayed.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
