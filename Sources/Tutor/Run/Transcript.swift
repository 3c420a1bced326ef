import Foundation
import Language

/// A replay written out: as text a person reads (the lesson's text wrapped at 80 columns,
/// each cell as typed at the prompt, then its output), or as JSON for tools and tests.
public enum Transcript {
    public static func text(_ report: ReplayReport, look: TextLook = .plain) -> String {
        let lesson = report.lesson
        let renderer = MarkdownRenderer(look: look)
        var out = renderer.render("# " + lesson.title) + "\n"
        out += "lesson \(lesson.id), version \(lesson.version): \(lesson.steps.count) steps, \(lesson.tasks.count) tasks\n"
        for entry in report.entries {
            let step = entry.step
            var heading = "\(entry.index + 1). "
            if let task = step.task { heading += "task \(task.id): \(task.title)" } else { heading += step.id }
            out += "\n" + rule(heading, width: renderer.width) + "\n"
            if !step.text.isEmpty { out += renderer.render(step.text) + "\n" }
            for note in step.notes { out += "\n" + renderer.render("Instructor's note: " + note) + "\n" }
            guard let code = entry.code else { continue }
            out += "\n"
            if step.task != nil { out += "solution:\n" }
            out += prompted(code)
            if let result = entry.result {
                out += result.printed + result.errorText
            }
            switch entry.check {
            case .passed?: out += "check: passed\n"
            case .failed(let message, let exception)?: out += "check: FAILED (\(message ?? exception.description))\n"
            case nil: break
            }
        }
        return out
    }

    /// The code as it appears at the prompt: `>>> ` before each statement, `... ` before the
    /// lines that continue one (indented, blank, or inside open brackets).
    public static func prompted(_ code: String) -> String {
        var lines = code.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        while lines.last == "" { lines.removeLast() }
        var depth = 0
        var out = ""
        for (index, line) in lines.enumerated() {
            let continues = index > 0 && (depth > 0 || line.first.map { $0 == " " || $0 == "\t" } ?? true
                                          || StatementStart.continuesBlock(line) || lines[0].hasPrefix("%%"))
            out += (continues ? "... " : ">>> ") + line + "\n"
            depth = max(0, depth + StatementStart.bracketBalance(line))
        }
        return out
    }

    /// `── heading ─────` filling the width.
    static func rule(_ heading: String, width: Int) -> String {
        let head = "── " + heading + " "
        return head + String(repeating: "─", count: max(3, width - visibleWidth(head)))
    }

    /// One JSON object per step: its id and kind, the code run and what it printed.
    public static func json(_ report: ReplayReport) -> String {
        let records = report.entries.map { entry in
            ReplayRecord(step: entry.step.id,
                         kind: entry.step.task != nil ? "task" : entry.step.cell != nil ? "cell" : "text",
                         code: entry.code, output: entry.result?.printed, errors: entry.result?.errorText,
                         exception: entry.result?.exception?.description, check: entry.check.map(describe))
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(records) else { return "[]\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    private static func describe(_ outcome: CheckOutcome) -> String {
        switch outcome {
        case .passed: return "passed"
        case .failed(let message, let exception): return "failed: " + (message ?? exception.description)
        }
    }
}

/// One step of a replay as JSON.
struct ReplayRecord: Codable {
    var step: String
    var kind: String
    var code: String?
    var output: String?
    var errors: String?
    var exception: String?
    var check: String?
}

/// Where a line of code stands in a statement, for showing prompts.
enum StatementStart {
    /// `else`, `elif`, `except` and `finally` continue the statement above them.
    static func continuesBlock(_ line: String) -> Bool {
        ["else", "elif", "except", "finally"].contains { keyword in
            line.hasPrefix(keyword) && !(line.dropFirst(keyword.count).first.map { $0.isLetter || $0.isNumber || $0 == "_" } ?? false)
        }
    }

    /// Opening minus closing brackets on the line, outside strings and comments.
    static func bracketBalance(_ line: String) -> Int {
        var balance = 0
        var quote: Character?
        var escaped = false
        for character in line {
            if let open = quote {
                if escaped { escaped = false } else if character == "\\" { escaped = true } else if character == open { quote = nil }
                continue
            }
            switch character {
            case "#": return balance
            case "'", "\"": quote = character
            case "(", "[", "{": balance += 1
            case ")", "]", "}": balance -= 1
            default: break
            }
        }
        return balance
    }
}
