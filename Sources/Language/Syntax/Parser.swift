import JaxCore

/// A recursive-descent parser for the Python subset, from tokens to statements, with
/// Python's precedence and SyntaxError messages; nesting is bounded so deep input cannot
/// overflow the stack.
struct Parser {
    /// Deeper expression nesting than this is refused with a SyntaxError.
    static let maxDepth = 400
    /// Longer operator chains than this are refused as CPython's compiler refuses them.
    static let maxChainDepth = 3000

    var tokens: [Token]
    var index = 0
    let file: String
    var depth = 0
    /// How deep the expression being built is through left-nested chains (`1+1+...`,
    /// `f()()...`), which the parser builds in loops but evaluation walks recursively.
    var chainDepth = 0
    /// The qualified-name prefix of the definitions being parsed (`Point`, `f.<locals>`).
    var qualifiedPrefix: [String] = []
    /// `yield` expressions parsed so far in the innermost function (nil outside functions).
    var yieldCount: Int?

    init(tokens: [Token], file: String) {
        self.tokens = tokens
        self.file = file
    }

    /// Parses a whole module (a script or one interactive input).
    static func parseModule(_ source: String, file: String) throws(PyException) -> [Stmt] {
        var parser = Parser(tokens: try Lexer.tokenize(source, file: file), file: file)
        return try parser.parseStatements()
    }

    // MARK: token helpers

    var current: Token { tokens[min(index, tokens.count - 1)] }

    func peekToken(_ offset: Int) -> Token { tokens[min(index + offset, tokens.count - 1)] }

    mutating func advance() -> Token {
        let t = current
        if index < tokens.count - 1 { index += 1 }
        return t
    }

    mutating func accept(_ op: String) -> Bool {
        if current.isOp(op) {
            index += 1
            return true
        }
        return false
    }

    mutating func acceptName(_ word: String) -> Bool {
        if current.isName(word) {
            index += 1
            return true
        }
        return false
    }

    func error(_ message: String, at token: Token? = nil, kind: String = "SyntaxError") -> PyException {
        let t = token ?? current
        return PyException(kind, message, traceback: [SourceLocation(file: file, line: t.line, column: t.column + 1)])
    }

    /// "invalid syntax" at the current token, or the better message Python gives for it.
    func invalidSyntax() -> PyException {
        switch current.kind {
        case .indent: return error("unexpected indent", kind: "IndentationError")
        case .dedent: return error("unindent does not match any outer indentation level", kind: "IndentationError")
        default: return error("invalid syntax")
        }
    }

    mutating func expect(_ op: String) throws(PyException) {
        if !accept(op) {
            if op == ":" { throw error("expected ':'") }
            throw invalidSyntax()
        }
    }

    mutating func expectName() throws(PyException) -> String {
        if case .name(let n) = current.kind, !pythonKeywords.contains(n) {
            index += 1
            return n
        }
        throw invalidSyntax()
    }

    func position(_ t: Token) -> Position { Position(line: t.line, column: t.column) }

    mutating func enter() throws(PyException) {
        depth += 1
        if depth > Parser.maxDepth { throw error("too many nested expressions") }
    }

    mutating func extendChain() throws(PyException) {
        chainDepth += 1
        if chainDepth > Parser.maxChainDepth {
            throw PyException("RecursionError", "maximum recursion depth exceeded during compilation")
        }
    }

    // MARK: statements

    mutating func parseStatements() throws(PyException) -> [Stmt] {
        var body: [Stmt] = []
        while !current.isEOF {
            if current.kind == .newline {
                index += 1
                continue
            }
            if current.kind == .indent { throw error("unexpected indent", kind: "IndentationError") }
            body += try parseStatement()
        }
        return body
    }

    /// The qualified name of a definition called `name` at the current place.
    func qualifiedName(_ name: String) -> String {
        (qualifiedPrefix + [name]).joined(separator: ".")
    }

    mutating func parseStatement() throws(PyException) -> [Stmt] {
        let t = current
        if case .name(let word) = t.kind {
            switch word {
            case "if": return try parseMarkingYield { (p: inout Parser) throws(PyException) in [try p.parseIf()] }
            case "while": return try parseMarkingYield { (p: inout Parser) throws(PyException) in [try p.parseWhile()] }
            case "for": return try parseMarkingYield { (p: inout Parser) throws(PyException) in [try p.parseFor()] }
            case "try": return try parseMarkingYield { (p: inout Parser) throws(PyException) in [try p.parseTry()] }
            case "def": return [try parseDef(decorators: [])]
            case "with": return try parseMarkingYield { (p: inout Parser) throws(PyException) in [try p.parseWith()] }
            case "class": return [try parseClass(decorators: [])]
            default: break
            }
        }
        if t.isOp("@") { return [try parseDecorated()] }
        return try parseSimpleStatements()
    }

    /// Parses one statement and marks whether a `yield` of the current function is inside it.
    mutating func parseMarkingYield(_ parse: (inout Parser) throws(PyException) -> [Stmt]) throws(PyException) -> [Stmt] {
        let before = yieldCount
        var statements = try parse(&self)
        if let before, let after = yieldCount, after > before {
            for i in statements.indices { statements[i].hasYield = true }
        }
        return statements
    }

    mutating func parseSimpleStatements() throws(PyException) -> [Stmt] {
        var result = [try parseMarkedSmallStatement()]
        while accept(";") {
            if current.kind == .newline { break }
            result.append(try parseMarkedSmallStatement())
        }
        if current.kind != .newline {
            throw invalidSyntax()
        }
        index += 1
        return result
    }

    /// A simple statement, marked when it yields; `yield` must be the whole expression or the
    /// whole assigned value, the places a generator's executor can resume from.
    mutating func parseMarkedSmallStatement() throws(PyException) -> Stmt {
        let start = current
        let before = yieldCount
        var stmt = try parseSmallStatement()
        guard let before, let after = yieldCount, after > before else { return stmt }
        stmt.hasYield = true
        func isYield(_ e: Expr) -> Bool {
            switch e.kind {
            case .yield(let value): return value.map { !containsYield($0) } ?? true
            case .yieldFrom(let value): return !containsYield(value)
            default: return false
            }
        }
        let resumable: Bool
        switch stmt.kind {
        case .expression(let e): resumable = isYield(e)
        case .assign(let targets, let e): resumable = isYield(e) && !targets.contains { containsYield($0) }
        case .annotatedAssign(let target, _, let e?): resumable = isYield(e) && !containsYield(target)
        default: resumable = false
        }
        if !resumable {
            throw error("jaxlab runs 'yield' only as a statement of its own or as the whole value of an assignment",
                        at: start)
        }
        return stmt
    }

    /// Whether `yield` appears anywhere in `e` (outside nested lambdas).
    func containsYield(_ e: Expr) -> Bool {
        var found = false
        e.visitChildren { child in
            if case .yield = child.kind { found = true } else if case .yieldFrom = child.kind { found = true }
            if !found { found = containsYield(child) }
        }
        return found
    }

    /// A block after `:`: an indented suite or simple statements on the same line.
    mutating func parseBlock(after header: String, line: Int) throws(PyException) -> [Stmt] {
        if current.kind == .newline {
            index += 1
            guard current.kind == .indent else {
                throw error("expected an indented block after \(header) on line \(line)", kind: "IndentationError")
            }
            index += 1
            var body: [Stmt] = []
            while current.kind != .dedent && !current.isEOF {
                if current.kind == .newline {
                    index += 1
                    continue
                }
                if current.kind == .indent { throw error("unexpected indent", kind: "IndentationError") }
                body += try parseStatement()
            }
            if current.kind == .dedent { index += 1 }
            return body
        }
        return try parseSimpleStatements()
    }

    mutating func parseIf() throws(PyException) -> Stmt {
        let start = advance()
        let test = try parseNamedExpression()
        try expect(":")
        let body = try parseBlock(after: "'\(start.isName("if") ? "if" : "elif")' statement", line: start.line)
        var orElse: [Stmt] = []
        if current.isName("elif") {
            orElse = [try parseIf()]
        } else if current.isName("else") {
            let e = advance()
            try expect(":")
            orElse = try parseBlock(after: "'else' statement", line: e.line)
        }
        return Stmt(kind: .if(test, body, orElse), position: position(start))
    }

    mutating func parseWhile() throws(PyException) -> Stmt {
        let start = advance()
        let test = try parseNamedExpression()
        try expect(":")
        let body = try parseBlock(after: "'while' statement", line: start.line)
        var orElse: [Stmt] = []
        if current.isName("else") {
            let e = advance()
            try expect(":")
            orElse = try parseBlock(after: "'else' statement", line: e.line)
        }
        return Stmt(kind: .while(test, body, orElse), position: position(start))
    }

    mutating func parseFor() throws(PyException) -> Stmt {
        let start = advance()
        let target = try parseTargetList()
        try checkAssignable(target)
        guard acceptName("in") else { throw invalidSyntax() }
        let iterable = try parseExpressionList()
        try expect(":")
        let body = try parseBlock(after: "'for' statement", line: start.line)
        var orElse: [Stmt] = []
        if current.isName("else") {
            let e = advance()
            try expect(":")
            orElse = try parseBlock(after: "'else' statement", line: e.line)
        }
        return Stmt(kind: .for(target, iterable, body, orElse), position: position(start))
    }

    mutating func parseTry() throws(PyException) -> Stmt {
        let start = advance()
        try expect(":")
        let body = try parseBlock(after: "'try' statement", line: start.line)
        var handlers: [ExceptHandler] = []
        while current.isName("except") {
            let e = advance()
            var type: Expr?
            var name: String?
            if !current.isOp(":") {
                type = try parseExpression()
                if current.isOp(",") {
                    throw error("multiple exception types must be parenthesized")
                }
                if acceptName("as") { name = try expectName() }
            }
            try expect(":")
            let handlerBody = try parseBlock(after: "'except' statement", line: e.line)
            handlers.append(ExceptHandler(type: type, name: name, body: handlerBody, position: position(e)))
        }
        var orElse: [Stmt] = []
        var finally: [Stmt] = []
        if !handlers.isEmpty && current.isName("else") {
            let e = advance()
            try expect(":")
            orElse = try parseBlock(after: "'else' statement", line: e.line)
        }
        if current.isName("finally") {
            let f = advance()
            try expect(":")
            finally = try parseBlock(after: "'finally' statement", line: f.line)
        }
        if handlers.isEmpty && finally.isEmpty {
            throw error("expected 'except' or 'finally' block")
        }
        return Stmt(kind: .try(body, handlers, orElse: orElse, finally: finally), position: position(start))
    }

    mutating func parseWith() throws(PyException) -> Stmt {
        let start = advance()
        var items: [(Expr, Expr?)] = []
        repeat {
            let context = try parseExpression()
            var target: Expr?
            if acceptName("as") {
                let t = try parseTarget()
                try checkAssignable(t)
                target = t
            }
            items.append((context, target))
        } while accept(",")
        try expect(":")
        let body = try parseBlock(after: "'with' statement", line: start.line)
        return Stmt(kind: .with(items, body), position: position(start))
    }

    mutating func parseSmallStatement() throws(PyException) -> Stmt {
        let t = current
        let pos = position(t)
        if case .name(let word) = t.kind {
            switch word {
            case "pass": index += 1; return Stmt(kind: .pass, position: pos)
            case "break": index += 1; return Stmt(kind: .break, position: pos)
            case "continue": index += 1; return Stmt(kind: .continue, position: pos)
            case "return":
                if yieldCount == nil { throw error("'return' outside function") }
                index += 1
                let value = atStatementEnd ? nil : try parseExpressionList(allowStar: true)
                return Stmt(kind: .return(value), position: pos)
            case "raise":
                index += 1
                if atStatementEnd { return Stmt(kind: .raise(nil, cause: nil), position: pos) }
                let exc = try parseExpression()
                let cause = acceptName("from") ? try parseExpression() : nil
                return Stmt(kind: .raise(exc, cause: cause), position: pos)
            case "assert":
                index += 1
                let test = try parseExpression()
                let message = accept(",") ? try parseExpression() : nil
                return Stmt(kind: .assert(test, message), position: pos)
            case "global", "nonlocal":
                if word == "nonlocal" && yieldCount == nil { throw error("nonlocal declaration not allowed at module level") }
                index += 1
                var names = [try expectName()]
                while accept(",") { names.append(try expectName()) }
                return Stmt(kind: word == "global" ? .global(names) : .nonlocal(names), position: pos)
            case "del":
                index += 1
                var targets = [try parseTarget()]
                while accept(",") {
                    if atStatementEnd { break }
                    targets.append(try parseTarget())
                }
                for target in targets { try checkAssignable(target, verb: "delete") }
                return Stmt(kind: .delete(targets), position: pos)
            case "import":
                index += 1
                var names: [(String, String?)] = []
                repeat {
                    let module = try parseDottedName()
                    let alias = acceptName("as") ? try expectName() : nil
                    names.append((module, alias))
                } while accept(",")
                return Stmt(kind: .import(names), position: pos)
            case "from":
                index += 1
                var module = ""
                while current.isOp(".") || current.isOp("...") {
                    module += current.isOp(".") ? "." : "..."
                    index += 1
                }
                if !current.isName("import") { module += try parseDottedName() }
                guard acceptName("import") else { throw invalidSyntax() }
                if accept("*") { return Stmt(kind: .importFrom(module, nil), position: pos) }
                let parenthesized = accept("(")
                var names: [(String, String?)] = []
                repeat {
                    if parenthesized && current.isOp(")") { break }
                    let name = try expectName()
                    let alias = acceptName("as") ? try expectName() : nil
                    names.append((name, alias))
                } while accept(",")
                if parenthesized { try expect(")") }
                if names.isEmpty { throw invalidSyntax() }
                return Stmt(kind: .importFrom(module, names), position: pos)
            default:
                break
            }
        }
        return try parseExpressionStatement()
    }

    var atStatementEnd: Bool { current.kind == .newline || current.isOp(";") || current.isEOF }

    mutating func parseDottedName() throws(PyException) -> String {
        var name = try expectName()
        while accept(".") { name += "." + (try expectName()) }
        return name
    }

    /// The right side of `=`: an expression list, or a `yield` expression.
    mutating func parseAssignedValue() throws(PyException) -> Expr {
        if current.isName("yield") { return try parseYield() }
        return try parseExpressionList(allowStar: true)
    }

    mutating func parseExpressionStatement() throws(PyException) -> Stmt {
        let start = current
        if current.isName("yield") { return Stmt(kind: .expression(try parseYield()), position: position(start)) }
        let first = try parseExpressionList(allowStar: true)
        if case .op(let op) = current.kind, op.count >= 2, op.hasSuffix("="), op != "==", op != "<=", op != ">=", op != "!=",
           let binary = BinaryOperator(rawValue: String(op.dropLast())) {
            index += 1
            switch first.kind {
            case .name, .attribute, .subscription: break
            default:
                throw error("'\(describeTarget(first))' is an illegal expression for augmented assignment", at: start)
            }
            let value = try parseExpressionList(allowStar: true)
            return Stmt(kind: .augmentedAssign(first, binary, value), position: position(start))
        }
        if accept(":") {
            let annotation = try parseExpression()
            let value = accept("=") ? try parseAssignedValue() : nil
            try checkAssignable(first)
            return Stmt(kind: .annotatedAssign(first, annotation: annotation, value), position: position(start))
        }
        if current.isOp("=") {
            var targets = [first]
            var value = first
            while accept("=") {
                value = try parseAssignedValue()
                targets.append(value)
            }
            targets.removeLast()
            for target in targets { try checkAssignable(target, assignment: true) }
            return Stmt(kind: .assign(targets, value), position: position(start))
        }
        return Stmt(kind: .expression(first), position: position(start))
    }

    /// Python's name for an expression in "cannot assign to ..." messages.
    func describeTarget(_ e: Expr) -> String {
        switch e.kind {
        case .call: return "function call"
        case .constant(let v):
            if case .none = v { return "None" }
            if case .bool(let b) = v { return b ? "True" : "False" }
            if case .object(let o) = v, o is PyEllipsis { return "ellipsis" }
            return "literal"
        case .fstring: return "f-string expression"
        case .binary, .unary: return "expression"
        case .and, .or: return "expression"
        case .compare: return "comparison"
        case .conditional: return "conditional expression"
        case .lambda: return "lambda"
        case .listComprehension: return "list comprehension"
        case .dictComprehension: return "dict comprehension"
        case .setComprehension: return "set comprehension"
        case .generator: return "generator expression"
        case .dict: return "dict literal"
        case .set: return "set display"
        case .namedExpr: return "named expression"
        case .yield, .yieldFrom: return "yield expression"
        default: return "expression"
        }
    }

    func checkAssignable(_ e: Expr, assignment: Bool = false, verb: String = "assign to") throws(PyException) {
        switch e.kind {
        case .name(let n):
            if pythonKeywords.contains(n) { throw error("invalid syntax") }
        case .attribute, .subscription:
            break
        case .tuple(let items), .list(let items):
            for item in items { try checkAssignable(item, verb: verb) }
        case .starred(let inner):
            try checkAssignable(inner, verb: verb)
        default:
            let what = describeTarget(e)
            let hint = assignment && what != "None" && what != "True" && what != "False"
                ? " here. Maybe you meant '==' instead of '='?" : ""
            let t = Token(kind: .eof, line: e.position.line, column: e.position.column, endColumn: e.position.column)
            throw error("cannot \(verb) \(what)\(hint)", at: t)
        }
    }
}
