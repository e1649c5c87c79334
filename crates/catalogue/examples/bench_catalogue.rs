//! Catalogue figures: `cargo run --profile bench -p catalogue --example bench_catalogue`.
//!
//! Prints the data file's size, the time to parse it, and the time of the
//! lookups lint and completion make (exact, wildcard, "did you mean"). No
//! timing assertions: figures only.

use std::hint::black_box;
use std::time::{Duration, Instant};

use catalogue::Catalogue;

/// Time budget per figure.
const BUDGET: Duration = Duration::from_millis(200);

/// Runs `f` repeatedly for about [`BUDGET`] and returns the time per call.
fn per_call<T>(mut f: impl FnMut() -> T) -> Duration {
    let start = Instant::now();
    let mut calls = 0u32;
    while start.elapsed() < BUDGET || calls < 3 {
        black_box(f());
        calls += 1;
    }
    start.elapsed() / calls
}

fn show(name: &str, d: Duration) {
    let ns = d.as_nanos();
    if ns >= 1_000_000 {
        println!("  {name:<44} {:>9.2} ms", ns as f64 / 1e6);
    } else if ns >= 1_000 {
        println!("  {name:<44} {:>9.2} µs", ns as f64 / 1e3);
    } else {
        println!("  {name:<44} {:>9} ns", ns);
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/catalogue.txt");
    let text = std::fs::read_to_string(path)?;
    let cat = Catalogue::parse(&text)?;
    println!(
        "catalogue: {} KiB, {} services, {} actions, {} condition keys ({} {})",
        text.len() / 1024,
        cat.services().len(),
        cat.actions().len(),
        cat.condition_keys().len(),
        cat.source(),
        cat.version()
    );

    show("parse", per_call(|| Catalogue::parse(&text).map(|c| c.actions().len())));
    show("find_action sts:AssumeRole", per_call(|| cat.find_action(black_box("sts:AssumeRole"))));
    show("find_action ec2:describeinstances", per_call(|| cat.find_action(black_box("ec2:describeinstances"))));
    show("find_action unknown (sts:AssumeRoles)", per_call(|| cat.find_action(black_box("sts:AssumeRoles"))));
    show("condition_key aws:SourceIp", per_call(|| cat.condition_key(black_box("aws:SourceIp"))));
    show("condition_key aws:RequestTag/Team (template)", per_call(|| cat.condition_key(black_box("aws:RequestTag/Team"))));
    show("condition_key unknown", per_call(|| cat.condition_key(black_box("aws:SourceIpAddress"))));
    show(
        "supports_condition_key iam:PassRole",
        per_call(|| cat.find_action("iam:PassRole").map(|a| a.supports_condition_key(black_box("iam:PassedToService")))),
    );
    show("actions_matching s3:Get* (count)", per_call(|| cat.actions_matching(black_box("s3:Get*")).count()));
    show("actions_matching *:*Instances (count)", per_call(|| cat.actions_matching(black_box("*:*Instances")).count()));
    show("actions_matching * (count)", per_call(|| cat.actions_matching(black_box("*")).count()));
    show(
        "actions_with_prefix ec2:Describe (count)",
        per_call(|| cat.service("ec2").map(|s| s.actions_with_prefix(black_box("Describe")).count())),
    );
    show("resource_types_matching arn:aws:s3:::b/*", per_call(|| cat.resource_types_matching(black_box("arn:aws:s3:::photos/*")).len()));
    show("closest_action sts:AssumeRoles", per_call(|| cat.closest_action(black_box("sts:AssumeRoles"))));
    show("closest_action s3:GetObjects", per_call(|| cat.closest_action(black_box("s3:GetObjects"))));
    show("closest_action stss:AssumeRole", per_call(|| cat.closest_action(black_box("stss:AssumeRole"))));
    show("closest_action s3:DescribeInstances (all 22k)", per_call(|| cat.closest_action(black_box("s3:DescribeInstances"))));
    show("closest_action GetObjekt (no service, all)", per_call(|| cat.closest_action(black_box("GetObjekt"))));
    show("closest_action s3:Xyzzyplughfoo (nothing, all)", per_call(|| cat.closest_action(black_box("s3:Xyzzyplughfoo"))));
    show("closest_service lamda", per_call(|| cat.closest_service(black_box("lamda"))));
    show("closest_condition_key aws:SourceIP4", per_call(|| cat.closest_condition_key(black_box("aws:SourceIP4"))));
    Ok(())
}
