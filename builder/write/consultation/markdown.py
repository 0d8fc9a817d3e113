"""The consultation log as Markdown: readable in a text editor, and a table where Markdown is rendered.

Every piece of text from a copy is escaped (`md`), so a consultee's `<b>` stays `<b>` and a `|` cannot break
the table."""
from __future__ import annotations

import re

from ...consultation import Consultation
from ...model import Metadata
from .log_wording import changed, copy_line, status, threads

_MD = re.compile(r"([\\`*_\[\]<>|&~#])")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_SPACES = re.compile(r"\s+")


def md(text: str) -> str:
    """Text from a copy made safe in Markdown: no markup, no HTML, no table breaks, one line (white space
    folded, a space at either end kept)."""
    return _MD.sub(r"\\\1", _SPACES.sub(" ", _CONTROL.sub(" ", text)))


def markdown(c: Consultation, meta: Metadata) -> str:
    lines = [f"# Consultation log: {md(meta.title)}", "",
             f"{md(meta.council)}. Responses to {md(c.draft)}. Deleted words are marked \\[deleted: …\\], "
             "inserted words \\[inserted: …\\]; ¶ marks where one paragraph ends and the next begins. "
             "Record the decision (accept, reject or amend) and its reason in the last two columns.", "",
             "## Copies read", ""]
    lines += [f"- {md(copy_line(r, c.version))}" for r in c.reports]
    lines += ["", "## Suggestions", ""]
    if not c.suggestions:
        lines.append("No copy holds a tracked change or a comment.")
    else:
        lines += ["| No. | Paragraph | Consultee | Suggested change | Comments and replies | What happens | Decision "
                  "| Reason |", "| ---: | --- | --- | --- | --- | --- | --- | --- |"]
        for n, s in enumerate(c.suggestions, start=1):
            where = md(s.where) + (f" `{s.block_id}`" if s.block_id else "")
            who = md(", ".join(s.consultees) or "(no name)") + f" ({md(s.copy)})"
            said = " / ".join(md(t) for t in threads(s))
            lines.append(f"| {n} | {where} | {who} | {md(s.what.capitalize())}: {changed(s.change, md)} | {said} | "
                         f"{md(status(s))} |  |  |")
    differ = [(r.name, m) for r in c.reports for m in r.differ]
    if differ:
        lines += ["", "## Paragraphs that do not match the sources", "",
                  "Their words in the copy (before any tracked change) are not the words of the sources: the copy "
                  "was edited without track changes, or the sources changed since it was built. A suggestion on one "
                  "of them is applied only where every sentence it changes still reads as in the copy.", "",
                  "| Copy | Paragraph | From the sources' words to the copy's |", "| --- | --- | --- |"]
        lines += [f"| {md(name)} | {md(m.where)} | {changed(m.change, md)} |" for name, m in differ]
    return "\n".join(lines) + "\n"
