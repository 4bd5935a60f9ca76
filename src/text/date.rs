//! Calendar dates without a time zone, as the program and profile files write them
//! (`YYYY-MM-DD`). Stored as days since 1970-01-01 so that comparisons and "in 90 days"
//! are plain integer arithmetic.

use std::fmt;

/// A civil date (proleptic Gregorian calendar).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(i32);

/// A month and day that recurs every year, such as a program's anniversary (`MM-DD`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MonthDay {
    pub month: u8,
    pub day: u8,
}

const MIN_YEAR: i32 = 1;
const MAX_YEAR: i32 = 9999;

impl Date {
    /// Builds a date, or `None` when the day does not exist (2026-02-30) or the year is
    /// outside 1..=9999.
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Date> {
        if !(MIN_YEAR..=MAX_YEAR).contains(&year) || !(1..=12).contains(&month) {
            return None;
        }
        if day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date(days_from_civil(year, month, day)))
    }

    /// Parses exactly `YYYY-MM-DD`.
    pub fn parse(text: &str) -> Option<Date> {
        let bytes = text.as_bytes();
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return None;
        }
        let year = parse_digits(&bytes[0..4])?;
        let month = parse_digits(&bytes[5..7])?;
        let day = parse_digits(&bytes[8..10])?;
        Date::from_ymd(year as i32, month, day)
    }

    pub fn days_since_epoch(self) -> i32 {
        self.0
    }

    pub fn from_days_since_epoch(days: i32) -> Date {
        Date(days)
    }

    /// The date `days` later (earlier when negative), saturating at the supported range.
    pub fn add_days(self, days: i64) -> Date {
        let lowest = days_from_civil(MIN_YEAR, 1, 1) as i64;
        let highest = days_from_civil(MAX_YEAR, 12, 31) as i64;
        Date((self.0 as i64 + days).clamp(lowest, highest) as i32)
    }

    pub fn ymd(self) -> (i32, u32, u32) {
        civil_from_days(self.0)
    }

    /// Whole days from `self` to `later` (negative when `later` is earlier).
    pub fn days_until(self, later: Date) -> i64 {
        later.0 as i64 - self.0 as i64
    }

    /// The first date strictly after `self` that falls on `anniversary`. February 29
    /// anniversaries fall on February 28 in common years.
    pub fn next_anniversary(self, anniversary: MonthDay) -> Date {
        let (year, _, _) = self.ymd();
        for candidate_year in year..=year + 1 {
            let day = (anniversary.day as u32).min(days_in_month(candidate_year, anniversary.month as u32));
            if let Some(candidate) = Date::from_ymd(candidate_year, anniversary.month as u32, day) {
                if candidate > self {
                    return candidate;
                }
            }
        }
        // Only reachable at the end of year 9999: saturate rather than fail.
        self
    }
}

impl MonthDay {
    /// Parses exactly `MM-DD` (February 29 allowed).
    pub fn parse(text: &str) -> Option<MonthDay> {
        let bytes = text.as_bytes();
        if bytes.len() != 5 || bytes[2] != b'-' {
            return None;
        }
        let month = parse_digits(&bytes[0..2])?;
        let day = parse_digits(&bytes[3..5])?;
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(2000, month) {
            return None;
        }
        Some(MonthDay { month: month as u8, day: day as u8 })
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

impl fmt::Display for MonthDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}-{:02}", self.month, self.day)
    }
}

impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

fn parse_digits(bytes: &[u8]) -> Option<u32> {
    let mut value = 0u32;
    for &b in bytes {
        if !b.is_ascii_digit() {
            return None;
        }
        value = value * 10 + (b - b'0') as u32;
    }
    Some(value)
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

// Howard Hinnant's days_from_civil / civil_from_days: exact for the whole supported range.
fn days_from_civil(year: i32, month: u32, day: u32) -> i32 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = (y - era * 400) as u32;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe as i32 - 719_468
}

fn civil_from_days(days: i32) -> (i32, u32, u32) {
    let z = days + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = (z - era * 146_097) as u32;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe as i32 + era * 400 + if month <= 2 { 1 } else { 0 };
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_round_trip() {
        for text in ["1970-01-01", "2024-02-29", "2026-11-25", "0001-01-01", "9999-12-31"] {
            assert_eq!(Date::parse(text).unwrap().to_string(), text);
        }
        assert_eq!(Date::parse("1970-01-02").unwrap().days_since_epoch(), 1);
    }

    #[test]
    fn rejects_impossible_or_malformed_dates() {
        for text in ["2026-02-29", "2026-13-01", "2026-00-10", "2026-1-01", "26-01-01", "2026/01/01", "", "2026-01-32", "+026-01-01"] {
            assert_eq!(Date::parse(text), None, "{text}");
        }
    }

    #[test]
    fn adds_days_across_leap_years() {
        let d = Date::parse("2024-02-28").unwrap();
        assert_eq!(d.add_days(1).to_string(), "2024-02-29");
        assert_eq!(d.add_days(2).to_string(), "2024-03-01");
        assert_eq!(d.add_days(366).to_string(), "2025-02-28");
        assert_eq!(d.days_until(Date::parse("2025-02-28").unwrap()), 366);
    }

    #[test]
    fn next_anniversary_is_strictly_after() {
        let july_first = MonthDay::parse("07-01").unwrap();
        let d = Date::parse("2026-07-01").unwrap();
        assert_eq!(d.next_anniversary(july_first).to_string(), "2027-07-01");
        let d = Date::parse("2026-06-30").unwrap();
        assert_eq!(d.next_anniversary(july_first).to_string(), "2026-07-01");
        let leap = MonthDay::parse("02-29").unwrap();
        assert_eq!(Date::parse("2026-01-10").unwrap().next_anniversary(leap).to_string(), "2026-02-28");
    }
}
