import JaxCore

/// `import`: modules are built on first import (by `ModuleRegistry`) and cached per session.
extension Interpreter {
    func importModule(_ name: String) throws(PyException) -> PyValue {
        if let m = modules[name] { return m }
        let parts = name.split(separator: ".").map(String.init)
        if parts.count > 1 {
            // importing a submodule imports its parents first and binds it on the parent
            let parentName = parts.dropLast().joined(separator: ".")
            let parent = try importModule(parentName)
            if let existing = modules[name] { return existing }
            guard let builder = ModuleRegistry.builders[name] else {
                throw PyException("ModuleNotFoundError", "No module named '\(name)'")
            }
            let module = PyValue.object(try builder(self))
            modules[name] = module
            if case .object(let p as PyModule) = parent, p.attributes[parts.last ?? ""] == nil {
                p.attributes[parts.last ?? ""] = module
            }
            for sub in ModuleRegistry.eagerSubmodules[name] ?? [] { _ = try importModule(name + "." + sub) }
            return module
        }
        guard let builder = ModuleRegistry.builders[name] else {
            throw PyException("ModuleNotFoundError", "No module named '\(name)'")
        }
        let module = PyValue.object(try builder(self))
        modules[name] = module
        // `import jax` makes jax.numpy and jax.random available, as the real package does
        for sub in ModuleRegistry.eagerSubmodules[name] ?? [] { _ = try importModule(name + "." + sub) }
        return module
    }
}
