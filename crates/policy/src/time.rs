//! Dates and times as the `Date` condition operators see them: ISO 8601
//! text or epoch seconds, converted to seconds since 1970-01-01T00:00:00Z.
//!
//! There is no clock here (the crate has no I/O and runs on wasm); the
//! current time is whatever the caller puts in `aws:CurrentTime`. Calendar
//! arithmetic uses Howard Hinnant's `days_from_civil` / `civil_from_days`
//! (proleptic Gregorian calendar), valid for every `i64` day count used here.

/// Seconds in a day.
const DAY: i64 = 86_400;

/// Parses a date and time into epoch seconds (UTC).
///
/// Accepted forms:
///
/// - `2026-11-22T09:00:00Z`, with fractional seconds (`09:00:00.123Z`,
///   truncated to the second), without seconds (`2026-11-22T09:00Z`);
/// - with an offset instead of `Z`: `+09:00`, `-0500`, `+09`; a time with
///   no zone at all is taken as UTC;
/// - a date alone, `2026-11-22`, meaning midnight UTC;
/// - epoch seconds, all digits (`1795338000`), optionally with a fraction
///   (`1795338000.5`, truncated), as AWS accepts for `aws:EpochTime`.
///
/// Every field is range-checked (month 1–12, day within the month with
/// leap years, hour 0–23, minute and second 0–59, offset below 24 hours).
/// Returns `None` for anything else; never panics.
pub fn parse_datetime(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.is_empty() || b.len() > 64 {
        return None;
    }
    if let Some(secs) = parse_epoch(s) {
        return Some(secs);
    }
    let mut p = Cursor { b, i: 0 };
    let year = p.digits(4)?;
    p.byte(b'-')?;
    let month = p.digits(2)?;
    p.byte(b'-')?;
    let day = p.digits(2)?;
    if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
        return None;
    }
    let days = days_from_civil(year, month, day);
    if p.done() {
        return days.checked_mul(DAY);
    }
    p.byte(b'T')?;
    let hour = p.digits(2)?;
    p.byte(b':')?;
    let minute = p.digits(2)?;
    let mut second = 0;
    if p.peek() == Some(b':') {
        p.i += 1;
        second = p.digits(2)?;
        if p.peek() == Some(b'.') || p.peek() == Some(b',') {
            p.i += 1;
            let start = p.i;
            while p.peek().is_some_and(|c| c.is_ascii_digit()) {
                p.i += 1;
            }
            if p.i == start {
                return None;
            }
        }
    }
    if hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    let offset = match p.peek() {
        None => 0,
        Some(b'Z') => {
            p.i += 1;
            0
        }
        Some(sign @ (b'+' | b'-')) => {
            p.i += 1;
            let oh = p.digits(2)?;
            let om = match p.peek() {
                None => 0,
                Some(b':') => {
                    p.i += 1;
                    p.digits(2)?
                }
                Some(_) => p.digits(2)?,
            };
            if oh > 23 || om > 59 {
                return None;
            }
            let off = oh * 3600 + om * 60;
            if sign == b'-' {
                -off
            } else {
                off
            }
        }
        Some(_) => return None,
    };
    if !p.done() {
        return None;
    }
    let local = days.checked_mul(DAY)?.checked_add(hour * 3600 + minute * 60 + second)?;
    local.checked_sub(offset)
}

/// `digits` or `digits.digits`: epoch seconds (fraction truncated).
fn parse_epoch(s: &str) -> Option<i64> {
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    if int.is_empty() || !int.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    if let Some(f) = frac {
        if f.is_empty() || !f.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
    }
    int.parse::<i64>().ok()
}

struct Cursor<'a> {
    b: &'a [u8],
    i: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn done(&self) -> bool {
        self.i >= self.b.len()
    }

    fn byte(&mut self, want: u8) -> Option<()> {
        if self.peek() == Some(want) {
            self.i += 1;
            Some(())
        } else {
            None
        }
    }

    /// Exactly `n` ASCII digits as a number.
    fn digits(&mut self, n: usize) -> Option<i64> {
        let mut v: i64 = 0;
        for _ in 0..n {
            let c = self.peek().filter(u8::is_ascii_digit)?;
            v = v * 10 + i64::from(c - b'0');
            self.i += 1;
        }
        Some(v)
    }
}

/// Whether `year` is a leap year in the proleptic Gregorian calendar.
pub fn is_leap_year(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

/// Days in `month` (1–12) of `year`; 0 for a month out of range.
pub fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Days since 1970-01-01 of a (valid) civil date.
pub fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400; // [0, 399]
    let mp = (month + 9) % 12; // March = 0
    let doy = (153 * mp + 2) / 5 + day - 1; // [0, 365]
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy; // [0, 146096]
    era * 146_097 + doe - 719_468
}

/// The civil date `(year, month, day)` of a day count since 1970-01-01.
pub fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days.saturating_add(719_468);
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097; // [0, 146096]
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365; // [0, 399]
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // [0, 365]
    let mp = (5 * doy + 2) / 153; // [0, 11]
    let day = doy - (153 * mp + 2) / 5 + 1; // [1, 31]
    let month = if mp < 10 { mp + 3 } else { mp - 9 }; // [1, 12]
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// Formats epoch seconds as `2026-11-22T09:00:00Z` (UTC, whole seconds).
/// Years outside 0–9999 are written with as many digits as they need
/// (and a `-` sign before year 0).
pub fn format_iso8601(secs: i64) -> String {
    let days = secs.div_euclid(DAY);
    let rem = secs.rem_euclid(DAY);
    let (y, m, d) = civil_from_days(days);
    if !(0..=9999).contains(&y) {
        return format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z", rem / 3600, rem % 3600 / 60, rem % 60);
    }
    // The common case without the formatting machinery (it runs for every
    // request's `aws:CurrentTime`): digits into a fixed buffer.
    let mut b = *b"0000-00-00T00:00:00Z";
    let mut put = |at: usize, width: usize, v: i64| {
        let mut v = v;
        for i in (at..at + width).rev() {
            if let Some(slot) = b.get_mut(i) {
                *slot = b'0' + (v % 10) as u8;
            }
            v /= 10;
        }
    };
    put(0, 4, y);
    put(5, 2, m);
    put(8, 2, d);
    put(11, 2, rem / 3600);
    put(14, 2, rem % 3600 / 60);
    put(17, 2, rem % 60);
    String::from_utf8_lossy(&b).into_owned()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const T: i64 = 1_795_338_000; // 2026-11-22T09:00:00Z

    #[test]
    fn iso_forms() {
        assert_eq!(parse_datetime("2026-11-22T09:00:00Z"), Some(T));
        assert_eq!(parse_datetime("2026-11-22T09:00:00.123Z"), Some(T));
        assert_eq!(parse_datetime("2026-11-22T09:00:00.999999999Z"), Some(T));
        assert_eq!(parse_datetime("2026-11-22T09:00Z"), Some(T));
        assert_eq!(parse_datetime("2026-11-22T09:00:00"), Some(T));
        assert_eq!(parse_datetime("2026-11-22T18:00:00+09:00"), Some(T));
        assert_eq!(parse_datetime("2026-11-22T04:00:00-0500"), Some(T));
        assert_eq!(parse_datetime("2026-11-22T04:00:00-05"), Some(T));
        assert_eq!(parse_datetime("2026-11-22T09:00:00+00:00"), Some(T));
        assert_eq!(parse_datetime("2026-11-22"), Some(T - 9 * 3600));
        assert_eq!(parse_datetime("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(parse_datetime("1969-12-31T23:59:59Z"), Some(-1));
        assert_eq!(parse_datetime("2000-02-29T00:00:00Z"), Some(951_782_400));
        assert_eq!(parse_datetime("0000-01-01"), Some(-62_167_219_200));
        assert_eq!(parse_datetime("9999-12-31T23:59:59Z"), Some(253_402_300_799));
    }

    #[test]
    fn epoch_forms() {
        assert_eq!(parse_datetime("1795338000"), Some(T));
        assert_eq!(parse_datetime("1795338000.75"), Some(T));
        assert_eq!(parse_datetime("0"), Some(0));
        assert_eq!(parse_datetime("99999999999999999999999"), None);
        assert_eq!(parse_datetime("1795338000."), None);
        assert_eq!(parse_datetime(".5"), None);
        assert_eq!(parse_datetime("-1"), None);
        assert_eq!(parse_datetime("+1"), None);
    }

    #[test]
    fn rejects_out_of_range_and_malformed() {
        for s in [
            "",
            " 2026-11-22",
            "2026-11-22 ",
            "2026-13-01",
            "2026-00-10",
            "2026-11-00",
            "2026-11-31",
            "2026-02-29",
            "1900-02-29",
            "2026-11-22T24:00:00Z",
            "2026-11-22T09:60:00Z",
            "2026-11-22T09:00:60Z",
            "2026-11-22T09:00:00.Z",
            "2026-11-22T09Z",
            "2026-11-22T9:00:00Z",
            "2026-11-22T09:00:00+24:00",
            "2026-11-22T09:00:00+09:60",
            "2026-11-22T09:00:00+9",
            "2026-11-22T09:00:00ZZ",
            "2026-11-22T",
            "2026-11-2",
            "26-11-22",
            "2026/11/22",
            "abc",
            "２０２６-11-22",
        ] {
            assert_eq!(parse_datetime(s), None, "{s}");
        }
        // Eight digits are epoch seconds, not a basic-format date.
        assert_eq!(parse_datetime("20261122"), Some(20_261_122));
    }

    #[test]
    fn formats() {
        assert_eq!(format_iso8601(T), "2026-11-22T09:00:00Z");
        assert_eq!(format_iso8601(0), "1970-01-01T00:00:00Z");
        assert_eq!(format_iso8601(-1), "1969-12-31T23:59:59Z");
        assert_eq!(format_iso8601(951_782_400), "2000-02-29T00:00:00Z");
        // Extremes do not panic.
        let _ = format_iso8601(i64::MAX);
        let _ = format_iso8601(i64::MIN);
    }

    #[test]
    fn leap_years() {
        assert!(is_leap_year(2000) && is_leap_year(2024) && !is_leap_year(1900) && !is_leap_year(2026));
        assert_eq!(days_in_month(2024, 2), 29);
        assert_eq!(days_in_month(2026, 2), 28);
        assert_eq!(days_in_month(2026, 13), 0);
    }

    proptest! {
        #[test]
        fn round_trip(secs in -62_167_219_200i64..253_402_300_800i64) {
            let text = format_iso8601(secs);
            prop_assert_eq!(parse_datetime(&text), Some(secs));
        }

        #[test]
        fn fast_formatting_is_the_formatted_text(secs in -62_167_219_200i64..253_402_300_800i64) {
            let (y, m, d) = civil_from_days(secs.div_euclid(DAY));
            let rem = secs.rem_euclid(DAY);
            let slow = format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z", rem / 3600, rem % 3600 / 60, rem % 60);
            prop_assert_eq!(format_iso8601(secs), slow);
        }

        #[test]
        fn days_round_trip(days in -10_000_000i64..10_000_000i64) {
            let (y, m, d) = civil_from_days(days);
            prop_assert!((1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m));
            prop_assert_eq!(days_from_civil(y, m, d), days);
        }

        #[test]
        fn never_panics(s in "\\PC{0,40}") {
            let _ = parse_datetime(&s);
        }

        #[test]
        fn never_panics_on_date_like(s in "[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{0,3})?)?([Z+-][0-9:]{0,5})?)?") {
            if let Some(t) = parse_datetime(&s) {
                // Whatever parses formats back to something that parses.
                prop_assert!(parse_datetime(&format_iso8601(t)).is_some());
            }
        }

        #[test]
        fn format_never_panics(secs in any::<i64>()) {
            let _ = format_iso8601(secs);
        }
    }
}
