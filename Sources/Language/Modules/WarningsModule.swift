import JaxCore

/// `warnings`: `warn` shows a warning as Python's default filter does (once per place);
/// `filterwarnings`/`simplefilter("ignore")` silence them; `catch_warnings` is a context.
enum WarningsModule {
    static func make(_ interp: Interpreter) throws(PyException) -> PyModule {
        let m = PyModule("warnings")
        m.define("warn") { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
            let slots = try args.bind("warn", ["message", "category", "stacklevel", "source"], required: 1)
            var category = "UserWarning"
            switch slots[1] {
            case .object(let t as PyType)?: category = t.name
            case .object(let c as PyClass)?: category = c.name
            default: break
            }
            let message = slots[0] ?? .none
            if case .object(let instance as PyInstance) = message, instance.cls.exceptionKind != nil { category = instance.cls.name }
            if !interp.warningsIgnored { interp.warn(category, try interp.str(message)) }
            return .none
        }
        for name in ["filterwarnings", "simplefilter"] {
            m.define(name) { (interp: Interpreter, args: Arguments) throws(PyException) -> PyValue in
                guard case .str(let action)? = args.positional.first ?? args.keyword("action") else {
                    throw PyException.typeError("\(name)() missing required argument 'action'")
                }
                // only a filter for every category and message changes what jaxlab shows
                if args.positional.count <= 1 && args.keywords.allSatisfy({ $0.0 == "action" || $0.0 == "append" }) {
                    interp.warningsIgnored = action == "ignore"
                }
                return .none
            }
        }
        m.define("resetwarnings") { (interp: Interpreter, _: Arguments) throws(PyException) -> PyValue in
            interp.warningsIgnored = false
            return .none
        }
        m.define("catch_warnings") { (interp: Interpreter, _: Arguments) throws(PyException) -> PyValue in
            let saved = interp.warningsIgnored
            return .object(PyContextManager(enter: { (_: Interpreter) throws(PyException) -> PyValue in .none },
                                            exit: { (interp: Interpreter, _: PyException?) throws(PyException) -> Bool in
                interp.warningsIgnored = saved
                return false
            }))
        }
        return m
    }
}

/// Whether `warnings.filterwarnings("ignore")` is in force.
final class WarningsState {
    var ignored = false
}

extension Interpreter {
    var warningsIgnored: Bool {
        get { moduleState("warnings") { WarningsState() }.ignored }
        set { moduleState("warnings") { WarningsState() }.ignored = newValue }
    }
}
