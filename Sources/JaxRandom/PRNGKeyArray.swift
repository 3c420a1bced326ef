import JaxCore

/// A typed JAX key array (`dtype=key<fry>`): an array of threefry2x32 keys of some shape, each
/// key two uint32 words, as `jax.random.key`, `split` and `fold_in` return it.
public struct PRNGKeyArray: Sendable, Equatable, CustomStringConvertible {
    /// The shape of the key array (`()` for one key); the key data has shape `shape + [2]`.
    public let shape: [Int]
    /// Row-major key words, two per key.
    public let words: [UInt32]

    /// Keys from their raw words; `words.count` must be twice the product of `shape`.
    public init(shape: [Int], words: [UInt32]) {
        self.shape = shape
        self.words = words
    }

    /// One key from its two words.
    public init(_ k0: UInt32, _ k1: UInt32) {
        self.init(shape: [], words: [k0, k1])
    }

    /// How many keys the array holds.
    public var count: Int { words.count / 2 }

    /// The dtype name JAX prints for threefry keys.
    public static let dtypeName = "key<fry>"

    /// `jax.random.key_data(keys)`: the raw uint32 words with a trailing axis of 2.
    public var keyData: JaxArray {
        JaxArray(shape: shape + [2], storage: .uint32(words))
    }

    /// Key `index` (row-major among the keys) as its two words.
    public func key(at index: Int) -> (UInt32, UInt32) {
        (words[2 * index], words[2 * index + 1])
    }

    /// The keys along the first axis at `index`, as `keys[i]` gives them (JAX clamps an index
    /// that is out of bounds instead of raising).
    public func element(_ index: Int) throws(PyException) -> PRNGKeyArray {
        guard let first = shape.first else {
            throw PyException.indexError("Too many indices: array is 0-dimensional, but 1 were indexed")
        }
        let rest = Array(shape.dropFirst())
        guard first > 0 else {
            throw PyException.indexError("index is out of bounds for axis 0 with size 0")
        }
        let stride = 2 &* rest.reduce(1, &*)
        let position = min(max(index < 0 ? index &+ first : index, 0), first - 1)
        return PRNGKeyArray(shape: rest, words: Array(words[position * stride ..< (position + 1) * stride]))
    }

    /// The text `print(keys)` and `repr(keys)` show:
    /// `Array((), dtype=key<fry>) overlaying:\n[ 0 42]`.
    public var description: String {
        "Array(\(Shape.describe(shape)), dtype=\(Self.dtypeName)) overlaying:\n" + ArrayFormatter.str(keyData)
    }
}
