import BigInt
import JaxCore

/// Expressions, from lowest precedence (lambda, conditional) to atoms and trailers.
extension Parser {
    /// `a, b, *c` as a tuple when there is a comma, else the single expression.
    mutating func parseExpressionList(allowStar: Bool = false) throws(PyException) -> Expr {
        let start = current
        let first = try parseListItem(allowStar: allowStar)
        guard current.isOp(",") else {
            if case .starred = first.kind { throw error("can't use starred expression here", at: start) }
            return first
        }
        var items = [first]
        while accept(",") {
            if !startsExpression { break }
            items.append(try parseListItem(allowStar: allowStar))
        }
        return Expr(kind: .tuple(items), position: position(start))
    }

    /// Targets of `for`: like an expression list but stops before `in`.
    mutating func parseTargetList() throws(PyException) -> Expr {
        let start = current
        let first = try parseTarget()
        guard current.isOp(",") else { return first }
        var items = [first]
        while accept(",") {
            if current.isName("in") || current.isOp("=") { break }
            items.append(try parseTarget())
        }
        return Expr(kind: .tuple(items), position: position(start))
    }

    mutating func parseTarget() throws(PyException) -> Expr {
        let start = current
        if accept("*") {
            return Expr(kind: .starred(try parseBitOr()), position: position(start))
        }
        return try parseBitOr()
    }

    mutating func parseListItem(allowStar: Bool) throws(PyException) -> Expr {
        let start = current
        if allowStar && accept("*") {
            return Expr(kind: .starred(try parseBitOr()), position: position(start))
        }
        return try parseNamedExpression()
    }

    /// Whether the current token can begin an expression (to allow trailing commas).
    var startsExpression: Bool {
        switch current.kind {
        case .name(let n):
            return !pythonKeywords.contains(n) || ["None", "True", "False", "not", "lambda"].contains(n)
        case .int, .float, .imaginary, .string, .fstring: return true
        case .op(let o): return ["(", "[", "{", "-", "+", "~", "*", "...", "**"].contains(o)
        default: return false
        }
    }

    mutating func parseNamedExpression() throws(PyException) -> Expr {
        if case .name(let n) = current.kind, peekToken(1).isOp(":="), !pythonKeywords.contains(n) {
            let start = advance()
            index += 1
            let value = try parseExpression()
            return Expr(kind: .namedExpr(n, value), position: position(start))
        }
        return try parseExpression()
    }

    /// `test`: a conditional expression or lambda.
    mutating func parseExpression() throws(PyException) -> Expr {
        try enter()
        defer { depth -= 1 }
        let start = current
        if acceptName("lambda") {
            let params = try parseParameters(closing: ":")
            try expect(":")
            let qualified = qualifiedName("<lambda>")
            let outerYields = yieldCount
            yieldCount = nil
            qualifiedPrefix.append(qualified + ".<locals>")
            defer {
                yieldCount = outerYields
                qualifiedPrefix.removeLast()
            }
            let body = try parseExpression()
            let ret = Stmt(kind: .return(body), position: body.position)
            let code = FunctionCode(name: "<lambda>", qualifiedName: qualified, parameters: params, body: [ret], file: file, position: position(start), isLambda: true)
            return Expr(kind: .lambda(code), position: position(start))
        }
        let body = try parseOr()
        if acceptName("if") {
            let test = try parseOr()
            guard acceptName("else") else { throw error("expected 'else' after 'if' expression") }
            let orElse = try parseExpression()
            return Expr(kind: .conditional(test: test, body: body, orElse: orElse), position: position(start))
        }
        return body
    }

    /// `yield`, `yield value`, `yield a, b` or `yield from iterable`, inside a function.
    mutating func parseYield() throws(PyException) -> Expr {
        let start = advance()
        guard let count = yieldCount else { throw error("'yield' outside function", at: start) }
        yieldCount = count + 1
        if acceptName("from") {
            return Expr(kind: .yieldFrom(try parseExpression()), position: position(start))
        }
        let endsHere = atStatementEnd || current.isOp(")") || current.isOp("=")
        let value = endsHere ? nil : try parseExpressionList(allowStar: true)
        return Expr(kind: .yield(value), position: position(start))
    }

    mutating func parseOr() throws(PyException) -> Expr {
        let start = current
        let first = try parseAnd()
        guard current.isName("or") else { return first }
        var items = [first]
        while acceptName("or") { items.append(try parseAnd()) }
        return Expr(kind: .or(items), position: position(start))
    }

    mutating func parseAnd() throws(PyException) -> Expr {
        let start = current
        let first = try parseNot()
        guard current.isName("and") else { return first }
        var items = [first]
        while acceptName("and") { items.append(try parseNot()) }
        return Expr(kind: .and(items), position: position(start))
    }

    mutating func parseNot() throws(PyException) -> Expr {
        let start = current
        if acceptName("not") {
            try enter()
            defer { depth -= 1 }
            return Expr(kind: .unary(.not, try parseNot()), position: position(start))
        }
        return try parseComparison()
    }

    mutating func parseComparison() throws(PyException) -> Expr {
        let start = current
        let first = try parseBitOr()
        var rest: [(CompareOperator, Expr)] = []
        while true {
            var op: CompareOperator?
            switch current.kind {
            case .op(let o): op = CompareOperator(rawValue: o)
            case .name("in"): op = .in
            case .name("not") where peekToken(1).isName("in"):
                index += 1
                op = .notIn
            case .name("is"):
                if peekToken(1).isName("not") {
                    index += 1
                    op = .isNot
                } else {
                    op = .is
                }
            default: op = nil
            }
            guard let op else { break }
            index += 1
            rest.append((op, try parseBitOr()))
        }
        if rest.isEmpty { return first }
        return Expr(kind: .compare(first, rest), position: position(start))
    }

    private mutating func parseBinaryLevel(_ ops: [String: BinaryOperator], next: (inout Parser) throws(PyException) -> Expr) throws(PyException) -> Expr {
        let start = current
        var left = try next(&self)
        let outerChain = chainDepth
        defer { chainDepth = outerChain }
        while case .op(let o) = current.kind, let op = ops[o] {
            index += 1
            try extendChain()
            let right = try next(&self)
            left = Expr(kind: .binary(op, left, right), position: position(start))
        }
        return left
    }

    mutating func parseBitOr() throws(PyException) -> Expr {
        try parseBinaryLevel(["|": .or]) { (p: inout Parser) throws(PyException) in try p.parseBitXor() }
    }

    mutating func parseBitXor() throws(PyException) -> Expr {
        try parseBinaryLevel(["^": .xor]) { (p: inout Parser) throws(PyException) in try p.parseBitAnd() }
    }

    mutating func parseBitAnd() throws(PyException) -> Expr {
        try parseBinaryLevel(["&": .and]) { (p: inout Parser) throws(PyException) in try p.parseShift() }
    }

    mutating func parseShift() throws(PyException) -> Expr {
        try parseBinaryLevel(["<<": .leftShift, ">>": .rightShift]) { (p: inout Parser) throws(PyException) in try p.parseArith() }
    }

    mutating func parseArith() throws(PyException) -> Expr {
        try parseBinaryLevel(["+": .add, "-": .subtract]) { (p: inout Parser) throws(PyException) in try p.parseTerm() }
    }

    mutating func parseTerm() throws(PyException) -> Expr {
        try parseBinaryLevel(["*": .multiply, "/": .divide, "//": .floorDivide, "%": .modulo, "@": .matmul]) {
            (p: inout Parser) throws(PyException) in try p.parseFactor()
        }
    }

    mutating func parseFactor() throws(PyException) -> Expr {
        let start = current
        let op: UnaryOperator?
        switch current.kind {
        case .op("-"): op = .negative
        case .op("+"): op = .positive
        case .op("~"): op = .invert
        default: op = nil
        }
        if let op {
            index += 1
            try enter()
            defer { depth -= 1 }
            let operand = try parseFactor()
            return Expr(kind: .unary(op, operand), position: position(start))
        }
        return try parsePower()
    }

    mutating func parsePower() throws(PyException) -> Expr {
        let start = current
        let base = try parsePrimary()
        if accept("**") {
            try enter()
            defer { depth -= 1 }
            let exponent = try parseFactor()
            return Expr(kind: .binary(.power, base, exponent), position: position(start))
        }
        return base
    }

    mutating func parsePrimary() throws(PyException) -> Expr {
        var e = try parseAtom()
        let outerChain = chainDepth
        defer { chainDepth = outerChain }
        while true {
            if current.isOp("(") || current.isOp("[") || current.isOp(".") { try extendChain() }
            if accept("(") {
                let args = try parseArguments()
                try expect(")")
                e = Expr(kind: .call(e, args), position: e.position)
            } else if accept("[") {
                let index = try parseSubscript()
                try expect("]")
                e = Expr(kind: .subscription(e, index), position: e.position)
            } else if accept(".") {
                let name = try expectName()
                e = Expr(kind: .attribute(e, name), position: e.position)
            } else {
                return e
            }
        }
    }

    mutating func parseArguments() throws(PyException) -> [Argument] {
        var args: [Argument] = []
        var sawKeyword = false
        while !current.isOp(")") {
            let t = current
            if accept("**") {
                args.append(.doubleStar(try parseExpression()))
                sawKeyword = true
            } else if accept("*") {
                args.append(.star(try parseExpression()))
            } else if case .name(let n) = current.kind, peekToken(1).isOp("="), !pythonKeywords.contains(n) {
                index += 2
                args.append(.keyword(n, try parseExpression()))
                sawKeyword = true
            } else {
                var value = try parseNamedExpression()
                if current.isName("for") {
                    value = Expr(kind: .generator(value, try parseComprehensionClauses()), position: value.position)
                } else if sawKeyword {
                    throw error("positional argument follows keyword argument", at: t)
                }
                if current.isOp("=") { throw error("expression cannot contain assignment, perhaps you meant \"==\"?", at: t) }
                args.append(.positional(value))
            }
            if !accept(",") { break }
        }
        return args
    }

    mutating func parseSubscript() throws(PyException) -> Expr {
        let start = current
        var items: [Expr] = []
        var sawComma = false
        while !current.isOp("]") {
            items.append(try parseSliceItem())
            if !accept(",") { break }
            sawComma = true
        }
        if items.isEmpty { throw invalidSyntax() }
        if items.count == 1 && !sawComma { return items[0] }
        return Expr(kind: .tuple(items), position: position(start))
    }

    mutating func parseSliceItem() throws(PyException) -> Expr {
        let start = current
        var lower: Expr?
        if !current.isOp(":") {
            if accept("*") { return Expr(kind: .starred(try parseBitOr()), position: position(start)) }
            lower = try parseNamedExpression()
            if !current.isOp(":") { return lower ?? Expr(kind: .constant(.none), position: position(start)) }
        }
        index += 1
        var upper: Expr?
        var step: Expr?
        if !current.isOp(":") && !current.isOp("]") && !current.isOp(",") { upper = try parseExpression() }
        if accept(":") {
            if !current.isOp("]") && !current.isOp(",") { step = try parseExpression() }
        }
        return Expr(kind: .slice(lower, upper, step), position: position(start))
    }

    mutating func parseComprehensionClauses() throws(PyException) -> [Comprehension] {
        var clauses: [Comprehension] = []
        while acceptName("for") {
            let target = try parseTargetList()
            try checkAssignable(target)
            guard acceptName("in") else { throw invalidSyntax() }
            let iterable = try parseOr()
            var conditions: [Expr] = []
            while acceptName("if") { conditions.append(try parseOr()) }
            clauses.append(Comprehension(target: target, iterable: iterable, conditions: conditions))
        }
        return clauses
    }

    mutating func parseAtom() throws(PyException) -> Expr {
        let t = current
        let pos = position(t)
        switch t.kind {
        case .name(let n):
            switch n {
            case "None": index += 1; return Expr(kind: .constant(.none), position: pos)
            case "True": index += 1; return Expr(kind: .constant(.bool(true)), position: pos)
            case "False": index += 1; return Expr(kind: .constant(.bool(false)), position: pos)
            default:
                if pythonKeywords.contains(n) { throw invalidSyntax() }
                index += 1
                return Expr(kind: .name(n), position: pos)
            }
        case .int(let v):
            index += 1
            return Expr(kind: .constant(PyValue.int(v)), position: pos)
        case .float(let v):
            index += 1
            return Expr(kind: .constant(.float(v)), position: pos)
        case .imaginary(let v):
            index += 1
            return Expr(kind: .constant(.object(PyComplex(0, v))), position: pos)
        case .string, .fstring:
            return try parseStrings()
        case .op("..."):
            index += 1
            return Expr(kind: .constant(.object(PyEllipsis())), position: pos)
        case .op("("):
            index += 1
            try enter()
            defer { depth -= 1 }
            if accept(")") { return Expr(kind: .tuple([]), position: pos) }
            if current.isName("yield") {
                let value = try parseYield()
                try expect(")")
                return value
            }
            let first = try parseListItem(allowStar: true)
            if current.isName("for") {
                let clauses = try parseComprehensionClauses()
                try expect(")")
                return Expr(kind: .generator(first, clauses), position: pos)
            }
            if accept(")") {
                if case .starred = first.kind { throw error("cannot use starred expression here", at: t) }
                return first
            }
            var items = [first]
            guard accept(",") else { throw invalidSyntax() }
            while !current.isOp(")") {
                items.append(try parseListItem(allowStar: true))
                if !accept(",") { break }
            }
            try expect(")")
            return Expr(kind: .tuple(items), position: pos)
        case .op("["):
            index += 1
            try enter()
            defer { depth -= 1 }
            if accept("]") { return Expr(kind: .list([]), position: pos) }
            let first = try parseListItem(allowStar: true)
            if current.isName("for") {
                let clauses = try parseComprehensionClauses()
                try expect("]")
                return Expr(kind: .listComprehension(first, clauses), position: pos)
            }
            var items = [first]
            while accept(",") {
                if current.isOp("]") { break }
                items.append(try parseListItem(allowStar: true))
            }
            try expect("]")
            return Expr(kind: .list(items), position: pos)
        case .op("{"):
            index += 1
            try enter()
            defer { depth -= 1 }
            return try parseBraces(pos)
        default:
            throw invalidSyntax()
        }
    }

    private mutating func parseBraces(_ pos: Position) throws(PyException) -> Expr {
        if accept("}") { return Expr(kind: .dict([]), position: pos) }
        if accept("**") {
            var entries: [(Expr?, Expr)] = [(nil, try parseBitOr())]
            try parseDictRest(&entries)
            return Expr(kind: .dict(entries), position: pos)
        }
        let first = try parseListItem(allowStar: true)
        if accept(":") {
            let value = try parseExpression()
            if current.isName("for") {
                let clauses = try parseComprehensionClauses()
                try expect("}")
                return Expr(kind: .dictComprehension(first, value, clauses), position: pos)
            }
            var entries: [(Expr?, Expr)] = [(first, value)]
            try parseDictRest(&entries)
            return Expr(kind: .dict(entries), position: pos)
        }
        if current.isName("for") {
            let clauses = try parseComprehensionClauses()
            try expect("}")
            return Expr(kind: .setComprehension(first, clauses), position: pos)
        }
        var items = [first]
        while accept(",") {
            if current.isOp("}") { break }
            items.append(try parseListItem(allowStar: true))
        }
        try expect("}")
        return Expr(kind: .set(items), position: pos)
    }

    private mutating func parseDictRest(_ entries: inout [(Expr?, Expr)]) throws(PyException) {
        while accept(",") {
            if current.isOp("}") { break }
            if accept("**") {
                entries.append((nil, try parseBitOr()))
                continue
            }
            let key = try parseExpression()
            try expect(":")
            entries.append((key, try parseExpression()))
        }
        try expect("}")
    }

    /// Adjacent string literals, concatenated; any f-string among them makes the whole an f-string.
    mutating func parseStrings() throws(PyException) -> Expr {
        let start = current
        var parts: [FStringPart] = []
        var isFormatted = false
        while true {
            let t = current
            if case .string(let s) = t.kind {
                parts.append(.literal(s))
            } else if case .fstring(let body, let raw, let bodyColumn) = t.kind {
                isFormatted = true
                var sub = FStringParser(body: Array(body), raw: raw, file: file, line: t.line, column: bodyColumn)
                parts += try sub.parse()
            } else {
                break
            }
            index += 1
        }
        if !isFormatted {
            var text = ""
            for case .literal(let s) in parts { text += s }
            return Expr(kind: .constant(.str(text)), position: position(start))
        }
        return Expr(kind: .fstring(parts), position: position(start))
    }
}
