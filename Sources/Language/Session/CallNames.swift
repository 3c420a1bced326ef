/// The functions an input calls as written in its source: `jax.grad(f)(x)` calls `jax.grad`,
/// `f(x).block_until_ready()` calls `.block_until_ready`. Lessons combine these with the call
/// trace to tell whether an answer used a function.
struct CallNameCollector {
    private(set) var names: Set<String> = []

    mutating func visit(_ body: [Stmt]) { body.forEach { visit($0) } }

    mutating func visit(_ stmt: Stmt) {
        switch stmt.kind {
        case .expression(let e), .annotatedAssign(_, _, let e?):
            visit(e)
        case .assign(let targets, let value):
            targets.forEach { visit($0) }
            visit(value)
        case .augmentedAssign(let target, _, let value):
            visit(target)
            visit(value)
        case .functionDef(let code, let decorators):
            decorators.forEach { visit($0) }
            visit(code.body)
        case .classDef(let code, let decorators):
            decorators.forEach { visit($0) }
            visit(code.body)
        case .return(let e?):
            visit(e)
        case .raise(let e, let cause):
            if let e { visit(e) }
            if let cause { visit(cause) }
        case .if(let test, let body, let orElse), .while(let test, let body, let orElse):
            visit(test)
            visit(body)
            visit(orElse)
        case .for(let target, let iterable, let body, let orElse):
            visit(target)
            visit(iterable)
            visit(body)
            visit(orElse)
        case .try(let body, let handlers, let orElse, let finally):
            visit(body)
            for handler in handlers {
                if let type = handler.type { visit(type) }
                visit(handler.body)
            }
            visit(orElse)
            visit(finally)
        case .assert(let test, let message):
            visit(test)
            if let message { visit(message) }
        case .delete(let targets):
            targets.forEach { visit($0) }
        case .with(let items, let body):
            for (context, target) in items {
                visit(context)
                if let target { visit(target) }
            }
            visit(body)
        default:
            break
        }
    }

    mutating func visit(_ expr: Expr) {
        switch expr.kind {
        case .call(let callee, let arguments):
            if let dotted = CallNameCollector.dottedName(callee) {
                names.insert(dotted)
            }
            if case .attribute(_, let method) = callee.kind { names.insert("." + method) }
            visit(callee)
            for argument in arguments {
                switch argument {
                case .positional(let e), .star(let e), .keyword(_, let e), .doubleStar(let e): visit(e)
                }
            }
        case .name, .constant:
            break
        case .fstring(let parts):
            visit(parts)
        case .unary(_, let e), .attribute(let e, _), .starred(let e), .namedExpr(_, let e), .yieldFrom(let e):
            visit(e)
        case .yield(let e):
            if let e { visit(e) }
        case .binary(_, let a, let b), .subscription(let a, let b):
            visit(a)
            visit(b)
        case .and(let items), .or(let items), .tuple(let items), .list(let items), .set(let items):
            items.forEach { visit($0) }
        case .compare(let first, let rest):
            visit(first)
            rest.forEach { visit($0.1) }
        case .conditional(let test, let body, let orElse):
            visit(test)
            visit(body)
            visit(orElse)
        case .lambda(let code):
            visit(code.body)
        case .slice(let a, let b, let c):
            for part in [a, b, c] { if let part { visit(part) } }
        case .dict(let entries):
            for (key, value) in entries {
                if let key { visit(key) }
                visit(value)
            }
        case .listComprehension(let e, let clauses), .setComprehension(let e, let clauses), .generator(let e, let clauses):
            visit(e)
            visit(clauses)
        case .dictComprehension(let key, let value, let clauses):
            visit(key)
            visit(value)
            visit(clauses)
        }
    }

    private mutating func visit(_ clauses: [Comprehension]) {
        for clause in clauses {
            visit(clause.target)
            visit(clause.iterable)
            clause.conditions.forEach { visit($0) }
        }
    }

    private mutating func visit(_ parts: [FStringPart]) {
        for part in parts {
            if case .field(let value, _, let spec, _) = part {
                visit(value)
                if let spec { visit(spec) }
            }
        }
    }

    /// `a.b.c` as text when the expression is only names and attributes.
    static func dottedName(_ expr: Expr) -> String? {
        switch expr.kind {
        case .name(let name): return name
        case .attribute(let base, let name): return dottedName(base).map { $0 + "." + name }
        default: return nil
        }
    }
}
