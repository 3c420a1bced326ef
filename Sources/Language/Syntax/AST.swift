/// Where a node starts in the source: 1-based line, 0-based column.
struct Position: Sendable, Hashable {
    var line: Int
    var column: Int
}

/// A Python expression with its position.
struct Expr {
    indirect enum Kind {
        case name(String)
        case constant(PyValue)
        case fstring([FStringPart])
        case unary(UnaryOperator, Expr)
        case binary(BinaryOperator, Expr, Expr)
        case and([Expr])
        case or([Expr])
        case compare(Expr, [(CompareOperator, Expr)])
        case conditional(test: Expr, body: Expr, orElse: Expr)
        case lambda(FunctionCode)
        case call(Expr, [Argument])
        case attribute(Expr, String)
        case subscription(Expr, Expr)
        case slice(Expr?, Expr?, Expr?)
        case tuple([Expr])
        case list([Expr])
        case set([Expr])
        /// Entries with a nil key are `**mapping` unpackings.
        case dict([(Expr?, Expr)])
        case starred(Expr)
        case listComprehension(Expr, [Comprehension])
        case setComprehension(Expr, [Comprehension])
        case dictComprehension(Expr, Expr, [Comprehension])
        case generator(Expr, [Comprehension])
        case namedExpr(String, Expr)
        /// `yield value` (a nil value yields None); only as a statement or an assigned value.
        case yield(Expr?)
        /// `yield from iterable`.
        case yieldFrom(Expr)
    }

    var kind: Kind
    var position: Position
}

extension Expr {
    /// Calls `visit` with each direct sub-expression (not those inside a lambda's body).
    func visitChildren(_ visit: (Expr) -> Void) {
        func clauses(_ cs: [Comprehension]) {
            for c in cs {
                visit(c.target)
                visit(c.iterable)
                c.conditions.forEach(visit)
            }
        }
        func arguments(_ args: [Argument]) {
            for a in args {
                switch a {
                case .positional(let e), .star(let e), .keyword(_, let e), .doubleStar(let e): visit(e)
                }
            }
        }
        func parts(_ ps: [FStringPart]) {
            for p in ps {
                if case .field(let value, _, let spec, _) = p {
                    visit(value)
                    if let spec { parts(spec) }
                }
            }
        }
        switch kind {
        case .name, .constant, .lambda: break
        case .fstring(let ps): parts(ps)
        case .unary(_, let e), .attribute(let e, _), .starred(let e), .namedExpr(_, let e), .yieldFrom(let e): visit(e)
        case .yield(let e): if let e { visit(e) }
        case .binary(_, let a, let b), .subscription(let a, let b):
            visit(a)
            visit(b)
        case .and(let items), .or(let items), .tuple(let items), .list(let items), .set(let items): items.forEach(visit)
        case .compare(let first, let rest):
            visit(first)
            rest.forEach { visit($0.1) }
        case .conditional(let test, let body, let orElse):
            visit(test)
            visit(body)
            visit(orElse)
        case .call(let callee, let args):
            visit(callee)
            arguments(args)
        case .slice(let a, let b, let c): [a, b, c].compactMap { $0 }.forEach(visit)
        case .dict(let entries):
            for (k, v) in entries {
                if let k { visit(k) }
                visit(v)
            }
        case .listComprehension(let e, let cs), .setComprehension(let e, let cs), .generator(let e, let cs):
            visit(e)
            clauses(cs)
        case .dictComprehension(let k, let v, let cs):
            visit(k)
            visit(v)
            clauses(cs)
        }
    }
}

/// One piece of an f-string: literal text or a replacement field.
enum FStringPart {
    case literal(String)
    /// `{value!conversion:spec}`; `debugText` is set for `{x=}`.
    case field(value: Expr, conversion: Character?, spec: [FStringPart]?, debugText: String?)
}

/// One argument in a call.
enum Argument {
    case positional(Expr)
    case star(Expr)
    case keyword(String, Expr)
    case doubleStar(Expr)
}

/// One `for target in iterable if cond...` clause of a comprehension.
struct Comprehension {
    var target: Expr
    var iterable: Expr
    var conditions: [Expr]
}

/// Unary operators: `-x`, `+x`, `~x`, `not x`.
enum UnaryOperator: String {
    case negative = "-", positive = "+", invert = "~", not = "not"
}

/// Binary arithmetic and bitwise operators, spelled as in Python.
enum BinaryOperator: String {
    case add = "+", subtract = "-", multiply = "*", divide = "/", floorDivide = "//", modulo = "%"
    case power = "**", matmul = "@", leftShift = "<<", rightShift = ">>", and = "&", or = "|", xor = "^"

    /// The dunder suffix Python uses in error messages and method names (`add` for `__add__`).
    var dunder: String {
        switch self {
        case .add: return "add"
        case .subtract: return "sub"
        case .multiply: return "mul"
        case .divide: return "truediv"
        case .floorDivide: return "floordiv"
        case .modulo: return "mod"
        case .power: return "pow"
        case .matmul: return "matmul"
        case .leftShift: return "lshift"
        case .rightShift: return "rshift"
        case .and: return "and"
        case .or: return "or"
        case .xor: return "xor"
        }
    }
}

/// Comparison operators, spelled as in Python.
enum CompareOperator: String {
    case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
    case `in` = "in", notIn = "not in", `is` = "is", isNot = "is not"
}

/// A Python statement with its position.
struct Stmt {
    indirect enum Kind {
        case expression(Expr)
        /// `a = b = value`: every target gets the value.
        case assign([Expr], Expr)
        case augmentedAssign(Expr, BinaryOperator, Expr)
        case annotatedAssign(Expr, annotation: Expr, Expr?)
        case functionDef(FunctionCode, decorators: [Expr])
        case classDef(ClassCode, decorators: [Expr])
        case `return`(Expr?)
        case `if`(Expr, [Stmt], [Stmt])
        case `for`(Expr, Expr, [Stmt], [Stmt])
        case `while`(Expr, [Stmt], [Stmt])
        case `break`
        case `continue`
        case pass
        case `try`([Stmt], [ExceptHandler], orElse: [Stmt], finally: [Stmt])
        case raise(Expr?, cause: Expr?)
        case assert(Expr, Expr?)
        case global([String])
        case nonlocal([String])
        case delete([Expr])
        /// `import a.b as c`: dotted module names with optional alias.
        case `import`([(String, String?)])
        /// `from a.b import c as d`; a nil list is `import *`.
        case importFrom(String, [(String, String?)]?)
        case with([(Expr, Expr?)], [Stmt])
    }

    var kind: Kind
    var position: Position
    /// Whether a `yield` of this function is in the statement (not in a nested function):
    /// such statements run on a generator's resumable executor.
    var hasYield = false
}

/// `except Type as name:` with its body; a nil type catches everything.
struct ExceptHandler {
    var type: Expr?
    var name: String?
    var body: [Stmt]
    var position: Position
}

/// One parameter of a `def` or `lambda`.
struct Parameter {
    /// How the parameter receives its value.
    enum Kind { case normal, varArgs, keywordOnly, varKeywords }
    var name: String
    var kind: Kind
    var defaultValue: Expr?
}

/// The compiled form of a `def` or `lambda`: its signature, body, and which names it binds
/// locally (found statically, as Python does, so later rebinding in enclosing scopes is seen).
final class FunctionCode {
    let name: String
    /// The dotted path to the function from the module (`Point.norm`, `f.<locals>.g`).
    let qualifiedName: String
    let parameters: [Parameter]
    let body: [Stmt]
    let file: String
    let position: Position
    /// The line Python counts as the function's first (`co_firstlineno`): its first
    /// decorator's, or the `def`'s.
    let firstLine: Int
    let isLambda: Bool
    /// A body with `yield` makes a generator function: calling it returns a generator.
    let isGenerator: Bool
    /// Names assigned in the body (and parameters), minus those declared global or nonlocal.
    let locals: Set<String>
    let globals: Set<String>
    let nonlocals: Set<String>

    init(name: String, qualifiedName: String? = nil, parameters: [Parameter], body: [Stmt], file: String, position: Position,
         isLambda: Bool, isGenerator: Bool = false, firstLine: Int? = nil) {
        self.name = name
        self.qualifiedName = qualifiedName ?? name
        self.parameters = parameters
        self.body = body
        self.file = file
        self.position = position
        self.firstLine = firstLine ?? position.line
        self.isLambda = isLambda
        self.isGenerator = isGenerator
        var scan = ScopeScanner()
        for stmt in body { scan.visit(stmt) }
        var locals = scan.assigned
        for p in parameters { locals.insert(p.name) }
        locals.subtract(scan.globals)
        locals.subtract(scan.nonlocals)
        self.locals = locals
        self.globals = scan.globals
        self.nonlocals = scan.nonlocals
    }
}

/// The compiled form of a `class` statement: its bases and keywords (as call arguments), and
/// the body that runs once to fill the class namespace.
final class ClassCode {
    let name: String
    let qualifiedName: String
    let bases: [Argument]
    let body: [Stmt]
    let position: Position
    /// Names the body binds (its own namespace), found statically as for functions.
    let locals: Set<String>

    init(name: String, qualifiedName: String, bases: [Argument], body: [Stmt], position: Position) {
        self.name = name
        self.qualifiedName = qualifiedName
        self.bases = bases
        self.body = body
        self.position = position
        var scan = ScopeScanner()
        for stmt in body { scan.visit(stmt) }
        locals = scan.assigned.subtracting(scan.globals).subtracting(scan.nonlocals)
    }
}

/// Finds the names a function body binds, and its global/nonlocal declarations,
/// without descending into nested functions.
struct ScopeScanner {
    var assigned: Set<String> = []
    var globals: Set<String> = []
    var nonlocals: Set<String> = []

    mutating func visit(_ stmt: Stmt) {
        switch stmt.kind {
        case .assign(let targets, _):
            for t in targets { bind(t) }
        case .augmentedAssign(let t, _, _), .annotatedAssign(let t, _, _):
            bind(t)
        case .functionDef(let code, _):
            assigned.insert(code.name)
        case .classDef(let code, _):
            assigned.insert(code.name)
        case .if(_, let a, let b), .while(_, let a, let b):
            a.forEach { visit($0) }
            b.forEach { visit($0) }
        case .for(let target, _, let a, let b):
            bind(target)
            a.forEach { visit($0) }
            b.forEach { visit($0) }
        case .try(let body, let handlers, let orElse, let finally):
            body.forEach { visit($0) }
            for h in handlers {
                if let n = h.name { assigned.insert(n) }
                h.body.forEach { visit($0) }
            }
            orElse.forEach { visit($0) }
            finally.forEach { visit($0) }
        case .global(let names):
            globals.formUnion(names)
        case .nonlocal(let names):
            nonlocals.formUnion(names)
        case .delete(let targets):
            for t in targets { bind(t) }
        case .import(let names):
            for (module, alias) in names {
                assigned.insert(alias ?? String(module.split(separator: ".").first ?? Substring(module)))
            }
        case .importFrom(_, let names):
            for (name, alias) in names ?? [] { assigned.insert(alias ?? name) }
        case .with(let items, let body):
            for (_, target) in items { if let target { bind(target) } }
            body.forEach { visit($0) }
        case .expression(let e):
            findWalrus(e)
        default:
            break
        }
    }

    private mutating func findWalrus(_ e: Expr) {
        if case .namedExpr(let name, _) = e.kind { assigned.insert(name) }
    }

    private mutating func bind(_ target: Expr) {
        switch target.kind {
        case .name(let n): assigned.insert(n)
        case .tuple(let items), .list(let items): items.forEach { bind($0) }
        case .starred(let inner): bind(inner)
        default: break
        }
    }
}
