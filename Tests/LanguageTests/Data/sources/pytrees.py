# %% setup
import collections
import dataclasses
from typing import NamedTuple
import jax
import jax.numpy as jnp
import numpy as np

# %% leaves_and_structures
trees = [
    {'w': jnp.ones(2), 'b': 0.5, 'layers': [1, (2, 3)]},
    (None, [None, 4], ()),
    [jnp.arange(3), 'text', None],
    7,
    {},
]
for t in trees:
    leaves, treedef = jax.tree.flatten(t)
    print(treedef, len(leaves), treedef.num_leaves, treedef.num_nodes)
    print(jax.tree.leaves(t))

# %% structure_of_containers
print(jax.tree.structure((1,)), jax.tree.structure([[]]), jax.tree.structure({'z': {'y': None}}))
print(jax.tree_util.tree_structure([0, [1, 2]]) == jax.tree.structure([5, [6, 7]]))
print(jax.tree.structure({'b': 1, 'a': 2}) == jax.tree.structure({'a': 1, 'b': 2}))
print(jax.tree.structure((1, 2)) == jax.tree.structure([1, 2]))
print(type(jax.tree.structure(None)).__name__, jax.tree_util.treedef_is_leaf(jax.tree.structure(3.0)))

# %% named_tuples_are_nodes
class Point(NamedTuple):
    x: float
    y: float

Pair = collections.namedtuple('Pair', ['first', 'second'])
p = Point(1.0, jnp.array([2.0, 3.0]))
print(jax.tree.structure(p))
print(jax.tree.leaves(p))
print(jax.tree.map(lambda v: v * 10, p))
print(jax.tree.structure(Pair(Point(1, 2), [3])))
print(jax.tree.map(lambda v: -v, Pair(first=1, second=(2, 3))))

# %% dict_keys_sorted
d = {'zeta': 1, 'alpha': 2, 'mid': {'b': 3, 'a': 4}}
print(jax.tree.leaves(d))
print(jax.tree.map(lambda v: v + 100, d))
print(jax.tree.structure({3: 'a', 1: 'b'}), jax.tree.leaves({3: 'a', 1: 'b'}))
try:
    jax.tree.leaves({'a': 1, 2: 3})
except ValueError as e:
    print('ValueError', e)

# %% ordered_and_default_dicts
od = collections.OrderedDict([('second', 2), ('first', 1)])
print(jax.tree.structure(od), jax.tree.leaves(od))
print(jax.tree.map(lambda v: v * 2, od))
dd = collections.defaultdict(int, {'q': 1, 'p': 2})
print(jax.tree.structure(dd), jax.tree.leaves(dd))
print(jax.tree.map(str, dd))

# %% none_is_an_empty_node
print(jax.tree.leaves([None, 1, None]), jax.tree.structure([None, 1]))
print(jax.tree.leaves([None, 1], is_leaf=lambda v: v is None))
print(jax.tree.map(lambda v: v, {'a': None, 'b': 2}))
print(jax.tree.map(lambda v: 0, [None, [None]], is_leaf=lambda v: v is None))

# %% map_several_trees
a = {'x': 1, 'y': [2, 3]}
b = {'x': 10, 'y': [20, 30]}
print(jax.tree.map(lambda u, v: u + v, a, b))
print(jax.tree.map(lambda u, v, w: u * v - w, (1, 2), (3, 4), (5, 6)))
print(jax.tree.map(lambda u, v: (u, v), [1, 2], [(1, 2), None]))
print(jax.tree_util.tree_map(lambda v: v ** 2, [jnp.array(3.0), np.float32(2.0)]))

# %% map_errors
for f in [lambda: jax.tree.map(lambda u, v: u, (1, 2), (1, 2, 3)),
          lambda: jax.tree.map(lambda u, v: u, [1, 2], (1, 2)),
          lambda: jax.tree.map(lambda u, v: u, {'a': 1, 'b': 2}, {'a': 1}),
          lambda: jax.tree.map(lambda u, v: u, [1, [2, 3]], [1, [2]]),
          lambda: jax.tree.map(lambda u: u),
          lambda: jax.tree.map(lambda u: u, [1], bogus=True)]:
    try:
        f()
    except Exception as e:
        print(type(e).__name__, e)

# %% unflatten_and_flatten_up_to
leaves, treedef = jax.tree.flatten({'a': [1, 2], 'b': (3,)})
print(jax.tree.unflatten(treedef, ['p', 'q', 'r']))
print(treedef.unflatten([0.5, 1.5, 2.5]))
print(treedef.flatten_up_to({'a': [[1], {'k': 2}], 'b': ('z',)}))
print(treedef.children(), treedef.node_data())
for f in [lambda: jax.tree.unflatten(treedef, [1, 2]), lambda: jax.tree.unflatten(treedef, [1, 2, 3, 4]),
          lambda: treedef.flatten_up_to([1, 2, 3]), lambda: treedef.flatten_up_to({'a': [1], 'b': (3,)}),
          lambda: treedef.flatten_up_to({'a': [1, 2], 'c': (3,)}),
          lambda: jax.tree.structure((1, 2)).flatten_up_to((1, 2, 3)),
          lambda: jax.tree.structure([None]).flatten_up_to([5])]:
    try:
        f()
    except ValueError as e:
        print('ValueError', e)

# %% reduce_all_transpose
print(jax.tree.reduce(lambda acc, v: acc + v, [1, (2, 3), {'k': 4}]))
print(jax.tree.reduce(lambda acc, v: acc * v, [2, 3], 10))
print(jax.tree.reduce(max, {'a': 3, 'b': 9, 'c': 1}))
print(jax.tree.all([True, (1, 2)]), jax.tree.all({'a': 1, 'b': 0}), jax.tree.all([]))
rows = [{'loss': 1.0, 'acc': 0.5}, {'loss': 0.7, 'acc': 0.75}, {'loss': 0.4, 'acc': 0.9}]
print(jax.tree.transpose(jax.tree.structure([0, 0, 0]), jax.tree.structure({'loss': 0, 'acc': 0}), rows))
print(jax.tree.transpose(jax.tree.structure([0, 0, 0]), None, rows))
try:
    jax.tree.transpose(jax.tree.structure([0, 0]), jax.tree.structure({'loss': 0, 'acc': 0}), rows)
except TypeError as e:
    print('TypeError', e)
try:
    jax.tree.reduce(lambda a, b: a + b, [])
except TypeError as e:
    print('TypeError', e)

# %% key_paths
tree = {'params': [jnp.zeros(2), {'scale': 2.0}], 'step': Point(3, 4)}
flat, treedef = jax.tree_util.tree_flatten_with_path(tree)
for path, value in flat:
    print(jax.tree_util.keystr(path), '|', jax.tree_util.keystr(path, simple=True, separator='/'), '|', repr(path))
print(jax.tree.leaves_with_path([5, (6,)]))
print(jax.tree_util.tree_map_with_path(lambda path, v: f'{jax.tree_util.keystr(path)}={v}', {'a': [1, 2], 'b': 3}))
k = jax.tree_util.SequenceKey(2)
print(k, repr(k), k.idx, k == jax.tree_util.SequenceKey(2), k == jax.tree_util.DictKey(2))
print(jax.tree_util.DictKey('w').key, jax.tree_util.GetAttrKey('b').name, str(jax.tree_util.FlattenedIndexKey(1)))
print(type(k), type(jax.tree_util.GetAttrKey('b')))

# %% register_pytree_node
class Affine:
    def __init__(self, weight, bias, name):
        self.weight = weight
        self.bias = bias
        self.name = name

    def __repr__(self):
        return f'Affine({self.weight!r}, {self.bias!r}, {self.name!r})'

jax.tree_util.register_pytree_node(
    Affine,
    lambda m: ((m.weight, m.bias), m.name),
    lambda name, children: Affine(*children, name))
layer = Affine(jnp.ones((2,)), 0.5, 'first')
print(jax.tree.structure(layer))
print(jax.tree.leaves(layer))
print(jax.tree.map(lambda v: v * 4, layer))
print(jax.tree_util.tree_flatten_with_path(layer)[0])
try:
    jax.tree_util.register_pytree_node(Affine, lambda m: ((), None), lambda a, c: None)
except ValueError as e:
    print('ValueError', e)
print(jax.tree.structure(layer).flatten_up_to(Affine(1, [2, 3], 'first')))
try:
    jax.tree.structure(layer).flatten_up_to(Affine(1, 2, 'second'))
except ValueError as e:
    print('ValueError', e)

# %% register_pytree_node_class
@jax.tree_util.register_pytree_node_class
class Box:
    def __init__(self, contents, label):
        self.contents = contents
        self.label = label

    def tree_flatten(self):
        return (self.contents,), {'label': self.label}

    @classmethod
    def tree_unflatten(cls, aux, children):
        return cls(children[0], **aux)

b = Box([1, 2.5], 'crate')
print(jax.tree.structure(b))
doubled = jax.tree.map(lambda v: v * 2, b)
print(type(doubled).__name__, doubled.contents, doubled.label)
print(jax.tree_util.treedef_children(jax.tree.structure(b)))

# %% register_with_keys
class Pt:
    def __init__(self, a, b):
        self.a, self.b = a, b

jax.tree_util.register_pytree_with_keys(
    Pt,
    lambda p: (((jax.tree_util.GetAttrKey('a'), p.a), (jax.tree_util.GetAttrKey('b'), p.b)), None),
    lambda aux, children: Pt(*children))
print(jax.tree_util.tree_flatten_with_path(Pt(1, [2]))[0])
print(jax.tree.structure(Pt(1, 2)), jax.tree.leaves(Pt(1, 2)))

# %% register_dataclass
@dataclasses.dataclass
class Config:
    lr: float
    steps: int
    mode: str

jax.tree_util.register_dataclass(Config, data_fields=['lr', 'steps'], meta_fields=['mode'])
c = Config(0.1, 5, 'sgd')
print(jax.tree.structure(c), jax.tree.leaves(c))
print(jax.tree.map(lambda v: v * 2, c))
print(jax.tree_util.tree_leaves_with_path(c))

@jax.tree_util.register_dataclass
@dataclasses.dataclass
class Opt:
    value: float
    name: str = dataclasses.field(metadata=dict(static=True), default='adam')

print(jax.tree.structure(Opt(1.5)), jax.tree.map(lambda v: v + 1, Opt(1.5, 'sgd')))
@dataclasses.dataclass
class Two:
    u: int
    v: int

for f in [lambda: jax.tree_util.register_dataclass(Pt),
          lambda: jax.tree_util.register_dataclass(Two, data_fields=['u'], meta_fields=[]),
          lambda: jax.tree_util.register_dataclass(Two, data_fields=['u', 'v'], meta_fields=['v'])]:
    try:
        f()
    except Exception as e:
        print(type(e).__name__, e)

# %% plain_classes_are_leaves
class Plain:
    pass

class MyList(list):
    pass

@dataclasses.dataclass
class Unregistered:
    v: int

print(len(jax.tree.leaves([Plain(), MyList([1, 2]), Unregistered(3)])))
print(jax.tree.structure(MyList([1, 2])), jax.tree.structure(Unregistered(1)))
