import Foundation
import JaxCore

/// `logging`: loggers in a dotted hierarchy under the root logger, levels, stream handlers
/// with `%`-style formatters, `basicConfig`, and the module-level shortcuts, printing what
/// CPython prints (`WARNING:root:message` on stderr by default).
enum LoggingModule {
    static let levels: [(String, Int)] = [("CRITICAL", 50), ("FATAL", 50), ("ERROR", 40), ("WARNING", 30), ("WARN", 30),
                                          ("INFO", 20), ("DEBUG", 10), ("NOTSET", 0)]
    static let basicFormat = "%(levelname)s:%(name)s:%(message)s"

    static func levelName(_ level: Int) -> String {
        switch level {
        case 50: return "CRITICAL"
        case 40: return "ERROR"
        case 30: return "WARNING"
        case 20: return "INFO"
        case 10: return "DEBUG"
        case 0: return "NOTSET"
        default: return "Level \(level)"
        }
    }

    /// A level given as a number or a name (`"INFO"`).
    static func level(_ v: PyValue, _ interp: Interpreter) throws(PyException) -> Int {
        if case .str(let name) = v {
            guard let level = levels.first(where: { $0.0 == name })?.1 else {
                throw PyException.valueError("Unknown level: \(Interpreter.stringRepr(name))")
            }
            return level
        }
        guard v.bigIntValue != nil else { throw PyException.typeError("Level not an integer or a valid string: \(try interp.repr(v))") }
        return try interp.index(v)
    }

    static func make(_ interp: Interpreter) throws(PyException) -> PyModule {
        let m = PyModule("logging")
        let tree = interp.loggingTree
        for (name, level) in levels { m.attributes[name] = .int(level) }
        m.attributes["BASIC_FORMAT"] = .str(basicFormat)
        m.attributes["root"] = .object(tree.root)
        m.define("getLogger") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("getLogger", ["name"])
            guard let v = slots[0], !v.isNone else { return .object(tree.root) }
            guard case .str(let name) = v else { throw PyException.typeError("A logger name must be a string") }
            return .object(tree.logger(name))
        }
        m.define("basicConfig") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            try basicConfig(interp, tree, args)
            return .none
        }
        m.define("getLevelName") { (_: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("getLevelName", ["level"], required: 1)
            switch slots[0] ?? .none {
            case .str(let name):
                if let level = levels.first(where: { $0.0 == name })?.1 { return .int(level) }
                return .str("Level \(name)")
            case let v:
                guard let big = v.bigIntValue, let level = Int(exactly: big) else { return .str("Level \(v)") }
                return .str(levelName(level))
            }
        }
        m.define("disable") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("disable", ["level"])
            tree.disabledBelow = try slots[0].map { (v: PyValue) throws(PyException) in try level(v, interp) } ?? 50
            return .none
        }
        for (name, level) in [("debug", 10), ("info", 20), ("warning", 30), ("warn", 30), ("error", 40), ("critical", 50),
                              ("fatal", 50), ("exception", 40)] {
            m.define(name) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                if tree.root.handlers.isEmpty { try basicConfig(interp, tree, Arguments()) }
                guard let message = args.positional.first else { throw PyException.typeError("\(name)() missing 1 required positional argument: 'msg'") }
                try tree.root.log(level, message, Array(args.positional.dropFirst()), interp, exception: name == "exception")
                return .none
            }
        }
        m.define("log") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            if tree.root.handlers.isEmpty { try basicConfig(interp, tree, Arguments()) }
            guard args.positional.count >= 2 else { throw PyException.typeError("log() missing required arguments: 'level' and 'msg'") }
            try tree.root.log(try level(args.positional[0], interp), args.positional[1], Array(args.positional.dropFirst(2)), interp)
            return .none
        }
        m.attributes["StreamHandler"] = .object(PyType("logging.StreamHandler", isInstance: { v in
            if case .object(let o) = v { return o is PyLogHandler }
            return false
        }, construct: { (_: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("StreamHandler", ["stream"])
            return .object(PyLogHandler(stream: slots[0].flatMap { $0.isNone ? nil : $0 }))
        }))
        m.attributes["NullHandler"] = .object(PyType("logging.NullHandler", isInstance: { _ in false },
                                                     construct: { (_: Interpreter, _: Arguments) throws(PyException) -> PyValue in
            .object(PyLogHandler(stream: nil, silent: true))
        }))
        m.attributes["Formatter"] = .object(PyType("logging.Formatter", isInstance: { v in
            if case .object(let o) = v { return o is PyLogFormatter }
            return false
        }, construct: { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("Formatter", ["fmt", "datefmt", "style"])
            var format = "%(message)s"
            if let v = slots[0], !v.isNone { format = try interp.requireString(v, "fmt must be a string, not") }
            var dateFormat: String?
            if let v = slots[1], !v.isNone { dateFormat = try interp.requireString(v, "datefmt must be a string, not") }
            return .object(PyLogFormatter(format, dateFormat: dateFormat))
        }))
        m.attributes["Logger"] = .object(PyType("logging.Logger", isInstance: { v in
            if case .object(let o) = v { return o is PyLogger }
            return false
        }, construct: nil))
        return m
    }

    private static func basicConfig(_ interp: Interpreter, _ tree: LoggingTree, _ args: Arguments) throws(PyException) {
        let force = try args.keyword("force").map { (v: PyValue) throws(PyException) in try interp.truth(v) } ?? false
        if force { tree.root.handlers = [] }
        guard tree.root.handlers.isEmpty else { return }
        var handlers: [PyLogHandler] = []
        if let given = args.keyword("handlers"), !given.isNone {
            for case .object(let h as PyLogHandler) in try interp.collect(given) { handlers.append(h) }
        } else {
            handlers = [PyLogHandler(stream: args.keyword("stream").flatMap { $0.isNone ? nil : $0 })]
        }
        var format = basicFormat
        if let v = args.keyword("format"), !v.isNone { format = try interp.requireString(v, "format must be a string, not") }
        var dateFormat: String?
        if let v = args.keyword("datefmt"), !v.isNone { dateFormat = try interp.requireString(v, "datefmt must be a string, not") }
        for h in handlers where h.formatter == nil { h.formatter = PyLogFormatter(format, dateFormat: dateFormat) }
        tree.root.handlers = handlers
        if let v = args.keyword("level"), !v.isNone { tree.root.level = try level(v, interp) }
    }
}

/// The session's loggers by name, and the root they hang from.
final class LoggingTree {
    let root = PyLogger("root", parent: nil, level: 30)
    var loggers: [String: PyLogger] = [:]
    /// `logging.disable(level)`: messages at or below it are dropped everywhere.
    var disabledBelow = -1

    init() { root.tree = self }

    func logger(_ name: String) -> PyLogger {
        if let existing = loggers[name] { return existing }
        let parts = name.split(separator: ".")
        var parent = root
        for i in 1..<max(1, parts.count) {
            let prefix = parts[0..<i].joined(separator: ".")
            if let p = loggers[prefix] { parent = p }
        }
        let made = PyLogger(name, parent: parent, level: 0)
        made.tree = self
        loggers[name] = made
        // loggers made earlier below this name now hang from it
        for (other, logger) in loggers where other.hasPrefix(name + ".") && logger.parent === parent {
            logger.parent = made
        }
        return made
    }
}

extension Interpreter {
    var loggingTree: LoggingTree { moduleState("logging.tree") { LoggingTree() } }
}

/// A `logging.Logger`: its level, handlers and parent.
final class PyLogger: PyObject {
    let name: String
    var parent: PyLogger?
    var level: Int
    var handlers: [PyLogHandler] = []
    var propagate = true
    var disabled = false
    weak var tree: LoggingTree?

    init(_ name: String, parent: PyLogger?, level: Int) {
        self.name = name
        self.parent = parent
        self.level = level
    }

    override var typeName: String { name == "root" && parent == nil ? "RootLogger" : "Logger" }

    var effectiveLevel: Int {
        var logger: PyLogger? = self
        while let l = logger {
            if l.level != 0 { return l.level }
            logger = l.parent
        }
        return 0
    }

    override func repr(_ interp: Interpreter) throws(PyException) -> String {
        "<\(typeName) \(name) (\(LoggingModule.levelName(effectiveLevel)))>"
    }

    func isEnabled(for level: Int) -> Bool {
        !disabled && level > (tree?.disabledBelow ?? -1) && level >= effectiveLevel
    }

    /// Formats and hands a message to the handlers of this logger and its ancestors; with no
    /// handler anywhere, the message alone goes to stderr (CPython's last resort).
    func log(_ level: Int, _ message: PyValue, _ args: [PyValue], _ interp: Interpreter, exception: Bool = false) throws(PyException) {
        guard isEnabled(for: level) else { return }
        var text = try interp.str(message)
        if !args.isEmpty {
            let values: PyValue = args.count == 1 && interp.asDict(args[0]) != nil ? args[0] : .tuple(args)
            text = try interp.percentFormat(text, values)
        }
        if exception, let active = interp.handling.last {
            text += "\n" + active.description
        }
        let frame = interp.frames.last
        let record = LogRecord(name: name, level: level, message: text, file: frame?.file ?? "<stdin>",
                               function: frame?.name ?? "<module>", line: frame?.line ?? 0)
        var logger: PyLogger? = self
        var handled = false
        while let l = logger {
            for h in l.handlers where level >= h.level {
                handled = true
                try h.emit(record, interp)
            }
            if !l.propagate { break }
            logger = l.parent
        }
        if !handled && level >= 30 { interp.sink.writeError(text + "\n") }
    }

    override func getAttribute(_ name: String, _ interp: Interpreter) throws(PyException) -> PyValue? {
        func method(_ body: @escaping PyBuiltin.Body) -> PyValue { .object(PyBuiltin(name, owner: "Logger", body)) }
        let levelMethods = ["debug": 10, "info": 20, "warning": 30, "warn": 30, "error": 40, "critical": 50, "fatal": 50,
                            "exception": 40]
        if let level = levelMethods[name] {
            return method { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                guard let message = args.positional.first else {
                    throw PyException.typeError("Logger.\(name)() missing 1 required positional argument: 'msg'")
                }
                try self.log(level, message, Array(args.positional.dropFirst()), interp, exception: name == "exception")
                return .none
            }
        }
        switch name {
        case "name": return .str(self.name)
        case "level": return .int(level)
        case "parent": return parent.map { .object($0) } ?? PyValue.none
        case "propagate": return .bool(propagate)
        case "disabled": return .bool(disabled)
        case "handlers": return .list(PyList(handlers.map { .object($0) }))
        case "log":
            return method { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                guard args.positional.count >= 2 else { throw PyException.typeError("Logger.log() missing required arguments: 'level' and 'msg'") }
                try self.log(try LoggingModule.level(args.positional[0], interp), args.positional[1], Array(args.positional.dropFirst(2)), interp)
                return .none
            }
        case "setLevel":
            return method { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind("setLevel", ["level"], required: 1)
                self.level = try LoggingModule.level(slots[0] ?? .none, interp)
                return .none
            }
        case "getEffectiveLevel":
            return method { (_: Interpreter, _: Arguments) throws(PyException) -> PyValue in .int(self.effectiveLevel) }
        case "isEnabledFor":
            return method { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind("isEnabledFor", ["level"], required: 1)
                return .bool(self.isEnabled(for: try LoggingModule.level(slots[0] ?? .none, interp)))
            }
        case "addHandler", "removeHandler":
            return method { (_: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind(name, ["hdlr"], required: 1)
                guard case .object(let h as PyLogHandler)? = slots[0] else { return .none }
                self.handlers.removeAll { $0 === h }
                if name == "addHandler" { self.handlers.append(h) }
                return .none
            }
        case "hasHandlers":
            return method { (_: Interpreter, _: Arguments) throws(PyException) -> PyValue in
                var logger: PyLogger? = self
                while let l = logger {
                    if !l.handlers.isEmpty { return .bool(true) }
                    if !l.propagate { break }
                    logger = l.parent
                }
                return .bool(false)
            }
        case "getChild":
            return method { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind("getChild", ["suffix"], required: 1)
                let suffix = try interp.requireString(slots[0] ?? .none, "suffix must be a string, not")
                let full = self.parent == nil ? suffix : "\(self.name).\(suffix)"
                return .object(self.tree?.logger(full) ?? self)
            }
        default:
            return nil
        }
    }

    override func setAttribute(_ name: String, _ value: PyValue, _ interp: Interpreter) throws(PyException) {
        switch name {
        case "propagate": propagate = try interp.truth(value)
        case "disabled": disabled = try interp.truth(value)
        case "level": level = try LoggingModule.level(value, interp)
        default: throw PyException("AttributeError", "'Logger' object attribute '\(name)' is read-only in jaxlab")
        }
    }
}

/// One message on its way to the handlers.
struct LogRecord {
    let name: String
    let level: Int
    let message: String
    let file: String
    let function: String
    let line: Int
    let created = Date()
}

/// A `logging.StreamHandler`: writes formatted records to a stream (stderr by default).
final class PyLogHandler: PyObject {
    /// The stream object (`sys.stdout`, anything with `write`); nil for stderr.
    let stream: PyValue?
    let silent: Bool
    var level = 0
    var formatter: PyLogFormatter?

    init(stream: PyValue?, silent: Bool = false) {
        self.stream = stream
        self.silent = silent
    }

    override var typeName: String { silent ? "NullHandler" : "StreamHandler" }

    override func repr(_ interp: Interpreter) throws(PyException) -> String {
        if silent { return "<NullHandler (\(LoggingModule.levelName(level)))>" }
        var streamName = "<stderr>"
        if let stream, case .object(let s as PyStream) = stream { streamName = s.isError ? "<stderr>" : "<stdout>" }
        return "<StreamHandler \(streamName) (\(LoggingModule.levelName(level)))>"
    }

    func emit(_ record: LogRecord, _ interp: Interpreter) throws(PyException) {
        if silent { return }
        let text = try (formatter ?? PyLogFormatter("%(message)s", dateFormat: nil)).format(record, interp) + "\n"
        guard let stream else {
            interp.sink.writeError(text)
            return
        }
        _ = try interp.callMethod(stream, "write", Arguments([.str(text)]))
    }

    override func getAttribute(_ name: String, _ interp: Interpreter) throws(PyException) -> PyValue? {
        switch name {
        case "level": return .int(level)
        case "formatter": return formatter.map { .object($0) } ?? PyValue.none
        case "setLevel":
            return .object(PyBuiltin("setLevel", owner: typeName) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind("setLevel", ["level"], required: 1)
                self.level = try LoggingModule.level(slots[0] ?? .none, interp)
                return .none
            })
        case "setFormatter":
            return .object(PyBuiltin("setFormatter", owner: typeName) { (_: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let slots = try args.bind("setFormatter", ["fmt"], required: 1)
                if case .object(let f as PyLogFormatter)? = slots[0] { self.formatter = f } else { self.formatter = nil }
                return .none
            })
        case "flush", "close":
            return .object(PyBuiltin(name, owner: typeName) { (_: Interpreter, _: Arguments) throws(PyException) -> PyValue in .none })
        default:
            return nil
        }
    }
}

/// A `logging.Formatter`: `%`-style placeholders filled from the record.
final class PyLogFormatter: PyObject {
    let formatText: String
    let dateFormat: String?

    init(_ formatText: String, dateFormat: String?) {
        self.formatText = formatText
        self.dateFormat = dateFormat
    }

    override var typeName: String { "logging.Formatter" }

    func format(_ record: LogRecord, _ interp: Interpreter) throws(PyException) -> String {
        let fields = PyDict()
        let file = (record.file as NSString).lastPathComponent
        let seconds = record.created.timeIntervalSince1970
        let values: [(String, PyValue)] = [
            ("name", .str(record.name)), ("levelname", .str(LoggingModule.levelName(record.level))), ("levelno", .int(record.level)),
            ("message", .str(record.message)), ("msg", .str(record.message)), ("filename", .str(file)),
            ("module", .str(file.hasSuffix(".py") ? String(file.dropLast(3)) : file)), ("pathname", .str(record.file)),
            ("funcName", .str(record.function)), ("lineno", .int(record.line)), ("process", .int(Int(getpid()))),
            ("thread", .int(0)), ("threadName", .str("MainThread")), ("processName", .str("MainProcess")),
            ("created", .float(seconds)), ("msecs", .float((seconds - seconds.rounded(.down)) * 1000)),
            ("relativeCreated", .float(0)),
        ]
        for (k, v) in values { try fields.set(.str(k), v) }
        if formatText.contains("%(asctime)") {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.dateFormat = dateFormat.map(PyLogFormatter.strftimeToDateFormat) ?? "yyyy-MM-dd HH:mm:ss"
            var asctime = formatter.string(from: record.created)
            if dateFormat == nil { asctime += String(format: ",%03d", Int((seconds - seconds.rounded(.down)) * 1000)) }
            try fields.set(.str("asctime"), .str(asctime))
        }
        return try interp.percentFormat(formatText, .dict(fields))
    }

    /// The common `strftime` directives in Foundation's date-format language.
    static func strftimeToDateFormat(_ text: String) -> String {
        let table: [Character: String] = ["Y": "yyyy", "m": "MM", "d": "dd", "H": "HH", "M": "mm", "S": "ss", "y": "yy",
                                          "b": "MMM", "B": "MMMM", "a": "EEE", "A": "EEEE", "p": "a", "I": "hh"]
        var out = ""
        var chars = text.makeIterator()
        while let c = chars.next() {
            if c == "%", let d = chars.next() {
                out += table[d] ?? String(d)
            } else if c.isLetter {
                out += "'\(c)'"
            } else {
                out.append(c)
            }
        }
        return out
    }

    override func getAttribute(_ name: String, _ interp: Interpreter) throws(PyException) -> PyValue? {
        name == "_fmt" ? .str(formatText) : nil
    }
}
