//! A JSON editor: a plain `<textarea>` (so typing, undo, IME and screen
//! readers behave as everywhere) over a coloured copy of its text, with
//! line numbers, marks from `playground::highlight` and a list of the
//! problems that moves the caret to each one.

use playground::highlight::{self, Mark, MarkKind};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::browser;
use crate::complete::use_completion;
use crate::raw::Raw;

#[derive(Properties, PartialEq, Clone)]
pub struct EditorProps {
    pub testid: AttrValue,
    pub label: AttrValue,
    pub text: AttrValue,
    #[prop_or_default]
    pub marks: Vec<Mark>,
    #[prop_or_default]
    pub readonly: bool,
    #[prop_or_default]
    pub placeholder: AttrValue,
    pub oninput: Callback<String>,
    /// Where to put the caret (line, column), e.g. from a statement link.
    #[prop_or_default]
    pub focus: Option<(u32, u32, u64)>,
    #[prop_or_default]
    pub line_word: AttrValue,
    /// Markup shown under the problem list (the policy in words, as the
    /// helper worker wrote it); a click on a `data-at="line:column"` in it
    /// puts the caret there, as in the list.
    #[prop_or_default]
    pub after: Option<AttrValue>,
}

/// Texts with more lines than this (or longer than
/// [`highlight::MAX_COLOURED`] bytes) are drawn plain: one text node for
/// the text and one for the line numbers, instead of an element per line
/// and per coloured token — so a pasted megabyte never freezes the page.
/// Their problems are still listed under the editor.
const MAX_DRAWN_LINES: usize = 3_000;

#[function_component(Editor)]
pub fn editor(p: &EditorProps) -> Html {
    let area = use_node_ref();
    let n = p.text.bytes().filter(|&b| b == b'\n').count() + 1;
    let plain = n > MAX_DRAWN_LINES || p.text.len() > highlight::MAX_COLOURED;
    let lines = if plain { Vec::new() } else { highlight::render(&p.text, &p.marks) };
    let problems: Vec<&Mark> = p
        .marks
        .iter()
        .filter(|m| matches!(m.kind, MarkKind::Error | MarkKind::Warning | MarkKind::Security | MarkKind::Suggestion))
        .collect();
    let bad_lines: Vec<u32> = problems.iter().map(|m| m.start.0).collect();

    {
        let area = area.clone();
        use_effect_with(p.focus, move |f| {
            if let (Some((l, c, _)), Some(el)) = (f, area.cast::<web_sys::HtmlTextAreaElement>()) {
                browser::focus_position(&el, *l, *c);
            }
        });
    }

    let completion = use_completion(area.clone(), p.testid.clone(), p.readonly);
    let oninput = {
        let cb = p.oninput.clone();
        let complete = completion.oninput.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(t) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok()) {
                cb.emit(t.value());
            }
            complete.emit(e);
        })
    };
    let onmousemove = Callback::from(|e: MouseEvent| {
        let Some(t) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) else { return };
        #[allow(clippy::cast_precision_loss)]
        let msg = browser::message_at(e.client_x() as f32, e.client_y() as f32);
        if t.title() != msg {
            t.set_title(&msg);
        }
    });
    // One handler for the problem list: a click on an entry's position
    // puts the caret there (`data-at="line:column"`).
    let goto = {
        let area = area.clone();
        Callback::from(move |e: MouseEvent| {
            let at = browser::clicked(&e, "data-at");
            let Some((l, c)) = at.as_deref().and_then(|a| a.split_once(':')) else { return };
            if let (Ok(l), Ok(c), Some(el)) = (l.parse(), c.parse(), area.cast::<web_sys::HtmlTextAreaElement>()) {
                browser::focus_position(&el, l, c);
            }
        })
    };
    // The problem list only shows text (its one handler is on the list):
    // markup text, like the coloured copy.
    let problem_list = {
        let mut h = Raw::default();
        for m in &problems {
            let tag = m.tag.as_ref();
            let attrs = [
                ("class", m.kind.class()),
                ("data-testid", if tag.is_some() { "finding" } else { "" }),
                ("data-type", tag.map_or("", |t| t.0.as_str())),
                ("data-code", tag.map_or("", |t| t.1.as_str())),
            ];
            let at = format!("{}:{}", m.start.0, m.start.1);
            let mark = if m.kind == MarkKind::Error { "✗" } else { "!" };
            h.open("li", &attrs);
            h.el("button", &[("type", "button"), ("class", "linkish"), ("data-at", &at)], &format!("{mark} {at}"));
            h.text(&format!(" {}", m.message)).close("li");
        }
        h.html()
    };
    let errors = problems.iter().filter(|m| m.kind == MarkKind::Error).count();
    // The line numbers and the coloured copy only show something: written
    // as markup text (far less WebAssembly than `html!` per piece).
    let gutter = {
        let mut h = Raw::default();
        h.open("div", &[("class", "gutter"), ("aria-hidden", "true")]);
        if plain {
            h.el("div", &[("class", "ln-all")], &(1..=n).map(|i| i.to_string()).collect::<Vec<_>>().join("\n"));
        } else {
            for i in 1..=n {
                let bad = bad_lines.contains(&u32::try_from(i).unwrap_or(0));
                h.el("div", &[("class", if bad { "ln bad" } else { "ln" })], &i.to_string());
            }
        }
        h.close("div");
        h.html()
    };
    let coloured = {
        let mut h = Raw::default();
        h.open("pre", &[("class", "hl"), ("aria-hidden", "true")]);
        if plain {
            // One text node: no element per line or token.
            h.text(&p.text).text("\u{200b}");
        }
        for line in lines {
            h.open("div", &[("class", "line")]);
            for piece in line {
                match (&piece.title, piece.class.is_empty()) {
                    (None, true) => {
                        h.text(&piece.text);
                    }
                    (title, _) => {
                        h.el("span", &[("class", &piece.class), ("data-msg", title.as_deref().unwrap_or(""))], &piece.text);
                    }
                }
            }
            h.text("\u{200b}").close("div");
        }
        h.close("pre");
        h.html()
    };
    let desc_id = format!("{}-problems", p.testid);

    html! {
        <div class={classes!("editor", (errors > 0).then_some("has-errors"), p.readonly.then_some("readonly"))}>
            <div class="editor-scroll">
                { gutter }
                <div class="code">
                    { coloured }
                    <textarea
                        ref={area.clone()}
                        data-testid={p.testid.clone()}
                        aria-label={p.label.clone()}
                        aria-describedby={(!problems.is_empty()).then(|| desc_id.clone())}
                        aria-invalid={(errors > 0).then_some("true")}
                        spellcheck="false"
                        autocomplete="off"
                        autocapitalize="off"
                        wrap="off"
                        readonly={p.readonly}
                        placeholder={p.placeholder.clone()}
                        value={p.text.clone()}
                        {oninput}
                        {onmousemove}
                        onkeydown={completion.onkeydown.clone()}
                        onblur={completion.onblur.clone()}
                        aria-autocomplete="list"
                    />
                    { completion.list.clone() }
                </div>
            </div>
            if !problems.is_empty() {
                <ul class="problems" id={desc_id} onclick={goto.clone()}>
                    { problem_list }
                </ul>
            }
            if let Some(after) = &p.after {
                <div onclick={goto}>{ Html::from_html_unchecked(after.clone()) }</div>
            }
        </div>
    }
}
