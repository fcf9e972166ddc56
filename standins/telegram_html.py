"""Telegram's HTML parse mode as the server applies it: text → (visible text, entities). Pure.

A port of TDLib's `parse_html` (td/telegram/MessageEntity.cpp), which the Bot API uses for
`parse_mode=HTML`: the same supported tags, the same entity decoding (only &lt; &gt; &amp; &quot;
and numeric references, the `;` optional) and the same error texts, prefixed by the Bot API with
"Bad Request: can't parse entities: ". Offsets in entities are UTF-16 code units, as in the API.

One deliberate difference: with `strict_ampersand=True` (the default) a `&` that does not start a
supported entity is an error. Telegram shows it literally, but for Ratsbot it always means a value
went out unescaped (and `&nbsp;` would be shown as six characters), so the stand-in refuses it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

MAX_TEXT_LENGTH = 4096

_SUPPORTED_TAGS = frozenset(
    {
        "a", "b", "strong", "i", "em", "s", "strike", "del", "u", "ins",
        "tg-spoiler", "tg-emoji", "span", "pre", "code", "blockquote",
    }
)  # fmt: skip
_ENTITY_TYPE = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "u": "underline",
    "ins": "underline",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
    "pre": "pre",
    "code": "code",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_PLAIN = re.compile(r"[^&<]*")  # a run of visible text: up to the next entity or tag


class HTMLParseError(ValueError):
    """Raised when Telegram would answer 400 "can't parse entities" for a text."""


@dataclass(frozen=True)
class ParsedText:
    """The visible text Telegram stores for a message and its entities (UTF-16 offsets)."""

    text: str
    entities: tuple[dict[str, Any], ...]

    @property
    def length(self) -> int:
        """Return the length Telegram checks against its 4096 limit (UTF-16 code units)."""
        return utf16_len(self.text)


def utf16_len(text: str) -> int:
    """Return the length of `text` in UTF-16 code units (how the Bot API counts offsets)."""
    return len(text.encode("utf-16-le")) // 2


def _byte_offset(text: str, index: int) -> int:
    return len(text[:index].encode("utf-8"))


def _decode_entity(src: str, pos: int) -> tuple[str, int] | None:
    """Decode the HTML entity at src[pos] == '&'; return (character, next position) or None."""
    end = pos + 1
    if end < len(src) and src[end] == "#":
        end += 1
        value = 0
        if end < len(src) and src[end] == "x":
            end += 1
            start = end
            while end < len(src) and src[end] in "0123456789abcdefABCDEF":
                value = value * 16 + int(src[end], 16)
                end += 1
                if value >= 0x10FFFF:
                    return None
        else:
            start = end
            while end < len(src) and src[end].isascii() and src[end].isdigit():
                value = value * 10 + int(src[end])
                end += 1
                if value >= 0x10FFFF:
                    return None
        if end == start or value == 0 or 0xD800 <= value <= 0xDFFF:
            return None
        char = chr(value)
    else:
        while end < len(src) and src[end].isascii() and src[end].isalpha():
            end += 1
        name = src[pos + 1 : end]
        if name not in _NAMED:
            return None
        char = _NAMED[name]
    if end < len(src) and src[end] == ";":
        end += 1
    return char, end


@dataclass
class _Open:
    tag: str
    argument: str
    offset: int  # UTF-16 offset in the visible text


def parse_html(src: str, *, strict_ampersand: bool = True) -> ParsedText:
    """Parse `src` like Telegram's HTML parse mode; raise HTMLParseError where Telegram would."""
    out: list[str] = []
    out_len = 0  # UTF-16 units written so far
    entities: list[dict[str, Any]] = []
    stack: list[_Open] = []
    i = 0
    n = len(src)

    def at(k: int) -> str:
        return src[k] if k < n else "\0"

    while i < n:
        c = src[i]
        if c == "&":
            decoded = _decode_entity(src, i)
            if decoded is not None:
                char, i = decoded
                out.append(char)
                out_len += utf16_len(char)
                continue
            if strict_ampersand:
                raise HTMLParseError(
                    f'Unescaped "&" at byte offset {_byte_offset(src, i)} '
                    "(Telegram would show it literally; escape it as &amp;)"
                )
        if c != "<":
            # A literal '&' (not strict), else the whole run of text up to the next '&' or '<'.
            plain = _PLAIN.match(src, i) if c != "&" else None
            end = plain.end() if plain else i + 1
            chunk = src[i:end]
            out.append(chunk)
            out_len += utf16_len(chunk)
            i = end
            continue

        begin = i
        i += 1
        if at(i) != "/":
            name_begin = i
            while i < n and not at(i).isspace() and at(i) != ">":
                i += 1
            if i >= n:
                raise HTMLParseError(
                    f"Unclosed start tag at byte offset {_byte_offset(src, begin)}"
                )
            tag = src[name_begin:i].lower()
            if tag not in _SUPPORTED_TAGS:
                raise HTMLParseError(
                    f'Unsupported start tag "{tag}" at byte offset {_byte_offset(src, begin)}'
                )
            argument = ""
            while at(i) != ">":
                while i < n and at(i).isspace():
                    i += 1
                if at(i) == ">":
                    break
                attr_begin = i
                while i < n and not at(i).isspace() and at(i) not in "=>":
                    i += 1
                attr = src[attr_begin:i].lower()
                if not attr:
                    raise HTMLParseError(
                        f'Empty attribute name in the tag "{tag}" at byte offset '
                        f"{_byte_offset(src, begin)}"
                    )
                while i < n and at(i).isspace():
                    i += 1
                if at(i) != "=":
                    if tag == "blockquote" and attr == "expandable":
                        argument = "expandable"
                        continue
                    raise HTMLParseError(
                        "Expected equal sign in declaration of an attribute of the tag "
                        f'"{tag}" at byte offset {_byte_offset(src, begin)}'
                    )
                i += 1
                while i < n and at(i).isspace():
                    i += 1
                if i >= n:
                    raise HTMLParseError(
                        f"Unclosed start tag at byte offset {_byte_offset(src, begin)}"
                    )
                value_chars: list[str] = []
                if at(i) not in "'\"":
                    token_begin = i
                    while i < n and (at(i).isalnum() or at(i) in ".-"):
                        i += 1
                    value_chars.append(src[token_begin:i].lower())
                    if not at(i).isspace() and at(i) != ">":
                        raise HTMLParseError(
                            "Unexpected end of name token at byte offset "
                            f"{_byte_offset(src, token_begin)}"
                        )
                else:
                    quote = src[i]
                    i += 1
                    while i < n and src[i] != quote:
                        if src[i] == "&":
                            decoded = _decode_entity(src, i)
                            if decoded is not None:
                                value_chars.append(decoded[0])
                                i = decoded[1]
                                continue
                            if strict_ampersand:
                                raise HTMLParseError(
                                    f'Unescaped "&" at byte offset {_byte_offset(src, i)} '
                                    "(Telegram would show it literally; escape it as &amp;)"
                                )
                        value_chars.append(src[i])
                        i += 1
                    if at(i) == quote:
                        i += 1
                if i >= n:
                    raise HTMLParseError(
                        f"Unclosed start tag at byte offset {_byte_offset(src, begin)}"
                    )
                value = "".join(value_chars)
                if (
                    (tag == "a" and attr == "href")
                    or (tag == "code" and attr == "class" and value.startswith("language-"))
                    or (tag == "tg-emoji" and attr == "emoji-id")
                ):
                    argument = value.removeprefix("language-") if tag == "code" else value
                elif tag == "span" and attr == "class" and value.startswith("tg-"):
                    argument = value[3:]
            if tag == "span" and argument != "spoiler":
                raise HTMLParseError(
                    f'Tag "span" must have class "tg-spoiler" at byte offset '
                    f"{_byte_offset(src, begin)}"
                )
            stack.append(_Open(tag, argument, out_len))
            i += 1  # skip '>'
            continue

        # end tag
        if not stack:
            raise HTMLParseError(f"Unexpected end tag at byte offset {_byte_offset(src, begin)}")
        i += 1
        name_begin = i
        while i < n and not at(i).isspace() and at(i) != ">":
            i += 1
        end_name = src[name_begin:i].lower()
        while i < n and at(i).isspace():
            i += 1
        if at(i) != ">":
            raise HTMLParseError(f"Unclosed end tag at byte offset {_byte_offset(src, begin)}")
        i += 1
        opened = stack.pop()
        if end_name and end_name != opened.tag:
            raise HTMLParseError(
                f"Unmatched end tag at byte offset {_byte_offset(src, begin)}, "
                f'expected "</{opened.tag}>", found "</{end_name}>"'
            )
        length = out_len - opened.offset
        if length == 0:
            continue
        entity: dict[str, Any] = {
            "type": _ENTITY_TYPE.get(opened.tag, "text_link"),
            "offset": opened.offset,
            "length": length,
        }
        if opened.tag == "a":
            entity["url"] = opened.argument
        elif opened.tag == "code" and opened.argument:
            entity["language"] = opened.argument
        elif opened.tag == "tg-emoji":
            entity["custom_emoji_id"] = opened.argument
        elif opened.tag == "blockquote" and opened.argument == "expandable":
            entity["type"] = "expandable_blockquote"
        entities.append(entity)

    if stack:
        raise HTMLParseError(f'Can\'t find end tag corresponding to start tag "{stack[-1].tag}"')
    return _strip("".join(out), entities)


def _strip(text: str, entities: list[dict[str, Any]]) -> ParsedText:
    """Drop leading and trailing whitespace as Telegram does, clipping entities to the rest."""
    stripped = text.strip()
    if not stripped:
        return ParsedText("", ())
    lead = utf16_len(text[: len(text) - len(text.lstrip())])
    total = utf16_len(stripped)
    kept: list[dict[str, Any]] = []
    for entity in entities:
        start = max(entity["offset"] - lead, 0)
        end = min(entity["offset"] + entity["length"] - lead, total)
        if end > start:
            kept.append({**entity, "offset": start, "length": end - start})
    kept.sort(key=lambda e: (e["offset"], -e["length"]))
    return ParsedText(stripped, tuple(kept))


def plain_text(text: str) -> ParsedText:
    """Return the stored form of a text sent without parse mode (whitespace stripped only)."""
    return _strip(text, [])
