"""The Telegram adapter: application wiring, handlers, admin commands, formatting, buttons.

The core (ingest, knowledge, answering) never imports this package.
"""
