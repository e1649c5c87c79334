//! Markup written as text, for the parts of the page that only show
//! something (no event handlers): every value escaped, far less
//! WebAssembly than the same tree built with `html!`.

use std::fmt::Write as _;

use yew::{AttrValue, Html};

/// `& < > "` escaped, for text and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

/// Markup being written.
#[derive(Default)]
pub struct Raw(pub String);

impl Raw {
    /// `<tag a="v" …>`; attributes with an empty value are left out.
    pub fn open(&mut self, tag: &str, attrs: &[(&str, &str)]) -> &mut Self {
        let _ = write!(self.0, "<{tag}");
        for (k, v) in attrs.iter().filter(|(_, v)| !v.is_empty()) {
            let _ = write!(self.0, " {k}=\"{}\"", esc(v));
        }
        self.0.push('>');
        self
    }

    pub fn text(&mut self, t: &str) -> &mut Self {
        self.0.push_str(&esc(t));
        self
    }

    pub fn close(&mut self, tag: &str) -> &mut Self {
        let _ = write!(self.0, "</{tag}>");
        self
    }

    /// `<tag …>text</tag>`.
    pub fn el(&mut self, tag: &str, attrs: &[(&str, &str)], t: &str) -> &mut Self {
        self.open(tag, attrs).text(t).close(tag)
    }

    /// `<option value selected>label</option>`.
    pub fn option(&mut self, value: &str, selected: bool, label: &str) -> &mut Self {
        self.el("option", &[("value", value), ("selected", if selected { "selected" } else { "" })], label)
    }

    pub fn html(self) -> Html {
        Html::from_html_unchecked(AttrValue::from(self.0))
    }
}
