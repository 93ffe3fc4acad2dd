"""The core library: read and check the YAML, build the typed model (no MkDocs, no templates).

`yamlload` and `yamlsyntax` read a file and place every value; `validate` checks it against the schema
(`fields` writes the facts' part of it) and builds `model.Handbook`; `text` is the text policy,
`messages` and `labels` the words in every language, `translations` the record of checked translations,
`status` what is missing or outdated, `hbcache` keeps a checked handbook on disk (`cachelock`: one
writer at a time, and readers wait for it).
"""
