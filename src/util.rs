//! Small helpers kept deliberately simple for the size of the wasm binary.

use std::cmp::Ordering;

/// Stable sort by a comparison, O(n log n) comparisons and moves.
///
/// Not the standard library's sorts: every use instantiates several kilobytes of code (they
/// were a tenth of the wasm binary). This one sorts an index permutation with one heap sort
/// that is compiled once for every element type and comparison (it only sees indexes), then
/// moves the items into place; per use only the two small wrappers are instantiated.
pub(crate) fn sort_by<T>(items: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    if items.len() < 2 {
        return;
    }
    // `get`, not indexing: the indexes are in range, and each use would otherwise carry its
    // own bounds-check panic path.
    let order = sorted_indexes(items.len(), &mut |a, b| match (items.get(a), items.get(b)) {
        (Some(x), Some(y)) => compare(x, y),
        _ => Ordering::Equal,
    });
    apply_permutation(items, order);
}

/// Ascending: one instance for every list of indexes (each `sort_by` use is its own).
pub(crate) fn sort_indexes(items: &mut [usize]) {
    sort_by(items, |a, b| a.cmp(b));
}

/// Ascending by `f64::total_cmp`: one instance for every list of numbers.
pub(crate) fn sort_numbers(items: &mut [f64]) {
    sort_by(items, f64::total_cmp);
}

/// The indexes `0..n` in the order `compare` gives, ties in index order (so the sort is
/// stable): a heap sort, O(n log n) in the worst case.
fn sorted_indexes(n: usize, compare: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    let mut less = |a: usize, b: usize| compare(a, b).then(a.cmp(&b)) == Ordering::Less;
    let mut sift_down = |order: &mut [usize], mut root: usize, end: usize| loop {
        let mut child = 2 * root + 1;
        if child >= end {
            break;
        }
        if child + 1 < end && less(order[child], order[child + 1]) {
            child += 1;
        }
        if !less(order[root], order[child]) {
            break;
        }
        order.swap(root, child);
        root = child;
    };
    for start in (0..n / 2).rev() {
        sift_down(&mut order, start, n);
    }
    for end in (1..n).rev() {
        order.swap(0, end);
        sift_down(&mut order, 0, end);
    }
    order
}

/// Rearranges `items` so that position k holds what was at `order[k]`, following each cycle
/// of the permutation with swaps; a position already placed is marked `usize::MAX` in
/// `order`, so no second vector is needed.
fn apply_permutation<T>(items: &mut [T], mut order: Vec<usize>) {
    for start in 0..order.len() {
        let mut at = start;
        while let Some(&from) = order.get(at).filter(|&&f| f != usize::MAX) {
            order[at] = usize::MAX;
            if from == start {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
}

/// `n` in decimal digits, written into the end of `buf`.
pub(crate) fn digits(mut n: u64, buf: &mut [u8; 20]) -> &str {
    let mut at = buf.len();
    loop {
        at -= 1;
        buf[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    std::str::from_utf8(&buf[at..]).unwrap_or("0")
}

/// How many leading bytes of JSON string content are plain (no escape needed when written,
/// nothing to decode when read), eight at a time: a word holds a byte below 0x20,
/// a quote or a backslash exactly when one of the three bit tests below is non-zero.
pub(crate) fn plain_prefix(bytes: &[u8]) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let zero_byte = |w: u64| w.wrapping_sub(ONES) & !w & HIGH;
    let mut at = 0;
    while at + 8 <= bytes.len() {
        let b = &bytes[at..at + 8];
        let w = u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]);
        let control = w.wrapping_sub(ONES * 0x20) & !w & HIGH;
        if control | zero_byte(w ^ (ONES * u64::from(b'"'))) | zero_byte(w ^ (ONES * u64::from(b'\\'))) != 0 {
            break;
        }
        at += 8;
    }
    while at < bytes.len() && bytes[at] >= 0x20 && bytes[at] != b'"' && bytes[at] != b'\\' {
        at += 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_first_byte_json_treats_specially() {
        for (text, plain) in [
            ("", 0),
            ("abc", 3),
            ("abcdefghijklmnop", 16),
            ("abcdefgh\"ijk", 8),
            ("abcdefghij\\", 10),
            ("ab\ncd", 2),
            ("Zürich ✓ and more text", 25),
            ("0123456\u{1f}89", 7),
            ("\u{7f}\u{80}", 3),
        ] {
            assert_eq!(plain_prefix(text.as_bytes()), plain, "{text:?}");
        }
    }

    #[test]
    fn sorts_stably() {
        let mut items = vec![(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (1, 'e'), (0, 'f')];
        sort_by(&mut items, |a, b| a.0.cmp(&b.0));
        assert_eq!(items, [(0, 'f'), (1, 'b'), (1, 'e'), (2, 'd'), (3, 'a'), (3, 'c')]);
        let mut empty: Vec<u8> = Vec::new();
        sort_by(&mut empty, |a, b| a.cmp(b));
        let mut many: Vec<u32> = (0..500).map(|i| (i * 7919) % 503).collect();
        sort_by(&mut many, |a, b| a.cmp(b));
        assert!(many.windows(2).all(|w| w[0] <= w[1]));
    }

    /// Differential against the standard library's stable sort, on every short length and on
    /// long lists with many ties.
    #[test]
    fn sorts_as_the_standard_library_does() {
        let mut rng = crate::analysis::synth::Rng::new(7);
        for len in (0..80).chain([500, 5_000, 100_000]) {
            for distinct in [2, 10, 1_000_000] {
                let items: Vec<(u32, usize)> = (0..len).map(|i| (rng.below(distinct) as u32, i)).collect();
                let mut ours = items.clone();
                sort_by(&mut ours, |a, b| a.0.cmp(&b.0));
                let mut theirs = items;
                theirs.sort_by_key(|a| a.0);
                assert_eq!(ours, theirs, "length {len}, {distinct} distinct keys");
            }
        }
        // Descending input, the order that made the earlier insertion sort quadratic.
        let mut descending: Vec<u32> = (0..200_000).rev().collect();
        sort_by(&mut descending, |a, b| a.cmp(b));
        assert!(descending.iter().enumerate().all(|(i, x)| *x as usize == i));
    }
}

/// A map from ids to values with linear lookup. Programs have tens of ids, and a hash map
/// costs kilobytes of wasm code for no measurable gain at that size.
#[derive(Debug, Clone)]
pub(crate) struct IdMap<V> {
    entries: Vec<(String, V)>,
}

impl<V> Default for IdMap<V> {
    fn default() -> Self {
        IdMap { entries: Vec::new() }
    }
}

impl<V> IdMap<V> {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn get(&self, key: &str) -> Option<&V> {
        self.entries.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// Inserts or replaces; returns the value replaced.
    pub fn insert(&mut self, key: String, value: V) -> Option<V> {
        match self.entries.iter_mut().find(|(k, _)| *k == key) {
            Some(slot) => Some(std::mem::replace(&mut slot.1, value)),
            None => {
                self.entries.push((key, value));
                None
            }
        }
    }

    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.entries.iter().map(|(k, _)| k)
    }
}

/// A set with linear lookup, for the same reason as [`IdMap`].
#[derive(Debug, Clone)]
pub(crate) struct SmallSet<T> {
    items: Vec<T>,
}

impl<T> Default for SmallSet<T> {
    fn default() -> Self {
        SmallSet { items: Vec::new() }
    }
}

impl<T: PartialEq> SmallSet<T> {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds the item; false when it was already there.
    pub fn insert(&mut self, item: T) -> bool {
        if self.items.contains(&item) {
            return false;
        }
        self.items.push(item);
        true
    }

    pub fn contains(&self, item: &T) -> bool {
        self.items.contains(item)
    }

    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.items.iter()
    }
}

impl<T: PartialEq> FromIterator<T> for SmallSet<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        let mut set = SmallSet::new();
        for item in iter {
            set.insert(item);
        }
        set
    }
}
