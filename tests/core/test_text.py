import pytest

from core.text import fold


@pytest.mark.parametrize(
    "native, typed",
    [
        ("Yaşar Güler", "yasar guler"),
        ("Zakir Həsənov", "zakir hasanov"),
        ("Kərim Vəliyev", "karim valiyev"),
        ("Cahit Bağcı", "cahit bagci"),
        ("Haluk Görgün", "haluk gorgun"),
        ("İSTANBUL", "istanbul"),
        ("Türkiye", "turkiye"),
    ],
)
def test_fold_turns_native_spellings_into_what_readers_type(native, typed):
    assert fold(native) == typed
    assert fold(typed) == typed
