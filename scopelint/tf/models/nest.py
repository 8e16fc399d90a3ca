"""tf.nest and tensorflow/python/util/nest.py as graph-building code calls them: TF 1.x's names
(`nest.is_sequence`, bi-att-flow's `linear`) and TF 2.x's (`is_nested`). Lists, tuples
(namedtuples too) and dicts are structures, flattened in order (a dict by its sorted keys);
anything else, a tensor or a string, is one leaf. They create no variable and call no code of
the program's but the function map_structure is given."""


def is_nested(seq):
    return isinstance(seq, (list, tuple, dict))


is_sequence = is_nested
is_nested_or_composite = is_nested
is_sequence_or_composite = is_nested


def _children(structure):
    if isinstance(structure, dict):
        return [structure[key] for key in sorted(structure)]
    return list(structure)


def flatten(structure, expand_composites=False):
    if not is_nested(structure):
        return [structure]
    flat = []
    for child in _children(structure):
        flat.extend(flatten(child))
    return flat


def _packed(structure, flat, index):
    """(structure with its leaves taken from flat[index:], the index after them)"""
    if not is_nested(structure):
        return flat[index], index + 1
    if isinstance(structure, dict):
        packed = {}
        for key in sorted(structure):
            packed[key], index = _packed(structure[key], flat, index)
        return packed, index
    items = []
    for child in structure:
        item, index = _packed(child, flat, index)
        items.append(item)
    if isinstance(structure, list):
        return items, index
    if hasattr(structure, "_fields"):
        return structure._replace(**dict(zip(structure._fields, items))), index
    return tuple(items), index


def pack_sequence_as(structure, flat_sequence, expand_composites=False):
    flat_sequence = list(flat_sequence)
    if not is_nested(structure):
        if len(flat_sequence) != 1:
            raise ValueError("Structure is a scalar but len(flat_sequence) == %d > 1" % len(flat_sequence))
        return flat_sequence[0]
    expected = len(flatten(structure))
    if expected != len(flat_sequence):
        raise ValueError(
            "Could not pack sequence. Structure had %d atoms, but flat_sequence had %d items."
            % (expected, len(flat_sequence)))
    return _packed(structure, flat_sequence, 0)[0]


def map_structure(func, *structure, **kwargs):
    flat = [flatten(part) for part in structure]
    return pack_sequence_as(structure[0], [func(*leaves) for leaves in zip(*flat)])


def assert_same_structure(nest1, nest2, check_types=True, expand_composites=False):
    """Mismatches (a ValueError or TypeError in TF) are not modelled: never raises."""
    return None
