"""tf.nest (tensorflow/python/util/nest.py): structures of lists, tuples, namedtuples and dicts
(a dict's values in sorted key order), as TF walks them. Model code zips an RNN's forward and
backward states through it (OpenNMT-tf's reducers)."""


def is_nested(seq):
    return isinstance(seq, (list, tuple, dict))


def _children(structure):
    if isinstance(structure, dict):
        return [structure[key] for key in sorted(structure)]
    return list(structure)


def _sequence_like(instance, args):
    if isinstance(instance, dict):
        return type(instance)(zip(sorted(instance), args))
    if isinstance(instance, tuple) and hasattr(instance, "_fields"):
        return type(instance)(*args)  # a namedtuple
    return type(instance)(args)


def flatten(structure, expand_composites=False):
    if not is_nested(structure):
        return [structure]
    flat = []
    for child in _children(structure):
        flat.extend(flatten(child))
    return flat


def _packed(structure, flat, index):
    packed = []
    for child in _children(structure):
        if is_nested(child):
            index, value = _packed(child, flat, index)
            packed.append(value)
        else:
            packed.append(flat[index])
            index += 1
    return index, _sequence_like(structure, packed)


def pack_sequence_as(structure, flat_sequence, expand_composites=False):
    if not is_nested(flat_sequence):
        raise TypeError("Attempted to pack value:\n  %s\ninto a structure, but found incompatible type `%s` "
                        "instead." % (flat_sequence, type(flat_sequence)))
    if not is_nested(structure):
        if len(flat_sequence) != 1:
            raise ValueError("The target structure is of type `%s`\n  %s\nHowever the input is a sequence (%s) "
                             "of length %d.\n  %s\nnest cannot guarantee that it is safe to map one to the other."
                             % (type(structure), structure, type(flat_sequence), len(flat_sequence), flat_sequence))
        return flat_sequence[0]
    expected = len(flatten(structure))
    if expected != len(flat_sequence):
        raise ValueError("Could not pack sequence. Structure had %d atoms, but flat_sequence had %d items.  "
                         "Structure: %s, flat_sequence: %s." % (expected, len(flat_sequence), structure,
                                                                 flat_sequence))
    return _packed(structure, list(flat_sequence), 0)[1]


def assert_same_structure(nest1, nest2, check_types=True, expand_composites=False):
    if is_nested(nest1) != is_nested(nest2) or len(flatten(nest1)) != len(flatten(nest2)):
        raise ValueError("The two structures don't have the same nested structure.\n\nFirst structure: %s\n\n"
                         "Second structure: %s" % (nest1, nest2))
    if not is_nested(nest1):
        return
    if check_types and type(nest1) is not type(nest2):
        raise TypeError("The two structures don't have the same sequence type. Input structure has type %s, "
                        "while shallow structure has type %s." % (type(nest1), type(nest2)))
    if isinstance(nest1, dict) and sorted(nest1) != sorted(nest2):
        raise ValueError("The two dictionaries don't have the same set of keys. First structure has keys %s, "
                         "while second structure has keys %s." % (sorted(nest1), sorted(nest2)))
    children1, children2 = _children(nest1), _children(nest2)
    if len(children1) != len(children2):
        raise ValueError("The two structures don't have the same nested structure.\n\nFirst structure: %s\n\n"
                         "Second structure: %s" % (nest1, nest2))
    for child1, child2 in zip(children1, children2):
        assert_same_structure(child1, child2, check_types)


def map_structure(func, *structure, **kwargs):
    if not callable(func):
        raise TypeError("func must be callable, got: %s" % func)
    if not structure:
        raise ValueError("Must provide at least one structure")
    check_types = kwargs.pop("check_types", True)
    kwargs.pop("expand_composites", None)
    for other in structure[1:]:
        assert_same_structure(structure[0], other, check_types=check_types)
    flat = [flatten(s) for s in structure]
    return pack_sequence_as(structure[0], [func(*values) for values in zip(*flat)])
