//! `roleplay bench`: how fast the engine runs a scenario's steps, measured
//! in-process on a scenario loaded once (no process start-up, no parsing).
//!
//! Two phases over whole runs from the scenario's start (each step needs the
//! sessions and clock the earlier ones left): throughput times batches of
//! whole runs (steps per second of the median batch, so that other
//! processes on a shared machine count less); latency times each step on
//! its own (median and 95th percentile). A step is what a request or a keystroke's re-run
//! needs: the evaluation, the report with its messages and the CloudTrail
//! event. Figures only: nothing here asserts a speed.

use std::hint::black_box;
use std::time::{Duration, Instant};

use serde_json::json;
use sts::scenario::StepKind;
use sts::{Scenario, Simulator};

/// Time spent per phase when no iteration count is given.
const BUDGET: Duration = Duration::from_millis(500);
/// The throughput phase's batches.
const BATCHES: u32 = 10;
/// At most this many timed samples per step (the latency phase's memory).
const MAX_SAMPLES: u32 = 50_000;

/// The figures of one scenario.
pub struct Figures {
    /// Whole runs timed in the throughput phase.
    pub runs: u32,
    /// Steps per second: the median batch of those runs.
    pub steps_per_second: f64,
    /// Per step: its index, median and 95th percentile in nanoseconds.
    pub steps: Vec<(usize, u64, u64)>,
}

fn run_once(s: &Scenario) {
    let mut sim = Simulator::new(s);
    for i in 0..s.steps.len() {
        black_box(sim.step(i));
    }
}

/// Measures `s`: `iterations` runs per phase, or as many as fit in
/// [`BUDGET`].
pub fn measure(s: &Scenario, iterations: Option<u32>) -> Figures {
    run_once(s);
    // Whole runs in batches; the median batch's rate is the figure (other
    // processes on a shared machine slow some batches down).
    let batch_time = BUDGET / BATCHES;
    let start = Instant::now();
    let mut runs = 0u32;
    let mut rates = Vec::new();
    loop {
        let t0 = Instant::now();
        let mut in_batch = 0u32;
        loop {
            run_once(s);
            in_batch += 1;
            let full = match iterations {
                Some(n) => in_batch >= n.div_ceil(BATCHES).max(1) || runs + in_batch >= n,
                None => t0.elapsed() >= batch_time,
            };
            if full {
                break;
            }
        }
        runs += in_batch;
        let secs = t0.elapsed().as_secs_f64();
        if secs > 0.0 {
            rates.push(s.steps.len() as f64 * f64::from(in_batch) / secs);
        }
        let done = match iterations {
            Some(n) => runs >= n,
            None => start.elapsed() >= BUDGET,
        };
        if done {
            break;
        }
    }
    rates.sort_by(f64::total_cmp);
    let steps_per_second = rates.get(rates.len() / 2).copied().unwrap_or(0.0);

    let samples = runs.min(MAX_SAMPLES);
    let mut times: Vec<Vec<u64>> = vec![Vec::with_capacity(samples as usize); s.steps.len()];
    for _ in 0..samples {
        let mut sim = Simulator::new(s);
        for (i, t) in times.iter_mut().enumerate() {
            let t0 = Instant::now();
            black_box(sim.step(i));
            t.push(u64::try_from(t0.elapsed().as_nanos()).unwrap_or(u64::MAX));
        }
    }
    let steps = times
        .iter_mut()
        .enumerate()
        .map(|(i, t)| {
            t.sort_unstable();
            (i, percentile(t, 50), percentile(t, 95))
        })
        .collect();
    Figures { runs, steps_per_second, steps }
}

/// The `p`th percentile of sorted `t` (nearest rank).
fn percentile(t: &[u64], p: usize) -> u64 {
    if t.is_empty() {
        return 0;
    }
    let rank = (t.len() * p).div_ceil(100).max(1);
    t.get(rank - 1).copied().unwrap_or(0)
}

/// `{"StepsPerSecond": …, "Steps": [{"Step", "MedianNanos", "P95Nanos"}]}`.
pub fn json(f: &Figures) -> String {
    let steps: Vec<_> = f.steps.iter().map(|(i, m, p)| json!({"Step": i, "MedianNanos": m, "P95Nanos": p})).collect();
    let v = json!({"StepsPerSecond": (f.steps_per_second * 10.0).round() / 10.0, "Steps": steps});
    let mut out = serde_json::to_string_pretty(&v).unwrap_or_default();
    out.push('\n');
    out
}

fn duration(ns: u64) -> String {
    match ns {
        0..=9_999 => format!("{ns} ns"),
        10_000..=9_999_999 => format!("{:.1} µs", ns as f64 / 1e3),
        _ => format!("{:.1} ms", ns as f64 / 1e6),
    }
}

fn thousands(n: f64) -> String {
    let digits = format!("{:.0}", n.max(0.0));
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The readable report: throughput, then each step's median and p95.
pub fn text(s: &Scenario, f: &Figures, name: &str) -> String {
    let mut out = format!(
        "{name}: {} steps × {} runs: {} steps/s\n{:>6} {:>10} {:>10}  step\n",
        s.steps.len(),
        f.runs,
        thousands(f.steps_per_second),
        "",
        "median",
        "p95"
    );
    for (i, median, p95) in &f.steps {
        let what = match s.steps.get(*i).map(|st| &st.kind) {
            Some(StepKind::Assume(a)) => a.kind.action().to_string(),
            Some(StepKind::Call(c)) => c.action.clone(),
            Some(StepKind::SessionToken(_)) => sts::scenario::GET_SESSION_TOKEN.to_string(),
            Some(StepKind::Advance(n)) => format!("clock +{n}s"),
            None => String::new(),
        };
        out.push_str(&format!("{:>6} {:>10} {:>10}  {what}\n", format!("[{i}]"), duration(*median), duration(*p95)));
    }
    out
}

#[cfg(test)]
#[path = "bench_tests.rs"]
mod tests;
