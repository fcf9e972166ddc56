"""Answer documents: the repeated questions and the administration's answer to each. Pure.

Three layouts: each question followed by its answer (Landtag "Kleine Anfrage mit Antwort",
Nordstemmen Mitteilungsvorlagen), an "Antwort:" line after each question, and the questions
first with "Zu 1." / "Antwort zu Frage 1:" blocks after them. Without a split, the whole text is
the answer (preamble) and no question is invented.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from fetcher.parse.answer_headings import answer_heading, split_run_in_headings, without_heading
from fetcher.parse.answer_labels import labelled_pairs, piped_table_pairs, table_pairs
from fetcher.parse.answer_lists import interleaved_with_lists
from fetcher.parse.asked_paragraphs import asked_paragraphs
from fetcher.parse.asked_sentences import asked_sentences
from fetcher.parse.asked_starts import asked_start
from fetcher.parse.glued_items import split_glued_items
from fetcher.parse.heading_questions import heading_questions
from fetcher.parse.letter_end import answer_follows
from fetcher.parse.markers import LINE_CHARS, join_item, lines_from, list_marker, split_items
from fetcher.parse.pair_labels import labelled_alternation
from fetcher.parse.question_answer import question_goes_on, split_question_answer
from fetcher.parse.questions import question_items
from fetcher.parse.quoted_lines import with_quoted_questions_apart
from fetcher.parse.quoted_pairs import ANSWERING_LEAD_IN, letter_after, quoted_pairs
from fetcher.parse.quotes import (
    cut_at_quote_end,
    ends_of_quoted_questions,
    questions_in_quotation,
    tidy_question,
    unquote_line,
)
from fetcher.parse.table_cells import wrapped_table_pairs
from fetcher.parse.text import STOP_SECTION, join_lines, sentences
from fetcher.parse.wording import ANSWER_TO, ASKING_OPENING, question_signal

_END = re.compile(r"^(?:Anlage/n|Anlagen\b|Unterzeichnet|Mit freundlichen Grüßen|gez\.)")


def _answer_blocks(lines: Sequence[str], start: int) -> dict[int, str]:
    """Return number → answer text of "Zu 1." / "Antwort zu Frage 1:" blocks after `start`.

    A joint block ("Zu 2. und 3.", "Antwort der Verwaltung zu Frage 1 und 2:") answers its last
    question, as a joint block heading repeated questions does (_repeated_in_blocks).
    """
    blocks: dict[int, list[str]] = {}
    current: int | None = None
    for line in lines[start:]:
        if _END.match(line):
            break
        heading = answer_heading(line) if ANSWER_TO.match(line) else None
        if heading and heading[1] is not None:
            current = heading[1]  # a joint answer ("zu Frage 1 und 2:") under its last question
            blocks.setdefault(current, []).append(line[heading[2] :].strip(" :.)"))
        elif current is not None:
            blocks[current].append(line)
    return {n: join_lines(text) for n, text in blocks.items()}


# A block heading before the repeated question: "Zu 1.", "Antwort zu Frage 2:", "Frage 1:",
# "Frage 2 + 3:" (one answer to two questions).
_BLOCK_HEADING = re.compile(
    r"^(?:(?:Antwort\s+)?(?:Zu|ZU|zu)\s+(?:[Ff]rage\s+)?|Beantwortung\s+(?:[Ff]rage\s+)?|[Ff]rage\s+)"
    r"(\d{1,2})(?:\s*(?:\+|und|&|,|/)\s*(\d{1,2}))?(?:\s*[.:)]{0,2}\s*$|\s*[.:)]{1,2}\s+(?P<rest>\S.*)$)"
)


def _repeated_in_blocks(lines: Sequence[str], start: int) -> list[tuple[str, str]]:
    """Return (question, answer) of "Zu 1." blocks that repeat their question before answering.

    "Zu 1. / Teilt die Verwaltung …? / Nein, …" (Karlsruhe Ortschaftsrat Stellungnahmen), "Frage
    2 + 3: / Was …? / Wird …? / answer": the questions run to the last "?" line of the block's
    head. Blocks in order from 1, each asking, else none.
    """
    blocks: list[tuple[int, list[str]]] = []
    expected = 1
    for line in lines[start:]:
        if _END.match(line):
            break
        match = _BLOCK_HEADING.match(line)
        if match and int(match.group(1)) == expected:
            last = int(match.group(2) or match.group(1))
            blocks.append(
                (last - expected + 1, [match.group("rest")] if match.group("rest") else [])
            )
            expected = last + 1
        elif blocks:
            blocks[-1][1].append(line)
    if len(blocks) < 2:
        return []
    pairs: list[tuple[str, str]] = []
    for count, block in blocks:
        asked = lines_from(block, 0, 12 * LINE_CHARS)
        ends = [k for k, x in enumerate(asked) if x.rstrip().endswith("?")]
        if not ends:
            return []
        if count == 1:
            pairs.append(split_question_answer(block))
            continue
        # the head asks up to the last "?" that questions reach without a statement between
        # ("Was hält …?" / "Wird sie, falls sich das …" / "ereignet, dagegen aktiv werden?")
        head_end = ends[0]
        while (following := question_goes_on(asked, head_end)) != head_end:
            head_end = following
        questions, starts = [], 0
        for k in [e for e in ends if e <= head_end]:
            questions.append(join_item(asked[starts : k + 1]))
            starts = k + 1
        answer = join_lines([x for x in block if x][head_end + 1 :])
        pairs += [(q, "") for q in questions[:-1]] + [(questions[-1], answer)]
    return pairs


# A numbered or lettered label at a line start: "1. ", "1.2. ", "3) ", "a) ".
_NUMBERED = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*\.?\)?|[A-Za-z][.)])\s")


def _until_end(lines: Sequence[str]) -> list[str]:
    """Return the lines before the first closing or attachment line (_END), or all of them."""
    end = next((k for k, line in enumerate(lines) if _END.match(line)), len(lines))
    return list(lines[:end])


def _asked_paragraphs(lines: Sequence[str], start: int) -> list[tuple[str, str]]:
    """Return (question, answer) of paragraphs that only ask, each followed by prose answering.

    A Stellungnahme that repeats one unnumbered question after the inquiry's context ("…
    Gutachten hatte als Ergebnis: „…“" / "Welche Argumente … sprechen gegen diese Aussage?" /
    the answer): a paragraph whose every sentence asks. The paragraphs before the first
    question are context; each answer runs to the next question (questions in a row share it).
    """
    # A paragraph ends at a blank line or at a line ending a sentence (text from a PDF has no
    # blank lines; an answer may follow its question without one).
    paragraphs: list[list[str]] = [[]]
    for line in lines[start:]:
        if _END.match(line):
            break
        if ANSWER_TO.match(line) or (line.rstrip().endswith("?") and _NUMBERED.match(line)):
            return []  # numbered after all ("Zu Frage 1:", "1.2. Ist …?"): not this layout
        if not line:
            paragraphs.append([])
        elif not re.fullmatch(r"Seite\s+\d+|-?\s*\d+\s*-?", line):
            paragraphs[-1].append(line)
            if re.search(r"[.?!:][“”\"]?$", line) and not _ABBREVIATED.search(line):
                paragraphs.append([])
    pairs: list[tuple[str, list[str]]] = []
    for paragraph in (p for p in paragraphs if p):
        if paragraph[-1].rstrip().endswith("?"):
            paragraph = _from_question_start(paragraph)
        text = join_lines(paragraph)
        if (
            len(text) <= 600
            and text.endswith("?")
            and all(sentence.endswith("?") for sentence in sentences(text))  # only asks
        ):
            if _NUMBERED.match(paragraph[0]) or any(list_marker(line) for line in paragraph):
                return []  # "1.1. Wenn ja, …?": numbered questions the list scorer missed
            pairs.append((text[asked_start(text) :], []))  # not the head run into it
        elif pairs:
            pairs[-1][1].append(text)
    if not pairs or not pairs[-1][1]:
        return []  # questions only, no answer after them: not an answer document's layout
    return [(question, " ".join(answer)) for question, answer in pairs]


# A line ending in an abbreviation ("… Tram 1 bzw." / "NL6 …?") ends no sentence.
_ABBREVIATED = re.compile(
    r"(?:\b(?:[A-Za-zäöü]\.){2,}|\b(?:bzw|ca|ggf|evtl|vgl|usw|etc|inkl|Nr|Abs|Dr|Prof|St|Str)\.)$"
)


def _from_question_start(paragraph: list[str]) -> list[str]:
    """Return an asking paragraph from the line where its question starts.

    Text from a PDF runs form lines into the paragraph ("x Nein Ja abgestimmt mit" / "Für
    welches Verfahren …?"): the question starts at a line that opens asking with a capital,
    after a line that does not end in ",".
    """
    for k in range(1, len(paragraph)):
        line = paragraph[k]
        if (
            line[:1].isupper()
            and not paragraph[k - 1].rstrip().endswith(",")
            and question_signal(line.replace("?", "")) >= ASKING_OPENING
        ):
            return paragraph[k:]
    return paragraph


def _answered_topics(lines: Sequence[str], start: int) -> list[tuple[str, str]]:
    """Return (topic, answer) of a numbered list of inquiry topics, each answered in prose.

    "1. Nachrüstung Geschwindigkeitsmessanlage mit Solarmodul" / "Für die Nachrüstung stehen
    keine Mittel … zur Verfügung." (Nordstemmen: the Ortsrat's inquiries as titles, the
    administration's answers below): a numbered list that opens the body, every item a title
    of at most 15 words that states nothing (no ".", no ":"), wrapped lines starting in lower
    case, then an answer that states. A list after prose is the answer's own.
    """
    body = _until_end(lines[start:])
    first = next((k for k, line in enumerate(body) if list_marker(line)), None)
    if first is None or any(re.search(r"\.$", line) for line in body[:first]):
        return []  # the topics open the body; a list after prose is the answer's own
    marker = list_marker(body[first])
    items = split_items(body[first:])
    if len(items) < 2 or not marker or marker[0] != "num":
        return []
    pairs: list[tuple[str, str]] = []
    for item in items:
        title = [item[0]]
        for line in item[1:]:
            if not line[:1].islower() or len(title) >= 3:
                break
            title.append(line)
        topic, answer = join_lines(title), join_lines(item[len(title) :])
        if len(topic.split()) > 15 or re.search(r"[.?:]$", topic) or not re.search(r"\.$", answer):
            return []
        pairs.append((topic, answer))
    return pairs


def question_before_answer(item: Sequence[str]) -> list[str]:
    """Return a quoted question up to the line that opens the answers below the quoted list ("Die
    Verwaltung beantwortet die Anfrage wie folgt:" after "2. Wann …?")."""
    asked = False
    for k, line in enumerate(item):
        if asked and answer_follows(line.strip()):
            return list(item[:k])
        asked = asked or "?" in line
    return list(item)


_CLOSING_QUOTE = re.compile(r"^[\"“”»]\s+")


def find_answers(lines: Sequence[str], body_start: int) -> tuple[list[str], list[str], str]:
    """Return (questions, answers, preamble) of an answer document that repeats the questions."""
    questions, answers, preamble = _find_answers(lines, body_start)
    # an answer never opens with its own heading ("Zu 1." / "Ad 1." / "Antwort:" above its text),
    # nor with the quotation mark closing the question above it ('" Zu Nr. 1 Die …')
    answers = [_CLOSING_QUOTE.sub("", answer, count=1) for answer in answers]
    answers = [without_heading(answer, k) for k, answer in enumerate(answers, 1)]
    # nor with the letter's lead-in ("Ihre Anfrage beantworte ich wie folgt:"), run into it when
    # the page is one line
    answers = [ANSWERING_LEAD_IN.sub("", answer, count=1) for answer in answers]
    return [tidy_question(question) for question in questions], answers, preamble


def _find_answers(lines: Sequence[str], body_start: int) -> tuple[list[str], list[str], str]:
    body = max(body_start, 0)
    # "… nicht bekannt. Frage 2 + 3: Was hält …?": labels run into the answer before them
    # "… in Dresden?" Zu 1. Die …": a heading run into the line before it heads its answer
    # "… verwiesen. „2. Wie hoch …?“ Auf die …": a quoted numbered question on a line of its own
    lines, body = with_quoted_questions_apart(lines, body)
    lines = [*lines[:body], *split_glued_items(split_run_in_headings(lines[body:]))]
    # "Frage zu 1.: …" / "Antwort zu 1.: …", "F: …" / "A: …": both labelled, alternating
    alternating = labelled_alternation(lines)
    if alternating:
        return [q for q, _ in alternating], [a for _, a in alternating], ""
    # "Zu Frage 1 (Wie viele …?):" / its answer: the question only inside the answer's heading
    headed = heading_questions(lines, body)
    if headed:
        return [q for q, _ in headed], [a for _, a in headed], ""
    # "1. Welche …?" / its answer, holding a numbered list of its own / "2. Wie …?" / …; a
    # "Frage | Antwort" table exported with "|" between its cells
    listed = interleaved_with_lists(lines, body) or piped_table_pairs(lines, body)
    if listed:
        return [q for q, _ in listed], [a for _, a in listed], ""
    paired = quoted_pairs(lines, body)  # „Wie …?“ / "Sie fragen: …" / "Frage: …", no numbers
    if paired:
        return [q for q, _ in paired], [a for _, a in paired], ""
    # "Welche …?" / "Antwort:" / its answer; a "Frage | Antwort" table read row by row
    labelled = labelled_pairs(lines, body) or table_pairs(lines, body)
    if labelled:
        return [q for q, _ in labelled], [a for _, a in labelled], ""
    # "Welche …?" / its answer below, paragraph by paragraph, or sentence by sentence run together
    # … or a question | answer table whose question cells wrap (table_cells)
    asked = (
        asked_paragraphs(lines, body)
        or asked_sentences(lines, body)
        or wrapped_table_pairs(lines, body)
    )
    if asked:
        return [q for q, _ in asked], [a for _, a in asked], ""
    items = question_items(lines, body_start, trim=False)
    first_answer = next((i for i in range(body, len(lines)) if ANSWER_TO.match(lines[i])), None)
    first_block = next(
        (
            i
            for i in range(body, len(lines))
            if (m := _BLOCK_HEADING.match(lines[i])) and m[1] == "1"
        ),
        None,
    )
    if not items and first_block is not None:
        repeated = _repeated_in_blocks(lines, first_block)
        if repeated:
            return [q for q, _ in repeated], [a for _, a in repeated], ""
    if not items:
        # a letter quoting the inquiry in „…": the quotation asks, the text after it answers
        quoted, last = questions_in_quotation(lines, body_start)
        if quoted:
            answers = [join_lines(_until_end(lines[last + 1 :]))] if len(quoted) == 1 else []
            return quoted, answers, join_lines(lines[body:last])
        asked = _asked_paragraphs(lines, body) or _answered_topics(lines, body)
        if asked:
            return [q for q, _ in asked], [a for _, a in asked], ""
        preamble: list[str] = []
        for line in lines[body:]:
            if STOP_SECTION.match(line) and preamble:
                break
            preamble.append(line)
        return [], [], join_lines(preamble)
    start = next((i for i in range(body, len(lines)) if lines[i] and items[0][0] in lines[i]), body)
    last = next(
        (i for i in range(len(lines) - 1, body - 1, -1) if lines[i] and items[-1][0] in lines[i]),
        start,
    )
    if first_answer is not None and first_answer > last:
        blocks = _answer_blocks(lines, first_answer)
        questions = [join_item(question_before_answer(item)) for item in items]
        answers = [blocks.get(n, "") for n in range(1, len(items) + 1)]
        return questions, answers, join_lines(lines[body:start])
    questions, answers = [], []
    quote_ends = ends_of_quoted_questions(lines[body:])
    for number, item in enumerate(items, 1):
        quoted = cut_at_quote_end(item, quote_ends)  # „1. Wie …? (Kita)" then the answer
        if len(quoted) < len(item):
            question, answer = join_item(quoted), join_lines(item[len(quoted) :])
        else:
            question, answer = split_question_answer(item, number)
        questions.append(question)
        answers.append(answer)
    if len(items) > 1 and not any(answers):
        # the inquiry quoted whole, then the letter answering it: "Sehr geehrte …, / Ihre Anfrage
        # beantworte ich wie folgt: / …" after the questions (and their justification)
        letter = letter_after(lines, last)
        if letter:
            answers = [""] * (len(items) - 1) + [letter]
    if len(items) == 1 and not answers[0]:
        # one unnumbered question after a lead-in ("… um Beantwortung folgender Frage:" / "Welche
        # …?""): the item holds the question only; the prose after it is the answer
        tail = items[0][-1]
        end = next((i for i in range(last, len(lines)) if unquote_line(lines[i]) == tail), last)
        answers = [join_lines(_until_end(lines[end + 1 :]))]
    return questions, answers, join_lines(lines[body:start])
