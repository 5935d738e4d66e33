"""The command line's commands, one module per group; ``reader.cli`` builds the parser.

Each module has ``register(sub, common)`` adding its subcommands. Everything here is on
a command's start-up path: import only the standard library and cheap ``reader.core``
modules at the top; whoosh, Qt, trafilatura and lxml load inside the commands that use
them (a test checks the search path stays light).
"""
