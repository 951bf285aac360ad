# campaignbot: the Telegram bot that answers questions about 质量月 notices.
#
#   docker build -t campaignbot .
#   docker run -d --name campaignbot --restart unless-stopped \
#       -e TELEGRAM_BOT_TOKEN=... -e CAMPAIGNBOT_ADMIN_IDS=123456789 \
#       -v campaignbot-state:/var/lib/campaignbot campaignbot
#
# The image carries the code, the notices (data/) and the knowledge built from them
# (knowledge/). Everything the bot changes at run time — uploaded notices, the knowledge that
# /reload writes, and the SQLite query log — lives on the volume /var/lib/campaignbot. On the
# first start with an empty volume, data/ and knowledge/ are copied there from the image.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# tzdata: deadlines are counted in Asia/Shanghai (the bot falls back to a fixed UTC+8 without it).
RUN apt-get update \
    && apt-get install -y --no-install-recommends tzdata \
    && rm -rf /var/lib/apt/lists/*

RUN useradd --create-home --uid 10001 --user-group --shell /usr/sbin/nologin campaignbot \
    && mkdir -p /var/lib/campaignbot \
    && chown campaignbot:campaignbot /var/lib/campaignbot

WORKDIR /app

# Dependencies first, in their own layer: a code change does not reinstall them.
COPY pyproject.toml ./
RUN mkdir bot && touch bot/__init__.py && pip install -e . && rm -rf bot

# The code, then the same install command as in the README (no network needed: deps are in).
COPY bot ./bot
RUN pip install --no-deps -e .

# The notices and the knowledge built from them, baked in as the seed for the volume.
COPY data ./data
COPY knowledge ./knowledge
RUN chown -R campaignbot:campaignbot /app

# On the first start with an empty volume, copy the seed data/ and knowledge/ onto it.
RUN printf '%s\n' \
    '#!/bin/sh' \
    'set -e' \
    'if [ -z "$(ls -A "$CAMPAIGNBOT_DATA_DIR" 2>/dev/null)" ]; then' \
    '  mkdir -p "$CAMPAIGNBOT_DATA_DIR" && cp -R /app/data/. "$CAMPAIGNBOT_DATA_DIR"/' \
    'fi' \
    'if [ -z "$(ls -A "$CAMPAIGNBOT_KNOWLEDGE_DIR" 2>/dev/null)" ]; then' \
    '  mkdir -p "$CAMPAIGNBOT_KNOWLEDGE_DIR" && cp -R /app/knowledge/. "$CAMPAIGNBOT_KNOWLEDGE_DIR"/' \
    'fi' \
    'exec "$@"' \
    > /usr/local/bin/campaignbot-entrypoint \
    && chmod 755 /usr/local/bin/campaignbot-entrypoint

ENV CAMPAIGNBOT_DATA_DIR=/var/lib/campaignbot/data \
    CAMPAIGNBOT_KNOWLEDGE_DIR=/var/lib/campaignbot/knowledge \
    CAMPAIGNBOT_DB=/var/lib/campaignbot/campaignbot.sqlite3 \
    CAMPAIGNBOT_TIMEZONE=Asia/Shanghai

USER campaignbot
VOLUME ["/var/lib/campaignbot"]
# Only used in webhook mode (CAMPAIGNBOT_WEBHOOK_URL set); long polling needs no port.
EXPOSE 8443

# Seed an empty volume from the image, then run the command (CMD) as PID 1.
ENTRYPOINT ["campaignbot-entrypoint"]
CMD ["campaignbot", "run"]
