#if canImport(Glibc)
import Glibc
#endif
import Foundation
import XCTest

/// The history file shared by shells: entries appended whole, never lost or seen cut when two
/// shells write at once; a FIFO in its place never blocks start-up; huge entries left out.
final class HistoryFileTests: ShellTestCase {
    /// The entries of a history file's text, as the format defines them (an entry counts once
    /// its blank line is written).
    static func entries(_ text: String) -> [String] {
        var entries: [String] = []
        var current: [String] = []
        var inEntry = false
        var lines = text.components(separatedBy: "\n")
        if text.hasSuffix("\n") { lines.removeLast() }
        for line in lines {
            if line.hasPrefix("> ") || line == ">" {
                current.append(String(line.dropFirst(min(2, line.count))))
                inEntry = true
            } else {
                if line.isEmpty && inEntry { entries.append(current.joined(separator: "\n")) }
                current = []
                inEntry = false
            }
        }
        return entries
    }

    func testTwoShellsWritingAtOnceLoseNothing() throws {
        let first = try start()
        let second = try start()
        let watcher = HistoryWatcher(path: historyPath)
        watcher.start()
        for index in 0..<40 {
            first.typeLine("first_\(index) = \(index)")
            second.typeLine("second_\(index) = \(index)")
        }
        quit(first)
        quit(second)
        watcher.stop()
        let final = HistoryFileTests.entries(try String(contentsOfFile: historyPath, encoding: .utf8))
        for index in 0..<40 {
            XCTAssertTrue(final.contains("first_\(index) = \(index)"), "first_\(index) lost")
            XCTAssertTrue(final.contains("second_\(index) = \(index)"), "second_\(index) lost")
        }
        XCTAssertGreaterThan(watcher.reads, 10)
        XCTAssertEqual(watcher.problems, [], "the file was seen cut or losing entries")
    }

    func testAFifoInPlaceOfTheHistoryDoesNotBlock() throws {
        mkdir(stateDirectory + "/jaxlab", 0o700)
        XCTAssertEqual(mkfifo(historyPath, 0o600), 0)
        let shell = try start()
        shell.expect("is not a regular file, so the history is not kept")
        shell.typeLine("print(40 + 2)")
        shell.expect("\n42\n")
        quit(shell)
    }

    func testADamagedFileIsReadForWhatIsWholeAndAppendedCleanly() throws {
        mkdir(stateDirectory + "/jaxlab", 0o700)
        // an entry, bytes that are not text, a huge entry another program wrote, and an entry
        // cut by a crash while it was written
        var damaged = Data("#jaxlab history v1\n\n> good = 1\n\n".utf8)
        damaged.append(contentsOf: [0xFF, 0x00, 0xFE, 0x0A, 0xC3, 0x0A])
        damaged.append(Data(("> huge = '" + String(repeating: "x", count: 300_000) + "'\n\n> cut_entry = 1").utf8))
        try damaged.write(to: URL(fileURLWithPath: historyPath))
        let shell = try start()
        shell.expectPrompt()
        // Up recalls the last whole entry that is not huge
        shell.send("\u{1B}[A")
        shell.expect("good = 1")
        shell.send("\r")
        shell.typeLine("after = good + 1")
        shell.typeLine("after")
        shell.expect("\n2\n")
        quit(shell)
        let entries = HistoryFileTests.entries(try String(decoding: Data(contentsOf: URL(fileURLWithPath: historyPath)), as: UTF8.self))
        XCTAssertEqual(entries.first, "good = 1")
        XCTAssertEqual(entries.suffix(2), ["after = good + 1", "after"])
        XCTAssertFalse(entries.contains { $0.contains("cut_entry") }, "\(entries.map { $0.prefix(40) })")
    }

    func testAHugeCellIsNotKept() throws {
        let shell = try start()
        shell.typeLine("small = 1")
        shell.paste("huge = '" + String(repeating: "x", count: 150_000) + "'\n")
        shell.typeLine("len(huge)")
        shell.expect("\n150000\n")
        quit(shell)
        let entries = HistoryFileTests.entries(try String(contentsOfFile: historyPath, encoding: .utf8))
        XCTAssertEqual(entries, ["small = 1", "len(huge)"])
    }
}

/// Reads a history file over and over on its own thread while shells write it, noting any
/// read where the file is cut (no header) or an entry seen before has gone.
final class HistoryWatcher: @unchecked Sendable {
    let path: String
    private let lock = NSLock()
    private var stopped = false
    private var seen: Set<String> = []
    private(set) var reads = 0
    private(set) var problems: [String] = []
    private var thread: Thread?
    private let finished = DispatchSemaphore(value: 0)

    init(path: String) { self.path = path }

    func start() {
        let thread = Thread { [self] in
            while !lock.withLock({ stopped }) {
                if let text = try? String(contentsOfFile: path, encoding: .utf8) {
                    let entries = Set(HistoryFileTests.entries(text))
                    lock.withLock {
                        reads += 1
                        if !text.hasPrefix("#jaxlab history") { problems.append("cut: \(text.prefix(80).debugDescription)") }
                        let lost = seen.subtracting(entries)
                        if !lost.isEmpty { problems.append("lost \(lost.sorted())") }
                        seen.formUnion(entries)
                    }
                }
                usleep(500)
            }
            finished.signal()
        }
        self.thread = thread
        thread.start()
    }

    func stop() {
        lock.withLock { stopped = true }
        finished.wait()
    }
}
