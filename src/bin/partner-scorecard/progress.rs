//! A progress line on standard error for long runs, only when it is a terminal: a pipeline's
//! log gets no carriage returns. Written by hand (a few lines) rather than with indicatif,
//! which would add a dependency and its own for one line of text.

use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

pub struct Progress {
    enabled: bool,
    start: Instant,
    last: Instant,
    /// The input's size in bytes, when known.
    total: Option<u64>,
    drawn: bool,
}

impl Progress {
    pub fn new(quiet: bool, total: Option<u64>) -> Progress {
        let now = Instant::now();
        Progress { enabled: !quiet && std::io::stderr().is_terminal(), start: now, last: now, total, drawn: false }
    }

    /// After `rows` partners and `bytes` of the input: redrawn at most five times a second,
    /// and only once the run has taken a second (short runs show nothing).
    pub fn update(&mut self, rows: usize, bytes: u64) {
        let now = Instant::now();
        if !self.enabled || now - self.last < Duration::from_millis(200) || now - self.start < Duration::from_secs(1) {
            return;
        }
        self.last = now;
        let seconds = (now - self.start).as_secs_f64();
        let rate = rows as f64 / seconds.max(1e-9);
        let mut line = format!("\r{} partners, {}/s", grouped(rows as u64), grouped(rate as u64));
        if let Some(total) = self.total.filter(|&t| t > 0) {
            let done = (bytes as f64 / total as f64).clamp(0.0, 1.0);
            let filled = (done * 30.0) as usize;
            line = format!("\r[{}{}] {:>3.0} % {}", "#".repeat(filled), " ".repeat(30 - filled), done * 100.0, &line[1..]);
            if done > 0.0 {
                line.push_str(&format!(", {:.0} s left", seconds / done - seconds));
            }
        }
        line.push_str("\x1b[K");
        let mut err = std::io::stderr().lock();
        let _ = err.write_all(line.as_bytes());
        let _ = err.flush();
        self.drawn = true;
    }

    /// Clears the line, so that what follows starts clean.
    pub fn finish(&mut self) {
        if self.drawn {
            let _ = std::io::stderr().write_all(b"\r\x1b[K");
            self.drawn = false;
        }
    }
}

/// 1234567 as "1,234,567".
pub fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn thousands_are_grouped() {
        assert_eq!(super::grouped(0), "0");
        assert_eq!(super::grouped(999), "999");
        assert_eq!(super::grouped(1_234_567), "1,234,567");
    }
}
