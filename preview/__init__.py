"""Live preview for staff (``bash scripts/serve.sh``): one warm process that survives mistakes and rebuilds fast.

``mkdocs serve`` hangs every browser request while the data holds a mistake, stops on a page typo, prints about
seventy lines per rebuild and rebuilds both languages in full. This package keeps MkDocs' own build and live-reload
server, and adds what staff need around them: the checks run first and a mistake leaves the last good site served
with the message on every page (``server``), only the pages whose content changed are written again (``build``),
and the terminal says the address, the problems and "fixed" (``__main__``).
"""
