import copy
import json
import pickle

from bigcommerce import Mapping, ResultList
from bigcommerce._core import decode_json


def test_keys_readable_as_attributes():
    product = Mapping({"id": 1, "name": "Towel"})
    assert product.name == "Towel"
    assert product["id"] == 1


def test_every_key_kept_even_dict_method_names():
    data = {"items": [1], "values": 2, "keys": 3, "count": 4, "get": 5, "update": 6}
    result = Mapping(data)
    assert dict(result) == data
    assert result["items"] == [1]
    assert callable(result.items)
    assert callable(result.get)


def test_meta_is_not_a_key():
    result = Mapping({"id": 1})
    result.meta = {"pagination": {}}
    assert "meta" not in result
    assert json.dumps(result) == '{"id": 1}'


def test_data_key_named_meta_kept():
    result = Mapping({"meta": "data value"})
    assert result["meta"] == "data value"
    assert result.meta is None


def test_nested_objects_are_mappings():
    result = Mapping({"a": {"b": [{"c": 1}, 2]}})
    assert isinstance(result.a, Mapping)
    assert isinstance(result.a.b[0], Mapping)
    assert result.a.b[0].c == 1


def test_missing_attribute_raises_attribute_error():
    result = Mapping({"id": 1})
    try:
        result.name  # noqa: B018
    except AttributeError as error:
        assert "name" in str(error)
    else:
        raise AssertionError("expected AttributeError")


def test_setting_attribute_sets_key():
    result = Mapping({})
    result.name = "x"
    assert result == {"name": "x"}


def test_deepcopy_and_pickle_keep_data_and_meta():
    result = decode_json(b'{"id": 1, "nested": {"x": [1, {"y": 2}]}}')
    result.meta = {"m": 1}
    for clone in (copy.deepcopy(result), pickle.loads(pickle.dumps(result))):
        assert clone == result
        assert isinstance(clone, Mapping)
        assert isinstance(clone.nested, Mapping)
        assert clone.meta == {"m": 1}
    shallow = copy.copy(result)
    assert shallow == result
    assert shallow.meta == {"m": 1}


def test_result_list_pickles_with_meta():
    items = ResultList([Mapping({"id": 1})], meta={"total": 1}, errors={"1": "x"})
    clone = pickle.loads(pickle.dumps(items))
    assert clone == items
    assert clone.meta == {"total": 1}
    assert clone.errors == {"1": "x"}
    assert json.dumps(items) == '[{"id": 1}]'
    assert copy.deepcopy(items).meta == {"total": 1}


def test_dir_lists_keys():
    assert "name" in dir(Mapping({"name": "x", "not an identifier": 1}))


def test_item_assignment_wraps_nested_dicts():
    result = Mapping({})
    result["a"] = {"b": 1}
    result.update(c={"d": 2})
    result.setdefault("e", {"f": 3})
    assert isinstance(result["a"], Mapping)
    assert result.c.d == 2
    assert result.e.f == 3


def test_dir_tolerates_non_string_keys():
    assert "name" in dir(Mapping({1: "a", "name": "x"}))
