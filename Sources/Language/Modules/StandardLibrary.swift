import JaxCore

/// What the standard-library modules (functools, collections, logging, ...) share.
extension Interpreter {
    /// Per-session state a standard-library module keeps (the logging tree, cached classes).
    func moduleState<State: AnyObject>(_ key: String, _ make: () -> State) -> State {
        if let existing = moduleState[key] as? State { return existing }
        let made = make()
        moduleState[key] = made
        return made
    }

    /// The builtin value a dict subclass instance (`defaultdict`, `Counter`) holds, or the dict.
    func asDict(_ v: PyValue) -> PyDict? {
        switch v {
        case .dict(let d): return d
        case .object(let i as PyInstance):
            if case .dict(let d)? = i.base { return d }
            return nil
        default: return nil
        }
    }
}
