//! Completion in a policy editor: the helper worker says what may be typed
//! at the caret (actions after `"Action": "`, condition operators and
//! keys, ARN templates), a list opens under the caret, and the keyboard
//! picks: ↓/↑ move, Enter or Tab insert, Escape closes; Ctrl+Space asks at
//! any time. Nothing happens while an input method is composing (Japanese
//! input), and nothing is loaded until the worker is (after first paint).

use std::rc::Rc;

use playground::assist::{self, Completion};
use yew::prelude::*;

use crate::browser;
use crate::raw::Raw;

/// The list on screen: what was offered, which item is picked, and where
/// the caret was (UTF-16 units; line and column from 0, for its place).
#[derive(Clone, PartialEq)]
struct Open {
    completion: Completion,
    caret: u32,
    selected: usize,
    line: usize,
    column: usize,
}

/// Inserts item `k` of the list on screen.
type Accept = Rc<dyn Fn(&Open, usize)>;

/// What the editor wires into its textarea, and the list to draw.
pub struct CompletionHandles {
    pub oninput: Callback<InputEvent>,
    pub onkeydown: Callback<KeyboardEvent>,
    pub onblur: Callback<FocusEvent>,
    pub list: Html,
}

thread_local! {
    static NEXT_ID: std::cell::Cell<u64> = const { std::cell::Cell::new(1) };
}

/// Completion for the textarea `area` of editor `testid`.
#[hook]
pub fn use_completion(area: NodeRef, testid: AttrValue, readonly: bool) -> CompletionHandles {
    let open = use_state(|| None::<Open>);
    let list_ref = use_node_ref();
    // The list sits under the caret: its line and column, as CSS variables
    // set through the style object (the page's CSP forbids style attributes).
    {
        let list_ref = list_ref.clone();
        use_effect_with(open.as_ref().map(|o| (o.line, o.column)), move |at| {
            if let (Some((line, column)), Some(el)) = (at, list_ref.cast::<web_sys::HtmlElement>()) {
                let style = el.style();
                let _ = style.set_property("--cl", &line.to_string());
                let _ = style.set_property("--cc", &column.to_string());
            }
        });
    }
    // The last request: its id, and the text and caret it was for.
    let asked = use_mut_ref(|| (0u64, String::new(), 0u32));
    // An item was just inserted: the `input` event it causes asks nothing.
    let inserted = use_mut_ref(|| false);

    let ask: Rc<dyn Fn()> = {
        let (area, testid, open, asked) = (area.clone(), testid.clone(), open.clone(), asked.clone());
        Rc::new(move || {
            let Some(el) = area.cast::<web_sys::HtmlTextAreaElement>() else { return };
            let (text, caret) = (el.value(), el.selection_start().ok().flatten().unwrap_or(0));
            let id = NEXT_ID.with(|n| {
                let id = n.get();
                n.set(id + 1);
                id
            });
            *asked.borrow_mut() = (id, text.clone(), caret);
            let editor = testid.to_string();
            let (testid, open, asked, area) = (editor.clone(), open.clone(), asked.clone(), area.clone());
            browser::on_answer(browser::Ask::Completion, move |answer| {
                let (id, text, caret) = asked.borrow().clone();
                let Some(c) = assist::parse_completion(&answer, &text) else {
                    open.set(None);
                    return;
                };
                // Only the answer to the last question, while the editor
                // still holds the text and caret it was asked about.
                let current = area
                    .cast::<web_sys::HtmlTextAreaElement>()
                    .is_some_and(|el| el.value() == text && el.selection_start().ok().flatten() == Some(caret));
                if c.id != id || c.editor != testid || !current {
                    return;
                }
                let before = text.get(..assist::byte_offset(&text, caret)).unwrap_or_default();
                let line = before.matches('\n').count();
                let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count());
                open.set(Some(Open { completion: c, caret, selected: 0, line, column }));
            });
            browser::ask_helper(&assist::completion_request(id, &editor, &text, caret), browser::Ask::Completion);
        })
    };

    let accept: Accept = {
        let (area, open, inserted) = (area.clone(), open.clone(), inserted.clone());
        Rc::new(move |o: &Open, k: usize| {
            let Some(el) = area.cast::<web_sys::HtmlTextAreaElement>() else { return };
            let Some((insert, _)) = o.completion.items.get(k) else { return };
            open.set(None);
            *inserted.borrow_mut() = true;
            browser::insert_text(&el, o.completion.from, o.caret, insert);
        })
    };

    let oninput = {
        let (ask, open) = (ask.clone(), open.clone());
        Callback::from(move |e: InputEvent| {
            if readonly || e.is_composing() || std::mem::take(&mut *inserted.borrow_mut()) {
                return;
            }
            // Typing a letter, `:`, `"` or `/` asks; anything else closes.
            match e.data() {
                Some(d) if d.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, ':' | '"' | '/' | '-' | '_' | '*')) => ask(),
                _ => open.set(None),
            }
        })
    };

    let onkeydown = {
        let (ask, open, accept) = (ask.clone(), open.clone(), accept.clone());
        Callback::from(move |e: KeyboardEvent| {
            if readonly || e.is_composing() {
                return;
            }
            if e.ctrl_key() && e.key() == " " {
                e.prevent_default();
                ask();
                return;
            }
            let Some(o) = (*open).clone() else { return };
            let n = o.completion.items.len();
            match e.key().as_str() {
                "ArrowDown" => open.set(Some(Open { selected: (o.selected + 1) % n, ..o })),
                "ArrowUp" => open.set(Some(Open { selected: (o.selected + n - 1) % n, ..o })),
                "Enter" | "Tab" => accept(&o, o.selected),
                "Escape" => open.set(None),
                _ => return,
            }
            e.prevent_default();
        })
    };

    let onblur = {
        let open = open.clone();
        Callback::from(move |_: FocusEvent| open.set(None))
    };

    // The list is markup text (no element per item in the WebAssembly);
    // one handler on its frame picks the item pressed (`data-k`).
    let list = match &*open {
        None => html! {},
        Some(o) => {
            let mut h = Raw::default();
            for (k, (insert, detail)) in o.completion.items.iter().enumerate() {
                let selected = k == o.selected;
                let key = k.to_string();
                let attrs = [
                    ("role", "option"),
                    ("data-testid", "completion-item"),
                    ("data-k", key.as_str()),
                    ("aria-selected", if selected { "true" } else { "false" }),
                    ("class", if selected { "selected" } else { "" }),
                ];
                h.open("li", &attrs).el("span", &[("class", "insert")], insert);
                if !detail.is_empty() {
                    h.el("span", &[("class", "detail")], detail);
                }
                h.close("li");
            }
            let pick = {
                let (accept, o) = (accept.clone(), o.clone());
                Callback::from(move |e: MouseEvent| {
                    e.prevent_default();
                    let k = browser::clicked(&e, "data-k").and_then(|k| k.parse().ok());
                    if let Some(k) = k {
                        accept(&o, k);
                    }
                })
            };
            html! {
                <ul class="complete" role="listbox" data-testid="completion" aria-label="completion" ref={list_ref.clone()} onmousedown={pick}>
                    { h.html() }
                </ul>
            }
        }
    };
    CompletionHandles { oninput, onkeydown, onblur, list }
}
