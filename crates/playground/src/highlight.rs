//! JSON colouring for the editors, with marks laid over it: errors and lint
//! findings (underlined, message on hover) and the statements that decided
//! the step (highlighted). Works on any text, valid JSON or not, in one
//! pass over its characters.

/// A range of the text to mark, 1-based lines and columns (columns count
/// characters), both ends inclusive, as the engine reports positions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mark {
    pub start: (u32, u32),
    pub end: (u32, u32),
    pub kind: MarkKind,
    pub message: String,
    /// For a lint finding: its finding type and issue code.
    pub tag: Option<(String, String)>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum MarkKind {
    /// A statement that allowed the step.
    Allow,
    /// A statement that denied it, or did not apply.
    Deny,
    /// A lint finding of type `SUGGESTION`.
    Suggestion,
    /// A warning, or a lint finding of type `WARNING`.
    Warning,
    /// A lint finding of type `SECURITY_WARNING`.
    Security,
    Error,
}

impl MarkKind {
    pub fn class(self) -> &'static str {
        match self {
            MarkKind::Allow => "m-allow",
            MarkKind::Deny => "m-deny",
            MarkKind::Suggestion => "m-sugg",
            MarkKind::Warning => "m-warn",
            MarkKind::Security => "m-sec",
            MarkKind::Error => "m-err",
        }
    }
}

/// A run of characters with one look.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Piece {
    pub text: String,
    /// Space-separated CSS classes (`t-key`, `t-str`, `m-err`, ...).
    pub class: String,
    /// The messages of the marks over it (for the hover tooltip).
    pub title: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tok {
    Key,
    Str,
    Num,
    Lit,
    Punct,
    Space,
    Bad,
}

impl Tok {
    fn class(self) -> &'static str {
        match self {
            Tok::Key => "t-key",
            Tok::Str => "t-str",
            Tok::Num => "t-num",
            Tok::Lit => "t-lit",
            Tok::Punct => "t-pun",
            Tok::Space => "",
            Tok::Bad => "t-bad",
        }
    }
}

/// The token class of every character (by char index).
fn classify(text: &str) -> Vec<Tok> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = vec![Tok::Space; chars.len()];
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        let start = i;
        let tok = match c {
            '"' => {
                i += 1;
                while let Some(&d) = chars.get(i) {
                    i += 1;
                    match d {
                        '\\' => i += 1,
                        '"' | '\n' => break,
                        _ => {}
                    }
                }
                // A string followed by `:` is a key.
                let mut j = i;
                while chars.get(j).is_some_and(|c| *c == ' ' || *c == '\t') {
                    j += 1;
                }
                if chars.get(j) == Some(&':') {
                    Tok::Key
                } else {
                    Tok::Str
                }
            }
            '-' | '0'..='9' => {
                while chars.get(i).is_some_and(|c| c.is_ascii_digit() || matches!(c, '-' | '+' | '.' | 'e' | 'E')) {
                    i += 1;
                }
                Tok::Num
            }
            'a'..='z' | 'A'..='Z' => {
                while chars.get(i).is_some_and(char::is_ascii_alphanumeric) {
                    i += 1;
                }
                let word: String = chars.get(start..i).map(|w| w.iter().collect()).unwrap_or_default();
                if matches!(word.as_str(), "true" | "false" | "null") {
                    Tok::Lit
                } else {
                    Tok::Bad
                }
            }
            '{' | '}' | '[' | ']' | ':' | ',' => {
                i += 1;
                Tok::Punct
            }
            c if c.is_whitespace() => {
                i += 1;
                Tok::Space
            }
            _ => {
                i += 1;
                Tok::Bad
            }
        };
        let end = i.min(chars.len());
        for slot in out.iter_mut().take(end).skip(start) {
            *slot = tok;
        }
        if i == start {
            i += 1;
        }
    }
    out
}

/// The end of the token that starts at (`line`, `column`), so a mark that
/// has only a start position underlines a whole word.
pub fn token_end(text: &str, line: u32, column: u32) -> (u32, u32) {
    let Some(l) = text.lines().nth(line.saturating_sub(1) as usize) else { return (line, column) };
    // From the column on only, and at most a long token's worth (a long
    // line is not copied whole for each mark).
    let start = column.saturating_sub(1) as usize;
    let chars: Vec<char> = l.chars().skip(start).take(MAX_TOKEN).collect();
    let Some(&first) = chars.first() else { return (line, column) };
    let mut end = 0;
    if first == '"' {
        end += 1;
        while let Some(&c) = chars.get(end) {
            if c == '"' {
                break;
            }
            end += if c == '\\' { 2 } else { 1 };
        }
    } else if first.is_alphanumeric() || first == '-' {
        while chars.get(end + 1).is_some_and(|c| c.is_alphanumeric() || matches!(c, '-' | '.' | '_')) {
            end += 1;
        }
    }
    let last = start + end.min(chars.len().saturating_sub(1));
    (line, u32::try_from(last + 1).unwrap_or(column))
}

/// The longest token [`token_end`] looks for the end of, in characters.
const MAX_TOKEN: usize = 4_096;

/// Texts longer than this (in bytes) are shown without JSON colouring
/// (marks still show): a huge paste then makes a few pieces per line, not
/// one per token, and the page stays responsive.
pub const MAX_COLOURED: usize = 200_000;

/// The text as lines of pieces, coloured and marked. Marks are swept in
/// order of their starts: the pieces' classes are worked out again only
/// where a token or a mark begins or ends, so the cost is linear in the
/// text plus the marks (a megabyte on one line with a hundred errors
/// included).
pub fn render(text: &str, marks: &[Mark]) -> Vec<Vec<Piece>> {
    let toks = if text.len() <= MAX_COLOURED { classify(text) } else { Vec::new() };
    // Marks by start, equal starts in their own order (inserted in place:
    // an editor has a few hundred marks at most, and a sort would add to
    // the page's size).
    let mut order: Vec<usize> = Vec::with_capacity(marks.len());
    for (i, m) in marks.iter().enumerate() {
        let k = order.partition_point(|&j| marks.get(j).is_some_and(|o| o.start <= m.start));
        order.insert(k, i);
    }
    let mut next_mark = order.iter().peekable();
    let mut active: Vec<&Mark> = Vec::new();
    let mut lines = Vec::new();
    let mut line: Vec<Piece> = Vec::new();
    let (mut ln, mut col) = (1u32, 1u32);
    let mut cur: Option<(String, Option<String>)> = None;
    let mut last_tok = None;
    let mut buf = String::new();
    let flush = |line: &mut Vec<Piece>, buf: &mut String, cur: &Option<(String, Option<String>)>| {
        if !buf.is_empty() {
            let (class, title) = cur.clone().unwrap_or_default();
            line.push(Piece { text: std::mem::take(buf), class, title });
        }
    };
    for (c, tok) in text.chars().zip(toks.iter().copied().chain(std::iter::repeat(Tok::Space))) {
        if c == '\n' {
            flush(&mut line, &mut buf, &cur);
            lines.push(std::mem::take(&mut line));
            cur = None;
            ln += 1;
            col = 1;
            continue;
        }
        let at = (ln, col);
        let mut changed = last_tok != Some(tok) || cur.is_none();
        let before = active.len();
        active.retain(|m| at <= m.end);
        changed |= active.len() != before;
        while let Some(m) = next_mark.peek().and_then(|&&i| marks.get(i)).filter(|m| m.start <= at) {
            next_mark.next();
            if at <= m.end {
                active.push(m);
                changed = true;
            }
        }
        if changed {
            let mut class = tok.class().to_string();
            let mut kinds: Vec<MarkKind> = active.iter().map(|m| m.kind).collect();
            kinds.sort_unstable();
            kinds.dedup();
            for k in kinds {
                if !class.is_empty() {
                    class.push(' ');
                }
                class.push_str(k.class());
            }
            let msgs: Vec<&str> = active.iter().filter(|m| !m.message.is_empty()).map(|m| m.message.as_str()).collect();
            let key = (class, (!msgs.is_empty()).then(|| msgs.join("\n")));
            if cur.as_ref() != Some(&key) {
                flush(&mut line, &mut buf, &cur);
                cur = Some(key);
            }
            last_tok = Some(tok);
        }
        if c != '\r' {
            buf.push(c);
        }
        col += 1;
    }
    flush(&mut line, &mut buf, &cur);
    lines.push(line);
    lines
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;
    use proptest::prelude::*;

    /// The obvious way: every mark checked at every character.
    fn naive(text: &str, marks: &[Mark]) -> Vec<Vec<Piece>> {
        let toks = if text.len() <= MAX_COLOURED { classify(text) } else { Vec::new() };
        let mut lines = Vec::new();
        let mut line: Vec<Piece> = Vec::new();
        let (mut ln, mut col) = (1u32, 1u32);
        let mut cur: Option<(String, Option<String>)> = None;
        let mut buf = String::new();
        let flush = |line: &mut Vec<Piece>, buf: &mut String, cur: &Option<(String, Option<String>)>| {
            if !buf.is_empty() {
                let (class, title) = cur.clone().unwrap_or_default();
                line.push(Piece { text: std::mem::take(buf), class, title });
            }
        };
        for (c, tok) in text.chars().zip(toks.iter().copied().chain(std::iter::repeat(Tok::Space))) {
            if c == '\n' {
                flush(&mut line, &mut buf, &cur);
                lines.push(std::mem::take(&mut line));
                cur = None;
                ln += 1;
                col = 1;
                continue;
            }
            // In order of start, as the sweep adds them (stable for equal starts).
            let mut covering: Vec<(usize, &Mark)> =
                marks.iter().enumerate().filter(|(_, m)| (ln, col) >= m.start && (ln, col) <= m.end).collect();
            covering.sort_by_key(|(i, m)| (m.start, *i));
            let mut class = tok.class().to_string();
            let mut kinds: Vec<MarkKind> = covering.iter().map(|(_, m)| m.kind).collect();
            kinds.sort();
            kinds.dedup();
            for k in kinds {
                if !class.is_empty() {
                    class.push(' ');
                }
                class.push_str(k.class());
            }
            let msgs: Vec<&str> = covering.iter().filter(|(_, m)| !m.message.is_empty()).map(|(_, m)| m.message.as_str()).collect();
            let key = (class, (!msgs.is_empty()).then(|| msgs.join("\n")));
            if cur.as_ref() != Some(&key) {
                flush(&mut line, &mut buf, &cur);
                cur = Some(key);
            }
            if c != '\r' {
                buf.push(c);
            }
            col += 1;
        }
        flush(&mut line, &mut buf, &cur);
        lines.push(line);
        lines
    }

    fn mark() -> impl Strategy<Value = Mark> {
        (1u32..4, 1u32..12, 0u32..3, 0u32..8, 0usize..4, "[a-c]{0,2}").prop_map(|(l, c, dl, dc, k, message)| Mark {
            start: (l, c),
            end: (l + dl, if dl == 0 { c + dc } else { dc + 1 }),
            kind: [MarkKind::Allow, MarkKind::Deny, MarkKind::Warning, MarkKind::Error][k],
            message,
            tag: None,
        })
    }

    proptest! {
        #[test]
        fn the_sweep_agrees_with_checking_every_mark(text in "[{}\\[\\]\":,a-z0-9 \\n\\r\\\\ロ]{0,40}", marks in prop::collection::vec(mark(), 0..6)) {
            prop_assert_eq!(render(&text, &marks), naive(&text, &marks));
        }
    }

    #[test]
    fn a_megabyte_on_one_line_with_a_hundred_marks_makes_few_pieces() {
        let text = "{\"a\": 1}, ".repeat(100_000);
        let marks: Vec<Mark> = (0..100u32)
            .map(|i| Mark { start: (1, 1 + i * 1000), end: (1, 10 + i * 1000), kind: MarkKind::Error, message: format!("e{i}"), tag: None })
            .collect();
        let lines = render(&text, &marks);
        assert_eq!(lines.len(), 1);
        // Uncoloured (too long): a piece for each mark and each gap after one.
        assert_eq!(lines[0].len(), 200);
        assert_eq!(lines[0].iter().map(|p| p.text.as_str()).collect::<String>(), text);
        assert_eq!(token_end(&text, 1, 2), (1, 4));
    }
}
