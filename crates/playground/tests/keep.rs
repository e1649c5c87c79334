//! Properties of what the page keeps: the reducer never loses the newest
//! scenario text (nothing but an edit or opening another scenario changes
//! it, a text that does not load is kept as typed, and what is saved boots
//! back as it was), and local storage in any state — damaged entries, an
//! older shape, garbage, a store that refuses writes — boots to the newest
//! good state it still holds, never to a crash.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::collections::BTreeMap;

use playground::cast::Field;
use playground::presets::PRESETS;
use playground::state::Notice;
use playground::store::{Saved, Store, CURRENT_KEY, LAST_GOOD_KEY};
use playground::url::Params;
use playground::{Action, State};
use proptest::prelude::*;

fn boot(i: usize, store: &BTreeMap<String, String>) -> State {
    let p = PRESETS[i % PRESETS.len()];
    State::boot(&Params { preset: Some(p.name.into()), ..Params::default() }, store, &[])
}

/// An action, and whether it is an edit of the text.
fn action() -> impl Strategy<Value = (Action, bool)> {
    let walk = prop_oneof![
        Just(Action::Next),
        Just(Action::Prev),
        Just(Action::Restart),
        (0usize..40).prop_map(Action::GoTo),
        (0usize..7).prop_map(Action::GoToPhase),
        (-10i64..200_000).prop_map(Action::Advance),
        Just(Action::AssumeAgain),
        Just(Action::Play),
        (0u32..5000).prop_map(Action::Tick),
        Just(Action::ToggleLang),
        Just(Action::Notice(None)),
    ]
    .prop_map(|a| (a, false));
    let edit = prop_oneof![
        ".{0,8}".prop_map(|s| Action::SetField(Field::SessionName(s))),
        "[0-9]{0,6}".prop_map(|s| Action::SetField(Field::Duration(s))),
        // Half-typed and whole documents.
        (0usize..PRESETS.len(), 0usize..4000).prop_map(|(i, cut)| {
            let t = PRESETS[i].text();
            let mut at = cut.min(t.len());
            while !t.is_char_boundary(at) {
                at -= 1;
            }
            Action::EditRaw(t[..at].to_string())
        }),
        (0usize..PRESETS.len()).prop_map(|i| Action::EditRaw(PRESETS[i].text().to_string())),
    ]
    .prop_map(|a| (a, true));
    prop_oneof![3 => walk, 2 => edit]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 120, ..ProptestConfig::default() })]

    #[test]
    fn the_newest_text_is_never_lost(i in 0usize..PRESETS.len(), actions in prop::collection::vec(action(), 1..24)) {
        let mut s = boot(i, &BTreeMap::new());
        let mut newest = s.text.clone();
        for (a, edit) in actions {
            let typed = match &a { Action::EditRaw(t) => Some(t.clone()), _ => None };
            s.apply(a);
            match (typed, edit) {
                // Typed text is kept as typed, whether it loads or not.
                (Some(t), _) => prop_assert_eq!(&s.text, &t),
                // A form edit changes the text or leaves it (when it cannot apply).
                (None, true) => {}
                // Walking, the clock, the language: the text stays.
                (None, false) => prop_assert_eq!(&s.text, &newest),
            }
            newest = s.text.clone();
            // What is derived is the text's: loaded exactly when it loads;
            // otherwise the last good walk stays, marked stale.
            let loads = sts::load(&s.text).is_ok();
            prop_assert_eq!(s.derived.errors.is_empty(), loads);
            prop_assert!(loads || s.derived.scenario.is_none() || s.derived.stale);
        }
        // Saved and booted again (no address): the same text, walk and interventions.
        let mut store = BTreeMap::new();
        prop_assert!(s.save(&mut store));
        let again = State::boot(&Params::default(), &store, &[]);
        prop_assert_eq!(&again.text, &newest);
        prop_assert_eq!(&again.interventions, &s.interventions);
        prop_assert_eq!(again.cursor, s.cursor);
    }

    #[test]
    fn damaged_storage_boots_to_the_newest_good_state(
        i in 0usize..PRESETS.len(),
        damage in 0usize..7,
        garbage in ".{0,40}",
        keep_copy in any::<bool>(),
    ) {
        // A learner's edited scenario, saved.
        let mut s = boot(i, &BTreeMap::new());
        s.apply(Action::EditRaw(s.text.replacen("\"Scenario\": 1", "\"Scenario\": 1 ", 1)));
        let good = s.text.clone();
        let mut store = BTreeMap::new();
        prop_assert!(s.save(&mut store));
        let entry = store[CURRENT_KEY].clone();
        if !keep_copy {
            store.remove(LAST_GOOD_KEY);
        }
        // Then something happens to the store.
        let survives = match damage {
            0 => { store.insert(entry.clone(), garbage.clone()); keep_copy || Saved::from_json(&garbage).is_some() }
            1 => {
                let v = store[&entry].clone();
                let half: String = v.chars().take(v.chars().count() / 2).collect();
                store.insert(entry.clone(), half);
                keep_copy
            }
            2 => { store.insert(CURRENT_KEY.into(), "roleplay.v1.scenario.nowhere".into()); keep_copy }
            3 => { store.remove(CURRENT_KEY); keep_copy }
            // An older shape: the bare document.
            4 => { store.insert(entry.clone(), good.clone()); true }
            // Numbers no clock could replay.
            5 => {
                let v = store[&entry].replace("\"interventions\":[]", "\"interventions\":[{\"kind\":\"advance\",\"at\":0,\"secs\":9223372036854775807},{\"kind\":\"reassume\",\"at\":-1,\"step\":1}]").replace("\"cursor\":0", "\"cursor\":18446744073709551616");
                store.insert(entry.clone(), v);
                true
            }
            _ => { store.insert("roleplay.v1.lang".into(), garbage.clone()); true }
        };
        let b = State::boot(&Params::default(), &store, &[]);
        if survives {
            prop_assert_eq!(&b.text, &good, "damage {}", damage);
            if damage == 5 {
                prop_assert!(b.interventions.len() <= 1);
            }
        } else {
            // Nothing good is left: a preset, never a crash.
            prop_assert!(PRESETS.iter().any(|p| b.text == playground::doc::normalize(p.text())) || b.text == garbage);
        }
        if (1..=3).contains(&damage) && keep_copy {
            prop_assert_eq!(b.notice, Some(Notice::Restored), "the page says it used the copy");
        }
    }
}

/// A store that refuses every write (full, or disabled).
struct Refusing(BTreeMap<String, String>);

impl Store for Refusing {
    fn get(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }
    fn set(&mut self, _: &str, _: &str) -> bool {
        false
    }
    fn remove(&mut self, key: &str) {
        self.0.remove(key);
    }
}

#[test]
fn a_store_that_refuses_writes_keeps_what_it_had() {
    let mut s = boot(0, &BTreeMap::new());
    let mut store = BTreeMap::new();
    assert!(s.save(&mut store));
    let before = store.clone();
    s.apply(Action::EditRaw("{\"Scenario\": 1, \"Steps\": []}".into()));
    let mut refusing = Refusing(store);
    assert!(!s.save(&mut refusing), "the page shows the storage notice");
    assert_eq!(refusing.0, before, "the newest good state stored is untouched");
    let b = State::boot(&Params::default(), &refusing, &[]);
    assert_eq!(b.text, Saved::from_json(&before[&before[CURRENT_KEY]]).unwrap().text);
}

#[test]
fn an_entry_that_does_not_fit_drops_the_stale_copy() {
    /// Accepts small values only (a quota).
    struct Small(BTreeMap<String, String>);
    impl Store for Small {
        fn get(&self, key: &str) -> Option<String> {
            self.0.get(key).cloned()
        }
        fn set(&mut self, key: &str, value: &str) -> bool {
            let fits = value.len() < 200 || key != LAST_GOOD_KEY;
            if fits {
                self.0.insert(key.into(), value.into());
            }
            fits
        }
        fn remove(&mut self, key: &str) {
            self.0.remove(key);
        }
    }
    let s = boot(1, &BTreeMap::new());
    let mut store = Small(BTreeMap::new());
    store.0.insert(LAST_GOOD_KEY.into(), "an older copy".into());
    s.save(&mut store);
    assert!(!store.0.contains_key(LAST_GOOD_KEY), "a copy older than the entry is not kept");
    assert_eq!(State::boot(&Params::default(), &store, &[]).text, s.text);
}
