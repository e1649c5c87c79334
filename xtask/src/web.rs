//! The playground's build and tests: installs Trunk, wasm-opt (npm
//! binaryen), Playwright (npm, no browser download) and Debian's Chromium
//! when missing; builds `dist/` with Trunk; writes the single-file build;
//! checks the size budget; runs the browser tests.

use std::path::Path;
use std::process::Command;

use crate::{cargo, cargo_bin, csp, ensure_wasm_bindgen, run};

const TRUNK_VERSION: &str = "0.22.1";
/// Whole transfer of the page (every file the page loads), gzip.
const BUDGET_GZIP: u64 = 300 * 1024;

/// `PATH` with cargo's bin folder and the npm tools in front.
fn path_env() -> String {
    let tools = std::fs::canonicalize("tools/node_modules/.bin").map(|p| p.display().to_string()).unwrap_or_default();
    let cargo_bin_dir = Path::new(&cargo_bin("trunk")).parent().map(|p| p.display().to_string()).unwrap_or_default();
    format!("{tools}:{cargo_bin_dir}:{}", std::env::var("PATH").unwrap_or_default())
}

fn run_env(program: &str, args: &[&str]) -> Result<(), String> {
    eprintln!("xtask: $ {program} {}", args.join(" "));
    let status = Command::new(program)
        .args(args)
        .env("PATH", path_env())
        .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
        .status()
        .map_err(|e| format!("cannot start `{program}`: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{program} {}` failed ({status})", args.join(" ")))
    }
}

/// Trunk, wasm-bindgen and the npm tools (wasm-opt, Playwright).
fn build_setup() -> Result<(), String> {
    crate::setup()?;
    ensure_wasm_bindgen()?;
    let trunk = cargo_bin("trunk");
    let have = Command::new(&trunk)
        .arg("--version")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == format!("trunk {TRUNK_VERSION}"));
    if !have {
        // Trunk 0.22.1 declares a newer rustc than it needs; building it
        // without LTO keeps the first install to minutes on two cores.
        eprintln!("xtask: installing Trunk {TRUNK_VERSION} (first time only, several minutes)");
        let status = Command::new(cargo())
            .args(["install", "trunk", "--version", TRUNK_VERSION, "--locked", "--ignore-rust-version"])
            .env("CARGO_PROFILE_RELEASE_LTO", "false")
            .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "16")
            .status()
            .map_err(|e| e.to_string())?;
        if !status.success() {
            return Err("installing Trunk failed".into());
        }
    }
    if !Path::new("tools/node_modules/.bin/wasm-opt").exists()
        || !Path::new("tools/node_modules/playwright-core").exists()
        || !Path::new("tools/node_modules/axe-core").exists()
    {
        run_env("npm", &["ci", "--prefix", "tools", "--no-audit", "--no-fund"])?;
    }
    Ok(())
}

/// Debian's Chromium and ChromeDriver for the browser tests.
fn browser_setup() -> Result<(), String> {
    if Path::new("/usr/bin/chromium").exists() && Path::new("/usr/bin/chromedriver").exists() {
        return Ok(());
    }
    let root = Command::new("id").arg("-u").output().is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0");
    let sudo: &[&str] = if root { &[] } else { &["sudo"] };
    let apt = |args: &[&str]| -> Result<(), String> {
        let mut full: Vec<&str> = sudo.to_vec();
        full.extend_from_slice(args);
        let (program, rest) = full.split_first().ok_or("empty command")?;
        run(program, rest)
    };
    apt(&["apt-get", "update"])?;
    apt(&["apt-get", "install", "-y", "--no-install-recommends", "chromium", "chromium-driver"])
}

/// `trunk build --release`, the single-file build and the size budget; then
/// the debug build the e2e test of the panic dialog uses.
pub fn dist() -> Result<(), String> {
    build_setup()?;
    run_env(&cargo_bin("trunk"), &["build", "--release"])?;
    lock_down("dist")?;
    single_file()?;
    budget()?;
    debug_dist()
}

/// Trunk's inline loader moved into a file, so that the page's
/// Content-Security-Policy (in `web/index.html`) allows no inline script.
fn lock_down(dir: &str) -> Result<(), String> {
    // Trunk copies these as written: their comment lines and blank lines
    // go (they are read in `web/`), so the first load carries only code.
    for name in ["sw.js", "frame.js"] {
        let path = format!("{dir}/{name}");
        let js = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
        let code: Vec<&str> = js.lines().filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with("//")).collect();
        std::fs::write(&path, code.join("\n") + "\n").map_err(|e| format!("{path}: {e}"))?;
    }
    let path = format!("{dir}/index.html");
    let mut html = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
    let name = csp::externalize_loader(&mut html, dir)?;
    std::fs::write(&path, html).map_err(|e| format!("{path}: {e}"))?;
    eprintln!("xtask: {dir}/index.html loads its loader from {name} (no inline script)");
    Ok(())
}

/// A debug build of the page in `target/dist-debug`, for the e2e test of
/// the panic dialog (debug builds have its trigger; release builds none).
fn debug_dist() -> Result<(), String> {
    let dir = "target/dist-debug";
    run_env(&cargo_bin("trunk"), &["build", "--dist", dir])?;
    lock_down(dir)
}

/// Serves `dist/` on 127.0.0.1 (Python's server sends `.wasm` as
/// `application/wasm`).
pub fn serve(port: &str) -> Result<(), String> {
    eprintln!("xtask: the playground is at http://127.0.0.1:{port}/ (Ctrl-C stops)");
    run("python3", &["-m", "http.server", port, "--bind", "127.0.0.1", "--directory", "dist"])
}

/// The browser tests: wasm-bindgen-test in headless Chromium, then the
/// Playwright end-to-end tests against the release build.
pub fn test() -> Result<(), String> {
    build_setup()?;
    browser_setup()?;
    run_env(&cargo(), &["test", "--locked", "--target", "wasm32-unknown-unknown", "-p", "web"])?;
    dist()?;
    run_env("node", &["--test", "tests/e2e/"])
}

fn gzip_len(path: &Path) -> Result<u64, String> {
    let out = Command::new("gzip").args(["-9", "-c"]).arg(path).output().map_err(|e| format!("gzip: {e}"))?;
    Ok(out.stdout.len() as u64)
}

/// Files in `dist/` the page loads only when asked (not on first load):
/// the preset texts, and after first paint the helper worker (findings and
/// fixes) with the IAM catalogue it reads.
const LAZY: &[&str] = &["presets.json", "exercises.json", "assist_loader.js", "assist.js", "assist_bg.wasm", "catalogue.txt"];

/// Prints every file the page loads (raw and gzip) and fails when the
/// first load is over budget; lazily loaded files are printed apart.
fn budget() -> Result<(), String> {
    let (mut total, mut lazy_total) = (0u64, 0u64);
    let mut rows = Vec::new();
    let entries = std::fs::read_dir("dist").map_err(|e| format!("dist: {e}"))?;
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().to_string();
        // The page's transfer: not the single-file copy, not hidden files.
        if name.starts_with('.') || name == "roleplay.html" || !e.path().is_file() {
            continue;
        }
        let raw = e.metadata().map(|m| m.len()).unwrap_or(0);
        let gz = gzip_len(&e.path())?;
        let lazy = LAZY.contains(&name.as_str());
        if lazy {
            lazy_total += gz;
        } else {
            total += gz;
        }
        rows.push((name, raw, gz, lazy));
    }
    rows.sort();
    for (name, raw, gz, lazy) in &rows {
        let when = if *lazy { "  (lazy: loaded when needed)" } else { "" };
        eprintln!("budget: {name:<44} {:>8.1} KB raw {:>7.1} KB gzip{when}", *raw as f64 / 1024.0, *gz as f64 / 1024.0);
    }
    let single = Path::new("dist/roleplay.html");
    if single.exists() {
        eprintln!("budget: single-file dist/roleplay.html {:.1} KB gzip", gzip_len(single)? as f64 / 1024.0);
    }
    eprintln!("budget: lazily loaded {:.1} KB gzip", lazy_total as f64 / 1024.0);
    eprintln!("budget: first load {:.1} KB gzip (budget {} KB)", total as f64 / 1024.0, BUDGET_GZIP / 1024);
    if total > BUDGET_GZIP {
        return Err(format!("the first load is {total} bytes gzip, over the {BUDGET_GZIP}-byte budget"));
    }
    Ok(())
}

/// The helper worker as one classic script for the single file: the IAM
/// catalogue as a global the worker reads instead of fetching
/// `catalogue.txt`, wasm-bindgen's glue, and the start with the inlined
/// WebAssembly.
fn helper_worker_source() -> Result<String, String> {
    let read = |f: &str| std::fs::read(format!("dist/{f}")).map_err(|e| format!("dist/{f}: {e}"));
    let glue = String::from_utf8(read("assist.js")?).map_err(|e| format!("dist/assist.js: {e}"))?;
    let catalogue = String::from_utf8(read("catalogue.txt")?).map_err(|e| format!("dist/catalogue.txt: {e}"))?;
    let wasm = read("assist_bg.wasm")?;
    let catalogue = js_string(&catalogue);
    let source = format!(
        "self.roleplay_catalogue={catalogue};\n{glue}\n;{{const b=atob(\"{}\"),u=new Uint8Array(b.length);for(let i=0;i<b.length;i++)u[i]=b.charCodeAt(i);wasm_bindgen({{module_or_path:u}})}}",
        csp::base64(&wasm)
    );
    // Inert text inside `<script>`: only its closing tag could end it early.
    if source.to_ascii_lowercase().contains("</script") {
        return Err("the helper worker's script contains `</script`".into());
    }
    Ok(source)
}

/// `text` as a JavaScript string literal (double-quoted).
fn js_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            '<' => out.push_str("\\x3c"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\x{:02x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The text between `start` and the next `end` after it, both included.
fn find_between<'a>(s: &'a str, start: &str, end: &str) -> Option<(usize, usize, &'a str)> {
    let a = s.find(start)?;
    let b = a + s.get(a..)?.find(end)? + end.len();
    Some((a, b, s.get(a..b)?))
}

/// `dist/roleplay.html`: one self-contained file (style, script and the
/// WebAssembly inlined) that opens by double-click from a USB stick.
fn single_file() -> Result<(), String> {
    let mut html = std::fs::read_to_string("dist/index.html").map_err(|e| format!("dist/index.html: {e}"))?;
    let files: Vec<String> =
        std::fs::read_dir("dist").map_err(|e| e.to_string())?.flatten().map(|e| e.file_name().to_string_lossy().to_string()).collect();
    let pick = |prefix: &str, suffix: &str| files.iter().find(|f| f.starts_with(prefix) && f.ends_with(suffix)).cloned();
    let css = pick("style", ".css").ok_or("no stylesheet in dist/")?;
    let js = files.iter().find(|f| f.starts_with("web-") && f.ends_with(".js")).cloned().ok_or("no script in dist/")?;
    let wasm = pick("web-", "_bg.wasm").ok_or("no WebAssembly in dist/")?;
    let css_text = std::fs::read_to_string(format!("dist/{css}")).map_err(|e| e.to_string())?;
    let js_text = std::fs::read_to_string(format!("dist/{js}")).map_err(|e| e.to_string())?;
    let wasm_bytes = std::fs::read(format!("dist/{wasm}")).map_err(|e| e.to_string())?;

    // Drop every tag that points at another file (the stylesheet, the
    // preloads, the loader script); keep everything else as Trunk wrote it.
    let mut from = 0;
    while let Some((a, b, tag)) = html.get(from..).and_then(|rest| find_between(rest, "<link", ">")) {
        let (a, b) = (from + a, from + b);
        if tag.contains(&css) || tag.contains(&js) || tag.contains(&wasm) {
            html.replace_range(a..b, "");
            from = a;
        } else {
            from = b;
        }
    }
    // The loader (moved to a file by `lock_down`) goes too.
    let (a, b, _) = find_between(&html, "<script type=module src=", "</script>").ok_or("no loader script in dist/index.html")?;
    html.replace_range(a..b, "");
    // The sandboxed-frame note's script (web/frame.js) has no file to load
    // here; a file opened from disk is never in such a frame.
    if let Some((a, b, _)) = find_between(&html, "<script src=", "</script>").filter(|(_, _, tag)| tag.contains("frame.js")) {
        html.replace_range(a..b, "");
    }
    // The glue is an ES module ending in `export{…}`: inline it and start
    // it with the inlined bytes instead of a fetch.
    let glue = match js_text.rfind("export{").or_else(|| js_text.rfind("export {")) {
        Some(i) => js_text.get(..i).unwrap_or(&js_text).to_string(),
        None => return Err(format!("unexpected glue format in {js} (no trailing export)")),
    };
    let script_body = format!(
        "{}\nconst b=atob(\"{}\"),u=new Uint8Array(b.length);for(let i=0;i<b.length;i++)u[i]=b.charCodeAt(i);await __wbg_init({{module_or_path:u}});",
        glue.replace("</script", "<\\/script"),
        csp::base64(&wasm_bytes)
    );
    // The helper worker (findings, fixes, completion, goals, words) has no
    // file to start from either: its script, its WebAssembly and the IAM
    // catalogue go into one inert block, started as a `blob:` worker.
    let helper = helper_worker_source()?;
    let script_body = format!(
        "{{const s=document.getElementById(\"roleplay-assist\");if(s)self.roleplayAssist=URL.createObjectURL(new Blob([s.textContent],{{type:\"text/javascript\"}}))}}{script_body}"
    );
    let style_body = css_text.replace("</style", "<\\/style");
    // Nothing to load, so the policy allows exactly these two by hash.
    csp::set_policy(&mut html, &csp::single_file_policy(&script_body, &style_body))?;
    // The preset texts the served page fetches lazily, inline as data (a
    // JSON script block is not run, so the policy need not allow it).
    let mut data = String::new();
    for (file, id) in [("presets.json", "roleplay-presets"), ("exercises.json", "roleplay-exercises")] {
        let json = std::fs::read_to_string(format!("dist/{file}")).map_err(|e| format!("dist/{file}: {e}"))?;
        data.push_str(&format!("<script type=application/json id={id}>{}</script>", json.replace("</", "<\\/")));
    }
    data.push_str(&format!("<script type=text/plain id=roleplay-assist>{helper}</script>"));
    // (The minifier may leave out `</body>`.)
    let body_end = html.rfind("</body>").unwrap_or(html.len());
    html.insert_str(body_end, &data);
    let script = format!("<script type=module>{script_body}</script>");
    let style = format!("<style>{style_body}</style>");
    let head_end = html.find("</head>").ok_or("no </head> in dist/index.html")?;
    html.insert_str(head_end, &format!("{style}{script}"));
    std::fs::write("dist/roleplay.html", html).map_err(|e| e.to_string())?;
    eprintln!("xtask: wrote dist/roleplay.html (single file)");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::js_string;

    #[test]
    fn a_js_string_keeps_every_character_and_cannot_close_its_script() {
        let text = "kS\t0a\"b\\c\n</script>\u{2028}é\u{1}";
        let lit = js_string(text);
        assert_eq!(lit, "\"kS\\t0a\\\"b\\\\c\\n\\x3c/script>\\u2028é\\x01\"");
        assert!(!lit.to_ascii_lowercase().contains("</script"));
    }
}
