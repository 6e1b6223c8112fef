# Dates, times and time zones (domain/format.rs, ui/components/local_time.rs).
# $n: the month (1–12) or the day of the week (1 = Monday … 7 = Sunday).

format-month = { $n ->
    [1] January
    [2] February
    [3] March
    [4] April
    [5] May
    [6] June
    [7] July
    [8] August
    [9] September
    [10] October
    [11] November
   *[12] December
}
format-month-short = { $n ->
    [1] Jan
    [2] Feb
    [3] Mar
    [4] Apr
    [5] May
    [6] Jun
    [7] Jul
    [8] Aug
    [9] Sep
    [10] Oct
    [11] Nov
   *[12] Dec
}
format-weekday = { $n ->
    [1] Monday
    [2] Tuesday
    [3] Wednesday
    [4] Thursday
    [5] Friday
    [6] Saturday
   *[7] Sunday
}
# "November 26, 2026", "Nov 12"
format-date = { $month } { $day }, { $year }
format-date-short = { $month } { $day }
# $hour24 and $minute on two digits; $hour12 from 1 to 12, $ampm "am" or "pm".
format-time = { $hour12 }:{ $minute } { $ampm ->
    [am] AM
   *[pm] PM
}
# "Thursday, November 26, 2026, 7:00 PM"
format-datetime = { $weekday }, { $date }, { $time }
# A formation's time zone, named by its city: "Paris time".
format-zone = { $city } time
# "Thursday, November 26, 2026, 7:00 PM (Paris time)"
format-in-zone = { $when } ({ $zone })
# After the reader's local time, the formation's: "7:00 PM in Paris".
format-elsewhere = { $time } in { $city }
# A schedule written by hand, with its zone: "Tue-Thu, 7-9 pm (Paris time)"
format-schedule = { $schedule } ({ $zone })
# A period: "January 15, 2024 – February 15, 2024"
format-period = { $from } – { $to }
