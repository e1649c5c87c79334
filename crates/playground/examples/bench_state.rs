//! What one keystroke costs the page's logic: an edit of the trust policy
//! re-derives everything (load, run with interventions, frames, view,
//! cast). Prints figures; the page budget is one frame (16 ms).

use std::collections::BTreeMap;
use std::time::Instant;

use playground::presets::PRESETS;
use playground::url::Params;
use playground::{Action, State};

fn main() {
    let mut worst = (0.0f64, "");
    let mut total = 0.0;
    for p in PRESETS {
        let params = Params { preset: Some(p.name.into()), ..Params::default() };
        let mut s = State::boot(&params, &BTreeMap::new(), &[]);
        while s.cursor < s.frame_count() / 2 {
            s.apply(Action::Next);
        }
        let Some(slot) = s.derived.cast.as_ref().and_then(|c| c.trust.clone()) else { continue };
        let n: u32 = 200;
        let start = Instant::now();
        for i in 0..n {
            let text = format!("{}{}", slot.text, " ".repeat((i % 3) as usize));
            s.apply(Action::EditPolicy { path: slot.path.clone(), exists: true, name: slot.name.clone(), text });
        }
        let per = start.elapsed().as_secs_f64() * 1e6 / f64::from(n);
        total += per;
        if per > worst.0 {
            worst = (per, p.name);
        }
        println!("keystroke (edit trust policy) {:<34} {:>8.1} µs", p.name, per);
    }
    println!(
        "keystroke mean {:.1} µs, worst {:.1} µs ({}) — native; the page budget is 16 ms",
        total / PRESETS.len() as f64,
        worst.0,
        worst.1
    );
}
