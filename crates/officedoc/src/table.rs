//! Tables between the paragraphs of a letter (the statistical tables of an annual
//! report): cells of text on a grid of columns whose widths are fractions of the
//! type area; a cell may span columns and rows, as in HTML (a row lists only the
//! cells that start in it; the columns covered from above are skipped). The first
//! `header_rows` rows are repeated at the top of each page the table continues on.

use crate::Align;

/// 五号 (10.5 pt): nine or more columns fit the 156 mm type area.
pub const SMALL_PT: f32 = 10.5;

#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub text: String,
    /// Columns covered (at least 1).
    pub cols: usize,
    /// Rows covered (at least 1); the rows below list no cell for these columns.
    pub rows: usize,
    /// `Left`, `Center` or `Right` (the others are taken as `Left`).
    pub align: Align,
}

impl Cell {
    /// A centred cell (figures, column heads).
    pub fn new(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            cols: 1,
            rows: 1,
            align: Align::Center,
        }
    }
    /// A left-aligned cell (row labels).
    pub fn left(text: impl Into<String>) -> Cell {
        Cell {
            align: Align::Left,
            ..Cell::new(text)
        }
    }
    /// Spanning `n` columns.
    pub fn cols(self, n: usize) -> Cell {
        Cell {
            cols: n.max(1),
            ..self
        }
    }
    /// Spanning `n` rows.
    pub fn rows(self, n: usize) -> Cell {
        Cell {
            rows: n.max(1),
            ..self
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Relative column widths; scaled so that the table fills the 156 mm type area
    /// (so fractions of it, or any proportional figures).
    pub widths: Vec<f32>,
    pub rows: Vec<Vec<Cell>>,
    /// How many of the first rows are the header (repeated on each page).
    pub header_rows: usize,
    /// Size of the cells' text in points.
    pub size: f32,
}

impl Table {
    /// A table in 五号 type with no header rows.
    pub fn new(widths: Vec<f32>) -> Table {
        Table {
            widths,
            rows: Vec::new(),
            header_rows: 0,
            size: SMALL_PT,
        }
    }
    pub fn header(mut self, rows: usize) -> Table {
        self.header_rows = rows;
        self
    }
    pub fn row(mut self, cells: Vec<Cell>) -> Table {
        self.rows.push(cells);
        self
    }
    pub fn push(&mut self, cells: Vec<Cell>) {
        self.rows.push(cells);
    }

    /// Column widths as fractions summing to 1 (equal when none or all zero).
    pub fn fractions(&self) -> Vec<f32> {
        let sum: f32 = self.widths.iter().map(|w| w.max(0.0)).sum();
        if self.widths.is_empty() || sum <= 0.0 {
            let n = self.widths.len().max(1);
            return vec![1.0 / n as f32; n];
        }
        self.widths.iter().map(|w| w.max(0.0) / sum).collect()
    }

    /// Every cell on the grid, row by row, and for each slot of the grid the index
    /// of the placed cell covering it (`None` where a row has too few cells). Cells
    /// are clipped to the columns and rows of the table.
    pub fn place(&self) -> (Vec<Placed<'_>>, Vec<Vec<Option<usize>>>) {
        let ncols = self.fractions().len();
        let nrows = self.rows.len();
        let mut occ: Vec<Vec<Option<usize>>> = vec![vec![None; ncols]; nrows];
        let mut placed = Vec::new();
        for (r, cells) in self.rows.iter().enumerate() {
            let mut c = 0;
            for cell in cells {
                while c < ncols && occ[r][c].is_some() {
                    c += 1;
                }
                if c >= ncols {
                    break;
                }
                // Stop at the first column already covered from above.
                let mut cols = 0;
                while cols < cell.cols.max(1) && c + cols < ncols && occ[r][c + cols].is_none() {
                    cols += 1;
                }
                let rows = cell.rows.max(1).min(nrows - r);
                let i = placed.len();
                for row in occ.iter_mut().skip(r).take(rows) {
                    for slot in row.iter_mut().skip(c).take(cols) {
                        *slot = Some(i);
                    }
                }
                placed.push(Placed {
                    row: r,
                    col: c,
                    cols,
                    rows,
                    cell,
                });
                c += cols;
            }
        }
        (placed, occ)
    }
}

/// A cell at its place on the grid.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Placed<'a> {
    pub row: usize,
    pub col: usize,
    pub cols: usize,
    pub rows: usize,
    pub cell: &'a Cell,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_are_placed_as_in_html() {
        // | a (2 rows) | b (2 cols)  |
        // |            | c    | d    |
        // | e          | f           |   (f spans 2)
        let t = Table::new(vec![1.0, 1.0, 2.0])
            .row(vec![Cell::new("a").rows(2), Cell::new("b").cols(2)])
            .row(vec![Cell::new("c"), Cell::new("d")])
            .row(vec![Cell::new("e"), Cell::new("f").cols(5)]);
        let (p, occ) = t.place();
        let at: Vec<(&str, usize, usize, usize, usize)> = p
            .iter()
            .map(|p| (p.cell.text.as_str(), p.row, p.col, p.cols, p.rows))
            .collect();
        assert_eq!(
            at,
            [
                ("a", 0, 0, 1, 2),
                ("b", 0, 1, 2, 1),
                ("c", 1, 1, 1, 1),
                ("d", 1, 2, 1, 1),
                ("e", 2, 0, 1, 1),
                ("f", 2, 1, 2, 1),
            ]
        );
        assert_eq!(occ[1][0], Some(0));
        assert_eq!(t.fractions(), [0.25, 0.25, 0.5]);
        // A short row leaves empty slots.
        let t = Table::new(vec![1.0, 1.0]).row(vec![Cell::new("x")]);
        assert_eq!(t.place().1[0], [Some(0), None]);
    }
}
