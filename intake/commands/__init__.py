"""Sub-commands of the `intake` command line, one module each, registered by `intake.cli`.

Each module exposes `register(subparsers)`, which adds its parser and sets `handler` to a
function `(args) -> int`. Modules import their heavy dependencies inside the handler.
"""
