"""Council document text → ParsedDocument (kind, reference, title, submitters, questions …). Pure.

The one exception is `parse_pdf_file`, the entry point of `ratsbot parse` and of the ParserPool
workers: it reads the file it is given through fetcher.pdf and never raises.

Modules, in reading order: text (cleaning, lines, sentences), kind (label and wording), fields
(labelled header values), header (reference, status, title), submitters, consultations
(Beratungsfolge), markers + wording + questions (list scoring), answers, summary (+ summary_edges:
what borders the justification in text of any shape), hints (OParl
metadata over the PDF), document (assembly and the human rendering).
"""

from fetcher.parse.document import format_parsed, parse_pages, parse_pdf_file, parse_text
from fetcher.parse.hints import PaperHints, apply_hints, disagreements
from fetcher.parse.summary import SUMMARY_MAX_CHARS, summarise
from fetcher.parse.text import clean_lines, join_lines, sentences

__all__ = [
    "SUMMARY_MAX_CHARS",
    "PaperHints",
    "apply_hints",
    "clean_lines",
    "disagreements",
    "format_parsed",
    "join_lines",
    "parse_pages",
    "parse_pdf_file",
    "parse_text",
    "sentences",
    "summarise",
]
