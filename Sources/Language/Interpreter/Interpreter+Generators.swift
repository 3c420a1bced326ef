import JaxCore

/// The resumable executor of generator bodies. Statements without a `yield` run through the
/// ordinary `exec`; a statement that contains one is taken apart into `GeneratorStep`s kept
/// on the generator, so that `yield` can return to the caller and a later `next()` carries
/// on from the same place inside any loops, `try` and `with` blocks around it.
extension Interpreter {
    func resume(_ generator: PyGenerator, _ input: GeneratorInput) throws(PyException) -> GeneratorOutcome {
        let fresh: Bool
        switch generator.state {
        case .running:
            throw PyException.valueError("generator already executing")
        case .finished:
            if case .raise(let error) = input { throw error }
            return .returned(.none)
        case .created:
            if case .send(let v) = input, !v.isNone {
                throw PyException.typeError("can't send non-None value to a just-started generator")
            }
            if case .raise(let error) = input {
                finish(generator)
                throw error
            }
            fresh = true
        case .suspended:
            fresh = false
        }
        if frames.count > Interpreter.recursionLimit {
            throw PyException("RecursionError", "maximum recursion depth exceeded")
        }
        frames.append(generator.frame)
        let handlingBase = handling.count
        handling += generator.savedHandling
        generator.state = .running
        let outcome: GeneratorOutcome
        do throws(PyException) {
            outcome = try runGenerator(generator, fresh ? nil : input)
        } catch var error {
            frames.removeLast()
            handling.removeSubrange(min(handlingBase, handling.count)...)
            finish(generator)
            if exceptionIs(error, "StopIteration") {
                // PEP 479: a StopIteration escaping a generator body is a RuntimeError
                error = PyException("RuntimeError", "generator raised StopIteration", traceback: error.traceback)
            }
            throw error
        }
        frames.removeLast()
        switch outcome {
        case .yielded:
            generator.state = .suspended
            generator.savedHandling = handlingBase < handling.count ? Array(handling[handlingBase...]) : []
        case .returned(let value):
            finish(generator)
            generator.returnValue = value
        }
        handling.removeSubrange(min(handlingBase, handling.count)...)
        return outcome
    }

    private func finish(_ generator: PyGenerator) {
        generator.state = .finished
        generator.steps = []
        generator.savedHandling = []
    }

    /// `generator.close()`: throws GeneratorExit in at the suspended `yield`.
    func close(_ generator: PyGenerator) throws(PyException) {
        switch generator.state {
        case .created:
            finish(generator)
            return
        case .finished:
            return
        case .running:
            throw PyException.valueError("generator already executing")
        case .suspended:
            break
        }
        do throws(PyException) {
            if case .yielded = try resume(generator, .raise(PyException("GeneratorExit", ""))) {
                throw PyException("RuntimeError", "generator ignored GeneratorExit")
            }
        } catch {
            if error.kind == "GeneratorExit" || exceptionIs(error, "StopIteration") { return }
            throw error
        }
    }

    /// Runs the generator until its next `yield` or its end. `input` is delivered to the
    /// suspended `yield` (nil on the first run).
    private func runGenerator(_ g: PyGenerator, _ input: GeneratorInput?) throws(PyException) -> GeneratorOutcome {
        var signal = GeneratorSignal.proceed
        if let input, let suspended = g.steps.popLast() {
            switch (suspended, input) {
            case (.awaitingSend(let targets), .send(let value)):
                do throws(PyException) {
                    for target in targets { try assign(target, value, g.scope) }
                } catch var error {
                    stampTraceback(&error)
                    signal = .raise(error)
                }
            case (.delegating(let delegate, let targets), _):
                do throws(PyException) {
                    switch try advanceDelegate(delegate, input) {
                    case .yielded(let v):
                        g.steps.append(suspended)
                        return .yielded(v)
                    case .returned(let result):
                        for target in targets { try assign(target, result, g.scope) }
                    }
                } catch var error {
                    stampTraceback(&error)
                    signal = .raise(error)
                }
            case (_, .raise(var error)):
                stampTraceback(&error)
                signal = .raise(error)
            default:
                break
            }
        }
        while let top = g.steps.last {
            let last = g.steps.count - 1
            switch top {
            case .block(let statements, let next):
                guard case .proceed = signal, next < statements.count else {
                    g.steps.removeLast()
                    continue
                }
                g.steps[last] = .block(statements, next: next + 1)
                let stmt = statements[next]
                g.frame.line = stmt.position.line
                do throws(PyException) {
                    if !stmt.hasYield {
                        signal = GeneratorSignal(try exec(stmt, g.scope, g.frame))
                    } else if let value = try begin(stmt, in: g) {
                        return .yielded(value)
                    }
                } catch var error {
                    stampTraceback(&error)
                    signal = .raise(error)
                }
            case .forLoop(let stmt, let target, let iterator, let body, let orElse):
                switch signal {
                case .proceed, .continueLoop:
                    signal = .proceed
                    g.frame.line = stmt.position.line
                    do throws(PyException) {
                        try context.checkInterrupt()
                        if let item = try iterator.next() {
                            try assign(target, item, g.scope)
                            g.steps.append(.block(body, next: 0))
                        } else {
                            g.steps[last] = .block(orElse, next: 0)
                        }
                    } catch var error {
                        stampTraceback(&error)
                        g.steps.removeLast()
                        signal = .raise(error)
                    }
                case .breakLoop:
                    g.steps.removeLast()
                    signal = .proceed
                case .returnValue, .raise:
                    g.steps.removeLast()
                }
            case .whileLoop(let stmt, let test, let body, let orElse):
                switch signal {
                case .proceed, .continueLoop:
                    signal = .proceed
                    g.frame.line = stmt.position.line
                    do throws(PyException) {
                        try context.checkInterrupt()
                        if try truth(try eval(test, g.scope)) {
                            g.steps.append(.block(body, next: 0))
                        } else {
                            g.steps[last] = .block(orElse, next: 0)
                        }
                    } catch var error {
                        stampTraceback(&error)
                        g.steps.removeLast()
                        signal = .raise(error)
                    }
                case .breakLoop:
                    g.steps.removeLast()
                    signal = .proceed
                case .returnValue, .raise:
                    g.steps.removeLast()
                }
            case .tryStatement(let progress):
                g.steps.removeLast()
                advance(progress, &signal, in: g)
            case .withBlock(let exit):
                g.steps.removeLast()
                do throws(PyException) {
                    if case .raise(let error) = signal {
                        if try truth(try call(exit, exitArguments(error))) { signal = .proceed }
                    } else {
                        _ = try call(exit, Arguments([.none, .none, .none]))
                    }
                } catch var error {
                    stampTraceback(&error)
                    signal = .raise(error)
                }
            case .awaitingSend, .delegating:
                // consumed when the generator resumes; never left below other steps
                g.steps.removeLast()
            }
        }
        switch signal {
        case .raise(let error): throw error
        case .returnValue(let value): return .returned(value)
        default: return .returned(.none)
        }
    }

    /// Moves a `try` statement on after the part that just finished with `signal`.
    private func advance(_ progress: TryProgress, _ signal: inout GeneratorSignal, in g: PyGenerator) {
        var progress = progress
        func enterFinally() {
            progress.phase = .finally(pending: signal)
            g.steps.append(.tryStatement(progress))
            g.steps.append(.block(progress.finally, next: 0))
            signal = .proceed
        }
        switch progress.phase {
        case .body:
            switch signal {
            case .raise(let error):
                do throws(PyException) {
                    for handler in progress.handlers {
                        if let typeExpr = handler.type, !(try exceptionMatches(error, try eval(typeExpr, g.scope))) { continue }
                        if let name = handler.name { try store(name, exceptionValue(error), g.scope) }
                        handling.append(error)
                        g.frame.line = handler.position.line
                        progress.phase = .handler(error, name: handler.name)
                        g.steps.append(.tryStatement(progress))
                        g.steps.append(.block(handler.body, next: 0))
                        signal = .proceed
                        return
                    }
                } catch var inner {
                    stampTraceback(&inner)
                    signal = .raise(inner)
                }
                enterFinally()
            case .proceed:
                progress.phase = .orElse
                g.steps.append(.tryStatement(progress))
                g.steps.append(.block(progress.orElse, next: 0))
            default:
                enterFinally()
            }
        case .handler(_, let name):
            if !handling.isEmpty { handling.removeLast() }
            if let name { try? unbind(name, g.scope) }
            enterFinally()
        case .orElse:
            enterFinally()
        case .finally(let pending):
            // a `finally` that ends normally lets what was pending carry on; its own
            // return, break or exception replaces it
            if case .proceed = signal { signal = pending }
        }
    }

    /// Starts a statement that contains a `yield`: runs a `yield` (returning the value to
    /// give the caller) or pushes the steps of a compound statement (returning nil).
    private func begin(_ stmt: Stmt, in g: PyGenerator) throws(PyException) -> PyValue? {
        switch stmt.kind {
        case .expression(let e):
            return try startYield(e, targets: [], in: g)
        case .assign(let targets, let e):
            return try startYield(e, targets: targets, in: g)
        case .annotatedAssign(let target, _, let e?):
            return try startYield(e, targets: [target], in: g)
        case .if(let test, let body, let orElse):
            g.steps.append(.block(try truth(try eval(test, g.scope)) ? body : orElse, next: 0))
        case .for(let target, let iterable, let body, let orElse):
            let iterator = try iterate(try eval(iterable, g.scope))
            g.steps.append(.forLoop(stmt, target: target, iterator: iterator, body: body, orElse: orElse))
        case .while(let test, let body, let orElse):
            g.steps.append(.whileLoop(stmt, test: test, body: body, orElse: orElse))
        case .try(let body, let handlers, let orElse, let finally):
            g.steps.append(.tryStatement(TryProgress(handlers: handlers, orElse: orElse, finally: finally, phase: .body)))
            g.steps.append(.block(body, next: 0))
        case .with(let items, let body):
            for (contextExpr, target) in items {
                let manager = try eval(contextExpr, g.scope)
                let (enter, exit) = try contextManagerMethods(manager)
                let entered = try call(enter, Arguments())
                g.steps.append(.withBlock(exit: exit))
                if let target { try assign(target, entered, g.scope) }
            }
            g.steps.append(.block(body, next: 0))
        default:
            throw PyException("SyntaxError", "jaxlab runs 'yield' only as a statement of its own or as the whole value of an assignment")
        }
        return nil
    }

    private func startYield(_ e: Expr, targets: [Expr], in g: PyGenerator) throws(PyException) -> PyValue? {
        switch e.kind {
        case .yield(let valueExpr):
            let value = try valueExpr.map { (v: Expr) throws(PyException) in try eval(v, g.scope) } ?? .none
            g.steps.append(.awaitingSend(targets: targets))
            return value
        case .yieldFrom(let source):
            let delegate = try iterate(try eval(source, g.scope))
            switch try advanceDelegate(delegate, .send(.none)) {
            case .yielded(let value):
                g.steps.append(.delegating(delegate, targets: targets))
                return value
            case .returned(let result):
                for target in targets { try assign(target, result, g.scope) }
                return nil
            }
        default:
            throw PyException("SyntaxError", "jaxlab runs 'yield' only as a statement of its own or as the whole value of an assignment")
        }
    }

    /// One step of `yield from`: passes what the outer generator received to the delegate.
    private func advanceDelegate(_ delegate: PyIterator, _ input: GeneratorInput) throws(PyException) -> GeneratorOutcome {
        if let inner = delegate as? PyGenerator {
            if case .raise(let error) = input, error.kind == "GeneratorExit" {
                try close(inner)
                throw error
            }
            let outcome = try resume(inner, input)
            if case .returned = outcome { return .returned(inner.returnValue) }
            return outcome
        }
        switch input {
        case .send(let value):
            if !value.isNone {
                throw PyException("AttributeError", "'\(delegate.typeName)' object has no attribute 'send'")
            }
            if let next = try delegate.next() { return .yielded(next) }
            return .returned(.none)
        case .raise(let error):
            throw error
        }
    }
}

extension GeneratorSignal {
    init(_ flow: Flow) {
        switch flow {
        case .normal: self = .proceed
        case .breakLoop: self = .breakLoop
        case .continueLoop: self = .continueLoop
        case .returnValue(let v): self = .returnValue(v)
        }
    }
}
