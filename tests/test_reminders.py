"""Deadline reminders (pure part): the due stage is chosen by days left, past deadlines are
never due, a region covers the places inside it. The Telegram side is tested with the bot."""

from __future__ import annotations

from datetime import date

import pytest

from bot.knowledge import Knowledge
from bot.regions import regions
from bot.reminders import due_deadlines, reminder_text

TIANSHUI = "tianshui-2016-quality-month-notice"  # its deadline: 2016-09-25


@pytest.mark.parametrize(
    ("today", "stage", "left"),
    [
        ("2016-09-18", 7, "还有7天"),
        ("2016-09-20", 7, "还有5天"),  # a bot down on the 7-day mark still sends that stage, late
        ("2016-09-22", 3, "还有3天"),
        ("2016-09-24", 1, "还有1天"),
        ("2016-09-25", 0, "今天截止"),
    ],
)
def test_a_deadline_is_due_at_the_nearest_stage_ahead(knowledge: Knowledge, today: str, stage: int, left: str) -> None:
    [due] = due_deadlines(knowledge, date.fromisoformat(today), regions=[regions().by_name["天水市"]])
    assert (due.stage, due.left) == (stage, left)
    assert f"({left})" in reminder_text(due) and "出处:《" in reminder_text(due)


@pytest.mark.parametrize("today", ["2016-09-26", "2016-09-01", "2015-09-20"])
def test_no_reminder_for_a_past_or_distant_deadline(knowledge: Knowledge, today: str) -> None:
    assert due_deadlines(knowledge, date.fromisoformat(today), regions=[regions().by_name["天水市"]]) == []


def test_a_province_subscription_covers_its_cities_and_no_other_province(knowledge: Knowledge) -> None:
    today = date(2016, 9, 20)
    assert [d.meta.doc for d in due_deadlines(knowledge, today, regions=[regions().by_name["甘肃省"]])] == [TIANSHUI]
    assert due_deadlines(knowledge, today, regions=[regions().by_name["四川省"]]) == []


def test_an_announcement_lists_the_notices_key_facts_each_cited(knowledge: Knowledge) -> None:
    from bot.reminders import announcement_text

    text = announcement_text(knowledge.documents["tianshui-2016-quality-month-notice"], date(2016, 9, 1))
    assert text.startswith("📢 新通知:《")
    facts = [line for line in text.splitlines() if line.startswith("• ")]
    sources = [line for line in text.splitlines() if line.startswith("  出处:")]
    assert len(facts) == len(sources) >= 3
    assert "(还有24天)" in text  # the deadline counts down
