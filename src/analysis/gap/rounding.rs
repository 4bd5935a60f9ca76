//! The values a plan asks for, rounded as a person would enter them.

/// What a person would enter in a number field, and so what a plan asks for: whole numbers
/// for whole-number fields and percentages, money in steps of its size (three significant
/// digits, never cents: 410,677.86 is asked as 411,000), hundredths otherwise.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Rounding {
    Whole,
    Money,
    Hundredth,
}

impl Rounding {
    pub(crate) fn of(integer: bool, unit: Option<&str>, currency: Option<&str>) -> Rounding {
        let is_code = |u: &str| u.len() == 3 && u.bytes().all(|b| b.is_ascii_uppercase());
        match unit {
            _ if integer => Rounding::Whole,
            Some("percent") => Rounding::Whole,
            Some(u) if Some(u) == currency || is_code(u) => Rounding::Money,
            _ => Rounding::Hundredth,
        }
    }

    /// The step of the values asked for around `x`.
    fn step(self, x: f64) -> f64 {
        match self {
            Rounding::Whole => 1.0,
            Rounding::Hundredth => 0.01,
            Rounding::Money if x.abs() < 1000.0 => 1.0,
            // Three significant digits: 10^(digits - 3).
            Rounding::Money => 10f64.powi(x.abs().log10().floor() as i32 - 2),
        }
    }

    /// The least value a person would enter at or above `x`.
    pub(crate) fn up(self, x: f64) -> f64 {
        let step = self.step(x);
        // A hair under a step stays on it (a float just above a whole number is that number).
        let steps = (x / step - 1e-9).ceil();
        round_to(steps * step, step)
    }

    /// The least value a person would enter above `x`.
    pub(crate) fn above(self, x: f64) -> f64 {
        let step = self.step(x);
        round_to(((x / step) + 1e-9).floor() * step + step, step)
    }
}

/// `x` without the float noise a multiplication by a step leaves (0.07 rather than 0.0700…01).
fn round_to(x: f64, step: f64) -> f64 {
    if step >= 1.0 {
        x.round()
    } else {
        (x * 100.0).round() / 100.0
    }
}
