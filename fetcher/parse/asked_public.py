"""Questions that ask the public, not the administration: surveys, guides, flyers. Pure.

An inquiry is addressed to the administration by members, and an answer is written by the
administration to the askers. A survey's results, a questionnaire, an interview guide or a staff
flyer also print questions, each followed by its replies, but they ask citizens, staff or
companies: the respondents are counted ("Basis: 1.025 Befragte", "Mehrfachnennungen möglich"),
the replies come as percentages, and a flyer's box repeats one question ("Was kann ich dazu
beitragen?") above each list of pledges. Such a paper answers no inquiry and asks no one.
"""

from __future__ import annotations

import re
from collections import Counter

from fetcher.parse.pattern_gates import gated

# The respondents of a survey, as a chart's caption or a method section counts them:
# "Basis: 1.025 Befragte", "Befragten", "Mehrfachnennungen möglich", "der Fragebogen wurde 35
# mal ausgefüllt", "Teilnehmende der Umfrage".
_RESPONDENTS = re.compile(
    r"\bBefragte[nr]?\b|\bMehrfachnennung(?:en)?\b|\bFragebogen\w*\b|\bUmfrage\w*\b"
    r"|\bBefragung\w*\b|\bRücklaufquote\b"
)
_PERCENT = re.compile(r"\d\s?%")
SURVEY_WORDS = 3  # respondents named this often: a survey's report, not a passing mention
SURVEY_PERCENTS = 5  # and replies counted in percentages this often


def reports_survey(text: str) -> bool:
    """Whether a text reports a survey's replies: its respondents named SURVEY_WORDS times and
    SURVEY_PERCENTS percentages."""
    return (
        len(_RESPONDENTS.findall(text)) >= SURVEY_WORDS
        and len(_PERCENT.findall(text)) >= SURVEY_PERCENTS
    )


# A question in prose: from a sentence's start (or a quotation mark) to its question mark.
# A full stop inside a date or a number ("15.03.2024", "4.)") does not end it.
_QUESTION = re.compile(
    r"(?:^|(?<=[.:!?“”\"„]\s)|(?<=[„\"]))([A-ZÄÖÜ](?:[^.?!„“\"]|\.(?=\S)){3,400}\?)"
)
_QUESTION = gated(_QUESTION)  # the same matches, tried only where one can start
# A follow-up that refers back to the question before it: "Falls nein, weshalb nicht?"
_FOLLOW_UP = re.compile(r"(?:Falls|Wenn|Sofern|Und|Oder|Ggf\.|Gegebenenfalls)\b")
REFRAIN = 3  # the same question printed this often: a box heading, not a list of questions


def repeats_question(text: str) -> bool:
    """Whether one question is printed REFRAIN times or more, more often than all others
    together (a flyer's "Was kann ich dazu beitragen?" above each box). An inquiry or an answer
    asks each question once; a follow-up it repeats ("Falls nein, weshalb nicht?") stands among
    more questions of its own."""
    counts = Counter(" ".join(m.group(1).split()) for m in _QUESTION.finditer(text))
    refrains = [n for question, n in counts.items() if not _FOLLOW_UP.match(question)]
    most = max(refrains, default=0)
    return most >= REFRAIN and most > sum(counts.values()) - most


def asks_the_public(text: str) -> bool:
    """Whether a paper's questions ask the public (a survey's report, a refrain): the text run
    together into one line."""
    return reports_survey(text) or repeats_question(text)
