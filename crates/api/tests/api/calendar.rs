//! Calendars: the iCalendar files of events, read back by two independent parsers.
