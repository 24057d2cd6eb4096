import pytest

from summariser import prompts


def test_prompt_exists():
    assert prompts.load_prompt("summary")
