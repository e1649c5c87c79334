//! Byte ranges into a source text, and their translation to 1-based
//! line/column positions (only when shown).

/// A byte range `start..end` into one source text.
///
/// Spans are cheap to copy and carry no reference to the text; a
/// [`LineIndex`] built from the same text turns them into positions.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    /// The first byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
}

impl Span {
    /// The bytes `start..end`.
    pub const fn new(start: u32, end: u32) -> Self {
        Span { start, end }
    }

    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span { start: self.start.min(other.start), end: self.end.max(other.end) }
    }

    /// The length in bytes.
    pub fn len(self) -> u32 {
        self.end.saturating_sub(self.start)
    }

    /// Whether the span covers no byte.
    pub fn is_empty(self) -> bool {
        self.end <= self.start
    }
}

/// A 1-based line and column. Columns count Unicode scalar values, so a
/// Japanese character is one column, as an editor shows it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Position {
    /// The line, from 1.
    pub line: u32,
    /// The column in characters, from 1.
    pub column: u32,
}

/// Line starts of one text, for offset → position lookups: the line by
/// binary search, the column in constant time. A text with non-ASCII
/// characters also keeps, for every [`BLOCK`] bytes, how many characters
/// come before; a column is then the difference of two such counts, each
/// finished by counting at most `BLOCK` bytes. So thousands of errors on
/// one long line cost no more than thousands of errors on short lines.
#[derive(Clone, Debug, Default)]
pub struct LineIndex {
    line_starts: Vec<u32>,
    /// Characters before byte `k * BLOCK`, for each `k`; empty when the
    /// text is ASCII (a column is then a byte difference).
    chars_before_block: Vec<u32>,
}

/// Bytes per checkpoint of [`LineIndex`]'s character counts.
const BLOCK: usize = 64;

/// Whether `b` starts a character (is not a UTF-8 continuation byte).
fn starts_char(b: u8) -> bool {
    (b as i8) >= -0x40
}

impl LineIndex {
    /// Indexes the line starts (and, for non-ASCII text, character counts)
    /// of `text`, in one pass.
    pub fn new(text: &str) -> Self {
        let mut line_starts = vec![0u32];
        for (i, b) in text.bytes().enumerate() {
            if b == b'\n' {
                line_starts.push(u32::try_from(i + 1).unwrap_or(u32::MAX));
            }
        }
        let mut chars_before_block = Vec::new();
        if !text.is_ascii() {
            let mut chars = 0u32;
            for block in text.as_bytes().chunks(BLOCK) {
                chars_before_block.push(chars);
                let n = block.iter().filter(|&&b| starts_char(b)).count();
                chars = chars.saturating_add(u32::try_from(n).unwrap_or(u32::MAX));
            }
        }
        LineIndex { line_starts, chars_before_block }
    }

    /// Characters of `text` before byte `offset` (a character boundary).
    fn chars_before(&self, text: &str, offset: usize) -> usize {
        if self.chars_before_block.is_empty() {
            return offset;
        }
        let block = offset / BLOCK;
        let base = self.chars_before_block.get(block).copied().unwrap_or(0) as usize;
        let rest = text.as_bytes().get(block * BLOCK..offset).unwrap_or_default();
        base + rest.iter().filter(|&&b| starts_char(b)).count()
    }

    /// The position of byte `offset` in `text` (the text this index was
    /// built from). Offsets past the end map to the end; offsets inside a
    /// multi-byte character map to that character.
    pub fn position(&self, text: &str, offset: u32) -> Position {
        let mut end = (offset as usize).min(text.len());
        while end > 0 && !text.is_char_boundary(end) {
            end -= 1;
        }
        let at = u32::try_from(end).unwrap_or(u32::MAX);
        let line = match self.line_starts.binary_search(&at) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        let start = (self.line_starts.get(line).copied().unwrap_or(0) as usize).min(end);
        let column = self.chars_before(text, end).saturating_sub(self.chars_before(text, start));
        Position { line: u32::try_from(line + 1).unwrap_or(u32::MAX), column: u32::try_from(column + 1).unwrap_or(u32::MAX) }
    }

    /// Start and end positions of a span. The end position is inclusive of
    /// the span's last character (as AWS and editors report ranges).
    pub fn range(&self, text: &str, span: Span) -> (Position, Position) {
        let start = self.position(text, span.start);
        let end = if span.end > span.start {
            let mut p = self.position(text, span.end);
            // `end` is exclusive: point at the last character of the span.
            let last = self.position(text, prev_char_boundary(text, span.end));
            if last.line == p.line || p.column == 1 {
                p = last;
            }
            p
        } else {
            start
        };
        (start, end)
    }
}

fn prev_char_boundary(text: &str, offset: u32) -> u32 {
    let mut i = (offset as usize).min(text.len());
    if i == 0 {
        return 0;
    }
    i -= 1;
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    u32::try_from(i).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: u32, column: u32) -> Position {
        Position { line, column }
    }

    #[test]
    fn positions_are_one_based_and_count_characters() {
        let text = "ab\nこんにちは x\n";
        let idx = LineIndex::new(text);
        assert_eq!(idx.position(text, 0), pos(1, 1));
        assert_eq!(idx.position(text, 1), pos(1, 2));
        assert_eq!(idx.position(text, 3), pos(2, 1));
        // 'x' comes after five 3-byte characters and a space.
        let x = text.find('x').map(|i| i as u32).unwrap_or(0);
        assert_eq!(idx.position(text, x), pos(2, 7));
        assert_eq!(idx.position(text, 10_000), pos(3, 1));
    }

    #[test]
    fn range_end_points_at_last_character() {
        let text = "{\n  \"a\": 1\n}";
        let idx = LineIndex::new(text);
        let (s, e) = idx.range(text, Span::new(0, text.len() as u32));
        assert_eq!(s, pos(1, 1));
        assert_eq!(e, pos(3, 1));
        let (s, e) = idx.range(text, Span::new(4, 7));
        assert_eq!((s, e), (pos(2, 3), pos(2, 5)));
    }

    /// The position by counting from the start of the text (the obvious,
    /// slow way).
    fn naive(text: &str, offset: usize) -> Position {
        let mut end = offset.min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let before = &text[..end];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
        pos(line as u32, column as u32)
    }

    #[test]
    fn columns_agree_with_counting_from_the_start() {
        // Long lines across many checkpoints, mixed widths, offsets inside
        // characters.
        let piece = "ab\u{e9}ロール\u{1f3a9}x\n";
        let texts = ["".to_string(), "ascii only\nline two".into(), piece.repeat(40), piece.replace('\n', "").repeat(50) + "\n\nend"];
        for text in &texts {
            let idx = LineIndex::new(text);
            for offset in 0..=text.len() + 2 {
                assert_eq!(idx.position(text, offset as u32), naive(text, offset), "offset {offset} of {text:?}");
            }
        }
    }

    #[test]
    fn many_positions_on_one_long_line_are_cheap() {
        // 4 MB on one line, 100,000 lookups near its end: quadratic
        // counting would take minutes.
        let text = "ロ".repeat(1 << 20) + "x";
        let idx = LineIndex::new(&text);
        let last = (text.len() - 1) as u32;
        for k in 0..100_000u32 {
            let p = idx.position(&text, last - 3 * (k % 1000));
            assert_eq!(p.line, 1);
        }
        assert_eq!(idx.position(&text, last), pos(1, (1 << 20) + 1));
    }
}
