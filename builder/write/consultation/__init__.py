"""The consultation log: what consultees suggested in their copies of the draft, for the Monitoring Officer.

One row per suggestion (a paragraph a consultee changed or commented on, per copy), suggestions on the same
paragraph side by side: where it is (number and id), who (revision and comment authors), the words deleted
and inserted, the comment threads, whether it can be applied automatically, and empty Decision and Reason
columns. Written three ways from the same `builder.consultation.Consultation`, in the same words
(`phrases`):

- `word.write_log(consultation, meta, path)`: a landscape Word table (reproducible bytes);
- `markdown.markdown(consultation, meta)`: for reading in a text editor;
- `json_log.as_json(consultation, meta)`: for tools.

Every piece of text that came from a copy (names, comments, words) is escaped for the format it is written in.
"""
from __future__ import annotations

LOG_STEM = "consultation-log"
