import JaxCore

/// Definitions: decorators, `def` with its parameters, and `class`; each tracks the qualified
/// name of what it defines and whether a function body yields.
extension Parser {
    mutating func parseDecorated() throws(PyException) -> Stmt {
        var decorators: [Expr] = []
        let firstLine = current.line
        while accept("@") {
            decorators.append(try parseNamedExpression())
            guard current.kind == .newline else { throw invalidSyntax() }
            index += 1
        }
        if current.isName("class") { return try parseClass(decorators: decorators) }
        guard current.isName("def") else { throw invalidSyntax() }
        return try parseDef(decorators: decorators, firstLine: firstLine)
    }

    mutating func parseDef(decorators: [Expr], firstLine: Int? = nil) throws(PyException) -> Stmt {
        let start = advance()
        let name = try expectName()
        try expect("(")
        let parameters = try parseParameters(closing: ")")
        try expect(")")
        if accept("->") { _ = try parseExpression() }
        try expect(":")
        let qualified = qualifiedName(name)
        let outerYields = yieldCount
        qualifiedPrefix.append(qualified + ".<locals>")
        yieldCount = 0
        defer {
            qualifiedPrefix.removeLast()
            yieldCount = outerYields
        }
        let body = try parseBlock(after: "function definition", line: start.line)
        let code = FunctionCode(name: name, qualifiedName: qualified, parameters: parameters, body: body, file: file,
                                position: position(start), isLambda: false, isGenerator: (yieldCount ?? 0) > 0,
                                firstLine: firstLine)
        return Stmt(kind: .functionDef(code, decorators: decorators), position: position(start))
    }

    /// `class Name(bases, keyword=value):` and its body.
    mutating func parseClass(decorators: [Expr]) throws(PyException) -> Stmt {
        let start = advance()
        let name = try expectName()
        var bases: [Argument] = []
        if accept("(") {
            bases = try parseArguments()
            try expect(")")
        }
        try expect(":")
        let qualified = qualifiedName(name)
        let outerYields = yieldCount
        qualifiedPrefix.append(qualified)
        yieldCount = nil
        defer {
            qualifiedPrefix.removeLast()
            yieldCount = outerYields
        }
        let body = try parseBlock(after: "class definition", line: start.line)
        let code = ClassCode(name: name, qualifiedName: qualified, bases: bases, body: body, position: position(start))
        return Stmt(kind: .classDef(code, decorators: decorators), position: position(start))
    }

    /// Parameters up to `closing` (`)` for def, `:` for lambda), with Python's ordering rules.
    mutating func parseParameters(closing: String) throws(PyException) -> [Parameter] {
        var params: [Parameter] = []
        var keywordOnly = false
        var sawDefault = false
        var names: Set<String> = []
        while !current.isOp(closing) {
            let t = current
            var param: Parameter
            if accept("**") {
                param = Parameter(name: try expectName(), kind: .varKeywords, defaultValue: nil)
            } else if accept("*") {
                if current.isOp(",") {
                    keywordOnly = true
                    _ = advance()
                    continue
                }
                param = Parameter(name: try expectName(), kind: .varArgs, defaultValue: nil)
                keywordOnly = true
            } else if accept("/") {
                _ = accept(",")
                continue
            } else {
                let name = try expectName()
                if closing == ")" && accept(":") { _ = try parseExpression() }
                var defaultValue: Expr?
                if accept("=") {
                    defaultValue = try parseExpression()
                    if !keywordOnly { sawDefault = true }
                } else if sawDefault && !keywordOnly {
                    throw error("non-default argument follows default argument", at: t)
                }
                param = Parameter(name: name, kind: keywordOnly ? .keywordOnly : .normal, defaultValue: defaultValue)
            }
            if closing == ")" && param.kind != .normal && param.kind != .keywordOnly && accept(":") {
                _ = try parseExpression()
            }
            if names.contains(param.name) {
                throw error("duplicate argument '\(param.name)' in function definition", at: t)
            }
            names.insert(param.name)
            params.append(param)
            if params.last?.kind == .varKeywords && !current.isOp(closing) && !(current.isOp(",") && peekToken(1).isOp(closing)) {
                throw error("arguments cannot follow var-keyword argument")
            }
            if !accept(",") { break }
        }
        return params
    }
}
