//! The page's logic never panics, whatever the learner types or clicks:
//! mutated scenario text, random policy text in every editor, and random
//! sequences of actions (a panic in the browser kills the page).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::collections::BTreeMap;

use playground::cast::Field;
use playground::highlight::{self, Mark, MarkKind};
use playground::presets::PRESETS;
use playground::url::{self, Params};
use playground::{Action, State};
use proptest::prelude::*;

fn boot(i: usize) -> State {
    let p = PRESETS[i % PRESETS.len()];
    State::boot(&Params { preset: Some(p.name.into()), ..Params::default() }, &BTreeMap::new(), &[])
}

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        Just(Action::Next),
        Just(Action::Prev),
        Just(Action::Restart),
        (0usize..40).prop_map(Action::GoTo),
        (0usize..7).prop_map(Action::GoToPhase),
        (-100i64..200_000).prop_map(Action::Advance),
        Just(Action::AssumeAgain),
        Just(Action::Play),
        (0u32..5000).prop_map(Action::Tick),
        (0u32..4000).prop_map(Action::SetSpeed),
        (0usize..4).prop_map(Action::SelectIdentity),
        (0usize..4).prop_map(Action::SelectPermissions),
        ".{0,12}".prop_map(|s| Action::SetField(Field::SessionName(s))),
        ".{0,8}".prop_map(|s| Action::SetField(Field::Duration(s))),
        any::<bool>().prop_map(|b| Action::SetField(Field::Mfa(b))),
        ("[0-9]{0,13}", "[a-z]{0,6}").prop_map(|(account, name)| Action::SetField(Field::NewUser { account, name })),
        Just(Action::ToggleLang),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn random_actions_never_panic(i in 0usize..PRESETS.len(), actions in prop::collection::vec(action(), 0..30)) {
        let mut s = boot(i);
        for a in actions {
            s.apply(a);
            // The walk shown is always within the frames, and loaded
            // scenarios always have a view.
            if let Some(v) = &s.derived.view {
                prop_assert!(v.cursor <= v.frame_count);
                prop_assert_eq!(v.frame_count, s.frame_count());
            } else {
                prop_assert!(s.derived.scenario.is_none());
            }
        }
        let _ = s.share_fragment();
    }

    #[test]
    fn random_policy_text_in_every_editor_never_panics(i in 0usize..PRESETS.len(), text in ".{0,200}", cut in 0usize..400) {
        let mut s = boot(i);
        s.apply(Action::Next);
        let cast = s.derived.cast.clone().unwrap();
        let slots: Vec<_> = cast.identity.iter().chain(cast.trust.iter()).chain(cast.permissions.iter()).chain(cast.extras.iter().map(|(_, x)| x)).cloned().collect();
        for slot in slots {
            // A random text, and the real text cut short (half-typed JSON).
            let half: String = slot.text.chars().take(cut).collect();
            for t in [text.clone(), half] {
                s.apply(Action::EditPolicy { path: slot.path.clone(), exists: slot.exists, name: slot.name.clone(), text: t.clone() });
                for pane in [playground::marks::Pane::Identity, playground::marks::Pane::Trust, playground::marks::Pane::Permissions] {
                    let _ = playground::marks::marks(&s, &slot, pane);
                }
                s.apply(Action::Next);
            }
        }
    }

    #[test]
    fn mutated_documents_never_panic(i in 0usize..PRESETS.len(), at in 0usize..20_000, len in 0usize..50, insert in ".{0,20}") {
        let mut s = boot(i);
        let chars: Vec<char> = s.text.chars().collect();
        let at = at % (chars.len() + 1);
        let end = (at + len).min(chars.len());
        let text: String = chars[..at].iter().chain(insert.chars().collect::<Vec<_>>().iter()).chain(chars[end..].iter()).collect();
        s.apply(Action::EditRaw(text));
        s.apply(Action::Next);
        s.apply(Action::Advance(3600));
        s.apply(Action::AssumeAgain);
        s.apply(Action::SetField(Field::ExternalId("x".into())));
        let _ = highlight::render(&s.text, &[Mark { start: (1, 1), end: (3, 4), kind: MarkKind::Error, message: "m".into(), tag: None }]);
    }

    #[test]
    fn any_address_boots(search in ".{0,60}", hash in ".{0,80}") {
        let p = url::parse(&search, &hash);
        let s = State::boot(&p, &BTreeMap::new(), &["ja".into()]);
        prop_assert!(!s.text.is_empty());
    }
}
