"""A real HTTP server on 127.0.0.1 that imitates an LLM backend for tests.

It speaks enough of two wire protocols for llama-index's clients to work
against it unchanged:

* the OpenAI API (used by ``llama_index.llms.openai_like.OpenAILike``):
  ``POST /v1/chat/completions`` (JSON or SSE streaming), ``POST /v1/completions``,
  ``GET /v1/models``;
* the Ollama API (used by ``llama_index.llms.ollama.Ollama``):
  ``POST /api/chat`` (JSON or NDJSON streaming), ``POST /api/generate``,
  ``POST /api/show``, ``GET /api/tags``, ``GET /api/version``, ``GET /``.

Replies are scripted and consumed in order by the generation endpoints
(chat / completions / generate); when the script is empty the server answers
with ``server.default``.  Every request (any endpoint) is recorded.

Usage::

    with FakeLLMServer() as server:
        server.script(Reply(text="hello"), Reply(status=500))
        llm = OpenAILike(model="test-model", api_base=server.base_url, api_key="sk-test",
                         is_chat_model=True, max_retries=0, timeout=5)
        llm = Ollama(model="test-model", base_url=server.ollama_base_url, request_timeout=5)
        ...
        server.last_chat_messages()   # -> [{"role": "user", "content": ...}, ...]

The server runs as a threaded stdlib ``http.server`` in a background thread, so
sync clients, async clients (any event loop) and other processes (pointed at
``server.base_url``) can all use it.  ``stop()`` returns promptly even while a
request is hanging: hangs and inter-chunk delays wait on an event that ``stop()``
sets, and open keep-alive connections are shut down.
"""

from __future__ import annotations

import contextlib
import json
import re
import socket
import sys
import threading
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

__all__ = [
    "DEFAULT_TEXT",
    "FakeLLMServer",
    "RecordedRequest",
    "Reply",
    "ReplyFn",
    "fake_llm",
]

DEFAULT_TEXT = "This is a fake reply from FakeLLMServer."

# A reply function gets the parsed JSON body of the request and returns the
# completion text (or a full ``Reply``).
ReplyFn = Callable[[dict[str, Any]], "str | Reply"]

CHAT_PATHS = ("/v1/chat/completions", "/api/chat")
GENERATION_PATHS = ("/v1/chat/completions", "/v1/completions", "/api/chat", "/api/generate")

_GARBAGE_JSON = b'{"id": "garbage", "choices": [ <<this is not json>>'
_GARBAGE_SSE = b'data: {"id": "garbage", "choices": [ <<this is not json>>\n\n'
_GARBAGE_NDJSON = b'{"model": "garbage", "message": { <<this is not json>>\n'


@dataclass
class Reply:
    """One scripted answer.

    text
        Completion text, or a callable ``(request_json) -> str``.  ``None`` means
        "use the server's default text".  For ``status != 200`` it is the error
        message put in the API's error body.
    status
        HTTP status.  Non-200 answers carry the API's error JSON
        (OpenAI: ``{"error": {"message", "type", "param", "code"}}``;
        Ollama: ``{"error": "..."}``).
    hang_seconds
        Wait this long before sending anything (status line included), then
        answer normally.  Cut short when the server stops.
    garbage
        ``True``: answer 200 with a body that is not valid JSON for the API
        (truncated JSON, as ``application/json``, SSE or NDJSON depending on
        the request's ``stream`` flag).  ``str``/``bytes``: use that exact body.
    chunk_size
        Streaming only: characters per chunk.  ``None`` = one chunk per word.
    delay_between_chunks
        Streaming only: seconds to sleep between chunks (cut short on stop).
    headers
        Extra response headers, e.g. ``{"retry-after-ms": "10"}`` to make the
        openai client's retries instant.
    finish_reason
        OpenAI ``finish_reason`` / Ollama ``done_reason``.
    model
        Model name to report; default echoes the request's ``model``.
    content_type
        Non-streamed ``garbage`` only: its Content-Type (a proxy's HTML page is ``text/html``).
    """

    text: str | ReplyFn | None = None
    status: int = 200
    hang_seconds: float = 0.0
    garbage: bool | str | bytes = False
    chunk_size: int | None = None
    delay_between_chunks: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)
    finish_reason: str = "stop"
    model: str | None = None
    content_type: str = "application/json; charset=utf-8"


@dataclass
class RecordedRequest:
    """A request the server received (recorded before any hang/answer)."""

    method: str
    path: str  # as sent, without query string, e.g. "/v1/chat/completions"
    query: dict[str, list[str]]
    headers: dict[str, str]  # header names lower-cased
    body: bytes
    json: Any  # parsed body, or None if empty / not JSON
    time: float = 0.0
    route: str = ""  # normalised endpoint ("/chat/completions" is recorded as "/v1/chat/completions")

    @property
    def is_chat(self) -> bool:
        return self.route in CHAT_PATHS

    @property
    def messages(self) -> list[dict[str, Any]] | None:
        return self.json.get("messages") if isinstance(self.json, dict) else None

    @property
    def stream(self) -> bool:
        return _wants_stream(self.route, self.json)

    @property
    def bearer_token(self) -> str | None:
        auth = self.headers.get("authorization", "")
        return auth[len("Bearer ") :] if auth.startswith("Bearer ") else None


def _wants_stream(path: str, body: Any) -> bool:
    body = body if isinstance(body, dict) else {}
    # Ollama streams unless told not to; OpenAI only when asked.
    default = path.startswith("/api/")
    return bool(body.get("stream", default))


def _coerce_reply(item: Reply | str | ReplyFn) -> Reply:
    if isinstance(item, Reply):
        return item
    if isinstance(item, str) or callable(item):
        return Reply(text=item)
    raise TypeError(f"expected Reply, str or callable, got {type(item).__name__}")


def _count_tokens(text: str) -> int:
    return len(text.split())


def _prompt_text(body: dict[str, Any]) -> str:
    parts: list[str] = []
    for msg in body.get("messages") or []:
        content = msg.get("content") if isinstance(msg, dict) else None
        if isinstance(content, str):
            parts.append(content)
        elif isinstance(content, list):
            parts.extend(p.get("text", "") for p in content if isinstance(p, dict))
    prompt = body.get("prompt")
    if isinstance(prompt, str):
        parts.append(prompt)
    elif isinstance(prompt, list):
        parts.extend(p for p in prompt if isinstance(p, str))
    return "\n".join(parts)


def _split(text: str, chunk_size: int | None) -> list[str]:
    if not text:
        return []
    if chunk_size and chunk_size > 0:
        return [text[i : i + chunk_size] for i in range(0, len(text), chunk_size)]
    return re.findall(r"\s*\S+\s*$|\s*\S+", text) or [text]


def _now_rfc3339() -> str:
    return datetime.now(UTC).isoformat().replace("+00:00", "Z")


class _ClientGone(Exception):
    pass


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, addr: tuple[str, int], owner: FakeLLMServer) -> None:
        self.owner = owner
        self._conn_lock = threading.Lock()
        self._conns: set[socket.socket] = set()
        self._conn_threads: set[threading.Thread] = set()
        super().__init__(addr, _Handler)

    def handle_error(self, request: Any, client_address: Any) -> None:
        exc = sys.exc_info()[1]
        if isinstance(exc, OSError | _ClientGone):  # client went away / server stopping
            return
        if exc is not None:
            self.owner._record_error(exc)
        super().handle_error(request, client_address)

    def process_request(self, request: Any, client_address: Any) -> None:
        def run() -> None:
            try:
                self.process_request_thread(request, client_address)
            finally:
                with self._conn_lock:
                    self._conn_threads.discard(threading.current_thread())

        t = threading.Thread(target=run, name="fake-llm-conn", daemon=True)
        with self._conn_lock:
            self._conns.add(request)
            self._conn_threads.add(t)
        t.start()

    def shutdown_request(self, request: Any) -> None:
        with self._conn_lock:
            self._conns.discard(request)
        super().shutdown_request(request)

    def close_all_connections(self, join_timeout: float) -> None:
        with self._conn_lock:
            conns = list(self._conns)
            threads = list(self._conn_threads)
        for conn in conns:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
        deadline = time.monotonic() + join_timeout
        for t in threads:
            t.join(max(0.0, deadline - time.monotonic()))


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "FakeLLM/1.0"
    server: _HTTPServer

    # ------------------------------------------------------------------ plumbing
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - silence stderr
        pass

    @property
    def owner(self) -> FakeLLMServer:
        return self.server.owner

    def _read_body(self) -> bytes:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            out = bytearray()
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return bytes(out)
                out += self.rfile.read(size)
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _write(self, data: bytes) -> None:
        try:
            self.wfile.write(data)
            self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError, OSError) as exc:
            raise _ClientGone from exc

    def _send_body(self, status: int, body: bytes, content_type: str, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self._write(body)

    def _send_json(self, status: int, obj: Any, headers: dict[str, str] | None = None) -> None:
        self._send_body(status, json.dumps(obj).encode(), "application/json; charset=utf-8", headers)

    def _start_stream(self, content_type: str, headers: dict[str, str] | None = None) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Transfer-Encoding", "chunked")
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        try:
            self.wfile.flush()
        except OSError as exc:
            raise _ClientGone from exc

    def _stream_chunk(self, data: bytes) -> None:
        if data:
            self._write(b"%x\r\n%s\r\n" % (len(data), data))

    def _end_stream(self) -> None:
        self._write(b"0\r\n\r\n")

    def _sleep(self, seconds: float) -> bool:
        """Sleep; False if the server is stopping (caller should bail out)."""
        if seconds > 0:
            self.owner._stopping.wait(seconds)
        return not self.owner._stopping.is_set()

    # ------------------------------------------------------------------ dispatch
    def do_GET(self) -> None:
        self._dispatch()

    def do_POST(self) -> None:
        self._dispatch()

    def do_HEAD(self) -> None:
        self._dispatch()

    def do_DELETE(self) -> None:
        self._dispatch()

    def _dispatch(self) -> None:
        split = urlsplit(self.path)
        path = split.path.rstrip("/") or "/"
        raw = self._read_body()
        try:
            parsed = json.loads(raw) if raw else None
        except ValueError:
            parsed = None
        # Accept OpenAI paths with or without the /v1 prefix.
        route = path if path.startswith("/api/") or path == "/" else "/v1" + path.removeprefix("/v1")
        self.owner._record(
            RecordedRequest(
                method=self.command,
                path=path,
                query=parse_qs(split.query),
                headers={k.lower(): v for k, v in self.headers.items()},
                body=raw,
                json=parsed,
                time=time.time(),
                route=route,
            )
        )
        body = parsed if isinstance(parsed, dict) else {}
        try:
            self._route(self.command, route, body)
        except _ClientGone:
            self.close_connection = True

    def _route(self, method: str, route: str, body: dict[str, Any]) -> None:
        if method == "POST" and route in GENERATION_PATHS:
            self._generate(route, body)
        elif method == "GET" and route == "/v1/models":
            self._send_json(200, self.owner._openai_models())
        elif method == "GET" and route == "/api/tags":
            self._send_json(200, self.owner._ollama_tags())
        elif method == "POST" and route == "/api/show" and self.owner.show_status != 200:
            self._send_json(self.owner.show_status, {"error": self.owner.show_error})
        elif method == "POST" and route == "/api/show":
            self._send_json(200, self.owner._ollama_show(body.get("model") or body.get("name")))
        elif method == "GET" and route == "/api/version":
            self._send_json(200, {"version": "0.6.3-fake"})
        elif method == "GET" and route == "/api/ps":
            self._send_json(200, {"models": []})
        elif method in ("GET", "HEAD") and route == "/":
            self._send_body(200, b"Ollama is running", "text/plain; charset=utf-8")
        else:
            self._send_json(404, {"error": f"fake_llm: no route for {method} {self.path}"})

    # ------------------------------------------------------------------ generation
    def _generate(self, route: str, body: dict[str, Any]) -> None:
        owner = self.owner
        reply = owner._next_reply()
        is_ollama = route.startswith("/api/")
        stream = _wants_stream(route, body)

        if not self._sleep(reply.hang_seconds):
            self.close_connection = True
            return

        if reply.text is None and reply.status == 200 and reply.garbage is False:
            default_text = owner.default.text
            reply = replace(reply, text=default_text if default_text is not None else DEFAULT_TEXT)

        if callable(reply.text):
            # A callable may return the text or a whole Reply.
            try:
                produced = reply.text(body)
            except Exception as exc:  # surfaced to the test via server.errors
                owner._record_error(exc)
                msg = f"fake_llm reply callable raised {type(exc).__name__}: {exc}"
                return self._send_error(500, msg, is_ollama, reply.headers)
            if isinstance(produced, Reply):
                reply = produced
                if callable(reply.text):
                    reply = replace(reply, text=str(reply.text(body)))
                if not self._sleep(reply.hang_seconds):
                    self.close_connection = True
                    return
            else:
                reply = replace(reply, text=str(produced))

        if reply.status != 200:
            text = reply.text if isinstance(reply.text, str) else None
            msg = text or f"fake_llm scripted error (status {reply.status})"
            return self._send_error(reply.status, msg, is_ollama, reply.headers)

        if reply.garbage is not False:
            return self._send_garbage(reply, is_ollama, stream)

        text = reply.text if isinstance(reply.text, str) else DEFAULT_TEXT
        model = reply.model or body.get("model") or owner.model
        prompt_tokens = _count_tokens(_prompt_text(body))
        if route == "/v1/chat/completions":
            self._openai_chat(reply, text, model, body, stream, prompt_tokens)
        elif route == "/v1/completions":
            self._openai_completion(reply, text, model, body, stream, prompt_tokens)
        else:
            self._ollama(route, reply, text, model, stream, prompt_tokens)

    def _send_error(self, status: int, msg: str, is_ollama: bool, headers: dict[str, str]) -> None:
        if is_ollama:
            payload: dict[str, Any] = {"error": msg}
        else:
            err_type = "server_error" if status >= 500 else "invalid_request_error"
            payload = {"error": {"message": msg, "type": err_type, "param": None, "code": None}}
        self._send_json(status, payload, headers)

    def _send_garbage(self, reply: Reply, is_ollama: bool, stream: bool) -> None:
        custom = reply.garbage if not isinstance(reply.garbage, bool) else None
        if isinstance(custom, str):
            custom = custom.encode()
        if not stream:
            self._send_body(200, custom or _GARBAGE_JSON, reply.content_type, reply.headers)
            return
        if is_ollama:
            self._start_stream("application/x-ndjson", reply.headers)
            self._stream_chunk(custom or _GARBAGE_NDJSON)
        else:
            self._start_stream("text/event-stream; charset=utf-8", reply.headers)
            self._stream_chunk(custom or _GARBAGE_SSE)
            self._stream_chunk(b"data: [DONE]\n\n")
        self._end_stream()

    def _pieces(self, reply: Reply, text: str) -> Iterator[str]:
        for i, piece in enumerate(_split(text, reply.chunk_size)):
            if i and not self._sleep(reply.delay_between_chunks):
                raise _ClientGone("server stopping")
            yield piece

    # -- OpenAI
    def _openai_chat(
        self, reply: Reply, text: str, model: str, body: dict[str, Any], stream: bool, prompt_tokens: int
    ) -> None:
        owner = self.owner
        cid = f"chatcmpl-fake{owner._next_id()}"
        created = int(time.time())
        completion_tokens = _count_tokens(text)
        usage = {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
        }
        if not stream:
            self._send_json(
                200,
                {
                    "id": cid,
                    "object": "chat.completion",
                    "created": created,
                    "model": model,
                    "system_fingerprint": "fp_fake",
                    "choices": [
                        {
                            "index": 0,
                            "message": {"role": "assistant", "content": text, "refusal": None},
                            "logprobs": None,
                            "finish_reason": reply.finish_reason,
                        }
                    ],
                    "usage": usage,
                },
                reply.headers,
            )
            return

        include_usage = bool((body.get("stream_options") or {}).get("include_usage"))

        def event(delta: dict[str, Any], finish: str | None) -> bytes:
            chunk: dict[str, Any] = {
                "id": cid,
                "object": "chat.completion.chunk",
                "created": created,
                "model": model,
                "system_fingerprint": "fp_fake",
                "choices": [{"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish}],
            }
            if include_usage:
                chunk["usage"] = None
            return b"data: " + json.dumps(chunk).encode() + b"\n\n"

        self._start_stream("text/event-stream; charset=utf-8", reply.headers)
        self._stream_chunk(event({"role": "assistant", "content": ""}, None))
        for piece in self._pieces(reply, text):
            self._stream_chunk(event({"content": piece}, None))
        self._stream_chunk(event({}, reply.finish_reason))
        if include_usage:
            final = {
                "id": cid,
                "object": "chat.completion.chunk",
                "created": created,
                "model": model,
                "system_fingerprint": "fp_fake",
                "choices": [],
                "usage": usage,
            }
            self._stream_chunk(b"data: " + json.dumps(final).encode() + b"\n\n")
        self._stream_chunk(b"data: [DONE]\n\n")
        self._end_stream()

    def _openai_completion(
        self, reply: Reply, text: str, model: str, body: dict[str, Any], stream: bool, prompt_tokens: int
    ) -> None:
        cid = f"cmpl-fake{self.owner._next_id()}"
        created = int(time.time())
        completion_tokens = _count_tokens(text)
        usage = {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
        }

        def obj(piece: str, finish: str | None) -> dict[str, Any]:
            return {
                "id": cid,
                "object": "text_completion",
                "created": created,
                "model": model,
                "choices": [{"text": piece, "index": 0, "logprobs": None, "finish_reason": finish}],
            }

        if not stream:
            self._send_json(200, {**obj(text, reply.finish_reason), "usage": usage}, reply.headers)
            return
        self._start_stream("text/event-stream; charset=utf-8", reply.headers)
        for piece in self._pieces(reply, text):
            self._stream_chunk(b"data: " + json.dumps(obj(piece, None)).encode() + b"\n\n")
        self._stream_chunk(b"data: " + json.dumps(obj("", reply.finish_reason)).encode() + b"\n\n")
        self._stream_chunk(b"data: [DONE]\n\n")
        self._end_stream()

    # -- Ollama
    def _ollama(self, route: str, reply: Reply, text: str, model: str, stream: bool, prompt_tokens: int) -> None:
        is_chat = route == "/api/chat"

        def part(content: str) -> dict[str, Any]:
            base: dict[str, Any] = {"model": model, "created_at": _now_rfc3339()}
            if is_chat:
                base["message"] = {"role": "assistant", "content": content}
            else:
                base["response"] = content
            return base

        eval_count = max(1, _count_tokens(text))
        final_stats: dict[str, Any] = {
            "done": True,
            "done_reason": reply.finish_reason,
            "total_duration": 123_456_789,
            "load_duration": 1_234_567,
            "prompt_eval_count": prompt_tokens,
            "prompt_eval_duration": 12_345_678,
            "eval_count": eval_count,
            "eval_duration": 98_765_432,
        }
        if not is_chat:
            final_stats["context"] = [1, 2, 3]

        if not stream:
            self._send_json(200, {**part(text), **final_stats}, reply.headers)
            return
        self._start_stream("application/x-ndjson", reply.headers)
        for piece in self._pieces(reply, text):
            self._stream_chunk(json.dumps({**part(piece), "done": False}).encode() + b"\n")
        self._stream_chunk(json.dumps({**part(""), **final_stats}).encode() + b"\n")
        self._end_stream()


class FakeLLMServer:
    """Scripted OpenAI- and Ollama-compatible HTTP server (see module docstring).

    Parameters
    ----------
    default
        Answer used when the script is empty (``Reply``, text, or callable).
    model
        Model name listed by ``/v1/models`` and ``/api/tags``.
    context_length
        Reported by ``/api/show`` as ``<family>.context_length`` (llama-index's
        Ollama reads it to set ``context_window`` / ``num_ctx``).
    host, port
        Bind address; port 0 picks a free ephemeral port.
    """

    def __init__(
        self,
        default: Reply | str | ReplyFn = DEFAULT_TEXT,
        *,
        model: str = "test-model",
        context_length: int = 8192,
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        self.default: Reply = _coerce_reply(default)
        self.model = model
        self.context_length = context_length
        self.show_status = 200  # what /api/show answers with: another status fails it …
        self.show_error = "show failed"  # … with this error
        self._host = host
        self._port = port
        self._lock = threading.Lock()
        self._new_request = threading.Condition(self._lock)
        self._queue: deque[Reply] = deque()
        self._requests: list[RecordedRequest] = []
        self._errors: list[BaseException] = []
        self._ids = 0
        self._stopping = threading.Event()
        self._httpd: _HTTPServer | None = None
        self._thread: threading.Thread | None = None

    # ------------------------------------------------------------------ lifecycle
    def start(self) -> FakeLLMServer:
        if self._httpd is not None:
            raise RuntimeError("FakeLLMServer already started")
        self._stopping.clear()
        self._httpd = _HTTPServer((self._host, self._port), self)
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, name="fake-llm", daemon=True
        )
        self._thread.start()
        return self

    def stop(self, timeout: float = 5.0) -> None:
        """Stop serving; wakes hanging handlers and closes open connections."""
        httpd, self._httpd = self._httpd, None
        if httpd is None:
            return
        self._stopping.set()
        httpd.shutdown()
        httpd.close_all_connections(join_timeout=timeout)
        httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def __enter__(self) -> FakeLLMServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # ------------------------------------------------------------------ addresses
    @property
    def port(self) -> int:
        if self._httpd is None:
            raise RuntimeError("FakeLLMServer is not running")
        return int(self._httpd.server_address[1])

    @property
    def url(self) -> str:
        """Root URL, e.g. ``http://127.0.0.1:PORT`` (no trailing slash)."""
        return f"http://{self._host}:{self.port}"

    @property
    def base_url(self) -> str:
        """OpenAI-style base URL: ``http://127.0.0.1:PORT/v1`` (for ``api_base=``)."""
        return self.url + "/v1"

    openai_base_url = base_url

    @property
    def ollama_base_url(self) -> str:
        """Ollama base URL: ``http://127.0.0.1:PORT`` (for ``base_url=``)."""
        return self.url

    # ------------------------------------------------------------------ scripting
    def script(self, *replies: Reply | str | ReplyFn) -> FakeLLMServer:
        """Append replies to the queue (consumed one per generation request)."""
        coerced = [_coerce_reply(r) for r in replies]
        with self._lock:
            self._queue.extend(coerced)
        return self

    @property
    def pending(self) -> int:
        """Number of scripted replies not consumed yet."""
        with self._lock:
            return len(self._queue)

    def reset(self) -> None:
        """Forget scripted replies, recorded requests and errors."""
        with self._lock:
            self._queue.clear()
            self._requests.clear()
            self._errors.clear()

    # ------------------------------------------------------------------ inspection
    @property
    def requests(self) -> list[RecordedRequest]:
        """Snapshot of all requests received so far, oldest first."""
        with self._lock:
            return list(self._requests)

    @property
    def chat_requests(self) -> list[RecordedRequest]:
        """Requests to /v1/chat/completions or /api/chat."""
        return [r for r in self.requests if r.is_chat]

    @property
    def generation_requests(self) -> list[RecordedRequest]:
        """Requests that consumed a reply (chat, completions, generate)."""
        return [r for r in self.requests if r.method == "POST" and r.route in GENERATION_PATHS]

    @property
    def errors(self) -> list[BaseException]:
        """Exceptions raised by reply callables (each also answered with a 500)."""
        with self._lock:
            return list(self._errors)

    def last_chat_request(self) -> RecordedRequest:
        chats = self.chat_requests
        if not chats:
            raise LookupError("FakeLLMServer has not received any chat request")
        return chats[-1]

    def last_chat_messages(self) -> list[dict[str, Any]]:
        """``messages`` of the most recent chat request (LookupError if none)."""
        return list(self.last_chat_request().json.get("messages") or [])

    def wait_for_requests(self, count: int, timeout: float = 5.0, *, path: str | None = None) -> bool:
        """Block until at least ``count`` requests (optionally to ``path``) arrived."""

        def enough() -> bool:
            return sum(1 for r in self._requests if path in (None, r.path, r.route)) >= count

        with self._new_request:
            return self._new_request.wait_for(enough, timeout)

    # ------------------------------------------------------------------ internals
    def _record(self, req: RecordedRequest) -> None:
        with self._new_request:
            self._requests.append(req)
            self._new_request.notify_all()

    def _next_reply(self) -> Reply:
        with self._lock:
            return self._queue.popleft() if self._queue else self.default

    def _next_id(self) -> int:
        with self._lock:
            self._ids += 1
            return self._ids

    def _record_error(self, exc: BaseException) -> None:
        with self._lock:
            self._errors.append(exc)

    def _openai_models(self) -> dict[str, Any]:
        return {
            "object": "list",
            "data": [{"id": self.model, "object": "model", "created": 1700000000, "owned_by": "fake-llm"}],
        }

    def _ollama_tags(self) -> dict[str, Any]:
        name = self.model if ":" in self.model else self.model + ":latest"
        return {
            "models": [
                {
                    "name": name,
                    "model": name,
                    "modified_at": "2024-01-01T00:00:00Z",
                    "size": 4_661_224_676,
                    "digest": uuid.uuid5(uuid.NAMESPACE_DNS, name).hex * 2,
                    "details": self._ollama_details(),
                }
            ]
        }

    @staticmethod
    def _ollama_details() -> dict[str, Any]:
        return {
            "parent_model": "",
            "format": "gguf",
            "family": "llama",
            "families": ["llama"],
            "parameter_size": "8.0B",
            "quantization_level": "Q4_0",
        }

    def _ollama_show(self, model: str | None) -> dict[str, Any]:
        return {
            "license": "fake license",
            "modelfile": f"# Modelfile generated by fake_llm\nFROM {model or self.model}\n",
            "parameters": 'stop "<|eot_id|>"',
            "template": "{{ .Prompt }}",
            "details": self._ollama_details(),
            "model_info": {
                "general.architecture": "llama",
                "general.basename": model or self.model,
                "general.parameter_count": 8_030_261_248,
                "llama.context_length": self.context_length,
                "llama.embedding_length": 4096,
                "llama.block_count": 32,
            },
            "capabilities": ["completion"],
            "modified_at": "2024-01-01T00:00:00Z",
        }


try:  # optional pytest fixture; import it into a conftest / test module to use it
    import pytest as _pytest
except ImportError:  # pragma: no cover
    pass
else:

    @_pytest.fixture
    def fake_llm() -> Iterator[FakeLLMServer]:
        """A running ``FakeLLMServer``, stopped after the test."""
        with FakeLLMServer() as server:
            yield server
