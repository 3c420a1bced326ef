/// One cell of a notebook or of a lab's text export, on its way into a lesson skeleton.
public enum ImportedCell: Equatable, Sendable {
    case markdown(String)
    case code(String)
}
