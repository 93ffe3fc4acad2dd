"""The MkDocs layer: the plugin (`plugin.JobdescPlugin`), its typed config, and the events it uses. The
only part of the package that imports MkDocs at import time."""
