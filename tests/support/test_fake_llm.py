"""The fake LLM server works with the real llama-index OpenAILike and Ollama clients."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import ollama
import openai
import pytest
from llama_index.core.llms import ChatMessage
from llama_index.llms.ollama import Ollama
from llama_index.llms.openai_like import OpenAILike

from .fake_llm import DEFAULT_TEXT, FakeLLMServer, Reply

# Short client timeout for the "hang" tests; hangs are much longer than this.
SHORT_TIMEOUT = 0.3
HANG = 30.0
# Generous upper bound for "failed fast" assertions (the hang itself is 30 s).
FAST = 3.0

USER_PROMPT = "Passage [1]: The mayor resigned on Tuesday.\n\nQuestion: who resigned?"
MESSAGES = [
    ChatMessage(role="system", content="Answer from the passages only."),
    ChatMessage(role="user", content=USER_PROMPT),
]
EXPECTED_WIRE_MESSAGES = [
    {"role": "system", "content": "Answer from the passages only."},
    {"role": "user", "content": USER_PROMPT},
]


@pytest.fixture
def server() -> Iterator[FakeLLMServer]:
    with FakeLLMServer() as s:
        yield s


@pytest.fixture(autouse=True)
def _no_ambient_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    # Keep the header assertions independent of the developer's environment.
    for var in ("OPENAI_API_KEY", "OPENAI_API_BASE", "OLLAMA_API_KEY", "OLLAMA_HOST"):
        monkeypatch.delenv(var, raising=False)


@pytest.fixture
def make_openai(server: FakeLLMServer) -> Callable[..., OpenAILike]:
    def make(**overrides: Any) -> OpenAILike:
        kwargs: dict[str, Any] = {
            "model": "test-model",
            "api_base": server.base_url,
            "api_key": "sk-test",
            "is_chat_model": True,
            "timeout": 5,
            "max_retries": 0,
        }
        kwargs.update(overrides)
        return OpenAILike(**kwargs)

    return make


@pytest.fixture
def make_ollama(server: FakeLLMServer) -> Callable[..., Ollama]:
    def make(**overrides: Any) -> Ollama:
        kwargs: dict[str, Any] = {
            "model": "test-model",
            "base_url": server.ollama_base_url,
            "request_timeout": 5,
        }
        kwargs.update(overrides)
        return Ollama(**kwargs)

    return make


def _non_empty(deltas: list[str | None]) -> list[str]:
    return [d for d in deltas if d]


# --------------------------------------------------------------------------- OpenAILike


def test_openai_chat_returns_scripted_text_and_server_sees_messages_and_key(server, make_openai):
    server.script(Reply(text="The mayor resigned [1]."))
    resp = make_openai().chat(MESSAGES)

    assert resp.message.content == "The mayor resigned [1]."
    assert server.last_chat_messages() == EXPECTED_WIRE_MESSAGES
    req = server.last_chat_request()
    assert req.path == "/v1/chat/completions"
    assert req.headers["authorization"] == "Bearer sk-test"
    assert req.bearer_token == "sk-test"
    assert req.json["model"] == "test-model"
    assert req.json["stream"] is False
    # the openai SDK parsed a complete chat.completion object
    assert resp.raw.object == "chat.completion"
    assert resp.raw.choices[0].finish_reason == "stop"
    assert resp.raw.usage.completion_tokens == 4
    assert resp.raw.id.startswith("chatcmpl-")
    assert server.pending == 0


def test_openai_stream_chat_yields_scripted_chunks(server, make_openai):
    server.script(Reply(text="abcdefghij", chunk_size=3, delay_between_chunks=0.01))
    chunks = list(make_openai().stream_chat(MESSAGES))

    assert _non_empty([c.delta for c in chunks]) == ["abc", "def", "ghi", "j"]
    assert chunks[-1].message.content == "abcdefghij"
    req = server.last_chat_request()
    assert req.json["stream"] is True
    assert req.headers["authorization"] == "Bearer sk-test"
    assert server.last_chat_messages() == EXPECTED_WIRE_MESSAGES


async def test_openai_achat(server, make_openai):
    server.script(Reply(text="async answer"))
    resp = await make_openai().achat(MESSAGES)
    assert resp.message.content == "async answer"
    assert server.last_chat_messages() == EXPECTED_WIRE_MESSAGES
    assert server.last_chat_request().headers["authorization"] == "Bearer sk-test"


async def test_openai_astream_chat(server, make_openai):
    server.script(Reply(text="streamed async answer"))
    gen = await make_openai().astream_chat(MESSAGES)
    chunks = [c async for c in gen]
    assert _non_empty([c.delta for c in chunks]) == ["streamed", " async", " answer"]
    assert chunks[-1].message.content == "streamed async answer"
    assert server.last_chat_request().json["stream"] is True


def test_openai_key_is_whatever_was_configured(server, make_openai):
    make_openai(api_key="other-key").chat(MESSAGES)
    assert server.last_chat_request().headers["authorization"] == "Bearer other-key"
    # OpenAILike refuses to run without any key (it never sends a request then).
    with pytest.raises(openai.OpenAIError, match="Missing credentials"):
        make_openai(api_key="").chat(MESSAGES)
    assert len(server.chat_requests) == 1


def test_openai_500_raises_fast_with_max_retries_0(server, make_openai):
    server.script(Reply(status=500, text="boom"), Reply(text="never reached"))
    start = time.monotonic()
    with pytest.raises(openai.InternalServerError) as info:
        make_openai(max_retries=0).chat(MESSAGES)
    assert time.monotonic() - start < 1.0
    assert info.value.status_code == 500
    assert "boom" in str(info.value)
    assert len(server.chat_requests) == 1  # no retry
    assert server.pending == 1


def test_openai_max_retries_retries_a_500(server, make_openai):
    # max_retries=1: the openai SDK retries once (llama-index's own tenacity layer
    # only retries when max_retries >= 2).  retry-after-ms keeps the backoff short.
    server.script(Reply(status=500, headers={"retry-after-ms": "10"}), Reply(text="recovered"))
    resp = make_openai(max_retries=1).chat(MESSAGES)
    assert resp.message.content == "recovered"
    assert len(server.chat_requests) == 2


async def test_openai_async_500_raises(server, make_openai):
    server.script(Reply(status=503))
    with pytest.raises(openai.InternalServerError) as info:
        await make_openai().achat(MESSAGES)
    assert info.value.status_code == 503


@pytest.mark.parametrize("mode", ["chat", "stream_chat"])
def test_openai_hang_times_out(server, make_openai, mode):
    server.script(Reply(hang_seconds=HANG))
    llm = make_openai(timeout=SHORT_TIMEOUT, max_retries=0)
    start = time.monotonic()
    with pytest.raises(openai.APITimeoutError):
        if mode == "chat":
            llm.chat(MESSAGES)
        else:
            list(llm.stream_chat(MESSAGES))
    assert SHORT_TIMEOUT * 0.9 <= time.monotonic() - start < FAST
    assert len(server.chat_requests) == 1


async def test_openai_async_hang_times_out(server, make_openai):
    server.script(Reply(hang_seconds=HANG))
    start = time.monotonic()
    with pytest.raises(openai.APITimeoutError):
        await make_openai(timeout=SHORT_TIMEOUT).achat(MESSAGES)
    assert time.monotonic() - start < FAST


@pytest.mark.parametrize("mode", ["chat", "stream_chat"])
def test_openai_garbage_raises(server, make_openai, mode):
    server.script(Reply(garbage=True))
    llm = make_openai()
    with pytest.raises(json.JSONDecodeError):
        if mode == "chat":
            llm.chat(MESSAGES)
        else:
            list(llm.stream_chat(MESSAGES))


def test_openai_completions_endpoint(server, make_openai):
    server.script(Reply(text="completed text"), Reply(text="streamed completion"))
    llm = make_openai(is_chat_model=False)
    assert llm.complete("Say something").text == "completed text"
    assert server.requests[-1].path == "/v1/completions"
    assert server.requests[-1].json["prompt"] == "Say something"
    deltas = [c.delta for c in llm.stream_complete("Say more")]
    assert "".join(d or "" for d in deltas) == "streamed completion"


# --------------------------------------------------------------------------- Ollama


def test_ollama_chat_returns_scripted_text_and_server_sees_messages(server, make_ollama):
    server.script(Reply(text="The mayor resigned [1]."))
    resp = make_ollama().chat(MESSAGES)

    assert resp.message.content == "The mayor resigned [1]."
    assert server.last_chat_messages() == EXPECTED_WIRE_MESSAGES
    req = server.last_chat_request()
    assert req.path == "/api/chat"
    assert req.json["stream"] is False
    assert req.json["model"] == "test-model"
    assert "authorization" not in req.headers
    # llama-index asked /api/show for the context window and used it as num_ctx
    assert [r.path for r in server.requests] == ["/api/show", "/api/chat"]
    assert req.json["options"]["num_ctx"] == server.context_length
    # Ollama's counters came through
    assert resp.raw["done"] is True
    assert resp.raw["eval_count"] == 4
    assert resp.raw["usage"]["completion_tokens"] == 4


def test_ollama_stream_chat_yields_scripted_chunks(server, make_ollama):
    server.script(Reply(text="abcdefghij", chunk_size=4, delay_between_chunks=0.01))
    chunks = list(make_ollama().stream_chat(MESSAGES))

    assert _non_empty([c.delta for c in chunks]) == ["abcd", "efgh", "ij"]
    assert chunks[-1].message.content == "abcdefghij"
    assert chunks[-1].raw["done"] is True
    assert chunks[-1].raw["done_reason"] == "stop"
    assert server.last_chat_request().json["stream"] is True
    assert server.last_chat_messages() == EXPECTED_WIRE_MESSAGES


async def test_ollama_achat(server, make_ollama):
    server.script(Reply(text="async answer"))
    resp = await make_ollama().achat(MESSAGES)
    assert resp.message.content == "async answer"
    assert server.last_chat_messages() == EXPECTED_WIRE_MESSAGES


async def test_ollama_astream_chat(server, make_ollama):
    server.script(Reply(text="streamed async answer"))
    gen = await make_ollama().astream_chat(MESSAGES)
    chunks = [c async for c in gen]
    assert _non_empty([c.delta for c in chunks]) == ["streamed", " async", " answer"]
    assert chunks[-1].message.content == "streamed async answer"


def test_ollama_sends_configured_headers(server, make_ollama):
    make_ollama(headers={"Authorization": "Bearer ollama-key"}).chat(MESSAGES)
    assert server.last_chat_request().headers["authorization"] == "Bearer ollama-key"


@pytest.mark.parametrize("mode", ["chat", "stream_chat"])
def test_ollama_500_raises_response_error(server, make_ollama, mode):
    server.script(Reply(status=500, text="model crashed"))
    llm = make_ollama()
    with pytest.raises(ollama.ResponseError) as info:
        if mode == "chat":
            llm.chat(MESSAGES)
        else:
            list(llm.stream_chat(MESSAGES))
    assert info.value.status_code == 500
    assert info.value.error == "model crashed"
    assert len(server.chat_requests) == 1  # Ollama client never retries


async def test_ollama_async_500_raises(server, make_ollama):
    server.script(Reply(status=500))
    with pytest.raises(ollama.ResponseError):
        await make_ollama().achat(MESSAGES)


@pytest.mark.parametrize("mode", ["chat", "stream_chat"])
def test_ollama_hang_times_out(server, make_ollama, mode):
    server.script(Reply(hang_seconds=HANG))
    llm = make_ollama(request_timeout=SHORT_TIMEOUT)
    start = time.monotonic()
    with pytest.raises(httpx.ReadTimeout):
        if mode == "chat":
            llm.chat(MESSAGES)
        else:
            list(llm.stream_chat(MESSAGES))
    assert SHORT_TIMEOUT * 0.9 <= time.monotonic() - start < FAST


async def test_ollama_async_hang_times_out(server, make_ollama):
    server.script(Reply(hang_seconds=HANG))
    start = time.monotonic()
    with pytest.raises(httpx.TimeoutException):
        await make_ollama(request_timeout=SHORT_TIMEOUT).achat(MESSAGES)
    assert time.monotonic() - start < FAST


@pytest.mark.parametrize("mode", ["chat", "stream_chat"])
def test_ollama_garbage_raises(server, make_ollama, mode):
    server.script(Reply(garbage=True))
    llm = make_ollama()
    with pytest.raises(json.JSONDecodeError):
        if mode == "chat":
            llm.chat(MESSAGES)
        else:
            list(llm.stream_chat(MESSAGES))


def test_ollama_metadata_endpoints_parse_with_real_client(server):
    with ollama.Client(host=server.ollama_base_url, timeout=5) as client:
        assert [m.model for m in client.list().models] == ["test-model:latest"]
        info = client.show("test-model")
        assert info.modelinfo["llama.context_length"] == server.context_length
        assert info.details.family == "llama"
        server.script("generated", "gen stream")
        assert client.generate(model="test-model", prompt="hi").response == "generated"
        parts = list(client.generate(model="test-model", prompt="hi", stream=True))
    assert "".join(p.response for p in parts) == "gen stream"
    assert parts[-1].done is True and parts[-1].eval_count == 2


# --------------------------------------------------------------------------- server behaviour


def test_replies_are_consumed_in_order_then_default(server, make_openai):
    server.script("one", Reply(text="two"))
    assert server.pending == 2
    llm = make_openai()
    got = [llm.chat(MESSAGES).message.content for _ in range(3)]
    assert got == ["one", "two", DEFAULT_TEXT]
    server.default = Reply(text="new default")
    assert llm.chat(MESSAGES).message.content == "new default"


def test_callable_reply_sees_the_request(server, make_openai, make_ollama):
    def echo_passage(req: dict[str, Any]) -> str:
        user = req["messages"][-1]["content"]
        return "Echo: " + user.split("Passage [1]: ")[1].split("\n")[0]

    server.script(echo_passage, Reply(text=echo_passage))
    assert make_openai().chat(MESSAGES).message.content == "Echo: The mayor resigned on Tuesday."
    assert make_ollama().chat(MESSAGES).message.content == "Echo: The mayor resigned on Tuesday."


def test_callable_may_return_a_reply_and_errors_are_reported(server, make_openai):
    def fail_on_second(req: dict[str, Any]) -> Reply:
        return Reply(status=500) if len(server.chat_requests) > 1 else Reply(text="first ok")

    def broken(req: dict[str, Any]) -> str:
        raise KeyError("no such passage")

    server.script(fail_on_second, fail_on_second, broken)
    llm = make_openai()
    assert llm.chat(MESSAGES).message.content == "first ok"
    with pytest.raises(openai.InternalServerError):
        llm.chat(MESSAGES)
    with pytest.raises(openai.InternalServerError, match="KeyError"):
        llm.chat(MESSAGES)
    assert [type(e) for e in server.errors] == [KeyError]


def test_raw_wire_formats(server):
    server.script("hello world", "hello world")
    with httpx.Client(base_url=server.url, timeout=5) as http:
        body = {"model": "m", "messages": [{"role": "user", "content": "hi"}], "stream": True}
        r = http.post("/v1/chat/completions", json={**body, "stream_options": {"include_usage": True}})
        assert r.headers["content-type"].startswith("text/event-stream")
        events = [e for e in r.text.split("\n\n") if e]
        assert all(e.startswith("data: ") for e in events)
        assert events[-1] == "data: [DONE]"
        chunks = [json.loads(e[len("data: ") :]) for e in events[:-1]]
        assert {c["object"] for c in chunks} == {"chat.completion.chunk"}
        assert "".join(c["choices"][0]["delta"].get("content", "") for c in chunks if c["choices"]) == ("hello world")
        assert chunks[-1]["choices"] == [] and chunks[-1]["usage"]["completion_tokens"] == 2

        # Ollama streams when "stream" is absent
        r = http.post("/api/chat", json={k: v for k, v in body.items() if k != "stream"})
        assert r.headers["content-type"] == "application/x-ndjson"
        lines = [json.loads(line) for line in r.text.splitlines()]
        assert [line["done"] for line in lines] == [False, False, True]
        assert "".join(line["message"]["content"] for line in lines) == "hello world"
        assert {"total_duration", "prompt_eval_count", "eval_count", "eval_duration"} <= lines[-1].keys()

        assert http.get("/v1/models").json()["data"][0]["id"] == "test-model"
        # OpenAI paths also work without the /v1 prefix and are recorded under their route
        server.script("no prefix")
        r = http.post("/chat/completions", json={**body, "stream": False})
        assert r.json()["choices"][0]["message"]["content"] == "no prefix"
        assert server.requests[-1].path == "/chat/completions"
        assert server.last_chat_request().route == "/v1/chat/completions"
        assert http.get("/nope").status_code == 404


def test_stop_is_prompt_while_a_request_hangs():
    server = FakeLLMServer().start()
    server.script(Reply(hang_seconds=HANG))
    outcome: list[object] = []

    def call() -> None:
        req = urllib.request.Request(
            server.base_url + "/chat/completions",
            data=json.dumps({"model": "m", "messages": []}).encode(),
            headers={"Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(req, timeout=HANG * 2) as resp:
                resp.read()
            outcome.append("answered")
        except (urllib.error.URLError, ConnectionError, OSError) as exc:
            outcome.append(exc)

    t = threading.Thread(target=call, daemon=True)
    t.start()
    assert server.wait_for_requests(1, timeout=FAST)
    start = time.monotonic()
    server.stop()
    assert time.monotonic() - start < 2.0
    t.join(FAST)
    assert not t.is_alive()
    assert outcome and outcome[0] != "answered"
    with pytest.raises(RuntimeError):
        _ = server.base_url


def test_reachable_from_a_subprocess(server):
    server.script("from another process")
    code = (
        "import json, sys, urllib.request\n"
        "req = urllib.request.Request(sys.argv[1] + '/chat/completions', "
        "data=json.dumps({'model': 'm', 'messages': [{'role': 'user', 'content': 'ping'}]}).encode(), "
        "headers={'Content-Type': 'application/json', 'Authorization': 'Bearer sub'})\n"
        "print(json.load(urllib.request.urlopen(req, timeout=5))['choices'][0]['message']['content'])\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, server.base_url], capture_output=True, text=True, timeout=30, check=True
    )
    assert out.stdout.strip() == "from another process"
    assert server.last_chat_messages() == [{"role": "user", "content": "ping"}]
    assert server.last_chat_request().bearer_token == "sub"
