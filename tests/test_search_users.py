"""The fixed search test of issue 17: 83 questions in users' own words, typed key by key into the site in Chromium.

tests/search_questions_users.yaml was written before the search was tuned, by
someone who had not seen the site, and is never edited. tests/search_answers.yaml
lists, for each question, the quick answers, paragraphs and scenarios whose text
does what the question's `answer` line says (judged by reading the text). For
each question: one of the first three results shown, with nothing expanded, must
be one of those, and the text it shows must be that item's own text (the
answer, the paragraph, or the scenario's situation), visible in the list.

Questions that fail today are listed in KNOWN_FAILURES and run as strict xfails:
the report shows them, and one that starts to pass fails the run until it is
taken off the list (so the list never hides a change either way).
"""
from __future__ import annotations

import re
import shutil
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from builder.model import inline_text
from builder.number import numbers
from conftest import REPO, write_site_of
from test_site_browser import Guarded, Served, search, shared_browser

pytestmark = pytest.mark.slow

QUESTIONS = yaml.safe_load((REPO / "tests" / "search_questions_users.yaml").read_text(encoding="utf-8"))["questions"]
ANSWERS = yaml.safe_load((REPO / "tests" / "search_answers.yaml").read_text(encoding="utf-8"))["answers"]

# The questions whose answer is not among the first three results today (see the module's docstring), each with
# why, from the run that first showed it. First run, before any change made after opening the questions: 59 of 83
# passed. Two general changes followed (a word-forms bug that left "suspended" unmatched, and glossary aliases as
# synonyms); 61 of 83 passed. Draft 1.2 (new and rewritten paragraphs, 95 quick answers, tests/search_answers.yaml
# judged again against it): 65 of 83 pass, and these 18 fail. Paragraph numbers are draft 1.2's.
KNOWN_FAILURES: dict[str, str] = {
    "resident gave me a bottle of wine to say thanks":
        "the officers' answer on a resident's thank-you present comes first; the councillors' rule (15.2) comes 4th",
    "is it ok to be mates with the cabinet member outside work":
        "'mates' is not a word the protocol uses (it says friends); 'outside' finds councillors outside the Cabinet",
    "residents want me to object to a pub licence":
        "prefix matching: 'object' finds objectors, 'pub' finds publicity; the rule (8.5) speaks of campaigning",
    "harrassment by a councillor what can i do":
        "misspelt 'harrassment' matches nothing; 'councillor' alone picks other answers",
    "officer was really rude to me":
        "'rude' is a synonym for hostility, so the answers about a councillor shouting at an officer come first",
    "how do i complain about a member of staff":
        "'member' pulls the answers about councillors first; 'staff' is not listed as a word for officer",
    "someone made a standards complaint about me what happens now":
        "prefix matching: 'now' finds Councillor Nowak's scenario; 'made' and 'happens' match incidental words",
    "i think something dodgy is going on who do i tell":
        "'dodgy' is not a word the protocol uses (it says seriously wrong, fraud); 'i think' finds the leak answer",
    "what does the monitering officer do":
        "misspelt 'monitering' matches nothing; the search has no typing-error tolerance",
    "head of paid service what do they do":
        "the quick answers that mention the Head of Paid Service outrank 4.7, which says what the post does",
    "boss says do what the councillor wants but its against the rules":
        "'boss' is not the protocol's word for a manager, and 'rules' finds the answers on how a chair rules",
    "cabinet member asked me to do something i think is unlawful":
        "'i think' finds the leak and 'already said my view' answers, 'unlawful' section 114; 16.15 says 'wrong'",
    "councillor wants to sit on the interview panel":
        "prefix matching: 'sit' finds site visits; 9.16 says 'appoint', not interview or panel",
    "can i tell HR to sack someone":
        "'HR' is not used (the text says Human Resources); 'tell' finds answers whose questions say 'tell me'",
    "difference between councillors and officers":
        "'difference' is not used; 'between' finds disputes between members; the rest is in nearly every text",
    "cabinet member found out from the papers first":
        "an idiom: 'papers' finds reports and exempt papers; the rule is 'no surprises' (2.4, 12.3)",
    "just started here, what do I need to know about councillors?":
        "'need to know' is the protocol's phrase for members' access to information, which comes first",
    "what happens if someone breaks the protocol":
        "'breaks' does not find 'breach', and 'protocol' is in nearly every text",
}


@pytest.fixture(scope="module")
def shipped(tmp_path_factory):
    root = tmp_path_factory.mktemp("users") / "shipped"
    root.mkdir()
    for name in ("protocol_src", "scenarios", "releases"):
        shutil.copytree(REPO / name, root / name)
    out = root.parent / "site"
    protocol = write_site_of(root, out)
    served = Served(out)
    yield served, protocol
    served.close()


@pytest.fixture(scope="module")
def page(shipped):
    g = Guarded(shared_browser(), 1280, 900)
    g.page.goto(shipped[0].base + "index.html")
    yield g
    assert g.outside == [], f"the site asked for other hosts: {g.outside}"
    g.close()


@pytest.fixture(scope="module")
def own_text(shipped) -> dict[str, str]:
    """Each quick answer's, paragraph's and scenario's own text, from the model."""
    protocol = shipped[1]
    nums = numbers(protocol)
    texts = {qa.id: inline_text(qa.answer, nums) for qa in protocol.answers}
    texts.update({p.id: inline_text(p.inlines, nums) for s in protocol.sections for p in s.paragraphs})
    for sc in protocol.scenarios:
        situation = sc.part("situation")
        texts[sc.id] = " ".join(inline_text(b.inlines, nums) for b in situation.passages) if situation else ""
    return texts


def id_of(href: str) -> str:
    """The item a result stands for: ?at=id (a quick answer, paragraph or term), else the page's name."""
    parts = urlsplit(href)
    return parse_qs(parts.query).get("at", [parts.path.rsplit("/", 1)[-1].removesuffix(".html")])[0]


def squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def first_three_shown(page) -> list[tuple[str, str]]:
    """(id, text shown) of the first three results, reading only what is visible without expanding anything."""
    shown = []
    items = page.locator("li.md-search-result__item")
    for i in range(min(3, items.count())):
        item = items.nth(i)
        link = item.locator("a.md-search-result__link").first
        article = link.locator("article")
        text = squeeze(article.inner_text()) if article.is_visible() else ""
        shown.append((id_of(link.get_attribute("href")), text))
    return shown


def test_every_question_has_its_answers_listed():
    assert len(QUESTIONS) >= 40
    assert {q["q"] for q in QUESTIONS} == set(ANSWERS)
    assert set(KNOWN_FAILURES) <= set(ANSWERS)


@pytest.mark.parametrize("case", QUESTIONS, ids=[q["q"][:60] for q in QUESTIONS])
def test_a_result_that_answers_the_question_is_among_the_first_three_shown(page, own_text, case, request):
    question = case["q"]
    if question in KNOWN_FAILURES:
        request.applymarker(pytest.mark.xfail(reason=KNOWN_FAILURES[question], strict=True))
    search(page.page, question)
    assert page.page.locator(".md-search-result__more").count() == 0  # nothing is folded away
    shown = first_three_shown(page.page)
    wanted = ANSWERS[question]
    hits = [(id_, text) for id_, text in shown if id_ in wanted]
    assert hits, f"{question!r}: the first three were {[id_ for id_, _ in shown]}; an answer is one of {wanted}"
    id_, text = hits[0]
    assert squeeze(own_text[id_])[:90] in text, f"{question!r}: {id_} shows {text[:200]!r}"
