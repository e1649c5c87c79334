//! The page's address: `?preset=NAME&lang=ja|en&step=N&embed=1`,
//! `?exercise=NAME` and the share fragment `#s=PAYLOAD&c=CURSOR&i=INTERVENTIONS`.
//! A preset or an exercise is named by its file name, with or without its
//! number, or by its number alone (`?preset=4`, `?preset=04`, `?exercise=1`):
//! [`crate::presets::find`], [`crate::exercises::find`].

use crate::i18n::Lang;

/// What the address asks for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Params {
    pub preset: Option<String>,
    /// `?exercise=NAME` or `?exercise=N`, as typed.
    pub exercise: Option<String>,
    pub lang: Option<Lang>,
    /// `?step=N`: open with flow step N (1–5) of the first AssumeRole shown.
    pub step: Option<usize>,
    pub embed: bool,
    /// The `#s=` payload, still encoded.
    pub share: Option<String>,
    /// `#…&c=N`: the walk position a share link was made at.
    pub share_cursor: Option<usize>,
    /// `#…&i=…`: the learner's clock moves and "assume again"s
    /// (`walk::parse_interventions`).
    pub share_interventions: Option<String>,
}

/// Decodes `%XX` and `+` in a query value (invalid escapes are kept as typed).
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok()).and_then(|h| u8::from_str_radix(h, 16).ok());
                if let Some(v) = hex {
                    out.push(v);
                    i += 3;
                    continue;
                }
                out.push(b);
            }
            _ => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Parses `location.search` (with or without `?`) and `location.hash`.
pub fn parse(search: &str, hash: &str) -> Params {
    let mut p = Params::default();
    for pair in search.trim_start_matches('?').split('&').filter(|x| !x.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        let v = percent_decode(v);
        match k {
            "preset" if !v.is_empty() => p.preset = Some(v),
            "exercise" if !v.is_empty() => p.exercise = Some(v),
            "lang" => p.lang = Lang::parse(&v),
            "step" => p.step = v.trim().parse::<usize>().ok().map(|n| n.min(5)),
            "embed" => p.embed = matches!(v.as_str(), "" | "1" | "true" | "yes"),
            _ => {}
        }
    }
    let hash = hash.trim_start_matches('#');
    for part in hash.split('&') {
        if let Some(s) = part.strip_prefix("s=") {
            p.share = Some(s.to_string());
        } else if let Some(c) = part.strip_prefix("c=") {
            p.share_cursor = c.parse().ok();
        } else if let Some(i) = part.strip_prefix("i=") {
            p.share_interventions = Some(i.to_string());
        }
    }
    p
}

/// `?preset=…&lang=…&embed=1` (or `?exercise=…`) for the current page
/// (what a reload or a copied address should reopen): `opened` is
/// `("preset", name)` or `("exercise", name)`. Share payloads go in the
/// fragment.
pub fn search(opened: Option<(&str, &str)>, lang: Option<Lang>, embed: bool) -> String {
    let mut parts = Vec::new();
    if let Some((kind, name)) = opened {
        parts.push(format!("{kind}={name}"));
    }
    if let Some(l) = lang {
        parts.push(format!("lang={}", l.code()));
    }
    if embed {
        parts.push("embed=1".to_string());
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!("?{}", parts.join("&"))
    }
}
