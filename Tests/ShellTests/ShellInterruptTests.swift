#if canImport(Glibc)
import Glibc
#endif
import XCTest

/// Ctrl-C during one long operation (#18): a 4000×4000 product, `%timeit` of it, a jitted
/// product, a NumPy product and 3e8 normal samples each end in KeyboardInterrupt within a
/// second, and the statement does not assign its target.
final class ShellInterruptTests: ShellTestCase {
    /// Runs `statement` (which prints `go` just before its long part), presses Ctrl-C once the
    /// long part has run a moment, and checks the interrupt arrives within a second and `c`
    /// still holds what it held.
    func interrupt(_ shell: PtyProcess, _ statement: String, within seconds: Double = 1,
                   file: StaticString = #filePath, line: UInt = #line) {
        shell.typeLine("c = 'unchanged'", file: file, line: line)
        shell.expectPrompt(file: file, line: line)
        shell.typeLine(statement, file: file, line: line)
        shell.expect("go\n", timeout: 60, file: file, line: line)
        usleep(300_000)
        shell.send("\u{3}")
        let sent = TimeFormatClock.now()
        shell.expect("KeyboardInterrupt", timeout: 60, file: file, line: line)
        XCTAssertLessThan(TimeFormatClock.now() - sent, seconds, statement, file: file, line: line)
        shell.typeLine("print(c)", file: file, line: line)
        shell.expect("\nunchanged\n", file: file, line: line)
    }

    func testCtrlCStopsLongProductsSamplesAndTimeit() throws {
        let shell = try start()
        shell.typeLine("a4 = jnp.ones((4000, 4000)); n4 = np.ones((4000, 4000)); key = jax.random.key(0)")
        shell.expectPrompt()
        // eight products in a row: far longer than the test waits, whatever the machine's load
        interrupt(shell, "c = (print('go'), a4 @ a4 @ a4 @ a4 @ a4 @ a4 @ a4 @ a4 @ a4)[1]")
        interrupt(shell, "%timeit c = (print('go'), a4 @ a4)")
        shell.typeLine("f = jax.jit(lambda x: x @ x @ x @ x @ x @ x @ x @ x)")
        // a jitted call returns at once (asynchronous dispatch, as in JAX); waiting for it is
        // the long part, and Ctrl-C there cancels it
        interrupt(shell, "c = (print('go'), f(a4).block_until_ready())[1]")
        interrupt(shell, "c = (print('go'), n4 @ n4 @ n4 @ n4 @ n4 @ n4 @ n4 @ n4)[1]")
        // sampling checks between blocks of 2^20; the conversions around the typed key's sampler
        // check only after each pass, which in a debug build takes about two seconds
        interrupt(shell, "c = (print('go'), [jax.random.normal(key, (300_000_000,)) for _ in range(8)])[1]", within: 4)
        interrupt(shell, "c = (print('go'), [jax.random.normal(jax.random.PRNGKey(1), (300_000_000,)) for _ in range(8)])[1]",
                  within: 4)
        // the session goes on, its arrays intact; the next product waits for the abandoned one
        shell.typeLine("print(a4[0, :3], n4.shape, (n4[:2] @ n4[:, :2]).tolist())")
        shell.expect("[1. 1. 1.] (4000, 4000) [[4000.0, 4000.0], [4000.0, 4000.0]]\n", timeout: 60)
        quit(shell)
    }
}
