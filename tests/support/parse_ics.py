"""Reads an iCalendar text on stdin with Python's `icalendar` (an
independent parser) and prints its events as JSON on stdout:

    python3 tests/support/parse_ics.py < feed.ics

Fails (non-zero exit) on text it cannot parse.
"""

import json
import sys

import icalendar


def main() -> None:
    cal = icalendar.Calendar.from_ical(sys.stdin.read())
    events = []
    for event in cal.walk("VEVENT"):
        alarms = [
            str(a.get("TRIGGER").to_ical(), "ascii") for a in event.walk("VALARM")
        ]
        events.append(
            {
                "uid": str(event.get("UID")),
                "sequence": int(event.get("SEQUENCE", 0)),
                "status": str(event.get("STATUS", "")),
                "summary": str(event.get("SUMMARY", "")),
                "description": str(event.get("DESCRIPTION", "")),
                "url": str(event.get("URL", "")),
                "dtstart": event.decoded("DTSTART").isoformat(),
                "dtend": event.decoded("DTEND").isoformat(),
                "dtstamp": event.decoded("DTSTAMP").isoformat(),
                "alarms": alarms,
            }
        )
    print(
        json.dumps(
            {"method": str(cal.get("METHOD", "")), "events": events},
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
