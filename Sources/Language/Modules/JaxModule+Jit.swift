import JaxCore

/// `jax.jit`: as a function (`jit(f, static_argnums=...)`) and as a decorator factory
/// (`@jit(static_argnames=...)`, `@partial(jit, ...)`).
extension JaxModule {
    /// The keywords `jax.jit` takes; those about devices and buffers change nothing on one CPU.
    static let jitKeywords = ["in_shardings", "out_shardings", "static_argnums", "static_argnames", "donate_argnums",
                              "donate_argnames", "keep_unused", "device", "backend", "inline", "compiler_options"]

    static func installJit(_ m: PyModule) {
        m.define("jit") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            if args.positional.count > 1 {
                throw PyException.typeError("jit() takes from 0 to 1 positional arguments but \(args.positional.count) were given")
            }
            for (name, _) in args.keywords where !jitKeywords.contains(name) {
                throw PyException.typeError("jit() got an unexpected keyword argument '\(name)'")
            }
            guard let f = args.positional.first else {
                // `@jax.jit(static_argnames=...)`: a decorator that jits with these options
                let keywords = args.keywords
                return .object(PyBuiltin("jit") { (interp: Interpreter, inner: Arguments) throws(PyException) -> PyValue in
                    try makeJitted(interp, Arguments(inner.positional, keywords: inner.keywords + keywords))
                })
            }
            _ = f
            return try makeJitted(interp, args)
        }
    }

    private static func makeJitted(_ interp: Interpreter, _ args: Arguments) throws(PyException) -> PyValue {
        let slots = try args.bind("jit", ["fun"] + jitKeywords, required: 1, maxPositional: 1)
        let f = slots[0] ?? .none
        try requireCallable(interp, f)
        var staticNums = try indexTuple(interp, slots[3])
        var staticNames = try stringTuple(interp, slots[4])
        var donateNums = try indexTuple(interp, slots[5])
        var donateNames = try stringTuple(interp, slots[6])
        if case .object(let fn as PyFunction) = f {
            let parameters = fn.code.parameters
            (staticNums, staticNames) = inferArgnums(parameters, staticNums, staticNames)
            (donateNums, donateNames) = inferArgnums(parameters, donateNums, donateNames)
            try validate(parameters, staticNums ?? [], "static_argnums")
            try validate(parameters, names: staticNames ?? [], "static_argnames")
            try validate(parameters, donateNums ?? [], "donate_argnums")
            try validate(parameters, names: donateNames ?? [], "donate_argnames")
        }
        let overlap = Set(staticNames ?? []).intersection(donateNames ?? [])
        if !overlap.isEmpty {
            throw PyException.valueError("static_argnames and donate_argnames cannot intersect. Argument names {\(overlap.sorted().map(Interpreter.stringRepr).joined(separator: ", "))} appear in both static_argnames and donate_argnames")
        }
        let cache = interp.jitCache(for: f, staticArgnums: staticNums ?? [], staticArgnames: staticNames ?? [])
        return .object(PyJittedFunction(function: f, reprText: "<PjitFunction of \(try interp.repr(f))>", name: functionName(f),
                                        staticArgnums: staticNums ?? [], staticArgnames: staticNames ?? [], cache: cache))
    }

    /// `static_argnums=1` or `(0, 2)`; nil when not given.
    private static func indexTuple(_ interp: Interpreter, _ v: PyValue?) throws(PyException) -> [Int]? {
        guard let v, !v.isNone else { return nil }
        if let i = try? interp.index(v) { return [i] }
        var out: [Int] = []
        for item in try interp.collect(v) { out.append(try interp.index(item)) }
        return out
    }

    /// `static_argnames='n'` or `['n', 'm']`; nil when not given.
    private static func stringTuple(_ interp: Interpreter, _ v: PyValue?) throws(PyException) -> [String]? {
        guard let v, !v.isNone else { return nil }
        if case .str(let s) = v { return [s] }
        var out: [String] = []
        for item in try interp.collect(v) {
            guard case .str(let s) = item else { throw PyException.typeError("argument is not a string: \(try interp.str(item))") }
            out.append(s)
        }
        return out
    }

    /// `infer_argnums_and_argnames`: numbers from names or names from numbers, through the
    /// parameters that can be passed either way.
    private static func inferArgnums(_ parameters: [Parameter], _ nums: [Int]?, _ names: [String]?) -> ([Int]?, [String]?) {
        if nums == nil && names == nil { return ([], []) }
        if nums != nil && names != nil { return (nums, names) }
        let positional = parameters.enumerated().filter { $0.element.kind == .normal }
        if let names {
            return (positional.filter { names.contains($0.element.name) }.map(\.offset), names)
        }
        let numbers = nums ?? []
        return (numbers, positional.filter { numbers.contains($0.offset) }.map(\.element.name))
    }

    private static func validate(_ parameters: [Parameter], _ nums: [Int], _ label: String) throws(PyException) {
        guard !parameters.contains(where: { $0.kind == .varArgs }), let low = nums.min(), let high = nums.max() else { return }
        let count = parameters.filter { $0.kind == .normal }.count
        if -low > count || high >= count {
            throw PyException.valueError("Jitted function has \(label)=\(nums.count == 1 ? "(\(nums[0]),)" : "(" + nums.map(String.init).joined(separator: ", ") + ")"), but only accepts \(count) positional arguments.")
        }
    }

    private static func validate(_ parameters: [Parameter], names: [String], _ label: String) throws(PyException) {
        guard !parameters.contains(where: { $0.kind == .varKeywords }) else { return }
        let valid = Set(parameters.filter { $0.kind == .normal || $0.kind == .keywordOnly }.map(\.name))
        let invalid = Set(names).subtracting(valid)
        if !invalid.isEmpty {
            throw PyException.valueError("Jitted function has invalid argnames {\(invalid.sorted().map(Interpreter.stringRepr).joined(separator: ", "))} in \(label). Function does not take these args.")
        }
    }
}

/// The traces of one function jitted with one choice of static arguments, shared by every
/// `jax.jit` wrapper of that function (JAX caches on the function, so `jit(f)(x)` in a loop
/// traces once): one `JittedFunction` per distinct value of the static arguments.
final class JitCache {
    /// The function, held weakly: when it is gone, its traces are dropped.
    weak var function: PyObject?
    /// Static signature (a tuple of hashable values) to its index in `traces`.
    let table = PyDict()
    var traces: [JittedFunction] = []
    /// For traces whose static values are all objects: their identities and the call's shape,
    /// to the trace's index. JAX finds a trace again by the very same static objects even when
    /// one was mutated so that its hash changed (the stale result JAX's FAQ warns about);
    /// the dict, like CPython's, would not.
    var byIdentity: [[ObjectIdentifier]: [(shape: String, index: Int)]] = [:]

    init(function: PyObject?) {
        self.function = function
    }
}

/// Every `JitCache` of the session, by function and static options.
final class JitCaches {
    var caches: [String: JitCache] = [:]
}

extension Interpreter {
    /// The cache shared by `jax.jit` wrappers of `f` with these static arguments.
    func jitCache(for f: PyValue, staticArgnums: [Int], staticArgnames: [String]) -> JitCache {
        guard case .object(let object) = f else { return JitCache(function: nil) }
        let all = moduleState("jax.jit.caches") { JitCaches() }
        all.caches = all.caches.filter { $0.value.function != nil }
        let key = "\(ObjectIdentifier(object))|\(staticArgnums)|\(staticArgnames)"
        if let cache = all.caches[key], cache.function === object { return cache }
        let cache = JitCache(function: object)
        all.caches[key] = cache
        return cache
    }
}

/// What `jax.jit(f)` returns: calls trace `f` once per signature of its dynamic arguments
/// and value of its static ones, then run the compiled jaxpr. Prints as JAX's `PjitFunction`.
final class PyJittedFunction: PyObject {
    let function: PyValue
    let reprText: String
    let name: String
    let staticArgnums: [Int]
    let staticArgnames: [String]
    let cache: JitCache

    init(function: PyValue, reprText: String, name: String, staticArgnums: [Int], staticArgnames: [String], cache: JitCache) {
        self.function = function
        self.reprText = reprText
        self.name = name
        self.staticArgnums = staticArgnums
        self.staticArgnames = staticArgnames
        self.cache = cache
    }

    override var typeName: String { "PjitFunction" }

    override func repr(_ interp: Interpreter) throws(PyException) -> String { reprText }

    override var isCallable: Bool { true }

    /// Stored on a class, it becomes a method, as JAX's jitted functions do.
    override var bindsAsMethod: Bool { true }

    override func getAttribute(_ name: String, _ interp: Interpreter) throws(PyException) -> PyValue? {
        switch name {
        case "__name__": return .str(self.name)
        case "__wrapped__": return function
        case "lower":
            return .object(PyBuiltin("lower", owner: "PjitFunction") { [self] (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let (jitted, trees) = try prepared(interp, args)
                return .object(PyCompileStage("Lowered", text: try jitted.explain(interp.context, trees)))
            })
        case "trace":
            return .object(PyBuiltin("trace", owner: "PjitFunction") { [self] (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                let (jitted, trees) = try prepared(interp, args)
                return .object(PyTraced(name: self.name, jaxpr: try jitted.traced(interp.context, trees),
                                        lowered: try jitted.explain(interp.context, trees)))
            })
        default: return nil
        }
    }

    override func call(_ interp: Interpreter, _ args: Arguments) throws(PyException) -> PyValue {
        if interp.disableJit { return try interp.call(function, args) }
        let tracesBefore = cache.traces.reduce(0) { $0 + $1.cacheSize }
        let (jitted, trees) = try prepared(interp, args)
        let outcome = try jitted.dispatch(interp.context, trees)
        if interp.explainCacheMisses, cache.traces.reduce(0, { $0 + $1.cacheSize }) > tracesBefore {
            explainCacheMiss(interp, args, trees, first: tracesBefore == 0)
        }
        switch outcome {
        case .values(let tree): return try interp.fromTree(tree)
        case .dispatched(let pending, let tree):
            let call = DispatchedCall(pending, context: interp.context)
            return try interp.unflattenTree(tree.mapLeaves { (i: Int) throws(PyException) -> PyValue in .object(JaxArrayObject(call, index: i)) })
        }
    }

    /// The traces for these arguments' static values, and the dynamic arguments as pytrees.
    private func prepared(_ interp: Interpreter, _ args: Arguments) throws(PyException) -> (JittedFunction, [PyTree]) {
        let count = args.positional.count
        let staticPositions = Set(staticArgnums.map { $0 < 0 ? $0 + count : $0 })
        var staticValues: [PyValue] = [], dynamicPositions: [Int] = []
        for (i, v) in args.positional.enumerated() {
            // equal static values of different types (1 and True) trace apart, as in JAX
            if staticPositions.contains(i) { staticValues.append(.tuple([.int(i), interp.pythonType(v), v])) } else { dynamicPositions.append(i) }
        }
        var staticKeywords: [PyValue] = [], dynamicKeywords: [(String, PyValue)] = []
        for (k, v) in args.keywords.sorted(by: { $0.0 < $1.0 }) {
            if staticArgnames.contains(k) { staticKeywords.append(.tuple([.str(k), interp.pythonType(v), v])) } else { dynamicKeywords.append((k, v)) }
        }
        let signature = PyValue.tuple([.int(count), .tuple(staticValues), .tuple(staticKeywords),
                                       .tuple(dynamicKeywords.map { .str($0.0) })])
        let jitted = try traces(interp, signature, staticValues.compactMap { if case .tuple(let p) = $0 { return p.last } else { return nil } }
            + staticKeywords.compactMap { if case .tuple(let p) = $0 { return p.last } else { return nil } }, args: args,
                                dynamicPositions: dynamicPositions, dynamicKeywords: dynamicKeywords.map(\.0))
        var trees: [PyTree] = []
        let names = argumentNames(dynamicPositions, dynamicKeywords.map(\.0))
        for (value, argName) in zip(dynamicPositions.map { args.positional[$0] } + dynamicKeywords.map(\.1), names) {
            trees.append(try dynamicTree(interp, value, argName))
        }
        return (jitted, trees)
    }

    /// The input types of the calls that traced, by argument, for `jax_explain_cache_misses`.
    private var tracedTypes: [[(String, String)]] = []

    /// What `jax_explain_cache_misses` writes on stderr when a call traces anew: where, and
    /// which input types differ from the last call that traced (or that the function is new).
    private func explainCacheMiss(_ interp: Interpreter, _ args: Arguments, _ trees: [PyTree], first: Bool) {
        let frame = interp.frames.last
        var defined = ""
        if case .object(let fn as PyFunction) = function { defined = " defined at \(fn.code.file):\(fn.code.firstLine)" }
        var text = "TRACING CACHE MISS at \(frame?.file ?? "<stdin>"):\(frame?.line ?? 0) (\(frame?.name ?? "<module>")):\n"
        var positions: [Int] = []
        let staticPositions = Set(staticArgnums.map { $0 < 0 ? $0 + args.positional.count : $0 })
        for i in args.positional.indices where !staticPositions.contains(i) { positions.append(i) }
        let names = argumentNames(positions, args.keywords.map(\.0).filter { !staticArgnames.contains($0) })
        var types: [(String, String)] = []
        for (tree, argName) in zip(trees, names) {
            for (leaf, path) in zip(tree.leaves, tree.leafPaths) { types.append((argName + path, leaf.aval.with(weakType: false).short)) }
        }
        if first || tracedTypes.isEmpty {
            let id = Int(bitPattern: UInt(bitPattern: ObjectIdentifier(self)))
            text += "  never seen function:\n    \(name) id=\(id)\(defined)\n"
        } else {
            text += "  for \(name)\(defined)\n  all previously seen cache keys differ. For the closest previous key:\n"
            let previous = tracedTypes[tracedTypes.count - 1]
            let changed = zip(types, previous).filter { $0.0.1 != $0.1.1 }
            if changed.isEmpty || types.count != previous.count {
                text += "  different static arguments or input structure\n"
            } else {
                text += "  different input types:\n"
                for (now, before) in changed { text += "  * at \(now.0), now \(now.1) and before \(before.1)\n" }
            }
        }
        tracedTypes.append(types)
        interp.sink.writeError(text)
    }

    /// The parameter names of the dynamic arguments, as JAX's errors name them.
    private func argumentNames(_ positions: [Int], _ keywords: [String]) -> [String] {
        var parameters: [String] = []
        if case .object(let fn as PyFunction) = function { parameters = fn.code.parameters.filter { $0.kind == .normal }.map(\.name) }
        return positions.map { $0 < parameters.count ? parameters[$0] : "args[\($0)]" } + keywords
    }

    /// A dynamic argument as a pytree of arrays, with jit's TypeError for a leaf that is not one.
    private func dynamicTree(_ interp: Interpreter, _ value: PyValue, _ argName: String) throws(PyException) -> PyTree {
        let tree = try interp.flattenTree(value)
        let paths = tree.leafPaths
        var index = 0
        return try tree.mapLeaves { (leaf: PyValue) throws(PyException) -> JaxValue in
            defer { index += 1 }
            guard let operand = try interp.jaxOperand(leaf) else {
                throw PyException.typeError("Error interpreting argument to \(try interp.repr(self.function)) as an abstract array. The problematic value is of type \(interp.pythonTypeName(leaf)) and was passed to the function at path \(argName)\(index < paths.count ? paths[index] : "").\nThis typically means that a jit-wrapped function was called with a non-array argument, and this argument was not marked as static using the static_argnums or static_argnames parameters of jax.jit.")
            }
            return operand
        }
    }

    /// The traces for one static signature, made on first use.
    private func traces(_ interp: Interpreter, _ signature: PyValue, _ statics: [PyValue], args: Arguments,
                        dynamicPositions: [Int], dynamicKeywords: [String]) throws(PyException) -> JittedFunction {
        for v in statics {
            do throws(PyException) {
                _ = try PyKey(v)
            } catch {
                throw PyException.valueError("Non-hashable static arguments are not supported. An error occurred while trying to hash an object of type \(interp.pythonTypeName(v)), \(try interp.str(v)). The error was:\n\(error.kind): \(error.message)\n")
            }
        }
        let identities = statics.compactMap { (v: PyValue) -> ObjectIdentifier? in
            if case .object(let o) = v { return ObjectIdentifier(o) } else { return nil }
        }
        let byObjects = !statics.isEmpty && identities.count == statics.count
        let shape = "\(args.positional.count)|\(dynamicPositions)|\(dynamicKeywords)"
        if byObjects, let i = cache.byIdentity[identities]?.first(where: { $0.shape == shape })?.index, i < cache.traces.count {
            return cache.traces[i]
        }
        if case .int(let i)? = try cache.table.get(signature), i < cache.traces.count { return cache.traces[i] }
        let function = self.function
        let positional = args.positional, keywords = args.keywords
        let body: JaxFunction = { [unowned interp] (_: JaxContext, dynamic: [PyTree]) throws(PyException) -> PyTree in
            var values = positional
            var next = 0
            for i in dynamicPositions {
                values[i] = try interp.fromTree(dynamic[next])
                next += 1
            }
            var callKeywords = keywords.filter { !dynamicKeywords.contains($0.0) }
            for name in dynamicKeywords {
                callKeywords.append((name, try interp.fromTree(dynamic[next])))
                next += 1
            }
            return try interp.toTree(try interp.call(function, Arguments(values, keywords: callKeywords)))
        }
        let info = JaxModule.debugInfo(function, tracedFor: "jit").map { info -> TraceDebugInfo in
            var named = info
            named.parameterNames = argumentNames(dynamicPositions, dynamicKeywords)
            return named
        }
        let jitted = Transforms.jit(name: name, debugInfo: info, body)
        try cache.table.set(signature, .int(cache.traces.count))
        if byObjects { cache.byIdentity[identities, default: []].append((shape, cache.traces.count)) }
        cache.traces.append(jitted)
        return jitted
    }
}

/// What `jax.jit(f).trace(*args)` gives: the traced stage, whose `jaxpr` is the function's
/// jaxpr for those arguments and which `lower()`s to the compiled program's description.
final class PyTraced: PyObject {
    let name: String
    let jaxpr: ClosedJaxpr
    let lowered: String

    init(name: String, jaxpr: ClosedJaxpr, lowered: String) {
        self.name = name
        self.jaxpr = jaxpr
        self.lowered = lowered
    }

    override var typeName: String { "Traced" }

    override func getAttribute(_ attribute: String, _ interp: Interpreter) throws(PyException) -> PyValue? {
        switch attribute {
        case "jaxpr": return .object(PyJaxpr(jaxpr))
        case "fun_name": return .str(name)
        case "lower":
            let text = lowered
            return .object(PyBuiltin("lower", owner: typeName) { (_: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                _ = try args.bind("lower", [])
                return .object(PyCompileStage("Lowered", text: text))
            })
        default: return nil
        }
    }

    override func attributeNames() -> [String] { ["fun_name", "jaxpr", "lower"] }
}
