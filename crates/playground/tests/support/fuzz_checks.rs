//! What the fuzz targets `share` and `reducer` assert, shared (by
//! `#[path]`) with `tests/fuzz_regressions.rs`, which replays every saved
//! input on the stable toolchain. A failed check panics.
#![allow(dead_code, reason = "each includer uses some of the checks")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::collections::BTreeMap;

use playground::presets::PRESETS;
use playground::share::{decode, encode, MAX_DECODED};
use playground::state::Tab;
use playground::url::Params;
use playground::{Action, State};

/// Plain base64url of raw bytes (so any bytes reach the inflater).
fn base64url(data: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut s = String::new();
    for chunk in data.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |acc, (i, &b)| acc | u32::from(b) << (16 - 8 * i));
        for k in 0..=chunk.len() {
            s.push(char::from(A[(n >> (18 - 6 * k) & 63) as usize]));
        }
    }
    s
}

/// A share payload: as typed (any text), and as raw compressed bytes.
/// Decoding never panics and never yields more than `MAX_DECODED` bytes;
/// text within the limit survives encode → decode.
pub fn share(data: &[u8]) {
    for payload in [String::from_utf8_lossy(data).into_owned(), base64url(data)] {
        match decode(&payload) {
            Ok(text) => assert!(text.len() <= MAX_DECODED, "{} bytes decoded", text.len()),
            Err(e) => assert!(!e.to_string().is_empty()),
        }
    }
    if let Ok(text) = std::str::from_utf8(data) {
        if text.len() <= MAX_DECODED {
            assert_eq!(decode(&encode(text)).as_deref(), Ok(text));
        }
    }
}

/// A preset, then one action per input byte (with its operands taken from
/// the following bytes): the reducer never panics, the walk stays within
/// its frames, a loaded scenario always has a view, and the text the page
/// shows is always the text last typed or opened.
pub fn reducer(data: &[u8]) {
    let Some((&first, mut rest)) = data.split_first() else { return };
    let preset = PRESETS[usize::from(first) % PRESETS.len()];
    let mut s = State::boot(&Params { preset: Some(preset.name.into()), ..Params::default() }, &BTreeMap::new(), &[]);
    let mut take = |n: usize| {
        let (a, b) = rest.split_at(n.min(rest.len()));
        rest = b;
        a
    };
    for _ in 0..64 {
        let Some(&op) = take(1).first() else { break };
        let arg = take(1).first().copied().unwrap_or(0);
        let action = match op % 16 {
            0 => Action::Next,
            1 => Action::Prev,
            2 => Action::Restart,
            3 => Action::GoTo(usize::from(arg)),
            4 => Action::GoToPhase(usize::from(arg % 7)),
            5 => Action::Advance(i64::from(arg) * 3600 - 100),
            6 => Action::AssumeAgain,
            7 => Action::Play,
            8 => Action::Tick(u32::from(arg) * 1000),
            9 => Action::SetSpeed(u32::from(arg) * 60),
            10 | 11 => {
                // Type: replace a slice of the text with input bytes.
                let ins = String::from_utf8_lossy(take(usize::from(arg % 16))).into_owned();
                let mut t = s.text.clone();
                let mut at = usize::from(arg).wrapping_mul(97) % (t.len() + 1);
                while !t.is_char_boundary(at) {
                    at -= 1;
                }
                let mut end = (at + usize::from(arg % 5)).min(t.len());
                while !t.is_char_boundary(end) {
                    end += 1;
                }
                t.replace_range(at..end, &ins);
                Action::EditRaw(t)
            }
            12 => Action::Import { name: "fuzz.json".into(), text: String::from_utf8_lossy(take(usize::from(arg))).into_owned() },
            13 => Action::SelectTab(if arg % 2 == 0 { Tab::Raw } else { Tab::Extra(usize::from(arg)) }),
            14 => Action::ToggleLang,
            _ => Action::LoadPreset { name: PRESETS[usize::from(arg) % PRESETS.len()].name.into(), saved: None },
        };
        let typed = match &action {
            Action::EditRaw(t) => Some(t.clone()),
            _ => None,
        };
        s.apply(action);
        if let Some(t) = typed {
            assert_eq!(s.text, t, "the text typed is the text kept");
        }
        match &s.derived.view {
            Some(v) => assert!(v.cursor <= v.frame_count && v.frame_count == s.frame_count()),
            None => assert!(s.derived.scenario.is_none()),
        }
        // A text that loads is run; one that does not keeps the last good
        // walk only marked stale.
        if s.derived.errors.is_empty() {
            assert!(s.derived.scenario.is_some() && !s.derived.stale);
        } else {
            assert!(s.derived.scenario.is_none() || s.derived.stale);
        }
    }
    let _ = s.share_fragment();
}
