"""The switchable faults of the local OParl server: what real servers do wrong. Pure data."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Faults:
    """Switchable misbehaviour; every field defaults to "behave"."""

    fail_next: int = 0  # answer the next N requests (matching fail_path_prefix) with fail_status
    fail_status: int = 500
    fail_path_prefix: str = ""
    retry_after: str | None = None  # Retry-After header sent with fail_status
    latency_s: float = 0.0  # added to every request (the bench uses 0.05)
    hang_next: int = 0  # the next N requests sleep hang_s before answering (client timeouts)
    hang_s: float = 5.0
    truncate_next: int = 0  # the next N JSON answers are cut in half (HTTP 200)
    pagination_loop: bool = False  # page 2's next points back to page 1
    same_page_everywhere: bool = False  # OWL-IT: every ?page=n serves page 1, next says n+1
    ignore_modified_since: bool = False  # more! rubin: filters ignored and dropped from links
    drop_filters_from_next: bool = False  # ALLRIS 4 / Somacos: links.next loses the filters
    pdf_html_error: bool = False  # file URLs answer an HTML error page with HTTP 200
    empty_filtered: str | None = None  # "404" (Sternberg code 802) or "bare" ([]) if empty
    control_characters: bool = False  # raw U+000B inside paper names (ALLRIS net)
    error_object_200: bool = False  # unknown paths: 1.0 Error object with HTTP 200 (more! rubin)
    html_200_lists: bool = False  # list URLs answer an HTML page with HTTP 200 (Aachen)
    dead_prefixes: dict[str, int] = field(default_factory=dict)  # path prefix → status forever
    # Past its real end the paper list goes on forever: every further page holds brand-new
    # papers and a `next`, while pagination keeps the real counts (issue #18's runaway list).
    endless_list: bool = False


# ---------------------------------------------------------------------------------------------
# The server
# ---------------------------------------------------------------------------------------------
