//! Pattern matching figures: `cargo xtask bench`, or
//! `cargo run --profile bench -p policy --example bench_pattern`.
//!
//! Prints nanoseconds per match for typical action and resource patterns
//! and for hostile ones (which must stay linear). No timing assertions:
//! figures only.

use std::hint::black_box;
use std::time::{Duration, Instant};

use policy::pattern::{Flavor, Pattern};
use policy::{Context, NoVars, Vars};

/// Time budget per case (18 cases, so the run stays well under 5 s).
const BUDGET: Duration = Duration::from_millis(60);

struct Case {
    name: &'static str,
    pattern: String,
    flavor: Flavor,
    text: String,
    vars: bool,
}

fn case(name: &'static str, flavor: Flavor, pattern: &str, text: &str) -> Case {
    Case { name, pattern: pattern.to_string(), flavor, text: text.to_string(), vars: false }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let long_a = "a".repeat(100_000);
    let long_arn = format!("arn:aws:s3:::{long_a}");
    let mut ctx = Context::new();
    ctx.set("aws:username", "alice");

    let cases = vec![
        case("action exact", Flavor::Glob, "s3:GetObject", "s3:getobject"),
        case("action prefix s3:get*", Flavor::Glob, "s3:Get*", "s3:getobjectacl"),
        case("action *", Flavor::Glob, "*", "s3:getobject"),
        case("action iam:*Role?", Flavor::Glob, "iam:*Role?", "iam:createroles"),
        case("action miss", Flavor::Glob, "ec2:Describe*", "s3:getobject"),
        case("arn exact", Flavor::Arn, "arn:aws:iam::111122223333:role/admin", "arn:aws:iam::111122223333:role/admin"),
        case("arn prefix bucket/*", Flavor::Arn, "arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/some/key.txt"),
        case("arn account *", Flavor::Arn, "arn:aws:iam::*:role/x", "arn:aws:iam::111122223333:role/x"),
        case("arn ec2 *:*:instance/*", Flavor::Arn, "arn:aws:ec2:*:*:instance/*", "arn:aws:ec2:us-east-1:111122223333:instance/i-0abcdef"),
        case("arn ec2 miss", Flavor::Arn, "arn:aws:ec2:*:*:instance/*", "arn:aws:ec2:us-east-1:111122223333:volume/vol-0abcdef"),
        Case {
            vars: true,
            ..case("arn ${aws:username}", Flavor::Arn, "arn:aws:s3:::bucket/${aws:username}/*", "arn:aws:s3:::bucket/alice/file")
        },
        case("hostile glob a*a*a*a*a*a*a*b vs 100k a", Flavor::Glob, "a*a*a*a*a*a*a*b", &long_a),
        case("hostile glob *?*?*?*?*?*?*?b vs 100k a", Flavor::Glob, "*?*?*?*?*?*?*?b", &long_a),
        case("hostile glob *a…(50)b* vs 100k a", Flavor::Glob, &format!("*{}b*", "a".repeat(50)), &long_a),
        case("hostile glob *a…(1000)?b vs 100k a", Flavor::Glob, &format!("*{}?b", "a".repeat(1000)), &long_a),
        case("hostile glob *a…(1000)*b vs 100k a", Flavor::Glob, &format!("*{}*b", "a".repeat(1000)), &long_a),
        case("hostile arn resource a*…*b vs 100k a", Flavor::Arn, "arn:aws:s3:::a*a*a*a*a*a*a*b", &long_arn),
        case("hostile arn prefix *a*a*…b", Flavor::Arn, "*a*a*a*a*a*a*b:*", &long_a),
    ];

    println!("{:<45} {:>14} {:>10}", "case", "ns/match", "matches");
    for c in &cases {
        let p = Pattern::compile(&c.pattern, c.flavor, c.flavor == Flavor::Glob, c.vars)?;
        let vars: &dyn Vars = if c.vars { &ctx } else { &NoVars };
        let matched = p.is_match(&c.text, vars);
        let (iters, elapsed) = run(&p, &c.text, vars);
        let ns = elapsed.as_nanos() as f64 / iters as f64;
        println!("{:<45} {:>14.1} {:>10}", c.name, ns, matched);
    }
    Ok(())
}

/// Runs the match in growing batches until the budget is spent.
fn run(p: &Pattern, text: &str, vars: &dyn Vars) -> (u64, Duration) {
    let start = Instant::now();
    let mut iters = 0u64;
    let mut batch = 1u64;
    loop {
        for _ in 0..batch {
            black_box(p.is_match(black_box(text), vars));
        }
        iters += batch;
        let elapsed = start.elapsed();
        if elapsed >= BUDGET {
            return (iters, elapsed);
        }
        batch = batch.saturating_mul(2);
    }
}
