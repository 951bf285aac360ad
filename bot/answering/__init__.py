"""Answering: question in, cited answer out — query, retrieval, engine, answer, conversation.

Pure core: no file, network or Telegram access happens here.
"""
