"""Two models -> what changed, and one merged view for the redline.

`compare(old, new)` aligns sections, paragraphs, headings and scenarios by stable
id and diffs words inside each aligned paragraph; `merged_view(old, new)` turns
that into the flat block view the Word writer draws, with change marks.
"""
from .changes import (
    BlockChange, Changes, Comparison, GlossaryChange, ItemChange, MetaChange, PartChange, PassageChange,
    ScenarioChange, SectionChange,
)
from .compare import compare
from .merge import merged_view

__all__ = ["compare", "merged_view", "Changes", "Comparison", "SectionChange", "BlockChange", "ItemChange", "ScenarioChange",
           "PartChange", "PassageChange", "GlossaryChange", "MetaChange"]
