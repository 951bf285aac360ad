"""A deadline as a calendar file (.ics) that Outlook, WPS and phone calendars import.

Pure: a fact in, bytes out. The event is all-day on the deadline, carries the cited sentence so
the reader can check it, and reminds one day ahead. Its UID is the fact's id, so importing the
same deadline again updates the entry instead of adding a second one.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from icalendar import Alarm, Calendar, Event

from bot.knowledge.schema import DeadlineFact

#: The calendar reminds this long before the deadline day begins.
REMIND_BEFORE = timedelta(days=1)
PRODUCT_ID = "-//campaignbot//质量月通知截止日期//ZH"


def deadline_summary(fact: DeadlineFact) -> str:
    what = fact.what or "材料"
    return f"截止报送{what}" + (f"至{fact.to}" if fact.to else "")


def deadline_ics(fact: DeadlineFact, *, title: str, place: str, stamp: datetime | None = None) -> bytes:
    """One all-day VEVENT for ``fact`` in a VCALENDAR; ``title`` and ``place`` name the notice."""
    day = date.fromisoformat(fact.date)
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    event = Event()
    event.add("uid", f"{fact.id}@campaignbot")
    event.add("dtstamp", stamp or datetime.now(UTC))
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("summary", f"{place}:{deadline_summary(fact)}" if place else deadline_summary(fact))
    stated = fact.render(place, set(fact.intents)) or []  # the deadline as answers state it
    event.add("description", "\n".join([*stated, f"出处:《{title}》{fact.section}", f"原文:“{fact.quote}”"]))
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", deadline_summary(fact))
    alarm.add("trigger", -REMIND_BEFORE)
    event.add_component(alarm)
    calendar.add_component(event)
    return calendar.to_ical()
