"""The Member/Officer Relations Protocol toolkit: load the sources into one model, check it, write Word, the website and redlines."""
