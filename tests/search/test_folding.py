"""Folded text with offsets back into the original: what highlighting and suggestions rely on."""

import pytest

from search.folding import fold_with_offsets
from search.highlight import highlight, snippet


def folded_the_long_way(text: str) -> tuple[str, list[int]]:
    """fold_with_offsets with its ASCII shortcut defeated by a non-ASCII character at the end."""
    folded, offsets = fold_with_offsets(text + "é")
    return folded[:-1], offsets[:-1]


@pytest.mark.parametrize(
    "text",
    [
        "Defence ministers met in Baku",
        "ADEX 2024: contracts, memoranda (three) & talks.",
        "x",
        "Ends with a space ",
    ],
)
def test_ascii_text_folds_as_the_character_by_character_loop_does(text):
    assert fold_with_offsets(text) == folded_the_long_way(text)


@pytest.mark.parametrize(
    ("text", "folded", "offsets"),
    [
        ("  Two  spaces", "two spaces", [2, 3, 4, 5, 7, 8, 9, 10, 11, 12]),
        ("Güler", "guler", [0, 1, 2, 3, 4]),
        ("Ə\tb", "a b", [0, 1, 2]),
    ],
)
def test_other_text_folds_one_character_at_a_time(text, folded, offsets):
    assert fold_with_offsets(text) == (folded, offsets)


def test_highlight_marks_words_in_ascii_and_folded_text():
    assert highlight("Defence talks", ["defence"]) == "<mark>Defence</mark> talks"
    assert highlight("Yaşar Güler met", ["guler"]) == "Yaşar <mark>Güler</mark> met"


def test_snippet_centres_on_the_first_match_of_a_long_ascii_text():
    text = "<p>" + "filler words here " * 30 + "the Defence ministers met " + "tail " * 40 + "</p>"

    excerpt = snippet(text, ["defence"])

    assert "<mark>Defence</mark> ministers" in excerpt
    assert excerpt.startswith("… ") and excerpt.endswith(" …")
