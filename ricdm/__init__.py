"""RICDM site data layer: load, validate and render the network's report data.

Independent of MkDocs on purpose: the generator may change, the data must not.
The MkDocs side lives in ``mkdocs_hooks.py`` and ``macros.py``.
"""
