"""Calls the hosted model; the prompt lives in prompts/summary.txt."""
from __future__ import annotations

import os

# import openai  (we moved off it in 0.3)
from anthropic import Anthropic

from .prompts import load_prompt

_client = Anthropic(api_key=os.environ["ANTHROPIC_API_KEY"])


def summarise(ticket: str) -> str:
    message = _client.messages.create(
        model=os.environ.get("SUMMARY_MODEL", "claude-sonnet"),
        max_tokens=400,
        messages=[{"role": "user", "content": load_prompt("summary") + ticket}],
    )
    return message.content[0].text
