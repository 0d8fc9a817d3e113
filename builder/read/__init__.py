"""Readers: documents from elsewhere turned into the model (as pandoc's readers do).

- `archive`: an untrusted .docx opened safely (bounded sizes, no DTD, no macros or embedded objects read);
- `docx_package`: its WordprocessingML read into plain records: paragraphs with style, outline level,
  displayed number, runs (bold, links, tracked changes), tables, notes, images and comments;
- `numbering`: Word's list numbering (numbering.xml) worked out to the numbers Word displays;
- `labels`: typed numbers ("4.3", "(a)", "(iv)") read as values;
- `structure`: sections, paragraphs, sub-items, sub-headings and the glossary recognised in those records;
- `definitions`: a glossary from a definitions table or a list of definitions;
- `metadata`: title, council, version, date and owner from the properties or the title page;
- `draft`: what was recognised, before it is the model (each element with the number the document showed);
- `ids`: stable ids (kept from the toolkit's own bookmarks, else made as `protocol ids` makes them);
- `crossrefs`: "see paragraph 4.3" typed as text turned into [[id]] references;
- `protocol`: the draft as the model (builder.model.Protocol), which builder.write.sources writes as files;
- `verify`: the numbers the imported tree builds to, compared with the ones the document showed;
- `report`: what `protocol import` tells the author;
- `responses`: a consultee's copy of the draft's Word document (`protocol responses`): its paragraphs as they
  were before the tracked changes, each under the toolkit bookmark above it, the passages the consultee changed
  or commented on, and the comment threads (matched with the sources by builder.consultation).

`protocol import` (builder.commands.import) reads and recognises the document (docx_package, structure),
gives ids and resolves cross-references, writes the tree (builder.write.sources), checks it as `protocol
check` does (builder.check.check_root), then compares the numbers (verify) and reports. Readers match WordprocessingML element names (in
Clark notation, '{namespace}p') but never write markup: that is builder.write.docx.xml's alone.
"""
