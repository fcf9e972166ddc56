"""Local OParl server for tests, the bench and the demo: real fixture data, switchable faults. I/O.

Serves one dataset from ../shared/fixtures/oparl (karlsruhe, huertgenwald, augsburg,
leipzig-allris-net: standins.oparl_datasets) on 127.0.0.1 with correct pagination, filters,
ordering, PDFs (standins.oparl_files) and the faults real servers show (OPARL-NOTES.md §5.7).

Use as `async with OParlServer("karlsruhe") as server: …` (port 0) or standalone for the demo:
`python -m standins.oparl_server --dataset karlsruhe --port 8081 [--latency-ms 50]`. Standalone,
`POST /_admin/papers` (JSON paper, optional "pdf_text") publishes a new paper,
`POST /_admin/faults` (JSON fields of Faults) switches faults, `GET /_admin/requests` counts.

All ids are stored with the placeholder origin TOKEN and rewritten to the live base URL on output.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import copy
import json
from collections import Counter
from dataclasses import fields
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

from aiohttp import web

from standins.fixtures import OPARL_FIXTURES
from standins.oparl_datasets import LOADERS, TOKEN, Json, ListSpec, load_dataset, path_of
from standins.oparl_faults import Faults
from standins.oparl_files import pdf_bytes, render_pdf, store_raw
from standins.oparl_pages import FILTERS, list_page, now_iso, sort_key

__all__ = ["LOCAL_NETWORKS", "TOKEN", "Faults", "OParlServer"]

# What a client must allow (HTTP_ALLOW_NETWORKS) to talk to this server on 127.0.0.1: loopback
# is refused by default (fetcher.netguard).
LOCAL_NETWORKS = "127.0.0.0/8,::1/128"


class OParlServer:
    """A local OParl server on 127.0.0.1 serving one dataset; see the module docstring."""

    def __init__(
        self,
        dataset: str = "karlsruhe",
        *,
        newest_first: bool | None = None,
        page_size: int | None = None,
        faults: Faults | None = None,
        ris_prefix: bool = False,
        host: str = "127.0.0.1",
        port: int = 0,
        fixtures: Path = OPARL_FIXTURES,
    ) -> None:
        self.data = load_dataset(dataset, fixtures)
        self.newest_first = self.data.newest_first if newest_first is None else newest_first
        self.page_size = page_size or self.data.page_size
        self.faults = faults or Faults(empty_filtered=self.data.empty_filtered)
        # Karlsruhe: ids say /oparl/ but only /ris/oparl/ answers (OPARL-NOTES.md §4.4).
        self.ris_prefix = ris_prefix
        self.host = host
        self.port = port
        self.requests: Counter[str] = Counter()
        self.request_log: list[str] = []
        self.base_url = ""
        self._runner: web.AppRunner | None = None
        self._next_number = 900000

    # -- lifecycle --------------------------------------------------------------------------

    async def __aenter__(self) -> OParlServer:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def start(self) -> None:
        """Bind and serve; `base_url` is set afterwards."""
        app = web.Application()
        app.router.add_route("*", "/_admin/{what}", self._admin)
        app.router.add_route("GET", "/{tail:.*}", self._handle)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.1)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        await site.start()
        self.port = self._runner.addresses[0][1]
        self.base_url = f"http://{self.host}:{self.port}"

    async def close(self) -> None:
        """Stop serving."""
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    # -- URLs and counters ------------------------------------------------------------------

    def url(self, path: str) -> str:
        """Return the live URL of a path (as clients should request it)."""
        prefix = "/ris" if self.ris_prefix else ""
        return f"{self.base_url}{prefix}{path}"

    @property
    def system_url(self) -> str:
        """Return the System URL of the dataset."""
        return self.url(self.data.system_path)

    @property
    def paper_list_url(self) -> str:
        """Return the id of the Body's paper list (as the Body object states it)."""
        return f"{self.base_url}{self.data.paper_list}" + self._base_query(self.data.paper_list)

    @property
    def meeting_list_url(self) -> str:
        """Return the id of the Body's meeting list."""
        return f"{self.base_url}{self.data.meeting_list}" + self._base_query(self.data.meeting_list)

    def _base_query(self, list_path: str) -> str:
        spec = self.data.lists.get(list_path)
        return f"?{spec.base_query}" if spec and spec.base_query else ""

    def reset_counts(self) -> None:
        """Forget the request counters."""
        self.requests.clear()
        self.request_log.clear()

    def request_total(self, path_prefix: str = "") -> int:
        """Return how many requests hit paths starting with `path_prefix`."""
        return sum(n for path, n in self.requests.items() if path.startswith(path_prefix))

    def to_live(self, obj: Any) -> Any:
        """Return an object as served (placeholder origin replaced by the live base URL)."""
        return json.loads(json.dumps(obj, ensure_ascii=False).replace(TOKEN, self.base_url))

    # -- runtime changes --------------------------------------------------------------------

    def paper_ids(self) -> list[str]:
        """Return the live ids of all papers (including tombstones), in list order."""
        spec = self.data.lists[self.data.paper_list]
        return [self.base_url + key for key in self._ordered(spec)]

    def add_paper(self, obj: Json, pdf_bytes: bytes | None = None) -> Json:
        """Publish a new paper (newest: created/modified = now); return it as served.

        With `pdf_bytes` the paper gets a file whose accessUrl serves exactly those bytes.
        """
        paper = json.loads(json.dumps(obj, ensure_ascii=False).replace(self.base_url, TOKEN))
        self._next_number += 1
        number = self._next_number
        sep = "&" if "?" in self.data.paper_list else "/"
        paper.setdefault("id", f"{TOKEN}{self.data.paper_list}{sep}{number}")
        paper.setdefault("type", "https://schema.oparl.org/1.1/Paper")
        paper.setdefault("body", f"{TOKEN}{self.data.body_path}")
        now = now_iso()
        paper.setdefault("created", now)
        paper.setdefault("modified", now)
        paper.setdefault("date", now[:10])
        if pdf_bytes is not None:
            file_id = str(number)
            access = f"{self.data.body_path}/downloadfiles/a/{number:08d}.pdf"
            paper.setdefault("auxiliaryFile", []).insert(
                0,
                {
                    "id": f"{TOKEN}{self.data.body_path}/files/{file_id}",
                    "type": "https://schema.oparl.org/1.1/File",
                    "name": str(paper.get("paperType") or "Dokument"),
                    "fileName": f"{number:08d}.pdf",
                    "mimeType": "application/pdf",
                    "accessUrl": f"{TOKEN}{access}",
                    "created": now,
                    "modified": now,
                },
            )
            self.data.files[access] = file_id
            self.data.file_texts[file_id] = store_raw(file_id, pdf_bytes)
        key = path_of(paper["id"])
        self.data.objects[key] = paper
        self.data.lists[self.data.paper_list].keys.append(key)
        return self.to_live(paper)  # type: ignore[no-any-return]

    def add_raw_paper(self, obj: Json) -> None:
        """Put an object into the paper list exactly as given, even without a usable id.

        For poison-record tests: missing or non-string ids, duplicates of a real paper's id,
        over-long fields. The object is served with the placeholder origin rewritten.
        """
        self._next_number += 1
        key = f"/_raw/{self._next_number}"
        self.data.objects[key] = copy.deepcopy(obj)
        self.data.lists[self.data.paper_list].keys.append(key)

    def add_list(
        self, path: str, kind: str, *, page_param: str = "page", base_query: str = ""
    ) -> None:
        """Serve an empty external list at `path` (e.g. a list the Body names but the dataset
        lacks); a "Meeting" list becomes the dataset's meeting list (`add_meeting`)."""
        self.data.lists[path] = ListSpec([], kind, page_param=page_param, base_query=base_query)
        if kind == "Meeting":
            self.data.meeting_list = path

    def add_file(self, access_path: str, pdf_bytes: bytes) -> str:
        """Serve exactly `pdf_bytes` at `access_path` (path with query); return its live URL."""
        file_id = f"file:{access_path}"
        self.data.files[access_path] = file_id
        self.data.file_texts[file_id] = store_raw(file_id, pdf_bytes)
        return self.base_url + access_path

    def add_meeting(self, obj: Json) -> Json:
        """Publish a meeting in the meeting list (created/modified = now unless given).

        `obj` needs an `id`; live URLs in it are stored with the placeholder origin.
        """
        if not self.data.meeting_list:
            raise ValueError(f"dataset {self.data.name} has no meeting list (add_list first)")
        meeting = json.loads(json.dumps(obj, ensure_ascii=False).replace(self.base_url, TOKEN))
        now = now_iso()
        meeting.setdefault("type", "https://schema.oparl.org/1.1/Meeting")
        meeting.setdefault("created", now)
        meeting.setdefault("modified", now)
        key = path_of(meeting["id"])
        self.data.objects[key] = meeting
        self.data.lists[self.data.meeting_list].keys.append(key)
        return self.to_live(meeting)  # type: ignore[no-any-return]

    def delete_paper(self, paper_id: str) -> None:
        """Turn a paper into a tombstone (spec 2-08: stays at its URL, deleted: true)."""
        key = path_of(paper_id.replace(self.base_url, TOKEN))
        old = self.data.objects[key]
        self.data.objects[key] = {
            "id": old["id"],
            "type": old.get("type", "https://schema.oparl.org/1.1/Paper"),
            "created": old.get("created", now_iso()),
            "modified": now_iso(),
            "deleted": True,
            # Karlsruhe keeps empty strings on tombstones (OPARL-NOTES.md §1.5).
            "name": "",
            "paperType": "",
            "reference": "",
        }

    def touch_paper(self, paper_id: str, **changes: Any) -> None:
        """Change a paper's fields and bump its `modified`."""
        key = path_of(paper_id.replace(self.base_url, TOKEN))
        self.data.objects[key] = {**self.data.objects[key], **changes, "modified": now_iso()}

    # -- request handling -------------------------------------------------------------------

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        path = request.path
        self.requests[path] += 1
        self.request_log.append(request.path_qs)
        faults = self.faults
        if faults.latency_s:
            await asyncio.sleep(faults.latency_s)
        if faults.hang_next > 0:
            faults.hang_next -= 1
            await asyncio.sleep(faults.hang_s)
        for prefix, status in faults.dead_prefixes.items():
            if path.startswith(prefix):
                return web.Response(status=status, text="Internal Server Error")
        if faults.fail_next > 0 and path.startswith(faults.fail_path_prefix):
            faults.fail_next -= 1
            headers = {"Retry-After": faults.retry_after} if faults.retry_after else {}
            return web.Response(
                status=faults.fail_status, text="Service Unavailable", headers=headers
            )
        if self.ris_prefix:
            if not path.startswith("/ris/"):
                return self._json({"error": "not found"}, status=404)
            path = path[len("/ris") :]
        query = parse_qsl(request.query_string, keep_blank_values=True)
        object_query = "&".join(f"{k}={v}" for k, v in query if k not in FILTERS)
        full = path + (f"?{object_query}" if object_query else "")
        if full in self.data.files or path in self.data.files:
            return self._file(self.data.files.get(full) or self.data.files[path])
        if path in self.data.lists and not any(k == "id" for k, _ in query):
            return self._list_page(path, dict(query))
        obj = self.data.objects.get(full) or self.data.objects.get(path)
        if obj is not None:
            return self._json(obj)
        if faults.error_object_200:
            return self._json(
                {
                    "type": "https://schema.oparl.org/1.0/Error",
                    "message": "Requested class doesn't exist.",
                    "debug": "Error-Code 101",
                }
            )
        return self._json(
            {"type": "https://schema.oparl.org/1.1/Error", "message": "Not found"}, status=404
        )

    def _json(
        self, obj: Any, status: int = 200, content_type: str = "application/json"
    ) -> web.Response:
        text = json.dumps(obj, ensure_ascii=False).replace(TOKEN, self.base_url)
        if self.faults.control_characters:
            text = text.replace("\\u000b", "\x0b")
        if self.faults.truncate_next > 0 and status == 200:
            self.faults.truncate_next -= 1
            text = text[: len(text) // 2]
        return web.Response(
            status=status, body=text.encode("utf-8"), content_type=content_type, charset="utf-8"
        )

    def _file(self, file_id: str) -> web.Response:
        if self.faults.pdf_html_error:
            html = (
                "<!DOCTYPE html><html><head><title>Fehler</title></head><body>"
                "<h1>Das Dokument ist zurzeit nicht verfügbar.</h1></body></html>"
            )
            return web.Response(text=html, content_type="text/html")
        text = self.data.file_texts.get(file_id, f"Dokument {file_id}")
        return web.Response(body=pdf_bytes(text), content_type="application/pdf")

    def _ordered(self, spec: ListSpec) -> list[str]:
        if not spec.sortable:
            keys = list(spec.keys)
            return keys if self.newest_first == self.data.newest_first else keys[::-1]
        keys = sorted(spec.keys, key=lambda k: sort_key(self.data.objects[k]))
        return keys[::-1] if self.newest_first else keys

    def _list_page(self, path: str, query: dict[str, str]) -> web.Response:
        spec = self.data.lists[path]
        if self.faults.html_200_lists:
            html = "<!-- Fehler -->\n<html><body>Ein Fehler ist aufgetreten.</body></html>"
            return web.Response(text=html, content_type="text/html")
        items = [self.data.objects[k] for k in self._ordered(spec)]
        answer = list_page(self.data, spec, path, query, items, self.faults, self.page_size)
        return self._json(answer.body, status=answer.status, content_type=answer.content_type)

    async def _admin(self, request: web.Request) -> web.Response:
        what = request.match_info["what"]
        if what == "requests":
            return web.json_response({"total": len(self.request_log), "by_path": self.requests})
        if request.method != "POST":
            return web.json_response({"error": "POST only"}, status=405)
        payload = await request.json()
        if what == "papers":
            text = payload.pop("pdf_text", None)
            pdf = render_pdf(text, str(payload.get("name", ""))) if text else None
            return web.json_response(self.add_paper(payload, pdf_bytes=pdf))
        if what == "faults":
            names = {f.name for f in fields(Faults)}
            for key, value in payload.items():
                if key not in names:
                    return web.json_response({"error": f"unknown fault {key}"}, status=400)
                setattr(self.faults, key, value)
            return web.json_response({"ok": True})
        return web.json_response({"error": "unknown admin action"}, status=404)


async def _serve_forever(args: argparse.Namespace) -> None:
    server = OParlServer(
        args.dataset,
        newest_first=not args.oldest_first,
        page_size=args.page_size,
        host=args.host,
        port=args.port,
        faults=Faults(latency_s=args.latency_ms / 1000.0),
    )
    await server.start()
    print(f"OParl test server ({args.dataset}) on {server.system_url}", flush=True)
    try:
        await asyncio.Event().wait()
    finally:
        await server.close()


def main(argv: list[str] | None = None) -> None:
    """Run the server standalone until interrupted (demo, manual tests)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--dataset", default="karlsruhe", choices=sorted(LOADERS))
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8081)
    parser.add_argument("--page-size", type=int, default=None)
    parser.add_argument("--latency-ms", type=float, default=0.0)
    parser.add_argument("--oldest-first", action="store_true")
    args = parser.parse_args(argv)
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_serve_forever(args))


if __name__ == "__main__":
    main()
