"""Block generators: one module per catalogue block, each a function ``(ctx) -> tables``."""
