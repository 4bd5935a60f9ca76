//! Finding the same key or id on both sides in O(n log n), whatever the input: sorted
//! indexes (the crate's one heap sort and a binary search) rather than a hash map, which
//! would cost kilobytes of wasm, or a linear search per key, which a file with a million
//! tiers would make quadratic.

use crate::text::value::{Object, Value};
use crate::util::sort_by;

/// Items by a key, sorted; equal keys keep their order.
pub(super) struct Lookup<K: Ord + Copy> {
    entries: Vec<(K, usize)>,
    /// Per entry, how many of the entries from it on with its key were taken (`take`).
    taken: Vec<usize>,
}

impl<K: Ord + Copy> Lookup<K> {
    pub(super) fn new(keys: impl Iterator<Item = Option<K>>) -> Self {
        let mut entries: Vec<(K, usize)> = keys.enumerate().filter_map(|(i, k)| Some((k?, i))).collect();
        sort_by(&mut entries, |a, b| a.0.cmp(&b.0));
        let taken = vec![0; entries.len()];
        Lookup { entries, taken }
    }

    fn first(&self, key: K) -> Option<usize> {
        let at = self.entries.partition_point(|(k, _)| *k < key);
        (self.entries.get(at)?.0 == key).then_some(at)
    }

    /// The position of the first item with `key`.
    pub(super) fn get(&self, key: K) -> Option<usize> {
        self.first(key).map(|at| self.entries[at].1)
    }

    /// The position of the next item with `key` not taken yet, taken now: the first call for a
    /// key gives its first item, the second its second.
    pub(super) fn take(&mut self, key: K) -> Option<usize> {
        let at = self.first(key)?;
        let next = at + self.taken[at];
        let (k, position) = *self.entries.get(next)?;
        if k != key {
            return None;
        }
        self.taken[at] += 1;
        Some(position)
    }
}

/// The keys of two objects, those of `before` in its order and then the new ones of `after`,
/// each with its value on either side.
/// A side that is no object has no keys.
pub(super) fn union<'a>(before: Option<&'a Value>, after: Option<&'a Value>) -> Vec<(&'a str, Option<&'a Value>, Option<&'a Value>)> {
    let entries = |v: Option<&'a Value>| -> Vec<(&'a str, &'a Value)> {
        v.and_then(Value::as_object).map_or_else(Vec::new, |o: &'a Object| o.iter().map(|(k, v)| (k.as_str(), v)).collect())
    };
    let (b, a) = (entries(before), entries(after));
    // The keys both have in the same order first (the whole object, but for an edit or two):
    // no index needed for those.
    let common = b.iter().zip(&a).take_while(|(x, y)| x.0 == y.0).count();
    let mut out: Vec<(&str, Option<&Value>, Option<&Value>)> =
        b[..common].iter().zip(&a).map(|(x, y)| (x.0, Some(x.1), Some(y.1))).collect();
    let (b, a) = (&b[common..], &a[common..]);
    // Objects are small but for hostile ones: a search per key below 32 keys.
    let find = |list: &[(&'a str, &'a Value)], index: &Option<Lookup<&'a str>>, key: &str| -> Option<&'a Value> {
        match index {
            Some(index) => index.get(key).map(|i| list[i].1),
            None => list.iter().find(|(k, _)| *k == key).map(|(_, v)| *v),
        }
    };
    let index_of = |list: &[(&'a str, &'a Value)]| (list.len() > 32).then(|| Lookup::new(list.iter().map(|(k, _)| Some(*k))));
    let (b_index, a_index) = (index_of(b), index_of(a));
    out.extend(b.iter().map(|(k, v)| (*k, Some(*v), find(a, &a_index, k))));
    out.extend(a.iter().filter(|(k, _)| find(b, &b_index, k).is_none()).map(|(k, v)| (*k, None, Some(*v))));
    out
}

/// The items of two lists paired by key (an item's id), the rest by position among those
/// without a key: for each item before, the item after it is paired with.
pub(super) fn pair<K: Ord + Copy>(before: &[Option<K>], after: &[Option<K>]) -> Vec<Option<usize>> {
    // The items both lists have with the same keys in the same place first: no index needed.
    let common = before.iter().zip(after).take_while(|(x, y)| x.is_some() && x == y).count();
    let (b, a) = (&before[common..], &after[common..]);
    let mut index = Lookup::new(a.iter().copied());
    let mut unkeyed = a.iter().enumerate().filter(|(_, k)| k.is_none()).map(|(i, _)| i);
    let rest = b.iter().map(|k| if let Some(k) = k { index.take(*k) } else { unkeyed.next() }.map(|i| i + common));
    (0..common).map(Some).chain(rest).collect()
}

/// The positions (into `sequence`) of a longest strictly increasing subsequence, O(n log n):
/// the items that keep their order; the others moved.
pub(super) fn increasing(sequence: &[usize]) -> Vec<bool> {
    // tails[k]: position of the smallest last item of an increasing run of length k + 1.
    let mut tails: Vec<usize> = Vec::new();
    let mut previous = vec![usize::MAX; sequence.len()];
    for (i, &x) in sequence.iter().enumerate() {
        let at = tails.partition_point(|&t| sequence[t] < x);
        if at > 0 {
            previous[i] = tails[at - 1];
        }
        if at == tails.len() {
            tails.push(i);
        } else {
            tails[at] = i;
        }
    }
    let mut keep = vec![false; sequence.len()];
    let mut at = tails.last().copied();
    while let Some(i) = at.filter(|&i| i != usize::MAX) {
        keep[i] = true;
        at = Some(previous[i]);
    }
    keep
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_by_key_then_by_position() {
        let before = [Some("a"), None, Some("b"), Some("a"), None];
        let after = [Some("b"), Some("a"), None, Some("c")];
        assert_eq!(pair(&before, &after), [Some(1), Some(2), Some(0), None, None]);
        // The same keys in the same places first, then the rest by key and position.
        let (before, after) = ([Some("a"), Some("b"), None, Some("c")], [Some("a"), Some("b"), Some("c"), None]);
        assert_eq!(pair(&before, &after), [Some(0), Some(1), Some(3), Some(2)]);
    }

    #[test]
    fn keeps_a_longest_increasing_run() {
        assert_eq!(increasing(&[0, 2, 1, 3]).iter().filter(|k| **k).count(), 3);
        assert_eq!(increasing(&[3, 2, 1, 0]).iter().filter(|k| **k).count(), 1);
        assert_eq!(increasing(&[]), Vec::<bool>::new());
        assert_eq!(increasing(&[1, 0, 2]), [false, true, true]);
    }
}
