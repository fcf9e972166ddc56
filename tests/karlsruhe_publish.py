"""Test helper: the real Karlsruhe inquiry 2026/0297 and its answer, published anew."""

from standins.karlsruhe_publish import publish_answer, publish_inquiry

__all__ = ["publish_answer", "publish_inquiry"]
