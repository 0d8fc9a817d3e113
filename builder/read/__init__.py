"""Readers: documents from elsewhere turned into the model (as pandoc's readers do).

- `archive`: an untrusted .docx opened safely (bounded sizes, no DTD, no macros or embedded objects read);
- `docx_package`: its WordprocessingML read into plain records: paragraphs with style, outline level,
  displayed number, runs (bold, links, tracked changes), tables, notes, images and comments;
- `numbering`: Word's list numbering (numbering.xml) worked out to the numbers Word displays;
- `labels`: typed numbers ("4.3", "(a)", "(iv)") read as values;
- `structure`: sections, paragraphs, sub-items, sub-headings and the glossary recognised in those records;
- `crossrefs`: "see paragraph 4.3" typed as text turned into [[id]] references.
"""
