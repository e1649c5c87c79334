//! The `roleplay` binary run as a user runs it, for the CLI's test files.
#![allow(dead_code, clippy::expect_used)]

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

/// What a run printed, and its exit status.
pub struct Out {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// `roleplay ARGS` in `dir` (or here), with `stdin` on standard input.
/// `NO_COLOR` is unset: colour is then decided by the output not being a
/// terminal, or by `--color`.
pub fn roleplay_in(dir: Option<&Path>, args: &[&str], stdin: Option<&str>) -> Out {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_roleplay"));
    cmd.args(args).env_remove("NO_COLOR").stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
    if let Some(d) = dir {
        cmd.current_dir(d);
    }
    let mut child = cmd.spawn().expect("start roleplay");
    let mut pipe = child.stdin.take().expect("stdin");
    if let Some(text) = stdin {
        // A usage error exits before reading standard input: a closed pipe
        // is then expected, not a failure.
        let _ = pipe.write_all(text.as_bytes());
    }
    drop(pipe);
    let out = child.wait_with_output().expect("wait for roleplay");
    Out {
        code: out.status.code().expect("exit code"),
        stdout: String::from_utf8(out.stdout).expect("utf-8 stdout"),
        stderr: String::from_utf8(out.stderr).expect("utf-8 stderr"),
    }
}

/// `roleplay ARGS` with `stdin`.
pub fn roleplay_with(args: &[&str], stdin: Option<&str>) -> Out {
    roleplay_in(None, args, stdin)
}
