"""Tests for bot/messages/render.py on real Leipzig and Karlsruhe inquiries. Reads fixtures."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import replace
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.messages import texts
from bot.messages.push_footer import footer_label, with_subscription_footer
from bot.messages.render import (
    MAX_MESSAGE_LENGTH,
    Button,
    MeetingView,
    PaperView,
    RenderedMessage,
    parse_callback_data,
    render_answer,
    render_digest,
    render_inquiry,
    render_meeting_alert,
    render_meeting_cancelled,
    render_meeting_moved,
    render_search_results,
)
from fetcher.classify import kind_from_paper_type
from standins.telegram_html import ParsedText, parse_html, utf16_len
from tests.fixtures_path import OPARL_FIXTURES, TEXT_FIXTURES

BERLIN = ZoneInfo("Europe/Berlin")
KARLSRUHE = OPARL_FIXTURES / "karlsruhe"


def telegram_view(message: RenderedMessage) -> ParsedText:
    """Parse a rendered text as Telegram would (strict), failing on anything it would refuse."""
    parsed = parse_html(message.text)
    assert 0 < parsed.length <= MAX_MESSAGE_LENGTH
    assert utf16_len(message.text) <= MAX_MESSAGE_LENGTH
    return parsed


def links(parsed: ParsedText) -> dict[str, str]:
    """Return {visible link text: url} of the text links in a parsed message."""
    encoded = parsed.text.encode("utf-16-le")
    out = {}
    for e in parsed.entities:
        if e["type"] == "text_link":
            label = encoded[2 * e["offset"] : 2 * (e["offset"] + e["length"])].decode("utf-16-le")
            out[label] = e["url"]
    return out


def callback_datas(message: RenderedMessage) -> list[str]:
    """Return the callback data of all buttons, row by row."""
    return [b.callback_data for row in message.buttons for b in row if b.callback_data]


def normalized(text: str) -> str:
    """Collapse whitespace, to compare hand-copied text with PDF text."""
    return " ".join(text.split())


# ------------------------------------------------------------------ real documents

LEIPZIG_TEXT = TEXT_FIXTURES / "politik-bei-uns-leipzig-F-00724-14.txt"
# Copied by hand from the Politik-bei-uns page of F-00724/14 (the product's seed document).
LEIPZIG_QUESTIONS = (
    "1. Was wurde seitens der Verwaltung bisher unternommen, den Beschluss zur Stärkung der "
    "gemeinwesenorientierten Arbeit in Leipzig mit den bestehenden Quartiers- und "
    "Stadtteilmanagements umzusetzen? Wurde oder wird ein Konzept erstellt? Wie ist der "
    "Zeitplan dafür?",
    "2. Welche Rolle kommt dabei der Aktivierung der Ressourcen der Bürgerinnen und Bürger zu?",
    "3. Ist eine Begleitung oder Kooperation bei der Konzepterarbeitung mit einer Hochschule, "
    "Fachrichtung Sozialwissenschaften, angedacht oder angebahnt?",
    "4. Ist es vorgesehen dafür Ressourcen aus dem kommunalen Haushalt und Stellenanteile zur "
    "Koordinierungs- und Netzwerkarbeit zur Verfügung zu stellen?",
)
LEIPZIG_SUMMARY = (
    "Im Juli 2013 beschloss der Stadtrat den Antrag der Fraktion Bündnis 90/Die Grünen V/A 404 "
    "„Gemeinwesenarbeit für unterversorgte Stadtteile“ im Sinne des Verwaltungsstandpunktes. "
    "Gemeinwesenarbeit ist ein Arbeitsprinzip, welches angewendet wird, um die "
    "Lebensbedingungen im Gemeinwesen im Sinne der dort Lebenden zu verbessern. Somit sucht die "
    "Gemeinwesenarbeit deren Motivation zur Verbesserung materieller, immaterieller und "
    "infrastruktureller Bedingungen zu ergründen und zu nutzen."
)


def leipzig_inquiry() -> PaperView:
    """Return F-00724/14 as the storage layer would hand it to the renderer."""
    return PaperView(
        paper_id=724,
        kind="Anfrage",
        kommune="Leipzig",
        title="Gemeinwesenarbeit – Vernetzung – Synergie",
        reference="F-00724/14",
        factions=("Bündnis 90/Die Grünen",),
        date=dt.date(2014, 11, 21),  # "Erstellt 21.11.14" on the page
        meeting_name="Ratsversammlung",
        meeting_date=dt.date(2014, 12, 10),
        summary=LEIPZIG_SUMMARY,
        questions=LEIPZIG_QUESTIONS,
        # The page names only the file (1011112.pdf); the URLs are placeholders of that shape.
        pdf_url="https://ratsinformation.leipzig.de/files/1011112.pdf?download=1&inline=0",
        web_url="https://politik-bei-uns.de/paper/F-00724-14",
    )


def karlsruhe_paper(number: str) -> dict[str, Any]:
    """Return one captured Karlsruhe OParl Paper object."""
    data: dict[str, Any] = json.loads((KARLSRUHE / "papers" / f"{number}.json").read_text())
    return data


def karlsruhe_file_text(file_url: str) -> str:
    """Return the text the Karlsruhe project extracted from one of a paper's PDFs."""
    return (KARLSRUHE / "file-contents" / f"{file_url.rsplit('/', 1)[1]}.txt").read_text()


# Copied by hand from the Anfrage PDF of Karlsruhe 2018/0691 (file 606619).
KARLSRUHE_QUESTIONS = (
    "1) Welcher Anteil des Karlsruher Plastikmülls wird verbrannt?",
    "2) Wie hoch ist der Anteil an Plastikmüll, der dem Recycling zugeführt wird?",
    "3) Findet die Müllverbrennung in dazu geeigneten Anlagen statt?",
    "4) Besitzen alle Anlagen, in denen Karlsruher Plastikmüll verbrannt wird auch entsprechende "
    "Filtersysteme zur Luftreinhaltung?",
)


def karlsruhe_answers(stellungnahme: str) -> tuple[str, ...]:
    """Cut the Stellungnahme into the answer paragraphs after each "n) question".

    Words hyphenated at a line end ("eigentli-\\nche") are joined, as the parser does.
    """
    stellungnahme = re.sub(r"(?<=[a-zäöüß])-\n(?=[a-zäöüß])", "", stellungnahme)
    blocks = re.split(r"\n\s*\d\) ", stellungnahme)[1:]
    return tuple(normalized(block.split("\n \n", 1)[1]) for block in blocks)


def karlsruhe_inquiry() -> PaperView:
    """Return Karlsruhe 2018/0691 built from its OParl object and its two PDFs' texts."""
    paper = karlsruhe_paper("36708")
    anfrage, stellungnahme = paper["auxiliaryFile"][0], paper["auxiliaryFile"][1]
    return PaperView(
        paper_id=36708,
        kind="Anfrage",
        kommune="Karlsruhe",
        title=paper["name"],
        reference=paper["reference"],
        factions=("FDP-Gemeinderatsfraktion",),
        submitters=("Tom Høyem", "Thomas H. Hock", "Karl-Heinz Jooß"),
        date=dt.date.fromisoformat(paper["date"]),
        meeting_name="Gemeinderat",
        meeting_date=dt.date(2018, 12, 11),
        questions=KARLSRUHE_QUESTIONS,
        answers=karlsruhe_answers(karlsruhe_file_text(stellungnahme["id"])),
        pdf_url=anfrage["downloadUrl"],
        answer_pdf_url=stellungnahme["downloadUrl"],
    )


def leipzig_citizen_inquiry() -> tuple[PaperView, str]:
    """Return Leipzig's real Einwohneranfrage VII-EF-08640 and the citizen's name."""
    papers = json.loads((TEXT_FIXTURES / "leipzig" / "stadtratmonitor-input.json").read_text())
    (raw,) = [p for p in papers if p["reference"] == "VII-EF-08640"]
    content = normalized(raw["content"])
    summary = content.split("Sachverhalt ", 1)[1].split(" Anlage/n", 1)[0]
    view = PaperView(
        paper_id=8640,
        kind="Anfrage",
        kommune="Leipzig",
        title=raw["name"],
        reference=raw["reference"],
        submitters=(raw["originator"],),
        date=dt.date.fromisoformat(raw["published_at"]),
        is_citizen_inquiry=True,
        meeting_name="Ratsversammlung",
        meeting_date=dt.date(2023, 6, 14),
        summary=summary,
        web_url=raw["url"],
    )
    return view, raw["originator"]


# ------------------------------------------------------------------ fixtures are what we think


def test_hand_copied_leipzig_texts_are_in_the_document() -> None:
    """The hand-filled Leipzig view quotes the seed document verbatim."""
    page = normalized(LEIPZIG_TEXT.read_text())
    view = leipzig_inquiry()
    assert f"Betreff {view.title} Sachverhalt" in page
    assert "Anfrage Nr. F-00724/14" in page
    assert "Ratsversammlung 10.12.2014" in page
    assert "Eingereicht von Fraktion Bündnis 90/Die Grünen" in page
    assert LEIPZIG_SUMMARY in page
    for question in LEIPZIG_QUESTIONS:
        assert question in page


def test_hand_copied_karlsruhe_questions_and_answers_are_in_the_pdfs() -> None:
    """The Karlsruhe questions are the PDF's; the answers start where the Stellungnahme's do."""
    view = karlsruhe_inquiry()
    anfrage = normalized(karlsruhe_file_text(karlsruhe_paper("36708")["auxiliaryFile"][0]["id"]))
    for question in KARLSRUHE_QUESTIONS[:3]:
        assert question in anfrage
    assert "Filtersysteme zur Luftreinhaltung?" in anfrage
    assert len(view.answers) == 4
    assert view.answers[0].startswith("Mit der Sammlung sämtlicher Wertstoffe")  # type: ignore[union-attr]
    assert view.answers[1].startswith("Nach bisherigen Informationen der Firma ALBA")  # type: ignore[union-attr]
    assert view.answers[2].startswith("Nach Aussagen der Firma ALBA")  # type: ignore[union-attr]
    assert view.answers[3].startswith("Laut der Firma ALBA erfüllen")  # type: ignore[union-attr]


# ------------------------------------------------------------------ render_inquiry


def test_leipzig_inquiry_shows_header_numbered_questions_and_links() -> None:
    """F-00724/14 shows kind, Kommune, subject, reference · faction · date, meeting, questions."""
    view = leipzig_inquiry()
    message = render_inquiry(view)
    parsed = telegram_view(message)
    lines = parsed.text.split("\n")
    assert lines[0] == "📄 Anfrage · Leipzig"
    assert lines[1] == "Gemeinwesenarbeit – Vernetzung – Synergie"
    assert lines[2] == "F-00724/14 · Bündnis 90/Die Grünen · 21.11.2014"
    assert lines[3] == "Sitzung: Ratsversammlung 10.12.2014"
    assert "1. Was wurde seitens der Verwaltung bisher unternommen" in parsed.text
    assert (
        "2. Welche Rolle kommt dabei der Aktivierung der Ressourcen der Bürgerinnen und Bürger zu?"
        in lines
    )
    assert "4. Ist es vorgesehen dafür Ressourcen aus dem kommunalen Haushalt" in parsed.text
    assert "1. 1." not in parsed.text  # the document's own numbering is not doubled
    assert links(parsed) == {"PDF": view.pdf_url, "Zur Vorlage": view.web_url}
    assert {"type": "bold", "offset": utf16_len(lines[0]) + 1, "length": 41} in parsed.entities


def test_summary_is_the_first_sentence_of_the_sachverhalt() -> None:
    """The 480-character Sachverhalt is shown as one line: its first sentence, as written."""
    parsed = telegram_view(render_inquiry(leipzig_inquiry()))
    (summary,) = [line for line in parsed.text.split("\n") if line.startswith("Im Juli 2013")]
    assert len(LEIPZIG_SUMMARY) > 400
    assert summary == (
        "Im Juli 2013 beschloss der Stadtrat den Antrag der Fraktion Bündnis 90/Die Grünen V/A 404 "
        "„Gemeinwesenarbeit für unterversorgte Stadtteile“ im Sinne des Verwaltungsstandpunktes."
    )


def test_summary_without_sentence_end_is_cut_at_a_word() -> None:
    """A summary that is one long sentence is cut at a word below 220 characters, with …."""
    long = "Die Verwaltung " + "prüft " * 80 + "weiter"
    view = PaperView(**{**leipzig_inquiry().__dict__, "summary": long})
    parsed = telegram_view(render_inquiry(view))
    (summary,) = [line for line in parsed.text.split("\n") if line.startswith("Die Verwaltung")]
    assert len(summary) <= 220
    assert summary.endswith("prüft …") or summary.endswith("prüft…")


def test_long_question_lists_are_folded_short_ones_are_not() -> None:
    """Questions over 700 characters in all go into an expandable blockquote; fewer stay open."""
    short = telegram_view(render_inquiry(leipzig_inquiry()))
    assert "expandable_blockquote" not in [e["type"] for e in short.entities]
    many = tuple(f"Wie viele Schulen im Stadtbezirk {n} sind saniert worden?" for n in range(15))
    view = PaperView(**{**leipzig_inquiry().__dict__, "questions": many})
    parsed = telegram_view(render_inquiry(view))
    (folded,) = [e for e in parsed.entities if e["type"] == "expandable_blockquote"]
    inside = parsed.text.encode("utf-16-le")[
        2 * folded["offset"] : 2 * (folded["offset"] + folded["length"])
    ].decode("utf-16-le")
    assert inside.startswith("1. Wie viele Schulen im Stadtbezirk 0 sind saniert worden?")
    assert "15. Wie viele Schulen im Stadtbezirk 14" in inside


def test_inquiry_buttons_follow_and_similar() -> None:
    """An inquiry carries "Antwort abonnieren" (follow:<id>) and "Ähnliche" (similar:<id>)."""
    message = render_inquiry(leipzig_inquiry())
    assert message.buttons == (
        (
            Button("Antwort abonnieren", callback_data="follow:724"),
            Button("Ähnliche", callback_data="similar:724"),
        ),
    )
    assert parse_callback_data("follow:724") == ("follow", 724)
    assert parse_callback_data("follow:abc") is None


def test_karlsruhe_inquiry_without_web_page_links_only_the_pdf() -> None:
    """Karlsruhe 2018/0691 (no web page in OParl) links its Anfrage PDF and numbers 4 questions."""
    view = karlsruhe_inquiry()
    parsed = telegram_view(render_inquiry(view))
    assert parsed.text.startswith(
        "📄 Anfrage · Karlsruhe\nVerbrennung des Karlsruher Plastikmülls\n"
    )
    assert "2018/0691 · FDP-Gemeinderatsfraktion · 16.10.2018" in parsed.text
    assert "Sitzung: Gemeinderat 11.12.2018" in parsed.text
    for number, question in enumerate(KARLSRUHE_QUESTIONS, start=1):
        assert f"{number}. {question[3:]}" in parsed.text
    assert links(parsed) == {
        "PDF": "https://web1.karlsruhe.de/oparl/bodies/0001/downloadfiles/00606619.pdf"
    }


def test_sixty_very_long_questions_stay_under_the_limit() -> None:
    """60 questions of ~900 characters shrink to ≤ 4096 with "… und N weitere Fragen im PDF"."""
    long_question = normalized(LEIPZIG_QUESTIONS[0][3:]) + " " + LEIPZIG_SUMMARY * 2
    view = PaperView(
        **{
            **leipzig_inquiry().__dict__,
            "questions": tuple(f"{i}. {long_question}" for i in range(1, 61)),
        }
    )
    message = render_inquiry(view)
    parsed = telegram_view(message)
    numbered = [line for line in parsed.text.split("\n") if re.match(r"^\d+\. ", line)]
    shown = len(numbered)
    assert 1 <= shown < 60
    assert [line.split(".")[0] for line in numbered] == [str(i) for i in range(1, shown + 1)]
    assert f"… und {60 - shown} weitere Fragen im PDF" in parsed.text
    assert links(parsed)["PDF"] == view.pdf_url
    assert all(len(line) <= 260 for line in numbered)  # long questions were shortened first


def test_one_hidden_question_uses_the_singular() -> None:
    """When exactly one question does not fit, the text says "… und 1 weitere Frage"."""
    base = {**leipzig_inquiry().__dict__, "summary": None}
    singular = []
    for words in range(40, 49):  # 211–251 characters: never shortened
        question = "Warum " + "sehr " * words + "lang?"
        for count in range(14, 22):
            view = PaperView(**{**base, "questions": (question,) * count})
            text = telegram_view(render_inquiry(view)).text
            if "… und 1 weitere" in text:
                singular.append(text)
    assert singular, "some count must hide exactly one question"
    assert all("… und 1 weitere Frage im PDF" in text for text in singular)
    assert not any("… und 1 weitere Fragen" in text for text in singular)


@pytest.mark.parametrize(
    ("title", "visible"),
    [
        (
            # Real Karlsruhe title (papers/50720.json, Beschlussvorlage 2024/0798).
            "Bestellung der Mitglieder des Aufsichtsrates der Karlsruher Fächer GmbH & Co. "
            "Stadtentwicklungs-KG",
            "Karlsruher Fächer GmbH & Co. Stadtentwicklungs-KG",
        ),
        ("Tempo <30> & Parken: <b>nicht</b> fett", "Tempo <30> & Parken: <b>nicht</b> fett"),
        ("Zitat &amp; Entität &lt;x&gt;", "Zitat &amp; Entität &lt;x&gt;"),
    ],
)
def test_markup_characters_in_document_texts_are_escaped(title: str, visible: str) -> None:
    """`<`, `>` and `&` from a title, summary or question show up literally, never as markup."""
    view = PaperView(
        paper_id=1,
        kind="Vorlage",
        kommune="Karlsruhe",
        title=title,
        summary=f"Zusammenfassung mit {title}",
        questions=(f"Frage zu {title}?",),
        pdf_url="https://example.org/a.pdf?x=1&y=<2>",
    )
    parsed = telegram_view(render_inquiry(view))
    assert visible in parsed.text.split("\n")[1]
    assert f"Zusammenfassung mit {title}" in parsed.text
    assert f"1. Frage zu {title}?" in parsed.text
    assert links(parsed)["PDF"] == "https://example.org/a.pdf?x=1&y=<2>"
    assert [e["type"] for e in parsed.entities].count("bold") == 2  # title and "Fragen" only


def test_citizen_inquiry_never_shows_the_name() -> None:
    """Leipzig's real Einwohneranfrage shows "Einwohneranfrage" and nowhere the citizen's name."""
    view, name = leipzig_citizen_inquiry()
    parsed = telegram_view(render_inquiry(view))
    assert parsed.text.startswith("📄 Einwohneranfrage · Leipzig\nDrohnen statt Hubschrauber?\n")
    assert "VII-EF-08640 · 09.05.2023" in parsed.text
    assert "Ich wohne in der Südvorstadt." in parsed.text
    assert name not in parsed.text
    assert name.split()[-1] not in parsed.text


def test_citizen_name_inside_document_texts_is_removed() -> None:
    """A citizen's name that the parser left in title, summary or question is replaced."""
    view, name = leipzig_citizen_inquiry()
    surname = name.split()[-1]
    leaky = PaperView(
        **{
            **view.__dict__,
            "title": f"Anfrage von {name}",
            "summary": f"Eingereicht von: {name}. Frau {surname} wohnt in der Südvorstadt.",
            "questions": (f"Kann {surname} eine Antwort erhalten?",),
            "answers": (f"Sehr geehrte Frau {surname}, ja.",),
        }
    )
    for message in (render_inquiry(leaky), render_answer(leaky)):
        text = telegram_view(message).text
        assert name not in text
        assert surname not in text
        assert texts.REDACTED_NAME in text
    digest = telegram_view(render_digest("Leipzig", [leaky])).text
    assert surname not in digest
    assert "Einwohneranfrage" in digest


# ------------------------------------------------------------------ render_answer


def test_karlsruhe_answer_shows_each_answer_and_folds_the_questions() -> None:
    """2018/0691's Stellungnahme: "Zu 1.: …" per answer first, the four questions folded below."""
    view = karlsruhe_inquiry()
    assert sum(len(a or "") for a in view.answers) > MAX_MESSAGE_LENGTH  # must be shortened
    message = render_answer(view)
    parsed = telegram_view(message)
    text = parsed.text
    assert text.startswith("✅ Antwort auf Anfrage · Karlsruhe\n")
    starts = [
        "Zu 1.: Mit der Sammlung",
        "Zu 2.: Nach bisherigen Informationen",
        "Zu 3.: Nach Aussagen",
        "Zu 4.: Laut der Firma ALBA",
        "Die Fragen\n1. Welcher Anteil des Karlsruher Plastikmülls wird verbrannt?",
        "4. Besitzen alle Anlagen, in denen Karlsruher Plastikmüll verbrannt wird auch "
        "entsprechende Filtersysteme zur Luftreinhaltung?",
    ]
    positions = [text.index(s) for s in starts]
    assert positions == sorted(positions)
    assert [e["type"] for e in parsed.entities].count("expandable_blockquote") == 1
    assert links(parsed) == {
        "Antwort (PDF)": "https://web1.karlsruhe.de/oparl/bodies/0001/downloadfiles/00606829.pdf",
        "Anfrage (PDF)": "https://web1.karlsruhe.de/oparl/bodies/0001/downloadfiles/00606619.pdf",
    }
    assert "Zur Vorlage" not in text  # OParl gives no web page for it
    assert "eigentliche Sortierung" in text
    assert callback_datas(message) == ["similar:36708"]


def test_answer_without_per_question_split_points_to_the_pdf() -> None:
    """Without recognised answers the message says the answer is in the PDF and lists questions."""
    view = PaperView(**{**karlsruhe_inquiry().__dict__, "answers": ()})
    text = telegram_view(render_answer(view)).text
    assert texts.ANSWER_NOT_SPLIT in text
    assert "3. Findet die Müllverbrennung in dazu geeigneten Anlagen statt?" in text


def test_missing_single_answer_is_marked() -> None:
    """A question without its own answer gets the "keine eigene Antwort" note."""
    view = karlsruhe_inquiry()
    view = PaperView(**{**view.__dict__, "answers": (view.answers[0], None, "", view.answers[3])})
    text = telegram_view(render_answer(view)).text
    assert text.count(texts.ANSWER_MISSING) == 2


# ------------------------------------------------------------------ digest and search


def karlsruhe_inquiries(count: int) -> list[PaperView]:
    """Return the first `count` real Karlsruhe inquiries (paperType Anfrage) as views."""
    views = []
    for path in sorted((KARLSRUHE / "papers").glob("*.json")):
        paper = json.loads(path.read_text())
        if paper.get("paperType") != "Anfrage":
            continue
        files = paper.get("auxiliaryFile") or []
        views.append(
            PaperView(
                paper_id=int(path.stem),
                kind="Anfrage",
                kommune="Karlsruhe",
                title=paper["name"],
                reference=paper.get("reference"),
                date=dt.date.fromisoformat(paper["date"]) if paper.get("date") else None,
                pdf_url=files[0]["downloadUrl"] if files else None,
            )
        )
        if len(views) == count:
            break
    return views


def test_digest_counts_and_lists_with_links() -> None:
    """12 real Karlsruhe inquiries read "12 neue Anfragen in Karlsruhe", one line each."""
    papers = karlsruhe_inquiries(12)
    parsed = telegram_view(render_digest("Karlsruhe", papers))
    lines = parsed.text.split("\n")
    assert lines[0] == "📬 12 neue Anfragen in Karlsruhe"
    items = [line for line in lines if line.startswith("• ")]
    assert len(items) == 12
    assert items[0] == f"• {papers[0].title} ({papers[0].reference})"
    assert set(links(parsed).values()) <= {p.pdf_url for p in papers}


def test_digest_of_400_inquiries_stays_under_the_limit() -> None:
    """All 400 real Karlsruhe inquiries in one digest: ≤ 4096 with "… und N weitere"."""
    papers = karlsruhe_inquiries(400)
    assert len(papers) == 400
    text = telegram_view(render_digest("Karlsruhe", papers)).text
    shown = sum(1 for line in text.split("\n") if line.startswith("• "))
    assert text.startswith("📬 400 neue Anfragen in Karlsruhe")
    assert f"… und {400 - shown} weitere" in text
    assert 10 < shown < 400


def test_digest_of_400_inquiries_keeps_room_for_the_footer() -> None:
    """A pushed digest of all 400 real Karlsruhe inquiries takes its longest footer within 4096."""
    message = render_digest("Karlsruhe", karlsruhe_inquiries(400), for_push=True)
    label = footer_label("Stadt Karlsruhe", "Bündnis 90/Die Grünen", "Radwegmarkierungen", "alle")
    footed = with_subscription_footer(message, label, 123456789)
    parsed = telegram_view(footed)
    assert parsed.text.endswith("\n\n" + label)
    assert utf16_len(parsed.text) <= 4096
    assert [b.label for row in footed.buttons for b in row] == ["⚙️ Abo verwalten"]


def test_digest_of_one_uses_singular() -> None:
    """One new inquiry reads "1 neue Anfrage in Leipzig"."""
    text = telegram_view(render_digest("Leipzig", [leipzig_inquiry()])).text
    assert text.startswith("📬 1 neue Anfrage in Leipzig\n")


def karlsruhe_papers(paper_type: str, count: int) -> list[PaperView]:
    """Return the first `count` real Karlsruhe papers of an OParl paperType, kind classified."""
    views = []
    for path in sorted((KARLSRUHE / "papers").glob("*.json")):
        paper = json.loads(path.read_text())
        if paper.get("paperType") != paper_type:
            continue
        views.append(
            PaperView(
                paper_id=int(path.stem),
                kind=kind_from_paper_type(paper_type, paper.get("reference")),
                kommune="Karlsruhe",
                title=paper["name"],
                reference=paper.get("reference"),
            )
        )
        if len(views) == count:
            break
    return views


def test_digest_of_motions_names_them() -> None:
    """Three real Karlsruhe motions read "3 neue Anträge", one of them "1 neuer Antrag"."""
    motions = karlsruhe_papers("Antrag", 3)
    text = telegram_view(render_digest("Karlsruhe", motions)).text
    assert text.startswith("📬 3 neue Anträge in Karlsruhe\n")
    one = telegram_view(render_digest("Karlsruhe", motions[:1])).text
    assert one.startswith("📬 1 neuer Antrag in Karlsruhe\n")


def test_digest_of_mixed_kinds_counts_papers() -> None:
    """Two real inquiries and one Beschlussvorlage in one digest read "3 neue Papiere"."""
    papers = karlsruhe_inquiries(2) + karlsruhe_papers("Beschlussvorlage", 1)
    text = telegram_view(render_digest("Karlsruhe", papers)).text
    assert text.startswith("📬 3 neue Papiere in Karlsruhe\n")
    vorlagen = karlsruhe_papers("Beschlussvorlage", 2)
    assert telegram_view(render_digest("Karlsruhe", vorlagen)).text.startswith(
        "📬 2 neue Vorlagen in Karlsruhe\n"
    )


def test_search_results_page_has_hit_buttons_and_paging() -> None:
    """Page 2 of 23 hits lists hits 6–10 (date · Kommune · type · reference, title) with
    compact numbered buttons in one row, then the paging buttons."""
    hits = karlsruhe_inquiries(10)[5:10]
    message = render_search_results(hits, page=2, total=23, query="Müll & <Plastik>")
    parsed = telegram_view(message)
    assert parsed.text.split("\n")[0] == "🔎 23 Treffer für „Müll & <Plastik>“ · Seite 2 von 5"
    first = hits[0]
    assert first.date is not None
    assert (
        f"6. {first.date:%d.%m.%Y} · Karlsruhe · Anfrage · {first.reference}\n{first.title}"
        in parsed.text
    )
    assert "10. " in parsed.text
    assert callback_datas(message) == [f"open:{h.paper_id}" for h in hits] + [
        "search:1",
        "search:3",
    ]
    assert [b.label for b in message.buttons[-1]] == ["‹ zurück", "weitere ›"]
    assert [b.label for b in message.buttons[0]] == ["6", "7", "8", "9", "10"]


def test_search_last_page_and_no_hits() -> None:
    """The last page has no "weitere" button; no hits gives a short message without buttons."""
    hits = karlsruhe_inquiries(3)
    last = render_search_results(hits, page=5, total=23)
    assert [b.label for b in last.buttons[-1]] == ["‹ zurück"]
    empty = render_search_results([], page=1, total=0, query="Seilbahn")
    assert telegram_view(empty).text == "🔎 Keine Treffer für „Seilbahn“."
    assert empty.buttons == ()


# ------------------------------------------------------------------ meetings


def karlsruhe_meeting() -> MeetingView:
    """Return Karlsruhe's Gemeinderat meeting 4930 (11.12.2018) from the captured OParl object."""
    raw = json.loads((KARLSRUHE / "meetings" / "4930.json").read_text())
    return MeetingView(
        meeting_id=4930,
        kommune="Karlsruhe",
        name="Gemeinderat",
        start=dt.datetime.fromisoformat(raw["start"]),
        end=dt.datetime.fromisoformat(raw["end"]),
        location=raw["location"]["description"],
        web_url="https://web1.karlsruhe.de/oparl/bodies/0001/meetings/4930",
    )


def test_meeting_alert_lists_matching_inquiries_first() -> None:
    """The alert shows time and place, the subscribed inquiry first, then the others."""
    matching = karlsruhe_inquiry()
    others = karlsruhe_inquiries(3)
    message = render_meeting_alert(karlsruhe_meeting(), [*others, matching], {matching.paper_id})
    parsed = telegram_view(message)
    text = parsed.text
    assert text.startswith(
        "📅 Gemeinderat · Karlsruhe\n"
        "Dienstag, 11. Dezember 2018, 15:30 Uhr\n"
        "Ort: Bürgersaal, Rathaus Marktplatz\n"
    )
    assert text.index("Passend zu Ihren Abos:") < text.index(matching.title)
    assert text.index(matching.title) < text.index("Weitere Anfragen auf der Tagesordnung:")
    assert text.index("Weitere Anfragen") < text.index(others[0].title)
    assert callback_datas(message) == ["open:36708"]
    assert links(parsed)["Zur Sitzung"].endswith("/meetings/4930")


def test_meeting_alert_with_400_inquiries_counts_the_hidden_ones() -> None:
    """All 400 Karlsruhe inquiries on one agenda: ≤ 4096, matching first, shown + hidden = 400."""
    papers = karlsruhe_inquiries(400)
    matching = {papers[-1].paper_id, papers[-2].paper_id}
    text = telegram_view(render_meeting_alert(karlsruhe_meeting(), papers, matching)).text
    bullets = [line for line in text.split("\n") if line.startswith("• ")]
    hidden = int(re.search(r"… und (\d+) weitere", text)[1])  # type: ignore[index]
    assert len(bullets) + hidden == 400
    assert bullets[0].startswith(f"• {papers[-2].title}")
    assert bullets[1].startswith(f"• {papers[-1].title}")
    assert bullets[2].startswith(f"• {papers[0].title}")


def test_meeting_alert_converts_to_berlin_time() -> None:
    """A UTC start time is shown in Berlin time (14:30 UTC in December is 15:30)."""
    meeting = karlsruhe_meeting()
    utc_start = dt.datetime(2018, 12, 11, 14, 30, tzinfo=dt.UTC)
    text = telegram_view(render_meeting_alert(replace(meeting, start=utc_start), [])).text
    assert "Dienstag, 11. Dezember 2018, 15:30 Uhr" in text
    assert texts.MEETING_NO_INQUIRIES in text


def test_meeting_moved_and_cancelled() -> None:
    """Moved shows new and old time; cancelled says the date is dropped."""
    meeting = karlsruhe_meeting()
    later = MeetingView(
        **{**meeting.__dict__, "start": dt.datetime(2018, 12, 18, 17, 0, tzinfo=BERLIN)}
    )
    moved = telegram_view(render_meeting_moved(later, meeting.start)).text
    assert moved.split("\n")[:3] == [
        "⚠️ Sitzung verlegt: Gemeinderat · Karlsruhe",
        "Neu: Dienstag, 18. Dezember 2018, 17:00 Uhr",
        "Bisher: Dienstag, 11. Dezember 2018, 15:30 Uhr",
    ]
    cancelled = telegram_view(render_meeting_cancelled(meeting)).text
    assert cancelled.split("\n")[:2] == [
        "❌ Sitzung abgesagt: Gemeinderat · Karlsruhe",
        "Der Termin Dienstag, 11. Dezember 2018, 15:30 Uhr entfällt.",
    ]


def test_every_callback_data_fits_64_bytes() -> None:
    """Callback data of all renderers stays within Telegram's 64 bytes, even for huge ids."""
    big = PaperView(**{**leipzig_inquiry().__dict__, "paper_id": 10**15})
    messages = [
        render_inquiry(big),
        render_answer(big),
        render_search_results([big], page=10**6, total=10**7),
        render_meeting_alert(karlsruhe_meeting(), [big], {big.paper_id}),
    ]
    for message in messages:
        for data in callback_datas(message):
            assert 1 <= len(data.encode()) <= 64


def test_texts_module_is_only_strings() -> None:
    """bot/messages/texts.py holds only strings (and tables of them): it can be proofread alone."""
    values = [v for k, v in vars(texts).items() if k.isupper()]
    assert values
    for value in values:
        items = (
            value.values()
            if isinstance(value, dict)
            else (value if isinstance(value, tuple) else [value])
        )
        assert all(isinstance(item, str) for item in items)
