"""A deadline as an .ics file: it parses with the same library and holds the right day,
the cited sentence and a reminder; the same deadline keeps the same UID."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from icalendar import Calendar

from bot.calendar_file import REMIND_BEFORE, deadline_ics
from bot.knowledge.schema import DeadlineFact, cn_date


def fact(day: str, **fields: str) -> DeadlineFact:
    return DeadlineFact(id="n:deadline:1", doc="n", section="五、活动要求", quote=f"请于{day}前报送总结。",
                        date=day, **fields)


@pytest.mark.parametrize(
    ("deadline", "what", "to"),
    [
        ("2025-10-08", "活动总结", "省市场监管局质量发展处"),
        ("2024-12-31", "", ""),  # a deadline that names neither what nor to whom
        ("2026-02-28", "统计表", "市质量强市办"),
    ],
)
def test_the_calendar_file_is_one_all_day_event_on_the_deadline(deadline: str, what: str, to: str) -> None:
    data = deadline_ics(fact(deadline, what=what, to=to), title="关于开展质量月活动的通知", place="某市 2025年")
    [event] = Calendar.from_ical(data).walk("VEVENT")
    day = date.fromisoformat(deadline)
    assert event.decoded("dtstart") == day and event.decoded("dtend") == day + timedelta(days=1)
    assert "某市 2025年" in str(event["summary"]) and (what in str(event["summary"]))
    assert "关于开展质量月活动的通知" in str(event["description"]) and f"请于{deadline}前" in str(event["description"])
    assert f"请于{cn_date(deadline)}前" in str(event["description"])  # stated as answers state it
    [alarm] = event.walk("VALARM")
    assert alarm.decoded("trigger") == -REMIND_BEFORE


def test_the_same_deadline_keeps_its_uid_so_a_reimport_updates_it() -> None:
    first = Calendar.from_ical(deadline_ics(fact("2025-10-08"), title="t", place=""))
    again = Calendar.from_ical(deadline_ics(fact("2025-10-08"), title="t", place=""))
    assert first.walk("VEVENT")[0]["uid"] == again.walk("VEVENT")[0]["uid"] == "n:deadline:1@campaignbot"
