//! [`KeyedList`]: one of the session's lists (entries, attendees, agenda,
//! organisations), in its order, with an index from each record's key to
//! its place, so that finding a record by its id does not read the list.
//!
//! The index is kept by the list's own methods, the only way to change it
//! (it derefs to a slice for reading, never to a `Vec`), so it cannot go
//! stale. It is built on the first search rather than on load or copy: a
//! copy of the session (the snapshot a background save writes) costs only
//! its records.

use std::borrow::Borrow;
use std::collections::BTreeMap;
use std::collections::btree_map::Entry;
use std::fmt;
use std::ops::Deref;
use std::sync::OnceLock;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::Keyed;

/// A list of keyed records in their order, indexed by key.
///
/// Looking a key up, inserting a new record (whose key must be new) and
/// finding the greatest key cost O(log n); inserting or removing at `i`
/// also renumbers the records after `i` (a new entry goes at or near the
/// end). Two records with one key (a hand-edited file, which
/// [`Session::problems`](super::Session::problems) refuses) are kept; a
/// search finds the later one.
pub struct KeyedList<T: Keyed> {
    items: Vec<T>,
    index: OnceLock<Index<T::Key>>,
}

struct Index<K> {
    places: BTreeMap<K, usize>,
    /// Some key is on two records: a removal rebuilds the index, which then
    /// finds the other.
    twice: bool,
}

impl<T: Keyed> KeyedList<T> {
    pub fn new() -> Self {
        KeyedList {
            items: Vec::new(),
            index: OnceLock::new(),
        }
    }

    fn index(&self) -> &BTreeMap<T::Key, usize> {
        &self
            .index
            .get_or_init(|| {
                let mut places = BTreeMap::new();
                let mut twice = false;
                for (i, item) in self.items.iter().enumerate() {
                    twice |= places.insert(item.key(), i).is_some();
                }
                Index { places, twice }
            })
            .places
    }

    /// Where the record with this key is.
    pub fn position<Q>(&self, key: &Q) -> Option<usize>
    where
        T::Key: Borrow<Q>,
        Q: Ord + ?Sized,
    {
        self.index().get(key).copied()
    }

    /// The record with this key.
    pub fn get_by_key<Q>(&self, key: &Q) -> Option<&T>
    where
        T::Key: Borrow<Q>,
        Q: Ord + ?Sized,
    {
        self.position(key).map(|i| &self.items[i])
    }

    /// The greatest key in the list.
    pub fn max_key(&self) -> Option<&T::Key> {
        self.index().last_key_value().map(|(k, _)| k)
    }

    /// Puts `item` at `index` (clamped to the length), unless its key is
    /// taken: then the item is handed back.
    pub fn insert(&mut self, index: usize, item: T) -> Result<(), T> {
        if self.position(&item.key()).is_some() {
            return Err(item);
        }
        self.insert_unchecked(index, item);
        Ok(())
    }

    /// Adds `item` at the end, even with a key already used (for building a
    /// session by hand, or a test of what [`Session::problems`] refuses).
    ///
    /// [`Session::problems`]: super::Session::problems
    pub fn push(&mut self, item: T) {
        self.insert_unchecked(self.items.len(), item);
    }

    fn insert_unchecked(&mut self, index: usize, item: T) {
        let index = index.min(self.items.len());
        let key = item.key();
        self.items.insert(index, item);
        if let Some(Index { places, .. }) = self.index.get_mut() {
            match places.entry(key) {
                // A second record with this key: built again when searched.
                Entry::Occupied(_) => {
                    self.index.take();
                }
                Entry::Vacant(place) => {
                    place.insert(index);
                    renumber(places, &self.items[index + 1..], index + 1);
                }
            }
        }
    }

    /// Replaces the record at `index`; returns the one it was.
    pub fn replace(&mut self, index: usize, item: T) -> T {
        let (old_key, new_key) = (self.items[index].key(), item.key());
        let old = std::mem::replace(&mut self.items[index], item);
        if old_key != new_key {
            self.index.take();
        }
        old
    }

    /// Removes and returns the record at `index`.
    pub fn remove(&mut self, index: usize) -> T {
        let item = self.items.remove(index);
        if let Some(Index { places, twice }) = self.index.get_mut() {
            if *twice {
                self.index.take();
            } else {
                places.remove(&item.key());
                renumber(places, &self.items[index..], index);
            }
        }
        item
    }

    /// The record at `index`, to change in place. The index is built again
    /// at the next search (a key may change): for tests and repairs by
    /// hand, not for what the app does on each key.
    pub fn get_mut(&mut self, index: usize) -> Option<&mut T> {
        self.index.take();
        self.items.get_mut(index)
    }

    /// Every record, to change in place; like [`get_mut`](Self::get_mut),
    /// for tests and repairs by hand.
    pub fn iter_mut(&mut self) -> std::slice::IterMut<'_, T> {
        self.index.take();
        self.items.iter_mut()
    }

    /// Keeps the first `len` records.
    pub fn truncate(&mut self, len: usize) {
        self.index.take();
        self.items.truncate(len);
    }

    pub fn clear(&mut self) {
        self.index.take();
        self.items.clear();
    }
}

/// Says that `items`, which now begin at `from`, are where they are.
fn renumber<T: Keyed>(map: &mut BTreeMap<T::Key, usize>, items: &[T], from: usize) {
    for (i, item) in items.iter().enumerate() {
        map.insert(item.key(), from + i);
    }
}

impl<T: Keyed> Default for KeyedList<T> {
    fn default() -> Self {
        KeyedList::new()
    }
}

impl<T: Keyed> Deref for KeyedList<T> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        &self.items
    }
}

impl<'a, T: Keyed> IntoIterator for &'a KeyedList<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}

impl<'a, T: Keyed> IntoIterator for &'a mut KeyedList<T> {
    type Item = &'a mut T;
    type IntoIter = std::slice::IterMut<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter_mut()
    }
}

impl<T: Keyed> From<Vec<T>> for KeyedList<T> {
    fn from(items: Vec<T>) -> Self {
        KeyedList {
            items,
            index: OnceLock::new(),
        }
    }
}

impl<T: Keyed> FromIterator<T> for KeyedList<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        Vec::from_iter(iter).into()
    }
}

/// A copy has the records only: its index is built when first searched.
impl<T: Keyed + Clone> Clone for KeyedList<T> {
    fn clone(&self) -> Self {
        self.items.clone().into()
    }
}

impl<T: Keyed + PartialEq> PartialEq for KeyedList<T> {
    fn eq(&self, other: &Self) -> bool {
        self.items == other.items
    }
}

impl<T: Keyed + Eq> Eq for KeyedList<T> {}

impl<T: Keyed + fmt::Debug> fmt::Debug for KeyedList<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.items.fmt(f)
    }
}

/// Written and read as the plain list it is: the file does not change.
impl<T: Keyed + Serialize> Serialize for KeyedList<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.items.serialize(serializer)
    }
}

impl<'de, T: Keyed + Deserialize<'de>> Deserialize<'de> for KeyedList<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Vec::deserialize(deserializer).map(KeyedList::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, PartialEq)]
    struct R(u32, &'static str);

    impl Keyed for R {
        type Key = u32;
        fn key(&self) -> u32 {
            self.0
        }
    }

    fn keys(list: &KeyedList<R>) -> Vec<Option<usize>> {
        (0..8).map(|k| list.position(&k)).collect()
    }

    #[test]
    fn the_index_follows_inserts_removals_and_replacements() {
        let mut list: KeyedList<R> = vec![R(1, "a"), R(2, "b"), R(3, "c")].into();
        assert_eq!(list.position(&2), Some(1));
        list.insert(1, R(5, "e")).unwrap();
        assert_eq!(
            keys(&list),
            [None, Some(0), Some(2), Some(3), None, Some(1), None, None]
        );
        assert_eq!(list.insert(0, R(3, "again")), Err(R(3, "again")));
        assert_eq!(list.max_key(), Some(&5));
        assert_eq!(list.remove(0), R(1, "a"));
        assert_eq!(
            keys(&list),
            [None, None, Some(1), Some(2), None, Some(0), None, None]
        );
        assert_eq!(list.replace(0, R(7, "g")), R(5, "e"));
        assert_eq!(
            keys(&list),
            [None, None, Some(1), Some(2), None, None, None, Some(0)]
        );
        list.get_mut(1).unwrap().0 = 4;
        assert_eq!(
            keys(&list),
            [None, None, None, Some(2), Some(1), None, None, Some(0)]
        );
        assert_eq!(list.get_by_key(&4), Some(&R(4, "b")));
    }

    #[test]
    fn a_copy_has_the_records_and_finds_them() {
        let mut list: KeyedList<R> = vec![R(1, "a"), R(2, "b")].into();
        list.position(&1);
        let copy = list.clone();
        assert!(
            copy.index.get().is_none(),
            "a copy is not indexed until searched"
        );
        assert_eq!(copy, list);
        assert_eq!(copy.position(&2), Some(1));
        list.push(R(2, "twice"));
        assert_eq!(
            list.position(&2),
            Some(2),
            "a search finds the later of two"
        );
    }

    #[derive(Debug, Clone)]
    enum Op {
        Search(u32),
        Insert(usize, u32),
        Push(u32),
        Remove(usize),
        Replace(usize, u32),
        Rekey(usize, u32),
        Truncate(usize),
    }

    fn op() -> impl proptest::strategy::Strategy<Value = Op> {
        use proptest::prelude::*;
        prop_oneof![
            (0..12u32).prop_map(Op::Search),
            (0..20usize, 0..12u32).prop_map(|(i, k)| Op::Insert(i, k)),
            (0..12u32).prop_map(Op::Push),
            (0..20usize).prop_map(Op::Remove),
            (0..20usize, 0..12u32).prop_map(|(i, k)| Op::Replace(i, k)),
            (0..20usize, 0..12u32).prop_map(|(i, k)| Op::Rekey(i, k)),
            (0..20usize).prop_map(Op::Truncate),
        ]
    }

    proptest::proptest! {
        /// Whatever is done to the list, a search finds what a scan from
        /// the end of a plain `Vec` finds, and the greatest key is the max.
        #[test]
        fn the_index_always_agrees_with_a_scan(ops in proptest::collection::vec(op(), 0..60)) {
            let mut list = KeyedList::<R>::new();
            let mut plain: Vec<R> = Vec::new();
            for op in ops {
                match op {
                    Op::Search(k) => {
                        list.position(&k);
                    }
                    Op::Insert(i, k) => {
                        let taken = plain.iter().any(|r| r.0 == k);
                        proptest::prop_assert_eq!(list.insert(i, R(k, "i")).is_err(), taken);
                        if !taken {
                            plain.insert(i.min(plain.len()), R(k, "i"));
                        }
                    }
                    Op::Push(k) => {
                        list.push(R(k, "p"));
                        plain.push(R(k, "p"));
                    }
                    Op::Remove(i) if i < plain.len() => {
                        proptest::prop_assert_eq!(list.remove(i), plain.remove(i));
                    }
                    Op::Replace(i, k) if i < plain.len() => {
                        let old = std::mem::replace(&mut plain[i], R(k, "r"));
                        proptest::prop_assert_eq!(list.replace(i, R(k, "r")), old);
                    }
                    Op::Rekey(i, k) if i < plain.len() => {
                        list.get_mut(i).unwrap().0 = k;
                        plain[i].0 = k;
                    }
                    Op::Truncate(n) => {
                        list.truncate(n);
                        plain.truncate(n);
                    }
                    _ => {}
                }
                proptest::prop_assert_eq!(&list[..], &plain[..]);
                for k in 0..12 {
                    proptest::prop_assert_eq!(list.position(&k), plain.iter().rposition(|r| r.0 == k), "key {}", k);
                }
                proptest::prop_assert_eq!(list.max_key().copied(), plain.iter().map(|r| r.0).max());
            }
        }
    }
}
