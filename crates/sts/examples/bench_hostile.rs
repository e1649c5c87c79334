//! Prints how long hostile 1 MB scenarios take to be rejected (or loaded
//! and run): `cargo run --profile bench -p sts --example bench_hostile`
//! (also part of `cargo xtask bench`). Optional arguments: the size in
//! bytes (default 1,048,576) and a word of the shapes to run. The target is
//! under 100 ms for every shape, rejected or run. `--write DIR` writes the
//! shapes to `DIR/<shape>.json` instead (to try them on the CLI or the page).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use std::time::{Duration, Instant};

#[path = "../tests/support/shapes.rs"]
mod shapes;

/// The fastest of `n` runs (at least one), and the last run's result.
fn best_of<T>(n: u32, mut f: impl FnMut() -> T) -> (Duration, T) {
    let t = Instant::now();
    let mut last = f();
    let mut best = t.elapsed();
    for _ in 1..n {
        let t = Instant::now();
        last = f();
        best = best.min(t.elapsed());
    }
    (best, last)
}

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [flag, dir] = args.as_slice() {
        if flag == "--write" {
            for shape in shapes::all(1 << 20) {
                let slug: String = shape.name.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect();
                std::fs::write(format!("{dir}/{slug}.json"), &shape.text)?;
            }
            return Ok(());
        }
    }
    let size = args.first().and_then(|a| a.parse().ok()).unwrap_or(1 << 20);
    let only = args.get(1).cloned().unwrap_or_default();
    println!("hostile scenarios of about {size} bytes (best of 3; target < 100 ms)");
    println!("{:<40} {:>9} {:>10} {:>10} {:>8}", "shape", "bytes", "load ms", "run ms", "errors");
    for shape in shapes::all(size).into_iter().filter(|s| s.name.contains(only.as_str())) {
        let (load, loaded) = best_of(3, || sts::load(&shape.text));
        assert_eq!(loaded.is_ok(), shape.valid, "{}", shape.name);
        let (run, errors) = match &loaded {
            Ok(s) => {
                let (run, report) = best_of(3, || sts::run(s));
                assert_eq!(report.steps.len(), s.steps.len());
                (format!("{:.1}", run.as_secs_f64() * 1e3), "0".to_string())
            }
            Err(e) => ("-".to_string(), format!("{}", sts::scenario::total_errors(e))),
        };
        println!("{:<40} {:>9} {:>10.1} {:>10} {:>8}", shape.name, shape.text.len(), load.as_secs_f64() * 1e3, run, errors);
    }
    Ok(())
}
