"""Belgian tax-benefit legislation: one package per programme, on top of ``mimosis.engine``.

The spine: ``entities`` (the four entities and their roles), ``inputs`` (the shared input
variables), ``population`` (populations from columns or case households), ``income`` (net and
disposable income), ``system`` (the programmes, listed explicitly) and ``cases`` (case files:
loading, computing, checking). Nothing is built at import time; see
docs/legislation-guide.md.
"""
